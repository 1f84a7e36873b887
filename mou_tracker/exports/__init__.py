"""Exports of a dataset to the formats other tools read.

>>> import datetime, mou_tracker
>>> from mou_tracker.exports import export
>>> data = mou_tracker.load()
>>> export(data, "csv", day=datetime.date(2026, 1, 1))[:3]
b'id,'

Each format is a module of this package with a function
``export(dataset, *, day, lang) -> bytes``; it is imported only when it is
asked for, so a format's library (icalendar, Jinja2, matplotlib) is imported
only by those who use it; matplotlib, for the pictures, is the one optional
extra. :data:`FORMATS` describes them all.
"""

from __future__ import annotations

import datetime as _dt
import importlib
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import attrs

from ..dataset import Dataset
from ..exceptions import MouTrackerError

__all__ = ["FORMATS", "Format", "MissingExtra", "export", "write"]


@attrs.frozen
class Format:
    """One export format: its name, file suffix, and what it needs."""

    name: str
    suffix: str
    summary: str
    module: str
    binary: bool = False
    """Whether the output is not text, so not for a terminal."""
    extra: str | None = None
    """The optional extra (``pip install 'mou-tracker[EXTRA]'``) that it needs, if any."""


FORMATS: dict[str, Format] = {
    f.name: f
    for f in (
        Format("json", ".json", "the whole dataset in the data format, as JSON (the schema describes it)", "tabular"),
        Format(
            "csv", ".csv", "one row per agreement with its status on the day, safe to open in a spreadsheet", "tabular"
        ),
        Format("ics", ".ics", "an iCalendar file of dated events and of everything due", "ical"),
        Format(
            "sqlite",
            ".sqlite",
            "a SQLite database, one table per kind of record, ready for Datasette",
            "sqlite",
            binary=True,
        ),
        Format("html", ".html", "a static HTML report: status table, due list and timeline", "html"),
        Format("svg", ".svg", "a timeline picture of the instruments, coloured by status", "timeline", extra="plot"),
        Format("png", ".png", "the same timeline picture as PNG", "timeline", binary=True, extra="plot"),
    )
}
"""Every export format, by name."""


class MissingExtra(MouTrackerError, ImportError):
    """A format needs an optional extra that is not installed."""

    def __init__(self, fmt: str, extra: str, package: str) -> None:
        self.format = fmt
        self.extra = extra
        self.package = package
        super().__init__(
            f"the {fmt} format needs {package}, which is not installed; "
            f"install it with: pip install 'mou-tracker[{extra}]'"
        )


def _exporter(fmt: str) -> Callable[..., bytes]:
    found = FORMATS.get(fmt)
    if found is None:
        raise MouTrackerError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    module = importlib.import_module(f".{found.module}", __name__)
    function: Callable[..., bytes] = getattr(module, f"export_{found.name}")
    return function


def export(dataset: Dataset, fmt: str, *, day: _dt.date, lang: str = "en") -> bytes:
    """``dataset`` in the format named ``fmt`` (a key of :data:`FORMATS`), as bytes.

    ``day`` is the day statuses are read on and what is due is counted from;
    ``lang`` the language of titles and names where the data has them.
    Raises :class:`MissingExtra` when the format's optional extra is missing.
    """
    return _exporter(fmt)(dataset, day=day, lang=lang)


def write(dataset: Dataset, fmt: str, path: str | os.PathLike[str], *, day: _dt.date, lang: str = "en") -> Path:
    """Write the export to ``path``; return the path.

    A regular file, or a path where there is none yet, is written whole or
    not at all: the output goes to a temporary file beside ``path`` (beside
    the file a symbolic link points to), flushed to disk and renamed over it
    only once complete, so a failed export never leaves half a file, and
    whatever was at ``path`` before is kept until the new file is ready.

    Anything else is written to as a stream, as it stands, and never
    replaced: a path that names an open file descriptor (``/dev/stdout``,
    ``/dev/stderr``, ``/dev/fd/N``, ``/proc/self/fd/N``) is written to that
    descriptor, so that output appended to a log (``>> run.log``) is appended
    to it and a pipe gets the bytes; a named pipe or a device is opened and
    written to.
    """
    text = os.fspath(path)
    if not text or text.endswith((os.sep, "/")):
        raise MouTrackerError(f"expected the path of a file to write, found {text!r}")
    data = export(dataset, fmt, day=day, lang=lang)
    descriptor = _descriptor(text)
    if descriptor is not None:
        _write_to_descriptor(descriptor, data)
        return Path(text)
    target = Path(os.path.realpath(text))
    if target.exists() and not target.is_file():
        if target.is_dir():
            raise MouTrackerError(f"cannot write {text}: it is a directory")
        with open(target, "wb") as stream:
            stream.write(data)
        return Path(text)
    handle, temporary = tempfile.mkstemp(prefix=".mou-tracker-", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp makes the file readable by its owner alone: give it the
        # mode a new file would have, or that of the file it replaces.
        try:
            mode = target.stat().st_mode & 0o777
        except FileNotFoundError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(text)


# Directories whose entries are this process's open file descriptors, by number.
_DESCRIPTOR_DIRECTORIES = ("/dev/fd", "/proc/self/fd", "/proc/thread-self/fd")
# As many symbolic links as Linux follows in one path before giving up (ELOOP).
_MAX_LINKS = 40


def _descriptor(path: str) -> int | None:
    """The open file descriptor that ``path`` names, or ``None`` when it names none.

    ``/dev/stdout`` is a link to ``/proc/self/fd/1``, which is itself a link
    to whatever descriptor 1 is: a file, a pipe, a terminal. Following the
    links to their end, as :func:`os.path.realpath` does, would name the
    file behind the descriptor (or a ``pipe:[…]`` that is no path at all);
    the links are followed one at a time instead, and the path stops at the
    first that is an entry of a directory of descriptors.
    """
    directories = {os.path.realpath(d) for d in _DESCRIPTOR_DIRECTORIES if os.path.isdir(d)}
    if not directories:
        return None
    current = os.path.abspath(path)
    for _ in range(_MAX_LINKS):
        head, tail = os.path.split(current)
        real_head = os.path.realpath(head)
        if tail.isdigit() and tail.isascii() and real_head in directories:
            return int(tail)
        try:
            link = os.readlink(current)
        except OSError:  # not a link (or not there): a path like any other
            return None
        current = os.path.join(real_head, link)
    return None


def _write_to_descriptor(descriptor: int, data: bytes) -> None:
    """Write ``data`` to an open descriptor where it stands, through a copy of it.

    Reopening ``/proc/self/fd/1`` would open the file behind it afresh, from
    its start and truncated; the copy shares the descriptor's position and
    mode (appending, say) instead. Python's own buffered standard output or
    error is flushed first, so that what was printed before comes before.
    """
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and stream.fileno() == descriptor:
                stream.flush()
        except (OSError, ValueError):  # no descriptor of its own (io.StringIO), or closed
            continue
    with open(os.dup(descriptor), "wb") as out:
        out.write(data)
