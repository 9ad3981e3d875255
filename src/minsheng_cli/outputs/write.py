"""Every file minsheng writes goes through here: written to a hidden temporary file beside the
destination (`.NAME.XXXXXXXX.tmp`), flushed to disk, then renamed into place. The destination
holds the old file or the whole new one, never a partial file; an existing one is kept unless
`force`; an output is never one of the inputs, whatever symlink or hard link leads to it.

If the process is killed outright (SIGKILL, power loss) while writing, the destination is
untouched but the hidden temporary file stays behind; any other failure removes it."""

from __future__ import annotations

import errno
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..i18n import say


class OutputError(Exception):
    """The output cannot be written; the message says why and what to do."""


def output_format(path: Path, suffixes: dict[str, str], force: bool,
                  inputs: Iterable[Path] = ()) -> str:
    """The format `path` asks for; raise OutputError before any work if it cannot be written."""
    fmt = suffixes.get(path.suffix.lower())
    if fmt is None:
        raise OutputError(say("output.suffix", path=path, suffixes=", ".join(sorted(suffixes))))
    for source in inputs:
        if _same(path, source):
            raise OutputError(say("output.is-input", path=path, source=source))
    if path.exists() and not path.is_file():
        raise OutputError(say("output.not-file", path=path))
    if os.path.lexists(path) and not force:
        raise OutputError(say("output.exists", path=path))
    parent = path.parent
    if not parent.is_dir():
        raise OutputError(say("output.no-dir", path=path, parent=parent))
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(say("output.not-writable", path=path, parent=parent))
    return fmt


def _same(output: Path, source: Path) -> bool:
    """Whether writing `output` would replace `source`: the same file by any path (symlinks,
    hard links, `..`, case on case-insensitive disks), or a symlink at `output` to it."""
    try:
        if output.exists() and source.exists():
            return os.path.samefile(output, source)
    except OSError:
        return False
    return os.path.realpath(output) == os.path.realpath(source)


def write_atomic(path: Path, data: bytes, force: bool) -> None:
    """Write all of `data` to `path` or nothing. Without `force` an existing file is never
    touched (not even one that appears while writing); with it, the old file (or a symlink at
    `path`, never what it points to) is replaced only once the new one is completely on disk.
    Raise OutputError saying why when it cannot be written."""
    # A long name plus the prefix and suffix must still fit the file system's 255 bytes.
    prefix = f".{path.name[:80]}."
    try:
        fd, temp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise OutputError(say("output.os-error", path=path, error=exc.strerror or exc)) from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        if force:
            os.replace(temp, path)
        else:
            _rename_no_clobber(temp, path)
        _sync_directory(path.parent)
    except FileExistsError:
        Path(temp).unlink(missing_ok=True)
        raise OutputError(say("output.exists", path=path)) from None
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise OutputError(say("output.os-error", path=path, error=exc.strerror or exc)) from None
    except BaseException:  # KeyboardInterrupt, a bug: still no debris
        Path(temp).unlink(missing_ok=True)
        raise


def _rename_no_clobber(temp: str, path: Path) -> None:
    """Move `temp` to `path`, raising FileExistsError if anything is there, atomically: a hard
    link where the file system has them; else a rename that refuses to replace (Linux's
    renameat2, Windows' rename); else, the one remaining race, a check just before the rename."""
    try:
        os.link(temp, path)  # fails if the destination exists: no clobbering, atomically
    except FileExistsError:
        raise
    except OSError:
        if os.name == "nt":
            os.rename(temp, path)  # Windows' rename never replaces
            return
        if not _renameat2_noreplace(temp, path):
            if os.path.lexists(path):
                raise FileExistsError(errno.EEXIST, "File exists", str(path)) from None
            os.replace(temp, path)
        return
    os.unlink(temp)


def _renameat2_noreplace(temp: str, path: Path) -> bool:
    """renameat2(RENAME_NOREPLACE) where libc has it; False when it is not available."""
    import ctypes  # only on file systems without hard links

    try:
        rename = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    at_fdcwd, noreplace = -100, 1
    if rename(at_fdcwd, os.fsencode(temp), at_fdcwd, os.fsencode(path), noreplace) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):  # not on this file system
        return False
    raise OSError(code, os.strerror(code), str(path))


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def to_stdout(data: bytes) -> None:
    """Bytes as they are, whatever the console's encoding (UTF-8, with the CSV's BOM)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
