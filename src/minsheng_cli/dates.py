"""The one parser for every date the tool reads: plan due dates, actuals cells, `--as-of`, and
the pattern the JSON Schema gives editors. Pure Python: `validate` pays for no numpy here."""

from __future__ import annotations

import calendar
import datetime as dt
import math
import re

from .i18n import say
from .text import clean, shown

_TIME = r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
_DAY_FORMS = [
    re.compile(r"(\d{4})([-/.])(\d{1,2})\2(\d{1,2})" + _TIME, re.ASCII),
    re.compile(r"(\d{4})()(\d{2})(\d{2})", re.ASCII),
    re.compile(r"(\d{4})(年)(\d{1,2})月(\d{1,2})[日号]", re.ASCII),
]
_MONTH_FORMS = [re.compile(r"(\d{4})[-/.](\d{1,2})", re.ASCII),
                re.compile(r"(\d{4})年(\d{1,2})月份?", re.ASCII)]
_SERIAL = re.compile(r"\d{5}(?:\.\d+)?", re.ASCII)
SERIAL_RANGE = (20_000, 80_000)  # Excel day numbers from 1954 to 2119
_EXCEL_EPOCH = dt.date(1899, 12, 30)
DATE_FORMS = say("date.forms")  # a str: its English text; rendered in either language
# A plan's `due` as a month (its last day), for the plan model and the JSON Schema; a day is an
# ISO date (YYYY-MM-DD), which YAML reads as a date itself.
PLAN_MONTH_PATTERN = r"^\s*\d{4}-(0?[1-9]|1[0-2])\s*$"


def parse_date(value: object) -> dt.date | str:
    """One value (a cell, an option, a plan's `due`) → a date, or a message saying why it is not
    one. A month (`2023-06`, `2023年6月`) means its last day."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool) or value is None:
        return say("date.unreadable", value=shown(value), forms=DATE_FORMS)
    if isinstance(value, int | float):
        return _from_serial(float(value)) if _is_serial(float(value)) else _date_text(
            str(int(value)) if float(value).is_integer() else str(value))
    if isinstance(value, dt.time):
        return say("date.time-of-day", value=shown(value), forms=DATE_FORMS)
    return _date_text(clean(str(value)))


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _is_serial(number: float) -> bool:
    return math.isfinite(number) and SERIAL_RANGE[0] <= number <= SERIAL_RANGE[1]


def _from_serial(number: float) -> dt.date:
    return _EXCEL_EPOCH + dt.timedelta(days=int(number))


def _date_text(text: str) -> dt.date | str:
    if not text:
        return say("date.empty", forms=DATE_FORMS)
    if _SERIAL.fullmatch(text) and _is_serial(float(text)):
        return _from_serial(float(text))
    for form in _DAY_FORMS:
        if m := form.fullmatch(text):
            return _day(text, int(m[1]), int(m[3]), int(m[4]))
    for form in _MONTH_FORMS:
        if m := form.fullmatch(text):
            year, month = int(m[1]), int(m[2])
            if not 1 <= month <= 12:
                return say("date.no-month", value=shown(text), month=month, forms=DATE_FORMS)
            return month_end(year, month)
    return say("date.unreadable", value=shown(text), forms=DATE_FORMS)


def _day(text: str, year: int, month: int, day: int) -> dt.date | str:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return say("date.no-day", value=shown(text))
