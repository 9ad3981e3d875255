"""Malformed and messy actuals files, run through `minsheng check` exactly as a user would.

- tests/bad_inputs/actuals/: each file must be refused with exit 2, one located line per problem on
  stderr, nothing on stdout, no traceback, and the file left byte-identical. The name says what is
  expected: `<code>__<what is wrong>[__row<N> | __rows<N>_<N>…].<ext>` (see tests/README.md).
- tests/bad_inputs/actuals_ok/: messy files a user would expect to just work. Each must be accepted
  (exit 0 or 1, never 2) and give the reports in its `<file>.expected.csv`.
- Files too big to commit (10 MB on a single line) are generated here into tmp_path.
- Every broken plan of tests/bad_inputs/plans/ also makes `check --plan` exit 2.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from conftest import without_count
from typer.testing import CliRunner

from minsheng_cli.actuals import load_actuals
from minsheng_cli.cli import app
from minsheng_cli.engine.evaluate import evaluate
from minsheng_cli.outputs.records import check_records as records
from minsheng_cli.plan.load import load_plan
from minsheng_cli.plan.model import Plan
from minsheng_cli.problems import CATALOG, ProblemsError

CORPUS = Path(__file__).parent / "bad_inputs"
BAD = sorted(p for p in (CORPUS / "actuals").iterdir() if p.is_file())
OK = sorted(p for p in (CORPUS / "actuals_ok").iterdir()
            if p.is_file() and not p.name.endswith(".expected.csv"))
PLANS = sorted((CORPUS / "plans").glob("*.yaml"))
GOOD_ACTUALS = CORPUS.parent.parent / "examples" / "2023-06-lead-units.csv"
_ROWS = re.compile(r"rows?(\d+(?:_\d+)*)")
runner = CliRunner()

# Cases that fail because of a bug reported to the owner of the code; strict, so that the fix
# shows up as an unexpected pass and the entry is removed.
KNOWN_BUGS: dict[str, str] = {}


def known_bugs(cases: list[Path]) -> list[object]:
    return [pytest.param(c, marks=pytest.mark.xfail(reason=KNOWN_BUGS[c.name], strict=True,
                                                    raises=AssertionError))
            if c.name in KNOWN_BUGS else c for c in cases]


@pytest.fixture(scope="module")
def plan() -> Plan:
    return load_plan()


def expected(case: Path) -> tuple[str, list[int] | None, str | None]:
    """The problem code (the name's prefix), the rows it is expected on (None: the file) and
    the sheet its messages must name (`__sheet<name>`, for workbooks of several sheets)."""
    parts = case.name.rsplit(".", 1)[0].split("__")
    m = _ROWS.fullmatch(parts[-1]) if len(parts) > 2 else None
    sheet = next((p.removeprefix("sheet") for p in parts[2:] if p.startswith("sheet")), None)
    return parts[0], (sorted(int(n) for n in m[1].split("_")) if m else None), sheet


def stderr_lines(output: str, path: Path) -> list[dict[str, object]]:
    """Each stderr line parsed as `file[:line[:column]]: [warning: ]message [code]` (in Chinese,
    `警告：` and the row and column in words, `第2行第3列（C2） `, come before the message)."""
    lines = without_count([ln for ln in output.splitlines() if ln.strip()])
    parsed = []
    pattern = re.compile(re.escape(str(path)) + r"(?::(?P<line>\d+)(?::(?P<column>[^:\s]+))?)?: "
                         r"(?P<warning>warning: |警告：)?(?:第\d+行(?:第\d+列(?:（[A-Z]+\d+）)?)? )?(?P<message>.+) "
                         r"\[(?P<code>[a-z-]+)\]")
    for line in lines:
        m = pattern.fullmatch(line)
        assert m, f"not one located problem per line: {line!r}"
        assert m["code"] in CATALOG, line
        parsed.append({"line": int(m["line"]) if m["line"] else None, "column": m["column"],
                       "code": m["code"], "warning": bool(m["warning"]), "text": line,
                       "message": m["message"]})
    return parsed


def snapshot(path: Path) -> tuple[bytes, int, list[str]]:
    """What must not change: the bytes, the modification time, the folder's file names."""
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(path.parent))


def check(args: list[str]) -> object:
    result = runner.invoke(app, ["check", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result


def assert_refused(path: Path, plan: Plan, code: str, rows: list[int] | None,
                   sheet: str | None = None) -> None:
    before = snapshot(path)
    result = check([str(path), "--format", "json"])
    assert result.exit_code == 2, result.stdout[:300] + result.stderr  # type: ignore[attr-defined]
    assert result.stdout == ""  # type: ignore[attr-defined]
    lines = stderr_lines(result.stderr, path)  # type: ignore[attr-defined]
    assert len({ln["text"] for ln in lines}) == len(lines), "a problem is reported twice"
    hits = [ln for ln in lines if ln["code"] == code and not ln["warning"]]
    assert hits, [ln["text"] for ln in lines]
    if rows is None:
        assert [ln["line"] for ln in hits] == [None], hits
    else:
        assert sorted(ln["line"] for ln in hits) == rows, [ln["text"] for ln in hits]  # type: ignore
    if sheet is not None:
        assert all(str(ln["message"]).startswith((f"sheet {sheet}: ", f"工作表 {sheet}："))
                   for ln in hits), hits
    if path.stat().st_size < 1_000_000:  # (reading a 10 MB case twice only costs time)
        # the CLI prints exactly the problems the library finds: one line each
        with pytest.raises(ProblemsError) as caught:
            load_actuals(path, plan)
        assert len(caught.value.problems) == len(lines)
    assert snapshot(path) == before


# ---------------------------------------------------------------- the committed corpus


def test_the_corpus_has_every_kind_of_case() -> None:
    assert len(BAD) + len(PLANS) >= 40 and len(BAD) >= 30 and len(OK) >= 10
    assert {expected(c)[0] for c in BAD} <= set(CATALOG)
    for case in OK:
        assert case.with_name(case.name + ".expected.csv").exists(), case.name
    kinds = {c.suffix for c in BAD}
    assert {".csv", ".xlsx", ".parquet"} <= kinds


@pytest.mark.parametrize("case", known_bugs(BAD), ids=lambda p: p.name)
def test_bad_actuals_are_refused_with_one_located_line_per_problem(case: Path, plan: Plan) -> None:
    assert_refused(case, plan, *expected(case))


def _reports(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame[["indicator", "as_of", "value", "reporter"]].reset_index(drop=True)
    return out.astype({"indicator": object, "reporter": object, "value": float,
                       "as_of": "datetime64[ns]"})


@pytest.mark.parametrize("case", known_bugs(OK), ids=lambda p: p.name)
def test_messy_actuals_that_should_just_work_do(case: Path, plan: Plan) -> None:
    warning = case.name.split("__")[0]
    before = snapshot(case)
    want = pd.read_csv(case.with_name(case.name + ".expected.csv"), dtype={"reporter": str},
                       keep_default_na=False, parse_dates=["as_of"])
    result = check([str(case), "--format", "json"])
    assert result.exit_code in (0, 1), result.stderr  # type: ignore[attr-defined]
    lines = stderr_lines(result.stderr, case)  # type: ignore[attr-defined]
    assert all(ln["warning"] for ln in lines)
    assert {ln["code"] for ln in lines} == (set() if warning == "ok" else {warning})
    data = load_actuals(case, plan)
    pd.testing.assert_frame_equal(_reports(data.frame), _reports(want))
    # the verdicts are those of the clean file: the mess changed nothing
    as_of = want["as_of"].max().date()
    clean = records(evaluate(plan, _reports(want), as_of))

    def verdicts(rows: list[dict[str, object]]) -> list[dict[str, object]]:
        # the clean frame has no file or row: compare the sources by unit, date and value
        return [{**r, "sources": [{k: s[k] for k in ("unit", "as_of", "value")}  # type: ignore[index]
                                  for s in r["sources"]]} for r in rows]  # type: ignore[union-attr]

    assert verdicts(json.loads(result.stdout)) == verdicts(clean)  # type: ignore[attr-defined]
    assert snapshot(case) == before


@pytest.mark.parametrize("case", PLANS, ids=lambda p: p.stem)
def test_check_refuses_every_broken_plan_with_exit_2(case: Path) -> None:
    code = case.name.split("__")[0]
    before = snapshot(case)
    result = check([str(GOOD_ACTUALS), "--plan", str(case)])
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert result.stdout == ""  # type: ignore[attr-defined]
    lines = stderr_lines(result.stderr, case)  # type: ignore[attr-defined]
    assert code in {ln["code"] for ln in lines}
    assert snapshot(case) == before


# ---------------------------------------------------------------- 10 MB on one line

TEN_MB = 10_000_000
HEAD = "指标编号,截至日期,累计完成,填报单位,备注\n"


def _row(indicator: str = "p10.charging_piles", value: str = "185", note: str = "") -> str:
    return f"{indicator},2023-06-30,{value},区科工信局,{note}\n"


# name → (content, expected code or "accepted", rows)
HUGE_ACTUALS: dict[str, tuple[Callable[[], str], str, list[int] | None]] = {
    "value-too-large__ten_megabyte_number": (lambda: HEAD + _row(value="9" * TEN_MB),
                                             "value-too-large", [2]),
    "unknown-indicator__ten_megabyte_id": (lambda: HEAD + _row(indicator="p10." + "a" * TEN_MB),
                                           "unknown-indicator", [2]),
    # a header row of ten megabytes: longer than the 64 KiB searched for the header
    "limit-exceeded__every_record_on_one_ten_megabyte_line": (
        lambda: HEAD.strip() + "," + _row().strip() * (TEN_MB // 50), "limit-exceeded", [1]),
    # one problem per required column, on the (only) row that could be the header
    "missing-column__ten_megabytes_of_garbage": (lambda: "x" * TEN_MB, "missing-column", [1, 1, 1]),
    "accepted__ten_megabyte_note": (lambda: HEAD + _row(note="备" * (TEN_MB // 3)), "accepted", None),
}


@pytest.mark.parametrize("name", [
    pytest.param(n, marks=pytest.mark.xfail(reason=KNOWN_BUGS[n], strict=True,
                                           raises=AssertionError))
    if n in KNOWN_BUGS else n for n in HUGE_ACTUALS])
def test_ten_megabyte_single_lines_of_actuals(tmp_path: Path, plan: Plan, name: str) -> None:
    make, code, rows = HUGE_ACTUALS[name]
    path = tmp_path / f"{name}.csv"
    path.write_text(make(), encoding="utf-8")
    if code != "accepted":
        assert_refused(path, plan, code, rows)
        return
    before = snapshot(path)
    result = check([str(path), "--format", "json"])
    assert result.exit_code in (0, 1), result.stderr  # type: ignore[attr-defined]
    assert load_actuals(path, plan).frame["note"].str.len().max() == TEN_MB // 3
    assert snapshot(path) == before


HUGE_PLANS: dict[str, tuple[Callable[[], str], str, int | None]] = {
    "a_ten_megabyte_scalar": (lambda: "x" * TEN_MB, "yaml-not-mapping", 1),
    "ten_million_brackets": (lambda: "[" * TEN_MB, "yaml-too-deep", 1),
    "a_ten_megabyte_json_line": (
        lambda: '{"year": 2023, "issuer": "区政府办公室", "title": "' + "t" * TEN_MB
        + '", "issued": "2023-04-06", "projects": []}', "invalid-value", 1),
}


@pytest.mark.parametrize("name", list(HUGE_PLANS))
def test_ten_megabyte_single_line_plans(tmp_path: Path, name: str) -> None:
    make, code, line = HUGE_PLANS[name]
    path = tmp_path / f"{name}.yaml"
    path.write_text(make(), encoding="utf-8")
    before = snapshot(path)
    result = runner.invoke(app, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    errors = json.loads(result.stdout)["errors"]
    assert [e["code"] for e in errors] == [code]
    assert errors[0]["line"] == line
    result = check([str(GOOD_ACTUALS), "--plan", str(path)])
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert [ln["code"] for ln in stderr_lines(result.stderr, path)] == [code]  # type: ignore
    assert snapshot(path) == before
