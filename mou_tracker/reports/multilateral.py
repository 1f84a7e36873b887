"""Reports of multilateral instruments: each party's participation, what binds some parties, and their actions.

A blank date in a participation table is one no cited source gives, never a
step known not to have been taken (:data:`SILENT_NOTE`); an entry into force
derived from the instrument's clause is marked :data:`DERIVED_MARK`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import Any, Final

from ..dataset import Dataset
from ..dates import Truth
from ..model import Agreement
from ..participation import Binding
from ..queries import ActionChange, Match
from .rendering import Report
from .words import _date, _name, _parties, _signatory_name, collection_date, party_label, party_name

DERIVED_MARK: Final = "*"
"""The mark after an entry into force derived from the instrument's clause rather than given by a source."""


SILENT_NOTE: Final = "a blank date is one no cited source gives, not a step known not to have been taken"
"""The note under a participation table with a blank: the sources are silent, which says nothing of absence."""


def bound_report(dataset: Dataset, binding: Binding, *, lang: str = "en") -> Report:
    """The instruments in force on the day for the parties given: one row each, saying for whom.

    ``both`` (``all`` for more than two parties) is in force for every one of
    them; ``Singapore only`` for those named and certainly not the others.
    ``?`` marks what may be so but need not be: a date is not known precisely
    enough, or no cited source gives a party's step. ``Singapore; both?`` is
    certainly in force for Singapore and possibly for both. The JSON keeps
    :class:`~mou_tracker.Binding`'s ``all`` and ``only`` lists whole.
    """
    names = {who: party_name(dataset, who, lang) for who in binding.parties}
    together = "both" if len(names) == 2 else "all" if len(names) > 2 else next(iter(names.values()))
    # One row per instrument: for whom it is certainly in force, and whether it may be for all of them.
    found: dict[str, Agreement] = {}
    for match in (*binding.all, *(m for who in binding.parties for m in binding.only[who])):
        found.setdefault(match.agreement.id, match.agreement)
    rows = []
    for a in found.values():
        truths = {who: dataset.party_status_on(a, who, binding.day).in_force for who in binding.parties}
        sure = [names[who] for who, t in truths.items() if t is Truth.YES]
        maybe = [names[who] for who, t in truths.items() if t is Truth.POSSIBLY]
        if not maybe:
            label = together if len(sure) == len(names) else f"{', '.join(sure)} only"
        elif not sure and len(maybe) == len(names):
            label = f"{together}?"
        elif len(sure) + len(maybe) == len(names):
            label = f"{', '.join(sure)}; {together}?"
        else:
            label = f"{', '.join(sure) + '; ' if sure else ''}{', '.join(maybe)}?"
        rows.append((label, a.id, _name(a, lang), _parties(dataset, a)))
    rows.sort(key=lambda row: (row[0] != together, "?" in row[0]))

    def record(match: Match) -> dict[str, Any]:
        return {"id": match.agreement.id, "title": match.agreement.title.value, "certain": match.certain}

    data = {
        "day": binding.day.isoformat(),
        "parties": [{"given": who, "name": name} for who, name in names.items()],
        "all": [record(m) for m in binding.all],
        "only": {who: [record(m) for m in binding.only[who]] for who in binding.parties},
    }
    uncertain = any(row[0].endswith("?") for row in rows)
    note = (
        "? marks what may be so, or may not: a date is not known to the day, or no cited source gives a party's "
        "step (silence is not absence)."
    )
    if len(names) > 1 and any(row[0] == f"{together}?" for row in rows):
        some = "for one of them only, or for neither" if len(names) == 2 else "for some of them only, or for none"
        note += f" '{together}?': possibly in force for {together} of them, {some}."
    mixed = next((row[0] for row in rows if "; " in row[0]), None)
    if mixed is not None:
        note += f" '{mixed}': in force for {mixed.split('; ')[0]}, and possibly for {together} of them."
    return Report(
        f"In force on {binding.day.isoformat()} for {' and '.join(names.values())}",
        ("in force for", "id", "name", "parties"),
        tuple(rows),
        data,
        flexible="name",
        optional=("parties",),
        note=note if uncertain else None,
    )


def participation_report(dataset: Dataset, agreement: Agreement, *, lang: str = "en") -> Report:
    """Each party's signature, consent and entry into force, as the UN Treaty Collection's table shows them.

    Dates are written as the Collection writes them (:func:`collection_date`);
    a consent other than a ratification carries the Collection's letter
    (``23 Jun 2003 a`` for an accession), and an entry into force derived from
    the instrument's clause rather than given by a source is marked ``*``. The
    note under the table says what the letters and the mark used mean. A
    withdrawal column is shown when a party has withdrawn.

    A blank signature, consent or entry into force of a multilateral
    instrument is one no cited source gives, not one that did not happen
    (the sources may be silent, or a snapshot of an earlier day): the note
    says so whenever the table has one.
    """
    found = dataset.participation(agreement)
    withdrawals = any(r.withdrawal is not None or r.withdrawal_effective is not None for r in found)
    rows = []
    data = []
    letters: dict[str, str] = {}
    derived = False
    silent = False
    for row in found:
        signature = ""
        if row.signature is not None:
            letter = row.signature_kind.letter if row.signature_kind is not None else ""
            signature = collection_date(row.signature) + (f" {letter}" if letter else "")
            if row.signature_kind is not None and letter:
                letters.setdefault(letter, row.signature_kind.label)
        consent = ""
        if row.consent is not None:
            date, kind = row.consent
            consent = collection_date(date) + (f" {kind.letter}" if kind.letter else "")
            if kind.letter:
                letters.setdefault(kind.letter, kind.label)
        entry = ""
        if row.entry_into_force is not None:
            date, was_derived = row.entry_into_force
            entry = collection_date(date) + (f" {DERIVED_MARK}" if was_derived else "")
            derived = derived or was_derived
        silent = silent or (agreement.multilateral and None in (row.signature, row.consent, row.entry_into_force))
        withdrawal = ", effective ".join(
            collection_date(d) for d in (row.withdrawal, row.withdrawal_effective) if d is not None
        )
        cells = [
            _signatory_name(dataset, row.party, lang),
            signature,
            consent,
            entry,
            *([withdrawal] if withdrawals else []),
            " ".join(row.footnotes),
        ]
        rows.append(tuple(cells))
        data.append(
            {
                "party": row.party,
                "name": _signatory_name(dataset, row.party, lang),
                "signature": _date(row.signature) or None,
                "signature_action": None if row.signature_kind is None else row.signature_kind.value,
                "consent": None
                if row.consent is None
                else {"date": str(row.consent[0]), "action": row.consent[1].value, "letter": row.consent[1].letter},
                "entry_into_force": None
                if row.entry_into_force is None
                else {"date": str(row.entry_into_force[0]), "derived": row.entry_into_force[1]},
                "withdrawal": _date(row.withdrawal) or None,
                "withdrawal_effective": _date(row.withdrawal_effective) or None,
                "footnotes": list(row.footnotes),
            }
        )
    legend = [f"{letter}: {label}" for letter, label in sorted(letters.items(), key=lambda item: item[0].lower())]
    if derived:
        legend.append(f"{DERIVED_MARK}: entry into force derived from the instrument's clause, not given by a source")
    if silent:
        legend.append(SILENT_NOTE)
    columns = ("participant", "signature", "consent", "entry into force", *(("withdrawal",) if withdrawals else ()))
    return Report(
        f"Participation in {agreement.id} ({'multilateral' if agreement.multilateral else 'bilateral'})",
        (*columns, "footnotes"),
        tuple(rows),
        {"id": agreement.id, "title": agreement.title.value, "multilateral": agreement.multilateral, "parties": data},
        flexible=("participant", "footnotes"),
        wrap=True,
        note="; ".join(legend) + "." if legend else None,
    )


def actions_report(dataset: Dataset, found: Sequence[ActionChange], title: str, *, lang: str = "en") -> Report:
    """Parties' actions, in the order given: date, party, action (with its letter), instrument and sources.

    ``?`` after a date marks one that may fall outside the window asked
    for, ``*`` one that sources dispute.
    """
    rows = []
    data = []
    for change in found:
        a, action = change.agreement, change.action
        mark = ("*" if action.date.disputed else "") + ("" if change.certain else "?")
        rows.append(
            (
                str(action.date.value) + mark,
                action.party,
                action.action.label + (f" ({action.action.letter})" if action.action.letter else ""),
                a.id,
                _name(a, lang),
                " ".join(action.all_sources),
            )
        )
        data.append(
            {
                "date": str(action.date.value),
                "party": action.party,
                "action": action.action.value,
                "letter": action.action.letter,
                "id": a.id,
                "title": a.title.value,
                "certain": change.certain,
                "disputed": action.date.disputed,
                "notes": action.notes,
                "sources": list(action.all_sources),
            }
        )
    return Report(
        title,
        ("date", "party", "action", "id", "name", "sources"),
        tuple(rows),
        data,
        flexible="name",
        optional=("sources",),
    )


def party_facts(dataset: Dataset, agreement: Agreement, who: str, day: _dt.date, lang: str) -> list[tuple[str, str]]:
    """The card's lines for one party: its status on ``day``, what else it may be, and whether it was derived."""
    reading = dataset.party_status_on(agreement, who, day)
    name = party_name(dataset, who, lang)
    facts = [(f"status for {name} on {day.isoformat()}", party_label(reading))]
    if not reading.certain:
        facts.append(("or else", ", ".join(s.label for s in reading.otherwise)))
    if reading.derived:
        facts.append(("derived", "the entry into force for it is derived from the instrument's clause"))
    return facts


def party_record(dataset: Dataset, agreement: Agreement, who: str, day: _dt.date) -> dict[str, Any]:
    """One party's status reading as ``show --party --format json`` gives it."""
    reading = dataset.party_status_on(agreement, who, day)
    return {
        "given": who,
        "name": party_name(dataset, who),
        "day": day.isoformat(),
        "status": reading.status.value,
        "certain": reading.certain,
        "otherwise": [s.value for s in reading.otherwise],
        "derived": reading.derived,
    }
