"""The bulletin as Markdown: the same sections as the HTML, with a text trend instead of charts."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..engine.policy import LIGHT_HEADER, LIGHT_LOOKS, Light
from ..engine.statuses import LOOKS, SHOWN, Status
from ..labels import label
from .bulletin import Bulletin, Line, rounded
from .charts import sparkline
from .rounding import half_up
from .safe import markdown

# Columns of the overdue / unreported list: the checkpoint missed is its due date and target.
ATTENTION_HEADS = ("indicator", "status", "due", "target", "actual", "lead_units", "leaders")
# The list also holds the at-risk (yellow) items, as the status table says: its title names them,
# and its rows show each item's light and what the schedule requires now (attention_heads).
# (These two texts belong in labels.py, with bulletin_attention.)
_ATTENTION_MORE = ("、进度滞后事项", ", and behind schedule")


def attention_title(lang: str) -> str:
    return label("bulletin_attention", lang) + _ATTENTION_MORE[lang == "en"]


def attention_heads(lang: str) -> list[str]:
    """indicator, status, light, due, target, required, actual, lead units, leaders."""
    heads = [label(k, lang) for k in ATTENTION_HEADS]
    heads.insert(2, LIGHT_HEADER[lang == "en"])
    heads.insert(5, label("required", lang))
    return heads


def light_text(light: Light | None, lang: str) -> str:
    return "—" if light is None else LIGHT_LOOKS[light].label(lang)


def required_text(value: float | None, actual: float | None = None,
                  target: float | None = None) -> str:
    """What the schedule requires, rounded as a person writes it (`rounded`: 199.46 → `199`,
    11.004 of 11 done → `11.004`), with thousands separators: 22,183."""
    if value is None:
        return "—"
    whole, dot, part = rounded(value, actual, target).partition(".")
    return f"{int(whole):,}{dot}{part}"


def status_text(status: Status, lang: str) -> str:
    return LOOKS[status].label(lang)


def number_text(value: float | None) -> str:
    """12000 → `12,000`; 97.5 → `97.5`; None → `—`."""
    if value is None:
        return "—"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def delta_text(value: float | None) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + number_text(value) if value else "0"


def percent_text(value: float | None) -> str:
    return "—" if value is None else f"{half_up(value):.0f}%"


def date_text(value: dt.date | None) -> str:
    return value.isoformat() if value else "—"


def checkpoint_text(due: dt.date | None, target: float | None) -> str:
    return "—" if due is None else f"{due.isoformat()} {number_text(target)}"


def subtitle(bulletin: Bulletin) -> str:
    lang = bulletin.lang
    return (f"{label('bulletin_title', lang)} · {label('as_of', lang)} {bulletin.as_of.isoformat()}"
            f" · {bulletin.issuer}")


def trend_of(line: Line) -> str:
    return sparkline([v for _, v in line.history[-12:]], line.target) if len(line.history) > 1 \
        else ""


class _Markdown(str):
    """Text that is Markdown already (built here from escaped data): not escaped again."""


def _cell(text: Any) -> str:
    """Data in Markdown: one line, no HTML, link, code, emphasis or table syntax (safe.markdown)."""
    return text if isinstance(text, _Markdown) else markdown(text)


def _table(heads: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(_cell(h) for h in heads) + " |", "|" + "---|" * len(heads)]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
    return lines + [""]


def _name(line: Line) -> _Markdown:
    return _Markdown(f"{markdown(line.name)} ({markdown(line.id)})")


def changes_title(bulletin: Bulletin) -> str:
    lang = bulletin.lang
    return (f"{label('bulletin_changes', lang)} ({label('bulletin_previous', lang)} "
            f"{date_text(bulletin.previous_as_of)})")


def others_text(bulletin: Bulletin) -> str:
    """The sentence counting indicators that progressed without a change of status."""
    others = len(bulletin.changes or []) - len(bulletin.status_changes)
    return label("bulletin_other_changes", bulletin.lang).format(n=others) if others else ""


def _changes(bulletin: Bulletin) -> list[str]:
    lang = bulletin.lang
    out = [f"## {_cell(changes_title(bulletin))}", ""]
    if not bulletin.changes:
        return out + [label("bulletin_no_changes", lang), ""]
    if bulletin.status_changes:
        heads = [label("indicator", lang), label("bulletin_previous", lang),
                 label("bulletin_current", lang), label("bulletin_delta", lang)]
        rows = [[_name(c.line),
                 f"{status_text(c.old_status, lang)} {number_text(c.old_actual)}",
                 f"{status_text(c.line.status, lang)} {number_text(c.line.actual)}",
                 delta_text(c.delta)] for c in bulletin.status_changes]
        out += [f"### {label('bulletin_status_changes', lang)}", ""] + _table(heads, rows)
    if others := others_text(bulletin):
        out += [_cell(others), ""]
    return out


def render_markdown(bulletin: Bulletin) -> str:
    """The whole bulletin as one Markdown document."""
    lang = bulletin.lang
    out = [f"# {_cell(bulletin.title)}", "", _cell(subtitle(bulletin)), "",
           f"## {label('bulletin_overall', lang)}", ""]
    out += _table([status_text(s, lang) for s in SHOWN] + [label("total", lang)],
                  [[bulletin.counts[s] for s in SHOWN] + [bulletin.total]])
    out += [f"### {label('summary_by_project', lang)}", ""]
    out += _table([label("project", lang)] + [status_text(s, lang) for s in SHOWN]
                  + [label("total", lang)],
                  [[f"{s.number} {s.name}"] + [s.counts[k] for k in SHOWN] + [len(s.lines)]
                   for s in bulletin.sections])
    out += [f"## {attention_title(lang)}", ""]
    if bulletin.attention:
        out += _table(attention_heads(lang),
                      [[_name(x), status_text(x.status, lang), light_text(x.light, lang),
                        date_text(x.last_due), number_text(x.last_due_target),
                        required_text(x.required, x.actual, x.target), number_text(x.actual),
                        "、".join(x.lead_units), "、".join(x.leaders)] for x in bulletin.attention])
    else:
        out += [label("bulletin_none", lang), ""]
    if bulletin.changes is not None:
        out += _changes(bulletin)
    out += [f"## {label('bulletin_progress', lang)}", ""]
    since = bulletin.changes is not None
    heads = [label(k, lang) for k in ("indicator", "status", "actual", "required", "target",
                                      "progress", "trend", "next")]
    if since:
        heads.insert(3, label("bulletin_since", lang))
    for section in bulletin.sections:
        people = (f"{_cell(label('lead_units', lang))}: {_cell('、'.join(section.lead_units))}"
                  f" · {_cell(label('leaders', lang))}: {_cell('、'.join(section.leaders))}")
        out += [f"### {section.number} {_cell(section.name)}", "", people, ""]
        rows = [[_name(x), status_text(x.status, lang), number_text(x.actual),
                 required_text(x.required, x.actual, x.target), f"{number_text(x.target)} {x.unit}",
                 percent_text(x.percent), trend_of(x), checkpoint_text(x.next_due, x.next_target)]
                for x in section.lines]
        if since:
            for row, x in zip(rows, section.lines, strict=True):
                row.insert(3, delta_text(bulletin.delta(x.id)))
        out += _table(heads, rows)
    out += [_cell(label("bulletin_method", lang)), ""]
    if bulletin.readings:
        out += [f"## {_cell(label('bulletin_readings', lang))}", ""]
        out += [f"- {_cell(name)}（{due.isoformat()}）：{_cell(note)}"
                for name, due, note in bulletin.readings] + [""]
    return "\n".join(out)
