"""The command line at its edges: odd input and awkward output never give a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

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
        (["show", "ITX"], "no agreement with id 'ITX'; did you mean 'itx'?"),
        (["list", "--area", "ECONOMY"], "did you mean 'economy'"),
        (["list", "--party", "XX"], "no country code with id 'XX'"),
        (["list", "--relation", "implements"], "--relation needs --related ID"),
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
