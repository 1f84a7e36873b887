"""The ``export`` command: the data in another format, to a file or to standard output.

The formats are those of :mod:`mou_tracker.exports`; what this command adds
is where the bytes go. A file given to ``--output`` is replaced only once the export
is complete, and never when it is one of the data files read (unless
``--force``); a binary format is not written to a terminal.
"""

from __future__ import annotations

import os

from ._shared import EXIT_OK, Command, _lower, _today

# Not typing.TYPE_CHECKING: see _shared.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import TextIO


def _export_options(export: argparse.ArgumentParser) -> None:
    from ..exports import FORMATS as EXPORTS

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


def _export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the export to --output, or to standard output."""
    from ..exceptions import MouTrackerError
    from ..exports import FORMATS, export, write
    from ..loading import load

    fmt = FORMATS[args.export_format]
    day = _today(args)
    to_file = args.output not in (None, "-")
    if not args.force:
        _refuse_data_file(args.output if to_file else out, args.data)
    dataset = load(args.data, cache=args.cache, recorded_on=args.recorded_on)
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

    from .._files import _data_files
    from ..exceptions import MouTrackerError
    from ..loading import bundled_path

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


COMMANDS: dict[str, Command] = {
    "export": Command(
        "Write the data as --format gives, to --output or standard output: json (the data format), csv (a row per "
        "agreement), ics (a calendar of events and what is due), sqlite (a database for Datasette), html (a report), "
        "svg or png (a timeline picture; needs the plot extra). Statuses are read, and what is due counted, "
        "on the day.",
        _export,
        options=_export_options,
        tables=False,
    ),
}
"""The commands this module defines and runs, by name."""
