"""What validate, audit and diff say about a plan, as a clerk reads it: in Chinese by default, in
English with --lang en, the code and the location the same in both (#13)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import small_plan_data
from typer.testing import CliRunner

from minsheng_cli.catalog import plan_checks
from minsheng_cli.cli import app

runner = CliRunner()
PLAN_2023 = Path(__file__).parent.parent / "plans" / "2023.yaml"


@pytest.fixture(autouse=True)
def _no_language_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MINSHENG_LANG", raising=False)


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def lines_with(output: str, code: str) -> list[str]:
    return [ln for ln in output.splitlines() if ln.endswith(f"[{code}]")]


def where(line: str) -> str:
    """`file:line:col` of a problem line."""
    return line.split(": ", 1)[0]


def test_the_catalog_keys_are_of_this_part() -> None:
    prefixes = ("check.", "units-check.", "audit.", "diff.", "review.")
    assert plan_checks.MESSAGES
    assert all(key.startswith(prefixes) for key in plan_checks.MESSAGES)


# ---------------------------------------------------------------- audit

def test_audit_of_the_2023_plan_speaks_chinese_by_default_and_english_with_lang_en() -> None:
    zh = runner.invoke(app, ["audit", str(PLAN_2023)])
    en = runner.invoke(app, ["audit", str(PLAN_2023), "--lang", "en"])
    assert zh.exit_code == en.exit_code == 0
    (zh_line,) = [ln for ln in lines_with(zh.stderr, "overview-mismatch") if "p1.cancer" in ln]
    (en_line,) = [ln for ln in lines_with(en.stderr, "overview-mismatch") if "p1.cancer" in ln]
    assert where(zh_line) == where(en_line)
    assert ("p1.cancer_screening：概述为 14000 人，但最后一个节点（2023-12-31）为 15000（+1000，"
            "+7.1%）；“14000多名”意为14000至不足15000，不容许这一差别 [overview-mismatch]") in zh_line
    assert ("p1.cancer_screening: the overview says 14000 人 but the last checkpoint (2023-12-31) "
            "is 15000 (+1000, +7.1%); “14000多名” means 14000 to under 15000, which does not "
            "allow it [overview-mismatch]") in en_line
    # every finding in both languages, at the same places with the same codes
    def located(output: str) -> list[tuple[str, str]]:
        return [(where(ln), ln.rsplit("[", 1)[1]) for ln in output.splitlines() if ln.endswith("]")]
    assert located(zh.stderr) == located(en.stderr) and len(located(zh.stderr)) > 20


@pytest.mark.parametrize(("code", "zh", "en"), [
    ("item-repeated", "p6.water_villages_connected 2023-08-31：下井村 已在 2023-05-31 的节点中列出；"
     "计数把它算了两次",
     "p6.water_villages_connected 2023-08-31: 下井村 is already named for 2023-05-31; the count "
     "includes it twice"),
    ("unit-mismatch", "p9.elevator_database：引文中的“1.5万台”以台计，但指标的单位是部",
     "p9.elevator_database: the quote counts “1.5万台” in 台, but the indicator's unit is 部"),
    ("target-flat", "p4.urban_new_jobs 2023-12-31：目标 10000 与 2023-11-30 的相同；这个节点没有要求新的进度",
     "p4.urban_new_jobs 2023-12-31: the target 10000 is the same as on 2023-11-30; this "
     "checkpoint asks for no more progress"),
    ("due-before-issue", "p10.traffic_special_meeting：该事项的截止日期是 2023-01-31，早于计划印发日期 "
     "2023-04-06；计划印发时它已完成或已逾期",
     "p10.traffic_special_meeting: this milestone is due 2023-01-31, before the plan was issued "
     "on 2023-04-06; it was done or overdue when published"),
    ("phase-amount-mismatch", "p5.rental_housing_units 2023-06-30：引文写的是“6000套”、“不低于40%”、"
     "“70%”、“100%”，但目标为 2400（本期 2400）",
     "p5.rental_housing_units 2023-06-30: the quote states “6000套”, “不低于40%”, “70%”, "
     "“100%”, but the target is 2400 (2400 in this period)"),
    ("first-checkpoint-late", "p2.school_places：第一个节点的截止日期是 2023-09-30；2023-07至2023-08 "
     "的月度通报没有可据以评价进度的目标",
     "p2.school_places: the first checkpoint is due 2023-09-30; the monthly bulletins of "
     "2023-07 to 2023-08 have no stated target to judge its progress by"),
    ("shares-mismatch", "截至 2023-09-30，13 个单位承担的任务合计 0，但 `p4.zcmm_sites_built` 此时的目标是 7",
     "the shares of 13 units add up to 0 by 2023-09-30, but `p4.zcmm_sites_built`'s target "
     "then is 7"),
])
def test_audit_json_carries_the_message_in_the_language_and_the_same_code(
        code: str, zh: str, en: str) -> None:
    def report(*lang: str) -> dict[str, Any]:
        result = runner.invoke(app, ["audit", str(PLAN_2023), "--format", "json", *lang])
        assert result.exit_code == 0, result.output
        found: dict[str, Any] = json.loads(result.stdout)
        return found

    zh_report, en_report = report(), report("--lang", "en")
    [zh_hit] = [w for w in zh_report["warnings"] if w["code"] == code and zh in w["message"]]
    [en_hit] = [w for w in en_report["warnings"] if w["code"] == code and en in w["message"]]
    assert {k: v for k, v in zh_hit.items() if k != "message"} == {
        k: v for k, v in en_hit.items() if k != "message"}
    assert list(zh_report) == list(en_report)  # the same fields in both


def test_audit_github_annotations_are_in_the_language_too() -> None:
    result = runner.invoke(app, ["audit", str(PLAN_2023), "--format", "github"])
    assert any(ln.startswith("::warning file=") and "title=unit-mismatch" in ln
               and "但指标的单位是部" in ln for ln in result.stdout.splitlines())


def test_an_unknown_ignore_code_is_refused_in_the_language() -> None:
    zh = runner.invoke(app, ["audit", "--ignore", "no-such-code"])
    assert zh.exit_code == 2
    assert "--ignore no-such-code：不是 audit 的代码；可用的代码有 overview-mismatch" in zh.stderr
    en = runner.invoke(app, ["audit", "--ignore", "no-such-code", "--lang", "en"])
    assert en.exit_code == 2
    assert "--ignore no-such-code: not an audit code; the codes are overview-mismatch" in en.stderr


# ---------------------------------------------------------------- validate: the plan's meaning

def test_checks_of_ids_dates_and_targets_in_both_languages(tmp_path: Path) -> None:
    data = small_plan_data()
    indicators = data["projects"][0]["indicators"]
    indicators.append(copy.deepcopy(indicators[1]))  # p10.meeting twice
    indicators[0]["checkpoints"][3]["target"] = 300  # below September's 340
    path = write(tmp_path / "plan.yaml", data)
    zh = runner.invoke(app, ["validate", str(path)])
    en = runner.invoke(app, ["validate", str(path), "--lang", "en"])
    assert zh.exit_code == en.exit_code == 1
    (zh_dup,), (en_dup,) = lines_with(zh.stderr, "duplicate-id"), lines_with(en.stderr, "duplicate-id")
    assert where(zh_dup) == where(en_dup)
    assert "指标编号 `p10.meeting` 重复使用；每个指标的编号必须唯一" in zh_dup
    assert "indicator id `p10.meeting` is used twice; ids must be unique" in en_dup
    (zh_down,), (en_down,) = (lines_with(zh.stderr, "target-decreasing"),
                              lines_with(en.stderr, "target-decreasing"))
    assert where(zh_down) == where(en_down)
    assert "累计目标 300 低于上一个节点的 340；目标从年初起累计，只增不减" in zh_down
    assert ("cumulative target 300 is below the previous checkpoint's 340; targets count from the "
            "start of the year, so they never go down") in en_down


def test_an_unknown_unit_is_named_with_a_suggestion_in_both_languages(tmp_path: Path) -> None:
    data = small_plan_data()
    data["units"] = [{"name": "区科工信局", "kind": "department"}, {"name": "新塘镇", "kind": "town"}]
    data["projects"][0]["lead_units"] = ["区科工局"]
    path = write(tmp_path / "plan.yaml", data)
    zh = runner.invoke(app, ["validate", str(path)])
    en = runner.invoke(app, ["validate", str(path), "--lang", "en"])
    (zh_line,), (en_line,) = lines_with(zh.stderr, "unknown-unit"), lines_with(en.stderr, "unknown-unit")
    assert where(zh_line) == where(en_line)
    assert "牵头单位“区科工局”不在计划的单位名录（units）中；是否应为 区科工信局？" in zh_line
    assert "lead unit '区科工局' is not a unit of the plan's registry; did you mean 区科工信局?" in en_line


# ---------------------------------------------------------------- diff

def test_diff_table_in_both_languages_and_json_the_same_in_both(tmp_path: Path) -> None:
    old = write(tmp_path / "old.yaml", small_plan_data())
    data = small_plan_data()
    data["projects"][0]["indicators"][0]["checkpoints"][0]["target"] = 75
    data["projects"][0]["indicators"].pop()  # p10.accidents removed
    new = write(tmp_path / "new.yaml", data)
    zh = runner.invoke(app, ["diff", str(old), str(new)], env={"COLUMNS": "120"})
    en = runner.invoke(app, ["diff", str(old), str(new), "--lang", "en"], env={"COLUMNS": "120"})
    assert zh.exit_code == en.exit_code == 0
    assert "指标 / 节点" in zh.stdout and "原值 → 新值" in zh.stdout and "按日期" in zh.stdout
    assert "删除" in zh.stdout and "变更" in zh.stdout
    assert zh.stdout.rstrip().endswith("删除指标 1 个；变更节点 1 个")
    assert "indicator / checkpoint" in en.stdout and "matched by" in en.stdout
    assert en.stdout.rstrip().endswith("1 indicator removed; 1 checkpoint changed")
    same = runner.invoke(app, ["diff", str(old), str(old)])
    assert same.stdout.rstrip().endswith("没有变化")
    as_json = [runner.invoke(app, ["diff", str(old), str(new), "--format", "json", *lang]).stdout
               for lang in ([], ["--lang", "en"])]
    assert as_json[0] == as_json[1]  # a promise to scripts: the same in both languages
    report = json.loads(as_json[0])
    assert report["summary"]["indicators_removed"] == 1
    assert {c["change"] for c in report["changes"]} == {"removed", "changed"}
    assert {c["matched_by"] for c in report["changes"]} == {None, "date"}
