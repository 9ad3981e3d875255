"""Pydantic models of a plan: Plan → Project → Indicator → Checkpoint. No I/O here."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from ..dates import PLAN_MONTH_PATTERN, parse_date
from ..i18n import say

INDICATOR_ID = r"^p(10|[1-9])\.[a-z][a-z0-9_]*$"
_PLAN_MONTH = re.compile(PLAN_MONTH_PATTERN)
_ISO_DAY = re.compile(r"^\s*\d{4}-\d{2}-\d{2}\s*$")


def _plan_date(value: Any) -> Any:
    """`2023-06` is the last day of June; YAML's own dates and ISO days pass to pydantic, and any
    other text gets a sentence saying how to write it, instead of "input is too short"."""
    if isinstance(value, str):
        if _PLAN_MONTH.match(value):
            when = parse_date(value)
            return when if not isinstance(when, str) else value
        if not _ISO_DAY.match(value):
            raise ValueError(say("plan.due.form", value=repr(value.strip()[:40])))
    return value  # pydantic rejects a datetime with a time part, and numbers, for a date field


DueDate = Annotated[dt.date, BeforeValidator(_plan_date)]
NonEmpty = Annotated[str, Field(min_length=1)]


class Kind(StrEnum):
    quantity = "quantity"  # a count or amount that accumulates
    event = "event"  # a dated action: 1 done, 0 not
    rate = "rate"  # a percentage that is not summed


class Direction(StrEnum):
    at_least = "at_least"
    at_most = "at_most"


class Pace(StrEnum):
    """What a rate requires between its checkpoints."""

    level = "level"  # the level of the checkpoint in force, all along (a 完好率 kept at 95%)
    line = "line"  # the straight line between checkpoints, as a quantity (a project's progress)


class Combine(StrEnum):
    """How the values of several reporters of one indicator combine."""

    sum = "sum"
    max = "max"
    min = "min"
    mean = "mean"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """A label in Chinese and English."""

    zh: NonEmpty
    en: NonEmpty

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


def _one_text(value: Any) -> Any:
    """A single text (plan files written before `{zh, en}`) stands for both languages."""
    if isinstance(value, str):
        if not value:
            raise ValueError(say("plan.text.empty"))
        return {"zh": value, "en": value}
    return value


def _text_or_string(schema: dict[str, Any]) -> None:
    """The schema of a Reading: `{zh, en}`, or one non-empty text (what _one_text accepts)."""
    forms = schema.get("anyOf", [])
    schema["anyOf"] = [*forms[:1], {"type": "string", "minLength": 1}, *forms[1:]]


Reading = Annotated[Text, BeforeValidator(_one_text)]


class Checkpoint(_Strict):
    due: DueDate
    target: Annotated[float, Field(ge=0, allow_inf_nan=False, strict=True)]
    source: NonEmpty = Field(description="Verbatim quote of the plan text this checkpoint encodes.")
    note: str | None = None
    items: list[NonEmpty] | None = Field(
        default=None, description="Named items the text lists for this checkpoint (e.g. villages)."
    )
    firm: bool = Field(default=True, description="A floor (不少于, 完成): missing it when due makes "
                       "the indicator overdue. false: a pace (约, about): it shapes the "
                       "time-proportional line (at_risk, lights) but never makes it overdue.")
    due_reading: Reading | None = Field(
        default=None, description="How the due date was read from the text, where that is a "
        "judgement (\"10月前\" as the end of October): `{zh: …, en: …}`, or one text shown in "
        "both languages; shown by list, audit and report.", title="Due Reading",
        json_schema_extra=_text_or_string)

    def reading(self, lang: str) -> str | None:
        """The due date's reading in `lang`; None where the date is the text's letter."""
        return self.due_reading.get(lang) if self.due_reading else None


class UnitKind(StrEnum):
    department = "department"  # an office of the district's Party committee or government
    town = "town"  # one of the district's towns and streets (镇街)
    other = "other"  # a people's organisation, a court, an enterprise, a utility, a city body
    group = "group"  # a collective name for every town (各镇街)


class Unit(_Strict):
    """A unit that leads, shares or reports work, with every name it goes by."""

    name: NonEmpty = Field(description="The canonical name, used in outputs.")
    kind: UnitKind
    aliases: list[NonEmpty] = Field(default_factory=list, description="Other spellings: the plan "
                                    "text's (typos included) and common forms.")
    note: str | None = None


TOWNS = "towns"  # `reported_by: {shares: towns}`: every unit of kind town


class ReportedBy(_Strict):
    """Who reports an indicator: one unit's district total, or several units' own shares."""

    total: NonEmpty | None = Field(default=None, description="The unit that reports the "
                                   "district total.")
    shares: Literal["towns"] | list[NonEmpty] | None = Field(
        default=None, description="The units that each report their own share (summed); "
        "`towns` for every town.")

    @model_validator(mode="after")
    def _one_of(self) -> ReportedBy:
        if (self.total is None) == (self.shares is None):
            raise ValueError(say("plan.reported-by.one"))
        return self


class ShareCheckpoint(_Strict):
    """A unit's own cumulative target at a date (任务分解)."""

    due: DueDate
    target: Annotated[float, Field(ge=0, allow_inf_nan=False, strict=True)]
    source: NonEmpty | None = Field(default=None, description="Verbatim quote, where the plan "
                                    "text states the share.")
    note: str | None = None
    items: list[NonEmpty] | None = Field(default=None, description="Named items of the share "
                                         "(e.g. villages).")


class Indicator(_Strict):
    id: Annotated[str, Field(pattern=INDICATOR_ID)]
    name: Text
    unit: Text
    kind: Kind
    direction: Direction = Direction.at_least
    combine: Combine | None = Field(
        default=None, description="Default: sum for quantity, max for event, min for rate."
    )
    pace: Pace | None = Field(
        default=None, description="A rate only: `level` (default), the level of the checkpoint "
        "in force is required all along (a rate kept at 95%); `line`, the straight line between "
        "checkpoints from 0 on 1 January, as for a quantity (a project's progress: 80% by "
        "September, 100% by December).")
    overview_target: Annotated[float, Field(ge=0, allow_inf_nan=False, strict=True)] | None = None
    overview_source: NonEmpty | None = None
    note: str | None = None
    reported_by: ReportedBy | None = Field(default=None, description="Default: the project's.")
    shares: dict[NonEmpty, Annotated[list[ShareCheckpoint], Field(min_length=1)]] | None = Field(
        default=None, description="Each reporting unit's own cumulative targets (任务分解).")
    checkpoints: Annotated[list[Checkpoint], Field(min_length=1)]

    @model_validator(mode="after")
    def _combine_fits_kind(self) -> Indicator:
        if self.combine is None:
            default = {Kind.quantity: Combine.sum, Kind.event: Combine.max, Kind.rate: Combine.min}
            object.__setattr__(self, "combine", default[self.kind])
        elif self.combine is Combine.sum and self.kind is not Kind.quantity:
            raise ValueError(say("plan.combine.sum", kind=self.kind.value))
        if self.pace is not None and self.kind is not Kind.rate:
            raise ValueError(say("plan.pace.rate", kind=self.kind.value))
        if (self.overview_target is None) != (self.overview_source is None):
            raise ValueError(say("plan.overview.together"))
        if not any(cp.firm for cp in self.checkpoints):
            raise ValueError(say("plan.firm.none"))
        return self

    @property
    def final(self) -> Checkpoint:
        """The last firm checkpoint: the indicator's target (a pace after it asks for nothing)."""
        return next(cp for cp in reversed(self.checkpoints) if cp.firm)

    @property
    def project_number(self) -> int:
        return int(self.id[1 : self.id.index(".")])


class Project(_Strict):
    number: Annotated[int, Field(ge=1, le=10)]
    name: Text
    leaders: list[NonEmpty] = Field(description="分管领导")
    lead_units: Annotated[list[NonEmpty], Field(min_length=1, description="牵头单位")]
    responsible_units: list[NonEmpty] = Field(default_factory=list, description="责任单位")
    overview: NonEmpty = Field(description="项目概况, verbatim")
    note: str | None = None
    reported_by: ReportedBy | None = Field(default=None, description="The default of its "
                                           "indicators; default: the first lead unit's total.")
    indicators: list[Indicator] = Field(default_factory=list)


class Bulletins(_Strict):
    """The plan's own reporting commitment: a progress bulletin every month from a month on."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    start: Annotated[str, Field(alias="from", pattern=r"^\d{4}-(0[1-9]|1[0-2])$",
                                description="The first bulletin month, YYYY-MM.")]
    every: Literal["month"] = Field(default="month", description="How often: every month.")
    source: NonEmpty = Field(description="Verbatim quote of the commitment.")

    @property
    def first_month(self) -> int:
        return int(self.start[5:7])


DEFAULT_BULLETIN_MONTH = 7  # a plan without `bulletins:`: the 2023 text's "7月起,每月通报"


class Plan(_Strict):
    year: Annotated[int, Field(ge=2000, le=2100)]
    issuer: NonEmpty
    title: NonEmpty
    issued: dt.date
    source: str | None = None
    note: str | None = None
    units: list[Unit] = Field(default_factory=list, description="The registry of units and "
                              "their aliases; with it, every unit named must resolve.")
    bulletins: Bulletins | None = Field(default=None, description="The plan's commitment to "
                                        "regular progress bulletins (通报).")
    projects: Annotated[list[Project], Field(min_length=1)]

    @model_validator(mode="after")
    def _bulletins_in_year(self) -> Plan:
        if self.bulletins and int(self.bulletins.start[:4]) != self.year:
            raise ValueError(say("plan.bulletins.year", start=self.bulletins.start,
                                 year=self.year))
        return self

    def indicators(self) -> list[tuple[Project, Indicator]]:
        return [(p, i) for p in self.projects for i in p.indicators]

    def indicator(self, indicator_id: str) -> tuple[Project, Indicator] | None:
        return next(((p, i) for p, i in self.indicators() if i.id == indicator_id), None)

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        return dt.date(self.year, 12, 31)

    @property
    def first_bulletin_month(self) -> int:
        """The month the monthly bulletins start: the plan's `bulletins.from`, or July."""
        return self.bulletins.first_month if self.bulletins else DEFAULT_BULLETIN_MONTH
