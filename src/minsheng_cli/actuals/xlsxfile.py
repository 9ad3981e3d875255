"""Excel actuals (.xlsx, .xlsm): every sheet with the header row, read with calamine.

Before calamine parses anything, the zip's directory and each sheet's XML are looked over
(limits.py): calamine allocates every cell from A1 to the farthest one, so a stray cell at
XFD1048576 must be refused first. The same pass finds what calamine does not say: error cells
(#DIV/0!, which it reads as empty) and cells formatted as percentages (it gives 0.96 for a cell
showing 96%).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from itertools import chain
from pathlib import Path, PurePosixPath
from typing import IO, Any
from xml.etree import ElementTree as ET

import numpy as np

from ..i18n import Join, say
from ..problems import Problem, ProblemsError
from ..text import shown
from . import limits
from .encoding import ANEW
from .header import HEADER_BEYOND, HEADER_SEARCH, Header, find_header
from .table import Column, Table, factorized, refuse_cells

CHUNK = 1 << 22  # bytes of a sheet's XML looked at at a time
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_FORMAT_TEXT = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')  # quoted text, escapes, [colours]
Cell = tuple[int, int]  # 1-based row and column


@dataclass
class Scan:
    """What a sheet's XML holds beyond calamine's values: its farthest cell, the cells to read
    as text and the percent-formatted cells."""

    rows: int = 0
    columns: int = 0
    narrow: bool = False  # `columns` is 26 because no cell is beyond Z: an upper bound
    # cells to read as the text they hold: errors (#DIV/0!, which calamine reads as empty) and
    # NaN or infinity stored in a number cell (which a date format would make 1899-12-30)
    texts: dict[Cell, str] = field(default_factory=dict)
    percent: set[Cell] = field(default_factory=set)
    bad: list[Problem] = field(default_factory=list)  # cells calamine cannot read (validated)


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
            sheets = _sheet_parts(archive)
            percent = _percent_styles(archive)
            scans = {s: _scan(archive, part, percent) for s, part in sheets.items()}
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
    with book:
        for sheet, scan in scans.items():
            try:
                cells = book.get_sheet_by_name(sheet)
            except CalamineError as exc:  # a cell it cannot read: say which
                bad = _scan(archive, sheets[sheet], percent, validate=True).bad
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
                continue
            rows = cells.to_python(skip_empty_area=False)
            del cells
            tables.append(_table(name, sheet, header, rows, scan))
    if tables:
        return tables
    tried = say("xlsx.sheets-tried", sheets=Join(("、", ", "), list(scans))) if scans else say(
        "xlsx.no-sheets")
    raise ProblemsError([replace(p, message=say("xlsx.no-sheet-header", message=p.message,
                                                tried=tried))
                         for p in closest] or [Problem(
                             "empty-file", say("xlsx.no-content", tried=tried), name)])


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


# ---------------------------------------------------------------- the workbook's parts


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Worksheet name → the zip member holding its XML, in the workbook's order."""
    rels = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels
               if r.get("Type", "").endswith("/worksheet")}
    book = ET.fromstring(archive.read("xl/workbook.xml"))
    parts = {}
    for sheet in book.iter():
        if sheet.tag.endswith("}sheet") and (target := targets.get(sheet.get(_REL))):
            path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
            parts[sheet.get("name", "")] = str(PurePosixPath(path))
    return parts


def _percent_styles(archive: zipfile.ZipFile) -> set[int]:
    """The cell styles (indices into cellXfs) whose number format shows a percentage."""
    if "xl/styles.xml" not in archive.namelist():
        return set()
    codes = {9: "0%", 10: "0.00%"}  # Excel's built-in percentage formats
    styles: set[int] = set()
    xf = -1
    in_xfs = False
    with archive.open("xl/styles.xml") as stream:
        for event, el in ET.iterparse(stream, events=("start", "end")):
            tag = el.tag.rpartition("}")[2]
            if event == "start":
                in_xfs = in_xfs or tag == "cellXfs"
                if tag == "numFmt":
                    codes[int(el.get("numFmtId", -1))] = el.get("formatCode", "")
                elif tag == "xf" and in_xfs:
                    xf += 1
                    if "%" in _FORMAT_TEXT.sub("", codes.get(int(el.get("numFmtId", 0)), "")):
                        styles.add(xf)
            else:
                in_xfs = in_xfs and tag != "cellXfs"
                el.clear()
    return styles


# ---------------------------------------------------------------- a sheet's XML


def _scan(archive: zipfile.ZipFile, part: str, percent: set[int],
          validate: bool = False) -> Scan:
    """One pass over a sheet's XML with regular expressions, for files that give every cell
    its reference (r="B7"), as Excel, WPS and openpyxl do; else, or to validate, an XML parse."""
    if validate:
        with archive.open(part) as stream:
            return _parse(stream, percent, _shared_count(archive))
    with archive.open(part) as stream:
        scan = Scan()
        chunks = _chunks(stream)
        head = next(chunks)
        m = re.search(rb"<(\w+:)?worksheet\b", head)
        prefix = (m[1] or b"") if m else b""
        patterns = _Patterns(prefix, percent)
        pending = b""
        for chunk in chain([head], chunks):
            data = pending + chunk
            # whole cells only: up to the last cell's start (cells do not nest)
            end = max(data.rfind(patterns.start + b" "), data.rfind(patterns.start + b">"))
            if chunk and end < 1:
                pending = data
                continue
            if not chunk:
                end = len(data)
            if not patterns.look(data[:end], scan):
                break
            pending = data[end:]
        else:
            if scan.narrow and scan.rows * 26 > limits.SHEET_CELLS:
                scan.columns = _columns(archive, part, patterns)
            return scan
    with archive.open(part) as stream:  # a cell without a reference: count positions
        return _parse(stream, percent, None)


def _columns(archive: zipfile.ZipFile, part: str, patterns: _Patterns) -> int:
    """The widest of columns A to Z, exactly (for a long sheet, where 26 would be too many)."""
    pattern = re.compile(re.escape(patterns.cell) + rb"([A-Z])")
    letters: set[bytes] = set()
    with archive.open(part) as stream:
        for chunk in _chunks(stream):
            letters.update(pattern.findall(chunk))
    return max((limits.column_number(x.decode()) for x in letters), default=0)


class _Patterns:
    """The regular expressions of one sheet's XML (its elements may have a prefix, x:c)."""

    def __init__(self, prefix: bytes, percent: set[int]) -> None:
        self.start = b"<" + prefix + b"c"
        self.close = b"</" + prefix + b"c>"
        self.cell = self.start + b' r="'
        c, p = re.escape(self.cell), re.escape(prefix)
        # a cell whose first attribute is not its reference (quick), then one without any
        self.unusual = re.compile(re.escape(self.start) + rb'(?! r=")[\s>/]')
        self.rless = re.compile(re.escape(self.start) + rb'(?=[\s>/])(?![^>]*\sr=")')
        self.wide = re.compile(c + rb'([A-Z]{2,})\d+"[^>/]*>')
        self.error = re.compile(c + rb'([A-Z]+)(\d+)"[^>]*\st="e"[^>]*>(?:<' + p +
                                rb'f\b[^>]*?(?:/>|>[^<]*</' + p + rb'f>))?(?:<' + p +
                                rb"v>([^<]*))?")
        self.not_finite = re.compile(rb"<" + p + rb"v>\s*[-+]?(?i:nan|inf)")
        self.nan = re.compile(c + rb'([A-Z]+)(\d+)"(?:\s+(?:t="n"|(?!t=)[\w:]+="[^"]*"))*\s*>(?:<' + p +
                              rb'f\b[^>]*?(?:/>|>[^<]*</' + p + rb'f>))?<' + p +
                              rb"v>\s*([-+]?(?i:nan|inf)\w*)\s*<")
        # a cell with a value (not self-closing) in a percentage style
        self.styles = sorted(percent)
        styles = b"|".join(b"%d" % k for k in self.styles)
        self.percent = re.compile(c + rb'([A-Z]+)(\d+)"[^>]*?\ss="(?:' + styles + rb')"[^>/]*>'
                                  ) if percent else None

    def look(self, data: bytes, scan: Scan) -> bool:
        """Update `scan` from whole cells; False when some cell has no reference."""
        if self.unusual.search(data) and self.rless.search(data):
            return False
        for letters in set(self.wide.findall(data)):
            scan.columns = max(scan.columns, limits.column_number(letters.decode()))
            scan.narrow = False
        if scan.columns < 26 and self.cell in data:  # columns A to Z: 26 at most
            scan.columns, scan.narrow = 26, True
        scan.rows = max(scan.rows, self._rows(data))
        if b't="e"' in data:
            for m in self.error.finditer(data):
                scan.texts[int(m[2]), limits.column_number(m[1].decode())] = (
                    (m[3] or b"").decode(errors="replace"))
        if self.not_finite.search(data):
            for m in self.nan.finditer(data):
                scan.texts[int(m[2]), limits.column_number(m[1].decode())] = m[3].decode()
        # (a percentage style on a cell with a value: s="9" then > or another attribute)
        if self.percent is not None and any(b' s="%d"%s' % (k, end) in data
                                            for k in self.styles for end in (b">", b" ")):
            scan.percent.update((int(row), limits.column_number(letters.decode()))
                                for letters, row in self.percent.findall(data))
        return True

    def _rows(self, data: bytes) -> int:
        """The farthest row with a value: the last value's (a formatted empty cell is
        self-closing, and calamine skips it), unless a value before it has a longer or larger
        row number (rows come in order, but a hostile file need not keep to it)."""
        at = data.rfind(self.cell, 0, max(data.rfind(self.close), 0))
        if at < 0:
            return 0
        last = re.match(rb"[A-Z]+(\d+)", data[at + len(self.cell):])
        if not last:
            return 0
        digits = last[1]
        larger = rb"\d{%d,}" % (len(digits) + 1)
        if digits[0] < ord("9"):
            larger += rb"|[%c-9]\d{%d}" % (digits[0] + 1, len(digits) - 1)
        farther = re.findall(re.escape(self.cell) + rb"[A-Z]+(" + larger + rb')"[^>/]*>', data)
        return max([int(digits), *map(int, farther)])


def _parse(stream: IO[bytes], percent: set[int], shared: int | None) -> Scan:
    """Every cell's position as calamine counts it (a cell without a reference follows the one
    before it); with `shared` (the number of shared strings), also every value calamine cannot
    read."""
    scan = Scan()
    row = column = 0
    rows: ET.Element | None = None
    for event, el in ET.iterparse(stream, events=("start", "end")):
        tag = el.tag.rpartition("}")[2]
        if event == "start":
            if tag == "sheetData":
                rows = el
            elif tag == "row":
                row, column = int(el.get("r") or row + 1), 0
            elif tag == "c":
                ref = re.fullmatch(r"([A-Z]+)(\d+)", el.get("r") or "")
                row, column = (int(ref[2]), limits.column_number(ref[1])) if ref else (
                    row, column + 1)
            continue
        if tag == "row" and rows is not None:
            rows.remove(el)  # keep memory flat
        if tag != "c":
            if tag not in ("v", "is", "t", "f", "r", "rPr"):
                el.clear()
            continue
        value = next((v.text or "" for v in el if v.tag.rpartition("}")[2] == "v"), None)
        kind = el.get("t", "n")
        if value is not None or len(el):
            scan.rows, scan.columns = max(scan.rows, row), max(scan.columns, column)
        if kind == "e" or (kind == "n" and value and value.strip().lower().lstrip("+-")
                           .startswith(("nan", "inf"))):
            scan.texts[row, column] = value or ""
        elif int(el.get("s") or 0) in percent:
            scan.percent.add((row, column))
        if shared is not None and value and (problem := _unreadable(kind, value, shared)):
            scan.bad.append(Problem("not-excel", say(
                "xlsx.bad-cell", cell=f"{limits.column_letters(column)}{row}", value=shown(value),
                problem=problem), None, row, column))
        el.clear()
    return scan


def _unreadable(kind: str, value: str, shared: int) -> str | None:
    if kind == "n":
        try:
            float(value)
        except ValueError:
            return say("xlsx.not-a-number")
    elif kind == "b" and value not in ("0", "1"):
        return say("xlsx.not-a-boolean")
    elif kind == "s" and not (value.isdigit() and int(value) < shared):
        return say("xlsx.bad-shared", shared=shared)
    return None


def _shared_count(archive: zipfile.ZipFile) -> int:
    """How many shared strings the workbook has (the <si> elements of sharedStrings.xml)."""
    if "xl/sharedStrings.xml" not in archive.namelist():
        return 0
    pattern, count, pending = re.compile(rb"<(?:\w+:)?si[\s>/]"), 0, b""
    with archive.open("xl/sharedStrings.xml") as stream:
        for chunk in _chunks(stream):
            data = pending + chunk
            end = max(0, len(data) - 16) if chunk else len(data)  # a tag may go on
            count += sum(1 for m in pattern.finditer(data) if m.start() < end)
            pending = data[end:]
    return count


def _chunks(stream: IO[bytes]) -> Iterator[bytes]:
    while chunk := stream.read(CHUNK):
        yield chunk
    yield b""


def _not_excel(name: str, why: str) -> ProblemsError:
    return ProblemsError([Problem("not-excel", say("xlsx.not-excel", why=why, anew=ANEW), name)])
