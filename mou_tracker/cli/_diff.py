"""The diff and history commands: what changed between two versions of the data, and in one record commit by commit.

The sides are read as every command reads data (a side from git through git
itself: :mod:`mou_tracker._git`), compared by :func:`mou_tracker.diff`, and
the changes written as a table, as JSON or as Markdown. ``--fail-on`` makes
the command a check, for CI and the pre-commit hook: exit 1 when a change of
a kind it names is found. ``history`` lists the commits that changed one
agreement's record (:func:`mou_tracker._history.history`), with what each
changed in it, in the same table.
"""

from __future__ import annotations

from ._shared import EXIT_FOUND, EXIT_OK, Command, _check_format, _lower

# Not typing.TYPE_CHECKING: see _shared.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import TextIO

    from ..dataset import Dataset

_KINDS = (
    "added", "removed", "changed", "renamed", "date_refined", "date_widened", "date_contradicted",
    "preferred_changed",
)  # fmt: skip

_EPILOG = (
    "Exit codes: 0 success, 1 a change of a kind --fail-on names was found, 2 bad usage or bad data, 130 interrupted."
)


def _diff_options(diff: argparse.ArgumentParser) -> None:
    diff.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="a data file or directory for each side: OLD then NEW; after the sides --git gives, if any",
    )
    diff.add_argument(
        "--git",
        action="append",
        metavar="REV[:PATH]",
        help="a side as the git revision REV holds it, read through git without a checkout; PATH is relative to "
        "the repository's root (default: --data, else the bundled data file). Given once, it is OLD, and NEW is "
        "the PATH given, else --data or the bundled data as it is on disk; given twice, OLD then NEW",
    )
    diff.add_argument(
        "--fail-on",
        action="append",
        type=_lower,
        metavar="KIND[,KIND]",
        help="exit 1 when a change of any of these kinds is found: destructive (any destructive change), "
        + ", ".join(_KINDS),
    )


def _fail_on(values: list[str] | None) -> set[str]:
    wanted = {word.strip() for value in values or () for word in value.split(",")}
    unknown = sorted(wanted - {*_KINDS, "destructive"})
    if unknown:
        from ..exceptions import MouTrackerError

        raise MouTrackerError(
            f"unknown kind of change {unknown[0]!r} for --fail-on; choose destructive or one of {', '.join(_KINDS)}"
        )
    return wanted


def _side(kind: str, given: str, args: argparse.Namespace) -> Dataset:
    from ..loading import bundled_path, load

    if kind == "git":
        from .._git import load_revision

        return load_revision(given, args.data or bundled_path())
    return load(given, cache=args.cache)


def _diff(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Compare the two sides; the changes to ``out``; exit 1 when --fail-on finds one of its kinds."""
    from .._characters import visible
    from ..diffing import diff
    from ..exceptions import MouTrackerError
    from ..loading import bundled_path

    markdown = args.format == "markdown"
    if not markdown:
        _check_format(args.format)
    fail_on = _fail_on(args.fail_on)
    if args.recorded_on is not None:
        raise MouTrackerError("diff reads a revision with --git REV[:PATH]; --recorded-on is for the other commands")
    sides = [("git", rev) for rev in args.git or ()] + [("path", path) for path in args.paths]
    if len(sides) == 1 and sides[0][0] == "git":
        sides.append(("path", args.data or str(bundled_path())))
    if len(sides) != 2:
        raise MouTrackerError(
            "diff compares two sides, OLD and NEW (two paths, --git REV and a path, or --git twice); "
            f"found {len(sides)}"
        )
    old, new = (_side(kind, given, args) for kind, given in sides)
    changes = diff(old, new)
    labels = [visible(given, lines=False) for _, given in sides]
    if markdown:
        from ..reports import diff_markdown

        out.write(diff_markdown(changes, *labels) + "\n")
    else:
        from ..reports import diff_report, render

        out.write(render(diff_report(changes, *labels), args.format, width=None if args.wide else 80) + "\n")
    found = any(d.kind.value in fail_on or (d.destructive and "destructive" in fail_on) for d in changes)
    return EXIT_FOUND if found else EXIT_OK


def _history_options(history: argparse.ArgumentParser) -> None:
    from ._shared import _NAME_HELP

    history.add_argument("id", metavar="ID", help="the agreement: " + _NAME_HELP)


def _history(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """The commits that changed the agreement's record, newest first, with what each changed in it."""
    from .._history import history
    from ..loading import bundled_path
    from ..reports import history_text

    fmt = _check_format(args.format)
    found = history(args.id, args.data or bundled_path(), recorded_on=args.recorded_on)
    out.write(history_text(found, fmt, width=None if args.wide else 80) + "\n")
    return EXIT_OK


COMMANDS: dict[str, Command] = {
    "diff": Command(
        "Print what changed from OLD to NEW, record by record: instruments, signatories, people, areas and sources "
        "added, removed or renamed; and in each, events, actions, claims, relations, sources, terms and targets "
        "added, removed or changed, a date made more precise told apart from one contradicted, and another claim "
        "preferred. '!' marks a destructive change. --format markdown writes a list for a release's changelog.",
        _diff,
        options=_diff_options,
        epilog=_EPILOG,
    ),
    "history": Command(
        "Print how one agreement's record changed, commit by commit, in the git repository that holds the data "
        "(--data, else the bundled data), newest first: each commit's short hash, date (the committer's, in UTC) "
        "and subject, and what it changed in the record, as diff shows changes. The commits are those of the "
        "current branch, along its first parents, from --recorded-on (default HEAD) back; a rename is followed, "
        "the older commits showing the record under its earlier id. Read through git, without a checkout.",
        _history,
        options=_history_options,
    ),
}
"""The commands this module defines and runs, by name."""
