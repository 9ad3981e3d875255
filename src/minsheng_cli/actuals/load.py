"""Actuals files (what offices report, CSV or .xlsx) → one DataFrame of reports, bad cells located.

Reading finds the header row and the fields' columns (a `Table`, csvfile.py / xlsxfile.py);
checking parses each column's distinct values once (rows.py, cells.py), maps the results back
onto the rows, and collects every problem.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from .. import memory
from ..i18n import say
from ..plan.model import Plan
from ..problems import Problem, ProblemsError, errors
from . import limits, rows
from .csvfile import HEAD, read_csv
from .parquetfile import PARQUET_MAGIC, read_parquet
from .table import Table
from .xlsxfile import read_xlsx

COLUMNS = ["indicator", "as_of", "value", "reporter", "note", "row", "sheet", "file"]
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
# spreadsheets of other programs, which minsheng does not read: a sentence saying what to do
OTHER_SPREADSHEETS = {".ods": "OpenDocument (.ods)", ".fods": "OpenDocument (.fods)",
                      ".et": "WPS (.et)", ".ett": "WPS (.ett)", ".numbers": "Numbers (.numbers)",
                      ".xlsb": "Excel (.xlsb)"}
# every spreadsheet minsheng does not read: in a folder, a unit's report that must be saved anew
UNREAD_SPREADSHEETS = frozenset({".xls", *OTHER_SPREADSHEETS})
ZIP_MAGIC, OLE_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
# old-style (OLE) files of other programs, told by their name: Word's .doc, WPS 文字's .wps …
OLE_DOCUMENTS = {".doc": "doc.word", ".dot": "doc.word", ".wps": "doc.word",
                 ".ppt": "doc.powerpoint", ".pps": "doc.powerpoint", ".dps": "doc.powerpoint"}
# what a file starts with → what it is, when it is no table at all
NOT_TABLES = ((b"%PDF-", "doc.pdf", "doc.fix-picture"), (b"{\\rtf", "doc.rtf", "doc.fix-document"),
              (b"\x89PNG\r\n\x1a\n", "doc.image", "doc.fix-picture"),
              (b"\xff\xd8\xff", "doc.image", "doc.fix-picture"),
              (b"GIF8", "doc.image", "doc.fix-picture"))
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}  # binary data named so is said to be no text (not-text)


@dataclass
class Actuals:
    """The reports of one file: one row per report (columns COLUMNS) and the warnings found."""

    file: str
    frame: pd.DataFrame
    encoding: str | None  # None for .xlsx
    warnings: list[Problem] = field(default_factory=list)
    preamble: tuple[str, ...] = ()  # the rows above each table's header (a 填报单位：… line)


def load_actuals(path: Path | str, plan: Plan) -> Actuals:
    """Read and check an actuals file against `plan`; raise ProblemsError carrying every error."""
    name = str(path)
    try:
        tables = read_table(Path(path))
        frames, found = _check_tables(tables, plan)
    except ProblemsError:
        raise
    except MemoryError:
        raise ProblemsError([Problem("file-unreadable", say("file.too-large-memory"),
                                     name)]) from None
    except Exception as exc:  # a user's file must never end in a traceback
        raise ProblemsError([Problem("file-unreadable", say(
            "file.cannot-read", error=f"{type(exc).__name__}: {exc}"), name)]) from exc
    preamble = tuple(line for table in tables for line in table.preamble)
    if errors(found) or not frames:
        raise ProblemsError(found, preamble)
    frame, conflicts = _across_sheets(frames, tables)
    found += conflicts
    if errors(found):
        raise ProblemsError(found, preamble)
    # where every row came from: the file as given (a categorical: one string, not one per row)
    frame["file"] = pd.Categorical.from_codes(np.zeros(len(frame), dtype=np.int64),
                                              categories=pd.Index([name]))
    return Actuals(name, frame, tables[0].encoding, found, preamble)


def _check_tables(tables: list[Table], plan: Plan) -> tuple[list[pd.DataFrame], list[Problem]]:
    """Each table checked (a workbook's sheets apart); a sheet with the header but no reports is
    left out unless every one is empty. Problems in order, sheet by sheet, naming the sheet when
    there are several."""
    frames: list[pd.DataFrame] = []
    found: list[Problem] = []
    empty: ProblemsError | None = None
    sheets = pd.CategoricalDtype([t.sheet for t in tables if t.sheet is not None])
    for table in tables:
        try:
            frame, problems = rows.check_table(table, plan)
        except ProblemsError as exc:  # no reports: perhaps the reader refused every row
            empty = empty or exc
            problems, frame = [p for p in table.problems if p.severity == "error"], None
        else:
            problems = table.problems + problems
        # the sheet said when the workbook has several: Excel opens on the first, whose row 3
        # is not this one's (a 填表说明 sheet before the data)
        if table.sheet is not None and (len(tables) > 1 or table.sheets > 1):
            problems = [replace(p, message=say("at.sheet", sheet=table.sheet, message=p.message))
                        for p in problems]
        found += sorted(problems, key=_order)
        if frame is not None:
            code = -1 if table.sheet is None else list(sheets.categories).index(table.sheet)
            frame["sheet"] = pd.Categorical.from_codes(np.full(len(frame), code, np.int16),
                                                       dtype=sheets)
            frames.append(frame)
    if not frames and not errors(found) and empty is not None:
        raise empty
    return frames, found


def _across_sheets(frames: list[pd.DataFrame], tables: list[Table]
                   ) -> tuple[pd.DataFrame, list[Problem]]:
    """The sheets' frames as one; the same indicator, reporter and date in two sheets is a
    repeat (dropped) or a conflict (an error), as within one sheet."""
    if len(frames) == 1:
        return frames[0], []
    from pandas.api.types import union_categoricals

    frame = pd.concat(frames, ignore_index=True)
    for column in ("indicator", "reporter", "note", "sheet"):
        frame[column] = union_categoricals([f[column] for f in frames])
    group = frame.groupby(["indicator", "reporter", "as_of"], observed=True,
                          sort=False).ngroup().to_numpy()
    lead = np.unique(group, return_index=True)[1][group]  # each row's first of its kind
    later = lead != np.arange(len(frame))
    value = frame["value"].to_numpy()
    clash = later & (value != value[lead])
    columns = {t.sheet: t.columns["value"] for t in tables}
    problems = [Problem(
        "conflicting-reports", say("at.sheet", sheet=r.sheet, message=say(
            "at.column", column=columns[r.sheet].header, message=say(
                "report.conflict-sheets", label=say(
                    "report.label", id=r.indicator, reporter=r.reporter or say("reporter.unnamed")),
                date=r.as_of.date(), other=f.sheet, first=f.row, a=f"{f.value:,.10g}",
                b=f"{r.value:,.10g}"))), tables[0].file, int(r.row), columns[r.sheet].number)
        for r, f in zip(frame[clash][:500].itertuples(),
                        frame.iloc[lead[clash][:500]].itertuples(), strict=True)]
    return frame[~later].reset_index(drop=True), problems


def latest_date(frame: pd.DataFrame | None) -> dt.date | None:
    """The latest report date in a frame of reports (the default as-of date), or None."""
    if frame is None or frame.empty:
        return None
    latest = frame["as_of"].max()
    return None if pd.isna(latest) else latest.date()


def _order(p: Problem) -> tuple[int, int]:
    return (p.line or 0, p.column if isinstance(p.column, int) else 0)


def read_table(path: Path) -> list[Table]:
    """Find the header row and the fields' columns of a CSV, Excel or Parquet file and read
    their cells: one table per sheet that has the header; a CSV or Parquet file is one."""
    name = str(path)
    suffix = path.suffix.lower()
    anew = say("file.save-anew")
    if suffix in OTHER_SPREADSHEETS and path.is_dir():  # a Numbers file can be a folder (a package)
        raise ProblemsError([Problem("not-excel", say("file.other-spreadsheet",
                                                      kind=OTHER_SPREADSHEETS[suffix], anew=anew),
                                     name)])
    size = limits.regular_file(path, name)  # before opening: a named pipe would block
    memory.for_reading(size)
    try:
        with path.open("rb") as f:
            head = f.read(HEAD)
    except OSError as exc:
        raise ProblemsError([Problem("file-unreadable", say("file.os-error", error=exc.strerror),
                                     name)]) from None
    if not head.strip(b" \t\r\n\xef\xbb\xbf"):
        raise ProblemsError([Problem("empty-file", say("file.empty"), name)])
    for magic, kind, fix in () if suffix in TEXT_SUFFIXES else NOT_TABLES:
        if head.startswith(magic):
            raise ProblemsError([Problem("not-excel", say("doc.not-workbook", kind=say(kind),
                                                          fix=say(fix)), name)])
    if head.startswith(OLE_MAGIC) and suffix in OLE_DOCUMENTS:
        raise ProblemsError([Problem("not-excel", say(
            "doc.not-workbook", kind=say(OLE_DOCUMENTS[suffix]), fix=say("doc.fix-document")),
                                     name)])
    if suffix == ".xls" and head.startswith(ZIP_MAGIC):  # an .xlsx renamed: not old-style
        raise ProblemsError([Problem("not-excel", say("file.xls-is-xlsx"), name)])
    if suffix in OTHER_SPREADSHEETS:  # WPS's .et is an old-style workbook; .ods and .numbers zips
        raise ProblemsError([Problem("not-excel", say("file.other-spreadsheet",
                                                      kind=OTHER_SPREADSHEETS[suffix], anew=anew),
                                     name)])
    if suffix == ".xls" or head.startswith(OLE_MAGIC):
        raise ProblemsError([Problem("not-excel", say("file.old-xls", anew=anew), name)])
    if suffix == ".parquet" or head.startswith(PARQUET_MAGIC):
        return [read_parquet(path, name, head, size)]
    if suffix in EXCEL_SUFFIXES or head.startswith(ZIP_MAGIC):
        if not head.startswith(ZIP_MAGIC):
            raise ProblemsError([Problem("not-excel", say("file.not-workbook", suffix=suffix,
                                                          anew=anew), name)])
        return read_xlsx(path, name, size)
    return [read_csv(path, name, head, size)]
