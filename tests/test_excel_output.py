"""`check -o` and `list -o`: files for Excel and WPS (CSV in UTF-8 with a BOM, or .xlsx), every
text cell formula-safe; what goes to stdout stays as it was."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, small_plan_data
from typer.testing import CliRunner

from minsheng_cli.cli import app

runner = CliRunner()
TOWNS = ROOT / "examples" / "2023-09-towns.csv"


def hostile_plan(tmp_path: Path) -> Path:
    data = small_plan_data()
    data["projects"][0]["indicators"][0]["name"]["zh"] = "=HYPERLINK(\"http://x\",\"点我\")"
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def read_csv(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "no BOM: Excel on Chinese Windows shows mojibake"
    assert b"\r\n" in raw
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def read_xlsx(path: Path) -> tuple[str, list[dict[str, object]]]:
    from openpyxl import load_workbook

    sheet = load_workbook(path).active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    # keyed by each header's comment: the field's name (the header itself is for people)
    fields = [c.comment.text if c.comment else c.value for c in sheet[1]]
    return sheet.title, [dict(zip(fields, r, strict=True)) for r in rows[1:]]


@pytest.mark.parametrize(("lang", "heads"), [("zh", ["项目", "项目名称", "指标编号"]),
                                             ("en", ["Project", "Project name", "Indicator id"])])
def test_a_workbook_is_headed_in_the_language_and_names_its_fields(
        tmp_path: Path, lang: str, heads: list[str]) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "节点.xlsx"
    assert runner.invoke(app, ["list", "-o", str(out), "--lang", lang]).exit_code == 0
    sheet = load_workbook(out).active
    assert sheet is not None
    assert [c.value for c in sheet[1]][:3] == heads
    assert [c.comment.text for c in sheet[1] if c.comment][:3] == ["project", "project_name",
                                                                   "indicator"]


def test_check_to_csv_has_the_csv_columns_not_json_lists(tmp_path: Path) -> None:
    out = tmp_path / "检查结果.csv"
    runner.invoke(app, ["check", str(TOWNS), "-o", str(out)])
    rows = read_csv(out)
    assert "sources" not in rows[0] and "status_label" in rows[0]
    assert not any("{'" in v for r in rows for v in r.values())


def test_list_to_csv_has_a_bom_and_no_formula(tmp_path: Path) -> None:
    out = tmp_path / "节点.csv"
    result = runner.invoke(app, ["list", "--plan", str(hostile_plan(tmp_path)), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    rows = read_csv(out)
    assert rows[0]["name"].startswith("'=HYPERLINK"), rows[0]["name"]
    assert rows[0]["target"] == "70"


def test_list_to_xlsx_is_a_workbook_with_numbers_and_safe_text(tmp_path: Path) -> None:
    out = tmp_path / "节点.xlsx"
    result = runner.invoke(app, ["list", "--plan", str(hostile_plan(tmp_path)), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    title, rows = read_xlsx(out)
    assert title == "计划节点"
    assert str(rows[0]["name"]).startswith("'=") and rows[0]["target"] == 70


def test_list_to_stdout_is_as_it_was() -> None:
    result = runner.invoke(app, ["list", "--format", "csv", "-p", "10"])
    assert result.exit_code == 0 and not result.stdout.startswith("\ufeff")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_check_to_a_file(tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"检查结果{suffix}"
    result = runner.invoke(app, ["check", str(TOWNS), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 1, result.stderr  # some indicators are overdue: the exit code says so
    assert "┃" not in result.stdout  # the table is not printed as well
    rows = read_csv(out) if suffix == ".csv" else read_xlsx(out)[1]
    assert {r["indicator"] for r in rows} >= {"p10.charging_piles"}
    assert {r["status"] for r in rows} <= {"done", "on_track", "at_risk", "overdue", "no_report",
                                           "not_due"}
    if suffix == ".xlsx":
        assert read_xlsx(out)[0] == "Check"


def test_check_refuses_a_file_it_cannot_write_before_any_work(tmp_path: Path) -> None:
    out = tmp_path / "结果.txt"
    result = runner.invoke(app, ["check", str(TOWNS), "-o", str(out)])
    assert result.exit_code == 2 and not out.exists()
    existing = tmp_path / "结果.csv"
    existing.write_text("old", encoding="utf-8")
    result = runner.invoke(app, ["check", str(TOWNS), "-o", str(existing)])
    assert result.exit_code == 2 and existing.read_text(encoding="utf-8") == "old"
    result = runner.invoke(app, ["check", str(TOWNS), "-o", str(existing), "--force"])
    assert result.exit_code == 1 and read_csv(existing)


@pytest.mark.parametrize(("lang", "said"), [("zh", "已生成"), ("en", "wrote")])
def test_writing_a_file_says_where_it_went(tmp_path: Path, lang: str, said: str) -> None:
    out = tmp_path / "节点.csv"
    result = runner.invoke(app, ["list", "-o", str(out), "--lang", lang])
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr.strip().startswith(f"{said} {out}")
    assert f"{out.stat().st_size:,}" in result.stderr
