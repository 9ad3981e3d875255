"""Spreadsheet files that are safe to open: CSV for Excel and WPS, and .xlsx.

Every text cell goes through `safe_cell`, so that data can never become a formula in the
spreadsheet that opens it (CSV / formula injection). Numbers and dates are left as they are.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .safe import cell as safe_cell

Cell = str | int | float | dt.date | None


@dataclass(frozen=True)
class Column:
    """One column of a form: its header, whether people fill it in, and what it holds."""

    header: str
    editable: bool = False
    kind: Literal["text", "number", "date"] = "text"
    width: float = 12
    comment: str | None = None


def csv_bytes(columns: Sequence[Column], rows: Sequence[Sequence[Cell]]) -> bytes:
    """The rows as CSV in UTF-8 with a BOM, which Excel and WPS need to show Chinese."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(c.header) for c in columns])
    for row in rows:
        writer.writerow(["" if v is None else _csv_value(safe_cell(v)) for v in row])
    return out.getvalue().encode("utf-8-sig")


def _csv_value(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def xlsx_bytes(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], *, sheet: str,
               date_range: tuple[dt.date, dt.date] | None = None, messages: dict[str, str]
               ) -> bytes:
    """The rows as one protected worksheet: grey read-only columns, editable input columns with a
    date format and data validation. `messages` holds the texts the validations show."""
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    grey = PatternFill("solid", fgColor="EDEDED")
    yellow = PatternFill("solid", fgColor="FFF8DC")
    last = len(rows) + 1
    for j, column in enumerate(columns, start=1):
        head = ws.cell(row=1, column=j, value=safe_cell(column.header))
        head.font = Font(bold=True, color="000000" if column.editable else "555555")
        head.fill = yellow if column.editable else grey
        head.alignment = Alignment(vertical="center", wrap_text=True)
        if column.comment:
            head.comment = Comment(column.comment, "minsheng")
        ws.column_dimensions[get_column_letter(j)].width = column.width
    for i, row in enumerate(rows, start=2):
        for j, (column, value) in enumerate(zip(columns, row, strict=True), start=1):
            cell = ws.cell(row=i, column=j, value=safe_cell(value))
            cell.alignment = Alignment(vertical="top", wrap_text=column.kind == "text")
            if column.kind == "date":
                cell.number_format = "yyyy-mm-dd"
            if column.editable:
                cell.protection = Protection(locked=False)
            else:
                cell.fill = grey
                cell.font = Font(color="555555")
    for j, column in enumerate(columns, start=1):
        if not column.editable or last < 2:
            continue
        ref = f"{get_column_letter(j)}2:{get_column_letter(j)}{last}"
        if column.kind == "date" and date_range is not None:
            lo, hi = date_range
            check = DataValidation(type="date", operator="between", allow_blank=True,
                                   formula1=f"DATE({lo.year},{lo.month},{lo.day})",
                                   formula2=f"DATE({hi.year},{hi.month},{hi.day})")
            check.error = messages.get("date", "")
        elif column.kind == "number":
            check = DataValidation(type="decimal", operator="greaterThanOrEqual",
                                   allow_blank=True, formula1="0")
            check.error = messages.get("number", "")
        else:
            continue
        check.showErrorMessage = True
        check.errorTitle = messages.get("title", "")
        ws.add_data_validation(check)
        check.add(ref)
    ws.freeze_panes = "B2"
    # A guard against slips, not security: no password. People may still resize and add rows.
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.insertRows = False
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
