"""Output of `minsheng validate`: text, json, or GitHub workflow annotations."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from ..i18n import say
from ..problems import Problem
from .messages import print_problems
from .safe import json_text, terminal

# Problems that mean the file could not be read at all (exit 2 rather than 1).
UNREADABLE = frozenset({"file-not-found", "file-unreadable", "not-text"})


def _count(key: str, n: int) -> str:
    """`1 error`, `2 errors` (the catalog's `key-one` and `key`)."""
    return say(f"{key}-one") if n == 1 else say(key, n=n)


def _summary(files: list[Path], problems: list[Problem]) -> str:
    """`checked 2 plan files: 1 invalid; 3 errors, 0 warnings`, in the language chosen."""
    n_err = sum(p.severity == "error" for p in problems)
    bad = len({p.file for p in problems if p.severity == "error"})
    verdict = say("validate.all-valid") if not n_err else say("validate.invalid", n=bad)
    return say("validate.summary", files=_count("validate.files", len(files)), verdict=verdict,
               errors=_count("validate.errors", n_err),
               warnings=_count("validate.warnings", len(problems) - n_err)).text()


def text(files: list[Path], problems: list[Problem], stream: TextIO) -> None:
    print_problems(problems)  # on stderr, like every message; the summary is the output
    stream.write(_summary(files, problems) + "\n")


def as_json(files: list[Path], problems: list[Problem], stream: TextIO) -> None:
    def entry(p: Problem) -> dict[str, object]:
        return {"code": p.code, "message": p.text(), "file": p.file, "line": p.line,
                "column": p.column}

    errors = [entry(p) for p in problems if p.severity == "error"]
    report = {
        "valid": not errors,
        "files": [str(f) for f in files],
        "errors": errors,
        "warnings": [entry(p) for p in problems if p.severity == "warning"],
    }
    stream.write(json_text(report) + "\n")


def _escape_data(value: str) -> str:
    # Controls shown first (GitHub's log viewer acts on ESC too), then the command's own syntax.
    return terminal(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(files: list[Path], problems: list[Problem], stream: TextIO) -> None:
    """GitHub Actions workflow commands: `::error file=F,line=L,col=C::message`."""
    for p in problems:
        props = [f"file={_escape_property(p.file or '')}"]
        if p.line is not None:
            props.append(f"line={p.line}")
            if p.column is not None:
                props.append(f"col={_escape_property(str(p.column))}")
        props.append(f"title={_escape_property(p.code)}")
        stream.write(f"::{p.severity} {','.join(props)}::{_escape_data(p.text())}\n")
    stream.write(_summary(files, problems) + "\n")


RENDERERS: dict[str, Callable[[list[Path], list[Problem], TextIO], None]] = {
    "text": text,
    "json": as_json,
    "github": github,
}
