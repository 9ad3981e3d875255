"""The monthly round (每月通报): which units reported this round, which are stale, which are
missing. The round is the month of the as-of date. No I/O."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..i18n import Join, say
from ..plan.model import Plan
from ..problems import Problem
from .statuses import Status

SUBMITTED, STALE, MISSING, NOT_OWED = "submitted", "stale", "missing", "not_due"
PARTIAL = "partial"  # a unit that sent some of what it owes this round (partly_reported)


def round_of(as_of: dt.date) -> str:
    """The round a date belongs to: its month, `2023-09`."""
    return f"{as_of.year}-{as_of.month:02d}"


def add_submissions(verdicts: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """`submission` per (unit, indicator): submitted (a report dated in this round), stale (its
    latest report is from an earlier round: it still counts), missing (no report at all though
    something is due or its schedule requires more than 0), not_due (nothing owed yet); `stale`
    as a bool, and `last_round`, the round of its latest report."""
    out = verdicts.copy()
    last = pd.to_datetime(out["last_report"])
    this = round_of(as_of)
    rounds = last.dt.strftime("%Y-%m")
    owed = (out["status"] != Status.not_due.value) | (out["required"].fillna(0) > 0)
    out["submission"] = MISSING
    out.loc[~owed & last.isna(), "submission"] = NOT_OWED
    out.loc[last.notna(), "submission"] = STALE
    out.loc[rounds == this, "submission"] = SUBMITTED
    out["stale"] = out["submission"] == STALE
    out["last_round"] = pd.Series([r if isinstance(r, str) else None for r in rounds],
                                  index=out.index, dtype=object)
    return out


def _Any(value: object) -> Any:  # noqa: N802 — a frame's row, untyped by pandas-stubs
    return value


def _months(earlier: str, later: str) -> int:
    y1, m1 = map(int, earlier.split("-"))
    y2, m2 = map(int, later.split("-"))
    return (y2 - y1) * 12 + (m2 - m1)


def not_reported(verdicts: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """The units that sent nothing this round though they still owe something (an item already
    done owes no new report): unit, state (missing: never reported; stale: reported in an
    earlier round), what it owes, the last round it reported."""
    rows = []
    for unit, group in verdicts.groupby("unit", sort=False):
        if (group["submission"] == SUBMITTED).any():
            continue
        owes = group[group["submission"].isin([MISSING, STALE])
                     & (group["status"] != Status.done.value)]
        if owes.empty:
            continue
        last = max((r for r in group["last_round"] if isinstance(r, str)), default=None)
        rows.append({"unit": unit, "unit_kind": group["unit_kind"].iloc[0],
                     "state": STALE if last else MISSING, "owes": list(owes["indicator"]),
                     "last_round": last})
    return pd.DataFrame(rows, columns=["unit", "unit_kind", "state", "owes", "last_round"])


def partly_reported(verdicts: pd.DataFrame) -> pd.DataFrame:
    """The units that sent something this round but never reported an item that is due
    (its status `no_report`): unit, state `partial`, those items, the last round (this one).
    The bulletin lists them after the units that sent nothing: its table names such an item
    未报送, and the unit that owes it must be named too. An item reported in an earlier round and
    not updated is left out: the table judges it by that figure."""
    rows = []
    for unit, group in verdicts.groupby("unit", sort=False):
        if not (group["submission"] == SUBMITTED).any():
            continue
        owes = group[(group["submission"] == MISSING)
                     & (group["status"] == Status.no_report.value)]
        if not owes.empty:
            rows.append({"unit": unit, "unit_kind": group["unit_kind"].iloc[0], "state": PARTIAL,
                         "owes": list(owes["indicator"]),
                         "last_round": max(r for r in group["last_round"] if isinstance(r, str))})
    return pd.DataFrame(rows, columns=["unit", "unit_kind", "state", "owes", "last_round"])


def round_warnings(missing: pd.DataFrame, as_of: dt.date, where: str | None = None
                   ) -> list[Problem]:
    """One warning naming the units that sent nothing this round, with how old their figures
    are (missing-report; stale-report when every one of them reported in an earlier round)."""
    if missing.empty:
        return []
    this = round_of(as_of)
    named = []
    for row in missing.itertuples(index=False):  # row: Any, a frame's cells
        row = _Any(row)
        last = row.last_round if isinstance(row.last_round, str) else None
        if last is None:
            named.append(say("round.never", unit=row.unit, owes=len(list(row.owes))))
        else:
            age = _months(last, this)
            if age == 1:
                named.append(say("round.last-one", unit=row.unit, last=last, owes=len(list(row.owes))))
            else:
                named.append(say("round.last", unit=row.unit, last=last, age=age,
                                 owes=len(list(row.owes))))
    code = "stale-report" if (missing["state"] == STALE).all() else "missing-report"
    shown: str = Join(("；", "; "), named[:8])
    if len(named) > 8:
        shown = say("round.more", shown=shown, n=len(named) - 8)
    never = (missing["state"] == MISSING).sum()
    key = ("round.missing" if not never else "round.missing-never" if never == len(missing)
           else "round.missing-some-never")
    return [Problem(code, say(key, n=len(named), round=this, shown=shown), where,
                    severity="warning")]


@dataclass
class Round:
    """Every unit's verdicts of one round, the towns' ranking, and who did not report."""

    as_of: dt.date
    verdicts: pd.DataFrame  # unit_verdicts + submission, stale, last_round
    ranking: pd.DataFrame
    missing: pd.DataFrame
    warnings: list[Problem]


def evaluate_round(plan: Plan, reports: pd.DataFrame, as_of: dt.date,
                   where: str | None = None) -> Round | None:
    """The round at `as_of`, or None for a plan without a registry of units."""
    from ..plan.units import registry
    from .units import rank_towns, unit_verdicts

    if not registry(plan):
        return None
    verdicts = add_submissions(unit_verdicts(plan, reports, as_of), as_of)
    missing = not_reported(verdicts, as_of)
    return Round(as_of, verdicts, rank_towns(verdicts), missing,
                 round_warnings(missing, as_of, where))
