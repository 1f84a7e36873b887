"""The dataset as a static HTML report: the status table, what is due and the timeline.

The page is one self-contained file: its style is inline, it runs no script
and loads nothing from elsewhere (its Content-Security-Policy forbids it), so
it can be mailed, archived or opened offline. Its tables are the rows of
:func:`~mou_tracker.reports.status_report`, :func:`~mou_tracker.reports.due_report`
and :func:`~mou_tracker.reports.timeline_report`, so they read as the CLI's
do, and every value in them is escaped: a title that holds markup shows as text.

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
from typing import Final

import attrs
import jinja2

from .._version import __version__
from ..dataset import Dataset
from ..dates import years_after
from ..queries import due
from ..reports import Report, due_report, status_report, timeline_report

__all__ = ["export_html"]

_LINKABLE: Final = re.compile(r"https?://\S+", re.ASCII)
# Columns whose cells should not wrap.
_UNBROKEN: Final = {"id": "id", "date": "date", "signed": "date"}


@attrs.frozen
class _Row:
    cells: tuple[str, ...]
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
    title: str
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


def _section(anchor: str, report: Report, empty: str, mark: str | None = None, column: str = "") -> _Section:
    index = report.columns.index(column) if column else None
    rows = tuple(_Row(row, mark if index is not None and row[index] else None) for row in report.rows)
    return _Section(anchor, report.title or "", report.columns, rows, empty)


def export_html(dataset: Dataset, *, day: _dt.date, lang: str = "en") -> bytes:
    """A static HTML5 report of ``dataset`` on ``day``, in UTF-8, with names in ``lang`` where the data has them.

    It has the status of each agreement on the day, what falls due in the
    year from the day and what is overdue (as ``mou-tracker due`` shows by
    default), the timeline of every recorded event, and the sources.
    """
    until = years_after(day, 1)
    sections = (
        _section("status", status_report(dataset, day, lang=lang), "There are no agreements."),
        _section(
            "due",
            due_report(due(dataset, day, until), day, until, lang=lang),
            "Nothing falls due and nothing is overdue.",
            mark="overdue",
            column="overdue",
        ),
        _section("timeline", timeline_report(dataset, lang=lang), "No event is recorded."),
    )
    sources = [
        _SourceRow(
            s.id,
            s.title or "",
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
