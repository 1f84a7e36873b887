"""The SQLite export: one table per kind of record, ready for Datasette.

Every record kind has its table, keyed by its id; what the model nests
(events, claims, participants, relations, targets, a signatory's changes) has
a table of its own with an integer ``id``, and the lists of ids (parties,
areas, sources) are link tables. Every reference is a ``FOREIGN KEY`` with an
index, so Datasette shows it as a link labelled with the record's name or
title and can facet on it. A date is kept three ways: its EDTF string, and
the ``_earliest`` and ``_latest`` days it may be (ISO, so they sort and
compare as text); a list within a record (names in other languages, aliases)
is a JSON array or object. The tables are laid out in :mod:`._sqlite_schema`
and filled by :mod:`._sqlite_rows`; this module builds the database and checks it.

>>> import datetime, sqlite3, mou_tracker
>>> from mou_tracker.exports.sqlite import export_sqlite
>>> db = sqlite3.connect(":memory:")
>>> db.deserialize(export_sqlite(mou_tracker.load(), day=datetime.date(2026, 1, 1)))
>>> db.execute("select status, signed from agreements where id = 'itx'").fetchone()
('signed', '2023-08-28')
"""

from __future__ import annotations

import datetime as _dt
import sqlite3

from ..dataset import Dataset
from ..exceptions import MouTrackerError
from ._sqlite_rows import _fill
from ._sqlite_schema import SCHEMA, SCHEMA_VERSION, _indexes

__all__ = ["SCHEMA", "SCHEMA_VERSION", "export_sqlite"]


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
