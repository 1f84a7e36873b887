"""Partial dates, intervals, parse_date and Truth."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pendulum
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mou_tracker.dates import DateInterval, End, PartialDate, Precision, Truth, parse_date
from mou_tracker.exceptions import InvalidDate
from mou_tracker.strategies import LAST_DAY, any_dates, date_intervals, days, partial_dates

DATE_PRECISIONS = (Precision.YEAR, Precision.MONTH, Precision.DAY)

D = dt.date
AnyDate = PartialDate | DateInterval
Question = Callable[[AnyDate, dt.date], Truth]

VALID = [
    # text, precision, earliest, latest
    ("2023", Precision.YEAR, D(2023, 1, 1), D(2023, 12, 31)),
    ("0001", Precision.YEAR, D(1, 1, 1), D(1, 12, 31)),
    ("9999", Precision.YEAR, D(9999, 1, 1), D(9999, 12, 31)),
    ("2025-10", Precision.MONTH, D(2025, 10, 1), D(2025, 10, 31)),
    ("2024-02", Precision.MONTH, D(2024, 2, 1), D(2024, 2, 29)),
    ("2025-02", Precision.MONTH, D(2025, 2, 1), D(2025, 2, 28)),
    ("1900-02", Precision.MONTH, D(1900, 2, 1), D(1900, 2, 28)),
    ("2000-02", Precision.MONTH, D(2000, 2, 1), D(2000, 2, 29)),
    ("2025-04", Precision.MONTH, D(2025, 4, 1), D(2025, 4, 30)),
    ("9999-12", Precision.MONTH, D(9999, 12, 1), D(9999, 12, 31)),
    ("2023-08-28", Precision.DAY, D(2023, 8, 28), D(2023, 8, 28)),
    ("2024-02-29", Precision.DAY, D(2024, 2, 29), D(2024, 2, 29)),
    ("0001-01-01", Precision.DAY, D(1, 1, 1), D(1, 1, 1)),
    ("9999-12-31", Precision.DAY, D(9999, 12, 31), D(9999, 12, 31)),
    ("2025/2030", Precision.INTERVAL, D(2025, 1, 1), D(2030, 12, 31)),
    ("2025-10-26/2025-10-28", Precision.INTERVAL, D(2025, 10, 26), D(2025, 10, 28)),
    ("2023-08/2023", Precision.INTERVAL, D(2023, 8, 1), D(2023, 12, 31)),
    ("2023/2023-01-01", Precision.INTERVAL, D(2023, 1, 1), D(2023, 1, 1)),
    ("2024-02-29/2024-02-29", Precision.INTERVAL, D(2024, 2, 29), D(2024, 2, 29)),
    ("2023-08-28/..", Precision.INTERVAL, D(2023, 8, 28), None),
    ("../2025-03-25", Precision.INTERVAL, None, D(2025, 3, 25)),
    ("2023/", Precision.INTERVAL, D(2023, 1, 1), None),
    ("/2024-05", Precision.INTERVAL, None, D(2024, 5, 31)),
    ("../2024", Precision.INTERVAL, None, D(2024, 12, 31)),
    ("2013/..", Precision.INTERVAL, D(2013, 1, 1), None),
]

INVALID: list[object] = [
    2023,
    2023.0,
    None,
    b"2023",
    ["2023"],
    D(2023, 8, 28),
    "",
    "2023-1",
    "2023-1-01",
    "2023-01-1",
    "23",
    "023",
    "20230",
    "10000",
    "+2023",
    "-2023",
    "2025-02-30",
    "2024-02-30",
    "2023-02-29",
    "2025-04-31",
    "2025-13",
    "2025-00",
    "2025-01-00",
    "2025-01-32",
    "0000",
    "0000-01-01",
    "2025/2024",
    "2024-12/2024-01",
    "2024-01-02/2024-01-01",
    "../..",
    "../",
    "/..",
    "/",
    "./2023",
    "2023/.",
    "...../2023",
    "2023//2024",
    "2023/2024/2025",
    " 2023",
    "2023 ",
    "2023\n",
    "2023 / 2024",
    "２０２３",
    "2023-08-28T00:00",
    "2023-W01",
    "2023-08-28/2023-02-30",
]

QUESTIONS: dict[str, Question] = {
    "on_or_before": lambda d, day: d.on_or_before(day),
    "before": lambda d, day: d.before(day),
    "on_or_after": lambda d, day: d.on_or_after(day),
    "after": lambda d, day: d.after(day),
}

INVERSE = {Truth.YES: Truth.NO, Truth.NO: Truth.YES, Truth.POSSIBLY: Truth.POSSIBLY}


def _expected_truth(certainly: bool, impossible: bool) -> Truth:
    if certainly:
        return Truth.YES
    return Truth.NO if impossible else Truth.POSSIBLY


def _shift(day: dt.date, by: int) -> dt.date | None:
    try:
        return dt.date(day.year, day.month, day.day) + dt.timedelta(days=by)
    except OverflowError:
        return None


def _around(date: AnyDate) -> st.SearchStrategy[dt.date]:
    """Days anywhere, and days at or next to the bounds of ``date``, where answers change."""
    edges = [b for b in (date.earliest, date.latest) if b is not None]
    near = [d for b in edges for k in (-1, 0, 1) if (d := _shift(b, k)) is not None]
    return st.one_of(days(), st.sampled_from(near)) if near else days()


dates_and_days = any_dates().flatmap(lambda d: st.tuples(st.just(d), _around(d)))


class TestParsing:
    @pytest.mark.parametrize(("text", "precision", "earliest", "latest"), VALID)
    def test_valid_text_round_trips(self, text: str, precision: Precision, earliest: D, latest: D) -> None:
        """A valid EDTF string parses, prints back unchanged and knows its precision and bounds."""
        parsed = parse_date(text)
        assert text == str(parsed)
        assert precision == parsed.precision
        assert earliest == parsed.earliest
        assert latest == parsed.latest

    @pytest.mark.parametrize(("text", "precision", "earliest", "latest"), VALID)
    def test_parse_picks_the_kind(self, text: str, precision: Precision, earliest: D, latest: D) -> None:
        """parse_date gives an interval exactly when the text has a '/', and agrees with the class parsers."""
        parsed = parse_date(text)
        if precision is Precision.INTERVAL:
            assert isinstance(parsed, DateInterval)
            assert DateInterval.parse(text) == parsed
        else:
            assert isinstance(parsed, PartialDate)
            assert PartialDate.parse(text) == parsed

    @pytest.mark.parametrize("value", INVALID, ids=repr)
    def test_invalid_input_is_refused(self, value: object) -> None:
        """Non-strings, malformed strings and impossible dates raise InvalidDate, a ValueError."""
        with pytest.raises(InvalidDate) as info:
            parse_date(value)  # type: ignore[arg-type]
        assert isinstance(info.value, ValueError)

    @pytest.mark.parametrize("text", ["0000-01-01", "0000-13", "2025-13-01", "2025-02-30", "10000", "2025/2024"])
    def test_error_quotes_the_whole_input(self, text: str) -> None:
        """InvalidDate carries the text as given, not just the part found wrong."""
        with pytest.raises(InvalidDate) as info:
            parse_date(text)
        assert text == info.value.text
        assert f"invalid date {text!r}" in str(info.value)

    def test_leap_day_only_in_leap_years(self) -> None:
        """29 February exists in 2024 but not in 2025, and 30 February never."""
        assert D(2024, 2, 29) == parse_date("2024-02-29").earliest
        for text in ("2025-02-29", "2024-02-30"):
            with pytest.raises(InvalidDate):
                parse_date(text)

    @pytest.mark.parametrize("value", [2023, None, D(2023, 1, 1)], ids=repr)
    def test_class_parsers_refuse_non_strings(self, value: object) -> None:
        """PartialDate.parse and DateInterval.parse refuse anything but text."""
        for parser in (PartialDate.parse, DateInterval.parse):
            with pytest.raises(InvalidDate):
                parser(value)  # type: ignore[arg-type]

    def test_partial_date_parser_refuses_intervals(self) -> None:
        """PartialDate.parse does not accept an interval."""
        with pytest.raises(InvalidDate):
            PartialDate.parse("2025/2030")

    def test_interval_parser_refuses_single_dates(self) -> None:
        """DateInterval.parse needs exactly one '/'."""
        with pytest.raises(InvalidDate):
            DateInterval.parse("2025")

    @given(any_dates())
    def test_str_parse_is_identity(self, date: AnyDate) -> None:
        """Printing a date and parsing the text gives back an equal date."""
        assert date == parse_date(str(date))

    @given(any_dates())
    def test_equal_dates_hash_alike(self, date: AnyDate) -> None:
        """A parsed copy of a date is equal and has the same hash."""
        copy = parse_date(str(date))
        assert hash(date) == hash(copy)


class TestPartialDate:
    @pytest.mark.parametrize(
        ("parts", "reason"),
        [
            ((0,), "year"),
            ((10000,), "year"),
            ((-1,), "year"),
            ((2023, 0), "month"),
            ((2023, 13), "month"),
            ((2023, None, 5), "a day needs a month"),
            ((2023, 2, 29), "February 2023 has days 01 to 28"),
            ((2023, 4, 0), "days 01 to 30"),
        ],
    )
    def test_impossible_parts_are_refused(self, parts: tuple[int | None, ...], reason: str) -> None:
        """The constructor refuses years, months and days that cannot exist."""
        with pytest.raises(InvalidDate) as info:
            PartialDate(*parts)  # type: ignore[arg-type]
        assert reason in info.value.reason

    @given(partial_dates())
    def test_earliest_not_after_latest(self, date: PartialDate) -> None:
        """The first day a partial date can mean is never after the last."""
        assert date.earliest <= date.latest

    @given(partial_dates())
    def test_bounds_span_exactly_the_precision(self, date: PartialDate) -> None:
        """A year spans 1 January to 31 December, a month its first to last day, a day itself."""
        lo, hi = date.earliest, date.latest
        assert (date.year, date.month or 1, date.day or 1) == (lo.year, lo.month, lo.day)
        assert date.year == hi.year
        if date.precision is Precision.DAY:
            assert lo == hi
        elif hi < D(9999, 12, 31):
            following = hi + dt.timedelta(days=1)
            assert 1 == following.day
            if date.precision is Precision.YEAR:
                assert (date.year + 1, 1) == (following.year, following.month)
            else:
                assert date.month == hi.month

    @given(days(), st.sampled_from(DATE_PRECISIONS))
    def test_precision_matches_parts(self, day: dt.date, precision: Precision) -> None:
        """precision is YEAR, MONTH or DAY by which parts are set, and the day falls in the date."""
        parts = {
            Precision.YEAR: (day.year, None, None),
            Precision.MONTH: (day.year, day.month, None),
            Precision.DAY: (day.year, day.month, day.day),
        }[precision]
        date = PartialDate(*parts)
        assert precision == date.precision
        assert date.may_be(day)

    @given(days())
    def test_from_date_is_that_day(self, day: dt.date) -> None:
        """from_date gives a day-precision date whose bounds are the day."""
        date = PartialDate.from_date(day)
        assert Precision.DAY == date.precision
        assert (day, day) == (date.earliest, date.latest)
        assert day.isoformat() == str(date)

    def test_repr_shows_the_text(self) -> None:
        """The repr names the class and the EDTF text."""
        assert "<PartialDate('2025-10')>" == repr(PartialDate(2025, 10))

    def test_bounds_are_dates(self) -> None:
        """earliest and latest are dates, not datetimes."""
        date = PartialDate(2025, 10)
        assert not isinstance(date.earliest, dt.datetime)
        assert not isinstance(date.latest, dt.datetime)


class TestDateInterval:
    def test_needs_a_dated_end(self) -> None:
        """An interval with neither end dated is refused."""
        for start in End:
            for end in End:
                with pytest.raises(InvalidDate):
                    DateInterval(start, end)

    def test_cannot_end_before_it_starts(self) -> None:
        """An interval whose end is certainly before its start is refused."""
        with pytest.raises(InvalidDate):
            DateInterval(PartialDate(2025), PartialDate(2024, 12, 31))

    def test_may_start_and_end_in_the_same_period(self) -> None:
        """An end that overlaps the start is accepted."""
        assert "2024-06/2024" == str(DateInterval(PartialDate(2024, 6), PartialDate(2024)))

    @given(date_intervals())
    def test_bounds_come_from_the_ends(self, interval: DateInterval) -> None:
        """earliest is the start's earliest day, latest the end's latest; open or unknown ends give None."""
        start, end = interval.start, interval.end
        assert (start.earliest if isinstance(start, PartialDate) else None) == interval.earliest
        assert (end.latest if isinstance(end, PartialDate) else None) == interval.latest
        assert Precision.INTERVAL == interval.precision

    @given(date_intervals())
    def test_earliest_not_after_latest(self, interval: DateInterval) -> None:
        """When both bounds are known, the earliest day is not after the latest."""
        if interval.earliest is not None and interval.latest is not None:
            assert interval.earliest <= interval.latest

    def test_repr_shows_the_text(self) -> None:
        """The repr names the class and the EDTF text, open and unknown ends included."""
        assert "<DateInterval('../2025')>" == repr(DateInterval(End.OPEN, PartialDate(2025)))
        assert "<DateInterval('2025/')>" == repr(DateInterval(PartialDate(2025), End.UNKNOWN))


class TestComparisons:
    @given(dates_and_days)
    def test_on_or_before_follows_the_bounds(self, case: tuple[AnyDate, dt.date]) -> None:
        """on_or_before(day) is YES iff latest <= day, NO iff earliest > day, else POSSIBLY."""
        date, day = case
        lo, hi = date.earliest, date.latest
        expected = _expected_truth(hi is not None and hi <= day, lo is not None and lo > day)
        assert expected == date.on_or_before(day)

    @given(dates_and_days)
    def test_before_follows_the_bounds(self, case: tuple[AnyDate, dt.date]) -> None:
        """before(day) is YES iff latest < day, NO iff earliest >= day, else POSSIBLY."""
        date, day = case
        lo, hi = date.earliest, date.latest
        expected = _expected_truth(hi is not None and hi < day, lo is not None and lo >= day)
        assert expected == date.before(day)

    @given(dates_and_days)
    def test_after_and_on_or_after_follow_the_bounds(self, case: tuple[AnyDate, dt.date]) -> None:
        """after(day) is YES iff earliest > day; on_or_after(day) is YES iff earliest >= day."""
        date, day = case
        lo, hi = date.earliest, date.latest
        assert _expected_truth(lo is not None and lo > day, hi is not None and hi <= day) == date.after(day)
        assert _expected_truth(lo is not None and lo >= day, hi is not None and hi < day) == date.on_or_after(day)

    @given(dates_and_days)
    def test_after_inverts_on_or_before(self, case: tuple[AnyDate, dt.date]) -> None:
        """after(d) is the inverse of on_or_before(d), and on_or_after(d) of before(d)."""
        date, day = case
        assert INVERSE[date.on_or_before(day)] == date.after(day)
        assert INVERSE[date.before(day)] == date.on_or_after(day)

    @given(dates_and_days)
    def test_strict_and_loose_agree(self, case: tuple[AnyDate, dt.date]) -> None:
        """Certainly before implies certainly on or before; certainly not on or before implies not before."""
        date, day = case
        if date.before(day) is Truth.YES:
            assert Truth.YES == date.on_or_before(day)
        if date.on_or_before(day) is Truth.NO:
            assert Truth.NO == date.before(day)
        if date.after(day) is Truth.YES:
            assert Truth.YES == date.on_or_after(day)

    @given(dates_and_days)
    def test_may_be_means_neither_side_is_certain(self, case: tuple[AnyDate, dt.date]) -> None:
        """may_be(day) holds iff the date is neither certainly after nor certainly before the day."""
        date, day = case
        expected = date.after(day) is not Truth.YES and date.before(day) is not Truth.YES
        assert expected == date.may_be(day)

    @given(partial_dates(precisions=[Precision.DAY]).flatmap(lambda d: st.tuples(st.just(d), _around(d))))
    def test_a_day_is_never_possibly(self, case: tuple[PartialDate, dt.date]) -> None:
        """A day-precision date answers YES or NO against a day, never POSSIBLY."""
        date, day = case
        for name, question in QUESTIONS.items():
            assert Truth.POSSIBLY != question(date, day), name

    @given(dates_and_days)
    def test_a_day_and_its_partial_date_compare_alike(self, case: tuple[AnyDate, dt.date]) -> None:
        """Comparing with a day or with the day-precision PartialDate of it gives the same answer."""
        date, day = case
        as_date = PartialDate.from_date(day)
        for name, question in QUESTIONS.items():
            assert question(date, day) == question(date, as_date), name  # type: ignore[arg-type]

    @given(any_dates(), any_dates())
    def test_comparing_two_dates_uses_both_bounds(self, first: AnyDate, second: AnyDate) -> None:
        """Against another date, YES needs every pair of days to agree and NO every pair to disagree."""
        lo, hi = first.earliest, first.latest
        other_lo, other_hi = second.earliest, second.latest
        always_le = hi is not None and other_lo is not None and hi <= other_lo
        always_lt = hi is not None and other_lo is not None and hi < other_lo
        never_le = lo is not None and other_hi is not None and lo > other_hi
        never_lt = lo is not None and other_hi is not None and lo >= other_hi
        assert _expected_truth(always_le, never_le) == first.on_or_before(second)
        assert _expected_truth(always_lt, never_lt) == first.before(second)
        assert INVERSE[first.on_or_before(second)] == first.after(second)
        assert INVERSE[first.before(second)] == first.on_or_after(second)

    @given(any_dates(), st.datetimes())
    def test_datetimes_are_refused(self, date: AnyDate, moment: dt.datetime) -> None:
        """Comparing with a datetime raises TypeError, whatever the question."""
        for question in QUESTIONS.values():
            with pytest.raises(TypeError):
                question(date, moment)
            with pytest.raises(TypeError):
                question(date, pendulum.instance(moment))

    @pytest.mark.parametrize("other", ["2023-08-28", 2023, None, 2023.5], ids=repr)
    def test_non_dates_are_refused(self, other: object) -> None:
        """Comparing with anything but a date, a PartialDate or a DateInterval raises TypeError."""
        date = PartialDate(2023, 8, 28)
        for question in QUESTIONS.values():
            with pytest.raises(TypeError):
                question(date, other)  # type: ignore[arg-type]

    @given(any_dates())
    def test_sort_key_orders_by_bounds(self, date: AnyDate) -> None:
        """sort_key is (earliest, latest), open or unknown ends sorting outermost."""
        lo, hi = date.sort_key
        assert (date.earliest or dt.date.min) == lo
        assert (date.latest or dt.date.max) == hi

    def test_open_ends_are_possibly_everything(self) -> None:
        """An open end makes only the dated side certain."""
        since = parse_date("2023-08-28/..")
        assert Truth.NO == since.on_or_before(D(2023, 8, 27))
        assert Truth.POSSIBLY == since.on_or_before(LAST_DAY)
        until = parse_date("../2025-03-25")
        assert Truth.YES == until.on_or_before(D(2025, 3, 25))
        assert Truth.POSSIBLY == until.on_or_before(D(1, 1, 1))


class TestTruth:
    @pytest.mark.parametrize("truth", list(Truth))
    def test_has_no_truth_value(self, truth: Truth) -> None:
        """bool() of a Truth raises TypeError, so 'possibly' is never taken for yes."""
        with pytest.raises(TypeError):
            bool(truth)

    @pytest.mark.parametrize(
        ("certainly", "possibly", "expected"),
        [
            (True, True, Truth.YES),
            (True, False, Truth.YES),
            (False, True, Truth.POSSIBLY),
            (False, False, Truth.NO),
        ],
    )
    def test_of(self, certainly: bool, possibly: bool, expected: Truth) -> None:
        """Truth.of is YES when certain, POSSIBLY when only possible, else NO."""
        assert expected == Truth.of(certainly, possibly)


class TestTruthCombined:
    def test_every_some_and_negated(self) -> None:
        """every is NO on a NO, POSSIBLY on a POSSIBLY; some is YES on a YES; negated swaps YES and NO only."""
        from mou_tracker.dates import Truth

        yes, no, maybe = Truth.YES, Truth.NO, Truth.POSSIBLY
        assert [yes, maybe, no, yes] == [
            Truth.every([yes, yes]),
            Truth.every([yes, maybe]),
            Truth.every([maybe, no]),
            Truth.every([]),
        ]
        assert [yes, maybe, no, no] == [
            Truth.some([no, yes]),
            Truth.some([no, maybe]),
            Truth.some([no, no]),
            Truth.some([]),
        ]
        assert [no, yes, maybe] == [yes.negated(), no.negated(), maybe.negated()]
