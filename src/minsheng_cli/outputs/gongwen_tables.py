"""Tables in the official layout: full type-area width, borders, a header row repeated on every
page, rows never split across pages, cell fills (the lights). Used by gongwen_docx.py."""

from __future__ import annotations

import itertools
from typing import Any

from . import gongwen_xml as ox
from .gongwen import Table
from .gongwen_xml import FANGSONG, TABLE_LINE, TABLE_PT


def _scaled(widths: tuple[float, ...], total: int) -> list[int]:
    """Integer widths proportional to `widths`, summing to exactly `total`."""
    edges = [round(total * sum(widths[:i]) / sum(widths)) for i in range(len(widths) + 1)]
    return [b - a for a, b in itertools.pairwise(edges)]


def _natural_widths(table: Table) -> tuple[float, ...]:
    """Relative column widths from the longest line in each column, within 2 and 16 characters."""
    def longest(column: int) -> float:
        texts = (table.headers[column], *(row[column] for row in table.rows))
        return max(ox.text_width(line) for text in texts for line in text.splitlines() or [""])
    return tuple(min(max(longest(c), 2.0), 16.0) + 1 for c in range(len(table.headers)))


def _table(container: Any, table: Table, width_mm: float) -> None:
    """A full-width table with borders, a repeated bold header row and rows that do not split."""
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph as DocxParagraph

    n = len(table.headers)
    widths = _scaled(table.widths_mm or _natural_widths(table), ox.twips(width_mm))
    tbl = container.add_table(rows=1 + len(table.rows), cols=n)._tbl
    tbl.remove(tbl.tblPr)
    tbl_pr = ox.el("tblPr")
    tbl_pr.append(ox.el("tblW", w=sum(widths), type="dxa"))
    tbl_pr.append(ox.el("jc", val="center"))
    borders = ox.el("tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(ox.el(side, val="single", sz=4, space=0, color="000000"))
    tbl_pr.append(borders)
    tbl_pr.append(ox.el("tblLayout", type="fixed"))
    margins = ox.el("tblCellMar")
    for side in ("left", "right"):
        margins.append(ox.el(side, w=57, type="dxa"))  # 1 mm
    tbl_pr.append(margins)
    tbl.insert(0, tbl_pr)
    for col, width in zip(tbl.tblGrid.findall(qn("w:gridCol")), widths):
        col.set(qn("w:w"), str(width))
    # A column of numbers or short words is centred; a column of longer texts is set left.
    centred = [all(ox.NUMERIC.fullmatch(row[c].strip()) or ox.text_width(row[c]) <= 6
                   for row in table.rows) for c in range(n)]
    rows = (table.headers, *table.rows)
    fills = (None, *(table.fills or (None,) * len(table.rows)))
    for r, (tr, cells, row_fills) in enumerate(zip(tbl.tr_lst, rows, fills)):
        tr_pr = ox.el("trPr")
        tr_pr.append(ox.el("cantSplit"))
        if r == 0:
            tr_pr.append(ox.el("tblHeader"))
        tr.insert(0, tr_pr)
        for c, (tc, value) in enumerate(zip(tr.tc_lst, cells)):
            if tc.tcPr is not None:
                tc.remove(tc.tcPr)
            tc_pr = ox.el("tcPr")
            tc_pr.append(ox.el("tcW", w=widths[c], type="dxa"))
            if row_fills is not None and row_fills[c] is not None:
                tc_pr.append(ox.el("shd", val="clear", color="auto", fill=row_fills[c].upper()))
            tc_pr.append(ox.el("vAlign", val="center"))
            tc.insert(0, tc_pr)
            p = tc.p_lst[0]
            ox.ppr(p, jc="center" if r == 0 or centred[c] else "left", line=TABLE_LINE,
                 snap=False, hyphens=False, char=20 * TABLE_PT)
            ox.run(DocxParagraph(p, None), value, FANGSONG, TABLE_PT,  # type: ignore[arg-type]
                 bold=r == 0)
