"""The CSV path for files Arrow does not read as they are (rows shorter or longer than the
header, an unpaired quote): pandas' C parser, which pads short rows, with the same columns and
located messages."""

from __future__ import annotations

import csv
import re
import warnings
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from ..i18n import say
from ..problems import Problem, ProblemsError
from ..text import JUNK
from . import limits
from .csvfile import Fields, _Extra, _Ragged
from .encoding import _guessed, _not_text
from .header import Header
from .table import Column

if TYPE_CHECKING:
    import pandas as pd

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
            raise ProblemsError([Problem("file-unreadable", say("csv.malformed", error=str(exc)),
                                         str(path), line)]) from None


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
