"""`minsheng diff OLD NEW`: what changed between two versions of a plan."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import PLAN_2023, small_plan_data
from typer.testing import CliRunner

from minsheng_cli.cli import app
from minsheng_cli.plan.diff import Change, diff_plans
from minsheng_cli.plan.model import Plan

runner = CliRunner()


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def piles(data: dict[str, Any]) -> dict[str, Any]:
    ind: dict[str, Any] = data["projects"][0]["indicators"][0]
    return ind


def diff_json(old: Path, new: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, ["diff", str(old), str(new), "--format", "json", *extra])
    assert result.exit_code in (0, 1), result.output
    report: dict[str, Any] = json.loads(result.stdout)
    return result.exit_code, report


def test_the_same_plan_has_no_changes_and_exits_0(tmp_path: Path) -> None:
    path = write(tmp_path / "plan.yaml", small_plan_data())
    code, report = diff_json(path, path, "--exit-code")
    assert code == 0 and report["changed"] is False and report["changes"] == []
    table = runner.invoke(app, ["diff", str(path), str(path), "--lang", "en"])
    assert table.exit_code == 0 and "no changes" in table.stdout


def test_checkpoints_are_matched_by_date_then_by_position() -> None:
    old = small_plan_data()
    new = small_plan_data()
    piles(new)["checkpoints"] = [
        {"due": "2023-03", "target": 70, "source": "70"},     # same date, same target: no change
        {"due": "2023-07", "target": 200, "source": "130"},   # June moved to July
        {"due": "2023-10", "target": 400, "source": "200"},   # September moved, target changed
        {"due": "2023-12", "target": 460, "source": "60"},    # same date, new target
    ]
    changes = diff_plans(Plan.model_validate(old), Plan.model_validate(new))
    got = {(c.due.isoformat() if c.due else None, c.field): (c.old, c.new, c.matched_by)
           for c in changes}
    assert got == {
        ("2023-12-31", "target"): (450, 460, "date"),
        ("2023-07-31", "due"): ("2023-06-30", "2023-07-31", "position"),
        ("2023-10-31", "due"): ("2023-09-30", "2023-10-31", "position"),
        ("2023-10-31", "target"): (340, 400, "position"),
    }
    assert {c.change for c in changes} == {"changed"} and {c.indicator for c in changes} == {
        "p10.charging_piles"}


def test_added_and_removed_checkpoints_and_indicators(tmp_path: Path) -> None:
    old = small_plan_data()
    new = small_plan_data()
    piles(new)["checkpoints"].pop(2)  # September removed
    new["projects"][0]["indicators"][3]["checkpoints"].insert(
        1, {"due": "2023-09", "target": 15, "source": "15"})  # between June and December
    new["projects"][0]["indicators"].pop(1)  # the meeting removed
    new["projects"][0]["indicators"].append(
        {"id": "p10.stations", "name": {"zh": "充电站", "en": "Stations"},
         "unit": {"zh": "个", "en": "stations"}, "kind": "quantity",
         "checkpoints": [{"due": "2023-12", "target": 40, "source": "40"}]})
    new["projects"][0]["indicators"][1]["unit"] = {"zh": "‰", "en": "per mille"}  # the rate
    code, report = diff_json(write(tmp_path / "old.yaml", old), write(tmp_path / "new.yaml", new),
                             "--exit-code")
    assert code == 1 and report["changed"] is True
    rows = {(c["change"], c["scope"], c["indicator"], c["due"], c["field"]): c
            for c in report["changes"]}
    assert set(rows) == {
        ("removed", "checkpoint", "p10.charging_piles", "2023-09-30", "target"),
        ("added", "checkpoint", "p10.accidents", "2023-09-30", "target"),
        ("removed", "indicator", "p10.meeting", None, None),
        ("added", "indicator", "p10.stations", None, None),
        ("changed", "indicator", "p10.rate", None, "unit"),
    }
    removed = rows[("removed", "checkpoint", "p10.charging_piles", "2023-09-30", "target")]
    assert (removed["old"], removed["new"], removed["new_line"]) == (340, None, None)
    assert isinstance(removed["old_line"], int)
    assert rows[("added", "indicator", "p10.stations", None, None)]["new"] == "充电站"
    assert report["summary"] == {
        "indicators_added": 1, "indicators_removed": 1, "indicators_changed": 1,
        "checkpoints_added": 1, "checkpoints_removed": 1, "checkpoints_changed": 0,
        "plan_fields_changed": 0}


def test_json_fields_are_the_documented_ones(tmp_path: Path) -> None:
    new = small_plan_data()
    new["issued"] = "2023-05-01"
    _, report = diff_json(write(tmp_path / "a.yaml", small_plan_data()),
                          write(tmp_path / "b.yaml", new))
    assert list(report) == ["old", "new", "changed", "summary", "changes"]
    (change,) = report["changes"]
    assert list(change) == list(Change.__dataclass_fields__)
    assert change == {"change": "changed", "scope": "plan", "indicator": None, "field": "issued",
                      "old": "2023-04-06", "new": "2023-05-01", "due": None, "matched_by": None,
                      "old_line": 4, "new_line": 4}


def test_2023_plan_with_the_water_pipe_total_corrected(tmp_path: Path) -> None:
    text = PLAN_2023.read_text(encoding="utf-8")
    assert text.count("target: 404.65") == 1
    fixed = tmp_path / "2023-fixed.yaml"
    fixed.write_text(text.replace("target: 404.65", "target: 400"), encoding="utf-8")
    code, report = diff_json(PLAN_2023, fixed, "--exit-code")
    assert code == 1
    (change,) = report["changes"]
    line = text.splitlines().index("            target: 404.65") + 1
    assert (change["indicator"], change["old"], change["new"]) == ("p6.water_pipe_km", 404.65, 400)
    assert (change["matched_by"], change["old_line"], change["new_line"]) == ("date", line, line)


def test_table_shows_changes_with_data_escaped(tmp_path: Path) -> None:
    new = small_plan_data()
    piles(new)["name"] = {"zh": "[red]充电桩[/red]", "en": "Charging piles"}
    piles(new)["checkpoints"][0]["target"] = 75
    result = runner.invoke(app, ["diff", str(write(tmp_path / "a.yaml", small_plan_data())),
                                 str(write(tmp_path / "b.yaml", new)), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "[red]充电桩[/red]" in result.stdout
    assert "70 → 75" in result.stdout and "p10.charging_piles" in result.stdout
    assert "1 indicator changed; 1 checkpoint changed" in result.stdout


@pytest.mark.parametrize("broken", ["old", "new", "both"])
def test_bad_plans_exit_2_with_located_messages(tmp_path: Path, broken: str) -> None:
    good = write(tmp_path / "good.yaml", small_plan_data())
    bad = tmp_path / "bad.yaml"
    bad.write_text("year: 2023\nyear: 2024\n", encoding="utf-8")
    worse = tmp_path / "missing.yaml"
    old, new = {"old": (bad, good), "new": (good, bad), "both": (bad, worse)}[broken]
    result = runner.invoke(app, ["diff", str(old), str(new)])
    assert result.exit_code == 2 and result.stdout == ""
    assert f"{bad}:2:1:" in result.stderr and "Traceback" not in result.output
    if broken == "both":
        assert str(worse) in result.stderr  # both files' problems, not only the first


def test_diff_does_not_import_pandas() -> None:
    code = ("import sys; from minsheng_cli.cli import app\n"
            f"try:\n    app(['diff', {str(PLAN_2023)!r}, {str(PLAN_2023)!r}])\n"
            "except SystemExit:\n    pass\n"
            "print('PANDAS' if 'pandas' in sys.modules else 'LIGHT', file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.stderr.strip().endswith("LIGHT"), out.stderr
