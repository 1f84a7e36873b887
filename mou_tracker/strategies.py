"""Hypothesis strategies for mou-tracker's data model, for property-based tests.

Each strategy is named as the plural of what it gives (:func:`agreements`,
:func:`partial_dates`, :func:`datasets`…), takes keyword arguments only, and
returns a :class:`hypothesis.strategies.SearchStrategy`. What they give is
*valid*: dates that can exist, histories that follow the status lifecycle,
disputed claims that cite their sources, and datasets whose references all
resolve and in which :func:`mou_tracker.validation.check` finds nothing wrong.
:func:`broken_datasets` gives the opposite: a valid dataset with exactly one
defect injected, together with what and where the defect is.

Installing mou-tracker registers these strategies with hypothesis (through
its ``hypothesis`` plugin entry point), so ``st.from_type(Agreement)`` and
``st.builds(f)`` for a function annotated with the model's types work too.

This module needs hypothesis (``pip install hypothesis``, or the ``test``
extra); importing :mod:`mou_tracker` itself never imports it.

>>> from hypothesis import given
>>> from mou_tracker.strategies import agreements
>>> @given(agreements(kinds=[AgreementKind.MOU]))
... def test_mous_are_never_treaties(agreement):
...     assert agreement.kind is not AgreementKind.TREATY
>>> test_mous_are_never_treaties()
"""

from __future__ import annotations

try:
    from hypothesis import reject
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ImportError as exc:  # pragma: no cover - exercised in a child process by the tests
    raise ImportError(
        "mou_tracker.strategies needs hypothesis, which is not installed; "
        "install it with: pip install hypothesis  (or: pip install 'mou-tracker[test]')"
    ) from exc

import copy
import datetime as dt
import enum
import functools
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar

import attrs
import iso3166

from ._characters import BIDI_CONTROLS, NONCHARACTERS, PROSE_FIELDS
from ._convert import _CONVERTER, _dump_plain
from .dataset import Dataset
from .dates import DateInterval, End, PartialDate, Precision, parse_date
from .exceptions import Path, format_path
from .loading import unstructure
from .model import (
    TRANSITIONS,
    Action,
    ActionKind,
    Agreement,
    AgreementKind,
    Area,
    Change,
    ChangeKind,
    Claim,
    Claimed,
    EntryIntoForce,
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
    "FIRST_DAY",
    "LAST_DAY",
    "Broken",
    "Defect",
    "DefectKind",
    "References",
    "agreements",
    "any_dates",
    "areas",
    "broken_datasets",
    "claimed",
    "datasets",
    "date_intervals",
    "days",
    "entries_into_force",
    "ids",
    "languages",
    "partial_dates",
    "people",
    "references",
    "signatories",
    "sources",
    "status_events",
    "status_histories",
    "terms",
    "texts",
    "urls",
]

T = TypeVar("T")
AnyDate = PartialDate | DateInterval

FIRST_DAY = dt.date(1, 1, 1)
"""The first day a partial date can name (0001-01-01)."""
LAST_DAY = dt.date(9999, 12, 31)
"""The last day a partial date can name (9999-12-31)."""

_PRECISIONS = (Precision.YEAR, Precision.MONTH, Precision.DAY)

_VIETNAMESE = (
    "ăâđêôơưĂÂĐÊÔƠƯ"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
)

# Text that a YAML reader may take for something other than text: a faithful
# writer must quote every one of them.
_YAML_LOOKALIKES = (
    "", " ", "~", "null", "NULL", "true", "False", "yes", "NO", "on", "Off",
    "0", "012", "+1", "-0", "1_000", "0x1f", "0o17", "0b101",
    "1.5", ".5", "+.5", "1.", "1e5", "1E+5", "1e-5", "0e0", ".inf", "-.INF", ".nan",
    "2023", "2023-08-28", "2023-08-28 10:00", "12:30", "1:20:30",
    "<<", "=", "-", "- a", "a: b", "#x", "'q'", '"q"', "[a]", "{a: b}", "!tag", "&a", "*a", "|", ">", "%x", "@x", "`x",
)  # fmt: skip

# Characters that are not control characters but that YAML writers and readers
# treat specially: line and paragraph separators, byte order mark, the
# bidirectional marks (allowed, unlike the overrides and isolates), the last
# character of Unicode that is not a non-character, no-break and zero-width
# spaces, soft hyphen, combining accents, quotes.
_AWKWARD = "\u2028\u2029\ufeff\u200e\u200f\u061c\U0010fffd\u00a0\u3000\u200b\u00ad\u0301\ufffd'\"\\:#-"

_CHARACTERS = st.one_of(
    # No control character (Cc), lone surrogate (Cs) or other character text may not hold.
    st.characters(exclude_categories=("Cc", "Cs"), exclude_characters=BIDI_CONTROLS + NONCHARACTERS),
    st.sampled_from(_VIETNAMESE),
    st.sampled_from(_AWKWARD),
)

_COUNTRIES = tuple(sorted(iso3166.countries_by_alpha2))

_ID_PART = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
_ID_LOOKALIKES = ("no", "yes", "on", "off", "null", "true", "0", "012", "123", "0x1f", "0o17", "1e5", "2023", "nan")


# -- arguments ----------------------------------------------------------------


def _plain(day: dt.date) -> dt.date:
    """``day`` as a plain :class:`datetime.date` (not pendulum's subclass)."""
    return dt.date(day.year, day.month, day.day)


def _check_days(min_day: dt.date, max_day: dt.date) -> tuple[dt.date, dt.date]:
    for name, value in (("min_day", min_day), ("max_day", max_day)):
        if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
            raise InvalidArgument(f"{name}={value!r} must be a datetime.date")
    if min_day > max_day:
        raise InvalidArgument(f"min_day={min_day} is after max_day={max_day}")
    return _plain(min_day), _plain(max_day)


E = TypeVar("E", bound=enum.Enum)


def _members(name: str, values: Iterable[E] | None, cls: type[E]) -> tuple[E, ...] | None:
    if values is None:
        return None
    chosen = tuple(values)
    if not chosen:
        raise InvalidArgument(f"{name} must name at least one {cls.__name__}, or be None for any")
    for value in chosen:
        if not isinstance(value, cls):
            raise InvalidArgument(f"{name} must hold {cls.__name__} members, found {value!r}")
    return tuple(dict.fromkeys(chosen))


def _countries(countries: Iterable[str] | None) -> tuple[str, ...] | None:
    if countries is None:
        return None
    chosen = tuple(dict.fromkeys(countries))
    if not chosen:
        raise InvalidArgument("countries must name at least one ISO 3166-1 alpha-2 code, or be None for any")
    for code in chosen:
        if code not in iso3166.countries_by_alpha2:
            raise InvalidArgument(f"countries must be ISO 3166-1 alpha-2 codes such as 'VN', found {code!r}")
    return chosen


def _check_sizes(min_size: int, max_size: int, what: str) -> None:
    if min_size < 0 or max_size < min_size:
        raise InvalidArgument(f"{what}: need 0 <= min_size <= max_size, found {min_size} and {max_size}")


@attrs.frozen
class _Span:
    """The days every date of a record must lie within."""

    lo: dt.date = FIRST_DAY
    hi: dt.date = LAST_DAY


_WHOLE = _Span()


def _span(min_day: dt.date, max_day: dt.date) -> _Span:
    lo, hi = _check_days(min_day, max_day)
    return _WHOLE if (lo, hi) == (FIRST_DAY, LAST_DAY) else _Span(lo, hi)


# -- small helpers, built once --------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _sampled(choices: tuple[T, ...]) -> st.SearchStrategy[T]:
    return st.sampled_from(choices)


@functools.lru_cache(maxsize=4096)
def _picks(choices: tuple[str, ...], min_size: int = 0, max_size: int = 2) -> st.SearchStrategy[tuple[str, ...]]:
    """Distinct ids taken from ``choices`` (nothing when there are none)."""
    if not choices:
        return st.just(())
    return st.lists(st.sampled_from(choices), min_size=min_size, max_size=max_size, unique=True).map(tuple)


def _optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.one_of(st.none(), strategy)


def _tuples(
    strategy: st.SearchStrategy[T], *, min_size: int = 0, max_size: int = 2
) -> st.SearchStrategy[tuple[T, ...]]:
    return st.lists(strategy, min_size=min_size, max_size=max_size).map(tuple)


# -- text and ids -------------------------------------------------------------


def texts(*, min_size: int = 0, max_size: int = 20) -> st.SearchStrategy[str]:
    """Printable text, as a data file may hold it: no control characters, bidirectional overrides or non-characters.

    Vietnamese letters, characters that YAML treats specially (line and
    paragraph separators, byte order marks, no-break spaces, quotes), the
    bidirectional marks that right-to-left text uses (LRM, RLM, ALM) and
    strings a YAML reader would take for numbers, booleans or dates (``"no"``,
    ``"2023"``, ``"1e5"``) are all likely, so that a writer or reader that
    mistreats them fails quickly.
    """
    _check_sizes(min_size, max_size, "texts")
    # A list joined, not st.text: st.text would merge the alphabets and rarely pick the special ones.
    free = st.lists(_CHARACTERS, min_size=min_size, max_size=max_size).map("".join)
    fitting = [t for t in _YAML_LOOKALIKES if min_size <= len(t) <= max_size]
    choices: list[st.SearchStrategy[str]] = [free]
    if fitting:
        choices.append(st.sampled_from(fitting))
    if max_size >= 1:
        low = max(min_size, 1)
        choices.append(
            st.lists(st.sampled_from(_AWKWARD), min_size=low, max_size=min(max(low, 4), max_size)).map("".join)
        )
    return st.one_of(choices)


def _nonblank(*, max_size: int = 20) -> st.SearchStrategy[str]:
    """Text with at least one character that is not white space."""
    return texts(min_size=1, max_size=max_size).filter(lambda t: bool(t.strip()))


def ids() -> st.SearchStrategy[str]:
    """An id: lowercase ASCII letters and digits in parts joined by single hyphens.

    Ids that a YAML reader would take for something else (``no``, ``0x1f``,
    ``2023``) are likely.
    """
    joined = st.lists(_ID_PART, min_size=1, max_size=3).map("-".join)
    return st.one_of(joined, st.sampled_from(_ID_LOOKALIKES))


def languages() -> st.SearchStrategy[str]:
    """A language tag as the data accepts it: ``en``, ``vi``, ``zh-Hant-TW``, ``es-419``."""
    return st.one_of(
        st.sampled_from(["en", "vi", "fr", "zh", "ms", "no", "yes", "off"]),
        st.from_regex(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?", fullmatch=True),
    )


def urls() -> st.SearchStrategy[str]:
    """An ``http`` or ``https`` address."""
    return st.from_regex(r"https?://[a-z0-9][a-z0-9.-]{0,15}(/[A-Za-z0-9._~%!$&'()*+,;=:@/?#-]{0,20})?", fullmatch=True)


_TEXT = texts()
_MAYBE_TEXT = _optional(_TEXT)
_TEXT_TUPLES = _tuples(_TEXT)
_NONBLANK = _nonblank()
_LANGUAGES = languages()
_NAMES = st.dictionaries(_LANGUAGES, _NONBLANK, max_size=2)
_MAYBE_URL = _optional(urls())
_ANY_PRECISION = st.sampled_from(_PRECISIONS)
_ALL_STATUSES = tuple(Status)
_ENDS = st.sampled_from(End)


# -- dates --------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _dates_between(lo: dt.date, hi: dt.date) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=lo, max_value=hi)


@st.composite
def _days(draw: st.DrawFn, lo: dt.date, hi: dt.date) -> dt.date:
    if draw(st.integers(0, 15)) == 15:  # the ends now and then; shrinks towards the ordinary case
        end: dt.date = draw(_sampled((lo, hi)))
        return end
    return draw(_dates_between(lo, hi))


def days(*, min_value: dt.date = FIRST_DAY, max_value: dt.date = LAST_DAY) -> st.SearchStrategy[dt.date]:
    """A day between ``min_value`` and ``max_value``, now and then exactly one of them."""
    lo, hi = _check_days(min_value, max_value)
    return _days(lo, hi)


def _containing(day: dt.date, precision: Precision) -> PartialDate:
    """The partial date of ``precision`` that ``day`` falls in."""
    if precision is Precision.YEAR:
        return PartialDate(day.year)
    if precision is Precision.MONTH:
        return PartialDate(day.year, day.month)
    return PartialDate(day.year, day.month, day.day)


def _fitted(day: dt.date, precision: Precision, span: _Span, allowed: Sequence[Precision] = _PRECISIONS) -> PartialDate:
    """The partial date around ``day`` of ``precision``, or finer if that spills out of ``span``.

    Rejects the example when no allowed precision fits.
    """
    for candidate in _PRECISIONS[_PRECISIONS.index(precision) :]:
        if candidate not in allowed:
            continue
        date = _containing(day, candidate)
        if span is _WHOLE or (date.earliest >= span.lo and date.latest <= span.hi):
            return date
    reject()


def _floor(span: _Span, not_before: dt.date | None) -> dt.date:
    if not_before is None or not_before <= span.lo:
        return span.lo
    if not_before > span.hi:
        raise InvalidArgument(f"not_before={not_before} is after max_day={span.hi}")
    return _plain(not_before)


@st.composite
def _partial_dates(
    draw: st.DrawFn, span: _Span, allowed: tuple[Precision, ...], not_before: dt.date | None
) -> PartialDate:
    day = draw(_days(_floor(span, not_before), span.hi))
    precision = draw(_ANY_PRECISION if allowed == _PRECISIONS else _sampled(allowed))
    return _fitted(day, precision, span, allowed)


def partial_dates(
    *,
    precisions: Iterable[Precision] | None = None,
    min_day: dt.date = FIRST_DAY,
    max_day: dt.date = LAST_DAY,
    not_before: dt.date | None = None,
) -> st.SearchStrategy[PartialDate]:
    """A year, a month or a day, every day of which lies between ``min_day`` and ``max_day``.

    ``precisions`` limits them to some of ``Precision.YEAR``, ``MONTH`` and
    ``DAY``. With ``not_before``, the date is never certainly before that day
    (its last day is on or after it), as an event listed after another must be.
    """
    span = _span(min_day, max_day)
    allowed = _PRECISIONS if precisions is None else _members("precisions", precisions, Precision)
    assert allowed is not None
    if Precision.INTERVAL in allowed:
        raise InvalidArgument("precisions: a partial date is a YEAR, MONTH or DAY; use date_intervals for intervals")
    _floor(span, not_before)
    return _partial_dates(span, tuple(p for p in _PRECISIONS if p in allowed), not_before)


@st.composite
def _date_intervals(draw: st.DrawFn, span: _Span, not_before: dt.date | None, open_ends: bool) -> DateInterval:
    end_day = draw(_days(_floor(span, not_before), span.hi))
    start_day = draw(_days(span.lo, end_day))
    start: PartialDate | End = _fitted(start_day, draw(_ANY_PRECISION), span)
    end: PartialDate | End = _fitted(end_day, draw(_ANY_PRECISION), span)
    shape = draw(_sampled(("closed", "start", "end"))) if open_ends else "closed"
    if shape == "start":
        start = draw(_ENDS)
    elif shape == "end":
        end = draw(_ENDS)
    return DateInterval(start, end)


def date_intervals(
    *,
    min_day: dt.date = FIRST_DAY,
    max_day: dt.date = LAST_DAY,
    not_before: dt.date | None = None,
    open_ends: bool = True,
) -> st.SearchStrategy[DateInterval]:
    """An interval of partial dates that does not end before it starts.

    Its dated ends lie between ``min_day`` and ``max_day``. With
    ``open_ends`` (the default), one end may instead be open (``..``) or
    unknown (empty), which no bound limits. With ``not_before``, the interval
    is never certainly before that day.
    """
    span = _span(min_day, max_day)
    _floor(span, not_before)
    return _date_intervals(span, not_before, open_ends)


def _any_dates(span: _Span, not_before: dt.date | None = None) -> st.SearchStrategy[AnyDate]:
    if span is _WHOLE and not_before is None:
        return _ANY_DATE
    return st.one_of(_partial_dates(span, _PRECISIONS, not_before), _date_intervals(span, not_before, True))


def any_dates(
    *, min_day: dt.date = FIRST_DAY, max_day: dt.date = LAST_DAY, not_before: dt.date | None = None
) -> st.SearchStrategy[PartialDate | DateInterval]:
    """A partial date or an interval: whatever an event's date, a term's end or a due date may hold.

    The arguments mean what they mean for :func:`partial_dates` and
    :func:`date_intervals`.
    """
    span = _span(min_day, max_day)
    _floor(span, not_before)
    return _any_dates(span, not_before)


_ANY_DATE: st.SearchStrategy[AnyDate] = st.one_of(
    _partial_dates(_WHOLE, _PRECISIONS, None), _date_intervals(_WHOLE, None, True)
)


@functools.lru_cache(maxsize=256)
def _maybe_date(span: _Span) -> st.SearchStrategy[AnyDate | None]:
    return _optional(_any_dates(span))


# -- references ---------------------------------------------------------------


def _id_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@attrs.frozen
class References:
    """The ids that generated records may refer to, by collection.

    Give one to a record strategy so that what it draws refers only to
    records you have; :func:`references` draws some for records drawn on
    their own.
    """

    sources: tuple[str, ...] = attrs.field(default=(), converter=_id_tuple)
    signatories: tuple[str, ...] = attrs.field(default=(), converter=_id_tuple)
    people: tuple[str, ...] = attrs.field(default=(), converter=_id_tuple)
    areas: tuple[str, ...] = attrs.field(default=(), converter=_id_tuple)
    agreements: tuple[str, ...] = attrs.field(default=(), converter=_id_tuple)


@st.composite
def _references(draw: st.DrawFn, min_size: int, max_size: int) -> References:
    unique = st.lists(ids(), min_size=min_size, max_size=max_size, unique=True)
    return References(*(draw(unique) for _ in range(5)))


def references(*, min_size: int = 1, max_size: int = 3) -> st.SearchStrategy[References]:
    """Distinct ids to refer to, between ``min_size`` and ``max_size`` per collection."""
    _check_sizes(min_size, max_size, "references")
    return _references(min_size, max_size)


_SOME_REFERENCES = _references(1, 3)


def _refs(draw: st.DrawFn, refs: References | None) -> References:
    return refs if refs is not None else draw(_SOME_REFERENCES)


def _cites(refs: References, *, max_size: int = 2) -> st.SearchStrategy[tuple[str, ...]]:
    """At least one source id (a fact must cite one)."""
    return _picks(refs.sources, 1, max_size)


# -- claims -------------------------------------------------------------------


@st.composite
def _claimed(
    draw: st.DrawFn, values: st.SearchStrategy[Any], source_ids: tuple[str, ...], preferred: st.SearchStrategy[Any]
) -> Claimed[Any]:
    value = draw(preferred)
    note = draw(_MAYBE_TEXT)
    rivals = draw(st.integers(0, 2)) if source_ids else 0
    if not rivals:
        return Claimed((Claim(value, draw(_picks(source_ids)), note=note),))
    cited = _picks(source_ids, 1)
    claims = [Claim(draw(values), draw(cited), note=draw(_MAYBE_TEXT)) for _ in range(rivals)]
    at = draw(st.integers(0, rivals))
    claims.insert(at, Claim(value, draw(cited), preferred=True, note=note))
    return Claimed(tuple(claims))


def claimed(
    values: st.SearchStrategy[T],
    *,
    sources: Sequence[str],
    preferred: st.SearchStrategy[T] | None = None,
) -> st.SearchStrategy[Claimed[T]]:
    """A fact as the data records it: one claim, or several that disagree.

    With ``sources`` to cite, the fact may be disputed: two or three claims,
    exactly one preferred, each citing at least one of ``sources``. The
    preferred (or only) value comes from ``preferred`` when given, the
    others from ``values``.
    """
    return _claimed(values, tuple(sources), preferred if preferred is not None else values)


# -- records ------------------------------------------------------------------


@st.composite
def _sources(draw: st.DrawFn, ident: str | None, span: _Span) -> Source:
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
        published=draw(_maybe_date(span)),
        notes=notes,
    )


def sources(
    *, id: str | None = None, min_day: dt.date = FIRST_DAY, max_day: dt.date = LAST_DAY
) -> st.SearchStrategy[Source]:
    """A source, identified by at least one of a title, an address or notes.

    ``id`` fixes its id; its publication date, if any, lies between
    ``min_day`` and ``max_day``.
    """
    return _sources(id, _span(min_day, max_day))


@st.composite
def _changes(draw: st.DrawFn, successors: tuple[str, ...], refs: References, span: _Span) -> tuple[Change, ...]:
    kinds = [k for k in ChangeKind if successors or k is not ChangeKind.MERGED_INTO]
    out: list[Change] = []
    floor: dt.date | None = None
    for _ in range(draw(st.integers(0, 2))):
        date = draw(_any_dates(span, floor))
        floor = _raise_floor(floor, date)
        kind = draw(_sampled(tuple(kinds)))
        successor = None
        if successors and (kind is ChangeKind.MERGED_INTO or draw(st.booleans())):
            successor = draw(_sampled(successors))
        name = draw(_TEXT) if kind is ChangeKind.RENAMED else draw(_MAYBE_TEXT)
        out.append(Change(date, kind, draw(_cites(refs)), successor, name, draw(_MAYBE_TEXT)))
    return tuple(out)


@st.composite
def _signatories(
    draw: st.DrawFn,
    *,
    ident: str | None,
    refs: References | None,
    parents: tuple[str, ...] | None,
    successors: tuple[str, ...] | None,
    kinds: tuple[SignatoryKind, ...],
    countries: tuple[str, ...] | None,
    span: _Span,
) -> Signatory:
    refs = _refs(draw, refs)
    ident = ident if ident is not None else draw(ids())
    # Never its own parent or successor: that would be a cycle.
    parents = tuple(p for p in (refs.signatories if parents is None else parents) if p != ident)
    successors = tuple(p for p in (refs.signatories if successors is None else successors) if p != ident)
    country = draw(_sampled(countries)) if countries is not None else draw(_optional(_sampled(_COUNTRIES)))
    return Signatory(
        id=ident,
        name=draw(_TEXT),
        kind=draw(_sampled(kinds)),
        country=country,
        names=draw(_NAMES),
        parent=draw(_optional(_sampled(parents))) if parents else None,
        aliases=draw(_TEXT_TUPLES),
        history=draw(_changes(successors, refs, span)),
        sources=draw(_picks(refs.sources)),
        notes=draw(_MAYBE_TEXT),
    )


def signatories(
    *,
    id: str | None = None,
    references: References | None = None,
    kinds: Iterable[SignatoryKind] | None = None,
    countries: Iterable[str] | None = None,
    parents: Sequence[str] | None = None,
    successors: Sequence[str] | None = None,
    min_day: dt.date = FIRST_DAY,
    max_day: dt.date = LAST_DAY,
) -> st.SearchStrategy[Signatory]:
    """A state, government, ministry, agency or other body that can sign.

    ``kinds`` limits its kind and ``countries`` its ISO 3166-1 alpha-2
    country (by default any code, or none). Its parent comes from
    ``parents`` and the bodies it merged into or was succeeded by from
    ``successors`` (both default to ``references.signatories``); the dates of
    its changes lie between ``min_day`` and ``max_day``.
    """
    chosen = _members("kinds", kinds, SignatoryKind) or tuple(SignatoryKind)
    return _signatories(
        ident=id,
        refs=references,
        parents=None if parents is None else tuple(parents),
        successors=None if successors is None else tuple(successors),
        kinds=chosen,
        countries=_countries(countries),
        span=_span(min_day, max_day),
    )


@st.composite
def _people(draw: st.DrawFn, ident: str | None, refs: References | None) -> Person:
    refs = _refs(draw, refs)
    return Person(
        id=ident if ident is not None else draw(ids()),
        name=draw(_TEXT),
        names=draw(_NAMES),
        aliases=draw(_TEXT_TUPLES),
        sources=draw(_picks(refs.sources)),
        notes=draw(_MAYBE_TEXT),
    )


def people(*, id: str | None = None, references: References | None = None) -> st.SearchStrategy[Person]:
    """Someone who signed or witnessed an instrument, citing sources from ``references``."""
    return _people(id, references)


@st.composite
def _areas(draw: st.DrawFn, ident: str | None, parents: tuple[str, ...]) -> Area:
    ident = ident if ident is not None else draw(ids())
    parents = tuple(p for p in parents if p != ident)  # never its own parent
    return Area(
        id=ident,
        name=draw(_TEXT),
        names=draw(_NAMES),
        parent=draw(_optional(_sampled(parents))) if parents else None,
        description=draw(_MAYBE_TEXT),
    )


def areas(*, id: str | None = None, parents: Sequence[str] = ()) -> st.SearchStrategy[Area]:
    """An area of cooperation, whose parent (if any) is one of ``parents``."""
    return _areas(id, tuple(parents))


def _after(previous: Status | None, allowed: Sequence[Status]) -> tuple[Status, ...]:
    """The statuses among ``allowed`` that the lifecycle allows after ``previous``."""
    if previous is None:
        return tuple(allowed)
    return tuple(s for s in allowed if s in TRANSITIONS[previous])


def _raise_floor(floor: dt.date | None, date: AnyDate) -> dt.date | None:
    """The latest earliest day so far: no later event may end before it."""
    if date.earliest is None:
        return floor
    earliest = _plain(date.earliest)
    return earliest if floor is None else max(floor, earliest)


@st.composite
def _status_events(
    draw: st.DrawFn,
    *,
    refs: References | None,
    allowed: tuple[Status, ...],
    status: Status | None,
    not_before: dt.date | None,
    span: _Span,
) -> StatusEvent:
    refs = _refs(draw, refs)
    choices = _sampled(allowed)
    event_sources = draw(_picks(refs.sources))
    date = draw(_claimed(_any_dates(span), refs.sources, _any_dates(span, not_before)))
    state = draw(_claimed(choices, refs.sources, st.just(status) if status is not None else choices))
    event = StatusEvent(date, state, event_sources, draw(_MAYBE_TEXT), place=draw(_MAYBE_TEXT))
    if not event.all_sources:
        event = attrs.evolve(event, sources=draw(_cites(refs)))
    return event


def status_events(
    *,
    references: References | None = None,
    statuses: Iterable[Status] | None = None,
    not_before: dt.date | None = None,
    min_day: dt.date = FIRST_DAY,
    max_day: dt.date = LAST_DAY,
) -> st.SearchStrategy[StatusEvent]:
    """One event of a history: a status reached on a date, each possibly disputed, citing a source.

    Every status it claims is one of ``statuses``; its preferred date lies
    between ``min_day`` and ``max_day`` and is never certainly before
    ``not_before``.
    """
    allowed = _members("statuses", statuses, Status) or _ALL_STATUSES
    span = _span(min_day, max_day)
    _floor(span, not_before)
    return _status_events(refs=references, allowed=allowed, status=None, not_before=not_before, span=span)


_RUNNING = (Status.SIGNED, Status.IN_EFFECT)
_ON_THE_WAY = (Status.PROPOSED, Status.NEGOTIATING, Status.CONCLUDED, *_RUNNING)


@st.composite
def _histories(
    draw: st.DrawFn,
    *,
    refs: References | None,
    allowed: tuple[Status, ...],
    min_size: int,
    max_size: int,
    running: bool,
    span: _Span,
) -> tuple[StatusEvent, ...]:
    refs = _refs(draw, refs)
    events: list[StatusEvent] = []
    status: Status | None = None
    floor: dt.date | None = None
    count = draw(st.integers(min_size, max_size))
    for i in range(count):
        choices = _after(status, allowed)
        if running:
            keep = _RUNNING if i == count - 1 else _ON_THE_WAY
            choices = tuple(s for s in choices if s in keep)
        if not choices:
            if len(events) < min_size or running:
                reject()
            break
        status = draw(_sampled(choices))
        event = draw(_status_events(refs=refs, allowed=allowed, status=status, not_before=floor, span=span))
        floor = _raise_floor(floor, event.date.value)
        events.append(event)
    return tuple(events)


def status_histories(
    *,
    references: References | None = None,
    statuses: Iterable[Status] | None = None,
    min_size: int = 0,
    max_size: int = 4,
    running: bool = False,
    min_day: dt.date = FIRST_DAY,
    max_day: dt.date = LAST_DAY,
) -> st.SearchStrategy[tuple[StatusEvent, ...]]:
    """An agreement's history: events that follow the lifecycle, none certainly before an earlier one.

    Every status claimed is one of ``statuses`` (a history stops early when
    the lifecycle allows none of them next). With ``running``, the history
    has at least one event and ends signed or in effect.
    """
    _check_sizes(min_size, max_size, "status_histories")
    allowed = _members("statuses", statuses, Status) or _ALL_STATUSES
    if running and not set(allowed) & set(_RUNNING):
        raise InvalidArgument("running=True needs SIGNED or IN_EFFECT among the statuses")
    return _histories(
        refs=references,
        allowed=allowed,
        min_size=max(min_size, 1 if running else 0),
        max_size=max_size,
        running=running,
        span=_span(min_day, max_day),
    )


@st.composite
def _terms(draw: st.DrawFn, refs: References | None, span: _Span) -> Term:
    refs = _refs(draw, refs)
    start = draw(_maybe_date(span))
    end = draw(_optional(_any_dates(span, _plain(start.earliest) if start and start.earliest else None)))
    return Term(
        sources=draw(_cites(refs)),
        start=start,
        end=end,
        renewal=draw(_MAYBE_TEXT),
        notice_by=draw(_maybe_date(span)),
    )


def terms(
    *, references: References | None = None, min_day: dt.date = FIRST_DAY, max_day: dt.date = LAST_DAY
) -> st.SearchStrategy[Term]:
    """An agreement's term, which never ends before it starts."""
    return _terms(references, _span(min_day, max_day))


@st.composite
def _participants(draw: st.DrawFn, refs: References, parties: tuple[str, ...]) -> Participant:
    """A signer or witness acting for one of ``parties`` (any signatory when there are none)."""
    bodies = parties or refs.signatories
    return Participant(
        person=draw(_sampled(refs.people)),
        sources=draw(_cites(refs)),
        role=draw(_MAYBE_TEXT),
        acting_for=draw(_optional(_sampled(bodies))) if bodies else None,
    )


@st.composite
def _entries_into_force(draw: st.DrawFn, refs: References | None) -> EntryIntoForce:
    refs = _refs(draw, refs)
    own, later = draw(_PERIOD_SHAPES), draw(_PERIOD_SHAPES)
    return EntryIntoForce(
        sources=draw(_cites(refs)),
        instruments=draw(_optional(st.integers(1, 200))),
        days=draw(_DAYS) if own == "days" else None,
        months=draw(_MONTHS) if own == "months" else None,
        later_days=draw(_DAYS) if later == "days" else None,
        later_months=draw(_MONTHS) if later == "months" else None,
        condition=draw(_MAYBE_TEXT),
        text=draw(_MAYBE_TEXT),
    )


_PERIOD_SHAPES = st.sampled_from((None, "days", "months"))
_DAYS = st.one_of(st.sampled_from((0, 30, 60, 90)), st.integers(0, 400))
_MONTHS = st.one_of(st.sampled_from((3, 12)), st.integers(0, 30))


def entries_into_force(*, references: References | None = None) -> st.SearchStrategy[EntryIntoForce]:
    """An entry-into-force clause as data: a count of instruments, a period, a later party's period, or none.

    Periods are days or months, never both, and never negative; it cites
    sources from ``references``.
    """
    return _entries_into_force(references)


# Consents that follow a signature, and those that stand alone; the actions that play no part in the order.
_AFTER_SIGNATURE = (ActionKind.RATIFICATION, ActionKind.ACCEPTANCE, ActionKind.APPROVAL, ActionKind.FORMAL_CONFIRMATION)
_WITHOUT_SIGNATURE = (
    ActionKind.ACCESSION,
    ActionKind.SUCCESSION,
    ActionKind.DEFINITIVE_SIGNATURE,
    ActionKind.ACCEPTANCE,
    ActionKind.APPROVAL,
)
_SIGNATURE_KINDS = (ActionKind.SIGNATURE, ActionKind.SUCCESSION_TO_SIGNATURE)
_ASIDES = (
    ActionKind.PROVISIONAL_APPLICATION,
    ActionKind.NOTIFICATION,
    ActionKind.TERRITORIAL_APPLICATION,
    ActionKind.RESERVATION,
    ActionKind.DECLARATION,
    ActionKind.OBJECTION,
)


@st.composite
def _party_actions(draw: st.DrawFn, refs: References, party: str, adopted: dt.date | None, span: _Span) -> list[Action]:
    """One party's actions, in the order the rules want them: signature, consent, entry into force, withdrawal."""
    out: list[Action] = []
    floor = adopted

    def act(kind: ActionKind, after: dt.date | None) -> Action:
        date = draw(_claimed(_any_dates(span), refs.sources, _any_dates(span, after)))
        own = draw(_picks(refs.sources))
        aside = kind in _ASIDES
        action = Action(
            party=party,
            action=kind,
            date=date,
            sources=own if own or date.sources else draw(_cites(refs)),
            text=draw(_MAYBE_TEXT) if aside else None,
            url=draw(_MAYBE_URL) if aside else None,
            notes=draw(_MAYBE_TEXT),
        )
        out.append(action)
        return action

    signed = draw(st.booleans())
    if signed:
        floor = _raise_floor(floor, act(draw(_sampled(_SIGNATURE_KINDS)), floor).date.value)
    # How far it went: consented, in force for it, withdrawal notified, withdrawal in effect.
    reach = draw(st.integers(0, 4))
    steps = (ActionKind.ENTRY_INTO_FORCE, ActionKind.WITHDRAWAL, ActionKind.WITHDRAWAL_EFFECTIVE)
    if reach:
        consent = draw(_sampled(_AFTER_SIGNATURE if signed else _WITHOUT_SIGNATURE))
        for kind in (consent, *steps)[:reach]:
            floor = _raise_floor(floor, act(kind, floor).date.value)
    for _ in range(draw(st.integers(0, 1))):
        act(draw(_sampled(_ASIDES)), adopted)
    return out


def _adopted(history: Sequence[StatusEvent]) -> dt.date | None:
    """The first day the instrument's first event may be: no action may be certainly before it."""
    first = history[0].date.value.earliest if history else None
    return None if first is None else _plain(first)


_RELATION_TYPES = st.sampled_from(RelationType)


@st.composite
def _agreements(
    draw: st.DrawFn,
    *,
    ident: str | None,
    refs: References | None,
    targets: tuple[str, ...] | None,
    kinds: tuple[AgreementKind, ...] | None,
    statuses: tuple[Status, ...],
    max_events: int,
    span: _Span,
    multilateral: bool | None = None,
) -> Agreement:
    refs = _refs(draw, refs)
    ident = ident if ident is not None else draw(ids())
    targets = tuple(t for t in (refs.agreements if targets is None else targets) if t != ident)
    kind = draw(_sampled(kinds)) if kinds is not None else draw(_optional(_sampled(tuple(AgreementKind))))
    binding = draw(_optional(st.booleans()))
    if kind is AgreementKind.TREATY and binding is False:
        binding = True
    many = draw(st.integers(0, 3)) == 0 if multilateral is None else multilateral
    parties = draw(_picks(refs.signatories, 1 if many else 0, 3))
    many = many and bool(parties)
    participants = _tuples(_participants(refs, parties)) if refs.people else st.just(())
    relations = (
        _tuples(
            st.builds(Relation, type=_RELATION_TYPES, target=_sampled(targets), sources=_cites(refs), note=_MAYBE_TEXT)
        )
        if targets
        else st.just(())
    )
    expectations = _tuples(
        st.builds(
            Target,
            status=_sampled(_ALL_STATUSES),
            description=_TEXT,
            sources=_cites(refs),
            due=_maybe_date(span),
            note=_MAYBE_TEXT,
        ),
        max_size=1,
    )
    history = draw(_histories(refs=refs, allowed=statuses, min_size=0, max_size=max_events, running=False, span=span))
    actions: list[Action] = []
    if many:
        adopted = _adopted(history)
        for party in parties:
            actions.extend(draw(_party_actions(refs, party, adopted, span)))
    return Agreement(
        id=ident,
        title=draw(_claimed(_NONBLANK, refs.sources, _NONBLANK)),
        kind=kind,
        sources=draw(_cites(refs)),
        titles=draw(_NAMES),
        short=draw(_MAYBE_TEXT),
        aliases=draw(_TEXT_TUPLES),
        binding=binding,
        parties=parties,
        signed_by=draw(participants),
        witnesses=draw(participants),
        place=draw(_MAYBE_TEXT),
        areas=draw(_picks(refs.areas)),
        history=history,
        term=draw(_optional(_terms(refs, span))),
        relations=draw(relations),
        targets=draw(expectations),
        multilateral=many,
        entry_into_force=draw(_optional(_entries_into_force(refs))),
        actions=tuple(actions),
        notes=draw(_MAYBE_TEXT),
    )


def agreements(
    *,
    id: str | None = None,
    references: References | None = None,
    targets: Sequence[str] | None = None,
    kinds: Iterable[AgreementKind] | None = None,
    statuses: Iterable[Status] | None = None,
    max_events: int = 4,
    min_day: dt.date = FIRST_DAY,
    max_day: dt.date = LAST_DAY,
    multilateral: bool | None = None,
) -> st.SearchStrategy[Agreement]:
    """An agreement that is valid in itself; its references resolve against ``references``.

    Without ``references`` it refers to ids drawn for it, so on its own it is
    a valid record but not a dataset; use :func:`datasets` for records whose
    references resolve to records. Its relations point at ``targets``
    (default ``references.agreements``) and never at itself. ``kinds``
    limits its kind (by default any, or unknown); every status in its
    history is one of ``statuses``; it has at most ``max_events`` events;
    all its dates lie between ``min_day`` and ``max_day``.

    About one in four is ``multilateral`` (``multilateral=True``: every one
    that has a signatory to name; ``False``: none), with each party's own
    actions in the order the rules want (a signature, then a consent that
    needs one, or a consent that does not, such as an accession; then entry
    into force for it, withdrawal and its effect), none certainly before the
    instrument's first event; any may have an entry-into-force clause.
    """
    if max_events < 0:
        raise InvalidArgument(f"max_events={max_events} must not be negative")
    return _agreements(
        ident=id,
        refs=references,
        targets=None if targets is None else tuple(targets),
        kinds=_members("kinds", kinds, AgreementKind),
        statuses=_members("statuses", statuses, Status) or _ALL_STATUSES,
        max_events=max_events,
        span=_span(min_day, max_day),
        multilateral=multilateral,
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
    more = st.integers(0, 2)
    while len(out) < max_size and (len(out) < min_size or draw(more) > 0):
        base = ident = draw(ids())
        suffix = 1
        while ident in used:
            ident, suffix = f"{base}-{suffix}", suffix + 1
        out.append(draw(build(ident, used)))
        used = (*used, ident)
    return tuple(out)


@st.composite
def _datasets(
    draw: st.DrawFn,
    *,
    min_agreements: int,
    max_agreements: int,
    kinds: tuple[AgreementKind, ...] | None,
    statuses: tuple[Status, ...],
    countries: tuple[str, ...] | None,
    span: _Span,
    multilateral: bool | None = None,
) -> Dataset:
    refs = References()
    found_sources = _collection(draw, lambda i, _: _sources(i, span), min_size=1)
    refs = attrs.evolve(refs, sources=tuple(r.id for r in found_sources))
    body_kinds = tuple(SignatoryKind)
    found_signatories = _collection(
        draw,
        lambda i, before: _signatories(
            ident=i, refs=refs, parents=before, successors=before, kinds=body_kinds, countries=countries, span=span
        ),
        max_size=4,
    )
    found_people = _collection(draw, lambda i, _: _people(i, refs))
    found_areas = _collection(draw, _areas)
    refs = attrs.evolve(
        refs,
        signatories=tuple(r.id for r in found_signatories),
        people=tuple(r.id for r in found_people),
        areas=tuple(r.id for r in found_areas),
    )
    found_agreements = _collection(
        draw,
        lambda i, before: _agreements(
            ident=i,
            refs=refs,
            targets=before,
            kinds=kinds,
            statuses=statuses,
            max_events=4,
            span=span,
            multilateral=multilateral,
        ),
        min_size=min_agreements,
        max_size=max_agreements,
    )
    return Dataset(
        sources=found_sources,
        signatories=found_signatories,
        people=found_people,
        areas=found_areas,
        agreements=found_agreements,
    )


def datasets(
    *,
    min_agreements: int = 0,
    max_agreements: int = 3,
    kinds: Iterable[AgreementKind] | None = None,
    statuses: Iterable[Status] | None = None,
    countries: Iterable[str] | None = None,
    min_day: dt.date = FIRST_DAY,
    max_day: dt.date = LAST_DAY,
    multilateral: bool | None = None,
) -> st.SearchStrategy[Dataset]:
    """A whole collection that validation finds nothing wrong with.

    Ids are unique within each collection and every reference resolves.
    Parents, successors and relation targets are always records drawn
    earlier in their collection, so none of those graphs has a cycle. It has
    at least one source, up to four signatories, three people and three
    areas, and between ``min_agreements`` and ``max_agreements`` agreements.
    ``kinds``, ``statuses``, ``countries``, ``min_day``, ``max_day`` and
    ``multilateral`` constrain the records as they do for :func:`agreements`
    and :func:`signatories`.
    """
    _check_sizes(min_agreements, max_agreements, "datasets (agreements)")
    return _datasets(
        min_agreements=min_agreements,
        max_agreements=max_agreements,
        kinds=_members("kinds", kinds, AgreementKind),
        statuses=_members("statuses", statuses, Status) or _ALL_STATUSES,
        countries=_countries(countries),
        span=_span(min_day, max_day),
        multilateral=multilateral,
    )


# -- broken data ----------------------------------------------------------------


class DefectKind(enum.Enum):
    """The kinds of defect :func:`broken_datasets` injects."""

    DANGLING_REFERENCE = "dangling reference"
    """An id that names no record of the collection it refers to."""
    DUPLICATE_ID = "duplicate id"
    """A second record with the id of an earlier one in the same collection."""
    EVENT_OUT_OF_ORDER = "event out of order"
    """An event dated certainly before the event listed before it."""
    WRONG_TYPE = "wrong type"
    """A value of the wrong shape: a mapping where text is expected, a list where a mapping is."""
    MISSPELLED_KEY = "misspelled key"
    """A key that is a misspelling of the field it should name."""
    REFUSED_CHARACTER = "refused character"
    """A character no text may hold (a control, a bidirectional override, a non-character) put into a text or key."""


@attrs.frozen
class Defect:
    """What was injected into a dataset, and where.

    ``path`` is where a validator should report it, in the form of
    :attr:`mou_tracker.Problem.path`: ``("agreements", 2, "parties", 0)``
    for ``$.agreements[2].parties[0]``.
    """

    kind: DefectKind
    path: Path
    description: str

    def __str__(self) -> str:
        return f"{self.kind.value} at {format_path(self.path)}: {self.description}"


@attrs.frozen
class Broken:
    """A dataset with one defect: as plain data, as YAML text, and the defect itself.

    ``data`` is the plain form that :func:`mou_tracker.loading.structure`
    takes and ``text`` the YAML that :func:`mou_tracker.loads` reads; both hold
    the same defect.
    """

    data: dict[str, Any]
    text: str
    defect: Defect


_COLLECTIONS = ("sources", "signatories", "people", "areas", "agreements")

# Keys whose values are ids, and the collection they name.
_REFERENCE_KEYS = {
    "sources": "sources",
    "parties": "signatories",
    "areas": "areas",
    "person": "people",
    "acting_for": "signatories",
    "successor": "signatories",
    "target": "agreements",
}

_SINGULAR = {
    "sources": "source",
    "signatories": "signatory",
    "people": "person",
    "areas": "area",
    "agreements": "agreement",
}

_FIELD_NAMES = frozenset(
    field.name
    for cls in (
        Source,
        Signatory,
        Change,
        Person,
        Area,
        Claim,
        StatusEvent,
        Participant,
        Term,
        Relation,
        Target,
        Agreement,
    )
    for field in attrs.fields(cls)
)

_NAME_MAPPINGS = frozenset({"names", "titles"})


def _walk(value: Any, path: Path) -> Iterator[tuple[Path, Any]]:
    """Every value inside a record with its path, the record itself first."""
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _walk(item, (*path, i))


def _records(plain: dict[str, Any]) -> Iterator[tuple[str, Path, Any]]:
    for name in _COLLECTIONS:
        for i, record in enumerate(plain.get(name) or ()):
            for path, value in _walk(record, (name, i)):
                yield name, path, value


def _get(plain: Any, path: Path) -> Any:
    for part in path:
        plain = plain[part]
    return plain


def _set(plain: Any, path: Path, value: Any) -> None:
    _get(plain, path[:-1])[path[-1]] = value


def _reference_slots(plain: dict[str, Any]) -> list[tuple[Path, str]]:
    """Every place that holds an id, with the collection it names."""
    slots: list[tuple[Path, str]] = []
    for collection, path, value in _records(plain):
        key = path[-1]
        if not isinstance(key, str) or len(path) < 3 or _inside_names(path):
            continue
        target = collection if key == "parent" else _REFERENCE_KEYS.get(key)
        if target is None:
            continue
        if isinstance(value, str):
            slots.append((path, target))
        elif isinstance(value, list):
            slots.extend(((*path, i), target) for i, item in enumerate(value) if isinstance(item, str))
    return slots


def _inside_names(path: Path) -> bool:
    return any(part in _NAME_MAPPINGS for part in path[2:-1] if isinstance(part, str))


def _ids(plain: dict[str, Any], collection: str) -> set[str]:
    return {r["id"] for r in plain.get(collection) or () if isinstance(r, dict) and isinstance(r.get("id"), str)}


def _fresh_id(draw: st.DrawFn, taken: set[str]) -> str:
    base = ident = draw(ids())
    suffix = 1
    while ident in taken:
        ident, suffix = f"{base}-{suffix}", suffix + 1
    return ident


def _acted_for(plain: dict[str, Any], path: Path) -> bool:
    """Whether ``path`` is a party of an agreement someone signed or witnessed for.

    Such a party may be the one that makes a participant's ``acting_for``
    valid: replacing it would add a second problem to the defect.
    """
    if path[0] != "agreements" or path[2] != "parties":
        return False
    record = plain["agreements"][path[1]]
    participants = [*(record.get("signed_by") or ()), *(record.get("witnesses") or ())]
    return any(isinstance(p, dict) and p.get("acting_for") is not None for p in participants)


def _dangling(draw: st.DrawFn, plain: dict[str, Any]) -> Defect:
    slots = [(path, collection) for path, collection in _reference_slots(plain) if not _acted_for(plain, path)]
    path, collection = draw(st.sampled_from(slots))
    old = _get(plain, path)
    new = _fresh_id(draw, _ids(plain, collection))
    _set(plain, path, new)
    what = _SINGULAR[collection]
    return Defect(DefectKind.DANGLING_REFERENCE, path, f"{new!r} (was {old!r}) names no {what}")


def _duplicate(draw: st.DrawFn, plain: dict[str, Any]) -> Defect:
    name = draw(st.sampled_from([n for n in _COLLECTIONS if plain.get(n)]))
    records = plain[name]
    original = draw(st.integers(0, len(records) - 1))
    at = draw(st.integers(original + 1, len(records)))
    records.insert(at, copy.deepcopy(records[original]))
    ident = records[original]["id"]
    return Defect(DefectKind.DUPLICATE_ID, (name, at, "id"), f"{ident!r} is already the id of {name}[{original}]")


def _preferred_value_path(plain: dict[str, Any], path: Path) -> Path:
    """The path of the value a (possibly disputed) field prefers."""
    value = _get(plain, path)
    if not isinstance(value, list):
        return path
    for i, claim in enumerate(value):
        if claim.get("preferred"):
            return (*path, i, "value")
    return (*path, 0, "value")


def _out_of_order(draw: st.DrawFn, plain: dict[str, Any]) -> Defect:
    candidates: list[tuple[Path, dt.date]] = []
    for i, agreement in enumerate(plain.get("agreements") or ()):
        history = agreement.get("history") or ()
        for j in range(1, len(history)):
            previous = _get(plain, _preferred_value_path(plain, ("agreements", i, "history", j - 1, "date")))
            first = parse_date(previous).earliest
            if first is not None and first > FIRST_DAY:
                candidates.append((("agreements", i, "history", j, "date"), _plain(first)))
    if candidates:
        path, earliest = draw(st.sampled_from(candidates))
        day = draw(_days(FIRST_DAY, earliest - dt.timedelta(days=1)))
        _set(plain, _preferred_value_path(plain, path), day.isoformat())
        return Defect(
            DefectKind.EVENT_OUT_OF_ORDER, path, f"{day} is before the previous event ({earliest} at the earliest)"
        )
    # No event has an earlier one with a known first day: add an agreement whose second event comes first.
    later = draw(_days(dt.date(1, 1, 2), LAST_DAY))
    earlier = draw(_days(FIRST_DAY, later - dt.timedelta(days=1)))
    source = plain["sources"][0]["id"]
    ident = _fresh_id(draw, _ids(plain, "agreements"))
    event = [
        StatusEvent(Claimed.of(PartialDate.from_date(day)), Claimed.of(status), sources=(source,))
        for day, status in ((later, Status.PROPOSED), (earlier, Status.NEGOTIATING))
    ]
    record = Agreement(id=ident, title=Claimed.of("Out of order"), kind=None, sources=(source,), history=tuple(event))
    plain.setdefault("agreements", []).append(_CONVERTER.unstructure(record, Agreement))
    path = ("agreements", len(plain["agreements"]) - 1, "history", 1, "date")
    return Defect(DefectKind.EVENT_OUT_OF_ORDER, path, f"{earlier} is before the previous event ({later})")


def _wrong_type(draw: st.DrawFn, plain: dict[str, Any]) -> Defect:
    slots = [path for _, path, _ in _records(plain) if len(path) >= 3]
    path = draw(st.sampled_from(slots))
    old = _get(plain, path)
    if isinstance(old, dict):
        new: Any = ["a list", "where a mapping belongs"]
        expected = "a mapping"
    elif isinstance(old, list):
        new = {"a mapping": "where a list belongs"}
        expected = "a list"
    else:
        new = {"a mapping": "where a single value belongs"}
        expected = "a single value"
    _set(plain, path, new)
    return Defect(DefectKind.WRONG_TYPE, path, f"expected {expected}, found {type(new).__name__}")


def _misspellings(key: str) -> list[str]:
    out: list[str] = []
    for i in range(len(key)):
        out.append(key[:i] + key[i + 1 :])  # a letter dropped
        out.append(key[:i] + key[i] + key[i:])  # a letter doubled
        if i + 1 < len(key) and key[i] != key[i + 1]:
            out.append(key[:i] + key[i + 1] + key[i] + key[i + 2 :])  # two letters swapped
    return [m for m in dict.fromkeys(out) if m and m not in _FIELD_NAMES]


def _misspelled(draw: st.DrawFn, plain: dict[str, Any]) -> Defect:
    mappings = [
        path
        for _, path, value in _records(plain)
        if isinstance(value, dict) and value and (len(path) == 2 or path[-1] not in _NAME_MAPPINGS)
    ]
    path = draw(st.sampled_from(mappings))
    mapping = _get(plain, path)
    key = draw(st.sampled_from(sorted(mapping)))
    wrong = draw(st.sampled_from([m for m in _misspellings(key) if m not in mapping]))
    # Rebuilt so that the misspelled key stays where the right one was.
    _set(plain, path, {(wrong if k == key else k): v for k, v in mapping.items()})
    return Defect(DefectKind.MISSPELLED_KEY, (*path, wrong), f"{wrong!r} is a misspelling of {key!r}")


def _text_slots(value: Any, hint: Any, path: Path, prose: bool = False) -> Iterator[tuple[Path, bool, bool]]:
    """Every text in ``value`` (of type ``hint``): its path, whether it is a key, and whether it may hold lines."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if hint is str:
        if isinstance(value, str):
            yield path, False, prose
    elif origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if value is not None and len(options) == 1:  # not the dates, PartialDate | DateInterval
            yield from _text_slots(value, options[0], path, prose)
    elif origin is tuple:
        for i, item in enumerate(value):
            yield from _text_slots(item, args[0], (*path, i))
    elif origin in (Mapping, dict):
        for key, item in value.items():
            yield (*path, key), True, False
            yield from _text_slots(item, args[1], (*path, key))
    elif origin is Claimed:
        if isinstance(value, list):
            for i, claim in enumerate(value):
                yield from _text_slots(claim, Claim[args[0]], (*path, i))  # type: ignore[valid-type]
        else:
            yield from _text_slots(value, args[0], path)
    elif attrs.has(origin or hint) and hint not in (PartialDate, DateInterval):
        cls = origin or hint
        hints = typing.get_type_hints(cls)
        if origin is Claim:
            hints["value"] = args[0]
        for name, item in value.items():
            yield from _text_slots(item, hints[name], (*path, name), name in PROSE_FIELDS)


# What broken_datasets puts into text: a lone surrogate is left out, since
# libyaml cannot read one even written as an escape ("\ud800"), and refuses
# the file as YAML, before there is any text to locate it in.
_REFUSED = st.sampled_from("".join(map(chr, (*range(0x20), *range(0x7F, 0xA0)))) + BIDI_CONTROLS + NONCHARACTERS)


def _refused_character(draw: st.DrawFn, plain: dict[str, Any]) -> Defect:
    slots = [
        slot
        for name in _COLLECTIONS
        for i, record in enumerate(plain.get(name) or ())
        for slot in _text_slots(record, _RECORD_TYPES[name], (name, i))
    ]
    path, is_key, prose = draw(st.sampled_from(slots))
    char = draw(_REFUSED.filter(lambda c: not (prose and c == "\n")))
    old = path[-1] if is_key else _get(plain, path)
    assert isinstance(old, str)
    at = draw(st.integers(0, len(old)))
    new = old[:at] + char + old[at:]
    if is_key:
        mapping = _get(plain, path[:-1])
        _set(plain, path[:-1], {(new if k == old else k): v for k, v in mapping.items()})
        path = (*path[:-1], new)
    else:
        _set(plain, path, new)
    what = "the key" if is_key else "the text"
    return Defect(DefectKind.REFUSED_CHARACTER, path, f"U+{ord(char):04X} put into {what} {old!r}")


_RECORD_TYPES = {"sources": Source, "signatories": Signatory, "people": Person, "areas": Area, "agreements": Agreement}

_INJECT: dict[DefectKind, Callable[[st.DrawFn, dict[str, Any]], Defect]] = {
    DefectKind.DANGLING_REFERENCE: _dangling,
    DefectKind.DUPLICATE_ID: _duplicate,
    DefectKind.EVENT_OUT_OF_ORDER: _out_of_order,
    DefectKind.WRONG_TYPE: _wrong_type,
    DefectKind.MISSPELLED_KEY: _misspelled,
    DefectKind.REFUSED_CHARACTER: _refused_character,
}


@st.composite
def _broken_datasets(draw: st.DrawFn, kinds: tuple[DefectKind, ...], max_agreements: int) -> Broken:
    dataset = draw(
        _datasets(
            min_agreements=1,
            max_agreements=max_agreements,
            kinds=None,
            statuses=_ALL_STATUSES,
            countries=None,
            span=_WHOLE,
        )
    )
    plain = unstructure(dataset)
    defect = _INJECT[draw(_sampled(kinds))](draw, plain)
    return Broken(plain, _dump_plain(plain), defect)


def broken_datasets(
    *, defects: Iterable[DefectKind] | None = None, max_agreements: int = 3
) -> st.SearchStrategy[Broken]:
    """A valid dataset (of at least one agreement) with exactly one defect injected.

    ``defects`` limits the kinds injected (by default all of
    :class:`DefectKind`). The :class:`Broken` it gives holds the data, its
    YAML text and the :class:`Defect`, whose path is where a validator
    should report it. Other problems may follow from the one defect (a
    misspelled required key is also a missing key), but the defect itself
    is always at ``defect.path``.
    """
    chosen = _members("defects", defects, DefectKind) or tuple(DefectKind)
    if max_agreements < 1:
        raise InvalidArgument(f"max_agreements={max_agreements}: a broken dataset has at least one agreement")
    return _broken_datasets(chosen, max_agreements)
