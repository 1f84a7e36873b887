"""The dataset as an iCalendar file (RFC 5545): dated events and everything due.

Each dated status event becomes an all-day event (every claim of a date
sources dispute becomes one), and so does everything :func:`mou_tracker.queries.due`
finds from the day onward: term ends, notice dates and targets, overdue
targets included. A date known only to the month or year, or a range, spans
every day it may be, and its description says that the day is not known.

>>> import datetime, icalendar, mou_tracker
>>> from mou_tracker.exports.ical import export_ics
>>> data = export_ics(mou_tracker.load(), day=datetime.date(2026, 1, 1))
>>> events = {e["uid"]: e for e in icalendar.Calendar.from_ical(data).walk("VEVENT")}
>>> itx = events["itx.event-0@mou-tracker"]
>>> print(itx["summary"])
Signed: Memorandum of Understanding on the Innovation Talent Exchange Programme
>>> itx.decoded("dtstart"), itx.decoded("dtend")
(datetime.date(2023, 8, 28), datetime.date(2023, 8, 29))
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator, Sequence

import attrs
import icalendar

from .._version import __version__
from ..dataset import Dataset
from ..dates import DateInterval, PartialDate, plain
from ..model import Agreement, Claimed, Source, Status
from ..queries import Due, due
from ..reports import named_in, status_label, title_of

__all__ = ["export_ics"]

_DOMAIN = "mou-tracker"
_ONE_DAY = _dt.timedelta(days=1)


@attrs.frozen
class _Entry:
    """One calendar event before it is written."""

    uid: str
    summary: str
    date: PartialDate | DateInterval
    lines: tuple[str, ...]
    sources: tuple[str, ...]
    agreement: Agreement


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
    entries = [*_status_entries(dataset, day, lang), *_due_entries(dataset, day, lang)]
    for entry in entries:
        calendar.add_component(_event(dataset, entry, stamp, lang))
    data: bytes = calendar.to_ical()
    return data


def _span(date: PartialDate | DateInterval) -> tuple[_dt.date, _dt.date, str | None]:
    """The first and last day an all-day event covers, and what to say when the day is not known.

    An interval with an open or unknown end covers only its known end.
    """
    first = plain(date.earliest) if date.earliest is not None else None
    last = plain(date.latest) if date.latest is not None else None
    if first is None:
        assert last is not None  # an interval has at least one dated end
        return last, last, f"The day is not known: on or before {last.isoformat()}."
    if last is None:
        return first, first, f"The day is not known: on or after {first.isoformat()}."
    if first == last:
        return first, last, None
    return first, last, f"The day is not known: some day from {first.isoformat()} to {last.isoformat()}."


def _status_entries(dataset: Dataset, day: _dt.date, lang: str) -> Iterator[_Entry]:
    for agreement in dataset:
        title = title_of(agreement, lang)
        reading = status_label(dataset.status_on(agreement, day))
        for index, event in enumerate(agreement.history):
            lines = [f"Status: {_status_words(event.status)}"]
            if event.note:
                lines.append(event.note)
            for number, claim in enumerate(event.date.claims):
                uid = f"{agreement.id}.event-{index}" + (f".claim-{number}" if event.date.disputed else "")
                own = list(lines)
                if event.date.disputed:
                    preferred = (
                        "the date the dataset prefers"
                        if claim is event.date.preferred
                        else f"the dataset prefers {event.date.value}"
                    )
                    own.append(
                        f"Sources disagree on the date: this is {claim.value} per {_per(claim.sources)}; {preferred}."
                    )
                    if claim.note:
                        own.append(claim.note)
                own.append(f"Status on {day.isoformat()}: {reading}")
                summary = f"{event.status.value.label.capitalize()}: {title}"
                if event.date.disputed:
                    summary += " (date disputed)"
                sources = (*claim.sources, *event.all_sources)
                yield _Entry(uid, summary, claim.value, tuple(own), sources, agreement)


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
        yield _Entry(uid, f"{summary}: {title}", item.date, tuple(lines), (*sources, *agreement.sources), agreement)


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
        uid = f"{agreement.id}.target-{index}"
        if uid not in used and target.description == item.what and target.due == item.date:
            lines = [f"Target: {target.description} (status wanted: {target.status.label})"]
            if target.note:
                lines.append(target.note)
            return uid, f"Target: {target.description}", lines, target.sources
    raise AssertionError(f"nothing of {agreement.id} falls due as {item.what!r}")  # pragma: no cover


def _event(dataset: Dataset, entry: _Entry, stamp: _dt.datetime, lang: str) -> icalendar.Event:
    first, last, unknown = _span(entry.date)
    event = icalendar.Event()
    event.add("uid", f"{entry.uid}@{_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", first)
    if last < _dt.date.max:
        event.add("dtend", last + _ONE_DAY)  # DTEND is the day after the last, as RFC 5545 has it
    else:
        event.add("duration", last - first + _ONE_DAY)
    event.add("summary", entry.summary)
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
        parts = [p for p in (source.title, source.publisher) if p]
        line = f"- {source.id}" + (f": {', '.join(parts)}" if parts else "")
        if source.url:
            line += f" <{source.url}>"
        yield line


def _area_name(dataset: Dataset, ident: str, lang: str) -> str:
    area = dataset.area(ident)
    return str(area.names.get(lang) or area.name) if lang != "en" else area.name
