"""Traffic lights (亮灯) on the engine's verdicts, and escalation (督办函, 约谈) from the rounds
the reports cover.

Status → light (the policy in `policy.py` sets the bands):

| status      | light |
|-------------|-------|
| done        | green |
| on_track    | green |
| at_risk     | by how far behind: red from `red`, yellow from `yellow`, else green |
| overdue     | red |
| no_report   | red (`no_report: yellow` to soften): a due checkpoint nobody vouches for is a |
|             | supervision failure, and a bulletin cannot treat silence as progress |
| not_due     | none: nothing is due and nothing was reported, so there is nothing to light |

Pure: frames and a plan in, frames and values out.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..plan.model import Direction, Plan
from ..plan.units import answerable, duties
from .policy import Action, Basis, Light, LightPolicy
from .statuses import Status

if TYPE_CHECKING:
    from .evaluate import Report


def behind(results: pd.DataFrame, basis: Basis) -> pd.Series:
    """How far each indicator is behind its time-proportional schedule (≤ 0: not behind), in
    points of the final target or in percent of what is required now. NaN without a report."""
    at_most = (results["direction"] == Direction.at_most.value).to_numpy()
    sign = np.where(at_most, 1.0, -1.0)  # for a cap, being above the line is being behind
    if basis is Basis.target:
        return results["gap_pp"] * sign
    required, actual = results["required"], results["actual"]
    share = (actual - required) / required * 100 * sign
    return share.where(required > 0, 0.0).where(actual.notna())  # nothing required: not behind


def lights(results: pd.DataFrame, policy: LightPolicy) -> pd.Series:
    """The light of each indicator (a Light value, or None for not due)."""
    status = results["status"].to_numpy()
    late = behind(results, policy.basis).fillna(0).to_numpy()
    banded = np.select([late >= policy.red, late >= policy.yellow],
                       [Light.red.value, Light.yellow.value], Light.green.value)
    light = np.select(
        [status == Status.overdue.value, status == Status.no_report.value,
         status == Status.at_risk.value, status == Status.not_due.value],
        [Light.red.value, policy.no_report.value, banded, "none"], Light.green.value)
    out = pd.Series(light, index=results.index, dtype=object)
    return out.where(out != "none", None)


def add_lights(report: Report, policy: LightPolicy | None = None) -> None:
    """Set `report.results["light"]`: "green", "yellow", "red", or None (not due)."""
    report.results["light"] = lights(report.results, policy or LightPolicy())


def first_round_month(plan: Plan) -> int:
    """The month the monthly bulletins start: the plan's `bulletins.from` ("7月起,每月通报")."""
    return plan.first_bulletin_month


def rounds(plan: Plan, as_of: dt.date) -> list[dt.date]:
    """The bulletin rounds up to `as_of`: each month's end from the first bulletin month before
    `as_of`, then `as_of` itself (the current round)."""
    ends = [dt.date(plan.year, m, calendar.monthrange(plan.year, m)[1])
            for m in range(first_round_month(plan), 13)]
    return [day for day in ends if day < as_of] + [as_of]


@dataclass(frozen=True)
class Escalation:
    """An indicator whose light has stayed up long enough to be escalated."""

    indicator: str
    project: int
    action: Action
    rounds: int  # consecutive rounds, ending at the current one, that brought the action
    since: dt.date  # the first of those rounds
    light: Light  # the light now
    lights: tuple[Light, ...]  # the light at each of those rounds, oldest first
    lead_units: tuple[str, ...]
    leaders: tuple[str, ...]
    # the lights of every round in a row yellow or red up to now (longer than `lights` for an
    # interview after yellow rounds): what the 通报 says of it
    lit: tuple[Light, ...] = ()


def light_history(plan: Plan, reports: pd.DataFrame, as_of: dt.date,
                  policy: LightPolicy) -> pd.DataFrame:
    """The light of each indicator (rows, plan order) at each round (columns, dates), every
    round judged from the same reports as they stood on its date; a round the reports do not
    reach for an indicator (`covered`) lights nothing."""
    from .evaluate import evaluate
    from .latest import needed_at

    days = rounds(plan, as_of)
    index = pd.Index([ind.id for _, ind in plan.indicators()], name="indicator")
    known = covered(reports, days, list(index))
    needed = needed_at(plan, reports, days)

    def judged(k: int, day: dt.date) -> np.ndarray:
        light: np.ndarray = np.array(lights(evaluate(plan, needed, day).results, policy),
                                     dtype=object)  # a copy: pandas hands out a read-only view
        light[~known[:, k]] = None
        return light

    columns = {day: judged(k, day) for k, day in enumerate(days)}
    return pd.DataFrame(columns, index=index, dtype=object)


def with_earlier(reports: pd.DataFrame, earlier: pd.DataFrame) -> pd.DataFrame:
    """The reports and, for the rounds before, the last bulletin's: its rows of an indicator,
    reporter and date the reports do not hold (where both do, the reports win)."""
    key = ["indicator", "reporter", "as_of"]

    def keys(frame: pd.DataFrame) -> pd.MultiIndex:
        return pd.MultiIndex.from_frame(frame[key].astype(
            {"indicator": object, "reporter": object}).fillna({"reporter": ""}))

    older = earlier[~keys(earlier).isin(keys(reports))]
    if older.empty:
        return reports
    text = [c for c in ("indicator", "reporter", "note", "file", "sheet") if c in reports]
    both = [f.astype(dict.fromkeys([c for c in text if c in f], object)) for f in (reports, older)]
    return pd.concat(both, ignore_index=True)


def covered(reports: pd.DataFrame, days: list[dt.date], indicators: list[str]) -> np.ndarray:
    """Indicator × round: whether the reports say how the indicator stood then — by that date at
    least half of the units that report it had reported it (an indicator nobody reports: half
    of all the units had reported anything). A round before that (an October folder holds no
    September reports; a bureau that sends only its latest row) is not judged, lights nothing
    and ends a streak: otherwise the indicator would read as unreported there, red, and bring
    a 约谈. The last round (the bulletin's own) is always judged."""
    from .latest import _codes

    out = np.ones((len(indicators), len(days)), dtype=bool)
    if reports.empty or len(days) < 2:
        return out
    reporter = reports["reporter"]
    if reporter.isna().any():  # a frame built by hand: no reporter is one reporter
        reporter = reporter.astype(object).fillna("")
    ind = _codes(reports["indicator"]).astype(np.int64)
    rep = _codes(reporter).astype(np.int64) + 1
    names = (reports["indicator"].cat.categories if isinstance(
        reports["indicator"].dtype, pd.CategoricalDtype) else pd.Index(pd.unique(
            reports["indicator"].astype(object)))).astype(str)
    if not isinstance(reports["indicator"].dtype, pd.CategoricalDtype):
        ind = pd.Index(names).get_indexer(reports["indicator"].astype(str)).astype(np.int64)
    stamp = reports["as_of"].to_numpy().astype("datetime64[ns]").view(np.int64)
    width = int(rep.max()) + 1
    first = pd.Series(stamp).groupby(ind * width + rep).min()  # per indicator and reporter
    whose = (first.index.to_numpy() // width).astype(np.int64)
    anyone = pd.Series(stamp).groupby(rep).min().to_numpy()
    row = pd.Index(names).get_indexer(pd.Index(indicators))
    ends = pd.to_datetime(pd.Series(days[:-1])).to_numpy().astype("datetime64[ns]").view(np.int64)
    total = np.bincount(whose[whose >= 0], minlength=len(names))
    for k, end in enumerate(ends):
        by = np.bincount(whose[(whose >= 0) & (first.to_numpy() <= end)], minlength=len(names))
        everyone = 2 * int((anyone <= end).sum()) >= len(anyone)
        has = (row >= 0) & (total[np.maximum(row, 0)] > 0)
        out[:, k] = np.where(has, 2 * by[np.maximum(row, 0)] >= total[np.maximum(row, 0)],
                             everyone)
    return out


def _streak(values: list[object], lit: set[str]) -> int:
    """How many of the last values, counting back from the end, are in `lit`."""
    n = 0
    for value in reversed(values):
        if value not in lit:
            break
        n += 1
    return n


def escalations(plan: Plan, reports: pd.DataFrame, as_of: dt.date,
                policy: LightPolicy | None = None) -> list[Escalation]:
    """Indicators to escalate at `as_of`, in plan order: red for `interview_after` rounds in a
    row → 约谈; otherwise yellow or red for `letter_after` rounds in a row → 督办函."""
    policy = policy or LightPolicy()
    table = light_history(plan, reports, as_of, policy)
    days = rounds(plan, as_of)
    who = duties(plan)
    out = []
    for (project, indicator), seen in zip(plan.indicators(), table.to_numpy().tolist(),
                                          strict=True):
        now = seen[-1]
        reds = _streak(seen, {Light.red.value})
        lit = _streak(seen, {Light.red.value, Light.yellow.value})
        if now == Light.red.value and reds >= policy.interview_after:
            action, n = Action.interview, reds
        elif lit >= policy.letter_after:
            action, n = Action.letter, lit
        else:
            continue
        out.append(Escalation(indicator=indicator.id, project=project.number, action=action,
                              rounds=n, since=days[-n], light=Light(now),
                              lights=tuple(Light(x) for x in seen[-n:]),
                              lead_units=tuple(answerable(plan, project, indicator, who)),
                              leaders=tuple(project.leaders),
                              lit=tuple(Light(x) for x in seen[-lit:])))
    return out
