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

Where it lives: ``$MOU_TRACKER_CACHE_DIR`` if set (empty turns the cache
off), else the user's cache directory (``~/.cache/mou-tracker`` on Linux,
``~/Library/Caches/mou-tracker`` on macOS, ``%LOCALAPPDATA%\\mou-tracker\\Cache``
on Windows).
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from collections.abc import Callable, Generator, Iterable
from pathlib import Path
from typing import Any, BinaryIO

from ._version import __version__

__all__ = ["CACHE_ENV", "Cache", "default_cache"]

CACHE_ENV = "MOU_TRACKER_CACHE_DIR"

# Bumped whenever what an entry holds changes shape.
_FORMAT = 2


class _Corrupt(ValueError):
    """An entry whose lines, read to the end, do not match its checksum."""


class Cache:
    """Entries of plain data under ``root``, each under a kind (``parts``, ``valid``) and a key."""

    def __init__(self, root: Path) -> None:
        self.root = root / f"v{_FORMAT}"
        self._salt = f"mou-tracker {__version__} cache {_FORMAT}\n".encode()

    def key(self, *contents: bytes) -> str:
        """The key of some content: the SHA-256 of it and of the library's version."""
        digest = hashlib.sha256(self._salt)
        for content in contents:
            digest.update(len(content).to_bytes(8, "big"))
            digest.update(content)
        return digest.hexdigest()

    def _path(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / f"{key}.json"

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
        reading past the last value raises :class:`_Corrupt` if it does not
        match (or a ``ValueError`` or ``RecursionError`` if a line is not JSON
        that can be read), and whatever was built from the values must then
        be thrown away. Closing the values closes the file, read or not.
        """
        try:
            handle = open(self._path(kind, key), "rb")  # noqa: SIM115 - closed by the generator, or below
        except OSError:
            return None
        try:
            meta = json.loads(handle.readline())
            if not isinstance(meta, dict) or meta.get("key") != key or type(meta.get("crc32")) is not int:
                raise ValueError("not an entry of this key")
            values = _values(handle, _header_crc(meta), meta["crc32"])
        except (OSError, ValueError, RecursionError):
            handle.close()
            return None
        next(values)  # into the generator, which now owns the file and closes it when closed
        return meta, values

    def put_lines(self, kind: str, key: str, values: Iterable[Any], **header: Any) -> None:
        """Store ``values`` one JSON text to a line, with ``header`` on the first; as :meth:`put`."""
        self._write(kind, key, lambda: [_line(value) for value in values], header)

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store ``value`` under ``key``, atomically; do nothing if it cannot be written."""
        self._write(kind, key, lambda: [_line(value)], {})

    def _write(self, kind: str, key: str, body_lines: Callable[[], list[bytes]], header: dict[str, Any]) -> None:
        # Imported here: only a load that writes the cache needs them.
        import contextlib
        import tempfile

        path = self._path(kind, key)
        temporary = None
        try:
            lines: list[bytes] = body_lines()
            meta = {**header, "key": key}
            crc = _header_crc(meta)
            for line in lines:
                crc = zlib.crc32(line, crc)
            head = json.dumps({**meta, "crc32": crc}, ensure_ascii=False).encode()
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(head + b"\n")
                out.writelines(lines)
            os.replace(temporary, path)
            temporary = None
        except (OSError, ValueError):
            pass  # a cache that cannot be written costs time, nothing else
        finally:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)


def _line(value: Any) -> bytes:
    # JSON escapes every line break inside a string, so a value is one line.
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode() + b"\n"


def _header_crc(meta: dict[str, Any]) -> int:
    """The CRC-32 of a header but its own checksum, written canonically: where an entry's checksum starts."""
    canonical = json.dumps({k: v for k, v in meta.items() if k != "crc32"}, ensure_ascii=False, sort_keys=True)
    return zlib.crc32(canonical.encode())


def _values(handle: BinaryIO, crc: int, crc32: int) -> Generator[Any, None, None]:
    """Yields ``None`` first (see :meth:`Cache.lines`), then the value of each line; checks the checksum at the end."""
    with handle:
        yield None
        for line in handle:
            crc = zlib.crc32(line, crc)
            yield json.loads(line)
    if crc != crc32:
        raise _Corrupt("the entry does not match its checksum")


def default_cache() -> Cache | None:
    """The cache in ``$MOU_TRACKER_CACHE_DIR`` or the user's cache directory; ``None`` when turned off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Cache(Path(chosen)) if chosen else None
    import platformdirs

    return Cache(Path(platformdirs.user_cache_dir("mou-tracker", appauthor=False)))
