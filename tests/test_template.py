"""`template`: the monthly form, who gets which rows, formula-injection safety, and the round trip
through `check` (CSV and .xlsx)."""

from __future__ import annotations

import csv
import datetime as dt
import importlib.util
import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import small_plan_data
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from minsheng_cli.cli import app
from minsheng_cli.outputs.safe import _CONTROLS, FORMULA_STARTS
from minsheng_cli.outputs.safe import cell as safe_cell
from minsheng_cli.outputs.template import (
    AS_OF,
    ID,
    NOTE,
    REPORTER,
    VALUE,
    build_form,
    default_as_of,
    role,
)
from minsheng_cli.plan.load import load_plan
from minsheng_cli.plan.model import Plan

runner = CliRunner()
READER_HEADERS = [ID, AS_OF, VALUE, REPORTER, NOTE]


@pytest.fixture(scope="module")
def plan_2023() -> Plan:
    return load_plan(Path(__file__).resolve().parent.parent / "plans" / "2023.yaml")


def write_plan(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    return write_plan(tmp_path, small_plan_data())


def read_csv(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "CSV must carry a BOM for Excel and WPS"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def read_xlsx(path: Path) -> tuple[list[str], list[list[Any]]]:
    from openpyxl import load_workbook

    sheet = load_workbook(path).active
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    return [str(h) for h in rows[0]], rows[1:]


# ── who gets which rows ─────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize(("reporter", "project", "expected"), [
    ("区卫生局", 1, "lead"),  # a lead unit of project 1
    ("区教育局", 1, "responsible"),
    ("新塘镇", 1, "responsible"),  # 各镇街
    ("新塘镇", 2, "responsible"),  # named
    ("新塘镇人民政府", 4, "responsible"),  # 各镇街道, with the government suffix dropped
    ("荔城街道", 9, "responsible"),  # 各乡镇、街道
    ("派潭镇", 10, "responsible"),  # 城镇和街道 (project 10's back-translated list)
    ("宁西街道", 3, "lead"),
    ("区卫生局", 2, None),
    ("派潭镇", 3, None),  # project 3 names three towns, not all of them
    ("区财政局", 3, None),
])
def test_role_of_a_reporter(plan_2023: Plan, reporter: str, project: int,
                            expected: str | None) -> None:
    proj = next(p for p in plan_2023.projects if p.number == project)
    assert role(proj, reporter) == expected


def test_without_reporter_every_indicator_has_a_row(plan_2023: Plan) -> None:
    form = build_form(plan_2023, as_of=dt.date(2023, 7, 1))
    headers = [c.header for c in form.columns]
    assert set(READER_HEADERS) <= set(headers) and "职责" not in headers
    assert [r[0] for r in form.rows] == [i.id for _, i in plan_2023.indicators()]
    assert all(r[headers.index(REPORTER)] is None for r in form.rows)


def test_a_lead_unit_gets_the_rows_it_reports_under_its_canonical_name(plan_2023: Plan) -> None:
    # the plan text's 区卫生局 is 区卫生健康局; the family-education rows are 区妇联's
    form = build_form(plan_2023, as_of=dt.date(2023, 7, 1), reporter="区卫生局")
    assert [r[0] for r in form.rows] == [
        "p1.screening_notice", "p1.screening_supervision", "p1.prenatal_screening_republicity",
        "p1.cancer_screening", "p1.prenatal_screening"]
    headers = [c.header for c in form.columns]
    assert {r[headers.index("职责")] for r in form.rows} == {"报全区数"}
    assert {r[headers.index(REPORTER)] for r in form.rows} == {"区卫生健康局"}


def test_a_towns_form_shows_its_own_share(plan_2023: Plan) -> None:
    # 中新镇 lays 174.1 km of pipe by March and 317.4 km in all (phases 1 and 2, 中心镇 in the text)
    form = build_form(plan_2023, as_of=dt.date(2023, 3, 1), reporter="中新镇人民政府",
                      fill_as_of=True)
    headers = [c.header for c in form.columns]
    pipe = next(r for r in form.rows if r[0] == "p6.water_pipe_km")
    assert (pipe[headers.index("本期应完成")], pipe[headers.index("年度任务")]) == (174.1, 317.4)
    assert pipe[headers.index(AS_OF)] == dt.date(2023, 3, 1)
    assert pipe[headers.index(REPORTER)] == "中新镇"
    assert "年度目标" not in headers and "下一节点目标" not in headers


def test_next_checkpoint_and_target_as_of_the_date(plan_file: Path) -> None:
    rows = read_csv(runner.invoke(app, ["template", "--plan", str(plan_file), "--as-of",
                                        "2023-05-15"]).stdout_bytes)
    piles = next(r for r in rows if r[ID] == "p10.charging_piles")
    assert (piles["下一节点日期"], piles["下一节点目标"], piles["年度目标"]) == (
        "2023-06-30", "200", "450")
    meeting = next(r for r in rows if r[ID] == "p10.meeting")  # due in March: still owed
    assert meeting["下一节点日期"] == "2023-03-31"
    # --as-of given: the form is for that date; the figures are left to the office
    assert all(r[AS_OF] == "2023-05-15" and r[VALUE] == r[NOTE] == "" for r in rows)


@pytest.mark.parametrize(("today", "expected"), [
    (dt.date(2022, 11, 5), dt.date(2023, 1, 1)), (dt.date(2023, 8, 9), dt.date(2023, 8, 9)),
    (dt.date(2024, 2, 1), dt.date(2023, 12, 31))])
def test_default_as_of_is_today_clipped_into_the_plan_year(small_plan: Plan, today: dt.date,
                                                           expected: dt.date) -> None:
    assert default_as_of(small_plan, today) == expected


def test_unknown_reporter_exits_2_with_a_suggestion(tmp_path: Path) -> None:
    result = runner.invoke(app, ["template", "-r", "区卫生建康局", "-o", str(tmp_path / "f.csv")])
    assert result.exit_code == 2
    assert "区卫生健康局" in result.stderr and "Traceback" not in result.output
    assert not (tmp_path / "f.csv").exists()


def test_reporter_outside_the_project_says_where_it_is_named() -> None:
    result = runner.invoke(app, ["template", "-r", "区卫生局", "-p", "3", "--lang", "en"])
    assert result.exit_code == 2 and "project 1" in result.stderr


def test_a_lead_unit_that_reports_nothing_is_told_so_not_offered_its_own_name() -> None:
    # 区水务局 leads project 6; other units report its progress. It was offered "区水务局 或
    # 区税务局 或 区水利局" — itself and an alias of itself.
    result = runner.invoke(app, ["template", "-r", "区水务局"])
    assert result.exit_code == 2
    assert result.stderr.strip() == ("错误：计划中没有由 区水务局 报送的指标：它是第 6 项的牵头单位，"
                                     "这些项目的进度由其他单位报送，它无需填写报表")


def test_english_names_but_chinese_headers(plan_file: Path) -> None:
    result = runner.invoke(app, ["template", "--plan", str(plan_file), "--lang", "en"])
    rows = read_csv(result.stdout_bytes)
    assert set(READER_HEADERS) <= set(rows[0])
    assert rows[0]["指标名称"] == "Charging piles" and rows[0]["项目"] == "10 Transport"
    assert rows[1]["填报说明"] == "1 when done, 0 if not yet"


# ── files: formats, overwriting, bad paths ──────────────────────────────────────────────────────

def test_xlsx_protects_context_columns_and_formats_dates(tmp_path: Path, plan_file: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "form.xlsx"
    result = runner.invoke(app, ["template", "--plan", str(plan_file), "-r", "区科工信局",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out).active
    headers = [c.value for c in sheet[1]]
    col = {h: i + 1 for i, h in enumerate(headers)}
    assert sheet.protection.sheet
    assert sheet.cell(2, col[AS_OF]).protection.locked is False
    assert sheet.cell(2, col[VALUE]).protection.locked is False
    assert sheet.cell(2, col["指标名称"]).protection.locked is True
    assert sheet.cell(2, col[ID]).protection.locked is True
    assert sheet.cell(2, col[AS_OF]).number_format == "yyyy-mm-dd"
    kinds = {dv.type for dv in sheet.data_validations.dataValidation}
    assert kinds == {"date", "decimal"}
    assert sheet.cell(2, col[REPORTER]).value == "区科工信局"


def test_existing_file_is_kept_unless_force(tmp_path: Path, plan_file: Path) -> None:
    out = tmp_path / "form.csv"
    out.write_text("keep me", encoding="utf-8")
    result = runner.invoke(app, ["template", "--plan", str(plan_file), "-o", str(out)])
    assert result.exit_code == 2 and "--force" in result.stderr
    assert out.read_text(encoding="utf-8") == "keep me"
    result = runner.invoke(app, ["template", "--plan", str(plan_file), "-o", str(out), "--force"])
    assert result.exit_code == 0 and len(read_csv(out.read_bytes())) == 4


@pytest.mark.parametrize("args", [
    ["-o", "{tmp}/missing-dir/form.csv"], ["-o", "{tmp}/form.txt"], ["-o", "{tmp}"],
    ["--as-of", "2023-13-01"], ["--as-of", "2022-12-31"], ["--as-of", "soon"],
    ["--plan", "{tmp}/no-such-plan.yaml"], ["--project", "11"],
])
def test_bad_input_exits_2_without_a_traceback_or_a_file(tmp_path: Path, args: list[str]) -> None:
    before = set(tmp_path.rglob("*"))
    result = runner.invoke(app, ["template", *(a.format(tmp=tmp_path) for a in args)])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() and "Traceback" not in result.output
    assert set(tmp_path.rglob("*")) == before


def test_an_unwritable_directory_exits_2(tmp_path: Path, plan_file: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = runner.invoke(app, ["template", "--plan", str(plan_file), "-o",
                                     str(locked / "form.csv")])
        if result.exit_code == 0:  # root ignores permissions
            pytest.skip("running as root: directory permissions are not enforced")
        assert result.exit_code == 2 and "cannot write" in result.stderr
        assert not (locked / "form.csv").exists()
    finally:
        locked.chmod(0o700)


def test_template_and_help_do_not_import_pandas() -> None:
    code = ("import sys; from minsheng_cli.cli import app\n"
            "from typer.testing import CliRunner\n"
            "r = CliRunner().invoke(app, ['template', '--help']); assert r.exit_code == 0\n"
            "r = CliRunner().invoke(app, ['report', '--help']); assert r.exit_code == 0\n"
            "r = CliRunner().invoke(app, ['template', '-r', '新塘镇']); assert r.exit_code == 0\n"
            "assert 'pandas' not in sys.modules and 'matplotlib' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)


# ── formula injection ───────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("text", ["=1+2", "+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "\0=1",
                                  "=HYPERLINK(\"http://x\",\"y\")", "＝1+1"])
def test_formula_starts_are_neutralized(text: str) -> None:
    assert safe_cell(text).startswith("'")


@given(st.text())
def test_safe_cell_never_starts_a_formula(text: str) -> None:
    out = safe_cell(text)
    assert not out.startswith(FORMULA_STARTS)
    # a cell changes only by the ' prefix, or where it holds a control character (shown visibly)
    controls = re.compile(f"[{_CONTROLS}\ufffe\uffff\r]")
    assert out == text or out.startswith("'") or controls.search(text)


@pytest.mark.parametrize("value", [0, -5, 3.25, 1e6, None, dt.date(2023, 1, 1)])
def test_numbers_and_dates_stay_as_they_are(value: object) -> None:
    assert safe_cell(value) == value


def test_data_from_the_plan_and_options_cannot_inject(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    data = small_plan_data()
    project = data["projects"][0]
    project["name"]["zh"] = "=cmd|' /C calc'!A0"
    project["lead_units"] = ["@SUM(1+1)*cmd", "区科工信局"]
    project["indicators"][0]["name"]["zh"] = '=HYPERLINK("http://evil","点我")'
    project["indicators"][0]["unit"]["zh"] = "-1+1"
    plan_file = write_plan(tmp_path, data)
    args = ["template", "--plan", str(plan_file), "-r", "区科工信局"]
    rows = read_csv(runner.invoke(app, args).stdout_bytes)
    assert rows[0]["项目"] == "10 =cmd|' /C calc'!A0"  # not at the start: harmless
    assert rows[0]["指标名称"].startswith("'=HYPERLINK")
    assert rows[0]["计量单位"] == "'-1+1"
    assert rows[0]["牵头单位"].startswith("'@SUM")
    assert rows[0]["下一节点目标"].lstrip("-").isdigit()  # numbers stay numbers
    out = tmp_path / "form.xlsx"
    assert runner.invoke(app, [*args, "-o", str(out)]).exit_code == 0
    sheet = load_workbook(out).active
    cells = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert not [t for t in texts if t.startswith(FORMULA_STARTS)]
    assert any(isinstance(c.value, int | float) for c in cells)


# ── round trip through check ────────────────────────────────────────────────────────────────────

PILES = "p10.charging_piles"
needs_reader = pytest.mark.skipif(importlib.util.find_spec("minsheng_cli.actuals") is None,
                                  reason="the actuals reader (minsheng_cli.actuals) is not there")

# (as_of, value) the office enters for each indicator of the small plan, and the verdict `check`
# must then give at 2023-06-30.
FILLED = {
    "p10.charging_piles": ("2023-06-30", 150, "overdue"),  # June's checkpoint is 200
    "p10.meeting": ("2023-03-20", 1, "done"),
    "p10.rate": ("2023-06-30", 96.5, "done"),
    "p10.accidents": ("2023-06-30", 4, "on_track"),
}


def check_statuses(path: Path, plan_file: Path) -> dict[str, str]:
    result = runner.invoke(app, ["check", str(path), "--plan", str(plan_file), "--as-of",
                                 "2023-06-30", "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    return {row["indicator"]: row["status"] for row in json.loads(result.stdout)}


@needs_reader
def test_a_filled_csv_template_goes_through_check(tmp_path: Path, plan_file: Path) -> None:
    out = tmp_path / "form.csv"
    result = runner.invoke(app, ["template", "--plan", str(plan_file), "-r", "区科工信局",
                                 "--as-of", "2023-06-30", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    head = rows[0]
    for row in rows[1:]:
        when, value, _ = FILLED[row[head.index(ID)]]
        row[head.index(AS_OF)], row[head.index(VALUE)] = when, str(value)
        row[head.index(NOTE)] = "=not a formula, just a note"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    out.write_bytes(buffer.getvalue().encode("utf-8-sig"))  # as Excel saves "CSV UTF-8"
    assert check_statuses(out, plan_file) == {k: v[2] for k, v in FILLED.items()}


@needs_reader
def test_a_filled_xlsx_template_goes_through_check(tmp_path: Path, plan_file: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "form.xlsx"
    result = runner.invoke(app, ["template", "--plan", str(plan_file), "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = load_workbook(out)
    sheet = book.active
    head = [c.value for c in sheet[1]]
    for r in range(2, sheet.max_row + 1):
        when, value, _ = FILLED[sheet.cell(r, head.index(ID) + 1).value]
        sheet.cell(r, head.index(AS_OF) + 1).value = dt.datetime.fromisoformat(when)
        sheet.cell(r, head.index(VALUE) + 1).value = value
        sheet.cell(r, head.index(REPORTER) + 1).value = "区科工信局"
    book.save(out)
    assert check_statuses(out, plan_file) == {k: v[2] for k, v in FILLED.items()}


@needs_reader
def test_a_town_fills_the_2023_template_and_check_reads_it(tmp_path: Path) -> None:
    out = tmp_path / "新塘镇.csv"
    assert runner.invoke(app, ["template", "-r", "新塘镇", "--as-of", "2023-07-31", "-o",
                               str(out)]).exit_code == 0
    rows = read_csv(out.read_bytes())
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, AS_OF: "2023/7/31", VALUE: "0"})
    out.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    result = runner.invoke(app, ["check", str(out), "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    reported = {r["indicator"] for r in json.loads(result.stdout) if r["reporters"]}
    # the town's form holds what the plan has the towns report, and check counts every row
    assert reported == {r[ID] for r in rows} == {
        "p4.zcmm_sites_selected", "p4.zcmm_sites_built", "p4.joint_centres_plaques",
        "p4.joint_centres_operational", "p5.rental_housing_units"}


@needs_reader
def test_a_partly_filled_template_goes_through_check(tmp_path: Path, plan_file: Path) -> None:
    out = tmp_path / "form.csv"
    assert runner.invoke(app, ["template", "--plan", str(plan_file), "-r", "区科工信局", "-o",
                               str(out)]).exit_code == 0
    rows = read_csv(out.read_bytes())
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    for row in rows:  # only the meeting is filled in; the other rows stay as the template has them
        writer.writerow({**row, AS_OF: "2023-03-20", VALUE: "1"} if row[ID] == "p10.meeting"
                        else row)
    out.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    statuses = check_statuses(out, plan_file)
    assert statuses["p10.meeting"] == "done" and statuses[PILES] == "no_report"


def test_the_forms_lead_units_are_named_as_the_registry_names_them() -> None:
    # the plan quotes 区交通局 as the text has it; the form names the unit that exists, as the
    # 通报 does (区交通运输局)
    result = CliRunner().invoke(app, ["template", "-p", "6"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    leads = {row["牵头单位"] for row in rows}
    assert any("区交通运输局" in lead for lead in leads)
    assert not any("区交通局" in lead.split("、") for lead in leads)
