"""Messages of commands (see the package's docstring)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
}
