"""A verdict per unit: each (unit, indicator) a unit reports, judged by the district's rules
against the unit's own share (任务分解) — and the ranking of the towns. No I/O."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..plan.model import Plan, UnitKind
from ..plan.units import duties, registry
from .attribution import designated
from .evaluate import judge, plan_frames
from .latest import latest_reports
from .statuses import Status

KEY = "\x1f"  # joins unit and indicator into one key for the engine's frames
UNIT_COLUMNS = ["unit", "unit_kind", "indicator", "project", "status", "actual", "required",
                "target", "share", "last_report", "as_of"]


def unit_frames(plan: Plan) -> tuple[pd.DataFrame, pd.DataFrame]:
    """plan_frames for (unit, indicator) pairs: the unit's share checkpoints where it has a
    share; the district's where it reports the total; none where it reports a share the plan
    has not allocated (then it is judged only on whether it reported)."""
    reg, who = registry(plan), duties(plan)
    indicators, checkpoints = plan_frames(plan)
    by_id = {row["indicator"]: row for row in indicators.to_dict("records")}
    rows, cps = [], []
    for _, ind in plan.indicators():
        duty = who[ind.id]
        shares = {reg.resolve(name) or name: cps_ for name, cps_ in (ind.shares or {}).items()}
        for unit in duty.units:
            key = f"{unit}{KEY}{ind.id}"
            own = shares.get(unit)
            if duty.mode == "total":
                points = [(cp.due, cp.target, cp.firm) for cp in ind.checkpoints]
            else:
                points = [(cp.due, cp.target, True) for cp in own] if own else []
            last = ind.final if duty.mode == "total" else (own[-1] if own else None)
            row = dict(by_id[ind.id])
            row.update(indicator=key, base=ind.id, unit=unit,
                       unit_kind=(reg.kind(unit) or UnitKind.other).value,
                       target=last.target if last else np.nan,
                       final_due=pd.Timestamp(last.due if last else ind.final.due),
                       share=own[-1].target if own else None)
            rows.append(row)
            cps += [{"indicator": key, "due": pd.Timestamp(d), "cp_target": t, "firm": f}
                    for d, t, f in points]
    frame = pd.DataFrame(rows)
    if frame.empty:
        frame = pd.DataFrame(columns=[*indicators.columns, "base", "unit", "unit_kind", "share"])
    cp_frame = pd.DataFrame(cps, columns=checkpoints.columns).astype(checkpoints.dtypes.to_dict())
    return frame.astype({"target": float, "final_due": "datetime64[s]"}), cp_frame


def unit_verdicts(plan: Plan, reports: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """One row per (unit, indicator) the unit reports, in plan order: the UNIT_COLUMNS, plus
    the engine's other columns. Without a registry of units there are none."""
    if not registry(plan):
        return pd.DataFrame(columns=UNIT_COLUMNS)
    cutoff, year_start = pd.Timestamp(as_of), pd.Timestamp(plan.start)
    frame, checkpoints = unit_frames(plan)
    combined = _own_values(plan, reports, as_of)
    out = judge(frame, checkpoints, combined, cutoff, year_start)
    # Without a share there is nothing to judge but the duty to report.
    unallocated = out["target"].isna().to_numpy()
    due = out["base"].map(_anything_due(plan, as_of)).to_numpy(bool)
    reported = out["actual"].notna().to_numpy()
    out.loc[unallocated, "status"] = np.select(
        [reported[unallocated], due[unallocated]],
        [Status.on_track.value, Status.no_report.value], Status.not_due.value)
    out["indicator"] = out.pop("base")
    return out


def _anything_due(plan: Plan, as_of: dt.date) -> dict[str, bool]:
    return {ind.id: ind.checkpoints[0].due <= as_of for _, ind in plan.indicators()}


def _own_values(plan: Plan, reports: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Per (unit, indicator) key: the unit's own latest value on or before `as_of`."""
    if reports.empty:
        return pd.DataFrame({"indicator": pd.Series(dtype=object), "actual": pd.Series(dtype=float),
                             "reporters": pd.Series(dtype=int),
                             "last_report": pd.Series(dtype="datetime64[ns]")})
    counts, relabelled = designated(plan, reports)
    mine = relabelled[counts]
    upto = mine[(mine["as_of"] <= pd.Timestamp(as_of)) & mine["value"].notna()]
    latest = latest_reports(upto, as_of)
    keys = latest["reporter"].astype(str) + KEY + latest["indicator"].astype(str)
    return pd.DataFrame({"indicator": keys.to_numpy(dtype=object),
                         "actual": latest["value"].to_numpy(float),
                         "reporters": 1, "last_report": latest["as_of"].to_numpy()})


# The ranking's score: the share of a town's judged items (those due or reported) that are done
# or on track, at-risk items counting half; overdue and unreported count nothing.
WEIGHTS = {Status.done: 1.0, Status.on_track: 1.0, Status.at_risk: 0.5, Status.overdue: 0.0,
           Status.no_report: 0.0}


def rank_towns(verdicts: pd.DataFrame) -> pd.DataFrame:
    """The towns ranked by score (0–100, see WEIGHTS), best first; equal scores share a rank
    (1, 2, 2, 4). Columns: rank, unit, score, judged, and a count per status."""
    towns = verdicts[verdicts["unit_kind"] == UnitKind.town.value]
    judged = towns[towns["status"] != Status.not_due.value]
    counts = pd.crosstab(towns["unit"], towns["status"]).reindex(
        columns=[s.value for s in Status], fill_value=0)
    weight = judged["status"].astype(str).map({s.value: w for s, w in WEIGHTS.items()}).astype(float)
    score = (weight.groupby(judged["unit"]).mean() * 100).reindex(counts.index)
    out = counts.assign(score=score.round(1), judged=counts.drop(columns=Status.not_due.value)
                        .sum(axis=1)).reset_index().rename(columns={"index": "unit"})
    out.columns.name = None
    out = out.sort_values(["score", "unit"], ascending=[False, True], na_position="last")
    out["rank"] = out["score"].rank(method="min", ascending=False).astype("Int64")
    return out[["rank", "unit", "score", "judged", *[s.value for s in Status]]].reset_index(
        drop=True)
