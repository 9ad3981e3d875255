"""The readers' contract (one Table per sheet, the frame's `sheet` column), the two CSV paths
agreeing, and the hostile inputs too big or too odd to commit: a zip bomb, a named pipe, a
device, files over the size limits. Nothing here times anything: benchmarks/run.py does."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from minsheng_cli.actuals import csvfile, limits, load_actuals
from minsheng_cli.actuals.load import read_table
from minsheng_cli.plan.load import load_plan
from minsheng_cli.plan.model import Plan
from minsheng_cli.problems import Problem, ProblemsError

CORPUS = Path(__file__).parent / "bad_inputs"
EXAMPLES = Path(__file__).parent.parent / "examples"
sys.path.insert(0, str(CORPUS))
import make_hostile  # noqa: E402

HEAD = "指标编号,截至日期,累计完成,填报单位,备注\n"
ROW = "p10.charging_piles,2023-06-30,185,区科工信局,\n"


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan()


def refused(path: Path, plan: Plan) -> list[Problem]:
    with pytest.raises(ProblemsError) as caught:
        load_actuals(path, plan)
    return caught.value.problems


@pytest.fixture
def deadline() -> Iterator[None]:
    """Fail instead of hanging for ever (a FIFO opened for reading blocks until written)."""
    def expire(*_: object) -> None:
        raise TimeoutError("the reader blocked")
    old = signal.signal(signal.SIGALRM, expire)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


# ---------------------------------------------------------------- the contract


def test_a_csv_is_one_table_without_a_sheet(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(HEAD + ROW, encoding="utf-8")
    [table] = read_table(path)
    assert table.sheet is None and table.rows.tolist() == [2]
    assert set(table.columns) == {"indicator", "as_of", "value", "reporter", "note"}


def test_the_rows_above_the_header_are_kept_as_text(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("增城区民生实事进度,,\n填报单位：新塘镇,,联系人：李\n" + HEAD + ROW,
                    encoding="utf-8")
    [table] = read_table(path)
    assert table.preamble == ("增城区民生实事进度", "填报单位:新塘镇 联系人:李")
    assert table.rows.tolist() == [4]


def test_every_sheet_with_the_header_is_a_table(plan: Plan) -> None:
    path = CORPUS / "actuals_ok" / "ok__three_monthly_sheets.xlsx"
    tables = read_table(path)
    assert [t.sheet for t in tables] == ["7月", "8月", "9月"]  # 说明 has no header
    assert all(t.rows.tolist() == [2, 3] for t in tables)
    frame = load_actuals(path, plan).frame
    assert isinstance(frame["sheet"].dtype, pd.CategoricalDtype)
    assert list(frame["sheet"].cat.categories) == ["7月", "8月", "9月"]
    assert frame[["sheet", "row"]].astype(str).values.tolist() == [
        ["7月", "2"], ["7月", "3"], ["8月", "2"], ["8月", "3"], ["9月", "2"], ["9月", "3"]]
    assert frame["note"].tolist() == ["", "7月", "", "8月", "", "9月"]


def test_the_same_report_in_two_sheets_counts_once(tmp_path: Path, plan: Plan) -> None:
    rows = make_hostile.table([make_hostile.HEADER, make_hostile.REPORT], make_hostile.DATES)
    path = make_hostile.workbook(tmp_path / "twice.xlsx", {"6月": make_hostile.sheet(rows),
                                                           "6月 (2)": make_hostile.sheet(rows)})
    frame = load_actuals(path, plan).frame
    assert frame[["value", "sheet", "row"]].astype(str).values.tolist() == [["185.0", "6月", "2"]]


def test_no_sheet_with_the_header_names_the_sheets_tried(plan: Plan) -> None:
    [problem] = refused(CORPUS / "actuals" / "missing-column__no_sheet_has_the_header__row1.xlsx",
                        plan)
    assert problem.message.startswith("sheet 数据: ")
    assert "sheets tried: 说明, 数据" in problem.message


@pytest.mark.parametrize("example", ["2023-06-lead-units.csv", "2023-09-towns.csv",
                                     "2023-09-excel-export-gbk.csv"])
def test_arrow_and_pandas_read_a_file_alike(plan: Plan, example: str,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path (Arrow) and the one for ragged rows (pandas) give the same reports."""
    fast = load_actuals(EXAMPLES / example, plan)
    def ragged(*args: object) -> None:  # as if some row were of another length
        header, width = args[4], args[6]
        raise csvfile._Ragged(max(width, len(header.cells)), width)  # type: ignore[arg-type,attr-defined]

    monkeypatch.setattr(csvfile, "_arrow_fields", ragged)  # force pandas
    slow = load_actuals(EXAMPLES / example, plan)
    text = dict.fromkeys(["indicator", "reporter", "note", "sheet"], object)
    # (the categories' order is incidental: pandas sorts them, Arrow keeps the file's order)
    pd.testing.assert_frame_equal(fast.frame.astype(text), slow.frame.astype(text))
    assert fast.encoding == slow.encoding and fast.warnings == slow.warnings


def test_the_xlsx_and_the_csv_export_give_the_same_reports(plan: Plan) -> None:
    book = load_actuals(EXAMPLES / "2023-09-towns.xlsx", plan).frame
    text = load_actuals(EXAMPLES / "2023-09-towns.csv", plan).frame
    columns = ["indicator", "as_of", "value", "reporter"]
    pd.testing.assert_frame_equal(book[columns].astype(object), text[columns].astype(object))


# ---------------------------------------------------------------- hostile, made here


def test_a_named_pipe_is_refused_before_it_is_opened(tmp_path: Path, plan: Plan,
                                                     deadline: None) -> None:
    fifo = tmp_path / "actuals.csv"
    os.mkfifo(fifo)
    [problem] = refused(fifo, plan)
    assert problem.code == "file-unreadable" and "not a regular file" in problem.message
    assert "FIFO" in problem.message


def test_a_device_is_refused(plan: Plan) -> None:
    [problem] = refused(Path("/dev/zero"), plan)
    assert problem.code == "file-unreadable" and "device" in problem.message


def test_a_zip_bomb_is_refused_from_the_zip_directory(tmp_path: Path, plan: Plan) -> None:
    path = make_hostile.zip_bomb(tmp_path / "bomb.xlsx")  # ~2 MB inflating to 2 GiB
    assert path.stat().st_size < 5_000_000
    [problem] = refused(path, plan)
    assert (problem.code, problem.line) == ("limit-exceeded", None)
    assert "2,048 MiB" in problem.message and "256 MiB" in problem.message


def test_a_csv_over_the_size_limit(tmp_path: Path, plan: Plan,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "big.csv"
    path.write_text(HEAD + ROW * 100, encoding="utf-8")
    monkeypatch.setattr(limits, "FILE_BYTES", 1000)  # 2 GiB files are not written in tests
    [problem] = refused(path, plan)
    assert problem.code == "limit-exceeded" and "split it" in problem.message


def test_a_record_longer_than_the_limit_is_located(tmp_path: Path, plan: Plan,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "RECORD_BYTES", 1 << 20)
    path = tmp_path / "long.csv"
    path.write_text(HEAD + ROW + ROW.replace(",\n", "," + "备" * 700_000 + "\n") + ROW,
                    encoding="utf-8")
    [problem] = refused(path, plan)
    assert (problem.code, problem.line) == ("limit-exceeded", 3)


def test_limits_are_what_the_benchmarks_readme_says() -> None:
    readme = (Path(__file__).parent.parent / "benchmarks" / "README.md").read_text("utf-8")
    for figure in (f"{limits.SHEET_CELLS:,}", f"{limits.SHEET_COLUMNS:,}",
                   f"{limits.SHEET_ROWS:,}", f"{limits.CELL_CHARS:,}",
                   f"{limits.WORKBOOK_BYTES // limits.MiB} MiB", f"{limits.WORKBOOK_RATIO}",
                   f"{limits.FILE_BYTES >> 30} GiB", f"{limits.RECORD_BYTES // limits.MiB} MiB"):
        assert figure in readme, figure


def test_a_bad_cell_on_the_second_sheet_of_a_workbook_is_said_with_its_sheet(
        tmp_path: Path) -> None:
    # The form opens on 填表说明 (notes); the data is on Sheet1. "row 3, column 3" alone points
    # the clerk at an empty cell of the sheet Excel shows first.
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "填表说明"
    book.active.append(["请在 Sheet1 填写"])
    data = book.create_sheet("Sheet1")
    for row in (["指标编号", "截至日期", "累计完成"], ["p10.charging_piles", "2023-06-30", 30],
                ["p10.charging_piles", "2023-09-30", "约60"]):
        data.append(row)
    book.save(tmp_path / "区科工信局.xlsx")
    with pytest.raises(ProblemsError) as caught:
        load_actuals(tmp_path / "区科工信局.xlsx", load_plan())
    [problem] = caught.value.problems
    assert (problem.code, problem.line, problem.column) == ("bad-number", 3, 3)
    assert problem.text("zh").startswith("工作表 Sheet1：")
