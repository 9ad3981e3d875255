"""The `minsheng` command: one thin module per command (parse → call the library → render →
exit code), shared options in options.py, the typer app in app.py."""

from __future__ import annotations

from . import check, planfiles, report, review, template  # noqa: F401  (each registers its commands)
from .app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
