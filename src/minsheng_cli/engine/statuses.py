"""The one table of statuses: every other module reads a status's label, order, colour, terminal
style and `--fail-on` membership from here. Adding a status means adding a row here (and the
rule that gives it, in evaluate.py)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    """The verdicts, from worst to best. The values are a public interface (JSON, CSV, exit codes)."""

    overdue = "overdue"
    no_report = "no_report"
    at_risk = "at_risk"
    on_track = "on_track"
    done = "done"
    not_due = "not_due"


@dataclass(frozen=True)
class Look:
    zh: str
    en: str
    color: str  # charts, HTML, xlsx
    style: str  # rich, in the terminal
    attention: bool  # listed in the bulletin's attention list
    short: str = ""  # a column header where space is short (zh); the label otherwise

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh

    def short_label(self, lang: str) -> str:
        return self.short or self.zh if lang != "en" else self.en


LOOKS: dict[Status, Look] = {
    Status.overdue: Look("逾期未完成", "overdue", "#c62828", "bold red", True, "逾期"),
    Status.no_report: Look("未报送", "not reported", "#8e24aa", "magenta", True),
    Status.at_risk: Look("滞后序时进度", "at risk", "#ef8f00", "yellow", True, "滞后"),
    Status.on_track: Look("按计划推进", "on track", "#0277bd", "cyan", False, "正常"),
    Status.done: Look("已完成", "done", "#2e7d32", "green", False),
    Status.not_due: Look("未到节点", "not due", "#9e9e9e", "dim", False, "未到期"),
}

# The order statuses are counted and shown in tables and bulletins: best first, those needing
# action after, not-yet-due last. (The enum's own order, worst first, is the order of severity.)
SHOWN = [Status.done, Status.on_track, Status.at_risk, Status.overdue, Status.no_report,
         Status.not_due]
ATTENTION = [s for s in Status if LOOKS[s].attention]

# `--fail-on` thresholds: which statuses make `check` exit 1.
FAIL_ON: dict[str, frozenset[Status]] = {
    "overdue": frozenset({Status.overdue, Status.no_report}),
    "at_risk": frozenset({Status.overdue, Status.no_report, Status.at_risk}),
    "never": frozenset(),
}


def status_label(status: str | Status, lang: str) -> str:
    return LOOKS[Status(status)].label(lang)
