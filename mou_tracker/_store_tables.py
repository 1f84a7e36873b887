"""What the store holds, and how it is filled: its tables, and each record packed as a cache entry holds it.

The rows of every index are worked out by the :class:`~mou_tracker.Dataset`
itself (its positions by body and by area, its folded names and texts, its
status timelines), so that the store can only answer as the dataset would.
"""

from __future__ import annotations

import datetime as _dt
import functools
import json
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .dataset import Dataset

FORMAT = 1
"""Bumped whenever the tables change shape."""

_MAX_RECORD = 16 * 1024 * 1024
"""The longest record read back, as a cache entry's longest line."""

KINDS = ("agreements", "signatories", "people", "areas", "sources")

_SCHEMA = """
CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (path TEXT PRIMARY KEY, identity TEXT NOT NULL, sha256 TEXT NOT NULL);
CREATE TABLE records (kind INTEGER NOT NULL, pos INTEGER NOT NULL, id TEXT NOT NULL, body BLOB NOT NULL);
CREATE UNIQUE INDEX records_pos ON records (kind, pos);
CREATE INDEX records_id ON records (kind, id);
CREATE TABLE names (name TEXT NOT NULL, pos INTEGER NOT NULL, PRIMARY KEY (name, pos)) WITHOUT ROWID;
CREATE TABLE bodies (body TEXT NOT NULL, pos INTEGER NOT NULL, PRIMARY KEY (body, pos)) WITHOUT ROWID;
CREATE TABLE areas (area TEXT NOT NULL, pos INTEGER NOT NULL, PRIMARY KEY (area, pos)) WITHOUT ROWID;
CREATE TABLE haystacks (pos INTEGER PRIMARY KEY, text TEXT NOT NULL);
CREATE TABLE spans (status TEXT NOT NULL, start INTEGER NOT NULL, stop INTEGER NOT NULL, pos INTEGER NOT NULL,
                    PRIMARY KEY (status, start, stop, pos)) WITHOUT ROWID;
CREATE TABLE dated (what TEXT NOT NULL, earliest INTEGER NOT NULL, latest INTEGER NOT NULL, pos INTEGER NOT NULL,
                    PRIMARY KEY (what, earliest, latest, pos)) WITHOUT ROWID;
CREATE TABLE links (pos INTEGER NOT NULL, other INTEGER NOT NULL, PRIMARY KEY (pos, other)) WITHOUT ROWID;
CREATE TABLE multilateral (pos INTEGER PRIMARY KEY);
"""

NEVER = 0
ALWAYS = _dt.date.max.toordinal() + 1


def sources_in(value: object) -> Iterator[str]:
    """Every source id that plain data cites: the strings under each ``sources`` key, at any depth."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, inner in item.items():
                if key == "sources" and isinstance(inner, list):
                    yield from (s for s in inner if isinstance(s, str))
                else:
                    stack.append(inner)
        elif isinstance(item, list):
            stack.extend(item)


def _index_grams(db: sqlite3.Connection) -> str:
    """Index every three letters of the folded texts, where SQLite can (FTS5's trigram tokenizer): ``"1"`` if it did.

    Only which texts hold a trigram is kept (``detail=none``, no content):
    a fifth of the size of a full index, and enough to narrow a search.
    """
    try:
        db.execute(
            "CREATE VIRTUAL TABLE grams USING fts5(text, tokenize='trigram case_sensitive 1', content='', detail=none)"
        )
    except sqlite3.OperationalError:  # an SQLite without FTS5, or older than 3.34
        return "0"
    db.execute("INSERT INTO grams (rowid, text) SELECT pos, text FROM haystacks")
    return "1"


def quoted(gram: str) -> str:
    """A trigram as an FTS5 string."""
    return '"' + gram.replace('"', '""') + '"'


def _packed(value: object) -> bytes:
    """A record as a cache entry holds it, compressed: the store of a large collection is mostly these."""
    return zlib.compress(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(), 1)


def plain(body: object) -> object:
    """A record's plain data from its packed form; a ``ValueError`` if it is not one."""
    if not isinstance(body, bytes):
        raise ValueError("a record that is not packed")
    inflate = zlib.decompressobj()
    data = inflate.decompress(body, _MAX_RECORD)
    if inflate.unconsumed_tail or not inflate.eof:
        raise ValueError("a record longer than any written, or cut short")
    return json.loads(data)


def _ordinal(day: _dt.date | None, default: int) -> int:
    return default if day is None else day.toordinal()


def fill(db: sqlite3.Connection, dataset: Dataset, files: dict[str, tuple[str, str]]) -> None:
    """Make and fill the tables of a new store of ``dataset``, read from ``files`` (each one's identity and SHA-256).

    The metadata this leaves to the caller is the library's version and when the store was written.
    """
    # A new file, put in place only once whole: nothing to journal, nothing to sync but at the end.
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.executescript(_SCHEMA)
    db.executemany("INSERT INTO files VALUES (?, ?, ?)", [(name, *known) for name, known in files.items()])
    from ._convert import _CONVERTER
    from ._parts import _RECORDS

    for number, kind in enumerate(KINDS):
        unstructure = functools.partial(_CONVERTER.unstructure, unstructure_as=_RECORDS[kind])
        db.executemany(
            "INSERT INTO records VALUES (?, ?, ?, ?)",
            ((number, i, r.id, _packed(unstructure(r))) for i, r in enumerate(getattr(dataset, kind))),
        )
    position = dataset.position
    db.executemany(
        "INSERT OR IGNORE INTO names VALUES (?, ?)",
        ((name, position(dataset[i])) for name, ids in dataset._agreement_names.items() for i in ids),
    )
    db.executemany(
        "INSERT OR IGNORE INTO bodies VALUES (?, ?)", ((k, i) for k, v in dataset._by_body.items() for i in v)
    )
    db.executemany(
        "INSERT OR IGNORE INTO areas VALUES (?, ?)", ((k, i) for k, v in dataset._by_area.items() for i in v)
    )
    db.executemany("INSERT OR IGNORE INTO haystacks VALUES (?, ?)", enumerate(dataset.haystacks()))
    days, readings = dataset._status.timelines()
    db.executemany("INSERT OR IGNORE INTO spans VALUES (?, ?, ?, ?)", _spans(days, readings))
    db.executemany("INSERT OR IGNORE INTO dated VALUES (?, ?, ?, ?)", _dated(dataset))
    db.executemany(
        "INSERT OR IGNORE INTO links VALUES (?, ?)",
        (
            pair
            for i, a in enumerate(dataset.agreements)
            for r in a.relations
            if r.target in dataset
            for pair in ((i, position(dataset[r.target])), (position(dataset[r.target]), i))
        ),
    )
    db.executemany(
        "INSERT OR IGNORE INTO multilateral VALUES (?)", ((i,) for i, a in enumerate(dataset) if a.multilateral)
    )
    db.executemany("INSERT INTO meta VALUES (?, ?)", [("format", str(FORMAT)), ("grams", _index_grams(db))])


def _spans(
    days: Sequence[Sequence[_dt.date]], readings: Sequence[Sequence[Any]]
) -> Iterator[tuple[str, int, int, int]]:
    """Each agreement's status timeline as spans of days, one row for each status it may have in each."""
    for pos, (turns, reads) in enumerate(zip(days, readings, strict=True)):
        bounds = [NEVER, *(d.toordinal() for d in turns), ALWAYS]
        for j, reading in enumerate(reads):
            for status in dict.fromkeys(reading.possible):
                yield ("" if status is None else status.value, bounds[j], bounds[j + 1], pos)


def _dated(dataset: Dataset) -> Iterator[tuple[str, int, int, int]]:
    """The earliest and latest day of every event, action, term end, notice and target, by what it is."""
    for pos, a in enumerate(dataset.agreements):
        for event in a.history:
            yield ("event", *_span(event.date.value), pos)
        for action in a.actions:
            yield ("action", *_span(action.date.value), pos)
        term = a.term
        if term is not None:
            for date in (term.end, term.notice_by):
                if date is not None:
                    yield ("due", *_span(date), pos)
        for target in a.targets:
            if target.due is not None:
                # A target can be overdue whenever it was due: from its earliest day on, always.
                yield ("due", _span(target.due)[0], ALWAYS, pos)


def _span(date: Any) -> tuple[int, int]:
    return _ordinal(date.earliest, NEVER), _ordinal(date.latest, ALWAYS)
