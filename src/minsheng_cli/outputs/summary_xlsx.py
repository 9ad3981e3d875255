"""The summary workbook offices publish beside the 通报: the district table (status, light,
actual, required, target, lead unit), the ranking of the towns, and the units that did not
report. Frozen headers, set widths, lights as cell colours; every text cell through
`safe.cell`, so no data becomes a formula. openpyxl is imported when a workbook is written."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from ..engine.policy import LIGHT_LOOKS, UNLIT, describe
from ..engine.statuses import LOOKS, Status
from ..labels import label
from .bulletin import Bulletin
from .safe import cell as safe_cell

_RANKED = (Status.done, Status.on_track, Status.at_risk, Status.overdue, Status.no_report)


@dataclass(frozen=True)
class Col:
    zh: str
    en: str
    width: float
    number: bool = False


DISTRICT = (Col("序号", "No.", 6), Col("项目", "Project", 22), Col("指标编号", "Id", 30),
            Col("指标", "Indicator", 40), Col("单位", "Unit", 8), Col("状态", "Status", 13),
            Col("亮灯", "Light", 8), Col("累计完成", "Actual", 12, True),
            Col("序时应完成", "Required", 12, True), Col("累计目标", "Target", 12, True),
            Col("完成率(%)", "Percent", 10, True), Col("序时差距(百分点)", "Gap (points)", 14, True),
            Col("下一节点", "Next due", 12), Col("牵头单位", "Lead units", 34),
            Col("分管领导", "Leaders", 16))
RANKING = (Col("排名", "Rank", 7), Col("单位", "Unit", 16), Col("类别", "Kind", 10),
           Col("得分", "Score", 9, True),
           *(Col(LOOKS[s].zh, LOOKS[s].en, 12, True) for s in _RANKED))
MISSING = (Col("序号", "No.", 6), Col("单位", "Unit", 24), Col("未报送指标", "Not reported", 70),
           Col("最近报送", "Last round", 14))
SHEETS = {"district": ("全区指标", "District"), "ranking": ("镇街排名", "Ranking"),
          "missing": ("未报送单位", "Missing reports")}


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def _sheet(book: Any, name: str, columns: tuple[Col, ...], rows: list[list[Any]], lang: str,
           fills: list[str | None] | None = None, fill_column: int | None = None,
           note: str | None = None) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = book.create_sheet(safe_cell(name))
    for j, col in enumerate(columns, 1):
        head = ws.cell(row=1, column=j, value=safe_cell(col.en if lang == "en" else col.zh))
        head.font = Font(bold=True)
        head.fill = PatternFill("solid", fgColor="ECEFF1")
        head.alignment = Alignment(vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(j)].width = col.width
    if not rows:
        ws.cell(row=2, column=1, value="None" if lang == "en" else "无")
    for i, row in enumerate(rows, 2):
        for j, (col, value) in enumerate(zip(columns, row, strict=True), 1):
            c = ws.cell(row=i, column=j, value=safe_cell(value))
            c.alignment = Alignment(vertical="top", wrap_text=not col.number)
            if col.number and isinstance(value, float) and not value.is_integer():
                c.number_format = "0.0###"  # up to 4 decimals: 11.004 required of 11
        if fills is not None and fill_column is not None and fills[i - 2]:
            ws.cell(row=i, column=fill_column).fill = PatternFill("solid",
                                                                  fgColor=str(fills[i - 2]))
    if note:
        ws.cell(row=len(rows) + 3 if rows else 4, column=1, value=safe_cell(note))
    ws.freeze_panes = "A2"
    if rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(rows) + 1}"


def render_xlsx(bulletin: Bulletin) -> bytes:
    """The workbook: the district sheet always, ranking and missing units when the bulletin has
    them (a sheet saying 无 when they are empty)."""
    from openpyxl import Workbook

    b, lang = bulletin, bulletin.lang
    book = Workbook()
    if book.active is not None:
        book.remove(book.active)
    names = {s.number: s.name for s in b.sections}
    rows, fills = [], []
    for i, x in enumerate(b.lines, 1):
        light = (LIGHT_LOOKS[x.light].label(lang) if x.light
                 else UNLIT[1] if lang == "en" else UNLIT[0])
        rows.append([i, f"{x.project} {names[x.project]}", x.id, x.name, x.unit,
                     LOOKS[x.status].label(lang), light, x.actual, _round(x.required, 4),
                     x.target, _round(x.percent, 1), _round(x.gap_pp, 1),
                     x.next_due, "、".join(x.lead_units), "、".join(x.leaders)])
        fills.append(LIGHT_LOOKS[x.light].fill if x.light else None)
    pick = 1 if lang == "en" else 0
    _sheet(book, SHEETS["district"][pick], DISTRICT, rows, lang, fills, fill_column=7,
           note=describe(b.policy, lang))
    for c in book[SHEETS["district"][pick]]["M"][1:]:
        c.number_format = "yyyy-mm-dd"
    if b.ranking is not None:
        _sheet(book, SHEETS["ranking"][pick], RANKING,
               [[r.rank, r.unit, _kind(r.unit, r.kind, lang), r.score,
                 *(r.counts.get(s, 0) for s in _RANKED)]
                for r in b.ranking], lang)
    if b.missing is not None:
        ids = {x.id: x.name for x in b.lines}
        _sheet(book, SHEETS["missing"][pick], MISSING,
               [[i, u.unit, "、".join(ids.get(o, o) for o in u.owes),
                 f"{u.last_round}{label('missing_partial', lang)}" if u.partial else u.last_round]
                for i, u in enumerate(b.missing, 1)], lang)
    book.properties.title = safe_cell(b.title)
    book.properties.creator = safe_cell(b.issuer)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _kind(unit: str, kind: str, lang: str) -> str:
    """What a unit is, in words: 镇 or 街道 for the towns and streets (one kind in the plan)."""
    if kind == "town":
        street = unit.endswith("街道")
        return ("street" if street else "town") if lang == "en" else ("街道" if street else "镇")
    from .registry import KINDS

    return KINDS[kind][lang == "en"] if kind in KINDS else kind
