"""The README's promises: its commands are the ones CI runs."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def shell_blocks(text: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", text, flags=re.S)]


class TestReadme:
    def test_two_setup_commands(self) -> None:
        """The set-up is two commands: one runs the CLI, one runs the tests."""
        blocks = shell_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
        assert 2 == len(blocks)
        assert blocks[0].endswith("&& mou-tracker")
        assert blocks[1].endswith("&& pytest")

    def test_ci_runs_the_readme_test_command(self) -> None:
        """.ci/run runs the README's test command, word for word."""
        readme_command = shell_blocks((ROOT / "README.md").read_text(encoding="utf-8"))[1]
        install_and_test = readme_command.split("&& ", 2)[-1]
        ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
        assert install_and_test in ci.splitlines()


def console_blocks(text: str) -> list[tuple[list[str], str]]:
    """Each ```console block as (the command's words, the output shown)."""
    blocks = []
    for block in re.findall(r"```console\n(.*?)```", text, flags=re.S):
        command, _, output = block.partition("\n")
        assert command.startswith("$ mou-tracker")
        blocks.append((shlex.split(command)[2:], output))
    return blocks


class TestReadmeOutput:
    def run(self, argv: list[str]) -> str:
        import io
        import os

        from mou_tracker import cli

        out, err = io.StringIO(), io.StringIO()
        cwd = os.getcwd()
        os.chdir(ROOT)
        try:
            cli.main(argv, out=out, err=err)
        finally:
            os.chdir(cwd)
        return out.getvalue() + err.getvalue()

    @pytest.mark.parametrize(
        "page", ["README.md", *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md"))]
    )
    def test_console_examples_match(self, page: str) -> None:
        """Every console example shows what the command really prints ('…' stands for lines left out)."""
        blocks = console_blocks((ROOT / page).read_text(encoding="utf-8"))
        for argv, shown in blocks:
            actual = self.run(argv)
            if shown.endswith("…\n"):
                assert actual.startswith(shown.removesuffix("…\n")), argv
            else:
                assert shown == actual, argv

    def test_questions_page_has_the_examples(self) -> None:
        """The questions page answers each question with a command and its output."""
        blocks = console_blocks((ROOT / "docs" / "questions.md").read_text(encoding="utf-8"))
        commands = [" ".join(argv) for argv, _ in blocks]
        for expected in [
            "--as-of 2025-01-01 list --party SG --status in_effect",
            "--as-of 2026-11-22 list --signed-from 2023-08-28 --signed-to 2023-08-28",
            "--as-of 2026-11-22 list --area innovation",
            "--as-of 2025-10-15 list --search action programme",
            "--as-of 2025-11-01 list --search action programme",
            "--as-of 2026-01-01 due --until 2026-12-31",
            "--as-of 2026-11-22 changes --since 2025-01-01",
            "--as-of 2026-11-22 chain art6-mou",
            "--as-of 2026-11-22 search tô lâm",
            "--as-of 2026-11-22 search to lam",
        ]:
            assert expected in commands


class TestCliReference:
    def test_names_every_command_option_and_value(self) -> None:
        """docs/cli.md names every command, every option of every command, and every value they take."""
        import argparse

        from mou_tracker import AgreementKind, RelationType, Status, cli

        page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
        parser = cli.build_parser()
        sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
        for name, command in sub.choices.items():
            assert f"`{name}" in page, name
            for action in command._actions:
                for option in action.option_strings:
                    if option not in ("-h", "--help"):
                        assert option in page, (name, option)
        for action in parser._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help", "--version"):
                    assert option in page, option
        for value in [*Status, *AgreementKind, *RelationType]:
            assert f"`{value.value}`" in page, value
