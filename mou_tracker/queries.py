"""Queries: pure functions over a dataset, composable, and honest about certainty.

A :class:`Query` is a list of filters. Each filter answers yes, no or
possibly for an agreement; a query keeps the agreements no filter rules out,
and says for each whether every filter was sure. Filters commute, and every
filter narrows: adding one never adds a row.

>>> import datetime, mou_tracker
>>> data = mou_tracker.load()
>>> q = data.query().party("SG").status(mou_tracker.Status.IN_EFFECT, on=datetime.date(2025, 1, 1))
>>> [(m.agreement.id, m.certain) for m in q][:3]
[('diplomatic-relations', True), ('strategic-partnership', True), ('gedep', True)]
"""

from __future__ import annotations

import datetime as _dt
import operator
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

import attrs

from .dates import DateInterval, PartialDate, Truth
from .model import Action, ActionKind, Agreement, AgreementKind, PartyStatus, RelationType, Status, StatusEvent, Target

if TYPE_CHECKING:
    from .dataset import Dataset, StatusReading

__all__ = [
    "ActionChange",
    "ChainLink",
    "Due",
    "Match",
    "Query",
    "StatusChange",
    "action_changes",
    "chain",
    "changes",
    "due",
    "fold",
    "party_as_status",
    "party_statuses",
    "pending_for",
    "status_for",
    "target_met",
]

Filter = Callable[[Agreement], Truth]

_ID = operator.attrgetter("id")
_ENDED = frozenset({Status.COMPLETED, Status.EXPIRED, Status.TERMINATED, Status.SUPERSEDED})
_AS_STATUS: dict[PartyStatus, Status | None] = {
    PartyStatus.NOT_SIGNATORY: None,
    PartyStatus.SIGNATORY: Status.SIGNED,
    PartyStatus.CONSENTED: Status.SIGNED,
    PartyStatus.IN_FORCE: Status.IN_EFFECT,
    PartyStatus.WITHDRAWN: Status.TERMINATED,
}
_T = TypeVar("_T")

# Letters with a stroke or bar, which Unicode does not decompose into a base
# letter and a mark: read as their plain letter.
_STROKES = {"đ": "d", "Đ": "D", "ð": "d", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O"}


class _Bare(dict[int, "int | str | None"]):
    """A ``str.translate`` table that drops combining marks and unstrokes letters, learning each character once."""

    def __missing__(self, code: int) -> int | str | None:
        char = chr(code)
        kept = None if unicodedata.combining(char) else _STROKES.get(char, code)
        self[code] = kept
        return kept


_BARE = _Bare()


def fold(text: str) -> str:
    """Text folded for search: no case, no diacritics (``Tô Lâm`` → ``to lam``, ``đầu tư`` → ``dau tu``).

    The text is decomposed (NFKD), its combining marks dropped, the letters
    with a stroke (đ, ł, ø, ð) read as plain ones, and it is case-folded,
    with runs of white space made one space.
    """
    if text.isascii():  # nothing to decompose, drop or unstroke
        return " ".join(text.casefold().split())
    return " ".join(unicodedata.normalize("NFKD", text).translate(_BARE).casefold().split())


@attrs.frozen
class Match:
    """An agreement a query kept, and whether every filter was certain of it."""

    agreement: Agreement
    certain: bool


def _pick(items: Sequence[_T], positions: tuple[int, ...] | None) -> list[_T]:
    """The items at ``positions`` (all of them for ``None``), in that order."""
    if positions is None:
        return list(items)
    if len(positions) < 2:
        return [items[i] for i in positions]
    return list(operator.itemgetter(*positions)(items))


def _within(date: PartialDate | DateInterval, start: _dt.date | None, end: _dt.date | None) -> Truth:
    """Whether the day ``date`` means lies in [start, end] (``None``: unbounded)."""
    after = Truth.YES if start is None else date.on_or_after(start)
    before = Truth.YES if end is None else date.on_or_before(end)
    return Truth.of(after is before is Truth.YES, Truth.NO not in (after, before))


def _check_window(start: _dt.date | None, end: _dt.date | None) -> None:
    if start is not None and end is not None and start > end:
        raise ValueError(f"the window ends ({end.isoformat()}) before it starts ({start.isoformat()})")


def _call(name: str, *args: object, certain_only: bool = False, **keywords: object) -> str:
    """A filter as it was asked for, for a query's repr: ``status('in_effect', on=2025-01-01)``."""

    def shown(value: object) -> str:
        return value.isoformat() if isinstance(value, _dt.date) else repr(value)

    parts = [*map(shown, args), *(f"{k}={shown(v)}" for k, v in keywords.items())]
    if certain_only:
        parts.append("certain_only=True")
    return f"{name}({', '.join(parts)})"


def _wanted(wanted: frozenset[Status], possible: Iterable[Status | None]) -> Truth:
    """Whether a status that may be any of ``possible`` is one of ``wanted``: yes, no or possibly."""
    possible = frozenset(possible)
    if wanted.isdisjoint(possible):
        return Truth.NO
    return Truth.YES if possible <= wanted else Truth.POSSIBLY


def party_as_status(party: PartyStatus, instrument: StatusReading) -> frozenset[Status | None]:
    """A party's own status in the words of an instrument's (the ``list --status`` values).

    ``in_force`` is ``in_effect``; ``signatory`` and ``consented`` (bound
    once the instrument enters into force for it) are ``signed``;
    ``withdrawn`` is ``terminated`` (ended early by a party, by withdrawal);
    ``not_signatory`` is no status at all; ``ended`` is whatever ended status
    the instrument itself may have (``instrument``'s reading on the day).
    """
    if party is PartyStatus.ENDED:
        return frozenset(s for s in instrument.possible if s is not None and s in _ENDED) or frozenset({None})
    return frozenset({_AS_STATUS[party]})


def party_statuses(
    dataset: Dataset, agreement: Agreement, parties: Iterable[str], day: _dt.date
) -> Iterator[frozenset[Status | None]]:
    """For each of ``parties``, every status (in an instrument's words) ``agreement`` may have for it on ``day``."""
    instrument = dataset.status_on(agreement, day)
    for who in parties:
        reading = dataset.party_status_on(agreement, who, day)
        yield frozenset().union(*(party_as_status(p, instrument) for p in reading.possible))


@attrs.frozen
class Query:
    """An immutable, composable selection of agreements.

    Each method returns a new query with one more filter. Iterating gives
    :class:`Match` rows in the dataset's order. Its repr names the filters
    and counts what they keep; in a notebook it shows as a table of them.

    >>> import mou_tracker
    >>> mou_tracker.load().query().party("SG").text("carbon")
    <Query party('SG').text('carbon'): 3 of 36 agreements, all certain>
    """

    dataset: Dataset
    # Each filter: its name, its test, whether it keeps only certain rows, and
    # whether the test must run to know which rows are kept (when it need
    # not, the candidates below decide, and the test only tells certainty).
    filters: tuple[tuple[str, Filter, bool, bool], ...] = ()
    # Positions, in file order, outside which some filter certainly says no,
    # from the dataset's indexes: only those agreements are looked at.
    candidates: tuple[int, ...] | None = None
    # The filters as they were asked for, for the repr: ``party('SG')``.
    asked: tuple[str, ...] = attrs.field(default=(), eq=False, repr=False)

    def _summary(self) -> str:
        matches = list(self)
        certain = sum(1 for m in matches if m.certain)
        surety = "all certain" if certain == len(matches) else f"{certain:,} certain"
        head = f"Query {'.'.join(self.asked)}" if self.asked else "Query"
        return f"{head}: {len(matches):,} of {len(self.dataset):,} agreements, {surety}"

    def __repr__(self) -> str:
        return f"<{self._summary()}>"

    def _repr_html_(self) -> str:
        """The query in a notebook: a table of the agreements it keeps, and how sure each is."""
        from ._html import query_table

        return query_table(self, self._summary())

    def _with(
        self,
        name: str,
        test: Filter,
        *,
        certain_only: bool = False,
        among: tuple[int, ...] | None = None,
        exact: bool = True,
        keeps: bool = False,
    ) -> Query:
        """This query and one more filter.

        ``among``, when given, is the positions (in file order) outside which
        ``test`` says no. If it is ``exact`` (``test`` says yes to every one of them) the
        filter is answered by it and its test never run. If ``keeps``, the
        test says yes or possibly to every one of them: it runs only to tell
        which rows are certain, or for ``certain_only``. Otherwise the test
        runs on those positions only.
        """
        candidates = self.candidates
        filters = self.filters
        asked = (*self.asked, name)
        name = name.partition("(")[0]
        if among is None or not exact:
            decides = among is None or not keeps
            filters = (*filters, (name, test, certain_only, decides))
        if among is not None:
            candidates = among if candidates is None else tuple(sorted(set(candidates).intersection(among)))
        return attrs.evolve(self, filters=filters, candidates=candidates, asked=asked)

    def __iter__(self) -> Iterator[Match]:
        chosen = self._chosen()
        if not self.filters:
            yield from (Match(agreement, True) for agreement in chosen)
            return
        for agreement in chosen:
            certain = True
            for _name, test, certain_only, _decides in self.filters:
                truth = test(agreement)
                if truth is Truth.NO or (certain_only and truth is not Truth.YES):
                    break
                certain = certain and truth is Truth.YES
            else:
                yield Match(agreement, certain)

    def agreements(self) -> list[Agreement]:
        """The agreements kept, certain or not."""
        tests = [(test, certain_only) for _name, test, certain_only, decides in self.filters if decides or certain_only]
        chosen = self._chosen()
        if not tests:  # answered by the indexes alone
            return chosen
        return [
            agreement
            for agreement in chosen
            if all(
                truth is Truth.YES or (truth is Truth.POSSIBLY and not certain_only)
                for test, certain_only in tests
                for truth in (test(agreement),)
            )
        ]

    def ids(self) -> list[str]:
        """The ids of the agreements kept."""
        if not any(decides or certain_only for _name, _test, certain_only, decides in self.filters):
            return _pick(self.dataset.ids, self.candidates)  # answered by the indexes alone
        return list(map(_ID, self.agreements()))

    def _chosen(self) -> list[Agreement]:
        return _pick(self.dataset.agreements, self.candidates)

    # -- filters -------------------------------------------------------------

    def status(self, *statuses: Status, on: _dt.date, certain_only: bool = False, parties: Sequence[str] = ()) -> Query:
        """Agreements whose status on ``on`` is one of ``statuses``.

        Possible matches are kept (marked not certain) unless ``certain_only``.
        With ``parties`` (ids, country codes or names), a ``multilateral``
        instrument is read for each of them, by its own actions
        (:meth:`~mou_tracker.Dataset.party_status_on`), and kept when its
        status for any of them is wanted: a party in force is ``in_effect``,
        one that signed or consented but is not yet bound is ``signed``, one
        whose withdrawal took effect ``terminated``, and one that has done
        nothing has no status; once the instrument itself has ended, its
        own status stands (:func:`party_as_status`). A bilateral instrument
        is read as without ``parties``: its status is every party's.
        """
        wanted = frozenset(statuses)
        # The readings of every agreement on the day, kept by the dataset: the
        # agreements whose status may be wanted are the candidates, and the
        # test (run only to tell which are certain) reads their kept reading.
        readings = self.dataset.statuses_on(on)
        among = self.dataset.possibly(wanted, on)
        position = self.dataset.position
        parties = tuple(parties)

        def test(agreement: Agreement) -> Truth:
            if parties and agreement.multilateral:
                return Truth.some(_wanted(wanted, p) for p in party_statuses(self.dataset, agreement, parties, on))
            return _wanted(wanted, readings[position(agreement)].possible)

        extra = {"parties": parties} if parties else {}
        asked = _call("status", *(s.value for s in statuses), on=on, **extra, certain_only=certain_only)
        if parties:
            multilateral = (i for i, a in enumerate(self.dataset.agreements) if a.multilateral)
            among = tuple(sorted({*among, *multilateral}))
            return self._with(asked, test, certain_only=certain_only, among=among, exact=False)
        return self._with(asked, test, certain_only=certain_only, among=among, exact=False, keeps=True)

    def kind(self, *kinds: AgreementKind | None) -> Query:
        """Agreements of one of these kinds (``None``: kind unknown)."""
        wanted = frozenset(kinds)
        asked = _call("kind", *(k.value if k is not None else None for k in kinds))
        return self._with(asked, lambda a: Truth.YES if a.kind in wanted else Truth.NO)

    def binding(self, binding: bool | None) -> Query:
        """Agreements known binding (``True``), known not binding (``False``), or unknown (``None``)."""
        return self._with(_call("binding", binding), lambda a: Truth.YES if a.binding is binding else Truth.NO)

    def party(self, *who: str) -> Query:
        """Agreements a party to which is one of ``who``: signatory ids or ISO country codes.

        A signatory stands for the bodies under it and for its predecessors and
        successors: ``party("vn-mae")`` finds what Viet Nam's Ministry of Natural
        Resources and Environment signed before it merged into it.
        """
        bodies = self.dataset.bodies(*who)

        def test(agreement: Agreement) -> Truth:
            acting = {p.acting_for for p in (*agreement.signed_by, *agreement.witnesses)}
            return Truth.YES if bodies & {*agreement.parties, *acting} else Truth.NO

        return self._with(_call("party", *who), test, among=self.dataset.positions_by_bodies(bodies))

    def area(self, *areas: str) -> Query:
        """Agreements about one of these areas or any of their sub-areas."""
        wanted = self.dataset.subareas(*areas)
        among = self.dataset.positions_by_areas(wanted)
        asked = _call("area", *areas)
        return self._with(asked, lambda a: Truth.YES if wanted & set(a.areas) else Truth.NO, among=among)

    def signed_between(self, start: _dt.date | None, end: _dt.date | None, *, certain_only: bool = False) -> Query:
        """Agreements signed between ``start`` and ``end`` inclusive (``None``: no bound).

        A window that ends before it starts is a ``ValueError``.
        """
        _check_window(start, end)

        def test(agreement: Agreement) -> Truth:
            signed = agreement.signed
            return Truth.NO if signed is None else _within(signed, start, end)

        return self._with(
            _call("signed_between", start, end, certain_only=certain_only), test, certain_only=certain_only
        )

    def in_effect_between(self, start: _dt.date, end: _dt.date, *, certain_only: bool = False) -> Query:
        """Agreements in effect on some day between ``start`` and ``end`` inclusive.

        A window that ends before it starts is a ``ValueError``.
        """
        _check_window(start, end)

        def test(agreement: Agreement) -> Truth:
            reading = self.dataset.status_on(agreement, start)
            at_start = Truth.of(
                reading.certain and reading.status is Status.IN_EFFECT,
                Status.IN_EFFECT in {reading.status, *reading.otherwise},
            )
            starts = (
                _within(e.date.value, start, end) for e in agreement.history if e.status.value is Status.IN_EFFECT
            )
            return Truth.some([at_start, *starts])

        asked = _call("in_effect_between", start, end, certain_only=certain_only)
        return self._with(asked, test, certain_only=certain_only)

    def related(self, target: str, *types: RelationType) -> Query:
        """Agreements with a relation (of one of ``types``, or any) to or from ``target``."""
        self.dataset[target]  # an unknown id is an error, with suggestions
        wanted = frozenset(types) or frozenset(RelationType)
        incoming = {a.id for a in self.dataset for r in a.relations if r.target == target and r.type in wanted}

        def test(agreement: Agreement) -> Truth:
            outgoing = any(r.target == target and r.type in wanted for r in agreement.relations)
            return Truth.YES if outgoing or agreement.id in incoming else Truth.NO

        return self._with(_call("related", target, *(t.value for t in types)), test)

    def text(self, query: str) -> Query:
        """Agreements whose titles, names, aliases or people match every word of ``query``.

        Insensitive to case and diacritics: ``"to lam"`` finds ``Tô Lâm``.
        """
        words = fold(query).split()
        haystacks = self.dataset.haystacks()
        among: Iterable[int] = range(len(haystacks))
        for word in words:  # one tight pass a word, each over what the last one kept
            among = [i for i in among if word in haystacks[i]]
        return self._with(
            _call("text", query),
            lambda a: Truth.YES if all(w in self.dataset.haystack(a) for w in words) else Truth.NO,
            among=tuple(among),
        )


@attrs.frozen
class StatusChange:
    """A status event in a window: which agreement, which event, how sure."""

    agreement: Agreement
    event: StatusEvent
    certain: bool


def changes(dataset: Dataset, start: _dt.date, end: _dt.date) -> list[StatusChange]:
    """Every status event that fell, or may have fallen, between ``start`` and ``end``, newest first.

    The order is the timeline's reversed (:attr:`~mou_tracker.dates.PartialDate.timeline_key`):
    an event known only to have happened by some day sorts on that day.
    """
    _check_window(start, end)
    found = []
    for agreement in dataset:
        for event in agreement.history:
            truth = _within(event.date.value, start, end)
            if truth is not Truth.NO:
                found.append(StatusChange(agreement, event, truth is Truth.YES))
    found.sort(key=lambda c: c.event.date.value.timeline_key, reverse=True)
    return found


@attrs.frozen
class ActionChange:
    """A party's action in a window: which agreement, which action, how sure that it falls in the window."""

    agreement: Agreement
    action: Action
    certain: bool


def action_changes(
    dataset: Dataset,
    start: _dt.date | None,
    end: _dt.date | None,
    *,
    parties: Sequence[str] = (),
    kinds: Iterable[ActionKind] | None = None,
) -> list[ActionChange]:
    """The parties' actions that fell, or may have fallen, between ``start`` and ``end`` (``None``: unbounded).

    In file order, as :meth:`~mou_tracker.Dataset.actions` gives them, each
    marked certain when its date surely falls in the window. ``parties``
    keeps the actions of any of them (each as :meth:`~mou_tracker.Dataset.bodies`
    reads it: an id, a name or a country code), ``kinds`` those of these kinds.
    """
    bodies = dataset.bodies(*parties) if parties else None
    found = dataset.actions(None, kinds, (start, end))
    return [
        ActionChange(a, action, _within(action.date.value, start, end) is Truth.YES)
        for a, action in found
        if bodies is None or action.party in bodies
    ]


def status_for(dataset: Dataset, agreement: Agreement, party: str | None, day: _dt.date) -> StatusReading:
    """The status of ``agreement`` on ``day`` in an instrument's words: for ``party``, if it is multilateral.

    A bilateral instrument, or no ``party``, is read as
    :meth:`~mou_tracker.Dataset.status_on` reads it; a multilateral one for
    ``party`` by its own actions, each status put in an instrument's words
    as :func:`party_as_status` puts it (``consented`` is ``signed``), so a
    reading uncertain only between ``signatory`` and ``consented`` is
    certainly ``signed``.
    """
    from .dataset import StatusReading

    instrument = dataset.status_on(agreement, day)
    if party is None or not agreement.multilateral:
        return instrument
    reading = dataset.party_status_on(agreement, party, day)
    main = party_as_status(reading.status, instrument)
    status = instrument.status if instrument.status in main else next(iter(main))
    others = frozenset().union(*(party_as_status(p, instrument) for p in reading.otherwise)) | main
    rest = tuple(s for s in _ORDER if s in others and s is not status)
    return StatusReading(status, not rest, rest)


_ORDER: tuple[Status | None, ...] = (None, *Status)


_RANK = {
    Status.PROPOSED: 0,
    Status.NEGOTIATING: 1,
    Status.CONCLUDED: 2,
    Status.SIGNED: 3,
    Status.IN_EFFECT: 4,
    Status.COMPLETED: 5,
    Status.EXPIRED: 5,
    Status.TERMINATED: 5,
    Status.SUPERSEDED: 5,
    Status.ABANDONED: 5,
}


@attrs.frozen
class Due:
    """Something that falls due: a term end, a notice date, a target.

    ``overdue`` is true when the date has certainly passed and nothing in the
    history records it met.
    """

    agreement: Agreement
    what: str
    date: PartialDate | DateInterval
    overdue: bool
    certain: bool
    party: str | None = None
    """For a target of a multilateral instrument: the party (a signatory id) that has not met it yet."""
    pending: str | None = None
    """What that party has yet to do: ``signature``, ``consent`` or ``entry into force``."""


def pending_for(dataset: Dataset, agreement: Agreement, party: str, status: Status) -> str | None:
    """What ``party`` has yet to do for a target of ``agreement`` to reach ``status`` for it; None when done.

    A target ``signed`` asks the party's signature (a consent also counts);
    a target ``in_effect`` asks its consent, then the instrument's entry into
    force for it (given, or derived from the clause). Like
    :func:`target_met`, it reads what is recorded, whatever its date.
    """
    row = next(r for r in dataset.participation(agreement) if r.party == party)
    if status is Status.SIGNED:
        return None if row.signature is not None or row.consent is not None else "signature"
    if row.consent is None and row.entry_into_force is None:
        return "consent"
    return None if row.entry_into_force is not None else "entry into force"


def target_met(agreement: Agreement, target: Target) -> bool:
    """Whether the history records ``target`` met: its status, or one beyond it, reached."""
    wanted = _RANK[target.status]
    return any(_RANK[e.status.value] >= wanted and e.status.value is not Status.ABANDONED for e in agreement.history)


_PER_PARTY = frozenset({Status.SIGNED, Status.IN_EFFECT})


def due(dataset: Dataset, today: _dt.date, until: _dt.date) -> list[Due]:
    """What falls due from ``today`` to ``until``, and what is overdue, soonest first.

    A target of a ``multilateral`` instrument that asks it be ``signed`` or
    ``in_effect`` is each party's: it falls due once for every party that
    has not yet done what it asks (:func:`pending_for`), with
    :attr:`Due.party` and :attr:`Due.pending` saying who and what.
    """
    _check_window(today, until)
    found = []
    for agreement in dataset:
        items: list[tuple[str, PartialDate | DateInterval, bool]] = []
        term = agreement.term
        if term is not None:
            if term.end is not None:
                renewal = f" (renewal: {term.renewal})" if term.renewal else ""
                items.append(("term ends" + renewal, term.end, False))
            if term.notice_by is not None:
                items.append(("notice due", term.notice_by, False))
        pending: list[tuple[str, PartialDate | DateInterval, str, str]] = []
        for target in agreement.targets:
            if target.due is None:
                continue
            if agreement.multilateral and target.status in _PER_PARTY:
                # Each party's own: the instrument in force for some says nothing of the others.
                for party in dict.fromkeys(agreement.parties):
                    left = pending_for(dataset, agreement, party, target.status)
                    if left is not None:
                        pending.append((target.description, target.due, party, left))
            elif not target_met(agreement, target):
                items.append((target.description, target.due, True))
        for what, date, can_be_overdue in items:
            window = _within(date, today, until)
            overdue = can_be_overdue and date.latest is not None and date.latest < today
            if window is not Truth.NO or overdue:
                found.append(Due(agreement, what, date, overdue, overdue or window is Truth.YES))
        for what, date, party, left in pending:
            window = _within(date, today, until)
            overdue = date.latest is not None and date.latest < today
            if window is not Truth.NO or overdue:
                found.append(Due(agreement, what, date, overdue, overdue or window is Truth.YES, party, left))
    found.sort(key=lambda d: d.date.sort_key)
    return found


@attrs.frozen
class ChainLink:
    """One instrument in a chain, how it is tied to its parent node, and its own links."""

    agreement: Agreement
    relation: RelationType | None
    outgoing: bool
    links: tuple[ChainLink, ...] = ()


def chain(dataset: Dataset, ident: str) -> ChainLink:
    """The instruments tied to ``ident`` by relations, either way, as a tree rooted at it.

    ``outgoing`` says which way a link points: ``True`` when the parent node
    relates to the child (the parent *implements* the child), ``False`` when
    the child relates to the parent.
    """
    root = dataset[ident]
    seen = {root.id}

    def grow(agreement: Agreement) -> tuple[ChainLink, ...]:
        out = []
        for relation in agreement.relations:
            if relation.target not in seen and relation.target in dataset:
                seen.add(relation.target)
                out.append((relation.target, relation.type, True))
        for other, relation in dataset.referrers(agreement.id):
            if other.id not in seen:
                seen.add(other.id)
                out.append((other.id, relation.type, False))
        return tuple(ChainLink(dataset[i], t, o, grow(dataset[i])) for i, t, o in out)

    return ChainLink(root, None, True, grow(root))
