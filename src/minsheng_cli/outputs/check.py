"""Output of `minsheng check`: a table grouped by project with summaries, or JSON, CSV, Markdown."""

from __future__ import annotations

import csv
import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from ..engine.evaluate import Report
from ..engine.statuses import LOOKS, Status, status_label
from ..labels import label
from .records import CHECK_CSV_FIELDS, check_records
from .safe import cells, json_text, markdown, markdown_code, terminal

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text
# rich is loaded by the functions that draw (a fifth of start-up): json, csv and markdown
# output never pay for it.


def _fmt(value: Any, digits: int = 0) -> str:
    if value is None:
        return "—"
    if isinstance(value, int | float):
        return f"{value:,.{digits}f}" if not float(value).is_integer() or digits else f"{value:,.0f}"
    return str(value)


COMPACT_BELOW = 100  # columns: under this, the table leaves out ids, bars, trends and lead units


def _status_with_light(row: dict[str, Any], status: Status) -> Text:
    """The status in its colour, after a dot in the colour of its light (亮灯; none: not lit)."""
    from rich.text import Text

    from ..engine.policy import LIGHT_LOOKS, Light

    text = Text()
    light = row.get("light")
    text.append("● " if light else "  ", style=LIGHT_LOOKS[Light(light)].color if light else "")
    text.append(row["status_label"], style=LOOKS[status].style)
    return text


def table(report: Report, stream: TextIO, lang: str) -> None:
    """The verdicts grouped by project, then the summaries. Under COMPACT_BELOW columns (the
    terminal's, or COLUMNS) a narrower layout in which no word, date, number or percentage is
    broken: name, status, figures and percentage; the id, the bar, the trend, the next checkpoint
    and the lead units are left out (`--format csv` or `-o FILE.xlsx` has them all)."""
    from rich.console import Console, Group
    from rich.progress_bar import ProgressBar
    from rich.table import Table
    from rich.text import Text

    # Piped into a file, rich would fold nine columns into 80; a saved table reads better wide.
    wide = None if stream.isatty() or "COLUMNS" in os.environ else 160
    console = Console(file=stream, highlight=False, width=wide)
    compact = console.width < COMPACT_BELOW
    plan = report.plan
    rows = check_records(report, lang)
    names = {p.number: terminal(p.name.get(lang)) for p in plan.projects}
    title = f"{terminal(plan.title)} — {label('as_of', lang)} {report.as_of.isoformat()}"
    out = Table(title=Text(title), show_lines=False, expand=False)
    # `trend`: sparklines that render.charts.add_trends puts in for indicators reported repeatedly.
    trends = dict(zip(report.results["indicator"], report.results["trend"], strict=True)) \
        if "trend" in report.results else {}
    keys: tuple[str, ...] = ("indicator", "status", "actual", "required", "target", "progress",
                             *(("trend",) if any(trends.values()) and console.width >= ROOMY
                               else ()), "next", *(("lead_units",) if console.width >= ROOMY
                                                   else ()))
    if compact:
        _compact(console, report, rows, names, title, lang)
        summary(report, lang, console)
        return
    ids = min(28, max((len(r["indicator"]) for r in rows), default=8))
    bar = 12 if console.width >= ROOMY else 8  # the bar and its percentage on one line
    for key in keys:
        out.add_column(label(key, lang), overflow="fold", no_wrap=key not in FOLDS,
                       min_width=ids if key == "indicator" else bar + 5 if key == "progress"
                       else None,
                       justify="right" if key in RIGHT - {"progress"} else "left")
    current = None
    for row in rows:
        if row["project"] != current:
            current = row["project"]
            out.add_section()
            out.add_row(Text(f"{current} {names[current]}", style="bold"),
                        *[""] * (len(keys) - 1))
        status = Status(row["status"])
        name = terminal(row["name_en"] if lang == "en" else row["name"])
        unit = terminal(row["unit_en"] if lang == "en" else row["unit"])
        percent = row["percent"] or 0.0
        shown = f"{percent:.0f}%" if row["percent"] is not None else "—"
        actual = _fmt(row["actual"], 1 if row["actual"] and not float(row["actual"]).is_integer()
                      else 0)
        cells_ = [
            Text(name if compact else f"{name}\n{terminal(row['indicator'])}"),
            _status_with_light(row, status),
            Text(actual),
            Text(_fmt(row["required"], 0)),
            Text(f"{_fmt(row['target'])} {unit}"),
        ]
        if compact:
            out.add_row(*cells_, Text(shown))
            continue
        nxt = (f"{row['next_due']} {_fmt(row['next_target'])}" if row["next_due"] else "—")
        out.add_row(
            *cells_,
            Group(ProgressBar(total=100, completed=min(percent, 100),
                              width=bar), Text(shown)),
            *((Text(trends.get(row["indicator"]) or ""),) if "trend" in keys else ()),
            Text(nxt),
            *((Text(terminal("、".join(row["lead_units"]))),) if "lead_units" in keys else ()),
        )
    console.print(out)
    summary(report, lang, console)


RIGHT = {"actual", "required", "target", "progress"}
# the columns whose text may run onto another line (`next` at its space: date, then target)
FOLDS = {"indicator", "next", "lead_units"}
ROOMY = 140  # columns from which the wide table has room for the trend, lead units, a longer bar


def _compact_summary(report: Report, lang: str, console: Console) -> None:
    """The summaries as lines, `name: 已完成 3 · 逾期未完成 1`, a status and its count never
    apart (one word: 已完成3项, not_due:3), so that nothing is cut at any width."""
    from rich.text import Text

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
            line = Text(f"{name}：" if lang == "zh" else f"{name}: ")
            parts = [(status, int(n)) for status, n in zip(Status, row, strict=True) if n]
            for i, (status, n) in enumerate(parts):
                line.append(" · " if i else "")
                word = (f"{status_label(status, lang)}{n}项" if lang == "zh" else
                        f"{status.value}:{n}")  # the status code: one word, as in JSON
                line.append(word, style=LOOKS[status].style)
            console.print(line)
        console.print()
COMPACT = ("indicator", "status", "actual", "required", "target", "progress")


def _compact(console: Console, report: Report, rows: list[dict[str, Any]],
             names: dict[int, str], title: str, lang: str) -> None:
    """One small table per project under its heading, the columns of all of the same widths:
    figures, dates and percentages never wrap; only the indicator's name folds, in the width
    left over."""
    from rich import box
    from rich.cells import cell_len
    from rich.table import Table
    from rich.text import Text

    def cells_of(row: dict[str, Any]) -> list[Text]:
        unit = terminal(row["unit_en"] if lang == "en" else row["unit"])
        actual = row["actual"]
        return [Text(terminal(row["name_en"] if lang == "en" else row["name"])),
                _status_with_light(row, Status(row["status"])),
                Text(_fmt(actual, 1 if actual and not float(actual).is_integer() else 0)),
                Text(_fmt(row["required"], 0)),
                Text(f"{_fmt(row['target'])} {unit}"),
                Text(f"{row['percent']:.0f}%" if row["percent"] is not None else "—")]

    table_rows = [cells_of(r) for r in rows]
    heads = [label(k, lang) for k in COMPACT]
    widths = [max([cell_len(heads[j])] + [t[j].cell_len for t in table_rows])
              for j in range(len(COMPACT))]
    fixed = sum(widths[1:]) + 3 * (len(COMPACT) - 1)  # padding each side, a divider between
    widths[0] = max(8, min(widths[0], console.width - fixed - 1))
    console.print(Text(title, style="bold"), justify="center")
    by_project: dict[int, list[list[Text]]] = {}
    for row, cells_ in zip(rows, table_rows, strict=True):
        by_project.setdefault(row["project"], []).append(cells_)
    for k, (number, group) in enumerate(by_project.items()):
        out = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_header=k == 0, show_edge=False,
                    title=Text(f"{number} {names[number]}", style="bold"), title_justify="left")
        for j, key in enumerate(COMPACT):
            out.add_column(heads[j], width=widths[j], no_wrap=j > 0, overflow="fold",
                           justify="right" if key in RIGHT else "left")
        for cells_ in group:
            out.add_row(*cells_)
        console.print(out)


def summary(report: Report, lang: str, console: Console) -> None:
    """Counts of each status by project and by lead unit; status headers are never cut (under
    COMPACT_BELOW columns, one letter-width box and the names folded instead)."""
    from rich.table import Table
    from rich.text import Text

    if console.width < COMPACT_BELOW:
        _compact_summary(report, lang, console)
        return
    for by, title in (("project", "summary_by_project"), ("lead_unit", "summary_by_unit")):
        counts = report.counts(by)
        out = Table(title=Text(label(title, lang)))
        out.add_column(label("project" if by == "project" else "lead_units", lang))
        for status in Status:
            out.add_column(Text(status_label(status, lang), style=LOOKS[status].style),
                           justify="right")
        names = {p.number: terminal(p.name.get(lang)) for p in report.plan.projects}
        for key, row in counts.iterrows():
            name = f"{key} {names[int(str(key))]}" if by == "project" else terminal(str(key))
            out.add_row(Text(name), *[Text(str(int(n)) if n else "·") for n in row])
        if by == "project":  # a shared indicator counts under each of its lead units: no total there
            out.add_section()
            out.add_row(Text(label("total", lang), style="bold"),
                        *[Text(str(int(n))) for n in counts.sum()])
        console.print(out)


def as_json(report: Report, stream: TextIO, lang: str) -> None:
    stream.write(json_text(check_records(report, lang)) + "\n")


def as_csv(report: Report, stream: TextIO, lang: str) -> None:
    """Every text cell spreadsheet-safe (see safe.cell): plan names and units beginning with
    `=`, `+`, `-` or `@` get a leading `'`; lead units joined with 、."""
    writer = csv.DictWriter(stream, fieldnames=CHECK_CSV_FIELDS, lineterminator="\n",
                            extrasaction="ignore")
    writer.writeheader()
    for row in check_records(report, lang):
        writer.writerow(cells(row))


def _md(text: Any) -> str:
    return markdown(text)  # None → —


def as_markdown(report: Report, stream: TextIO, lang: str) -> None:
    """Tables per project and a summary; every piece of data escaped (see safe.markdown)."""
    rows = check_records(report, lang)
    names = {p.number: p.name.get(lang) for p in report.plan.projects}
    lines = [f"# {_md(report.plan.title)} — {label('as_of', lang)} {report.as_of.isoformat()}", ""]
    heads = [label(k, lang) for k in ("indicator", "status", "actual", "required", "target",
                                       "progress", "next", "lead_units")]
    current = None
    for row in rows:
        if row["project"] != current:
            current = row["project"]
            lines += ["", f"## {current} {_md(names[current])}", "",
                      "| " + " | ".join(map(_md, heads)) + " |", "|" + "---|" * len(heads)]
        name = row["name_en"] if lang == "en" else row["name"]
        unit = row["unit_en"] if lang == "en" else row["unit"]
        pct = f"{row['percent']:.0f}%" if row["percent"] is not None else "—"
        nxt = f"{row['next_due']} {_fmt(row['next_target'])}" if row["next_due"] else "—"
        shown = [f"{_md(name)} ({markdown_code(row['indicator'])})", _md(row["status_label"]),
                 _md(_fmt(row["actual"], 0)), _md(_fmt(row["required"], 0)),
                 f"{_md(_fmt(row['target']))} {_md(unit)}", _md(pct), _md(nxt),
                 _md("、".join(row["lead_units"]))]
        lines.append("| " + " | ".join(shown) + " |")
    counts = report.counts("project")
    lines += ["", f"## {_md(label('summary_by_project', lang))}", "",
              "| " + " | ".join(_md(h) for h in [label("project", lang)]
                                + [status_label(s, lang) for s in Status])
              + " |", "|" + "---|" * (len(Status) + 1)]
    for key, counted in counts.iterrows():
        lines.append("| " + " | ".join([_md(f"{key} {names[int(str(key))]}")]
                                       + [str(int(n)) for n in counted]) + " |")
    stream.write("\n".join(lines) + "\n")


Renderer = Callable[[Report, TextIO, str], None]
RENDERERS: dict[str, Renderer] = {
    "table": table,
    "json": as_json,
    "csv": as_csv,
    "markdown": as_markdown,
}
