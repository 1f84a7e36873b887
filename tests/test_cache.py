"""The cache of files already read: it speeds loads up and never changes what a load gives."""

from __future__ import annotations

import datetime
import gc
import json
import os
import stat
import subprocess
import sys
import time
import tracemalloc
import warnings
import zlib
from pathlib import Path
from unittest import mock

import pytest

import mou_tracker
from mou_tracker import _cache_entry, loading
from mou_tracker import cache as cache_module
from mou_tracker.cache import CACHE_ENV, Cache, default_cache
from mou_tracker.exceptions import DataError
from tests.terminal import acted_on

BUNDLED = loading.bundled_path().read_bytes()

SHARED = """\
schema_version: 1
sources:
  - {id: s, language: en, title: A source}
signatories:
  - {id: vn, name: Viet Nam, kind: state, country: VN}
  - {id: sg, name: Singapore, kind: state, country: SG}
"""

AGREEMENT = """\
schema_version: 1
agreements:
  - id: {ident}
    title: Agreement {ident}
    kind: mou
    sources: [s]
    parties: [vn, sg]
"""


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "data.yaml"
    path.write_bytes(BUNDLED)
    return path


@pytest.fixture
def directory(tmp_path: Path) -> Path:
    root = tmp_path / "collection"
    root.mkdir()
    (root / "00-shared.yaml").write_text(SHARED, encoding="utf-8")
    for i in range(5):
        (root / f"a{i}.yaml").write_text(AGREEMENT.format(ident=f"a{i}"), encoding="utf-8")
    return root


def entries(where: Path) -> list[Path]:
    return sorted(p for p in where.rglob("*.json"))


class TestWarmLoads:
    def test_a_second_load_gives_the_same_dataset_without_parsing(
        self, cache_dir: Path, data_file: Path, parsed: list[str]
    ) -> None:
        """The second load of a file comes from the cache and equals the first."""
        first = mou_tracker.load(data_file)
        assert [str(data_file)] == parsed
        second = mou_tracker.load(data_file)
        assert [str(data_file)] == parsed
        assert first == second == mou_tracker.load(data_file, cache=False)

    def test_entries_are_json_and_data_files_are_untouched(self, cache_dir: Path, data_file: Path) -> None:
        """An entry is JSON lines: a header, then one record (or value) a line; the data file is never written."""
        before = data_file.stat()
        dataset = mou_tracker.load(data_file)
        mou_tracker.load(data_file)
        found = entries(cache_dir)
        assert 2 == len(found)  # the file's records, and the mark that the whole passed its checks
        kinds = {entry.parent.parent.name: entry for entry in found}
        assert {"parts", "valid"} == set(kinds)
        header, *lines = kinds["parts"].read_bytes().splitlines()
        meta = json.loads(header)
        assert {"key", "crc32", "counts"} == set(meta)
        assert {name: len(getattr(dataset, name)) for name in loading._RECORDS} == meta["counts"]
        records = [json.loads(line) for line in lines]
        assert sum(meta["counts"].values()) == len(records)
        assert "itx" in {r["id"] for r in records}
        header, body = kinds["valid"].read_bytes().split(b"\n", 1)
        assert {"key", "crc32"} == set(json.loads(header))
        assert json.loads(body) is True
        assert BUNDLED == data_file.read_bytes()
        assert before.st_mtime_ns == data_file.stat().st_mtime_ns

    def test_a_changed_file_is_read_again(self, cache_dir: Path, data_file: Path, parsed: list[str]) -> None:
        """The key is the content: an edited file is parsed anew and gives the edited data."""
        mou_tracker.load(data_file)
        data_file.write_bytes(BUNDLED.replace(b"Innovation Talent Exchange", b"Innovation Talent Exchanges", 1))
        edited = mou_tracker.load(data_file)
        assert 2 == len(parsed)
        assert "Exchanges" in edited["itx"].title.value

    def test_the_same_content_under_another_name_shares_the_entry(
        self, cache_dir: Path, data_file: Path, tmp_path: Path, parsed: list[str]
    ) -> None:
        """A copy of a file is not parsed again."""
        mou_tracker.load(data_file)
        copy = tmp_path / "copy.yaml"
        copy.write_bytes(BUNDLED)
        assert mou_tracker.load(copy) == mou_tracker.load(data_file)
        assert [str(data_file)] == parsed

    def test_cache_false_reads_and_writes_nothing(self, cache_dir: Path, data_file: Path, parsed: list[str]) -> None:
        """load(cache=False) parses every time and leaves no entry."""
        mou_tracker.load(data_file, cache=False)
        mou_tracker.load(data_file, cache=False)
        assert 2 == len(parsed)
        assert not cache_dir.exists()

    def test_an_empty_cache_variable_turns_the_cache_off(
        self, monkeypatch: pytest.MonkeyPatch, data_file: Path, tmp_path: Path
    ) -> None:
        """MOU_TRACKER_CACHE_DIR set to nothing means no cache."""
        monkeypatch.setenv(CACHE_ENV, "")
        assert default_cache() is None
        monkeypatch.chdir(tmp_path)
        mou_tracker.load(data_file)
        assert [] == entries(tmp_path)

    def test_without_the_variable_the_users_cache_directory(
        self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
    ) -> None:
        """Unset, the cache is in the platform's user cache directory for mou-tracker."""
        monkeypatch.delenv(CACHE_ENV)
        monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
        cache = default_cache()
        assert cache is not None
        if sys.platform.startswith("linux"):
            assert tmp_path / "mou-tracker" / "v2" == cache.root


class TestUntrusted:
    @pytest.mark.parametrize(
        "damage",
        [
            b"",
            b"not json at all",
            b'{"key": "x", "crc32": 0}\n{}',
            b"\x00\xff\xfe garbage",
        ],
        ids=["empty", "text", "wrong key", "bytes"],
    )
    def test_a_damaged_entry_is_ignored_and_written_anew(
        self, cache_dir: Path, data_file: Path, parsed: list[str], damage: bytes
    ) -> None:
        """Whatever an entry holds, a load that cannot trust it parses the file and gives the right data."""
        expected = mou_tracker.load(data_file)
        for entry in entries(cache_dir):
            entry.write_bytes(damage)
        assert expected == mou_tracker.load(data_file)
        assert 2 == len(parsed)
        assert expected == mou_tracker.load(data_file)
        assert 2 == len(parsed)  # written anew, and trusted again

    def test_a_body_that_does_not_match_its_checksum_is_ignored(
        self, cache_dir: Path, data_file: Path, parsed: list[str]
    ) -> None:
        """An entry edited after it was written (its CRC no longer matching) is not used."""
        expected = mou_tracker.load(data_file)
        for entry in entries(cache_dir):
            entry.write_bytes(entry.read_bytes().replace(b"Innovation", b"Innovatiom"))
        assert expected == mou_tracker.load(data_file)
        assert 2 == len(parsed)

    def test_an_entry_of_the_wrong_shape_is_ignored(self, cache_dir: Path, data_file: Path, parsed: list[str]) -> None:
        """An entry whose checksum holds but whose records cannot be built is read afresh."""
        expected = mou_tracker.load(data_file)
        cache = Cache(cache_dir)
        key = cache.key(BUNDLED)
        counts = {"sources": 1, "signatories": 0, "people": 0, "areas": 0, "agreements": 0}
        cache.put_lines("parts", key, [{"id": 5}], counts=counts)
        assert expected == mou_tracker.load(data_file)
        assert 2 == len(parsed)

    @pytest.mark.parametrize(
        "cut", ["last line", "first record", "extra line", "counts", "header only", "a count moved"]
    )
    def test_an_entry_with_records_missing_or_extra_is_ignored(
        self, cache_dir: Path, data_file: Path, parsed: list[str], cut: str
    ) -> None:
        """An entry cut short, with more records than its header counts, or with counts moved, is read afresh."""
        expected = mou_tracker.load(data_file)
        (entry,) = [e for e in entries(cache_dir) if e.parent.parent.name == "parts"]
        header, *lines = entry.read_bytes().splitlines(keepends=True)
        meta = json.loads(header)
        if cut == "last line":
            lines = lines[:-1]
        elif cut == "first record":
            lines = lines[1:]
        elif cut == "extra line":
            lines = [*lines, lines[-1]]
        elif cut == "counts":
            meta["counts"]["agreements"] += 1
        elif cut == "a count moved":  # the same lines, read as records of other kinds
            meta["counts"]["people"] += 1
            meta["counts"]["signatories"] -= 1
        else:
            lines = []
        if cut == "a count moved":
            entry.write_bytes(json.dumps(meta).encode() + b"\n" + b"".join(lines))  # its checksum as written
        else:  # its checksum made to match: only the counts can tell
            crc = _cache_entry._header_crc(meta)
            for line in lines:
                crc = zlib.crc32(line, crc)
            meta["crc32"] = crc
            entry.write_bytes(json.dumps(meta).encode() + b"\n" + b"".join(lines))
        assert expected == mou_tracker.load(data_file)
        assert 2 == len(parsed)
        assert expected == mou_tracker.load(data_file)
        assert 2 == len(parsed)  # written anew, and trusted again

    def test_the_checksum_covers_the_header(self, cache_dir: Path) -> None:
        """Counts moved from one kind to another, the lines left alone: reading to the end finds the checksum wrong."""
        cache = Cache(cache_dir)
        cache.put_lines(
            "parts", "k" * 64, [{"id": "p1", "name": "A"}, {"id": "a1", "name": "B"}], counts={"people": 1, "areas": 1}
        )
        (entry,) = entries(cache_dir)
        entry.write_bytes(entry.read_bytes().replace(b'"people": 1, "areas": 1', b'"people": 2, "areas": 0', 1))
        found = cache.lines("parts", "k" * 64)
        assert found is not None
        meta, values = found
        assert {"people": 2, "areas": 0} == meta["counts"]
        with pytest.raises(_cache_entry._Corrupt):
            list(values)

    @pytest.mark.parametrize("header", ["no counts", "deep", "not a mapping"])
    def test_an_entry_with_a_bad_header_is_ignored_and_closed(
        self, cache_dir: Path, data_file: Path, parsed: list[str], header: str
    ) -> None:
        """A header without counts, nested too deep to read, or not a mapping: read afresh, the entry's file closed."""
        expected = mou_tracker.load(data_file)
        (entry,) = [e for e in entries(cache_dir) if e.parent.parent.name == "parts"]
        first, _, body = entry.read_bytes().partition(b"\n")
        meta = json.loads(first)
        if header == "no counts":
            del meta["counts"]
            meta["crc32"] = zlib.crc32(body, _cache_entry._header_crc(meta))
            first = json.dumps(meta).encode()
        elif header == "deep":
            first = b"[" * 100_000
        else:
            first = b"[1, 2]"
        entry.write_bytes(first + b"\n" + body)
        with warnings.catch_warnings():
            warnings.simplefilter("error", ResourceWarning)
            assert expected == mou_tracker.load(data_file)
            gc.collect()  # an unclosed file would warn here
        assert 2 == len(parsed)

    def test_another_version_does_not_share_entries(self, cache_dir: Path) -> None:
        """The key includes the library's version: entries of another version are never read."""
        cache = Cache(cache_dir)
        with mock.patch("mou_tracker.cache.__version__", "0.0.0-other"):
            other = Cache(cache_dir)
        assert cache.key(BUNDLED) != other.key(BUNDLED)

    def test_a_cache_path_that_is_a_file_only_costs_time(
        self, tmp_path: Path, data_file: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A cache that cannot be written (here its directory is a file) does not stop a load."""
        blocker = tmp_path / "blocker"
        blocker.write_text("not a directory", encoding="utf-8")
        monkeypatch.setenv(CACHE_ENV, str(blocker))
        assert mou_tracker.load(data_file) == mou_tracker.load(data_file, cache=False)
        assert "not a directory" == blocker.read_text(encoding="utf-8")


# Text that a data file cannot hold, as a cache entry (JSON) can: where in the
# bundled file's entry, and what is put there.
_UNFIT_TEXTS = {
    "a lone surrogate in a name": (b'"name":"Innovation talent"', rb'"name":"Innovation\ud800 talent"'),
    "an escape in a name": (b'"name":"Innovation talent"', rb'"name":"\u001b[2K\rInnovation talent"'),
    "an override in a name": (b'"name":"Innovation talent"', rb'"name":"Innovation\u202e talent"'),
    "NEL in a name": (b'"name":"Innovation talent"', rb'"name":"Innovation\u0085 talent"'),
    "a non-character in a name": (b'"name":"Innovation talent"', rb'"name":"Innovation\ufffe talent"'),
    "a line break in a name": (b'"name":"Innovation talent"', rb'"name":"Innovation\ntalent"'),
    "a bell in notes": (b'"notes":"Report, ', rb'"notes":"\u0007Report, '),
    "a lone surrogate in a key": (b'"names":{"vi":"Nh', rb'"names":{"v\udc00i":"Nh'),
    "a control in an id": (b'"id":"talent"', rb'"id":"tal\u001bent"'),
}


class TestUnfitText:
    @pytest.mark.parametrize("what", sorted(_UNFIT_TEXTS))
    def test_an_entry_with_text_a_file_cannot_hold_is_read_afresh(
        self, cache_dir: Path, data_file: Path, parsed: list[str], what: str
    ) -> None:
        """An entry holding text the loader refuses is not trusted: the file is read afresh, and every export works."""
        from mou_tracker.exports import export

        expected = mou_tracker.load(data_file)
        (entry,) = [e for e in entries(cache_dir) if e.parent.parent.name == "parts"]
        header, *lines = entry.read_bytes().splitlines(keepends=True)
        old, new = _UNFIT_TEXTS[what]
        at = next(i for i, line in enumerate(lines) if old in line)
        lines[at] = lines[at].replace(old, new, 1)
        meta = json.loads(header)
        crc = _cache_entry._header_crc(meta)
        for line in lines:
            crc = zlib.crc32(line, crc)
        meta["crc32"] = crc  # the checksum made to match: only the text can tell
        entry.write_bytes(json.dumps(meta).encode() + b"\n" + b"".join(lines))
        loaded = mou_tracker.load(data_file)
        for fmt in ("csv", "sqlite", "html", "json"):
            assert export(loaded, fmt, day=datetime.date(2026, 1, 1))
        assert expected == loaded
        assert 2 == len(parsed)


class TestBrokenData:
    def test_a_broken_file_is_never_cached_and_always_located(self, cache_dir: Path, tmp_path: Path) -> None:
        """A file with problems is reported the same each time, with its lines, and leaves no entry."""
        broken = tmp_path / "broken.yaml"
        broken.write_bytes(BUNDLED.replace(b"kind: mou", b"kind: moo", 1))
        reports = []
        for _ in range(2):
            with pytest.raises(DataError) as caught:
                mou_tracker.load(broken)
            reports.append(str(caught.value))
        assert reports[0] == reports[1]
        line = BUNDLED[: BUNDLED.index(b"kind: mou")].count(b"\n") + 1
        assert f"{broken}:{line}:11: $.agreements[6].kind: expected one of treaty" in reports[0]
        assert "found the text 'moo'; did you mean 'mou'?" in reports[0]
        assert [] == entries(cache_dir)


class TestDirectories:
    def test_only_the_changed_file_is_parsed_again(self, cache_dir: Path, directory: Path, parsed: list[str]) -> None:
        """After one file of a directory changes, the next load parses that file only."""
        first = mou_tracker.load(directory)
        assert 6 == len(parsed)
        changed = directory / "a3.yaml"
        changed.write_text(AGREEMENT.format(ident="a3").replace("Agreement a3", "Changed a3"), encoding="utf-8")
        parsed.clear()
        second = mou_tracker.load(directory)
        assert [str(changed)] == parsed
        assert "Changed a3" == second["a3"].title.value
        assert [a.id for a in first] == [a.id for a in second]

    def test_a_change_that_breaks_the_whole_is_reported(self, cache_dir: Path, directory: Path) -> None:
        """Files that were fine together are checked again as a whole when one of them changes."""
        mou_tracker.load(directory)
        (directory / "a4.yaml").write_text(AGREEMENT.format(ident="a1"), encoding="utf-8")
        with pytest.raises(DataError) as caught:
            mou_tracker.load(directory)
        (problem,) = caught.value.problems
        assert problem.file == str(directory / "a4.yaml")
        assert (problem.line, problem.path) == (3, ("agreements", 0, "id"))
        assert "duplicate id 'a1'" in problem.message

    def test_a_reference_broken_by_another_file_is_located_in_a_cached_one(
        self, cache_dir: Path, directory: Path
    ) -> None:
        """A cached file whose reference another file's change breaks is reported at the reference's line."""
        mou_tracker.load(directory)
        (directory / "00-shared.yaml").write_text(
            SHARED.replace("  - {id: sg, name: Singapore, kind: state, country: SG}\n", ""), encoding="utf-8"
        )
        with pytest.raises(DataError) as caught:
            mou_tracker.load(directory)
        located = {(Path(p.file or "").name, p.line, p.path[-1]) for p in caught.value.problems}
        assert {(f"a{i}.yaml", 7, 1) for i in range(5)} == located

    def test_a_cached_file_that_changes_during_the_load_is_not_located_in(
        self, cache_dir: Path, directory: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A cached file is read again only to locate a problem; if it changed meanwhile, the load says so."""
        mou_tracker.load(directory)
        (directory / "00-shared.yaml").write_text(
            SHARED.replace("  - {id: sg, name: Singapore, kind: state, country: SG}\n", ""), encoding="utf-8"
        )
        reads: dict[str, int] = {}
        real = loading._read_bytes

        def edited_on_second_read(target: Path, max_bytes: int) -> bytes:
            reads[target.name] = reads.get(target.name, 0) + 1
            data = real(target, max_bytes)
            return data + b"# edited meanwhile\n" if reads[target.name] > 1 else data

        monkeypatch.setattr(loading, "_read_bytes", edited_on_second_read)
        with pytest.raises(DataError) as caught:
            mou_tracker.load(directory)
        (problem,) = caught.value.problems  # the first file to locate in stops the load
        assert "a0.yaml" == Path(problem.file or "").name
        assert "the file changed while it was being loaded; load it again" == problem.message
        assert 2 == reads["a0.yaml"]

    def test_a_removed_file_is_no_longer_loaded(self, cache_dir: Path, directory: Path) -> None:
        """Entries of files that are gone are not used."""
        mou_tracker.load(directory)
        (directory / "a2.yaml").unlink()
        assert ["a0", "a1", "a3", "a4"] == [a.id for a in mou_tracker.load(directory)]


class TestCommandLine:
    def test_no_cache_neither_reads_nor_writes_it(self, cache_dir: Path, data_file: Path, parsed: list[str]) -> None:
        """--no-cache parses the file every time and leaves the cache as it was."""
        from tests.running import run

        for _ in range(2):
            code, out, err = run("--no-cache", "--data", str(data_file), "--as-of", "2026-01-01")
            assert (0, "") == (code, err)
        assert 2 == len(parsed)
        assert not cache_dir.exists()
        assert run("--data", str(data_file), "--as-of", "2026-01-01") == (code, out, err)
        assert entries(cache_dir)

    def test_validate_of_a_cached_file_still_reports_its_problems(self, cache_dir: Path, tmp_path: Path) -> None:
        """validate on a file changed after it was cached reports what is wrong with it now."""
        from tests.running import run

        path = tmp_path / "data.yaml"
        path.write_bytes(BUNDLED)
        assert 0 == run("validate", str(path))[0]
        path.write_bytes(BUNDLED.replace(b"kind: mou", b"kind: moo", 1))
        code, _, err = run("validate", str(path))
        assert 2 == code
        assert "moo" in err


def forge(entry: Path, old: bytes, new: bytes) -> None:
    """Rewrite an entry with ``old`` replaced by ``new`` and a checksum that matches: what a planter could write."""
    header, *lines = entry.read_bytes().splitlines(keepends=True)
    lines = [line.replace(old, new) for line in lines]
    meta = json.loads(header)
    crc = _cache_entry._header_crc(meta)
    for line in lines:
        crc = zlib.crc32(line, crc)
    meta["crc32"] = crc
    entry.write_bytes(json.dumps(meta).encode() + b"\n" + b"".join(lines))


def parts_entry(where: Path) -> Path:
    (entry,) = [e for e in entries(where) if e.parent.parent.name == "parts"]
    return entry


FORGED = b"Innovation Talent Exchange (forged)"


POSIX_OWNERS = pytest.mark.skipif(not hasattr(os, "geteuid"), reason="Windows has no user ids or mode bits to check")


@POSIX_OWNERS
class TestOwnership:
    def test_a_forged_entry_of_the_users_own_is_used(self, cache_dir: Path, data_file: Path, parsed: list[str]) -> None:
        """The premise of the tests below: an entry of the user's own, with its checksum right, is believed."""
        mou_tracker.load(data_file)
        forge(parts_entry(cache_dir), b"Innovation Talent Exchange", FORGED)
        assert FORGED.decode() in mou_tracker.load(data_file)["itx"].title.value
        assert 1 == len(parsed)

    @pytest.mark.parametrize("where", ["cache directory", "version", "kind", "fan"])
    @pytest.mark.parametrize("bits", [0o020, 0o002], ids=["group", "others"])
    def test_a_directory_others_can_write_is_not_used(
        self, cache_dir: Path, data_file: Path, parsed: list[str], where: str, bits: int
    ) -> None:
        """An entry planted in a directory of the cache that others can write is not read, nor is anything written."""
        expected = mou_tracker.load(data_file)
        entry = parts_entry(cache_dir)
        forge(entry, b"Innovation Talent Exchange", FORGED)
        opened = {"cache directory": cache_dir, "version": cache_dir / "v2", "kind": entry.parent.parent}
        directory = opened.get(where, entry.parent)
        directory.chmod(directory.stat().st_mode | bits)
        before = {e: e.stat().st_mtime_ns for e in entries(cache_dir)}
        assert expected == mou_tracker.load(data_file)
        assert 2 == len(parsed)
        assert before == {e: e.stat().st_mtime_ns for e in entries(cache_dir)}

    @pytest.mark.parametrize("bits", [0o020, 0o002], ids=["group", "others"])
    def test_an_entry_others_can_write_is_not_used(
        self, cache_dir: Path, data_file: Path, parsed: list[str], bits: int
    ) -> None:
        """An entry that others can write, its checksum right, is not read: the file is parsed afresh."""
        expected = mou_tracker.load(data_file)
        entry = parts_entry(cache_dir)
        forge(entry, b"Innovation Talent Exchange", FORGED)
        entry.chmod(0o600 | bits)
        assert expected == mou_tracker.load(data_file)
        assert 2 == len(parsed)

    def test_a_cache_directory_of_another_user_is_not_used(
        self, cache_dir: Path, data_file: Path, parsed: list[str], monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Seen by another user, the whole cache is refused: loads parse the file and write nothing."""
        expected = mou_tracker.load(data_file)
        forge(parts_entry(cache_dir), b"Innovation Talent Exchange", FORGED)
        before = {e: e.stat().st_mtime_ns for e in entries(cache_dir)}
        monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 1)
        assert f"{cache_dir} belongs to another user" == Cache(cache_dir).refusal()
        assert expected == mou_tracker.load(data_file)
        assert 2 == len(parsed)
        assert before == {e: e.stat().st_mtime_ns for e in entries(cache_dir)}

    def test_an_entry_of_another_user_is_not_read(
        self, cache_dir: Path, data_file: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Its directories found the user's own, an entry that belongs to another user is still refused."""
        mou_tracker.load(data_file)
        entry = parts_entry(cache_dir)
        cache = Cache(cache_dir)
        key = entry.name.removesuffix(".json")
        found = cache.lines("parts", key)  # the directories are looked at once, and found the user's
        assert found is not None
        found[1].close()
        monkeypatch.setattr(os, "geteuid", lambda: os.getuid() + 1)
        assert cache.lines("parts", key) is None

    def test_a_new_cache_is_the_users_alone_whatever_the_umask(self, cache_dir: Path, data_file: Path) -> None:
        """The directories the cache makes are 0700 and its entries 0600, so that it can trust them again."""
        old = os.umask(0o002)
        try:
            mou_tracker.load(data_file)
        finally:
            os.umask(old)
        made = [cache_dir, *(p for p in cache_dir.rglob("*") if p.is_dir())]
        assert {0o700} == {stat.S_IMODE(p.stat().st_mode) for p in made}
        assert {0o600} == {stat.S_IMODE(p.stat().st_mode) for p in entries(cache_dir)}


class TestValidateRechecks:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            (
                AGREEMENT.format(ident="a2").replace("[vn, sg]", "[vn, sgp]"),
                "7:19: $.agreements[0].parties[1]: unknown ",
            ),
            (AGREEMENT.format(ident="a1"), "3:9: $.agreements[0].id: duplicate id 'a1'"),
        ],
        ids=["dangling", "duplicate"],
    )
    def test_validate_reports_what_the_cache_says_passed(
        self, cache_dir: Path, directory: Path, text: str, expected: str
    ) -> None:
        """validate runs the checks of the whole even when the cache marks these very files as having passed them."""
        from tests.running import run

        broken = directory / "a2.yaml"
        broken.write_text(text, encoding="utf-8")
        cache = Cache(cache_dir)
        keys = [cache.key(path.read_bytes()) for path in sorted(directory.iterdir())]
        cache.put("valid", cache.key(*(key.encode() for key in keys)), True)  # a mark that lies
        code, out, err = run("validate", str(directory))
        assert (2, "") == (code, out)
        assert f"{broken}:{expected}" in err
        with pytest.raises(DataError):
            mou_tracker.load(directory, recheck=True)

    def test_validate_still_takes_each_file_from_the_cache(
        self, cache_dir: Path, directory: Path, parsed: list[str]
    ) -> None:
        """Rechecking the whole does not parse again the files the cache holds."""
        from tests.running import run

        mou_tracker.load(directory)
        parsed.clear()
        assert 0 == run("validate", str(directory))[0]
        assert [] == parsed


def entry_path(cache_dir: Path, data: bytes, kind: str = "parts") -> Path:
    """Where the entry of ``data`` would be, its directories made as the cache makes them."""
    path = Cache(cache_dir)._path(kind, Cache(cache_dir).key(data))
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    for directory in (cache_dir, cache_dir / "v2", path.parent.parent, path.parent):
        directory.chmod(0o700)
    return path


BOUNDED_LOAD = """\
import resource, sys, tracemalloc
soft, hard = resource.getrlimit(resource.RLIMIT_AS)
resource.setrlimit(resource.RLIMIT_AS, (768 << 20, hard))
import mou_tracker
tracemalloc.start()
dataset = mou_tracker.load(sys.argv[1])
print(len(dataset.agreements), tracemalloc.get_traced_memory()[1])
"""


def load_bounded(data_file: Path) -> tuple[int, int]:
    """Load ``data_file`` in a process that may use 768 MiB at most: its agreements, and the most memory it traced.

    A load that read a device or a huge file whole would fail there, with a
    MemoryError, instead of taking the machine's memory.
    """
    done = subprocess.run(
        [sys.executable, "-c", BOUNDED_LOAD, str(data_file)], capture_output=True, text=True, check=False
    )
    assert 0 == done.returncode, done.stderr[-2000:]
    agreements, peak = done.stdout.split()
    return int(agreements), int(peak)


@pytest.mark.skipif(sys.platform == "win32", reason="pipes, /dev/zero and sparse files are POSIX's")
class TestHostileEntries:
    def test_a_pipe_at_an_entry_is_neither_waited_on_nor_read(self, cache_dir: Path, data_file: Path) -> None:
        """A FIFO where an entry would be is refused without reading from it: what was written to it is still there."""
        path = entry_path(cache_dir, BUNDLED)
        os.mkfifo(path, 0o600)
        # A reader and a writer of the test's own, both opened without blocking, so
        # that an open or a read of the pipe by the load could not wait forever.
        reader = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        writer = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        try:
            os.write(writer, b"not an entry\n")
            assert mou_tracker.load(data_file, cache=False) == mou_tracker.load(data_file)
            assert b"not an entry\n" == os.read(reader, 100)
        finally:
            os.close(writer)
            os.close(reader)

    def test_a_link_to_dev_zero_at_an_entry_is_not_followed(self, cache_dir: Path, data_file: Path) -> None:
        """A symbolic link to /dev/zero where an entry would be is not opened: the load takes no memory for it."""
        entry_path(cache_dir, BUNDLED).symlink_to("/dev/zero")
        agreements, peak = load_bounded(data_file)
        assert len(mou_tracker.load(data_file, cache=False).agreements) == agreements
        assert peak < 64 << 20

    def test_a_huge_sparse_file_at_an_entry_is_not_read(self, cache_dir: Path, data_file: Path) -> None:
        """A 1 GiB sparse file where an entry would be, the user's own, is larger than the cache's bound: not read."""
        path = entry_path(cache_dir, BUNDLED)
        with open(path, "wb") as handle:
            handle.truncate(1 << 30)
        path.chmod(0o600)
        agreements, peak = load_bounded(data_file)
        assert len(mou_tracker.load(data_file, cache=False).agreements) == agreements
        assert peak < 64 << 20

    def test_a_header_is_read_within_its_bound(self, cache_dir: Path) -> None:
        """Even within the size bound, a header line without an end is read no further than its own bound."""
        cache = Cache(cache_dir, max_size=2 << 30)
        path = entry_path(cache_dir, b"anything")
        with open(path, "wb") as handle:
            handle.truncate(1 << 30)
        path.chmod(0o600)
        tracemalloc.start()
        try:
            assert cache.lines("parts", cache.key(b"anything")) is None
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 1 << 20

    def test_a_true_header_before_a_huge_sparse_body_is_not_read_whole(self, cache_dir: Path, data_file: Path) -> None:
        """An entry's own header followed by 500 MB without a line break: no record line is read past its bound."""
        mou_tracker.load(data_file)
        path = parts_entry(cache_dir)
        header = path.read_bytes().split(b"\n", 1)[0] + b"\n"
        with open(path, "wb") as handle:
            handle.write(header)
            handle.truncate(500 << 20)
        agreements, peak = load_bounded(data_file)
        assert len(mou_tracker.load(data_file, cache=False).agreements) == agreements
        assert peak < 64 << 20

    def test_a_record_longer_than_a_line_may_be_is_not_written(
        self, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A record longer than the line bound is not cached, so no entry the reader would refuse is ever written."""
        monkeypatch.setattr(_cache_entry, "_MAX_LINE", 64)
        cache = Cache(cache_dir)
        cache.put_lines("parts", "k" * 64, [{"id": "p1"}, {"id": "p" * 100}], counts={"people": 2})
        assert [] == list(entries(cache_dir))
        cache.put_lines("parts", "k" * 64, [{"id": "p1"}, {"id": "p2"}], counts={"people": 2})
        assert 1 == len(entries(cache_dir))
        monkeypatch.setattr(_cache_entry, "_MAX_LINE", 8)
        found = cache.lines("parts", "k" * 64)
        assert found is not None
        with pytest.raises(_cache_entry._Corrupt):
            list(found[1])

    def test_a_line_is_read_no_further_than_the_entry_was_long(self, cache_dir: Path) -> None:
        """An entry whose last line has no end, as if cut short, is corrupt."""
        cache = Cache(cache_dir)
        cache.put_lines("parts", "k" * 64, [{"id": "p1"}, {"id": "p2"}], counts={"people": 2})
        (entry,) = entries(cache_dir)
        entry.write_bytes(entry.read_bytes().removesuffix(b"\n"))
        found = cache.lines("parts", "k" * 64)
        assert found is not None
        with pytest.raises(_cache_entry._Corrupt):
            list(found[1])


def age(path: Path, seconds: float, now: float) -> None:
    """Set ``path``'s modification time to ``seconds`` before ``now``."""
    os.utime(path, (now - seconds, now - seconds))


class TestTidy:
    def test_stale_temporary_files_are_removed_after_a_load_that_writes(self, cache_dir: Path, data_file: Path) -> None:
        """A killed writer's temporary file older than the bound goes; a fresh one and other files stay."""
        mou_tracker.load(data_file)
        fan = parts_entry(cache_dir).parent
        now = time.time()
        stale, fresh, other = fan / ".abcd1234.tmp", fan / ".efgh5678.tmp", fan / "notes.txt"
        for path in (stale, fresh, other):
            path.write_bytes(b"{")
        age(stale, cache_module.STALE_TEMPORARY + 60, now)
        age(other, cache_module.STALE_TEMPORARY + 60, now)
        data_file.write_bytes(BUNDLED.replace(b"Innovation Talent Exchange", b"Innovation Talent Exchanges", 1))
        mou_tracker.load(data_file)  # writes an entry, then tidies
        assert (False, True, True) == (stale.exists(), fresh.exists(), other.exists())

    def test_a_load_that_writes_nothing_does_not_tidy(self, cache_dir: Path, data_file: Path) -> None:
        """A warm load leaves even a stale temporary file: only a load that wrote looks over the cache."""
        mou_tracker.load(data_file)
        stale = parts_entry(cache_dir).parent / ".abcd1234.tmp"
        stale.write_bytes(b"{")
        age(stale, cache_module.STALE_TEMPORARY + 60, time.time())
        mou_tracker.load(data_file)
        assert stale.exists()

    def test_entries_unused_for_the_age_bound_are_removed(self, cache_dir: Path) -> None:
        """An entry not used for longer than max_age goes; one used within it stays."""
        cache = Cache(cache_dir)
        cache.put("valid", "a" * 64, True)
        cache.put("valid", "b" * 64, True)
        old, recent = entries(cache_dir)
        now = time.time()
        age(old, cache.max_age + 60, now)
        age(recent, cache.max_age - 60, now)
        cache.tidy(now=now)
        assert [recent] == entries(cache_dir)

    def test_eviction_keeps_the_cache_within_its_bound(self, cache_dir: Path) -> None:
        """Past max_size, the entries used longest ago are removed until the rest fit."""
        cache = Cache(cache_dir)
        keys = [f"{i:02x}" * 32 for i in range(10)]
        now = time.time()
        for i, key in enumerate(keys):
            cache.put_lines("parts", key, [{"id": f"r{i}", "text": "x" * 1000}], counts={"sources": 1})
            age(cache._path("parts", key), 100 - i, now)  # the later, the more recently used
        sizes = [cache._path("parts", key).stat().st_size for key in keys]
        removed = Cache(cache_dir, max_size=sum(sizes[7:])).tidy(now=now)
        assert (7, sum(sizes[:7])) == removed
        assert [cache._path("parts", key) for key in keys[7:]] == entries(cache_dir)

    def test_loads_of_many_versions_stay_within_the_bound(
        self, cache_dir: Path, data_file: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Every edited version of a file adds an entry; tidying after each load keeps the cache within its bound."""
        mou_tracker.load(data_file)
        bound = 3 * sum(e.stat().st_size for e in entries(cache_dir))
        monkeypatch.setattr(cache_module, "MAX_SIZE", bound)
        for i in range(8):
            data_file.write_bytes(BUNDLED.replace(b"Innovation Talent Exchange", f"ITX {i}".encode(), 1))
            assert f"the ITX {i} Programme" in mou_tracker.load(data_file)["itx"].title.value
            assert sum(e.stat().st_size for e in entries(cache_dir)) <= bound
        assert len(entries(cache_dir)) < 2 * 9

    def test_an_entry_used_is_marked_so_and_outlives_newer_unused_ones(self, cache_dir: Path) -> None:
        """Reading an entry marks it used (at most once a day), so eviction takes the one unused instead."""
        cache = Cache(cache_dir)
        cache.put("valid", "a" * 64, True)
        cache.put("valid", "b" * 64, True)
        used, unused = cache._path("valid", "a" * 64), cache._path("valid", "b" * 64)
        now = time.time()
        age(used, 3 * 86400, now)
        age(unused, 2 * 86400, now)
        assert Cache(cache_dir).get("valid", "a" * 64) is True
        assert used.stat().st_mtime > now - 60
        Cache(cache_dir, max_size=used.stat().st_size).tidy()
        assert [used] == entries(cache_dir)


class TestCacheCommand:
    def test_info(self, cache_dir: Path, data_file: Path) -> None:
        """cache info says the bound, where the cache is, and how many entries and bytes it holds; exit 0."""
        from tests.running import run

        mou_tracker.load(data_file)
        size = sum(e.stat().st_size for e in entries(cache_dir))
        assert (
            0,
            "bound: 1,073,741,824 bytes; entries unused for 30 days are removed\n"
            f"directory: {cache_dir}\n"
            f"entries: 2 ({size:,} bytes)\n",
            "",
        ) == run("cache", "info")

    def test_info_of_a_cache_not_yet_made(self, cache_dir: Path) -> None:
        """Before any load, the cache is where it will be, and empty."""
        from tests.running import run

        assert (
            0,
            "bound: 1,073,741,824 bytes; entries unused for 30 days are removed\n"
            f"directory: {cache_dir}\nentries: 0 (0 bytes)\n",
            "",
        ) == run("cache", "info")

    @POSIX_OWNERS
    def test_info_of_a_refused_cache_says_why(self, cache_dir: Path, data_file: Path) -> None:
        """A cache directory others can write is reported as not used, and why; still exit 0."""
        from tests.running import run

        mou_tracker.load(data_file)
        cache_dir.chmod(0o777)
        code, out, err = run("cache", "info")
        assert (0, "") == (code, err)
        assert f"entries: 0 (0 bytes)\nnot used: {cache_dir} can be written by other users\n" in out

    @POSIX_OWNERS
    def test_a_refused_directory_inside_is_named_by_info_and_clear(self, cache_dir: Path, data_file: Path) -> None:
        """A directory within the cache that others can write is named by info, and left by clear, which exits 2."""
        from tests.running import run

        mou_tracker.load(data_file)
        parts = cache_dir / "v2" / "parts"
        parts.chmod(0o770)
        code, out, err = run("cache", "info")
        assert (0, "") == (code, err)
        assert out.endswith(f"not used: {parts} can be written by other users\n")
        code, out, err = run("cache", "clear")
        assert (2, "") == (code, err)
        assert out.endswith(f"not used, and left as it is: {parts} can be written by other users; remove it by hand\n")
        assert [] != [e for e in entries(cache_dir) if parts in e.parents]

    def test_clear_removes_only_what_the_cache_wrote(self, cache_dir: Path, data_file: Path) -> None:
        """cache clear removes entries and temporary files, leaving other files and the directories that hold them."""
        from tests.running import run

        mou_tracker.load(data_file)
        fan = parts_entry(cache_dir).parent
        (fan / ".abcd1234.tmp").write_bytes(b"{}")
        (fan / "notes.txt").write_text("mine", encoding="utf-8")
        (cache_dir / "README").write_text("mine", encoding="utf-8")
        size = sum(e.stat().st_size for e in entries(cache_dir)) + 2
        assert (0, f"removed 2 entries ({size:,} bytes) from {cache_dir}\n", "") == run("cache", "clear")
        assert [cache_dir / "README", fan / "notes.txt"] == sorted(p for p in cache_dir.rglob("*") if p.is_file())
        assert [] == list((cache_dir / "v2" / "valid").glob("*"))

    def test_clear_removes_the_directory_it_made(self, cache_dir: Path, data_file: Path) -> None:
        """With nothing else in it, the cache's directory is removed too; the next load makes it again."""
        from tests.running import run

        mou_tracker.load(data_file)
        assert 0 == run("cache", "clear")[0]
        assert not cache_dir.exists()
        assert (0, f"removed 0 entries (0 bytes) from {cache_dir}\n", "") == run("cache", "clear")
        mou_tracker.load(data_file)
        assert 2 == len(entries(cache_dir))

    @POSIX_OWNERS
    def test_clear_of_a_refused_cache_removes_nothing(self, cache_dir: Path, data_file: Path) -> None:
        """In a cache directory others can write, clear removes nothing and exits 2 saying why."""
        from tests.running import run

        mou_tracker.load(data_file)
        cache_dir.chmod(0o777)
        assert (
            2,
            "",
            f"mou-tracker: error: {cache_dir} can be written by other users: the cache is not used, and nothing "
            "in it is removed; remove it by hand, and the next load makes it anew, the user's alone\n",
        ) == run("cache", "clear")
        assert 2 == len(entries(cache_dir))

    def test_clear_of_a_cache_path_that_is_not_a_directory(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A cache path that is a file (as /dev/null would be) is left, and the user is told to name a directory."""
        from tests.running import run

        other = tmp_path / "notes.txt"
        other.write_text("mine", encoding="utf-8")
        monkeypatch.setenv(CACHE_ENV, str(other))
        assert (
            2,
            "",
            f"mou-tracker: error: {other} is not a directory: the cache is not used, and nothing in it is removed; "
            "set $MOU_TRACKER_CACHE_DIR to a directory of the user's own, or to nothing to turn the cache off\n",
        ) == run("cache", "clear")
        assert "mine" == other.read_text(encoding="utf-8")

    def test_a_cache_path_with_controls_is_shown_escaped(
        self, tmp_path: Path, data_file: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """info and clear name a cache directory whose name holds controls escaped."""
        from tests.running import run

        monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache\x1b]0;t\x07\u202e"))
        mou_tracker.load(data_file)
        shown = str(tmp_path).encode("unicode_escape").decode() + "/cache\\x1b]0;t\\x07\\u202e"
        for action, line in (("info", f"directory: {shown}\n"), ("clear", f" from {shown}\n")):
            code, out, err = run("cache", action)
            assert (0, "") == (code, err)
            assert line in out
            assert [] == acted_on(out)

    def test_the_documented_size_of_the_bundled_entries(self, cache_dir: Path) -> None:
        """docs/cli.md gives the size of the bundled dataset's entries as the cache counts it, in whole kB."""
        import re

        mou_tracker.load()
        page = (Path(__file__).resolve().parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
        documented = re.search(r"the entries of the bundled dataset\s+take (\d+) kB", page)
        assert documented is not None
        assert round(Cache(cache_dir).usage().bytes / 1000) == int(documented.group(1))

    def test_a_cache_turned_off(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """With MOU_TRACKER_CACHE_DIR set to nothing, info and clear say the cache is off, and exit 0."""
        from tests.running import run

        monkeypatch.setenv(CACHE_ENV, "")
        for action in ("info", "clear"):
            assert (0, "the cache is off: $MOU_TRACKER_CACHE_DIR is set to nothing\n", "") == run("cache", action)

    def test_an_action_is_needed(self) -> None:
        """cache alone, or with an unknown action, is a usage error: exit 2."""
        from tests.running import run

        for argv in (["cache"], ["cache", "purge"]):
            code, out, _ = run(*argv)
            assert (2, "") == (code, out)
