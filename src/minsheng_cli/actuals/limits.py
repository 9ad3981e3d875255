"""Bounds on what an actuals file may be, so that a hostile or broken file is refused quickly, in
plain words, before it can hang the tool or exhaust memory. benchmarks/README.md lists them with
their cost. Each refusal is a located `limit-exceeded` problem (or `file-unreadable` for what is
not a file) saying what to do."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

from ..i18n import say
from ..problems import Problem, ProblemsError

MiB = 1 << 20
FILE_BYTES = 2 << 30  # a CSV or Parquet file
RECORD_BYTES = 16 * MiB  # one CSV record (the sniffing and parsing block)
HEADER_BYTES = 64 << 10  # where a CSV's header row must end (the head read to sniff it)
CELL_CHARS = 32_767  # a workbook's or Parquet file's cell: Excel's own limit
WORKBOOK_BYTES = 256 * MiB  # a workbook's parts, uncompressed (as declared and as inflated)
WORKBOOK_RATIO = 100  # a part's uncompressed / compressed size, for parts over 1 MiB
WORKBOOK_PARTS = 10_000  # files inside the workbook's zip
SHEET_ROWS = 1_048_576  # Excel's own limit
SHEET_COLUMNS = 1_000
SHEET_CELLS = 10_000_000  # from A1 to a sheet's farthest cell: rows × columns (~32 bytes each)

SPLIT = say("limit.split")


def limit(message: str, file: str, line: int | None = None,
          column: int | None = None) -> ProblemsError:
    return ProblemsError([Problem("limit-exceeded", message, file, line, column)])


def regular_file(path: Path, name: str) -> int:
    """The file's size; refuse what is missing or not a regular file (a FIFO, a device, a
    socket) before opening it, which could block for ever."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ProblemsError([Problem("file-not-found", say("file.not-found"),
                                     name)]) from None
    except OSError as exc:
        raise ProblemsError([Problem("file-unreadable", say("file.os-error", error=exc.strerror),
                                     name)]) from None
    if stat.S_ISDIR(info.st_mode):
        raise ProblemsError([Problem("file-unreadable", say("file.directory"),
                                     name)])
    if not stat.S_ISREG(info.st_mode):
        kind = say("read.fifo" if stat.S_ISFIFO(info.st_mode) else
                   "read.device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else
                   "read.socket" if stat.S_ISSOCK(info.st_mode) else "read.special")
        raise ProblemsError([Problem("file-unreadable", say("limit.special-file", kind=kind),
                                     name)])
    return info.st_size


def file_size(size: int, name: str) -> None:
    if size > FILE_BYTES:
        raise limit(say("limit.file-size", size=f"{size / (1 << 30):.1f}", limit=FILE_BYTES >> 30,
                        split=SPLIT), name)


def workbook_parts(book: zipfile.ZipFile, name: str) -> None:
    """The zip's central directory: the number of parts, their declared sizes and how much
    they inflate (a zip bomb is refused here, before anything is inflated)."""
    infos = book.infolist()
    if len(infos) > WORKBOOK_PARTS:
        raise limit(say("limit.parts", n=len(infos), limit=WORKBOOK_PARTS), name)
    total = sum(i.file_size for i in infos)
    if total > WORKBOOK_BYTES:
        raise limit(say("limit.inflates", size=total / MiB, limit=WORKBOOK_BYTES // MiB,
                        split=SPLIT), name)
    for i in infos:
        if i.file_size > MiB and i.file_size > WORKBOOK_RATIO * max(i.compress_size, 1):
            raise limit(say("limit.zip-bomb", part=i.filename,
                            ratio=i.file_size // max(i.compress_size, 1), small=i.compress_size,
                            large=i.file_size, limit=WORKBOOK_RATIO), name)


def sheet_extent(rows: int, columns: int, sheet: str, name: str) -> None:
    """A sheet's used range, from A1 to its farthest cell with a value; calamine allocates
    every cell of it, empty or not."""
    where = say("limit.extent", sheet=sheet, cell=f"{column_letters(columns)}{rows}")
    fix = say("limit.extent-fix")
    if rows > SHEET_ROWS:
        raise limit(say("limit.rows", where=where, limit=SHEET_ROWS, fix=fix), name, rows, columns)
    if columns > SHEET_COLUMNS:
        raise limit(say("limit.columns", where=where, limit=SHEET_COLUMNS, fix=fix), name, rows,
                    columns)
    if rows * columns > SHEET_CELLS:
        raise limit(say("limit.cells", where=where, n=rows * columns, limit=SHEET_CELLS, fix=fix,
                        split=SPLIT), name, rows, columns)


def column_letters(number: int) -> str:
    """1 → A, 27 → AA: the column as Excel names it."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    number = 0
    for ch in letters:
        number = number * 26 + ord(ch) - 64
    return number


def cell_message(length: int) -> str:
    return say("limit.cell", length=length, limit=CELL_CHARS)
