"""What a :class:`~mou_tracker.Dataset` answers about each party's participation in an instrument.

These are methods of :class:`~mou_tracker.Dataset` (it inherits them from
:class:`Participating`); the answers are worked out by
:mod:`mou_tracker.participation`, once for each (agreement, party) asked
about, and kept by the dataset.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .participation import Binding, ParticipationRow, Participations, PartyReading

if TYPE_CHECKING:
    from .model import Action, ActionKind, Agreement

__all__: list[str] = []


class Participating:
    """The methods of a dataset on each party's own participation in multilateral instruments."""

    __slots__ = ()

    if TYPE_CHECKING:

        @property
        def _participations(self) -> Participations: ...

        def __getitem__(self, ident: str) -> Agreement: ...

    def party_status_on(self, agreement: Agreement | str, party: str, day: _dt.date) -> PartyReading:
        """The status of ``agreement`` for ``party`` on ``day``, with how sure it is.

        ``party`` is a signatory's id, a country code (the agreement's party of
        that country, its state if it has several) or a name as
        :meth:`find_signatory` reads it. For a ``multilateral`` instrument the
        status is derived from the party's own actions (docs/lifecycle.md,
        "Each party's status"); for a bilateral one it is the instrument's own
        status, mapped. A signatory that is not among the ``parties`` is
        ``not_signatory``, certainly.

        >>> import datetime, mou_tracker
        >>> data = mou_tracker.load()
        >>> data.party_status_on("itx", "SG", datetime.date(2025, 1, 1)).status
        <PartyStatus.SIGNATORY: 'signatory'>
        """
        if isinstance(agreement, str):
            agreement = self[agreement]
        return self._participations.status_on(agreement, party, day)

    def participation(self, agreement: Agreement | str) -> tuple[ParticipationRow, ...]:
        """Each party's signature, consent, entry into force and withdrawal, in ``parties`` order.

        Each date is the preferred claim's; an entry into force derived from the
        clause (:func:`~mou_tracker.participation.derive_entry_into_force`) is
        marked ``True``, and from a partial consent it is a range. For a
        bilateral instrument every row holds the instrument's own signature and
        entry into force.

        >>> import datetime, mou_tracker
        >>> data = mou_tracker.loads('''
        ... schema_version: 1
        ... sources: [{id: untc, language: en, title: UN Treaty Collection}]
        ... signatories:
        ...   - {id: vn, name: Viet Nam, kind: state, country: VN}
        ...   - {id: sg, name: Singapore, kind: state, country: SG}
        ... agreements:
        ...   - {id: unclos, title: UNCLOS, kind: treaty, multilateral: true, parties: [vn, sg], sources: [untc],
        ...      history: [{date: 1982-12-10, status: signed, sources: [untc]},
        ...                {date: 1994-11-16, status: in_effect, sources: [untc]}],
        ...      entry_into_force: {months: 12, later_days: 30, sources: [untc]},
        ...      actions: [{party: vn, action: signature, date: 1982-12-10, sources: [untc]},
        ...                {party: vn, action: ratification, date: 1994-07-25, sources: [untc]},
        ...                {party: sg, action: accession, date: 1994-11, sources: [untc]}]}
        ... ''')
        >>> rows = data.participation("unclos")
        >>> [(r.party, str(r.consent[0]), r.consent[1].letter, str(r.entry_into_force[0])) for r in rows]
        [('vn', '1994-07-25', '', '1994-11-16'), ('sg', '1994-11', 'a', '1994-12-01/1994-12-30')]
        """
        if isinstance(agreement, str):
            agreement = self[agreement]
        return self._participations.rows(agreement)

    def bound_on(self, parties: Iterable[str], day: _dt.date) -> Binding:
        """The instruments in force on ``day`` for every one of ``parties``, and for each of them alone.

        Each party is an id, a country code or a name, as for
        :meth:`party_status_on`; bilateral and multilateral instruments alike.
        An instrument that only may be in force is there, uncertain. A party
        given twice (``VN`` and ``vn``) counts once, under its first spelling.

        >>> import datetime, mou_tracker
        >>> data = mou_tracker.loads('''
        ... schema_version: 1
        ... sources: [{id: untc, language: en, title: UN Treaty Collection}]
        ... signatories:
        ...   - {id: vn, name: Viet Nam, kind: state, country: VN}
        ...   - {id: sg, name: Singapore, kind: state, country: SG}
        ... agreements:
        ...   - {id: unclos, title: UNCLOS, kind: treaty, multilateral: true, parties: [vn, sg], sources: [untc],
        ...      history: [{date: 1982-12-10, status: signed, sources: [untc]},
        ...                {date: 1994-11-16, status: in_effect, sources: [untc]}],
        ...      entry_into_force: {months: 12, later_days: 30, sources: [untc]},
        ...      actions: [{party: vn, action: signature, date: 1982-12-10, sources: [untc]},
        ...                {party: vn, action: ratification, date: 1994-07-25, sources: [untc]},
        ...                {party: sg, action: accession, date: 1994-11, sources: [untc]}]}
        ... ''')
        >>> bound = data.bound_on(["VN", "SG"], datetime.date(1994, 12, 15))
        >>> [(m.agreement.id, m.certain) for m in bound.all]
        [('unclos', False)]
        >>> [(m.agreement.id, m.certain) for m in bound.only["VN"]], bound.only["SG"]
        ([('unclos', False)], ())
        >>> [m.agreement.id for m in data.bound_on(["VN", "SG"], datetime.date(1995, 1, 1)).all]
        ['unclos']
        """
        return self._participations.bound_on(tuple(parties), day)

    def actions(
        self,
        party: str | None = None,
        kinds: Iterable[ActionKind] | None = None,
        between: tuple[_dt.date | None, _dt.date | None] | None = None,
        *,
        certain_only: bool = False,
    ) -> tuple[tuple[Agreement, Action], ...]:
        """The parties' actions on multilateral instruments, in file order, each with its agreement.

        ``party`` keeps the actions of the bodies it stands for (as
        :meth:`bodies` reads it: an id, a name or a country code); ``kinds``
        those of some kinds; ``between`` (start, end, either ``None`` for no
        bound) those whose date may fall in the window, or, with
        ``certain_only``, surely does. A window that ends before it starts
        is a ``ValueError``.

        >>> import datetime, mou_tracker
        >>> data = mou_tracker.loads('''
        ... schema_version: 1
        ... sources: [{id: untc, language: en, title: UN Treaty Collection}]
        ... signatories:
        ...   - {id: vn, name: Viet Nam, kind: state, country: VN}
        ...   - {id: sg, name: Singapore, kind: state, country: SG}
        ... agreements:
        ...   - {id: unclos, title: UNCLOS, kind: treaty, multilateral: true, parties: [vn, sg], sources: [untc],
        ...      history: [{date: 1982-12-10, status: signed, sources: [untc]},
        ...                {date: 1994-11-16, status: in_effect, sources: [untc]}],
        ...      entry_into_force: {months: 12, later_days: 30, sources: [untc]},
        ...      actions: [{party: vn, action: signature, date: 1982-12-10, sources: [untc]},
        ...                {party: vn, action: ratification, date: 1994-07-25, sources: [untc]},
        ...                {party: sg, action: accession, date: 1994-11, sources: [untc]}]}
        ... ''')
        >>> [(a.party, a.action.value) for _, a in data.actions(party="SG")]
        [('sg', 'accession')]
        >>> window = (datetime.date(1994, 11, 10), None)
        >>> [str(a.date.value) for _, a in data.actions(between=window)]
        ['1994-11']
        >>> data.actions(between=window, certain_only=True)
        ()
        """
        return self._participations.actions(party, kinds, between, certain_only=certain_only)
