"""Problems on a terminal or in a log: one line each, data neutralised, errors red, warnings
yellow."""

from __future__ import annotations

import sys
from typing import TextIO

from ..problems import Problem
from .safe import terminal


def print_problems(problems: list[Problem], stream: TextIO | None = None) -> None:
    """Every problem on its own line (on stderr by default); nothing in the data can break the
    line or reach the terminal as a control sequence."""
    if not problems:
        return
    from rich.console import Console  # rich's console is a fifth of start-up: load it when used
    from rich.text import Text

    console = Console(file=stream or sys.stderr, highlight=False, soft_wrap=True)
    for problem in problems:
        style = "red" if problem.severity == "error" else "yellow"
        console.print(Text(terminal(problem.format()), style=style))


def print_error(message: str, stream: TextIO | None = None) -> None:
    """`error: …` for a usage error, in red."""
    from rich.console import Console
    from rich.text import Text

    console = Console(file=stream or sys.stderr, highlight=False, soft_wrap=True)
    console.print(Text(terminal(f"error: {message}"), style="red"))
