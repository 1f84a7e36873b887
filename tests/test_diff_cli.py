"""mou-tracker diff: two files or directories, or revisions of the scratch git repository (tests/scratch.py)."""

from __future__ import annotations

import io
import json
import re
import shlex
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml

from mou_tracker import cli
from tests.scratch import git

EXAMPLES = Path(__file__).resolve().parent.parent / "docs" / "examples" / "diff"


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(argv, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def changes_of(output: str) -> list[tuple[Any, ...]]:
    return [tuple(c.values()) for c in json.loads(output)["changes"]]


REFINED = ("date_refined", "agreements", "gedep", "history[0].date", "2023-02", "2023-02-14", False)
PREFERRED = (
    "preferred_changed", "agreements", "gedep", "title",
    "Green Economy – Digital Economy Partnership", "Green-Digital Economic Partnership", False,
)  # fmt: skip
DROPPED = ("removed", "agreements", "itx", "sources[2]", "vna-2025-03-25", None, True)
RENAMED = ("renamed", "agreements", "cfa", "id", "cfa", "connectivity-framework", False)


class TestGit:
    @pytest.mark.parametrize(
        ("old", "new", "expected"),
        [
            ("c0", "c1", [REFINED]),
            ("c1", "c2", [PREFERRED]),
            ("c2", "c3", [DROPPED]),
            ("c3", "c4", [RENAMED]),
            ("c0", "c4", [RENAMED, PREFERRED, REFINED, DROPPED]),
        ],
    )
    def test_each_edit(
        self, repo: Path, monkeypatch: pytest.MonkeyPatch, old: str, new: str, expected: list[tuple[Any, ...]]
    ) -> None:
        """Between two commits, diff --git gives each edit as its kind of change, in the JSON contract."""
        monkeypatch.chdir(repo)
        code, out, err = run(["--data", "data/agreements.yaml", "diff", "--git", old, "--git", new, "--format", "json"])
        assert (0, "") == (code, err)
        assert expected == changes_of(out)
        assert {"old": old, "new": new}.items() <= json.loads(out).items()

    def test_the_counts(self, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """The JSON counts every kind of change, and the destructive ones."""
        monkeypatch.chdir(repo)
        found = json.loads(run(["diff", "--git", "c0:data/agreements.yaml", "--git", "c4:data", "--format", "json"])[1])
        expected = {"added": 0, "removed": 1, "changed": 0, "renamed": 1, "date_refined": 1, "date_widened": 0,
                    "date_contradicted": 0, "preferred_changed": 1}  # fmt: skip
        assert (expected, 1) == (found["counts"], found["destructive"])

    def test_one_revision_against_the_working_copy(self, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """--git REV once compares the revision of --data's path with the file on disk."""
        monkeypatch.chdir(repo / "data")
        code, out, _ = run(["--data", "agreements.yaml", "diff", "--git", "c3", "--format", "json"])
        assert (0, [RENAMED]) == (code, changes_of(out))

    def test_a_revision_against_a_path(self, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """--git REV:PATH and a directory on disk: the directory's files are one dataset."""
        monkeypatch.chdir(repo)
        code, out, _ = run(["diff", "--git", "c2:data", "data", "--format", "json"])
        assert (0, [RENAMED, DROPPED]) == (code, changes_of(out))

    @pytest.mark.parametrize(
        ("words", "message"),
        [
            (["--git", "no-such-tag"], "mou-tracker: error: unknown git revision 'no-such-tag'\n"),
            (["--git", "c1:nowhere.yaml"], "mou-tracker: error: 'nowhere.yaml' is not in the git revision 'c1'\n"),
            (
                ["--git=--output=x"],
                "mou-tracker: error: --git needs a revision, such as HEAD or v1.0, found '--output=x'\n",
            ),
        ],
    )
    def test_bad_revisions(self, repo: Path, monkeypatch: pytest.MonkeyPatch, words: list[str], message: str) -> None:
        """A revision or path git does not have is a clear error, exit 2, no traceback."""
        monkeypatch.chdir(repo)
        assert (2, "", message) == run(["--data", "data/agreements.yaml", "diff", *words])

    def test_without_git(self, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without git on PATH, --git is a clear error, exit 2."""
        monkeypatch.chdir(repo)
        monkeypatch.setenv("PATH", str(repo / "no-bin"))
        code, out, err = run(["--data", "data/agreements.yaml", "diff", "--git", "c0"])
        assert (2, "") == (code, out)
        assert "mou-tracker: error: git is not installed, or not on PATH: --git reads the data through it\n" == err

    def test_outside_a_repository(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """--git outside a repository says so, exit 2."""
        monkeypatch.chdir(tmp_path)
        monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
        code, _, err = run(["diff", "--git", "HEAD", str(EXAMPLES / "release-1.yaml")])
        assert 2 == code
        assert err.startswith("mou-tracker: error: --git needs a git repository: ")

    def test_data_file_with_problems_in_a_revision(self, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A revision's data with problems is reported located in REV:PATH, exit 2."""
        monkeypatch.chdir(repo)
        broken = repo / "broken"
        broken.mkdir(exist_ok=True)
        (broken / "a.yaml").write_text("schema_version: 1\nagreements: 3\n", encoding="utf-8")
        git(repo, "add", "broken")
        git(repo, "commit", "-q", "-m", "broken")
        try:
            code, _, err = run(["diff", "--git", "HEAD:broken", "--git", "c0:data"])
        finally:
            git(repo, "reset", "-q", "--hard", "c4")
        assert 2 == code
        assert err.startswith("HEAD:broken/a.yaml:2:")


class TestOptions:
    SIDES: ClassVar[list[str]] = [str(EXAMPLES / "release-1.yaml"), str(EXAMPLES / "release-2.yaml")]

    @pytest.mark.parametrize(
        ("fail_on", "expected"),
        [("destructive", 1), ("date_contradicted", 1), ("renamed,added", 1), ("DATE_WIDENED", 0), ("changed", 0)],
    )
    def test_fail_on(self, fail_on: str, expected: int) -> None:
        """--fail-on exits 1 when a change of a kind it names is found, 0 otherwise."""
        assert expected == run(["diff", *self.SIDES, "--fail-on", fail_on, "--format", "json"])[0]

    def test_fail_on_nothing_changed(self) -> None:
        """No change, no failure."""
        assert 0 == run(["diff", self.SIDES[0], self.SIDES[0], "--fail-on", "destructive"])[0]

    def test_unknown_kind(self) -> None:
        """An unknown kind for --fail-on is an error before any data is read."""
        code, out, err = run(["diff", "nowhere.yaml", "nowhere.yaml", "--fail-on", "deleted"])
        assert (2, "") == (code, out)
        assert err.startswith("mou-tracker: error: unknown kind of change 'deleted' for --fail-on; choose destructive")

    @pytest.mark.parametrize("sides", [[], ["a.yaml"], ["a.yaml", "b.yaml", "c.yaml"]])
    def test_two_sides(self, sides: list[str]) -> None:
        """diff needs exactly two sides."""
        code, _, err = run(["diff", *sides])
        assert 2 == code
        assert f"two sides, OLD and NEW (two paths, --git REV and a path, or --git twice); found {len(sides)}\n" in err

    def test_markdown(self) -> None:
        """--format markdown lists the changes under a heading per collection, destructive ones marked."""
        code, out, _ = run(["diff", *self.SIDES, "--format", "markdown"])
        assert 0 == code
        assert out.startswith(f"## Changes from `{self.SIDES[0]}` to `{self.SIDES[1]}`\n\n### Agreements\n\n")
        assert "- `green-mou`: `history[0].date` contradicted: `2025-10-28` → `2025-11-02` **(destructive)**\n" in out
        assert out.endswith("### Sources\n\n- `s2`: renamed to `statement-2025-11-03`\n")

    def test_markdown_code_spans(self) -> None:
        """A value holding backticks keeps them inside its code span."""
        from mou_tracker.reports.diffs import _code

        assert "``a`b``" == _code("a`b")
        assert "`` `x` ``" == _code("`x`")

    def test_csv(self) -> None:
        """CSV has the table's columns, values whole."""
        _, out, _ = run(["diff", *self.SIDES, "--format", "csv"])
        assert "change,record,field,old,new" == out.splitlines()[0]
        assert "contradicted !,green-mou,history[0].date,2025-10-28,2025-11-02" in out.splitlines()


DOCS = Path(__file__).resolve().parent.parent / "docs"


def fenced(page: str, language: str, marker: str) -> str:
    """The body of the first ``language`` block of ``page`` that holds ``marker``."""
    text = (DOCS / page).read_text(encoding="utf-8")
    found = [b for b in re.findall(rf"```{language}[^\n]*\n(.*?)```", text, flags=re.S) if marker in b]
    assert found, (page, marker)
    return str(found[0])


class TestDocumentedCommands:
    """The commands docs/cli.md and docs/integrations.md show, run in the scratch repository."""

    @pytest.fixture
    def refs(self, repo: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        """Releases v1.0 (c0) and v1.1 (c4), a main branch at c2 fetched from origin, and the data of c4 on disk."""
        for name, commit in (("refs/tags/v1.0", "c0"), ("refs/tags/v1.1", "c4"), ("refs/remotes/origin/main", "c2")):
            git(repo, "update-ref", name, git(repo, "rev-parse", f"{commit}^{{commit}}"))
        monkeypatch.chdir(repo)
        return repo

    def test_a_side_from_git(self, refs: Path) -> None:
        """The three commands of 'A side from git': nothing since HEAD, the release's changes, a destructive one."""
        lines = fenced("cli.md", "text", "diff --git HEAD").strip().splitlines()
        results = [run([*shlex.split(line)[1:], "--format", "json"]) for line in lines]
        assert [0, 0, 1] == [code for code, _, _ in results]
        assert [[], [RENAMED, PREFERRED, REFINED, DROPPED], [RENAMED, DROPPED]] == [
            changes_of(out) for _, out, _ in results
        ]

    def test_the_pre_commit_hook(self, refs: Path) -> None:
        """The hook passes a commit that makes a date more precise, and fails one that drops a source."""
        config = yaml.safe_load(fenced("integrations.md", "yaml", "diff --git HEAD"))
        entry = shlex.split(config["repos"][0]["hooks"][0]["entry"])
        data = refs / "data" / "agreements.yaml"
        text = data.read_text(encoding="utf-8")
        try:
            data.write_text(text.replace("      - date: 2025-10\n", "      - date: 2025-10-28\n"), "utf-8")
            code, out, _ = run(entry[1:])
            assert (0, ["refined"]) == (code, [line.split()[0] for line in out.splitlines()[4:-5]])
            data.write_text(text.replace("[report-2023-08-28, csp-2025-03-12-vi]\n", "[report-2023-08-28]\n"), "utf-8")
            assert 1 == run(entry[1:])[0]
        finally:
            data.write_text(text, encoding="utf-8")

    def test_the_workflow(self, refs: Path) -> None:
        """The workflow's step, on a pull request into main, writes the Markdown and fails on the dropped source."""
        workflow = yaml.safe_load(fenced("integrations.md", "yaml", "data-changes"))
        step = next(s["run"] for s in workflow["jobs"]["diff"]["steps"] if "diff" in s.get("run", ""))
        command, _, summary = step.replace("${{ github.base_ref }}", "main").partition(">>")
        assert '"$GITHUB_STEP_SUMMARY"' == summary.strip()
        code, out, _ = run(shlex.split(command)[1:])
        assert 1 == code
        assert "- `itx`: `sources[2]` removed: `vna-2025-03-25` **(destructive)**" in out.splitlines()
