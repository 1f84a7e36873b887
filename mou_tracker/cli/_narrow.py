"""The records a command needs, from the store when it is fresh: the whole collection only when the command needs it.

``show``, ``chain``, ``due``, ``changes``, and ``list`` or ``search`` with a
filter the store indexes (a party, an area, words, a status on a day) ask
the :class:`~mou_tracker.store.Store` for the agreements that may answer
them, and run on a dataset of those and what their statuses and names
depend on (:meth:`~mou_tracker.store.Store.linked`). The indexes only
narrow: the command's own filters then run as ever, so that its answer is
the one the whole collection gives. Any other command, or one the store
cannot narrow (a name that is not an id or one agreement's exact name), loads
the whole; a load that finds no fresh store writes one for the next command.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import sqlite3
from collections.abc import Sequence
from pathlib import Path

from ..dataset import Dataset
from ..model import Status
from ..store import Store, _identity, data_files, digest_of

__all__ = ["NARROWED", "dataset_for"]

NARROWED = frozenset({"show", "chain", "due", "changes", "list", "search"})
"""The commands that the store may answer without the whole collection."""


def dataset_for(
    args: argparse.Namespace,
    command: str,
    day: _dt.date,
    window: tuple[_dt.date | None, _dt.date | None] = (None, None),
    statuses: Sequence[Status] | None = (),
) -> Dataset:
    """The dataset ``command`` runs on: narrowed by a fresh store, or the whole (and a store written for next time).

    ``window`` is the days ``due`` and ``changes`` look at; ``statuses`` those
    that ``--status`` asks for (``None`` if they do not read). The data as
    git recorded it (``--recorded-on``) is read whole from the revision: the
    store describes the files on disk, not any revision of them.
    """
    from ..cache import default_cache
    from ..exceptions import MouTrackerError
    from ..loading import bundled_path, load

    if getattr(args, "recorded_on", None) is not None:
        return load(args.data, recorded_on=args.recorded_on)

    cache = default_cache() if args.cache else None
    files = data_files(Path(args.data) if args.data is not None else bundled_path()) if cache is not None else None
    if cache is None or files is None:
        return load(args.data, cache=args.cache)
    store = Store.open(cache, args.data, files)
    if store is not None:
        try:
            positions = (
                _positions(args, command, day, store, window=window, statuses=statuses) if command in NARROWED else None
            )
            if positions is not None:
                return Dataset(**store.records(positions))
        except MouTrackerError:
            pass  # a name or a party that does not read: the whole load reports it, as ever
        except (ValueError, sqlite3.Error):  # a record or an index that is not the store's: it is written anew
            store.close()
            store = None
        if store is not None:
            store.close()
            return load(args.data, cache=True)
    before = {name: _identity(name) for name in files}
    dataset = load(args.data, cache=True)
    digests = {name: digest_of(name) for name in files}
    after = {name: _identity(name) for name in files}
    if before == after and None not in before.values():
        Store.write(cache, args.data, {k: v for k, v in after.items() if v is not None}, digests, dataset)
        if cache.wrote:
            cache.tidy()  # the store counts within the cache's bound, as every entry does
    return dataset


def _positions(
    args: argparse.Namespace,
    command: str,
    day: _dt.date,
    store: Store,
    *,
    window: tuple[_dt.date | None, _dt.date | None],
    statuses: Sequence[Status] | None,
) -> list[int] | None:
    """The positions that answer ``command``, with what their statuses depend on; ``None`` for the whole."""
    if command in ("show", "chain"):
        found = _one(args.id, store)
        if found is None:
            return None
        if command == "chain":
            return store.linked([found], transitive=True)
        return store.linked(store.linked([found]))
    if command == "due":
        return store.linked(store.dated("due", *window))
    if command == "changes":
        return store.linked(sorted({*store.dated("event", *window), *store.dated("action", *window)}))
    return _filtered(args, day, statuses, store)


def _one(name: str, store: Store) -> int | None:
    """The position of the one agreement ``name`` stands for, as ``Dataset.find`` reads it; else ``None``."""
    from .._fold import fold

    found = store.position_of(name)
    if found is not None:
        return found
    key = fold(name)
    if not key:
        return None
    named = store.named(key) or store.holding(key.split())
    return named[0] if len(named) == 1 else None


def _filtered(
    args: argparse.Namespace, day: _dt.date, statuses: Sequence[Status] | None, store: Store
) -> list[int] | None:
    """The positions ``list``/``search`` may keep, by the filters the store indexes; ``None`` if none is given."""
    from .._fold import fold

    if getattr(args, "related", None):
        return None
    sets: list[Sequence[int]] = []
    shell = Dataset(**store.records(()))
    text = getattr(args, "text", None) or getattr(args, "search", None)
    if text:
        words = fold(text if isinstance(text, str) else " ".join(text)).split()
        if words:
            sets.append(store.holding(words))
    parties = getattr(args, "party", None) or []
    if parties:
        sets.append(store.by_bodies(shell.bodies(*parties)))
    if getattr(args, "area", None):
        sets.append(store.by_areas(shell.subareas(*args.area)))
    if statuses is None:
        return None  # statuses that do not read: the whole load reports them, as ever
    if statuses:
        among = store.possibly(statuses, day)
        sets.append(sorted({*among, *store.multilateral()}) if parties else among)
    if not sets:
        return None
    kept = set(sets[0]).intersection(*sets[1:])
    return store.linked(kept)
