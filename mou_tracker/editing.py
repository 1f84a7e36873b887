"""Edits of the curated YAML that keep the curator's file: add a record, set a field, put a file in canonical layout.

Each edit is made in the file's text (:mod:`._splice`), so that comments,
order, quoting and layout outside what it changes are the same bytes; the
new text is then checked as :func:`~mou_tracker.load` checks the data (the
whole dataset, for a directory), and written only if it passes. A problem is
a :class:`~mou_tracker.DataError` located in the file as the edit would have
made it, and the file is left as it was. Writing is atomic: the new text
goes to a hidden temporary file in the same directory, which is then renamed
over the old one, so that a reader sees the old file or the new one, never
part of either.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import enum
import os
import re
import stat
import tempfile
import typing
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from . import _layout, _splice
from ._files import _SUFFIXES, _data_files
from ._parts import _RECORDS, _read_part
from .dataset import Dataset
from .exceptions import DataError, EditRefused, MouTrackerError, Problem
from .loading import _load_edited, load
from .model import Action, Claimed, StatusEvent

__all__ = [
    "Edit",
    "add_action",
    "add_agreement",
    "add_event",
    "add_record",
    "add_source",
    "fmt_paths",
    "fmt_text",
    "set_field",
    "write_atomically",
]


@attrs.frozen
class Edit:
    """An edit checked and ready: the file it changes, its text before (``None`` if new) and after, the result."""

    file: Path
    before: str | None
    after: str
    dataset: Dataset

    def write(self) -> None:
        """Write the new text over the file, atomically, unless the file changed since it was read."""
        write_atomically(self.file, self.after, expected=self.before)


def _read_text(file: Path) -> str:
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise MouTrackerError(f"{file}: cannot read the file: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise MouTrackerError(f"{file}: only a UTF-8 file is edited; this one is not") from None


def _files(path: Path) -> list[Path]:
    return [path] if not path.is_dir() else _data_files(path)[0]


def _holding(path: Path, collection: str, ident: str) -> tuple[Path, str]:
    """The file of the data at ``path`` that holds the record, and its text."""
    for file in _files(path):
        text = _read_text(file)
        if _splice.record(_splice.compose(text), collection, ident) is not None:
            return file, text
    raise MouTrackerError(f"no file of {path} holds the {collection[:-1]} {ident!r}")  # pragma: no cover - it loaded


def _checked(path: Path, file: Path, before: str | None, after: str) -> Edit:
    """The edit, once the data with it passes every check ``load`` makes; :class:`EditRefused` if not."""
    try:
        return Edit(file, before, after, _load_edited(path, file, after))
    except DataError as exc:
        raise EditRefused(exc.problems) from None


def _new_file(path: Path, file: str | os.PathLike[str] | None, what: str) -> tuple[Path, str | None]:
    """The file a new record goes into, and its text (``None`` if it is to be made)."""
    if not path.is_dir():
        if file is not None and Path(file).resolve() != path.resolve():
            raise MouTrackerError(f"--file names {file}, but the data is the one file {path}")
        return path, _read_text(path)
    if file is None:
        raise MouTrackerError(f"the data is a directory: say with --file which file of it the new {what} goes in")
    target = path / file  # an absolute path stays as it is
    inside = target.resolve().parent
    if not inside.is_relative_to(path.resolve()) or any(
        p.startswith(".") for p in target.resolve().relative_to(path.resolve()).parts
    ):
        raise MouTrackerError(f"--file {file}: expected a file in {path}, not a hidden one")
    if not inside.is_dir():
        raise MouTrackerError(f"--file {file}: there is no directory {target.parent}; make it first")
    if target.suffix.lower() not in _SUFFIXES:
        raise MouTrackerError(f"--file {file}: a data file's name ends in {' or '.join(_SUFFIXES)}")
    if not target.exists():
        return target, None
    return target, _read_text(target)


def add_record(
    path: str | os.PathLike[str],
    collection: str,
    plain: Mapping[str, Any],
    *,
    file: str | os.PathLike[str] | None = None,
) -> Edit:
    """Add a record (``plain``, keyed by its fields) as the last of ``collection`` (``agreements``, ``sources``…).

    For a directory, ``file`` says which of its files (it is made if it is
    not there yet). Nothing is written: :meth:`Edit.write` does that.
    """
    data = Path(path)
    load(data, cache=False)
    target, before = _new_file(data, file, collection[:-1])
    text = before if before is not None else "schema_version: 1\n"
    cls = _RECORDS[collection]
    root = _splice.compose(text)
    after = _splice.append(text, root, collection, lambda dash, indent: _record(plain, cls, dash, indent))
    return _checked(data, target, before, after)


def _record(plain: Mapping[str, Any], cls: type, dash: int, indent: int) -> str:
    shown = {key: _yaml_value(value, _field_type(cls, key)) for key, value in plain.items() if value not in (None, [])}
    return _layout.record_lines(shown, cls, dash=dash, indent=indent)


def _in_agreement(path: str | os.PathLike[str], name: str, key: str, plain: Mapping[str, Any], cls: type) -> Edit:
    data = Path(path)
    dataset = load(data, cache=False)
    ident = dataset.find(name).id
    file, text = _holding(data, "agreements", ident)
    node = _splice.record(_splice.compose(text), "agreements", ident)
    assert node is not None
    after = _splice.append(text, node, key, lambda dash, indent: _record(plain, cls, dash, indent))
    return _checked(data, file, text, after)


def add_event(path: str | os.PathLike[str], agreement: str, plain: Mapping[str, Any]) -> Edit:
    """Add a status event, as the last of the ``history`` of the agreement named ``agreement``."""
    return _in_agreement(path, agreement, "history", plain, StatusEvent)


def add_action(path: str | os.PathLike[str], agreement: str, plain: Mapping[str, Any]) -> Edit:
    """Add a party's action, as the last of the ``actions`` of the agreement named ``agreement``.

    ``plain["party"]`` may name the signatory as the command line does
    (``SG``, ``Singapore``); it is written as the signatory's id.
    """
    dataset = load(Path(path), cache=False)
    party = plain.get("party")
    resolved = dict(plain, party=dataset.find_signatory(party).id) if isinstance(party, str) else plain
    return _in_agreement(path, agreement, "actions", resolved, Action)


# Fields that name the record or hold several values: not set as one value.
_NOT_SET = {"id": "an id is not changed this way: every reference to it would have to change too"}


def set_field(
    path: str | os.PathLike[str], ident: str, field: str, value: str, *, collection: str | None = None
) -> Edit:
    """Set ``field`` of the record ``ident`` to ``value`` as typed (``null`` for none, ``true``, a date…).

    The record is looked for by id in every collection (an agreement by any
    of its names too); ``collection`` says which when the id is in several.
    Only a field that holds one value can be set this way.
    """
    data = Path(path)
    dataset = load(data, cache=False)
    collection, ident = _which(dataset, ident, collection)
    cls = _RECORDS[collection]
    names = [f.name for f in attrs.fields(cls)]
    if field not in names:
        raise MouTrackerError(f"{ident} has no field {field!r}; its fields are {', '.join(names)}")
    kind = _field_type(cls, field)
    if field in _NOT_SET or not _single(kind):
        why = _NOT_SET.get(field) or "it holds several values; edit it in the file, or use mou-tracker add"
        raise MouTrackerError(f"{field} of {ident} is not set this way: {why}")
    file, text = _holding(data, collection, ident)
    node = _splice.record(_splice.compose(text), collection, ident)
    assert node is not None
    try:
        after = _splice.replace(text, node, field, _typed(value, kind))
    except MouTrackerError as exc:  # several claims
        raise MouTrackerError(f"{field} of {ident} is not set this way: it {exc}; edit it in the file") from None
    return _checked(data, file, text, after)


def _which(dataset: Dataset, ident: str, collection: str | None) -> tuple[str, str]:
    collections = [collection] if collection is not None else list(_RECORDS)
    found = [name for name in collections if any(r.id == ident for r in getattr(dataset, name))]
    if len(found) > 1:
        raise MouTrackerError(f"{ident!r} is the id of {' and of '.join(found)}: say which with --record")
    if found:
        return found[0], ident
    if collection in (None, "agreements"):
        return "agreements", dataset.find(ident).id
    raise MouTrackerError(f"no {collection[:-1]} has the id {ident!r}")


def _field_type(cls: type, field: str) -> Any:
    return _layout._unwrapped(typing.get_type_hints(cls).get(field))


def _single(kind: Any) -> bool:
    if typing.get_origin(kind) is Claimed:
        kind = _layout._unwrapped(typing.get_args(kind)[0])
    return (
        kind in (str, bool, int) or _layout._is_date(kind) or (isinstance(kind, type) and issubclass(kind, enum.Enum))
    )


_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def _yaml_value(value: Any, kind: Any) -> Any:
    """A value for the file: a date as a curator writes it (``2023-08-28``, ``2013`` unquoted)."""
    if typing.get_origin(kind) is Claimed:
        kind = _layout._unwrapped(typing.get_args(kind)[0])
    if isinstance(value, str) and _layout._is_date(kind):
        if _FULL_DATE.match(value):
            with contextlib.suppress(ValueError):
                return _dt.date.fromisoformat(value)
        if value.isdigit() and len(value) == 4:
            return int(value)
    return value


def _typed(text: str, kind: Any) -> Any:
    """What ``text``, typed on the command line, is for a field of type ``kind``."""
    if text == "null":
        return None
    if kind is bool and text.lower() in ("true", "false"):
        return text.lower() == "true"
    if kind is int and text.isdigit():
        return int(text)
    return _yaml_value(text, kind)


def fmt_text(text: str, filename: str) -> str:
    """``text`` in the canonical layout (:mod:`._layout`); a located :class:`DataError` if the file does not read.

    The result is read again and must give the same records, or nothing is
    changed: the layout never changes what the file says.
    """
    part = _read_part(text, filename)
    if part.problems or part.findings:
        from ._parts import _at_key, _located

        problems = list(part.problems) or _located(part.text, filename, list(part.findings), _at_key(part.findings))
        raise DataError(problems)
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    after = bom + _layout.canonical(text.removeprefix("\ufeff"))
    if "\r\n" in text:
        after = after.replace("\n", "\r\n")
    again = _read_part(after, filename)
    if again.problems or again.findings or again.records != part.records:
        raise DataError(
            [Problem("the canonical layout would change what the file says; it is left as it is", file=filename)]
        )
    return after


def write_atomically(file: Path, text: str, *, expected: str | None = None) -> None:
    """Write ``text`` (UTF-8) to ``file`` through a temporary file renamed over it; a link's target is written.

    ``expected`` is what the file held when it was read (``None``: it did
    not exist); if it holds something else now, nothing is written.
    """
    target = Path(os.path.realpath(file))
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise MouTrackerError(f"{file}: cannot write beside it: {exc.strerror or exc}; nothing was written") from None
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(text.encode("utf-8"))
            out.flush()
            os.fsync(out.fileno())
        if target.exists():
            os.chmod(temporary, stat.S_IMODE(target.stat().st_mode))
        now = _read_text(target) if target.exists() else None
        if now != expected:
            raise MouTrackerError(f"{file} changed while it was being edited; nothing was written, run the edit again")
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def fmt_paths(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    """The data files that ``paths`` (files, or directories as ``load`` reads them) name."""
    files: list[Path] = []
    for path in map(Path, paths):
        files.extend(_files(path))
    return files


def add_agreement(
    path: str | os.PathLike[str], plain: Mapping[str, Any], *, file: str | os.PathLike[str] | None = None
) -> Edit:
    """Add an agreement; ``plain["parties"]`` may name signatories as the command line does (``VN``, ``SG``)."""
    dataset = load(Path(path), cache=False)
    parties = [dataset.find_signatory(p).id for p in plain.get("parties") or ()]
    return add_record(path, "agreements", dict(plain, parties=parties), file=file)


def add_source(
    path: str | os.PathLike[str], plain: Mapping[str, Any], *, file: str | os.PathLike[str] | None = None
) -> Edit:
    """Add a source."""
    return add_record(path, "sources", plain, file=file)
