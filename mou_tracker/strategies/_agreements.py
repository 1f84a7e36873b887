"""Agreements and their parts: terms, entry-into-force clauses, and each party's own actions in the order the
rules want them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..dates import plain
from ..model import (
    Action,
    ActionKind,
    Agreement,
    AgreementKind,
    EntryIntoForce,
    Participant,
    Relation,
    RelationType,
    Status,
    StatusEvent,
    Target,
    Term,
)
from ._dates import _any_dates, _maybe_date, _raise_floor
from ._histories import _ALL_STATUSES, _histories
from ._records import References, _cites, _claimed, _refs
from ._shared import FIRST_DAY, LAST_DAY, _members, _optional, _picks, _sampled, _Span, _span, _tuples
from ._texts import _MAYBE_TEXT, _MAYBE_URL, _NAMES, _NONBLANK, _TEXT, _TEXT_TUPLES, ids


@st.composite
def _terms(draw: st.DrawFn, refs: References | None, span: _Span) -> Term:
    refs = _refs(draw, refs)
    start = draw(_maybe_date(span))
    end = draw(_optional(_any_dates(span, plain(start.earliest) if start and start.earliest else None)))
    return Term(
        sources=draw(_cites(refs)),
        start=start,
        end=end,
        renewal=draw(_MAYBE_TEXT),
        notice_by=draw(_maybe_date(span)),
    )


def terms(
    *, references: References | None = None, min_day: dt.date = FIRST_DAY, max_day: dt.date = LAST_DAY
) -> st.SearchStrategy[Term]:
    """An agreement's term, which never ends before it starts."""
    return _terms(references, _span(min_day, max_day))


@st.composite
def _participants(draw: st.DrawFn, refs: References, parties: tuple[str, ...]) -> Participant:
    """A signer or witness acting for one of ``parties`` (any signatory when there are none)."""
    bodies = parties or refs.signatories
    return Participant(
        person=draw(_sampled(refs.people)),
        sources=draw(_cites(refs)),
        role=draw(_MAYBE_TEXT),
        acting_for=draw(_optional(_sampled(bodies))) if bodies else None,
    )


@st.composite
def _entries_into_force(draw: st.DrawFn, refs: References | None) -> EntryIntoForce:
    refs = _refs(draw, refs)
    own, later = draw(_PERIOD_SHAPES), draw(_PERIOD_SHAPES)
    return EntryIntoForce(
        sources=draw(_cites(refs)),
        instruments=draw(_optional(st.integers(1, 200))),
        days=draw(_DAYS) if own == "days" else None,
        months=draw(_MONTHS) if own == "months" else None,
        later_days=draw(_DAYS) if later == "days" else None,
        later_months=draw(_MONTHS) if later == "months" else None,
        condition=draw(_MAYBE_TEXT),
        text=draw(_MAYBE_TEXT),
    )


_PERIOD_SHAPES = st.sampled_from((None, "days", "months"))
_DAYS = st.one_of(st.sampled_from((0, 30, 60, 90)), st.integers(0, 400))
_MONTHS = st.one_of(st.sampled_from((3, 12)), st.integers(0, 30))


def entries_into_force(*, references: References | None = None) -> st.SearchStrategy[EntryIntoForce]:
    """An entry-into-force clause as data: a count of instruments, a period, a later party's period, or none.

    Periods are days or months, never both, and never negative; it cites
    sources from ``references``.
    """
    return _entries_into_force(references)


# Consents that follow a signature, and those that stand alone; the actions that play no part in the order.
_AFTER_SIGNATURE = (ActionKind.RATIFICATION, ActionKind.ACCEPTANCE, ActionKind.APPROVAL, ActionKind.FORMAL_CONFIRMATION)
_WITHOUT_SIGNATURE = (
    ActionKind.ACCESSION,
    ActionKind.SUCCESSION,
    ActionKind.DEFINITIVE_SIGNATURE,
    ActionKind.ACCEPTANCE,
    ActionKind.APPROVAL,
)
_SIGNATURE_KINDS = (ActionKind.SIGNATURE, ActionKind.SUCCESSION_TO_SIGNATURE)
_ASIDES = (
    ActionKind.PROVISIONAL_APPLICATION,
    ActionKind.NOTIFICATION,
    ActionKind.TERRITORIAL_APPLICATION,
    ActionKind.RESERVATION,
    ActionKind.DECLARATION,
    ActionKind.OBJECTION,
)


@st.composite
def _party_actions(draw: st.DrawFn, refs: References, party: str, adopted: dt.date | None, span: _Span) -> list[Action]:
    """One party's actions, in the order the rules want them: signature, consent, entry into force, withdrawal."""
    out: list[Action] = []
    floor = adopted

    def act(kind: ActionKind, after: dt.date | None) -> Action:
        date = draw(_claimed(_any_dates(span), refs.sources, _any_dates(span, after)))
        own = draw(_picks(refs.sources))
        aside = kind in _ASIDES
        action = Action(
            party=party,
            action=kind,
            date=date,
            sources=own if own or date.sources else draw(_cites(refs)),
            text=draw(_MAYBE_TEXT) if aside else None,
            url=draw(_MAYBE_URL) if aside else None,
            notes=draw(_MAYBE_TEXT),
        )
        out.append(action)
        return action

    signed = draw(st.booleans())
    if signed:
        floor = _raise_floor(floor, act(draw(_sampled(_SIGNATURE_KINDS)), floor).date.value)
    # How far it went: consented, in force for it, withdrawal notified, withdrawal in effect.
    reach = draw(st.integers(0, 4))
    steps = (ActionKind.ENTRY_INTO_FORCE, ActionKind.WITHDRAWAL, ActionKind.WITHDRAWAL_EFFECTIVE)
    if reach:
        consent = draw(_sampled(_AFTER_SIGNATURE if signed else _WITHOUT_SIGNATURE))
        for kind in (consent, *steps)[:reach]:
            floor = _raise_floor(floor, act(kind, floor).date.value)
    for _ in range(draw(st.integers(0, 1))):
        act(draw(_sampled(_ASIDES)), adopted)
    return out


def _adopted(history: Sequence[StatusEvent]) -> dt.date | None:
    """The first day the instrument's first event may be: no action may be certainly before it."""
    first = history[0].date.value.earliest if history else None
    return None if first is None else plain(first)


_RELATION_TYPES = st.sampled_from(RelationType)


@st.composite
def _agreements(
    draw: st.DrawFn,
    *,
    ident: str | None,
    refs: References | None,
    targets: tuple[str, ...] | None,
    kinds: tuple[AgreementKind, ...] | None,
    statuses: tuple[Status, ...],
    max_events: int,
    span: _Span,
    multilateral: bool | None = None,
) -> Agreement:
    refs = _refs(draw, refs)
    ident = ident if ident is not None else draw(ids())
    targets = tuple(t for t in (refs.agreements if targets is None else targets) if t != ident)
    kind = draw(_sampled(kinds)) if kinds is not None else draw(_optional(_sampled(tuple(AgreementKind))))
    binding = draw(_optional(st.booleans()))
    if kind is AgreementKind.TREATY and binding is False:
        binding = True
    many = draw(st.integers(0, 3)) == 0 if multilateral is None else multilateral
    parties = draw(_picks(refs.signatories, 1 if many else 0, 3))
    many = many and bool(parties)
    participants = _tuples(_participants(refs, parties)) if refs.people else st.just(())
    relations = (
        _tuples(
            st.builds(Relation, type=_RELATION_TYPES, target=_sampled(targets), sources=_cites(refs), note=_MAYBE_TEXT)
        )
        if targets
        else st.just(())
    )
    expectations = _tuples(
        st.builds(
            Target,
            status=_sampled(_ALL_STATUSES),
            description=_TEXT,
            sources=_cites(refs),
            due=_maybe_date(span),
            note=_MAYBE_TEXT,
        ),
        max_size=1,
    )
    history = draw(_histories(refs=refs, allowed=statuses, min_size=0, max_size=max_events, running=False, span=span))
    actions: list[Action] = []
    if many:
        adopted = _adopted(history)
        for party in parties:
            actions.extend(draw(_party_actions(refs, party, adopted, span)))
    return Agreement(
        id=ident,
        title=draw(_claimed(_NONBLANK, refs.sources, _NONBLANK)),
        kind=kind,
        sources=draw(_cites(refs)),
        titles=draw(_NAMES),
        short=draw(_MAYBE_TEXT),
        aliases=draw(_TEXT_TUPLES),
        binding=binding,
        parties=parties,
        signed_by=draw(participants),
        witnesses=draw(participants),
        place=draw(_MAYBE_TEXT),
        areas=draw(_picks(refs.areas)),
        history=history,
        term=draw(_optional(_terms(refs, span))),
        relations=draw(relations),
        targets=draw(expectations),
        multilateral=many,
        entry_into_force=draw(_optional(_entries_into_force(refs))),
        actions=tuple(actions),
        notes=draw(_MAYBE_TEXT),
    )


def agreements(
    *,
    id: str | None = None,
    references: References | None = None,
    targets: Sequence[str] | None = None,
    kinds: Iterable[AgreementKind] | None = None,
    statuses: Iterable[Status] | None = None,
    max_events: int = 4,
    min_day: dt.date = FIRST_DAY,
    max_day: dt.date = LAST_DAY,
    multilateral: bool | None = None,
) -> st.SearchStrategy[Agreement]:
    """An agreement that is valid in itself; its references resolve against ``references``.

    Without ``references`` it refers to ids drawn for it, so on its own it is
    a valid record but not a dataset; use :func:`datasets` for records whose
    references resolve to records. Its relations point at ``targets``
    (default ``references.agreements``) and never at itself. ``kinds``
    limits its kind (by default any, or unknown); every status in its
    history is one of ``statuses``; it has at most ``max_events`` events;
    all its dates lie between ``min_day`` and ``max_day``.

    About one in four is ``multilateral`` (``multilateral=True``: every one
    that has a signatory to name; ``False``: none), with each party's own
    actions in the order the rules want (a signature, then a consent that
    needs one, or a consent that does not, such as an accession; then entry
    into force for it, withdrawal and its effect), none certainly before the
    instrument's first event; any may have an entry-into-force clause.
    """
    if max_events < 0:
        raise InvalidArgument(f"max_events={max_events} must not be negative")
    return _agreements(
        ident=id,
        refs=references,
        targets=None if targets is None else tuple(targets),
        kinds=_members("kinds", kinds, AgreementKind),
        statuses=_members("statuses", statuses, Status) or _ALL_STATUSES,
        max_events=max_events,
        span=_span(min_day, max_day),
        multilateral=multilateral,
    )
