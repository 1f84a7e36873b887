"""Strict YAML reading: safe parser events to plain Python values.

PyYAML's safe loader still guesses types the YAML 1.1 way (``NO`` is false,
``012`` is ten, ``2023-08-28`` a date), keeps the last of duplicate keys,
expands aliases without limit and, in its C composer, recurses until the
process dies on deep nesting. So this module reads only the *events* of the
safe parser (libyaml's when the wheel has it) and builds values itself:

* a plain scalar is ``None`` (``null``, ``~``, empty), a boolean
  (``true``/``false``), a decimal integer, or a string; a plain scalar that
  some YAML reader would take for anything else (``NO``, ``on``, ``012``,
  ``1.10``, ``2023-08-28``) becomes an :class:`Ambiguous` string, which the
  converter accepts only where the text itself is meant (dates);
* quoted scalars are always strings;
* duplicate keys, non-string keys, explicit tags, anchors and aliases, more
  than one document and nesting deeper than :data:`MAX_DEPTH` are refused,
  each with its position.

Deep nesting is refused by this module, at the 65th level, whatever the
parser or its version: libyaml reads ahead along a line while a flow
collection might still be a key, and recent releases stop at a nesting limit
of their own (1,000 levels) before the first event of such a line reaches
this module. When libyaml gives up on a text with a line that opens many flow
collections, the text is read again with PyYAML's own parser, which has no
such limit, so that the refusal and its message are this module's
(see :meth:`_Walk.run`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import yaml

from ._scalars import Ambiguous, describe, plain_value
from .exceptions import Path, Problem

# What the converter and the loader use; the scalars' meaning is :mod:`._scalars`'s, given here too.
__all__ = ["MAX_DEPTH", "Ambiguous", "Mark", "describe", "locate", "parse", "plain_value"]

try:
    _Loader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - wheels without libyaml
    _Loader = yaml.SafeLoader

MAX_DEPTH = 64
"""Deepest nesting accepted; real data nests about eight levels."""

_PURE_LOADER: type[Any] = yaml.SafeLoader
"""PyYAML's own parser, for a text that libyaml refused (see :func:`_dense`)."""

_LONG_LINE = re.compile(f"[^\\n]{{{MAX_DEPTH},}}")


class Mark:
    """A 1-based line and column."""

    __slots__ = ("column", "line")

    def __init__(self, line: int, column: int) -> None:
        self.line = line
        self.column = column


def _dense(text: str) -> bool:
    """Whether a line of ``text`` opens :data:`MAX_DEPTH` or more flow collections (``[``, ``{``).

    Only on such a line can libyaml's read-ahead reach a nesting limit of its
    own (any over twice :data:`MAX_DEPTH`) before the walk reaches its
    ``MAX_DEPTH``: the read-ahead ends with the line, and the walk has read
    every line before it.
    """
    if text.count("[") + text.count("{") < MAX_DEPTH:
        return False
    return any(line.count("[") + line.count("{") >= MAX_DEPTH for line in _LONG_LINE.findall(text))


def _mark(raw: Any) -> Mark:
    return Mark(raw.line + 1, raw.column + 1)


class _Frame:
    __slots__ = ("bad_key", "container", "key", "key_lines", "key_mark", "path", "start")

    def __init__(self, container: dict[str, object] | list[object], path: Path, start: Mark) -> None:
        self.container = container
        self.path = path
        self.start = start
        self.key: object = _NO_KEY
        self.key_mark: Mark | None = None
        self.bad_key = False
        self.key_lines: dict[str, int] = {}


_NO_KEY = object()


class _Walk:
    """One pass over the events; builds the value and, if asked, records marks."""

    def __init__(self, text: str, filename: str, want: set[Path] | None) -> None:
        self.text = text
        self.filename = filename
        self.want = want
        self.marks: dict[Path, tuple[Mark, Mark]] = {}
        self.problems: list[Problem] = []

    def problem(self, message: str, mark: Mark, path: Path) -> None:
        self.problems.append(Problem(message, path=path, file=self.filename, line=mark.line, column=mark.column))

    def run(self) -> object:
        if _Loader is _PURE_LOADER:
            return self._run(_Loader)
        value = self._run(_Loader)
        if self.problems and self.problems[-1].message.startswith(_PARSER_ERRORS) and _dense(self.text):
            # libyaml may have stopped at its own nesting limit: read the text
            # again without one, so that deep nesting is refused here, as ever.
            self.marks.clear()
            self.problems.clear()
            value = self._run(_PURE_LOADER)
        return value

    def _run(self, loader_class: type[Any]) -> object:
        loader = None
        try:
            loader = loader_class(self.text)
            return self._events(loader)
        except yaml.MarkedYAMLError as exc:
            self.problems.append(_syntax_problem(exc, self.text, self.filename))
            return None
        except yaml.YAMLError as exc:  # reader errors carry no mark
            self.problems.append(Problem(f"YAML error: {exc}", file=self.filename))
            return None
        finally:
            if loader is not None:
                loader.dispose()

    def _events(self, loader: Any) -> object:
        stack: list[_Frame] = []
        root: object = None
        documents = 0
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.problem(
                        "found a second YAML document; a data file holds exactly one",
                        _mark(event.start_mark),
                        (),
                    )
                    return root
                continue
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                frame = stack.pop()
                done: object = frame.container
                if not stack:
                    root = done
                else:
                    self._attach(stack[-1], done, frame.start)
                continue
            mark = _mark(event.start_mark)
            path = self._child_path(stack, mark)
            if isinstance(event, yaml.AliasEvent):
                self.problem(
                    f"aliases (*{event.anchor}) are not allowed; write the value out",
                    mark,
                    path,
                )
                value: object = None
            elif getattr(event, "anchor", None) is not None or getattr(event, "tag", None) is not None:
                if event.anchor is not None:
                    self.problem(f"anchors (&{event.anchor}) are not allowed; write values out", mark, path)
                else:
                    self.problem(
                        f"explicit tags ({event.tag}) are not allowed; quote the value if it is text", mark, path
                    )
                value = None
                if not isinstance(event, yaml.ScalarEvent) and not self._skip(loader, len(stack), path):
                    return None
            elif isinstance(event, yaml.ScalarEvent):
                value = plain_value(event.value) if event.implicit[0] else event.value
            else:
                if len(stack) >= MAX_DEPTH:
                    self._too_deep(mark, path)
                    return None
                container: dict[str, object] | list[object] = {} if isinstance(event, yaml.MappingStartEvent) else []
                if stack and self._key_pending(stack[-1]):
                    stack[-1].bad_key = True
                stack.append(_Frame(container, path, mark))
                continue
            if not stack:
                root = value
            else:
                self._attach(stack[-1], value, mark)
        return root

    def _skip(self, loader: Any, depth: int, path: Path) -> bool:
        """Pass over a refused collection; False if it nests too deep to read on."""
        inside = 1
        while inside:
            event = loader.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                inside += 1
                if depth + inside > MAX_DEPTH:
                    self._too_deep(_mark(event.start_mark), path)
                    return False
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                inside -= 1
        return True

    def _too_deep(self, mark: Mark, path: Path) -> None:
        self.problem(f"nesting deeper than {MAX_DEPTH} levels; no data file needs that", mark, path)

    @staticmethod
    def _key_pending(frame: _Frame) -> bool:
        return isinstance(frame.container, dict) and frame.key is _NO_KEY

    def _child_path(self, stack: list[_Frame], mark: Mark) -> Path:
        if not stack:
            return ()
        frame = stack[-1]
        if isinstance(frame.container, list):
            path = (*frame.path, len(frame.container))
            if self.want is not None and path in self.want:
                self.marks[path] = (mark, mark)
            return path
        if frame.key is _NO_KEY:
            return frame.path
        path = (*frame.path, str(frame.key))
        if self.want is not None and path in self.want and frame.key_mark is not None:
            self.marks[path] = (frame.key_mark, mark)
        return path

    def _attach(self, frame: _Frame, value: object, mark: Mark) -> None:
        container = frame.container
        if isinstance(container, list):
            container.append(value)
            return
        if frame.key is _NO_KEY:
            key_mark = mark
            if frame.bad_key or type(value) is not str:
                self.problem(
                    f"keys must be text, found {describe(value)}; quote the key",
                    key_mark,
                    frame.path,
                )
                frame.key, frame.key_mark, frame.bad_key = _BAD_KEY, key_mark, False
                return
            first = frame.key_lines.get(value)
            if first is not None:
                self.problem(
                    f"duplicate key {value!r} (first at line {first}); a key may appear once",
                    key_mark,
                    (*frame.path, value),
                )
                frame.key, frame.key_mark = _BAD_KEY, key_mark
                return
            frame.key_lines[value] = key_mark.line
            frame.key, frame.key_mark = value, key_mark
            return
        if frame.key is not _BAD_KEY:
            assert isinstance(frame.key, str)
            container[frame.key] = value
        frame.key, frame.key_mark = _NO_KEY, None


_BAD_KEY = object()

_PARSER_ERRORS = ("YAML syntax error: ", "YAML error: ")
"""How the problems begin that the parser, not the walk, found."""


def _syntax_problem(exc: yaml.MarkedYAMLError, text: str, filename: str) -> Problem:
    raw = exc.problem_mark or exc.context_mark
    message = " ".join(str(p) for p in (exc.context, exc.problem) if p) or "invalid YAML"
    line = column = None
    if raw is not None:
        line, column = raw.line + 1, raw.column + 1
        last = text.count("\n")
        if raw.line > last:
            # libyaml puts the end of a text with no final line break on the
            # line after its last, which the file does not have: mark the end
            # of the last line instead, as PyYAML's own parser does.
            line, column = last + 1, len(text) - text.rfind("\n")
        lines = text.splitlines()
        if 0 <= raw.line < len(lines):
            current = lines[raw.line]
            if "\t" in current[: len(current) - len(current.lstrip())] or (
                raw.column < len(current) and current[raw.column] == "\t"
            ):
                message = "tab characters cannot indent YAML; indent with spaces"
    return Problem(f"YAML syntax error: {message}", file=filename, line=line, column=column)


def parse(text: str, filename: str) -> tuple[object, list[Problem]]:
    """Build the plain value of ``text``; return it with the problems found."""
    walk = _Walk(text, filename, None)
    value = walk.run()
    return value, walk.problems


def locate(text: str, filename: str, paths: Iterable[Path]) -> dict[Path, tuple[Mark, Mark]]:
    """The (key, value) marks of each path, for paths that exist in ``text``.

    A path that does not exist (a missing key) is matched to its longest
    existing prefix, so every problem has a position.
    """
    wanted = set(paths)
    prefixes = {p[:i] for p in wanted for i in range(len(p) + 1)}
    walk = _Walk(text, filename, prefixes)
    walk.marks[()] = (Mark(1, 1), Mark(1, 1))
    walk.run()
    out: dict[Path, tuple[Mark, Mark]] = {}
    for path in wanted:
        for i in range(len(path), -1, -1):
            found = walk.marks.get(path[:i])
            if found is not None:
                out[path] = found
                break
    return out
