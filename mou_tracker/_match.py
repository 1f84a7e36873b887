"""What a query keeps and how sure it is: a :class:`Match`, and whether a date falls in a window of days.

Every filter over a window of days (signed between, changes, actions, what
falls due) answers yes, no or possibly with :func:`_within`, and refuses a
window that ends before it starts with :func:`_check_window`; queries and
each party's participation alike.
"""

from __future__ import annotations

import datetime as _dt

import attrs

from .dates import DateInterval, PartialDate, Truth
from .model import Agreement

__all__ = ["Match"]


@attrs.frozen
class Match:
    """An agreement a query kept, and whether every filter was certain of it."""

    agreement: Agreement
    certain: bool


def _within(date: PartialDate | DateInterval, start: _dt.date | None, end: _dt.date | None) -> Truth:
    """Whether the day ``date`` means lies in [start, end] (``None``: unbounded)."""
    after = Truth.YES if start is None else date.on_or_after(start)
    before = Truth.YES if end is None else date.on_or_before(end)
    return Truth.of(after is before is Truth.YES, Truth.NO not in (after, before))


def _check_window(start: _dt.date | None, end: _dt.date | None) -> None:
    if start is not None and end is not None and start > end:
        raise ValueError(f"the window ends ({end.isoformat()}) before it starts ({start.isoformat()})")
