"""The 公文 writer: a 通报 written to .docx and read back with python-docx, and rendered to PDF.

What is checked is what GB/T 9704-2012 asks for and what a reader of the document would see:
page size and margins, fonts by East Asian name, sizes, the order of the headings, tables equal
to their input with their header rows repeated, page numbers, and bad characters made visible.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from minsheng_cli.outputs.gongwen import (
    Attachment,
    OfficialDocument,
    Run,
    Section,
    Table,
    chinese_date,
    paragraph_text,
    write_docx,
    xml_safe,
)

docx = pytest.importorskip("docx")
from docx.enum.section import WD_ORIENT  # noqa: E402  (after the importorskip)
from docx.oxml.ns import qn  # noqa: E402

TITLE = "关于2023年9月份民生十大实事\n推进情况的通报"  # broken by meaning, as GB/T 9704 asks
ADDRESSEES = "各镇政府、街道办事处，区政府各部门、各直属机构："
HEADINGS = ["一、总体情况", "二、存在问题", "（一）部分项目进度滞后", "（二）数据报送不够及时",
            "三、下步工作要求"]
UNITS = ["区教育局", "区卫生健康局", "区住房城乡建设局", "区交通运输局", "区民政局",
         "区人力资源社会保障局", "区科工信局", "区水务局", "区市场监管局", "区文化广电旅游体育局"]
LIGHTS = {"达标": "C6EFCE", "滞后": "FFEB9C", "严重滞后": "FFC7CE"}
WIDE_HEADERS = ("序号", "项目", "指标", "单位", "年度目标", "9月目标", "完成值", "完成率", "状态",
                "牵头单位")


def _wide_rows() -> tuple[tuple[str, ...], ...]:
    rows = []
    for i in range(90):
        target = 100 + 10 * i
        done = target * (0.5 + (i * 37 % 60) / 100)
        rate = done / target
        state = "达标" if rate >= 1 else "滞后" if rate >= 0.8 else "严重滞后"
        rows.append((str(i + 1), f"第{i // 9 + 1}项", f"新建、改造设施{i + 1}", "个",
                     str(target + 50), str(target), f"{done:.0f}", f"{rate:.0%}", state,
                     UNITS[i % len(UNITS)]))
    return tuple(rows)


def sample_document(**changes: object) -> OfficialDocument:
    """A realistic monthly 通报 with a wide landscape table and a ranking table."""
    wide = _wide_rows()
    ranking = tuple((str(i + 1), unit, str(12 - i % 5), str(10 - i % 7),
                     f"{(10 - i % 7) / (12 - i % 5):.0%}") for i, unit in enumerate(UNITS))
    fields: dict[str, object] = {
        "title": TITLE,
        "addressees": ADDRESSEES,
        "sections": (
            Section("一、总体情况", paragraphs=(
                ("2023年区政府民生十大实事共10项、45个指标。截至9月30日，各项目总体推进顺利，"
                "已完成年度目标的指标28个，按序时进度推进的指标11个，进度滞后的指标6个。"),
                (Run("从项目看，", bold=False), Run("教育、医疗、养老三项", bold=True),
                 Run("推进较快，均已完成前三季度目标；交通、住房两项推进较慢。")),
            )),
            Section("二、存在问题", subsections=(
                Section("（一）部分项目进度滞后", paragraphs=(
                    ("新建公共充电桩、老旧小区改造等6个指标完成率低于序时进度80%，"
                    "其中2个指标完成率不足50%。"),)),
                Section("（二）数据报送不够及时", paragraphs=(
                    "个别牵头单位未按时报送9月份进度数据，部分数据缺少佐证材料。",)),
            )),
            Section("三、下步工作要求", paragraphs=(
                "各牵头单位要对照年度目标，倒排工期、挂图作战，确保年底前全面完成任务。",
                "各单位要于每月5日前报送上月进度数据，并对数据真实性负责。",
            )),
        ),
        "closing": ("特此通报。",),
        "attachments": (
            Attachment("2023年9月份民生十大实事指标推进情况表",
                       tables=(Table(WIDE_HEADERS, wide,
                                     widths_mm=(11, 16, 40, 12, 19, 19, 16, 16, 20, 46),
                                     fills=tuple((None,) * 8 + (LIGHTS[row[8]], None)
                                                 for row in wide)),),
                       landscape=True),
            Attachment("各牵头单位民生实事推进情况排名",
                       paragraphs=("按指标达标率从高到低排列。",),
                       tables=(Table(("排名", "牵头单位", "指标数", "达标数", "达标率"),
                                     ranking),)),
        ),
        "issuer": "广州市增城区人民政府办公室",
        "date": chinese_date(__import__("datetime").date(2023, 9, 30)),
    }
    fields.update(changes)
    return OfficialDocument(**fields)  # type: ignore[arg-type]


def _read(doc: OfficialDocument) -> docx.document.Document:
    stream = io.BytesIO()
    write_docx(doc, stream)
    stream.seek(0)
    return docx.Document(stream)


@pytest.fixture(scope="module")
def written() -> docx.document.Document:
    return _read(sample_document())


def _mm(length: int) -> float:
    return length / 36000


def _east_asian(run) -> str | None:
    return run._r.rPr.rFonts.get(qn("w:eastAsia"))


def _paragraph(document, text: str):
    return next(p for p in document.paragraphs if p.text == text)


def test_a4_with_the_standard_margins(written) -> None:
    section = written.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    measured = [_mm(v) for v in (section.page_width, section.page_height, section.top_margin,
                                 section.bottom_margin, section.left_margin, section.right_margin)]
    assert measured == pytest.approx([210, 297, 37, 35, 28, 26], abs=0.5)
    # mirrored: the 28 mm margin is on the binding side of even pages too
    assert written.settings.element.find(qn("w:mirrorMargins")) is not None


def test_22_lines_of_28_characters(written) -> None:
    for section in written.sections:
        grid = section._sectPr.find(qn("w:docGrid"))
        assert grid.get(qn("w:type")) == "lines"
        assert int(grid.get(qn("w:linePitch"))) == 579  # twips: 28.95 pt, 22 lines in 225 mm
    body = _paragraph(written, "特此通报。")
    assert body.paragraph_format.line_spacing.pt == pytest.approx(28.95)
    assert body.paragraph_format.line_spacing_rule == docx.enum.text.WD_LINE_SPACING.EXACTLY
    # each 16 pt character is condensed so that exactly 28 fit in the 156 mm type area
    condensed = int(body.runs[0]._r.rPr.find(qn("w:spacing")).get(qn("w:val"))) / 20
    width = 156 / 25.4 * 72
    assert 28 * (16 + condensed) <= width < 29 * (16 + condensed)


def test_the_wide_attachment_is_in_a_landscape_section(written) -> None:
    orientations = [s.orientation for s in written.sections]
    assert orientations == [WD_ORIENT.PORTRAIT, WD_ORIENT.LANDSCAPE, WD_ORIENT.PORTRAIT]
    wide = written.sections[1]
    assert (_mm(wide.page_width), _mm(wide.page_height)) == pytest.approx((297, 210), abs=0.5)
    type_area = (_mm(wide.page_width - wide.left_margin - wide.right_margin),
                 _mm(wide.page_height - wide.top_margin - wide.bottom_margin))
    assert type_area == pytest.approx((225, 156), abs=0.5)
    # the landscape section holds the wide table, the last section the ranking table
    body = written.element.body
    breaks = body.xpath("./w:p[w:pPr/w:sectPr]")
    tables = body.xpath("./w:tbl")
    order = [body.index(e) for e in (breaks[0], tables[0], breaks[1], tables[1])]
    assert order == sorted(order)


def test_title_body_and_heading_fonts(written) -> None:
    title = written.paragraphs[0]
    assert title.text == TITLE
    assert title.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    assert {_east_asian(r) for r in title.runs} == {"方正小标宋简体"}
    assert {r.font.size.pt for r in title.runs} == {22}
    body = _paragraph(written, "特此通报。")
    assert _east_asian(body.runs[0]) == "仿宋_GB2312" and body.runs[0].font.size.pt == 16
    assert body.paragraph_format.first_line_indent.pt == pytest.approx(32, abs=0.6)  # 2 chars
    fonts = {"一": "黑体", "二": "黑体", "三": "黑体", "（": "楷体_GB2312"}
    for heading in HEADINGS:
        run = _paragraph(written, heading).runs[0]
        assert _east_asian(run) == fonts[heading[0]] and run.font.size.pt == 16
    bold = [r.text for r in _paragraph(written, paragraph_text(
        sample_document().sections[0].paragraphs[1])).runs if r.bold]
    assert bold == ["教育、医疗、养老三项"]


def test_every_run_names_its_east_asian_font_and_the_language_is_chinese(written) -> None:
    runs = [r for p in written.paragraphs for r in p.runs]
    runs += [r for t in written.tables for row in t.rows for c in row.cells
             for p in c.paragraphs for r in p.runs]
    assert runs and all(_east_asian(r) for r in runs)
    normal = written.styles["Normal"].element.rPr
    assert normal.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    defaults = written.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault"))
    fonts = defaults.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert fonts.get(qn("w:eastAsiaTheme")) is None  # a theme font would override the name


def test_headings_in_order_then_notice_then_signature(written) -> None:
    texts = [p.text for p in written.paragraphs]
    assert texts[2] == ADDRESSEES
    positions = [texts.index(h) for h in HEADINGS]
    assert positions == sorted(positions)
    notice = texts.index("附件：1. 2023年9月份民生十大实事指标推进情况表")
    assert texts[notice + 1] == "2. 各牵头单位民生实事推进情况排名"
    issuer, date = texts.index("广州市增城区人民政府办公室"), texts.index("2023年9月30日")
    assert positions[-1] < notice < issuer == date - 1
    right = docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT
    date_paragraph = written.paragraphs[date]
    assert date_paragraph.alignment == right
    assert date_paragraph.paragraph_format.right_indent.pt == pytest.approx(64, abs=1)  # 4 chars
    assert texts.index("附件1") < texts.index("附件2")
    for label in ("附件1", "附件2"):
        assert _east_asian(_paragraph(written, label).runs[0]) == "黑体"
        assert _starts_a_page(_paragraph(written, label))


def _starts_a_page(paragraph) -> bool:
    """Whether `paragraph` begins a page: a page break before it, or a section break."""
    previous = paragraph._p.getprevious()
    return bool(paragraph.paragraph_format.page_break_before) or (
        previous is not None and previous.xpath("./w:pPr/w:sectPr") != [])


def test_each_attachment_starts_a_page() -> None:
    portrait = Attachment("排名", tables=(Table(("a",), (("1",),)),))
    for attachments in ((portrait, portrait), (portrait, Attachment("宽表", landscape=True))):
        written = _read(sample_document(attachments=attachments))
        assert _starts_a_page(_paragraph(written, "附件1"))
        assert _starts_a_page(_paragraph(written, "附件2"))
    single = _read(sample_document(attachments=(portrait,)))
    texts = [p.text for p in single.paragraphs]
    assert "附件：排名" in texts and "附件" in texts and "附件1" not in texts


def test_addressees_get_a_full_width_colon() -> None:
    for given in ("各镇政府", "各镇政府:", "各镇政府："):
        texts = [p.text for p in _read(sample_document(addressees=given)).paragraphs]
        assert "各镇政府：" in texts and "各镇政府:：" not in texts


def test_tables_equal_their_input_and_repeat_their_headers(written) -> None:
    expected = sample_document().attachments
    assert len(written.tables) == 2
    for table, attachment in zip(written.tables, expected):
        model = attachment.tables[0]
        cells = [tuple(c.text for c in row.cells) for row in table.rows]
        assert cells == [model.headers, *model.rows]
        rows = table._tbl.tr_lst
        assert rows[0].trPr.find(qn("w:tblHeader")) is not None
        assert all(r.trPr.find(qn("w:tblHeader")) is None for r in rows[1:])
        assert all(r.trPr.find(qn("w:cantSplit")) is not None for r in rows)
        assert all(r.bold for c in table.rows[0].cells for r in c.paragraphs[0].runs)
        width = sum(int(g.get(qn("w:w"))) for g in table._tbl.tblGrid.findall(qn("w:gridCol")))
        assert width / 1440 * 25.4 == pytest.approx(225 if attachment.landscape else 156, abs=0.5)
        assert table._tbl.tblPr.find(qn("w:tblBorders")) is not None
    wide = written.tables[0]
    fills = [c._tc.tcPr.find(qn("w:shd")) for c in wide.rows[1].cells]
    assert [f.get(qn("w:fill")) if f is not None else None for f in fills] == list(
        expected[0].tables[0].fills[0])
    first_cell = wide.rows[1].cells[0].paragraphs[0]
    assert first_cell._p.pPr.find(qn("w:suppressAutoHyphens")) is not None
    assert first_cell.runs[0].font.size.pt == 12


def test_page_numbers_in_the_footers(written) -> None:
    settings = written.settings.element
    assert settings.find(qn("w:evenAndOddHeaders")) is not None
    section = written.sections[0]
    for footer, alignment in ((section.footer, "RIGHT"), (section.even_page_footer, "LEFT")):
        paragraph = footer.paragraphs[0]
        instructions = "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
        assert instructions.strip() == "PAGE"
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert paragraph.alignment == getattr(docx.enum.text.WD_ALIGN_PARAGRAPH, alignment)
        assert {_east_asian(r) for r in paragraph.runs} == {"宋体"}
        assert {r.font.size.pt for r in paragraph.runs} == {14}
    assert all(s.footer.is_linked_to_previous for s in written.sections[1:])


def test_control_characters_are_made_visible() -> None:
    dirty = "区\x00教育\x0b局\x0c\x1b\ud800\uffff"
    doc = sample_document(
        title=TITLE + "\x07", issuer="区政府\x08办公室",
        sections=(Section("一、总\x01体情况", paragraphs=(dirty, (Run("加粗\x02", bold=True),))),),
        attachments=(Attachment("表\x03", tables=(Table(("单位\x04",), ((dirty,),)),)),),
    )
    written = _read(doc)
    xml = written.element.xml
    assert not any(c in xml for c in "\x00\x01\x02\x03\x04\x07\x08\x0b\x0c\x1b\ufffe\uffff")
    texts = [p.text for p in written.paragraphs]
    assert "区^@教育^K局^L^[\ufffd\ufffd" in texts
    assert "一、总^A体情况" in texts and TITLE + "^G" in texts
    assert written.tables[0].rows[1].cells[0].text == "区^@教育^K局^L^[\ufffd\ufffd"


def test_xml_safe() -> None:
    assert xml_safe("a\tb\nc") == "a\tb\nc"
    assert xml_safe("a\r\nb\rc") == "a\nb\nc"
    assert xml_safe("\x00\x1f\x7f") == "^@^_^?"
    assert xml_safe("汉字\U0001F600") == "汉字\U0001F600"


@pytest.mark.parametrize("bad", [
    {"headers": (), "rows": ()},
    {"headers": ("a", "b"), "rows": (("1",),)},
    {"headers": ("a",), "rows": (("1",),), "widths_mm": (1, 2)},
    {"headers": ("a",), "rows": (("1",),), "widths_mm": (0,)},
    {"headers": ("a",), "rows": (("1",),), "fills": (("red",),)},
    {"headers": ("a",), "rows": (("1",),), "fills": ()},
])
def test_inconsistent_tables_are_refused(bad) -> None:
    with pytest.raises(ValueError):
        Table(**bad)


def test_importing_the_model_does_not_import_python_docx() -> None:
    code = "import sys, minsheng_cli.outputs.gongwen; print('docx' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# For a faithful look where the standard fonts are missing: Noto CJK (fonts-noto-cjk) in their
# place, serif for the 宋 and 楷 faces (bold for the heavy 小标宋), sans for 黑体. Only this
# process's LibreOffice sees these substitutions.
SERIF, SANS = "Noto Serif CJK SC", "Noto Sans CJK SC"
FONT_ALIASES = {"方正小标宋简体": (SERIF, "bold"), "仿宋_GB2312": (SERIF, None),
                "楷体_GB2312": (SERIF, None), "宋体": (SERIF, None), "黑体": (SANS, None)}


def _fontconfig(directory: Path) -> Path:
    rules = "".join(
        f"<match target='pattern'><test name='family'><string>{name}</string></test>"
        f"<edit name='family' mode='prepend' binding='strong'><string>{font}</string></edit>"
        + (f"<edit name='weight' mode='assign'><const>{weight}</const></edit>" if weight else "")
        + "</match>"
        for name, (font, weight) in FONT_ALIASES.items())
    conf = directory / "fonts.conf"
    conf.write_text("<?xml version='1.0'?><!DOCTYPE fontconfig SYSTEM 'fonts.dtd'><fontconfig>"
                    f"<include>/etc/fonts/fonts.conf</include>{rules}</fontconfig>",
                    encoding="utf-8")
    return conf


def render_pdf(docx_path: Path, workdir: Path) -> Path:
    """`docx_path` rendered to PDF by LibreOffice in `workdir`, with a private profile."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed: cannot render the .docx to PDF")
    env = dict(os.environ)
    if Path("/etc/fonts/fonts.conf").exists():
        env["FONTCONFIG_FILE"] = str(_fontconfig(workdir))
    profile = (workdir / "lo-profile").resolve().as_uri()  # runs beside a user's own office
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(workdir), str(docx_path)],
                   check=True, capture_output=True, timeout=300, env=env)
    return workdir / (docx_path.stem + ".pdf")


def test_renders_to_pdf_with_libreoffice(tmp_path: Path) -> None:
    source = tmp_path / "tongbao.docx"
    with source.open("wb") as stream:
        write_docx(sample_document(), stream)
    pdf_path = render_pdf(source, tmp_path)
    pdf = pdf_path.read_bytes()
    assert pdf.startswith(b"%PDF")
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf_path)], capture_output=True, text=True,
                              check=True).stdout
        pages = int(next(ln.split()[-1] for ln in info.splitlines() if ln.startswith("Pages:")))
    else:
        pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
    assert pages > 1
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf_path), "-"], capture_output=True, text=True,
                              check=True).stdout
        compact = "".join(text.split())  # pdftotext may space out 汉字
        assert "总体情况" in compact and "附件1" in compact and "—1—" in compact


def _write_pictures(docs: Path) -> None:
    """Render the sample and save its first page and a landscape page as PNGs in `docs`."""
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        source = work / "tongbao.docx"
        with source.open("wb") as stream:
            write_docx(sample_document(), stream)
        pdf = render_pdf(source, work)
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                              check=True).stdout
        pages = ["".join(page.split()) for page in text.split("\f")]
        landscape = next(i for i, page in enumerate(pages, 1) if page.startswith("附件1"))
        for page, name in ((1, "tongbao"), (landscape, "tongbao-attachment")):
            subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", str(page), "-l", str(page),
                            "-singlefile", str(pdf), str(docs / name)], check=True)


if __name__ == "__main__":  # python tests/test_gongwen.py: redraw docs/tongbao*.png
    _write_pictures(Path(__file__).resolve().parent.parent / "docs")
