"""The pre-commit hook and the GitHub workflow: they parse, and they run what they promise."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import PLAN_2023, ROOT

CORPUS = Path(__file__).parent / "bad_inputs" / "plans"


def hook() -> dict[str, Any]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    (found,) = [h for h in hooks if h.get("id") == "minsheng-validate"]
    assert isinstance(found, dict)
    return found


def workflow() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def run_entry(entry: str, *files: Path) -> subprocess.CompletedProcess[str]:
    """Run the hook's entry as pre-commit does (files appended), with this Python's minsheng."""
    command = shlex.split(entry)
    assert command[0] == "minsheng"  # the console script; `python -m minsheng_cli` is the same
    return subprocess.run([sys.executable, "-m", "minsheng_cli", *command[1:], *map(str, files)],
                          capture_output=True, text=True, check=False, cwd=ROOT)


def test_hook_declares_what_pre_commit_needs() -> None:
    h = hook()
    assert h["language"] == "python"
    assert h["entry"] == "minsheng validate"
    assert h["name"] and h["files"] == r"^plans/.*\.ya?ml$"


@pytest.mark.parametrize(("path", "matched"), [
    ("plans/2023.yaml", True), ("plans/district/2024.yml", True), ("plans/README.md", False),
    ("tests/bad_inputs/plans/yaml-tab__indent.yaml", False), ("plans/2023.yaml.bak", False),
])
def test_hook_runs_on_plan_files_only(path: str, matched: bool) -> None:
    assert bool(re.search(hook()["files"], path)) is matched


def test_hook_entry_passes_a_good_plan() -> None:
    done = run_entry(hook()["entry"], PLAN_2023)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize(("case", "code"), [
    ("yaml-duplicate-key__year_twice.yaml", 1),
    ("target-decreasing__200_then_100.yaml", 1),
    ("not-text__gbk_encoded.yaml", 2),
])
def test_hook_entry_fails_a_bad_plan_with_a_located_message(case: str, code: int) -> None:
    done = run_entry(hook()["entry"], PLAN_2023, CORPUS / case)
    assert done.returncode == code
    assert f"{CORPUS / case}:" in done.stderr and "Traceback" not in done.stderr


def test_workflow_runs_on_push_and_pull_request() -> None:
    data = workflow()
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    assert isinstance(triggers, dict | list)
    assert {"push", "pull_request"} <= set(triggers)


def test_workflow_runs_the_tests_and_validates_the_plans() -> None:
    steps = [step for job in workflow()["jobs"].values() for step in job["steps"]]
    runs = [line.strip() for step in steps for line in str(step.get("run", "")).splitlines()]
    assert "bash .ci/run" in runs
    assert "minsheng validate plans/ --format github" in runs
    assert any(str(step.get("uses", "")).startswith("actions/checkout@") for step in steps)
