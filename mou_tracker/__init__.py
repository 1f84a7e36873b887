"""mou-tracker: international agreements and memoranda of understanding, tracked.

>>> import mou_tracker
>>> data = mou_tracker.load()          # the bundled Viet Nam–Singapore dataset
>>> data["itx"].short
'ITX'

Names are imported on first use, so that ``mou-tracker --version`` starts
without loading the libraries the data model needs. The package's namespace
is its public API alone: ``dir(mou_tracker)`` and ``help(mou_tracker)`` list
the names of :data:`__all__`.
"""

# Not typing.TYPE_CHECKING, so that importing the package does not import
# typing; type checkers treat any TYPE_CHECKING as true. It is deleted at the
# end, so that the namespace holds the public names and the private tables
# that __getattr__ reads, nothing else.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from .dataset import Dataset, StatusReading
    from .dates import AnyDate, DateInterval, End, PartialDate, Precision, Truth, parse_date
    from .diffing import Diff, Difference, DiffKind, diff
    from .exceptions import AmbiguousName, DataError, InvalidDate, MouTrackerError, Problem, UnknownId, UnknownName
    from .loading import SCHEMA_VERSION, bundled_path, dumps, load, loads
    from .model import (
        TRANSITIONS,
        Action,
        ActionKind,
        Agreement,
        AgreementKind,
        Area,
        Change,
        ChangeKind,
        Claim,
        Claimed,
        EntryIntoForce,
        Participant,
        PartyStatus,
        Person,
        Relation,
        RelationType,
        Signatory,
        SignatoryKind,
        Source,
        Status,
        StatusEvent,
        Target,
        Term,
    )
    from .participation import Binding, ParticipationRow, PartyReading, derive_entry_into_force, party_status_of
    from .queries import ChainLink, Due, Match, Query, StatusChange, chain, changes, due, fold

__all__ = [
    "SCHEMA_VERSION",
    "TRANSITIONS",
    "Action",
    "ActionKind",
    "Agreement",
    "AgreementKind",
    "AmbiguousName",
    "AnyDate",
    "Area",
    "Binding",
    "ChainLink",
    "Change",
    "ChangeKind",
    "Claim",
    "Claimed",
    "DataError",
    "Dataset",
    "DateInterval",
    "Diff",
    "DiffKind",
    "Difference",
    "Due",
    "End",
    "EntryIntoForce",
    "InvalidDate",
    "Match",
    "MouTrackerError",
    "PartialDate",
    "Participant",
    "ParticipationRow",
    "PartyReading",
    "PartyStatus",
    "Person",
    "Precision",
    "Problem",
    "Query",
    "Relation",
    "RelationType",
    "Signatory",
    "SignatoryKind",
    "Source",
    "Status",
    "StatusChange",
    "StatusEvent",
    "StatusReading",
    "Target",
    "Term",
    "Truth",
    "UnknownId",
    "UnknownName",
    "__version__",
    "bundled_path",
    "chain",
    "changes",
    "derive_entry_into_force",
    "diff",
    "due",
    "dumps",
    "fold",
    "load",
    "loads",
    "parse_date",
    "party_status_of",
]

_HOMES = {
    "dataset": ("Dataset", "StatusReading"),
    "dates": ("AnyDate", "DateInterval", "End", "PartialDate", "Precision", "Truth", "parse_date"),
    "diffing": ("Diff", "DiffKind", "Difference", "diff"),
    "exceptions": (
        "AmbiguousName",
        "DataError",
        "InvalidDate",
        "MouTrackerError",
        "Problem",
        "UnknownId",
        "UnknownName",
    ),
    "loading": ("SCHEMA_VERSION", "bundled_path", "dumps", "load", "loads"),
    "participation": ("Binding", "ParticipationRow", "PartyReading", "derive_entry_into_force", "party_status_of"),
    "queries": ("ChainLink", "Due", "Match", "Query", "StatusChange", "chain", "changes", "due", "fold"),
    "model": (
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
    ),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> "Any":
    if name == "__version__":
        from ._version import __version__

        return __version__
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'mou_tracker' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


del TYPE_CHECKING
