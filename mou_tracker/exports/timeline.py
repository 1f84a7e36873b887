"""The timeline picture, as SVG or PNG: one row per instrument, coloured by status.

Each row is an instrument, labelled by its name as tables show it: its title
in the language asked for, with its short name in parentheses. Its status
history is drawn as a bar a stretch at a time, coloured by status, and an
ended instrument's bar is drawn thinner. A stretch is drawn lighter and
hatched ``////`` where its status is not certain, on exactly the days
:meth:`~mou_tracker.Dataset.status_on` says so (the day of an event is not
known: a partial date, a range); hatched ``\\\\`` where sources dispute the
date or the status of the event behind it, though the dataset's preferred
reading is certain; cross-hatched where both hold. A dashed line marks the
day the picture is drawn for, and each bar after that day is faded: it is
the status the data says the instrument will have (a term that ends, an
event already dated), not what has been seen. A black diamond marks a
signing, with a whisker over the days it may have fallen on; a hollow circle
marks what falls due in the next :data:`HORIZON_YEARS` years (a term end, a
notice date, a target not yet met), a cross what is overdue, and a triangle
each party's consent to be bound by a multilateral instrument (ratification,
accession…), on the instrument's row. A caption
under the legend credits the data and says where its sources are listed.

The picture shows at most :data:`MAX_ROWS` instruments: the most recently
active ones (by the date of their last recorded event), ordered by when
their history starts, so a collection of thousands still gives a picture a
person can read; its title says how many are left out. Its window starts no
more than :data:`HISTORY_YEARS` years before the last event or the day,
whichever is earlier; a bar that began before the window is marked with the
year it began.

Drawn with matplotlib (the ``plot`` extra) through its object-oriented API:
no window, no display and no global figure state. The same data, day and
language give the same bytes with the same matplotlib, whatever the user's
matplotlib settings (the picture is drawn with matplotlib's default style).
While drawing, matplotlib's settings are changed for the whole process, as
:func:`matplotlib.rc_context` does, and put back after: do not draw two
pictures at once from two threads.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import io
import math
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from .._characters import BIDI_CONTROLS
from .._version import __version__
from ..dataset import Dataset
from ..dates import DateInterval, PartialDate, plain
from ..model import Agreement, RelationType, Status
from ..naming import name_of, shorten
from ..queries import Due, due
from . import MissingExtra

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure, FigureBase

__all__ = ["HISTORY_YEARS", "HORIZON_YEARS", "MAX_ROWS", "PALETTE", "caption", "export_png", "export_svg", "label"]

MAX_ROWS = 60
"""The most instruments one picture shows; the most recently active are kept."""

HORIZON_YEARS = 10
"""How far ahead of the day what falls due is shown."""

HISTORY_YEARS = 15
"""How far back the window reaches, at most, before the last event or the day."""

LABEL_WIDTH = 48
"""The longest row label, in characters; a longer name is cut at a word and ends with ``…``."""

PALETTE: Mapping[Status, str] = {
    Status.PROPOSED: "#DDCC77",
    Status.NEGOTIATING: "#88CCEE",
    Status.CONCLUDED: "#44AA99",
    Status.SIGNED: "#332288",
    Status.IN_EFFECT: "#117733",
    Status.COMPLETED: "#999933",
    Status.EXPIRED: "#882255",
    Status.TERMINATED: "#CC6677",
    Status.SUPERSEDED: "#AA4499",
    Status.ABANDONED: "#BBBBBB",
}
"""The colour of each status: Paul Tol's colour-blind-safe "muted" scheme, and its grey."""

_WIDTH_INCHES = 12.0
_DPI = 100
_ROW_INCHES = 0.27
_FRAME_INCHES = 2.0  # title, axis and legend around the rows
_CAPTION_INCHES = 0.3  # the credit under the legend
_LIGHTER = 0.62  # how far an uncertain or disputed stretch's colour is mixed with white
_FADED = 0.4  # the opacity of a bar after the day drawn for
_HATCHES = {  # (certain, disputed): the hatching of a stretch
    (True, False): None,
    (False, False): "////",
    (True, True): "\\\\\\\\",
    (False, True): "xxxx",
}

_ONE_DAY = _dt.timedelta(days=1)

LEGEND_HATCHES: Mapping[tuple[bool, bool], str] = {
    (False, False): "uncertain: day not known",
    (True, True): "disputed by sources",
    (False, True): "uncertain and disputed",
}
"""What the legend says of each hatching, by (certain, disputed)."""


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


def caption(dataset: Dataset) -> str:
    """The credit under the picture: the data drawn, and where the sources of each event are listed.

    >>> import mou_tracker
    >>> print(caption(mou_tracker.load()))  # doctest: +ELLIPSIS
    Data: a mou-tracker dataset of 36 instruments citing 23 sources, each listed by `mou-tracker show ID` ...
    """
    instruments, sources = len(dataset), len(dataset.sources)
    return (
        f"Data: a mou-tracker dataset of {instruments:,} instrument{'' if instruments == 1 else 's'} citing "
        f"{sources:,} source{'' if sources == 1 else 's'}, each listed by `mou-tracker show ID` and in the "
        f"HTML export's sources table. Drawn with mou-tracker {__version__}."
    )


def _printable(char: str) -> bool:
    # Control characters, surrogates, non-characters (U+FFFE is not allowed in
    # XML), line or paragraph separators and bidirectional embeddings,
    # overrides and isolates (which would reorder the label as it is read)
    # have no place in a one-line label.
    return unicodedata.category(char) not in {"Cc", "Cs", "Cn", "Zl", "Zp"} and char not in BIDI_CONTROLS


def export_svg(dataset: Dataset, *, day: _dt.date, lang: str = "en") -> bytes:
    """The timeline picture as SVG, its text kept as text.

    Raises :class:`~mou_tracker.exports.MissingExtra` when matplotlib is not installed.
    """
    return _render(dataset, day, lang, "svg")


def export_png(dataset: Dataset, *, day: _dt.date, lang: str = "en") -> bytes:
    """The timeline picture as PNG, 1200 pixels wide, taller for more rows.

    Raises :class:`~mou_tracker.exports.MissingExtra` when matplotlib is not installed.
    """
    return _render(dataset, day, lang, "png")


def _render(dataset: Dataset, day: _dt.date, lang: str, fmt: str) -> bytes:
    buffer = io.BytesIO()
    with _drawn(dataset, day, lang, fmt) as figure:
        if fmt == "svg":
            metadata: dict[str, str | None] = {"Date": None, "Title": "Timeline of agreements"}
        else:
            metadata = {"Software": None, "Title": "Timeline of agreements"}
        figure.savefig(buffer, format=fmt, dpi=_DPI, metadata=metadata)
    return buffer.getvalue()


@contextlib.contextmanager
def _drawn(dataset: Dataset, day: _dt.date, lang: str = "en", fmt: str = "svg") -> Iterator[Figure]:
    """The picture drawn, as a figure, while matplotlib's settings for it hold."""
    try:
        import matplotlib.style
        from matplotlib import rc_context
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise MissingExtra(fmt, "plot", "matplotlib") from exc
    rows, total = _rows(dataset, day, lang)
    # Fixed settings, over matplotlib's defaults, that make the output the same
    # bytes each time (svg.hashsalt names the SVG's clip paths and patterns), keep
    # text as text in the SVG (so it can be searched and read), and never read a
    # "$" in a title as the start of a formula.
    with (
        warnings.catch_warnings(),
        matplotlib.style.context("default"),
        rc_context(
            {
                "svg.hashsalt": "mou-tracker",
                "svg.fonttype": "none",
                "text.parse_math": False,
                "font.size": 9,
                "hatch.linewidth": 0.8,
            }
        ),
    ):
        # A title in a script the bundled font lacks, or that it cannot shape
        # (Arabic, whose marks right-to-left names may hold), is still drawn:
        # matplotlib's advice about it, which differs from release to release,
        # is not the user's to act on, so none of its warnings leave the drawing.
        warnings.simplefilter("ignore")
        height = _FRAME_INCHES + _CAPTION_INCHES + _ROW_INCHES * max(len(rows), 1)
        figure = Figure(figsize=(_WIDTH_INCHES, height), layout="constrained")
        FigureCanvasAgg(figure)
        # The picture and its legend above, laid out together; the caption in a strip of its own below.
        picture, foot = figure.subfigures(
            2, 1, height_ratios=(height - _CAPTION_INCHES, _CAPTION_INCHES), squeeze=False
        )[:, 0]
        _draw(picture, rows, total, day)
        foot.text(0.01, 0.5, caption(dataset), ha="left", va="center", fontsize=7.5, color="#555555")
        yield figure


# ---------------------------------------------------------------- the data


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


# ---------------------------------------------------------------- the picture


def _x(day: _dt.date) -> float:
    """A day as a year with a fraction: 1 July 2025 is about 2025.5."""
    first = _dt.date(day.year, 1, 1).toordinal()
    length = 366 if _dt.date(day.year, 12, 31).timetuple().tm_yday == 366 else 365
    return day.year + (day.toordinal() - first) / length


def _middle(lo: _dt.date | None, hi: _dt.date | None) -> float | None:
    if lo is None or hi is None:
        known = lo or hi
        return None if known is None else _x(known)
    return (_x(lo) + _x(hi)) / 2


def _window(rows: Sequence[_Row], day: _dt.date) -> tuple[float, float]:
    """The years the picture spans: every event and due date, and the day, within a limit back."""
    events = [d for r in rows for e in r.agreement.history for d in _bounds(e.date.value) if d is not None]
    dues = [d for r in rows for item in r.due for d in _bounds(item.date) if d is not None]
    days = [day, *events, *dues]
    floor = _years_from(min(day, max(events, default=day)), -HISTORY_YEARS)
    lo, hi = _x(max(min(days), floor)), _x(max(days))
    if hi - lo < 1:
        lo, hi = (lo + hi) / 2 - 0.5, (lo + hi) / 2 + 0.5
    pad = (hi - lo) * 0.02
    return lo - pad, hi + pad


def _ticks(lo: float, hi: float) -> tuple[list[float], list[str]]:
    """Ticks at whole years, or at months for a window of a few years."""
    span = hi - lo
    if span >= 4:
        step = next(s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000) if span / s <= 12)
        years = [y for y in range(math.ceil(lo / step) * step, math.floor(hi) + 1, step) if 1 <= y <= 9999]
        return [float(y) for y in years], [str(y) for y in years]
    months = next(m for m in (1, 2, 3, 6, 12) if span * 12 / m <= 12)
    positions, labels = [], []
    for year in range(min(max(math.floor(lo), 1), 9999), min(math.floor(hi), 9999) + 1):
        for month in range(1, 13, months):
            at = _x(_dt.date(year, month, 1))
            if lo <= at <= hi:
                positions.append(at)
                labels.append(f"{year}-{month:02d}")
    return positions, labels


def _lighter(colour: str) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    mixed = (round(c + (255 - c) * _LIGHTER) for c in (red, green, blue))
    return "#" + "".join(f"{c:02X}" for c in mixed)


def _dark(colour: str) -> bool:
    """Whether white text reads better than black on ``colour`` (by its relative luminance)."""
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue < 0.5


def _fill(status: Status, certain: bool, disputed: bool) -> str:
    """The colour a stretch is filled with: its status's, lighter when uncertain or disputed."""
    return PALETTE[status] if certain and not disputed else _lighter(PALETTE[status])


def _draw(figure: FigureBase, rows: Sequence[_Row], total: int, day: _dt.date) -> None:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    ax: Axes = figure.add_subplot()
    lo, hi = _window(rows, day)
    ax.set_xlim(lo, hi)
    ax.set_ylim(max(len(rows), 1) - 0.5, -0.5)  # the first row at the top
    positions, tick_labels = _ticks(lo, hi)
    ax.set_xticks(positions, tick_labels)
    ax.set_yticks(range(len(rows)), [r.label for r in rows], fontsize=8.5)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="x", color="#E4E4E4", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    for y in range(1, len(rows), 2):
        ax.axhspan(y - 0.5, y + 0.5, color="#F4F4F4", linewidth=0, zorder=0)

    # Bars by how they look: status, certain, disputed, and after the day (faded).
    bars: dict[tuple[Status, bool, bool, bool], tuple[list[float], list[float], list[float]]] = {}
    began_before: list[tuple[int, _dt.date, str]] = []
    cut = max(min(_x(_next(day)), hi), lo)  # the end of the day drawn for
    for y, row in enumerate(rows):
        for stretch in row.stretches:
            start = lo if stretch.start is None else max(_x(stretch.start), lo)
            end = hi if stretch.end is None else min(_x(stretch.end), hi)
            for left, right, after in ((start, min(end, cut), False), (max(start, cut), end, True)):
                if right > left:
                    ys, lefts, widths = bars.setdefault((*_look(stretch), after), ([], [], []))
                    ys.append(y)
                    lefts.append(left)
                    widths.append(right - left)
        if row.began is not None and _x(row.began) < lo:
            # The year is written on the stretch that reaches the window's edge.
            edge = [s for s in row.stretches if s.start is None or _x(s.start) <= lo][-1]
            fill = _fill(edge.status, edge.certain, edge.disputed)
            began_before.append((y, row.began, "white" if _dark(fill) else "black"))
    for (status, certain, disputed, after), (ys, lefts, widths) in sorted(
        bars.items(), key=lambda kv: (kv[0][0].value, *kv[0][1:])
    ):
        ax.barh(
            ys,
            widths,
            left=lefts,
            height=0.32 if status.is_final else 0.62,
            color=_fill(status, certain, disputed),
            edgecolor=PALETTE[status],
            linewidth=0,
            hatch=_HATCHES[certain, disputed],
            alpha=_FADED if after else None,
        )
    for y, began, ink in began_before:
        ax.text(lo, y, f" ◂ {began.year}", va="center", ha="left", fontsize=7, color=ink, fontweight="bold")

    _markers(ax, rows, lo, hi)
    ax.axvline(_x(day), color="black", linestyle=(0, (4, 3)), linewidth=1, zorder=3)
    ax.text(_x(day), 1.0, day.isoformat(), transform=ax.get_xaxis_transform(), ha="center", va="bottom", fontsize=8)

    if not rows:
        ax.text(0.5, 0.5, "no instruments", transform=ax.transAxes, ha="center", va="center", color="#777777")
    shown = f"{len(rows)} instruments" if len(rows) == total else f"the {len(rows)} most recently active of {total:,}"
    ax.set_title(f"Status of {shown}, as of {day.isoformat()}", loc="left", fontsize=11, pad=16)

    handles: list[Patch | Line2D] = [Patch(color=PALETTE[s], label=s.label) for s in Status]
    grey = "#777777"
    handles += [
        Patch(facecolor=_lighter(grey), edgecolor=grey, linewidth=0, hatch=_HATCHES[certain, disputed], label=what)
        for (certain, disputed), what in LEGEND_HATCHES.items()
    ]
    handles += [
        Patch(color=grey, alpha=_FADED, linewidth=0, label=f"after {day.isoformat()}: as the data says it will be"),
        Line2D([], [], color="black", marker="D", markersize=5, linestyle="none", label="signing"),
        Line2D(
            [],
            [],
            color="black",
            marker="o",
            markerfacecolor="white",
            markersize=6,
            linestyle="none",
            label="falls due",
        ),
        Line2D([], [], color="black", marker="X", markersize=6, linestyle="none", label="overdue"),
        Line2D([], [], color="black", linestyle=(0, (4, 3)), linewidth=1, label=day.isoformat()),
    ]
    if any(row.consents for row in rows):
        handles.append(
            Line2D(
                [], [], color="black", marker="^", markersize=6, linestyle="none", label="a party's consent to be bound"
            )
        )
    figure.legend(handles=handles, loc="outside lower center", ncols=6, frameon=False, fontsize=8.5)


def _markers(ax: Axes, rows: Sequence[_Row], lo: float, hi: float) -> None:
    """Signings, and what falls due, each with a whisker over the days it may fall on."""
    kinds: dict[str, tuple[list[float], list[float]]] = {
        "signed": ([], []),
        "due": ([], []),
        "overdue": ([], []),
        "consent": ([], []),
    }
    whiskers: tuple[list[float], list[float], list[float]] = ([], [], [])
    for y, row in enumerate(rows):
        dated = [("signed", a, b) for a, b in row.signings]
        dated += [("consent", a, b) for a, b in row.consents]
        dated += [("overdue" if item.overdue else "due", *_bounds(item.date)) for item in row.due]
        for kind, first, last in dated:
            middle = _middle(first, last)
            if middle is None or not lo <= middle <= hi:
                continue
            kinds[kind][0].append(middle)
            kinds[kind][1].append(y)
            if first is not None and last is not None and first != last:
                whiskers[0].append(y)
                whiskers[1].append(max(_x(first), lo))
                whiskers[2].append(min(_x(last), hi))
    if whiskers[0]:
        ax.hlines(*whiskers, color="black", linewidth=0.9, zorder=4)
    ax.plot(*kinds["signed"], linestyle="none", marker="D", markersize=4.5, color="black", zorder=5)
    ax.plot(*kinds["due"], linestyle="none", marker="o", markersize=6, color="black", markerfacecolor="white", zorder=5)
    ax.plot(*kinds["overdue"], linestyle="none", marker="X", markersize=6, color="black", zorder=5)
    if kinds["consent"][0]:
        ax.plot(*kinds["consent"], linestyle="none", marker="^", markersize=6, color="black", zorder=5)
