"""Which reports count towards an indicator: with a registry of units, only those of the units
that report it (`reported_by`). The rest are compared with them, never added: a bureau's
district total beside the towns' shares of it is one figure, not two.

No I/O; the frames are those `load_actuals` returns (indicator and reporter as text or
categoricals), reporters already in their canonical names.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..i18n import Join, say
from ..plan.model import Plan
from ..plan.units import Duty, duties, registry
from ..problems import Problem

SLACK = 1e-9


def attribute(plan: Plan, reports: pd.DataFrame, as_of: dt.date
              ) -> tuple[pd.DataFrame, list[Problem]]:
    """The reports that count (a row without a reporter is the district total's: it counts for
    a total-reported indicator as its unit's), and a `total-mismatch` warning wherever the
    others disagree with them at `as_of`. Without a registry, every report counts."""
    if not registry(plan) or reports.empty:
        return reports, []
    counts, relabelled = designated(plan, reports)
    counted, others = relabelled[counts], relabelled[~counts]
    return counted, mismatches(plan, counted, others, as_of)


def counted_reports(plan: Plan, reports: pd.DataFrame) -> pd.DataFrame:
    """The reports that count (as `attribute` finds them), without comparing the others."""
    if not registry(plan) or reports.empty:
        return reports
    counts, relabelled = designated(plan, reports)
    return relabelled[counts]


def designated(plan: Plan, reports: pd.DataFrame) -> tuple[np.ndarray, pd.DataFrame]:
    """Per row, whether its unit reports its indicator; and the frame with unnamed rows of a
    total-reported indicator relabelled as that indicator's unit."""
    who, reg = duties(plan), registry(plan)
    ind_codes, ind_uniques = pd.factorize(reports["indicator"])
    reporter = reports["reporter"]
    if reporter.isna().any():  # a frame built by hand: no reporter is the district's
        reporter = reporter.astype(object).where(reporter.notna(), "")
    rep_codes, rep_uniques = pd.factorize(reporter)
    # canonical names (the reader gives them already; a frame built by hand may not)
    canonical = [(reg.resolve(str(r)) or str(r)) if str(r) else "" for r in rep_uniques]
    rep_codes_map, merged = pd.factorize(pd.Series(canonical, dtype=object))
    rep_codes = rep_codes_map[rep_codes] if len(rep_codes_map) else rep_codes
    names = [str(r) for r in merged]
    position = {name: k for k, name in enumerate(names)}
    totals = sorted({d.units[0] for d in who.values() if d.mode == "total"} - set(position))
    names += totals
    position.update({name: len(position) + k for k, name in enumerate(totals)})
    allowed = np.zeros((len(ind_uniques) + 1, len(names)), dtype=bool)  # last row: code -1
    relabel = np.arange(len(names))[None, :].repeat(len(ind_uniques) + 1, axis=0)
    blank = position.get("")
    for i, indicator in enumerate(ind_uniques):
        duty = who.get(str(indicator))
        if duty is None:
            continue
        for unit in duty.units:
            if unit in position:
                allowed[i, position[unit]] = True
        if duty.mode == "total" and blank is not None:
            allowed[i, blank] = True
            relabel[i, blank] = position[duty.units[0]]
    counts = allowed[ind_codes, rep_codes]
    new_codes = relabel[ind_codes, rep_codes]
    frame = reports.copy(deep=False)
    frame["reporter"] = pd.Categorical.from_codes(new_codes, pd.Index(names, dtype="str"))
    return counts, frame


def _latest(frame: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    upto = frame[(frame["as_of"] <= pd.Timestamp(as_of)) & frame["value"].notna()]
    latest = upto.sort_values("as_of", kind="stable").drop_duplicates(
        ["indicator", "reporter"], keep="last")
    return latest.astype({"indicator": str, "reporter": str})


def _of_rounds(message: str, rows: pd.DataFrame) -> str:
    """`message`, saying which of the compared reports are of an earlier month than the latest
    (a town's August share beside the bureau's September total: not one round's figures)."""
    stamps = pd.DatetimeIndex(rows["as_of"])
    months = stamps.year * 12 + stamps.month
    if months.nunique() < 2:
        return message
    old = rows[(months < months.max())]
    named = [f"{r['reporter'] or say('total.no-reporter')}（{r['as_of'].date()}）"
             for _, r in old.head(3).iterrows()]
    stale = Join(("、", ", "), named + (["…"] if len(old) > 3 else []))
    return say("total.other-rounds", message=message, stale=stale,
               latest=stamps.max().date())


def _where(row: pd.Series) -> str:
    """`file:sheet row N` (or `row N`) of a report, as far as the frame knows it."""
    parts = [str(row[c]) for c in ("file", "sheet") if c in row and isinstance(row[c], str)
             and row[c]]
    line = [say("row", row=int(row["row"]))] if "row" in row and pd.notna(row["row"]) else []
    where = [":".join(parts)] if parts else []
    return Join((" ", " "), [*where, *line]) if where or line else say("attr.a-report")


def mismatches(plan: Plan, counted: pd.DataFrame, others: pd.DataFrame,
               as_of: dt.date) -> list[Problem]:
    """`total-mismatch` warnings: a district total beside shares that add up to another figure;
    where the figures are of different months, the message names the earlier ones."""
    if others.empty:
        return []
    who: dict[str, Duty] = duties(plan)
    mine, theirs = _latest(counted, as_of), _latest(others, as_of)
    problems: list[Problem] = []
    for indicator, group in theirs.groupby("indicator", sort=False):
        duty = who.get(str(indicator))
        if duty is None:
            continue
        own = mine[mine["indicator"] == indicator]
        if own.empty:
            continue
        counted_sum = float(own["value"].sum())
        first = group.iloc[0]
        file = first["file"] if "file" in group and isinstance(first.get("file"), str) else None
        line = int(first["row"]) if "row" in group else None
        if duty.mode == "shares":
            for _, row in group.iterrows():
                total = float(row["value"])
                if abs(total - counted_sum) > SLACK * max(abs(total), 1.0):
                    name = row["reporter"] or say("total.no-reporter")
                    problems.append(Problem(
                        "total-mismatch", _of_rounds(say(
                            "total.shares-differ", id=indicator, name=name, total=f"{total:g}",
                            where=_where(row), n=len(own), of=len(duty.units),
                            sum=f"{counted_sum:g}"), pd.concat([own, row.to_frame().T])),
                        row.get("file") if isinstance(row.get("file"), str) else None,
                        int(row["row"]) if "row" in row else None, severity="warning"))
        else:
            shares = float(group["value"].sum())
            total_row = own.iloc[0]
            if abs(shares - counted_sum) > SLACK * max(abs(counted_sum), 1.0):
                units = "、".join(str(r) for r in group["reporter"])
                problems.append(Problem(
                    "total-mismatch", _of_rounds(say(
                        "total.total-differs", id=indicator, units=units, shares=f"{shares:g}",
                        reporter=total_row["reporter"], sum=f"{counted_sum:g}",
                        where=_where(total_row)), pd.concat([own.head(1), group])),
                    file, line, severity="warning"))
    return problems
