"""A data file or directory as a git revision holds it, read through git itself.

``mou-tracker diff --git REV[:PATH]`` compares the data of a revision
without checking it out: the file, or the data files of the directory, are
read with ``git cat-file`` and ``git ls-tree`` and loaded as
:func:`mou_tracker.load` loads them from disk (the same files, hidden ones
left out, each a data file of its own, checked as a whole), their problems
located in ``REV:PATH``. Nothing is written, to the repository or the cache.

Git is run as a program, never through a shell, and what it is given is
checked first: a revision that begins with ``-`` would be read as an option.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path as FsPath
from pathlib import PurePosixPath

from ._files import _SUFFIXES
from ._parts import _Part, _read_part
from .dataset import Dataset
from .exceptions import DataError, MouTrackerError, Problem
from .loading import MAX_BYTES, _merge

__all__ = ["load_revision"]


def _git(*words: str, cwd: str | os.PathLike[str]) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *words], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise MouTrackerError("git is not installed, or not on PATH: --git reads the data through it") from None
    except OSError as exc:
        raise MouTrackerError(f"cannot run git: {exc.strerror or exc}") from None


def _said(done: subprocess.CompletedProcess[bytes]) -> str:
    """The first line git wrote to its standard error, as text."""
    lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[0] if lines else f"git exited with status {done.returncode}"


def _root(cwd: str | os.PathLike[str]) -> FsPath:
    done = _git("rev-parse", "--show-toplevel", cwd=cwd)
    if done.returncode != 0:
        raise MouTrackerError(f"--git needs a git repository: {_said(done)}")
    return FsPath(done.stdout.decode("utf-8", "surrogateescape").strip())


def _relative(path: str | os.PathLike[str], root: FsPath) -> str:
    """``path`` (on disk) relative to the repository's ``root``, as git names it."""
    real, top = os.path.realpath(path), os.path.realpath(root)
    if os.path.commonpath([real, top]) != top:
        raise MouTrackerError(f"{os.fspath(path)} is not in the git repository at {top}; give --git REV:PATH")
    return PurePosixPath(*FsPath(os.path.relpath(real, top)).parts).as_posix()


def load_revision(
    spec: str, default: str | os.PathLike[str], *, cwd: str | os.PathLike[str] = ".", max_bytes: int = MAX_BYTES
) -> Dataset:
    """The dataset of ``spec``, ``REV`` or ``REV:PATH``, read from the git repository ``cwd`` is in.

    ``PATH`` is relative to the repository's root, as ``git show REV:PATH``
    takes it; without it, it is ``default`` (a path on disk) made so.
    A missing git, a revision git does not know, or a path the revision
    does not hold is a :class:`~mou_tracker.MouTrackerError`.
    """
    revision, colon, path = spec.partition(":")
    if not revision or revision.startswith("-"):
        raise MouTrackerError(f"--git needs a revision, such as HEAD or v1.0, found {spec!r}")
    root = _root(cwd)
    if not colon:
        path = _relative(default, root)
    path = path.strip("/")
    if path == ".":
        path = ""
    commit = _git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", cwd=root)
    if commit.returncode != 0:
        raise MouTrackerError(f"unknown git revision {revision!r}")
    sha = commit.stdout.decode("ascii").strip()
    named = f"{revision}:{path}"
    kind = _git("cat-file", "-t", f"{sha}:{path}", cwd=root)
    if kind.returncode != 0:
        raise MouTrackerError(f"{path or '.'!r} is not in the git revision {revision!r}")
    if kind.stdout.strip() == b"blob":
        return _merge([_blob(f"{sha}:{path}", named, root, max_bytes)])
    return _tree(sha, path, named, root, max_bytes)


def _blob(name: str, filename: str, root: FsPath, max_bytes: int) -> _Part:
    size = _git("cat-file", "-s", name, cwd=root)
    if size.returncode == 0 and int(size.stdout) > max_bytes:
        return _Part(
            filename, problems=(Problem(f"the file is larger than the limit of {max_bytes:,} bytes", file=filename),)
        )
    done = _git("cat-file", "blob", name, cwd=root)
    if done.returncode != 0:  # pragma: no cover - an object git listed but cannot read
        return _Part(filename, problems=(Problem(f"cannot read the file: {_said(done)}", file=filename),))
    return _read_part(done.stdout, filename)


def _tree(sha: str, path: str, named: str, root: FsPath, max_bytes: int) -> Dataset:
    """The data files of a directory of the revision, as :func:`mou_tracker.load` reads a directory."""
    listed = _git("ls-tree", "-r", "-z", f"{sha}:{path}", cwd=root)
    if listed.returncode != 0:  # pragma: no cover - a tree git named but cannot list
        raise MouTrackerError(f"cannot list {named}: {_said(listed)}")
    parts: list[_Part] = []
    entries = []
    for entry in listed.stdout.split(b"\0"):
        if not entry:
            continue
        about, _, name_bytes = entry.partition(b"\t")
        mode, kind, blob = about.decode("ascii").split()
        name = name_bytes.decode("utf-8", "surrogateescape")
        words = PurePosixPath(name).parts
        if any(word.startswith(".") for word in words) or not name.lower().endswith(_SUFFIXES):
            continue
        entries.append((words, mode, kind, blob, f"{named.rstrip('/')}/{name}" if path else f"{named}{name}"))
    for _words, mode, kind, blob, filename in sorted(entries):
        if kind != "blob":
            continue
        if mode == "120000":
            problem = Problem("not read: a symbolic link in a git revision is not followed", file=filename)
            parts.append(_Part(filename, problems=(problem,)))
            continue
        parts.append(_blob(blob, filename, root, max_bytes))
    if not parts:
        raise DataError([Problem(f"no {' or '.join(_SUFFIXES)} files found", file=named)])
    return _merge(parts)
