"""Problems on a terminal or in a log: one line each, data neutralised, errors red, warnings
yellow."""

from __future__ import annotations

import dataclasses
import sys
from typing import TextIO

from ..problems import Problem
from .safe import shorten, terminal

# A message quotes the data it is about; a 10 MB cell quoted whole would bury the others.
MAX_MESSAGE = 1000


def problem_line(problem: Problem) -> str:
    """`file:line:col: message [code]` as one line: no control character or line break from the
    data reaches the terminal (they are shown as `\\x1b`, `\\n`), and the message is at most
    MAX_MESSAGE characters, so a line always ends with its own code."""
    short = dataclasses.replace(problem, message=shorten(problem.text(), MAX_MESSAGE))
    return terminal(short.format())


def _print_lines(lines: list[tuple[str, str]], stream: TextIO | None) -> None:
    """Each (text, style) on its own line, on stderr by default; the texts are neutralised."""
    from rich.console import Console  # rich's console is a fifth of start-up: load it when used
    from rich.text import Text

    console = Console(file=stream or sys.stderr, highlight=False, soft_wrap=True)
    for line, style in lines:
        console.print(Text(line, style=style))


def print_problems(problems: list[Problem], stream: TextIO | None = None) -> None:
    """Every problem on its own line (on stderr by default); nothing in the data can break the
    line or reach the terminal as a control sequence."""
    if problems:
        _print_lines([(problem_line(p), "red" if p.severity == "error" else "yellow")
                      for p in problems], stream)


def print_error(message: str, stream: TextIO | None = None) -> None:
    """`error: …` for a usage error, in red, on one line."""
    from ..i18n import say, text

    tag = say("tag.error").text()
    _print_lines([(terminal(f"{tag}{shorten(text(message), MAX_MESSAGE)}"), "red")], stream)


def count_line(problems: list[Problem]) -> str:
    """`以上 3 条错误、1 条警告：未给出结论…`: what a refusal ends with when it prints several
    lines (messages are counted: one line may stand for many rows of the same problem)."""
    from ..i18n import Join, say

    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    counts = [say("fail.errors-one") if errors == 1 else say("fail.errors", n=errors)]
    if warnings:
        counts.append(say("fail.warnings-one") if warnings == 1
                      else say("fail.warnings", n=warnings))
    return say("fail.count", counts=Join(("、", " and "), counts)).text()


def print_count(problems: list[Problem], stream: TextIO | None = None) -> None:
    """The count line of a refusal, in red, on stderr."""
    _print_lines([(count_line(problems), "red")], stream)
