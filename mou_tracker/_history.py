"""How one agreement's record changed, commit by commit, in the git repository that holds the data.

Each commit that changed the data's path, from a revision back (``HEAD`` by
default; along the first parents, newest first: :func:`._git.commits`), is
compared with the one before it by :func:`.diff`, and only the changes to
the one record are kept: a commit that left the record as it was is not
listed. The record is followed by its id; where a commit renamed it (a
rename as :func:`.diff` finds one: the id, and every reference to it,
replaced, the record otherwise unchanged), the commits before it follow the
record under its earlier id. A commit whose data does not load is listed
with its first problem, and the next one is compared with the last before
it that loads.
"""

from __future__ import annotations

import datetime as _dt
import os

import attrs

from ._git import Commit, commits, load_commit, recorded_commit, repository_of
from ._merging import MAX_BYTES
from .dataset import Dataset
from .diffing import Diff, Difference, DiffKind, diff
from .exceptions import DataError, MouTrackerError, UnknownName

__all__ = ["History", "Revision", "history"]


@attrs.frozen
class Revision:
    """One commit that changed the record: the commit, the record's id after it, and what it changed."""

    commit: Commit
    id: str
    changes: Diff
    problem: str | None = None
    """The first problem of the commit's data, when it does not load (and ``changes`` is then empty)."""


@attrs.frozen
class History:
    """The commits that changed one agreement's record, newest first."""

    id: str
    """The record's id at the newest commit (or as asked, if no commit from ``start`` back holds it)."""
    path: str
    """The data file or directory, relative to the repository's root."""
    start: str
    """The revision the history goes back from, as given (``HEAD`` by default)."""
    revisions: tuple[Revision, ...]


def history(
    name: str,
    path: str | os.PathLike[str],
    *,
    recorded_on: str | _dt.date | None = None,
    max_bytes: int = MAX_BYTES,
) -> History:
    """The history of the agreement ``name`` (an id it has had, or any name :meth:`Dataset.find` reads) in the data
    file or directory ``path``, from ``recorded_on`` (a revision or a day, as :func:`mou_tracker.load` takes
    it; ``HEAD`` by default) back to the first commit.

    An agreement that no commit holds is an :class:`~mou_tracker.UnknownName`;
    the errors of :func:`mou_tracker.load` with ``recorded_on`` are raised as it raises them.
    """
    root, relative = repository_of(path)
    start = "HEAD" if recorded_on is None else recorded_on
    sha, named = recorded_commit(start, root)
    found = commits(root, relative, sha)
    if not found:
        raise MouTrackerError(f"{relative or '.'!r} is not in the git revision {named!r}")
    loaded: list[tuple[Dataset, str | None]] = []
    for commit in found:
        try:
            dataset = load_commit(commit.sha, relative, root, max_bytes=max_bytes)
        except DataError as exc:
            loaded.append((Dataset(), str(exc.problems[0]) if exc.problems else str(exc)))
            continue
        loaded.append((dataset if dataset is not None else Dataset(), None))
    # What each commit changed, newest first: None for a commit whose data does not load.
    changed: list[Diff | None] = []
    for index, (dataset, problem) in enumerate(loaded):
        older = next((d for d, p in loaded[index + 1 :] if p is None), Dataset())
        changed.append(diff(older, dataset) if problem is None else None)
    ident, unknown = _resolved(name, loaded, changed)
    newest = ident
    revisions = []
    for commit, (_, problem), changes in zip(found, loaded, changed, strict=True):
        if changes is None:
            revisions.append(Revision(commit, ident, Diff(), problem))
            continue
        mine = tuple(d for d in changes if _of(d, ident))
        if not mine:
            continue
        renames = [d for d in mine if d.kind is DiffKind.RENAMED]
        revisions.append(Revision(commit, ident, Diff(mine)))
        if renames:
            ident = renames[0].record
    if not any(r.changes for r in revisions):
        raise unknown or UnknownName("agreement", name)
    return History(newest, relative, named, tuple(revisions))


def _of(change: Difference, ident: str) -> bool:
    """Whether ``change`` is a change of the agreement whose id is ``ident`` after it."""
    if change.collection != "agreements":
        return False
    return change.new == ident if change.kind is DiffKind.RENAMED else change.record == ident


def _resolved(
    name: str, loaded: list[tuple[Dataset, str | None]], changed: list[Diff | None]
) -> tuple[str, UnknownName | None]:
    """The id, in the newest data, of the agreement ``name`` stands for; and why it is not known, if it is not.

    An id the agreement had in an older commit is followed through the renames
    since; any other name is read by :meth:`Dataset.find` in the newest data
    that loads.
    """
    readable = [index for index, (_, problem) in enumerate(loaded) if problem is None]
    if not readable:
        return name, None
    for index in readable:
        if any(a.id == name for a in loaded[index][0].agreements):
            ident = name
            for changes in reversed(changed[:index]):  # forward in time, from that commit to the newest
                for d in changes or ():
                    if d.collection == "agreements" and d.kind is DiffKind.RENAMED and d.record == ident:
                        ident = d.new
            return ident, None
    try:
        return loaded[readable[0]][0].find(name).id, None
    except UnknownName as exc:
        return name, exc
