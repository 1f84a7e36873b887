"""The importer of the UN Treaty Collection's status tables (mou_tracker.untc and `mou-tracker import untc`).

tests/data/untc/ holds copies of scraped tables of the Collection, as the
scraped form has them; the smaller cases are hand-written tables.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mou_tracker
from mou_tracker import strategies, untc
from mou_tracker._characters import refusal
from mou_tracker.dates import PartialDate
from mou_tracker.exceptions import DataError, UnknownName, format_path
from mou_tracker.model import ActionKind, SignatoryKind
from mou_tracker.untc import (
    KINDS,
    Cell,
    Column,
    Row,
    Table,
    convert,
    import_untc,
    party,
    read_table,
    write_table,
)
from tests.running import run

SAMPLES = Path(__file__).resolve().parent / "data" / "untc"
ROOT = SAMPLES.parent.parent.parent

UNCLOS_HEADER = (
    'Participant,"Signature, Succession to signature(d)",'
    '"Formal confirmation(c), Accession(a), Succession(d), Ratification"\n'
)
UNCLOS_INDEX = (
    "chapter_no,treaty_no,treaty_name,url,chapter_url,chapter_name\n"
    '21,6,"United Nations Convention on the Law of the Sea. Montego Bay, 10 December 1982",'
    "http://treaties.un.org/pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXI-6&chapter=21&lang=en,,Law of the Sea\n"
)


def tables(tmp_path: Path, rows: str, *, header: str = UNCLOS_HEADER, index: str = UNCLOS_INDEX) -> Path:
    """A directory of one hand-written UNCLOS table (its rows as given) and its index."""
    source = tmp_path / "tables"
    source.mkdir()
    (source / "index.csv").write_text(index, encoding="utf-8")
    (source / "21-6.csv").write_text(header + rows, encoding="utf-8")
    return source


def files(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.iterdir())}


def shown(day: object) -> str:
    """A day of the participation as the Collection's tables write it: 10 Dec 1982."""
    assert isinstance(day, PartialDate)
    return f"{day.earliest.day} {day.earliest.strftime('%b')} {day.earliest.year}"


class TestSamples:
    def test_import_then_validate(self, tmp_path: Path) -> None:
        """Every sample table imports with no problem, and the data written loads and validates."""
        code, out, err = run("import", "untc", str(SAMPLES), "--output", str(tmp_path / "data"))
        assert (0, "") == (code, err)
        assert out.startswith("10 treaties read, with 2,018 actions of 198 participants; left out: 0 tables, 0 rows\n")
        assert (0, "") == run("--data", str(tmp_path / "data"), "validate")[::2]
        dataset = mou_tracker.load(tmp_path / "data")
        assert 10 == len(dataset.agreements)
        assert all(a.multilateral for a in dataset.agreements)

    def test_every_action_cites_its_treatys_page(self, tmp_path: Path) -> None:
        """Every action cites the source of its treaty's status page, whose address is the index's."""
        import_untc(SAMPLES, tmp_path)
        dataset = mou_tracker.load(tmp_path)
        with (SAMPLES / "index.csv").open(encoding="utf-8", newline="") as file:
            urls = {row["url"] for row in csv.DictReader(file)}
        for agreement in dataset.agreements:
            (source,) = agreement.sources
            assert dataset.source(source).url in urls
            assert all((source,) == action.sources for action in agreement.actions)

    def test_unclos_participation_matches_the_table_row_for_row(self, tmp_path: Path) -> None:
        """Dataset.participation of the imported UNCLOS gives, row for row, the participant, signature and consent
        of 21-6.csv (read here with the csv module, not the importer)."""
        import_untc(SAMPLES, tmp_path)
        dataset = mou_tracker.load(tmp_path)
        with (SAMPLES / "21-6.csv").open(encoding="utf-8", newline="") as file:
            expected = [tuple(row) for row in list(csv.reader(file))[1:]]
        actual = []
        for row in dataset.participation("untc-xxi-6"):
            signatory = dataset.signatory(row.party)
            name = signatory.aliases[-1] if signatory.aliases else signatory.name  # a former name is the table's
            signature = ""
            if row.signature is not None:
                kind = next(a.action for a in dataset["untc-xxi-6"].actions if a.party == row.party)
                signature = " ".join(filter(None, (shown(row.signature), kind.letter)))
            consent = ""
            if row.consent is not None:
                day, kind = row.consent
                consent = " ".join(filter(None, (shown(day), kind.letter)))
            actual.append((name, signature, consent))
        assert 180 == len(expected)
        assert expected == actual

    def test_unclos_printed_matches_the_table_row_for_row(self, tmp_path: Path) -> None:
        """`mou-tracker participation` of the imported UNCLOS prints 21-6.csv row for row: the participant (a
        former name as the State's name now), its signature and its consent with the kind's letter."""
        assert 0 == run("import", "untc", str(SAMPLES), "--output", str(tmp_path))[0]
        code, out, err = run("--data", str(tmp_path), "participation", "untc-xxi-6", "--format", "csv")
        assert (0, "") == (code, err)
        printed = list(csv.reader(io.StringIO(out)))
        assert ["participant", "signature", "consent", "entry into force", "footnotes"] == printed[0]
        with (SAMPLES / "21-6.csv").open(encoding="utf-8", newline="") as file:
            table = list(csv.reader(file))[1:]
        dataset = mou_tracker.load(tmp_path)
        names = {name: s.name for s in dataset.signatories for name in (s.name, *s.aliases)}
        assert 180 == len(table)
        assert [(names[name], signature, consent) for name, signature, consent in table] == [
            (participant, signature, consent) for participant, signature, consent, *_ in printed[1:]
        ]

    def test_reimport_is_byte_identical(self, tmp_path: Path) -> None:
        """Importing the same tables twice, into two directories or into the same one, gives the same bytes; the
        second import into the same directory touches no file."""
        import_untc(SAMPLES, tmp_path / "a")
        import_untc(SAMPLES, tmp_path / "b")
        assert files(tmp_path / "a") == files(tmp_path / "b")
        before = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "a").iterdir()}
        again = import_untc(SAMPLES, tmp_path / "a")
        assert ((), 11, ()) == (again.written, len(again.unchanged), again.problems)
        assert before == {p.name: p.stat().st_mtime_ns for p in (tmp_path / "a").iterdir()}

    def test_a_source_elsewhere_gives_the_same_bytes(self, tmp_path: Path) -> None:
        """The files do not depend on where the tables are: a copy elsewhere imports to the same bytes."""
        shutil.copytree(SAMPLES, tmp_path / "copy")
        assert convert(SAMPLES).files == convert(tmp_path / "copy").files

    def test_the_docs_example_is_current(self) -> None:
        """docs/examples/untc holds what importing tests/data/untc writes (docs/import.md shows it)."""
        expected = {name: text.encode("utf-8") for name, text in convert(SAMPLES).files.items()}
        assert expected == files(ROOT / "docs" / "examples" / "untc")

    def test_former_names_organisations_and_the_states_of_the_depositarys_practice(self, tmp_path: Path) -> None:
        """The samples' former names are aliases of the State as named now, with no dated renaming; the European
        Union is an organisation with no country; the Holy See, Niue and the Cook Islands are States."""
        import_untc(SAMPLES, tmp_path)
        dataset = mou_tracker.load(tmp_path)
        eswatini = dataset.signatory("sz")
        assert ("Eswatini", ("Swaziland",), ()) == (eswatini.name, eswatini.aliases, eswatini.history)
        macedonia = dataset.signatory("mk")
        assert ("North Macedonia", ("The former Yugoslav Republic of Macedonia",)) == (
            macedonia.name,
            macedonia.aliases,
        )
        eu = dataset.signatory("eu")
        assert (SignatoryKind.INTERNATIONAL_ORGANISATION, None) == (eu.kind, eu.country)
        assert {"va", "nu", "ck"} <= {s.id for s in dataset.signatories}


class TestOverwriting:
    def test_an_edited_file_is_not_overwritten(self, tmp_path: Path) -> None:
        """A file a curator edited is left as it is, located at its first difference, and the command exits 2;
        with --force it is written."""
        out_dir = tmp_path / "data"
        import_untc(SAMPLES, out_dir)
        edited = out_dir / "untc-xxi-6.yaml"
        text = edited.read_text(encoding="utf-8").replace("kind: treaty", "kind: treaty  # checked")
        edited.write_text(text, encoding="utf-8")
        code, out, err = run("import", "untc", str(SAMPLES), "--output", str(out_dir))
        assert 2 == code
        line = text.splitlines().index("  kind: treaty  # checked") + 1
        assert err.startswith(f"{edited}:{line}:15: $: the file is not as an import wrote it")
        assert out.endswith(": 0 files written, 10 unchanged, 1 refused\n")
        assert text == edited.read_text(encoding="utf-8")
        code, out, err = run("import", "untc", str(SAMPLES), "--output", str(out_dir), "--force")
        assert (0, "") == (code, err)
        assert files(out_dir) == {k: v.encode() for k, v in convert(SAMPLES).files.items()}

    def test_an_unedited_file_is_updated_from_newer_tables(self, tmp_path: Path) -> None:
        """A file as an import wrote it is replaced by an import of newer tables without --force; the same file,
        edited, is not."""
        source = tables(tmp_path, "Viet Nam,10 Dec 1982,\n")
        import_untc(source, tmp_path / "data")
        (source / "21-6.csv").write_text(UNCLOS_HEADER + "Viet Nam,10 Dec 1982,25 Jul 1994\n", encoding="utf-8")
        done = import_untc(source, tmp_path / "data")
        assert (("participants.yaml",), ("untc-xxi-6.yaml",), ()) == (done.unchanged, done.written, done.problems)
        assert "action: ratification" in (tmp_path / "data" / "untc-xxi-6.yaml").read_text(encoding="utf-8")
        edited = tmp_path / "data" / "untc-xxi-6.yaml"
        edited.write_text(edited.read_text(encoding="utf-8") + "# checked against the depositary notification\n")
        (source / "21-6.csv").write_text(UNCLOS_HEADER + "Viet Nam,10 Dec 1982,26 Jul 1994\n", encoding="utf-8")
        done = import_untc(source, tmp_path / "data")
        assert (("untc-xxi-6.yaml",), ()) == (done.refused, done.written)
        assert edited.read_text(encoding="utf-8").endswith("# checked against the depositary notification\n")

    def test_a_file_the_import_did_not_write_is_kept(self, tmp_path: Path) -> None:
        """A file of the same name that no import wrote (no stamp) is never replaced without --force."""
        (tmp_path / "data").mkdir()
        (tmp_path / "data" / "participants.yaml").write_text("schema_version: 1\n", encoding="utf-8")
        done = import_untc(SAMPLES, tmp_path / "data")
        assert ("participants.yaml",) == done.refused
        assert "schema_version: 1\n" == (tmp_path / "data" / "participants.yaml").read_text(encoding="utf-8")

    def test_strict_writes_nothing_when_there_is_a_problem(self, tmp_path: Path) -> None:
        """With --strict, a single problem anywhere means no file is written."""
        source = tables(tmp_path, "Viet Nam,10 Dec 1982,25 Jul 1994\nAruba,,1 Jan 1990 a\n")
        code, _, err = run("import", "untc", str(source), "--output", str(tmp_path / "data"), "--strict")
        assert 2 == code
        assert f"{source / '21-6.csv'}:3:1: $.Participant: participant 'Aruba' is AW" in err
        assert not (tmp_path / "data").exists()

    def test_an_output_that_is_a_file_is_refused(self, tmp_path: Path) -> None:
        """--output naming a file is a located problem, and the file is left as it is."""
        (tmp_path / "data").write_text("mine\n", encoding="utf-8")
        code, _, err = run("import", "untc", str(SAMPLES), "--output", str(tmp_path / "data"))
        assert (2, f"{tmp_path / 'data'}: $: expected a directory to write the data files to, found a file\n") == (
            code,
            err,
        )
        assert "mine\n" == (tmp_path / "data").read_text(encoding="utf-8")

    def test_a_missing_source_is_an_error_without_a_traceback(self, tmp_path: Path) -> None:
        """A source directory that does not exist is one line on stderr and exit 2."""
        code, _, err = run("import", "untc", str(tmp_path / "nowhere"), "--output", str(tmp_path / "data"))
        assert 2 == code
        assert err.startswith(f"{tmp_path / 'nowhere'}: $: cannot read the directory")
        assert "Traceback" not in err


class TestRowsLeftOut:
    def test_an_unmappable_row_is_left_out_and_said(self, tmp_path: Path) -> None:
        """A territory, a former State and an unknown name are each reported at their file, line and column; the
        rest of the table is imported, and the treaty's notes name every row left out and why."""
        source = tables(
            tmp_path,
            "Viet Nam,10 Dec 1982,25 Jul 1994\n"
            "Aruba,,1 Jan 1990 a\n"
            "Czechoslovakia,10 Dec 1982,\n"
            "Atlantis,,2 Feb 1990 a\n"
            "Singapore,10 Dec 1982,17 Nov 1994\n",
        )
        code, out, err = run("import", "untc", str(source), "--output", str(tmp_path / "data"))
        table = source / "21-6.csv"
        assert 2 == code
        expected = [
            f"{table}:3:1: $.Participant: participant 'Aruba' is AW in ISO 3166-1 but not a State",
            f"{table}:4:1: $.Participant: unknown participant 'Czechoslovakia'",
            f"{table}:5:1: $.Participant: unknown participant 'Atlantis'",
        ]
        assert expected == [line[: len(start)] for line, start in zip(err.splitlines(), expected, strict=True)]
        assert (
            "1 treaty read, with 4 actions of 2 participants; left out: 0 tables, 3 rows\n" == out.splitlines(True)[0]
        )
        dataset = mou_tracker.load(tmp_path / "data")
        agreement = dataset["untc-xxi-6"]
        assert ("vn", "sg") == agreement.parties
        assert agreement.notes is not None
        assert agreement.notes.startswith(
            "Not imported, so this participation is not complete: 3 rows of the Collection's table (21-6.csv), "
            "for a curator to add. Line 3, 'Aruba': participant 'Aruba' is AW"
        )
        assert "Line 4, 'Czechoslovakia'" in agreement.notes
        assert "Line 5, 'Atlantis'" in agreement.notes
        assert (0, "") == run("--data", str(tmp_path / "data"), "validate")[::2]

    def test_a_row_with_a_bad_cell_is_left_out_whole(self, tmp_path: Path) -> None:
        """A cell that cannot be read leaves its whole row out (a row without one of its dates would misstate the
        participant), located at the cell."""
        source = tables(tmp_path, "Viet Nam,10 Dec 1982,25 Jul 1994 x\nSingapore,10 Dec 1982,17 Nov 1994\n")
        conversion = convert(source)
        (problem,) = conversion.problems
        assert (str(source / "21-6.csv"), 2, 22) == (problem.file, problem.line, problem.column)
        assert problem.message.startswith("unknown letter 'x'")
        assert ((str(source / "21-6.csv"), 2),) == conversion.rows_left_out
        assert "- id: vn" not in conversion.files["participants.yaml"]

    def test_two_rows_of_one_participant(self, tmp_path: Path) -> None:
        """Two rows that map to one signatory (a former and a current name) are not merged: the second is left out."""
        source = tables(tmp_path, "Swaziland,,1 Jan 1990 a\nEswatini,,1 Jan 1990 a\n")
        (problem,) = convert(source).problems
        assert (3, "'Eswatini' is the signatory 'sz', as 'Swaziland' on line 2 is: a participant has one row") == (
            problem.line,
            problem.message,
        )

    def test_a_bad_header_leaves_the_table_out(self, tmp_path: Path) -> None:
        """A header naming a kind the importer does not know leaves the table out whole, located at the header."""
        source = tables(
            tmp_path, "Viet Nam,10 Dec 1982,25 Jul 1994\n", header='Participant,Signature,"Ratification, Adhesion(h)"\n'
        )
        conversion = convert(source)
        (problem,) = conversion.problems
        assert (1, 23) == (problem.line, problem.column)
        assert problem.message.startswith("unknown kind of action 'Adhesion(h)'")
        assert (("21-6.csv",), ["participants.yaml"]) == (conversion.left_out, list(conversion.files))

    def test_a_table_left_out_keeps_its_participants(self, tmp_path: Path) -> None:
        """A table left out whole still gives its participants, so that its file from an earlier import still loads."""
        source = tables(tmp_path, "Viet Nam,10 Dec 1982,25 Jul 1994\nSingapore,10 Dec 1982,17 Nov 1994\n")
        import_untc(source, tmp_path / "data")
        text = (source / "21-6.csv").read_text(encoding="utf-8").replace("Ratification", "Adhesion")
        (source / "21-6.csv").write_text(text, encoding="utf-8")
        done = import_untc(source, tmp_path / "data")
        assert (("21-6.csv",), ("participants.yaml",)) == (done.left_out, done.unchanged)
        assert ("vn", "sg") == mou_tracker.load(tmp_path / "data", cache=False)["untc-xxi-6"].parties

    def test_a_table_the_index_does_not_name(self, tmp_path: Path) -> None:
        """A table that index.csv does not name is left out: its treaty is not guessed from the file's name."""
        source = tables(tmp_path, "Viet Nam,10 Dec 1982,25 Jul 1994\n")
        (source / "21-6.csv").rename(source / "21-7.csv")
        conversion = convert(source)
        assert ["the table is not named in index.csv, so its treaty is unknown"] == [
            p.message for p in conversion.problems
        ]
        assert ("21-7.csv",) == conversion.left_out

    def test_a_bad_index_row_is_located(self, tmp_path: Path) -> None:
        """A title without its place and date is located at its field in index.csv."""
        index = UNCLOS_INDEX.replace(". Montego Bay, 10 December 1982", "")
        source = tables(tmp_path, "Viet Nam,10 Dec 1982,25 Jul 1994\n", index=index)
        problems = convert(source).problems
        assert (str(source / "index.csv"), 2, 6, "$.treaty_name") == (
            problems[0].file,
            problems[0].line,
            problems[0].column,
            format_path(problems[0].path),
        )
        assert problems[0].message.startswith("expected a title ending with the place and date of the treaty")


class TestHeaders:
    @pytest.mark.parametrize(
        ("header", "letters"),
        [
            ("Signature", (("", "signature"),)),
            ("Application", (("", "notification"),)),
            ("Acceptance(A)", (("A", "acceptance"),)),
            (
                "Signature, Succession to signature(d)",
                (("", "signature"), ("d", "succession_to_signature")),
            ),
            (
                "Ratification, Acceptance(A), Accession(a), Succession(d)",
                (("", "ratification"), ("A", "acceptance"), ("a", "accession"), ("d", "succession")),
            ),
            (
                "Definitive signature(s), Acceptance(A)",
                (("s", "definitive_signature"), ("A", "acceptance")),
            ),
            (
                "Formal confirmation(c), Accession(a), Succession(d), Ratification",
                (("c", "formal_confirmation"), ("a", "accession"), ("d", "succession"), ("", "ratification")),
            ),
            ("  ratification ,\nAPPROVAL ( AA )", (("", "ratification"), ("AA", "approval"))),
        ],
    )
    def test_header_variants(self, header: str, letters: tuple[tuple[str, str], ...]) -> None:
        """Each header variant names its kinds and letters, whatever its case, spacing or order."""
        assert letters == Column.parse(header).letters

    @pytest.mark.parametrize(
        ("header", "message"),
        [
            ("Ratification, Adhesion(h)", "unknown kind of action 'Adhesion(h)'"),
            ("Accession(A)", "'Accession' has the letter 'a' in the Collection, found 'A'"),
            ("Ratification, Signature", "names two kinds without a letter (ratification, signature)"),
            ("", "expected the header of an action column"),
        ],
    )
    def test_bad_headers(self, header: str, message: str) -> None:
        """A header that names no known kind, a wrong letter, or two unmarked kinds is refused, saying why."""
        with pytest.raises(ValueError, match=None) as raised:
            Column.parse(header)
        assert message in str(raised.value)

    def test_every_kind_is_a_kind_of_the_model(self) -> None:
        """Every kind a header may name is an ActionKind, and its letter is the model's."""
        for kind, letter in KINDS.values():
            assert letter in ("", ActionKind(kind).letter)


class TestCells:
    def test_footnote_markers_and_notes(self) -> None:
        """Footnote markers after a participant or a date, superscript or not, and bracketed notes, go to notes."""
        table = read_table(
            UNCLOS_HEADER
            + "Belgium 1,5 Dec 1984,13 Nov 1998 3\n"
            + '"Chile 2, 4",10 Dec 1982²,25 Aug 1997 [with a declaration]\n'
        )
        belgium, chile = table.rows
        assert ("Belgium", ("1",)) == (belgium.participant, belgium.footnotes)
        assert Cell(dt.date(1998, 11, 13), "ratification", "", ("3",)) == belgium.cells[1]
        assert ("Chile", ("2", "4")) == (chile.participant, chile.footnotes)
        assert ("2",) == chile.cells[0].footnotes  # type: ignore[union-attr]
        assert ("with a declaration",) == chile.cells[1].notes  # type: ignore[union-attr]

    def test_footnotes_reach_the_actions_notes(self, tmp_path: Path) -> None:
        """An action's notes name the Collection's footnotes of its cell and of its participant."""
        source = tables(tmp_path, "Belgium 1,5 Dec 1984,13 Nov 1998 3\n")
        import_untc(source, tmp_path / "data")
        actions = mou_tracker.load(tmp_path / "data")["untc-xxi-6"].actions
        assert [
            "Footnote 1 of the Collection, on Belgium.",
            "Footnote 3 of the Collection. Footnote 1 of the Collection, on Belgium.",
        ] == [a.notes for a in actions]

    @pytest.mark.parametrize(
        ("cell", "message"),
        [
            ("31 Feb 1990", "no such day: 31 Feb 1990"),
            ("10 Decembre 1982", "unknown month 'Decembre'"),
            ("1982-12-10", "expected a date such as '10 Dec 1982', found '1982-12-10'"),
            ("10 Dec 1982 a A", "more than one letter after the date"),
            ("10 Dec 1982 x", "unknown letter 'x'"),
            ("10 Dec 1982 [note", "a bracket that is not closed"),
        ],
    )
    def test_bad_cells_are_located(self, cell: str, message: str) -> None:
        """A cell that cannot be read is a problem at its line and column, under its column's header."""
        with pytest.raises(DataError) as raised:
            read_table(f"Participant,Signature\nViet Nam,{cell}\n", filename="t.csv")
        (problem,) = raised.value.problems
        assert ("t.csv", 2, 10, ("Signature",)) == (problem.file, problem.line, problem.column, problem.path)
        assert message in problem.message

    def test_ragged_rows_and_open_quotes_are_located(self) -> None:
        """A row with too few fields, and a quote never closed, are each located."""
        with pytest.raises(DataError) as raised:
            read_table('Participant,Signature\nViet Nam\nSingapore,"10 Dec 1982\n', filename="t.csv")
        assert [(2, 1), (3, 11)] == [(p.line, p.column) for p in raised.value.problems]


class TestParticipants:
    @pytest.mark.parametrize(
        ("name", "ident", "now"),
        [
            ("Viet Nam", "vn", "Viet Nam"),
            ("Swaziland", "sz", "Eswatini"),
            ("The former Yugoslav Republic of Macedonia", "mk", "North Macedonia"),
            ("Libyan Arab Jamahiriya", "ly", "Libya"),
            ("Republic of Korea", "kr", "Republic of Korea"),
            ("Côte d\u2019Ivoire", "ci", "Côte d\u2019Ivoire"),
            ("Holy See", "va", "Holy See"),
            ("European Union", "eu", "European Union"),
        ],
    )
    def test_names_map_to_signatories(self, name: str, ident: str, now: str) -> None:
        """The UN's names, former names and organisations map to one signatory, named as it is now."""
        assert (ident, now) == (party(name).id, party(name).name)

    @pytest.mark.parametrize(("name", "ident"), [("Türkiye", "tr"), ("Eswatini", "sz"), ("North Macedonia", "mk")])
    def test_a_states_name_now_needs_no_release_of_iso3166(
        self, name: str, ident: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The name now of a State with a former name maps to it even where the iso3166 package has another name."""
        monkeypatch.setattr(untc.names, "_iso_names", dict)
        assert ident == party(name).id

    @pytest.mark.parametrize("name", ["Aruba", "Hong Kong", "Czechoslovakia", "Yugoslavia", "Atlantis", "Taiwan"])
    def test_territories_and_former_states_are_not_mapped(self, name: str) -> None:
        """A territory, a State that no longer exists, or any unknown name is not mapped to anything."""
        with pytest.raises(UnknownName):
            party(name)


_ALPHABET = st.characters(categories=("L",), include_characters=" '-().,", exclude_characters="[]", codec="utf-8")


def _words(*, min_size: int = 1) -> st.SearchStrategy[str]:
    """Text in normal form, as a table's names and notes are read: single spaces, at least one letter."""
    return (
        st.text(_ALPHABET, min_size=min_size, max_size=20)
        .map(lambda text: " ".join(text.split()))
        .filter(lambda text: any(c.isalpha() for c in text) and text.casefold() != "participant")
        .filter(lambda text: refusal(text) is None)
    )


def _header(kinds: list[str]) -> str:
    parts = []
    for words in kinds:
        letter = KINDS[words][1]
        parts.append(words[0].upper() + words[1:] + (f"({letter})" if letter else ""))
    return ", ".join(parts)


def _valid(header: str) -> bool:
    try:
        Column.parse(header)
    except ValueError:
        return False
    return True


columns = (
    st.lists(st.sampled_from(sorted(KINDS)), min_size=1, max_size=5, unique=True)
    .map(_header)
    .filter(_valid)
    .map(Column.parse)
)
footnotes = st.lists(st.integers(1, 999).map(str), max_size=2).map(tuple)
notes = st.lists(_words(), max_size=2).map(tuple)


@st.composite
def cells(draw: st.DrawFn, column: Column) -> Cell | None:
    if draw(st.booleans()):
        return None
    letter, kind = draw(st.sampled_from(column.letters))
    day = draw(strategies.days(min_value=dt.date(1900, 1, 1), max_value=dt.date(2099, 12, 31)))
    return Cell(day, kind, letter, draw(footnotes), draw(notes))


@st.composite
def participation_tables(draw: st.DrawFn) -> Table:
    """Any status table in the scraped form: action columns of known kinds, participants with footnotes."""
    made = tuple(draw(st.lists(columns, max_size=3)))
    rows = []
    for name in draw(st.lists(_words().filter(lambda n: not n[-1].isdigit()), max_size=5)):
        rows.append(Row(name, tuple(draw(cells(c)) for c in made), draw(footnotes), draw(notes)))
    return Table(made, tuple(rows))


class TestRoundTrip:
    @given(participation_tables())
    def test_any_table_round_trips_through_csv(self, table: Table) -> None:
        """Any participation table, written in the scraped form, reads back equal."""
        assert table == read_table(write_table(table))

    @given(participation_tables())
    def test_writing_is_stable(self, table: Table) -> None:
        """A table written, read and written again gives the same text."""
        text = write_table(table)
        assert text == write_table(read_table(text))

    @given(st.lists(st.sampled_from(["Viet Nam", "Singapore", "Swaziland", "European Union", "Niue"]), unique=True))
    def test_imported_participation_is_the_tables(self, names: list[str]) -> None:
        """A table of mapped participants imports to a participation giving each row's signature and consent."""
        signature = Column.parse("Signature, Succession to signature(d)")
        consent = Column.parse("Ratification, Accession(a), Formal confirmation(c)")
        rows = tuple(
            Row(name, (Cell(dt.date(1983, 1, 1 + i), "signature"), Cell(dt.date(1990, 2, 1 + i), "ratification")))
            for i, name in enumerate(names)
        )
        with tempfile.TemporaryDirectory() as directory:
            source = Path(directory) / "tables"
            source.mkdir()
            (source / "index.csv").write_text(UNCLOS_INDEX, encoding="utf-8")
            (source / "21-6.csv").write_text(write_table(Table((signature, consent), rows)), encoding="utf-8")
            assert () == import_untc(source, Path(directory) / "data").problems
            dataset = mou_tracker.load(Path(directory) / "data", cache=False)
        expected = [
            (party(name).id, PartialDate(1983, 1, 1 + i), (PartialDate(1990, 2, 1 + i), ActionKind.RATIFICATION))
            for i, name in enumerate(names)
        ]
        assert expected == [(r.party, r.signature, r.consent) for r in dataset.participation("untc-xxi-6")]
