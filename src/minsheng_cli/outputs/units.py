"""Output of `check --by unit` (and `--reporter`): one row per (unit, indicator) the unit
reports, then the ranking of the towns. The JSON/CSV fields are a public interface."""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Callable
from typing import Any, TextIO

import pandas as pd

from ..engine.statuses import LOOKS, Status, status_label
from ..labels import label
from ..plan.model import Plan
from .records import number
from .safe import cell, terminal

# The public fields of `check --by unit --format json|csv`, in order. Only ever add.
UNIT_FIELDS = ["unit", "unit_kind", "indicator", "project", "name", "status", "status_label",
               "actual", "required", "target", "share", "last_report", "as_of"]
RANK_FIELDS = ["rank", "unit", "score", "judged", *[s.value for s in Status]]


def _value(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, pd.Timestamp | pd.NaT.__class__):
        return None if pd.isna(value) else value.date().isoformat()
    if isinstance(value, float):
        return None if math.isnan(value) else number(round(value, 4))
    return value


def unit_records(plan: Plan, verdicts: pd.DataFrame, lang: str) -> list[dict[str, Any]]:
    """One JSON-ready dict per (unit, indicator), with the public UNIT_FIELDS (and any added)."""
    names = {ind.id: ind.name.get(lang) for _, ind in plan.indicators()}
    rows = []
    for row in verdicts.to_dict("records"):
        item = {key: _value(row.get(key)) for key in UNIT_FIELDS}
        item["name"] = names.get(row["indicator"])
        item["project"] = int(row["project"])
        item["status_label"] = status_label(row["status"], lang)
        for extra in ("submission", "stale", "last_round"):
            if extra in row:
                item[extra] = _value(row[extra])
        rows.append(item)
    return rows


def rank_records(ranking: pd.DataFrame) -> list[dict[str, Any]]:
    return [{key: _value(row[key]) if key != "rank" or pd.notna(row[key]) else None
             for key in RANK_FIELDS} for row in ranking.to_dict("records")]


def _fmt(value: Any, digits: int | None = None) -> str:
    from .check_text import figure

    return figure(value, digits)


def _required(plan: Plan) -> Callable[[dict[str, Any]], str]:
    """What is required by now with the decimals of the unit's target (its share, else the
    indicator's), as the district table shows it: 199 of 371 场, 31.50 of 42.15 km."""
    from .check_text import required_figure

    targets = {ind.id: ind.final.target for _, ind in plan.indicators()}

    def shown(row: dict[str, Any]) -> str:
        target = row["target"] if row["target"] is not None else targets.get(row["indicator"])
        return required_figure(row["required"], target, row["actual"])
    return shown


NAME_ROOM = 24  # the indicator column's least width beside 报送情况 (else that column goes)


def table(plan: Plan, verdicts: pd.DataFrame, ranking: pd.DataFrame, stream: TextIO,
          lang: str) -> None:
    """The unit heads its rows (as a project heads the district table); names wrap in the room
    the status and figures leave (those never break), in the terminal's width."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from . import fit

    console = Console(file=stream, highlight=False)
    required = _required(plan)
    records = unit_records(plan, verdicts, lang)
    first: dict[str, int] = {}
    for k, row in enumerate(records):  # a unit's items together, in order of its first one
        first.setdefault(str(row["unit"]), k)
    records.sort(key=lambda row: first[str(row["unit"])])
    round_ = bool(records) and "submission" in records[0]
    figures = [[Text(row["status_label"], style=LOOKS[Status(row["status"])].style),
                Text(_fmt(row["actual"])), Text(required(row)), Text(_fmt(row["share"])),
                *([Text(_submitted(row, lang))] if round_ else [])]
               for row in records]
    keys: tuple[str, ...] = ("indicator", "status", "actual", "required", "share",
                             *(("submission",) if round_ else ()))
    names = [terminal(str(row["name"])) for row in records]
    units_ = [terminal(str(row["unit"])) for row in records]
    while True:  # without 报送情况 where the terminal is too narrow for it
        heads = [label(key, lang) for key in keys]
        needs = [max(map(fit.need, [*names, *units_, fit.words(heads[0])])),
                 *(max([fit.natural(heads[j]), *(f[j - 1].cell_len for f in figures)])
                   for j in range(1, len(keys)))]
        naturals = [max(map(fit.natural, [*names, *units_, heads[0]])), *needs[1:]]
        fitted = fit.widths(needs, naturals, console.width - 3 * len(keys) - 1, [0])
        if keys[-1] != "submission" or (fitted is not None and fitted[0] >= NAME_ROOM):
            break
        keys, figures = keys[:-1], [f[:-1] for f in figures]
    sizes = fitted or needs
    out = Table(title=Text(fit.wrapped(label("by_unit_title", lang),
                                       sum(sizes) + 3 * len(keys) + 1)))
    for key, head, width in zip(keys, heads, sizes, strict=True):
        out.add_column(Text(fit.wrapped(fit.words(head), width)), width=width, no_wrap=True,
                       justify="left" if key in ("indicator", "status", "submission")
                       else "right")
    current = None
    for row, name, cells_ in zip(records, names, figures, strict=True):
        if row["unit"] != current:
            current = row["unit"]
            out.add_section()
            out.add_row(Text(fit.wrapped(terminal(str(row["unit"])), sizes[0]), style="bold"),
                        *[""] * (len(keys) - 1))
        out.add_row(Text(fit.wrapped(name, sizes[0])), *cells_)
    console.print(out)
    if not ranking.empty:
        console.print(ranking_table(ranking, lang, console.width))


def _submitted(row: dict[str, Any], lang: str) -> str:
    """This round's submission of an item: 已报送, 未更新 2023-08 (its figure is that round's),
    未报送, 无需报送."""
    if row["submission"] == "stale" and row["status"] == Status.done.value:
        return label("submission_not_due", lang)  # done: it owes no new report
    shown = label(f"submission_{row['submission']}", lang)
    last = row.get("last_round")
    return f"{shown} {last}" if row["submission"] == "stale" and isinstance(last, str) else shown


def ranking_table(ranking: pd.DataFrame, lang: str, width: int | None = None) -> Any:
    """The towns' ranking; the rule under it broken only after a punctuation mark (never inside
    a term such as 已到节点), in the table's width."""
    from rich.console import Console
    from rich.measure import Measurement
    from rich.table import Table
    from rich.text import Text

    from . import fit

    out = Table(title=Text(label("ranking_title", lang)))
    out.add_column(label("rank", lang), justify="right", no_wrap=True)
    out.add_column(label("reporter_unit", lang), no_wrap=True)
    out.add_column(label("score", lang), justify="right", no_wrap=True)
    judged = [s for s in Status if s is not Status.not_due]  # not-due items do not count
    for status in judged:  # short headers in Chinese (逾期, 滞后): names and headers never fold
        out.add_column(Text(LOOKS[status].short_label(lang), style=LOOKS[status].style),
                       justify="right", no_wrap=True)
    for row in rank_records(ranking):
        out.add_row(str(row["rank"] or "—"), terminal(str(row["unit"])),
                    "—" if row["score"] is None else f"{row['score']:.1f}",
                    *[str(row[s.value]) if row[s.value] else "·" for s in judged])
    room = width or 80
    measured = Measurement.get(Console(width=room), Console(width=room).options, out).maximum
    out.caption = Text(fit.wrapped(fit.phrases(label("ranking_rule", lang)), min(measured, room)))
    return out


def missing_table(missing: pd.DataFrame, stream: TextIO, lang: str) -> None:
    """本期未报送单位: the units that sent nothing new this round for what they owe."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    out = Table(title=Text(label("not_reported_title", lang)))
    for key in ("reporter_unit", "submission", "owes", "last_round"):
        out.add_column(label(key, lang), overflow="fold")
    rows: list[Any] = list(missing.itertuples(index=False))
    for row in rows:
        out.add_row(terminal(str(row.unit)), label(f"submission_{row.state}", lang),
                    str(len(row.owes)), row.last_round if isinstance(row.last_round, str) else "—")
    if not len(missing):
        out.add_row(label("bulletin_none", lang), "", "", "")
    Console(file=stream, highlight=False).print(out)


def as_json(plan: Plan, verdicts: pd.DataFrame, ranking: pd.DataFrame, stream: TextIO,
            lang: str) -> None:
    json.dump(unit_records(plan, verdicts, lang), stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def as_csv(plan: Plan, verdicts: pd.DataFrame, ranking: pd.DataFrame, stream: TextIO,
           lang: str) -> None:
    records = unit_records(plan, verdicts, lang)
    fields = list(records[0]) if records else UNIT_FIELDS
    writer = csv.DictWriter(stream, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for row in records:
        writer.writerow({k: cell(v) for k, v in row.items()})


def as_markdown(plan: Plan, verdicts: pd.DataFrame, ranking: pd.DataFrame, stream: TextIO,
                lang: str) -> None:
    from .safe import markdown

    heads = [label(k, lang) for k in ("reporter_unit", "indicator", "status", "actual",
                                       "required", "share")]
    lines = ["| " + " | ".join(heads) + " |", "|" + "---|" * len(heads)]
    required = _required(plan)
    for row in unit_records(plan, verdicts, lang):
        cells = [row["unit"], row["name"], row["status_label"], _fmt(row["actual"]),
                 required(row), _fmt(row["share"])]
        lines.append("| " + " | ".join(markdown(c) for c in cells) + " |")
    stream.write("\n".join(lines) + "\n")


Renderer = Callable[[Plan, pd.DataFrame, pd.DataFrame, TextIO, str], None]
RENDERERS: dict[str, Renderer] = {"table": table, "json": as_json, "csv": as_csv,
                                  "markdown": as_markdown}
