"""The README promises what the tool does: every command is documented, the first commands work."""

from __future__ import annotations

import re

import pytest
import typer.main
from conftest import ROOT

from minsheng_cli.cli import app

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(cmd.name for cmd in typer.main.get_command(app).commands.values())  # type: ignore[attr-defined]


def test_all_commands_are_known() -> None:
    assert {"validate", "list", "check", "audit", "diff", "schema", "template", "report"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_and_a_readme_section(name: str) -> None:
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    assert (command.help or "").strip(), f"{name} has no help text"
    assert re.search(rf"^##+ `minsheng {name}\b", README, re.MULTILINE), f"{name} has no README section"


QUICK_STARTS, _, ENGLISH = README.partition("<!-- end of the quick starts")


def _commands(section: str) -> list[str]:
    """The command lines of a README section's ```sh blocks."""
    blocks = re.findall(r"```sh\n(.*?)```", section, re.DOTALL)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_the_readme_opens_with_a_chinese_quick_start() -> None:
    assert ENGLISH, "the end-of-quick-starts marker is missing"
    headings = re.findall(r"^## .*$", README, re.MULTILINE)
    assert headings[0].startswith("## 快速上手"), headings[:2]


def test_the_chinese_and_english_quick_starts_give_the_same_commands() -> None:
    zh, _, en = QUICK_STARTS[QUICK_STARTS.index("## 快速上手"):].partition(
        "## Quick start in English")
    assert en, "the English quick start is missing"
    assert _commands(zh) == _commands(en)
    assert [c.split()[1] for c in _commands(zh) if c.startswith("minsheng ")] == [
        "template", "check", "report"]


@pytest.mark.parametrize("line", [c for c in _commands(QUICK_STARTS) if c.startswith("minsheng ")])
def test_the_quick_start_commands_are_real(line: str) -> None:
    """Each command's options exist (its --help names them), and its section in the English
    README documents the command."""
    from typer.testing import CliRunner

    words = line.split()
    command = words[1]
    help_text = CliRunner().invoke(app, [command, "--help", "--lang", "en"]).stdout
    for word in words[2:]:
        if word.startswith("-"):
            assert re.search(rf"(^|[ ,]){re.escape(word)}\b", help_text, re.MULTILINE), (line, word)
    assert re.search(rf"^##+ `minsheng {command}\b", ENGLISH, re.MULTILINE)


def test_readme_opens_with_the_two_commands() -> None:
    first_block = ENGLISH.split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert first_block[0].startswith("python -m pip install . && minsheng check examples/")
    assert first_block[1] == "python -m pip install -e '.[test]' && python -m pytest -q"
    example = first_block[0].split("minsheng check ", 1)[1].split()[0]
    assert (ROOT / example).exists()
    assert README.startswith("# minsheng") and README.split("```sh\n", 1)[1].startswith(
        "\n".join(first_block))  # the very top of the README: the same two commands


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest -q" in ci and "pip install -q -e '.[test]'" in ci
