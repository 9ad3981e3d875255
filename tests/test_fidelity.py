"""Plan fidelity (#16): firm floors against "about" paces, monthly duties encoded one way, due dates
that are readings of the text shown, the notice's own bulletin commitment as plan data, and a rate
typed as a fraction. Every verdict below is computed by hand in its comment."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import PLAN_2023, SEED, reports, small_plan_data
from pydantic import ValidationError
from typer.testing import CliRunner

from minsheng_cli.actuals import load_actuals
from minsheng_cli.cli import app
from minsheng_cli.engine.evaluate import evaluate
from minsheng_cli.engine.lights import add_lights, first_round_month, rounds
from minsheng_cli.engine.statuses import Status
from minsheng_cli.engine.units import unit_verdicts
from minsheng_cli.plan.audit import BULLETIN_START_MONTH, audit, bulletin_gaps, figures
from minsheng_cli.plan.load import load_plan
from minsheng_cli.plan.model import Kind, Plan
from minsheng_cli.plan.schema import plan_schema

D = dt.date
MARKET = "区市场监督管理局"
runner = CliRunner()


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan(PLAN_2023)


def verdict(plan: Plan, indicator: str, as_of: dt.date, value: float,
            reporter: str = MARKET) -> dict[str, Any]:
    frame = reports((indicator, as_of.isoformat(), value, reporter))
    return dict(evaluate(plan, frame, as_of).results.set_index("indicator").loc[indicator])


# ── 1. a pace (约) shapes the line; only a firm floor makes an indicator overdue ────────────────

def test_the_2023_targets_are_the_firm_floors_the_text_states(plan: Plan) -> None:
    food = plan.indicator("p8.food_sampling")[1]  # type: ignore[index]
    produce = plan.indicator("p8.produce_rapid_tests")[1]  # type: ignore[index]
    assert (food.final.target, food.final.due, food.final.firm) == (2000, D(2023, 12, 31), True)
    assert (produce.final.target, produce.final.due) == (40000, D(2023, 12, 31))
    # January to November: about 170 (3400) a month, cumulative, as paces
    assert [(cp.target, cp.firm) for cp in food.checkpoints[:11]] == [
        (170 * m, False) for m in range(1, 12)]
    assert [cp.target for cp in produce.checkpoints[:11]] == [3400 * m for m in range(1, 12)]
    assert not any(cp.firm for cp in produce.checkpoints[:11])


def test_2010_food_samples_in_december_meet_the_only_firm_floor(plan: Plan) -> None:
    # 2010 ≥ 2000, the firm floor: done (before the change: 2010 < 2040, overdue)
    got = verdict(plan, "p8.food_sampling", D(2023, 12, 31), 2010)
    assert got["status"] == Status.done and got["target"] == 2000


def test_1990_food_samples_in_december_miss_the_firm_floor(plan: Plan) -> None:
    assert verdict(plan, "p8.food_sampling", D(2023, 12, 31), 1990)["status"] == Status.overdue


def test_a_pace_missed_in_march_is_at_risk_not_overdue(plan: Plan) -> None:
    # 31 March: the pace asks about 3 × 170 = 510; 400 is behind it, and no firm floor is due yet
    got = verdict(plan, "p8.food_sampling", D(2023, 3, 31), 400)
    assert got["status"] == Status.at_risk
    assert got["required"] == 510


def test_the_pace_line_runs_into_the_firm_floor(plan: Plan) -> None:
    # 15 December: from November's pace 1870 to December's floor 2000 over 31 days:
    # 1870 + 130 × 15/31 = 1932.9; 1900 is behind (at risk), 1950 ahead (on track), neither overdue
    behind = verdict(plan, "p8.food_sampling", D(2023, 12, 15), 1900)
    assert behind["status"] == Status.at_risk
    assert behind["required"] == pytest.approx(1870 + 130 * 15 / 31)
    assert verdict(plan, "p8.food_sampling", D(2023, 12, 15), 1950)["status"] == Status.on_track


def test_produce_rapid_tests_40000_is_done_and_39999_is_overdue(plan: Plan) -> None:
    assert verdict(plan, "p8.produce_rapid_tests", D(2023, 12, 31), 40000)["status"] == Status.done
    assert verdict(plan, "p8.produce_rapid_tests", D(2023, 12, 31), 39999)["status"] == \
        Status.overdue
    # June: 6 × 3400 = 20400 is the pace; 15000 is behind it, not overdue
    assert verdict(plan, "p8.produce_rapid_tests", D(2023, 6, 30), 15000)["status"] == \
        Status.at_risk


def test_a_missed_pace_lights_by_the_band_not_red_as_overdue(plan: Plan) -> None:
    # 31 March, 400 of 510: behind by 110 of 2000 = 5.5 points; an overdue would be red outright
    frame = reports(("p8.food_sampling", "2023-03-31", 400, MARKET))
    report = evaluate(plan, frame, D(2023, 3, 31))
    add_lights(report)
    row = report.results.set_index("indicator").loc["p8.food_sampling"]
    assert row["status"] == Status.at_risk and row["gap_pp"] == pytest.approx(-5.5)


def test_a_firm_monthly_duty_missed_is_still_overdue(plan: Plan) -> None:
    # 每月两次 training is firm: 2 by the end of March; 1 is overdue
    got = verdict(plan, "p2.special_needs_art_training", D(2023, 3, 31), 1, "团区委")
    assert got["status"] == Status.overdue


def test_the_unit_verdict_treats_a_pace_as_the_district_does(plan: Plan) -> None:
    frame = reports(("p8.food_sampling", "2023-03-31", 400, MARKET))
    units = unit_verdicts(plan, frame, D(2023, 3, 31))
    row = units[(units["unit"] == MARKET) & (units["indicator"] == "p8.food_sampling")].iloc[0]
    assert row["status"] == Status.at_risk and row["target"] == 2000


def test_no_2023_indicator_can_be_overdue_for_missing_an_about_figure(plan: Plan) -> None:
    # a checkpoint is a pace exactly when the figure its quote states for it is written 约
    # (the trail's "约2.5公里、2000级台阶": the 约 is the length's; the 2000 steps are firm)
    for _, ind in plan.indicators():
        for c, cp in enumerate(ind.checkpoints):
            amounts = [cp.target, cp.target - (ind.checkpoints[c - 1].target if c else 0)]
            stated = [f for f in figures(cp.source) if any(f.value == a for a in amounts)]
            about = bool(stated) and stated[0].text.startswith("约")
            assert cp.firm != about, (ind.id, cp.due, cp.source)


def _pace_plan(**checkpoint: Any) -> dict[str, Any]:
    data = small_plan_data()
    data["projects"][0]["indicators"][0]["checkpoints"] = [
        {"due": "2023-06", "target": 200, "source": "约200", "firm": False},
        {"due": "2023-12", "target": 450, "source": "450", **checkpoint}]
    return data


def test_an_indicator_of_paces_only_is_refused_by_the_model_and_the_schema() -> None:
    data = _pace_plan(firm=False)
    with pytest.raises(ValidationError, match="at least one firm checkpoint"):
        Plan.model_validate(data)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(json.loads(json.dumps(data)), plan_schema())
    ok = _pace_plan()
    jsonschema.validate(ok, plan_schema())
    assert Plan.model_validate(ok).indicators()[0][1].final.target == 450


def test_the_final_target_is_the_last_firm_checkpoint_even_with_a_pace_after_it() -> None:
    data = small_plan_data()
    data["projects"][0]["indicators"][0]["checkpoints"] = [
        {"due": "2023-06", "target": 200, "source": "200"},
        {"due": "2023-12", "target": 450, "source": "约450", "firm": False}]
    ind = Plan.model_validate(data).indicators()[0][1]
    assert (ind.final.target, ind.final.due) == (200, D(2023, 6, 30))


# ── 2. monthly duties one way; readings of due dates shown ─────────────────────────────────────

def test_every_monthly_duty_is_encoded_month_by_month(plan: Plan) -> None:
    monthly = [ind for _, ind in plan.indicators() if ind.kind is Kind.quantity
               and any("每月" in cp.source for cp in ind.checkpoints)]
    assert {i.id for i in monthly} == {"p2.special_needs_art_training", "p3.nanxiangshan_upkeep",
                                       "p8.food_sampling", "p8.produce_rapid_tests"}
    for ind in monthly:
        months = [cp.due.month for cp in ind.checkpoints]
        assert months == list(range(months[0], 13)), ind.id  # one checkpoint a month, to December
        assert all(cp.due.day >= 28 for cp in ind.checkpoints)  # each month's end


def test_nanxiangshan_upkeep_counts_the_months_from_march(plan: Plan) -> None:
    ind = plan.indicator("p3.nanxiangshan_upkeep")[1]  # type: ignore[index]
    assert [cp.target for cp in ind.checkpoints] == list(range(1, 11))
    # 31 July: five months (March to July) due; four reported is overdue, five is on track
    assert verdict(plan, ind.id, D(2023, 7, 31), 4, "区林业和园林局")["status"] == Status.overdue
    assert verdict(plan, ind.id, D(2023, 7, 31), 5, "区林业和园林局")["status"] == Status.on_track


def test_the_360_children_are_due_with_the_last_lecture_in_november(plan: Plan) -> None:
    cp = plan.indicator("p2.special_needs_children_served")[1].final  # type: ignore[index]
    assert (cp.due, cp.target) == (D(2023, 11, 30), 360)
    assert all("11月" in (cp.reading(lang) or "") for lang in ("zh", "en"))


READINGS = {("p2.special_needs_children_served", "2023-11-30"),
            ("p3.clearance_and_greening", "2023-10-31"), ("p3.trail_steps_repaired", "2023-12-31"),
            ("p3.lookout_tower_repair", "2023-12-31"), ("p3.master_plan_city_review", "2023-12-31"),
            ("p5.rental_housing_units", "2023-12-31")}


def test_the_audit_lists_every_due_date_reading(plan: Plan) -> None:
    found = [f for f in audit(plan) if f.code == "due-date-reading"]
    assert {tuple(f.message.split(":")[0].split(" ")) for f in found} == READINGS
    assert all(f.severity == "warning" for f in found)
    assert any("10月前" in f.message and "September" in f.message for f in found)


def test_list_shows_the_readings_and_marks_the_paces() -> None:
    result = runner.invoke(app, ["list", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert {(r["indicator"], r["due"]) for r in rows if r["due_reading"]} == READINGS
    paces = [r for r in rows if not r["firm"]]
    assert {r["indicator"] for r in paces} == {"p8.food_sampling", "p8.produce_rapid_tests"}
    table = runner.invoke(app, ["list", "--project", "3", "--lang", "en"], env={"COLUMNS": "200"})
    assert "10月前 (before October) read as by the end of October" in table.stdout
    food = runner.invoke(app, ["list", "--project", "8", "--lang", "en"], env={"COLUMNS": "200"})
    assert "≈170" in food.stdout and "≈2,000" not in food.stdout and "2,000" in food.stdout


# ── 3. the bulletin commitment is plan data ───────────────────────────────────────────────────

def test_the_plan_carries_the_notices_bulletin_commitment(plan: Plan) -> None:
    assert plan.bulletins is not None
    assert (plan.bulletins.start, plan.bulletins.every) == ("2023-07", "month")
    seed = re.sub(r"\s+", "", SEED.read_text(encoding="utf-8"))
    assert re.sub(r"\s+", "", plan.bulletins.source) in seed
    assert plan.first_bulletin_month == first_round_month(plan) == 7


def _bulletins_from(month: str | None) -> Plan:
    data = copy.deepcopy(small_plan_data())
    if month is not None:
        data["bulletins"] = {"from": month, "every": "month", "source": "每月通报"}
    return Plan.model_validate(data)


def test_the_rounds_and_the_audit_read_the_bulletin_start_from_the_plan() -> None:
    september = _bulletins_from("2023-09")
    assert first_round_month(september) == 9
    assert rounds(september, D(2023, 11, 15)) == [D(2023, 9, 30), D(2023, 10, 31),
                                                  D(2023, 11, 15)]
    # from September: the piles' first checkpoint (March) and the accidents' (June) come before
    assert list(bulletin_gaps(september)) == []
    late = copy.deepcopy(small_plan_data())
    late["bulletins"] = {"from": "2023-02", "source": "每月通报"}
    gaps = [f.message for f in bulletin_gaps(Plan.model_validate(late))]
    assert gaps == [
        ("p10.charging_piles: the first checkpoint is due 2023-03-31; the monthly bulletins of "
         "2023-02 have no stated target to judge its progress by"),
        ("p10.accidents: the first checkpoint is due 2023-06-30; the monthly bulletins of "
         "2023-02 to 2023-05 have no stated target to judge its progress by")]


def test_a_plan_without_bulletins_starts_them_in_july() -> None:
    plain = _bulletins_from(None)
    assert plain.bulletins is None
    assert first_round_month(plain) == BULLETIN_START_MONTH == 7


@pytest.mark.parametrize(("bulletins", "message"), [
    ({"from": "2024-07", "source": "每月通报"}, "not in the plan year"),
    ({"from": "2023-13", "source": "每月通报"}, "should match pattern"),
    ({"from": "2023-07", "every": "week", "source": "每月通报"}, "month"),
    ({"from": "2023-07"}, "source"),
])
def test_a_bulletin_commitment_is_checked(bulletins: dict[str, str], message: str) -> None:
    data = small_plan_data()
    data["bulletins"] = bulletins
    with pytest.raises(ValidationError, match=message):
        Plan.model_validate(data)


# ── 4. a rate typed as a fraction ─────────────────────────────────────────────────────────────

def _load(tmp_path: Path, plan: Plan, value: str) -> list[Any]:
    path = tmp_path / "rates.csv"
    path.write_text("indicator,as_of,value,reporter\n"
                    f"p8.nonconforming_disposal_rate,2023-06-30,{value},{MARKET}\n",
                    encoding="utf-8")
    actuals = load_actuals(path, plan)
    return [actuals.frame["value"].iloc[0],
            [w for w in actuals.warnings if w.code == "rate-as-fraction"]]


def test_a_rate_of_0_96_against_100_is_read_as_written_with_a_warning(tmp_path: Path,
                                                                      plan: Plan) -> None:
    value, warned = _load(tmp_path, plan, "0.96")
    assert value == 0.96  # read as 0.96 percent: the row counts, as written
    assert len(warned) == 1 and warned[0].severity == "warning" and warned[0].line == 2
    assert "0.96 percent" in warned[0].text("en") and "write 96 or 96%" in warned[0].text("en")
    assert "请填 96 或 96%" in warned[0].text("zh")


@pytest.mark.parametrize("value", ["96", "96%", "0.96%", "0", "1.5"])
def test_a_rate_written_as_a_percentage_gets_no_fraction_warning(tmp_path: Path, plan: Plan,
                                                                 value: str) -> None:
    assert _load(tmp_path, plan, value)[1] == []


def test_a_fraction_against_a_low_target_rate_is_not_suspected(tmp_path: Path) -> None:
    data = small_plan_data()
    data["projects"][0]["indicators"][2]["checkpoints"] = [
        {"due": "2023-12", "target": 5, "source": "5%"}]
    path = tmp_path / "low.csv"
    path.write_text("indicator,as_of,value\np10.rate,2023-06-30,0.8\n", encoding="utf-8")
    assert [w for w in load_actuals(path, Plan.model_validate(data)).warnings
            if w.code == "rate-as-fraction"] == []
