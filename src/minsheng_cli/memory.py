"""Memory for reading a very big file, in the `minsheng` command only: glibc keeps what numpy
frees for the next array instead of handing it back to the kernel. The row checks make and drop
dozens of arrays of the file's length, and each new one otherwise faults in fresh zeroed pages:
checking 10,000,000 rows (575 MB) took ~670,000 page faults and 3.1 s, and with this ~370,000
and 2.6 s (benchmarks/README.md). It lasts for the rest of the process, which suits a command
that ends when its work is done and not a program that calls the library: the command turns it
on (`allow`). Below BIG bytes (a district's year of daily reports is ~70 MB) it gains little
and costs ~5–7 % of peak memory, so it is not done there. The user's own malloc settings
(`GLIBC_TUNABLES` naming glibc.malloc, or a `MALLOC_…_` variable) are kept."""

from __future__ import annotations

import os
import sys

BIG = 256 << 20
M_TRIM_THRESHOLD, M_MMAP_MAX = -1, -4  # mallopt's parameters (malloc.h)

_allowed: list[bool] = []
_kept: list[bool] = []


def allow() -> None:
    """Let `for_reading` keep freed memory (the command's process is its own)."""
    _allowed.append(True)


def for_reading(size: int) -> None:
    """Before reading a file of `size` bytes: for a very big one, keep freed memory (once, and
    only when `allow` was called)."""
    if size >= BIG and _allowed and not _kept:
        _kept.append(_keep_freed())


def _keep_freed() -> bool:
    if sys.platform != "linux" or "glibc.malloc" in os.environ.get("GLIBC_TUNABLES", ""):
        return False
    if any(name.startswith("MALLOC_") and name.endswith("_") for name in os.environ):
        return False
    try:
        libc_name = os.confstr("CS_GNU_LIBC_VERSION") or ""
    except (ValueError, OSError):  # not glibc (musl has no such settings)
        return False
    if not libc_name.startswith("glibc"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None)
        # large blocks from the heap, not from mmap (so freeing one keeps its pages), and the
        # heap's top never trimmed back (up to 2 GiB, mallopt's int)
        return bool(libc.mallopt(M_MMAP_MAX, 0)) and bool(
            libc.mallopt(M_TRIM_THRESHOLD, (1 << 31) - 1))
    except (ImportError, OSError, AttributeError):  # no libc symbols to call: reading goes on
        return False
