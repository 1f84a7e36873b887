"""An MkDocs hook: the end of cli.md is every command's ``--help``, read from the parser.

docs/cli.md holds the marker ``<!-- cli-reference -->``; when the site is
built, the marker is replaced by the help of ``mou-tracker`` and of each of
its commands, as ``mou_tracker.cli.build_parser()`` formats it at 80 columns.
A new command or option thus reaches the documentation without being typed
twice, and ``tests/test_docs_site.py`` checks that it does.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

MARKER = "<!-- cli-reference -->"
PAGE = "cli.md"
COLUMNS = 80


@contextmanager
def _columns(width: int) -> Iterator[None]:
    """$COLUMNS set to ``width`` for the while, as the CLI's formatter reads the width from it."""
    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = str(width)
    try:
        yield
    finally:
        if before is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = before


def helps(width: int = COLUMNS) -> dict[str, str]:
    """Each command's ``--help`` text, by its command line: ``mou-tracker`` first, then each command in order."""
    from mou_tracker import cli

    with _columns(width):
        parser = cli.build_parser()
        out = {"mou-tracker": parser.format_help()}
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, command in action.choices.items():
                    out[f"mou-tracker {name}"] = command.format_help()
    return out


def reference(width: int = COLUMNS) -> str:
    """The Markdown that takes the marker's place: a heading and a text block per command."""
    sections = []
    for command, text in helps(width).items():
        sections.append(f"### `{command}`\n\n```text\n{text.rstrip()}\n```\n")
    return "\n".join(sections)


def cli_reference(markdown: str) -> str:
    """``markdown`` with the marker replaced by the reference; an error if the marker is not there once."""
    count = markdown.count(MARKER)
    if count != 1:
        raise ValueError(f"{PAGE} must hold {MARKER!r} exactly once, found it {count} times")
    return markdown.replace(MARKER, reference())


def on_page_markdown(markdown: str, *, page: Any, config: Any, files: Any) -> str:
    """MkDocs calls this for each page before rendering it; only cli.md is changed."""
    if page.file.src_uri != PAGE:
        return markdown
    try:
        return cli_reference(markdown)
    except ValueError as exc:
        from mkdocs.exceptions import PluginError

        raise PluginError(str(exc)) from exc
