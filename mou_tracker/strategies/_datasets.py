"""Whole datasets that validation finds nothing wrong with: unique ids, every reference resolved, and no cycle
among parents, successors or relations."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TypeVar

import attrs
from hypothesis import strategies as st

from ..dataset import Dataset
from ..model import Agreement, AgreementKind, Area, Person, Signatory, SignatoryKind, Source, Status
from ._agreements import _agreements
from ._histories import _ALL_STATUSES
from ._records import References, _areas, _people, _signatories, _sources
from ._shared import FIRST_DAY, LAST_DAY, _check_sizes, _countries, _members, _Span, _span
from ._texts import _fresh_id

R = TypeVar("R", Source, Signatory, Person, Area, Agreement)


def _collection(
    draw: st.DrawFn,
    build: Callable[[str, tuple[str, ...]], st.SearchStrategy[R]],
    *,
    min_size: int = 0,
    max_size: int = 3,
) -> tuple[R, ...]:
    """Records with distinct ids, each built from its id and the ids before it.

    Each record is drawn whole, right after its id, so the shrinker can drop
    a record by deleting one stretch of choices.
    """
    out: list[R] = []
    used: tuple[str, ...] = ()
    more = st.integers(0, 2)
    while len(out) < max_size and (len(out) < min_size or draw(more) > 0):
        ident = _fresh_id(draw, used)
        out.append(draw(build(ident, used)))
        used = (*used, ident)
    return tuple(out)


@st.composite
def _datasets(
    draw: st.DrawFn,
    *,
    min_agreements: int,
    max_agreements: int,
    kinds: tuple[AgreementKind, ...] | None,
    statuses: tuple[Status, ...],
    countries: tuple[str, ...] | None,
    span: _Span,
    multilateral: bool | None = None,
) -> Dataset:
    refs = References()
    found_sources = _collection(draw, lambda i, _: _sources(i, span), min_size=1)
    refs = attrs.evolve(refs, sources=tuple(r.id for r in found_sources))
    body_kinds = tuple(SignatoryKind)
    found_signatories = _collection(
        draw,
        lambda i, before: _signatories(
            ident=i, refs=refs, parents=before, successors=before, kinds=body_kinds, countries=countries, span=span
        ),
        max_size=4,
    )
    found_people = _collection(draw, lambda i, _: _people(i, refs))
    found_areas = _collection(draw, _areas)
    refs = attrs.evolve(
        refs,
        signatories=tuple(r.id for r in found_signatories),
        people=tuple(r.id for r in found_people),
        areas=tuple(r.id for r in found_areas),
    )
    found_agreements = _collection(
        draw,
        lambda i, before: _agreements(
            ident=i,
            refs=refs,
            targets=before,
            kinds=kinds,
            statuses=statuses,
            max_events=4,
            span=span,
            multilateral=multilateral,
        ),
        min_size=min_agreements,
        max_size=max_agreements,
    )
    return Dataset(
        sources=found_sources,
        signatories=found_signatories,
        people=found_people,
        areas=found_areas,
        agreements=found_agreements,
    )


def datasets(
    *,
    min_agreements: int = 0,
    max_agreements: int = 3,
    kinds: Iterable[AgreementKind] | None = None,
    statuses: Iterable[Status] | None = None,
    countries: Iterable[str] | None = None,
    min_day: dt.date = FIRST_DAY,
    max_day: dt.date = LAST_DAY,
    multilateral: bool | None = None,
) -> st.SearchStrategy[Dataset]:
    """A whole collection that validation finds nothing wrong with.

    Ids are unique within each collection and every reference resolves.
    Parents, successors and relation targets are always records drawn
    earlier in their collection, so none of those graphs has a cycle. It has
    at least one source, up to four signatories, three people and three
    areas, and between ``min_agreements`` and ``max_agreements`` agreements.
    ``kinds``, ``statuses``, ``countries``, ``min_day``, ``max_day`` and
    ``multilateral`` constrain the records as they do for :func:`agreements`
    and :func:`signatories`.
    """
    _check_sizes(min_agreements, max_agreements, "datasets (agreements)")
    return _datasets(
        min_agreements=min_agreements,
        max_agreements=max_agreements,
        kinds=_members("kinds", kinds, AgreementKind),
        statuses=_members("statuses", statuses, Status) or _ALL_STATUSES,
        countries=_countries(countries),
        span=_span(min_day, max_day),
        multilateral=multilateral,
    )
