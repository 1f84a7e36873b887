"""The card of one agreement: its facts, history, participation, relations, targets and sources.

The card is not one :class:`~mou_tracker.reports.Report` but a table per
part, each fitted to the width as reports are, with its headings and notes
escaped for the markup a format writes.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

from .._characters import json_text, visible
from ..dataset import Dataset
from ..model import Agreement, Source, Status, StatusEvent
from ..naming import named_in, title_of
from ..queries import target_met
from ..records import agreement_record
from .multilateral import participation_report, party_facts, party_record
from .rendering import _MARKUP, Report, _check, _csv, _fill, _fit, _prose, _visible
from .words import _date, _name, _signatory_name, status_label


def card(
    dataset: Dataset,
    ident: str,
    day: _dt.date,
    *,
    fmt: str = "simple",
    width: int | None = 80,
    lang: str = "en",
    party: str | None = None,
) -> str:
    """Everything about one agreement: its facts, history, relations, targets and sources.

    In JSON, the whole record as the data file has it, with its status on
    ``day``, the instruments that refer to it and the sources it cites
    (:func:`mou_tracker.records.agreement_record`); in CSV, ``field,value``
    rows; in a table format, one table per part, long values wrapped. As in
    :func:`render`, no character a terminal would act on is written as it is.
    A multilateral instrument's card has each party's participation
    (:func:`participation_report`). With ``party`` (an id, a country code
    or a name), the card also reads the instrument's status for that party
    on ``day`` (:func:`party_facts`; in JSON, ``party_status``, a
    :func:`party_record`).
    """
    a = dataset[ident]
    if fmt == "json":
        record = agreement_record(dataset, a, day)
        if party is not None:
            record["party_status"] = party_record(dataset, a, party, day)
        return json_text(record)
    facts = _facts(dataset, a, day, lang)
    if party is not None:
        at = next(i for i, (field, _value) in enumerate(facts) if field == "signed")
        facts[at:at] = party_facts(dataset, a, party, day, lang)
    if fmt == "csv":
        return _csv(("field", "value"), _visible(Report(None, ("field", "value"), tuple(facts), None)).rows)
    _check(fmt)
    if fmt in _MARKUP:
        width = None
    heading = visible(f"{a.id}: {title_of(a, lang)}")
    sections = [_prose(_fill(heading, width), fmt)]

    def section(name: str | None, columns: tuple[str, ...], rows: Iterable[tuple[str, ...]], flexible: str) -> None:
        rows = tuple(rows)
        if rows:
            table = _fit(_visible(Report(None, columns, rows, None, flexible, wrap=True)), fmt, width)
            sections.append(f"{_prose(name, fmt)}\n\n{table}" if name else table)

    section(None, ("field", "value"), facts, "value")
    section("History", ("date", "status", "sources", "note"), (_event_row(e) for e in a.history), "note")
    if a.multilateral:
        participation = participation_report(dataset, a, lang=lang)
        section("Participation", participation.columns, participation.rows, "footnotes")
        if participation.note:
            sections.append(_prose(_fill(participation.note, width), fmt))
    relations = [(r.type.label, r.target, _name_if(dataset, r.target, lang)) for r in a.relations]
    relations += [(r.type.inverse_label, other.id, _name(other, lang)) for other, r in dataset.referrers(a.id)]
    section("Relations", ("relation", "id", "name"), relations, "name")
    section(
        "Targets",
        ("target", "status", "due", "met"),
        ((t.description, t.status.label, _date(t.due), "yes" if target_met(a, t) else "no") for t in a.targets),
        "target",
    )
    cited = [dataset.source(i) for i in a.cited_sources]
    section("Sources", ("source", "what"), ((c.id, _describe(c)) for c in cited), "what")
    # Addresses go under the table, whole, one to a line, so that they can be followed.
    addresses = [visible(f"{c.id}: {c.url}", lines=False) for c in cited if c.url]
    if addresses:
        sections.append(_prose("\n".join(addresses), fmt))
    if a.notes:
        sections.append(_prose("Notes", fmt) + "\n\n" + _prose(_fill(visible(a.notes), width), fmt))
    return "\n\n".join(sections)


def _event_row(event: StatusEvent) -> tuple[str, str, str, str]:
    """A history row: the preferred date and status (``*`` when disputed), and what else is reported."""
    notes = [event.note] if event.note else []
    for what, claimed in (("date", event.date), ("status", event.status)):
        for claim in claimed.claims:
            text = claim.value.label if isinstance(claim.value, Status) else str(claim.value)
            if claimed.disputed and claim is not claimed.preferred:
                notes.append(
                    f"{what} {text} per {', '.join(claim.sources)}" + (f": {claim.note}" if claim.note else "")
                )
            elif claim.note:
                notes.append(claim.note)
    return (
        str(event.date.value) + ("*" if event.date.disputed else ""),
        event.status.value.label + ("*" if event.status.disputed else ""),
        "\n".join(event.all_sources),
        " ".join(notes),
    )


def _describe(source: Source) -> str:
    """What a source is: its title (its notes when it has none), publisher and date of publication."""
    notes = source.notes.rstrip(".") if source.notes and not source.title else None
    parts = [source.title or notes, source.publisher, _date(source.published) or None]
    return "; ".join(p for p in parts if p) or "no title, publisher, date or notes recorded"


def _name_if(dataset: Dataset, ident: str, lang: str) -> str:
    return _name(dataset[ident], lang) if ident in dataset else ""


def _facts(dataset: Dataset, a: Agreement, day: _dt.date, lang: str) -> list[tuple[str, str]]:
    reading = dataset.status_on(a, day)
    facts: list[tuple[str, str]] = [("title", a.title.value)]
    for claim in a.title.claims[1:] if a.title.disputed else ():
        facts.append(("also titled", claim.value))
    for language, title in a.titles.items():
        facts.append((f"title ({language})", title))
    if a.short:
        facts.append(("short name", a.short))
    if a.aliases:
        facts.append(("also known as", "; ".join(a.aliases)))
    facts.append(("kind", a.kind.label if a.kind is not None else "unknown"))
    facts.append(("binding", {True: "yes", False: "no", None: "unknown"}[a.binding]))
    facts.append((f"status on {day.isoformat()}", status_label(reading)))
    if not reading.certain:
        others = ", ".join(s.label if s is not None else "nothing recorded" for s in reading.otherwise)
        facts.append(("or else", others))
    facts.append(("signed", _date(a.signed) or "unknown"))
    facts.append(("parties", "; ".join(_signatory_name(dataset, p, lang) for p in a.parties) or "unknown"))
    for label, people in (("signed by", a.signed_by), ("witnessed by", a.witnesses)):
        for p in people:
            person = dataset.person(p.person)
            who = named_in(person.names, person.name, lang)
            facts.append((label, f"{who}, {p.role}" if p.role else who))
    if a.place:
        facts.append(("place", a.place))
    if a.areas:
        facts.append(("areas", "; ".join(named_in(dataset.area(x).names, dataset.area(x).name, lang) for x in a.areas)))
    if a.term is not None:
        t = a.term
        facts.append(("term", f"{_date(t.start) or 'unknown'} to {_date(t.end) or 'unknown'}"))
        if t.renewal:
            facts.append(("renewal", t.renewal))
        if t.notice_by is not None:
            facts.append(("notice by", str(t.notice_by)))
    return facts
