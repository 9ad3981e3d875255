"""`minsheng list --units`: the plan's registry of units — each unit's name as outputs write it,
what it is, the other names it goes by (the plan text's typos among them) and what it reports."""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import Any, TextIO

from ..plan.model import Plan
from .safe import cells, json_text, terminal

UNIT_FIELDS = ["unit", "kind", "kind_label", "aliases", "reports"]  # only ever add
KINDS = {"town": ("镇街", "town or street"), "department": ("区直部门", "district department"),
         "other": ("其他单位", "other unit"), "group": ("各镇街（统称）", "all towns (a group name)")}
HEADS = {"unit": ("单位", "Unit"), "kind_label": ("类别", "Kind"), "aliases": ("别名", "Also written"),
         "reports": ("报送指标数", "Reports")}


def unit_rows(plan: Plan, lang: str) -> list[dict[str, Any]]:
    """One row per unit of the registry, in its order; `reports`: the indicators it reports."""
    from ..plan.units import duties

    owes: dict[str, list[str]] = {}
    for ind_id, duty in duties(plan).items():
        for unit in duty.units:
            owes.setdefault(unit, []).append(ind_id)
    return [{"unit": u.name, "kind": u.kind.value,
             "kind_label": KINDS.get(u.kind.value, (u.kind.value,) * 2)[lang == "en"],
             "aliases": list(u.aliases), "reports": owes.get(u.name, [])} for u in plan.units]


def flat(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows with their lists as text, for a CSV or a workbook's cells."""
    return [{**r, "aliases": "、".join(r["aliases"]), "reports": " ".join(r["reports"])}
            for r in rows]


def table(plan: Plan, rows: list[dict[str, Any]], stream: TextIO, lang: str) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    out = Table(title=Text(f"{terminal(plan.title)} — {len(rows)} "
                           f"{'units' if lang == 'en' else '个单位'}"))
    for field in ("unit", "kind_label", "aliases", "reports"):
        out.add_column(HEADS[field][lang == "en"], justify="right" if field == "reports" else
                       "left", no_wrap=field in ("unit", "kind_label", "reports"),
                       overflow="fold" if field == "aliases" else "ellipsis")
    for row in rows:
        out.add_row(Text(terminal(row["unit"])), Text(row["kind_label"]),
                    Text("\n".join(terminal(a) for a in row["aliases"])),  # one a line: none cut
                    Text(str(len(row["reports"]))))
    Console(file=stream, highlight=False).print(out)


def as_json(plan: Plan, rows: list[dict[str, Any]], stream: TextIO, lang: str) -> None:
    stream.write(json_text(rows) + "\n")


def as_csv(plan: Plan, rows: list[dict[str, Any]], stream: TextIO, lang: str) -> None:
    writer = csv.DictWriter(stream, fieldnames=UNIT_FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(cells(row) for row in flat(rows))


RENDERERS: dict[str, Callable[[Plan, list[dict[str, Any]], TextIO, str], None]] = {
    "table": table, "json": as_json, "csv": as_csv}
