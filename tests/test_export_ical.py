"""The iCalendar export: every dated event and everything due, read back with icalendar."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter

import attrs
import icalendar
import pytest
from hypothesis import given

import mou_tracker
from mou_tracker import strategies as mts
from mou_tracker._version import __version__
from mou_tracker.dataset import Dataset
from mou_tracker.dates import DateInterval, PartialDate
from mou_tracker.exports import export
from mou_tracker.exports.ical import export_ics
from mou_tracker.model import Claimed, Source
from mou_tracker.queries import due
from tests.budget import per_dataset

DAY = dt.date(2026, 1, 1)
ONE_DAY = dt.timedelta(days=1)


@pytest.fixture(scope="module")
def data() -> Dataset:
    return mou_tracker.load()


def events(payload: bytes) -> list[icalendar.Event]:
    return list(icalendar.Calendar.from_ical(payload).walk("VEVENT"))


def by_uid(payload: bytes) -> dict[str, icalendar.Event]:
    return {str(e["uid"]): e for e in events(payload)}


def texts(payload: bytes, uid: str, name: str, *, raw: bool = False) -> list[str]:
    """The values of text property ``name`` of the event ``uid``, unfolded and unescaped as RFC 5545 says.

    Read here, by sections 3.1 and 3.3.11 themselves, rather than by
    icalendar's reader, which some of its releases unescape wrongly (a
    backslash before a comma): these tests are of the calendar written.
    """
    lines = re.sub(rb"\r\n[ \t]", b"", payload).decode("utf-8").split("\r\n")
    found: dict[str, list[str]] = {}
    block: list[tuple[str, str]] = []
    for line in lines:
        head, _, value = line.partition(":")
        prop = head.split(";")[0].upper()
        if prop == "BEGIN" and value == "VEVENT":
            block = []
        elif prop == "END" and value == "VEVENT":
            event_uid = next(v for p, v in block if p == "UID")
            found[event_uid] = [v if raw else _unescape(v) for p, v in block if p == name.upper()]
        else:
            block.append((prop, value))
    return found.get(uid, [])


def listed(payload: bytes, uid: str, name: str) -> list[str]:
    """The values of a property that holds a list of texts (CATEGORIES), split at its unescaped commas."""
    return [_unescape(item) for value in texts(payload, uid, name, raw=True) for item in _ITEM.findall(value)]


_ITEM = re.compile(r"(?:\\.|[^,\\])+")


def _unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


def span(event: icalendar.Event) -> tuple[dt.date, dt.date]:
    """The first and last day of an all-day event: DTEND is the day after the last, or DURATION counts the days."""
    start = event.decoded("dtstart")
    if "dtend" in event:
        return start, event.decoded("dtend") - ONE_DAY
    return start, start + (event.decoded("duration") - ONE_DAY)


def expected_span(date: PartialDate | DateInterval, *, due: bool = False) -> tuple[dt.date, dt.date]:
    """The one day an event of ``date`` should be on: the first it may be, the last if it is due, or its known end."""
    first, last = date.earliest or date.latest, date.latest or date.earliest
    assert first is not None and last is not None
    day = last if due else first
    return dt.date(day.year, day.month, day.day), dt.date(day.year, day.month, day.day)


class TestCalendar:
    def test_header(self, data: Dataset) -> None:
        """The calendar names mou-tracker and its version, is iCalendar 2.0 and has a name."""
        calendar = icalendar.Calendar.from_ical(export_ics(data, day=DAY))
        assert "2.0" == str(calendar["version"])
        assert f"-//mou-tracker//mou-tracker {__version__}//EN" == str(calendar["prodid"])
        assert "Agreements (mou-tracker)" == str(calendar["x-wr-calname"])

    def test_registered(self, data: Dataset) -> None:
        """The ics format of the export registry gives the same bytes."""
        assert export_ics(data, day=DAY) == export(data, "ics", day=DAY)

    def test_reproducible(self, data: Dataset) -> None:
        """The same data and day give the same bytes; DTSTAMP is the day."""
        first = export_ics(data, day=DAY)
        assert first == export_ics(mou_tracker.load(), day=DAY)
        stamps = {e.decoded("dtstamp") for e in events(first)}
        assert {dt.datetime(2026, 1, 1, tzinfo=dt.UTC)} == stamps

    def test_uids_unique(self, data: Dataset) -> None:
        """No two events share a UID, and every UID is mou-tracker's."""
        uids = [str(e["uid"]) for e in events(export_ics(data, day=DAY))]
        assert len(uids) == len(set(uids))
        assert all(u.endswith("@mou-tracker") for u in uids)

    def test_uids_stable_across_days(self, data: Dataset) -> None:
        """A status event keeps its UID whatever the day of the export."""
        early = {u: e["summary"] for u, e in by_uid(export_ics(data, day=DAY)).items() if ".event-" in u}
        late = {u: e["summary"] for u, e in by_uid(export_ics(data, day=dt.date(2030, 6, 1))).items() if ".event-" in u}
        assert early == late


class TestStatusEvents:
    def test_itx_signing(self, data: Dataset) -> None:
        """The ITX MoU's signing is a one-day event on 28 August 2023, with its source and areas."""
        itx = by_uid(export_ics(data, day=DAY))["itx.event-0@mou-tracker"]
        agreement = data["itx"]
        assert f"Signed: {agreement.title.value}" == str(itx["summary"])
        assert (dt.date(2023, 8, 28), dt.date(2023, 8, 28)) == span(itx)
        assert dt.date(2023, 8, 29) == itx.decoded("dtend")
        assert [data.area(a).name for a in agreement.areas] == [str(c) for c in itx["categories"].cats]
        description = str(itx["description"])
        assert "Status: signed" in description
        assert "report-2023-08-28" in description
        assert "not known" not in description

    def test_month_is_a_marker_on_its_first_day(self, data: Dataset) -> None:
        """A date known to the month is one day, its first, and its summary and description say so."""
        gedep = by_uid(export_ics(data, day=DAY))["gedep.event-0@mou-tracker"]
        assert (dt.date(2023, 2, 1), dt.date(2023, 2, 1)) == span(gedep)
        assert dt.date(2023, 2, 2) == gedep.decoded("dtend")
        assert str(gedep["summary"]).startswith("In effect (in February 2023, day not known): ")
        assert (
            "The day is not known: some day from 2023-02-01 to 2023-02-28. It is shown on its first day, 2023-02-01."
        ) in str(gedep["description"])

    def test_year_is_not_a_year_long_event(self, data: Dataset) -> None:
        """A date known only to the year is a one-day marker on 1 January, said to be known only to the year."""
        event = by_uid(export_ics(data, day=DAY))["diplomatic-relations.event-0@mou-tracker"]
        assert (dt.date(1973, 1, 1), dt.date(1973, 1, 1)) == span(event)
        assert str(event["summary"]).startswith("In effect (in 1973, day not known): ")
        assert "some day from 1973-01-01 to 1973-12-31" in str(event["description"])

    def test_range_is_a_marker_not_a_banner(self, data: Dataset) -> None:
        """The Connectivity Framework Agreement's 2005/2025-03-25 is one day, with the range in its text."""
        event = by_uid(export_ics(data, day=DAY))["cfa.event-1@mou-tracker"]
        assert "2005/2025-03-25" == str(data["cfa"].history[1].date.value)
        assert (dt.date(2005, 1, 1), dt.date(2005, 1, 1)) == span(event)
        assert str(event["summary"]).startswith("In effect (between 2005 and 2025-03-25, day not known): ")
        assert "The day is not known: some day from 2005-01-01 to 2025-03-25." in str(event["description"])

    def test_open_start_on_its_known_end(self, data: Dataset) -> None:
        """An event known only to have happened by a day is shown on that day, and said to be by it."""
        event = by_uid(export_ics(data, day=DAY))["doc.event-0@mou-tracker"]
        assert "../2023-08-28" == str(data["doc"].history[0].date.value)
        assert (dt.date(2023, 8, 28), dt.date(2023, 8, 28)) == span(event)
        assert str(event["summary"]).startswith("In effect (by 2023-08-28, day not known): ")
        assert "on or before 2023-08-28. It is shown on the day it is known by" in str(event["description"])

    def test_url_of_first_source_with_one(self, data: Dataset) -> None:
        """URL is the address of the first of the event's sources that has one."""
        exported = by_uid(export_ics(data, day=DAY))
        for agreement in data:
            for index, event in enumerate(agreement.history):
                urls = [data.source(s).url for s in event.all_sources if data.source(s).url]
                found = exported[f"{agreement.id}.event-{index}@mou-tracker"].get("url")
                assert (urls[0] if urls else None) == (str(found) if found is not None else None)

    def test_last_day_of_the_calendar(self, data: Dataset) -> None:
        """An event on 31 December 9999, whose day after is past the calendar, takes DURATION instead of DTEND."""
        itx = data["itx"]
        late = attrs.evolve(itx.history[0], date=Claimed.of(PartialDate(9999, 12, 31)))
        changed = attrs.evolve(data, agreements=(attrs.evolve(itx, history=(late,)),))
        event = by_uid(export_ics(changed, day=DAY))["itx.event-0@mou-tracker"]
        assert "dtend" not in event
        assert ONE_DAY == event.decoded("duration")
        assert (dt.date(9999, 12, 31), dt.date(9999, 12, 31)) == span(event)

    def test_lang(self, data: Dataset) -> None:
        """In Vietnamese, summaries use the Vietnamese title where the data has one."""
        itx = by_uid(export_ics(data, day=DAY, lang="vi"))["itx.event-0@mou-tracker"]
        assert f"Signed: {data['itx'].titles['vi']}" == str(itx["summary"])


class TestDue:
    def test_everything_due_appears(self, data: Dataset) -> None:
        """Each thing due from the day on, overdue targets included, is an event on its dates."""
        found = due(data, DAY, dt.date.max)
        # Recorded events and parties' actions are in the calendar too: only what is due is counted here.
        recorded = {".event-", ".action-"}
        every = events(export_ics(data, day=DAY))
        exported = [e for e in every if not recorded & set(re.findall(r"\.\w+-", str(e["uid"])))]
        assert Counter((d.agreement.id, expected_span(d.date, due=True)) for d in found) == Counter(
            (str(e["uid"]).split(".")[0], span(e)) for e in exported
        )

    def test_term_end(self, data: Dataset) -> None:
        """A term end known to the year is a marker on the year's last day, the day the term runs to."""
        event = by_uid(export_ics(data, day=DAY))["csp-action-programme.term-end@mou-tracker"]
        assert str(event["summary"]).startswith("Term ends (in 2030, day not known): ")
        assert (dt.date(2030, 12, 31), dt.date(2030, 12, 31)) == span(event)
        assert "It is shown on its last day, the day it is due by, 2030-12-31." in str(event["description"])

    def test_overdue_target(self, data: Dataset) -> None:
        """A target whose date has passed unmet stays in the calendar, marked overdue."""
        day = dt.date(2027, 6, 1)
        overdue = [d for d in due(data, day, dt.date.max) if d.overdue]
        assert overdue
        exported = by_uid(export_ics(data, day=day))
        marked = [u for u, e in exported.items() if "Overdue on 2027-06-01" in str(e["description"])]
        assert len(overdue) == len(marked)
        assert {d.agreement.id for d in overdue} == {u.split(".")[0] for u in marked}

    def test_past_term_end_left_out(self, data: Dataset) -> None:
        """A term that ended before the day is not due any more."""
        exported = by_uid(export_ics(data, day=dt.date(2031, 6, 1)))
        assert "csp-action-programme.term-end@mou-tracker" not in exported


# Text that iCalendar escapes or that needs more than ASCII.
AWKWARD = "Hợp tác, đầu tư; \\ <b>&amp;</b>\nsecond line: “quotes” — 数字"


class TestText:
    def test_awkward_text_survives(self, data: Dataset) -> None:
        """Commas, semicolons, backslashes, newlines and non-ASCII read back as they were written."""
        itx = data["itx"]
        source = attrs.evolve(data.source(itx.history[0].sources[0]), title=AWKWARD, url="https://example.org/a,b;c")
        area = attrs.evolve(data.area(itx.areas[0]), name=AWKWARD)
        changed = attrs.evolve(
            data,
            agreements=tuple(attrs.evolve(a, title=Claimed.of(AWKWARD)) if a is itx else a for a in data),
            sources=tuple(source if s.id == source.id else s for s in data.sources),
            areas=tuple(area if a.id == area.id else a for a in data.areas),
        )
        payload = export_ics(changed, day=DAY)
        uid = "itx.event-0@mou-tracker"
        assert [f"Signed: {AWKWARD}"] == texts(payload, uid, "summary")
        assert AWKWARD in listed(payload, uid, "categories")
        [description] = texts(payload, uid, "description")
        assert f"- {source.id}: {AWKWARD} <https://example.org/a,b;c>" in description
        assert "https://example.org/a,b;c" == str(by_uid(payload)[uid]["url"])

    @given(title=mts.texts(min_size=1, max_size=40), note=mts.texts(max_size=40))
    def test_any_title_survives(self, title: str, note: str) -> None:
        """Any text the data may hold reads back whole in the summary and the description."""
        source = Source("s", "en", title=f"{note},;\n{note}")
        agreement = mou_tracker.load()["itx"]
        event = attrs.evolve(agreement.history[0], sources=("s",), note=note or None)
        changed = Dataset(
            agreements=(attrs.evolve(agreement, title=Claimed.of(title), history=(event,), sources=("s",), areas=()),),
            sources=(source,),
        )
        payload = export_ics(changed, day=DAY)
        [uid] = [str(e["uid"]) for e in events(payload)]
        assert [f"Signed: {title}"] == texts(payload, uid, "summary")
        [description] = texts(payload, uid, "description")
        assert f"- s: {note},;\n{note}" in description


class TestGenerated:
    @per_dataset
    @given(dataset=mts.datasets(), day=mts.days())
    def test_every_dated_event_appears(self, dataset: Dataset, day: dt.date) -> None:
        """Each claim of each status event's date is one all-day event, on the first day it may be."""
        exported = events(export_ics(dataset, day=day))
        expected = Counter(
            (a.id, expected_span(claim.value)) for a in dataset for e in a.history for claim in e.date.claims
        )
        actual = Counter((str(e["uid"]).split(".")[0], span(e)) for e in exported if ".event-" in str(e["uid"]))
        assert expected == actual

    @per_dataset
    @given(dataset=mts.datasets(), day=mts.days())
    def test_uids_unique_and_due_complete(self, dataset: Dataset, day: dt.date) -> None:
        """UIDs are unique, and there is one event for each thing due from the day on."""
        exported = events(export_ics(dataset, day=day))
        uids = [str(e["uid"]) for e in exported]
        assert len(uids) == len(set(uids))
        assert len(due(dataset, day, dt.date.max)) == sum(1 for u in uids if ".event-" not in u and ".action-" not in u)

    @per_dataset
    @given(dataset=mts.datasets(), day=mts.days())
    def test_every_action_appears(self, dataset: Dataset, day: dt.date) -> None:
        """Each claim of each party's action's date is one all-day event, on the first day it may be."""
        exported = events(export_ics(dataset, day=day))
        expected = Counter(
            (a.id, expected_span(claim.value)) for a in dataset for action in a.actions for claim in action.date.claims
        )
        actual = Counter((str(e["uid"]).split(".")[0], span(e)) for e in exported if ".action-" in str(e["uid"]))
        assert expected == actual

    @per_dataset
    @given(dataset=mts.datasets(), day=mts.days())
    def test_partial_dates_say_so(self, dataset: Dataset, day: dt.date) -> None:
        """A status event's summary and description say the day is not known exactly when its date names no one day."""
        exported = by_uid(export_ics(dataset, day=day))
        for a in dataset:
            for index, event in enumerate(a.history):
                for number, claim in enumerate(event.date.claims):
                    uid = f"{a.id}.event-{index}" + (f".claim-{number}" if event.date.disputed else "")
                    date = claim.value
                    known = date.earliest is not None and date.earliest == date.latest
                    shown = exported[f"{uid}@mou-tracker"]
                    assert (not known) == ("The day is not known" in str(shown["description"]))
                    assert (not known) == ("not known)" in str(shown["summary"]).split(": ", 1)[0])


@pytest.fixture(scope="module")
def payload() -> bytes:
    """The calendar of the dataset of tests/test_cli_participation.py on 1 June 2026."""
    from tests.test_cli_participation import FIXTURE

    return export_ics(mou_tracker.loads(FIXTURE), day=dt.date(2026, 6, 1))


class TestActions:
    def test_an_action_read_back(self, payload: bytes) -> None:
        """A ratification is an all-day event on its day, titled by the action and party, and described."""
        uid = "unclos.action-3@mou-tracker"
        assert ["Ratification by Singapore: United Nations Convention on the Law of the Sea"] == texts(
            payload, uid, "summary"
        )
        assert (dt.date(1994, 11, 17), dt.date(1994, 11, 17)) == span(by_uid(payload)[uid])
        [description] = texts(payload, uid, "description")
        assert [
            "United Nations Convention on the Law of the Sea (unclos)",
            "Date: 1994-11-17",
            "Action: ratification by Singapore",
            "With a declaration.",
            "Status for Singapore on 2026-06-01: in force",
            "Sources:",
        ] == description.splitlines()[:6]

    def test_a_month_and_a_letter(self, payload: bytes) -> None:
        """An accession known to the month is a marker on its first day that says so, and names its letter."""
        uid = "example-agreement.action-1@mou-tracker"
        assert ["Accession by Singapore (in March 2026, day not known): Example Agreement on Ocean Data"] == texts(
            payload, uid, "summary"
        )
        assert (dt.date(2026, 3, 1), dt.date(2026, 3, 1)) == span(by_uid(payload)[uid])
        assert "Action: accession by Singapore (the Collection's mark: a)" in texts(payload, uid, "description")[0]

    def test_a_partys_pending_target(self, payload: bytes) -> None:
        """A target of a multilateral instrument is due for the party that has yet to consent, and for it alone."""
        due_uids = [u for u in by_uid(payload) if ".target-" in u]
        assert ["example-agreement.target-0.vn@mou-tracker"] == due_uids
        assert ["Target for vn (consent pending): Example Agreement on Ocean Data"] == [
            s.replace(": In force for every party", "") for s in texts(payload, due_uids[0], "summary")
        ]
