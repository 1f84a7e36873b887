"""The dataset as an iCalendar file (RFC 5545): dated events and everything due.

Each dated status event becomes an all-day event (every claim of a date
sources dispute becomes one), and so does each party's action on a
multilateral instrument (``Ratification by Viet Nam``) and everything
:func:`mou_tracker.queries.due` finds from the day onward: term ends, notice
dates and targets (for a multilateral instrument, each party's that it has
yet to meet), overdue targets included.

Every event is one day long. A date known to the day is an event on that
day. A date known only to the month or the year, or a range, is a one-day
marker, never a banner over every day it may be: a status event on the
first day it may have happened (``2023`` on 1 January 2023), what falls due
on the last day it is due by (a term ending ``2030`` on 31 December 2030);
a range with an open or unknown end on its known end. Its SUMMARY says
what is known (``Signed (in 2023, day not known): …``) and its DESCRIPTION
the whole range and which of its days the marker is on.

>>> import datetime, icalendar, mou_tracker
>>> from mou_tracker.exports.ical import export_ics
>>> data = export_ics(mou_tracker.load(), day=datetime.date(2026, 1, 1))
>>> events = {e["uid"]: e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}
>>> itx = events["itx.event-0@mou-tracker"]
>>> print(itx["summary"])
Signed: Memorandum of Understanding on the Innovation Talent Exchange Programme
>>> itx.decoded("dtstart"), itx.decoded("dtend")
(datetime.date(2023, 8, 28), datetime.date(2023, 8, 29))
>>> gedep = events["gedep.event-0@mou-tracker"]
>>> print(gedep["summary"])
In effect (in February 2023, day not known): Green Economy – Digital Economy Partnership
>>> gedep.decoded("dtstart"), gedep.decoded("dtend")
(datetime.date(2023, 2, 1), datetime.date(2023, 2, 2))
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator, Sequence

import attrs
import icalendar

from .._version import __version__
from ..dataset import Dataset
from ..dates import DateInterval, End, PartialDate, Precision, plain
from ..model import Agreement, Claim, Claimed, Source, Status
from ..naming import named_in, title_of
from ..queries import Due, due
from ..reports import party_label, status_label

__all__ = ["export_ics", "on_day"]

_DOMAIN = "mou-tracker"
_ONE_DAY = _dt.timedelta(days=1)
# Month names in English, whatever the locale (strftime's %B follows it).
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # fmt: skip


@attrs.frozen
class _Entry:
    """One calendar event before it is written."""

    uid: str
    what: str
    """What happens, before the title in the summary: ``Signed``, ``Term ends``."""
    title: str
    date: PartialDate | DateInterval
    lines: tuple[str, ...]
    sources: tuple[str, ...]
    agreement: Agreement
    due: bool = False
    """Whether it falls due (shown on the last day it may be) rather than happened (on the first)."""


def export_ics(dataset: Dataset, *, day: _dt.date, lang: str = "en") -> bytes:
    """An iCalendar file of every dated status event and of everything due from ``day`` on.

    Each event is all-day and has a UID that stays the same from one export
    to the next (the agreement's id, the kind of event and its position), so
    that a calendar that imports the file again updates its events rather
    than adding copies. DTSTAMP is ``day``, so the same data and day give
    the same bytes. Titles are in ``lang`` where the data has them.
    """
    calendar = icalendar.Calendar()
    calendar.add("version", "2.0")
    calendar.add("prodid", f"-//{_DOMAIN}//{_DOMAIN} {__version__}//EN")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", "Agreements (mou-tracker)")
    calendar.add("x-wr-caldesc", f"Status events of the agreements and what falls due, as on {day.isoformat()}")
    stamp = _dt.datetime(day.year, day.month, day.day, tzinfo=_dt.UTC)
    entries = [
        *_status_entries(dataset, day, lang),
        *_action_entries(dataset, day, lang),
        *_due_entries(dataset, day, lang),
    ]
    for entry in entries:
        calendar.add_component(_event(dataset, entry, stamp, lang))
    data: bytes = calendar.to_ical()
    return data


def on_day(date: PartialDate | DateInterval, *, due: bool = False) -> _dt.date:
    """The one day the calendar shows ``date`` on: the day itself, or a marker's day when it is not known.

    What happened is shown on the first day it may have happened; what
    falls ``due``, on the last day it is due by. A range with an open or
    unknown end is shown on its known end.

    >>> on_day(PartialDate(2030)), on_day(PartialDate(2030), due=True)
    (datetime.date(2030, 1, 1), datetime.date(2030, 12, 31))
    """
    first = plain(date.earliest) if date.earliest is not None else None
    last = plain(date.latest) if date.latest is not None else None
    if first is None or last is None:
        known = first or last
        assert known is not None  # an interval has at least one dated end
        return known
    return last if due else first


def _known(date: PartialDate | DateInterval) -> str | None:
    """What is known of a date not known to the day, in words for a summary; ``None`` for a day."""
    if isinstance(date, PartialDate):
        if date.precision is Precision.DAY:
            return None
        if date.precision is Precision.MONTH:
            return f"in {_MONTHS[(date.month or 1) - 1]} {date.year:04d}, day not known"
        return f"in {date.year:04d}, day not known"
    start, end = date.start, date.end
    if isinstance(start, PartialDate) and isinstance(end, PartialDate):
        if date.earliest == date.latest:
            return None
        return f"between {start} and {end}, day not known"
    if isinstance(end, PartialDate):
        return f"by {end}, day not known" if start is End.OPEN else f"up to {end}, start not known"
    assert isinstance(start, PartialDate)
    return f"from {start}, day not known" if end is End.OPEN else f"from {start}, end not known"


def _unknown(date: PartialDate | DateInterval, shown: _dt.date, due: bool) -> str | None:
    """The description's line for a date not known to the day: the range, and which day shows it."""
    first = plain(date.earliest) if date.earliest is not None else None
    last = plain(date.latest) if date.latest is not None else None
    if first is not None and first == last:
        return None
    if first is None:
        assert last is not None
        where = f"on or before {last.isoformat()}"
    elif last is None:
        where = f"on or after {first.isoformat()}"
    else:
        where = f"some day from {first.isoformat()} to {last.isoformat()}"
    if first is None or last is None:
        which = "the day it is known by" if first is None else "the first day it may be"
    else:
        which = "its last day, the day it is due by" if due else "its first day"
    return f"The day is not known: {where}. It is shown on {which}, {shown.isoformat()}."


def _status_entries(dataset: Dataset, day: _dt.date, lang: str) -> Iterator[_Entry]:
    for agreement in dataset:
        title = title_of(agreement, lang)
        reading = status_label(dataset.status_on(agreement, day))
        for index, event in enumerate(agreement.history):
            lines = [f"Status: {_status_words(event.status)}"]
            if event.note:
                lines.append(event.note)
            what = event.status.value.label.capitalize()
            for uid, shown, claim, disagreement in _claims(f"{agreement.id}.event-{index}", title, event.date):
                own = list(lines)
                if disagreement:
                    own.extend(text for text in (disagreement, claim.note) if text)
                own.append(f"Status on {day.isoformat()}: {reading}")
                sources = (*claim.sources, *event.all_sources)
                yield _Entry(uid, what, shown, claim.value, tuple(own), sources, agreement)


def _action_entries(dataset: Dataset, day: _dt.date, lang: str) -> Iterator[_Entry]:
    """A party's actions on a multilateral instrument: ``Ratification by Viet Nam``, on the action's date."""
    for agreement in dataset:
        title = title_of(agreement, lang)
        for index, action in enumerate(agreement.actions):
            body = dataset.signatory(action.party)
            name = named_in(body.names, body.name, lang)
            kind = action.action
            lines = [
                f"Action: {kind.label} by {name}" + (f" (the Collection's mark: {kind.letter})" if kind.letter else "")
            ]
            lines.extend(text for text in (action.notes, action.text) if text)
            if action.url:
                lines.append(f"Text: {action.url}")
            reading = dataset.party_status_on(agreement, action.party, day)
            lines.append(f"Status for {name} on {day.isoformat()}: {party_label(reading)}")
            what = f"{kind.label[:1].upper()}{kind.label[1:]} by {name}"
            for uid, shown, claim, disagreement in _claims(f"{agreement.id}.action-{index}", title, action.date):
                own = [lines[0], *((disagreement,) if disagreement else ()), *lines[1:]]
                sources = (*claim.sources, *action.all_sources)
                yield _Entry(uid, what, shown, claim.value, tuple(own), sources, agreement)


def _claims(
    stem: str, title: str, date: Claimed[PartialDate | DateInterval]
) -> Iterator[tuple[str, str, Claim[PartialDate | DateInterval], str | None]]:
    """An event for each claim of a dated status event or action: its UID, title, claim, and what sources say.

    An undisputed date is one event, its UID ``stem``; a disputed one is an
    event a claim (``stem.claim-N``), each titled as disputed and with a line
    saying which claim the dataset prefers; ``None`` in its place when the
    date is not disputed.
    """
    if not date.disputed:
        yield stem, title, date.preferred, None
        return
    for number, claim in enumerate(date.claims):
        preferred = "the date the dataset prefers" if claim is date.preferred else f"the dataset prefers {date.value}"
        disagreement = f"Sources disagree on the date: this is {claim.value} per {_per(claim.sources)}; {preferred}."
        yield f"{stem}.claim-{number}", f"{title} (date disputed)", claim, disagreement


def _status_words(status: Claimed[Status]) -> str:
    """The preferred status in words, and what else sources say when they disagree."""
    text = status.value.label
    if status.disputed:
        others = "; ".join(f"{c.value.label} per {_per(c.sources)}" for c in status.claims if c is not status.preferred)
        text += f" (sources disagree: {others})"
    return text


def _per(sources: Sequence[str]) -> str:
    return ", ".join(sources) or "no source"


def _due_entries(dataset: Dataset, day: _dt.date, lang: str) -> Iterator[_Entry]:
    used: set[str] = set()
    for item in due(dataset, day, _dt.date.max):
        agreement = item.agreement
        uid, summary, lines, sources = _due_parts(item, used)
        used.add(uid)
        if item.overdue:
            lines.append(f"Overdue on {day.isoformat()}: the date has passed and nothing records the target met.")
        elif not item.certain:
            lines.append(f"It may fall before {day.isoformat()}.")
        lines.append(f"Status on {day.isoformat()}: {status_label(dataset.status_on(agreement, day))}")
        title = title_of(agreement, lang)
        yield _Entry(uid, summary, title, item.date, tuple(lines), (*sources, *agreement.sources), agreement, due=True)


def _due_parts(item: Due, used: set[str]) -> tuple[str, str, list[str], tuple[str, ...]]:
    """What is due, as a UID stem (agreement, kind, index), a summary, lines of description and sources."""
    agreement = item.agreement
    term = agreement.term
    if term is not None and item.date is term.end and item.what.startswith("term ends"):
        uid = f"{agreement.id}.term-end"
        if uid not in used:
            return uid, "Term ends", [f"Renewal: {term.renewal}"] if term.renewal else [], term.sources
    if term is not None and item.date is term.notice_by and item.what == "notice due":
        uid = f"{agreement.id}.notice"
        if uid not in used:
            return uid, "Notice due", ["The last day to give notice under its term."], term.sources
    for index, target in enumerate(agreement.targets):
        uid = f"{agreement.id}.target-{index}" + (f".{item.party}" if item.party is not None else "")
        if uid not in used and target.description == item.what and target.due == item.date:
            lines = [f"Target: {target.description} (status wanted: {target.status.label})"]
            summary = f"Target: {target.description}"
            if item.party is not None:
                lines.append(f"Pending for {item.party}: its {item.pending}.")
                summary = f"Target for {item.party} ({item.pending} pending): {target.description}"
            if target.note:
                lines.append(target.note)
            return uid, summary, lines, target.sources
    raise AssertionError(f"nothing of {agreement.id} falls due as {item.what!r}")  # pragma: no cover


def _event(dataset: Dataset, entry: _Entry, stamp: _dt.datetime, lang: str) -> icalendar.Event:
    day = on_day(entry.date, due=entry.due)
    unknown = _unknown(entry.date, day, entry.due)
    event = icalendar.Event()
    event.add("uid", f"{entry.uid}@{_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    if day < _dt.date.max:
        event.add("dtend", day + _ONE_DAY)  # DTEND is the day after, as RFC 5545 has it
    else:
        event.add("duration", _ONE_DAY)
    known = _known(entry.date)
    event.add("summary", f"{entry.what}{f' ({known})' if known else ''}: {entry.title}")
    event.add("transp", "TRANSPARENT")  # a date to know, not time taken
    cited = [dataset.source(s) for s in dict.fromkeys(entry.sources)]
    lines = [f"{title_of(entry.agreement, lang)} ({entry.agreement.id})", f"Date: {entry.date}"]
    if unknown:
        lines.append(unknown)
    lines.extend(entry.lines)
    if cited:
        lines.append("Sources:")
        lines.extend(_source_lines(cited))
    event.add("description", "\n".join(lines))
    url = next((s.url for s in cited if s.url), None)
    if url is not None:
        event.add("url", url)
    areas = [named_in(dataset.area(a).names, dataset.area(a).name, lang) for a in entry.agreement.areas]
    if areas:
        event.add("categories", areas)
    return event


def _source_lines(cited: Iterable[Source]) -> Iterator[str]:
    for source in cited:
        parts = [p for p in (source.title or source.notes, source.publisher) if p]
        line = f"- {source.id}" + (f": {', '.join(parts)}" if parts else "")
        if source.url:
            line += f" <{source.url}>"
        yield line
