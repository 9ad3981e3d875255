"""The lights policy (亮灯规则): when an indicator is lit green, yellow or red, and when a light
kept up over consecutive rounds is escalated to a 督办函 or a 约谈.

The policy is data: a frozen dataclass, two presets, and a reader for the small YAML file users
write (text in, policy and located problems out; no file I/O here).
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from enum import StrEnum
from typing import Any

from ..i18n import say
from ..problems import Problem


class Light(StrEnum):
    """The lights, worst first. The values are a public interface (JSON `light`)."""

    red = "red"
    yellow = "yellow"
    green = "green"


@dataclass(frozen=True)
class LightLook:
    zh: str
    en: str
    color: str  # a strong colour: text, dots, HTML
    fill: str  # a pale background for cells (xlsx, docx), six hex digits

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


LIGHT_LOOKS: dict[Light, LightLook] = {
    Light.red: LightLook("红灯", "red", "#c62828", "FFC7CE"),
    Light.yellow: LightLook("黄灯", "yellow", "#ef8f00", "FFEB9C"),
    Light.green: LightLook("绿灯", "green", "#2e7d32", "C6EFCE"),
}
UNLIT = ("未亮灯", "not lit")  # not due: nothing is due and nothing was reported
LIGHT_HEADER = ("亮灯", "Light")  # the column of lights, (zh, en)


class Action(StrEnum):
    """What a light kept up over consecutive rounds brings, mildest first."""

    letter = "letter"  # 督办函: a supervision letter to the lead units
    interview = "interview"  # 约谈: the lead units' heads are called in


ACTION_LABELS: dict[Action, tuple[str, str]] = {
    Action.letter: ("督办函", "supervision letter"),
    Action.interview: ("约谈", "interview"),
}


class Basis(StrEnum):
    """What "behind" is measured against."""

    target = "target"  # points of the final target: -(actual - required) / target × 100 (gap_pp)
    schedule = "schedule"  # percent of what the schedule requires now: (required - actual) / required × 100


@dataclass(frozen=True)
class LightPolicy:
    """Bands on how far an at-risk indicator is behind the time-proportional schedule, and the
    escalation rounds. Thresholds are inclusive: behind by `yellow` or more is yellow."""

    yellow: float = 10.0
    red: float = 30.0
    basis: Basis = Basis.target
    no_report: Light = Light.red
    letter_after: int = 2  # consecutive rounds yellow or red → 督办函
    interview_after: int = 1  # consecutive rounds red → 约谈

    def __post_init__(self) -> None:
        if not 0 <= self.yellow <= self.red:
            raise ValueError(say("policy.bands", yellow=f"{self.yellow:g}", red=f"{self.red:g}"))
        if self.letter_after < 1 or self.interview_after < 1:
            raise ValueError(say("policy.rounds"))


# 银川-style bands (yellow 10–30 points behind, red from 30) are the default; "50" is 三亚's rule:
# yellow for any shortfall against the schedule, red from 50 % of it (三亚 counts exactly 50 %
# as yellow; here the band's edge is inclusive, as everywhere).
PRESETS: dict[str, LightPolicy] = {
    "default": LightPolicy(),
    "50": LightPolicy(yellow=0.0, red=50.0, basis=Basis.schedule),
}

_KEYS = {f.name for f in fields(LightPolicy)} | {"preset"}


def policy_from_yaml(text: str, file: str, preset: str | None = None
                     ) -> tuple[LightPolicy | None, list[Problem]]:
    """The policy a YAML file describes (keys as in `LightPolicy`, plus `preset` as the base;
    a `preset` given here overrides the file's), or None and every problem, located."""
    from ..plan.yamlnodes import load

    located, problems = load(text, file)
    if located is None or problems:  # the reader's words for these two are a plan file's
        own = {"empty-file": "policy.empty", "yaml-not-mapping": "policy.not-mapping"}
        return None, [Problem(p.code, say(own[p.code]), file=file, line=p.line, column=p.column)
                      if p.code in own else p for p in problems]
    data = located.data

    def problem(code: str, key: tuple[str | int, ...], message: str) -> Problem:
        line, col = located.locate(key) or (None, None)
        return Problem(code, message, file=file, line=line, column=col)

    if not isinstance(data, dict):
        return None, [problem("yaml-not-mapping", (), say("policy.not-mapping"))]
    problems = [problem("unknown-field", (key,), say("policy.unknown-key", key=repr(key),
                                                      keys=", ".join(sorted(_KEYS))))
                for key in data if key not in _KEYS]
    preset = preset or str(data.get("preset", "default"))
    if str(preset) not in PRESETS:
        problems.append(problem("invalid-value", ("preset",), say(
            "policy.unknown-preset", preset=repr(preset), presets=", ".join(PRESETS))))
        preset = "default"
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in _KEYS - {"preset"}:
            try:
                values[key] = _convert(key, value)
            except ValueError as exc:
                problems.append(problem("invalid-value", (key,), _message(exc)))
    if problems:
        return None, problems
    try:
        return replace(PRESETS[str(preset)], **values), []
    except ValueError as exc:
        first = next(iter(values), "preset")
        return None, [problem("invalid-value", (first,), _message(exc))]


def _message(exc: ValueError) -> str:
    """The catalog message a ValueError of this module carries (its text otherwise)."""
    return exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)


def _convert(key: str, value: Any) -> Any:
    """`value` as the policy field `key` holds it; ValueError saying what is wrong."""
    if key in {"yellow", "red"}:
        if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1000:
            raise ValueError(say("policy.points", key=key, value=repr(value)))
        return float(value)
    if key in {"letter_after", "interview_after"}:
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 12:
            raise ValueError(say("policy.whole-rounds", key=key, value=repr(value)))
        return value
    if key == "basis":
        if not isinstance(value, str) or value not in {b.value for b in Basis}:
            raise ValueError(say("policy.basis", value=repr(value)))
        return Basis(value)
    if not isinstance(value, str) or value not in {Light.red.value, Light.yellow.value}:
        raise ValueError(say("policy.no-report", value=repr(value)))
    return Light(value)


def describe(policy: LightPolicy, lang: str = "zh") -> str:
    """The rule in words, for a note beside the tables."""
    yellow, red, silent = f"{policy.yellow:g}", f"{policy.red:g}", policy.no_report
    by_target = policy.basis is Basis.target
    if lang == "en":
        unit = " points of the final target" if by_target else "% of what is due"
        green = "done or on schedule" + ("" if policy.yellow == 0
                                         else f", or less than {yellow}{unit} behind")
        return (f"Lights: green when {green}; yellow from "
                + ("any shortfall" if policy.yellow == 0 else f"{yellow}{unit} behind")
                + (" or unreported" if silent is Light.yellow else "")
                + f"; red from {red}{unit} behind, overdue"
                + (" or unreported" if silent is Light.red else "")
                + f". Yellow or red {policy.letter_after} rounds in a row: a supervision letter; "
                + ("red" if policy.interview_after == 1
                   else f"red {policy.interview_after} rounds in a row")
                + ": an interview with the lead units' heads.")
    if by_target:
        basis, unit, lag = "差距按年度目标的百分点计", "个百分点", "滞后序时进度"
    else:
        basis, unit, lag = "差距按序时应完成数的百分比计", "%", "低于序时应完成数"
    green = ("已完成或按序时推进" if policy.yellow == 0
             else f"已完成、按序时推进或{lag}不足{yellow}{unit}")
    amber = "低于序时进度" if policy.yellow == 0 else f"{lag}{yellow}{unit}及以上"
    rounds = "" if policy.interview_after == 1 else f"连续{policy.interview_after}期"
    return (f"亮灯规则（{basis}）：{green}的亮绿灯；{amber}"
            + ("或未报送" if silent is Light.yellow else "")
            + f"的亮黄灯；{lag}{red}{unit}及以上、逾期未完成"
            + ("或未报送" if silent is Light.red else "")
            + f"的亮红灯。连续{policy.letter_after}期亮黄灯（含红灯）的发督办函，"
            f"{rounds}亮红灯的约谈牵头单位主要负责人。")
