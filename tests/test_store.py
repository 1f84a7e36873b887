"""The store answers every command it narrows as the whole collection does, and is never trusted more than the files."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mou_tracker
from mou_tracker import store as store_module
from mou_tracker.cache import CACHE_ENV
from mou_tracker.dataset import Dataset
from mou_tracker.strategies import datasets
from mou_tracker.untc import import_untc
from tests.budget import DATASET_EXAMPLES
from tests.running import run

_UNTC = Path(__file__).parent / "data" / "untc"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of this test's own."""
    directory = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(directory))
    return directory


@pytest.fixture
def narrowed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many agreements each command answered by the store read, one count a command."""
    counts: list[int] = []
    records = store_module.Store.records

    def counting(self: store_module.Store, positions: Iterable[int]) -> dict[str, tuple[Any, ...]]:
        found = records(self, positions)
        if found["agreements"]:
            counts.append(len(found["agreements"]))
        return found

    monkeypatch.setattr(store_module.Store, "records", counting)
    return counts


def _whole(monkeypatch: pytest.MonkeyPatch, *argv: str) -> tuple[int, str, str]:
    """The command run on the whole collection: no store is opened or written (the cache still saves parsing)."""
    with monkeypatch.context() as patch:
        patch.setattr(store_module.Store, "open", classmethod(lambda cls, *args: None))
        patch.setattr(store_module.Store, "write", staticmethod(lambda *args: None))
        return run(*argv)


def _questions(data: Dataset, every: int = 1) -> Iterator[tuple[str, ...]]:
    """Every question the store narrows, about every record of ``data`` (every ``every``-th signatory)."""
    for agreement in data:
        yield ("show", agreement.id)
        yield ("chain", agreement.id)
        for name in (agreement.short, *agreement.aliases, agreement.title.value):
            if name and name.strip() and not name.startswith("-"):  # a name the command line takes as one
                yield ("show", name)
    for signatory in data.signatories[::every]:
        yield ("list", "--party", signatory.id)
        if signatory.country:
            yield ("list", "--party", signatory.country, "--status", "in_effect", "--status", "signed")
    for area in data.areas:
        yield ("list", "--area", area.id)
    for status in ("in_effect", "signed", "expired", "terminated", "superseded", "negotiating"):
        yield ("list", "--status", status)
    for word in ("memorandum", "viet", "a", "lâm", "zzz"):
        yield ("search", word)
    yield ("due",)
    yield ("due", "--until", "2040-01-01")
    yield ("changes",)
    yield ("changes", "--since", "1990-01-01")
    yield ("changes", "--since", "2025-10", "--until", "2025-10")


def _same(monkeypatch: pytest.MonkeyPatch, data: str, day: str, questions: list[tuple[str, ...]]) -> set[int]:
    """Ask each question of the whole and of the store; the exit codes seen."""
    codes = set()
    for question in questions:
        argv = ("--data", data, "--as-of", day, *question)
        whole = _whole(monkeypatch, *argv)
        assert whole == run(*argv), question
        assert "usage:" not in whole[2], whole[2]  # a question the command line understands
        codes.add(whole[0])
    return codes


class TestSameAnswers:
    """What the store answers is what the whole collection answers, to the byte."""

    def test_bundled(self, cache: Path, narrowed: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
        """Every narrowed question about the bundled data, on two days."""
        bundled = str(mou_tracker.loading.bundled_path())
        data = mou_tracker.load(cache=False)
        run("--data", bundled, "list")  # writes the store
        assert 0 in _same(monkeypatch, bundled, "2026-12-03", list(_questions(data)))
        on_another_day = [q for q in _questions(data) if q[0] not in ("show", "chain")]
        assert 0 in _same(monkeypatch, bundled, "2024-01-01", on_another_day)
        assert len(narrowed) >= len(list(_questions(data))), "the store answered too few"
        assert min(narrowed) < len(data)

    def test_untc(self, tmp_path: Path, cache: Path, narrowed: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
        """Every narrowed question about the imported UN Treaty Collection tables."""
        out = tmp_path / "untc"
        import_untc(_UNTC, out)
        for written in out.rglob("*.yaml"):
            os.utime(written, ns=(0, 0))  # written long before the store: not "racy"
        data = mou_tracker.load(out, cache=False)
        run("--data", str(out), "list")
        questions = [q for q in _questions(data, every=10) if q[0] != "chain"]
        assert 0 in _same(monkeypatch, str(out), "2015-06-01", questions)
        assert len(narrowed) >= len(questions) // 2

    @settings(
        max_examples=DATASET_EXAMPLES, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
    )
    @given(data=datasets(max_agreements=6), day=st.dates(dt.date(1990, 1, 1), dt.date(2040, 12, 31)), draw=st.data())
    def test_generated(
        self,
        tmp_path_factory: pytest.TempPathFactory,
        monkeypatch: pytest.MonkeyPatch,
        data: Dataset,
        day: dt.date,
        draw: st.DataObject,
    ) -> None:
        """Narrowed questions about generated collections, on any day."""
        every = list(dict.fromkeys(_questions(data)))
        asked = draw.draw(st.lists(st.sampled_from(every), min_size=1, max_size=10, unique=True), label="questions")
        directory = tmp_path_factory.mktemp("generated")
        path = directory / "agreements.yaml"
        path.write_text(mou_tracker.dumps(data), encoding="utf-8")
        with monkeypatch.context() as patch:
            patch.setenv(CACHE_ENV, str(directory / "cache"))
            os.utime(path, ns=(0, 0))  # written long before the store: not "racy"
            run("--data", str(path), "list")
            _same(patch, str(path), day.isoformat(), asked)


_DATA = """\
schema_version: 1
sources:
  - id: s1
    title: A report
    published: 2025-01-02
    language: en
signatories:
  - id: vn
    name: Viet Nam
    kind: state
    country: VN
  - id: sg
    name: Singapore
    kind: state
    country: SG
agreements:
  - id: itx
    title: Innovation Talent Exchange
    kind: mou
    parties: [vn, sg]
    sources: [s1]
    history:
      - {date: 2025-10-28, status: signed, sources: [s1]}
"""


def _store_files(cache: Path) -> list[Path]:
    return sorted(cache.rglob("*.sqlite"))


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A small data file, written long ago (not "racy")."""
    path = tmp_path / "data" / "agreements.yaml"
    path.parent.mkdir()
    path.write_text(_DATA, encoding="utf-8")
    os.utime(path, ns=(10**18, 10**18))
    return path


def _show(data: Path) -> str:
    code, out, err = run("--data", str(data), "show", "itx")
    assert (0, "") == (code, err)
    return out


class TestTrust:
    """The store is used only while its files hold what they held; anything wrong and it is built anew."""

    def test_written_then_used(self, data: Path, cache: Path, narrowed: list[int]) -> None:
        """The first command writes the store, the next is answered from it."""
        first = _show(data)
        assert [] == narrowed
        assert 1 == len(_store_files(cache))
        assert first == _show(data)
        assert [1] == narrowed

    def test_changed_file(self, data: Path, cache: Path, narrowed: list[int]) -> None:
        """A file whose content changed is read again, whatever its times say."""
        _show(data)
        status = data.stat()
        data.write_text(_DATA.replace("Innovation Talent Exchange", "Innovation Talent Programme"), encoding="utf-8")
        os.utime(data, ns=(status.st_atime_ns, status.st_mtime_ns))  # the same modification time as before
        assert "Innovation Talent Programme" in _show(data)
        assert [] == narrowed
        assert "Innovation Talent Programme" in _show(data)  # from the store built anew
        assert [1] == narrowed

    def test_touched_file(self, data: Path, cache: Path, narrowed: list[int]) -> None:
        """A file touched but unchanged is still answered from the store: its content decides."""
        first = _show(data)
        os.utime(data, ns=(2 * 10**18, 2 * 10**18))
        assert first == _show(data)
        assert [1] == narrowed

    def test_racy_file(self, data: Path, cache: Path, narrowed: list[int]) -> None:
        """A file changed just before the store was written is checked by its content, not trusted on its times."""
        os.utime(data)  # now: within the two seconds before the store is written
        _show(data)
        data.write_text(_DATA.replace("Innovation Talent Exchange", "Innovation Talent Swap"), encoding="utf-8")
        os.utime(data, ns=(os.stat(data).st_atime_ns, os.stat(data).st_mtime_ns))
        assert "Innovation Talent Swap" in _show(data)

    def test_another_file_set(self, data: Path, cache: Path, narrowed: list[int]) -> None:
        """A file added to a directory makes its store stale."""
        run("--data", str(data.parent), "list")
        extra = data.parent / "more.yaml"
        extra.write_text("schema_version: 1\nagreements: []\n", encoding="utf-8")
        os.utime(extra, ns=(10**18, 10**18))
        code, _out, _ = run("--data", str(data.parent), "show", "itx")
        assert 0 == code
        assert [] == narrowed

    @pytest.mark.parametrize(
        "damage",
        [
            pytest.param(lambda path: path.write_bytes(b"not a database"), id="not a database"),
            pytest.param(lambda path: path.write_bytes(path.read_bytes()[:4096]), id="cut short"),
            pytest.param(
                lambda path: _sql(path, "UPDATE meta SET value = '0.0.0' WHERE name = 'version'"), id="another version"
            ),
            pytest.param(lambda path: _sql(path, "DROP TABLE names"), id="a table missing"),
            pytest.param(lambda path: _sql(path, "DELETE FROM records WHERE kind = 0"), id="records missing"),
            pytest.param(
                lambda path: _sql(path, "UPDATE records SET body = x'00' WHERE kind = 0"), id="a record not packed"
            ),
            pytest.param(
                lambda path: _sql(path, "UPDATE records SET body = ? WHERE kind = 0", _planted()),
                id="a record with a terminal control",
            ),
        ],
    )
    def test_damaged(self, data: Path, cache: Path, narrowed: list[int], damage: object) -> None:
        """A damaged or foreign store is ignored, the answer is the file's, and the store is written anew."""
        first = _show(data)
        (found,) = _store_files(cache)
        damage(found)  # type: ignore[operator]
        assert first == _show(data)
        assert "\x1b" not in first
        assert first == _show(data)
        assert narrowed[-1:] == [1]  # the last from a store built anew

    def test_not_the_users_alone(self, data: Path, cache: Path, narrowed: list[int]) -> None:
        """A store that others could have written is not read."""
        _show(data)
        (found,) = _store_files(cache)
        found.chmod(0o666)
        _show(data)
        assert [] == narrowed

    def test_link(self, data: Path, cache: Path, narrowed: list[int], tmp_path: Path) -> None:
        """A symbolic link at the store's name is not followed."""
        _show(data)
        (found,) = _store_files(cache)
        elsewhere = tmp_path / "elsewhere.sqlite"
        shutil.move(found, elsewhere)
        found.symlink_to(elsewhere)
        _show(data)
        assert [] == narrowed

    def test_no_cache(self, data: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """With the cache off, no store is written."""
        run("--no-cache", "--data", str(data), "show", "itx")
        monkeypatch.setenv(CACHE_ENV, "")
        run("--data", str(data), "show", "itx")
        assert [] == _store_files(cache)

    def test_cleared(self, data: Path, cache: Path) -> None:
        """``cache info`` counts the store and ``cache clear`` removes it."""
        _show(data)
        code, _out, _ = run("cache", "info")
        assert 0 == code
        run("cache", "clear")
        assert [] == _store_files(cache)


def _sql(path: Path, statement: str, *params: object) -> None:
    with sqlite3.connect(path) as db:
        db.execute(statement, params)
    db.close()


def _planted() -> bytes:
    """A packed agreement whose title holds an escape sequence."""
    import json
    import zlib

    record = mou_tracker.loading.unstructure(mou_tracker.loads(_DATA))["agreements"][0]
    record["title"] = "\x1b]0;owned\x07Innovation"
    return zlib.compress(json.dumps(record).encode())


class TestBound:
    """The store counts within the cache's bound."""

    def test_tidied_after_writing(self, data: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Writing the store is followed by tidying: the entries used longest ago go until the rest fit."""
        _show(data)
        (found,) = _store_files(cache)
        store_size = found.stat().st_size
        run("cache", "clear")
        monkeypatch.setattr("mou_tracker.cache.MAX_SIZE", store_size + 1)  # the store fits, not with the rest
        _show(data)
        files = [f for f in cache.rglob("*") if f.is_file()]
        assert [found] == _store_files(cache)
        assert sum(f.stat().st_size for f in files) <= store_size + 1
