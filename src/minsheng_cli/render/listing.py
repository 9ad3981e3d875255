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
    names = {p.number: p.name.get(lang) for p in plan.projects}
    out = Table(title=Text(f"{plan.title} — {len(rows)} {label('checkpoints', lang)}"),
                show_lines=False)
    for key in ("project", "indicator", "due", "target", "unit", "lead_units"):
        out.add_column(label(key, lang), justify="right" if key == "target" else "left",
                       overflow="fold")
    previous = None
    for row in rows:
        first = row["indicator"] != previous
        previous = row["indicator"]
        name = row["name_en"] if lang == "en" else row["name"]
        out.add_row(
            Text(f"{row['project']} {names[row['project']]}" if first else ""),
            Text(f"{name}\n{row['indicator']}" if first else ""),
            Text(row["due"]),
            Text(f"{row['target']:,}"),
            Text(row["unit_en"] if lang == "en" else row["unit"]),
            Text("、".join(row["lead_units"]) if first else ""),
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
