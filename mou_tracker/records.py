"""The JSON forms of agreements: a stable contract for scripts.

``list`` gives, for each agreement, an object with ``id``, ``title``,
``titles``, ``short``, ``kind``, ``binding``, ``status``, ``certain``,
``parties``, ``countries``, ``areas``, ``signed``, ``term`` (``start``,
``end``), ``relations`` (``type``, ``target``) and ``sources``. ``show``
gives the whole record as the data file has it, every field present, with
its status on the day, the instruments that refer to it and the sources it
cites. Dates are their EDTF strings; unknown values are ``null``.
``diff`` gives the changes between two versions of the data
(:func:`diff_record`), each value as the data format writes it; ``history``
the changes of one record, commit by commit (:func:`history_record`).
"""

from __future__ import annotations

import datetime as _dt
import functools
from typing import TYPE_CHECKING, Any

from ._match import Match
from ._status import StatusReading
from .model import Agreement, Source
from .queries import status_for

if TYPE_CHECKING:
    import cattrs

    from ._history import History
    from .dataset import Dataset
    from .diffing import Diff, Difference

__all__ = ["agreement_record", "diff_record", "history_record", "list_record", "plain_value", "status_record"]


def status_record(reading: StatusReading, day: _dt.date) -> dict[str, Any]:
    """A status reading: ``{"day", "status", "certain", "otherwise"}``."""
    return {
        "day": day.isoformat(),
        "status": reading.status.value if reading.status is not None else None,
        "certain": reading.certain,
        "otherwise": [s.value if s is not None else None for s in reading.otherwise],
    }


def list_record(dataset: Dataset, match: Match, day: _dt.date, *, party: str | None = None) -> dict[str, Any]:
    """One agreement as the ``list --format json`` contract gives it.

    With ``party``, a multilateral instrument's ``status`` is that party's
    own, in an instrument's words (:func:`mou_tracker.queries.status_for`).
    """
    a = match.agreement
    reading = status_for(dataset, a, party, day)
    countries = sorted({c for c in (dataset.signatory(p).country for p in a.parties) if c is not None})
    term = a.term
    return {
        "id": a.id,
        "title": a.title.value,
        "titles": dict(a.titles),
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


def agreement_record(dataset: Dataset, agreement: Agreement, day: _dt.date) -> dict[str, Any]:
    """One agreement as ``show --format json`` gives it.

    Every field of the data format, in its order and form (a disputed value
    is its list of claims), then ``status`` (a :func:`status_record` for
    ``day``), ``referenced_by`` (``type``, ``source``: the instruments whose
    relations name this one) and ``cited`` (each cited source's record, by id).
    """
    record: dict[str, Any] = _full_converter().unstructure(agreement, Agreement)
    record["status"] = status_record(dataset.status_on(agreement, day), day)
    record["referenced_by"] = [
        {"type": r.type.value, "source": other.id} for other, r in dataset.referrers(agreement.id)
    ]
    known = {s.id for s in dataset.sources}
    record["cited"] = {
        ident: _source_record(dataset.source(ident)) for ident in agreement.cited_sources if ident in known
    }
    return record


@functools.cache
def _full_converter() -> cattrs.Converter:
    """The data format's converter, writing every field, defaults too; built once."""
    from ._convert import _make_converter

    return _make_converter(omit_if_default=False)


def _source_record(source: Source) -> dict[str, Any]:
    return {
        "language": source.language,
        "title": source.title,
        "publisher": source.publisher,
        "url": source.url,
        "published": str(source.published) if source.published is not None else None,
    }


def plain_value(value: Any) -> Any:
    """A value of the model as the data format writes it: a date or a kind as its string, a record as a mapping."""
    from collections.abc import Mapping

    from ._convert import _CONVERTER

    return dict(value) if isinstance(value, Mapping) else _CONVERTER.unstructure(value)


def diff_record(changes: Diff, old: str, new: str) -> dict[str, Any]:
    """A diff as ``diff --format json`` gives it: ``old``, ``new``, ``counts``, ``destructive`` and ``changes``.

    ``old`` and ``new`` name the two sides as they were given; ``counts`` has
    every kind of change, each with how many there are; ``destructive`` counts
    the destructive ones. Each change is ``kind``, ``collection``, ``id``,
    ``path`` (as the data format writes it; empty for the record itself),
    ``old``, ``new`` (each as the data format writes it, ``null`` when there
    is none) and ``destructive``.
    """
    from .diffing import DiffKind

    return {
        "old": old,
        "new": new,
        "counts": {kind.value: len(changes.of_kind(kind)) for kind in DiffKind},
        "destructive": len(changes.destructive),
        "changes": [_change_record(d) for d in changes],
    }


def _change_record(d: Difference) -> dict[str, Any]:
    return {
        "kind": d.kind.value,
        "collection": d.collection,
        "id": d.record,
        "path": d.field,
        "old": plain_value(d.old),
        "new": plain_value(d.new),
        "destructive": d.destructive,
    }


def history_record(found: History) -> dict[str, Any]:
    """A record's history as ``history --format json`` gives it: ``id``, ``path``, ``from`` and ``commits``.

    Each commit, newest first, is ``commit`` (the whole hash), ``short``,
    ``date`` (the committer date, in UTC), ``subject``, ``id`` (the record's
    id after the commit), ``problem`` (the first problem of its data, or
    ``null`` when it loads) and ``changes``, each as in :func:`diff_record`.
    """
    return {
        "id": found.id,
        "path": found.path,
        "from": found.start,
        "commits": [
            {
                "commit": r.commit.sha,
                "short": r.commit.short,
                "date": r.commit.date.isoformat().replace("+00:00", "Z"),
                "subject": r.commit.subject,
                "id": r.id,
                "problem": r.problem,
                "changes": [_change_record(d) for d in r.changes],
            }
            for r in found.revisions
        ],
    }
