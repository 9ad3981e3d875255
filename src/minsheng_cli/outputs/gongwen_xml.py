"""The WordprocessingML pieces of the 公文 layout (GB/T 9704-2012): its type measures and fonts,
and runs and paragraphs whose properties name every font and keep the line grid. Used by
gongwen_docx.py (the document) and gongwen_tables.py (its tables).

python-docx is imported only inside the functions: importing this module is cheap.
"""

from __future__ import annotations

import math
import re
from typing import Any

from .gongwen import xml_safe

CHARS_PER_LINE = 28
LINE_PITCH = 579  # twips: 28.95 pt, 22 lines in the 225 mm type area
BODY_PT, TITLE_PT, TABLE_PT, PAGE_NUMBER_PT = 16, 22, 12, 14
TABLE_LINE = 360  # twips: 18 pt, an exact line for 12 pt cell text

XIAOBIAOSONG, FANGSONG, KAITI = "方正小标宋简体", "仿宋_GB2312", "楷体_GB2312"
HEITI, SONG = "黑体", "宋体"
HEADING_FONTS = (HEITI, KAITI, FANGSONG)  # by level: 一、 （一） 1. and deeper

NUMERIC = re.compile(r"[-+−]?[\d,，]*\d(\.\d+)?\s*[%％]?|[—–-]*")


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


def el(tag: str, **attrs: object) -> Any:
    """A new `w:` element; attribute names are given without the `w:` prefix."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    element = OxmlElement(f"w:{tag}")
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), str(value))
    return element


def fonts(font: str) -> Any:
    return el("rFonts", ascii=font, hAnsi=font, eastAsia=font, cs=font)


def rpr(font: str, size_pt: float, bold: bool = False, spacing: int = 0) -> Any:
    rpr = el("rPr")
    rpr.append(fonts(font))
    if bold:
        rpr.append(el("b"))
        rpr.append(el("bCs"))
    if spacing:
        rpr.append(el("spacing", val=spacing))
    rpr.append(el("sz", val=round(size_pt * 2)))
    rpr.append(el("szCs", val=round(size_pt * 2)))
    return rpr


def run(paragraph: Any, text: str, font: str, size_pt: float, bold: bool = False) -> Any:
    run = paragraph.add_run(xml_safe(text))
    old = run._r.rPr
    if old is not None:
        run._r.remove(old)
    run._r.insert(0, rpr(font, size_pt, bold, BODY_SPACING if size_pt == BODY_PT else 0))
    return run


def ppr_element(*, jc: str = "both", first: float = 0, left: float = 0, right: float = 0,
                 line: int = LINE_PITCH, snap: bool = True, keep_next: bool = False,
                 page_break: bool = False, hyphens: bool = True, char: int = CHAR,
                 indent: bool = True, autospace: bool = True) -> Any:
    """Paragraph properties; indents in characters of `char` twips, a negative `first` hanging.

    Indents are written in twips and in hundredths of a character (w:firstLineChars …), which
    Word prefers and which follow its character grid.
    """
    ppr = el("pPr")
    if keep_next:
        ppr.append(el("keepNext"))
    if page_break:
        ppr.append(el("pageBreakBefore"))
    if not hyphens:
        ppr.append(el("suppressAutoHyphens"))
    if not autospace:  # no extra space between 汉字 and Latin letters or digits: "2023年"
        ppr.append(el("autoSpaceDE", val=0))
        ppr.append(el("autoSpaceDN", val=0))
    if not snap:
        ppr.append(el("snapToGrid", val=0))
    ppr.append(el("spacing", before=0, after=0, line=line, lineRule="exact"))
    if indent:
        ind = {"left": round(left * char), "leftChars": round(left * 100),
               "right": round(right * char), "rightChars": round(right * 100)}
        kind = "firstLine" if first >= 0 else "hanging"
        ind |= {kind: round(abs(first) * char), f"{kind}Chars": round(abs(first) * 100)}
        ppr.append(el("ind", **ind))
    ppr.append(el("jc", val=jc))
    return ppr


def ppr(p: Any, **layout: Any) -> None:
    """Replace the properties of paragraph element `p` (see `_ppr_element`)."""
    if p.pPr is not None:
        p.remove(p.pPr)
    p.insert(0, ppr_element(**layout))


def para(container: Any, **layout: Any) -> Any:
    paragraph = container.add_paragraph()
    ppr(paragraph._p, **layout)
    return paragraph
