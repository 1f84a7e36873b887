"""Every error the library raises for bad data or bad arguments.

Each exception subclasses :class:`MouTrackerError` and the built-in it
resembles, so callers can catch either.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ._characters import visible

__all__ = [
    "AmbiguousName",
    "DataError",
    "EditRefused",
    "InvalidDate",
    "MouTrackerError",
    "Problem",
    "UnknownId",
    "UnknownName",
]

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    """Render a path as ``$.agreements[3].history[1].date``."""
    out = ["$"]
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif part.isidentifier():
            out.append(f".{part}")
        else:
            out.append(f"[{part!r}]")
    return "".join(out)


class MouTrackerError(Exception):
    """Base class of every error mou-tracker raises on purpose."""


class InvalidDate(MouTrackerError, ValueError):
    """A partial date or interval that cannot be parsed or cannot exist."""

    def __init__(self, text: object, reason: str) -> None:
        super().__init__(f"invalid date {text!r}: {reason}")
        self.text = text
        self.reason = reason


class UnknownId(MouTrackerError, KeyError):
    """An id that names nothing in the collection; carries the closest ids."""

    def __init__(self, kind: str, ident: str, suggestions: Sequence[str] = ()) -> None:
        message = f"no {kind} with id {ident!r}"
        if suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in suggestions) + "?"
        super().__init__(message)
        self.kind = kind
        self.ident = ident
        self.suggestions = tuple(suggestions)

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownName(UnknownId):
    """A name, as a person would write it, that stands for nothing in the collection; carries the closest ids.

    Raised by :meth:`~mou_tracker.Dataset.find` and the other look-ups by
    name, which accept an id, a name or an alias: an :class:`UnknownId`, so
    that what catches one catches both.
    """

    def __init__(self, kind: str, name: str, suggestions: Sequence[str] = ()) -> None:
        super().__init__(kind, name, suggestions)
        message = f"no {kind} has the id or name {name!r}"
        if suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in suggestions) + "?"
        self.args = (message,)


class AmbiguousName(MouTrackerError, LookupError):
    """A name that could stand for more than one record; carries the ids of every candidate, in file order.

    A look-up by name never chooses among candidates: the id of one of them
    is what removes the doubt.
    """

    SHOWN = 10
    """How many candidates the message names; ``candidates`` holds them all."""

    def __init__(self, kind: str, name: str, candidates: Sequence[str]) -> None:
        self.kind = kind
        self.name = name
        self.candidates = tuple(candidates)
        plural = kind[:-1] + "ies" if kind.endswith("y") else kind + "s"
        shown = ", ".join(repr(c) for c in self.candidates[: self.SHOWN])
        more = len(self.candidates) - self.SHOWN
        if more > 0:
            shown += f" and {more} more"
        super().__init__(f"{name!r} could be any of {len(self.candidates)} {plural}: {shown}; give the id of one")


class Problem:
    """One located problem in a data file.

    ``line`` and ``column`` are 1-based; either may be ``None`` when the
    problem has no position (for example a file that cannot be read at all).
    A problem is one line: any control character, bidirectional control,
    lone surrogate or non-character in its message (from a YAML tag, say), or
    in its file's name when shown, is written as its escape (``\\x1b``), so
    that no data file can write to the terminal that shows the problem.
    """

    __slots__ = ("column", "file", "line", "message", "path")

    def __init__(
        self,
        message: str,
        *,
        path: Path = (),
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.message = visible(message, lines=False)
        self.path = path
        self.file = file
        self.line = line
        self.column = column

    def __str__(self) -> str:
        where = self.file or "<data>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return visible(f"{where}: {format_path(self.path)}: {self.message}", lines=False)

    def __repr__(self) -> str:
        return f"<Problem {self}>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Problem):
            return NotImplemented
        return (self.message, self.path, self.file, self.line, self.column) == (
            other.message,
            other.path,
            other.file,
            other.line,
            other.column,
        )

    def __hash__(self) -> int:
        return hash((self.message, self.path, self.file, self.line, self.column))


class DataError(MouTrackerError, ValueError):
    """Data that cannot be loaded; ``problems`` lists every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class EditRefused(DataError):
    """An edit that the data, with it made, would not load; nothing was written.

    ``problems`` are located in the file as the edit would have made it. Data
    that has problems before any edit raises a plain :class:`DataError`.
    """
