"""The status engine, case by case at and between checkpoint dates."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import reports

from minsheng_cli.engine.evaluate import evaluate
from minsheng_cli.engine.statuses import Status
from minsheng_cli.plan.model import Plan

D = dt.date


def result(plan: Plan, frame: pd.DataFrame, as_of: dt.date, indicator: str) -> dict:
    rows = evaluate(plan, frame, as_of).results.set_index("indicator")
    return rows.loc[indicator].to_dict()


PILES = "p10.charging_piles"


@pytest.mark.parametrize(
    ("as_of", "value", "expected"),
    [
        # before the first checkpoint: the straight line from 0 on 1 Jan to 70 on 31 Mar
        (D(2023, 2, 15), None, Status.not_due),
        (D(2023, 2, 15), 30, Status.at_risk),  # line ≈ 35.4
        (D(2023, 2, 15), 36, Status.on_track),
        # at the first checkpoint
        (D(2023, 3, 31), None, Status.no_report),
        (D(2023, 3, 31), 69, Status.overdue),
        (D(2023, 3, 31), 70, Status.on_track),
        # between checkpoints: line from 70 on 31 Mar to 200 on 30 Jun, ≈ 134.3 on 15 May
        (D(2023, 5, 15), 70, Status.at_risk),
        (D(2023, 5, 15), 135, Status.on_track),
        (D(2023, 5, 15), 60, Status.overdue),  # the March checkpoint is missed
        # the final target reached early is done; at year end short of it is overdue
        (D(2023, 6, 30), 450, Status.done),
        (D(2023, 12, 31), 449, Status.overdue),
        (D(2023, 12, 31), 450, Status.done),
    ],
)
def test_quantity_status(small_plan: Plan, as_of: dt.date, value: float | None,
                         expected: Status) -> None:
    frame = reports((PILES, "2023-01-10", value, "区科工信局")) if value is not None else reports()
    if value is not None:
        frame["as_of"] = pd.Timestamp(as_of)
    assert result(small_plan, frame, as_of, PILES)["status"] == expected


def test_required_is_the_straight_line_between_checkpoints(small_plan: Plan) -> None:
    row = result(small_plan, reports((PILES, "2023-05-15", 100, "")), D(2023, 5, 15), PILES)
    assert row["required"] == pytest.approx(70 + 130 * 45 / 91)
    assert row["next_target"] == 200 and row["next_due"] == pd.Timestamp("2023-06-30")
    assert row["percent"] == pytest.approx(100 / 450 * 100)
    assert row["gap_pp"] == pytest.approx((100 - row["required"]) / 450 * 100)


def test_reporters_are_summed_using_each_ones_latest_report(small_plan: Plan) -> None:
    frame = reports(
        (PILES, "2023-03-01", 30, "新塘镇"),
        (PILES, "2023-03-31", 40, "新塘镇"),  # supersedes 30
        (PILES, "2023-03-20", 35, "荔城街道"),
        (PILES, "2023-04-15", 999, "荔城街道"),  # after the as-of date: ignored
    )
    row = result(small_plan, frame, D(2023, 3, 31), PILES)
    assert row["actual"] == 75
    assert row["reporters"] == 2
    assert row["status"] == Status.on_track


def test_one_reporter_short_makes_the_sum_overdue(small_plan: Plan) -> None:
    frame = reports((PILES, "2023-03-31", 40, "新塘镇"), (PILES, "2023-03-31", 29, "荔城街道"))
    assert result(small_plan, frame, D(2023, 3, 31), PILES)["status"] == Status.overdue


@pytest.mark.parametrize(
    ("as_of", "value", "expected"),
    [
        (D(2023, 2, 1), None, Status.not_due),
        (D(2023, 2, 1), 0, Status.on_track),  # reported, not yet done, not yet due
        (D(2023, 2, 1), 1, Status.done),
        (D(2023, 3, 31), None, Status.no_report),
        (D(2023, 3, 31), 0, Status.overdue),
        (D(2023, 4, 30), 1, Status.done),
    ],
)
def test_event_status(small_plan: Plan, as_of: dt.date, value: float | None,
                      expected: Status) -> None:
    frame = reports(("p10.meeting", as_of.isoformat(), value, "")) if value is not None else reports()
    assert result(small_plan, frame, as_of, "p10.meeting")["status"] == expected


def test_an_event_is_never_at_risk(small_plan: Plan) -> None:
    # halfway to the due date with nothing done: a straight line would say behind, an event is not
    frame = reports(("p10.meeting", "2023-02-14", 0, ""))
    assert result(small_plan, frame, D(2023, 2, 14), "p10.meeting")["status"] == Status.on_track


def test_rates_are_not_summed(small_plan: Plan) -> None:
    frame = reports(("p10.rate", "2023-12-31", 98, "A"), ("p10.rate", "2023-12-31", 90, "B"))
    row = result(small_plan, frame, D(2023, 12, 31), "p10.rate")
    assert row["actual"] == 90  # the plan's default for rates is the minimum
    assert row["status"] == Status.overdue


def test_at_most_indicator_compares_the_other_way(small_plan: Plan) -> None:
    under = reports(("p10.accidents", "2023-06-30", 8, ""))
    over = reports(("p10.accidents", "2023-06-30", 11, ""))
    assert result(small_plan, under, D(2023, 6, 30), "p10.accidents")["status"] == Status.on_track
    assert result(small_plan, over, D(2023, 6, 30), "p10.accidents")["status"] == Status.overdue
    year_end = reports(("p10.accidents", "2023-12-31", 15, ""))
    assert result(small_plan, year_end, D(2023, 12, 31), "p10.accidents")["status"] == Status.done


def test_forecast_follows_the_pace_so_far(small_plan: Plan) -> None:
    # 100 piles in the first 100 days of the year: 450 on day 450 at this pace, i.e. never this year
    row = result(small_plan, reports((PILES, "2023-04-10", 100, "")), D(2023, 4, 10), PILES)
    assert row["forecast"] == pd.Timestamp("2023-01-01") + pd.Timedelta(days=449)
    done = result(small_plan, reports((PILES, "2023-04-10", 450, "")), D(2023, 4, 10), PILES)
    assert pd.isna(done["forecast"])


def test_counts_by_project_and_lead_unit(small_plan: Plan) -> None:
    report = evaluate(small_plan, reports((PILES, "2023-03-31", 70, "")), D(2023, 3, 31))
    by_project = report.counts("project")
    assert by_project.loc[10, "on_track"] == 1
    assert by_project.loc[10, "no_report"] == 1  # the meeting was due on 31 March
    assert by_project.loc[10].sum() == 4
    assert report.counts("lead_unit").loc["区科工信局"].sum() == 4


def test_history_combines_reporters_at_every_report_date(small_plan: Plan) -> None:
    from minsheng_cli.engine.history import history

    frame = reports(
        (PILES, "2023-03-31", 40, "新塘镇"),
        (PILES, "2023-04-30", 30, "荔城街道"),
        (PILES, "2023-05-31", 90, "新塘镇"),
        (PILES, "2023-07-31", 500, "新塘镇"),  # after the as-of date
        ("p10.rate", "2023-05-31", 97, "A"),
        ("p10.rate", "2023-05-31", 93, "B"),
    )
    out = history(small_plan, frame, D(2023, 6, 30))
    piles = out[out["indicator"] == PILES]
    assert piles["as_of"].dt.strftime("%m-%d").tolist() == ["03-31", "04-30", "05-31"]
    assert piles["actual"].tolist() == [40, 70, 120]  # 新塘镇's 40 carries forward to April
    assert out.loc[out["indicator"] == "p10.rate", "actual"].tolist() == [93]


def test_history_takes_a_reporters_last_row_of_a_day_and_carries_nothing_across_indicators(
        small_plan: Plan) -> None:
    from minsheng_cli.engine.history import history

    frame = reports(
        (PILES, "2023-03-31", 40, "新塘镇"),
        (PILES, "2023-03-31", 45, "新塘镇"),  # the same day again, later in the file: 45
        (PILES, "2023-04-30", 30, "荔城街道"),
        ("p10.accidents", "2023-04-30", 2, "荔城街道"),  # 新塘镇's piles are not accidents
        ("p10.accidents", "2023-05-31", 3, "新塘镇"),
    )
    out = history(small_plan, frame, D(2023, 6, 30))
    assert out.values.tolist() == [  # by indicator, then date
        ["p10.accidents", pd.Timestamp("2023-04-30"), 2.0],
        ["p10.accidents", pd.Timestamp("2023-05-31"), 5.0],
        [PILES, pd.Timestamp("2023-03-31"), 45.0],
        [PILES, pd.Timestamp("2023-04-30"), 75.0]]
    frame.loc[len(frame)] = [None, pd.Timestamp("2023-04-30"), 9.0, "新塘镇"]  # by hand: no id
    assert history(small_plan, frame, D(2023, 6, 30)).values.tolist() == out.values.tolist()


def test_an_event_requires_nothing_before_its_due_date(small_plan: Plan) -> None:
    before = result(small_plan, reports(), D(2023, 2, 14), "p10.meeting")
    after = result(small_plan, reports(), D(2023, 4, 1), "p10.meeting")
    assert before["required"] == 0 and after["required"] == 1


def test_each_caller_gets_its_own_copy_of_the_plans_tables(small_plan: Plan) -> None:
    from minsheng_cli.engine.evaluate import plan_frames

    first, checkpoints = plan_frames(small_plan)  # built once per plan, copied out
    target = first.loc[0, "target"]
    first.loc[0, "target"] = -1
    first["lead_units"].iloc[0].append("某单位")
    checkpoints.loc[0, "cp_target"] = -1
    again, checkpoints = plan_frames(small_plan)
    assert again.loc[0, "target"] == target and "某单位" not in again["lead_units"].iloc[0]
    assert checkpoints.loc[0, "cp_target"] != -1
