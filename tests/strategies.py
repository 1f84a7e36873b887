"""Hypothesis strategies for valid mou_tracker model objects, shared by the tests.

Every strategy here produces records the library must accept: partial dates
and intervals that can exist, histories that follow the lifecycle, claims
that cite sources when disputed, and whole datasets whose references resolve
and that :func:`mou_tracker.validation.check` finds nothing wrong with.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import attrs
import iso3166
from hypothesis import strategies as st

from mou_tracker.dataset import Dataset
from mou_tracker.dates import DateInterval, End, PartialDate, Precision
from mou_tracker.model import (
    TRANSITIONS,
    Agreement,
    AgreementKind,
    Area,
    Change,
    ChangeKind,
    Claim,
    Claimed,
    Participant,
    Person,
    Relation,
    RelationType,
    Signatory,
    SignatoryKind,
    Source,
    Status,
    StatusEvent,
    Target,
    Term,
)

__all__ = [
    "AWKWARD",
    "COUNTRIES",
    "DATE_PRECISIONS",
    "FIRST_DAY",
    "LAST_DAY",
    "RUNNING",
    "VIETNAMESE",
    "YAML_LOOKALIKES",
    "Refs",
    "agreements",
    "any_dates",
    "areas",
    "changes",
    "claimed",
    "containing",
    "datasets",
    "days",
    "histories",
    "ids",
    "intervals",
    "languages",
    "nonblank_texts",
    "partial_dates",
    "participants",
    "people",
    "references",
    "signatories",
    "sources",
    "status_events",
    "statuses_after",
    "terms",
    "texts",
    "unique_ids",
    "urls",
]

T = TypeVar("T")
AnyDate = PartialDate | DateInterval

FIRST_DAY = dt.date(1, 1, 1)
LAST_DAY = dt.date(9999, 12, 31)

DATE_PRECISIONS = (Precision.YEAR, Precision.MONTH, Precision.DAY)

VIETNAMESE = (
    "ăâđêôơưĂÂĐÊÔƠƯ"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
)

# Text that a YAML reader may take for something other than text: a faithful
# writer must quote every one of them.
YAML_LOOKALIKES = (
    "", " ", "~", "null", "NULL", "true", "False", "yes", "NO", "on", "Off",
    "0", "012", "+1", "-0", "1_000", "0x1f", "0o17", "0b101",
    "1.5", ".5", "+.5", "1.", "1e5", "1E+5", "1e-5", "0e0", ".inf", "-.INF", ".nan",
    "2023", "2023-08-28", "2023-08-28 10:00", "12:30", "1:20:30",
    "<<", "=", "-", "- a", "a: b", "#x", "'q'", '"q"', "[a]", "{a: b}", "!tag", "&a", "*a", "|", ">", "%x", "@x", "`x",
)  # fmt: skip

# Characters that are not control characters but that YAML writers and readers
# treat specially: line and paragraph separators, byte order mark, non-characters,
# no-break and zero-width spaces, soft hyphen, combining accents, quotes.
AWKWARD = "\u2028\u2029\ufeff\ufffe\uffff\U0010ffff\u00a0\u3000\u200b\u00ad\u0301\ufffd'\"\\:#-"

_CHARACTERS = st.one_of(
    st.characters(exclude_categories=("Cc", "Cs")),
    st.sampled_from(VIETNAMESE),
    st.sampled_from(AWKWARD),
)

COUNTRIES = tuple(sorted(iso3166.countries_by_alpha2))

_ID_PART = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
_ID_LOOKALIKES = ("no", "yes", "on", "off", "null", "true", "0", "012", "123", "0x1f", "0o17", "1e5", "2023", "nan")


# -- text and ids -------------------------------------------------------------


def texts(*, min_size: int = 0, max_size: int = 20) -> st.SearchStrategy[str]:
    """Printable text without control characters, Vietnamese letters likely, YAML look-alikes included."""
    # A list joined, not st.text: st.text would merge the alphabets and rarely pick the special ones.
    free = st.lists(_CHARACTERS, min_size=min_size, max_size=max_size).map("".join)
    lookalikes = st.sampled_from([t for t in YAML_LOOKALIKES if min_size <= len(t) <= max_size])
    awkward = st.lists(st.sampled_from(AWKWARD), min_size=max(min_size, 1), max_size=max(min_size, 4)).map("".join)
    return st.one_of(free, lookalikes, awkward)


def nonblank_texts(*, max_size: int = 20) -> st.SearchStrategy[str]:
    """Text with at least one character that is not white space."""
    return texts(min_size=1, max_size=max_size).filter(lambda t: bool(t.strip()))


def ids() -> st.SearchStrategy[str]:
    """An id: lowercase letters and digits in parts joined by single hyphens."""
    joined = st.lists(_ID_PART, min_size=1, max_size=3).map("-".join)
    return st.one_of(joined, st.sampled_from(_ID_LOOKALIKES))


def unique_ids(*, min_size: int = 0, max_size: int = 4) -> st.SearchStrategy[list[str]]:
    """Distinct ids for one collection."""
    return st.lists(ids(), min_size=min_size, max_size=max_size, unique=True)


def languages() -> st.SearchStrategy[str]:
    """A language tag as the data accepts it: ``en``, ``vi``, ``zh-Hant-TW``, ``es-419``."""
    return st.one_of(
        st.sampled_from(["en", "vi", "fr", "zh", "ms", "no", "yes", "off"]),
        st.from_regex(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?", fullmatch=True),
    )


def urls() -> st.SearchStrategy[str]:
    """An http or https address."""
    return st.from_regex(r"https?://[a-z0-9][a-z0-9.-]{0,15}(/[A-Za-z0-9._~%!$&'()*+,;=:@/?#-]{0,20})?", fullmatch=True)


def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.one_of(st.none(), strategy)


def _tuples(
    strategy: st.SearchStrategy[T], *, min_size: int = 0, max_size: int = 2
) -> st.SearchStrategy[tuple[T, ...]]:
    return st.lists(strategy, min_size=min_size, max_size=max_size).map(tuple)


def _picks(choices: Sequence[str], *, min_size: int = 0, max_size: int = 2) -> st.SearchStrategy[tuple[str, ...]]:
    """Distinct ids taken from ``choices`` (nothing when there are none)."""
    if not choices:
        return st.just(())
    return st.lists(st.sampled_from(choices), min_size=min_size, max_size=max_size, unique=True).map(tuple)


# Built once: building strategies anew for every draw would cost more than drawing.
_TEXT = texts()
_MAYBE_TEXT = _optional(_TEXT)
_TEXT_TUPLES = _tuples(_TEXT)
_NONBLANK = nonblank_texts()
_LANGUAGES = languages()
_NAMES = st.dictionaries(_LANGUAGES, _NONBLANK, max_size=2)
_MAYBE_URL = _optional(urls())
_PRECISIONS = st.sampled_from(DATE_PRECISIONS)
_STATUSES = st.sampled_from(Status)


# -- dates --------------------------------------------------------------------


@st.composite
def days(draw: st.DrawFn, min_value: dt.date = FIRST_DAY, max_value: dt.date = LAST_DAY) -> dt.date:
    """A day between ``min_value`` and ``max_value``, now and then exactly one of them."""
    lo, hi = _plain(min_value), _plain(max_value)
    if draw(st.integers(0, 15)) == 15:  # shrinks towards the ordinary case
        return draw(st.sampled_from((lo, hi)))
    return draw(st.dates(min_value=lo, max_value=hi))


def _plain(day: dt.date) -> dt.date:
    """``day`` as a plain :class:`datetime.date` (not pendulum's subclass)."""
    return dt.date(day.year, day.month, day.day)


def containing(day: dt.date, precision: Precision) -> PartialDate:
    """The partial date of ``precision`` that ``day`` falls in."""
    if precision is Precision.YEAR:
        return PartialDate(day.year)
    if precision is Precision.MONTH:
        return PartialDate(day.year, day.month)
    return PartialDate.from_date(day)


@st.composite
def partial_dates(
    draw: st.DrawFn,
    precision: Precision | None = None,
    min_day: dt.date = FIRST_DAY,
    max_day: dt.date = LAST_DAY,
) -> PartialDate:
    """A year, month or day (of ``precision`` if given) containing a day between ``min_day`` and ``max_day``."""
    day = draw(days(min_day, max_day))
    chosen = precision if precision is not None else draw(_PRECISIONS)
    return containing(day, chosen)


@st.composite
def intervals(draw: st.DrawFn, floor: dt.date | None = None) -> DateInterval:
    """An interval with at least one dated end, never ending before it starts.

    With ``floor``, its latest day is open or unknown, or on or after ``floor``.
    """
    end_day = draw(days(floor or FIRST_DAY, LAST_DAY))
    start_day = draw(days(FIRST_DAY, end_day))
    start: PartialDate | End = containing(start_day, draw(_PRECISIONS))
    end: PartialDate | End = containing(end_day, draw(_PRECISIONS))
    shape = draw(st.sampled_from(["closed", "start", "end"]))
    if shape == "start":
        start = draw(st.sampled_from(End))
    elif shape == "end":
        end = draw(st.sampled_from(End))
    return DateInterval(start, end)


def any_dates(floor: dt.date | None = None) -> st.SearchStrategy[AnyDate]:
    """A partial date or an interval; with ``floor``, one that is not certainly before ``floor``."""
    if floor is None:
        return _ANY_DATE
    return st.one_of(partial_dates(min_day=floor), intervals(floor))


_ANY_DATE: st.SearchStrategy[AnyDate] = st.one_of(partial_dates(), intervals())
_MAYBE_DATE = _optional(_ANY_DATE)


# -- references ---------------------------------------------------------------


@attrs.frozen
class Refs:
    """The ids records may refer to, by collection."""

    sources: tuple[str, ...] = ()
    signatories: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    agreements: tuple[str, ...] = ()


@st.composite
def references(draw: st.DrawFn) -> Refs:
    """Ids to refer to, at least one per collection, for records generated on their own."""
    return Refs(*(tuple(draw(unique_ids(min_size=1, max_size=3))) for _ in range(5)))


def _refs(draw: st.DrawFn, refs: Refs | None) -> Refs:
    return refs if refs is not None else draw(references())


def _cites(refs: Refs, *, max_size: int = 2) -> st.SearchStrategy[tuple[str, ...]]:
    """At least one source id (a fact must cite one)."""
    return _picks(refs.sources, min_size=1, max_size=max_size)


# -- claims -------------------------------------------------------------------


@st.composite
def _claimed(
    draw: st.DrawFn, values: st.SearchStrategy[Any], source_ids: Sequence[str], preferred: st.SearchStrategy[Any]
) -> Claimed[Any]:
    value = draw(preferred)
    note = draw(_MAYBE_TEXT)
    rivals = draw(st.integers(0, 2)) if source_ids else 0
    if not rivals:
        return Claimed((Claim(value, draw(_picks(source_ids)), note=note),))
    cited = _picks(source_ids, min_size=1)
    claims = [Claim(draw(values), draw(cited), note=draw(_MAYBE_TEXT)) for _ in range(rivals)]
    at = draw(st.integers(0, rivals))
    claims.insert(at, Claim(value, draw(cited), preferred=True, note=note))
    return Claimed(tuple(claims))


def claimed(
    values: st.SearchStrategy[T],
    source_ids: Sequence[str],
    preferred: st.SearchStrategy[T] | None = None,
) -> st.SearchStrategy[Claimed[T]]:
    """One claim, or (with sources to cite) several with exactly one preferred, each citing a source.

    The preferred (or only) value comes from ``preferred`` when given, the others from ``values``.
    """
    return _claimed(values, source_ids, preferred if preferred is not None else values)


# -- records ------------------------------------------------------------------


@st.composite
def sources(draw: st.DrawFn, ident: str | None = None) -> Source:
    """A source identified by a title, a url or notes."""
    title = draw(_MAYBE_TEXT)
    url = draw(_MAYBE_URL)
    notes = draw(_MAYBE_TEXT)
    if title is None and url is None and notes is None:
        title = draw(_TEXT)
    return Source(
        id=ident if ident is not None else draw(ids()),
        language=draw(_LANGUAGES),
        title=title,
        publisher=draw(_MAYBE_TEXT),
        url=url,
        published=draw(_MAYBE_DATE),
        notes=notes,
    )


@st.composite
def changes(draw: st.DrawFn, successors: Sequence[str], refs: Refs) -> tuple[Change, ...]:
    """A signatory's changes, in order; successors are taken from ``successors`` only."""
    kinds = [k for k in ChangeKind if successors or k is not ChangeKind.MERGED_INTO]
    out: list[Change] = []
    floor: dt.date | None = None
    for _ in range(draw(st.integers(0, 2))):
        date = draw(any_dates(floor))
        floor = _raise_floor(floor, date)
        kind = draw(st.sampled_from(kinds))
        successor = None
        if successors and (kind is ChangeKind.MERGED_INTO or draw(st.booleans())):
            successor = draw(st.sampled_from(successors))
        name = draw(_TEXT) if kind is ChangeKind.RENAMED else draw(_MAYBE_TEXT)
        out.append(Change(date, kind, draw(_cites(refs)), successor, name, draw(_MAYBE_TEXT)))
    return tuple(out)


@st.composite
def signatories(
    draw: st.DrawFn,
    ident: str | None = None,
    refs: Refs | None = None,
    parents: Sequence[str] | None = None,
    successors: Sequence[str] | None = None,
) -> Signatory:
    """A signatory; its parent comes from ``parents`` and its successors from ``successors``.

    Giving each signatory only ids of earlier signatories as parents and as
    successors keeps both graphs free of cycles.
    """
    refs = _refs(draw, refs)
    parents = refs.signatories if parents is None else parents
    successors = refs.signatories if successors is None else successors
    return Signatory(
        id=ident if ident is not None else draw(ids()),
        name=draw(_TEXT),
        kind=draw(st.sampled_from(SignatoryKind)),
        country=draw(_optional(st.sampled_from(COUNTRIES))),
        names=draw(_NAMES),
        parent=draw(_optional(st.sampled_from(parents))) if parents else None,
        aliases=draw(_TEXT_TUPLES),
        history=draw(changes(successors, refs)),
        sources=draw(_picks(refs.sources)),
        notes=draw(_MAYBE_TEXT),
    )


@st.composite
def people(draw: st.DrawFn, ident: str | None = None, refs: Refs | None = None) -> Person:
    """Someone who signed or witnessed."""
    refs = _refs(draw, refs)
    return Person(
        id=ident if ident is not None else draw(ids()),
        name=draw(_TEXT),
        names=draw(_NAMES),
        aliases=draw(_TEXT_TUPLES),
        sources=draw(_picks(refs.sources)),
        notes=draw(_MAYBE_TEXT),
    )


@st.composite
def areas(draw: st.DrawFn, ident: str | None = None, parents: Sequence[str] = ()) -> Area:
    """An area; its parent comes from ``parents`` (earlier areas, so no cycle)."""
    return Area(
        id=ident if ident is not None else draw(ids()),
        name=draw(_TEXT),
        names=draw(_NAMES),
        parent=draw(_optional(st.sampled_from(parents))) if parents else None,
        description=draw(_MAYBE_TEXT),
    )


def statuses_after(previous: Status | None) -> list[Status]:
    """The statuses the lifecycle allows after ``previous`` (any status first)."""
    if previous is None:
        return list(Status)
    return [s for s in Status if s in TRANSITIONS[previous]]


def _raise_floor(floor: dt.date | None, date: AnyDate) -> dt.date | None:
    """The latest earliest day so far: no later event may end before it."""
    if date.earliest is None:
        return floor
    return date.earliest if floor is None else max(floor, date.earliest)


@st.composite
def status_events(
    draw: st.DrawFn,
    refs: Refs | None = None,
    status: Status | None = None,
    floor: dt.date | None = None,
) -> StatusEvent:
    """An event citing a source (itself or through its claims).

    Its preferred status is ``status`` and its preferred date is not certainly before ``floor``.
    """
    refs = _refs(draw, refs)
    preferred_status = st.just(status) if status is not None else None
    event_sources = draw(_picks(refs.sources))
    date = draw(claimed(any_dates(), refs.sources, any_dates(floor)))
    state = draw(claimed(_STATUSES, refs.sources, preferred_status))
    event = StatusEvent(date, state, event_sources, draw(_MAYBE_TEXT))
    if not event.all_sources:
        event = attrs.evolve(event, sources=draw(_cites(refs)))
    return event


RUNNING = (Status.SIGNED, Status.IN_EFFECT)
_ON_THE_WAY = (Status.PROPOSED, Status.NEGOTIATING, Status.CONCLUDED, *RUNNING)


@st.composite
def histories(
    draw: st.DrawFn, refs: Refs | None = None, max_size: int = 4, *, running: bool = False
) -> tuple[StatusEvent, ...]:
    """Events that follow the lifecycle, none certainly before an earlier one.

    With ``running``, at least one event, the last one signed or in effect.
    """
    refs = _refs(draw, refs)
    events: list[StatusEvent] = []
    status: Status | None = None
    floor: dt.date | None = None
    count = draw(st.integers(1 if running else 0, max_size))
    for i in range(count):
        choices = statuses_after(status)
        if running:
            keep = RUNNING if i == count - 1 else _ON_THE_WAY
            choices = [s for s in choices if s in keep]
        status = draw(st.sampled_from(choices))
        event = draw(status_events(refs, status, floor))
        floor = _raise_floor(floor, event.date.value)
        events.append(event)
    return tuple(events)


@st.composite
def terms(draw: st.DrawFn, refs: Refs) -> Term:
    """A term that does not end before it starts."""
    start = draw(_MAYBE_DATE)
    end = draw(_optional(any_dates(start.earliest if start is not None else None)))
    return Term(
        sources=draw(_cites(refs)),
        start=start,
        end=end,
        renewal=draw(_MAYBE_TEXT),
        notice_by=draw(_MAYBE_DATE),
    )


@st.composite
def participants(draw: st.DrawFn, refs: Refs, parties: Sequence[str]) -> Participant:
    """A signer or witness acting for one of ``parties`` (any signatory when there are none)."""
    bodies = parties or refs.signatories
    return Participant(
        person=draw(st.sampled_from(refs.people)),
        sources=draw(_cites(refs)),
        role=draw(_MAYBE_TEXT),
        acting_for=draw(_optional(st.sampled_from(bodies))) if bodies else None,
    )


@st.composite
def agreements(
    draw: st.DrawFn,
    ident: str | None = None,
    refs: Refs | None = None,
    targets: Sequence[str] | None = None,
) -> Agreement:
    """An agreement whose relations point at ``targets`` (earlier agreements, so no cycle)."""
    refs = _refs(draw, refs)
    ident = ident if ident is not None else draw(ids())
    targets = [t for t in (refs.agreements if targets is None else targets) if t != ident]
    kind = draw(_optional(st.sampled_from(AgreementKind)))
    binding = draw(_optional(st.booleans()))
    if kind is AgreementKind.TREATY and binding is False:
        binding = True
    parties = draw(_picks(refs.signatories, max_size=3))
    people_ = st.lists(participants(refs, parties), max_size=2).map(tuple) if refs.people else st.just(())
    relations = (
        _tuples(
            st.builds(
                Relation,
                type=st.sampled_from(RelationType),
                target=st.sampled_from(targets),
                sources=_cites(refs),
                note=_MAYBE_TEXT,
            )
        )
        if targets
        else st.just(())
    )
    expectations = _tuples(
        st.builds(
            Target,
            status=st.sampled_from(Status),
            description=_TEXT,
            sources=_cites(refs),
            due=_MAYBE_DATE,
            note=_MAYBE_TEXT,
        ),
        max_size=1,
    )
    return Agreement(
        id=ident,
        title=draw(claimed(_NONBLANK, refs.sources)),
        kind=kind,
        sources=draw(_cites(refs)),
        titles=draw(_NAMES),
        short=draw(_MAYBE_TEXT),
        aliases=draw(_TEXT_TUPLES),
        binding=binding,
        parties=parties,
        signed_by=draw(people_),
        witnesses=draw(people_),
        place=draw(_MAYBE_TEXT),
        areas=draw(_picks(refs.areas)),
        history=draw(histories(refs)),
        term=draw(_optional(terms(refs))),
        relations=draw(relations),
        targets=draw(expectations),
        notes=draw(_MAYBE_TEXT),
    )


R = TypeVar("R", Source, Signatory, Person, Area, Agreement)


def _collection(
    draw: st.DrawFn,
    build: Callable[[str, tuple[str, ...]], st.SearchStrategy[R]],
    *,
    min_size: int = 0,
    max_size: int = 3,
) -> tuple[R, ...]:
    """Records with distinct ids, each built from its id and the ids before it.

    Each record is drawn whole, right after its id, so the shrinker can drop
    a record by deleting one stretch of choices.
    """
    out: list[R] = []
    used: tuple[str, ...] = ()
    while len(out) < max_size and (len(out) < min_size or draw(st.integers(0, 2)) > 0):
        base = ident = draw(ids())
        suffix = 1
        while ident in used:
            ident, suffix = f"{base}-{suffix}", suffix + 1
        out.append(draw(build(ident, used)))
        used = (*used, ident)
    return tuple(out)


@st.composite
def datasets(draw: st.DrawFn, max_agreements: int = 3) -> Dataset:
    """A whole dataset: unique ids, every reference resolving, nothing for validation to report.

    Parents, successors and relation targets are always records drawn
    earlier in their collection, so none of those graphs has a cycle.
    """
    refs = Refs()
    found_sources = _collection(draw, lambda i, _: sources(i), min_size=1)
    refs = attrs.evolve(refs, sources=tuple(r.id for r in found_sources))
    found_signatories = _collection(draw, lambda i, before: signatories(i, refs, before, before), max_size=4)
    found_people = _collection(draw, lambda i, _: people(i, refs))
    found_areas = _collection(draw, areas)
    refs = attrs.evolve(
        refs,
        signatories=tuple(r.id for r in found_signatories),
        people=tuple(r.id for r in found_people),
        areas=tuple(r.id for r in found_areas),
    )
    found_agreements = _collection(draw, lambda i, before: agreements(i, refs, before), max_size=max_agreements)
    return Dataset(
        sources=found_sources,
        signatories=found_signatories,
        people=found_people,
        areas=found_areas,
        agreements=found_agreements,
    )
