"""A workbook's parts as minsheng looks at them before calamine parses anything: its sheets,
its percentage styles, and each sheet's XML — the farthest cell with a value (for the bounds of
limits.py), error cells, NaN or infinity in number cells, percent-formatted cells — by one pass
of regular expressions, or by an XML parse where cells lack references or to say which cell
calamine could not read."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import PurePosixPath
from typing import IO
from xml.etree import ElementTree as ET

from ..i18n import say
from ..problems import Problem
from ..text import shown
from . import limits

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


# ---------------------------------------------------------------- the workbook's parts


def sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
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


def percent_styles(archive: zipfile.ZipFile) -> set[int]:
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


def scan_sheet(archive: zipfile.ZipFile, part: str, percent: set[int],
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
