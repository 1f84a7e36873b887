"""The SQLite export: its tables, keys and queries, in sqlite3 and in Datasette."""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

import mou_tracker
from mou_tracker import cli
from mou_tracker.dataset import Dataset
from mou_tracker.dates import DateInterval, PartialDate
from mou_tracker.exceptions import MouTrackerError
from mou_tracker.exports import sqlite as sqlite_export
from mou_tracker.exports.sqlite import SCHEMA_VERSION, export_sqlite
from mou_tracker.model import Agreement, Claimed, Source, Status
from mou_tracker.strategies import datasets, days
from tests.budget import per_dataset
from tests.running import run

DAY = dt.date(2026, 1, 1)


def opened(data: bytes, path: Path) -> sqlite3.Connection:
    """The exported bytes written to ``path`` and opened there, foreign keys enforced."""
    path.write_bytes(data)
    db = sqlite3.connect(path)
    db.execute("PRAGMA foreign_keys = ON")
    return db


def column(db: sqlite3.Connection, sql: str, *params: object) -> list[Any]:
    """The first column of every row ``sql`` gives."""
    return [row[0] for row in db.execute(sql, params)]


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return mou_tracker.load()


@pytest.fixture(scope="module")
def exported(bundled: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "agreements.sqlite"
    path.write_bytes(export_sqlite(bundled, day=DAY))
    return path


@pytest.fixture
def db(exported: Path) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(exported)
    yield connection
    connection.close()


class TestDatabase:
    def test_is_a_sqlite_file(self, bundled: Dataset) -> None:
        """The export is the bytes of a SQLite database file."""
        assert export_sqlite(bundled, day=DAY).startswith(b"SQLite format 3\x00")

    def test_integrity(self, db: sqlite3.Connection) -> None:
        """The file passes SQLite's integrity check, and every foreign key resolves."""
        assert [("ok",)] == db.execute("PRAGMA integrity_check").fetchall()
        assert [] == db.execute("PRAGMA foreign_key_check").fetchall()

    def test_schema_version(self, db: sqlite3.Connection) -> None:
        """The schema's version is the database's user_version."""
        assert [SCHEMA_VERSION] == column(db, "PRAGMA user_version")

    def test_every_table_has_a_primary_key(self, db: sqlite3.Connection) -> None:
        """Each table declares a primary key."""
        tables = column(db, "SELECT name FROM sqlite_master WHERE type = 'table'")
        keyless = [t for t in tables if not any(row[5] for row in db.execute(f"PRAGMA table_info({t})"))]
        assert [] == keyless

    def test_documented(self, db: sqlite3.Connection) -> None:
        """docs/exports.md has a row for every table."""
        page = (Path(__file__).resolve().parent.parent / "docs" / "exports.md").read_text(encoding="utf-8")
        tables = column(db, "SELECT name FROM sqlite_master WHERE type = 'table'")
        assert [] == [t for t in tables if f"| `{t}` |" not in page]

    def test_foreign_keys_are_indexed(self, db: sqlite3.Connection) -> None:
        """Every foreign-key column leads some index of its table."""
        unindexed = []
        for table in column(db, "SELECT name FROM sqlite_master WHERE type = 'table'"):
            leading = {
                db.execute(f"PRAGMA index_info({index})").fetchone()[2]
                for index in column(db, f"SELECT name FROM pragma_index_list('{table}')")
            }
            unindexed += [
                (table, row[3]) for row in db.execute(f"PRAGMA foreign_key_list({table})") if row[3] not in leading
            ]
        assert [] == unindexed


class TestQueries:
    def test_agreements_singapore_signed(self, bundled: Dataset, db: sqlite3.Connection) -> None:
        """A join of agreements, parties and signatories finds the signed agreements Singapore is a party to."""
        found = column(
            db,
            """SELECT DISTINCT a.id FROM agreements a
               JOIN parties p ON p.agreement = a.id JOIN signatories s ON s.id = p.signatory
               WHERE s.country = 'SG' AND a.signed IS NOT NULL ORDER BY a.rowid""",
        )
        expected = [
            a.id
            for a in bundled
            if a.signed is not None and any(bundled.signatory(p).country == "SG" for p in a.parties)
        ]
        assert expected == found
        assert found

    def test_in_effect_on_the_day(self, bundled: Dataset, db: sqlite3.Connection) -> None:
        """The status column holds each agreement's status on the day of the export, and whether it is certain."""
        found = column(db, "SELECT id FROM agreements WHERE status = 'in_effect' AND status_certain ORDER BY rowid")
        readings = [(a.id, bundled.status_on(a, DAY)) for a in bundled]
        assert [i for i, r in readings if r.status is Status.IN_EFFECT and r.certain] == found
        assert [DAY.isoformat()] == column(db, "SELECT DISTINCT status_day FROM agreements")

    def test_events_citing_a_source(self, bundled: Dataset, db: sqlite3.Connection) -> None:
        """The citations table finds every event that cites a source, by itself or through a claim about it."""
        source = "report-2023-08-28"
        found = db.execute(
            """SELECT e.agreement, e.position FROM events e
               WHERE e.id IN (SELECT event FROM citations WHERE source = ?) ORDER BY e.id""",
            (source,),
        ).fetchall()
        expected = [(a.id, i) for a in bundled for i, e in enumerate(a.history) if source in e.all_sources]
        assert expected == found
        assert found

    def test_cited_sources(self, bundled: Dataset, db: sqlite3.Connection) -> None:
        """An agreement's citations are every source the record cites anywhere."""
        for a in bundled:
            cited = column(db, "SELECT DISTINCT source FROM citations WHERE agreement = ?", a.id)
            assert set(a.cited_sources) == set(cited), a.id

    def test_area_tree(self, bundled: Dataset, db: sqlite3.Connection) -> None:
        """A recursive query over areas.parent gives each area and every area under it."""
        for area in bundled.areas:
            found = column(
                db,
                """WITH RECURSIVE tree(id) AS (
                       SELECT ? UNION SELECT areas.id FROM areas JOIN tree ON areas.parent = tree.id
                   ) SELECT id FROM tree""",
                area.id,
            )
            assert bundled.subareas(area.id) == frozenset(found), area.id

    def test_dates_sort_and_filter(self, bundled: Dataset, db: sqlite3.Connection) -> None:
        """A date is its EDTF string with the first and last day it may be, in ISO form, which compare as text."""
        rows = db.execute("SELECT id, signed, signed_earliest, signed_latest FROM agreements ORDER BY rowid").fetchall()
        expected = [
            (a.id, None, None, None) if a.signed is None else (a.id, str(a.signed), *map(_iso, _bounds(a.signed)))
            for a in bundled
        ]
        assert expected == rows
        found = column(
            db, "SELECT id FROM agreements WHERE signed_earliest >= '2023-01-01' AND signed_latest <= '2023-12-31'"
        )
        assert [
            r[0]
            for r in rows
            if r[2] is not None and r[3] is not None and r[2] >= "2023-01-01" and r[3] <= "2023-12-31"
        ] == found
        assert found

    def test_disputed_claims(self, bundled: Dataset, db: sqlite3.Connection) -> None:
        """Every claim about a title is kept, the preferred one marked, and disputed titles flagged."""
        disputed = [a for a in bundled if a.title.disputed]
        assert disputed
        for a in disputed:
            rows = db.execute(
                """SELECT value, preferred, disputed FROM claims
                   WHERE agreement = ? AND field = 'title' ORDER BY position""",
                (a.id,),
            ).fetchall()
            assert [(c.value, int(c is a.title.preferred), 1) for c in a.title.claims] == rows
        assert [a.id for a in disputed] == column(db, "SELECT id FROM agreements WHERE title_disputed ORDER BY rowid")

    def test_titles_in_the_language_asked(self, bundled: Dataset, tmp_path: Path) -> None:
        """With lang="vi", titles are Vietnamese where the data has them."""
        db = opened(export_sqlite(bundled, day=DAY, lang="vi"), tmp_path / "vi.sqlite")
        expected = [a.titles.get("vi", a.title.value) for a in bundled]
        assert expected == column(db, "SELECT title FROM agreements ORDER BY rowid")
        db.close()


def _bounds(date: PartialDate | DateInterval) -> tuple[dt.date | None, dt.date | None]:
    return date.earliest, date.latest


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


class TestGenerated:
    @per_dataset
    @given(datasets(), days())
    def test_counts_match(self, dataset: Dataset, day: dt.date) -> None:
        """For any valid dataset, each table holds as many rows as the dataset has records of its kind."""
        db = sqlite3.connect(":memory:")
        db.deserialize(export_sqlite(dataset, day=day))
        counts = {t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in EXPECTED_COUNTS}
        assert {t: count(dataset) for t, count in EXPECTED_COUNTS.items()} == counts
        assert [] == db.execute("PRAGMA foreign_key_check").fetchall()
        db.close()


EXPECTED_COUNTS = {
    "agreements": len,
    "sources": lambda d: len(d.sources),
    "signatories": lambda d: len(d.signatories),
    "people": lambda d: len(d.people),
    "areas": lambda d: len(d.areas),
    "signatory_changes": lambda d: sum(len(s.history) for s in d.signatories),
    "parties": lambda d: sum(len(set(a.parties)) for a in d),
    "agreement_areas": lambda d: sum(len(set(a.areas)) for a in d),
    "participants": lambda d: sum(len(a.signed_by) + len(a.witnesses) for a in d),
    "events": lambda d: sum(len(a.history) for a in d),
    "claims": lambda d: sum(
        len(a.title.claims) + sum(len(e.date.claims) + len(e.status.claims) for e in a.history) for a in d
    ),
    "relations": lambda d: sum(len(a.relations) for a in d),
    "targets": lambda d: sum(len(a.targets) for a in d),
}


class TestBadData:
    def test_dangling_reference(self) -> None:
        """A reference that names no record is an error naming it, not a broken database."""
        dataset = Dataset(agreements=(Agreement(id="a", title=Claimed.of("A"), kind=None, sources=("nowhere",)),))
        with pytest.raises(MouTrackerError, match=re.escape("citations.source = 'nowhere'")):
            export_sqlite(dataset, day=DAY)

    def test_repeated_id(self) -> None:
        """Two records with one id are an error, not a broken database."""
        source = Source(id="s", language="en")
        with pytest.raises(MouTrackerError, match=re.escape("UNIQUE constraint failed: sources.id")):
            export_sqlite(Dataset(sources=(source, source)), day=DAY)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class TestExportCommand:
    def test_to_a_file(self, bundled: Dataset, tmp_path: Path) -> None:
        """`export --format sqlite --output FILE` writes the database there."""
        target = tmp_path / "agreements.sqlite"
        code, out, err = run("--as-of", DAY.isoformat(), "export", "--format", "sqlite", "--output", str(target))
        assert (0, "", "") == (code, out, err)
        db = opened(target.read_bytes(), tmp_path / "copy.sqlite")
        assert [a.id for a in bundled] == column(db, "SELECT id FROM agreements ORDER BY rowid")
        db.close()

    def test_refuses_a_terminal(self) -> None:
        """The binary database is not written to a terminal: the error says to use --output."""
        out, err = _Terminal(), io.StringIO()
        code = cli.main(["export", "--format", "sqlite"], out=out, err=err)
        assert (2, "") == (code, out.getvalue())
        assert "mou-tracker: error: the sqlite format is binary; write it to a file with --output FILE.sqlite\n" == (
            err.getvalue()
        )

    def test_failed_export_keeps_the_file(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """When the database cannot be built, the file at --output is left as it was, with nothing beside it."""

        def fail(*args: object) -> None:
            raise sqlite3.IntegrityError("UNIQUE constraint failed: agreements.id")

        monkeypatch.setattr(sqlite_export, "_fill", fail)
        target = tmp_path / "agreements.sqlite"
        target.write_bytes(b"kept")
        code, out, err = run("export", "--format", "sqlite", "--output", str(target))
        assert (2, "") == (code, out)
        assert "UNIQUE constraint failed: agreements.id" in err
        assert b"kept" == target.read_bytes()
        assert [target] == list(tmp_path.iterdir())


class TestDatasette:
    """The export opened in Datasette, as its users will."""

    def served(self, path: Path, *requests: str) -> list[Any]:
        """The JSON Datasette answers to each request, the database opened from ``path``."""
        from datasette.app import Datasette

        async def ask() -> list[Any]:
            ds = Datasette([str(path)])
            await ds.invoke_startup()
            answers = []
            for request in requests:
                response = await ds.client.get(request)
                assert 200 == response.status_code, request
                answers.append(response.json())
            return answers

        return asyncio.run(ask())

    def test_table_filters(self, bundled: Dataset, exported: Path) -> None:
        """Datasette's table filters find the agreements in effect on the day."""
        (answer,) = self.served(exported, "/agreements/agreements.json?status=in_effect&_shape=array&_size=max")
        readings = [(a.id, bundled.status_on(a, DAY).status) for a in bundled]
        # Datasette lists a table's rows by primary key.
        assert sorted(i for i, s in readings if s is Status.IN_EFFECT) == [row["id"] for row in answer]

    def test_foreign_key_labels_and_facets(self, bundled: Dataset, exported: Path) -> None:
        """Foreign keys are labelled with the record's name, and parties facet by signatory, counted."""
        labelled, faceted = self.served(
            exported,
            "/agreements/relations.json?_shape=array&_labels=on&_size=max",
            "/agreements/parties.json?_facet=signatory&_size=0",
        )
        titles = {a.id: a.title.value for a in bundled}
        expected = [{"value": r.target, "label": titles[r.target]} for a in bundled for r in a.relations]
        assert expected == [row["target"] for row in labelled]
        counts = {
            (s.id, s.name): sum(s.id in a.parties for a in bundled)
            for s in bundled.signatories
            if any(s.id in a.parties for a in bundled)
        }
        results = faceted["facet_results"]["signatory"]["results"]
        assert counts == {(r["value"], r["label"]): r["count"] for r in results}

    def test_sql_query(self, bundled: Dataset, exported: Path) -> None:
        """Datasette runs SQL over the export: agreements per area, through the link table."""
        sql = "select area, count(*) as n from agreement_areas group by area order by area"
        (answer,) = self.served(exported, f"/agreements.json?sql={sql.replace(' ', '+')}&_shape=array")
        expected = {}
        for a in bundled:
            for area in set(a.areas):
                expected[area] = expected.get(area, 0) + 1
        assert expected == {row["area"]: row["n"] for row in answer}


@pytest.fixture(scope="module")
def participation(tmp_path_factory: pytest.TempPathFactory) -> tuple[Dataset, Path]:
    """The dataset of tests/test_cli_participation.py, and its export opened from a file."""
    from tests.test_cli_participation import FIXTURE

    data = mou_tracker.loads(FIXTURE)
    path = tmp_path_factory.mktemp("actions") / "agreements.sqlite"
    path.write_bytes(export_sqlite(data, day=DAY))
    return data, path


class TestActions:
    def test_rows(self, participation: tuple[Dataset, Path]) -> None:
        """Each party's action is a row, with its letter, its date three ways, how sure it is, and its sources."""
        _, path = participation
        db = sqlite3.connect(path)
        rows = db.execute(
            "SELECT agreement, position, party, action, letter, consent, date, date_earliest, date_latest, certain,"
            " sources FROM actions WHERE agreement = 'example-agreement' ORDER BY id"
        ).fetchall()
        assert [
            (
                "example-agreement",
                0,
                "vn",
                "signature",
                "",
                0,
                "2023-09-20",
                "2023-09-20",
                "2023-09-20",
                1,
                '["example"]',
            ),
            (
                "example-agreement",
                1,
                "sg",
                "accession",
                "a",
                1,
                "2026-03",
                "2026-03-01",
                "2026-03-31",
                0,
                '["example"]',
            ),
        ] == rows
        assert [] == db.execute("PRAGMA foreign_key_check").fetchall()

    def test_foreign_keys(self, participation: tuple[Dataset, Path]) -> None:
        """An action names its agreement and its party by foreign key, and its citations name it."""
        _, path = participation
        db = sqlite3.connect(path)
        keys = {(row[3], row[2]) for row in db.execute("PRAGMA foreign_key_list(actions)")}
        assert {("agreement", "agreements"), ("party", "signatories")} == keys
        cited = db.execute(
            "SELECT c.source, a.party, a.action FROM citations c JOIN actions a ON a.id = c.action"
            " WHERE c.about = 'action' AND a.agreement = 'unclos' ORDER BY a.id"
        ).fetchall()
        assert [("untc-xxi-6", p, k) for p in ("vn", "sg") for k in ("signature", "ratification")] == cited

    def test_every_action_of_the_data(self, participation: tuple[Dataset, Path]) -> None:
        """The table holds every action of the data, in file order, and a claim for each of its dates."""
        data, path = participation
        db = sqlite3.connect(path)
        expected = [(a.id, x.party, x.action.value, str(x.date.value)) for a in data for x in a.actions]
        assert expected == db.execute("SELECT agreement, party, action, date FROM actions ORDER BY id").fetchall()
        assert [len(expected)] == column(db, "SELECT count(*) FROM action_claims WHERE preferred")

    def test_faceted_in_datasette(self, participation: tuple[Dataset, Path]) -> None:
        """Datasette facets the actions by party (labelled with its name), action and letter."""
        _, path = participation
        (answer,) = TestDatasette().served(
            path, "/agreements/actions.json?_facet=party&_facet=action&_facet=letter&_size=0"
        )
        facets = answer["facet_results"]
        assert {("vn", "Viet Nam", 3), ("sg", "Singapore", 3)} == {
            (r["value"], r["label"], r["count"]) for r in facets["party"]["results"]
        }
        assert {"signature": 3, "ratification": 2, "accession": 1} == {
            r["value"]: r["count"] for r in facets["action"]["results"]
        }
        assert {"": 5, "a": 1} == {r["value"]: r["count"] for r in facets["letter"]["results"]}
