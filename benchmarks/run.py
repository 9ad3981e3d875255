"""Benchmark minsheng against what it cannot be faster than: `python benchmarks/run.py`.

Each step runs in fresh subprocesses, alternating with its baseline, several times; the table shows
medians of wall time and of peak memory (the child's maximum resident set size, from wait4), and
their ratios. The table goes into benchmarks/README.md between the run.py markers.

    step      minsheng                                  baseline
    start-up  minsheng --help                           python -c "import typer, pydantic, yaml, rich"
    validate  minsheng validate (the 2023 plan)         the same imports
    check     minsheng check REPORTS (1,000,000 rows)   python -c "pandas.read_csv(REPORTS)"
    report    minsheng report REPORTS -o bulletin.html  read_csv + as many bare matplotlib SVGs

`--quick` measures 20,000 rows once, without warm-up, and skips `report` (a smoke run, as in the
tests);
`--no-write` leaves the README alone.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
README = HERE / "README.md"
START, END = "<!-- run.py:start -->", "<!-- run.py:end -->"
STEPS = ["start-up", "validate", "check", "report"]
TOWNS = ["荔城街道", "增江街道", "朱村街道", "永宁街道", "宁西街道", "荔湖街道", "新塘镇", "石滩镇",
         "中新镇", "仙村镇", "派潭镇", "小楼镇", "正果镇"]
IMPORTS = "import typer, pydantic, yaml, rich"


@dataclass
class Sample:
    seconds: float
    peak_mb: float


@dataclass
class Row:
    step: str
    what: str
    baseline: str
    aim: str
    ours: list[Sample]
    theirs: list[Sample]
    note: str = ""


def minsheng() -> list[str]:
    """The installed `minsheng` script next to this Python, else `python -m minsheng_cli`."""
    script = Path(sys.executable).with_name("minsheng")
    return [str(script)] if script.exists() else [sys.executable, "-m", "minsheng_cli"]


def measure(command: list[str]) -> Sample:
    """Wall time and peak RSS of one fresh process (stdout discarded; a failure aborts)."""
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode(errors="replace") if process.stderr else ""
    if process.returncode not in (0, 1):  # check exits 1 when something is overdue: its job
        raise SystemExit(f"{' '.join(command)} exited {process.returncode}:\n{error}")
    # ru_maxrss is in kilobytes on Linux, in bytes on macOS
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Sample(seconds, peak)


def compare(ours: list[str], theirs: list[str], repeat: int,
            before: Callable[[], None] | None = None) -> tuple[list[Sample], list[Sample]]:
    a, b = [], []
    if repeat > 1:
        measure(ours), measure(theirs)  # warm the file cache once; not counted
    for _ in range(repeat):
        if before:
            before()
        a.append(measure(ours))
        b.append(measure(theirs))
    return a, b


def write_reports(path: Path, rows: int) -> int:
    """`rows` daily cumulative reports of every quantity indicator of the 2023 plan by many
    reporters, date by date as a growing export would hold them. Returns the indicator count."""
    from minsheng_cli import load_plan

    plan = load_plan()
    quantities = [ind for _, ind in plan.indicators() if ind.kind.value == "quantity"]
    days = (plan.end - plan.start).days + 1
    per_day = -(-rows // days)
    reporters = [f"{TOWNS[k % len(TOWNS)]}{k // len(TOWNS) + 1:02d}片区"
                 for k in range(-(-per_day // len(quantities)))]
    written = 0
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("指标编号,截至日期,累计完成,填报单位,备注\n")
        for day in range(days):
            date = (plan.start + dt.timedelta(days=day)).isoformat()
            lines = []
            for ind in quantities:
                share = ind.final.target / len(reporters)
                for k, reporter in enumerate(reporters):
                    # cumulative and never decreasing: the share done by this day, give or take
                    value = int(share * (day + 1) / days * (0.8 + 0.4 * ((k * 7919) % 101) / 100))
                    lines.append(f"{ind.id},{date},{value},{reporter},\n")
            lines = lines[: rows - written]
            out.writelines(lines)
            written += len(lines)
            if written >= rows:
                break
    return len(quantities)


def write_plan_without_units(path: Path) -> None:
    """The embedded 2023 plan without `units:` and without who reports what (`reported_by`,
    `shares`): the shape of a plan, not one district's people."""
    import yaml

    from minsheng_cli.plan.load import embedded_plan_path

    data = yaml.safe_load(embedded_plan_path().read_text(encoding="utf-8"))
    data.pop("units", None)
    for project in data["projects"]:
        project.pop("reported_by", None)
        for indicator in project["indicators"]:
            indicator.pop("reported_by", None)
            indicator.pop("shares", None)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


BARE_FIGURES = """
import io, sys
import matplotlib
matplotlib.use("Agg")
from matplotlib.figure import Figure
for k in range(int(sys.argv[1])):
    fig = Figure(figsize=(4, 2.2))
    ax = fig.add_subplot()
    ax.plot(range(12), [i * k for i in range(12)])
    fig.savefig(io.BytesIO(), format="svg")
"""


def run(rows: int, repeat: int, steps: list[str], work: Path) -> list[Row]:
    cli, py = minsheng(), sys.executable
    table: list[Row] = []
    if "start-up" in steps:
        a, b = compare([*cli, "--help"], [py, "-c", IMPORTS], repeat)
        table.append(Row("start-up", "`minsheng --help`", f"`python -c \"{IMPORTS}\"`", "—", a, b))
    if "validate" in steps:
        a, b = compare([*cli, "validate"], [py, "-c", IMPORTS], repeat)
        table.append(Row("validate", "`minsheng validate` (the 2023 plan)", "the same imports",
                         "≤ 1.2×", a, b))
    if "check" not in steps and "report" not in steps:
        return table
    reports = work / "reports.csv"
    indicators = write_reports(reports, rows)
    # The reports stand for a roll-up beyond one district (many 片区 reporters), so they are
    # checked against the 2023 plan without its registry of units: every reporter counts.
    plan = work / "plan-without-units.yaml"
    write_plan_without_units(plan)
    size = reports.stat().st_size / 1e6
    read_csv = [py, "-c", f"import pandas; pandas.read_csv({str(reports)!r})"]
    if "check" in steps:
        a, b = compare([*cli, "check", str(reports), "--plan", str(plan)], read_csv, repeat)
        table.append(Row("check", f"`minsheng check` on {rows:,} rows ({size:.0f} MB, "
                         f"{indicators} indicators)", "`pandas.read_csv` of the same file",
                         "≤ 1.5× time, ≤ 2× memory", a, b))
    if "report" in steps:
        html = work / "bulletin.html"
        html.unlink(missing_ok=True)
        measure([*cli, "report", str(reports), "-o", str(html), "--plan", str(plan)])
        charts = html.read_text(encoding="utf-8").count("<svg")
        bare = work / "bare_figures.py"
        bare.write_text(f"import pandas; pandas.read_csv({str(reports)!r})\n" + BARE_FIGURES)
        a, b = compare([*cli, "report", str(reports), "-o", str(html), "--force", "--plan",
                        str(plan)],
                       [py, str(bare), str(charts)], repeat)
        table.append(Row("report", f"`minsheng report -o bulletin.html` on the same {rows:,} rows",
                         f"`read_csv` + {charts} bare matplotlib SVG figures", "—", a, b))
    return table


def _median(samples: list[Sample], field: str) -> float:
    return statistics.median(getattr(s, field) for s in samples)


def markdown(table: list[Row], repeat: int, skipped: list[str]) -> str:
    head = ("| step | minsheng | baseline | time (s) | baseline (s) | × | peak MB | baseline MB | × "
            "| aim |\n|---|---|---|--:|--:|--:|--:|--:|--:|---|\n")
    lines = []
    for row in table:
        t, bt = _median(row.ours, "seconds"), _median(row.theirs, "seconds")
        m, bm = _median(row.ours, "peak_mb"), _median(row.theirs, "peak_mb")
        lines.append(f"| {row.step} | {row.what} | {row.baseline} | {t:.2f} | {bt:.2f} | "
                     f"{t / bt:.2f} | {m:.0f} | {bm:.0f} | {m / bm:.2f} | {row.aim} |")
    cpu = platform.processor() or platform.machine()
    notes = [(f"Medians of {repeat} run{'s' if repeat > 1 else ''} in fresh processes, each "
              f"alternating with its baseline; {dt.date.today().isoformat()}, Python "
              f"{platform.python_version()}, {os.cpu_count()} CPUs ({cpu}), {platform.system()}.")]
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
                                  "`python benchmarks/run.py` (about a minute; `--quick` for a "
                                  "smoke run) measures and rewrites this table.\n\n" + block + "\n")
    README.write_text(new, encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="20,000 rows, one run, no report")
    parser.add_argument("--rows", type=int, help="report rows for check and report (1,000,000)")
    parser.add_argument("--repeat", type=int, help="runs per step (5)")
    parser.add_argument("--steps", default=",".join(STEPS), help="comma-separated subset of "
                        + ", ".join(STEPS))
    parser.add_argument("--no-write", action="store_true", help="print the table only")
    args = parser.parse_args(argv)
    rows = args.rows or (20_000 if args.quick else 1_000_000)
    repeat = args.repeat or (1 if args.quick else 5)
    steps = [s for s in args.steps.split(",") if s]
    if unknown := set(steps) - set(STEPS):
        parser.error(f"unknown steps: {', '.join(sorted(unknown))}")
    skipped = ["report"] if args.quick and "report" in steps else []
    steps = [s for s in steps if s not in skipped]
    work = Path(tempfile.mkdtemp(prefix="minsheng-bench-"))
    try:
        text = markdown(run(rows, repeat, steps, work), repeat, skipped)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(text, end="")
    if not args.no_write:
        write_readme(text)
        print(f"written to {README}")


if __name__ == "__main__":
    main()
