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


def test_readme_opens_with_the_two_commands() -> None:
    first_block = README.split("```sh\n", 1)[1].split("```", 1)[0].strip().splitlines()
    assert first_block[0].startswith("python -m pip install . && minsheng check examples/")
    assert first_block[1] == "python -m pip install -e '.[test]' && python -m pytest -q"
    example = first_block[0].split("minsheng check ", 1)[1].split()[0]
    assert (ROOT / example).is_file()


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python -m pytest -q" in ci and "pip install -q -e '.[test]'" in ci
