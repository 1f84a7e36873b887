"""Reports as strings: renderers never print."""

from __future__ import annotations

import datetime as _dt

from tabulate import tabulate

from .dataset import Dataset, StatusReading
from .model import Agreement

__all__ = ["status_label", "status_table"]

# Columns in the order they are given up when the table is too narrow;
# the name column takes whatever width is left.
_COLUMNS = ("id", "name", "status", "signed", "kind", "parties")
_ESSENTIAL = 4
_MIN_NAME = 24
_GAP = 2


def status_label(reading: StatusReading) -> str:
    """``in effect``, or ``in effect?`` when that is only possible; ``-`` before any event."""
    if reading.status is None:
        return "-"
    return reading.status.label + ("" if reading.certain else "?")


def _parties(dataset: Dataset, agreement: Agreement) -> str:
    codes: list[str] = []
    for ident in agreement.parties:
        body = dataset.signatory(ident)
        code = body.country or body.id
        if code not in codes:
            codes.append(code)
    return " ".join(sorted(codes))


# Abbreviations a narrow table may use; the wide table and the data keep titles whole.
_ABBREVIATIONS = (
    ("Memorandum of Understanding", "MoU"),
    ("Memorandum of Cooperation", "MoC"),
    ("Comprehensive Strategic Partnership", "CSP"),
)
_PREFIX = "Viet Nam–Singapore "


def _shorten(text: str, width: int) -> str:
    for long, short in _ABBREVIATIONS:
        if len(text) <= width:
            break
        text = text.replace(long, short)
    if len(text) > width:
        text = text.removeprefix(_PREFIX)
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def status_table(dataset: Dataset, day: _dt.date, *, fmt: str = "simple", width: int | None = 80) -> str:
    """The status of every agreement on ``day``, one row each.

    A status followed by ``?`` is possible but not certain on that day: the
    date of the event that brings it is not known precisely enough. With a
    ``width``, names are shortened and the kind and parties columns are left
    out when they do not fit; ``width=None`` shows everything whole.
    """
    rows = []
    for agreement in dataset:
        signed = agreement.signed
        rows.append(
            {
                "id": agreement.id,
                "name": agreement.name,
                "status": status_label(dataset.status_on(agreement, day)),
                "signed": str(signed) if signed is not None else "",
                "kind": agreement.kind.label if agreement.kind is not None else "unknown",
                "parties": _parties(dataset, agreement),
            }
        )
    columns = list(_COLUMNS)
    if width is not None:
        widths = {c: max([len(c)] + [len(r[c]) for r in rows]) for c in _COLUMNS}

        def room(cols: list[str]) -> int:
            return width - sum(widths[c] + _GAP for c in cols if c != "name")

        while len(columns) > _ESSENTIAL and room(columns) < _MIN_NAME:
            columns.pop()
        name_width = max(room(columns), len("name"))
        for row in rows:
            row["name"] = _shorten(row["name"], name_width)
    table = [[row[c] for c in columns] for row in rows]
    return tabulate(table, headers=columns, tablefmt=fmt)
