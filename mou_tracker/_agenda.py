"""What happened and what is coming: status events and actions in a window of days, and what falls due.

Each is a function over a dataset, as :mod:`mou_tracker.queries` gives them
(``mou_tracker.queries.changes``, ``due``…), each row marked certain when
its date surely falls in the window.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import attrs

from ._match import _check_window, _within
from .dates import DateInterval, PartialDate, Truth
from .model import Action, ActionKind, Agreement, Status, StatusEvent, Target

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = ["ActionChange", "Due", "StatusChange", "action_changes", "changes", "due", "pending_for", "target_met"]


@attrs.frozen
class StatusChange:
    """A status event in a window: which agreement, which event, how sure."""

    agreement: Agreement
    event: StatusEvent
    certain: bool


def changes(dataset: Dataset, start: _dt.date, end: _dt.date) -> list[StatusChange]:
    """Every status event that fell, or may have fallen, between ``start`` and ``end``, newest first.

    The order is the timeline's reversed (:attr:`~mou_tracker.dates.PartialDate.timeline_key`):
    an event known only to have happened by some day sorts on that day.
    """
    _check_window(start, end)
    found = []
    for agreement in dataset:
        for event in agreement.history:
            truth = _within(event.date.value, start, end)
            if truth is not Truth.NO:
                found.append(StatusChange(agreement, event, truth is Truth.YES))
    found.sort(key=lambda c: c.event.date.value.timeline_key, reverse=True)
    return found


@attrs.frozen
class ActionChange:
    """A party's action in a window: which agreement, which action, how sure that it falls in the window."""

    agreement: Agreement
    action: Action
    certain: bool


def action_changes(
    dataset: Dataset,
    start: _dt.date | None,
    end: _dt.date | None,
    *,
    parties: Sequence[str] = (),
    kinds: Iterable[ActionKind] | None = None,
) -> list[ActionChange]:
    """The parties' actions that fell, or may have fallen, between ``start`` and ``end`` (``None``: unbounded).

    In file order, as :meth:`~mou_tracker.Dataset.actions` gives them, each
    marked certain when its date surely falls in the window. ``parties``
    keeps the actions of any of them (each as :meth:`~mou_tracker.Dataset.bodies`
    reads it: an id, a name or a country code), ``kinds`` those of these kinds.
    """
    bodies = dataset.bodies(*parties) if parties else None
    found = dataset.actions(None, kinds, (start, end))
    return [
        ActionChange(a, action, _within(action.date.value, start, end) is Truth.YES)
        for a, action in found
        if bodies is None or action.party in bodies
    ]


_RANK = {
    Status.PROPOSED: 0,
    Status.NEGOTIATING: 1,
    Status.CONCLUDED: 2,
    Status.SIGNED: 3,
    Status.IN_EFFECT: 4,
    Status.COMPLETED: 5,
    Status.EXPIRED: 5,
    Status.TERMINATED: 5,
    Status.SUPERSEDED: 5,
    Status.ABANDONED: 5,
}


@attrs.frozen
class Due:
    """Something that falls due: a term end, a notice date, a target.

    ``overdue`` is true when the date has certainly passed and nothing in the
    history records it met.
    """

    agreement: Agreement
    what: str
    date: PartialDate | DateInterval
    overdue: bool
    certain: bool
    party: str | None = None
    """For a target of a multilateral instrument: the party (a signatory id) that has not met it yet."""
    pending: str | None = None
    """What that party has yet to do: ``signature``, ``consent`` or ``entry into force``."""


def pending_for(dataset: Dataset, agreement: Agreement, party: str, status: Status) -> str | None:
    """What ``party`` has yet to do for a target of ``agreement`` to reach ``status`` for it; None when done.

    A target ``signed`` asks the party's signature (a consent also counts);
    a target ``in_effect`` asks its consent, then the instrument's entry into
    force for it (given, or derived from the clause). Like
    :func:`target_met`, it reads what is recorded, whatever its date.
    """
    row = next(r for r in dataset.participation(agreement) if r.party == party)
    if status is Status.SIGNED:
        return None if row.signature is not None or row.consent is not None else "signature"
    if row.consent is None and row.entry_into_force is None:
        return "consent"
    return None if row.entry_into_force is not None else "entry into force"


def target_met(agreement: Agreement, target: Target) -> bool:
    """Whether the history records ``target`` met: its status, or one beyond it, reached."""
    wanted = _RANK[target.status]
    return any(_RANK[e.status.value] >= wanted and e.status.value is not Status.ABANDONED for e in agreement.history)


_PER_PARTY = frozenset({Status.SIGNED, Status.IN_EFFECT})


def due(dataset: Dataset, today: _dt.date, until: _dt.date) -> list[Due]:
    """What falls due from ``today`` to ``until``, and what is overdue, soonest first.

    A target of a ``multilateral`` instrument that asks it be ``signed`` or
    ``in_effect`` is each party's: it falls due once for every party that
    has not yet done what it asks (:func:`pending_for`), with
    :attr:`Due.party` and :attr:`Due.pending` saying who and what.
    """
    _check_window(today, until)
    found = []
    for agreement in dataset:
        items: list[tuple[str, PartialDate | DateInterval, bool]] = []
        term = agreement.term
        if term is not None:
            if term.end is not None:
                renewal = f" (renewal: {term.renewal})" if term.renewal else ""
                items.append(("term ends" + renewal, term.end, False))
            if term.notice_by is not None:
                items.append(("notice due", term.notice_by, False))
        pending: list[tuple[str, PartialDate | DateInterval, str, str]] = []
        for target in agreement.targets:
            if target.due is None:
                continue
            if agreement.multilateral and target.status in _PER_PARTY:
                # Each party's own: the instrument in force for some says nothing of the others.
                for party in dict.fromkeys(agreement.parties):
                    left = pending_for(dataset, agreement, party, target.status)
                    if left is not None:
                        pending.append((target.description, target.due, party, left))
            elif not target_met(agreement, target):
                items.append((target.description, target.due, True))
        for what, date, can_be_overdue in items:
            window = _within(date, today, until)
            overdue = can_be_overdue and date.latest is not None and date.latest < today
            if window is not Truth.NO or overdue:
                found.append(Due(agreement, what, date, overdue, overdue or window is Truth.YES))
        for what, date, party, left in pending:
            window = _within(date, today, until)
            overdue = date.latest is not None and date.latest < today
            if window is not Truth.NO or overdue:
                found.append(Due(agreement, what, date, overdue, overdue or window is Truth.YES, party, left))
    found.sort(key=lambda d: d.date.sort_key)
    return found
