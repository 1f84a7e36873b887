"""What each field of the model means, as ``docs/data-format.md`` gives it: the descriptions that the JSON
Schema (:mod:`mou_tracker.schema`) shows an editor beside each key.

Every field of every class needs one: :func:`mou_tracker.schema.json_schema`
raises for a field left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .model import (
    Action,
    Agreement,
    Area,
    Change,
    Claim,
    EntryIntoForce,
    Participant,
    Person,
    Relation,
    Signatory,
    Source,
    StatusEvent,
    Target,
    Term,
)

_DATE_HELP = (
    " A partial date (2013, 2025-10, 2023-08-28) or an interval (2025/2030, 2005/2025-03-25, ../2025-03-25, 2023/..,"
    " or with an end left empty when the sources do not say); a bare year may be written unquoted."
)
_CLAIMED_HELP = (
    " Claimed: the value itself, or, when sources disagree, a list of claims, each with value and sources,"
    " exactly one of them marked preferred: true."
)
_NOT_REFERENCE = "; that it names a record is checked by the loader, not the schema."
_SOURCES = "Ids of the sources that support this" + _NOT_REFERENCE

FIELDS: Mapping[type[Any], Mapping[str, str]] = {
    Source: {
        "id": "The source's id: lowercase letters, digits and single hyphens, unique among the sources.",
        "language": "The language code of the source, such as en or vi.",
        "title": "Its title or headline.",
        "publisher": "Who published it.",
        "url": "Its address, http:// or https://.",
        "published": "The date of publication." + _DATE_HELP,
        "notes": "What it is; what it does not show.",
    },
    Claim: {
        "value": "What this source says.",
        "sources": "Ids of the sources that make this claim" + _NOT_REFERENCE,
        "preferred": "Whether this is the claim the dataset prefers; exactly one of several claims has it.",
        "note": "Why this claim is preferred, or what else to know about it.",
    },
    Change: {
        "date": "When the change happened." + _DATE_HELP,
        "change": "What changed: established, renamed, merged_into or dissolved.",
        "sources": _SOURCES,
        "successor": "For merged_into: the id of the signatory it became part of" + _NOT_REFERENCE,
        "name": "For renamed: the new name.",
        "note": "Free text.",
    },
    Signatory: {
        "id": "The signatory's id: lowercase letters, digits and single hyphens, unique among the signatories.",
        "name": "The name in English.",
        "kind": "What sort of body it is.",
        "country": "Its ISO 3166-1 alpha-2 country code (quote it where YAML could misread it: 'NO'); "
        "null for international bodies. The loader checks that the code is assigned.",
        "names": "Names by language: {en: …, vi: …}, each key a language code.",
        "parent": "The id of the body it belongs to (a ministry's state)" + _NOT_REFERENCE,
        "aliases": "Other names and abbreviations.",
        "history": "Changes in its life, in order: renamings and mergers.",
        "sources": "Ids of the sources for the body itself" + _NOT_REFERENCE,
        "notes": "Free text.",
    },
    Person: {
        "id": "The person's id: lowercase letters, digits and single hyphens, unique among the people.",
        "name": "The name, correctly spelt, with its diacritics.",
        "names": "Names by language: {en: …, vi: …}, each key a language code.",
        "aliases": "Other spellings (To Lam for Tô Lâm).",
        "sources": "Ids of the sources for the person" + _NOT_REFERENCE,
        "notes": "Free text.",
    },
    Participant: {
        "person": "The id of the person" + _NOT_REFERENCE,
        "sources": _SOURCES,
        "role": "The person's office at the time.",
        "acting_for": "The id of the signatory the person acted for: a party, or a body above or below one"
        + _NOT_REFERENCE,
    },
    Area: {
        "id": "The area's id: lowercase letters, digits and single hyphens, unique among the areas.",
        "name": "The name in English.",
        "names": "Names by language: {en: …, vi: …}, each key a language code.",
        "parent": "The id of the broader area" + _NOT_REFERENCE,
        "description": "What it covers.",
    },
    StatusEvent: {
        "date": "When it happened." + _DATE_HELP + _CLAIMED_HELP,
        "status": "The status it brought (docs/lifecycle.md); the loader checks that it may follow the one before."
        + _CLAIMED_HELP,
        "sources": _SOURCES,
        "note": "Free text.",
        "place": "Where it happened (the meeting at which it was agreed, announced or proposed), when a source says.",
    },
    Term: {
        "sources": _SOURCES,
        "start": "When the term starts." + _DATE_HELP,
        "end": "When the term ends; a term is a period, so end: 2026 runs to 31 December 2026." + _DATE_HELP,
        "renewal": "How it is renewed, in words.",
        "notice_by": "The last day to give notice." + _DATE_HELP,
    },
    Relation: {
        "type": "How this instrument relates to the target.",
        "target": "The id of the earlier agreement" + _NOT_REFERENCE,
        "sources": _SOURCES,
        "note": "Free text.",
    },
    Target: {
        "status": "The status the instrument is expected to reach.",
        "description": "What is expected, in words.",
        "sources": _SOURCES,
        "due": "When it is due; null when no date is given." + _DATE_HELP,
        "note": "Free text.",
    },
    Action: {
        "party": "The id of the signatory that acted; it must be one of the agreement's parties" + _NOT_REFERENCE,
        "action": "What it did: signature, ratification, acceptance (A), approval (AA), accession (a), succession (d),"
        " definitive signature (s), formal confirmation (c), entry into force for it, withdrawal, a reservation…",
        "date": "When." + _DATE_HELP + _CLAIMED_HELP,
        "sources": _SOURCES,
        "text": "The words of a reservation or declaration; may run over several lines.",
        "url": "Where its text is, http:// or https://.",
        "notes": "Free text: what else the sources say about it (the Collection's footnotes).",
    },
    EntryIntoForce: {
        "sources": _SOURCES,
        "instruments": "How many instruments of consent must be deposited for it to enter into force.",
        "days": "How many days after that deposit it enters into force (0: on the day); not with months.",
        "months": "How many months after that deposit it enters into force; not with days.",
        "later_days": "For a party that consents later: how many days after its own deposit it enters into force for"
        " it; not with later_months.",
        "later_months": "For a party that consents later: how many months after its own deposit; not with later_days.",
        "condition": "What the numbers cannot say (a share of emissions, a kind of party), in words.",
        "text": "The clause as written; may run over several lines.",
    },
    Agreement: {
        "id": "The agreement's id: lowercase letters, digits and single hyphens, unique among the agreements.",
        "title": "The title in English." + _CLAIMED_HELP,
        "kind": "What sort of instrument it is; null when the sources do not say.",
        "sources": "Ids of the sources for the agreement as a whole" + _NOT_REFERENCE,
        "titles": "Titles in other languages: {vi: …}, each key a language code.",
        "short": "A short name (ITX).",
        "aliases": "Other names.",
        "binding": "Whether it is legally binding; null when no source says.",
        "parties": "Ids of the signatories that are parties" + _NOT_REFERENCE,
        "signed_by": "Who signed it.",
        "witnesses": "Who witnessed the signing.",
        "place": "Where it was signed.",
        "areas": "Ids of the areas of cooperation it belongs to" + _NOT_REFERENCE,
        "history": "Status events, in the order they happened; the loader checks the order and the lifecycle.",
        "term": "How long it runs: start, end, renewal and notice.",
        "relations": "How it relates to earlier agreements.",
        "targets": "Dated expectations: the status it should reach, and by when.",
        "multilateral": "Whether each party has its own actions and status (a multilateral treaty); false: the"
        " parties' status is the instrument's own.",
        "entry_into_force": "Its entry-into-force clause as data, from which a party's entry into force is derived"
        " when no source gives it.",
        "actions": "Each party's own actions (multilateral instruments only): signature, consent, entry into force"
        " for it, withdrawal, reservations and declarations.",
        "notes": "Free text.",
    },
}
