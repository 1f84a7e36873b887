"""The HTML report: its tables are the reports' rows, it is self-contained, and no value becomes markup."""

from __future__ import annotations

import datetime as dt
import importlib.resources
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mou_tracker
from mou_tracker import strategies as mts
from mou_tracker.dataset import Dataset
from mou_tracker.exports import export, write
from mou_tracker.exports.html import export_html
from mou_tracker.model import Area, Claimed, Signatory, SignatoryKind
from mou_tracker.queries import due
from mou_tracker.reports import due_report, status_report, timeline_report
from tests.budget import per_dataset

DAY = dt.date(2026, 1, 1)
# Debian's package puts it here; elsewhere, whichever chromium is on the PATH.
REQUIRE_BROWSER_ENV = "MOU_TRACKER_REQUIRE_BROWSER"
"""When set (.ci/run sets it), a missing Chromium fails the browser test instead of skipping it."""
CHROMIUM = Path("/usr/bin/chromium") if Path("/usr/bin/chromium").exists() else Path(shutil.which("chromium") or "")


class Page(HTMLParser):
    """What a page holds: every start tag with its attributes, its text, and the cells of each table by id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str | None], ...]]] = []
        self.tables: dict[str, list[list[str]]] = {}
        self.classes: dict[str, list[str | None]] = {}
        self._table: str | None = None
        self._in_body = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, tuple(attrs)))
        found = dict(attrs)
        if tag == "table":
            self._table = found.get("id") or ""
            self.tables[self._table] = []
            self.classes[self._table] = []
        elif tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body and self._table is not None:
            self.tables[self._table].append([])
            self.classes[self._table].append(found.get("class"))
        elif tag == "td" and self._in_body:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._cell is not None and self._table is not None:
            self.tables[self._table][-1].append("".join(self._cell))
            self._cell = None
        elif tag == "tbody":
            self._in_body = False
        elif tag == "table":
            self._table = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def read(page: bytes | str) -> Page:
    parser = Page()
    parser.feed(page.decode("utf-8") if isinstance(page, bytes) else page)
    parser.close()
    return parser


def rows(table: list[list[str]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(row) for row in table)


def named(dataset: Dataset, report_rows: tuple[tuple[str, ...], ...], lang: str = "en") -> tuple[tuple[str, ...], ...]:
    """Status report rows as the page shows them: the parties and areas by name, in ``lang`` where the data has it."""

    def name(record: Signatory | Area) -> str:
        return str(record.names.get(lang) or record.name) if lang != "en" else record.name

    def party(body: Signatory) -> str:
        if body.kind is SignatoryKind.STATE or body.country is None:
            return name(body)
        state = next(
            (b for b in dataset.signatories if b.kind is SignatoryKind.STATE and b.country == body.country), None
        )
        return f"{name(body)} ({name(state) if state is not None else body.country})"

    out = []
    for row, agreement in zip(report_rows, dataset.agreements, strict=True):
        parties = "; ".join(party(dataset.signatory(p)) for p in dict.fromkeys(agreement.parties))
        areas = "; ".join(name(dataset.area(a)) for a in dict.fromkeys(agreement.areas))
        out.append((*row[:5], parties, areas))
    return tuple(out)


@pytest.fixture(scope="module")
def data() -> Dataset:
    return mou_tracker.load()


class TestReport:
    def test_tables_are_the_reports(self, data: Dataset) -> None:
        """The status, due and timeline tables hold the rows the CLI's reports show, parties and areas named."""
        page = read(export_html(data, day=DAY))
        until = dt.date(2027, 1, 1)
        assert named(data, status_report(data, DAY).rows) == rows(page.tables["status-table"])
        assert due_report(due(data, DAY, until), DAY, until).rows == rows(page.tables["due-table"])
        assert timeline_report(data).rows == rows(page.tables["timeline-table"])

    def test_names_where_codes_were(self, data: Dataset) -> None:
        """The status table names the parties and the areas, and the ITX MoU by its title with its short name."""
        page = read(export_html(data, day=DAY))
        itx = next(row for row in page.tables["status-table"] if row[0] == "itx")
        assert "Memorandum of Understanding on the Innovation Talent Exchange Programme (ITX)" == itx[1]
        assert "Viet Nam; Singapore" == itx[5]
        assert "Innovation talent; Skills and labour" == itx[6]
        art6 = next(row for row in page.tables["status-table"] if row[0] == "art6-mou")
        assert "Ministry of Trade and Industry (Singapore); " in art6[5]
        gedep = next(row for row in page.tables["status-table"] if row[0] == "gedep")
        assert "green-economy" not in gedep[6]
        assert data.area("green-economy").name in gedep[6]

    def test_names_in_the_language_asked(self, data: Dataset) -> None:
        """In Vietnamese, the parties and areas are named in Vietnamese where the data has it."""
        page = read(export_html(data, day=DAY, lang="vi"))
        itx = next(row for row in page.tables["status-table"] if row[0] == "itx")
        assert data.area("talent").names["vi"] in itx[6]

    def test_timeline_sources_link_to_their_rows(self, data: Dataset) -> None:
        """Each source id of the timeline is a link to the row of the sources table that has that id."""
        page = read(export_html(data, day=DAY))
        anchors = {dict(found).get("id") for tag, found in page.tags if tag == "tr"}
        links = [dict(found)["href"] for tag, found in page.tags if tag == "a" and dict(found)["href"].startswith("#")]
        cited = [s for row in timeline_report(data).rows for s in row[4].split()]
        events = sum(len(e.all_sources) for a in data for e in a.history)
        assert len(cited) == events + sum(len(x.all_sources) for a in data for x in a.actions)
        assert [f"#source-{s}" for s in cited] == [h for h in links if h.startswith("#source-")]
        assert {f"source-{s.id}" for s in data.sources} <= anchors
        assert set() == {h.removeprefix("#") for h in links} - anchors - {"status", "due", "timeline", "sources"}

    def test_untitled_sources_described_by_their_notes(self, data: Dataset) -> None:
        """A source with no title has its notes in the title column, in italics (class untitled), so no row is empty."""
        page = read(export_html(data, day=DAY))
        table = {row[0]: row for row in page.tables["sources-table"]}
        report = data.source("report-2023-08-28")
        assert report.title is None
        assert report.notes == table[report.id][1]
        assert [] == [row[0] for row in page.tables["sources-table"] if not any(row[1:])]
        untitled = [s.id for s in data.sources if not s.title and s.notes]
        assert untitled
        text = export_html(data, day=DAY).decode()
        for ident in untitled:
            assert f'<tr id="source-{ident}"><td class="id">{ident}</td><td class="untitled">' in text

    def test_registered(self, data: Dataset) -> None:
        """The html format of the export registry gives the same bytes."""
        assert export_html(data, day=DAY) == export(data, "html", day=DAY)

    def test_lang(self, data: Dataset) -> None:
        """The page's language is the one asked for, and its tables use names in it."""
        page = read(export_html(data, day=DAY, lang="vi"))
        assert ("html", (("lang", "vi"),)) == page.tags[0]
        assert named(data, status_report(data, DAY, lang="vi").rows, "vi") == rows(page.tables["status-table"])

    def test_overdue_rows_marked(self, data: Dataset) -> None:
        """Each overdue row of the due table, and only those, has the overdue class."""
        day = dt.date(2027, 6, 1)
        page = read(export_html(data, day=day))
        overdue = [r[4] == "yes" for r in page.tables["due-table"]]
        assert any(overdue)
        assert [("overdue" if o else None) for o in overdue] == page.classes["due-table"]

    def test_self_contained(self, data: Dataset) -> None:
        """No script, nothing loaded from elsewhere: links go only to sections or to the sources."""
        page = read(export_html(data, day=DAY))
        names = {tag for tag, _ in page.tags}
        assert set() == names & {"script", "link", "img", "iframe", "object", "embed", "base", "form"}
        attributes = [(tag, name, value) for tag, found in page.tags for name, value in found]
        assert [] == [a for a in attributes if a[1] in {"src", "srcset", "action"} or a[1].startswith("on")]
        addresses = {s.url for s in data.sources if s.url}
        hrefs = [value for _, name, value in attributes if name == "href"]
        assert [] == [h for h in hrefs if not (h or "").startswith("#") and h not in addresses]

    def test_sources_listed(self, data: Dataset) -> None:
        """Every source is a row of the sources table, its address a link."""
        page = read(export_html(data, day=DAY))
        assert [s.id for s in data.sources] == [row[0] for row in page.tables["sources-table"]]
        assert [s.url or "" for s in data.sources] == [row[4] for row in page.tables["sources-table"]]

    def test_empty_dataset(self) -> None:
        """A dataset with nothing in it gives a page that says so."""
        text = export_html(Dataset(), day=DAY).decode()
        assert "There are no agreements." in text
        assert "Nothing falls due and nothing is overdue." in text

    def test_template_is_in_the_package(self) -> None:
        """The template ships inside the package, where the wheel carries it."""
        template = importlib.resources.files("mou_tracker.exports").joinpath("templates", "report.html.j2")
        assert template.is_file()

    def test_write(self, data: Dataset, tmp_path: Path) -> None:
        """write() puts the same bytes in a file."""
        path = write(data, "html", tmp_path / "report.html", day=DAY)
        assert export_html(data, day=DAY) == path.read_bytes()


# Text that would be markup if it were not escaped, and text that looks escaped already.
HOSTILE = st.one_of(
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            "</td></tr></table><table>",
            "<b onmouseover='x'>bold</b>",
            '" onclick="x',
            "' autofocus='",
            "&amp; &lt; &#60; &",
            "<!-- comment -->",
            "<![CDATA[x]]>",
            "{{ lang }} {% raw %}",
            "<img src=x>",
            "</style><style>",
        ]
    ),
    st.text(alphabet="<>&\"'/=; abc", min_size=1, max_size=20),
    mts.texts(min_size=1),
)


def _hostile(dataset: Dataset, draw: st.DrawFn) -> Dataset:
    """``dataset`` with every title, short name, source title and publisher drawn from :data:`HOSTILE`."""
    agreements = tuple(
        attrs.evolve(a, title=Claimed.of(draw(HOSTILE)), short=draw(st.none() | HOSTILE)) for a in dataset
    )
    sources = tuple(attrs.evolve(s, title=draw(HOSTILE), publisher=draw(st.none() | HOSTILE)) for s in dataset.sources)
    return attrs.evolve(dataset, agreements=agreements, sources=sources)


def _plain(dataset: Dataset) -> Dataset:
    """``dataset`` with those texts replaced by a plain word."""
    agreements = tuple(attrs.evolve(a, title=Claimed.of("x"), short=None) for a in dataset)
    sources = tuple(attrs.evolve(s, title="x", publisher=None) for s in dataset.sources)
    return attrs.evolve(dataset, agreements=agreements, sources=sources)


class TestEscaping:
    @per_dataset
    @given(dataset=mts.datasets(min_agreements=1), day=mts.days(), data=st.data())
    def test_text_never_becomes_markup(self, dataset: Dataset, day: dt.date, data: st.DataObject) -> None:
        """Titles full of markup give the same elements as plain ones, and read back as they were."""
        hostile = _hostile(dataset, data.draw)
        page = read(export_html(hostile, day=day))
        assert read(export_html(_plain(dataset), day=day)).tags == page.tags
        assert named(hostile, status_report(hostile, day).rows) == rows(page.tables["status-table"])
        assert timeline_report(hostile).rows == rows(page.tables.get("timeline-table", []))
        assert [(s.title or s.notes or "", s.publisher or "") for s in hostile.sources] == [
            (row[1], row[2]) for row in page.tables["sources-table"]
        ]


def dump_dom(path: Path, profile: Path) -> str:
    """The DOM a headless Chromium builds from the file at ``path``, serialised."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        why = (
            "this test needs Chromium (/usr/bin/chromium, or chromium on the PATH); on Debian install it with "
            "`sudo apt-get update && sudo apt-get install -y chromium`"
        )
        if os.environ.get(REQUIRE_BROWSER_ENV):
            pytest.fail(f"{why} ({REQUIRE_BROWSER_ENV} is set, as .ci/run sets it)")
        pytest.skip(f"{why}; set {REQUIRE_BROWSER_ENV}=1 to make its absence a failure")
    command = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        "--dump-dom",
        path.resolve().as_uri(),
    ]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=180, check=False)
    assert 0 == done.returncode, done.stderr[-2000:]
    return done.stdout


class TestInBrowser:
    def test_chromium_reads_the_status_table(self, data: Dataset, tmp_path: Path) -> None:
        """A real browser's DOM of the written file holds the status report's rows, and no script."""
        path = write(data, "html", tmp_path / "report.html", day=DAY)
        page = read(dump_dom(path, tmp_path / "profile"))
        assert named(data, status_report(data, DAY).rows) == rows(page.tables["status-table"])
        assert ("html", (("lang", "en"),)) == page.tags[0]
        assert "script" not in {tag for tag, _ in page.tags}


class TestActions:
    def test_the_timeline_has_the_actions(self) -> None:
        """The report's timeline lists each party's action among the events, named by the party."""
        from mou_tracker.exports.html import export_html
        from tests.test_cli_participation import FIXTURE

        page = read(export_html(mou_tracker.loads(FIXTURE), day=dt.date(2026, 6, 1)))
        events = [(row[0], row[1], row[3]) for row in page.tables["timeline-table"]]
        assert [
            ("1982-12-10", "unclos", "signed"),
            ("1982-12-10", "unclos", "VN: signature"),
            ("1982-12-10", "unclos", "SG: signature"),
            ("1994-07-25", "unclos", "VN: ratification"),
            ("1994-11-16", "unclos", "in effect"),
            ("1994-11-17", "unclos", "SG: ratification"),
        ] == events[:6]
        assert ("2026-03", "example-agreement", "SG: accession") == events[-1]
        assert [["2026-12-31", "in 7 months", "example-agreement", "vn consent pending: In force for every party"]] == [
            row[:4] for row in page.tables["due-table"]
        ]
