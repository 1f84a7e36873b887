"""What a plain (unquoted) YAML scalar means, and how a value read from YAML is named in messages.

YAML 1.1 readers, PyYAML's among them, take ``NO`` for false, ``012`` for
ten and ``2023-08-28`` for a date; YAML 1.2 readers take ``0o17`` and
``1e5`` for numbers that 1.1 reads as text. A data file must mean the same
to every reader, so :func:`plain_value` accepts only what all agree on
(null, true and false, decimal integers, text) and marks every other
reading as :class:`Ambiguous`, text that the converter takes only where the
text itself is meant.
"""

from __future__ import annotations

import re

import yaml
from yaml.resolver import Resolver

MAX_INT_DIGITS = 18

_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)", re.ASCII)
# YAML 1.2 core types that YAML 1.1 reads as strings: a reader of either
# version must see the same value, so these are ambiguous too.
_CORE_12 = re.compile(
    r"[-+]?(?:0o[0-7]+|0x[0-9a-fA-F]+|(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|\.(?:inf|Inf|INF))|\.(?:nan|NaN|NAN)",
    re.ASCII,
)
_RESOLVER = Resolver()
_READINGS = {
    "tag:yaml.org,2002:bool": "a boolean",
    "tag:yaml.org,2002:int": "an integer",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:timestamp": "a date",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:merge": "a merge key",
    "tag:yaml.org,2002:value": "a default-value key",
}


class Ambiguous(str):
    """A plain scalar that some YAML reader takes for something other than text.

    ``reading`` says what, for example ``"a boolean"``.
    """

    __slots__ = ("reading",)
    reading: str

    def __new__(cls, text: str, reading: str) -> Ambiguous:
        obj = super().__new__(cls, text)
        obj.reading = reading
        return obj


def plain_value(text: str) -> object:
    """The value of a plain (unquoted) scalar."""
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.fullmatch(text):
        if len(text.lstrip("+-")) > MAX_INT_DIGITS:
            return Ambiguous(text, f"an integer too long to read (over {MAX_INT_DIGITS} digits)")
        return int(text)
    tag = _RESOLVER.resolve(yaml.ScalarNode, text, (True, False))  # type: ignore[no-untyped-call]
    if tag != "tag:yaml.org,2002:str":
        return Ambiguous(text, _READINGS.get(tag, "a non-string value"))
    if _CORE_12.fullmatch(text):
        return Ambiguous(text, "a number")
    return text


def _clip(text: str, width: int = 40) -> str:
    return repr(text) if len(text) <= width else repr(text[: width - 1]) + f"… ({len(text)} characters)"


def describe(value: object) -> str:
    """What a value read from YAML is, for messages: ``the boolean true``, ``'NO', which …``."""
    if isinstance(value, Ambiguous):
        return f"{_clip(str(value))}, which YAML readers take for {value.reading}"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if value is None:
        return "null"
    if isinstance(value, int):
        return f"the integer {value}"
    if isinstance(value, str):
        return f"the text {_clip(value)}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__
