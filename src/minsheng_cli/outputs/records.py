"""The public shapes of `check` and `list` (JSON and CSV rows) as plain dicts: the one place
that turns the engine's frames into JSON-ready values. No rich, no I/O."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from ..engine.statuses import status_label

if TYPE_CHECKING:
    from ..engine.evaluate import Report
    from ..plan.model import Plan

# The public fields of `check --format json|csv`, in order. Only ever add.
CHECK_FIELDS = ["indicator", "project", "name", "name_en", "unit", "unit_en", "kind", "status",
          "status_label", "actual", "required", "target", "next_due", "next_target", "last_due",
          "last_due_target", "percent", "gap_pp", "forecast", "reporters", "last_report",
          "lead_units", "as_of", "light", "sources"]
# `sources` (the reports combined, a list) is JSON's only; the CSV has every other field.
CHECK_CSV_FIELDS = [f for f in CHECK_FIELDS if f != "sources"]

# The public fields of `list --format json|csv`, in order. Only ever add.
LIST_FIELDS = ["project", "project_name", "indicator", "name", "name_en", "unit", "unit_en", "kind",
          "direction", "combine", "due", "target", "source", "note", "lead_units",
          "overview_target", "reported_by", "reported_as", "firm", "due_reading", "pace"]


def number(value: float | None) -> int | float | None:
    """12000.0 → 12000 for output; keep real fractions."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def checkpoint_rows(plan: Plan, project: int | None = None,
                    lang: str | None = None) -> list[dict[str, Any]]:
    """One row per checkpoint; `due_reading` in `lang` (default: the language chosen)."""
    from ..i18n import current_lang
    from ..plan.model import Kind, Pace
    from ..plan.units import duties, lead_units

    lang = lang or current_lang()
    who = duties(plan)
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
                "note": cp.note, "lead_units": lead_units(plan, proj),
                "overview_target": number(ind.overview_target),
                "reported_by": list(who[ind.id].units), "reported_as": who[ind.id].mode,
                "firm": cp.firm, "due_reading": cp.reading(lang),
                "pace": (ind.pace or Pace.level).value if ind.kind is Kind.rate else None,
            })
    return rows


def _clean(value: Any) -> Any:
    if value is None:
        return None
    if hasattr(value, "date") and hasattr(value, "isoformat"):  # Timestamp / datetime / NaT
        return None if value != value else value.date().isoformat()
    if isinstance(value, float):
        return None if math.isnan(value) else number(round(value, 4))
    return value


def check_records(report: Report, lang: str = "zh") -> list[dict[str, Any]]:
    """One JSON-ready dict per indicator, with the public FIELDS."""
    frame = report.results.rename(columns={"prev_due": "last_due", "prev_target": "last_due_target"})
    sources = _sources(report)
    rows = []
    for row in frame.to_dict("records"):
        item = {key: _clean(row.get(key)) for key in CHECK_FIELDS}
        item["status_label"] = status_label(row["status"], lang)
        item["reporters"] = int(row["reporters"])
        item["lead_units"] = list(row["lead_units"])
        item["as_of"] = report.as_of.isoformat()
        item["light"] = row.get("light") if isinstance(row.get("light"), str) else None
        item["sources"] = sources.get(row["indicator"], [])
        rows.append(item)
    return rows


def _sources(report: Report) -> dict[str, list[dict[str, Any]]]:
    """indicator → the reports combined into its actual: unit, as_of, value, file, sheet, row.
    Column by column (a province's check has tens of thousands of them), each distinct date
    written once."""
    import pandas as pd

    frame = report.sources
    out: dict[str, list[dict[str, Any]]] = {}
    if frame is None or frame.empty:
        return out
    n = len(frame)
    codes, days = pd.factorize(frame["as_of"])  # NaT → -1, the last of `dates`
    dates = [*(_clean(d) for d in days), None]
    values = [None if v != v else number(round(v, 4))
              for v in frame["value"].to_numpy(dtype=float).tolist()]
    lines = frame["row"].tolist() if "row" in frame else [None] * n
    files = frame["file"].tolist() if "file" in frame else [None] * n
    sheets = frame["sheet"].tolist() if "sheet" in frame else [None] * n
    for indicator, unit, day, value, file, sheet, line in zip(
            frame["indicator"].tolist(), frame["reporter"].tolist(), codes.tolist(), values,
            files, sheets, lines, strict=True):
        out.setdefault(str(indicator), []).append({
            "unit": str(unit) or None, "as_of": dates[day], "value": value,
            "file": file if isinstance(file, str) else None,
            "sheet": sheet if isinstance(sheet, str) and sheet else None,
            "row": None if line is None else int(str(line))})
    return out
