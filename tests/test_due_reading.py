"""A checkpoint's `due_reading` (how its due date was read from the text) in both languages: the
plan gives `{zh, en}` like a name, and list, audit and report show the text of the language chosen;
a single text (older plan files) still works and is shown as it is in both."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from conftest import PLAN_2023, ROOT
from typer.testing import CliRunner

from minsheng_cli.cli import app
from minsheng_cli.plan.load import load_plan
from minsheng_cli.plan.model import Text
from minsheng_cli.plan.schema import plan_schema

runner = CliRunner()
WIDE = {"COLUMNS": "250"}

# p3.clearance_and_greening, 2023-10-31: "2023年10月前,对南象山森林公园杂草…进行全面清理"
ZH_OCT = "“10月前”理解为10月底前；若按字面理解（10月之前），则为9月底前。"
EN_OCT = "10月前 (before October) read as by the end of October; read literally, by the end of September."
# p2.special_needs_children_served, 2023-11-30: the 360 children have no date of their own
ZH_360 = "原文未单列完成时间：按同句所列最后一场讲座的月份（11月）计"
EN_360 = "No date of its own: due with the last lecture its sentence names (11月, November)."
READINGS = {("p2.special_needs_children_served", "2023-11-30"),
            ("p3.clearance_and_greening", "2023-10-31"), ("p3.trail_steps_repaired", "2023-12-31"),
            ("p3.lookout_tower_repair", "2023-12-31"), ("p3.master_plan_city_review", "2023-12-31"),
            ("p5.rental_housing_units", "2023-12-31")}
SINGLE = "Read as the end of October (one text, as in older plan files)."


def flat(text: str) -> str:
    """Terminal output without the table's borders and line breaks, to find a wrapped sentence."""
    return re.sub(r"[│\s]+", "", text)


def test_every_reading_of_the_2023_plan_has_both_texts_and_the_chinese_is_chinese() -> None:
    plan = load_plan(PLAN_2023)
    found = {(ind.id, cp.due.isoformat()): cp.due_reading for _, ind in plan.indicators()
             for cp in ind.checkpoints if cp.due_reading}
    assert set(found) == READINGS
    for reading in found.values():
        assert isinstance(reading, Text) and reading.zh != reading.en
        assert re.search(r"[\u4e00-\u9fff]", reading.zh) and "；" in reading.zh
        assert not re.search(r"[;,()]", reading.zh)  # full-width punctuation in the Chinese
    # the Chinese keeps the month of the reading and of the literal one
    oct_ = found[("p3.clearance_and_greening", "2023-10-31")]
    assert oct_ == Text(zh=ZH_OCT, en=EN_OCT)
    p2 = found[("p2.special_needs_children_served", "2023-11-30")]
    assert p2.zh.startswith(ZH_360) and "12月" in p2.zh and p2.en.startswith(EN_360)
    for key in READINGS - {("p2.special_needs_children_served", "2023-11-30"),
                           ("p3.clearance_and_greening", "2023-10-31")}:
        assert "“12月前”理解为12月底前" in found[key].zh and "11月底前" in found[key].zh
        assert "by the end of December" in found[key].en


# ---------------------------------------------------------------- list

def test_list_table_shows_the_reading_in_the_language_chosen() -> None:
    zh = runner.invoke(app, ["list", "--project", "3"], env=WIDE)
    en = runner.invoke(app, ["list", "--project", "3", "--lang", "en"], env=WIDE)
    assert zh.exit_code == 0 and en.exit_code == 0, zh.output + en.output
    assert "截止日期的解读" in zh.stdout and flat(ZH_OCT) in flat(zh.stdout)
    assert "before October" not in zh.stdout
    assert "reading of the due date" in en.stdout and EN_OCT in en.stdout
    assert "理解为" not in en.stdout


@pytest.mark.parametrize("lang, text", [("zh", ZH_OCT), ("en", EN_OCT)])
def test_list_json_and_csv_give_the_reading_in_the_language_chosen(lang: str, text: str) -> None:
    args = ["list", "--lang", lang] if lang == "en" else ["list"]
    rows = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    by_key = {(r["indicator"], r["due"]): r["due_reading"] for r in rows}
    assert {k for k, v in by_key.items() if v} == READINGS
    assert by_key[("p3.clearance_and_greening", "2023-10-31")] == text
    table = list(csv.DictReader(io.StringIO(runner.invoke(app, [*args, "--format", "csv"]).stdout)))
    assert next(r["due_reading"] for r in table if r["indicator"] == "p3.clearance_and_greening"
                and r["due"] == "2023-10-31") == text


def test_list_output_file_gives_the_reading_in_the_language_chosen(tmp_path: Path) -> None:
    out = tmp_path / "list.csv"
    result = runner.invoke(app, ["list", "-o", str(out)])
    assert result.exit_code == 0, result.output
    body = out.read_text(encoding="utf-8-sig")
    assert ZH_OCT in body and EN_OCT not in body


# ---------------------------------------------------------------- audit

def test_audit_warns_of_each_reading_in_the_language_chosen() -> None:
    zh = runner.invoke(app, ["audit"])
    en = runner.invoke(app, ["audit", "--lang", "en"])
    zh_lines = [line for line in zh.output.splitlines() if line.endswith("[due-date-reading]")]
    en_lines = [line for line in en.output.splitlines() if line.endswith("[due-date-reading]")]
    assert len(zh_lines) == len(en_lines) == len(READINGS)
    oct_zh = next(line for line in zh_lines if "p3.clearance_and_greening 2023-10-31" in line)
    oct_en = next(line for line in en_lines if "p3.clearance_and_greening 2023-10-31" in line)
    assert "警告" in oct_zh and "截止日期是对原文的一种理解" in oct_zh and ZH_OCT in oct_zh
    assert "before October" not in oct_zh
    assert "warning" in oct_en and EN_OCT in oct_en and "理解为" not in oct_en
    # the location and the code are the same in both languages
    assert oct_zh.split(": ")[0] == oct_en.split(": ")[0]


def test_audit_json_message_follows_the_language() -> None:
    for args, text in ((["audit", "--format", "json"], ZH_OCT),
                       (["audit", "--format", "json", "--lang", "en"], EN_OCT)):
        result = runner.invoke(app, args)
        found = [w for w in json.loads(result.stdout)["warnings"] if w["code"] == "due-date-reading"]
        assert len(found) == len(READINGS)
        assert any(text in p["message"] for p in found)


# ---------------------------------------------------------------- report

def test_report_lists_the_readings_in_the_language_chosen(tmp_path: Path) -> None:
    actuals = str(ROOT / "examples" / "2023-09-towns.csv")
    zh = runner.invoke(app, ["report", actuals])
    en = runner.invoke(app, ["report", actuals, "--lang", "en"])
    assert zh.exit_code == 0 and en.exit_code == 0, zh.output + en.output
    section = zh.stdout[zh.stdout.index("节点日期的理解"):]
    assert f"南象山森林公园杂草枯树清理及绿化管护（2023-10-31）：{ZH_OCT}" in section
    assert ZH_360 in section and "before October" not in zh.stdout
    assert EN_OCT in en.stdout and "理解为" not in en.stdout
    assert EN_360.split(": ")[1] in en.stdout  # Markdown escapes the colon ("own\\:")
    html = tmp_path / "bulletin.html"
    assert runner.invoke(app, ["report", actuals, "-o", str(html)]).exit_code == 0
    page = html.read_text(encoding="utf-8")
    assert "节点日期的理解" in page and "理解为10月底前" in page and "before October" not in page


# ---------------------------------------------------------------- a single text still works

def _plan_with_single_reading(tmp_path: Path, value: str) -> Path:
    text = PLAN_2023.read_text(encoding="utf-8")
    block = f'            due_reading:\n              zh: "{ZH_OCT}"\n              en: "{EN_OCT}"\n'
    assert block in text
    path = tmp_path / "plan.yaml"
    path.write_text(text.replace(block, f"            due_reading: {value}\n"), encoding="utf-8")
    return path


def test_a_single_text_is_still_valid_and_shown_as_it_is_in_both_languages(
        tmp_path: Path) -> None:
    plan_file = _plan_with_single_reading(tmp_path, f'"{SINGLE}"')
    assert runner.invoke(app, ["validate", str(plan_file)]).exit_code == 0
    cp = load_plan(plan_file).indicator("p3.clearance_and_greening")[1].final  # type: ignore[index]
    assert cp.reading("zh") == cp.reading("en") == SINGLE
    for lang in ("zh", "en"):
        listed = runner.invoke(app, ["list", "--project", "3", "--plan", str(plan_file),
                                     "--lang", lang], env=WIDE)
        assert SINGLE in listed.stdout
        audited = runner.invoke(app, ["audit", str(plan_file), "--lang", lang])
        assert any(SINGLE in line and "p3.clearance_and_greening" in line
                   for line in audited.output.splitlines())
        reported = runner.invoke(app, ["report", str(ROOT / "examples" / "2023-09-towns.csv"),
                                       "--plan", str(plan_file), "--lang", lang])
        assert SINGLE in reported.stdout


@pytest.mark.parametrize("value, code, zh_words, en_words", [
    ("{zh: 只有中文}", "missing-field", "缺少必填字段 `en`", "`en` is required but missing"),
    ('""', "invalid-value", "内容为空", "the text is empty"),
    ("5", "invalid-value", "`zh: …` 和 `en: …`", "`zh: …` and `en: …`"),
])
def test_a_broken_reading_is_one_located_error_in_both_languages(
        tmp_path: Path, value: str, code: str, zh_words: str, en_words: str) -> None:
    plan_file = _plan_with_single_reading(tmp_path, value)
    zh = runner.invoke(app, ["validate", str(plan_file)])
    en = runner.invoke(app, ["validate", str(plan_file), "--lang", "en"])
    assert zh.exit_code != 0 and en.exit_code != 0
    zh_errors = [line for line in zh.output.splitlines() if line.endswith(f"[{code}]")]
    en_errors = [line for line in en.output.splitlines() if line.endswith(f"[{code}]")]
    assert len(zh_errors) == len(en_errors) == 1, zh.output
    assert zh_words in zh_errors[0] and en_words in en_errors[0]
    assert "Traceback" not in zh.output + en.output


def test_the_schema_accepts_both_forms_and_refuses_an_empty_text() -> None:
    schema = plan_schema()
    data = json.loads(json.dumps(load_plan(PLAN_2023).model_dump(mode="json", by_alias=True)))
    checkpoint = data["projects"][2]["indicators"]
    checkpoint = next(i for i in checkpoint if i["id"] == "p3.clearance_and_greening")
    checkpoint = checkpoint["checkpoints"][0]
    assert checkpoint["due_reading"] == {"zh": ZH_OCT, "en": EN_OCT}
    jsonschema.validate(data, schema)
    checkpoint["due_reading"] = SINGLE
    jsonschema.validate(data, schema)
    for bad in ("", {"zh": ZH_OCT}, 5):
        checkpoint["due_reading"] = bad
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(data, schema)
