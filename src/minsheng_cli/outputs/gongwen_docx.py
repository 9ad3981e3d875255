"""Lay out a `gongwen.OfficialDocument` as Word (.docx) in the GB/T 9704-2012 公文 layout.

A4, margins 37/35/28/26 mm (type area 156 × 225 mm; mirrored, for printing on both sides with
the type areas back to back), 22 lines of 28 characters: 3号 (16 pt) 仿宋_GB2312 body at an
exact 28.95 pt line pitch on a line grid, condensed by 0.25 pt to fit 28 a line; 2号 (22 pt)
方正小标宋简体 title; 黑体 / 楷体_GB2312 / 仿宋_GB2312 headings by level; page numbers "— 1 —" in
4号 宋体, odd pages right, even pages left, one character in from the edge of the type area.

Every run names its East Asian font (w:eastAsia) as well as its Latin one, and the document's
language is zh-CN: without that, Word and LibreOffice set the 汉字 in a default font. Machines
without the standard fonts substitute their own; the document still names the standard ones.

Landscape attachments get their own section, 297 × 210 mm, with the portrait margins turned so
that the binding edge (28 mm) is at the top of the page, where the table's head is.

python-docx is imported only inside the functions: importing this module is cheap.
"""

from __future__ import annotations

from typing import Any, BinaryIO

from . import gongwen_xml as ox
from .gongwen import OfficialDocument, Paragraph, Run, Section, xml_safe
from .gongwen_xml import (
    BODY_PT,
    FANGSONG,
    HEADING_FONTS,
    HEITI,
    LINE_PITCH,
    PAGE_NUMBER_PT,
    SONG,
    TITLE_PT,
    XIAOBIAOSONG,
)

PORTRAIT = (210.0, 297.0)
MARGINS = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}  # mm; left binds
# Landscape: the sheet turned so that the binding edge is at the top (the table head's side).
LANDSCAPE_MARGINS = {"top": 28.0, "bottom": 26.0, "left": 35.0, "right": 37.0}
# The top of the page number's dash lies 7 mm below the type area (GB/T 9704 §7.5).
FOOTER_BELOW_TYPE_AREA = 9.5  # mm from the type area's lower edge to the footer's baseline box


def _body(container: Any, paragraph: Paragraph) -> None:
    p = ox.para(container, first=2)
    runs = (Run(paragraph),) if isinstance(paragraph, str) else paragraph
    for run in runs:
        ox.run(p, run.text, FANGSONG, BODY_PT, run.bold)


def _set_defaults(document: Any) -> None:
    """Normal style and document defaults: 仿宋_GB2312 16 pt, zh-CN, exact 28.95 pt lines."""
    from docx.oxml.ns import qn

    styles = document.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr_default):
        rpr_default.remove(child)
    for child in ox.rpr(FANGSONG, BODY_PT):
        rpr_default.append(child)
    rpr_default.append(ox.el("lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    normal = document.styles["Normal"].element
    for old in normal.findall(qn("w:rPr")) + normal.findall(qn("w:pPr")):
        normal.remove(old)
    normal.append(ox.ppr_element(indent=False, autospace=False))  # pPr, rPr end a style
    rpr = ox.rpr(FANGSONG, BODY_PT)
    rpr.append(ox.el("lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    normal.append(rpr)
    settings = document.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")  # tables then align with the type area's edges
    # 订口 (28 mm) on the binding side of each page: left on odd pages, right on even ones
    settings.insert_element_before(  # its successors in python-docx's default settings.xml
        ox.el("mirrorMargins"), "w:proofState", "w:attachedTemplate", "w:defaultTabStop")


def _setup_section(section: Any, landscape: bool) -> None:
    from docx.enum.section import WD_ORIENT
    from docx.oxml.ns import qn
    from docx.shared import Mm

    width, height = PORTRAIT[::-1] if landscape else PORTRAIT
    margins = LANDSCAPE_MARGINS if landscape else MARGINS
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.bottom_margin = Mm(margins["top"]), Mm(margins["bottom"])
    section.left_margin, section.right_margin = Mm(margins["left"]), Mm(margins["right"])
    section.gutter = 0
    section.header_distance = Mm(15)
    section.footer_distance = Mm(margins["bottom"] - FOOTER_BELOW_TYPE_AREA)
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:docGrid")):
        sect_pr.remove(old)
    # A line grid of 22 lines; 28 characters a line come from BODY_SPACING (see letter_spacing).
    sect_pr.append(ox.el("docGrid", type="lines", linePitch=LINE_PITCH))  # w:sectPr's last child


def _type_width_mm(section: Any) -> float:
    return float(section.page_width - section.left_margin - section.right_margin) / 36000


def _page_number(paragraph: Any, odd: bool) -> None:
    """"— 1 —" in 4号 宋体 with a PAGE field; odd pages right, even left, one character in."""
    from docx.oxml.ns import qn

    ox.ppr(paragraph._p, jc="right" if odd else "left", right=1 if odd else 0, left=0 if odd else 1,
         line=round(PAGE_NUMBER_PT * 20 * 1.3), snap=False, char=20 * PAGE_NUMBER_PT)

    def run(child: Any) -> None:
        r = paragraph.add_run()._r
        r.insert(0, ox.rpr(SONG, PAGE_NUMBER_PT))
        r.rPr.rFonts.set(qn("w:hint"), "eastAsia")  # the dash as a full-width 一字线
        r.append(child)

    def text(value: str) -> Any:
        t = ox.el("t")
        t.set(qn("xml:space"), "preserve")
        t.text = value
        return t

    run(text("— "))
    run(ox.el("fldChar", fldCharType="begin"))
    instr = ox.el("instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run(instr)
    run(ox.el("fldChar", fldCharType="separate"))
    run(text("1"))
    run(ox.el("fldChar", fldCharType="end"))
    run(text(" —"))


def _section(document: Any, section: Section, level: int, width_mm: float) -> None:
    from .gongwen_tables import _table

    if section.heading.strip():
        p = ox.para(document, first=2, keep_next=True)
        ox.run(p, section.heading, HEADING_FONTS[min(level, len(HEADING_FONTS)) - 1], BODY_PT)
    for paragraph in section.paragraphs:
        _body(document, paragraph)
    for table in section.tables:
        _table(document, table, width_mm)
    for sub in section.subsections:
        _section(document, sub, level + 1, width_mm)


def _centred_title(document: Any, title: str, **layout: Any) -> None:
    """A 2号 小标宋 title; its lines break where the text has newlines (and where they must)."""
    p = ox.para(document, jc="center", snap=False, **layout)
    ox.run(p, "\n".join(line.strip() for line in title.strip().splitlines()), XIAOBIAOSONG, TITLE_PT)


def _attachment_notice(document: Any, titles: list[str]) -> None:
    """附件：1. 标题 / 2. 标题 …, the numbers aligned and long titles wrapped under their first
    character (GB/T 9704 §7.3.4). A single attachment has no number."""
    ox.para(document)
    for i, title in enumerate(titles, 1):
        title = " ".join(title.split()).rstrip("。；;，,.")
        number = f"{i}. " if len(titles) > 1 else ""
        lead = "附件：" if i == 1 else ""
        indent = 2 + 3 + ox.text_width(number)  # 2 characters in, then "附件：" and the number
        p = ox.para(document, left=indent, first=-(ox.text_width(lead + number)), jc="left")
        ox.run(p, lead + number + title, FANGSONG, BODY_PT)


def _signature(document: Any, issuer: str, date: str) -> None:
    """Issuer centred over the date, the date 4 characters from the right (§7.3.5.1, sealed)."""
    ox.para(document)
    ox.para(document)  # room for the seal, whose top is within a line of the text above
    issuer, date = issuer.strip(), date.strip()
    issuer_right = max(0.0, 4 + (ox.text_width(date) - ox.text_width(issuer)) / 2)
    ox.run(ox.para(document, jc="right", right=issuer_right, keep_next=True), issuer, FANGSONG, BODY_PT)
    ox.run(ox.para(document, jc="right", right=4), date, FANGSONG, BODY_PT)


def _break_section(document: Any, landscape: bool) -> Any:
    """Start a new section on a new page; shrink the paragraph that carries the old section's
    properties to a hairline, so it cannot spill onto a page of its own."""
    from docx.enum.section import WD_SECTION
    from docx.oxml.ns import qn

    section = document.add_section(WD_SECTION.NEW_PAGE)
    _setup_section(section, landscape)
    carrier = document.element.body.xpath("./w:p[w:pPr/w:sectPr]")[-1]
    ppr = carrier.pPr
    sect_pr = ppr.find(qn("w:sectPr"))
    sect_pr.addprevious(ox.el("snapToGrid", val=0))
    sect_pr.addprevious(ox.el("spacing", before=0, after=0, line=20, lineRule="exact"))
    rpr = ox.el("rPr")
    rpr.append(ox.el("sz", val=2))
    sect_pr.addprevious(rpr)
    return section


def write_document(doc: OfficialDocument, stream: BinaryIO) -> None:
    """Write `doc` to `stream` as .docx; the stream is written to, not closed."""
    import docx

    from .gongwen_tables import _table

    document = docx.Document()
    _set_defaults(document)
    core = document.core_properties
    core.title = xml_safe("".join(line.strip() for line in doc.title.splitlines()))
    core.author = xml_safe(doc.issuer.strip())
    section = document.sections[0]
    _setup_section(section, landscape=False)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)

    if doc.document_number:
        ox.run(ox.para(document, jc="center"), doc.document_number.strip(), FANGSONG, BODY_PT)
        ox.para(document)
    _centred_title(document, doc.title)
    ox.para(document)
    addressees = doc.addressees.strip()
    if addressees:
        addressees = addressees.removesuffix(":").removesuffix("：") + "："
        ox.run(ox.para(document), addressees, FANGSONG, BODY_PT)
    width = _type_width_mm(section)
    for part in doc.sections:
        _section(document, part, 1, width)
    for paragraph in doc.closing:
        _body(document, paragraph)
    if doc.attachments:
        _attachment_notice(document, [a.title for a in doc.attachments])
    _signature(document, doc.issuer, doc.date)

    landscape = False
    for i, attachment in enumerate(doc.attachments, 1):
        new_page = attachment.landscape == landscape
        if not new_page:
            section = _break_section(document, attachment.landscape)
            landscape = attachment.landscape
        label = f"附件{i}" if len(doc.attachments) > 1 else "附件"
        p = ox.para(document, jc="left", keep_next=True, page_break=new_page)
        ox.run(p, label, HEITI, BODY_PT)
        ox.para(document, keep_next=True)
        _centred_title(document, attachment.title, keep_next=True)
        ox.para(document, keep_next=True)
        for paragraph in attachment.paragraphs:
            _body(document, paragraph)
        for table in attachment.tables:
            _table(document, table, _type_width_mm(section))
    document.save(stream)
