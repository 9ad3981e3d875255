"""Checks of a plan's meaning beyond types. Each check is a plain function yielding problems."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..i18n import say
from ..problems import Problem
from .findings import Check, Finding
from .model import Direction, Kind, Plan
from .yamlnodes import Located, Path


def _cp_path(p: int, i: int, c: int, *rest: str) -> Path:
    return ("projects", p, "indicators", i, "checkpoints", c, *rest)


def unique_projects(plan: Plan) -> Iterator[Finding]:
    seen: dict[int, int] = {}
    for p, project in enumerate(plan.projects):
        if project.number in seen:
            yield Finding("duplicate-project", say("check.duplicate-project", number=project.number,
                                                   first=seen[project.number]),
                          ("projects", p, "number"))
        seen.setdefault(project.number, p)


def unique_ids(plan: Plan) -> Iterator[Finding]:
    seen: dict[str, tuple[int, int]] = {}
    for p, project in enumerate(plan.projects):
        for i, ind in enumerate(project.indicators):
            if ind.id in seen:
                yield Finding("duplicate-id", say("check.duplicate-id", id=ind.id),
                              ("projects", p, "indicators", i, "id"))
            seen.setdefault(ind.id, (p, i))
            if ind.project_number != project.number:
                yield Finding("id-project-mismatch", say("check.id-project-mismatch", id=ind.id,
                                                         number=project.number),
                              ("projects", p, "indicators", i, "id"))


def dates(plan: Plan) -> Iterator[Finding]:
    for p, project in enumerate(plan.projects):
        for i, ind in enumerate(project.indicators):
            for c, cp in enumerate(ind.checkpoints):
                if not plan.start <= cp.due <= plan.end:
                    yield Finding("date-outside-year", say("check.date-outside-year", due=cp.due,
                                                           year=plan.year),
                                  _cp_path(p, i, c, "due"))
                if c and cp.due <= ind.checkpoints[c - 1].due:
                    yield Finding("dates-out-of-order", say("check.dates-out-of-order", due=cp.due,
                                                            before=ind.checkpoints[c - 1].due),
                                  _cp_path(p, i, c, "due"))


def targets(plan: Plan) -> Iterator[Finding]:
    for p, project in enumerate(plan.projects):
        for i, ind in enumerate(project.indicators):
            if ind.kind is Kind.event and len(ind.checkpoints) > 1:
                yield Finding("event-checkpoints", say("check.event-checkpoints", id=ind.id,
                                                       n=len(ind.checkpoints)),
                              ("projects", p, "indicators", i, "checkpoints"))
            for c, cp in enumerate(ind.checkpoints):
                here = _cp_path(p, i, c, "target")
                if ind.kind is Kind.event and cp.target != 1:
                    yield Finding("event-target", say("check.event-target", target=cp.target), here)
                if ind.kind is Kind.rate and not 0 <= cp.target <= 100:
                    yield Finding("rate-out-of-range", say("check.rate-out-of-range",
                                                           target=cp.target), here)
                before = ind.checkpoints[c - 1].target if c else 0.0
                cumulative = ind.kind is Kind.quantity and ind.direction is Direction.at_least
                if cumulative and cp.target < before:
                    yield Finding("target-decreasing", say("check.target-decreasing",
                                                           target=cp.target, before=before), here)


CHECKS: list[Check] = [unique_projects, unique_ids, dates, targets]

_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Text without any whitespace, for comparing quotes with the source document."""
    return _SPACE.sub("", text)


def sources(plan: Plan, document: str) -> Iterator[Finding]:
    doc = squeeze(document)
    for p, project in enumerate(plan.projects):
        for i, ind in enumerate(project.indicators):
            quoted: list[tuple[Path, str | None]] = [
                (("projects", p, "indicators", i, "overview_source"), ind.overview_source)]
            quoted += [(_cp_path(p, i, c, "source"), cp.source) for c, cp in enumerate(ind.checkpoints)]
            quoted += [(("projects", p, "indicators", i, "shares", unit, c, "source"), cp.source)
                       for unit, cps in (ind.shares or {}).items() for c, cp in enumerate(cps)]
            for path, quote in quoted:
                if quote is not None and squeeze(quote) not in doc:
                    yield Finding("source-not-found", say("check.source-not-found",
                                                          quote=quote[:40]), path)


def check_plan(plan: Plan, located: Located, file: str, source_text: str | None = None) -> list[Problem]:
    """Run every check and locate its findings in the YAML file."""
    from . import unit_checks

    findings = [f for check in [*CHECKS, *unit_checks.CHECKS] for f in check(plan)]
    if source_text is not None:
        findings += sources(plan, source_text)
    problems = []
    for f in findings:
        line, col = located.locate(f.path) or (None, None)
        problems.append(Problem(f.code, f.message, file, line, col, severity=f.severity))  # type: ignore[arg-type]
    return problems
