"""The domain model: lifecycle, claims, derived status, lookups."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import mou_tracker
from mou_tracker import (
    TRANSITIONS,
    Agreement,
    AgreementKind,
    Claim,
    Claimed,
    Dataset,
    PartialDate,
    Relation,
    RelationType,
    Signatory,
    SignatoryKind,
    Status,
    StatusEvent,
    Term,
    UnknownId,
    parse_date,
)


def event(date: str, status: Status) -> StatusEvent:
    return StatusEvent(Claimed.of(parse_date(date)), Claimed.of(status), sources=("s",))


def agreement(ident: str, *events: StatusEvent, **fields: object) -> Agreement:
    return Agreement(ident, Claimed.of(ident.upper()), AgreementKind.MOU, ("s",), history=events, **fields)  # type: ignore[arg-type]


class TestLifecycle:
    def test_every_status_has_transitions(self) -> None:
        """The transition table covers every status."""
        assert set(Status) == set(TRANSITIONS)

    @pytest.mark.parametrize("status", list(Status))
    def test_a_status_may_follow_itself(self, status: Status) -> None:
        """A later report may confirm the same status."""
        assert status.can_become(status)

    def test_final_statuses(self) -> None:
        """Completed, expired, terminated, superseded and abandoned are final."""
        final = {s for s in Status if s.is_final}
        assert {Status.COMPLETED, Status.EXPIRED, Status.TERMINATED, Status.SUPERSEDED, Status.ABANDONED} == final

    @pytest.mark.parametrize(
        ("before", "after", "allowed"),
        [
            (Status.PROPOSED, Status.SIGNED, True),
            (Status.SIGNED, Status.IN_EFFECT, True),
            (Status.IN_EFFECT, Status.SIGNED, False),
            (Status.SIGNED, Status.NEGOTIATING, False),
            (Status.NEGOTIATING, Status.EXPIRED, False),
            (Status.NEGOTIATING, Status.ABANDONED, True),
            (Status.SIGNED, Status.ABANDONED, False),
        ],
    )
    def test_transitions(self, before: Status, after: Status, allowed: bool) -> None:
        """Forward steps are allowed, backward steps are not."""
        assert allowed == before.can_become(after)

    def test_labels(self) -> None:
        """Statuses and kinds read as words."""
        assert "in effect" == Status.IN_EFFECT.label
        assert "MoU" == AgreementKind.MOU.label
        assert "follows up" == RelationType.FOLLOWS_UP.label


class TestClaimed:
    def test_single_claim(self) -> None:
        """An undisputed value needs no preferred mark."""
        claimed = Claimed.of("x")
        assert ("x", False) == (claimed.value, claimed.disputed)

    def test_preferred_claim_wins(self) -> None:
        """With several claims, the preferred one gives the value."""
        claimed = Claimed((Claim("a", ("s1",)), Claim("b", ("s2",), preferred=True)))
        assert ("b", True, ("s1", "s2")) == (claimed.value, claimed.disputed, claimed.sources)

    @pytest.mark.parametrize(
        "claims",
        [
            (),
            (Claim("a"), Claim("b")),
            (Claim("a", preferred=True), Claim("b", preferred=True)),
            (Claim("a", preferred=True),),
        ],
    )
    def test_invalid_claims(self, claims: tuple[Claim[str], ...]) -> None:
        """No claims, no preferred claim among several, or two preferred: refused."""
        with pytest.raises(ValueError, match="claim"):
            Claimed(claims)


class TestStatusOn:
    def test_before_first_event_is_none(self) -> None:
        """Before anything is recorded, the status is None, certainly."""
        ds = Dataset(agreements=(agreement("a", event("2020", Status.SIGNED)),))
        assert mou_tracker.StatusReading(None, True) == ds.status_on("a", dt.date(2019, 12, 31))

    def test_possible_then_certain(self) -> None:
        """An event dated to a month is possible during the month and certain after."""
        history = (event("2020-01-15", Status.SIGNED), event("2020-06", Status.IN_EFFECT))
        ds = Dataset(agreements=(agreement("a", *history),))
        assert (Status.IN_EFFECT, False, (Status.SIGNED,)) == tuple(
            getattr(ds.status_on("a", dt.date(2020, 6, 10)), f) for f in ("status", "certain", "otherwise")
        )
        assert Status.IN_EFFECT == ds.status_on("a", dt.date(2020, 7, 1)).status

    def test_supersession_with_uncertain_date(self) -> None:
        """An instrument superseded by one that took effect in a month is possibly superseded in that month."""
        old = agreement("old", event("2010", Status.IN_EFFECT))
        new = agreement(
            "new",
            event("2020-03", Status.IN_EFFECT),
            relations=(Relation(RelationType.SUPERSEDES, "old", ("s",)),),
        )
        ds = Dataset(agreements=(old, new))
        reading = ds.status_on("old", dt.date(2020, 3, 10))
        assert (Status.SUPERSEDED, False, (Status.IN_EFFECT,)) == (reading.status, reading.certain, reading.otherwise)
        assert mou_tracker.StatusReading(Status.SUPERSEDED, True) == ds.status_on("old", dt.date(2020, 4, 1))

    def test_final_history_is_not_overridden(self) -> None:
        """A terminated instrument does not later expire or become superseded."""
        a = agreement(
            "a",
            event("2010", Status.SIGNED),
            event("2012", Status.TERMINATED),
            term=Term(("s",), start=parse_date("2010"), end=parse_date("2015")),
        )
        ds = Dataset(agreements=(a,))
        assert Status.TERMINATED == ds.status_on("a", dt.date(2020, 1, 1)).status

    def test_term_end_as_a_range(self) -> None:
        """A term that ends some time in a range expires possibly within it, certainly after it."""
        a = agreement(
            "a",
            event("2010", Status.IN_EFFECT),
            term=Term(("s",), start=parse_date("2010"), end=parse_date("2020-01/2020-06")),
        )
        ds = Dataset(agreements=(a,))
        assert (Status.EXPIRED, False) == (
            ds.status_on("a", dt.date(2020, 3, 1)).status,
            ds.status_on("a", dt.date(2020, 3, 1)).certain,
        )
        assert mou_tracker.StatusReading(Status.EXPIRED, True) == ds.status_on("a", dt.date(2020, 7, 1))

    def test_datetime_is_refused(self) -> None:
        """A naive datetime is not a day."""
        ds = Dataset(agreements=(agreement("a", event("2020", Status.SIGNED)),))
        with pytest.raises(TypeError, match="datetime"):
            ds.status_on("a", dt.datetime(2020, 1, 1))


class TestLookup:
    def test_unknown_id_suggests(self) -> None:
        """An unknown id names the closest ids, and is a KeyError and a MouTrackerError."""
        ds = mou_tracker.load()
        with pytest.raises(UnknownId) as caught:
            ds["itz"]
        assert "no agreement with id 'itz'; did you mean 'itx'?" == str(caught.value)
        assert isinstance(caught.value, KeyError)
        assert isinstance(caught.value, mou_tracker.MouTrackerError)

    def test_lookups_by_kind(self) -> None:
        """Signatories, people, areas and sources are found by id."""
        ds = mou_tracker.load()
        assert "Tô Lâm" == ds.person("to-lam").name
        assert "innovation" == ds.area("talent").parent
        assert "VN" == ds.signatory("vn-mae").country
        assert "vi" == ds.source("csp-2025-03-12-vi").language
        assert "itx" in ds
        assert len(ds) == len(list(ds))

    def test_records_are_hashable_and_frozen(self) -> None:
        """Records can go in sets and cannot be changed."""
        body = Signatory("x", "X", SignatoryKind.STATE, names={"vi": "Ích"})
        assert {body} == {Signatory("x", "X", SignatoryKind.STATE, names={"vi": "Ích"})}
        with pytest.raises(AttributeError):
            body.name = "Y"  # type: ignore[misc]
        with pytest.raises(TypeError):
            body.names["vi"] = "Z"  # type: ignore[index]

    def test_signed_is_the_first_signing(self) -> None:
        """`signed` is the date of the first event recording a signature."""
        a = agreement("a", event("2019", Status.NEGOTIATING), event("2020-05-05", Status.SIGNED))
        assert PartialDate(2020, 5, 5) == a.signed
        assert agreement("b", event("2019", Status.PROPOSED)).signed is None


class TestPublicFace:
    def test_all_names_resolve(self) -> None:
        """Every name in __all__ can be imported from mou_tracker."""
        for name in mou_tracker.__all__:
            assert getattr(mou_tracker, name) is not None

    def test_unknown_attribute(self) -> None:
        """An unknown attribute is an AttributeError."""
        with pytest.raises(AttributeError):
            mou_tracker.nope  # noqa: B018

    def test_dir_is_the_public_api(self) -> None:
        """dir(mou_tracker) lists the names of __all__ and nothing else: no TYPE_CHECKING, importlib or tables."""
        assert sorted(mou_tracker.__all__) == dir(mou_tracker)

    def test_help_shows_no_internals(self) -> None:
        """help(mou_tracker) names none of the names the package uses only to define its own."""
        import pydoc

        text = pydoc.render_doc(mou_tracker, renderer=pydoc.plaintext)
        assert [] == [name for name in ("TYPE_CHECKING", "importlib", "_HOMES", "_MODULE_OF") if name in text]
        assert not hasattr(mou_tracker, "TYPE_CHECKING")
        assert "load" in text

    def test_agreement_repr_is_the_whole_record(self) -> None:
        """An agreement's repr is still attrs' full record, for debugging; a notebook shows it as a table."""
        itx = mou_tracker.load()["itx"]
        assert repr(itx).startswith("Agreement(id='itx', title=Claimed(claims=(Claim(value='Memorandum of ")
        html = itx._repr_html_()
        assert html.startswith("<table>\n<caption>Agreement itx: Memorandum of Understanding on the Innovation ")
        assert "<tr><td>short name</td><td>ITX</td></tr>" in html
        assert "<tr><td>event</td><td>2023-08-28 signed (report-2023-08-28)</td></tr>" in html

    def test_agreement_html_escaped(self) -> None:
        """Markup in an agreement's title shows as text in the notebook's table."""
        plain = agreement("odd", event("2020", Status.SIGNED))
        odd = attrs.evolve(plain, title=Claimed.of("<script>alert('x')</script> & co"))
        html = odd._repr_html_()
        assert "<script>" not in html
        assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co" in html


class TestLifecycleDocument:
    def test_transition_table_matches_the_code(self) -> None:
        """docs/lifecycle.md lists exactly the transitions TRANSITIONS allows."""
        import re
        from pathlib import Path

        page = (Path(__file__).resolve().parent.parent / "docs" / "lifecycle.md").read_text(encoding="utf-8")
        table = page.split("## Which status may follow which", 1)[1].split("\n\n")[2]
        documented: dict[Status, frozenset[Status]] = {}
        for row in table.splitlines()[2:]:
            after, may_come = (cell.strip() for cell in row.strip("|").split("|"))
            for status in re.findall(r"`(\w+)`", after):
                follows = re.findall(r"`(\w+)`", may_come) or [status]  # "only itself"
                documented[Status(status)] = frozenset(Status(s) for s in follows)
        assert dict(TRANSITIONS) == documented
