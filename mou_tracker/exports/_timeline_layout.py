"""The timeline picture's rows, before anything is drawn: which instruments, their labels, and their stretches.

Each row is an instrument: its label, the stretches of its status as
:meth:`~mou_tracker.Dataset.status_on` reads them day by day (certain or not,
disputed or not), its signings, its parties' consents and what falls due.
At most :data:`MAX_ROWS` rows are kept, the most recently active.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from collections.abc import Iterable, Sequence

import attrs

from .._characters import BIDI_CONTROLS
from ..dataset import Dataset
from ..dates import DateInterval, PartialDate, plain
from ..model import Agreement, RelationType, Status
from ..naming import name_of, shorten
from ..queries import Due, due

MAX_ROWS = 60
"""The most instruments one picture shows; the most recently active are kept."""

HORIZON_YEARS = 10
"""How far ahead of the day what falls due is shown."""

HISTORY_YEARS = 15
"""How far back the window reaches, at most, before the last event or the day."""

LABEL_WIDTH = 48
"""The longest row label, in characters; a longer name is cut at a word and ends with ``…``."""

_ONE_DAY = _dt.timedelta(days=1)


@attrs.frozen
class _Stretch:
    """Days from ``start`` (``None``: since before anything is known) to ``end`` (``None``: on), ``end`` excluded.

    ``certain`` is what :meth:`Dataset.status_on` says of each of its days;
    ``disputed`` whether sources dispute the date or status behind it.
    """

    start: _dt.date | None
    end: _dt.date | None
    status: Status
    certain: bool
    disputed: bool = False


@attrs.frozen
class _Row:
    agreement: Agreement
    label: str
    began: _dt.date | None
    stretches: tuple[_Stretch, ...]
    signings: tuple[tuple[_dt.date | None, _dt.date | None], ...]
    due: tuple[Due, ...]
    consents: tuple[tuple[_dt.date | None, _dt.date | None], ...] = ()


def label(agreement: Agreement, lang: str = "en") -> str:
    """The row label of ``agreement``: its name as tables show it, on one line, shortened to :data:`LABEL_WIDTH`.

    A long name is shortened as tables shorten it (:func:`~mou_tracker.reports.shorten`),
    cut at a word, its short name in parentheses kept whole:

    >>> import mou_tracker
    >>> data = mou_tracker.load()
    >>> label(data["itx"])
    'MoU on the Innovation Talent Exchange… (ITX)'
    >>> label(data["research-programmes"])
    'Agreement on Research Programmes and Thematic…'
    """
    text = " ".join("".join(c if _printable(c) else " " for c in name_of(agreement, lang)).split())
    if not text:
        return agreement.id
    keep = f" ({agreement.short})" if agreement.short else ""
    return shorten(text, LABEL_WIDTH, keep=keep, at_word=True)


def _printable(char: str) -> bool:
    # Control characters, surrogates, non-characters (U+FFFE is not allowed in
    # XML), line or paragraph separators and bidirectional embeddings,
    # overrides and isolates (which would reorder the label as it is read)
    # have no place in a one-line label.
    return unicodedata.category(char) not in {"Cc", "Cs", "Cn", "Zl", "Zp"} and char not in BIDI_CONTROLS


def _next(day: _dt.date) -> _dt.date:
    return day + _ONE_DAY if day < _dt.date.max else day


def _previous(day: _dt.date) -> _dt.date:
    return day - _ONE_DAY if day > _dt.date.min else day


def _years_from(day: _dt.date, years: int) -> _dt.date:
    year = min(max(day.year + years, 1), 9999)
    return _dt.date(year, day.month, 28 if (day.month, day.day) == (2, 29) else day.day)


def _bounds(date: PartialDate | DateInterval) -> tuple[_dt.date | None, _dt.date | None]:
    lo, hi = date.earliest, date.latest
    return (None if lo is None else plain(lo)), (None if hi is None else plain(hi))


def _last_activity(agreement: Agreement) -> _dt.date:
    days = [d for e in agreement.history for d in _bounds(e.date.value) if d is not None]
    return max(days, default=_dt.date.min)


def _rows(dataset: Dataset, day: _dt.date, lang: str) -> tuple[list[_Row], int]:
    """The rows the picture shows, in the order drawn, and how many instruments there are in all."""
    agreements: Sequence[Agreement] = dataset.agreements
    if len(agreements) > MAX_ROWS:
        recent = sorted(range(len(agreements)), key=lambda i: _last_activity(agreements[i]), reverse=True)
        agreements = [agreements[i] for i in sorted(recent[:MAX_ROWS])]
    due_by_id: dict[str, list[Due]] = {}
    for item in due(dataset, day, max(day, _years_from(day, HORIZON_YEARS))):
        due_by_id.setdefault(item.agreement.id, []).append(item)
    rows = []
    for agreement in agreements:
        stretches = _stretches(dataset, agreement)
        began = stretches[0].start if stretches else None
        signings = tuple(_bounds(e.date.value) for e in agreement.history if e.status.value is Status.SIGNED)
        consents = tuple(_bounds(a.date.value) for a in agreement.actions if a.action.is_consent)
        rows.append(
            _Row(
                agreement,
                label(agreement, lang),
                began,
                stretches,
                signings,
                tuple(due_by_id.get(agreement.id, ())),
                consents,
            )
        )
    # Rows whose history starts before anything known first, then by the day it starts; rows with none last.
    rows.sort(key=lambda r: (2, _dt.date.min) if not r.stretches else (r.began is not None, r.began or _dt.date.min))
    return rows, len(dataset.agreements)


def _stretches(dataset: Dataset, agreement: Agreement) -> tuple[_Stretch, ...]:
    """The stretches of the agreement's status, as :meth:`Dataset.status_on` reads it day by day.

    A reading changes only on a day some date of the history (or a date a
    derived step comes from: the term's end, the start of what supersedes it)
    begins or ends, or the day after; so it is read once on each such day.
    A stretch is certain exactly where the reading is; it is disputed where
    a claim about the date or the status of the event behind it is.
    """
    dates: list[PartialDate | DateInterval] = [c.value for e in agreement.history for c in e.date.claims]
    if agreement.term is not None and agreement.term.end is not None:
        dates.append(agreement.term.end)
    for other, relation in dataset.referrers(agreement.id):
        if relation.type is RelationType.SUPERSEDES:
            dates.extend(e.date.value for e in other.history if e.status.value is Status.IN_EFFECT)
    disputed = list(_disputed(agreement))
    days: set[_dt.date] = set()
    for bound in (*(b for d in dates for b in _bounds(d)), *(b for lo, hi, _ in disputed for b in (lo, hi))):
        if bound is not None:
            days.update((bound, _next(bound)))
    turning = sorted(days)
    if not turning:
        return ()
    starts: list[_dt.date | None] = [None, *turning]
    ends: list[_dt.date | None] = [*turning, None]
    stretches: list[_Stretch] = []
    for start, end in zip(starts, ends, strict=True):
        if start is None and end == _dt.date.min:
            continue
        on = _previous(end) if start is None and end is not None else start
        assert on is not None
        reading = dataset.status_on(agreement, on)
        if reading.status is None:
            continue
        contested = any(
            (lo is None or lo <= on) and (hi is None or on <= hi) and (status is None or status is reading.status)
            for lo, hi, status in disputed
        )
        stretch = _Stretch(start, end, reading.status, reading.certain, contested)
        last = stretches[-1] if stretches else None
        if last is not None and last.end == start and _look(last) == _look(stretch):
            stretches[-1] = attrs.evolve(last, end=end)
        else:
            stretches.append(stretch)
    return tuple(stretches)


def _look(stretch: _Stretch) -> tuple[Status, bool, bool]:
    """What tells a stretch's drawing: its status, whether it is certain and whether disputed."""
    return stretch.status, stretch.certain, stretch.disputed


def _disputed(agreement: Agreement) -> Iterable[tuple[_dt.date | None, _dt.date | None, Status | None]]:
    """Windows of days whose reading a disputed claim contests: every status (``None``), or one."""
    history = agreement.history
    for i, event in enumerate(history):
        if event.date.disputed:
            bounds = [_bounds(c.value) for c in event.date.claims]
            lows, highs = [lo for lo, _ in bounds], [hi for _, hi in bounds]
            yield (
                None if None in lows else min(d for d in lows if d is not None),
                None if None in highs else max(d for d in highs if d is not None),
                None,
            )
        if event.status.disputed:
            until = _bounds(history[i + 1].date.value)[1] if i + 1 < len(history) else None
            yield _bounds(event.date.value)[0], until, event.status.value
