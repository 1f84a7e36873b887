"""The dataset as a static HTML report: the status table, what is due and the timeline.

The page is one self-contained file: its style is inline, it runs no script
and loads nothing from elsewhere (its Content-Security-Policy forbids it), so
it can be mailed, archived or opened offline. Its tables are the rows of
:func:`~mou_tracker.reports.status_report`, :func:`~mou_tracker.reports.due_report`
and :func:`~mou_tracker.reports.timeline_report`, so they read as the CLI's
do, with what a terminal abbreviates written out: the parties and areas of
the status table by name rather than by code and id, and each source id
of the timeline a link to its row in the sources table. A source with no
title is described there by its notes. Every value is escaped
(:func:`escape`, as the template's autoescaping does): a title that holds markup shows as text.

>>> import datetime, mou_tracker
>>> from mou_tracker.exports.html import export_html
>>> page = export_html(mou_tracker.load(), day=datetime.date(2026, 1, 1)).decode()
>>> print(page[:page.index("<meta")].strip())
<!DOCTYPE html>
<html lang="en">
<head>
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
import urllib.parse
from collections.abc import Sequence
from typing import Final

import attrs
import jinja2

from .._html import escape
from .._version import __version__
from ..dataset import Dataset
from ..dates import years_after
from ..model import Agreement, SignatoryKind
from ..naming import named_in
from ..queries import due
from ..reports import Report, due_report, status_report, timeline_report

__all__ = ["escape", "export_html", "source_anchor"]

_LINKABLE: Final = re.compile(r"https?://\S+", re.ASCII)
# Columns whose cells should not wrap.
_UNBROKEN: Final = {"id": "id", "date": "date", "signed": "date"}


def source_anchor(ident: str) -> str:
    """The id of a source's row in the report's sources table: ``source-`` and the source's id."""
    return f"source-{ident}"


@attrs.frozen
class _Part:
    """Some text of a cell, a link within the page when ``href`` is set."""

    text: str
    href: str | None = None


@attrs.frozen
class _Row:
    cells: tuple[tuple[_Part, ...], ...]
    mark: str | None = None


@attrs.frozen
class _Section:
    anchor: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[_Row, ...]
    empty: str

    @property
    def classes(self) -> tuple[str, ...]:
        return tuple(_UNBROKEN.get(c, "") for c in self.columns)


@attrs.frozen
class _SourceRow:
    id: str
    anchor: str
    title: str
    untitled: bool
    """Whether ``title`` is the source's notes, for want of a title."""
    publisher: str
    published: str
    link: str | None


@functools.cache
def _template() -> jinja2.Template:
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("mou_tracker.exports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return environment.get_template("report.html.j2")


def _section(
    anchor: str,
    report: Report,
    empty: str,
    *,
    mark: str | None = None,
    column: str = "",
    cells: Sequence[tuple[tuple[_Part, ...], ...]] | None = None,
) -> _Section:
    """A table of ``report``'s rows, or of ``cells`` (its rows with some cells written out) when given."""
    index = report.columns.index(column) if column else None
    if cells is None:
        cells = [tuple((_Part(cell),) for cell in row) for row in report.rows]
    rows = tuple(
        _Row(parts, mark if index is not None and row[index] else None)
        for row, parts in zip(report.rows, cells, strict=True)
    )
    return _Section(anchor, report.title or "", report.columns, rows, empty)


def _status_cells(dataset: Dataset, report: Report, lang: str) -> list[tuple[tuple[_Part, ...], ...]]:
    """The status table's rows with the parties and areas named."""
    parties, areas = report.columns.index("parties"), report.columns.index("areas")
    out: list[tuple[tuple[_Part, ...], ...]] = []
    for row, agreement in zip(report.rows, dataset.agreements, strict=True):
        named = {parties: _party_names(dataset, agreement, lang), areas: _area_names(dataset, agreement, lang)}
        out.append(tuple((_Part(named.get(i, cell)),) for i, cell in enumerate(row)))
    return out


def _party_names(dataset: Dataset, agreement: Agreement, lang: str) -> str:
    """The parties by name; a body that is not a state with its country's, so two ministries are told apart."""
    states = {b.country: b for b in dataset.signatories if b.kind is SignatoryKind.STATE and b.country}
    names = []
    for body in (dataset.signatory(p) for p in dict.fromkeys(agreement.parties)):
        name = named_in(body.names, body.name, lang)
        if body.kind is not SignatoryKind.STATE and body.country is not None:
            state = states.get(body.country)
            name += f" ({named_in(state.names, state.name, lang) if state is not None else body.country})"
        names.append(name)
    return "; ".join(names)


def _area_names(dataset: Dataset, agreement: Agreement, lang: str) -> str:
    areas = (dataset.area(a) for a in dict.fromkeys(agreement.areas))
    return "; ".join(named_in(a.names, a.name, lang) for a in areas)


def _timeline_cells(report: Report) -> list[tuple[tuple[_Part, ...], ...]]:
    """The timeline's rows with each source id a link to its row in the sources table."""
    sources = report.columns.index("sources")
    out: list[tuple[tuple[_Part, ...], ...]] = []
    for row in report.rows:
        cells: list[tuple[_Part, ...]] = [(_Part(cell),) for cell in row]
        links: list[_Part] = []
        for ident in row[sources].split():
            if links:
                links.append(_Part(" "))
            links.append(_Part(ident, "#" + urllib.parse.quote(source_anchor(ident), safe="")))
        cells[sources] = tuple(links)
        out.append(tuple(cells))
    return out


def export_html(dataset: Dataset, *, day: _dt.date, lang: str = "en") -> bytes:
    """A static HTML5 report of ``dataset`` on ``day``, in UTF-8, with names in ``lang`` where the data has them.

    It has the status of each agreement on the day, what falls due in the
    year from the day and what is overdue (as ``mou-tracker due`` shows by
    default), the timeline of every recorded event, and the sources.
    """
    until = years_after(day, 1)
    status = status_report(dataset, day, lang=lang)
    timeline = timeline_report(dataset, lang=lang)
    sections = (
        _section("status", status, "There are no agreements.", cells=_status_cells(dataset, status, lang)),
        _section(
            "due",
            due_report(due(dataset, day, until), day, until, lang=lang),
            "Nothing falls due and nothing is overdue.",
            mark="overdue",
            column="overdue",
        ),
        _section("timeline", timeline, "No event is recorded.", cells=_timeline_cells(timeline)),
    )
    sources = [
        _SourceRow(
            s.id,
            source_anchor(s.id),
            s.title or s.notes or "",
            not s.title and bool(s.notes),
            s.publisher or "",
            str(s.published) if s.published is not None else "",
            s.url if s.url is not None and _LINKABLE.fullmatch(s.url) else None,
        )
        for s in dataset.sources
    ]
    page = _template().render(
        lang=lang,
        day=day.isoformat(),
        version=__version__,
        count=len(dataset),
        sections=sections,
        sources=sources,
    )
    return page.encode("utf-8")
