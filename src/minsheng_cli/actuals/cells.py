"""Distinct cell values → dates, numbers and indicators, each with a message when it is not one.

Every column is held factorized (codes into its distinct values): a million reports hold a few
hundred distinct dates and ids, so each distinct value is parsed once here, and rows.py maps the
results back onto the rows. No I/O.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from enum import IntEnum

import numpy as np
import pandas as pd

from ..dates import parse_date
from ..i18n import say
from ..plan.model import Indicator, Plan
from ..text import clean, is_blank, shown

EXCEL_ERRORS = frozenset({"#DIV/0!", "#N/A", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!",
                          "#SPILL!", "#CALC!", "#GETTING_DATA"})
_NOT_NUMBERS = frozenset({"nan", "+nan", "-nan", "inf", "+inf", "-inf", "infinity", "+infinity",
                          "-infinity", "na", "n/a", "none", "null", "-", "--", "—", "/"})
# Events are 1 (done) or 0 (not yet); offices also write it in words.
EVENT_WORDS = {"是": 1.0, "否": 0.0, "完成": 1.0, "已完成": 1.0, "未完成": 0.0,
               "true": 1.0, "false": 0.0, "yes": 1.0, "no": 0.0, "done": 1.0}
_NUMBER = re.compile(
    r"(?P<number>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+|(?=\.\d))(?:\.\d*)?(?:[eE][+-]?\d+)?)"
    r"\s*(?P<suffix>万|亿|%)?", re.ASCII)
_SCALE = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "%": Decimal(1), None: Decimal(1)}


def parse_dates(uniques: Sequence[object]) -> tuple[np.ndarray, dict[int, str]]:
    """Dates (datetime64[D], NaT where unreadable) for distinct cells, and why each bad one is."""
    days = np.full(len(uniques), np.datetime64("NaT"), dtype="datetime64[D]")
    messages: dict[int, str] = {}
    for k, value in enumerate(uniques):
        result = parse_date(value)
        if isinstance(result, str):
            messages[k] = result
        else:
            days[k] = np.datetime64(result, "D")
    return days, messages


# ---------------------------------------------------------------- numbers


class Form(IntEnum):
    """How a number was written, when that limits which indicators it fits."""

    plain = 0
    percent = 1  # 85% → 85: only for rates
    word = 2  # 是/否, 完成: only for events


NUMBER_FORMS = say("number.forms")


def parse_numbers(uniques: Sequence[object]) -> tuple[np.ndarray, np.ndarray, dict[int, str]]:
    """Values (float64) and forms (Form) for unique cell values, and why each bad one is bad.

    Plain numbers go through pandas' vectorized parser; only what it cannot read is parsed here.
    Numbers too large for a float come back as inf, for the caller's range check.
    """
    objects = np.asarray(uniques, dtype=object) if len(uniques) else np.empty(0, dtype=object)
    values = np.full(len(objects), np.nan)
    forms = np.zeros(len(objects), dtype=np.int8)
    slow = np.ones(len(objects), dtype=bool)
    if pd.api.types.infer_dtype(objects, skipna=False) == "string":
        plain = np.ones(len(objects), dtype=bool)
    else:
        plain = np.fromiter((type(v) in (str, int, float) for v in objects), bool, len(objects))
    if plain.any():
        fast = pd.to_numeric(pd.Series(objects[plain], dtype=object), errors="coerce")
        fast_values = fast.to_numpy(dtype=np.float64, na_value=np.nan)
        values[plain] = fast_values
        slow[plain] = ~np.isfinite(fast_values)
    values[slow] = np.nan
    messages: dict[int, str] = {}
    for k in np.flatnonzero(slow):
        result = parse_number(objects[k])
        if isinstance(result, str):
            messages[int(k)] = result
        else:
            values[k], forms[k] = result
    return values, forms, messages


def parse_number(value: object) -> tuple[float, Form] | str:
    """One cell → (value, form), or a message saying why it is not a number."""
    if isinstance(value, bool):
        return (1.0 if value else 0.0), Form.word
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:  # an int beyond any float
            return math.inf, Form.plain
        if math.isnan(number):
            return say("number.unreadable", value=shown(value), forms=NUMBER_FORMS)
        return number, Form.plain
    if isinstance(value, dt.date | dt.time):
        return say("number.is-date", value=shown(value), forms=NUMBER_FORMS)
    text = clean(str(value))
    if not text:
        return say("number.empty")
    if text.upper() in EXCEL_ERRORS:
        return say("number.excel-error", error=text.upper())
    if text.lower() in _NOT_NUMBERS:
        return say("number.not-number", value=shown(text), forms=NUMBER_FORMS)
    if (word := EVENT_WORDS.get(text.lower())) is not None:
        return word, Form.word
    if not (m := _NUMBER.fullmatch(text)):
        return say("number.unreadable", value=shown(text), forms=NUMBER_FORMS)
    try:
        number = float(Decimal(m["number"].replace(",", "")) * _SCALE[m["suffix"]])
    except (InvalidOperation, ArithmeticError):
        number = math.inf  # an exponent beyond any float: the range check calls it too large
    return number, (Form.percent if m["suffix"] == "%" else Form.plain)


# ---------------------------------------------------------------- indicators


def match_indicators(uniques: Sequence[object], plan: Plan) -> tuple[np.ndarray, dict[int, str]]:
    """Positions in `plan.indicators()` (-1 where unknown) for distinct cells, and why each is.

    A cell may hold the id (full-width forms, case and stray spaces do not matter) or the
    indicator's exact Chinese name.
    """
    indicators = [ind for _, ind in plan.indicators()]
    lookup: dict[str, int] = {}
    for k, ind in enumerate(indicators):
        lookup[_key(ind.id).lower()] = k
    names: dict[str, list[int]] = {}
    for k, ind in enumerate(indicators):
        names.setdefault(_key(ind.name.zh), []).append(k)
    for name, ks in names.items():
        lookup.setdefault(name, ks[0] if len(ks) == 1 else -2)  # -2: a name two indicators share
    found = np.full(len(uniques), -1, dtype=np.intp)
    messages: dict[int, str] = {}
    for u, value in enumerate(uniques):
        key = _key(str(value)) if not is_blank(value) else ""
        k = lookup.get(key, lookup.get(key.lower(), -1))
        if k >= 0:
            found[u] = k
        elif not key:
            messages[u] = say("indicator.empty", example=(
                indicators[0].id if indicators else "p10.charging_piles"))
        elif k == -2:
            ids = ", ".join(indicators[i].id for i in names[key])
            messages[u] = say("indicator.ambiguous", value=shown(value), ids=ids)
        else:
            messages[u] = _unknown(str(value), key, indicators, plan.year)
    return found, messages


def _key(text: str) -> str:
    return "".join(clean(text).split())


def _unknown(value: str, key: str, indicators: list[Indicator], year: int) -> str:
    choices = {ind.id: ind for ind in indicators} | {ind.name.zh: ind for ind in indicators}
    # difflib is quadratic in the length: no suggestion for a cell that is no id (a pasted page)
    close = difflib.get_close_matches(key, list(choices), n=1, cutoff=0.6) if len(key) < 100 else []
    if close:
        ind = choices[close[0]]
        return say("indicator.unknown-near", value=shown(value), year=year, id=ind.id,
                   name=ind.name.zh)
    return say("indicator.unknown", value=shown(value), year=year)
