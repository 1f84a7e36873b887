"""HTML for the page and for notebooks: one escaping, small tables built with it, and an agreement's table.

The HTML export's template escapes every value through Jinja2's
autoescaping, which is MarkupSafe's :func:`markupsafe.escape`; the tables a
notebook shows for a dataset, an agreement or a query (their
``_repr_html_``) escape through the same function, so a title that holds
markup shows as text in both. Only MarkupSafe is imported here, not
Jinja2, so a notebook's table costs no template engine. An agreement's
table is here, beside the model it shows, so that the model needs nothing
above it; those of a dataset and a query are in :mod:`mou_tracker._html`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Final

import markupsafe

from .naming import name_of

if TYPE_CHECKING:
    from .model import Agreement

__all__ = ["ROWS", "agreement_table", "escape", "table"]


def escape(text: object) -> str:
    """``text`` as HTML text: ``&``, ``<``, ``>`` and both quotes escaped, as the report's template escapes.

    >>> escape('<b title="x">&</b>')
    '&lt;b title=&#34;x&#34;&gt;&amp;&lt;/b&gt;'
    """
    return str(markupsafe.escape(text))


def table(caption: str, columns: Sequence[str], rows: Iterable[Sequence[object]], *, more: int = 0) -> str:
    """A small HTML table: a caption, a header row and rows of text, every value escaped.

    ``more`` counts the rows left out, said in a last line under the table.

    >>> print(table("Two <b>", ["id", "title"], [["a", "A & B"]], more=3))
    <table>
    <caption>Two &lt;b&gt;</caption>
    <thead><tr><th>id</th><th>title</th></tr></thead>
    <tbody>
    <tr><td>a</td><td>A &amp; B</td></tr>
    </tbody>
    </table>
    <p>… and 3 more</p>
    """
    lines = ["<table>", f"<caption>{escape(caption)}</caption>"]
    lines.append("<thead><tr>" + "".join(f"<th>{escape(c)}</th>" for c in columns) + "</tr></thead>")
    lines.append("<tbody>")
    lines.extend("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    lines.extend(["</tbody>", "</table>"])
    if more:
        lines.append(f"<p>… and {more:,} more</p>")
    return "\n".join(lines)


# ---------------------------------------------------------------- notebooks

ROWS: Final = 20
"""The most rows a notebook's table shows; the rest are counted under it."""


def _date(date: object | None) -> str:
    return "" if date is None else str(date)


def agreement_table(agreement: Agreement) -> str:
    """An agreement in a notebook: its facts as the data file has them, ids where it names other records."""
    kind = agreement.kind.label if agreement.kind is not None else "unknown"
    facts: list[tuple[str, str]] = [("id", agreement.id), ("title", agreement.title.value)]
    facts += [(f"title ({language})", title) for language, title in agreement.titles.items()]
    if agreement.short:
        facts.append(("short name", agreement.short))
    facts += [("kind", kind), ("binding", {True: "yes", False: "no", None: "unknown"}[agreement.binding])]
    facts.append(("signed", _date(agreement.signed) or "unknown"))
    for label, values in (("parties", agreement.parties), ("areas", agreement.areas)):
        if values:
            facts.append((label, " ".join(values)))
    for event in agreement.history:
        facts.append(("event", f"{event.date.value} {event.status.value.label} ({' '.join(event.all_sources)})"))
    facts.append(("sources", " ".join(agreement.cited_sources)))
    return table(f"Agreement {agreement.id}: {name_of(agreement)}", ("field", "value"), facts)
