"""A store of a checked collection in SQLite, so that a command reads only the records it prints.

A full load builds every record of every file, which at a national treaty
series' size takes seconds even from the cache. Most commands print a few
records: one agreement, the instruments of one party, what falls due this
year. The store holds the records of a collection that passed every check,
each as the plain JSON a cache entry holds, with the indexes the queries use
(:meth:`~mou_tracker.Dataset.positions_by_bodies`, the areas, the folded
text that search looks in, each agreement's status timeline, the dated
events, actions, terms and targets, the relations), all worked out by the
:class:`~mou_tracker.Dataset` itself when the store is written. A command
asks the store for the positions that may answer it (a superset: the
indexes never decide), builds those records and the records they need (the
agreements that refer to them, and those they refer to, for statuses and
names; every signatory, person and area; the sources they cite) into a
small :class:`~mou_tracker.Dataset`, and runs as it would on the whole:
the same code answers, on fewer records.

The YAML stays the one source of truth. The store is a cache entry: it
lives in the cache's directory under the same rules (the user's own,
writable by no one else, within the cache's bound), it is named by the
data's path and the library's version, and it holds the SHA-256 of every
data file it was built from. It is used only when each data file still has
the identity (device, inode, size, modification and change times, to the
nanosecond) it had when read, as git's index trusts a file it has seen;
a file changed within two seconds before the store was written is not
trusted on its times (the "racy" case) and the store is built again.
Anything wrong with it (not a database, another version, a missing table)
and it is ignored and built anew; its records are rebuilt through the same
checks as a cache entry's, so that nothing in it reaches a terminal that a
data file could not. It is opened read-only, with SQLite's
``trusted_schema`` off, so that nothing in it runs.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._store_tables import ALWAYS, FORMAT, KINDS, NEVER, fill, plain, quoted, sources_in
from ._version import __version__

if TYPE_CHECKING:
    from .cache import Cache
    from .dataset import Dataset
    from .model import Status

__all__ = ["Store", "data_files", "digest_of"]

_RACY_NS = 2_000_000_000
"""A file modified this close before the store was written is not trusted on its times."""


def data_files(target: Path) -> list[str] | None:
    """The data files a load of ``target`` reads, as ``load`` finds them; ``None`` if finding them found a problem."""
    from ._files import _data_files

    try:
        if not target.is_dir():
            return [os.fspath(target)]
    except OSError:
        return None
    files, problems = _data_files(target)
    return None if problems else [os.fspath(f) for f in files]


def digest_of(path: str) -> str:
    """The SHA-256 of a file's bytes, in hex; empty if it cannot be read."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return ""
    return digest.hexdigest()


def _identity(path: str) -> str | None:
    """What says a file is the one it was: device, inode, size, modification and change times."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return f"{st.st_dev}:{st.st_ino}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}"


def _key(cache: Cache, path: str | os.PathLike[str] | None) -> str:
    where = "" if path is None else os.path.abspath(os.fspath(path))
    return cache.key(b"store", where.encode("utf-8", "surrogateescape"))


class Store:
    """A read-only store of one collection, fresh for its data files; see the module's docstring."""

    def __init__(self, connection: sqlite3.Connection, *, grams: bool) -> None:
        self._db = connection
        self._grams = grams

    @classmethod
    def open(cls, cache: Cache, path: str | os.PathLike[str] | None, files: Sequence[str]) -> Store | None:
        """The store of the data at ``path`` (the bundled data when ``None``), if there is one fresh for ``files``."""
        found = cache.database("store", _key(cache, path))
        if found is None:
            return None
        try:
            db = sqlite3.connect(f"{Path(found).as_uri()}?mode=ro", uri=True, check_same_thread=False)
        except (sqlite3.Error, ValueError):
            return None
        try:
            db.execute("PRAGMA trusted_schema = OFF")
            db.execute("PRAGMA query_only = ON")
            meta = dict(db.execute("SELECT name, value FROM meta"))
            if meta.get("version") != __version__ or meta.get("format") != str(FORMAT):
                raise sqlite3.DatabaseError("another version's store")
            written = int(meta["written"])
            known = {name: (identity, digest) for name, identity, digest in db.execute("SELECT * FROM files")}
            if sorted(known) != sorted(files):
                raise sqlite3.DatabaseError("other files")
            for name in files:
                identity, digest = known[name]
                now = _identity(name)
                if now is None:
                    raise sqlite3.DatabaseError("a file is gone")
                # A file touched, or copied back, may hold what it held: its content decides.
                if (now != identity or int(now.split(":")[3]) >= written - _RACY_NS) and digest_of(name) != digest:
                    raise sqlite3.DatabaseError("a file changed")
        except (sqlite3.Error, KeyError, ValueError, IndexError):
            db.close()
            return None
        return cls(db, grams=meta.get("grams") == "1")

    @staticmethod
    def write(
        cache: Cache,
        path: str | os.PathLike[str] | None,
        identities: dict[str, str],
        digests: dict[str, str],
        dataset: Dataset,
    ) -> None:
        """Write the store of ``dataset``, read from the files whose identities (taken before reading) are given."""
        written = time.time_ns()

        def make(temporary: str) -> None:
            try:
                with sqlite3.connect(temporary) as db:
                    fill(
                        db, dataset, {name: (identity, digests.get(name, "")) for name, identity in identities.items()}
                    )
                    db.executemany(
                        "INSERT INTO meta VALUES (?, ?)", [("version", __version__), ("written", str(written))]
                    )
                db.close()
            except sqlite3.Error as exc:
                raise OSError(str(exc)) from None

        cache.put_database("store", _key(cache, path), make)

    def close(self) -> None:
        """Close the database."""
        self._db.close()

    # -- what may answer a question: positions in file order, a superset --

    def count(self) -> int:
        """How many agreements the collection holds."""
        return int(self._db.execute("SELECT count(*) FROM records WHERE kind = 0").fetchone()[0])

    def position_of(self, ident: str) -> int | None:
        """The position of the agreement with this id."""
        row = self._db.execute("SELECT pos FROM records WHERE kind = 0 AND id = ?", (ident,)).fetchone()
        return None if row is None else int(row[0])

    def named(self, folded: str) -> list[int]:
        """The positions of the agreements with this folded id, short name, alias or title."""
        return self._positions("SELECT DISTINCT pos FROM names WHERE name = ? ORDER BY pos", (folded,))

    def holding(self, words: Sequence[str]) -> list[int]:
        """The positions of the agreements whose folded text holds every one of ``words`` (folded).

        Exactly as :meth:`~mou_tracker.Query.text` finds them: each word
        anywhere in the text, even inside another. The trigram index, where
        SQLite has one, keeps the texts that hold every three letters of the
        words; the words are then looked for in those alone.
        """
        test = " AND ".join(["instr(text, ?) > 0"] * len(words)) or "1"
        grams = " AND ".join(quoted(word[i : i + 3]) for word in words for i in range(len(word) - 2))
        if grams and self._grams:
            sql = f"SELECT pos FROM haystacks WHERE pos IN (SELECT rowid FROM grams(?)) AND {test} ORDER BY pos"
            return self._positions(sql, (grams, *words))
        return self._positions(f"SELECT pos FROM haystacks WHERE {test} ORDER BY pos", tuple(words))

    def by_bodies(self, bodies: Iterable[str]) -> list[int]:
        """The positions of the agreements any of ``bodies`` is party to, signed or witnessed for."""
        return self._any_of("bodies", "body", bodies)

    def by_areas(self, areas: Iterable[str]) -> list[int]:
        """The positions of the agreements that name any of ``areas``."""
        return self._any_of("areas", "area", areas)

    def possibly(self, statuses: Iterable[Status | None], day: _dt.date) -> list[int]:
        """The positions of the agreements whose status on ``day`` may be one of ``statuses``."""
        wanted = sorted({"" if s is None else s.value for s in statuses})
        marks = ", ".join("?" * len(wanted))
        ordinal = day.toordinal()
        return self._positions(
            f"SELECT DISTINCT pos FROM spans WHERE status IN ({marks}) AND start <= ? AND stop > ? ORDER BY pos",
            (*wanted, ordinal, ordinal),
        )

    def dated(self, what: str, start: _dt.date | None, end: _dt.date | None) -> list[int]:
        """The positions of the agreements with a dated ``what`` (event, action, due) that may fall in the window."""
        lo = NEVER if start is None else start.toordinal()
        hi = ALWAYS if end is None else end.toordinal()
        return self._positions(
            "SELECT DISTINCT pos FROM dated WHERE what = ? AND earliest <= ? AND latest >= ? ORDER BY pos",
            (what, hi, lo),
        )

    def multilateral(self) -> list[int]:
        """The positions of the multilateral instruments."""
        return self._positions("SELECT pos FROM multilateral ORDER BY pos", ())

    def linked(self, positions: Iterable[int], *, transitive: bool = False) -> list[int]:
        """``positions`` and the agreements they refer to or that refer to them; with ``transitive``, all the way."""
        found = set(positions)
        frontier = set(found)
        while frontier:
            new = {
                int(r[0]) for r in self._among("SELECT other FROM links WHERE pos IN ({})", sorted(frontier))
            } - found
            found |= new
            frontier = new if transitive else set()
        return sorted(found)

    def _any_of(self, table: str, column: str, values: Iterable[str]) -> list[int]:
        rows = self._among(f"SELECT pos FROM {table} WHERE {column} IN ({{}})", sorted(set(values)))
        return sorted({int(row[0]) for row in rows})

    def _among(self, sql: str, values: Sequence[object]) -> Iterator[Any]:
        """The rows of ``sql`` for each batch of ``values`` put in its ``IN ({})``: an SQLite takes 999 at least."""
        for start in range(0, len(values), 500):
            batch = values[start : start + 500]
            yield from self._db.execute(sql.format(", ".join("?" * len(batch))), batch)

    def _positions(self, sql: str, params: Sequence[object]) -> list[int]:
        return [int(row[0]) for row in self._db.execute(sql, params)]

    # -- records --

    def records(self, positions: Iterable[int]) -> dict[str, tuple[Any, ...]]:
        """The agreements at ``positions`` (in file order), every signatory, person and area, and the sources they cite.

        By kind, as a :class:`~mou_tracker.Dataset` takes them. Raises
        ``ValueError`` when a record does not build: the store is then not
        to be trusted.
        """
        from . import _trusted
        from ._parts import _RECORDS

        chosen = sorted(set(positions))
        bodies: dict[str, list[object]] = {kind: [] for kind in KINDS}
        rows = self._among("SELECT pos, body FROM records WHERE kind = 0 AND pos IN ({})", chosen)
        bodies["agreements"].extend(plain(body) for _, body in sorted(rows))
        if len(bodies["agreements"]) != len(chosen):
            raise ValueError("the store lacks records it indexes")
        for kind in ("signatories", "people", "areas"):
            rows = self._db.execute("SELECT body FROM records WHERE kind = ? ORDER BY pos", (KINDS.index(kind),))
            bodies[kind].extend(plain(row[0]) for row in rows)
        cited = {
            s for kind in ("agreements", "signatories", "people", "areas") for b in bodies[kind] for s in sources_in(b)
        }
        found = self._among("SELECT pos, body FROM records WHERE kind = 4 AND id IN ({})", sorted(cited))
        bodies["sources"].extend(plain(body) for _, body in sorted(found))
        build = _trusted.Builder()
        try:
            built = {kind: build.records(iter(bodies[kind]), _RECORDS[kind], len(bodies[kind])) for kind in KINDS}
        except Exception as exc:  # whatever is wrong with a record, the store is not trusted
            raise ValueError(f"a record of the store does not build: {exc}") from None
        return built
