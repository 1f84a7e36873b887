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


def _load(path: str | None) -> Dataset:
    from .loading import load

    return load(path)


def _status(args: argparse.Namespace, out: TextIO) -> int:
    from .reports import status_table

    dataset = _load(args.data)
    day = _today(args)
    fmt = getattr(args, "format", "simple")
    from tabulate import tabulate_formats

    if fmt not in tabulate_formats:
        from .exceptions import MouTrackerError

        raise MouTrackerError(f"unknown format {fmt!r}; choose one of {', '.join(tabulate_formats)}")
    out.write(f"Status on {day.isoformat()}\n\n")
    out.write(status_table(dataset, day, fmt=fmt) + "\n")
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
