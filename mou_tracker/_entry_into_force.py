"""A party's entry into force, derived from the instrument's clause when no source gives it.

An instrument's :class:`~mou_tracker.EntryIntoForce` clause says when it
enters into force for a party that consents: on the instrument's own day
for one that consented by the trigger, else some days or months after its
consent. Dates may be partial, so the result is every day it may be (a
range), never a guessed one (:func:`derive_entry_into_force`). Validation
checks each party's withdrawal against it, and each party's status folds it
(:mod:`mou_tracker._party`).
"""

from __future__ import annotations

import calendar
import datetime as _dt
import math

from .dates import DateInterval, End, PartialDate
from .model import Agreement, EntryIntoForce, Status

__all__ = ["derive_entry_into_force", "instrument_in_force"]

AnyDate = PartialDate | DateInterval

# Days as ordinals, so that an open or unknown end can be -inf (earliest) or +inf (latest).
_Day = float
_PAST, _FUTURE = -math.inf, math.inf
_Period = tuple[int, int]  # (days, months)


def _ordinal(day: _dt.date | None, missing: _Day) -> _Day:
    return missing if day is None else float(day.toordinal())


def _plus(day: _Day, period: _Period) -> _Day:
    """``day`` moved on by ``period`` (months first, as a clause counts them); +inf past the calendar."""
    if math.isinf(day):
        return day
    days, months = period
    date = _dt.date.fromordinal(int(day))
    if months:
        year, month = divmod(date.month - 1 + months, 12)
        year += date.year
        if not 1 <= year <= _dt.MAXYEAR:
            return _FUTURE if months > 0 else _PAST
        month += 1
        # 31 January and a month is the last day of February, as pendulum and dateutil count.
        date = date.replace(year=year, month=month, day=min(date.day, calendar.monthrange(year, month)[1]))
    moved = date.toordinal() + days
    if moved > _dt.date.max.toordinal():
        return _FUTURE
    if moved < 1:
        return _PAST
    return float(moved)


def _period(days: int | None, months: int | None) -> _Period | None:
    if days is None and months is None:
        return None
    return (days or 0, months or 0)


def _derived_bounds(instrument: AnyDate, consent: AnyDate, clause: EntryIntoForce | None) -> tuple[_Day, _Day] | None:
    """The first and last day a party's entry into force may be (±inf when unbounded), or None.

    For one day ``e`` of the instrument's entry into force and one day ``c``
    of the party's consent, it is ``e`` if the party consented by the trigger
    (``c`` plus the instrument's own period is no later than ``e``), else the
    later of ``e`` and ``c`` plus the later period; with no later period, ``e``
    for a consent on or before ``e`` and unknown after it. Over every pair of
    days the dates allow, the result's first and last day are worked out
    exactly: it is non-decreasing in ``c``, and in ``e`` it may step back only
    where ``e`` reaches ``c`` plus the instrument's period, which the
    candidates below include.
    """
    e_lo, e_hi = _ordinal(instrument.earliest, _PAST), _ordinal(instrument.latest, _FUTURE)
    c_lo, c_hi = _ordinal(consent.earliest, _PAST), _ordinal(consent.latest, _FUTURE)
    return _derived_days(e_lo, e_hi, c_lo, c_hi, clause)


def _derived_days(
    e_lo: _Day, e_hi: _Day, c_lo: _Day, c_hi: _Day, clause: EntryIntoForce | None
) -> tuple[_Day, _Day] | None:
    """:func:`_derived_bounds` for the first and last days the two dates may be, as ordinals."""
    later = None if clause is None else _period(clause.later_days, clause.later_months)
    if later is None:
        if c_lo > e_hi:
            return None  # consented certainly after it entered into force, and no clause says when
        # e for c <= e: the earliest such e; unknown (+inf) if the consent may be after it.
        return max(e_lo, c_lo), (e_hi if c_hi <= e_lo else _FUTURE)
    own = _period(clause.days, clause.months) if clause is not None else None
    trigger = own if own is not None else later  # with no period of its own, the later one's

    def f(c: _Day, e: _Day) -> _Day:
        return e if _plus(c, trigger) <= e else max(e, _plus(c, later))

    lo = f(c_lo, e_lo)
    start = _plus(c_lo, trigger)
    if e_lo < start <= e_hi:
        lo = min(lo, start)
    hi = f(c_hi, e_hi)
    last_before = _plus(c_hi, trigger) - 1
    if e_lo <= last_before:
        hi = max(hi, min(e_hi, last_before), _plus(c_hi, later))
    return lo, hi


def _as_date(lo: _Day, hi: _Day) -> AnyDate | None:
    """A day when the bounds are one day, else an interval with unknown ends where unbounded."""
    if lo == _FUTURE or (lo == _PAST and hi == _FUTURE):
        return None
    if lo == hi:
        return PartialDate.from_date(_dt.date.fromordinal(int(lo)))
    start: PartialDate | End = End.UNKNOWN if lo == _PAST else PartialDate.from_date(_dt.date.fromordinal(int(lo)))
    end: PartialDate | End = End.UNKNOWN if hi == _FUTURE else PartialDate.from_date(_dt.date.fromordinal(int(hi)))
    return DateInterval(start, end)


def derive_entry_into_force(
    instrument: AnyDate, consent: AnyDate, clause: EntryIntoForce | None = None
) -> AnyDate | None:
    """A party's entry into force, from the instrument's and the party's consent, by the clause.

    ``instrument`` is the day the instrument entered into force, ``consent``
    the day the party deposited its instrument of consent, ``clause`` the
    instrument's :class:`~mou_tracker.EntryIntoForce`. A party that
    consented by the trigger (its consent plus the instrument's own period,
    ``days`` or ``months``, no later than the instrument's entry into force)
    is bound from the instrument's day; one that consented after it from its
    consent plus ``later_days`` or ``later_months``, but never before the
    instrument's day. Without a period of its own, the clause's later period
    stands for it (the common "thirtieth day after the deposit" for both).
    Without a later period, a consent on or before the instrument's day gives
    that day, and a consent after it nothing (``None``).

    Partial dates give a range: every day the result may be, never a guessed
    one, and an end unknown where a date has none.

    >>> from mou_tracker import EntryIntoForce, parse_date
    >>> unclos = EntryIntoForce(sources=("untc",), instruments=60, months=12, later_days=30)
    >>> derive_entry_into_force(parse_date("1994-11-16"), parse_date("1994-07-25"), unclos)
    <PartialDate('1994-11-16')>
    >>> derive_entry_into_force(parse_date("1994-11-16"), parse_date("1994-11-17"), unclos)
    <PartialDate('1994-12-17')>
    >>> derive_entry_into_force(parse_date("1994-11-16"), parse_date("1995-03"), unclos)
    <DateInterval('1995-03-31/1995-04-30')>
    """
    bounds = _derived_bounds(instrument, consent, clause)
    return None if bounds is None else _as_date(*bounds)


def instrument_in_force(agreement: Agreement) -> AnyDate | None:
    """The preferred date of the first event that records the instrument in effect, if any."""
    for event in agreement.history:
        if event.status.value is Status.IN_EFFECT:
            return event.date.value
    return None


def _derivable(instrument: AnyDate, consent: AnyDate, clause: EntryIntoForce | None) -> bool:
    """Whether the clause says when the party's entry into force is, whatever day its consent was.

    With a later period, it always does. Without one, only for a consent
    certainly on or before the instrument's entry into force (bound on the
    instrument's day): a consent that may be later leaves the day unknown,
    which is silence, read as such (possibly in force from the later of the
    two dates), not a derived range of unknown end.
    """
    if clause is not None and _period(clause.later_days, clause.later_months) is not None:
        return True
    return _ordinal(consent.latest, _FUTURE) <= _ordinal(instrument.earliest, _PAST)
