"""From a directory of scraped tables to the data files' texts: :func:`convert`, which writes nothing.

Every table named in ``index.csv`` is read, its participants mapped to
signatories, and its treaty's file made; every problem of every table is
collected and ordered by file, line and column. What is left out, and why,
is decided here (see :mod:`mou_tracker.untc`).
"""

from __future__ import annotations

import os
import types
from collections.abc import Mapping
from pathlib import Path as FsPath
from typing import Any

import attrs

from ..exceptions import Problem
from .cells import Row, Table
from .datafiles import PARTICIPANTS_FILE, _Imported, _participants_file, _treaty_file
from .fields import _problem
from .index import INDEX_FILE, Treaty, _read_index
from .names import Party, _lookup, _mapped
from .stamps import _dump
from .tables import _Read, _read_table, _Skipped


@attrs.frozen
class Conversion:
    """What the tables of a directory make: the files' texts by name, and every problem.

    ``treaties`` are those imported, which the files hold. ``left_out``
    names the tables not imported at all: a table whose header, quoting or
    encoding cannot be read, or that ``index.csv`` does not name.
    ``rows_left_out`` gives, as ``(file, line)``, each row of an imported
    table that was not imported (its participant maps to no signatory, or a
    cell cannot be read); its treaty's ``notes`` say so. The problems of
    both are among ``problems``.
    """

    files: Mapping[str, str]
    treaties: tuple[Treaty, ...] = ()
    left_out: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    participants: int = 0
    actions: int = 0
    rows_left_out: tuple[tuple[str, int], ...] = ()


def convert(source: str | os.PathLike[str]) -> Conversion:
    """Read the scraped tables of the directory ``source`` and make the data files; write nothing.

    Every problem of every table is collected. A row with a problem is left
    out, and said in its treaty's notes; a table with a problem of its own
    (its header, its quoting) is left out whole. The participants of every
    table, left out or not, that map to a signatory are in
    :data:`PARTICIPANTS_FILE`, so that a treaty file written by an earlier
    import still finds its parties there.
    """
    root = FsPath(source)
    problems: list[Problem] = []
    try:
        names = sorted(
            (entry.name for entry in os.scandir(root) if entry.is_file() and entry.name.lower().endswith(".csv")),
            key=_table_order,
        )
    except OSError as exc:
        return Conversion({}, problems=(_os_problem("read the directory", exc, root),))
    index_name = next((n for n in names if n.lower() == INDEX_FILE), None)
    if index_name is None:
        problem = Problem(f"no {INDEX_FILE} naming the treaties of the tables", file=str(root))
        return Conversion({}, problems=(problem,), left_out=tuple(names))
    index_path = str(root / index_name)
    entries, found = _read_index(_read(root / index_name, problems), index_path)
    problems.extend(found)
    by_table: dict[str, Treaty | None] = {}
    for entry, line in entries:
        if entry.table.lower() in by_table:  # which of the two is meant is not known: neither is used
            message = f"the treaty {entry.symbol} is named twice; its table is not imported"
            problems.append(_problem(message, index_path, line, 1))
            by_table[entry.table.lower()] = None
        else:
            by_table[entry.table.lower()] = entry
    imported: list[_Imported] = []
    left_out: list[str] = []
    mapped: dict[str, list[tuple[Party, str]]] = {}
    for name in names:
        if name == index_name:
            continue
        filename = str(root / name)
        treaty = by_table.get(name.lower())
        if name.lower() not in by_table:
            problems.append(Problem(f"the table is not named in {INDEX_FILE}, so its treaty is unknown", file=filename))
        read = _read_table(_read(root / name, problems), filename)
        problems.extend(read.problems)
        if treaty is None or not read.whole:
            left_out.append(name)
            # Its participants stay signatories, so that its file from an earlier import still loads.
            for who in filter(None, (_mapped(named) for named in read.named)):
                mapped.setdefault(who.id, []).append((who, treaty.id if treaty else name))
            continue
        parties, table, skipped = _parties(read, filename, problems)
        for who in parties:
            mapped.setdefault(who.id, []).append((who, treaty.id))
        imported.append(_Imported(treaty, table, parties, name, skipped))
    files = {f"{i.treaty.id}.yaml": _dump(_treaty_file(i)) for i in imported}
    if mapped:
        files[PARTICIPANTS_FILE] = _dump(_participants_file(mapped))
    problems.sort(key=lambda p: (_table_order(FsPath(p.file or "").name), p.file or "", p.line or 0, p.column or 0))
    return Conversion(
        types.MappingProxyType(dict(sorted(files.items()))),
        tuple(i.treaty for i in imported),
        tuple(left_out),
        tuple(problems),
        participants=len(mapped),
        actions=sum(1 for i in imported for row in i.table.rows for cell in row.cells if cell is not None),
        rows_left_out=tuple((str(root / i.file), s.line) for i in imported for s in i.skipped),
    )


def _table_order(name: str) -> tuple[Any, ...]:
    """Tables in the Collection's order: by chapter, then number (``3-2-1`` before ``10-11``); the index first."""
    if name.lower() == INDEX_FILE:
        return ((),)
    return (tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in name.rsplit(".", 1)[0].split("-")),)


def _read(path: FsPath, problems: list[Problem]) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        problems.append(_os_problem("read the file", exc, path))
        return b""


def _os_problem(doing: str, exc: OSError, path: FsPath) -> Problem:
    """A problem of the file system at ``path``: what could not be done, and the system's reason."""
    return Problem(f"cannot {doing}: {exc.strerror or exc}", file=str(path))


def _parties(
    read: _Read, filename: str, problems: list[Problem]
) -> tuple[tuple[Party, ...], Table, tuple[_Skipped, ...]]:
    """The party of each row read, the table of the rows mapped, and every row left out, in the file's order.

    A row whose participant maps to no signatory, or to one an earlier row
    maps to, is left out and is a problem.
    """
    parties: list[Party] = []
    rows: list[Row] = []
    skipped = list(read.skipped)
    seen: dict[str, tuple[str, int]] = {}
    for row, (line, column) in zip(read.table.rows, read.lines, strict=True):
        found = _lookup(row.participant)
        if isinstance(found, Party) and found.id in seen:
            earlier, at = seen[found.id]
            found = (
                f"{row.participant!r} is the signatory {found.id!r}, as {earlier!r} on line {at} is: "
                "a participant has one row"
            )
        if isinstance(found, str):
            problems.append(_problem(found, filename, line, column, ("Participant",)))
            skipped.append(_Skipped(line, row.participant, (found,)))
            continue
        seen[found.id] = (row.participant, line)
        parties.append(found)
        rows.append(row)
    skipped.sort(key=lambda s: s.line)
    return tuple(parties), Table(read.table.columns, tuple(rows)), tuple(skipped)
