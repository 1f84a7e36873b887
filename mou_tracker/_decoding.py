"""A data file's bytes to text, refused with a located problem where it is not clean UTF-8.

The bytes are checked before they are parsed: a file in UTF-16, a byte
that is not UTF-8, and a control character, a lone surrogate or a line
break that editors do not show (:data:`_CONTROL`) are each a problem at
its line and column. Line numbers count lines as YAML does (CR LF, CR and
LF). The importer of the UN Treaty Collection reads its files the same way.
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from .exceptions import DataError, Problem

__all__: list[str] = []

_BOM = "\ufeff".encode()
"""UTF-8's byte order mark."""


def _decode(data: bytes, filename: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataError([Problem("the file is UTF-16; save it as UTF-8", file=filename, line=1, column=1)])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # The byte order mark is dropped (below), so it takes no column.
        start = len(_BOM) if data.startswith(_BOM) else 0
        before = _one_newline(data[start : exc.start])
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        problem = Problem(
            f"the file is not valid UTF-8: byte 0x{data[exc.start]:02x} cannot be decoded",
            file=filename,
            line=line,
            column=column,
        )
        raise DataError([problem]) from None
    return text.removeprefix("\ufeff")


def _one_newline(data: bytes) -> bytes:
    # YAML reads CR LF, CR and LF alike as line breaks.
    return data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")


# C0 and C1 control characters (but tab and line breaks), lone surrogates,
# non-characters, and the line breaks YAML 1.1 knows but editors do not show
# (NEL, LS, PS), which would make line numbers disagree. YAML's escapes make
# such characters only when parsed: every parsed text is checked again, by
# the converter (._characters).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def _check_characters(text: str, filename: str) -> None:
    problems = []
    for match in itertools.islice(_CONTROL.finditer(text), 20):
        line = text.count("\n", 0, match.start()) + 1
        column = match.start() - text.rfind("\n", 0, match.start())
        char = match.group()
        what = "control character" if unicodedata.category(char) == "Cc" else "character"
        problems.append(
            Problem(
                f"{what} U+{ord(char):04X} is not allowed in a data file",
                file=filename,
                line=line,
                column=column,
            )
        )
    if problems:
        raise DataError(problems)


def _lines_as_lf(text: str) -> str:
    """Line numbers in problems count lines as YAML does: CR LF, CR and LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")
