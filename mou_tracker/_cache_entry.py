"""One entry of the cache on disk: how it is written and how it is read back.

An entry is a header line (a JSON mapping with the entry's key, whatever the
writer adds, and a CRC-32 of the header and of every line after it), then
one JSON text to a line. It is opened without following a symbolic link and
without blocking, and read only if it is a regular file of the user's alone
within the cache's bound; the header is read within :data:`_MAX_HEADER`,
each line within :data:`_MAX_LINE` and all of them within the size the file
had when opened, and the checksum is known only at the end. The cache's
directories are made the user's alone and removed only when empty. Where
entries live, which directories are trusted and how the cache is kept within
bounds is :mod:`mou_tracker.cache`'s.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
import time
import zlib
from collections.abc import Generator
from pathlib import Path
from typing import Any, BinaryIO

_MAX_HEADER = 64 * 1024
"""The longest header line read: a header holds a key, a checksum and five counts, about 200 bytes."""

_MAX_LINE = 16 * 1024 * 1024
"""The longest record line read or written: a record of a real agreement takes a few kilobytes.

An entry whose record would be longer is not written (the file is read
afresh each time instead), so a line that long in an entry is a forgery or
damage, and the entry is not used.
"""

_TOUCH_AFTER = 24 * 3600
"""An entry used is marked as used (its modification time set) only if its mark is older than this."""

# O_NOFOLLOW: a link at an entry's name is not followed (the open fails);
# O_NONBLOCK: a pipe opens at once rather than waiting for a writer, and
# is then refused for not being a regular file. Neither exists on Windows.
_OPEN_ENTRY = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


class _Corrupt(ValueError):
    """An entry whose lines, read to the end, do not match its checksum."""


def _untrusted(status: os.stat_result) -> str | None:
    """Why a file or directory of the cache is not to be trusted, or ``None``: it must be the user's alone."""
    geteuid = getattr(os, "geteuid", None)
    if geteuid is None:  # pragma: no cover - Windows: no user ids, and st_mode tells only read-only
        return None
    if status.st_uid != geteuid():
        return "belongs to another user"
    if status.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return "can be written by other users"
    return None


def _open_entry(path: str, max_size: int) -> tuple[BinaryIO, int] | None:
    """The file of an entry and its size; ``None`` unless it is a regular file of the user's, within the bound."""
    try:
        fd = os.open(path, _OPEN_ENTRY)
    except OSError:  # missing, or a symbolic link
        return None
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode) or status.st_size > max_size or _untrusted(status) is not None:
            raise OSError("not an entry to read")
        if time.time() - status.st_mtime > _TOUCH_AFTER:
            _touch(fd, path)
        return os.fdopen(fd, "rb"), status.st_size
    except OSError:
        os.close(fd)
        return None


def _read_entry(handle: BinaryIO, size: int, key: str) -> tuple[dict[str, Any], Generator[Any, None, None]] | None:
    """The header of the entry open in ``handle`` and its values (see :meth:`mou_tracker.cache.Cache.lines`).

    ``None``, the file closed, if its header is not one of an entry of ``key``.
    """
    try:
        head = handle.readline(min(size, _MAX_HEADER))
        if not head.endswith(b"\n"):
            raise ValueError("no header line, or one too long")
        meta = json.loads(head)
        if not isinstance(meta, dict) or meta.get("key") != key or type(meta.get("crc32")) is not int:
            raise ValueError("not an entry of this key")
        values = _values(handle, size - len(head), _header_crc(meta), meta["crc32"])
    except (OSError, ValueError, RecursionError):
        handle.close()
        return None
    next(values)  # into the generator, which now owns the file and closes it when closed
    return meta, values


def _head(key: str, header: dict[str, Any], lines: list[bytes], max_size: int) -> bytes | None:
    """The header line of an entry of ``lines`` under ``key``; ``None`` if the entry is not to be written.

    Not written: an entry larger than the whole cache (it could not be
    kept), or one with a record longer than any read back (it would never
    be used).
    """
    meta = {**header, "key": key}
    crc = _header_crc(meta)
    for line in lines:
        crc = zlib.crc32(line, crc)
    head = json.dumps({**meta, "crc32": crc}, ensure_ascii=False).encode() + b"\n"
    if len(head) + sum(map(len, lines)) > max_size or any(len(line) > _MAX_LINE for line in lines):
        return None
    return head


def _touch(fd: int, path: str) -> None:
    """Mark an entry as used now, through its open file where the platform allows."""
    # If it cannot be, it is taken for older than it is, and perhaps removed sooner.
    with contextlib.suppress(OSError):
        os.utime(fd if os.utime in os.supports_fd else path)


def _line(value: Any) -> bytes:
    # JSON escapes every line break inside a string, so a value is one line.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def _header_crc(meta: dict[str, Any]) -> int:
    """The CRC-32 of a header but its own checksum, written canonically: where an entry's checksum starts."""
    canonical = json.dumps({k: v for k, v in meta.items() if k != "crc32"}, ensure_ascii=False, sort_keys=True)
    return zlib.crc32(canonical.encode())


def _values(handle: BinaryIO, size: int, crc: int, crc32: int) -> Generator[Any, None, None]:
    """Yields ``None`` first (see :meth:`Cache.lines`), then the value of each line; checks the checksum at the end.

    No more than ``size`` bytes are read, the rest of the file as it was
    when opened, and no line longer than :data:`_MAX_LINE`: a line cut
    short by either is corrupt.
    """
    with handle:
        yield None
        while size:
            line = handle.readline(min(size, _MAX_LINE))
            size -= len(line)
            if not line.endswith(b"\n"):
                raise _Corrupt("the entry ends inside a line, or holds a line longer than any record")
            crc = zlib.crc32(line, crc)
            yield json.loads(line)
    if crc != crc32:
        raise _Corrupt("the entry does not match its checksum")


# -- the cache's directories and files --


def _subdirectories(directory: Path, name: re.Pattern[str], *, links: bool = False) -> list[Path]:
    """The directories in ``directory`` whose names match ``name``; symbolic links too if ``links``, else left out."""
    try:
        with os.scandir(directory) as found:
            return [
                Path(d.path)
                for d in found
                if name.fullmatch(d.name) and (d.is_dir(follow_symlinks=False) or (links and d.is_symlink()))
            ]
    except OSError:
        return []


def _remove(path: str, size: int, is_entry: bool, removed: list[int]) -> None:
    """Remove a file of the cache, counting it in ``removed`` (entries, bytes); one that cannot be is left."""
    try:
        os.unlink(path)
    except OSError:  # gone already, or (on Windows) open in another load
        return
    removed[0] += is_entry
    removed[1] += size


def _made(directory: Path, *, parents: bool = False) -> bool:
    """Make ``directory``, the user's alone whatever the umask (its parents first if ``parents``); False on failure."""
    try:
        if parents:
            directory.parent.mkdir(parents=True, exist_ok=True)
        os.mkdir(directory, 0o700)
    except FileExistsError:
        pass
    except OSError:
        return False
    return True


def _rmdir(directory: Path) -> None:
    # One that is not empty holds what the cache did not write, or an entry written meanwhile.
    with contextlib.suppress(OSError):
        os.rmdir(directory)
