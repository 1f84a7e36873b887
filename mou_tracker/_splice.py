"""Edits made in a data file's text, so that every byte they do not touch stays as it was.

A round-trip YAML writer keeps comments but writes the whole file again,
and may change what it was not asked to (an indentation, a line it folds).
An edit here is instead a splice: the safe parser's nodes say where each
record, key and value starts and ends, the new text is written in the
canonical layout (:mod:`._layout`) at the indentation of its neighbours,
and put in at that place; the rest of the file is the same string.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import yaml

from . import _layout
from .exceptions import MouTrackerError

__all__: list[str] = []

Node = yaml.Node


def compose(text: str) -> yaml.MappingNode:
    """The nodes of a data file that reads (its top level is a mapping)."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    assert isinstance(node, yaml.MappingNode), "a data file that reads is a mapping"
    return node


def value_of(mapping: yaml.MappingNode, key: str) -> tuple[Node, Node] | None:
    """The key node and value node of ``key`` in ``mapping``, if it is there."""
    for key_node, value_node in mapping.value:
        if key_node.value == key:
            return key_node, value_node
    return None


def record(root: yaml.MappingNode, collection: str, ident: str) -> yaml.MappingNode | None:
    """The record of ``collection`` (``agreements``…) whose id is ``ident``, in this file."""
    found = value_of(root, collection)
    if found is None or not isinstance(found[1], yaml.SequenceNode):
        return None
    for item in found[1].value:
        if isinstance(item, yaml.MappingNode):
            key = value_of(item, "id")
            if key is not None and key[1].value == ident:
                return item
    return None


def _empty(node: Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.value == "" and node.start_mark.index == node.end_mark.index


def _content_end(text: str, node: Node, key: Node | None = None) -> int:
    """Where ``node``'s own text ends: after its last character, before any comment or blank line that follows."""
    if _empty(node):
        assert key is not None, "an empty value is one of a mapping"
        return text.index(":", key.end_mark.index) + 1
    if isinstance(node, yaml.MappingNode) and node.value and node.flow_style is not True:
        last_key, last_value = node.value[-1]
        return _content_end(text, last_value, last_key)
    if isinstance(node, yaml.SequenceNode) and node.value and node.flow_style is not True:
        return _content_end(text, node.value[-1])
    end = node.end_mark.index
    while end > node.start_mark.index and text[end - 1] in " \t\r\n":
        end -= 1
    return end


def _line_end(text: str, index: int) -> tuple[int, str]:
    """The index just after the line ``index`` is on, and what to put before new lines there (a missing newline)."""
    newline = text.find("\n", index)
    if newline < 0:
        return len(text), _newline(text)
    return newline + 1, ""


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def _lines(text: str, new: str) -> str:
    """``new`` (lines ending in ``\\n``) with the line ends of ``text``."""
    return new.replace("\n", _newline(text)) if _newline(text) != "\n" else new


def _column(text: str, node: Node) -> int:
    return node.start_mark.index - (text.rfind("\n", 0, node.start_mark.index) + 1)


def append(text: str, mapping: yaml.MappingNode, key: str, item: Callable[[int, int], str]) -> str:
    """``text`` with a new last item in the list ``mapping[key]``; ``item(dash, indent)`` gives its lines.

    The list is made if the key is missing or has no value (``null``,
    ``[]``); the new item's dash and keys line up with the items before it.
    """
    found = value_of(mapping, key)
    key_column = _column(text, mapping.value[0][0]) if mapping.value else 0
    if found is None:
        at, before = _line_end(text, _content_end(text, mapping)) if mapping.value else (len(text), "")
        lines = f"{' ' * key_column}{key}:\n" + item(key_column + 2, key_column + 4)
        return text[:at] + _lines(text, before + lines) + text[at:]
    key_node, value = found
    if isinstance(value, yaml.SequenceNode) and value.value and value.flow_style is not True:
        first = value.value[0]
        dash = _column(text, value)
        indent = _column(text, first) if isinstance(first, yaml.MappingNode) else dash + 2
        at, before = _line_end(text, _content_end(text, value))
        return text[:at] + _lines(text, before + item(dash, indent)) + text[at:]
    if _empty(value) or (isinstance(value, yaml.SequenceNode) and not value.value) or value.tag.endswith(":null"):
        start, end = key_node.start_mark.index, _content_end(text, value, key_node)
        column = _column(text, key_node)
        lines = f"{key}:\n" + item(column + 2, column + 4)
        return text[:start] + _lines(text, lines.removesuffix("\n")) + text[end:]
    raise MouTrackerError(f"{key} is written as [...]: write it as a block list, one item a line, to add to it")


def replace(text: str, mapping: yaml.MappingNode, key: str, value: Any) -> str:
    """``text`` with ``mapping[key]`` set to ``value``, a text, number, boolean or ``None``; added if missing."""
    found = value_of(mapping, key)
    if found is None:
        column = _column(text, mapping.value[0][0])
        at, before = _line_end(text, _content_end(text, mapping))
        lines = " " * column + _layout.pair_lines(key, value, indent=column) + "\n"
        return text[:at] + _lines(text, before + lines) + text[at:]
    key_node, value_node = found
    if isinstance(value_node, (yaml.MappingNode, yaml.SequenceNode)):
        raise MouTrackerError(f"holds {'a list' if isinstance(value_node, yaml.SequenceNode) else 'a mapping'}")
    start, end = key_node.start_mark.index, _content_end(text, value_node, key_node)
    pair = _layout.pair_lines(key, value, indent=_column(text, key_node))
    return text[:start] + _lines(text, pair) + text[end:]
