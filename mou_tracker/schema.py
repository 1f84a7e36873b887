"""A JSON Schema (draft 2020-12) of the data format, generated from the model.

The schema is built by walking the attrs classes of :mod:`mou_tracker.model`
and their type hints, accepting the shapes the loader's converter accepts:
enums by value, partial dates and intervals as EDTF strings (or a bare year),
a *claimed* field as a plain value or a list of claims, names keyed by
language, tuples as arrays, no unknown keys, and each field required unless
the model gives it a default. Editors use it to complete and check a data
file while it is typed; ``mou-tracker schema`` prints it, and the package
ships it as ``schema.json`` (:data:`SCHEMA_PATH`).

It sees one value at a time. What only the whole dataset shows (that an id
names a record, that ids are unique, that events are in order and follow the
lifecycle, that a date exists in the calendar) is the loader's to check:
``docs/schema.md`` lists it all.

>>> schema = json_schema()
>>> schema["$schema"]
'https://json-schema.org/draft/2020-12/schema'
>>> schema["$defs"]["Target"]["properties"]["status"]["enum"][:3]
['proposed', 'negotiating', 'concluded']
>>> schema["$defs"]["Agreement"]["required"]
['id', 'title', 'kind', 'sources']
"""

from __future__ import annotations

import enum
import functools
import json
import operator
import re
import types
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final

import attrs

from ._descriptions import FIELDS
from ._parts import SCHEMA_VERSION, _File
from .dates import DateInterval, PartialDate
from .model import Action, Agreement, Claim, Claimed, EntryIntoForce, Signatory, Source

__all__ = ["SCHEMA_ID", "SCHEMA_PATH", "json_schema", "schema_text"]

SCHEMA_ID: Final = f"https://mou-tracker.invalid/schema/data-file/{SCHEMA_VERSION}.json"
"""The schema's ``$id``: it names the format and its version, and is not an address to fetch."""

SCHEMA_PATH: Final = Path(__file__).resolve().parent / "schema.json"
"""Where the installed package keeps the schema, for an editor to point at."""

# Python's ``$`` also matches before a final line break; the lookahead makes
# each pattern mean the same to Python (jsonschema) and to ECMAScript
# (editors, check-jsonschema): the whole text, nothing after it.
_END = r"$(?!\n)"
_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"
_LANGUAGE = r"[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?"
_URL = r"https?://[^ \t\n\r\f\v/$.?#][^ \t\n\r\f\v]*"  # validation's, with its ASCII \s spelled out
_COUNTRY = r"[A-Z]{2}"
# A year 0001-9999, a month 01-12, a day 01-31: that a day exists in its month
# (no 2025-02-30), and that an interval does not end before it starts, is the
# loader's to check.
_PARTIAL = r"(?!0000)[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?"
# Either end open (..) or unknown (empty), but not both.
_INTERVAL = rf"(?:{_PARTIAL})/(?:{_PARTIAL}|\.\.)?|(?:\.\.)?/(?:{_PARTIAL})"


def _whole(pattern: str) -> str:
    return f"^(?:{pattern}){_END}"


# What each field means, as docs/data-format.md gives it (the model's in ._descriptions). Every field of
# every class needs one: json_schema() raises for a field left out.
_FIELDS: Mapping[type[Any], Mapping[str, str]] = {
    _File: {
        "schema_version": f"The version of the data format; this is version {SCHEMA_VERSION}.",
        "sources": "Where facts come from: articles, statements, reports.",
        "signatories": "States, governments, ministries, agencies, parties and organisations.",
        "people": "Who signed or witnessed an instrument.",
        "areas": "The areas of cooperation, a small hierarchy.",
        "agreements": "The instruments: treaties, agreements, MoUs, programmes, partnerships, commitments.",
    },
    **FIELDS,
}

# Fields of text that hold an id (of the record, or of the records it names).
_ID_FIELDS = frozenset(
    {"id", "sources", "parties", "areas", "person", "acting_for", "successor", "target", "parent", "party"}
)

# What a single text value must look like, beyond being text.
_TEXT_PATTERNS: Mapping[tuple[type[Any], str], str] = {
    (Source, "language"): _whole(_LANGUAGE),
    (Source, "url"): _whole(_URL),
    (Signatory, "country"): _whole(_COUNTRY),
    (Action, "url"): _whole(_URL),
    (Agreement, "title"): r"\S",
}


# The least a whole number may be: a clause counts at least one instrument, and no period is negative.
_MINIMUMS: Mapping[tuple[type[Any], str], int] = {
    (EntryIntoForce, "instruments"): 1,
    (EntryIntoForce, "days"): 0,
    (EntryIntoForce, "months"): 0,
    (EntryIntoForce, "later_days"): 0,
    (EntryIntoForce, "later_months"): 0,
}


def _plain(cls: type[Any]) -> str:
    """The first line of a class's docstring, without its reStructuredText markup."""
    if not cls.__doc__:
        raise KeyError(f"{cls.__name__} has no docstring to describe it with")
    line = cls.__doc__.strip().splitlines()[0]
    line = re.sub(r":\w+:`~?(?:[\w.]+\.)?([^`]*)`", r"\1", line)  # :class:`mou_tracker.Dataset` as Dataset
    return re.sub(r"``([^`]*)``", r"'\1'", line)


_TITLES = {"id": "ID", "url": "URL"}


def _title(name: str) -> str:
    """``signed_by`` as "Signed by", ``StatusEvent`` as "Status event"."""
    if name in _TITLES:
        return _TITLES[name]
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name).replace("_", " ").strip().capitalize()


def _default(value: Any) -> Any:
    if isinstance(value, attrs.Factory):  # type: ignore[arg-type]
        value = value.factory()
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, Mapping):
        return dict(value)
    return value


class _Builder:
    """Walks the model from :class:`_File` down, collecting the named parts in ``$defs``."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}

    def ref(self, name: str) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{name}"}

    def record(self, cls: type[Any]) -> dict[str, Any]:
        if cls.__name__ not in self.defs:
            self.defs[cls.__name__] = {}  # reserved first, so the order of $defs is the order met
            self.defs[cls.__name__] = self.object(cls, typing.get_type_hints(cls), _plain(cls))
        return self.ref(cls.__name__)

    def object(self, cls: type[Any], hints: Mapping[str, Any], description: str) -> dict[str, Any]:
        """An attrs class as a closed object: its fields, those without a default required."""
        described = _FIELDS.get(cls, {})
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if field.name not in described:
                raise KeyError(f"{cls.__name__}.{field.name} has no description in mou_tracker.schema._FIELDS")
            pattern = _TEXT_PATTERNS.get((cls, field.name))
            if pattern is None and field.name in _ID_FIELDS:
                pattern = _whole(_ID)
            schema = self.value(hints[field.name], pattern)
            schema = {"title": _title(field.name), "description": described[field.name], **schema}
            if (cls, field.name) in _MINIMUMS:
                schema["minimum"] = _MINIMUMS[cls, field.name]
            if field.default is attrs.NOTHING:
                required.append(field.name)
            else:
                schema["default"] = _default(field.default)
            properties[field.name] = schema
        out: dict[str, Any] = {"title": _title(cls.__name__), "description": description, "type": "object"}
        out["properties"] = properties
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        return out

    def value(self, hint: Any, pattern: str | None) -> dict[str, Any]:
        """The schema of a value of type ``hint``; ``pattern`` constrains the text inside it."""
        args = typing.get_args(hint)
        origin = typing.get_origin(hint)
        if origin in (typing.Union, types.UnionType) and type(None) in args:
            rest = [a for a in args if a is not type(None)]
            inner = self.value(functools.reduce(operator.or_, rest), pattern)
            if "type" not in inner:
                return {"anyOf": [inner, {"type": "null"}]}
            nullable = {**inner, "type": [*_types(inner), "null"]}
            if "enum" in inner:
                nullable["enum"] = [*inner["enum"], None]
            return nullable
        if hint in (PartialDate, DateInterval) or (args and set(args) <= {PartialDate, DateInterval}):
            return _date(set(args) or {hint})
        if hint is str:
            return {"type": "string", **({"pattern": pattern} if pattern else {})}
        if hint is bool:
            return {"type": "boolean"}
        if hint is int:
            return {"type": "integer"}
        if isinstance(hint, type) and issubclass(hint, enum.Enum):
            return {"type": "string", "enum": [member.value for member in hint]}
        if origin is tuple and args[1:] == (Ellipsis,):
            return {"type": "array", "items": self.value(args[0], pattern)}
        if origin in (Mapping, dict):
            if args != (str, str):
                raise TypeError(f"no JSON Schema for the type {hint!r}: the model's mappings are names by language")
            return {
                "type": "object",
                "propertyNames": {"pattern": _whole(_LANGUAGE)},
                "additionalProperties": {"type": "string", "pattern": r"\S"},
            }
        if origin is Claimed:
            (item,) = args
            plain = self.value(item, pattern)
            claim_hints = {**typing.get_type_hints(Claim), "value": item}
            claim = self.object(Claim, claim_hints, _plain(Claim))
            claim["properties"]["value"] = {**claim["properties"]["value"], **plain}
            claims = {"type": "array", "minItems": 1, "items": claim}
            return {"anyOf": [plain, claims]}
        if attrs.has(hint):
            return self.record(hint)
        raise TypeError(f"no JSON Schema for the type {hint!r}")


def _types(schema: Mapping[str, Any]) -> list[str]:
    kind = schema["type"]
    return list(kind) if isinstance(kind, list) else [kind]


def _date(kinds: set[type[Any]]) -> dict[str, Any]:
    """Dates as the loader reads them: an EDTF string, or a year written as a bare number."""
    forms = []
    if PartialDate in kinds:
        forms.append(_PARTIAL)
    if DateInterval in kinds:
        forms.append(_INTERVAL)
    schema: dict[str, Any] = {"type": ["string"], "pattern": _whole("|".join(forms))}
    if PartialDate in kinds:
        schema.update({"type": ["string", "integer"], "minimum": 1, "maximum": 9999})
    return schema


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a data file, built from the model.

    ``mou_tracker/schema.json`` holds the same, as :func:`schema_text` writes it.
    """
    builder = _Builder()
    root = builder.object(_File, typing.get_type_hints(_File), "")
    root["properties"]["schema_version"] = {
        **root["properties"]["schema_version"],
        "const": SCHEMA_VERSION,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **root,
        "title": "mou-tracker data file",
        "description": (
            f"A data file of mou-tracker (format version {SCHEMA_VERSION}): sources, signatories, people, areas and "
            "agreements that refer to each other by id. When mou-tracker writes a file it leaves out every key "
            "whose value is the default. The schema checks each value on its own. What only the whole dataset "
            "shows, which JSON Schema cannot express, is checked by the loader (mou-tracker validate): that ids are "
            "unique and every reference names a record, that events are in order and follow the lifecycle, and that "
            "each date exists in the calendar."
        ),
        "$defs": builder.defs,
    }


def schema_text() -> str:
    """The schema as JSON text, as ``mou-tracker schema`` prints it and ``schema.json`` holds it."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
