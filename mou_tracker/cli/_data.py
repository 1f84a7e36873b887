"""The commands that check and keep the data rather than report on it: validate, schema, cache and import.

``validate`` reads data files as every command does, but prints their
problems (or a report of each path) rather than a table; ``schema`` prints the
JSON Schema of the format; ``cache`` looks after the cache of files already
read; ``import`` writes data files from the UN Treaty Collection's tables.
``schema``, ``cache`` and ``import`` read no data, so take none of the shared
options.
"""

from __future__ import annotations

from ._shared import EXIT_BAD, EXIT_OK, Command, _check_format

# Not typing.TYPE_CHECKING: see _shared.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import TextIO

    from ..exceptions import Problem


def _validate_options(validate: argparse.ArgumentParser) -> None:
    validate.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="files or directories to check (default: --data or the bundled dataset)",
    )


def _cache_options(cache: argparse.ArgumentParser) -> None:
    cache.add_argument("action", choices=("info", "clear"), help="info or clear")


def _import_options(importing: argparse.ArgumentParser) -> None:
    importing.add_argument("source_format", metavar="FORMAT", choices=["untc"], help="untc, the only one")
    importing.add_argument("source", metavar="SOURCE_DIR", help="the directory of the tables and index.csv")
    importing.add_argument("--output", metavar="DIR", required=True, help="the directory to write to")
    importing.add_argument(
        "--force", action="store_true", help="overwrite files a curator edited, or that no import wrote"
    )
    importing.add_argument("--strict", action="store_true", help="write nothing at all if there is any problem")


def _schema(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the JSON Schema of the data format; no data is read."""
    from ..schema import schema_text

    out.write(schema_text())
    return EXIT_OK


def _validate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .._characters import visible
    from ..exceptions import DataError
    from ..loading import bundled_path, load

    as_json = _check_format(args.format) == "json"
    paths = args.paths or [args.data or str(bundled_path())]
    status = EXIT_OK
    results = []
    for path in paths:
        try:
            dataset = load(path, cache=args.cache, recheck=True, recorded_on=args.recorded_on)
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
            from .._html import dataset_summary  # counted as the Dataset's repr counts: 1 person, 2 people

            at = f" as recorded on {args.recorded_on}" if args.recorded_on is not None else ""
            out.write(visible(f"{path}{at}: ok ({dataset_summary(dataset)})", lines=False) + "\n")
    if as_json:
        from .._characters import json_text

        out.write(json_text(results) + "\n")
    return status


def _cache(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Say where the cache is and how large, or clear it."""
    from .._characters import visible
    from ..cache import CACHE_ENV, default_cache
    from ..exceptions import MouTrackerError

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
    from .._characters import visible
    from ..untc import import_untc

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
    from ..exceptions import format_path

    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "path": format_path(problem.path) if problem.path is not None else None,
        "message": problem.message,
    }


COMMANDS: dict[str, Command] = {
    "validate": Command(
        "Check data files or directories; print every problem as file:line:column: path: message.",
        _validate,
        options=_validate_options,
    ),
    "schema": Command(
        "Print the JSON Schema (draft 2020-12) of a data file, as mou_tracker/schema.json holds it. Editors use it "
        "to complete and check a data file as it is typed; it checks each value on its own, and validate checks "
        "the whole. It reads no data.",
        _schema,
        reads_data=False,
    ),
    "cache": Command(
        "info: print where the cache of data files already read is, how many entries and bytes it holds, and its "
        "bound, or why it is not used. clear: remove every file the cache wrote, and nothing else. It reads no data.",
        _cache,
        options=_cache_options,
        reads_data=False,
    ),
    "import": Command(
        "Read a directory of the Collection's status tables in the scraped form (one CSV per treaty and an "
        "index.csv) and write one data file per treaty and participants.yaml to --output. Every problem is printed "
        "with its file, line and column, and the command exits 2; what has none is written. A file an import wrote "
        "and nobody edited since is replaced; any other (a curator's edit) is never overwritten without --force.",
        _import,
        options=_import_options,
        reads_data=False,
    ),
}
"""The commands this module defines and runs, by name."""
