"""Output of `minsheng list`: one row per checkpoint, as a table, JSON or CSV."""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import Any, TextIO

from ..labels import label
from ..plan.model import Plan
from ..plan.units import lead_units
from .records import LIST_FIELDS
from .safe import cells, json_text, terminal


def table(plan: Plan, rows: list[dict[str, Any]], stream: TextIO, lang: str) -> None:
    """Projects as sections (with their lead units), one line per checkpoint below them; a pace's
    target marked ≈, and under a checkpoint the reading of its due date where that is a judgement.
    An id is never broken (the clerk copies it into a report): it has a column of its own where
    the width allows, else a line of its own under the indicator's name, the lead units then
    under the project's name; names wrap instead."""
    from rich.cells import cell_len
    from rich.console import Console, JustifyMethod  # loaded here: json/csv never draw
    from rich.table import Table
    from rich.text import Text

    from . import fit

    console = Console(file=stream, highlight=False)
    projects = {p.number: p for p in plan.projects}
    heads = {key: label(key, lang) for key in ("project", "indicator", "id", "due", "target",
                                               "unit", "lead_units")}
    names = [terminal(row["name_en"] if lang == "en" else row["name"]) for row in rows]
    units = [terminal(row["unit_en"] if lang == "en" else row["unit"]) for row in rows]
    dues = [row["due"] + (" *" if row.get("due_reading") else "") for row in rows]
    targets = [("" if row.get("firm", True) else "≈") + f"{row['target']:,}" for row in rows]
    leads = {n: fit.joined(list(map(terminal, lead_units(plan, p))), lang)
             for n, p in projects.items()}
    ids = max((len(row["indicator"]) for row in rows), default=2)

    def fixed(head: str, texts: list[str]) -> int:
        return max([fit.natural(head), *map(fit.natural, texts)])

    name_need = max([12, *map(fit.need, names)])
    due, target = fixed(heads["due"], dues), fixed(heads["target"], targets)
    unit_need = max([fit.need(fit.words(heads["unit"])), *map(fit.need, units)])
    unit_natural = max([fit.natural(heads["unit"]), *map(fit.natural, units)])
    lead_need = max(fit.need(cell) for cell in [*leads.values(), fit.words(heads["lead_units"])])
    lead_natural = max(map(fit.natural, [*leads.values(), heads["lead_units"]]))
    name_natural = max(map(fit.natural, names))
    # the first column also holds the readings of due dates: on one line where there is room
    readings = max((cell_len(label("due_reading", lang)) + 6 + fit.natural(
        terminal(row["due_reading"])) for row in rows if row.get("due_reading")), default=0)
    wide = fit.widths([name_need, max(ids, fit.natural(heads["id"])), due, target, unit_need,
                       lead_need],
                      [max(name_natural, readings), 0, due, target, unit_natural, lead_natural],
                      console.width - 6 * 3 - 1, [4, 0, 5])
    # narrower: the unit beside its target (`15,000 women`), in one column
    with_units = [fit.with_unit(t, u) for t, u in zip(targets, units, strict=True)]
    narrow = fit.widths([max(ids, name_need),
                         due, max([fit.natural(heads["target"]), *map(fit.need, with_units)])],
                        [max(ids, name_natural, readings), due,
                         max(map(fit.natural, with_units))],
                        console.width - 3 * 3 - 1, [2, 0])
    if wide is not None and wide[0] < min(name_natural, 40):
        wide = None  # names in a sliver beside the ids: the ids under the names read better
    if wide is None and narrow is None:
        _listed(plan, rows, console, lang)
        return
    sizes = wide or narrow or []
    first = f"{heads['project']} / {heads['indicator']}" + ("" if wide else f" / {heads['id']}")
    title = f"{terminal(plan.title)} — {len(rows)} {label('checkpoints', lang)}"
    out = Table(title=Text(fit.wrapped(title, sum(sizes) + 3 * len(sizes) + 1)))
    left: JustifyMethod = "left"
    right: JustifyMethod = "right"
    columns: list[tuple[str, JustifyMethod]] = [
        (first, left), *([(heads["id"], left)] if wide else []), (heads["due"], left),
        (heads["target"], right), *([(heads["unit"], left), (heads["lead_units"], left)]
                                    if wide else [])]
    for (head, justify), width in zip(columns, sizes, strict=True):
        # the first column also holds a due date's reading: rich may wrap that one
        out.add_column(Text(fit.wrapped(fit.words(head), width)), width=width,
                       no_wrap=head != first, overflow="fold", justify=justify)
    blank = [""] * (len(sizes) - 1)
    project = indicator = None
    for row, name, unit, due_, target_, with_unit in zip(rows, names, units, dues, targets,
                                                         with_units, strict=True):
        if row["project"] != project:
            project = row["project"]
            heading = fit.wrapped(f"{project} {terminal(projects[project].name.get(lang))}",
                                  sizes[0])
            out.add_section()
            if wide:
                out.add_row(Text(heading, style="bold"), *blank[:-1],
                            Text(fit.wrapped(leads[project], sizes[-1])))
            else:
                lead = fit.wrapped((f"{heads['lead_units']}：" if lang == "zh"
                                    else f"{heads['lead_units']}: ", *leads[project]), sizes[0])
                out.add_row(Text(heading, style="bold"), *blank)
                out.add_row(Text(lead, style="dim"), *blank)
        first_row = row["indicator"] != indicator
        indicator = row["indicator"]
        shown = fit.wrapped(name, sizes[0]) if first_row else ""
        id_ = Text(terminal(row["indicator"]) if first_row else "", style="dim")
        if wide:
            out.add_row(Text(shown), id_, Text(due_), Text(target_),
                        Text(fit.wrapped(unit, sizes[4])), Text(""))
        else:
            cell = Text(shown)
            if first_row:
                cell.append("\n").append_text(id_)
            out.add_row(cell, Text(due_), Text(fit.wrapped(with_unit, sizes[2])))
        if row.get("due_reading"):
            out.add_row(Text(f"  * {label('due_reading', lang)}: {terminal(row['due_reading'])}",
                             style="dim"), *blank)
    console.print(out)
    if any(not row.get("firm", True) for row in rows):
        console.print(Text(fit.wrapped(fit.phrases(f"≈ {label('pace', lang)}"), console.width),
                           style="dim"))


def _listed(plan: Plan, rows: list[dict[str, Any]], console: Any, lang: str) -> None:
    """Narrower than any table: each indicator's name, its id on a line of its own, then its
    checkpoints, one a line."""
    from rich.text import Text

    from . import fit

    width = console.width
    projects = {p.number: p for p in plan.projects}
    project = indicator = None
    console.print(Text(fit.wrapped(f"{terminal(plan.title)} — {len(rows)} "
                                   f"{label('checkpoints', lang)}", width), style="bold"))
    for row in rows:
        if row["project"] != project:
            project = row["project"]
            console.print()
            console.print(Text(fit.wrapped(f"{project} {terminal(projects[project].name.get(lang))}",
                                           width), style="bold"))
            console.print(Text(fit.wrapped((f"{label('lead_units', lang)}：" if lang == "zh" else
                                            f"{label('lead_units', lang)}: ",
                                            *fit.joined(list(map(terminal, lead_units(plan, projects[project]))),
                                                       lang)),
                                           width), style="dim"))
        if row["indicator"] != indicator:
            indicator = row["indicator"]
            console.print(Text(fit.wrapped(terminal(row["name_en"] if lang == "en"
                                                    else row["name"]), width)))
            console.print(Text(terminal(row["indicator"]), style="dim"), no_wrap=True, crop=False)
        unit = terminal(row["unit_en"] if lang == "en" else row["unit"])
        target = ("" if row.get("firm", True) else "≈") + f"{row['target']:,}"
        star = " *" if row.get("due_reading") else ""
        console.print(Text("\n".join(f"  {line}" for line in
                                     fit.wrap(f"{row['due']}{star} {target} {unit}", width - 2))))
        if row.get("due_reading"):
            console.print(Text(f"  * {label('due_reading', lang)}: {terminal(row['due_reading'])}",
                               style="dim"))


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
