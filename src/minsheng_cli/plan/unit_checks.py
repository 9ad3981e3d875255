"""Checks of the units a plan names: every name resolves to one registered unit, and the task
shares (任务分解) fit who reports. Plain functions yielding findings, like checks.py."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .findings import Finding
from .model import Direction, Kind, Plan, ReportedBy, ShareCheckpoint
from .units import Registry, declared, duty, registry
from .yamlnodes import Path


def _unresolved(reg: Registry, name: str, what: str) -> str:
    near = reg.suggest(name)
    hint = f"; did you mean {' or '.join(near)}?" if near else "; add it to `units` (or as an alias)"
    return f"{what} {name!r} is not a unit of the plan's registry{hint}"


def aliases(plan: Plan) -> Iterator[Finding]:
    reg = registry(plan)
    for alias, first, second in reg.clashes:
        k = next(k for k, u in enumerate(plan.units) if u.name == second)
        yield Finding("alias-conflict", f"{alias!r} names two units, {first} and {second}; an "
                      "alias must name one unit: remove it from one of them", ("units", k))


def named_units(plan: Plan) -> Iterator[Finding]:
    """Lead and responsible units, and the units of `reported_by`, resolve (with a registry)."""
    reg = registry(plan)
    if not reg:
        return
    for p, project in enumerate(plan.projects):
        for field in ("lead_units", "responsible_units"):
            for j, name in enumerate(getattr(project, field)):
                if reg.resolve(name) is None:
                    yield Finding("unknown-unit", _unresolved(reg, name, field.replace("_", " ")[:-1]),
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
                    yield Finding("unknown-unit", _unresolved(reg, name, "reporter"),
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
                yield Finding("share-not-reporter", f"`{ind.id}` is reported as a district total "
                              f"by {declared(project, ind).total}; give it `reported_by: {{shares: "
                              "…}}` to allocate it to units", here)
                continue
            for name, checkpoints in ind.shares.items():
                unit = reg.resolve(name) if reg else name
                if unit is None:
                    yield Finding("unknown-unit", _unresolved(reg, name, "share of"),
                                  (*here, name))
                elif unit not in who.reporters:
                    yield Finding("share-not-reporter", f"{name} has a share of `{ind.id}` but "
                                  "is not one of the units that report it (`reported_by`)",
                                  (*here, name))
                yield from _share_checkpoints(plan, ind.kind, ind.direction, checkpoints,
                                              (*here, name))


def _share_checkpoints(plan: Plan, kind: Kind, direction: Direction,
                       checkpoints: list[ShareCheckpoint],
                       path: Path) -> Iterator[Finding]:
    for c, cp in enumerate(checkpoints):
        if not plan.start <= cp.due <= plan.end:
            yield Finding("date-outside-year", f"due date {cp.due} is outside the plan year "
                          f"{plan.year}", (*path, c, "due"))
        if c and cp.due <= checkpoints[c - 1].due:
            yield Finding("dates-out-of-order", f"due date {cp.due} is not after the previous "
                          f"share checkpoint's {checkpoints[c - 1].due}", (*path, c, "due"))
        before = checkpoints[c - 1].target if c else 0.0
        if kind is Kind.quantity and direction is Direction.at_least and cp.target < before:
            yield Finding("target-decreasing", f"cumulative share {cp.target:g} is below the "
                          f"previous one's {before:g}", (*path, c, "target"))


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
                    yield Finding("shares-mismatch", f"the shares of {len(ind.shares)} units add "
                                  f"up to {total:g} by {cp.due}, but `{ind.id}`'s target then is "
                                  f"{cp.target:g}", ("projects", p, "indicators", i,
                                                     "checkpoints", c, "target"), "warning")


CHECKS = [aliases, named_units, shares]
