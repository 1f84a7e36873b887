"""The public strategies: what they give is valid, their arguments hold, broken data is reported where the defect is."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import inspect
import json
import subprocess
import sys
import typing
from collections.abc import Iterator
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import mou_tracker
from mou_tracker import loading
from mou_tracker import strategies as mts
from mou_tracker._hypothesis import STRATEGIES
from mou_tracker.dataset import Dataset
from mou_tracker.dates import DateInterval, End, PartialDate, Precision
from mou_tracker.exceptions import DataError
from mou_tracker.model import (
    ActionKind,
    Agreement,
    AgreementKind,
    Area,
    Claimed,
    EntryIntoForce,
    Person,
    Signatory,
    SignatoryKind,
    Source,
    Status,
)
from mou_tracker.validation import check
from tests.budget import per_dataset

# -- helpers --------------------------------------------------------------------

# The fields that hold ids, and the collection they name ("parent" names the record's own).
REFERENCES = {
    "sources": "sources",
    "parties": "signatories",
    "areas": "areas",
    "person": "people",
    "acting_for": "signatories",
    "successor": "signatories",
    "target": "agreements",
}


def _fields(value: object) -> Iterator[tuple[str, object]]:
    """Every (field name, value) inside an attrs record, nested records and claims included."""
    if isinstance(value, Claimed):
        for claim in value.claims:
            yield from _fields(claim)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            item = getattr(value, field.name)
            yield field.name, item
            if isinstance(item, tuple):
                for element in item:
                    yield from _fields(element)
            else:
                yield from _fields(item)


def _referenced(record: object, own: str) -> dict[str, set[str]]:
    """The ids a record refers to, by collection."""
    out: dict[str, set[str]] = {}
    for name, value in _fields(record):
        collection = own if name == "parent" else REFERENCES.get(name)
        if collection is None or value is None or isinstance(value, Claimed):
            continue
        ids = value if isinstance(value, tuple) else (value,)
        out.setdefault(collection, set()).update(i for i in ids if isinstance(i, str))
    return out


def _around(record: Source | Signatory | Person | Area | Agreement, own: str) -> Dataset:
    """A dataset of ``record`` and a plain stand-in for every record it refers to."""
    wanted = _referenced(record, own)
    source_ids = sorted(wanted.get("sources", set()) | {"stub-source"})
    records: dict[str, list[Any]] = {
        "sources": [Source(id=i, language="en", title=i) for i in source_ids],
        "signatories": [
            Signatory(id=i, name=i, kind=SignatoryKind.STATE) for i in sorted(wanted.get("signatories", ()))
        ],
        "people": [Person(id=i, name=i) for i in sorted(wanted.get("people", ()))],
        "areas": [Area(id=i, name=i) for i in sorted(wanted.get("areas", ()))],
        "agreements": [
            Agreement(id=i, title=Claimed.of(i), kind=None, sources=("stub-source",))
            for i in sorted(wanted.get("agreements", ()))
        ],
    }
    mine = records[own]
    records[own] = [r for r in mine if r.id != record.id] + [record]
    return Dataset(**{name: tuple(found) for name, found in records.items()})


def _dates(record: object) -> Iterator[PartialDate | DateInterval]:
    for _, value in _fields(record):
        if isinstance(value, (PartialDate, DateInterval)):
            yield value


def _within(date: PartialDate | DateInterval, lo: dt.date, hi: dt.date) -> bool:
    ends = (date,) if isinstance(date, PartialDate) else (date.start, date.end)
    return all(isinstance(e, End) or (lo <= e.earliest and e.latest <= hi) for e in ends)


def _child(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)


# -- importing ------------------------------------------------------------------


class TestImporting:
    def test_the_library_never_imports_hypothesis(self) -> None:
        """Importing mou_tracker, loading the data and printing a report import no hypothesis."""
        result = _child(
            "import sys, io, contextlib\n"
            "import mou_tracker, mou_tracker.cli\n"
            "mou_tracker.load()\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    mou_tracker.cli.main(['--as-of', '2026-01-01'])\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'hypothesis'))\n"
        )
        assert "[]" == result.stdout.strip(), result.stderr

    def test_strategies_without_hypothesis_say_how_to_install_it(self) -> None:
        """Without hypothesis, importing the strategies fails with a message that says what to install."""
        result = _child(
            "import sys\n"
            "sys.modules['hypothesis'] = None\n"
            "try:\n"
            "    import mou_tracker.strategies\n"
            "except ImportError as exc:\n"
            "    print(exc)\n"
        )
        assert "" == result.stderr
        assert "mou_tracker.strategies needs hypothesis" in result.stdout
        assert "pip install hypothesis" in result.stdout


PUBLIC_STRATEGIES = [
    name for name in mts.__all__ if inspect.isfunction(getattr(mts, name)) and not name.startswith("_")
]


class TestPublicFace:
    @pytest.mark.parametrize("name", PUBLIC_STRATEGIES)
    def test_arguments_are_keyword_only(self, name: str) -> None:
        """Every argument is keyword-only, except the values that claimed() is built from."""
        parameters = inspect.signature(getattr(mts, name)).parameters.values()
        positional = [p.name for p in parameters if p.kind is not inspect.Parameter.KEYWORD_ONLY]
        assert (["values"] if name == "claimed" else []) == positional

    @pytest.mark.parametrize("name", PUBLIC_STRATEGIES)
    def test_returns_a_typed_search_strategy(self, name: str) -> None:
        """Every strategy function is documented and annotated as returning SearchStrategy[T]."""
        function = getattr(mts, name)
        returned = typing.get_type_hints(function)["return"]
        assert st.SearchStrategy is typing.get_origin(returned)
        assert function.__doc__

    def test_every_public_name_is_documented(self) -> None:
        """Every function and class the module exports has a docstring of its own."""
        defined = [
            getattr(mts, n)
            for n in mts.__all__
            if inspect.isfunction(getattr(mts, n)) or inspect.isclass(getattr(mts, n))
        ]
        assert [] == [d.__name__ for d in defined if not (d.__doc__ or "").strip()]


# -- registration ---------------------------------------------------------------


class TestRegistration:
    def test_the_plugin_entry_point_is_installed(self) -> None:
        """The installed package declares the hook in hypothesis's entry point group."""
        hooks = [e.value for e in importlib.metadata.entry_points(group="hypothesis")]
        assert "mou_tracker._hypothesis:_hypothesis_setup_hook" in hooks

    @pytest.mark.parametrize("cls", list(STRATEGIES), ids=lambda c: c.__name__)
    @per_dataset
    @given(data=st.data())
    def test_from_type_gives_the_type(self, cls: type[Any], data: st.DataObject) -> None:
        """st.from_type gives an instance of each model type, without importing anything first."""
        assert isinstance(data.draw(st.from_type(cls)), cls)

    @per_dataset
    @given(st.from_type(Agreement))
    def test_from_type_gives_valid_agreements(self, agreement: Agreement) -> None:
        """An agreement from st.from_type is valid once the records it names exist."""
        ds = _around(agreement, "agreements")
        assert [] == check(ds)
        assert ds == loading.loads(loading.dumps(ds))

    @per_dataset
    @given(st.from_type(Dataset))
    def test_from_type_gives_valid_datasets(self, ds: Dataset) -> None:
        """A dataset from st.from_type passes validation as it is."""
        assert [] == check(ds)

    def test_builds_fills_annotated_arguments(self) -> None:
        """st.builds fills an argument annotated with a model type from the registered strategy."""

        def summary(agreement: Agreement, ds: Dataset) -> tuple[str, int]:
            return agreement.id, len(ds.agreements)

        @per_dataset
        @given(st.builds(summary))
        def check_summary(result: tuple[str, int]) -> None:
            assert isinstance(result[0], str)

        check_summary()


# -- valid records --------------------------------------------------------------


RECORDS: list[tuple[str, st.SearchStrategy[Any]]] = [
    ("sources", mts.sources()),
    ("signatories", mts.signatories()),
    ("people", mts.people()),
    ("areas", mts.areas(parents=["a", "b", "no"])),
    ("agreements", mts.agreements()),
]


class TestValidRecords:
    @pytest.mark.parametrize(("collection", "strategy"), RECORDS, ids=[c for c, _ in RECORDS])
    @per_dataset
    @given(data=st.data())
    def test_each_record_is_valid_among_what_it_names(
        self, collection: str, strategy: st.SearchStrategy[Any], data: st.DataObject
    ) -> None:
        """A record drawn on its own is valid in a dataset holding it and what it refers to."""
        record = data.draw(strategy)
        assert [] == check(_around(record, collection))

    @given(mts.references(), st.data())
    def test_given_references_are_the_only_ones_named(self, refs: mts.References, data: st.DataObject) -> None:
        """With references, an agreement names only those ids."""
        agreement = data.draw(mts.agreements(references=refs))
        for collection, named in _referenced(agreement, "agreements").items():
            assert named <= set(getattr(refs, collection))

    @per_dataset
    @given(mts.datasets())
    def test_datasets_round_trip_through_json(self, ds: Dataset) -> None:
        """A dataset as JSON text and back is equal to the original."""
        text = json.dumps(loading.unstructure(ds), ensure_ascii=False)
        assert ds == loading.structure(json.loads(text))


# -- arguments ------------------------------------------------------------------

LO, HI = dt.date(2000, 3, 15), dt.date(2001, 2, 10)


class TestArguments:
    @per_dataset
    @given(mts.datasets(min_day=LO, max_day=HI, max_agreements=2))
    def test_date_bounds_hold_for_every_date(self, ds: Dataset) -> None:
        """Every dated end of every date in the dataset lies between min_day and max_day."""
        for record in (*ds.sources, *ds.signatories, *ds.agreements):
            for date in _dates(record):
                assert _within(date, LO, HI), date

    @given(mts.partial_dates(precisions=[Precision.MONTH], min_day=LO, max_day=HI))
    def test_precisions_and_bounds(self, date: PartialDate) -> None:
        """A partial date has the precision asked for, and every day of it is within the bounds."""
        assert Precision.MONTH is date.precision
        assert LO <= date.earliest and date.latest <= HI

    @given(mts.date_intervals(open_ends=False, not_before=LO))
    def test_closed_intervals_not_before(self, interval: DateInterval) -> None:
        """open_ends=False gives two dated ends; not_before keeps the interval from ending before it."""
        assert isinstance(interval.start, PartialDate)
        assert isinstance(interval.end, PartialDate)
        assert interval.latest is not None
        assert interval.latest >= LO

    @per_dataset
    @given(mts.datasets(min_agreements=2, max_agreements=2, kinds=[AgreementKind.MOU, AgreementKind.TREATY]))
    def test_kinds_and_sizes(self, ds: Dataset) -> None:
        """The number of agreements is within the sizes asked for, and every kind is one of kinds."""
        assert 2 == len(ds.agreements)
        assert {a.kind for a in ds.agreements} <= {AgreementKind.MOU, AgreementKind.TREATY}

    @per_dataset
    @given(mts.datasets(statuses=[Status.PROPOSED, Status.NEGOTIATING, Status.ABANDONED], min_agreements=1))
    def test_statuses_limit_every_claim(self, ds: Dataset) -> None:
        """Every status any event claims, preferred or not, is one of statuses."""
        allowed = {Status.PROPOSED, Status.NEGOTIATING, Status.ABANDONED}
        for agreement in ds.agreements:
            for event in agreement.history:
                assert {c.value for c in event.status.claims} <= allowed

    @per_dataset
    @given(mts.datasets(countries=["VN", "SG"]))
    def test_countries(self, ds: Dataset) -> None:
        """Every signatory's country is one of countries."""
        assert {s.country for s in ds.signatories} <= {"VN", "SG"}

    @given(mts.status_histories(running=True, max_size=3))
    def test_running_histories_end_signed_or_in_effect(self, history: tuple[Any, ...]) -> None:
        """A running history has an event, and its last status is signed or in effect."""
        assert 1 <= len(history) <= 3
        assert history[-1].status.value in (Status.SIGNED, Status.IN_EFFECT)

    @given(mts.signatories(id="vn", kinds=[SignatoryKind.STATE], parents=["vn", "sg"], successors=["vn", "sg"]))
    def test_fixed_id_and_kind(self, body: Signatory) -> None:
        """id fixes the id; kinds limits the kind; a body is never its own parent or successor."""
        assert ("vn", SignatoryKind.STATE) == (body.id, body.kind)
        assert body.parent in (None, "sg")
        assert {c.successor for c in body.history} <= {None, "sg"}

    @pytest.mark.parametrize(
        ("build", "message"),
        [
            (lambda: mts.datasets(min_day=HI, max_day=LO), "is after max_day"),
            (lambda: mts.partial_dates(min_day=dt.datetime(2000, 1, 1)), "must be a datetime.date"),
            (lambda: mts.agreements(statuses=[]), "at least one Status"),
            (lambda: mts.agreements(kinds=["mou"]), "must hold AgreementKind members"),
            (lambda: mts.datasets(countries=["XX"]), "ISO 3166-1 alpha-2"),
            (lambda: mts.partial_dates(precisions=[Precision.INTERVAL]), "use date_intervals"),
            (lambda: mts.status_histories(running=True, statuses=[Status.PROPOSED]), "needs SIGNED or IN_EFFECT"),
            (lambda: mts.datasets(min_agreements=3, max_agreements=1), "min_size <= max_size"),
            (lambda: mts.any_dates(max_day=LO, not_before=HI), "is after max_day"),
            (lambda: mts.broken_datasets(max_agreements=0), "at least one agreement"),
            (lambda: mts.agreements(max_events=-1), "must not be negative"),
        ],
    )
    def test_bad_arguments_are_refused_at_once(self, build: Any, message: str) -> None:
        """A bad argument raises InvalidArgument when the strategy is built, saying what is wrong."""
        with pytest.raises(InvalidArgument, match=message):
            build()


# -- broken data ----------------------------------------------------------------


class TestBrokenDatasets:
    @pytest.mark.parametrize("kind", list(mts.DefectKind), ids=lambda k: k.name.lower())
    @per_dataset
    @given(data=st.data())
    def test_every_injected_defect_is_reported_at_its_path(self, kind: mts.DefectKind, data: st.DataObject) -> None:
        """Loading the text reports a problem at exactly the defect's path, with a line number."""
        broken = data.draw(mts.broken_datasets(defects=[kind]))
        assert kind is broken.defect.kind
        with pytest.raises(DataError) as caught:
            mou_tracker.loads(broken.text, filename="broken.yaml")
        at_path = [p for p in caught.value.problems if p.path == broken.defect.path]
        assert at_path, f"{broken.defect} not among:\n{caught.value}"
        assert all(p.line is not None and p.line >= 1 for p in at_path)

    @per_dataset
    @given(mts.broken_datasets())
    def test_data_and_text_hold_the_same_defect(self, broken: mts.Broken) -> None:
        """Building from the plain data finds the same problems as loading the text."""
        with pytest.raises(DataError) as from_text:
            mou_tracker.loads(broken.text)
        with pytest.raises(DataError) as from_data:
            loading.structure(broken.data)
        assert [p.path for p in from_text.value.problems] == [p.path for p in from_data.value.problems]

    @per_dataset
    @given(mts.broken_datasets(defects=[mts.DefectKind.DUPLICATE_ID, mts.DefectKind.DANGLING_REFERENCE]))
    def test_reference_defects_come_alone(self, broken: mts.Broken) -> None:
        """A duplicate id or a dangling reference is the only problem of its dataset."""
        with pytest.raises(DataError) as caught:
            mou_tracker.loads(broken.text)
        assert [broken.defect.path] == [p.path for p in caught.value.problems]

    def test_a_defect_says_what_and_where(self) -> None:
        """A defect reads as its kind, its path and what is wrong."""
        defect = mts.Defect(mts.DefectKind.DUPLICATE_ID, ("agreements", 2, "id"), "'a' is already the id of x")
        assert "duplicate id at $.agreements[2].id: 'a' is already the id of x" == str(defect)


# -- multilateral instruments ------------------------------------------------------


def _found(strategy: st.SearchStrategy[Any], condition: Any) -> Any:
    from hypothesis import Phase, find, settings

    # Found, not shrunk: the first example drawn that holds is enough.
    return find(strategy, condition, settings=settings(max_examples=500, database=None, phases=[Phase.generate]))


class TestMultilateral:
    @per_dataset
    @given(mts.datasets(min_agreements=1, multilateral=True))
    def test_multilateral_datasets_are_valid(self, ds: Dataset) -> None:
        """multilateral=True: every agreement that has a party is multilateral, and the whole is valid."""
        assert all(a.multilateral == bool(a.parties) for a in ds.agreements)
        assert all(action.party in a.parties for a in ds.agreements for action in a.actions)
        assert [] == check(ds)

    @per_dataset
    @given(mts.datasets(multilateral=False))
    def test_bilateral_datasets_have_no_actions(self, ds: Dataset) -> None:
        """multilateral=False: no agreement is multilateral, and none has actions."""
        assert not any(a.multilateral or a.actions for a in ds.agreements)

    @given(mts.entries_into_force())
    def test_entries_into_force_are_valid_clauses(self, clause: EntryIntoForce) -> None:
        """A clause's numbers are never negative, and never give days and months of the same period."""
        assert all(n is None or n >= 0 for n in (clause.days, clause.months, clause.later_days, clause.later_months))
        assert clause.instruments is None or clause.instruments >= 1
        assert clause.days is None or clause.months is None
        assert clause.later_days is None or clause.later_months is None

    @pytest.mark.parametrize(
        "shape",
        ["a disputed date", "a partial date", "an interval", "a consent without signature", "a withdrawal in effect"],
    )
    def test_the_actions_drawn_include(self, shape: str) -> None:
        """Among the actions drawn are disputed dates, partial dates, intervals and every step of a party's order."""
        wanted = {
            "a disputed date": lambda a: len(a.date.claims) > 1,
            "a partial date": lambda a: (
                isinstance(a.date.value, PartialDate) and a.date.value.precision is not Precision.DAY
            ),
            "an interval": lambda a: isinstance(a.date.value, DateInterval),
            "a consent without signature": lambda a: a.action is ActionKind.ACCESSION,
            "a withdrawal in effect": lambda a: a.action is ActionKind.WITHDRAWAL_EFFECTIVE,
        }[shape]
        agreement = _found(
            mts.agreements(references=mts.References(sources=("s", "t"), signatories=("p", "q")), multilateral=True),
            lambda a: any(wanted(action) for action in a.actions),
        )
        assert agreement.multilateral
