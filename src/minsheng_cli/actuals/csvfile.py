"""CSV actuals: the encoding (BOM, UTF-8, GB18030, UTF-16), the delimiter, the header row, and
the fields' columns. Arrow's CSV reader reads them as dictionaries (codes into distinct values,
no Python string per cell; other encodings transcoded as it streams); a file whose rows differ
in length from the sniffed ones goes through pandas' C parser, which pads short rows."""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import chain, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..problems import Problem, ProblemsError
from ..text import JUNK, shown
from . import limits
from .header import HEADER_BEYOND, HEADER_SEARCH, Header, find_header
from .table import Column, Table

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

HEAD = limits.HEADER_BYTES  # bytes read to sniff the encoding, the delimiter and the header row
ANEW = "save it again from Excel/WPS as .xlsx, or export CSV (UTF-8)"
BLOCK = 1 << 20  # bytes Arrow parses at a time
# Arrow's threads: on two cores one thread reads as fast, with less memory (benchmarks/README.md)
THREADS = (os.cpu_count() or 1) > 2
# what Arrow reads as a float exactly as cells.parse_number would; anything else goes there
PLAIN_NUMBER = r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$"


def read_csv(path: Path, name: str, head: bytes, size: int) -> Table:
    limits.file_size(size, name)
    encoding, text, warned = _sniff_encoding(path, name, head, len(head) < HEAD, size)
    try:
        header, sep, lines, width = _sniff(text, name, cut=len(head) == HEAD)
    except ProblemsError as exc:  # garbled headers? say which encoding they were read in
        raise ProblemsError(exc.problems + warned) from None
    for attempt in range(2):
        try:
            if not _quotes_paired(path, encoding):  # pandas says where a quote is not closed
                raise _Ragged(max(width, len(header.cells)), width)
            fields = _arrow_fields(path, name, encoding, sep, header, lines, width)
            break
        except UnicodeDecodeError:
            raise ProblemsError([_not_text(path, name)]) from None
        except _NotUtf8:  # the sniffed head was UTF-8, a later line is not
            if encoding != "utf-8" or attempt:
                raise ProblemsError([_not_text(path, name)]) from None
            encoding = "gb18030"
            warned.append(_guessed(name))
        except _Ragged as ragged:
            encoding, fields = _pandas_fields(path, name, encoding, warned, header, sep,
                                              ragged, text)
            break
    columns, n, extra = fields
    first = header.row + 2  # 1-based row of the first data row
    table = Table(name, np.arange(first, first + n, dtype=np.int64), columns, encoding, warned,
                  preamble=header.above)
    if extra is not None:
        table.problems += _extra_cells(table, header, extra)
    return table


@dataclass
class _Extra:
    """Rows with more cells than the header: per row, the column (0-based offset from the end
    of the header, -1: none) of the first extra cell to show, the row's number of cells, and
    how to get a cell's text."""

    at: np.ndarray
    cells: np.ndarray
    text: Callable[[int, int], object]  # (row, offset) → the cell


def _extra_cells(table: Table, header: Header, extra: _Extra) -> list[Problem]:
    """A row with more cells than the header: a number like 5,000 without quotes (or a note with
    a comma) split in two, and every cell after it shifted one column right."""
    width = len(header.cells)
    problems = []
    for i in np.flatnonzero(extra.at >= 0)[:500]:
        k = int(extra.at[i])
        text = extra.text(int(i), k)
        holds = f": column {width + k + 1} holds {shown(text)}" if str(text).strip(JUNK) else ""
        problems.append(Problem(
            "extra-cells", f"the row has {int(extra.cells[i])} cells, the header {width}{holds}. "
            "A number with a thousands comma, like 5,000, splits into two cells unless it is in "
            "double quotes: write \"5,000\" or 5000 (the same for a comma in a note), or give "
            "the extra column a header", table.file, int(table.rows[i]), width + k + 1))
    return problems


# ---------------------------------------------------------------- Arrow


class _NotUtf8(Exception):
    pass


class _Ragged(Exception):
    """Rows of another length than the sniffed ones: read by pandas, `width` fields wide;
    `usual` is the sniffed rows' length."""

    def __init__(self, width: int, usual: int) -> None:
        self.width, self.usual = width, usual


Fields = tuple[dict[str, Column], int, "_Extra | None"]  # the columns, the rows, cells beyond


def _arrow_fields(path: Path, name: str, encoding: str, sep: str, header: Header, lines: int,
                  width: int) -> Fields:
    """The fields' columns, read by Arrow, `width` fields a row; raise _Ragged when some row
    has another number of fields."""
    import pyarrow as pa
    from pyarrow import csv as pacsv

    widths: list[int] = []

    def ragged(row: Any) -> str:
        widths.append(row.actual_columns)
        return "skip"

    names = [str(j) for j in range(width)]
    wanted = {f: p for f, p in header.fields.items() if p < width}
    extra = names[len(header.cells):]
    text = pa.dictionary(pa.int32(), pa.string())
    options = {
        "parse_options": pacsv.ParseOptions(delimiter=sep, newlines_in_values=True,
                                            ignore_empty_lines=False, invalid_row_handler=ragged),
        "convert_options": pacsv.ConvertOptions(
            include_columns=[names[p] for p in wanted.values()] + extra,
            column_types=dict.fromkeys(names, text), strings_can_be_null=False,
            quoted_strings_can_be_null=False, null_values=[])}
    # small blocks keep memory down; a record longer than a block needs a bigger one
    for block in (BLOCK, limits.RECORD_BYTES):
        try:
            table = pacsv.read_csv(path, read_options=pacsv.ReadOptions(
                column_names=names, skip_rows=lines, block_size=block, use_threads=THREADS,
                encoding="utf8" if encoding.startswith("utf-8") else encoding), **options)
            break
        except pa.ArrowInvalid as exc:
            if "invalid UTF8" in str(exc):
                raise _NotUtf8 from None
            if "straddl" not in str(exc):  # a record longer than a block
                raise
            widths.clear()
    else:
        raise _long_record(path, name)
    if widths:
        wide = max(widths)
        if wide > len(header.cells) + limits.SHEET_COLUMNS:
            raise limits.limit(f"a row has {wide:,} cells, the header {len(header.cells)}; "
                               f"minsheng reads at most {limits.SHEET_COLUMNS:,} cells beyond "
                               "the header: check the delimiter, or export the file again", name)
        raise _Ragged(max(wide, width, len(header.cells)), width)
    columns = {f: _arrow_column(table.column(names[p]), header.cells[p], p + 1, f == "value")
               for f, p in wanted.items()}
    for f, p in header.fields.items():
        if p >= width:  # an optional column no row reaches
            columns[f] = Column(header.cells[p], p + 1, np.zeros(table.num_rows, np.intp), [""])
    if not extra:
        return columns, table.num_rows, None
    chunks = [table.column(n) for n in extra]
    at = np.full(table.num_rows, -1, dtype=np.intp)
    for k in range(len(chunks) - 1, -1, -1):  # right to left: the leftmost wins
        codes, distinct = _dictionary(chunks[k])
        filled = np.array([bool(v.strip(JUNK)) for v in distinct.to_pylist()], dtype=bool)
        at[np.append(filled, False)[codes]] = k
    cells = np.full(table.num_rows, width)
    return columns, table.num_rows, _Extra(at, cells, lambda i, k: chunks[k][i].as_py())


def _dictionary(chunked: pa.ChunkedArray) -> tuple[np.ndarray, pa.Array]:
    """Codes (one dictionary for every chunk) and the distinct values."""
    import pyarrow as pa

    chunked = chunked.unify_dictionaries()
    if not chunked.num_chunks:
        return np.zeros(0, np.int32), pa.array([], pa.string())
    codes = np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in chunked.chunks])
    return codes, chunked.chunk(0).dictionary


def _arrow_column(chunked: pa.ChunkedArray, header: str, number: int, value: bool) -> Column:
    import pyarrow as pa
    import pyarrow.compute as pc

    codes, distinct = _dictionary(chunked)
    if not value:
        return Column(header, number, codes, distinct.to_pylist())
    # plain numbers among the distinct values become floats here; only the rest become strings
    plain = pc.match_substring_regex(distinct, PLAIN_NUMBER).to_numpy(zero_copy_only=False)
    by_distinct = np.full(len(distinct), np.nan)
    by_distinct[plain] = pc.cast(distinct.filter(pa.array(plain)), pa.float64()).to_numpy()
    slow = ~np.isfinite(by_distinct)  # 1e400 → inf: cells.py calls it too large
    by_distinct[slow] = np.nan
    remap = np.full(len(distinct), -1, dtype=np.intp)
    remap[slow] = np.arange(int(slow.sum()))
    uniques = distinct.filter(pa.array(slow)).to_pylist()
    return Column(header, number, remap[codes], uniques, by_distinct[codes])


def _quotes_paired(path: Path, encoding: str) -> bool:
    """Whether the file's double quotes come in pairs. Arrow reads a quote never closed as a
    cell running to the end of the file; pandas refuses it, located."""
    count = 0
    with path.open("rb") as f:
        if encoding == "utf-16":  # U+0022 is one 16-bit unit, in the BOM's byte order
            unit = np.dtype("<u2" if f.read(2) == codecs.BOM_UTF16_LE else ">u2")
            for chunk in iter(lambda: f.read(4 * limits.MiB), b""):
                count += int(np.count_nonzero(np.frombuffer(chunk, unit) == 0x22))
        else:  # in GB18030 as in UTF-8, byte 0x22 is never part of another character
            for chunk in iter(lambda: f.read(4 * limits.MiB), b""):
                count += chunk.count(b'"')
    return count % 2 == 0


def _long_record(path: Path, name: str) -> ProblemsError:
    """A record longer than Arrow's block: say on which line it starts."""
    line, length = 1, 0
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            for piece in re.split(rb"(?<=\n)", chunk):
                length += len(piece)
                if length > limits.RECORD_BYTES:
                    return limits.limit(
                        f"the row is longer than {limits.RECORD_BYTES // limits.MiB} MiB; minsheng "
                        "reads rows up to that size: a quote \" that is never closed joins rows "
                        "together, or a cell is far too long; fix that row", name, line)
                if piece.endswith(b"\n"):
                    line, length = line + 1, 0
    return limits.limit(f"a row is longer than {limits.RECORD_BYTES // limits.MiB} MiB; minsheng "
                        "reads rows up to that size: fix that row", name)


# ---------------------------------------------------------------- pandas, for ragged rows


def _pandas_fields(path: Path, name: str, encoding: str, warned: list[Problem], header: Header,
                   sep: str, ragged: _Ragged, text: str) -> tuple[str, Fields]:
    """Rows of several lengths: pandas' C parser pads the short ones."""
    import pandas as pd

    width = ragged.width
    positions = sorted(header.fields.values())
    extra = list(range(len(header.cells), width))
    cr_only = "\r" in text and "\n" not in text
    options: dict[str, Any] = {
        "sep": sep, "header": None, "names": range(width), "index_col": False,
        "skiprows": header.row + 1, "na_filter": False, "skip_blank_lines": False, "engine": "c",
        "lineterminator": "\r" if cr_only else None}
    strings = [p for f, p in header.fields.items() if f != "value"] + extra
    # categories: the C parser factorizes the text columns, no Python string per cell
    first_read = {**options, "usecols": positions + extra,
                  "dtype": dict.fromkeys(strings, "category")}
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
    columns = {f: _column(frame[p], header.cells[p], p + 1) for f, p in header.fields.items()}
    if not extra:
        return encoding, (columns, len(frame), None)
    beyond = frame[extra].astype(str)
    filled = beyond.apply(lambda c: c.str.strip(JUNK) != "").to_numpy(dtype=bool)
    cells = _cells_per_row(path, encoding, sep, header.row + 1, len(frame))
    # a row longer than the others, or holding something beyond the header, is shifted
    long = cells > max(ragged.usual, len(header.cells))
    at = np.where(filled.any(axis=1), filled.argmax(axis=1), np.where(long, 0, -1))
    return encoding, (columns, len(frame), _Extra(at, cells, lambda i, k: beyond.iat[i, k]))


def _cells_per_row(path: Path, encoding: str, sep: str, skip: int, rows: int) -> np.ndarray:
    """How many cells each record below the header has (pandas pads rows: it cannot say)."""
    limit = csv.field_size_limit(limits.RECORD_BYTES)
    try:
        with path.open(encoding=encoding, newline="", errors="replace") as f:
            records = islice(csv.reader(f, delimiter=sep), skip, skip + rows)
            return np.fromiter(map(len, records), dtype=np.int64, count=rows)
    except ValueError:  # csv counted fewer records than pandas read: say nothing of lengths
        return np.zeros(rows, dtype=np.int64)
    finally:
        csv.field_size_limit(limit)


def _fields_csv(path: Path, encoding: str, options: dict[str, Any]) -> pd.DataFrame:
    """The fields' columns; when no row reaches the optional columns the header names, pandas
    refuses `usecols`, so read every column and pick."""
    try:
        return _pandas_csv(path, encoding, **options)
    except ProblemsError as exc:
        if "Too many columns specified" not in exc.problems[0].message:
            raise
    frame = _pandas_csv(path, encoding, **{k: v for k, v in options.items() if k != "usecols"})
    return frame[options["usecols"]]  # type: ignore[no-any-return]


def _pandas_csv(path: Path, encoding: str, **options: Any) -> pd.DataFrame:
    import pandas as pd

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return pd.read_csv(  # type: ignore[no-any-return]
                path, encoding=encoding, encoding_errors="strict", **options)
        except pd.errors.ParserError as exc:
            m = re.search(r"(row|line) (\d+)", str(exc))  # the C parser counts rows from 0
            line = int(m[2]) + (m[1] == "row") if m else None
            raise ProblemsError([Problem(
                "file-unreadable", "the CSV is malformed (a cell probably opens a double quote \" "
                f"that is never closed); fix that row or export the file again ({exc})", str(path),
                line)]) from None


def _column(series: pd.Series, header: str, number: int) -> Column:
    import pandas as pd

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


# ---------------------------------------------------------------- encoding


def _sniff_encoding(path: Path, name: str, head: bytes, complete: bool, size: int
                    ) -> tuple[str, str, list[Problem]]:
    """Encoding by BOM, else strict UTF-8, else GB18030 (Excel's Chinese CSV)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):
            if encoding == "utf-16" and size % 2:
                raise ProblemsError([_truncated_utf16(path, name)])
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


def _truncated_utf16(path: Path, name: str) -> Problem:
    """UTF-16 comes in pairs of bytes: an odd count means the file was cut short."""
    decoder = codecs.getincrementaldecoder("utf-16")(errors="replace")
    newlines = 0
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            newlines += decoder.decode(chunk).count("\n")
    return Problem("not-text", "the file is UTF-16 (it starts with a UTF-16 byte order mark) but "
                   "ends in half a character: it was cut short, perhaps by a copy or download "
                   f"that did not finish; {ANEW}", name, newlines + 1)


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


# ---------------------------------------------------------------- delimiter and header


def _sniff(text: str, name: str, cut: bool) -> tuple[Header, str, int, int]:
    """The header, the delimiter, the physical lines up to the header's end, and the number of
    fields of the data rows in the head. `cut`: the head is the start of a longer file."""
    whole = text
    if cut:  # keep whole records only
        text = text[:max(text.rfind("\n"), text.rfind("\r")) + 1]
    try:
        return _sniff_header(text, name)
    except ProblemsError:
        if len(text) == len(whole):
            raise
        header = _sniff_header(whole, name)[0]  # the row cut off: is it the header?
    raise limits.limit(f"the header row (row {header.row + 1}) is longer than {HEAD >> 10} KiB: "
                       "minsheng looks for the header in the first "
                       f"{HEAD >> 10} KiB of a file; delete the columns it does not need",
                       name, header.row + 1)


def _sniff_header(text: str, name: str) -> tuple[Header, str, int, int]:
    """The header row and the delimiter: comma, else tab or semicolon."""
    failed: list[tuple[int, ProblemsError]] = []
    for sep in (",", "\t", ";"):
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
        records, lines = [], []
        try:
            for record in islice(reader, HEADER_SEARCH + HEADER_BEYOND):
                records.append(record)
                lines.append(reader.line_num)
        except csv.Error:
            records = []
        try:
            header = find_header(records, name)
        except ProblemsError as exc:  # say what is missing as split by the likeliest delimiter
            failed.append((-max(map(len, records), default=0), exc))
            continue
        data = Counter(len(r) for r in records[header.row + 1:] if r)
        # the commonest length of the rows below the header: the header's own among equals,
        # else the longer one
        width = max(data, key=lambda w: (data[w], w == len(header.cells), w)) if data else len(
            header.cells)
        return header, sep, lines[header.row], width
    raise min(failed, key=lambda f: f[0])[1]
