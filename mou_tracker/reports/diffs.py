"""A diff between two versions of the data, as a table and as Markdown for a release's changelog; a record's history.

The table has a row a change: what kind of change, the record (an
agreement by its id, any other record by its collection and id), the field,
the old and the new value, each value in one line (a record by its title or
name, an event by its date and status, anything else as the JSON of the
data format). ``!`` marks a destructive change. The Markdown lists the
changes under a heading for each collection, each value in a code span, so
that a value holding Markdown's marks shows as it is. A record's history is
the same table, its rows under each commit's short hash, date and subject.
"""

from __future__ import annotations

import enum
import json
import re
from typing import TYPE_CHECKING, Any, Final

import attrs

from .._characters import visible
from ..diffing import COLLECTIONS, Diff, Difference, DiffKind
from ..model import Action, Agreement, Relation, StatusEvent
from ..records import diff_record, history_record, plain_value
from .rendering import _MARKUP, Report, _fill, render

if TYPE_CHECKING:
    from .._history import History

__all__ = ["DIFF_NOTE", "diff_markdown", "diff_report", "history_report"]

_ONE: Final = {"agreements": "agreement", "signatories": "signatory", "people": "person", "areas": "area",
               "sources": "source"}  # fmt: skip

DIFF_NOTE: Final = (
    "refined: a date made more precise; widened: made less precise; contradicted: replaced by a date outside it; "
    "preferred: another claim preferred. ! marks a destructive change: a record, a sourced item, a claim or a "
    "cited source removed, or a date removed, contradicted or made less precise."
)
"""What the note under the table says."""


def _text(value: Any) -> str:
    """A value in one line."""
    if value is None:
        return ""
    if isinstance(value, Agreement):
        return value.title.value
    if isinstance(value, StatusEvent):
        return f"{value.date.value} {value.status.value.value}"
    if isinstance(value, Action):
        return f"{value.date.value} {value.party} {value.action.value}"
    if isinstance(value, Relation):
        return f"{value.type.value} {value.target}"
    if isinstance(value, enum.Enum):
        return str(value.value)
    for name in ("name", "title"):
        if attrs.has(type(value)) and isinstance(getattr(value, name, None), str):
            return str(getattr(value, name))
    plain = plain_value(value)
    text = plain if isinstance(plain, str) else json.dumps(plain, ensure_ascii=False)
    return " ".join(text.split())


def _kind(change: Difference) -> str:
    """The kind in one word: ``refined`` for ``date_refined``, ``preferred`` for ``preferred_changed``…"""
    word = change.kind.value.removeprefix("date_").removesuffix("_changed")
    return word + (" !" if change.destructive else "")


def _record(change: Difference) -> str:
    """An agreement by its id; any other record by its collection and id (``source vna-2025-03-25``)."""
    return change.record if change.collection == "agreements" else f"{_ONE[change.collection]} {change.record}"


def diff_report(changes: Diff, old: str, new: str) -> Report:
    """The changes from ``old`` to ``new`` (the sides as given) as a table; its JSON is :func:`diff_record`'s."""
    rows = tuple((_kind(d), _record(d), d.field, _text(d.old), _text(d.new)) for d in changes)
    return Report(
        title=f"Changes from {old} to {new}",
        columns=("change", "record", "field", "old", "new"),
        rows=rows,
        data=diff_record(changes, old, new),
        flexible=("new", "old"),
        note=DIFF_NOTE if rows else "No changes.",
    )


def history_report(found: History) -> Report:
    """The changes of one record, commit by commit, newest first, as one table (for CSV and markup formats).

    Its JSON is :func:`history_record`'s; :func:`history_text` lays a
    terminal's table out commit by commit.
    """
    rows = []
    for revision in found.revisions:
        commit = revision.commit
        said = (commit.short, commit.date.date().isoformat(), commit.subject)
        if revision.problem is not None:
            rows.append((*said, "unreadable", "", "", revision.problem))
        rows.extend((*said, _kind(d), d.field, _text(d.old), _text(d.new)) for d in revision.changes)
    return Report(
        title=_history_title(found),
        columns=("commit", "date", "subject", "change", "field", "old", "new"),
        rows=tuple(rows),
        data=history_record(found),
        flexible=("subject", "new", "old"),
        note=HISTORY_NOTE,
    )


HISTORY_NOTE: Final = "Newest first; each commit's date is its committer's, in UTC. " + DIFF_NOTE
"""What the note under a history says."""


def _history_title(found: History) -> str:
    return f"History of {found.id} in {found.path}, from {found.start}"


def history_text(found: History, fmt: str, *, width: int | None = 80) -> str:
    """The history in ``fmt``: for a terminal, each commit's short hash, date and subject, then a table of what
    it changed in the record; JSON, CSV and markup formats as :func:`history_report` gives them."""
    if fmt in ("json", "csv") or fmt in _MARKUP:
        return render(history_report(found), fmt, width=width)
    blocks = [visible(_history_title(found), lines=False)]
    for revision in found.revisions:
        commit = revision.commit
        rows = [("unreadable", "", "", revision.problem)] if revision.problem is not None else []
        rows.extend((_kind(d), d.field, _text(d.old), _text(d.new)) for d in revision.changes)
        heading = f"{commit.short}  {commit.date.date().isoformat()}  {commit.subject}"
        table = Report(
            title=None, columns=("change", "field", "old", "new"), rows=tuple(rows), data=None, flexible=("new", "old")
        )
        # A commit's subject is anyone's text: shown escaped, as the tables' cells are.
        blocks.append(visible(heading, lines=False) + "\n" + render(table, fmt, width=width))
    blocks.append(_fill(HISTORY_NOTE, width))
    return "\n\n".join(blocks)


def _code(value: Any) -> str:
    """A value as a Markdown code span, whatever backticks it holds."""
    text = visible(_text(value), lines=False) if value is not None else "nothing"
    fence = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


_PHRASES: Final = {
    DiffKind.ADDED: "{field} added: {new}",
    DiffKind.REMOVED: "{field} removed: {old}",
    DiffKind.CHANGED: "{field} changed: {old} → {new}",
    DiffKind.DATE_REFINED: "{field} made more precise: {old} → {new}",
    DiffKind.DATE_WIDENED: "{field} made less precise: {old} → {new}",
    DiffKind.DATE_CONTRADICTED: "{field} contradicted: {old} → {new}",
    DiffKind.PREFERRED_CHANGED: "{field}: another claim preferred: {old} → {new}",
}


def _line(change: Difference) -> str:
    if change.kind is DiffKind.RENAMED:
        said = f"renamed to {_code(change.new)}"
    elif not change.path:
        said = f"added: {_code(change.new)}" if change.kind is DiffKind.ADDED else f"removed: {_code(change.old)}"
    else:
        said = _PHRASES[change.kind].format(field=_code(change.field), old=_code(change.old), new=_code(change.new))
    mark = " **(destructive)**" if change.destructive else ""
    return f"- {_code(change.record)}: {said}{mark}"


def diff_markdown(changes: Diff, old: str, new: str) -> str:
    """The changes from ``old`` to ``new`` as Markdown: a heading, then a list for each collection that changed."""
    lines = [f"## Changes from {_code(old)} to {_code(new)}", ""]
    if not changes:
        lines.append("No changes.")
    for collection in COLLECTIONS:
        mine = [d for d in changes if d.collection == collection]
        if mine:
            lines.extend([f"### {collection.capitalize()}", "", *(_line(d) for d in mine), ""])
    return "\n".join(lines).rstrip("\n")
