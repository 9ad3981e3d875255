"""Pydantic models of a plan: Plan → Project → Indicator → Checkpoint. No I/O here."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

INDICATOR_ID = r"^p(10|[1-9])\.[a-z][a-z0-9_]*$"
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")


def _month_end(value: Any) -> Any:
    """Read `2023-06` as the last day of June; leave everything else to pydantic."""
    if isinstance(value, str) and (m := _MONTH.match(value.strip())):
        year, month = int(m[1]), int(m[2])
        if 1 <= month <= 12:
            return dt.date(year, month, calendar.monthrange(year, month)[1])
    if isinstance(value, dt.datetime):
        return value  # pydantic rejects a datetime with a time part for a date field
    return value


DueDate = Annotated[dt.date, BeforeValidator(_month_end)]
NonEmpty = Annotated[str, Field(min_length=1)]


class Kind(StrEnum):
    quantity = "quantity"  # a count or amount that accumulates
    event = "event"  # a dated action: 1 done, 0 not
    rate = "rate"  # a percentage that is not summed


class Direction(StrEnum):
    at_least = "at_least"
    at_most = "at_most"


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


class Checkpoint(_Strict):
    due: DueDate
    target: Annotated[float, Field(ge=0, allow_inf_nan=False, strict=True)]
    source: NonEmpty = Field(description="Verbatim quote of the plan text this checkpoint encodes.")
    note: str | None = None
    items: list[NonEmpty] | None = Field(
        default=None, description="Named items the text lists for this checkpoint (e.g. villages)."
    )


class Indicator(_Strict):
    id: Annotated[str, Field(pattern=INDICATOR_ID)]
    name: Text
    unit: Text
    kind: Kind
    direction: Direction = Direction.at_least
    combine: Combine | None = Field(
        default=None, description="Default: sum for quantity, max for event, min for rate."
    )
    overview_target: Annotated[float, Field(ge=0, allow_inf_nan=False, strict=True)] | None = None
    overview_source: NonEmpty | None = None
    note: str | None = None
    checkpoints: Annotated[list[Checkpoint], Field(min_length=1)]

    @model_validator(mode="after")
    def _combine_fits_kind(self) -> Indicator:
        if self.combine is None:
            default = {Kind.quantity: Combine.sum, Kind.event: Combine.max, Kind.rate: Combine.min}
            object.__setattr__(self, "combine", default[self.kind])
        elif self.combine is Combine.sum and self.kind is not Kind.quantity:
            raise ValueError(f"combine: sum makes no sense for a {self.kind.value}; use max, min or mean")
        if (self.overview_target is None) != (self.overview_source is None):
            raise ValueError("overview_target and overview_source go together: give both or neither")
        return self

    @property
    def final(self) -> Checkpoint:
        return self.checkpoints[-1]

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
    indicators: list[Indicator] = Field(default_factory=list)


class Plan(_Strict):
    year: Annotated[int, Field(ge=2000, le=2100)]
    issuer: NonEmpty
    title: NonEmpty
    issued: dt.date
    source: str | None = None
    note: str | None = None
    projects: Annotated[list[Project], Field(min_length=1)]

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
