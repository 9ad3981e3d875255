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

import math
import re
from typing import Any, BinaryIO

from .gongwen import OfficialDocument, Paragraph, Run, Section, xml_safe

PORTRAIT = (210.0, 297.0)
MARGINS = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}  # mm; left binds
# Landscape: the sheet turned so that the binding edge is at the top (the table head's side).
LANDSCAPE_MARGINS = {"top": 28.0, "bottom": 26.0, "left": 35.0, "right": 37.0}
CHARS_PER_LINE = 28
LINE_PITCH = 579  # twips: 28.95 pt, 22 lines in the 225 mm type area
BODY_PT, TITLE_PT, TABLE_PT, PAGE_NUMBER_PT = 16, 22, 12, 14
TABLE_LINE = 360  # twips: 18 pt, an exact line for 12 pt cell text
# The top of the page number's dash lies 7 mm below the type area (GB/T 9704 §7.5).
FOOTER_BELOW_TYPE_AREA = 9.5  # mm from the type area's lower edge to the footer's baseline box

XIAOBIAOSONG, FANGSONG, KAITI = "方正小标宋简体", "仿宋_GB2312", "楷体_GB2312"
HEITI, SONG = "黑体", "宋体"
HEADING_FONTS = (HEITI, KAITI, FANGSONG)  # by level: 一、 （一） 1. and deeper

_NUMERIC = re.compile(r"[-+−]?[\d,，]*\d(\.\d+)?\s*[%％]?|[—–-]*")


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


def letter_spacing(type_width_mm: float = 156.0) -> int:
    """Run spacing (w:spacing, twips, negative) that fits 28 characters of 16 pt in a line.

    156 mm holds only 27.6 characters of 16 pt. Word's character grid (linesAndChars) would
    squeeze them to 15.79 pt, but LibreOffice then gives every character two grid cells (14 a
    line), so the grid here is lines only and each 3号 run is condensed by 0.25 pt instead.
    """
    pitch_twips = twips(type_width_mm) / CHARS_PER_LINE
    return math.floor(pitch_twips - 20 * BODY_PT)


BODY_SPACING = letter_spacing()
CHAR = 20 * BODY_PT + BODY_SPACING  # twips: the pitch of one condensed 3号 character


def text_width(text: str) -> float:
    """Width in characters: half-width (ASCII, Latin) characters count a half."""
    return sum(0.5 if ord(c) < 0x1100 else 1.0 for c in text)


def _el(tag: str, **attrs: object) -> Any:
    """A new `w:` element; attribute names are given without the `w:` prefix."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(f"w:{tag}")
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), str(value))
    return element


def _fonts(font: str) -> Any:
    return _el("rFonts", ascii=font, hAnsi=font, eastAsia=font, cs=font)


def _rpr(font: str, size_pt: float, bold: bool = False, spacing: int = 0) -> Any:
    rpr = _el("rPr")
    rpr.append(_fonts(font))
    if bold:
        rpr.append(_el("b"))
        rpr.append(_el("bCs"))
    if spacing:
        rpr.append(_el("spacing", val=spacing))
    rpr.append(_el("sz", val=round(size_pt * 2)))
    rpr.append(_el("szCs", val=round(size_pt * 2)))
    return rpr


def _run(paragraph: Any, text: str, font: str, size_pt: float, bold: bool = False) -> Any:
    run = paragraph.add_run(xml_safe(text))
    old = run._r.rPr
    if old is not None:
        run._r.remove(old)
    run._r.insert(0, _rpr(font, size_pt, bold, BODY_SPACING if size_pt == BODY_PT else 0))
    return run


def _ppr_element(*, jc: str = "both", first: float = 0, left: float = 0, right: float = 0,
                 line: int = LINE_PITCH, snap: bool = True, keep_next: bool = False,
                 page_break: bool = False, hyphens: bool = True, char: int = CHAR,
                 indent: bool = True, autospace: bool = True) -> Any:
    """Paragraph properties; indents in characters of `char` twips, a negative `first` hanging.

    Indents are written in twips and in hundredths of a character (w:firstLineChars …), which
    Word prefers and which follow its character grid.
    """
    ppr = _el("pPr")
    if keep_next:
        ppr.append(_el("keepNext"))
    if page_break:
        ppr.append(_el("pageBreakBefore"))
    if not hyphens:
        ppr.append(_el("suppressAutoHyphens"))
    if not autospace:  # no extra space between 汉字 and Latin letters or digits: "2023年"
        ppr.append(_el("autoSpaceDE", val=0))
        ppr.append(_el("autoSpaceDN", val=0))
    if not snap:
        ppr.append(_el("snapToGrid", val=0))
    ppr.append(_el("spacing", before=0, after=0, line=line, lineRule="exact"))
    if indent:
        ind = {"left": round(left * char), "leftChars": round(left * 100),
               "right": round(right * char), "rightChars": round(right * 100)}
        kind = "firstLine" if first >= 0 else "hanging"
        ind |= {kind: round(abs(first) * char), f"{kind}Chars": round(abs(first) * 100)}
        ppr.append(_el("ind", **ind))
    ppr.append(_el("jc", val=jc))
    return ppr


def _ppr(p: Any, **layout: Any) -> None:
    """Replace the properties of paragraph element `p` (see `_ppr_element`)."""
    if p.pPr is not None:
        p.remove(p.pPr)
    p.insert(0, _ppr_element(**layout))


def _para(container: Any, **layout: Any) -> Any:
    paragraph = container.add_paragraph()
    _ppr(paragraph._p, **layout)
    return paragraph


def _body(container: Any, paragraph: Paragraph) -> None:
    p = _para(container, first=2)
    runs = (Run(paragraph),) if isinstance(paragraph, str) else paragraph
    for run in runs:
        _run(p, run.text, FANGSONG, BODY_PT, run.bold)


def _set_defaults(document: Any) -> None:
    """Normal style and document defaults: 仿宋_GB2312 16 pt, zh-CN, exact 28.95 pt lines."""
    from docx.oxml.ns import qn

    styles = document.styles.element
    rpr_default = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr_default):
        rpr_default.remove(child)
    for child in _rpr(FANGSONG, BODY_PT):
        rpr_default.append(child)
    rpr_default.append(_el("lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    normal = document.styles["Normal"].element
    for old in normal.findall(qn("w:rPr")) + normal.findall(qn("w:pPr")):
        normal.remove(old)
    normal.append(_ppr_element(indent=False, autospace=False))  # pPr, rPr end a style
    rpr = _rpr(FANGSONG, BODY_PT)
    rpr.append(_el("lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
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
        _el("mirrorMargins"), "w:proofState", "w:attachedTemplate", "w:defaultTabStop")


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
    sect_pr.append(_el("docGrid", type="lines", linePitch=LINE_PITCH))  # w:sectPr's last child


def _type_width_mm(section: Any) -> float:
    return float(section.page_width - section.left_margin - section.right_margin) / 36000


def _page_number(paragraph: Any, odd: bool) -> None:
    """"— 1 —" in 4号 宋体 with a PAGE field; odd pages right, even left, one character in."""
    from docx.oxml.ns import qn

    _ppr(paragraph._p, jc="right" if odd else "left", right=1 if odd else 0, left=0 if odd else 1,
         line=round(PAGE_NUMBER_PT * 20 * 1.3), snap=False, char=20 * PAGE_NUMBER_PT)

    def run(child: Any) -> None:
        r = paragraph.add_run()._r
        r.insert(0, _rpr(SONG, PAGE_NUMBER_PT))
        r.rPr.rFonts.set(qn("w:hint"), "eastAsia")  # the dash as a full-width 一字线
        r.append(child)

    def text(value: str) -> Any:
        t = _el("t")
        t.set(qn("xml:space"), "preserve")
        t.text = value
        return t

    run(text("— "))
    run(_el("fldChar", fldCharType="begin"))
    instr = _el("instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    run(instr)
    run(_el("fldChar", fldCharType="separate"))
    run(text("1"))
    run(_el("fldChar", fldCharType="end"))
    run(text(" —"))


def _section(document: Any, section: Section, level: int, width_mm: float) -> None:
    from .gongwen_tables import _table

    if section.heading.strip():
        p = _para(document, first=2, keep_next=True)
        _run(p, section.heading, HEADING_FONTS[min(level, len(HEADING_FONTS)) - 1], BODY_PT)
    for paragraph in section.paragraphs:
        _body(document, paragraph)
    for table in section.tables:
        _table(document, table, width_mm)
    for sub in section.subsections:
        _section(document, sub, level + 1, width_mm)


def _centred_title(document: Any, title: str, **layout: Any) -> None:
    """A 2号 小标宋 title; its lines break where the text has newlines (and where they must)."""
    p = _para(document, jc="center", snap=False, **layout)
    _run(p, "\n".join(line.strip() for line in title.strip().splitlines()), XIAOBIAOSONG, TITLE_PT)


def _attachment_notice(document: Any, titles: list[str]) -> None:
    """附件：1. 标题 / 2. 标题 …, the numbers aligned and long titles wrapped under their first
    character (GB/T 9704 §7.3.4). A single attachment has no number."""
    _para(document)
    for i, title in enumerate(titles, 1):
        title = " ".join(title.split()).rstrip("。；;，,.")
        number = f"{i}. " if len(titles) > 1 else ""
        lead = "附件：" if i == 1 else ""
        indent = 2 + 3 + text_width(number)  # 2 characters in, then "附件：" and the number
        p = _para(document, left=indent, first=-(text_width(lead + number)), jc="left")
        _run(p, lead + number + title, FANGSONG, BODY_PT)


def _signature(document: Any, issuer: str, date: str) -> None:
    """Issuer centred over the date, the date 4 characters from the right (§7.3.5.1, sealed)."""
    _para(document)
    _para(document)  # room for the seal, whose top is within a line of the text above
    issuer, date = issuer.strip(), date.strip()
    issuer_right = max(0.0, 4 + (text_width(date) - text_width(issuer)) / 2)
    _run(_para(document, jc="right", right=issuer_right, keep_next=True), issuer, FANGSONG, BODY_PT)
    _run(_para(document, jc="right", right=4), date, FANGSONG, BODY_PT)


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
    sect_pr.addprevious(_el("snapToGrid", val=0))
    sect_pr.addprevious(_el("spacing", before=0, after=0, line=20, lineRule="exact"))
    rpr = _el("rPr")
    rpr.append(_el("sz", val=2))
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
        _run(_para(document, jc="center"), doc.document_number.strip(), FANGSONG, BODY_PT)
        _para(document)
    _centred_title(document, doc.title)
    _para(document)
    addressees = doc.addressees.strip()
    if addressees:
        addressees = addressees.removesuffix(":").removesuffix("：") + "："
        _run(_para(document), addressees, FANGSONG, BODY_PT)
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
        p = _para(document, jc="left", keep_next=True, page_break=new_page)
        _run(p, label, HEITI, BODY_PT)
        _para(document, keep_next=True)
        _centred_title(document, attachment.title, keep_next=True)
        _para(document, keep_next=True)
        for paragraph in attachment.paragraphs:
            _body(document, paragraph)
        for table in attachment.tables:
            _table(document, table, _type_width_mm(section))
    document.save(stream)
