"""The checks that relate rows (actuals/rows.py): repeats counted once, conflicts refused,
decreases warned — against a plain Python reading of the same rows, in any row order."""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np
import pytest
from conftest import small_plan_data
from hypothesis import given, settings
from hypothesis import strategies as st

from minsheng_cli.actuals import load_actuals
from minsheng_cli.actuals.relations import _DAYS, _day_by_day, _ordered
from minsheng_cli.plan.model import Plan
from minsheng_cli.problems import ProblemsError

PLAN = Plan.model_validate(small_plan_data())
PILES = "p10.charging_piles"

Row = tuple[str, int, int]  # reporter, day of June, value


def naive(rows: list[Row]) -> tuple[list[int], list[int], list[int]]:
    """(conflicting rows, decreasing rows, rows kept) as spreadsheet row numbers (header = 1)."""
    first: dict[tuple[str, int], tuple[int, int]] = {}  # (reporter, day) → (row, value)
    conflicts, kept = [], []
    for n, (who, day, value) in enumerate(rows, start=2):
        lead = first.setdefault((who, day), (n, value))
        if lead[0] == n:
            kept.append(n)
        elif lead[1] != value:
            conflicts.append(n)
    decreases = []
    for who in {w for w, _, _ in rows}:
        series = sorted((day, row, value) for (w, day), (row, value) in first.items() if w == who)
        decreases += [b[1] for a, b in zip(series, series[1:]) if b[2] < a[2]]
    return sorted(conflicts), sorted(decreases), kept


rows_strategy = st.lists(st.tuples(st.sampled_from(["甲", "乙", "丙"]), st.integers(1, 6),
                                   st.integers(0, 300)), min_size=1, max_size=40)


@settings(max_examples=150, deadline=None)
@given(rows_strategy, st.booleans())
def test_relations_match_a_plain_reading_in_any_order(rows: list[Row], by_date: bool) -> None:
    if by_date:  # as a growing export is: then decreases are found day by day, without a sort
        rows = sorted(rows, key=lambda r: r[1])
    text = "指标编号,截至日期,累计完成,填报单位\n" + "".join(
        f"{PILES},2023-06-{day:02d},{value},{who}\n" for who, day, value in rows)
    conflicts, decreases, kept = naive(rows)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.csv"
        path.write_text(text, encoding="utf-8")
        try:
            data = load_actuals(path, PLAN)
        except ProblemsError as exc:
            assert conflicts, exc.problems
            assert sorted(p.line for p in exc.problems if p.code == "conflicting-reports") \
                == conflicts
            return
    assert not conflicts
    assert sorted(p.line for p in data.warnings if p.code == "cumulative-decrease") == decreases
    assert sorted(data.frame["row"].tolist()) == kept


@pytest.mark.parametrize("groups", [50, 70_000])  # radix sorts below 2**16 groups, else one sort
@pytest.mark.parametrize("by_date", [False, True])
def test_rows_are_ordered_by_group_then_day_keeping_file_order(groups: int, by_date: bool) -> None:
    rng = np.random.default_rng(7)
    n = 20_000
    group, day = rng.integers(0, groups, n), rng.integers(0, 366, n)
    if by_date:
        day.sort()
    key = group * _DAYS + day
    at = np.flatnonzero(rng.random(n) < 0.9)
    assert np.array_equal(_ordered(at, key, group, day), at[np.argsort(key[at], kind="stable")])
    assert _ordered(at[:1], key, group, day).tolist() == at[:1].tolist()


def test_rows_in_date_order_are_read_day_by_day_unless_a_group_repeats_a_day() -> None:
    # groups 0 and 1 over days 0..2; group 1 goes down on day 2 (row 5: 4 after 7, row 3)
    group = np.array([0, 1, 1, 0, 0, 1])
    day = np.array([0, 0, 1, 1, 2, 2])
    values = np.array([1.0, 5.0, 7.0, 2.0, 3.0, 4.0])
    pairs = _day_by_day(None, group, day, values)
    assert pairs is not None
    assert pairs[0].tolist() == [5] and pairs[1].tolist() == [2]
    # with rows 1 and 2 left out, row 5 is group 1's first report: nothing goes down
    at = np.array([0, 3, 4, 5])
    assert [p.tolist() for p in _day_by_day(at, group, day, values) or ()] == [[], []]
    assert _day_by_day(None, group, np.array([0, 0, 1, 1, 1, 2]), values) is None  # 0 twice on day 1
    assert _day_by_day(None, group, day[::-1].copy(), values) is None  # not in date order
