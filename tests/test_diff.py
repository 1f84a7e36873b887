"""The semantic diff: each kind of change on the bundled data, and its laws over generated datasets."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mou_tracker
from mou_tracker import Claim, Claimed, Dataset, Diff, Difference, DiffKind, diff, parse_date
from mou_tracker.diffing import COLLECTIONS
from mou_tracker.patching import apply, renamed
from mou_tracker.strategies import datasets

BUNDLED = mou_tracker.load()


def edited(dataset: Dataset, collection: str, ident: str, **fields: Any) -> Dataset:
    """``dataset`` with the fields of one record replaced."""
    records = tuple(attrs.evolve(r, **fields) if r.id == ident else r for r in getattr(dataset, collection))
    return attrs.evolve(dataset, **{collection: records})


def agreement_edited(ident: str, **fields: Any) -> Dataset:
    return edited(BUNDLED, "agreements", ident, **fields)


def summary(changes: Diff) -> list[tuple[str, str, str, str, bool]]:
    """Each change as (kind, record, field, the new value as text, destructive)."""
    return [(d.kind.value, d.record, d.field, str(d.new), d.destructive) for d in changes]


def canonical(value: Any) -> Any:
    """``value`` with the order of every list, and of the records of a dataset, left out."""
    if isinstance(value, Dataset):
        return {name: canonical(getattr(value, name)) for name in COLLECTIONS}
    if isinstance(value, tuple):
        return sorted((canonical(item) for item in value), key=repr)
    if isinstance(value, Claimed):
        return (canonical(value.claims), value.value)
    if isinstance(value, dict) or hasattr(value, "keys"):
        return sorted(value.items())
    if attrs.has(type(value)) and not hasattr(value, "earliest"):
        return (type(value).__name__, [(f.name, canonical(getattr(value, f.name))) for f in attrs.fields(type(value))])
    return value


class TestRecords:
    def test_the_same_dataset_has_no_changes(self) -> None:
        """A dataset compared with itself gives an empty diff."""
        assert [] == list(diff(BUNDLED, BUNDLED))

    def test_agreement_added_and_removed(self) -> None:
        """An agreement dropped is removed, destructively; the other way it is added."""
        fewer = attrs.evolve(BUNDLED, agreements=tuple(a for a in BUNDLED.agreements if a.id != "itx"))
        assert [("removed", "itx", "", "None", True)] == summary(diff(BUNDLED, fewer))
        assert [("added", "itx", "", False)] == [
            (d.kind.value, d.record, d.field, d.destructive) for d in diff(fewer, BUNDLED)
        ]

    def test_rename_is_one_change(self) -> None:
        """A record given a new id, with every reference to it, is a rename, not a removal and an addition."""
        new = renamed(BUNDLED, "sources", "report-2023-08-28", "report-visit-2023")
        assert [("renamed", "report-2023-08-28", "id", "report-visit-2023", False)] == summary(diff(BUNDLED, new))

    def test_renamed_and_changed_is_not_a_rename(self) -> None:
        """A record given a new id and changed otherwise is removed and added: the rename is not guessed."""
        new = edited(renamed(BUNDLED, "areas", "talent", "talents"), "areas", "talents", name="Talents")
        assert [("removed", "talent"), ("added", "talents")] == [
            (d.kind.value, d.record) for d in diff(BUNDLED, new) if d.collection == "areas"
        ]

    def test_other_collections(self) -> None:
        """A signatory's, a person's, an area's and a source's fields are compared as an agreement's are."""
        new = edited(BUNDLED, "signatories", "sg", name="Republic of Singapore")
        new = edited(new, "sources", "report-2023-08-28", published=parse_date("2023-08-28"))
        assert [
            ("changed", "sg", "name", "Republic of Singapore", False),
            ("date_refined", "report-2023-08-28", "published", "2023-08-28", False),
        ] == summary(diff(BUNDLED, new))


class TestDates:
    def test_more_precise(self) -> None:
        """A date within the old one is made more precise, which destroys nothing."""
        old = agreement_edited(
            "itx", history=(attrs.evolve(BUNDLED["itx"].history[0], date=Claimed.of(parse_date("2023-08"))),)
        )
        assert [("date_refined", "itx", "history[0].date", "2023-08-28", False)] == summary(diff(old, BUNDLED))

    def test_contradicted(self) -> None:
        """A date outside the old one contradicts it, destructively."""
        event = attrs.evolve(BUNDLED["itx"].history[0], date=Claimed.of(parse_date("2023-09-02")))
        new = agreement_edited("itx", history=(event,))
        assert [("date_contradicted", "itx", "history[0].date", "2023-09-02", True)] == summary(diff(BUNDLED, new))

    def test_less_precise(self) -> None:
        """A date the new one only contains is made less precise, destructively: the day is lost."""
        event = attrs.evolve(BUNDLED["itx"].history[0], date=Claimed.of(parse_date("2023")))
        new = agreement_edited("itx", history=(event,))
        assert [("date_widened", "itx", "history[0].date", "2023", True)] == summary(diff(BUNDLED, new))

    def test_same_days_written_otherwise(self) -> None:
        """A date that allows the very same days, written otherwise, is changed, not refined."""
        event = attrs.evolve(BUNDLED["itx"].history[0], date=Claimed.of(parse_date("2023-08-28/2023-08-28")))
        new = agreement_edited("itx", history=(event,))
        assert [("changed", "itx", "history[0].date", "2023-08-28/2023-08-28", False)] == summary(diff(BUNDLED, new))


class TestItems:
    def test_event_added_and_removed(self) -> None:
        """A status event added is an item added; one removed, with its sources, is destructive."""
        itx = BUNDLED["itx"]
        event = mou_tracker.StatusEvent(
            Claimed.of(parse_date("2025-03")), Claimed.of(mou_tracker.Status.IN_EFFECT), ("vna-2025-03-25",)
        )
        new = agreement_edited("itx", history=(*itx.history, event))
        assert [("added", "itx", "history[1]", False)] == [
            (d.kind.value, d.record, d.field, d.destructive) for d in diff(BUNDLED, new)
        ]
        assert [("removed", "itx", "history[1]", True)] == [
            (d.kind.value, d.record, d.field, d.destructive) for d in diff(new, BUNDLED)
        ]

    def test_source_dropped(self) -> None:
        """A source no longer cited is a destructive removal."""
        itx = BUNDLED["itx"]
        new = agreement_edited("itx", sources=itx.sources[:2])
        assert [("removed", "itx", "sources[2]", "None", True)] == summary(diff(BUNDLED, new))

    def test_plain_value_removed(self) -> None:
        """An alias removed takes no source's fact away: not destructive."""
        new = agreement_edited("itx", aliases=BUNDLED["itx"].aliases[:1])
        assert [("removed", "itx", "aliases[1]", "None", False)] == summary(diff(BUNDLED, new))

    def test_name_in_another_language(self) -> None:
        """A title in another language changed is changed at its language."""
        new = agreement_edited("itx", titles={"vi": "Bản ghi nhớ"})
        assert [("changed", "itx", "titles.vi", "Bản ghi nhớ", False)] == summary(diff(BUNDLED, new))

    def test_relation_changed_and_retargeted(self) -> None:
        """A relation's note changed is a change of it; a relation to another instrument is another relation."""
        ident = next(a.id for a in BUNDLED if a.relations)
        relation, *rest = BUNDLED[ident].relations
        noted = agreement_edited(ident, relations=(attrs.evolve(relation, note="Amended twice."), *rest))
        assert [("changed", ident, "relations[0].note", "Amended twice.", False)] == summary(diff(BUNDLED, noted))
        other = next(a.id for a in BUNDLED if a.id not in (ident, relation.target))
        moved = agreement_edited(ident, relations=(attrs.evolve(relation, target=other), *rest))
        assert [("removed", "relations[0]", True), ("added", "relations[0]", False)] == [
            (d.kind.value, d.field, d.destructive) for d in diff(BUNDLED, moved)
        ]

    def test_term_added(self) -> None:
        """A term added where there was none is added whole."""
        term = mou_tracker.Term(("vna-2025-03-25",), end=parse_date("2030"))
        assert ["added"] == [d.kind.value for d in diff(BUNDLED, agreement_edited("itx", term=term))]


class TestParts:
    def test_action_date_and_action_removed(self) -> None:
        """A party's action whose date is made more precise is one change; an action removed is destructive."""
        atiga = BUNDLED["atiga"]
        first, *rest = atiga.actions
        refined = attrs.evolve(first, date=Claimed.of(parse_date("2010-05-17"), sources=first.date.sources))
        new = agreement_edited("atiga", actions=(refined, *rest))
        assert [("date_refined", "atiga", "actions[0].date", "2010-05-17", False)] == summary(diff(BUNDLED, new))
        fewer = agreement_edited("atiga", actions=tuple(rest))
        assert [("removed", "actions[0]", True)] == [
            (d.kind.value, d.field, d.destructive) for d in diff(BUNDLED, fewer)
        ]

    def test_target_and_term(self) -> None:
        """A target's due date contradicted and a term's end made less precise are destructive changes."""
        target, *others = BUNDLED["party-dialogue-mou"].targets
        new = agreement_edited("party-dialogue-mou", targets=(attrs.evolve(target, due=parse_date("2027")), *others))
        term = BUNDLED["research-programmes"].term
        assert term is not None
        new = edited(new, "agreements", "research-programmes", term=attrs.evolve(term, end=parse_date("2026/2027")))
        assert {
            ("date_contradicted", "party-dialogue-mou", "targets[0].due", "2027", True),
            ("date_widened", "research-programmes", "term.end", "2026/2027", True),
        } == set(summary(diff(BUNDLED, new)))

    def test_people_and_areas(self) -> None:
        """A person removed is destructive; an area added is not."""
        area = mou_tracker.Area("space", "Space")
        people = tuple(p for p in BUNDLED.people if p.id != "to-lam")
        person_cited = any(p.person == "to-lam" for a in BUNDLED for p in (*a.signed_by, *a.witnesses))
        new = attrs.evolve(BUNDLED, people=people, areas=(*BUNDLED.areas, area))
        assert [("removed", "people", "to-lam", True), ("added", "areas", "space", False)] == [
            (d.kind.value, d.collection, d.record, d.destructive) for d in diff(BUNDLED, new)
        ]
        assert person_cited  # the diff compares records, whether or not what cites them still resolves

    def test_disputed_claim_made_more_precise(self) -> None:
        """A claim of a disputed date made more precise is a change of that claim's value."""
        event = BUNDLED["itx"].history[0]
        claims = (Claim(parse_date("2023-08"), ("report-2023-08-28",), preferred=True), Claim(parse_date("2023"), ()))
        old = agreement_edited("itx", history=(attrs.evolve(event, date=Claimed(claims)),))
        refined = (attrs.evolve(claims[0], value=parse_date("2023-08-28")), claims[1])
        new = agreement_edited("itx", history=(attrs.evolve(event, date=Claimed(refined)),))
        assert [("date_refined", "itx", "history[0].date.claims[0].value", "2023-08-28", False)] == summary(
            diff(old, new)
        )


class TestClaims:
    def test_preferred_claim_changed(self) -> None:
        """Another claim preferred is one change, from the old preferred value to the new."""
        gedep = BUNDLED["gedep"]
        first, second = gedep.title.claims
        swapped = Claimed((attrs.evolve(first, preferred=False), attrs.evolve(second, preferred=True)))
        new = agreement_edited("gedep", title=swapped)
        assert [("preferred_changed", "gedep", "title", second.value, False)] == summary(diff(BUNDLED, new))

    def test_claim_added_and_removed(self) -> None:
        """A claim added to an undisputed value is added; removed, it is destructive."""
        title = BUNDLED["itx"].title
        disputed = Claimed((attrs.evolve(title.claims[0], preferred=True), Claim("ITX MoU", ("vna-2025-03-25",))))
        new = agreement_edited("itx", title=disputed)
        assert [("added", "itx", "title.claims[1]", False)] == [
            (d.kind.value, d.record, d.field, d.destructive) for d in diff(BUNDLED, new)
        ]
        assert [("removed", "itx", "title.claims[1]", True)] == [
            (d.kind.value, d.record, d.field, d.destructive) for d in diff(new, BUNDLED)
        ]


def _mixed(draw: st.DrawFn, old: Any, other: Any) -> Any:
    """A record of ``old``'s id with each field taken from ``old`` or ``other``."""
    if type(old) is not type(other):
        return old
    fields = {f.name: getattr(other, f.name) for f in attrs.fields(type(old)) if f.name != "id" and draw(st.booleans())}
    return attrs.evolve(old, **fields)


@st.composite
def pairs(draw: st.DrawFn) -> tuple[Dataset, Dataset]:
    """Two datasets: one generated, and the other made from it by edits, renames and records of a third."""
    old, other = draw(datasets()), draw(datasets())
    new = old
    for collection in COLLECTIONS:
        records = []
        for k, record in enumerate(getattr(old, collection)):
            choice = draw(st.sampled_from(["keep", "drop", "mix"]))
            if choice == "mix" and k < len(getattr(other, collection)):
                records.append(_mixed(draw, record, getattr(other, collection)[k]))
            elif choice != "drop":
                records.append(record)
        extra = [r for r in getattr(other, collection) if r.id not in {x.id for x in records} and draw(st.booleans())]
        new = attrs.evolve(new, **{collection: tuple(records + extra)})
        for record in getattr(new, collection):
            if draw(st.integers(0, 4)) == 0 and f"{record.id}-renamed" not in {r.id for r in getattr(new, collection)}:
                new = renamed(new, collection, record.id, f"{record.id}-renamed")
    return old, new


class TestLaws:
    @given(datasets())
    def test_a_dataset_and_itself(self, dataset: Dataset) -> None:
        """diff(A, A) is empty."""
        assert () == diff(dataset, dataset).changes

    @given(pairs())
    def test_empty_exactly_when_equal(self, pair: tuple[Dataset, Dataset]) -> None:
        """diff(A, B) is empty if and only if A and B hold the same records and items."""
        old, new = pair
        assert (canonical(old) == canonical(new)) == (not diff(old, new))

    @given(pairs())
    def test_applying_the_changes_gives_the_new(self, pair: tuple[Dataset, Dataset]) -> None:
        """Applying diff(A, B) to A gives B."""
        old, new = pair
        assert canonical(new) == canonical(apply(old, diff(old, new)))

    @given(pairs())
    def test_the_other_way(self, pair: tuple[Dataset, Dataset]) -> None:
        """Applying diff(B, A) to B gives A: nothing depends on which side is old."""
        old, new = pair
        assert canonical(old) == canonical(apply(new, diff(new, old)))


def test_difference_field() -> None:
    """A path is written as the data format writes it."""
    change = Difference(DiffKind.CHANGED, "agreements", "itx", ("history", 0, "date", "claims", 1), None, None, False)
    assert "history[0].date.claims[1]" == change.field
    with pytest.raises(AttributeError):
        change.kind = DiffKind.ADDED  # type: ignore[misc]
