"""Every file minsheng writes goes through here: written beside the destination, flushed to disk,
then renamed into place. The destination never holds a partial file, an existing one is kept
unless `force`, and an output is never one of the inputs."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path


class OutputError(Exception):
    """The output cannot be written; the message says why and what to do."""


def output_format(path: Path, suffixes: dict[str, str], force: bool,
                  inputs: Iterable[Path] = ()) -> str:
    """The format `path` asks for; raise OutputError before any work if it cannot be written."""
    fmt = suffixes.get(path.suffix.lower())
    if fmt is None:
        raise OutputError(f"-o {path}: the file name must end in {', '.join(sorted(suffixes))}")
    if path.exists() and not path.is_file():
        raise OutputError(f"-o {path} is not a regular file")
    if path.exists() and not force:
        raise OutputError(f"{path} exists; use --force to overwrite it")
    if not path.parent.is_dir():
        raise OutputError(f"-o {path}: the directory {path.parent} does not exist")
    for source in inputs:
        if _same(path, source):
            raise OutputError(f"-o {path} is one of the inputs ({source}); write the output "
                              "to another file")
    return fmt


def _same(output: Path, source: Path) -> bool:
    try:
        if output.exists() and source.exists():
            return os.path.samefile(output, source)
    except OSError:
        return False
    return os.path.realpath(output) == os.path.realpath(source)


def write_atomic(path: Path, data: bytes, force: bool) -> None:
    """Write all of `data` to `path` or nothing. Without `force` an existing file is never
    touched (not even when it appears while writing); with it, the old file is replaced only
    once the new one is completely on disk."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        if force:
            os.replace(temp, path)
        else:
            _link(temp, path)
            os.unlink(temp)
    except FileExistsError:
        os.unlink(temp)
        raise OutputError(f"{path} exists; use --force to overwrite it") from None
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _link(temp: str, path: Path) -> None:
    """Put `temp` at `path` unless something is there: a hard link where the file system has
    them; elsewhere claim the name exclusively, then rename over the empty claim."""
    try:
        os.link(temp, path)  # fails if the destination exists: no clobbering, atomically
    except FileExistsError:
        raise
    except OSError:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
        os.replace(temp, path)
        os.close(os.open(temp, os.O_CREAT | os.O_WRONLY, 0o600))  # the caller unlinks it


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def to_stdout(data: bytes) -> None:
    """Bytes as they are, whatever the console's encoding (UTF-8, with the CSV's BOM)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
