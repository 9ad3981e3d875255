"""The JSON Schema of plan files: committed copy up to date, and in agreement with the model.

The schema covers the plan's *structure* (fields, types, ranges, patterns, and the two cross-field
rules of the model). It cannot see what `minsheng validate` checks beyond that — duplicate ids or
project numbers, date order, dates outside the year, cumulative targets going down, event targets,
rate ranges, id/project agreement — nor YAML itself (duplicate keys, anchors, tabs). So the
agreement test compares the schema with the model's structural verdict (pydantic alone), and
asserts that plans broken only semantically pass the schema.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from conftest import PLAN_2023, ROOT, small_plan_data
from pydantic import ValidationError
from typer.testing import CliRunner

from minsheng_cli.cli import app
from minsheng_cli.plan import yamlnodes
from minsheng_cli.plan.model import Plan
from minsheng_cli.plan.schema import plan_schema

runner = CliRunner()
SCHEMA_FILE = ROOT / "schema" / "plan.schema.json"
CORPUS = Path(__file__).parent / "bad_inputs" / "plans"
STRUCTURAL = {"missing-field", "unknown-field", "invalid-value"}  # pydantic's verdicts
SEMANTIC = {"duplicate-id", "duplicate-project", "id-project-mismatch", "date-outside-year",
            "dates-out-of-order", "target-decreasing", "event-target", "event-checkpoints",
            "rate-out-of-range", "source-not-found"}
Validator = jsonschema.Draft202012Validator
VALIDATOR = Validator(plan_schema(), format_checker=Validator.FORMAT_CHECKER)


def as_editor_sees_it(value: Any) -> Any:
    """YAML data as a YAML 1.2 editor reads it: `2023-04-06` is a string, not a date."""
    if isinstance(value, dict):
        return {k: as_editor_sees_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees_it(v) for v in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def model_accepts(data: Any) -> bool:
    try:
        Plan.model_validate(data)
    except ValidationError:
        return False
    return True


def schema_accepts(data: Any) -> bool:
    return VALIDATOR.is_valid(as_editor_sees_it(data))


# ---------------------------------------------------------------- the committed copy

def test_committed_schema_is_what_the_model_generates() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == plan_schema()
    assert SCHEMA_FILE.read_text(encoding="utf-8") == result.stdout, (
        "schema/plan.schema.json is out of date: run `minsheng schema > schema/plan.schema.json`")


def test_schema_is_a_valid_draft_2020_12_schema() -> None:
    Validator.check_schema(json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))


def test_plans_point_editors_at_the_committed_schema() -> None:
    for plan in sorted((ROOT / "plans").glob("*.yaml")):
        first = plan.read_text(encoding="utf-8").splitlines()[0]
        assert first.startswith("# yaml-language-server: $schema="), plan
        target = (plan.parent / first.split("$schema=", 1)[1].strip()).resolve()
        assert target == SCHEMA_FILE.resolve()


def test_schema_command_does_not_import_pandas() -> None:
    import subprocess
    import sys

    code = ("import sys; from minsheng_cli.cli import app\n"
            "try:\n    app(['schema'])\nexcept SystemExit:\n    pass\n"
            "print('PANDAS' if 'pandas' in sys.modules else 'LIGHT', file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.stderr.strip().endswith("LIGHT"), out.stderr


# ---------------------------------------------------------------- the corpus of broken plans

def corpus_cases() -> list[Path]:
    """Corpus files whose problem is in the data, not in the YAML (the schema needs data)."""
    return [p for p in sorted(CORPUS.glob("*.yaml")) if p.name.split("__")[0] in STRUCTURAL | SEMANTIC]


def non_finite(value: Any) -> bool:
    """YAML's .inf or .nan somewhere in the data: JSON, and so JSON Schema, has neither."""
    if isinstance(value, dict):
        return any(non_finite(v) for v in value.values())
    if isinstance(value, list):
        return any(non_finite(v) for v in value)
    return isinstance(value, float) and not math.isfinite(value)


@pytest.mark.parametrize("case", corpus_cases(), ids=lambda p: p.stem)
def test_schema_and_model_agree_on_the_corpus(case: Path) -> None:
    located, problems = yamlnodes.load(case.read_text(encoding="utf-8"), str(case))
    assert located is not None, problems
    structural = case.name.split("__")[0] in STRUCTURAL
    assert model_accepts(located.data) is not structural
    if non_finite(located.data):  # a known gap (KNOWN_GAPS below): the model alone refuses it
        assert structural and schema_accepts(located.data)
        return
    assert schema_accepts(located.data) is not structural


def test_the_corpus_has_structural_and_semantic_cases() -> None:
    kinds = {p.name.split("__")[0] in STRUCTURAL for p in corpus_cases()}
    assert kinds == {True, False}


# ---------------------------------------------------------------- generated variants

Mutation = Callable[[dict[str, Any]], None]


def _ind(data: dict[str, Any], kind: str = "quantity") -> dict[str, Any]:
    """The first indicator of this kind in the plan."""
    return next(ind for project in data["projects"] for ind in project.get("indicators", [])
                if ind.get("kind") == kind)


def _cp(data: dict[str, Any]) -> dict[str, Any]:
    cp: dict[str, Any] = _ind(data)["checkpoints"][0]
    return cp


def _overview(**fields: Any) -> Mutation:
    """Replace the first quantity's overview figure and quote with exactly these fields."""
    def mutate(data: dict[str, Any]) -> None:
        ind = _ind(data)
        ind.pop("overview_target", None)
        ind.pop("overview_source", None)
        ind.update(fields)
    return mutate


VALID: dict[str, Mutation] = {
    "unchanged": lambda d: None,
    "due as a month without leading zero": lambda d: _cp(d).update(due="2023-3"),
    "due as a full date": lambda d: _cp(d).update(due="2023-03-15"),
    "due as a date object": lambda d: _cp(d).update(due=dt.date(2023, 3, 15)),
    "issued as a string": lambda d: d.update(issued="2023-04-06"),
    "overview figure and quote": _overview(overview_target=450, overview_source="450"),
    "no overview": _overview(),
    "overview both null": _overview(overview_target=None, overview_source=None),
    "combine max on an event": lambda d: _ind(d, "event").update(combine="max"),
    "combine mean on a quantity": lambda d: _ind(d).update(combine="mean"),
    "direction at_most": lambda d: _ind(d).update(direction="at_most"),
    "named items": lambda d: _cp(d).update(items=["赤岭村", "建塘村"]),
    "notes everywhere": lambda d: (d.update(note="n"), _ind(d).update(note=None), _cp(d).update(note="")),
    "fractional target": lambda d: _cp(d).update(target=70.5),
    "no responsible units": lambda d: d["projects"][0].pop("responsible_units", None),
}

INVALID: dict[str, Mutation] = {
    "no year": lambda d: d.pop("year"),
    "no projects": lambda d: d.pop("projects"),
    "empty projects": lambda d: d.update(projects=[]),
    "projects not a list": lambda d: d.update(projects={"a": 1}),
    "year too early": lambda d: d.update(year=1999),
    "year not a number": lambda d: d.update(year="二〇二三"),
    "empty issuer": lambda d: d.update(issuer=""),
    "issuer a number": lambda d: d.update(issuer=123),
    "issued not a date": lambda d: d.update(issued="6 April 2023"),
    "unknown plan key": lambda d: d.update(owner="x"),
    "project number 0": lambda d: d["projects"][0].update(number=0),
    "project number 11": lambda d: d["projects"][0].update(number=11),
    "project without leaders": lambda d: d["projects"][0].pop("leaders"),
    "project with no lead unit": lambda d: d["projects"][0].update(lead_units=[]),
    "name a string": lambda d: d["projects"][0].update(name="交通"),
    "name without en": lambda d: d["projects"][0]["name"].pop("en"),
    "unknown name key": lambda d: d["projects"][0]["name"].update(fr="Transports"),
    "id with capitals": lambda d: _ind(d).update(id="p10.Charging"),
    "id of project 11": lambda d: _ind(d).update(id="p11.piles"),
    "unknown kind": lambda d: _ind(d).update(kind="count"),
    "unknown direction": lambda d: _ind(d).update(direction="up"),
    "unknown combine": lambda d: _ind(d).update(combine="avg"),
    "combine sum on an event": lambda d: _ind(d, "event").update(combine="sum"),
    "combine sum on a rate": lambda d: _ind(d, "rate").update(combine="sum"),
    "overview figure without quote": _overview(overview_target=450),
    "overview quote without figure": _overview(overview_source="450"),
    "overview figure with null quote": _overview(overview_target=450, overview_source=None),
    "overview quote with null figure": _overview(overview_target=None, overview_source="450"),
    "negative overview figure": _overview(overview_target=-1, overview_source="x"),
    "no checkpoints": lambda d: _ind(d).update(checkpoints=[]),
    "unknown indicator key": lambda d: _ind(d).update(target=450),
    "checkpoint without source": lambda d: _cp(d).pop("source"),
    "checkpoint without target": lambda d: _cp(d).pop("target"),
    "negative target": lambda d: _cp(d).update(target=-1),
    "target a word": lambda d: _cp(d).update(target="seventy"),
    "month 13": lambda d: _cp(d).update(due="2023-13"),
    "30 February": lambda d: _cp(d).update(due="2023-02-30"),
    "due a word": lambda d: _cp(d).update(due="June"),
    "empty source": lambda d: _cp(d).update(source=""),
    "empty item": lambda d: _cp(d).update(items=[""]),
    "items a string": lambda d: _cp(d).update(items="赤岭村"),
    "unknown checkpoint key": lambda d: _cp(d).update(owner="x"),
}


def _bases() -> dict[str, dict[str, Any]]:
    located, _ = yamlnodes.load(PLAN_2023.read_text(encoding="utf-8"), str(PLAN_2023))
    assert located is not None
    return {"small": small_plan_data(), "2023": located.data}


BASES = _bases()


def _variant(base: str, mutate: Mutation) -> dict[str, Any]:
    data = copy.deepcopy(BASES[base])
    mutate(data)
    return data


@pytest.mark.parametrize("base", sorted(BASES))
@pytest.mark.parametrize("name", sorted(VALID))
def test_schema_and_model_accept_the_same_valid_variants(base: str, name: str) -> None:
    data = _variant(base, VALID[name])
    assert model_accepts(data) and schema_accepts(data)


@pytest.mark.parametrize("base", sorted(BASES))
@pytest.mark.parametrize("name", sorted(INVALID))
def test_schema_and_model_reject_the_same_invalid_variants(base: str, name: str) -> None:
    data = _variant(base, INVALID[name])
    assert not model_accepts(data)
    assert not schema_accepts(data)


# Where the two knowingly differ. The model reads YAML leniently (pydantic's lax mode turns "70"
# and true into numbers) and refuses .inf/.nan, which JSON Schema cannot express. Editors are
# stricter than the tool on the first kind; the tool catches the second.
KNOWN_GAPS: dict[str, tuple[Mutation, bool, bool]] = {  # name: (mutation, model, schema)
    "project number as a string": (lambda d: d["projects"][0].update(number="10"), True, False),
    "target .inf": (lambda d: _cp(d).update(target=float("inf")), False, True),
    "target .nan": (lambda d: _cp(d).update(target=float("nan")), False, True),
}


@pytest.mark.parametrize("name", sorted(KNOWN_GAPS))
def test_known_gaps_between_schema_and_model(name: str) -> None:
    mutate, model, schema = KNOWN_GAPS[name]
    data = _variant("small", mutate)
    assert (model_accepts(data), schema_accepts(data)) == (model, schema)


@pytest.mark.parametrize("target", ["70", True, "yes"])
def test_targets_must_be_numbers_for_both(target: object) -> None:
    # YAML's `yes` and a quoted "70" are not numbers: model and schema both refuse them
    data = _variant("small", lambda d: _cp(d).update(target=target))
    assert (model_accepts(data), schema_accepts(data)) == (False, False)
