"""A cache of data files already read and checked, so that the next load skips the work.

An entry is plain JSON (never pickle, nothing that runs), named by the
SHA-256 of the file's bytes and the library's version, and carries a CRC-32
of its own header and body. The records of a file are kept one JSON text to a line
(:meth:`Cache.put_lines`), so that a load reads and builds them one at a
time, never holding the whole entry and the records built from it at once.
An entry that is missing, truncated, corrupt, written by
another version or that fails to build is ignored and written anew; the
cache can always be deleted. Writing it never touches the data files, and a
cache that cannot be written (a read-only home, a full disk) only costs the
time it would have saved.

An entry is never trusted more than the data file it stands for, so only
the user's own are read. As pip does for its cache and git for a repository
(``safe.directory``), the cache's directory, every directory in it and every
entry must belong to the user running the load, and none may be writable by
anyone else (group or others): whoever could write there could plant an
entry, with a checksum that matches, for a file they cannot change. A
directory that fails this is not used at all (reads find nothing, writes
are skipped; ``mou-tracker cache info`` says why). An entry is opened
without following a symbolic link and without blocking, and read only if it
is a regular file no larger than the cache's bound: a pipe, a device or a
huge sparse file at an entry's name costs nothing. Each read is bounded too:
the header line by :data:`._cache_entry._MAX_HEADER`, each line after it
by :data:`._cache_entry._MAX_LINE` (an entry with a longer record is not
written), and all of them by the size the file had when opened. Windows has
no user ids to compare and no such mode bits; there the checks of ownership
are skipped (a user's cache directory lives in their own profile, which
other users cannot write).

The cache is kept within bounds. After a load that wrote to it,
:meth:`Cache.tidy` removes the temporary files of writers that were killed
(older than :data:`STALE_TEMPORARY`), the entries not used for
:data:`MAX_AGE`, and then the entries used longest ago until what is left
is within :data:`MAX_SIZE` bytes. An entry's modification time is the last
time it was used (refreshed at most once a day, which costs a write).
:meth:`Cache.clear` removes every file the cache wrote, and nothing else.

Where it lives: ``$MOU_TRACKER_CACHE_DIR`` if set (empty turns the cache
off), else the user's cache directory (``~/.cache/mou-tracker`` on Linux,
``~/Library/Caches/mou-tracker`` on macOS, ``%LOCALAPPDATA%\\mou-tracker\\Cache``
on Windows).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from ._cache_entry import _head, _line, _made, _open_entry, _read_entry, _remove, _rmdir, _subdirectories, _untrusted
from ._version import __version__

__all__ = ["CACHE_ENV", "MAX_AGE", "MAX_SIZE", "STALE_TEMPORARY", "Cache", "Usage", "default_cache"]

CACHE_ENV = "MOU_TRACKER_CACHE_DIR"

MAX_SIZE = 512 * 1024 * 1024
"""The most bytes the cache keeps; no single entry is larger. The entry of a file of 10,000 agreements takes 8 MB."""

MAX_AGE = 30 * 24 * 3600
"""Seconds an entry is kept without being used (30 days)."""

STALE_TEMPORARY = 3600
"""Seconds after which a temporary file is taken for a killed writer's and removed; writing one takes seconds."""

# Bumped whenever what an entry holds changes shape.
_FORMAT = 2

# The names of what the cache writes, and all that tidy and clear remove:
# <directory>/v<format>/<kind>/<two hex digits>/<key>.json, and the
# temporary files that tempfile.mkstemp names in the same directories.
_VERSION_DIR = re.compile(r"v[0-9]+")
_KIND_DIR = re.compile(r"[a-z]+")
_FAN_DIR = re.compile(r"[0-9a-f]{2}")
_ENTRY = re.compile(r"[0-9a-f]{64}\.(?:json|sqlite)")
_TEMPORARY = re.compile(r"\.[a-z0-9_]{8}\.tmp")


class Usage(NamedTuple):
    """How many entries the cache holds, and how many bytes its files take."""

    entries: int
    bytes: int


class Cache:
    """Entries of plain data under ``directory``, each under a kind (``parts``, ``valid``) and a key.

    ``max_size`` (bytes) and ``max_age`` (seconds) bound what :meth:`tidy`
    keeps; they default to :data:`MAX_SIZE` and :data:`MAX_AGE`.
    """

    def __init__(self, directory: Path, *, max_size: int | None = None, max_age: float | None = None) -> None:
        self.directory = directory
        self.root = directory / f"v{_FORMAT}"
        self.max_size = MAX_SIZE if max_size is None else max_size
        self.max_age = MAX_AGE if max_age is None else max_age
        self.wrote = False
        """Whether this cache wrote an entry: :meth:`tidy` is then due."""
        self._salt = f"mou-tracker {__version__} cache {_FORMAT}\n".encode()
        self._root = os.fspath(self.root)
        self._trusted: set[str] = set()
        """The directories found the user's alone (as strings: a load asks once a file, and Path costs)."""

    def key(self, *contents: bytes) -> str:
        """The key of some content: the SHA-256 of it and of the library's version."""
        digest = hashlib.sha256(self._salt)
        for content in contents:
            digest.update(len(content).to_bytes(8, "big"))
            digest.update(content)
        return digest.hexdigest()

    def _path(self, kind: str, key: str) -> Path:
        return Path(self._fan(kind, key), f"{key}.json")

    def _fan(self, kind: str, key: str) -> str:
        """The directory of an entry: one of 256 a kind, so that no directory holds too many."""
        return f"{self._root}{os.sep}{kind}{os.sep}{key[:2]}"

    def refusal(self) -> str | None:
        """Why the cache's directory is not used, or ``None``: it belongs to another user, or others can write to it.

        A directory that does not exist yet is fine: it is made the user's
        own when first written. The directory named may be a symbolic link
        (whoever named it chose it); the directory it leads to is checked.
        """
        try:
            status = os.stat(self.directory)
        except FileNotFoundError:
            return None
        except OSError as exc:
            return f"{self.directory} cannot be read: {exc.strerror or exc}"
        if not stat.S_ISDIR(status.st_mode):
            return f"{self.directory} is not a directory"
        why = _untrusted(status)
        return None if why is None else f"{self.directory} {why}"

    def refusals(self) -> list[str]:
        """Why the cache's directory, or each directory in it, is not used: :meth:`refusal` for each.

        An empty list when all are used. A directory in the cache that is not
        used hides the entries below it from every load, so ``cache info``
        names each.
        """
        top = self.refusal()
        if top is not None:
            return [top]
        found: list[str] = []
        levels = (_VERSION_DIR, _KIND_DIR, _FAN_DIR)
        pending = [(self.directory, 0)]
        while pending:
            directory, level = pending.pop()
            if level == len(levels):
                continue
            for inner in sorted(_subdirectories(directory, levels[level], links=True)):
                try:
                    status = os.lstat(inner)
                except OSError as exc:
                    found.append(f"{inner} cannot be read: {exc.strerror or exc}")
                    continue
                why = "is a symbolic link" if stat.S_ISLNK(status.st_mode) else _untrusted(status)
                if why is not None:
                    found.append(f"{inner} {why}")
                else:
                    pending.append((inner, level + 1))
        return found

    def _usable(self, directory: Path, *, create: bool) -> bool:
        """Whether ``directory`` (the cache's, or one in it) exists and is the user's alone; made first if ``create``.

        A directory in the cache is never a symbolic link. What was found
        usable is remembered for the life of this object: one look at each.
        """
        name = os.fspath(directory)
        if name in self._trusted:
            return True
        if directory == self.directory:
            if create and not _made(directory, parents=True):
                return False
            usable = directory.is_dir() and self.refusal() is None
        else:
            if not self._usable(directory.parent, create=create):
                return False
            if create and not _made(directory):
                return False
            try:
                status = os.lstat(directory)
            except OSError:
                return False
            usable = stat.S_ISDIR(status.st_mode) and _untrusted(status) is None
        if usable:
            self._trusted.add(name)
        return usable

    def get(self, kind: str, key: str) -> Any:
        """The value stored under ``key`` by :meth:`put`, or ``None`` if there is none that can be trusted."""
        entry = self.lines(kind, key)
        if entry is None:
            return None
        _meta, values = entry
        try:
            found = list(values)
        except Exception:  # corrupt: not JSON, too deep, or not matching its checksum
            return None
        finally:
            values.close()
        return found[0] if len(found) == 1 else None

    def lines(self, kind: str, key: str) -> tuple[dict[str, Any], Generator[Any, None, None]] | None:
        """The header and the values of an entry written by :meth:`put_lines`, or ``None`` if there is none.

        The values are read one line at a time. The checksum covers the
        header (but itself) and every line, so it is known only at the end:
        reading past the last value raises :class:`._cache_entry._Corrupt` if
        it does not match (or a ``ValueError`` or ``RecursionError`` if a line
        is not JSON that can be read), and whatever was built from the values
        must then be thrown away. Closing the values closes the file, read or not.
        """
        fan = self._fan(kind, key)
        if fan not in self._trusted and not self._usable(Path(fan), create=False):
            return None
        opened = _open_entry(f"{fan}{os.sep}{key}.json", self.max_size)
        return None if opened is None else _read_entry(*opened, key)

    def database(self, kind: str, key: str) -> str | None:
        """The path of the SQLite entry under ``key`` if there is one to trust (checked as :meth:`lines` checks one).

        The caller opens it, by name and read-only: SQLite opens its own files.
        """
        fan = self._fan(kind, key)
        if fan not in self._trusted and not self._usable(Path(fan), create=False):
            return None
        opened = _open_entry(f"{fan}{os.sep}{key}.sqlite", self.max_size)
        if opened is None:
            return None
        opened[0].close()
        return f"{fan}{os.sep}{key}.sqlite"

    def put_database(self, kind: str, key: str, write: Callable[[str], None]) -> None:
        """Store the SQLite database that ``write`` makes at the path it is given, atomically; as :meth:`put`."""

        def fill(temporary: str) -> bool:
            write(temporary)
            return os.stat(temporary).st_size <= self.max_size  # larger than the whole cache: it could not be kept

        self._put_file(Path(self._fan(kind, key), f"{key}.sqlite"), fill)

    def put_lines(self, kind: str, key: str, values: Iterable[Any], **header: Any) -> None:
        """Store ``values`` one JSON text to a line, with ``header`` on the first; as :meth:`put`."""
        self._write(kind, key, lambda: [_line(value) for value in values], header)

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store ``value`` under ``key``, atomically; do nothing if it cannot be written."""
        self._write(kind, key, lambda: [_line(value)], {})

    def _write(self, kind: str, key: str, body_lines: Callable[[], list[bytes]], header: dict[str, Any]) -> None:
        def fill(temporary: str) -> bool:
            lines: list[bytes] = body_lines()
            head = _head(key, header, lines, self.max_size)
            if head is None:
                return False
            with open(temporary, "wb") as out:
                out.write(head)
                out.writelines(lines)
            return True

        self._put_file(self._path(kind, key), fill)

    def _put_file(self, path: Path, fill: Callable[[str], bool]) -> None:
        """Put at ``path`` the file that ``fill`` writes at a temporary path, unless it says no or fails."""
        import tempfile  # here: only a load that writes the cache needs it

        temporary = None
        try:
            if not self._usable(path.parent, create=True):
                return
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            os.close(handle)
            if fill(temporary):
                os.replace(temporary, path)
                temporary = None
                self.wrote = True
        except (OSError, ValueError):
            pass  # a cache that cannot be written costs time, nothing else
        finally:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)

    def _files(self) -> Iterator[tuple[str, int, float, bool]]:
        """Each file the cache wrote, of every format: its path, size, modification time, and whether it is an entry.

        Only the cache's own names are looked at, in directories that pass
        :meth:`_usable`; nothing is followed through a symbolic link.
        """
        if not self._usable(self.directory, create=False):
            return
        for version in _subdirectories(self.directory, _VERSION_DIR):
            for kind in _subdirectories(version, _KIND_DIR):
                for fan in _subdirectories(kind, _FAN_DIR):
                    if not self._usable(fan, create=False):
                        continue
                    try:
                        with os.scandir(fan) as found:
                            files = [f for f in found if _ENTRY.fullmatch(f.name) or _TEMPORARY.fullmatch(f.name)]
                    except OSError:
                        continue
                    for file in files:
                        try:
                            status = file.stat(follow_symlinks=False)
                        except OSError:
                            continue
                        if stat.S_ISREG(status.st_mode):
                            yield file.path, status.st_size, status.st_mtime, not file.name.endswith(".tmp")

    def usage(self) -> Usage:
        """How many entries the cache holds and how many bytes its files take (nothing, if it is not used)."""
        entries = size = 0
        for _path, file_size, _mtime, is_entry in self._files():
            entries += is_entry
            size += file_size
        return Usage(entries, size)

    def tidy(self, *, now: float | None = None) -> Usage:
        """Keep the cache within its bounds; what was removed.

        Removes the temporary files older than :data:`STALE_TEMPORARY`, the
        entries not used for ``max_age`` seconds, and then the entries used
        longest ago until the rest take at most ``max_size`` bytes.
        """
        now = time.time() if now is None else now
        removed = [0, 0]
        kept: list[tuple[float, int, str]] = []
        for path, size, mtime, is_entry in self._files():
            if now - mtime > (self.max_age if is_entry else STALE_TEMPORARY):
                _remove(path, size, is_entry, removed)
            elif is_entry:
                kept.append((mtime, size, path))
        total = sum(size for _, size, _ in kept)
        kept.sort()  # used longest ago first
        for _, size, path in kept:
            if total <= self.max_size:
                break
            _remove(path, size, True, removed)
            total -= size
        return Usage(*removed)

    def clear(self) -> Usage:
        """Remove every file the cache wrote, and its directories left empty; what was removed.

        Files of other names, and the directories that hold them, are left
        as they are. Nothing is removed from a directory that is not used
        (see :meth:`refusal`).
        """
        removed = [0, 0]
        for path, size, _mtime, is_entry in self._files():
            _remove(path, size, is_entry, removed)
        if self._usable(self.directory, create=False):
            for version in _subdirectories(self.directory, _VERSION_DIR):
                for kind in _subdirectories(version, _KIND_DIR):
                    for fan in _subdirectories(kind, _FAN_DIR):
                        _rmdir(fan)
                    _rmdir(kind)
                _rmdir(version)
            _rmdir(self.directory)
            self._trusted.clear()
        return Usage(*removed)


def default_cache() -> Cache | None:
    """The cache in ``$MOU_TRACKER_CACHE_DIR`` or the user's cache directory; ``None`` when turned off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Cache(Path(chosen)) if chosen else None
    import platformdirs

    return Cache(Path(platformdirs.user_cache_dir("mou-tracker", appauthor=False)))
