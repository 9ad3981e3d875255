"""Finding the header row of an actuals table and the columns of its fields."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..i18n import Join, say
from ..problems import Problem, ProblemsError
from ..text import clean, is_blank

# field → accepted headers. A public interface: only ever add names.
# the English name, the Chinese one (the template's, said in messages), then the other names
# clerks give the column. Not 截止日期 or 截止时间, though clerks write them for 截至日期: on
# government forms they are as often the deadline (完成时限), which read as the as-of date
# would judge everything at 2023-12-31 without a word; refused, the message names 截至日期.
FIELDS: dict[str, tuple[str, ...]] = {
    "indicator": ("indicator", "指标编号"),
    "as_of": ("as_of", "截至日期", "截至时间"),
    "value": ("value", "累计完成", "累计完成数", "累计完成量", "累计完成值"),
    "reporter": ("reporter", "填报单位", "报送单位", "填报单位名称"),
    "note": ("note", "备注"),
}
REQUIRED = ("indicator", "as_of", "value")
COLUMNS = ["indicator", "as_of", "value", "reporter", "note", "row"]
HEADER_SEARCH = 10  # rows searched for the header, below any title rows
HEADER_BEYOND = 200  # rows below those looked at only to say that the header is too far down


@dataclass
class Header:
    row: int  # 0-based index among the rows searched
    cells: list[str]
    fields: dict[str, int]  # field → 0-based column
    above: tuple[str, ...] = ()  # the rows above it (titles, a 填报单位：… line), cells joined


def _header_key(text: object) -> str:
    # invisible characters (zero-width space and joiner, BOM, soft hyphen, bidi marks: Unicode's
    # format characters) do not make another name: a hidden U+200D must not hide a second column
    key = re.sub(r"[\s_\-]+", "", clean(str(text))).casefold()
    return key if key.isascii() else "".join(ch for ch in key if unicodedata.category(ch) != "Cf")


def _shown(text: str) -> str:
    """A header cell for a message, its invisible characters made visible."""
    text = text if len(text) <= 40 else text[:40] + "…"
    if text.isascii():
        return text
    return "".join(f"<U+{ord(ch):04X}>" if unicodedata.category(ch) == "Cf" else ch
                   for ch in text)


_ALIASES = {_header_key(alias): f for f, aliases in FIELDS.items() for alias in aliases}


def find_header(rows: Sequence[Sequence[object]], file: str) -> Header:
    """The first row among the first HEADER_SEARCH naming all required fields (a merged cell
    above may name a column); raise missing-column / duplicate-column problems. Rows after those
    (if given) are only looked at to say that the header is too far down."""
    best: tuple[int, int, list[str], dict[str, list[int]]] | None = None
    for i in range(min(len(rows), HEADER_SEARCH)):
        texts, found = _candidate(rows, i)
        if all(f in found for f in REQUIRED):
            return replace(_header(i, texts, found, file, _above(rows, i)), above=_above(rows, i))
        if any(texts) and (best is None or len(found) > len(best[3])):
            best = (i, i + 1, texts, found)
    for i in range(HEADER_SEARCH, min(len(rows), HEADER_SEARCH + HEADER_BEYOND)):
        if all(f in _candidate(rows, i)[1] for f in REQUIRED):
            raise ProblemsError([Problem(
                "missing-column", say("header.too-low", row=i + 1, limit=HEADER_SEARCH), file,
                i + 1)])
    if best is None:
        raise ProblemsError([Problem("empty-file", say("header.no-content"), file)])
    _, line, texts, found = best
    cells = [_shown(t) for t in texts if t]
    listed = Join(("、", ", "), cells) if cells else say("header.nothing")
    required = Join(("、", ", "), [FIELDS[r][1] + "/" + FIELDS[r][0] for r in REQUIRED])
    raise ProblemsError([  # the Chinese name first: it is the one the template and clerks use
        Problem("missing-column", say("header.missing", name=FIELDS[f][1], field=f, row=line,
                                      listed=listed, required=required), file, line)
        for f in REQUIRED if f not in found], _above(rows, line - 1))


def _above(rows: Sequence[Sequence[object]], i: int) -> tuple[str, ...]:
    """The rows above row i (the header, or the row that comes closest), as text: a title, a
    `填报单位：…` line."""
    return tuple(" ".join(clean(str(v)) for v in row if not is_blank(v)) for row in rows[:i])


def _candidate(rows: Sequence[Sequence[object]], i: int) -> tuple[list[str], dict[str, list[int]]]:
    """Row i's texts and the fields they name, as they are or completed by the merged cells of
    the row above (whichever names more)."""
    row = rows[i]
    above = rows[i - 1] if i else []
    merged = [above[j] if is_blank(v) and j < len(above) else v for j, v in enumerate(row)]
    best: tuple[list[str], dict[str, list[int]]] = ([], {})
    for candidate in (row, merged):
        texts = ["" if is_blank(v) else clean(str(v)) for v in candidate]
        found: dict[str, list[int]] = {}
        for j, text in enumerate(texts):
            if (f := _ALIASES.get(_header_key(text))) is not None:
                found.setdefault(f, []).append(j)
        if all(f in found for f in REQUIRED):
            return texts, found
        if not best[0] or len(found) > len(best[1]):
            best = (texts, found)
    return best


def _header(i: int, texts: list[str], found: dict[str, list[int]], file: str,
            above: tuple[str, ...]) -> Header:
    line = i + 1
    problems = [
        Problem("duplicate-column", say("header.duplicate", a=js[0] + 1, a_text=_shown(texts[js[0]]),
                                        b=j + 1, b_text=_shown(texts[j]), field=f),
                file, line, j + 1)
        for f, js in found.items() for j in js[1:]]
    if problems:
        raise ProblemsError(problems, above)
    return Header(i, texts, {f: js[0] for f, js in found.items()})
