"""What the monthly bulletin says: counts, the items that need attention, what changed, and the
series behind each indicator's chart. Pure data; render/html.py and render/bulletin_md.py turn it
into documents."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..engine.policy import Light, LightPolicy
from ..engine.statuses import ATTENTION, SHOWN, Status
from ..plan.model import Plan
from ..plan.units import lead_units
from ..problems import Problem
from .rounding import agreeing, half_up, places

if TYPE_CHECKING:
    import pandas as pd

    from ..engine.lights import Escalation


@dataclass(frozen=True)
class Line:
    """One indicator as the bulletin shows it, names already in the bulletin's language."""

    id: str
    project: int
    name: str
    unit: str
    kind: str
    direction: str
    status: Status
    actual: float | None
    required: float | None
    target: float
    percent: float | None
    next_due: dt.date | None
    next_target: float | None
    last_due: dt.date | None  # the latest checkpoint due by the as-of date
    last_due_target: float | None
    last_report: dt.date | None
    lead_units: list[str]
    leaders: list[str]
    checkpoints: list[tuple[dt.date, float]]
    history: list[tuple[dt.date, float]]  # the combined actual at each report date
    gap_pp: float | None = None  # (actual - required) / target × 100; negative is behind
    light: Light | None = None  # None: not due, nothing to light


@dataclass(frozen=True)
class Section:
    """One project: its people, its counts, its indicators."""

    number: int
    name: str
    leaders: list[str]
    lead_units: list[str]
    counts: dict[Status, int]
    lines: list[Line]


@dataclass(frozen=True)
class Change:
    """An indicator whose status or actual differs from the previous bulletin."""

    line: Line
    old_status: Status
    old_actual: float | None

    @property
    def delta(self) -> float | None:
        if self.line.actual is None or self.old_actual is None:
            return None
        return self.line.actual - self.old_actual


@dataclass(frozen=True)
class RankRow:
    """A town in the ranking (ties share a rank); `counts` are its own verdicts by status."""

    rank: int
    unit: str
    kind: str
    score: float
    counts: dict[Status, int]


@dataclass(frozen=True)
class MissingUnit:
    """A unit that owes reports: the indicators it did not report, and its last round (if any).
    `partial`: it reported other items this round (its last round is this one)."""

    unit: str
    owes: list[str]
    last_round: str | None
    partial: bool = False


@dataclass(frozen=True)
class Bulletin:
    title: str
    issuer: str
    as_of: dt.date
    year: int
    lang: str
    counts: dict[Status, int]
    sections: list[Section]
    attention: list[Line]
    changes: list[Change] | None  # None without a previous bulletin
    previous_as_of: dt.date | None
    policy: LightPolicy = field(default_factory=LightPolicy)
    escalations: list[Escalation] = field(default_factory=list)
    # Filled from the per-unit engine; None: not computed (the parts are left out), [] : none.
    ranking: list[RankRow] | None = None
    # how a checkpoint's due date was read where that is a judgement: (indicator name, due, note)
    readings: list[tuple[str, dt.date, str]] = field(default_factory=list)
    # what `check` warns of the same reports: total-mismatch, and the round's missing-report
    warnings: list[Problem] = field(default_factory=list)
    issued: dt.date | None = None  # the 通报's 成文日期 (None: the as-of date)
    missing: list[MissingUnit] | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def lines(self) -> list[Line]:
        return [line for section in self.sections for line in section.lines]

    @property
    def light_counts(self) -> dict[Light | None, int]:
        """Indicators per light, worst first; None counts those not lit (not due)."""
        lights: list[Light | None] = [*Light, None]
        return {x: sum(1 for line in self.lines if line.light is x) for x in lights}

    def line(self, indicator: str) -> Line:
        return next(x for x in self.lines if x.id == indicator)

    @property
    def status_changes(self) -> list[Change]:
        return [c for c in self.changes or [] if c.line.status is not c.old_status]

    def delta(self, indicator: str) -> float | None:
        """How much the actual grew since the previous bulletin (None: no previous, no number)."""
        if self.changes is None:
            return None
        for change in self.changes:
            if change.line.id == indicator:
                return change.delta
        line = next(x for x in self.lines if x.id == indicator)
        return 0.0 if line.actual is not None else None


def _date(value: Any) -> dt.date | None:
    """A frame's Timestamp (or NaT) as a date."""
    return None if value is None or value != value else value.date()


def _num(value: Any) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def _count(lines: list[Line]) -> dict[Status, int]:
    return {s: sum(1 for line in lines if line.status is s) for s in SHOWN}


def evaluate_lines(plan: Plan, reports: pd.DataFrame, as_of: dt.date, lang: str,
                   policy: LightPolicy | None = None,
                   warnings: list[Problem] | None = None) -> list[Line]:
    """Every indicator of the plan, evaluated at `as_of`, with its checkpoints, history and
    light: the engine's own values, unrounded; the evaluation's warnings go to `warnings`."""
    from ..engine.evaluate import evaluate
    from ..engine.history import history
    from ..engine.lights import add_lights

    report = evaluate(plan, reports, as_of)
    if warnings is not None:
        warnings += report.warnings
    add_lights(report, policy)
    series: dict[str, list[tuple[dt.date, float]]] = {}
    for ind, when, actual in history(plan, reports, as_of).itertuples(index=False):
        series.setdefault(str(ind), []).append((when.date(), float(actual)))
    lines = []
    rows = report.results.to_dict("records")
    for (proj, ind), row in zip(plan.indicators(), rows, strict=True):
        lines.append(Line(
            id=ind.id, project=proj.number, name=ind.name.get(lang), unit=ind.unit.get(lang),
            kind=ind.kind.value, direction=ind.direction.value, status=Status(row["status"]),
            actual=_num(row["actual"]), required=_num(row["required"]), target=ind.final.target,
            percent=_num(row["percent"]), next_due=_date(row["next_due"]),
            next_target=_num(row["next_target"]), last_due=_date(row["prev_due"]),
            last_due_target=_num(row["prev_target"]), last_report=_date(row["last_report"]),
            lead_units=lead_units(plan, proj), leaders=list(proj.leaders),
            checkpoints=[(cp.due, cp.target) for cp in ind.checkpoints],
            history=series.get(ind.id, []), gap_pp=_num(row["gap_pp"]),
            light=Light(row["light"]) if row["light"] is not None else None,
        ))
    return lines


def _changes(now: list[Line], before: list[Line]) -> list[Change]:
    old = {line.id: line for line in before}
    out = []
    for line in now:
        prev = old[line.id]
        same_actual = (line.actual == prev.actual or (
            line.actual is not None and prev.actual is not None
            and math.isclose(line.actual, prev.actual, rel_tol=1e-9, abs_tol=1e-9)))
        if line.status is not prev.status or not same_actual:
            out.append(Change(line=line, old_status=prev.status, old_actual=prev.actual))
    return out


def build_bulletin(plan: Plan, reports: pd.DataFrame, as_of: dt.date | None = None,
                   lang: str = "zh", previous: pd.DataFrame | None = None,
                   previous_as_of: dt.date | None = None,
                   policy: LightPolicy | None = None) -> Bulletin:
    """The bulletin at `as_of` (default: the latest report date); `previous` is the last
    bulletin's reports, `previous_as_of` its date (default: their latest date); `policy` sets
    the lights and escalation (default: `LightPolicy()`)."""
    from ..actuals import latest_date

    as_of = as_of or latest_date(reports) or plan.start
    old = None
    if previous is not None:
        old = (previous, previous_as_of or latest_date(previous) or plan.start)
    return _build(plan, reports, as_of, lang, old, policy or LightPolicy())


def _build(plan: Plan, reports: pd.DataFrame, as_of: dt.date, lang: str,
           previous: tuple[pd.DataFrame, dt.date] | None, policy: LightPolicy) -> Bulletin:
    from ..engine.lights import escalations, with_earlier

    if previous is not None:  # the reports in hand: a unit silent this round is judged by its
        reports = with_earlier(reports, previous[0])  # last figure (stale), not as never reported
    said: list[Problem] = []
    lines = evaluate_lines(plan, reports, as_of, lang, policy, said)
    sections = []
    for proj in plan.projects:
        own = [line for line in lines if line.project == proj.number]
        sections.append(Section(number=proj.number, name=proj.name.get(lang),
                                leaders=list(proj.leaders), lead_units=lead_units(plan, proj),
                                counts=_count(own), lines=own))
    attention = [line for status in ATTENTION for line in lines if line.status is status]
    changes = None
    if previous is not None:
        changes = _changes(lines, evaluate_lines(plan, previous[0], previous[1], lang, policy))
    ranking, missing = _units(plan, reports, as_of, said)
    return Bulletin(title=plan.title, issuer=plan.issuer, as_of=as_of, year=plan.year, lang=lang,
                    counts=_count(lines), sections=sections, attention=attention,
                    changes=changes, previous_as_of=previous[1] if previous else None,
                    policy=policy, escalations=escalations(plan, reports, as_of, policy),
                    ranking=ranking, missing=missing,
                    readings=[(ind.name.get(lang), cp.due, reading)
                              for _, ind in plan.indicators() for cp in ind.checkpoints
                              if (reading := cp.reading(lang))],
                    warnings=said)


def _units(plan: Plan, reports: pd.DataFrame, as_of: dt.date, warnings: list[Problem]
           ) -> tuple[list[RankRow] | None, list[MissingUnit] | None]:
    """The towns' ranking and the units that owe reports this round: those that sent nothing,
    then those that sent only part of it (None without a registry of units, so the bulletin
    leaves those parts out)."""
    import pandas as pd

    from ..engine.rounds import PARTIAL, evaluate_round, partly_reported

    unit_round = evaluate_round(plan, reports, as_of)
    if unit_round is None:
        return None, None
    warnings += unit_round.warnings
    ranking = [RankRow(rank=int(r["rank"]), unit=str(r["unit"]), kind="town",
                       score=float(r["score"]),
                       counts={s: int(r[s.value]) for s in Status})
               for r in unit_round.ranking.to_dict("records") if pd.notna(r["rank"])]
    missing = [MissingUnit(unit=str(r.unit), owes=list(r.owes),
                           last_round=r.last_round if isinstance(r.last_round, str) else None,
                           partial=r.state == PARTIAL)
               for frame in (unit_round.missing, partly_reported(unit_round.verdicts))
               for r in list[Any](frame.itertuples(index=False))]
    return ranking, missing


# ── figures as a person writes them ─────────────────────────────────────────────────────────────

def stated(value: float | None) -> str:
    """A stated or reported figure as given, without separators: 10906, 320.8, 404.65; None → —."""
    if value is None:
        return "—"
    return f"{half_up(value, 2):.2f}".rstrip("0").rstrip(".") if not float(value).is_integer() \
        else f"{value:.0f}"


def rounded(value: float | None, actual: float | None = None,
            target: float | None = None) -> str:
    """A computed figure (what the schedule requires) rounded as a person writes it, with the
    decimals of the indicator's `target` (341.31 of 404.65 km, as `check` writes it) and at
    least: whole from 10 up (199.46 → 199), one decimal below (2.748 → 2.7), two below 1; more
    where fewer would put it on the other side of `actual` (11.01 required of 11 done, not 11);
    no trailing zeros (362.5, not 362.50)."""
    if value is None:
        return "—"
    small = 0 if abs(value) >= 10 else 1 if abs(value) >= 1 else 2
    digits = agreeing(value, max(small, places(target) if target is not None else 0), actual)
    text = f"{half_up(value, digits):.{digits}f}"
    return text.rstrip("0").rstrip(".") if digits else text


def is_rounded(value: float | None, actual: float | None = None,
               target: float | None = None) -> bool:
    """Whether `rounded` changed the figure (then prose says 约)."""
    return value is not None and not math.isclose(float(rounded(value, actual, target)), value,
                                                  abs_tol=1e-9)


def share(part: float, whole: float) -> str:
    """A share in percent with one decimal, as bulletins write it: 41.7%, 50%."""
    return "—" if not whole else f"{stated(half_up(part / whole * 100, 1))}%"


def points(value: float) -> str:
    """Percentage points with one decimal: 7.7, 31.4."""
    return stated(half_up(value, 1))
