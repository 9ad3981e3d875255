"""Traffic lights and escalation, on hand-computed cases of the small plan (conftest).

The small plan's piles: 70 by March, 200 by June, 340 by September, 450 by December (final
target 450). Between 30 June and 30 September (92 days) the schedule rises by 140, so on
31 July (31 days in) it requires 200 + 140·31/92 = 247.17 and on 31 August (62 days in)
200 + 140·62/92 = 294.35. Between 31 March and 30 June (91 days) it rises by 130: on 31 May
(61 days in) 70 + 130·61/91 = 157.14.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import reports, small_plan_data
from typer.testing import CliRunner

from minsheng_cli.cli import app
from minsheng_cli.engine.evaluate import evaluate
from minsheng_cli.engine.latest import needed_at
from minsheng_cli.engine.lights import add_lights, escalations, light_history, lights, rounds
from minsheng_cli.engine.policy import (
    PRESETS,
    Action,
    Basis,
    Light,
    LightPolicy,
    describe,
    policy_from_yaml,
)
from minsheng_cli.engine.statuses import Status
from minsheng_cli.plan.model import Plan

PILES, ACCIDENTS, RATE, MEETING = "p10.charging_piles", "p10.accidents", "p10.rate", "p10.meeting"
AUG, JUL, SEP = dt.date(2023, 8, 31), dt.date(2023, 7, 31), dt.date(2023, 9, 30)
UNIT = "区科工信局"
CAP_KEPT = (ACCIDENTS, "2023-06-30", 4, "区公安局")  # under June's cap of 10, and the line since
runner = CliRunner()


def light_of(plan: Plan, rows: pd.DataFrame, when: dt.date, indicator: str,
             policy: LightPolicy | None = None) -> str | None:
    report = evaluate(plan, rows, when)
    add_lights(report, policy)
    return report.results.set_index("indicator").loc[indicator, "light"]


# ── status → light ──────────────────────────────────────────────────────────────────────────────

def test_bands_on_the_gap_are_inclusive_at_their_lower_edge() -> None:
    frame = pd.DataFrame({
        "status": ["at_risk"] * 5 + ["on_track", "done", "overdue", "no_report", "not_due"],
        "gap_pp": [-9.99, -10.0, -29.99, -30.0, -80.0, 0.0, 0.0, -1.0, None, None],
        "direction": ["at_least"] * 10, "required": [1.0] * 10, "actual": [1.0] * 10})
    assert lights(frame, LightPolicy()).tolist() == [
        "green", "yellow", "yellow", "red", "red", "green", "green", "red", "red", None]
    softer = LightPolicy(no_report=Light.yellow)
    assert lights(frame, softer).tolist()[8] == "yellow"


def test_piles_in_july_and_august_are_yellow_by_the_default_bands(small_plan: Plan) -> None:
    june = reports((PILES, "2023-06-30", 200, UNIT))
    # July: (200 − 247.17) / 450 = −10.5 points: yellow. August: (200 − 294.35) / 450 = −21.0.
    report = evaluate(small_plan, june, JUL)
    assert report.results.set_index("indicator").loc[PILES, "gap_pp"] == pytest.approx(-10.48, abs=0.01)
    assert light_of(small_plan, june, JUL, PILES) == "yellow"
    assert light_of(small_plan, june, AUG, PILES) == "yellow"
    assert light_of(small_plan, june, AUG, PILES, LightPolicy(red=20)) == "red"
    assert light_of(small_plan, june, JUL, PILES, LightPolicy(yellow=11)) == "green"


def test_the_50_preset_measures_against_what_the_schedule_requires(small_plan: Plan) -> None:
    march = reports((PILES, "2023-03-31", 70, UNIT))
    may = dt.date(2023, 5, 31)
    # 31 May: 157.14 required, 70 done. Against the final target: 87.14 / 450 = 19.4 points
    # (yellow); against the schedule: 87.14 / 157.14 = 55.5 % (red from 50 %).
    assert light_of(small_plan, march, may, PILES) == "yellow"
    assert light_of(small_plan, march, may, PILES, PRESETS["50"]) == "red"
    # 31 July with 200: 47.17 / 247.17 = 19.1 % behind: any shortfall is yellow under 三亚's rule.
    june = reports((PILES, "2023-06-30", 200, UNIT))
    assert light_of(small_plan, june, JUL, PILES, PRESETS["50"]) == "yellow"


def test_a_cap_is_behind_when_above_its_line(small_plan: Plan) -> None:
    # Accidents: at most 10 by June, 20 by December. On 30 September (92 of 184 days) the line
    # allows 15: 18 is 3 / 20 = 15 points over (yellow), 22 is 35 over (red), 12 is green.
    for value, light in ((12, "green"), (18, "yellow"), (22, "red")):
        rows = reports((ACCIDENTS, "2023-06-30", 4, "区公安局"),
                       (ACCIDENTS, "2023-09-30", value, "区公安局"))
        assert light_of(small_plan, rows, SEP, ACCIDENTS) == light, value


def test_done_is_green_unreported_is_red_and_not_due_is_unlit(small_plan: Plan) -> None:
    rows = reports((MEETING, "2023-03-20", 1, UNIT), CAP_KEPT)
    assert light_of(small_plan, rows, JUL, MEETING) == "green"
    assert light_of(small_plan, rows, JUL, PILES) == "red"  # due in March, never reported
    assert light_of(small_plan, rows, JUL, PILES, LightPolicy(no_report=Light.yellow)) == "yellow"
    assert light_of(small_plan, rows, JUL, RATE) is None  # due in December, nothing reported


# ── rounds and escalation ───────────────────────────────────────────────────────────────────────

def test_rounds_are_month_ends_from_july_then_the_as_of_date(small_plan: Plan) -> None:
    assert rounds(small_plan, SEP) == [JUL, AUG, SEP]
    assert rounds(small_plan, dt.date(2023, 9, 15)) == [JUL, AUG, dt.date(2023, 9, 15)]
    assert rounds(small_plan, dt.date(2023, 6, 30)) == [dt.date(2023, 6, 30)]


def test_two_yellow_rounds_bring_a_letter_to_the_lead_unit(small_plan: Plan) -> None:
    june = reports((PILES, "2023-06-30", 200, UNIT), (MEETING, "2023-03-20", 1, UNIT), CAP_KEPT)
    found = escalations(small_plan, june, AUG)
    assert [(e.indicator, e.action, e.rounds, e.since, e.lights) for e in found] == [
        (PILES, Action.letter, 2, JUL, (Light.yellow, Light.yellow))]
    assert found[0].lead_units == ("区科工信局",) and found[0].leaders == ("张文杰",)
    assert escalations(small_plan, june, AUG, LightPolicy(letter_after=3)) == []
    assert escalations(small_plan, june, JUL) == []  # one round of yellow is not enough


def test_red_brings_an_interview_and_counts_towards_a_letter(small_plan: Plan) -> None:
    # July yellow, August yellow, September overdue (300 < 340): red.
    rows = reports((PILES, "2023-06-30", 200, UNIT), (PILES, "2023-09-30", 300, UNIT),
                   (MEETING, "2023-03-20", 1, UNIT), CAP_KEPT)
    table = light_history(small_plan, rows, SEP, LightPolicy())
    assert table.loc[PILES].tolist() == ["yellow", "yellow", "red"]
    assert table.loc[RATE].tolist() == [None, None, None]
    [now] = escalations(small_plan, rows, SEP)
    assert (now.action, now.rounds, now.since, now.light) == (Action.interview, 1, SEP, Light.red)
    # Interviews only after two red rounds: three rounds yellow or red still bring a letter.
    [later] = escalations(small_plan, rows, SEP, LightPolicy(interview_after=2))
    assert (later.action, later.rounds, later.lights) == (
        Action.letter, 3, (Light.yellow, Light.yellow, Light.red))


def test_a_green_round_breaks_the_streak(small_plan: Plan) -> None:
    # July: 250 ≥ 247.17, green. August: still 250, (250 − 294.35) / 450 = −9.9: green.
    # September: 330 < 340: overdue, red — one round.
    rows = reports((PILES, "2023-07-31", 250, UNIT), (PILES, "2023-09-30", 330, UNIT),
                   (MEETING, "2023-03-20", 1, UNIT), CAP_KEPT)
    assert light_history(small_plan, rows, SEP, LightPolicy()).loc[PILES].tolist() == [
        "green", "green", "red"]
    assert escalations(small_plan, rows, SEP, LightPolicy(interview_after=2)) == []



def test_rounds_the_reports_do_not_reach_are_not_judged_and_end_a_streak(
        small_plan: Plan) -> None:
    # A September folder of three units, every report dated 30 September. July and August are
    # not in it; judged from it, every indicator would read as unreported there: red, and with
    # interviews after two red rounds a 约谈 for "3 rounds in a row".
    september = reports((PILES, "2023-09-30", 300, UNIT), (MEETING, "2023-09-30", 1, "区教育局"),
                        (ACCIDENTS, "2023-09-30", 4, "区公安局"))
    policy = LightPolicy(interview_after=2)
    assert light_history(small_plan, september, SEP, policy).loc[PILES].tolist() == [
        None, None, "red"]  # 300 < 340 due by 30 September: overdue
    assert escalations(small_plan, september, SEP, policy) == []  # one red round, not two
    [now] = escalations(small_plan, september, SEP)  # the default: 约谈 after one red round
    assert (now.indicator, now.action, now.rounds, now.since) == (PILES, Action.interview, 1, SEP)
    # Each indicator by its own reporters: with 区科工信局's August row of piles, August is
    # judged for the piles (280 against 294.35 required: (280 − 294.35) / 450 = −3.2 points,
    # green, which breaks the streak), not for the accidents, which 区公安局 sent for September
    # only.
    one = pd.concat([september, reports((PILES, "2023-08-31", 280, UNIT))], ignore_index=True)
    table = light_history(small_plan, one, SEP, policy)
    assert table.loc[PILES].tolist() == [None, "green", "red"]
    assert table.loc[ACCIDENTS].tolist()[:2] == [None, None]


def test_a_unit_that_sends_only_its_latest_row_is_not_judged_unreported_before(
        small_plan: Plan) -> None:
    # (review) Two units' forms hold monthly rows from June; 区科工信局 sends only September's
    # row of piles. Judged by the folder, July and August would read the piles unreported, red:
    # 约谈 for three rounds. Its own first report decides: September only.
    others = reports(*[(ACCIDENTS, f"2023-0{m}-28", 3, "区公安局") for m in (6, 7, 8, 9)],
                     *[(MEETING, f"2023-0{m}-28", 1, "区教育局") for m in (6, 7, 8, 9)])
    folder = pd.concat([others, reports((PILES, "2023-09-30", 300, UNIT))], ignore_index=True)
    assert light_history(small_plan, folder, SEP, LightPolicy()).loc[PILES].tolist() == [
        None, None, "red"]
    # … and a bureau red in every round it reported is judged in each, whatever the others sent
    red = pd.concat([reports(*[(PILES, f"2023-0{m}-28", 100, UNIT) for m in (7, 8, 9)]),
                     reports((ACCIDENTS, "2023-09-30", 4, "区公安局"))], ignore_index=True)
    assert light_history(small_plan, red, SEP, LightPolicy()).loc[PILES].tolist() == [
        "red", "red", "red"]  # (100 − 247.17) / 450 = −32.7 points in July: red; then overdue


def test_a_unit_silent_this_round_is_judged_by_its_last_figure_in_lines_and_escalations(
        small_plan: Plan) -> None:
    # 区公安局 sent nothing this round; the last bulletin's reports hold its August figure. The
    # bulletin's lines said 未报送, red, while the escalation read the August figure, green
    # (review); and with June's report of a unit in hand the 通报 called it never reported
    # (audit). Both now read the reports in hand: its August figure still counts.
    august = reports((PILES, "2023-08-31", 300, UNIT), (ACCIDENTS, "2023-08-31", 3, "区公安局"))
    september = reports((PILES, "2023-09-30", 345, UNIT))
    from minsheng_cli.outputs.bulletin import build_bulletin

    bulletin = build_bulletin(small_plan, september, SEP, previous=august)
    [line] = [x for x in bulletin.lines if x.id == ACCIDENTS]
    assert (line.status, line.actual, line.light) == (Status.on_track, 3.0, Light.green)
    assert [e for e in bulletin.escalations if e.indicator == ACCIDENTS] == []
    alone = build_bulletin(small_plan, september, SEP)  # without the last bulletin's: unreported
    assert [x.light for x in alone.lines if x.id == ACCIDENTS] == [Light.red]


def test_the_last_bulletins_reports_judge_the_rounds_before(small_plan: Plan) -> None:
    from minsheng_cli.engine.lights import with_earlier

    august = reports((PILES, "2023-08-31", 250, UNIT), (ACCIDENTS, "2023-08-31", 3, "区公安局"),
                     (PILES, "2023-09-30", 999, UNIT))  # a row the September folder also has
    september = reports((PILES, "2023-09-30", 300, UNIT), (ACCIDENTS, "2023-09-30", 4, "区公安局"))
    both = with_earlier(september, august)
    assert sorted(zip(both["as_of"].dt.strftime("%m-%d"), both["value"], strict=True)) == [
        ("08-31", 3.0), ("08-31", 250.0), ("09-30", 4.0), ("09-30", 300.0)]  # September's wins
    # August: (250 − 294.35) / 450 = −9.9 points: green; September overdue: red
    assert light_history(small_plan, both, SEP, LightPolicy()).loc[PILES].tolist() == [
        None, "green", "red"]


def test_the_rounds_are_judged_from_the_rows_they_need_and_a_cap_from_its_own_date(
        small_plan: Plan) -> None:
    # Accidents: 12 by 20 June breaks June's cap of 10, though July's round sees 13. Judging the
    # rounds from the latest row before each round alone would drop the 20 June row and with it
    # the broken cap; the June due date keeps it. Two rows of 31 July: the later one counts.
    rows = reports((ACCIDENTS, "2023-06-20", 12, "区公安局"), (ACCIDENTS, "2023-07-05", 13, "区公安局"),
                   (PILES, "2023-07-01", 210, UNIT), (PILES, "2023-07-31", 240, UNIT),
                   (PILES, "2023-07-31", 250, UNIT), (PILES, "2023-08-31", 251, UNIT),
                   (PILES, "2023-09-05", 260, UNIT), (PILES, "2023-09-10", None, UNIT))
    needed = needed_at(small_plan, rows, [JUL, AUG])
    assert needed.index.tolist() == [0, 1, 4, 5]  # 20 June (the cap's date), 5 July, 31 July (the
    # later row), 31 August; nothing after August, nothing but the latest before each date
    for day in (JUL, AUG):
        assert evaluate(small_plan, needed, day).results.equals(
            evaluate(small_plan, rows, day).results)
    assert evaluate(small_plan, needed, AUG).results.set_index("indicator").loc[
        ACCIDENTS, "status"] == "overdue"

# ── the policy file ─────────────────────────────────────────────────────────────────────────────

def test_a_policy_file_sets_the_bands_over_its_preset() -> None:
    policy, problems = policy_from_yaml("preset: 50\nred: 60\nletter_after: 3\n", "p.yaml")
    assert problems == [] and policy == LightPolicy(yellow=0, red=60, basis=Basis.schedule,
                                                    letter_after=3)
    policy, _ = policy_from_yaml("yellow: 5\nno_report: yellow\n", "p.yaml", preset="default")
    assert policy == LightPolicy(yellow=5, no_report=Light.yellow)


@pytest.mark.parametrize(("text", "code", "line"), [
    ("yelow: 10\n", "unknown-field", 1),
    ("yellow: 10\nred: lots\n", "invalid-value", 2),
    ("red: 5\nyellow: 10\n", "invalid-value", 1),  # yellow above red
    ("no_report: green\n", "invalid-value", 1),
    ("letter_after: 0\n", "invalid-value", 1),
    ("preset: 40\n", "invalid-value", 1),
    ("basis: [target]\n", "invalid-value", 1),
    ("- 10\n", "yaml-not-mapping", 1),
    ("red: 30\nred: 40\n", "yaml-duplicate-key", 2),
    ("red: [\n", "yaml-syntax", None),
    ("# nothing\n", "empty-file", 1),
])
def test_bad_policy_files_are_refused_with_located_problems(text: str, code: str,
                                                            line: int | None) -> None:
    policy, problems = policy_from_yaml(text, "p.yaml")
    assert policy is None and problems and problems[0].code == code
    if line is not None:
        assert problems[0].line == line and problems[0].file == "p.yaml"


def test_the_rule_is_described_in_words() -> None:
    assert "滞后序时进度10个百分点及以上的亮黄灯" in describe(LightPolicy())
    assert "30个百分点及以上、逾期未完成或未报送的亮红灯" in describe(LightPolicy())
    assert "低于序时应完成数50%及以上" in describe(PRESETS["50"])
    assert "yellow from any shortfall" in describe(PRESETS["50"], "en")
    assert "未报送" not in describe(LightPolicy(no_report=Light.yellow)).split("亮黄灯")[1]


# ── the options ─────────────────────────────────────────────────────────────────────────────────

@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    plan = tmp_path / "plan.yaml"
    plan.write_text(yaml.safe_dump(small_plan_data(), allow_unicode=True), encoding="utf-8")
    csv = tmp_path / "aug.csv"
    csv.write_text("指标编号,截至日期,累计完成,填报单位\n"
                   f"{PILES},2023-06-30,200,{UNIT}\n{MEETING},2023-03-20,1,{UNIT}\n"
                   f"{PILES},2023-08-31,200,{UNIT}\n{ACCIDENTS},2023-06-30,4,区公安局\n",
                   encoding="utf-8")
    return {"plan": plan, "csv": csv}


def _report(inputs: dict[str, Path], out: Path, *extra: str) -> tuple[int, str]:
    result = runner.invoke(app, ["report", str(inputs["csv"]), "--plan", str(inputs["plan"]),
                                 "-o", str(out), *extra])
    return result.exit_code, result.stderr


def test_report_options_set_the_lights(inputs: dict[str, Path], tmp_path: Path) -> None:
    code, err = _report(inputs, tmp_path / "a.md")
    assert code == 0, err
    policy = tmp_path / "policy.yaml"
    policy.write_text("red: 20\n", encoding="utf-8")
    assert _report(inputs, tmp_path / "b.xlsx", "--policy", str(policy))[0] == 0
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "b.xlsx").worksheets[0]
    lit = {row[2]: row[6] for row in sheet.iter_rows(min_row=2, values_only=True) if row[2]}
    assert lit[PILES] == "红灯"  # 21 points behind: red from 20
    assert _report(inputs, tmp_path / "c.xlsx", "--yellow", "25")[0] == 0
    sheet = load_workbook(tmp_path / "c.xlsx").worksheets[0]
    lit = {row[2]: row[6] for row in sheet.iter_rows(min_row=2, values_only=True) if row[2]}
    assert lit[PILES] == "绿灯"


@pytest.mark.parametrize("extra", [["--yellow", "40"], ["--preset", "60"],
                                   ["--policy", "{tmp}/missing.yaml"],
                                   ["--policy", "{tmp}/bad.yaml"]])
def test_bad_policy_options_exit_2(inputs: dict[str, Path], tmp_path: Path,
                                   extra: list[str]) -> None:
    (tmp_path / "bad.yaml").write_text("yellow: 10\nred: much\n", encoding="utf-8")
    code, err = _report(inputs, tmp_path / "x.docx", *(e.format(tmp=tmp_path) for e in extra))
    assert code == 2 and "Traceback" not in err and err.strip()
    if "bad.yaml" in extra[-1]:
        assert "bad.yaml:2:6:" in err and "[invalid-value]" in err
    assert not (tmp_path / "x.docx").exists()


def test_the_bulletin_reads_the_rounds_before_from_the_previous_reports(small_plan: Plan) -> None:
    from minsheng_cli.outputs.bulletin import build_bulletin

    august = reports((PILES, "2023-08-31", 200, UNIT), (ACCIDENTS, "2023-08-31", 3, "区公安局"))
    september = reports((PILES, "2023-09-30", 300, UNIT), (ACCIDENTS, "2023-09-30", 4, "区公安局"))
    policy = LightPolicy(interview_after=2)
    def piles(previous: pd.DataFrame | None) -> list[tuple[Action, tuple[Light, ...]]]:
        found = build_bulletin(small_plan, september, SEP, previous=previous,
                               policy=policy).escalations
        return [(e.action, e.lights) for e in found if e.indicator == PILES]

    assert piles(None) == []  # August is not in September's reports: not judged
    # with the last bulletin's: August (200 − 294.35) / 450 = −21 points, yellow; then red
    assert piles(august) == [(Action.letter, (Light.yellow, Light.red))]


def test_an_escalation_names_the_lead_unit_that_answers_for_the_indicator() -> None:
    # Project 9 is led by 区公安局 and 区市场监督管理局; the elevators are the second's alone
    # (it reports their total), the cameras the first's. Shares reported by the towns: every
    # lead unit of the project answers (new user's trial: 区公安局 was to be interviewed for
    # the elevators).
    from minsheng_cli import load_plan
    from minsheng_cli.plan.units import answerable

    plan = load_plan()
    by_id = {ind.id: (proj, ind) for proj, ind in plan.indicators()}
    assert answerable(plan, *by_id["p9.elevators_first_paperless"]) == ["区市场监督管理局"]
    assert answerable(plan, *by_id["p9.new_cameras"]) == ["区公安局"]
    assert answerable(plan, *by_id["p4.zcmm_sites_built"]) == ["区人力资源和社会保障局", "区税务局"]


def test_the_lead_unit_summary_counts_an_item_under_the_units_that_answer_for_it() -> None:
    # 按牵头单位汇总 counted the elevators under 区公安局 too (new user's trial)
    from minsheng_cli import load_plan
    from minsheng_cli.engine.evaluate import Report

    plan = load_plan()
    report = evaluate(plan, reports(), dt.date(2023, 9, 30))
    elevators = report.results["indicator"].str.startswith("p9.elevator")
    assert int(elevators.sum()) == 5  # elevator_database … elevator_spot_checks
    without = Report(plan=plan, as_of=report.as_of, results=report.results[~elevators])
    every, fewer = report.counts("lead_unit").sum(axis=1), without.counts("lead_unit").sum(axis=1)
    assert every["区市场监督管理局"] - fewer["区市场监督管理局"] == 5
    assert every["区公安局"] == fewer["区公安局"]
