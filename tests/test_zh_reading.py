"""What a clerk reads when a report file (CSV, Excel, Parquet, a folder) cannot be read as it is:
in Chinese by default and in English with `--lang en`, the location and the code the same in both."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from conftest import ANEW_EN, ANEW_ZH, located_lines
from typer.testing import CliRunner

from minsheng_cli.catalog import reading
from minsheng_cli.cli import app

runner = CliRunner()
BAD = Path(__file__).parent / "bad_inputs" / "actuals"
OK = Path(__file__).parent / "bad_inputs" / "actuals_ok"
SRC = Path(__file__).parent.parent / "src" / "minsheng_cli"


@pytest.fixture(autouse=True)
def _no_language_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MINSHENG_LANG", raising=False)


def lines(stderr: str) -> list[dict[str, str]]:
    return located_lines(stderr)


def both(path: Path, exit_code: int = 2) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """`check FILE` in Chinese (the default) and with --lang en: the same exit code, the same
    locations and codes line by line, nothing on stdout for a refused file."""
    zh = runner.invoke(app, ["check", str(path)])
    en = runner.invoke(app, ["check", "--lang", "en", str(path)])
    assert zh.exit_code == en.exit_code == exit_code, (zh.output, en.output)
    assert "Traceback" not in zh.output + en.output
    if exit_code == 2:
        assert zh.stdout == en.stdout == ""
    zh_lines, en_lines = lines(zh.stderr), lines(en.stderr)
    assert [(z["where"], z["code"]) for z in zh_lines] == [(e["where"], e["code"])
                                                           for e in en_lines]
    for z in zh_lines:  # no English sentence left in what a clerk reads (but a library's own)
        said = re.sub(r"技术信息：[^）]*", "", z["message"])
        assert not re.search(r"\b(the|cannot|file|row|column|sheet|not)\b", said), z
    return zh_lines, en_lines


@pytest.mark.parametrize(("name", "code", "zh", "en"), [
    ("not-text__windows1252_accents__row2.csv", "not-text",
     f"文件既不是 UTF-8 也不是 GB18030 文本（本行有不属于 utf-8 的字节）；{ANEW_ZH}",
     f"the file is neither UTF-8 nor GB18030 text (a byte that is not utf-8 is on this line); "
     f"{ANEW_EN}"),
    ("not-text__png_named_csv__row3.csv", "not-text",
     f"文件中含有 NUL 字节：这是二进制数据，不是 CSV；{ANEW_ZH}",
     f"the file contains NUL bytes: it is binary data, not CSV; {ANEW_EN}"),
    ("not-text__utf16_cut_to_an_odd_length__row3.csv", "not-text",
     "文件是 UTF-16 编码（以 UTF-16 字节顺序标记开头），但结尾只有半个字符：文件不完整，"
     f"可能是复制或下载没有完成；{ANEW_ZH}",
     "the file is UTF-16 (it starts with a UTF-16 byte order mark) but ends in half a character: "
     f"it was cut short, perhaps by a copy or download that did not finish; {ANEW_EN}"),
    ("extra-cells__thousands_comma_without_quotes__row3.csv", "extra-cells",
     "该行有 6 个单元格，表头只有 5 个。带千位分隔逗号的数字（如 5,000）如果不加英文双引号，"
     "会被拆成两个单元格：请写成 \"5,000\" 或 5000（备注中的逗号同理），或给多出的一列加上表头",
     "the row has 6 cells, the header 5. A number with a thousands comma, like 5,000, splits into "
     "two cells unless it is in double quotes: write \"5,000\" or 5000 (the same for a comma in a "
     "note), or give the extra column a header"),
    ("limit-exceeded__header_row_longer_than_64_kib__row2.csv", "limit-exceeded",
     "表头（第 2 行）超过 64 KiB：只在文件的前 64 KiB 中查找表头；请删除不需要的列",
     "the header row (row 2) is longer than 64 KiB: minsheng looks for the header in the first "
     "64 KiB of a file; delete the columns it does not need"),
    ("not-excel__number_cell_holding_text__row3.xlsx", "not-excel",
     "工作表 6月进度：单元格 C3 的内容为 \"abc\"，该单元格按数字存储，内容却不是数字：该文件不是由 "
     "Excel 或 WPS 保存的，或已损坏；请在 Excel/WPS 中打开，改正该单元格后重新保存",
     "sheet 6月进度: cell C3 holds \"abc\", which is not a number although the cell is stored as "
     "one: the file was not written by Excel or WPS, or it was damaged; open it in Excel/WPS, fix "
     "the cell and save it again"),
    ("not-excel__truncated_workbook.xlsx", "not-excel", f"无法打开工作簿（BadZipFile）；{ANEW_ZH}",
     f"cannot open the workbook (BadZipFile); {ANEW_EN}"),
    ("conflicting-reports__two_sheets_disagree__sheet8月__row3.xlsx", "conflicting-reports",
     "工作表 8月：累计完成：p10.charging_piles（区科技工业商务和信息化局） 2023-07-31：工作表 7月 "
     "第 2 行填报 240，本行填报 250；请保留正确的数值，删除另一行",
     "sheet 8月: column 累计完成: p10.charging_piles by 区科技工业商务和信息化局 on 2023-07-31: "
     "sheet 7月 row 2 reports 240 and this row 250; keep the right value and delete the other "
     "row"),
])
def test_a_refused_file_is_said_in_both_languages(name: str, code: str, zh: str, en: str) -> None:
    zh_lines, en_lines = both(BAD / name)
    z, e = next(p for p in zh_lines if p["code"] == code), next(
        p for p in en_lines if p["code"] == code)
    assert (z["message"], e["message"]) == (zh, en)


def test_no_sheet_with_the_header_names_the_sheets_tried() -> None:
    zh, en = both(BAD / "missing-column__no_sheet_has_the_header__row1.xlsx")
    assert zh[0]["message"].startswith("工作表 数据：缺少“截至日期”列（as_of）：表头（第 1 行）为 "
                                       "指标编号、累计完成；请把其中一列命名为“截至日期”")
    assert zh[0]["message"].endswith("（所有工作表中都找不到表头行；已查找的工作表：说明、数据）")
    assert en[0]["message"].startswith("sheet 数据: no column for as_of")
    assert en[0]["message"].endswith("(no sheet has the header row; sheets tried: 说明, 数据)")


def test_an_unpaired_quote_is_located_in_both_languages() -> None:
    zh, en = both(BAD / "file-unreadable__quote_never_closed__row2.csv")
    assert zh[0]["where"].endswith(":2") and zh[0]["code"] == "file-unreadable"
    assert zh[0]["message"].startswith("CSV 格式有误（可能某个单元格中的英文双引号 \" 没有闭合）；"
                                       "请改正该行，或重新导出文件（技术信息：")
    assert en[0]["message"].startswith("the CSV is malformed (a cell probably opens a double "
                                       "quote \" that is never closed); fix that row")


def test_the_guessed_encoding_is_a_warning_in_both_languages() -> None:
    zh, en = both(OK / "encoding-guessed__gbk_excel_export.csv", exit_code=1)
    z = next(p for p in zh if p["code"] == "encoding-guessed")
    e = next(p for p in en if p["code"] == "encoding-guessed")
    assert (z["tag"], e["tag"]) == ("警告：", "warning: ")
    assert z["message"] == ("文件不是 UTF-8 编码，已按 GB18030/GBK（Excel 导出的中文 CSV）读取。"
                            "如果文字显示为乱码，请把文件另存为“CSV UTF-8”格式")
    assert e["message"] == ("the file is not UTF-8; read it as GB18030/GBK (Excel's Chinese CSV "
                            "export). If the text looks garbled, save the file as CSV UTF-8")


def test_parquet_problems_in_both_languages(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    fake = tmp_path / "x.parquet"
    fake.write_bytes(b"not a parquet file")
    zh, en = both(fake)
    assert zh[0]["message"] == ("文件名为 .parquet，但不是 Parquet 文件；请用 pandas.DataFrame.to_parquet "
                                "或 pyarrow 重新生成，或导出 CSV（UTF-8）")
    assert en[0]["message"] == ("the file is named .parquet but is not a Parquet file; write it "
                                "again with pandas.DataFrame.to_parquet or pyarrow, or export CSV "
                                "(UTF-8)")
    lists = tmp_path / "lists.parquet"
    pq.write_table(pa.table({"indicator": ["p10.charging_piles"], "as_of": ["2023-06-30"],
                             "value": [185], "note": pa.array([[1, 2]], pa.list_(pa.int64()))}),
                   lists)
    zh, en = both(lists)
    assert zh[0]["where"].endswith(":1:4")
    assert zh[0]["message"] == "note 列的值是 list<element: int64> 类型，无法读取；请存为文本、数字或日期"
    assert en[0]["message"] == ("column note holds list<element: int64> values, which minsheng "
                                "cannot read; store text, numbers or dates")


def test_a_workbook_without_content(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "空表"  # type: ignore[union-attr]
    book.save(tmp_path / "empty.xlsx")
    zh, en = both(tmp_path / "empty.xlsx")
    assert zh[0]["message"] == "工作簿中没有任何内容（已查找的工作表：空表）；请写一行表头，每条填报一行"
    assert en[0]["message"] == ("the workbook has no rows with content (sheets tried: 空表); "
                                "write a header row and one row per report")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_a_named_pipe_is_named_in_the_language(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe.csv"
    os.mkfifo(pipe)
    zh, en = both(pipe)
    assert zh[0]["message"] == "不是普通文件，而是命名管道（FIFO）；请把填报数据存成文件并给出路径"
    assert en[0]["message"] == ("not a regular file but a named pipe (FIFO); save the reports to "
                                "a file and give its path")


def test_a_folder_skips_and_unit_from_the_file_name(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "说明.doc").write_bytes(b"x")
    (inbox / "新塘镇.csv").write_text("指标编号,截至日期,累计完成\np10.charging_piles,2023-06-30,185\n",
                                     encoding="utf-8")
    (inbox / "石滩镇.csv").write_text("指标编号,截至日期,累计完成\np10.charging_piles,2023-06-30,20\n",
                                     encoding="utf-8")
    zh = runner.invoke(app, ["check", str(inbox)])
    en = runner.invoke(app, ["check", "--lang", "en", str(inbox)])
    assert zh.exit_code == en.exit_code != 2
    zh_lines, en_lines = lines(zh.stderr), lines(en.stderr)
    zh_said = {(p["code"], p["message"]) for p in zh_lines}
    en_said = {(p["code"], p["message"]) for p in en_lines}
    assert ("file-skipped", "不是填报文件（只读取 .csv, .txt, .tsv, .xlsx, .xlsm, .parquet），已跳过"
            ) in zh_said
    assert ("file-skipped", "not a report file (only .csv, .txt, .tsv, .xlsx, .xlsm, .parquet "
            "are read); skipped") in en_said
    assert ("unit-from-filename", "1 行未填单位（没有“填报单位”列或单元格为空），按文件名视为新塘镇的填报。"
            "请填写“填报单位”以免出错") in zh_said
    assert ("unit-from-filename", "1 rows name no unit (no 填报单位 column or cell); read as "
            "新塘镇's, from the file name. Fill in 填报单位 to be sure") in en_said


def test_every_reading_message_is_said_somewhere() -> None:
    """No key of catalog/reading.py is left unused by the readers."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in (SRC / "actuals").glob("*.py"))
    unused = [k for k in reading.MESSAGES if f'"{k}"' not in source]
    assert not unused
