"""`minsheng check` as text for scripts and documents — JSON, CSV, Markdown — and how its
figures are written (shared with the table and the units' view). No rich: these formats never
load it."""

from __future__ import annotations

import csv
from typing import Any, TextIO

from ..engine.evaluate import Report
from ..engine.statuses import Status, status_label
from ..labels import label
from .records import CHECK_CSV_FIELDS, check_records
from .rounding import agreeing, half_up, places
from .safe import cells, json_text, markdown, markdown_code


def figure(value: Any, digits: int | None = None) -> str:
    """A figure with thousands separators and `digits` decimals (default: as it is written, see
    `places`); a computed one, such as what is required by now, is given the decimals of the
    indicator's target: 199 场 of 371, 341.31 km of 404.65."""
    if value is None:
        return "—"
    if not isinstance(value, int | float):
        return str(value)
    shown = places(value) if digits is None else digits
    return f"{half_up(value, shown):,.{shown}f}"


def required_figure(value: Any, target: float | None, actual: float | None = None) -> str:
    """What the schedule requires by now, with the decimals of the indicator's target (199 of
    371 场, 341.31 of 404.65 km); below 10 with the decimals the bulletin gives it (2.7 of
    12 场, 0.37: a whole 3 would read as exact where the bulletin writes 约2.7场); and with
    more where fewer would put it on the other side of `actual` (`agreeing`)."""
    if not isinstance(value, int | float) or value != value:
        return figure(value)
    digits = places(target)
    small = 0 if abs(value) >= 10 else 1 if abs(value) >= 1 else 2
    shown = agreeing(value, max(digits, small), actual)
    if shown == digits:
        return figure(value, digits)
    return f"{half_up(value, shown):,.{shown}f}".rstrip("0").rstrip(".")


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
        pct = f"{half_up(row['percent']):.0f}%" if row["percent"] is not None else "—"
        nxt = f"{row['next_due']} {figure(row['next_target'])}" if row["next_due"] else "—"
        shown = [f"{_md(name)} ({markdown_code(row['indicator'])})", _md(row["status_label"]),
                 _md(figure(row["actual"])), _md(required_figure(row["required"], row["target"], row["actual"])),
                 f"{_md(figure(row['target']))} {_md(unit)}", _md(pct), _md(nxt),
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
