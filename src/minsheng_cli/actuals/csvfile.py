"""CSV actuals: the encoding (BOM, UTF-8, GB18030, UTF-16), the delimiter, the header row, and
the fields' columns. Arrow's CSV reader reads them as dictionaries (codes into distinct values,
no Python string per cell; other encodings transcoded as it streams); a file whose rows differ
in length from the sniffed ones goes through pandas' C parser, which pads short rows."""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..i18n import say
from ..problems import Problem, ProblemsError
from ..text import JUNK, shown
from . import limits
from .encoding import _guessed, _not_text, _sniff_encoding
from .header import HEADER_BEYOND, HEADER_SEARCH, Header, find_header
from .table import Column, Table

if TYPE_CHECKING:
    import pyarrow as pa

HEAD = limits.HEADER_BYTES  # bytes read to sniff the encoding, the delimiter and the header row
BLOCK = 1 << 20  # bytes Arrow parses at a time
# Arrow's threads pay for themselves on big files only (benchmarks/README.md)
THREADS_BYTES = 64 << 20
# what Arrow reads as a float exactly as cells.parse_number would; anything else goes there
PLAIN_NUMBER = r"^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$"
THOUSANDS_LIKE = r"^[+-]?\d{1,3}\.\d{3}$"  # 1.680: read in cells.py, its text kept for messages


def read_csv(path: Path, name: str, head: bytes, size: int) -> Table:
    from .csvpandas import _pandas_fields  # the slower path, for files Arrow cannot take

    limits.file_size(size, name)
    encoding, text, warned = _sniff_encoding(path, name, head, len(head) < HEAD, size)
    try:
        header, sep, lines, width = _sniff(text, name, cut=len(head) == HEAD)
    except ProblemsError as exc:  # garbled headers? say which encoding they were read in
        raise ProblemsError(exc.problems + warned, exc.preamble) from None
    for attempt in range(2):
        try:
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
        holds = say("csv.extra-holds", column=width + k + 1, text=shown(text)) if str(
            text).strip(JUNK) else ""
        problems.append(Problem(
            "extra-cells", say("csv.extra-cells", cells=int(extra.cells[i]), width=width,
                               holds=holds), table.file, int(table.rows[i]), width + k + 1))
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
    read = list(dict.fromkeys([*(names[p] for p in wanted.values()), *extra, names[-1]]))
    text = pa.dictionary(pa.int32(), pa.string())
    options = {
        "parse_options": pacsv.ParseOptions(delimiter=sep, newlines_in_values=True,
                                            ignore_empty_lines=False, invalid_row_handler=ragged),
        "convert_options": pacsv.ConvertOptions(
            include_columns=read,
            column_types=dict.fromkeys(names, text), strings_can_be_null=False,
            quoted_strings_can_be_null=False, null_values=[])}
    # small blocks keep memory down; a record longer than a block needs a bigger one
    for block in (BLOCK, limits.RECORD_BYTES):
        try:
            table = pacsv.read_csv(path, read_options=pacsv.ReadOptions(
                column_names=names, skip_rows=lines, block_size=block,
                use_threads=path.stat().st_size > THREADS_BYTES,
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
            raise limits.limit(say("csv.too-wide", wide=wide, header=len(header.cells),
                                   limit=limits.SHEET_COLUMNS), name)
        raise _Ragged(max(wide, width, len(header.cells)), width)
    # A quote never closed makes its cell run to the end of the file. In any column but the
    # last, that row comes out short (above); in the last, it is the last row, with line breaks:
    # then pandas reads the file, and says where the quote opens.
    if table.num_rows and any(ch in str(table.column(names[-1])[table.num_rows - 1].as_py())
                              for ch in "\r\n"):
        raise _Ragged(max(width, len(header.cells)), width)
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

    if not chunked.num_chunks:
        return np.zeros(0, np.int32), pa.array([], pa.string())
    combined = chunked.combine_chunks()  # one dictionary (3× faster than unifying chunk by chunk)
    return combined.indices.to_numpy(zero_copy_only=False), combined.dictionary


def _arrow_column(chunked: pa.ChunkedArray, header: str, number: int, value: bool) -> Column:
    import pyarrow as pa
    import pyarrow.compute as pc

    codes, distinct = _dictionary(chunked)
    if not value:
        return Column(header, number, codes, distinct.to_pylist())
    # plain numbers among the distinct values become floats here; only the rest become strings
    plain = pc.match_substring_regex(distinct, PLAIN_NUMBER).to_numpy(zero_copy_only=False)
    # 1.680 stays text, so that a message about it shows the cell as written (rows.py)
    plain &= ~pc.match_substring_regex(distinct, THOUSANDS_LIKE).to_numpy(zero_copy_only=False)
    by_distinct = np.full(len(distinct), np.nan)
    by_distinct[plain] = pc.cast(distinct.filter(pa.array(plain)), pa.float64()).to_numpy()
    slow = ~np.isfinite(by_distinct)  # 1e400 → inf: cells.py calls it too large
    by_distinct[slow] = np.nan
    remap = np.full(len(distinct), -1, dtype=np.int32)
    remap[slow] = np.arange(int(slow.sum()))
    uniques = distinct.filter(pa.array(slow)).to_pylist()
    return Column(header, number, remap[codes], uniques, by_distinct[codes])


def _long_record(path: Path, name: str) -> ProblemsError:
    """A record longer than Arrow's block: say on which line it starts."""
    line, length = 1, 0
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            for piece in re.split(rb"(?<=\n)", chunk):
                length += len(piece)
                if length > limits.RECORD_BYTES:
                    return limits.limit(say("csv.long-row",
                                            mib=limits.RECORD_BYTES // limits.MiB), name, line)
                if piece.endswith(b"\n"):
                    line, length = line + 1, 0
    return limits.limit(say("csv.long-row-somewhere", mib=limits.RECORD_BYTES // limits.MiB),
                        name)


# ---------------------------------------------------------------- pandas, for ragged rows


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
    raise limits.limit(say("csv.header-too-long", row=header.row + 1, kib=HEAD >> 10), name,
                       header.row + 1)


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
