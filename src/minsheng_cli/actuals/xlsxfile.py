"""Excel actuals (.xlsx, .xlsm): the first sheet with the header row, read with openpyxl."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from itertools import chain, islice
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ..problems import Problem, ProblemsError
from .csvfile import ANEW
from .header import HEADER_SEARCH, Header, find_header
from .table import Column, Table

def read_xlsx(path: Path, name: str) -> Table:
    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # noqa: BLE001 — zipfile, XML and openpyxl errors alike
        raise ProblemsError([Problem("not-excel", "cannot open the workbook "
                                     f"({type(exc).__name__}); {ANEW}", name)]) from None
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
                                     f"({type(exc).__name__}: {exc}); {ANEW}", name)]) from None
    finally:
        book.close()


def _xlsx_table(name: str, header: Header, rows: Iterator[Any], first: int) -> Table:
    fields = list(header.fields.items())
    values: dict[str, list[object]] = {f: [] for f, _ in fields}
    for row in rows:
        for f, j in fields:
            values[f].append(_xlsx_value(row[j]) if j < len(row) else "")
    n = len(values[fields[0][0]])
    columns = {}
    for f, j in fields:
        codes, uniques = pd.factorize(np.array(values.pop(f), dtype=object))
        columns[f] = Column(header.cells[j], j + 1, codes, list(uniques))
    return Table(name, np.arange(first, first + n, dtype=np.int64), columns, None, [])


def _xlsx_value(cell: Any) -> object:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"  # as Excel shows it; 1 and True must stay apart
    if isinstance(value, int | float) and "%" in (cell.number_format or ""):
        return f"{round(value * 100, 9)!r}%"  # a cell showing 85% holds 0.85: read it as shown
    return value
