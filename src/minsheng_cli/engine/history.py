"""The combined actual of each indicator at every report date: the series behind charts and trends."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from ..plan.model import Plan
from .attribution import counted_reports
from .evaluate import combine_rules
from .latest import reported_by


def history(plan: Plan, reports: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    """The combined actual of each indicator at every date something was reported, up to `as_of`.

    Returns columns indicator, as_of, actual — the series behind burn-up charts and trends,
    by indicator and date. Only the reports `evaluate` counts are combined (a bureau's total,
    or the towns' shares of it, never both), so a series ends at the indicator's actual.
    """
    upto = reported_by(counted_reports(plan, reports), as_of)
    if upto.empty:
        return pd.DataFrame({"indicator": pd.Series(dtype=object),
                             "as_of": pd.Series(dtype="datetime64[ns]"),
                             "actual": pd.Series(dtype=float)})
    reporter = upto["reporter"]
    if reporter.isna().any():  # a frame built by hand: no reporter is one reporter
        reporter = reporter.astype(object).fillna("")
    ind, indicators = pd.factorize(upto["indicator"], sort=True)
    rep, reporters = pd.factorize(reporter, sort=True)
    day, days = pd.factorize(upto["as_of"], sort=True)
    value = upto["value"].to_numpy(dtype=float)
    if (ind < 0).any():  # a row of no indicator (a frame built by hand) belongs to no series
        ind, rep, day, value = (a[ind >= 0] for a in (ind, rep, day, value))
    # one column per indicator and date reported, in that order; one row per reporter
    pair = ind.astype(np.int64) * len(days) + day
    present = np.bincount(pair, minlength=len(indicators) * len(days)) > 0
    column = (np.cumsum(present) - 1)[pair]
    columns = np.flatnonzero(present)
    owner, when = np.divmod(columns, len(days))
    grid = _carried(_latest_values(rep, column, value, (len(reporters), len(columns))), owner)
    # as `combine` does: an indicator the plan does not have (a frame built by hand) is averaged
    rules = combine_rules(plan)
    how = np.array([rules.get(str(i)) for i in indicators], dtype=object)[owner]
    actual = np.full(len(columns), np.nan)
    for rule, blank in (("max", -np.inf), ("min", np.inf)):  # as pandas does (-0.0 against 0.0)
        if (picked := how == rule).any():
            part = grid[:, picked]  # a copy
            part[np.isnan(part)] = blank
            actual[picked] = getattr(part, rule)(axis=0)
    missing = np.isnan(grid)
    counts = len(grid) - missing.sum(axis=0)
    grid[missing] = 0.0  # in place: the grid is the largest array here
    del missing
    # summed reporter by reporter, as pandas sums a frame's columns (the same float results)
    total = grid.sum(axis=0)
    summed = how == "sum"
    actual[summed] = total[summed]
    averaged = ~summed & (how != "max") & (how != "min")
    actual[averaged] = total[averaged] / counts[averaged]
    return pd.DataFrame({"indicator": np.asarray(indicators, dtype=object)[owner],
                         "as_of": pd.DatetimeIndex(days[when]),
                         "actual": actual}).astype({"indicator": object})


def _latest_values(rep: np.ndarray, column: np.ndarray, value: np.ndarray,
                   shape: tuple[int, int]) -> np.ndarray:
    """Reporter × column: the reporter's value that day, the last in file order when it reported
    twice (a frame built by hand; the reader keeps one)."""
    grid = np.full(shape, np.nan)
    grid[rep, column] = value
    if np.count_nonzero(~np.isnan(grid)) < len(value):  # two rows in one cell (values are set)
        cell = rep.astype(np.int64) * shape[1] + column
        last = np.ones(len(cell), dtype=bool)
        last[np.unique(cell[::-1], return_index=True)[1]] = False
        last = ~last[::-1]  # the last occurrence of each cell
        grid[rep[last], column[last]] = value[last]
    return grid


def _carried(grid: np.ndarray, owner: np.ndarray) -> np.ndarray:
    """Each reporter's latest value carried forward along the columns, within an indicator
    (`owner`: each column's indicator, non-decreasing)."""
    index = np.int32 if grid.shape[1] < 1 << 31 else np.int64
    at = np.where(np.isnan(grid), index(-1), np.arange(grid.shape[1], dtype=index))
    np.maximum.accumulate(at, axis=1, out=at)
    starts = np.r_[0, np.flatnonzero(np.diff(owner)) + 1]  # each indicator's first column
    first = starts[np.cumsum(np.r_[False, np.diff(owner) != 0])]
    at[at < first] = -1  # nothing of this indicator yet
    carried = np.take_along_axis(grid, np.maximum(at, 0), axis=1)
    carried[at < 0] = np.nan
    return carried
