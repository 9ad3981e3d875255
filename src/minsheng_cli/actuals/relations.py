"""Relations between one file's rows: reports of one indicator, reporter and date that repeat
or disagree, and cumulative values that go down over time (rows.py checks each cell)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import numpy as np

from ..i18n import say
from ..problems import Problem
from .table import Table

_DAYS = 367  # day-of-year slots in a report key: ordinal 0..365
Message = Callable[[int], str]


def relations(table: Table, usable: np.ndarray, group: np.ndarray, day: np.ndarray,
               values: np.ndarray, label: Message, start: dt.date,
               rising: np.ndarray | None = None) -> tuple[np.ndarray, list[Problem]]:
    """Reports of one indicator, reporter and date that disagree (errors), and cumulative values
    that go down over time (warnings) — in the rows `rising` (None: all; a rate is a level, and
    may go down). Returns the rows that repeat an earlier report exactly."""
    repeat = np.zeros(len(group), dtype=bool)
    column, rows, file = table.columns["value"], table.rows, table.file

    def on(i: int) -> str:
        return f"{start + dt.timedelta(days=int(day[i]))}"

    def decreases(after: np.ndarray, before: np.ndarray) -> list[Problem]:
        if rising is not None:
            keep = rising[after]
            after, before = after[keep], before[keep]
        return [Problem("cumulative-decrease", say(
            "at.column", column=column.header, message=say(
                "report.decrease", label=label(i), a=shown_number(values[j]), date_a=on(j),
                first=rows[j], b=shown_number(values[i]), date_b=on(i))), file, int(rows[i]),
            column.number, severity="warning") for i, j in zip(after, before, strict=True)]

    at = None if usable.all() else np.flatnonzero(usable)
    pairs = _day_by_day(at, group, day, values)
    if pairs is not None:  # no report twice: only decreases to find
        return repeat, decreases(*pairs)
    key = group * _DAYS + day
    order = _ordered(at, key, group, day)
    if len(order) < 2:
        return repeat, []
    # from here on, positions in `order` (sorted by key, file order among equal keys)
    k, v = key[order], values[order]
    del key  # (the largest arrays here are a row's worth of integers each: one fewer at a time)
    problems: list[Problem] = []
    again = k[1:] == k[:-1]
    if again.any():  # the same key twice: a repeat, or a conflict (rare: spare the common case)
        new_key = np.ones(len(order), dtype=bool)
        new_key[1:] = ~again
        lead = np.maximum.accumulate(np.where(new_key, np.arange(len(order)), 0))
        same = v == v[lead]
        repeat[order[~new_key & same]] = True
        clash = np.flatnonzero(~new_key & ~same)
        problems += [
            Problem("conflicting-reports", say(
                "at.column", column=column.header, message=say(
                    "report.conflict", label=label(i), date=on(i), first=rows[j],
                    a=shown_number(values[j]), row=rows[i], b=shown_number(values[i]))), file, int(rows[i]),
                column.number)
            for i, j in zip(order[clash], order[lead[clash]], strict=True)]
        firsts: np.ndarray | None = np.flatnonzero(new_key)
        fk, fv = k[firsts] // _DAYS, v[firsts]
    else:  # the group from the key: a division in place, not another gather in a random order
        firsts, fv = None, v
        fk = np.floor_divide(k, _DAYS, out=k)
    down = np.flatnonzero((fk[1:] == fk[:-1]) & (fv[1:] < fv[:-1]))
    before, after = (down, down + 1) if firsts is None else (firsts[down], firsts[down + 1])
    return repeat, problems + decreases(order[after], order[before])


def _day_by_day(at: np.ndarray | None, group: np.ndarray, day: np.ndarray, values: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray] | None:
    """For rows `at` (None: every row) already in date order (a growing export's), the cumulative decreases as
    (later rows, earlier rows), found a day at a time against each group's previous report: no
    sort of the rows. None when the rows are not in date order, when a group reports twice on
    one day (a repeat or a conflict: the sort finds those), or when there are too many groups
    for a table of them."""
    n = len(group) if at is None else len(at)
    if n < 2:
        return None
    d = day if at is None else day[at]
    if not bool((d[1:] >= d[:-1]).all()):
        return None
    groups = int(group.max()) + 1
    if groups > max(1 << 20, 4 * n):
        return None
    seen = np.empty(groups, dtype=np.int64)  # scratch: a group's position within the day
    last_row = np.full(groups, -1, dtype=np.int64)  # each group's latest report so far
    last_value = np.full(groups, np.nan)
    edges = [0, *(np.flatnonzero(d[1:] != d[:-1]) + 1).tolist(), n]
    after, before = [], []
    for a, b in zip(edges[:-1], edges[1:], strict=False):
        rows = np.arange(a, b) if at is None else at[a:b]
        g = group[rows] if at is not None else group[a:b]
        seen[g] = np.arange(b - a)
        if bool((seen[g] != np.arange(b - a)).any()):
            return None  # a group twice on one day
        v = values[rows]
        down = v < last_value[g]  # NaN on either side: no decrease, as in the sorted reading
        if down.any():
            after.append(rows[down])
            before.append(last_row[g[down]])
        last_row[g], last_value[g] = rows, v
    if not after:
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    return np.concatenate(after), np.concatenate(before)


def _ordered(at: np.ndarray | None, key: np.ndarray, group: np.ndarray, day: np.ndarray
             ) -> np.ndarray:
    """The rows `at` (None: every row, sparing copies of the columns) ordered by key (group,
    then day), keeping file order among equal keys."""
    k = key if at is None else key[at]
    if len(k) < 2 or bool((k[1:] >= k[:-1]).all()):
        return np.arange(len(k)) if at is None else at  # in order, as files by indicator and date
    g = group if at is None else group[at]
    small = bool(g.max() < 1 << 16)
    if small:
        g = g.astype(np.uint16)  # a stable sort of 16-bit keys is an O(n) radix sort
    d = day if at is None else day[at]
    if not bool((d[1:] >= d[:-1]).all()):  # rows not in date order: sort by day first
        if not small:
            by_key = np.argsort(k, kind="stable")
            return by_key if at is None else at[by_key]
        by_day = np.argsort(d.astype(np.uint16), kind="stable")
        at, g = (by_day if at is None else at[by_day]), g[by_day]
    by_group = np.argsort(g, kind="stable")  # rows in date order, as growing exports are
    return by_group if at is None else at[by_group]


def shown_number(value: float) -> str:
    return f"{value:,.10g}" if abs(value) >= 1e4 else f"{value:.10g}"


