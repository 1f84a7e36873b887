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
from .diffing import Diff, DiffKind, diff
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
    ident, unknown = _resolved(name, [dataset for dataset, problem in loaded if problem is None])
    asked = ident
    revisions = []
    for index, (commit, (dataset, problem)) in enumerate(zip(found, loaded, strict=True)):
        if problem is not None:
            revisions.append(Revision(commit, ident, Diff(), problem))
            continue
        older = next((d for d, p in loaded[index + 1 :] if p is None), Dataset())
        mine = tuple(
            d
            for d in diff(older, dataset)
            if d.collection == "agreements" and (d.record == ident or (d.kind is DiffKind.RENAMED and d.new == ident))
        )
        if not mine:
            continue
        revisions.append(Revision(commit, ident, Diff(mine)))
        renames = [d for d in mine if d.kind is DiffKind.RENAMED]
        if renames:
            ident = renames[0].record
    if not any(r.changes for r in revisions):
        raise unknown or UnknownName("agreement", name)
    return History(asked, relative, named, tuple(revisions))


def _resolved(name: str, datasets: list[Dataset]) -> tuple[str, UnknownName | None]:
    """The id ``name`` stands for: itself if it is the id of an agreement in any of ``datasets`` (newest first),
    the id it names in the newest by :meth:`Dataset.find` otherwise; else ``name``, and why it is not known."""
    if not datasets or any(name in (a.id for a in dataset.agreements) for dataset in datasets):
        return name, None
    try:
        return datasets[0].find(name).id, None
    except UnknownName as exc:
        return name, exc
