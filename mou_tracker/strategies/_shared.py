"""What every part of the strategies shares: the checks of the public arguments, the span of days a record's
dates must lie within, and small strategies built once and cached."""

from __future__ import annotations

import datetime as dt
import enum
import functools
from collections.abc import Iterable
from typing import TypeVar

import attrs
import iso3166
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..dates import DateInterval, PartialDate, Precision, plain

T = TypeVar("T")
AnyDate = PartialDate | DateInterval

FIRST_DAY = dt.date(1, 1, 1)
"""The first day a partial date can name (0001-01-01)."""
LAST_DAY = dt.date(9999, 12, 31)
"""The last day a partial date can name (9999-12-31)."""

_PRECISIONS = (Precision.YEAR, Precision.MONTH, Precision.DAY)


# -- arguments ----------------------------------------------------------------


def _check_days(min_day: dt.date, max_day: dt.date) -> tuple[dt.date, dt.date]:
    for name, value in (("min_day", min_day), ("max_day", max_day)):
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise InvalidArgument(f"{name}={value!r} must be a datetime.date")
    if min_day > max_day:
        raise InvalidArgument(f"min_day={min_day} is after max_day={max_day}")
    return plain(min_day), plain(max_day)


E = TypeVar("E", bound=enum.Enum)


def _members(name: str, values: Iterable[E] | None, cls: type[E]) -> tuple[E, ...] | None:
    if values is None:
        return None
    chosen = tuple(values)
    if not chosen:
        raise InvalidArgument(f"{name} must name at least one {cls.__name__}, or be None for any")
    for value in chosen:
        if not isinstance(value, cls):
            raise InvalidArgument(f"{name} must hold {cls.__name__} members, found {value!r}")
    return tuple(dict.fromkeys(chosen))


def _countries(countries: Iterable[str] | None) -> tuple[str, ...] | None:
    if countries is None:
        return None
    chosen = tuple(dict.fromkeys(countries))
    if not chosen:
        raise InvalidArgument("countries must name at least one ISO 3166-1 alpha-2 code, or be None for any")
    for code in chosen:
        if code not in iso3166.countries_by_alpha2:
            raise InvalidArgument(f"countries must be ISO 3166-1 alpha-2 codes such as 'VN', found {code!r}")
    return chosen


def _check_sizes(min_size: int, max_size: int, what: str) -> None:
    if min_size < 0 or max_size < min_size:
        raise InvalidArgument(f"{what}: need 0 <= min_size <= max_size, found {min_size} and {max_size}")


@attrs.frozen
class _Span:
    """The days every date of a record must lie within."""

    lo: dt.date = FIRST_DAY
    hi: dt.date = LAST_DAY


_WHOLE = _Span()


def _span(min_day: dt.date, max_day: dt.date) -> _Span:
    lo, hi = _check_days(min_day, max_day)
    return _WHOLE if (lo, hi) == (FIRST_DAY, LAST_DAY) else _Span(lo, hi)


# -- small helpers, built once --------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _sampled(choices: tuple[T, ...]) -> st.SearchStrategy[T]:
    return st.sampled_from(choices)


@functools.lru_cache(maxsize=4096)
def _picks(choices: tuple[str, ...], min_size: int = 0, max_size: int = 2) -> st.SearchStrategy[tuple[str, ...]]:
    """Distinct ids taken from ``choices`` (nothing when there are none)."""
    if not choices:
        return st.just(())
    return st.lists(st.sampled_from(choices), min_size=min_size, max_size=max_size, unique=True).map(tuple)


def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.one_of(st.none(), strategy)


def _tuples(
    strategy: st.SearchStrategy[T], *, min_size: int = 0, max_size: int = 2
) -> st.SearchStrategy[tuple[T, ...]]:
    return st.lists(strategy, min_size=min_size, max_size=max_size).map(tuple)
