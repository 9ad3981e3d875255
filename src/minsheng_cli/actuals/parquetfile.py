"""Parquet actuals: columns named as a CSV's headers (English or Chinese), read with pyarrow.

Rows are numbered as in the CSV such a file is usually made from: the column names are row 1,
the first record row 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from ..i18n import say
from ..problems import Problem, ProblemsError
from . import limits
from .header import find_header
from .table import Column, Table, refuse_cells

if TYPE_CHECKING:
    import pyarrow as pa

PARQUET_MAGIC = b"PAR1"
_ANEW = say("parquet.anew")


def read_parquet(path: Path, name: str, head: bytes, size: int) -> Table:
    import pyarrow as pa
    import pyarrow.parquet as pq

    limits.file_size(size, name)
    if not head.startswith(PARQUET_MAGIC):
        raise ProblemsError([Problem("file-unreadable", say("parquet.not-parquet", anew=_ANEW),
                                     name)])
    try:
        parquet = pq.ParquetFile(path)
        header = find_header([parquet.schema_arrow.names], name)
        names = parquet.schema_arrow.names
        data = parquet.read(columns=[names[p] for p in header.fields.values()])
    except (pa.ArrowException, OSError) as exc:
        raise ProblemsError([Problem("file-unreadable", say(
            "parquet.unreadable", error=f"{type(exc).__name__}: {exc}", anew=_ANEW), name)]
                            ) from None
    columns = {f: _column(data.column(names[p]), header.cells[p], p + 1, f == "value", name)
               for f, p in header.fields.items()}
    table = Table(name, np.arange(2, 2 + data.num_rows, dtype=np.int64), columns, None)
    refuse_cells(table)
    return table


def _column(chunked: pa.ChunkedArray, header: str, number: int, value: bool,
            name: str) -> Column:
    """Codes into the distinct values (a null is the empty cell); a numeric value column's
    finite numbers as `numbers`."""
    import pyarrow as pa
    import pyarrow.compute as pc

    kind = chunked.type
    if value and (pa.types.is_integer(kind) or pa.types.is_floating(kind)):
        numbers = np.array(chunked.cast(pa.float64()).to_numpy(zero_copy_only=False))  # null: NaN
        nulls = chunked.is_null().to_numpy(zero_copy_only=False)
        slow = ~np.isfinite(numbers)  # nulls, NaN and infinities go to cells.py as cells
        codes = np.full(len(numbers), -1, dtype=np.intp)
        uniques: list[object] = ["", float("nan"), float("inf"), float("-inf")]
        codes[slow & nulls] = 0
        codes[slow & ~nulls & np.isnan(numbers)] = 1
        codes[slow & (numbers == np.inf)] = 2
        codes[slow & (numbers == -np.inf)] = 3
        numbers[slow] = np.nan
        return Column(header, number, codes, uniques, numbers)
    try:
        encoded = pc.dictionary_encode(chunked).unify_dictionaries()
    except pa.ArrowException:
        raise ProblemsError([Problem("file-unreadable", say(
            "parquet.column-type", header=header, kind=str(kind)), name, 1, number)]) from None
    if not encoded.num_chunks:
        return Column(header, number, np.zeros(0, np.intp), [""])
    distinct = encoded.chunk(0).dictionary.to_pylist()
    codes = np.concatenate([c.indices.fill_null(len(distinct)).to_numpy(zero_copy_only=False)
                            for c in encoded.chunks]).astype(np.intp)
    return Column(header, number, codes, [*distinct, ""])
