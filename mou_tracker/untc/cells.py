"""What a status table says, cell by cell: the kinds of action a header names, and each cell's date, letter and notes.

A header names the kinds of its column's dates and the Collection's letter
for each (:class:`Column`); a cell holds a date, the letter of its kind,
footnote markers and bracketed notes (:class:`Cell`); a participant's cell
holds a name, footnote markers and notes (:class:`Row`). Each reader gives
what it read or a message saying why it cannot, for the table's reader to
locate; :func:`_date_text` and :func:`_marked` write them back as the
Collection does.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import types
from collections.abc import Mapping, Sequence
from typing import Final

import attrs

KINDS: Final[Mapping[str, tuple[str, str]]] = types.MappingProxyType(
    {
        "signature": ("signature", ""),
        "succession to signature": ("succession_to_signature", "d"),
        "definitive signature": ("definitive_signature", "s"),
        "ratification": ("ratification", ""),
        "acceptance": ("acceptance", "A"),
        "approval": ("approval", "AA"),
        "accession": ("accession", "a"),
        "succession": ("succession", "d"),
        "formal confirmation": ("formal_confirmation", "c"),
        "application": ("notification", ""),
        "notification": ("notification", ""),
        "provisional application": ("provisional_application", ""),
        "territorial application": ("territorial_application", ""),
        "entry into force": ("entry_into_force", ""),
        "withdrawal": ("withdrawal", ""),
        "denunciation": ("withdrawal", ""),
    }
)
"""The words a header may name a kind of action with (in lower case): the kind, and the Collection's letter for it.

The kind is spelt as the data format's ``action`` field spells it. A header
names each kind with its letter in parentheses (``Accession(a)``), or with
none for the column's one unmarked kind (``Ratification``), whose dates carry
no letter. ``Application`` is the heading of the annexes to the Convention
on the Privileges and Immunities of the Specialized Agencies: the
notification by which a party undertakes to apply the Convention to that
agency (its section 43), not an application to a territory, so it is read
as a ``notification``. In a column whose unmarked kind is ``signature``,
``Succession(d)`` is a succession to signature, as the Collection's tables
use it.
"""


@attrs.frozen
class Column:
    """An action column: its header as written, and the kind each letter marks (``""`` for none).

    >>> Column.parse("Signature, Succession to signature(d)").letters
    (('', 'signature'), ('d', 'succession_to_signature'))
    """

    header: str
    letters: tuple[tuple[str, str], ...]

    @property
    def unmarked(self) -> str | None:
        """The kind of a date without a letter, if the header names one."""
        return dict(self.letters).get("")

    def kind(self, letter: str) -> str | None:
        """The kind ``letter`` marks in this column (``""``: a date without a letter), or ``None``."""
        return dict(self.letters).get(letter)

    @classmethod
    def parse(cls, header: str) -> Column:
        """Read a header; raise :class:`ValueError` saying what is wrong with it."""
        found = _column(header)
        if isinstance(found, str):
            raise ValueError(found)
        return found


_HEADER_PART = re.compile(r"\s*(?P<words>[^()]*?)\s*(?:\(\s*(?P<letter>[^()]*?)\s*\))?\s*")


def _column(header: str) -> Column | str:
    text = " ".join(header.split())
    if not text:
        return "expected the header of an action column, such as 'Ratification, Accession(a)', found an empty one"
    named: list[tuple[str, str, str]] = []  # (words, letter, kind)
    for part in text.split(","):
        match = _HEADER_PART.fullmatch(part)
        words = match["words"].casefold() if match else ""
        if match is None or words not in KINDS:
            shown = part.strip()
            close = difflib.get_close_matches(words or shown.casefold(), list(KINDS), n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            return f"unknown kind of action {shown!r} in the header {text!r}{hint}"
        kind, usual = KINDS[words]
        letter = match["letter"]
        if letter is not None and letter != usual:
            expected = f"the letter {usual!r}" if usual else "no letter"
            return f"{match['words']!r} has {expected} in the Collection, found {letter!r} in the header {text!r}"
        named.append((words, usual, kind))
    unmarked = next((kind for _, letter, kind in named if not letter), None)
    letters: dict[str, str] = {}
    for words, letter, named_kind in named:
        kind = "succession_to_signature" if words == "succession" and unmarked == "signature" else named_kind
        if letter in letters:
            what = "two kinds without a letter" if not letter else f"two kinds with the letter {letter!r}"
            return f"the header {text!r} names {what} ({letters[letter]}, {kind}): its dates could be either"
        letters[letter] = kind
    return Column(text, tuple(letters.items()))


@attrs.frozen
class Cell:
    """A dated action in a table: the day, its kind, the letter it was marked with, and any footnotes and notes."""

    date: dt.date
    kind: str
    letter: str = ""
    footnotes: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@attrs.frozen
class Row:
    """A participant as the table names it (footnote markers apart) and its cells, one per action column."""

    participant: str
    cells: tuple[Cell | None, ...]
    footnotes: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@attrs.frozen
class Table:
    """A treaty's status table: its action columns and its rows, in the order of the file."""

    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


_MONTHS: Final = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_MONTH_NAMES: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTH_NUMBERS: Final[Mapping[str, int]] = {
    **{m.casefold(): i for i, m in enumerate(_MONTHS, 1)},
    **{m.casefold(): i for i, m in enumerate(_MONTH_NAMES, 1)},
    "sept": 9,
}
_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_DIGITS = "0-9⁰¹²³⁴⁵⁶⁷⁸⁹"
_DATE = re.compile(r"(\d{1,2})\s*([A-Za-z]+)\.?\s*(\d{4})", re.ASCII)
_TOKENS = re.compile(rf"\s+|,|[A-Za-z]+|[{_DIGITS}]+|.")
_BRACKETS = re.compile(r"\[([^\[\]]*)\]")
_TRAILING_MARKERS = re.compile(rf"(?P<name>.*?)\s*(?P<markers>[{_DIGITS}]+(?:\s*,\s*[{_DIGITS}]+)*)")


def _day(day: str, month: str, year: str) -> dt.date | str:
    number = _MONTH_NUMBERS.get(month.casefold())
    if number is None:
        return f"unknown month {month!r}: expected an English month such as 'Sep' or 'September'"
    try:
        return dt.date(int(year), number, int(day))
    except ValueError:
        return f"no such day: {day} {month} {year}"


def _bracketed(text: str) -> tuple[str, tuple[str, ...]] | str:
    """``text`` without its bracketed notes, and the notes; or why the brackets cannot be read."""
    notes = tuple(" ".join(n.split()) for n in _BRACKETS.findall(text))
    rest = _BRACKETS.sub(" ", text)
    if "[" in rest or "]" in rest:
        return "a bracket that is not closed, or brackets within brackets"
    if any(not n for n in notes):
        return "an empty bracketed note"
    return " ".join(rest.split()), notes


def _cell(text: str, column: Column) -> Cell | str | None:
    """The action a cell holds, ``None`` for an empty one, or why it cannot be read."""
    split = _bracketed(text)
    if isinstance(split, str):
        return split
    rest, notes = split
    if not rest:
        return "expected a date such as '10 Dec 1982' before the note" if notes else None
    match = _DATE.match(rest)
    if match is None:
        return f"expected a date such as '10 Dec 1982', found {rest!r}"
    day = _day(*match.groups())
    if isinstance(day, str):
        return day
    letters: list[str] = []
    footnotes: list[str] = []
    for token in _TOKENS.findall(rest[match.end() :]):
        if token.isspace() or token == ",":
            continue
        if token.isascii() and token.isalpha():
            letters.append(token)
        elif token.translate(_SUPERSCRIPTS).isdigit():
            footnotes.append(token.translate(_SUPERSCRIPTS))
        else:
            return f"unexpected {token!r} after the date in {rest!r}"
    if len(letters) > 1:
        return f"more than one letter after the date in {rest!r}"
    letter = letters[0] if letters else ""
    kind = column.kind(letter)
    if kind is None:
        known = ", ".join(repr(mark) for mark, _ in column.letters if mark) or "none"
        if not letter:
            return f"a date without a letter, and the column {column.header!r} names no kind without one"
        return f"unknown letter {letter!r}: the column {column.header!r} has the letters {known}"
    return Cell(day, kind, letter, tuple(footnotes), notes)


def _participant(text: str) -> tuple[str, tuple[str, ...], tuple[str, ...]] | str:
    """A participant cell's name, footnote markers and notes; or why it cannot be read."""
    split = _bracketed(text)
    if isinstance(split, str):
        return split
    rest, notes = split
    markers: tuple[str, ...] = ()
    match = _TRAILING_MARKERS.fullmatch(rest)
    if match is not None:
        rest = match["name"]
        markers = tuple(m.strip().translate(_SUPERSCRIPTS) for m in match["markers"].split(","))
    if not rest:
        return "expected the name of a participant, found none"
    return rest, markers, notes


def _date_text(day: dt.date) -> str:
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year:04d}"


def _marked(text: str, letter: str, footnotes: Sequence[str], notes: Sequence[str]) -> str:
    parts = [text]
    if letter:
        parts.append(letter)
    if footnotes:
        parts.append(", ".join(footnotes))
    parts.extend(f"[{note}]" for note in notes)
    return " ".join(parts)
