"""The status engine's edges, one test per mutant that survived the engine tests (see tests/README.md).

Each test names the behaviour it pins down; together with test_status.py and test_properties.py they
kill the mutants of status.py that change a verdict or a published number.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from conftest import reports, small_plan_data

from minsheng_cli.engine.evaluate import evaluate
from minsheng_cli.engine.statuses import Status
from minsheng_cli.plan.load import load_plan
from minsheng_cli.plan.model import Plan
from minsheng_cli.plan.units import lead_units

D = dt.date
PILES = "p10.charging_piles"



def row(plan: Plan, frame: pd.DataFrame, as_of: dt.date, indicator: str) -> dict:
    return evaluate(plan, frame, as_of).results.set_index("indicator").loc[indicator].to_dict()


# ── bugs found while writing the property tests ─────────────────────────────────────────────────

def test_decimal_shares_that_add_up_to_the_target_reach_it() -> None:
    # Two towns lay 0.4 km and 320.4 km of pipe by 31 August: 320.8 km, exactly the checkpoint.
    # In binary floating point 0.4 + 320.4 is 320.79999999999995, which once read as overdue.
    plan = load_plan()
    frame = reports(("p6.water_pipe_km", "2023-08-31", 0.4, "仙村镇"),
                    ("p6.water_pipe_km", "2023-08-31", 320.4, "中新镇"))
    assert row(plan, frame, D(2023, 8, 31), "p6.water_pipe_km")["status"] == Status.on_track


def test_three_decimal_shares_reach_the_march_checkpoint() -> None:
    plan = load_plan()
    frame = reports(("p6.water_pipe_km", "2023-03-31", 1.7, "仙村镇"),
                    ("p6.water_pipe_km", "2023-03-31", 3.2, "宁西街道"),
                    ("p6.water_pipe_km", "2023-03-31", 169.2, "中新镇"))  # 174.1 km
    assert row(plan, frame, D(2023, 3, 31), "p6.water_pipe_km")["status"] == Status.on_track


def test_a_plan_without_indicators_evaluates_to_an_empty_report() -> None:
    data = small_plan_data()
    data["projects"][0]["indicators"] = []
    plan = Plan.model_validate(data)
    report = evaluate(plan, reports(), D(2023, 6, 30))
    assert report.results.empty
    assert "status" in report.results.columns


# ── the schedule ────────────────────────────────────────────────────────────────────────────────

def test_the_line_starts_at_the_latest_checkpoint_passed(small_plan: Plan) -> None:
    # on 15 August, March (70) and June (200) are past: the line runs from June's 200 to
    # September's 340, not from March
    got = row(small_plan, reports((PILES, "2023-08-15", 250, "")), D(2023, 8, 15), PILES)
    assert got["prev_due"] == pd.Timestamp("2023-06-30") and got["prev_target"] == 200
    assert got["required"] == pytest.approx(200 + 140 * 46 / 92)
    assert got["due_max"] == 200


def test_after_the_final_checkpoint_the_final_target_is_required(small_plan: Plan) -> None:
    plan = Plan.model_validate({**small_plan_data(), "projects": [{
        **small_plan_data()["projects"][0],
        "indicators": [{**small_plan_data()["projects"][0]["indicators"][0], "checkpoints": [
            {"due": "2023-03", "target": 70, "source": "70"},
            {"due": "2023-06", "target": 200, "source": "130"}]}]}]})
    got = row(plan, reports((PILES, "2023-09-30", 150, "")), D(2023, 9, 30), PILES)
    assert pd.isna(got["next_due"])
    assert got["required"] == 200
    assert got["gap_pp"] == pytest.approx((150 - 200) / 200 * 100)


# ── the verdict ─────────────────────────────────────────────────────────────────────────────────

def test_an_at_most_indicator_exactly_at_its_cap_is_within_it(small_plan: Plan) -> None:
    frame = reports(("p10.accidents", "2023-06-30", 10, ""))
    assert row(small_plan, frame, D(2023, 6, 30), "p10.accidents")["status"] == Status.on_track


def test_the_rounding_slack_grows_with_the_goal() -> None:
    # a million-unit target met by shares whose float sum misses it by a few ulps is met...
    data = small_plan_data()
    data["projects"][0]["indicators"][0]["checkpoints"] = [
        {"due": "2023-12", "target": 1_000_000, "source": "一百万"}]
    plan = Plan.model_validate(data)
    near = reports((PILES, "2023-12-31", 1_000_000 * (1 - 1e-12), ""))
    assert row(plan, near, D(2023, 12, 31), PILES)["status"] == Status.done
    # ...but one unit short is short
    short = reports((PILES, "2023-12-31", 999_999, ""))
    assert row(plan, short, D(2023, 12, 31), PILES)["status"] == Status.overdue


def test_events_have_a_percent_and_a_gap(small_plan: Plan) -> None:
    got = row(small_plan, reports(("p10.meeting", "2023-03-31", 1, "")), D(2023, 3, 31),
              "p10.meeting")
    assert got["percent"] == 100 and got["gap_pp"] == 0


def test_a_zero_target_has_no_percent_and_no_gap() -> None:
    data = small_plan_data()
    data["projects"][0]["indicators"][3]["checkpoints"] = [
        {"due": "2023-06", "target": 0, "source": "零事故"},
        {"due": "2023-12", "target": 0, "source": "零事故"}]
    plan = Plan.model_validate(data)
    got = row(plan, reports(("p10.accidents", "2023-06-30", 2, "")), D(2023, 6, 30),
              "p10.accidents")
    assert pd.isna(got["percent"]) and pd.isna(got["gap_pp"])
    assert got["status"] == Status.overdue


def test_unreported_indicators_have_no_reporters(small_plan: Plan) -> None:
    results = evaluate(small_plan, reports((PILES, "2023-03-31", 70, "A"),
                                           (PILES, "2023-03-31", 5, "B")), D(2023, 3, 31)).results
    assert results["reporters"].dtype == "int64"
    assert results.set_index("indicator")["reporters"].to_dict() == {
        PILES: 2, "p10.meeting": 0, "p10.rate": 0, "p10.accidents": 0}


def test_the_report_carries_its_plan_date_and_labels(small_plan: Plan) -> None:
    report = evaluate(small_plan, reports((PILES, "2023-03-31", 70, "")), D(2023, 3, 31))
    assert report.plan is small_plan and report.as_of == D(2023, 3, 31)
    rate = report.results.set_index("indicator").loc["p10.rate"]
    assert (rate["name"], rate["name_en"], rate["unit"], rate["unit_en"]) == (
        "完好率", "Working rate", "%", "%")
    assert (rate["combine"], rate["leaders"], rate["lead_units"]) == ("min", ["张文杰"],
                                                                      ["区科工信局"])
    assert (report.results["as_of"] == pd.Timestamp("2023-03-31")).all()


# ── the forecast ────────────────────────────────────────────────────────────────────────────────

def test_the_forecast_divides_the_target_by_the_pace(small_plan: Plan) -> None:
    # 200 piles in the first 100 days: 2 a day, so 450 on day 225, the 13th of August
    got = row(small_plan, reports((PILES, "2023-04-10", 200, "")), D(2023, 4, 10), PILES)
    assert got["forecast"] == pd.Timestamp("2023-08-13")


@pytest.mark.parametrize(("days", "forecast"), [(7299, True), (7301, False)])
def test_no_forecast_beyond_twenty_years(small_plan: Plan, days: int, forecast: bool) -> None:
    value = 450 * 100 / days  # at this pace, 450 takes `days` days
    got = row(small_plan, reports((PILES, "2023-04-10", value, "")), D(2023, 4, 10), PILES)
    assert pd.notna(got["forecast"]) == forecast


# ── counts ──────────────────────────────────────────────────────────────────────────────────────

def test_counts_have_every_status_as_a_whole_number_in_plan_order() -> None:
    plan = load_plan()
    report = evaluate(plan, reports(("p10.charging_piles", "2023-06-30", 200, "")), D(2023, 6, 30))
    by_project = report.counts("project")
    assert list(by_project.columns) == list(Status)
    assert (by_project.dtypes == "int64").all()
    assert list(by_project.index) == [p.number for p in plan.projects]
    by_unit = report.counts("lead_unit")
    first_seen = list(dict.fromkeys(u for p in plan.projects for u in lead_units(plan, p)))
    assert list(by_unit.index) == first_seen  # as the plan lists them (by registry name), not sorted
    assert (by_unit.dtypes == "int64").all()


# ── empty inputs and categorical columns ────────────────────────────────────────────────────────

def test_nothing_reported_yet_gives_typed_empty_tables(small_plan: Plan) -> None:
    from minsheng_cli.engine.evaluate import combine_reports
    from minsheng_cli.engine.history import history

    empty = combine_reports(small_plan, reports(), D(2023, 6, 30))
    assert empty.dtypes.astype(str).to_dict() == {
        "indicator": "object", "actual": "float64", "reporters": "int64",
        "last_report": "datetime64[ns]"}
    series = history(small_plan, reports(), D(2023, 6, 30))
    assert series.dtypes.astype(str).to_dict() == {
        "indicator": "object", "as_of": "datetime64[ns]", "actual": "float64"}


def test_categories_without_reports_are_not_reports(small_plan: Plan) -> None:
    from minsheng_cli.engine.history import history

    ids = [ind.id for _, ind in small_plan.indicators()]
    frame = reports((PILES, "2023-03-31", 70, "A"), (PILES, "2023-04-30", 90, "B"))
    frame["indicator"] = pd.Categorical(frame["indicator"], categories=ids)
    frame["reporter"] = pd.Categorical(frame["reporter"], categories=["A", "B", "C"])
    results = evaluate(small_plan, frame, D(2023, 4, 30)).results.set_index("indicator")
    assert results["status"].to_dict() == {PILES: Status.on_track, "p10.meeting": Status.no_report,
                                           "p10.rate": Status.not_due,
                                           "p10.accidents": Status.not_due}
    assert results["reporters"].to_dict() == {PILES: 2, "p10.meeting": 0, "p10.rate": 0,
                                              "p10.accidents": 0}
    series = history(small_plan, frame, D(2023, 4, 30))
    assert series["indicator"].tolist() == [PILES, PILES]
    assert series["actual"].tolist() == [70, 160]


def test_history_averages_reporters_of_a_mean_indicator() -> None:
    from minsheng_cli.engine.history import history

    data = small_plan_data()
    data["projects"][0]["indicators"][2]["combine"] = "mean"
    plan = Plan.model_validate(data)
    frame = reports(("p10.rate", "2023-05-31", 90, "A"), ("p10.rate", "2023-06-30", 96, "B"))
    assert history(plan, frame, D(2023, 6, 30))["actual"].tolist() == [90, 93]


# ── combining reporters ─────────────────────────────────────────────────────────────────────────

def test_an_event_done_by_one_office_is_done(small_plan: Plan) -> None:
    from minsheng_cli.engine.history import history

    frame = reports(("p10.meeting", "2023-03-20", 0, "区公安局"),
                    ("p10.meeting", "2023-03-20", 1, "区交通局"))
    assert row(small_plan, frame, D(2023, 3, 31), "p10.meeting")["status"] == Status.done
    assert history(small_plan, frame, D(2023, 3, 31))["actual"].tolist() == [1]


def test_a_mean_indicator_averages_its_reporters() -> None:
    data = small_plan_data()
    data["projects"][0]["indicators"][2]["combine"] = "mean"
    plan = Plan.model_validate(data)
    frame = reports(("p10.rate", "2023-06-30", 90, "A"), ("p10.rate", "2023-06-30", 96, "B"))
    assert row(plan, frame, D(2023, 6, 30), "p10.rate")["actual"] == 93
