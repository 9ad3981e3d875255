"""The monthly form an office fills in: one row per indicator it leads or shares.

The actuals columns carry the Chinese headers the actuals reader accepts, whatever the language;
the other columns are read-only context that the reader ignores.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Literal

from ..labels import label
from ..plan.model import Direction, Indicator, Kind, Plan, Project
from ..plan.units import Registry, duties, lead_units, registry
from .sheets import Cell, Column

Role = Literal["lead", "responsible"]

# Headers of the columns the actuals reader reads back. Never translated.
ID, AS_OF, VALUE, REPORTER, NOTE = "指标编号", "截至日期", "累计完成", "填报单位", "备注"

# A unit entry meaning every town and street: 各镇街, 各镇街道, 各乡镇、街道, 城镇和街道 …
_ALL_TOWNS = re.compile(r"^(?:各|全区|所有)?(?:乡镇|城镇|镇)[、,，和及与/]?(?:街道|街)(?:办事处)?$")
# A town or street reporter: 新塘镇, 荔城街道, 荔城街.
_TOWN = re.compile(r"^.+(?:镇|乡|街道|街)$")
_SUFFIXES = ("人民政府", "办事处", "政府")


def normalize_unit(name: str) -> str:
    """`新塘镇人民政府 ` → `新塘镇`: no spaces, no 人民政府 / 办事处 suffix."""
    text = re.sub(r"\s+", "", name)
    for suffix in _SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            return text[: -len(suffix)]
    return text


def is_all_towns(entry: str) -> bool:
    return bool(_ALL_TOWNS.match(normalize_unit(entry)))


def is_town(reporter: str) -> bool:
    name = normalize_unit(reporter)
    return bool(_TOWN.match(name)) and not is_all_towns(name) and not name.startswith("区")


def role(project: Project, reporter: str) -> Role | None:
    """Whether `reporter` leads the project, shares it (责任单位), or neither.

    Units match by name after `normalize_unit`. A town or street (a name ending in 镇, 乡, 街道
    or 街) also matches an entry for all of them, such as 各镇街 or 各乡镇、街道.
    """
    name = normalize_unit(reporter)
    town = is_town(name)

    def matches(entry: str) -> bool:
        return normalize_unit(entry) == name or (town and is_all_towns(entry))

    if any(matches(u) for u in project.lead_units):
        return "lead"
    if any(matches(u) for u in project.responsible_units):
        return "responsible"
    return None


def plan_units(plan: Plan) -> list[str]:
    """Every lead or responsible unit the plan names, in order of appearance."""
    units = [u for p in plan.projects for u in [*p.lead_units, *p.responsible_units]]
    return list(dict.fromkeys(units))


class UnknownReporter(ValueError):
    """No indicator in scope is the reporter's; the message suggests near names or says where
    the unit does report."""

    def __init__(self, reporter: str, plan: Plan, project: int | None) -> None:
        from ..i18n import Join, Msg, say

        def did_you_mean(message: Msg, near: list[str]) -> Msg:
            return say("cmd.did-you-mean", message=message, near=Join((" 或 ", " or "), near)
                       ) if near else message

        scope = (say("template.scope-project", project=project) if project is not None
                 else say("template.scope-plan"))
        reg = registry(plan)
        unit = reg.resolve(reporter) if reg else None
        if reg and unit is None:
            super().__init__(did_you_mean(say("template.not-a-unit", reporter=repr(reporter)),
                                          reg.suggest(reporter)))
            return
        if reg:
            who = duties(plan)
            elsewhere = sorted({str(p.number) for p, i in plan.indicators()
                                if unit in who[i.id].units})
        else:
            elsewhere = [str(p.number) for p in plan.projects if role(p, reporter) is not None]
        near = difflib.get_close_matches(normalize_unit(reporter), plan_units(plan), n=3,
                                         cutoff=0.5)
        nothing = say("template.nothing", scope=scope, unit=unit or repr(reporter))
        if elsewhere:
            super().__init__(say("template.reports-in", message=nothing,
                                 projects=Join(("、", ", "), elsewhere)))
        elif unit is not None:  # a unit of the plan: no other name is meant
            leads = [str(p.number) for p in plan.projects
                     if unit in {reg.resolve(u) or u for u in lead_units(plan, p)}]
            super().__init__(say("template.leads-only", message=nothing, projects=Join(
                ("、", ", "), leads)) if leads else nothing)
        else:
            super().__init__(did_you_mean(nothing, near))


def default_as_of(plan: Plan, today: dt.date | None = None) -> dt.date:
    """Today, clipped into the plan year."""
    today = today or dt.date.today()
    return min(max(today, plan.start), plan.end)


def next_checkpoint(indicator: Indicator, as_of: dt.date) -> tuple[dt.date, float]:
    """The first checkpoint due on or after `as_of`; the final one when all are past."""
    ahead = [cp for cp in indicator.checkpoints if cp.due >= as_of]
    cp = ahead[0] if ahead else indicator.final
    return cp.due, cp.target


@dataclass(frozen=True)
class Form:
    columns: list[Column]
    rows: list[list[Cell]]
    year: int


def _columns(lang: str, with_role: bool, own: bool = False) -> list[Column]:
    def text(key: str) -> str:
        return label(key, lang)

    columns = [
        Column(ID, width=30, comment=text("template_comment_id")),
        Column("项目", width=22),
        Column("指标名称", width=36),
        Column("计量单位", width=9),
        Column("下一节点日期", kind="date", width=13),
        # a unit's own form shows its own share (任务分解): what is due by then, the year's task
        Column("本期应完成" if own else "下一节点目标", kind="number", width=12),
        Column("年度任务" if own else "年度目标", kind="number", width=10),
        Column("填报说明", width=24),
        Column(AS_OF, editable=True, kind="date", width=13,
               comment=text("template_comment_as_of")),
        Column(VALUE, editable=True, kind="number", width=12,
               comment=text("template_comment_value")),
        Column(REPORTER, editable=True, width=16, comment=text("template_comment_reporter")),
        Column(NOTE, editable=True, width=28),
        Column("牵头单位", width=22),
    ]
    return columns + [Column("职责", width=8)] if with_role else columns


def _how_to_fill(indicator: Indicator, lang: str) -> str:
    if indicator.kind is Kind.event:
        return label("template_fill_event", lang)
    if indicator.kind is Kind.rate:
        return label("template_fill_rate", lang)
    text = label("template_fill_quantity", lang)
    if indicator.direction is Direction.at_most:
        text += label("template_fill_at_most", lang)
    return text


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def build_form(plan: Plan, *, as_of: dt.date, reporter: str | None = None,
               project: int | None = None, lang: str = "zh", fill_as_of: bool = False) -> Form:
    """The form's rows: every indicator (of `project`) that `reporter` reports — with a registry
    of units, against its own share where it has one — or all. `fill_as_of` writes `as_of`
    into 截至日期.

    Raises UnknownReporter when no indicator in scope is the reporter's.
    """
    reg = registry(plan)
    unit = reg.resolve(reporter) if reg and reporter is not None else reporter
    if reg and reporter is not None and unit is None:
        raise UnknownReporter(reporter, plan, project)
    who = duties(plan) if reg else {}
    rows: list[list[Cell]] = []
    for proj, ind in plan.indicators():
        if project is not None and proj.number != project:
            continue
        if reg and unit is not None:
            if unit not in who[ind.id].units:
                continue
            duty = "total" if who[ind.id].mode == "total" else "share"
            points = _own_share(reg, ind, unit) if duty == "share" else None
        else:
            duty = role(proj, unit) if unit is not None else None  # type: ignore[assignment]
            if unit is not None and duty is None:
                continue
            points = None
        due, target, final = _targets(ind, as_of, points)
        row: list[Cell] = [
            ind.id, f"{proj.number} {proj.name.get(lang)}", ind.name.get(lang), ind.unit.get(lang),
            due, target, final, _how_to_fill(ind, lang),
            as_of if fill_as_of else None, None, unit, None, "、".join(lead_units(plan, proj)),
        ]
        if unit is not None:
            row.append(label(f"template_role_{duty}", lang))
        rows.append(row)
    if reporter is not None and not rows:
        raise UnknownReporter(reporter, plan, project)
    return Form(columns=_columns(lang, unit is not None, own=bool(reg) and unit is not None),
                rows=rows, year=plan.year)


def _own_share(reg: Registry, indicator: Indicator, unit: str) -> list[tuple[dt.date, float]]:
    """The unit's share checkpoints of a share-reported indicator ([] when not allocated)."""
    for name, points in (indicator.shares or {}).items():
        if reg.resolve(name) == unit:
            return [(cp.due, cp.target) for cp in points]
    return []


def _targets(indicator: Indicator, as_of: dt.date, points: list[tuple[dt.date, float]] | None
             ) -> tuple[dt.date | None, int | float | None, int | float | None]:
    """Next checkpoint (date, target) and the year's target: the district's, or the unit's own
    share (`points`; empty: no share allocated, the targets are left blank)."""
    if points is None:
        due, target = next_checkpoint(indicator, as_of)
        return due, _number(target), _number(indicator.final.target)
    if not points:
        return next_checkpoint(indicator, as_of)[0], None, None
    ahead = [p for p in points if p[0] >= as_of] or points[-1:]
    return ahead[0][0], _number(ahead[0][1]), _number(points[-1][1])


def form_bytes(form: Form, fmt: Literal["csv", "xlsx"], lang: str) -> bytes:
    """The form as a CSV (UTF-8 with BOM) or .xlsx file."""
    from .sheets import csv_bytes, xlsx_bytes

    if fmt == "csv":
        return csv_bytes(form.columns, form.rows)
    messages = {key: label(f"template_error_{key}", lang).format(year=form.year)
                for key in ("title", "date", "number")}
    return xlsx_bytes(form.columns, form.rows, sheet=label("template_sheet", lang),
                      date_range=(dt.date(form.year, 1, 1), dt.date(form.year, 12, 31)),
                      messages=messages)
