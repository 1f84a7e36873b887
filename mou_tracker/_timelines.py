"""The status of every agreement on any day, derived once and kept: the per-day index of a dataset.

An agreement's reading changes only on a day on which one of its steps
(:func:`mou_tracker._status.steps_of`) may first have happened or certainly
had. So each agreement's steps are worked out once, and its timeline (the
days its reading may change, and the reading from each) once; the readings
of every agreement over a stretch of days between two such days are kept for
the last few stretches asked about (:class:`_Stretch`), with who may have
each status. Asking again for any day of a stretch costs nothing.
"""

from __future__ import annotations

import bisect
import datetime as _dt
from collections.abc import Iterable, Mapping

from ._gc import collector_paused
from ._indexes import _merged, _recent
from ._status import StatusReading, _fold, _Folded, _reading, _Steps, steps_of
from .model import Agreement, Relation, Status

__all__: list[str] = []

# How many stretches of days (see StatusIndex.statuses_on) keep their readings.
_STRETCHES_KEPT = 16


class _Stretch:
    """The readings of every agreement over a stretch of days; who may have each status, worked out when asked."""

    __slots__ = ("_by_status", "merges", "readings")

    def __init__(self, readings: tuple[StatusReading, ...]) -> None:
        self.readings = readings
        self.merges: dict[frozenset[Status | None], tuple[int, ...]] = {}
        self._by_status: Mapping[Status | None, tuple[int, ...]] | None = None

    @property
    def by_status(self) -> Mapping[Status | None, tuple[int, ...]]:
        """The positions of the agreements that may have each status (``None``: nothing recorded yet)."""
        if self._by_status is None:
            # Readings are shared (see StatusIndex._timelines): each one's statuses are worked out once.
            possible: dict[int, frozenset[Status | None]] = {}
            by_status: dict[Status | None, list[int]] = {}
            with collector_paused():
                for i, reading in enumerate(self.readings):
                    statuses = possible.get(id(reading))
                    if statuses is None:
                        statuses = possible[id(reading)] = reading.possible
                    for status in statuses:
                        by_status.setdefault(status, []).append(i)
            self._by_status = {k: tuple(v) for k, v in by_status.items()}
        return self._by_status


_Timelines = tuple[tuple[tuple[_dt.date, ...], ...], tuple[tuple[StatusReading, ...], ...]]


class StatusIndex:
    """The steps of each agreement, its timeline, and the readings of the last few stretches of days.

    ``agreements`` are the dataset's, in file order; ``by_id`` the first of
    each id; ``referrers`` the agreements whose relations name each id. The
    steps of an agreement are remembered by id when it is the dataset's
    record of that id: one from elsewhere, or a second record with the same
    id (in data not yet validated), is worked out each time.
    """

    __slots__ = ("_agreements", "_by_id", "_referrers", "_steps", "_stretches", "_timelines", "_turning_days")

    def __init__(
        self,
        agreements: tuple[Agreement, ...],
        by_id: Mapping[str, Agreement],
        referrers: Mapping[str, tuple[tuple[Agreement, Relation], ...]],
    ) -> None:
        self._agreements = agreements
        self._by_id = by_id
        self._referrers = referrers
        self._steps: dict[str, _Steps] = {}
        self._stretches: dict[int, _Stretch] = {}
        self._timelines: _Timelines | None = None
        self._turning_days: tuple[_dt.date, ...] | None = None

    def steps_for(self, agreement: Agreement) -> _Steps:
        """The steps of ``agreement``, remembered by id when it is the dataset's record of that id."""
        if self._by_id.get(agreement.id) is not agreement:
            return steps_of(agreement, self._referrers.get(agreement.id, ()))
        steps = self._steps.get(agreement.id)
        if steps is None:
            steps = self._steps[agreement.id] = steps_of(agreement, self._referrers.get(agreement.id, ()))
        return steps

    def statuses_on(self, day: _dt.date) -> tuple[StatusReading, ...]:
        """The reading of every agreement on ``day``, in file order."""
        return self.stretch(day).readings

    def possibly(self, statuses: Iterable[Status], day: _dt.date) -> tuple[int, ...]:
        """The positions, in file order, of the agreements whose status on ``day`` may be one of ``statuses``."""
        stretch = self.stretch(day)
        return _merged(stretch.by_status, frozenset(statuses), stretch.merges)

    def stretch(self, day: _dt.date) -> _Stretch:
        """The readings of the stretch of days ``day`` is in, kept for the last few stretches asked about."""
        if isinstance(day, _dt.datetime):
            raise TypeError("statuses_on takes a date, not a datetime: take .date() in a known time zone")

        def read() -> _Stretch:
            days, readings = self.timelines()
            with collector_paused():
                return _Stretch(tuple([r[bisect.bisect_right(d, day)] for d, r in zip(days, readings, strict=True)]))

        return _recent(self._stretches, bisect.bisect_right(self.turning_days(), day), read, _STRETCHES_KEPT)

    def turning_days(self) -> tuple[_dt.date, ...]:
        """Every day on which some reading may change, sorted."""
        if self._turning_days is None:
            self._turning_days = tuple(sorted(set().union(*self.timelines()[0])))
        return self._turning_days

    def timelines(self) -> _Timelines:
        """Each agreement's timeline: the days on which its reading may change, sorted, and its readings.

        The reading on a day is ``readings[bisect_right(days, day)]``: the
        first is that before every one of the days, and each next one that
        from its day on (a step certainly happened once its latest day has
        come, and possibly once its earliest). Equal readings are one object.
        """
        if self._timelines is not None:
            return self._timelines
        shared: dict[_Folded, StatusReading] = {}
        all_days: list[tuple[_dt.date, ...]] = []
        all_readings: list[tuple[StatusReading, ...]] = []
        with collector_paused():
            for steps in map(self.steps_for, self._agreements):
                days = tuple(sorted({bound for lo, hi, _ in steps for bound in (lo, hi) if bound is not None}))
                readings = []
                for day in (None, *days):
                    folded = _fold(steps, day, None)
                    reading = shared.get(folded)
                    if reading is None:
                        reading = shared[folded] = _reading(folded)
                    readings.append(reading)
                all_days.append(days)
                all_readings.append(tuple(readings))
        self._timelines = tuple(all_days), tuple(all_readings)
        return self._timelines
