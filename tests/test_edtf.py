"""The partial-date parser against the edtf package, on EDTF level 0 dates and intervals.

Strings are drawn from the level 0 grammar (``YYYY``, ``YYYY-MM``,
``YYYY-MM-DD`` and ``start/end`` of two of them) with years, months and days
on and past their edges, so that both parsers meet impossible dates as often
as possible ones, and from near misses that neither may accept.

edtf reads year 0000, allows 29 February in every year and does not compare
an interval's ends; mou-tracker reads years from 0001, checks days against the
calendar and refuses an interval that ends before it starts. Each such
:class:`Difference` is tested for on its own, from edtf's reading of the text,
and every refusal of a string edtf accepts must be one of them.

Open (``..``) and unknown (empty) interval ends belong to EDTF level 1, where
edtf 5.0.2 gives no usable bounds for the interval as a whole (a ``TypeError``
at an open end, a guess ten years away at an unknown one): with them only
acceptance, the kind of that end and the dated end's bound are compared.
Intervals with no dated end are not drawn: edtf accepts ``../..`` (kept
below with the other strings edtf reads beyond mou-tracker's format), fails
with ``TypeError`` while parsing ``../`` and ``/..``, and mou-tracker refuses
all of them (tests/test_dates.py checks that).
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
import functools
import time
from collections.abc import Callable, Iterable, Sequence
from typing import TypeVar

import pytest
from edtf import parse_edtf
from edtf.parser.edtf_exceptions import EDTFParseException
from edtf.parser.parser_classes import EDTFObject, Interval, UnspecifiedIntervalSection
from hypothesis import example, given
from hypothesis import strategies as st

from mou_tracker.dates import DateInterval, PartialDate, parse_date
from mou_tracker.exceptions import InvalidDate

AnyDate = PartialDate | DateInterval
Parts = tuple[int, int | None, int | None]
Test = TypeVar("Test", bound=Callable[..., None])

# -- the two parsers ----------------------------------------------------------


# edtf takes about 5 ms a string (pyparsing tries its whole grammar); shrinking
# and the tests that share a strategy parse the same strings again.
@functools.cache
def _theirs(text: str) -> EDTFObject | None:
    """edtf's reading of ``text``, or ``None`` when edtf refuses it."""
    try:
        result: EDTFObject = parse_edtf(text)
    except EDTFParseException:
        return None
    return result


def _ours(text: str) -> AnyDate | InvalidDate:
    """mou-tracker's reading of ``text``, or the InvalidDate it raises."""
    try:
        return parse_date(text)
    except InvalidDate as exc:
        return exc


def _day(moment: time.struct_time) -> tuple[int, int, int]:
    """The year, month and day of one of edtf's bounds (which may name a day that does not exist)."""
    return moment.tm_year, moment.tm_mon, moment.tm_mday


def _as_date(moment: time.struct_time) -> dt.date:
    """One of edtf's bounds as a date."""
    return dt.date(*_day(moment))


# -- the documented differences -----------------------------------------------


class Difference(enum.Enum):
    """What edtf accepts in the level 0 grammar and mou-tracker refuses (docs/dates.md)."""

    YEAR_ZERO = "year 0000"
    LEAP_DAY = "29 February in a common year"
    BACKWARDS = "an interval that ends before it starts"


# Part of the reason mou-tracker gives for refusing each.
REASONS = {
    Difference.YEAR_ZERO: "the year must be between 0001 and 9999",
    Difference.LEAP_DAY: "has days 01 to 28",
    Difference.BACKWARDS: "the interval ends before it starts",
}


def _date_differences(date: EDTFObject) -> set[Difference]:
    """The differences one date edtf has read shows, each tested on its own."""
    year, month, day = _day(date.lower_strict())
    found = set()
    if year == 0:
        found.add(Difference.YEAR_ZERO)
    if (month, day) == (2, 29) and not calendar.isleap(year):
        found.add(Difference.LEAP_DAY)
    return found


def _faults(parsed: EDTFObject) -> list[set[Difference]]:
    """The differences ``parsed`` shows, one set for each part at fault.

    A date is one part. An interval's parts are its dated ends; only when
    both are days of the calendar can it be at fault for its order.
    """
    if not isinstance(parsed, Interval):
        ends = [parsed]
    else:
        ends = [end for end in (parsed.lower, parsed.upper) if not isinstance(end, UnspecifiedIntervalSection)]
    faults = [found for end in ends if (found := _date_differences(end))]
    if not faults and len(ends) == 2 and _day(parsed.lower.lower_strict()) > _day(parsed.upper.upper_strict()):
        faults.append({Difference.BACKWARDS})
    return faults


def _check_refusal_is_documented(text: str) -> None:
    """Of the strings edtf accepts, we refuse just those at fault, each part for exactly one difference."""
    theirs = _theirs(text)
    assert theirs is not None
    ours = _ours(text)
    faults = _faults(theirs)
    assert bool(faults) == isinstance(ours, InvalidDate), ours
    for found in faults:
        assert 1 == len(found), found
    if isinstance(ours, InvalidDate):
        (first,) = faults[0]
        assert REASONS[first] in ours.reason


# -- strategies ---------------------------------------------------------------

EDGE_YEARS = (0, 1, 2, 4, 100, 400, 1900, 1999, 2000, 2023, 2024, 9998, 9999)
YEARS = st.one_of(st.sampled_from(EDGE_YEARS), st.integers(0, 9999))
# Months 00 to 13 and days 00 to 32, with the ends of months drawn on purpose
# and 29 February a third of the time: a day drawn at random would seldom
# meet them.
MONTH_ENDS = [(2, 28), (2, 30), (4, 30), (4, 31), (1, 31), (1, 32), (12, 31), (12, 32), (0, 1), (13, 1), (6, 0)]
MONTH_DAYS = st.one_of(st.just((2, 29)), st.sampled_from(MONTH_ENDS), st.tuples(st.integers(0, 13), st.integers(0, 32)))
PRECISIONS = st.sampled_from(["year", "month", "day", "day"])


@st.composite
def date_parts(draw: st.DrawFn, year: int | None = None) -> Parts:
    """A year, month and day as the level 0 grammar lays them out, not all of them possible."""
    if year is None:
        year = draw(YEARS)
    month, day = draw(MONTH_DAYS)
    precision = draw(PRECISIONS)
    if precision == "year":
        return (year, None, None)
    return (year, month, None) if precision == "month" else (year, month, day)


@st.composite
def interval_parts(draw: st.DrawFn) -> tuple[Parts, Parts]:
    """Two ends, often in the same or the next year so that either order is likely."""
    start = draw(date_parts())
    near = [y for y in (start[0] - 1, start[0], start[0] + 1) if 0 <= y <= 9999]
    end = draw(date_parts(year=draw(st.one_of(st.sampled_from(near), YEARS))))
    return start, end


def _date_tokens(parts: Parts) -> list[str]:
    """``parts`` written as EDTF, as a list of digit groups and separators."""
    year, month, day = parts
    tokens = [f"{year:04d}"]
    for part in (month, day):
        if part is not None:
            tokens += ["-", f"{part:02d}"]
    return tokens


def _interval_tokens(ends: tuple[Parts, Parts]) -> list[str]:
    """An interval's tokens: its start's, a slash and its end's."""
    start, end = ends
    return [*_date_tokens(start), "/", *_date_tokens(end)]


def level0_tokens() -> st.SearchStrategy[list[str]]:
    """The tokens of dates and intervals from the level 0 grammar, possible and impossible alike."""
    return st.one_of(date_parts().map(_date_tokens), interval_parts().map(_interval_tokens))


def level0_strings() -> st.SearchStrategy[str]:
    """Dates and intervals from the level 0 grammar, possible and impossible alike."""
    return level0_tokens().map("".join)


def level1_intervals() -> st.SearchStrategy[str]:
    """Intervals with one dated end and one open or unknown end."""
    dated = date_parts().map(lambda parts: "".join(_date_tokens(parts)))
    other = st.sampled_from(["..", ""])
    return st.one_of(
        st.tuples(dated, other).map("/".join),
        st.tuples(other, dated).map("/".join),
    )


# Each replaces a separator or digit group with something neither EDTF nor
# mou-tracker reads. No spaces (edtf strips them), no leading "-" (a negative
# year, EDTF level 1) and no trailing "/" (an unknown end).
WRONG_DASHES = ["", "--", ".", "/", "_", ":", "\\", "–", "‐", "−"]
WRONG_SLASHES = ["", "-", "//", "\\", "|", ",", "..", ":", "–", "⁄"]
OTHER_DIGITS = "٣३３൩"
WRONG_WIDTHS = {4: [1, 2, 3, 5, 6], 2: [1, 3]}
AFFIXES = st.one_of(
    st.sampled_from(["+", "T", "Y", "0"]).map(lambda c: (c, "")),
    st.sampled_from(["-", "T", "Z", ".", "0", "?!"]).map(lambda c: ("", c)),
)


@st.composite
def near_misses(draw: st.DrawFn) -> str:
    """A level 0 string with one separator, digit group or end gone wrong."""
    tokens = draw(level0_tokens())
    mutation = draw(st.sampled_from(["separator", "width", "digit", "affix"]))
    if mutation == "affix":
        prefix, suffix = draw(AFFIXES)
        return prefix + "".join(tokens) + suffix
    separators = [i for i, token in enumerate(tokens) if not token.isdigit()]
    # A year alone has no separator: it gets a digit group of the wrong width instead.
    if mutation == "separator" and separators:
        i = draw(st.sampled_from(separators))
        tokens[i] = draw(st.sampled_from(WRONG_DASHES if tokens[i] == "-" else WRONG_SLASHES))
        return "".join(tokens)
    i = draw(st.sampled_from([i for i, token in enumerate(tokens) if token.isdigit()]))
    if mutation == "digit":
        at = draw(st.integers(0, len(tokens[i]) - 1))
        tokens[i] = tokens[i][:at] + draw(st.sampled_from(OTHER_DIGITS)) + tokens[i][at + 1 :]
    else:
        width = draw(st.sampled_from(WRONG_WIDTHS[len(tokens[i])]))
        tokens[i] = draw(st.text("0123456789", min_size=width, max_size=width))
    return "".join(tokens)


# The edges, run on every run whatever the profile draws.
LEVEL_0_EXAMPLES = [
    "0000",
    "0001",
    "9999",
    "0001-01-01",
    "9999-12-31",
    "0000-02-29",
    "1900-02-29",
    "2000-02-29",
    "2023-02-29",
    "2024-02-29",
    "2023-02-30",
    "2023-04-31",
    "2023-13",
    "2023-00",
    "2023-01-00",
    "2023-01-32",
    "1900-02",
    "2000-02",
    "2025-10",
    "0001-01/9999-12",
    "2023-08-28/2023-08-01",
    "2023-08/2023",
    "2023/2023-01-01",
    "0000/0001",
    "2023-02-29/2023-03-01",
    "2023-12/2023-02-29",
]
LEVEL_1_EXAMPLES = ["2023-08/..", "../2025-03-25", "2023/", "/2024-05", "0000/..", "/1900-02-29", "9999-12-31/"]
NEAR_MISS_EXAMPLES = ["2023-1", "20230", "023", "2023-08-2", "2023--08", "2023/08", "２０２３", "+2023", "2023-08-28T"]


def _examples(*texts: Iterable[str]) -> Callable[[Test], Test]:
    """Run a test on each of ``texts`` as well as on what it draws."""

    def add(test: Test) -> Test:
        for group in texts:
            for text in group:
                test = example(text)(test)
        return test

    return add


# -- the laws -----------------------------------------------------------------


class TestAgainstEdtf:
    @given(level0_strings())
    @_examples(LEVEL_0_EXAMPLES)
    def test_what_we_accept_edtf_reads_alike(self, text: str) -> None:
        """Whatever we accept, edtf accepts, with the same earliest and latest day."""
        ours = _ours(text)
        if isinstance(ours, InvalidDate):
            return
        theirs = _theirs(text)
        assert theirs is not None, text
        assert _as_date(theirs.lower_strict()) == ours.earliest
        assert _as_date(theirs.upper_strict()) == ours.latest

    @given(st.one_of(level0_strings(), level1_intervals()))
    @_examples(LEVEL_0_EXAMPLES, LEVEL_1_EXAMPLES)
    def test_what_edtf_refuses_we_refuse(self, text: str) -> None:
        """Whatever edtf refuses, we refuse (near misses: test_near_misses_are_refused_by_both)."""
        if _theirs(text) is None:
            assert isinstance(_ours(text), InvalidDate)

    @given(level0_strings())
    @_examples(LEVEL_0_EXAMPLES)
    def test_refusals_of_what_edtf_accepts_are_documented(self, text: str) -> None:
        """Of the strings edtf accepts, we refuse exactly those showing a documented difference.

        A date shows exactly one (year 0000 is a leap year, so never a common
        year's 29 February); an interval shows one at each impossible end, or,
        with two possible ends, is backwards. Our reason names the first.
        """
        if _theirs(text) is not None:
            _check_refusal_is_documented(text)

    @given(near_misses())
    @_examples(NEAR_MISS_EXAMPLES)
    def test_near_misses_are_refused_by_both(self, text: str) -> None:
        """A level 0 string with a wrong separator, digit count, digit or stray character is refused by both."""
        assert None is _theirs(text)
        assert isinstance(_ours(text), InvalidDate)

    @given(level1_intervals())
    @_examples(LEVEL_1_EXAMPLES)
    def test_open_and_unknown_ends_agree(self, text: str) -> None:
        """With one end open or unknown, we and edtf agree on acceptance, on that end and on the dated end's bound.

        We refuse what edtf accepts only for a documented difference of the dated end.
        """
        theirs = _theirs(text)
        ours = _ours(text)
        if theirs is None:
            assert isinstance(ours, InvalidDate)
            return
        _check_refusal_is_documented(text)
        if isinstance(ours, InvalidDate):
            return
        start, end = text.split("/")
        if start in ("..", ""):
            assert isinstance(theirs.lower, UnspecifiedIntervalSection)
            assert (start == "..") == theirs.lower.is_open
            assert None is ours.earliest
            assert _as_date(theirs.upper.upper_strict()) == ours.latest
        else:
            assert isinstance(theirs.upper, UnspecifiedIntervalSection)
            assert (end == "..") == theirs.upper.is_open
            assert None is ours.latest
            assert _as_date(theirs.lower.lower_strict()) == ours.earliest

    @given(st.one_of(level0_strings(), level1_intervals()))
    @_examples(LEVEL_0_EXAMPLES, LEVEL_1_EXAMPLES)
    def test_what_we_accept_prints_back(self, text: str) -> None:
        """str() of whatever we accept gives back the input."""
        ours = _ours(text)
        if not isinstance(ours, InvalidDate):
            assert text == str(ours)


# -- beyond the generated strings ---------------------------------------------

BEYOND_LEVEL_0: Sequence[tuple[str, str]] = [
    ("2023-08-28T10:00:00", "date and time, EDTF level 0: we keep dates only"),
    ("2023-08-28T10:00:00Z", "date and time with a zone"),
    ("-0044", "negative year, EDTF level 1"),
    ("2023?", "uncertain, EDTF level 1"),
    ("2023-08~", "approximate, EDTF level 1"),
    ("2023-XX", "unspecified month, EDTF level 1"),
    ("2023-21", "season, EDTF level 1"),
    ("Y12345", "year of more than four digits, EDTF level 1"),
    ("2023S2", "significant digits, EDTF level 2"),
    ("../..", "no dated end: EDTF level 1 has open ends, we need one dated end"),
    (" 2023", "space before: not EDTF, edtf strips it"),
    ("2023\n", "newline after: not EDTF, edtf strips it"),
    ("2023 / 2024", "spaces around '/': not EDTF, edtf skips them"),
]


@pytest.mark.parametrize(("text", "why"), BEYOND_LEVEL_0, ids=[text for text, _ in BEYOND_LEVEL_0])
def test_what_edtf_reads_beyond_our_format(text: str, why: str) -> None:
    """edtf accepts more than level 0 dates and intervals; we refuse the rest of EDTF, and spaces."""
    assert None is not _theirs(text), why
    assert isinstance(_ours(text), InvalidDate), why
