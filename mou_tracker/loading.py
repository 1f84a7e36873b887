"""YAML files to a validated :class:`~mou_tracker.Dataset`, and back.

Reading goes in three steps, each of which collects every problem it can
before giving up: the bytes are checked and decoded, :mod:`._yaml` turns the
safe parser's events into plain values, and a private cattrs converter with
strict hooks builds the model, after which :mod:`.validation` checks the
whole. Problems carry paths; the last step maps them back to the line and
column of the YAML node.
"""

from __future__ import annotations

import difflib
import enum
import itertools
import os
import re
import typing
import unicodedata
from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path as FsPath
from typing import Any

import attrs
import cattrs
import yaml
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn

from . import _yaml, validation
from .dataset import Dataset
from .dates import DateInterval, PartialDate, parse_date
from .exceptions import DataError, InvalidDate, Path, Problem
from .model import Agreement, Area, Claim, Claimed, Person, Signatory, Source

__all__ = ["MAX_BYTES", "SCHEMA_VERSION", "bundled_path", "dumps", "load", "loads"]

SCHEMA_VERSION = 1
"""The version of the data format this library reads and writes."""

MAX_BYTES = 256 * 1024 * 1024
"""Largest file read by default: far above any real collection of instruments."""

_DATES = PartialDate | DateInterval


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


class _Invalid(ValueError):
    """A value of the wrong shape; the message says what was expected and found."""


def _found(value: object) -> str:
    hint = "; quote it if you mean the text" if isinstance(value, _yaml.Ambiguous) else ""
    return _yaml.describe(value) + hint


def _expected(what: str, value: object) -> _Invalid:
    return _Invalid(f"expected {what}, found {_found(value)}")


def _structure_str(value: object, _type: object) -> str:
    if type(value) is str:
        return value
    raise _expected("text", value)


def _structure_int(value: object, _type: object) -> int:
    if type(value) is int:
        return value
    raise _expected("an integer", value)


def _structure_bool(value: object, _type: object) -> bool:
    if type(value) is bool:
        return value
    raise _expected("true or false", value)


def _is_date_type(t: object) -> bool:
    if t in (PartialDate, DateInterval):
        return True
    args = set(typing.get_args(t)) - {type(None)}
    return bool(args) and args <= {PartialDate, DateInterval}


def _structure_date(value: object, _type: object) -> PartialDate | DateInterval | None:
    if value is None and type(None) in typing.get_args(_type):
        return None
    if type(value) is int and 1 <= value <= 9999:
        value = f"{value:04d}"
    if not isinstance(value, str):
        raise _expected("a date such as 2023, 2025-10, 2023-08-28 or 2025/2030", value)
    try:
        parsed = parse_date(str(value))
    except InvalidDate as exc:
        raise _Invalid(f"{exc.reason}, found {str(value)!r}") from None
    if _type is PartialDate and not isinstance(parsed, PartialDate):
        raise _Invalid(f"expected a single date such as 2023-08-28, found the interval {str(value)!r}")
    if _type is DateInterval and not isinstance(parsed, DateInterval):
        raise _Invalid(f"expected an interval such as 2025/2030, found {str(value)!r}")
    return parsed


def _enum_hook(cls: type[enum.Enum]) -> Callable[[object, object], enum.Enum]:
    values = {member.value: member for member in cls}

    def structure(value: object, _type: object) -> enum.Enum:
        if type(value) is str and value in values:
            return values[value]
        choices = ", ".join(values)
        hint = ""
        if isinstance(value, str):
            close = difflib.get_close_matches(str(value), list(values), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
        raise _Invalid(f"expected one of {choices}; found {_found(value)}{hint}")

    return structure


def _is_enum(t: object) -> bool:
    return isinstance(t, type) and issubclass(t, enum.Enum)


def _is_tuple(t: object) -> bool:
    return typing.get_origin(t) is tuple


def _is_mapping(t: object) -> bool:
    return typing.get_origin(t) in (Mapping, dict, typing.Mapping)


def _is_claimed(t: object) -> bool:
    return typing.get_origin(t) is Claimed


def _is_attrs(t: object) -> bool:
    return attrs.has(typing.cast(type, t)) and not _is_claimed(t)


def _note_index(exc: Exception, index: int | str, t: object) -> Exception:
    exc.__notes__ = [*getattr(exc, "__notes__", []), IterableValidationNote(f"@ {index!r}", index, t)]
    return exc


def _make_converter() -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)

    def tuple_hook(t: Any) -> Callable[[object, object], tuple[object, ...]]:
        (item,) = [a for a in typing.get_args(t) if a is not Ellipsis]

        def structure(value: object, _type: object) -> tuple[object, ...]:
            if not isinstance(value, list):
                raise _expected("a list", value)
            out: list[object] = []
            errors: list[Exception] = []
            for i, element in enumerate(value):
                try:
                    out.append(conv.structure(element, item))
                except Exception as exc:
                    errors.append(_note_index(exc, i, item))
            if errors:
                raise IterableValidationError(f"while structuring {t!r}", errors, t)
            return tuple(out)

        return structure

    def mapping_hook(t: Any) -> Callable[[object, object], dict[str, object]]:
        _key, item = typing.get_args(t)

        def structure(value: object, _type: object) -> dict[str, object]:
            if not isinstance(value, dict):
                raise _expected("a mapping", value)
            out: dict[str, object] = {}
            errors: list[Exception] = []
            for key, element in value.items():
                try:
                    out[key] = conv.structure(element, item)
                except Exception as exc:
                    errors.append(_note_index(exc, key, item))
            if errors:
                raise IterableValidationError(f"while structuring {t!r}", errors, t)
            return out

        return structure

    def claimed_hook(t: Any) -> Callable[[object, object], Claimed[object]]:
        (item,) = typing.get_args(t)
        claim_type = Claim[item]  # type: ignore[valid-type]

        def structure(value: object, _type: object) -> Claimed[object]:
            if isinstance(value, list):
                claims = conv.structure(value, tuple[claim_type, ...])
            else:
                claims = (Claim(conv.structure(value, item)),)
            return Claimed(claims)

        return structure

    def attrs_hook(t: Any) -> Callable[[object, object], object]:
        base = make_dict_structure_fn(t, conv, _cattrs_forbid_extra_keys=True)

        def structure(value: object, _type: object) -> object:
            if not isinstance(value, dict):
                raise _expected("a mapping", value)
            return base(value, t)

        return structure

    conv.register_structure_hook_factory(_is_attrs, attrs_hook)
    conv.register_structure_hook_factory(_is_tuple, tuple_hook)
    conv.register_structure_hook_factory(_is_mapping, mapping_hook)
    conv.register_structure_hook_factory(_is_claimed, claimed_hook)
    conv.register_structure_hook_factory(_is_enum, _enum_hook)
    conv.register_structure_hook(str, _structure_str)
    conv.register_structure_hook(int, _structure_int)
    conv.register_structure_hook(bool, _structure_bool)
    conv.register_structure_hook_func(_is_date_type, _structure_date)

    conv.register_unstructure_hook(PartialDate, str)
    conv.register_unstructure_hook(DateInterval, str)
    conv.register_unstructure_hook_func(lambda t: t == _DATES, str)

    def unstructure_claimed(value: Claimed[object]) -> object:
        if len(value.claims) == 1 and not value.claims[0].sources and value.claims[0].note is None:
            return conv.unstructure(value.claims[0].value)
        return [conv.unstructure(c, Claim) for c in value.claims]

    conv.register_unstructure_hook_func(_is_claimed, unstructure_claimed)
    conv.register_unstructure_hook_func(lambda t: t is Claimed, unstructure_claimed)
    return conv


_CONVERTER = _make_converter()


def _flatten(exc: BaseException, path: Path, out: list[tuple[Path, str]]) -> None:
    """Turn cattrs' nested exception groups into (path, message) findings."""
    if isinstance(exc, ClassValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            if isinstance(sub, KeyError) and not isinstance(sub, _Invalid):
                out.append((path, f"missing required key {note.name!r}"))
            else:
                _flatten(sub, (*path, note.name), out)
        for sub in without:
            _flatten(sub, path, out)
    elif isinstance(exc, IterableValidationError):
        with_index, without = exc.group_exceptions()
        for sub, index_note in with_index:
            _flatten(sub, (*path, index_note.index), out)
        for sub in without:
            _flatten(sub, path, out)
    elif isinstance(exc, ForbiddenExtraKeysError):
        fields = [a.name for a in attrs.fields(exc.cl)]
        for key in sorted(exc.extra_fields):
            close = difflib.get_close_matches(key, fields, n=1)
            hint = f"did you mean {close[0]!r}?" if close else f"expected one of {', '.join(fields)}"
            out.append(((*path, key), f"unknown key {key!r}; {hint}"))
    elif isinstance(exc, (_Invalid, InvalidDate, ValueError, TypeError)):
        out.append((path, str(exc)))
    else:  # pragma: no cover - an exception the hooks never raise
        raise exc


def _decode(data: bytes, filename: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError([Problem("the file is UTF-16; save it as UTF-8", file=filename, line=1, column=1)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = _one_newline(data[: exc.start])
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
_KEY_PROBLEMS = ("unknown key", "names are keyed")


def _one_newline(data: bytes) -> bytes:
    # YAML reads CR LF, CR and LF alike as line breaks.
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


# C0 and C1 control characters (but tab and line breaks), lone surrogates,
# non-characters, and the line breaks YAML 1.1 knows but editors do not show
# (NEL, LS, PS), which would make line numbers disagree.
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


def loads(text: str | bytes, *, filename: str = "<string>") -> Dataset:
    """Load a dataset from YAML text; raise :class:`DataError` listing every problem."""
    if isinstance(text, bytes):
        text = _decode(text, filename)
    # Line numbers in problems count lines as YAML does: CR LF, CR and LF.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    _check_characters(text, filename)
    value, problems = _yaml.parse(text, filename)
    if problems:
        raise DataError(problems)
    if not isinstance(value, dict):
        what = "an empty file" if value is None else _found(value)
        raise DataError(
            [
                Problem(
                    "expected a mapping with schema_version, sources, signatories, people, areas"
                    f" and agreements; found {what}",
                    file=filename,
                    line=1,
                    column=1,
                )
            ]
        )
    version = value.get("schema_version")
    if version != SCHEMA_VERSION or type(version) is not int:
        message = (
            "missing required key 'schema_version'"
            if "schema_version" not in value
            else f"expected schema_version {SCHEMA_VERSION}, found {_found(version)}"
        )
        raise DataError(
            _located(text, filename, [(("schema_version",) if "schema_version" in value else (), message)], set())
        )
    # Each record is built on its own, so that one bad record does not hide
    # the problems of the others, and the whole is then checked.
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
    dataset = Dataset(**{name: tuple(records) for name, records in built.items()})
    findings.extend(validation.check(dataset, positions=positions, unbuilt=unbuilt))
    if findings:
        at_key = {i for i, (_, message) in enumerate(findings) if message.startswith(_KEY_PROBLEMS)}
        raise DataError(_located(text, filename, findings, at_key))
    return dataset


def bundled_path() -> FsPath:
    """Where the bundled Viet Nam–Singapore dataset is."""
    packaged = resources.files("mou_tracker").joinpath("data", "agreements.yaml")
    if packaged.is_file():
        return FsPath(str(packaged))
    return FsPath(__file__).resolve().parent.parent / "data" / "agreements.yaml"


def load(path: str | os.PathLike[str] | None = None, *, max_bytes: int = MAX_BYTES) -> Dataset:
    """Load and validate a data file; the bundled dataset when ``path`` is ``None``.

    Raises :class:`~mou_tracker.DataError` with every problem located, for
    unreadable files too. Nothing is ever written.
    """
    target = bundled_path() if path is None else FsPath(path)
    filename = str(target)
    try:
        with open(target, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise DataError([Problem(_too_large(size, max_bytes), file=filename)])
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise DataError([Problem(f"cannot read the file: {exc.strerror or exc}", file=filename)]) from None
    if len(data) > max_bytes:
        raise DataError([Problem(_too_large(len(data), max_bytes), file=filename)])
    return loads(data, filename=filename)


def _too_large(size: int, limit: int) -> str:
    return (
        f"the file is larger ({size:,} bytes or more) than the limit of {limit:,} bytes; "
        "pass a larger max_bytes if it really is one dataset"
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
    plain: dict[str, Any] = _CONVERTER.unstructure(file)
    return plain


def structure(plain: object, *, filename: str = "<data>") -> Dataset:
    """Build a dataset from plain data (as :func:`unstructure` gives), validating it."""
    text = yaml.dump(plain, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    return loads(text, filename=filename)


class _Dumper(yaml.SafeDumper):
    """Quotes every string the strict reader would not read back as that string.

    The pure-Python emitter, because it escapes every character (a lone
    surrogate too) in double-quoted scalars, which libyaml's cannot encode.
    """


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style: str | None = None
    if _CONTROL.search(text) or "\r" in text:
        style = '"'  # escaped: a data file holds no such raw characters
    elif type(_yaml.plain_value(text)) is not str:
        style = "'"
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


_Dumper.add_representer(str, _represent_str)


def dumps(dataset: Dataset) -> str:
    """YAML text that :func:`loads` reads back to an equal dataset."""
    return yaml.dump(unstructure(dataset), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
