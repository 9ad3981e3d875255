"""CSV actuals: the encoding (BOM, UTF-8, GB18030, UTF-16), the delimiter, the header row, and
the fields' columns read by pandas' C parser as categoricals."""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from itertools import chain, islice
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..problems import Problem, ProblemsError
from .header import HEADER_SEARCH, Header, find_header
from .table import Column, Table

HEAD = 1 << 16  # bytes read to sniff the encoding, the delimiter and the header row
ANEW = "save it again from Excel/WPS as .xlsx, or export CSV (UTF-8)"
def read_csv(path: Path, name: str, head: bytes) -> Table:
    encoding, text, warned = _sniff_encoding(path, name, head, complete=len(head) < HEAD)
    if len(head) == HEAD:  # keep whole records only
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
    return Table(name, rows, columns, encoding, warned)


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


def _column(series: pd.Series, header: str, number: int) -> Column:
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy()
        return Column(header, number, codes, list(series.cat.categories))
    if series.dtype.kind == "b":
        series = series.astype(str)  # TRUE / FALSE: words, read like 是 / 否
    # numbers read by the C parser or pandas' vectorized parser; the rest is parsed cell by cell
    numbers = pd.to_numeric(series, errors="coerce").to_numpy(np.float64, na_value=np.nan,
                                                              copy=True)
    slow = ~np.isfinite(numbers)
    numbers[slow] = np.nan
    if not slow.any():
        return Column(header, number, np.full(len(series), -1, dtype=np.int8), [], numbers)
    codes = np.full(len(series), -1, dtype=np.intp)
    codes[slow], uniques = pd.factorize(series[slow])
    return Column(header, number, codes, list(uniques), numbers)


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
                                     f"not CSV; {ANEW}", name, head.count(b"\n", 0, nul) + 1)])
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
                   f"{encoding} is on this line); {ANEW}", name, line)


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


