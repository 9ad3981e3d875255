"""A content model of an official document (公文), independent of any output format.

The model holds what a 通报 says, not how it looks: its title, addressees (主送机关), numbered
sections, closing lines, attachments (附件) with tables, issuer (发文机关署名) and date (成文日期).
`write_docx` lays it out as a Word document in the GB/T 9704-2012 党政机关公文格式 layout
(see `gongwen_docx`); python-docx is imported only when a document is written.

Heading texts carry their own numbers ("一、总体情况", "（一）……"): the model never numbers them,
so a heading reads the same in every output. A section's depth gives its heading level: top-level
sections are level 1 (黑体), their subsections level 2 (楷体), deeper ones level 3 (仿宋).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import BinaryIO

__all__ = [
    "Attachment",
    "OfficialDocument",
    "Paragraph",
    "Run",
    "Section",
    "Table",
    "chinese_date",
    "paragraph_text",
    "write_docx",
    "xml_safe",
]


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph, bold or not."""

    text: str
    bold: bool = False


Paragraph = str | tuple[Run, ...]
"""A body paragraph: plain text, or runs (for bold lead-ins such as "**一是**……")."""


_HEX_COLOUR = re.compile(r"[0-9A-Fa-f]{6}")


@dataclass(frozen=True)
class Table:
    """A table: a header row (repeated on each page) and body rows of cell texts.

    `widths_mm` gives relative column widths in mm; they are scaled to fill the type area.
    `fills`, if given, has one entry per body cell: a background colour as six hex digits
    (e.g. "C6EFCE") or None for none.
    """

    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths_mm: tuple[float, ...] | None = None
    fills: tuple[tuple[str | None, ...], ...] | None = None

    def __post_init__(self) -> None:
        n = len(self.headers)
        if n == 0:
            raise ValueError("a table needs at least one column")
        for i, row in enumerate(self.rows):
            if len(row) != n:
                raise ValueError(f"table row {i + 1} has {len(row)} cells, the header has {n}")
        if self.widths_mm is not None:
            if len(self.widths_mm) != n:
                raise ValueError(f"{len(self.widths_mm)} column widths for {n} columns")
            if any(not w > 0 for w in self.widths_mm):
                raise ValueError("column widths must be positive")
        if self.fills is not None:
            if len(self.fills) != len(self.rows) or any(len(f) != n for f in self.fills):
                raise ValueError("fills must have one entry per body cell")
            for colour in (c for row in self.fills for c in row if c is not None):
                if not _HEX_COLOUR.fullmatch(colour):
                    raise ValueError(f"cell fill {colour!r} is not six hex digits")


@dataclass(frozen=True)
class Section:
    """A numbered part of the body: its heading, paragraphs, tables, then subsections."""

    heading: str
    paragraphs: tuple[Paragraph, ...] = ()
    subsections: tuple[Section, ...] = ()
    tables: tuple[Table, ...] = ()


@dataclass(frozen=True)
class Attachment:
    """An attachment (附件), laid out on its own pages after the body; landscape if wide."""

    title: str
    paragraphs: tuple[Paragraph, ...] = ()
    tables: tuple[Table, ...] = ()
    landscape: bool = False


@dataclass(frozen=True)
class OfficialDocument:
    """A whole document. `closing` holds lines after the sections, such as "特此通报。".

    A long title is broken with "\n" where its meaning allows (GB/T 9704 wants a trapezoid or
    diamond, never a word split); the writer cannot know words, so it breaks only where told or
    where the line is full. `date` is written as given: see `chinese_date`.
    """

    title: str
    addressees: str
    sections: tuple[Section, ...]
    issuer: str
    date: str
    attachments: tuple[Attachment, ...] = ()
    document_number: str | None = None
    closing: tuple[Paragraph, ...] = ()


def chinese_date(day: dt.date) -> str:
    """成文日期 as GB/T 9704-2012 writes it, in Arabic digits without padding: 2023年9月30日."""
    return f"{day.year}年{day.month}月{day.day}日"


def paragraph_text(paragraph: Paragraph) -> str:
    """The plain text of a paragraph."""
    if isinstance(paragraph, str):
        return paragraph
    return "".join(run.text for run in paragraph)


# Characters XML 1.0 forbids (python-docx raises ValueError on them): C0 controls other than
# tab, newline and carriage return; surrogates; U+FFFE and U+FFFF. DEL is legal but invisible.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return "^" + chr(code + 0x40)  # caret notation: \x00 -> ^@, \x0c -> ^L
    if code == 0x7F:
        return "^?"
    return "\ufffd"


def xml_safe(text: str) -> str:
    """`text` with characters XML 1.0 forbids made visible (^X for controls, U+FFFD otherwise).

    A carriage return, alone or before a newline, becomes a newline.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _FORBIDDEN.sub(_escape, text)


def write_docx(doc: OfficialDocument, stream: BinaryIO) -> None:
    """Write `doc` to `stream` as a .docx in the GB/T 9704-2012 layout."""
    from .gongwen_docx import write_document

    write_document(doc, stream)
