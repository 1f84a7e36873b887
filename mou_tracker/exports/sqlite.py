"""The SQLite export: one table per kind of record, ready for Datasette.

Every record kind has its table, keyed by its id; what the model nests
(events, claims, participants, relations, targets, a signatory's changes) has
a table of its own with an integer ``id``, and the lists of ids (parties,
areas, sources) are link tables. Every reference is a ``FOREIGN KEY`` with an
index, so Datasette shows it as a link labelled with the record's name or
title and can facet on it. A date is kept three ways: its EDTF string, and
the ``_earliest`` and ``_latest`` days it may be (ISO, so they sort and
compare as text); a list within a record (names in other languages, aliases)
is a JSON array or object.

>>> import datetime, sqlite3, mou_tracker
>>> from mou_tracker.exports.sqlite import export_sqlite
>>> db = sqlite3.connect(":memory:")
>>> db.deserialize(export_sqlite(mou_tracker.load(), day=datetime.date(2026, 1, 1)))
>>> db.execute("select status, signed from agreements where id = 'itx'").fetchone()
('signed', '2023-08-28')
"""

from __future__ import annotations

import datetime as _dt
import enum
import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from typing import Final, TypeVar

from ..dataset import Dataset
from ..dates import DateInterval, PartialDate
from ..exceptions import MouTrackerError
from ..model import Claimed
from ..naming import named_in

__all__ = ["SCHEMA", "SCHEMA_VERSION", "export_sqlite"]

SCHEMA_VERSION: Final = 2
"""The version of :data:`SCHEMA`, kept in the database's ``PRAGMA user_version``."""

# A date column NAME comes with NAME_earliest and NAME_latest.
_DATE = "{0} TEXT, {0}_earliest TEXT, {0}_latest TEXT"

SCHEMA: Final = f"""
CREATE TABLE sources (
    id TEXT PRIMARY KEY,
    title TEXT,
    language TEXT NOT NULL,
    publisher TEXT,
    url TEXT,
    {_DATE.format("published")},
    notes TEXT
);
CREATE TABLE areas (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,  -- in the export's language where the data has it
    parent TEXT REFERENCES areas(id),
    description TEXT,
    names TEXT NOT NULL  -- JSON: the name in other languages
);
CREATE TABLE signatories (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,  -- in the export's language where the data has it
    kind TEXT NOT NULL,
    country TEXT,  -- ISO 3166-1 alpha-2
    parent TEXT REFERENCES signatories(id),
    names TEXT NOT NULL,  -- JSON: the name in other languages
    aliases TEXT NOT NULL,  -- JSON list
    notes TEXT
);
CREATE TABLE signatory_changes (
    id INTEGER PRIMARY KEY,
    signatory TEXT NOT NULL REFERENCES signatories(id),
    position INTEGER NOT NULL,  -- 0 for the first change of the signatory's history
    {_DATE.format("date")},
    change TEXT NOT NULL,
    successor TEXT REFERENCES signatories(id),
    name TEXT,
    note TEXT,
    UNIQUE (signatory, position)
);
CREATE TABLE people (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,  -- in the export's language where the data has it
    names TEXT NOT NULL,  -- JSON: the name in other languages
    aliases TEXT NOT NULL,  -- JSON list
    notes TEXT
);
CREATE TABLE agreements (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,  -- in the export's language where the data has it, else the preferred title
    short TEXT,
    kind TEXT,
    binding INTEGER CHECK (binding IN (0, 1)),
    status TEXT,  -- on status_day, derived from the history and the term
    status_certain INTEGER NOT NULL CHECK (status_certain IN (0, 1)),
    status_otherwise TEXT NOT NULL,  -- JSON list: what it was instead if the uncertain events had not happened
    status_day TEXT NOT NULL,
    {_DATE.format("signed")},
    {_DATE.format("term_start")},
    {_DATE.format("term_end")},
    term_renewal TEXT,
    {_DATE.format("term_notice_by")},
    place TEXT,
    title_disputed INTEGER NOT NULL CHECK (title_disputed IN (0, 1)),  -- every title claim is in claims
    titles TEXT NOT NULL,  -- JSON: the title in other languages
    aliases TEXT NOT NULL,  -- JSON list
    notes TEXT
);
CREATE TABLE parties (
    agreement TEXT NOT NULL REFERENCES agreements(id),
    signatory TEXT NOT NULL REFERENCES signatories(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (agreement, signatory)
);
CREATE TABLE participants (
    id INTEGER PRIMARY KEY,
    agreement TEXT NOT NULL REFERENCES agreements(id),
    part TEXT NOT NULL CHECK (part IN ('signed', 'witnessed')),
    position INTEGER NOT NULL,
    person TEXT NOT NULL REFERENCES people(id),
    role TEXT,
    acting_for TEXT REFERENCES signatories(id),
    UNIQUE (agreement, part, position)
);
CREATE TABLE agreement_areas (
    agreement TEXT NOT NULL REFERENCES agreements(id),
    area TEXT NOT NULL REFERENCES areas(id),
    position INTEGER NOT NULL,
    PRIMARY KEY (agreement, area)
);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    agreement TEXT NOT NULL REFERENCES agreements(id),
    position INTEGER NOT NULL,  -- 0 for the first event of the history
    {_DATE.format("date")},  -- the preferred date
    status TEXT NOT NULL,  -- the preferred status
    date_disputed INTEGER NOT NULL CHECK (date_disputed IN (0, 1)),
    status_disputed INTEGER NOT NULL CHECK (status_disputed IN (0, 1)),
    note TEXT,
    UNIQUE (agreement, position)
);
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    agreement TEXT NOT NULL REFERENCES agreements(id),
    event INTEGER REFERENCES events(id),  -- null for a claim about the title
    field TEXT NOT NULL CHECK (field IN ('title', 'date', 'status')),
    position INTEGER NOT NULL,
    value TEXT NOT NULL,
    earliest TEXT,  -- for a date
    latest TEXT,
    preferred INTEGER NOT NULL CHECK (preferred IN (0, 1)),
    disputed INTEGER NOT NULL CHECK (disputed IN (0, 1)),
    note TEXT
);
CREATE TABLE relations (
    id INTEGER PRIMARY KEY,
    agreement TEXT NOT NULL REFERENCES agreements(id),
    position INTEGER NOT NULL,
    type TEXT NOT NULL,
    target TEXT NOT NULL REFERENCES agreements(id),
    note TEXT,
    UNIQUE (agreement, position)
);
CREATE TABLE targets (
    id INTEGER PRIMARY KEY,
    agreement TEXT NOT NULL REFERENCES agreements(id),
    position INTEGER NOT NULL,
    status TEXT NOT NULL,
    description TEXT NOT NULL,
    {_DATE.format("due")},
    note TEXT,
    UNIQUE (agreement, position)
);
-- Each party's own actions on a multilateral instrument, in file order: one row
-- per action, its preferred date, and the columns to facet on (party, action,
-- letter, certain); every claim about a disputed date is in action_claims.
CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    agreement TEXT NOT NULL REFERENCES agreements(id),
    position INTEGER NOT NULL,  -- 0 for the first action of the agreement
    party TEXT NOT NULL REFERENCES signatories(id),
    action TEXT NOT NULL,  -- signature, ratification, accession…
    label TEXT NOT NULL,  -- the action in words
    letter TEXT NOT NULL,  -- the UN Treaty Collection's mark: a, A, AA, d, s, c; '' when none
    consent INTEGER NOT NULL CHECK (consent IN (0, 1)),  -- whether it binds the party
    {_DATE.format("date")},  -- the preferred date
    certain INTEGER NOT NULL CHECK (certain IN (0, 1)),  -- its date known to the day, and not disputed
    date_disputed INTEGER NOT NULL CHECK (date_disputed IN (0, 1)),
    text TEXT,
    url TEXT,
    notes TEXT,
    sources TEXT NOT NULL,  -- JSON list: the action's sources and those of its date's claims
    UNIQUE (agreement, position)
);
CREATE TABLE action_claims (
    id INTEGER PRIMARY KEY,
    action INTEGER NOT NULL REFERENCES actions(id),
    position INTEGER NOT NULL,
    {_DATE.format("date")},
    preferred INTEGER NOT NULL CHECK (preferred IN (0, 1)),
    note TEXT,
    UNIQUE (action, position)
);
-- Who cites which source, and for what: each row names the source and the
-- records the citation belongs to (an event's date claim names its agreement,
-- its event and its claim).
CREATE TABLE citations (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL REFERENCES sources(id),
    about TEXT NOT NULL,
    agreement TEXT REFERENCES agreements(id),
    event INTEGER REFERENCES events(id),
    claim INTEGER REFERENCES claims(id),
    participant INTEGER REFERENCES participants(id),
    relation INTEGER REFERENCES relations(id),
    target INTEGER REFERENCES targets(id),
    signatory TEXT REFERENCES signatories(id),
    change INTEGER REFERENCES signatory_changes(id),
    person TEXT REFERENCES people(id),
    action INTEGER REFERENCES actions(id)
);
"""
"""The tables of the export, as SQL; an index on each foreign-key column is added to them."""

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


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _json(value: Mapping[str, str] | Sequence[str | None]) -> str:
    return json.dumps(dict(value) if isinstance(value, Mapping) else list(value), ensure_ascii=False)


def _indexes(db: sqlite3.Connection) -> str:
    """``CREATE INDEX`` for every foreign-key column of every table."""
    statements = []
    tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
    for table in tables:
        for column in dict.fromkeys(row[3] for row in db.execute(f"PRAGMA foreign_key_list({table})")):
            statements.append(f"CREATE INDEX {table}_{column} ON {table}({column});")
    return "\n".join(statements)


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
    from ..naming import title_of

    w = _Writer(db)
    for s in dataset.sources:
        published, p_earliest, p_latest = _date(s.published)
        w.insert(
            "sources",
            {
                "id": s.id,
                "title": s.title,
                "language": s.language,
                "publisher": s.publisher,
                "url": s.url,
                "published": published,
                "published_earliest": p_earliest,
                "published_latest": p_latest,
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
            date, earliest, latest = _date(change.date)
            change_id = w.insert(
                "signatory_changes",
                {
                    "signatory": body.id,
                    "position": position,
                    "date": date,
                    "date_earliest": earliest,
                    "date_latest": latest,
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
            row[name], row[f"{name}_earliest"], row[f"{name}_latest"] = _date(value)
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
            date, earliest, latest = _date(e.date.value)
            event = w.insert(
                "events",
                {
                    "agreement": a.id,
                    "position": position,
                    "date": date,
                    "date_earliest": earliest,
                    "date_latest": latest,
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
            due, earliest, latest = _date(t.due)
            target = w.insert(
                "targets",
                {
                    "agreement": a.id,
                    "position": position,
                    "status": t.status.value,
                    "description": t.description,
                    "due": due,
                    "due_earliest": earliest,
                    "due_latest": latest,
                    "note": t.note,
                },
            )
            w.cite(t.sources, "target", agreement=a.id, target=target)
        for position, action in enumerate(a.actions):
            when = action.date.value
            date, earliest, latest = _date(when)
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
                    "date": date,
                    "date_earliest": earliest,
                    "date_latest": latest,
                    "certain": int(earliest is not None and earliest == latest and not action.date.disputed),
                    "date_disputed": int(action.date.disputed),
                    "text": action.text,
                    "url": action.url,
                    "notes": action.notes,
                    "sources": _json(list(action.all_sources)),
                },
            )
            w.cite(action.sources, "action", agreement=a.id, action=action_id)
            for number, claim in enumerate(action.date.claims):
                text, first, last = _date(claim.value)
                w.insert(
                    "action_claims",
                    {
                        "action": action_id,
                        "position": number,
                        "date": text,
                        "date_earliest": first,
                        "date_latest": last,
                        "preferred": int(claim is action.date.preferred),
                        "note": claim.note,
                    },
                )
                w.cite(claim.sources, "action date", agreement=a.id, action=action_id)


def _dangling(db: sqlite3.Connection) -> list[str]:
    """Each reference that names no record, as ``table.column = 'value'``."""
    found = []
    for table, rowid, _parent, fkid in db.execute("PRAGMA foreign_key_check"):
        column = next(row[3] for row in db.execute(f"PRAGMA foreign_key_list({table})") if row[0] == fkid)
        (value,) = db.execute(f"SELECT {column} FROM {table} WHERE rowid = ?", (rowid,)).fetchone()
        found.append(f"{table}.{column} = {value!r}")
    return list(dict.fromkeys(found))


def export_sqlite(dataset: Dataset, *, day: _dt.date, lang: str = "en") -> bytes:
    """The dataset as a SQLite database file, built in memory, with the status of each agreement on ``day``.

    The tables are those of :data:`SCHEMA`; names and titles are in ``lang``
    where the data has them. Every foreign key is checked: data whose
    references do not resolve, or whose ids repeat (data that was not
    validated), raises :class:`~mou_tracker.MouTrackerError`.
    """
    db = sqlite3.connect(":memory:", isolation_level=None)
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.executescript(SCHEMA)
        db.executescript(_indexes(db))
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("BEGIN")
        # References may point forward (a relation to a later agreement), so they are checked once all is in.
        db.execute("PRAGMA defer_foreign_keys = ON")
        try:
            _fill(db, dataset, day, lang)
        except sqlite3.IntegrityError as exc:
            raise MouTrackerError(
                f"cannot export to SQLite: the data breaks a rule of the database ({exc}); validate it first"
            ) from None
        dangling = _dangling(db)
        if dangling:
            raise MouTrackerError(
                "cannot export to SQLite: references that name no record: "
                + ", ".join(dangling[:5])
                + (f" and {len(dangling) - 5} more" if len(dangling) > 5 else "")
                + "; validate the data first"
            )
        db.execute("COMMIT")
        return db.serialize()
    finally:
        db.close()
