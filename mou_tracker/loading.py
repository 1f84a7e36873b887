"""YAML files to a validated :class:`~mou_tracker.Dataset`, and back.

Reading goes in three steps, each of which collects every problem it can
before giving up: the bytes are checked and decoded (:mod:`._decoding`),
:mod:`._yaml` turns the safe parser's events into plain values, and a
private cattrs converter with strict hooks builds the model
(:mod:`._parts`), after which :mod:`.validation` checks the whole. Problems
carry paths; they are mapped back to the line and column of the YAML node.

A directory is read file by file in the same way (:func:`_read_part` depends
only on a file's content and name; :func:`_data_files` decides which files
a directory holds), the records of all files are put together, and the
whole is checked once (:func:`._merging._merge`), each problem located in the file
its record came from. What a file gives on its own is kept in the cache
(:mod:`.cache`), keyed by its content, and so is the fact that a set of
files passed the checks of the whole.

A file that turns out not to be a mapping is described, never quoted: a
directory may come from someone else (a pull request checked in CI), and
its problems must not print another file's secrets.
"""

from __future__ import annotations

import datetime as _dt
import functools
import os
from collections.abc import Callable, Generator
from importlib import resources
from pathlib import Path as FsPath
from typing import Any

from ._files import _SUFFIXES, _data_files, _read_bytes
from ._gc import collector_paused
from ._merging import MAX_BYTES, _merge
from ._parts import _RECORDS, SCHEMA_VERSION, _File, _Part, _read_part
from .cache import Cache, default_cache
from .dataset import Dataset
from .exceptions import DataError, Problem

# cattrs, PyYAML and the checks of the whole (._convert, ._yaml, .validation)
# are imported only by what needs them: a file read from the cache, already
# checked, needs none of them, and the status table starts faster without.

__all__ = ["MAX_BYTES", "SCHEMA_VERSION", "bundled_path", "dumps", "load", "loads"]


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
    recorded_on: str | _dt.date | None = None,
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

    With ``recorded_on``, the data is read as the git repository that holds
    ``path`` recorded it, through git itself (no checkout, nothing written,
    the cache not used): at a revision (``"v1.0"``, ``"HEAD~3"``, a commit's
    hash), or on a day (``"2025-03-01"`` or a :class:`datetime.date`: the
    last commit of the current branch whose committer date is on or before
    the end of that day, in UTC; a :class:`datetime.datetime` is that very
    instant, UTC if it has no time zone). A value of the form ``YYYY-MM-DD``
    is a day. Problems in the data are located in ``REV:PATH`` (``PATH``
    relative to the repository's root, ``REV`` the revision as given or the
    commit's short hash); no repository, no commit on or before the day, a
    revision git does not know or a path the revision does not hold is a
    :class:`~mou_tracker.MouTrackerError` that says which.
    """
    if path is not None and not os.fspath(path):
        raise DataError([Problem("expected the path of a data file or directory, found an empty path")])
    target = bundled_path() if path is None else FsPath(path)
    if recorded_on is not None:
        from ._git import load_recorded

        with collector_paused():
            return load_recorded(target, recorded_on, max_bytes=max_bytes)
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


def _load_edited(path: FsPath, file: FsPath, text: str) -> Dataset:
    """The dataset at ``path`` (a file or a directory) as it would be with ``file`` holding ``text``; nothing cached.

    ``file`` is ``path`` itself, or a data file in the directory ``path``,
    which need not exist yet.
    """
    with collector_paused():
        if not path.is_dir():
            return _merge([_read_part(text, str(file))])
        files, problems = _data_files(path)
        if file not in files:
            files = sorted([*files, file])
        parts = [
            _read_part(text, str(f))
            if f == file
            else _cached_part(str(f), None, functools.partial(_read_bytes, f, MAX_BYTES))[0]
            for f in files
        ]
        if problems:
            parts.append(_Part(str(path), problems=tuple(problems)))

        def order(problem: Problem) -> tuple[str, ...]:
            return FsPath(problem.file or str(path)).relative_to(path).parts

        return _merge(parts, order=order)


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
