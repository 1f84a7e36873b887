"""Each party's participation in a multilateral instrument: loading, validation, and the laws of its readings.

The readings are checked against a brute-force oracle: every way the
partial dates of one party's actions (and of the instrument's entry into
force) may resolve to days, in the order a party's steps must follow, gives
one status on the day asked about; a reading is certain only when every
resolution gives its status, and what it says may have been otherwise must
really be possible.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pendulum
import pytest
from hypothesis import assume, given, note, settings
from hypothesis import strategies as st

import mou_tracker
from mou_tracker import (
    Action,
    ActionKind,
    Agreement,
    Claim,
    Claimed,
    DataError,
    Dataset,
    EntryIntoForce,
    PartialDate,
    PartyReading,
    PartyStatus,
    Signatory,
    SignatoryKind,
    Source,
    Status,
    StatusEvent,
    loading,
    parse_date,
)
from mou_tracker import strategies as mts
from mou_tracker.participation import derive_entry_into_force
from mou_tracker.validation import check

UNCLOS = """\
schema_version: 1
sources:
  - {id: untc, language: en, title: 'UN Treaty Collection, chapter XXI'}
  - {id: other, language: en, title: Another account}
signatories:
  - {id: vn, name: Viet Nam, kind: state, country: VN}
  - {id: sg, name: Singapore, kind: state, country: SG}
  - {id: th, name: Thailand, kind: state, country: TH}
agreements:
  - id: unclos
    title: United Nations Convention on the Law of the Sea
    kind: treaty
    binding: true
    multilateral: true
    parties: [vn, sg]
    place: Montego Bay
    sources: [untc]
    history:
      - {date: 1982-12-10, status: signed, sources: [untc], note: adopted and opened for signature}
      - {date: 1994-11-16, status: in_effect, sources: [untc]}
    entry_into_force:
      instruments: 60
      months: 12
      later_days: 30
      condition: >-
        twelve months after the deposit
        of the sixtieth instrument
      text: |
        1. This Convention shall enter into force 12 months after the date of deposit of the sixtieth instrument.

        2. For each State ratifying or acceding after the deposit of the sixtieth instrument, on the thirtieth day.
      sources: [untc]
    actions:
      - {party: vn, action: signature, date: 1982-12-10, sources: [untc]}
      - party: vn
        action: ratification
        date:
          - {value: 1994-07-25, sources: [untc], preferred: true}
          - {value: 1994-07, sources: [other], note: the month only}
        notes: 'Footnote 12 of the Collection: a declaration on ratification.'
      - {party: sg, action: signature, date: 1982-12-10, sources: [untc]}
      - {party: sg, action: ratification, date: 1994-11-17, sources: [untc]}
      - party: sg
        action: declaration
        date: 1994-11-17
        text: |
          Singapore declares its understanding.

          A second paragraph.
        url: https://treaties.un.org/
        sources: [untc]
"""


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def problems(text: str) -> list[str]:
    """The problems of ``text`` as the lines the command prints."""
    with pytest.raises(DataError) as info:
        mou_tracker.loads(text, filename="t.yaml")
    return [str(p) for p in info.value.problems]


def edited(old: str, new: str) -> str:
    """UNCLOS with one exact edit."""
    assert 1 == UNCLOS.count(old), old
    return UNCLOS.replace(old, new)


class TestLoading:
    def test_a_warm_load_equals_a_cold_one(self, cache_dir: Path, tmp_path: Path, parsed: list[str]) -> None:
        """Actions, a disputed action date, the clause and multilateral come back from the cache exactly."""
        path = tmp_path / "unclos.yaml"
        path.write_text(UNCLOS, encoding="utf-8")
        cold = mou_tracker.load(path, cache=False)
        first = mou_tracker.load(path)
        warm = mou_tracker.load(path)
        assert [str(path), str(path)] == parsed  # the cold load and the first: the third is warm
        assert cold == first == warm
        agreement = warm["unclos"]
        assert cold["unclos"] == agreement
        assert agreement.multilateral
        assert 60 == agreement.entry_into_force.instruments if agreement.entry_into_force else False
        assert (parse_date("1994-07-25"), parse_date("1994-07")) == tuple(
            c.value for c in agreement.actions[1].date.claims
        )
        assert "A second paragraph." in (agreement.actions[4].text or "")

    def test_the_yaml_and_plain_data_round_trips(self) -> None:
        """dumps then loads, and unstructure through JSON then structure, give the same dataset."""
        ds = mou_tracker.loads(UNCLOS)
        assert ds == mou_tracker.loads(mou_tracker.dumps(ds))
        plain = json.loads(json.dumps(loading.unstructure(ds)))
        assert ds == loading.structure(plain)

    def test_the_parties_actions_are_cited(self) -> None:
        """The sources of actions, of their claims and of the clause are among the agreement's cited sources."""
        assert ("untc", "other") == mou_tracker.loads(UNCLOS)["unclos"].cited_sources

    @pytest.mark.parametrize(
        ("old", "new", "where"),
        [
            ("understanding.", "under\u202estanding.", "$.agreements[0].actions[4].text"),
            ("url: https://treaties.un.org/", "url: ftp://treaties.un.org/", "$.agreements[0].actions[4].url"),
            (
                "      instruments: 60\n",
                "      instruments: 60\n      condition2: x\n",
                "$.agreements[0].entry_into_force",
            ),
        ],
    )
    def test_what_cannot_be_read_is_located(self, old: str, new: str, where: str) -> None:
        """A refused character, an address that is not http, an unknown key in the new records: located."""
        (found,) = problems(edited(old, new))
        assert found.startswith("t.yaml:")
        assert f": {where}" in found

    def test_an_unknown_action_kind_is_located(self) -> None:
        """An action kind the model lacks names the path and what was expected."""
        (found,) = problems(edited("action: declaration", "action: declared"))
        assert found.startswith("t.yaml:44:17: $.agreements[0].actions[4].action: ")


# -- validation ---------------------------------------------------------------------------

_DECLARATION = "      - party: sg\n        action: declaration\n        date: 1994-11-17"
_LAST = "        url: https://treaties.un.org/\n        sources: [untc]\n"

# Each rule of the spec: an exact edit of UNCLOS, and the one problem it gives.
VALIDATION = {
    "a party not among the parties": (
        ("{party: sg, action: signature", "{party: th, action: signature"),
        "t.yaml:41:17: $.agreements[0].actions[2].party: 'th' is not one of the agreement's parties (vn, sg);"
        " add it to parties",
    ),
    "an unknown signatory": (
        ("{party: sg, action: signature", "{party: xx, action: signature"),
        "t.yaml:41:17: $.agreements[0].actions[2].party: unknown signatory id 'xx'",
    ),
    "actions on a bilateral instrument": (
        ("    multilateral: true\n", ""),
        "t.yaml:33:7: $.agreements[0].actions: actions are each party's own, for a multilateral instrument: set"
        " multilateral: true, or record a bilateral instrument's steps in its history",
    ),
    "a ratification before the signature": (
        ("{party: sg, action: signature, date: 1982-12-10", "{party: sg, action: signature, date: 1995-01-01"),
        "t.yaml:42:49: $.agreements[0].actions[3].date: ratification (1994-11-17) before the party's signature"
        " (1995-01-01, actions[2]); ratification follows a signature",
    ),
    "an accession by a signatory": (
        ("{party: sg, action: ratification", "{party: sg, action: accession"),
        "t.yaml:42:29: $.agreements[0].actions[3].action: 'sg' signed (actions[2]): a signatory consents by"
        " ratification, acceptance or approval, not accession",
    ),
    "an entry into force before the consent": (
        (_DECLARATION, "      - party: sg\n        action: entry_into_force\n        date: 1994-11-10"),
        "t.yaml:45:15: $.agreements[0].actions[4].date: in force for the party (1994-11-10) before its consent"
        " (1994-11-17, actions[3])",
    ),
    "a withdrawal before the derived entry into force": (
        (_DECLARATION, "      - party: sg\n        action: withdrawal\n        date: 1994-12-01"),
        "t.yaml:45:15: $.agreements[0].actions[4].date: withdrawal or denunciation notified (1994-12-01) before the"
        " party's entry into force (1994-12-17, derived from the clause)",
    ),
    "a withdrawal in effect before the notice": (
        (
            _LAST,
            _LAST + "      - {party: vn, action: withdrawal, date: 2001-01-01, sources: [untc]}\n"
            "      - {party: vn, action: withdrawal_effective, date: 2000, sources: [untc]}\n",
        ),
        "t.yaml:53:57: $.agreements[0].actions[6].date: the withdrawal takes effect (2000) before it was notified"
        " (2001-01-01, actions[5])",
    ),
    "an action before the adoption": (
        ("{party: vn, action: signature, date: 1982-12-10", "{party: vn, action: signature, date: 1981"),
        "t.yaml:34:46: $.agreements[0].actions[0].date: 1981 is before the instrument was adopted (1982-12-10)",
    ),
    "no instrument": (
        ("instruments: 60", "instruments: 0"),
        "t.yaml:22:20: $.agreements[0].entry_into_force.instruments: expected at least one instrument, found 0",
    ),
    "a negative period": (
        ("later_days: 30", "later_days: -1"),
        "t.yaml:24:19: $.agreements[0].entry_into_force.later_days: expected a number of days or months, 0 or more,"
        " found -1",
    ),
    "later days and months": (
        ("later_days: 30", "later_days: 30\n      later_months: 1"),
        "t.yaml:25:21: $.agreements[0].entry_into_force.later_months: give later_days or later_months, not both",
    ),
    "days and months": (
        ("months: 12\n", "months: 12\n      days: 3\n"),
        "t.yaml:23:15: $.agreements[0].entry_into_force.months: give days or months, not both",
    ),
    "a count in words": (
        ("instruments: 60", "instruments: sixty"),
        "t.yaml:22:20: $.agreements[0].entry_into_force.instruments: expected an integer, found the text 'sixty'",
    ),
}

# Dates that may be in order are not errors: only what is certainly out of order is.
UNCERTAIN = {
    "a signature in the year of adoption": (
        "{party: vn, action: signature, date: 1982-12-10",
        "{party: vn, action: signature, date: 1982",
    ),
    "an entry into force in the month of consent": (
        _DECLARATION,
        "      - party: sg\n        action: entry_into_force\n        date: 1994-11",
    ),
    "a withdrawal in effect in the month of the derived entry into force": (
        _DECLARATION,
        "      - party: sg\n        action: withdrawal_effective\n        date: 1994-12",
    ),
    "an acceptance before the signature": (
        ("{party: sg, action: signature, date: 1982-12-10", "{party: sg, action: signature, date: 1995-01-01"),
        ("{party: sg, action: ratification", "{party: sg, action: acceptance"),
    ),
}


class TestValidation:
    def test_the_example_is_valid(self) -> None:
        """The UNCLOS example passes validation."""
        assert [] == check(mou_tracker.loads(UNCLOS))

    @pytest.mark.parametrize("rule", sorted(VALIDATION))
    def test_each_rule_is_located(self, rule: str) -> None:
        """Each rule's breach is one problem at file:line:column and its path in the data."""
        (old, new), expected = VALIDATION[rule]
        assert [expected] == problems(edited(old, new))

    @pytest.mark.parametrize("case", sorted(UNCERTAIN))
    def test_what_may_be_in_order_is_no_error(self, case: str) -> None:
        """An uncertain date that may be in order, and an acceptance without a signature before it, pass."""
        edits = UNCERTAIN[case]
        text = UNCLOS
        for old, new in (edits,) if isinstance(edits[0], str) else edits:  # type: ignore[assignment]
            assert 1 == text.count(old)
            text = text.replace(old, new)
        assert isinstance(mou_tracker.loads(text), Dataset)


# -- the UNCLOS examples ------------------------------------------------------------------


@pytest.fixture(scope="module")
def unclos() -> Dataset:
    return mou_tracker.loads(UNCLOS)


class TestUnclos:
    @pytest.mark.parametrize(
        ("on", "expected"),
        [
            ("1982-12-09", PartyReading(PartyStatus.NOT_SIGNATORY, True)),
            ("1994-11-01", PartyReading(PartyStatus.SIGNATORY, True)),
            ("1994-11-16", PartyReading(PartyStatus.SIGNATORY, True)),
            ("1994-11-17", PartyReading(PartyStatus.CONSENTED, True)),
            ("1994-12-16", PartyReading(PartyStatus.CONSENTED, True)),
            ("1994-12-17", PartyReading(PartyStatus.IN_FORCE, True, derived=True)),
            ("1995-01-01", PartyReading(PartyStatus.IN_FORCE, True, derived=True)),
        ],
    )
    def test_singapore(self, unclos: Dataset, on: str, expected: PartyReading) -> None:
        """Singapore signed in 1982, ratified on 17 Nov 1994, a day after entry into force: bound 30 days later."""
        assert expected == unclos.party_status_on("unclos", "SG", day(on))

    def test_viet_nam_is_bound_from_the_instruments_day(self, unclos: Dataset) -> None:
        """Viet Nam ratified before the instrument entered into force: bound from that day, derived."""
        assert PartyReading(PartyStatus.CONSENTED, True) == unclos.party_status_on("unclos", "vn", day("1994-11-15"))
        assert PartyReading(PartyStatus.IN_FORCE, True, derived=True) == unclos.party_status_on(
            "unclos", "Viet Nam", day("1994-11-16")
        )

    def test_a_signatory_not_among_the_parties_is_not_a_signatory(self, unclos: Dataset) -> None:
        """Thailand, known but not a party the dataset tracks for UNCLOS, reads not_signatory, certainly."""
        assert PartyReading(PartyStatus.NOT_SIGNATORY, True) == unclos.party_status_on(
            "unclos", "th", day("2000-01-01")
        )

    def test_the_participation_table(self, unclos: Dataset) -> None:
        """One row per party in parties order: signature, consent and kind, derived entry into force, footnotes."""
        rows = unclos.participation("unclos")
        assert ["vn", "sg"] == [r.party for r in rows]
        assert (parse_date("1994-07-25"), ActionKind.RATIFICATION) == rows[0].consent
        assert [(parse_date("1994-11-16"), True), (parse_date("1994-12-17"), True)] == [
            r.entry_into_force for r in rows
        ]
        assert ("Footnote 12 of the Collection: a declaration on ratification.",) == rows[0].footnotes
        assert (None, None) == (rows[1].withdrawal, rows[1].withdrawal_effective)

    def test_bound_on(self, unclos: Dataset) -> None:
        """In force for Viet Nam alone between the two entries into force, then for both."""
        early = unclos.bound_on(["VN", "SG"], day("1994-12-01"))
        assert ([], ["unclos"], []) == (
            [m.agreement.id for m in early.all],
            [m.agreement.id for m in early.only["VN"]],
            [m.agreement.id for m in early.only["SG"]],
        )
        later = unclos.bound_on(["VN", "SG"], day("1995-01-01"))
        assert (["unclos"], [], []) == (
            [m.agreement.id for m in later.all],
            [m.agreement.id for m in later.only["VN"]],
            [m.agreement.id for m in later.only["SG"]],
        )
        assert all(m.certain for m in (*early.only["VN"], *later.all))

    def test_actions_filtered(self, unclos: Dataset) -> None:
        """Actions by party, by kind and by window, in file order; a month-only claim is not the preferred one."""
        assert [1, 3] == [unclos["unclos"].actions.index(a) for _, a in unclos.actions(kinds=[ActionKind.RATIFICATION])]
        assert [3, 4] == [
            unclos["unclos"].actions.index(a) for _, a in unclos.actions(party="SG", between=(day("1994-01-01"), None))
        ]
        assert () == unclos.actions(party="vn", between=(day("1994-08-01"), day("1994-12-31")))
        with pytest.raises(ValueError):
            unclos.actions(between=(day("1995-01-01"), day("1994-01-01")))


# -- silence is not absence ----------------------------------------------------------------

# The Paris Agreement as the bundled data has it (Viet Nam's signature only, nothing of Singapore), a party
# that acceded after the entry into force with no clause to derive its own, and three more instruments:
# one under negotiation, one signed and not yet in force, one that ended.
SILENT = """\
schema_version: 1
sources:
  - {id: untc, language: en, title: 'UN Treaty Collection, chapter XXVII'}
signatories:
  - {id: vn, name: Viet Nam, kind: state, country: VN}
  - {id: sg, name: Singapore, kind: state, country: SG}
  - {id: la, name: Lao People's Democratic Republic, kind: state, country: LA}
  - {id: th, name: Thailand, kind: state, country: TH}
agreements:
  - id: paris
    title: Paris Agreement
    kind: treaty
    multilateral: true
    parties: [vn, sg, la]
    sources: [untc]
    history:
      - {date: 2015-12-12, status: concluded, sources: [untc]}
      - {date: 2016-04-22, status: signed, sources: [untc]}
      - {date: 2016-11-04, status: in_effect, sources: [untc]}
    actions:
      - {party: vn, action: signature, date: 2016-04-22, sources: [untc]}
      - {party: la, action: accession, date: 2017-03, sources: [untc]}
  - id: code
    title: A code under negotiation
    kind: treaty
    multilateral: true
    parties: [vn, sg]
    sources: [untc]
    history:
      - {date: 2025-03-12, status: negotiating, sources: [untc]}
  - id: pending
    title: A convention signed and not yet in force
    kind: treaty
    multilateral: true
    parties: [vn, sg]
    sources: [untc]
    history:
      - {date: 2020-06, status: signed, sources: [untc]}
  - id: ended
    title: A convention that ended
    kind: treaty
    multilateral: true
    parties: [vn, sg]
    sources: [untc]
    history:
      - {date: 2000-01-01, status: signed, sources: [untc]}
      - {date: 2001-01-01, status: in_effect, sources: [untc]}
      - {date: 2010-01-01, status: terminated, sources: [untc]}
"""


@pytest.fixture(scope="module")
def silent() -> Dataset:
    return mou_tracker.loads(SILENT)


_NOT = PartyStatus.NOT_SIGNATORY
_SIGNATORY = PartyStatus.SIGNATORY
_CONSENTED = PartyStatus.CONSENTED
_IN_FORCE = PartyStatus.IN_FORCE


class TestSilence:
    @pytest.mark.parametrize(
        ("on", "expected"),
        [
            ("2016-04-21", PartyReading(_NOT, True)),
            ("2016-04-22", PartyReading(_CONSENTED, False, (_NOT, _SIGNATORY))),
            ("2016-11-03", PartyReading(_CONSENTED, False, (_NOT, _SIGNATORY))),
            ("2016-11-04", PartyReading(_IN_FORCE, False, (_NOT, _SIGNATORY, _CONSENTED))),
            ("2026-01-01", PartyReading(_IN_FORCE, False, (_NOT, _SIGNATORY, _CONSENTED))),
        ],
    )
    def test_a_listed_party_with_no_actions(self, silent: Dataset, on: str, expected: PartyReading) -> None:
        """Singapore, listed with no actions: possibly signed or bound from the opening, in force from the entry."""
        assert expected == silent.party_status_on("paris", "SG", day(on))

    @pytest.mark.parametrize(
        ("on", "expected"),
        [
            ("2016-04-21", PartyReading(_NOT, True)),
            ("2016-04-22", PartyReading(_CONSENTED, False, (_SIGNATORY,))),
            ("2026-01-01", PartyReading(_IN_FORCE, False, (_SIGNATORY, _CONSENTED))),
        ],
    )
    def test_a_signature_and_nothing_after(self, silent: Dataset, on: str, expected: PartyReading) -> None:
        """Viet Nam's signature only: certainly at least a signatory, possibly bound since, in force once it may be."""
        assert expected == silent.party_status_on("paris", "VN", day(on))

    @pytest.mark.parametrize(
        ("on", "expected"),
        [
            ("2017-02-28", PartyReading(_NOT, True)),
            ("2017-03-01", PartyReading(_IN_FORCE, False, (_NOT, _CONSENTED))),
            ("2017-03-31", PartyReading(_IN_FORCE, False, (_CONSENTED,))),
            ("2030-01-01", PartyReading(_IN_FORCE, False, (_CONSENTED,))),
        ],
    )
    def test_a_consent_with_no_entry_into_force_to_derive(
        self, silent: Dataset, on: str, expected: PartyReading
    ) -> None:
        """An accession after the entry into force, no clause: possibly in force from the consent on, never derived."""
        assert expected == silent.party_status_on("paris", "la", day(on))
        assert [None] == [r.entry_into_force for r in silent.participation("paris") if r.party == "la"]

    def test_a_consent_that_may_follow_the_entry_with_no_clause_is_not_derived(self) -> None:
        """No clause, a consent in the instrument's month: its day is unknown, silence, not a derived open range."""
        ds = _single(ActionKind.RATIFICATION, parse_date("1994-11"), parse_date("1994-11-16"), None)
        assert PartyReading(_IN_FORCE, False, (_NOT, _CONSENTED)) == ds.party_status_on("a", "p", day("1994-11-20"))
        assert PartyReading(_IN_FORCE, False, (_CONSENTED,)) == ds.party_status_on("a", "p", day("1995-01-01"))
        assert [None] == [r.entry_into_force for r in ds.participation("a")]

    def test_a_consent_certainly_before_the_entry_is_still_derived(self) -> None:
        """No clause, a consent certainly before the instrument's day: bound on that day, derived."""
        ds = _single(ActionKind.RATIFICATION, parse_date("1994-07"), parse_date("1994-11-16"), None)
        assert PartyReading(_IN_FORCE, True, derived=True) == ds.party_status_on("a", "p", day("1994-11-16"))
        assert [(parse_date("1994-11-16"), True)] == [r.entry_into_force for r in ds.participation("a")]

    def test_an_instrument_under_negotiation(self, silent: Dataset) -> None:
        """With no signed or in-effect event, a listed party with no actions is certainly not a signatory."""
        assert PartyReading(_NOT, True) == silent.party_status_on("code", "VN", day("2030-01-01"))

    def test_signed_not_in_force(self, silent: Dataset) -> None:
        """Signed in a month, never in effect: possibly signatory or bound from its first day, never in force."""
        assert PartyReading(_NOT, True) == silent.party_status_on("pending", "SG", day("2020-05-31"))
        assert PartyReading(_CONSENTED, False, (_NOT, _SIGNATORY)) == silent.party_status_on(
            "pending", "SG", day("2020-06-01")
        )
        assert PartyReading(_CONSENTED, False, (_NOT, _SIGNATORY)) == silent.party_status_on(
            "pending", "SG", day("2040-01-01")
        )

    def test_the_instruments_ending_still_ends_it(self, silent: Dataset) -> None:
        """A silent party of an instrument that was terminated reads ended, certainly, from that day."""
        assert _IN_FORCE in silent.party_status_on("ended", "VN", day("2009-12-31")).possible
        assert PartyReading(PartyStatus.ENDED, True) == silent.party_status_on("ended", "VN", day("2010-01-01"))

    def test_a_signatory_not_listed(self, silent: Dataset) -> None:
        """Thailand, even with a signature, is not in parties (who the record says takes part): certainly not one."""
        import attrs

        paris = silent["paris"]
        signed = Action("th", ActionKind.SIGNATURE, Claimed.of(parse_date("2016-04-22")), ("untc",))
        unlisted = attrs.evolve(silent, agreements=(attrs.evolve(paris, actions=(*paris.actions, signed)),))
        assert PartyReading(_NOT, True) == silent.party_status_on("paris", "th", day("2026-01-01"))
        assert PartyReading(_NOT, True) == unlisted.party_status_on("paris", "th", day("2026-01-01"))

    @pytest.mark.parametrize("party", ["vn", "sg", "la"])
    def test_no_withdrawal_is_presumed(self, silent: Dataset, party: str) -> None:
        """Silence never makes a party possibly withdrawn: a withdrawal is recorded when it happens."""
        for on in ("2016-11-04", "2026-01-01", "2100-01-01"):
            assert PartyStatus.WITHDRAWN not in silent.party_status_on("paris", party, day(on)).possible

    def test_bound_on_reads_the_silence(self, silent: Dataset) -> None:
        """Possibly in force for both Viet Nam and Singapore, and for each alone, never certainly."""
        found = silent.bound_on(["VN", "SG"], day("2026-01-01"))
        assert [("paris", False)] == [(m.agreement.id, m.certain) for m in found.all]
        assert [("paris", False)] == [(m.agreement.id, m.certain) for m in found.only["VN"]]

    def test_the_table_keeps_its_facts(self, silent: Dataset) -> None:
        """The participation rows say what the sources give, nothing presumed: no consent, no entry into force."""
        rows = {r.party: r for r in silent.participation("paris")}
        assert (parse_date("2016-04-22"), None, None) == (
            rows["vn"].signature,
            rows["vn"].consent,
            rows["vn"].entry_into_force,
        )
        assert (None, None, None) == (rows["sg"].signature, rows["sg"].consent, rows["sg"].entry_into_force)


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return mou_tracker.load()


# An agreement that records, for Viet Nam, only the days it took effect for it, and for Singapore its
# signature and that day: neither consent is cited, though each came before its entry into force.
UNCITED_CONSENT = """\
schema_version: 1
sources:
  - {id: s, language: en, title: A report}
signatories:
  - {id: vn, name: Viet Nam, kind: state, country: VN}
  - {id: sg, name: Singapore, kind: state, country: SG}
agreements:
  - id: trade
    title: A trade agreement
    kind: agreement
    multilateral: true
    parties: [vn, sg]
    sources: [s]
    history:
      - {date: 2009-02-26, status: signed, sources: [s]}
      - {date: 2010-05-17, status: in_effect, sources: [s]}
    actions:
      - {party: vn, action: entry_into_force, date: 2010-05-17/2012-12-31, sources: [s]}
      - {party: sg, action: signature, date: 2009-03-10, sources: [s]}
      - {party: sg, action: entry_into_force, date: 2011-01-01, sources: [s]}
"""


class TestUncitedConsent:
    @pytest.mark.parametrize(
        ("party", "on", "expected"),
        [
            ("VN", "2009-02-25", PartyReading(_NOT, True)),
            ("VN", "2009-06-01", PartyReading(_CONSENTED, False, (_NOT, _SIGNATORY))),
            ("VN", "2011-06-01", PartyReading(_IN_FORCE, False, (_NOT, _SIGNATORY, _CONSENTED))),
            ("VN", "2013-01-01", PartyReading(_IN_FORCE, True)),
            ("SG", "2009-03-09", PartyReading(_NOT, True)),
            ("SG", "2009-03-10", PartyReading(_CONSENTED, False, (_SIGNATORY,))),
            ("SG", "2010-12-31", PartyReading(_CONSENTED, False, (_SIGNATORY,))),
            ("SG", "2011-01-01", PartyReading(_IN_FORCE, True)),
        ],
    )
    def test_a_consent_before_a_cited_entry_into_force(self, party: str, on: str, expected: PartyReading) -> None:
        """An entry into force with no consent cited: the consent (and a signature, if none is cited) may have come
        on any day from the opening, or the party's signature, on; none is certain before the entry into force."""
        assert expected == mou_tracker.loads(UNCITED_CONSENT).party_status_on("trade", party, day(on))

    def test_the_bundled_treaties(self, bundled: Dataset) -> None:
        """Viet Nam's CPTPP consent and both parties' ATIGA steps are not cited: possible, not absent."""
        assert PartyReading(_CONSENTED, False, (_SIGNATORY,)) == bundled.party_status_on(
            "cptpp", "VN", day("2018-06-01")
        )
        assert PartyReading(_CONSENTED, False, (_NOT, _SIGNATORY)) == bundled.party_status_on(
            "atiga", "SG", day("2009-06-01")
        )


class TestBundledSilence:
    def test_singapore_on_paris(self, bundled: Dataset) -> None:
        """No cited source gives Singapore's actions on Paris: possibly in force in 2026, not certainly outside it."""
        reading = bundled.party_status_on("paris-agreement", "SG", day("2026-01-01"))
        assert (_IN_FORCE, False) == (reading.status, reading.certain)

    def test_viet_nam_on_paris(self, bundled: Dataset) -> None:
        """Viet Nam's signature is all that is cited: possibly in force in 2026, certainly at least a signatory."""
        reading = bundled.party_status_on("paris-agreement", "VN", day("2026-01-01"))
        assert (_IN_FORCE, False, False) == (reading.status, reading.certain, _NOT in reading.possible)

    def test_unclos_in_1995(self, bundled: Dataset) -> None:
        """Both ratified in 1994, the Convention's day a range, no clause: possibly in force, certainly bound."""
        for party in ("VN", "SG"):
            reading = bundled.party_status_on("unclos", party, day("1995-01-01"))
            assert (_IN_FORCE, False, (_CONSENTED,), False) == (
                reading.status,
                reading.certain,
                reading.otherwise,
                reading.derived,
            )

    def test_unclos_has_no_entry_into_force_derived(self, bundled: Dataset) -> None:
        """No cited source gives the Convention's clause: no party's entry into force is derived (as its notes say)."""
        assert [None, None] == [r.entry_into_force for r in bundled.participation("unclos")]


# -- the brute-force oracle -----------------------------------------------------------------

_ONE = dt.timedelta(days=1)


def _span(date: PartialDate) -> tuple[dt.date, dt.date]:
    assert date.earliest is not None and date.latest is not None
    return date.earliest, date.latest


def _days(lo: dt.date, hi: dt.date) -> list[dt.date]:
    return [lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1)]


def _later(day: dt.date, days: int, months: int) -> dt.date:
    """``day`` plus months then days, as pendulum counts them."""
    moved = pendulum.Date(day.year, day.month, day.day).add(months=months).add(days=days)
    return dt.date(moved.year, moved.month, moved.day)


def _entry(consent: dt.date, instrument: dt.date, clause: EntryIntoForce | None) -> dt.date | None:
    """A party's entry into force by the clause, for one day of consent and one of the instrument's entry.

    A party whose consent came by the trigger (the consent plus the
    instrument's own period no later than its entry into force) is bound
    from the instrument's day; a later one from its consent plus the later
    period, and never before the instrument's day. With no later period: the
    instrument's day for a consent on or before it, else unknown.
    """
    if clause is None or (clause.later_days is None and clause.later_months is None):
        return instrument if consent <= instrument else None
    later = (clause.later_days or 0, clause.later_months or 0)
    own = later if clause.days is None and clause.months is None else (clause.days or 0, clause.months or 0)
    if _later(consent, *own) <= instrument:
        return instrument
    return max(instrument, _later(consent, *later))


def _choices(date: PartialDate | None, floor: dt.date | None, on: dt.date) -> list[dt.date | None]:
    """The days ``date`` may be, not before ``floor``, that can decide a status on ``on``.

    Only whether it is on or before ``on`` matters for the status, and an
    earlier day leaves more room to the steps that follow: the first
    possible day, and the first after ``on``, stand for all of them.
    """
    if date is None:
        return [None]
    lo, hi = _span(date)
    if floor is not None:
        lo = max(lo, floor)
    if lo > hi:
        return []
    return sorted({lo, max(lo, min(hi, on + _ONE))})


def _after(days: list[dt.date | None]) -> dt.date | None:
    found = [d for d in days if d is not None]
    return max(found) if found else None


def _unrecorded(floor: dt.date | None, on: dt.date) -> list[dt.date | None]:
    """The days a step no source records may be, after ``floor`` (None: the step before it never came).

    Any day from ``floor`` on, or never: the first day, and the first after
    ``on`` (which stands for every later day and for never), decide a status.
    """
    if floor is None:
        return [None]
    return sorted({floor, max(floor, on + _ONE)})


def _between(lo: dt.date, hi: dt.date, on: dt.date) -> list[dt.date | None]:
    """The days a step no source records may be, from ``lo`` to ``hi``: the first, and the first after ``on``."""
    if lo > hi:
        return [hi]
    return sorted({lo, min(hi, max(lo, on + _ONE))})


def oracle(
    actions: dict[ActionKind, PartialDate],
    instrument: PartialDate | None,
    clause: EntryIntoForce | None,
    on: dt.date,
    opened: dt.date | None = dt.date(1990, 1, 1),
) -> set[PartyStatus]:
    """Every status the party may have on ``on``, over the days its dates may be, in the order steps follow.

    The sources are silent after the party's last recorded step toward being
    bound: each later step may have come on any day after the one before it
    (never before ``opened``, the instrument's first signed day, or its
    entry into force where there is one), or not yet. ``opened`` None is an
    instrument neither signed nor in effect: nothing can have come. A
    withdrawal is never presumed.
    """
    signature = actions.get(ActionKind.SIGNATURE)
    consent_kind = next((k for k in actions if k.is_consent), None)
    consent = actions.get(consent_kind) if consent_kind is not None else None
    given = actions.get(ActionKind.ENTRY_INTO_FORCE)
    notice = actions.get(ActionKind.WITHDRAWAL)
    effective = actions.get(ActionKind.WITHDRAWAL_EFFECTIVE)
    found: set[PartyStatus] = set()
    instruments: list[dt.date | None] = [None] if instrument is None else _days(*_span(instrument))
    if opened is None and instrument is not None:
        opened = _span(instrument)[0]
    first: dt.date | None = opened
    if given is not None and consent is None:
        # Bound on a cited day, its consent (and signature, if none is cited) not: each came on a day from the
        # opening (or the signature) to the entry into force, any of them.
        floor = opened if opened is not None else dt.date(1900, 1, 1)
        for e in _choices(given, None, on):
            assert e is not None
            signatures = _choices(signature, None, on) if signature is not None else _between(floor, e, on)
            for s in signatures:
                if s is None or s > e:
                    continue
                for c in _between(max(s, floor), e, on):
                    found |= _completed(s, c, [e], notice, effective, on=on)
        return found
    signatures = _choices(signature, None, on) if signature is not None or consent is not None else []
    if signature is None and consent is None:
        signatures = _unrecorded(first, on)
    for s in signatures:
        consents: list[dt.date | None]
        if consent is not None:
            consents = _days(*_span(consent))
        elif signature is not None:
            consents = _unrecorded(None if s is None else max(s, first) if first else s, on)
        else:
            consents = _unrecorded(s, on)
        for c in consents:
            if c is not None and s is not None and consent_kind is not None and consent_kind.needs_signature and c < s:
                continue
            for i in instruments:
                entries: list[dt.date | None]
                if given is not None:
                    entries = list(_choices(given, c, on))
                elif c is None or i is None:
                    entries = [None]
                elif consent is not None and (derived := _entry(c, i, clause)) is not None:
                    entries = [derived]
                else:
                    # No source gives it and no clause derives it: any day from consent and the instrument's day.
                    entries = _unrecorded(max(c, i), on)
                found |= _completed(s, c, entries, notice, effective, on=on)
    return found


def _completed(
    s: dt.date | None,
    c: dt.date | None,
    entries: list[dt.date | None],
    notice: PartialDate | None,
    effective: PartialDate | None,
    *,
    on: dt.date,
) -> set[PartyStatus]:
    """The statuses on ``on`` of the completions with signature ``s``, consent ``c`` and one of ``entries``."""
    found: set[PartyStatus] = set()
    for e in entries:
        for n in _choices(notice, _after([c, e]), on):
            for w in _choices(effective, _after([c, e, n]), on):
                reached = [
                    (s, PartyStatus.SIGNATORY),
                    (c, PartyStatus.CONSENTED),
                    (e, PartyStatus.IN_FORCE),
                    (w, PartyStatus.WITHDRAWN),
                ]
                last = PartyStatus.NOT_SIGNATORY
                for when, status in reached:
                    if when is not None and when <= on:
                        last = status
                found.add(last)
                if effective is None and n is not None and n <= on:
                    found.add(PartyStatus.WITHDRAWN)  # notified: it may have taken effect at once
    return found


_YEAR = 1994


@st.composite
def partial_days(draw: st.DrawFn) -> PartialDate:
    """A day or a month of 1994."""
    month = draw(st.integers(1, 12))
    if draw(st.booleans()):
        return parse_date(f"{_YEAR}-{month:02d}")  # type: ignore[return-value]
    return parse_date(f"{_YEAR}-{month:02d}-{draw(st.integers(1, 28)):02d}")  # type: ignore[return-value]


clauses = st.one_of(
    st.none(),
    st.builds(
        EntryIntoForce,
        sources=st.just(("s",)),
        days=st.one_of(st.none(), st.sampled_from([0, 30, 90])),
        later_days=st.one_of(st.none(), st.sampled_from([0, 1, 30])),
    ),
    st.builds(
        EntryIntoForce,
        sources=st.just(("s",)),
        months=st.one_of(st.none(), st.sampled_from([1, 3, 12])),
        later_months=st.one_of(st.none(), st.sampled_from([0, 1, 2])),
    ),
)


def _in_month(draw: st.DrawFn, index: int) -> PartialDate:
    """A day or the whole of the ``index``-th month from January 1993."""
    year, month = divmod(index, 12)
    if draw(st.booleans()):
        return parse_date(f"{1993 + year}-{month + 1:02d}")  # type: ignore[return-value]
    return parse_date(f"{1993 + year}-{month + 1:02d}-{draw(st.integers(1, 28)):02d}")  # type: ignore[return-value]


@st.composite
def one_party(
    draw: st.DrawFn,
) -> tuple[Dataset, dict[ActionKind, PartialDate], PartialDate | None, EntryIntoForce | None, dt.date | None]:
    """A multilateral instrument with one party's actions, each date a day or a month, some disputed.

    The party's own steps fall in months of their own, in order, so that none
    may be out of order with another (what only a later step's date could tell
    of an earlier one is not read back); the instrument's entry into force,
    which the party's entry into force is derived from, may fall anywhere
    among them. A withdrawal follows the latest day a derived entry into
    force may be. The instrument was signed in 1990 or (``opened`` None)
    only negotiated, then perhaps in effect: a party with no actions, or
    only a signature, is read against what its silence leaves possible.
    """
    consent_kind = draw(st.sampled_from([None, ActionKind.RATIFICATION, ActionKind.ACCESSION, ActionKind.ACCEPTANCE]))
    kinds = [ActionKind.SIGNATURE] if consent_kind is not ActionKind.ACCESSION and draw(st.booleans()) else []
    if consent_kind is None and draw(st.booleans()):
        kinds.append(ActionKind.ENTRY_INTO_FORCE)  # bound on a cited day, its consent not cited
    if consent_kind is not None:
        kinds.append(consent_kind)
        kinds += draw(
            st.sampled_from(
                [
                    [],
                    [ActionKind.ENTRY_INTO_FORCE],
                    [ActionKind.WITHDRAWAL],
                    [ActionKind.ENTRY_INTO_FORCE, ActionKind.WITHDRAWAL],
                    [ActionKind.ENTRY_INTO_FORCE, ActionKind.WITHDRAWAL, ActionKind.WITHDRAWAL_EFFECTIVE],
                    [ActionKind.WITHDRAWAL, ActionKind.WITHDRAWAL_EFFECTIVE],
                ]
            )
        )
    months = sorted(draw(st.sets(st.integers(0, 35), min_size=len(kinds), max_size=len(kinds))))
    dates = {kind: _in_month(draw, m) for kind, m in zip(kinds, months, strict=True)}
    instrument = draw(st.one_of(st.none(), st.integers(6, 23)))
    instrument_date = None if instrument is None else _in_month(draw, instrument)
    clause = draw(clauses)
    if ActionKind.WITHDRAWAL in dates and ActionKind.ENTRY_INTO_FORCE not in dates:
        assert consent_kind is not None
        derived = (
            None if instrument_date is None else derive_entry_into_force(instrument_date, dates[consent_kind], clause)
        )
        notice = dates[ActionKind.WITHDRAWAL]
        if derived is None or derived.latest is None or (notice.earliest and notice.earliest <= derived.latest):
            dates.pop(ActionKind.WITHDRAWAL)
            dates.pop(ActionKind.WITHDRAWAL_EFFECTIVE, None)
    instrument = instrument_date
    opened = draw(st.sampled_from([dt.date(1990, 1, 1), None]))  # None: neither signed nor, maybe, in effect
    history = [StatusEvent(Claimed.of(parse_date("1989-06-01")), Claimed.of(Status.NEGOTIATING))]
    if opened is not None:
        history.append(StatusEvent(Claimed.of(PartialDate.from_date(opened)), Claimed.of(Status.SIGNED)))
    if instrument is not None:
        history.append(StatusEvent(Claimed.of(instrument), Claimed.of(Status.IN_EFFECT)))
    actions = []
    for kind, date in dates.items():
        claims = [Claim(date, ("s",))]
        if draw(st.booleans()):  # a rival claim, never the one read
            claims = [Claim(date, ("s",), preferred=True), Claim(draw(partial_days()), ("s",))]
        actions.append(Action("p", kind, Claimed(tuple(claims)), ("s",)))
    agreement = Agreement(
        id="a",
        title=Claimed.of("A"),
        kind=None,
        sources=("s",),
        parties=("p",),
        history=tuple(history),
        multilateral=True,
        entry_into_force=clause,
        actions=tuple(actions),
    )
    ds = Dataset(
        sources=(Source(id="s", language="en", title="S"),),
        signatories=(Signatory(id="p", name="P", kind=SignatoryKind.STATE, country="SG"),),
        agreements=(agreement,),
    )
    return ds, dates, instrument, clause, opened


Drawn = tuple[Dataset, dict[ActionKind, PartialDate], PartialDate | None, EntryIntoForce | None, dt.date | None]


class TestCertainty:
    @settings(max_examples=300)
    @given(one_party(), st.dates(dt.date(1993, 1, 1), dt.date(1996, 3, 31)))
    def test_certainty_is_never_invented(
        self,
        drawn: Drawn,
        on: dt.date,
    ) -> None:
        """Certain: every way the dates may resolve gives the status; otherwise: each status listed is possible."""
        ds, dates, instrument, clause, opened = drawn
        possible = oracle(dates, instrument, clause, on, opened)
        assume(possible)  # dates that no order of steps can resolve: the data is invalid
        reading = ds.party_status_on("a", "p", on)
        note(f"{dates} instrument {instrument} {clause} -> {reading} against {possible}")
        if reading.certain:
            assert {reading.status} == possible
        else:
            assert reading.possible <= possible
        assert possible <= reading.possible

    def test_a_deposit_bound_the_same_day_is_never_consented_and_waiting(self) -> None:
        """later_days 0: a consent by the day brings entry into force by it, so consented is not listed as possible."""
        ds = _single(ActionKind.ACCESSION, parse_date("1994-03"), parse_date("1994-01-10"), _SAME_DAY)
        reading = ds.party_status_on("a", "p", day("1994-03-15"))
        assert PartyReading(PartyStatus.IN_FORCE, False, (PartyStatus.NOT_SIGNATORY,), derived=True) == reading
        possible = oracle(
            {ActionKind.ACCESSION: parse_date("1994-03")}, parse_date("1994-01-10"), _SAME_DAY, day("1994-03-15")
        )  # type: ignore[arg-type]
        assert possible == reading.possible


_SAME_DAY = EntryIntoForce(sources=("s",), later_days=0)


def _single(
    kind: ActionKind, consent: PartialDate, instrument: PartialDate | None, clause: EntryIntoForce | None
) -> Dataset:
    """A multilateral instrument with one party, whose only action is a consent."""
    history = [StatusEvent(Claimed.of(parse_date("1990-01-01")), Claimed.of(Status.SIGNED))]
    if instrument is not None:
        history.append(StatusEvent(Claimed.of(instrument), Claimed.of(Status.IN_EFFECT)))
    agreement = Agreement(
        id="a",
        title=Claimed.of("A"),
        kind=None,
        sources=("s",),
        parties=("p",),
        history=tuple(history),
        multilateral=True,
        entry_into_force=clause,
        actions=(Action("p", kind, Claimed.of(consent), ("s",)),),
    )
    return Dataset(
        sources=(Source(id="s", language="en", title="S"),),
        signatories=(Signatory(id="p", name="P", kind=SignatoryKind.STATE, country="SG"),),
        agreements=(agreement,),
    )


# -- bilateral instruments ----------------------------------------------------------------

_MAPPED = {
    None: PartyStatus.NOT_SIGNATORY,
    Status.PROPOSED: PartyStatus.NOT_SIGNATORY,
    Status.NEGOTIATING: PartyStatus.NOT_SIGNATORY,
    Status.CONCLUDED: PartyStatus.NOT_SIGNATORY,
    Status.ABANDONED: PartyStatus.NOT_SIGNATORY,
    Status.SIGNED: PartyStatus.SIGNATORY,
    Status.IN_EFFECT: PartyStatus.IN_FORCE,
    Status.COMPLETED: PartyStatus.ENDED,
    Status.EXPIRED: PartyStatus.ENDED,
    Status.TERMINATED: PartyStatus.ENDED,
    Status.SUPERSEDED: PartyStatus.ENDED,
}


class TestBilateral:
    @given(mts.datasets(min_agreements=1, multilateral=False), mts.days(), st.data())
    def test_each_party_reads_the_instruments_status(self, ds: Dataset, on: dt.date, data: st.DataObject) -> None:
        """Without multilateral, status_on is the instrument's own, and each party's status is its mapping."""
        agreement = data.draw(st.sampled_from(ds.agreements))
        assert not agreement.multilateral and not agreement.actions
        reading = ds.status_on(agreement, on)
        assert reading == Dataset(agreements=(agreement,)).status_on(agreement, on)  # no party's actions involved
        mapped = {_MAPPED[s] for s in ((reading.status,) if reading.certain else (reading.status, *reading.otherwise))}
        for party in agreement.parties:
            found = ds.party_status_on(agreement, party, on)
            assert mapped == found.possible
            assert (len(mapped) == 1) == found.certain
            assert _MAPPED[reading.status] == found.status
            assert not found.derived

    @given(mts.datasets(min_agreements=1, multilateral=False), mts.days())
    def test_the_statuses_are_unchanged_by_the_new_fields(self, ds: Dataset, on: dt.date) -> None:
        """Setting multilateral false explicitly, with no actions, leaves every reading as it was."""
        import attrs

        again = attrs.evolve(ds, agreements=tuple(attrs.evolve(a, multilateral=False) for a in ds.agreements))
        assert ds.statuses_on(on) == again.statuses_on(on)

    def test_the_map_is_the_specs(self) -> None:
        """Each of the instrument's statuses maps as the spec says, certainty carried."""
        from mou_tracker import StatusReading
        from mou_tracker.participation import party_status_of

        for status, expected in _MAPPED.items():
            assert PartyReading(expected, True) == party_status_of(StatusReading(status, True))


# -- consent first ----------------------------------------------------------------------------


_SIGNED = (ActionKind.SIGNATURE, ActionKind.SUCCESSION_TO_SIGNATURE)


def _or_first(day: dt.date | None) -> dt.date:
    """An unknown earliest day as the first day there is."""
    return mts.FIRST_DAY if day is None else day


class TestConsentFirst:
    @given(mts.datasets(min_agreements=1, multilateral=True), st.data())
    def test_never_bound_before_the_earliest_day_of_consent(self, ds: Dataset, data: st.DataObject) -> None:
        """Consented or in force is never possible before a recorded consent, or the instrument, may first be."""
        multilateral = [a for a in ds.agreements if a.multilateral]
        assume(multilateral)
        agreement = data.draw(st.sampled_from(multilateral))
        opened = [
            e.date.value.earliest for e in agreement.history if e.status.value in (Status.SIGNED, Status.IN_EFFECT)
        ]
        for party in agreement.parties:
            consent = next((a for a in agreement.actions if a.party == party and a.action.is_consent), None)
            bound = {PartyStatus.CONSENTED, PartyStatus.IN_FORCE}
            if consent is None:
                # Silent on its consent: possible only after its signature, else once the instrument may be signed.
                signature = next((a for a in agreement.actions if a.party == party and a.action in _SIGNED), None)
                if signature is None and not opened:
                    on = data.draw(mts.days())
                    assert not bound & ds.party_status_on(agreement, party, on).possible
                    continue
                floor = signature.date.value.earliest if signature is not None else min(opened, key=_or_first)
                if floor is not None and floor > mts.FIRST_DAY:
                    on = data.draw(mts.days(max_value=floor - _ONE))
                    assert not bound & ds.party_status_on(agreement, party, on).possible
                continue
            first = consent.date.value.earliest
            if first is None or first == mts.FIRST_DAY:
                continue
            on = data.draw(mts.days(max_value=first - _ONE))
            assert not bound & ds.party_status_on(agreement, party, on).possible


# -- the derived entry into force -------------------------------------------------------------


class TestDerivedEntry:
    @settings(max_examples=300)
    @given(partial_days(), partial_days(), clauses)
    def test_the_range_is_every_day_the_clause_gives(
        self, instrument: PartialDate, consent: PartialDate, clause: EntryIntoForce | None
    ) -> None:
        """From partial dates, the derived range runs from the first to the last day any resolution gives."""
        given_days = [_entry(c, i, clause) for c in _days(*_span(consent)) for i in _days(*_span(instrument))]
        derived = derive_entry_into_force(instrument, consent, clause)
        if None in given_days:  # some resolution has no day: the range is open where it may be
            assert (
                derived is None
                or derived.latest is None
                or derived.latest == dt.date.max
                or all(d is None for d in given_days)
            )
            found = [d for d in given_days if d is not None]
            if found and derived is not None:
                assert derived.earliest == min(found)
            return
        assert derived is not None
        assert (min(given_days), max(given_days)) == (derived.earliest, derived.latest)  # type: ignore[type-var]
        if min(given_days) == max(given_days):
            assert isinstance(derived, PartialDate)

    @given(partial_days(), partial_days(), clauses)
    def test_a_consent_by_the_trigger_is_bound_from_the_instruments_day(
        self, instrument: PartialDate, consent: PartialDate, clause: EntryIntoForce | None
    ) -> None:
        """A single day each: the instrument's day if the consent came by it, else consent plus the later period."""
        i, c = _span(instrument)[0], _span(consent)[0]
        found = derive_entry_into_force(PartialDate.from_date(i), PartialDate.from_date(c), clause)
        expected = _entry(c, i, clause)
        assert (None if expected is None else PartialDate.from_date(expected)) == found
        if (
            expected is not None
            and c <= i
            and (clause is None or _later(c, clause.later_days or 0, clause.later_months or 0) <= i)
        ):
            assert PartialDate.from_date(i) == found

    @pytest.mark.parametrize(
        ("instrument", "consent", "expected"),
        [
            ("1994-11-16", "1994-07-25", "1994-11-16"),  # Viet Nam: before the instrument's day
            ("1994-11-16", "1994-11-17", "1994-12-17"),  # Singapore: the thirtieth day after
            ("1994-11-16", "1994-11-01", "1994-12-01"),  # after the sixtieth deposit, 30 days before: its own day
            ("1994-11-16", "1995-03", "1995-03-31/1995-04-30"),  # a month only: a range, never a guessed day
            ("1994-11", "1994-07-25", "1994-11"),  # the instrument's month
        ],
    )
    def test_unclos(self, instrument: str, consent: str, expected: str) -> None:
        """UNCLOS art. 308: twelve months after the sixtieth deposit, and thirty days after a later one."""
        clause = EntryIntoForce(sources=("s",), instruments=60, months=12, later_days=30)
        found = derive_entry_into_force(parse_date(instrument), parse_date(consent), clause)
        assert parse_date(expected) == found or (
            found is not None
            and (parse_date(expected).earliest, parse_date(expected).latest) == (found.earliest, found.latest)
        )

    def test_a_partial_consent_reads_derived_and_uncertain(self) -> None:
        """A consent known to the month gives a party possibly in force in the month after, marked derived."""
        unclos = EntryIntoForce(sources=("s",), instruments=60, months=12, later_days=30)
        ds = _single(ActionKind.ACCESSION, parse_date("1995-03"), parse_date("1994-11-16"), unclos)
        assert PartyReading(PartyStatus.IN_FORCE, False, (PartyStatus.CONSENTED,), derived=True) == ds.party_status_on(
            "a", "p", day("1995-04-15")
        )
        assert PartyReading(PartyStatus.IN_FORCE, True, derived=True) == ds.party_status_on("a", "p", day("1995-04-30"))
        ((entry, derived),) = [r.entry_into_force for r in ds.participation("a") if r.entry_into_force]
        assert (parse_date("1995-03-31/1995-04-30"), True) == (entry, derived)
