"""One party's status in an instrument on a day, folded from what its actions say: a :class:`PartyReading`.

A multilateral instrument's ``actions`` say what each party did (a
signature, its consent, its entry into force, a withdrawal). They make the
party's dated steps, which fold for a day as an instrument's steps do
(:mod:`mou_tracker._status`); what no source records is possible, never
certain (see :mod:`mou_tracker.participation` for the rules). A bilateral
instrument's status is every party's, mapped (:func:`party_status_of`).
These are functions of the model alone.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence

import attrs

from ._entry_into_force import (
    _FUTURE,
    _PAST,
    AnyDate,
    _as_date,
    _derivable,
    _derived_bounds,
    _derived_days,
    _ordinal,
    instrument_in_force,
)
from ._kinds import _ENDINGS
from ._status import StatusReading, _bounds, _fold, _Steps
from .dates import Truth
from .model import Action, ActionKind, Agreement, PartyStatus, Status

__all__ = ["PartyReading", "party_as_status", "party_status_of"]


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


def _reading(steps: Sequence[_Step], day: _dt.date, derived: _Step | None) -> PartyReading:
    base, possible = _fold(steps, day, PartyStatus.NOT_SIGNATORY)
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


def _party(agreement: Agreement, party: str, instrument_steps: _Steps) -> _Party:
    """What ``party``'s actions on ``agreement`` say, and its steps.

    ``instrument_steps`` are the instrument's own (:func:`~mou_tracker._status.steps_of`):
    its ending ends the party's status.
    """
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
    steps.extend((lo, hi, PartyStatus.ENDED) for lo, hi, status in instrument_steps if status in _ENDINGS)
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


# -- a party's status in an instrument's words ---------------------------------------------

_AS_STATUS: Mapping[PartyStatus, Status | None] = {
    PartyStatus.NOT_SIGNATORY: None,
    PartyStatus.SIGNATORY: Status.SIGNED,
    PartyStatus.CONSENTED: Status.SIGNED,
    PartyStatus.IN_FORCE: Status.IN_EFFECT,
    PartyStatus.WITHDRAWN: Status.TERMINATED,
}
_ORDER: tuple[Status | None, ...] = (None, *Status)


def party_as_status(party: PartyStatus, instrument: StatusReading) -> frozenset[Status | None]:
    """A party's own status in the words of an instrument's (the ``list --status`` values).

    ``in_force`` is ``in_effect``; ``signatory`` and ``consented`` (bound
    once the instrument enters into force for it) are ``signed``;
    ``withdrawn`` is ``terminated`` (ended early by a party, by withdrawal);
    ``not_signatory`` is no status at all; ``ended`` is whatever ended status
    the instrument itself may have (``instrument``'s reading on the day).
    """
    if party is PartyStatus.ENDED:
        return frozenset(s for s in instrument.possible if s is not None and s in _ENDINGS) or frozenset({None})
    return frozenset({_AS_STATUS[party]})


def _in_instrument_words(reading: PartyReading, instrument: StatusReading) -> StatusReading:
    """A party's reading put in an instrument's words (:func:`party_as_status`), beside ``instrument``'s own."""
    main = party_as_status(reading.status, instrument)
    status = instrument.status if instrument.status in main else next(iter(main))
    others = frozenset().union(*(party_as_status(p, instrument) for p in reading.otherwise)) | main
    rest = tuple(s for s in _ORDER if s in others and s is not status)
    return StatusReading(status, not rest, rest)
