"""Actuals files (what offices report, CSV or .xlsx) → one DataFrame of reports, bad cells located.

Reading finds the header row and the fields' columns (a `Table`, csvfile.py / xlsxfile.py);
checking parses each column's distinct values once (rows.py, cells.py), maps the results back
onto the rows, and collects every problem.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ..plan.model import Plan
from ..problems import Problem, ProblemsError, errors
from . import rows
from .csvfile import ANEW, HEAD, read_csv
from .table import Table
from .xlsxfile import read_xlsx

COLUMNS = ["indicator", "as_of", "value", "reporter", "note", "row"]
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
ZIP_MAGIC, OLE_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"



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
        frame, problems = rows.check_table(table, plan)
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


def latest_date(frame: pd.DataFrame | None) -> dt.date | None:
    """The latest report date in a frame of reports (the default as-of date), or None."""
    if frame is None or frame.empty:
        return None
    latest = frame["as_of"].max()
    return None if pd.isna(latest) else latest.date()


def _order(p: Problem) -> tuple[int, int]:
    return (p.line or 0, p.column if isinstance(p.column, int) else 0)


def read_table(path: Path) -> Table:
    """Find the header row and the fields' columns of a CSV or Excel file; read their cells."""
    name = str(path)
    try:
        with path.open("rb") as f:
            head = f.read(HEAD)
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
                                     f"encrypted one), which cannot be read; {ANEW}", name)])
    if suffix in EXCEL_SUFFIXES or head.startswith(ZIP_MAGIC):
        if not head.startswith(ZIP_MAGIC):
            raise ProblemsError([Problem("not-excel", f"the file is named {suffix} but is not an "
                                         f"Excel workbook; {ANEW}", name)])
        return read_xlsx(path, name)
    return read_csv(path, name, head)


