"""Memory for reading a big file: glibc keeps what numpy frees for the next array instead of
handing it back to the kernel. The row checks make and drop dozens of arrays of the file's
length, and each new one otherwise faults in fresh zeroed pages: checking 10,000,000 rows took
~670,000 page faults and 3.1 s, and with this ~370,000 and 2.6 s (benchmarks/README.md). Below
BIG bytes it gains nothing and costs ~7 % of peak memory, so it is not done there. It is a
setting of the whole process, made once; `GLIBC_TUNABLES` naming malloc settings is kept.
(Arrow's own allocator is chosen in cli/__init__.py, before pyarrow loads.)"""

from __future__ import annotations

import os
import sys

BIG = 64 << 20
M_TRIM_THRESHOLD, M_MMAP_MAX = -1, -4  # mallopt's parameters (malloc.h)

_kept: list[bool] = []


def for_reading(size: int) -> None:
    """Before reading a file of `size` bytes: for a big one, keep freed memory (once)."""
    if size >= BIG and not _kept:
        _kept.append(_keep_freed())


def _keep_freed() -> bool:
    if sys.platform != "linux" or "glibc.malloc" in os.environ.get("GLIBC_TUNABLES", ""):
        return False
    try:
        libc_name = os.confstr("CS_GNU_LIBC_VERSION") or ""
    except (ValueError, OSError):  # not glibc (musl has no such settings)
        return False
    if not libc_name.startswith("glibc"):
        return False
    import ctypes

    libc = ctypes.CDLL(None)
    # large blocks from the heap, not from mmap (so freeing one keeps its pages), and the heap's
    # top never trimmed back (up to 2 GiB, mallopt's int)
    return bool(libc.mallopt(M_MMAP_MAX, 0)) and bool(
        libc.mallopt(M_TRIM_THRESHOLD, (1 << 31) - 1))
