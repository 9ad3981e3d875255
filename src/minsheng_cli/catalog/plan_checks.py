"""Messages of plan checks (see the package's docstring)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
}
