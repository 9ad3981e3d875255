"""Benchmark: `minsheng validate` over 2,000 plan files against just loading them with libyaml.

Writes 2,000 copies of plans/2023.yaml, each with small changes, into a temporary directory; then
times, as one process each, (a) `yaml.load(text, Loader=yaml.CSafeLoader)` of every file and
(b) `minsheng validate DIR`. Both include the interpreter's start. Prints the figures and writes
them into benchmarks/README.md under `## validate: 2,000 plan files` (only that section).

    python benchmarks/validate_many.py [--files 2000] [--repeat 3] [--no-write]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "plans" / "2023.yaml"
README = ROOT / "benchmarks" / "README.md"
HEADING = "## validate: 2,000 plan files"
TARGET_RATIO = 2.0

LOAD_ONLY = """
import sys, pathlib, yaml
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.yaml")):
    yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
"""


def write_plans(directory: Path, count: int) -> None:
    """`count` valid plans of the 2023 plan's size, each a little different from the others."""
    text = PLAN.read_text(encoding="utf-8")
    first_target = "            target: 7000\n"  # p1.cancer_screening by June (15000 by December)
    assert text.count("\ntitle: ") == 1 and first_target in text
    for k in range(count):
        variant = (text.replace(first_target, first_target.replace("7000", str(7000 - k % 700)), 1)
                   .replace("\ntitle: ", f"\ntitle: 第{k}版 "))
        (directory / f"plan-{k:04d}.yaml").write_text(variant, encoding="utf-8")


def best_time(command: list[str], repeat: int) -> float:
    """The fastest of `repeat` runs, in seconds; the command must succeed."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            sys.exit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return min(times)


def section(count: int, repeat: int, load: float, validate: float) -> str:
    ratio = validate / load
    verdict = "within" if ratio <= TARGET_RATIO else "over"
    machine = f"Python {platform.python_version()}, {platform.system()} {platform.machine()}, " \
              f"{os.cpu_count()} CPUs"
    return f"""{HEADING}

`python benchmarks/validate_many.py` — {dt.date.today()}, {machine}. {count:,} copies of
`plans/2023.yaml` (10 projects, 84 indicators, 162 checkpoints), each with a different title and
one different target, in one directory; each command is one process (interpreter start included),
best of {repeat} runs.

| command | wall time | per file |
|---|---:|---:|
| `yaml.load(text, Loader=yaml.CSafeLoader)` for every file | {load:.2f} s | {load / count * 1000:.1f} ms |
| `minsheng validate DIR` | {validate:.2f} s | {validate / count * 1000:.1f} ms |

`validate` takes **{ratio:.2f}×** the time of loading alone ({verdict} the {TARGET_RATIO:g}× aim). It
does more than load: it keeps every value's line and column, refuses duplicate keys and aliases,
validates the pydantic model and runs the semantic checks. Profiling showed the located builder of
`yamlnodes.py` spending most of its time in PyYAML's `construct_object`, whose cache also kept
every node of every file alive; plain scalars now skip the constructor, and the cyclic garbage
collector pauses while a file is composed (its node graph has no cycles). Together these brought
the ratio from 3–4× (measured on 200 files) to the figure above.
"""


def write_section(text: str) -> None:
    """Replace this benchmark's section of benchmarks/README.md, or append it."""
    old = README.read_text(encoding="utf-8") if README.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"^{re.escape(HEADING)}\n.*?(?=^## |\Z)", re.DOTALL | re.MULTILINE)
    new = pattern.sub(lambda _: text + "\n", old) if pattern.search(old) else \
        old.rstrip("\n") + "\n\n" + text
    README.write_text(new.rstrip("\n") + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-write", action="store_true", help="Do not update benchmarks/README.md.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="minsheng-bench-") as tmp:
        directory = Path(tmp)
        write_plans(directory, args.files)
        load = best_time([sys.executable, "-c", LOAD_ONLY, str(directory)], args.repeat)
        validate = best_time([sys.executable, "-m", "minsheng_cli", "validate", str(directory)],
                             args.repeat)
    text = section(args.files, args.repeat, load, validate)
    print(text)
    if not args.no_write:
        write_section(text)
        print(f"written to {README.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
