"""Output of `minsheng list`: one row per checkpoint, as a table, JSON or CSV."""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import Any, TextIO

from ..labels import label
from ..plan.model import Plan
from .records import LIST_FIELDS
from .safe import cells, json_text, terminal


def table(plan: Plan, rows: list[dict[str, Any]], stream: TextIO, lang: str) -> None:
    """Projects as sections (with their lead units), one line per checkpoint below them; a pace's
    target marked ≈, and under a checkpoint the reading of its due date where that is a judgement."""
    from rich.console import Console  # loaded here: list --format json/csv never draws
    from rich.table import Table
    from rich.text import Text

    projects = {p.number: p for p in plan.projects}
    out = Table(title=Text(f"{terminal(plan.title)} — {len(rows)} {label('checkpoints', lang)}"))
    out.add_column(f"{label('project', lang)} / {label('indicator', lang)}", overflow="fold")
    out.add_column("id", overflow="fold", style="dim")
    out.add_column(label("due", lang), no_wrap=True)
    out.add_column(label("target", lang), justify="right", no_wrap=True)
    out.add_column(label("unit", lang))
    out.add_column(label("lead_units", lang), overflow="fold")
    project = indicator = None
    for row in rows:
        if row["project"] != project:
            project = row["project"]
            proj = projects[project]
            out.add_section()
            out.add_row(Text(f"{project} {terminal(proj.name.get(lang))}", style="bold"), "", "",
                        "", "", Text(terminal("、".join(proj.lead_units))))
        first = row["indicator"] != indicator
        indicator = row["indicator"]
        out.add_row(
            Text(terminal(row["name_en"] if lang == "en" else row["name"])) if first else Text(""),
            Text(terminal(row["indicator"])) if first else Text(""),
            Text(row["due"] + (" *" if row.get("due_reading") else "")),
            Text(("" if row.get("firm", True) else "≈") + f"{row['target']:,}"),
            Text(terminal(row["unit_en"] if lang == "en" else row["unit"])),
            Text(""),
        )
        if row.get("due_reading"):
            out.add_row(Text(f"  * {label('due_reading', lang)}: {terminal(row['due_reading'])}",
                             style="dim"), "", "", "", "", "")
    Console(file=stream, highlight=False).print(out)
    if any(not row.get("firm", True) for row in rows):
        Console(file=stream, highlight=False).print(Text(f"≈ {label('pace', lang)}", style="dim"))


def as_json(plan: Plan, rows: list[dict[str, Any]], stream: TextIO, lang: str) -> None:
    stream.write(json_text(rows) + "\n")


def as_csv(plan: Plan, rows: list[dict[str, Any]], stream: TextIO, lang: str) -> None:
    """Every text cell spreadsheet-safe (see safe.cell); lists joined with 、."""
    writer = csv.DictWriter(stream, fieldnames=LIST_FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(cells(row))


RENDERERS: dict[str, Callable[[Plan, list[dict[str, Any]], TextIO, str], None]] = {
    "table": table,
    "json": as_json,
    "csv": as_csv,
}
