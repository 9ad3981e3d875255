"""The one place that neutralises data for where it is shown: terminals and log lines,
spreadsheet cells (CSV/xlsx), Markdown and HTML. Data is never markup, never a formula and never
a terminal command, whatever file it came from. No third-party imports."""

from __future__ import annotations

import html
import re
import unicodedata
from typing import Any

# A cell starting with one of these is run as a formula (or DDE) by Excel, WPS or LibreOffice.
# The full-width and small forms are included because spreadsheets normalize them on entry.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0", "＝", "＋", "－", "＠", "﹦", "﹢",
                  "﹣", "﹫")
# Control characters that XML 1.0, hence .xlsx, cannot hold (tab, LF and CR are allowed).
_XML_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# What a terminal acts on: C0 and C1 controls, DEL, and the bidirectional overrides that reorder
# what a reader sees (Trojan Source).
_TERMINAL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\u{ord(char):04x}"
                                                      if ord(char) > 0xFF else f"\\x{ord(char):02x}")


def terminal(text: str) -> str:
    """Text for a terminal or a one-line message: every control character shown as an escape
    (`\\x1b`, `\\n`), so that data can neither steer the terminal nor forge a line."""
    return _TERMINAL.sub(_visible, text)


def _leading_invisible(text: str) -> str:
    """The text from its first visible character on: whitespace (incl. U+3000, NBSP), format
    characters (zero-width space and joiners, BOM) and controls skipped."""
    for i, char in enumerate(text):
        if not (char.isspace() or unicodedata.category(char) in {"Cf", "Cc", "Zs"}):
            return text[i:]
    return ""


def formula_risky(text: str) -> bool:
    """Whether a spreadsheet could run `text` as a formula: a formula start as written, or after
    leading whitespace and invisible characters, or in a full-width or small form."""
    if text.startswith(FORMULA_STARTS):
        return True
    rest = _leading_invisible(text)
    return bool(rest) and (rest.startswith(FORMULA_STARTS)
                           or unicodedata.normalize("NFKC", rest[0]) in {"=", "+", "-", "@"})


def cell(value: Any) -> Any:
    """A spreadsheet cell: text a spreadsheet would run as a formula is prefixed with `'`,
    characters XML cannot hold are dropped. Numbers, dates and None come back unchanged."""
    if not isinstance(value, str):
        return value
    text = _XML_CONTROL.sub("", value)
    # Judge both forms: "\0=…" is dangerous as written, "\x1f@…" once the control is dropped.
    return "'" + text if formula_risky(value) or formula_risky(text) else text


def markdown(text: Any) -> str:
    """Data in Markdown (a table cell or a heading): no pipes, no line breaks, no HTML, link or
    emphasis syntax."""
    out = terminal(str(text)).replace("\\", "\\\\").replace("|", "\\|")
    for char in "<>[]()`*_&!#~":
        out = out.replace(char, "\\" + char)
    return out


def html_text(text: Any) -> str:
    """Data in HTML text or an attribute value."""
    return html.escape(terminal(str(text)), quote=True)
