"""The rows of an actuals table → checked reports: every cell parsed (cells.py), every bad one
located, then the checks that relate rows: conflicting and decreasing reports. No I/O."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

import numpy as np
import pandas as pd

from ..i18n import Join, say
from ..plan.model import Indicator, Kind, Plan
from ..problems import Problem, ProblemsError, errors
from ..text import JUNK, clean, is_blank, shown
from .cells import Form, match_indicators, parse_dates, parse_numbers
from .relations import Message, relations
from .relations import shown_number as _num
from .table import Column, Table

TOO_LARGE = 1e9
TARGET_FACTOR = 1000  # a value above this many times the year's target is a typo
FRACTION_TARGET = 50  # a rate of 1 or less against a target this high: likely 0.96 for 96%

_KINDS = {Kind.quantity: 0, Kind.event: 1, Kind.rate: 2}
# units of things counted one by one: a report of 5.5 类 or 1.680 个 (1,680 with a point for its
# comma?) is refused, not read as written. Units of measure (公里, 万元, 个月 …) take fractions.
COUNTED = frozenset("个 人 名 户 家 所 场 次 人次 部 台 套 处 项 类 批 批次 级 宗 座 间 张 辆 根 条 栋 "
                    "份 本 册 件 支 队 棵 株 盏 口 只 头 对 幅 期 班 场次 起 例".split())
WHOLE_SLACK = 1e-6  # a formula's 299.99999999999994 is whole


SUSPECT_BLOCK = 1 << 16  # rows _suspect looks at at once
PER_CODE = 200  # located problems of one kind in one column shown one by one; the rest counted


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
        shown, rest = at[:PER_CODE], len(at) - PER_CODE
        self.problems += [
            Problem(code, say("at.column", column=column.header, message=message(int(i))),
                    self.table.file,
                    int(self.table.rows[i]), column.number) for i in shown]
        if rest > 0:  # a million bad rows make one more line, not a million
            last = int(self.table.rows[at[-1]])
            self.problems.append(Problem(
                code, say("at.column", column=column.header,
                          message=say("and-more", rest=rest, last=last)), self.table.file,
                int(self.table.rows[at[PER_CODE]]), column.number))

    def once(self, mask: np.ndarray, codes: np.ndarray, column: Column, code: str,
             message: Message) -> None:
        """One problem for each distinct value of `codes` at the rows of `mask`, at its first
        row, naming the others: a misspelt unit down a whole column is one mistake, said once."""
        at = np.flatnonzero(mask)
        self.bad[at] = True
        values, first = np.unique(codes[at], return_index=True)
        order = np.argsort(first)
        if len(order) > PER_CODE:  # past 200 names, one more line for the rest
            rest = at[np.isin(codes[at], values[order[PER_CODE:]])]
            self.problems.append(Problem(code, say("at.column", column=column.header, message=say(
                "and-more", rest=len(rest), last=int(self.table.rows[rest[-1]]))),
                self.table.file, int(self.table.rows[rest[0]]), column.number))
        for k in order[:PER_CODE]:
            rows = self.table.rows[at[codes[at] == values[k]]]
            text = message(int(values[k]))
            if len(rows) > 1:
                listed = [str(int(r)) for r in rows[:10]] + (["…"] if len(rows) > 10 else [])
                text = say("rows.also", message=text, n=len(rows),
                           rows=Join(("、", ", "), listed))
            self.problems.append(Problem(code, say("at.column", column=column.header,
                                                   message=text), self.table.file,
                                         int(rows[0]), column.number))

    def uniques(self, column: Column, messages: Mapping[int, str], code: str,
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
        raise ProblemsError([Problem("empty-file", say("file.no-reports"), table.file)])
    found = _Found(table)
    indicators = [ind for _, ind in plan.indicators()]
    column = table.columns["indicator"]
    by_unique, messages = match_indicators(column.uniques, plan)
    found.uniques(column, messages, "unknown-indicator", keep)
    ind = by_unique.astype(np.int32)[column.codes]  # per-row codes at 4 bytes, days at 2

    column = table.columns["as_of"]
    dates, messages = parse_dates(column.uniques)
    found.uniques(column, messages, "bad-date", keep)
    outside = {k: say("date.outside-year", date=d, year=plan.year)
               for k, d in enumerate(dates.tolist()) if d is not None and d.year != plan.year}
    found.uniques(column, outside, "date-outside-plan-year", keep)
    dates[list(outside)] = np.datetime64("NaT")  # reported; and a year like 2999 overflows [ns]
    ordinal = (dates - np.datetime64(plan.start, "D")).astype(np.int64)
    ordinal[np.isnat(dates)] = 0
    day = ordinal.astype(np.int16)[column.codes]  # 0..365: the plan year's dates only
    as_of = dates.astype("datetime64[ns]")[column.codes]

    values = _check_values(table.columns["value"], ind, indicators, found, keep)
    reporter, reporters = _texts(table.columns.get("reporter"), len(keep), normalize=True)
    if table.columns.get("reporter") is not None:
        reporter, reporters = _canonical_reporters(reporter, reporters, plan, found, keep)
    note, notes = _texts(table.columns.get("note"), len(keep), normalize=False)

    def label(i: int) -> str:
        return say("report.label", id=indicators[ind[i]].id,
                   reporter=reporters[reporter[i]] or say("reporter.unnamed"))

    group = ind.astype(np.int64) * len(reporters) + reporter
    rising = np.array([i.kind is not Kind.rate for i in indicators] + [True])[ind]
    repeat, problems = relations(table, keep & ~found.bad, group, day, values, label, plan.start,
                                 None if rising.all() else rising)
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
        return np.zeros(n, dtype=np.int32), np.array([""], dtype=object)
    tidy: Callable[[str], str] = clean if normalize else (lambda s: s.strip(JUNK))
    texts = ["" if is_blank(u) else tidy(str(u)) for u in column.uniques]
    codes, distinct = pd.factorize(np.array(texts, dtype=object))
    return codes.astype(np.int32)[column.codes], np.asarray(distinct, dtype=object)


def _canonical_reporters(codes: np.ndarray, names: np.ndarray, plan: Plan, found: _Found,
                         keep: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """With a registry of units, every reporter as its unit's canonical name (新塘镇人民政府 and
    新塘镇 are one reporter); a name that is no unit is `unknown-reporter` at each of its rows."""
    from ..plan.units import registry

    reg = registry(plan)
    if not reg:
        return codes, names
    canonical = [reg.resolve(str(n)) if n else "" for n in names]
    messages = {k: _unknown_unit(str(names[k]), reg.suggest(str(names[k])))
                for k, c in enumerate(canonical) if c is None}
    if messages:
        column = found.table.columns["reporter"]
        wrong = np.zeros(len(names), dtype=bool)
        wrong[list(messages)] = True
        found.once(wrong[codes] & keep, codes, column, "unknown-reporter",
                   lambda k: messages[k])
    new_codes, merged = pd.factorize(np.array([c or "" for c in canonical], dtype=object))
    return new_codes.astype(np.int32)[codes], np.asarray(merged, dtype=object)


def _unknown_unit(name: str, near: list[str]) -> str:
    if near:
        return say("reporter.unknown-near", value=shown(name), near=" / ".join(near))
    return say("reporter.unknown", value=shown(name))


def _check_values(column: Column, ind: np.ndarray, indicators: list[Indicator], found: _Found,
                  keep: np.ndarray) -> np.ndarray:
    """Per-row values; reports bad-number, negative-value and value-too-large."""
    kinds = np.array([_KINDS[i.kind] for i in indicators] + [-1])  # ind -1 (unknown) → the last
    targets = np.array([i.final.target for i in indicators] + [0.0])
    counted = np.array([i.kind is Kind.quantity and i.unit.zh.strip() in COUNTED
                        for i in indicators] + [False])
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
    if not _suspect(values, forms, read, kinds, targets, counted, ind).any():
        return values  # the common case: one pass over the rows, not one per check below
    kind, target = kinds[ind], targets[ind]

    def text(i: int) -> str:
        return shown(column.uniques[column.codes[i]])

    def unit(i: int) -> str:
        return say("number.counted-in", id=indicators[ind[i]].id, unit=indicators[ind[i]].unit.zh)

    def number(i: int) -> str:
        return _num(values[i])

    rate, event = _KINDS[Kind.rate], _KINDS[Kind.event]
    percent = read & (forms == Form.percent) & (kind >= 0) & (kind != rate)
    found.rows(percent, column, "bad-number",
               lambda i: say("number.percent", value=text(i), counted=unit(i)))
    word = read & (forms == Form.word) & (kind >= 0) & (kind != event)
    found.rows(word, column, "bad-number",
               lambda i: say("number.word", value=text(i), counted=unit(i)))
    read &= ~(percent | word)
    negative = read & (values < 0)
    found.rows(negative, column, "negative-value",
               lambda i: say("number.negative", value=number(i)))
    read &= ~negative
    check = say("number.check")
    found.rows(read & (values > TOO_LARGE), column, "value-too-large",
               lambda i: say("number.absurd", value=number(i), limit=f"{TOO_LARGE:,.0f}",
                             check=check))
    read &= values <= TOO_LARGE
    over = read & (target > 0) & (values > TARGET_FACTOR * target)
    found.rows(over, column, "value-too-large",
               lambda i: say("number.over-target", value=number(i), factor=TARGET_FACTOR,
                             id=indicators[ind[i]].id, target=_num(target[i]),
                             unit=indicators[ind[i]].unit.zh, check=check))
    read &= ~over  # one message a cell
    # an action is done or not: 2 would read as done (and 0.5 as under way) with no word said
    found.rows(read & (kind == event) & (values != 0) & (values != 1), column, "bad-number",
               lambda i: say("number.event-0-1", value=number(i), id=indicators[ind[i]].id))
    found.rows(read & counted[ind] & _fraction(values), column, "bad-number",
               lambda i: _not_whole(column, i, values[i], indicators[ind[i]]))
    found.rows(read & (kind == rate) & (values > 100), column, "value-too-large",
               lambda i: say("number.rate-over-100", value=number(i), id=indicators[ind[i]].id))
    # 0.96 against a target of 100%: most likely a fraction typed for a percentage. It is read as
    # written (0.96 percent) and the row still counts; the warning says how to write it.
    fraction = (read & (kind == rate) & (forms != Form.percent) & (values > 0) & (values <= 1)
                & (target >= FRACTION_TARGET))
    found.problems += [Problem(
        "rate-as-fraction", say("at.column", column=column.header, message=say(
            "number.rate-fraction", value=number(i), id=indicators[ind[i]].id,
            target=_num(target[i]), percent=_num(values[i] * 100))),
        found.table.file, int(found.table.rows[i]), column.number, severity="warning")
        for i in np.flatnonzero(fraction)[:PER_CODE]]
    return values


def _suspect(values: np.ndarray, forms: np.ndarray, read: np.ndarray, kinds: np.ndarray,
             targets: np.ndarray, counted: np.ndarray, ind: np.ndarray) -> np.ndarray:
    """The rows any check of _check_values could refuse or warn about (a superset): a value
    below 0 or above the lowest limit of its indicator, a rate's fraction, a % or a word, an
    action's value other than 1 or 0, a count's fraction."""
    rate = kinds == _KINDS[Kind.rate]
    limit = np.minimum(np.where(targets > 0, TARGET_FACTOR * targets, TOO_LARGE), TOO_LARGE)
    limit = np.where(rate, np.minimum(limit, 100.0), limit)
    small = np.where(rate & (targets >= FRACTION_TARGET), 1.0, 0.0)  # 0 < value <= 1 is suspect
    event = kinds == _KINDS[Kind.event]
    suspect = np.empty(len(values), dtype=bool)
    # a block of rows at a time: the temporaries stay in the cache, and no fresh memory is
    # faulted in for each (at 10,000,000 rows, 0.38 s as whole columns, 0.06 s so)
    for a in range(0, len(values), SUSPECT_BLOCK):
        v, i = values[a:a + SUSPECT_BLOCK], ind[a:a + SUSPECT_BLOCK]
        part = (v < 0) | (v > limit[i])
        if small.any():
            part |= (v > 0) & (v <= small[i])
        if event.any():  # an action's value other than 1 or 0
            part |= event[i] & (v != 0) & (v != 1)
        if counted.any():  # 5.5 类
            part |= counted[i] & _fraction(v)
        suspect[a:a + SUSPECT_BLOCK] = part
    if forms.any():  # forms other than plain: a percent or a word somewhere
        suspect |= forms != Form.plain
    result: np.ndarray = suspect & read
    return result


THOUSANDS = re.compile(r"[+-]?\d{1,3}(\.\d{3})+")  # 1.680, 12.345.678: a point for a comma?


def _not_whole(column: Column, i: int, value: float, indicator: Indicator) -> str:
    """A count's fraction, as the cell shows it (1.680, not 1.68) when it came as text."""
    cell = column.uniques[column.codes[i]] if column.codes[i] >= 0 else None
    shown_as = shown(cell) if isinstance(cell, str) else _num(value)
    hint = ("number.whole-thousands" if isinstance(cell, str)
            and THOUSANDS.fullmatch(cell.strip()) else "number.whole-formula")
    return say("number.whole", value=shown_as, id=indicator.id, unit=indicator.unit.zh,
               hint=say(hint))


def _fraction(values: np.ndarray) -> np.ndarray:
    """Values that are not whole numbers (NaN is not)."""
    with np.errstate(invalid="ignore"):  # inf (refused as too large already) is no fraction
        result: np.ndarray = np.abs(values - np.rint(values)) > WHOLE_SLACK
    return result
