"""Output of `minsheng list`: one row per checkpoint, as a table, JSON or CSV."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..labels import label
from ..model import Plan

# The public fields of `list --format json|csv`, in order. Only ever add.
FIELDS = ["project", "project_name", "indicator", "name", "name_en", "unit", "unit_en", "kind",
          "direction", "combine", "due", "target", "source", "note", "lead_units",
          "overview_target"]


def number(value: float | None) -> int | float | None:
    """12000.0 → 12000 for output; keep real fractions."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def checkpoint_rows(plan: Plan, project: int | None = None) -> list[dict[str, Any]]:
    rows = []
    for proj, ind in plan.indicators():
        if project is not None and proj.number != project:
            continue
        for cp in ind.checkpoints:
            rows.append({
                "project": proj.number, "project_name": proj.name.zh,
                "indicator": ind.id, "name": ind.name.zh, "name_en": ind.name.en,
                "unit": ind.unit.zh, "unit_en": ind.unit.en, "kind": ind.kind.value,
                "direction": ind.direction.value, "combine": ind.combine.value if ind.combine else None,
                "due": cp.due.isoformat(), "target": number(cp.target), "source": cp.source,
                "note": cp.note, "lead_units": list(proj.lead_units),
                "overview_target": number(ind.overview_target),
            })
    return rows


def table(plan: Plan, rows: list[dict[str, Any]], lang: str) -> None:
    """Projects as sections (with their lead units), one line per checkpoint below them."""
    projects = {p.number: p for p in plan.projects}
    out = Table(title=Text(f"{plan.title} — {len(rows)} {label('checkpoints', lang)}"))
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
            out.add_row(Text(f"{project} {proj.name.get(lang)}", style="bold"), "", "", "", "",
                        Text("、".join(proj.lead_units)))
        first = row["indicator"] != indicator
        indicator = row["indicator"]
        out.add_row(
            Text(row["name_en"] if lang == "en" else row["name"]) if first else Text(""),
            Text(row["indicator"]) if first else Text(""),
            Text(row["due"]),
            Text(f"{row['target']:,}"),
            Text(row["unit_en"] if lang == "en" else row["unit"]),
            Text(""),
        )
    Console(highlight=False).print(out)


def as_json(plan: Plan, rows: list[dict[str, Any]], lang: str) -> None:
    json.dump(rows, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def as_csv(plan: Plan, rows: list[dict[str, Any]], lang: str) -> None:
    writer = csv.DictWriter(sys.stdout, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({**row, "lead_units": "、".join(row["lead_units"])})


RENDERERS: dict[str, Callable[[Plan, list[dict[str, Any]], str], None]] = {
    "table": table,
    "json": as_json,
    "csv": as_csv,
}
