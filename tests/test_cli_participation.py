"""Each party's participation on the command line: bound, participation, actions, show --party, and the
per-party readings of list, due, changes and timeline, on a small dataset written here."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest

import mou_tracker
from mou_tracker import reports
from tests.running import run
from tests.terminal import acted_on

# UNCLOS as the UN Treaty Collection records it for Viet Nam and Singapore; an agreement made up for the
# test, whose one consent is known only to the month; and two bilateral MoUs.
FIXTURE = """\
schema_version: 1
sources:
  - id: untc-xxi-6
    language: en
    title: "UN Treaty Collection, chapter XXI, 6: United Nations Convention on the Law of the Sea"
    publisher: United Nations
    url: https://treaties.un.org/Pages/ViewDetailsIII.aspx?src=TREATY&mtdsg_no=XXI-6&chapter=21
  - id: example
    language: en
    title: An example source
signatories:
  - id: vn
    name: Viet Nam
    names: {vi: Việt Nam}
    kind: state
    country: VN
  - id: sg
    name: Singapore
    kind: state
    country: SG
agreements:
  - id: unclos
    title: United Nations Convention on the Law of the Sea
    short: UNCLOS
    kind: treaty
    binding: true
    multilateral: true
    parties: [vn, sg]
    place: Montego Bay
    sources: [untc-xxi-6]
    history:
      - {date: 1982-12-10, status: signed, sources: [untc-xxi-6], note: adopted and opened for signature}
      - {date: 1994-11-16, status: in_effect, sources: [untc-xxi-6]}
    entry_into_force: {instruments: 60, months: 12, later_days: 30, sources: [untc-xxi-6]}
    actions:
      - {party: vn, action: signature, date: 1982-12-10, sources: [untc-xxi-6]}
      - {party: vn, action: ratification, date: 1994-07-25, sources: [untc-xxi-6], notes: With a declaration.}
      - {party: sg, action: signature, date: 1982-12-10, sources: [untc-xxi-6]}
      - {party: sg, action: ratification, date: 1994-11-17, sources: [untc-xxi-6], notes: With a declaration.}
  - id: example-agreement
    title: Example Agreement on Ocean Data
    kind: agreement
    binding: true
    multilateral: true
    parties: [vn, sg]
    sources: [example]
    history:
      - {date: 2023-09-20, status: signed, sources: [example], note: opened for signature}
      - {date: 2026-01-17, status: in_effect, sources: [example]}
    entry_into_force: {instruments: 60, days: 120, later_days: 30, sources: [example]}
    targets:
      - {status: in_effect, description: In force for every party, due: 2026-12-31, sources: [example]}
    actions:
      - {party: vn, action: signature, date: 2023-09-20, sources: [example]}
      - {party: sg, action: accession, date: 2026-03, sources: [example]}
  - id: itx
    title: Memorandum of Understanding on the Innovation Talent Exchange Programme
    short: ITX
    kind: mou
    binding: false
    parties: [vn, sg]
    sources: [example]
    history:
      - {date: 2023-08-28, status: signed, sources: [example]}
  - id: digital
    title: Memorandum of Understanding on Digital Cooperation
    kind: mou
    binding: false
    parties: [vn, sg]
    sources: [example]
    history:
      - {date: 2023-08-28, status: in_effect, sources: [example]}
"""


@pytest.fixture(scope="module")
def data_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("participation") / "participation.yaml"
    path.write_text(FIXTURE, encoding="utf-8")
    return path


Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture
def cli(data_file: Path) -> Cli:
    """``mou-tracker --data FIXTURE ARGS``: its exit code, standard output and standard error."""

    def call(*argv: str) -> tuple[int, str, str]:
        return run("--data", str(data_file), *argv)

    return call


BOUND = """\
In force on 2026-06-01 for Viet Nam and Singapore

in force for      id                 name                              parties
----------------  -----------------  --------------------------------  ---------
both              unclos             United Nations Convent… (UNCLOS)  SG VN
both              digital            MoU on Digital Cooperation        SG VN
Singapore; both?  example-agreement  Example Agreement on Ocean Data   SG VN

? marks what may be so, or may not: a date is not known to the day, or no cited
source gives a party's step (silence is not absence). 'Singapore; both?': in
force for Singapore, and possibly for both of them.
"""


class TestBound:
    def test_both_then_each_alone(self, cli: Cli) -> None:
        """One row an instrument: in force for both, bilateral and multilateral alike; for Singapore and, as Viet
        Nam's silence allows, possibly for both."""
        assert (0, BOUND, "") == cli("--as-of", "2026-06-01", "bound", "VN", "SG")

    @pytest.mark.parametrize("names", [("vn", "sg"), ("Viet Nam", "Singapore"), ("việt nam", "SG")])
    def test_parties_by_id_code_or_name(self, cli: Cli, names: tuple[str, str]) -> None:
        """A party may be given by its id, its country code or its name in any case and language."""
        assert (0, BOUND, "") == cli("--as-of", "2026-06-01", "bound", *names)

    def test_uncertain(self, cli: Cli) -> None:
        """An entry into force known only as a range, and one after a signature no source follows: possibly both."""
        expected = """\
In force on 2026-04-15 for Viet Nam and Singapore

in force for    id                 name                                parties
--------------  -----------------  ----------------------------------  ---------
both            unclos             United Nations Conventio… (UNCLOS)  SG VN
both            digital            MoU on Digital Cooperation          SG VN
both?           example-agreement  Example Agreement on Ocean Data     SG VN

? marks what may be so, or may not: a date is not known to the day, or no cited
source gives a party's step (silence is not absence). 'both?': possibly in force
for both of them, for one of them only, or for neither.
"""
        assert (0, expected, "") == cli("--as-of", "2026-04-15", "bound", "VN", "SG")

    def test_before_a_ratification(self, cli: Cli) -> None:
        """On the day the Convention entered into force it bound Viet Nam, which had ratified, not Singapore."""
        expected = """\
In force on 1994-11-16 for Viet Nam and Singapore

in force for    id      name                                           parties
--------------  ------  ---------------------------------------------  ---------
Viet Nam only   unclos  United Nations Convention on the La… (UNCLOS)  SG VN
"""
        assert (0, expected, "") == cli("--as-of", "1994-11-16", "bound", "VN", "SG")

    def test_a_party_given_twice_is_one(self, cli: Cli) -> None:
        """VN, vn and Viet Nam are one party: bound VN vn Viet Nam reads as bound VN."""
        code, out, err = cli("--as-of", "2026-06-01", "bound", "VN", "vn", "Viet Nam")
        assert (0, "") == (code, err)
        assert cli("--as-of", "2026-06-01", "bound", "VN")[1] == out
        data = mou_tracker.loads(FIXTURE)
        assert ("SG", "VN") == data.bound_on(["SG", "sg", "VN", "Singapore"], dt.date(2026, 6, 1)).parties

    def test_one_party(self, cli: Cli) -> None:
        """With one party, the instruments in force for it, named by it; one it has only signed, possibly."""
        expected = """\
In force on 2026-06-01 for Viet Nam

in force for    id                 name                                parties
--------------  -----------------  ----------------------------------  ---------
Viet Nam        unclos             United Nations Conventio… (UNCLOS)  SG VN
Viet Nam        digital            MoU on Digital Cooperation          SG VN
Viet Nam?       example-agreement  Example Agreement on Ocean Data     SG VN

? marks what may be so, or may not: a date is not known to the day, or no cited
source gives a party's step (silence is not absence).
"""
        assert (0, expected, "") == cli("--as-of", "2026-06-01", "bound", "Viet Nam")

    def test_json(self, cli: Cli) -> None:
        """The JSON form names the parties as given, and each instrument with how sure it is."""
        code, out, _ = cli("--as-of", "2026-04-15", "bound", "VN", "sg", "--format", "json")
        assert 0 == code
        assert {
            "day": "2026-04-15",
            "parties": [{"given": "VN", "name": "Viet Nam"}, {"given": "sg", "name": "Singapore"}],
            "all": [
                {"id": "unclos", "title": "United Nations Convention on the Law of the Sea", "certain": True},
                {"id": "example-agreement", "title": "Example Agreement on Ocean Data", "certain": False},
                {"id": "digital", "title": "Memorandum of Understanding on Digital Cooperation", "certain": True},
            ],
            "only": {
                "VN": [{"id": "example-agreement", "title": "Example Agreement on Ocean Data", "certain": False}],
                "sg": [{"id": "example-agreement", "title": "Example Agreement on Ocean Data", "certain": False}],
            },
        } == json.loads(out)

    @pytest.mark.parametrize(
        ("party", "message"),
        [
            ("XX", "mou-tracker: error: no country code with id 'XX'\n"),
            ("Singapur", "mou-tracker: error: no signatory has the id or name 'Singapur'; did you mean 'sg'?\n"),
        ],
    )
    def test_unknown_party(self, cli: Cli, party: str, message: str) -> None:
        """An unknown party is a one-line error with a suggestion where one is close, exit 2, no traceback."""
        assert (2, "", message) == cli("bound", "VN", party)


class TestParticipation:
    def test_the_collection_table(self, cli: Cli) -> None:
        """Dates as the Collection writes them; entries into force derived from the clause are marked '*'."""
        expected = """\
Participation in unclos (multilateral)

participant    signature    consent      entry into force    footnotes
-------------  -----------  -----------  ------------------  -------------------
Viet Nam       10 Dec 1982  25 Jul 1994  16 Nov 1994 *       With a declaration.
Singapore      10 Dec 1982  17 Nov 1994  17 Dec 1994 *       With a declaration.

*: entry into force derived from the instrument's clause, not given by a source.
"""
        assert (0, expected, "") == cli("participation", "UNCLOS")

    def test_letter_and_partial_consent(self, cli: Cli) -> None:
        """An accession carries its letter, a consent known to the month a range; blanks are said to be silence."""
        expected = """\
Participation in example-agreement (multilateral)

participant    signature    consent     entry into force             footnotes
-------------  -----------  ----------  ---------------------------  -----------
Viet Nam       20 Sep 2023
Singapore                   Mar 2026 a  31 Mar 2026 – 30 Apr 2026 *

a: accession; *: entry into force derived from the instrument's clause, not
given by a source; a blank date is one no cited source gives, not a step known
not to have been taken.
"""
        assert (0, expected, "") == cli("participation", "example-agreement")

    def test_bilateral(self, cli: Cli) -> None:
        """A bilateral instrument's parties share its signature and entry into force."""
        expected = """\
Participation in digital (bilateral)

participant    signature    consent    entry into force    footnotes
-------------  -----------  ---------  ------------------  -----------
Viet Nam                               28 Aug 2023
Singapore                              28 Aug 2023
"""
        assert (0, expected, "") == cli("participation", "digital")

    def test_vietnamese_names(self, cli: Cli) -> None:
        """--lang vi names the participants in Vietnamese where the data has it."""
        _, out, _ = cli("--lang", "vi", "participation", "unclos", "--format", "plain")
        assert ["Việt Nam", "Singapore"] == [line.split("  ")[0] for line in out.splitlines()[3:5]]

    def test_json(self, cli: Cli) -> None:
        """The JSON form gives each date in EDTF, the consent's kind and letter, and whether each entry was derived."""
        code, out, _ = cli("participation", "example-agreement", "--format", "json")
        assert 0 == code
        assert {
            "party": "sg",
            "name": "Singapore",
            "signature": None,
            "signature_action": None,
            "consent": {"date": "2026-03", "action": "accession", "letter": "a"},
            "entry_into_force": {"date": "2026-03-31/2026-04-30", "derived": True},
            "withdrawal": None,
            "withdrawal_effective": None,
            "footnotes": [],
        } == json.loads(out)["parties"][1]

    def test_csv(self, cli: Cli) -> None:
        """The CSV form has the columns of the table and its cells."""
        code, out, _ = cli("participation", "unclos", "--format", "csv")
        assert (0, "participant,signature,consent,entry into force,footnotes") == (code, out.splitlines()[0])
        assert "Singapore,10 Dec 1982,17 Nov 1994,17 Dec 1994 *,With a declaration." == out.splitlines()[2]

    def test_unknown_instrument(self, cli: Cli) -> None:
        """An unknown instrument is a one-line error that says how to search, exit 2."""
        code, out, err = cli("participation", "law of the moon")
        assert (2, "") == (code, out)
        assert err.startswith("mou-tracker: error: no agreement has the id or name 'law of the moon'")
        assert err.endswith("To look for it by its words: mou-tracker search WORDS\n")


class TestActions:
    def test_what_a_party_did_in_a_period(self, cli: Cli) -> None:
        """Everything Viet Nam ratified, acceded to or signed in a period."""
        expected = """\
Actions of Viet Nam from 1980-01-01 to 2000-12-31

date        party    action        id      name                      sources
----------  -------  ------------  ------  ------------------------  ----------
1982-12-10  vn       signature     unclos  United Nations… (UNCLOS)  untc-xxi-6
1994-07-25  vn       ratification  unclos  United Nations… (UNCLOS)  untc-xxi-6
"""
        args = ("actions", "--party", "VN", "--kind", "ratification,accession,signature", "--since", "1980")
        assert (0, expected, "") == cli(*args, "--until", "2000")

    def test_in_the_order_they_happened(self, tmp_path: Path) -> None:
        """Actions come by date whatever the order of the file: Singapore's 2026 accession after 1994."""
        head, rest = FIXTURE.split("  - id: unclos\n")
        unclos, others = rest.split("  - id: example-agreement\n")
        path = tmp_path / "reordered.yaml"
        path.write_text(head + "  - id: example-agreement\n" + others + "  - id: unclos\n" + unclos, encoding="utf-8")
        assert ["example-agreement", "unclos", "unclos"] == [a.id for a, _ in mou_tracker.load(path).actions("sg")]
        code, out, _ = run("--data", str(path), "actions", "--party", "SG", "--format", "json")
        assert (0, ["1982-12-10", "1994-11-17", "2026-03"]) == (code, [row["date"] for row in json.loads(out)])

    def test_a_date_that_may_fall_outside(self, cli: Cli) -> None:
        """A date known only to the month that straddles the window's start is kept, marked '?'."""
        expected = """\
Actions of Singapore from 2026-03-15

date      party    action         id                 name
--------  -------  -------------  -----------------  ---------------------------
2026-03?  sg       accession (a)  example-agreement  Example Agreement on Ocean…
"""
        assert (0, expected, "") == cli("actions", "--party", "Singapore", "--since", "2026-03-15")

    def test_kinds_repeated_or_by_comma(self, cli: Cli) -> None:
        """--kind takes kinds apart by commas or repeated, in any case."""
        assert cli("actions", "--kind", "Accession", "--kind", "ratification") == cli(
            "actions", "--kind", "ratification,accession"
        )

    def test_json(self, cli: Cli) -> None:
        """The JSON form gives each action with its letter, how sure it is in the window, and its sources."""
        code, out, _ = cli("actions", "--kind", "accession", "--format", "json")
        assert 0 == code
        assert [
            {
                "date": "2026-03",
                "party": "sg",
                "action": "accession",
                "letter": "a",
                "id": "example-agreement",
                "title": "Example Agreement on Ocean Data",
                "certain": True,
                "disputed": False,
                "notes": None,
                "sources": ["example"],
            }
        ] == json.loads(out)

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (("--kind", "ratify"), "unknown kind of action 'ratify'; choose one of signature, "),
            (("--kind", "ratification,"), "unknown kind of action ''; choose one of signature, "),
            (("--party", "QQ"), "no country code with id 'QQ'"),
            (("--since", "2000", "--until", "1990"), "--since (2000-01-01) is after --until (1990-12-31)"),
        ],
    )
    def test_bad_input(self, cli: Cli, args: tuple[str, ...], message: str) -> None:
        """A bad filter is a one-line error, exit 2, no traceback."""
        code, out, err = cli("actions", *args)
        assert (2, "") == (code, out)
        assert err.startswith(f"mou-tracker: error: {message}")
        assert 1 == err.count("\n")


class TestShowParty:
    def test_before_its_ratification(self, cli: Cli) -> None:
        """On 1 November 1994 UNCLOS was, for Singapore, signed and no more; the card shows who did what."""
        code, out, err = cli("--as-of", "1994-11-01", "show", "unclos", "--party", "SG")
        assert (0, "") == (code, err)
        expected = """\
unclos: United Nations Convention on the Law of the Sea

field                               value
----------------------------------  -------------------------------------------
title                               United Nations Convention on the Law of the
                                    Sea
short name                          UNCLOS
kind                                treaty
binding                             yes
status on 1994-11-01                signed
status for Singapore on 1994-11-01  signatory
signed                              1982-12-10
parties                             Viet Nam; Singapore
place                               Montego Bay

History

date        status     sources     note
----------  ---------  ----------  --------------------------------
1982-12-10  signed     untc-xxi-6  adopted and opened for signature
1994-11-16  in effect  untc-xxi-6

Participation

participant    signature    consent      entry into force    footnotes
-------------  -----------  -----------  ------------------  -------------------
Viet Nam       10 Dec 1982  25 Jul 1994  16 Nov 1994 *       With a declaration.
Singapore      10 Dec 1982  17 Nov 1994  17 Dec 1994 *       With a declaration.

*: entry into force derived from the instrument's clause, not given by a source.
"""
        assert out.startswith(expected)

    def test_in_force_derived(self, cli: Cli) -> None:
        """On 1 January 1995 it was in force for Singapore, by the clause: thirty days after its ratification."""
        _, out, _ = cli("--as-of", "1995-01-01", "show", "unclos", "--party", "singapore", "--format", "csv")
        assert [
            "status on 1995-01-01,in effect",
            "status for Singapore on 1995-01-01,in force",
            "derived,the entry into force for it is derived from the instrument's clause",
        ] == out.splitlines()[5:8]

    def test_uncertain(self, cli: Cli) -> None:
        """A reading the dates leave open says what else the party's status may be."""
        _, out, _ = cli("--as-of", "2026-04-15", "show", "example-agreement", "--party", "SG", "--format", "csv")
        assert [
            "status for Singapore on 2026-04-15,in force?",
            'or else,"consented, not yet in force"',
            "derived,the entry into force for it is derived from the instrument's clause",
        ] == out.splitlines()[5:8]

    def test_json(self, cli: Cli) -> None:
        """The JSON card gains party_status, the party's reading on the day."""
        _, out, _ = cli("--as-of", "1995-01-01", "show", "unclos", "--party", "Singapore", "--format", "json")
        assert {
            "given": "Singapore",
            "name": "Singapore",
            "day": "1995-01-01",
            "status": "in_force",
            "certain": True,
            "otherwise": [],
            "derived": True,
        } == json.loads(out)["party_status"]

    def test_bilateral(self, cli: Cli) -> None:
        """For a bilateral instrument the party's status is the instrument's own, mapped."""
        _, out, _ = cli("--as-of", "2025-01-01", "show", "itx", "--party", "vn", "--format", "csv")
        assert "status for Viet Nam on 2025-01-01,signatory" == out.splitlines()[6]

    def test_unknown_party(self, cli: Cli) -> None:
        """An unknown party is a one-line error, exit 2, no traceback."""
        assert (2, "", "mou-tracker: error: no signatory has the id or name 'Atlantis'\n") == cli(
            "show", "unclos", "--party", "Atlantis"
        )


class TestListParty:
    def test_in_effect_for_the_party(self, cli: Cli) -> None:
        """--party --status in_effect keeps an instrument in force for that party, '?' where it only may be."""
        expected = """\
Status on 2026-06-01 (multilateral instruments: their status for Viet Nam)

id                 name                        status      signed      kind
-----------------  --------------------------  ----------  ----------  ---------
unclos             United Nations C… (UNCLOS)  in effect   1982-12-10  treaty
example-agreement  Example Agreement on Ocea…  in effect?  2023-09-20  agreement
digital            MoU on Digital Cooperation  in effect               MoU
"""
        assert (0, expected, "") == cli("--as-of", "2026-06-01", "list", "--party", "VN", "--status", "in_effect")

    def test_signed_for_the_party(self, cli: Cli) -> None:
        """An instrument in force that the party has only signed may be, for it, signed still: kept, as in effect?."""
        expected = """\
Status on 2026-06-01 (multilateral instruments: their status for Viet Nam)

id                 name                        status      signed      kind
-----------------  --------------------------  ----------  ----------  ---------
example-agreement  Example Agreement on Ocea…  in effect?  2023-09-20  agreement
itx                MoU on the Innovati… (ITX)  signed      2023-08-28  MoU
"""
        assert (0, expected, "") == cli("--as-of", "2026-06-01", "list", "--party", "viet nam", "--status", "signed")

    def test_possibly(self, cli: Cli) -> None:
        """A party possibly bound is kept, marked '?', and left out by --certain."""
        _, out, _ = cli("--as-of", "2026-04-15", "list", "--party", "SG", "--status", "in_effect", "--format", "csv")
        assert ["unclos,in effect", "example-agreement,in effect?", "digital,in effect"] == [
            ",".join(line.split(",")[::2][:2]) for line in out.splitlines()[1:]
        ]
        _, out, _ = cli("--as-of", "2026-04-15", "list", "--party", "SG", "--status", "in_effect", "--certain")
        assert "example-agreement" not in out

    def test_without_party_the_instrument(self, cli: Cli) -> None:
        """Without --party, a multilateral instrument's status is its own."""
        _, out, _ = cli("--as-of", "2026-06-01", "list", "--status", "in_effect", "--format", "json")
        assert ["unclos", "example-agreement", "digital"] == [r["id"] for r in json.loads(out)]

    def test_json_status_is_the_partys(self, cli: Cli) -> None:
        """In JSON, the status of a multilateral instrument listed for one party is the party's."""
        _, out, _ = cli("--as-of", "2026-06-01", "list", "--party", "VN", "--format", "json")
        assert {"unclos": "in_effect", "example-agreement": "in_effect", "itx": "signed", "digital": "in_effect"} == {
            r["id"]: r["status"] for r in json.loads(out)
        }


class TestDue:
    def test_pending_consent(self, cli: Cli) -> None:
        """A target of a multilateral instrument falls due for each party that has yet to consent."""
        expected = """\
date,when,id,what,overdue,name
2026-12-31,in 7 months,example-agreement,vn consent pending: In force for every party,,Example Agreement on Ocean Data
"""
        assert (0, expected, "") == cli("--as-of", "2026-06-01", "due", "--format", "csv")

    def test_met_once_consented(self, cli: Cli, tmp_path: Path) -> None:
        """Once the party has consented and the instrument is in force for it, nothing is due for it."""
        consented = FIXTURE.replace(
            "      - {party: sg, action: accession, date: 2026-03, sources: [example]}\n",
            "      - {party: sg, action: accession, date: 2026-03, sources: [example]}\n"
            "      - {party: vn, action: ratification, date: 2026-05-02, sources: [example]}\n",
        )
        path = tmp_path / "consented.yaml"
        path.write_text(consented, encoding="utf-8")
        code, out, _ = run("--data", str(path), "--as-of", "2026-06-01", "due", "--format", "json")
        assert (0, []) == (code, json.loads(out))

    def test_json_and_overdue(self, cli: Cli) -> None:
        """Once its date has passed, the party's pending consent is overdue; its JSON names party and pending."""
        code, out, _ = cli("--as-of", "2027-02-01", "due", "--format", "json", "--fail-on-overdue")
        assert 1 == code
        assert [
            {
                "date": "2026-12-31",
                "when": "1 month ago",
                "id": "example-agreement",
                "title": "Example Agreement on Ocean Data",
                "what": "In force for every party",
                "overdue": True,
                "certain": True,
                "party": "vn",
                "pending": "consent",
            }
        ] == json.loads(out)


class TestChangesAndTimeline:
    def test_changes_list_actions(self, cli: Cli) -> None:
        """changes lists the parties' actions with the status events, newest first."""
        expected = """\
Changes from 2026-01-01 to 2026-06-01

date        id                 name                             status
----------  -----------------  -------------------------------  -------------
2026-03     example-agreement  Example Agreement on Ocean Data  SG: accession
2026-01-17  example-agreement  Example Agreement on Ocean Data  in effect
"""
        assert (0, expected, "") == cli("--as-of", "2026-06-01", "changes", "--since", "2026")

    def test_changes_json(self, cli: Cli) -> None:
        """An action's JSON record in changes has its party and action, and no status."""
        _, out, _ = cli("--as-of", "2026-06-01", "changes", "--since", "2026-03-15", "--format", "json")
        assert {
            "date": "2026-03",
            "id": "example-agreement",
            "title": "Example Agreement on Ocean Data",
            "status": None,
            "party": "sg",
            "action": "accession",
            "certain": False,
            "sources": ["example"],
        } == json.loads(out)[0]

    def test_timeline_lists_actions(self, cli: Cli) -> None:
        """The timeline lists the parties' actions among the events, oldest first, and says how they are named."""
        _, out, _ = cli("timeline", "--format", "plain", "--wide")
        cells = [re.split(r"  +", line) for line in out.splitlines()[3:9]]
        events = [f"{row[0]} {row[3]}" for row in cells]
        assert [
            "1982-12-10 signed",
            "1982-12-10 VN: signature",
            "1982-12-10 SG: signature",
            "1994-07-25 VN: ratification",
            "1994-11-16 in effect",
            "1994-11-17 SG: ratification",
        ] == events
        assert out.rstrip().endswith("is named by the party: 'VN: ratification' (a State by its country code).")


class TestTerminalSafety:
    def test_names_escaped(self, data_file: Path) -> None:
        """A party's name or a footnote holding controls (a dataset built in code) is shown escaped."""
        import attrs

        data = mou_tracker.load(data_file, cache=False)
        sg = attrs.evolve(data.signatory("sg"), name="Singa\x1b[31mpore")
        unclos = data["unclos"]
        actions = tuple(attrs.evolve(a, notes="\u202eevil") if a.party == "sg" else a for a in unclos.actions)
        changed = mou_tracker.Dataset(
            agreements=(attrs.evolve(unclos, actions=actions),),
            signatories=(data.signatory("vn"), sg),
            sources=data.sources,
        )
        day = dt.date(2026, 1, 1)
        for report in (
            reports.participation_report(changed, changed["unclos"]),
            reports.bound_report(changed, changed.bound_on(["vn", "sg"], day)),
            reports.timeline_report(changed),
        ):
            for fmt in ("simple", "csv", "github", "html"):
                assert [] == acted_on(reports.render(report, fmt))
        card = reports.card(changed, "unclos", day, party="sg")
        assert [] == acted_on(card)
        assert "Singa\\x1b[31mpore" in card


class TestParties:
    def test_in_effect_for_the_party(self, cli: Cli) -> None:
        """A multilateral instrument counts as in effect for a party only when it is in force for that party."""
        expected = """\
Parties on 2026-04-15

party    name       country    agreements    in effect    last signed
-------  ---------  ---------  ------------  -----------  -------------
vn       Viet Nam   VN         4             2+1?         2023-09-20
sg       Singapore  SG         4             2+1?         2023-09-20
"""
        assert (0, expected, "") == cli("--as-of", "2026-04-15", "parties")


class TestEmptyValues:
    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (("bound", "VN", ""), "PARTY needs a value, found an empty one"),
            (("show", "unclos", "--party", ""), "--party needs a value, found an empty one"),
            (("actions", "--party", " "), "--party needs a value, found an empty one"),
            (("actions", "--kind", ""), "--kind needs a value, found an empty one"),
        ],
    )
    def test_refused(self, cli: Cli, args: tuple[str, ...], message: str) -> None:
        """An empty value is a mistake, not a request for everything: a one-line error, exit 2."""
        assert (2, "", f"mou-tracker: error: {message}\n") == cli(*args)
