"""``index.csv``, the scraped form's list of treaties: each one's chapter, number, title, place, date and page.

A table is imported only as the treaty the index names for it
(:attr:`Treaty.table`): the index gives the title, the place and date that
end it, and the address of the status page that becomes the treaty's source.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Final

import attrs

from .. import _characters
from ..exceptions import DataError, Problem
from .cells import _day
from .fields import _Field, _located_records, _problem, _width_problem

INDEX_FILE: Final = "index.csv"


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


_ROMAN: Final = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
    (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def _roman(number: int) -> str:
    out = []
    for value, letters in _ROMAN:
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
        records, problems = _located_records(data, filename)
    except DataError as exc:
        return [], list(exc.problems)
    if not records:
        return [], [*problems, _problem(f"expected a header naming {', '.join(_INDEX_COLUMNS)}", filename, 1, 1)]
    header = [" ".join(f.text.split()).casefold() for f in records[0]]
    missing = [name for name in _INDEX_COLUMNS if name not in header]
    if missing:
        message = f"expected the columns {', '.join(_INDEX_COLUMNS)}; missing {', '.join(missing)}"
        return [], [*problems, _problem(message, filename, 1, 1)]
    treaties: list[tuple[Treaty, int]] = []
    for record in records[1:]:
        width = _width_problem(record, len(header), filename)
        if width is not None:
            problems.append(width)
            continue
        fields = dict(zip(header, record, strict=True))
        treaty = _treaty(fields, filename, problems)
        if treaty is not None:
            treaties.append((treaty, record[0].line))
    return treaties, problems


def _treaty(fields: Mapping[str, _Field], filename: str, problems: list[Problem]) -> Treaty | None:
    before = len(problems)

    def refuse(name: str, message: str) -> None:
        problems.append(fields[name].problem(message, filename, (name,)))

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
