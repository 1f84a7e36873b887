"""One data file's records, built on their own: what a file gives before the whole is checked.

:func:`_read_part` decodes a file (:mod:`mou_tracker._decoding`), turns the
safe parser's events into plain values (:mod:`mou_tracker._yaml`) and builds
each record with the strict converter (:mod:`mou_tracker._convert`), so that
one bad record does not hide the problems of the others. It depends only on
the file's content and name, which is what lets the cache keep its result.
Problems found here carry paths; :func:`_located` turns them into lines and
columns of the YAML.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from ._decoding import _check_characters, _decode, _lines_as_lf
from .exceptions import DataError, Path, Problem
from .model import Agreement, Area, Person, Signatory, Source

__all__ = ["SCHEMA_VERSION"]

SCHEMA_VERSION = 1
"""The version of the data format this library reads and writes."""


@attrs.frozen
class _File:
    schema_version: int
    sources: tuple[Source, ...] = ()
    signatories: tuple[Signatory, ...] = ()
    people: tuple[Person, ...] = ()
    areas: tuple[Area, ...] = ()
    agreements: tuple[Agreement, ...] = ()


# The lists of a data file, in the order a curator writes them.
_RECORDS: Mapping[str, type[Any]] = {
    "sources": Source,
    "signatories": Signatory,
    "people": Person,
    "areas": Area,
    "agreements": Agreement,
}


# Problems about a key rather than its value are marked at the key.
_KEY_PROBLEMS = ("unknown key", "names are keyed", "expected a key")


def _located(text: str, filename: str, findings: list[tuple[Path, str]], at_key: set[int]) -> list[Problem]:
    from . import _yaml

    marks = _yaml.locate(text, filename, (path for path, _ in findings))
    problems = []
    for i, (path, message) in enumerate(findings):
        key_mark, value_mark = marks.get(path, (None, None))
        mark = key_mark if i in at_key else value_mark
        problems.append(
            Problem(
                message,
                path=path,
                file=filename,
                line=mark.line if mark else None,
                column=mark.column if mark else None,
            )
        )
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return problems


@attrs.frozen
class _Part:
    """What one file gives on its own: its records, and what is wrong with it.

    It depends only on the file's content and name. ``problems`` are the
    located problems that kept the file from being read into records at all
    (bad encoding, YAML syntax, no ``schema_version``); ``findings`` are the
    unlocated (path, message) problems of records that could not be built,
    and of unknown top-level keys. ``positions`` gives the position in the
    file of each built record, ``unbuilt`` the ids of the records left out.
    ``text`` (its line breaks all made LF) is kept to locate the problems that
    only the whole dataset shows; a part taken from the cache keeps only a way
    to ``reread`` the file instead, used if there is a problem to locate, so
    that a large file's bytes are not held while its records are built.
    """

    filename: str
    text: str = ""
    problems: tuple[Problem, ...] = ()
    findings: tuple[tuple[Path, str], ...] = ()
    records: Mapping[str, tuple[Any, ...]] = attrs.field(factory=dict)
    positions: Mapping[str, tuple[int, ...]] = attrs.field(factory=dict)
    unbuilt: Mapping[str, frozenset[str]] = attrs.field(factory=dict)
    reread: Callable[[], bytes] | None = None

    def located_text(self) -> str:
        """The text that the file's problems are located in."""
        return self.text if self.reread is None else _lines_as_lf(_decode(self.reread(), self.filename))


def _read_part(data: str | bytes, filename: str) -> _Part:
    """Decode, parse and build the records of one file, collecting its problems."""
    import difflib

    from cattrs.errors import ClassValidationError, IterableValidationError

    from . import _yaml
    from ._convert import _CONVERTER, _flatten, _found, _Invalid

    try:
        text = _lines_as_lf(_decode(data, filename) if isinstance(data, bytes) else data.removeprefix("\ufeff"))
        _check_characters(text, filename)
    except DataError as exc:
        return _Part(filename, problems=exc.problems)
    value, problems = _yaml.parse(text, filename)
    if problems:
        return _Part(filename, text, problems=tuple(problems))
    if not isinstance(value, dict):
        what = _at_the_top(value)
        problem = Problem(
            f"expected a mapping with schema_version, sources, signatories, people, areas and agreements; found {what}",
            file=filename,
            line=1,
            column=1,
        )
        return _Part(filename, text, problems=(problem,))
    version = value.get("schema_version")
    if version != SCHEMA_VERSION or type(version) is not int:
        message = (
            "missing required key 'schema_version'"
            if "schema_version" not in value
            else f"expected schema_version {SCHEMA_VERSION}, found {_found(version)}"
        )
        path: Path = ("schema_version",) if "schema_version" in value else ()
        return _Part(filename, text, problems=tuple(_located(text, filename, [(path, message)], set())))
    # Each record is built on its own, so that one bad record does not hide
    # the problems of the others.
    findings: list[tuple[Path, str]] = []
    built: dict[str, list[Any]] = {}
    positions: dict[str, list[int]] = {}
    unbuilt: dict[str, set[str]] = {}
    for key in value:
        if key not in _RECORDS and key != "schema_version":
            close = difflib.get_close_matches(key, [*_RECORDS, "schema_version"], n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"expected one of schema_version, {', '.join(_RECORDS)}"
            findings.append(((key,), f"unknown key {key!r}; {hint}"))
    for name, record_type in _RECORDS.items():
        records = value.get(name, [])
        built[name], positions[name], unbuilt[name] = [], [], set()
        if not isinstance(records, list):
            findings.append(((name,), f"expected a list, found {_found(records)}"))
            continue
        for i, record in enumerate(records):
            try:
                built[name].append(_CONVERTER.structure(record, record_type))
                positions[name].append(i)
            except (ClassValidationError, IterableValidationError, _Invalid) as exc:
                _flatten(exc, (name, i), findings)
                if isinstance(record, dict) and isinstance(record.get("id"), str):
                    unbuilt[name].add(record["id"])
    return _Part(
        filename,
        text,
        findings=tuple(findings),
        records={name: tuple(records) for name, records in built.items()},
        positions={name: tuple(p) for name, p in positions.items()},
        unbuilt={name: frozenset(ids) for name, ids in unbuilt.items()},
    )


def _at_the_top(value: object) -> str:
    """What a file that is not a mapping holds, for a message, without quoting any of it.

    Such a file is not a data file, and may hold anything (a one-line
    ``API_TOKEN=…`` is a plain scalar to YAML); its problem may be printed by
    a CI job whose log others read.
    """
    if value is None:
        return "an empty file"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "a number"
    return "text"


def _at_key(findings: Sequence[tuple[Path, str]]) -> set[int]:
    return {i for i, (_, message) in enumerate(findings) if message.startswith(_KEY_PROBLEMS)}
