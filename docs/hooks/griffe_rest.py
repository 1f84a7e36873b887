"""A Griffe extension: the library's reST-flavoured docstrings, made ready for Markdown.

The docstrings are written for ``help()`` and doctest: roles such as
``:class:`Query``` and bare ``>>>`` examples. mkdocstrings renders docstring
text as Markdown, where a role would show its colons and a ``>>>`` line would
become a quotation. Before rendering, this extension turns each role into
inline code and fences each run of ``>>>`` lines (with its output) as a
``pycon`` block. The docstrings themselves stay as they are.
"""

from __future__ import annotations

import re
from typing import Any

ROLE = re.compile(r":(?:class|func|meth|attr|data|mod|exc|obj):`~?([^`]+)`")


def fence_examples(text: str) -> str:
    """``text`` with every run of lines that starts at a ``>>>`` line, up to a blank line, fenced as ``pycon``."""
    out: list[str] = []
    inside = False
    indent = ""
    for line in text.splitlines():
        if not inside and line.lstrip().startswith(">>>"):
            indent = line[: len(line) - len(line.lstrip())]
            out.append(f"{indent}```pycon")
            inside = True
        elif inside and not line.strip():
            out.append(f"{indent}```")
            inside = False
        out.append("" if inside and line.strip() == "<BLANKLINE>" else line)
    if inside:
        out.append(f"{indent}```")
    return "\n".join(out)


def markdown(text: str) -> str:
    """A docstring's text as Markdown: roles as inline code, examples fenced."""
    return fence_examples(ROLE.sub(r"`\1`", text))


def extension() -> Any:
    """The Griffe extension that mkdocs.yml names; Griffe is imported here, so the rest needs none."""
    import griffe

    class RestDocstrings(griffe.Extension):
        """Rewrites each docstring as Griffe reads it, before mkdocstrings renders it."""

        def on_instance(self, *, obj: griffe.Object, **kwargs: Any) -> None:
            """Called by Griffe for every module, class, function and attribute it finds."""
            if obj.docstring is not None:
                obj.docstring.value = markdown(obj.docstring.value)

    return RestDocstrings()
