"""The status engine: what the plan requires at a date, what was reported, and the verdict.

Pure and vectorized: a DataFrame of reports and a Plan in, a DataFrame with one row per indicator out.
No printing, no files.
"""

from __future__ import annotations

import datetime as dt
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ..plan.model import Direction, Kind, Pace, Plan
from ..plan.units import answerable, duties, lead_units
from ..problems import Problem
from .latest import latest_reports
from .statuses import Status

if TYPE_CHECKING:
    from ..actuals import Actuals


# An actual this close to a goal (relative to the goal, or absolute below 1) reaches it.
RELATIVE_SLACK = 1e-9
_INDICATOR_COLUMNS = ["indicator", "project", "name", "name_en", "unit", "unit_en", "kind",
                      "pace", "direction", "combine", "lead_units", "answerable", "leaders", "target",
                      "final_due"]
# `firm`: a floor (missed when due: overdue); false for a pace (约), which only shapes the line.
CHECKPOINT_COLUMNS = ["indicator", "due", "cp_target", "firm"]


@dataclass
class Report:
    """The verdict for every indicator of a plan at one date."""

    plan: Plan
    as_of: dt.date
    results: pd.DataFrame  # one row per indicator, in plan order; columns: see `evaluate`
    warnings: list[Problem] = field(default_factory=list)
    # the reports that were combined: each counted unit's latest report per indicator, with
    # where it came from (file, sheet, row) as far as the frame knows it
    sources: pd.DataFrame | None = None

    def only_project(self, number: int) -> Report:
        """The same verdicts, for one project's indicators."""
        rows = self.results[self.results["project"] == number].reset_index(drop=True)
        return Report(plan=self.plan, as_of=self.as_of, results=rows, warnings=self.warnings,
                      sources=self.sources)

    def counts(self, by: str) -> pd.DataFrame:
        """Number of indicators per status, grouped by `project` or `lead_unit`."""
        frame = self.results
        order = frame[by] if by != "lead_unit" else frame["lead_units"].explode()
        if by == "lead_unit":  # each indicator under the lead units that answer for it; every
            column = "answerable" if "answerable" in frame else "lead_units"  # lead unit listed
            frame = frame.explode(column).rename(columns={column: "lead_unit"})
        table = pd.crosstab(frame[by], frame["status"]).reindex(columns=list(Status), fill_value=0)
        return table.reindex(order.drop_duplicates(), fill_value=0)


def plan_frames(plan: Plan) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The plan as two tables: indicators (one row each) and checkpoints (one row each). Built
    once per plan (a plan is frozen; the bulletin judges seven rounds of it) and copied out."""
    key = id(plan)
    held = _FRAMES.get(key)
    if held is None or held[0]() is not plan:
        if len(_FRAMES) >= 4:
            _FRAMES.pop(next(iter(_FRAMES)))
        held = _FRAMES[key] = (weakref.ref(plan), *_plan_frames(plan))
    indicators = held[1].copy()
    for column in ("lead_units", "answerable", "leaders"):  # a copy shares lists: new ones
        indicators[column] = [list(v) for v in indicators[column]]
    return indicators, held[2].copy()


_FRAMES: dict[int, tuple[weakref.ref[Plan], pd.DataFrame, pd.DataFrame]] = {}


def _plan_frames(plan: Plan) -> tuple[pd.DataFrame, pd.DataFrame]:
    who = duties(plan)
    indicators = pd.DataFrame([{
        "indicator": ind.id, "project": proj.number, "name": ind.name.zh, "name_en": ind.name.en,
        "unit": ind.unit.zh, "unit_en": ind.unit.en, "kind": ind.kind.value,
        "pace": (ind.pace or Pace.level).value if ind.kind is Kind.rate else None,
        "direction": ind.direction.value, "combine": ind.combine.value if ind.combine else "sum",
        "lead_units": lead_units(plan, proj), "answerable": answerable(plan, proj, ind, who),
        "leaders": list(proj.leaders),
        "target": ind.final.target, "final_due": pd.Timestamp(ind.final.due),
    } for proj, ind in plan.indicators()], columns=_INDICATOR_COLUMNS).astype(
        {"target": float, "final_due": "datetime64[s]"})
    checkpoints = pd.DataFrame([
        {"indicator": ind.id, "due": pd.Timestamp(cp.due), "cp_target": cp.target, "firm": cp.firm}
        for _, ind in plan.indicators() for cp in ind.checkpoints
    ], columns=CHECKPOINT_COLUMNS).astype({"due": "datetime64[s]", "cp_target": float,
                                           "firm": bool})
    return indicators, checkpoints


def combine_rules(plan: Plan) -> dict[str, str]:
    """indicator id → how its reporters' values combine (sum, max, min, mean)."""
    return {ind.id: (ind.combine.value if ind.combine else "sum") for _, ind in plan.indicators()}


def combine_reports(plan: Plan, reports: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Per indicator: the reporters' latest values on or before `as_of`, combined as the plan says.

    Returns columns indicator, actual, reporters (count), last_report.
    """
    return combine(reports, as_of, combine_rules(plan))


def combine(reports: pd.DataFrame, as_of: dt.date, rules: dict[str, str],
            latest: pd.DataFrame | None = None) -> pd.DataFrame:
    """combine_reports with the rule per key (indicator id) given: sum, max, min or mean.
    `latest`: latest_reports(reports, as_of) when the caller has it already."""
    if latest is None:
        latest = latest_reports(reports, as_of)  # ties on the date: resolved by the loader
    if latest.empty:
        return pd.DataFrame({"indicator": pd.Series(dtype=object), "actual": pd.Series(dtype=float),
                             "reporters": pd.Series(dtype=int),
                             "last_report": pd.Series(dtype="datetime64[ns]")})
    grouped = latest.groupby("indicator", sort=False, observed=True)
    agg = grouped["value"].agg(["sum", "max", "min", "mean", "count"])
    agg["last_report"] = grouped["as_of"].max()
    how = agg.index.map(rules).to_numpy(dtype=object)
    values = agg[["sum", "max", "min", "mean"]].to_numpy()
    pick = np.select([how == "sum", how == "max", how == "min"], [0, 1, 2], default=3)
    agg["actual"] = values[np.arange(len(agg)), pick]
    out = agg.rename(columns={"count": "reporters"})[["actual", "reporters", "last_report"]]
    return out.reset_index().astype({"indicator": object})


def _schedule(indicators: pd.DataFrame, checkpoints: pd.DataFrame, cutoff: pd.Timestamp,
              year_start: pd.Timestamp) -> pd.DataFrame:
    """For each indicator: the last checkpoint due by `cutoff`, the next one, and the straight
    line between them (from zero at the year's start when nothing is due yet) evaluated at cutoff."""
    due = (checkpoints["due"] <= cutoff).to_numpy()
    past, future = checkpoints[due], checkpoints[~due]
    # Checkpoints are in date order within an indicator (validate refuses any other order), so
    # first and last rows are the next and the previous checkpoint; plain groupby named
    # aggregations cost ten times as much on a plan's few hundred rows.
    line = ["due", "cp_target"]  # `firm` stays behind: a pace shapes the line like a floor
    prev = past.drop_duplicates("indicator", keep="last").set_index("indicator")[line].set_axis(
        ["prev_due", "prev_target"], axis=1)
    # Only a floor that fell due can make an indicator overdue; a pace (约) only shapes the line.
    firm = past[past["firm"].to_numpy(bool)]
    prev["due_max"] = firm.groupby("indicator", sort=False)["cp_target"].max()
    nxt = future.drop_duplicates("indicator", keep="first").set_index("indicator")[line].set_axis(
        ["next_due", "next_target"], axis=1)
    # The checkpoint in force: the first one due on or after `cutoff` (the last one after all).
    ahead = checkpoints[~due | (checkpoints["due"] == cutoff).to_numpy()]
    force: pd.Series = ahead.drop_duplicates("indicator", keep="first").set_index(
        "indicator")["cp_target"]
    out = indicators.join(prev, on="indicator").join(nxt, on="indicator")
    out["in_force"] = out["indicator"].map(force).fillna(out["prev_target"])
    start = out["prev_due"].fillna(year_start)
    base = out["prev_target"].fillna(0.0)
    span = (out["next_due"] - start).dt.days
    elapsed = (cutoff - start).dt.days
    slope = (out["next_target"] - base) / span
    line = base + slope * elapsed
    required = line.where(out["next_due"].notna(), out["prev_target"])
    # An event is done or not: nothing of it is required before its due date. A rate is a level,
    # not an accumulation: the level of the checkpoint in force is required all along — unless
    # the plan says it grows along the line (`pace: line`, a project's progress in %).
    kind = out["kind"].to_numpy()
    level = (kind == Kind.rate.value) & (out["pace"].to_numpy() != Pace.line.value) \
        if "pace" in out else kind == Kind.rate.value
    out["required"] = np.select([kind == Kind.event.value, level],
                                [base, out["in_force"]], required)
    return out


def evaluate(plan: Plan, reports: pd.DataFrame | Actuals, as_of: dt.date | None = None) -> Report:
    """Evaluate every indicator of `plan` at `as_of` (default: the latest report date) from
    cumulative reports: what `load_actuals` returns, or a frame with columns indicator,
    as_of (datetime64), value (float), reporter (str).

    With a registry of units, only the units that report an indicator count towards it (the
    district total, or the units' shares); other reports are compared with them (warnings)."""
    from .attribution import attribute

    if not isinstance(reports, pd.DataFrame):
        reports = reports.frame
    if as_of is None:
        latest = reports["as_of"].max() if len(reports) else pd.NaT
        as_of = plan.start if pd.isna(latest) else latest.date()
    cutoff, year_start = pd.Timestamp(as_of), pd.Timestamp(plan.start)
    counted, warnings = attribute(plan, reports, as_of)
    indicators, checkpoints = plan_frames(plan)
    sources = latest_reports(counted, as_of)  # one selection of the rows, for both
    combined = combine(counted, as_of, combine_rules(plan), latest=sources)
    broken = _caps_broken(plan, counted, indicators, checkpoints, cutoff)
    out = judge(indicators, checkpoints, combined, cutoff, year_start, broken)
    report = Report(plan=plan, as_of=as_of, results=out, warnings=warnings, sources=sources)
    from .lights import add_lights  # the default bands; check and report apply the chosen ones

    add_lights(report)
    return report


def judge(indicators: pd.DataFrame, checkpoints: pd.DataFrame, combined: pd.DataFrame,
          cutoff: pd.Timestamp, year_start: pd.Timestamp,
          broken: frozenset[str] = frozenset()) -> pd.DataFrame:
    """The verdict for each row of `indicators` (plan_frames' columns, keyed by `indicator`)
    from its checkpoints and its combined actual; `broken`: the keys whose cap was exceeded."""
    out = _schedule(indicators, checkpoints, cutoff, year_start)
    out = out.merge(combined, on="indicator", how="left")
    out["reporters"] = out["reporters"].fillna(0).astype(int)

    actual, target, required = out["actual"], out["target"], out["required"]
    at_most = (out["direction"] == Direction.at_most.value).to_numpy()
    is_event = (out["kind"] == Kind.event.value).to_numpy()
    reported = actual.notna().to_numpy()
    anything_due = out["prev_due"].notna().to_numpy()

    def reached(goal: pd.Series) -> np.ndarray:
        # NaN goals (nothing due) count as reached; NaN actuals never reach anything. Decimal
        # shares summed in binary floating point can miss by an ulp (0.4 + 320.4 < 320.8).
        slack = RELATIVE_SLACK * np.maximum(goal.abs(), 1.0)
        met = np.where(at_most, actual <= goal + slack, actual >= goal - slack)
        return np.where(goal.isna().to_numpy(), True, met & reported)

    final_reached = reached(target)
    done = final_reached & (~at_most | (cutoff >= out["final_due"]).to_numpy())
    # A floor that fell due stays due: the total now must reach it. A cap is judged by the total
    # at its own date: 11 in September does not break a June cap of 10 that 8 kept in June.
    overdue = ~reached(out["due_max"].where(pd.Series(~at_most)))
    overdue |= out["indicator"].isin(broken).to_numpy()
    behind = ~reached(required) & ~is_event
    status = np.select(
        [~reported & anything_due, ~reported, done, overdue, behind],
        [Status.no_report.value, Status.not_due.value, Status.done.value, Status.overdue.value,
         Status.at_risk.value],
        default=Status.on_track.value,
    )
    out["status"] = status
    out["percent"] = (actual / target * 100).where(target > 0)
    out["gap_pp"] = ((actual - required) / target * 100).where((target > 0) & required.notna())
    out["forecast"] = _forecast(out, cutoff, year_start, done | at_most)
    out["as_of"] = cutoff
    return out


def _caps_broken(plan: Plan, reports: pd.DataFrame, indicators: pd.DataFrame,
                 checkpoints: pd.DataFrame, cutoff: pd.Timestamp) -> frozenset[str]:
    """The indicators whose cap (at_most) that fell due by `cutoff` was exceeded by the combined
    total as it stood on its due date."""
    capped = set(indicators.loc[indicators["direction"] == Direction.at_most.value, "indicator"])
    due = checkpoints[checkpoints["indicator"].isin(capped) & (checkpoints["due"] <= cutoff)
                      & checkpoints["firm"]]  # a pace is never broken
    broken: set[str] = set()
    if not due.empty:
        ours, rules = reports[reports["indicator"].isin(capped)], combine_rules(plan)
        for when, caps in due.groupby("due"):
            combined = combine(ours, pd.Timestamp(str(when)).date(), rules).set_index("indicator")["actual"]
            totals = caps["indicator"].map(combined).to_numpy(float)  # NaN: nothing reported
            limits = caps["cp_target"].to_numpy()
            over = totals > limits + RELATIVE_SLACK * np.maximum(limits, 1.0)
            broken |= set(caps.loc[over, "indicator"])
    return frozenset(broken)


def _forecast(out: pd.DataFrame, cutoff: pd.Timestamp, year_start: pd.Timestamp,
              skip: np.ndarray) -> pd.Series:
    """When the final target is reached at the average pace from the year's start to the last report."""
    last = out["last_report"].fillna(cutoff)
    days = (last - year_start).dt.days + 1
    pace = out["actual"] / days
    needed = (out["target"] / pace).where(pace > 0)
    needed = needed.where(needed < 365 * 20)  # no forecast beyond twenty years
    forecast = pd.Series(year_start + pd.to_timedelta(np.ceil(needed) - 1, unit="D"),
                         index=out.index)
    quantity = (out["kind"] == Kind.quantity.value).to_numpy()
    return forecast.where(quantity & ~skip)
