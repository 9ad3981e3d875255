"""Output of `minsheng check`: a table grouped by project with summaries, or JSON, CSV, Markdown."""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable
from typing import Any, TextIO

from rich.console import Console, Group
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from ..engine.evaluate import Report
from ..engine.statuses import LOOKS, Status, status_label
from ..labels import label
from .records import CHECK_CSV_FIELDS, check_records
from .safe import cells, markdown, markdown_code

def _fmt(value: Any, digits: int = 0) -> str:
    if value is None:
        return "—"
    if isinstance(value, int | float):
        return f"{value:,.{digits}f}" if not float(value).is_integer() or digits else f"{value:,.0f}"
    return str(value)


def table(report: Report, stream: TextIO, lang: str) -> None:
    # Piped into a file, rich would fold nine columns into 80; a saved table reads better wide.
    wide = None if stream.isatty() or "COLUMNS" in os.environ else 160
    console = Console(file=stream, highlight=False, width=wide)
    plan = report.plan
    rows = check_records(report, lang)
    names = {p.number: p.name.get(lang) for p in plan.projects}
    title = f"{plan.title} — {label('as_of', lang)} {report.as_of.isoformat()}"
    out = Table(title=Text(title), show_lines=False, expand=False)
    # `trend`: sparklines that render.charts.add_trends puts in for indicators reported repeatedly.
    trends = dict(zip(report.results["indicator"], report.results["trend"], strict=True)) \
        if "trend" in report.results else {}
    keys = ("indicator", "status", "actual", "required", "target", "progress",
            *(("trend",) if any(trends.values()) else ()), "next", "lead_units")
    for key in keys:
        out.add_column(label(key, lang), overflow="fold",
                       justify="right" if key in {"actual", "required", "target"} else "left")
    current = None
    for row in rows:
        if row["project"] != current:
            current = row["project"]
            out.add_section()
            out.add_row(Text(f"{current} {names[current]}", style="bold"), *[""] * (len(keys) - 1))
        status = Status(row["status"])
        name = row["name_en"] if lang == "en" else row["name"]
        unit = row["unit_en"] if lang == "en" else row["unit"]
        percent = row["percent"] or 0.0
        bar = Group(ProgressBar(total=100, completed=min(percent, 100), width=12),
                    Text(f"{percent:.0f}%" if row["percent"] is not None else "—"))
        nxt = (f"{row['next_due']} {_fmt(row['next_target'])}" if row["next_due"] else "—")
        out.add_row(
            Text(f"{name}\n{row['indicator']}"),
            Text(row["status_label"], style=LOOKS[status].style),
            Text(_fmt(row["actual"], 1 if row["actual"] and not float(row["actual"]).is_integer() else 0)),
            Text(_fmt(row["required"], 0)),
            Text(f"{_fmt(row['target'])} {unit}"),
            bar,
            *((Text(trends.get(row["indicator"]) or ""),) if len(keys) > 8 else ()),
            Text(nxt),
            Text("、".join(row["lead_units"])),
        )
    console.print(out)
    summary(report, lang, console)


def summary(report: Report, lang: str, console: Console) -> None:
    for by, title in (("project", "summary_by_project"), ("lead_unit", "summary_by_unit")):
        counts = report.counts(by)
        out = Table(title=Text(label(title, lang)))
        out.add_column(label("project" if by == "project" else "lead_units", lang))
        for status in Status:
            out.add_column(Text(status_label(status, lang), style=LOOKS[status].style), justify="right")
        names = {p.number: p.name.get(lang) for p in report.plan.projects}
        for key, row in counts.iterrows():
            name = f"{key} {names[int(str(key))]}" if by == "project" else str(key)
            out.add_row(Text(name), *[Text(str(int(n)) if n else "·") for n in row])
        if by == "project":  # a shared indicator counts under each of its lead units: no total there
            out.add_section()
            out.add_row(Text(label("total", lang), style="bold"),
                        *[Text(str(int(n))) for n in counts.sum()])
        console.print(out)


def as_json(report: Report, stream: TextIO, lang: str) -> None:
    json.dump(check_records(report, lang), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


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
