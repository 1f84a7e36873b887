"""The canonical layout of a data file, written by ruamel.yaml so that the comments stay.

PyYAML, which reads the data (:mod:`._yaml`), forgets comments; ruamel.yaml's
round-trip mode keeps them, and the order of keys, the flow or block style
of each list and mapping and the block scalars (``>-``, ``|``) as written.
The layout it gives here is the one ``mou-tracker fmt`` writes and the one
a record that ``mou-tracker add`` writes is given:

- the top-level keys in the order of the format (``schema_version``,
  ``sources``, ``signatories``, ``people``, ``areas``, ``agreements``), and
  the keys of every record in the order the format lists them;
- mappings indented by two spaces, a list's dash two spaces in from its
  key and the item's keys two further in (``  - id: …``);
- a text plain where every YAML reader reads it back as that text, in
  single quotes where one would not (``'NO'``, ``'2023-08-28'``), in double
  quotes, escaped, where it holds a character a data file may not hold raw;
  a text of several lines as a literal block (``|``) unless written as a
  block already; ``null`` written ``null``; no text folded onto a second
  line.

Everything else is as the curator wrote it: comments and blank lines, the
order of the records in each list, ``[a, b]`` or one item a line, block
scalars and where their lines break, which optional keys are written.
"""

from __future__ import annotations

import io
import types
import typing
from collections.abc import Mapping
from typing import Any

import attrs
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from . import _yaml
from ._convert import _is_date_type
from ._decoding import _CONTROL
from ._parts import _RECORDS
from .model import Claim, Claimed

__all__: list[str] = []

# No text is folded onto a second line: a curator's line breaks are kept in block scalars only.
_WIDTH = 1 << 30


def _represent_null(representer: RoundTripRepresenter, _value: None) -> Any:
    return representer.represent_scalar("tag:yaml.org,2002:null", "null")


def _writer() -> YAML:
    """A round-trip reader and writer in the canonical indentation."""
    writer = YAML(typ="rt", pure=True)
    writer.indent(mapping=2, sequence=4, offset=2)
    writer.width = _WIDTH
    writer.allow_unicode = True
    writer.representer.add_representer(type(None), _represent_null)
    return writer


def styled(text: str) -> str:
    """``text`` as the scalar type ruamel.yaml writes in the canonical quoting."""
    if isinstance(text, (LiteralScalarString, FoldedScalarString)):
        return text
    plain = str(text)
    if _CONTROL.search(plain) or "\r" in plain:
        return typing.cast(str, DoubleQuotedScalarString(plain))
    if "\n" in plain:
        return typing.cast(str, LiteralScalarString(plain))
    if type(_yaml.plain_value(plain)) is not str:
        return typing.cast(str, SingleQuotedScalarString(plain))
    return plain


def _field_types(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {field.name: hints[field.name] for field in attrs.fields(cls)}


def _shaped(value: Any, kind: Any) -> Any:
    """``value`` (as ruamel.yaml read it) with its keys in the format's order and its texts quoted canonically."""
    if isinstance(value, str):
        return styled(value)
    kind = _unwrapped(kind)
    origin = typing.get_origin(kind)
    if isinstance(value, CommentedSeq):
        item: Any = None
        if origin is tuple:
            item = typing.get_args(kind)[0]
        elif origin is Claimed:
            item = Claim
        for i, element in enumerate(value):
            value[i] = _shaped(element, item)
        return value
    if isinstance(value, CommentedMap):
        if origin is Claimed:
            return _shaped(value, typing.get_args(kind)[0])
        cls = origin or kind
        fields: Mapping[str, Any] = _field_types(cls) if isinstance(cls, type) and attrs.has(cls) else {}
        if kind is _TOP:
            fields = _TOP_FIELDS
        for position, key in enumerate(list(value)):
            shaped = _shaped(value[key], fields.get(key))
            if isinstance(key, str) and styled(key) is not key:  # a key the strict reader would take for a boolean
                comment = value.ca.items.pop(key, None)
                del value[key]
                key = styled(key)  # noqa: PLW2901 - the same key, quoted
                value.insert(position, key, shaped)
                if comment is not None:
                    value.ca.items[key] = comment
            else:
                value[key] = shaped
        for key in [k for k in fields if k in value] + [k for k in value if k not in fields]:
            value.move_to_end(key)
        return value
    return value


def _is_date(kind: Any) -> bool:
    """Whether a field of type ``kind`` holds a date or an interval."""
    return _is_date_type(kind)


def _unwrapped(kind: Any) -> Any:
    """``X`` for ``X | None``; any other type as it is."""
    if isinstance(kind, types.UnionType) or typing.get_origin(kind) is typing.Union:
        others = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        if len(others) == 1:
            return others[0]
    return kind


_TOP = object()
_LIST: Any = tuple
_TOP_FIELDS: Mapping[str, Any] = {"schema_version": int, **{name: _LIST[cls, ...] for name, cls in _RECORDS.items()}}


def canonical(text: str) -> str:
    """``text``, a data file that reads, in the canonical layout, its comments kept."""
    writer = _writer()
    document = writer.load(text)
    out = io.StringIO()
    writer.dump(_shaped(document, _TOP), out)
    return out.getvalue()


def record_lines(plain: Mapping[str, Any], cls: type, *, indent: int, dash: int) -> str:
    """The lines of a new record as an item of a block list: its dash at column ``dash``, its keys at ``indent``.

    ``plain`` holds only texts, numbers, booleans, ``None`` and lists of
    texts (written ``[a, b]``), keyed by the fields of ``cls``.
    """
    document = CommentedMap()
    for key, value in plain.items():
        document[key] = _new_value(value)
    body = _dumped(_shaped(document, cls)).splitlines(keepends=True)
    pad = " " * indent
    first = " " * dash + "-" + " " * (indent - dash - 1) + body[0]
    return first + "".join(pad + line if line.strip() else line for line in body[1:])


def pair_lines(key: str, value: Any, *, indent: int) -> str:
    """``key: value`` in the canonical layout, its lines after the first indented by ``indent``; no final newline."""
    document = CommentedMap()
    document[key] = _new_value(value)
    lines = _dumped(document).splitlines(keepends=True)
    text = lines[0] + "".join(" " * indent + line if line.strip() else line for line in lines[1:])
    return text.removesuffix("\n")


def _new_value(value: Any) -> Any:
    if isinstance(value, list):
        seq = CommentedSeq(styled(v) if isinstance(v, str) else v for v in value)
        seq.fa.set_flow_style()
        return seq
    return styled(value) if isinstance(value, str) else value


def _dumped(document: CommentedMap) -> str:
    out = io.StringIO()
    _writer().dump(document, out)
    return out.getvalue()
