"""Messages in two languages: the catalog, the choice of language, and what a clerk reads."""

from __future__ import annotations

import copy
import pickle
import string
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minsheng_cli.catalog import MESSAGES
from minsheng_cli.cli import app
from minsheng_cli.i18n import Join, Msg, current_lang, say, set_lang
from minsheng_cli.problems import Problem

runner = CliRunner()
COMMANDS = ["validate", "audit", "diff", "schema", "check", "list", "template", "report"]


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_has_both_texts_with_the_same_placeholders(key: str) -> None:
    zh, en = MESSAGES[key]
    assert zh.strip() and en.strip(), key
    assert placeholders(zh) == placeholders(en), key
    assert not zh.isascii(), f"{key}: the zh text is not Chinese"


def test_a_message_is_its_english_text_and_renders_in_chinese() -> None:
    m = say("number.unreadable", value='"约1180"', forms=say("number.forms"))
    assert m == 'cannot read "约1180" as a number; write digits like 5000, 5,000 or 1.2万 (for an action, 1 done, 0 not done)'
    assert m.text("zh") == '无法把"约1180"读作数字；请填写数字，如 5000、5,000 或 1.2万（事件类完成填1、未完成填0）'
    for copied in (copy.deepcopy(m), pickle.loads(pickle.dumps(m))):
        assert isinstance(copied, Msg) and copied.text("zh") == m.text("zh")
    joined = Join(("；", "; "), [say("round.never", unit="小楼镇", owes=5), "x"])
    assert joined.text("zh") == "小楼镇（从未报送，应报 5 项）；x" and joined.endswith("5); x")


def test_a_problem_keeps_its_code_and_location_in_both_languages() -> None:
    p = Problem("bad-number", say("at.column", column="累计完成", message=say(
        "number.unreadable", value='"约1180"', forms=say("number.forms"))), "2-typical.xlsx", 6, 10)
    assert p.format("zh") == ('2-typical.xlsx:6:10: 第6行第10列（J6） 累计完成：无法把"约1180"读作数字；'
                              '请填写数字，如 5000、5,000 或 1.2万（事件类完成填1、未完成填0） [bad-number]')
    assert p.format("en").startswith("2-typical.xlsx:6:10: column 累计完成: cannot read")
    assert p.format("en").endswith("[bad-number]")


def test_the_language_is_the_option_else_the_environment_else_chinese(
        monkeypatch: pytest.MonkeyPatch) -> None:
    set_lang(None)
    monkeypatch.delenv("MINSHENG_LANG", raising=False)
    assert current_lang() == "zh"
    monkeypatch.setenv("MINSHENG_LANG", "en")
    assert current_lang() == "en"
    set_lang("zh")
    assert current_lang() == "zh"
    set_lang(None)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_takes_lang(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0 and "--lang" in result.stdout, command


def bad_file(tmp_path: Path) -> Path:
    path = tmp_path / "新塘镇.csv"
    path.write_text("指标编号,截至日期,累计完成\np10.charging_piles,2023-09-30,约1180\n",
                    encoding="utf-8")
    return path


def test_a_clerk_reads_the_located_error_in_chinese_by_default(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MINSHENG_LANG", raising=False)
    path = bad_file(tmp_path)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert f'{path}:2:3: 第2行第3列（C2） 累计完成：无法把"约1180"读作数字' in result.stderr
    assert result.stderr.rstrip().endswith("[bad-number]")


@pytest.mark.parametrize("how", ["option", "environment"])
def test_lang_en_gives_the_same_in_english(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           how: str) -> None:
    path = bad_file(tmp_path)
    if how == "option":
        monkeypatch.delenv("MINSHENG_LANG", raising=False)
        result = runner.invoke(app, ["check", str(path), "--lang", "en"])
    else:
        result = runner.invoke(app, ["check", str(path)], env={"MINSHENG_LANG": "en"})
    assert result.exit_code == 2
    assert f'{path}:2:3: column 累计完成: cannot read "约1180" as a number' in result.stderr
    assert "[bad-number]" in result.stderr


def test_a_usage_error_is_in_the_language_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MINSHENG_LANG", raising=False)
    result = runner.invoke(app, ["check", "x.csv", "--as-of", "30/09/2023"])
    assert result.exit_code == 2 and "不是日期" in result.stderr
    result = runner.invoke(app, ["check", "x.csv", "--as-of", "30/09/2023", "--lang", "en"])
    assert result.exit_code == 2 and "is not a date" in result.stderr


@pytest.mark.parametrize(("name", "head", "says"), [
    ("renamed.xls", b"PK\x03\x04rest", ".xlsx"),
    ("table.ods", b"PK\x03\x04rest", "OpenDocument (.ods)"),
    ("table.et", b"\xd0\xcf\x11\xe0rest", "WPS (.et)"),
    ("table.numbers", b"PK\x03\x04rest", "Numbers (.numbers)"),
])
def test_other_spreadsheets_get_a_sentence_saying_what_to_do(tmp_path: Path, name: str,
                                                             head: bytes, says: str) -> None:
    path = tmp_path / name
    path.write_bytes(head + b"\0" * 100)
    result = runner.invoke(app, ["check", str(path), "--lang", "en"])
    assert result.exit_code == 2 and "[not-excel]" in result.stderr
    assert says in result.stderr and "old-style" not in result.stderr, result.stderr


def _helps(lang: str) -> dict[str, str]:
    """Every help text of the app, as `minsheng [command] --help --lang` shows it."""
    import typer.main

    from minsheng_cli.cli.app import _localize

    group = typer.main.get_command(app)
    _localize(group, lang)
    found = {"": group.help or ""}
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        found[name] = command.help or ""
        for p in command.params:
            found[f"{name} {p.name}"] = getattr(p, "help", None) or ""
    return found


def test_every_help_text_is_in_chinese_with_zh_and_in_english_with_en() -> None:
    zh, en = _helps("zh"), _helps("en")
    assert zh.keys() == en.keys()
    for key in zh:
        assert zh[key] and not zh[key].isascii(), f"no Chinese help for {key!r}"
        assert en[key] and en[key] != zh[key], f"no English help for {key!r}"


@pytest.mark.parametrize(("args", "env", "says"), [
    (["--help"], {}, "民生十大实事督查"),
    (["check", "--help"], {}, "对照计划检查报送的进度"),
    (["check", "--help", "--lang", "en"], {}, "Compare reported progress"),
    (["check", "--help"], {"MINSHENG_LANG": "en"}, "Compare reported progress"),
    (["--lang", "en", "--help"], {}, "Hold the district's"),
])
def test_help_is_in_the_language_asked_for(args: list[str], env: dict[str, str], says: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MINSHENG_LANG", raising=False)
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0 and says in result.stdout
