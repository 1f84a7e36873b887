"""What happened and what is due, in time: the timeline, the changes in a window, what falls due, the chain.

The timeline and the changes show status events and parties' actions alike,
each first made a :class:`_Row` that knows its date, the mark after it and
its JSON fields.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from typing import Any, Final

import attrs

from ..dataset import Dataset
from ..dates import DateInterval, PartialDate
from ..model import Action, Agreement, StatusEvent
from ..queries import ActionChange, ChainLink, Due, StatusChange
from .rendering import Report
from .words import _name, action_label, in_words, status_label


def timeline_report(dataset: Dataset, *, lang: str = "en") -> Report:
    """Every recorded event, oldest first; ``*`` marks a date or status sources dispute.

    Events are ordered by what is known of their dates
    (:attr:`~mou_tracker.dates.PartialDate.timeline_key`): by the first day
    each may be on, and an event known only to have happened by some day
    (``../2025-03-25``) on that day, after the events known to fall on it.
    The note under the table says so.
    """
    rows: list[_Row] = []
    for a in dataset:
        for e in a.history:
            disputed = e.date.disputed or e.status.disputed
            rows.append(_status_row(a, e, "*" if disputed else "", {"disputed": disputed}))
    for a in dataset:
        for action in a.actions:
            disputed = action.date.disputed
            rows.append(_action_row(dataset, a, action, "*" if disputed else "", {"disputed": disputed}, lang=lang))
    rows.sort(key=lambda row: row.date.timeline_key)  # stable: on one day, status events before actions
    report = _events_report("Timeline", "event", rows, lang)
    acted = any(a.actions for a in dataset)
    return attrs.evolve(report, note=TIMELINE_NOTE + (" " + ACTIONS_NOTE if acted else ""))


TIMELINE_NOTE: Final = (
    "Oldest first, by the first day each event may be on; an event known only to have happened "
    "by some day (../2025-03-25) is placed on that day. * marks a date or status that sources dispute."
)
"""How the timeline is ordered, as the note under it says."""

ACTIONS_NOTE: Final = (
    "A party's own action on a multilateral instrument is named by the party: 'VN: ratification' "
    "(a State by its country code)."
)
"""What the timeline's note adds when the data records parties' actions."""


def changes_report(
    found: Sequence[StatusChange],
    start: _dt.date,
    end: _dt.date,
    *,
    lang: str = "en",
    actions: Sequence[ActionChange] = (),
    dataset: Dataset | None = None,
) -> Report:
    """The events :func:`mou_tracker.queries.changes` found, and the parties' ``actions``, newest first.

    ``?`` after a date marks one that may fall outside the window. An action
    (:func:`mou_tracker.queries.action_changes`) is named by its party, which
    ``dataset`` names; its JSON record has ``party`` and ``action``, and a
    null ``status``.
    """
    rows = [_status_row(c.agreement, c.event, "" if c.certain else "?", {"certain": c.certain}) for c in found]
    if actions:
        if dataset is None:
            raise ValueError("changes_report needs the dataset to name the parties of actions")
        rows.extend(
            _action_row(dataset, c.agreement, c.action, "" if c.certain else "?", {"certain": c.certain}, lang=lang)
            for c in actions
        )
        rows.sort(key=lambda row: row.date.timeline_key, reverse=True)
    return _events_report(f"Changes from {start.isoformat()} to {end.isoformat()}", "status", rows, lang)


@attrs.frozen
class _Row:
    """A row of the timeline or the changes: a status event or a party's action, before it is shown."""

    agreement: Agreement
    date: PartialDate | DateInterval
    mark: str
    what: str
    data: dict[str, Any]
    sources: tuple[str, ...]


def _status_row(a: Agreement, e: StatusEvent, mark: str, fields: dict[str, Any]) -> _Row:
    data = {"date": str(e.date.value), "id": a.id, "title": a.title.value, "status": e.status.value.value, **fields}
    return _Row(a, e.date.value, mark, e.status.value.label, data, e.all_sources)


def _action_row(
    dataset: Dataset, a: Agreement, action: Action, mark: str, fields: dict[str, Any], *, lang: str
) -> _Row:
    data = {
        "date": str(action.date.value),
        "id": a.id,
        "title": a.title.value,
        "status": None,
        "party": action.party,
        "action": action.action.value,
        **fields,
    }
    return _Row(a, action.date.value, mark, action_label(dataset, action, lang), data, action.all_sources)


def _events_report(title: str, column: str, events: Iterable[_Row], lang: str) -> Report:
    """Status events and actions as rows: each with the mark after its date and its own JSON fields."""
    rows = []
    data = []
    for row in events:
        a = row.agreement
        rows.append((str(row.date) + row.mark, a.id, _name(a, lang), row.what, " ".join(row.sources)))
        data.append({**row.data, "sources": list(row.sources)})
    return Report(title, ("date", "id", "name", column, "sources"), tuple(rows), data, "name", ("sources",))


def due_report(found: Sequence[Due], today: _dt.date, until: _dt.date, *, lang: str = "en") -> Report:
    """What :func:`mou_tracker.queries.due` found, with how far each is from ``today`` in words.

    The distance is to the last day a date allows (a target "by 2026" is due
    by 31 December 2026). ``overdue`` is ``yes`` when that day has passed and
    nothing records the target met; ``?`` after a date marks one that may
    fall outside the window. A target of a multilateral instrument that a
    party has yet to meet names the party and what it has yet to do
    (``vn consent pending: In force for every party``); its JSON record has
    ``party`` and ``pending``.
    """
    rows = []
    data = []
    for item in found:
        latest = item.date.latest
        when = in_words(latest, today) if latest is not None else ""
        what = item.what if item.party is None else f"{item.party} {item.pending} pending: {item.what}"
        rows.append(
            (
                str(item.date) + ("" if item.certain else "?"),
                when,
                item.agreement.id,
                what,
                "yes" if item.overdue else "",
                _name(item.agreement, lang),
            )
        )
        record = {
            "date": str(item.date),
            "when": when,
            "id": item.agreement.id,
            "title": item.agreement.title.value,
            "what": item.what,
            "overdue": item.overdue,
            "certain": item.certain,
        }
        if item.party is not None:
            record.update(party=item.party, pending=item.pending)
        data.append(record)
    title = f"Due from {today.isoformat()} to {until.isoformat()}, and overdue"
    columns = ("date", "when", "id", "what", "overdue", "name")
    return Report(title, columns, tuple(rows), data, ("name", "what"), ("name",))


def chain_report(dataset: Dataset, root: ChainLink, day: _dt.date, *, lang: str = "en") -> Report:
    """The chain tree of :func:`mou_tracker.queries.chain`, each line read from its parent.

    ``implements`` under a node means the node implements the line's
    instrument; ``implemented by`` means the line's instrument implements it.
    """
    rows: list[tuple[str, ...]] = []

    def node(link: ChainLink) -> dict[str, Any]:
        reading = dataset.status_on(link.agreement, day)
        return {
            "id": link.agreement.id,
            "title": link.agreement.title.value,
            "relation": link.relation.value if link.relation is not None else None,
            "direction": None if link.relation is None else ("to" if link.outgoing else "from"),
            "status": reading.status.value if reading.status is not None else None,
            "certain": reading.certain,
            "links": [node(child) for child in link.links],
        }

    def walk(link: ChainLink, lead: str, last: bool, top: bool) -> None:
        branch = "" if top else ("└── " if last else "├── ")
        relation = ""
        if link.relation is not None:
            relation = link.relation.label if link.outgoing else link.relation.inverse_label
        a = link.agreement
        rows.append((lead + branch + a.id, relation, status_label(dataset.status_on(a, day)), _name(a, lang)))
        below = lead + ("" if top else ("    " if last else "│   "))
        for i, child in enumerate(link.links):
            walk(child, below, i == len(link.links) - 1, False)

    walk(root, "", True, True)
    return Report(
        f"Chain of {root.agreement.id} on {day.isoformat()}",
        ("instrument", "relation", "status", "name"),
        tuple(rows),
        node(root),
        flexible="name",
    )
