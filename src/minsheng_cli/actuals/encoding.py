"""A CSV file's encoding: by BOM, else strict UTF-8, else GB18030 (Excel's Chinese CSV), with
located messages for bytes no encoding reads and for UTF-16 cut short."""

from __future__ import annotations

import codecs
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

from ..i18n import say
from ..problems import Problem, ProblemsError

if TYPE_CHECKING:
    pass

ANEW = say("file.save-anew")  # how to make a file minsheng reads


def _sniff_encoding(path: Path, name: str, head: bytes, complete: bool, size: int
                    ) -> tuple[str, str, list[Problem]]:
    """Encoding by BOM, else strict UTF-8, else GB18030 (Excel's Chinese CSV)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):
            if encoding == "utf-16" and size % 2:
                raise ProblemsError([_truncated_utf16(path, name)])
            try:
                return encoding, codecs.getincrementaldecoder(encoding)().decode(head, complete), []
            except UnicodeDecodeError:
                raise ProblemsError([_not_text(path, name)]) from None
    if (nul := head.find(b"\x00")) >= 0:
        raise ProblemsError([Problem("not-text", say("encoding.nul", anew=ANEW), name,
                                     head.count(b"\n", 0, nul) + 1)])
    for encoding, found in (("utf-8", []), ("gb18030", [_guessed(name)])):
        try:
            return encoding, codecs.getincrementaldecoder(encoding)().decode(head, complete), found
        except UnicodeDecodeError:
            pass
    raise ProblemsError([_not_text(path, name)])


def _truncated_utf16(path: Path, name: str) -> Problem:
    """UTF-16 comes in pairs of bytes: an odd count means the file was cut short."""
    decoder = codecs.getincrementaldecoder("utf-16")(errors="replace")
    newlines = 0
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            newlines += decoder.decode(chunk).count("\n")
    return Problem("not-text", say("encoding.utf16-cut", anew=ANEW), name, newlines + 1)


def _guessed(name: str) -> Problem:
    return Problem("encoding-guessed", say("encoding.guessed"), name, severity="warning")


def _not_text(path: Path, name: str) -> Problem:
    """not-text at the first byte that the likelier encoding (the one reading further) rejects."""
    stops = [(stop, enc) for enc in ("utf-8", "gb18030")
             if (stop := _first_bad_byte(path, enc)) is not None]
    offset, encoding = max(stops, default=(0, "utf-8"))
    line = 1
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            line += chunk.count(b"\n", 0, max(0, offset))
            offset -= len(chunk)
            if offset <= 0:
                break
    return Problem("not-text", say("encoding.not-text", encoding=encoding, anew=ANEW), name, line)


def _first_bad_byte(path: Path, encoding: str) -> int | None:
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    with path.open("rb") as f:
        for chunk in chain(iter(lambda: f.read(1 << 20), b""), [b""]):
            pending = len(decoder.getstate()[0])
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                return offset - pending + exc.start
            offset += len(chunk)
    return None


# ---------------------------------------------------------------- delimiter and header
