"""Reports as strings: renderers never print.

Each report is first built as a :class:`Report`: column names, rows of text,
and the same content as plain data for JSON. :func:`render` then writes it in
any tabulate format, as ``csv`` or as ``json``. The JSON forms are a stable
contract, described in ``docs/cli.md``.

Tables fit ``width`` columns (80 by default): the report's flexible column, a
name, is shortened, and its optional columns are given up, least useful
first. ``width=None`` shows everything whole. CSV and JSON are never
shortened.

An agreement's name is its title, followed by its short name in
parentheses when it has one the title does not hold:
``Memorandum of Understanding on the Innovation Talent Exchange Programme
(ITX)``. A name cut to fit keeps that ending whole (:func:`shorten`).

>>> import datetime, mou_tracker
>>> from mou_tracker.reports import render, status_report
>>> data = mou_tracker.load()
>>> report = status_report(data, datetime.date(2025, 10, 15), matches=data.query().text("action programme"))
>>> print(render(report, "plain"))
Status on 2025-10-15
<BLANKLINE>
id                    name                       status      signed    kind
csp-action-programme  2025–2030 Action Program…  in effect?            programme
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import attrs
from tabulate import tabulate, tabulate_formats

from ._characters import is_visible, json_text, visible
from .dataset import Dataset, StatusReading
from .dates import DateInterval, End, PartialDate, Truth
from .model import Action, ActionKind, Agreement, Area, Signatory, SignatoryKind, Source, Status, StatusEvent
from .naming import TREE, name_of, named_in, shorten, title_of
from .participation import Binding, PartyReading
from .queries import ActionChange, ChainLink, Due, Match, StatusChange, target_met
from .records import list_record

__all__ = [
    "ACTIONS_NOTE",
    "DERIVED_MARK",
    "FORMATS",
    "LANGUAGES",
    "TIMELINE_NOTE",
    "Report",
    "action_label",
    "actions_report",
    "area_report",
    "bound_report",
    "card",
    "chain_report",
    "changes_report",
    "collection_date",
    "due_report",
    "in_words",
    "matrix_report",
    "name_of",
    "named_in",
    "participation_report",
    "party_facts",
    "party_label",
    "party_name",
    "party_record",
    "party_report",
    "render",
    "shorten",
    "status_label",
    "status_report",
    "status_table",
    "timeline_report",
    "title_of",
]

FORMATS: Final = ("json", "csv", *tabulate_formats)
"""Every output format: JSON, CSV and each of tabulate's table formats."""

LANGUAGES: Final = ("en", "vi")

# Formats that are markup or data for another program: their tables are never
# shortened to fit a terminal, and they get no title line of plain text.
_MARKUP: Final = frozenset(
    {"html", "unsafehtml", "latex", "latex_raw", "latex_booktabs", "latex_longtable", "mediawiki", "moinmoin",
     "youtrack", "textile", "tsv"}
)  # fmt: skip
"""Languages titles and names can be shown in; English is the data's own."""

_MIN_FLEXIBLE = 24


@attrs.frozen
class Report:
    """A report before rendering: a title, columns, rows of text and plain data.

    To fit a width, a table first leaves out its ``optional`` columns, the
    first given up first, while its ``flexible`` column would otherwise be
    narrower than 24 characters; then shortens the ``flexible`` column, or
    wraps it when ``wrap`` is set (when there are several, each in turn, all
    but the last keeping 24 characters); and last uses the ``abbreviations`` of
    its column names, with a legend under the table, and then leaves out
    the ``last_resort`` columns. A ``note`` is printed under the table of a
    terminal format, to say how to read it.
    """

    title: str | None
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    data: Any = attrs.field(eq=False)
    flexible: str | tuple[str, ...] | None = None
    optional: tuple[str, ...] = ()
    wrap: bool = False
    abbreviations: Mapping[str, str] = attrs.field(factory=dict, eq=False)
    last_resort: tuple[str, ...] = ()
    note: str | None = attrs.field(default=None, eq=False)


def render(report: Report, fmt: str = "simple", *, width: int | None = 80) -> str:
    """``report`` as text in ``fmt``: a tabulate format, ``csv`` or ``json``.

    Table formats for the terminal start with the report's title and a
    blank line; markup formats (HTML, LaTeX, MediaWiki…) and TSV are the
    table alone, never shortened.

    No format writes a control character, bidirectional control, lone
    surrogate or non-character as it is, even from a dataset built in code
    without the loader's checks: CSV and the tables show each as its escape
    (``\\x1b``), JSON as its ``\\u`` escape.
    """
    if fmt == "json":
        return json_text(report.data)
    report = _visible(report)
    if fmt == "csv":
        return _csv(report.columns, report.rows)
    _check(fmt)
    if fmt in _MARKUP:
        return _table(report.columns, report.rows, fmt)
    table = _fit(report, fmt, width)
    if report.note:
        table += "\n\n" + _fill(report.note, width)
    return f"{report.title}\n\n{table}" if report.title else table


def _visible(report: Report) -> Report:
    """``report`` with any character a terminal would act on shown as its escape (see :func:`render`)."""
    if is_visible("".join([report.title or "", *report.columns, *(cell for row in report.rows for cell in row)])):
        return report
    return attrs.evolve(
        report,
        title=visible(report.title) if report.title is not None else None,
        columns=tuple(visible(c) for c in report.columns),
        rows=tuple(tuple(visible(cell) for cell in row) for row in report.rows),
    )


def _check(fmt: str) -> None:
    if fmt not in tabulate_formats:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def _csv(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    from .exports.tabular import spreadsheet_safe as cell  # the one guard of every delimited output

    # Rows end with LF, but each is written as if they ended with CR LF: the
    # csv module quotes only the line-ending characters of its own dialect,
    # and a lone CR left unquoted in a cell would end the row for a reader.
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = []
    for row in [columns, *([cell(c.lstrip(TREE)) for c in row] for row in rows)]:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        lines.append(buffer.getvalue().removesuffix("\r\n"))
    return "\n".join(lines)


# Formats whose cells a spreadsheet reads one by one: each is guarded as CSV's are.
_DELIMITED: Final = frozenset({"tsv"})


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], fmt: str, wrap: Sequence[int | None] = ()) -> str:
    if fmt in _DELIMITED:  # guarded as the CSV is, by the one helper (imported only for them)
        from .exports.tabular import spreadsheet_safe as cell

        headers = [cell(h) for h in headers]
        rows = [[cell(c) for c in row] for row in rows]
    # Wrapping breaks lines at spaces only, so that ids and addresses stay whole.
    return tabulate(
        rows,
        headers=list(headers),
        tablefmt=fmt,
        disable_numparse=True,
        preserve_whitespace=True,
        maxcolwidths=list(wrap) or None,
        break_long_words=False,
        break_on_hyphens=False,
    )


def _text_width(text: str) -> int:
    return max((len(line) for line in text.splitlines()), default=0)


def _probe_width(headers: Sequence[str], rows: Sequence[Sequence[str]], fmt: str) -> int:
    """The width of the table, from a table of one row: the widest cell of each column.

    A column is as wide as its widest cell, so the one row gives the same
    width as every row, at a fraction of the cost.
    """
    if not rows:
        return _text_width(_table(headers, rows, fmt))
    probe = [max((row[i] for row in rows), key=_text_width) for i in range(len(headers))]
    return _text_width(_table(headers, [probe], fmt))


# Text every character of which is one column wide on a terminal, as its
# length says: Latin letters with their accents (precomposed, as Vietnamese is
# written), punctuation, arrows and the box drawing of trees. Only such tables
# are measured by probe.
_ONE_COLUMN_EACH = re.compile(
    "[\n\x20-\x7e\u00a0-\u00ac\u00ae-\u024f\u1e00-\u1eff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u257f]*"
)


def _fit(report: Report, fmt: str, width: int | None, *, probe: bool = True) -> str:
    if probe and width is not None:
        texts = "".join([*report.columns, *(cell for row in report.rows for cell in row)])
        probe = _ONE_COLUMN_EACH.fullmatch(texts) is not None
    columns = list(report.columns)
    optional = [c for c in report.optional if c in columns]
    headers = columns
    while True:
        picks = [report.columns.index(c) for c in columns]
        rows = [[row[i] for i in picks] for row in report.rows]
        if probe and width is not None:
            over = _probe_width(headers, rows, fmt) - width
            text = "" if over > 0 and rows else _table(headers, rows, fmt)
        else:
            text = _table(headers, rows, fmt)
            over = _text_width(text) - width if width is not None else 0
        if over <= 0 or not rows:
            break
        flexibles = (report.flexible,) if isinstance(report.flexible, str) else report.flexible or ()
        shown = [columns.index(f) for f in flexibles if f in columns]
        if shown:
            widths = {i: max([len(headers[i]), *(len(ln) for r in rows for ln in r[i].splitlines())]) for i in shown}
            if widths[shown[0]] - over >= _MIN_FLEXIBLE or not optional:
                # Each flexible column in turn gives up what is still over; all but the last keep
                # _MIN_FLEXIBLE characters (or what they have), the last down to its header.
                targets = dict(widths)
                left = over
                for n, i in enumerate(shown):
                    floor = max(len(headers[i]), 1) if n == len(shown) - 1 else min(widths[i], _MIN_FLEXIBLE)
                    targets[i] = max(targets[i] - left, floor)
                    left = over - sum(widths[j] - targets[j] for j in shown)
                for i in shown[:-1]:  # still over: the others give up their 24 too, down to their headers
                    targets[i] = max(targets[i] - max(left, 0), len(headers[i]), 1)
                    left = over - sum(widths[j] - targets[j] for j in shown)
                if report.wrap:
                    text = _table(headers, rows, fmt, [targets.get(i) for i in range(len(rows[0]))])
                else:
                    for row in rows:
                        for i, target in targets.items():
                            row[i] = shorten(row[i], target, keep=getattr(row[i], "ending", ""))
                    text = _table(headers, rows, fmt)
                break
        if optional:
            columns.remove(optional.pop(0))
            headers = columns
        elif report.abbreviations and headers is columns:
            headers = [report.abbreviations.get(c, c) for c in columns]
        elif any(c in columns for c in report.last_resort):
            gone = next(c for c in report.last_resort if c in columns)
            if headers is not columns:
                del headers[columns.index(gone)]
            columns.remove(gone)
        else:
            break
    if not text:
        text = _table(headers, rows, fmt)
    if headers is columns:
        return text
    legend = ", ".join(f"{report.abbreviations[c]}: {c}" for c in columns if c in report.abbreviations)
    return f"{text}\n\n{_fill(legend, width)}"


class _Name(str):
    """A name as a table cell: text whose ``ending``, the short name in parentheses, a cut keeps."""

    ending: str


def _name(agreement: Agreement, lang: str) -> str:
    """The agreement's name (:func:`name_of`), as a cell that remembers its short name's ending."""
    text = name_of(agreement, lang)
    cell = _Name(text)
    cell.ending = f" ({agreement.short})" if agreement.short and text.endswith(f" ({agreement.short})") else ""
    return cell


# ---------------------------------------------------------------- words


def status_label(reading: StatusReading) -> str:
    """``in effect``, or ``in effect?`` when that is only possible; ``-`` before any event."""
    if reading.status is None:
        return "-"
    return reading.status.label + ("" if reading.certain else "?")


def _date(date: PartialDate | DateInterval | None) -> str:
    return str(date) if date is not None else ""


def in_words(day: _dt.date, today: _dt.date) -> str:
    """How far ``day`` is from ``today``, in words: ``in 3 months``, ``2 years ago``, ``today``."""
    import pendulum

    if day == today:
        return "today"
    first, last = sorted((day, today))
    span = pendulum.Date(first.year, first.month, first.day).diff(pendulum.Date(last.year, last.month, last.day))
    words = pendulum.format_diff(span, is_now=False, absolute=True, locale="en")
    return f"in {words}" if day > today else f"{words} ago"


def _parties(dataset: Dataset, agreement: Agreement) -> str:
    codes: list[str] = []
    for ident in agreement.parties:
        body = dataset.signatory(ident)
        code = body.country or body.id
        if code not in codes:
            codes.append(code)
    return " ".join(sorted(codes))


# ---------------------------------------------------------------- reports


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
    from .queries import status_for

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
    from .queries import status_for

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


def timeline_report(dataset: Dataset, *, lang: str = "en") -> Report:
    """Every recorded event, oldest first; ``*`` marks a date or status sources dispute.

    Events are ordered by what is known of their dates
    (:attr:`~mou_tracker.dates.PartialDate.timeline_key`): by the first day
    each may be on, and an event known only to have happened by some day
    (``../2025-03-25``) on that day, after the events known to fall on it.
    The note under the table says so.
    """
    rows: list[_Row] = []
    for a in dataset:
        for e in a.history:
            disputed = e.date.disputed or e.status.disputed
            rows.append(_status_row(a, e, "*" if disputed else "", {"disputed": disputed}))
    for a in dataset:
        for action in a.actions:
            disputed = action.date.disputed
            rows.append(_action_row(dataset, a, action, "*" if disputed else "", {"disputed": disputed}, lang=lang))
    rows.sort(key=lambda row: row.date.timeline_key)  # stable: on one day, status events before actions
    report = _events_report("Timeline", "event", rows, lang)
    acted = any(a.actions for a in dataset)
    return attrs.evolve(report, note=TIMELINE_NOTE + (" " + ACTIONS_NOTE if acted else ""))


TIMELINE_NOTE: Final = (
    "Oldest first, by the first day each event may be on; an event known only to have happened "
    "by some day (../2025-03-25) is placed on that day. * marks a date or status that sources dispute."
)
"""How the timeline is ordered, as the note under it says."""

ACTIONS_NOTE: Final = (
    "A party's own action on a multilateral instrument is named by the party: 'VN: ratification' "
    "(a State by its country code)."
)
"""What the timeline's note adds when the data records parties' actions."""


def changes_report(
    found: Sequence[StatusChange],
    start: _dt.date,
    end: _dt.date,
    *,
    lang: str = "en",
    actions: Sequence[ActionChange] = (),
    dataset: Dataset | None = None,
) -> Report:
    """The events :func:`mou_tracker.queries.changes` found, and the parties' ``actions``, newest first.

    ``?`` after a date marks one that may fall outside the window. An action
    (:func:`mou_tracker.queries.action_changes`) is named by its party, which
    ``dataset`` names; its JSON record has ``party`` and ``action``, and a
    null ``status``.
    """
    rows = [_status_row(c.agreement, c.event, "" if c.certain else "?", {"certain": c.certain}) for c in found]
    if actions:
        if dataset is None:
            raise ValueError("changes_report needs the dataset to name the parties of actions")
        rows.extend(
            _action_row(dataset, c.agreement, c.action, "" if c.certain else "?", {"certain": c.certain}, lang=lang)
            for c in actions
        )
        rows.sort(key=lambda row: row.date.timeline_key, reverse=True)
    return _events_report(f"Changes from {start.isoformat()} to {end.isoformat()}", "status", rows, lang)


@attrs.frozen
class _Row:
    """A row of the timeline or the changes: a status event or a party's action, before it is shown."""

    agreement: Agreement
    date: PartialDate | DateInterval
    mark: str
    what: str
    data: dict[str, Any]
    sources: tuple[str, ...]


def _status_row(a: Agreement, e: StatusEvent, mark: str, fields: dict[str, Any]) -> _Row:
    data = {"date": str(e.date.value), "id": a.id, "title": a.title.value, "status": e.status.value.value, **fields}
    return _Row(a, e.date.value, mark, e.status.value.label, data, e.all_sources)


def _action_row(
    dataset: Dataset, a: Agreement, action: Action, mark: str, fields: dict[str, Any], *, lang: str
) -> _Row:
    data = {
        "date": str(action.date.value),
        "id": a.id,
        "title": a.title.value,
        "status": None,
        "party": action.party,
        "action": action.action.value,
        **fields,
    }
    return _Row(a, action.date.value, mark, action_label(dataset, action, lang), data, action.all_sources)


def _events_report(title: str, column: str, events: Iterable[_Row], lang: str) -> Report:
    """Status events and actions as rows: each with the mark after its date and its own JSON fields."""
    rows = []
    data = []
    for row in events:
        a = row.agreement
        rows.append((str(row.date) + row.mark, a.id, _name(a, lang), row.what, " ".join(row.sources)))
        data.append({**row.data, "sources": list(row.sources)})
    return Report(title, ("date", "id", "name", column, "sources"), tuple(rows), data, "name", ("sources",))


def due_report(found: Sequence[Due], today: _dt.date, until: _dt.date, *, lang: str = "en") -> Report:
    """What :func:`mou_tracker.queries.due` found, with how far each is from ``today`` in words.

    The distance is to the last day a date allows (a target "by 2026" is due
    by 31 December 2026). ``overdue`` is ``yes`` when that day has passed and
    nothing records the target met; ``?`` after a date marks one that may
    fall outside the window. A target of a multilateral instrument that a
    party has yet to meet names the party and what it has yet to do
    (``vn consent pending: In force for every party``); its JSON record has
    ``party`` and ``pending``.
    """
    rows = []
    data = []
    for item in found:
        latest = item.date.latest
        when = in_words(latest, today) if latest is not None else ""
        what = item.what if item.party is None else f"{item.party} {item.pending} pending: {item.what}"
        rows.append(
            (
                str(item.date) + ("" if item.certain else "?"),
                when,
                item.agreement.id,
                what,
                "yes" if item.overdue else "",
                _name(item.agreement, lang),
            )
        )
        record = {
            "date": str(item.date),
            "when": when,
            "id": item.agreement.id,
            "title": item.agreement.title.value,
            "what": item.what,
            "overdue": item.overdue,
            "certain": item.certain,
        }
        if item.party is not None:
            record.update(party=item.party, pending=item.pending)
        data.append(record)
    title = f"Due from {today.isoformat()} to {until.isoformat()}, and overdue"
    columns = ("date", "when", "id", "what", "overdue", "name")
    return Report(title, columns, tuple(rows), data, ("name", "what"), ("name",))


def chain_report(dataset: Dataset, root: ChainLink, day: _dt.date, *, lang: str = "en") -> Report:
    """The chain tree of :func:`mou_tracker.queries.chain`, each line read from its parent.

    ``implements`` under a node means the node implements the line's
    instrument; ``implemented by`` means the line's instrument implements it.
    """
    rows: list[tuple[str, ...]] = []

    def node(link: ChainLink) -> dict[str, Any]:
        reading = dataset.status_on(link.agreement, day)
        return {
            "id": link.agreement.id,
            "title": link.agreement.title.value,
            "relation": link.relation.value if link.relation is not None else None,
            "direction": None if link.relation is None else ("to" if link.outgoing else "from"),
            "status": reading.status.value if reading.status is not None else None,
            "certain": reading.certain,
            "links": [node(child) for child in link.links],
        }

    def walk(link: ChainLink, lead: str, last: bool, top: bool) -> None:
        branch = "" if top else ("└── " if last else "├── ")
        relation = ""
        if link.relation is not None:
            relation = link.relation.label if link.outgoing else link.relation.inverse_label
        a = link.agreement
        rows.append((lead + branch + a.id, relation, status_label(dataset.status_on(a, day)), _name(a, lang)))
        below = lead + ("" if top else ("    " if last else "│   "))
        for i, child in enumerate(link.links):
            walk(child, below, i == len(link.links) - 1, False)

    walk(root, "", True, True)
    return Report(
        f"Chain of {root.agreement.id} on {day.isoformat()}",
        ("instrument", "relation", "status", "name"),
        tuple(rows),
        node(root),
        flexible="name",
    )


# ---------------------------------------------------------------- the card


def card(
    dataset: Dataset,
    ident: str,
    day: _dt.date,
    *,
    fmt: str = "simple",
    width: int | None = 80,
    lang: str = "en",
    party: str | None = None,
) -> str:
    """Everything about one agreement: its facts, history, relations, targets and sources.

    In JSON, the whole record as the data file has it, with its status on
    ``day``, the instruments that refer to it and the sources it cites
    (:func:`mou_tracker.records.agreement_record`); in CSV, ``field,value``
    rows; in a table format, one table per part, long values wrapped. As in
    :func:`render`, no character a terminal would act on is written as it is.
    A multilateral instrument's card has each party's participation
    (:func:`participation_report`). With ``party`` (an id, a country code
    or a name), the card also reads the instrument's status for that party
    on ``day`` (:func:`party_facts`; in JSON, ``party_status``, a
    :func:`party_record`).
    """
    from .records import agreement_record

    a = dataset[ident]
    if fmt == "json":
        record = agreement_record(dataset, a, day)
        if party is not None:
            record["party_status"] = party_record(dataset, a, party, day)
        return json_text(record)
    facts = _facts(dataset, a, day, lang)
    if party is not None:
        at = next(i for i, (field, _value) in enumerate(facts) if field == "signed")
        facts[at:at] = party_facts(dataset, a, party, day, lang)
    if fmt == "csv":
        return _csv(("field", "value"), _visible(Report(None, ("field", "value"), tuple(facts), None)).rows)
    _check(fmt)
    if fmt in _MARKUP:
        width = None
    heading = visible(f"{a.id}: {title_of(a, lang)}")
    sections = [_prose(_fill(heading, width), fmt)]

    def section(name: str | None, columns: tuple[str, ...], rows: Iterable[tuple[str, ...]], flexible: str) -> None:
        rows = tuple(rows)
        if rows:
            table = _fit(_visible(Report(None, columns, rows, None, flexible, wrap=True)), fmt, width)
            sections.append(f"{_prose(name, fmt)}\n\n{table}" if name else table)

    section(None, ("field", "value"), facts, "value")
    section("History", ("date", "status", "sources", "note"), (_event_row(e) for e in a.history), "note")
    if a.multilateral:
        participation = participation_report(dataset, a, lang=lang)
        section("Participation", participation.columns, participation.rows, "footnotes")
        if participation.note:
            sections.append(_prose(_fill(participation.note, width), fmt))
    relations = [(r.type.label, r.target, _name_if(dataset, r.target, lang)) for r in a.relations]
    relations += [(r.type.inverse_label, other.id, _name(other, lang)) for other, r in dataset.referrers(a.id)]
    section("Relations", ("relation", "id", "name"), relations, "name")
    section(
        "Targets",
        ("target", "status", "due", "met"),
        ((t.description, t.status.label, _date(t.due), "yes" if target_met(a, t) else "no") for t in a.targets),
        "target",
    )
    cited = [dataset.source(i) for i in a.cited_sources]
    section("Sources", ("source", "what"), ((c.id, _describe(c)) for c in cited), "what")
    # Addresses go under the table, whole, one to a line, so that they can be followed.
    addresses = [visible(f"{c.id}: {c.url}", lines=False) for c in cited if c.url]
    if addresses:
        sections.append(_prose("\n".join(addresses), fmt))
    if a.notes:
        sections.append(_prose("Notes", fmt) + "\n\n" + _prose(_fill(visible(a.notes), width), fmt))
    return "\n\n".join(sections)


_LATEX = str.maketrans(
    {"&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_", "{": r"\{", "}": r"\}",
     "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "\\": r"\textbackslash{}"}
)  # fmt: skip


def _prose(text: str, fmt: str) -> str:
    """Text outside a table, escaped for the markup ``fmt`` writes (the tables escape their own cells)."""
    if fmt == "html":
        import html

        return "<p>" + html.escape(text).replace("\n", "<br>\n") + "</p>"
    if fmt.startswith("latex") and fmt != "latex_raw":
        return text.translate(_LATEX)
    return text


def _fill(text: str, width: int | None) -> str:
    if width is None:
        return text
    return textwrap.fill(text, width, break_long_words=False, break_on_hyphens=False)


def _event_row(event: StatusEvent) -> tuple[str, str, str, str]:
    """A history row: the preferred date and status (``*`` when disputed), and what else is reported."""
    notes = [event.note] if event.note else []
    for what, claimed in (("date", event.date), ("status", event.status)):
        for claim in claimed.claims:
            text = claim.value.label if isinstance(claim.value, Status) else str(claim.value)
            if claimed.disputed and claim is not claimed.preferred:
                notes.append(
                    f"{what} {text} per {', '.join(claim.sources)}" + (f": {claim.note}" if claim.note else "")
                )
            elif claim.note:
                notes.append(claim.note)
    return (
        str(event.date.value) + ("*" if event.date.disputed else ""),
        event.status.value.label + ("*" if event.status.disputed else ""),
        "\n".join(event.all_sources),
        " ".join(notes),
    )


def _describe(source: Source) -> str:
    """What a source is: its title (its notes when it has none), publisher and date of publication."""
    notes = source.notes.rstrip(".") if source.notes and not source.title else None
    parts = [source.title or notes, source.publisher, _date(source.published) or None]
    return "; ".join(p for p in parts if p) or "no title, publisher, date or notes recorded"


def _name_if(dataset: Dataset, ident: str, lang: str) -> str:
    return _name(dataset[ident], lang) if ident in dataset else ""


def _body(dataset: Dataset, ident: str, lang: str) -> str:
    body: Signatory = dataset.signatory(ident)
    return named_in(body.names, body.name, lang)


def _facts(dataset: Dataset, a: Agreement, day: _dt.date, lang: str) -> list[tuple[str, str]]:
    reading = dataset.status_on(a, day)
    facts: list[tuple[str, str]] = [("title", a.title.value)]
    for claim in a.title.claims[1:] if a.title.disputed else ():
        facts.append(("also titled", claim.value))
    for language, title in a.titles.items():
        facts.append((f"title ({language})", title))
    if a.short:
        facts.append(("short name", a.short))
    if a.aliases:
        facts.append(("also known as", "; ".join(a.aliases)))
    facts.append(("kind", a.kind.label if a.kind is not None else "unknown"))
    facts.append(("binding", {True: "yes", False: "no", None: "unknown"}[a.binding]))
    facts.append((f"status on {day.isoformat()}", status_label(reading)))
    if not reading.certain:
        others = ", ".join(s.label if s is not None else "nothing recorded" for s in reading.otherwise)
        facts.append(("or else", others))
    facts.append(("signed", _date(a.signed) or "unknown"))
    facts.append(("parties", "; ".join(_body(dataset, p, lang) for p in a.parties) or "unknown"))
    for label, people in (("signed by", a.signed_by), ("witnessed by", a.witnesses)):
        for p in people:
            person = dataset.person(p.person)
            who = named_in(person.names, person.name, lang)
            facts.append((label, f"{who}, {p.role}" if p.role else who))
    if a.place:
        facts.append(("place", a.place))
    if a.areas:
        facts.append(("areas", "; ".join(named_in(dataset.area(x).names, dataset.area(x).name, lang) for x in a.areas)))
    if a.term is not None:
        t = a.term
        facts.append(("term", f"{_date(t.start) or 'unknown'} to {_date(t.end) or 'unknown'}"))
        if t.renewal:
            facts.append(("renewal", t.renewal))
        if t.notice_by is not None:
            facts.append(("notice by", str(t.notice_by)))
    return facts


# ---------------------------------------------------------------- each party's participation

_SHORT_MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

DERIVED_MARK: Final = "*"
"""The mark after an entry into force derived from the instrument's clause rather than given by a source."""


SILENT_NOTE: Final = "a blank date is one no cited source gives, not a step known not to have been taken"
"""The note under a participation table with a blank: the sources are silent, which says nothing of absence."""


def collection_date(date: PartialDate | DateInterval) -> str:
    """A date as the UN Treaty Collection writes it: ``25 Jul 1994``; ``Jul 1994`` or ``1994`` when known only so.

    A range is its two ends apart by an en dash, an unknown end ``?`` and an
    open one left out (``by 30 Apr 1995``, ``from 31 Mar 1995``).

    >>> from mou_tracker import parse_date
    >>> [collection_date(parse_date(t)) for t in ("1994-07-25", "1995-03", "1995-03-31/1995-04-30", "../1995")]
    ['25 Jul 1994', 'Mar 1995', '31 Mar 1995 – 30 Apr 1995', 'by 1995']
    """
    if isinstance(date, PartialDate):
        if date.month is None:
            return f"{date.year:04d}"
        month = f"{_SHORT_MONTHS[date.month - 1]} {date.year:04d}"
        return month if date.day is None else f"{date.day} {month}"
    start, end = date.start, date.end
    if start is End.OPEN and isinstance(end, PartialDate):
        return f"by {collection_date(end)}"
    if end is End.OPEN and isinstance(start, PartialDate):
        return f"from {collection_date(start)}"
    first = collection_date(start) if isinstance(start, PartialDate) else "?"
    last = collection_date(end) if isinstance(end, PartialDate) else "?"
    return f"{first} – {last}"


def _signatory_name(dataset: Dataset, ident: str, lang: str) -> str:
    body = dataset.signatory(ident)
    return named_in(body.names, body.name, lang)


def party_name(dataset: Dataset, who: str, lang: str = "en") -> str:
    """The name of the party ``who`` stands for, as the commands take one: an id, a country code or a name.

    A country code is named by its state (the first signatory of that
    country that is a state, else the first of that country).
    """
    if any(s.id == who for s in dataset.signatories):
        return _signatory_name(dataset, who, lang)
    if len(who) == 2 and who.isupper():
        among = [s for s in dataset.signatories if s.country == who]
        states = [s for s in among if s.kind is SignatoryKind.STATE]
        body = next(iter(states or among), None)
        if body is None:
            dataset.bodies(who)  # an unknown code is an error, with suggestions
            return who
        return named_in(body.names, body.name, lang)
    body = dataset.find_signatory(who)
    return named_in(body.names, body.name, lang)


def party_label(reading: PartyReading) -> str:
    """``in force``, or ``in force?`` when that is only possible."""
    return reading.status.label + ("" if reading.certain else "?")


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


# Shorter words for the kinds whose labels are long, where a column of statuses names them.
_SHORT_ACTIONS: Mapping[ActionKind, str] = {
    ActionKind.TERRITORIAL_APPLICATION: "application",
    ActionKind.ENTRY_INTO_FORCE: "in force",
    ActionKind.WITHDRAWAL: "withdrawal notified",
    ActionKind.WITHDRAWAL_EFFECTIVE: "withdrawn",
}


def action_label(dataset: Dataset, action: Action, lang: str = "en") -> str:
    """An action as the timeline and the changes name it: ``VN: ratification``, ``SG: in force``.

    A State is named by its country code and any other party by its name,
    and the kinds with long labels are said shortly (``in force`` for the
    entry into force for the party), to leave the instrument's name room in
    an 80-column table.
    """
    party = dataset.signatory(action.party)
    state = party.kind is SignatoryKind.STATE and party.country is not None
    who = party.country if state and party.country is not None else _signatory_name(dataset, action.party, lang)
    return f"{who}: {_SHORT_ACTIONS.get(action.action, action.action.label)}"


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
