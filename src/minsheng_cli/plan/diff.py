"""What changed between two versions of a plan: indicators and checkpoints added, removed, changed.

Indicators are matched by id. Within an indicator, checkpoints are matched first by due date (the
same date is the same checkpoint; its target may have changed), then the checkpoints left over on
both sides are paired in order (a moved date: matched by position); whatever is still left over
was added or removed. Every change says how its checkpoint was matched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, replace
from enum import Enum
from typing import Literal

from .model import Checkpoint, Indicator, Plan, Text
from .yamlnodes import Located, Path

ChangeKind = Literal["added", "removed", "changed"]
Scope = Literal["plan", "indicator", "checkpoint"]
Value = str | int | float | None
Match = Literal["date", "position"]

PLAN_FIELDS = ("year", "issuer", "title", "issued")
INDICATOR_FIELDS = ("kind", "pace", "unit", "direction", "combine", "overview_target")


@dataclass(frozen=True)
class Change:
    """One difference. `old`/`new` are the field's values (a name for a whole indicator)."""

    change: ChangeKind
    scope: Scope
    indicator: str | None
    field: str | None
    old: Value
    new: Value
    due: dt.date | None  # the checkpoint's due date: in the new plan, or the old one if removed
    matched_by: Match | None
    old_line: int | None = None
    new_line: int | None = None

    def to_dict(self) -> dict[str, object]:
        out = asdict(self)
        out["due"] = self.due.isoformat() if self.due else None
        return out


@dataclass(frozen=True)
class _Where:
    old: Path | None
    new: Path | None


def _value(value: object) -> Value:
    """A field's value as JSON shows it: enums by name, dates ISO, labels in Chinese, 70.0 as 70."""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Text):
        return value.zh
    return str(value)


def _positions(plan: Plan) -> dict[str, Path]:
    return {ind.id: ("projects", p, "indicators", i)
            for p, project in enumerate(plan.projects) for i, ind in enumerate(project.indicators)}


def _pair_checkpoints(old: list[Checkpoint], new: list[Checkpoint]
                      ) -> list[tuple[int | None, int | None, Match | None]]:
    """(old index, new index, how matched); None on one side for an added or removed checkpoint."""
    new_by_due = {cp.due: n for n, cp in enumerate(new)}
    pairs: list[tuple[int | None, int | None, Match | None]] = []
    left_old, taken = [], set()
    for o, cp in enumerate(old):
        n = new_by_due.get(cp.due)
        if n is not None and n not in taken:
            pairs.append((o, n, "date"))
            taken.add(n)
        else:
            left_old.append(o)
    left_new = [n for n in range(len(new)) if n not in taken]
    for k in range(max(len(left_old), len(left_new))):
        o2 = left_old[k] if k < len(left_old) else None
        n2 = left_new[k] if k < len(left_new) else None
        pairs.append((o2, n2, "position" if o2 is not None and n2 is not None else None))
    return pairs


def _checkpoint_changes(ind_id: str, old: Indicator, new: Indicator, old_at: Path, new_at: Path
                        ) -> list[tuple[Change, _Where]]:
    out: list[tuple[Change, _Where]] = []
    for o, n, how in _pair_checkpoints(old.checkpoints, new.checkpoints):
        if o is not None and n is not None:
            before, after = old.checkpoints[o], new.checkpoints[n]
            for field in ("due", "target"):
                a, b = _value(getattr(before, field)), _value(getattr(after, field))
                if a != b:
                    change = Change("changed", "checkpoint", ind_id, field, a, b, after.due, how)
                    out.append((change, _Where((*old_at, "checkpoints", o, field),
                                               (*new_at, "checkpoints", n, field))))
        elif o is not None:
            cp = old.checkpoints[o]
            out.append((Change("removed", "checkpoint", ind_id, "target", _value(cp.target), None,
                               cp.due, None), _Where((*old_at, "checkpoints", o), None)))
        elif n is not None:
            cp = new.checkpoints[n]
            out.append((Change("added", "checkpoint", ind_id, "target", None, _value(cp.target),
                               cp.due, None), _Where(None, (*new_at, "checkpoints", n))))
    return out


def _field_changes(scope: Scope, ind_id: str | None, old: object, new: object,
                   fields: tuple[str, ...], old_at: Path, new_at: Path
                   ) -> list[tuple[Change, _Where]]:
    out = []
    for field in fields:
        a, b = _value(getattr(old, field)), _value(getattr(new, field))
        if a != b:
            out.append((Change("changed", scope, ind_id, field, a, b, None, None),
                        _Where((*old_at, field), (*new_at, field))))
    return out


def diff_plans(old: Plan, new: Plan, old_located: Located | None = None,
               new_located: Located | None = None) -> list[Change]:
    """Every change from `old` to `new`; with the located YAML, each carries its line numbers."""
    changes = _field_changes("plan", None, old, new, PLAN_FIELDS, (), ())
    old_pos, new_pos = _positions(old), _positions(new)
    old_ind = {ind.id: ind for _, ind in old.indicators()}
    new_ind = {ind.id: ind for _, ind in new.indicators()}
    order = list(new_ind) + [i for i in old_ind if i not in new_ind]
    for ind_id in order:
        if ind_id not in old_ind:
            name = new_ind[ind_id].name.zh
            changes.append((Change("added", "indicator", ind_id, None, None, name, None, None),
                            _Where(None, new_pos[ind_id])))
        elif ind_id not in new_ind:
            name = old_ind[ind_id].name.zh
            changes.append((Change("removed", "indicator", ind_id, None, name, None, None, None),
                            _Where(old_pos[ind_id], None)))
        else:
            a, b = old_ind[ind_id], new_ind[ind_id]
            changes += _field_changes("indicator", ind_id, a, b, ("name", *INDICATOR_FIELDS),
                                      old_pos[ind_id], new_pos[ind_id])
            changes += _checkpoint_changes(ind_id, a, b, old_pos[ind_id], new_pos[ind_id])
    return [_with_lines(change, where, old_located, new_located) for change, where in changes]


def _with_lines(change: Change, where: _Where, old_at: Located | None, new_at: Located | None
                ) -> Change:
    def line(located: Located | None, path: Path | None) -> int | None:
        if located is None or path is None:
            return None
        pos = located.locate(path)
        return pos[0] if pos else None

    return replace(change, old_line=line(old_at, where.old), new_line=line(new_at, where.new))


def summary(changes: list[Change]) -> dict[str, int]:
    """How many indicators and checkpoints were added, removed and changed (a checkpoint or
    indicator with several changed fields counts once)."""
    counts: dict[str, int] = {}
    for scope in ("indicator", "checkpoint"):
        for kind in ("added", "removed", "changed"):
            found = {(c.indicator, c.due if scope == "checkpoint" else None)
                     for c in changes if c.scope == scope and c.change == kind}
            counts[f"{scope}s_{kind}"] = len(found)
    counts["plan_fields_changed"] = sum(c.scope == "plan" for c in changes)
    return counts
