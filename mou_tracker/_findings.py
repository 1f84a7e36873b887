"""What every check of the whole uses: the findings, the references between records, citations, names, cycles
and order.

:class:`_Findings` collects (path, message) findings over the records of a
dataset (:class:`Records`), knowing each collection's ids and where each
record stands in its file; :mod:`mou_tracker.validation` checks each record
with it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Protocol

from .dates import DateInterval, PartialDate, Truth
from .exceptions import Path, format_path
from .model import Action, Agreement, Area, Claimed, Person, Signatory, Source

__all__ = ["Records"]

Finding = tuple[Path, str]
AnyDate = PartialDate | DateInterval


class Records(Protocol):
    """What is checked: the records of a dataset, by collection (a :class:`~mou_tracker.Dataset` is one)."""

    @property
    def sources(self) -> tuple[Source, ...]: ...
    @property
    def signatories(self) -> tuple[Signatory, ...]: ...
    @property
    def people(self) -> tuple[Person, ...]: ...
    @property
    def areas(self) -> tuple[Area, ...]: ...
    @property
    def agreements(self) -> tuple[Agreement, ...]: ...


_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*", re.ASCII)
_LANGUAGE = re.compile(r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?", re.ASCII)
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*", re.ASCII)
_COLLECTIONS = ("sources", "signatories", "people", "areas", "agreements")


def _suggest(value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


class _Findings:
    """The findings of a check, and the means every check of a record uses."""

    def __init__(
        self,
        ds: Records,
        positions: Mapping[str, Sequence[int]] | None,
        unbuilt: Mapping[str, set[str]] | None,
    ) -> None:
        self.ds = ds
        self.positions = positions or {}
        self.unbuilt = unbuilt or {}
        self.found: list[Finding] = []
        self.bodies = {b.id: b for b in ds.signatories}
        self.ids: dict[str, dict[str, int]] = {}
        for name in _COLLECTIONS:
            seen: dict[str, int] = {}
            for i, record in self.each(name):
                path: Path = (name, i, "id")
                if not _ID.fullmatch(record.id):
                    self.add(
                        path, f"expected an id of lowercase letters, digits and single hyphens, found {record.id!r}"
                    )
                if record.id in seen:
                    self.add(path, f"duplicate id {record.id!r}; first at {format_path((name, seen[record.id]))}")
                else:
                    seen[record.id] = i
            self.ids[name] = seen

    def each(self, name: str) -> Iterator[tuple[int, Any]]:
        """The records of a collection with their positions in the file."""
        records = getattr(self.ds, name)
        positions = self.positions.get(name)
        for i, record in enumerate(records):
            yield (positions[i] if positions is not None else i), record

    def add(self, path: Path, message: str) -> None:
        self.found.append((path, message))

    def refs(self, path: Path, values: Sequence[str], collection: str, what: str) -> None:
        for i, value in enumerate(values):
            self.ref((*path, i), value, collection, what)

    def ref(self, path: Path, value: str | None, collection: str, what: str) -> None:
        if value is not None and value not in self.ids[collection] and value not in self.unbuilt.get(collection, ()):
            known = self.ids[collection]
            self.add(path, f"unknown {what} id {value!r}{_suggest(value, known)}")

    def cited(self, path: Path, sources: Sequence[str], fact: str) -> None:
        if not sources:
            self.add(path, f"{fact} cites no source; add 'sources' with at least one source id")
        else:
            self.refs(path, sources, "sources", "source")

    def names(self, path: Path, names: Mapping[str, str]) -> None:
        for language, name in names.items():
            if not _LANGUAGE.fullmatch(language):
                message = f"names are keyed by language code such as 'en' or 'vi', found {language!r}"
                self.add((*path, language), message)
            if not name.strip():
                self.add((*path, language), "expected a name, found empty text")

    def claimed(self, path: Path, claimed: Claimed[Any], fact: str) -> None:
        if claimed.disputed:
            for i, claim in enumerate(claimed.claims):
                self.cited((*path, i, "sources"), claim.sources, f"each claim of a disputed {fact}")
        else:
            self.refs((*path, 0, "sources"), claimed.claims[0].sources, "sources", "source")

    def cycles(self, collection: str, edges: Mapping[str, Sequence[str]], what: str, field: str) -> None:
        index = self.ids[collection]
        state: dict[str, int] = {}
        for start in edges:
            if state.get(start):
                continue
            stack: list[tuple[str, Iterator[str]]] = [(start, iter(edges.get(start, ())))]
            trail = [start]
            state[start] = 1
            while stack:
                node, it = stack[-1]
                nxt = next(it, None)
                if nxt is None:
                    state[node] = 2
                    stack.pop()
                    trail.pop()
                    continue
                if state.get(nxt) == 1:
                    loop = [*trail[trail.index(nxt) :], nxt]
                    self.add((collection, index[nxt], field), f"cycle in {what}: {' → '.join(loop)}")
                elif not state.get(nxt) and nxt in edges:
                    state[nxt] = 1
                    trail.append(nxt)
                    stack.append((nxt, iter(edges.get(nxt, ()))))

    def in_order(self, path: Path, date: AnyDate, previous: AnyDate | None, what: str) -> None:
        """A finding if ``date`` is certainly before the ``previous`` one of a list of ``what`` (events, changes)."""
        if previous is not None and date.before(previous) is Truth.YES:
            self.add(path, f"{what}s out of order: {date} is before the previous {what} ({previous})")

    def not_before(
        self,
        path: Path,
        what: str,
        date: AnyDate,
        than: str,
        earlier: AnyDate | tuple[int, Action] | None,
        *,
        hint: str = "",
        at: str | None = None,
    ) -> None:
        """A finding if ``what``, on ``date``, is certainly before ``than``: a date, or an action with its index."""
        if isinstance(earlier, tuple):
            at, earlier = f"actions[{earlier[0]}]", earlier[1].date.value
        if earlier is not None and date.before(earlier) is Truth.YES:
            where = "" if at is None else f", {at}"
            self.add(path, f"{what} ({date}) before {than} ({earlier}{where}){hint}")
