"""YAML files to a validated :class:`~mou_tracker.Dataset`, and back.

Reading goes in three steps, each of which collects every problem it can
before giving up: the bytes are checked and decoded, :mod:`._yaml` turns the
safe parser's events into plain values, and a private cattrs converter with
strict hooks builds the model, after which :mod:`.validation` checks the
whole. Problems carry paths; the last step maps them back to the line and
column of the YAML node.

A directory is read file by file in the same way (:func:`_read_part` depends
only on a file's content and name), the records of all files are put
together, and the whole is checked once (:func:`_merge`), each problem
located in the file its record came from.

Which files a directory holds is decided by :func:`_data_files`: names
ending in ``.yaml`` or ``.yml`` in any case, links followed only to files
inside the directory. Every candidate that cannot be read is a problem of
its own, so that a load never gives, and ``validate`` never passes, fewer
records than the directory has. A link out of the directory is not followed,
and a file that turns out not to be a mapping is described, never quoted:
a directory may come from someone else (a pull request checked in CI), and
its problems must not print another file's secrets.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import unicodedata
from collections.abc import Callable, Generator, Mapping, Sequence
from importlib import resources
from pathlib import Path as FsPath
from typing import Any

import attrs

from ._gc import collector_paused
from .cache import Cache, default_cache
from .dataset import Dataset
from .exceptions import DataError, Path, Problem, format_path
from .model import Agreement, Area, Person, Signatory, Source

# cattrs, PyYAML and the checks of the whole (._convert, ._yaml, .validation)
# are imported only by what needs them: a file read from the cache, already
# checked, needs none of them, and the status table starts faster without.

__all__ = ["MAX_BYTES", "SCHEMA_VERSION", "bundled_path", "dumps", "load", "loads"]

SCHEMA_VERSION = 1
"""The version of the data format this library reads and writes."""

MAX_BYTES = 256 * 1024 * 1024
"""Largest file read by default: far above any real collection of instruments."""


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


_BOM = "\ufeff".encode()
"""UTF-8's byte order mark."""


def _decode(data: bytes, filename: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError([Problem("the file is UTF-16; save it as UTF-8", file=filename, line=1, column=1)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # The byte order mark is dropped (below), so it takes no column.
        start = len(_BOM) if data.startswith(_BOM) else 0
        before = _one_newline(data[start : exc.start])
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        problem = Problem(
            f"the file is not valid UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded",
            file=filename,
            line=line,
            column=column,
        )
        raise DataError([problem]) from None
    return text.removeprefix("\ufeff")


# Problems about a key rather than its value are marked at the key.
_KEY_PROBLEMS = ("unknown key", "names are keyed", "expected a key")


def _one_newline(data: bytes) -> bytes:
    # YAML reads CR LF, CR and LF alike as line breaks.
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


# C0 and C1 control characters (but tab and line breaks), lone surrogates,
# non-characters, and the line breaks YAML 1.1 knows but editors do not show
# (NEL, LS, PS), which would make line numbers disagree. YAML's escapes make
# such characters only when parsed: every parsed text is checked again, by
# the converter (._characters).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _check_characters(text: str, filename: str) -> None:
    problems = []
    for match in itertools.islice(_CONTROL.finditer(text), 20):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - text.rfind("\n", 0, match.start())
        char = match.group()
        what = "control character" if unicodedata.category(char) == "Cc" else "character"
        problems.append(
            Problem(
                f"{what} U+{ord(char):04X} is not allowed in a data file",
                file=filename,
                line=line,
                column=column,
            )
        )
    if problems:
        raise DataError(problems)


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


def _lines_as_lf(text: str) -> str:
    """Line numbers in problems count lines as YAML does: CR LF, CR and LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


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


def _cached_part(filename: str, cache: Cache | None, read: Callable[[], bytes]) -> tuple[_Part, str | None]:
    """The part of one file, from the cache when it holds it; and the file's key if it can be cached.

    ``read`` reads the file (a :class:`DataError` if it cannot); it is
    called again only to locate a problem, so that the file's bytes are not
    held while its records are built from the cache. Only files that are fine
    on their own are cached: a file with problems is read afresh each time,
    so that its problems are located as ever.
    """
    data = read()
    if cache is None:
        return _read_part(data, filename), None
    key = cache.key(data)
    entry = cache.lines("parts", key)
    if entry is not None:
        del data  # built from the entry; the file is read again only to locate a problem
        part = _part_from_cache(entry, filename, _unchanged(read, cache, key, filename))
        if part is not None:
            return part, key
        data = read()
        key = cache.key(data)
    part = _read_part(data, filename)
    if part.problems or part.findings:
        return part, None
    from ._convert import _CONVERTER

    cache.put_lines(
        "parts",
        key,
        (_CONVERTER.unstructure(r, _RECORDS[name]) for name, records in part.records.items() for r in records),
        counts={name: len(records) for name, records in part.records.items()},
    )
    return part, key


def _unchanged(read: Callable[[], bytes], cache: Cache, key: str, filename: str) -> Callable[[], bytes]:
    """``read``, refusing a file whose content is no longer the one its records came from."""

    def again() -> bytes:
        data = read()
        if cache.key(data) != key:
            raise DataError([Problem("the file changed while it was being loaded; load it again", file=filename)])
        return data

    return again


def _part_from_cache(
    entry: tuple[dict[str, Any], Generator[Any, None, None]], filename: str, reread: Callable[[], bytes]
) -> _Part | None:
    """The part a cache entry holds, or ``None`` if it does not build (the file is then read afresh)."""
    meta, values = entry
    counts = meta.get("counts")
    from . import _trusted

    try:
        if not isinstance(counts, dict) or set(counts) != set(_RECORDS):
            raise _trusted.Unfit("the entry does not say how many records of each kind it holds")
        build = _trusted.Builder()
        records = {name: build.records(values, _RECORDS[name], counts[name]) for name in _RECORDS}
        for _ in values:  # past the last record: the checksum is checked there
            raise _trusted.Unfit("more records than the entry says")
    except Exception:  # whatever is wrong with an entry, it is not trusted
        return None
    finally:
        values.close()
    return _Part(
        filename,
        records=records,
        positions={name: tuple(range(len(r))) for name, r in records.items()},
        unbuilt={name: frozenset() for name in _RECORDS},
        reread=reread,
    )


def _load_parts(
    parts: list[tuple[_Part, str | None]],
    cache: Cache | None,
    *,
    order: Callable[[Problem], tuple[str, ...]] | None = None,
    recheck: bool = False,
) -> Dataset:
    """Merge and check parts; skip the check when the cache knows these very files passed it, unless ``recheck``."""
    keys = [key for _, key in parts if key is not None]
    if cache is None or not parts or len(keys) < len(parts):
        return _merge([part for part, _ in parts], order=order)
    whole = cache.key(*(key.encode() for key in keys))
    passed = cache.get("valid", whole) is True
    dataset = _merge([part for part, _ in parts], order=order, check=recheck or not passed)
    if not passed:
        cache.put("valid", whole, True)
    return dataset


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


def _at_key(findings: Sequence[tuple[Path, str]]) -> set[int]:
    return {i for i, (_, message) in enumerate(findings) if message.startswith(_KEY_PROBLEMS)}


def _ordered(problems: list[Problem], order: Callable[[Problem], tuple[str, ...]] | None) -> list[Problem]:
    if order is None:
        return problems
    return sorted(problems, key=lambda p: (order(p), p.line or 0, p.column or 0))


def loads(text: str | bytes, *, filename: str = "<string>") -> Dataset:
    """Load a dataset from YAML text; raise :class:`DataError` listing every problem."""
    with collector_paused():
        return _merge([_read_part(text, filename)])


def bundled_path() -> FsPath:
    """Where the bundled Viet Nam–Singapore dataset is."""
    packaged = resources.files("mou_tracker").joinpath("data", "agreements.yaml")
    if packaged.is_file():
        return FsPath(str(packaged))
    return FsPath(__file__).resolve().parent.parent / "data" / "agreements.yaml"


def load(
    path: str | os.PathLike[str] | None = None,
    *,
    max_bytes: int = MAX_BYTES,
    cache: bool = True,
    recheck: bool = False,
) -> Dataset:
    """Load and validate a data file, or a directory of them; the bundled dataset when ``path`` is ``None``.

    A directory is read as one dataset: every file whose name ends in
    ``.yaml`` or ``.yml``, in any case (``.YAML``, ``.Yml``), in it and in
    its subdirectories (but hidden ones), in sorted order, each a data file
    of its own, their records put together and then checked as a whole.
    Symbolic links to directories are passed over. A symbolic link to a file
    is followed only if the file is inside the directory: one that leads out
    of it, or to nothing, is a problem named by the link, and its target is
    never read. A file given directly (``path`` a file, or a link to one) is
    read wherever it is: its caller named it. Any candidate that cannot be
    read (a link to nothing, a pipe, a file without permission) is a problem
    of its own, never left out in silence. ``max_bytes`` limits each file.

    Raises :class:`~mou_tracker.DataError` with every problem located, for
    unreadable files too. The data files are never written to.

    With ``cache`` (the default), what was read from a file is kept in the
    user's cache directory (see :mod:`mou_tracker.cache`), keyed by the
    file's content, so that loading it again skips the parsing, and loading
    the same files again skips the checks of the whole too. In a directory,
    only the files that changed since they were last loaded are read again.
    With ``recheck``, the checks of the whole run whatever the cache says
    (``mou-tracker validate`` does this); each file is still taken from the
    cache when it holds it.

    Python's cyclic garbage collector is paused while the records are built,
    and turned back on before this returns or raises (unless it was off
    already): the records hold no reference cycles, and the collector would
    otherwise rescan them as they pile up, which can double a large load.
    """
    if path is not None and not os.fspath(path):
        raise DataError([Problem("expected the path of a data file or directory, found an empty path")])
    target = bundled_path() if path is None else FsPath(path)
    try:
        is_dir = target.is_dir()
    except OSError as exc:
        raise DataError([Problem(f"cannot read the file: {exc.strerror or exc}", file=str(target))]) from None
    store = default_cache() if cache else None
    with collector_paused():
        try:
            if is_dir:
                return _load_directory(target, max_bytes, store, recheck=recheck)
            read = functools.partial(_read_bytes, target, max_bytes)
            return _load_parts([_cached_part(str(target), store, read)], store, recheck=recheck)
        finally:
            # What was written may have taken the cache past its bound. Tidied
            # with the collector still paused: the tuples of a large cache's
            # files would otherwise set off a full collection of the records.
            if store is not None and store.wrote:
                store.tidy()


def _read_bytes(target: FsPath, max_bytes: int) -> bytes:
    filename = str(target)
    try:
        with open(target, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise DataError([Problem(_too_large(size, max_bytes), file=filename)])
            # The size it says it has and one byte more, then whatever else
            # there is (a file that grew, or that does not know its size) up
            # to the limit: asking for max_bytes at once would allocate that
            # much for every small file of a directory.
            chunks = [handle.read(size + 1)]
            total = len(chunks[0])
            while total <= max_bytes and (more := handle.read(min(1 << 20, max_bytes + 1 - total))):
                chunks.append(more)
                total += len(more)
            data = b"".join(chunks)
    except OSError as exc:
        raise DataError([Problem(f"cannot read the file: {exc.strerror or exc}", file=filename)]) from None
    if len(data) > max_bytes:
        raise DataError([Problem(_too_large(len(data), max_bytes), file=filename)])
    return data


_SUFFIXES = (".yaml", ".yml")
"""The endings of data files in a directory, compared ignoring case."""


def _data_files(root: FsPath) -> tuple[list[FsPath], list[Problem]]:
    """The data files under ``root``, in sorted order, and the problems of the candidates that cannot be read.

    Hidden files and directories (names starting with ``.``) are passed over,
    and so are symbolic links to directories. A candidate (a name ending in
    one of :data:`_SUFFIXES`, in any case) that is a link out of ``root`` or
    to nothing, or that is not a regular file, is a problem naming it.
    """
    files: list[FsPath] = []
    problems: list[Problem] = []
    inside = os.path.normcase(os.path.realpath(root))
    pending = [root]
    while pending:
        directory = pending.pop()
        try:
            with os.scandir(directory) as entries:
                found = list(entries)
        except OSError as exc:
            problems.append(Problem(f"cannot read the directory: {exc.strerror or exc}", file=str(directory)))
            continue
        for entry in found:
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(FsPath(entry.path))
                    continue
                if not entry.name.lower().endswith(_SUFFIXES):
                    continue
                if entry.is_symlink() and entry.is_dir():
                    continue
                why = _link_problem(entry.path, inside) if entry.is_symlink() else None
                if why is None and not entry.is_file():
                    why = "cannot read the file: it is not a regular file (a pipe, a socket or a device)"
            except OSError as exc:  # pragma: no cover - an entry that vanished or cannot be looked at
                why = f"cannot read the file: {exc.strerror or exc}"
            if why is None:
                files.append(FsPath(entry.path))
            else:
                problems.append(Problem(why, file=entry.path))
    files.sort(key=lambda f: f.relative_to(root).parts)
    return files, problems


def _link_problem(link: str, inside: str) -> str | None:
    """Why the symbolic link ``link`` is not read, or ``None`` if what it leads to is in ``inside``.

    The message names the link only: what it leads to may be anything (a
    key, a password file) and is never read or quoted.
    """
    try:
        target = os.path.realpath(link, strict=True)
    except FileNotFoundError:
        return "cannot read the file: it is a symbolic link to nothing"
    except OSError as exc:  # a loop of links, a directory on the way that cannot be read
        return f"cannot read the file: {exc.strerror or exc}"
    try:
        contained = os.path.commonpath([inside, os.path.normcase(target)]) == inside
    except ValueError:  # on another drive
        contained = False
    if not contained:
        return (
            "not read: a symbolic link out of the directory is not followed; "
            "move the file into the directory, or load it on its own"
        )
    return None


def _load_directory(root: FsPath, max_bytes: int, cache: Cache | None, *, recheck: bool = False) -> Dataset:
    files, problems = _data_files(root)
    if not files and not problems:
        raise DataError([Problem(f"no {' or '.join(_SUFFIXES)} files found", file=str(root))])
    parts: list[tuple[_Part, str | None]] = []
    for file in files:
        try:
            parts.append(_cached_part(str(file), cache, functools.partial(_read_bytes, file, max_bytes)))
        except DataError as exc:  # the file cannot be read
            parts.append((_Part(str(file), problems=exc.problems), None))
    if problems:
        parts.append((_Part(str(root), problems=tuple(problems)), None))

    def order(problem: Problem) -> tuple[str, ...]:
        # By file, in the order the files are read; a directory before its files.
        return FsPath(problem.file or str(root)).relative_to(root).parts

    return _load_parts(parts, cache, order=order, recheck=recheck)


def _too_large(size: int, limit: int) -> str:
    return (
        f"the file is larger ({size:,} bytes or more) than the limit of {limit:,} bytes; "
        "split it into a directory of files, or pass a larger max_bytes to load() from Python"
    )


def unstructure(dataset: Dataset) -> dict[str, Any]:
    """The plain-data form of ``dataset``, as written to YAML or JSON."""
    file = _File(
        schema_version=SCHEMA_VERSION,
        sources=dataset.sources,
        signatories=dataset.signatories,
        people=dataset.people,
        areas=dataset.areas,
        agreements=dataset.agreements,
    )
    from ._convert import _CONVERTER

    plain: dict[str, Any] = _CONVERTER.unstructure(file)
    return plain


def structure(plain: object, *, filename: str = "<data>") -> Dataset:
    """Build a dataset from plain data (as :func:`unstructure` gives), validating it."""
    from ._convert import _dump_plain

    return loads(_dump_plain(plain), filename=filename)


def dumps(dataset: Dataset) -> str:
    """YAML text that :func:`loads` reads back to an equal dataset."""
    from ._convert import _dump_plain

    return _dump_plain(unstructure(dataset))
