"""Checks of the units a plan names: every name resolves to one registered unit, and the task
shares (任务分解) fit who reports. Plain functions yielding findings, like checks.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..i18n import Join, Msg, say
from .findings import Finding
from .model import Direction, Kind, Plan, ReportedBy, ShareCheckpoint
from .units import Registry, declared, duty, registry
from .yamlnodes import Path


def _unresolved(reg: Registry, name: str, what: str) -> Msg:
    """`what` is a key: units-check.lead-unit, .responsible-unit, .reporter or .share-of."""
    near, quoted = reg.suggest(name), _quoted(name)
    if near:
        return say("units-check.unresolved-near", what=say(what), name=quoted,
                   near=Join(("或", " or "), near))
    return say("units-check.unresolved", what=say(what), name=quoted)


def _quoted(name: str) -> Msg:
    """A name as the plan writes it: “新塘” in Chinese, '新塘' (its repr) in English."""
    return say("units-check.quoted", name=name)


def aliases(plan: Plan) -> Iterator[Finding]:
    reg = registry(plan)
    for alias, first, second in reg.clashes:
        k = next(k for k, u in enumerate(plan.units) if u.name == second)
        yield Finding("alias-conflict", say("units-check.alias-conflict", alias=_quoted(alias),
                                            first=first, second=second), ("units", k))


def named_units(plan: Plan) -> Iterator[Finding]:
    """Lead and responsible units, and the units of `reported_by`, resolve (with a registry)."""
    reg = registry(plan)
    if not reg:
        return
    for p, project in enumerate(plan.projects):
        for field in ("lead_units", "responsible_units"):
            for j, name in enumerate(getattr(project, field)):
                if reg.resolve(name) is None:
                    what = "units-check." + field.replace("_", "-")[:-1]  # lead_units → lead-unit
                    yield Finding("unknown-unit", _unresolved(reg, name, what),
                                  ("projects", p, field, j))
        where: list[tuple[Path, ReportedBy | None]] = [(("projects", p), project.reported_by)]
        where += [(("projects", p, "indicators", i), ind.reported_by)
                  for i, ind in enumerate(project.indicators)]
        for path, given in where:
            if given is None:
                continue
            named: list[tuple[Path, str]] = [(("total",), given.total)] if given.total else []
            if isinstance(given.shares, list):
                named += [(("shares", j), name) for j, name in enumerate(given.shares)]
            for sub, name in named:
                if reg.resolve(name) is None:
                    yield Finding("unknown-unit", _unresolved(reg, name, "units-check.reporter"),
                                  (*path, "reported_by", *sub))


def shares(plan: Plan) -> Iterator[Finding]:
    """Shares belong to units that report shares of the indicator; their dates lie in the plan
    year in order, and a cumulative share never goes down."""
    reg = registry(plan)
    for p, project in enumerate(plan.projects):
        for i, ind in enumerate(project.indicators):
            if not ind.shares:
                continue
            here = ("projects", p, "indicators", i, "shares")
            who = duty(reg, project, ind)
            if who.mode != "shares":
                yield Finding("share-not-reporter", say("units-check.district-total", id=ind.id,
                                                        total=declared(project, ind).total), here)
                continue
            for name, checkpoints in ind.shares.items():
                unit = reg.resolve(name) if reg else name
                if unit is None:
                    yield Finding("unknown-unit", _unresolved(reg, name, "units-check.share-of"),
                                  (*here, name))
                elif unit not in who.reporters:
                    yield Finding("share-not-reporter", say("units-check.not-reporter", name=name,
                                                            id=ind.id), (*here, name))
                yield from _share_checkpoints(plan, ind.kind, ind.direction, checkpoints,
                                              (*here, name))


def _share_checkpoints(plan: Plan, kind: Kind, direction: Direction,
                       checkpoints: list[ShareCheckpoint],
                       path: Path) -> Iterator[Finding]:
    for c, cp in enumerate(checkpoints):
        if not plan.start <= cp.due <= plan.end:
            yield Finding("date-outside-year", say("check.date-outside-year", due=cp.due,
                                                   year=plan.year), (*path, c, "due"))
        if c and cp.due <= checkpoints[c - 1].due:
            yield Finding("dates-out-of-order", say("units-check.share-dates-out-of-order",
                                                    due=cp.due, before=checkpoints[c - 1].due),
                          (*path, c, "due"))
        before = checkpoints[c - 1].target if c else 0.0
        if kind is Kind.quantity and direction is Direction.at_least and cp.target < before:
            yield Finding("target-decreasing", say("units-check.share-decreasing",
                                                   target=cp.target, before=before),
                          (*path, c, "target"))


def share_at(checkpoints: list[ShareCheckpoint], when: dt.date) -> float:
    """A unit's cumulative share in force at a date: its latest share due by then (0 before)."""
    due = [cp.target for cp in checkpoints if cp.due <= when]
    return due[-1] if due else 0.0


def share_sums(plan: Plan) -> Iterator[Finding]:
    """Audit: at each district checkpoint of a summed indicator, the units' shares in force add
    up to its target."""
    for p, project in enumerate(plan.projects):
        for i, ind in enumerate(project.indicators):
            if not ind.shares or ind.kind is not Kind.quantity:
                continue
            for c, cp in enumerate(ind.checkpoints):
                total = sum(share_at(cps, cp.due) for cps in ind.shares.values())
                if abs(total - cp.target) > 1e-9 * max(abs(cp.target), 1.0):
                    yield Finding("shares-mismatch", say("units-check.shares-mismatch",
                                                         n=len(ind.shares), total=total, due=cp.due,
                                                         id=ind.id, target=cp.target),
                                  ("projects", p, "indicators", i, "checkpoints", c, "target"),
                                  "warning")


CHECKS = [aliases, named_units, shares]
