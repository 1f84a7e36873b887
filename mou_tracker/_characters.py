"""The characters no text of a dataset may hold, and how they are shown if one does.

A data file's text ends up on the analyst's terminal: in tables, cards and
error messages. A control character there is not text but an instruction to
the terminal (CWE-150): ``ESC [2K`` erases the line, a carriage return or a
backspace writes over what was shown, so that a terminated MoU can read "in
effect". A bidirectional override or isolate reorders what follows it
(the "Trojan Source" attack, CVE-2021-42574). The raw text of a file is
checked before it is parsed (:func:`mou_tracker._decoding._check_characters`),
but YAML's double-quoted escapes (``"\\e[31m"``, ``"\\x1b"``, ``"\\u202e"``)
make such characters only when parsed, so every text value is checked here,
once parsed, by the converter and by the cache's builder alike:

* C0 controls (U+0000 to U+001F) but the line feed, which only the
  free-text ``notes`` and ``note`` fields, and the quoted ``text`` and
  ``condition`` of an action or an entry-into-force clause, may hold
  (:data:`PROSE_FIELDS`, the paragraphs of a block scalar); DEL (U+007F);
  C1 controls (U+0080 to U+009F, among them NEL and the 8-bit CSI);
* the bidirectional embeddings, overrides and isolates (U+202A to U+202E,
  U+2066 to U+2069). The implicit marks (LRM U+200E, RLM U+200F, ALM U+061C)
  are allowed: they act as one invisible letter of a direction, cannot
  reorder the letters around them, and are how right-to-left names are
  written correctly (Unicode's UTS #55 recommends them for that);
* lone surrogates, which cannot be written as UTF-8 (every export would fail),
  and the 66 non-characters (U+FDD0 to U+FDEF and the last two of each plane).

Whatever renders text for a terminal passes it through :func:`visible`, which
shows any such character that got into a dataset some other way (one built in
code, unchecked) as its escape (``\\x1b``, ``\\u202e``), and
:func:`json_text` does the same, losslessly, for JSON.
"""

from __future__ import annotations

import json
import re
import unicodedata
from typing import Any, Final

__all__: list[str] = []

PROSE_FIELDS: Final = frozenset({"notes", "note", "text", "condition"})
"""The fields of free text, the only ones whose text may run over several lines.

``text`` and ``condition`` quote a treaty: a reservation, a declaration or an
entry-into-force clause as written, in as many paragraphs as it has.
"""

BIDI_CONTROLS: Final = "".join(map(chr, (*range(0x202A, 0x202F), *range(0x2066, 0x206A))))
"""The bidirectional embeddings, overrides and isolates, LRE to RLO and LRI to PDI."""
NONCHARACTERS: Final = "".join(map(chr, range(0xFDD0, 0xFDF0))) + "".join(
    chr(plane << 16 | last) for plane in range(17) for last in (0xFFFE, 0xFFFF)
)
"""The 66 code points Unicode sets aside never to be characters."""
# One character class, searched once a text. Its 32 non-characters beyond the
# first plane would make each search many times slower as literals of the
# class, so the class takes every character beyond the first plane, and a
# match there (an emoji, a rare ideograph) is looked at in Python: see _first.
_REFUSED = "\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff\U00010000-\U0010ffff" + BIDI_CONTROLS

_IN_LINES: Final = re.compile(f"[{_REFUSED}]")
"""What no text may hold (a line feed is allowed), or a character beyond the first plane."""
_IN_LINE: Final = re.compile(f"[\n{_REFUSED}]")
"""The same, and a line feed: what text of one line may not hold."""


def _refused(char: str) -> bool:
    """Whether a match of the patterns above is refused: all are but the characters beyond the first plane."""
    return char <= "\uffff" or ord(char) & 0xFFFE == 0xFFFE


def _first(text: str, pattern: re.Pattern[str]) -> str | None:
    """The first character of ``text`` that ``pattern`` refuses, or ``None``."""
    for found in pattern.finditer(text):
        if _refused(found.group()):
            return found.group()
    return None


_NAMES = {
    "\t": "tab",
    "\n": "line feed",
    "\r": "carriage return",
    "\x00": "null",
    "\x07": "bell",
    "\x08": "backspace",
    "\x0b": "vertical tab",
    "\x0c": "form feed",
    "\x1b": "escape",
    "\x7f": "delete",
    "\x85": "next line",
    "\x9b": "control sequence introducer",
}


def refusal(text: str, *, lines: bool = False, what: str = "text") -> str | None:
    """Why ``text`` is refused, or ``None`` if it holds none of the refused characters.

    ``lines`` allows line feeds (the free-text fields); ``what`` names what
    the text is in the message (``"text"``, ``"a key"``).
    """
    char = _first(text, _IN_LINES if lines else _IN_LINE)
    if char is None:
        return None
    code = f"U+{ord(char):04X}"
    if char == "\n":
        return f"expected {what} on one line, found a line break ({code}); only notes may have several lines"
    if unicodedata.category(char) == "Cc":
        name = _NAMES.get(char)
        return f"expected {what} without control characters, found {code}" + (f" ({name})" if name else "")
    if "\ud800" <= char <= "\udfff":
        return f"expected {what} without lone surrogates, found {code}; write the character itself"
    if unicodedata.category(char) == "Cf":
        return f"expected {what} without bidirectional controls, found {code} ({unicodedata.name(char)})"
    return f"expected {what} without non-characters, found {code}"


def _escape(found: re.Match[str]) -> str:
    char = found.group()
    return repr(char)[1:-1] if _refused(char) else char  # Python's own escape: \x1b, \t, \u202e, \ud800


def is_visible(text: str) -> bool:
    """Whether :func:`visible` would leave ``text`` as it is."""
    return _IN_LINES.search(text) is None or _first(text, _IN_LINES) is None


def visible(text: str, *, lines: bool = True) -> str:
    """``text`` with every refused character shown as its escape (``\\x1b``); line feeds too unless ``lines``.

    For whatever writes text to a terminal: a table keeps the line feeds of
    its cells, a message of one line (a :class:`~mou_tracker.Problem`) does
    not. Text without any, which is all text a checked dataset holds, is
    returned as it is, after one search.
    """
    pattern = _IN_LINES if lines else _IN_LINE
    if pattern.search(text) is None or _first(text, pattern) is None:
        return text
    return pattern.sub(_escape, text)


def _json_escape(found: re.Match[str]) -> str:
    char = found.group()
    return json.dumps(char, ensure_ascii=True)[1:-1] if _refused(char) else char  # \u007f, \u202e, \ud83f\udffe


def json_text(value: Any) -> str:
    """``value`` as indented JSON that keeps its letters (``ensure_ascii=False``) but escapes every refused character.

    The JSON module escapes C0 controls itself but writes DEL, C1 controls,
    bidirectional controls, surrogates and non-characters as they are; here
    they become ``\\u`` escapes, which every JSON reader reads back to the same text.
    """
    text = json.dumps(value, ensure_ascii=False, indent=2)
    if _IN_LINES.search(text) is None or _first(text, _IN_LINES) is None:
        return text
    return _IN_LINES.sub(_json_escape, text)
