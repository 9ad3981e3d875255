"""What a clerk reads from the commands themselves — click's usage errors and help, the lights
policy file, `--reporter` — in Chinese by default and in English with `--lang en`, the code and
the location the same in both."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from minsheng_cli.cli import app
from minsheng_cli.cli.help_zh import HELP_ZH
from minsheng_cli.cli.usage_zh import help_text
from minsheng_cli.cli.wrapping import wrap
from minsheng_cli.engine.policy import policy_from_yaml

TOWNS_CSV = str(Path(__file__).resolve().parent.parent / "examples" / "2023-09-towns.csv")

runner = CliRunner()


@pytest.fixture(autouse=True)
def _no_language_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MINSHENG_LANG", raising=False)


@pytest.fixture
def report_file(tmp_path: Path) -> Path:
    path = tmp_path / "新塘镇.csv"
    path.write_text("指标编号,截至日期,累计完成,填报单位\np10.charging_piles,2023-06-30,10,新塘镇\n",
                    encoding="utf-8")
    return path


def both(args: list[str]) -> tuple[str, str]:
    """stderr of the command in Chinese (the default) and with --lang en (right after the
    command's name); both exit 2."""
    zh, en = runner.invoke(app, args), runner.invoke(app, [*args[:1], "--lang", "en", *args[1:]])
    assert zh.exit_code == en.exit_code == 2, (zh.output, en.output)
    assert "Traceback" not in zh.output + en.output
    return zh.stderr, en.stderr


# ── click's usage errors ────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize(("args", "zh", "en"), [
    (["check", "--bogus"], "错误：没有 --bogus 这个选项", "Error: No such option: --bogus"),
    (["check"], "错误：缺少参数：文件或文件夹；请按第一行的用法，在命令后写上文件或文件夹",
     "Error: Missing argument 'INPUT'."),
    (["report"], "错误：缺少参数：文件或文件夹", "Error: Missing argument 'INPUT'."),
    (["diff"], "错误：缺少参数：旧计划", "Error: Missing argument 'OLD'."),
    (["diff", "a.yaml"], "错误：缺少参数：新计划", "Error: Missing argument 'NEW'."),
    (["chek", "inbox"], "错误：没有 'chek' 这个命令；是否应为 'check' 或 'schema'？",
     "Error: No such command 'chek'. Did you mean 'check', 'schema'?"),
    (["check", "x.csv", "--format", "nope"],
     "错误：'--format' 的取值无效：'nope' 不是可选的值；可选：'table', 'json', 'csv', 'markdown'",
     "Error: Invalid value for '--format': Value error, 'nope' is not one of 'table', 'json', "
     "'csv', 'markdown'."),
    (["check", "x.csv", "--project", "11"], "'--project' / '-p' 的取值无效：应不大于 10",
     "Invalid value for '--project' / '-p': Input should be less than or equal to 10"),
    (["check", "x.csv", "--project", "x"], "'--project' / '-p' 的取值无效：应为整数",
     "Invalid value for '--project' / '-p': Input should be a valid integer"),
    (["check", "--forma", "table", "x.csv"], "是否应为：--force, --format",
     "(Possible options: --force, --format)"),
    (["list", "extra"], "错误：多出了无法识别的参数（extra）", "Error: Got unexpected extra argument"),
    (["bogus"], "错误：没有 'bogus' 这个命令", "Error: No such command 'bogus'."),
])
def test_usage_errors_are_in_the_language(args: list[str], zh: str, en: str) -> None:
    zh_err, en_err = both(args)
    assert zh in zh_err and en in en_err
    assert "Error" not in zh_err and "Usage" not in zh_err, zh_err


def test_a_usage_error_shows_the_usage_line_and_where_to_find_help() -> None:
    zh, en = both(["check", "--bogus"])
    assert zh.startswith("用法：minsheng check [选项] 文件或文件夹...\n")
    assert "运行 'minsheng check -h' 查看帮助。" in zh
    assert en.startswith("Usage: minsheng check [OPTIONS]")
    assert "Try 'minsheng check -h' for help." in en


def test_an_option_missing_its_value() -> None:
    zh, en = both(["check", "x.csv", "--by"])
    assert "选项 '--by' 后面须跟一个值" in zh and "Option '--by' requires an argument." in en


def test_the_language_is_found_anywhere_in_the_arguments() -> None:
    result = runner.invoke(app, ["--lang", "en", "check", "--bogus"])
    assert result.exit_code == 2 and "No such option: --bogus" in result.stderr
    result = runner.invoke(app, ["check", "--bogus"], env={"MINSHENG_LANG": "en"})
    assert "No such option: --bogus" in result.stderr


@pytest.mark.parametrize("args", [["--lang", "en", "check", TOWNS_CSV],
                                  ["check", TOWNS_CSV, "--lang", "en"]])
def test_the_app_level_language_reaches_the_labels_too(args: list[str]) -> None:
    result = runner.invoke(app, args, env={"COLUMNS": "160"})
    assert "Indicator" in result.stdout and "Status" in result.stdout, result.stdout[:400]
    assert "指标" not in result.stdout and "状态" not in result.stdout


@pytest.mark.parametrize("date", ["30/09/2023", "2023-13-45", "昨天"])
def test_a_bad_as_of_says_it_once(date: str) -> None:
    zh, en = both(["check", "x.csv", "--as-of", date])
    assert f"错误：'--as-of' 的取值无效：'{date}' 不是日期；请按 2023-06-30" in zh
    assert f"Error: Invalid value for '--as-of': '{date}' is not a date; write it like" in en
    assert zh.count("日期") == 1 and zh.count(date) == 1, zh
    assert en.count("date") == 1 and "cannot read" not in en and en.count(date) == 1, en


# ── the help ────────────────────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("args", [["--help"], ["check", "--help"], ["template", "-h"]])
def test_the_help_speaks_the_language(args: list[str]) -> None:
    zh = runner.invoke(app, args)
    en = runner.invoke(app, [*args, "--lang", "en"])
    assert zh.exit_code == en.exit_code == 0
    assert zh.stdout.startswith("用法：minsheng") and "选项：" in zh.stdout
    assert "显示本帮助并退出。" in zh.stdout
    for english in ("Usage:", "Options:", "Commands:", "Arguments:", "Show this message",
                    "default:", "env var:", "[required]"):
        assert english not in zh.stdout, english
    assert en.stdout.startswith("Usage: minsheng") and "Options:" in en.stdout
    assert "Show this message and exit." in en.stdout


def test_the_help_names_its_sections_and_notes_in_chinese() -> None:
    top = runner.invoke(app, ["--help"]).stdout
    assert "命令：" in top and "消息、名称和标签的语言" in top  # the root's --lang too
    check = runner.invoke(app, ["check", "--help"]).stdout
    assert "参数：" in check and "（必填）" in check and "（默认：table）" in check
    assert "环境变量：MINSHENG_LANG" in check
    en = " ".join(runner.invoke(app, ["check", "--help", "--lang", "en"]).stdout.split())
    assert "Arguments:" in en and "[required]" in en and "[default: table]" in en


def test_notes_it_does_not_know_stay_as_they_are() -> None:
    assert help_text("Some help.  [default: x; 1<=x<=10]") == "Some help.  （默认：x；取值1–10）"
    assert help_text("只看第几项（1–10）。  [1<=x<=10]") == "只看第几项（1–10）。"  # said already
    assert help_text("一个数。  [x>=0]") == "一个数。（不小于0）"
    assert help_text("Some help.  [deprecated]") == "Some help.  [deprecated]"
    assert help_text("Plain help.") == "Plain help."


COMMANDS = ["", "check", "validate", "list", "report", "schema", "audit", "diff", "template"]


def columns(line: str) -> int:
    """Terminal columns, a Chinese character (and an ambiguous one, “ – …) taking two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WFA" and not c.isascii() else 1
               for c in line)


def help_page(command: str, lang: str) -> str:
    result = runner.invoke(app, [*([command] if command else []), "--help", "--lang", lang])
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_line_fits_80_columns(command: str, lang: str) -> None:
    """CliRunner lays the help out for 80 columns; a Chinese character takes two of them."""
    for line in help_page(command, lang).splitlines():
        assert columns(line) <= 80, line


@pytest.mark.parametrize("command", COMMANDS)
def test_the_chinese_help_splits_no_word(command: str) -> None:
    """Lines break between Chinese characters or at spaces, never inside an ASCII word (`lett`
    / `er_after`, `n` / `ever`) nor between GB/T and 9704."""
    page = help_page(command, "zh")
    key = command or ""
    texts = [text for k, text in HELP_ZH.items()
             if k == key or k.startswith(f"{key}.") or k.startswith("*.")]
    for word in {w for text in texts for w in re.findall(r"[!-~]+", text)}:
        if word not in page:  # a word of an option this command has not
            continue
        assert any(word in line for line in page.splitlines()), word
    if command == "report":
        assert any("GB/T 9704" in line for line in page.splitlines())
    if command == "check":
        assert any("（never）" in line for line in page.splitlines())


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_default_language_is_said_once(lang: str) -> None:
    page = help_page("check", lang)
    start = page.index("--lang")
    block = page[start:page.index("-h, --help", start)]
    assert block.count("默认" if lang == "zh" else "default") == 1, block
    assert "MINSHENG_LANG" in block


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_command_list_shows_each_first_sentence_whole(lang: str) -> None:
    page = help_page("", lang)
    commands = page[page.index("命令：" if lang == "zh" else "Commands:"):]
    assert "..." not in commands
    flat = re.sub(r"\s+", "", commands)  # the lines put together again
    sentence = ("生成每月的民生实事进展通报：总体和各项目的情况，逾期及未报送事项及其牵头单位和分管领导，"
                "每个指标的进度图；加--previous时还有与上期相比的变化。" if lang == "zh" else
                "Writethemonthlyprogressbulletin(民生实事进展通报):countsoverallandperproject,")
    assert sentence in flat
    if lang == "zh":
        assert "该数" not in commands and "\n\n" not in commands.strip()  # first paragraph only


@pytest.mark.parametrize(("command", "usage", "names"), [
    ("", "用法：minsheng [选项] 命令 [参数...]\n", []),
    ("check", "用法：minsheng check [选项] 文件或文件夹...\n",
     ["文件或文件夹...  ", "--as-of 日期", "-r, --reporter 单位", "-o, --output 文件",
      "--yellow 百分点", "-p, --project 序号", "--format <table|json|csv|markdown>"]),
    ("report", "用法：minsheng report [选项] 文件或文件夹...\n",
     ["--previous 上期文件", "（默认：报送文件中最晚的日期）", "（默认：上期文件中最晚的日期）"]),
    ("validate", "用法：minsheng validate [选项] [计划文件...]\n", ["计划文件...  "]),
    ("audit", "用法：minsheng audit [选项] [计划文件]\n", ["计划文件  ", "--ignore 代码"]),
    ("diff", "用法：minsheng diff [选项] 旧计划 新计划\n", ["旧计划  ", "新计划  "]),
])
def test_the_chinese_help_names_arguments_and_values_in_chinese(
        command: str, usage: str, names: list[str]) -> None:
    page = help_page(command, "zh")
    assert page.startswith(usage)
    for name in names:
        assert name in page, name
    for english in ("<list[", "<path>", "range>", "OPTIONS", "COMMAND", "ARGS", "{", "ACTUALS",
                    " DATE", " FILE", " UNIT", " N ", " CODE", "<=x"):
        assert english not in page, english


def test_the_english_help_names_arguments_as_a_person_would() -> None:
    # names for what to type (INPUT, PLAN, N), not typer's `{actuals}` and Python types
    # (`<list[Path]>`, `<int range>`); the choices stay, being what to type
    page = help_page("check", "en")
    assert page.startswith("Usage: minsheng check [OPTIONS] INPUT...\n")
    assert "\n  INPUT  What the units reported" in page and "--as-of DATE" in page
    assert "-p, --project N " in page and "[1<=x<=10]" in page
    assert "--format <table|json|csv|markdown>" in page
    assert not re.search(r"<(?:list\[|int range|path|text)>?", page), page
    assert help_page("diff", "en").startswith("Usage: minsheng diff [OPTIONS] OLD NEW\n")
    assert help_page("validate", "en").startswith("Usage: minsheng validate [OPTIONS] [PLAN...]\n")
    assert help_page("", "en").startswith("Usage: minsheng [OPTIONS] COMMAND [ARGS...]\n")
    # and after a Chinese page in the same process, the English names are back
    help_page("check", "zh")
    assert help_page("check", "en") == page


_WORDS = st.lists(st.one_of(st.text("abcxyz_-/.", min_size=1, max_size=12),
                            st.text("镇街报送计划，。（）", min_size=1, max_size=6)), max_size=30)


@given(_WORDS, st.integers(min_value=12, max_value=60))
def test_wrap_keeps_within_the_width_and_every_word_whole(words: list[str], width: int) -> None:
    text = " ".join(words)
    lines = wrap(text, width).splitlines()
    assert all(columns(line) <= width for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost
    for word in re.findall(r"[a-z_./-]+", text):
        if len(word) <= width:
            assert any(word in line for line in lines), (word, lines)


# ── the lights policy file ──────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize(("text", "where", "code", "zh", "en"), [
    ("yelow: 10\n", "1:8", "unknown-field", "'yelow' 不是亮灯规则的键；可用的键为 basis",
     "'yelow' is not a policy key; the keys are basis"),
    ("red: lots\n", "1:6", "invalid-value", "red 应为落后的百分点数，0到1000（现为 'lots'）",
     "red must be a number of points behind, from 0 to 1000 (got 'lots')"),
    ("preset: 40\n", "1:9", "invalid-value", "没有 '40' 这个档位（preset）；请使用 default, 50 之一",
     "preset '40' is unknown; use one of default, 50"),
    ("red: 5\nyellow: 10\n", "1:6", "invalid-value", "黄灯线（10）应在0以上，且不高于红灯线（5）",
     "the yellow band (10) must be at least 0 and at most the red band (5)"),
    ("no_report: green\n", "1:12", "invalid-value", "no_report 应为 red 或 yellow（现为 'green'）",
     "no_report must be red or yellow (got 'green')"),
    ("letter_after: 0\n", "1:15", "invalid-value", "letter_after 应为1到12的整数期数（现为 0）",
     "letter_after must be a whole number of rounds from 1 to 12 (got 0)"),
    ("basis: [x]\n", "1:8", "invalid-value", "basis 应为 target 或 schedule（现为 ['x']）",
     "basis must be target or schedule (got ['x'])"),
    ("- 10\n", "1:1", "yaml-not-mapping", "亮灯规则文件应由“键: 值”组成",
     "a policy file is a mapping of keys such as `yellow: 10`"),
    ("# nothing\n", "1:1", "empty-file", "亮灯规则文件是空的；请写入规则，如 `yellow: 10`",
     "the policy file is empty; write keys such as `yellow: 10`"),
])
def test_a_bad_policy_file_is_located_in_both_languages(
        tmp_path: Path, report_file: Path, text: str, where: str, code: str, zh: str,
        en: str) -> None:
    policy = tmp_path / "policy.yaml"
    policy.write_text(text, encoding="utf-8")
    zh_err, en_err = both(["check", str(report_file), "--policy", str(policy)])
    line = next(x for x in zh_err.splitlines() if x.startswith(f"{policy}:"))
    assert line.startswith(f"{policy}:{where}:") and zh in line and line.endswith(f"[{code}]")
    line = next(x for x in en_err.splitlines() if x.startswith(f"{policy}:"))
    assert line.startswith(f"{policy}:{where}:") and en in line and line.endswith(f"[{code}]")


def test_the_library_gives_the_policy_problem_in_both_languages() -> None:
    _, problems = policy_from_yaml("yellow: 10\nred: much\n", "p.yaml")
    assert problems[0].text("zh") == "red 应为落后的百分点数，0到1000（现为 'much'）"
    assert problems[0].text("en") == "red must be a number of points behind, from 0 to 1000 (got 'much')"


def test_a_missing_or_unreadable_policy_file(tmp_path: Path, report_file: Path) -> None:
    zh, en = both(["check", str(report_file), "--policy", str(tmp_path / "无.yaml")])
    assert "无.yaml: 亮灯规则文件不存在；请检查路径 [file-not-found]" in zh
    assert "无.yaml: the policy file does not exist [file-not-found]" in en
    (tmp_path / "utf16.yaml").write_bytes("red: 20\n".encode("utf-16"))
    zh, en = both(["check", str(report_file), "--policy", str(tmp_path / "utf16.yaml")])
    assert "无法按 UTF-8 文本读取亮灯规则文件（UnicodeDecodeError）" in zh and "[file-unreadable]" in zh
    assert "cannot read the policy file as UTF-8 text: UnicodeDecodeError [file-unreadable]" in en


def test_bands_that_do_not_fit(report_file: Path) -> None:
    zh, en = both(["check", str(report_file), "--yellow", "50", "--red", "20"])
    assert "错误：--yellow/--red：黄灯线（50）应在0以上，且不高于红灯线（20）" in zh
    assert "error: --yellow/--red: the yellow band (50) must be at least 0 and at most the red " \
           "band (20)" in en


# ── --reporter ──────────────────────────────────────────────────────────────────────────────────

def test_check_reporter_that_is_no_unit(report_file: Path) -> None:
    zh, en = both(["check", str(report_file), "--reporter", "不存在的单位"])
    assert "错误：--reporter '不存在的单位' 不是计划中的单位" in zh
    assert "error: --reporter '不存在的单位' is not a unit of the plan" in en
    zh, en = both(["check", str(report_file), "-r", "新塘"])
    assert "--reporter '新塘' 不是计划中的单位；是否应为 新塘镇？" in zh
    assert "--reporter '新塘' is not a unit of the plan; did you mean 新塘镇?" in en


def test_check_reporter_with_nothing_in_the_project(report_file: Path) -> None:
    zh, en = both(["check", str(report_file), "-r", "新塘镇", "-p", "1"])
    assert "错误：新塘镇 不报送第 1 项中的任何指标" in zh
    assert "error: 新塘镇 reports no indicator of the plan in project 1" in en


def test_template_reporter_that_is_no_unit() -> None:
    zh, en = both(["template", "--reporter", "X"])
    assert zh.startswith("错误：--reporter 'X' 不是计划中的单位；请写计划中某个单位的名称")
    assert en.startswith("error: --reporter 'X' is not a unit of the plan; write the name")
    zh, en = both(["template", "-r", "区卫生建康局"])
    assert "--reporter '区卫生建康局' 不是计划中的单位；是否应为 区卫生健康局" in zh
    assert "--reporter '区卫生建康局' is not a unit of the plan; did you mean 区卫生健康局" in en


@pytest.mark.parametrize("command", [["check", TOWNS_CSV], ["template"]])
def test_a_reporter_nothing_like_a_unit_gets_the_plans_units(command: list[str]) -> None:
    """With no name close to it, the message lists the units, the towns too (a clerk has no
    other place to see them)."""
    zh, en = both([*command, "--reporter", "不存在"])
    zh = next(line for line in zh.splitlines() if line.startswith("错误："))  # one line
    en = next(line for line in en.splitlines() if line.startswith("error:"))
    assert "--reporter '不存在' 不是计划中的单位；请写计划中某个单位的名称（全称或简称均可）" in zh
    assert "镇街：荔城街道、增江街道" in zh and "新塘镇" in zh and "小楼镇" in zh
    assert "区直部门：区卫生健康局、区教育局" in zh and "其他单位：区妇联" in zh
    assert "各镇街" not in zh  # a group, not a unit one can report as
    assert "Towns and streets: 荔城街道, 增江街道" in en and "District offices: 区卫生健康局" in en


def test_template_reporter_outside_the_project() -> None:
    zh, en = both(["template", "-r", "新塘镇", "-p", "1"])
    assert "错误：第 1 项中没有由 新塘镇 报送的指标；该单位在第 4、5 项中报送" in zh
    assert "error: no indicator of project 1 is reported by 新塘镇; it reports in project 4, 5" in en


def test_a_docx_in_english_says_what_asked_for_english(report_file: Path,
                                                        tmp_path: Path) -> None:
    out = str(tmp_path / "x.docx")
    by_option = runner.invoke(app, ["report", str(report_file), "-o", out, "--lang", "en"])
    assert by_option.exit_code == 2 and "drop --lang en" in by_option.stderr
    by_env = runner.invoke(app, ["report", str(report_file), "-o", out],
                           env={"MINSHENG_LANG": "en"})
    assert by_env.exit_code == 2 and "--lang en" not in by_env.stderr, by_env.stderr
    assert "MINSHENG_LANG is set to English; add --lang zh or set MINSHENG_LANG=zh" in \
        by_env.stderr
    assert not (tmp_path / "x.docx").exists()


def test_report_previous_as_of_needs_previous(report_file: Path) -> None:
    zh, en = both(["report", str(report_file), "--previous-as-of", "2023-05-31"])
    assert "错误：--previous-as-of 须与 --previous 一起使用" in zh
    assert "error: --previous-as-of needs --previous" in en


def test_an_unknown_reporter_is_refused_before_any_file_is_read(tmp_path: Path) -> None:
    inbox = Path(TOWNS_CSV).parent / "inbox" / "2023-09"
    result = runner.invoke(app, ["check", str(inbox), "--reporter", "不存在"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") <= 2, result.stderr  # the one error, not the files' warnings
    assert "不存在" in result.stderr
