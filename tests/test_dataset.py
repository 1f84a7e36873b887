"""The curated Viet Nam–Singapore dataset: what the sources say, and nothing more."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

import attrs
import jinja2
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mou_tracker
from mou_tracker import AgreementKind, Claimed, PartialDate, Status
from mou_tracker import strategies as mts
from mou_tracker._html import ROWS, escape
from tests.budget import per_dataset


@pytest.fixture(scope="module")
def data() -> mou_tracker.Dataset:
    return mou_tracker.load()


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


class TestCoverage:
    def test_seven_documents_of_28_august_2023(self, data: mou_tracker.Dataset) -> None:
        """Exactly the seven documents of 28 August 2023 are signed that day, witnessed by both Prime Ministers."""
        signed = [a.id for a in data if a.signed == PartialDate(2023, 8, 28)]
        assert [
            "research-programmes",
            "cfa-upgrade",
            "itx",
            "skills-labour-mou",
            "art6-loi",
            "education-mou",
            "hcmc-infra-mou",
        ] == signed
        for ident in signed:
            witnesses = {w.person for w in data[ident].witnesses}
            assert {"pham-minh-chinh", "lee-hsien-loong"} == witnesses

    def test_every_named_instrument_is_present(self, data: mou_tracker.Dataset) -> None:
        """Every instrument the sources name has a record."""
        expected = {
            "diplomatic-relations", "strategic-partnership", "gedep", "cfa", "csp", "csp-joint-statement",
            "csp-action-programme", "art6-mou", "art6-loi", "art6-implementation", "energy-mou",
            "electricity-2025", "digital-mou", "crime-2025", "finance-2025", "atiga", "cptpp", "rcep",
            "party-dialogue-mou", "rice-trade-moc", "vsip-2", "vsip-30", "national-data-centre",
            "carbon-credit-exchange", "eid-linking", "annual-leaders-meeting",
        }  # fmt: skip
        assert set() == expected - {a.id for a in data}

    def test_every_record_cites_a_source_that_exists(self, data: mou_tracker.Dataset) -> None:
        """Every agreement and every status event cites at least one known source."""
        known = {s.id for s in data.sources}
        for agreement in data:
            assert agreement.sources, agreement.id
            assert set(agreement.sources) <= known
            for event in agreement.history:
                assert event.all_sources, agreement.id
                assert set(event.all_sources) <= known


class TestFacts:
    def test_precision_is_what_the_sources_give(self, data: mou_tracker.Dataset) -> None:
        """Dates keep their precision: a year, a month, a day, a range."""
        assert "1973" == str(data["diplomatic-relations"].history[0].date.value)
        assert "2013" == str(data["strategic-partnership"].history[0].date.value)
        assert "2023-02" == str(data["gedep"].history[0].date.value)
        assert "2025-10" == str(data["csp-action-programme"].history[1].date.value)
        assert "2005/2025-03-25" == str(data["cfa"].history[1].date.value)

    def test_names_are_spelt_correctly(self, data: mou_tracker.Dataset) -> None:
        """The data corrects the machine-translation typos of the leaders' names."""
        names = {p.name for p in data.people}
        assert {"Phạm Minh Chính", "Lee Hsien Loong", "Tô Lâm", "Lawrence Wong"} <= names
        text = mou_tracker.bundled_path().read_text(encoding="utf-8")
        for typo in ("Pham Minh Trung", "Pham Minh Sign", "Lauren Wong", "Le Hsien Loong"):
            assert all(typo not in p.name and typo not in p.aliases for p in data.people)
            assert text.count(typo) == text.count(f'"{typo}"'), typo  # only ever quoted as a typo

    def test_action_programme_keeps_three_claims(self, data: mou_tracker.Dataset) -> None:
        """Three titles and three status claims, each with its source, one preferred."""
        programme = data["csp-action-programme"]
        assert 3 == len(programme.title.claims)
        status = programme.history[1].status
        assert [Status.IN_EFFECT, Status.SIGNED, Status.CONCLUDED] == [c.value for c in status.claims]
        assert Status.IN_EFFECT == status.value
        assert all(c.sources for c in status.claims)

    def test_article_6_chain(self, data: mou_tracker.Dataset) -> None:
        """MoU (2022) → Letter of Intent (2023) → binding Implementation Agreement (2025)."""
        assert ("continues", "art6-mou") == (
            data["art6-loi"].relations[0].type.value,
            data["art6-loi"].relations[0].target,
        )
        agreement = data["art6-implementation"]
        assert {("implements", "art6-mou"), ("follows_up", "art6-loi")} == {
            (r.type.value, r.target) for r in agreement.relations
        }
        assert agreement.binding is True
        assert PartialDate(2025, 9, 16) == agreement.signed

    def test_same_counterpart_across_the_merger(self, data: mou_tracker.Dataset) -> None:
        """The 2022 MoU's signatory and the 2025 agreement's are one lineage."""
        signer_2022 = data["art6-mou"].signed_by[1].acting_for
        signer_2025 = data["art6-implementation"].signed_by[1].acting_for
        assert ("vn-monre", "vn-mae") == (signer_2022, signer_2025)
        assert ["vn-monre", "vn-mae"] == [s.id for s in data.lineage("vn-mae")]
        assert ["vn-monre", "vn-mae"] == [s.id for s in data.lineage("vn-monre")]

    def test_unknown_kinds_stay_unknown(self, data: mou_tracker.Dataset) -> None:
        """Documents the source names only by field have no kind."""
        assert data["crime-2025"].kind is None
        assert AgreementKind.MOU is data["digital-mou"].kind


class TestWhatTheSourcesSay:
    """Each fact as its cited source gives it: no more, and nothing a source does not support."""

    @pytest.mark.parametrize("ident", ["atiga", "cptpp", "rcep"])
    def test_multilateral_agreements_are_trade_agreements_of_unknown_force(
        self, data: mou_tracker.Dataset, ident: str
    ) -> None:
        """The source calls them "trade agreements": kind agreement, binding unknown, not treaties."""
        agreement = data[ident]
        assert (AgreementKind.AGREEMENT, None) == (agreement.kind, agreement.binding)

    def test_the_electricity_document_is_about_wind_power(self, data: mou_tracker.Dataset) -> None:
        """The field "thương mại điện gió" is trade in wind power, and the English title says so."""
        document = data["electricity-2025"]
        assert "Cooperation document on trade in wind power" == document.title.value
        assert "thương mại điện gió" in document.titles["vi"]

    def test_party_dialogue_cites_no_statement_silent_on_the_parties(self, data: mou_tracker.Dataset) -> None:
        """The Singapore statement's "Strategic Dialogue" is not said to be between the parties: not cited."""
        assert ("baochinhphu-2025-10-28", "vov-2026-01-30") == data["party-dialogue-mou"].cited_sources

    def test_grace_fu_signs_for_singapore(self, data: mou_tracker.Dataset) -> None:
        """She held two offices and the source does not say for which she signed: she acts for Singapore."""
        grace_fu = data["art6-implementation"].signed_by[0]
        assert ("grace-fu", "sg") == (grace_fu.person, grace_fu.acting_for)
        assert (
            "Minister for Sustainability and the Environment and Minister-in-Charge of Trade Relations" == grace_fu.role
        )
        assert "sg-mse" not in {s.id for s in data.signatories}

    def test_vov_publication_date_is_not_invented(self, data: mou_tracker.Dataset) -> None:
        """The VOV article shows no publication date: on or after the day of the call, no more."""
        assert "2026-01-30/.." == str(data.source("vov-2026-01-30").published)

    @pytest.mark.parametrize(
        ("ident", "relation", "sources"),
        [
            ("csp", "strategic-partnership", ("vna-2025-03-12",)),
            ("cfa-upgrade", "cfa", ("seai-2023", "report-2023-08-28")),
            ("art6-loi", "art6-mou", ("ag-2025-10-21", "bt-2025-09-16", "cna-2022-10-17", "report-2023-08-28")),
        ],
    )
    def test_relations_cite_the_sources_that_identify_their_target(
        self, data: mou_tracker.Dataset, ident: str, relation: str, sources: tuple[str, ...]
    ) -> None:
        """A relation cites a source that names the earlier instrument, not only one that names the later."""
        assert [sources] == [r.sources for r in data[ident].relations if r.target == relation]

    def test_digital_mou_witnesses_cite_both_reports(self, data: mou_tracker.Dataset) -> None:
        """VietnamPlus reports Tô Lâm and Lawrence Wong witnessing the exchange, as the Vietnamese article does."""
        witnesses = data["digital-mou"].witnesses
        both = ("csp-2025-03-12-vi", "vietnamplus-2025-03")
        assert [("to-lam", both), ("lawrence-wong", both)] == [(w.person, w.sources) for w in witnesses]

    def test_the_annual_meeting_of_the_prime_ministers(self, data: mou_tracker.Dataset) -> None:
        """Agreed on 28 August 2023; its second meeting in Kuala Lumpur on 28 October 2025."""
        meeting = data["annual-leaders-meeting"]
        assert AgreementKind.COMMITMENT is meeting.kind
        assert [
            ("2023-08-28", Status.IN_EFFECT, "Viet Nam", ("report-2023-08-28",)),
            ("2025-10-28", Status.IN_EFFECT, "Kuala Lumpur", ("sg-gov-2025-10-28", "baochinhphu-2025-10-28")),
        ] == [(str(e.date.value), e.status.value, e.place, e.sources) for e in meeting.history]

    def test_steps_of_28_october_2025_were_in_kuala_lumpur(self, data: mou_tracker.Dataset) -> None:
        """Every step dated 28 October 2025 was taken at the Prime Ministers' meeting in Kuala Lumpur."""
        places = {(a.id, e.place) for a in data for e in a.history if str(e.date.value) == "2025-10-28"}
        assert {
            ("annual-leaders-meeting", "Kuala Lumpur"),
            ("party-dialogue-mou", "Kuala Lumpur"),
            ("rice-trade-moc", "Kuala Lumpur"),
        } == places

    @pytest.mark.parametrize(
        ("ident", "dates"),
        [
            ("vsip-2", ["2023-08-28", "2025-03-12", "2025-03-25", "2026-01-09", "2026-01-30"]),
            ("national-data-centre", ["2023-08-28", "2026-01-30"]),
        ],
    )
    def test_repeated_proposals_are_dated_events(self, data: mou_tracker.Dataset, ident: str, dates: list[str]) -> None:
        """Each time a source puts the proposal forward is an event of its own, with that source."""
        history = data[ident].history
        assert dates == [str(e.date.value) for e in history]
        assert {Status.PROPOSED} == {e.status.value for e in history}
        assert all(len(e.sources) == 1 for e in history)

    def test_vsip_2_is_quoted_as_each_source_words_it(self, data: mou_tracker.Dataset) -> None:
        """25 March 2025 speaks of "new-generation VSIPs", not of VSIP 2.0; 12 March 2025 of expanding its network."""
        notes = {str(e.date.value): e.note or "" for e in data["vsip-2"].history}
        assert '"emphasised the need to upgrade and develop new-generation VSIPs' in notes["2025-03-25"]
        assert "does not use the name VSIP 2.0" in notes["2025-03-25"]
        assert "mở rộng mạng lưới VSIP 2.0" in notes["2025-03-12"]
        assert "network already existed" in (data["vsip-2"].notes or "")

    def test_party_dialogue_proposed_again_as_a_target(self, data: mou_tracker.Dataset) -> None:
        """Tô Lâm's call to "soon launch" the dialogue is a target without a date, citing VOV."""
        targets = data["party-dialogue-mou"].targets
        assert [
            (Status.SIGNED, PartialDate(2026), ("baochinhphu-2025-10-28",)),
            (Status.IN_EFFECT, None, ("vov-2026-01-30",)),
        ] == [(t.status, t.due, t.sources) for t in targets]


class TestMultilateralInstruments:
    """Each party's own steps on the multilateral instruments, as the cited sources give them and no further."""

    def test_unclos_actions_are_the_collections(self, data: mou_tracker.Dataset) -> None:
        """Both signed on 10 December 1982; Viet Nam ratified on 25 July 1994, Singapore on 17 November 1994."""
        assert [
            ("vn", "signature", "1982-12-10"),
            ("vn", "ratification", "1994-07-25"),
            ("sg", "signature", "1982-12-10"),
            ("sg", "ratification", "1994-11-17"),
        ] == [(a.party, a.action.value, str(a.date.value)) for a in data["unclos"].actions]
        assert {("untc-xxi-6",)} == {a.sources for a in data["unclos"].actions}

    @pytest.mark.parametrize(
        ("ident", "entries"),
        [
            ("cptpp", {"vn": "2019-01-14", "sg": "2018-12-30"}),
            ("rcep", {"vn": "2022-01-01", "sg": "2022-01-01"}),
            ("atiga", {"vn": "2010-05-17/2025-03-25", "sg": "2010-05-17/2025-03-25"}),
        ],
    )
    def test_entry_into_force_for_each_party(
        self, data: mou_tracker.Dataset, ident: str, entries: dict[str, str]
    ) -> None:
        """Each party's entry into force is the one its source gives, not derived."""
        rows = data.participation(ident)
        assert entries == {r.party: str(r.entry_into_force[0]) for r in rows if r.entry_into_force is not None}
        assert [False, False] == [r.entry_into_force is not None and r.entry_into_force[1] for r in rows]

    def test_clauses_only_where_a_source_gives_them(self, data: mou_tracker.Dataset) -> None:
        """Paris art. 21(1), the CPTPP's and RCEP's clauses are recorded; UNCLOS's, given by no cited source, is not."""
        assert data["unclos"].entry_into_force is None
        paris = data["paris-agreement"].entry_into_force
        assert paris is not None
        assert (None, 30, ("untc-xxvii-7-d",)) == (paris.instruments, paris.days, paris.sources)
        assert "55 per cent" in (paris.condition or "")
        cptpp = data["cptpp"].entry_into_force
        assert cptpp is not None
        assert (6, 60) == (cptpp.instruments, cptpp.days)
        rcep = data["rcep"].entry_into_force
        assert rcep is not None
        assert (None, 60) == (rcep.instruments, rcep.days)
        assert "six ASEAN and three non-ASEAN" in (rcep.condition or "")

    def test_what_no_source_gives_is_left_out(self, data: mou_tracker.Dataset) -> None:
        """No consent for Viet Nam to the CPTPP, RCEP or Paris; nothing for Singapore on Paris; nothing on the DOC."""
        consents = {(a_id, r.party) for a_id in ("cptpp", "rcep", "paris-agreement") for r in data.participation(a_id)
                    if r.consent is not None}  # fmt: skip
        assert {("cptpp", "sg"), ("rcep", "sg")} == consents
        assert ["vn"] == [a.party for a in data["paris-agreement"].actions]
        assert () == data["doc"].actions
        assert data["doc"].history[0].date.value.earliest is None

    def test_the_coc_is_under_negotiation(self, data: mou_tracker.Dataset) -> None:
        """Negotiating on 12 March 2025 and 30 January 2026, with no party's action recorded."""
        coc = data["coc"]
        assert [("2025-03-12", Status.NEGOTIATING), ("2026-01-30", Status.NEGOTIATING)] == [
            (str(e.date.value), e.status.value) for e in coc.history
        ]
        assert () == coc.actions

    def test_every_action_and_clause_cites_a_listed_source(self, data: mou_tracker.Dataset) -> None:
        """Every action and every entry-into-force clause cites at least one source the dataset lists."""
        known = {s.id for s in data.sources}
        for agreement in data:
            for action in agreement.actions:
                assert action.sources, (agreement.id, action)
                assert set(action.sources) <= known
            if agreement.entry_into_force is not None:
                assert set(agreement.entry_into_force.sources) <= known

    def test_the_multilateral_instruments_are_marked(self, data: mou_tracker.Dataset) -> None:
        """The seven instruments with more parties than the two are multilateral, tracking Viet Nam and Singapore."""
        multilateral = [a.id for a in data if a.multilateral]
        assert ["atiga", "cptpp", "rcep", "unclos", "doc", "coc", "paris-agreement"] == multilateral
        assert {("vn", "sg")} == {data[i].parties for i in multilateral}

    def test_paris_is_not_linked_by_a_relation_the_format_lacks(self, data: mou_tracker.Dataset) -> None:
        """No relation says "made under": the Article 6 instruments are tied to Paris in its notes only."""
        assert () == data.referrers("paris-agreement")
        assert "art6-mou" in (data["paris-agreement"].notes or "")


class TestStatus:
    @pytest.mark.parametrize(
        ("ident", "on", "expected"),
        [
            ("csp-action-programme", "2025-10-15", (Status.IN_EFFECT, False)),
            ("csp-action-programme", "2025-11-01", (Status.IN_EFFECT, True)),
            ("csp-action-programme", "2025-09-30", (Status.NEGOTIATING, True)),
            ("csp-action-programme", "2031-01-01", (Status.EXPIRED, True)),
            ("strategic-partnership", "2025-03-11", (Status.IN_EFFECT, True)),
            ("strategic-partnership", "2025-03-12", (Status.SUPERSEDED, True)),
            ("cfa", "2025-01-01", (Status.IN_EFFECT, False)),
            ("cfa", "2025-03-25", (Status.IN_EFFECT, True)),
            ("research-programmes", "2026-12-31", (Status.SIGNED, True)),
            ("research-programmes", "2027-01-01", (Status.EXPIRED, True)),
            ("itx", "2023-08-27", (None, True)),
            ("itx", "2026-11-22", (Status.SIGNED, True)),
            ("csp", "2024-01-01", (Status.PROPOSED, True)),
        ],
    )
    def test_status_on_a_day(self, data: mou_tracker.Dataset, ident: str, on: str, expected: object) -> None:
        """The derived status and its certainty on a day."""
        reading = data.status_on(ident, day(on))
        assert expected == (reading.status, reading.certain)

    def test_possible_status_says_what_it_was_otherwise(self, data: mou_tracker.Dataset) -> None:
        """An uncertain reading names the status that held before the uncertain event."""
        reading = data.status_on("csp-action-programme", day("2025-10-15"))
        assert (Status.NEGOTIATING,) == reading.otherwise


class TestDocumentation:
    @staticmethod
    def page() -> str:
        from pathlib import Path

        return (Path(__file__).resolve().parent.parent / "docs" / "dataset.md").read_text(encoding="utf-8")

    def test_dataset_page_lists_every_instrument(self, data: mou_tracker.Dataset) -> None:
        """docs/dataset.md has a row for every agreement, and no other."""
        import re

        listed = re.findall(r"^\| `([a-z0-9-]+)` \|", self.page(), flags=re.M)
        assert [a.id for a in data] == listed

    def test_dataset_page_rows_are_the_data(self, data: mou_tracker.Dataset) -> None:
        """Each row gives the agreement's preferred title, its kind and every event of its history."""
        rows = [line for line in self.page().splitlines() if line.startswith("| `")]
        expected = []
        for a in data:
            history = " → ".join(f"{e.status.value.label} {e.date.value}" for e in a.history)
            kind = a.kind.label if a.kind is not None else "unknown"
            expected.append(f"| `{a.id}` | {a.title.value} | {kind} | {history} |")
        assert expected == rows

    def test_dataset_page_counts(self, data: mou_tracker.Dataset) -> None:
        """The page's counts are the dataset's."""
        counts = (
            f"It holds {len(data.agreements)} instruments, {len(data.signatories)} signatories,\n"
            f"{len(data.people)} people, {len(data.areas)} areas of cooperation and\n"
            f"{len(data.sources)} sources."
        )
        assert counts in self.page()


class TestOpenTermEnds:
    """A term end whose range has no known last day makes expiry possible, never certain."""

    @staticmethod
    def reading(end: str, day: str) -> tuple[str | None, bool]:
        import datetime as _dt

        from mou_tracker import Agreement, Claimed, Dataset, Source, Status, StatusEvent, Term, parse_date

        event = StatusEvent(Claimed.of(parse_date("2000")), Claimed.of(Status.SIGNED), ("s",))
        a = Agreement("a", Claimed.of("A"), None, ("s",), history=(event,), term=Term(("s",), end=parse_date(end)))
        r = Dataset(agreements=(a,), sources=(Source("s", "en", "S"),)).status_on(a, _dt.date.fromisoformat(day))
        return (r.status.value if r.status else None), r.certain

    @pytest.mark.parametrize("end", ["2000/9999", "2000/..", "2000/"])
    def test_open_range_is_possibly_expired(self, end: str) -> None:
        """Widening the range never makes the reading more certain."""
        assert ("expired", False) == self.reading(end, "5000-01-01")
        assert ("expired", False) == self.reading(end, "9999-12-31")

    def test_closed_range(self) -> None:
        """A closed range: possibly expired within it, certainly after it."""
        assert ("expired", False) == self.reading("2000/2100", "2050-01-01")
        assert ("expired", True) == self.reading("2000/2100", "5000-01-01")

    def test_term_to_9999_never_ends(self) -> None:
        """A term to 9999 is open-ended."""
        assert ("signed", True) == self.reading("9999", "9999-06-01")


class TestStatusesOn:
    def test_every_agreement_in_file_order(self, data: mou_tracker.Dataset) -> None:
        """statuses_on gives status_on of every agreement, in the file's order."""
        on = day("2025-10-15")
        assert tuple(data.status_on(a, on) for a in data) == data.statuses_on(on)

    def test_kept_stretches_do_not_leak_across_days(self, data: mou_tracker.Dataset) -> None:
        """Readings kept for one stretch of days are not given for a day of another."""
        for text in ("2023-08-27", "2023-08-28", "2025-10-15", "2023-08-27", "2026-01-01", "2023-08-28"):
            on = day(text)
            assert tuple(data.status_on(a, on) for a in data) == data.statuses_on(on)

    def test_a_datetime_is_refused(self, data: mou_tracker.Dataset) -> None:
        """As status_on does, statuses_on refuses a datetime, whose day depends on a time zone."""
        with pytest.raises(TypeError, match="not a datetime"):
            data.statuses_on(dt.datetime(2025, 1, 1, 12))

    def test_records_sharing_an_id_are_each_read(self) -> None:
        """In data not yet validated, two agreements with one id each get the reading of their own history."""
        from mou_tracker import Agreement, Claimed, StatusEvent

        def agreement(status: Status) -> Agreement:
            event = StatusEvent(Claimed.of(PartialDate(2020)), Claimed.of(status), sources=("s",))
            return Agreement(id="same", title=Claimed.of("A"), kind=None, sources=("s",), history=(event,))

        ds = mou_tracker.Dataset(agreements=(agreement(Status.SIGNED), agreement(Status.ABANDONED)))
        readings = ds.statuses_on(dt.date(2021, 1, 1))
        assert [Status.SIGNED, Status.ABANDONED] == [r.status for r in readings]


class TestFind:
    @pytest.mark.parametrize(
        "name",
        [
            "itx",
            "ITX",
            "Itx",
            "innovation talent exchange programme",
            "Memorandum of Understanding on the Innovation Talent Exchange Programme",
            "Bản ghi nhớ về chương trình trao đổi tài năng đổi mới sáng tạo Việt Nam - Singapore",
            "ban ghi nho ve chuong trinh trao doi tai nang doi moi sang tao viet nam - singapore",
            "innovation talent",
            "  Innovation   TALENT ",
        ],
    )
    def test_by_id_name_or_words(self, data: mou_tracker.Dataset, name: str) -> None:
        """An id, short name, alias or title in any case and language, or words only it holds, find the agreement."""
        assert "itx" == data.find(name).id

    def test_an_id_first(self) -> None:
        """An id is the agreement with that id, even when another's alias is the same text."""
        data = mou_tracker.loads(NAMED.replace("aliases: [Other]", "aliases: [a1]"))
        assert ("a1", "a2") == (data.find("a1").id, data.find("a2").id)

    def test_a_name_before_words(self) -> None:
        """A whole name is that agreement, even when its words are also in another's title."""
        data = mou_tracker.loads(NAMED)
        assert "a1" == data.find("the plan").id
        with pytest.raises(mou_tracker.AmbiguousName):
            data.find("plan")

    def test_ambiguous(self, data: mou_tracker.Dataset) -> None:
        """A name that several agreements fit is refused with every candidate, in file order, and none chosen."""
        with pytest.raises(mou_tracker.AmbiguousName) as caught:
            data.find("to lam")
        assert ("agreement", ("electricity-2025", "digital-mou", "crime-2025", "finance-2025")) == (
            caught.value.kind,
            caught.value.candidates,
        )
        assert isinstance(caught.value, LookupError)

    def test_the_same_name_of_two(self) -> None:
        """One name (a short name here) that two agreements share is ambiguous, not the first of them."""
        data = mou_tracker.loads(NAMED.replace("aliases: [Other]", "aliases: [The Plan]"))
        with pytest.raises(mou_tracker.AmbiguousName, match=r"'the plan' could be any of 2 agreements: 'a1', 'a2'"):
            data.find("the plan")

    def test_many_candidates_are_counted(self, data: mou_tracker.Dataset) -> None:
        """The message names the first ten candidates and counts the rest; ``candidates`` holds them all."""
        with pytest.raises(mou_tracker.AmbiguousName) as caught:
            data.find("a")
        more = len(caught.value.candidates) - 10
        assert 0 < more
        assert str(caught.value).endswith(f" and {more} more; give the id of one")

    @pytest.mark.parametrize(("name", "suggested"), [("art6-lol", ("art6-loi", "art6-mou")), ("itz", ("itx",))])
    def test_unknown(self, data: mou_tracker.Dataset, name: str, suggested: tuple[str, ...]) -> None:
        """A name that fits nothing is an UnknownName (an UnknownId, a KeyError) with the closest ids."""
        with pytest.raises(mou_tracker.UnknownName) as caught:
            data.find(name)
        assert suggested == caught.value.suggestions
        assert isinstance(caught.value, mou_tracker.UnknownId) and isinstance(caught.value, KeyError)
        assert str(caught.value).startswith(f"no agreement has the id or name {name!r}; did you mean ")

    @pytest.mark.parametrize("name", ["", "   ", "zzzz"])
    def test_nothing(self, data: mou_tracker.Dataset, name: str) -> None:
        """Empty text, or text in no agreement, finds nothing (empty text does not fit every agreement)."""
        with pytest.raises(mou_tracker.UnknownName):
            data.find(name)


class TestFindSignatory:
    @pytest.mark.parametrize(
        ("name", "ident"),
        [
            ("vn", "vn"),
            ("VN", "vn"),
            ("Viet Nam", "vn"),
            ("Việt Nam", "vn"),
            ("viet nam", "vn"),
            ("Vietnam", "vn"),
            ("Cộng hòa xã hội chủ nghĩa Việt Nam", "vn"),
            ("Singapore", "sg"),
            ("republic of singapore", "sg"),
            ("MTI", "sg-mti"),
            ("bo cong an", "vn-mps"),
            ("public security", "vn-mps"),
        ],
    )
    def test_by_id_name_or_alias(self, data: mou_tracker.Dataset, name: str, ident: str) -> None:
        """An id, a name in any language or an alias, in any case, with or without diacritics, or its words."""
        assert ident == data.find_signatory(name).id

    def test_ambiguous(self, data: mou_tracker.Dataset) -> None:
        """Words that several signatories' names hold are refused with the candidates."""
        with pytest.raises(mou_tracker.AmbiguousName) as caught:
            data.find_signatory("environment")
        assert ("vn-monre", "vn-mae") == caught.value.candidates

    def test_unknown(self, data: mou_tracker.Dataset) -> None:
        """A name that fits no signatory is an UnknownName."""
        with pytest.raises(mou_tracker.UnknownName, match="no signatory has the id or name 'Narnia'"):
            data.find_signatory("Narnia")

    def test_party_takes_names(self, data: mou_tracker.Dataset) -> None:
        """Query.party, through Dataset.bodies, takes a signatory's name as it takes its id."""
        assert data.query().party("sg").ids() == data.query().party("Singapore").ids()
        assert data.bodies("vn") == data.bodies("Việt Nam")


NAMED = """\
schema_version: 1
sources:
  - {id: s1, title: A source, language: en}
signatories:
  - {id: x, name: X, kind: state}
  - {id: y, name: Y, kind: state}
agreements:
  - id: a1
    title: The Plan
    kind: mou
    parties: [x, y]
    sources: [s1]
  - id: a2
    title: The plan of the other
    short: Other
    aliases: [Other]
    kind: mou
    parties: [x, y]
    sources: [s1]
"""


class Cells(HTMLParser):
    """The tags of a notebook's table, its caption and the text of each row's cells."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.caption = ""
        self.rows: list[list[str]] = []
        self.after: list[str] = []
        self._where = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag == "td":
            self.rows[-1].append("")
        self._where = tag

    def handle_endtag(self, tag: str) -> None:
        self._where = ""

    def handle_data(self, data: str) -> None:
        if self._where == "caption":
            self.caption += data
        elif self._where == "td":
            self.rows[-1][-1] += data
        elif self._where == "p":
            self.after.append(data)


def cells(html: str) -> Cells:
    parser = Cells()
    parser.feed(html)
    parser.close()
    return parser


class TestNotebook:
    def test_repr_counts(self, data: mou_tracker.Dataset) -> None:
        """A dataset's repr is one short line counting what it holds."""
        assert "<Dataset: 36 agreements, 10 signatories, 11 people, 25 areas, 23 sources>" == repr(data)
        assert "<Dataset: 0 agreements, 0 signatories, 0 people, 0 areas, 0 sources>" == repr(mou_tracker.Dataset())

    def test_repr_of_one(self, data: mou_tracker.Dataset) -> None:
        """One of a kind is counted in the singular."""
        one = attrs.evolve(data, agreements=data.agreements[:1], areas=data.areas[:1], people=data.people[:1])
        assert repr(one).startswith("<Dataset: 1 agreement, 10 signatories, 1 person, 1 area, ")

    def test_html_table_of_the_first_agreements(self, data: mou_tracker.Dataset) -> None:
        """In a notebook a dataset is a table of its first 20 agreements, named in full, and a count of the rest."""
        page = cells(data._repr_html_())
        assert "36 agreements, 10 signatories, 11 people, 25 areas, 23 sources" == page.caption
        shown = [row for row in page.rows if row]
        assert [a.id for a in data.agreements[:ROWS]] == [row[0] for row in shown]
        itx = next(row for row in shown if row[0] == "itx")
        assert ["itx", "Memorandum of Understanding on the Innovation Talent Exchange Programme (ITX)", "MoU",
                "2023-08-28"] == itx  # fmt: skip
        assert [f"… and {len(data) - ROWS} more"] == page.after

    def test_query_repr(self, data: mou_tracker.Dataset) -> None:
        """A query's repr names its filters as they were asked for and counts what they keep."""
        query = data.query().party("SG").status(Status.IN_EFFECT, on=dt.date(2025, 1, 1))
        kept = list(query)
        certain = sum(1 for m in kept if m.certain)
        assert (
            f"<Query party('SG').status('in_effect', on=2025-01-01): {len(kept)} of 36 agreements, {certain} certain>"
        ) == repr(query)
        assert "<Query: 36 of 36 agreements, all certain>" == repr(data.query())
        everything = data.query().signed_between(None, dt.date(2024, 1, 1), certain_only=True).kind(None)
        assert repr(everything).startswith("<Query signed_between(None, 2024-01-01, certain_only=True).kind(None): ")

    def test_query_html(self, data: mou_tracker.Dataset) -> None:
        """In a notebook a query is a table of what it keeps, with how sure each row is."""
        query = data.query().text("carbon")
        page = cells(query._repr_html_())
        assert page.caption == repr(query)[1:-1]
        assert [[m.agreement.id, "yes" if m.certain else "possibly"] for m in query] == [
            [row[0], row[3]] for row in page.rows if row
        ]
        assert [] == page.after

    @per_dataset
    @given(mts.datasets(), st.data())
    def test_any_text_is_escaped(self, dataset: mou_tracker.Dataset, data: st.DataObject) -> None:
        """Whatever the titles hold, the tables are made of table tags only and read back as the text was."""
        hostile = st.sampled_from(["<script>x</script>", "</td></tr>", "a & b", "\" onclick='x'"]) | mts.texts()
        titled = attrs.evolve(
            dataset,
            agreements=tuple(attrs.evolve(a, title=Claimed.of(data.draw(hostile)), short=None) for a in dataset),
        )
        for html in (titled._repr_html_(), titled.query().text("")._repr_html_()):
            page = cells(html)
            assert set(page.tags) <= {"table", "caption", "thead", "tbody", "tr", "th", "td", "p"}
            assert [a.title.value for a in titled.agreements[:ROWS]] == [row[1] for row in page.rows if row]
        for agreement in titled.agreements[:3]:
            assert agreement.title.value == cells(agreement._repr_html_()).rows[2][1]

    @given(mts.texts())
    def test_escaping_is_the_templates(self, text: str) -> None:
        """The notebook's escaping is the HTML export's: Jinja2's autoescaping gives the same text."""
        template = jinja2.Environment(autoescape=True).from_string("{{ value }}")
        assert template.render(value=text) == escape(text)
