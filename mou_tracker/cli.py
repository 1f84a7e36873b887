"""The ``mou-tracker`` command: the only place that prints or exits.

Exit codes: 0 success; 1 when a check found something (``due
--fail-on-overdue``); 2 bad usage or bad data; 130 interrupted (Ctrl-C).
Data goes to stdout, diagnostics to stderr, and no traceback reaches the
user. Every option shared by the commands (``--data``, ``--as-of``,
``--format``…) may come before the command or after it.
"""

from __future__ import annotations

import os
import sys

# Not typing.TYPE_CHECKING: importing typing would cost --help and --version a
# tenth of their time. Type checkers treat any TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    import datetime as _dt
    from collections.abc import Callable, Sequence
    from typing import NoReturn, TextIO

    from .dataset import Dataset
    from .exceptions import Problem
    from .model import ActionKind
    from .queries import Query

EXIT_OK = 0
EXIT_FOUND = 1
EXIT_BAD = 2
EXIT_INTERRUPTED = 130

DATA_ENV = "MOU_TRACKER_DATA"

_EPILOG = (
    "Exit codes: 0 success, 1 a check found something (due --fail-on-overdue), 2 bad usage or bad data, "
    "130 interrupted."
)
_EPILOG_PLAIN = "Exit codes: 0 success, 2 bad usage or bad data, 130 interrupted."


def _version() -> str:
    from ._version import __version__

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


def _lower(text: str) -> str:
    """A choice as typed, in lower case: ``--format JSON`` is ``--format json``, as ``--kind MoU`` is ``mou``."""
    return text.lower()


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
            from ._characters import visible

            super().error(visible(message, lines=False))

    return Parser


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
    built: list[tuple[str, argparse.ArgumentParser]] = []

    def command(name: str, summary: str, description: str) -> argparse.ArgumentParser:
        if only is not None and name != only:
            return commands.add_parser(name, help=summary, formatter_class=_Formatter)
        epilog = _EPILOG if name == "due" else _EPILOG_PLAIN
        made = commands.add_parser(
            name, help=summary, description=description, epilog=epilog, formatter_class=_Formatter
        )
        built.append((name, made))
        return made

    def full(name: str) -> bool:
        return only is None or name == only

    command(
        "status",
        "the status of every agreement on the day (the default)",
        "Print the status of every agreement on the day. A '?' marks a status that is possible but not certain.",
    )
    listing = command(
        "list",
        "list the agreements that match filters",
        "List the agreements that match every filter, with their status on the day. A status that is only "
        "possible, or a row a filter is not sure of, is marked '?'. Repeating a filter accepts any of its values.",
    )
    if full("list"):
        _list_options(listing)
    search = command(
        "search",
        "find agreements by words, ignoring case and diacritics",
        "Find agreements whose titles, short names, aliases or people hold every word given; 'to lam' finds "
        "'Tô Lâm'. The words may be quoted or not: search tô lâm is search 'tô lâm'.",
    )
    if full("search"):
        search.add_argument("text", nargs="+", metavar="WORD", help="the words to find, all of them")
    show = command(
        "show",
        "everything about one agreement",
        "Print one agreement's facts, status on the day, history, relations, targets and sources. "
        "With --format json, the whole record.",
    )
    if full("show"):
        show.add_argument("id", metavar="NAME", help=_NAME_HELP)
        show.add_argument(
            "--party",
            metavar="PARTY",
            help="also read its status for this party on the day (an id, name or country code: SG, 'viet nam'); "
            "for a multilateral instrument, from the party's own actions",
        )
    participation = command(
        "participation",
        "each party's signature, consent and entry into force for one instrument",
        "Print the table of participants of one instrument as the UN Treaty Collection shows it: signature, "
        "consent to be bound with its letter (a accession, A acceptance, AA approval, d succession, s definitive "
        "signature, c formal confirmation), entry into force for the party ('*': derived from the instrument's "
        "clause) and footnotes. Dates are written as the Collection writes them: 25 Jul 1994.",
    )
    if full("participation"):
        participation.add_argument("id", metavar="NAME", help=_NAME_HELP)
    bound = command(
        "bound",
        "the instruments in force for all the parties given on the day, then for each alone",
        "Print the instruments (bilateral or multilateral) in force on the day for every party given, then those "
        "in force for each of them but not for all. '?' marks one that only may be.",
    )
    if full("bound"):
        bound.add_argument(
            "parties",
            nargs="+",
            metavar="PARTY",
            help="a signatory id, name or alias in any language and case, or an ISO country code (VN, SG)",
        )
    actions = command(
        "actions",
        "the parties' own actions on multilateral instruments: signatures, ratifications, accessions…",
        "Print the signatures, ratifications, accessions, withdrawals and other actions of the parties to "
        "multilateral instruments, in the order they happened, that match every filter; '?' marks a date that may fall "
        "outside the window, '*' one that sources dispute.",
    )
    if full("actions"):
        actions.add_argument(
            "--party",
            action="append",
            metavar="PARTY",
            help="signatory id, name or alias, or ISO country code, with the bodies it stands for "
            "(repeatable: any of them)",
        )
        actions.add_argument(
            "--kind",
            action="append",
            metavar="KIND[,KIND…]",
            help="kind of action, one of " + ", ".join(k.value for k in _action_kinds()) + " (several apart by "
            "commas, or repeated: any of them)",
        )
        actions.add_argument("--since", metavar="DATE", help="on or after DATE (2025 means from its first day)")
        actions.add_argument("--until", metavar="DATE", help="on or before DATE (2025 means to its end)")
    command(
        "report",
        "how many agreements of each area stood in each status",
        "Print the area × status matrix on the day. An area counts its sub-areas too; '2+1?' means two "
        "certainly and one more possibly.",
    )
    command("areas", "the areas of cooperation", "Print the areas as a tree, with how many agreements each has.")
    command(
        "parties",
        "a summary for each signatory",
        "Print, for each signatory, its agreements, how many were in effect on the day and the last signed. "
        "A body counts those of the bodies under it and of its predecessors and successors.",
    )
    command(
        "timeline",
        "every recorded event, oldest first",
        "Print every recorded event, oldest first; '*' marks a dispute.",
    )
    due = command(
        "due",
        "what falls due, and what is overdue",
        "Print term ends, notice dates and targets that fall due from the day to --until, and every target "
        "whose date has passed with nothing recording it met.",
    )
    if full("due"):
        due.add_argument("--until", metavar="DATE", help="the end of the window (default: one year after the day)")
        due.add_argument("--fail-on-overdue", action="store_true", help="exit 1 when anything is overdue")
    changes = command(
        "changes",
        "what changed between two dates",
        "Print every status event from --since to --until, newest first; '?' marks a date that may fall outside.",
    )
    if full("changes"):
        changes.add_argument(
            "--since", metavar="DATE", help="the start of the window (default: one year before the day)"
        )
        changes.add_argument("--until", metavar="DATE", help="the end of the window (default: the day)")
    chain = command(
        "chain",
        "what an agreement amends, continues, implements or supersedes, and what does so to it",
        "Print the instruments tied to an agreement by relations, either way, as a tree.",
    )
    if full("chain"):
        chain.add_argument("id", metavar="NAME", help="the agreement at the root of the tree: " + _NAME_HELP)
    validate = command(
        "validate",
        "check data files and print every problem with its line and column",
        "Check data files or directories; print every problem as file:line:column: path: message.",
    )
    if full("validate"):
        validate.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help="files or directories to check (default: --data or the bundled dataset)",
        )
    export = command(
        "export",
        "write the data in another format: JSON, CSV, iCalendar, SQLite, HTML, or a timeline picture",
        "Write the data as --format gives, to --output or standard output: json (the data format), csv (a row per "
        "agreement), ics (a calendar of events and what is due), sqlite (a database for Datasette), html (a report), "
        "svg or png (a timeline picture; needs the plot extra). Statuses are read, and what is due counted, "
        "on the day.",
    )
    if full("export"):
        from .exports import FORMATS as EXPORTS

        export.add_argument(
            "--format",
            dest="export_format",
            metavar="FORMAT",
            required=True,
            type=_lower,
            choices=list(EXPORTS),
            help=f"one of {', '.join(EXPORTS)}",
        )
        export.add_argument(
            "-o",
            "--output",
            metavar="PATH",
            help="the file to write, replaced only once the export is complete; - (the default) is standard "
            "output, which must not be a terminal for sqlite and png; /dev/stdout, /dev/fd/N and other paths that "
            "are not files are written to as they stand",
        )
        export.add_argument(
            "--force",
            action="store_true",
            help="write --output even when it is one of the data files read, which is refused otherwise",
        )
    command(
        "schema",
        "the JSON Schema of the data format, for editors and other validators",
        "Print the JSON Schema (draft 2020-12) of a data file, as mou_tracker/schema.json holds it. Editors use it "
        "to complete and check a data file as it is typed; it checks each value on its own, and validate checks "
        "the whole. It reads no data.",
    )
    cache = command(
        "cache",
        "where the cache of files already read is and how large, or clear it",
        "info: print where the cache of data files already read is, how many entries and bytes it holds, and its "
        "bound, or why it is not used. clear: remove every file the cache wrote, and nothing else. It reads no data.",
    )
    if full("cache"):
        cache.add_argument("action", choices=("info", "clear"), help="info or clear")
    importing = command(
        "import",
        "make curated data files from the UN Treaty Collection's status tables",
        "Read a directory of the Collection's status tables in the scraped form (one CSV per treaty and an "
        "index.csv) and write one data file per treaty and participants.yaml to --output. Every problem is printed "
        "with its file, line and column, and the command exits 2; what has none is written. A file an import wrote "
        "and nobody edited since is replaced; any other (a curator's edit) is never overwritten without --force.",
    )
    if full("import"):
        importing.add_argument("source_format", metavar="FORMAT", choices=["untc"], help="untc, the only one")
        importing.add_argument("source", metavar="SOURCE_DIR", help="the directory of the tables and index.csv")
        importing.add_argument("--output", metavar="DIR", required=True, help="the directory to write to")
        importing.add_argument(
            "--force", action="store_true", help="overwrite files a curator edited, or that no import wrote"
        )
        importing.add_argument("--strict", action="store_true", help="write nothing at all if there is any problem")
    # The shared options last, after each command's own, in its usage and help.
    # export has a --format of its own (the file format); schema, cache and import read no data, so take none.
    for name, made in built:
        if name not in ("schema", "cache", "import"):
            _shared_options(made, after=True, output=name != "export")
    return parser


def _action_kinds() -> list[ActionKind]:
    from .model import ActionKind

    return list(ActionKind)


def _list_options(listing: argparse.ArgumentParser) -> None:
    """The filters of ``list``."""
    listing.add_argument(
        "--status",
        action="append",
        metavar="STATUS",
        help="status on the day, one of " + ", ".join(_STATUSES) + " (repeatable: any of them); with --party, a "
        "multilateral instrument's status for that party, from its own actions",
    )
    listing.add_argument("--certain", action="store_true", help="only rows whose status and filters are all certain")
    listing.add_argument(
        "--kind",
        action="append",
        metavar="KIND",
        help="kind of instrument, such as mou or treaty (repeatable: any of them)",
    )
    listing.add_argument("--binding", type=_lower, choices=("yes", "no", "unknown"), help="legally binding or not")
    listing.add_argument(
        "--party",
        action="append",
        metavar="PARTY",
        help="signatory id, name or alias in any language and case (Singapore, 'viet nam'), or ISO country code "
        "(SG) (repeatable: any of them)",
    )
    listing.add_argument(
        "--area",
        action="append",
        metavar="ID",
        help="area of cooperation, with its sub-areas (repeatable: any of them)",
    )
    listing.add_argument(
        "--signed-from", metavar="DATE", help="signed on or after DATE (2025 means from its first day)"
    )
    listing.add_argument("--signed-to", metavar="DATE", help="signed on or before DATE (2025 means to its end)")
    listing.add_argument(
        "--in-effect-from",
        metavar="DATE",
        help="in effect at some time on or after DATE (2025 means from its first day)",
    )
    listing.add_argument(
        "--in-effect-to", metavar="DATE", help="in effect at some time on or before DATE (2025 means to its end)"
    )
    listing.add_argument(
        "--related", metavar="NAME", help="related to the agreement NAME (an id, short name or alias), either way"
    )
    listing.add_argument(
        "--relation",
        action="append",
        metavar="TYPE",
        help="with --related: only this relation, one of " + ", ".join(_RELATIONS) + " (repeatable: any of them)",
    )
    listing.add_argument("--search", metavar="TEXT", help="words in titles, names and aliases, any case or diacritics")


_NAME_HELP = (
    "its id, short name, alias or title, in any case, with or without diacritics (itx, ITX), or words that "
    "only it holds ('innovation talent')"
)

_STATUSES = (
    "proposed", "negotiating", "concluded", "signed", "in_effect", "completed", "expired", "terminated",
    "superseded", "abandoned",
)  # fmt: skip
_RELATIONS = ("amends", "supersedes", "implements", "continues", "follows_up", "part_of", "establishes")


def _today(args: argparse.Namespace) -> _dt.date:
    import pendulum

    zone = None
    if args.tz is not None:
        try:
            zone = pendulum.timezone(args.tz)
        except (ValueError, OSError):
            from .exceptions import MouTrackerError

            raise MouTrackerError(f"unknown time zone {args.tz!r}; use a name such as Asia/Singapore") from None
    if args.as_of is not None:
        from .dates import PartialDate

        day = PartialDate.parse(args.as_of)
        if day.day is None:
            from .exceptions import InvalidDate

            raise InvalidDate(args.as_of, "--as-of needs a full date, YYYY-MM-DD")
        return day.earliest
    return (pendulum.now(zone) if zone is not None else pendulum.now()).date()


def _check_format(fmt: str) -> str:
    from .reports import FORMATS

    if fmt not in FORMATS:
        from .exceptions import MouTrackerError

        raise MouTrackerError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return fmt


def _start(text: str | None) -> _dt.date | None:
    """The first day a date given on the command line allows (``2025`` → 1 January 2025)."""
    if text is None:
        return None
    from .dates import PartialDate

    return PartialDate.parse(text).earliest


def _end(text: str | None) -> _dt.date | None:
    """The last day a date given on the command line allows (``2025`` → 31 December 2025)."""
    if text is None:
        return None
    from .dates import PartialDate

    return PartialDate.parse(text).latest


def _enum(kind: type, values: Sequence[str], what: str) -> list:  # type: ignore[type-arg]
    out = []
    for value in values:
        try:
            out.append(kind(value.strip().lower().replace(" ", "_").replace("-", "_")))
        except ValueError:
            from .exceptions import MouTrackerError

            choices = ", ".join(m.value for m in kind)  # type: ignore[attr-defined]
            raise MouTrackerError(f"unknown {what} {value!r}; choose one of {choices}") from None
    return out


_VALUED = ("text", "search", "related", "signed_from", "signed_to", "in_effect_from", "in_effect_to", "since", "until")


def _no_empty_values(args: argparse.Namespace) -> None:
    """An option given an empty value is a mistake, not a request for everything."""
    from .exceptions import MouTrackerError

    if isinstance(getattr(args, "text", None), list):  # search's words, quoted or not, are one text
        args.text = " ".join(args.text)

    for name in _VALUED:
        value = getattr(args, name, None)
        if value is not None and not value.strip():
            option = "TEXT" if name == "text" else "--" + name.replace("_", "-")
            raise MouTrackerError(f"{option} needs a value, found an empty one")
    if getattr(args, "data", None) == "":
        raise MouTrackerError("--data needs the path of a data file or directory, found an empty one")
    for name in ("status", "kind", "party", "area", "relation"):
        values = getattr(args, name, None) or ()
        if any(not v.strip() for v in ([values] if isinstance(values, str) else values)):
            raise MouTrackerError(f"--{name} needs a value, found an empty one")
    if getattr(args, "party", None) == "":
        raise MouTrackerError("--party needs a value, found an empty one")
    if any(not p.strip() for p in getattr(args, "parties", None) or ()):
        raise MouTrackerError("PARTY needs a value, found an empty one")


def _window(start: _dt.date | None, end: _dt.date | None, first: str, last: str) -> None:
    if start is not None and end is not None and start > end:
        from .exceptions import MouTrackerError

        raise MouTrackerError(f"{first} ({start.isoformat()}) is after {last} ({end.isoformat()})")


def _filtered(args: argparse.Namespace, dataset: Dataset, day: _dt.date) -> Query:
    from .model import AgreementKind, RelationType, Status

    query = dataset.query()
    text = getattr(args, "text", None) or getattr(args, "search", None)
    if text:
        query = query.text(text)
    if getattr(args, "status", None):
        query = query.status(*_enum(Status, args.status, "status"), on=day, parties=getattr(args, "party", None) or ())
    if getattr(args, "kind", None):
        query = query.kind(*_enum(AgreementKind, args.kind, "kind"))
    if getattr(args, "binding", None):
        query = query.binding({"yes": True, "no": False, "unknown": None}[args.binding])
    if getattr(args, "party", None):
        query = query.party(*args.party)
    if getattr(args, "area", None):
        query = query.area(*args.area)
    if getattr(args, "signed_from", None) or getattr(args, "signed_to", None):
        start, end = _start(args.signed_from), _end(args.signed_to)
        _window(start, end, "--signed-from", "--signed-to")
        query = query.signed_between(start, end)
    if getattr(args, "in_effect_from", None) or getattr(args, "in_effect_to", None):
        import datetime as dt

        start, end = _start(args.in_effect_from) or dt.date.min, _end(args.in_effect_to) or dt.date.max
        _window(start, end, "--in-effect-from", "--in-effect-to")
        query = query.in_effect_between(start, end)
    if getattr(args, "relation", None) and not getattr(args, "related", None):
        from .exceptions import MouTrackerError

        raise MouTrackerError("--relation needs --related NAME")
    if getattr(args, "related", None):
        related = dataset.find(args.related).id
        query = query.related(related, *_enum(RelationType, args.relation or [], "relation"))
    return query


def _run(args: argparse.Namespace, out: TextIO) -> int:
    """Run a reporting command; return its exit code."""
    from . import reports
    from .dates import years_after
    from .loading import load

    fmt = _check_format(args.format)
    width = None if args.wide else 80
    lang = args.lang
    _no_empty_values(args)
    day = _today(args)
    dataset = load(args.data, cache=args.cache)
    command = args.command or "status"
    code = EXIT_OK
    if command == "show":
        ident = dataset.find(args.id).id
        party = args.party
        if party is not None:
            reports.party_name(dataset, party)  # an unknown party is an error, with suggestions
        out.write(reports.card(dataset, ident, day, fmt=fmt, width=width, lang=lang, party=party) + "\n")
        return code
    if command in ("status", "list", "search"):
        from .queries import status_for

        matches = list(_filtered(args, dataset, day)) if command != "status" else None
        # One party given: a multilateral instrument's status is read for it, as --status reads it.
        parties = getattr(args, "party", None) or []
        party = parties[0] if len(parties) == 1 else None
        if getattr(args, "certain", False) and matches is not None:
            matches = [m for m in matches if m.certain and status_for(dataset, m.agreement, party, day).certain]
        report = reports.status_report(dataset, day, matches=matches, lang=lang, party=party)
    elif command == "participation":
        report = reports.participation_report(dataset, dataset.find(args.id), lang=lang)
    elif command == "bound":
        report = reports.bound_report(dataset, dataset.bound_on(args.parties, day), lang=lang)
    elif command == "actions":
        from .model import ActionKind
        from .queries import action_changes

        kinds = [k for given in args.kind or () for k in _enum(ActionKind, given.split(","), "kind of action")]
        since, until = _start(args.since), _end(args.until)
        _window(since, until, "--since", "--until")
        acted = action_changes(dataset, since, until, parties=args.party or (), kinds=kinds or None)
        # In the order they happened, as the timeline orders dates (file order among equals).
        acted.sort(key=lambda change: change.action.date.value.timeline_key)
        who = " or ".join(reports.party_name(dataset, p, lang) for p in args.party or ())
        window = "".join(
            f" {word} {value.isoformat()}" for word, value in (("from", since), ("to", until)) if value is not None
        )
        report = reports.actions_report(dataset, acted, f"Actions{' of ' + who if who else ''}{window}", lang=lang)
    elif command == "report":
        report = reports.matrix_report(dataset, day, lang=lang)
    elif command == "areas":
        report = reports.area_report(dataset, lang=lang)
    elif command == "parties":
        report = reports.party_report(dataset, day, lang=lang)
    elif command == "timeline":
        report = reports.timeline_report(dataset, lang=lang)
    elif command == "due":
        from .queries import due

        until = _end(args.until) or years_after(day, 1)
        _window(day, until, "the day", "--until")
        found = due(dataset, day, until)
        report = reports.due_report(found, day, until, lang=lang)
        if args.fail_on_overdue and any(item.overdue for item in found):
            code = EXIT_FOUND
    elif command == "changes":
        from .queries import changes

        since = _start(args.since) or years_after(day, -1)
        until = _end(args.until) or day
        _window(since, until, "--since", "--until")
        from .queries import action_changes

        report = reports.changes_report(
            changes(dataset, since, until),
            since,
            until,
            lang=lang,
            actions=action_changes(dataset, since, until),
            dataset=dataset,
        )
    else:  # chain
        from .queries import chain

        report = reports.chain_report(dataset, chain(dataset, dataset.find(args.id).id), day, lang=lang)
    out.write(reports.render(report, fmt, width=width) + "\n")
    return code


def _export(args: argparse.Namespace, out: TextIO) -> int:
    """Write the export to --output, or to standard output."""
    from .exceptions import MouTrackerError
    from .exports import FORMATS, export, write
    from .loading import load

    fmt = FORMATS[args.export_format]
    day = _today(args)
    to_file = args.output not in (None, "-")
    if not args.force:
        _refuse_data_file(args.output if to_file else out, args.data)
    dataset = load(args.data, cache=args.cache)
    if to_file:
        try:
            write(dataset, fmt.name, args.output, day=day, lang=args.lang)
        except BrokenPipeError:
            raise  # the reader went away: main_entry ends quietly
        except OSError as exc:
            raise MouTrackerError(f"cannot write {args.output}: {exc.strerror or exc}") from None
        return EXIT_OK
    if fmt.binary and out.isatty():
        raise MouTrackerError(f"the {fmt.name} format is binary; write it to a file with --output FILE{fmt.suffix}")
    data = export(dataset, fmt.name, day=day, lang=args.lang)
    stream = getattr(out, "buffer", None)
    if stream is not None:
        out.flush()
        stream.write(data)
    elif fmt.binary:
        raise MouTrackerError(f"the {fmt.name} format is binary and this output takes only text; use --output")
    else:
        out.write(data.decode("utf-8"))
    return EXIT_OK


def _refuse_data_file(output: str | TextIO, data: str | None) -> None:
    """Refuse to write the export over one of the data files read, which it would replace, comments and all.

    ``output`` is the path given to --output, or standard output when it is
    a file (``>> data.yaml``). Files are compared by what they are (device
    and inode), not by name, so a symbolic link, a hard link, another
    spelling of the path or ``/dev/fd/N`` open on the file are caught too; of
    a directory of data, every file that is read counts.
    """
    import stat
    from pathlib import Path

    from ._files import _data_files
    from .exceptions import MouTrackerError
    from .loading import bundled_path

    try:
        written = os.stat(output) if isinstance(output, str) else os.fstat(output.fileno())
    except (OSError, ValueError):  # nothing there yet, or no file behind the stream: nothing to lose
        return
    if not stat.S_ISREG(written.st_mode) or data == "":  # not a file; or no data, which loading refuses
        return
    root = bundled_path() if data is None else Path(data)
    try:
        files = _data_files(root)[0] if root.is_dir() else [root]
    except OSError:  # the data cannot be looked at: loading it says so
        return
    for file in files:
        try:
            same = os.path.samestat(written, os.stat(file))
        except (OSError, ValueError):
            continue
        if same:
            where = f"--output {output}" if isinstance(output, str) else "standard output"
            raise MouTrackerError(
                f"{where} is the data file {file}, which the export would overwrite; "
                "write to another file, or pass --force to overwrite it"
            )


def _schema(out: TextIO) -> int:
    """Print the JSON Schema of the data format; no data is read."""
    from .schema import schema_text

    out.write(schema_text())
    return EXIT_OK


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from ._characters import visible
    from .exceptions import DataError
    from .loading import bundled_path, load

    as_json = _check_format(args.format) == "json"
    paths = args.paths or [args.data or str(bundled_path())]
    status = EXIT_OK
    results = []
    for path in paths:
        try:
            dataset = load(path, cache=args.cache, recheck=True)
        except DataError as exc:
            status = EXIT_BAD
            results.append({"path": path, "ok": False, "problems": [_problem(p) for p in exc.problems]})
            if not as_json:
                for problem in exc.problems:
                    err.write(f"{problem}\n")
                count = len(exc.problems)
                err.write(visible(f"{path}: {count} problem{'s' if count != 1 else ''}", lines=False) + "\n")
            continue
        counts = {
            "agreements": len(dataset.agreements),
            "signatories": len(dataset.signatories),
            "people": len(dataset.people),
            "areas": len(dataset.areas),
            "sources": len(dataset.sources),
        }
        results.append({"path": path, "ok": True, "problems": [], "counts": counts})
        if not as_json:
            from ._html import dataset_summary  # counted as the Dataset's repr counts: 1 person, 2 people

            out.write(visible(f"{path}: ok ({dataset_summary(dataset)})", lines=False) + "\n")
    if as_json:
        from ._characters import json_text

        out.write(json_text(results) + "\n")
    return status


def _cache(args: argparse.Namespace, out: TextIO) -> int:
    """Say where the cache is and how large, or clear it."""
    from ._characters import visible
    from .cache import CACHE_ENV, default_cache
    from .exceptions import MouTrackerError

    cache = default_cache()
    if cache is None:
        out.write(f"the cache is off: ${CACHE_ENV} is set to nothing\n")
        return EXIT_OK
    refused = cache.refusal()
    directory = visible(str(cache.directory), lines=False)  # named by $MOU_TRACKER_CACHE_DIR, which may hold anything
    if args.action == "clear":
        if refused is not None:
            # A directory of another user's, or open to others, is the user's to remove; a file or
            # device named as the cache (/dev/null) is not the cache's to have removed.
            remedy = (
                "remove it by hand, and the next load makes it anew, the user's alone"
                if cache.directory.is_dir()
                else f"set ${CACHE_ENV} to a directory of the user's own, or to nothing to turn the cache off"
            )
            raise MouTrackerError(f"{refused}: the cache is not used, and nothing in it is removed; {remedy}")
        removed = cache.clear()
        entries = f"{removed.entries:,} entr{'y' if removed.entries == 1 else 'ies'}"
        out.write(f"removed {entries} ({removed.bytes:,} bytes) from {directory}\n")
        left = cache.refusals()
        for why in left:
            out.write(visible(f"not used, and left as it is: {why}; remove it by hand", lines=False) + "\n")
        return EXIT_BAD if left else EXIT_OK
    usage = cache.usage()
    days = cache.max_age / 86400
    out.write(
        f"bound: {cache.max_size:,} bytes; entries unused for {days:g} days are removed\n"
        f"directory: {directory}\n"
        f"entries: {usage.entries:,} ({usage.bytes:,} bytes)\n"
    )
    for why in cache.refusals():
        out.write(visible(f"not used: {why}", lines=False) + "\n")
    return EXIT_OK


def _import(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Import the Collection's tables; the problems to ``err``, what was done to ``out``."""
    from ._characters import visible
    from .untc import import_untc

    done = import_untc(args.source, args.output, force=args.force, strict=args.strict)
    for problem in done.problems:
        err.write(f"{problem}\n")
    conversion = done.conversion

    def count(number: int, one: str, many: str = "") -> str:
        return f"{number:,} {one if number == 1 else many or one + 's'}"

    out.write(
        f"{count(len(conversion.treaties), 'treaty', 'treaties')} read, with "
        f"{count(conversion.actions, 'action')} of {count(conversion.participants, 'participant')}; "
        f"left out: {count(len(conversion.left_out), 'table')}, {count(len(conversion.rows_left_out), 'row')}\n"
    )
    out.write(
        visible(f"{args.output}: ", lines=False)
        + f"{count(len(done.written), 'file')} written, {len(done.unchanged):,} unchanged, "
        f"{len(done.refused):,} refused\n"
    )
    return EXIT_BAD if done.problems else EXIT_OK


def _problem(problem: Problem) -> dict[str, object]:
    from .exceptions import format_path

    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "path": format_path(problem.path) if problem.path is not None else None,
        "message": problem.message,
    }


# The main parser's long options, and those that take a value (a test checks both against build_parser).
_MAIN_OPTIONS = frozenset(
    {"--help", "--version", "--data", "--as-of", "--tz", "--no-cache", "--format", "--lang", "--wide"}
)
_TAKES_VALUE = frozenset({"--data", "--as-of", "--tz", "--format", "--lang"})


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


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line; return the exit code.

    Ctrl-C, wherever it comes, ends the command with one line on ``err`` and
    exit code 130 (128 + SIGINT, as a shell reports a command it interrupted).
    """
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        return _main(list(sys.argv[1:] if argv is None else argv), out, err)
    except KeyboardInterrupt:
        err.write("mou-tracker: interrupted\n")
        return EXIT_INTERRUPTED


def _main(words: list[str], out: TextIO, err: TextIO) -> int:
    if _asks_version(words):
        out.write(f"mou-tracker {_version()}\n")
        return EXIT_OK
    try:
        args = _parse(words)
    except SystemExit as exc:  # --help and usage errors
        return int(exc.code or 0)
    from .exceptions import DataError, MouTrackerError, UnknownName

    run: Callable[[], int]
    if args.command == "validate":
        run = lambda: _validate(args, out, err)  # noqa: E731
    elif args.command == "export":
        run = lambda: _export(args, out)  # noqa: E731
    elif args.command == "schema":
        run = lambda: _schema(out)  # noqa: E731
    elif args.command == "cache":
        run = lambda: _cache(args, out)  # noqa: E731
    elif args.command == "import":
        run = lambda: _import(args, out, err)  # noqa: E731
    else:
        run = lambda: _run(args, out)  # noqa: E731
    try:
        return run()
    except DataError as exc:
        for problem in exc.problems:
            err.write(f"{problem}\n")
        return EXIT_BAD
    except MouTrackerError as exc:
        from ._characters import visible

        message = str(exc)
        if isinstance(exc, UnknownName) and exc.kind == "agreement":  # the id may be wrong, the words right
            message += ("" if message.endswith("?") else ".") + " To look for it by its words: mou-tracker search WORDS"
        err.write(visible(f"mou-tracker: error: {message}", lines=False) + "\n")
        return EXIT_BAD


def main_entry() -> None:
    """The console script: run :func:`main` and exit with its code.

    Text the terminal's encoding cannot show is escaped rather than fatal,
    and output that cannot be written is an error message, not a traceback.
    A reader that stops reading (``mou-tracker list | head -1``) ends the
    command quietly with exit code 0: it had what it asked for, so a
    pipeline under ``set -o pipefail`` does not fail for it.
    """
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if sys.stdout is None:  # stdout closed: there is nowhere to write to
        sys.exit(EXIT_BAD)
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (``mou-tracker | head``); that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = EXIT_OK
    except KeyboardInterrupt:  # while the last of the output is written
        if sys.stderr is not None:
            sys.stderr.write("mou-tracker: interrupted\n")
        code = EXIT_INTERRUPTED
    except OSError as exc:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        if sys.stderr is not None:
            sys.stderr.write(f"mou-tracker: error: cannot write the output: {exc.strerror or exc}\n")
        code = EXIT_BAD
    sys.exit(code)
