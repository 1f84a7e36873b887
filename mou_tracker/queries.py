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
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

import attrs

from ._agenda import (
    ActionChange,
    Due,
    StatusChange,
    action_changes,
    changes,
    due,
    pending_for,
    target_met,
)
from ._fold import fold
from ._html import query_table
from ._match import Match, _check_window, _within
from ._party import _in_instrument_words, party_as_status
from ._status import StatusReading
from .dates import Truth
from .model import Agreement, AgreementKind, RelationType, Status

if TYPE_CHECKING:
    from .dataset import Dataset

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
_T = TypeVar("_T")


def _pick(items: Sequence[_T], positions: tuple[int, ...] | None) -> list[_T]:
    """The items at ``positions`` (all of them for ``None``), in that order."""
    if positions is None:
        return list(items)
    if len(positions) < 2:
        return [items[i] for i in positions]
    return list(operator.itemgetter(*positions)(items))


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


def status_for(dataset: Dataset, agreement: Agreement, party: str | None, day: _dt.date) -> StatusReading:
    """The status of ``agreement`` on ``day`` in an instrument's words: for ``party``, if it is multilateral.

    A bilateral instrument, or no ``party``, is read as
    :meth:`~mou_tracker.Dataset.status_on` reads it; a multilateral one for
    ``party`` by its own actions, each status put in an instrument's words
    as :func:`party_as_status` puts it (``consented`` is ``signed``), so a
    reading uncertain only between ``signatory`` and ``consented`` is
    certainly ``signed``.
    """
    instrument = dataset.status_on(agreement, day)
    if party is None or not agreement.multilateral:
        return instrument
    return _in_instrument_words(dataset.party_status_on(agreement, party, day), instrument)


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
