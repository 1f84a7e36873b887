"""The pre-commit hook that .pre-commit-hooks.yaml defines for repositories of curated agreements."""

from __future__ import annotations

import re
import shlex
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.running import run

ROOT = Path(__file__).resolve().parent.parent
HOOK_ID = "mou-tracker-validate"
# What pre-commit's manifest schema requires of every hook, and the languages it knows.
REQUIRED = {"id", "name", "entry", "language"}
LANGUAGES = {
    "conda", "coursier", "dart", "docker", "docker_image", "dotnet", "fail", "golang", "haskell", "julia", "lua",
    "node", "perl", "pygrep", "python", "r", "ruby", "rust", "script", "swift", "system", "unsupported",
    "unsupported_script",
}  # fmt: skip


@pytest.fixture(scope="module")
def hook() -> dict[str, Any]:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    found: dict[str, Any] = next(h for h in hooks if h["id"] == HOOK_ID)
    return found


def selected(hook: dict[str, Any], path: str) -> bool:
    """Whether pre-commit would pass ``path`` to the hook, by its ``files`` and ``exclude`` patterns."""
    return bool(re.search(hook["files"], path)) and not re.search(hook.get("exclude", "^$"), path)


class TestManifest:
    def test_every_hook_has_what_pre_commit_requires(self) -> None:
        """The file is a list of hooks, each with an id, name, entry and a language pre-commit knows."""
        hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
        assert isinstance(hooks, list)
        assert [] == [h for h in hooks if not REQUIRED <= set(h)]
        assert [] == [h["id"] for h in hooks if h["language"] not in LANGUAGES]

    def test_entry_is_the_console_script(self, hook: dict[str, Any]) -> None:
        """The hook runs the console script pyproject.toml declares, installed by language: python."""
        scripts = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["scripts"]
        program, *arguments = shlex.split(hook["entry"])
        assert ("mou_tracker.cli:main_entry", ["validate"]) == (scripts.get(program), arguments)
        assert "python" == hook["language"]

    def test_passes_the_changed_files(self, hook: dict[str, Any]) -> None:
        """The hook is given the changed YAML files' names, and only those."""
        assert (True, ["yaml"]) == (hook["pass_filenames"], hook["types"])
        assert [True, True, True] == [selected(hook, p) for p in ("agreements.yaml", "data/vn/sg.yml", "a.b.yaml")]
        assert [False, False] == [selected(hook, p) for p in ("README.md", "data/agreements.yaml.bak")]

    def test_hidden_files_are_not_data(self, hook: dict[str, Any]) -> None:
        """YAML in hidden files and folders (CI workflows, pre-commit's own config) is left alone."""
        hidden = (".pre-commit-config.yaml", ".github/workflows/ci.yml", "data/.draft.yaml")
        assert [False, False, False] == [selected(hook, p) for p in hidden]


class TestRunningTheEntry:
    @pytest.fixture
    def files(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
        """A repository's work tree with a good and a broken data file, as the current directory."""
        data = tmp_path / "data"
        data.mkdir()
        shutil.copy(ROOT / "data" / "agreements.yaml", data / "agreements.yaml")
        shutil.copy(ROOT / "docs" / "examples" / "broken.yaml", data / "broken.yaml")
        monkeypatch.chdir(tmp_path)
        return data

    def argv(self, hook: dict[str, Any], *names: str) -> list[str]:
        """The command line pre-commit runs: the entry's words after the program, then the file names."""
        return [*shlex.split(hook["entry"])[1:], *names]

    def test_good_files_pass(self, hook: dict[str, Any], files: Path) -> None:
        """Good files (the same one twice, as a batch may name it) are exit 0, one line each on stdout."""
        code, out, err = run(*self.argv(hook, "data/agreements.yaml", "data/agreements.yaml"))
        assert (0, "") == (code, err)
        assert ["data/agreements.yaml: ok"] * 2 == [line.split(" (")[0] for line in out.splitlines()]

    def test_a_broken_file_fails_with_located_problems(self, hook: dict[str, Any], files: Path) -> None:
        """A broken file among good ones is exit 2, each problem located by file, line and column."""
        code, out, err = run(*self.argv(hook, "data/agreements.yaml", "data/broken.yaml"))
        assert 2 == code
        assert out.startswith("data/agreements.yaml: ok")
        lines = err.splitlines()
        assert "data/broken.yaml: 6 problems" == lines[-1]
        assert [] == [line for line in lines[:-1] if not re.match(r"data/broken\.yaml:\d+:\d+: \$\.", line)]
        assert "data/broken.yaml:19:5: $.agreements[0].shrot: unknown key 'shrot'; did you mean 'short'?" in lines

    def test_a_missing_file_fails(self, hook: dict[str, Any], files: Path) -> None:
        """A file removed after pre-commit listed it is a located problem, not a traceback."""
        code, _, err = run(*self.argv(hook, "data/gone.yaml"))
        assert 2 == code
        first, last = err.splitlines()
        assert ("data/gone.yaml: 1 problem", True) == (last, first.startswith("data/gone.yaml: "))
        assert "cannot read the file" in err
        assert "Traceback" not in err


class TestTheLayoutHook:
    @pytest.fixture
    def fmt_hook(self) -> dict[str, Any]:
        hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
        found: dict[str, Any] = next(h for h in hooks if h["id"] == "mou-tracker-fmt")
        return found

    def test_selects_the_files_the_validate_hook_does(self, hook: dict[str, Any], fmt_hook: dict[str, Any]) -> None:
        """The layout hook is given the same files as the validate hook, and runs fmt --check on them."""
        assert [hook[k] for k in ("files", "exclude", "types", "pass_filenames", "language")] == [
            fmt_hook[k] for k in ("files", "exclude", "types", "pass_filenames", "language")
        ]
        assert ["mou-tracker", "fmt", "--check"] == shlex.split(fmt_hook["entry"])

    def test_fails_listing_a_file_out_of_layout(
        self, fmt_hook: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A file in the canonical layout passes; one out of it fails the hook, named, and is left as it is."""
        shutil.copytree(ROOT / "docs" / "examples" / "curated", tmp_path / "data")
        monkeypatch.chdir(tmp_path)
        before = (tmp_path / "data" / "unformatted.yaml").read_bytes()
        argv = shlex.split(fmt_hook["entry"])[1:]
        assert (0, "", "") == run(*argv, "data/agreements.yaml")
        assert (1, "would reformat data/unformatted.yaml\n", "") == run(
            *argv, "data/agreements.yaml", "data/unformatted.yaml"
        )
        assert before == (tmp_path / "data" / "unformatted.yaml").read_bytes()
