"""The as-of date a run takes when none is given: the latest report date — unless a few rows
carry a date far beyond all the others, which is a typo (2023-12-30 for 2023-09-30) more often
than news. Then the date of the rest is taken and those rows are named. One file dated a
month after every other file's is named too (the date stays: it may be news)."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from ..i18n import say
from ..plan.model import Plan
from ..problems import Problem

GAP_DAYS = 31  # outliers lie more than a month after every other report
SHARE = 0.02  # … and are at most 2% of the rows
MOST = 20  # … and at most 20 rows
FEWEST = 50  # a file of fewer rows is too small to tell a typo from a late report


def default_as_of(frame: pd.DataFrame, plan: Plan) -> tuple[dt.date, list[Problem]]:
    """The as-of date, and an `as-of-outlier` warning when a few late rows were set aside."""
    dates = frame["as_of"].dropna()
    if dates.empty:
        return plan.start, []
    latest = dates.max()
    if len(dates) < FEWEST:
        return latest.date(), _late_files(frame, latest)
    distinct = dates.drop_duplicates().sort_values(ascending=False)
    allowed = max(1, min(MOST, int(SHARE * len(dates))))
    for later, earlier in zip(distinct.iloc[:-1], distinct.iloc[1:], strict=True):
        late = dates > earlier
        if int(late.sum()) > allowed:
            break
        if (later - earlier).days > GAP_DAYS:
            rows = frame.loc[late[late].index]
            where = "; ".join(_place(r) for _, r in rows.head(5).iterrows())
            places = say("asof.more", shown=where, n=len(rows) - 5) if len(rows) > 5 else where
            return earlier.date(), [Problem(
                "as-of-outlier", say("asof.outlier", n=len(rows), of=len(dates),
                                     earlier=earlier.date(), latest=latest.date(), gap=GAP_DAYS,
                                     where=places), severity="warning")]
    return latest.date(), _late_files(frame, latest)


def _late_files(frame: pd.DataFrame, latest: pd.Timestamp) -> list[Problem]:
    """`late-file` when one file in ten (at least one) is dated in a month after every other
    file's: one unit's 2023-11-30 for 2023-10-30 moves the whole round to November, and the
    round's warning then names the other units as not reporting, not this file."""
    if "file" not in frame or frame["file"].nunique() < 4:
        return []
    last = frame.groupby(frame["file"].astype(object), sort=False)["as_of"].max().dropna()
    late = last[last == latest]
    earlier = last[last < latest].max()
    if len(late) > max(1, len(last) // 10) or pd.isna(earlier) or (
            (earlier.year, earlier.month) == (latest.year, latest.month)):
        return []
    from ..i18n import Join

    message = say("asof.late-file", latest=latest.date(), n=len(last) - len(late),
                  earlier=earlier.date(), round=f"{latest.year}-{latest.month:02d}")
    if len(late) > 1:  # said at the first, naming them all
        message = say("asof.late-files", files=Join(("、", ", "), [str(f) for f in late.index]),
                      message=message)
    return [Problem("late-file", message, str(late.index[0]), severity="warning")]


def _place(row: pd.Series) -> str:
    file = row.get("file")
    sheet = row.get("sheet")
    parts = [str(p) for p in (file, sheet) if isinstance(p, str) and p]
    return ":".join([*parts, str(int(row["row"]))]) if parts else say("row", row=int(row["row"]))
