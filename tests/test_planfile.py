"""Plan files: the corpus of broken plans, each rejected with a located message and no traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from minsheng_cli.cli import app
from minsheng_cli.plan.load import parse_plan

CORPUS = Path(__file__).parent / "bad_inputs" / "plans"
CASES = sorted(CORPUS.glob("*.yaml"))
UNREADABLE = {"not-text", "file-not-found", "file-unreadable"}
runner = CliRunner()


def expected(case: Path) -> tuple[str, int | None]:
    """The problem code is the file name's prefix; an optional `# line: N` header gives the line."""
    code = case.name.split("__")[0]
    first = case.read_bytes().split(b"\n", 1)[0]
    m = re.match(rb"# line: (\d+)", first)
    return code, int(m[1]) if m else None


def test_corpus_is_not_empty() -> None:
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_bad_plan_is_rejected_with_a_located_message(case: Path) -> None:
    code, line = expected(case)
    before = case.read_bytes()
    result = runner.invoke(app, ["validate", str(case), "--format", "json"])
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert result.exit_code == (2 if code in UNREADABLE else 1), result.output
    report = json.loads(result.stdout)
    assert report["valid"] is False
    codes = [e["code"] for e in report["errors"]]
    assert code in codes, codes
    hit = next(e for e in report["errors"] if e["code"] == code)
    assert hit["file"] == str(case)
    if line is not None:
        assert hit["line"] == line, hit
    assert "Traceback" not in result.output
    assert case.read_bytes() == before


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.stem)
def test_text_format_prints_one_located_line_per_problem_on_stderr(case: Path) -> None:
    result = runner.invoke(app, ["validate", str(case)])
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert lines, "no message on stderr"
    assert all(ln.startswith(f"{case}:") and ln.rstrip().endswith("]") for ln in lines), lines


def test_alias_bomb_is_refused_without_expanding_it() -> None:
    text = (CORPUS / "yaml-alias__billion_laughs.yaml").read_text()
    plan, problems = parse_plan(text, "bomb.yaml")
    assert plan is None
    # one problem per alias written in the file (15 lines × 9), not per expanded node (9**16)
    assert len(problems) == 15 * 9
    assert {p.code for p in problems} == {"yaml-alias"}


def test_duplicate_key_names_both_lines() -> None:
    text = "year: 2023\nyear: 2024\n"
    _, problems = parse_plan(text, "dup.yaml")
    assert problems[0].code == "yaml-duplicate-key"
    assert (problems[0].line, problems[0].column) == (2, 1)
    assert "line 1" in problems[0].message


def test_all_problems_are_reported_not_just_the_first() -> None:
    text = (CORPUS / "duplicate-id__same_id_twice.yaml").read_text()
    text = text.replace("due: 2023-06", "due: 2024-06").replace("target: 200", "target: 10")
    _, problems = parse_plan(text, "many.yaml")
    assert {"duplicate-id", "date-outside-year", "target-decreasing"} <= {p.code for p in problems}


def test_a_missing_file_exits_2() -> None:
    result = runner.invoke(app, ["validate", "does/not/exist.yaml", "--lang", "en"])
    assert result.exit_code == 2
    assert "does/not/exist.yaml" in result.stderr and "no such file" in result.stderr
