"""Benchmark minsheng against what it cannot be faster than: `python benchmarks/run.py`.

Each step runs its commands in fresh subprocesses, interleaved (ours, baseline, ours, …),
several times; the table shows medians of wall time and of peak memory (the child's maximum
resident set size, from wait4), their ratios, and whether the aim is met. The table goes into
benchmarks/README.md between the run.py markers.

    step      minsheng                                   baseline
    start-up  minsheng --help                            python -c "import typer, pydantic, yaml, rich.table"
    validate  minsheng validate (the 2023 plan)          the same imports
    list      minsheng list --format json                the same imports
    check     minsheng check CSV --format json           pandas.read_csv; DuckDB and Polars doing
              at 100,000 and 1,000,000 rows (10,000,000   check's core job (latest report per
              with --ten-million)                        indicator and reporter, summed)
    xlsx      minsheng check XLSX (100,000 rows)          calamine reading the sheet, alone
    hostile   minsheng check on a 2 GiB zip bomb and on a million formatted empty rows (no baseline)
    report    minsheng report CSV -o bulletin.html       read_csv + as many bare matplotlib SVGs

`--quick` measures start-up, validate and check at 20,000 rows once, without warm-up (a smoke
run, as in the tests); `--no-write` leaves the README alone. DuckDB and Polars are the `bench`
extra (`pip install -e '.[bench]'`); without them their rows are left out, and said so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import workload

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
START, END = "<!-- run.py:start -->", "<!-- run.py:end -->"
STEPS = ["start-up", "validate", "list", "check", "xlsx", "hostile", "report"]
QUICK = ["start-up", "validate", "check"]
IMPORTS = "import typer, pydantic, yaml, rich.table"
# what a check imports before it reads a row (with the environment the command sets)
CHECK_IMPORTS = ("import minsheng_cli.cli, minsheng_cli.actuals.inbox, minsheng_cli.engine.evaluate,"
                 " minsheng_cli.outputs.check, minsheng_cli.plan.load, pyarrow.csv")


@dataclass
class Sample:
    seconds: float
    peak_mb: float


@dataclass
class Row:
    step: str
    what: str
    baseline: str
    ours: list[Sample]
    theirs: list[Sample] | None
    aim: float | None = None  # the time ratio to stay within
    aim_text: str = "—"


def minsheng() -> list[str]:
    """The installed `minsheng` script next to this Python, else `python -m minsheng_cli`."""
    script = Path(sys.executable).with_name("minsheng")
    return [str(script)] if script.exists() else [sys.executable, "-m", "minsheng_cli"]


def measure(command: list[str], codes: tuple[int, ...] = (0, 1)) -> Sample:
    """Wall time and peak RSS of one fresh process (stdout discarded; another exit code than
    `codes` aborts: check exits 1 when something is overdue, 2 when it refuses a file)."""
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.returncode not in codes:
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}:\n{error}")
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Sample(seconds, peak)


def compare(commands: list[list[str]], repeat: int, codes: tuple[int, ...] = (0, 1),
            ours: int = 1) -> list[list[Sample]]:
    """Each command `repeat` times, interleaved, after one warm-up round (not counted). The
    first `ours` commands are minsheng's, which may exit with `codes`; baselines must exit 0."""
    allowed = [codes if k < ours else (0,) for k in range(len(commands))]
    if repeat > 1:
        for command, ok in zip(commands, allowed, strict=True):
            measure(command, ok)
    samples: list[list[Sample]] = [[] for _ in commands]
    for _ in range(repeat):
        for command, ok, out in zip(commands, allowed, samples, strict=True):
            out.append(measure(command, ok))
    return samples


def make(function: str, *args: object) -> int:
    """Call workload.<function>(*args) in a child process and return what it returns (an int):
    a parent that grew would make every later child's peak memory look as large (on Linux a
    child's ru_maxrss starts from the parent's high-water mark)."""
    code = (f"import sys; sys.path.insert(0, {str(HERE)!r}); import workload; "
            f"print(workload.{function}(*{args!r}) or 0)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if out.returncode:
        raise SystemExit(f"workload.{function}{args} failed:\n{out.stderr}")
    return int(out.stdout.split()[-1])


def byte_compile() -> None:
    """minsheng's modules byte-compiled before anything is measured, as `pip install .` leaves
    them: from an editable install, with PYTHONDONTWRITEBYTECODE set (as on these machines),
    every process would compile all of them again, while pandas, typer and the rest load
    their compiled files."""
    import compileall

    spec = importlib.util.find_spec("minsheng_cli")
    for location in (spec.submodule_search_locations or []) if spec else []:
        compileall.compile_dir(location, quiet=1)


def _engines() -> dict[str, str]:
    """DuckDB and Polars, where installed: name → script."""
    found = {"DuckDB": workload.DUCKDB, "Polars": workload.POLARS}
    return {n: s for n, s in found.items() if importlib.util.find_spec(n.lower())}


def run(sizes: list[int], repeat: int, steps: list[str], work: Path, quick: bool
        ) -> tuple[list[Row], list[str]]:
    cli, py = minsheng(), sys.executable
    table: list[Row] = []
    notes: list[str] = []
    imports = [py, "-c", IMPORTS]
    light = f"`python -c \"{IMPORTS}\"`"
    if "start-up" in steps:
        a, b = compare([[*cli, "--help"], imports], repeat)
        table.append(Row("start-up", "`minsheng --help`", light, a, b))
    if "validate" in steps:
        a, b = compare([[*cli, "validate"], imports], repeat)
        table.append(Row("validate", "`minsheng validate` (the 2023 plan)", "the same imports",
                         a, b, 1.3, "≤ 1.3×"))
    if "list" in steps:
        a, b = compare([[*cli, "list", "--format", "json"], imports], repeat)
        table.append(Row("list", "`minsheng list --format json`", "the same imports", a, b,
                         1.3, "≤ 1.3×"))
    # The reports stand for a roll-up beyond one district (many 片区 reporters), so they are
    # checked against the 2023 plan without its registry of units: every reporter counts.
    plan = work / "plan-without-units.yaml"
    make("write_plan_without_units", str(plan))
    engines = {} if quick else _engines()
    if "check" in steps:
        if not quick and len(engines) < 2:
            notes.append("DuckDB/Polars not installed (`pip install -e '.[bench]'`): their rows "
                         "are left out.")
        for rows in sizes:
            table += _check(cli, py, plan, rows, repeat, work, engines)
    if "xlsx" in steps:
        book = work / "reports.xlsx"
        indicators = make("write_xlsx_reports", str(book), 100_000)
        read = work / "baseline_calamine.py"
        read.write_text(workload.CALAMINE, encoding="utf-8")
        a, floor, b = compare([[*cli, "check", str(book), "--format", "json", "--plan",
                                str(plan)], [py, "-c", CHECK_IMPORTS + ", python_calamine"],
                               [py, str(read), str(book)]], repeat, ours=2)
        table.append(Row("xlsx", f"`minsheng check` on a 100,000-row .xlsx "
                         f"({book.stat().st_size / 1e6:.0f} MB, {indicators} indicators)",
                         "python-calamine reading the sheet (`to_python`)", a, b, 2, "≤ 2×"))
        table.append(Row("xlsx", "floor: the modules `check` imports, and nothing read",
                         "the same calamine read", floor, b))
    if "hostile" in steps:
        table += _hostile(cli, plan, repeat, work)
    if "report" in steps:
        # at 1,000,000 rows at most: the 10,000,000 are check's, not the bulletin's
        table += _report(cli, py, plan, min(sizes[-1], max(min(sizes), 1_000_000)), repeat, work)
    return table, notes


def _check(cli: list[str], py: str, plan: Path, rows: int, repeat: int, work: Path,
           engines: dict[str, str]) -> list[Row]:
    """check, read_csv and the other engines on one file, side by side in the same run."""
    reports = work / f"reports-{rows}.csv"
    indicators = make("write_reports", str(reports), rows)
    size = reports.stat().st_size / 1e6
    scripts = {"pandas": workload.READ_CSV, **engines}
    commands = [[*cli, "check", str(reports), "--format", "json", "--plan", str(plan)],
                [py, "-c", CHECK_IMPORTS]]
    for name, script in scripts.items():
        path = work / f"baseline_{name.lower()}.py"  # (not pandas.py: it would import itself)
        path.write_text(script, encoding="utf-8")
        commands.append([py, str(path), str(reports)])
    ours, floor, *theirs = compare(commands, repeat, ours=2)
    what = f"`minsheng check --format json` on {rows:,} rows ({size:.0f} MB, {indicators} indicators)"
    aim = {1_000_000: 1.2, 10_000_000: 1.5}.get(rows)
    out = [Row("check", what, "`pandas.read_csv` of the same file", ours, theirs[0], aim,
               f"≤ {aim}× time" if aim else "—"),
           Row("check", "floor: the modules `check` imports, and nothing read", "the same "
               "`read_csv`", floor, theirs[0])]
    for (name, _), samples in zip(list(engines.items()), theirs[1:], strict=True):
        out.append(Row("check", "the same", f"{name}: the latest report per indicator and "
                       "reporter, summed per indicator", ours, samples))
    reports.unlink()
    return out


def _hostile(cli: list[str], plan: Path, repeat: int, work: Path) -> list[Row]:
    bomb, empty = work / "bomb.xlsx", work / "empty-rows.xlsx"
    make("zip_bomb", str(bomb))
    make("empty_rows", str(empty))
    a, b = compare([[*cli, "check", str(bomb), "--format", "json", "--plan", str(plan)],
                    [*cli, "check", str(empty), "--format", "json", "--plan", str(plan)]],
                   repeat, codes=(0, 1, 2), ours=2)
    return [Row("hostile", f"`minsheng check` on a zip bomb ({bomb.stat().st_size / 1e6:.1f} MB "
                "inflating to 2 GiB): refused", "—", a, None, 2, "< 2 s, < 500 MB"),
            Row("hostile", f"`minsheng check` on 3 reports above a million formatted empty rows "
                f"({empty.stat().st_size / 1e6:.0f} MB, 131 MB of XML)", "—", b, None)]


def _report(cli: list[str], py: str, plan: Path, rows: int, repeat: int, work: Path
            ) -> list[Row]:
    reports = work / "report.csv"
    make("write_reports", str(reports), rows)
    html = work / "bulletin.html"
    measure([*cli, "report", str(reports), "-o", str(html), "--plan", str(plan)])
    charts = html.read_text(encoding="utf-8").count("<svg")
    bare = work / "baseline_figures.py"
    bare.write_text(workload.BARE_FIGURES, encoding="utf-8")
    ours, check, figures = compare([
        [*cli, "report", str(reports), "-o", str(html), "--force", "--plan", str(plan)],
        [*cli, "check", str(reports), "--format", "json", "--plan", str(plan)],
        [py, str(bare), str(reports), str(charts)]], repeat, ours=2)
    what = f"`minsheng report -o bulletin.html` on {rows:,} rows"
    return [Row("report", what, "`minsheng check --format json` of the same file", ours, check, 2,
                "≤ 2×"),
            Row("report", "the same", f"`read_csv` + {charts} bare matplotlib SVG figures", ours,
                figures)]


def _median(samples: list[Sample], field: str) -> float:
    return statistics.median(getattr(s, field) for s in samples)


def markdown(table: list[Row], repeat: int, skipped: list[str], notes: list[str]) -> str:
    head = ("| step | minsheng | baseline | time (s) | baseline (s) | × | peak MB | baseline MB | × "
            "| aim | met |\n|---|---|---|--:|--:|--:|--:|--:|--:|---|---|\n")
    lines = []
    for row in table:
        t, m = _median(row.ours, "seconds"), _median(row.ours, "peak_mb")
        if row.theirs is None:  # an absolute aim (seconds), if any
            met = "—" if row.aim is None else ("yes" if t < row.aim and m < 500 else "no")
            lines.append(f"| {row.step} | {row.what} | {row.baseline} | {t:.2f} | — | — | "
                         f"{m:.0f} | — | — | {row.aim_text} | {met} |")
            continue
        bt, bm = _median(row.theirs, "seconds"), _median(row.theirs, "peak_mb")
        met = "—" if row.aim is None else ("yes" if t / bt <= row.aim else "no")
        lines.append(f"| {row.step} | {row.what} | {row.baseline} | {t:.2f} | {bt:.2f} | "
                     f"{t / bt:.2f} | {m:.0f} | {bm:.0f} | {m / bm:.2f} | {row.aim_text} | "
                     f"{met} |")
    cpu = platform.processor() or platform.machine()
    notes = [(f"Medians of {repeat} run{'s' if repeat > 1 else ''} in fresh processes, "
              f"interleaved with the baselines; {dt.date.today().isoformat()}, Python "
              f"{platform.python_version()}, {os.cpu_count()} CPUs ({cpu}), {platform.system()}."),
             *notes]
    notes += [f"`{step}` skipped (--quick)." for step in skipped]
    return head + "\n".join(lines) + "\n\n" + " ".join(notes) + "\n"


def write_readme(text: str) -> None:
    """Replace what lies between the markers; keep every other section of the README."""
    block = f"{START}\n{text}{END}"
    old = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    if START in old and END in old:
        new = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, old, flags=re.DOTALL)
    else:
        new = old.rstrip("\n") + ("\n\n## run.py: start-up, validate, check, report\n\n"
                                  "`python benchmarks/run.py` (a few minutes; `--quick` for a "
                                  "smoke run) measures and rewrites this table.\n\n" + block + "\n")
    README.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true",
                        help="start-up, validate and check at 20,000 rows, one run each")
    parser.add_argument("--rows", type=int, nargs="+",
                        help="report rows for check (100,000 and 1,000,000)")
    parser.add_argument("--ten-million", action="store_true",
                        help="check 10,000,000 rows too (a 580 MB file, a few GB of memory)")
    parser.add_argument("--repeat", type=int, help="runs per step (5)")
    parser.add_argument("--steps", default=",".join(STEPS), help="comma-separated subset of "
                        + ", ".join(STEPS))
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    sizes = args.rows or ([20_000] if args.quick else [100_000, 1_000_000])
    sizes += [10_000_000] if args.ten_million else []
    repeat = args.repeat or (1 if args.quick else 5)
    steps = [s for s in args.steps.split(",") if s]
    if unknown := set(steps) - set(STEPS):
        parser.error(f"unknown steps: {', '.join(sorted(unknown))}")
    skipped = [s for s in steps if s not in QUICK] if args.quick else []
    steps = [s for s in steps if s not in skipped]
    byte_compile()
    work = Path(tempfile.mkdtemp(prefix="minsheng-bench-"))
    try:
        table, notes = run(sizes, repeat, steps, work, args.quick)
        text = markdown(table, repeat, skipped, notes)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(text, end="")
    if not args.no_write:
        write_readme(text)
        print(f"written to {README}")


if __name__ == "__main__":
    main()
