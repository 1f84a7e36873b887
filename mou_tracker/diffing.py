"""What changed between two versions of a dataset, record by record and field by field.

Curated data lives in git, and whoever reads a new release asks what it
corrects. :func:`diff` compares two datasets (:class:`~mou_tracker.Dataset`) and
gives a :class:`Diff`: each :class:`Difference` names its record (the
collection and the id), the field within it as the data format writes it
(``history[0].date``, ``title.claims[1]``, ``sources[2]``), the old and the
new value, its :class:`DiffKind`, and whether it is *destructive*.

Dates are compared by the days they allow: ``2025-10`` → ``2025-10-28``
is a date made more precise (the new date within the old one), ``2025-10-28``
→ ``2025-11-02`` a date contradicted (the new one not within it), and
``2025-10-28`` → ``2025-10`` a date made less precise. A record removed and
one added that are equal once the old id is replaced by the new one
everywhere it is named is a rename, shown as one, and the references to it
that changed with it are not changes of their own.

A change is destructive when it takes away what a source gave, with
nothing in its place: a record removed, an item with sources of its own
removed (an event, an action, a relation, a target, a term, a participant,
a change in a signatory's history, an entry-into-force clause), a claim
removed, a source no longer cited, a date removed, contradicted or made less
precise.

The order of records, and of the items of a list, is no change: only what
is added, removed or changed is. Items of a list are paired before they are
compared: equal ones first, then events by status, actions by party and
kind, relations by type and target, targets by description, participants by
person, claims by value and then by sources, so that an event whose date was
corrected is one change of its date, not an event removed and another added.
Each ``[i]`` of a path is the item's place in the old list, but for an item
added, whose place is in the new one.

>>> import attrs, mou_tracker
>>> old = mou_tracker.load()
>>> itx = old["itx"]
>>> event = attrs.evolve(itx.history[0], date=mou_tracker.Claimed.of(mou_tracker.parse_date("2023-08")))
>>> new = attrs.evolve(old, agreements=tuple(
...     attrs.evolve(a, history=(event,)) if a.id == "itx" else a for a in old.agreements))
>>> [(d.kind.value, d.record, d.field, str(d.old), str(d.new), d.destructive) for d in diff(new, old)]
[('date_refined', 'itx', 'history[0].date', '2023-08', '2023-08-28', False)]
>>> [(d.kind.value, d.destructive) for d in diff(old, new)]
[('date_widened', True)]
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from .dataset import Dataset
from .dates import DateInterval, PartialDate
from .model import Action, Area, Change, Claim, Claimed, Participant, Relation, Signatory, StatusEvent, Target

__all__ = ["COLLECTIONS", "Diff", "DiffKind", "Difference", "diff", "renamed"]

Step = str | int
"""One step of a path within a record: a field's or a language's name, or an item's place in a list."""


class DiffKind(enum.Enum):
    """What kind of change a :class:`Difference` is."""

    ADDED = "added"
    """A record, an item of a list, a claim, a name or a value that was not there."""
    REMOVED = "removed"
    """A record, an item, a claim, a name or a value that is no longer there."""
    CHANGED = "changed"
    """A value replaced by another (a date by one that allows the very same days, written otherwise)."""
    RENAMED = "renamed"
    """A record's id, and every reference to it, replaced; the record otherwise unchanged."""
    DATE_REFINED = "date_refined"
    """A date made more precise: the new date lies within the old one (``2025-10`` → ``2025-10-28``)."""
    DATE_WIDENED = "date_widened"
    """A date made less precise: the old date lies within the new one (``2025-10-28`` → ``2025-10``)."""
    DATE_CONTRADICTED = "date_contradicted"
    """A date replaced by one not within it (``2025-10-28`` → ``2025-11-02``)."""
    PREFERRED_CHANGED = "preferred_changed"
    """Another claim preferred among those of a disputed value: ``old`` and ``new`` are the preferred values."""


COLLECTIONS = ("agreements", "signatories", "people", "areas", "sources")
"""The collections of a dataset, in the order a diff reports them."""

_DESTRUCTIVE_KINDS = frozenset({DiffKind.DATE_CONTRADICTED, DiffKind.DATE_WIDENED})


@attrs.frozen(eq=True, hash=False)
class Difference:
    """One change: its kind, the record and the path within it, the old and new values, and whether it is destructive.

    ``old`` is ``None`` for what was added, ``new`` for what was removed;
    for a record added or removed, ``path`` is empty and the value is the
    whole record. For a rename, ``record`` is the old id, and ``old`` and
    ``new`` are the ids.
    """

    kind: DiffKind
    collection: str
    record: str
    path: tuple[Step, ...]
    old: Any
    new: Any
    destructive: bool

    @property
    def field(self) -> str:
        """The path as the data format writes it: ``history[0].date``; empty for the record itself."""
        text = ""
        for step in self.path:
            text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
        return text


@attrs.frozen
class Diff:
    """Every change from one dataset to another, record by record, in the order of :data:`COLLECTIONS`.

    Iterating gives each :class:`Difference`; a diff is true when there
    is any.
    """

    changes: tuple[Difference, ...] = ()

    def __iter__(self) -> Iterator[Difference]:
        return iter(self.changes)

    def __len__(self) -> int:
        return len(self.changes)

    @property
    def destructive(self) -> tuple[Difference, ...]:
        """The destructive changes."""
        return tuple(d for d in self.changes if d.destructive)

    def of_kind(self, *kinds: DiffKind) -> tuple[Difference, ...]:
        """The changes of any of ``kinds``."""
        return tuple(d for d in self.changes if d.kind in kinds)


# What a field names, where it names records: the collection its ids are of.
_REFERS = {
    "sources": "sources",
    "parties": "signatories",
    "party": "signatories",
    "acting_for": "signatories",
    "successor": "signatories",
    "areas": "areas",
    "person": "people",
    "target": "agreements",
}


def _refers(owner: type, name: str) -> str | None:
    if name == "parent":
        return "signatories" if owner is Signatory else "areas" if owner is Area else None
    return _REFERS.get(name)


def _renamed_in(value: Any, collection: str, old: str, new: str) -> Any:
    """``value`` with every reference to the record ``old`` of ``collection`` made to ``new``."""
    if isinstance(value, tuple):
        items = tuple(_renamed_in(item, collection, old, new) for item in value)
        return items if items != value else value
    if not attrs.has(type(value)) or isinstance(value, (PartialDate, DateInterval)):
        return value
    changes: dict[str, Any] = {}
    for field in attrs.fields(type(value)):
        was = getattr(value, field.name)
        if _refers(type(value), field.name) == collection:
            now = tuple(new if x == old else x for x in was) if isinstance(was, tuple) else new if was == old else was
        else:
            now = _renamed_in(was, collection, old, new)
        if now is not was and now != was:
            changes[field.name] = now
    return attrs.evolve(value, **changes) if changes else value


def renamed(dataset: Dataset, collection: str, old: str, new: str) -> Dataset:
    """``dataset`` with the record ``old`` of ``collection`` given the id ``new``, and every reference to it too."""
    changed: dict[str, Any] = {}
    for name in COLLECTIONS:
        records = tuple(_renamed_in(r, collection, old, new) for r in getattr(dataset, name))
        if name == collection:
            records = tuple(attrs.evolve(r, id=new) if r.id == old else r for r in records)
        changed[name] = records
    return Dataset(**changed)


def _renames(old: Dataset, new: Dataset) -> tuple[Dataset, list[Difference]]:
    """The records renamed from ``old`` to ``new``, and ``old`` with them renamed.

    Sources first, then signatories, people and areas, and agreements last:
    an agreement whose sources were renamed with it is still found renamed.
    """
    found: list[Difference] = []
    for collection in reversed(COLLECTIONS):
        olds = {r.id: r for r in getattr(old, collection)}
        news = {r.id: r for r in getattr(new, collection)}
        added = [i for i in news if i not in olds]
        for ident in [i for i in olds if i not in news]:
            for other in added:
                candidate = attrs.evolve(_renamed_in(olds[ident], collection, ident, other), id=other)
                if candidate == news[other]:
                    old = renamed(old, collection, ident, other)
                    found.append(Difference(DiffKind.RENAMED, collection, ident, ("id",), ident, other, False))
                    added.remove(other)
                    break
    return old, found


def diff(old: Dataset, new: Dataset) -> Diff:
    """Every change from ``old`` to ``new``: records added, removed, renamed, and each field changed.

    Renames come first in each collection, then the changes of each record
    in the order of ``old``, then the records added in the order of ``new``.
    """
    work, renames = _renames(old, new)
    changes: list[Difference] = []
    for collection in COLLECTIONS:
        changes.extend(d for d in renames if d.collection == collection)
        olds = {r.id: r for r in getattr(work, collection)}
        news = {r.id: r for r in getattr(new, collection)}
        for ident, record in olds.items():
            if ident not in news:
                changes.append(Difference(DiffKind.REMOVED, collection, ident, (), record, None, True))
                continue
            found: list[tuple[DiffKind, tuple[Step, ...], Any, Any, bool]] = []
            _compare(record, news[ident], (), found)
            changes.extend(Difference(kind, collection, ident, *rest) for kind, *rest in found)
        for ident, record in news.items():
            if ident not in olds:
                changes.append(Difference(DiffKind.ADDED, collection, ident, (), None, record, False))
    return Diff(tuple(changes))


_Found = list[tuple[DiffKind, tuple[Step, ...], Any, Any, bool]]


def _sourced(value: Any, path: tuple[Step, ...]) -> bool:
    """Whether removing ``value`` (at ``path``) takes away what a source gave: see the module's docstring."""
    if isinstance(value, (PartialDate, DateInterval, Claim)) or hasattr(value, "sources"):
        return True
    return isinstance(value, str) and len(path) >= 2 and path[-2] == "sources"


def _date_kind(old: PartialDate | DateInterval, new: PartialDate | DateInterval) -> DiffKind:
    def within(inner: PartialDate | DateInterval, outer: PartialDate | DateInterval) -> bool:
        lo, hi, outer_lo, outer_hi = inner.earliest, inner.latest, outer.earliest, outer.latest
        return (outer_lo is None or (lo is not None and outer_lo <= lo)) and (
            outer_hi is None or (hi is not None and hi <= outer_hi)
        )

    narrower, wider = within(new, old), within(old, new)
    if narrower and wider:
        return DiffKind.CHANGED
    return DiffKind.DATE_REFINED if narrower else DiffKind.DATE_WIDENED if wider else DiffKind.DATE_CONTRADICTED


def _value_kind(old: Any, new: Any) -> DiffKind:
    dates = (PartialDate, DateInterval)
    return _date_kind(old, new) if isinstance(old, dates) and isinstance(new, dates) else DiffKind.CHANGED


def _compare(old: Any, new: Any, path: tuple[Step, ...], found: _Found) -> None:
    if old == new:
        return
    if old is None:
        found.append((DiffKind.ADDED, path, None, new, False))
    elif new is None:
        found.append((DiffKind.REMOVED, path, old, None, _sourced(old, path)))
    elif isinstance(old, Claimed) and isinstance(new, Claimed):
        _claims(old, new, path, found)
    elif isinstance(old, tuple) and isinstance(new, tuple):
        pairs, gone, came = _paired(old, new, _KEYS.get(type(old[0]) if old else object, ()))
        for i, j in pairs:
            _compare(old[i], new[j], (*path, i), found)
        found.extend((DiffKind.REMOVED, (*path, i), old[i], None, _sourced(old[i], (*path, i))) for i in gone)
        found.extend((DiffKind.ADDED, (*path, j), None, new[j], False) for j in came)
    elif isinstance(old, Mapping) and isinstance(new, Mapping):
        for key in [*old, *(k for k in new if k not in old)]:
            _compare(old.get(key), new.get(key), (*path, key), found)
    elif attrs.has(type(old)) and type(old) is type(new) and not isinstance(old, (PartialDate, DateInterval)):
        for field in attrs.fields(type(old)):
            _compare(getattr(old, field.name), getattr(new, field.name), (*path, field.name), found)
    else:
        kind = _value_kind(old, new)
        found.append((kind, path, old, new, kind in _DESTRUCTIVE_KINDS))


# How the items of a list are paired when they are not equal: each key in turn, items of equal keys in order.
_KEYS: Mapping[type, tuple[Callable[[Any], object], ...]] = {
    StatusEvent: (lambda e: e.status.value, lambda e: e.date.value),
    Action: (lambda a: (a.party, a.action), lambda a: a.party),
    Relation: (lambda r: (r.type, r.target), lambda r: r.target),
    Target: (lambda t: t.description, lambda t: (t.status, t.due)),
    Participant: (lambda p: p.person,),
    Change: (lambda c: (c.change, c.successor), lambda c: c.change),
    Claim: (lambda c: c.value, lambda c: c.sources),
}


def _paired(
    old: Sequence[Any], new: Sequence[Any], keys: Sequence[Callable[[Any], object]]
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs of the places of items of ``old`` and ``new`` taken for the same item; the places left in each."""
    pairs: list[tuple[int, int]] = []
    left_old, left_new = list(range(len(old))), list(range(len(new)))
    for key in (lambda item: item, *keys):
        for i in list(left_old):
            wanted = key(old[i])
            j = next((j for j in left_new if key(new[j]) == wanted), None)
            if j is not None:
                pairs.append((i, j))
                left_old.remove(i)
                left_new.remove(j)
    return sorted(pairs), left_old, left_new


def preferred_index(claimed: Claimed[Any]) -> int:
    """The place of the preferred claim among ``claimed.claims``."""
    return next((i for i, c in enumerate(claimed.claims) if c.preferred), 0)


def _claims(old: Claimed[Any], new: Claimed[Any], path: tuple[Step, ...], found: _Found) -> None:
    """A value's claims: each changed, added or removed, and another claim preferred.

    An undisputed value changed on both sides is one claim changed, written
    at the value's own path (``history[0].date``, ``history[0].date.sources``).
    """
    before = tuple(attrs.evolve(c, preferred=False) for c in old.claims)
    after = tuple(attrs.evolve(c, preferred=False) for c in new.claims)
    single = len(before) == 1 and len(after) == 1
    pairs, gone, came = ([(0, 0)], [], []) if single else _paired(before, after, _KEYS[Claim])
    for i, j in pairs:
        at = path if single else (*path, "claims", i)
        if before[i].value != after[j].value:
            kind = _value_kind(before[i].value, after[j].value)
            found.append(
                (kind, at if single else (*at, "value"), before[i].value, after[j].value, kind in _DESTRUCTIVE_KINDS)
            )
        _compare(before[i].sources, after[j].sources, (*at, "sources"), found)
        _compare(before[i].note, after[j].note, (*at, "note"), found)
    found.extend((DiffKind.REMOVED, (*path, "claims", i), old.claims[i], None, True) for i in gone)
    found.extend((DiffKind.ADDED, (*path, "claims", j), None, new.claims[j], False) for j in came)
    if dict(pairs).get(preferred_index(old)) != preferred_index(new):
        found.append((DiffKind.PREFERRED_CHANGED, path, old.value, new.value, False))
