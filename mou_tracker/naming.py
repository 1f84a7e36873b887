"""What tables, cards and pictures call an agreement: its title, its name with the short name, and a name cut to fit.

These belong with the model rather than with any one output: the reports,
the exports, the HTML of a notebook and the pictures all name an agreement
the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .model import Agreement

__all__ = ["TREE", "name_of", "named_in", "shorten", "title_of"]

TREE = " │├└─"
"""The drawing of a tree in a table, which :func:`shorten` keeps before the text and CSV leaves out."""

# Abbreviations a narrow table may use; the wide table and the data keep titles whole.
_ABBREVIATIONS = (
    ("Memorandum of Understanding", "MoU"),
    ("Memorandum of Cooperation", "MoC"),
    ("Comprehensive Strategic Partnership", "CSP"),
)
_PREFIXES = ("Viet Nam–Singapore ", "Việt Nam – Singapore ")


_MIN_BEFORE_ENDING = 8


def shorten(text: str, width: int, *, keep: str = "", at_word: bool = False) -> str:
    """``text`` in at most ``width`` characters: abbreviated, then cut with ``…``.

    Long words are abbreviated first (``Memorandum of Understanding`` →
    ``MoU``), and ``Viet Nam–Singapore`` at the start dropped; what is still
    too long is cut. An ending ``keep`` that ``text`` has, such as the
    short name ``" (ITX)"`` that :func:`name_of` adds, is kept whole while
    at least 8 characters of what comes before it fit. ``at_word`` cuts at
    a space where one falls in the second half. The drawing of a tree before
    the text is kept.

    >>> name = "Memorandum of Understanding on the Innovation Talent Exchange Programme (ITX)"
    >>> shorten(name, 32, keep=" (ITX)")
    'MoU on the Innovation Tal… (ITX)'
    >>> shorten(name, 32)
    'MoU on the Innovation Talent Ex…'
    >>> shorten("Memorandum of Understanding on Energy Cooperation", 32)
    'MoU on Energy Cooperation'
    """
    lead = len(text) - len(text.lstrip(TREE))
    prefix, text = text[:lead], text[lead:]
    width = max(width - lead, 1)
    for long, short in _ABBREVIATIONS:
        if len(text) <= width:
            break
        text = text.replace(long, short)
    for start in _PREFIXES:
        if len(text) > width:
            text = text.removeprefix(start)
    if len(text) <= width:
        return prefix + text
    if keep and text.endswith(keep) and width - len(keep) - 1 >= _MIN_BEFORE_ENDING:
        return prefix + _cut(text.removesuffix(keep), width - len(keep), at_word) + keep
    return prefix + _cut(text, width, at_word)


def _cut(text: str, width: int, at_word: bool) -> str:
    """``text``, longer than ``width``, cut to end with ``…`` within it."""
    cut = text[: width - 1]
    if at_word:
        space = cut.rfind(" ")
        if space >= width // 2:
            cut = cut[:space]
    return cut.rstrip() + "…"


def title_of(agreement: Agreement, lang: str = "en") -> str:
    """The full title in ``lang`` when the data has one, else the preferred title."""
    return agreement.titles.get(lang) or agreement.title.value if lang != "en" else agreement.title.value


def name_of(agreement: Agreement, lang: str = "en") -> str:
    """The name tables and pictures show: the title in ``lang`` (:func:`title_of`), then the short name.

    The short name follows in parentheses unless the title already holds it,
    so that an instrument known by its initials is still named in full:

    >>> import mou_tracker
    >>> name_of(mou_tracker.load()["itx"])
    'Memorandum of Understanding on the Innovation Talent Exchange Programme (ITX)'
    """
    title = title_of(agreement, lang)
    short = agreement.short
    return f"{title} ({short})" if short and short not in title else title


def named_in(names: Mapping[str, str], name: str, lang: str = "en") -> str:
    """A record's name in ``lang`` from its ``names`` by language; its own ``name`` (English) otherwise."""
    return str(names.get(lang) or name) if lang != "en" else name
