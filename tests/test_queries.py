"""Queries over the bundled dataset: filters, certainty, search, changes, due, chains."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mou_tracker
from mou_tracker import AgreementKind, RelationType, Status
from mou_tracker import strategies as mts
from mou_tracker.queries import chain, changes, due, fold, status_for
from tests.budget import per_dataset


@pytest.fixture(scope="module")
def data() -> mou_tracker.Dataset:
    return mou_tracker.load()


class TestFold:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("Tô Lâm", "to lam"),
            ("đầu tư", "dau tu"),
            ("ĐẦU  TƯ", "dau tu"),
            ("Việt Nam", "viet nam"),
            ("ITX", "itx"),
            ("Ǿresund Øresund", "oresund oresund"),
            ("Łódź", "lodz"),
        ],
    )
    def test_fold(self, text: str, expected: str) -> None:
        """Folding drops case, diacritics and extra spaces; đ becomes d."""
        assert expected == fold(text)

    @given(st.text(st.characters(codec="utf-8")) | st.text("Tô Lâm đầu tư ĐẦU İǰﬁ²Ǿø\u0301\u0345 \t\n"))
    def test_fold_is_the_plain_definition(self, text: str) -> None:
        """fold (with its ASCII shortcut and learned table) gives exactly its definition, character by character."""
        strokes = {"đ": "d", "Đ": "D", "ð": "d", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O"}
        decomposed = unicodedata.normalize("NFKD", text)
        bare = "".join(strokes.get(c, c) for c in decomposed if not unicodedata.combining(c))
        assert " ".join(bare.casefold().split()) == fold(text)


class TestFilters:
    def test_in_effect_with_singapore_on_1_january_2025(self, data: mou_tracker.Dataset) -> None:
        """Certain and possible matches, each marked."""
        q = data.query().party("SG").status(Status.IN_EFFECT, on=dt.date(2025, 1, 1))
        assert [
            ("diplomatic-relations", True),
            ("strategic-partnership", True),
            ("gedep", True),
            ("cfa", False),
            ("annual-leaders-meeting", True),
            ("atiga", True),
            ("cptpp", True),
            ("rcep", True),
            ("unclos", True),
            ("doc", True),
            ("paris-agreement", True),
        ] == [(m.agreement.id, m.certain) for m in q]

    def test_certain_only(self, data: mou_tracker.Dataset) -> None:
        """certain_only drops the possible matches."""
        q = data.query().status(Status.IN_EFFECT, on=dt.date(2025, 1, 1), certain_only=True)
        assert [
            "diplomatic-relations", "strategic-partnership", "gedep", "annual-leaders-meeting",
            "atiga", "cptpp", "rcep", "unclos", "doc", "paris-agreement",
        ] == q.ids()  # fmt: skip

    def test_signed_on_28_august_2023(self, data: mou_tracker.Dataset) -> None:
        """The seven documents signed on 28 August 2023."""
        day = dt.date(2023, 8, 28)
        assert 7 == len(data.query().signed_between(day, day).ids())

    def test_area_includes_subareas(self, data: mou_tracker.Dataset) -> None:
        """Innovation includes talent, digital and data."""
        ids = data.query().area("innovation").ids()
        assert {"itx", "digital-mou", "eid-linking", "national-data-centre"} <= set(ids)
        assert "energy-mou" not in ids

    def test_party_follows_the_merger(self, data: mou_tracker.Dataset) -> None:
        """The successor ministry finds what its predecessor signed."""
        assert ["art6-mou", "art6-implementation"] == data.query().party("vn-mae").ids()

    def test_kind_and_binding(self, data: mou_tracker.Dataset) -> None:
        """Kind and binding filters, unknown kinds included."""
        assert ["unclos", "paris-agreement"] == data.query().kind(AgreementKind.TREATY).ids()
        assert ["research-programmes", "art6-implementation", "atiga", "cptpp", "rcep"] == data.query().kind(
            AgreementKind.AGREEMENT
        ).ids()
        assert ["electricity-2025", "crime-2025", "finance-2025", "doc", "coc"] == data.query().kind(None).ids()
        assert ["art6-implementation", "unclos", "paris-agreement"] == data.query().binding(True).ids()
        assert {"atiga", "cptpp", "rcep"} <= set(data.query().binding(None).ids())

    def test_related(self, data: mou_tracker.Dataset) -> None:
        """Relations either way."""
        assert ["art6-loi", "art6-implementation"] == data.query().related("art6-mou").ids()
        assert ["art6-implementation"] == data.query().related("art6-mou", RelationType.IMPLEMENTS).ids()

    @pytest.mark.parametrize("text", ["tô lâm", "to lam", "TO LAM"])
    def test_search_ignores_case_and_diacritics(self, data: mou_tracker.Dataset, text: str) -> None:
        """Search finds the documents Tô Lâm witnessed, however it is typed."""
        assert ["electricity-2025", "digital-mou", "crime-2025", "finance-2025"] == data.query().text(text).ids()

    def test_search_vietnamese_titles(self, data: mou_tracker.Dataset) -> None:
        """Vietnamese titles are searched, without their diacritics."""
        assert ["itx"] == data.query().text("trao doi tai nang").ids()

    def test_filters_commute(self, data: mou_tracker.Dataset) -> None:
        """The order of filters does not change the result."""
        day = dt.date(2025, 6, 1)
        a = data.query().area("economy").status(Status.IN_EFFECT, on=day)
        b = data.query().status(Status.IN_EFFECT, on=day).area("economy")
        assert list(a) == list(b)

    def test_unknown_ids_are_errors(self, data: mou_tracker.Dataset) -> None:
        """An unknown area, party or target is an UnknownId with suggestions."""
        with pytest.raises(mou_tracker.UnknownId, match="did you mean 'innovation'"):
            data.query().area("inovation")
        with pytest.raises(mou_tracker.UnknownId):
            data.query().party("vn-nope")
        with pytest.raises(mou_tracker.UnknownId):
            data.query().related("art6")


class TestChangesDueChains:
    def test_changes_newest_first(self, data: mou_tracker.Dataset) -> None:
        """Every status event in the window, newest first, in the timeline's order reversed."""
        found = changes(data, dt.date(2025, 1, 1), dt.date(2026, 11, 22))
        dates = [c.event.date.value.timeline_key for c in found]
        assert sorted(dates, reverse=True) == dates
        assert ["coc", "vsip-2", "vsip-30", "national-data-centre"] == [c.agreement.id for c in found[:4]]
        assert "csp" in {c.agreement.id for c in found}

    def test_due_in_2026(self, data: mou_tracker.Dataset) -> None:
        """The term end and the two targets of 2026."""
        found = due(data, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        assert [
            ("research-programmes", "term ends"),
            ("party-dialogue-mou", "Signing in early 2026"),
            ("vsip-30", "30 VSIPs in Viet Nam"),
        ] == [(d.agreement.id, d.what) for d in found]

    def test_overdue(self, data: mou_tracker.Dataset) -> None:
        """A target whose year has passed unmet is overdue."""
        found = due(data, dt.date(2027, 2, 1), dt.date(2027, 3, 1))
        assert {("party-dialogue-mou", True), ("vsip-30", True)} <= {(d.agreement.id, d.overdue) for d in found}

    def test_article_6_chain(self, data: mou_tracker.Dataset) -> None:
        """The chain from the letter of intent reaches both other Article 6 instruments."""
        root = chain(data, "art6-loi")
        expected = [("art6-mou", RelationType.CONTINUES, True), ("art6-implementation", RelationType.FOLLOWS_UP, False)]
        assert expected == [(link.agreement.id, link.relation, link.outgoing) for link in root.links]


SMALL = """\
schema_version: 1
sources:
  - {id: s, language: en, title: A report}
signatories:
  - {id: a, name: A, kind: state, country: VN, sources: [s]}
  - {id: b, name: B, kind: state, country: SG, sources: [s]}
agreements:
  - id: x
    title: X
    kind: mou
    parties: [a, b]
    sources: [s]
    history:
      - {date: 2024-07-01, status: signed, sources: [s]}
    term: {start: 2024-07-01, end: 2027-06-30, renewal: automatic for 5 years, notice_by: 2027-03-31, sources: [s]}
  - id: y
    title: Y
    kind: agreement
    parties: [a, b]
    sources: [s]
    history:
      - {date: 2025-01, status: negotiating, sources: [s]}
    targets:
      - {status: signed, description: expected signing, due: 2026-06, sources: [s]}
"""


class TestDueKinds:
    def test_term_end_renewal_notice_and_expected_signing(self) -> None:
        """Term ends with their renewal, notice dates and expected signings fall due in order."""
        data = mou_tracker.loads(SMALL)
        found = due(data, dt.date(2026, 1, 1), dt.date(2027, 12, 31))
        assert [
            ("y", "expected signing", "2026-06", False),
            ("x", "notice due", "2027-03-31", False),
            ("x", "term ends (renewal: automatic for 5 years)", "2027-06-30", False),
        ] == [(d.agreement.id, d.what, str(d.date), d.overdue) for d in found]

    def test_expected_signing_overdue_until_met(self) -> None:
        """The expected signing is overdue once June 2026 has passed unmet."""
        data = mou_tracker.loads(SMALL)
        found = due(data, dt.date(2026, 7, 1), dt.date(2026, 7, 31))
        assert [("y", True, True)] == [(d.agreement.id, d.overdue, d.certain) for d in found]
        assert [] == due(data, dt.date(2026, 6, 15), dt.date(2026, 6, 20))[1:]


class TestStatusForAParty:
    @per_dataset
    @given(dataset=mts.datasets(multilateral=True), data=st.data())
    def test_agrees_with_status_for(self, dataset: mou_tracker.Dataset, data: st.DataObject) -> None:
        """status(parties=) keeps what status_for reads for the party, certain exactly when every reading is wanted."""
        parties = sorted({p for a in dataset for p in a.parties})
        if not parties:
            return
        party = data.draw(st.sampled_from(parties))
        # Days on which the party's actions fall, where its status and the instrument's differ most.
        acted = sorted(
            {d for a in dataset for x in a.actions for d in (x.date.value.earliest, x.date.value.latest) if d}
        )
        day = data.draw(st.sampled_from(acted) if acted else mts.days())
        wanted = data.draw(st.frozensets(st.sampled_from(list(Status)), min_size=1))
        kept = {m.agreement.id: m.certain for m in dataset.query().status(*wanted, on=day, parties=(party,))}
        expected = {}
        for agreement in dataset:
            possible = status_for(dataset, agreement, party, day).possible
            if not wanted.isdisjoint(possible):
                expected[agreement.id] = possible <= wanted
        assert expected == kept

    def test_a_bilateral_instrument_is_read_as_its_own(self, data: mou_tracker.Dataset) -> None:
        """On a bilateral instrument, a party changes nothing of the status filter."""
        day = dt.date(2025, 1, 1)
        assert [m for m in data.query().status(Status.IN_EFFECT, on=day) if not m.agreement.multilateral] == [
            m for m in data.query().status(Status.IN_EFFECT, on=day, parties=("SG",)) if not m.agreement.multilateral
        ]
