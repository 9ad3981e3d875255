"""Small helpers the command modules share: stderr output, exit codes, plan resolution."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from .problems import Problem, errors

if TYPE_CHECKING:
    from rich.console import Console

    from .model import Plan


class Exit(IntEnum):
    OK = 0
    FINDINGS = 1  # the input is fine, and what it says fails the check
    BAD_INPUT = 2  # unreadable or invalid input, or bad usage


def stderr() -> Console:
    from rich.console import Console  # rich's console is a fifth of start-up: load it when used

    return Console(stderr=True, highlight=False, soft_wrap=True)


def print_problems(problems: list[Problem]) -> None:
    if not problems:
        return
    from rich.text import Text

    err = stderr()
    for problem in problems:
        style = "red" if problem.severity == "error" else "yellow"
        err.print(Text(problem.format(), style=style))


def fail(problems: list[Problem]) -> NoReturn:
    """Print every problem on stderr and exit 2."""
    print_problems(problems)
    raise typer.Exit(Exit.BAD_INPUT)


def usage_error(message: str) -> NoReturn:
    from rich.text import Text

    stderr().print(Text(f"error: {message}", style="red"))
    raise typer.Exit(Exit.BAD_INPUT)


def resolve_plan(path: Path | None) -> Plan:
    """The plan at `path` (default: the embedded 2023 plan), or exit 2 saying what is wrong."""
    from .planfile import embedded_plan_path, validate_file

    plan, problems = validate_file(path or embedded_plan_path())
    if plan is None:
        fail(errors(problems))
    return plan
