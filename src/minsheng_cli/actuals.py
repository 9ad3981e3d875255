"""Actuals files (what offices report, CSV or .xlsx) → one DataFrame of reports, bad cells located.

Reading finds the header row and the five fields' columns (`Table`); checking parses each column's
distinct values once (cells.py), maps the results back onto the rows, and collects every problem.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import cells
from .model import Plan
from .problems import Problem, ProblemsError, errors

# field → accepted headers. A public interface: only ever add names.
FIELDS: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator", "指标编号"),
    "as_of": ("as_of", "截至日期"),
    "value": ("value", "累计完成"),
    "reporter": ("reporter", "填报单位"),
    "note": ("note", "备注"),
}
REQUIRED = ("indicator", "as_of", "value")
COLUMNS = ["indicator", "as_of", "value", "reporter", "note", "row"]
HEADER_SEARCH = 10  # rows searched for the header, below any title rows
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
ZIP_MAGIC, OLE_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
_HEAD = 1 << 16  # bytes read to sniff the encoding, the delimiter and the header row
_ANEW = "save it again from Excel/WPS as .xlsx, or export CSV (UTF-8)"


@dataclass
class Actuals:
    """The reports of one file: one row per report (columns COLUMNS) and the warnings found."""

    file: str
    frame: pd.DataFrame
    encoding: str | None  # None for .xlsx
    warnings: list[Problem] = field(default_factory=list)


def load_actuals(path: Path | str, plan: Plan) -> Actuals:
    """Read and check an actuals file against `plan`; raise ProblemsError carrying every error."""
    name = str(path)
    try:
        table = read_table(Path(path))
        frame, problems = cells.check_table(table, plan)
    except ProblemsError:
        raise
    except MemoryError:
        raise ProblemsError([Problem("file-unreadable", "the file is too large to read into "
                                     "memory; split it into smaller files", name)]) from None
    except Exception as exc:  # a user's file must never end in a traceback
        raise ProblemsError([Problem("file-unreadable", "cannot read the file "
                                     f"({type(exc).__name__}: {exc})", name)]) from exc
    found = table.warnings + problems
    if errors(found) or frame is None:
        raise ProblemsError(sorted(found, key=_order))
    return Actuals(name, frame, table.encoding, sorted(found, key=_order))


def _order(p: Problem) -> tuple[int, int]:
    return (p.line or 0, p.column if isinstance(p.column, int) else 0)


# ---------------------------------------------------------------- the table


@dataclass
class Header:
    row: int  # 0-based index among the rows searched
    cells: list[str]
    fields: dict[str, int]  # field → 0-based column


def read_table(path: Path) -> cells.Table:
    """Find the header row and the fields' columns of a CSV or Excel file; read their cells."""
    name = str(path)
    try:
        with path.open("rb") as f:
            head = f.read(_HEAD)
    except FileNotFoundError:
        raise ProblemsError([Problem("file-not-found", "no such file; check the path",
                                     name)]) from None
    except IsADirectoryError:
        raise ProblemsError([Problem("file-unreadable", "this is a directory, not a file",
                                     name)]) from None
    except OSError as exc:
        raise ProblemsError([Problem("file-unreadable", f"cannot read the file: {exc.strerror}",
                                     name)]) from None
    suffix = path.suffix.lower()
    if not head.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ProblemsError([Problem("empty-file", "the file is empty; write a header row "
                                     "(指标编号, 截至日期, 累计完成) and one row per report",
                                     name)])
    if suffix == ".xls" or head.startswith(OLE_MAGIC):
        raise ProblemsError([Problem("not-excel", "this is an old-style .xls workbook (or an "
                                     f"encrypted one), which cannot be read; {_ANEW}", name)])
    if suffix in EXCEL_SUFFIXES or head.startswith(ZIP_MAGIC):
        if not head.startswith(ZIP_MAGIC):
            raise ProblemsError([Problem("not-excel", f"the file is named {suffix} but is not an "
                                         f"Excel workbook; {_ANEW}", name)])
        return _read_xlsx(path, name)
    return _read_csv(path, name, head)


def _header_key(text: object) -> str:
    return re.sub(r"[\s_\-]+", "", cells.clean(str(text))).casefold()


_ALIASES = {_header_key(alias): f for f, aliases in FIELDS.items() for alias in aliases}


def find_header(rows: Sequence[Sequence[object]], file: str) -> Header:
    """The first row naming all required fields (a merged cell above may name a column);
    raise missing-column / duplicate-column problems."""
    best: tuple[int, int, list[str], dict[str, list[int]]] | None = None
    for i, row in enumerate(rows[:HEADER_SEARCH]):
        above = rows[i - 1] if i else []
        merged = [above[j] if cells.is_blank(v) and j < len(above) else v
                  for j, v in enumerate(row)]
        for candidate in (row, merged):
            texts = ["" if cells.is_blank(v) else cells.clean(str(v)) for v in candidate]
            found: dict[str, list[int]] = {}
            for j, text in enumerate(texts):
                if (f := _ALIASES.get(_header_key(text))) is not None:
                    found.setdefault(f, []).append(j)
            if all(f in found for f in REQUIRED):
                return _header(i, texts, found, file)
            if any(texts) and (best is None or len(found) > len(best[3])):
                best = (i, i + 1, texts, found)
    if best is None:
        raise ProblemsError([Problem("empty-file", "the file has no rows with content; write a "
                                     "header row and one row per report", file)])
    _, line, texts, found = best
    listed = ", ".join(t if len(t) <= 40 else t[:40] + "…" for t in texts if t) or "(nothing)"
    raise ProblemsError([
        Problem("missing-column", f"no column for {f}: the header row (row {line}) has {listed}; "
                f"name a column {' or '.join(FIELDS[f])} (the required columns are "
                f"{', '.join(FIELDS[r][1] + '/' + FIELDS[r][0] for r in REQUIRED)})", file, line)
        for f in REQUIRED if f not in found])


def _header(i: int, texts: list[str], found: dict[str, list[int]], file: str) -> Header:
    line = i + 1
    problems = [
        Problem("duplicate-column", f"columns {js[0] + 1} ({texts[js[0]]}) and {j + 1} "
                f"({texts[j]}) both mean {f}; keep one and rename or delete the other", file, line,
                j + 1)
        for f, js in found.items() for j in js[1:]]
    if problems:
        raise ProblemsError(problems)
    return Header(i, texts, {f: js[0] for f, js in found.items()})


# ---------------------------------------------------------------- CSV


def _read_csv(path: Path, name: str, head: bytes) -> cells.Table:
    encoding, text, warned = _sniff_encoding(path, name, head, complete=len(head) < _HEAD)
    if len(head) == _HEAD:  # keep whole records only
        cut = max(text.rfind("\n"), text.rfind("\r")) + 1
        if not cut:  # one line longer than the sniffing buffer: is it at least a header?
            _sniff_header(text, name)
        text = text[:cut]
    try:
        header, sep = _sniff_header(text, name)
    except ProblemsError as exc:  # garbled headers? say which encoding they were read in
        raise ProblemsError(exc.problems + warned) from None
    positions = sorted(header.fields.values())
    cr_only = "\r" in text and "\n" not in text
    options: dict[str, Any] = {
        "sep": sep, "header": None, "names": range(max(len(header.cells), positions[-1] + 1)),
        "index_col": False, "skiprows": header.row + 1, "na_filter": False,
        "skip_blank_lines": False, "engine": "c", "lineterminator": "\r" if cr_only else None}
    strings = [p for f, p in header.fields.items() if f != "value"]
    # categories: the C parser factorizes the text columns, no Python string per cell
    first_read = {**options, "usecols": positions, "dtype": dict.fromkeys(strings, "category")}
    try:
        frame = _fields_csv(path, encoding, first_read)
    except UnicodeDecodeError:  # the sniffed head was UTF-8, a later line is not
        if encoding != "utf-8":
            raise ProblemsError([_not_text(path, name)]) from None
        encoding = "gb18030"
        warned.append(_guessed(name))
        try:
            frame = _fields_csv(path, encoding, first_read)
        except UnicodeDecodeError:
            raise ProblemsError([_not_text(path, name)]) from None
    # Read as text again what read_csv reads as numbers but must not: all-numeric categories
    # ("2023.10" → 2023.1) and values it turns into inf ("inf" is bad-number, "1e400" too large).
    again = [p for p in strings if not pd.api.types.is_string_dtype(frame[p].cat.categories)]
    value = frame[header.fields["value"]]
    if value.dtype.kind == "f" and not np.isfinite(value.to_numpy()).all():
        again.append(header.fields["value"])
    if again:
        text_frame = _pandas_csv(path, encoding, usecols=again, dtype=dict.fromkeys(again, str),
                                 **options)
        for p in again:
            frame[p] = text_frame[p].astype("category")
    first = header.row + 2  # 1-based row of the first data row
    columns = {f: _column(frame[p], header.cells[p], p + 1) for f, p in header.fields.items()}
    rows = np.arange(first, first + len(frame), dtype=np.int64)
    return cells.Table(name, rows, columns, encoding, warned)


def _fields_csv(path: Path, encoding: str, options: dict[str, Any]) -> pd.DataFrame:
    """The fields' columns; when no row reaches the optional columns the header names, pandas
    refuses `usecols`, so read every column and pick."""
    try:
        return _pandas_csv(path, encoding, **options)
    except ProblemsError as exc:
        if "Too many columns specified" not in exc.problems[0].message:
            raise
    frame = _pandas_csv(path, encoding, **{k: v for k, v in options.items() if k != "usecols"})
    return frame[options["usecols"]]


def _pandas_csv(path: Path, encoding: str, **options: Any) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return pd.read_csv(path, encoding=encoding, encoding_errors="strict", **options)
        except pd.errors.ParserError as exc:
            m = re.search(r"(row|line) (\d+)", str(exc))  # the C parser counts rows from 0
            line = int(m[2]) + (m[1] == "row") if m else None
            raise ProblemsError([Problem(
                "file-unreadable", "the CSV is malformed (a cell probably opens a double quote \" "
                f"that is never closed); fix that row or export the file again ({exc})", str(path),
                line)]) from None


def _column(series: pd.Series, header: str, number: int) -> cells.Column:
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy()
        return cells.Column(header, number, codes, list(series.cat.categories))
    if series.dtype.kind == "b":
        series = series.astype(str)  # TRUE / FALSE: words, read like 是 / 否
    # numbers read by the C parser or pandas' vectorized parser; the rest is parsed cell by cell
    numbers = pd.to_numeric(series, errors="coerce").to_numpy(np.float64, na_value=np.nan,
                                                              copy=True)
    slow = ~np.isfinite(numbers)
    numbers[slow] = np.nan
    if not slow.any():
        return cells.Column(header, number, np.full(len(series), -1, dtype=np.int8), [], numbers)
    codes = np.full(len(series), -1, dtype=np.intp)
    codes[slow], uniques = pd.factorize(series[slow])
    return cells.Column(header, number, codes, list(uniques), numbers)


def _sniff_encoding(path: Path, name: str, head: bytes, complete: bool
                    ) -> tuple[str, str, list[Problem]]:
    """Encoding by BOM, else strict UTF-8, else GB18030 (Excel's Chinese CSV)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):
            try:
                return encoding, codecs.getincrementaldecoder(encoding)().decode(head, complete), []
            except UnicodeDecodeError:
                raise ProblemsError([_not_text(path, name)]) from None
    if (nul := head.find(b"\x00")) >= 0:
        raise ProblemsError([Problem("not-text", "the file contains NUL bytes: it is binary data, "
                                     f"not CSV; {_ANEW}", name, head.count(b"\n", 0, nul) + 1)])
    for encoding, found in (("utf-8", []), ("gb18030", [_guessed(name)])):
        try:
            return encoding, codecs.getincrementaldecoder(encoding)().decode(head, complete), found
        except UnicodeDecodeError:
            pass
    raise ProblemsError([_not_text(path, name)])


def _guessed(name: str) -> Problem:
    return Problem("encoding-guessed", "the file is not UTF-8; read it as GB18030/GBK (Excel's "
                   "Chinese CSV export). If the text looks garbled, save the file as CSV UTF-8",
                   name, severity="warning")


def _not_text(path: Path, name: str) -> Problem:
    """not-text at the first byte that the likelier encoding (the one reading further) rejects."""
    stops = [(stop, enc) for enc in ("utf-8", "gb18030")
             if (stop := _first_bad_byte(path, enc)) is not None]
    offset, encoding = max(stops, default=(0, "utf-8"))
    line = 1
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            line += chunk.count(b"\n", 0, max(0, offset))
            offset -= len(chunk)
            if offset <= 0:
                break
    return Problem("not-text", f"the file is neither UTF-8 nor GB18030 text (a byte that is not "
                   f"{encoding} is on this line); {_ANEW}", name, line)


def _first_bad_byte(path: Path, encoding: str) -> int | None:
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    with path.open("rb") as f:
        for chunk in chain(iter(lambda: f.read(1 << 20), b""), [b""]):
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                return offset - pending + exc.start
            offset += len(chunk)
    return None


def _sniff_header(text: str, name: str) -> tuple[Header, str]:
    """The header row and the delimiter: comma, else tab or semicolon."""
    failed: list[tuple[int, ProblemsError]] = []
    for sep in (",", "\t", ";"):
        try:
            records = list(islice(csv.reader(io.StringIO(text, newline=""), delimiter=sep),
                                  HEADER_SEARCH))
        except csv.Error:
            records = []
        try:
            return find_header(records, name), sep
        except ProblemsError as exc:  # say what is missing as split by the likeliest delimiter
            failed.append((-max(map(len, records), default=0), exc))
    raise min(failed, key=lambda f: f[0])[1]


# ---------------------------------------------------------------- Excel


def _read_xlsx(path: Path, name: str) -> cells.Table:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # noqa: BLE001 — zipfile, XML and openpyxl errors alike
        raise ProblemsError([Problem("not-excel", "cannot open the workbook "
                                     f"({type(exc).__name__}); {_ANEW}", name)]) from None
    try:
        closest: list[Problem] = []
        for sheet in book.worksheets:
            sheet.reset_dimensions()  # trust the cells, not the size the file claims
            rows = sheet.iter_rows(min_row=1, min_col=1)
            head = [list(row) for row in islice(rows, HEADER_SEARCH)]
            try:
                header = find_header([[c.value for c in r] for r in head], name)
            except ProblemsError as exc:  # keep the sheet that comes closest
                if exc.problems[0].code != "empty-file" and (
                        not closest or len(exc.problems) < len(closest)):
                    closest = [replace(p, message=f"sheet {sheet.title}: {p.message}")
                               for p in exc.problems]
                continue
            return _xlsx_table(name, header, chain(head[header.row + 1:], rows), header.row + 2)
        raise ProblemsError(closest or [Problem("empty-file", "the workbook has no rows with "
                                              "content; write a header row and one row per report",
                                              name)])
    except ProblemsError:
        raise
    except Exception as exc:  # noqa: BLE001 — whatever openpyxl raises
        raise ProblemsError([Problem("not-excel", "cannot read the workbook "
                                     f"({type(exc).__name__}: {exc}); {_ANEW}", name)]) from None
    finally:
        book.close()


def _xlsx_table(name: str, header: Header, rows: Iterator[Any], first: int) -> cells.Table:
    fields = list(header.fields.items())
    values: dict[str, list[object]] = {f: [] for f, _ in fields}
    for row in rows:
        for f, j in fields:
            values[f].append(_xlsx_value(row[j]) if j < len(row) else "")
    n = len(values[fields[0][0]])
    columns = {}
    for f, j in fields:
        codes, uniques = pd.factorize(np.array(values.pop(f), dtype=object))
        columns[f] = cells.Column(header.cells[j], j + 1, codes, list(uniques))
    return cells.Table(name, np.arange(first, first + n, dtype=np.int64), columns, None, [])


def _xlsx_value(cell: Any) -> object:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # as Excel shows it; 1 and True must stay apart
    if isinstance(value, int | float) and "%" in (cell.number_format or ""):
        return f"{round(value * 100, 9)!r}%"  # a cell showing 85% holds 0.85: read it as shown
    return value
