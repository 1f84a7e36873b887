"""Status events and histories that follow the status lifecycle, none certainly before an earlier one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

import attrs
from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..model import TRANSITIONS, Status, StatusEvent
from ._dates import _any_dates, _floor, _raise_floor
from ._records import References, _cites, _claimed, _refs
from ._shared import FIRST_DAY, LAST_DAY, _check_sizes, _members, _picks, _sampled, _Span, _span
from ._texts import _MAYBE_TEXT

_ALL_STATUSES = tuple(Status)


def _after(previous: Status | None, allowed: Sequence[Status]) -> tuple[Status, ...]:
    """The statuses among ``allowed`` that the lifecycle allows after ``previous``."""
    if previous is None:
        return tuple(allowed)
    return tuple(s for s in allowed if s in TRANSITIONS[previous])


@st.composite
def _status_events(
    draw: st.DrawFn,
    *,
    refs: References | None,
    allowed: tuple[Status, ...],
    status: Status | None,
    not_before: dt.date | None,
    span: _Span,
) -> StatusEvent:
    refs = _refs(draw, refs)
    choices = _sampled(allowed)
    event_sources = draw(_picks(refs.sources))
    date = draw(_claimed(_any_dates(span), refs.sources, _any_dates(span, not_before)))
    state = draw(_claimed(choices, refs.sources, st.just(status) if status is not None else choices))
    event = StatusEvent(date, state, event_sources, draw(_MAYBE_TEXT), place=draw(_MAYBE_TEXT))
    if not event.all_sources:
        event = attrs.evolve(event, sources=draw(_cites(refs)))
    return event


def status_events(
    *,
    references: References | None = None,
    statuses: Iterable[Status] | None = None,
    not_before: dt.date | None = None,
    min_day: dt.date = FIRST_DAY,
    max_day: dt.date = LAST_DAY,
) -> st.SearchStrategy[StatusEvent]:
    """One event of a history: a status reached on a date, each possibly disputed, citing a source.

    Every status it claims is one of ``statuses``; its preferred date lies
    between ``min_day`` and ``max_day`` and is never certainly before
    ``not_before``.
    """
    allowed = _members("statuses", statuses, Status) or _ALL_STATUSES
    span = _span(min_day, max_day)
    _floor(span, not_before)
    return _status_events(refs=references, allowed=allowed, status=None, not_before=not_before, span=span)


_RUNNING = (Status.SIGNED, Status.IN_EFFECT)
_ON_THE_WAY = (Status.PROPOSED, Status.NEGOTIATING, Status.CONCLUDED, *_RUNNING)


@st.composite
def _histories(
    draw: st.DrawFn,
    *,
    refs: References | None,
    allowed: tuple[Status, ...],
    min_size: int,
    max_size: int,
    running: bool,
    span: _Span,
) -> tuple[StatusEvent, ...]:
    refs = _refs(draw, refs)
    events: list[StatusEvent] = []
    status: Status | None = None
    floor: dt.date | None = None
    count = draw(st.integers(min_size, max_size))
    for i in range(count):
        choices = _after(status, allowed)
        if running:
            keep = _RUNNING if i == count - 1 else _ON_THE_WAY
            choices = tuple(s for s in choices if s in keep)
        if not choices:
            if len(events) < min_size or running:
                reject()
            break
        status = draw(_sampled(choices))
        event = draw(_status_events(refs=refs, allowed=allowed, status=status, not_before=floor, span=span))
        floor = _raise_floor(floor, event.date.value)
        events.append(event)
    return tuple(events)


def status_histories(
    *,
    references: References | None = None,
    statuses: Iterable[Status] | None = None,
    min_size: int = 0,
    max_size: int = 4,
    running: bool = False,
    min_day: dt.date = FIRST_DAY,
    max_day: dt.date = LAST_DAY,
) -> st.SearchStrategy[tuple[StatusEvent, ...]]:
    """An agreement's history: events that follow the lifecycle, none certainly before an earlier one.

    Every status claimed is one of ``statuses`` (a history stops early when
    the lifecycle allows none of them next). With ``running``, the history
    has at least one event and ends signed or in effect.
    """
    _check_sizes(min_size, max_size, "status_histories")
    allowed = _members("statuses", statuses, Status) or _ALL_STATUSES
    if running and not set(allowed) & set(_RUNNING):
        raise InvalidArgument("running=True needs SIGNED or IN_EFFECT among the statuses")
    return _histories(
        refs=references,
        allowed=allowed,
        min_size=max(min_size, 1 if running else 0),
        max_size=max_size,
        running=running,
        span=_span(min_day, max_day),
    )
