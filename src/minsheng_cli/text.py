"""How the tool cleans a cell's text and quotes it in a message. No I/O, no third-party imports."""

from __future__ import annotations

import math
import unicodedata

# Characters a spreadsheet leaves around a value that mean nothing: whitespace (incl. U+3000 and
# NBSP, which NFKC turns into spaces), a stray BOM, zero-width spaces.
JUNK = " \t\r\n\v\f\u3000\u00a0\ufeff\u200b"


def clean(value: str) -> str:
    """Full-width forms → ASCII (NFKC), surrounding whitespace removed."""
    if value.isascii():
        return value.strip(JUNK)
    return unicodedata.normalize("NFKC", value).strip(JUNK)


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and not value.strip(JUNK)


def shown(value: object) -> str:
    """A cell value quoted for a message, cut to a readable length."""
    text = value if isinstance(value, str) else str(value)
    return '"' + (text if len(text) <= 40 else text[:37] + "...") + '"'
