"""The domain model: attrs classes only, no YAML, no conversion.

Every class is frozen and slotted. Collections are tuples and read-only
mappings, so a loaded record can be shared, hashed and trusted not to change.
Ids are references: an agreement names its parties, areas and sources by id,
and :class:`mou_tracker.Dataset` resolves them. The vocabularies the records
use (:class:`Status`, :class:`ActionKind`…) are defined in
:mod:`mou_tracker._kinds` and given here with the records.
"""

from __future__ import annotations

import types
from collections.abc import Mapping
from typing import Generic, TypeVar

import attrs

from ._kinds import TRANSITIONS, ActionKind, AgreementKind, ChangeKind, PartyStatus, RelationType, SignatoryKind, Status
from .dates import DateInterval, PartialDate

__all__ = [
    "TRANSITIONS",
    "Action",
    "ActionKind",
    "Agreement",
    "AgreementKind",
    "Area",
    "Change",
    "ChangeKind",
    "Claim",
    "Claimed",
    "EntryIntoForce",
    "Participant",
    "PartyStatus",
    "Person",
    "Relation",
    "RelationType",
    "Signatory",
    "SignatoryKind",
    "Source",
    "Status",
    "StatusEvent",
    "Target",
    "Term",
]

T = TypeVar("T")


# Most records have no names in other languages: they share one empty map.
_NO_NAMES: Mapping[str, str] = types.MappingProxyType({})


def _frozen_map(value: Mapping[str, str]) -> Mapping[str, str]:
    return types.MappingProxyType(dict(value)) if len(value) else _NO_NAMES


def _names() -> Mapping[str, str]:
    # Names by language; hash=False keeps records hashable, eq still compares them.
    return attrs.field(factory=dict, converter=_frozen_map, hash=False)


@attrs.frozen
class Source:
    """Where facts come from: an article, a statement, a report."""

    id: str
    language: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: PartialDate | DateInterval | None = None
    notes: str | None = None


def _check_claims(instance: Claimed[object], _attribute: object, claims: tuple[Claim[object], ...]) -> None:
    if not claims:
        raise ValueError("expected at least one claim")
    preferred = sum(1 for c in claims if c.preferred)
    if len(claims) > 1 and preferred != 1:
        raise ValueError(f"expected exactly one claim marked preferred among {len(claims)}, found {preferred}")
    if len(claims) == 1 and claims[0].preferred:
        raise ValueError("a single claim needs no 'preferred' mark")


@attrs.frozen
class Claim(Generic[T]):
    """One source's account of a value."""

    value: T
    sources: tuple[str, ...] = ()
    preferred: bool = False
    note: str | None = None


@attrs.frozen
class Claimed(Generic[T]):
    """A value that sources may disagree on: one or more claims, one preferred.

    >>> Claimed.of("signed").value
    'signed'
    """

    claims: tuple[Claim[T], ...] = attrs.field(validator=_check_claims)

    @classmethod
    def of(cls, value: T, *, sources: tuple[str, ...] = ()) -> Claimed[T]:
        """An undisputed value."""
        return cls((Claim(value, sources),))

    @property
    def preferred(self) -> Claim[T]:
        """The claim the dataset prefers (the only one when undisputed)."""
        if len(self.claims) == 1:
            return self.claims[0]
        return next(c for c in self.claims if c.preferred)

    @property
    def value(self) -> T:
        """The preferred value."""
        return self.preferred.value

    @property
    def disputed(self) -> bool:
        """Whether sources disagree on it."""
        return len(self.claims) > 1

    @property
    def sources(self) -> tuple[str, ...]:
        """Every source cited by any claim."""
        return tuple(dict.fromkeys(s for c in self.claims for s in c.sources))

    def __str__(self) -> str:
        return str(self.value)


@attrs.frozen
class Change:
    """A dated change in a signatory's life: renamed, merged into another body."""

    date: PartialDate | DateInterval
    change: ChangeKind
    sources: tuple[str, ...]
    successor: str | None = None
    name: str | None = None
    note: str | None = None


@attrs.frozen
class Signatory:
    """A state, government, ministry, agency, party or organisation.

    ``history`` records renamings and mergers; a body merged into another
    names its successor, so the same counterpart is followed across them.
    """

    id: str
    name: str
    kind: SignatoryKind
    country: str | None = None
    names: Mapping[str, str] = _names()
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    history: tuple[Change, ...] = ()
    sources: tuple[str, ...] = ()
    notes: str | None = None


@attrs.frozen
class Person:
    """Someone who signed or witnessed an instrument."""

    id: str
    name: str
    names: Mapping[str, str] = _names()
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    notes: str | None = None


@attrs.frozen
class Participant:
    """A person's part in an instrument: who signed or witnessed, in what role, for whom."""

    person: str
    sources: tuple[str, ...]
    role: str | None = None
    acting_for: str | None = None


@attrs.frozen
class Area:
    """An area of cooperation; areas form a small hierarchy through ``parent``."""

    id: str
    name: str
    names: Mapping[str, str] = _names()
    parent: str | None = None
    description: str | None = None


@attrs.frozen
class StatusEvent:
    """A dated change of status, with its sources.

    ``date`` and ``status`` are :class:`Claimed` so that sources that disagree
    are all kept; the preferred claims drive the derived status. ``place`` is
    where the step was taken (the meeting at which it was agreed, announced or
    proposed), when a source says: an agreement's own ``place`` is only where
    it was signed, and most steps are not signings.
    """

    date: Claimed[PartialDate | DateInterval]
    status: Claimed[Status]
    sources: tuple[str, ...] = ()
    note: str | None = None
    place: str | None = None

    @property
    def all_sources(self) -> tuple[str, ...]:
        """The event's sources and those of every claim about it."""
        return tuple(dict.fromkeys((*self.sources, *self.date.sources, *self.status.sources)))


@attrs.frozen
class Term:
    """How long an instrument runs: start, end, renewal and notice."""

    sources: tuple[str, ...]
    start: PartialDate | DateInterval | None = None
    end: PartialDate | DateInterval | None = None
    renewal: str | None = None
    notice_by: PartialDate | DateInterval | None = None


@attrs.frozen
class Relation:
    """``type`` of ``target``: this instrument amends, supersedes, implements… another."""

    type: RelationType
    target: str
    sources: tuple[str, ...]
    note: str | None = None


@attrs.frozen
class Target:
    """A dated expectation: the instrument should reach ``status`` by ``due``."""

    status: Status
    description: str
    sources: tuple[str, ...]
    due: PartialDate | DateInterval | None = None
    note: str | None = None


@attrs.frozen
class Action:
    """One party's action on a multilateral instrument: a signature, a ratification, a withdrawal…

    ``date`` is :class:`Claimed` like a status event's, so sources that
    disagree are all kept. ``text`` holds the words of a reservation or
    declaration and ``url`` points to them; ``notes`` keeps what else a
    source says about the action (the Collection's footnotes).
    """

    party: str
    action: ActionKind
    date: Claimed[PartialDate | DateInterval]
    sources: tuple[str, ...] = ()
    text: str | None = None
    url: str | None = None
    notes: str | None = None

    @property
    def all_sources(self) -> tuple[str, ...]:
        """The action's sources and those of every claim about its date."""
        return tuple(dict.fromkeys((*self.sources, *self.date.sources)))


@attrs.frozen
class EntryIntoForce:
    """An instrument's entry-into-force clause, as data.

    ``instruments``, ``days`` and ``months`` say when the instrument itself
    enters into force (the day or month count after the deposit of the
    ``instruments``-th instrument of consent); ``later_days`` or
    ``later_months`` when it enters into force for a party that consents
    later (after its own deposit). ``condition`` says in words what the
    numbers cannot, ``text`` quotes the clause. A party's entry into force
    is derived from these when no source gives it (``docs/lifecycle.md``).
    """

    sources: tuple[str, ...]
    instruments: int | None = None
    days: int | None = None
    months: int | None = None
    later_days: int | None = None
    later_months: int | None = None
    condition: str | None = None
    text: str | None = None


@attrs.frozen
class Agreement:
    """An instrument: a treaty, agreement, MoU, programme, partnership, commitment…

    Its status is never stored: it is derived from ``history`` (and ``term``)
    by :meth:`mou_tracker.Dataset.status_on`. A ``multilateral`` instrument
    also records each party's own ``actions`` (signature, ratification,
    accession, withdrawal…), from which its status for a party is derived
    (:meth:`mou_tracker.Dataset.party_status_on`); ``entry_into_force`` is its
    entry-into-force clause as data.
    """

    id: str
    title: Claimed[str]
    kind: AgreementKind | None
    sources: tuple[str, ...]
    titles: Mapping[str, str] = _names()
    short: str | None = None
    aliases: tuple[str, ...] = ()
    binding: bool | None = None
    parties: tuple[str, ...] = ()
    signed_by: tuple[Participant, ...] = ()
    witnesses: tuple[Participant, ...] = ()
    place: str | None = None
    areas: tuple[str, ...] = ()
    history: tuple[StatusEvent, ...] = ()
    term: Term | None = None
    relations: tuple[Relation, ...] = ()
    targets: tuple[Target, ...] = ()
    multilateral: bool = False
    entry_into_force: EntryIntoForce | None = None
    actions: tuple[Action, ...] = ()
    notes: str | None = None

    @property
    def name(self) -> str:
        """The short name if it has one, else the preferred title."""
        return self.short or self.title.value

    def _repr_html_(self) -> str:
        """The agreement in a notebook: a table of its facts (its repr stays the full record)."""
        from ._markup import agreement_table

        return agreement_table(self)

    @property
    def cited_sources(self) -> tuple[str, ...]:
        """Every source the record cites anywhere, its own first, each once."""
        found: dict[str, None] = dict.fromkeys(self.sources)
        for claim in self.title.claims:
            found.update(dict.fromkeys(claim.sources))
        for p in (*self.signed_by, *self.witnesses):
            found.update(dict.fromkeys(p.sources))
        for e in self.history:
            found.update(dict.fromkeys(e.all_sources))
        if self.term is not None:
            found.update(dict.fromkeys(self.term.sources))
        for r in self.relations:
            found.update(dict.fromkeys(r.sources))
        for t in self.targets:
            found.update(dict.fromkeys(t.sources))
        if self.entry_into_force is not None:
            found.update(dict.fromkeys(self.entry_into_force.sources))
        for action in self.actions:
            found.update(dict.fromkeys(action.all_sources))
        return tuple(found)

    @property
    def signed(self) -> PartialDate | DateInterval | None:
        """The preferred date of the first event recording it signed, if any."""
        for event in self.history:
            if event.status.value is Status.SIGNED:
                return event.date.value
        return None
