"""The commands that read the data and print what it says on the day, as a table or a card.

status, list and search (the agreements that match, with their status),
show (one agreement), report, areas, parties, timeline, due, changes and chain.
Each reads its arguments through :class:`Context`, which checks the format,
the values and the day before loading the data, and writes one report.
"""

from __future__ import annotations

from ._shared import (
    _EPILOG,
    _NAME_HELP,
    EXIT_FOUND,
    EXIT_OK,
    Command,
    Context,
    _end,
    _enum,
    _lower,
    _start,
    _window,
)

# Not typing.TYPE_CHECKING: see _shared.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    import datetime as _dt
    from typing import TextIO

    from ..dataset import Dataset
    from ..queries import Query

_STATUSES = (
    "proposed", "negotiating", "concluded", "signed", "in_effect", "completed", "expired", "terminated",
    "superseded", "abandoned",
)  # fmt: skip
_RELATIONS = ("amends", "supersedes", "implements", "continues", "follows_up", "part_of", "establishes")


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


def _search_options(search: argparse.ArgumentParser) -> None:
    search.add_argument("text", nargs="+", metavar="WORD", help="the words to find, all of them")


def _show_options(show: argparse.ArgumentParser) -> None:
    show.add_argument("id", metavar="NAME", help=_NAME_HELP)
    show.add_argument(
        "--party",
        metavar="PARTY",
        help="also read its status for this party on the day (an id, name or country code: SG, 'viet nam'); "
        "for a multilateral instrument, from the party's own actions",
    )


def _due_options(due: argparse.ArgumentParser) -> None:
    due.add_argument("--until", metavar="DATE", help="the end of the window (default: one year after the day)")
    due.add_argument("--fail-on-overdue", action="store_true", help="exit 1 when anything is overdue")


def _changes_options(changes: argparse.ArgumentParser) -> None:
    changes.add_argument("--since", metavar="DATE", help="the start of the window (default: one year before the day)")
    changes.add_argument("--until", metavar="DATE", help="the end of the window (default: the day)")


def _chain_options(chain: argparse.ArgumentParser) -> None:
    chain.add_argument("id", metavar="NAME", help="the agreement at the root of the tree: " + _NAME_HELP)


def _filtered(args: argparse.Namespace, dataset: Dataset, day: _dt.date) -> Query:
    from ..model import AgreementKind, RelationType, Status

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
        from ..exceptions import MouTrackerError

        raise MouTrackerError("--relation needs --related NAME")
    if getattr(args, "related", None):
        related = dataset.find(args.related).id
        query = query.related(related, *_enum(RelationType, args.relation or [], "relation"))
    return query


def _listing(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """status, list and search: the agreements that match every filter (all of them for status), with their status."""
    from .. import reports
    from ..queries import status_for

    context = Context(args)
    dataset, day = context.dataset, context.day
    matches = list(_filtered(args, dataset, day)) if args.command not in (None, "status") else None
    # One party given: a multilateral instrument's status is read for it, as --status reads it.
    parties = getattr(args, "party", None) or []
    party = parties[0] if len(parties) == 1 else None
    if getattr(args, "certain", False) and matches is not None:
        matches = [m for m in matches if m.certain and status_for(dataset, m.agreement, party, day).certain]
    return context.show(reports.status_report(dataset, day, matches=matches, lang=context.lang, party=party), out)


def _show(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .. import reports

    context = Context(args)
    ident = context.dataset.find(args.id).id
    party = args.party
    if party is not None:
        reports.party_name(context.dataset, party)  # an unknown party is an error, with suggestions
    card = reports.card(
        context.dataset, ident, context.day, fmt=context.fmt, width=context.width, lang=context.lang, party=party
    )
    out.write(card + "\n")
    return EXIT_OK


def _report(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .. import reports

    context = Context(args)
    return context.show(reports.matrix_report(context.dataset, context.day, lang=context.lang), out)


def _areas(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .. import reports

    context = Context(args)
    return context.show(reports.area_report(context.dataset, lang=context.lang), out)


def _parties(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .. import reports

    context = Context(args)
    return context.show(reports.party_report(context.dataset, context.day, lang=context.lang), out)


def _timeline(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .. import reports

    context = Context(args)
    return context.show(reports.timeline_report(context.dataset, lang=context.lang), out)


def _due(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .. import reports
    from ..dates import years_after
    from ..queries import due

    context = Context(args, lambda day: (day, _end(args.until) or years_after(day, 1)))
    day = context.day
    until = _end(args.until) or years_after(day, 1)
    _window(day, until, "the day", "--until")
    found = due(context.dataset, day, until)
    context.show(reports.due_report(found, day, until, lang=context.lang), out)
    return EXIT_FOUND if args.fail_on_overdue and any(item.overdue for item in found) else EXIT_OK


def _changes(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .. import reports
    from ..dates import years_after
    from ..queries import action_changes, changes

    context = Context(args, lambda day: (_start(args.since) or years_after(day, -1), _end(args.until) or day))
    dataset, day = context.dataset, context.day
    since = _start(args.since) or years_after(day, -1)
    until = _end(args.until) or day
    _window(since, until, "--since", "--until")
    report = reports.changes_report(
        changes(dataset, since, until),
        since,
        until,
        lang=context.lang,
        actions=action_changes(dataset, since, until),
        dataset=dataset,
    )
    return context.show(report, out)


def _chain(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from .. import reports
    from ..queries import chain

    context = Context(args)
    dataset = context.dataset
    tree = chain(dataset, dataset.find(args.id).id)
    return context.show(reports.chain_report(dataset, tree, context.day, lang=context.lang), out)


COMMANDS: dict[str, Command] = {
    "status": Command(
        "Print the status of every agreement on the day. A '?' marks a status that is possible but not certain.",
        _listing,
    ),
    "list": Command(
        "List the agreements that match every filter, with their status on the day. A status that is only "
        "possible, or a row a filter is not sure of, is marked '?'. Repeating a filter accepts any of its values.",
        _listing,
        options=_list_options,
    ),
    "search": Command(
        "Find agreements whose titles, short names, aliases or people hold every word given; 'to lam' finds "
        "'Tô Lâm'. The words may be quoted or not: search tô lâm is search 'tô lâm'.",
        _listing,
        options=_search_options,
    ),
    "show": Command(
        "Print one agreement's facts, status on the day, history, relations, targets and sources. "
        "With --format json, the whole record.",
        _show,
        options=_show_options,
    ),
    "report": Command(
        "Print the area × status matrix on the day. An area counts its sub-areas too; '2+1?' means two "
        "certainly and one more possibly.",
        _report,
    ),
    "areas": Command(
        "Print the areas as a tree, with how many agreements each has.",
        _areas,
    ),
    "parties": Command(
        "Print, for each signatory, its agreements, how many were in effect on the day and the last signed. "
        "A body counts those of the bodies under it and of its predecessors and successors.",
        _parties,
    ),
    "timeline": Command(
        "Print every recorded event, oldest first; '*' marks a dispute.",
        _timeline,
    ),
    "due": Command(
        "Print term ends, notice dates and targets that fall due from the day to --until, and every target "
        "whose date has passed with nothing recording it met.",
        _due,
        options=_due_options,
        epilog=_EPILOG,
    ),
    "changes": Command(
        "Print every status event from --since to --until, newest first; '?' marks a date that may fall outside.",
        _changes,
        options=_changes_options,
    ),
    "chain": Command(
        "Print the instruments tied to an agreement by relations, either way, as a tree.",
        _chain,
        options=_chain_options,
    ),
}
"""The commands this module defines and runs, by name."""
