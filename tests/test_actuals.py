"""Actuals files: reading what offices report, and locating every bad cell."""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minsheng_cli import dates
from minsheng_cli.actuals import COLUMNS, Actuals, cells, load_actuals
from minsheng_cli.plan.model import Plan
from minsheng_cli.problems import Problem, ProblemsError

DATA = Path(__file__).parent / "data" / "actuals"
PILES, MEETING, RATE = "p10.charging_piles", "p10.meeting", "p10.rate"
KM = "p10.water_pipes"
HEAD = "指标编号,截至日期,累计完成\n"
D = dt.date


@pytest.fixture(scope="module")
def plan() -> Plan:
    """A quantity (targets 70/200/340/450), an event and a rate."""
    return Plan.model_validate({
        "year": 2023, "issuer": "区政府办公室", "title": "测试计划", "issued": "2023-04-06",
        "projects": [{
            "number": 10, "name": {"zh": "交通", "en": "Transport"}, "leaders": ["张文杰"],
            "lead_units": ["区科工信局"], "overview": "新建充电桩450个",
            "indicators": [
                {"id": PILES, "name": {"zh": "充电桩", "en": "Charging piles"},
                 "unit": {"zh": "个", "en": "piles"}, "kind": "quantity",
                 "checkpoints": [{"due": "2023-03", "target": 70, "source": "70"},
                                 {"due": "2023-06", "target": 200, "source": "130"},
                                 {"due": "2023-09", "target": 340, "source": "140"},
                                 {"due": "2023-12", "target": 450, "source": "110"}]},
                {"id": MEETING, "name": {"zh": "专题会议", "en": "Special meeting"},
                 "unit": {"zh": "项", "en": "milestone"}, "kind": "event",
                 "checkpoints": [{"due": "2023-03", "target": 1, "source": "会议"}]},
                {"id": KM, "name": {"zh": "供水管网", "en": "Water pipes"},
                 "unit": {"zh": "公里", "en": "km"}, "kind": "quantity",
                 "checkpoints": [{"due": "2023-12", "target": 404, "source": "404公里"}]},
                {"id": RATE, "name": {"zh": "完好率", "en": "Working rate"},
                 "unit": {"zh": "%", "en": "%"}, "kind": "rate",
                 "checkpoints": [{"due": "2023-12", "target": 95, "source": "95%"}]},
            ],
        }],
    })


def write(tmp_path: Path, text: str, name: str = "actuals.csv", encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def load(path: Path, plan: Plan) -> Actuals:
    before = path.read_bytes() if path.is_file() else None
    try:
        return load_actuals(path, plan)
    finally:
        assert (path.read_bytes() if path.is_file() else None) == before, "the input was modified"


def problems(path: Path, plan: Plan) -> list[Problem]:
    """Every problem loading `path` raises; the file must be left as it was."""
    with pytest.raises(ProblemsError) as caught:
        load(path, plan)
    assert caught.value.problems, "ProblemsError without problems"
    for problem in caught.value.problems:
        assert problem.file == str(path)
    return caught.value.problems


def only(path: Path, plan: Plan) -> Problem:
    found = [p for p in problems(path, plan) if p.severity == "error"]
    assert len(found) == 1, found
    return found[0]


def one_value(tmp_path: Path, plan: Plan, cell: str, indicator: str = PILES) -> float:
    frame = load(write(tmp_path, f"{HEAD}{indicator},2023-06-30,{cell}\n"), plan).frame
    assert len(frame) == 1
    return float(frame["value"].iloc[0])


def one_date(tmp_path: Path, plan: Plan, cell: str) -> dt.date:
    frame = load(write(tmp_path, f"{HEAD}{PILES},{cell},10\n"), plan).frame
    assert len(frame) == 1
    return frame["as_of"].iloc[0].date()


# ---------------------------------------------------------------- reading files


def test_utf8_csv_gives_the_normalized_frame(tmp_path: Path, plan: Plan) -> None:
    path = write(tmp_path, "indicator,as_of,value,reporter,note\n"
                           f"{PILES},2023-03-31,72,区科工信局,\n"
                           f"{PILES},2023-06-30,205,区科工信局,on track\n"
                           f"{MEETING},2023-03-20,1,,\n")
    actuals = load(path, plan)
    assert actuals.file == str(path)
    assert actuals.encoding == "utf-8"
    assert actuals.warnings == []
    frame = actuals.frame
    assert list(frame.columns) == COLUMNS
    assert frame["as_of"].dtype == np.dtype("datetime64[ns]")
    assert frame["value"].dtype == np.float64
    assert frame["row"].dtype == np.int64
    assert all(pd.api.types.is_string_dtype(frame[c]) for c in ("indicator", "reporter", "note"))
    assert isinstance(frame["sheet"].dtype, pd.CategoricalDtype)
    assert frame["sheet"].isna().all()  # a CSV has no sheets
    assert set(frame["file"]) == {str(path)}  # every row knows where it came from
    assert frame.drop(columns=["sheet", "file"]).to_dict("records") == [
        {"indicator": PILES, "as_of": pd.Timestamp("2023-03-31"), "value": 72.0,
         "reporter": "区科工信局", "note": "", "row": 2},
        {"indicator": PILES, "as_of": pd.Timestamp("2023-06-30"), "value": 205.0,
         "reporter": "区科工信局", "note": "on track", "row": 3},
        {"indicator": MEETING, "as_of": pd.Timestamp("2023-03-20"), "value": 1.0,
         "reporter": "", "note": "", "row": 4},
    ]


def test_utf8_bom(plan: Plan) -> None:
    actuals = load(DATA / "good" / "english_bom.csv", plan)
    assert actuals.encoding == "utf-8-sig"
    assert actuals.frame["value"].tolist() == [70, 205]
    assert actuals.frame["note"].tolist() == ["", "on track"]


def test_gbk_template_with_title_row_and_context_columns(plan: Plan) -> None:
    actuals = load(DATA / "good" / "template_gbk.csv", plan)
    assert actuals.encoding == "gb18030"
    assert [w.code for w in actuals.warnings] == ["encoding-guessed"]
    assert "GB18030" in actuals.warnings[0].message
    frame = actuals.frame
    assert frame["indicator"].tolist() == [PILES, PILES, MEETING, RATE]
    assert frame["as_of"].dt.date.tolist() == [D(2023, 3, 31), D(2023, 6, 30), D(2023, 3, 31),
                                               D(2023, 6, 30)]
    assert frame["value"].tolist() == [72, 1210, 1, 96]
    assert frame["reporter"].tolist() == ["区科工信局", "区发改局", "区科工信局", "区科工信局"]
    assert frame["note"].tolist() == ["", "含专用桩", "", ""]
    assert frame["row"].tolist() == [3, 4, 5, 6]  # title row 1, header row 2


def test_utf16_with_bom(tmp_path: Path, plan: Plan) -> None:
    path = write(tmp_path, f"{HEAD}{PILES},2023-06-30,200\n", encoding="utf-16")
    actuals = load(path, plan)
    assert actuals.encoding == "utf-16"
    assert actuals.frame["value"].tolist() == [200]


@pytest.mark.parametrize("sep", ["\t", ";"])
def test_tab_and_semicolon_separated(tmp_path: Path, plan: Plan, sep: str) -> None:
    path = write(tmp_path, f"指标编号{sep}截至日期{sep}累计完成{sep}备注\n"
                           f"{PILES}{sep}2023-06-30{sep}5,000{sep}a, b\n")
    frame = load(path, plan).frame
    assert frame["value"].tolist() == [5000]
    assert frame["note"].tolist() == ["a, b"]


def test_tsv_fixture(plan: Plan) -> None:
    frame = load(DATA / "good" / "tabs.tsv", plan).frame
    assert frame[["indicator", "value"]].values.tolist() == [[PILES, 200]]


def test_headers_ignore_case_space_and_full_width(tmp_path: Path, plan: Plan) -> None:
    path = write(tmp_path, "\ufeff  Indicator ,ＡＳ＿ＯＦ,VALUE\u3000,Reporter,NOTE\n"
                           f"{PILES},2023-06-30,200,x,y\n")
    frame = load(path, plan).frame
    assert frame[["value", "reporter", "note"]].values.tolist() == [[200, "x", "y"]]


def test_merged_header_above_is_read(tmp_path: Path, plan: Plan) -> None:
    # 指标编号 spans rows 2-3 in the workbook; 进展 spans the two columns below it.
    path = write(tmp_path, "2023年进度表,,\n指标编号,进展,\n,截至日期,累计完成\n"
                           f"{PILES},2023-06-30,200\n")
    frame = load(path, plan).frame
    assert frame[["indicator", "value", "row"]].values.tolist() == [[PILES, 200, 4]]


def test_blank_rows_are_skipped_and_rows_keep_their_numbers(tmp_path: Path, plan: Plan) -> None:
    path = write(tmp_path, f"{HEAD}\n{PILES},2023-03-31,70\n,,\n\n{PILES},2023-06-30,200\n,,\n")
    assert load(path, plan).frame["row"].tolist() == [3, 6]


def test_rows_left_unfilled_are_not_reports(tmp_path: Path, plan: Plan) -> None:
    path = write(tmp_path, "指标编号,截至日期,累计完成,填报单位,备注\n"
                           f"{PILES},,,区科工信局,\n{MEETING},2023-03-20,1,区科工信局,\n"
                           f"{RATE}, , ,区科工信局,下月填报\n")
    assert load(path, plan).frame[["indicator", "row"]].values.tolist() == [[MEETING, 3]]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_windows_and_old_mac_line_ends(tmp_path: Path, plan: Plan, newline: str) -> None:
    text = f"title\n\n{HEAD}{PILES},2023-03-31,70\n\n{PILES},2023-06-30,200\n"
    frame = load(write(tmp_path, text.replace("\n", newline)), plan).frame
    assert frame[["value", "row"]].values.tolist() == [[70, 4], [200, 6]]


def test_rows_with_missing_or_extra_fields(tmp_path: Path, plan: Plan) -> None:
    path = write(tmp_path, "指标编号,截至日期,累计完成,备注\n"
                           f"{PILES},2023-03-31,70\n{PILES},2023-06-30,200,note,,\n")
    frame = load(path, plan).frame  # empty cells beyond the header are padding
    assert frame[["value", "note"]].values.tolist() == [[70, ""], [200, "note"]]


@pytest.mark.parametrize("rows", [
    f"{PILES},2023-03-31,70\n{PILES},2023-06-30,5,000,区科工信局\n",  # ragged: pandas reads it
    f"{PILES},2023-06-30,5,000,区科工信局\n",  # every row as long: Arrow reads it
])
def test_a_row_with_more_cells_than_the_header_is_located(tmp_path: Path, plan: Plan,
                                                          rows: str) -> None:
    # 5,000 without quotes: the value reads 5 and the reporter 000, unless refused
    problem = only(write(tmp_path, f"{HEAD.strip()},填报单位\n{rows}"), plan)
    assert (problem.code, problem.line, problem.column) == ("extra-cells", rows.count("\n") + 1, 5)
    assert '"5,000"' in problem.message and '"区科工信局"' in problem.message


def test_extra_columns_are_ignored(tmp_path: Path, plan: Plan) -> None:
    path = write(tmp_path, "项目,指标名称,指标编号,单位,截至日期,累计完成,下一节点,填报单位\n"
                           f"十、交通,充电桩,{PILES},个,2023-06-30,200,9月底340个,区科工信局\n")
    frame = load(path, plan).frame
    assert frame[["indicator", "value", "reporter"]].values.tolist() == [[PILES, 200, "区科工信局"]]


def test_cells_that_look_like_numbers_stay_text(tmp_path: Path, plan: Plan) -> None:
    # read_csv would turn a column of 2023.10 and 2023.6 into the floats 2023.1 and 2023.6
    path = write(tmp_path, f"{HEAD.strip()},填报单位\n{PILES},2023.6,70,007\n"
                           f"{PILES},2023.10,80,007\n")
    frame = load(path, plan).frame
    assert frame["as_of"].dt.date.tolist() == [D(2023, 6, 30), D(2023, 10, 31)]
    assert frame["reporter"].tolist() == ["007", "007"]


def test_exact_duplicates_are_dropped(tmp_path: Path, plan: Plan) -> None:
    path = write(tmp_path, f"{HEAD}{PILES},2023-06-30,200\n{PILES},2023-06-30,200\n"
                           f"{PILES},2023-6-30,200\n")
    frame = load(path, plan).frame
    assert frame["row"].tolist() == [2]


def test_several_reporters_of_one_indicator(tmp_path: Path, plan: Plan) -> None:
    path = write(tmp_path, f"{HEAD.strip()},填报单位\n{PILES},2023-06-30,120,荔城街\n"
                           f"{PILES},2023-06-30,80,新塘镇\n{PILES},2023-06-30,80, 新塘镇 \n")
    frame = load(path, plan).frame
    assert frame[["reporter", "value"]].values.tolist() == [["荔城街", 120], ["新塘镇", 80]]


# ---------------------------------------------------------------- Excel


def xlsx(tmp_path: Path, rows: list[list[Any]], name: str = "actuals.xlsx",
         edit: Callable[[Any], None] | None = None, cached: dict[str, str] | None = None) -> Path:
    """A workbook with `rows` from A1; `cached` gives formulas a saved result, as Excel does."""
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    if edit:
        edit(sheet)
    path = tmp_path / name
    book.save(path)
    if cached:
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        xml = parts["xl/worksheets/sheet1.xml"].decode()
        for ref, value in cached.items():
            xml = re.sub(rf'(<c r="{ref}"[^>]*>.*?</f>)<v\s*(?:/>|></v>)', rf"\1<v>{value}</v>", xml)
        parts["xl/worksheets/sheet1.xml"] = xml.encode()
        with zipfile.ZipFile(path, "w") as z:
            for n, data in parts.items():
                z.writestr(n, data)
    return path


def test_xlsx_with_title_row_cells_and_formula(tmp_path: Path, plan: Plan) -> None:
    def style(sheet: Any) -> None:
        sheet.merge_cells("A1:E1")
        sheet["C6"].number_format = "0%"

    path = xlsx(tmp_path, [
        ["增城区2023年民生十大实事进度"],
        ["指标编号", "截至日期", "累计完成", "填报单位", "备注"],
        [PILES, dt.datetime(2023, 3, 31), 72, "区科工信局", None],
        [PILES, dt.datetime(2023, 6, 30, 17, 45), "=C3+130", "区科工信局", "公式"],
        [MEETING, 45107, "是", None, None],
        [RATE, "2023年6月", 0.96, None, None],
        [None, None, None, None, None],
        [PILES, "2023/9/30", 340.0, "区科工信局", 3],
    ], edit=style, cached={"C4": "202"})
    actuals = load(path, plan)
    assert actuals.encoding is None
    frame = actuals.frame
    assert frame["indicator"].tolist() == [PILES, PILES, MEETING, RATE, PILES]
    assert frame["as_of"].dt.date.tolist() == [D(2023, 3, 31), D(2023, 6, 30), D(2023, 6, 30),
                                               D(2023, 6, 30), D(2023, 9, 30)]
    assert frame["value"].tolist() == [72, 202, 1, 96, 340]  # a cell formatted 96% holds 0.96
    assert frame["note"].tolist() == ["", "公式", "", "", "3"]
    assert frame["row"].tolist() == [3, 4, 5, 6, 8]


def test_xlsx_uses_the_first_sheet_with_the_headers(tmp_path: Path, plan: Plan) -> None:
    def second(sheet: Any) -> None:
        other = sheet.parent.create_sheet("数据")
        other.append([None])
        other.append(["indicator", "as_of", "value"])
        other.append([PILES, "2023-06-30", 200])

    path = xlsx(tmp_path, [["说明：请在“数据”表填写"]], edit=second)
    assert load(path, plan).frame[["value", "row"]].values.tolist() == [[200, 3]]


def test_xlsx_error_cells_and_empty_formula_results(tmp_path: Path, plan: Plan) -> None:
    path = xlsx(tmp_path, [["指标编号", "截至日期", "累计完成"],
                           [PILES, "2023-06-30", "#DIV/0!"],
                           [PILES, "2023-07-31", "=1+1"],  # never calculated: no saved result
                           [PILES, "2023-08-31", "#N/A"]])
    found = problems(path, plan)
    assert [(p.code, p.line, p.column) for p in found] == [
        ("bad-number", 2, 3), ("bad-number", 3, 3), ("bad-number", 4, 3)]
    assert "#DIV/0!" in found[0].message and "formula" in found[0].message
    assert "empty" in found[1].message
    assert "#N/A" in found[2].message


def test_xlsx_percent_cells_and_booleans(tmp_path: Path, plan: Plan) -> None:
    def style(sheet: Any) -> None:
        for ref in ("C2", "C4"):
            sheet[ref].number_format = "0.0%"

    path = xlsx(tmp_path, [["指标编号", "截至日期", "累计完成"],
                           [RATE, "2023-06-30", 0.955],
                           [MEETING, "2023-06-30", True],
                           [PILES, "2023-06-30", 0.5]], edit=style)
    [problem] = problems(path, plan)
    assert (problem.code, problem.line, problem.column) == ("bad-number", 4, 3)
    assert '"50.0%"' in problem.message and "percentage" in problem.message
    sheet_rows = [["指标编号", "截至日期", "累计完成"], [RATE, "2023-06-30", 0.955],
                  [MEETING, "2023-06-30", True]]
    frame = load(xlsx(tmp_path, sheet_rows, name="ok.xlsx", edit=style), plan).frame
    assert frame["value"].tolist() == [95.5, 1]


def test_xlsx_names_the_sheet_when_no_sheet_has_the_headers(tmp_path: Path, plan: Plan) -> None:
    def second(sheet: Any) -> None:
        sheet.title = "说明"
        sheet.parent.create_sheet("数据").append(["指标编号", "累计完成"])

    found = problems(xlsx(tmp_path, [["请填写"]], edit=second), plan)
    assert [p.code for p in found] == ["missing-column"]
    assert found[0].message.startswith("sheet 数据: ") and "截至日期" in found[0].message


def test_xlsx_without_content_or_reports(tmp_path: Path, plan: Plan) -> None:
    assert only(xlsx(tmp_path, []), plan).code == "empty-file"
    header_only = xlsx(tmp_path, [["title"], ["指标编号", "截至日期", "累计完成"]], name="h.xlsx")
    assert only(header_only, plan).code == "empty-file"


def test_xlsx_missing_column(tmp_path: Path, plan: Plan) -> None:
    problem = only(xlsx(tmp_path, [["指标编号", "累计完成"], [PILES, 5]]), plan)
    assert (problem.code, problem.line) == ("missing-column", 1)
    assert "截至日期" in problem.message and "累计完成" in problem.message


# ---------------------------------------------------------------- cells


@pytest.mark.parametrize(("cell", "expected"), [
    ("2023-06-30", D(2023, 6, 30)),
    ("2023/6/30", D(2023, 6, 30)),
    ("2023.6.30", D(2023, 6, 30)),
    ("20230630", D(2023, 6, 30)),
    ("2023年6月30日", D(2023, 6, 30)),
    ("2023年6月30号", D(2023, 6, 30)),
    ("2023-06", D(2023, 6, 30)),
    ("2023/6", D(2023, 6, 30)),
    ("2023年6月", D(2023, 6, 30)),
    ("2023年2月", D(2023, 2, 28)),
    ("45107", D(2023, 6, 30)),
    ("2023-06-30 00:00:00", D(2023, 6, 30)),
    ("2023/6/30 17:45", D(2023, 6, 30)),
    ("２０２３年６月３０日", D(2023, 6, 30)),
    ("\u30002023-06-30\u00a0", D(2023, 6, 30)),
])
def test_date_forms(tmp_path: Path, plan: Plan, cell: str, expected: dt.date) -> None:
    assert one_date(tmp_path, plan, cell) == expected


@pytest.mark.parametrize(("cell", "indicator", "expected"), [
    ("5000", PILES, 5000),
    ('"5,000"', PILES, 5000),
    ("5，000", PILES, 5000),
    ("1.2万", PILES, 12000),
    ("0.0003亿", PILES, 30000),
    ("１２０", PILES, 120),
    ("1.2345万", PILES, 12345),  # whole, as 个 must be
    ("299.99999999999994", PILES, 299.99999999999994),  # a formula's 300: whole enough
    ("12.5", KM, 12.5),  # a measure, not a count: fractions are what it has
    ("1.680", KM, 1.68),  # (read in Python, its text kept for messages: the same number)
    (" 120 ", PILES, 120),
    ("0", PILES, 0),
    ("85%", RATE, 85),
    ("85.5％", RATE, 85.5),
    ("85", RATE, 85),
    ("是", MEETING, 1),
    ("否", MEETING, 0),
    ("已完成", MEETING, 1),
    ("未完成", MEETING, 0),
    ("完成", MEETING, 1),
    ("1", MEETING, 1),
])
def test_number_forms(tmp_path: Path, plan: Plan, cell: str, indicator: str,
                      expected: float) -> None:
    assert one_value(tmp_path, plan, cell, indicator) == expected


@pytest.mark.parametrize("cell", [PILES, f"  {PILES} ", "ｐ１０．charging_piles",
                                  "P10.Charging_Piles", "充电桩", " 充电桩 "])
def test_indicator_spellings(tmp_path: Path, plan: Plan, cell: str) -> None:
    frame = load(write(tmp_path, f'{HEAD}"{cell}",2023-06-30,10\n'), plan).frame
    assert frame["indicator"].tolist() == [PILES]


@settings(max_examples=200)
@given(st.integers(min_value=0, max_value=10**9))
def test_numbers_read_back_in_every_form(n: int) -> None:
    forms = [str(n), f"{n:,}", f"{n:,}".replace(",", "，"),
             str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))]
    if n % 1000 == 0:
        forms.append(f"{n / 10_000:g}万")
    for form in forms:
        assert cells.parse_number(form) == (n, cells.Form.plain), form


@given(st.dates(min_value=D(2000, 1, 1), max_value=D(2099, 12, 31)))
def test_dates_read_back_in_every_form(day: dt.date) -> None:
    y, m, d = day.year, day.month, day.day
    for form in [day.isoformat(), f"{y}/{m}/{d}", f"{y}.{m}.{d}", f"{y}{m:02}{d:02}",
                 f"{y}年{m}月{d}日", f"{y}年{m}月{d}号", dt.datetime(y, m, d, 9, 30),
                 (day - D(1899, 12, 30)).days]:
        assert dates.parse_date(form) == day, form


# ---------------------------------------------------------------- bad input


def located(found: list[Problem]) -> list[tuple[str, int | None, int | str | None]]:
    return [(p.code, p.line, p.column) for p in found if p.severity == "error"]


@pytest.mark.parametrize(("row", "code", "column", "words"), [
    (f"{PILES}x,2023-06-30,10", "unknown-indicator", 1, [f'"{PILES}x"', f"did you mean {PILES}"]),
    ("p10.charging_pile,2023-06-30,10", "unknown-indicator", 1, ["did you mean", PILES, "充电桩"]),
    ("zzz,2023-06-30,10", "unknown-indicator", 1, ["zzz", "minsheng list"]),
    (",2023-06-30,10", "unknown-indicator", 1, ["empty"]),
    (f"{PILES},2023-13-01,10", "bad-date", 2, ["2023-13-01", "截至日期"]),
    (f"{PILES},2023-02-30,10", "bad-date", 2, ["2023-02-30", "calendar"]),
    (f"{PILES},30/6/2023,10", "bad-date", 2, ["30/6/2023", "2023-06-30"]),
    (f"{PILES},,10", "bad-date", 2, ["empty"]),
    (f"{PILES},2023年13月,10", "bad-date", 2, ["month 13"]),
    (f"{PILES},2022-12-31,10", "date-outside-plan-year", 2, ["2022-12-31", "2023 plan"]),
    (f"{PILES},2024-01,10", "date-outside-plan-year", 2, ["2024-01-31", "2023 plan"]),
    (f"{PILES},2023-06-30,1.2.3", "bad-number", 3,
     ['column 累计完成: cannot read "1.2.3" as a number', "5,000", "1.2万"]),
    (f"{PILES},2023-06-30,", "bad-number", 3, ["enter 0"]),
    (f"{PILES},2023-06-30,abc", "bad-number", 3, ['"abc"']),
    (f"{PILES},2023-06-30,nan", "bad-number", 3, ['"nan"']),
    (f"{PILES},2023-06-30,inf", "bad-number", 3, ['"inf"']),
    (f"{PILES},2023-06-30,1_000", "bad-number", 3, ['"1_000"']),
    (f"{PILES},2023-06-30,12个", "bad-number", 3, ['"12个"']),
    (f"{PILES},2023-06-30,#VALUE!", "bad-number", 3, ["#VALUE!", "formula"]),
    (f"{PILES},2023-06-30,#div/0!", "bad-number", 3, ["#DIV/0!", "formula"]),
    (f"{PILES},2023-06-30,50%", "bad-number", 3, ["percentage", "个"]),
    (f"{PILES},2023-06-30,是", "bad-number", 3, ["event"]),
    (f"{PILES},2023-06-30,-5", "negative-value", 3, ["-5", "negative"]),
    (f"{PILES},2023-06-30,-1.2万", "negative-value", 3, ["-12,000"]),
    (f"{PILES},2023-06-30,450001", "value-too-large", 3, ["1000 times", "450"]),
    (f"{PILES},2023-06-30,2e9", "value-too-large", 3, ["absurdly large"]),
    (f"{PILES},2023-06-30,1e400", "value-too-large", 3, ["absurdly large"]),
    (f"{PILES},2023-06-30,{'9' * 5000}", "value-too-large", 3, ["absurdly large"]),
    (f"{RATE},2023-06-30,101", "value-too-large", 3, ["rate", "percent"]),
    (f"{MEETING},2023-06-30,1001", "value-too-large", 3, ["1000 times"]),
    # an action is done (1) or not (0): 2 read as done and 0.5 as under way, no word said
    (f"{MEETING},2023-06-30,2", "bad-number", 3, ["2 is not 1 or 0", MEETING]),
    (f"{MEETING},2023-06-30,0.5", "bad-number", 3, ["0.5 is not 1 or 0"]),
    (f"{MEETING},2023-06-30,已印发", "bad-number", 3, ["for an action, 1 done, 0 not done"]),
    # piles are counted one by one: 1.680 is 1,680 with a point for its comma, or a typo
    (f"{PILES},2023-06-30,1.680", "bad-number", 3, ['"1.680" is not a whole number', "个",
                                                    "thousands separator"]),
    (f"{PILES},2023-06-30,5.5", "bad-number", 3, ["5.5 is not a whole number", PILES,
                                                  "formula's result shown rounded"]),
    (f"{PILES},2023-06-30,1.23456万", "bad-number", 3, ['"1.23456万" is not a whole number']),
])
def test_bad_cells(tmp_path: Path, plan: Plan, row: str, code: str, column: int,
                   words: list[str]) -> None:
    problem = only(write(tmp_path, f"title,,\n{HEAD}{PILES},2023-03-31,70\n{row}\n"), plan)
    assert (problem.code, problem.line, problem.column) == (code, 4, column)
    for word in words:
        assert word in problem.message


def test_every_bad_row_is_reported_at_once(tmp_path: Path, plan: Plan) -> None:
    path = write(tmp_path, f"{HEAD}{PILES},2023-06-30,abc\nnope,2023-06-31,-1\n"
                           f"{PILES},2023-03-31,70\n{PILES},2023-06-30,abc\n{PILES},2022-06-30,1\n")
    assert located(problems(path, plan)) == [
        ("bad-number", 2, 3),
        ("unknown-indicator", 3, 1), ("bad-date", 3, 2), ("negative-value", 3, 3),
        ("bad-number", 5, 3),
        ("date-outside-plan-year", 6, 2),
    ]


def test_conflicting_reports_name_both_rows(tmp_path: Path, plan: Plan) -> None:
    path = write(tmp_path, f"{HEAD.strip()},填报单位\n{PILES},2023-06-30,200,区科工信局\n"
                           f"{PILES},2023-06-30,200,区发改局\n{PILES},2023/6/30,210,区科工信局\n"
                           f"{PILES},2023-06-30,200,区科工信局\n")
    problem = only(path, plan)
    assert (problem.code, problem.line, problem.column) == ("conflicting-reports", 4, 3)
    assert "row 2" in problem.message and "row 4" in problem.message
    assert "200" in problem.message and "210" in problem.message and "区科工信局" in problem.message


def test_cumulative_decrease_is_a_warning(tmp_path: Path, plan: Plan) -> None:
    path = write(tmp_path, f"{HEAD.strip()},填报单位\n{PILES},2023-06-30,200,甲\n"
                           f"{PILES},2023-03-31,70,甲\n{PILES},2023-09-30,150,甲\n"
                           f"{PILES},2023-09-30,10,乙\n")
    actuals = load(path, plan)
    assert len(actuals.frame) == 4
    [warning] = actuals.warnings
    assert (warning.code, warning.severity, warning.line, warning.column) == (
        "cumulative-decrease", "warning", 4, 3)
    assert "200" in warning.message and "150" in warning.message and "row 2" in warning.message


def test_missing_columns_list_what_was_found(tmp_path: Path, plan: Plan) -> None:
    found = problems(write(tmp_path, f"项目,指标编号,数量\n十,{PILES},5\n"), plan)
    assert [(p.code, p.line) for p in found] == [("missing-column", 1), ("missing-column", 1)]
    assert "截至日期" in found[0].message and "as_of" in found[0].message
    assert "项目, 指标编号, 数量" in found[0].message
    assert "累计完成" in found[1].message


def test_missing_column_in_a_tab_separated_file(tmp_path: Path, plan: Plan) -> None:
    problem = only(write(tmp_path, f"指标编号\t累计完成\n{PILES}\t5\n"), plan)
    assert problem.code == "missing-column"
    assert "has 指标编号, 累计完成;" in problem.message


def test_duplicate_column(tmp_path: Path, plan: Plan) -> None:
    path = write(tmp_path, f"指标编号,截至日期,累计完成,Value\n{PILES},2023-06-30,1,1\n")
    problem = only(path, plan)
    assert (problem.code, problem.line, problem.column) == ("duplicate-column", 1, 4)
    assert "累计完成" in problem.message and "Value" in problem.message


@pytest.mark.parametrize(("content", "code", "line"), [
    (b"", "empty-file", None),
    (b"\xef\xbb\xbf \r\n\r\n", "empty-file", None),
    (HEAD.encode(), "empty-file", None),
    (f"{HEAD},,\n\n".encode(), "empty-file", None),
    (HEAD.encode() + b"\x00\x01\x02", "not-text", 2),
    (HEAD.encode() + f"{PILES},2023-06-30,1\n".encode() * 3 + b"\xff\xfe\xff,1,1\n", "not-text", 5),
    (HEAD.encode("gbk") + f"{PILES},2023-06-30,1\n".encode() * 3 + b"\xff\xfe\xff,1,1\n",
     "not-text", 5),
    (f'{HEAD}{PILES},2023-06-30,1\n"{PILES},2023-06-30,1\n'.encode(), "file-unreadable", 3),
])
def test_unreadable_csv(tmp_path: Path, plan: Plan, content: bytes, code: str,
                        line: int | None) -> None:
    path = tmp_path / "actuals.csv"
    path.write_bytes(content)
    problem = only(path, plan)
    assert (problem.code, problem.line) == (code, line)


def test_undecodable_bytes_far_into_a_big_file(tmp_path: Path, plan: Plan) -> None:
    rows = f"{PILES},2023-06-30,1\n".encode() * 20_000  # well past the sniffed head
    path = tmp_path / "actuals.csv"
    path.write_bytes(HEAD.encode() + rows + b"\xff\xff,2023-06-30,1\n")
    problem = only(path, plan)
    assert (problem.code, problem.line) == ("not-text", 20_002)


def test_gbk_far_into_a_utf8_looking_file_is_guessed(tmp_path: Path, plan: Plan) -> None:
    rows = f"{PILES},2023-06-30,1\n".encode() * 20_000
    path = tmp_path / "actuals.csv"
    path.write_bytes(f"{HEAD.strip()},填报单位\n".encode("gbk") + rows
                     + f"{PILES},2023-07-31,2,荔城\n".encode("gbk"))
    actuals = load(path, plan)
    assert actuals.encoding == "gb18030"
    assert [w.code for w in actuals.warnings] == ["encoding-guessed"]
    assert len(actuals.frame) == 2


@pytest.mark.parametrize(("name", "content", "code"), [
    ("actuals.xlsx", HEAD.encode(), "not-excel"),
    ("actuals.xlsx", b"PK\x03\x04" + bytes(200), "not-excel"),
    ("actuals.xlsm", b"<html><table></table></html>", "not-excel"),
    ("actuals.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "not-excel"),
    ("actuals.xls", HEAD.encode(), "not-excel"),
    ("actuals.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "not-excel"),
])
def test_not_excel(tmp_path: Path, plan: Plan, name: str, content: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    problem = only(path, plan)
    assert problem.code == code
    assert ".xlsx" in problem.message and "CSV" in problem.message


def test_a_zip_that_is_not_a_workbook(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "actuals.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "hi")
    assert only(path, plan).code == "not-excel"


def test_missing_file_and_directory(tmp_path: Path, plan: Plan) -> None:
    assert only(tmp_path / "nope.csv", plan).code == "file-not-found"
    assert only(tmp_path, plan).code == "file-unreadable"


@pytest.mark.parametrize("path", sorted((DATA / "bad").iterdir()), ids=lambda p: p.name)
def test_bad_files(plan: Plan, path: Path) -> None:
    """Each file in data/actuals/bad is named `<expected code>__<what is wrong>.<ext>`."""
    expected = path.name.split("__")[0]
    found = [p for p in problems(path, plan) if p.severity == "error"]
    assert found[0].code == expected, found


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=st.binary(max_size=300), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]),
       header=st.booleans())
def test_no_input_escapes_as_a_traceback(tmp_path: Path, plan: Plan, content: bytes, suffix: str,
                                         header: bool) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes((HEAD.encode() if header else b"") + content)
    try:
        load(path, plan)
    except ProblemsError as exc:
        assert exc.problems


CELLS = {
    "indicator": [PILES, MEETING, RATE, "充电桩", " ｐ１０．meeting", "p10.nope", "", "合计"],
    "as_of": ["2023-06-30", "2023/3/31", "2023年9月", "45107", "2022-12-31", "2023-02-30", "", "x"],
    "value": ["0", "1", "70", "5,000", "1.2万", "85%", "是", "-3", "", "#N/A", "1e12", "nan"],
}


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(*(st.sampled_from(v) for v in CELLS.values())), min_size=1,
                max_size=12))
def test_any_mix_of_cells_is_either_a_clean_frame_or_located_problems(
        tmp_path: Path, plan: Plan, rows: list[tuple[str, str, str]]) -> None:
    path = write(tmp_path, HEAD + "".join(f'"{i}","{d}","{v}"\n' for i, d, v in rows))
    try:
        frame = load(path, plan).frame
    except ProblemsError as exc:
        for problem in exc.problems:
            if problem.code not in ("empty-file", "encoding-guessed"):
                assert problem.line is not None and 2 <= problem.line <= len(rows) + 1
                assert problem.column in (1, 2, 3)
        return
    assert list(frame.columns) == COLUMNS
    assert frame["indicator"].isin([PILES, MEETING, RATE]).all()
    assert frame["as_of"].dt.year.eq(2023).all()
    assert frame["value"].between(0, 1e9).all()
    assert frame["row"].between(2, len(rows) + 1).all()


def test_the_headers_clerks_write_are_read(tmp_path: Path, plan: Plan) -> None:
    # 累计完成数 was refused as a missing column (new user's trial)
    path = write(tmp_path, f"指标编号,截至时间,累计完成数,报送单位\n{PILES},2023-03-31,70,区科工信局\n")
    frame = load_actuals(path, plan).frame
    assert frame[["value", "reporter"]].values.tolist() == [[70.0, "区科工信局"]]
    both = write(tmp_path, f"指标编号,截至日期,截至时间,累计完成\n{PILES},2023-03-31,2023-03-31,70\n")
    assert only(both, plan).code == "duplicate-column"  # which one is meant: not guessed


def test_a_deadline_column_is_not_read_as_the_as_of_date(tmp_path: Path, plan: Plan) -> None:
    # (review) 截止日期 on a government form is as often the deadline (完成时限): read as the
    # as-of date it would judge everything at 2023-12-31, silently
    path = write(tmp_path, f"截至2023年9月30日\n指标编号,截止日期,累计完成\n{PILES},2023-12-31,300\n")
    problem = only(path, plan)
    assert problem.code == "missing-column" and "截至日期" in problem.message
    beside = write(tmp_path, f"指标编号,截至日期,截止日期,累计完成\n{PILES},2023-09-30,2023-12-31,300\n")
    assert load_actuals(beside, plan).frame["as_of"].tolist() == [pd.Timestamp("2023-09-30")]
