"""A data file or directory as a git revision holds it, read through git itself.

``mou-tracker diff --git REV[:PATH]`` compares the data of a revision, and
``load(path, recorded_on=...)`` (``--recorded-on``) reads the data as it
stood at a revision or on a day, without checking it out: the file, or the
data files of the directory, are read with ``git cat-file`` and ``git
ls-tree`` and loaded as
:func:`mou_tracker.load` loads them from disk (the same files, hidden ones
left out, each a data file of its own, checked as a whole), their problems
located in ``REV:PATH``. Nothing is written, to the repository or the cache.

A day stands for the last commit of the current branch (``HEAD``, along
its first parents, so that what a merge brought counts from the merge) whose
committer date is on or before the end of that day in UTC. The commits that
changed a path (:func:`commits`) are those ``git log --first-parent``
lists, so that each is compared with the one before it on the same line.

Git is run as a program, never through a shell, and what it is given is
checked first: a revision that begins with ``-`` would be read as an option.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
import subprocess
from pathlib import Path as FsPath
from pathlib import PurePosixPath

import attrs

from ._files import _SUFFIXES
from ._merging import MAX_BYTES, _merge
from ._parts import _Part, _read_part
from .dataset import Dataset
from .exceptions import DataError, MouTrackerError, Problem

__all__ = ["Commit", "commits", "load_commit", "load_recorded", "load_revision", "recorded_commit", "repository_of"]

_RECORDED = "the recorded versions of the data are read through it"
_DAY = re.compile(r"\d{4}-\d{1,2}(-\d{1,2})?")


def _git(
    *words: str, cwd: str | os.PathLike[str], why: str = "--git reads the data through it"
) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *words], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError:
        raise MouTrackerError(f"git is not installed, or not on PATH: {why}") from None
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


def _commit(revision: str, root: FsPath) -> str | None:
    """The full hash of the commit ``revision`` names, or ``None`` if git knows no such commit."""
    done = _git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}", cwd=root)
    return done.stdout.decode("ascii").strip() if done.returncode == 0 else None


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
    sha = _commit(revision, root)
    if sha is None:
        raise MouTrackerError(f"unknown git revision {revision!r}")
    dataset = _load_commit(sha, path, f"{revision}:{path}", root, max_bytes)
    if dataset is None:
        raise MouTrackerError(f"{path or '.'!r} is not in the git revision {revision!r}")
    return dataset


def _load_commit(sha: str, path: str, named: str, root: FsPath, max_bytes: int) -> Dataset | None:
    """The data file or directory ``path`` of the commit ``sha``, its problems located in ``named``; ``None``
    if the commit does not hold it."""
    kind = _git("cat-file", "-t", f"{sha}:{path}", cwd=root)
    if kind.returncode != 0:
        return None
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


@attrs.frozen
class Commit:
    """A commit as a history shows it: its hash, whole and short, its committer date (UTC) and its subject."""

    sha: str
    short: str
    date: _dt.datetime
    subject: str
    """The first line of the commit's message."""


def repository_of(path: str | os.PathLike[str]) -> tuple[FsPath, str]:
    """The root of the git repository that holds ``path`` (a file or directory, on disk or no longer), and
    ``path`` relative to it as git names it."""
    real = FsPath(os.path.realpath(path))
    probe = real
    while not probe.is_dir() and probe != probe.parent:
        probe = probe.parent
    done = _git("rev-parse", "--show-toplevel", cwd=probe, why=_RECORDED)
    if done.returncode != 0:
        raise MouTrackerError(f"{os.fspath(path)} is not in a git repository, so it has no recorded versions")
    root = FsPath(done.stdout.decode("utf-8", "surrogateescape").strip())
    return root, _relative(real, root)


def _cutoff(when: str | _dt.date) -> _dt.datetime | None:
    """The instant a day (or a date and time) given for ``recorded_on`` ends; ``None`` for a revision."""
    if isinstance(when, _dt.datetime):
        return when if when.tzinfo is not None else when.replace(tzinfo=_dt.UTC)
    if isinstance(when, _dt.date):
        day = when
    elif _DAY.fullmatch(when):
        if when.count("-") != 2 or len(when) != 10:
            raise MouTrackerError(f"expected a git revision or a full date, YYYY-MM-DD, found {when!r}")
        try:
            day = _dt.date.fromisoformat(when)
        except ValueError:
            raise MouTrackerError(f"{when!r} is not a day of the calendar; expected a date, YYYY-MM-DD") from None
    else:
        return None
    return _dt.datetime.combine(day, _dt.time.max, tzinfo=_dt.UTC)


def recorded_commit(when: str | _dt.date, root: FsPath) -> tuple[str, str]:
    """The commit ``when`` stands for in the repository at ``root``: a revision, or the last commit on or before
    a day; its full hash, and how to name it (the revision as given, or the commit's short hash)."""
    if isinstance(when, str) and (not when.strip() or when.startswith("-")):
        raise MouTrackerError(f"expected a git revision or a date, YYYY-MM-DD, found {when!r}")
    cutoff = _cutoff(when)
    if cutoff is None:
        assert isinstance(when, str)
        sha = _commit(when, root)
        if sha is None:
            raise MouTrackerError(f"unknown git revision {when!r} in the repository at {root}")
        return sha, when
    if _commit("HEAD", root) is None:
        raise MouTrackerError(f"the git repository at {root} has no commit yet")
    seconds = int(cutoff.timestamp())
    done = _git("rev-list", "-1", "--first-parent", f"--before=@{seconds}", "HEAD", cwd=root)
    found = done.stdout.decode("ascii").strip()
    if done.returncode != 0 or not found:
        raise MouTrackerError(f"no commit of the git repository at {root} is dated on or before {_said_when(when)}")
    return found, found[:7]


def _said_when(when: str | _dt.date) -> str:
    if isinstance(when, _dt.datetime):
        return when.isoformat()
    return f"{when if isinstance(when, str) else when.isoformat()} (UTC)"


def load_recorded(path: str | os.PathLike[str], when: str | _dt.date, *, max_bytes: int = MAX_BYTES) -> Dataset:
    """The data file or directory ``path`` as the git revision, or the last commit on or before the day, ``when``
    recorded it. Its problems are located in ``REV:PATH`` (``PATH`` relative to the repository's root)."""
    root, relative = repository_of(path)
    sha, named = recorded_commit(when, root)
    dataset = _load_commit(sha, relative, f"{named}:{relative}", root, max_bytes)
    if dataset is None:
        which = f"the git revision {named!r}"
        if _cutoff(when) is not None:
            which = f"commit {named}, the last on or before {_said_when(when)}"
        raise MouTrackerError(f"{relative or '.'!r} is not in {which}")
    return dataset


def commits(root: FsPath, relative: str, start: str) -> list[Commit]:
    """The commits from ``start`` back that changed ``relative`` (a file or directory), newest first, along the
    first parents."""
    done = _git("log", "--first-parent", "-z", "--format=%H%x1f%h%x1f%ct%x1f%B", start, "--", relative or ".", cwd=root)
    if done.returncode != 0:  # pragma: no cover - a commit git named but cannot walk
        raise MouTrackerError(f"cannot read the history of {relative or '.'!r}: {_said(done)}")
    found = []
    for entry in done.stdout.decode("utf-8", "replace").split("\0"):
        if not entry.strip():
            continue
        sha, short, seconds, message = entry.split("\x1f", 3)
        date = _dt.datetime.fromtimestamp(int(seconds), _dt.UTC)
        found.append(Commit(sha.strip(), short, date, message.strip().partition("\n")[0].strip()))
    return found


def load_commit(sha: str, relative: str, root: FsPath, *, max_bytes: int = MAX_BYTES) -> Dataset | None:
    """The data of ``relative`` as the commit ``sha`` holds it, its problems located in ``SHORT:PATH``; ``None``
    if the commit does not hold it."""
    return _load_commit(sha, relative, f"{sha[:7]}:{relative}", root, max_bytes)
