"""Which files a directory of data holds, and reading one file's bytes within a limit.

Which files a directory holds is decided by :func:`_data_files`: names
ending in ``.yaml`` or ``.yml`` in any case, links followed only to files
inside the directory. Every candidate that cannot be read is a problem of
its own, so that a load never gives, and ``validate`` never passes, fewer
records than the directory has. A link out of the directory is not
followed, and its target never named: a directory may come from someone
else (a pull request checked in CI).
"""

from __future__ import annotations

import os
from pathlib import Path as FsPath

from .exceptions import DataError, Problem

__all__: list[str] = []


def _read_bytes(target: FsPath, max_bytes: int) -> bytes:
    filename = str(target)
    try:
        with open(target, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise DataError([Problem(_too_large(size, max_bytes), file=filename)])
            # The size it says it has and one byte more, then whatever else
            # there is (a file that grew, or that does not know its size) up
            # to the limit: asking for max_bytes at once would allocate that
            # much for every small file of a directory.
            chunks = [handle.read(size + 1)]
            total = len(chunks[0])
            while total <= max_bytes and (more := handle.read(min(1 << 20, max_bytes + 1 - total))):
                chunks.append(more)
                total += len(more)
            data = b"".join(chunks)
    except OSError as exc:
        raise DataError([Problem(f"cannot read the file: {exc.strerror or exc}", file=filename)]) from None
    if len(data) > max_bytes:
        raise DataError([Problem(_too_large(len(data), max_bytes), file=filename)])
    return data


_SUFFIXES = (".yaml", ".yml")
"""The endings of data files in a directory, compared ignoring case."""


def _data_files(root: FsPath) -> tuple[list[FsPath], list[Problem]]:
    """The data files under ``root``, in sorted order, and the problems of the candidates that cannot be read.

    Hidden files and directories (names starting with ``.``) are passed over,
    and so are symbolic links to directories. A candidate (a name ending in
    one of :data:`_SUFFIXES`, in any case) that is a link out of ``root`` or
    to nothing, or that is not a regular file, is a problem naming it.
    """
    files: list[FsPath] = []
    problems: list[Problem] = []
    inside = os.path.normcase(os.path.realpath(root))
    pending = [root]
    while pending:
        directory = pending.pop()
        try:
            with os.scandir(directory) as entries:
                found = list(entries)
        except OSError as exc:
            problems.append(Problem(f"cannot read the directory: {exc.strerror or exc}", file=str(directory)))
            continue
        for entry in found:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(FsPath(entry.path))
                    continue
                if not entry.name.lower().endswith(_SUFFIXES):
                    continue
                if entry.is_symlink() and entry.is_dir():
                    continue
                why = _link_problem(entry.path, inside) if entry.is_symlink() else None
                if why is None and not entry.is_file():
                    why = "cannot read the file: it is not a regular file (a pipe, a socket or a device)"
            except OSError as exc:  # pragma: no cover - an entry that vanished or cannot be looked at
                why = f"cannot read the file: {exc.strerror or exc}"
            if why is None:
                files.append(FsPath(entry.path))
            else:
                problems.append(Problem(why, file=entry.path))
    files.sort(key=lambda f: f.relative_to(root).parts)
    return files, problems


def _link_problem(link: str, inside: str) -> str | None:
    """Why the symbolic link ``link`` is not read, or ``None`` if what it leads to is in ``inside``.

    The message names the link only: what it leads to may be anything (a
    key, a password file) and is never read or quoted.
    """
    try:
        target = os.path.realpath(link, strict=True)
    except FileNotFoundError:
        return "cannot read the file: it is a symbolic link to nothing"
    except OSError as exc:  # a loop of links, a directory on the way that cannot be read
        return f"cannot read the file: {exc.strerror or exc}"
    try:
        contained = os.path.commonpath([inside, os.path.normcase(target)]) == inside
    except ValueError:  # on another drive
        contained = False
    if not contained:
        return (
            "not read: a symbolic link out of the directory is not followed; "
            "move the file into the directory, or load it on its own"
        )
    return None


def _too_large(size: int, limit: int) -> str:
    return (
        f"the file is larger ({size:,} bytes or more) than the limit of {limit:,} bytes; "
        "split it into a directory of files, or pass a larger max_bytes to load() from Python"
    )
