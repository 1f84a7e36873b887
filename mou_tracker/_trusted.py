"""Records from the cache's own entries, checked but without cattrs.

An entry of the cache holds what the strict converter (:mod:`._convert`)
unstructured from records that were read and checked from a data file. It is
built back here, from a plan made once per model type from the attrs fields
and their types, without generating code: that is what lets a load served
from the cache skip importing cattrs and PyYAML, and compiling cattrs'
structuring functions, which would cost more than the load itself.

Nothing in an entry is trusted: every value is checked to be of the exact
type its field takes (text, integer, true or false, one of an enum's values,
a valid date, a list, a mapping with only known keys), every text and key is
searched for the characters the converter refuses (:mod:`._characters`:
controls, bidirectional controls, lone surrogates, non-characters), and the
model's own validators run as always. Whatever does not fit raises
:class:`Unfit`, and the file is then read afresh.

Within a load, equal values are built once and shared, since every one is
immutable: a date string is parsed once, equal texts are one string, equal
lists of text (the sources a record cites) one tuple, and a claim of a plain
value without sources or note (most statuses and dates) one
:class:`~mou_tracker.model.Claimed`. That saves time and much memory.
"""

from __future__ import annotations

import enum
import itertools
import types
import typing
from collections.abc import Callable, Iterator, Mapping
from typing import Any, Final

import attrs

from . import _characters
from .dates import DateInterval, PartialDate, parse_date
from .model import Claim, Claimed

__all__ = ["Builder", "Unfit"]

_NONE: Final = type(None)


class Unfit(ValueError):
    """A cache entry that does not fit the model: it is ignored."""


_PLANS: dict[object, Callable[[Builder, object], object]] = {}

# The characters text may not hold, searched for as the converter does.
_one_line = _characters._IN_LINE.search
_lines = _characters._IN_LINES.search


def _check_text(value: str) -> None:
    if _one_line(value) is not None and (refused := _characters.refusal(value)):
        raise Unfit(f"a text refused: {refused}")


def _prose(_builder: Builder, value: object) -> object:
    """A field of free text (:data:`._characters.PROSE_FIELDS`), which may run over several lines."""
    if value is None:
        return None
    if type(value) is not str:
        raise Unfit(f"expected str, found {type(value).__name__}")
    if _lines(value) is not None and (refused := _characters.refusal(value, lines=True)):
        raise Unfit(f"a text refused: {refused}")
    return value


class Builder:
    """Builds records of one load, sharing the dates it parses."""

    def __init__(self) -> None:
        self._dates: dict[str, PartialDate | DateInterval] = {}
        self._texts: dict[str, str] = {}
        self._tuples: dict[tuple[object, ...], tuple[object, ...]] = {}
        self._claims: dict[tuple[object, object], Claimed[object]] = {}

    def records(self, values: Iterator[object], kind: type, count: object) -> tuple[Any, ...]:
        """A tuple of the next ``count`` records of ``kind`` that ``values`` gives."""
        if type(count) is not int or count < 0:
            raise Unfit("expected a count of records")
        plan = _plan(kind)
        built = tuple([plan(self, value) for value in itertools.islice(values, count)])
        if len(built) != count:
            raise Unfit("fewer records than the entry says")
        return built

    def date(self, value: object, allowed: tuple[type, ...]) -> PartialDate | DateInterval:
        """The date a string gives, parsed once a load; a bare year may be an integer, as in a data file."""
        if type(value) is int and 1 <= value <= 9999:
            value = f"{value:04d}"
        if type(value) is not str:
            raise Unfit("expected a date string")
        found = self._dates.get(value)
        if found is None:
            found = self._dates[value] = parse_date(value)
        if not isinstance(found, allowed):
            raise Unfit("a date of the wrong kind")
        return found


def _plan(t: object) -> Callable[[Builder, object], object]:
    """How to build a value of type ``t`` from plain data, made once per type."""
    plan = _PLANS.get(t)
    if plan is None:
        plan = _PLANS[t] = _make_plan(t)
    return plan


def _make_plan(t: object) -> Callable[[Builder, object], object]:
    if t is str:

        def text(builder: Builder, value: object) -> object:
            if type(value) is not str:
                raise Unfit(f"expected str, found {type(value).__name__}")
            found = builder._texts.get(value)
            if found is None:
                _check_text(value)
                found = builder._texts[value] = value
            return found

        return text
    if t in (int, bool):
        kind = typing.cast(type, t)

        def exact(_builder: Builder, value: object) -> object:
            if type(value) is not kind:
                raise Unfit(f"expected {kind.__name__}, found {type(value).__name__}")
            return value

        return exact
    origin = typing.get_origin(t)
    args = typing.get_args(t)
    if origin in (typing.Union, types.UnionType):
        options = tuple(a for a in args if a is not _NONE)
        optional = len(options) < len(args)
        if set(options) <= {PartialDate, DateInterval}:
            allowed = tuple(typing.cast(type, a) for a in options)

            def date(builder: Builder, value: object) -> object:
                if value is None and optional:
                    return None
                return builder.date(value, allowed)

            return date
        if len(options) != 1 or not optional:
            raise TypeError(f"no plan for {t!r}")  # pragma: no cover - the model has no such field
        inner = _plan(options[0])
        return lambda builder, value: None if value is None else inner(builder, value)
    if t in (PartialDate, DateInterval):
        only = (typing.cast(type, t),)
        return lambda builder, value: builder.date(value, only)
    if isinstance(t, type) and issubclass(t, enum.Enum):
        members: Mapping[object, enum.Enum] = {member.value: member for member in t}

        def member(_builder: Builder, value: object) -> object:
            if type(value) is not str or value not in members:
                raise Unfit(f"not a value of {t.__name__}")
            return members[value]

        return member
    if origin is tuple:
        item = _plan(args[0])

        shared = args[0] is str  # lists of ids (sources, parties, areas) repeat from record to record

        def sequence(builder: Builder, value: object) -> object:
            if type(value) is not list:
                raise Unfit("expected a list")
            built = tuple([item(builder, v) for v in value])
            return builder._tuples.setdefault(built, built) if shared else built

        return sequence
    if origin in (Mapping, dict, typing.Mapping):
        element = _plan(args[1])

        def mapping(builder: Builder, value: object) -> object:
            if type(value) is not dict:
                raise Unfit("expected a mapping")
            if not all(type(k) is str and (_one_line(k) is None or not _characters.refusal(k)) for k in value):
                raise Unfit("expected text keys, each without the characters text may not hold")
            return {k: element(builder, v) for k, v in value.items()}

        return mapping
    if origin is Claimed:
        return _claimed_plan(args[0])
    if isinstance(t, type) and attrs.has(t):
        return _record_plan(t)
    raise TypeError(f"no plan for {t!r}")  # pragma: no cover - the model has no such field


def _claimed_plan(item: object) -> Callable[[Builder, object], object]:
    """``Claimed[item]``: a plain value (one claim) or a list of claims, as the converter writes them."""
    value_plan = _plan(item)
    claim_fields = _Fields(Claim, {"value": value_plan})
    # Claims of a status or a date repeat from record to record; claims of a text (a title) do not.
    shared = item is not str

    def claimed(builder: Builder, value: object) -> object:
        if type(value) is list:
            claims: tuple[Claim[object], ...] = tuple([_claim(claim_fields(), builder, v) for v in value])
            return Claimed(claims)
        if not shared or type(value) is not str:  # a mapping here is unfit, and refused below
            return Claimed((Claim(value_plan(builder, value)),))
        key = (value_plan, value)
        found = builder._claims.get(key)
        if found is None:
            found = builder._claims[key] = Claimed((Claim(value_plan(builder, value)),))
        return found

    return claimed


_FieldPlans = dict[str, tuple[Callable[[Builder, object], object], bool]]


class _Fields:
    """Each field's key in an entry of ``cls``: its plan, and whether it may be left out.

    Worked out when first asked, since the model's types refer to one another.
    """

    def __init__(self, cls: type, given: Mapping[str, Callable[[Builder, object], object]] | None = None) -> None:
        self._cls = cls
        self._given = given or {}
        self._plans: _FieldPlans | None = None

    def __call__(self) -> _FieldPlans:
        if self._plans is None:
            hints = typing.get_type_hints(self._cls)
            self._plans = {
                field.alias or field.name: (
                    self._given.get(field.name) or _field_plan(field.name, hints[field.name]),
                    field.default is not attrs.NOTHING,
                )
                for field in attrs.fields(self._cls)
            }
        return self._plans


def _field_plan(name: str, hint: object) -> Callable[[Builder, object], object]:
    if name in _characters.PROSE_FIELDS:
        assert hint == str | None, f"{name} is not optional text"
        return _prose
    return _plan(hint)


def _build(
    cls: type,
    fields: Mapping[str, tuple[Callable[[Builder, object], object], bool]],
    builder: Builder,
    value: object,
) -> object:
    if type(value) is not dict:
        raise Unfit(f"expected a mapping for {cls.__name__}")
    kwargs: dict[str, object] = {}
    for key, item in value.items():
        found = fields.get(key)
        if found is None:
            raise Unfit(f"unknown key {key!r} of {cls.__name__}")
        kwargs[key] = found[0](builder, item)
    if len(kwargs) < len(fields):
        for key, (_, optional) in fields.items():
            if key not in kwargs and not optional:
                raise Unfit(f"missing key {key!r} of {cls.__name__}")
    return cls(**kwargs)


def _claim(
    fields: Mapping[str, tuple[Callable[[Builder, object], object], bool]], builder: Builder, value: object
) -> Claim[object]:
    claim = _build(Claim, fields, builder, value)
    assert isinstance(claim, Claim)
    return claim


def _record_plan(cls: type) -> Callable[[Builder, object], object]:
    fields = _Fields(cls)

    def record(builder: Builder, value: object) -> object:
        return _build(cls, fields(), builder, value)

    return record
