"""The entry point, and the contract of the command line with whoever runs it.

Exit codes: 0 success; 1 when a check found something (``due
--fail-on-overdue``); 2 bad usage or bad data; 130 interrupted (Ctrl-C).
Data goes to stdout, diagnostics to stderr, and no traceback reaches the
user: this is the one place that turns the library's errors into a message
(located, for problems in the data; escaped, so that what it repeats cannot
act on the terminal) and an exit code.
"""

from __future__ import annotations

import os
import sys

from ._parser import _asks_version, _parse, _version, command
from ._shared import EXIT_BAD, EXIT_INTERRUPTED, EXIT_OK

# Not typing.TYPE_CHECKING: see _shared.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import TextIO


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
    from ..exceptions import DataError, MouTrackerError, UnknownName

    try:
        return command(args.command or "status").run(args, out, err)
    except DataError as exc:
        for problem in exc.problems:
            err.write(f"{problem}\n")
        return EXIT_BAD
    except MouTrackerError as exc:
        from .._characters import visible

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
