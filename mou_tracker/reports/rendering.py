"""A :class:`Report` written out: as JSON, as CSV, or as a table of any tabulate format fitted to a width.

Tables fit ``width`` columns (80 by default): the report's flexible column, a
name, is shortened, and its optional columns are given up, least useful
first. ``width=None`` shows everything whole. CSV and JSON are never
shortened. The card of one agreement (:mod:`.agreement_card`) writes its
parts with the same helpers.
"""

from __future__ import annotations

import csv
import io
import re
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

import attrs
from tabulate import tabulate, tabulate_formats

from .._characters import is_visible, json_text, visible
from ..naming import TREE, shorten

FORMATS: Final = ("json", "csv", *tabulate_formats)
"""Every output format: JSON, CSV and each of tabulate's table formats."""

LANGUAGES: Final = ("en", "vi")
"""Languages titles and names can be shown in; English is the data's own."""

# Formats that are markup or data for another program: their tables are never
# shortened to fit a terminal, and they get no title line of plain text.
_MARKUP: Final = frozenset(
    {"html", "unsafehtml", "latex", "latex_raw", "latex_booktabs", "latex_longtable", "mediawiki", "moinmoin",
     "youtrack", "textile", "tsv"}
)  # fmt: skip

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


FORMULA_TRIGGERS: Final = ("=", "+", "-", "@", "\t", "\r")
"""The first characters that make a spreadsheet read a cell as a formula (OWASP's list)."""


def spreadsheet_safe(text: str) -> str:
    """``text`` with a leading ``'`` if a spreadsheet would otherwise run it as a formula.

    The one guard of every delimited output: the CSV export
    (:mod:`mou_tracker.exports.tabular`), and the CSV and TSV of the
    reports. A lone ``-``, which the reports print for nothing, is no
    formula and is left as it is.

    >>> spreadsheet_safe("=HYPERLINK(\\"http://example.com\\")")
    '\\'=HYPERLINK("http://example.com")'
    >>> spreadsheet_safe("2025–2030 Action Programme")
    '2025–2030 Action Programme'
    >>> spreadsheet_safe("-")
    '-'
    """
    return "'" + text if text.startswith(FORMULA_TRIGGERS) and text != "-" else text


def _csv(columns: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    # Rows end with LF, but each is written as if they ended with CR LF: the
    # csv module quotes only the line-ending characters of its own dialect,
    # and a lone CR left unquoted in a cell would end the row for a reader.
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    lines = []
    for row in [columns, *([spreadsheet_safe(c.lstrip(TREE)) for c in row] for row in rows)]:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        lines.append(buffer.getvalue().removesuffix("\r\n"))
    return "\n".join(lines)


# Formats whose cells a spreadsheet reads one by one: each is guarded as CSV's are.
_DELIMITED: Final = frozenset({"tsv"})


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], fmt: str, wrap: Sequence[int | None] = ()) -> str:
    if fmt in _DELIMITED:  # guarded as the CSV is, by the one helper
        headers = [spreadsheet_safe(h) for h in headers]
        rows = [[spreadsheet_safe(c) for c in row] for row in rows]
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
