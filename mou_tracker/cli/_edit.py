"""The commands that edit the curated YAML: add, set and fmt.

They write into the data that ``--data`` names (never the bundled dataset
unless ``--data`` names it): ``add`` and ``set`` change one place of the
file that holds the record and leave every other byte as it was, check the
whole data as ``load`` does, and write atomically, or write nothing and say
why; ``fmt`` puts files in the canonical layout, comments kept, and with
``--check`` only says which files it would change (for pre-commit).
"""

from __future__ import annotations

from ._shared import EXIT_BAD, EXIT_FOUND, EXIT_OK, Command

# Not typing.TYPE_CHECKING: see _shared.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import Any, TextIO

    from ..editing import Edit

# What each kind of record takes, as (option, field of the record); the first ones are required.
_FIELDS: dict[str, tuple[tuple[str, ...], tuple[tuple[str, str], ...]]] = {
    "agreement": (
        ("id", "title", "kind"),
        (
            ("id", "id"),
            ("title", "title"),
            ("kind", "kind"),
            ("source", "sources"),
            ("short", "short"),
            ("alias", "aliases"),
            ("binding", "binding"),
            ("party", "parties"),
            ("place", "place"),
            ("area", "areas"),
            ("multilateral", "multilateral"),
            ("notes", "notes"),
        ),
    ),
    "event": (
        ("date", "status"),
        (("date", "date"), ("status", "status"), ("source", "sources"), ("note", "note"), ("place", "place")),
    ),
    "action": (
        ("party", "kind", "date"),
        (
            ("party", "party"),
            ("kind", "action"),
            ("date", "date"),
            ("source", "sources"),
            ("text", "text"),
            ("url", "url"),
            ("notes", "notes"),
        ),
    ),
    "source": (
        ("id", "language"),
        (
            ("id", "id"),
            ("language", "language"),
            ("title", "title"),
            ("publisher", "publisher"),
            ("url", "url"),
            ("published", "published"),
            ("notes", "notes"),
        ),
    ),
}
_LISTS = {"source", "alias", "area"}
_ALL = sorted({option for _, fields in _FIELDS.values() for option, _ in fields})


def _add_options(add: argparse.ArgumentParser) -> None:
    add.add_argument("what", choices=tuple(_FIELDS), help="the kind of record to add")
    add.add_argument(
        "agreement", nargs="?", metavar="AGREEMENT", help="for an event or an action: the agreement, by any name"
    )
    for option in _ALL:
        if option in _LISTS:
            add.add_argument(f"--{option}", action="append", metavar=option.upper(), help="may be given again")
        elif option == "party":
            add.add_argument(
                "--party", action="append", metavar="PARTY", help="a signatory by id or name (again for an agreement)"
            )
        elif option == "multilateral":
            add.add_argument("--multilateral", action="store_true", default=None, help="a multilateral instrument")
        elif option == "binding":
            add.add_argument("--binding", choices=("true", "false"), help="whether the agreement binds")
        else:
            add.add_argument(f"--{option}", metavar=option.upper())
    add.add_argument(
        "--file", metavar="FILE", help="for a directory of data: the file a new agreement or source goes in"
    )
    _dry_run(add)


def _dry_run(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--dry-run", action="store_true", help="print the change as a diff, check it, and write nothing"
    )


def _set_options(setting: argparse.ArgumentParser) -> None:
    setting.add_argument("ident", metavar="ID", help="the record's id (an agreement's by any name)")
    setting.add_argument("field", metavar="FIELD", help="a field that holds one value: title, kind, url…")
    setting.add_argument("value", metavar="VALUE", help="the new value as it would be written; null for none")
    setting.add_argument(
        "--record",
        choices=("agreement", "source", "signatory", "person", "area"),
        help="the kind of record, when the id is that of several",
    )
    _dry_run(setting)


def _fmt_options(fmt: argparse.ArgumentParser) -> None:
    fmt.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: --data)")
    fmt.add_argument("--check", action="store_true", help="change nothing; list the files that would change, exit 1")
    fmt.add_argument("--diff", action="store_true", help="change nothing; print what would change, as a diff")


def _data(args: argparse.Namespace, command: str) -> str:
    from ..exceptions import MouTrackerError

    if not args.data:
        raise MouTrackerError(
            f"{command} writes into the data that --data names (a file or a directory); "
            "the bundled dataset is changed only when --data names it"
        )
    data: str = args.data
    return data


def _plain(args: argparse.Namespace) -> dict[str, Any]:
    from ..exceptions import MouTrackerError

    required, fields = _FIELDS[args.what]
    known = {option for option, _ in fields}
    for option in _ALL:
        if option not in known and getattr(args, option) is not None:
            raise MouTrackerError(f"add {args.what} takes no --{option}")
    for option in required:
        if getattr(args, option) is None:
            raise MouTrackerError(f"add {args.what} needs --{option}")
    plain: dict[str, Any] = {}
    for option, field in fields:
        value = getattr(args, option)
        if option == "party" and args.what == "action":
            if len(value) > 1:
                raise MouTrackerError("add action takes one --party")
            value = value[0]
        if option == "binding" and value is not None:
            value = value == "true"
        if value is not None:
            plain[field] = value
    return plain


def _add(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .. import editing
    from ..exceptions import MouTrackerError

    data = _data(args, "add")
    plain = _plain(args)
    if args.what in ("event", "action"):
        if args.agreement is None:
            raise MouTrackerError(f"add {args.what} needs the agreement it belongs to: add {args.what} AGREEMENT …")
        if args.file is not None:
            raise MouTrackerError(f"add {args.what} takes no --file: it goes in the file that holds the agreement")
        adding = editing.add_event if args.what == "event" else editing.add_action
        return _done(lambda: adding(data, args.agreement, plain), args, out, err, f"added the {args.what}")
    if args.agreement is not None:
        raise MouTrackerError(f"add {args.what} takes no AGREEMENT; its id is --id")
    adding_record = editing.add_agreement if args.what == "agreement" else editing.add_source
    return _done(
        lambda: adding_record(data, plain, file=args.file), args, out, err, f"added the {args.what} {plain['id']}"
    )


def _set(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .. import editing

    data = _data(args, "set")
    collection = {"person": "people"}.get(args.record, f"{args.record}s") if args.record else None
    return _done(
        lambda: editing.set_field(data, args.ident, args.field, args.value, collection=collection),
        args,
        out,
        err,
        f"set {args.field} of {args.ident}",
    )


def _done(make: Any, args: argparse.Namespace, out: TextIO, err: TextIO, what: str) -> int:
    """Make the edit; write it (or, with --dry-run, show it); or say why not, and that nothing was written."""
    from .._characters import visible
    from ..exceptions import DataError, EditRefused

    try:
        edit: Edit = make()
    except DataError as exc:
        for problem in exc.problems:
            err.write(f"{problem}\n")
        if isinstance(exc, EditRefused):
            err.write(
                "mou-tracker: error: the edit would leave the data with the problems above; nothing was written\n"
            )
        else:
            err.write("mou-tracker: error: the data has the problems above before any edit; nothing was written\n")
        return EXIT_BAD
    if args.dry_run:
        import difflib

        name = str(edit.file)
        before = (edit.before or "").splitlines(keepends=True)
        out.write(visible("".join(difflib.unified_diff(before, edit.after.splitlines(keepends=True), name, name))))
        return EXIT_OK
    try:
        edit.write()
    except OSError as exc:
        return _unwritten(edit.file, exc, err)
    err.write(visible(f"{edit.file}: {what}", lines=False) + "\n")
    return EXIT_OK


def _fmt(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .._characters import visible
    from ..editing import _read_text, fmt_paths, fmt_text, write_atomically
    from ..exceptions import DataError

    paths = args.paths or [_data(args, "fmt")]
    status = EXIT_OK
    for file in fmt_paths(paths):
        text = _read_text(file)
        try:
            after = fmt_text(text, str(file))
        except DataError as exc:
            for problem in exc.problems:
                err.write(f"{problem}\n")
            status = EXIT_BAD
            continue
        if after == text:
            continue
        if args.diff:
            import difflib

            name = str(file)
            diff = difflib.unified_diff(text.splitlines(keepends=True), after.splitlines(keepends=True), name, name)
            out.write(visible("".join(diff)))
        if args.check:
            out.write(visible(f"would reformat {file}", lines=False) + "\n")
            status = max(status, EXIT_FOUND)
        elif not args.diff:
            try:
                write_atomically(file, after, expected=text)
            except OSError as exc:
                status = _unwritten(file, exc, err)
                continue
            err.write(visible(f"reformatted {file}", lines=False) + "\n")
    return status


def _unwritten(file: object, exc: OSError, err: TextIO) -> int:
    from .._characters import visible

    err.write(visible(f"mou-tracker: error: cannot write {file}: {exc.strerror or exc}; it is as it was", lines=False))
    err.write("\n")
    return EXIT_BAD


_EDIT_EPILOG = "Exit codes: 0 written (or shown, with --dry-run), 2 bad usage or an edit refused (nothing written)."

COMMANDS: dict[str, Command] = {
    "add": Command(
        "Add an agreement or a source to the data --data names, or an event or a party's action to an agreement, "
        "in place: comments, order, quoting and layout of the rest of the file are kept byte for byte. The data "
        "with the new record is checked as validate checks it and written atomically, or, if it has a problem, "
        "nothing is written and the problem is shown where the record would have been.",
        _add,
        options=_add_options,
        epilog=_EDIT_EPILOG,
        tables=False,
    ),
    "set": Command(
        "Set one field of a record (title, kind, url, a date…) to one value, in place, keeping the rest of the file "
        "byte for byte; checked and written as add is. A field that holds several values (a list, a mapping, "
        "several claims) is edited in the file.",
        _set,
        options=_set_options,
        epilog=_EDIT_EPILOG,
        tables=False,
    ),
    "fmt": Command(
        "Put data files in the canonical layout (docs/cli.md says what it is), keeping their comments. With "
        "--check, change nothing and list the files that would change; with --diff, change nothing and show how.",
        _fmt,
        options=_fmt_options,
        epilog="Exit codes: 0 done (with --check: nothing to change), 1 --check found files to change, "
        "2 bad usage or a file that does not read.",
        tables=False,
    ),
}
"""The commands this module defines and runs, by name."""
