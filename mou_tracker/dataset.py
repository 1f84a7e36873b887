"""A loaded collection: agreements with the signatories, people, areas and sources they cite."""

from __future__ import annotations

import bisect
import datetime as _dt
import difflib
from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

import attrs

from ._gc import collector_paused
from .dates import DateInterval, PartialDate
from .exceptions import AmbiguousName, UnknownId, UnknownName
from .model import Agreement, Area, Person, Relation, RelationType, Signatory, Source, Status

if TYPE_CHECKING:
    from .model import Action, ActionKind
    from .participation import Binding, ParticipationRow, Participations, PartyReading
    from .queries import Query

__all__ = ["Dataset", "StatusReading"]

_R = TypeVar("_R", Agreement, Signatory, Person, Area, Source)
_K = TypeVar("_K")
_V = TypeVar("_V")

_ONE_DAY = _dt.timedelta(days=1)
_RUNNING = (Status.SIGNED, Status.IN_EFFECT)


@attrs.frozen
class StatusReading:
    """The status of an instrument on one day, with how sure it is.

    ``status`` is the most advanced status the instrument may have reached;
    ``certain`` says whether it certainly had; ``otherwise`` lists, earliest
    first, what it was instead if the uncertain events had not happened yet.
    ``status`` is ``None`` before anything is recorded.
    """

    status: Status | None
    certain: bool
    otherwise: tuple[Status | None, ...] = ()

    @property
    def possible(self) -> frozenset[Status | None]:
        """Every status it may have been: the status alone when certain, else the alternatives too."""
        return frozenset((self.status,) if self.certain else (self.status, *self.otherwise))


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
    from .queries import fold

    out: dict[str, dict[str, None]] = {}
    for ident, names in records:
        for name in names:
            key = fold(name)
            if key:
                out.setdefault(key, {})[ident] = None
    return {key: tuple(ids) for key, ids in out.items()}


def _find(name: str, kind: str, names: Mapping[str, tuple[str, ...]], holding: Callable[[str], list[str]]) -> str:
    """The id of the one record ``name`` stands for: by a folded name, else by words; never a choice among several."""
    from .queries import fold

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


# How many stretches of days (see Dataset.statuses_on) keep their readings.
_STRETCHES_KEPT = 16


_Steps = list[tuple[_dt.date | None, _dt.date | None, Status]]
_Folded = tuple[Status | None, tuple[Status, ...]]


def _fold(steps: _Steps, day: _dt.date | None) -> _Folded:
    """Fold dated steps (earliest, latest, status), in order, for ``day``: the last status certainly
    reached, and those possibly reached after it. ``None`` is a day before every bound of the steps."""
    base: Status | None = None
    possible: list[Status] = []
    if day is None:
        return base, tuple([status for lo, _hi, status in steps if lo is None])
    for lo, hi, status in steps:
        if hi is not None and hi <= day:
            base, possible = status, []
        elif lo is None or lo <= day:
            possible.append(status)
    return base, tuple(possible)


def _reading(folded: _Folded) -> StatusReading:
    base, possible = folded
    if not possible:
        return StatusReading(base, True)
    return StatusReading(possible[-1], False, (base, *possible[:-1]))


def _read(steps: _Steps, day: _dt.date) -> StatusReading:
    """The reading on ``day`` of dated steps, folded in order."""
    return _reading(_fold(steps, day))


def _bounds(date: PartialDate | DateInterval) -> tuple[_dt.date | None, _dt.date | None]:
    return date.earliest, date.latest


class _Stretch:
    """The readings of every agreement over a stretch of days; who may have each status, worked out when asked."""

    __slots__ = ("_by_status", "merges", "readings")

    def __init__(self, readings: tuple[StatusReading, ...]) -> None:
        self.readings = readings
        self.merges: dict[frozenset[Status | None], tuple[int, ...]] = {}
        self._by_status: Mapping[Status | None, tuple[int, ...]] | None = None

    @property
    def by_status(self) -> Mapping[Status | None, tuple[int, ...]]:
        """The positions of the agreements that may have each status (``None``: nothing recorded yet)."""
        if self._by_status is None:
            # Readings are shared (see Dataset._timelines): each one's statuses are worked out once.
            possible: dict[int, frozenset[Status | None]] = {}
            by_status: dict[Status | None, list[int]] = {}
            with collector_paused():
                for i, reading in enumerate(self.readings):
                    statuses = possible.get(id(reading))
                    if statuses is None:
                        statuses = possible[id(reading)] = reading.possible
                    for status in statuses:
                        by_status.setdefault(status, []).append(i)
            self._by_status = {k: tuple(v) for k, v in by_status.items()}
        return self._by_status


@attrs.frozen
class Dataset:
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
        from ._html import dataset_summary

        return f"<Dataset: {dataset_summary(self)}>"

    def _repr_html_(self) -> str:
        """The dataset in a notebook: what it holds, and a table of its first agreements."""
        from ._html import dataset_table

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
            from .queries import fold

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
        from .queries import fold

        out: dict[str, str] = {}
        for s in self.signatories:
            out.setdefault(s.id, "\n".join(fold(t) for t in (s.id, s.name, *s.names.values(), *s.aliases)))
        return out

    def query(self) -> Query:
        """A query over every agreement; add filters to narrow it."""
        from .queries import Query

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
        children: dict[str, list[str]] = {}
        for body in self.signatories:
            if body.parent is not None:
                children.setdefault(body.parent, []).append(body.id)
        out: set[str] = set()
        stack = list(start)
        while stack:
            current = stack.pop()
            if current in out:
                continue
            out.add(current)
            stack.extend(children.get(current, ()))
            stack.extend(s.id for s in self.lineage(current) if s.id not in out)
        return frozenset(out)

    def subareas(self, *areas: str) -> frozenset[str]:
        """The areas and every area under them."""
        children: dict[str, list[str]] = {}
        for area in self.areas:
            if area.parent is not None:
                children.setdefault(area.parent, []).append(area.id)
        out: set[str] = set()
        stack = [self.area(a).id for a in areas]
        while stack:
            current = stack.pop()
            if current not in out:
                out.add(current)
                stack.extend(children.get(current, ()))
        return frozenset(out)

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
        from .queries import fold

        out: dict[str, str] = {}
        people: dict[str, list[str]] = {}  # each person's folded names, folded once
        with collector_paused():
            for a in self.agreements:
                texts = [fold(t) for t in (a.id, *(c.value for c in a.title.claims), *a.titles.values(), a.short or "")]
                texts.extend(fold(t) for t in a.aliases)
                for participant in (*a.signed_by, *a.witnesses):
                    names = people.get(participant.person)
                    if names is None:
                        person = self._people.get(participant.person)
                        names = people[participant.person] = (
                            []
                            if person is None
                            else [fold(t) for t in (person.name, *person.names.values(), *person.aliases)]
                        )
                    texts.extend(names)
                # Texts are kept apart by a line break, which no search word contains.
                out.setdefault(a.id, "\n".join(texts))
        return out

    def lineage(self, ident: str) -> tuple[Signatory, ...]:
        """The signatory, its predecessors and its successors through mergers, oldest first.

        Viet Nam's Ministry of Natural Resources and Environment and the
        Ministry of Agriculture and Environment it became part of are one
        lineage: the same counterpart before and after.
        """
        start = self.signatory(ident)
        successors, predecessors = self._succession
        seen: dict[str, None] = {}
        stack = [start.id]
        while stack:
            current = stack.pop()
            if current in seen or current not in self._signatories:
                continue
            seen[current] = None
            stack.extend(successors.get(current, ()))
            stack.extend(predecessors.get(current, ()))
        # Oldest first: a body comes before every body it merged into.
        ordered: list[str] = []
        placed: set[str] = set()
        pending = [i for i in self._signatories if i in seen]
        while pending:
            ready = [i for i in pending if all(p in placed for p in predecessors.get(i, ()) if p in seen)]
            if not ready:  # a cycle, which validation reports; keep file order
                ready = pending[:1]
            for i in ready:
                ordered.append(i)
                placed.add(i)
            pending = [i for i in pending if i not in placed]
        return tuple(self._signatories[i] for i in ordered)

    @cached_property
    def _succession(self) -> tuple[Mapping[str, list[str]], Mapping[str, list[str]]]:
        """Each signatory's successors, and each one's predecessors, through mergers."""
        successors: dict[str, list[str]] = {}
        predecessors: dict[str, list[str]] = {}
        for body in self.signatories:
            for change in body.history:
                if change.successor is not None:
                    successors.setdefault(body.id, []).append(change.successor)
                    predecessors.setdefault(change.successor, []).append(body.id)
        return successors, predecessors

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
        return _read(self._steps_for(agreement), day)

    def _steps_for(self, agreement: Agreement) -> _Steps:
        """The steps of ``agreement``, remembered by id when it is the dataset's record of that id.

        An agreement from elsewhere, or a second record with the same id (in
        data not yet validated), is worked out each time, never remembered.
        """
        if self._agreements.get(agreement.id) is not agreement:
            return self._steps_of(agreement)
        steps = self._steps.get(agreement.id)
        if steps is None:
            steps = self._steps[agreement.id] = self._steps_of(agreement)
        return steps

    def statuses_on(self, day: _dt.date) -> tuple[StatusReading, ...]:
        """The status of every agreement on ``day``, in file order, as :meth:`status_on` reads it.

        A reading changes only on a day on which some event or derived step
        may first have happened or certainly had: between two such days every
        reading is the same. So the readings of a stretch are worked out once
        and kept (for the last few stretches asked about), and asking again
        for any day of it costs nothing.
        """
        return self._stretch(day).readings

    def possibly(self, statuses: Iterable[Status], day: _dt.date) -> tuple[int, ...]:
        """The positions, in file order, of the agreements whose status on ``day`` may be one of ``statuses``.

        Kept for the stretch of days, as :meth:`statuses_on` keeps its readings.
        """
        stretch = self._stretch(day)
        return _merged(stretch.by_status, frozenset(statuses), stretch.merges)

    def position(self, agreement: Agreement) -> int:
        """The position of ``agreement`` in file order (a ``KeyError`` if it is not in the dataset)."""
        return self._positions[agreement.id]

    @cached_property
    def _positions(self) -> Mapping[str, int]:
        return {agreement.id: i for i, agreement in enumerate(self.agreements)}

    def _stretch(self, day: _dt.date) -> _Stretch:
        if isinstance(day, _dt.datetime):
            raise TypeError("statuses_on takes a date, not a datetime: take .date() in a known time zone")

        def read() -> _Stretch:
            days, readings = self._timelines
            with collector_paused():
                return _Stretch(tuple([r[bisect.bisect_right(d, day)] for d, r in zip(days, readings, strict=True)]))

        return _recent(self._stretches, bisect.bisect_right(self._turning_days, day), read, _STRETCHES_KEPT)

    @cached_property
    def _stretches(self) -> dict[int, _Stretch]:
        return {}

    @cached_property
    def _timelines(self) -> tuple[tuple[tuple[_dt.date, ...], ...], tuple[tuple[StatusReading, ...], ...]]:
        """Each agreement's timeline: the days on which its reading may change, sorted, and its readings.

        The reading on a day is ``readings[bisect_right(days, day)]``: the
        first is that before every one of the days, and each next one that
        from its day on (a step certainly happened once its latest day has
        come, and possibly once its earliest). Equal readings are one object.
        """
        shared: dict[_Folded, StatusReading] = {}
        all_days: list[tuple[_dt.date, ...]] = []
        all_readings: list[tuple[StatusReading, ...]] = []
        with collector_paused():
            for steps in map(self._steps_for, self.agreements):
                days = tuple(sorted({bound for lo, hi, _ in steps for bound in (lo, hi) if bound is not None}))
                readings = []
                for day in (None, *days):
                    folded = _fold(steps, day)
                    reading = shared.get(folded)
                    if reading is None:
                        reading = shared[folded] = _reading(folded)
                    readings.append(reading)
                all_days.append(days)
                all_readings.append(tuple(readings))
        return tuple(all_days), tuple(all_readings)

    @cached_property
    def _turning_days(self) -> tuple[_dt.date, ...]:
        """Every day on which some reading may change, sorted."""
        return tuple(sorted(set().union(*self._timelines[0])))

    @cached_property
    def _steps(self) -> dict[str, _Steps]:
        """The dated steps of each agreement read so far, by id: a reading on any day folds them."""
        return {}

    def _steps_of(self, agreement: Agreement) -> _Steps:
        """The history's events and the derived steps (expiry, supersession), in the order they fold."""
        steps: _Steps = [(*_bounds(e.date.value), e.status.value) for e in agreement.history]
        derived: _Steps = []
        term = agreement.term
        if term is not None and term.end is not None and steps and steps[-1][2] in _RUNNING:
            # A term is a period: "2024/2026" runs to the last day of 2026.
            # An end that is itself a range leaves the expiry uncertain.
            end = term.end
            lo = end.latest if isinstance(end, PartialDate) else end.earliest
            hi = end.latest
            # A term to 9999 never ends. A range whose last day is open,
            # unknown or 9999 ends possibly from its first day, never certainly.
            last = hi + _ONE_DAY if hi is not None and hi < _dt.date.max else None
            if lo is not None and lo < _dt.date.max and (last is not None or isinstance(end, DateInterval)):
                # It cannot expire before it was first signed or in effect.
                running = next(step for step in steps if step[2] in _RUNNING)
                derived.append(_not_before((lo + _ONE_DAY, last, Status.EXPIRED), running))
            elif lo is None and last is not None:
                running = next(step for step in steps if step[2] in _RUNNING)
                derived.append(_not_before((None, last, Status.EXPIRED), running))
        for other, relation in self.referrers(agreement.id):
            if relation.type is not RelationType.SUPERSEDES:
                continue
            for event in other.history:
                if event.status.value is Status.IN_EFFECT:
                    step = (*_bounds(event.date.value), Status.SUPERSEDED)
                    # Nor be superseded before anything is recorded of it.
                    derived.append(_not_before(step, steps[0]) if steps else step)
                    break
        if steps and steps[-1][2].is_final:
            derived = []
        for step in sorted(derived, key=_step_key):
            # History keeps its own order; a derived step goes after every
            # event that may have happened no later than it.
            at = len(steps)
            while at and _step_key(steps[at - 1])[0] > _step_key(step)[0]:
                at -= 1
            steps.insert(at, step)
        return steps

    # -- participation in multilateral instruments (mou_tracker.participation) --

    @cached_property
    def _participations(self) -> Participations:
        from .participation import Participations

        return Participations(self)

    def party_status_on(self, agreement: Agreement | str, party: str, day: _dt.date) -> PartyReading:
        """The status of ``agreement`` for ``party`` on ``day``, with how sure it is.

        ``party`` is a signatory's id, a country code (the agreement's party of
        that country, its state if it has several) or a name as
        :meth:`find_signatory` reads it. For a ``multilateral`` instrument the
        status is derived from the party's own actions (docs/lifecycle.md,
        "Each party's status"); for a bilateral one it is the instrument's own
        status, mapped. A signatory that is not among the ``parties`` is
        ``not_signatory``, certainly.

        >>> import datetime, mou_tracker
        >>> data = mou_tracker.load()
        >>> data.party_status_on("itx", "SG", datetime.date(2025, 1, 1)).status
        <PartyStatus.SIGNATORY: 'signatory'>
        """
        if isinstance(agreement, str):
            agreement = self[agreement]
        return self._participations.status_on(agreement, party, day)

    def participation(self, agreement: Agreement | str) -> tuple[ParticipationRow, ...]:
        """Each party's signature, consent, entry into force and withdrawal, in ``parties`` order.

        Each date is the preferred claim's; an entry into force derived from the
        clause (:func:`~mou_tracker.participation.derive_entry_into_force`) is
        marked ``True``, and from a partial consent it is a range. For a
        bilateral instrument every row holds the instrument's own signature and
        entry into force.

        >>> import datetime, mou_tracker
        >>> data = mou_tracker.loads('''
        ... schema_version: 1
        ... sources: [{id: untc, language: en, title: UN Treaty Collection}]
        ... signatories:
        ...   - {id: vn, name: Viet Nam, kind: state, country: VN}
        ...   - {id: sg, name: Singapore, kind: state, country: SG}
        ... agreements:
        ...   - {id: unclos, title: UNCLOS, kind: treaty, multilateral: true, parties: [vn, sg], sources: [untc],
        ...      history: [{date: 1982-12-10, status: signed, sources: [untc]},
        ...                {date: 1994-11-16, status: in_effect, sources: [untc]}],
        ...      entry_into_force: {months: 12, later_days: 30, sources: [untc]},
        ...      actions: [{party: vn, action: signature, date: 1982-12-10, sources: [untc]},
        ...                {party: vn, action: ratification, date: 1994-07-25, sources: [untc]},
        ...                {party: sg, action: accession, date: 1994-11, sources: [untc]}]}
        ... ''')
        >>> rows = data.participation("unclos")
        >>> [(r.party, str(r.consent[0]), r.consent[1].letter, str(r.entry_into_force[0])) for r in rows]
        [('vn', '1994-07-25', '', '1994-11-16'), ('sg', '1994-11', 'a', '1994-12-01/1994-12-30')]
        """
        if isinstance(agreement, str):
            agreement = self[agreement]
        return self._participations.rows(agreement)

    def bound_on(self, parties: Iterable[str], day: _dt.date) -> Binding:
        """The instruments in force on ``day`` for every one of ``parties``, and for each of them alone.

        Each party is an id, a country code or a name, as for
        :meth:`party_status_on`; bilateral and multilateral instruments alike.
        An instrument that only may be in force is there, uncertain. A party
        given twice (``VN`` and ``vn``) counts once, under its first spelling.

        >>> import datetime, mou_tracker
        >>> data = mou_tracker.loads('''
        ... schema_version: 1
        ... sources: [{id: untc, language: en, title: UN Treaty Collection}]
        ... signatories:
        ...   - {id: vn, name: Viet Nam, kind: state, country: VN}
        ...   - {id: sg, name: Singapore, kind: state, country: SG}
        ... agreements:
        ...   - {id: unclos, title: UNCLOS, kind: treaty, multilateral: true, parties: [vn, sg], sources: [untc],
        ...      history: [{date: 1982-12-10, status: signed, sources: [untc]},
        ...                {date: 1994-11-16, status: in_effect, sources: [untc]}],
        ...      entry_into_force: {months: 12, later_days: 30, sources: [untc]},
        ...      actions: [{party: vn, action: signature, date: 1982-12-10, sources: [untc]},
        ...                {party: vn, action: ratification, date: 1994-07-25, sources: [untc]},
        ...                {party: sg, action: accession, date: 1994-11, sources: [untc]}]}
        ... ''')
        >>> bound = data.bound_on(["VN", "SG"], datetime.date(1994, 12, 15))
        >>> [(m.agreement.id, m.certain) for m in bound.all]
        [('unclos', False)]
        >>> [(m.agreement.id, m.certain) for m in bound.only["VN"]], bound.only["SG"]
        ([('unclos', False)], ())
        >>> [m.agreement.id for m in data.bound_on(["VN", "SG"], datetime.date(1995, 1, 1)).all]
        ['unclos']
        """
        from .participation import bound_on

        return bound_on(self, tuple(parties), day)

    def actions(
        self,
        party: str | None = None,
        kinds: Iterable[ActionKind] | None = None,
        between: tuple[_dt.date | None, _dt.date | None] | None = None,
        *,
        certain_only: bool = False,
    ) -> tuple[tuple[Agreement, Action], ...]:
        """The parties' actions on multilateral instruments, in file order, each with its agreement.

        ``party`` keeps the actions of the bodies it stands for (as
        :meth:`bodies` reads it: an id, a name or a country code); ``kinds``
        those of some kinds; ``between`` (start, end, either ``None`` for no
        bound) those whose date may fall in the window, or, with
        ``certain_only``, surely does. A window that ends before it starts
        is a ``ValueError``.

        >>> import datetime, mou_tracker
        >>> data = mou_tracker.loads('''
        ... schema_version: 1
        ... sources: [{id: untc, language: en, title: UN Treaty Collection}]
        ... signatories:
        ...   - {id: vn, name: Viet Nam, kind: state, country: VN}
        ...   - {id: sg, name: Singapore, kind: state, country: SG}
        ... agreements:
        ...   - {id: unclos, title: UNCLOS, kind: treaty, multilateral: true, parties: [vn, sg], sources: [untc],
        ...      history: [{date: 1982-12-10, status: signed, sources: [untc]},
        ...                {date: 1994-11-16, status: in_effect, sources: [untc]}],
        ...      entry_into_force: {months: 12, later_days: 30, sources: [untc]},
        ...      actions: [{party: vn, action: signature, date: 1982-12-10, sources: [untc]},
        ...                {party: vn, action: ratification, date: 1994-07-25, sources: [untc]},
        ...                {party: sg, action: accession, date: 1994-11, sources: [untc]}]}
        ... ''')
        >>> [(a.party, a.action.value) for _, a in data.actions(party="SG")]
        [('sg', 'accession')]
        >>> window = (datetime.date(1994, 11, 10), None)
        >>> [str(a.date.value) for _, a in data.actions(between=window)]
        ['1994-11']
        >>> data.actions(between=window, certain_only=True)
        ()
        """
        from .participation import actions

        return actions(self, party, kinds, between, certain_only=certain_only)

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
        out: dict[str, list[int]] = {}
        for i, agreement in enumerate(self.agreements):
            for area in dict.fromkeys(agreement.areas):
                out.setdefault(area, []).append(i)
        return {k: tuple(v) for k, v in out.items()}

    @cached_property
    def _by_body(self) -> Mapping[str, tuple[int, ...]]:
        out: dict[str, list[int]] = {}
        for i, a in enumerate(self.agreements):
            acting = (p.acting_for for p in (*a.signed_by, *a.witnesses) if p.acting_for is not None)
            for body in dict.fromkeys((*a.parties, *acting)):
                out.setdefault(body, []).append(i)
        return {k: tuple(v) for k, v in out.items()}

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


# How many merged position lists (see _merged) each index keeps.
_MERGES_KEPT = 64


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


def _not_before(
    step: tuple[_dt.date | None, _dt.date | None, Status], floor: tuple[_dt.date | None, _dt.date | None, Status]
) -> tuple[_dt.date | None, _dt.date | None, Status]:
    """``step`` moved no earlier than the step ``floor``: each bound at least the floor's."""
    lo, hi, status = step
    if floor[0] is not None and (lo is None or lo < floor[0]):
        lo = floor[0]
    if floor[1] is None or (hi is not None and hi < floor[1]):
        hi = floor[1]
    return lo, hi, status


def _step_key(step: tuple[_dt.date | None, _dt.date | None, Status]) -> tuple[_dt.date, _dt.date]:
    return (step[0] or _dt.date.min, step[1] or _dt.date.max)
