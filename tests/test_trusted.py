"""Records built back from the cache's entries: equal to what the converter wrote, and nothing unfit accepted."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mou_tracker
from mou_tracker import loading
from mou_tracker._convert import _CONVERTER
from mou_tracker._trusted import Builder, Unfit
from mou_tracker.strategies import datasets
from tests.budget import per_dataset


def entry(dataset: mou_tracker.Dataset) -> dict[str, list[Any]]:
    """A cache entry, as the loader writes it."""
    return {
        name: [_CONVERTER.unstructure(r, kind) for r in getattr(dataset, name)]
        for name, kind in loading._RECORDS.items()
    }


def build(plain: dict[str, list[Any]]) -> dict[str, tuple[Any, ...]]:
    builder = Builder()
    return {name: builder.records(iter(plain[name]), kind, len(plain[name])) for name, kind in loading._RECORDS.items()}


class TestBuilder:
    def test_the_bundled_dataset(self) -> None:
        """The bundled dataset's entry builds back to equal records."""
        data = mou_tracker.load(cache=False)
        built = build(entry(data))
        for name in loading._RECORDS:
            assert getattr(data, name) == built[name]

    @per_dataset
    @given(datasets())
    def test_generated_datasets(self, data: mou_tracker.Dataset) -> None:
        """Any dataset's entry builds back to equal records, as the strict converter builds them."""
        plain = entry(data)
        built = build(plain)
        for name, kind in loading._RECORDS.items():
            assert tuple(_CONVERTER.structure(r, kind) for r in plain[name]) == built[name]
            assert getattr(data, name) == built[name]

    def test_an_event_keeps_its_place(self) -> None:
        """Where a step was taken is built back from the entry as the converter wrote it."""
        data = mou_tracker.load(cache=False)
        built = build(entry(data))
        places = [(a.id, e.place) for a in built["agreements"] for e in a.history if e.place is not None]
        assert ("rice-trade-moc", "Kuala Lumpur") in places
        assert [(a.id, e.place) for a in data for e in a.history if e.place is not None] == places

    def test_notes_may_run_over_lines(self) -> None:
        """A line break in notes builds, as the converter builds it; the same in a name does not."""
        plain = copy.deepcopy(_bundled_entry())
        plain["sources"][0]["notes"] = "First.\n\nSecond."
        assert "First.\n\nSecond." == build(plain)["sources"][0].notes
        assert _CONVERTER.structure(plain["sources"][0], mou_tracker.Source) == build(plain)["sources"][0]

    def test_equal_dates_are_shared(self) -> None:
        """Equal date strings are parsed once a load: the records share the date."""
        data = mou_tracker.load(cache=False)
        built = build(entry(data))
        dates = [e.date.value for a in built["agreements"] for e in a.history]
        by_text: dict[str, Any] = {}
        for date in dates:
            assert by_text.setdefault(str(date), date) is date


def _bundled_entry() -> dict[str, list[Any]]:
    return entry(mou_tracker.load(cache=False))


def _claim(note: str) -> dict[str, Any]:
    return {"value": "A title", "sources": ["report-2023-08-28"], "note": note}


# Each misfit: where in the entry, and what to put there (or remove).
_MISFITS: list[tuple[str, Any]] = [
    ("a number for text", lambda e: e["sources"][0].__setitem__("id", 5)),
    ("true for text", lambda e: e["agreements"][0].__setitem__("id", True)),
    ("text for true or false", lambda e: e["agreements"][0].__setitem__("binding", "yes")),
    ("an unknown key", lambda e: e["areas"][0].__setitem__("colour", "red")),
    ("a missing required key", lambda e: e["signatories"][0].pop("kind")),
    ("not an enum value", lambda e: e["signatories"][0].__setitem__("kind", "planet")),
    ("an impossible date", lambda e: e["agreements"][0]["history"][0].__setitem__("date", "2023-02-30")),
    ("a date that is neither text nor a year", lambda e: e["agreements"][0]["history"][0].__setitem__("date", True)),
    ("a year out of range", lambda e: e["agreements"][0]["history"][0].__setitem__("date", 10000)),
    ("a mapping for a list", lambda e: e["agreements"][0].__setitem__("sources", {"a": 1})),
    ("a list for a record", lambda e: e["agreements"].__setitem__(0, ["itx"])),
    ("a list of records that is not a list", lambda e: e.__setitem__("people", {"x": 1})),
    ("a name keyed by a number", lambda e: e["areas"][0].__setitem__("names", {1: "x"})),
    ("a claim without its value", lambda e: e["agreements"][0].__setitem__("title", [{"sources": ["x"]}])),
    ("a number for an event's place", lambda e: e["agreements"][0]["history"][0].__setitem__("place", 12)),
    ("an escape in text", lambda e: e["agreements"][0].__setitem__("title", "\x1b[2K\rin effect")),
    ("a lone surrogate in text", lambda e: e["signatories"][0].__setitem__("name", "Viet\ud800 Nam")),
    ("an override in text", lambda e: e["sources"][0].__setitem__("title", "A \u202esource")),
    ("a non-character in a list", lambda e: e["agreements"][0].__setitem__("aliases", ["x\U0001fffe"])),
    ("a line break in text", lambda e: e["people"][0].__setitem__("name", "Tô\nLâm")),
    ("a tab in notes", lambda e: e["sources"][0].__setitem__("notes", "a\tb")),
    ("a control in a claim's note", lambda e: e["agreements"][1].__setitem__("title", [_claim("\x85")])),
    ("a control in a key", lambda e: e["areas"][0].__setitem__("names", {"v\x1bi": "x"})),
    ("a lone surrogate in a key", lambda e: e["areas"][0].__setitem__("names", {"\udc00": "x"})),
]


class TestUnfit:
    @pytest.mark.parametrize(("what", "damage"), _MISFITS, ids=[w for w, _ in _MISFITS])
    def test_is_refused(self, what: str, damage: Any) -> None:
        """An entry that does not fit the model is refused, whatever is wrong with it."""
        plain = copy.deepcopy(_bundled_entry())
        damage(plain)
        with pytest.raises((Unfit, ValueError, TypeError)):
            build(plain)

    @given(
        st.sampled_from(sorted(loading._RECORDS)),
        st.integers(0, 5),
        st.sampled_from([None, 1.5, [], {}, "x", 7, "\x1b[2K", "a\nb", "\ud800", "\u202e", "\ufdd0", ["\x85"]]),
    )
    def test_any_field_given_a_wrong_value_is_refused_or_equal(self, name: str, index: int, value: object) -> None:
        """Replacing a field's value is either refused or builds what the strict converter builds, text too."""
        plain = copy.deepcopy(_ENTRY)
        records = plain[name]
        record = records[index % len(records)]
        field = sorted(record)[index % len(record)]
        record[field] = value
        kind = loading._RECORDS[name]
        try:
            expected = tuple(_CONVERTER.structure(r, kind) for r in records)
        except Exception:
            with pytest.raises((Unfit, ValueError, TypeError)):
                Builder().records(iter(records), kind, len(records))
        else:
            assert expected == Builder().records(iter(records), kind, len(records))


_ENTRY = _bundled_entry()
