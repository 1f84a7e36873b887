"""The timeline picture: SVG and PNG, drawn with matplotlib."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_hex
from matplotlib.figure import Figure
from matplotlib.image import imread
from matplotlib.text import Text

import mou_tracker
from mou_tracker._version import __version__
from mou_tracker.dataset import Dataset
from mou_tracker.exports import FORMATS, MissingExtra, export, timeline
from mou_tracker.exports._timeline_drawing import _FADED, _x
from mou_tracker.exports._timeline_layout import _stretches
from mou_tracker.exports.timeline import MAX_ROWS, PALETTE, export_png, export_svg, label
from mou_tracker.model import Agreement, Claimed, Status
from mou_tracker.strategies import datasets, days
from tests.budget import DATASET_EXAMPLES, per_dataset
from tests.running import run

DAY = dt.date(2026, 1, 1)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG = "{http://www.w3.org/2000/svg}"
MISSING = (
    "mou-tracker: error: the svg format needs matplotlib, which is not installed; "
    "install it with: pip install 'mou-tracker[plot]'\n"
)

ONE = """\
schema_version: 1
sources:
  - id: s1
    language: en
    title: A report
agreements:
  - id: first
    title: A memorandum with a $ sign and <markup> & more
    kind: mou
    sources: [s1]
    history:
      - date: {date}
        status: signed
        sources: [s1]
"""


def texts(svg: bytes) -> list[str]:
    """Every piece of text an SVG shows, each whole."""
    return ["".join(element.itertext()) for element in ET.fromstring(svg).iter(f"{SVG}text")]


def size(png: bytes) -> tuple[int, int]:
    """The width and height of a PNG, as matplotlib reads it."""
    height, width = imread(io.BytesIO(png), format="png").shape[:2]
    return width, height


def many(dataset: Dataset, count: int) -> Dataset:
    """``count`` agreements made from copies of the dataset's, each with an id of its own."""
    copies = (attrs.evolve(a, id=f"{a.id}-{i}") for i in range(count) for a in dataset.agreements)
    return attrs.evolve(dataset, agreements=tuple(copies)[:count])


@pytest.fixture(scope="module")
def bundled() -> Dataset:
    return mou_tracker.load()


@pytest.fixture(scope="module")
def bundled_svg(bundled: Dataset) -> bytes:
    return export_svg(bundled, day=DAY)


@pytest.fixture(scope="module")
def bundled_drawn(bundled: Dataset) -> Drawn:
    """The bars and texts of the bundled dataset's picture on DAY, drawn once for the module."""
    bars, shown, _ = drawn(bundled)
    return bars, shown


class TestLabel:
    def test_short_names_expanded(self, bundled: Dataset) -> None:
        """An instrument with a short name is labelled by its title, cut at a word, the short name kept after it."""
        assert "MoU on the Innovation Talent Exchange… (ITX)" == label(bundled["itx"])
        assert "Regional Comprehensive Economic… (RCEP)" == label(bundled["rcep"])

    def test_long_titles_cut_at_a_word(self, bundled: Dataset) -> None:
        """A long title is cut, at a word, to at most 48 characters ending with an ellipsis."""
        title = bundled["research-programmes"].title.value
        cut = label(bundled["research-programmes"])
        assert 48 >= len(cut)
        assert "…" == cut[-1]
        assert title.startswith(cut[:-1])
        assert " " == title[len(cut) - 1]

    def test_language(self, bundled: Dataset) -> None:
        """In Vietnamese, an instrument is labelled by its Vietnamese title where the data has one."""
        assert "VSIP 2.0" == label(bundled["vsip-2"], "vi")

    def test_one_line_of_printable_text(self, bundled: Dataset) -> None:
        """Line breaks, separators and characters XML forbids become single spaces."""
        odd = attrs.evolve(bundled["itx"], title=Claimed.of("a\nb\u2028c\ufffed\x07e"), short=None)
        assert "a b c d e" == label(odd)

    def test_no_bidirectional_control(self, bundled: Dataset) -> None:
        """An override or isolate, which would reorder the label as it is read, becomes a space."""
        odd = attrs.evolve(bundled["itx"], title=Claimed.of("in\u202eeffect\u2066 x\u2069"), short=None)
        assert "in effect x" == label(odd)


def stretch_on(dataset: Dataset, agreement: Agreement, day: dt.date) -> list[tuple[Status, bool, bool]]:
    """What the bar of ``agreement`` shows on ``day``: its status, certainty and dispute (nothing, before any)."""
    return [
        (s.status, s.certain, s.disputed)
        for s in _stretches(dataset, agreement)
        if (s.start is None or s.start <= day) and (s.end is None or day < s.end)
    ]


class TestStretches:
    @per_dataset
    @given(datasets(min_agreements=1), st.data())
    def test_bars_agree_with_status_on(self, dataset: Dataset, data: st.DataObject) -> None:
        """On any day, the stretch drawn has the status Dataset.status_on reads, certain exactly when it is."""
        agreement = data.draw(st.sampled_from(dataset.agreements))
        # Days where readings change are where a stretch could go wrong: draw near them too,
        # the days of the history's claims and of the term's end among them.
        dates = [c.value for e in agreement.history for c in e.date.claims]
        if agreement.term is not None and agreement.term.end is not None:
            dates.append(agreement.term.end)
        near = [
            d + dt.timedelta(days=shift)
            for date in dates
            for d in (date.earliest, date.latest)
            if d is not None and dt.date(1, 1, 2) < d < dt.date(9999, 12, 30)
            for shift in (-1, 0, 1)
        ]
        day = data.draw(st.sampled_from(near) if near else days()) if data.draw(st.booleans()) else data.draw(days())
        reading = dataset.status_on(agreement, day)
        drawn = stretch_on(dataset, agreement, day)
        if reading.status is None:
            assert [] == drawn
        else:
            assert 1 == len(drawn)
            assert (reading.status, reading.certain) == drawn[0][:2]
            disputes = any(e.date.disputed or e.status.disputed for e in agreement.history)
            assert disputes or not drawn[0][2]

    def test_certain_once_the_month_is_over(self, bundled: Dataset) -> None:
        """The action programme, in effect some day of October 2025, is drawn certain from 31 October 2025.

        status_on reads an event as certain from its latest day on. Sources
        dispute whether the programme was adopted, signed or concluded: its
        bar is drawn disputed, not uncertain, until its term ends with 2030.
        """
        programme = bundled["csp-action-programme"]
        assert [(Status.IN_EFFECT, False, True)] == stretch_on(bundled, programme, dt.date(2025, 10, 30))
        for day in (dt.date(2025, 10, 31), dt.date(2025, 11, 1), dt.date(2026, 1, 1), dt.date(2030, 12, 31)):
            assert bundled.status_on(programme, day).certain
            assert [(Status.IN_EFFECT, True, True)] == stretch_on(bundled, programme, day)
        assert [(Status.EXPIRED, True, False)] == stretch_on(bundled, programme, dt.date(2031, 1, 1))

    def test_undisputed_partial_date_is_uncertain_not_disputed(self, bundled: Dataset) -> None:
        """A signing known only to the month is uncertain over the month, and disputed nowhere."""
        gedep = bundled["gedep"]
        assert [(Status.IN_EFFECT, False, False)] == stretch_on(bundled, gedep, dt.date(2023, 2, 14))
        assert [(Status.IN_EFFECT, True, False)] == stretch_on(bundled, gedep, dt.date(2023, 3, 1))


@attrs.frozen
class Bar:
    """One drawn bar: its row's label, where it starts and ends (in years), its hatching and opacity."""

    row: str
    left: float
    right: float
    hatch: str | None
    alpha: float | None
    colour: str


Drawn = tuple[list[Bar], list[str]]


def drawn(dataset: Dataset, day: dt.date = DAY) -> tuple[list[Bar], list[str], Figure]:
    """The bars of the picture and every text it shows, read from its artists."""
    with timeline._drawn(dataset, day) as figure:
        ax = figure.subfigs[0].axes[0]
        rows = {round(tick): text.get_text() for tick, text in zip(ax.get_yticks(), ax.get_yticklabels(), strict=True)}
        bars = [
            Bar(
                rows[round(bar.get_y() + bar.get_height() / 2)],
                bar.get_x(),
                bar.get_x() + bar.get_width(),
                bar.get_hatch(),
                bar.get_alpha(),
                to_hex(bar.get_facecolor(), keep_alpha=False),
            )
            for container in ax.containers
            for bar in container.patches
        ]
        shown = [t.get_text() for t in figure.findobj(Text) if t.get_text()]
    return bars, shown, figure


def year(day: dt.date) -> float:
    """A day where the picture draws it, as a year with a fraction."""
    return _x(day)


class TestPicture:
    def test_hatching_follows_status_on_and_disputes(self, bundled: Dataset, bundled_drawn: Drawn) -> None:
        """The action programme is cross-hatched while its day in October 2025 is not known, then disputed to 2030."""
        bars, _ = bundled_drawn
        row = label(bundled["csp-action-programme"])
        spans = sorted((b.left, b.right, b.hatch) for b in bars if b.row == row and b.colour != "#88ccee")
        october, certain, end = year(dt.date(2025, 10, 1)), year(dt.date(2025, 10, 31)), year(dt.date(2031, 1, 1))
        assert (october, certain, "xxxx") == spans[0]
        assert certain == spans[1][0]
        assert {"\\\\\\\\"} == {hatch for left, right, hatch in spans if certain <= left and right <= end}
        assert [None] == [hatch for left, _, hatch in spans if left >= end]

    def test_certain_bars_not_hatched(self, bundled: Dataset, bundled_drawn: Drawn) -> None:
        """A bar is hatched only where the day is not known or sources dispute: the ITX MoU's never is."""
        bars, _ = bundled_drawn
        itx = [b for b in bars if b.row == label(bundled["itx"])]
        assert itx
        assert {None} == {b.hatch for b in itx}

    def test_bars_after_the_day_faded(self, bundled: Dataset, bundled_drawn: Drawn) -> None:
        """Every bar after the day drawn for is faded, and none before it is."""
        bars, _ = bundled_drawn
        cut = year(DAY + dt.timedelta(days=1))
        after = [b for b in bars if b.left >= cut]
        before = [b for b in bars if b.right <= cut]
        assert after
        assert before
        assert len(bars) == len(after) + len(before)
        assert {_FADED} == {b.alpha for b in after}
        assert {None} == {b.alpha for b in before}

    def test_a_bar_across_the_day_is_split(self, bundled: Dataset, bundled_drawn: Drawn) -> None:
        """The ITX MoU, signed in 2023 and signed still, is drawn full up to the end of the day and faded after."""
        bars, _ = bundled_drawn
        itx = sorted((b.left, b.right, b.alpha) for b in bars if b.row == label(bundled["itx"]))
        cut = year(DAY + dt.timedelta(days=1))
        assert [(year(dt.date(2023, 8, 28)), cut, None)] == [(lo, hi, alpha) for lo, hi, alpha in itx if hi <= cut]
        assert [(cut, _FADED)] == [(lo, alpha) for lo, _, alpha in itx if lo >= cut]

    def test_legend_says_what_each_mark_means(self, bundled: Dataset, bundled_drawn: Drawn) -> None:
        """The legend names the hatchings, uncertain and disputed, and what a faded bar after the day is."""
        _, shown = bundled_drawn
        assert {"uncertain: day not known", "disputed by sources", "uncertain and disputed"} <= set(shown)
        assert "after 2026-01-01: as the data says it will be" in shown

    def test_caption_credits_the_data(self, bundled: Dataset, bundled_drawn: Drawn) -> None:
        """The caption counts the instruments and the sources they cite, and says where the sources are listed."""
        _, shown = bundled_drawn
        assert timeline.caption(bundled) in shown
        assert (
            f"Data: a mou-tracker dataset of {len(bundled)} instruments citing {len(bundled.sources)} sources, "
            "each listed by `mou-tracker show ID` and in the HTML export's sources table. "
            f"Drawn with mou-tracker {__version__}."
        ) == timeline.caption(bundled)

    def test_caption_in_the_svg(self, bundled_svg: bytes, bundled: Dataset) -> None:
        """The written SVG holds the caption as text."""
        assert timeline.caption(bundled) in texts(bundled_svg)


class TestSvg:
    def test_is_xml_with_every_label(self, bundled: Dataset, bundled_svg: bytes) -> None:
        """The SVG parses as XML and shows every instrument's label, as text."""
        shown = texts(bundled_svg)
        assert [] == [a.id for a in bundled if label(a) not in shown]

    @pytest.mark.parametrize("title", ["\u061c", "مذكرة تفاهم", "Thỏa thuận 数字 𓂀 🜁"])
    def test_any_script_draws_without_a_warning(self, bundled: Dataset, title: str) -> None:
        """A title in a script the font lacks or cannot shape is drawn in SVG and PNG, and no warning escapes."""
        odd = attrs.evolve(bundled, agreements=(attrs.evolve(bundled["itx"], title=Claimed.of(title), short=None),))
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            svg, png = export_svg(odd, day=DAY), export_png(odd, day=DAY)
        assert [] == [t for t in [label(odd.agreements[0])] if t not in texts(svg)]
        assert png.startswith(b"\x89PNG")

    def test_every_label_in_vietnamese(self, bundled: Dataset) -> None:
        """With lang="vi" the rows are labelled in Vietnamese where the data has it."""
        shown = texts(export_svg(bundled, day=DAY, lang="vi"))
        assert [] == [a.id for a in bundled if label(a, "vi") not in shown]
        assert "Quan hệ ngoại giao Việt Nam – Singapore" in shown

    def test_legend_names_every_status(self, bundled_svg: bytes) -> None:
        """The legend names every status, and the marks for uncertainty, disputes, signings and what falls due."""
        shown = texts(bundled_svg)
        assert [] == [s.label for s in Status if s.label not in shown]
        assert {*timeline.LEGEND_HATCHES.values(), "signing", "falls due", "overdue"} <= set(shown)

    def test_day_and_title(self, bundled: Dataset, bundled_svg: bytes) -> None:
        """The title counts the instruments and names the day, which also labels its line."""
        shown = texts(bundled_svg)
        assert f"Status of {len(bundled)} instruments, as of 2026-01-01" in shown
        assert 2 <= shown.count("2026-01-01")

    def test_colours_are_the_palette(self, bundled_svg: bytes) -> None:
        """Bars take their colours from the palette, one colour a status."""
        text = bundled_svg.decode("utf-8")
        assert PALETTE[Status.IN_EFFECT].casefold() in text.casefold()
        assert len(set(PALETTE.values())) == len(Status)

    def test_uncertain_stretches_hatched(self) -> None:
        """A signing known only to the year is drawn hatched up to the year's last day; one known to the day is not."""
        vague, _, _ = drawn(mou_tracker.loads(ONE.format(date="2020")))
        exact, _, _ = drawn(mou_tracker.loads(ONE.format(date="2020-05-04")))
        assert [(year(dt.date(2020, 1, 1)), year(dt.date(2020, 12, 31)))] == [
            (b.left, b.right) for b in vague if b.hatch == "////"
        ]
        assert {None} == {b.hatch for b in exact}

    def test_awkward_title_is_text(self) -> None:
        """A "$" is not read as a formula, and markup in a title is escaped, not interpreted."""
        svg = export_svg(mou_tracker.loads(ONE.format(date="2020-05-04")), day=DAY)
        assert "A memorandum with a $ sign and <markup> & more" in texts(svg)

    def test_same_input_same_bytes(self, bundled: Dataset, bundled_svg: bytes) -> None:
        """Drawing the same data again gives the same bytes: no date, no random ids."""
        assert bundled_svg == export_svg(bundled, day=DAY)
        assert b"<dc:date>" not in bundled_svg

    def test_through_the_registry(self, bundled: Dataset, bundled_svg: bytes) -> None:
        """The svg format of the export registry is this picture."""
        assert ("timeline", "plot") == (FORMATS["svg"].module, FORMATS["svg"].extra)
        assert bundled_svg == export(bundled, "svg", day=DAY)

    # Drawing takes matplotlib a fifth of a second or more, whatever the data: half the
    # examples of a dataset property, and no deadline.
    @settings(per_dataset, max_examples=max(DATASET_EXAMPLES // 2, 10), deadline=None)
    @given(datasets(), days(), st.sampled_from(["en", "vi"]))
    def test_any_dataset(self, dataset: Dataset, day: dt.date, lang: str) -> None:
        """Any valid dataset, on any day, draws an SVG that parses and labels every row it shows."""
        shown = texts(export_svg(dataset, day=day, lang=lang))
        assert [] == [a.id for a in dataset if label(a, lang) not in shown]


class TestPng:
    def test_opens_at_its_size(self, bundled: Dataset) -> None:
        """The PNG has the PNG signature and opens, 1200 pixels wide and taller than it is for one row."""
        png = export_png(bundled, day=DAY)
        assert PNG_SIGNATURE == png[:8]
        width, height = size(png)
        one_width, one_height = size(export_png(many(bundled, 1), day=DAY))
        assert (1200, 1200) == (width, one_width)
        assert height > one_height + 20 * len(bundled)

    def test_same_input_same_bytes(self, bundled: Dataset) -> None:
        """Drawing the same data again gives the same bytes, with no software version written in."""
        png = export_png(bundled, day=DAY)
        assert png == export_png(bundled, day=DAY)
        assert b"Matplotlib" not in png

    def test_capped_rows(self, bundled: Dataset) -> None:
        """A thousand agreements draw as many rows as the cap, and the title says how many are left out."""
        thousand = many(bundled, 1000)
        assert size(export_png(many(bundled, MAX_ROWS), day=DAY)) == size(export_png(thousand, day=DAY))
        shown = texts(export_svg(thousand, day=DAY))
        assert f"Status of the {MAX_ROWS} most recently active of 1,000, as of 2026-01-01" in shown

    def test_capped_rows_are_the_latest(self, bundled: Dataset) -> None:
        """The rows kept are those whose last event is latest: the oldest instrument is left out."""
        thousand = many(bundled, 1000)
        shown = texts(export_svg(thousand, day=DAY))
        assert label(bundled["diplomatic-relations"]) not in shown
        assert label(bundled["carbon-credit-exchange"]) in shown

    def test_empty_dataset(self) -> None:
        """A dataset with no agreements still draws a picture, saying so."""
        assert PNG_SIGNATURE == export_png(Dataset(), day=DAY)[:8]
        assert "no instruments" in texts(export_svg(Dataset(), day=DAY))

    @settings(per_dataset, max_examples=max(DATASET_EXAMPLES // 5, 10), deadline=None)
    @given(datasets(), days())
    def test_any_dataset(self, dataset: Dataset, day: dt.date) -> None:
        """Any valid dataset, on any day, draws a PNG that opens 1200 pixels wide."""
        assert 1200 == size(export_png(dataset, day=day))[0]


class TestCommand:
    def test_writes_png(self, tmp_path: Path) -> None:
        """``export --format png --output FILE`` writes the picture to the file."""
        target = tmp_path / "timeline.png"
        code, out, err = run("--as-of", "2026-01-01", "export", "--format", "png", "--output", str(target))
        assert (0, "", "") == (code, out, err)
        assert export_png(mou_tracker.load(), day=DAY) == target.read_bytes()


def child(code: str) -> subprocess.CompletedProcess[str]:
    """Python code run in a child process, with the tests' cache."""
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ), check=False, timeout=120
    )


class TestWithoutMatplotlib:
    def test_command_says_how_to_install(self) -> None:
        """Without matplotlib, exporting SVG is exit 2 with how to install it, and no traceback."""
        done = child(
            "import sys; sys.modules['matplotlib'] = None\n"
            "from mou_tracker.cli import main\n"
            "sys.exit(main(['export', '--format', 'svg']))\n"
        )
        assert (2, "", MISSING) == (done.returncode, done.stdout, done.stderr)

    def test_library_raises_missing_extra(self, bundled: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without matplotlib, the library raises MissingExtra naming the format, the extra and the package."""
        monkeypatch.setitem(sys.modules, "matplotlib", None)
        with pytest.raises(MissingExtra) as caught:
            export_png(bundled, day=DAY)
        assert ("png", "plot", "matplotlib") == (caught.value.format, caught.value.extra, caught.value.package)

    def test_no_pyplot(self) -> None:
        """Drawing never imports pyplot, so it needs no display and leaves no global figure."""
        done = child(
            "import datetime, sys, mou_tracker\n"
            "from mou_tracker.exports.timeline import export_png\n"
            "export_png(mou_tracker.load(), day=datetime.date(2026, 1, 1))\n"
            "print('matplotlib' in sys.modules, 'matplotlib.pyplot' in sys.modules)\n"
        )
        assert (0, "True False\n", "") == (done.returncode, done.stdout, done.stderr)


class TestActions:
    def test_consents_marked(self) -> None:
        """A party's consent to be bound in the window is a triangle on its instrument's row, named in the legend."""
        from tests.test_cli_participation import FIXTURE

        data = mou_tracker.loads(FIXTURE)
        with timeline._drawn(data, dt.date(2026, 6, 1)) as figure:
            ax = figure.subfigs[0].axes[0]
            rows = {
                round(tick): text.get_text() for tick, text in zip(ax.get_yticks(), ax.get_yticklabels(), strict=True)
            }
            [triangles] = [line for line in ax.get_lines() if line.get_marker() == "^"]
            marked = sorted(
                (rows[round(y)], round(x, 6)) for x, y in zip(triangles.get_xdata(), triangles.get_ydata(), strict=True)
            )
            shown = [t.get_text() for t in figure.findobj(Text) if t.get_text()]
        middle = (year(dt.date(2026, 3, 1)) + year(dt.date(2026, 3, 31))) / 2
        # The Convention's ratifications of 1994 fall before the picture's window, and are not drawn.
        assert [(label(data["example-agreement"]), round(middle, 6))] == marked
        assert "a party's consent to be bound" in shown

    def test_no_legend_without_actions(self, bundled: Dataset, bundled_drawn: Drawn) -> None:
        """A picture of data with no parties' actions has no consent in its legend; the bundled treaties' have."""
        without = Dataset(
            agreements=tuple(a for a in bundled.agreements if not a.actions),
            signatories=bundled.signatories,
            people=bundled.people,
            areas=bundled.areas,
            sources=bundled.sources,
        )
        _, shown, _ = drawn(without)
        assert "a party's consent to be bound" not in shown
        assert "a party's consent to be bound" in bundled_drawn[1]
