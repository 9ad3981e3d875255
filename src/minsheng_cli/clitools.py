"""Small helpers the command modules share: stderr output, exit codes, plan resolution."""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path
from typing import NoReturn

import typer
from rich.console import Console
from rich.text import Text

from .model import Plan
from .problems import Problem, errors


class Exit(IntEnum):
    OK = 0
    FINDINGS = 1  # the input is fine, and what it says fails the check
    BAD_INPUT = 2  # unreadable or invalid input, or bad usage


def stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def print_problems(problems: list[Problem]) -> None:
    err = stderr()
    for problem in problems:
        style = "red" if problem.severity == "error" else "yellow"
        err.print(Text(problem.format(), style=style))


def fail(problems: list[Problem]) -> NoReturn:
    """Print every problem on stderr and exit 2."""
    print_problems(problems)
    raise typer.Exit(Exit.BAD_INPUT)


def usage_error(message: str) -> NoReturn:
    stderr().print(Text(f"error: {message}", style="red"))
    raise typer.Exit(Exit.BAD_INPUT)


def resolve_plan(path: Path | None) -> Plan:
    """The plan at `path` (default: the embedded 2023 plan), or exit 2 saying what is wrong."""
    from .planfile import embedded_plan_path, validate_file

    plan, problems = validate_file(path or embedded_plan_path())
    if plan is None:
        fail(errors(problems))
    return plan
