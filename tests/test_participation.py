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
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest

import mou_tracker
from mou_tracker import (
    DataError,
    Dataset,
    loading,
    parse_date,
)
from mou_tracker.cache import CACHE_ENV
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


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    where = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(where))
    return where


@pytest.fixture
def parsed() -> Iterator[list[str]]:
    """The names of the files parsed from YAML (not taken from the cache) while the test runs."""
    names: list[str] = []
    real = loading._read_part

    def counting(data: str | bytes, filename: str) -> loading._Part:
        names.append(filename)
        return real(data, filename)

    with mock.patch.object(loading, "_read_part", counting):
        yield names


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
