"""`check` end to end on the example files, through typer's CliRunner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import ROOT
from typer.testing import CliRunner

from minsheng_cli import evaluate, load_actuals, load_plan
from minsheng_cli.cli import app
from minsheng_cli.outputs.records import CHECK_FIELDS as FIELDS
from minsheng_cli.outputs.records import check_records as records

EXAMPLES = ROOT / "examples"
SEPTEMBER = ["2023-09-towns.csv", "2023-09-excel-export-gbk.csv", "2023-09-towns.xlsx"]
runner = CliRunner()


def check_json(*args: str) -> tuple[int, list[dict]]:
    result = runner.invoke(app, ["check", *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.stderr
    return result.exit_code, json.loads(result.stdout)


ALLOCATION = EXAMPLES / "allocations" / "2023-charging-piles-example.yaml"


def by_id(rows: list[dict]) -> dict[str, dict]:
    return {row["indicator"]: row for row in rows}


def test_json_has_one_object_per_indicator_with_the_public_fields() -> None:
    _, rows = check_json(str(EXAMPLES / "2023-06-lead-units.csv"))
    assert len(rows) == len(load_plan().indicators())
    assert all(list(row) == FIELDS for row in rows)
    piles = by_id(rows)["p10.charging_piles"]
    assert piles["status"] == "overdue"  # 185 of the 200 due by 30 June
    assert (piles["actual"], piles["required"], piles["target"]) == (185, 200, 450)
    assert (piles["next_due"], piles["next_target"]) == ("2023-09-30", 340)
    assert piles["as_of"] == "2023-06-30"  # the latest date in the file


def test_june_verdicts() -> None:
    code, rows = check_json(str(EXAMPLES / "2023-06-lead-units.csv"))
    status = {k: v["status"] for k, v in by_id(rows).items()}
    assert code == 1
    # the towns' own shares of the rental housing (the plan's reported_by), summed: 2,101 < 2,400
    assert status["p5.rental_housing_units"] == "overdue"
    assert by_id(rows)["p5.rental_housing_units"]["actual"] == sum(
        round(v * 0.55) for v in (310, 280, 150, 360, 290, 520, 980, 320, 260, 120, 90, 60, 80))
    assert status["p1.cancer_screening"] == "on_track"  # 7,215 ≥ 7,000 due
    assert status["p3.master_plan_district_review"] == "overdue"  # event reported 0 at its due date
    assert status["p3.cherry_garden_phase1_completed"] == "done"
    assert status["p2.school_places"] == "not_due"
    assert status["p2.schools_built"] == "at_risk"  # 5 of 8 by July: behind the straight line


@pytest.mark.parametrize("name", SEPTEMBER)
def test_the_three_september_files_say_the_same(name: str) -> None:
    _, rows = check_json(str(EXAMPLES / name))
    _, reference = check_json(str(EXAMPLES / SEPTEMBER[0]))

    def verdicts(records: list[dict]) -> list[dict]:  # the same figures, from another file
        return [{**r, "sources": [{**s, "file": None, "sheet": None, "row": None}
                                  for s in r["sources"]]}
                for r in records]

    assert verdicts(rows) == verdicts(reference)
    assert {s["file"] for s in by_id(rows)["p10.charging_piles"]["sources"]} == {
        str(EXAMPLES / name)}
    piles = by_id(rows)["p10.charging_piles"]
    # the plan has the bureau report the district total (320); the towns' shares (318 in all)
    # are compared with it, never added to it
    assert piles["actual"] == 320 and piles["reporters"] == 1
    assert by_id(rows)["p2.school_places"]["actual"] == 12000  # "1.2万"


def test_the_bureau_total_and_the_towns_shares_are_never_summed() -> None:
    result = runner.invoke(app, ["check", str(EXAMPLES / SEPTEMBER[0]), "--format", "json"])
    warned = [line for line in result.stderr.splitlines() if "[total-mismatch]" in line]
    assert len(warned) == 1 and "318" in warned[0] and "320" in warned[0]
    # with the example allocation the towns report shares: their 318 counts, the total is compared
    result = runner.invoke(app, ["check", str(EXAMPLES / SEPTEMBER[0]), "--format", "json",
                                 "--shares", str(ALLOCATION)])
    piles = by_id(json.loads(result.stdout))["p10.charging_piles"]
    assert (piles["actual"], piles["reporters"]) == (318, 13)
    assert "[total-mismatch]" in result.stderr and "320" in result.stderr
    # --project restricts everything to one project: the piles' warning is project 10's
    for project, shown in (("5", False), ("10", True)):
        result = runner.invoke(app, ["check", str(EXAMPLES / SEPTEMBER[0]), "-p", project])
        assert ("[total-mismatch]" in result.stderr) is shown, (project, result.stderr)


def test_as_of_reevaluates_at_an_earlier_date() -> None:
    _, rows = check_json(str(EXAMPLES / "2023-09-towns.csv"), "--as-of", "2023年6月30日")
    piles = by_id(rows)["p10.charging_piles"]
    assert piles["as_of"] == "2023-06-30"
    assert piles["actual"] == 185  # the bureau's June total, not its September one


def test_fail_on_thresholds() -> None:
    done_file = str(EXAMPLES / "2023-06-lead-units.csv")
    assert runner.invoke(app, ["check", done_file, "--fail-on", "never"]).exit_code == 0
    assert runner.invoke(app, ["check", done_file, "--fail-on", "overdue"]).exit_code == 1
    # a file where only at-risk indicators remain: the project 2 rows of June, bar the overdue ones
    assert runner.invoke(app, ["check", done_file, "--fail-on", "at_risk"]).exit_code == 1


def test_exit_0_when_nothing_is_overdue(tmp_path: Path) -> None:
    path = tmp_path / "ok.csv"
    path.write_text("indicator,as_of,value\n"
                    "p10.traffic_special_meeting,2023-01-31,1\n"
                    "p8.food_sampling,2023-01-31,170\n"
                    "p8.produce_rapid_tests,2023-01-31,3400\n", encoding="utf-8")
    assert runner.invoke(app, ["check", str(path)]).exit_code == 0
    # a day later nothing new is due, but food sampling falls behind February's straight line
    assert runner.invoke(app, ["check", str(path), "--as-of", "2023-02-01"]).exit_code == 0
    assert runner.invoke(app, ["check", str(path), "--as-of", "2023-02-01", "--fail-on",
                               "at_risk"]).exit_code == 1
    path.write_text("indicator,as_of,value\np10.traffic_special_meeting,2023-01-31,1\n",
                    encoding="utf-8")
    assert runner.invoke(app, ["check", str(path)]).exit_code == 1  # food sampling unreported


def test_project_filter_csv_and_markdown() -> None:
    path = str(EXAMPLES / "2023-09-towns.csv")
    result = runner.invoke(app, ["check", path, "--project", "6", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {r["project"] for r in rows} == {"6"}
    md = runner.invoke(app, ["check", path, "--format", "markdown", "--lang", "en"]).stdout
    assert "| Indicator | Status |" in md and "overdue" in md


def test_table_shows_statuses_and_summaries() -> None:
    result = runner.invoke(app, ["check", str(EXAMPLES / "2023-09-towns.csv")],
                           env={"COLUMNS": "200"})
    assert "逾期未完成" in result.stdout and "按项目汇总" in result.stdout
    assert "按牵头单位汇总" in result.stdout


def test_cli_json_equals_the_library_result() -> None:
    path = EXAMPLES / "2023-09-towns.csv"
    plan = load_plan()
    data = load_actuals(path, plan)
    report = evaluate(plan, data.frame, data.frame["as_of"].max().date())
    _, rows = check_json(str(path))
    assert rows == json.loads(json.dumps(records(report), ensure_ascii=False))


@pytest.mark.parametrize(("args", "message"), [
    (["--as-of", "2024-01-31"], "outside the plan year"),
    (["--as-of", "yesterday"], "not a date"),
    (["--project", "6", "--plan", "nope.yaml"], "no such file"),
])
def test_bad_usage_exits_2(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["check", str(EXAMPLES / "2023-09-towns.csv"), *args, "--lang", "en"])
    assert result.exit_code == 2
    assert message in result.stderr


@pytest.mark.parametrize(("lang", "count"), [
    ("zh", "以上 3 条错误：未给出结论；请按各行所说修正后再运行"),
    ("en", "3 error messages above: no verdict; fix what they say and run again")])
def test_a_refusal_of_several_lines_ends_with_their_count_and_one_alone_does_not(
        tmp_path: Path, lang: str, count: str) -> None:
    bad = tmp_path / "报表.csv"
    bad.write_text("指标编号,截至日期,累计完成\np1.x,2023-13-01,1\np1.cancer_screening,2023-06-30,"
                   "约1180\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(bad), "--lang", lang])
    *lines, last = result.stderr.strip().splitlines()
    assert result.exit_code == 2 and len(lines) == 3 and last == count
    one = tmp_path / "一处.csv"
    one.write_text("指标编号,截至日期,累计完成\np1.cancer_screening,2023-06-30,约1180\n",
                   encoding="utf-8")
    result = runner.invoke(app, ["check", str(one), "--lang", lang])
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(("value", "target", "shown"), [
    (199.46, 371, "199"),  # from 10 up: the target's decimals
    (341.314, 404.65, "341.31"),
    (12000.4, 15000, "12,000"),
    (2.748, 4, "2.7"),  # below 10: one decimal, as the bulletin's 约2.7场 (not a whole 3)
    (3.0, 4, "3"),
    (0.374, 2, "0.37"),  # below 1: two
    (0.004, 2, "0"),
    (2.748, 404.65, "2.75"),  # the target's decimals when they are more
    (None, 4, "—"),
])
def test_a_required_figure_is_written_with_the_targets_decimals_and_below_10_as_the_bulletin(
        value: float | None, target: float, shown: str) -> None:
    from minsheng_cli.outputs.check_text import required_figure

    assert required_figure(value, target) == shown


@pytest.mark.parametrize(("required", "actual", "check", "bulletin"), [
    (11.0109, 11, "11.01", "11.01"),  # behind: 11 required of 11 done would contradict it
    (34.0326, 34, "34.03", "34.03"),
    (199.6, 199.7, "199.6", "199.6"),  # on track: 200 of 199.7 would contradict it
    (199.46, 150, "199", "199"),  # far from the actual: as before
    (2.748, 2.7, "2.75", "2.75"),  # behind by 0.048: 2.7 of 2.7 would not say so
    (11.00001, 11, "11", "11"),  # at most 4 decimals: a gap below them is not shown
    (12.0, 12, "12", "12"),
])
def test_a_required_figure_is_never_shown_on_the_other_side_of_the_actual(
        required: float, actual: float, check: str, bulletin: str) -> None:
    from minsheng_cli.outputs.bulletin import rounded
    from minsheng_cli.outputs.check_text import required_figure

    assert required_figure(required, 13, actual) == check
    assert rounded(required, actual) == bulletin


def test_check_and_the_bulletin_write_the_same_small_required_figure() -> None:
    # 特殊儿童融合教育公益讲座 in September: 2.7 of 4 场 are due by the schedule; check's table
    # wrote 3 where the bulletin wrote 约2.7场
    inbox = ROOT / "examples" / "inbox" / "2023-09"
    table = runner.invoke(app, ["check", str(inbox), "--format", "markdown"]).stdout
    bulletin = runner.invoke(app, ["report", str(inbox)]).stdout
    [row] = [line for line in table.splitlines() if "特殊儿童融合教育公益讲座" in line]
    assert row.split(" | ")[3] == "2.7"  # indicator, status, actual, required
    lines = [line for line in bulletin.splitlines() if "特殊儿童融合教育公益讲座" in line]
    assert lines and all(" | 2.7 | " in line for line in lines)


def test_the_markdown_and_html_bulletins_keep_the_decimals_that_agree_with_the_verdict() -> None:
    # (review) number_text capped rounded()'s 11.004 at two decimals: 11 required of 11, behind
    from minsheng_cli.outputs.markdown import required_text

    assert required_text(11.004, 11) == "11.004"
    assert required_text(22183.2, 21350) == "22,183" and required_text(None) == "—"
