"""The documentation site: its configuration, the generated CLI reference, the changelog, a test for every example."""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import attrs
import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
PAGES = ["README.md", *sorted(str(p.relative_to(ROOT)) for p in DOCS.glob("*.md"))]


def hook(name: str) -> ModuleType:
    """A module of docs/hooks/, imported from its file as MkDocs imports it."""
    spec = importlib.util.spec_from_file_location(name, DOCS / "hooks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def helps_at(columns: int, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Each command's --help as the parser formats it with $COLUMNS set, by command line."""
    from mou_tracker import cli

    monkeypatch.setenv("COLUMNS", str(columns))
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {"mou-tracker": parser.format_help()} | {
        f"mou-tracker {name}": command.format_help() for name, command in sub.choices.items()
    }


class TestCliReference:
    def test_the_page_ends_with_the_marker(self) -> None:
        """docs/cli.md holds the marker once, as the last line, under its own heading."""
        page = (DOCS / "cli.md").read_text(encoding="utf-8")
        marker = hook("cli_reference").MARKER
        assert 1 == page.count(marker)
        assert page.rstrip().endswith(marker)
        assert "## Every command's help" == re.findall(r"^## .*$", page, flags=re.M)[-1]

    def test_every_commands_help_is_on_the_page(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The hook puts each command's --help, at 80 columns, in its own heading and text block."""
        page = hook("cli_reference").cli_reference((DOCS / "cli.md").read_text(encoding="utf-8"))
        helps = helps_at(80, monkeypatch)
        assert {"mou-tracker", "mou-tracker list", "mou-tracker validate"} <= set(helps)
        for command, text in helps.items():
            assert f"### `{command}`\n\n```text\n{text.rstrip()}\n```\n" in page, command

    def test_a_new_option_reaches_the_page(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """An option added to the parser shows up in the reference with no edit to the page."""
        from mou_tracker import cli

        build = cli.build_parser

        def with_extra(only: str | None = None) -> argparse.ArgumentParser:
            parser = build(only)
            sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
            sub.choices["due"].add_argument("--frobnicate", help="a new option")
            return parser

        monkeypatch.setattr(cli, "build_parser", with_extra)
        page = hook("cli_reference").cli_reference((DOCS / "cli.md").read_text(encoding="utf-8"))
        assert "--frobnicate" in page.split("### `mou-tracker due`")[1].split("### ")[0]

    def test_fits_80_columns_whatever_the_terminal(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """The reference is formatted at 80 columns even in a wider terminal, and $COLUMNS is left as it was."""
        monkeypatch.setenv("COLUMNS", "200")
        reference = hook("cli_reference").reference()
        assert "200" == os.environ["COLUMNS"]
        assert [] == [line for line in reference.splitlines() if len(line) > 80]

    def test_a_missing_marker_is_an_error(self) -> None:
        """Without the marker the hook refuses, so that the reference cannot drop out of the site unseen."""
        with pytest.raises(ValueError, match="exactly once"):
            hook("cli_reference").cli_reference("# The command line\n")

    def test_other_pages_are_left_alone(self) -> None:
        """The hook changes cli.md only."""

        @attrs.frozen
        class File:
            src_uri: str

        @attrs.frozen
        class Page:
            file: File

        text = "<!-- cli-reference -->\n"
        assert text == hook("cli_reference").on_page_markdown(
            text, page=Page(File("index.md")), config=None, files=None
        )


class TestGriffeExtension:
    def test_roles_become_code_and_examples_are_fenced(self) -> None:
        """A docstring's roles become inline code, and its >>> examples a pycon block up to the blank line."""
        text = (
            "See :class:`~mou_tracker.Query` and :func:`due`.\n\n"
            ">>> 1 + 1\n2\n>>> print('a\\n')\na\n<BLANKLINE>\n\nAfter."
        )
        expected = "See `mou_tracker.Query` and `due`.\n\n```pycon\n>>> 1 + 1\n2\n>>> print('a\\n')\na\n\n```\n\nAfter."
        assert expected == hook("griffe_rest").markdown(text)

    def test_an_example_at_the_end_is_closed(self) -> None:
        """An example that ends the docstring is fenced too, at its indentation."""
        assert "    ```pycon\n    >>> x\n    ```" == hook("griffe_rest").fence_examples("    >>> x")


def fences(text: str) -> Iterator[tuple[str, str, str]]:
    """Every fenced code block of a Markdown text, as (language, its attributes, its body)."""
    lines = text.splitlines(keepends=True)
    i = 0
    while i < len(lines):
        opening = re.match(r"^(\s*)(`{3,}|~{3,})\s*([^\s{]*)\s*(.*)$", lines[i])
        if opening is None:
            i += 1
            continue
        indent, fence, language, attributes = opening.groups()
        body: list[str] = []
        i += 1
        while i < len(lines) and not re.match(rf"^\s*{fence[0]}{{{len(fence)},}}\s*$", lines[i]):
            body.append(lines[i].removeprefix(indent))
            i += 1
        i += 1
        yield language, attributes.strip(), "".join(body)


# sh blocks: commands for a person to type, which no test can run where it stands (they create
# environments, install from the package index, or run for minutes). Each is listed with what
# covers it; a new one fails until it is listed here.
SHELL_COMMANDS = {
    "python3 -m venv .venv && . .venv/bin/activate && pip install . && mou-tracker": (
        "README: .ci/run installs the checkout as a wheel in a fresh environment and runs mou-tracker"
    ),
    "python3 -m venv .venv && . .venv/bin/activate && pip install -e '.[test]' && pytest": (
        "README: .ci/run runs it word for word (tests/test_readme.py)"
    ),
    "pip install mou-tracker hypothesis": "testing.md: the test extra installs the same, and the guide's example runs",
    "pip install -e '.[docs]' && mkdocs serve": ".ci/run installs the docs extra and builds the site",
    # exports.md: tests/test_readme_exports.py runs every mou-tracker line of these and opens what they write;
    # the database is opened in Datasette there, and the test extra installs the plot extra's matplotlib.
    "mou-tracker export --format ics --output agreements.ics\n"
    "mou-tracker --as-of 2026-01-01 export --format ics --lang vi --output agreements-vi.ics": "exports.md",
    "mou-tracker export --format sqlite --output agreements.sqlite\ndatasette agreements.sqlite": "exports.md",
    "mou-tracker export --format html --output report.html\n"
    "mou-tracker --as-of 2026-01-01 export --format html --lang vi --output bao-cao.html": "exports.md",
    "pip install 'mou-tracker[plot]'\nmou-tracker export --format png --output timeline.png\n"
    "mou-tracker --as-of 2026-01-01 export --format svg --lang vi --output timeline.svg": "exports.md",
}
# performance.md's command, which names the commit its run measured.
BENCHMARK_COMMAND = re.compile(r"python benchmarks/run\.py( --sizes( [0-9]+)+)? --at [0-9a-f]{7,40}( --profile)?")
# text blocks that show a command being run: each is checked by the test named.
TEXT_COMMANDS = {"$ pytest test_mytool.py": "tests/test_docs_testing.py runs the guide's example"}
# Pages whose text blocks run mou-tracker in a git repository that a test builds, and the test that runs them there.
IN_A_REPOSITORY = {"docs/curating.md": "tests/test_history.py runs them in the scratch repository of tests/scratch.py"}
# Python files that a test writes out and runs, by title.
PYTHON_FILES = {"mytool.py", "test_mytool.py"}


@attrs.frozen
class Block:
    page: str
    language: str
    attributes: str
    body: str


def blocks() -> list[Block]:
    """Every code block of the README and of docs/*.md."""
    return [Block(page, *fence) for page in PAGES for fence in fences((ROOT / page).read_text(encoding="utf-8"))]


def untested(block: Block) -> str | None:
    """Why no test runs a block, or None when one does."""
    first = block.body.split("\n", 1)[0]
    match block.language:
        case "console":
            # tests/test_readme.py runs every console block of README.md and docs/*.md.
            return None if first.startswith("$ mou-tracker") else "a console block must run mou-tracker"
        case "python" | "pycon" if ">>>" in block.body:
            # pytest's --doctest-glob=*.md runs the examples of README.md and docs/*.md.
            return None
        case "python" if block.attributes.startswith("title="):
            title = block.attributes.removeprefix("title=").strip('"')
            return None if title in PYTHON_FILES else f"no test writes out and runs {title}"
        case "python":
            return None  # run as a script by TestCodeBlocks.test_python_scripts_run
        case "sql":
            return None  # run against the SQLite export by tests/test_readme_exports.py
        case "yaml":
            return None if block.attributes in YAML_TITLES else f"a yaml block needs a title among {list(YAML_TITLES)}"
        case "sh" if block.page == "docs/performance.md" and BENCHMARK_COMMAND.fullmatch(block.body.strip()):
            return None  # the command of the run that wrote the page, written by benchmarks/run.py itself
        case "sh":
            return None if block.body.strip() in SHELL_COMMANDS else "an sh block must be one of SHELL_COMMANDS"
        case "text" if block.page in IN_A_REPOSITORY and first.startswith("$ mou-tracker"):
            return None
        case "text":
            if first.startswith("$ mou-tracker"):
                return "a mou-tracker command belongs in a console block, which is run"
            if first.startswith("$ ") and first not in TEXT_COMMANDS:
                return "a command shown as text must be one of TEXT_COMMANDS"
            return None
        case _:
            return f"no test runs {block.language or 'untagged'} blocks"


YAML_EXCERPT = 'title="data/agreements.yaml, in part"'
YAML_OUTLINE = 'title="a data file, in outline"'
YAML_PRE_COMMIT = 'title=".pre-commit-config.yaml"'
YAML_WORKFLOW = 'title=".github/workflows/validate.yml"'
YAML_DIFF_WORKFLOW = 'title=".github/workflows/data-changes.yml"'
YAML_TITLES = {
    YAML_EXCERPT: "records or fields as the bundled data has them",
    YAML_OUTLINE: "the top level of a data file, its lists elided as [...]",
    YAML_PRE_COMMIT: "a pre-commit configuration whose hooks run mou-tracker validate or diff (TestConfigExamples; "
    "tests/test_diff_cli.py runs the diff hook)",
    YAML_DIFF_WORKFLOW: "a CI workflow with a step that runs mou-tracker diff (tests/test_diff_cli.py runs it)",
    YAML_WORKFLOW: "a CI workflow with a step that runs mou-tracker validate (TestConfigExamples)",
}


def contained(part: Any, whole: Any) -> bool:
    """Whether ``part`` is ``whole`` with some keys, or some list items, left out."""
    if isinstance(part, dict):
        return isinstance(whole, dict) and all(k in whole and contained(v, whole[k]) for k, v in part.items())
    if isinstance(part, list):
        rest = iter(whole) if isinstance(whole, list) else iter(())
        return all(any(contained(item, candidate) for candidate in rest) for item in part)
    return bool(part == whole)


def bundled() -> dict[str, Any]:
    data = yaml.safe_load((ROOT / "data" / "agreements.yaml").read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


class TestCodeBlocks:
    def test_every_block_is_run_by_a_test(self) -> None:
        """Each code block of the README and docs is of a kind that a test runs or checks."""
        found = blocks()
        assert 30 < len(found)
        assert [] == [
            f"{b.page}: {b.language} {b.attributes}: {b.body.splitlines()[:1]}: {why}"
            for b in found
            if (why := untested(b)) is not None
        ]

    def test_the_allowances_are_all_used(self) -> None:
        """Every sh command, text command and titled Python file allowed is still on a page."""
        found = blocks()
        shown = {b.body.strip() for b in found if b.language == "sh" and b.page != "docs/performance.md"}
        assert set(SHELL_COMMANDS) == shown
        assert set(TEXT_COMMANDS) == {
            b.body.split("\n", 1)[0]
            for b in found
            if b.language == "text" and b.body.startswith("$ ") and b.page not in IN_A_REPOSITORY
        }
        assert all(any(b.page == page for b in found) for page in IN_A_REPOSITORY)
        titled = {b.attributes for b in found if b.language == "python" and b.attributes}
        assert {f'title="{name}"' for name in PYTHON_FILES} == titled

    def test_the_ci_runs_the_docs_commands(self) -> None:
        """.ci/run installs the docs extra and builds the site strictly, as the sh block says."""
        ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
        assert "pip install --quiet -e '.[docs]'" in ci
        assert re.search(r"^mkdocs build --strict\b", ci, flags=re.M)

    def test_python_scripts_run(self) -> None:
        """A python block with no prompts and no file name runs, as a script, without error."""
        scripts = [b for b in blocks() if b.language == "python" and ">>>" not in b.body and not b.attributes]
        assert scripts
        for block in scripts:
            result = subprocess.run(
                [sys.executable, "-c", block.body], capture_output=True, text=True, check=False, timeout=120
            )
            assert (0, "") == (result.returncode, result.stderr), block.page

    def test_yaml_excerpts_are_in_the_bundled_data(self) -> None:
        """Each excerpt is part of data/agreements.yaml: a record by its id, or fields of some agreement."""
        data = bundled()
        records = {r["id"]: r for key, rows in data.items() if isinstance(rows, list) for r in rows}
        excerpts = [b for b in blocks() if b.language == "yaml" and b.attributes == YAML_EXCERPT]
        assert 3 <= len(excerpts)
        for block in excerpts:
            part = yaml.safe_load(block.body)
            if isinstance(part, list):
                assert all(contained(r, records[r["id"]]) for r in part), block.body
            else:
                assert any(contained(part, a) for a in data["agreements"]), block.body

    def test_the_outline_is_a_data_file(self) -> None:
        """The outline names the top-level keys of a data file in order, and with its lists emptied it loads."""
        import mou_tracker

        outlines = [b for b in blocks() if b.language == "yaml" and b.attributes == YAML_OUTLINE]
        assert 1 == len(outlines)
        text = outlines[0].body
        assert list(bundled()) == list(yaml.safe_load(text))
        assert () == mou_tracker.loads(text.replace("[...]", "[]"), filename="outline.yaml").agreements

    def test_yaml_is_never_loaded_unsafely(self) -> None:
        """No example shows yaml.load with an unsafe loader."""
        assert [] == [b.page for b in blocks() if re.search(r"yaml\.(unsafe_)?load\(", b.body)]

    def test_a_block_of_no_known_kind_is_refused(self) -> None:
        """A json block, an untagged block and a stray command are each reported."""
        for block in [
            Block("x.md", "json", "", "{}\n"),
            Block("x.md", "", "", "anything\n"),
            Block("x.md", "text", "", "$ mou-tracker list\n"),
            Block("x.md", "sh", "", "rm -rf build\n"),
            Block("x.md", "yaml", "", "a: 1\n"),
            Block("x.md", "python", 'title="other.py"', "pass\n"),
        ]:
            assert untested(block) is not None, block


class TestFences:
    def test_reads_language_attributes_and_indented_blocks(self) -> None:
        """The scanner finds tagged, titled, untagged and indented blocks, with their bodies."""
        text = (
            "```console\n$ mou-tracker\nout\n```\n\n- item\n\n"
            '    ```yaml title="x"\n    a: 1\n    ```\n\n'
            "```\nplain\n```\n"
        )
        assert [("console", "", "$ mou-tracker\nout\n"), ("yaml", 'title="x"', "a: 1\n"), ("", "", "plain\n")] == list(
            fences(text)
        )


def nav_pages(nav: list[Any]) -> Iterator[str]:
    for entry in nav:
        for value in entry.values() if isinstance(entry, dict) else [entry]:
            if isinstance(value, list):
                yield from nav_pages(value)
            else:
                yield value


class TestSite:
    def config(self) -> dict[str, Any]:
        config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
        assert isinstance(config, dict)
        return config

    def test_the_nav_has_every_page(self) -> None:
        """Every page of docs/ is in the navigation, and every page the navigation names exists."""
        pages = list(nav_pages(self.config()["nav"]))
        assert sorted(p.name for p in DOCS.glob("*.md")) == sorted(pages)
        assert ["index.md", "tutorial.md"] == pages[:2]
        assert ["api.md", "performance.md", "changelog.md"] == pages[-3:]

    def test_strict_with_the_hooks(self) -> None:
        """The site is built strictly, with the CLI hook and the docstring extension, and the files exist."""
        config = self.config()
        assert config["strict"] is True
        assert ["docs/hooks/cli_reference.py"] == config["hooks"]
        python = next(p for p in config["plugins"] if isinstance(p, dict) and "mkdocstrings" in p)
        options = python["mkdocstrings"]["handlers"]["python"]["options"]
        assert ["docs/hooks/griffe_rest.py:extension"] == options["extensions"]
        for path in [*config["hooks"], options["extensions"][0].split(":")[0]]:
            assert (ROOT / path).is_file(), path

    def test_the_api_page_covers_every_public_module(self) -> None:
        """Each public module of mou_tracker is on the API page, or is said to be documented elsewhere."""
        elsewhere = {
            "cli": "docs/cli.md, with every command's help read from the parser",
            "cache": "docs/cli.md#the-cache; load(cache=False) turns it off",
            "store": "docs/cli.md#the-store-commands-that-read-only-what-they-print; the command line's alone",
            "validation": "run by load(); what it finds is a DataError's problems",
        }
        package = ROOT / "mou_tracker"
        public = {p.stem for p in package.glob("[!_]*.py")} | {p.parent.name for p in package.glob("[!_]*/__init__.py")}
        shown = set(re.findall(r"^::: mou_tracker\.(\w+)$", (DOCS / "api.md").read_text(encoding="utf-8"), flags=re.M))
        assert public - set(elsewhere) == shown


KEEP_A_CHANGELOG = ["Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"]


class TestChangelog:
    def text(self) -> str:
        return (DOCS / "changelog.md").read_text(encoding="utf-8")

    def test_the_header(self) -> None:
        """The changelog opens as Keep a Changelog 1.1.0 does, naming it and Semantic Versioning."""
        head = self.text().split("\n## ", 1)[0]
        assert head.startswith("# Changelog\n\nAll notable changes to this project will be documented in this file.")
        assert "https://keepachangelog.com/en/1.1.0/" in head
        assert "https://semver.org/spec/v2.0.0.html" in head

    def test_versions_newest_first(self) -> None:
        """Unreleased first, then each version with its date, newest first; the package's version is the latest."""
        from mou_tracker import __version__

        headings = re.findall(r"^## (.*)$", self.text(), flags=re.M)
        assert "[Unreleased]" == headings[0]
        released = [re.fullmatch(r"\[(\d+)\.(\d+)\.(\d+)\] - (\d{4}-\d{2}-\d{2})", h) for h in headings[1:]]
        assert all(released), headings
        versions = [tuple(int(n) for n in m.groups()[:3]) for m in released if m]
        dates = [m.group(4) for m in released if m]
        assert sorted(versions, reverse=True) == versions
        assert sorted(dates, reverse=True) == dates
        assert __version__ == ".".join(map(str, versions[0]))

    def test_sections_are_the_known_kinds(self) -> None:
        """Each version's sections are Keep a Changelog's kinds, each once, in its order, each a list of entries."""
        for version in re.split(r"^## .*$", self.text(), flags=re.M)[1:]:
            sections = re.findall(r"^### (.*)$", version, flags=re.M)
            assert sections
            assert sorted(set(sections), key=KEEP_A_CHANGELOG.index) == sections
            for body in re.split(r"^### .*$", version, flags=re.M)[1:]:
                entries = [line for line in body.strip().splitlines() if line and not line.startswith("  ")]
                assert entries
                assert all(line.startswith("- ") for line in entries), entries

    def test_no_other_headings(self) -> None:
        """Outside code, the page has one title, version headings and section headings only."""
        levels = re.findall(r"^(#+) ", self.text(), flags=re.M)
        assert ["#"] == levels[:1]
        assert {"#", "##", "###"} == set(levels)
        assert 1 == levels.count("#")


class TestConfigExamples:
    def test_pre_commit_configurations_run_the_hook(self) -> None:
        """Each pre-commit configuration shown parses and runs mou-tracker validate, or the hook it defines."""
        hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
        shown = [b for b in blocks() if b.language == "yaml" and b.attributes == YAML_PRE_COMMIT]
        assert shown
        for block in shown:
            config = yaml.safe_load(block.body.replace("<", "").replace(">", ""))
            for repo in config["repos"]:
                for hook in repo["hooks"]:
                    if repo["repo"] == "local":
                        entry = hook["entry"]
                        assert entry.startswith("mou-tracker validate") or " diff --git " in entry, hook
                    else:
                        assert hook["id"] in {h["id"] for h in hooks}, hook

    def test_workflows_run_validate(self) -> None:
        """Each CI workflow shown parses and has a step that runs mou-tracker validate."""
        shown = [b for b in blocks() if b.language == "yaml" and b.attributes == YAML_WORKFLOW]
        assert shown
        for block in shown:
            workflow = yaml.safe_load(block.body)
            steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
            assert any("mou-tracker validate" in step.get("run", "") for step in steps)
