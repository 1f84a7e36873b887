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

import datetime as _dt
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from ._entry_into_force import AnyDate, derive_entry_into_force, instrument_in_force
from ._match import Match, _check_window, _within
from ._party import _NOT_A_PARTY, PartyReading, _may_wait, _Party, _party, _reading, party_status_of
from .dates import Truth
from .model import Action, ActionKind, Agreement, PartyStatus, SignatoryKind

if TYPE_CHECKING:
    from .dataset import Dataset

__all__ = [
    "Binding",
    "ParticipationRow",
    "PartyReading",
    "derive_entry_into_force",
    "party_status_of",
]


class Participations:
    """A dataset's parties' participation, worked out once for each (agreement, party) asked about."""

    def __init__(self, ds: Dataset) -> None:
        self._ds = ds
        self._parties: dict[tuple[str, str], _Party] = {}

    def party(self, agreement: Agreement, party: str) -> _Party:
        """What ``party``'s actions on ``agreement`` say (remembered for the dataset's own records)."""
        if self._ds._agreements.get(agreement.id) is not agreement:
            return _party(agreement, party, self._ds._steps_for(agreement))
        key = (agreement.id, party)
        found = self._parties.get(key)
        if found is None:
            found = self._parties[key] = _party(agreement, party, self._ds._steps_for(agreement))
        return found

    def body_of(self, who: str, among: Sequence[str] | None = None) -> str | None:
        """The signatory ``who`` stands for: an id, a name as :meth:`~mou_tracker.Dataset.find_signatory` reads
        it, or a country code.

        A country code stands for its state among ``among`` (the parties of
        an instrument), else its first body there; without ``among``, for its
        state among every signatory, else for none. None too when no body of
        the country is among them; an unassigned code is an error, with
        suggestions.
        """
        ds = self._ds
        if who in ds._signatories:
            return who
        if len(who) == 2 and who.isupper():
            pool = ds.signatories if among is None else (s for p in among if (s := ds._signatories.get(p)) is not None)
            of_country = [s for s in pool if s.country == who]
            if not of_country:
                ds.bodies(who)  # an unassigned code is an error, with suggestions
                return None
            states = [s.id for s in of_country if s.kind is SignatoryKind.STATE]
            if states:
                return states[0]
            return None if among is None else of_country[0].id
        return ds.find_signatory(who).id

    def resolve(self, agreement: Agreement, who: str) -> str | None:
        """The party of ``agreement`` that ``who`` stands for (an id, a country code, a name); None if none is."""
        found = self.body_of(who, agreement.parties)
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

    def bound_on(self, parties: Sequence[str], day: _dt.date) -> Binding:
        """The instruments in force on ``day`` for all of ``parties``, and for each alone (see :class:`Binding`)."""
        if isinstance(day, _dt.datetime):
            raise TypeError("bound_on takes a date, not a datetime: take .date() in a known time zone")
        if not parties:
            raise ValueError("bound_on needs at least one party")
        # One party named twice (VN, vn, Viet Nam) is one party: the first spelling given stands for it.
        firsts: dict[str, str] = {}
        ds = self._ds
        for who in parties:  # an unknown party is an error at once, whatever the instruments
            key = self.body_of(who) or who
            firsts.setdefault(key, who)
        given = tuple(firsts.values())
        every: list[Match] = []
        only: dict[str, list[Match]] = {who: [] for who in given}
        for agreement in ds.agreements:
            truths = {who: self.status_on(agreement, who, day).in_force for who in given}
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
        self,
        party: str | None = None,
        kinds: Iterable[ActionKind] | None = None,
        between: tuple[_dt.date | None, _dt.date | None] | None = None,
        *,
        certain_only: bool = False,
    ) -> tuple[tuple[Agreement, Action], ...]:
        """The actions of the dataset, in file order, filtered (see :meth:`mou_tracker.Dataset.actions`)."""
        ds = self._ds
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
