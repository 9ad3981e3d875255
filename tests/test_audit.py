"""`minsheng audit`: each check on small plans, and the real contradictions of the 2023 plan."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import PLAN_2023, small_plan_data
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from minsheng_cli.cli import app
from minsheng_cli.plan import audit as audit_module
from minsheng_cli.plan.audit import CODES, audit, figures
from minsheng_cli.plan.model import Plan
from minsheng_cli.problems import CATALOG

runner = CliRunner()
PLAN_LINES = PLAN_2023.read_text(encoding="utf-8").splitlines()


def line_of(text: str, after: str | None = None) -> int:
    """1-based line of the first line containing `text` (after the line containing `after`)."""
    start = next(n for n, ln in enumerate(PLAN_LINES) if after in ln) if after else 0
    return next(n for n, ln in enumerate(PLAN_LINES) if n >= start and text in ln) + 1


def piles(data: dict[str, Any]) -> dict[str, Any]:
    """The charging-piles indicator of the small plan (70, 200, 340, 450 by quarter)."""
    ind: dict[str, Any] = data["projects"][0]["indicators"][0]
    return ind


def codes_of(data: dict[str, Any]) -> list[str]:
    return [f.code for f in audit(Plan.model_validate(data))]


def write(tmp_path: Path, data: dict[str, Any], name: str = "plan.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# ---------------------------------------------------------------- the checks, one by one

def test_a_consistent_plan_has_no_findings() -> None:
    data = small_plan_data()
    data["issued"] = "2023-01-01"
    piles(data)["overview_target"] = 450
    piles(data)["overview_source"] = "新建充电桩450个"
    assert codes_of(data) == []


def test_every_audit_code_is_in_the_catalog_and_every_check_is_listed() -> None:
    assert set(CODES) <= set(CATALOG)
    assert all(callable(check) and check.__doc__ for check in audit_module.CHECKS)


@pytest.mark.parametrize(("source", "final", "found"), [
    ("为14000多名适龄妇女", 15000, True),   # 14000多 is 14000 to under 15000
    ("为14000多名适龄妇女", 14500, True),   # allowed by the wording, but the figures differ
    ("新建供水管网400公里", 404.65, True),
    ("新建供水管网400公里", 400, False),
])
def test_overview_mismatch(source: str, final: float, found: bool) -> None:
    data = small_plan_data()
    data["issued"] = "2023-01-01"
    ind = piles(data)
    ind["overview_target"] = float(source[1:6]) if "多" in source else 400
    ind["overview_source"] = source
    ind["checkpoints"] = [{"due": "2023-12", "target": final, "source": str(final) + "个"}]
    findings = [f for f in audit(Plan.model_validate(data)) if f.code == "overview-mismatch"]
    assert bool(findings) is found
    if found:
        assert findings[0].path[-1] == "overview_target"
        allowed = final < 15000 and "多" in source
        assert ("which allows it" in findings[0].message) is allowed


def test_figures_read_what_the_wording_allows() -> None:
    (more,) = figures("惠及8万多农村居民")
    assert (more.value, more.allows(88700), more.allows(90000)) == (80000, True, False)
    (floor,) = figures("全年完成食品抽检不少于2000批次")
    assert (floor.unit, floor.allows(2040), floor.allows(1999)) == ("批次", True, False)
    assert [f.value for f in figures("2023年3月,每月两次,五类以上,12315平台,6-14岁")] == [2, 5]


def test_phase_amount_mismatch_when_the_quote_states_another_amount() -> None:
    data = small_plan_data()
    piles(data)["checkpoints"][1]["source"] = "4月至6月完成140个充电桩"  # 200 - 70 = 130
    found = [f for f in audit(Plan.model_validate(data)) if f.code == "phase-amount-mismatch"]
    assert [f.path[-3:] for f in found] == [("checkpoints", 1, "target")]
    # the cumulative figure or the period's amount both match; a quote without figures is not judged
    piles(data)["checkpoints"][1]["source"] = "累计完成200个充电桩"
    piles(data)["checkpoints"][2]["source"] = "完成充电桩建设"
    assert "phase-amount-mismatch" not in codes_of(data)


def test_target_flat() -> None:
    data = small_plan_data()
    piles(data)["checkpoints"][2].update(target=200, source="200个")
    found = [f for f in audit(Plan.model_validate(data)) if f.code == "target-flat"]
    assert [f.path[-2] for f in found] == [2]


def test_item_counts_repeats_and_sources() -> None:
    data = small_plan_data()
    cps = piles(data)["checkpoints"]
    cps[0].update(target=3, source="3个村(甲村、乙村、丙村)", items=["甲村", "乙村", "丙村"])
    cps[1].update(target=5, source="2个村(丁村、乙村)", items=["丁村", "乙村"])
    cps[2].update(target=6, source="1个村(戊村)", items=["戊村", "己村"])
    cps[3].update(target=7, source="1个村")
    findings = audit(Plan.model_validate(data))
    by_code = {f.code: f for f in findings}
    assert by_code["item-repeated"].path[-4:] == ("checkpoints", 1, "items", 1)
    assert "乙村" in by_code["item-repeated"].message
    assert by_code["items-count-mismatch"].path[-3:] == ("checkpoints", 2, "items")
    assert by_code["item-not-in-source"].path[-2:] == ("items", 1)  # 己村 is not in the quote


def test_units() -> None:
    data = small_plan_data()
    piles(data)["checkpoints"][0]["source"] = "完成70台充电桩"  # 台 vs 个: 个 fits any unit
    data["projects"][0]["indicators"][3]["checkpoints"][0]["source"] = "不超过10宗"
    assert "unit-mismatch" not in codes_of(data)
    data["projects"][0]["indicators"][3]["checkpoints"][0]["source"] = "不超过10处"
    data["projects"][0]["indicators"][2]["unit"] = {"zh": "个", "en": "cameras"}  # a rate not in %
    found = {f.code: f for f in audit(Plan.model_validate(data))}
    assert found["unit-mismatch"].path[-1] == "source" and "处" in found["unit-mismatch"].message
    assert found["unit-kind-mismatch"].path[-1] == "unit"


def test_due_before_issue_and_first_checkpoint_late() -> None:
    data = small_plan_data()  # issued 2023-04-06; the meeting is due in March
    found = {f.code: f for f in audit(Plan.model_validate(data))}
    assert found["due-before-issue"].path[:4] == ("projects", 0, "indicators", 1)
    assert "first-checkpoint-late" not in found
    piles(data)["checkpoints"] = [{"due": "2023-11", "target": 450, "source": "450个"}]
    late = [f for f in audit(Plan.model_validate(data)) if f.code == "first-checkpoint-late"]
    assert len(late) == 1 and "2023-07 to 2023-10" in late[0].message


QUOTE_CHARS = st.sampled_from(list("0123456789.万多余约个名人批次%以上下不少于两五类年月-+ 村"))


@settings(max_examples=300, deadline=None)
@given(st.text(QUOTE_CHARS, max_size=30) | st.text(max_size=30))
def test_reading_figures_never_fails_and_every_figure_allows_itself(text: str) -> None:
    for fig in figures(text):
        assert fig.text in text and fig.allows(fig.value) and fig.meaning()


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 500), st.text(QUOTE_CHARS, min_size=1, max_size=12)),
                min_size=1, max_size=4),
       st.lists(st.text(QUOTE_CHARS, min_size=1, max_size=3), max_size=4),
       st.floats(0, 1000) | st.none())
def test_the_audit_never_fails_on_a_valid_plan(periods: list[tuple[int, str]], items: list[str],
                                               overview: float | None) -> None:
    data = small_plan_data()
    total = 0
    checkpoints = []
    for month, (amount, quote) in enumerate(periods, start=3):
        total += amount
        checkpoints.append({"due": f"2023-{month:02d}", "target": total, "source": quote})
    checkpoints[-1]["items"] = items or None
    piles(data)["checkpoints"] = checkpoints
    if overview is not None:
        piles(data).update(overview_target=overview, overview_source=f"新建{overview:g}个")
    for finding in audit(Plan.model_validate(data)):
        assert finding.code in CODES and finding.severity == "warning"


# ---------------------------------------------------------------- the 2023 plan

@pytest.fixture(scope="module")
def report_2023() -> dict[str, Any]:
    result = runner.invoke(app, ["audit", str(PLAN_2023), "--format", "json", "--lang", "en"])
    assert result.exit_code == 0, result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def find(report: dict[str, Any], code: str, text: str) -> dict[str, Any]:
    hits = [w for w in report["warnings"] if w["code"] == code and text in w["message"]]
    assert len(hits) == 1, (code, text, hits)
    return hits[0]


@pytest.mark.parametrize(("indicator", "overview", "final"), [
    ("p1.cancer_screening", "14000", "15000"),
    ("p2.kindergarten_places", "2430", "2520"),
    ("p6.water_pipe_km", "400", "404.65"),
    ("p6.water_residents_benefiting", "80000", "88700"),
])
def test_2023_overview_contradictions(report_2023: dict[str, Any], indicator: str, overview: str,
                                      final: str) -> None:
    hit = find(report_2023, "overview-mismatch", indicator + ":")
    assert f"says {overview} " in hit["message"] and f"is {final} " in hit["message"]
    assert hit["line"] == line_of(f"overview_target: {overview}", after=f"id: {indicator}")
    assert hit["file"] == str(PLAN_2023)


def test_2023_only_those_overview_figures_disagree(report_2023: dict[str, Any]) -> None:
    # p8.food_sampling and p8.produce_rapid_tests agree since their firm floors (2000, 4万) are
    # the targets and the monthly "约" figures only a pace (tests/test_fidelity.py)
    assert sum(w["code"] == "overview-mismatch" for w in report_2023["warnings"]) == 4


def test_2023_wording_decides_which_overview_figures_are_contradictions(
        report_2023: dict[str, Any]) -> None:
    contradicts = {w["message"].split(":")[0] for w in report_2023["warnings"]
                   if w["code"] == "overview-mismatch" and "does not allow" in w["message"]}
    assert contradicts == {"p1.cancer_screening", "p2.kindergarten_places", "p6.water_pipe_km"}


def test_2023_village_named_in_two_water_phases(report_2023: dict[str, Any]) -> None:
    hit = find(report_2023, "item-repeated", "下井村")
    line = line_of("items: [香头村")
    assert (hit["line"], hit["column"]) == (line, PLAN_LINES[line - 1].index("下井村") + 1)
    assert "2023-05-31" in hit["message"]


def test_2023_other_findings(report_2023: dict[str, Any]) -> None:
    assert find(report_2023, "unit-mismatch", "p9.elevator_database")["line"] == line_of(
        "1.5万台电梯基础数据库")
    flat = {w["message"].split(" ")[0] for w in report_2023["warnings"] if w["code"] == "target-flat"}
    assert flat == {"p4.urban_new_jobs", "p4.zcmm_sites_built", "p9.cameras_maintained"}
    derived = [w for w in report_2023["warnings"] if w["code"] == "phase-amount-mismatch"]
    assert {w["message"].split(" ")[0] for w in derived} == {"p5.rental_housing_units"}
    early = find(report_2023, "due-before-issue", "p10.traffic_special_meeting")
    assert "2023-01-31" in early["message"] and "2023-04-06" in early["message"]
    assert not [w for w in report_2023["warnings"] if w["code"] in
                {"items-count-mismatch", "item-not-in-source", "unit-kind-mismatch"}]


# ---------------------------------------------------------------- the command

def test_strict_makes_findings_errors_and_exit_1() -> None:
    result = runner.invoke(app, ["audit", "--strict", "--format", "json"])
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["valid"] is False and report["warnings"] == [] and len(report["errors"]) > 6


def test_ignore_leaves_codes_out_and_rejects_unknown_codes(tmp_path: Path) -> None:
    data = small_plan_data()
    path = write(tmp_path, data)
    result = runner.invoke(app, ["audit", str(path), "--strict", "--ignore", "due-before-issue",
                                 "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    assert "0 warnings" in result.stdout
    result = runner.invoke(app, ["audit", str(path), "--ignore", "no-such-code"])
    assert result.exit_code == 2 and "no-such-code" in result.stderr


def test_text_and_github_formats_locate_findings(tmp_path: Path) -> None:
    path = write(tmp_path, small_plan_data())
    text = runner.invoke(app, ["audit", str(path), "--lang", "en"])
    assert text.exit_code == 0
    (line,) = [ln for ln in text.stderr.splitlines() if "due-before-issue" in ln]
    assert line.startswith(f"{path}:") and "warning:" in line
    github = runner.invoke(app, ["audit", str(path), "--format", "github"])
    assert any(ln.startswith("::warning file=") and "title=due-before-issue" in ln
               for ln in github.stdout.splitlines())


def test_an_invalid_plan_exits_2_with_located_messages(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("year: 2023\nyear: 2024\n", encoding="utf-8")
    result = runner.invoke(app, ["audit", str(path)])
    assert result.exit_code == 2 and f"{path}:2:1:" in result.stderr
    assert "Traceback" not in result.output
    missing = runner.invoke(app, ["audit", str(tmp_path / "nope.yaml"), "--lang", "en"])
    assert missing.exit_code == 2 and "no such file" in missing.stderr


def test_data_is_printed_as_written_not_as_markup(tmp_path: Path) -> None:
    data = small_plan_data()
    piles(data)["checkpoints"][0]["items"] = ["[red]甲村[/red]"]
    result = runner.invoke(app, ["audit", str(write(tmp_path, data))])
    assert result.exit_code == 0
    assert "[red]甲村[/red]" in result.stderr and "item-not-in-source" in result.stderr


def test_audit_does_not_import_pandas() -> None:
    code = ("import sys; from minsheng_cli.cli import app\n"
            "try:\n    app(['audit', '--format', 'json'])\nexcept SystemExit:\n    pass\n"
            "print('PANDAS' if 'pandas' in sys.modules else 'LIGHT', file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.stderr.strip().endswith("LIGHT"), out.stderr
