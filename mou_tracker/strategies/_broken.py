"""Broken data: a valid dataset with exactly one defect injected, together with what and where the defect is."""

from __future__ import annotations

import copy
import datetime as dt
import enum
from collections.abc import Callable, Iterable
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from .. import dates
from .._characters import BIDI_CONTROLS, NONCHARACTERS
from .._convert import _CONVERTER, _dump_plain
from ..dates import PartialDate, parse_date
from ..exceptions import Path, format_path
from ..loading import unstructure
from ..model import (
    Agreement,
    Area,
    Change,
    Claim,
    Claimed,
    Participant,
    Person,
    Relation,
    Signatory,
    Source,
    Status,
    StatusEvent,
    Target,
    Term,
)
from ._datasets import _datasets
from ._dates import _days
from ._histories import _ALL_STATUSES
from ._places import (
    _COLLECTIONS,
    _NAME_MAPPINGS,
    _acted_for,
    _get,
    _ids,
    _preferred_value_path,
    _records,
    _reference_slots,
    _rename_key,
    _set,
    _text_places,
)
from ._shared import _WHOLE, FIRST_DAY, LAST_DAY, _members, _sampled
from ._texts import _fresh_id


class DefectKind(enum.Enum):
    """The kinds of defect :func:`broken_datasets` injects."""

    DANGLING_REFERENCE = "dangling reference"
    """An id that names no record of the collection it refers to."""
    DUPLICATE_ID = "duplicate id"
    """A second record with the id of an earlier one in the same collection."""
    EVENT_OUT_OF_ORDER = "event out of order"
    """An event dated certainly before the event listed before it."""
    WRONG_TYPE = "wrong type"
    """A value of the wrong shape: a mapping where text is expected, a list where a mapping is."""
    MISSPELLED_KEY = "misspelled key"
    """A key that is a misspelling of the field it should name."""
    REFUSED_CHARACTER = "refused character"
    """A character no text may hold (a control, a bidirectional override, a non-character) put into a text or key."""


@attrs.frozen
class Defect:
    """What was injected into a dataset, and where.

    ``path`` is where a validator should report it, in the form of
    :attr:`mou_tracker.Problem.path`: ``("agreements", 2, "parties", 0)``
    for ``$.agreements[2].parties[0]``.
    """

    kind: DefectKind
    path: Path
    description: str

    def __str__(self) -> str:
        return f"{self.kind.value} at {format_path(self.path)}: {self.description}"


@attrs.frozen
class Broken:
    """A dataset with one defect: as plain data, as YAML text, and the defect itself.

    ``data`` is the plain form that :func:`mou_tracker.loading.structure`
    takes and ``text`` the YAML that :func:`mou_tracker.loads` reads; both hold
    the same defect.
    """

    data: dict[str, Any]
    text: str
    defect: Defect


_SINGULAR = {
    "sources": "source",
    "signatories": "signatory",
    "people": "person",
    "areas": "area",
    "agreements": "agreement",
}

_FIELD_NAMES = frozenset(
    field.name
    for cls in (
        Source,
        Signatory,
        Change,
        Person,
        Area,
        Claim,
        StatusEvent,
        Participant,
        Term,
        Relation,
        Target,
        Agreement,
    )
    for field in attrs.fields(cls)
)


def _dangling(draw: st.DrawFn, plain: dict[str, Any]) -> Defect:
    slots = [(path, collection) for path, collection in _reference_slots(plain) if not _acted_for(plain, path)]
    path, collection = draw(st.sampled_from(slots))
    old = _get(plain, path)
    new = _fresh_id(draw, _ids(plain, collection))
    _set(plain, path, new)
    what = _SINGULAR[collection]
    return Defect(DefectKind.DANGLING_REFERENCE, path, f"{new!r} (was {old!r}) names no {what}")


def _duplicate(draw: st.DrawFn, plain: dict[str, Any]) -> Defect:
    name = draw(st.sampled_from([n for n in _COLLECTIONS if plain.get(n)]))
    records = plain[name]
    original = draw(st.integers(0, len(records) - 1))
    at = draw(st.integers(original + 1, len(records)))
    records.insert(at, copy.deepcopy(records[original]))
    ident = records[original]["id"]
    return Defect(DefectKind.DUPLICATE_ID, (name, at, "id"), f"{ident!r} is already the id of {name}[{original}]")


def _out_of_order(draw: st.DrawFn, plain: dict[str, Any]) -> Defect:
    candidates: list[tuple[Path, dt.date]] = []
    for i, agreement in enumerate(plain.get("agreements") or ()):
        history = agreement.get("history") or ()
        for j in range(1, len(history)):
            previous = _get(plain, _preferred_value_path(plain, ("agreements", i, "history", j - 1, "date")))
            first = parse_date(previous).earliest
            if first is not None and first > FIRST_DAY:
                candidates.append((("agreements", i, "history", j, "date"), dates.plain(first)))
    if candidates:
        path, earliest = draw(st.sampled_from(candidates))
        day = draw(_days(FIRST_DAY, earliest - dt.timedelta(days=1)))
        _set(plain, _preferred_value_path(plain, path), day.isoformat())
        return Defect(
            DefectKind.EVENT_OUT_OF_ORDER, path, f"{day} is before the previous event ({earliest} at the earliest)"
        )
    # No event has an earlier one with a known first day: add an agreement whose second event comes first.
    later = draw(_days(dt.date(1, 1, 2), LAST_DAY))
    earlier = draw(_days(FIRST_DAY, later - dt.timedelta(days=1)))
    source = plain["sources"][0]["id"]
    ident = _fresh_id(draw, _ids(plain, "agreements"))
    event = [
        StatusEvent(Claimed.of(PartialDate.from_date(day)), Claimed.of(status), sources=(source,))
        for day, status in ((later, Status.PROPOSED), (earlier, Status.NEGOTIATING))
    ]
    record = Agreement(id=ident, title=Claimed.of("Out of order"), kind=None, sources=(source,), history=tuple(event))
    plain.setdefault("agreements", []).append(_CONVERTER.unstructure(record, Agreement))
    path = ("agreements", len(plain["agreements"]) - 1, "history", 1, "date")
    return Defect(DefectKind.EVENT_OUT_OF_ORDER, path, f"{earlier} is before the previous event ({later})")


def _wrong_type(draw: st.DrawFn, plain: dict[str, Any]) -> Defect:
    slots = [path for _, path, _ in _records(plain) if len(path) >= 3]
    path = draw(st.sampled_from(slots))
    old = _get(plain, path)
    if isinstance(old, dict):
        new: Any = ["a list", "where a mapping belongs"]
        expected = "a mapping"
    elif isinstance(old, list):
        new = {"a mapping": "where a list belongs"}
        expected = "a list"
    else:
        new = {"a mapping": "where a single value belongs"}
        expected = "a single value"
    _set(plain, path, new)
    return Defect(DefectKind.WRONG_TYPE, path, f"expected {expected}, found {type(new).__name__}")


def _misspellings(key: str) -> list[str]:
    out: list[str] = []
    for i in range(len(key)):
        out.append(key[:i] + key[i + 1 :])  # a letter dropped
        out.append(key[:i] + key[i] + key[i:])  # a letter doubled
        if i + 1 < len(key) and key[i] != key[i + 1]:
            out.append(key[:i] + key[i + 1] + key[i] + key[i + 2 :])  # two letters swapped
    return [m for m in dict.fromkeys(out) if m and m not in _FIELD_NAMES]


def _misspelled(draw: st.DrawFn, plain: dict[str, Any]) -> Defect:
    mappings = [
        path
        for _, path, value in _records(plain)
        if isinstance(value, dict) and value and (len(path) == 2 or path[-1] not in _NAME_MAPPINGS)
    ]
    path = draw(st.sampled_from(mappings))
    mapping = _get(plain, path)
    key = draw(st.sampled_from(sorted(mapping)))
    wrong = draw(st.sampled_from([m for m in _misspellings(key) if m not in mapping]))
    _rename_key(plain, path, key, wrong)
    return Defect(DefectKind.MISSPELLED_KEY, (*path, wrong), f"{wrong!r} is a misspelling of {key!r}")


# What broken_datasets puts into text: a lone surrogate is left out, since
# libyaml cannot read one even written as an escape ("\ud800"), and refuses
# the file as YAML, before there is any text to locate it in.
_REFUSED = st.sampled_from("".join(map(chr, (*range(0x20), *range(0x7F, 0xA0)))) + BIDI_CONTROLS + NONCHARACTERS)


def _refused_character(draw: st.DrawFn, plain: dict[str, Any]) -> Defect:
    path, is_key, prose = draw(st.sampled_from(_text_places(plain)))
    char = draw(_REFUSED.filter(lambda c: not (prose and c == "\n")))
    old = path[-1] if is_key else _get(plain, path)
    assert isinstance(old, str)
    at = draw(st.integers(0, len(old)))
    new = old[:at] + char + old[at:]
    if is_key:
        _rename_key(plain, path[:-1], old, new)
        path = (*path[:-1], new)
    else:
        _set(plain, path, new)
    what = "the key" if is_key else "the text"
    return Defect(DefectKind.REFUSED_CHARACTER, path, f"U+{ord(char):04X} put into {what} {old!r}")


_INJECT: dict[DefectKind, Callable[[st.DrawFn, dict[str, Any]], Defect]] = {
    DefectKind.DANGLING_REFERENCE: _dangling,
    DefectKind.DUPLICATE_ID: _duplicate,
    DefectKind.EVENT_OUT_OF_ORDER: _out_of_order,
    DefectKind.WRONG_TYPE: _wrong_type,
    DefectKind.MISSPELLED_KEY: _misspelled,
    DefectKind.REFUSED_CHARACTER: _refused_character,
}


@st.composite
def _broken_datasets(draw: st.DrawFn, kinds: tuple[DefectKind, ...], max_agreements: int) -> Broken:
    dataset = draw(
        _datasets(
            min_agreements=1,
            max_agreements=max_agreements,
            kinds=None,
            statuses=_ALL_STATUSES,
            countries=None,
            span=_WHOLE,
        )
    )
    plain = unstructure(dataset)
    defect = _INJECT[draw(_sampled(kinds))](draw, plain)
    return Broken(plain, _dump_plain(plain), defect)


def broken_datasets(
    *, defects: Iterable[DefectKind] | None = None, max_agreements: int = 3
) -> st.SearchStrategy[Broken]:
    """A valid dataset (of at least one agreement) with exactly one defect injected.

    ``defects`` limits the kinds injected (by default all of
    :class:`DefectKind`). The :class:`Broken` it gives holds the data, its
    YAML text and the :class:`Defect`, whose path is where a validator
    should report it. Other problems may follow from the one defect (a
    misspelled required key is also a missing key), but the defect itself
    is always at ``defect.path``.
    """
    chosen = _members("defects", defects, DefectKind) or tuple(DefectKind)
    if max_agreements < 1:
        raise InvalidArgument(f"max_agreements={max_agreements}: a broken dataset has at least one agreement")
    return _broken_datasets(chosen, max_agreements)
