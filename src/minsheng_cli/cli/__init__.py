"""The `minsheng` command: one thin module per command (parse → call the library → render →
exit code), shared options in options.py, the typer app in app.py."""

from __future__ import annotations

import os

# No pydantic plugins in the command: looking for them scans every installed distribution's
# entry points (~10 ms a start), and minsheng uses none. A user's own setting is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
# No transparent huge pages for numpy's arrays: a check allocates its big arrays once and drops
# them, and the kernel zeroing 2 MiB pages on first touch cost a third of the time at 10,000,000
# rows (benchmarks/README.md). Read by numpy when it is imported, which is later.
os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")

from . import check, planfiles, report, review, template  # noqa: F401  (each registers its commands)
from .app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
