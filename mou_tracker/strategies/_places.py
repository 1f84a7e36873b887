"""Places in a dataset's plain data (as :func:`mou_tracker.loading.unstructure` gives it) where a defect can go:
every value with its path, the ids and the references to them, and every text and key."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator, Mapping
from typing import Any

import attrs

from .._characters import PROSE_FIELDS
from ..dates import DateInterval, PartialDate
from ..exceptions import Path
from ..model import Agreement, Area, Claim, Claimed, Person, Signatory, Source

_COLLECTIONS = ("sources", "signatories", "people", "areas", "agreements")

# Keys whose values are ids, and the collection they name.
_REFERENCE_KEYS = {
    "sources": "sources",
    "parties": "signatories",
    "areas": "areas",
    "person": "people",
    "acting_for": "signatories",
    "successor": "signatories",
    "target": "agreements",
}

_NAME_MAPPINGS = frozenset({"names", "titles"})


def _walk(value: Any, path: Path) -> Iterator[tuple[Path, Any]]:
    """Every value inside a record with its path, the record itself first."""
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, (*path, i))


def _records(plain: dict[str, Any]) -> Iterator[tuple[str, Path, Any]]:
    for name in _COLLECTIONS:
        for i, record in enumerate(plain.get(name) or ()):
            for path, value in _walk(record, (name, i)):
                yield name, path, value


def _get(plain: Any, path: Path) -> Any:
    for part in path:
        plain = plain[part]
    return plain


def _set(plain: Any, path: Path, value: Any) -> None:
    _get(plain, path[:-1])[path[-1]] = value


def _reference_slots(plain: dict[str, Any]) -> list[tuple[Path, str]]:
    """Every place that holds an id, with the collection it names."""
    slots: list[tuple[Path, str]] = []
    for collection, path, value in _records(plain):
        key = path[-1]
        if not isinstance(key, str) or len(path) < 3 or _inside_names(path):
            continue
        target = collection if key == "parent" else _REFERENCE_KEYS.get(key)
        if target is None:
            continue
        if isinstance(value, str):
            slots.append((path, target))
        elif isinstance(value, list):
            slots.extend(((*path, i), target) for i, item in enumerate(value) if isinstance(item, str))
    return slots


def _inside_names(path: Path) -> bool:
    return any(part in _NAME_MAPPINGS for part in path[2:-1] if isinstance(part, str))


def _ids(plain: dict[str, Any], collection: str) -> set[str]:
    return {r["id"] for r in plain.get(collection) or () if isinstance(r, dict) and isinstance(r.get("id"), str)}


def _rename_key(plain: Any, path: Path, old: str, new: str) -> None:
    """Rename the key ``old`` of the mapping at ``path`` to ``new``, where ``old`` was in its order."""
    _set(plain, path, {(new if k == old else k): v for k, v in _get(plain, path).items()})


def _acted_for(plain: dict[str, Any], path: Path) -> bool:
    """Whether ``path`` is a party of an agreement someone signed or witnessed for.

    Such a party may be the one that makes a participant's ``acting_for``
    valid: replacing it would add a second problem to the defect.
    """
    if path[0] != "agreements" or path[2] != "parties":
        return False
    record = plain["agreements"][path[1]]
    participants = [*(record.get("signed_by") or ()), *(record.get("witnesses") or ())]
    return any(isinstance(p, dict) and p.get("acting_for") is not None for p in participants)


def _preferred_value_path(plain: dict[str, Any], path: Path) -> Path:
    """The path of the value a (possibly disputed) field prefers."""
    value = _get(plain, path)
    if not isinstance(value, list):
        return path
    for i, claim in enumerate(value):
        if claim.get("preferred"):
            return (*path, i, "value")
    return (*path, 0, "value")


def _text_slots(value: Any, hint: Any, path: Path, prose: bool = False) -> Iterator[tuple[Path, bool, bool]]:
    """Every text in ``value`` (of type ``hint``): its path, whether it is a key, and whether it may hold lines."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is str:
        if isinstance(value, str):
            yield path, False, prose
    elif origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if value is not None and len(options) == 1:  # not the dates, PartialDate | DateInterval
            yield from _text_slots(value, options[0], path, prose)
    elif origin is tuple:
        for i, item in enumerate(value):
            yield from _text_slots(item, args[0], (*path, i))
    elif origin in (Mapping, dict):
        for key, item in value.items():
            yield (*path, key), True, False
            yield from _text_slots(item, args[1], (*path, key))
    elif origin is Claimed:
        if isinstance(value, list):
            for i, claim in enumerate(value):
                yield from _text_slots(claim, Claim[args[0]], (*path, i))  # type: ignore[valid-type]
        else:
            yield from _text_slots(value, args[0], path)
    elif attrs.has(origin or hint) and hint not in (PartialDate, DateInterval):
        cls = origin or hint
        hints = typing.get_type_hints(cls)
        if origin is Claim:
            hints["value"] = args[0]
        for name, item in value.items():
            yield from _text_slots(item, hints[name], (*path, name), name in PROSE_FIELDS)


_RECORD_TYPES = {"sources": Source, "signatories": Signatory, "people": Person, "areas": Area, "agreements": Agreement}


def _text_places(plain: dict[str, Any]) -> list[tuple[Path, bool, bool]]:
    """Every text and key of every record: its path, whether it is a key, and whether it may hold lines."""
    return [
        place
        for name in _COLLECTIONS
        for i, record in enumerate(plain.get(name) or ())
        for place in _text_slots(record, _RECORD_TYPES[name], (name, i))
    ]
