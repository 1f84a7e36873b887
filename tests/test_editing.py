"""add, set and fmt: edits that keep every byte they do not touch, checked before they are written atomically."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mou_tracker import editing
from mou_tracker.dataset import Dataset
from mou_tracker.dates import PartialDate
from mou_tracker.exceptions import DataError, EditRefused, MouTrackerError
from mou_tracker.loading import bundled_path, dumps, load, loads
from mou_tracker.model import Claim, Claimed, Status, StatusEvent
from mou_tracker.strategies import datasets
from tests.running import run

LOCATED = re.compile(r"^\S+:\d+:\d+: \$\.\S+: .+$", re.M)


def changed_span(before: str, after: str) -> tuple[int, int]:
    """The span of ``before`` that ``after`` replaces: all of ``before`` outside it is in ``after`` unchanged."""
    prefix = 0
    limit = min(len(before), len(after))
    while prefix < limit and before[prefix] == after[prefix]:
        prefix += 1
    suffix = 0
    while suffix < limit - prefix and before[-1 - suffix] == after[-1 - suffix]:
        suffix += 1
    return prefix, len(before) - suffix


def with_comments(text: str, where: list[int]) -> str:
    """``text`` with a comment line before some of the lines that start a key; the same data, or ``text`` as it was."""
    lines = text.splitlines(keepends=True)
    starts = [i for i, line in enumerate(lines) if re.match(r"^ *(- )?[a-z_]+:( |$)", line)]
    for n, i in enumerate(sorted({starts[w % len(starts)] for w in where}, reverse=True)):
        indent = len(lines[i]) - len(lines[i].lstrip(" "))
        lines.insert(i, " " * indent + f"# comment {n}: kept as it is\n")
    commented = "".join(lines)
    try:
        return commented if loads(commented) == loads(text) else text
    except DataError:
        return text


@pytest.fixture
def bundled(tmp_path: Path) -> Path:
    copy = tmp_path / "agreements.yaml"
    shutil.copyfile(bundled_path(), copy)
    return copy


def written(dataset: Dataset, where: list[int], tmp_path: Path) -> tuple[Path, str]:
    file = tmp_path / "data.yaml"
    text = with_comments(dumps(dataset), where)
    file.write_text(text, encoding="utf-8")
    return file, text


class TestAdd:
    # Bilateral instruments: a multilateral one's later history step may rightly be refused for the parties' actions.
    @given(datasets(min_agreements=1, multilateral=False), st.lists(st.integers(0, 10_000), max_size=8), st.data())
    def test_an_event_added_loads_and_the_rest_is_unchanged(
        self, dataset: Dataset, where: list[int], data: st.DataObject
    ) -> None:
        """An event added is the agreement's last, the rest of the data is as it was, and so is every other byte."""
        import tempfile

        agreement = data.draw(st.sampled_from(dataset.agreements))
        status = agreement.history[-1].status.value if agreement.history else Status.PROPOSED
        sources = [dataset.sources[0].id] if dataset.sources else []
        with tempfile.TemporaryDirectory() as scratch:
            file, before = written(dataset, where, Path(scratch))
            edit = editing.add_event(
                file, agreement.id, {"date": "9999-12-31", "status": status.value, "sources": sources}
            )
            edit.write()
            after = file.read_text(encoding="utf-8")
        event = StatusEvent(
            date=Claimed((Claim(PartialDate.parse("9999-12-31")),)),
            status=Claimed((Claim(status),)),
            sources=tuple(sources),
        )
        expected = attrs.evolve(agreement, history=(*agreement.history, event))
        loaded = loads(after)
        assert expected == loaded.agreement(agreement.id)
        assert [a for a in dataset.agreements if a.id != agreement.id] == [
            a for a in loaded.agreements if a.id != agreement.id
        ]
        start, end = changed_span(before, after)
        assert before[start:end].strip() in ("", "history: []", "history:")
        assert before.count("# comment") == after.count("# comment")

    def test_bundled_event(self, bundled: Path) -> None:
        """An event added to the bundled data's ITX is its last, and only new lines are in the file."""
        before = bundled.read_text(encoding="utf-8")
        code, _, err = run("--data", str(bundled), "add", "event", "ITX", "--date", "2025-10-28", "--status", "signed",
                           "--source", "vna-2025-03-25", "--place", "Ha Noi")  # fmt: skip
        assert (0, f"{bundled}: added the event\n") == (code, err)
        after = bundled.read_text(encoding="utf-8")
        event = load(bundled, cache=False).agreement("itx").history[-1]
        assert ("2025-10-28", Status.SIGNED, ("vna-2025-03-25",), "Ha Noi") == (
            str(event.date.value),
            event.status.value,
            event.sources,
            event.place,
        )
        start, end = changed_span(before, after)
        assert start == end
        assert after[after.rfind("\n", 0, start) + 1 :].startswith("      - date: 2025-10-28\n        status: signed\n")

    def test_bundled_source_and_agreement(self, bundled: Path) -> None:
        """A source and an agreement that cites it are added at the ends of their lists, with the parties' ids."""
        run("--data", str(bundled), "add", "source", "--id", "new-source", "--title", "A report",
            "--url", "https://example.org/report", "--published", "2025-10-28", "--language", "en")  # fmt: skip
        code, _, err = run("--data", str(bundled), "add", "agreement", "--id", "new-mou", "--title", "A new MoU",
                           "--kind", "mou", "--party", "VN", "--party", "Singapore",
                           "--source", "new-source")  # fmt: skip
        assert (0, f"{bundled}: added the agreement new-mou\n") == (code, err)
        dataset = load(bundled, cache=False)
        assert ("new-source", "https://example.org/report") == (dataset.sources[-1].id, dataset.sources[-1].url)
        assert ("new-mou", ("vn", "sg"), ("new-source",)) == (
            dataset.agreements[-1].id,
            dataset.agreements[-1].parties,
            dataset.agreements[-1].sources,
        )

    def test_an_action(self, tmp_path: Path) -> None:
        """An action's party may be named as the command line names signatories; it is written as the id."""
        file = tmp_path / "paris.yaml"
        shutil.copyfile(bundled_path(), file)
        paris = next(a for a in load(file, cache=False).agreements if a.multilateral)
        code, _, err = run("--data", str(file), "add", "action", paris.id, "--party", "SG", "--kind", "ratification",
                           "--date", "2016-09-21", "--source", paris.sources[0])  # fmt: skip
        assert 0 == code, err
        action = load(file, cache=False).agreement(paris.id).actions[-1]
        assert ("sg", "ratification") == (action.party, action.action.value)

    def test_a_new_file_in_a_directory(self, tmp_path: Path) -> None:
        """In a directory, --file names the file a new agreement goes in; a file not there yet is made."""
        shutil.copyfile(bundled_path(), tmp_path / "common.yaml")
        code, _, err = run("--data", str(tmp_path), "add", "agreement", "--id", "new-mou", "--title", "A new MoU",
                           "--kind", "mou", "--source", "vna-2025-03-25", "--file", "new-mou.yaml")  # fmt: skip
        assert 0 == code, err
        assert (tmp_path / "new-mou.yaml").read_text().startswith("schema_version: 1\nagreements:\n  - id: new-mou\n")
        assert "new-mou" in load(tmp_path, cache=False)

    def test_a_file_in_a_subdirectory(self, tmp_path: Path) -> None:
        """--file is relative to the directory of data; a hidden file, or one outside it, is refused."""
        shutil.copyfile(bundled_path(), tmp_path / "common.yaml")
        (tmp_path / "agreements").mkdir()
        base = ["--data", str(tmp_path), "add", "source", "--id", "x", "--language", "en", "--title", "X", "--file"]
        assert 0 == run(*base, "agreements/x.yaml")[0]
        assert "x" in {s.id for s in load(tmp_path, cache=False).sources}
        for refused in (".hidden.yaml", "../outside.yaml", "missing/x.yaml", "x.txt"):
            assert 2 == run(*base, refused)[0], refused
        assert ["agreements", "common.yaml"] == sorted(os.listdir(tmp_path))

    def test_a_directory_needs_file(self, tmp_path: Path) -> None:
        """A new agreement in a directory without --file is refused, saying why."""
        shutil.copyfile(bundled_path(), tmp_path / "common.yaml")
        code, _, err = run("--data", str(tmp_path), "add", "source", "--id", "x", "--language", "en", "--title", "X")
        assert (2, True) == (code, "--file" in err)


class TestSet:
    @given(datasets(min_agreements=1), st.lists(st.integers(0, 10_000), max_size=8), st.data())
    def test_a_field_set_loads_and_the_rest_is_unchanged(
        self, dataset: Dataset, where: list[int], data: st.DataObject
    ) -> None:
        """A field set reads back as set, and every byte outside its key and value is as it was."""
        import tempfile

        agreement = data.draw(st.sampled_from(dataset.agreements))
        with tempfile.TemporaryDirectory() as scratch:
            file, before = written(dataset, where, Path(scratch))
            edit = editing.set_field(
                file, agreement.id, "place", "Hà Nội: the Presidential Palace", collection="agreements"
            )
            edit.write()
            after = file.read_text(encoding="utf-8")
        loaded = loads(after)
        assert attrs.evolve(agreement, place="Hà Nội: the Presidential Palace") == loaded.agreement(agreement.id)
        assert len(dataset.agreements) == len(loaded.agreements)
        start, end = changed_span(before, after)
        assert (
            "" == before[start:end].strip()
            or before[start:end].lstrip().startswith(("place:", "'", '"'))
            or (agreement.place is not None and before[start:end].strip() in agreement.place)
        )

    def test_bundled_title(self, bundled: Path) -> None:
        """set replaces the title in place: one line changes."""
        before = bundled.read_text(encoding="utf-8").splitlines()
        code, _, _ = run("set", "itx", "title", "The ITX MoU", "--data", str(bundled))
        after = bundled.read_text(encoding="utf-8").splitlines()
        assert 0 == code
        assert ["    title: The ITX MoU"] == [b for a, b in zip(before, after, strict=True) if a != b]
        assert "The ITX MoU" == load(bundled, cache=False).agreement("itx").title.value

    @pytest.mark.parametrize(
        ("field", "words"),
        [("parties", "several values"), ("id", "every reference"), ("colour", "no field 'colour'")],
    )
    def test_fields_not_set_this_way(self, bundled: Path, field: str, words: str) -> None:
        """A list, the id or a field the record does not have is refused, saying why, and nothing is written."""
        before = bundled.read_bytes()
        code, _, err = run("set", "itx", field, "x", "--data", str(bundled))
        assert (2, True, before) == (code, words in err, bundled.read_bytes())

    def test_several_claims_are_edited_in_the_file(self, bundled: Path) -> None:
        """A title with several claims is not replaced by one value: the command says so and writes nothing."""
        before = bundled.read_bytes()
        code, _, err = run("set", "csp-action-programme", "title", "One title", "--data", str(bundled))
        assert (2, True, before) == (code, "holds a list" in err, bundled.read_bytes())

    def test_keeps_windows_line_ends(self, tmp_path: Path) -> None:
        """A file with CRLF line ends gets its new lines with CRLF too, and stays in canonical layout."""
        file = tmp_path / "crlf.yaml"
        file.write_bytes(b"schema_version: 1\r\nsources:\r\n  - id: s\r\n    language: en\r\n    title: S\r\n")
        assert 0 == run("--data", str(file), "add", "source", "--id", "t", "--language", "en", "--title", "T")[0]
        assert 0 == run("--data", str(file), "set", "s", "title", "New S")[0]
        expected = b"schema_version: 1\r\nsources:\r\n  - id: s\r\n    language: en\r\n    title: New S\r\n"
        assert expected + b"  - id: t\r\n    language: en\r\n    title: T\r\n" == file.read_bytes()
        assert (0, "", "") == run("fmt", "--check", str(file))


class TestRefusal:
    @pytest.mark.parametrize(
        "argv",
        [
            ["set", "itx", "kind", "moo"],
            ["set", "itx", "title", "null"],
            ["add", "event", "itx", "--date", "2020-01-01", "--status", "signed", "--source", "nowhere"],
            ["add", "source", "--id", "vna-2025-03-25", "--language", "en", "--title", "A duplicate"],
        ],
    )
    def test_leaves_the_file_byte_for_byte(self, bundled: Path, argv: list[str]) -> None:
        """An edit the checks refuse is reported, located, and the file is the same bytes."""
        before = bundled.read_bytes()
        code, out, err = run("--data", str(bundled), *argv)
        assert (2, "", before) == (code, out, bundled.read_bytes())
        assert LOCATED.search(err), err
        assert err.endswith("nothing was written\n")

    def test_data_with_problems_already(self, tmp_path: Path) -> None:
        """Data that does not load before the edit is reported as it is, and left as it is."""
        file = tmp_path / "empty.yaml"
        file.write_text("schema_version: 1\nagreements:\n")
        code, _, err = run("--data", str(file), "add", "source", "--id", "s", "--language", "en", "--title", "S")
        assert (2, "schema_version: 1\nagreements:\n") == (code, file.read_text())
        assert err.endswith("the data has the problems above before any edit; nothing was written\n")
        assert LOCATED.search(err), err

    def test_refused_in_code(self, bundled: Path) -> None:
        """In code, a refused edit is an EditRefused, a DataError whose problems are located."""
        with pytest.raises(EditRefused) as refused:
            editing.set_field(bundled, "itx", "kind", "moo")
        assert ("kind", True) == (refused.value.problems[0].path[-1], refused.value.problems[0].line is not None)

    def test_bundled_data_needs_data(self) -> None:
        """Without --data, nothing is edited: the bundled dataset is changed only when --data names it."""
        before = bundled_path().read_bytes()
        code, _, err = run("set", "itx", "title", "Changed")
        assert (2, True, before) == (code, "--data" in err, bundled_path().read_bytes())

    def test_dry_run_writes_nothing(self, bundled: Path) -> None:
        """--dry-run shows the change as a diff and writes nothing."""
        before = bundled.read_bytes()
        code, out, _ = run("--data", str(bundled), "set", "itx", "short", "ITXP", "--dry-run")
        assert (0, before) == (code, bundled.read_bytes())
        assert "-    short: ITX\n+    short: ITXP\n" in out


class TestAtomicWrite:
    @pytest.mark.parametrize("failing", ["replace", "fsync"])
    def test_a_failed_write_leaves_the_file_and_no_other(
        self, bundled: Path, monkeypatch: pytest.MonkeyPatch, failing: str
    ) -> None:
        """If writing fails at any step, the file is as it was and no temporary file is left beside it."""
        before, names = bundled.read_bytes(), sorted(os.listdir(bundled.parent))
        edit = editing.set_field(bundled, "itx", "short", "ITXP")

        def fail(*args: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, failing, fail)
        with pytest.raises(OSError):
            edit.write()
        assert (before, names) == (bundled.read_bytes(), sorted(os.listdir(bundled.parent)))

    def test_the_command_says_so(self, bundled: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A write that fails is one line on standard error and exit code 2, no traceback, the file as it was."""
        before = bundled.read_bytes()

        def fail(*args: object) -> None:
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(os, "replace", fail)
        code, _, err = run("--data", str(bundled), "set", "itx", "short", "ITXP")
        assert (2, f"mou-tracker: error: cannot write {bundled}: No space left on device; it is as it was\n") == (
            code,
            err,
        )
        assert before == bundled.read_bytes()

    def test_a_file_changed_meanwhile_is_not_overwritten(self, bundled: Path) -> None:
        """A file that changed after it was read is not written over."""
        edit = editing.set_field(bundled, "itx", "short", "ITXP")
        bundled.write_text(bundled.read_text(encoding="utf-8") + "# a curator's line\n", encoding="utf-8")
        changed = bundled.read_bytes()
        with pytest.raises(MouTrackerError):
            edit.write()
        assert changed == bundled.read_bytes()

    def test_keeps_the_mode_and_writes_a_link_s_target(self, bundled: Path) -> None:
        """The new file has the old one's permissions; a symbolic link stays a link to the file written."""
        bundled.chmod(0o640)
        link = bundled.parent / "link.yaml"
        link.symlink_to(bundled)
        editing.set_field(link, "itx", "short", "ITXP").write()
        assert (True, 0o640, "ITXP") == (
            link.is_symlink(),
            bundled.stat().st_mode & 0o777,
            load(bundled, cache=False).agreement("itx").short,
        )


class TestFmt:
    @given(datasets(), st.lists(st.integers(0, 10_000), max_size=8))
    def test_idempotent_and_keeps_meaning_and_comments(self, dataset: Dataset, where: list[int]) -> None:
        """fmt twice is fmt once; the data reads the same; every comment is kept."""
        text = with_comments(dumps(dataset), where)
        once = editing.fmt_text(text, "data.yaml")
        assert once == editing.fmt_text(once, "data.yaml")
        assert loads(text) == loads(once)
        assert text.count("# comment") == once.count("# comment")

    def test_bundled(self, bundled: Path) -> None:
        """The bundled data in canonical layout keeps all its comments, and an event added to it is canonical too."""
        text = bundled.read_text(encoding="utf-8")
        once = editing.fmt_text(text, str(bundled))
        comments = [line.strip() for line in text.splitlines() if line.strip().startswith("#")]
        assert comments == [line.strip() for line in once.splitlines() if line.strip().startswith("#")]
        bundled.write_text(once, encoding="utf-8")
        run("--data", str(bundled), "add", "event", "itx", "--date", "2025-10-28", "--status", "signed",
            "--source", "vna-2025-03-25", "--note", "NO: it 'is' quoted")  # fmt: skip
        after = bundled.read_text(encoding="utf-8")
        assert after == editing.fmt_text(after, str(bundled))

    def test_check_exit_codes(self, tmp_path: Path) -> None:
        """--check: 0 and silent for a canonical file; 1 listing a file that would change, left as it is."""
        canonical = tmp_path / "canonical.yaml"
        canonical.write_text("schema_version: 1\nsources:\n  - id: s\n    language: en\n    title: S\n")
        messy = tmp_path / "messy.yaml"
        messy.write_text('sources:\n- title: "S"  # the title\n  id: s\n  language: en\nschema_version: 1\n')
        before = messy.read_bytes()
        assert (0, "", "") == run("fmt", "--check", str(canonical))
        assert (1, f"would reformat {messy}\n", "") == run("fmt", "--check", str(tmp_path))
        assert before == messy.read_bytes()
        assert (0, "", f"reformatted {messy}\n") == run("fmt", str(messy))
        assert "schema_version: 1\nsources:\n  - id: s\n    language: en\n    title: S  # the title\n" == (
            messy.read_text()
        )

    def test_a_file_that_does_not_read(self, tmp_path: Path) -> None:
        """A file with a problem is not formatted: its problems are shown, located, and the exit code is 2."""
        broken = tmp_path / "broken.yaml"
        broken.write_text("schema_version: 1\nsources:\n  - id: s\n    langauge: en\n")
        before = broken.read_bytes()
        code, _, err = run("fmt", str(broken))
        assert (2, before) == (code, broken.read_bytes())
        assert LOCATED.search(err), err

    def test_needs_a_path(self) -> None:
        """fmt with neither a path nor --data formats nothing, and never the bundled data."""
        code, _, err = run("fmt")
        assert (2, True) == (code, "--data" in err)
