"""The command line at its edges: odd input and awkward output never give a traceback."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import IO

import pytest

from mou_tracker import cli
from mou_tracker.cache import CACHE_ENV
from mou_tracker.cli import _entry
from tests.running import run
from tests.terminal import acted_on


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--tz", "Asia", "status"], "unknown time zone 'Asia'"),
        (["--tz", "x" * 300, "status"], "unknown time zone"),
        (["--tz", "Bad/Zone", "--as-of", "2025-01-01", "status"], "unknown time zone 'Bad/Zone'"),
        (["--data", "", "status"], "--data needs the path"),
        (["--data", "x" * 300, "status"], "cannot read the file"),
        (["list", "--search", ""], "--search needs a value"),
        (["list", "--related", " "], "--related needs a value"),
        (["list", "--party", ""], "--party needs a value"),
        (["search", ""], "TEXT needs a value"),
        (["changes", "--since", "2026", "--until", "2025"], "--since (2026-01-01) is after --until (2025-12-31)"),
        (["list", "--signed-from", "2026", "--signed-to", "2025"], "--signed-from (2026-01-01) is after"),
        (["list", "--in-effect-from", "2026", "--in-effect-to", "2025"], "--in-effect-from (2026-01-01) is after"),
        (["--as-of", "2026-01-01", "due", "--until", "2020"], "the day (2026-01-01) is after --until (2020-12-31)"),
        (["show", "ITZ"], "no agreement has the id or name 'ITZ'; did you mean 'itx'?"),
        (["list", "--area", "ECONOMY"], "did you mean 'economy'"),
        (["list", "--party", "XX"], "no country code with id 'XX'"),
        (["list", "--relation", "implements"], "--relation needs --related NAME"),
        (["list", "--kind", "nope"], "unknown kind 'nope'; choose one of treaty,"),
    ],
)
def test_bad_input_is_exit_2_with_a_message(argv: list[str], message: str) -> None:
    """Each is exit 2, nothing on stdout, one message naming the problem, no traceback."""
    code, out, err = run(*argv)
    assert (2, "") == (code, out)
    assert message in err
    assert "Traceback" not in err


@pytest.mark.parametrize("argv", [["--as-of", "0001-01-01", "changes"], ["--as-of", "9999-12-31", "due"]])
def test_windows_at_the_ends_of_the_calendar(argv: list[str]) -> None:
    """Default windows stop at the first and last days of the calendar."""
    code, _, err = run(*argv)
    assert (0, "") == (code, err)


def test_values_ignore_case() -> None:
    """--kind MoU (as tables print it) and --status IN_EFFECT are accepted."""
    assert run("--as-of", "2026-11-22", "list", "--kind", "MoU") == run(
        "--as-of", "2026-11-22", "list", "--kind", "mou"
    )
    code, out, _ = run("--as-of", "2026-11-22", "list", "--status", "IN_EFFECT")
    assert 0 == code
    assert "csp " in out


def test_search_separator_matches_nothing() -> None:
    """Search looks at each text alone: a separator between them is not found."""
    _, out, _ = run("--as-of", "2026-11-22", "--format", "json", "search", "|")
    assert [] == json.loads(out)


def test_certain_drops_uncertain_statuses() -> None:
    """--certain keeps only rows with no '?' at all."""
    _, out, _ = run("--as-of", "2025-10-15", "list", "--search", "action programme")
    assert "in effect?" in out
    _, out, _ = run("--as-of", "2025-10-15", "list", "--search", "action programme", "--certain", "--format", "json")
    assert [] == json.loads(out)


class TestValidateFormats:
    def test_json(self, tmp_path: Path) -> None:
        """validate --format json reports each path, with its problems located."""
        bad = tmp_path / "bad.yaml"
        bad.write_text("schema_version: 2\n", encoding="utf-8")
        code, out, err = run("validate", "--format", "json", str(bad))
        assert (2, "") == (code, err)
        assert [
            {
                "path": str(bad),
                "ok": False,
                "problems": [
                    {
                        "file": str(bad),
                        "line": 1,
                        "column": 17,
                        "path": "$.schema_version",
                        "message": "expected schema_version 1, found the integer 2",
                    }
                ],
            }
        ] == json.loads(out)

    def test_unknown_format(self) -> None:
        """validate checks its --format like every command."""
        code, _, err = run("validate", "--format", "nope")
        assert 2 == code
        assert "unknown format 'nope'" in err


class TestMarkupFormats:
    @pytest.mark.parametrize("fmt", ["html", "latex", "mediawiki", "tsv"])
    def test_not_shortened_and_no_title(self, fmt: str) -> None:
        """Markup and TSV tables keep names whole and start with the table itself."""
        _, out, _ = run("--as-of", "2026-11-22", "status", "--format", fmt)
        assert "Diplomatic relations between Viet Nam and Singapore" in out
        assert "…" not in out
        assert not out.startswith("Status on")

    def test_card_prose_is_escaped_in_html(self) -> None:
        """Text around the card's HTML tables is escaped paragraphs."""
        _, out, _ = run("--as-of", "2026-11-22", "show", "csp-action-programme", "--format", "html")
        assert out.startswith("<p>csp-action-programme: 2025–2030 Action Programme")
        assert "<p>Notes</p>" in out


def script(*argv: str, env: dict[str, str] | None = None, **kwargs: object) -> subprocess.CompletedProcess[str]:
    """The console script's entry point, run in a child process."""
    code = "import sys; from mou_tracker.cli import main_entry; sys.argv[0] = 'mou-tracker'; main_entry()"
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    environment.update(env or {})
    return subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, env=environment, check=False, **kwargs
    )


class TestOutput:
    def test_unencodable_output_is_escaped(self) -> None:
        """A terminal that cannot show Vietnamese gets escapes, not a traceback."""
        done = script("--as-of", "2026-11-22", "--lang", "vi", "show", "itx", env={"PYTHONIOENCODING": "ascii"})
        assert (0, "") == (done.returncode, done.stderr)
        assert "\\u1ea3" in done.stdout or "\\xe0" in done.stdout

    @pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
    def test_full_disk(self) -> None:
        """Output that cannot be written is exit 2 with a message."""
        with open("/dev/full", "w") as full:
            done = subprocess.run(
                [sys.executable, "-c", "from mou_tracker.cli import main_entry; main_entry()", "--as-of", "2026-01-01"],
                stdout=full,
                stderr=subprocess.PIPE,
                text=True,
                check=False,
            )
        assert 2 == done.returncode
        assert "mou-tracker: error: cannot write the output" in done.stderr
        assert "Traceback" not in done.stderr

    def test_broken_pipe_is_quiet(self) -> None:
        """A reader that stops early (| head) gets no error and no traceback."""
        child = subprocess.Popen(
            [sys.executable, "-c", "from mou_tracker.cli import main_entry; main_entry()", "--as-of", "2026-01-01",
             "timeline", "--format", "json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env={k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"},
        )  # fmt: skip
        assert child.stdout is not None and child.stderr is not None
        child.stdout.read(10)
        child.stdout.close()
        err = child.stderr.read()
        child.stderr.close()
        assert 0 == child.wait()
        assert b"" == err


# Paths that name standard output by its descriptor, where this system has them.
STDOUT_PATHS = ["-", *(p for p in ("/dev/stdout", "/dev/fd/1", "/proc/self/fd/1") if Path(p).exists())]
STDERR_PATHS = [p for p in ("/dev/stderr", "/dev/fd/2", "/proc/self/fd/2") if Path(p).exists()]


def exported_csv() -> bytes:
    """The CSV export of the bundled data on 2026-01-01, as bytes."""
    code, out, _ = run("--as-of", "2026-01-01", "export", "--format", "csv")
    assert 0 == code
    return out.encode("utf-8")


def exporting(path: str, *, stdout: int | IO[bytes], stderr: int | IO[bytes]) -> subprocess.CompletedProcess[bytes]:
    """`mou-tracker --as-of 2026-01-01 export --format csv --output PATH`, in a child process with these streams,
    in a directory of its own (where a mistaken export would leave a file)."""
    argv = [sys.executable, "-c", ENTRY, "--as-of", "2026-01-01", "export", "--format", "csv", "--output", path]
    with tempfile.TemporaryDirectory() as directory:
        done = subprocess.run(argv, stdout=stdout, stderr=stderr, cwd=directory, check=False)
        assert [] == os.listdir(directory)
    return done


class TestOutputToStandardStreams:
    @pytest.mark.parametrize("path", STDOUT_PATHS)
    def test_appended_to_a_log(self, path: str, tmp_path: Path) -> None:
        """`--output /dev/stdout >> run.log` appends to the log: what it held stays, and it is the same file."""
        log = tmp_path / "run.log"
        log.write_bytes(b"earlier run\n")
        before = log.stat().st_ino
        with open(log, "ab") as appended:
            done = exporting(path, stdout=appended, stderr=subprocess.PIPE)
        assert (0, b"") == (done.returncode, done.stderr)
        assert b"earlier run\n" + exported_csv() == log.read_bytes()
        assert before == log.stat().st_ino

    @pytest.mark.parametrize("path", STDERR_PATHS)
    def test_standard_error_too(self, path: str, tmp_path: Path) -> None:
        """`--output /dev/stderr 2>> errors.log` appends to the file behind standard error in the same way."""
        log = tmp_path / "errors.log"
        log.write_bytes(b"earlier\n")
        with open(log, "ab") as appended:
            done = exporting(path, stdout=subprocess.PIPE, stderr=appended)
        assert (0, b"") == (done.returncode, done.stdout)
        assert b"earlier\n" + exported_csv() == log.read_bytes()

    @pytest.mark.parametrize("path", STDOUT_PATHS)
    def test_into_a_pipe(self, path: str) -> None:
        """`--output /dev/stdout | …` sends the export down the pipe."""
        done = exporting(path, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert (0, b"") == (done.returncode, done.stderr)
        assert exported_csv() == done.stdout

    def test_a_reader_that_stops_early(self) -> None:
        """`--output /dev/stdout | head -c 10` ends quietly, as the same command without --output does."""
        # A pipe smaller than the export, so that the reader stops before it is all written.
        child = subprocess.Popen(
            [sys.executable, "-c", ENTRY, "--as-of", "2026-01-01", "export", "--format", "html", "--output",
             "/dev/stdout"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            pipesize=4096,
        )  # fmt: skip
        assert child.stdout is not None and child.stderr is not None
        child.stdout.read(10)
        child.stdout.close()
        err = child.stderr.read()
        child.stderr.close()
        assert (0, b"") == (child.wait(), err)


ENTRY = "import sys; from mou_tracker.cli import main_entry; sys.argv[0] = 'mou-tracker'; main_entry()"


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    """A copy of the bundled data, comments and all, to be kept from harm."""
    from mou_tracker.loading import bundled_path

    copy = tmp_path / "data" / "agreements.yaml"
    copy.parent.mkdir()
    copy.write_bytes(bundled_path().read_bytes())
    return copy


class TestDataFilesAreNeverOverwritten:
    REFUSED = "is the data file"

    def refused(self, data: str, output: str, original: bytes, file: Path) -> None:
        code, out, err = run("--data", data, "export", "--format", "json", "--output", output)
        assert (2, "") == (code, out)
        assert err.startswith("mou-tracker: error: --output ") and "pass --force" in err
        assert original == file.read_bytes()

    def test_the_data_file(self, data_file: Path) -> None:
        """--output naming the data file read is refused, and the file is left as it was."""
        self.refused(str(data_file), str(data_file), data_file.read_bytes(), data_file)

    def test_another_spelling_a_link_or_a_hard_link(self, data_file: Path) -> None:
        """The file is known by what it is, not by its name: a relative path, a symbolic link, a hard link."""
        original = data_file.read_bytes()
        link = data_file.parent.parent / "link.yaml"
        link.symlink_to(data_file)
        hard = data_file.parent.parent / "hard.yaml"
        os.link(data_file, hard)
        for output in (f"{data_file.parent}/../data/./agreements.yaml", str(link), str(hard)):
            self.refused(str(data_file), output, original, data_file)
        self.refused(str(link), str(data_file), original, data_file)

    def test_every_file_of_a_directory(self, data_file: Path) -> None:
        """Of a directory of data, every file read is kept from the export."""
        second = data_file.parent / "more" / "extra.yml"
        second.parent.mkdir()
        second.write_text("schema_version: 1\n", encoding="utf-8")
        for file in (data_file, second):
            self.refused(str(data_file.parent), str(file), file.read_bytes(), file)

    def test_the_bundled_data(self, data_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """With no --data, the bundled data file is kept from the export too."""
        from mou_tracker import loading

        monkeypatch.setattr(loading, "bundled_path", lambda: data_file)
        code, _, err = run("export", "--format", "json", "--output", str(data_file))
        assert 2 == code
        assert self.REFUSED in err

    def test_standard_output_appended_to_it(self, data_file: Path) -> None:
        """`export >> data.yaml` is refused as --output data.yaml is."""
        original = data_file.read_bytes()
        with open(data_file, "a", encoding="utf-8") as appended:
            err = io.StringIO()
            code = cli.main(["--data", str(data_file), "export", "--format", "json"], out=appended, err=err)
        assert 2 == code
        assert err.getvalue().startswith("mou-tracker: error: standard output is the data file")
        assert original == data_file.read_bytes()

    def test_force(self, data_file: Path) -> None:
        """--force writes over the data file all the same."""
        code, out, err = run(
            "--data", str(data_file), "export", "--format", "json", "--output", str(data_file), "--force"
        )
        assert (0, "", "") == (code, out, err)
        assert data_file.read_bytes().startswith(b"{")

    def test_other_files_are_written(self, data_file: Path) -> None:
        """A file beside the data, even one of the data's suffixes not read, is written as usual."""
        other = data_file.parent / ".hidden.yaml"
        other.write_text("old\n", encoding="utf-8")
        code, _, err = run("--data", str(data_file.parent), "export", "--format", "json", "--output", str(other))
        assert (0, "") == (code, err)
        assert other.read_bytes().startswith(b"{")


# Every command, with what it needs.
EVERY_COMMAND = [
    ["status"], ["list"], ["search", "lee"], ["show", "itx"], ["report"], ["areas"], ["parties"], ["timeline"],
    ["due"], ["changes"], ["chain", "itx"], ["validate"], ["export", "--format", "csv"],
]  # fmt: skip


class TestInterrupted:
    @pytest.mark.parametrize("argv", EVERY_COMMAND, ids=[a[0] for a in EVERY_COMMAND])
    def test_every_command(self, argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
        """Ctrl-C while a command reads its data is exit 130 and one line, with no traceback."""
        from mou_tracker import loading

        def interrupted(*args: object, **kwargs: object) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(loading, "load", interrupted)
        monkeypatch.setenv(CACHE_ENV, "")  # the data comes through load alone, never a store
        assert (130, "", "mou-tracker: interrupted\n") == run(*argv)

    def test_schema(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Ctrl-C in `schema`, which reads no data, is the same."""
        from mou_tracker import schema

        def interrupted() -> str:
            raise KeyboardInterrupt

        monkeypatch.setattr(schema, "schema_text", interrupted)
        assert (130, "", "mou-tracker: interrupted\n") == run("schema")

    def test_while_parsing(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Ctrl-C before the command is known is the same."""

        def interrupted(words: list[str]) -> None:
            raise KeyboardInterrupt

        monkeypatch.setattr(_entry, "_parse", interrupted)
        assert (130, "", "mou-tracker: interrupted\n") == run("list")

    def test_a_real_sigint(self) -> None:
        """SIGINT, as Ctrl-C sends it, to a command at work: exit 130, one line on standard error."""
        # The child waits, inside the loading of the data, for the signal; SIGINT is
        # given Python's own handler, as a terminal would have it, whatever this
        # process was started with (background jobs start with SIGINT ignored).
        code = (
            "import signal, sys\n"
            "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
            "from mou_tracker import loading\n"
            "def load(*args, **kwargs):\n"
            "    print('loading', flush=True)\n"
            "    while True:\n"
            "        signal.pause()\n"
            "loading.load = load\n"
            "from mou_tracker.cli import main_entry\n"
            "sys.argv[0] = 'mou-tracker'\n"
            "main_entry()\n"
        )
        child = subprocess.Popen(
            [sys.executable, "-c", code, "--as-of", "2026-01-01", "list"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        assert "loading\n" == child.stdout.readline()
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=60)
        assert (130, "", "mou-tracker: interrupted\n") == (child.returncode, out, err)


FORMULA = """\
schema_version: 1
sources:
  - {id: s1, title: A source, language: en}
signatories:
  - {id: a, name: Alpha, kind: state}
  - {id: b, name: Beta, kind: state}
agreements:
  - id: x1
    title: "@SUM(1+1)*cmd|' /C calc'!A0"
    short: "=HYPERLINK(\\"http://example.com\\")"
    aliases: ["+1", "-2"]
    kind: mou
    parties: [a, b]
    sources: [s1]
    history:
      - {date: 2020-01-01, status: signed, sources: [s1]}
"""


class TestDelimitedFormats:
    @pytest.mark.parametrize("fmt", ["tsv", "csv"])
    @pytest.mark.parametrize("argv", [["status"], ["list"], ["search", "sum"], ["show", "x1"], ["timeline"]])
    def test_no_cell_runs_as_a_formula(self, fmt: str, argv: list[str], tmp_path: Path) -> None:
        """In TSV as in CSV, a cell that a spreadsheet would run as a formula gets a leading '."""
        data = tmp_path / "formula.yaml"
        data.write_text(FORMULA, encoding="utf-8")
        code, out, err = run("--data", str(data), "--as-of", "2026-01-01", "--format", fmt, *argv)
        assert (0, "") == (code, err)
        lines = out.splitlines()
        rows = [line.split("\t") for line in lines] if fmt == "tsv" else list(csv.reader(lines))
        cells = [c.strip() for row in rows for c in row]
        assert [] == [c for c in cells if c.startswith(("=", "+", "@")) or (c.startswith("-") and c != "-")]
        assert any(c.startswith("'@SUM(1+1)") or c.startswith("'=HYPERLINK") for c in cells)


# A data file that looks valid, with YAML escapes that parse to what a terminal acts on.
ESCAPED = r"""schema_version: 1
sources:
  - {id: s, language: en, title: "A source\u202e"}
signatories:
  - {id: vn, name: "Viet Nam\x1b[31m", kind: state, country: VN}
agreements:
  - id: a
    title: "Agreement\e[2K\rAgreement  in effect"
    kind: mou
    sources: [s]
    parties: [vn]
    notes: "bell\a back\b nel\x85"
"""
ESCAPED_PROBLEMS = [
    "3:34: $.sources[0].title: expected text without bidirectional controls, found U+202E (RIGHT-TO-LEFT OVERRIDE)",
    "5:20: $.signatories[0].name: expected text without control characters, found U+001B (escape)",
    "8:12: $.agreements[0].title: expected text without control characters, found U+001B (escape)",
    "12:12: $.agreements[0].notes: expected text without control characters, found U+0007 (bell)",
]


class TestControlCharacters:
    @pytest.mark.parametrize("command", [["validate"], ["status"], ["list"], ["show", "a"], ["timeline"], []])
    @pytest.mark.parametrize("cache", [[], ["--no-cache"]])
    def test_a_file_with_escaped_controls_is_refused(
        self, tmp_path: Path, command: list[str], cache: list[str]
    ) -> None:
        """validate and every report refuse it: exit 2, each text located, no traceback, nothing acted on."""
        path = tmp_path / "escaped.yaml"
        path.write_text(ESCAPED, encoding="utf-8")
        code, out, err = run(*cache, "--data", str(path), *command)
        want = [f"{path}:{problem}" for problem in ESCAPED_PROBLEMS]
        if command == ["validate"]:
            want.append(f"{path}: 4 problems")
        assert (2, "", want) == (code, out, err.splitlines())
        assert [] == acted_on(err)
        assert ESCAPED == path.read_text(encoding="utf-8")

    def test_validate_json(self, tmp_path: Path) -> None:
        """validate --format json lists the same problems, and JSON writes no character a terminal acts on."""
        path = tmp_path / "escaped\u202e\x85.yaml"
        path.write_text(ESCAPED, encoding="utf-8")
        code, out, err = run("validate", str(path), "--format", "json")
        assert (2, "") == (code, err)
        assert [] == acted_on(out)
        (result,) = json.loads(out)
        assert str(path) == result["path"]
        assert ESCAPED_PROBLEMS == [
            f"{p['line']}:{p['column']}: {p['path']}: {p['message']}" for p in result["problems"]
        ]

    def test_a_file_name_with_controls(self, tmp_path: Path) -> None:
        """A file named with controls is named escaped, whether it is ok or not."""
        good = tmp_path / "good\x1b[2K.yaml"
        good.write_text("schema_version: 1\n", encoding="utf-8")
        bad = tmp_path / "bad\x1b]0;title\x07.yaml"
        bad.write_text("schema_version: 1\nx: 1\n", encoding="utf-8")
        code, out, err = run("validate", str(good), str(bad))
        assert 2 == code
        assert [] == acted_on(out + err)
        shown = str(tmp_path).encode("unicode_escape").decode()
        assert f"{shown}/good\\x1b[2K.yaml: ok (0 agreements" in out
        assert f"{shown}/bad\\x1b]0;title\\x07.yaml:2:1: $.x: unknown key 'x'" in err

    def test_an_error_message_with_controls(self, tmp_path: Path) -> None:
        """An error that names what it was given (here a path to write to) names it escaped."""
        target = tmp_path / "missing\x1b[2K" / "out.csv"
        code, out, err = run("--as-of", "2026-01-01", "export", "--format", "csv", "-o", str(target))
        assert (2, "") == (code, out)
        assert "mou-tracker: error: cannot write " in err
        assert "missing\\x1b[2K" in err
        assert [] == acted_on(err)

    @pytest.mark.parametrize(
        ("argv", "shown"),
        [
            (["list", "--\x1b[2Kx\u202e"], "unrecognized arguments: --\\x1b[2Kx\\u202e"),
            (["due", "--within", "\x1b]0;t\x07"], "unrecognized arguments: --within \\x1b]0;t\\x07"),
            (["list", "--s\x1b"], "unrecognized arguments: --s\\x1b"),
        ],
    )
    def test_a_usage_error_with_controls(self, capsys: pytest.CaptureFixture[str], argv: list[str], shown: str) -> None:
        """argparse's own messages that repeat what was typed repeat it escaped: exit 2, nothing acted on."""
        code, out, _ = run(*argv)
        err = capsys.readouterr().err
        assert (2, "") == (code, out)
        assert shown in err
        assert [] == acted_on(err)

    def test_the_console_script(self, tmp_path: Path) -> None:
        """Run as the command is, validate reports each problem on stderr, exit 2, no traceback."""
        path = tmp_path / "escaped.yaml"
        path.write_text(ESCAPED, encoding="utf-8")
        done = script("validate", str(path))
        assert (2, "") == (done.returncode, done.stdout)
        assert [*(f"{path}:{problem}" for problem in ESCAPED_PROBLEMS), f"{path}: 4 problems"] == (
            done.stderr.splitlines()
        )

    def test_an_escaped_lone_surrogate(self, tmp_path: Path) -> None:
        """A lone surrogate, which no UTF-8 output can hold, is a located problem too: exit 2, no traceback."""
        path = tmp_path / "surrogate.yaml"
        path.write_text(ESCAPED.replace(r"A source\u202e", r"A source\ud800"), encoding="utf-8")
        done = script("validate", str(path))
        assert (2, "") == (done.returncode, done.stdout)
        assert done.stderr.startswith(f"{path}:3:")
        assert "Traceback" not in done.stderr
        assert [] == acted_on(done.stderr)
