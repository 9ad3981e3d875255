"""The `minsheng` command: one thin module per command (parse → call the library → render →
exit code), shared options in options.py, the typer app in app.py."""

from __future__ import annotations

import os
import sys

# No pydantic plugins in the command: looking for them scans every installed distribution's
# entry points (~10 ms a start), and minsheng uses none. A user's own setting is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
# No transparent huge pages for numpy's arrays (read when numpy is imported, so set here): with
# the kernel's usual `defrag=madvise`, each fresh large array numpy marks MADV_HUGEPAGE may stall
# its first touch on compaction, and check's temporaries are many and large. Checking 10,000,000
# rows took 5.1 s with them and 3.8 s without (medians of 7, interleaved; 1,000,000 rows: the
# same within noise; benchmarks/README.md). A user's own setting is kept.
os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")
# Arrow's buffers from jemalloc, for the same reason: its default, mimalloc, asks for huge pages
# too. Reading 10,000,000 rows took 1.2–1.8 s with mimalloc and 1.0–1.1 s with jemalloc (fresh
# processes); checking 1,000,000 rows peaks 7 MB lower. Read when pyarrow loads, so set here;
# only where pyarrow's wheels carry jemalloc, Linux on x86-64 (its ARM wheels have none since
# pyarrow 18, and Arrow would warn on every run). A user's own setting is kept.
if sys.platform == "linux" and os.uname().machine == "x86_64":
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "jemalloc")

from .. import memory
from . import check, planfiles, report, review, template  # noqa: F401  (each registers its commands)
from .app import app


def main() -> None:
    memory.allow()  # this process is the command's: a very big file may keep freed memory
    app()


__all__ = ["app", "main"]
