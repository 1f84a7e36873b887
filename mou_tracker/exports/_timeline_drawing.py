"""Drawing the timeline picture's rows with matplotlib: the axis, the bars, the markers and the legend.

Only :func:`_draw` touches matplotlib, and only from within
:func:`mou_tracker.exports.timeline._drawn`, which imports it (the ``plot``
extra) and holds its settings.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from ..model import Status
from ._timeline_layout import HISTORY_YEARS, _bounds, _look, _next, _Row, _years_from

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import FigureBase

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

_LIGHTER = 0.62  # how far an uncertain or disputed stretch's colour is mixed with white
_FADED = 0.4  # the opacity of a bar after the day drawn for
_HATCHES = {  # (certain, disputed): the hatching of a stretch
    (True, False): None,
    (False, False): "////",
    (True, True): "\\\\\\\\",
    (False, True): "xxxx",
}

LEGEND_HATCHES: Mapping[tuple[bool, bool], str] = {
    (False, False): "uncertain: day not known",
    (True, True): "disputed by sources",
    (False, True): "uncertain and disputed",
}
"""What the legend says of each hatching, by (certain, disputed)."""


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
