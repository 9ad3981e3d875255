"""A clerk's messy inbox: what `minsheng check FOLDER` says about the files in it that are no
report as they stand — a workbook of another program (an error: a unit's report that must be saved
anew), a covering note (skipped, never blocking the round), a Word file given as a report (called
what it is) — and where it says what concerns the whole round. Chinese by default, English with
--lang en, the codes and locations the same."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import ANEW_EN, ANEW_ZH, located_lines
from typer.testing import CliRunner

from minsheng_cli.cli import app

runner = CliRunner()
INBOX = Path(__file__).resolve().parent.parent / "examples" / "inbox" / "2023-09"
HEAD = "指标编号,截至日期,累计完成,填报单位\n"


@pytest.fixture(autouse=True)
def _no_language_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MINSHENG_LANG", raising=False)


def said(stderr: str) -> list[dict[str, str]]:
    return located_lines(stderr)


def check(*args: str) -> tuple[int, list[dict[str, str]], list[dict[str, str]]]:
    """`check ARGS` in Chinese and in English: the same exit code, locations and codes."""
    zh = runner.invoke(app, ["check", *args])
    en = runner.invoke(app, ["check", "--lang", "en", *args])
    assert zh.exit_code == en.exit_code, (zh.output, en.output)
    assert "Traceback" not in zh.output + en.output
    z, e = said(zh.stderr), said(en.stderr)

    def place(where: str) -> str:  # `26 个文件` / `26 files`: said in the language
        return re.sub(r"^(\d+) (个文件|files)$", r"\1 files", where)

    assert [(place(p["where"]), p["code"], p["tag"] is None) for p in z] == [
        (p["where"], p["code"], p["tag"] is None) for p in e]
    return zh.exit_code, z, e


def at(lines: list[dict[str, str]], where: Path | str) -> list[dict[str, str]]:
    return [p for p in lines if p["where"] == str(where)]


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """The example inbox of September, copied so that files can be added to it."""
    folder = tmp_path / "2023-09"
    shutil.copytree(INBOX, folder)
    return folder


def a_zip(path: Path, parts: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return path


# ── spreadsheets minsheng cannot read: a unit's report, refused where it lies ───────────────────

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


@pytest.mark.parametrize(("name", "data", "zh", "en"), [
    ("石滩镇.xls", OLE, f"这是旧版 .xls 工作簿（或加密的工作簿），无法读取；{ANEW_ZH}",
     f"this is an old-style .xls workbook (or an encrypted one), which cannot be read; {ANEW_EN}"),
    ("派潭镇.et", OLE, f"WPS (.et) 文件无法读取；{ANEW_ZH}", f"WPS (.et) files cannot be read; {ANEW_EN}"),
    ("正果镇.ods", b"PK\x03\x04odf", f"OpenDocument (.ods) 文件无法读取；{ANEW_ZH}",
     f"OpenDocument (.ods) files cannot be read; {ANEW_EN}"),
    ("仙村镇.xlsb", b"PK\x03\x04xlsb", f"Excel (.xlsb) 文件无法读取；{ANEW_ZH}",
     f"Excel (.xlsb) files cannot be read; {ANEW_EN}"),
    ("小楼镇.numbers", b"PK\x03\x04numbers", f"Numbers (.numbers) 文件无法读取；{ANEW_ZH}",
     f"Numbers (.numbers) files cannot be read; {ANEW_EN}"),
])
def test_a_spreadsheet_in_a_folder_is_refused_as_when_given_alone(
        inbox: Path, name: str, data: bytes, zh: str, en: str) -> None:
    (inbox / name).write_bytes(data)
    alone = check(str(inbox / name))
    status, z, e = check(str(inbox))
    assert status == alone[0] == 2  # never counted as "not submitted" in silence
    assert [(p["code"], p["message"]) for p in at(z, inbox / name)] == [
        (p["code"], p["message"]) for p in alone[1]] == [("not-excel", zh)]
    assert [(p["code"], p["message"]) for p in at(e, inbox / name)] == [
        (p["code"], p["message"]) for p in alone[2]] == [("not-excel", en)]


def test_a_numbers_file_saved_as_a_folder_is_one_spreadsheet(inbox: Path) -> None:
    package = inbox / "小楼镇.numbers"
    (package / "Index").mkdir(parents=True)
    (package / "Index" / "Document.iwa").write_bytes(b"\x00")
    (package / "preview.jpg").write_bytes(b"\xff\xd8\xff")
    status, z, _ = check(str(inbox))
    assert status == 2
    assert [(p["where"], p["code"]) for p in z if "小楼镇.numbers" in p["where"]] == [
        (str(package), "not-excel")]


# ── covering notes: skipped, and the round goes on ──────────────────────────────────────────────

def test_a_covering_note_does_not_block_the_round(inbox: Path) -> None:
    (inbox / "说明.txt").write_text("各位同事：\n本月报表请于25日前报送，截至日期为月底，谢谢。\n",
                                   encoding="utf-8")
    (inbox / "报送说明.docx").write_bytes(b"PK\x03\x04 a note")
    (inbox / "空白.txt").write_text("", encoding="utf-8")
    status, z, e = check(str(inbox))
    assert status != 2
    note = at(z, inbox / "说明.txt")
    assert [(p["code"], p["tag"], p["message"]) for p in note] == [(
        "file-skipped", "警告：", "没有填报表的表头（指标编号、截至日期、累计完成），按说明材料处理，已跳过；"
        "如果这是填报，请在第一行写好表头后再检查")]
    assert [p["message"] for p in at(e, inbox / "说明.txt")] == [
        "no header of a report (指标编号, 截至日期, 累计完成); taken as a covering note and skipped. "
        "If it is a report, write the header row and check again"]
    assert [p["code"] for p in at(z, inbox / "报送说明.docx")] == ["file-skipped"]
    assert [p["code"] for p in at(z, inbox / "空白.txt")] == ["file-skipped"]


def test_a_folder_of_notes_only_has_no_reports(tmp_path: Path) -> None:
    (tmp_path / "说明.txt").write_text("各单位请按时报送。\n", encoding="utf-8")
    status, z, _ = check(str(tmp_path))
    assert status == 2
    assert [(p["where"], p["code"]) for p in z] == [(str(tmp_path / "说明.txt"), "file-skipped"),
                                                     (str(tmp_path), "empty-file")]


def test_a_note_named_on_the_command_line_is_read_as_a_report(tmp_path: Path) -> None:
    note = tmp_path / "说明.txt"
    note.write_text("本月报表请于25日前报送。\n", encoding="utf-8")
    status, z, _ = check(str(note))
    assert status == 2 and {p["code"] for p in z} == {"missing-column"}


def test_a_text_report_in_a_folder_is_read_and_a_faulty_one_refused(inbox: Path) -> None:
    (inbox / "小楼镇.txt").write_text(
        "指标编号\t截至日期\t累计完成\t填报单位\np4.zcmm_sites_selected\t2023-09-30\t1\t小楼镇\n",
        encoding="utf-8")
    status, z, _ = check(str(inbox))
    assert status != 2 and not at(z, inbox / "小楼镇.txt")
    assert not any("小楼镇（从未报送" in p["message"] for p in z)  # its report counted
    (inbox / "小楼镇.txt").write_text("指标编号\t完成日期\t累计完成\np4.zcmm_sites_selected\t2023-09-30\t1\n",
                                   encoding="utf-8")  # 完成日期 for 截至日期: a report with a mistake
    status, z, _ = check(str(inbox))
    assert status == 2 and [(p["where"], p["code"]) for p in z if "小楼镇.txt" in p["where"]] == [
        (f"{inbox / '小楼镇.txt'}:1", "missing-column")]


def test_a_skipped_file_named_after_a_unit_says_so(inbox: Path) -> None:
    (inbox / "朱村街道补充材料.docx").write_bytes(b"PK\x03\x04")
    _, z, e = check(str(inbox))
    zh, = at(z, inbox / "朱村街道补充材料.docx")
    en, = at(e, inbox / "朱村街道补充材料.docx")
    assert zh["code"] == "file-skipped" and "文件名中有“朱村街道”：如果这是朱村街道的填报" in zh["message"]
    assert "Its name names 朱村街道: if it is 朱村街道's report" in en["message"]


# ── the header: Chinese names first ─────────────────────────────────────────────────────────────

def test_a_missing_column_is_named_in_chinese_first(tmp_path: Path) -> None:
    path = tmp_path / "新塘镇.csv"
    path.write_text("指标编号,日期,累计完成\np10.charging_piles,2023-09-30,5\n", encoding="utf-8")
    status, z, e = check(str(path))
    assert status == 2
    assert [(p["where"], p["code"], p["message"]) for p in z] == [(
        f"{path}:1", "missing-column",
        "缺少“截至日期”列（as_of）：表头（第 1 行）为 指标编号、日期、累计完成；请把其中一列命名为“截至日期”"
        "（必需的列为 指标编号/indicator、截至日期/as_of、累计完成/value）")]
    assert [p["message"] for p in e] == [
        "no column for as_of: the header row (row 1) has 指标编号, 日期, 累计完成; name a column "
        "as_of / 截至日期 (the required columns are 指标编号/indicator, 截至日期/as_of, "
        "累计完成/value)"]


# ── a file that is no spreadsheet, given as a report: called what it is ─────────────────────────

TYPES = b'<?xml version="1.0"?><Types/>'
FIX_DOC_ZH = ("如果填报表在其中，请把表格复制到 Excel/WPS 表格中，另存为 .xlsx 或导出 CSV（UTF-8）；"
              "如果只是说明材料，不必检查它")
FIX_DOC_EN = ("if the reports are in it, copy the table into Excel/WPS and save it as .xlsx or "
              "export CSV (UTF-8); if it is only a covering note, leave it out")


def test_a_word_document_is_called_a_word_document(tmp_path: Path) -> None:
    import docx

    path = tmp_path / "朱村街道.docx"
    document = docx.Document()
    document.add_paragraph("朱村街道9月民生实事进展情况")
    document.save(str(path))
    status, z, e = check(str(path))
    assert status == 2
    assert [(p["code"], p["message"]) for p in z] == [
        ("not-excel", f"这是一份 Word 文档，不是 Excel 工作簿；{FIX_DOC_ZH}")]
    assert [p["message"] for p in e] == [
        f"this is a Word document, not an Excel workbook; {FIX_DOC_EN}"]
    assert "KeyError" not in z[0]["message"] + e[0]["message"]


@pytest.mark.parametrize(("name", "parts", "zh", "en"), [
    ("汇报.pptx", {"[Content_Types].xml": TYPES, "ppt/presentation.xml": b"<p/>"},
     f"这是一份 PowerPoint 演示文稿，不是 Excel 工作簿；{FIX_DOC_ZH}",
     f"this is a PowerPoint presentation, not an Excel workbook; {FIX_DOC_EN}"),
    ("新塘镇.xlsx", {"[Content_Types].xml": TYPES, "word/document.xml": b"<w/>"},  # renamed
     f"这是一份 Word 文档，不是 Excel 工作簿；{FIX_DOC_ZH}",
     f"this is a Word document, not an Excel workbook; {FIX_DOC_EN}"),
    ("说明.odt", {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"},
     f"这是一份 OpenDocument 文本文档，不是 Excel 工作簿；{FIX_DOC_ZH}",
     f"this is an OpenDocument text document, not an Excel workbook; {FIX_DOC_EN}"),
    ("正果镇.xlsx", {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                  "content.xml": b"<x/>"},
     f"OpenDocument (.ods) 文件无法读取；{ANEW_ZH}", f"OpenDocument (.ods) files cannot be read; {ANEW_EN}"),
    ("报表.zip", {"新塘镇.csv": HEAD.encode(), "石滩镇.csv": HEAD.encode()},
     "这是一个 zip 压缩包（内含 2 个文件），不是 Excel 工作簿；请先解压，再检查解压出的文件或文件夹",
     "this is a zip archive of 2 files, not an Excel workbook; unzip it first, then check the "
     "files or folder it holds"),
    ("坏.xlsx", {"[Content_Types].xml": TYPES, "xl/workbook.xml": b"<workbook/>"},
     f"工作簿已损坏：缺少其中的 xl/_rels/workbook.xml.rels；{ANEW_ZH}",
     f"the workbook is damaged: it lacks xl/_rels/workbook.xml.rels; {ANEW_EN}"),
])
def test_a_zip_that_is_no_workbook_is_called_what_it_is(
        tmp_path: Path, name: str, parts: dict[str, bytes], zh: str, en: str) -> None:
    status, z, e = check(str(a_zip(tmp_path / name, parts)))
    assert status == 2
    assert [(p["code"], p["message"]) for p in z] == [("not-excel", zh)]
    assert [(p["code"], p["message"]) for p in e] == [("not-excel", en)]


@pytest.mark.parametrize(("name", "data", "zh", "en"), [
    ("朱村街道.doc", OLE, f"这是一份 Word 文档，不是 Excel 工作簿；{FIX_DOC_ZH}",
     f"this is a Word document, not an Excel workbook; {FIX_DOC_EN}"),
    ("报送说明.pdf", b"%PDF-1.7\n",
     "这是一个 PDF 文件，不是 Excel 工作簿；请报送单位改报 Excel 工作簿（.xlsx）或 CSV 文件（可用 minsheng "
     "template 生成填报表）",
     "this is a PDF file, not an Excel workbook; ask the unit for an Excel workbook (.xlsx) or a "
     "CSV file instead (`minsheng template` writes the form to fill in)"),
    ("报表照片.jpg", b"\xff\xd8\xff\xe0JFIF",
     "这是一张图片，不是 Excel 工作簿；请报送单位改报 Excel 工作簿（.xlsx）或 CSV 文件（可用 minsheng "
     "template 生成填报表）",
     "this is an image, not an Excel workbook; ask the unit for an Excel workbook (.xlsx) or a "
     "CSV file instead (`minsheng template` writes the form to fill in)"),
])
def test_a_document_given_as_a_report_is_called_what_it_is(
        tmp_path: Path, name: str, data: bytes, zh: str, en: str) -> None:
    (tmp_path / name).write_bytes(data)
    status, z, e = check(str(tmp_path / name))
    assert status == 2
    assert [(p["code"], p["message"]) for p in z] == [("not-excel", zh)]
    assert [(p["code"], p["message"]) for p in e] == [("not-excel", en)]


# ── where the round's own warnings are; what is not there ───────────────────────────────────────

def test_the_rounds_warnings_are_located_in_the_language(inbox: Path) -> None:
    files = sorted(map(str, inbox.glob("*.csv"))) + sorted(map(str, inbox.glob("*.xlsx")))
    _, z, e = check(*files)
    missing_zh = [p for p in z if p["code"] == "missing-report"]
    missing_en = [p for p in e if p["code"] == "missing-report"]
    assert [p["where"] for p in missing_zh] == [f"{len(files)} 个文件"]
    assert [p["where"] for p in missing_en] == [f"{len(files)} files"]
    assert missing_zh[0]["message"].startswith("4 个单位本期（2023-09）未报送")
    _, z, _ = check(str(inbox))  # one folder: the folder is where
    assert [p["where"] for p in z if p["code"] == "missing-report"] == [str(inbox)]


def test_a_missing_folder_is_not_called_a_file(tmp_path: Path) -> None:
    status, z, e = check(str(tmp_path / "inbox" / "2023-09"), str(tmp_path / "新塘镇.csv"))
    assert status == 2
    assert [(p["where"], p["code"], p["message"]) for p in z] == [
        (str(tmp_path / "inbox" / "2023-09"), "file-not-found", "文件或文件夹不存在；请检查路径"),
        (str(tmp_path / "新塘镇.csv"), "file-not-found", "文件不存在；请检查路径")]
    assert [p["message"] for p in e] == ["no such file or directory; check the path",
                                         "no such file; check the path"]


def test_a_figure_below_another_files_earlier_one_is_said_at_the_later_row(
        tmp_path: Path) -> None:
    # 荔城街道 typed 2023-10-31 as 2023-01-31 in October's file: its 350 then lies before
    # September's 310, which goes down from it
    head = "指标编号,截至日期,累计完成,填报单位\n"
    sept, octo = tmp_path / "2023-09", tmp_path / "2023-10"
    sept.mkdir()
    octo.mkdir()
    (sept / "荔城街道.csv").write_text(
        head + "p5.rental_housing_units,2023-08-31,300,荔城街道\n"
               "p5.rental_housing_units,2023-09-30,310,荔城街道\n", encoding="utf-8")
    (octo / "荔城街道.csv").write_text(head + "p5.rental_housing_units,2023-01-31,350,荔城街道\n",
                                     encoding="utf-8")
    code, zh, en = check(str(octo), str(sept), "--fail-on", "never")
    assert code == 0
    down = [p for p in en if p["code"] == "cumulative-decrease"]
    # once, at the first later row below it (August's 300), naming where the 350 is
    assert [p["where"].split(":")[:2] for p in down] == [[str(sept / "荔城街道.csv"), "2"]]
    assert "from 350 on 2023-01-31" in down[0]["message"] and str(octo / "荔城街道.csv") in \
        down[0]["message"] and "mistyped date" in down[0]["message"]
    # a decrease within one file is that file's own warning, said once
    (octo / "荔城街道.csv").write_text(head + "p5.rental_housing_units,2023-10-31,350,荔城街道\n"
                                     "p5.rental_housing_units,2023-10-30,360,荔城街道\n",
                                     encoding="utf-8")
    code, zh, en = check(str(octo), str(sept), "--fail-on", "never")
    assert [p["where"].split(":")[:2] for p in en if p["code"] == "cumulative-decrease"] == [
        [str(octo / "荔城街道.csv"), "2"]]  # the later date, below the day before
    # report says a decrease between this round and the last bulletin's files
    (octo / "荔城街道.csv").write_text(head + "p5.rental_housing_units,2023-01-31,350,荔城街道\n",
                                     encoding="utf-8")
    result = runner.invoke(app, ["--lang", "en", "report", str(octo), "--previous", str(sept),
                                 "-o", str(tmp_path / "b.md")])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.stderr.splitlines() if not ln.startswith("wrote ")]
    assert [p["code"] for p in said("\n".join(lines))].count("cumulative-decrease") == 1


def test_a_rate_may_go_down_and_a_sheet_a_month_is_compared_sheet_to_sheet(
        tmp_path: Path) -> None:
    import openpyxl

    head = "指标编号,截至日期,累计完成,填报单位\n"
    rate = "p8.complaint_timely_resolution_rate"
    (tmp_path / "8月.csv").write_text(head + f"{rate},2023-08-31,98,区市场监督管理局\n",
                                     encoding="utf-8")
    (tmp_path / "9月.csv").write_text(head + f"{rate},2023-09-30,97,区市场监督管理局\n"
                                     f"{rate},2023-09-29,99,区市场监督管理局\n", encoding="utf-8")
    code, zh, en = check(str(tmp_path / "8月.csv"), str(tmp_path / "9月.csv"), "--fail-on", "never")
    assert "cumulative-decrease" not in [p["code"] for p in en]  # a level, not a running total
    # 新塘镇's workbook: a sheet a month, September's figure below August's
    book = openpyxl.Workbook()
    august = book.active
    august.title = "8月"
    september = book.create_sheet("9月")
    for sheet, day, value in ((august, "2023-08-31", 300), (september, "2023-09-30", 200)):
        sheet.append(["指标编号", "截至日期", "累计完成", "填报单位"])
        sheet.append(["p5.rental_housing_units", day, value, "新塘镇"])
    book.save(tmp_path / "新塘镇.xlsx")
    code, zh, en = check(str(tmp_path / "新塘镇.xlsx"), "--fail-on", "never")
    [down] = [p for p in en if p["code"] == "cumulative-decrease"]
    assert "from 300 on 2023-08-31" in down["message"] and ":8月:2" in down["message"]


def test_report_does_not_say_again_a_decrease_within_the_last_bulletins_files(
        tmp_path: Path) -> None:
    head = "指标编号,截至日期,累计完成,填报单位\n"
    ind = "p5.rental_housing_units,{},{},荔城街道\n"
    prev, cur = tmp_path / "prev", tmp_path / "cur"
    prev.mkdir()
    cur.mkdir()
    (prev / "p.csv").write_text(head + ind.format("2023-07-31", 400) + ind.format("2023-08-31", 300),
                                encoding="utf-8")
    (cur / "a.csv").write_text(head + ind.format("2023-08-31", 300), encoding="utf-8")
    (cur / "b.csv").write_text(head + ind.format("2023-09-30", 320), encoding="utf-8")
    result = runner.invoke(app, ["--lang", "en", "report", str(cur), "--previous", str(prev),
                                 "-o", str(tmp_path / "b.md")])
    assert result.exit_code == 0, result.output
    downs = [ln for ln in result.stderr.splitlines() if "[cumulative-decrease]" in ln]
    assert len(downs) == 1 and str(prev / "p.csv") in downs[0]  # said once, by its own file


def test_decreases_between_files_past_200_end_in_a_count(tmp_path: Path) -> None:
    import yaml
    from conftest import small_plan_data

    plan = tmp_path / "plan.yaml"  # no registry of units: any reporter counts
    plan.write_text(yaml.safe_dump(small_plan_data(), allow_unicode=True), encoding="utf-8")
    head = "指标编号,截至日期,累计完成,填报单位\n"
    for name, day, base in (("8月", "2023-08-31", 1000), ("9月", "2023-09-30", 900)):
        (tmp_path / name).mkdir()  # 250 reporters, each below its August figure in September
        (tmp_path / name / "报表.csv").write_text(head + "".join(
            f"p10.charging_piles,{day},{base + i},片区{i:03d}\n" for i in range(250)),
            encoding="utf-8")
    code, zh, en = check(str(tmp_path / "8月"), str(tmp_path / "9月"), "--plan", str(plan),
                         "--fail-on", "never")
    down = [p for p in en if p["code"] == "cumulative-decrease"]
    assert len(down) == 201, en[:3]
    assert "and 50 more decreases between files" in down[-1]["message"]
