"""Allocation files (任务分解): the units' own shares of indicators, issued after the plan.

An allocation file is validated like a plan (located problems) and applied on top of it: for each
indicator it names, its `reported_by` (if given) and its units' shares replace the plan's.

    allocation: 新能源汽车充电桩建设任务分解
    plan_year: 2023
    indicators:
      p10.charging_piles:
        reported_by: {shares: towns}
        shares:
          新塘镇: [{due: 2023-03, target: 12}, …]
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationError

from ..i18n import say
from ..problems import Problem, errors
from . import yamlnodes
from .findings import Finding
from .model import NonEmpty, Plan, ReportedBy, ShareCheckpoint, _Strict
from .yamlnodes import Located


class IndicatorShares(_Strict):
    reported_by: ReportedBy | None = None
    shares: dict[NonEmpty, Annotated[list[ShareCheckpoint], Field(min_length=1)]]


class Allocation(_Strict):
    allocation: NonEmpty = Field(description="The allocation's title.")
    plan_year: Annotated[int, Field(ge=2000, le=2100)]
    source: str | None = None
    note: str | None = None
    indicators: Annotated[dict[NonEmpty, IndicatorShares], Field(min_length=1)]


def apply(plan: Plan, allocation: Allocation) -> Plan:
    """The plan with the allocation's reporters and shares in place of its own."""
    projects = []
    for project in plan.projects:
        indicators = []
        for ind in project.indicators:
            given = allocation.indicators.get(ind.id)
            if given is not None:
                shares = {**(ind.shares or {}), **given.shares}
                ind = ind.model_copy(update={"shares": shares,
                                             "reported_by": given.reported_by or ind.reported_by})
            indicators.append(ind)
        projects.append(project.model_copy(update={"indicators": indicators}))
    return plan.model_copy(update={"projects": projects})


def load_allocation(plan: Plan, path: Path) -> tuple[Plan | None, list[Problem]]:
    """The plan with the allocation at `path` applied, or None and every problem, located in
    the allocation file."""
    from .load import located_errors, read_text
    from .unit_checks import CHECKS

    file = str(path)
    text, problems = read_text(path)
    if text is None:
        return None, problems
    located, problems = yamlnodes.load(text, file)
    if located is None:
        return None, problems
    try:
        allocation = Allocation.model_validate(located.data)
    except ValidationError as exc:
        return None, problems + located_errors(exc, located, file)
    known = {ind.id for _, ind in plan.indicators()}
    findings = [Finding("unknown-indicator", say("alloc.unknown-indicator", key=key, year=plan.year),
                        ("indicators", key))
                for key in allocation.indicators if key not in known]
    if allocation.plan_year != plan.year:
        findings.append(Finding("date-outside-year", say("alloc.other-year",
                                                         allocation=allocation.plan_year,
                                                         plan=plan.year), ("plan_year",)))
    merged = apply(plan, allocation)
    ids = {(p, i): ind.id for p, proj in enumerate(merged.projects)
           for i, ind in enumerate(proj.indicators)}
    for check in CHECKS:
        for f in check(merged):
            if f.path[:1] == ("projects",) and len(f.path) > 4 and f.path[2] == "indicators":
                ind_id = ids[(int(f.path[1]), int(f.path[3]))]
                if ind_id in allocation.indicators and f.path[4] in {"shares", "reported_by"}:
                    findings.append(Finding(f.code, f.message, ("indicators", ind_id, *f.path[4:]),
                                            f.severity))
    problems += [_locate(f, located, file) for f in findings]
    return (None if errors(problems) else merged), problems


def _locate(f: Finding, located: Located, file: str) -> Problem:
    line, col = located.locate(f.path) or (None, None)
    return Problem(f.code, f.message, file, line, col, severity=f.severity)  # type: ignore[arg-type]
