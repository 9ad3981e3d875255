"""The cells of an actuals table → checked reports. No I/O.

Every column is held factorized (codes into its distinct values): a million reports hold a few
hundred distinct dates and ids, so each distinct value is parsed once and the results are mapped
back onto the rows with numpy. Then come the checks that relate rows: conflicting and decreasing
reports.
"""

from __future__ import annotations

import calendar
import datetime as dt
import difflib
import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import IntEnum

import numpy as np
import pandas as pd

from .model import Indicator, Kind, Plan
from .problems import Problem, ProblemsError, errors

TOO_LARGE = 1e9
TARGET_FACTOR = 1000  # a value above this many times the year's target is a typo

# Characters a spreadsheet leaves around a value that mean nothing: whitespace (incl. U+3000 and
# NBSP, which NFKC turns into spaces), a stray BOM, zero-width spaces.
JUNK = " \t\r\n\v\f\u3000\u00a0\ufeff\u200b"

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
DATE_FORMS = "2023-06-30, 2023/6/30, 2023年6月30日 or 2023-06 for the end of June"


def clean(value: str) -> str:
    """Full-width forms → ASCII (NFKC), surrounding whitespace removed."""
    if value.isascii():
        return value.strip(JUNK)
    return unicodedata.normalize("NFKC", value).strip(JUNK)


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and not value.strip(JUNK)


def shown(value: object) -> str:
    """A cell value quoted for a message, cut to a readable length."""
    text = value if isinstance(value, str) else str(value)
    return '"' + (text if len(text) <= 40 else text[:37] + "...") + '"'


@dataclass
class Column:
    """One field's cells, factorized: `codes` index `uniques`. A value column may come with
    `numbers` already read; then only rows where that is NaN have a code (others have -1)."""

    header: str
    number: int  # 1-based column number
    codes: np.ndarray
    uniques: Sequence[object]
    numbers: np.ndarray | None = None


@dataclass
class Table:
    file: str
    rows: np.ndarray  # the row number a spreadsheet shows, per data row
    columns: dict[str, Column]
    encoding: str | None
    warnings: list[Problem]


# ---------------------------------------------------------------- checking

Message = Callable[[int], str]
_KINDS = {Kind.quantity: 0, Kind.event: 1, Kind.rate: 2}
_DAYS = 367  # day-of-year slots in a report key: ordinal 0..365


class _Found:
    """Problems collected while checking, and the rows they make unusable."""

    def __init__(self, table: Table) -> None:
        self.table = table
        self.problems: list[Problem] = []
        self.bad = np.zeros(len(table.rows), dtype=bool)

    def rows(self, mask: np.ndarray, column: Column, code: str, message: Message) -> None:
        """A problem at each row of `mask`; `message(i)` says what is wrong in row i."""
        at = np.flatnonzero(mask)
        self.bad[at] = True
        self.problems += [
            Problem(code, f"column {column.header}: {message(int(i))}", self.table.file,
                    int(self.table.rows[i]), column.number) for i in at]

    def uniques(self, column: Column, messages: dict[int, str], code: str,
                keep: np.ndarray) -> None:
        """A problem at each row holding a distinct value that `messages` finds wrong."""
        if messages:
            wrong = np.zeros(len(column.uniques) + 1, dtype=bool)  # code -1: not a distinct value
            wrong[list(messages)] = True
            self.rows(wrong[column.codes] & keep, column, code,
                      lambda i: messages[int(column.codes[i])])


def check_table(table: Table, plan: Plan) -> tuple[pd.DataFrame | None, list[Problem]]:
    """Parse every cell and check the reports against the plan; the frame (None if anything is
    wrong) and every problem found."""
    keep = ~_unfilled_rows(table)
    if not keep.any():
        raise ProblemsError([Problem("empty-file", "the file has a header row but no reports: no "
                                     "row has a date and a value; fill them in, one row per "
                                     "report", table.file)])
    found = _Found(table)
    indicators = [ind for _, ind in plan.indicators()]
    column = table.columns["indicator"]
    by_unique, messages = match_indicators(column.uniques, plan)
    found.uniques(column, messages, "unknown-indicator", keep)
    ind = by_unique[column.codes]

    column = table.columns["as_of"]
    dates, messages = parse_dates(column.uniques)
    found.uniques(column, messages, "bad-date", keep)
    outside = {k: f"{d} is outside {plan.year}; this file is checked against the {plan.year} plan"
               for k, d in enumerate(dates.tolist()) if d is not None and d.year != plan.year}
    found.uniques(column, outside, "date-outside-plan-year", keep)
    dates[list(outside)] = np.datetime64("NaT")  # reported; and a year like 2999 overflows [ns]
    ordinal = (dates - np.datetime64(plan.start, "D")).astype(np.int64)
    ordinal[np.isnat(dates)] = 0
    day, as_of = ordinal[column.codes], dates.astype("datetime64[ns]")[column.codes]

    values = _check_values(table.columns["value"], ind, indicators, found, keep)
    reporter, reporters = _texts(table.columns.get("reporter"), len(keep), normalize=True)
    note, notes = _texts(table.columns.get("note"), len(keep), normalize=False)

    def label(i: int) -> str:
        return f"{indicators[ind[i]].id} by {reporters[reporter[i]] or 'an unnamed reporter'}"

    group = ind.astype(np.int64) * len(reporters) + reporter
    repeat, problems = _relations(table, keep & ~found.bad, group, day, values, label, plan.start)
    problems += found.problems
    if found.bad.any() or errors(problems):
        return None, problems
    kept = np.flatnonzero(keep & ~repeat)
    at = slice(None) if len(kept) == len(keep) else kept  # when every row stays, spare the copies
    ids = np.array([i.id for i in indicators] + [""], dtype=object)
    # Text columns as categoricals built from the codes already at hand: no Python string per row,
    # and the engine's groupings hash small integers instead of a million strings.
    frame = pd.DataFrame({
        "indicator": pd.Categorical.from_codes(ind[at], categories=pd.Index(ids[:-1], dtype="str")),
        "as_of": as_of[at],
        "value": values[at],
        "reporter": pd.Categorical.from_codes(reporter[at], pd.Index(reporters, dtype="str")),
        "note": pd.Categorical.from_codes(note[at], pd.Index(notes, dtype="str")),
        "row": table.rows[at],
    }, copy=False)
    return frame, problems


def _unfilled_rows(table: Table) -> np.ndarray:
    """Rows with neither a date nor a value: spacer rows, and a form's rows not filled in (which
    may still show the indicator and the reporter). Not reports, so not errors either."""
    candidates: np.ndarray | None = None  # rows blank in every column looked at so far
    # the date first (few distinct values); then only the values in rows still blank matter
    for column in (table.columns["as_of"], table.columns["value"]):
        codes = column.codes if candidates is None else column.codes[candidates]
        counts = np.bincount(codes[codes >= 0], minlength=len(column.uniques))
        blank_u = np.zeros(len(column.uniques) + 1, dtype=bool)  # code -1: a number
        for k in np.flatnonzero(counts):
            blank_u[k] = is_blank(column.uniques[int(k)])
        blank = blank_u[codes]
        candidates = np.flatnonzero(blank) if candidates is None else candidates[blank]
    rows = np.zeros(len(table.rows), dtype=bool)
    rows[candidates] = True
    return rows


def _texts(column: Column | None, n: int, normalize: bool) -> tuple[np.ndarray, np.ndarray]:
    """Per-row codes into distinct texts ("" when absent) for the reporter and note columns."""
    if column is None:
        return np.zeros(n, dtype=np.intp), np.array([""], dtype=object)
    tidy: Callable[[str], str] = clean if normalize else (lambda s: s.strip(JUNK))
    texts = ["" if is_blank(u) else tidy(str(u)) for u in column.uniques]
    codes, distinct = pd.factorize(np.array(texts, dtype=object))
    return codes[column.codes], np.asarray(distinct, dtype=object)


def _check_values(column: Column, ind: np.ndarray, indicators: list[Indicator], found: _Found,
                  keep: np.ndarray) -> np.ndarray:
    """Per-row values; reports bad-number, negative-value and value-too-large."""
    kinds = np.array([_KINDS[i.kind] for i in indicators] + [-1])  # ind -1 (unknown) → the last
    targets = np.array([i.final.target for i in indicators] + [0.0])
    by_unique, form_by_unique, messages = parse_numbers(column.uniques)
    found.uniques(column, messages, "bad-number", keep)
    if column.numbers is not None and not len(column.uniques):
        values, forms = column.numbers, np.zeros(len(column.numbers), dtype=np.int8)
    else:  # code -1 (a number already read) takes the appended NaN / plain
        values = np.append(by_unique, np.nan)[column.codes]
        forms = np.append(form_by_unique, np.int8(Form.plain))[column.codes]
        if column.numbers is not None:
            values = np.where(column.codes < 0, column.numbers, values)
    read = keep & ~np.isnan(values)
    kind, target = kinds[ind], targets[ind]

    def text(i: int) -> str:
        return shown(column.uniques[column.codes[i]])

    def unit(i: int) -> str:
        return f"{indicators[ind[i]].id} is counted in {indicators[ind[i]].unit.zh}"

    def number(i: int) -> str:
        return _num(values[i])

    rate, event = _KINDS[Kind.rate], _KINDS[Kind.event]
    percent = read & (forms == Form.percent) & (kind >= 0) & (kind != rate)
    found.rows(percent, column, "bad-number", lambda i: f"{text(i)} is a percentage, but "
               f"{unit(i)}; write the cumulative amount done")
    word = read & (forms == Form.word) & (kind >= 0) & (kind != event)
    found.rows(word, column, "bad-number", lambda i: f"{text(i)} fits only an event (1 done, 0 not "
               f"yet), but {unit(i)}; write the number")
    read &= ~(percent | word)
    negative = read & (values < 0)
    found.rows(negative, column, "negative-value", lambda i: f"{number(i)} is negative; write the "
               "cumulative amount since 1 January, 0 or more")
    read &= ~negative
    check = "check for extra digits or a wrong unit"
    found.rows(read & (values > TOO_LARGE), column, "value-too-large",
               lambda i: f"{number(i)} is absurdly large (over {TOO_LARGE:,.0f}); {check}")
    read &= values <= TOO_LARGE
    found.rows(read & (target > 0) & (values > TARGET_FACTOR * target), column, "value-too-large",
               lambda i: f"{number(i)} is more than {TARGET_FACTOR} times the year's target for "
               f"{indicators[ind[i]].id} ({_num(target[i])} {indicators[ind[i]].unit.zh}); {check}")
    found.rows(read & (kind == rate) & (values > 100), column, "value-too-large",
               lambda i: f"{number(i)} is above 100, but {indicators[ind[i]].id} is a rate in "
               "percent (0 to 100); write 85 or 85% for 85 percent")
    return values


def _relations(table: Table, usable: np.ndarray, group: np.ndarray, day: np.ndarray,
               values: np.ndarray, label: Message, start: dt.date
               ) -> tuple[np.ndarray, list[Problem]]:
    """Reports of one indicator, reporter and date that disagree (errors), and cumulative values
    that go down over time (warnings). Returns the rows that repeat an earlier report exactly."""
    repeat = np.zeros(len(group), dtype=bool)
    key = group * _DAYS + day
    order = _ordered(np.flatnonzero(usable), key)
    if len(order) < 2:
        return repeat, []
    # from here on, positions in `order` (sorted by key, file order among equal keys)
    k, v = key[order], values[order]
    new_key = np.ones(len(order), dtype=bool)
    new_key[1:] = k[1:] != k[:-1]
    lead = np.maximum.accumulate(np.where(new_key, np.arange(len(order)), 0))
    same = v == v[lead]
    repeat[order[~new_key & same]] = True
    column, rows, file = table.columns["value"], table.rows, table.file

    def on(i: int) -> str:
        return f"{start + dt.timedelta(days=int(day[i]))}"

    clash = np.flatnonzero(~new_key & ~same)
    problems = [
        Problem("conflicting-reports", f"column {column.header}: {label(i)} on {on(i)}: row "
                f"{rows[j]} reports {_num(values[j])} and row {rows[i]} reports {_num(values[i])}; "
                "keep the right value and delete the other row", file, int(rows[i]), column.number)
        for i, j in zip(order[clash], order[lead[clash]], strict=True)]
    firsts = np.flatnonzero(new_key)
    fk, fv = k[firsts] // _DAYS, v[firsts]
    down = np.flatnonzero((fk[1:] == fk[:-1]) & (fv[1:] < fv[:-1]))
    before, after = firsts[down], firsts[down + 1]
    problems += [
        Problem("cumulative-decrease", f"column {column.header}: {label(i)} goes down from "
                f"{_num(values[j])} on {on(j)} (row {rows[j]}) to {_num(values[i])} on {on(i)}; "
                "the value is cumulative since 1 January: report the total so far, not the amount "
                "of one period", file, int(rows[i]), column.number, severity="warning")
        for i, j in zip(order[after], order[before], strict=True)]
    return repeat, problems


def _ordered(at: np.ndarray, key: np.ndarray) -> np.ndarray:
    """The rows `at` ordered by key (group, then day), keeping file order among equal keys."""
    k = key[at]
    if len(at) < 2 or bool((k[1:] >= k[:-1]).all()):
        return at  # already in order, as files written by indicator and date are
    day = (k % _DAYS).astype(np.uint16)
    group = k // _DAYS
    if group.max() < 1 << 16:  # two stable O(n) radix sorts instead of one O(n log n) sort
        by_day = np.argsort(day, kind="stable")
        return at[by_day[np.argsort(group[by_day].astype(np.uint16), kind="stable")]]
    return at[np.argsort(k, kind="stable")]


def _num(value: float) -> str:
    return f"{value:,.10g}" if abs(value) >= 1e4 else f"{value:.10g}"


# ---------------------------------------------------------------- dates


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


def parse_date(value: object) -> dt.date | str:
    """One cell → a date, or a message saying why it is not one."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool) or value is None:
        return f"cannot read {shown(value)} as a date; write it like {DATE_FORMS}"
    if isinstance(value, int | float):
        return _from_serial(float(value)) if _is_serial(float(value)) else _date_text(
            str(int(value)) if float(value).is_integer() else str(value))
    if isinstance(value, dt.time):
        return f"{shown(value)} is a time of day, not a date; write it like {DATE_FORMS}"
    return _date_text(clean(str(value)))


def _is_serial(number: float) -> bool:
    return math.isfinite(number) and SERIAL_RANGE[0] <= number <= SERIAL_RANGE[1]


def _from_serial(number: float) -> dt.date:
    return _EXCEL_EPOCH + dt.timedelta(days=int(number))


def _date_text(text: str) -> dt.date | str:
    if not text:
        return f"the date is empty; write the date the value holds for, like {DATE_FORMS}"
    if _SERIAL.fullmatch(text) and _is_serial(float(text)):
        return _from_serial(float(text))
    for form in _DAY_FORMS:
        if m := form.fullmatch(text):
            return _day(text, int(m[1]), int(m[3]), int(m[4]))
    for form in _MONTH_FORMS:
        if m := form.fullmatch(text):
            year, month = int(m[1]), int(m[2])
            if not 1 <= month <= 12:
                return f"{shown(text)} has no month {month}; write it like {DATE_FORMS}"
            return dt.date(year, month, calendar.monthrange(year, month)[1])
    return f"cannot read {shown(text)} as a date; write it like {DATE_FORMS}"


def _day(text: str, year: int, month: int, day: int) -> dt.date | str:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return f"{shown(text)} is not a day of the calendar; check the month and day"


# ---------------------------------------------------------------- numbers


class Form(IntEnum):
    """How a number was written, when that limits which indicators it fits."""

    plain = 0
    percent = 1  # 85% → 85: only for rates
    word = 2  # 是/否, 完成: only for events


NUMBER_FORMS = "write digits like 5000, 5,000 or 1.2万"


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
            return f"cannot read {shown(value)} as a number; {NUMBER_FORMS}"
        return number, Form.plain
    if isinstance(value, dt.date | dt.time):
        return f"{shown(value)} is a date, not a number; {NUMBER_FORMS}"
    text = clean(str(value))
    if not text:
        return "the value is empty; enter 0 if nothing was done yet"
    if text.upper() in EXCEL_ERRORS:
        return (f"the cell holds the Excel error {text.upper()}; fix the formula in the workbook "
                "(or type the number) and save or export the file again")
    if text.lower() in _NOT_NUMBERS:
        return f"{shown(text)} is not a number; {NUMBER_FORMS}, or 0 if nothing was done yet"
    if (word := EVENT_WORDS.get(text.lower())) is not None:
        return word, Form.word
    if not (m := _NUMBER.fullmatch(text)):
        return f"cannot read {shown(text)} as a number; {NUMBER_FORMS}"
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
            messages[u] = "the indicator is empty; write an id such as " + (
                indicators[0].id if indicators else "p10.charging_piles")
        elif k == -2:
            ids = ", ".join(indicators[i].id for i in names[key])
            messages[u] = f"{shown(value)} is the name of several indicators ({ids}); write the id"
        else:
            messages[u] = _unknown(str(value), key, indicators, plan.year)
    return found, messages


def _key(text: str) -> str:
    return "".join(clean(text).split())


def _unknown(value: str, key: str, indicators: list[Indicator], year: int) -> str:
    message = f"{shown(value)} is not an indicator of the {year} plan"
    choices = {ind.id: ind for ind in indicators} | {ind.name.zh: ind for ind in indicators}
    # difflib is quadratic in the length: no suggestion for a cell that is no id (a pasted page)
    close = difflib.get_close_matches(key, list(choices), n=1, cutoff=0.6) if len(key) < 100 else []
    if close:
        ind = choices[close[0]]
        return f"{message}; did you mean {ind.id} ({ind.name.zh})?"
    return f"{message}; run `minsheng list` to see the indicator ids"
