"""An actuals table as the readers hand it over: each field's cells factorized, every row's number."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..problems import Problem


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
    file: str
    rows: np.ndarray  # the row number a spreadsheet shows, per data row
    columns: dict[str, Column]
    encoding: str | None
    warnings: list[Problem]
