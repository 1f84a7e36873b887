"""What the commands share: the exit codes, the record that describes a command, and reading what was given.

Reading what was given means the shared options (the day from ``--as-of`` and
``--tz``, the table format, the data) and the values of the filters (dates
that may be partial, names of statuses and kinds, no empty values). Like the
rest of the command line, nothing here imports the library's heavy modules
until a command runs: ``--help`` and ``--version`` need none of them.
"""

from __future__ import annotations

# Not typing.TYPE_CHECKING: importing typing would cost --help and --version a
# tenth of their time. Type checkers treat any TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    import datetime as _dt
    from collections.abc import Callable, Sequence
    from typing import TextIO

    from ..model import Status
    from ..reports import Report

    Runner = Callable[[argparse.Namespace, TextIO, TextIO], int]

EXIT_OK = 0
EXIT_FOUND = 1
EXIT_BAD = 2
EXIT_INTERRUPTED = 130

DATA_ENV = "MOU_TRACKER_DATA"

_EPILOG = (
    "Exit codes: 0 success, 1 a check found something (due --fail-on-overdue, diff --fail-on), "
    "2 bad usage or bad data, 130 interrupted."
)
_EPILOG_PLAIN = "Exit codes: 0 success, 2 bad usage or bad data, 130 interrupted."

_NAME_HELP = (
    "its id, short name, alias or title, in any case, with or without diacritics (itx, ITX), or words that "
    "only it holds ('innovation talent')"
)


class Command:
    """What a command is beyond the line --help lists it with: its description, its options, what runs it.

    ``run(args, out, err)`` returns the exit code. ``options`` adds the
    command's own options to its parser, which is built only when the command
    is named (or for the docs). ``reads_data`` false leaves out every shared
    option (the command reads no data); ``tables`` false leaves out the table
    options (``--format``, ``--wide``), for a command with a ``--format`` of
    its own.
    """

    __slots__ = ("description", "epilog", "options", "reads_data", "run", "tables")

    def __init__(
        self,
        description: str,
        run: Runner,
        *,
        options: Callable[[argparse.ArgumentParser], None] | None = None,
        epilog: str = _EPILOG_PLAIN,
        reads_data: bool = True,
        tables: bool = True,
    ) -> None:
        self.description = description
        self.run = run
        self.options = options
        self.epilog = epilog
        self.reads_data = reads_data
        self.tables = tables


class Context:
    """What a command that prints a table of the data starts from, read from its arguments.

    In this order, so that the first mistake is the one reported: the table
    format, the values given (none may be empty), the day; then the data.
    """

    def __init__(
        self,
        args: argparse.Namespace,
        span: Callable[[_dt.date], tuple[_dt.date | None, _dt.date | None]] | None = None,
    ) -> None:
        from ._narrow import dataset_for

        self.fmt = _check_format(args.format)
        self.width = None if args.wide else 80
        self.lang: str = args.lang
        _no_empty_values(args)
        self.day = _today(args)
        # The whole collection, or only what the command needs when the store can tell (span: the days it looks at).
        command, window = args.command or "status", span(self.day) if span else (None, None)
        self.dataset = dataset_for(args, command, self.day, window, _statuses(args))

    def show(self, report: Report, out: TextIO) -> int:
        """Write ``report`` to ``out`` in the format and width asked for; the exit code of having done so."""
        from ..reports import render

        out.write(render(report, self.fmt, width=self.width) + "\n")
        return EXIT_OK


def _statuses(args: argparse.Namespace) -> list[Status] | None:
    """The statuses ``--status`` asks for, if any; ``None`` when one does not read (reported once the data is read)."""
    from ..exceptions import MouTrackerError
    from ..model import Status

    try:
        return _enum(Status, getattr(args, "status", None) or (), "status")
    except MouTrackerError:
        return None


def _lower(text: str) -> str:
    """A choice as typed, in lower case: ``--format JSON`` is ``--format json``, as ``--kind MoU`` is ``mou``."""
    return text.lower()


def _today(args: argparse.Namespace) -> _dt.date:
    import pendulum

    zone = None
    if args.tz is not None:
        try:
            zone = pendulum.timezone(args.tz)
        except (ValueError, OSError):
            from ..exceptions import MouTrackerError

            raise MouTrackerError(f"unknown time zone {args.tz!r}; use a name such as Asia/Singapore") from None
    if args.as_of is not None:
        from ..dates import PartialDate

        day = PartialDate.parse(args.as_of)
        if day.day is None:
            from ..exceptions import InvalidDate

            raise InvalidDate(args.as_of, "--as-of needs a full date, YYYY-MM-DD")
        return day.earliest
    return (pendulum.now(zone) if zone is not None else pendulum.now()).date()


def _check_format(fmt: str) -> str:
    from ..reports import FORMATS

    if fmt not in FORMATS:
        from ..exceptions import MouTrackerError

        raise MouTrackerError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return fmt


def _start(text: str | None) -> _dt.date | None:
    """The first day a date given on the command line allows (``2025`` → 1 January 2025)."""
    if text is None:
        return None
    from ..dates import PartialDate

    return PartialDate.parse(text).earliest


def _end(text: str | None) -> _dt.date | None:
    """The last day a date given on the command line allows (``2025`` → 31 December 2025)."""
    if text is None:
        return None
    from ..dates import PartialDate

    return PartialDate.parse(text).latest


def _window(start: _dt.date | None, end: _dt.date | None, first: str, last: str) -> None:
    if start is not None and end is not None and start > end:
        from ..exceptions import MouTrackerError

        raise MouTrackerError(f"{first} ({start.isoformat()}) is after {last} ({end.isoformat()})")


def _enum(kind: type, values: Sequence[str], what: str) -> list:  # type: ignore[type-arg]
    out = []
    for value in values:
        try:
            out.append(kind(value.strip().lower().replace(" ", "_").replace("-", "_")))
        except ValueError:
            from ..exceptions import MouTrackerError

            choices = ", ".join(m.value for m in kind)  # type: ignore[attr-defined]
            raise MouTrackerError(f"unknown {what} {value!r}; choose one of {choices}") from None
    return out


# The options and arguments that may not be given an empty value, in the order they are checked (--data comes
# between the two), and what the positional ones are called in the usage.
_VALUED = (
    "recorded_on",
    "text",
    "search",
    "related",
    "signed_from",
    "signed_to",
    "in_effect_from",
    "in_effect_to",
    "since",
    "until",
)
_REPEATED = ("status", "kind", "party", "area", "relation", "parties")
_ARGUMENTS = {"text": "TEXT", "parties": "PARTY"}


def _no_empty_values(args: argparse.Namespace) -> None:
    """An option given an empty value is a mistake, not a request for everything."""
    from ..exceptions import MouTrackerError

    if isinstance(getattr(args, "text", None), list):  # search's words, quoted or not, are one text
        args.text = " ".join(args.text)

    def refuse_empty(names: Sequence[str]) -> None:
        for name in names:
            value = getattr(args, name, None)
            if any(not v.strip() for v in ([value] if isinstance(value, str) else value or ())):
                option = _ARGUMENTS.get(name) or "--" + name.replace("_", "-")
                raise MouTrackerError(f"{option} needs a value, found an empty one")

    refuse_empty(_VALUED)
    if getattr(args, "data", None) == "":
        raise MouTrackerError("--data needs the path of a data file or directory, found an empty one")
    refuse_empty(_REPEATED)
