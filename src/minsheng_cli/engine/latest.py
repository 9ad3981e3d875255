"""Which reports count at a date: those with a value on or before it, and of them each
reporter's latest per indicator (the last in file order on that date). No I/O."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..plan.model import Direction, Plan

REPORT_COLUMNS = ["indicator", "as_of", "value", "reporter"]


def reported_by(reports: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """The reports dated on or before `as_of` that carry a value (a NaN value is no report)."""
    return reports.loc[_reported(reports, as_of), REPORT_COLUMNS]


def _reported(reports: pd.DataFrame, as_of: dt.date) -> np.ndarray:
    keep: np.ndarray = ((reports["as_of"] <= pd.Timestamp(as_of)) & reports["value"].notna()
                        ).to_numpy()
    return keep


def latest_reports(reports: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """Each reporter's latest report per indicator on or before `as_of`, in file order."""
    return _latest(reports, _reported(reports, as_of))


def _latest(frame: pd.DataFrame, keep: np.ndarray | None = None,
            within: np.ndarray | None = None) -> pd.DataFrame:
    """Per (indicator, reporter), among the rows `keep` (None: all), the row with the latest
    date (the last in file order among rows of that date), in file order. No sort and no hash
    of the rows: two running maxima over small integer group numbers. `within`: per kept row,
    small non-negative integers splitting each group further (one latest per part)."""
    at = None if keep is None or keep.all() else np.flatnonzero(keep)
    n = len(frame) if at is None else len(at)
    if n < 2:
        return frame if at is None else frame.iloc[at]
    ind, rep = _codes(frame["indicator"]), _codes(frame["reporter"])
    if at is not None:
        ind, rep = ind[at], rep[at]
    parts = 1 if within is None else int(within.max()) + 1
    span = (int(ind.max()) + 2) * (int(rep.max()) + 2) * parts  # (code -1: none)
    kind = np.dtype(np.int32 if span < 1 << 31 else np.int64)  # half the memory, mostly
    group: np.ndarray = ((ind.astype(kind) + 1) * np.array(int(rep.max()) + 2, dtype=kind)
                         + (rep.astype(kind) + 1))
    if within is not None:
        group = group * np.array(parts, dtype=kind) + within.astype(kind)
    if span >= 4 * n + (1 << 20):  # a sparse space of groups: number them first
        group, span = pd.factorize(group)[0], n
    days = frame["as_of"].to_numpy().astype("datetime64[ns]", copy=False).view(np.int64)
    if at is not None:
        days = days[at]
    latest = np.full(span, np.iinfo(np.int64).min)
    np.maximum.at(latest, group, days)
    on_it = np.flatnonzero(days == latest[group])  # the rows of their group's latest date
    last = np.full(span, -1, dtype=np.int64)
    np.maximum.at(last, group[on_it], on_it)
    chosen = np.sort(last[last >= 0])
    return frame.iloc[chosen if at is None else at[chosen]]


def needed_at(plan: Plan, reports: pd.DataFrame, dates: list[dt.date]) -> pd.DataFrame:
    """The rows `evaluate` reads to judge at any of `dates`: per indicator and reporter, the
    latest report with a value on or before each date, and on or before each cap's due date
    (a cap is judged by the total at its own date). `evaluate` at any of `dates` gives the same
    verdict from these rows as from all of them: it reads nothing else (the bulletin's
    light history judges seven rounds of a million rows from a few thousand)."""
    if not dates or reports.empty:
        return reports
    capped = {ind.id for _, ind in plan.indicators() if ind.direction is Direction.at_most}
    caps = {cp.due for _, ind in plan.indicators() if ind.id in capped
            for cp in ind.checkpoints if cp.due <= max(dates)}
    edges = np.array(sorted({*dates, *caps}), dtype="datetime64[D]").astype("datetime64[ns]")
    keep = (reports["value"].notna() & reports["as_of"].notna()
            & (reports["as_of"] <= pd.Timestamp(max(dates)))).to_numpy()
    stamps = reports["as_of"].to_numpy().astype("datetime64[ns]")[keep]
    # a report dated t counts from the first date of interest on or after t
    part = np.searchsorted(edges, stamps, side="left").astype(np.int64)
    return _latest(reports, keep, part)


def _codes(column: pd.Series) -> np.ndarray:
    """Integer codes of a column's values (-1 for a missing one), as narrow as they come."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes: np.ndarray = column.cat.codes.to_numpy()
        return codes
    return pd.factorize(column, use_na_sentinel=True)[0]
