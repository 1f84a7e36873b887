"""The records of data files put together into one dataset, and checked as a whole.

A directory on disk (:mod:`.loading`) and one in a git revision
(:mod:`._git`) are read file by file; :func:`_merge` puts the records of
the files together and runs the checks of the whole once, each problem
located in the file its record came from and at its place in that file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ._parts import _RECORDS, _at_key, _located, _Part
from .dataset import Dataset
from .exceptions import DataError, Path, Problem, format_path

__all__ = ["MAX_BYTES"]

MAX_BYTES = 256 * 1024 * 1024
"""Largest file read by default: far above any real collection of instruments."""


def _merge(
    parts: Sequence[_Part], *, order: Callable[[Problem], tuple[str, ...]] | None = None, check: bool = True
) -> Dataset:
    """Concatenate the records of ``parts`` into one dataset and check it as a whole.

    Every problem is located in the file, and at the place in the file, that
    it comes from. ``order``, when given, is the sort key of the problems
    (before line and column); without it a file that cannot be read keeps the
    problems in the order they were found. ``check=False`` skips the checks
    of the whole, for parts known to have passed them together.
    """
    unreadable = [part for part in parts if part.problems]
    if unreadable:
        # The records of an unreadable file are missing, so the whole is not
        # checked (every reference to them would be reported as unknown); the
        # records of the other files are still built and their problems shown.
        problems = [p for part in parts for p in part.problems]
        for part in parts:
            if not part.problems and part.findings:
                problems.extend(
                    _located(part.located_text(), part.filename, list(part.findings), _at_key(part.findings))
                )
        raise DataError(_ordered(problems, order))
    # Record ``g`` of a collection in the whole is record ``origin[name][g]``
    # (file, position in the file).
    origin: dict[str, list[tuple[int, int]]] = {name: [] for name in _RECORDS}
    for index, part in enumerate(parts):
        for name in _RECORDS:
            origin[name].extend((index, position) for position in part.positions.get(name, ()))
    dataset = Dataset(**{name: tuple(r for part in parts for r in part.records.get(name, ())) for name in _RECORDS})
    if not check:
        return dataset
    from . import _yaml, validation

    unbuilt = {name: {i for part in parts for i in part.unbuilt.get(name, ())} for name in _RECORDS}
    findings: list[list[tuple[Path, str]]] = [list(part.findings) for part in parts]
    # Duplicates of an id first seen in another file: (file, path, id, path of the first) by file of the first.
    elsewhere: dict[int, list[tuple[int, Path, str, Path]]] = {}
    for path, said in validation.check(dataset, unbuilt=unbuilt):
        message = said
        collection, g = path[0], path[1]
        assert isinstance(collection, str) and isinstance(g, int), path  # every finding is about a record
        index, position = origin[collection][g]
        local: Path = (collection, position, *path[2:])
        if path[2:] == ("id",) and message.startswith("duplicate id "):
            # The message names the first record by its place in the whole: name its place in its file.
            ident = getattr(dataset, collection)[g].id
            first = next(i for i, record in enumerate(getattr(dataset, collection)) if record.id == ident)
            first_index, first_position = origin[collection][first]
            if message == f"duplicate id {ident!r}; first at {format_path((collection, first))}":
                if first_index != index:
                    elsewhere.setdefault(first_index, []).append((index, local, ident, (collection, first_position)))
                    continue
                message = f"duplicate id {ident!r}; first at {format_path((collection, first_position))}"
        findings[index].append((local, message))
    for first_index, duplicates in elsewhere.items():
        first_part = parts[first_index]
        marks = _yaml.locate(first_part.located_text(), first_part.filename, (first for *_, first in duplicates))
        for index, local, ident, first_path in duplicates:
            mark, _ = marks[first_path]
            where = f"{format_path(first_path)} in {first_part.filename}:{mark.line}:{mark.column}"
            findings[index].append((local, f"duplicate id {ident!r}; first at {where}"))
    problems = []
    for part, found in zip(parts, findings, strict=True):
        if found:
            problems.extend(_located(part.located_text(), part.filename, found, _at_key(found)))
    if problems:
        raise DataError(_ordered(problems, order))
    return dataset


def _ordered(problems: list[Problem], order: Callable[[Problem], tuple[str, ...]] | None) -> list[Problem]:
    if order is None:
        return problems
    return sorted(problems, key=lambda p: (order(p), p.line or 0, p.column or 0))
