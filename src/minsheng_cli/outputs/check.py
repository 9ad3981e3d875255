"""Output of `minsheng check`: a table grouped by project with summaries; JSON, CSV and Markdown
are in check_text.py."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from ..engine.evaluate import Report
from ..engine.statuses import LOOKS, Status, status_label
from ..labels import label
from .check_text import as_csv, as_json, as_markdown, figure, required_figure
from .records import check_records
from .rounding import half_up
from .safe import terminal

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text
# rich is loaded by the functions that draw (a fifth of start-up): json, csv and markdown
# output never pay for it.


def _status_with_light(row: dict[str, Any], status: Status) -> Text:
    """The status in its colour, after a dot in the colour of its light (亮灯; none: not lit)."""
    from rich.text import Text

    from ..engine.policy import LIGHT_LOOKS, Light

    text = Text()
    light = row.get("light")
    text.append("● " if light else "  ", style=LIGHT_LOOKS[Light(light)].color if light else "")
    text.append(row["status_label"], style=LOOKS[status].style)
    return text


@dataclass
class _Column:
    key: str
    head: str
    cells: list[Any]  # a fit.Cell (wrapped to the width), or a drawing `fixed` columns wide
    fixed: int | None = None
    right: bool = False

    def need(self) -> int:
        from . import fit
        own = self.fixed if self.fixed is not None else max(map(fit.need, self.cells), default=0)
        return max(own, fit.need(fit.words(self.head)))

    def natural(self) -> int:
        from . import fit
        own = self.fixed if self.fixed is not None else \
            max(map(fit.natural, self.cells), default=0)
        return max(own, fit.natural(self.head))

    def cell(self, i: int, width: int) -> Any:
        from rich.text import Text

        from . import fit
        value = self.cells[i]
        return value if self.fixed is not None else Text(fit.wrapped(value, width))


def _columns(rows: list[dict[str, Any]], keys: list[str], lang: str, trends: dict[str, str],
             bar: int) -> list[_Column]:
    """The columns of the check table, in the order of `keys`; `bar`: the progress bar's length
    (0: the percentage alone)."""
    from rich.cells import cell_len
    from rich.console import Group
    from rich.progress_bar import ProgressBar
    from rich.text import Text

    from . import fit

    def fixed(key: str, cells_: list[Any], right: bool = False) -> _Column:
        width = max((c.cell_len for c in cells_ if isinstance(c, Text)), default=0)
        return _Column(key, label(key, lang), cells_, width, right)

    def shown(row: dict[str, Any]) -> str:
        return f"{half_up(row['percent']):.0f}%" if row["percent"] is not None else "—"

    def done(row: dict[str, Any]) -> float:
        return min(row["percent"] or 0.0, 100)

    made: dict[str, Callable[[], _Column]] = {
        "indicator": lambda: _Column("indicator", label("indicator", lang), [
            terminal(row["name_en"] if lang == "en" else row["name"])
            + ("\n" + terminal(row["indicator"]) if "id" in keys else "") for row in rows]),
        "status": lambda: fixed("status", [_status_with_light(r, Status(r["status"]))
                                           for r in rows]),
        "actual": lambda: fixed("actual", [Text(figure(r["actual"])) for r in rows], True),
        "required": lambda: fixed("required", [Text(required_figure(r["required"], r["target"], r["actual"]))
                                               for r in rows], True),
        "target": lambda: _Column("target", label("target", lang), [
            fit.with_unit(figure(r["target"]),
                          terminal(r["unit_en"] if lang == "en" else r["unit"]))
            for r in rows], right=True),
        "progress": lambda: fixed("progress", [Text(shown(r)) for r in rows], True) if not bar
        else _Column("progress", label("progress", lang), [
            Group(ProgressBar(total=100, completed=done(r), width=bar), Text(shown(r)))
            for r in rows], bar + max(cell_len(shown(r)) for r in rows)),
        "trend": lambda: fixed("trend", [Text(trends.get(r["indicator"]) or "") for r in rows]),
        "next": lambda: _Column("next", label("next", lang), [
            f"{r['next_due']} {figure(r['next_target'])}" if r["next_due"] else "—"
            for r in rows]),
        "lead_units": lambda: _Column("lead_units", label("lead_units", lang),
                                      [fit.joined(list(map(terminal, r["lead_units"])), lang)
                                       for r in rows]),
    }
    return [made[key]() for key in keys if key in made]


# The wide table, and what it leaves out, step by step, until it fits the width: the trend,
# the lead units, the bar's length, the bar, the next checkpoint. Then the compact table.
WIDE = ["indicator", "id", "status", "actual", "required", "target", "progress", "trend", "next",
        "lead_units"]
LADDER: tuple[tuple[frozenset[str], int], ...] = (
    (frozenset(), 12), (frozenset(), 8), (frozenset({"trend"}), 8),
    (frozenset({"trend", "lead_units"}), 8), (frozenset({"trend", "lead_units"}), 0),
    (frozenset({"trend", "lead_units", "next"}), 0))
# the space left over goes first to the figures (a target on one line), then to the names
GROW = ("target", "next", "indicator", "lead_units")


def _sized(columns: list[_Column], room: int) -> list[int] | None:
    from . import fit

    order = [j for key in GROW for j, c in enumerate(columns) if c.key == key]
    return fit.widths([c.need() for c in columns], [c.natural() for c in columns], room, order)


def table(report: Report, stream: TextIO, lang: str) -> None:
    """The verdicts grouped by project, then the summaries, in the terminal's width (or
    COLUMNS): the widest layout that fits, leaving out the trend, the lead units, the bar and
    the next checkpoint in turn, then a compact one without ids, and at the narrowest a list.
    No word, id, date, number or percentage is broken (`--format csv` or `-o FILE.xlsx` has
    every column)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from . import fit

    # Piped into a file, rich would fold nine columns into 80; a saved table reads better wide.
    wide = None if stream.isatty() or "COLUMNS" in os.environ else 160
    console = Console(file=stream, highlight=False, width=wide)
    plan = report.plan
    rows = check_records(report, lang)
    names = {p.number: terminal(p.name.get(lang)) for p in plan.projects}
    title = f"{terminal(plan.title)} — {label('as_of', lang)} {report.as_of.isoformat()}"
    # `trend`: sparklines that render.charts.add_trends puts in for indicators reported repeatedly.
    trends = dict(zip(report.results["indicator"], report.results["trend"], strict=True)) \
        if "trend" in report.results else {}
    keys = [k for k in WIDE if k != "trend" or any(trends.values())]
    for drop, bar in LADDER:
        columns = _columns(rows, [k for k in keys if k not in drop], lang, trends, bar)
        sizes = _sized(columns, console.width - 3 * len(columns) - 1)  # borders and padding
        if sizes is not None:
            break
    else:
        if not _compact(console, rows, names, title, lang):
            _listed(console, rows, names, title, lang)
        summary(report, lang, console)
        return
    out = Table(title=Text(fit.wrapped(title, sum(sizes) + 3 * len(sizes) + 1)), expand=False)
    for column, width in zip(columns, sizes, strict=True):
        out.add_column(Text(fit.wrapped(fit.words(column.head), width)), width=width,
                       no_wrap=True, justify="right" if column.right else "left")
    current = None
    for i, row in enumerate(rows):
        if row["project"] != current:
            current = row["project"]
            out.add_section()
            out.add_row(Text(fit.wrapped(f"{current} {names[current]}", sizes[0]), style="bold"),
                        *[""] * (len(columns) - 1))
        out.add_row(*[c.cell(i, w) for c, w in zip(columns, sizes, strict=True)])
    console.print(out)
    summary(report, lang, console)


COMPACT = ["indicator", "status", "actual", "required", "target", "progress"]


def _compact(console: Console, rows: list[dict[str, Any]], names: dict[int, str], title: str,
             lang: str) -> bool:
    """One small table per project under its heading, the columns of all of the same widths:
    name, status, figures and percentage (no id, bar, trend, next checkpoint or lead units).
    False when even this does not fit."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from . import fit

    columns = _columns(rows, COMPACT, lang, {}, 0)
    sizes = _sized(columns, console.width - 3 * (len(columns) - 1))  # a divider between columns
    # English names in a sliver (a word a line) read better as the list of `_listed`
    if sizes is None or sizes[0] < min(columns[0].natural(), 24 if lang == "en" else 16):
        return False
    console.print(Text(fit.wrapped(title, console.width), style="bold"), justify="center")
    by_project: dict[int, list[int]] = {}
    for i, row in enumerate(rows):
        by_project.setdefault(row["project"], []).append(i)
    for k, (number, group) in enumerate(by_project.items()):
        heading = fit.wrapped(f"{number} {names[number]}", sum(sizes) + 3 * (len(sizes) - 1))
        out = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_header=k == 0, show_edge=False,
                    title=Text(heading, style="bold"), title_justify="left")
        for column, width in zip(columns, sizes, strict=True):
            out.add_column(Text(fit.wrapped(fit.words(column.head), width)), width=width,
                           no_wrap=True, justify="right" if column.right else "left")
        for i in group:
            out.add_row(*[c.cell(i, w) for c, w in zip(columns, sizes, strict=True)])
        console.print(out)
    return True


def _listed(console: Console, rows: list[dict[str, Any]], names: dict[int, str], title: str,
            lang: str) -> None:
    """The narrowest layout: each indicator's name, and under it its figures as a list."""
    from rich.text import Text

    from . import fit

    width = console.width
    console.print(Text(fit.wrapped(title, width), style="bold"))
    current = None
    for row in rows:
        if row["project"] != current:
            current = row["project"]
            console.print()
            console.print(Text(fit.wrapped(f"{current} {names[current]}", width), style="bold"))
        console.print(Text(fit.wrapped(terminal(row["name_en"] if lang == "en" else row["name"]),
                                       width)))
        unit = terminal(row["unit_en"] if lang == "en" else row["unit"])
        items = [_status_with_light(row, Status(row["status"])),
                 Text(f"{label('actual', lang)} {figure(row['actual'])}"),
                 Text(f"{label('required', lang)} "
                      f"{required_figure(row['required'], row['target'], row['actual'])}"),
                 Text(f"{label('target', lang)} {figure(row['target'])} {unit}"),
                 Text(f"{half_up(row['percent']):.0f}%" if row["percent"] is not None else "—")]
        for line in fit.pack(Text("  "), items, width, indent="    "):
            console.print(line, no_wrap=True, crop=False)


def _summary_lines(report: Report, lang: str, console: Console) -> None:
    """The summaries as lines, `name：已完成3项 · 逾期未完成1项`, a status and its count never
    apart (one word: 已完成3项, not_due:3), broken between two of them only."""
    from rich.text import Text

    from . import fit

    names = {p.number: terminal(p.name.get(lang)) for p in report.plan.projects}
    for by, title in (("project", "summary_by_project"), ("lead_unit", "summary_by_unit")):
        counts = report.counts(by)
        console.print(Text(label(title, lang), style="bold"))
        rows = list(counts.iterrows())
        if by == "project":
            rows.append((label("total", lang), counts.sum()))
        for key, row in rows:
            name = (f"{key} {names[int(str(key))]}" if by == "project" and str(key).isdigit()
                    else terminal(str(key)))
            items = [Text(f"{status_label(status, lang)}{int(n)}项" if lang == "zh" else
                          f"{status.value}:{int(n)}",  # the status code: one word, as in JSON
                          style=LOOKS[status].style)
                     for status, n in zip(Status, row, strict=True) if n]
            head = Text(f"{name}：" if lang == "zh" else f"{name}: ")
            for line in fit.pack(head, items, console.width):
                console.print(line, no_wrap=True, crop=False)
        console.print()


def summary(report: Report, lang: str, console: Console) -> None:
    """Counts of each status by project and by lead unit: as tables where the names have room
    (20 columns, or their length) beside whole status headers, else as lines."""
    from rich.table import Table
    from rich.text import Text

    from . import fit

    names = {p.number: terminal(p.name.get(lang)) for p in report.plan.projects}
    tables = []
    for by, title in (("project", "summary_by_project"), ("lead_unit", "summary_by_unit")):
        counts = report.counts(by)
        first = [f"{key} {names[int(str(key))]}" if by == "project" else terminal(str(key))
                 for key in counts.index]
        heads = [label("project" if by == "project" else "lead_units", lang),
                 *(status_label(status, lang) for status in Status)]
        natural = max(map(fit.natural, [*first, heads[0]]))
        sizes = fit.widths([min(20, natural), *(fit.need(fit.words(h)) for h in heads[1:])],
                           [natural, *map(fit.natural, heads[1:])],
                           console.width - 3 * len(heads) - 1, [*range(1, len(heads)), 0])
        if sizes is None:
            _summary_lines(report, lang, console)
            return
        out = Table(title=Text(label(title, lang)))
        out.add_column(heads[0], width=sizes[0], no_wrap=True)
        for status, width in zip(Status, sizes[1:], strict=True):
            out.add_column(Text(fit.wrapped(fit.words(status_label(status, lang)), width),
                                style=LOOKS[status].style), justify="right", width=width,
                           no_wrap=True)
        for name, (_, row) in zip(first, counts.iterrows(), strict=True):
            out.add_row(Text(fit.wrapped(name, sizes[0])),
                        *[Text(str(int(n)) if n else "·") for n in row])
        if by == "project":  # a shared indicator counts under each of its lead units: no total there
            out.add_section()
            out.add_row(Text(label("total", lang), style="bold"),
                        *[Text(str(int(n))) for n in counts.sum()])
        tables.append(out)
    for out in tables:
        console.print(out)


Renderer = Callable[[Report, TextIO, str], None]
RENDERERS: dict[str, Renderer] = {
    "table": table,
    "json": as_json,
    "csv": as_csv,
    "markdown": as_markdown,
}
