"""What a terminal would act on: the oracle the tests hold every output to, written apart from the library's own."""

from __future__ import annotations

import unicodedata


def acted_on(text: str) -> list[str]:
    """The characters of ``text`` a terminal would not show as text.

    Controls (but the line feed), bidirectional embeddings, overrides and
    isolates, lone surrogates and non-characters.
    """
    found = []
    for char in text:
        code = ord(char)
        if (
            (unicodedata.category(char) in ("Cc", "Cs") and char != "\n")
            or 0x202A <= code <= 0x202E
            or 0x2066 <= code <= 0x2069
            or 0xFDD0 <= code <= 0xFDEF
            or code & 0xFFFE == 0xFFFE
        ):
            found.append(char)
    return found
