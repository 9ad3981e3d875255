"""Reading a plan file, as a clerk reads `minsheng validate`: in Chinese by default, in English with
--lang en, the code and the location the same in both (#13). pydantic's and PyYAML's own wording
never reaches a Chinese reader."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import small_plan_data
from typer.testing import CliRunner

from minsheng_cli.cli import app
from minsheng_cli.plan.load import parse_plan

runner = CliRunner()
CORPUS = Path(__file__).parent / "bad_inputs" / "plans"
CJK = re.compile(r"[\u4e00-\u9fff]")
# What pydantic and PyYAML say in their own words; none of it may reach a Chinese reader.
RAW = re.compile(r"Input should|Value error|Field required|Extra inputs|String should|"
                 r"List should|while parsing|while scanning|did not find|could not find|"
                 r"is not a|cannot read|the file|the YAML|write the")


@pytest.fixture(autouse=True)
def _no_language_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MINSHENG_LANG", raising=False)


def validate(path: Path, *args: str) -> tuple[int, list[str], str]:
    result = runner.invoke(app, ["validate", str(path), *args])
    assert "Traceback" not in result.output
    return result.exit_code, [ln for ln in result.stderr.splitlines() if ln.strip()], result.stdout


def located(line: str) -> tuple[str, str]:
    """(`file:line:col`, `[code]`) of a problem line: the same in both languages."""
    return line.split(": ", 1)[0], line[line.rindex("["):]


def plan_with(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    data = copy.deepcopy(small_plan_data())
    change(data)
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def checkpoint(data: dict[str, Any]) -> dict[str, Any]:
    cp: dict[str, Any] = data["projects"][0]["indicators"][0]["checkpoints"][0]
    return cp


# (how the plan is broken, the code, what the Chinese says, what the English says)
CASES: list[tuple[str, Callable[[dict[str, Any]], None], str, str, str]] = [
    ("target in words", lambda d: checkpoint(d).update(target="两百"), "invalid-value",
     'target："两百"不是数字；请直接写阿拉伯数字，不加引号（如 200 或 404.65）',
     'target: "两百" is not a number; write the number in digits, unquoted (e.g. 200 or 404.65)'),
    ("due without zeros", lambda d: checkpoint(d).update(due="2023-6-30"), "invalid-value",
     "due：'2023-6-30'不是计划中日期的写法；请写成 YYYY-MM-DD（2023-06-30）",
     "due: '2023-6-30' is not a date as a plan writes it; write YYYY-MM-DD (2023-06-30)"),
    ("due as a day number", lambda d: checkpoint(d).update(due=45016), "invalid-value",
     "due：45016是数字，不是日期（可能是电子表格的日期序号）",
     "due: 45016 is a number, not a date (a spreadsheet's day number?)"),
    ("no source", lambda d: checkpoint(d).pop("source"), "missing-field",
     "缺少必填字段 `source`（位于projects.0.indicators.0.checkpoints.0）；请补上",
     "`source` is required but missing (in projects.0.indicators.0.checkpoints.0)"),
    ("misspelt key", lambda d: checkpoint(d).update(targte=1), "unknown-field",
     '"targte"不是计划格式中的字段（位于projects.0.indicators.0.checkpoints.0.targte）；请检查拼写',
     '"targte" is not a field of the plan format (at projects.0.indicators.0.checkpoints.0.targte); '
     "check its spelling"),
    ("negative target", lambda d: checkpoint(d).update(target=-5), "invalid-value",
     "target：-5小于允许的最小值 0；请填写不小于 0 的数",
     "target: -5 is below 0, the least allowed; write 0 or more"),
    ("empty source", lambda d: checkpoint(d).update(source=""), "invalid-value",
     "source：内容为空；请填写内容", "source: the text is empty; write it out"),
    ("unknown kind", lambda d: d["projects"][0]["indicators"][0].update(kind="count"),
     "invalid-value", 'kind："count"不是可选的值；请填写 quantity、event、rate 中的一个',
     'kind: "count" is not one of the choices; write one of quantity, event, rate'),
    ("shares neither towns nor a list",
     lambda d: d["projects"][0]["indicators"][0].update(reported_by={"shares": "all"}),
     "invalid-value", 'shares："all"不符合这里允许的任何一种写法：`towns`；列表',
     'shares: "all" fits none of the forms allowed here: `towns`; a list'),
    ("a name that is not zh and en", lambda d: d["projects"][0]["indicators"][0].update(name="x"),
     "invalid-value", 'name："x"不是中英文名称；请在下面分两行写 `zh: …` 和 `en: …`',
     'name: "x" is not a name in two languages; write `zh: …` and `en: …` on two lines below it'),
    ("no lead unit", lambda d: d["projects"][0].update(lead_units=[]), "invalid-value",
     "lead_units：这里为空；至少要填写一项", "lead_units: this is empty; give at least one item"),
    ("reported_by with both", lambda d: d["projects"][0]["indicators"][0].update(
        reported_by={"total": "区科工信局", "shares": "towns"}), "invalid-value",
     "reported_by 只能填 total（一个单位）或 shares（若干单位，或 towns）中的一个",
     "reported_by takes one of total (a unit) or shares (units, or towns)"),
]


@pytest.mark.parametrize(("change", "code", "zh", "en"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_a_broken_plan_is_explained_in_chinese_and_in_english(
        tmp_path: Path, change: Callable[[dict[str, Any]], None], code: str, zh: str,
        en: str) -> None:
    path = plan_with(tmp_path, change)
    status, lines, summary = validate(path)
    assert status == 1
    (zh_line,) = [ln for ln in lines if zh in ln]
    assert zh_line.endswith(f"[{code}]") and not RAW.search(zh_line), zh_line
    assert summary.startswith("已检查 1 个计划文件：1 个无效；")
    status, lines, summary = validate(path, "--lang", "en")
    (en_line,) = [ln for ln in lines if en in ln]
    assert located(en_line) == located(zh_line)
    assert summary.startswith("checked 1 plan file: 1 invalid; ")


def yaml_file(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "plan.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


YAML_CASES = [
    ("duplicate key", "year: 2023\nyear: 2024\n", "yaml-duplicate-key",
     '同一映射中键 "year" 出现了两次（第一次在第 1 行）；请只保留一个',
     'the key "year" appears twice in one mapping (first on line 1); keep one of them'),
    ("tab", "year: 2023\nprojects:\n\t- 1\n", "yaml-tab",
     "这里用制表符（Tab）缩进；YAML 只允许用空格缩进", "a tab is used for indentation"),
    ("unclosed bracket", "year: 2023\nleaders: [a, b\ntitle: x\n", "yaml-syntax",
     "YAML 格式有误：第 2 行开始的方括号 [ ] 列表没有正确闭合：缺少逗号或右方括号 ]",
     "malformed YAML: the list in [ ] opened on line 2 is not closed"),
    ("unclosed quote", 'year: 2023\ntitle: "abc\n', "yaml-syntax",
     "YAML 格式有误：第 2 行开始的引号直到文件末尾都没有闭合",
     "malformed YAML: the quote opened on line 2 is never closed"),
    ("a colon in a value", "year: 2023\ntitle: a: b\n", "yaml-syntax",
     "这里出现了不该有的冒号：值中含有 `: ` 时请给整个值加引号",
     "a colon is not allowed here: put the whole value in quotes"),
    ("alias", "a: &x [1]\nb: *x\n", "yaml-alias",
     "这里的别名重复了第 1 行定义的锚点；请直接写出值（计划文件不能使用锚点和别名）",
     "an alias repeats the anchor defined on line 1"),
    ("merge key", "a: &x {b: 1}\nc:\n  <<: {d: 2}\n", "yaml-alias",
     "计划文件中不能使用合并键（<<）", "merge keys (<<) are not allowed in plan files"),
    ("a list as a key", "? [a, b]\n: 1\n", "yaml-bad-key",
     "这里的键是列表，不是简单的名称", "a key here is a list, not a plain name"),
    ("a list, not a mapping", "- year\n- 2023\n", "yaml-not-mapping",
     "整个文件是列表，但计划必须是映射", "the document is a list, but a plan must be a mapping"),
    ("a tag", "year: !!binary MjAw\n", "yaml-syntax",
     '计划文件中不能使用标签 "!!binary"（用在 "MjAw" 上）', 'the tag "!!binary" (on "MjAw") is not allowed'),
    ("base 60", "year: 2023\nissued: 2023-03-01\nprojects:\n  - number: 1:30\n", "invalid-value",
     "不同的 YAML 读取程序对 \"1:30\" 的理解不一致；YAML 1.1 把它按六十进制读作 90，YAML 1.2 读作文字：请写 90",
     '"1:30" is not read the same way by every YAML reader; YAML 1.1 reads it in base 60, as 90'),
    ("no calendar day", "year: 2023\nissued: 2023-02-30\n", "invalid-value",
     '无法读取 "2023-02-30"：日历上没有这一天；请把日期写成 2023-06-30',
     'cannot read "2023-02-30": it is not a day of the calendar; write the date as 2023-06-30'),
    ("GBK", "year: 2023\ntitle: 民生实事\n".encode("gbk"), "not-text",
     "文件不是 UTF-8 编码；请另存为 UTF-8", "the file is not UTF-8; save it as UTF-8"),
    ("binary", b"\x00\x01\x02", "not-text", "这是二进制数据，不是 YAML 计划文件",
     "it is binary data, not a YAML plan"),
    ("comments only", "# nothing\n", "empty-file", "文件中没有 YAML 文档",
     "the file holds no YAML document"),
]


@pytest.mark.parametrize(("text", "code", "zh", "en"), [c[1:] for c in YAML_CASES],
                         ids=[c[0] for c in YAML_CASES])
def test_reading_the_yaml_is_explained_in_chinese_and_in_english(
        tmp_path: Path, text: str | bytes, code: str, zh: str, en: str) -> None:
    path = yaml_file(tmp_path, text)
    _, lines, _ = validate(path)
    zh_lines = [ln for ln in lines if zh in ln]
    assert zh_lines and zh_lines[0].endswith(f"[{code}]"), lines
    assert not RAW.search(zh_lines[0]), zh_lines[0]
    _, lines, _ = validate(path, "--lang", "en")
    en_lines = [ln for ln in lines if en in ln]
    assert en_lines and located(en_lines[0]) == located(zh_lines[0]), lines


def test_a_missing_file_and_a_directory(tmp_path: Path) -> None:
    status, lines, _ = validate(tmp_path / "nope.yaml")
    assert status == 2 and lines == [f"{tmp_path / 'nope.yaml'}: 文件不存在；请检查路径 [file-not-found]"]
    status, lines, _ = validate(tmp_path / "nope.yaml", "--lang", "en")
    assert lines == [f"{tmp_path / 'nope.yaml'}: no such file; check the path [file-not-found]"]
    result = runner.invoke(app, ["validate", str(tmp_path)])  # a directory without plans
    assert result.exit_code == 2 and f"在 {tmp_path} 中没有找到 *.yaml 或 *.yml 文件" in result.stderr
    result = runner.invoke(app, ["validate", str(tmp_path), "--lang", "en"])
    assert f"no *.yaml or *.yml files found in {tmp_path}" in result.stderr


def test_the_summary_line_counts_in_both_languages(tmp_path: Path) -> None:
    good = plan_with(tmp_path, lambda d: None)
    _, _, summary = validate(good)
    assert summary == "已检查 1 个计划文件：全部有效；0 处错误，0 处警告\n"
    bad = tmp_path / "bad.yaml"
    bad.write_text("year: 2023\nyear: 2024\nyear: 2025\n", encoding="utf-8")  # 2 + 4 missing
    _, _, summary = validate(tmp_path)
    assert summary == "已检查 2 个计划文件：1 个无效；6 处错误，0 处警告\n"
    _, _, summary = validate(tmp_path, "--lang", "en")
    assert summary == "checked 2 plan files: 1 invalid; 6 errors, 0 warnings\n"
    _, _, summary = validate(good, "--lang", "en")
    assert summary == "checked 1 plan file: all valid; 0 errors, 0 warnings\n"


def test_json_and_github_carry_the_message_in_the_language_and_the_same_code(
        tmp_path: Path) -> None:
    path = plan_with(tmp_path, lambda d: checkpoint(d).update(target="两百"))
    zh = json.loads(runner.invoke(app, ["validate", str(path), "--format", "json"]).stdout)
    en = json.loads(runner.invoke(app, ["validate", str(path), "--format", "json", "--lang",
                                        "en"]).stdout)
    (zh_error,), (en_error,) = zh["errors"], en["errors"]
    assert zh_error["message"].endswith('target："两百"不是数字；请直接写阿拉伯数字，不加引号（如 200 或 404.65）')
    assert en_error["message"].endswith('target: "两百" is not a number; write the number in '
                                        "digits, unquoted (e.g. 200 or 404.65)")
    assert {k: v for k, v in zh_error.items() if k != "message"} == {
        k: v for k, v in en_error.items() if k != "message"}
    github = runner.invoke(app, ["validate", str(path), "--format", "github"]).stdout.splitlines()
    assert "title=invalid-value::" in github[0] and "不是数字" in github[0]
    assert github[-1] == "已检查 1 个计划文件：1 个无效；1 处错误，0 处警告"


@pytest.mark.parametrize("case", sorted(CORPUS.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_broken_plan_of_the_corpus_reads_in_chinese(case: Path) -> None:
    _, zh_lines, _ = validate(case)
    _, en_lines, _ = validate(case, "--lang", "en")
    assert [located(ln) for ln in zh_lines] == [located(ln) for ln in en_lines]
    for line in zh_lines:
        assert CJK.search(line.split(": ", 1)[1]) and not RAW.search(line), line


PYDANTIC_BREAKS: list[Callable[[dict[str, Any]], None]] = [
    lambda d: d.update(year=2023.5), lambda d: d.update(year=1999), lambda d: d.update(year=True),
    lambda d: d.update(issued="2023/3/1"), lambda d: d.update(issued="2023-02-30"),
    lambda d: d.update(title=""), lambda d: d.update(title=5), lambda d: d.update(title=True),
    lambda d: d.update(title=None), lambda d: d.update(projects=[]),
    lambda d: d.update(projects="x"), lambda d: d.update(projects={}),
    lambda d: d.update(units=[{"name": "a", "kind": "city"}]),
    lambda d: d.update(bulletins={"from": "2023-7", "source": "x"}),
    lambda d: d.update(bulletins={"from": "2023-07", "every": "week", "source": "x"}),
    lambda d: d.update(bulletins={"from": "2024-07", "source": "x"}),
    lambda d: checkpoint(d).update(firm="maybe"), lambda d: checkpoint(d).update(target=True),
    lambda d: checkpoint(d).update(target=None), lambda d: checkpoint(d).update(items="a"),
    lambda d: checkpoint(d).update(items=[""]), lambda d: checkpoint(d).update(due=None),
    lambda d: checkpoint(d).update(target=float("inf")),
    lambda d: d["projects"][0]["indicators"][0].update(kind=None),
    lambda d: d["projects"][0]["indicators"][0].update(overview_target=5),
    lambda d: d["projects"][0]["indicators"][0].update(combine="sum", kind="rate"),
    lambda d: d["projects"][0]["indicators"][0].update(id="P10.X"),
    lambda d: d["projects"][0]["indicators"][0].update(shares={"新塘镇": []}),
    lambda d: d["projects"][0]["indicators"][0].update(reported_by={"shares": ["", "a"]}),
    lambda d: d["projects"][0]["indicators"][0].update(reported_by="x"),
    lambda d: [cp.update(firm=False) for cp in d["projects"][0]["indicators"][0]["checkpoints"]],
]


@pytest.mark.parametrize("change", PYDANTIC_BREAKS, ids=range(len(PYDANTIC_BREAKS)))
def test_no_pydantic_wording_reaches_a_chinese_reader(change: Callable[[dict[str, Any]], None]
                                                      ) -> None:
    data = copy.deepcopy(small_plan_data())
    change(data)
    _, problems = parse_plan(yaml.safe_dump(data, allow_unicode=True), "p.yaml")
    refused = [p for p in problems if p.code in {"invalid-value", "missing-field", "unknown-field"}]
    assert refused, problems
    for p in refused:
        zh, en = p.text("zh"), p.text("en")
        assert CJK.search(zh) and not RAW.search(zh), zh
        assert "Input should" not in en and "Value error" not in en, en
