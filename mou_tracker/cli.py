"""The ``mou-tracker`` command: the only place that prints or exits.

Exit codes: 0 success, 2 bad usage or bad data. Data goes to stdout,
diagnostics to stderr, and no traceback reaches the user.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    import datetime as _dt

    from .dataset import Dataset

EXIT_OK = 0
EXIT_BAD = 2

DATA_ENV = "MOU_TRACKER_DATA"


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("mou-tracker")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0+unknown"


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, separate so that docs and tests can read it."""
    parser = argparse.ArgumentParser(
        prog="mou-tracker",
        description=(
            "Track international agreements and memoranda of understanding. "
            "With no command, print the status table of the data on the day."
        ),
        epilog="Exit codes: 0 success, 2 bad usage or bad data.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    parser.add_argument(
        "--data",
        metavar="PATH",
        default=os.environ.get(DATA_ENV),
        help=f"the data file to read (default: ${DATA_ENV}, else the bundled Viet Nam–Singapore dataset)",
    )
    parser.add_argument(
        "--as-of",
        metavar="DATE",
        help="the day to report on, as YYYY-MM-DD (default: today in --tz)",
    )
    parser.add_argument(
        "--tz",
        metavar="ZONE",
        help="the time zone that decides what 'today' is, such as Asia/Ho_Chi_Minh (default: the machine's)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    status = commands.add_parser(
        "status",
        help="print the status of every agreement on the day (the default)",
        description=(
            "Print the status of every agreement on the day. A '?' marks a status that is possible but not certain."
        ),
    )
    status.add_argument(
        "--format", default="simple", metavar="FORMAT", help="a tabulate table format (default: simple)"
    )
    listing = commands.add_parser(
        "list",
        help="list agreements, filtered",
        description=(
            "List the agreements that match every filter, with their status on the day. "
            "A status that is only possible is marked '?'."
        ),
    )
    listing.add_argument("--format", default="simple", metavar="FORMAT", help="a tabulate table format, or json")
    listing.add_argument("--status", action="append", metavar="STATUS", help="status on the day (repeatable)")
    listing.add_argument("--certain", action="store_true", help="only rows whose filters are all certain")
    listing.add_argument("--kind", action="append", metavar="KIND", help="kind of instrument (repeatable)")
    listing.add_argument("--party", action="append", metavar="ID", help="signatory id or ISO country code (repeatable)")
    listing.add_argument("--area", action="append", metavar="ID", help="area of cooperation, with its sub-areas")
    listing.add_argument("--signed-from", metavar="DATE", help="signed on or after DATE")
    listing.add_argument("--signed-to", metavar="DATE", help="signed on or before DATE")
    listing.add_argument("--search", metavar="TEXT", help="words in titles, names and aliases, any case or diacritics")
    search = commands.add_parser(
        "search",
        help="find agreements by words, ignoring case and diacritics",
        description="Find agreements whose titles, short names, aliases or people match every word.",
    )
    search.add_argument("text", metavar="TEXT", help="the words to find ('to lam' finds 'Tô Lâm')")
    search.add_argument("--format", default="simple", metavar="FORMAT", help="a tabulate table format, or json")
    validate = commands.add_parser(
        "validate",
        help="check data files and print every problem with its line and column",
        description="Check data files; print every problem as file:line:column: path: message. Exit 2 if any.",
    )
    validate.add_argument(
        "paths", nargs="*", metavar="PATH", help="files to check (default: --data or the bundled dataset)"
    )
    return parser


def _today(args: argparse.Namespace) -> _dt.date:
    import pendulum

    if args.as_of is not None:
        from .dates import PartialDate

        day = PartialDate.parse(args.as_of)
        if day.day is None:
            from .exceptions import InvalidDate

            raise InvalidDate(args.as_of, "--as-of needs a full date, YYYY-MM-DD")
        return day.earliest
    try:
        return (pendulum.now(args.tz) if args.tz else pendulum.now()).date()
    except ValueError:
        from .exceptions import MouTrackerError

        raise MouTrackerError(f"unknown time zone {args.tz!r}; use a name such as Asia/Singapore") from None


def _check_format(fmt: str, *, json_ok: bool) -> str:
    from tabulate import tabulate_formats

    choices = (["json"] if json_ok else []) + list(tabulate_formats)
    if fmt not in choices:
        from .exceptions import MouTrackerError

        raise MouTrackerError(f"unknown format {fmt!r}; choose one of {', '.join(choices)}")
    return fmt


def _load(path: str | None) -> Dataset:
    from .loading import load

    return load(path)


def _status(args: argparse.Namespace, out: TextIO) -> int:
    from .reports import status_table

    fmt = _check_format(getattr(args, "format", "simple"), json_ok=False)
    dataset = _load(args.data)
    day = _today(args)
    out.write(f"Status on {day.isoformat()}\n\n")
    out.write(status_table(dataset, day, fmt=fmt) + "\n")
    return EXIT_OK


def _day_arg(text: str | None) -> _dt.date | None:
    if text is None:
        return None
    from .dates import PartialDate

    return PartialDate.parse(text).earliest


def _list(args: argparse.Namespace, out: TextIO) -> int:
    import json

    from tabulate import tabulate

    from .exceptions import MouTrackerError
    from .model import AgreementKind, Status
    from .records import list_record
    from .reports import status_label

    fmt = _check_format(args.format, json_ok=True)
    dataset = _load(args.data)
    day = _today(args)
    query = dataset.query()
    if getattr(args, "text", None):
        query = query.text(args.text)
    if getattr(args, "search", None):
        query = query.text(args.search)
    try:
        if getattr(args, "status", None):
            statuses = [Status(s.replace(" ", "_")) for s in args.status]
            query = query.status(*statuses, on=day)
        if getattr(args, "kind", None):
            query = query.kind(*(AgreementKind(k) for k in args.kind))
    except ValueError as exc:
        raise MouTrackerError(str(exc)) from None
    if getattr(args, "party", None):
        query = query.party(*args.party)
    if getattr(args, "area", None):
        query = query.area(*args.area)
    if getattr(args, "signed_from", None) or getattr(args, "signed_to", None):
        query = query.signed_between(_day_arg(args.signed_from), _day_arg(args.signed_to))
    matches = [m for m in query if m.certain or not getattr(args, "certain", False)]
    if fmt == "json":
        out.write(json.dumps([list_record(dataset, m, day) for m in matches], ensure_ascii=False, indent=2) + "\n")
        return EXIT_OK
    rows = []
    for match in matches:
        a = match.agreement
        label = status_label(dataset.status_on(a, day))
        if not match.certain and not label.endswith("?"):
            label += "?"
        rows.append([a.id, a.name, label, str(a.signed or "")])
    out.write(tabulate(rows, headers=["id", "name", f"status on {day.isoformat()}", "signed"], tablefmt=fmt) + "\n")
    return EXIT_OK


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .exceptions import DataError
    from .loading import bundled_path, load

    paths = args.paths or [args.data or str(bundled_path())]
    status = EXIT_OK
    for path in paths:
        try:
            dataset = load(path)
        except DataError as exc:
            for problem in exc.problems:
                err.write(f"{problem}\n")
            err.write(f"{path}: {len(exc.problems)} problem{'s' if len(exc.problems) != 1 else ''}\n")
            status = EXIT_BAD
            continue
        out.write(
            f"{path}: ok ({len(dataset.agreements)} agreements, {len(dataset.signatories)} signatories, "
            f"{len(dataset.people)} people, {len(dataset.areas)} areas, {len(dataset.sources)} sources)\n"
        )
    return status


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line; return the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version and usage errors
        return int(exc.code or 0)
    from .exceptions import DataError, MouTrackerError

    try:
        if args.command == "validate":
            return _validate(args, out, err)
        if args.command in ("list", "search"):
            return _list(args, out)
        return _status(args, out)
    except DataError as exc:
        for problem in exc.problems:
            err.write(f"{problem}\n")
        return EXIT_BAD
    except MouTrackerError as exc:
        err.write(f"mou-tracker: error: {exc}\n")
        return EXIT_BAD
    except BrokenPipeError:
        # The reader went away (``mou-tracker | head``); that is not an error.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def main_entry() -> None:
    """The console script: run :func:`main` and exit with its code."""
    sys.exit(main())
