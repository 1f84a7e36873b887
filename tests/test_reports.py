"""Reports and the commands that print them, compared whole against golden files.

The golden files in ``tests/golden`` are the exact output of each command on
the bundled dataset. After a deliberate change to a report, rewrite them with
``MOU_TRACKER_UPDATE_GOLDEN=1 pytest tests/test_reports.py`` and review the
difference before committing it.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mou_tracker
from mou_tracker import cli
from mou_tracker.cache import CACHE_ENV
from mou_tracker.dates import parse_date
from mou_tracker.model import Source
from mou_tracker.reports import (
    ACTIONS_NOTE,
    FORMATS,
    TIMELINE_NOTE,
    Report,
    card,
    in_words,
    name_of,
    render,
    shorten,
    status_report,
    timeline_report,
)
from tests.running import run
from tests.terminal import acted_on

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("MOU_TRACKER_UPDATE_GOLDEN") == "1"

CASES = {
    "status": ["--as-of", "2025-10-15", "status"],
    "list": ["--as-of", "2025-01-01", "list", "--party", "SG", "--status", "in_effect"],
    "search-vi": ["--as-of", "2026-11-22", "--lang", "vi", "search", "to lam"],
    "report": ["--as-of", "2026-11-22", "report"],
    "areas": ["--as-of", "2026-11-22", "areas"],
    "parties": ["--as-of", "2026-11-22", "parties"],
    "timeline": ["--as-of", "2026-11-22", "timeline"],
    "due": ["--as-of", "2026-01-01", "due", "--until", "2026-12-31"],
    "overdue": ["--as-of", "2027-06-01", "due"],
    "changes": ["--as-of", "2026-11-22", "changes", "--since", "2025-01-01"],
    "chain": ["--as-of", "2026-11-22", "chain", "csp"],
    "show": ["--as-of", "2025-10-15", "show", "csp-action-programme"],
}
SUFFIX = {"json": "json", "csv": "csv"}


@pytest.fixture(scope="module")
def data() -> mou_tracker.Dataset:
    return mou_tracker.load()


@pytest.mark.parametrize("fmt", ["plain", "simple", "github", "json", "csv"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_golden(case: str, fmt: str) -> None:
    """The whole output of each report, in each format, is exactly the golden file."""
    code, out, err = run(*CASES[case], "--format", fmt)
    assert (0, "") == (code, err)
    path = GOLDEN / f"{case}.{SUFFIX.get(fmt, fmt + '.txt')}"
    if UPDATE:
        path.write_text(out, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == out


@pytest.mark.parametrize("case", sorted(CASES))
def test_json_is_json_and_csv_is_csv(case: str) -> None:
    """JSON output parses; CSV output has one header and rows of the same width."""
    _, out, _ = run(*CASES[case], "--format", "json")
    json.loads(out)
    _, out, _ = run(*CASES[case], "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows
    assert all(len(row) == len(rows[0]) for row in rows)


@pytest.mark.parametrize("fmt", ["simple", "plain", "github", "grid", "rst"])
@pytest.mark.parametrize("case", sorted(set(CASES) - {"report"}))
def test_fits_80_columns(case: str, fmt: str) -> None:
    """Tables fit an 80-column terminal by default; only a web address under a card may not."""
    _, out, _ = run(*CASES[case], "--format", fmt)
    long = [line for line in out.splitlines() if len(line) > 80 and "https://" not in line]
    assert [] == long


@pytest.mark.parametrize("fmt", ["simple", "plain"])
def test_matrix_fits_80_columns(fmt: str) -> None:
    """The area × status matrix gives up names and abbreviates statuses to fit 80 columns."""
    _, out, _ = run("--as-of", "2026-11-22", "report", "--format", fmt)
    assert max(len(line) for line in out.splitlines()) <= 80
    assert "eff: in" in out


def test_wide_shows_titles_whole(data: mou_tracker.Dataset) -> None:
    """--wide leaves titles whole, each with its short name after it, however long the lines get."""
    _, out, _ = run("--as-of", "2026-11-22", "--wide")
    for agreement in data:
        assert name_of(agreement) in out
    assert "Memorandum of Understanding on the Innovation Talent Exchange Programme (ITX)" in out
    assert "…" not in out
    assert max(len(line) for line in out.splitlines()) > 80


class TestNames:
    def test_title_then_short_name(self, data: mou_tracker.Dataset) -> None:
        """An agreement's name is its title and, in parentheses, its short name; the title alone without one."""
        assert "Regional Comprehensive Economic Partnership (RCEP)" == name_of(data["rcep"])
        assert data["gedep"].title.value == name_of(data["gedep"])
        assert f"{data['itx'].titles['vi']} (ITX)" == name_of(data["itx"], "vi")

    def test_short_name_already_in_the_title(self, data: mou_tracker.Dataset) -> None:
        """A short name the title already holds is not repeated."""
        vsip = attrs.evolve(data["vsip-2"], short="VSIP 2.0")
        assert vsip.title.value == name_of(vsip)

    def test_short_name_kept_when_cut(self) -> None:
        """A 80-column table shows the ITX MoU's title cut, its short name whole after it."""
        _, out, _ = run("--as-of", "2025-10-15", "status")
        line = next(line for line in out.splitlines() if line.startswith("itx "))
        assert "MoU on the Innovation Ta… (ITX)" in line
        assert "ITX" != line.split("  ")[1].strip()

    @given(st.text("ab ", min_size=1, max_size=60), st.text("XYZ", min_size=1, max_size=6), st.integers(1, 80))
    def test_shorten_fits_and_keeps_the_ending(self, title: str, short: str, width: int) -> None:
        """Shortened text fits the width; the ending to keep stays whole while 8 characters fit before it."""
        text = f"a{title} ({short})"  # a leading space would be read as the drawing of a tree, which is kept
        cut = shorten(text, width, keep=f" ({short})")
        assert len(cut) <= max(width, 1)
        if len(text) <= width:
            assert text == cut
        elif width - len(short) - 4 >= 8:
            assert cut.endswith(f"… ({short})")

    def test_picture_and_page_show_the_name(self, data: mou_tracker.Dataset) -> None:
        """The HTML report's status table names ITX as the tables do."""
        from mou_tracker.exports.html import export_html

        page = export_html(data, day=dt.date(2026, 1, 1)).decode()
        assert "<td>Memorandum of Understanding on the Innovation Talent Exchange Programme (ITX)</td>" in page


class TestSources:
    def test_untitled_source_shows_its_notes(self, data: mou_tracker.Dataset) -> None:
        """A source with no title (the report of the 2023 signings) is described by its notes, not a bare date."""
        _, out, _ = run("--as-of", "2026-11-22", "show", "itx", "--wide")
        line = next(line for line in out.splitlines() if line.startswith("report-2023-08-28 "))
        notes = data.source("report-2023-08-28").notes
        assert notes is not None
        assert line.split("  ", 1)[1].strip().startswith(notes.split(";")[0])
        assert line.rstrip().endswith("; 2023-08-28/..")

    def test_a_source_with_nothing_says_so(self) -> None:
        """A source with no title, publisher, date or notes is said to have none, never an empty cell."""
        from mou_tracker.reports.agreement_card import _describe

        assert "no title, publisher, date or notes recorded" == _describe(Source("s", "en"))
        assert "A title; A publisher" == _describe(Source("s", "en", title="A title", publisher="A publisher",
                                                          notes="Not shown when there is a title."))  # fmt: skip


class TestTimelineOrder:
    def test_open_start_sorts_by_what_is_known(self, data: mou_tracker.Dataset) -> None:
        """An event known only to be by 28 August 2023 comes after 1973 and the signings of that day."""
        dates = [row[0] for row in timeline_report(data).rows]
        assert "1973" == dates[0]
        first_open = dates.index("../2023-08-28")
        assert dates.index("1973") < dates.index("2023-08-28") < first_open
        assert all(d >= "2023-08-28" or d.startswith("..") for d in dates[first_open:])

    @given(st.lists(st.sampled_from(["1973", "2005", "2005/2025-03-25", "../2025-03-25", "2025-03-12", "2025-03-25",
                                     "2025", "2025-03", "2025-03-25/..", "../2026", "2026/"]), max_size=8))  # fmt: skip
    def test_sorted_by_what_is_known(self, texts: list[str]) -> None:
        """Dates with a known start sort by it; one known only by its end sorts after every date over by then."""
        ordered = sorted((parse_date(t) for t in texts), key=lambda d: d.timeline_key)
        for i, earlier in enumerate(ordered):
            for later in ordered[i + 1 :]:
                if earlier.earliest is not None and later.earliest is not None:
                    assert earlier.earliest <= later.earliest, (earlier, later)
                if earlier.earliest is None:
                    assert earlier.latest is not None
                    assert later.latest is None or later.latest >= earlier.latest, (earlier, later)

    def test_note_says_so(self) -> None:
        """The timeline's note, under the table, says how events are ordered; JSON and CSV have no note."""
        _, out, _ = run("--as-of", "2026-11-22", "timeline", "--wide")
        assert out.rstrip("\n").endswith(f"{TIMELINE_NOTE} {ACTIONS_NOTE}")
        _, out, _ = run("--as-of", "2026-11-22", "timeline", "--format", "csv")
        assert "Oldest first" not in out


def test_options_after_the_command() -> None:
    """--format, --lang and --wide may come before or after the command."""
    assert run("--as-of", "2026-11-22", "--format", "json", "--lang", "vi", "areas") == run(
        "--as-of", "2026-11-22", "areas", "--format", "json", "--lang", "vi"
    )


def test_vietnamese_titles() -> None:
    """--lang vi shows Vietnamese titles and names where the data has them, English otherwise."""
    _, out, _ = run("--as-of", "2026-11-22", "--lang", "vi", "--wide", "list", "--party", "SG")
    assert "Quan hệ Đối tác chiến lược toàn diện Việt Nam – Singapore" in out
    assert "ASEAN Trade in Goods Agreement" in out
    _, out, _ = run("--lang", "vi", "--wide", "areas")
    assert "Nhân tài đổi mới sáng tạo" in out


class TestShow:
    def test_json_is_the_whole_record(self, data: mou_tracker.Dataset) -> None:
        """show --format json gives every field of the record, its history, its status and what cites it."""
        _, out, _ = run("--as-of", "2025-10-15", "show", "csp-action-programme", "--format", "json")
        record = json.loads(out)
        import attrs

        assert [f.name for f in attrs.fields(mou_tracker.Agreement)] == list(record)[: len(record) - 3]
        assert ["status", "referenced_by", "cited"] == list(record)[-3:]
        assert 2 == len(record["history"])
        assert ["in_effect", "signed", "concluded"] == [c["value"] for c in record["history"][1]["status"]]
        assert {"day": "2025-10-15", "status": "in_effect", "certain": False, "otherwise": ["negotiating"]} == (
            record["status"]
        )
        assert set(record["cited"]) == {"vov-2026-01-30", "sg-gov-2025-10-28", "baochinhphu-2025-10-28",
                                        "csp-2025-03-12-vi"}  # fmt: skip

    def test_referenced_by(self) -> None:
        """The instruments whose relations name it are listed, with the relation."""
        _, out, _ = run("--as-of", "2026-11-22", "show", "art6-mou", "--format", "json")
        assert [
            {"type": "continues", "source": "art6-loi"},
            {"type": "implements", "source": "art6-implementation"},
        ] == (json.loads(out)["referenced_by"])

    def test_card_sections(self) -> None:
        """The card has the facts, history, relations and sources, with every address whole."""
        _, out, _ = run("--as-of", "2026-11-22", "show", "art6-implementation")
        for heading in ("History", "Relations", "Sources"):
            assert f"\n{heading}\n\n" in out
        assert "implements  art6-mou" in out

    @pytest.mark.parametrize("command", ["show", "chain"])
    def test_unknown_id_suggests(self, command: str) -> None:
        """An unknown id is exit 2 with the closest ids suggested, and no traceback."""
        code, out, err = run(command, "art6-lol")
        assert (2, "") == (code, out)
        assert "mou-tracker: error: no agreement has the id or name 'art6-lol'; did you mean 'art6-loi'" in err
        assert "Traceback" not in err


class TestDue:
    def test_fail_on_overdue(self) -> None:
        """--fail-on-overdue exits 1 when a target date has passed unmet, and still prints the list."""
        code, out, _ = run("--as-of", "2027-06-01", "due", "--fail-on-overdue")
        assert 1 == code
        assert "party-dialogue-mou" in out
        assert "yes" in out

    def test_nothing_overdue(self) -> None:
        """--fail-on-overdue exits 0 when nothing is overdue."""
        code, _, _ = run("--as-of", "2026-01-01", "due", "--fail-on-overdue")
        assert 0 == code

    @pytest.mark.parametrize(
        ("day", "today", "words"),
        [
            (dt.date(2026, 11, 22), dt.date(2026, 11, 22), "today"),
            (dt.date(2026, 11, 23), dt.date(2026, 11, 22), "in 1 day"),
            (dt.date(2027, 2, 22), dt.date(2026, 11, 22), "in 3 months"),
            (dt.date(2024, 11, 1), dt.date(2026, 11, 22), "2 years ago"),
            (dt.date(2026, 11, 8), dt.date(2026, 11, 22), "2 weeks ago"),
        ],
    )
    def test_in_words(self, day: dt.date, today: dt.date, words: str) -> None:
        """Distances in words, both ways."""
        assert words == in_words(day, today)


class TestChanges:
    def test_window_defaults_to_a_year_before_the_day(self) -> None:
        """Without --since, changes covers the year up to the day."""
        _, out, _ = run("--as-of", "2026-06-30", "changes")
        assert out.startswith("Changes from 2025-06-30 to 2026-06-30\n")
        assert "vsip-30" in out
        assert "2025-03-12" not in out

    def test_partial_until_means_its_last_day(self) -> None:
        """--until 2025 runs to 31 December 2025."""
        _, out, _ = run("--as-of", "2026-11-22", "changes", "--since", "2025", "--until", "2025")
        assert out.startswith("Changes from 2025-01-01 to 2025-12-31\n")


class TestHelp:
    def test_every_command_has_help(self) -> None:
        """Every subcommand has a one-line help, a description and an exit-code epilog."""
        import argparse

        parser = cli.build_parser()
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        helps = {choice.dest: choice.help for choice in sub._choices_actions}
        assert {"status", "list", "search", "show", "participation", "bound", "actions", "report", "areas",
                "parties", "timeline", "due", "changes", "chain", "validate", "diff", "history", "export",
                "schema", "cache", "import", "add", "set", "fmt"} == set(sub.choices)  # fmt: skip
        for name, command in sub.choices.items():
            assert helps[name], name
            assert command.description, name
            assert "Exit codes" in (command.epilog or ""), name

    @pytest.mark.parametrize(
        "command",
        [
            "status",
            "list",
            "search",
            "show",
            "participation",
            "bound",
            "actions",
            "report",
            "areas",
            "parties",
            "timeline",
            "due",
            "changes",
            "chain",
            "validate",
            "diff",
            "history",
            "cache",
        ],
    )
    def test_help_exits_0(self, command: str, capsys: pytest.CaptureFixture[str]) -> None:
        """`COMMAND --help` prints usage and exits 0."""
        assert 0 == cli.main([command, "--help"])
        assert f"usage: mou-tracker {command}" in capsys.readouterr().out


class TestRender:
    def test_unknown_format(self, data: mou_tracker.Dataset) -> None:
        """An unknown format is a ValueError naming the choices."""
        with pytest.raises(ValueError, match="unknown format 'nope'; choose one of json, csv, "):
            render(status_report(data, dt.date(2026, 1, 1)), "nope")
        with pytest.raises(ValueError, match="unknown format 'nope'"):
            card(data, "itx", dt.date(2026, 1, 1), fmt="nope")

    def test_every_format_renders(self, data: mou_tracker.Dataset) -> None:
        """Every listed format gives output with every agreement's id."""
        report = status_report(data, dt.date(2026, 1, 1))
        for fmt in FORMATS:
            text = render(report, fmt, width=None)
            assert all(a.id in text for a in data), fmt

    def test_csv_is_safe_from_formulas(self) -> None:
        """A cell that a spreadsheet would run as a formula is written as text."""
        report = Report(None, ("a", "b"), (("=HYPERLINK(1)", "-"), ("+1", "@x")), None)
        assert "a,b\n'=HYPERLINK(1),-\n'+1,'@x" == render(report, "csv")

    @given(st.lists(st.sampled_from(["\r", "\n", "\r\n", ",", '"', " "]), max_size=8).map(["x"].__add__).map("".join))
    def test_csv_cells_read_back_whole(self, text: str) -> None:
        """Whatever line feeds, commas or quotes a cell holds, a CSV reader reads the rows back whole.

        A carriage return, which a terminal acts on, is written as its escape.
        """
        report = Report(None, ("a", "b"), ((text, "x"), ("y", text)), None)
        rendered = render(report, "csv")
        shown = text.replace("\r", "\\r")
        assert [["a", "b"], [shown, "x"], ["y", shown]] == list(csv.reader(io.StringIO(rendered, newline="")))

    def test_empty_report(self, data: mou_tracker.Dataset) -> None:
        """A report with no rows still has its headers, and JSON is an empty list."""
        report = status_report(data, dt.date(2026, 1, 1), matches=[])
        assert render(report, "plain").endswith("id    name    status    signed    kind    parties    areas")
        assert "[]" == render(report, "json")


# What a data file may not hold but a dataset built in code can: an erase of
# the line and a carriage return (to write "in effect" over "terminated"), a
# bell, a backspace, a tab, NEL and the 8-bit CSI, a right-to-left override
# and an isolate, a lone surrogate and non-characters.
EVIL = "\x1b[2K\r\x07\x08\t\x85\x9b[31m\u202e\u2066\ud800\ufffe\U0010ffff"

# Fields that hold ids or codes, by which records are looked up (--party SG).
_LOOKED_UP = frozenset(
    {
        "id",
        "sources",
        "parties",
        "areas",
        "person",
        "acting_for",
        "successor",
        "target",
        "parent",
        "language",
        "country",
        "party",
    }
)


def _poisoned(value: Any) -> Any:
    """``value`` with ``EVIL`` put into every text it holds but ids and codes."""
    if isinstance(value, str):
        return value[:3] + EVIL + value[3:]
    if isinstance(value, tuple):
        return tuple(_poisoned(item) for item in value)
    if isinstance(value, Mapping):
        return {key: _poisoned(item) for key, item in value.items()}
    if attrs.has(type(value)) and not isinstance(value, (mou_tracker.PartialDate, mou_tracker.DateInterval)):
        changes = {
            f.name: _poisoned(getattr(value, f.name)) for f in attrs.fields(type(value)) if f.name not in _LOOKED_UP
        }
        return attrs.evolve(value, **changes)
    return value


@pytest.fixture(scope="module")
def poisoned(data: mou_tracker.Dataset) -> mou_tracker.Dataset:
    """The bundled dataset, built in code without the loader's checks, with ``EVIL`` in every text and a key."""
    agreements = [_poisoned(a) for a in data.agreements]
    agreements[0] = attrs.evolve(agreements[0], titles={**agreements[0].titles, "x" + EVIL: "a title"})
    return mou_tracker.Dataset(
        agreements=tuple(agreements),
        signatories=_poisoned(data.signatories),
        people=_poisoned(data.people),
        areas=_poisoned(data.areas),
        sources=_poisoned(data.sources),
    )


class TestControlCharacters:
    """No renderer writes a character a terminal would act on, even from a dataset that was never checked."""

    @pytest.mark.parametrize("fmt", ["plain", "simple", "github", "grid", "csv", "json", "html", "latex"])
    @pytest.mark.parametrize("case", sorted(CASES))
    def test_every_command_in_every_format(
        self, poisoned: mou_tracker.Dataset, monkeypatch: pytest.MonkeyPatch, case: str, fmt: str
    ) -> None:
        """Each command prints every such character of the data escaped, and nothing else changes."""
        monkeypatch.setattr(mou_tracker.loading, "load", lambda *_, **__: poisoned)
        monkeypatch.setenv(CACHE_ENV, "")  # the data comes through load alone, never a store
        for wide in ([], ["--wide"]):
            code, out, err = run(*CASES[case], "--format", fmt, *wide)
            assert (0, "") == (code, err)
            assert [] == acted_on(out)

    def test_a_table_shows_each_escape(self, poisoned: mou_tracker.Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
        """The status table shows the escapes as text: \\x1b, \\r, \\u202e."""
        monkeypatch.setattr(mou_tracker.loading, "load", lambda *_, **__: poisoned)
        monkeypatch.setenv(CACHE_ENV, "")  # the data comes through load alone, never a store
        _, out, _ = run("--as-of", "2025-10-15", "--wide", "--format", "plain")
        assert "\\x1b[2K\\r\\x07\\x08\\t\\x85\\x9b[31m\\u202e\\u2066\\ud800\\ufffe\\U0010ffff" in out

    def test_json_keeps_the_text(self, poisoned: mou_tracker.Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
        """JSON escapes them as \\u sequences, which read back to the very text."""
        monkeypatch.setattr(mou_tracker.loading, "load", lambda *_, **__: poisoned)
        monkeypatch.setenv(CACHE_ENV, "")  # the data comes through load alone, never a store
        _, out, _ = run("--as-of", "2025-10-15", "show", "csp-action-programme", "--format", "json")
        assert [] == acted_on(out)
        assert poisoned["csp-action-programme"].title.claims[0].value == json.loads(out)["title"][0]["value"]

    @pytest.mark.parametrize("fmt", FORMATS)
    def test_every_format_of_render_and_card(self, poisoned: mou_tracker.Dataset, fmt: str) -> None:
        """render() and card() in every format, shortened or whole, write none of them (but TSV's own tabs)."""
        day = dt.date(2025, 10, 15)
        for width in (80, None):
            table = render(status_report(poisoned, day), fmt, width=width)
            texts = [
                table,
                card(poisoned, "csp-action-programme", day, fmt=fmt, width=width),
                card(poisoned, poisoned.agreements[0].id, day, fmt=fmt, width=width),
            ]
            if fmt == "tsv":
                assert {6} == {line.count("\t") for line in table.splitlines()}  # seven columns, no tab of the data
                texts = [text.replace("\t", "") for text in texts]
            assert [[], [], []] == [acted_on(text) for text in texts]

    def test_a_report_built_in_code(self) -> None:
        """A report's title, headers and cells are escaped alike; a line feed in a cell stays a line break."""
        report = Report("T\x1b]0;x\x07", ("a\u202e", "b"), (("\x1b[31mred", "two\nlines"),), None)
        expected = "T\\x1b]0;x\\x07\n\na\\u202e      b\n\\x1b[31mred  two\n             lines"
        assert expected == render(report, "plain")


# Pieces of cells: one-column characters, and some that are not (wide, combining, zero-width, tab, emoji).
_CELLS = st.lists(
    st.sampled_from([*"abc xyz-–…ệ│├└─", "Việt", "漢", "e\u0301", "\t", "\n", "😀", "\u200b"]), max_size=20
).map("".join)


class TestFit:
    @given(
        headers=st.lists(st.text("abcdefgh", min_size=1, max_size=10), min_size=1, max_size=5, unique=True),
        data=st.data(),
        fmt=st.sampled_from(["simple", "plain", "github", "grid", "rst", "pipe"]),
        width=st.integers(20, 120),
    )
    def test_probe_measures_as_whole_tables_do(
        self, headers: list[str], data: st.DataObject, fmt: str, width: int
    ) -> None:
        """Fitting a table measured by a one-row probe gives exactly what measuring whole tables gives."""
        from mou_tracker.reports.rendering import _fit

        rows = data.draw(st.lists(st.tuples(*[_CELLS] * len(headers)), max_size=6))
        optional = data.draw(st.lists(st.sampled_from(headers), unique=True, max_size=len(headers) - 1))
        report = Report("t", tuple(headers), tuple(rows), None, flexible=headers[0], optional=tuple(optional))
        assert _fit(report, fmt, width, probe=False) == _fit(report, fmt, width)

    @pytest.mark.parametrize("wrap", [False, True])
    def test_several_flexible_columns_give_way_in_turn(self, wrap: bool) -> None:
        """With two flexible columns, the first keeps 24 characters while the second gives way, then both do."""
        long = "United Kingdom of Great Britain and Northern Ireland"
        rows = ((long, "25 Jul 1997 a", "With a declaration upon accession, of which the text is on the page."),)
        columns = ("participant", "consent", "footnotes")
        report = Report("t", columns, rows, None, ("participant", "footnotes"), wrap=wrap)
        for width in (80, 60):
            lines = render(report, "simple", width=width).splitlines()
            assert [] == [line for line in lines if len(line) > width], width
        lines = render(report, "simple", width=80).splitlines()
        kept = len(lines[3].split()[0])  # the rule under the header: the participant's column
        assert (kept <= 24) if wrap else (kept == 24)  # wrapping breaks at a space at or before the 24th
        assert lines[4].startswith("United Kingdom of Great")
