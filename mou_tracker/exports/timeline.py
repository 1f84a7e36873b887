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
import warnings
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .._version import __version__
from ..dataset import Dataset
from . import MissingExtra
from ._timeline_drawing import LEGEND_HATCHES, PALETTE, _draw
from ._timeline_layout import HISTORY_YEARS, HORIZON_YEARS, LABEL_WIDTH, MAX_ROWS, _rows, label

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "HISTORY_YEARS",
    "HORIZON_YEARS",
    "LABEL_WIDTH",
    "LEGEND_HATCHES",
    "MAX_ROWS",
    "PALETTE",
    "caption",
    "export_png",
    "export_svg",
    "label",
]

_WIDTH_INCHES = 12.0
_DPI = 100
_ROW_INCHES = 0.27
_FRAME_INCHES = 2.0  # title, axis and legend around the rows
_CAPTION_INCHES = 0.3  # the credit under the legend


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
