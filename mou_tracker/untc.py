"""Import from the United Nations Treaty Collection: scraped status tables to curated YAML.

The Collection's *Multilateral Treaties Deposited with the Secretary-General*
gives each treaty a status table: a row per participant, a column per group
of actions, each date marked with the letter of its kind (``23 Jun 2003 a``
is an accession). The widely used scraped form of it is a directory of CSV
files, one per treaty, named ``<chapter>-<number>[-<sub>].csv``, with a
``Participant`` column and action columns whose headers name the kinds and
their letters (``"Ratification, Acceptance(A), Accession(a), Succession(d)"``),
and an ``index.csv`` naming each treaty's chapter, number, title (with the
place and date of the treaty) and address.

:func:`import_untc` reads such a directory and writes one YAML file per
treaty (its status page as its one source, and the treaty as a
``multilateral`` agreement with one action per dated cell) and
``participants.yaml`` (the signatories). :func:`convert` does the reading
alone and gives the files' texts; :func:`read_table` and :func:`write_table`
read and write one table in the scraped form.

Nothing is guessed. A participant is mapped to a signatory only by its
name: the UN's own names and former names in :data:`UN_NAMES`,
:data:`FORMER_NAMES` and :data:`ORGANISATIONS`, else the names of the
:mod:`iso3166` package, and only to a State of :data:`STATES`; a territory,
a former State or any other name is reported. A header, a cell or a letter
that cannot be read is reported too, each problem with its file, line and
column.

What a problem leaves out is as little as can be left out honestly. A
problem of the table itself (a header that names no kind the importer
knows, a quote that is never closed, an encoding that cannot be read, a
table that ``index.csv`` does not name) leaves the whole table out, since
no row of it can then be read with confidence. A problem of one row (its
participant maps to no signatory, or one of its cells cannot be read)
leaves that row out, whole, and only it: the Collection's real tables list
territories, organisations and States that no longer exist beside the
States, and leaving out every treaty with one such row would leave out
most treaties. The rows imported are each read from the table as it
stands, so what is written is true; what is missing is said where a reader
of the data meets it, in the treaty's ``notes`` ("Not imported: 2 rows of
the Collection's table (21-6.csv), so this participation is not complete"),
naming each row's line, participant and why, as well as in the problems
reported. Problems make the command line exit 2 even though the files were
written; ``strict`` writes nothing when there is any problem at all.

Writing never loses a curator's work. Each file begins with a stamp, a
comment holding the SHA-256 of the rest of the file as the import wrote
it. A file that is already what the import would write is not touched, so
importing the same tables twice gives byte-identical files, and leaves them
alone the second time. A file whose stamp still matches its text holds no
edit, and an import of newer tables replaces it. Any other file (a
curator's edit, or a file the import did not write) is left as it is, a
problem locating its first difference from what the import would write,
unless ``force``.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import functools
import hashlib
import io
import os
import re
import tempfile
import types
import unicodedata
from collections.abc import Mapping, Sequence
from pathlib import Path as FsPath
from typing import Any, Final

import attrs

from . import _characters
from .exceptions import DataError, Path, Problem, UnknownName
from .model import SignatoryKind

__all__ = [
    "FORMER_NAMES",
    "KINDS",
    "ORGANISATIONS",
    "PARTICIPANTS_FILE",
    "PUBLISHER",
    "STATES",
    "UN_NAMES",
    "Cell",
    "Column",
    "Conversion",
    "Imported",
    "Party",
    "Row",
    "Table",
    "Treaty",
    "convert",
    "import_untc",
    "party",
    "read_index",
    "read_table",
    "write_table",
]

PUBLISHER: Final = "United Nations Treaty Collection"
"""The publisher of every source the import writes."""

PARTICIPANTS_FILE: Final = "participants.yaml"
"""The file of the signatories, beside one file per treaty."""

INDEX_FILE: Final = "index.csv"

# -- the kinds of action -------------------------------------------------------

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

_CONSENT_LETTERS = frozenset(letter for _, letter in KINDS.values() if letter)

# -- participants ----------------------------------------------------------------

STATES: Final[frozenset[str]] = frozenset(
    re.findall(
        r"[A-Z]{2}",
        """
    AD AE AF AG AL AM AO AR AT AU AZ BA BB BD BE BF BG BH BI BJ BN BO BR BS BT BW BY BZ CA CD CF CG CH CI
    CK CL CM CN CO CR CU CV CY CZ DE DJ DK DM DO DZ EC EE EG ER ES ET FI FJ FM FR GA GB GD GE GH GM GN GQ
    GR GT GW GY HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KI KM KN KP KR KW KZ LA LB LC LI LK
    LR LS LT LU LV LY MA MC MD ME MG MH MK ML MM MN MR MT MU MV MW MX MY MZ NA NE NG NI NL NO NP NR NU NZ
    OM PA PE PG PH PK PL PS PT PW PY QA RO RS RU RW SA SB SC SD SE SG SI SK SL SM SN SO SR SS ST SV SY SZ
    TD TG TH TJ TL TM TN TO TR TT TV TZ UA UG US UY UZ VA VC VE VN VU WS YE ZA ZM ZW
    """,
    )
)
"""The ISO 3166-1 codes of the States a participant may be mapped to.

The 193 Members of the United Nations, the two non-member observer States
(the Holy See, VA; the State of Palestine, PS), and the Cook Islands (CK) and
Niue (NU), whose full treaty-making capacity the Secretary-General
recognises: the "all States" of the depositary's practice. Every other code
of ISO 3166-1 names a territory (Aruba, Hong Kong, Greenland…) or an entity
the Collection does not list as a State, and a participant that only such a
code would fit is reported, not mapped.
"""

UN_NAMES: Final[Mapping[str, str]] = types.MappingProxyType(
    {
        "Bolivia (Plurinational State of)": "BO",
        "Czech Republic": "CZ",
        "Democratic People's Republic of Korea": "KP",
        "Democratic Republic of the Congo": "CD",
        "Iran (Islamic Republic of)": "IR",
        "Lao People's Democratic Republic": "LA",
        "Micronesia (Federated States of)": "FM",
        "Nauru": "NR",
        "Netherlands (Kingdom of the)": "NL",
        "Republic of Korea": "KR",
        "Republic of Moldova": "MD",
        "St. Kitts and Nevis": "KN",
        "St. Lucia": "LC",
        "St. Vincent and the Grenadines": "VC",
        "State of Palestine": "PS",
        "United Republic of Tanzania": "TZ",
        "Venezuela (Bolivarian Republic of)": "VE",
        "Viet Nam": "VN",
    }
)
"""The UN's names of States that differ from ISO 3166-1's, with the State's code.

ISO 3166-1 writes "Korea, Republic of" where the UN writes "Republic of
Korea", and "Bolivia, Plurinational State of" for "Bolivia (Plurinational
State of)"; the scraped tables abbreviate "Saint" as "St.". "Czech Republic"
is the State's formal name, which the tables give where ISO 3166-1 has its
short name, Czechia. "Nauru" is here because the :mod:`iso3166` package's
3.0 release names it "Naoero"; "Lao People's Democratic Republic" and "Viet
Nam", which ISO 3166-1 spells alike, so that they never depend on a release
of the package. Every other State is found by its ISO 3166-1 name.
"""

FORMER_NAMES: Final[Mapping[str, tuple[str, str]]] = types.MappingProxyType(
    {
        "Bolivia": ("BO", "Bolivia (Plurinational State of)"),
        "Burma": ("MM", "Myanmar"),
        "Cape Verde": ("CV", "Cabo Verde"),
        "Libyan Arab Jamahiriya": ("LY", "Libya"),
        "Swaziland": ("SZ", "Eswatini"),
        "The former Yugoslav Republic of Macedonia": ("MK", "North Macedonia"),
        "Turkey": ("TR", "Türkiye"),
        "Venezuela": ("VE", "Venezuela (Bolivarian Republic of)"),
        "Zaire": ("CD", "Democratic Republic of the Congo"),
    }
)
"""Former names of States, which older tables still give: the State's code and its name now.

A participant so named is mapped to the State's signatory, named as it is
now, with the former name kept as an alias and a note saying which tables
give it; the name now is mapped to the State too, whatever the release of
the :mod:`iso3166` package calls it. No renaming is recorded as a dated
change: the tables give no date and no source for it, and a curator who has
both can add one. A name of a
State that no longer exists (Czechoslovakia, Yugoslavia, the German
Democratic Republic) is not a former name of any State here, and is reported.
"""

ORGANISATIONS: Final[Mapping[str, str]] = types.MappingProxyType({"European Union": "eu"})
"""International organisations that take part in treaties, with the signatory id each is given.

They are signatories of kind ``international_organisation`` without a
country. Any other organisation is reported, for a curator to add.
"""

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})


def _key(name: str) -> str:
    """A name as it is compared: composed, its white space single, its apostrophes straight, its case folded."""
    return " ".join(unicodedata.normalize("NFC", name).translate(_APOSTROPHES).split()).casefold()


@attrs.frozen
class Party:
    """What a participant's name maps to: the signatory's id, name, kind and country.

    ``former`` is the name given, when it is a former name of the State
    (``name`` is then its name now).
    """

    id: str
    name: str
    kind: SignatoryKind
    country: str | None = None
    former: str | None = None


@functools.cache
def _iso_names() -> Mapping[str, str]:
    import iso3166

    found: dict[str, str] = {}
    for country in iso3166.countries:
        for name in (country.name, country.apolitical_name):
            found.setdefault(_key(name), country.alpha2)
    return found


@functools.cache
def _known() -> Mapping[str, Party | str]:
    """Every name the tables of this module give, by its key."""
    found: dict[str, Party | str] = {}
    for name, ident in ORGANISATIONS.items():
        found[_key(name)] = Party(ident, name, SignatoryKind.INTERNATIONAL_ORGANISATION)
    for name, (code, now) in FORMER_NAMES.items():
        found[_key(name)] = Party(code.lower(), now, SignatoryKind.STATE, code, former=name)
        found.setdefault(_key(now), code)  # the name now, whatever the iso3166 package's release calls it
    for name, code in UN_NAMES.items():
        found[_key(name)] = code
    return found


def _lookup(name: str) -> Party | str:
    """The party ``name`` maps to, or why it maps to none (a message)."""
    key = _key(name)
    known = _known().get(key)
    if isinstance(known, Party):
        return known
    code = known or _iso_names().get(key)
    if code is None:
        names = sorted({*ORGANISATIONS, *FORMER_NAMES, *UN_NAMES})
        close = difflib.get_close_matches(name, names, n=1, cutoff=0.8)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        return (
            f"unknown participant {name!r}: not the name of a State in ISO 3166-1, nor one of the UN's names "
            f"the importer knows; a former State or a territory is not mapped{hint}"
        )
    if code not in STATES:
        return (
            f"participant {name!r} is {code} in ISO 3166-1 but not a State in the Secretary-General's practice "
            "(a territory, or an entity the Collection does not list as a State); not mapped"
        )
    return Party(code.lower(), " ".join(name.split()), SignatoryKind.STATE, code)


def party(name: str) -> Party:
    """The signatory a participant's name stands for, by the UN's names and ISO 3166-1.

    >>> party("Viet Nam")
    Party(id='vn', name='Viet Nam', kind=<SignatoryKind.STATE: 'state'>, country='VN', former=None)
    >>> party("Swaziland").name, party("Swaziland").former
    ('Eswatini', 'Swaziland')
    >>> party("European Union").kind
    <SignatoryKind.INTERNATIONAL_ORGANISATION: 'international_organisation'>
    >>> party("Aruba")
    Traceback (most recent call last):
    ...
    mou_tracker.exceptions.UnknownName: no participant has the id or name 'Aruba'

    Raises :class:`~mou_tracker.UnknownName` for a name that maps to no
    State or organisation; :func:`convert` reports such a name with why.
    """
    found = _lookup(name)
    if isinstance(found, str):
        raise UnknownName("participant", name)
    return found


# -- tables ----------------------------------------------------------------------


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


@attrs.frozen
class _Field:
    text: str
    line: int
    column: int


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
    from ._decoding import _decode, _lines_as_lf

    return _lines_as_lf(_decode(data, filename) if isinstance(data, bytes) else data.removeprefix("\ufeff"))


def _problem(message: str, filename: str, line: int | None, column: int | None, path: Path = ()) -> Problem:
    return Problem(message, path=path, file=filename, line=line, column=column)


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


def _read_table(data: str | bytes, filename: str) -> _Read:
    try:
        text = _decoded(data, filename)
    except DataError as exc:
        return _Read(Table((), ()), (), exc.problems, whole=False)
    records, malformed = _records(text)
    problems = [_problem(message, filename, line, column) for line, column, message in malformed]
    if not records:
        problems.append(_problem("expected a header with a 'Participant' column, found nothing", filename, 1, 1))
        return _Read(Table((), ()), (), tuple(problems), whole=False)
    header = records[0]
    names = [" ".join(f.text.split()) for f in header]
    at = [i for i, name in enumerate(names) if name.casefold() == "participant"]
    if len(at) != 1:
        found = "none" if not at else "more than one"
        first = header[at[1] if at else 0]
        message = f"expected one 'Participant' column, found {found}"
        problems.append(_problem(message, filename, first.line, first.column))
        return _Read(Table((), ()), (), tuple(problems), whole=False)
    who = at[0]
    columns: list[Column] = []
    for i, f in enumerate(header):
        if i != who:
            found_column = _column(f.text)
            if isinstance(found_column, str):
                problems.append(_problem(found_column, filename, f.line, f.column))
            else:
                columns.append(found_column)
    named = []
    for record in records[1:]:
        if who < len(record) and not isinstance(found_name := _participant(record[who].text), str):
            named.append(found_name[0])
    if len(problems) > len(malformed):  # a header that cannot be read: no row can be
        return _Read(Table((), ()), (), tuple(problems), whole=False, named=tuple(named))
    rows: list[Row] = []
    lines: list[tuple[int, int]] = []
    skipped: list[_Skipped] = []
    for record in records[1:]:
        first = record[0]
        if len(record) != len(header):
            message = f"expected {len(header)} fields as in the header, found {len(record)}"
            problems.append(_problem(message, filename, first.line, first.column))
            shown = record[who].text if who < len(record) else first.text
            skipped.append(_Skipped(first.line, " ".join(shown.split()), (message,)))
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
                problems.append(_problem(participant, filename, field.line, field.column, path))
            continue
        column = next(fields)
        cell = refused or _cell(field.text, column)
        if isinstance(cell, str):
            problems.append(_problem(cell, filename, field.line, field.column, path))
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


# -- the index -----------------------------------------------------------------------


@attrs.frozen
class Treaty:
    """A treaty as ``index.csv`` names it: chapter, number, title, place and date, and its page."""

    chapter: int
    number: str
    title: str
    url: str
    place: str | None = None
    adopted: dt.date | None = None
    chapter_name: str | None = None

    @property
    def symbol(self) -> str:
        """The Collection's reference to it: ``XXI-6``, ``XXVII-7-a``."""
        return f"{_roman(self.chapter)}-{self.number.replace('.', '-')}"

    @property
    def id(self) -> str:
        """The agreement's id: ``untc-xxi-6``."""
        return f"untc-{self.symbol.lower()}"

    @property
    def source(self) -> str:
        """The id of its status page as a source: ``untc-xxi-6-status``."""
        return f"{self.id}-status"

    @property
    def table(self) -> str:
        """The name of its table's file in the scraped form: ``21-6.csv``."""
        return f"{self.chapter}-{self.number.replace('.', '-')}.csv"


def _roman(number: int) -> str:
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L")):
        count, number = divmod(number, value)
        out.append(letters * count)
    for value, letters in ((40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


_NUMBER = re.compile(r"[0-9]+(?:\.[0-9A-Za-z]+)*", re.ASCII)
_TITLE = re.compile(
    r"(?P<title>.+?)\.\s+(?P<place>[^.]+?),\s+(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]+)\s+(?P<year>\d{4})\.?"
)
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*", re.ASCII)
_SYMBOL = re.compile(r"[?&]mtdsg_no=([^&#]*)", re.IGNORECASE)
_INDEX_COLUMNS = ("chapter_no", "treaty_no", "treaty_name", "url")


def _read_index(data: str | bytes, filename: str) -> tuple[list[tuple[Treaty, int]], list[Problem]]:
    try:
        text = _decoded(data, filename)
    except DataError as exc:
        return [], list(exc.problems)
    records, malformed = _records(text)
    problems = [_problem(message, filename, line, column) for line, column, message in malformed]
    if not records:
        return [], [*problems, _problem(f"expected a header naming {', '.join(_INDEX_COLUMNS)}", filename, 1, 1)]
    header = [" ".join(f.text.split()).casefold() for f in records[0]]
    missing = [name for name in _INDEX_COLUMNS if name not in header]
    if missing:
        message = f"expected the columns {', '.join(_INDEX_COLUMNS)}; missing {', '.join(missing)}"
        return [], [*problems, _problem(message, filename, 1, 1)]
    treaties: list[tuple[Treaty, int]] = []
    for record in records[1:]:
        if len(record) != len(header):
            first = record[0]
            message = f"expected {len(header)} fields as in the header, found {len(record)}"
            problems.append(_problem(message, filename, first.line, first.column))
            continue
        fields = dict(zip(header, record, strict=True))
        treaty = _treaty(fields, filename, problems)
        if treaty is not None:
            treaties.append((treaty, record[0].line))
    return treaties, problems


def _treaty(fields: Mapping[str, _Field], filename: str, problems: list[Problem]) -> Treaty | None:
    before = len(problems)

    def refuse(name: str, message: str) -> None:
        problems.append(_problem(message, filename, fields[name].line, fields[name].column, (name,)))

    values = {name: " ".join(field.text.split()) for name, field in fields.items()}
    for name, value in values.items():
        if (refused := _characters.refusal(value)) is not None:
            refuse(name, refused)
    chapter = values["chapter_no"]
    if not (chapter.isascii() and chapter.isdigit() and 0 < int(chapter) < 100):
        refuse("chapter_no", f"expected the number of a chapter, such as 21, found {chapter!r}")
    number = values["treaty_no"]
    if not _NUMBER.fullmatch(number):
        refuse("treaty_no", f"expected the number of a treaty in its chapter, such as 6 or 7.a, found {number!r}")
    title = _TITLE.fullmatch(values["treaty_name"])
    adopted: dt.date | str = "no title"
    if title is None:
        refuse(
            "treaty_name",
            "expected a title ending with the place and date of the treaty, as in 'United Nations Convention on "
            f"the Law of the Sea. Montego Bay, 10 December 1982', found {values['treaty_name']!r}",
        )
    else:
        adopted = _day(title["day"], title["month"], title["year"])
        if isinstance(adopted, str):
            refuse("treaty_name", adopted)
    url = values["url"]
    if not _URL.fullmatch(url):
        refuse("url", f"expected an http:// or https:// address, found {url!r}")
    if len(problems) > before:
        return None
    assert title is not None and isinstance(adopted, dt.date)
    treaty = Treaty(
        int(chapter),
        number.lower(),
        title["title"],
        url,
        place=title["place"],
        adopted=adopted,
        chapter_name=values.get("chapter_name") or None,
    )
    named = _SYMBOL.search(url)
    if named is not None and named.group(1).casefold() != treaty.symbol.casefold():
        refuse("url", f"the address names the treaty {named.group(1)}, the row {treaty.symbol}")
        return None
    return treaty


def read_index(data: str | bytes, *, filename: str = INDEX_FILE) -> tuple[Treaty, ...]:
    """Read ``index.csv``; raise :class:`~mou_tracker.DataError` listing every problem.

    >>> (treaty,) = read_index(
    ...     "chapter_no,treaty_no,treaty_name,url,chapter_url,chapter_name\\n"
    ...     '21,6,"United Nations Convention on the Law of the Sea. Montego Bay, 10 December 1982",'
    ...     "http://treaties.un.org/pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XXI-6&chapter=21&lang=en,,"
    ...     "Law of the Sea\\n"
    ... )
    >>> treaty.id, treaty.title, treaty.place, str(treaty.adopted), treaty.table
    ('untc-xxi-6', 'United Nations Convention on the Law of the Sea', 'Montego Bay', '1982-12-10', '21-6.csv')

    The place is what follows the title's last full stop: a place whose
    name holds one ("St. John's") would be read wrongly, and none of the
    Collection's does.
    """
    treaties, problems = _read_index(data, filename)
    if problems:
        raise DataError(problems)
    return tuple(treaty for treaty, _ in treaties)


# -- from tables to data files --------------------------------------------------------


@attrs.frozen
class Conversion:
    """What the tables of a directory make: the files' texts by name, and every problem.

    ``treaties`` are those imported, which the files hold. ``left_out``
    names the tables not imported at all: a table whose header, quoting or
    encoding cannot be read, or that ``index.csv`` does not name.
    ``rows_left_out`` gives, as ``(file, line)``, each row of an imported
    table that was not imported (its participant maps to no signatory, or a
    cell cannot be read); its treaty's ``notes`` say so. The problems of
    both are among ``problems``.
    """

    files: Mapping[str, str]
    treaties: tuple[Treaty, ...] = ()
    left_out: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    participants: int = 0
    actions: int = 0
    rows_left_out: tuple[tuple[str, int], ...] = ()


@attrs.frozen
class _Imported:
    treaty: Treaty
    table: Table
    parties: tuple[Party, ...]
    file: str
    skipped: tuple[_Skipped, ...] = ()


def _footnotes(markers: Sequence[str]) -> str:
    if len(markers) == 1:
        return f"Footnote {markers[0]}"
    return f"Footnotes {', '.join(markers[:-1])} and {markers[-1]}"


def _action_notes(row: Row, cell: Cell) -> str | None:
    parts = []
    if cell.footnotes:
        parts.append(f"{_footnotes(cell.footnotes)} of the Collection.")
    if row.footnotes:
        parts.append(f"{_footnotes(row.footnotes)} of the Collection, on {row.participant}.")
    parts.extend(f"The table's note: {note!r}." for note in (*cell.notes, *row.notes))
    return " ".join(parts) or None


def _agreement(imported: _Imported) -> dict[str, Any]:
    treaty, table = imported.treaty, imported.table
    actions: list[dict[str, Any]] = []
    quiet: list[str] = []
    for row, who in zip(table.rows, imported.parties, strict=True):
        cells = [cell for cell in row.cells if cell is not None]
        for cell in cells:
            action: dict[str, Any] = {
                "party": who.id,
                "action": cell.kind,
                "date": cell.date.isoformat(),
                "sources": [treaty.source],
            }
            notes = _action_notes(row, cell)
            if notes is not None:
                action["notes"] = notes
            actions.append(action)
        if not cells and (row.footnotes or row.notes):
            said = [
                f"{_footnotes(row.footnotes)} of the Collection." if row.footnotes else "",
                *(f"The table's note: {note!r}." for note in row.notes),
            ]
            quiet.append(f"{row.participant}, with no dated action in the table: {' '.join(s for s in said if s)}")
    assert treaty.adopted is not None
    agreement: dict[str, Any] = {
        "id": treaty.id,
        "title": treaty.title,
        "kind": "treaty",
        "binding": True,
        "multilateral": True,
        "parties": [p.id for p in imported.parties],
        "place": treaty.place,
        "sources": [treaty.source],
        "history": [
            {
                "date": treaty.adopted.isoformat(),
                "status": "concluded",
                "sources": [treaty.source],
                "note": "The treaty's place and date as the Collection's title gives them (its adoption, "
                "or its opening for signature).",
            }
        ],
        "actions": actions,
    }
    said = [*_left_out_note(imported), *quiet]
    if said:
        agreement["notes"] = " ".join(said)
    return agreement


def _left_out_note(imported: _Imported) -> list[str]:
    """What the treaty's notes say of the rows left out: which, where, and why; nothing if none was."""
    if not imported.skipped:
        return []
    count = len(imported.skipped)
    rows = "1 row" if count == 1 else f"{count} rows"
    lines = [
        f"Not imported, so this participation is not complete: {rows} of the Collection's table "
        f"({imported.file}), for a curator to add."
    ]
    for skipped in imported.skipped:
        why = "; ".join(skipped.why)
        lines.append(f"Line {skipped.line}, {skipped.participant!r}: {why}{'' if why.endswith(('.', '?')) else '.'}")
    return lines


def _treaty_file(imported: _Imported) -> dict[str, Any]:
    treaty = imported.treaty
    chapter = f"chapter {_roman(treaty.chapter)}"
    if treaty.chapter_name:
        chapter += f" ({treaty.chapter_name})"
    source: dict[str, Any] = {
        "id": treaty.source,
        "language": "en",
        "title": treaty.title,
        "publisher": PUBLISHER,
        "url": treaty.url,
        "notes": f"The treaty's status in Multilateral Treaties Deposited with the Secretary-General, {chapter}.",
    }
    return {"schema_version": 1, "sources": [source], "agreements": [_agreement(imported)]}


def _participants_file(mapped: Mapping[str, list[tuple[Party, str]]]) -> dict[str, Any]:
    """The signatories: each party once, named as first seen (or as it is now, for a former name)."""
    signatories = []
    for ident in sorted(mapped):
        seen = mapped[ident]
        first = seen[0][0]
        current = list(dict.fromkeys(p.name for p, _ in seen if p.former is None))
        name = current[0] if current else first.name
        aliases = list(dict.fromkeys([*current[1:], *(p.former for p, _ in seen if p.former is not None)]))
        record: dict[str, Any] = {"id": ident, "name": name, "kind": first.kind.value}
        if first.country is not None:
            record["country"] = first.country
        if aliases:
            record["aliases"] = aliases
        formers = {p.former: [t for q, t in seen if q.former == p.former] for p, _ in seen if p.former is not None}
        if formers:
            record["notes"] = " ".join(
                f"{former} is a former name of {name}, the name in the Collection's "
                f"{'tables' if len(set(tables)) > 1 else 'table'} of {', '.join(dict.fromkeys(tables))}."
                for former, tables in formers.items()
            )
        signatories.append(record)
    return {"schema_version": 1, "signatories": signatories}


_STAMP = "# Written by mou-tracker import untc. The SHA-256 of the lines below: "
_STAMP_NOTE = "# Edited, this file is a curator's, and a later import leaves it as it is (without --force).\n"


def _dump(plain: Mapping[str, Any]) -> str:
    """The YAML text of a file, stamped with the digest of what follows the stamp (see :func:`_as_imported`)."""
    from ._convert import _dump_plain

    body = _STAMP_NOTE + _dump_plain(plain)
    return f"{_STAMP}{hashlib.sha256(body.encode('utf-8')).hexdigest()}\n{body}"


def _as_imported(data: bytes) -> bool:
    """Whether ``data`` is a file as an import wrote it: its stamp's digest is still that of the rest.

    Such a file holds no curator's edit, and an import of newer tables
    replaces it; any edit below the stamp (or of the stamp) makes it a
    curator's file, which is not replaced without ``force``.
    """
    stamp, newline, body = data.partition(b"\n")
    if not newline or not stamp.startswith(_STAMP.encode("utf-8")):
        return False
    return stamp[len(_STAMP) :] == hashlib.sha256(body).hexdigest().encode("ascii")


def convert(source: str | os.PathLike[str]) -> Conversion:
    """Read the scraped tables of the directory ``source`` and make the data files; write nothing.

    Every problem of every table is collected. A row with a problem is left
    out, and said in its treaty's notes; a table with a problem of its own
    (its header, its quoting) is left out whole. The participants of every
    table, left out or not, that map to a signatory are in
    :data:`PARTICIPANTS_FILE`, so that a treaty file written by an earlier
    import still finds its parties there.
    """
    root = FsPath(source)
    problems: list[Problem] = []
    try:
        names = sorted(
            (entry.name for entry in os.scandir(root) if entry.is_file() and entry.name.lower().endswith(".csv")),
            key=_table_order,
        )
    except OSError as exc:
        problem = Problem(f"cannot read the directory: {exc.strerror or exc}", file=str(root))
        return Conversion({}, problems=(problem,))
    index_name = next((n for n in names if n.lower() == INDEX_FILE), None)
    if index_name is None:
        problem = Problem(f"no {INDEX_FILE} naming the treaties of the tables", file=str(root))
        return Conversion({}, problems=(problem,), left_out=tuple(names))
    index_path = str(root / index_name)
    entries, found = _read_index(_read(root / index_name, problems), index_path)
    problems.extend(found)
    by_table: dict[str, Treaty | None] = {}
    for entry, line in entries:
        if entry.table.lower() in by_table:  # which of the two is meant is not known: neither is used
            message = f"the treaty {entry.symbol} is named twice; its table is not imported"
            problems.append(_problem(message, index_path, line, 1))
            by_table[entry.table.lower()] = None
        else:
            by_table[entry.table.lower()] = entry
    imported: list[_Imported] = []
    left_out: list[str] = []
    mapped: dict[str, list[tuple[Party, str]]] = {}
    for name in names:
        if name == index_name:
            continue
        filename = str(root / name)
        treaty = by_table.get(name.lower())
        if name.lower() not in by_table:
            problems.append(Problem(f"the table is not named in {INDEX_FILE}, so its treaty is unknown", file=filename))
        read = _read_table(_read(root / name, problems), filename)
        problems.extend(read.problems)
        if treaty is None or not read.whole:
            left_out.append(name)
            # Its participants stay signatories, so that its file from an earlier import still loads.
            for who in filter(None, (_mapped(named) for named in read.named)):
                mapped.setdefault(who.id, []).append((who, treaty.id if treaty else name))
            continue
        parties, table, skipped = _parties(read, filename, problems)
        for who in parties:
            mapped.setdefault(who.id, []).append((who, treaty.id))
        imported.append(_Imported(treaty, table, parties, name, skipped))
    files = {f"{i.treaty.id}.yaml": _dump(_treaty_file(i)) for i in imported}
    if mapped:
        files[PARTICIPANTS_FILE] = _dump(_participants_file(mapped))
    problems.sort(key=lambda p: (_table_order(FsPath(p.file or "").name), p.file or "", p.line or 0, p.column or 0))
    return Conversion(
        types.MappingProxyType(dict(sorted(files.items()))),
        tuple(i.treaty for i in imported),
        tuple(left_out),
        tuple(problems),
        participants=len(mapped),
        actions=sum(1 for i in imported for row in i.table.rows for cell in row.cells if cell is not None),
        rows_left_out=tuple((str(root / i.file), s.line) for i in imported for s in i.skipped),
    )


def _table_order(name: str) -> tuple[Any, ...]:
    """Tables in the Collection's order: by chapter, then number (``3-2-1`` before ``10-11``); the index first."""
    if name.lower() == INDEX_FILE:
        return ((),)
    return (tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in name.rsplit(".", 1)[0].split("-")),)


def _read(path: FsPath, problems: list[Problem]) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        problems.append(Problem(f"cannot read the file: {exc.strerror or exc}", file=str(path)))
        return b""


def _mapped(name: str) -> Party | None:
    found = _lookup(name)
    return found if isinstance(found, Party) else None


def _parties(
    read: _Read, filename: str, problems: list[Problem]
) -> tuple[tuple[Party, ...], Table, tuple[_Skipped, ...]]:
    """The party of each row read, the table of the rows mapped, and every row left out, in the file's order.

    A row whose participant maps to no signatory, or to one an earlier row
    maps to, is left out and is a problem.
    """
    parties: list[Party] = []
    rows: list[Row] = []
    skipped = list(read.skipped)
    seen: dict[str, tuple[str, int]] = {}
    for row, (line, column) in zip(read.table.rows, read.lines, strict=True):
        found = _lookup(row.participant)
        if isinstance(found, Party) and found.id in seen:
            earlier, at = seen[found.id]
            found = (
                f"{row.participant!r} is the signatory {found.id!r}, as {earlier!r} on line {at} is: "
                "a participant has one row"
            )
        if isinstance(found, str):
            problems.append(_problem(found, filename, line, column, ("Participant",)))
            skipped.append(_Skipped(line, row.participant, (found,)))
            continue
        seen[found.id] = (row.participant, line)
        parties.append(found)
        rows.append(row)
    skipped.sort(key=lambda s: s.line)
    return tuple(parties), Table(read.table.columns, tuple(rows)), tuple(skipped)


# -- writing ----------------------------------------------------------------------------


@attrs.frozen
class Imported:
    """What :func:`import_untc` did: the files written, those already as the import makes them, and the problems.

    ``left_out`` names the tables not imported because of a problem (the
    rows left out are the conversion's ``rows_left_out``), and ``refused``
    the files not written because a curator's version is there (without
    ``force``), or because of any problem at all (with ``strict``). Nothing
    was left out when ``problems`` is empty.
    """

    conversion: Conversion
    written: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    refused: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def left_out(self) -> tuple[str, ...]:
        """The tables not imported because of a problem."""
        return self.conversion.left_out


def _first_difference(old: str, new: str) -> tuple[int, int]:
    """The line and column at which ``old`` first differs from ``new`` (1-based)."""
    at = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
    line = old.count("\n", 0, at) + 1
    return line, at - (old.rfind("\n", 0, at) + 1) + 1


def import_untc(
    source: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    force: bool = False,
    strict: bool = False,
) -> Imported:
    """Import the scraped tables of ``source`` into the directory ``output``, made if need be.

    Each file is written whole, through a temporary file renamed over the
    old one, or not at all. A file that already holds what the import would
    write is left untouched; one that an import wrote and nobody edited
    since (its stamp says so) is replaced; any other (a curator's edit) is
    refused, with a problem at its first difference, unless ``force``.
    With ``strict``, nothing is written if there is any problem. The
    problems, ordered by file, line and column, are those of the tables and
    of the files refused; the command line prints them and exits 2.
    """
    conversion = convert(source)
    root = FsPath(output)
    problems = list(conversion.problems)
    plans: list[tuple[str, FsPath, bytes]] = []
    unchanged: list[str] = []
    refused: list[str] = []
    if root.exists() and not root.is_dir():
        problems.append(Problem("expected a directory to write the data files to, found a file", file=str(root)))
        return Imported(conversion, refused=tuple(conversion.files), problems=tuple(problems))
    for name, text in conversion.files.items():
        path = root / name
        new = text.encode("utf-8")
        try:
            old = path.read_bytes()
        except FileNotFoundError:
            old = None
        except OSError as exc:
            problems.append(Problem(f"cannot read the file: {exc.strerror or exc}", file=str(path)))
            refused.append(name)
            continue
        if old == new:
            unchanged.append(name)
        elif old is not None and not force and not _as_imported(old):
            line, column = _first_difference(old.decode("utf-8", "replace"), text)
            problems.append(
                Problem(
                    "the file is not as an import wrote it (a curator's edit, or a file of its own) and is left as "
                    "it is; here it first differs from what the import would write; --force overwrites it",
                    file=str(path),
                    line=line,
                    column=column,
                )
            )
            refused.append(name)
        else:
            plans.append((name, path, new))
    if strict and problems:
        refused.extend(name for name, _, _ in plans)
        plans = []
    written: list[str] = []
    for name, path, data in plans:
        try:
            _replace(path, data)
        except OSError as exc:
            problems.append(Problem(f"cannot write the file: {exc.strerror or exc}", file=str(path)))
            refused.append(name)
        else:
            written.append(name)
    return Imported(conversion, tuple(written), tuple(unchanged), tuple(sorted(refused)), tuple(problems))


def _replace(path: FsPath, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: to a hidden temporary file beside it, then renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
