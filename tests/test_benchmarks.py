"""`benchmarks/run.py --quick --no-write` runs and prints its table (timings are not asserted)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

RUN = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"


def test_the_benchmark_runs_and_prints_its_table() -> None:
    readme = RUN.with_name("README.md")
    before = readme.read_bytes() if readme.exists() else None
    result = subprocess.run([sys.executable, str(RUN), "--quick", "--no-write"],
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    rows = [line for line in result.stdout.splitlines() if line.startswith("| ")]
    assert rows[0].startswith("| step |")
    assert [row.split(" | ")[0] for row in rows[1:]] == ["| start-up", "| validate", "| check",
                                                             "| check"]  # and its floor
    assert "`report` skipped" in result.stdout
    assert (readme.read_bytes() if readme.exists() else None) == before  # --no-write


def test_the_readme_keeps_other_sections(tmp_path: Path, monkeypatch: object) -> None:
    sys.path.insert(0, str(RUN.parent))
    try:
        import run  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(RUN.parent))
    readme = tmp_path / "README.md"
    other = "## validate: 2,000 plan files\n\nkept as it is\n"
    readme.write_text(f"# Benchmarks\n\n{run.START}\nold\n{run.END}\n\n{other}", encoding="utf-8")
    monkeypatch.setattr(run, "README", readme)  # type: ignore[attr-defined]
    run.write_readme("| new table |\n")
    text = readme.read_text(encoding="utf-8")
    assert f"{run.START}\n| new table |\n{run.END}" in text and "old" not in text
    assert text.endswith(other)
    fresh = tmp_path / "fresh.md"
    monkeypatch.setattr(run, "README", fresh)  # type: ignore[attr-defined]
    run.write_readme("| t |\n")
    run.write_readme("| u |\n")  # idempotent: one block, replaced
    assert fresh.read_text(encoding="utf-8").count(run.START) == 1
    assert "| u |" in fresh.read_text(encoding="utf-8")
