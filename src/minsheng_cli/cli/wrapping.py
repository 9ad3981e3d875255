"""Help text in lines that fit the terminal: measured in display columns (a Chinese character
takes two), broken at spaces and between Chinese characters, never inside an ASCII word
(`letter_after`), nor before a closing mark (，。）) or after an opening one (（“). click measures
characters and breaks at spaces only, so its lines of Chinese ran to twice the width."""

from __future__ import annotations

import re
import unicodedata

_CLOSING = set("，。、；：！？）」』】》〉”’…%)]},.;:!?")  # never at the start of a line
_OPENING = set("（「『【《〈“‘([{")  # never at the end of one


def wide(char: str) -> bool:
    # ambiguous characters (“ ” – …) count as wide: they are, in a Chinese terminal
    return unicodedata.east_asian_width(char) in "WFA" and not char.isascii()


def cells(text: str) -> int:
    """How many terminal columns `text` takes: two for a Chinese character."""
    return sum(0 if unicodedata.combining(c) else 2 if wide(c) else 1 for c in text)


def _pieces(text: str) -> list[tuple[str, str]]:
    """`text` as (space before, piece) pairs, a line break allowed before each piece: between
    two words, and between Chinese characters, but not before a closing mark (，。）) or after
    an opening one (（“), nor between a word and the number after it (GB/T 9704)."""
    clusters = re.findall(r"(\s*)(\S)", text)
    out: list[list[str]] = []
    for space, char in clusters:
        if out:
            last = out[-1][1]
            joined = (not space and not wide(char) and not wide(last[-1])  # inside a word
                      or char in _CLOSING and not space
                      or last[-1] in _OPENING and not space
                      or space == " " and char.isdigit() and last.isascii()
                      and last[-1].isalpha())
            if joined:
                out[-1][1] = last + space + char
                continue
        out.append([space, char])
    return [(space, piece) for space, piece in out]


def wrap(text: str, width: int, initial_indent: str = "", subsequent_indent: str = "",
         tail: str = "") -> str:
    """`text` in lines of at most `width` columns; a piece longer than a line is cut. `tail`
    (click's notes) follows it unbroken where it fits on a line."""
    pieces = _pieces(text)
    if tail and cells(tail.strip()) <= width - cells(subsequent_indent):
        pieces.append((tail[: len(tail) - len(tail.lstrip())], tail.lstrip()))
    elif tail:
        pieces = _pieces(text + tail)
    lines: list[str] = []
    line, used = initial_indent, cells(initial_indent)
    fresh = True  # nothing but the indent on the line yet
    for space, piece in pieces:
        size = cells(piece)
        gap = "" if fresh else (" " if space else "")
        if not fresh and used + cells(gap) + size > width:
            lines.append(line)
            line, used, fresh, gap = subsequent_indent, cells(subsequent_indent), True, ""
        while used + size > width and len(piece) > 1:  # longer than a whole line
            room = next((n for n in range(len(piece), 0, -1)
                         if used + cells(piece[:n]) <= width), 1)
            lines.append(line + piece[:room])
            piece = piece[room:]
            line, used, size = subsequent_indent, cells(subsequent_indent), cells(piece)
        line, used, fresh = line + gap + piece, used + cells(gap) + size, False
    lines.append(line)
    return "\n".join(lines)


def wrap_paragraphs(text: str, width: int, indent: str = "", tail: str = "") -> str:
    """click's `wrap_text(..., preserve_paragraphs=True)` by display width: paragraphs apart by
    a blank line, each indented as its first line is; one opened by a line `\b` kept as it is.
    `tail` follows the last paragraph (see `wrap`)."""
    blocks = [rows for rows in (b.splitlines() for b in re.split(r"\n\s*\n", text.expandtabs()))
              if rows]
    out = []
    for n, rows in enumerate(blocks):
        last = n == len(blocks) - 1
        if rows[0].strip() == "\b":
            out.append("\n".join(indent + row for row in rows[1:]) + (tail if last else ""))
            continue
        extra = " " * (len(rows[0]) - len(rows[0].lstrip()))
        joined = rows[0].strip()
        for row in rows[1:]:
            row = row.strip()
            both_wide = joined and row and wide(joined[-1]) and wide(row[0])
            joined += row if both_wide else " " + row
        out.append(wrap(joined, width, indent + extra, indent + extra, tail if last else ""))
    return "\n\n".join(out) if out else wrap("", width, indent, indent, tail)
