"""The engine rules decided in the reshaping (#9), each against hand-computed values: a cap is
judged by the total at its own date, a NaN value is no report, a rate is a level."""

from __future__ import annotations

import datetime as dt

from conftest import reports

from minsheng_cli.engine.evaluate import evaluate
from minsheng_cli.engine.statuses import Status
from minsheng_cli.plan.model import Plan

D = dt.date


def status(plan: Plan, frame, as_of: dt.date, indicator: str) -> str:  # type: ignore[no-untyped-def]
    return str(evaluate(plan, frame, as_of).results.set_index("indicator").loc[indicator, "status"])


def row(plan: Plan, frame, as_of: dt.date, indicator: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    return evaluate(plan, frame, as_of).results.set_index("indicator").loc[indicator].to_dict()


# ── caps (at_most): at most 10 accidents by June, at most 20 by December ────────────────────────

def test_a_cap_kept_at_its_date_is_not_broken_by_a_later_total_within_the_next_cap(
        small_plan: Plan) -> None:
    frame = reports(("p10.accidents", "2023-06-30", 8, "区科工信局"),
                    ("p10.accidents", "2023-09-30", 11, "区科工信局"))
    # 30 September: the line from June's 10 to December's 20 is 10 + 10 × 92/184 = 15; 11 ≤ 15
    got = row(small_plan, frame, D(2023, 9, 30), "p10.accidents")
    assert got["status"] == Status.on_track
    assert got["required"] == 15.0


def test_a_cap_exceeded_at_its_own_date_is_overdue(small_plan: Plan) -> None:
    frame = reports(("p10.accidents", "2023-06-30", 11, "区科工信局"))
    assert status(small_plan, frame, D(2023, 6, 30), "p10.accidents") == Status.overdue
    # and stays broken: in September the June cap was exceeded when it fell due
    assert status(small_plan, frame, D(2023, 9, 30), "p10.accidents") == Status.overdue


def test_above_the_line_between_caps_is_at_risk_not_overdue(small_plan: Plan) -> None:
    frame = reports(("p10.accidents", "2023-06-30", 8, "区科工信局"),
                    ("p10.accidents", "2023-09-30", 16, "区科工信局"))  # 16 > 15, < 20
    assert status(small_plan, frame, D(2023, 9, 30), "p10.accidents") == Status.at_risk


# ── NaN values ──────────────────────────────────────────────────────────────────────────────────

def test_a_nan_value_is_no_report(small_plan: Plan) -> None:
    frame = reports(("p10.charging_piles", "2023-03-31", None, "区科工信局"))
    got = row(small_plan, frame, D(2023, 3, 31), "p10.charging_piles")
    assert got["status"] == Status.no_report and got["reporters"] == 0


def test_a_nan_value_does_not_hide_an_earlier_report(small_plan: Plan) -> None:
    frame = reports(("p10.charging_piles", "2023-03-31", 70, "区科工信局"),
                    ("p10.charging_piles", "2023-04-30", None, "区科工信局"))
    assert row(small_plan, frame, D(2023, 4, 30), "p10.charging_piles")["actual"] == 70


# ── rates: a level, not an accumulation (95% by December) ───────────────────────────────────────

def test_a_rate_far_below_its_level_is_at_risk_from_the_start(small_plan: Plan) -> None:
    frame = reports(("p10.rate", "2023-02-01", 10, "区科工信局"))
    got = row(small_plan, frame, D(2023, 2, 1), "p10.rate")
    # a line from 0 on 1 January would require 95 × 31/364 ≈ 8.1 and call 10% on track
    assert got["required"] == 95 and got["status"] == Status.at_risk


def test_a_rate_at_its_level_is_on_track_and_below_it_after_its_date_overdue(
        small_plan: Plan) -> None:
    assert status(small_plan, reports(("p10.rate", "2023-02-01", 96, "x")), D(2023, 2, 1),
                  "p10.rate") == Status.done  # the final level reached: done
    assert status(small_plan, reports(("p10.rate", "2023-12-31", 90, "x")), D(2023, 12, 31),
                  "p10.rate") == Status.overdue


# ── a rate that grows (`pace: line`): a project's progress in % ─────────────────────────────────

def _progress_plan(pace: str | None = "line") -> Plan:
    from conftest import small_plan_data

    data = small_plan_data()
    data["projects"][0]["indicators"].append({
        "id": "p10.progress", "name": {"zh": "工程进度", "en": "Works progress"},
        "unit": {"zh": "%", "en": "%"}, "kind": "rate", **({"pace": pace} if pace else {}),
        "checkpoints": [{"due": "2023-09", "target": 80, "source": "完成工程进度80%"},
                        {"due": "2023-12", "target": 100, "source": "完成"}]})
    return Plan.model_validate(data)


def test_a_growing_rate_requires_the_line_between_its_checkpoints() -> None:
    plan = _progress_plan()
    frame = reports(("p10.progress", "2023-10-31", 85, "区交通运输局"))
    got = row(plan, frame, D(2023, 10, 31), "p10.progress")
    # 80 on 30 September, 100 on 31 December: 31 of 92 days on, 80 + 20 × 31 / 92 = 86.739…
    assert abs(got["required"] - (80 + 20 * 31 / 92)) < 1e-9
    assert got["status"] == Status.at_risk  # 85 < 86.74; a level would ask 100 already
    early = row(plan, reports(("p10.progress", "2023-06-30", 60, "x")), D(2023, 6, 30),
                "p10.progress")
    # from 0 on 1 January: 180 of 272 days to 30 September, 80 × 180 / 272 = 52.94…
    assert abs(early["required"] - 80 * 180 / 272) < 1e-9 and early["status"] == Status.on_track
    # the same indicator as a level (the default): 100 required from October on
    for level in (_progress_plan(None), _progress_plan("level")):
        assert row(level, frame, D(2023, 10, 31), "p10.progress")["required"] == 100


def test_pace_is_a_rates_only() -> None:
    import pytest
    from conftest import small_plan_data
    from pydantic import ValidationError

    data = small_plan_data()
    data["projects"][0]["indicators"][0]["pace"] = "line"  # the charging piles: a quantity
    with pytest.raises(ValidationError, match="pace applies to a rate only"):
        Plan.model_validate(data)
