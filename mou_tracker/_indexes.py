"""The indexes a dataset keeps over its records: by id, by name, by area and body, and the last few merges.

Each is built from the records alone, once, when first asked for, and each
answer is what a plain scan of the records would give, only sooner:

* by id (:func:`_index`, :func:`_lookup`: an unknown id names the closest);
* by folded name (:func:`_names`, :func:`_find`: a name stands for one record
  or for none, never a choice among several);
* the positions, in file order, of the agreements under each key (an area, a
  body: :func:`_positions`), and those under any of several keys, merged,
  kept for the most recently asked sets (:func:`_merged`, :func:`_recent`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from typing import Protocol, TypeVar

from ._fold import fold
from ._gc import collector_paused
from .exceptions import AmbiguousName, UnknownId, UnknownName
from .model import Agreement, Area, Person, Signatory

__all__: list[str] = []


class _Record(Protocol):
    @property
    def id(self) -> str: ...


_R = TypeVar("_R", bound=_Record)
_T = TypeVar("_T")
_K = TypeVar("_K")
_V = TypeVar("_V")

# How many merged position lists (see _merged) each index keeps.
_MERGES_KEPT = 64


def _index(records: tuple[_R, ...]) -> Mapping[str, _R]:
    # Duplicates are reported by validation; the first record wins here.
    out: dict[str, _R] = {}
    for record in records:
        out.setdefault(record.id, record)
    return out


def _lookup(index: Mapping[str, _R], kind: str, ident: str) -> _R:
    try:
        return index[ident]
    except KeyError:
        folded = {key.casefold(): key for key in index}
        exact = [folded[ident.casefold()]] if ident.casefold() in folded else []
        close = exact + [
            folded[k]
            for k in difflib.get_close_matches(ident.casefold(), list(folded), n=3, cutoff=0.6)
            if k not in exact
        ]
        raise UnknownId(kind, ident, close) from None


def _names(records: Iterable[tuple[str, Iterable[str]]]) -> Mapping[str, tuple[str, ...]]:
    """Each folded name of the records, with the ids of the records that have it, in file order."""
    out: dict[str, dict[str, None]] = {}
    for ident, names in records:
        for name in names:
            key = fold(name)
            if key:
                out.setdefault(key, {})[ident] = None
    return {key: tuple(ids) for key, ids in out.items()}


def _find(name: str, kind: str, names: Mapping[str, tuple[str, ...]], holding: Callable[[str], list[str]]) -> str:
    """The id of the one record ``name`` stands for: by a folded name, else by words; never a choice among several."""
    key = fold(name)
    if not key:
        raise UnknownName(kind, name)
    found = names.get(key) or tuple(dict.fromkeys(holding(name)))
    if len(found) == 1:
        return found[0]
    if found:
        raise AmbiguousName(kind, name, found)
    close = difflib.get_close_matches(key, list(names), n=6, cutoff=0.6)
    raise UnknownName(kind, name, list(dict.fromkeys(i for k in close for i in names[k]))[:3])


def _positions(records: Iterable[_T], keys: Callable[[_T], Iterable[str]]) -> Mapping[str, tuple[int, ...]]:
    """The positions, in order, of the records under each key (each record once under a key)."""
    out: dict[str, list[int]] = {}
    for i, record in enumerate(records):
        for key in dict.fromkeys(keys(record)):
            out.setdefault(key, []).append(i)
    return {k: tuple(v) for k, v in out.items()}


def _merged(
    index: Mapping[_K, tuple[int, ...]], keys: frozenset[_K], kept: dict[frozenset[_K], tuple[int, ...]]
) -> tuple[int, ...]:
    """The positions under any of ``keys`` in ``index``, once each, in order; kept in ``kept`` (the last few)."""

    def merge() -> tuple[int, ...]:
        lists = [index[key] for key in keys if key in index]
        return lists[0] if len(lists) == 1 else tuple(sorted(set().union(*lists)))

    return _recent(kept, keys, merge, _MERGES_KEPT)


def _recent(kept: dict[_K, _V], key: _K, make: Callable[[], _V], limit: int) -> _V:
    """The value kept under ``key``, made if missing; ``kept`` holds the ``limit`` most recently used."""
    found = kept.pop(key, None)
    if found is None:
        found = make()
        if len(kept) >= limit:
            del kept[next(iter(kept))]  # the least recently used
    kept[key] = found
    return found


class _Named(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def name(self) -> str: ...
    @property
    def names(self) -> Mapping[str, str]: ...
    @property
    def aliases(self) -> tuple[str, ...]: ...


def _folded_names(record: _Named) -> str:
    """The folded name, names and aliases of a person or signatory, apart by line breaks."""
    return "\n".join(fold(t) for t in (record.name, *record.names.values(), *record.aliases))


def _haystacks(agreements: Iterable[Agreement], people: Mapping[str, Person]) -> Mapping[str, str]:
    """The folded text that search looks in, by agreement id: titles, names, aliases, people."""
    out: dict[str, str] = {}
    names: dict[str, list[str]] = {}  # each person's folded names, folded once
    with collector_paused():
        for a in agreements:
            texts = [fold(t) for t in (a.id, *(c.value for c in a.title.claims), *a.titles.values(), a.short or "")]
            texts.extend(fold(t) for t in a.aliases)
            for participant in (*a.signed_by, *a.witnesses):
                found = names.get(participant.person)
                if found is None:
                    person = people.get(participant.person)
                    found = names[participant.person] = [] if person is None else [_folded_names(person)]
                texts.extend(found)
            # Texts are kept apart by a line break, which no search word contains.
            out.setdefault(a.id, "\n".join(texts))
    return out


def _children(records: Iterable[Signatory | Area]) -> Mapping[str, list[str]]:
    """The ids of the records under each record, by the id of their parent."""
    out: dict[str, list[str]] = {}
    for record in records:
        if record.parent is not None:
            out.setdefault(record.parent, []).append(record.id)
    return out


def _closure(start: Iterable[str], neighbours: Callable[[str], Iterable[str]]) -> frozenset[str]:
    """``start`` and every id reached from it through ``neighbours``."""
    out: set[str] = set()
    stack = list(start)
    while stack:
        current = stack.pop()
        if current not in out:
            out.add(current)
            stack.extend(neighbours(current))
    return frozenset(out)


_Succession = tuple[Mapping[str, list[str]], Mapping[str, list[str]]]


def _succession(signatories: Iterable[Signatory]) -> _Succession:
    """Each signatory's successors, and each one's predecessors, through mergers."""
    successors: dict[str, list[str]] = {}
    predecessors: dict[str, list[str]] = {}
    for body in signatories:
        for change in body.history:
            if change.successor is not None:
                successors.setdefault(body.id, []).append(change.successor)
                predecessors.setdefault(change.successor, []).append(body.id)
    return successors, predecessors


def _lineage(start: str, known: Mapping[str, Signatory], succession: _Succession) -> list[str]:
    """The ids of ``start``, its predecessors and its successors through mergers, oldest first."""
    successors, predecessors = succession
    seen = _closure([start], lambda i: (*successors.get(i, ()), *predecessors.get(i, ())) if i in known else ())
    seen = seen & known.keys()
    # Oldest first: a body comes before every body it merged into.
    ordered: list[str] = []
    placed: set[str] = set()
    pending = [i for i in known if i in seen]
    while pending:
        ready = [i for i in pending if all(p in placed for p in predecessors.get(i, ()) if p in seen)]
        if not ready:  # a cycle, which validation reports; keep file order
            ready = pending[:1]
        for i in ready:
            ordered.append(i)
            placed.add(i)
        pending = [i for i in pending if i not in placed]
    return ordered
