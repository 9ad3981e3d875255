"""The status engine: what the plan requires at a date, what was reported, and the verdict.

Pure and vectorized: a DataFrame of reports and a Plan in, a DataFrame with one row per indicator out.
No printing, no files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

import numpy as np
import pandas as pd

from .model import Direction, Kind, Plan
from .problems import Problem


class Status(StrEnum):
    """The verdicts, from worst to best. The values are a public interface (JSON, CSV, exit codes)."""

    overdue = "overdue"
    no_report = "no_report"
    at_risk = "at_risk"
    on_track = "on_track"
    done = "done"
    not_due = "not_due"


STATUS_LABELS: dict[Status, tuple[str, str]] = {
    Status.done: ("已完成", "done"),
    Status.on_track: ("按计划推进", "on track"),
    Status.at_risk: ("滞后序时进度", "at risk"),
    Status.overdue: ("逾期未完成", "overdue"),
    Status.no_report: ("未报送", "not reported"),
    Status.not_due: ("未到节点", "not due"),
}

# `--fail-on` thresholds: which statuses make `check` exit 1.
FAIL_ON: dict[str, frozenset[Status]] = {
    "overdue": frozenset({Status.overdue, Status.no_report}),
    "at_risk": frozenset({Status.overdue, Status.no_report, Status.at_risk}),
    "never": frozenset(),
}

REPORT_COLUMNS = ["indicator", "as_of", "value", "reporter"]
# An actual this close to a goal (relative to the goal, or absolute below 1) reaches it.
RELATIVE_SLACK = 1e-9
_INDICATOR_COLUMNS = ["indicator", "project", "name", "name_en", "unit", "unit_en", "kind",
                      "direction", "combine", "lead_units", "leaders", "target", "final_due"]


@dataclass
class Report:
    """The verdict for every indicator of a plan at one date."""

    plan: Plan
    as_of: dt.date
    results: pd.DataFrame  # one row per indicator, in plan order; columns: see `evaluate`
    warnings: list[Problem] = field(default_factory=list)

    def counts(self, by: str) -> pd.DataFrame:
        """Number of indicators per status, grouped by `project` or `lead_unit`."""
        frame = self.results
        if by == "lead_unit":
            frame = frame.explode("lead_units").rename(columns={"lead_units": "lead_unit"})
        table = pd.crosstab(frame[by], frame["status"]).reindex(columns=list(Status), fill_value=0)
        return table.reindex(frame[by].drop_duplicates(), fill_value=0)


def plan_frames(plan: Plan) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The plan as two tables: indicators (one row each) and checkpoints (one row each)."""
    indicators = pd.DataFrame([{
        "indicator": ind.id, "project": proj.number, "name": ind.name.zh, "name_en": ind.name.en,
        "unit": ind.unit.zh, "unit_en": ind.unit.en, "kind": ind.kind.value,
        "direction": ind.direction.value, "combine": ind.combine.value if ind.combine else "sum",
        "lead_units": list(proj.lead_units), "leaders": list(proj.leaders),
        "target": ind.final.target, "final_due": pd.Timestamp(ind.final.due),
    } for proj, ind in plan.indicators()], columns=_INDICATOR_COLUMNS).astype(
        {"target": float, "final_due": "datetime64[s]"})
    checkpoints = pd.DataFrame([
        {"indicator": ind.id, "due": pd.Timestamp(cp.due), "cp_target": cp.target}
        for _, ind in plan.indicators() for cp in ind.checkpoints
    ], columns=["indicator", "due", "cp_target"]).astype(
        {"due": "datetime64[s]", "cp_target": float})
    return indicators, checkpoints


def combine_reports(plan: Plan, reports: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Per indicator: the reporters' latest values on or before `as_of`, combined as the plan says.

    Returns columns indicator, actual, reporters (count), last_report.
    """
    cutoff = pd.Timestamp(as_of)
    upto = reports.loc[reports["as_of"] <= cutoff, REPORT_COLUMNS]
    if upto.empty:
        return pd.DataFrame({"indicator": pd.Series(dtype=object), "actual": pd.Series(dtype=float),
                             "reporters": pd.Series(dtype=int),
                             "last_report": pd.Series(dtype="datetime64[ns]")})
    # Latest report per (indicator, reporter); ties on the date are resolved by the loader.
    latest = upto.sort_values("as_of", kind="stable").drop_duplicates(
        ["indicator", "reporter"], keep="last")
    grouped = latest.groupby("indicator", sort=False, observed=True)
    agg = grouped["value"].agg(["sum", "max", "min", "mean", "count"])
    agg["last_report"] = grouped["as_of"].max()
    combine = {ind.id: (ind.combine.value if ind.combine else "sum") for _, ind in plan.indicators()}
    how = agg.index.map(combine).to_numpy(dtype=object)
    values = agg[["sum", "max", "min", "mean"]].to_numpy()
    pick = np.select([how == "sum", how == "max", how == "min"], [0, 1, 2], default=3)
    agg["actual"] = values[np.arange(len(agg)), pick]
    out = agg.rename(columns={"count": "reporters"})[["actual", "reporters", "last_report"]]
    return out.reset_index().astype({"indicator": object})


def history(plan: Plan, reports: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """The combined actual of each indicator at every date something was reported, up to `as_of`.

    Returns columns indicator, as_of, actual — the series behind burn-up charts and trends.
    """
    upto = reports.loc[reports["as_of"] <= pd.Timestamp(as_of), REPORT_COLUMNS]
    if upto.empty:
        return pd.DataFrame({"indicator": pd.Series(dtype=object),
                             "as_of": pd.Series(dtype="datetime64[ns]"),
                             "actual": pd.Series(dtype=float)})
    wide = upto.pivot_table(index=["indicator", "as_of"], columns="reporter", values="value",
                            aggfunc="last", observed=True)
    wide = wide.groupby(level="indicator", sort=False, observed=True).ffill()  # latest per reporter
    combine = {ind.id: (ind.combine.value if ind.combine else "sum") for _, ind in plan.indicators()}
    how = wide.index.get_level_values("indicator").map(combine).to_numpy(dtype=object)
    candidates = np.column_stack([wide.sum(axis=1, min_count=1), wide.max(axis=1),
                                  wide.min(axis=1), wide.mean(axis=1)])
    pick = np.select([how == "sum", how == "max", how == "min"], [0, 1, 2], default=3)
    out = wide.index.to_frame(index=False)
    out["actual"] = candidates[np.arange(len(out)), pick]
    return out.astype({"indicator": object})


def _schedule(indicators: pd.DataFrame, checkpoints: pd.DataFrame, cutoff: pd.Timestamp,
              year_start: pd.Timestamp) -> pd.DataFrame:
    """For each indicator: the last checkpoint due by `cutoff`, the next one, and the straight
    line between them (from zero at the year's start when nothing is due yet) evaluated at cutoff."""
    due = (checkpoints["due"] <= cutoff).to_numpy()
    past, future = checkpoints[due], checkpoints[~due]
    # Checkpoints are in date order within an indicator (validate refuses any other order), so
    # first and last rows are the next and the previous checkpoint; plain groupby named
    # aggregations cost ten times as much on a plan's few hundred rows.
    prev = past.drop_duplicates("indicator", keep="last").set_index("indicator").set_axis(
        ["prev_due", "prev_target"], axis=1)
    targets = past.groupby("indicator", sort=False)["cp_target"]
    prev["due_max"], prev["due_min"] = targets.max(), targets.min()
    nxt = future.drop_duplicates("indicator", keep="first").set_index("indicator").set_axis(
        ["next_due", "next_target"], axis=1)
    out = indicators.join(prev, on="indicator").join(nxt, on="indicator")
    start = out["prev_due"].fillna(year_start)
    base = out["prev_target"].fillna(0.0)
    span = (out["next_due"] - start).dt.days
    elapsed = (cutoff - start).dt.days
    slope = (out["next_target"] - base) / span
    line = base + slope * elapsed
    required = line.where(out["next_due"].notna(), out["prev_target"])
    # An event is done or not: nothing of it is required before its due date.
    out["required"] = required.where(out["kind"] != Kind.event.value, base)
    return out


def evaluate(plan: Plan, reports: pd.DataFrame, as_of: dt.date) -> Report:
    """Evaluate every indicator of `plan` at `as_of` from cumulative `reports`.

    `reports` has columns indicator, as_of (datetime64), value (float), reporter (str).
    """
    cutoff, year_start = pd.Timestamp(as_of), pd.Timestamp(plan.start)
    indicators, checkpoints = plan_frames(plan)
    out = _schedule(indicators, checkpoints, cutoff, year_start)
    out = out.merge(combine_reports(plan, reports, as_of), on="indicator", how="left")
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
    due_goal = out["due_min"].where(pd.Series(at_most), out["due_max"])
    overdue = ~reached(due_goal)
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
    return Report(plan=plan, as_of=as_of, results=out)


def _forecast(out: pd.DataFrame, cutoff: pd.Timestamp, year_start: pd.Timestamp,
              skip: np.ndarray) -> pd.Series:
    """When the final target is reached at the average pace from the year's start to the last report."""
    last = out["last_report"].fillna(cutoff)
    days = (last - year_start).dt.days + 1
    pace = out["actual"] / days
    needed = (out["target"] / pace).where(pace > 0)
    needed = needed.where(needed < 365 * 20)  # no forecast beyond twenty years
    forecast = year_start + pd.to_timedelta(np.ceil(needed) - 1, unit="D")
    quantity = (out["kind"] == Kind.quantity.value).to_numpy()
    return forecast.where(quantity & ~skip)
