"""The argument parser: the shared options, the list of commands, and reading a command line before parsing it.

Every option shared by the commands (``--data``, ``--as-of``, ``--format``…)
may come before the command or after it. Each command is defined, and run,
by the module of its kind; this module lists them all with the line --help
gives each, so that the parser is built, for the command named, from that
one module (the others listed, with no options of their own). That, and
argparse not being asked to translate its words, keeps ``--help`` fast: it
imports argparse and none of the command modules, nor any of the library's
heavy modules (a command's options that need one, such as the formats of
``export --format``, import it only when that command is named).
"""

from __future__ import annotations

import os
import sys

from ._shared import _EPILOG, DATA_ENV, Command, _lower

# Not typing.TYPE_CHECKING: see _shared.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence
    from typing import NoReturn


def _version() -> str:
    from .._version import __version__

    return __version__


def _Formatter(prog: str) -> argparse.HelpFormatter:  # noqa: N802 - argparse calls it as a class
    """argparse's formatter at the width shutil would choose, without importing shutil (a tenth of --help)."""
    import argparse

    return argparse.HelpFormatter(prog, width=_columns() - 2)


def _columns() -> int:
    """The terminal's width as shutil.get_terminal_size gives it: $COLUMNS, else the terminal's, else 80."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


def _shared_options(parser: argparse.ArgumentParser, *, after: bool, output: bool = True) -> None:
    """The options every command shares, defined once, for before the command and after it.

    Before the command (``after`` false) they are the main parser's, with
    their defaults. After it they are the command's own, with no default
    (``argparse.SUPPRESS``), so that a command's parser leaves alone what was
    given before the command, and what is given after it wins. Without
    ``output``, the table options (``--format``, ``--wide``) are left out:
    ``export`` has a ``--format`` of its own.
    """
    import argparse

    def default(value: object) -> object:
        return argparse.SUPPRESS if after else value

    group: argparse._ActionsContainer = parser
    if after:
        group = parser.add_argument_group("options also accepted before the command")
    group.add_argument(
        "--data",
        metavar="PATH",
        default=default(os.environ.get(DATA_ENV) or None),
        help=(
            f"the data file, or directory of files, to read (default: ${DATA_ENV}, "
            "else the bundled Viet Nam–Singapore dataset)"
        ),
    )
    group.add_argument(
        "--recorded-on",
        metavar="REV|DATE",
        default=default(None),
        help="read the data as git recorded it: at the revision REV (v1.0, HEAD~3, a commit's hash), or at the "
        "last commit on or before the end of the day DATE (YYYY-MM-DD, in UTC), through git, without a checkout",
    )
    group.add_argument(
        "--as-of",
        metavar="DATE",
        default=default(None),
        help="the day to report on, as YYYY-MM-DD (default: today in --tz)",
    )
    group.add_argument(
        "--tz",
        metavar="ZONE",
        default=default(None),
        help="the time zone that decides what 'today' is, such as Asia/Ho_Chi_Minh (default: the machine's)",
    )
    group.add_argument(
        "--no-cache",
        dest="cache",
        action="store_false",
        default=default(True),
        help="read every data file afresh, neither using nor filling the cache of files already read "
        "(also: set $MOU_TRACKER_CACHE_DIR to nothing)",
    )
    if output:
        group.add_argument(
            "--format",
            default=default("simple"),
            type=_lower,
            metavar="FORMAT",
            help="json, csv or a tabulate table format such as simple, plain, github, grid or tsv (default: simple)",
        )
    group.add_argument(
        "--lang",
        default=default("en"),
        type=_lower,
        choices=("en", "vi"),
        help="the language of titles and names, where the data has it (default: en)",
    )
    if output:
        group.add_argument(
            "--wide",
            action="store_true",
            default=default(False),
            help="show titles whole instead of fitting 80 columns",
        )


def _parser_class() -> type[argparse.ArgumentParser]:
    """argparse's parser, whose usage errors show escaped what they repeat of the command line.

    "unrecognized arguments: …" quotes the words as typed; one holding a
    control (pasted, or passed on by a script) would act on the terminal.
    The commands' parsers are of the same class (``add_subparsers`` makes
    them so).
    """
    import argparse  # here, not at the top: --version needs none of it

    class Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            from .._characters import visible

            super().error(visible(message, lines=False))

    return Parser


# Every command, in the order --help lists them: its name, the kind of command it is (the module that
# defines and runs it, imported only when the command is named) and the line --help gives it.
_LISTED = (
    ("status", "query", "the status of every agreement on the day (the default)"),
    ("list", "query", "list the agreements that match filters"),
    ("search", "query", "find agreements by words, ignoring case and diacritics"),
    ("show", "query", "everything about one agreement"),
    ("participation", "multilateral", "each party's signature, consent and entry into force for one instrument"),
    ("bound", "multilateral", "the instruments in force for all the parties given on the day, then for each alone"),
    (
        "actions",
        "multilateral",
        "the parties' own actions on multilateral instruments: signatures, ratifications, accessions…",
    ),
    ("report", "query", "how many agreements of each area stood in each status"),
    ("areas", "query", "the areas of cooperation"),
    ("parties", "query", "a summary for each signatory"),
    ("timeline", "query", "every recorded event, oldest first"),
    ("due", "query", "what falls due, and what is overdue"),
    ("changes", "query", "what changed between two dates"),
    ("chain", "query", "what an agreement amends, continues, implements or supersedes, and what does so to it"),
    ("validate", "data", "check data files and print every problem with its line and column"),
    ("diff", "diff", "what changed between two versions of the data, each a file, a directory or a git revision"),
    ("history", "diff", "how one agreement's record changed, commit by commit, in the git repository of the data"),
    ("export", "export", "write the data in another format: JSON, CSV, iCalendar, SQLite, HTML, or a timeline picture"),
    ("schema", "data", "the JSON Schema of the data format, for editors and other validators"),
    ("cache", "data", "where the cache of files already read is and how large, or clear it"),
    ("import", "data", "make curated data files from the UN Treaty Collection's status tables"),
    ("add", "edit", "add an agreement, source, event or party's action to the data file, keeping the rest as it is"),
    ("set", "edit", "set one field of a record in the data file, keeping the rest as it is"),
    ("fmt", "edit", "put data files in the canonical layout, comments kept; --check for pre-commit"),
)
_KINDS = {name: kind for name, kind, _ in _LISTED}


def command(name: str) -> Command:
    """The command ``name``, from the module of its kind; --help and --version import none of them."""
    kind = _KINDS[name]
    if kind == "query":
        from . import _query

        return _query.COMMANDS[name]
    if kind == "multilateral":
        from . import _multilateral

        return _multilateral.COMMANDS[name]
    if kind == "export":
        from . import _export

        return _export.COMMANDS[name]
    if kind == "diff":
        from . import _diff

        return _diff.COMMANDS[name]
    if kind == "edit":
        from . import _edit

        return _edit.COMMANDS[name]
    from . import _data

    return _data.COMMANDS[name]


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The argument parser, separate so that docs and tests can read it.

    With ``only``, the other commands are listed (for ``--help``) but get no
    options of their own: enough to parse a command line that names ``only``
    or no command, at a fraction of the cost of building them all.
    """
    parser = _parser_class()(
        prog="mou-tracker",
        description=(
            "Track international agreements and memoranda of understanding. "
            "With no command, print the status table of the data on the day. "
            "Every option below but --version may also follow the command."
        ),
        epilog=_EPILOG,
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    _shared_options(parser, after=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, _, summary in _LISTED:
        if only is not None and name != only:
            commands.add_parser(name, help=summary, formatter_class=_Formatter)
            continue
        defined = command(name)
        made = commands.add_parser(
            name, help=summary, description=defined.description, epilog=defined.epilog, formatter_class=_Formatter
        )
        if defined.options is not None:
            defined.options(made)
        # The shared options last, after the command's own, in its usage and help.
        if defined.reads_data:
            _shared_options(made, after=True, output=defined.tables)
    return parser


# The main parser's long options, and those that take a value (a test checks both against build_parser).
_MAIN_OPTIONS = frozenset(
    {"--help", "--version", "--data", "--recorded-on", "--as-of", "--tz", "--no-cache", "--format", "--lang", "--wide"}
)
_TAKES_VALUE = frozenset({"--data", "--recorded-on", "--as-of", "--tz", "--format", "--lang"})


def _takes_value(word: str) -> bool:
    """Whether the main option ``word`` takes the next word as its value: as itself, or abbreviated as argparse allows
    (``--as`` for ``--as-of``, when no other option begins so); never with its value in it (``--as-of=2025-01-01``)."""
    if word in _MAIN_OPTIONS:
        return word in _TAKES_VALUE
    if "=" in word:
        return False
    meant = [option for option in _MAIN_OPTIONS if option.startswith(word)]
    return len(meant) == 1 and meant[0] in _TAKES_VALUE


def _main_options(words: Sequence[str]) -> tuple[list[str], str]:
    """The main parser's options before the command (their values left out), and the command.

    The command is the first word that is neither an option nor an option's
    value; an empty string when there is none (the status table, or ``--help``).
    """
    options: list[str] = []
    skip = False
    for word in words:
        if skip:
            skip = False
        elif word == "--":
            break
        elif not word.startswith("-"):
            return options, word
        else:
            options.append(word)
            skip = _takes_value(word)
    return options, ""


def _command_in(words: Sequence[str]) -> str:
    """The command a command line names, or an empty string."""
    return _main_options(words)[1]


def _asks_version(words: Sequence[str]) -> bool:
    """Whether ``--version`` comes before any command: answered without building the parser."""
    return "--version" in _main_options(words)[0]


def _parse(words: list[str]) -> argparse.Namespace:
    """Build the parser and parse ``words``, without translating argparse's own words.

    argparse asks gettext for each of its phrases ("usage: ", "options"…), and
    each ask searches the locale directories on disk: with a dozen commands that
    costs more than the rest of ``--help``. The command's own text is English,
    and Python ships no translations of argparse, so nothing shown changes.
    """
    import argparse

    original = argparse._  # type: ignore[attr-defined]
    argparse._ = _same  # type: ignore[attr-defined]
    try:
        return build_parser(_command_in(words)).parse_args(words)
    finally:
        argparse._ = original  # type: ignore[attr-defined]


def _same(text: str) -> str:
    return text
