"""Output of `minsheng diff`: a table for people (in the language chosen), JSON for scripts (its
field names and values the same in both languages)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..i18n import Join, say
from ..plan.diff import Change, summary
from .safe import json_text, terminal

_STYLE = {"added": "green", "removed": "red", "changed": "yellow"}


def _shown(value: object) -> str:
    return "" if value is None else terminal(str(value))


def _summary_line(changes: list[Change]) -> str:
    if not changes:
        return say("diff.none").text()
    parts = []
    for key, n in summary(changes).items():
        *things, what = key.split("_")  # "plan_fields_changed" → "1 plan field changed"
        noun = "-".join(things)
        if n:
            parts.append(say("diff.count", n=n, what=say(f"diff.{what}"),
                             noun=say(f"diff.noun.{noun if n != 1 else noun[:-1]}")))
    return Join(("；", "; "), parts).text()


def _values(c: Change) -> str:
    if c.change == "changed":
        return f"{_shown(c.old)} → {_shown(c.new)}"
    return _shown(c.new if c.change == "added" else c.old)


def table(old: Path, new: Path, changes: list[Change], stream: TextIO) -> None:
    """One section per indicator (the plan's own fields first), one row per change below it."""
    console = Console(file=stream, highlight=False)
    console.print(Text(f"--- {terminal(str(old))}\n+++ {terminal(str(new))}"))
    if changes:
        grid = Table(box=box.SIMPLE_HEAD, pad_edge=False)
        for header in ("what", "change", "values", "matched", "line"):
            grid.add_column(say(f"diff.header.{header}").text(), overflow="fold")
        section: str | None = "(none yet)"
        for c in changes:
            lines = " → ".join(str(n) for n in (c.old_line, c.new_line) if n is not None)
            change = Text(say(f"diff.{c.change}").text(), style=_STYLE[c.change])
            if c.scope == "indicator" and c.field is None:  # a whole indicator added or removed
                grid.add_row(Text(_shown(c.indicator), style="bold"), change, Text(_values(c)),
                             Text(), Text(lines))
                section = c.indicator
                continue
            if c.indicator != section:
                grid.add_row(Text(_shown(c.indicator) or say("diff.plan").text(), style="bold"))
                section = c.indicator
            what = " ".join(_shown(x) for x in (c.due, c.field) if x is not None)
            matched = say(f"diff.matched.{c.matched_by}").text() if c.matched_by else ""
            grid.add_row(Text("  " + what), change, Text(_values(c)), Text(matched), Text(lines))
        console.print(grid)
    console.print(Text(_summary_line(changes)))


def as_json(old: Path, new: Path, changes: list[Change], stream: TextIO) -> None:
    report = {
        "old": str(old),
        "new": str(new),
        "changed": bool(changes),
        "summary": summary(changes),
        "changes": [c.to_dict() for c in changes],
    }
    stream.write(json_text(report) + "\n")


RENDERERS: dict[str, Callable[[Path, Path, list[Change], TextIO], None]] = {"table": table, "json": as_json}
