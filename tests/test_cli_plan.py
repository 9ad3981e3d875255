"""`validate` and `list` through typer's CliRunner, and what they must not import."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import PLAN_2023, SEED, SHARED_SEED, small_plan_data
from typer.testing import CliRunner

from minsheng_cli.cli import app
from minsheng_cli.outputs.records import LIST_FIELDS as FIELDS

runner = CliRunner()


@pytest.fixture
def plan_file(tmp_path: Path) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(small_plan_data(), allow_unicode=True), encoding="utf-8")
    return path


def test_validate_accepts_a_good_plan(plan_file: Path) -> None:
    result = runner.invoke(app, ["validate", str(plan_file), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "all valid" in result.stdout and result.stderr == ""


def test_validate_embedded_plan_with_its_source_text() -> None:
    result = runner.invoke(app, ["validate", "--source-text", str(SEED)])
    assert result.exit_code == 0, result.stderr


def test_source_text_check_finds_a_quote_that_is_not_in_the_document(plan_file: Path) -> None:
    data = small_plan_data()
    data["projects"][0]["indicators"][0]["checkpoints"][0]["source"] = "这句话不在原文里"
    plan_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["validate", str(plan_file), "--source-text", str(SEED),
                                 "--format", "json"])
    assert result.exit_code == 1
    errors = json.loads(result.stdout)["errors"]
    assert [e["code"] for e in errors] == ["source-not-found"]
    assert errors[0]["line"] is not None


def test_validate_walks_directories_and_reports_every_file(tmp_path: Path, plan_file: Path) -> None:
    nested = tmp_path / "district" / "2024"
    nested.mkdir(parents=True)
    (nested / "bad.yml").write_text("year: [\n", encoding="utf-8")
    (nested / "readme.txt").write_text("not a plan", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(tmp_path), "--format", "json"])
    report = json.loads(result.stdout)
    assert result.exit_code == 1
    assert sorted(Path(f).name for f in report["files"]) == ["bad.yml", "plan.yaml"]
    assert {e["file"] for e in report["errors"]} == {str(nested / "bad.yml")}


def test_github_annotations_escape_data_and_properties(tmp_path: Path) -> None:
    path = tmp_path / "a,b:c.yaml"
    path.write_text("year: 2023\nyear: 2024\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path), "--format", "github"])
    assert result.exit_code == 1
    line = next(ln for ln in result.stdout.splitlines() if ln.startswith("::error"))
    assert "file=" + str(tmp_path).replace(":", "%3A") + "/a%2Cb%3Ac.yaml" in line
    assert ",line=2,col=1," in line and "title=yaml-duplicate-key::" in line


def test_list_json_has_one_object_per_checkpoint_with_the_public_fields() -> None:
    result = runner.invoke(app, ["list", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert rows and all(list(row) == FIELDS for row in rows)
    assert {type(row["project"]) for row in rows} == {int}
    piles = [r for r in rows if r["indicator"] == "p10.charging_piles"]
    assert [(r["due"], r["target"]) for r in piles] == [
        ("2023-03-31", 70), ("2023-06-30", 200), ("2023-09-30", 340), ("2023-12-31", 450)]


def test_list_project_filter_and_csv(plan_file: Path) -> None:
    result = runner.invoke(app, ["list", "--plan", str(plan_file), "--project", "10", "--format",
                                 "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 8 and {r["project"] for r in rows} == {"10"}
    assert runner.invoke(app, ["list", "--plan", str(plan_file), "-p", "3"]).exit_code == 2


def test_list_table_in_english_escapes_markup(plan_file: Path) -> None:
    data = small_plan_data()
    data["projects"][0]["lead_units"] = ["[red]区科工信局[/red]"]
    plan_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    result = runner.invoke(app, ["list", "--plan", str(plan_file), "--lang", "en"])
    assert result.exit_code == 0
    assert "checkpoints" in result.stdout and "Due" in result.stdout  # English labels
    assert "[red]" in result.stdout  # an office name is data, printed as written


def test_list_with_a_broken_plan_exits_2_with_the_location(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("year: 2023\nyear: 2024\n", encoding="utf-8")
    result = runner.invoke(app, ["list", "--plan", str(path)])
    assert result.exit_code == 2
    assert f"{path}:2:1:" in result.stderr


@pytest.mark.parametrize("args", [["--help"], ["validate"], ["list", "--format", "json"]])
def test_light_commands_do_not_import_pandas(args: list[str]) -> None:
    code = ("import sys; from minsheng_cli.cli import app\n"
            f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
            "print('PANDAS' if 'pandas' in sys.modules else 'LIGHT', file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.stderr.strip().endswith("LIGHT"), out.stderr


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run([sys.executable, "-m", "minsheng_cli", "--version"], capture_output=True,
                         text=True, check=False)
    assert out.returncode == 0 and out.stdout.startswith("minsheng ")


def test_embedded_plan_is_the_repository_plan() -> None:
    from minsheng_cli.plan.load import embedded_plan_path

    assert embedded_plan_path().read_bytes() == PLAN_2023.read_bytes()


def test_messages_name_the_embedded_plan_as_the_file_to_edit_in_a_checkout(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from minsheng_cli.cli import app

    root = PLAN_2023.resolve().parent.parent
    monkeypatch.chdir(root)  # a checkout: plans/2023.yaml, not src/minsheng_cli/plans/… nor /…
    lines = CliRunner().invoke(app, ["audit"]).stderr.splitlines()
    shown = str(Path("plans", "2023.yaml")) + ":"
    assert lines and all(line.startswith(shown) for line in lines)
    for elsewhere in (tmp_path, Path(tmp_path.anchor)):  # and the root: never `work/main/…`
        monkeypatch.chdir(elsewhere)  # where the plan is, which opens from anywhere
        first = CliRunner().invoke(app, ["audit"]).stderr.splitlines()[0]
        where = Path(first.split(".yaml:")[0] + ".yaml")
        assert where.is_absolute() and where.read_bytes() == PLAN_2023.read_bytes()


@pytest.mark.skipif(not SHARED_SEED.exists(), reason="the shared seed is not beside this checkout")
def test_committed_source_text_is_the_shared_seed() -> None:
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_shared_seed_validates_the_plan_when_present() -> None:
    source = SHARED_SEED if SHARED_SEED.exists() else SEED
    result = runner.invoke(app, ["validate", str(PLAN_2023), "--source-text", str(source)])
    assert result.exit_code == 0, result.stderr
