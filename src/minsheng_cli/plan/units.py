"""Who answers for what: the registry of units with their aliases, and who reports each indicator.

One resolver for every command: a name as people write it (`新塘镇人民政府`, `荔城街道办事处`,
`区卫生局`, the plan text's `历城街道`, with any full-width form or stray space) → the unit's
canonical name. No I/O.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from .model import TOWNS, Indicator, Plan, Project, ReportedBy, Unit, UnitKind

# Forms around a unit's name that do not change which unit it is.
_PREFIXES = ("广州市增城区", "增城区", "广州市")
_SUFFIXES = ("人民政府", "政府", "办事处", "街道办", "办")
_INVISIBLE = re.compile("[\\s\u200b-\u200f\u2060\ufeff\u00ad]+")


def unit_key(name: str) -> str:
    """A name compared as people mean it: full-width forms folded (NFKC), spaces and invisible
    characters removed."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", name))


def _forms(key: str) -> list[str]:
    """`key`, then the forms left when the usual prefixes and suffixes are taken off."""
    forms = [key]
    for prefix in _PREFIXES:
        if key.startswith(prefix) and len(key) > len(prefix) + 1:
            rest = key[len(prefix):]
            forms += [rest, "区" + rest]
    for form in list(forms):
        for suffix in _SUFFIXES:
            if form.endswith(suffix) and len(form) > len(suffix) + 1:
                stem = form[: -len(suffix)]
                forms += [stem, stem + "街道"] if suffix in {"街道办", "办"} else [stem]
    return list(dict.fromkeys(forms))


@dataclass(frozen=True)
class Duty:
    """Who reports one indicator: `total` (one unit, the district figure) or `shares` (each unit
    its own part, summed)."""

    mode: str  # "total" | "shares"
    units: tuple[str, ...]  # canonical names

    @property
    def reporters(self) -> frozenset[str]:
        return frozenset(self.units)


class Registry:
    """The plan's units, looked up by any of their names."""

    def __init__(self, units: list[Unit]) -> None:
        self.units = {u.name: u for u in units}
        self.index: dict[str, str] = {}
        self.clashes: list[tuple[str, str, str]] = []  # (alias, first unit, second unit)
        for unit in units:
            for name in (unit.name, *unit.aliases):
                key = unit_key(name)
                known = self.index.setdefault(key, unit.name)
                if known != unit.name:
                    self.clashes.append((name, known, unit.name))

    def __bool__(self) -> bool:
        return bool(self.units)

    def resolve(self, name: str) -> str | None:
        """The canonical name of the unit `name` means, or None."""
        for form in _forms(unit_key(name)):
            if (found := self.index.get(form)) is not None:
                return found
        return None

    def kind(self, name: str) -> UnitKind | None:
        unit = self.units.get(name)
        return unit.kind if unit else None

    @cached_property
    def towns(self) -> tuple[str, ...]:
        """Every town and street, in registry order."""
        return tuple(u.name for u in self.units.values() if u.kind is UnitKind.town)

    def expand(self, names: list[str]) -> list[str]:
        """Canonical names of `names`, a group (各镇街) standing for every town; unresolved names
        are left out (validate reports them)."""
        out: list[str] = []
        for name in names:
            found = self.resolve(name)
            if found is None:
                continue
            out += list(self.towns) if self.units[found].kind is UnitKind.group else [found]
        return list(dict.fromkeys(out))

    def suggest(self, name: str, n: int = 3) -> list[str]:
        """The canonical names closest to `name`, for a did-you-mean."""
        key = unit_key(name)
        if len(key) > 60:
            return []
        close = difflib.get_close_matches(key, list(self.index), n=n * 3, cutoff=0.5)
        return list(dict.fromkeys(self.index[c] for c in close))[:n]


def registry(plan: Plan) -> Registry:
    return Registry(plan.units)


def lead_units(plan: Plan, project: Project) -> list[str]:
    """The project's lead units by their registry names: the plan quotes the text as it is
    (区政治局, a garble of 区政务服务数据管理局, is an alias in the registry), but a bulletin names
    units that exist. Names the registry does not know are kept as written."""
    reg = registry(plan)
    if not reg:
        return list(project.lead_units)
    return list(dict.fromkeys(reg.resolve(u) or u for u in project.lead_units))


def answerable(plan: Plan, project: Project, indicator: Indicator,
               who: dict[str, Duty] | None = None) -> list[str]:
    """The lead units that answer for one indicator: those of the project's lead units that
    report its district total (电梯首次无纸化维保: 区市场监督管理局, not also 区公安局, the
    project's other lead unit); all of them where none does, or towns report shares. `who`:
    duties(plan), when the caller has it (it is the plan's every indicator)."""
    leads = lead_units(plan, project)
    duty = (who if who is not None else duties(plan)).get(indicator.id)
    own = [u for u in leads if duty is not None and duty.mode == "total" and u in duty.units]
    return own or leads


def declared(project: Project, indicator: Indicator) -> ReportedBy:
    """The indicator's `reported_by`, else its project's, else the first lead unit's total."""
    return (indicator.reported_by or project.reported_by
            or ReportedBy(total=project.lead_units[0]))


def duty(reg: Registry, project: Project, indicator: Indicator) -> Duty:
    """Who reports `indicator`, in canonical names (unresolvable names kept as written)."""
    given = declared(project, indicator)
    if given.total is not None:
        return Duty("total", (reg.resolve(given.total) or given.total,))
    if given.shares == TOWNS:
        return Duty("shares", reg.towns)
    names = [reg.resolve(n) or n for n in (given.shares or [])]
    return Duty("shares", tuple(dict.fromkeys(names)))


def duties(plan: Plan) -> dict[str, Duty]:
    """indicator id → who reports it."""
    reg = registry(plan)
    return {ind.id: duty(reg, proj, ind) for proj, ind in plan.indicators()}
