"""A :class:`~mou_tracker.diffing.Diff` applied to the dataset it was taken from.

What :func:`~mou_tracker.diff` reports is enough to make the new dataset
from the old one: :func:`apply` does so, and so shows that nothing was left
out of the report. As the diff sees no change in the order of records or of
the items of a list, the dataset made holds the same records and items as
the new one, with those added at the end of their lists.

>>> import mou_tracker
>>> old = mou_tracker.load()
>>> new = renamed(old, "agreements", "itx", "innovation-talent-exchange")
>>> apply(old, mou_tracker.diff(old, new)) == new
True
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from .dataset import Dataset
from .diffing import COLLECTIONS, Diff, Difference, DiffKind, Step, preferred_index, renamed
from .model import Claim, Claimed

__all__ = ["apply", "renamed"]

_Pending = Sequence[tuple[tuple[Step, ...], Difference]]


def apply(dataset: Dataset, changes: Diff) -> Dataset:
    """``dataset`` with every change of ``changes`` made: renames first, then each record's changes."""
    for change in changes.of_kind(DiffKind.RENAMED):
        dataset = renamed(dataset, change.collection, change.old, change.new)
    by_record: dict[tuple[str, str], list[Difference]] = {}
    for change in changes:
        if change.kind is not DiffKind.RENAMED:
            by_record.setdefault((change.collection, change.record), []).append(change)
    collections: dict[str, tuple[Any, ...]] = {}
    for collection in COLLECTIONS:
        records = []
        for record in getattr(dataset, collection):
            mine = by_record.pop((collection, record.id), [])
            if any(not d.path and d.kind is DiffKind.REMOVED for d in mine):
                continue
            records.append(_patched(record, [(d.path, d) for d in mine]) if mine else record)
        records.extend(d.new for d in changes.of_kind(DiffKind.ADDED) if d.collection == collection and not d.path)
        collections[collection] = tuple(records)
    return Dataset(**collections)


def _patched(value: Any, pending: _Pending) -> Any:
    """``value`` with the changes ``pending`` made, each with its path from ``value``."""
    if isinstance(value, Claimed):
        return _claimed(value, pending)
    here = [d for path, d in pending if not path]
    if here:
        return here[-1].new
    if isinstance(value, tuple):
        return tuple(item for _, item in _items(value, pending))
    if isinstance(value, Mapping):
        mapping = dict(value)
        for path, d in pending:
            if d.new is None:
                del mapping[path[0]]
            else:
                mapping[path[0]] = d.new
        return mapping
    fields: dict[str, list[tuple[tuple[Step, ...], Difference]]] = {}
    for path, d in pending:
        fields.setdefault(str(path[0]), []).append((path[1:], d))
    return attrs.evolve(value, **{name: _patched(getattr(value, name), p) for name, p in fields.items()})


def _items(items: tuple[Any, ...], pending: _Pending) -> list[tuple[int | None, Any]]:
    """The items of a list changed, each with its place in the old list (``None`` for one added)."""
    added = sorted((path[0], d.new) for path, d in pending if len(path) == 1 and d.kind is DiffKind.ADDED)
    out: list[tuple[int | None, Any]] = []
    for i, item in enumerate(items):
        mine = [
            (path[1:], d) for path, d in pending if path[0] == i and not (len(path) == 1 and d.kind is DiffKind.ADDED)
        ]
        if any(not path and d.kind is DiffKind.REMOVED for path, d in mine):
            continue
        out.append((i, _patched(item, mine) if mine else item))
    out.extend((None, new) for _, new in added)
    return out


def _claimed(value: Claimed[Any], pending: _Pending) -> Claimed[Any]:
    """A value's claims changed, and the claim preferred marked as the diff says."""
    preferred = [d.new for path, d in pending if not path and d.kind is DiffKind.PREFERRED_CHANGED]
    single = [(path, d) for path, d in pending if path[:1] != ("claims",) and d.kind is not DiffKind.PREFERRED_CHANGED]
    if single:  # an undisputed value, and so on both sides: its one claim changed
        return Claimed((_patched(value.claims[0], [(path or ("value",), d) for path, d in single]),))
    claims = _items(value.claims, [(path[1:], d) for path, d in pending if path])
    was = preferred_index(value)
    chosen = next(
        (k for k, (origin, c) in enumerate(claims) if (c.value == preferred[-1] if preferred else origin == was)), 0
    )
    made: list[Claim[Any]] = [
        attrs.evolve(c, preferred=len(claims) > 1 and k == chosen) for k, (_, c) in enumerate(claims)
    ]
    return Claimed(tuple(made))
