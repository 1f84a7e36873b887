"""Days, partial dates and intervals within a span of days, and never certainly before a given day when an
event listed after another must not be."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Sequence

from hypothesis import reject
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..dates import DateInterval, End, PartialDate, Precision, plain
from ._shared import (
    _PRECISIONS,
    _WHOLE,
    FIRST_DAY,
    LAST_DAY,
    AnyDate,
    _check_days,
    _members,
    _optional,
    _sampled,
    _Span,
    _span,
)

_ANY_PRECISION = st.sampled_from(_PRECISIONS)
_ENDS = st.sampled_from(End)


@functools.lru_cache(maxsize=4096)
def _dates_between(lo: dt.date, hi: dt.date) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=lo, max_value=hi)


@st.composite
def _days(draw: st.DrawFn, lo: dt.date, hi: dt.date) -> dt.date:
    if draw(st.integers(0, 15)) == 15:  # the ends now and then; shrinks towards the ordinary case
        end: dt.date = draw(_sampled((lo, hi)))
        return end
    return draw(_dates_between(lo, hi))


def days(*, min_value: dt.date = FIRST_DAY, max_value: dt.date = LAST_DAY) -> st.SearchStrategy[dt.date]:
    """A day between ``min_value`` and ``max_value``, now and then exactly one of them."""
    lo, hi = _check_days(min_value, max_value)
    return _days(lo, hi)


def _containing(day: dt.date, precision: Precision) -> PartialDate:
    """The partial date of ``precision`` that ``day`` falls in."""
    if precision is Precision.YEAR:
        return PartialDate(day.year)
    if precision is Precision.MONTH:
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


def _fitted(day: dt.date, precision: Precision, span: _Span, allowed: Sequence[Precision] = _PRECISIONS) -> PartialDate:
    """The partial date around ``day`` of ``precision``, or finer if that spills out of ``span``.

    Rejects the example when no allowed precision fits.
    """
    for candidate in _PRECISIONS[_PRECISIONS.index(precision) :]:
        if candidate not in allowed:
            continue
        date = _containing(day, candidate)
        if span is _WHOLE or (date.earliest >= span.lo and date.latest <= span.hi):
            return date
    reject()


def _floor(span: _Span, not_before: dt.date | None) -> dt.date:
    if not_before is None or not_before <= span.lo:
        return span.lo
    if not_before > span.hi:
        raise InvalidArgument(f"not_before={not_before} is after max_day={span.hi}")
    return plain(not_before)


@st.composite
def _partial_dates(
    draw: st.DrawFn, span: _Span, allowed: tuple[Precision, ...], not_before: dt.date | None
) -> PartialDate:
    day = draw(_days(_floor(span, not_before), span.hi))
    precision = draw(_ANY_PRECISION if allowed == _PRECISIONS else _sampled(allowed))
    return _fitted(day, precision, span, allowed)


def partial_dates(
    *,
    precisions: Iterable[Precision] | None = None,
    min_day: dt.date = FIRST_DAY,
    max_day: dt.date = LAST_DAY,
    not_before: dt.date | None = None,
) -> st.SearchStrategy[PartialDate]:
    """A year, a month or a day, every day of which lies between ``min_day`` and ``max_day``.

    ``precisions`` limits them to some of ``Precision.YEAR``, ``MONTH`` and
    ``DAY``. With ``not_before``, the date is never certainly before that day
    (its last day is on or after it), as an event listed after another must be.
    """
    span = _span(min_day, max_day)
    allowed = _PRECISIONS if precisions is None else _members("precisions", precisions, Precision)
    assert allowed is not None
    if Precision.INTERVAL in allowed:
        raise InvalidArgument("precisions: a partial date is a YEAR, MONTH or DAY; use date_intervals for intervals")
    _floor(span, not_before)
    return _partial_dates(span, tuple(p for p in _PRECISIONS if p in allowed), not_before)


@st.composite
def _date_intervals(draw: st.DrawFn, span: _Span, not_before: dt.date | None, open_ends: bool) -> DateInterval:
    end_day = draw(_days(_floor(span, not_before), span.hi))
    start_day = draw(_days(span.lo, end_day))
    start: PartialDate | End = _fitted(start_day, draw(_ANY_PRECISION), span)
    end: PartialDate | End = _fitted(end_day, draw(_ANY_PRECISION), span)
    shape = draw(_sampled(("closed", "start", "end"))) if open_ends else "closed"
    if shape == "start":
        start = draw(_ENDS)
    elif shape == "end":
        end = draw(_ENDS)
    return DateInterval(start, end)


def date_intervals(
    *,
    min_day: dt.date = FIRST_DAY,
    max_day: dt.date = LAST_DAY,
    not_before: dt.date | None = None,
    open_ends: bool = True,
) -> st.SearchStrategy[DateInterval]:
    """An interval of partial dates that does not end before it starts.

    Its dated ends lie between ``min_day`` and ``max_day``. With
    ``open_ends`` (the default), one end may instead be open (``..``) or
    unknown (empty), which no bound limits. With ``not_before``, the interval
    is never certainly before that day.
    """
    span = _span(min_day, max_day)
    _floor(span, not_before)
    return _date_intervals(span, not_before, open_ends)


def _any_dates(span: _Span, not_before: dt.date | None = None) -> st.SearchStrategy[AnyDate]:
    if span is _WHOLE and not_before is None:
        return _ANY_DATE
    return st.one_of(_partial_dates(span, _PRECISIONS, not_before), _date_intervals(span, not_before, True))


def any_dates(
    *, min_day: dt.date = FIRST_DAY, max_day: dt.date = LAST_DAY, not_before: dt.date | None = None
) -> st.SearchStrategy[PartialDate | DateInterval]:
    """A partial date or an interval: whatever an event's date, a term's end or a due date may hold.

    The arguments mean what they mean for :func:`partial_dates` and
    :func:`date_intervals`.
    """
    span = _span(min_day, max_day)
    _floor(span, not_before)
    return _any_dates(span, not_before)


_ANY_DATE: st.SearchStrategy[AnyDate] = st.one_of(
    _partial_dates(_WHOLE, _PRECISIONS, None), _date_intervals(_WHOLE, None, True)
)


@functools.lru_cache(maxsize=256)
def _maybe_date(span: _Span) -> st.SearchStrategy[AnyDate | None]:
    return _optional(_any_dates(span))


def _raise_floor(floor: dt.date | None, date: AnyDate) -> dt.date | None:
    """The latest earliest day so far: no later event may end before it."""
    if date.earliest is None:
        return floor
    earliest = plain(date.earliest)
    return earliest if floor is None else max(floor, earliest)
