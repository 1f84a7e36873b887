"""The commands about each party's part in multilateral instruments: participation, bound and actions.

A multilateral instrument binds each party from its own actions (signature,
ratification, accession…), not from the instrument's status alone; these
commands print those actions and what they add up to, as the UN Treaty
Collection shows them.
"""

from __future__ import annotations

from ._shared import _NAME_HELP, Command, Context, _end, _enum, _start, _window

# Not typing.TYPE_CHECKING: see _shared.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from typing import TextIO

    from ..model import ActionKind


def _action_kinds() -> list[ActionKind]:
    from ..model import ActionKind

    return list(ActionKind)


def _participation_options(participation: argparse.ArgumentParser) -> None:
    participation.add_argument("id", metavar="NAME", help=_NAME_HELP)


def _bound_options(bound: argparse.ArgumentParser) -> None:
    bound.add_argument(
        "parties",
        nargs="+",
        metavar="PARTY",
        help="a signatory id, name or alias in any language and case, or an ISO country code (VN, SG)",
    )


def _actions_options(actions: argparse.ArgumentParser) -> None:
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


def _participation(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .. import reports

    context = Context(args)
    dataset = context.dataset
    return context.show(reports.participation_report(dataset, dataset.find(args.id), lang=context.lang), out)


def _bound(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .. import reports

    context = Context(args)
    dataset = context.dataset
    binding = dataset.bound_on(args.parties, context.day)
    return context.show(reports.bound_report(dataset, binding, lang=context.lang), out)


def _actions(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .. import reports
    from ..model import ActionKind
    from ..queries import action_changes

    context = Context(args)
    dataset, lang = context.dataset, context.lang
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
    title = f"Actions{' of ' + who if who else ''}{window}"
    return context.show(reports.actions_report(dataset, acted, title, lang=lang), out)


COMMANDS: dict[str, Command] = {
    "participation": Command(
        "Print the table of participants of one instrument as the UN Treaty Collection shows it: signature, "
        "consent to be bound with its letter (a accession, A acceptance, AA approval, d succession, s definitive "
        "signature, c formal confirmation), entry into force for the party ('*': derived from the instrument's "
        "clause) and footnotes. Dates are written as the Collection writes them: 25 Jul 1994.",
        _participation,
        options=_participation_options,
    ),
    "bound": Command(
        "Print the instruments (bilateral or multilateral) in force on the day for every party given, then those "
        "in force for each of them but not for all. '?' marks one that only may be.",
        _bound,
        options=_bound_options,
    ),
    "actions": Command(
        "Print the signatures, ratifications, accessions, withdrawals and other actions of the parties to "
        "multilateral instruments, in the order they happened, that match every filter; '?' marks a date that may fall "
        "outside the window, '*' one that sources dispute.",
        _actions,
        options=_actions_options,
    ),
}
"""The commands this module defines and runs, by name."""
