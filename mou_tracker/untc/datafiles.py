"""The data files an import makes, as plain data: a treaty's file, and ``participants.yaml``.

A treaty becomes a ``multilateral`` agreement whose one source is its status
page, with an action per dated cell. What the Collection's footnote markers
and the table's notes say, and which rows were left out and why, go into
the notes a reader of the data meets (see :mod:`mou_tracker.untc`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Final

import attrs

from .cells import Cell, Row, Table
from .index import Treaty, _roman
from .names import Party
from .tables import _Skipped

PUBLISHER: Final = "United Nations Treaty Collection"
"""The publisher of every source the import writes."""

PARTICIPANTS_FILE: Final = "participants.yaml"
"""The file of the signatories, beside one file per treaty."""


@attrs.frozen
class _Imported:
    """A treaty to write: its table of the rows mapped, each row's party, its table's file and the rows left out."""

    treaty: Treaty
    table: Table
    parties: tuple[Party, ...]
    file: str
    skipped: tuple[_Skipped, ...] = ()


def _footnoted(markers: Sequence[str], on: str = "") -> list[str]:
    """The sentence naming the Collection's footnotes ``markers`` refer to (``on`` whom), or none."""
    if not markers:
        return []
    which = f"Footnote {markers[0]}" if len(markers) == 1 else f"Footnotes {', '.join(markers[:-1])} and {markers[-1]}"
    return [f"{which} of the Collection{on}."]


def _noted(notes: Sequence[str]) -> list[str]:
    """The sentences quoting the table's bracketed notes."""
    return [f"The table's note: {note!r}." for note in notes]


def _action_notes(row: Row, cell: Cell) -> str | None:
    said = [
        *_footnoted(cell.footnotes),
        *_footnoted(row.footnotes, f", on {row.participant}"),
        *_noted((*cell.notes, *row.notes)),
    ]
    return " ".join(said) or None


def _agreement(imported: _Imported) -> dict[str, Any]:
    treaty, table = imported.treaty, imported.table
    actions: list[dict[str, Any]] = []
    quiet: list[str] = []
    for row, who in zip(table.rows, imported.parties, strict=True):
        cells = [cell for cell in row.cells if cell is not None]
        for cell in cells:
            action: dict[str, Any] = {
                "party": who.id,
                "action": cell.kind,
                "date": cell.date.isoformat(),
                "sources": [treaty.source],
            }
            notes = _action_notes(row, cell)
            if notes is not None:
                action["notes"] = notes
            actions.append(action)
        if not cells and (row.footnotes or row.notes):
            remarks = " ".join([*_footnoted(row.footnotes), *_noted(row.notes)])
            quiet.append(f"{row.participant}, with no dated action in the table: {remarks}")
    assert treaty.adopted is not None
    agreement: dict[str, Any] = {
        "id": treaty.id,
        "title": treaty.title,
        "kind": "treaty",
        "binding": True,
        "multilateral": True,
        "parties": [p.id for p in imported.parties],
        "place": treaty.place,
        "sources": [treaty.source],
        "history": [
            {
                "date": treaty.adopted.isoformat(),
                "status": "concluded",
                "sources": [treaty.source],
                "note": "The treaty's place and date as the Collection's title gives them (its adoption, "
                "or its opening for signature).",
            }
        ],
        "actions": actions,
    }
    said = [*_left_out_note(imported), *quiet]
    if said:
        agreement["notes"] = " ".join(said)
    return agreement


def _left_out_note(imported: _Imported) -> list[str]:
    """What the treaty's notes say of the rows left out: which, where, and why; nothing if none was."""
    if not imported.skipped:
        return []
    count = len(imported.skipped)
    rows = "1 row" if count == 1 else f"{count} rows"
    lines = [
        f"Not imported, so this participation is not complete: {rows} of the Collection's table "
        f"({imported.file}), for a curator to add."
    ]
    for skipped in imported.skipped:
        why = "; ".join(skipped.why)
        lines.append(f"Line {skipped.line}, {skipped.participant!r}: {why}{'' if why.endswith(('.', '?')) else '.'}")
    return lines


def _treaty_file(imported: _Imported) -> dict[str, Any]:
    treaty = imported.treaty
    chapter = f"chapter {_roman(treaty.chapter)}"
    if treaty.chapter_name:
        chapter += f" ({treaty.chapter_name})"
    source: dict[str, Any] = {
        "id": treaty.source,
        "language": "en",
        "title": treaty.title,
        "publisher": PUBLISHER,
        "url": treaty.url,
        "notes": f"The treaty's status in Multilateral Treaties Deposited with the Secretary-General, {chapter}.",
    }
    return {"schema_version": 1, "sources": [source], "agreements": [_agreement(imported)]}


def _participants_file(mapped: Mapping[str, list[tuple[Party, str]]]) -> dict[str, Any]:
    """The signatories: each party once, named as first seen (or as it is now, for a former name)."""
    signatories = []
    for ident in sorted(mapped):
        seen = mapped[ident]
        first = seen[0][0]
        current = list(dict.fromkeys(p.name for p, _ in seen if p.former is None))
        name = current[0] if current else first.name
        aliases = list(dict.fromkeys([*current[1:], *(p.former for p, _ in seen if p.former is not None)]))
        record: dict[str, Any] = {"id": ident, "name": name, "kind": first.kind.value}
        if first.country is not None:
            record["country"] = first.country
        if aliases:
            record["aliases"] = aliases
        formers = {p.former: [t for q, t in seen if q.former == p.former] for p, _ in seen if p.former is not None}
        if formers:
            record["notes"] = " ".join(
                f"{former} is a former name of {name}, the name in the Collection's "
                f"{'tables' if len(set(tables)) > 1 else 'table'} of {', '.join(dict.fromkeys(tables))}."
                for former, tables in formers.items()
            )
        signatories.append(record)
    return {"schema_version": 1, "signatories": signatories}
