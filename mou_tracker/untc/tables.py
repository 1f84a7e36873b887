"""A treaty's status table in the scraped form: its header and rows read, every problem located, and written back.

:func:`_read_table` reads as much of a table as can be read honestly (see
:mod:`mou_tracker.untc`): a problem of the table itself (its header, its
quoting, its encoding) leaves the whole table out, and a problem of a row
leaves that row out, whole, as a :class:`_Skipped` saying why.
:func:`read_table` is the strict reader of the public API, and
:func:`write_table` its inverse.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

import attrs

from .. import _characters
from ..exceptions import DataError, Path, Problem
from .cells import Cell, Column, Row, Table, _cell, _column, _date_text, _marked, _participant
from .fields import _Field, _located_records, _problem, _width_problem


@attrs.frozen
class _Skipped:
    """A row left out: the line it starts on, its participant as written, and why (each problem's message)."""

    line: int
    participant: str
    why: tuple[str, ...]


@attrs.frozen
class _Read:
    """A table as far as it could be read.

    ``rows`` are the rows read whole, ``lines`` the line of each;
    ``skipped`` the rows left out for a problem of their own, and
    ``problems`` every problem. ``whole`` is false when a problem is of the
    table itself (its header, its quoting, its encoding): no row of it can
    then be trusted, and the table is left out. ``named`` are the
    participants' names of every row, whatever its cells hold.
    """

    table: Table
    lines: tuple[tuple[int, int], ...]
    problems: tuple[Problem, ...]
    skipped: tuple[_Skipped, ...] = ()
    whole: bool = True
    named: tuple[str, ...] = ()

    @classmethod
    def left_out(cls, problems: Iterable[Problem], named: Iterable[str] = ()) -> _Read:
        """A table left out whole for a problem of its own: no rows, only the problems (and any names read)."""
        return cls(Table((), ()), (), tuple(problems), whole=False, named=tuple(named))


def _read_table(data: str | bytes, filename: str) -> _Read:
    try:
        records, problems = _located_records(data, filename)
    except DataError as exc:
        return _Read.left_out(exc.problems)
    malformed = len(problems)
    if not records:
        problems.append(_problem("expected a header with a 'Participant' column, found nothing", filename, 1, 1))
        return _Read.left_out(problems)
    header = records[0]
    names = [" ".join(f.text.split()) for f in header]
    at = [i for i, name in enumerate(names) if name.casefold() == "participant"]
    if len(at) != 1:
        found = "none" if not at else "more than one"
        problems.append(
            header[at[1] if at else 0].problem(f"expected one 'Participant' column, found {found}", filename)
        )
        return _Read.left_out(problems)
    who = at[0]
    columns: list[Column] = []
    for i, f in enumerate(header):
        if i != who:
            found_column = _column(f.text)
            if isinstance(found_column, str):
                problems.append(f.problem(found_column, filename))
            else:
                columns.append(found_column)
    named = []
    for record in records[1:]:
        if who < len(record) and not isinstance(found_name := _participant(record[who].text), str):
            named.append(found_name[0])
    if len(problems) > malformed:  # a header that cannot be read: no row can be
        return _Read.left_out(problems, named)
    rows: list[Row] = []
    lines: list[tuple[int, int]] = []
    skipped: list[_Skipped] = []
    for record in records[1:]:
        first = record[0]
        width = _width_problem(record, len(header), filename)
        if width is not None:
            problems.append(width)
            shown = record[who].text if who < len(record) else first.text
            skipped.append(_Skipped(first.line, " ".join(shown.split()), (width.message,)))
            continue
        found_row = _row(record, who, columns, names, filename)
        if isinstance(found_row, Row):
            rows.append(found_row)
            lines.append((record[who].line, record[who].column))
        else:
            problems.extend(found_row)
            why = tuple(p.message for p in found_row)
            skipped.append(_Skipped(first.line, " ".join(record[who].text.split()), why))
    # A quote that runs on has taken in the lines after it: the rows are read only for their problems.
    problems.sort(key=lambda p: (p.line or 0, p.column or 0))
    return _Read(
        Table(tuple(columns), tuple(rows)), tuple(lines), tuple(problems), tuple(skipped), not malformed, tuple(named)
    )


def _row(
    record: list[_Field],
    who: int,
    columns: Sequence[Column],
    names: Sequence[str],
    filename: str,
) -> Row | list[Problem]:
    """The row a record holds, or the problems of its participant and cells (a row with any is left out whole:
    a row without one of its dates would misstate the participant's standing)."""
    problems: list[Problem] = []
    cells: list[Cell | None] = []
    fields = iter(columns)
    participant: tuple[str, tuple[str, ...], tuple[str, ...]] | str = "no participant"
    for i, field in enumerate(record):
        path: Path = (names[i],)
        refused = _characters.refusal(" ".join(field.text.split()))
        if i == who:
            participant = refused or _participant(field.text)
            if isinstance(participant, str):
                problems.append(field.problem(participant, filename, path))
            continue
        column = next(fields)
        cell = refused or _cell(field.text, column)
        if isinstance(cell, str):
            problems.append(field.problem(cell, filename, path))
            cell = None
        cells.append(cell)
    if problems or isinstance(participant, str):
        return problems
    name, footnotes, notes = participant
    return Row(name, tuple(cells), footnotes, notes)


def read_table(data: str | bytes, *, filename: str = "<table>") -> Table:
    """Read a status table in the scraped form; raise :class:`~mou_tracker.DataError` listing every problem.

    >>> table = read_table('Participant,"Signature, Succession to signature(d)","Ratification, Accession(a)"\\n'
    ...                    'Albania,,23 Jun 2003 a\\n'
    ...                    'Czech Republic 4,22 Feb 1993 d,21 Jun 1996\\n')
    >>> [(c.kind, str(c.date)) for c in table.rows[1].cells if c]
    [('succession_to_signature', '1993-02-22'), ('ratification', '1996-06-21')]
    >>> table.rows[1].participant, table.rows[1].footnotes
    ('Czech Republic', ('4',))

    A byte order mark, Windows line ends, extra white space, footnote
    markers after a name or a date (``Belgium 1``, ``12 Mar 1990 3``,
    ``9 Sep 1982²``) and bracketed notes are all read; every problem is
    located at its file, line and column.
    """
    read = _read_table(data, filename)
    if read.problems:
        raise DataError(read.problems)
    return read.table


def write_table(table: Table) -> str:
    """The table in the scraped form, as :func:`read_table` reads it back to an equal table.

    >>> print(write_table(read_table("Participant,Signature\\nViet Nam  , 10 Dec 1982 \\n")), end="")
    Participant,Signature
    Viet Nam,10 Dec 1982
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["Participant", *(c.header for c in table.columns)])
    for row in table.rows:
        cells = [
            "" if cell is None else _marked(_date_text(cell.date), cell.letter, cell.footnotes, cell.notes)
            for cell in row.cells
        ]
        writer.writerow([_marked(row.participant, "", row.footnotes, row.notes), *cells])
    return out.getvalue()
