"""The data as git recorded it: load(recorded_on=...), --recorded-on and mou-tracker history, on the scratch repository.

The repository (tests/scratch.py) holds the bundled data, then four edits,
one commit each, tagged c0 to c4, made on set dates: c3 on 2 March 2025 in
Ha Noi, which is 1 March in UTC.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import shlex
from pathlib import Path
from typing import Any

import pytest

from mou_tracker import MouTrackerError, UnknownName, loading
from mou_tracker.loading import load
from mou_tracker.records import plain_value
from tests import scratch
from tests.running import run
from tests.scratch import git

DATA = "data/agreements.yaml"


def written_out(repo: Path, revision: str, tmp_path: Path) -> Path:
    """The data file of ``revision``, written out of git into a file of its own."""
    path = tmp_path / f"{revision}.yaml"
    path.write_text(git(repo, "show", f"{revision}:{DATA}") + "\n", encoding="utf-8")
    return path


class TestLoad:
    @pytest.mark.parametrize("revision", ["c0", "c1", "c2", "c3", "c4"])
    def test_a_revision(self, repo: Path, tmp_path: Path, revision: str) -> None:
        """recorded_on a revision gives the dataset of that revision's file."""
        expected = load(written_out(repo, revision, tmp_path), cache=False)
        assert expected == load(repo / DATA, recorded_on=revision)

    @pytest.mark.parametrize(
        ("day", "revision"),
        [
            ("2025-01-10", "c0"),
            ("2025-02-02", "c0"),
            ("2025-02-03", "c1"),
            ("2025-02-28", "c1"),
            ("2025-03-01", "c3"),  # c3 was made on 2 March in Ha Noi: still 1 March in UTC
            ("2025-03-02", "c3"),
            ("2025-04-14", "c3"),
            ("2030-01-01", "c4"),
            (_dt.date(2025, 2, 3), "c1"),
            (_dt.datetime(2025, 3, 1, 7, 59, 59, tzinfo=_dt.UTC), "c1"),
            (_dt.datetime(2025, 3, 1, 8, 0), "c2"),  # naive: UTC
        ],
    )
    def test_a_day(self, repo: Path, tmp_path: Path, day: str | _dt.date, revision: str) -> None:
        """A day stands for the last commit whose committer date is on or before its end in UTC."""
        expected = load(written_out(repo, revision, tmp_path), cache=False)
        assert expected == load(repo / DATA, recorded_on=day)

    def test_a_directory(self, repo: Path, tmp_path: Path) -> None:
        """A directory of the revision is read as load reads one on disk."""
        expected = load(written_out(repo, "c2", tmp_path), cache=False)
        assert expected == load(repo / "data", recorded_on="c2")

    def test_the_bundled_data(self, repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """With no path, the bundled data's path, in the repository that holds it."""
        monkeypatch.setattr(loading, "bundled_path", lambda: repo / DATA)
        assert load(written_out(repo, "c1", tmp_path), cache=False) == load(recorded_on="c1")

    def test_nothing_written(self, repo: Path) -> None:
        """Reading a revision leaves the working copy and the repository as they were."""
        before = (git(repo, "status", "--porcelain"), git(repo, "rev-parse", "HEAD"), (repo / DATA).read_bytes())
        load(repo / DATA, recorded_on="c0")
        assert before == (
            git(repo, "status", "--porcelain"),
            git(repo, "rev-parse", "HEAD"),
            (repo / DATA).read_bytes(),
        )

    @pytest.mark.parametrize(
        ("path", "when", "message"),
        [
            (DATA, "2025-01-09", "no commit of the git repository at {root} is dated on or before 2025-01-09 (UTC)"),
            (DATA, "no-such-tag", "unknown git revision 'no-such-tag' in the repository at {root}"),
            ("data/other.yaml", "c1", "'data/other.yaml' is not in the git revision 'c1'"),
            (
                "data/other.yaml",
                "2025-02-10",
                "'data/other.yaml' is not in commit {c1}, the last on or before 2025-02-10 (UTC)",
            ),
            (DATA, "2025-02", "expected a git revision or a full date, YYYY-MM-DD, found '2025-02'"),
            (DATA, "2025-02-30", "'2025-02-30' is not a day of the calendar; expected a date, YYYY-MM-DD"),
            (DATA, "--output=x", "expected a git revision or a date, YYYY-MM-DD, found '--output=x'"),
            (DATA, " ", "expected a git revision or a date, YYYY-MM-DD, found ' '"),
        ],
    )
    def test_errors(self, repo: Path, path: str, when: str, message: str) -> None:
        """No commit on or before the day, an unknown revision, a path not in it, a value that is no day: said so."""
        expected = message.format(root=repo, c1=git(repo, "rev-parse", "c1")[:7])
        with pytest.raises(MouTrackerError) as caught:
            load(repo / path, recorded_on=when)
        assert expected == str(caught.value)

    def test_outside_a_repository(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A path in no git repository has no recorded versions."""
        monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
        data = tmp_path / "a.yaml"
        data.write_text("schema_version: 1\n", encoding="utf-8")
        with pytest.raises(MouTrackerError) as caught:
            load(data, recorded_on="HEAD")
        assert f"{data} is not in a git repository, so it has no recorded versions" == str(caught.value)

    def test_without_git(self, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without git on PATH, a recorded version is a clear error."""
        monkeypatch.setenv("PATH", str(repo / "no-bin"))
        with pytest.raises(MouTrackerError) as caught:
            load(repo / DATA, recorded_on="c0")
        assert "git is not installed, or not on PATH: the recorded versions of the data are read through it" == str(
            caught.value
        )

    def test_problems_located_in_the_revision(self, tmp_path: Path) -> None:
        """A revision's data with problems is a DataError located in REV:PATH."""
        repo = scratch.build(tmp_path / "repo")
        (repo / DATA).write_text("schema_version: 1\nagreements: 3\n", encoding="utf-8")
        git(repo, "commit", "-q", "-am", "broken", when="2025-05-01T00:00:00+00:00")
        with pytest.raises(loading.DataError) as caught:
            load(repo / DATA, recorded_on="HEAD")
        assert str(caught.value.problems[0]).startswith(f"HEAD:{DATA}:2:")
        with pytest.raises(loading.DataError) as caught:
            load(repo / DATA, recorded_on="2025-05-01")
        assert str(caught.value.problems[0]).startswith(f"{git(repo, 'rev-parse', 'HEAD')[:7]}:{DATA}:2:")


# Every query command, with what it needs to run; each gives with --recorded-on what the revision's file gives.
QUERIES = [
    ["status"],
    ["list"],
    ["search", "green"],
    ["show", "gedep"],
    ["show", "itx"],
    ["report"],
    ["areas"],
    ["parties"],
    ["timeline"],
    ["due"],
    ["changes", "--since", "2020"],
    ["chain", "cfa-upgrade"],
    ["participation", "rcep"],
    ["bound", "SG", "VN"],
    ["actions"],
]


class TestRecordedOn:
    @pytest.fixture
    def here(self, repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        monkeypatch.chdir(repo)
        return repo

    @pytest.mark.parametrize("words", QUERIES, ids=" ".join)
    def test_every_query_command(self, here: Path, tmp_path: Path, words: list[str]) -> None:
        """Each query command gives, with --recorded-on REV, what it gives on the revision's file written out."""
        old = str(written_out(here, "c0", tmp_path))
        shared = ["--as-of", "2026-01-01", "--format", "json"]
        expected = run(*words, "--data", old, *shared)
        assert 0 == expected[0]
        assert expected == run(*words, "--data", DATA, "--recorded-on", "c0", *shared)

    @pytest.mark.parametrize(
        ("words", "day", "revision"),
        [
            (["show", "gedep"], "2025-02-10", "c1"),
            (["show", "cfa"], "2025-03-01", "c3"),
            (["list"], "2025-03-01", "c3"),
            (["changes", "--since", "2023"], "2025-02-28", "c1"),
        ],
    )
    def test_by_day(self, here: Path, tmp_path: Path, words: list[str], day: str, revision: str) -> None:
        """--recorded-on DATE gives what the last commit on or before that day gives, before the command or after."""
        old = str(written_out(here, revision, tmp_path))
        shared = ["--as-of", "2026-01-01", "--format", "json"]
        expected = run(*words, "--data", old, *shared)
        assert 0 == expected[0]
        assert expected == run(*words, "--recorded-on", day, *shared)  # --data from $MOU_TRACKER_DATA
        assert expected == run("--recorded-on", day, *words, "--data", DATA, *shared)

    @pytest.fixture(autouse=True)
    def _data(self, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.setenv("MOU_TRACKER_DATA", DATA)

    def test_not_the_store(self, here: Path) -> None:
        """A store of the working copy, fresh, is not used for an old revision: its record is the revision's."""
        now = json.loads(run("show", "gedep", "--format", "json")[1])  # writes the store, then reads it
        assert now == json.loads(run("show", "gedep", "--format", "json")[1])
        then = json.loads(run("show", "gedep", "--recorded-on", "c0", "--format", "json")[1])
        assert [False, True] == [bool(claim["preferred"]) for claim in now["title"]]
        assert [True, False] == [bool(claim["preferred"]) for claim in then["title"]]
        assert 2 == run("show", "connectivity-framework", "--recorded-on", "c3")[0]

    def test_validate(self, here: Path) -> None:
        """validate --recorded-on checks the revision's data, and says so."""
        code, out, err = run("validate", "--recorded-on", "c2")
        assert (0, "") == (code, err)
        assert out.startswith(f"{DATA} as recorded on c2: ok (")

    def test_export(self, here: Path, tmp_path: Path) -> None:
        """export --recorded-on writes the revision's data."""
        old = str(written_out(here, "c1", tmp_path))
        expected = run("export", "--format", "json", "--data", old)
        assert expected == run("export", "--format", "json", "--recorded-on", "c1")

    @pytest.mark.parametrize(
        ("words", "message"),
        [
            (["list", "--recorded-on", "nope"], "unknown git revision 'nope' in the repository at {root}"),
            (["--recorded-on", "", "list"], "--recorded-on needs a value, found an empty one"),
            (["show", "gedep", "--recorded-on", "2024-12-31"], "no commit of the git repository at {root} is dated "
             "on or before 2024-12-31 (UTC)"),
            (["status", "--recorded-on", "2025-13-01"], "'2025-13-01' is not a day of the calendar; expected a date, "
             "YYYY-MM-DD"),
            (["--data", "data/none.yaml", "list", "--recorded-on", "c1"], "'data/none.yaml' is not in the git "
             "revision 'c1'"),
            (["export", "--format", "json", "--recorded-on", "nope"], "unknown git revision 'nope' in the "
             "repository at {root}"),
            (["diff", "--git", "c0", "--recorded-on", "c1"], "diff reads a revision with --git REV[:PATH]; "
             "--recorded-on is for the other commands"),
        ],
    )  # fmt: skip
    def test_bad_values(self, here: Path, words: list[str], message: str) -> None:
        """A value that names no commit, or no data in it, is a clear error: exit 2, no traceback."""
        assert (2, "", f"mou-tracker: error: {message.format(root=here)}\n") == run(*words)


def added(repo: Path, tmp_path: Path, ident: str) -> Any:
    """The record ``ident`` of c0, as the JSON of a change gives a record added."""
    return json.loads(json.dumps(plain_value(load(written_out(repo, "c0", tmp_path), cache=False)[ident])))


def commit(repo: Path, tag: str, ident: str, changes: list[dict[str, Any]]) -> dict[str, Any]:
    sha = git(repo, "rev-parse", f"{tag}^{{commit}}")
    return {
        "commit": sha,
        "short": git(repo, "rev-parse", "--short", sha),
        "date": _dt.datetime.fromisoformat(scratch.DATES[int(tag[1:])])
        .astimezone(_dt.UTC)
        .isoformat()
        .replace("+00:00", "Z"),
        "subject": git(repo, "show", "-s", "--format=%s", sha),
        "id": ident,
        "problem": None,
        "changes": changes,
    }


def change(kind: str, ident: str, path: str, old: Any, new: Any, *, destructive: bool = False) -> dict[str, Any]:
    return {
        "kind": kind,
        "collection": "agreements",
        "id": ident,
        "path": path,
        "old": old,
        "new": new,
        "destructive": destructive,
    }


class TestHistory:
    @pytest.fixture(autouse=True)
    def here(self, repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        monkeypatch.chdir(repo)
        monkeypatch.setenv("MOU_TRACKER_DATA", DATA)
        return repo

    def history(self, *words: str) -> Any:
        code, out, err = run("history", *words, "--format", "json")
        assert (0, "") == (code, err)
        return json.loads(out)

    def test_json(self, here: Path, tmp_path: Path) -> None:
        """Each commit that changed the record, newest first, with what it changed in it: the documented JSON."""
        assert {
            "id": "gedep",
            "path": DATA,
            "from": "HEAD",
            "commits": [
                commit(here, "c2", "gedep", [change(
                    "preferred_changed", "gedep", "title",
                    "Green Economy – Digital Economy Partnership", "Green-Digital Economic Partnership",
                )]),
                commit(here, "c1", "gedep", [
                    change("date_refined", "gedep", "history[0].date", "2023-02", "2023-02-14"),
                ]),
                commit(here, "c0", "gedep", [change("added", "gedep", "", None, added(here, tmp_path, "gedep"))]),
            ],
        } == self.history("gedep")  # fmt: skip

    def test_a_dropped_source(self, here: Path) -> None:
        """A source no longer cited is a destructive change of the commit that dropped it."""
        found = self.history("itx")["commits"]
        assert ["c3", "c0"] == [git(here, "describe", "--tags", c["commit"]) for c in found]
        assert [change("removed", "itx", "sources[2]", "vna-2025-03-25", None, destructive=True)] == found[0]["changes"]

    @pytest.mark.parametrize("name", ["connectivity-framework", "cfa"])
    def test_a_rename_followed(self, here: Path, name: str) -> None:
        """A rename is followed: the commits before it show the record under its earlier id, asked by either id."""
        found = self.history(name)
        assert "connectivity-framework" == found["id"]
        assert [("c4", "connectivity-framework"), ("c0", "cfa")] == [
            (git(here, "describe", "--tags", c["commit"]), c["id"]) for c in found["commits"]
        ]
        assert [change("renamed", "cfa", "id", "cfa", "connectivity-framework")] == found["commits"][0]["changes"]
        assert ["added"] == [c["kind"] for c in found["commits"][1]["changes"]]

    def test_by_name(self) -> None:
        """A name the newest data gives the agreement stands for its id."""
        assert "gedep" == self.history("green economy")["id"]

    @pytest.mark.parametrize(("start", "tags"), [("c1", ["c1", "c0"]), ("2025-02-28", ["c1", "c0"]), ("c0", ["c0"])])
    def test_from_a_revision(self, here: Path, start: str, tags: list[str]) -> None:
        """--recorded-on is where the history starts, going back."""
        found = self.history("gedep", "--recorded-on", start)
        expected = start if start.startswith("c") else git(here, "rev-parse", "c1")[:7]
        assert expected == found["from"]
        assert tags == [git(here, "describe", "--tags", c["commit"]) for c in found["commits"]]

    def test_csv(self, here: Path) -> None:
        """CSV has a row a change, each with its commit's short hash, date and subject."""
        _, out, _ = run("history", "cfa", "--format", "csv")
        short = git(here, "rev-parse", "--short", "c4")
        assert [
            "commit,date,subject,change,field,old,new",
            f"{short},2025-04-15,cfa renamed,renamed,id,cfa,connectivity-framework",
        ] == out.splitlines()[:2]

    @pytest.mark.parametrize(
        ("words", "message"),
        [
            (["nothing-here"], "no agreement has the id or name 'nothing-here'. To look for it by its words: "
             "mou-tracker search WORDS"),
            (["gedep", "--data", "data/none.yaml"], "'data/none.yaml' is not in the git revision 'HEAD'"),
            (["gedep", "--recorded-on", "2024-01-01"], "no commit of the git repository at {root} is dated on or "
             "before 2024-01-01 (UTC)"),
            (["gedep", "--format", "yaml"], "unknown format 'yaml'; choose one of "),
        ],
    )  # fmt: skip
    def test_errors(self, here: Path, words: list[str], message: str) -> None:
        """An agreement no commit holds, a path not in the revision, no commit on the day: exit 2, no traceback."""
        code, out, err = run("history", *words)
        assert (2, "") == (code, out)
        assert err.startswith(f"mou-tracker: error: {message.format(root=here)}")

    def test_an_unreadable_commit(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A commit whose data does not load is listed with its problem; the next is compared with the one before."""
        repo = scratch.build(tmp_path / "repo")
        monkeypatch.chdir(repo)
        data = repo / DATA
        good = data.read_text(encoding="utf-8")
        data.write_text(good.replace("id: gedep\n", "id: gedep\n    shrot: x\n", 1), encoding="utf-8")
        git(repo, "commit", "-q", "-am", "a typo", when="2025-05-01T00:00:00+00:00")
        data.write_text(good.replace("      - date: 2023-02-14\n", "      - date: 2023-02-15\n"), encoding="utf-8")
        git(repo, "commit", "-q", "-am", "gedep on the 15th", when="2025-05-02T00:00:00+00:00")
        found = self.history("gedep")["commits"]
        assert ["gedep on the 15th", "a typo", *(s for s, *_ in reversed(scratch.EDITS[:2])), "the bundled data"] == [
            c["subject"] for c in found
        ]
        assert [
            change("date_contradicted", "gedep", "history[0].date", "2023-02-14", "2023-02-15", destructive=True)
        ] == found[0]["changes"]
        assert ([], True) == (found[1]["changes"], found[1]["problem"].startswith(f"{found[1]['short']}:{DATA}:"))
        assert "unknown key 'shrot'" in found[1]["problem"]


class TestLibrary:
    def test_history(self, repo: Path) -> None:
        """The library's history gives the commits as the command does, and an unknown id is an UnknownName."""
        from mou_tracker._history import history

        found = history("itx", repo / DATA)
        assert ["itx no longer cites vna-2025-03-25", "the bundled data"] == [r.commit.subject for r in found.revisions]
        assert _dt.datetime(2025, 3, 1, 22, tzinfo=_dt.UTC) == found.revisions[0].commit.date
        with pytest.raises(UnknownName):
            history("nothing-here", repo / DATA)


def normalized(text: str) -> str:
    """``text`` with every short commit hash made the same, so that the guide's hashes are not its content."""
    return re.sub(r"\b[0-9a-f]{7,12}\b", "0000000", text)


GUIDE = Path(__file__).resolve().parent.parent / "docs" / "curating.md"


class TestGuide:
    """The commands the guide to curating a dataset in git runs in the scratch repository, and what they print."""

    def test_the_examples(self, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Each ```text block that runs mou-tracker shows what it prints in the scratch repository, c0 and c4
        tagged v1.0 and v1.1."""
        for name, tag in (("refs/tags/v1.0", "c0"), ("refs/tags/v1.1", "c4")):
            git(repo, "update-ref", name, git(repo, "rev-parse", f"{tag}^{{commit}}"))
        monkeypatch.chdir(repo)
        blocks = [
            b for b in re.findall(r"```text\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.S)
            if b.startswith("$ mou-tracker ")
        ]  # fmt: skip
        assert 5 <= len(blocks)
        for block in blocks:
            command, _, shown = block.partition("\n")
            _, out, err = run(*shlex.split(command)[2:])
            assert normalized(shown) == normalized(out + err), command
