"""A loaded collection: agreements with the signatories, people, areas and sources they cite.

:class:`Dataset` holds the records and answers for them: by id and by name,
the status of an agreement on a day, each party's participation, and the
queries over them. It keeps what it works out: its indexes
(:mod:`mou_tracker._indexes`), the status of every agreement on a day
(:mod:`mou_tracker._timelines`, derived as :mod:`mou_tracker._status`
derives one), and each party's participation
(:mod:`mou_tracker.participation`).
"""

from __future__ import annotations

import datetime as _dt
import difflib
from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property

import attrs

from ._fold import fold
from ._html import dataset_summary, dataset_table
from ._indexes import (
    _children,
    _closure,
    _find,
    _folded_names,
    _haystacks,
    _index,
    _lineage,
    _lookup,
    _merged,
    _names,
    _positions,
    _succession,
)
from ._participating import Participating
from ._status import StatusReading, _read
from ._timelines import StatusIndex
from .exceptions import UnknownId
from .model import Agreement, Area, Person, Relation, Signatory, Source, Status
from .participation import Participations
from .queries import Query

__all__ = ["Dataset", "StatusReading"]


@attrs.frozen
class Dataset(Participating):
    """Every record of one or more data files.

    Iterating gives the agreements; ``dataset["itx"]`` finds one by id. Its
    repr counts what it holds; in a notebook it shows as a table of its
    first agreements.

    >>> import mou_tracker
    >>> mou_tracker.load()
    <Dataset: 36 agreements, 10 signatories, 11 people, 25 areas, 23 sources>
    """

    agreements: tuple[Agreement, ...] = ()
    signatories: tuple[Signatory, ...] = ()
    people: tuple[Person, ...] = ()
    areas: tuple[Area, ...] = ()
    sources: tuple[Source, ...] = ()

    def __repr__(self) -> str:
        return f"<Dataset: {dataset_summary(self)}>"

    def _repr_html_(self) -> str:
        """The dataset in a notebook: what it holds, and a table of its first agreements."""
        return dataset_table(self)

    def __iter__(self) -> Iterator[Agreement]:
        return iter(self.agreements)

    def __len__(self) -> int:
        return len(self.agreements)

    def __contains__(self, ident: object) -> bool:
        return ident in self._agreements

    def __getitem__(self, ident: str) -> Agreement:
        return _lookup(self._agreements, "agreement", ident)

    @cached_property
    def _agreements(self) -> Mapping[str, Agreement]:
        return _index(self.agreements)

    @cached_property
    def _signatories(self) -> Mapping[str, Signatory]:
        return _index(self.signatories)

    @cached_property
    def _people(self) -> Mapping[str, Person]:
        return _index(self.people)

    @cached_property
    def _areas(self) -> Mapping[str, Area]:
        return _index(self.areas)

    @cached_property
    def _sources(self) -> Mapping[str, Source]:
        return _index(self.sources)

    def agreement(self, ident: str) -> Agreement:
        """The agreement with this id; :class:`UnknownId` names the closest otherwise."""
        return self[ident]

    def signatory(self, ident: str) -> Signatory:
        """The signatory with this id."""
        return _lookup(self._signatories, "signatory", ident)

    def person(self, ident: str) -> Person:
        """The person with this id."""
        return _lookup(self._people, "person", ident)

    def area(self, ident: str) -> Area:
        """The area with this id."""
        return _lookup(self._areas, "area", ident)

    def source(self, ident: str) -> Source:
        """The source with this id."""
        return _lookup(self._sources, "source", ident)

    def find(self, name: str) -> Agreement:
        """The agreement ``name`` stands for, written as people write it.

        ``name`` is, in this order: an agreement's id; the id, short name,
        an alias or a title (in any language, disputed ones too) of an
        agreement, ignoring case and diacritics (``ITX``, ``innovation talent
        exchange programme``); or words that only one agreement holds, as
        :meth:`Query.text` finds them (``innovation talent``).

        >>> import mou_tracker
        >>> data = mou_tracker.load()
        >>> [data.find(name).id for name in ("itx", "ITX", "innovation talent")]
        ['itx', 'itx', 'itx']

        When ``name`` could be more than one agreement, none is chosen:
        :class:`~mou_tracker.AmbiguousName` names every candidate. When it
        is none, :class:`~mou_tracker.UnknownName` names the closest.
        """
        found = self._agreements.get(name)
        if found is not None:
            return found
        return self._agreements[
            _find(name, "agreement", self._agreement_names, lambda words: self.query().text(words).ids())
        ]

    def find_signatory(self, name: str) -> Signatory:
        """The signatory ``name`` stands for: its id, else its id, name (in any language) or an alias,
        ignoring case and diacritics, else words that only one signatory's names hold.

        >>> import mou_tracker
        >>> data = mou_tracker.load()
        >>> [data.find_signatory(name).id for name in ("vn", "Việt Nam", "viet nam", "VIETNAM")]
        ['vn', 'vn', 'vn', 'vn']

        Raises :class:`~mou_tracker.AmbiguousName` and
        :class:`~mou_tracker.UnknownName` as :meth:`find` does.
        """
        found = self._signatories.get(name)
        if found is not None:
            return found
        names = self._signatory_names

        def holding(words: str) -> list[str]:
            wanted = fold(words).split()
            return [s.id for s in self.signatories if all(w in self._signatory_text[s.id] for w in wanted)]

        return self._signatories[_find(name, "signatory", names, holding)]

    @cached_property
    def _agreement_names(self) -> Mapping[str, tuple[str, ...]]:
        """Each folded id, short name, alias and title, with the ids of the agreements that have it."""
        return _names(
            (a.id, (a.id, a.short or "", *a.aliases, *(c.value for c in a.title.claims), *a.titles.values()))
            for a in self.agreements
        )

    @cached_property
    def _signatory_names(self) -> Mapping[str, tuple[str, ...]]:
        """Each folded id, name and alias, with the ids of the signatories that have it."""
        return _names((s.id, (s.id, s.name, *s.names.values(), *s.aliases)) for s in self.signatories)

    @cached_property
    def _signatory_text(self) -> Mapping[str, str]:
        """The folded names of each signatory, apart by line breaks, for a search by words."""
        return {s.id: f"{fold(s.id)}\n{_folded_names(s)}" for s in reversed(self.signatories)}

    def query(self) -> Query:
        """A query over every agreement; add filters to narrow it."""
        return Query(self)

    def bodies(self, *who: str) -> frozenset[str]:
        """Signatory ids that ``who`` stands for: each signatory (an id, or a
        name as :meth:`find_signatory` reads it) or every body of an ISO
        country code, the bodies under it, and their predecessors and
        successors."""
        start: set[str] = set()
        for ident in who:
            if len(ident) == 2 and ident.isupper():
                found = {s.id for s in self.signatories if s.country == ident}
                if not found:
                    import iso3166

                    if ident not in iso3166.countries_by_alpha2:
                        codes = sorted({s.country for s in self.signatories if s.country is not None})
                        raise UnknownId("country code", ident, difflib.get_close_matches(ident, codes, n=3, cutoff=0.5))
                start.update(found)
            else:
                start.add(self.find_signatory(ident).id)
        children = _children(self.signatories)
        return _closure(start, lambda body: (*children.get(body, ()), *(s.id for s in self.lineage(body))))

    def subareas(self, *areas: str) -> frozenset[str]:
        """The areas and every area under them."""
        children = _children(self.areas)
        return _closure([self.area(a).id for a in areas], lambda area: children.get(area, ()))

    def haystack(self, agreement: Agreement) -> str:
        """The folded text that search looks in: titles, names, aliases, people."""
        return self._haystacks[agreement.id]

    def haystacks(self) -> tuple[str, ...]:
        """The folded text of every agreement, in file order (cached)."""
        return self._haystack_list

    @cached_property
    def _haystack_list(self) -> tuple[str, ...]:
        return tuple(self._haystacks[a.id] for a in self.agreements)

    @cached_property
    def _haystacks(self) -> Mapping[str, str]:
        return _haystacks(self.agreements, self._people)

    def lineage(self, ident: str) -> tuple[Signatory, ...]:
        """The signatory, its predecessors and its successors through mergers, oldest first.

        Viet Nam's Ministry of Natural Resources and Environment and the
        Ministry of Agriculture and Environment it became part of are one
        lineage: the same counterpart before and after.
        """
        start = self.signatory(ident)
        return tuple(self._signatories[i] for i in _lineage(start.id, self._signatories, self._succession))

    @cached_property
    def _succession(self) -> tuple[Mapping[str, list[str]], Mapping[str, list[str]]]:
        """Each signatory's successors, and each one's predecessors, through mergers."""
        return _succession(self.signatories)

    def status_on(self, agreement: Agreement | str, day: _dt.date) -> StatusReading:
        """The status of ``agreement`` on ``day``, derived from its history.

        Beyond the history's own events, the end of a term (a period: ``2026``
        runs to 31 December 2026) makes an instrument that was signed or in
        effect ``EXPIRED`` the next day, and an instrument that
        another one ``supersedes`` becomes ``SUPERSEDED`` when that one takes
        effect. Each derived step keeps the uncertainty of the date it comes
        from.
        """
        if isinstance(agreement, str):
            agreement = self[agreement]
        if isinstance(day, _dt.datetime):
            raise TypeError("status_on takes a date, not a datetime: take .date() in a known time zone")
        return _read(self._status.steps_for(agreement), day)

    @cached_property
    def _status(self) -> StatusIndex:
        """The steps, timeline and readings of each agreement, kept (see :mod:`mou_tracker._timelines`)."""
        return StatusIndex(self.agreements, self._agreements, self._referrers)

    def _steps_for(self, agreement: Agreement) -> list[tuple[_dt.date | None, _dt.date | None, Status]]:
        """The steps of ``agreement``, remembered by id when it is the dataset's record of that id."""
        return self._status.steps_for(agreement)

    def statuses_on(self, day: _dt.date) -> tuple[StatusReading, ...]:
        """The status of every agreement on ``day``, in file order, as :meth:`status_on` reads it.

        A reading changes only on a day on which some event or derived step
        may first have happened or certainly had: between two such days every
        reading is the same. So the readings of a stretch are worked out once
        and kept (for the last few stretches asked about), and asking again
        for any day of it costs nothing.
        """
        return self._status.statuses_on(day)

    def possibly(self, statuses: Iterable[Status], day: _dt.date) -> tuple[int, ...]:
        """The positions, in file order, of the agreements whose status on ``day`` may be one of ``statuses``.

        Kept for the stretch of days, as :meth:`statuses_on` keeps its readings.
        """
        return self._status.possibly(statuses, day)

    def position(self, agreement: Agreement) -> int:
        """The position of ``agreement`` in file order (a ``KeyError`` if it is not in the dataset)."""
        return self._positions[agreement.id]

    @cached_property
    def _positions(self) -> Mapping[str, int]:
        return {agreement.id: i for i, agreement in enumerate(self.agreements)}

    @cached_property
    def _participations(self) -> Participations:
        """Each party's participation, worked out once for each (agreement, party) asked about."""
        return Participations(self)

    def positions_by_area(self, area: str) -> tuple[int, ...]:
        """The positions (in file order) of the agreements that name ``area`` itself, from a cached index."""
        return self._by_area.get(area, ())

    def positions_by_body(self, body: str) -> tuple[int, ...]:
        """The positions of the agreements ``body`` is party to or signed or witnessed for, from a cached index."""
        return self._by_body.get(body, ())

    def positions_by_areas(self, areas: Iterable[str]) -> tuple[int, ...]:
        """The positions, in file order, of the agreements that name any of ``areas``; kept for each set asked."""
        return _merged(self._by_area, frozenset(areas), self._merges_by_area)

    def positions_by_bodies(self, bodies: Iterable[str]) -> tuple[int, ...]:
        """The positions, in file order, of the agreements any of ``bodies`` is party to or signed or witnessed for."""
        return _merged(self._by_body, frozenset(bodies), self._merges_by_body)

    @cached_property
    def _merges_by_area(self) -> dict[frozenset[str], tuple[int, ...]]:
        return {}

    @cached_property
    def _merges_by_body(self) -> dict[frozenset[str], tuple[int, ...]]:
        return {}

    @cached_property
    def ids(self) -> tuple[str, ...]:
        """The ids of the agreements, in file order."""
        return tuple([agreement.id for agreement in self.agreements])

    @cached_property
    def _by_area(self) -> Mapping[str, tuple[int, ...]]:
        return _positions(self.agreements, lambda a: a.areas)

    @cached_property
    def _by_body(self) -> Mapping[str, tuple[int, ...]]:
        def bodies(a: Agreement) -> Iterator[str]:
            yield from a.parties
            yield from (p.acting_for for p in (*a.signed_by, *a.witnesses) if p.acting_for is not None)

        return _positions(self.agreements, bodies)

    def referrers(self, ident: str) -> tuple[tuple[Agreement, Relation], ...]:
        """The agreements whose relations name ``ident``, each with that relation, in file order."""
        return self._referrers.get(ident, ())

    @cached_property
    def _referrers(self) -> Mapping[str, tuple[tuple[Agreement, Relation], ...]]:
        out: dict[str, list[tuple[Agreement, Relation]]] = {}
        for agreement in self.agreements:
            for relation in agreement.relations:
                out.setdefault(relation.target, []).append((agreement, relation))
        return {k: tuple(v) for k, v in out.items()}
