"""The records other records name (sources, signatories, people, areas), the ids they may refer to, and facts
as the data records them: one claim, or several that disagree."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import attrs
import iso3166
from hypothesis import strategies as st

from ..model import Area, Change, ChangeKind, Claim, Claimed, Person, Signatory, SignatoryKind, Source
from ._dates import _any_dates, _maybe_date, _raise_floor
from ._shared import (
    FIRST_DAY,
    LAST_DAY,
    T,
    _check_sizes,
    _countries,
    _members,
    _optional,
    _picks,
    _sampled,
    _Span,
    _span,
)
from ._texts import _LANGUAGES, _MAYBE_TEXT, _MAYBE_URL, _NAMES, _TEXT, _TEXT_TUPLES, ids

_COUNTRIES = tuple(sorted(iso3166.countries_by_alpha2))


# -- references ---------------------------------------------------------------


def _id_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@attrs.frozen
class References:
    """The ids that generated records may refer to, by collection.

    Give one to a record strategy so that what it draws refers only to
    records you have; :func:`references` draws some for records drawn on
    their own.
    """

    sources: tuple[str, ...] = attrs.field(default=(), converter=_id_tuple)
    signatories: tuple[str, ...] = attrs.field(default=(), converter=_id_tuple)
    people: tuple[str, ...] = attrs.field(default=(), converter=_id_tuple)
    areas: tuple[str, ...] = attrs.field(default=(), converter=_id_tuple)
    agreements: tuple[str, ...] = attrs.field(default=(), converter=_id_tuple)


@st.composite
def _references(draw: st.DrawFn, min_size: int, max_size: int) -> References:
    unique = st.lists(ids(), min_size=min_size, max_size=max_size, unique=True)
    return References(*(draw(unique) for _ in range(5)))


def references(*, min_size: int = 1, max_size: int = 3) -> st.SearchStrategy[References]:
    """Distinct ids to refer to, between ``min_size`` and ``max_size`` per collection."""
    _check_sizes(min_size, max_size, "references")
    return _references(min_size, max_size)


_SOME_REFERENCES = _references(1, 3)


def _refs(draw: st.DrawFn, refs: References | None) -> References:
    return refs if refs is not None else draw(_SOME_REFERENCES)


def _cites(refs: References, *, max_size: int = 2) -> st.SearchStrategy[tuple[str, ...]]:
    """At least one source id (a fact must cite one)."""
    return _picks(refs.sources, 1, max_size)


# -- claims -------------------------------------------------------------------


@st.composite
def _claimed(
    draw: st.DrawFn, values: st.SearchStrategy[Any], source_ids: tuple[str, ...], preferred: st.SearchStrategy[Any]
) -> Claimed[Any]:
    value = draw(preferred)
    note = draw(_MAYBE_TEXT)
    rivals = draw(st.integers(0, 2)) if source_ids else 0
    if not rivals:
        return Claimed((Claim(value, draw(_picks(source_ids)), note=note),))
    cited = _picks(source_ids, 1)
    claims = [Claim(draw(values), draw(cited), note=draw(_MAYBE_TEXT)) for _ in range(rivals)]
    at = draw(st.integers(0, rivals))
    claims.insert(at, Claim(value, draw(cited), preferred=True, note=note))
    return Claimed(tuple(claims))


def claimed(
    values: st.SearchStrategy[T],
    *,
    sources: Sequence[str],
    preferred: st.SearchStrategy[T] | None = None,
) -> st.SearchStrategy[Claimed[T]]:
    """A fact as the data records it: one claim, or several that disagree.

    With ``sources`` to cite, the fact may be disputed: two or three claims,
    exactly one preferred, each citing at least one of ``sources``. The
    preferred (or only) value comes from ``preferred`` when given, the
    others from ``values``.
    """
    return _claimed(values, tuple(sources), preferred if preferred is not None else values)


# -- records ------------------------------------------------------------------


@st.composite
def _sources(draw: st.DrawFn, ident: str | None, span: _Span) -> Source:
    title = draw(_MAYBE_TEXT)
    url = draw(_MAYBE_URL)
    notes = draw(_MAYBE_TEXT)
    if title is None and url is None and notes is None:
        title = draw(_TEXT)
    return Source(
        id=ident if ident is not None else draw(ids()),
        language=draw(_LANGUAGES),
        title=title,
        publisher=draw(_MAYBE_TEXT),
        url=url,
        published=draw(_maybe_date(span)),
        notes=notes,
    )


def sources(
    *, id: str | None = None, min_day: dt.date = FIRST_DAY, max_day: dt.date = LAST_DAY
) -> st.SearchStrategy[Source]:
    """A source, identified by at least one of a title, an address or notes.

    ``id`` fixes its id; its publication date, if any, lies between
    ``min_day`` and ``max_day``.
    """
    return _sources(id, _span(min_day, max_day))


@st.composite
def _changes(draw: st.DrawFn, successors: tuple[str, ...], refs: References, span: _Span) -> tuple[Change, ...]:
    kinds = [k for k in ChangeKind if successors or k is not ChangeKind.MERGED_INTO]
    out: list[Change] = []
    floor: dt.date | None = None
    for _ in range(draw(st.integers(0, 2))):
        date = draw(_any_dates(span, floor))
        floor = _raise_floor(floor, date)
        kind = draw(_sampled(tuple(kinds)))
        successor = None
        if successors and (kind is ChangeKind.MERGED_INTO or draw(st.booleans())):
            successor = draw(_sampled(successors))
        name = draw(_TEXT) if kind is ChangeKind.RENAMED else draw(_MAYBE_TEXT)
        out.append(Change(date, kind, draw(_cites(refs)), successor, name, draw(_MAYBE_TEXT)))
    return tuple(out)


@st.composite
def _signatories(
    draw: st.DrawFn,
    *,
    ident: str | None,
    refs: References | None,
    parents: tuple[str, ...] | None,
    successors: tuple[str, ...] | None,
    kinds: tuple[SignatoryKind, ...],
    countries: tuple[str, ...] | None,
    span: _Span,
) -> Signatory:
    refs = _refs(draw, refs)
    ident = ident if ident is not None else draw(ids())
    # Never its own parent or successor: that would be a cycle.
    parents = tuple(p for p in (refs.signatories if parents is None else parents) if p != ident)
    successors = tuple(p for p in (refs.signatories if successors is None else successors) if p != ident)
    country = draw(_sampled(countries)) if countries is not None else draw(_optional(_sampled(_COUNTRIES)))
    return Signatory(
        id=ident,
        name=draw(_TEXT),
        kind=draw(_sampled(kinds)),
        country=country,
        names=draw(_NAMES),
        parent=draw(_optional(_sampled(parents))) if parents else None,
        aliases=draw(_TEXT_TUPLES),
        history=draw(_changes(successors, refs, span)),
        sources=draw(_picks(refs.sources)),
        notes=draw(_MAYBE_TEXT),
    )


def signatories(
    *,
    id: str | None = None,
    references: References | None = None,
    kinds: Iterable[SignatoryKind] | None = None,
    countries: Iterable[str] | None = None,
    parents: Sequence[str] | None = None,
    successors: Sequence[str] | None = None,
    min_day: dt.date = FIRST_DAY,
    max_day: dt.date = LAST_DAY,
) -> st.SearchStrategy[Signatory]:
    """A state, government, ministry, agency or other body that can sign.

    ``kinds`` limits its kind and ``countries`` its ISO 3166-1 alpha-2
    country (by default any code, or none). Its parent comes from
    ``parents`` and the bodies it merged into or was succeeded by from
    ``successors`` (both default to ``references.signatories``); the dates of
    its changes lie between ``min_day`` and ``max_day``.
    """
    chosen = _members("kinds", kinds, SignatoryKind) or tuple(SignatoryKind)
    return _signatories(
        ident=id,
        refs=references,
        parents=None if parents is None else tuple(parents),
        successors=None if successors is None else tuple(successors),
        kinds=chosen,
        countries=_countries(countries),
        span=_span(min_day, max_day),
    )


@st.composite
def _people(draw: st.DrawFn, ident: str | None, refs: References | None) -> Person:
    refs = _refs(draw, refs)
    return Person(
        id=ident if ident is not None else draw(ids()),
        name=draw(_TEXT),
        names=draw(_NAMES),
        aliases=draw(_TEXT_TUPLES),
        sources=draw(_picks(refs.sources)),
        notes=draw(_MAYBE_TEXT),
    )


def people(*, id: str | None = None, references: References | None = None) -> st.SearchStrategy[Person]:
    """Someone who signed or witnessed an instrument, citing sources from ``references``."""
    return _people(id, references)


@st.composite
def _areas(draw: st.DrawFn, ident: str | None, parents: tuple[str, ...]) -> Area:
    ident = ident if ident is not None else draw(ids())
    parents = tuple(p for p in parents if p != ident)  # never its own parent
    return Area(
        id=ident,
        name=draw(_TEXT),
        names=draw(_NAMES),
        parent=draw(_optional(_sampled(parents))) if parents else None,
        description=draw(_MAYBE_TEXT),
    )


def areas(*, id: str | None = None, parents: Sequence[str] = ()) -> st.SearchStrategy[Area]:
    """An area of cooperation, whose parent (if any) is one of ``parents``."""
    return _areas(id, tuple(parents))
