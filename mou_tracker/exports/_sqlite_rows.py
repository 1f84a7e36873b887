"""The rows of the SQLite export: each record of a dataset inserted into the tables of :data:`SCHEMA`.

Nested rows (events, claims, participants…) get integer ids as they are
inserted, and every citation a row of its own that names the records it
belongs to.
"""

from __future__ import annotations

import datetime as _dt
import enum
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import TypeVar

from ..dataset import Dataset
from ..dates import DateInterval, PartialDate
from ..model import Claimed
from ..naming import named_in, title_of

_Dated = PartialDate | DateInterval | None
_T = TypeVar("_T")


def _date(date: _Dated) -> tuple[str | None, str | None, str | None]:
    """A date's three columns: EDTF, earliest day and latest day (ISO)."""
    if date is None:
        return None, None, None
    earliest, latest = date.earliest, date.latest
    return (
        str(date),
        earliest.isoformat() if earliest is not None else None,
        latest.isoformat() if latest is not None else None,
    )


def _dated(column: str, date: _Dated) -> dict[str, str | None]:
    """A date's three columns, by name: ``column`` (EDTF), ``column_earliest`` and ``column_latest``."""
    text, earliest, latest = _date(date)
    return {column: text, f"{column}_earliest": earliest, f"{column}_latest": latest}


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _json(value: Mapping[str, str] | Sequence[str | None]) -> str:
    return json.dumps(dict(value) if isinstance(value, Mapping) else list(value), ensure_ascii=False)


class _Writer:
    """Inserts the records of one dataset, handing out the integer ids of nested rows."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def insert(self, table: str, row: Mapping[str, object]) -> int:
        columns = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cursor = self.db.execute(f"INSERT INTO {table} ({columns}) VALUES ({marks})", tuple(row.values()))
        return cursor.lastrowid or 0

    def cite(self, sources: Iterable[str], about: str, **owners: object) -> None:
        for source in dict.fromkeys(sources):
            self.insert("citations", {"source": source, "about": about, **owners})

    def claims(self, claimed: Claimed[_T], field: str, agreement: str, event: int | None) -> None:
        preferred = claimed.preferred
        for position, claim in enumerate(claimed.claims):
            value = claim.value
            dated = value if isinstance(value, PartialDate | DateInterval) else None
            text, earliest, latest = _date(dated)
            claim_id = self.insert(
                "claims",
                {
                    "agreement": agreement,
                    "event": event,
                    "field": field,
                    "position": position,
                    "value": text if dated is not None else value.value if isinstance(value, enum.Enum) else value,
                    "earliest": earliest,
                    "latest": latest,
                    "preferred": int(claim is preferred),
                    "disputed": int(claimed.disputed),
                    "note": claim.note,
                },
            )
            about = "title" if event is None else f"event {field}"
            self.cite(claim.sources, about, agreement=agreement, event=event, claim=claim_id)


def _fill(db: sqlite3.Connection, dataset: Dataset, day: _dt.date, lang: str) -> None:
    w = _Writer(db)
    for s in dataset.sources:
        w.insert(
            "sources",
            {
                "id": s.id,
                "title": s.title,
                "language": s.language,
                "publisher": s.publisher,
                "url": s.url,
                **_dated("published", s.published),
                "notes": s.notes,
            },
        )
    for area in dataset.areas:
        w.insert(
            "areas",
            {
                "id": area.id,
                "name": named_in(area.names, area.name, lang),
                "parent": area.parent,
                "description": area.description,
                "names": _json(area.names),
            },
        )
    for body in dataset.signatories:
        w.insert(
            "signatories",
            {
                "id": body.id,
                "name": named_in(body.names, body.name, lang),
                "kind": body.kind.value,
                "country": body.country,
                "parent": body.parent,
                "names": _json(body.names),
                "aliases": _json(body.aliases),
                "notes": body.notes,
            },
        )
        w.cite(body.sources, "signatory", signatory=body.id)
        for position, change in enumerate(body.history):
            change_id = w.insert(
                "signatory_changes",
                {
                    "signatory": body.id,
                    "position": position,
                    **_dated("date", change.date),
                    "change": change.change.value,
                    "successor": change.successor,
                    "name": change.name,
                    "note": change.note,
                },
            )
            w.cite(change.sources, "signatory change", signatory=body.id, change=change_id)
    for person in dataset.people:
        w.insert(
            "people",
            {
                "id": person.id,
                "name": named_in(person.names, person.name, lang),
                "names": _json(person.names),
                "aliases": _json(person.aliases),
                "notes": person.notes,
            },
        )
        w.cite(person.sources, "person", person=person.id)
    for a, reading in zip(dataset.agreements, dataset.statuses_on(day), strict=True):
        term = a.term
        dates = {
            "signed": a.signed,
            "term_start": term.start if term is not None else None,
            "term_end": term.end if term is not None else None,
            "term_notice_by": term.notice_by if term is not None else None,
        }
        row: dict[str, object] = {
            "id": a.id,
            "title": title_of(a, lang),
            "short": a.short,
            "kind": a.kind.value if a.kind is not None else None,
            "binding": _flag(a.binding),
            "status": reading.status.value if reading.status is not None else None,
            "status_certain": int(reading.certain),
            "status_otherwise": _json([s.value if s is not None else None for s in reading.otherwise]),
            "status_day": day.isoformat(),
            "term_renewal": term.renewal if term is not None else None,
            "place": a.place,
            "title_disputed": int(a.title.disputed),
            "titles": _json(a.titles),
            "aliases": _json(a.aliases),
            "notes": a.notes,
        }
        for name, value in dates.items():
            row.update(_dated(name, value))
        w.insert("agreements", row)
        w.cite(a.sources, "agreement", agreement=a.id)
        w.claims(a.title, "title", a.id, None)
        if term is not None:
            w.cite(term.sources, "term", agreement=a.id)
        for position, party in enumerate(dict.fromkeys(a.parties)):
            w.insert("parties", {"agreement": a.id, "signatory": party, "position": position})
        for position, area_id in enumerate(dict.fromkeys(a.areas)):
            w.insert("agreement_areas", {"agreement": a.id, "area": area_id, "position": position})
        for part, participants in (("signed", a.signed_by), ("witnessed", a.witnesses)):
            for position, p in enumerate(participants):
                participant = w.insert(
                    "participants",
                    {
                        "agreement": a.id,
                        "part": part,
                        "position": position,
                        "person": p.person,
                        "role": p.role,
                        "acting_for": p.acting_for,
                    },
                )
                w.cite(p.sources, "participant", agreement=a.id, participant=participant)
        for position, e in enumerate(a.history):
            event = w.insert(
                "events",
                {
                    "agreement": a.id,
                    "position": position,
                    **_dated("date", e.date.value),
                    "status": e.status.value.value,
                    "date_disputed": int(e.date.disputed),
                    "status_disputed": int(e.status.disputed),
                    "note": e.note,
                },
            )
            w.cite(e.sources, "event", agreement=a.id, event=event)
            w.claims(e.date, "date", a.id, event)
            w.claims(e.status, "status", a.id, event)
        for position, r in enumerate(a.relations):
            relation = w.insert(
                "relations",
                {"agreement": a.id, "position": position, "type": r.type.value, "target": r.target, "note": r.note},
            )
            w.cite(r.sources, "relation", agreement=a.id, relation=relation)
        for position, t in enumerate(a.targets):
            target = w.insert(
                "targets",
                {
                    "agreement": a.id,
                    "position": position,
                    "status": t.status.value,
                    "description": t.description,
                    **_dated("due", t.due),
                    "note": t.note,
                },
            )
            w.cite(t.sources, "target", agreement=a.id, target=target)
        for position, action in enumerate(a.actions):
            when = _dated("date", action.date.value)
            to_the_day = when["date_earliest"] is not None and when["date_earliest"] == when["date_latest"]
            action_id = w.insert(
                "actions",
                {
                    "agreement": a.id,
                    "position": position,
                    "party": action.party,
                    "action": action.action.value,
                    "label": action.action.label,
                    "letter": action.action.letter,
                    "consent": int(action.action.is_consent),
                    **when,
                    "certain": int(to_the_day and not action.date.disputed),
                    "date_disputed": int(action.date.disputed),
                    "text": action.text,
                    "url": action.url,
                    "notes": action.notes,
                    "sources": _json(list(action.all_sources)),
                },
            )
            w.cite(action.sources, "action", agreement=a.id, action=action_id)
            for number, claim in enumerate(action.date.claims):
                w.insert(
                    "action_claims",
                    {
                        "action": action_id,
                        "position": number,
                        **_dated("date", claim.value),
                        "preferred": int(claim is action.date.preferred),
                        "note": claim.note,
                    },
                )
                w.cite(claim.sources, "action date", agreement=a.id, action=action_id)
