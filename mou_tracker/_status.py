"""The status of one agreement on a day, derived from its history: a :class:`StatusReading`.

An agreement's history is a list of dated events; with the end of its term
and the instruments that supersede it, it makes a list of dated steps
(earliest day, latest day, status), in the order they fold
(:func:`steps_of`). The reading on a day folds them: the last status
certainly reached, and those possibly reached after it (:func:`_fold`).
Each party's status in a multilateral instrument folds its own steps the
same way (:mod:`mou_tracker._party`). These are functions of the model
alone; the dataset keeps their results (:mod:`mou_tracker._timelines`).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from typing import TypeVar

import attrs

from .dates import DateInterval, PartialDate
from .model import Agreement, Relation, RelationType, Status

__all__ = ["StatusReading"]

_S = TypeVar("_S")
_B = TypeVar("_B")

_ONE_DAY = _dt.timedelta(days=1)
_RUNNING = (Status.SIGNED, Status.IN_EFFECT)


@attrs.frozen
class StatusReading:
    """The status of an instrument on one day, with how sure it is.

    ``status`` is the most advanced status the instrument may have reached;
    ``certain`` says whether it certainly had; ``otherwise`` lists, earliest
    first, what it was instead if the uncertain events had not happened yet.
    ``status`` is ``None`` before anything is recorded.
    """

    status: Status | None
    certain: bool
    otherwise: tuple[Status | None, ...] = ()

    @property
    def possible(self) -> frozenset[Status | None]:
        """Every status it may have been: the status alone when certain, else the alternatives too."""
        return frozenset((self.status,) if self.certain else (self.status, *self.otherwise))


# (earliest day, latest day, status): None is an open or unknown end.
_Step = tuple[_dt.date | None, _dt.date | None, Status]
_Steps = list[_Step]
_Folded = tuple[Status | None, tuple[Status, ...]]


def _fold(
    steps: Sequence[tuple[_dt.date | None, _dt.date | None, _S]], day: _dt.date | None, base: _B
) -> tuple[_B | _S, tuple[_S, ...]]:
    """Fold dated steps (earliest, latest, status), in order, for ``day``: the last status certainly
    reached (``base`` before any), and those possibly reached after it. ``None`` is a day before every
    bound of the steps."""
    last: _B | _S = base
    possible: list[_S] = []
    if day is None:
        return last, tuple([status for lo, _hi, status in steps if lo is None])
    for lo, hi, status in steps:
        if hi is not None and hi <= day:
            last, possible = status, []
        elif lo is None or lo <= day:
            possible.append(status)
    return last, tuple(possible)


def _reading(folded: _Folded) -> StatusReading:
    base, possible = folded
    if not possible:
        return StatusReading(base, True)
    return StatusReading(possible[-1], False, (base, *possible[:-1]))


def _read(steps: _Steps, day: _dt.date) -> StatusReading:
    """The reading on ``day`` of dated steps, folded in order."""
    return _reading(_fold(steps, day, None))


def _bounds(date: PartialDate | DateInterval) -> tuple[_dt.date | None, _dt.date | None]:
    return date.earliest, date.latest


def steps_of(agreement: Agreement, referrers: Iterable[tuple[Agreement, Relation]]) -> _Steps:
    """The history's events and the derived steps (expiry, supersession), in the order they fold.

    ``referrers`` are the agreements whose relations name ``agreement``, each
    with that relation: one that ``supersedes`` it makes it ``SUPERSEDED``
    when it takes effect.
    """
    steps: _Steps = [(*_bounds(e.date.value), e.status.value) for e in agreement.history]
    derived: _Steps = []
    term = agreement.term
    if term is not None and term.end is not None and steps and steps[-1][2] in _RUNNING:
        # A term is a period: "2024/2026" runs to the last day of 2026.
        # An end that is itself a range leaves the expiry uncertain.
        end = term.end
        lo = end.latest if isinstance(end, PartialDate) else end.earliest
        hi = end.latest
        # A term to 9999 never ends. A range whose last day is open,
        # unknown or 9999 ends possibly from its first day, never certainly.
        last = hi + _ONE_DAY if hi is not None and hi < _dt.date.max else None
        if lo is not None and lo < _dt.date.max and (last is not None or isinstance(end, DateInterval)):
            # It cannot expire before it was first signed or in effect.
            running = next(step for step in steps if step[2] in _RUNNING)
            derived.append(_not_before((lo + _ONE_DAY, last, Status.EXPIRED), running))
        elif lo is None and last is not None:
            running = next(step for step in steps if step[2] in _RUNNING)
            derived.append(_not_before((None, last, Status.EXPIRED), running))
    for other, relation in referrers:
        if relation.type is not RelationType.SUPERSEDES:
            continue
        for event in other.history:
            if event.status.value is Status.IN_EFFECT:
                step = (*_bounds(event.date.value), Status.SUPERSEDED)
                # Nor be superseded before anything is recorded of it.
                derived.append(_not_before(step, steps[0]) if steps else step)
                break
    if steps and steps[-1][2].is_final:
        derived = []
    for step in sorted(derived, key=_step_key):
        # History keeps its own order; a derived step goes after every
        # event that may have happened no later than it.
        at = len(steps)
        while at and _step_key(steps[at - 1])[0] > _step_key(step)[0]:
            at -= 1
        steps.insert(at, step)
    return steps


def _not_before(step: _Step, floor: _Step) -> _Step:
    """``step`` moved no earlier than the step ``floor``: each bound at least the floor's."""
    lo, hi, status = step
    if floor[0] is not None and (lo is None or lo < floor[0]):
        lo = floor[0]
    if floor[1] is None or (hi is not None and hi < floor[1]):
        hi = floor[1]
    return lo, hi, status


def _step_key(step: _Step) -> tuple[_dt.date, _dt.date]:
    return (step[0] or _dt.date.min, step[1] or _dt.date.max)
