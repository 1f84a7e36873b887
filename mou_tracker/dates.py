"""Partial dates and intervals, as sources give them.

Sources say "28 August 2023", "October 2025", "2013" or "between 26 and 28
October". A :class:`PartialDate` holds a year, a year and month, or a full
date, written as an EDTF level 0 string (``2023``, ``2025-10``,
``2023-08-28``). A :class:`DateInterval` holds a period or a range between two
partial dates (``2025/2030``, ``2025-10-26/2025-10-28``); either end may be
open (``..``: no bound) or unknown (empty: the source does not say).

Both know the earliest and latest day they can mean. Comparisons with a day
never pretend to know more than that: they answer :attr:`Truth.YES`,
:attr:`Truth.NO` or :attr:`Truth.POSSIBLY`.

>>> d = PartialDate.parse("2025-10")
>>> d.earliest, d.latest
(Date(2025, 10, 1), Date(2025, 10, 31))
>>> d.on_or_before(pendulum.date(2025, 10, 15))
<Truth.POSSIBLY: 'possibly'>
>>> str(parse_date("2025/2030"))
'2025/2030'
"""

from __future__ import annotations

import calendar
import datetime as _dt
import enum
import re
from typing import Union

import attrs
import pendulum

from ._truth import Truth
from .exceptions import InvalidDate

__all__ = [
    "AnyDate",
    "DateInterval",
    "End",
    "PartialDate",
    "Precision",
    "Truth",
    "parse_date",
    "plain",
    "years_after",
]

_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)


class Precision(enum.Enum):
    """How much of a date a source gives."""

    YEAR = "year"
    MONTH = "month"
    DAY = "day"
    INTERVAL = "interval"


class End(enum.Enum):
    """An interval end that is not a date: open (``..``) or unknown (empty)."""

    OPEN = ".."
    UNKNOWN = ""


DayLike = Union[_dt.date, "PartialDate", "DateInterval"]


def _bounds(other: DayLike) -> tuple[_dt.date | None, _dt.date | None]:
    if isinstance(other, (PartialDate, DateInterval)):
        return other.earliest, other.latest
    if isinstance(other, _dt.datetime):
        raise TypeError("compare with a date, not a datetime: take .date() in a known time zone")
    if isinstance(other, _dt.date):
        return other, other
    raise TypeError(f"expected a date, a PartialDate or a DateInterval, found {type(other).__name__}")


class _Dated:
    """Comparisons shared by partial dates and intervals, from their bounds."""

    __slots__ = ()

    @property
    def earliest(self) -> pendulum.Date | None:  # pragma: no cover - overridden
        raise NotImplementedError

    @property
    def latest(self) -> pendulum.Date | None:  # pragma: no cover - overridden
        raise NotImplementedError

    def on_or_before(self, other: DayLike) -> Truth:
        """Whether the day this means is on or before ``other``."""
        lo, hi = self.earliest, self.latest
        other_lo, other_hi = _bounds(other)
        certainly = hi is not None and other_lo is not None and hi <= other_lo
        impossible = lo is not None and other_hi is not None and lo > other_hi
        return Truth.of(certainly, not impossible)

    def before(self, other: DayLike) -> Truth:
        """Whether the day this means is strictly before ``other``."""
        lo, hi = self.earliest, self.latest
        other_lo, other_hi = _bounds(other)
        certainly = hi is not None and other_lo is not None and hi < other_lo
        impossible = lo is not None and other_hi is not None and lo >= other_hi
        return Truth.of(certainly, not impossible)

    def on_or_after(self, other: DayLike) -> Truth:
        """Whether the day this means is on or after ``other``."""
        return self.before(other).negated()

    def after(self, other: DayLike) -> Truth:
        """Whether the day this means is strictly after ``other``."""
        return self.on_or_before(other).negated()

    def may_be(self, day: _dt.date) -> bool:
        """Whether ``day`` lies between the earliest and latest day."""
        lo, hi = self.earliest, self.latest
        return (lo is None or lo <= day) and (hi is None or day <= hi)

    @property
    def sort_key(self) -> tuple[_dt.date, _dt.date]:
        """A key that sorts by earliest, then latest day; open ends sort outermost."""
        lo, hi = self.earliest, self.latest
        return (lo or _dt.date.min, hi or _dt.date.max)

    @property
    def timeline_key(self) -> tuple[_dt.date, _dt.date, bool]:
        """A key that sorts oldest first by what is known, as the timeline orders events.

        A date sorts by its earliest day, then its latest. One whose start is
        open or unknown (``../2025-03-25``: some day up to 25 March 2025) is
        known only to fall by its latest day: it sorts on that day, after
        the dates known to start on it, never before older dates as if it
        were older than they are. (:attr:`sort_key` sorts it first of all.)

        >>> sorted(["../2025-03-25", "2025-03-25", "1973"], key=lambda t: parse_date(t).timeline_key)
        ['1973', '2025-03-25', '../2025-03-25']
        """
        lo, hi = self.earliest, self.latest
        return (lo or hi or _dt.date.max, hi or _dt.date.max, lo is None)


# Days in each month of a common year (index 0 unused).
_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _check_parts(year: int, month: int | None, day: int | None) -> None:
    if not 1 <= year <= 9999:
        raise InvalidDate(f"{year:04d}", "the year must be between 0001 and 9999")
    if month is None:
        if day is not None:
            raise InvalidDate(f"{year:04d}", "a day needs a month")
        return
    if not 1 <= month <= 12:
        raise InvalidDate(f"{year:04d}-{month:02d}", "the month must be between 01 and 12")
    if day is not None:
        # A table, not pendulum or calendar.monthrange (which works out a
        # weekday too), on this path that every date in a file takes.
        last = 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month]
        if not 1 <= day <= last:
            name = pendulum.date(year, month, 1).format("MMMM YYYY")
            raise InvalidDate(f"{year:04d}-{month:02d}-{day:02d}", f"{name} has days 01 to {last:02d}")


def _validate(instance: PartialDate, _attribute: attrs.Attribute[int | None], _value: int | None) -> None:
    _check_parts(instance.year, instance.month, instance.day)


@attrs.frozen(order=False)
class PartialDate(_Dated):
    """A year, a year and month, or a full date.

    Construct it from parts or parse its EDTF level 0 string:

    >>> PartialDate(2023, 8, 28) == PartialDate.parse("2023-08-28")
    True
    >>> PartialDate.parse("2025-02-30")
    Traceback (most recent call last):
    ...
    mou_tracker.exceptions.InvalidDate: invalid date '2025-02-30': February 2025 has days 01 to 28
    """

    year: int
    month: int | None = None
    # attrs runs validators once every field is set, so one checks all three.
    day: int | None = attrs.field(default=None, validator=_validate)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
        if not isinstance(text, str):
            raise InvalidDate(text, f"expected a string, found {type(text).__name__}")
        match = _PARTIAL.fullmatch(text)
        if match is None:
            raise InvalidDate(text, "expected YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = match.groups()
        try:
            return cls(int(year), int(month) if month else None, int(day) if day else None)
        except InvalidDate as exc:
            raise InvalidDate(text, exc.reason) from None

    @classmethod
    def from_date(cls, day: _dt.date) -> PartialDate:
        """The full date of ``day``."""
        return cls(day.year, day.month, day.day)

    @property
    def precision(self) -> Precision:
        """``YEAR``, ``MONTH`` or ``DAY``."""
        if self.month is None:
            return Precision.YEAR
        return Precision.MONTH if self.day is None else Precision.DAY

    @property
    def earliest(self) -> pendulum.Date:
        """The first day this can mean."""
        return pendulum.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> pendulum.Date:
        """The last day this can mean."""
        if self.month is None:
            return pendulum.date(self.year, 12, 31)
        if self.day is None:
            return pendulum.date(self.year, self.month, 1).end_of("month")
        return pendulum.date(self.year, self.month, self.day)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
            if self.day is not None:
                text += f"-{self.day:02d}"
        return text

    def __repr__(self) -> str:
        return f"<PartialDate({str(self)!r})>"


def _check_interval(
    instance: DateInterval, _attribute: attrs.Attribute[PartialDate | End], _value: PartialDate | End
) -> None:
    start, end = instance.start, instance.end
    if isinstance(start, End) and isinstance(end, End):
        raise InvalidDate(str(instance), "an interval needs at least one dated end")
    if isinstance(start, PartialDate) and isinstance(end, PartialDate) and start.earliest > end.latest:
        raise InvalidDate(str(instance), "the interval ends before it starts")


@attrs.frozen(order=False)
class DateInterval(_Dated):
    """A period or a range between two partial dates, either end open or unknown.

    As an event's date it means "some day in this range"; as a term it means
    "every day of this period". ``earliest`` and ``latest`` are ``None`` at an
    end that is open or unknown.

    >>> DateInterval.parse("2025-10-26/2025-10-28").latest
    Date(2025, 10, 28)
    >>> str(DateInterval.parse("2023-08-28/.."))
    '2023-08-28/..'
    """

    start: PartialDate | End
    end: PartialDate | End = attrs.field(validator=_check_interval)

    @classmethod
    def parse(cls, text: str) -> DateInterval:
        """Parse ``start/end``, where an end is a partial date, ``..`` or empty."""
        if not isinstance(text, str):
            raise InvalidDate(text, f"expected a string, found {type(text).__name__}")
        parts = text.split("/")
        if len(parts) != 2:
            raise InvalidDate(text, "an interval has exactly one '/'")
        ends: list[PartialDate | End] = []
        for part in parts:
            if part in (".", "..", ""):
                if part == ".":
                    raise InvalidDate(text, "an open end is written '..'")
                ends.append(End(part))
            else:
                try:
                    ends.append(PartialDate.parse(part))
                except InvalidDate as exc:
                    raise InvalidDate(text, exc.reason) from None
        return cls(ends[0], ends[1])

    @property
    def precision(self) -> Precision:
        """Always ``INTERVAL``; the ends carry their own precision."""
        return Precision.INTERVAL

    @property
    def earliest(self) -> pendulum.Date | None:
        """The first day this can mean, or ``None`` when the start is open or unknown."""
        return self.start.earliest if isinstance(self.start, PartialDate) else None

    @property
    def latest(self) -> pendulum.Date | None:
        """The last day this can mean, or ``None`` when the end is open or unknown."""
        return self.end.latest if isinstance(self.end, PartialDate) else None

    def __str__(self) -> str:
        return f"{_end_text(self.start)}/{_end_text(self.end)}"

    def __repr__(self) -> str:
        return f"<DateInterval({str(self)!r})>"


def _end_text(end: PartialDate | End) -> str:
    return end.value if isinstance(end, End) else str(end)


AnyDate = PartialDate | DateInterval
"""Either kind of date: what an event, a term end or a publication date holds."""


def parse_date(text: str) -> PartialDate | DateInterval:
    """Parse a partial date or an interval from its EDTF string.

    >>> parse_date("2013")
    <PartialDate('2013')>
    >>> parse_date("../2025-03-25")
    <DateInterval('../2025-03-25')>
    """
    if isinstance(text, str) and "/" in text:
        return DateInterval.parse(text)
    return PartialDate.parse(text)


def years_after(day: _dt.date, years: int) -> _dt.date:
    """``day`` moved by whole ``years`` (back when negative), as a plain date.

    29 February goes to 28 February in a common year; a day beyond the
    calendar's ends is its first or last day.

    >>> years_after(_dt.date(2024, 2, 29), 1)
    datetime.date(2025, 2, 28)
    >>> years_after(_dt.date(9999, 6, 1), 1)
    datetime.date(9999, 12, 31)
    """
    try:
        return plain(pendulum.Date(day.year, day.month, day.day).add(years=years))
    except (ValueError, OverflowError):
        return _dt.date.max if years > 0 else _dt.date.min


def plain(day: _dt.date) -> _dt.date:
    """A plain :class:`datetime.date` of ``day`` (for libraries that refuse pendulum's subclass)."""
    return _dt.date(day.year, day.month, day.day)
