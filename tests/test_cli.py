"""The command line, run in-process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mou_tracker import cli
from mou_tracker.cli._parser import _LISTED, _MAIN_OPTIONS, _TAKES_VALUE, _command_in
from tests.running import run


class TestStatusTable:
    def test_default_is_the_status_table(self) -> None:
        """With no command the CLI prints the status table of the bundled data."""
        code, out, err = run("--as-of", "2025-10-15")
        assert (0, "") == (code, err)
        assert out.startswith("Status on 2025-10-15\n\nid ")
        assert "csp-action-programme" in out
        row = next(line for line in out.splitlines() if line.startswith("csp-action-programme"))
        assert "in effect?" in row

    def test_status_command_equals_default(self) -> None:
        """`status` prints the same as no command."""
        assert run("--as-of", "2026-01-01") == run("--as-of", "2026-01-01", "status")

    def test_fits_80_columns(self) -> None:
        """Every line of the default table fits an 80-column terminal."""
        _, out, _ = run("--as-of", "2026-11-22")
        assert max(len(line) for line in out.splitlines()) <= 80

    def test_table_format(self) -> None:
        """`status --format github` gives a GitHub table."""
        code, out, _ = run("--as-of", "2026-01-01", "status", "--format", "github")
        assert 0 == code
        assert "| id " in out

    def test_unknown_format(self) -> None:
        """An unknown table format is a usage error naming the choices."""
        code, out, err = run("status", "--format", "nope")
        assert (2, "") == (code, out)
        assert "unknown format 'nope'" in err

    def test_data_from_environment(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """$MOU_TRACKER_DATA chooses the data file."""
        missing = tmp_path / "missing.yaml"
        monkeypatch.setenv("MOU_TRACKER_DATA", str(missing))
        code, _, err = run()
        assert 2 == code
        assert str(missing) in err


class TestDates:
    @pytest.mark.parametrize("value", ["2025-10", "yesterday", "2025-02-30"])
    def test_bad_as_of(self, value: str) -> None:
        """--as-of needs a real full date."""
        code, out, err = run("--as-of", value)
        assert (2, "") == (code, out)
        assert err.startswith("mou-tracker: error: invalid date")

    def test_unknown_time_zone(self) -> None:
        """An unknown --tz is a clear error."""
        code, _, err = run("--tz", "Mars/Olympus")
        assert 2 == code
        assert "unknown time zone 'Mars/Olympus'" in err

    def test_time_zone_decides_today(self) -> None:
        """--tz is accepted and the table is for today in that zone."""
        code, out, _ = run("--tz", "Asia/Ho_Chi_Minh")
        assert 0 == code
        assert out.startswith("Status on ")


class TestValidate:
    def test_bundled_data_is_valid(self) -> None:
        """`validate` passes on the bundled dataset."""
        code, out, err = run("validate")
        assert (0, "") == (code, err)
        assert "agreements.yaml: ok (" in out

    def test_one_of_a_kind_is_counted_in_the_singular(self, tmp_path: Path) -> None:
        """The summary of a file that passes reads as English: 1 agreement, 1 person, 0 areas."""
        path = tmp_path / "one.yaml"
        path.write_text(
            "schema_version: 1\n"
            "sources: [{id: s, language: en, title: A source}]\n"
            "signatories: [{id: vn, name: Viet Nam, kind: state, country: VN}]\n"
            "people: [{id: p, name: A Person}]\n"
            "agreements: [{id: a, title: An agreement, kind: mou, sources: [s], parties: [vn]}]\n",
            encoding="utf-8",
        )
        assert (
            0,
            f"{path}: ok (1 agreement, 1 signatory, 1 person, 0 areas, 1 source)\n",
            "",
        ) == run("validate", str(path))


class TestHelp:
    @pytest.mark.parametrize("command", [[], ["status"], ["list"], ["search"], ["validate"]])
    def test_every_command_has_help(self, command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
        """Every command answers --help with a description, and exits 0."""
        assert 0 == cli.main([*command, "--help"])
        out = capsys.readouterr().out
        assert out.startswith("usage: mou-tracker")
        assert len(out.splitlines()) > 4

    def test_every_subcommand_has_help_text(self) -> None:
        """The parser gives every subcommand a one-line help."""
        parser = cli.build_parser()
        actions = [a for a in parser._actions if a.dest == "command"]
        for choice in actions[0]._choices_actions:  # type: ignore[attr-defined]
            assert choice.help

    def test_version(self, capsys: pytest.CaptureFixture[str]) -> None:
        """--version prints the package version."""
        import mou_tracker

        assert 0 == cli.main(["--version"])
        assert f"mou-tracker {mou_tracker.__version__}\n" == capsys.readouterr().out

    @pytest.mark.parametrize(
        "argv",
        [["--version"], ["--data", "x.yaml", "--version"], ["--format", "json", "--wide", "--version", "list"]],
    )
    def test_version_before_any_command(self, argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
        """--version before the command prints the version, whatever other options come with it."""
        import mou_tracker

        assert 0 == cli.main(argv)
        assert f"mou-tracker {mou_tracker.__version__}\n" == capsys.readouterr().out

    @pytest.mark.parametrize("argv", [["list", "--version"], ["--data", "--version", "list", "--versio"]])
    def test_version_after_a_command_or_as_a_value_is_not_the_option(
        self, argv: list[str], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """--version after the command, or as the value of another option, is not the main --version."""
        assert 2 == cli.main(argv)
        assert "mou-tracker 0" not in capsys.readouterr().out

    @pytest.mark.parametrize(
        "argv",
        [
            [],
            ["--as-of", "2026-01-01"],
            ["--format", "json", "list", "--party", "SG", "--status", "in_effect", "--wide"],
            ["--data", "list", "status"],
            ["--tz", "Asia/Singapore", "show", "itx", "--lang", "vi"],
            ["due", "--until", "2027", "--fail-on-overdue"],
            ["changes", "--since", "2025"],
            ["chain", "art6-loi"],
            ["search", "to lam"],
            ["validate", "a.yaml", "b"],
            ["--format=csv", "report"],
            ["list", "--as-of", "2025-01-01", "--party", "SG", "--data", "x.yaml", "--no-cache"],
            ["--as", "2025-01-01", "list", "--party", "SG"],
            ["--d", "list", "status", "--wide"],
            ["--as-of=2025-01-01", "list", "--party", "SG"],
            ["due", "--as-of", "2026-01-01", "--tz", "Asia/Singapore"],
            ["export", "--format", "csv", "--data", "x.yaml", "--lang", "vi"],
        ],
    )
    def test_a_parser_built_for_one_command_parses_as_the_whole_one(self, argv: list[str]) -> None:
        """Building only the named command's options changes nothing about what a command line means."""
        assert cli.build_parser().parse_args(argv) == cli.build_parser(_command_in(argv)).parse_args(argv)

    def test_help_lists_every_command_and_describes_none(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Top-level --help lists each command with its summary, as the full parser does."""
        assert 0 == cli.main(["--help"])
        shown = capsys.readouterr().out
        with pytest.raises(SystemExit):
            cli.build_parser().parse_args(["--help"])
        assert capsys.readouterr().out == shown

    @pytest.mark.parametrize("columns", ["40", "100", "", "nonsense"])
    @pytest.mark.parametrize("argv", [["--help"], ["list", "--help"], ["due", "--help"]])
    def test_help_is_as_wide_as_argparse_would_make_it(
        self, argv: list[str], columns: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Help laid out without shutil is the same text argparse's own formatter gives, at any $COLUMNS."""
        import argparse

        monkeypatch.setenv("COLUMNS", columns)
        assert 0 == cli.main(argv)
        ours = capsys.readouterr().out
        parser = cli.build_parser()
        for each in (parser, *parser._subparsers._group_actions[0].choices.values()):  # type: ignore[union-attr]
            each.formatter_class = argparse.HelpFormatter
        with pytest.raises(SystemExit):
            parser.parse_args(argv)
        assert capsys.readouterr().out == ours

    def test_options_taking_a_value_are_known_before_parsing(self) -> None:
        """The list the command line is scanned with before parsing names every main option that takes a value."""
        parser = cli.build_parser("")
        taking = {o for a in parser._actions for o in a.option_strings if a.nargs != 0 and o.startswith("--")}
        assert taking == _TAKES_VALUE

    def test_the_main_options_are_known_before_parsing(self) -> None:
        """The scan knows every long option of the main parser, so that it reads abbreviations as argparse does."""
        parser = cli.build_parser("")
        assert {o for a in parser._actions for o in a.option_strings if o.startswith("--")} == _MAIN_OPTIONS

    def test_every_command_defined_is_listed(self) -> None:
        """Each command a module of the command line defines is listed in --help, as of the kind of that module."""
        from mou_tracker.cli import _data, _diff, _edit, _export, _multilateral, _query

        modules = (_data, _diff, _edit, _export, _multilateral, _query)
        defined = {(name, module.__name__.rsplit("._", 1)[1]) for module in modules for name in module.COMMANDS}
        assert defined == {(name, kind) for name, kind, _ in _LISTED}

    def test_usage_error_exits_2(self, capsys: pytest.CaptureFixture[str]) -> None:
        """An unknown option is a usage error: exit 2, message on stderr."""
        assert 2 == cli.main(["--nope"])
        assert "unrecognized arguments" in capsys.readouterr().err


class TestEntryPoints:
    def test_python_dash_m(self) -> None:
        """`python -m mou_tracker` runs the same command."""
        done = subprocess.run(
            [sys.executable, "-m", "mou_tracker", "--as-of", "2026-01-01"],
            capture_output=True,
            text=True,
            check=False,
        )
        assert (0, "") == (done.returncode, done.stderr)
        assert done.stdout == run("--as-of", "2026-01-01")[1]

    def test_version_does_not_import_the_model(self) -> None:
        """--version starts without importing attrs, cattrs, yaml, pendulum or tabulate."""
        code = (
            "import sys\n"
            "from mou_tracker import cli\n"
            "try:\n"
            "    cli.main(['--version'])\n"
            "    assert 'argparse' not in sys.modules, 'argparse imported'\n"
            "finally:\n"
            "    heavy = {'attrs', 'cattrs', 'yaml', 'pendulum', 'tabulate'} & set(sys.modules)\n"
            "    print(sorted(heavy), file=sys.stderr)\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
        assert "[]\n" == done.stderr

    def test_help_imports_no_command_and_not_the_model(self) -> None:
        """--help lists every command without importing the modules that run them, nor attrs, yaml, pendulum…"""
        code = (
            "import sys\n"
            "from mou_tracker import cli\n"
            "try:\n"
            "    cli.main(['--help'])\n"
            "finally:\n"
            "    heavy = {'attrs', 'cattrs', 'yaml', 'pendulum', 'tabulate'} & set(sys.modules)\n"
            "    ours = {m for m in sys.modules if m.startswith('mou_tracker.')}\n"
            "    print(sorted(heavy), sorted(ours), file=sys.stderr)\n"
        )
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
        ours = [
            "mou_tracker._version",
            "mou_tracker.cli",
            *(f"mou_tracker.cli.{m}" for m in ("_entry", "_parser", "_shared")),
        ]
        assert f"[] {ours}\n" == done.stderr
        assert "import" in done.stdout


class TestList:
    def test_in_effect_with_singapore(self) -> None:
        """`list --party SG --status in_effect` marks possible rows with '?'."""
        code, out, err = run("--as-of", "2025-01-01", "list", "--party", "SG", "--status", "in_effect")
        assert (0, "") == (code, err)
        rows = {line.split()[0]: line for line in out.splitlines()[4:]}
        assert [
            "diplomatic-relations", "strategic-partnership", "gedep", "cfa", "annual-leaders-meeting",
            "atiga", "cptpp", "rcep", "unclos", "doc", "paris-agreement",
        ] == list(rows)  # fmt: skip
        assert "in effect?" in rows["cfa"]
        assert "in effect?" not in rows["gedep"]

    def test_certain_only(self) -> None:
        """--certain keeps only certain rows."""
        _, out, _ = run("--as-of", "2025-01-01", "list", "--status", "in_effect", "--certain")
        assert [
            "diplomatic-relations", "strategic-partnership", "gedep", "annual-leaders-meeting",
            "atiga", "cptpp", "rcep", "unclos", "doc", "paris-agreement",
        ] == [line.split()[0] for line in out.splitlines()[4:]]  # fmt: skip

    def test_json_contract(self) -> None:
        """`list --format json` gives the documented fields."""
        import json

        _, out, _ = run(
            "--as-of",
            "2026-01-01",
            "list",
            "--signed-from",
            "2023-08-28",
            "--signed-to",
            "2023-08-28",
            "--format",
            "json",
        )
        records = json.loads(out)
        assert 7 == len(records)
        expected_keys = {"id", "title", "short", "kind", "binding", "status", "certain", "parties", "countries",
                         "areas", "signed", "term", "relations", "sources"}  # fmt: skip
        assert all(expected_keys <= set(r) for r in records)
        itx = next(r for r in records if r["id"] == "itx")
        assert ("ITX", "signed", True, "2023-08-28", ["SG", "VN"]) == (
            itx["short"],
            itx["status"],
            itx["certain"],
            itx["signed"],
            itx["countries"],
        )

    @pytest.mark.parametrize("text", ["tô lâm", "to lam"])
    def test_search(self, text: str) -> None:
        """`search` ignores case and diacritics."""
        _, out, _ = run("search", text)
        assert ["electricity-2025", "digital-mou", "crime-2025", "finance-2025"] == [
            line.split()[0] for line in out.splitlines()[4:]
        ]

    @pytest.mark.parametrize(
        ("argv", "message"),
        [
            (["list", "--status", "nope"], "unknown status 'nope'; choose one of proposed, negotiating,"),
            (["list", "--area", "inovation"], "did you mean 'innovation'"),
            (["list", "--format", "nope"], "unknown format 'nope'"),
        ],
    )
    def test_bad_filters(self, argv: list[str], message: str) -> None:
        """A bad filter value is exit 2 with a message, never a traceback."""
        code, out, err = run(*argv)
        assert (2, "") == (code, out)
        assert message in err


# Each command, with what it needs, and whether it takes the table options (--format, --wide) after it.
COMMANDS = [
    (["status"], True),
    (["list", "--party", "SG"], True),
    (["search", "lee"], True),
    (["show", "itx"], True),
    (["report"], True),
    (["areas"], True),
    (["parties"], True),
    (["timeline"], True),
    (["due", "--until", "2027"], True),
    (["changes", "--since", "2024"], True),
    (["chain", "art6-mou"], True),
    (["validate"], True),
    (["export", "--format", "csv"], False),
]
SHARED = [
    ["--data", "data/agreements.yaml"],
    ["--as-of", "2025-01-01"],
    ["--tz", "Asia/Singapore"],
    ["--no-cache"],
    ["--lang", "vi"],
    ["--format", "json"],
    ["--wide"],
]


class TestOptionsAfterTheCommand:
    @pytest.mark.parametrize(("command", "table"), COMMANDS, ids=[c[0][0] for c in COMMANDS])
    @pytest.mark.parametrize("option", SHARED, ids=[o[0] for o in SHARED])
    def test_before_or_after_the_command_is_the_same(self, command: list[str], table: bool, option: list[str]) -> None:
        """Every shared option means the same after the command as before it."""
        if not table and option[0] in ("--format", "--wide"):
            return  # export's --format is the file format, and it has no --wide: see the test below
        parser = cli.build_parser()
        assert parser.parse_args([*option, *command]) == parser.parse_args([*command, *option])

    def test_export_has_a_format_of_its_own(self) -> None:
        """After export, --format is the file format; the table format stays as given before the command."""
        args = cli.build_parser().parse_args(["--format", "json", "export", "--format", "CSV"])
        assert ("json", "csv") == (args.format, args.export_format)

    def test_after_wins(self) -> None:
        """An option given both before and after the command takes the value given after."""
        args = cli.build_parser().parse_args(["--as-of", "2025-01-01", "--lang", "vi", "list", "--as-of", "2026-01-01"])
        assert ("2026-01-01", "vi") == (args.as_of, args.lang)

    def test_defaults_stand_when_given_nowhere(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """With no shared option given, a command gets the main parser's defaults, $MOU_TRACKER_DATA among them."""
        monkeypatch.setenv("MOU_TRACKER_DATA", "from-the-environment.yaml")
        args = cli.build_parser().parse_args(["list"])
        assert ("from-the-environment.yaml", None, None, True, "simple", "en", False) == (
            args.data, args.as_of, args.tz, args.cache, args.format, args.lang, args.wide
        )  # fmt: skip
        assert "elsewhere.yaml" == cli.build_parser().parse_args(["list", "--data", "elsewhere.yaml"]).data

    @pytest.mark.parametrize(
        ("typed", "canonical"),
        [
            (["list", "--as-of", "2025-01-01", "--party", "SG"], ["--as-of", "2025-01-01", "list", "--party", "SG"]),
            (
                ["due", "--as-of", "2026-01-01", "--tz", "Asia/Singapore"],
                ["--as-of", "2026-01-01", "--tz", "Asia/Singapore", "due"],
            ),
            (
                ["report", "--data", "data/agreements.yaml", "--as-of", "2026-01-01", "--no-cache"],
                ["--data", "data/agreements.yaml", "--as-of", "2026-01-01", "--no-cache", "report"],
            ),
        ],
    )
    def test_runs_as_typed(self, typed: list[str], canonical: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
        """The command lines people type, options after the command, run as if the options came first."""
        monkeypatch.chdir(Path(__file__).resolve().parent.parent)
        code, out, err = run(*typed)
        assert (0, "") == (code, err)
        assert run(*canonical) == (code, out, err)

    @pytest.mark.parametrize("option", [["--data", "x.yaml"], ["--format", "json"], ["--as-of", "2025-01-01"]])
    def test_schema_takes_none(self, option: list[str], capsys: pytest.CaptureFixture[str]) -> None:
        """schema reads no data: a shared option after it is a usage error, not ignored."""
        assert 2 == cli.main(["schema", *option])
        assert "unrecognized arguments" in capsys.readouterr().err

    def test_export_takes_no_wide(self, capsys: pytest.CaptureFixture[str]) -> None:
        """export draws no table, so --wide after it is a usage error."""
        assert 2 == cli.main(["export", "--format", "csv", "--wide"])
        assert "unrecognized arguments: --wide" in capsys.readouterr().err

    def test_help_shows_them_apart(self, capsys: pytest.CaptureFixture[str]) -> None:
        """A command's help lists its own options first, then the shared ones under a heading of their own."""
        assert 0 == cli.main(["list", "--help"])
        shown = capsys.readouterr().out
        own, shared = shown.split("\n\noptions:\n")[1].split("options also accepted before the command:\n")
        assert "--party" in own and "--as-of" not in own
        assert "--as-of" in shared and "--party" not in shared


class TestChoicesIgnoreCase:
    @pytest.mark.parametrize(
        ("typed", "meant"),
        [
            (["--format", "JSON", "list"], ["--format", "json", "list"]),
            (["list", "--format", "Csv"], ["list", "--format", "csv"]),
            (["--lang", "VI", "areas"], ["--lang", "vi", "areas"]),
            (["list", "--binding", "YES"], ["list", "--binding", "yes"]),
            (["export", "--format", "CSV", "--lang", "Vi"], ["export", "--format", "csv", "--lang", "vi"]),
        ],
    )
    def test_any_case(self, typed: list[str], meant: list[str]) -> None:
        """A choice typed in any case is the choice (--format JSON is --format json), as --kind MoU is."""
        parser = cli.build_parser()
        assert parser.parse_args(meant) == parser.parse_args(typed)

    def test_runs(self) -> None:
        """`--format JSON` gives the JSON."""
        assert run("--as-of", "2026-01-01", "--format", "json", "report") == run(
            "--as-of", "2026-01-01", "--format", "JSON", "report"
        )


class TestSearchWords:
    @pytest.mark.parametrize("words", [["tô", "lâm"], ["to", "lam"], ["TO", " lam "]])
    def test_unquoted_words_are_the_quoted_text(self, words: list[str]) -> None:
        """`search tô lâm` is `search "tô lâm"`: every word must match."""
        assert run("--as-of", "2026-11-22", "search", " ".join(words)) == run("--as-of", "2026-11-22", "search", *words)

    def test_every_word_must_match(self) -> None:
        """A word that matches nothing leaves nothing, quoted or not."""
        _, out, _ = run("--format", "json", "search", "to", "lam", "zzzz")
        assert "[]\n" == out


class TestNames:
    @pytest.mark.parametrize("name", ["ITX", "Itx", "innovation talent", "Innovation Talent Exchange Programme"])
    def test_show_by_any_name(self, name: str) -> None:
        """`show` opens an agreement by its id, short name, alias, title or words, in any case."""
        code, out, err = run("--as-of", "2026-11-22", "show", name)
        assert (0, "") == (code, err)
        assert run("--as-of", "2026-11-22", "show", "itx") == (code, out, err)

    def test_chain_and_related_by_name(self) -> None:
        """`chain` and `list --related` take a name as `show` does."""
        assert run("--as-of", "2026-11-22", "chain", "art6-mou") == run(
            "--as-of", "2026-11-22", "chain", "MoU under Article 6 of the Paris Agreement"
        )
        assert run("--as-of", "2026-11-22", "list", "--related", "art6-mou") == run(
            "--as-of", "2026-11-22", "list", "--related", "mou under article 6"
        )

    def test_a_miss_with_nothing_close(self) -> None:
        """With no id close, the message still points to search."""
        assert (2, "", "mou-tracker: error: no agreement has the id or name 'zzzz'. To look for it by its words: "
                "mou-tracker search WORDS\n") == run("show", "zzzz")  # fmt: skip

    def test_an_ambiguous_name_lists_the_candidates(self) -> None:
        """A name that fits several agreements is an error naming them all, and none is shown."""
        code, out, err = run("show", "to lam")
        assert (2, "") == (code, out)
        assert (
            "mou-tracker: error: 'to lam' could be any of 4 agreements: 'electricity-2025', 'digital-mou', "
            "'crime-2025', 'finance-2025'; give the id of one\n"
        ) == err

    def test_a_miss_suggests_and_points_to_search(self) -> None:
        """A name that fits nothing names the closest ids and the search command."""
        code, out, err = run("show", "innovation talnet")
        assert (2, "") == (code, out)
        assert (
            "mou-tracker: error: no agreement has the id or name 'innovation talnet'; did you mean 'itx'? "
            "To look for it by its words: mou-tracker search WORDS\n"
        ) == err

    @pytest.mark.parametrize("party", ["Singapore", "singapore", "Republic of Singapore", "Sg"])
    def test_party_by_name(self, party: str) -> None:
        """--party takes a signatory's name or alias, in any case, as well as its id or country code."""
        code, out, err = run("--as-of", "2025-01-01", "list", "--party", party)
        assert (0, "") == (code, err)
        assert run("--as-of", "2025-01-01", "list", "--party", "sg") == (code, out, err)

    @pytest.mark.parametrize("party", ["Việt Nam", "viet nam", "VIETNAM", "Cộng hòa xã hội chủ nghĩa Việt Nam"])
    def test_party_in_any_language_without_diacritics(self, party: str) -> None:
        """--party takes a name in any language the data has, with or without its diacritics."""
        assert run("--as-of", "2025-01-01", "list", "--party", "vn") == run(
            "--as-of", "2025-01-01", "list", "--party", party
        )

    def test_an_ambiguous_party(self) -> None:
        """A party name that fits several signatories is an error naming them."""
        code, out, err = run("list", "--party", "environment")
        assert (2, "") == (code, out)
        assert "'environment' could be any of 2 signatories: 'vn-monre', 'vn-mae'" in err
