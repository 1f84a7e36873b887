"""The answer to a question about a day that sources give only roughly: yes, no or possibly.

A partial date or an interval stands for any day between its earliest and
latest, so whether it falls before a given day may be certain either way or
depend on which day it really was. Queries and checks of the whole dataset
combine such answers (:meth:`Truth.every`, :meth:`Truth.some`) without ever
treating *possibly* as yes. :mod:`mou_tracker.dates` exports :class:`Truth`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable


class Truth(enum.Enum):
    """The answer to a question about an uncertain date: yes, no or possibly.

    A :class:`Truth` has no truth value of its own, so that
    ``if date.on_or_before(day):`` cannot silently treat *possibly* as yes;
    compare with a member instead (``is Truth.YES``).
    """

    YES = "yes"
    NO = "no"
    POSSIBLY = "possibly"

    def __bool__(self) -> bool:
        raise TypeError("a Truth may be 'possibly'; compare it with Truth.YES or Truth.NO")

    @classmethod
    def of(cls, certainly: bool, possibly: bool) -> Truth:
        """YES when ``certainly``, else POSSIBLY when ``possibly``, else NO."""
        if certainly:
            return cls.YES
        return cls.POSSIBLY if possibly else cls.NO

    @classmethod
    def every(cls, truths: Iterable[Truth]) -> Truth:
        """Whether all of ``truths`` hold: NO if one is NO, else POSSIBLY if one is, else YES (none: YES)."""
        return cls._combined(truths, decisive=cls.NO, otherwise=cls.YES)

    @classmethod
    def some(cls, truths: Iterable[Truth]) -> Truth:
        """Whether any of ``truths`` holds: YES if one is YES, else POSSIBLY if one is, else NO (none: NO)."""
        return cls._combined(truths, decisive=cls.YES, otherwise=cls.NO)

    @classmethod
    def _combined(cls, truths: Iterable[Truth], *, decisive: Truth, otherwise: Truth) -> Truth:
        """``decisive`` as soon as one of ``truths`` is; else POSSIBLY if one is; else ``otherwise``."""
        found = otherwise
        for truth in truths:
            if truth is decisive:
                return truth
            if truth is cls.POSSIBLY:
                found = truth
        return found

    def negated(self) -> Truth:
        """YES for NO, NO for YES, POSSIBLY for POSSIBLY."""
        return {Truth.YES: Truth.NO, Truth.NO: Truth.YES}.get(self, Truth.POSSIBLY)
