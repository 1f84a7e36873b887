"""Each party's own participation in a multilateral instrument, derived from its actions.

A bilateral MoU has one history, shared by both parties. A multilateral
treaty does not: the UN Convention on the Law of the Sea was ratified by
Viet Nam on 25 July 1994 and by Singapore on 17 November 1994, and entered
into force for each on a different day. So a ``multilateral`` agreement keeps
the instrument's own facts in its ``history`` (adoption, entry into force of
the instrument) and each party's in its ``actions`` (signature, the instrument
by which it consented to be bound, entry into force for it, withdrawal…).

This module reads them, for :class:`~mou_tracker.Dataset`'s
``party_status_on``, ``participation``, ``bound_on`` and ``actions``:

* a party's status on a day (:class:`PartyReading`), with the same yes / no /
  possibly certainty as an instrument's, folded from dated steps exactly as
  :meth:`~mou_tracker.Dataset.status_on` folds a history;
* a party's entry into force when no source gives it, derived from the
  instrument's clause (:func:`derive_entry_into_force`): a partial date gives a
  range of possible days, never a guessed day;
* for a bilateral instrument (``multilateral`` false), every party's status is
  the instrument's own, mapped (:func:`party_status_of`).

Silence is not absence. ``parties`` is the record's claim of who takes part,
and ``actions`` are what the cited sources say each did, no more: a source
may be silent, and a scraped table of the UN Treaty Collection is a snapshot
of the day it was read. So for a party listed in ``parties``, each step
toward being bound (signatory, consented, in force) after its last recorded
one is *possible* from the earliest day it could have come, never certain:

* with no actions at all, signatory and consented from the earliest day of
  the instrument's first ``signed`` or ``in_effect`` event, and nothing at
  all if it has neither (an instrument under negotiation);
* after a signature, consented from the signature's earliest day;
* in force, after either, or after a consent with no entry into force given
  or derivable from the clause, from the later of the last step's earliest
  day and the earliest day the instrument itself may be in effect (an
  ``in_effect`` event), never before and never without one;
* before an entry into force that is recorded while the consent is not,
  consented (and signatory, if no signature is recorded) from the
  instrument's opening, or the party's signature, on.

A withdrawal is never presumed (it is recorded when it happens), the
instrument's own ending still ends the party's status, and ``derived`` is
true only where a possible entry into force rests on the clause. A
signatory not in ``parties`` is not a party as recorded: certainly
``not_signatory``. The participation table keeps to what the sources give.

A small dataset to show it, used by the examples below:

>>> import datetime, mou_tracker
>>> data = mou_tracker.loads('''
... schema_version: 1
... sources:
...   - {id: untc, language: en, title: 'UN Treaty Collection, chapter XXI'}
... signatories:
...   - {id: vn, name: Viet Nam, kind: state, country: VN}
...   - {id: sg, name: Singapore, kind: state, country: SG}
... agreements:
...   - id: unclos
...     title: United Nations Convention on the Law of the Sea
...     kind: treaty
...     multilateral: true
...     parties: [vn, sg]
...     sources: [untc]
...     history:
...       - {date: 1982-12-10, status: signed, sources: [untc]}
...       - {date: 1994-11-16, status: in_effect, sources: [untc]}
...     entry_into_force: {instruments: 60, months: 12, later_days: 30, sources: [untc]}
...     actions:
...       - {party: vn, action: signature, date: 1982-12-10, sources: [untc]}
...       - {party: vn, action: ratification, date: 1994-07-25, sources: [untc]}
...       - {party: sg, action: signature, date: 1982-12-10, sources: [untc]}
...       - {party: sg, action: ratification, date: 1994-11-17, sources: [untc]}
... ''')
>>> data.party_status_on("unclos", "SG", datetime.date(1994, 12, 1))
PartyReading(status=<PartyStatus.CONSENTED: 'consented'>, certain=True, otherwise=(), derived=False)
>>> data.party_status_on("unclos", "Singapore", datetime.date(1994, 12, 17)).status
<PartyStatus.IN_FORCE: 'in_force'>
>>> [(row.party, str(row.entry_into_force[0])) for row in data.participation("unclos")]
[('vn', '1994-11-16'), ('sg', '1994-12-17')]

Had no source given Singapore's ratification, its signature would leave it
possibly bound, and possibly in force, ever since, never certainly:

>>> import attrs
>>> unclos = data["unclos"]
>>> silent = attrs.evolve(unclos, actions=unclos.actions[:3])
>>> data.party_status_on(silent, "SG", datetime.date(1995, 1, 1))  # doctest: +NORMALIZE_WHITESPACE
PartyReading(status=<PartyStatus.IN_FORCE: 'in_force'>, certain=False,
             otherwise=(<PartyStatus.SIGNATORY: 'signatory'>, <PartyStatus.CONSENTED: 'consented'>), derived=False)
"""

from __future__ import annotations

import calendar
import datetime as _dt
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from .dates import DateInterval, End, PartialDate, Truth
from .model import Action, ActionKind, Agreement, EntryIntoForce, PartyStatus, SignatoryKind, Status

if TYPE_CHECKING:
    from .dataset import Dataset, StatusReading
    from .queries import Match

__all__ = [
    "Binding",
    "ParticipationRow",
    "PartyReading",
    "derive_entry_into_force",
    "party_status_of",
]

AnyDate = PartialDate | DateInterval

# -- readings -------------------------------------------------------------------------


@attrs.frozen
class PartyReading:
    """The status of an instrument for one party on one day, with how sure it is.

    ``status`` is the most advanced status the party may have reached;
    ``certain`` says whether it certainly had; ``otherwise`` lists what it was
    instead if the uncertain steps had not happened yet (as
    :class:`~mou_tracker.StatusReading` does). ``derived`` is true when the
    reading may be ``in_force`` only because of an entry into force derived
    from the instrument's clause rather than given by a source.
    """

    status: PartyStatus
    certain: bool
    otherwise: tuple[PartyStatus, ...] = ()
    derived: bool = False

    @property
    def possible(self) -> frozenset[PartyStatus]:
        """Every status the party may have had: the status alone when certain, else the alternatives too."""
        return frozenset((self.status,) if self.certain else (self.status, *self.otherwise))

    @property
    def in_force(self) -> Truth:
        """Whether the instrument was in force for the party: yes, no or possibly."""
        return Truth.of(self.certain and self.status is PartyStatus.IN_FORCE, PartyStatus.IN_FORCE in self.possible)


_NOT_A_PARTY = PartyReading(PartyStatus.NOT_SIGNATORY, True)

# A bilateral instrument's status, as each of its parties has it.
_BILATERAL: Mapping[Status | None, PartyStatus] = {
    None: PartyStatus.NOT_SIGNATORY,
    Status.PROPOSED: PartyStatus.NOT_SIGNATORY,
    Status.NEGOTIATING: PartyStatus.NOT_SIGNATORY,
    Status.CONCLUDED: PartyStatus.NOT_SIGNATORY,
    Status.ABANDONED: PartyStatus.NOT_SIGNATORY,
    Status.SIGNED: PartyStatus.SIGNATORY,
    Status.IN_EFFECT: PartyStatus.IN_FORCE,
    Status.COMPLETED: PartyStatus.ENDED,
    Status.EXPIRED: PartyStatus.ENDED,
    Status.TERMINATED: PartyStatus.ENDED,
    Status.SUPERSEDED: PartyStatus.ENDED,
}

_ENDINGS = frozenset({Status.COMPLETED, Status.EXPIRED, Status.TERMINATED, Status.SUPERSEDED})


def party_status_of(reading: StatusReading) -> PartyReading:
    """A party's reading of a bilateral instrument: the instrument's own reading, each status mapped.

    Nothing recorded, ``proposed``, ``negotiating``, ``concluded`` and
    ``abandoned`` are ``not_signatory``; ``signed`` is ``signatory``;
    ``in_effect`` is ``in_force``; ``completed``, ``expired``, ``terminated``
    and ``superseded`` are ``ended``. The reading is certain when every status
    the instrument may have had maps to the same one.

    >>> from mou_tracker import StatusReading, Status
    >>> party_status_of(StatusReading(Status.SIGNED, False, (Status.NEGOTIATING,))).otherwise
    (<PartyStatus.NOT_SIGNATORY: 'not_signatory'>,)
    >>> party_status_of(StatusReading(Status.CONCLUDED, False, (Status.NEGOTIATING,))).certain
    True
    """
    status = _BILATERAL[reading.status]
    otherwise = () if reading.certain else tuple(dict.fromkeys(_BILATERAL[s] for s in reading.otherwise))
    rest = tuple(s for s in otherwise if s is not status)
    return PartyReading(status, not rest, rest)


# -- dated steps ----------------------------------------------------------------------

# (earliest day, latest day, status): None is an open or unknown end.
_Step = tuple[_dt.date | None, _dt.date | None, PartyStatus]


def _fold(steps: Sequence[_Step], day: _dt.date) -> tuple[PartyStatus, tuple[PartyStatus, ...]]:
    """The last status certainly reached on ``day``, and those possibly reached after it (as Dataset folds)."""
    base = PartyStatus.NOT_SIGNATORY
    possible: list[PartyStatus] = []
    for lo, hi, status in steps:
        if hi is not None and hi <= day:
            base, possible = status, []
        elif lo is None or lo <= day:
            possible.append(status)
    return base, tuple(possible)


def _reading(steps: Sequence[_Step], day: _dt.date, derived: _Step | None) -> PartyReading:
    base, possible = _fold(steps, day)
    if possible:
        status = possible[-1]
        rest = tuple(s for s in dict.fromkeys((base, *possible[:-1])) if s is not status)
    else:
        status, rest = base, ()
    reading = PartyReading(status, not rest, rest)
    if derived is not None and PartyStatus.IN_FORCE in reading.possible:
        # The derived step is the only one to bring in_force: the reading rests on it.
        reading = attrs.evolve(reading, derived=True)
    return reading


def _bounds(date: AnyDate) -> tuple[_dt.date | None, _dt.date | None]:
    return date.earliest, date.latest


# -- entry into force, derived ----------------------------------------------------------

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


# -- one party's actions ----------------------------------------------------------------


@attrs.frozen
class _Party:
    """What a party's actions say, first of each kind, and the steps its status folds."""

    signature: Action | None
    consent: Action | None
    entry_into_force: AnyDate | None
    derived: bool
    withdrawal: Action | None
    withdrawal_effective: Action | None
    footnotes: tuple[str, ...]
    steps: tuple[_Step, ...]
    derived_step: _Step | None


def _first(actions: Sequence[Action], wanted: Iterable[ActionKind]) -> Action | None:
    kinds = frozenset(wanted)
    return next((a for a in actions if a.action in kinds), None)


_SIGNATURES = (ActionKind.SIGNATURE, ActionKind.SUCCESSION_TO_SIGNATURE)
_CONSENT_KINDS = tuple(k for k in ActionKind if k.is_consent)


def instrument_in_force(agreement: Agreement) -> AnyDate | None:
    """The preferred date of the first event that records the instrument in effect, if any."""
    for event in agreement.history:
        if event.status.value is Status.IN_EFFECT:
            return event.date.value
    return None


def _in_order(steps: Sequence[_Step], start: int) -> list[_Step]:
    """The steps, each from ``start`` on made to start no earlier than the ones before it may have.

    A party's steps keep their order: it is not in force for it before it
    consented, nor withdrawn before it was in force. So an entry into force
    known only to the year is not possibly reached on a day before the
    party's consent may have been (validation refuses only what is
    certainly out of order). A signature bounds a consent only where the
    consent needs one (ratification, formal confirmation). Dates that leave
    no day in order (invalid data) are kept as they are.
    """
    out = list(steps)
    floor: _dt.date | None = None
    for i in range(start, len(out)):
        lo, hi, status = out[i]
        if floor is not None and (lo is None or lo < floor) and (hi is None or floor <= hi):
            lo = floor
        out[i] = (lo, hi, status)
        if lo is not None:
            floor = lo if floor is None else max(floor, lo)
    return out


def _party(ds: Dataset, agreement: Agreement, party: str) -> _Party:
    actions = [a for a in agreement.actions if a.party == party]
    signature = _first(actions, _SIGNATURES)
    consent = _first(actions, _CONSENT_KINDS)
    given = _first(actions, (ActionKind.ENTRY_INTO_FORCE,))
    withdrawal = _first(actions, (ActionKind.WITHDRAWAL,))
    effective = _first(actions, (ActionKind.WITHDRAWAL_EFFECTIVE,))
    steps: list[_Step] = []
    if signature is not None:
        steps.append((*_bounds(signature.date.value), PartyStatus.SIGNATORY))
    if consent is not None:
        steps.append((*_bounds(consent.date.value), PartyStatus.CONSENTED))
    entry: AnyDate | None = None
    derived_step: _Step | None = None
    if given is not None:
        entry = given.date.value
        steps.append((*_bounds(entry), PartyStatus.IN_FORCE))
    elif (
        consent is not None
        and (instrument := instrument_in_force(agreement)) is not None
        and _derivable(instrument, consent.date.value, agreement.entry_into_force)
    ):
        bounds = _derived_bounds(instrument, consent.date.value, agreement.entry_into_force)
        if bounds is not None and bounds[0] != _FUTURE:
            lo, hi = bounds
            derived_step = (
                None if lo == _PAST else _dt.date.fromordinal(int(lo)),
                None if hi == _FUTURE else _dt.date.fromordinal(int(hi)),
                PartyStatus.IN_FORCE,
            )
            steps.append(derived_step)
            entry = _as_date(lo, hi)
    if effective is not None:
        steps.append((*_bounds(effective.date.value), PartyStatus.WITHDRAWN))
    elif withdrawal is not None:
        # Notified, with no day known for it to take effect: possibly withdrawn from the notice on, never certainly.
        steps.append((withdrawal.date.value.earliest, None, PartyStatus.WITHDRAWN))
    follows_signature = signature is not None and consent is not None and consent.action.needs_signature
    steps = _in_order(steps, 0 if follows_signature or signature is None else 1)
    if given is None and derived_step is None:
        # The steps after the last recorded one are unknown, not absent: each is possible, never certain.
        count = (signature is not None) + (consent is not None)
        reached = 2 if consent is not None else count
        steps[count:count] = _unrecorded(agreement, reached, steps[count - 1][0] if count else None)
    elif consent is None:
        # An entry into force with no consent recorded: the consent (and a signature, if none is recorded)
        # came before it, on days no source gives. Each is possible from the instrument's opening, never certain.
        at = 0 if signature is None else 1
        steps[at:at] = _unrecorded_before(agreement, steps[0] if signature is not None else None, steps[at])
    steps.extend((lo, hi, PartyStatus.ENDED) for lo, hi, status in ds._steps_for(agreement) if status in _ENDINGS)
    footnotes = tuple(dict.fromkeys(a.notes for a in actions if a.notes is not None))
    return _Party(
        signature=signature,
        consent=consent,
        entry_into_force=entry,
        derived=derived_step is not None,
        withdrawal=withdrawal,
        withdrawal_effective=effective,
        footnotes=footnotes,
        steps=tuple(steps),
        derived_step=derived_step,
    )


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


def _first_day(agreement: Agreement, statuses: frozenset[Status]) -> tuple[bool, _dt.date | None]:
    """Whether the history has an event of ``statuses``, and the earliest day any may be (None: unknown)."""
    days = [event.date.value.earliest for event in agreement.history if event.status.value in statuses]
    if not days:
        return False, None
    if any(d is None for d in days):
        return True, None
    return True, min(d for d in days if d is not None)


def _later_of(*days: _dt.date | None) -> _dt.date | None:
    known = [d for d in days if d is not None]
    return max(known) if known else None


_OPENED = frozenset({Status.SIGNED, Status.IN_EFFECT})
_IN_EFFECT = frozenset({Status.IN_EFFECT})
_PROGRESSION = (PartyStatus.SIGNATORY, PartyStatus.CONSENTED)


def _unrecorded(agreement: Agreement, reached: int, last: _dt.date | None) -> list[_Step]:
    """The steps toward being bound that no action records after the party's last one: each possible, none certain.

    ``reached`` is how far the recorded actions go (0 nothing, 1 a
    signature, 2 a consent), ``last`` the earliest day of the last of them.
    The sources being silent, a party listed in ``parties`` may have taken
    each later step on any day from the last recorded one's earliest day,
    and never before the instrument's own first signed or in-effect event
    may be; it may be in force only from the earliest day the instrument
    itself may be in effect. A party with no actions on an instrument with
    neither event in its history (one under negotiation) has nothing
    possible; with no in-effect event, no entry into force is. A withdrawal
    is never presumed: it is recorded when it happens.
    """
    opened, first = _first_day(agreement, _OPENED)
    if not opened and not reached:
        return []
    start = _later_of(first, last) if reached else first
    steps: list[_Step] = [(start, None, status) for status in _PROGRESSION[reached:]]
    effective, from_day = _first_day(agreement, _IN_EFFECT)
    if effective:
        steps.append((_later_of(start, from_day), None, PartyStatus.IN_FORCE))
    return steps


def _unrecorded_before(agreement: Agreement, signed: _Step | None, later: _Step) -> list[_Step]:
    """The steps no action records before a recorded entry into force: possible from the opening, never certain.

    A party bound on a day had consented by it (and may have signed first),
    though no source says when: the consent, and the signature where none is
    recorded, may have come on any day from the instrument's first signed or
    in-effect event (or its recorded signature) on, up to the entry into force.
    Where the entry into force is certain, the reading after it is unchanged.
    """
    _, first = _first_day(agreement, _OPENED)
    start = _later_of(first, None if signed is None else signed[0])
    if start is not None and later[1] is not None and start > later[1]:
        start = later[0]  # dates that leave no day in order (invalid data) are read as they are
    statuses = (PartyStatus.CONSENTED,) if signed is not None else (PartyStatus.SIGNATORY, PartyStatus.CONSENTED)
    return [(start, None, status) for status in statuses]


def _may_wait(agreement: Agreement, found: _Party, day: _dt.date) -> bool:
    """Whether the party may have consented by ``day`` and yet not be bound on it, by the derived entry into force.

    The derived entry into force of a consent by ``day`` is worked out with
    the consent's days cut at ``day``: the party may wait only if its latest
    day is after ``day`` (a consent the day before an entry into force on
    the same day as a deposit, ``later_days: 0``, never waits).
    """
    instrument = instrument_in_force(agreement)
    if found.consent is None or instrument is None:
        return True
    consent = found.consent.date.value
    c_lo = _ordinal(consent.earliest, _PAST)
    c_hi = min(_ordinal(consent.latest, _FUTURE), float(day.toordinal()))
    if c_lo > c_hi:
        return True  # not consented by the day: nothing to rule out here
    e_lo, e_hi = _ordinal(instrument.earliest, _PAST), _ordinal(instrument.latest, _FUTURE)
    bounds = _derived_days(e_lo, e_hi, c_lo, c_hi, agreement.entry_into_force)
    return bounds is None or bounds[1] > day.toordinal()


class Participations:
    """A dataset's parties' participation, worked out once for each (agreement, party) asked about."""

    def __init__(self, ds: Dataset) -> None:
        self._ds = ds
        self._parties: dict[tuple[str, str], _Party] = {}

    def party(self, agreement: Agreement, party: str) -> _Party:
        """What ``party``'s actions on ``agreement`` say (remembered for the dataset's own records)."""
        if self._ds._agreements.get(agreement.id) is not agreement:
            return _party(self._ds, agreement, party)
        key = (agreement.id, party)
        found = self._parties.get(key)
        if found is None:
            found = self._parties[key] = _party(self._ds, agreement, party)
        return found

    def resolve(self, agreement: Agreement, who: str) -> str | None:
        """The party of ``agreement`` that ``who`` stands for (an id, a country code, a name); None if none is."""
        ds = self._ds
        if who in ds._signatories:
            return who if who in agreement.parties else None
        if len(who) == 2 and who.isupper():
            among = [p for p in agreement.parties if (s := ds._signatories.get(p)) is not None and s.country == who]
            if not among:
                ds.bodies(who)  # an unassigned code is an error, with suggestions
                return None
            states = [p for p in among if ds._signatories[p].kind is SignatoryKind.STATE]
            return (states or among)[0]
        found = ds.find_signatory(who).id
        return found if found in agreement.parties else None

    def status_on(self, agreement: Agreement, who: str, day: _dt.date) -> PartyReading:
        """The status of ``agreement`` for the party ``who`` stands for, on ``day``."""
        if isinstance(day, _dt.datetime):
            raise TypeError("party_status_on takes a date, not a datetime: take .date() in a known time zone")
        party = self.resolve(agreement, who)
        if party is None:
            return _NOT_A_PARTY
        if not agreement.multilateral:
            return party_status_of(self._ds.status_on(agreement, day))
        found = self.party(agreement, party)
        reading = _reading(found.steps, day, found.derived_step)
        if (
            found.derived_step is not None
            and PartyStatus.IN_FORCE in reading.possible
            and PartyStatus.CONSENTED in reading.possible
            and not _may_wait(agreement, found, day)
        ):
            # Every consent by the day brings an entry into force by the day: consented, but not yet bound, cannot be.
            otherwise = tuple(s for s in reading.otherwise if s is not PartyStatus.CONSENTED)
            reading = attrs.evolve(reading, certain=not otherwise, otherwise=otherwise)
        return reading

    def rows(self, agreement: Agreement) -> tuple[ParticipationRow, ...]:
        """One row per party of ``agreement``, in ``parties`` order."""
        if not agreement.multilateral:
            signed = agreement.signed
            in_force = instrument_in_force(agreement)
            entry = None if in_force is None else (in_force, False)
            return tuple(ParticipationRow(p, signed, None, entry, None, None, ()) for p in agreement.parties)
        rows = []
        for p in agreement.parties:
            found = self.party(agreement, p)
            consent = found.consent
            rows.append(
                ParticipationRow(
                    party=p,
                    signature=None if found.signature is None else found.signature.date.value,
                    consent=None if consent is None else (consent.date.value, consent.action),
                    entry_into_force=None
                    if found.entry_into_force is None
                    else (found.entry_into_force, found.derived),
                    withdrawal=None if found.withdrawal is None else found.withdrawal.date.value,
                    withdrawal_effective=None
                    if found.withdrawal_effective is None
                    else found.withdrawal_effective.date.value,
                    footnotes=found.footnotes,
                    signature_kind=None if found.signature is None else found.signature.action,
                )
            )
        return tuple(rows)


# -- what the library gives -------------------------------------------------------------


@attrs.frozen
class ParticipationRow:
    """One party's participation in an instrument, as the Collection's table shows it.

    Each date is the preferred claim's. ``consent`` is the date and kind of
    the instrument by which the party consented to be bound;
    ``entry_into_force`` the date it entered into force for the party and
    whether that date was derived from the clause (``True``) rather than
    given by a source. ``withdrawal`` is the date a withdrawal or
    denunciation was notified, ``withdrawal_effective`` the date it took
    effect. ``footnotes`` are the notes of the party's actions, in file order.
    ``signature_kind`` says whether the signature was a signature or a
    succession to signature (the Collection's ``d``).
    For a bilateral instrument, the signature and entry into force are the
    instrument's own.
    """

    party: str
    signature: AnyDate | None
    consent: tuple[AnyDate, ActionKind] | None
    entry_into_force: tuple[AnyDate, bool] | None
    withdrawal: AnyDate | None
    withdrawal_effective: AnyDate | None
    footnotes: tuple[str, ...] = ()
    signature_kind: ActionKind | None = None


@attrs.frozen
class Binding:
    """Which instruments are in force, on one day, for every one of some parties, and for each alone.

    ``all`` holds the instruments in force for every party given; ``only``,
    keyed by each party as it was given, those in force for that party but
    not for every other one. A :class:`~mou_tracker.Match` is certain when
    it is so whichever way the uncertain dates resolve; an instrument that
    may be in force for all is in ``all`` (uncertain) and may also be in
    ``only`` (uncertain).
    """

    day: _dt.date
    parties: tuple[str, ...]
    all: tuple[Match, ...]
    only: Mapping[str, tuple[Match, ...]]


def bound_on(ds: Dataset, parties: Sequence[str], day: _dt.date) -> Binding:
    """The instruments in force on ``day`` for all of ``parties``, and for each alone (see :class:`Binding`)."""
    from .queries import Match

    if isinstance(day, _dt.datetime):
        raise TypeError("bound_on takes a date, not a datetime: take .date() in a known time zone")
    if not parties:
        raise ValueError("bound_on needs at least one party")
    # One party named twice (VN, vn, Viet Nam) is one party: the first spelling given stands for it.
    firsts: dict[str, str] = {}
    for who in parties:  # an unknown party is an error at once, whatever the instruments
        if who in ds._signatories:
            key = who
        elif len(who) == 2 and who.isupper():
            ds.bodies(who)
            states = [s.id for s in ds.signatories if s.country == who and s.kind is SignatoryKind.STATE]
            key = states[0] if states else who
        else:
            key = ds.find_signatory(who).id
        firsts.setdefault(key, who)
    given = tuple(firsts.values())
    index = ds._participations
    every: list[Match] = []
    only: dict[str, list[Match]] = {who: [] for who in given}
    for agreement in ds.agreements:
        truths = {who: index.status_on(agreement, who, day).in_force for who in given}
        if all(t is Truth.NO for t in truths.values()):
            continue
        together = Truth.every(truths.values())
        if together is not Truth.NO:
            every.append(Match(agreement, together is Truth.YES))
        for who in given:
            others = Truth.every(t for w, t in truths.items() if w != who) if len(given) > 1 else Truth.YES
            alone = Truth.every((truths[who], others.negated()))
            if alone is not Truth.NO:
                only[who].append(Match(agreement, alone is Truth.YES))
    return Binding(day, given, tuple(every), {who: tuple(m) for who, m in only.items()})


def actions(
    ds: Dataset,
    party: str | None = None,
    kinds: Iterable[ActionKind] | None = None,
    between: tuple[_dt.date | None, _dt.date | None] | None = None,
    *,
    certain_only: bool = False,
) -> tuple[tuple[Agreement, Action], ...]:
    """The actions of the dataset, in file order, filtered (see :meth:`mou_tracker.Dataset.actions`)."""
    from .queries import _check_window, _within

    bodies = None if party is None else ds.bodies(party)
    wanted = None if kinds is None else frozenset(kinds)
    start, end = between if between is not None else (None, None)
    _check_window(start, end)
    out = []
    for agreement in ds.agreements:
        for action in agreement.actions:
            if bodies is not None and action.party not in bodies:
                continue
            if wanted is not None and action.action not in wanted:
                continue
            if start is not None or end is not None:
                truth = _within(action.date.value, start, end)
                if truth is Truth.NO or (certain_only and truth is not Truth.YES):
                    continue
            out.append((agreement, action))
    return tuple(out)
