"""The engine's latest report per indicator and reporter (engine/evaluate.py): the row with the
latest date, the last in file order among rows of that date — against a plain sort."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from minsheng_cli.engine.latest import latest_reports

rows = st.lists(st.tuples(st.sampled_from(["a", "b"]), st.sampled_from(["甲", "乙", ""]),
                          st.integers(1, 5), st.integers(0, 9)), min_size=0, max_size=30)


def frame(data: list[tuple[str, str, int, int]], categorical: bool) -> pd.DataFrame:
    out = pd.DataFrame({
        "indicator": [d[0] for d in data], "reporter": [d[1] for d in data],
        "as_of": pd.to_datetime([dt.date(2023, 6, d[2]) for d in data]),
        "value": [float(d[3]) for d in data]})
    return out.astype({"indicator": "category", "reporter": "category"}) if categorical else out


@settings(max_examples=200, deadline=None)
@given(rows, st.booleans(), st.integers(1, 5))
def test_the_latest_report_is_the_last_of_the_latest_date(
        data: list[tuple[str, str, int, int]], categorical: bool, day: int) -> None:
    reports = frame(data, categorical)
    got = latest_reports(reports, dt.date(2023, 6, day))
    expected: dict[tuple[str, str], tuple[int, int]] = {}  # key → (date, row), later rows win
    for n, (ind, who, d, _) in enumerate(data):
        best = expected.get((ind, who))
        if d <= day and (best is None or d >= best[0]):
            expected[ind, who] = (d, n)
    assert got.index.tolist() == sorted(n for _, n in expected.values())


def test_ties_on_the_date_keep_the_last_row() -> None:
    reports = frame([("a", "甲", 3, 1), ("a", "甲", 3, 2), ("a", "甲", 2, 9)], categorical=True)
    assert latest_reports(reports, dt.date(2023, 6, 30))["value"].tolist() == [2.0]
