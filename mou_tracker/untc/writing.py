"""Writing an import: :func:`import_untc`, its rules for files already there, and :class:`Imported`, its report.

A file already as the import would write it is not touched; one whose stamp
still matches its text is replaced; any other is a curator's and is refused
unless ``force`` (see :mod:`mou_tracker.untc`). Each file is written whole,
through a temporary file renamed over it, or not at all.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path as FsPath

import attrs

from ..exceptions import Problem
from .conversion import Conversion, _os_problem, convert
from .stamps import _as_imported


@attrs.frozen
class Imported:
    """What :func:`import_untc` did: the files written, those already as the import makes them, and the problems.

    ``left_out`` names the tables not imported because of a problem (the
    rows left out are the conversion's ``rows_left_out``), and ``refused``
    the files not written because a curator's version is there (without
    ``force``), or because of any problem at all (with ``strict``). Nothing
    was left out when ``problems`` is empty.
    """

    conversion: Conversion
    written: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    refused: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()

    @property
    def left_out(self) -> tuple[str, ...]:
        """The tables not imported because of a problem."""
        return self.conversion.left_out


def _first_difference(old: str, new: str) -> tuple[int, int]:
    """The line and column at which ``old`` first differs from ``new`` (1-based)."""
    at = next((i for i, (a, b) in enumerate(zip(old, new, strict=False)) if a != b), min(len(old), len(new)))
    line = old.count("\n", 0, at) + 1
    return line, at - (old.rfind("\n", 0, at) + 1) + 1


def import_untc(
    source: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    force: bool = False,
    strict: bool = False,
) -> Imported:
    """Import the scraped tables of ``source`` into the directory ``output``, made if need be.

    Each file is written whole, through a temporary file renamed over the
    old one, or not at all. A file that already holds what the import would
    write is left untouched; one that an import wrote and nobody edited
    since (its stamp says so) is replaced; any other (a curator's edit) is
    refused, with a problem at its first difference, unless ``force``.
    With ``strict``, nothing is written if there is any problem. The
    problems, ordered by file, line and column, are those of the tables and
    of the files refused; the command line prints them and exits 2.
    """
    conversion = convert(source)
    root = FsPath(output)
    problems = list(conversion.problems)
    plans: list[tuple[str, FsPath, bytes]] = []
    unchanged: list[str] = []
    refused: list[str] = []
    if root.exists() and not root.is_dir():
        problems.append(Problem("expected a directory to write the data files to, found a file", file=str(root)))
        return Imported(conversion, refused=tuple(conversion.files), problems=tuple(problems))
    for name, text in conversion.files.items():
        path = root / name
        new = text.encode("utf-8")
        try:
            old = path.read_bytes()
        except FileNotFoundError:
            old = None
        except OSError as exc:
            problems.append(_os_problem("read the file", exc, path))
            refused.append(name)
            continue
        if old == new:
            unchanged.append(name)
        elif old is not None and not force and not _as_imported(old):
            line, column = _first_difference(old.decode("utf-8", "replace"), text)
            problems.append(
                Problem(
                    "the file is not as an import wrote it (a curator's edit, or a file of its own) and is left as "
                    "it is; here it first differs from what the import would write; --force overwrites it",
                    file=str(path),
                    line=line,
                    column=column,
                )
            )
            refused.append(name)
        else:
            plans.append((name, path, new))
    if strict and problems:
        refused.extend(name for name, _, _ in plans)
        plans = []
    written: list[str] = []
    for name, path, data in plans:
        try:
            _replace(path, data)
        except OSError as exc:
            problems.append(_os_problem("write the file", exc, path))
            refused.append(name)
        else:
            written.append(name)
    return Imported(conversion, tuple(written), tuple(unchanged), tuple(sorted(refused)), tuple(problems))


def _replace(path: FsPath, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: to a hidden temporary file beside it, then renamed over it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise
