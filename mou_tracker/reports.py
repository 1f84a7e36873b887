"""Reports as strings: renderers never print."""

from __future__ import annotations

import datetime as _dt

from tabulate import tabulate

from .dataset import Dataset, StatusReading
from .model import Agreement

__all__ = ["status_label", "status_table"]

_HEADERS = ("id", "name", "kind", "status", "signed", "parties")


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


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def status_table(dataset: Dataset, day: _dt.date, *, fmt: str = "simple", width: int = 80) -> str:
    """The status of every agreement on ``day``, one row each, fitted to ``width`` columns.

    A status followed by ``?`` is possible but not certain on that day: the
    date of the event that brings it is not known precisely enough.
    """
    rows = []
    for agreement in dataset:
        signed = agreement.signed
        kind = agreement.kind.label if agreement.kind is not None else "unknown"
        rows.append(
            [
                agreement.id,
                agreement.name,
                kind,
                status_label(dataset.status_on(agreement, day)),
                str(signed) if signed is not None else "",
                _parties(dataset, agreement),
            ]
        )
    # Every column but the name keeps its width; the name takes what is left.
    fixed = sum(max([len(h)] + [len(str(r[i])) for r in rows]) for i, h in enumerate(_HEADERS) if i != 1)
    room = max(12, width - fixed - 2 * (len(_HEADERS) - 1))
    for row in rows:
        row[1] = _shorten(row[1], room)
    return tabulate(rows, headers=_HEADERS, tablefmt=fmt)
