"""The JSON and CSV exports, and the export command that writes them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mou_tracker
from mou_tracker import loading
from mou_tracker.dataset import Dataset
from mou_tracker.exceptions import MouTrackerError
from mou_tracker.exports import tabular
from mou_tracker.exports.tabular import CSV_COLUMNS, FORMULA_TRIGGERS, export_csv, export_json, spreadsheet_safe
from mou_tracker.model import Claimed
from mou_tracker.strategies import datasets, days, texts
from tests.budget import per_dataset
from tests.running import run
from tests.terminal import acted_on

DAY = dt.date(2026, 1, 1)


def guarded(text: str) -> str:
    """``text`` as a cell that begins like a formula is written: with a leading ', unless it is a lone -."""
    return text if text == "-" else "'" + text


def read_csv(data: bytes) -> list[list[str]]:
    """The rows of CSV bytes, as a spreadsheet's importer would split them."""
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return mou_tracker.load()


class TestJson:
    @per_dataset
    @given(datasets(), days())
    def test_round_trip(self, dataset: Dataset, day: dt.date) -> None:
        """Any valid dataset exported as JSON reads back, through the data format's loader, to an equal dataset."""
        assert dataset == loading.structure(json.loads(export_json(dataset, day=day)))

    def test_bundled_round_trip(self, bundled: Dataset) -> None:
        """The bundled dataset survives the JSON export whole."""
        assert bundled == loading.structure(json.loads(export_json(bundled, day=DAY)))

    def test_is_the_data_format(self, bundled: Dataset) -> None:
        """The JSON holds exactly the plain data of the data format, keys in its order."""
        plain = json.loads(export_json(bundled, day=DAY))
        assert loading.unstructure(bundled) == plain
        assert list(loading.unstructure(bundled)) == list(plain)

    def test_utf8_and_indented(self, bundled: Dataset) -> None:
        """Vietnamese is written as itself, not escaped, and the text is indented and ends with a newline."""
        text = export_json(bundled, day=DAY).decode("utf-8")
        assert "Việt Nam" in text
        assert "\\u" not in text
        assert text.startswith('{\n  "')
        assert text.endswith("}\n")

    def test_characters_a_terminal_acts_on_are_escaped(self, bundled: Dataset) -> None:
        """From a dataset built in code, controls, overrides and a lone surrogate are \\u escapes that read back."""
        first = attrs.evolve(bundled.agreements[0], title=Claimed.of("x\x1b[2K\r\x85\u202e\ud800\ufffe"))
        changed = attrs.evolve(bundled, agreements=(first, *bundled.agreements[1:]))
        text = export_json(changed, day=DAY).decode("utf-8")
        assert [] == acted_on(text)
        assert loading.unstructure(changed) == json.loads(text)

    def test_same_bytes_whatever_the_day_and_language(self, bundled: Dataset) -> None:
        """The data format holds no derived status and every language, so neither the day nor --lang changes it."""
        assert export_json(bundled, day=DAY) == export_json(bundled, day=dt.date(1990, 5, 1), lang="vi")


class TestCsv:
    @per_dataset
    @given(datasets(), days())
    def test_one_row_per_agreement(self, dataset: Dataset, day: dt.date) -> None:
        """The CSV has the header and exactly one row per agreement, which reads back its id, in file order."""
        header, *rows = read_csv(export_csv(dataset, day=day))
        assert list(CSV_COLUMNS) == header
        assert [a.id for a in dataset] == [row[0] for row in rows]
        assert all(len(CSV_COLUMNS) == len(row) for row in rows)

    @per_dataset
    @given(
        datasets(min_agreements=1),
        st.lists(st.tuples(st.sampled_from(FORMULA_TRIGGERS), texts()), min_size=1),
    )
    def test_formulas_never_run(self, dataset: Dataset, openings: list[tuple[str, str]]) -> None:
        """Titles and short names that begin like a formula come out with a leading ', and no cell begins like one
        (but a lone -, which is no formula)."""
        names = ["".join(openings[i % len(openings)]) for i in range(len(dataset))]
        named = [attrs.evolve(a, title=Claimed.of(name), short=name) for a, name in zip(dataset, names, strict=True)]
        header, *rows = read_csv(export_csv(attrs.evolve(dataset, agreements=tuple(named)), day=DAY))
        assert [] == [cell for row in rows for cell in row if cell.startswith(FORMULA_TRIGGERS) and cell != "-"]
        title, short = header.index("title"), header.index("short")
        assert [guarded(a.title.value) for a in named] == [row[title] for row in rows]
        assert [guarded(str(a.short)) for a in named] == [row[short] for row in rows]

    @given(st.lists(st.sampled_from(["\r", "\n", "\r\n", ",", '"']), min_size=1).map("".join), texts())
    def test_line_breaks_stay_in_their_cell(self, bundled: Dataset, breaks: str, text: str) -> None:
        """A title holding line breaks, commas or quotes reads back whole, in the one row of its agreement."""
        title = "x" + breaks + text
        dataset = bundled
        first = attrs.evolve(dataset.agreements[0], title=Claimed.of(title))
        changed = attrs.evolve(dataset, agreements=(first, *dataset.agreements[1:]))
        header, *rows = read_csv(export_csv(changed, day=DAY))
        assert [a.id for a in dataset] == [row[0] for row in rows]
        assert title == rows[0][header.index("title")]

    def test_agrees_with_the_list_contract(self) -> None:
        """Each row holds the fields that `list --format json` gives for the agreement on the same day."""
        code, out, _ = run("--as-of", DAY.isoformat(), "list", "--format", "json")
        assert 0 == code
        records = json.loads(out)
        header, *rows = read_csv(export_csv(mou_tracker.load(), day=DAY))
        for record, row in zip(records, rows, strict=True):
            cells = dict(zip(header, row, strict=True))
            expected = {
                "id": record["id"],
                "short": record["short"] or "",
                "kind": record["kind"] or "",
                "status": record["status"] or "",
                "certain": json.dumps(record["certain"]),
                "signed": record["signed"] or "",
                "term_start": record["term"]["start"] or "",
                "term_end": record["term"]["end"] or "",
                "parties": ";".join(record["parties"]),
                "countries": ";".join(record["countries"]),
                "areas": ";".join(record["areas"]),
                "sources": ";".join(record["sources"]),
                "day": DAY.isoformat(),
                "title": record["title"],
            }
            assert expected == {key: cells[key] for key in expected}

    def test_title_in_the_language_asked(self, bundled: Dataset) -> None:
        """--lang vi gives the Vietnamese title where the data has one, and the preferred title elsewhere."""
        header, *rows = read_csv(export_csv(bundled, day=DAY, lang="vi"))
        column = header.index("title")
        assert [a.titles.get("vi", a.title.value) for a in bundled] == [row[column] for row in rows]
        assert any("vi" in a.titles for a in bundled)

    def test_booleans_and_unknowns(self, bundled: Dataset) -> None:
        """binding reads true, false or empty as the data says yes, no or nothing."""
        header, *rows = read_csv(export_csv(bundled, day=DAY))
        column = header.index("binding")
        words = {True: "true", False: "false", None: ""}
        assert [words[a.binding] for a in bundled] == [row[column] for row in rows]

    def test_documented(self) -> None:
        """docs/exports.md names every CSV column in its table of them."""
        page = (Path(__file__).resolve().parent.parent / "docs" / "exports.md").read_text(encoding="utf-8")
        rows = [line for line in page.splitlines() if line.startswith("| `")]
        assert [] == [c for c in CSV_COLUMNS if not any(f"`{c}`" in row.split(" | ")[0] for row in rows)]

    def test_empty_dataset(self) -> None:
        """A dataset without agreements gives the header alone."""
        assert (",".join(CSV_COLUMNS) + "\r\n").encode() == export_csv(Dataset(), day=DAY)


class TestSpreadsheetSafe:
    @given(st.sampled_from(FORMULA_TRIGGERS), texts())
    def test_guarded(self, trigger: str, rest: str) -> None:
        """Text that begins with a formula character gets one leading ', and keeps the rest as it was."""
        assert guarded(trigger + rest) == spreadsheet_safe(trigger + rest)

    @given(texts())
    def test_other_text_unchanged(self, text: str) -> None:
        """Text that a spreadsheet would not run is left as it is."""
        if not text.startswith(FORMULA_TRIGGERS):
            assert text == spreadsheet_safe(text)
        assert "-" == text or not spreadsheet_safe(text).startswith(FORMULA_TRIGGERS)

    def test_a_lone_minus_is_no_formula(self) -> None:
        """A lone -, what the reports print for nothing, is left as it is; - and more is guarded."""
        assert ("-", "'-1", "'--") == (spreadsheet_safe("-"), spreadsheet_safe("-1"), spreadsheet_safe("--"))


class TestExportCommand:
    def test_csv_to_standard_output(self, bundled: Dataset) -> None:
        """`export --format csv` writes the CSV export of the data to standard output."""
        code, out, err = run("--as-of", DAY.isoformat(), "export", "--format", "csv")
        assert (0, "") == (code, err)
        assert export_csv(bundled, day=DAY).decode("utf-8") == out

    def test_json_to_a_file(self, bundled: Dataset, tmp_path: Path) -> None:
        """`export --format json --output FILE` writes the JSON export there and nothing to standard output."""
        target = tmp_path / "agreements.json"
        code, out, err = run("--as-of", DAY.isoformat(), "export", "--format", "json", "--output", str(target))
        assert (0, "", "") == (code, out, err)
        assert export_json(bundled, day=DAY) == target.read_bytes()

    def test_lang(self, bundled: Dataset) -> None:
        """`export --lang vi` passes the language to the export."""
        _, out, _ = run("--as-of", DAY.isoformat(), "export", "--format", "csv", "--lang", "vi")
        assert export_csv(bundled, day=DAY, lang="vi").decode("utf-8") == out

    def test_failed_export_keeps_the_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """When the export fails, the file at --output is left as it was, with no partial file beside it."""

        def fail(dataset: Dataset, *, day: dt.date, lang: str = "en") -> bytes:
            raise MouTrackerError("the export failed")

        monkeypatch.setattr(tabular, "export_csv", fail)
        target = tmp_path / "agreements.csv"
        target.write_text("kept\n", encoding="utf-8")
        code, out, err = run("export", "--format", "csv", "--output", str(target))
        assert (2, "", "mou-tracker: error: the export failed\n") == (code, out, err)
        assert "kept\n" == target.read_text(encoding="utf-8")
        assert [target] == list(tmp_path.iterdir())


class TestActions:
    def test_csv_actions_column(self) -> None:
        """The CSV has each party's actions on a multilateral instrument as party:action:date, and none elsewhere."""
        from mou_tracker.exports.tabular import export_csv
        from tests.test_cli_participation import FIXTURE

        table = read_csv(export_csv(mou_tracker.loads(FIXTURE), day=dt.date(2026, 6, 1)))
        assert "actions" == table[0][-1]
        assert {
            "unclos": "vn:signature:1982-12-10;vn:ratification:1994-07-25;sg:signature:1982-12-10;"
            "sg:ratification:1994-11-17",
            "example-agreement": "vn:signature:2023-09-20;sg:accession:2026-03",
            "itx": "",
            "digital": "",
        } == {row[0]: row[-1] for row in table[1:]}

    def test_json_round_trip(self) -> None:
        """The JSON export holds the actions and the clause, and reads back to an equal dataset."""
        from mou_tracker.exports.tabular import export_json
        from tests.test_cli_participation import FIXTURE

        data = mou_tracker.loads(FIXTURE)
        exported = export_json(data, day=dt.date(2026, 6, 1))
        assert {"party": "sg", "action": "accession", "date": "2026-03", "sources": ["example"]} == json.loads(
            exported
        )["agreements"][1]["actions"][1]
        assert data == mou_tracker.loads(exported.decode("utf-8"))
