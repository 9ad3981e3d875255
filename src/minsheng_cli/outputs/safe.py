"""The one place that neutralises data for where it is shown: terminals and log lines,
spreadsheet cells (CSV/xlsx), Markdown, HTML and JSON. Data is never markup, never a formula and
never a terminal command, whatever file it came from. No third-party imports.

The rule, for every edge: control characters are shown as visible escapes (`\\x1b`, `\\n`,
`\\u202e`), never passed on; then the edge's own syntax is escaped (a `'` before a formula start,
a backslash before Markdown punctuation, HTML entities)."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from typing import Any

# A cell starting with one of these is run as a formula (or DDE) by Excel, WPS or LibreOffice.
# The full-width and small forms are included because spreadsheets normalize them on entry.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\0",
                  "＝", "＋", "－", "＠", "﹦", "﹢", "﹣", "﹫")
# What a terminal acts on or a reader is misled by: C0 and C1 controls (ESC, CSI, OSC, BEL, CR,
# LF …), DEL, the bidirectional controls that reorder what a reader sees (Trojan Source), the
# Unicode line and paragraph separators (line breaks to many viewers), and lone surrogates
# (which no output encoding can hold).
_CONTROLS = ("\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e"
             "\u2066-\u2069\ud800-\udfff")
_TERMINAL = re.compile(f"[\t\n{_CONTROLS}]")
# In a spreadsheet cell a tab and a line break are content (csv quotes them, xlsx holds them);
# U+FFFE and U+FFFF are not characters XML 1.0, hence .xlsx, can hold.
_CELL = re.compile(f"[{_CONTROLS}\ufffe\uffff]")
# What json.dumps(ensure_ascii=False) leaves raw although a terminal acts on it: written as
# \\u escapes, which decode to the same string.
_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                   "\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) <= 0xFF
                                else f"\\u{ord(char):04x}")


def terminal(text: Any) -> str:
    """Text for a terminal or a one-line message: every control character shown as an escape
    (`\\x1b`, `\\n`), so that data can neither steer the terminal nor forge a line."""
    return _TERMINAL.sub(_visible, str(text))


def shorten(text: Any, limit: int = 80) -> str:
    """Data quoted in a message: at most `limit` characters, with the length when cut."""
    text = str(text)
    return text if len(text) <= limit else f"{text[:limit]}… ({len(text):,} characters)"


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
    """A spreadsheet cell (CSV or xlsx): control characters other than tab and line break shown
    as escapes, and text a spreadsheet would run as a formula prefixed with `'`. Numbers, dates
    and None come back unchanged."""
    if not isinstance(value, str):
        return value
    text = _CELL.sub(_visible, value.replace("\r\n", "\n"))
    # Judged as written too: "\r=1" is shown as "\\r=1", which no spreadsheet runs, but it was
    # meant to be run, and the `'` says so.
    return "'" + text if formula_risky(value) or formula_risky(text) else text


def cells(row: dict[str, Any]) -> dict[str, Any]:
    """Every value of a CSV row through `cell`; lists (lead units) joined with 、 first."""
    return {key: cell("、".join(map(str, v)) if isinstance(v, list | tuple) else v)
            for key, v in row.items()}


# ASCII punctuation that Markdown (CommonMark, GitHub's extensions) reads as HTML, an entity,
# a link or image (no `[`, so `](`, `![` cannot form), code, emphasis, strike-through, a table
# cell, a heading's closing `#` or math, wherever it stands.
_MARKDOWN_SPECIAL = re.compile(r"[\\`*\[\]<>#|~&$]"
                               # _ between letters or digits (charging_piles) is no emphasis
                               r"|(?<![^\W_])_|_(?![^\W_])"
                               # autolinks: a scheme's colon (http:, javascript:), www., e-mail @
                               r"|(?<=[A-Za-z]):|(?<=www)\.|(?<=WWW)\.|@"
                               # what starts a list or a heading underline at a line start
                               r"|^[-+=]")
_ORDERED_ITEM = re.compile(r"[0-9]{1,9}(?=[.)](?:[ \t]|$))")  # `1. ` or `1) ` at a line start


def markdown(text: Any) -> str:
    """Data in Markdown (a table cell, a heading, a paragraph): one line, and every character
    Markdown or its extensions would read as syntax backslash-escaped, so that no HTML, link,
    image, autolink, code, emphasis, table cell, heading or math comes out of data."""
    if text is None:
        return "—"
    out = _MARKDOWN_SPECIAL.sub(lambda m: "\\" + m.group(), terminal(text))
    if item := _ORDERED_ITEM.match(out):
        out = f"{out[:item.end()]}\\{out[item.end():]}"
    return out


def markdown_code(text: Any) -> str:
    """Data as an inline code span where it can be one (no backtick or pipe in it), else as
    escaped text."""
    shown = terminal(text)
    return f"`{shown}`" if not re.search(r"[`|]", shown) else markdown(text)


def html_text(text: Any) -> str:
    """Data in HTML text or an attribute value."""
    return html.escape(terminal(text), quote=True)


def json_text(data: Any, indent: int | None = 2) -> str:
    """JSON of `data` (non-ASCII text kept readable), with the characters a terminal acts on
    that json.dumps leaves raw (C1 controls, bidirectional controls, U+2028/9) as \\u escapes:
    the same values, safe to print."""
    text = _dumps(data, indent, 0) if indent else json.dumps(data, ensure_ascii=False)
    return _JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_PRETTY_DEPTH = 3  # lists and objects nested deeper are written on one line


def _dumps(data: Any, indent: int, depth: int) -> str:
    """JSON indented like json.dumps(indent=…) down to _PRETTY_DEPTH, one line below it. The
    compact parts go through json's C encoder (one encoder for all: json.dumps with arguments
    builds a new one per call): json.dumps with an indent is pure Python, and a check of a
    million rows has some ten thousand `sources` entries to write."""
    if depth >= _PRETTY_DEPTH or not isinstance(data, dict | list) or not data:
        return _COMPACT.encode(data)
    pad, inner = " " * (indent * depth), " " * (indent * (depth + 1))
    if isinstance(data, dict):
        items = [f"{inner}{_COMPACT.encode(str(k))}: {_dumps(v, indent, depth + 1)}"
                 for k, v in data.items()]
        return "{\n" + ",\n".join(items) + f"\n{pad}}}"
    items = [f"{inner}{_dumps(v, indent, depth + 1)}" for v in data]
    return "[\n" + ",\n".join(items) + f"\n{pad}]"


_COMPACT = json.JSONEncoder(ensure_ascii=False)  # json.dumps(x, ensure_ascii=False), reused
