"""The JSON form of agreements: a stable contract for scripts.

``list`` gives, for each agreement, an object with ``id``, ``title``,
``short``, ``kind``, ``binding``, ``status``, ``certain``, ``parties``,
``countries``, ``areas``, ``signed``, ``term`` (``start``, ``end``),
``relations`` (``type``, ``target``) and ``sources``. Dates are their EDTF
strings; unknown values are ``null``.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from .dataset import Dataset
from .queries import Match

__all__ = ["list_record"]


def list_record(dataset: Dataset, match: Match, day: _dt.date) -> dict[str, Any]:
    """One agreement as the ``list --format json`` contract gives it."""
    a = match.agreement
    reading = dataset.status_on(a, day)
    countries = sorted({c for c in (dataset.signatory(p).country for p in a.parties) if c is not None})
    term = a.term
    return {
        "id": a.id,
        "title": a.title.value,
        "short": a.short,
        "kind": a.kind.value if a.kind is not None else None,
        "binding": a.binding,
        "status": reading.status.value if reading.status is not None else None,
        "certain": reading.certain and match.certain,
        "parties": list(a.parties),
        "countries": countries,
        "areas": list(a.areas),
        "signed": str(a.signed) if a.signed is not None else None,
        "term": {
            "start": str(term.start) if term is not None and term.start is not None else None,
            "end": str(term.end) if term is not None and term.end is not None else None,
        },
        "relations": [{"type": r.type.value, "target": r.target} for r in a.relations],
        "sources": list(a.sources),
    }
