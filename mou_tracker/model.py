"""The domain model: attrs classes only, no YAML, no conversion.

Every class is frozen and slotted. Collections are tuples and read-only
mappings, so a loaded record can be shared, hashed and trusted not to change.
Ids are references: an agreement names its parties, areas and sources by id,
and :class:`mou_tracker.Dataset` resolves them.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Mapping
from typing import Generic, TypeVar

import attrs

from .dates import DateInterval, PartialDate

__all__ = [
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


class Status(enum.Enum):
    """Where an instrument stands. See ``docs/lifecycle.md`` for the full table.

    ``PROPOSED``
        One side has put it forward; no negotiation is recorded.
    ``NEGOTIATING``
        The text is being negotiated or drafted.
    ``CONCLUDED``
        The text is agreed or "finalised" but not yet signed or adopted.
    ``SIGNED``
        Signed. A binding instrument is not yet in force (ratification or
        other steps may be pending); a non-binding one is signed but no source
        yet reports it operating.
    ``IN_EFFECT``
        A binding instrument has entered into force; a non-binding one
        (MoU, programme, partnership, commitment) has been adopted,
        established or is reported operating.
    ``COMPLETED``
        Its purpose was fulfilled or its programme ran its course.
    ``EXPIRED``
        Its term ended.
    ``TERMINATED``
        Ended early by a party, by withdrawal or by agreement.
    ``SUPERSEDED``
        Replaced by another instrument.
    ``ABANDONED``
        Dropped before it was signed or adopted.
    """

    PROPOSED = "proposed"
    NEGOTIATING = "negotiating"
    CONCLUDED = "concluded"
    SIGNED = "signed"
    IN_EFFECT = "in_effect"
    COMPLETED = "completed"
    EXPIRED = "expired"
    TERMINATED = "terminated"
    SUPERSEDED = "superseded"
    ABANDONED = "abandoned"

    @property
    def label(self) -> str:
        """The status in words: ``in effect``."""
        return self.value.replace("_", " ")

    @property
    def is_final(self) -> bool:
        """Whether no further status can follow."""
        return not TRANSITIONS[self] - {self}

    def can_become(self, other: Status) -> bool:
        """Whether the lifecycle allows ``other`` to follow this status.

        A status may follow itself: a later report confirming the same state.
        """
        return other in TRANSITIONS[self]


_ENDINGS = frozenset({Status.COMPLETED, Status.EXPIRED, Status.TERMINATED, Status.SUPERSEDED})

TRANSITIONS: Mapping[Status, frozenset[Status]] = types.MappingProxyType(
    {
        Status.PROPOSED: frozenset(
            {Status.PROPOSED, Status.NEGOTIATING, Status.CONCLUDED, Status.SIGNED}
            | {Status.IN_EFFECT, Status.ABANDONED}
        ),
        Status.NEGOTIATING: frozenset(
            {Status.NEGOTIATING, Status.CONCLUDED, Status.SIGNED, Status.IN_EFFECT} | {Status.ABANDONED}
        ),
        Status.CONCLUDED: frozenset({Status.CONCLUDED, Status.SIGNED, Status.IN_EFFECT, Status.ABANDONED}),
        Status.SIGNED: frozenset({Status.SIGNED, Status.IN_EFFECT} | _ENDINGS),
        Status.IN_EFFECT: frozenset({Status.IN_EFFECT} | _ENDINGS),
        Status.COMPLETED: frozenset({Status.COMPLETED}),
        Status.EXPIRED: frozenset({Status.EXPIRED}),
        Status.TERMINATED: frozenset({Status.TERMINATED}),
        Status.SUPERSEDED: frozenset({Status.SUPERSEDED}),
        Status.ABANDONED: frozenset({Status.ABANDONED}),
    }
)
"""Which status may follow which. The first event of a history may have any status."""


class AgreementKind(enum.Enum):
    """What sort of instrument it is."""

    TREATY = "treaty"
    AGREEMENT = "agreement"
    FRAMEWORK_AGREEMENT = "framework_agreement"
    MOU = "mou"
    LETTER_OF_INTENT = "letter_of_intent"
    EXCHANGE_OF_LETTERS = "exchange_of_letters"
    PROGRAMME = "programme"
    JOINT_STATEMENT = "joint_statement"
    PARTNERSHIP = "partnership"
    DIPLOMATIC_RELATIONS = "diplomatic_relations"
    COMMITMENT = "commitment"
    PROPOSAL = "proposal"

    @property
    def label(self) -> str:
        """The kind in words, as a table shows it."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    AgreementKind.TREATY: "treaty",
    AgreementKind.AGREEMENT: "agreement",
    AgreementKind.FRAMEWORK_AGREEMENT: "framework agreement",
    AgreementKind.MOU: "MoU",
    AgreementKind.LETTER_OF_INTENT: "letter of intent",
    AgreementKind.EXCHANGE_OF_LETTERS: "exchange of letters",
    AgreementKind.PROGRAMME: "programme",
    AgreementKind.JOINT_STATEMENT: "joint statement",
    AgreementKind.PARTNERSHIP: "partnership",
    AgreementKind.DIPLOMATIC_RELATIONS: "diplomatic relations",
    AgreementKind.COMMITMENT: "commitment",
    AgreementKind.PROPOSAL: "proposal",
}


class ActionKind(enum.Enum):
    """What a party did about a multilateral instrument, as the UN Treaty Collection records it.

    ``letter`` is the mark the Collection writes after a date (``23 Jun 2003
    a`` for an accession); ``is_consent`` says whether the action is the one
    by which the party consented to be bound.

    >>> ActionKind.ACCESSION.letter, ActionKind.ACCESSION.is_consent
    ('a', True)
    >>> ActionKind.ENTRY_INTO_FORCE.label
    'entry into force for the party'
    """

    SIGNATURE = "signature"
    SUCCESSION_TO_SIGNATURE = "succession_to_signature"
    RATIFICATION = "ratification"
    ACCEPTANCE = "acceptance"
    APPROVAL = "approval"
    ACCESSION = "accession"
    SUCCESSION = "succession"
    DEFINITIVE_SIGNATURE = "definitive_signature"
    FORMAL_CONFIRMATION = "formal_confirmation"
    PROVISIONAL_APPLICATION = "provisional_application"
    ENTRY_INTO_FORCE = "entry_into_force"
    NOTIFICATION = "notification"
    TERRITORIAL_APPLICATION = "territorial_application"
    WITHDRAWAL = "withdrawal"
    WITHDRAWAL_EFFECTIVE = "withdrawal_effective"
    RESERVATION = "reservation"
    DECLARATION = "declaration"
    OBJECTION = "objection"

    @property
    def label(self) -> str:
        """The action in words: ``definitive signature``."""
        return _ACTION_LABELS.get(self) or self.value.replace("_", " ")

    @property
    def letter(self) -> str:
        """The Collection's mark for the kind (``A``, ``AA``, ``a``, ``d``, ``s``, ``c``); ``""`` when it has none."""
        return _ACTION_LETTERS.get(self, "")

    @property
    def is_consent(self) -> bool:
        """Whether this is a consent to be bound: ratification, acceptance, approval, accession, succession,
        definitive signature or formal confirmation."""
        return self in _CONSENTS

    @property
    def is_signature(self) -> bool:
        """Whether this is a signature that does not bind (``signature``, ``succession_to_signature``)."""
        return self in (ActionKind.SIGNATURE, ActionKind.SUCCESSION_TO_SIGNATURE)

    @property
    def needs_signature(self) -> bool:
        """Whether this consent must follow the party's signature: ratification and formal confirmation.

        Acceptance and approval may stand without a signature in the
        Collection's practice (they are also how a state that did not sign
        joins some treaties), so they are not counted here.
        """
        return self in (ActionKind.RATIFICATION, ActionKind.FORMAL_CONFIRMATION)


_ACTION_LABELS = {
    ActionKind.TERRITORIAL_APPLICATION: "application (to a territory)",
    ActionKind.ENTRY_INTO_FORCE: "entry into force for the party",
    ActionKind.WITHDRAWAL: "withdrawal or denunciation notified",
    ActionKind.WITHDRAWAL_EFFECTIVE: "withdrawal takes effect",
}

_ACTION_LETTERS = {
    ActionKind.SUCCESSION_TO_SIGNATURE: "d",
    ActionKind.ACCEPTANCE: "A",
    ActionKind.APPROVAL: "AA",
    ActionKind.ACCESSION: "a",
    ActionKind.SUCCESSION: "d",
    ActionKind.DEFINITIVE_SIGNATURE: "s",
    ActionKind.FORMAL_CONFIRMATION: "c",
}

_CONSENTS = frozenset(
    {
        ActionKind.RATIFICATION,
        ActionKind.ACCEPTANCE,
        ActionKind.APPROVAL,
        ActionKind.ACCESSION,
        ActionKind.SUCCESSION,
        ActionKind.DEFINITIVE_SIGNATURE,
        ActionKind.FORMAL_CONFIRMATION,
    }
)


class PartyStatus(enum.Enum):
    """Where an instrument stands for one of its parties. See ``docs/lifecycle.md``.

    ``NOT_SIGNATORY``
        It has neither signed nor consented to be bound.
    ``SIGNATORY``
        It signed, and has not yet consented to be bound.
    ``CONSENTED``
        It consented to be bound (ratification, accession…), and the
        instrument is not yet in force for it.
    ``IN_FORCE``
        The instrument is in force for it.
    ``WITHDRAWN``
        Its withdrawal or denunciation has taken effect.
    ``ENDED``
        The instrument itself is no longer in force: completed, expired,
        terminated or superseded.
    """

    NOT_SIGNATORY = "not_signatory"
    SIGNATORY = "signatory"
    CONSENTED = "consented"
    IN_FORCE = "in_force"
    WITHDRAWN = "withdrawn"
    ENDED = "ended"

    @property
    def label(self) -> str:
        """The status in words: ``not a signatory``, ``in force``."""
        return _PARTY_LABELS[self]


_PARTY_LABELS = {
    PartyStatus.NOT_SIGNATORY: "not a signatory",
    PartyStatus.SIGNATORY: "signatory",
    PartyStatus.CONSENTED: "consented, not yet in force",
    PartyStatus.IN_FORCE: "in force",
    PartyStatus.WITHDRAWN: "withdrawn",
    PartyStatus.ENDED: "ended",
}


class SignatoryKind(enum.Enum):
    """What sort of body a signatory is."""

    STATE = "state"
    GOVERNMENT = "government"
    MINISTRY = "ministry"
    AGENCY = "agency"
    PARTY = "party"
    LOCAL_GOVERNMENT = "local_government"
    ORGANISATION = "organisation"
    INTERNATIONAL_ORGANISATION = "international_organisation"


class ChangeKind(enum.Enum):
    """A change in a signatory's life."""

    ESTABLISHED = "established"
    RENAMED = "renamed"
    MERGED_INTO = "merged_into"
    DISSOLVED = "dissolved"


class RelationType(enum.Enum):
    """How one instrument relates to an earlier one (``a amends b``)."""

    AMENDS = "amends"
    SUPERSEDES = "supersedes"
    IMPLEMENTS = "implements"
    CONTINUES = "continues"
    FOLLOWS_UP = "follows_up"
    PART_OF = "part_of"
    ESTABLISHES = "establishes"

    @property
    def label(self) -> str:
        """The relation in words: ``follows up``."""
        return self.value.replace("_", " ")

    @property
    def inverse_label(self) -> str:
        """The relation seen from its target: ``implemented by``."""
        return _INVERSE_LABELS[self]


_INVERSE_LABELS = {
    RelationType.AMENDS: "amended by",
    RelationType.SUPERSEDES: "superseded by",
    RelationType.IMPLEMENTS: "implemented by",
    RelationType.CONTINUES: "continued by",
    RelationType.FOLLOWS_UP: "followed up by",
    RelationType.PART_OF: "has part",
    RelationType.ESTABLISHES: "established by",
}


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
