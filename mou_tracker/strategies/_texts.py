"""Text and ids as a data file may hold them, with the awkward cases likely: the characters and strings that a
YAML writer or reader most often mistreats."""

from __future__ import annotations

from collections.abc import Collection

from hypothesis import strategies as st

from .._characters import BIDI_CONTROLS, NONCHARACTERS
from ._shared import _check_sizes, _optional, _tuples

_VIETNAMESE = (
    "ăâđêôơưĂÂĐÊÔƠƯ"
    "àáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
    "ÀÁẢÃẠẰẮẲẴẶẦẤẨẪẬÈÉẺẼẸỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌỒỐỔỖỘỜỚỞỠỢÙÚỦŨỤỪỨỬỮỰỲÝỶỸỴ"
)

# Text that a YAML reader may take for something other than text: a faithful
# writer must quote every one of them.
_YAML_LOOKALIKES = (
    "", " ", "~", "null", "NULL", "true", "False", "yes", "NO", "on", "Off",
    "0", "012", "+1", "-0", "1_000", "0x1f", "0o17", "0b101",
    "1.5", ".5", "+.5", "1.", "1e5", "1E+5", "1e-5", "0e0", ".inf", "-.INF", ".nan",
    "2023", "2023-08-28", "2023-08-28 10:00", "12:30", "1:20:30",
    "<<", "=", "-", "- a", "a: b", "#x", "'q'", '"q"', "[a]", "{a: b}", "!tag", "&a", "*a", "|", ">", "%x", "@x", "`x",
)  # fmt: skip

# Characters that are not control characters but that YAML writers and readers
# treat specially: line and paragraph separators, byte order mark, the
# bidirectional marks (allowed, unlike the overrides and isolates), the last
# character of Unicode that is not a non-character, no-break and zero-width
# spaces, soft hyphen, combining accents, quotes.
_AWKWARD = "\u2028\u2029\ufeff\u200e\u200f\u061c\U0010fffd\u00a0\u3000\u200b\u00ad\u0301\ufffd'\"\\:#-"

_CHARACTERS = st.one_of(
    # No control character (Cc), lone surrogate (Cs) or other character text may not hold.
    st.characters(exclude_categories=("Cc", "Cs"), exclude_characters=BIDI_CONTROLS + NONCHARACTERS),
    st.sampled_from(_VIETNAMESE),
    st.sampled_from(_AWKWARD),
)

_ID_PART = st.text("abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8)
_ID_LOOKALIKES = ("no", "yes", "on", "off", "null", "true", "0", "012", "123", "0x1f", "0o17", "1e5", "2023", "nan")


# -- text and ids -------------------------------------------------------------


def texts(*, min_size: int = 0, max_size: int = 20) -> st.SearchStrategy[str]:
    """Printable text, as a data file may hold it: no control characters, bidirectional overrides or non-characters.

    Vietnamese letters, characters that YAML treats specially (line and
    paragraph separators, byte order marks, no-break spaces, quotes), the
    bidirectional marks that right-to-left text uses (LRM, RLM, ALM) and
    strings a YAML reader would take for numbers, booleans or dates (``"no"``,
    ``"2023"``, ``"1e5"``) are all likely, so that a writer or reader that
    mistreats them fails quickly.
    """
    _check_sizes(min_size, max_size, "texts")
    # A list joined, not st.text: st.text would merge the alphabets and rarely pick the special ones.
    free = st.lists(_CHARACTERS, min_size=min_size, max_size=max_size).map("".join)
    fitting = [t for t in _YAML_LOOKALIKES if min_size <= len(t) <= max_size]
    choices: list[st.SearchStrategy[str]] = [free]
    if fitting:
        choices.append(st.sampled_from(fitting))
    if max_size >= 1:
        low = max(min_size, 1)
        choices.append(
            st.lists(st.sampled_from(_AWKWARD), min_size=low, max_size=min(max(low, 4), max_size)).map("".join)
        )
    return st.one_of(choices)


def _nonblank(*, max_size: int = 20) -> st.SearchStrategy[str]:
    """Text with at least one character that is not white space."""
    return texts(min_size=1, max_size=max_size).filter(lambda t: bool(t.strip()))


def ids() -> st.SearchStrategy[str]:
    """An id: lowercase ASCII letters and digits in parts joined by single hyphens.

    Ids that a YAML reader would take for something else (``no``, ``0x1f``,
    ``2023``) are likely.
    """
    joined = st.lists(_ID_PART, min_size=1, max_size=3).map("-".join)
    return st.one_of(joined, st.sampled_from(_ID_LOOKALIKES))


def _fresh_id(draw: st.DrawFn, taken: Collection[str]) -> str:
    """An id drawn from :func:`ids`, with a numbered suffix if it is one of ``taken``."""
    base = ident = draw(ids())
    suffix = 1
    while ident in taken:
        ident, suffix = f"{base}-{suffix}", suffix + 1
    return ident


def languages() -> st.SearchStrategy[str]:
    """A language tag as the data accepts it: ``en``, ``vi``, ``zh-Hant-TW``, ``es-419``."""
    return st.one_of(
        st.sampled_from(["en", "vi", "fr", "zh", "ms", "no", "yes", "off"]),
        st.from_regex(r"[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?", fullmatch=True),
    )


def urls() -> st.SearchStrategy[str]:
    """An ``http`` or ``https`` address."""
    return st.from_regex(r"https?://[a-z0-9][a-z0-9.-]{0,15}(/[A-Za-z0-9._~%!$&'()*+,;=:@/?#-]{0,20})?", fullmatch=True)


_TEXT = texts()
_MAYBE_TEXT = _optional(_TEXT)
_TEXT_TUPLES = _tuples(_TEXT)
_NONBLANK = _nonblank()
_LANGUAGES = languages()
_NAMES = st.dictionaries(_LANGUAGES, _NONBLANK, max_size=2)
_MAYBE_URL = _optional(urls())
