"""The scraped form's CSV text, read as records of fields that each know their line and column.

Python's :mod:`csv` module gives no positions, and every problem the
importer reports is located at its file, line and column; so the few rules
of the format (RFC 4180's) are read here, by :func:`_records`, and
:func:`_located_records` turns what is malformed into located problems.
Both the status tables and ``index.csv`` are read through it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from ..exceptions import Path, Problem


@attrs.frozen
class _Field:
    """A field's text, and the line and column it starts at (1-based)."""

    text: str
    line: int
    column: int

    def problem(self, message: str, filename: str, path: Path = ()) -> Problem:
        """A problem located at this field."""
        return _problem(message, filename, self.line, self.column, path)


_SEPARATOR = re.compile(r"[,\n]")


def _records(text: str) -> tuple[list[list[_Field]], list[tuple[int, int, str]]]:
    """The records of CSV text (line breaks made LF), each field with its line and column; and what is malformed.

    The format is that of Python's :mod:`csv` module and RFC 4180: fields
    separated by commas, a field in double quotes may hold commas, line
    breaks and doubled quotes. Blank lines are passed over.
    """
    records: list[list[_Field]] = []
    problems: list[tuple[int, int, str]] = []
    record: list[_Field] = []
    pos, line, line_start, end = 0, 1, 0, len(text)
    while pos < end:
        start_line, start_column = line, pos - line_start + 1
        if text[pos] == '"':
            chunks: list[str] = []
            pos += 1
            while True:
                close = text.find('"', pos)
                if close < 0:
                    chunks.append(text[pos:])
                    problems.append((start_line, start_column, "a quoted field is not closed"))
                    close = end
                else:
                    chunks.append(text[pos:close])
                breaks = text.count("\n", pos, close)
                if breaks:
                    line += breaks
                    line_start = text.rfind("\n", pos, close) + 1
                if text.startswith('""', close):
                    chunks.append('"')
                    pos = close + 2
                    continue
                pos = close + 1
                break
            value = "".join(chunks)
            if pos < end and text[pos] not in ",\n":
                problems.append((line, pos - line_start + 1, "expected a comma or the end of the line after a quote"))
                after = _SEPARATOR.search(text, pos)
                value += text[pos : after.start() if after else end]
                pos = after.start() if after else end
        else:
            after = _SEPARATOR.search(text, pos)
            stop = after.start() if after else end
            value = text[pos:stop]
            pos = stop
        record.append(_Field(value, start_line, start_column))
        if pos < end and text[pos] == ",":
            pos += 1
            if pos == end:
                record.append(_Field("", line, pos - line_start + 1))
            continue
        if record != [_Field("", start_line, start_column)]:
            records.append(record)
        record = []
        pos += 1
        line += 1
        line_start = pos
    if record and record != [_Field("", line, 1)]:
        records.append(record)
    return records, problems


def _decoded(data: str | bytes, filename: str) -> str:
    from .._decoding import _decode, _lines_as_lf

    return _lines_as_lf(_decode(data, filename) if isinstance(data, bytes) else data.removeprefix("\ufeff"))


def _located_records(data: str | bytes, filename: str) -> tuple[list[list[_Field]], list[Problem]]:
    """The records of a file's data, and a located problem for each thing malformed in its quoting.

    Raises :class:`~mou_tracker.DataError` if the data cannot be decoded.
    """
    records, malformed = _records(_decoded(data, filename))
    return records, [_problem(message, filename, line, column) for line, column, message in malformed]


def _problem(message: str, filename: str, line: int | None, column: int | None, path: Path = ()) -> Problem:
    return Problem(message, path=path, file=filename, line=line, column=column)


def _width_problem(record: Sequence[_Field], width: int, filename: str) -> Problem | None:
    """A problem at a record whose number of fields is not the header's ``width``; ``None`` if it is."""
    if len(record) == width:
        return None
    return record[0].problem(f"expected {width} fields as in the header, found {len(record)}", filename)
