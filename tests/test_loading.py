"""Bad input of every kind: each gives a DataError whose problems say where and what.

Inputs are built from ``BASE``, a small valid document, by exact one-place
edits (:func:`variant`); positions are found with :func:`at`, which reads a
``^`` in a snippet of the document as "this character".
"""

# The tests write ``expected == actual`` throughout, which SIM300 calls a Yoda condition.

from __future__ import annotations

import contextlib
import gc
import json
import os
import subprocess
import sys
import tracemalloc
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mou_tracker
from mou_tracker import DataError, MouTrackerError, PartialDate, Problem, _yaml
from mou_tracker.cli import main
from tests.terminal import acted_on

BASE = """\
schema_version: 1
sources:
  - id: s1
    language: en
    title: A source
  - id: s2
    language: vi
    title: Another source
signatories:
  - id: vn
    name: Viet Nam
    kind: state
    country: VN
  - id: sg
    name: Singapore
    kind: state
    country: SG
  - id: vn-most
    name: Ministry of Science and Technology
    kind: ministry
    parent: vn
people:
  - id: lee
    name: Lee
    sources: [s1]
areas:
  - id: science
    name: Science
  - id: talent
    name: Talent
    parent: science
agreements:
  - id: itx
    title: Innovation Talent Exchange
    short: ITX
    kind: mou
    parties: [vn, sg]
    areas: [talent]
    sources: [s1]
    signed_by:
      - person: lee
        acting_for: sg
        sources: [s1]
    history:
      - date: 2023-08-28
        status: signed
        sources: [s1]
      - date: 2023-09
        status: in_effect
        sources: [s1]
  - id: itx-2
    title: ITX follow-up
    kind: programme
    parties: [vn, sg]
    sources: [s2]
    relations:
      - type: follows_up
        target: itx
        sources: [s2]
"""

TOP = "expected a mapping with schema_version, sources, signatories, people, areas and agreements; found"
"""The start of the message for a document that is not a mapping."""


def variant(*edits: tuple[str, str]) -> str:
    """``BASE`` with each ``old`` (which must occur exactly once) replaced by ``new``."""
    text = BASE
    for old, new in edits:
        assert 1 == text.count(old), f"{old!r} occurs {text.count(old)} times"
        text = text.replace(old, new)
    return text


def at(text: str, marked: str) -> str:
    """``line:column`` (1-based) of the character after ``^`` in ``marked``, a unique snippet of ``text``."""
    before, caret, after = marked.partition("^")
    assert caret, "the snippet needs a ^"
    snippet = before + after
    assert 1 == text.count(snippet), f"{snippet!r} occurs {text.count(snippet)} times"
    offset = text.index(snippet) + len(before)
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    return f"{line}:{column}"


def problems(text: str | bytes, filename: str = "<string>") -> list[Problem]:
    """The problems ``loads`` reports for ``text``; fails if it loads."""
    with pytest.raises(DataError) as info:
        mou_tracker.loads(text, filename=filename)
    return list(info.value.problems)


def lines(text: str | bytes) -> list[str]:
    """The problems for ``text`` as the lines the command prints."""
    return [str(p) for p in problems(text)]


def single(text: str | bytes) -> Problem:
    """The one problem ``loads`` reports for ``text``."""
    found = problems(text)
    assert 1 == len(found), [str(p) for p in found]
    return found[0]


@pytest.fixture
def pure_python(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parse with PyYAML's pure-Python loader instead of libyaml's."""
    monkeypatch.setattr(_yaml, "_Loader", yaml.SafeLoader)


class TestBase:
    def test_at_helper(self) -> None:
        """The position helper of these tests counts lines and columns from 1 (a check on the tests)."""
        assert "2:2" == at("ab\ncde\n", "c^de")
        assert "1:1" == at("ab\ncde\n", "^ab")

    def test_base_loads(self) -> None:
        """The base document every other input is built from is valid."""
        dataset = mou_tracker.loads(BASE)
        assert ["itx", "itx-2"] == [a.id for a in dataset.agreements]
        assert ("vn", "sg") == dataset["itx"].parties

    def test_base_loads_from_a_file(self, tmp_path: Path) -> None:
        """The base document loads from a file too."""
        path = tmp_path / "base.yaml"
        path.write_text(BASE, encoding="utf-8")
        assert 2 == len(mou_tracker.load(path).agreements)

    def test_error_types(self) -> None:
        """DataError is a MouTrackerError and a ValueError; its problems are Problems with a file."""
        with pytest.raises(DataError) as info:
            mou_tracker.loads("[", filename="x.yaml")
        assert isinstance(info.value, MouTrackerError)
        assert isinstance(info.value, ValueError)
        assert all(isinstance(p, Problem) for p in info.value.problems)
        assert ["x.yaml"] == [p.file for p in info.value.problems]
        assert "\n".join(str(p) for p in info.value.problems) == str(info.value)

    def test_problem_fields(self) -> None:
        """A problem has the file, 1-based line and column, path tuple and message, and reads as one line."""
        text = variant(("date: 2023-09", "date: 2025-02-30"))
        problem = single(text)
        assert "<string>" == problem.file
        assert at(text, "date: ^2025-02-30") == f"{problem.line}:{problem.column}"
        assert ("agreements", 0, "history", 1, "date") == problem.path
        assert "February 2025 has days 01 to 28, found '2025-02-30'" == problem.message
        assert (
            f"<string>:{at(text, 'date: ^2025-02-30')}: $.agreements[0].history[1].date: "
            "February 2025 has days 01 to 28, found '2025-02-30'"
        ) == str(problem)


class TestCollector:
    """A load pauses the garbage collector while it builds records, and leaves it as it found it."""

    @staticmethod
    def _paused_during(load: Any, monkeypatch: pytest.MonkeyPatch) -> list[bool]:
        """Whether the collector was on each time ``load`` put records together into a dataset."""
        from mou_tracker import loading

        seen: list[bool] = []
        original = loading._merge

        def spy(*args: Any, **kwargs: Any) -> Any:
            seen.append(gc.isenabled())
            return original(*args, **kwargs)

        monkeypatch.setattr(loading, "_merge", spy)
        with contextlib.suppress(DataError):
            load()
        return seen

    @pytest.mark.parametrize(
        "how",
        ["loads", "load", "directory", "broken", "unreadable"],
    )
    def test_on_again_after(self, how: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Paused while records are built, on again afterwards, after a failed load too."""
        monkeypatch.setenv("MOU_TRACKER_CACHE_DIR", "")
        (tmp_path / "one.yaml").write_text(BASE, encoding="utf-8")
        broken = variant(("date: 2023-09", "date: 2025-02-30"))
        loaders = {
            "loads": lambda: mou_tracker.loads(BASE),
            "load": lambda: mou_tracker.load(tmp_path / "one.yaml"),
            "directory": lambda: mou_tracker.load(tmp_path),
            "broken": lambda: mou_tracker.loads(broken),
            "unreadable": lambda: mou_tracker.loads(b"\xff"),
        }
        assert gc.isenabled()
        seen = self._paused_during(loaders[how], monkeypatch)
        assert gc.isenabled()
        assert [False] == seen

    def test_left_off_when_it_was_off(self) -> None:
        """A program that turned the collector off finds it off after a load."""
        gc.disable()
        try:
            mou_tracker.loads(BASE)
            with pytest.raises(DataError):
                mou_tracker.loads("[")
            assert not gc.isenabled()
        finally:
            gc.enable()


class TestSyntax:
    def test_unclosed_flow_sequence(self) -> None:
        """An unclosed [ is a syntax error where the parser gave up (the next key's colon)."""
        assert [
            "<string>:3:8: $: YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'"
        ] == lines("schema_version: 1\nparties: [vn, sg\nsources: []\n")

    def test_unterminated_quote(self) -> None:
        """An unterminated quoted string is a syntax error at the end of the stream."""
        assert [
            "<string>:3:1: $: YAML syntax error: while scanning a quoted scalar found unexpected end of stream"
        ] == lines("schema_version: 1\nsources: 'abc\n")

    @pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
    @pytest.mark.parametrize(
        ("text", "where"),
        [("schema_version: 1\nx", "2:2"), ("[", "1:2"), ("schema_version: 1\nsources: [x", "2:12")],
    )
    def test_end_of_text_without_final_line_break(
        self, loader: str, text: str, where: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """An error at the end of a text with no final line break is marked just after its last character.

        libyaml put it at the start of the line after the last, which the file
        does not have (``3:1`` for a two-line file); both parsers now agree.
        """
        monkeypatch.setattr(_yaml, "_Loader", _loader_class(loader))
        (problem,) = problems(text)
        assert where == f"{problem.line}:{problem.column}"
        assert problem.message.startswith("YAML syntax error: ")

    def test_bad_indentation(self) -> None:
        """A key indented under another value is a syntax error on its line."""
        assert ["<string>:2:10: $: YAML syntax error: mapping values are not allowed in this context"] == lines(
            "schema_version: 1\n  sources: []\n"
        )

    def test_unknown_escape(self) -> None:
        """An unknown escape in a double-quoted string is a syntax error."""
        assert [
            "<string>:2:12: $: YAML syntax error: while parsing a quoted scalar found unknown escape character"
        ] == lines('schema_version: 1\nsources: "a\\qb"\n')

    def test_syntax_error_in_base(self) -> None:
        """A syntax error deep in a real document is located on its line."""
        text = variant(("    parties: [vn, sg]\n    areas", "    parties: [vn, sg\n    areas"))
        problem = single(text)
        assert problem.message.startswith("YAML syntax error: ")
        assert "flow sequence" in problem.message
        assert at(text, "    parties: [vn, sg\n    areas^: [talent]") == f"{problem.line}:{problem.column}"

    def test_tab_indentation(self) -> None:
        """A line indented with a tab is refused with a message about tabs."""
        assert ["<string>:4:1: $: YAML syntax error: tab characters cannot indent YAML; indent with spaces"] == lines(
            "schema_version: 1\nsources:\n  - id: s1\n\tlanguage: en\n"
        )

    def test_tab_after_spaces(self) -> None:
        """A tab after indenting spaces is refused at the tab."""
        assert ["<string>:4:3: $: YAML syntax error: tab characters cannot indent YAML; indent with spaces"] == lines(
            "schema_version: 1\nsources:\n  - id: s1\n  \tlanguage: en\n"
        )

    def test_tab_indentation_in_base(self) -> None:
        """A tab-indented key in a real document is refused on its line."""
        text = variant(("    short: ITX\n", "\tshort: ITX\n"))
        where = at(text, "^\tshort: ITX")
        assert [
            f"<string>:{where}: $: YAML syntax error: tab characters cannot indent YAML; indent with spaces"
        ] == lines(text)

    def test_tab_indentation_pure_python(self, pure_python: None) -> None:
        """The pure-Python parser's tab error reads the same."""
        assert ["<string>:4:1: $: YAML syntax error: tab characters cannot indent YAML; indent with spaces"] == lines(
            "schema_version: 1\nsources:\n  - id: s1\n\tlanguage: en\n"
        )

    def test_tab_as_separator_is_fine(self) -> None:
        """A tab between a key and its value is not indentation and loads."""
        dataset = mou_tracker.loads("schema_version: 1\nsources:\n  - id:\ts1\n    language: en\n    title: t\n")
        assert "s1" == dataset.sources[0].id


class TestEncoding:
    def test_invalid_utf8(self) -> None:
        """A byte that is not UTF-8 is reported at its line and column."""
        assert ["<string>:2:4: $: the file is not valid UTF-8: byte 0xff cannot be decoded"] == lines(
            b"schema_version: 1\nx: \xff\n"
        )

    def test_invalid_utf8_column_counts_characters(self) -> None:
        """The column of an undecodable byte counts characters, not bytes, before it."""
        assert ["<string>:2:9: $: the file is not valid UTF-8: byte 0xc3 cannot be decoded"] == lines(
            "schema_version: 1\nx: Việt ".encode() + b"\xc3"
        )

    def test_latin1_file(self) -> None:
        """A Latin-1 file is not UTF-8; the first bad byte is located."""
        text = variant(("name: Viet Nam", "name: Viêt Nam"))
        data = text.encode("latin-1")
        assert [
            f"<string>:{at(text, 'name: Vi^êt Nam')}: $: the file is not valid UTF-8: byte 0xea cannot be decoded"
        ] == lines(data)

    def test_truncated_multibyte_at_end(self) -> None:
        """A multi-byte character cut off at the end of the file is located after the last newline."""
        assert ["<string>:3:1: $: the file is not valid UTF-8: byte 0xc3 cannot be decoded"] == lines(
            b"schema_version: 1\nx: \xc3\xa9\n\xc3"
        )

    def test_utf16(self) -> None:
        """A UTF-16 file is refused with advice to save it as UTF-8."""
        assert ["<string>:1:1: $: the file is UTF-16; save it as UTF-8"] == lines(
            "schema_version: 1\n".encode("utf-16")
        )

    def test_bom_is_accepted_and_columns_unchanged(self) -> None:
        """A UTF-8 byte order mark is dropped without shifting columns."""
        text = variant(("country: VN", "country: NO"))
        assert [
            f"<string>:{at(text, 'country: ^NO')}: $.signatories[0].country: expected text, found 'NO', "
            "which YAML readers take for a boolean; quote it if you mean the text"
        ] == lines(b"\xef\xbb\xbf" + text.encode())

    def test_bom_takes_no_column_before_a_bad_byte(self) -> None:
        """The byte order mark, which is dropped, is not counted in the column of a bad byte on the first line."""
        assert ["<string>:1:3: $: the file is not valid UTF-8: byte 0xff cannot be decoded"] == lines(
            b"\xef\xbb\xbfab\xff"
        )

    def test_bom_at_the_start_of_text(self) -> None:
        """A BOM at the start of text (not bytes) is dropped too: columns on the first line are as in the bytes."""
        assert ["<string>:1:2: $: control character U+0001 is not allowed in a data file"] == lines("\ufeffa\x01")
        assert lines("\ufeffa\x01") == lines("\ufeffa\x01".encode())

    def test_nul(self) -> None:
        """A NUL character is refused at its position."""
        assert ["<string>:2:5: $: control character U+0000 is not allowed in a data file"] == lines(
            "schema_version: 1\nx: a\x00b\n"
        )

    def test_nul_in_bytes(self) -> None:
        """A NUL byte in bytes input is refused the same way."""
        assert ["<string>:2:5: $: control character U+0000 is not allowed in a data file"] == lines(
            b"schema_version: 1\nx: a\x00b\n"
        )

    def test_nul_in_comment(self) -> None:
        """A NUL is refused even inside a comment."""
        assert ["<string>:2:3: $: control character U+0000 is not allowed in a data file"] == lines(
            "schema_version: 1\n# \x00\n"
        )

    @pytest.mark.parametrize("char", ["\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f"])
    def test_control_characters(self, char: str) -> None:
        """Other control characters are refused at their position."""
        assert [f"<string>:3:5: $: control character U+{ord(char):04X} is not allowed in a data file"] == lines(
            f"schema_version: 1\nsources: []\nx: a{char}b\n"
        )

    @pytest.mark.parametrize("char", ["\ud800", "\ufffe", "\u2028", "\u2029"])
    def test_other_refused_characters(self, char: str) -> None:
        """Lone surrogates, non-characters and the invisible line separators are refused at their position."""
        assert [f"<string>:3:5: $: character U+{ord(char):04X} is not allowed in a data file"] == lines(
            f"schema_version: 1\nsources: []\nx: a{char}b\n"
        )

    def test_several_control_characters(self) -> None:
        """Every control character is listed, each at its own position."""
        assert [
            "<string>:1:2: $: control character U+0001 is not allowed in a data file",
            "<string>:2:3: $: control character U+0002 is not allowed in a data file",
        ] == lines("a\x01: 1\nbb\x02: 2\n")

    @pytest.mark.parametrize("char", ["\x80", "\x85", "\x9f"])
    def test_c1_control_characters(self, char: str) -> None:
        """C1 control characters (U+0080 to U+009F, NEL too) are refused at their position."""
        assert [f"<string>:3:5: $: control character U+{ord(char):04X} is not allowed in a data file"] == lines(
            f"schema_version: 1\nsources: []\nx: a{char}b\n"
        )

    @pytest.mark.parametrize("char", ["\x80", "\x9f"])
    def test_c1_control_characters_pure_python(self, pure_python: None, char: str) -> None:
        """With the pure-Python parser too, a C1 control character is a located DataError."""
        assert [f"<string>:3:5: $: control character U+{ord(char):04X} is not allowed in a data file"] == lines(
            f"schema_version: 1\nsources: []\nx: a{char}b\n"
        )

    def test_control_character_after_cr_line_break(self) -> None:
        """After a lone CR, which YAML counts as a line break, a control character is on the next line."""
        assert ["<string>:2:5: $: control character U+0000 is not allowed in a data file"] == lines(
            "schema_version: 1\rx: a\x00b\r"
        )

    def test_non_ascii_columns_count_characters(self) -> None:
        """Columns after non-ASCII text (Vietnamese, an emoji flag) count characters."""
        text = variant(
            (
                "  - id: vn\n    name: Viet Nam\n    kind: state\n    country: VN\n",
                '  - {id: vn, name: "Việt Nam 🇻🇳", kind: state, country: NO}\n',
            )
        )
        assert [
            f"<string>:{at(text, 'country: ^NO}')}: $.signatories[0].country: expected text, found 'NO', "
            "which YAML readers take for a boolean; quote it if you mean the text"
        ] == lines(text)


# YAML's double-quoted escapes that make, once parsed, a character text may
# not hold; and what the problem says was found.
ESCAPES = [
    (r"\e[31m", "control characters, found U+001B (escape)"),
    (r"\x1b", "control characters, found U+001B (escape)"),
    (r"\u202e", "bidirectional controls, found U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    (r"\a", "control characters, found U+0007 (bell)"),
    (r"\b", "control characters, found U+0008 (backspace)"),
    (r"\x85", "control characters, found U+0085 (next line)"),
    (r"\N", "control characters, found U+0085 (next line)"),
    (r"\0", "control characters, found U+0000 (null)"),
    (r"\r", "control characters, found U+000D (carriage return)"),
    (r"\t", "control characters, found U+0009 (tab)"),
    (r"\x7f", "control characters, found U+007F (delete)"),
    (r"\x9b", "control characters, found U+009B (control sequence introducer)"),
    (r"\u2066", "bidirectional controls, found U+2066 (LEFT-TO-RIGHT ISOLATE)"),
    (r"\u202a", "bidirectional controls, found U+202A (LEFT-TO-RIGHT EMBEDDING)"),
    (r"\ufdd0", "non-characters, found U+FDD0"),
    (r"\U0001FFFF", "non-characters, found U+1FFFF"),
]

# Texts of every kind in BASE: (old, new with {v} where the escape goes, the
# value marked, its path). A key's path ends with the key itself (KEY).
KEY = object()
TEXT_FIELDS = [
    ("short: ITX", 'short: "IT{v}X"', 'short: ^"IT', ("agreements", 0, "short")),
    ("title: Innovation Talent Exchange", 'title: "Innovation{v}"', 'title: ^"Innov', ("agreements", 0, "title")),
    (
        "title: ITX follow-up",
        'title:\n      - value: "ITX{v} follow-up"\n        sources: [s2]',
        'value: ^"ITX',
        ("agreements", 1, "title", 0, "value"),
    ),
    ("  - id: itx-2\n", '  - id: "itx-2{v}"\n', 'id: ^"itx-2', ("agreements", 1, "id")),
    ("areas: [talent]", 'areas: [talent, "x{v}"]', 'talent, ^"x', ("agreements", 0, "areas", 1)),
    ("short: ITX", 'short: ITX\n    notes: "a{v}b"', 'notes: ^"a', ("agreements", 0, "notes")),
    (
        "status: in_effect",
        'status: in_effect\n        note: "after{v}"',
        'note: ^"after',
        ("agreements", 0, "history", 1, "note"),
    ),
    ("title: A source", 'title: "A {v}source"', 'title: ^"A ', ("sources", 0, "title")),
    (
        "title: Another source",
        'title: Another source\n    url: "https://example.org/{v}"',
        'url: ^"https',
        ("sources", 1, "url"),
    ),
    ("name: Viet Nam", 'name: "Viet {v}Nam"', 'name: ^"Viet', ("signatories", 0, "name")),
    (
        "    country: VN\n",
        '    country: VN\n    names: {{vi: "Việt{v} Nam"}}\n',
        'vi: ^"Việt',
        ("signatories", 0, "names", "vi"),
    ),
    (
        "    country: SG\n",
        '    country: SG\n    names: {{"v{v}i": Xin-ga-po}}\n',
        '{^"v',
        ("signatories", 1, "names", KEY),
    ),
    ("name: Talent", 'name: Talent\n    description: "{v}"', 'description: ^"', ("areas", 1, "description")),
]


class TestEscapedCharacters:
    """A data file must not control the analyst's terminal: no escape may make a character text may not hold."""

    @pytest.mark.parametrize(("escape", "found"), ESCAPES, ids=[e for e, _ in ESCAPES])
    @pytest.mark.parametrize(
        "field",
        TEXT_FIELDS,
        ids=[".".join(map(str, p[:-1])) + ("" if p[-1] is KEY else f".{p[-1]}") for *_, p in TEXT_FIELDS],
    )
    def test_refused_at_the_field(self, escape: str, found: str, field: tuple[str, str, str, tuple[Any, ...]]) -> None:
        """Every text and key is refused at its line, column and path, the character named."""
        old, new, marked, path = field
        text = variant((old, new.format(v=escape)))
        (problem,) = problems(text)
        what = "text"
        if path[-1] is KEY:
            char = yaml.safe_load('"' + escape + '"')
            path = (*path[:-1], f"v{char}i")
            what = "a key"
        assert path == problem.path
        location = at(text, marked).split(":")
        assert [int(n) for n in location] == [problem.line, problem.column]
        assert f"expected {what} without {found}" == problem.message

    def test_the_message_is_located_like_any_other(self) -> None:
        """The problem reads file:line:column: path: what was expected, what was found."""
        text = variant(("short: ITX", r'short: "\e[2K\rin effect"'))
        where = at(text, 'short: ^"')
        assert [
            f"<string>:{where}: $.agreements[0].short: expected text without control characters, found U+001B (escape)"
        ] == lines(text)

    def test_a_raw_bidirectional_override_in_a_value(self) -> None:
        """A bidirectional override written as it is, not escaped, is refused at its field too."""
        text = variant(("short: ITX", "short: IT\u202eX"))
        assert [
            f"<string>:{at(text, 'short: ^IT')}: $.agreements[0].short: "
            "expected text without bidirectional controls, found U+202E (RIGHT-TO-LEFT OVERRIDE)"
        ] == lines(text)

    def test_several_fields_each_located(self) -> None:
        """Each text holding one is a problem of its own, in the order of the file."""
        text = variant(("short: ITX", r'short: "\a"'), ("name: Talent", r'name: "\u2067Talent"'))
        assert [("areas", 1, "name"), ("agreements", 0, "short")] == [p.path for p in problems(text)]

    def test_line_breaks_only_in_notes(self) -> None:
        """Notes may hold the paragraphs of a block scalar; a line break in any other text is refused."""
        notes = variant(("short: ITX", "short: ITX\n    notes: |\n      First paragraph.\n\n      Second.\n"))
        assert "First paragraph.\n\nSecond.\n" == mou_tracker.loads(notes)["itx"].notes
        text = variant(("short: ITX", r'short: "IT\nX"'))
        where = at(text, 'short: ^"IT')
        assert [
            f"<string>:{where}: $.agreements[0].short: "
            "expected text on one line, found a line break (U+000A); only notes may have several lines"
        ] == lines(text)

    def test_notes_with_lines_round_trip(self) -> None:
        """A dataset whose notes run over several lines is written and read back equal."""
        data = mou_tracker.loads(variant(("short: ITX", 'short: ITX\n    notes: "One.\\n\\nTwo."')))
        assert data == mou_tracker.loads(mou_tracker.dumps(data))

    @pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u061c"])
    def test_bidirectional_marks_are_text(self, mark: str) -> None:
        """The implicit marks (LRM, RLM, ALM), which right-to-left names need and which reorder nothing, load."""
        data = mou_tracker.loads(variant(("name: Viet Nam", f'name: "Viet Nam{mark}"')))
        assert f"Viet Nam{mark}" == data.signatory("vn").name

    def test_a_lone_surrogate_escape(self) -> None:
        """An escaped lone surrogate is refused where it is written, whichever parser reads it."""
        text = variant(("short: ITX", r'short: "IT\ud800X"'))
        (problem,) = problems(text)
        line, _ = at(text, 'short: ^"IT').split(":")
        assert int(line) == problem.line  # libyaml itself refuses the escape, as a YAML syntax error
        assert [] == acted_on(str(problem))

    def test_a_lone_surrogate_escape_pure_python(self, pure_python: None) -> None:
        """PyYAML's own parser reads an escaped lone surrogate; the text is refused at its field."""
        text = variant(("short: ITX", r'short: "IT\ud800X"'))
        where = at(text, 'short: ^"IT')
        assert [
            f"<string>:{where}: $.agreements[0].short: "
            "expected text without lone surrogates, found U+D800; write the character itself"
        ] == lines(text)

    @pytest.mark.parametrize(("escape", "found"), ESCAPES, ids=[e for e, _ in ESCAPES])
    def test_load_refuses_a_file(self, tmp_path: Path, escape: str, found: str) -> None:
        """load() refuses the file at the field, whether or not the cache is used."""
        path = tmp_path / "data.yaml"
        text = variant(("short: ITX", f'short: "IT{escape}X"'))
        path.write_text(text, encoding="utf-8")
        where = at(text, 'short: ^"IT')
        for cache in (False, True, True):
            with pytest.raises(DataError) as caught:
                mou_tracker.load(path, cache=cache)
            assert [f"{path}:{where}: $.agreements[0].short: expected text without {found}"] == [
                str(p) for p in caught.value.problems
            ]

    def test_a_message_quoting_the_file_holds_no_control(self) -> None:
        """A tag's %-escapes make controls of their own: the message shows them escaped, and so does the problem."""
        text = "schema_version: 1\nsources: !a%1B%5B2K%0Devil%E2%80%AE []\n"
        (problem,) = problems(text)
        assert "explicit tags (!a\\x1b[2K\\revil\\u202e) are not allowed; quote the value if it is text" == (
            problem.message
        )
        assert [] == acted_on(str(problem))

    def test_a_problem_shows_its_file_name_escaped(self) -> None:
        """A file name with controls in it (from a directory listing) is shown escaped, on one line."""
        problem = Problem("a \x1b[31mproblem\n", file="evil\x1b]0;title\x07.yaml", line=1, column=2)
        assert "evil\\x1b]0;title\\x07.yaml:1:2: $: a \\x1b[31mproblem\\n" == str(problem)
        assert "evil\x1b]0;title\x07.yaml" == problem.file  # the path itself is kept, to be opened


class TestEmpty:
    @pytest.mark.parametrize("text", ["", b"", "\n\n", "   \n", "# only\n# comments\n", "---\n", "---\n...\n"])
    def test_empty(self, text: str | bytes) -> None:
        """An empty file, blank lines, only comments or an empty document: one problem at 1:1."""
        assert [f"<string>:1:1: $: {TOP} an empty file"] == lines(text)

    def test_empty_file_on_disk(self, tmp_path: Path) -> None:
        """An empty file read from disk names the file."""
        path = tmp_path / "empty.yaml"
        path.write_bytes(b"")
        with pytest.raises(DataError) as info:
            mou_tracker.load(path)
        assert [f"{path}:1:1: $: {TOP} an empty file"] == [str(p) for p in info.value.problems]

    def test_only_comments_on_disk(self, tmp_path: Path) -> None:
        """A file of only comments read from disk is reported like an empty one."""
        path = tmp_path / "comments.yaml"
        path.write_text("# schema_version: 1\n# agreements: []\n", encoding="utf-8")
        with pytest.raises(DataError) as info:
            mou_tracker.load(path)
        assert [f"{path}:1:1: $: {TOP} an empty file"] == [str(p) for p in info.value.problems]


class TestTopLevel:
    @pytest.mark.parametrize(
        ("text", "found"),
        [
            ("- a\n- b\n", "a list"),
            ("[schema_version, 1]\n", "a list"),
            ("hello\n", "text"),
            ("'schema_version: 1'\n", "text"),
            ("42\n", "a number"),
            ("true\n", "a boolean"),
            ("NO\n", "text"),
        ],
    )
    def test_not_a_mapping(self, text: str, found: str) -> None:
        """A top level that is a list or a scalar is refused at 1:1, saying what was found but not quoting it."""
        assert [f"<string>:1:1: $: {TOP} {found}"] == lines(text)

    @pytest.mark.parametrize(
        "text",
        [
            "API_TOKEN=ghp_abc123def456ghi789jkl012mno345pqr678\n",
            "API_TOKEN=ghp_abc123def456ghi789jkl012mno345pqr678\nDB_PASSWORD=hunter2hunter2\n",
            "ghp_abc123def456ghi789jkl012mno345pqr678\n",
            "'ghp_abc123def456ghi789jkl012mno345pqr678'\n",
            "123456789012345678\n",
        ],
        ids=["dotenv line", "dotenv lines", "bare token", "quoted token", "digits"],
    )
    def test_a_file_that_is_not_data_is_not_quoted(self, text: str) -> None:
        """A secret read by mistake (a dotenv file, a token) is reported as text, none of it shown."""
        (problem,) = lines(text)
        assert problem.startswith(f"<string>:1:1: $: {TOP} ")
        for secret in ("ghp", "abc123", "hunter2", "API_TOKEN", "DB_PASSWORD", "12345"):
            assert secret not in problem

    def test_missing_schema_version(self) -> None:
        """A mapping without schema_version is refused at 1:1."""
        text = variant(("schema_version: 1\n", ""))
        assert ["<string>:1:1: $: missing required key 'schema_version'"] == lines(text)

    @pytest.mark.parametrize(
        ("value", "found"),
        [
            ("2", "the integer 2"),
            ("'1'", "the text '1'"),
            ("true", "the boolean true"),
            ("1.0", "'1.0', which YAML readers take for a number; quote it if you mean the text"),
        ],
    )
    def test_wrong_schema_version(self, value: str, found: str) -> None:
        """A schema_version other than the integer 1 is refused at its value."""
        text = variant(("schema_version: 1\n", f"schema_version: {value}\n"))
        assert [f"<string>:1:17: $.schema_version: expected schema_version 1, found {found}"] == lines(text)


class TestDocuments:
    def test_second_document(self) -> None:
        """A second document is refused at its --- marker."""
        assert ["<string>:2:1: $: found a second YAML document; a data file holds exactly one"] == lines(
            "schema_version: 1\n---\nschema_version: 1\n"
        )

    def test_second_document_after_explicit_end(self) -> None:
        """An explicit first document, ended with ..., then another: refused at the second."""
        assert ["<string>:4:1: $: found a second YAML document; a data file holds exactly one"] == lines(
            "---\nschema_version: 1\n...\n---\nschema_version: 1\n"
        )

    def test_second_empty_document(self) -> None:
        """Even an empty second document is refused."""
        assert ["<string>:3:1: $: found a second YAML document; a data file holds exactly one"] == lines(
            "---\nschema_version: 1\n---\n"
        )

    def test_second_document_after_base(self) -> None:
        """A whole base document followed by another is refused at the second ---."""
        text = BASE + "---\n" + BASE
        second = len(BASE.splitlines()) + 1
        assert [f"<string>:{second}:1: $: found a second YAML document; a data file holds exactly one"] == lines(text)

    def test_one_explicit_document_is_fine(self) -> None:
        """A single document with --- and ... loads."""
        assert 2 == len(mou_tracker.loads("---\n" + BASE + "...\n").agreements)


class TestDuplicateKeys:
    def test_top_level(self) -> None:
        """A repeated top-level key is refused at the repeat, naming the first line."""
        text = variant(("people:\n", "sources: []\npeople:\n"))
        first = at(text, "^sources:\n  - id: s1").split(":")[0]
        where = at(text, "^sources: []")
        assert [
            f"<string>:{where}: $.sources: duplicate key 'sources' (first at line {first}); a key may appear once"
        ] == lines(text)

    def test_nested(self) -> None:
        """A repeated key inside a list item is refused at the repeat, naming the first line."""
        text = variant(("    title: A source\n", "    title: A source\n    id: s3\n"))
        first = at(text, "  - ^id: s1").split(":")[0]
        problem = single(text)
        assert ("sources", 0, "id") == problem.path
        where = at(text, "^id: s3")
        assert (
            f"<string>:{where}: $.sources[0].id: duplicate key 'id' (first at line {first}); a key may appear once"
            == str(problem)
        )

    def test_deeply_nested(self) -> None:
        """A repeated key in a status event is refused with the event's path."""
        text = variant(("        status: signed\n", "        status: signed\n        status: in_effect\n"))
        first = at(text, "^status: signed").split(":")[0]
        where = at(text, "status: signed\n        ^status: in_effect")
        assert [
            f"<string>:{where}: $.agreements[0].history[0].status: duplicate key 'status' (first at line {first}); "
            "a key may appear once"
        ] == lines(text)

    def test_in_flow_mapping(self) -> None:
        """A repeated key in a flow mapping is refused at its column."""
        assert ["<string>:2:34: $.sources[0].id: duplicate key 'id' (first at line 2); a key may appear once"] == lines(
            "schema_version: 1\nsources: [{id: s1, language: en, id: s2}]\n"
        )

    def test_quoted_and_plain_are_the_same_key(self) -> None:
        """'id' and id are the same key."""
        assert ["<string>:5:5: $.sources[0].id: duplicate key 'id' (first at line 3); a key may appear once"] == lines(
            "schema_version: 1\nsources:\n  - id: s1\n    language: en\n    'id': s2\n"
        )

    def test_every_duplicate_reported(self) -> None:
        """Several duplicates are all reported in one error."""
        text = "schema_version: 1\nsources: []\nsources: []\npeople: []\npeople: []\n"
        assert [
            "<string>:3:1: $.sources: duplicate key 'sources' (first at line 2); a key may appear once",
            "<string>:5:1: $.people: duplicate key 'people' (first at line 4); a key may appear once",
        ] == lines(text)


class TestImplicitTyping:
    @pytest.mark.parametrize(
        ("old", "new", "marked", "path", "found"),
        [
            (
                "country: VN",
                "country: NO",
                "country: ^NO",
                "$.signatories[0].country",
                "'NO', which YAML readers take for a boolean",
            ),
            (
                "short: ITX",
                "short: 012",
                "short: ^012",
                "$.agreements[0].short",
                "'012', which YAML readers take for an integer",
            ),
            (
                "short: ITX",
                "short: 1.10",
                "short: ^1.10",
                "$.agreements[0].short",
                "'1.10', which YAML readers take for a number",
            ),
            (
                "short: ITX",
                "short: 2023-08-28",
                "short: ^2023-08-28",
                "$.agreements[0].short",
                "'2023-08-28', which YAML readers take for a date",
            ),
            (
                "short: ITX",
                "short: yes",
                "short: ^yes",
                "$.agreements[0].short",
                "'yes', which YAML readers take for a boolean",
            ),
            (
                "short: ITX",
                "short: off",
                "short: ^off",
                "$.agreements[0].short",
                "'off', which YAML readers take for a boolean",
            ),
            (
                "short: ITX",
                "short: 0x1F",
                "short: ^0x1F",
                "$.agreements[0].short",
                "'0x1F', which YAML readers take for an integer",
            ),
            (
                "short: ITX",
                "short: 1e3",
                "short: ^1e3",
                "$.agreements[0].short",
                "'1e3', which YAML readers take for a number",
            ),
            (
                "short: ITX",
                "short: .inf",
                "short: ^.inf",
                "$.agreements[0].short",
                "'.inf', which YAML readers take for a number",
            ),
            (
                "title: Innovation Talent Exchange",
                "title: 2023-08-28",
                "title: ^2023-08-28",
                "$.agreements[0].title",
                "'2023-08-28', which YAML readers take for a date",
            ),
            (
                "    name: Viet Nam\n",
                "    name: Viet Nam\n    aliases: [On]\n",
                "aliases: [^On",
                "$.signatories[0].aliases[0]",
                "'On', which YAML readers take for a boolean",
            ),
        ],
    )
    def test_ambiguous_text(self, old: str, new: str, marked: str, path: str, found: str) -> None:
        """A plain scalar YAML 1.1 reads as non-text is refused in a text field, with advice to quote it."""
        text = variant((old, new))
        assert [
            f"<string>:{at(text, marked)}: {path}: expected text, found {found}; quote it if you mean the text"
        ] == lines(text)

    def test_every_ambiguous_value_reported(self) -> None:
        """Two ambiguous values in one list are both reported."""
        text = variant(("    name: Viet Nam\n", "    name: Viet Nam\n    aliases: [On, NO]\n"))
        assert [
            f"<string>:{at(text, 'aliases: [^On')}: $.signatories[0].aliases[0]: expected text, found 'On', "
            "which YAML readers take for a boolean; quote it if you mean the text",
            f"<string>:{at(text, 'aliases: [On, ^NO')}: $.signatories[0].aliases[1]: expected text, found 'NO', "
            "which YAML readers take for a boolean; quote it if you mean the text",
        ] == lines(text)

    def test_quoted_is_text(self) -> None:
        """Quoting makes the same values text, and they load."""
        text = variant(("country: VN", "country: 'NO'"), ("short: ITX", 'short: "012"'))
        dataset = mou_tracker.loads(text)
        assert "NO" == dataset.signatories[0].country
        assert "012" == dataset["itx"].short

    def test_on_as_key(self) -> None:
        """A key `on:` is refused: YAML 1.1 reads it as the boolean true."""
        text = variant(("schema_version: 1\n", "schema_version: 1\non: 1\n"))
        problem = single(text)
        assert () == problem.path
        assert (
            "<string>:2:1: $: keys must be text, found 'on', which YAML readers take for a boolean; quote the key"
            == str(problem)
        )

    def test_merge_key(self) -> None:
        """A merge key `<<` is refused as a key."""
        assert [
            "<string>:2:1: $: keys must be text, found '<<', which YAML readers take for a merge key; quote the key"
        ] == lines("schema_version: 1\n<<: {a: 1}\n")

    def test_plain_dates_accepted_in_date_fields(self) -> None:
        """Plain 2023-08-28, 2023, 2025-10 and 2025/2030 are dates where a date belongs."""
        text = variant(
            ("date: 2023-08-28", "date: 2023"),
            ("date: 2023-09", "date: 2025-10"),
            (
                "        status: in_effect\n        sources: [s1]\n",
                "        status: in_effect\n        sources: [s1]\n"
                "      - date: 2025/2030\n        status: in_effect\n        sources: [s1]\n"
                "      - date: 2031-01-31\n        status: expired\n        sources: [s1]\n",
            ),
        )
        dataset = mou_tracker.loads(text)
        assert ["2023", "2025-10", "2025/2030", "2031-01-31"] == [str(e.date.value) for e in dataset["itx"].history]
        assert PartialDate(2031, 1, 31) == dataset["itx"].history[3].date.value

    def test_plain_dates_accepted_in_optional_date_fields(self) -> None:
        """Plain dates load in the optional date fields too: term start and end, a source's published."""
        text = variant(
            ("    title: A source\n", "    title: A source\n    published: 2023-08\n"),
            (
                "    sources: [s1]\n    signed_by",
                "    sources: [s1]\n    term:\n      start: 2023-08-28\n      end: 2028\n"
                "      sources: [s1]\n    signed_by",
            ),
        )
        dataset = mou_tracker.loads(text)
        assert PartialDate(2023, 8) == dataset.sources[0].published
        term = dataset["itx"].term
        assert term is not None
        assert (PartialDate(2023, 8, 28), PartialDate(2028)) == (term.start, term.end)


class TestKeys:
    @pytest.mark.parametrize(
        ("key", "found"),
        [
            ("1", "the integer 1"),
            ("null", "null"),
            ("~", "null"),
            ("true", "the boolean true"),
            ("1.5", "'1.5', which YAML readers take for a number"),
        ],
    )
    def test_scalar_key(self, key: str, found: str) -> None:
        """A key that is not text is refused at the key."""
        assert [f"<string>:2:1: $: keys must be text, found {found}; quote the key"] == lines(
            f"schema_version: 1\n{key}: a\n"
        )

    def test_sequence_key(self) -> None:
        """A sequence as a key (? [a]) is refused at the sequence."""
        assert ["<string>:2:3: $: keys must be text, found a list; quote the key"] == lines(
            "schema_version: 1\n? [a]\n: b\n"
        )

    def test_mapping_key(self) -> None:
        """A mapping as a key is refused at the mapping."""
        assert ["<string>:2:3: $: keys must be text, found a mapping; quote the key"] == lines(
            "schema_version: 1\n? {a: 1}\n: b\n"
        )

    def test_flow_sequence_key(self) -> None:
        """A flow sequence used as an implicit key is refused."""
        assert ["<string>:2:1: $: keys must be text, found a list; quote the key"] == lines(
            "schema_version: 1\n[a, b]: c\n"
        )

    def test_nested_integer_key(self) -> None:
        """An integer key inside a record is refused with the record's path."""
        text = variant(("    title: A source\n", "    title: A source\n    3: x\n"))
        problem = single(text)
        assert ("sources", 0) == problem.path
        assert (
            f"<string>:{at(text, '^3: x')}: $.sources[0]: keys must be text, found the integer 3; quote the key"
            == str(problem)
        )

    def test_quoted_integer_key_is_text(self) -> None:
        """A quoted '3' is a text key (then unknown to the record)."""
        text = variant(("    title: A source\n", "    title: A source\n    '3': x\n"))
        where = at(text, "^'3': x")
        assert [
            f"<string>:{where}: $.sources[0]['3']: unknown key '3'; "
            "expected one of id, language, title, publisher, url, published, notes"
        ] == lines(text)


class TestImpossibleDates:
    @pytest.mark.parametrize(
        ("date", "reason"),
        [
            ("2025-02-30", "February 2025 has days 01 to 28"),
            ("2024-02-30", "February 2024 has days 01 to 29"),
            ("2025-04-31", "April 2025 has days 01 to 30"),
            ("2025-13", "the month must be between 01 and 12"),
            ("2025-00", "the month must be between 01 and 12"),
            ("0000", "the year must be between 0001 and 9999"),
            ("'0000'", "the year must be between 0001 and 9999"),
            ("2023-9", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
            ("2026/2025", "the interval ends before it starts"),
        ],
    )
    def test_impossible_date(self, date: str, reason: str) -> None:
        """A date that cannot exist is refused at its value, saying why."""
        text = variant(("date: 2023-09", f"date: {date}"))
        problem = single(text)
        assert ("agreements", 0, "history", 1, "date") == problem.path
        where = at(text, f"date: ^{date}")
        unquoted = date.strip("'")
        assert f"<string>:{where}: $.agreements[0].history[1].date: {reason}, found '{unquoted}'" == str(problem)

    def test_not_a_date(self) -> None:
        """A boolean where a date belongs is refused, giving examples of dates."""
        text = variant(("date: 2023-09", "date: true"))
        assert [
            f"<string>:{at(text, 'date: ^true')}: $.agreements[0].history[1].date: "
            "expected a date such as 2023, 2025-10, 2023-08-28 or 2025/2030, found the boolean true"
        ] == lines(text)


class TestTags:
    def test_python_object_not_executed(self, tmp_path: Path) -> None:
        """A !!python/object/apply tag is refused and nothing runs."""
        marker = tmp_path / "pwned"
        text = variant(("short: ITX", f'short: !!python/object/apply:os.system ["touch {marker}"]'))
        assert [
            f"<string>:{at(text, 'short: ^!!python')}: $.agreements[0].short: explicit tags "
            "(tag:yaml.org,2002:python/object/apply:os.system) are not allowed; quote the value if it is text"
        ] == lines(text)
        assert not marker.exists()

    def test_python_object_not_executed_pure_python(self, tmp_path: Path, pure_python: None) -> None:
        """The pure-Python parser refuses it the same way, and nothing runs."""
        marker = tmp_path / "pwned"
        text = f'schema_version: 1\nx: !!python/object/apply:os.system ["touch {marker}"]\n'
        assert [
            "<string>:2:4: $.x: explicit tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed; "
            "quote the value if it is text"
        ] == lines(text)
        assert not marker.exists()

    def test_python_object_with_flow_arguments(self) -> None:
        """`!!python/object/apply:os.system [echo hi]` is refused at the tag."""
        assert [
            "<string>:2:4: $.x: explicit tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed; "
            "quote the value if it is text"
        ] == lines("schema_version: 1\nx: !!python/object/apply:os.system [echo hi]\n")

    @pytest.mark.parametrize(
        ("value", "tag"),
        [
            ("!!int abc", "tag:yaml.org,2002:int"),
            ("!!bool maybe", "tag:yaml.org,2002:bool"),
            ("!!timestamp nope", "tag:yaml.org,2002:timestamp"),
            ("!!str ITX", "tag:yaml.org,2002:str"),
            ("!foo x", "!foo"),
            ("!foo {a: [1, {b: 2}]}", "!foo"),
            ("!<tag:example.com,2000:x> y", "tag:example.com,2000:x"),
        ],
    )
    def test_tag_refused(self, value: str, tag: str) -> None:
        """Every explicit tag, standard or local, valid or not, is refused at the tag."""
        text = variant(("short: ITX", f"short: {value}"))
        problem = single(text)
        assert ("agreements", 0, "short") == problem.path
        assert (
            f"<string>:{at(text, 'short: ^!')}: $.agreements[0].short: explicit tags ({tag}) are not allowed; "
            "quote the value if it is text" == str(problem)
        )

    def test_tag_on_root(self) -> None:
        """A tag on the whole document is refused at 1:1."""
        assert [
            "<string>:1:1: $: explicit tags (tag:yaml.org,2002:map) are not allowed; quote the value if it is text"
        ] == lines("!!map\nschema_version: 1\n")


class TestLongIntegers:
    def test_in_text_field(self) -> None:
        """A 5,000-digit integer in a text field is refused without converting it."""
        digits = "1" * 5000
        text = variant(("short: ITX", f"short: {digits}"))
        assert [
            f"<string>:{at(text, 'short: ^1')}: $.agreements[0].short: expected text, found "
            f"'{'1' * 39}'… (5000 characters), which YAML readers take for an integer too long to read "
            "(over 18 digits); quote it if you mean the text"
        ] == lines(text)

    def test_negative(self) -> None:
        """A 5,000-digit negative integer is refused the same way."""
        text = variant(("short: ITX", "short: -" + "9" * 5000))
        problem = single(text)
        assert ("agreements", 0, "short") == problem.path
        assert at(text, "short: ^-9") == f"{problem.line}:{problem.column}"
        assert "integer too long to read (over 18 digits)" in problem.message

    def test_as_schema_version(self) -> None:
        """A 5,000-digit schema_version is refused at its value."""
        problem = single("schema_version: " + "9" * 5000 + "\n")
        assert (1, 17, ("schema_version",)) == (problem.line, problem.column, problem.path)
        assert problem.message.startswith("expected schema_version 1, found '999")
        assert "integer too long to read" in problem.message

    def test_in_date_field(self) -> None:
        """A 5,000-digit integer in a date field is refused as not a date."""
        text = variant(("date: 2023-09", "date: " + "2" * 5000))
        problem = single(text)
        assert ("agreements", 0, "history", 1, "date") == problem.path
        assert at(text, "date: ^2222") == f"{problem.line}:{problem.column}"
        assert problem.message.startswith("expected YYYY, YYYY-MM or YYYY-MM-DD, found '2222")

    def test_as_key(self) -> None:
        """A 5,000-digit integer as an explicit key (? 777...) is refused as a key."""
        problem = single("schema_version: 1\n? " + "7" * 5000 + "\n: x\n")
        assert (2, 3, ()) == (problem.line, problem.column, problem.path)
        assert problem.message.startswith("keys must be text, found '777")
        assert problem.message.endswith(
            "which YAML readers take for an integer too long to read (over 18 digits); quote the key"
        )

    def test_as_implicit_key(self) -> None:
        """A 5,000-character implicit key is over YAML's 1,024-character limit: a syntax error at its end."""
        assert [
            "<string>:2:5001: $: YAML syntax error: while scanning a simple key could not find expected ':'"
        ] == lines("schema_version: 1\n" + "7" * 5000 + ": x\n")

    def test_in_list(self) -> None:
        """A 5,000-digit integer in a list of ids is refused at its position."""
        text = variant(("parties: [vn, sg]\n    areas", "parties: [vn, " + "5" * 5000 + "]\n    areas"))
        problem = single(text)
        assert ("agreements", 0, "parties", 1) == problem.path
        assert at(text, "parties: [vn, ^5") == f"{problem.line}:{problem.column}"


DEEP_C = """\
import json, sys
import yaml
import mou_tracker
from mou_tracker import _yaml
assert _yaml._Loader is yaml.CSafeLoader, _yaml._Loader
try:
    mou_tracker.loads(sys.argv[1] * 100_000)
except mou_tracker.DataError as exc:
    print(json.dumps([[p.line, p.column, list(p.path), p.message] for p in exc.problems]))
else:
    print("loaded")
"""


def _deep_expected(unit: str) -> list[object]:
    path: list[object] = [0] * 64 if unit == "[" else ["a"] * 64
    return [[1, 64 * len(unit) + 1, path, "nesting deeper than 64 levels; no data file needs that"]]


EVENT_LIMIT = 300
"""Far more parser events than a refused deep document needs (about 70), far fewer than walking it takes."""


class ReadTooFar(Exception):
    """Raised by an event-limited loader: the library kept reading a document it should have refused."""


def _loader_class(name: str) -> type[Any]:
    """A PyYAML loader class by name; skips the test if this PyYAML lacks it (no libyaml)."""
    loader = getattr(yaml, name, None)
    if loader is None:
        pytest.skip(f"this PyYAML has no {name}")
    return loader  # type: ignore[no-any-return]


def _event_limited(base: type[Any], limit: int) -> type[Any]:
    """``base`` that raises :class:`ReadTooFar` once asked for more than ``limit`` events."""

    class Limited(base):  # type: ignore[misc]
        events = 0

        def get_event(self) -> Any:
            self.events += 1
            if self.events > limit:
                raise ReadTooFar(f"read more than {limit} events")
            return super().get_event()

    return Limited


def _nesting_limited(base: type[Any], limit: int) -> type[Any]:
    """``base`` that, like recent libyaml, refuses a text whose flow nesting exceeds ``limit``, reading ahead."""

    class Limited(base):  # type: ignore[misc]
        def __init__(self, text: str) -> None:
            depth = 0
            for char in text:
                depth += (char in "[{") - (char in "]}")
                if depth > limit:
                    raise yaml.scanner.ScannerError("while scanning", None, "too deep for this parser", None)
            super().__init__(text)

    return Limited


class TestDeepNesting:
    @pytest.mark.parametrize("unit", ["[", "{a: "])
    def test_c_loader_in_subprocess(self, unit: str, tmp_path: Path) -> None:
        """With libyaml, 100,000 levels give a located DataError and the process exits normally."""
        if not getattr(yaml, "__with_libyaml__", False):
            pytest.skip("PyYAML without libyaml")
        result = subprocess.run(
            [sys.executable, "-c", DEEP_C, unit],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=tmp_path,
            check=False,
        )
        assert (0, "") == (result.returncode, result.stderr)
        assert _deep_expected(unit) == json.loads(result.stdout)

    @pytest.mark.parametrize("unit", ["[", "{a: "])
    def test_pure_python(self, unit: str, pure_python: None) -> None:
        """With the pure-Python parser, 100,000 levels give the same located DataError."""
        found = problems(unit * 100_000)
        assert _deep_expected(unit) == [[p.line, p.column, list(p.path), p.message] for p in found]

    def test_str_of_deep_problem(self) -> None:
        """The deep problem reads as a line with the whole path."""
        assert ["<string>:1:65: $" + "[0]" * 64 + ": nesting deeper than 64 levels; no data file needs that"] == lines(
            "[" * 1000
        )

    def test_inside_a_document(self) -> None:
        """Deep nesting under a key is located on its line, with the key in the path."""
        problem = single("schema_version: 1\nx: " + "[" * 100_000)
        assert (2, 67, ("x", *[0] * 63)) == (problem.line, problem.column, problem.path)

    def test_block_nesting(self) -> None:
        """Deep block sequences (one level per line) are refused on the 65th line."""
        text = "".join("  " * i + "-\n" for i in range(2000))
        problem = single(text)
        assert (65, 129) == (problem.line, problem.column)
        assert "nesting deeper than 64 levels" in problem.message

    def test_complex_keys(self) -> None:
        """Deeply nested complex keys (? ? ? ...) are refused, not recursed into."""
        problem = single("? " * 100_000 + "x")
        assert (1, 129, ()) == (problem.line, problem.column, problem.path)
        assert "nesting deeper than 64 levels" in problem.message

    def test_real_depth_is_fine(self) -> None:
        """Nesting as deep as real data (a claim list in an event in a history) loads."""
        text = variant(
            (
                "        status: signed\n",
                "        status:\n          - value: signed\n            sources: [s1]\n            preferred: true\n"
                "          - value: concluded\n            sources: [s2]\n",
            )
        )
        assert "signed" == mou_tracker.loads(text)["itx"].history[0].status.value.value

    @pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
    def test_cut_within_few_events(self, loader: str, monkeypatch: pytest.MonkeyPatch) -> None:
        """100,000 levels are refused after reading a few events, not all of them (checks the event limit below)."""
        monkeypatch.setattr(_yaml, "_Loader", _event_limited(_loader_class(loader), EVENT_LIMIT))
        monkeypatch.setattr(_yaml, "_PURE_LOADER", _event_limited(yaml.SafeLoader, EVENT_LIMIT))
        assert ["<string>:1:65"] == [f"{p.file}:{p.line}:{p.column}" for p in problems("[" * 100_000)]

    @pytest.mark.parametrize("limit", [129, 300, 1000])
    @pytest.mark.parametrize(
        ("text", "where"),
        [
            ("[" * 5000, "1:65"),
            ("{a: " * 5000, "1:257"),
            ("schema_version: 1\nx: " + "[a, " * 5000, "2:256"),
            ("schema_version: 1\nx:\n" + "  [\n" * 40 + "  " + "[" * 5000, "43:26"),
        ],
    )
    def test_whatever_the_parsers_own_limit(
        self, limit: int, text: str, where: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A parser that gives up at a nesting limit of its own still yields this library's refusal, located."""
        monkeypatch.setattr(_yaml, "_Loader", _nesting_limited(_loader_class("CSafeLoader"), limit))
        found = problems(text)
        assert [where] == [f"{p.line}:{p.column}" for p in found]
        assert "nesting deeper than 64 levels; no data file needs that" == found[0].message

    def test_shallow_text_keeps_the_fast_parser(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A syntax error in text that opens few collections a line is reported as read by the first parser."""
        monkeypatch.setattr(_yaml, "_PURE_LOADER", _event_limited(yaml.SafeLoader, 0))
        assert 1 == len(problems("schema_version: 1\nx: [" + "[a], " * 20 + "\n"))
        assert not _yaml._dense("schema_version: 1\nx: [" + "[a], " * 20 + "\n")
        assert _yaml._dense("x: " + "[a, " * 64)

    @pytest.mark.parametrize(
        ("prefix", "message"),
        [
            ("!foo ", "explicit tags (!foo) are not allowed; quote the value if it is text"),
            ("&a ", "anchors (&a) are not allowed; write values out"),
        ],
    )
    @pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
    def test_behind_tag_or_anchor(
        self, loader: str, prefix: str, message: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """10,000 levels under a refused tag or anchor are not walked to the bottom either, but cut early."""
        monkeypatch.setattr(_yaml, "_Loader", _event_limited(_loader_class(loader), EVENT_LIMIT))
        found = problems("schema_version: 1\nx: " + prefix + "[" * 10_000)
        assert f"<string>:2:4: $.x: {message}" == str(found[0])


BILLION_LAUGHS = "schema_version: 1\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]\n" for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
)


class TestAliases:
    @pytest.mark.parametrize("loader", ["CSafeLoader", "SafeLoader"])
    def test_billion_laughs(self, loader: str, monkeypatch: pytest.MonkeyPatch) -> None:
        """The billion laughs document is refused, every anchor located, reading only the events it is written in."""
        written = BILLION_LAUGHS.count("lol") + BILLION_LAUGHS.count("*") + 40
        monkeypatch.setattr(_yaml, "_Loader", _event_limited(_loader_class(loader), written))
        assert [
            f"<string>:{i + 2}:4: $.{name}: anchors (&{name}) are not allowed; write values out"
            for i, name in enumerate("abcdefghi")
        ] == [str(p) for p in problems(BILLION_LAUGHS)]

    def test_flow_billion_laughs(self) -> None:
        """A bomb written in one flow sequence is refused at each of its anchors."""
        assert [
            "<string>:2:5: $.x[0]: anchors (&a) are not allowed; write values out",
            "<string>:2:20: $.x[1]: anchors (&b) are not allowed; write values out",
            "<string>:2:37: $.x[2]: anchors (&c) are not allowed; write values out",
        ] == lines("schema_version: 1\nx: [&a [lol, lol], &b [*a, *a, *a], &c [*b, *b, *b]]\n")

    def test_self_reference(self) -> None:
        """A self-referencing alias (a: &x [*x]) is refused at the anchor."""
        assert ["<string>:2:4: $.a: anchors (&x) are not allowed; write values out"] == lines(
            "schema_version: 1\na: &x [*x]\n"
        )

    def test_scalar_alias(self) -> None:
        """An alias of a plain scalar is refused: anchor and alias both located."""
        text = variant(("short: ITX", "short: &s ITX"), ("title: ITX follow-up", "title: *s"))
        assert [
            f"<string>:{at(text, 'short: ^&s')}: $.agreements[0].short: anchors (&s) are not allowed; write values out",
            f"<string>:{at(text, 'title: ^*s')}: $.agreements[1].title: aliases (*s) are not allowed; "
            "write the value out",
        ] == lines(text)

    def test_undefined_alias(self) -> None:
        """An alias with no anchor is refused at the alias."""
        assert ["<string>:2:4: $.a: aliases (*nowhere) are not allowed; write the value out"] == lines(
            "schema_version: 1\na: *nowhere\n"
        )

    def test_anchored_record(self) -> None:
        """An anchor on a list item is refused with the item's path."""
        text = variant(("  - id: s2\n", "  - &s2\n    id: s2\n"))
        assert [
            f"<string>:{at(text, '  - ^&s2')}: $.sources[1]: anchors (&s2) are not allowed; write values out"
        ] == lines(text)


def _through_a_pipe(tmp_path: Path, content: bytes) -> Path:
    """A named pipe that a thread fills with ``content``: a file whose size is not known until read."""
    import threading

    fifo = tmp_path / "piped.yaml"
    os.mkfifo(fifo)

    def feed() -> None:
        with contextlib.suppress(BrokenPipeError), open(fifo, "wb") as out:
            out.write(content)

    threading.Thread(target=feed, daemon=True).start()
    return fifo


class TestSize:
    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
    def test_a_file_of_unknown_size_is_read_whole(self, tmp_path: Path) -> None:
        """A file that says it has no size (a pipe) is read to its end, with the cache on or off."""
        data = mou_tracker.bundled_path().read_bytes()
        expected = mou_tracker.load()
        for folder, cache in (("off", False), ("on", True)):
            (tmp_path / folder).mkdir()
            assert expected == mou_tracker.load(_through_a_pipe(tmp_path / folder, data), cache=cache)

    @pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
    def test_a_file_of_unknown_size_is_held_to_the_limit(self, tmp_path: Path) -> None:
        """A file that says it has no size is still refused once it passes max_bytes."""
        with pytest.raises(DataError) as info:
            mou_tracker.load(
                _through_a_pipe(tmp_path, BASE.encode() + b"# " + b"x" * 3_000_000 + b"\n"), max_bytes=2_000_000
            )
        (problem,) = info.value.problems
        assert "than the limit of 2,000,000 bytes" in problem.message

    def test_max_bytes(self, tmp_path: Path) -> None:
        """A file bigger than max_bytes is refused, naming both sizes."""
        path = tmp_path / "big.yaml"
        path.write_text(BASE + "# " + "x" * 2000 + "\n", encoding="utf-8")
        size = path.stat().st_size
        with pytest.raises(DataError) as info:
            mou_tracker.load(path, max_bytes=1000)
        (problem,) = info.value.problems
        assert (str(path), None, None, ()) == (problem.file, problem.line, problem.column, problem.path)
        assert (
            f"{path}: $: the file is larger ({size:,} bytes or more) than the limit of 1,000 bytes; "
            "split it into a directory of files, or pass a larger max_bytes to load() from Python"
        ) == str(problem)

    def test_limit_is_inclusive(self, tmp_path: Path) -> None:
        """A file of exactly max_bytes loads; one byte fewer allowed refuses it."""
        path = tmp_path / "base.yaml"
        path.write_text(BASE, encoding="utf-8")
        size = path.stat().st_size
        assert 2 == len(mou_tracker.load(path, max_bytes=size).agreements)
        with pytest.raises(DataError) as info:
            mou_tracker.load(path, max_bytes=size - 1)
        assert f"than the limit of {size - 1:,} bytes" in info.value.problems[0].message

    def test_sparse_gigabyte(self, tmp_path: Path) -> None:
        """A 1 GiB (sparse) file is refused at once with the default limit, which the message names."""
        path = tmp_path / "huge.yaml"
        path.write_bytes(b"")
        os.truncate(path, 1 << 30)
        tracemalloc.start()
        try:
            with pytest.raises(DataError) as info:
                mou_tracker.load(path)
            _, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert peak < 16 << 20  # nothing of the file was read
        assert [
            f"{path}: $: the file is larger (1,073,741,824 bytes or more) than the limit of 268,435,456 bytes; "
            "split it into a directory of files, or pass a larger max_bytes to load() from Python"
        ] == [str(p) for p in info.value.problems]

    def test_endless_file(self) -> None:
        """A file whose size is not known in advance (/dev/zero) is cut at the limit."""
        if not os.path.exists("/dev/zero"):
            pytest.skip("no /dev/zero")
        with pytest.raises(DataError) as info:
            mou_tracker.load("/dev/zero", max_bytes=1000)
        assert [
            "/dev/zero: $: the file is larger (1,001 bytes or more) than the limit of 1,000 bytes; "
            "split it into a directory of files, or pass a larger max_bytes to load() from Python"
        ] == [str(p) for p in info.value.problems]

    def test_missing_file(self, tmp_path: Path) -> None:
        """A missing file is a DataError naming it."""
        path = tmp_path / "missing.yaml"
        with pytest.raises(DataError) as info:
            mou_tracker.load(path)
        assert [f"{path}: $: cannot read the file: No such file or directory"] == [str(p) for p in info.value.problems]

    def test_directory(self, tmp_path: Path) -> None:
        """A directory with no data files in it is a DataError naming it."""
        with pytest.raises(DataError) as info:
            mou_tracker.load(tmp_path)
        assert [f"{tmp_path}: $: no .yaml or .yml files found"] == [str(p) for p in info.value.problems]


class TestUnknownKeys:
    def test_misspelled_key(self) -> None:
        """A misspelled key (shrot) is refused at the key, suggesting the right one."""
        text = variant(("short: ITX", "shrot: ITX"))
        problem = single(text)
        assert ("agreements", 0, "shrot") == problem.path
        assert (
            f"<string>:{at(text, '^shrot')}: $.agreements[0].shrot: unknown key 'shrot'; did you mean 'short'?"
            == str(problem)
        )

    @pytest.mark.parametrize(
        ("old", "new", "marked", "message"),
        [
            (
                "schema_version: 1\n",
                "schema_version: 1\nagrements: []\n",
                "^agrements",
                "$.agrements: unknown key 'agrements'; did you mean 'agreements'?",
            ),
            (
                "    kind: ministry\n",
                "    kind: ministry\n    parnet: vn\n",
                "^parnet",
                "$.signatories[2].parnet: unknown key 'parnet'; did you mean 'parent'?",
            ),
            (
                "        acting_for: sg\n",
                "        acting_for: sg\n        rol: x\n",
                "^rol",
                "$.agreements[0].signed_by[0].rol: unknown key 'rol'; did you mean 'role'?",
            ),
            (
                "        status: signed\n",
                "        status: signed\n        sauces: [s1]\n",
                "^sauces",
                "$.agreements[0].history[0].sauces: unknown key 'sauces'; did you mean 'sources'?",
            ),
            (
                "        target: itx\n",
                "        target: itx\n        nots: x\n",
                "^nots",
                "$.agreements[1].relations[0].nots: unknown key 'nots'; did you mean 'note'?",
            ),
            (
                "    title: A source\n",
                "    title: A source\n    colour: red\n",
                "^colour",
                "$.sources[0].colour: unknown key 'colour'; "
                "expected one of id, language, title, publisher, url, published, notes",
            ),
        ],
    )
    def test_unknown_key_at_each_level(self, old: str, new: str, marked: str, message: str) -> None:
        """Unknown keys at the top, in records and in nested records are refused at the key."""
        text = variant((old, new))
        assert [f"<string>:{at(text, marked)}: {message}"] == lines(text)

    def test_every_unknown_key_reported(self) -> None:
        """Unknown keys at several levels are all reported in one error, in file order."""
        text = variant(
            ("schema_version: 1\n", "schema_version: 1\nagrements: []\n"),
            ("short: ITX", "shrot: ITX"),
            ("        status: signed\n", "        status: signed\n        sauces: [s1]\n"),
        )
        assert [
            f"<string>:{at(text, '^agrements')}: $.agrements: unknown key 'agrements'; did you mean 'agreements'?",
            f"<string>:{at(text, '^shrot')}: $.agreements[0].shrot: unknown key 'shrot'; did you mean 'short'?",
            f"<string>:{at(text, '^sauces')}: $.agreements[0].history[0].sauces: unknown key 'sauces'; "
            "did you mean 'sources'?",
        ] == lines(text)

    def test_unknown_key_in_flow_mapping(self) -> None:
        """An unknown key in a flow mapping is refused at its column."""
        assert [
            "<string>:2:11: $.sources[0]: missing required key 'language'",
            "<string>:2:20: $.sources[0].langauge: unknown key 'langauge'; did you mean 'language'?",
        ] == lines("schema_version: 1\nsources: [{id: s1, langauge: en, title: t}]\n")


class TestShapes:
    @pytest.mark.parametrize(
        ("old", "new", "marked", "message"),
        [
            (
                "parties: [vn, sg]\n    areas",
                "parties: vn\n    areas",
                "parties: ^vn",
                "$.agreements[0].parties: expected a list, found the text 'vn'",
            ),
            (
                "    name: Viet Nam\n",
                "    name: Viet Nam\n    aliases: ITX\n",
                "aliases: ^ITX",
                "$.signatories[0].aliases: expected a list, found the text 'ITX'",
            ),
            ("short: ITX", "short: [I, T, X]", "short: ^[", "$.agreements[0].short: expected text, found a list"),
            ("short: ITX", "short:\n      - ITX", "^- ITX", "$.agreements[0].short: expected text, found a list"),
            (
                "name: Viet Nam",
                "name: {en: Viet Nam}",
                "name: ^{",
                "$.signatories[0].name: expected text, found a mapping",
            ),
            (
                "parties: [vn, sg]\n    areas",
                "parties: {vn: sg}\n    areas",
                "parties: ^{",
                "$.agreements[0].parties: expected a list, found a mapping",
            ),
            (
                "parties: [vn, sg]\n    areas",
                "parties:\n      vn: sg\n    areas",
                "^vn: sg",
                "$.agreements[0].parties: expected a list, found a mapping",
            ),
            (
                "    history:\n      - date: 2023-08-28\n        status: signed\n        sources: [s1]\n"
                "      - date: 2023-09\n        status: in_effect\n        sources: [s1]\n",
                "    history: signed\n",
                "history: ^signed",
                "$.agreements[0].history: expected a list, found the text 'signed'",
            ),
            (
                "title: Innovation Talent Exchange",
                "title: {a: b}",
                "title: ^{",
                "$.agreements[0].title: expected text, found a mapping",
            ),
            (
                "    title: Another source\n",
                "    title: Another source\n  - s3\n",
                "  - ^s3",
                "$.sources[2]: expected a mapping, found the text 's3'",
            ),
        ],
    )
    def test_wrong_shape(self, old: str, new: str, marked: str, message: str) -> None:
        """A string where a list belongs, a list or mapping where text belongs, and so on: refused at the value."""
        text = variant((old, new))
        assert [f"<string>:{at(text, marked)}: {message}"] == lines(text)

    def test_missing_required_key(self) -> None:
        """A record without a required key is refused at the record."""
        text = variant(("    name: Viet Nam\n", ""))
        where = at(text, "  - ^id: vn\n")
        assert [f"<string>:{where}: $.signatories[0]: missing required key 'name'"] == lines(text)

    def test_string_for_a_whole_collection(self) -> None:
        """A collection given as one string (people: lee) is refused at the string."""
        text = variant(
            ("people:\n  - id: lee\n    name: Lee\n    sources: [s1]\n", "people: lee\n"),
            ("    signed_by:\n      - person: lee\n        acting_for: sg\n        sources: [s1]\n", ""),
        )
        assert [f"<string>:{at(text, 'people: ^lee')}: $.people: expected a list, found the text 'lee'"] == lines(text)


class TestStructureInOnePass:
    def test_shape_problems_together(self) -> None:
        """Unknown kind and status, a dispute with no preferred claim, a bad key and a missing key: one error."""
        text = variant(
            ("kind: mou", "kind: mu"),
            ("        status: signed\n", "        status: signd\n"),
            (
                "title: ITX follow-up",
                "title:\n      - value: ITX follow-up\n        sources: [s1]\n"
                "      - value: ITX sequel\n        sources: [s2]",
            ),
            ("    kind: state\n    country: SG\n", "    kind: stat\n    country: SG\n"),
            ("  - id: talent\n    name: Talent\n", "  - id: talent\n"),
            ("short: ITX", "shrot: ITX"),
        )
        kinds = (
            "treaty, agreement, framework_agreement, mou, letter_of_intent, exchange_of_letters, programme, "
            "joint_statement, partnership, diplomatic_relations, commitment, proposal"
        )
        statuses = (
            "proposed, negotiating, concluded, signed, in_effect, completed, expired, terminated, superseded, abandoned"
        )
        stat = at(text, "kind: ^stat\n")
        signatory_kinds = (
            "state, government, ministry, agency, party, local_government, organisation, international_organisation"
        )
        assert [
            f"<string>:{stat}: $.signatories[1].kind: expected one of {signatory_kinds}; found the text 'stat'; "
            "did you mean 'state'?",
            f"<string>:{at(text, '  - ^id: talent')}: $.areas[1]: missing required key 'name'",
            f"<string>:{at(text, '^shrot')}: $.agreements[0].shrot: unknown key 'shrot'; did you mean 'short'?",
            f"<string>:{at(text, 'kind: ^mu')}: $.agreements[0].kind: expected one of {kinds}; "
            "found the text 'mu'; did you mean 'mou'?",
            f"<string>:{at(text, 'status: ^signd')}: $.agreements[0].history[0].status: expected one of {statuses}; "
            "found the text 'signd'; did you mean 'signed'?",
            f"<string>:{at(text, '^- value: ITX follow-up')}: $.agreements[1].title: "
            "expected exactly one claim marked preferred among 2, found 0",
        ] == lines(text)


VALIDATION = """\
schema_version: 1
sources:
  - id: s1
    language: en
    title: A source
  - id: s1
    language: en
    title: The same id again
signatories:
  - id: vn
    name: Viet Nam
    kind: state
    country: XX
  - id: sg
    name: Singapore
    kind: state
    country: SG
  - id: ministry-a
    name: Ministry A
    kind: ministry
    parent: ministry-b
  - id: ministry-b
    name: Ministry B
    kind: ministry
    parent: ministry-a
  - id: agency
    name: Agency
    kind: agency
    parent: vnn
  - id: agency-2
    name: Agency 2
    kind: agncy
people:
  - id: lee
    name: Lee
    sources: [s1]
  - id: lee
    name: Lee again
    sources: [s1]
areas:
  - id: science
    name: Science
    parent: talent
  - id: talent
    name: Talent
    parent: science
agreements:
  - id: itx
    title: Innovation Talent Exchange
    kind: mou
    parties: [vn, sgg]
    areas: [sciense]
    sources: [s1, s9]
    signed_by:
      - person: leee
        sources: [s1]
    history:
      - date: 2023-08-28
        status: signed
        sources: [s1]
      - date: 2023-08-01
        status: in_effect
        sources: [s1]
      - date: 2024
        status: negotiating
        sources: [s1]
      - date: 2023-01
        status: negotiating
    relations:
      - type: amends
        target: itx-2
        sources: [s1]
  - id: itx-2
    title: ITX follow-up
    kind: programme
    parties: [vn, sg]
    sources: []
    term:
      start: 2025
      end: 2024-06
      sources: [s1]
    relations:
      - type: follows_up
        target: itx
        sources: [s1]
      - type: implements
        target: itx-9
        sources: [s1]
  - id: pact
    title:
      - value: Title A
        preferred: true
      - value: Title B
    kind: mou
    sources: [s1]
  - id: deal
    title:
      - value: Deal A
        sources: [s1]
      - value: Deal B
        sources: [s1]
    kind: agreemnt
    sources: [s1]
    history:
      - date: 2024
        status: signd
        sources: [s1]
"""


def validation_expected(filename: str) -> list[str]:
    """Every problem of ``VALIDATION``, in file order, as printed."""
    expected = [
        (
            "  - id: ^s1\n    language: en\n    title: The same",
            "$.sources[1].id: duplicate id 's1'; first at $.sources[0]",
        ),
        (
            "country: ^XX",
            "$.signatories[0].country: expected an ISO 3166-1 alpha-2 country code such as 'VN' or 'SG', found 'XX'",
        ),
        (
            "parent: ^ministry-b",
            "$.signatories[2].parent: cycle in parent bodies: ministry-a → ministry-b → ministry-a",
        ),
        ("parent: ^vnn", "$.signatories[4].parent: unknown signatory id 'vnn'; did you mean 'vn'?"),
        (
            "kind: ^agncy",
            "$.signatories[5].kind: expected one of state, government, ministry, agency, party, local_government, "
            "organisation, international_organisation; found the text 'agncy'; did you mean 'agency'?",
        ),
        ("  - id: ^lee\n    name: Lee again", "$.people[1].id: duplicate id 'lee'; first at $.people[0]"),
        ("parent: ^talent", "$.areas[0].parent: cycle in parent areas: science → talent → science"),
        ("parties: [vn, ^sgg]", "$.agreements[0].parties[1]: unknown signatory id 'sgg'; did you mean 'sg'?"),
        ("areas: [^sciense]", "$.agreements[0].areas[0]: unknown area id 'sciense'; did you mean 'science'?"),
        ("sources: [s1, ^s9]", "$.agreements[0].sources[1]: unknown source id 's9'"),
        ("person: ^leee", "$.agreements[0].signed_by[0].person: unknown person id 'leee'; did you mean 'lee'?"),
        (
            "date: ^2023-08-01",
            "$.agreements[0].history[1].date: in effect (2023-08-01) before it was signed (2023-08-28)",
        ),
        (
            "status: ^negotiating\n        sources: [s1]",
            "$.agreements[0].history[2].status: in_effect cannot become negotiating; "
            "after in_effect come in_effect, completed, expired, terminated, superseded",
        ),
        (
            "      - ^date: 2023-01",
            "$.agreements[0].history[3].sources: a status event cites no source; "
            "add 'sources' with at least one source id",
        ),
        (
            "date: ^2023-01",
            "$.agreements[0].history[3].date: events out of order: 2023-01 is before the previous event (2024)",
        ),
        ("^- type: amends", "$.agreements[0].relations: cycle in relations: itx → itx-2 → itx"),
        (
            "sources: ^[]",
            "$.agreements[1].sources: an agreement cites no source; add 'sources' with at least one source id",
        ),
        ("end: ^2024-06", "$.agreements[1].term.end: the term ends (2024-06) before it starts (2025)"),
        (
            "target: ^itx-9",
            "$.agreements[1].relations[1].target: unknown agreement id 'itx-9'; did you mean 'itx-2', 'itx'?",
        ),
        (
            "^value: Title A",
            "$.agreements[2].title[0].sources: each claim of a disputed title cites no source; "
            "add 'sources' with at least one source id",
        ),
        (
            "^value: Title B",
            "$.agreements[2].title[1].sources: each claim of a disputed title cites no source; "
            "add 'sources' with at least one source id",
        ),
        ("^- value: Deal A", "$.agreements[3].title: expected exactly one claim marked preferred among 2, found 0"),
        (
            "kind: ^agreemnt",
            "$.agreements[3].kind: expected one of treaty, agreement, framework_agreement, mou, letter_of_intent, "
            "exchange_of_letters, programme, joint_statement, partnership, diplomatic_relations, commitment, "
            "proposal; found the text 'agreemnt'; did you mean 'agreement'?",
        ),
        (
            "status: ^signd",
            "$.agreements[3].history[0].status: expected one of proposed, negotiating, concluded, signed, "
            "in_effect, completed, expired, terminated, superseded, abandoned; found the text 'signd'; "
            "did you mean 'signed'?",
        ),
    ]
    return [f"{filename}:{at(VALIDATION, marked)}: {message}" for marked, message in expected]


class TestValidation:
    def test_everything_in_one_pass(self) -> None:
        """Unknown and duplicate ids, cycles, bad histories and terms, unknown codes, no sources: one error, all."""
        assert validation_expected("<string>") == lines(VALIDATION)

    def test_signed_cannot_become_negotiating(self) -> None:
        """A history going from signed back to negotiating is refused at the second status."""
        text = variant(("status: in_effect", "status: negotiating"))
        problem = single(text)
        assert ("agreements", 0, "history", 1, "status") == problem.path
        assert (
            f"<string>:{at(text, 'status: ^negotiating')}: $.agreements[0].history[1].status: "
            "signed cannot become negotiating; after signed come signed, in_effect, completed, expired, terminated, "
            "superseded"
        ) == str(problem)

    def test_events_out_of_order(self) -> None:
        """An event dated before the previous one is refused at its date."""
        text = variant(("date: 2023-09", "date: 2023-08-01"), ("status: in_effect", "status: signed"))
        assert [
            f"<string>:{at(text, 'date: ^2023-08-01')}: $.agreements[0].history[1].date: "
            "events out of order: 2023-08-01 is before the previous event (2023-08-28)"
        ] == lines(text)

    def test_self_relation(self) -> None:
        """An agreement relating to itself is refused at the target (and as a one-step cycle)."""
        text = variant(("        target: itx\n", "        target: itx-2\n"))
        assert [
            f"<string>:{at(text, '^- type: follows_up')}: $.agreements[1].relations: cycle in relations: itx-2 → itx-2",
            f"<string>:{at(text, 'target: ^itx-2')}: $.agreements[1].relations[0].target: "
            "an agreement cannot relate to itself",
        ] == lines(text)

    def test_term_ends_before_it_starts(self) -> None:
        """A term that ends before it starts is refused at the end, in the same pass as other problems."""
        text = variant(
            (
                "    sources: [s1]\n    signed_by",
                "    sources: [s1]\n    term:\n      start: 2025\n      end: 2024-06\n"
                "      sources: [s1]\n    signed_by",
            ),
            ("        target: itx\n", "        target: itx-9\n"),
        )
        assert [
            f"<string>:{at(text, 'end: ^2024-06')}: $.agreements[0].term.end: "
            "the term ends (2024-06) before it starts (2025)",
            f"<string>:{at(text, 'target: ^itx-9')}: $.agreements[1].relations[0].target: "
            "unknown agreement id 'itx-9'; did you mean 'itx-2', 'itx'?",
        ] == lines(text)

    def test_relation_cycle(self) -> None:
        """Two agreements that relate to each other are a cycle, reported at the relations where it closes."""
        text = variant(
            (
                "    sources: [s1]\n    signed_by",
                "    sources: [s1]\n    relations:\n      - type: amends\n        target: itx-2\n"
                "        sources: [s1]\n    signed_by",
            ),
        )
        problem = single(text)
        assert ("agreements", 0, "relations") == problem.path
        assert (
            f"<string>:{at(text, '^- type: amends')}: $.agreements[0].relations: cycle in relations: itx → itx-2 → itx"
            == str(problem)
        )

    def test_parent_cycle(self) -> None:
        """A signatory that is its own grandparent is a cycle in parent bodies."""
        text = variant(("    country: VN\n", "    country: VN\n    parent: vn-most\n"))
        assert [
            f"<string>:{at(text, 'parent: ^vn-most')}: $.signatories[0].parent: "
            "cycle in parent bodies: vn → vn-most → vn"
        ] == lines(text)

    def test_duplicate_id_does_not_hide_a_cycle(self) -> None:
        """A relation cycle is reported even when a later record repeats one of its ids."""
        text = (
            variant(
                (
                    "    sources: [s1]\n    signed_by",
                    "    sources: [s1]\n    relations:\n      - type: amends\n        target: itx-2\n"
                    "        sources: [s1]\n    signed_by",
                ),
            )
            + "  - id: itx-2\n    title: Repeated\n    kind: mou\n    sources: [s1]\n"
        )
        repeated = at(text, "  - id: ^itx-2\n    title: Repeated")
        assert [
            f"<string>:{at(text, '^- type: amends')}: $.agreements[0].relations: cycle in relations: itx → itx-2 → itx",
            f"<string>:{repeated}: $.agreements[2].id: duplicate id 'itx-2'; first at $.agreements[1]",
        ] == lines(text)

    def test_agreement_without_sources_key(self) -> None:
        """An agreement with no sources key at all is refused as missing a required key."""
        text = variant(("    sources: [s2]\n    relations", "    relations"))
        assert [f"<string>:{at(text, '  - ^id: itx-2')}: $.agreements[1]: missing required key 'sources'"] == lines(
            text
        )

    def test_country_code_suggestion(self) -> None:
        """A lowercase country code is refused with the uppercase one suggested."""
        text = variant(("country: VN", "country: vn"))
        assert [
            f"<string>:{at(text, 'country: ^vn')}: $.signatories[0].country: "
            "expected an ISO 3166-1 alpha-2 country code such as 'VN' or 'SG', found 'vn'; did you mean 'VN'?"
        ] == lines(text)


def _base_case(edit: tuple[str, str], marked: str, message: str) -> tuple[bytes, list[str]]:
    """A CLI case: ``BASE`` with one edit, and its one problem at ``marked`` in the edited text."""
    text = variant(edit)
    return text.encode(), [f"{at(text, marked)}: {message}"]


CLI_CASES: dict[str, tuple[bytes, list[str] | None]] = {
    "syntax": (
        b"schema_version: 1\nparties: [vn, sg\nsources: []\n",
        ["3:8: $: YAML syntax error: while parsing a flow sequence did not find expected ',' or ']'"],
    ),
    "tab": (
        b"schema_version: 1\nsources:\n\t- id: s1\n",
        ["3:1: $: YAML syntax error: tab characters cannot indent YAML; indent with spaces"],
    ),
    "utf8": (b"schema_version: 1\nx: \xff\n", ["2:4: $: the file is not valid UTF-8: byte 0xff cannot be decoded"]),
    "nul": (b"schema_version: 1\nx: a\x00\n", ["2:5: $: control character U+0000 is not allowed in a data file"]),
    "empty": (b"", [f"1:1: $: {TOP} an empty file"]),
    "comments": (b"# nothing here\n", [f"1:1: $: {TOP} an empty file"]),
    "list": (b"- a\n", [f"1:1: $: {TOP} a list"]),
    "documents": (b"schema_version: 1\n---\n", ["2:1: $: found a second YAML document; a data file holds exactly one"]),
    "duplicate": (
        b"schema_version: 1\nsources: []\nsources: []\n",
        ["3:1: $.sources: duplicate key 'sources' (first at line 2); a key may appear once"],
    ),
    "implicit": _base_case(
        ("country: VN", "country: NO"),
        "country: ^NO",
        "$.signatories[0].country: expected text, found 'NO', which YAML readers take for a boolean; "
        "quote it if you mean the text",
    ),
    "key": (b"schema_version: 1\n? [a]\n: b\n", ["2:3: $: keys must be text, found a list; quote the key"]),
    "date": _base_case(
        ("date: 2023-09", "date: 2025-13"),
        "date: ^2025-13",
        "$.agreements[0].history[1].date: the month must be between 01 and 12, found '2025-13'",
    ),
    "tag": (
        b"schema_version: 1\nx: !!python/object/apply:os.system [touch pwned]\n",
        [
            "2:4: $.x: explicit tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed; "
            "quote the value if it is text"
        ],
    ),
    "integer": (
        b"schema_version: 1\nsources: " + b"9" * 5000 + b"\n",
        [
            f"2:10: $.sources: expected a list, found '{'9' * 39}'… (5000 characters), which YAML readers take "
            "for an integer too long to read (over 18 digits); quote it if you mean the text"
        ],
    ),
    "deep": (b"[" * 100_000, ["1:65: $" + "[0]" * 64 + ": nesting deeper than 64 levels; no data file needs that"]),
    "aliases": (b"schema_version: 1\na: &x [*x]\n", ["2:4: $.a: anchors (&x) are not allowed; write values out"]),
    "misspelled": _base_case(
        ("short: ITX", "shrot: ITX"), "^shrot", "$.agreements[0].shrot: unknown key 'shrot'; did you mean 'short'?"
    ),
    "shape": _base_case(
        ("    name: Viet Nam\n", "    name: Viet Nam\n    aliases: ITX\n"),
        "aliases: ^ITX",
        "$.signatories[0].aliases: expected a list, found the text 'ITX'",
    ),
    "validation": (VALIDATION.encode(), None),
}
"""Representative bad files for the command: content, and the problems as ``line:column: path: message``."""


def _cli_expected(path: Path, expected: list[str] | None) -> list[str]:
    """The lines the command prints for ``path``; ``None`` stands for the problems of ``VALIDATION``."""
    if expected is None:
        return validation_expected(str(path))
    return [f"{path}:{line}" for line in expected]


class TestCli:
    @pytest.fixture(autouse=True)
    def _no_data_env(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.delenv("MOU_TRACKER_DATA", raising=False)

    @staticmethod
    def _run(argv: list[str]) -> tuple[int, str, str]:
        out, err = StringIO(), StringIO()
        code = main(argv, out=out, err=err)
        return code, out.getvalue(), err.getvalue()

    @pytest.mark.parametrize("case", sorted(CLI_CASES))
    def test_validate(self, case: str, tmp_path: Path) -> None:
        """`validate PATH` exits 2; each located problem and a count on stderr, nothing on stdout, nothing written."""
        content, expected = CLI_CASES[case]
        path = tmp_path / f"{case}.yaml"
        path.write_bytes(content)
        before = sorted(os.listdir(tmp_path))
        code, out, err = self._run(["validate", str(path)])
        want = _cli_expected(path, expected)
        count = f"{path}: {len(want)} problem{'s' if len(want) != 1 else ''}"
        assert (2, "", [*want, count]) == (code, out, err.splitlines())
        assert "Traceback" not in err
        assert content == path.read_bytes()
        assert before == sorted(os.listdir(tmp_path))

    @pytest.mark.parametrize("case", sorted(CLI_CASES))
    def test_data(self, case: str, tmp_path: Path) -> None:
        """`--data PATH` exits 2, prints each located problem to stderr, nothing to stdout, and writes nothing."""
        content, expected = CLI_CASES[case]
        path = tmp_path / f"{case}.yaml"
        path.write_bytes(content)
        before = sorted(os.listdir(tmp_path))
        code, out, err = self._run(["--data", str(path), "--as-of", "2025-01-01"])
        assert (2, "", _cli_expected(path, expected)) == (code, out, err.splitlines())
        assert "Traceback" not in err
        assert content == path.read_bytes()
        assert before == sorted(os.listdir(tmp_path))

    def test_validate_several_files(self, tmp_path: Path) -> None:
        """`validate` checks every file given: the good one is ok on stdout, the bad one's problems on stderr."""
        good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
        good.write_text(BASE, encoding="utf-8")
        bad.write_bytes(b"schema_version: 1\nx: \xff\n")
        code, out, err = self._run(["validate", str(bad), str(good)])
        assert 2 == code
        assert f"{good}: ok (2 agreements, 3 signatories, 1 person, 2 areas, 2 sources)\n" == out
        assert (f"{bad}:2:4: $: the file is not valid UTF-8: byte 0xff cannot be decoded\n{bad}: 1 problem\n") == err

    def test_validate_good_file(self, tmp_path: Path) -> None:
        """The base document validates: exit 0, a summary on stdout, nothing on stderr."""
        path = tmp_path / "base.yaml"
        path.write_text(BASE, encoding="utf-8")
        assert (0, f"{path}: ok (2 agreements, 3 signatories, 1 person, 2 areas, 2 sources)\n", "") == self._run(
            ["validate", str(path)]
        )

    @pytest.mark.parametrize("command", [["validate"], []])
    def test_missing_file(self, command: list[str], tmp_path: Path) -> None:
        """A missing --data file exits 2 with a message naming it and saying it does not exist."""
        path = tmp_path / "missing.yaml"
        code, out, err = self._run(["--data", str(path), *command])
        want = [f"{path}: $: cannot read the file: No such file or directory"]
        if command:
            want.append(f"{path}: 1 problem")
        assert (2, "", want) == (code, out, err.splitlines())
        assert "Traceback" not in err
        assert [] == os.listdir(tmp_path)

    @pytest.mark.parametrize("command", [["validate"], []])
    def test_directory(self, command: list[str], tmp_path: Path) -> None:
        """A directory with no data files given as --data exits 2 with a message saying so."""
        code, out, err = self._run(["--data", str(tmp_path), *command])
        want = [f"{tmp_path}: $: no .yaml or .yml files found"]
        if command:
            want.append(f"{tmp_path}: 1 problem")
        assert (2, "", want) == (code, out, err.splitlines())
        assert "Traceback" not in err
        assert [] == os.listdir(tmp_path)

    def test_real_process(self, tmp_path: Path) -> None:
        """Run as a real process on a bad file: exit 2, located problem on stderr, no traceback, nothing written."""
        path = tmp_path / "bad.yaml"
        content = b"schema_version: 1\nx: !!python/object/apply:os.system [touch pwned]\n"
        path.write_bytes(content)
        env = {k: v for k, v in os.environ.items() if k != "MOU_TRACKER_DATA"}
        result = subprocess.run(
            [sys.executable, "-m", "mou_tracker", "validate", str(path)],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=tmp_path,
            env=env,
            check=False,
        )
        assert (2, "") == (result.returncode, result.stdout)
        assert [
            f"{path}:2:4: $.x: explicit tags (tag:yaml.org,2002:python/object/apply:os.system) are not allowed; "
            "quote the value if it is text",
            f"{path}: 1 problem",
        ] == result.stderr.splitlines()
        assert content == path.read_bytes()
        assert ["bad.yaml"] == os.listdir(tmp_path)


class TestAnyInput:
    @settings(max_examples=200, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.text(alphabet=st.sampled_from(list("ab: -[]{},'\"&*!?#|>\n\t0129.~\x00\x85é")), max_size=60))
    def test_text_never_escapes(self, text: str) -> None:
        """Any short YAML-ish text loads or raises DataError, and every problem has a position."""
        try:
            mou_tracker.loads(text)
        except DataError as exc:
            assert exc.problems
            for problem in exc.problems:
                assert (problem.line or 0) >= 1
                assert (problem.column or 0) >= 1

    @settings(max_examples=200, deadline=None, database=None)
    @given(st.binary(max_size=40))
    def test_bytes_never_escape(self, data: bytes) -> None:
        """Any bytes load or raise DataError; never another exception."""
        try:
            mou_tracker.loads(b"schema_version: 1\nx: " + data)
        except DataError as exc:
            assert all(isinstance(p, Problem) for p in exc.problems)
