"""An actuals table as the readers hand it over: each field's cells factorized, every row's number."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ..dates import SERIAL_RANGE
from ..i18n import say
from ..problems import Problem
from . import limits


@dataclass
class Column:
    """One field's cells, factorized: `codes` index `uniques`. A value column may come with
    `numbers` already read; then only rows where that is NaN have a code (others have -1)."""

    header: str
    number: int  # 1-based column number
    codes: np.ndarray
    uniques: Sequence[object]
    numbers: np.ndarray | None = None


@dataclass
class Table:
    """One sheet of a workbook, or a whole CSV or Parquet file."""

    file: str
    rows: np.ndarray  # the row number a spreadsheet shows, per data row
    columns: dict[str, Column]
    encoding: str | None
    # what the reader found: warnings (encoding-guessed) and errors it located itself
    problems: list[Problem] = field(default_factory=list)
    sheet: str | None = None  # the sheet's name; None for CSV and Parquet
    # the rows above the header, each its non-empty cells joined by a space: a title, or the
    # form's 填报单位：… line (so that nobody opens the file again to look for it)
    preamble: tuple[str, ...] = ()
    sheets: int = 1  # the sheets of its workbook (a row number is said with the sheet if several)


def factorized(header: str, number: int, values: Sequence[object]) -> Column:
    """A column of Python cell values (a workbook's), factorized."""
    import pandas as pd

    codes, uniques = pd.factorize(np.array(values, dtype=object), use_na_sentinel=False)
    return Column(header, number, codes, list(uniques))


def skip_rows(columns: dict[str, Column], rows: np.ndarray) -> None:
    """Make rows the reader refused, and located, look unfilled (no date, no value): the checks
    skip them instead of calling the same cell wrong a second time."""
    for name in ("as_of", "value"):
        column = columns[name]
        codes = column.codes.astype(np.intp, copy=True)
        codes[rows] = len(column.uniques)
        column.codes, column.uniques = codes, [*column.uniques, ""]
        if column.numbers is not None:
            column.numbers = column.numbers.copy()
            column.numbers[rows] = np.nan


def refuse_cells(table: Table) -> None:
    """Cells the reader refuses itself, located: longer than Excel allows, or a number in the
    date column that cannot be told from another date (2023.1: January, or 2023.10?)."""
    refused = np.zeros(len(table.rows), dtype=bool)
    for f, column in table.columns.items():
        messages: dict[int, tuple[str, str]] = {}
        for k, u in enumerate(column.uniques):
            if isinstance(u, str) and len(u) > limits.CELL_CHARS:
                messages[k] = ("limit-exceeded", limits.cell_message(len(u)))
            elif f == "as_of" and type(u) is float and not SERIAL_RANGE[0] <= u <= SERIAL_RANGE[1]:
                messages[k] = ("bad-date", _number_as_date(u))
        for k, (code, message) in messages.items():
            at = np.flatnonzero(column.codes == k)
            refused[at] = True
            table.problems += [Problem(code, say("at.column", column=column.header,
                                                 message=message), table.file,
                                       int(table.rows[i]), column.number) for i in at[:500]]
    if refused.any():
        skip_rows(table.columns, refused)


def _number_as_date(value: float) -> str:
    fix = say("date.number-fix")
    if 1900 <= value < 2100:
        return say("date.number-month", value=repr(value), fix=fix)
    return say("date.number", value=repr(value), fix=fix)
