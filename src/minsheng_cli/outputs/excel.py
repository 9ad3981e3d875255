"""Records (list or check rows) as a file for Excel or WPS: CSV in UTF-8 with a BOM, or .xlsx.

Every text cell goes through safe.cells, so that no data becomes a formula; numbers stay
numbers. Used for `-o FILE.csv` / `-o FILE.xlsx`; what goes to stdout is left as it is.

The CSV's header row is the fields' names (the public columns of `--format csv`, for scripts);
a workbook is for people: its header row is in the chosen language, and each header cell's
comment gives the field's name.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from .safe import cell, cells

SUFFIXES = {".csv": "csv", ".xlsx": "xlsx"}

# A workbook's column headers: field → (zh, en). A field not here is headed by its name.
HEADS: dict[str, tuple[str, str]] = {
    "indicator": ("指标编号", "Indicator id"), "project": ("项目", "Project"),
    "project_name": ("项目名称", "Project name"), "name": ("指标名称", "Name (zh)"),
    "name_en": ("指标名称（英文）", "Name"), "unit": ("计量单位", "Unit (zh)"),
    "unit_en": ("计量单位（英文）", "Unit"), "kind": ("类型", "Kind"), "status": ("状态代码", "Status code"),
    "status_label": ("状态", "Status"), "actual": ("累计完成", "Actual"),
    "required": ("序时应完成", "Required"), "target": ("目标", "Target"),
    "next_due": ("下一节点日期", "Next due"), "next_target": ("下一节点目标", "Next target"),
    "last_due": ("上一节点日期", "Last due"), "last_due_target": ("上一节点目标", "Last due target"),
    "percent": ("完成率（%）", "Percent"), "gap_pp": ("序时差距（百分点）", "Gap (pp)"),
    "forecast": ("预计完成日期", "Forecast"), "reporters": ("报送单位数", "Reporters"),
    "last_report": ("最近报送日期", "Last report"), "lead_units": ("牵头单位", "Lead units"),
    "as_of": ("截至日期", "As of"), "light": ("亮灯", "Light"), "direction": ("方向", "Direction"),
    "combine": ("汇总方式", "Combine"), "due": ("截止日期", "Due"), "source": ("原文", "Source"),
    "note": ("说明", "Note"), "overview_target": ("总体目标", "Overview target"),
    "reported_by": ("报送单位", "Reported by"), "reported_as": ("报送方式", "Reported as"),
    "firm": ("硬性节点", "Firm"), "due_reading": ("截止日期的解读", "Reading of the due date"),
    "pace": ("比率的序时要求", "Pace (rates)"),
}


# The units' verdicts (`check --by unit`): their `unit` is the reporting unit, not a measure.
UNIT_HEADS: dict[str, tuple[str, str]] = {
    "unit": ("单位", "Unit"), "unit_kind": ("单位类型", "Unit kind"),
    "name": ("指标名称", "Name (zh)"), "share": ("分解任务", "Share"),
    "submission": ("报送情况", "Submission"), "stale": ("未更新", "Stale"),
    "last_round": ("最近报送期", "Last round"),
}


# What a workbook shows for a field's codes (CSV keeps the codes: it is for scripts; `status`
# keeps its code beside `status_label`): field → code → (zh, en).
VALUES: dict[str, dict[str, tuple[str, str]]] = {
    "unit_kind": {"department": ("部门", "department"), "town": ("镇街", "town"),
                  "other": ("其他", "other")},
    "submission": {"submitted": ("已报送", "submitted"), "stale": ("未更新", "stale"),
                   "missing": ("未报送", "missing"), "not_due": ("无需报送", "not due")},
    "light": {"red": ("红灯", "red"), "yellow": ("黄灯", "yellow"), "green": ("绿灯", "green")},
    "kind": {"quantity": ("数量", "quantity"), "event": ("事件", "event"),
             "rate": ("比率", "rate")},
    "direction": {"at_least": ("不少于", "at least"), "at_most": ("不超过", "at most")},
    "combine": {"sum": ("求和", "sum"), "max": ("取最大", "max"), "min": ("取最小", "min"),
                "mean": ("取平均", "mean")},
    "reported_as": {"total": ("全区合计", "total"), "shares": ("分解任务", "shares")},
    "pace": {"level": ("保持节点水平", "level"), "line": ("按序时增长", "line")},
}
YES_NO = (("是", "yes"), ("否", "no"))


def _shown(field: str, value: Any, lang: str) -> Any:
    """A code as a person reads it in the workbook's language; True/False as 是/否."""
    en = lang == "en"
    if isinstance(value, bool):
        return YES_NO[not value][en]
    words = VALUES.get(field, {}).get(value) if isinstance(value, str) else None
    return words[en] if words else value


def records_bytes(fields: Sequence[str], rows: Sequence[dict[str, Any]], fmt: str,
                  sheet: str, lang: str = "zh",
                  heads: dict[str, tuple[str, str]] | None = None) -> bytes:
    """The rows' `fields` as CSV (UTF-8 with BOM, CRLF, as Excel writes it) or a workbook
    (headed by HEADS, `heads` taking precedence; codes shown as VALUES says)."""
    table = [[safe.get(f) for f in fields] for safe in (cells(r) for r in rows)]
    if fmt == "xlsx":
        table = [[_shown(f, v, lang) for f, v in zip(fields, row, strict=True)] for row in table]
        return _xlsx(fields, table, sheet, lang, HEADS | (heads or {}))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([cell(f) for f in fields])
    writer.writerows([["" if v is None else v for v in row] for row in table])
    return out.getvalue().encode("utf-8-sig")


def _xlsx(fields: Sequence[str], table: list[list[Any]], sheet: str, lang: str,
          heads: dict[str, tuple[str, str]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet[:31]
    ws.append([heads[f][lang == "en"] if f in heads else cell(f) for f in fields])
    for head, field in zip(ws[1], fields, strict=True):
        head.font = Font(bold=True)
        head.comment = Comment(field, "minsheng")  # the field's name, as in --format csv
    for row in table:
        ws.append(row)
    for j, field in enumerate(fields, start=1):
        title = str(ws.cell(1, j).value)
        longest = max([len(title) * 2] + [len(str(r[j - 1])) for r in table if r[j - 1]])
        ws.column_dimensions[get_column_letter(j)].width = min(60, 4 + 1.6 * longest)
    ws.freeze_panes = "A2"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
