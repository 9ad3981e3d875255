"""Excel actuals (.xlsx, .xlsm): every sheet with the header row, read with calamine.

Before calamine parses anything, the zip's directory and each sheet's XML are looked over
(xlsxparts.py, against the bounds of limits.py): calamine allocates every cell from A1 to the farthest one, so a stray cell at
XFD1048576 must be refused first. The same pass finds what calamine does not say: error cells
(#DIV/0!, which it reads as empty) and cells formatted as percentages (it gives 0.96 for a cell
showing 96%).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import numpy as np

from ..i18n import Join, say
from ..problems import Problem, ProblemsError
from . import limits
from .encoding import ANEW
from .header import HEADER_BEYOND, HEADER_SEARCH, Header, find_header
from .table import Column, Table, factorized, refuse_cells
from .xlsxparts import Scan, percent_styles, scan_sheet, sheet_parts


def read_xlsx(path: Path, name: str, size: int) -> list[Table]:
    limits.file_size(size, name)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _not_excel(name, say("xlsx.cannot-open", error=type(exc).__name__)) from None
    with archive:
        _no_other_zip(archive, name)
        limits.workbook_parts(archive, name)
        try:
            sheets = sheet_parts(archive)
            percent = percent_styles(archive)
            scans = {s: scan_sheet(archive, part, percent) for s, part in sheets.items()}
        except KeyError as exc:  # zipfile: "There is no item named 'xl/…' in the archive"
            part = re.search(r"named '([^']*)'", str(exc))
            raise _not_excel(name, say("xlsx.missing-part", part=part[1] if part else str(exc))
                             ) from None
        except (zipfile.BadZipFile, ET.ParseError, EOFError, ValueError) as exc:
            raise _not_excel(name, say("xlsx.damaged", error=f"{type(exc).__name__}: {exc}")
                             ) from None
        for sheet, scan in scans.items():
            limits.sheet_extent(scan.rows, scan.columns, sheet, name)
        return _read_sheets(path, name, archive, sheets, scans, percent)


def _no_other_zip(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse, saying what it is, a zip that is no Excel workbook: a Word document (.docx), a
    presentation, another program's spreadsheet, a zip archive of files. Told by its part names
    (and an OpenDocument file's `mimetype`), before anything else is inflated."""
    infos = {i.filename: i for i in archive.infolist()}
    if "xl/workbook.xml" in infos:
        return
    kind, fix, other = None, say("doc.fix-document"), None
    mimetype = infos.get("mimetype")
    if mimetype is not None and mimetype.file_size < 200:
        with archive.open(mimetype) as stream:
            mime = stream.read(200)
        kind = ("doc.odf-text" if b"opendocument.text" in mime else "doc.odf-presentation"
                if b"opendocument.presentation" in mime else None)
        other = "OpenDocument (.ods)" if b"opendocument.spreadsheet" in mime else None
    elif any(part.startswith("word/") for part in infos):
        kind = "doc.word"
    elif any(part.startswith("ppt/") for part in infos):
        kind = "doc.powerpoint"
    elif "xl/workbook.bin" in infos:
        other = "Excel (.xlsb)"
    elif "[Content_Types].xml" in infos:
        return  # an Office file that lacks its workbook: a damaged one, said as such below
    if other is not None:
        raise ProblemsError([Problem("not-excel", say("file.other-spreadsheet", kind=other,
                                                      anew=ANEW), name)])
    if kind is None:
        kind, fix = "doc.zip", say("doc.fix-zip")
    raise ProblemsError([Problem("not-excel", say("doc.not-workbook", kind=say(
        kind, n=len(infos)), fix=fix), name)])


def _read_sheets(path: Path, name: str, archive: zipfile.ZipFile, sheets: dict[str, str],
                 scans: dict[str, Scan], percent: set[int]) -> list[Table]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as exc:
        raise _not_excel(name, say("xlsx.cannot-open", error=f"{type(exc).__name__}: {exc}")
                         ) from None
    tables: list[Table] = []
    closest: list[Problem] = []
    above: tuple[str, ...] = ()  # the rows above the closest sheet's header
    with book:
        for sheet, scan in scans.items():
            try:
                cells = book.get_sheet_by_name(sheet)
            except CalamineError as exc:  # a cell it cannot read: say which
                bad = scan_sheet(archive, sheets[sheet], percent, validate=True).bad
                raise ProblemsError([_at_sheet(replace(p, file=name), sheet) for p in bad] or [
                    _at_sheet(_not_excel(name, say("xlsx.sheet-unreadable", error=str(exc))
                                         ).problems[0], sheet)]) from None
            end = cells.end or (-1, -1)  # as calamine sees it: from A1, as to_python gives it
            limits.sheet_extent(end[0] + 1, end[1] + 1, sheet, name)
            try:  # Python objects for the head first: a sheet without the header costs no more
                header = find_header(cells.to_python(skip_empty_area=False,
                                                     nrows=HEADER_SEARCH + HEADER_BEYOND), name)
            except ProblemsError as exc:  # keep the sheet that comes closest
                if exc.problems[0].code != "empty-file" and (
                        not closest or len(exc.problems) < len(closest)):
                    closest = [_at_sheet(p, sheet) for p in exc.problems]
                    above = exc.preamble
                continue
            rows = cells.to_python(skip_empty_area=False)
            del cells
            tables.append(_table(name, sheet, header, rows, scan))
    if tables:
        for table in tables:
            table.sheets = len(scans)
        return tables
    tried = say("xlsx.sheets-tried", sheets=Join(("、", ", "), list(scans))) if scans else say(
        "xlsx.no-sheets")
    raise ProblemsError([replace(p, message=say("xlsx.no-sheet-header", message=p.message,
                                                tried=tried))
                         for p in closest] or [Problem(
                             "empty-file", say("xlsx.no-content", tried=tried), name)], above)


def _at_sheet(problem: Problem, sheet: str) -> Problem:
    """The problem's message prefixed with the sheet it is on (`sheet 8月: …`)."""
    return replace(problem, message=say("at.sheet", sheet=sheet, message=problem.message))


# ---------------------------------------------------------------- one sheet → a Table


def _table(name: str, sheet: str, header: Header, rows: list[list[Any]], scan: Scan) -> Table:
    first = header.row + 2  # the spreadsheet's row of the first data row
    body = rows[header.row + 1:]
    columns: dict[str, Column] = {}
    inside = range(first, first + len(body))
    for f, j in header.fields.items():
        values = [row[j] for row in body]
        if bool in set(map(type, values)):  # as Excel shows it; 1 and True must stay apart
            values = [("TRUE" if v else "FALSE") if type(v) is bool else v for v in values]
        for (r, c), text in scan.texts.items():
            if c == j + 1 and r in inside:
                values[r - first] = text
        if f == "value":
            for r, c in scan.percent:
                if c == j + 1 and r in inside and type(v := values[r - first]) in (int, float):
                    values[r - first] = f"{round(v * 100, 9)!r}%"  # a cell showing 85% holds 0.85
        column = factorized(header.cells[j], j + 1, values)
        column.uniques = [int(u) if type(u) is float and u.is_integer() else u
                          for u in column.uniques]  # 3.0 → 3, as the cell shows it
        columns[f] = column
    table = Table(name, np.arange(first, first + len(body), dtype=np.int64), columns, None,
                  sheet=sheet, preamble=header.above)
    refuse_cells(table)
    return table


def _not_excel(name: str, why: str) -> ProblemsError:
    return ProblemsError([Problem("not-excel", say("xlsx.not-excel", why=why, anew=ANEW), name)])
