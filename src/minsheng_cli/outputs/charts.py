"""Charts of progress: a text sparkline for tables, and a small burn-up chart as inline SVG.

matplotlib is imported inside the drawing functions: only `report` pays for it.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import warnings
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ..engine.statuses import LOOKS, Status
from ..labels import label

if TYPE_CHECKING:
    import pandas as pd

    from ..engine.evaluate import Report
    from ..plan.model import Plan
    from .bulletin import Line
    from .drawing import Helpers

BLOCKS = "▁▂▃▄▅▆▇█"

# Browsers pick the first family they have; matplotlib measures text with the first it has.
CJK_FONTS = ["Noto Sans CJK SC", "Noto Sans CJK JP", "Source Han Sans SC", "WenQuanYi Zen Hei",
             "SimHei", "Microsoft YaHei", "PingFang SC", "Hiragino Sans GB", "DejaVu Sans",
             "sans-serif"]

PLAN_COLOR, SCHEDULE_COLOR, AS_OF_COLOR = "#37474f", "#90a4ae", "#d81b60"

# The processes that draw the charts while `drawing.helper_processes()` is open.
helpers: Helpers | None = None


def sparkline(values: Sequence[float], top: float | None = None) -> str:
    """`▁▃▅█`: each value as a block, scaled from 0 to `top` (default: the largest value)."""
    if not values:
        return ""
    top = top if top and top > 0 else max(max(values), 0.0)
    if top <= 0:
        return BLOCKS[0] * len(values)
    steps = len(BLOCKS) - 1
    return "".join(BLOCKS[max(0, min(steps, round(v / top * steps)))] for v in values)


def trends(plan: Plan, reports: pd.DataFrame, as_of: dt.date, points: int = 12) -> dict[str, str]:
    """A sparkline per indicator reported at two or more dates, scaled to its final target."""
    from ..engine.history import history

    targets = {ind.id: ind.final.target for _, ind in plan.indicators()}
    out: dict[str, str] = {}
    for indicator, group in history(plan, reports, as_of).groupby("indicator", sort=False):
        if len(group) >= 2:
            key = str(indicator)
            out[key] = sparkline(group["actual"].tolist()[-points:], targets.get(key))
    return out


def add_trends(report: Report, reports: pd.DataFrame) -> None:
    """Give `report.results` a `trend` column (sparkline or empty) for the check table."""
    found = trends(report.plan, reports, report.as_of)
    report.results["trend"] = report.results["indicator"].map(lambda i: found.get(i, ""))


def _compact(value: float, lang: str) -> str:
    """Axis numbers: 15000 → 1.5万 (zh) or 15k (en)."""
    if lang == "zh" and abs(value) >= 10_000:
        return f"{value / 10_000:g}万"
    if lang != "zh" and abs(value) >= 1_000:
        return f"{value / 1_000:g}k"
    return f"{value:g}"


def _day(when: dt.date, year: int) -> int:
    return (when - dt.date(year, 1, 1)).days


# matplotlib writes ids such as "figure_1" in every SVG; only referenced ones are kept.
_ID = re.compile(r'\sid="([^"]+)"')


def clean_svg(svg: str) -> str:
    """matplotlib's SVG → a fragment to inline: no XML prolog, comments, metadata or global style,
    and no ids that nothing references (so many charts can share one page)."""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<!--.*?-->", "", svg, flags=re.DOTALL)
    svg = re.sub(r"<metadata>.*?</metadata>", "", svg, flags=re.DOTALL)
    svg = re.sub(r'<style type="text/css">.*?</style>', "", svg, flags=re.DOTALL)
    used = set(re.findall(r'(?:href="#|url\(#)([^")]+)', svg))
    svg = _ID.sub(lambda m: m[0] if m[1] in used else "", svg)
    svg = re.sub(r"\s*<defs>\s*</defs>", "", svg)
    svg = re.sub(r"\s*\n\s*", " ", svg)  # path data is written one point per line
    return re.sub(r">\s+<", "><", svg).strip()


def burnup_svg(line: Line, as_of: dt.date, year: int, lang: str) -> str:
    """A small burn-up chart: checkpoints as a step line, the straight-line schedule, reported
    actuals as points, the as-of date marked. Returns an `<svg>` element to inline."""
    return burnup_svgs([line], as_of, year, lang)[0]


class Chart(NamedTuple):
    """What a burn-up chart shows of a line: plain values, so that a helper process can draw it
    without the bulletin's modules (and pandas)."""

    id: str
    unit: str
    kind: str
    color: str  # the status's
    checkpoints: list[tuple[dt.date, float]]
    history: list[tuple[dt.date, float]]


def burnup_svgs(lines: Sequence[Line], as_of: dt.date, year: int, lang: str) -> list[str]:
    """`burnup_svg` of each line; inside `drawing.helper_processes()`, drawn by the helper
    processes. The SVG of a line does not depend on where it was drawn or on the lines drawn
    before it."""
    charts = [Chart(x.id, x.unit, x.kind, LOOKS[x.status].color, x.checkpoints, x.history)
              for x in lines]
    if helpers is not None and len(charts) > 1:
        return helpers.draw(charts, as_of, year, lang)
    return draw_charts(charts, as_of, year, lang)


def draw_charts(charts: Sequence[Chart], as_of: dt.date, year: int, lang: str) -> list[str]:
    """Every chart drawn on one figure: its axes, month ticks and artists are built once and
    given each chart's data in turn (a new figure for each chart spent most of a bulletin's time
    building tick objects)."""
    if not charts:
        return []
    import matplotlib

    matplotlib.use("Agg")
    # Text stays text (the page's fonts draw it); ids are salted per indicator, so many charts can
    # share a page and the same input gives the same file.
    rc: Any = {"svg.fonttype": "none", "font.family": "sans-serif",
               "font.sans-serif": CJK_FONTS, "font.size": 6.5, "axes.linewidth": 0.5,
               "xtick.major.width": 0.5, "ytick.major.width": 0.5, "axes.unicode_minus": False}
    fonts = logging.getLogger("matplotlib.font_manager")
    level = fonts.level
    fonts.setLevel(logging.ERROR)  # "findfont: … not found" for each absent family of the list
    try:
        with matplotlib.rc_context(rc), warnings.catch_warnings():
            warnings.simplefilter("ignore")  # missing glyphs where no CJK font is installed
            canvas = _Burnup(as_of, year, lang)
            out = []
            for chart in charts:
                with matplotlib.rc_context({"svg.hashsalt": chart.id}):
                    out.append(clean_svg(canvas.draw(chart)))
            return out
    finally:
        fonts.setLevel(level)


class _Burnup:
    """The one figure of `burnup_svgs`: what every chart of a year shares is set here."""

    def __init__(self, as_of: dt.date, year: int, lang: str) -> None:
        from matplotlib.figure import Figure
        from matplotlib.ticker import FuncFormatter

        self.year = year
        self.end = _day(dt.date(year, 12, 31), year)
        fig = self.fig = Figure(figsize=(2.45, 1.5))
        fig.subplots_adjust(left=0.15, right=0.96, top=0.88, bottom=0.14)
        fig.patch.set_visible(False)  # no white backgrounds: the page is white already
        ax = self.ax = fig.add_subplot()
        ax.patch.set_visible(False)
        self.plan = ax.step([], [], where="post", color=PLAN_COLOR, lw=1.0, zorder=2)[0]
        self.checkpoints = ax.plot([], [], ls="none", marker="s", ms=2.5, mfc="white",
                                   mec=PLAN_COLOR, mew=0.7, zorder=3, clip_on=False)[0]
        self.schedule = ax.plot([], [], ls=(0, (3, 2)), color=SCHEDULE_COLOR, lw=0.8,
                                zorder=1)[0]
        self.actual = ax.plot([], [], lw=1.0, marker="o", ms=2.6, zorder=4, clip_on=False)[0]
        ax.axvline(_day(as_of, year), color=AS_OF_COLOR, lw=0.7, ls=":", zorder=0)
        ax.set_xlim(0, self.end + 3)
        month_ends = [_day(dt.date(year, m, 1), year) - 1 for m in range(2, 13)] + [self.end]
        ax.set_xticks(month_ends, minor=True)
        ax.set_xticks(month_ends[2::3], [_month(m, lang) for m in (3, 6, 9, 12)])
        ax.tick_params(length=2, pad=1.5)
        ax.tick_params(which="minor", length=1.2)
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: _compact(v, lang)))
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)

    def draw(self, line: Chart) -> str:
        from matplotlib.ticker import MaxNLocator

        year, ax = self.year, self.ax
        due = [_day(d, year) for d, _ in line.checkpoints]
        targets = [t for _, t in line.checkpoints]
        self.plan.set_data([0, *due, self.end], [0, *targets, targets[-1]])
        self.checkpoints.set_data(due, targets)
        self.schedule.set_data([0, *due, self.end], [0, *targets, targets[-1]])
        self.actual.set_data([_day(d, year) for d, _ in line.history],
                             [v for _, v in line.history])
        self.actual.set_markevery(_marked(line.history))
        self.actual.set_color(line.color)
        self.actual.set_visible(bool(line.history))
        ax.set_ylim(0, max([*targets, *(v for _, v in line.history), 1.0]) * 1.08)
        ax.yaxis.set_major_locator(MaxNLocator(4, integer=line.kind == "quantity",
                                               min_n_ticks=2))
        # The unit reads horizontally above the axis: a rotated label turns 汉字 on their side.
        ax.set_title(line.unit, loc="left", fontsize=6, color="#616161", pad=2.5,
                     parse_math=False)
        buf = io.StringIO()
        self.fig.savefig(buf, format="svg", metadata=_NO_METADATA)
        return buf.getvalue()


MARKED = 60  # reports a chart marks one by one; beyond, the last of each month and the latest


def _marked(history: list[tuple[dt.date, float]]) -> list[int] | None:
    """Which points of the reported line get a marker: every one (None) up to MARKED; beyond
    (a daily export: 300 dots on a chart 6 cm wide make a band, and most of its drawing time),
    each month's last report and the latest. The line still passes through every point."""
    if len(history) <= MARKED:
        return None
    return [i for i, (d, _) in enumerate(history)
            if i == len(history) - 1 or history[i + 1][0].month != d.month]


_NO_METADATA: dict[str, Any] = {"Creator": None, "Date": None, "Format": None, "Type": None}


def _month(month: int, lang: str) -> str:
    return f"{month}月" if lang == "zh" else _MONTHS_EN[month - 1]


_MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def legend_items(lang: str) -> list[tuple[str, str, str]]:
    """(css class, colour, label) of each chart element, for a legend outside the charts."""
    return [("plan", PLAN_COLOR, label("bulletin_legend_plan", lang)),
            ("schedule", SCHEDULE_COLOR, label("bulletin_legend_schedule", lang)),
            ("actual", LOOKS[Status.on_track].color, label("bulletin_legend_actual", lang)),
            ("as-of", AS_OF_COLOR, label("bulletin_legend_as_of", lang))]
