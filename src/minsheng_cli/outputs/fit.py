"""Text and tables in the terminal's width, never breaking a word, number, date or id.

rich wraps at spaces and folds anything longer at any character: Chinese text, which has no
spaces, then splits `12315` or `2023-09-30` inside it. Here a cell is cut into pieces that may
not be broken (an English word, a run of Latin letters and figures, one Chinese character with
the punctuation that must stay beside it) and laid out in lines before rich sees it; a layout
whose columns cannot hold their widest piece is not used (see `widths`)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.cells import cell_len

if TYPE_CHECKING:
    from rich.text import Text

# A cell: a text (broken at spaces and between Chinese characters), or its pieces in order
# (joined as they are, broken only between pieces: `("区卫生健康局、", "区妇联")`).
Cell = str | Sequence[str]

OPENING = "([{“‘《（「『【〈"
CLOSING = ")]}.,;:!?%”’》）」』】〉，。、；：！？…·"
_HYPHEN = re.compile(r"(?<=[A-Za-z]-)(?=[A-Za-z])")  # co-operation, never 2023-09-30


def _split_word(word: str) -> list[str]:
    raw: list[str] = []
    run = ""
    for char in word:
        if cell_len(char) == 2:  # a Chinese character (or full-width sign): a piece of its own
            if run:
                raw.append(run)
                run = ""
            raw.append(char)
        else:
            run += char
    if run:
        raw.append(run)
    parts = [part for piece in raw for part in _HYPHEN.split(piece)]
    glued: list[str] = []
    opening = ""
    for part in parts:
        if all(c in OPENING for c in part):  # “ and （ go with what follows
            opening += part
            continue
        if glued and not opening and all(c in CLOSING for c in part):  # ， ） ” with what precedes
            glued[-1] += part
        else:
            glued.append(opening + part)
        opening = ""
    if opening:
        glued.append(opening)
    return glued


def pieces(cell: Cell) -> list[tuple[str, bool]]:
    """The unbreakable pieces of one paragraph, each with whether a space comes before it."""
    if not isinstance(cell, str):
        return [(piece, False) for piece in cell if piece]
    out: list[tuple[str, bool]] = []
    for word in cell.split():
        out += [(part, i == 0 and bool(out)) for i, part in enumerate(_split_word(word))]
    return out


def _paragraphs(cell: Cell) -> list[Cell]:
    return list(cell.split("\n")) if isinstance(cell, str) else [cell]


def wrap(cell: Cell, width: int) -> list[str]:
    """The lines of `cell` in `width` columns, broken only between pieces (a piece wider than
    the width, which `widths` avoids, is folded: the last resort)."""
    width = max(width, 1)
    lines: list[str] = []
    for paragraph in _paragraphs(cell):
        line = ""
        for piece, space in pieces(paragraph):
            joined = f"{line} {piece}" if space and line else line + piece
            if cell_len(joined.rstrip()) <= width:
                line = joined
                continue
            if line.strip():
                lines.append(line.rstrip())
            line = piece.lstrip()
            while cell_len(line.rstrip()) > width:
                cut = 1
                while cut < len(line) and cell_len(line[:cut + 1]) <= width:
                    cut += 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line.rstrip())
    return lines


def wrapped(cell: Cell, width: int) -> str:
    return "\n".join(wrap(cell, width))


def need(cell: Cell) -> int:
    """The narrowest width that breaks nothing: the widest piece."""
    return max((cell_len(p) for para in _paragraphs(cell) for p, _ in pieces(para)), default=0)


def natural(cell: Cell) -> int:
    """The width of the widest paragraph on one line."""
    return max((cell_len(wrapped(para, 10**6)) for para in _paragraphs(cell)), default=0)


def widths(needs: Sequence[int], naturals: Sequence[int], room: int,
           order: Sequence[int]) -> list[int] | None:
    """Column widths in `room` columns: each at least its need (None when that is too wide),
    the space left given to the columns in `order`, each up to its natural width."""
    out = list(needs)
    slack = room - sum(out)
    if slack < 0:
        return None
    for j in order:
        give = min(slack, max(0, naturals[j] - out[j]))
        out[j] += give
        slack -= give
    return out


def pack(head: Text | None, items: Sequence[Text], width: int, indent: str = "  ",
         sep: str = " · ") -> list[Text]:
    """`head` then the items on as few lines as fit, broken between items only: a broken line
    ends with the separator's dot, the next begins indented with an item, never with `·`."""
    from rich.text import Text

    dot = sep.rstrip()
    lines: list[Text] = []
    line = Text(indent)
    if head is not None:
        first = cell_len(items[0].plain) + (cell_len(dot) if len(items) > 1 else 0) if items else 0
        if head.cell_len + first > width:
            lines += [Text(text, style=head.style) for text in wrap(head.plain, width)]
        else:
            line = head.copy()
    start = line.cell_len
    for i, item in enumerate(items):
        after = cell_len(dot) if i < len(items) - 1 else 0  # room for the dot if it breaks next
        if line.cell_len > start:
            if line.cell_len + cell_len(sep) + item.cell_len + after <= width:
                line.append(sep)
            else:
                line.append(dot)
                lines.append(line)
                line = Text(indent)
                start = line.cell_len
        line.append_text(item)
    lines.append(line)
    return lines


def joined(names: Sequence[str], lang: str) -> tuple[str, ...]:
    """Names (lead units) as pieces never broken inside: `区卫生健康局、` `区妇联`."""
    sep = "、" if lang == "zh" else ", "
    return tuple(f"{name}{sep}" for name in names[:-1]) + tuple(names[-1:])


def with_unit(figure: str, unit: str) -> tuple[str, ...]:
    """`15,000 人`: a figure and the first word of its unit never apart."""
    first, *rest = unit.split(" ") if unit else [""]
    return (f"{figure} {first}".rstrip(), *(f" {word}" for word in rest))


def words(text: str) -> tuple[str, ...]:
    """A heading's pieces: broken at its spaces only (`序时应完成` stays whole, `Next checkpoint`
    may take two lines)."""
    parts = text.split(" ")
    return tuple(f"{part} " for part in parts[:-1]) + (parts[-1],)


def phrases(text: str) -> tuple[str, ...]:
    """A sentence's pieces for a note under a table: broken after a space or a punctuation
    mark only, so that no term (`已到节点`) is split."""
    out = re.findall(r"[^\s，。、；：！？）,;]*[\s，。、；：！？）,;]*", text)
    return tuple(piece for piece in out if piece)
