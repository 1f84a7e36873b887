"""The closed vocabularies of the data format: statuses and the lifecycle, kinds of instrument,
action, party status, signatory, change and relation.

Each is an enum whose values are the words a data file uses
(``in_effect``, ``memorandum``); each has its label in words. They are part
of the model (:mod:`mou_tracker.model` gives them all), kept apart from the
records that use them.
"""

from __future__ import annotations

import enum
import types
from collections.abc import Mapping

__all__ = [
    "TRANSITIONS",
    "ActionKind",
    "AgreementKind",
    "ChangeKind",
    "PartyStatus",
    "RelationType",
    "SignatoryKind",
    "Status",
]


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
