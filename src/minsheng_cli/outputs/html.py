"""The bulletin as one self-contained HTML file: no scripts, no network, charts as inline SVG,
printable on A4. Every piece of data goes through `safe.html_text`."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace

from ..engine.policy import LIGHT_LOOKS, Light, describe
from ..engine.statuses import LOOKS, SHOWN, Status
from ..labels import label
from .bulletin import Bulletin, Line, Section
from .charts import CJK_FONTS, burnup_svgs, legend_items
from .markdown import (
    attention_heads,
    attention_title,
    changes_title,
    date_text,
    delta_text,
    light_text,
    number_text,
    others_text,
    percent_text,
    required_text,
    status_text,
    subtitle,
)
from .safe import html_text, terminal

FONT_STACK = ", ".join(f"'{f}'" if " " in f else f for f in CJK_FONTS)

CSS = """
@page { size: A4; margin: 12mm 11mm 13mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: %(fonts)s; font-size: 10pt; line-height: 1.45; color: #212121;
       max-width: 200mm; margin: 0 auto; padding: 8mm 6mm; background: #fff; }
h1 { font-size: 17pt; margin: 0 0 1mm; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; padding-bottom: 1mm; border-bottom: 2px solid #37474f; }
h3 { font-size: 11pt; margin: 5mm 0 1.5mm; }
.sub, .people, .note { color: #616161; font-size: 9pt; margin: 0 0 2mm; }
.cards { display: grid; grid-template-columns: repeat(6, minmax(0, 1fr)); gap: 2.5mm;
         margin: 3mm 0; }
.card { border-radius: 2mm; padding: 2mm 2.5mm; color: #fff; }
.card .n { font-size: 22pt; font-weight: 700; line-height: 1.1; }
.card .l { font-size: 9pt; }
%(status_css)s
table { border-collapse: collapse; width: 100%%; font-size: 8.5pt; margin: 1mm 0 3mm; }
thead { display: table-header-group; }
th { background: #eceff1; text-align: left; font-weight: 600; }
th, td { border-bottom: 1px solid #e0e0e0; padding: 1mm 1.5mm; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
.badge { display: inline-block; border-radius: 1mm; padding: 0 1.2mm; color: #fff;
         font-size: 8pt; white-space: nowrap; }
.id { color: #757575; font-size: 7.5pt; }
.nowrap { white-space: nowrap; }
.light { display: inline-block; border-radius: 1mm; padding: 0 1.2mm; font-size: 8pt;
         white-space: nowrap; }
.zero { color: #bdbdbd; }
.legend { font-size: 8.5pt; color: #424242; margin: 0 0 2mm; }
.legend span { margin-right: 4mm; white-space: nowrap; }
.legend i { display: inline-block; width: 6mm; height: 0; vertical-align: middle;
            margin-right: 1mm; border-top: 2px solid; }
.legend i.schedule { border-top-style: dashed; } .legend i.as-of { border-top-style: dotted; }
.charts { display: grid; grid-template-columns: repeat(3, minmax(0, 1fr)); gap: 2.5mm; }
figure { margin: 0; border: 1px solid #e0e0e0; border-top: 3px solid; border-radius: 1mm;
         padding: 1.2mm 1.5mm 0.5mm; display: flex; flex-direction: column;
         justify-content: space-between; }
figcaption { font-size: 8pt; line-height: 1.3; min-height: 2.6em; }
figcaption .meta { color: #616161; font-size: 7.5pt; }
figure svg { display: block; width: 100%%; height: auto; }
svg * { stroke-linejoin: round; stroke-linecap: butt; }
@media print {
  body { max-width: none; padding: 0; font-size: 9pt; }
  figure, tr, .card, .cards { break-inside: avoid; }
  h2, h3, .people, .legend { break-after: avoid; }
}
"""


def _status_css() -> str:
    rules = []
    for status in Status:
        color = LOOKS[status].color
        rules.append(f".s-{status.value} .card, .card.s-{status.value}, .badge.s-{status.value} "
                     f"{{ background: {color}; }} figure.s-{status.value} "
                     f"{{ border-top-color: {color}; }}")
    return "\n".join(rules)


def _badge(status: Status, lang: str) -> str:
    return (f'<span class="badge s-{status.value}" data-status="{status.value}">'
            f"{html_text(status_text(status, lang))}</span>")


def _row(cells: list[str], nums: Collection[int] = (), dates: Collection[int] = ()) -> str:
    def td(i: int, cell: str) -> str:
        cls = "num" if i in nums else "date" if i in dates else ""
        return f'<td class="{cls}">{cell}</td>' if cls else f"<td>{cell}</td>"

    return "<tr>" + "".join(td(i, c) for i, c in enumerate(cells)) + "</tr>"


def _head(cells: list[str], nums: Collection[int] = ()) -> str:
    return "<thead><tr>" + "".join(
        f'<th class="num">{html_text(c)}</th>' if i in nums else f"<th>{html_text(c)}</th>"
        for i, c in enumerate(cells)) + "</tr></thead>"


def _name(line: Line) -> str:
    return f'<span title="{html_text(line.id)}">{html_text(line.name)}</span>'


def _names(names: list[str]) -> str:
    """Leaders and units joined by 、, none broken inside its name (罗英, never 罗/英)."""
    return "、".join(f'<span class="nowrap">{html_text(name)}</span>' for name in names)


def _light(light: Light | None, lang: str) -> str:
    if light is None:
        return "—"
    look = LIGHT_LOOKS[light]
    return (f'<span class="light" data-light="{light.value}" style="background: #{look.fill}; '
            f'color: {look.color}">{html_text(light_text(light, lang))}</span>')


def _count(n: int) -> str:
    return str(n) if n else '<span class="zero">·</span>'


def _overall(b: Bulletin) -> list[str]:
    lang = b.lang
    out = [f'<section id="overall"><h2>{html_text(label("bulletin_overall", lang))}</h2>',
           '<div class="cards">']
    for status in SHOWN:
        out.append(f'<div class="card s-{status.value}"><div class="n" id="count-{status.value}">'
                   f'{b.counts[status]}</div><div class="l">{html_text(status_text(status, lang))}'
                   "</div></div>")
    out.append(f'</div><p class="note">{label("total", lang)} <b id="count-total">{b.total}</b> '
               f'{html_text(label("bulletin_indicators", lang))}</p>')
    heads = [label("project", lang), *(status_text(s, lang) for s in SHOWN), label("total", lang)]
    nums = set(range(1, len(heads)))
    out.append(f"<table>{_head(heads, nums)}<tbody>")
    for s in b.sections:
        out.append(_row([f"{s.number} {html_text(s.name)}",
                         *(_count(s.counts[k]) for k in SHOWN), str(len(s.lines))], nums))
    out.append("</tbody></table></section>")
    return out


def _attention(b: Bulletin) -> list[str]:
    lang = b.lang
    out = [f'<section id="attention"><h2>{html_text(attention_title(lang))}</h2>']
    if not b.attention:
        return out + [f'<p>{html_text(label("bulletin_none", lang))}</p></section>']
    nums = {4, 5, 6}
    out.append(f"<table>{_head(attention_heads(lang), nums)}<tbody>")
    for x in b.attention:
        out.append(_row([_name(x), _badge(x.status, lang), _light(x.light, lang),
                         html_text(date_text(x.last_due)), html_text(number_text(x.last_due_target)),
                         html_text(required_text(x.required, x.actual, x.target)), html_text(number_text(x.actual)),
                         _names(x.lead_units), _names(x.leaders)], nums, {3}))
    rule = html_text(describe(b.policy, lang))
    return out + ["</tbody></table>", f'<p class="note">{rule}</p></section>']


def _changes(b: Bulletin) -> list[str]:
    lang = b.lang
    out = [f'<section id="changes"><h2>{html_text(changes_title(b))}</h2>']
    if not b.changes:
        return out + [f'<p>{html_text(label("bulletin_no_changes", lang))}</p></section>']
    if b.status_changes:
        heads = [label("indicator", lang), label("bulletin_previous", lang),
                 label("bulletin_current", lang), label("bulletin_delta", lang)]
        out.append(f'<h3>{html_text(label("bulletin_status_changes", lang))}</h3>'
                   f"<table>{_head(heads, {3})}<tbody>")
        for c in b.status_changes:
            out.append(_row([_name(c.line),
                             f"{_badge(c.old_status, lang)} {html_text(number_text(c.old_actual))}",
                             (f"{_badge(c.line.status, lang)} "
                              f"{html_text(number_text(c.line.actual))}"),
                             html_text(delta_text(c.delta))], {3}))
        out.append("</tbody></table>")
    if others := others_text(b):
        out.append(f'<p class="note">{html_text(others)}</p>')
    return out + ["</section>"]


def _chart(b: Bulletin, x: Line, svg: str) -> str:
    meta = (f"{number_text(x.actual)} / {number_text(x.target)} {x.unit} · "
            f"{percent_text(x.percent)}")
    if b.changes is not None and x.actual is not None:
        meta += f" · {label('bulletin_since', b.lang)} {delta_text(b.delta(x.id))}"
    return (f'<figure class="s-{x.status.value}" id="chart-{html_text(x.id)}"><figcaption>'
            f"{_badge(x.status, b.lang)} {html_text(x.name)}<br>"
            f'<span class="meta">{html_text(meta)}</span></figcaption>'
            f"{svg}</figure>")


def _milestones(b: Bulletin, lines: list[Line]) -> list[str]:
    lang = b.lang
    heads = [label("bulletin_milestones", lang), label("due", lang), label("status", lang),
             label("bulletin_last_report", lang)]
    out = [f'<table class="milestones">{_head(heads)}<tbody>']
    for x in lines:
        out.append(_row([_name(x), html_text(date_text(x.checkpoints[-1][0])),
                         _badge(x.status, lang), html_text(date_text(x.last_report))],
                        dates={1, 3}))
    return out + ["</tbody></table>"]


def _section(b: Bulletin, s: Section, svgs: dict[str, str]) -> list[str]:
    lang = b.lang
    people = (f'{html_text(label("lead_units", lang))}: {_names(s.lead_units)} · '
              f'{html_text(label("leaders", lang))}: {_names(s.leaders)}')
    out = [f'<section class="project" id="project-{s.number}">',
           f"<h3>{s.number} {html_text(s.name)}</h3>", f'<p class="people">{people}</p>']
    charted = [x for x in s.lines if x.kind != "event"]
    events = [x for x in s.lines if x.kind == "event"]
    if charted:
        out += ['<div class="charts">', *(_chart(b, x, svgs[x.id]) for x in charted), "</div>"]
    if events:
        out += _milestones(b, events)
    return out + ["</section>"]


def _legend(lang: str) -> str:
    items = "".join(f'<span><i class="{cls}" style="border-top-color: {color}"></i>'
                    f"{html_text(text)}</span>" for cls, color, text in legend_items(lang))
    return f'<p class="legend">{items}</p>'


def render_html(bulletin: Bulletin) -> str:
    """The whole bulletin as one HTML document."""
    b, lang = bulletin, bulletin.lang
    css = CSS % {"fonts": FONT_STACK, "status_css": _status_css()}
    parts = ["<!DOCTYPE html>", f'<html lang="{"en" if lang == "en" else "zh-CN"}"><head>',
             '<meta charset="utf-8">', '<meta name="viewport" content="width=device-width">',
             f"<title>{html_text(b.title)} — {html_text(b.as_of.isoformat())}</title>",
             f"<style>{css}</style></head><body>",
             f"<header><h1>{html_text(b.title)}</h1>",
             f'<p class="sub">{html_text(subtitle(b))}</p>',
             "</header>"]
    parts += _overall(b)
    parts += _attention(b)
    if b.changes is not None:
        parts += _changes(b)
    parts += [f'<section id="progress"><h2>{html_text(label("bulletin_progress", lang))}</h2>',
              _legend(lang)]
    charted = [replace(x, unit=terminal(x.unit)) for s in b.sections for x in s.lines
               if x.kind != "event"]
    svgs = dict(zip([x.id for x in charted], burnup_svgs(charted, b.as_of, b.year, lang),
                    strict=True))
    for section in b.sections:
        parts += _section(b, section, svgs)
    method = html_text(label("bulletin_method", lang))
    readings = "".join(f"<li>{html_text(name)}（{due.isoformat()}）：{html_text(note)}</li>"
                       for name, due, note in b.readings)
    if readings:
        readings = (f'<p class="note">{html_text(label("bulletin_readings", lang))}</p>'
                    f'<ul class="note">{readings}</ul>')
    parts += ["</section>", f'<footer><p class="note">{method}</p>{readings}</footer>',
              "</body></html>", ""]
    return "\n".join(parts)
