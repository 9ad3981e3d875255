"""Records (list or check rows) as a file for Excel or WPS: CSV in UTF-8 with a BOM, or .xlsx.

Every text cell goes through safe.cells, so that no data becomes a formula; numbers stay
numbers. Used for `-o FILE.csv` / `-o FILE.xlsx`; what goes to stdout is left as it is.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from .safe import cell, cells

SUFFIXES = {".csv": "csv", ".xlsx": "xlsx"}


def records_bytes(fields: Sequence[str], rows: Sequence[dict[str, Any]], fmt: str,
                  sheet: str) -> bytes:
    """The rows' `fields` as CSV (UTF-8 with BOM, CRLF, as Excel writes it) or a workbook."""
    table = [[safe.get(f) for f in fields] for safe in (cells(r) for r in rows)]
    if fmt == "xlsx":
        return _xlsx(fields, table, sheet)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([cell(f) for f in fields])
    writer.writerows([["" if v is None else v for v in row] for row in table])
    return out.getvalue().encode("utf-8-sig")


def _xlsx(fields: Sequence[str], table: list[list[Any]], sheet: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet[:31]
    ws.append([cell(f) for f in fields])
    for head in ws[1]:
        head.font = Font(bold=True)
    for row in table:
        ws.append(row)
    for j, field in enumerate(fields, start=1):
        longest = max([len(str(field))] + [len(str(r[j - 1])) for r in table if r[j - 1]])
        ws.column_dimensions[get_column_letter(j)].width = min(60, 4 + 1.6 * longest)
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
