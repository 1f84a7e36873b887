"""A cache of data files already read and checked, so that the next load skips the work.

An entry is plain JSON (never pickle, nothing that runs), named by the
SHA-256 of the file's bytes and the library's version, and carries a CRC-32
of its own body. An entry that is missing, truncated, corrupt, written by
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
from pathlib import Path
from typing import Any

from ._version import __version__

__all__ = ["CACHE_ENV", "Cache", "default_cache"]

CACHE_ENV = "MOU_TRACKER_CACHE_DIR"

# Bumped whenever what an entry holds changes shape.
_FORMAT = 1


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
        """The value stored under ``key``, or ``None`` if there is none that can be trusted."""
        try:
            raw = self._path(kind, key).read_bytes()
        except OSError:
            return None
        header, newline, body = raw.partition(b"\n")
        if not newline:
            return None
        try:
            meta = json.loads(header)
            if not isinstance(meta, dict) or meta.get("key") != key or meta.get("crc32") != zlib.crc32(body):
                return None
            return json.loads(body)
        except ValueError:
            return None

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store ``value`` under ``key``, atomically; do nothing if it cannot be written."""
        # Imported here: only a load that writes the cache needs them.
        import contextlib
        import tempfile

        path = self._path(kind, key)
        temporary = None
        try:
            body = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()
            header = json.dumps({"key": key, "crc32": zlib.crc32(body)}).encode()
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                out.write(header + b"\n" + body)
            os.replace(temporary, path)
            temporary = None
        except (OSError, ValueError):
            pass  # a cache that cannot be written costs time, nothing else
        finally:
            if temporary is not None:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)


def default_cache() -> Cache | None:
    """The cache in ``$MOU_TRACKER_CACHE_DIR`` or the user's cache directory; ``None`` when turned off."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Cache(Path(chosen)) if chosen else None
    import platformdirs

    return Cache(Path(platformdirs.user_cache_dir("mou-tracker", appauthor=False)))
