"""The overview tables: the status of each agreement, agreements by area and status, parties, and areas."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence

import attrs

from ..dataset import Dataset
from ..dates import Truth
from ..model import Agreement, Area, Status
from ..naming import named_in
from ..queries import Match, status_for
from ..records import list_record
from .rendering import Report, render
from .words import _date, _name, _parties, party_name, status_label


def status_report(
    dataset: Dataset,
    day: _dt.date,
    *,
    matches: Iterable[Match] | None = None,
    lang: str = "en",
    party: str | None = None,
) -> Report:
    """The status of each agreement on ``day``: every one, or the ``matches`` of a query.

    A status followed by ``?`` is possible but not certain on that day, either
    because the date of the event that brings it is not known precisely
    enough or because a filter of the query was not sure. The JSON form is
    the ``list`` contract (:func:`mou_tracker.records.list_record`). With
    ``party``, a multilateral instrument's status is that party's own
    (:func:`mou_tracker.queries.status_for`).
    """
    rows = []
    data = []
    for match in matches if matches is not None else (Match(a, True) for a in dataset):
        a = match.agreement
        label = status_label(status_for(dataset, a, party, day))
        if not match.certain and not label.endswith("?"):
            label += "?"
        kind = a.kind.label if a.kind is not None else "unknown"
        rows.append((a.id, _name(a, lang), label, _date(a.signed), kind, _parties(dataset, a), " ".join(a.areas)))
        data.append(list_record(dataset, match, day, party=party))
    multilateral = party is not None and any(row_id in dataset and dataset[row_id].multilateral for row_id, *_ in rows)
    own = ""
    if party and multilateral:
        own = f" (multilateral instruments: their status for {party_name(dataset, party, lang)})"
    return Report(
        f"Status on {day.isoformat()}{own}",
        ("id", "name", "status", "signed", "kind", "parties", "areas"),
        tuple(rows),
        data,
        flexible="name",
        optional=("areas", "parties", "kind"),
    )


def status_table(dataset: Dataset, day: _dt.date, *, fmt: str = "simple", width: int | None = 80) -> str:
    """The status table of every agreement on ``day``, without its title line."""
    report = attrs.evolve(status_report(dataset, day), title=None)
    return render(report, fmt, width=width)


def _count(certain: int, possible: int) -> str:
    if not certain and not possible:
        return ""
    return f"{certain}+{possible}?" if possible else str(certain)


def _depths(areas: Sequence[Area]) -> dict[str, int]:
    parents = {a.id: a.parent for a in areas}
    depths: dict[str, int] = {}
    for area in areas:
        depth, current, seen = 0, area.parent, {area.id}
        while current is not None and current in parents and current not in seen:
            seen.add(current)
            depth += 1
            current = parents[current]
        depths[area.id] = depth
    return depths


def _tree_order(areas: Sequence[Area]) -> list[Area]:
    """Areas with each one's sub-areas right after it, in file order otherwise."""
    children: dict[str | None, list[Area]] = {}
    known = {a.id for a in areas}
    for area in areas:
        children.setdefault(area.parent if area.parent in known else None, []).append(area)
    out: list[Area] = []
    seen: set[str] = set()
    stack = list(reversed(children.get(None, [])))
    while stack:
        area = stack.pop()
        if area.id in seen:
            continue
        seen.add(area.id)
        out.append(area)
        stack.extend(reversed(children.get(area.id, [])))
    out.extend(a for a in areas if a.id not in seen)  # cycles, which validation reports
    return out


def matrix_report(dataset: Dataset, day: _dt.date, *, lang: str = "en") -> Report:
    """How many agreements of each area stood in each status on ``day``.

    An area counts the agreements of its sub-areas too, as the ``area``
    filter does, so rows overlap; the last row, ``all``, counts each
    agreement once. ``2+1?`` means two certainly and one more possibly.
    """
    readings = {a.id: dataset.status_on(a, day) for a in dataset}
    present = [s for s in Status if any(r.status is s for r in readings.values())]
    keys: list[Status | None] = [*present, *([None] if any(r.status is None for r in readings.values()) else [])]
    depths = _depths(dataset.areas)
    columns = ("area", "name", *(s.label if s is not None else "no record" for s in keys), "total")
    rows = []
    data = []

    def row(shown: str, ident: str | None, name: str, members: Iterable[Agreement], parent: str | None) -> None:
        members = list(members)
        counts = {}
        cells = []
        for key in keys:
            certain = sum(1 for a in members if readings[a.id].status is key and readings[a.id].certain)
            possible = sum(1 for a in members if readings[a.id].status is key and not readings[a.id].certain)
            cells.append(_count(certain, possible))
            if certain or possible:
                counts[key.value if key is not None else "none"] = {"certain": certain, "possible": possible}
        rows.append((shown, name, *cells, str(len(members))))
        data.append({"area": ident, "name": name, "parent": parent, "statuses": counts, "total": len(members)})

    for area in _tree_order(dataset.areas):
        within = dataset.subareas(area.id)
        members = [a for a in dataset if within.intersection(a.areas)]
        indent = "  " * depths[area.id]
        row(indent + area.id, area.id, named_in(area.names, area.name, lang), members, area.parent)
    row("all", None, "all agreements", dataset, None)
    return Report(
        f"Agreements by area and status on {day.isoformat()}",
        columns,
        tuple(rows),
        data,
        optional=("name",),
        abbreviations=_STATUS_ABBREVIATIONS,
        last_resort=("total",),
    )


_STATUS_ABBREVIATIONS = {
    "proposed": "prop",
    "negotiating": "neg",
    "concluded": "concl",
    "signed": "sign",
    "in effect": "eff",
    "completed": "done",
    "expired": "exp",
    "terminated": "term",
    "superseded": "supd",
    "abandoned": "aband",
    "no record": "none",
}


def party_report(dataset: Dataset, day: _dt.date, *, lang: str = "en") -> Report:
    """For each signatory: its agreements, how many were in effect on ``day``, and the last signed.

    A signatory counts the agreements of the bodies under it and of its
    predecessors and successors, as the ``party`` filter does. A
    multilateral instrument counts as in effect for a signatory when it is in
    force for that signatory's party to it, by the party's own actions
    (:func:`mou_tracker.queries.status_for`), not merely in force for others.
    """
    rows = []
    data = []
    for body in dataset.signatories:
        members = dataset.query().party(body.id).agreements()
        bodies = dataset.bodies(body.id)
        readings = [status_for(dataset, a, next((p for p in a.parties if p in bodies), None), day) for a in members]
        certain = sum(1 for r in readings if r.status is Status.IN_EFFECT and r.certain)
        possible = sum(1 for r in readings if r.status is Status.IN_EFFECT and not r.certain)
        dated = [a for a in members if a.signed is not None and a.signed.on_or_before(day) is not Truth.NO]
        last = max(dated, key=_signed_key, default=None)
        rows.append(
            (
                body.id,
                named_in(body.names, body.name, lang),
                body.country or "",
                str(len(members)),
                _count(certain, possible) or "0",
                str(last.signed) if last is not None else "",
                last.id if last is not None else "",
            )
        )
        data.append(
            {
                "id": body.id,
                "name": body.name,
                "kind": body.kind.value,
                "country": body.country,
                "agreements": [a.id for a in members],
                "in_effect": {"certain": certain, "possible": possible},
                "last_signed": {"id": last.id, "date": str(last.signed)} if last is not None else None,
            }
        )
    return Report(
        f"Parties on {day.isoformat()}",
        ("party", "name", "country", "agreements", "in effect", "last signed", "latest"),
        tuple(rows),
        data,
        flexible="name",
        optional=("latest", "country"),
    )


def _signed_key(agreement: Agreement) -> tuple[_dt.date, _dt.date]:
    signed = agreement.signed
    assert signed is not None
    return signed.sort_key


def area_report(dataset: Dataset, *, lang: str = "en") -> Report:
    """The areas as a tree, with how many agreements each has, directly and with its sub-areas."""
    depths = _depths(dataset.areas)
    rows = []
    data = []
    for area in _tree_order(dataset.areas):
        within = dataset.subareas(area.id)
        direct = [a.id for a in dataset if area.id in a.areas]
        every = [a.id for a in dataset if within.intersection(a.areas)]
        name = named_in(area.names, area.name, lang)
        rows.append(("  " * depths[area.id] + area.id, name, str(len(direct)), str(len(every))))
        data.append(
            {
                "id": area.id,
                "name": area.name,
                "names": dict(area.names),
                "parent": area.parent,
                "agreements": direct,
                "with_subareas": every,
            }
        )
    return Report(
        "Areas of cooperation",
        ("area", "name", "agreements", "with sub-areas"),
        tuple(rows),
        data,
        flexible="name",
    )
