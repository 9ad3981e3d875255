"""Property tests (hypothesis): the status engine's invariants, the plan format's round trip, and
that no bytes make the readers raise anything but the tool's own error.

Plans are generated too, so the engine is exercised on every kind, direction and way of combining,
not only on the shapes the 2023 plan happens to use.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from enum import StrEnum
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml
from conftest import small_plan_data
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from minsheng_cli.actuals.rows import COUNTED
from minsheng_cli.engine.evaluate import combine_reports, evaluate
from minsheng_cli.engine.history import history
from minsheng_cli.engine.latest import needed_at
from minsheng_cli.engine.statuses import Status
from minsheng_cli.plan.load import load_plan, parse_plan
from minsheng_cli.plan.model import Plan

# Every example runs the engine a few times (~15 ms each): this profile keeps the whole suite under
# a minute. `HYPOTHESIS_PROFILE=thorough python -m pytest tests/test_properties.py` runs 50× more.
# The profile applies to this module's tests only (other modules keep hypothesis's defaults).
settings.register_profile("minsheng", deadline=None, max_examples=40,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("thorough", parent=settings.get_profile("minsheng"), max_examples=2000)
SETTINGS = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "minsheng"))
# tests that never run the engine can afford more examples
CHEAP = settings(SETTINGS, max_examples=max(SETTINGS.max_examples, 200))
YEAR = 2023
START, END = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 31)
REPORTERS = ["区科工信局", "新塘镇", "荔城街道", "[red]x", "B"]
# Worst to best among the verdicts a reported indicator can get.
RANK = {Status.overdue: 0, Status.at_risk: 1, Status.on_track: 2, Status.done: 3}


# ── strategies ──────────────────────────────────────────────────────────────────────────────────

def dates(lo: dt.date = START, hi: dt.date = END) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=lo, max_value=hi)


# Text as people type it: CJK, Latin, digits, punctuation, spaces — and the odd character YAML
# treats specially (quotes, colons, `#`, `&`, `*`, leading dashes, line separators). Not NEL
# (U+0085): PyYAML's emitter writes it raw inside single quotes, where YAML reads it as a line
# break, so no YAML file written by PyYAML keeps it (minsheng itself never writes YAML).
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("增城区民生实事交通充电桩个项%：，。（）“”　"),
        st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x85"),
        st.sampled_from(list(":#&*!|>'\"%@`-?[]{},\n\t\r\u2028\ufeff ")),
    ),
    min_size=1, max_size=12,
)


# Labels that do not matter to the engine: one draw each, so that plans generate fast.
LABEL = st.sampled_from(["充电桩", "个", "交通", "x"])
DATE = dates()
DUE_DATES = st.sets(DATE, min_size=1, max_size=4)


@st.composite
def checkpoints(draw: st.DrawFn, kind: str, direction: str, text: st.SearchStrategy[str]
                ) -> list[dict[str, Any]]:
    days = [draw(DATE)] if kind == "event" else sorted(draw(DUE_DATES))
    if kind == "event":
        targets = [1.0]
    elif kind == "rate":
        targets = [float(draw(st.integers(0, 100))) for _ in days]
    else:
        steps = [draw(st.integers(0, 300)) for _ in days]
        targets = [float(t) for t in np.cumsum(steps)]
        if direction == "at_most":  # caps need not grow
            targets = [float(t) for t in draw(st.permutations(targets))]
    return [{"due": d, "target": t, "source": draw(text),
             **({"note": draw(text)} if draw(st.booleans()) else {})}
            for d, t in zip(days, targets)]


COMBINES = {"quantity": ["sum", "max", "min", "mean"], "event": ["max", "min", "mean"],
            "rate": ["max", "min", "mean"]}


@st.composite
def indicators(draw: st.DrawFn, project: int, index: int, text: st.SearchStrategy[str]
               ) -> dict[str, Any]:
    kind = draw(st.sampled_from(["quantity", "event", "rate"]))
    direction = draw(st.sampled_from(["at_least", "at_most"])) if kind == "quantity" else "at_least"
    item: dict[str, Any] = {
        "id": f"p{project}.i{index}_{draw(st.sampled_from(['', 'a', 'b_2', 'piles']))}",
        "name": {"zh": draw(text), "en": draw(text)}, "unit": {"zh": draw(text), "en": draw(text)},
        "kind": kind, "direction": direction,
        "checkpoints": draw(checkpoints(kind, direction, text)),
    }
    if draw(st.booleans()):
        item["combine"] = draw(st.sampled_from(COMBINES[kind]))
    if draw(st.booleans()):
        item["overview_target"] = float(draw(st.integers(0, 10**6)))
        item["overview_source"] = draw(text)
    return item


@st.composite
def plans(draw: st.DrawFn, text: st.SearchStrategy[str] = LABEL, max_indicators: int = 4) -> Plan:
    """Valid plans of 1–3 projects; `text` draws every label and quote."""
    numbers = sorted(draw(st.sets(st.integers(1, 10), min_size=1, max_size=3)))
    projects = []
    for k, number in enumerate(numbers):
        count = draw(st.integers(0 if k else 1, max_indicators))  # some project has an indicator
        projects.append({
            "number": number, "name": {"zh": draw(text), "en": draw(text)},
            "leaders": draw(st.lists(text, max_size=2)),
            "lead_units": draw(st.lists(text, min_size=1, max_size=2)),
            "responsible_units": draw(st.lists(text, max_size=2)), "overview": draw(text),
            **({"note": draw(text)} if draw(st.booleans()) else {}),
            "indicators": [draw(indicators(number, i, text)) for i in range(count)],
        })
    return Plan.model_validate({"year": YEAR, "issuer": draw(text), "title": draw(text),
                                "issued": draw(DATE), "projects": projects,
                                **({"source": draw(text)} if draw(st.booleans()) else {})})


def values(decimals: int = 0) -> st.SearchStrategy[float]:
    """Reported amounts: whole numbers, or decimals as offices type them (317.4 km)."""
    return st.integers(0, 6000).map(lambda n: n / 10**decimals)


@st.composite
def report_frames(draw: st.DrawFn, plan: Plan, decimals: int = 0, lo: dt.date = START,
                  hi: dt.date = END) -> pd.DataFrame:
    """Reports of `plan`'s indicators, at most one per indicator, reporter and date (the loader
    refuses conflicting duplicates)."""
    ids = [ind.id for _, ind in plan.indicators()]
    rows = draw(st.lists(st.tuples(st.sampled_from(ids), dates(lo, hi), values(decimals),
                                   st.sampled_from(REPORTERS)), max_size=25,
                         unique_by=lambda r: (r[0], r[1], r[3])))
    return frame(rows)


def frame(rows: list[tuple[str, dt.date, float, str]]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=["indicator", "as_of", "value", "reporter"])
    out["as_of"] = pd.to_datetime(out["as_of"]).astype("datetime64[ns]")
    return out.astype({"value": float, "indicator": object, "reporter": object})


@st.composite
def cases(draw: st.DrawFn, decimals: int = 0) -> tuple[Plan, pd.DataFrame, dt.date]:
    plan = draw(st.one_of(st.just(Plan.model_validate(small_plan_data())), plans()))
    return plan, draw(report_frames(plan, decimals)), draw(dates())


def verdicts(plan: Plan, reports: pd.DataFrame, as_of: dt.date) -> pd.DataFrame:
    return evaluate(plan, reports, as_of).results


def same(left: pd.DataFrame, right: pd.DataFrame, drop: tuple[str, ...] = ()) -> None:
    pd.testing.assert_frame_equal(left.drop(columns=list(drop)), right.drop(columns=list(drop)),
                                  check_exact=False, rtol=1e-12, atol=1e-9)


# ── the status engine ───────────────────────────────────────────────────────────────────────────

@SETTINGS
@given(cases(decimals=1), st.data())
def test_raising_an_actual_never_worsens_a_status(case: tuple, data: st.DataObject) -> None:
    plan, reports, as_of = case
    assume(not reports.empty)
    i = data.draw(st.integers(0, len(reports) - 1), label="row")
    more = data.draw(st.integers(1, 3000), label="raise by") / 10
    better = reports.copy()
    _, ind = plan.indicator(reports.at[i, "indicator"])  # type: ignore[misc]
    # "Better" is more for an at_least indicator and less (not below zero) for an at_most one.
    if ind.direction.value == "at_most":
        better.at[i, "value"] = max(0.0, reports.at[i, "value"] - more)
    else:
        better.at[i, "value"] = reports.at[i, "value"] + more
    before = verdicts(plan, reports, as_of).set_index("indicator")["status"]
    after = verdicts(plan, better, as_of).set_index("indicator")["status"]
    for indicator in before.index:
        old, new = Status(before[indicator]), Status(after[indicator])
        if old in RANK:
            assert RANK[new] >= RANK[old], (indicator, old, new)
        else:
            assert new == old  # unreported stays unreported


@SETTINGS
@given(cases(decimals=1), st.randoms(use_true_random=False))
def test_the_order_of_rows_changes_nothing(case: tuple, random: Any) -> None:
    plan, reports, as_of = case
    order = list(range(len(reports)))
    random.shuffle(order)
    shuffled = reports.iloc[order].reset_index(drop=True)
    same(verdicts(plan, reports, as_of), verdicts(plan, shuffled, as_of))
    same(history(plan, reports, as_of).sort_values(["indicator", "as_of"]).reset_index(drop=True),
         history(plan, shuffled, as_of).sort_values(["indicator", "as_of"]).reset_index(drop=True))


@SETTINGS
@given(cases(), st.data())
def test_splitting_a_reporters_amount_between_two_reporters_changes_nothing_when_summed(
        case: tuple, data: st.DataObject) -> None:
    plan, reports, as_of = case
    summed = [ind.id for _, ind in plan.indicators() if ind.combine and ind.combine.value == "sum"]
    assume(summed)
    indicator = data.draw(st.sampled_from(summed), label="indicator")
    reporter = data.draw(st.sampled_from(REPORTERS), label="reporter")
    own = data.draw(st.lists(st.tuples(st.just(indicator), dates(), values(), st.just(reporter)),
                             min_size=1, max_size=4), label="its reports")
    reports = pd.concat([reports, frame(own)], ignore_index=True).drop_duplicates(
        ["indicator", "as_of", "reporter"], ignore_index=True)
    rows = (reports["indicator"] == indicator) & (reports["reporter"] == reporter)
    # whole numbers, so that the two shares add up exactly
    shares = [float(data.draw(st.integers(0, int(v)), label="share"))
              for v in reports.loc[rows, "value"]]
    split = reports.copy()
    split.loc[rows, "value"] = reports.loc[rows, "value"] - shares
    other = reports[rows].assign(value=shares, reporter=f"{reporter}（分）")
    split = pd.concat([split, other], ignore_index=True)
    same(verdicts(plan, reports, as_of), verdicts(plan, split, as_of), drop=("reporters",))
    same(history(plan, reports, as_of), history(plan, split, as_of))


@SETTINGS
@given(cases(decimals=1), st.data())
def test_reports_after_the_as_of_date_change_nothing(case: tuple, data: st.DataObject) -> None:
    plan, reports, as_of = case
    assume(as_of < END)
    later = data.draw(report_frames(plan, 1, lo=as_of + dt.timedelta(days=1)), label="later")
    more = pd.concat([reports, later], ignore_index=True).drop_duplicates(
        ["indicator", "as_of", "reporter"])
    same(verdicts(plan, reports, as_of), verdicts(plan, more, as_of))
    same(history(plan, reports, as_of), history(plan, more, as_of))


@SETTINGS
@given(cases(decimals=1), st.lists(dates(), min_size=1, max_size=4))
def test_the_rows_needed_at_some_dates_give_the_same_verdicts_there(case: tuple,
                                                                    days: list[dt.date]) -> None:
    plan, reports, _ = case
    needed = needed_at(plan, reports, days)
    assert len(needed) <= len(reports)
    for day in days:
        full, few = evaluate(plan, reports, day), evaluate(plan, needed, day)
        same(full.results, few.results)
        assert [w.message for w in full.warnings] == [w.message for w in few.warnings]


@SETTINGS
@given(cases(decimals=1))
def test_before_the_first_due_date_nothing_is_overdue(case: tuple) -> None:
    plan, reports, as_of = case
    results = verdicts(plan, reports, as_of).set_index("indicator")
    for _, ind in plan.indicators():
        if as_of < ind.checkpoints[0].due:
            assert results.at[ind.id, "status"] not in {Status.overdue, Status.no_report}, ind.id


@SETTINGS
@given(cases(decimals=1))
def test_one_row_per_indicator_in_plan_order_with_a_known_status(case: tuple) -> None:
    plan, reports, as_of = case
    results = verdicts(plan, reports, as_of)
    assert results["indicator"].tolist() == [ind.id for _, ind in plan.indicators()]
    assert set(results["status"]) <= {s.value for s in Status}
    reported = set(reports.loc[reports["as_of"] <= pd.Timestamp(as_of), "indicator"])
    for ind, status in zip(results["indicator"], results["status"]):
        assert (status in {Status.no_report, Status.not_due}) == (ind not in reported)


@SETTINGS
@given(cases(decimals=1), st.booleans())
def test_history_ends_at_the_combined_actual(case: tuple, unnamed: bool) -> None:
    plan, reports, as_of = case
    if unnamed:  # a frame built by hand may leave the reporter out (None): one more reporter
        reporter = reports["reporter"]
        reports = reports.assign(reporter=reporter.where(reporter != "B", None))
    combined = combine_reports(plan, reports, as_of).set_index("indicator")["actual"]
    last = history(plan, reports, as_of).groupby("indicator")["actual"].last()
    assert set(last.index) == set(combined.index)
    for indicator, value in combined.items():
        assert last[indicator] == pytest.approx(value)


@SETTINGS
@given(cases(decimals=1), st.sampled_from(["str", "category"]))
def test_text_columns_as_strings_or_categories_give_the_same_verdicts(case: tuple, dtype: str
                                                                     ) -> None:
    # The loader may hand over ids and reporters as pandas strings or as categories (ten times
    # faster to group); the engine must not care.
    plan, reports, as_of = case
    typed = reports.astype({"indicator": dtype, "reporter": dtype})
    same(verdicts(plan, reports, as_of), verdicts(plan, typed, as_of))
    same(history(plan, reports, as_of), history(plan, typed, as_of))


# ── the plan format ─────────────────────────────────────────────────────────────────────────────

class _Dumper(yaml.SafeDumper):
    """PyYAML's safe dumper, writing enum members (Kind.event) as their values."""


_Dumper.add_multi_representer(StrEnum, lambda dumper, v: dumper.represent_str(v.value))


@settings(SETTINGS, suppress_health_check=list(HealthCheck))
@given(plans(TEXT, max_indicators=3), st.sampled_from(["python", "json"]))
def test_plan_model_to_yaml_and_back_is_the_same_plan(plan: Plan, mode: str) -> None:
    # mode python writes dates as YAML dates (due: 2023-06-30), json as quoted strings
    text = yaml.dump(plan.model_dump(mode=mode, exclude_none=True), Dumper=_Dumper,
                     allow_unicode=True, sort_keys=False)
    again, problems = parse_plan(text, "plan.yaml")
    assert problems == [] and again == plan, problems


@CHEAP
@given(st.binary(max_size=2000))
def test_random_bytes_are_never_a_crash_of_the_plan_reader(tmp_path_factory: Any, raw: bytes) -> None:
    path = tmp_path_factory.mktemp("plan") / "plan.yaml"
    path.write_bytes(raw)
    from minsheng_cli.plan.load import validate_file

    plan, problems = validate_file(path)
    assert plan is None or not [p for p in problems if p.severity == "error"]
    assert path.read_bytes() == raw


# ── the actuals reader and the CLI ──────────────────────────────────────────────────────────────

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SAMPLES = ["2023-09-towns.csv", "2023-09-excel-export-gbk.csv", "2023-09-towns.xlsx"]


def _read(path: Path) -> Any:
    from minsheng_cli.actuals import load_actuals
    from minsheng_cli.problems import ProblemsError

    try:
        return load_actuals(path, plan_2023())
    except ProblemsError as exc:
        assert exc.problems and all(p.file == str(path) for p in exc.problems)
        return None


@functools.cache
def plan_2023() -> Plan:
    """The embedded 2023 plan, loaded once."""
    return load_plan()


@CHEAP
@given(st.binary(max_size=3000), st.sampled_from([".csv", ".xlsx", ".txt", ".xls", ""]))
def test_random_bytes_into_the_actuals_reader_raise_only_its_own_error(
        tmp_path_factory: Any, raw: bytes, suffix: str) -> None:
    path = tmp_path_factory.mktemp("actuals") / f"reports{suffix}"
    path.write_bytes(raw)
    data = _read(path)
    if data is not None:
        assert list(data.frame.columns) == ["indicator", "as_of", "value", "reporter", "note", "row"]
        assert data.frame["value"].notna().all() and (data.frame["value"] >= 0).all()
    assert path.read_bytes() == raw


@CHEAP
@given(st.sampled_from(SAMPLES), st.data())
def test_damaged_real_files_raise_only_the_tools_own_error(
        tmp_path_factory: Any, name: str, data: st.DataObject) -> None:
    raw = bytearray((EXAMPLES / name).read_bytes())
    # overwrite a few bytes, then perhaps cut the file short: what a bad disk or a broken
    # download does
    for _ in range(data.draw(st.integers(0, 4), label="edits")):
        raw[data.draw(st.integers(0, len(raw) - 1))] = data.draw(st.integers(0, 255))
    raw = raw[: data.draw(st.integers(0, len(raw)), label="length")]
    path = tmp_path_factory.mktemp("damaged") / name
    path.write_bytes(bytes(raw))
    _read(path)
    assert path.read_bytes() == raw


def _date_cell(day: dt.date, form: int) -> str:
    return [day.isoformat(), f"{day.year}/{day.month}/{day.day}",
            f"{day.year}年{day.month}月{day.day}日", str((day - dt.date(1899, 12, 30)).days)][form]


def _number_cell(value: float, form: int) -> str:
    whole = f"{value:.0f}" if float(value).is_integer() else f"{value}"
    return [whole, f'"{value:,.1f}"', whole.translate(str.maketrans("0123456789.", "０１２３４５６７８９．")),
            f"  {whole}\u3000"][form]


@st.composite
def report_files(draw: st.DrawFn) -> tuple[pd.DataFrame, str, dt.date]:
    """Reports of the 2023 plan as a frame, the same as a messy CSV, and an as-of date."""
    plan = plan_2023()
    indicators = {ind.id: ind for _, ind in plan.indicators()}
    keys = draw(st.lists(st.tuples(st.sampled_from(sorted(indicators)), dates(),
                                   st.sampled_from(REPORTERS[:3])),
                         min_size=1, max_size=12, unique=True))
    rows, lines = [], ["指标编号,截至日期,累计完成,填报单位,备注"]
    for indicator, day, reporter in keys:
        ind = indicators[indicator]
        top = {"event": 1, "rate": 100}.get(ind.kind.value, int(ind.final.target * 2) + 1)
        # tenths where the unit is a measure (公里); a count (个, 人) takes whole numbers only
        tenths = ind.kind.value == "quantity" and top > 10 and ind.unit.zh not in COUNTED
        value = draw(st.integers(0, top)) / (10 if tenths else 1)
        rows.append((indicator, day, value, reporter))
        cell = draw(st.sampled_from([indicator, f" {indicator} ", indicator.upper()]))
        lines.append(f"{cell},{_date_cell(day, draw(st.integers(0, 3)))},"
                     f"{_number_cell(value, draw(st.integers(0, 3)))},{reporter},")
    as_of = draw(dates(min(k[1] for k in keys)))
    return frame(rows), "\r\n".join(lines) + "\r\n", as_of


@SETTINGS
@given(report_files(), st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_the_cli_json_equals_the_librarys_result(tmp_path_factory: Any, case: tuple,
                                                 encoding: str) -> None:
    import json

    from typer.testing import CliRunner

    from minsheng_cli.cli import app
    from minsheng_cli.outputs.records import check_records as records

    reports, text, as_of = case
    path = tmp_path_factory.mktemp("cli") / "reports.csv"
    path.write_bytes(text.replace("[red]x", "区红").encode(encoding))
    reports = reports.replace({"reporter": {"[red]x": "区红"}})
    result = CliRunner().invoke(app, ["check", str(path), "--as-of", as_of.isoformat(),
                                      "--format", "json", "--fail-on", "never"])
    assert result.exit_code == 0, result.stderr
    # the same verdicts; `sources` name the file only on the CLI's side (the library got a frame)
    cli = [{k: v for k, v in r.items() if k != "sources"} for r in json.loads(result.stdout)]
    lib = [{k: v for k, v in r.items() if k != "sources"}
           for r in records(evaluate(plan_2023(), reports, as_of))]
    assert cli == lib
