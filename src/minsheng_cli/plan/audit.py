"""Audit a valid plan for internal consistency: does the text agree with itself?

Validation asks whether a plan file is well formed; the audit asks whether what it encodes adds up:
the overview's figure against the last checkpoint, each period's quoted amount against the
cumulative targets, named items against counts, units against the quotes, dates against the plan's
issue date and the monthly bulletin. Each check is a plain function yielding warnings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Self

from ..i18n import Join, Msg, current_lang, say
from ..problems import Problem
from .checks import squeeze
from .findings import Check, Finding
from .model import DEFAULT_BULLETIN_MONTH, Checkpoint, Direction, Indicator, Kind, Plan, Project
from .unit_checks import share_sums
from .yamlnodes import Located, Path

# The first bulletin month of a plan without `bulletins:` (the 2023 text: "7月起,每月通报");
# a plan that has it is read through Plan.first_bulletin_month.
BULLETIN_START_MONTH = DEFAULT_BULLETIN_MONTH

# Measure words that may stand for one another. 个 is the general classifier: it fits any unit.
_SYNONYMS = [frozenset({"人", "名", "位"})]


# ---------------------------------------------------------------- the figures a quote states

_FIGURE = re.compile(
    r"(?P<pre>不少于|至少|不低于|超过|不超过|不高于|约)?"
    r"(?:(?P<num>\d+(?:\.\d+)?)|(?P<cn>[一二两三四五六七八九十])(?=[类次项个场所]))"
    r"(?P<wan>万)?(?P<more>多|余)?"
    r"(?P<unit>公里|批次|平方米|千米|万元|%|[个名人户场所次项类家批部台套处级座条间辆张份件支栋位株棵米亩元])?"
    r"(?P<post>以上|以下)?")
_CHINESE = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
            "十": 10}


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


@dataclass(frozen=True)
class Figure:
    """A figure as the text writes it: "14000多名", "不少于2000批次", "1.64万"."""

    value: float
    text: str
    unit: str | None
    low: float  # the values the wording allows: low ≤ x ≤ high (x < high when `open_high`)
    high: float
    open_high: bool = False

    def allows(self, value: float) -> bool:
        if value < self.low and not close(value, self.low):
            return False
        if self.open_high:
            return value < self.high and not close(value, self.high)
        return value <= self.high or close(value, self.high)

    def meaning(self) -> Msg:
        if self.open_high:
            return say("audit.means.range", low=self.low, high=self.high)
        if self.low == self.high:
            return say("audit.means.exactly", value=self.value)
        if self.high == float("inf"):
            return say("audit.means.at-least", low=self.low)
        if self.low == 0:
            return say("audit.means.at-most", high=self.high)
        return say("audit.means.about", value=self.value, low=self.low, high=self.high)


def _step(number: str) -> float:
    """The place of the last significant digit: 14000 → 1000, 1.64 → 0.01, 8 → 1."""
    whole, _, frac = number.partition(".")
    if frac.rstrip("0"):
        return 10.0 ** -len(frac.rstrip("0"))
    return 10.0 ** (len(whole) - len(whole.rstrip("0"))) if whole.strip("0") else 1.0


def figures(text: str) -> list[Figure]:
    """Every figure with a unit (or 万) in `text`; years, months and bare numbers are left out."""
    found = []
    for m in _FIGURE.finditer(text):
        if not (m["num"] or m["cn"]) or not (m["unit"] or m["wan"]):
            continue
        scale = 10000.0 if m["wan"] else 1.0
        value = (float(m["num"]) if m["num"] else _CHINESE[m["cn"]]) * scale
        low, high, open_high = value, value, False
        if m["more"]:  # 14000多: 14000 to under 15000
            high, open_high = value + _step(m["num"] or "1") * scale, True
        elif m["pre"] in ("不少于", "至少", "不低于", "超过") or m["post"] == "以上":
            high = float("inf")
        elif m["pre"] in ("不超过", "不高于") or m["post"] == "以下":
            low = 0.0
        elif m["pre"] == "约":
            low, high = value * 0.95, value * 1.05
        found.append(Figure(value, m[0], m["unit"], low, high, open_high))
    return found


# ---------------------------------------------------------------- the checks

def _indicators(plan: Plan) -> Iterator[tuple[int, int, Project, Indicator]]:
    for p, project in enumerate(plan.projects):
        for i, ind in enumerate(project.indicators):
            yield p, i, project, ind


def _ind_path(p: int, i: int, *rest: str | int) -> Path:
    return ("projects", p, "indicators", i, *rest)


def _cp_path(p: int, i: int, c: int, *rest: str | int) -> Path:
    return ("projects", p, "indicators", i, "checkpoints", c, *rest)


def _previous(ind: Indicator, c: int) -> float:
    return ind.checkpoints[c - 1].target if c else 0.0


def _amounts(ind: Indicator, c: int) -> list[float]:
    """What a checkpoint's quote may state: its cumulative target, or this period's amount."""
    target = ind.checkpoints[c].target
    if ind.kind is Kind.quantity:
        return [target, target - _previous(ind, c)]
    return [target]


def _matching(figs: Iterable[Figure], amounts: list[float]) -> Figure | None:
    return next((f for f in figs if any(close(f.value, a) for a in amounts)), None)


def overview_figures(plan: Plan) -> Iterator[Finding]:
    """The overview's figure (`overview_target`) against the last checkpoint's target."""
    for p, i, _, ind in _indicators(plan):
        if ind.overview_target is None or close(ind.overview_target, ind.final.target):
            continue
        overview, final, unit = ind.overview_target, ind.final.target, ind.unit.zh
        stated = _matching(figures(ind.overview_source or ""), [overview])
        diff = final - overview
        change = Join(("，", ", "), [f"{diff:+g}", *([f"{diff / overview:+.1%}"] if overview
                                                     else [])])
        if stated is None:
            wording = say("audit.overview.unclear")
        elif stated.allows(final):
            wording = say("audit.overview.allows", text=stated.text, meaning=stated.meaning())
        else:
            wording = say("audit.overview.contradicts", text=stated.text, meaning=stated.meaning())
        yield Finding("overview-mismatch", say("audit.overview-mismatch", id=ind.id,
                                               overview=overview, unit=unit, due=ind.final.due,
                                               final=final, change=change, wording=wording),
                      _ind_path(p, i, "overview_target"), "warning")


def phase_amounts(plan: Plan) -> Iterator[Finding]:
    """Each checkpoint's target is the amount its quote states, for the period or in total."""
    for p, i, _, ind in _indicators(plan):
        if ind.kind is Kind.event:
            continue
        for c, cp in enumerate(ind.checkpoints):
            figs = figures(cp.source)
            amounts = _amounts(ind, c)
            if not figs or _matching(figs, amounts) is not None:
                continue
            stated = Join(("、", ", "), [f"“{f.text}”" for f in figs])
            period = say("audit.phase.period", amount=amounts[1]) if len(amounts) > 1 else ""
            yield Finding("phase-amount-mismatch", say("audit.phase-amount-mismatch", id=ind.id,
                                                       due=cp.due, stated=stated, target=cp.target,
                                                       period=period),
                          _cp_path(p, i, c, "target"), "warning")


def flat_targets(plan: Plan) -> Iterator[Finding]:
    """A cumulative target that asks for nothing more than the checkpoint before it."""
    for p, i, _, ind in _indicators(plan):
        if ind.kind is not Kind.quantity or ind.direction is not Direction.at_least:
            continue
        for c in range(1, len(ind.checkpoints)):
            cp, before = ind.checkpoints[c], ind.checkpoints[c - 1]
            if close(cp.target, before.target):
                yield Finding("target-flat", say("audit.target-flat", id=ind.id, due=cp.due,
                                                 target=cp.target, before=before.due),
                              _cp_path(p, i, c, "target"), "warning")


def item_counts(plan: Plan) -> Iterator[Finding]:
    """A checkpoint's named items are as many as its period's amount (or its cumulative target)."""
    for p, i, _, ind in _indicators(plan):
        for c, cp in enumerate(ind.checkpoints):
            if cp.items is None:
                continue
            amounts = _amounts(ind, c)
            if not any(close(len(cp.items), a) for a in amounts):
                expected = Join(("或", " or "), [f"{a:g}" for a in dict.fromkeys(amounts)])
                yield Finding("items-count-mismatch", say("audit.items-count-mismatch", id=ind.id,
                                                          due=cp.due, n=len(cp.items),
                                                          expected=expected),
                              _cp_path(p, i, c, "items"), "warning")


def repeated_items(plan: Plan) -> Iterator[Finding]:
    """The same item named twice in one indicator: counted twice, or listed twice by mistake."""
    for p, i, _, ind in _indicators(plan):
        first: dict[str, Checkpoint] = {}
        for c, cp in enumerate(ind.checkpoints):
            for k, item in enumerate(cp.items or []):
                if item in first:
                    earlier = first[item]
                    where = (say("audit.repeated.same-list") if earlier is cp
                             else say("audit.repeated.for", due=earlier.due))
                    yield Finding("item-repeated", say("audit.item-repeated", id=ind.id, due=cp.due,
                                                       item=item, where=where),
                                  _cp_path(p, i, c, "items", k), "warning")
                first.setdefault(item, cp)


def items_in_source(plan: Plan) -> Iterator[Finding]:
    """Every named item appears in its checkpoint's quote."""
    for p, i, _, ind in _indicators(plan):
        for c, cp in enumerate(ind.checkpoints):
            quote = squeeze(cp.source)
            for k, item in enumerate(cp.items or []):
                if squeeze(item) not in quote:
                    yield Finding("item-not-in-source", say("audit.item-not-in-source", id=ind.id,
                                                            due=cp.due, item=item),
                                  _cp_path(p, i, c, "items", k), "warning")


def _units_agree(written: str, unit: str) -> bool:
    if "个" in (written, unit) or unit.startswith(written) or written.startswith(unit):
        return True  # 个 fits anything; 批 is 批次
    return any(written in group and unit in group for group in _SYNONYMS)


def units(plan: Plan) -> Iterator[Finding]:
    """Rates are in %, nothing else is; a quoted figure's measure word is the indicator's unit."""
    for p, i, _, ind in _indicators(plan):
        unit = ind.unit.zh
        if (ind.kind is Kind.rate) != (unit == "%"):
            expected = (say("audit.units.rate") if ind.kind is Kind.rate
                        else say("audit.units.not-rate", kind=ind.kind.value))
            yield Finding("unit-kind-mismatch", say("audit.unit-kind-mismatch", id=ind.id,
                                                    unit=unit, expected=expected),
                          _ind_path(p, i, "unit"), "warning")
            continue
        if ind.kind is Kind.event:
            continue
        quoted: list[tuple[Path, Figure | None]] = [
            (_cp_path(p, i, c, "source"), _matching(figures(cp.source), _amounts(ind, c)))
            for c, cp in enumerate(ind.checkpoints)]
        if ind.overview_target is not None:
            quoted.append((_ind_path(p, i, "overview_source"),
                           _matching(figures(ind.overview_source or ""), [ind.overview_target])))
        for path, fig in quoted:
            if fig is not None and fig.unit and not _units_agree(fig.unit, unit):
                yield Finding("unit-mismatch", say("audit.unit-mismatch", id=ind.id, text=fig.text,
                                                   written=fig.unit, unit=unit), path, "warning")


def issue_date(plan: Plan) -> Iterator[Finding]:
    """An indicator whose whole target fell due before the plan was issued."""
    for p, i, _, ind in _indicators(plan):
        if ind.final.due < plan.issued:
            what = (say("audit.issue.milestone") if ind.kind is Kind.event
                    else say("audit.issue.whole", target=ind.final.target))
            yield Finding("due-before-issue", say("audit.due-before-issue", id=ind.id, what=what,
                                                  due=ind.final.due, issued=plan.issued),
                          _cp_path(p, i, len(ind.checkpoints) - 1, "due"), "warning")


def bulletin_gaps(plan: Plan) -> Iterator[Finding]:
    """A quantity whose first checkpoint comes after the monthly bulletin has started."""
    start = dt.date(plan.year, plan.first_bulletin_month, 1)
    for p, i, _, ind in _indicators(plan):
        first = ind.checkpoints[0]
        if ind.kind is not Kind.quantity or first.due.replace(day=1) <= start:
            continue
        before = first.due.replace(day=1) - dt.timedelta(days=1)
        span: str = (say("audit.span", start=f"{start:%Y-%m}", end=f"{before:%Y-%m}")
                     if before.month != start.month else f"{start:%Y-%m}")
        yield Finding("first-checkpoint-late", say("audit.first-checkpoint-late", id=ind.id,
                                                   due=first.due, span=span),
                      _cp_path(p, i, 0, "due"), "warning")


class _Reading(Msg):
    """A checkpoint's `due_reading` as a message parameter: plan data, in the plan's two texts
    (`{zh, en}`), or one text shown as it is in both languages."""

    zh: str
    en: str

    def __new__(cls, zh: str, en: str) -> Self:
        self = str.__new__(cls, en)
        self.key, self.params, self.zh, self.en = "", {}, zh, en
        return self

    def text(self, lang: str | None = None) -> str:
        return self.en if (lang or current_lang()) == "en" else self.zh

    def __reduce__(self) -> tuple[type[_Reading], tuple[str, str]]:  # type: ignore[override]
        return _Reading, (self.zh, self.en)


def due_readings(plan: Plan) -> Iterator[Finding]:
    """Every due date that is a reading of the text, not its letter ("10月前" as October's end)."""
    for p, i, _, ind in _indicators(plan):
        for c, cp in enumerate(ind.checkpoints):
            zh, en = cp.reading("zh"), cp.reading("en")
            if zh and en:
                yield Finding("due-date-reading", say("audit.due-date-reading", id=ind.id,
                                                      due=cp.due, reading=_Reading(zh, en)),
                              _cp_path(p, i, c, "due"), "warning")


CHECKS: list[Check] = [overview_figures, phase_amounts, flat_targets, item_counts, repeated_items,
                       items_in_source, units, issue_date, bulletin_gaps, due_readings, share_sums]

# Every code the audit reports (titles in problems.CATALOG), for `--ignore` and the documentation.
CODES = ("overview-mismatch", "phase-amount-mismatch", "target-flat", "items-count-mismatch",
         "item-repeated", "item-not-in-source", "unit-kind-mismatch", "unit-mismatch",
         "due-before-issue", "first-checkpoint-late", "due-date-reading", "shares-mismatch")


def audit(plan: Plan, checks: Iterable[Check] = CHECKS) -> list[Finding]:
    """Every finding of every check, in the order of the checks."""
    return [finding for check in checks for finding in check(plan)]


def audit_problems(plan: Plan, located: Located, file: str, *, strict: bool = False,
                   ignore: Iterable[str] = ()) -> list[Problem]:
    """The audit's findings as located problems: warnings, or errors when `strict`."""
    skip = set(ignore)
    problems = []
    for f in audit(plan):
        if f.code in skip:
            continue
        line, col = located.locate(f.path) or (None, None)
        problems.append(Problem(f.code, f.message, file, line, col,
                                severity="error" if strict else "warning"))
    # In file order, as a reader goes through the plan.
    return sorted(problems, key=lambda p: (p.line or 0, p.column if isinstance(p.column, int)
                                           else 0))
