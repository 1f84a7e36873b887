"""The words and labels the reports share: an agreement's name as a cell, a status, a party, an action, a date.

A name cell remembers its short name's ending (:class:`_Name`), so that a
table that shortens it keeps ``(ITX)`` whole. Dates of participation are
written as the UN Treaty Collection writes them (:func:`collection_date`).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import Final

from ..dataset import Dataset, StatusReading
from ..dates import DateInterval, End, PartialDate
from ..model import Action, ActionKind, Agreement, SignatoryKind
from ..naming import name_of, named_in
from ..participation import PartyReading


class _Name(str):
    """A name as a table cell: text whose ``ending``, the short name in parentheses, a cut keeps."""

    ending: str


def _name(agreement: Agreement, lang: str) -> str:
    """The agreement's name (:func:`name_of`), as a cell that remembers its short name's ending."""
    text = name_of(agreement, lang)
    cell = _Name(text)
    cell.ending = f" ({agreement.short})" if agreement.short and text.endswith(f" ({agreement.short})") else ""
    return cell


def status_label(reading: StatusReading) -> str:
    """``in effect``, or ``in effect?`` when that is only possible; ``-`` before any event."""
    if reading.status is None:
        return "-"
    return reading.status.label + ("" if reading.certain else "?")


def _date(date: PartialDate | DateInterval | None) -> str:
    return str(date) if date is not None else ""


def in_words(day: _dt.date, today: _dt.date) -> str:
    """How far ``day`` is from ``today``, in words: ``in 3 months``, ``2 years ago``, ``today``."""
    import pendulum

    if day == today:
        return "today"
    first, last = sorted((day, today))
    span = pendulum.Date(first.year, first.month, first.day).diff(pendulum.Date(last.year, last.month, last.day))
    words = pendulum.format_diff(span, is_now=False, absolute=True, locale="en")
    return f"in {words}" if day > today else f"{words} ago"


def _parties(dataset: Dataset, agreement: Agreement) -> str:
    codes: list[str] = []
    for ident in agreement.parties:
        body = dataset.signatory(ident)
        code = body.country or body.id
        if code not in codes:
            codes.append(code)
    return " ".join(sorted(codes))


_SHORT_MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def collection_date(date: PartialDate | DateInterval) -> str:
    """A date as the UN Treaty Collection writes it: ``25 Jul 1994``; ``Jul 1994`` or ``1994`` when known only so.

    A range is its two ends apart by an en dash, an unknown end ``?`` and an
    open one left out (``by 30 Apr 1995``, ``from 31 Mar 1995``).

    >>> from mou_tracker import parse_date
    >>> [collection_date(parse_date(t)) for t in ("1994-07-25", "1995-03", "1995-03-31/1995-04-30", "../1995")]
    ['25 Jul 1994', 'Mar 1995', '31 Mar 1995 – 30 Apr 1995', 'by 1995']
    """
    if isinstance(date, PartialDate):
        if date.month is None:
            return f"{date.year:04d}"
        month = f"{_SHORT_MONTHS[date.month - 1]} {date.year:04d}"
        return month if date.day is None else f"{date.day} {month}"
    start, end = date.start, date.end
    if start is End.OPEN and isinstance(end, PartialDate):
        return f"by {collection_date(end)}"
    if end is End.OPEN and isinstance(start, PartialDate):
        return f"from {collection_date(start)}"
    first = collection_date(start) if isinstance(start, PartialDate) else "?"
    last = collection_date(end) if isinstance(end, PartialDate) else "?"
    return f"{first} – {last}"


def _signatory_name(dataset: Dataset, ident: str, lang: str) -> str:
    body = dataset.signatory(ident)
    return named_in(body.names, body.name, lang)


def party_name(dataset: Dataset, who: str, lang: str = "en") -> str:
    """The name of the party ``who`` stands for, as the commands take one: an id, a country code or a name.

    A country code is named by its state (the first signatory of that
    country that is a state, else the first of that country).
    """
    if any(s.id == who for s in dataset.signatories):
        return _signatory_name(dataset, who, lang)
    if len(who) == 2 and who.isupper():
        among = [s for s in dataset.signatories if s.country == who]
        states = [s for s in among if s.kind is SignatoryKind.STATE]
        body = next(iter(states or among), None)
        if body is None:
            dataset.bodies(who)  # an unknown code is an error, with suggestions
            return who
        return named_in(body.names, body.name, lang)
    body = dataset.find_signatory(who)
    return named_in(body.names, body.name, lang)


def party_label(reading: PartyReading) -> str:
    """``in force``, or ``in force?`` when that is only possible."""
    return reading.status.label + ("" if reading.certain else "?")


# Shorter words for the kinds whose labels are long, where a column of statuses names them.
_SHORT_ACTIONS: Mapping[ActionKind, str] = {
    ActionKind.TERRITORIAL_APPLICATION: "application",
    ActionKind.ENTRY_INTO_FORCE: "in force",
    ActionKind.WITHDRAWAL: "withdrawal notified",
    ActionKind.WITHDRAWAL_EFFECTIVE: "withdrawn",
}


def action_label(dataset: Dataset, action: Action, lang: str = "en") -> str:
    """An action as the timeline and the changes name it: ``VN: ratification``, ``SG: in force``.

    A State is named by its country code and any other party by its name,
    and the kinds with long labels are said shortly (``in force`` for the
    entry into force for the party), to leave the instrument's name room in
    an 80-column table.
    """
    party = dataset.signatory(action.party)
    state = party.kind is SignatoryKind.STATE and party.country is not None
    who = party.country if state and party.country is not None else _signatory_name(dataset, action.party, lang)
    return f"{who}: {_SHORT_ACTIONS.get(action.action, action.action.label)}"
