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

The package is laid out by responsibility: :mod:`.rendering` writes a
:class:`Report` in a format and fits it to a width; :mod:`.words` holds the
words and labels the reports share (a status, a party, an action, a date as
the UN Treaty Collection writes it); :mod:`.tables` the status, matrix,
party and area tables; :mod:`.events` the timeline, the changes, what is due
and the chain; :mod:`.agreement_card` the card of one agreement; and
:mod:`.multilateral` the participation, bound and actions reports of
multilateral instruments; and :mod:`.diffs` a diff between two versions of the
data, as a table and as Markdown.
"""

from __future__ import annotations

from ..naming import name_of, named_in, shorten, title_of
from .agreement_card import card
from .diffs import DIFF_NOTE, diff_markdown, diff_report, history_report, history_text
from .events import ACTIONS_NOTE, TIMELINE_NOTE, chain_report, changes_report, due_report, timeline_report
from .multilateral import (
    DERIVED_MARK,
    actions_report,
    bound_report,
    participation_report,
    party_facts,
    party_record,
)
from .multilateral import (
    SILENT_NOTE as SILENT_NOTE,  # public, though not in __all__
)
from .rendering import FORMATS, LANGUAGES, Report, render
from .tables import area_report, matrix_report, party_report, status_report, status_table
from .words import action_label, collection_date, in_words, party_label, party_name, status_label

__all__ = [
    "ACTIONS_NOTE",
    "DERIVED_MARK",
    "DIFF_NOTE",
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
    "diff_markdown",
    "diff_report",
    "due_report",
    "history_report",
    "history_text",
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
