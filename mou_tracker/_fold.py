"""Text folded for search: one way to compare what people type with what the data holds.

Names, titles and search words are compared folded, so that ``viet nam``
finds ``Việt Nam`` and ``ITX`` finds ``itx``. It needs nothing but the
standard library: the lookups by name of a dataset and the text filter of a
query fold alike.
"""

from __future__ import annotations

import unicodedata

__all__ = ["fold"]

# Letters with a stroke or bar, which Unicode does not decompose into a base
# letter and a mark: read as their plain letter.
_STROKES = {"đ": "d", "Đ": "D", "ð": "d", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O"}


class _Bare(dict[int, "int | str | None"]):
    """A ``str.translate`` table that drops combining marks and unstrokes letters, learning each character once."""

    def __missing__(self, code: int) -> int | str | None:
        char = chr(code)
        kept = None if unicodedata.combining(char) else _STROKES.get(char, code)
        self[code] = kept
        return kept


_BARE = _Bare()


def fold(text: str) -> str:
    """Text folded for search: no case, no diacritics (``Tô Lâm`` → ``to lam``, ``đầu tư`` → ``dau tu``).

    The text is decomposed (NFKD), its combining marks dropped, the letters
    with a stroke (đ, ł, ø, ð) read as plain ones, and it is case-folded,
    with runs of white space made one space.
    """
    if text.isascii():  # nothing to decompose, drop or unstroke
        return " ".join(text.casefold().split())
    return " ".join(unicodedata.normalize("NFKD", text).translate(_BARE).casefold().split())
