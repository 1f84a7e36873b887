"""The README's promises: its commands are the ones CI runs."""

from __future__ import annotations

import re
from pathlib import Path

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
        blocks.append((command.split()[2:], output))
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

    def test_console_examples_match(self) -> None:
        """Every console example shows what the command really prints ('…' stands for lines left out)."""
        blocks = console_blocks((ROOT / "README.md").read_text(encoding="utf-8"))
        assert blocks
        for argv, shown in blocks:
            actual = self.run(argv)
            if shown.endswith("…\n"):
                assert actual.startswith(shown.removesuffix("…\n")), argv
            else:
                assert shown == actual, argv
