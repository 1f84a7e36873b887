"""Whole-dataset checks, all collected in one pass.

:func:`check` looks at the records of a dataset (:class:`Records`) that were built
without complaint and finds what only the whole can show: unknown and
duplicate ids, cycles, histories out of order or against the lifecycle, terms
that end before they start, unknown countries and languages, facts with no
source, and the actions of parties to a multilateral instrument that are not
its parties or out of order (docs/lifecycle.md). Each finding is a path into the data file and a message; the loader
turns paths into lines and columns.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import iso3166

from ._entry_into_force import derive_entry_into_force, instrument_in_force
from ._findings import _LANGUAGE, _URL, Finding, Records, _Findings, _suggest
from .dates import DateInterval, PartialDate, Truth
from .exceptions import Path
from .model import (
    Action,
    ActionKind,
    Agreement,
    AgreementKind,
    ChangeKind,
    Participant,
    Signatory,
    Status,
)

__all__ = ["check"]


class _Checker(_Findings):
    """Each record checked, and each against the others."""

    # -- records -----------------------------------------------------------

    def sources(self) -> None:
        for i, source in self.each("sources"):
            path: Path = ("sources", i)
            if not _LANGUAGE.fullmatch(source.language):
                self.add(
                    (*path, "language"), f"expected a language code such as 'en' or 'vi', found {source.language!r}"
                )
            if source.url is not None and not _URL.fullmatch(source.url):
                self.add((*path, "url"), f"expected an http:// or https:// address, found {source.url!r}")
            if source.title is None and source.url is None and source.notes is None:
                self.add(path, "a source needs a title, a url or notes that identify it")

    def signatories(self) -> None:
        parents: dict[str, list[str]] = {}
        succession: dict[str, list[str]] = {}
        for i, body in self.each("signatories"):
            path: Path = ("signatories", i)
            if body.country is not None and body.country not in iso3166.countries_by_alpha2:
                hint = _suggest(body.country.upper(), iso3166.countries_by_alpha2)
                self.add(
                    (*path, "country"),
                    f"expected an ISO 3166-1 alpha-2 country code such as 'VN' or 'SG', found {body.country!r}{hint}",
                )
            self.names((*path, "names"), body.names)
            self.ref((*path, "parent"), body.parent, "signatories", "signatory")
            self.refs((*path, "sources"), body.sources, "sources", "source")
            if body.parent is not None:
                parents.setdefault(body.id, []).append(body.parent)
            self.changes(path, body, succession)
        self.cycles("signatories", parents, "parent bodies", "parent")
        self.cycles("signatories", succession, "successors", "history")

    def changes(self, path: Path, body: Signatory, succession: dict[str, list[str]]) -> None:
        previous: PartialDate | DateInterval | None = None
        for j, change in enumerate(body.history):
            cpath: Path = (*path, "history", j)
            self.cited((*cpath, "sources"), change.sources, "a change of a signatory")
            self.ref((*cpath, "successor"), change.successor, "signatories", "signatory")
            if change.change is ChangeKind.MERGED_INTO and change.successor is None:
                self.add(cpath, "a 'merged_into' change needs a 'successor'")
            if change.change is ChangeKind.RENAMED and change.name is None:
                self.add(cpath, "a 'renamed' change needs the new 'name'")
            if change.successor is not None:
                succession.setdefault(body.id, []).append(change.successor)
            self.in_order((*cpath, "date"), change.date, previous, "change")
            previous = change.date

    def people(self) -> None:
        for i, person in self.each("people"):
            self.names(("people", i, "names"), person.names)
            self.refs(("people", i, "sources"), person.sources, "sources", "source")

    def areas(self) -> None:
        parents: dict[str, list[str]] = {}
        for i, area in self.each("areas"):
            self.names(("areas", i, "names"), area.names)
            self.ref(("areas", i, "parent"), area.parent, "areas", "area")
            if area.parent is not None:
                parents.setdefault(area.id, []).append(area.parent)
        self.cycles("areas", parents, "parent areas", "parent")

    def agreements(self) -> None:
        relations: dict[str, list[str]] = {}
        for i, agreement in self.each("agreements"):
            path: Path = ("agreements", i)
            self.agreement(path, agreement)
            relations.setdefault(agreement.id, []).extend(r.target for r in agreement.relations)
        self.cycles("agreements", relations, "relations", "relations")

    def agreement(self, path: Path, a: Agreement) -> None:
        self.cited((*path, "sources"), a.sources, "an agreement")
        self.claimed((*path, "title"), a.title, "title")
        for i, claim in enumerate(a.title.claims):
            if not claim.value.strip():
                self.add((*path, "title", i), "expected a title, found empty text")
        self.names((*path, "titles"), a.titles)
        if a.kind is AgreementKind.TREATY and a.binding is False:
            self.add((*path, "binding"), "a treaty is binding; use another kind or set binding: true")
        self.refs((*path, "parties"), a.parties, "signatories", "signatory")
        if len(set(a.parties)) != len(a.parties):
            self.add((*path, "parties"), "a party is listed more than once")
        self.refs((*path, "areas"), a.areas, "areas", "area")
        for field in ("signed_by", "witnesses"):
            for j, participant in enumerate(getattr(a, field)):
                self.participant((*path, field, j), participant, a)
        self.history(path, a)
        if a.term is not None:
            tpath: Path = (*path, "term")
            self.cited((*tpath, "sources"), a.term.sources, "a term")
            start, end = a.term.start, a.term.end
            if (
                start is not None
                and end is not None
                and end.latest is not None
                and start.earliest is not None
                and end.latest < start.earliest
            ):
                self.add((*tpath, "end"), f"the term ends ({end}) before it starts ({start})")
        for j, relation in enumerate(a.relations):
            rpath: Path = (*path, "relations", j)
            self.cited((*rpath, "sources"), relation.sources, "a relation")
            self.ref((*rpath, "target"), relation.target, "agreements", "agreement")
            if relation.target == a.id:
                self.add((*rpath, "target"), "an agreement cannot relate to itself")
        for j, target in enumerate(a.targets):
            self.cited((*path, "targets", j, "sources"), target.sources, "a target")
        if a.entry_into_force is not None:
            self.clause((*path, "entry_into_force"), a)
        if a.actions:
            self.actions(path, a)

    def clause(self, path: Path, a: Agreement) -> None:
        clause = a.entry_into_force
        assert clause is not None
        self.cited((*path, "sources"), clause.sources, "an entry-into-force clause")
        for field, least in (("instruments", 1), ("days", 0), ("months", 0), ("later_days", 0), ("later_months", 0)):
            value = getattr(clause, field)
            if value is not None and value < least:
                what = "at least one instrument" if least else "a number of days or months, 0 or more"
                self.add((*path, field), f"expected {what}, found {value}")
        for days, months in (("days", "months"), ("later_days", "later_months")):
            if getattr(clause, days) is not None and getattr(clause, months) is not None:
                self.add((*path, months), f"give {days} or {months}, not both")

    def actions(self, path: Path, a: Agreement) -> None:
        """Each action: by a party, cited, and in order with the party's other actions and the instrument's."""
        if not a.multilateral:
            self.add(
                (*path, "actions"),
                "actions are each party's own, for a multilateral instrument: set multilateral: true, "
                "or record a bilateral instrument's steps in its history",
            )
        adopted = next((e.date.value.earliest for e in a.history), None)
        firsts: dict[tuple[str, str], tuple[int, Action]] = {}
        for j, action in enumerate(a.actions):
            apath: Path = (*path, "actions", j)
            if not action.all_sources:
                self.add((*apath, "sources"), "an action cites no source; add 'sources' with at least one source id")
            self.refs((*apath, "sources"), action.sources, "sources", "source")
            self.claimed((*apath, "date"), action.date, "date")
            if action.url is not None and not _URL.fullmatch(action.url):
                self.add((*apath, "url"), f"expected an http:// or https:// address, found {action.url!r}")
            if action.party not in self.ids["signatories"] and action.party not in self.unbuilt.get("signatories", ()):
                self.ref((*apath, "party"), action.party, "signatories", "signatory")
            elif action.party not in a.parties:
                listed = ", ".join(a.parties) or "none"
                self.add(
                    (*apath, "party"),
                    f"{action.party!r} is not one of the agreement's parties ({listed}); add it to parties",
                )
            date = action.date.value
            if adopted is not None and date.before(adopted) is Truth.YES:
                self.add((*apath, "date"), f"{date} is before the instrument was adopted ({a.history[0].date.value})")
            for role in _ROLES.get(action.action, ()):
                firsts.setdefault((action.party, role), (j, action))
        self.party_order(path, a, firsts)

    def party_order(self, path: Path, a: Agreement, firsts: Mapping[tuple[str, str], tuple[int, Action]]) -> None:
        """What each party did, against what it must follow: its signature, its consent, its entry into force."""
        in_force = instrument_in_force(a)
        for j, action in enumerate(a.actions):
            apath: Path = (*path, "actions", j, "date")
            date = action.date.value
            kind = action.action

            def first(role: str, party: str = action.party) -> tuple[int, Action] | None:
                return firsts.get((party, role))

            signed = first("signature")
            if kind.needs_signature:
                follows = f"; {kind.label} follows a signature"
                self.not_before(apath, kind.label, date, "the party's signature", signed, hint=follows)
            if kind is ActionKind.ACCESSION and signed is not None:
                self.add(
                    (*path, "actions", j, "action"),
                    f"{action.party!r} signed (actions[{signed[0]}]): a signatory consents by ratification, "
                    "acceptance or approval, not accession",
                )
            consent = first("consent")
            if kind is ActionKind.ENTRY_INTO_FORCE:
                self.not_before(apath, "in force for the party", date, "its consent", consent)
            if kind in (ActionKind.WITHDRAWAL, ActionKind.WITHDRAWAL_EFFECTIVE):
                given = first("entry_into_force")
                if given is None and consent is not None and in_force is not None:
                    derived = derive_entry_into_force(in_force, consent[1].date.value, a.entry_into_force)
                    how = "derived from the clause"
                    self.not_before(apath, kind.label, date, "the party's entry into force", derived, at=how)
                else:
                    self.not_before(apath, kind.label, date, "the party's entry into force", given)
            if kind is ActionKind.WITHDRAWAL_EFFECTIVE:
                self.not_before(apath, "the withdrawal takes effect", date, "it was notified", first("withdrawal"))

    def participant(self, path: Path, p: Participant, a: Agreement) -> None:
        self.cited((*path, "sources"), p.sources, "a signer or witness")
        self.ref((*path, "person"), p.person, "people", "person")
        self.ref((*path, "acting_for"), p.acting_for, "signatories", "signatory")
        if p.acting_for is not None and a.parties and p.acting_for in self.ids["signatories"]:
            related = set(self._family(p.acting_for))
            if not related & set(a.parties):
                self.add(
                    (*path, "acting_for"),
                    f"{p.acting_for!r} is not a party, nor part of or over one ({', '.join(a.parties)})",
                )

    def _family(self, ident: str) -> list[str]:
        """The signatory, the bodies above it and the bodies below it."""
        bodies = self.bodies
        out = [ident]
        current = bodies.get(ident)
        seen = {ident}
        while current is not None and current.parent is not None and current.parent not in seen:
            out.append(current.parent)
            seen.add(current.parent)
            current = bodies.get(current.parent)
        out.extend(b.id for b in self.ds.signatories if b.parent == ident)
        return out

    def history(self, path: Path, a: Agreement) -> None:
        previous = None
        signed = a.signed
        for j, event in enumerate(a.history):
            epath: Path = (*path, "history", j)
            if not event.all_sources:
                self.add(
                    (*epath, "sources"), "a status event cites no source; add 'sources' with at least one source id"
                )
            self.refs((*epath, "sources"), event.sources, "sources", "source")
            self.claimed((*epath, "date"), event.date, "date")
            self.claimed((*epath, "status"), event.status, "status")
            date, status = event.date.value, event.status.value
            if status is Status.IN_EFFECT and signed is not None and date.before(signed) is Truth.YES:
                self.not_before((*epath, "date"), "in effect", date, "it was signed", signed)
            elif previous is not None:
                self.in_order((*epath, "date"), date, previous.date.value, "event")
            if previous is not None and not previous.status.value.can_become(status):
                before = previous.status.value
                allowed = ", ".join(s.value for s in Status if before.can_become(s))
                self.add(
                    (*epath, "status"),
                    f"{before.value} cannot become {status.value}; after {before.value} come {allowed}",
                )
            previous = event


# The role each kind of action plays in a party's order: the first of each role is the one others follow.
_ROLES: Mapping[ActionKind, tuple[str, ...]] = {
    **{kind: ("signature",) for kind in ActionKind if kind.is_signature},
    **{kind: ("consent",) for kind in ActionKind if kind.is_consent},
    ActionKind.ENTRY_INTO_FORCE: ("entry_into_force",),
    ActionKind.WITHDRAWAL: ("withdrawal",),
}


def check(
    ds: Records,
    *,
    positions: Mapping[str, Sequence[int]] | None = None,
    unbuilt: Mapping[str, set[str]] | None = None,
) -> list[Finding]:
    """Every problem of the whole dataset, as (path, message).

    ``positions`` gives, for each collection, the position in the file of each
    record (when records that could not be built were left out); references to
    the ``unbuilt`` ids of those records are not reported as unknown, since
    their records already have problems of their own.
    """
    checker = _Checker(ds, positions, unbuilt)
    checker.sources()
    checker.signatories()
    checker.people()
    checker.areas()
    checker.agreements()
    return checker.found
