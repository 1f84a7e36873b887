"""The README's export commands, run as a new user would: each file they promise is produced and opens."""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import sqlite3
from pathlib import Path

import pytest

from mou_tracker import cli

ROOT = Path(__file__).resolve().parent.parent


def export_commands() -> list[list[str]]:
    """The `mou-tracker` commands of the README's export block, as words (what follows `&&` left out)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Exports") :]
    block = re.search(r"```text\n(.*?)```", section, flags=re.S)
    assert block is not None
    return [shlex.split(line.split("&&")[0])[1:] for line in block.group(1).splitlines()]


class TestReadmeExports:
    def test_the_block_names_the_four_outputs(self) -> None:
        """The README shows how to make a calendar, a database, a report and a picture."""
        formats = [words[words.index("--format") + 1] for words in export_commands()]
        assert ["ics", "sqlite", "html", "png"] == formats

    @pytest.fixture
    def made(self, tmp_path: Path) -> Path:
        cwd = os.getcwd()
        os.chdir(tmp_path)
        try:
            for words in export_commands():
                assert 0 == cli.main(words), words
        finally:
            os.chdir(cwd)
        return tmp_path

    def test_each_command_makes_its_file(self, made: Path) -> None:
        """Each command writes the file it names, and each file is what its suffix says."""
        import icalendar

        calendar = icalendar.Calendar.from_ical((made / "agreements.ics").read_bytes())
        assert any("Innovation Talent Exchange" in str(event.get("SUMMARY")) for event in calendar.walk("VEVENT"))
        with sqlite3.connect(made / "agreements.sqlite") as db:
            assert ("itx",) in db.execute("select id from agreements").fetchall()
        assert (made / "report.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        assert (made / "timeline.png").read_bytes().startswith(b"\x89PNG\r\n\x1a\n")

    def test_the_database_opens_in_datasette(self, made: Path) -> None:
        """`datasette agreements.sqlite` serves the agreements table as it is."""
        from datasette.app import Datasette

        async def fetch() -> object:
            app = Datasette([str(made / "agreements.sqlite")])
            response = await app.client.get("/agreements/agreements.json?id=itx&_shape=array")
            assert 200 == response.status_code
            return response.json()

        rows = asyncio.run(fetch())
        assert isinstance(rows, list)
        assert ["itx"] == [row["id"] for row in rows]


def docs_export_commands() -> list[list[str]]:
    """The `mou-tracker` lines of the sh blocks of docs/exports.md, as words."""
    text = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    lines = [line for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S) for line in block.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("mou-tracker ")]


# What each kind of file starts with.
_MAGIC = {
    ".ics": b"BEGIN:VCALENDAR",
    ".sqlite": b"SQLite format 3\x00",
    ".html": b"<!DOCTYPE html>",
    ".png": b"\x89PNG",
    ".svg": b"<?xml",
}


class TestDocsExports:
    def test_every_command_shown_writes_its_file(self, tmp_path: Path) -> None:
        """Every export command docs/exports.md shows runs and writes a file of its kind."""
        commands = docs_export_commands()
        assert 7 == len(commands)
        os.chdir(tmp_path)
        try:
            for words in commands:
                assert 0 == cli.main(words), words
                written = tmp_path / words[words.index("--output") + 1]
                assert written.read_bytes().startswith(_MAGIC[written.suffix]), words
        finally:
            os.chdir(ROOT)


class TestDocsQueries:
    def test_every_sql_query_shown_finds_rows(self, tmp_path: Path) -> None:
        """Each SQL query the docs show runs on the bundled data's export and finds something."""
        import datetime as dt

        import mou_tracker
        from mou_tracker.exports import write

        database = write(mou_tracker.load(), "sqlite", tmp_path / "agreements.sqlite", day=dt.date(2026, 1, 1))
        text = (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
        statements = [
            statement.strip()
            for block in re.findall(r"```sql\n(.*?)```", text, flags=re.S)
            for statement in block.split(";")
            if statement.strip()
        ]
        assert statements
        with sqlite3.connect(database) as db:
            for statement in statements:
                assert db.execute(statement).fetchall(), statement


class TestWrite:
    def test_a_new_file_gets_the_usual_mode(self, tmp_path: Path) -> None:
        """A written export is readable as any new file is (the umask decides), not by its owner alone."""
        import datetime as dt

        import mou_tracker
        from mou_tracker.exports import write

        umask = os.umask(0o022)
        try:
            path = write(mou_tracker.load(), "json", tmp_path / "out.json", day=dt.date(2026, 1, 1))
        finally:
            os.umask(umask)
        assert 0o644 == path.stat().st_mode & 0o777

    def test_a_replaced_file_keeps_its_mode(self, tmp_path: Path) -> None:
        """Writing over a file keeps the mode it had."""
        import datetime as dt

        import mou_tracker
        from mou_tracker.exports import write

        path = tmp_path / "out.csv"
        path.write_text("old")
        path.chmod(0o640)
        write(mou_tracker.load(), "csv", path, day=dt.date(2026, 1, 1))
        assert 0o640 == path.stat().st_mode & 0o777
        assert path.read_text(encoding="utf-8").startswith("id,")

    def test_a_symbolic_link_is_written_through(self, tmp_path: Path) -> None:
        """Writing to a symbolic link replaces the file it points to, and the link stays a link."""
        import datetime as dt

        import mou_tracker
        from mou_tracker.exports import write

        real = tmp_path / "real.csv"
        real.write_text("old")
        link = tmp_path / "link.csv"
        link.symlink_to(real)
        write(mou_tracker.load(), "csv", link, day=dt.date(2026, 1, 1))
        assert link.is_symlink()
        assert real.read_text(encoding="utf-8").startswith("id,")

    def test_a_named_pipe_is_written_to(self, tmp_path: Path) -> None:
        """A named pipe is written to, not replaced by a file."""
        import datetime as dt
        import stat
        import threading

        import mou_tracker
        from mou_tracker.exports import write

        fifo = tmp_path / "pipe"
        os.mkfifo(fifo)
        received: list[bytes] = []
        reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
        reader.start()
        write(mou_tracker.load(), "csv", fifo, day=dt.date(2026, 1, 1))
        reader.join(timeout=30)
        assert stat.S_ISFIFO(fifo.stat().st_mode)
        assert received[0].startswith(b"id,")

    @pytest.mark.parametrize("directory", [d for d in ("/dev/fd", "/proc/self/fd") if Path(d).is_dir()])
    def test_a_descriptor_is_written_where_it_stands(self, directory: str, tmp_path: Path) -> None:
        """A path naming an open descriptor is written through it: a file open for appending is appended to,
        never reopened from its start nor replaced."""
        import datetime as dt

        import mou_tracker
        from mou_tracker.exports import export, write

        log = tmp_path / "run.log"
        log.write_bytes(b"earlier\n")
        inode = log.stat().st_ino
        descriptor = os.open(log, os.O_WRONLY | os.O_APPEND)
        try:
            write(mou_tracker.load(), "csv", f"{directory}/{descriptor}", day=dt.date(2026, 1, 1))
        finally:
            os.close(descriptor)
        expected = b"earlier\n" + export(mou_tracker.load(), "csv", day=dt.date(2026, 1, 1))
        assert (expected, inode) == (log.read_bytes(), log.stat().st_ino)

    def test_a_link_to_a_descriptor_is_followed_to_it(self, tmp_path: Path) -> None:
        """A symbolic link to /dev/fd/N (as /dev/stdout is to /proc/self/fd/1) reaches the descriptor, not the file
        behind it; a pipe behind it gets the bytes."""
        import datetime as dt

        import mou_tracker
        from mou_tracker.exports import export, write

        read, written = os.pipe()
        link = tmp_path / "out"
        link.symlink_to(f"/proc/self/fd/{written}" if Path("/proc/self/fd").is_dir() else f"/dev/fd/{written}")
        try:
            write(mou_tracker.load(), "csv", link, day=dt.date(2026, 1, 1))  # less than a pipe holds
        finally:
            os.close(written)
        with os.fdopen(read, "rb") as received:
            assert export(mou_tracker.load(), "csv", day=dt.date(2026, 1, 1)) == received.read()

    def test_a_closed_descriptor_is_an_error(self) -> None:
        """A descriptor that is not open is an OSError, and nothing else is written."""
        import datetime as dt

        import mou_tracker
        from mou_tracker.exports import write

        closed = os.sysconf("SC_OPEN_MAX")  # the first descriptor this process cannot have open
        with pytest.raises(OSError):
            write(mou_tracker.load(), "csv", f"/dev/fd/{closed}", day=dt.date(2026, 1, 1))

    @pytest.mark.parametrize("path", ["", "missing/", "/"])
    def test_a_path_that_names_no_file_is_refused(self, path: str) -> None:
        """An empty path, or one that ends in a separator, is a clear error."""
        import datetime as dt

        import mou_tracker
        from mou_tracker.exceptions import MouTrackerError
        from mou_tracker.exports import write

        with pytest.raises(MouTrackerError, match="expected the path of a file to write"):
            write(mou_tracker.load(), "csv", path, day=dt.date(2026, 1, 1))
