"""The tables of the SQLite export, as SQL: what :mod:`mou_tracker.exports.sqlite` builds its database from.

A date column ``NAME`` comes with ``NAME_earliest`` and ``NAME_latest``, the
days it may be (ISO, so that they sort and compare as text). Every reference
is a ``FOREIGN KEY``, and :func:`_indexes` adds an index on each, so that
Datasette shows it as a link and can facet on it.
"""

from __future__ import annotations

import sqlite3
from typing import Final

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


def _indexes(db: sqlite3.Connection) -> str:
    """``CREATE INDEX`` for every foreign-key column of every table."""
    statements = []
    tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY rowid")]
    for table in tables:
        for column in dict.fromkeys(row[3] for row in db.execute(f"PRAGMA foreign_key_list({table})")):
            statements.append(f"CREATE INDEX {table}_{column} ON {table}({column});")
    return "\n".join(statements)
