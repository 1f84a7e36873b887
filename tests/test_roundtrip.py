"""Model → YAML → model, model → plain data → model, and the laws of Dataset.status_on."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from mou_tracker import DataError, loading
from mou_tracker._convert import _CONVERTER
from mou_tracker.dataset import Dataset
from mou_tracker.dates import DateInterval, PartialDate
from mou_tracker.loading import dumps, load, loads
from mou_tracker.model import Agreement, Area, Claimed, Person, Signatory, Source, Status, StatusEvent, Term
from mou_tracker.strategies import (
    agreements,
    any_dates,
    areas,
    claimed,
    datasets,
    date_intervals,
    days,
    ids,
    partial_dates,
    people,
    references,
    signatories,
    sources,
    status_events,
    status_histories,
    texts,
)
from mou_tracker.validation import check
from tests.budget import per_dataset

MODEL_TYPES: list[tuple[Any, st.SearchStrategy[Any]]] = [
    (Source, sources()),
    (Signatory, signatories()),
    (Person, people()),
    (Area, areas()),
    (StatusEvent, status_events()),
    (Agreement, agreements()),
    (Claimed[str], references().flatmap(lambda refs: claimed(texts(), sources=refs.sources))),
]


def _agreement(history: tuple[StatusEvent, ...]) -> Agreement:
    """An agreement with this history and neither term nor relations."""
    return Agreement(id="a", title=Claimed.of("A"), kind=None, sources=("s",), history=history)


lone_histories = references().flatmap(lambda refs: status_histories(references=refs, max_size=5))


def _shift(day: dt.date, by: int) -> dt.date | None:
    try:
        return dt.date(day.year, day.month, day.day) + dt.timedelta(days=by)
    except OverflowError:
        return None


def _days_around(history: tuple[StatusEvent, ...]) -> st.SearchStrategy[dt.date]:
    """Any day, or a day at or next to a bound of an event's preferred date."""
    edges = [b for e in history for b in (e.date.value.earliest, e.date.value.latest) if b is not None]
    near = [d for b in edges for k in (-1, 0, 1) if (d := _shift(b, k)) is not None]
    return st.one_of(days(), st.sampled_from(near)) if near else days()


# Term ends anywhere, and in the calendar's last year, where "the day after" does not exist.
LAST_YEAR = dt.date(9999, 1, 1)
term_ends = st.one_of(any_dates(), partial_dates(min_day=LAST_YEAR), date_intervals(not_before=LAST_YEAR))

histories_and_days = lone_histories.flatmap(lambda h: st.tuples(st.just(h), _days_around(h)))


class TestGeneratedData:
    @per_dataset
    @given(datasets())
    def test_generated_datasets_are_valid(self, ds: Dataset) -> None:
        """The dataset strategy gives data that validation finds nothing wrong with."""
        assert [] == check(ds)


class TestYamlRoundTrip:
    @per_dataset
    @given(datasets())
    def test_loads_dumps_is_identity(self, ds: Dataset) -> None:
        """A dataset written as YAML text and read back is equal to the original."""
        assert ds == loads(dumps(ds))

    @per_dataset
    @given(datasets())
    def test_dumps_is_stable(self, ds: Dataset) -> None:
        """Writing a dataset that was read back gives the same YAML text."""
        text = dumps(ds)
        assert text == dumps(loads(text))

    @per_dataset
    @given(datasets())
    def test_structure_unstructure_is_identity(self, ds: Dataset) -> None:
        """A dataset turned into plain data and built back is equal to the original."""
        assert ds == loading.structure(loading.unstructure(ds))

    @given(texts(max_size=40))
    def test_any_text_round_trips(self, text: str) -> None:
        """A text value written as YAML reads back as the same text."""
        ds = Dataset(sources=(Source(id="s", language="en", title=text, notes=text),))
        assert ds == loads(dumps(ds))

    @given(ids())
    def test_any_id_round_trips(self, ident: str) -> None:
        """An id written as YAML reads back as the same id."""
        ds = Dataset(sources=(Source(id=ident, language="en", title="t"),))
        assert ds == loads(dumps(ds))

    def test_bundled_file_round_trips(self) -> None:
        """The bundled dataset written as YAML and read back is equal to the bundled dataset."""
        assert load() == loads(dumps(load()))

    def test_bundled_file_round_trips_through_json(self) -> None:
        """The bundled dataset as JSON text and back is equal to the bundled dataset."""
        text = json.dumps(loading.unstructure(load()), ensure_ascii=False)
        assert load() == loading.structure(json.loads(text))

    def test_bundled_file_is_valid(self) -> None:
        """The bundled dataset passes validation."""
        assert [] == check(load())


EVENT_WITH_A_PLACE = """\
schema_version: 1
sources:
  - id: s1
    language: en
    title: A statement
agreements:
  - id: a1
    title: A memorandum
    kind: mou
    sources: [s1]
    history:
      - date: 2025-10-28
        status: concluded
        place: Kuala Lumpur
        sources: [s1]
"""


class TestEventPlace:
    def test_an_event_keeps_its_place(self) -> None:
        """Where a step was taken is read, written and read back the same."""
        ds = loads(EVENT_WITH_A_PLACE)
        assert "Kuala Lumpur" == ds["a1"].history[0].place
        assert "place: Kuala Lumpur" in dumps(ds)
        assert ds == loads(dumps(ds))
        assert ds == loading.structure(json.loads(json.dumps(loading.unstructure(ds))))

    def test_an_event_without_a_place_has_none(self) -> None:
        """The place is optional: left out, it is unknown."""
        ds = loads(EVENT_WITH_A_PLACE.replace("        place: Kuala Lumpur\n", ""))
        assert ds["a1"].history[0].place is None
        assert "place" not in dumps(ds)

    @pytest.mark.parametrize(("value", "found"), [("12", "the integer 12"), ("[Kuala Lumpur]", "a list")])
    def test_a_place_is_text(self, value: str, found: str) -> None:
        """A place that is not text is refused where it stands."""
        with pytest.raises(DataError) as caught:
            loads(EVENT_WITH_A_PLACE.replace("place: Kuala Lumpur", f"place: {value}"), filename="data.yaml")
        assert f"data.yaml:14:16: $.agreements[0].history[0].place: expected text, found {found}" == str(caught.value)


class TestConverterRoundTrip:
    @pytest.mark.parametrize(("model_type", "strategy"), MODEL_TYPES, ids=lambda v: getattr(v, "__name__", None))
    @given(data=st.data())
    def test_structure_unstructure_is_identity(
        self, model_type: Any, strategy: st.SearchStrategy[Any], data: st.DataObject
    ) -> None:
        """For each model type, unstructuring a value and structuring it back gives an equal value."""
        value = data.draw(strategy, label="value")
        plain = _CONVERTER.unstructure(value, model_type)
        assert value == _CONVERTER.structure(plain, model_type)


class TestStatusOn:
    @given(lone_histories, st.integers(1, 3000))
    def test_nothing_before_the_first_event(self, history: tuple[StatusEvent, ...], days_before: int) -> None:
        """On a day before every event's earliest day the status is None, and certainly so."""
        earliest = [e.date.value.earliest for e in history]
        assume(all(d is not None for d in earliest))
        first = min((d for d in earliest if d is not None), default=dt.date(2000, 1, 1))
        day = _shift(first, -days_before)
        assume(day is not None)
        assert day is not None
        reading = Dataset(agreements=(_agreement(history),)).status_on("a", day)
        assert (None, True) == (reading.status, reading.certain)

    @given(histories_and_days)
    def test_certain_status_is_the_last_settled_event(self, case: tuple[tuple[StatusEvent, ...], dt.date]) -> None:
        """When the reading is certain, it is the status of the last event whose latest day is on or before the day."""
        history, day = case
        reading = Dataset(agreements=(_agreement(history),)).status_on("a", day)
        if reading.certain:
            settled = [
                e.status.value for e in history if e.date.value.latest is not None and e.date.value.latest <= day
            ]
            assert (settled[-1] if settled else None) == reading.status

    @given(lone_histories, st.integers(0, 3000))
    def test_after_every_event_the_last_status_is_certain(
        self, history: tuple[StatusEvent, ...], days_after: int
    ) -> None:
        """On a day after every event's latest day the status is the last event's, and certainly so."""
        latest = [e.date.value.latest for e in history]
        assume(history and all(d is not None for d in latest))
        day = _shift(max(d for d in latest if d is not None), days_after)
        assume(day is not None)
        assert day is not None
        reading = Dataset(agreements=(_agreement(history),)).status_on("a", day)
        assert (history[-1].status.value, True) == (reading.status, reading.certain)

    @given(histories_and_days)
    def test_uncertain_reading_lists_alternatives(self, case: tuple[tuple[StatusEvent, ...], dt.date]) -> None:
        """An uncertain reading names a recorded status and what the instrument was otherwise."""
        history, day = case
        reading = Dataset(agreements=(_agreement(history),)).status_on("a", day)
        if not reading.certain:
            recorded = {e.status.value for e in history}
            assert reading.status in recorded
            assert reading.otherwise
            assert set(reading.otherwise) <= {*recorded, None}

    @given(histories_and_days)
    def test_lookup_by_id_or_record_agree(self, case: tuple[tuple[StatusEvent, ...], dt.date]) -> None:
        """status_on gives the same reading for the agreement and for its id."""
        history, day = case
        agreement = _agreement(history)
        ds = Dataset(agreements=(agreement,))
        assert ds.status_on(agreement, day) == ds.status_on("a", day)

    @per_dataset
    @given(datasets(), days())
    def test_every_agreement_has_a_reading_on_any_day(self, ds: Dataset, day: dt.date) -> None:
        """status_on answers for every agreement of a valid dataset on any day, naming only statuses it can reach."""
        for agreement in ds:
            reading = ds.status_on(agreement, day)
            reachable = {e.status.value for e in agreement.history} | {Status.EXPIRED, Status.SUPERSEDED, None}
            assert reading.status in reachable
            assert set(reading.otherwise) <= reachable
            assert reading.certain == (() == reading.otherwise)

    @given(references().flatmap(lambda refs: status_histories(references=refs, running=True)), term_ends, days())
    def test_a_term_never_breaks_the_reading(
        self, history: tuple[StatusEvent, ...], end: PartialDate | DateInterval, day: dt.date
    ) -> None:
        """status_on answers whatever the term's end, even one in the calendar's last year."""
        agreement = attrs.evolve(_agreement(history), term=Term(sources=("s",), end=end))
        reading = Dataset(agreements=(agreement,)).status_on("a", day)
        reachable = {e.status.value for e in history} | {Status.EXPIRED, None}
        assert reading.status in reachable

    def test_datetime_is_refused(self) -> None:
        """status_on refuses a datetime."""
        ds = load()
        with pytest.raises(TypeError):
            ds.status_on("itx", dt.datetime(2024, 1, 1))

    def test_bundled_itx_is_signed(self) -> None:
        """The bundled ITX MoU is certainly signed the day it was signed, and nothing before."""
        ds = load()
        assert Status.SIGNED == ds.status_on("itx", dt.date(2023, 8, 28)).status
        assert ds.status_on("itx", dt.date(2023, 8, 28)).certain
        assert ds.status_on("itx", dt.date(2023, 8, 27)).status is None
