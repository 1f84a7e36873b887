"""Laws of queries over generated datasets: filters narrow and commute, certainty is honest, changes are complete."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from functools import reduce
from typing import TypeVar

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from mou_tracker.dataset import Dataset, StatusReading
from mou_tracker.dates import DateInterval, PartialDate, Truth, parse_date
from mou_tracker.model import (
    Agreement,
    AgreementKind,
    Claimed,
    Relation,
    RelationType,
    Source,
    Status,
    StatusEvent,
    Term,
)
from mou_tracker.queries import Match, Query, changes
from mou_tracker.strategies import FIRST_DAY, LAST_DAY, datasets, days, texts
from mou_tracker.validation import check
from tests.budget import per_dataset

ONE_DAY = dt.timedelta(days=1)
T = TypeVar("T")

# Datasets with an agreement: over none every law here holds vacuously.
DATASETS = datasets(min_agreements=1)

# Each example checks every agreement on every day a reading may change on.
CAPPED = per_dataset


# -- helpers ------------------------------------------------------------------


def _plain(day: dt.date) -> dt.date:
    """``day`` as a plain :class:`datetime.date` (not pendulum's subclass)."""
    return dt.date(day.year, day.month, day.day)


def _shift(day: dt.date, by: int) -> dt.date | None:
    """``day`` moved by ``by`` days, or ``None`` off the calendar."""
    try:
        return _plain(day) + dt.timedelta(days=by)
    except OverflowError:
        return None


def _days_within(date: PartialDate | DateInterval) -> st.SearchStrategy[dt.date]:
    """A day that ``date`` may mean."""
    lo, hi = _bounds(date)
    return days(min_value=lo, max_value=hi)


def _bounds(date: PartialDate | DateInterval) -> tuple[dt.date, dt.date]:
    """The first and last day ``date`` can mean, an open or unknown end the calendar's."""
    lo, hi = date.earliest, date.latest
    return (FIRST_DAY if lo is None else _plain(lo)), (LAST_DAY if hi is None else _plain(hi))


def _dates(ds: Dataset) -> list[PartialDate | DateInterval]:
    """Every date a reading or a filter looks at: events' (superseders' among them), term ends."""
    dates: list[PartialDate | DateInterval] = []
    for a in ds:
        dates.extend(e.date.value for e in a.history)
        if a.term is not None and a.term.end is not None:
            dates.append(a.term.end)
    return dates


def _edges(ds: Dataset) -> list[dt.date]:
    """Every bound of every date a reading or a filter looks at."""
    return [_plain(b) for d in _dates(ds) for b in (d.earliest, d.latest) if b is not None]


def breakpoints(ds: Dataset) -> list[dt.date]:
    """The first day of the calendar and every day a reading in ``ds`` may change on.

    A reading changes only where a step's earliest or latest day falls: an
    event's, a superseder's (an event too), or the day after a term's end.
    Checking these days checks every day.
    """
    return sorted({FIRST_DAY, *(d for b in _edges(ds) for k in (-1, 0, 1) if (d := _shift(b, k)) is not None)})


def _telling_days(ds: Dataset) -> list[dt.date]:
    """Days where a reading in ``ds`` may change, and days amid a date's range, where readings are uncertain."""
    amid = {lo + (hi - lo) / 2 for lo, hi in map(_bounds, _dates(ds)) if lo < hi}
    return sorted({*breakpoints(ds), *amid})


def days_for(ds: Dataset) -> st.SearchStrategy[dt.date]:
    """Any day, or a telling one for ``ds``."""
    return st.one_of(days(), st.sampled_from(_telling_days(ds)))


def windows_for(ds: Dataset) -> st.SearchStrategy[tuple[dt.date, dt.date]]:
    """Two days for ``ds``, earlier first: a window that is not empty (an empty one is for the library to refuse)."""
    day = days_for(ds)
    return st.tuples(day, day).map(lambda pair: (min(pair), max(pair)))


def _may_fall_in(date: PartialDate | DateInterval, start: dt.date, end: dt.date) -> bool:
    """Whether some day ``date`` allows lies in [start, end]."""
    lo, hi = _bounds(date)
    return lo <= end and start <= hi


def _surely_in(date: PartialDate | DateInterval, start: dt.date, end: dt.date) -> bool:
    """Whether every day ``date`` allows lies in [start, end]."""
    lo, hi = date.earliest, date.latest
    return lo is not None and hi is not None and start <= lo and hi <= end


def rows(query: Query) -> list[tuple[str, bool]]:
    """A query's result as (id, certain) pairs, in order."""
    return [(m.agreement.id, m.certain) for m in query]


def is_subsequence(small: Sequence[str], big: Sequence[str]) -> bool:
    """Whether ``small`` is ``big`` with some items left out."""
    items = iter(big)
    return all(any(x == y for y in items) for x in small)


@attrs.frozen
class Step:
    """One filter with its arguments, applied to a query; shown as the call it makes."""

    label: str
    apply: Callable[[Query], Query] = attrs.field(repr=False, eq=False)

    def __call__(self, query: Query) -> Query:
        return self.apply(query)

    def __repr__(self) -> str:
        return f".{self.label}"


def _args(*args: object, **kwargs: object) -> str:
    return ", ".join([*map(repr, args), *(f"{k}={v!r}" for k, v in kwargs.items())])


def some(present: Collection[T], every: Sequence[T], max_size: int = 2) -> st.SearchStrategy[tuple[T, ...]]:
    """A few distinct values, mostly ones ``present`` in the dataset, sometimes any of ``every``."""
    pick = (
        st.one_of(st.sampled_from(sorted(present, key=repr)), st.sampled_from(every))
        if present
        else st.sampled_from(every)
    )
    return st.lists(pick, min_size=1, max_size=max_size, unique=True).map(tuple)


@attrs.frozen
class Hedged:
    """A filter that may keep possible matches or only certain ones, its other arguments fixed."""

    label: str
    apply: Callable[[Query, bool], Query] = attrs.field(repr=False, eq=False)

    def step(self, certain_only: bool) -> Step:
        """The filter with ``certain_only`` set."""
        return Step(f"{self.label}, certain_only={certain_only!r})", lambda q: self.apply(q, certain_only))


def _reachable(ds: Dataset) -> set[Status]:
    """The statuses a reading in ``ds`` may give: recorded ones, and the two that are derived."""
    return {e.status.value for a in ds for e in a.history} | {Status.EXPIRED, Status.SUPERSEDED}


@st.composite
def status_filters(draw: st.DrawFn, ds: Dataset) -> Hedged:
    """``status(*statuses, on=day)``."""
    statuses = draw(some(_reachable(ds), list(Status), max_size=3))
    on = draw(days_for(ds))
    return Hedged(f"status({_args(*statuses, on=on)}", lambda q, only: q.status(*statuses, on=on, certain_only=only))


@st.composite
def signed_filters(draw: st.DrawFn, ds: Dataset) -> Hedged:
    """``signed_between(start, end)``, either bound possibly ``None``."""
    first, last = draw(windows_for(ds))
    start = draw(st.sampled_from([first, None]))
    end = draw(st.sampled_from([last, None]))
    return Hedged(
        f"signed_between({_args(start, end)}", lambda q, only: q.signed_between(start, end, certain_only=only)
    )


@st.composite
def in_effect_filters(draw: st.DrawFn, ds: Dataset) -> Hedged:
    """``in_effect_between(start, end)``."""
    start, end = draw(windows_for(ds))
    return Hedged(
        f"in_effect_between({_args(start, end)}", lambda q, only: q.in_effect_between(start, end, certain_only=only)
    )


def hedged_filters(ds: Dataset) -> st.SearchStrategy[Hedged]:
    """Any filter that takes ``certain_only``."""
    return st.one_of(status_filters(ds), signed_filters(ds), in_effect_filters(ds))


@st.composite
def hedged_steps(draw: st.DrawFn, filters: st.SearchStrategy[Hedged]) -> Step:
    """One of ``filters``, certain only or not."""
    return draw(filters).step(draw(st.booleans()))


@st.composite
def kind_steps(draw: st.DrawFn, ds: Dataset) -> Step:
    """``kind(*kinds)``, unknown kind (``None``) included."""
    kinds = draw(some({a.kind for a in ds}, [*AgreementKind, None], max_size=3))
    return Step(f"kind({_args(*kinds)})", lambda q: q.kind(*kinds))


@st.composite
def binding_steps(draw: st.DrawFn) -> Step:
    """``binding(True | False | None)``."""
    binding = draw(st.sampled_from([True, False, None]))
    return Step(f"binding({binding!r})", lambda q: q.binding(binding))


@st.composite
def party_steps(draw: st.DrawFn, ds: Dataset) -> Step:
    """``party(*who)``: signatory ids and country codes that occur in ``ds``, mostly ones agreements name."""
    every = sorted({s.id for s in ds.signatories} | {s.country for s in ds.signatories if s.country})
    named = {p for a in ds for p in a.parties}
    who = draw(some(named, every))
    return Step(f"party({_args(*who)})", lambda q: q.party(*who))


@st.composite
def area_steps(draw: st.DrawFn, ds: Dataset) -> Step:
    """``area(*areas)``: area ids of ``ds``, mostly ones agreements are about."""
    chosen = draw(some({i for a in ds for i in a.areas}, [a.id for a in ds.areas]))
    return Step(f"area({_args(*chosen)})", lambda q: q.area(*chosen))


@st.composite
def related_steps(draw: st.DrawFn, ds: Dataset) -> Step:
    """``related(target, *types)``: an agreement id of ``ds``, mostly one in a relation; any type, or a few."""
    tied = {i for a in ds for r in a.relations for i in (a.id, r.target)}
    (target,) = draw(some(tied, [a.id for a in ds], max_size=1))
    types = draw(st.one_of(st.just(()), some({r.type for a in ds for r in a.relations}, list(RelationType))))
    return Step(f"related({_args(target, *types)})", lambda q: q.related(target, *types))


@st.composite
def text_steps(draw: st.DrawFn, ds: Dataset) -> Step:
    """``text(query)``: words or pieces of words the dataset's agreements hold, or any text."""
    words = sorted({w for a in ds for w in ds.haystack(a).split()})
    pieces = (
        st.sampled_from(words).flatmap(
            lambda w: st.tuples(st.integers(0, len(w)), st.integers(0, len(w))).map(lambda ij: w[min(ij) : max(ij)])
        )
        if words
        else st.just("")
    )
    query = draw(st.one_of(st.lists(pieces, min_size=1, max_size=3).map(" ".join), texts(max_size=6)))
    return Step(f"text({query!r})", lambda q: q.text(query))


def steps(ds: Dataset) -> st.SearchStrategy[Step]:
    """Any filter, with arguments drawn from ``ds`` itself."""
    options = [
        hedged_steps(status_filters(ds)),
        hedged_steps(signed_filters(ds)),
        hedged_steps(in_effect_filters(ds)),
        kind_steps(ds),
        binding_steps(),
        text_steps(ds),
    ]
    if ds.signatories:
        options.append(party_steps(ds))
    if ds.areas:
        options.append(area_steps(ds))
    if ds.agreements:
        options.append(related_steps(ds))
    return st.one_of(options)


@st.composite
def doubtful_steps(draw: st.DrawFn, ds: Dataset) -> Step:
    """``status(s, on=day)`` where some agreement possibly but not certainly has status ``s``; any filter if none."""
    doubts = sorted(
        {
            (day, reading.status)
            for a in ds
            for day in _telling_days(ds)
            if not (reading := ds.status_on(a, day)).certain and reading.status is not None
        },
        key=repr,
    )
    if not doubts:
        return draw(steps(ds))
    day, status = draw(st.sampled_from(doubts))
    return Step(f"status({_args(status, on=day, certain_only=False)})", lambda q: q.status(status, on=day))


def draw_query(data: st.DataObject, ds: Dataset) -> Query:
    """A query over ``ds`` with up to two filters, often one that keeps a row uncertain; shown in the report."""
    fs = data.draw(st.lists(st.one_of(doubtful_steps(ds), steps(ds)), max_size=2), label="base filters")
    return reduce(lambda q, f: f(q), fs, ds.query())


# -- 0. indexed filters answer as a scan does ------------------------------------


class TestIndexedFilters:
    @CAPPED
    @given(DATASETS, st.data())
    def test_area_index_matches_a_scan(self, ds: Dataset, data: st.DataObject) -> None:
        """area(x) keeps exactly the agreements a scan finds naming x or an area under it."""
        if not ds.areas:
            return  # nothing to ask for
        chosen = data.draw(st.lists(st.sampled_from([a.id for a in ds.areas]), min_size=1, max_size=2))
        wanted = ds.subareas(*chosen)
        expected = [a.id for a in ds if wanted & set(a.areas)]
        assert expected == ds.query().area(*chosen).ids()
        assert expected == ds.query().area(*chosen).ids()  # again, from the merged positions kept
        assert expected == [a.id for a in ds.query().area(*chosen).agreements()]

    @CAPPED
    @given(DATASETS, st.data())
    def test_party_index_matches_a_scan(self, ds: Dataset, data: st.DataObject) -> None:
        """party(x) keeps exactly the agreements a scan finds x's bodies party to, or signing or witnessing for."""
        if not ds.signatories:
            return  # nothing to ask for
        chosen = data.draw(st.lists(st.sampled_from([b.id for b in ds.signatories]), min_size=1, max_size=2))
        bodies = ds.bodies(*chosen)
        expected = [a.id for a in ds if bodies & {*a.parties, *(p.acting_for for p in (*a.signed_by, *a.witnesses))}]
        assert expected == ds.query().party(*chosen).ids()

    @CAPPED
    @given(DATASETS)
    def test_merged_positions_past_those_kept(self, ds: Dataset) -> None:
        """More sets of areas and of bodies asked than are kept: each answer, asked again, is still a scan's."""
        areas = [a.id for a in ds.areas] or ["none"]
        bodies = [b.id for b in ds.signatories] or ["none"]
        sets = [frozenset({areas[i % len(areas)], f"other-{i}"}) for i in range(70)]
        for keys in (*sets, *sets[:3]):
            assert [i for i, a in enumerate(ds) if keys & set(a.areas)] == list(ds.positions_by_areas(keys))
        for keys in ({bodies[i % len(bodies)], f"other-{i}"} for i in (*range(70), 0)):
            acting = lambda a: {p.acting_for for p in (*a.signed_by, *a.witnesses)}  # noqa: E731
            found = [i for i, a in enumerate(ds) if keys & {*a.parties, *acting(a)}]
            assert found == list(ds.positions_by_bodies(frozenset(keys)))
        assert tuple(a.id for a in ds) == ds.ids

    @CAPPED
    @given(DATASETS, st.data())
    def test_statuses_on_reads_as_status_on(self, ds: Dataset, data: st.DataObject) -> None:
        """statuses_on(day) is status_on of each agreement, on any day, asked in any order (stretches are kept)."""
        asked = data.draw(st.lists(days_for(ds), min_size=1, max_size=6), label="days")
        for day in asked:
            assert tuple(ds.status_on(a, day) for a in ds) == ds.statuses_on(day)
        for day in reversed(asked):  # again, from what was kept
            assert tuple(ds.status_on(a, day) for a in ds) == ds.statuses_on(day)

    @CAPPED
    @given(DATASETS, st.data())
    def test_status_filter_keeps_what_a_scan_keeps(self, ds: Dataset, data: st.DataObject) -> None:
        """status(…, on=day) keeps exactly the rows, and certainty, a scan of status_on gives."""
        day = data.draw(days_for(ds), label="day")
        wanted = frozenset(data.draw(st.lists(st.sampled_from(Status), min_size=1, max_size=3), label="statuses"))
        expected = []
        for a in ds:
            reading = ds.status_on(a, day)
            possible = {reading.status} if reading.certain else {reading.status, *reading.otherwise}
            if possible & wanted:
                expected.append((a.id, possible <= wanted))
        assert expected == rows(ds.query().status(*wanted, on=day))


# -- 1. every filter narrows ----------------------------------------------------


class TestFiltersNarrow:
    @CAPPED
    @given(DATASETS, st.data())
    def test_a_filter_keeps_some_of_the_agreements(self, ds: Dataset, data: st.DataObject) -> None:
        """Any filter over the whole dataset keeps a subset of its agreements, in the dataset's order."""
        f = data.draw(steps(ds), label="filter")
        kept = f(ds.query()).ids()
        assert is_subsequence(kept, [a.id for a in ds])

    @CAPPED
    @given(DATASETS, st.data())
    def test_adding_a_filter_never_adds_a_row_nor_certainty(self, ds: Dataset, data: st.DataObject) -> None:
        """q.f() keeps only rows of q, and a row certain in q.f() was certain in q."""
        q = draw_query(data, ds)
        f = data.draw(steps(ds), label="filter")
        before = dict(rows(q))
        after = rows(f(q))
        assert is_subsequence([i for i, _ in after], [i for i, _ in rows(q)])
        for ident, certain in after:
            assert ident in before
            if certain:
                assert before[ident]

    @CAPPED
    @given(DATASETS, st.data())
    def test_a_query_is_the_intersection_of_its_filters(self, ds: Dataset, data: st.DataObject) -> None:
        """A query keeps the rows every one of its filters keeps alone, certain when every one is certain of it."""
        # One filter keeps a row uncertain, if any can: the others must then leave it uncertain.
        doubtful_first = st.tuples(doubtful_steps(ds), st.lists(steps(ds), max_size=2)).map(lambda p: [p[0], *p[1]])
        fs = data.draw(doubtful_first.flatmap(st.permutations), label="filters")
        alone = [dict(rows(f(ds.query()))) for f in fs]
        expected = [(a.id, all(kept[a.id] for kept in alone)) for a in ds if all(a.id in kept for kept in alone)]
        assert expected == rows(reduce(lambda q, f: f(q), fs, ds.query()))


# -- 2. filters commute -------------------------------------------------------------


class TestFiltersCommute:
    @CAPPED
    @given(DATASETS, st.data())
    def test_two_filters_in_either_order(self, ds: Dataset, data: st.DataObject) -> None:
        """q.f().g() and q.g().f() give the same rows, in the same order, equally certain."""
        q = draw_query(data, ds)
        f = data.draw(steps(ds), label="f")
        g = data.draw(steps(ds), label="g")
        assert list[Match](g(f(q))) == list[Match](f(g(q)))


# -- 3. nothing before the first event ---------------------------------------------


def _first_day(agreement: Agreement) -> dt.date | None:
    """The earliest day any event of ``agreement`` may fall on; ``None`` with no events or one with no earliest day.

    Each event counts from its own earliest day, even one listed after an
    event that cannot have come yet (docs/lifecycle.md, "Certain and
    possible"): so this is the earliest of all the events, not ``history[0]``'s.
    """
    earliest = [e.date.value.earliest for e in agreement.history]
    return None if not earliest or None in earliest else _plain(min(d for d in earliest if d is not None))


def _derives(ds: Dataset, agreement: Agreement) -> bool:
    """Whether ``status_on`` may add a step to ``agreement``'s history: a term end, or a superseder."""
    term = agreement.term
    return agreement.id in _superseded(ds) or (term is not None and term.end is not None)


def _superseded(ds: Dataset) -> set[str]:
    """Ids of the agreements another one supersedes."""
    return {r.target for a in ds for r in a.relations if r.type is RelationType.SUPERSEDES}


def _record(
    ident: str, *history: tuple[str, Status], term: Term | None = None, relations: tuple[Relation, ...] = ()
) -> Agreement:
    """A minimal valid agreement citing the source ``s``, its events given as (date, status)."""
    events = tuple(StatusEvent(Claimed.of(parse_date(d)), Claimed.of(s), ("s",)) for d, s in history)
    return Agreement(ident, Claimed.of(ident.upper()), None, ("s",), history=events, term=term, relations=relations)


def _dataset(*agreements: Agreement) -> Dataset:
    """A dataset of ``agreements`` and the one source they cite."""
    return Dataset(agreements=agreements, sources=(Source("s", "en", "S"),))


# Signed in 2020 under a term that ended in 2010. Until 4c1d84c it read
# expired from 2011, nine years before it was signed, then signed from 2021.
TERM_ENDS_FIRST = _dataset(
    _record("a", ("2020", Status.SIGNED), term=Term(("s",), end=PartialDate(2010))),
)
# Proposed in 2000, superseded by one in effect in 1999. Until 4c1d84c it read
# superseded (a final status) in 1999, then proposed from 2001.
SUPERSEDED_FIRST = _dataset(
    _record("a", ("2000", Status.PROPOSED)),
    _record("b", ("1999", Status.IN_EFFECT), relations=(Relation(RelationType.SUPERSEDES, "a", ("s",)),)),
)
# Nothing recorded, and superseded by two instruments that took effect in 2000.
TWO_SUPERSEDERS = _dataset(
    _record("a"),
    *(
        _record(b, ("2000", Status.IN_EFFECT), relations=(Relation(RelationType.SUPERSEDES, "a", ("s",)),))
        for b in "bc"
    ),
)


class TestNothingBeforeTheFirstEvent:
    @pytest.mark.parametrize(
        "ds", [TERM_ENDS_FIRST, SUPERSEDED_FIRST, TWO_SUPERSEDERS], ids=["term", "supersession", "two"]
    )
    def test_the_examples_are_valid_data(self, ds: Dataset) -> None:
        """The datasets given as explicit examples below are data that validation accepts."""
        assert [] == check(ds)

    @example(TERM_ENDS_FIRST)
    @example(SUPERSEDED_FIRST)
    @CAPPED
    @given(DATASETS)
    def test_nothing_before_the_first_event(self, ds: Dataset) -> None:
        """Whatever its term and whatever supersedes it, an agreement is certainly nothing before its first event."""
        for a in ds:
            first = _first_day(a)
            if first is None:
                continue
            for day in breakpoints(ds):
                if day < first:
                    assert StatusReading(None, True) == ds.status_on(a, day), (a.id, day)

    @CAPPED
    @given(DATASETS)
    def test_no_history_no_status(self, ds: Dataset) -> None:
        """An agreement with no history that nothing supersedes is certainly nothing, every day."""
        superseded = _superseded(ds)
        for a in ds:
            if not a.history and a.id not in superseded:
                for day in breakpoints(ds):
                    assert StatusReading(None, True) == ds.status_on(a, day)

    @example(TWO_SUPERSEDERS)
    @CAPPED
    @given(DATASETS)
    def test_no_history_but_superseded(self, ds: Dataset) -> None:
        """An agreement with no history is superseded once something superseding it takes effect, nothing before."""
        # docs/lifecycle.md: "When another instrument supersedes this one, this
        # one is superseded from the day that one takes effect."; no history needed.
        for a in ds:
            if a.history:
                continue
            taking_effect = [
                next(e.date.value for e in b.history if e.status.value is Status.IN_EFFECT)
                for b in ds
                if any(r.type is RelationType.SUPERSEDES and r.target == a.id for r in b.relations)
                and any(e.status.value is Status.IN_EFFECT for e in b.history)
            ]
            for day in breakpoints(ds):
                reading = ds.status_on(a, day)
                if any(d.on_or_before(day) is Truth.YES for d in taking_effect):
                    assert StatusReading(Status.SUPERSEDED, True) == reading
                elif any(d.on_or_before(day) is Truth.POSSIBLY for d in taking_effect):
                    assert (Status.SUPERSEDED, False) == (reading.status, reading.certain)
                    # Nothing, or superseded by one that may have taken effect before the last.
                    assert None in reading.otherwise
                    assert set(reading.otherwise) <= {None, Status.SUPERSEDED}
                else:
                    assert StatusReading(None, True) == reading


# -- 4. certain results are among the possible ones ----------------------------------


class TestCertainOnly:
    @CAPPED
    @given(DATASETS, st.data())
    def test_certain_only_keeps_exactly_the_certain_rows(self, ds: Dataset, data: st.DataObject) -> None:
        """Alone, a filter with certain_only keeps exactly the rows it keeps as certain without."""
        hedged = data.draw(hedged_filters(ds), label="filter")
        sure = rows(hedged.step(True)(ds.query()))
        possible = rows(hedged.step(False)(ds.query()))
        assert {i for i, _ in sure} <= {i for i, _ in possible}
        assert [(i, c) for i, c in possible if c] == sure

    @CAPPED
    @given(DATASETS, st.data())
    def test_certain_only_after_other_filters(self, ds: Dataset, data: st.DataObject) -> None:
        """After other filters, certain_only keeps the rows the filter alone is sure of, certain as before."""
        q = draw_query(data, ds)
        hedged = data.draw(hedged_filters(ds), label="filter")
        sure_alone = {i for i, _ in rows(hedged.step(True)(ds.query()))}
        possible = rows(hedged.step(False)(q))
        assert [(i, c) for i, c in possible if i in sure_alone] == rows(hedged.step(True)(q))


class TestFiltersSayWhatTheyMean:
    @CAPPED
    @given(DATASETS, st.data())
    def test_status_keeps_what_the_reading_allows(self, ds: Dataset, data: st.DataObject) -> None:
        """status keeps an agreement whose reading may be a wanted status, certain when every status it may be is."""
        wanted = data.draw(some(_reachable(ds), list(Status), max_size=3), label="statuses")
        day = data.draw(days_for(ds), label="day")
        expected = []
        for a in ds:
            reading = ds.status_on(a, day)
            possible = {reading.status} if reading.certain else {reading.status, *reading.otherwise}
            if possible & set(wanted):
                expected.append((a.id, possible <= set(wanted)))
        assert expected == rows(ds.query().status(*wanted, on=day))

    @CAPPED
    @given(DATASETS, st.data())
    def test_signed_between_keeps_what_the_signing_date_allows(self, ds: Dataset, data: st.DataObject) -> None:
        """signed_between keeps an agreement whose signing may fall in the window, certain when it surely does."""
        start, end = data.draw(windows_for(ds), label="window")
        expected = [
            (a.id, _surely_in(a.signed, start, end))
            for a in ds
            if a.signed is not None and _may_fall_in(a.signed, start, end)
        ]
        assert expected == rows(ds.query().signed_between(start, end))


# -- 5. certainty is honest -----------------------------------------------------------


def _pin(claimed: Claimed[PartialDate | DateInterval], day: dt.date) -> Claimed[PartialDate | DateInterval]:
    """The same claims, the preferred one now saying ``day``."""
    preferred = claimed.preferred
    return Claimed(
        tuple(attrs.evolve(c, value=PartialDate.from_date(day)) if c is preferred else c for c in claimed.claims)
    )


@st.composite
def resolutions(draw: st.DrawFn, ds: Dataset) -> Dataset:
    """``ds`` with every event date and term end pinned to one day it allows, each on its own.

    A term is a period: an end of ``2026`` runs to 31 December 2026, so only
    an end that is a range (``2025/2026``, or ``2025/..`` with no known last
    day) leaves its last day to pin.

    Pins may put events out of their listed order: a reading treats each
    step on its own (docs/lifecycle.md, "Certain and possible"), so the laws
    below hold for any pins, not only for those in order.
    """
    out: list[Agreement] = []
    for a in ds:
        history = tuple(attrs.evolve(e, date=_pin(e.date, draw(_days_within(e.date.value)))) for e in a.history)
        term = a.term
        if term is not None and isinstance(term.end, PartialDate):
            term = attrs.evolve(term, end=PartialDate.from_date(term.end.latest))
        elif term is not None and term.end is not None:
            term = attrs.evolve(term, end=PartialDate.from_date(draw(_days_within(term.end))))
        out.append(attrs.evolve(a, history=history, term=term))
    return attrs.evolve(ds, agreements=tuple(out))


class TestCertaintyIsHonest:
    @CAPPED
    @given(DATASETS, st.data())
    def test_every_way_it_may_have_been_is_allowed(self, ds: Dataset, data: st.DataObject) -> None:
        """Pinning every uncertain date gives a status the reading allowed: the same one when it was certain."""
        real = data.draw(resolutions(ds), label="resolution")
        for a in ds:
            if _derives(ds, a):
                continue  # a derived step goes where its dates put it, so pinning may move it past an event
            for day in sorted({*breakpoints(ds), *breakpoints(real)}):
                reading = ds.status_on(a, day)
                allowed = {reading.status} if reading.certain else {reading.status, *reading.otherwise}
                assert real.status_on(a.id, day).status in allowed, day

    @CAPPED
    @given(DATASETS, st.data())
    def test_single_days_make_every_reading_certain(self, ds: Dataset, data: st.DataObject) -> None:
        """When every date a reading turns on is a single day, every reading on every day is certain."""
        real = data.draw(resolutions(ds), label="resolution")
        for a in real:
            for day in breakpoints(real):
                reading = real.status_on(a, day)
                assert (True, ()) == (reading.certain, reading.otherwise), day


# -- 6. changes -----------------------------------------------------------------------


class TestChanges:
    @CAPPED
    @given(DATASETS, st.data())
    def test_changes_are_newest_first(self, ds: Dataset, data: st.DataObject) -> None:
        """changes lists events newest first: the timeline's order (what is known of each date) reversed."""
        start, end = data.draw(windows_for(ds), label="window")
        keys = [c.event.date.value.timeline_key for c in changes(ds, start, end)]
        assert sorted(keys, reverse=True) == keys

    @CAPPED
    @given(DATASETS, st.data())
    def test_changes_are_the_events_that_may_fall_in_the_window(self, ds: Dataset, data: st.DataObject) -> None:
        """changes gives every event that may fall in the window and no other, certain exactly when it surely does."""
        start, end = data.draw(windows_for(ds), label="window")
        expected = Counter(
            (a.id, e, _surely_in(e.date.value, start, end))
            for a in ds
            for e in a.history
            if _may_fall_in(e.date.value, start, end)
        )
        assert expected == Counter((c.agreement.id, c.event, c.certain) for c in changes(ds, start, end))
