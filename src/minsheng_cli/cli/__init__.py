"""The `minsheng` command: one thin module per command (parse → call the library → render →
exit code), shared options in options.py, the typer app in app.py."""

from __future__ import annotations

import os

# No pydantic plugins in the command: looking for them scans every installed distribution's
# entry points (~10 ms a start), and minsheng uses none. A user's own setting is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")

from . import check, planfiles, report, review, template  # noqa: F401  (each registers its commands)
from .app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
