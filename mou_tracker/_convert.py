"""The strict cattrs converter between plain data and the model, and the YAML writer.

Kept apart from :mod:`.loading` so that a load served from the cache, which
needs neither, imports neither cattrs nor PyYAML.
"""

from __future__ import annotations

import difflib
import enum
import typing
from collections.abc import Callable, Mapping
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
from cattrs.gen import make_dict_structure_fn, override

from . import _characters, _kinds, _yaml, model
from ._decoding import _CONTROL
from .dates import DateInterval, PartialDate, parse_date
from .exceptions import InvalidDate, Path
from .model import Claim, Claimed

__all__: list[str] = []

_DATES = PartialDate | DateInterval


class _Invalid(ValueError):
    """A value of the wrong shape; the message says what was expected and found."""


def _found(value: object) -> str:
    hint = "; quote it if you mean the text" if isinstance(value, _yaml.Ambiguous) else ""
    return _yaml.describe(value) + hint


def _expected(what: str, value: object) -> _Invalid:
    return _Invalid(f"expected {what}, found {_found(value)}")


def _structure_str(value: object, _type: object) -> str:
    if type(value) is str:
        if _one_line(value) is None or (refused := _characters.refusal(value)) is None:
            return value
        raise _Invalid(refused)
    raise _expected("text", value)


def _structure_prose(value: object, _type: object) -> str | None:
    """A field of free text (:data:`._characters.PROSE_FIELDS`): optional, and it may run over several lines."""
    if value is None:
        return None
    if type(value) is str:
        if _lines(value) is None or (refused := _characters.refusal(value, lines=True)) is None:
            return value
        raise _Invalid(refused)
    raise _expected("text", value)


# One search of each text; only a text it finds something in (a refused
# character, or one beyond the first plane such as an emoji) is looked at again.
_one_line = _characters._IN_LINE.search
_lines = _characters._IN_LINES.search


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


def _make_converter(*, omit_if_default: bool = True) -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True, omit_if_default=omit_if_default)

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
                    if _one_line(key) is not None and (refused := _characters.refusal(key, what="a key")):
                        raise _Invalid(refused)
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
        cls = typing.get_origin(t) or t
        hints = typing.get_type_hints(cls)
        prose: dict[str, Any] = {}
        for field in attrs.fields(cls):
            if field.name in _characters.PROSE_FIELDS:
                assert hints[field.name] == str | None, f"{cls.__name__}.{field.name} is not optional text"
                prose[field.name] = override(struct_hook=_structure_prose)
        base = make_dict_structure_fn(t, conv, _cattrs_forbid_extra_keys=True, **prose)

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
    # cattrs before 26 answers every enum from a hook of its own registered
    # for enum.Enum by class, which wins over any predicate: the model's own
    # enums are registered by class too, so that the strict hook is used.
    for kind in vars(model).values():
        if _is_enum(kind) and kind.__module__ in (model.__name__, _kinds.__name__):
            conv.register_structure_hook(kind, _enum_hook(kind))
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


def _dump_plain(plain: object) -> str:
    """YAML text of plain data, every string quoted where the strict reader needs it."""
    return yaml.dump(plain, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
