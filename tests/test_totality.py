"""The loader is total: any input loads, or raises DataError with every problem located.

"Located" is checked in its strongest form, which holds for every problem
:func:`mou_tracker.loads` reports: ``problem.file`` is the filename given,
``problem.line`` and ``problem.column`` are both set, and they name a place
in the text: a line it has (lines counted as YAML counts them, CR LF, CR and
LF alike) and a column from 1 to one past that line's last character. The
only problems with no line are about a path rather than a text (a file that
cannot be read or is over ``max_bytes``, a directory with no data files);
only :func:`mou_tracker.load` gives those, and they are tested in
test_loading.py. (A YAML reader error would have no position either, but
every character a reader refuses is refused, with its position, before the
text is parsed.)

The inputs are arbitrary and nearly-encoded bytes, arbitrary and YAML-shaped
text, documents generated as plain data and dumped by PyYAML in many styles,
and a few edits of the bundled dataset and of generated valid datasets. A
child process loads seeded edits and pathological inputs, and runs the CLI on
edited files, to show that the process itself never dies.
"""

from __future__ import annotations

import collections
import enum
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import attrs
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import mou_tracker
from mou_tracker import DataError, Dataset, Problem, _yaml, model
from mou_tracker.loading import bundled_path, dumps
from mou_tracker.strategies import broken_datasets, datasets

BUNDLED = bundled_path().read_bytes()
FILENAME = "data.yaml"

# An example takes from a millisecond (short bytes) to tens of milliseconds
# (an edit of the bundled file, a whole generated dataset, the pure-Python
# parser). The slowest tests run at most 100 examples even under the thorough
# profile, so that the whole file takes well under a minute there. No
# deadline: how long an example takes is not what these tests are about.
FULL = settings(deadline=None)
CAPPED = settings(max_examples=min(settings().max_examples, 100), deadline=None)


# -- the law --------------------------------------------------------------------


def text_lines(data: str | bytes) -> list[str]:
    """The lines of ``data`` as YAML counts them (CR LF, CR and LF alike); bytes read as UTF-8, bad bytes replaced."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def assert_located(error: DataError, data: str | bytes, filename: str) -> None:
    """Every problem of ``error`` is in ``filename``, at a line and column that exist in ``data``."""
    assert error.problems, "a DataError with no problem"
    lines = text_lines(data)
    for problem in error.problems:
        assert isinstance(problem, Problem)
        assert filename == problem.file, problem
        assert problem.line is not None, problem
        assert 1 <= problem.line <= len(lines), (problem, len(lines))
        assert problem.column is not None, problem
        assert 1 <= problem.column <= len(lines[problem.line - 1]) + 1, (problem, lines[problem.line - 1][:200])
        assert str(problem).startswith(f"{filename}:{problem.line}:{problem.column}: $"), problem
        assert problem.message, problem


def outcome(data: str | bytes, filename: str = FILENAME) -> Dataset | DataError:
    """What loading ``data`` gives: a Dataset, or a DataError whose problems are all located.

    Any other exception propagates and fails the test.
    """
    try:
        dataset = mou_tracker.loads(data, filename=filename)
    except DataError as error:
        assert_located(error, data, filename)
        return error
    assert isinstance(dataset, Dataset)
    return dataset


def same(expected: Dataset | DataError, actual: Dataset | DataError) -> bool:
    """Two outcomes are the same dataset, or the same problems in the same order."""
    if isinstance(expected, DataError) and isinstance(actual, DataError):
        return expected.problems == actual.problems
    return expected == actual


def messages(result: Dataset | DataError) -> list[str]:
    """The messages of the problems, in order; none for a dataset."""
    return [p.message for p in result.problems] if isinstance(result, DataError) else []


def pure_python() -> Any:
    """Within a ``with`` block, parse with PyYAML's pure-Python loader instead of libyaml's."""
    return mock.patch.object(_yaml, "_Loader", yaml.SafeLoader)


# -- vocabulary -------------------------------------------------------------------

COLLECTIONS: dict[str, type[Any]] = {
    "sources": model.Source,
    "signatories": model.Signatory,
    "people": model.Person,
    "areas": model.Area,
    "agreements": model.Agreement,
}
_MODEL_CLASSES = [c for c in vars(model).values() if isinstance(c, type) and attrs.has(c)]
FIELD_NAMES = sorted({f.name for cls in _MODEL_CLASSES for f in attrs.fields(cls)})
KEYS = sorted({*FIELD_NAMES, "schema_version", *COLLECTIONS})
ENUM_VALUES = sorted(
    {
        m.value
        for c in vars(model).values()
        if isinstance(c, type) and issubclass(c, enum.Enum) and c is not enum.Enum
        for m in c
    }
)
IDS = ("s1", "s2", "vn", "sg", "lee", "itx", "science", "a", "b", "no", "0x1f", "UPPER", "with space", "")
LOOKALIKES = (
    "", " ", "~", "null", "Null", "NULL", "true", "False", "yes", "no", "NO", "on", "Off", "y", "n",
    "0", "-0", "012", "+1", "1_000", "0x1f", "0o17", "0b101", "1e5", ".5", "1.", "1.10", ".inf", "-.INF", ".nan",
    "12:30", "1:20:30", "2023-08-28 10:00", "2023-08-28T10:00:00Z", "<<", "=", "-", "- a", "a: b", "#x",
    "&a", "*a", "!tag", "!!str", "|", ">", "%x", "@x", "`x", "'q'", '"q"', "[a]", "{a: b}", "? a", "---", "...",
)  # fmt: skip
DATE_TEXTS = (
    "2013", "2025-10", "2023-08-28", "2025/2030", "2005/2025-03-25", "2023/..", "../2025", "../..", "2023-08-28/",
    "/2023", "..", "/", "0000", "0001-01-01", "9999-12-31", "10000", "2023-13", "2023-00", "2023-02-29",
    "2024-02-29", "2023-02-30", "2030/2025", "2023-8-28", "2023-08-28T10:00", "-2023", "2023?", "2023~", "2023-21",
)  # fmt: skip
LONG = ("a", "é ", "x\n", "- ", "1", "[", "{a: ", "ầ", "\t", "'")

# The tokens an edit puts in place of a value, or anywhere.
TOKENS: tuple[bytes, ...] = (
    b"[", b"{", b"]", b"}", b"*x", b"&x", b"&x [*x]", b"!!python/object:os.system", b"!!python/object/apply:os.system",
    b"!!binary", b"!x", b"!<tag:x,2000:y>", b"? ", b"\t", b"- ", b": ", b",", b"|", b">-", b"|9", b"'", b'"', b"#",
    b"%YAML 1.1", b"@", b"`", b"~", b"no", b"0x1f", b"1e5", b"2023-02-30", b"2023/..", b"---", b"...", b"",
    b"[]", b"{}", b"{a: b, a: c}", b"null", b"true", b"-1", b"99999999999999999999", b"\\u0000", b'"\\x"',
    b"\xef\xbb\xbf", b"\xe2\x80\xa8", b"\xc2\x85", b"\r",
)  # fmt: skip


# -- edits of a file ------------------------------------------------------------------

Pick = Callable[[int, int], int]
"""A source of integers: ``pick(lo, hi)`` is one from ``lo`` to ``hi``, both included."""


def _range(data: bytes, pick: Pick) -> tuple[int, int]:
    start = pick(0, len(data))
    return start, min(len(data), start + pick(0, 256))


def _delete(data: bytes, pick: Pick) -> bytes:
    start, end = _range(data, pick)
    return data[:start] + data[end:]


def _duplicate(data: bytes, pick: Pick) -> bytes:
    start, end = _range(data, pick)
    return data[:end] + data[start:end] + data[end:]


def _overwrite(data: bytes, pick: Pick) -> bytes:
    if not data:
        return bytes([pick(0, 255)])
    at = pick(0, len(data) - 1)
    return data[:at] + bytes([pick(0, 255)]) + data[at + 1 :]


def _insert(data: bytes, pick: Pick) -> bytes:
    at = pick(0, len(data))
    return data[:at] + bytes(pick(0, 255) for _ in range(pick(1, 8))) + data[at:]


def _insert_token(data: bytes, pick: Pick) -> bytes:
    at = pick(0, len(data))
    return data[:at] + TOKENS[pick(0, len(TOKENS) - 1)] + data[at:]


def _swap_lines(data: bytes, pick: Pick) -> bytes:
    lines = data.split(b"\n")
    a, b = pick(0, len(lines) - 1), pick(0, len(lines) - 1)
    lines[a], lines[b] = lines[b], lines[a]
    return b"\n".join(lines)


def _indent(data: bytes, pick: Pick) -> bytes:
    lines = data.split(b"\n")
    at = pick(0, len(lines) - 1)
    lines[at] = b" " * pick(0, 12) + lines[at].lstrip(b" ")
    return b"\n".join(lines)


def _truncate(data: bytes, pick: Pick) -> bytes:
    return data[: pick(0, len(data))]


_VALUE = re.compile(rb"(?::|^ *-) ")


def _replace_value(data: bytes, pick: Pick) -> bytes:
    """The value after a ``key: `` or ``- `` on some line becomes a token."""
    lines = data.split(b"\n")
    candidates = [i for i, line in enumerate(lines) if _VALUE.search(line)] or list(range(len(lines)))
    at = candidates[pick(0, len(candidates) - 1)]
    found = _VALUE.search(lines[at])
    keep = lines[at][: found.end()] if found else lines[at]
    lines[at] = keep + TOKENS[pick(0, len(TOKENS) - 1)]
    return b"\n".join(lines)


EDITS = (
    _delete,
    _duplicate,
    _overwrite,
    _insert,
    _swap_lines,
    _indent,
    _truncate,
    _replace_value,
    _insert_token,
)


def mutate(data: bytes, pick: Pick) -> bytes:
    """``data`` after one to three edits chosen by ``pick``."""
    for _ in range(pick(1, 3)):
        data = EDITS[pick(0, len(EDITS) - 1)](data, pick)
    return data


@st.composite
def mutations(draw: st.DrawFn, base: bytes) -> bytes:
    """``base`` after one to three edits."""
    return mutate(base, lambda lo, hi: draw(st.integers(lo, hi)))


@st.composite
def mutated_datasets(draw: st.DrawFn) -> bytes:
    """A generated dataset, valid or with one defect, as YAML, after one to three edits."""
    text = draw(st.one_of(datasets().map(dumps), broken_datasets().map(lambda broken: broken.text)))
    return draw(mutations(text.encode("utf-8")))


# -- generated documents ------------------------------------------------------------


@attrs.frozen
class Tagged:
    """A value PyYAML writes with an explicit tag."""

    tag: str
    value: object


class _Dumper(yaml.SafeDumper):
    """The safe dumper, that also writes :class:`Tagged` values."""


class _CDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """The same with libyaml's emitter (when there), many times faster, but that cannot write lone surrogates."""


def _represent_tagged(dumper: yaml.SafeDumper, tagged: Tagged) -> yaml.Node:
    if isinstance(tagged.value, list):
        return dumper.represent_sequence(tagged.tag, tagged.value)
    if isinstance(tagged.value, dict):
        return dumper.represent_mapping(tagged.tag, tagged.value)
    return dumper.represent_scalar(tagged.tag, str(tagged.value))


_Dumper.add_representer(Tagged, _represent_tagged)
_CDumper.add_representer(Tagged, _represent_tagged)

TAGS = (
    "!x",
    "!",
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:binary",
    "tag:yaml.org,2002:set",
    "tag:yaml.org,2002:python/object/apply:os.system",
    "tag:example.com,2000:y",
)

PLAIN_SCALARS: st.SearchStrategy[object] = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=20),
    st.sampled_from(LOOKALIKES),
    st.sampled_from(DATE_TEXTS),
    st.sampled_from(ENUM_VALUES),
    st.sampled_from(IDS),
    st.sampled_from(KEYS),
    st.dates(),
    st.datetimes(),
    st.builds(lambda unit, n: unit * n, st.sampled_from(LONG), st.integers(1000, 100_000)),
)
"""Scalars PyYAML writes without a tag."""
SCALARS = st.one_of(PLAIN_SCALARS, st.binary(max_size=8))
TEXT_KEYS = st.one_of(st.sampled_from(KEYS), st.text(max_size=10), st.builds(lambda n: "k" * n, st.integers(100, 2000)))
MAP_KEYS = st.one_of(TEXT_KEYS, st.integers(), st.booleans(), st.none(), st.floats(), st.dates())


def _values(
    scalars: st.SearchStrategy[object], keys: st.SearchStrategy[object], *, tags: bool, max_leaves: int
) -> st.SearchStrategy[object]:
    """Scalars, lists and mappings (and tagged values, if ``tags``), nested."""

    def extend(children: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
        containers = st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=5))
        if not tags:
            return containers
        return st.one_of(containers, st.builds(Tagged, st.sampled_from(TAGS), st.lists(children, max_size=3)))

    leaves = st.one_of(scalars, st.builds(Tagged, st.sampled_from(TAGS), scalars)) if tags else scalars
    return st.recursive(leaves, extend, max_leaves=max_leaves)


VALUES = _values(SCALARS, MAP_KEYS, tags=True, max_leaves=25)
"""Plain data of any shape: tagged values, non-text keys."""
PLAIN_VALUES = _values(PLAIN_SCALARS, TEXT_KEYS, tags=False, max_leaves=5)
"""Small plain data that the strict reader parses (no tags, text keys), so that the structural checks run."""


def _records(cls: type[Any]) -> st.SearchStrategy[object]:
    """A mapping with (mostly) the keys of ``cls``, usually an id first, and values of any shape."""
    names = [f.name for f in attrs.fields(cls)]
    nested = st.dictionaries(
        st.sampled_from(FIELD_NAMES), st.one_of(PLAIN_SCALARS, st.lists(PLAIN_SCALARS, max_size=3)), max_size=4
    )
    values = st.one_of(
        PLAIN_SCALARS, st.lists(st.one_of(st.sampled_from(IDS), nested), max_size=3), nested, PLAIN_VALUES
    )
    fields = st.dictionaries(st.one_of(st.sampled_from(names), TEXT_KEYS), values, max_size=6)
    return st.one_of(
        st.builds(lambda ident, rest: {"id": ident, **rest}, st.sampled_from(IDS), fields),
        fields,
        PLAIN_VALUES,
    )


@st.composite
def structured(draw: st.DrawFn) -> dict[object, object]:
    """A document with schema_version (usually 1) and some of the collections, so that the structural checks run."""
    doc: dict[object, object] = {"schema_version": 1 if draw(st.integers(0, 3)) else draw(PLAIN_SCALARS)}
    for name, cls in COLLECTIONS.items():
        if draw(st.integers(0, 4)):
            doc[name] = draw(st.one_of(st.lists(_records(cls), max_size=3), PLAIN_VALUES))
    doc.update(draw(st.dictionaries(TEXT_KEYS, PLAIN_VALUES, max_size=2)))
    return doc


def _containers(value: object) -> Iterator[list[object] | dict[object, object]]:
    seen: set[int] = set()
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, Tagged):
            pending.append(item.value)
        elif isinstance(item, (list, dict)) and id(item) not in seen:
            seen.add(id(item))
            yield item
            pending.extend(item.values() if isinstance(item, dict) else item)


@st.composite
def documents(draw: st.DrawFn) -> object:
    """Plain data, structured like a data file or not, sometimes with a shared (aliased, even recursive) part."""
    doc = draw(st.one_of(structured(), VALUES))
    containers = list(_containers(doc))
    if containers and draw(st.integers(0, 3)) == 0:
        shared = containers[draw(st.integers(0, len(containers) - 1))]
        into = containers[draw(st.integers(0, len(containers) - 1))]
        if isinstance(into, list):
            into.append(shared)
        else:
            into[draw(st.sampled_from(KEYS))] = shared
    return doc


Draw = Callable[[st.SearchStrategy[Any]], Any]
"""``draw`` of a composite strategy, or ``data.draw`` of ``st.data()``."""


def _dump(draw: Draw, doc: object, *, canonical: bool = True) -> str:
    """``doc`` written by PyYAML in a drawn style (perhaps the canonical one, every node tagged)."""
    style: dict[str, Any] = dict(
        default_flow_style=draw(st.sampled_from([False, True, None])),
        allow_unicode=draw(st.booleans()),
        width=draw(st.sampled_from([80, 20, 1_000_000])),
        indent=draw(st.integers(2, 9)),
        explicit_start=draw(st.booleans()),
        explicit_end=draw(st.booleans()),
        canonical=canonical and draw(st.sampled_from([False, False, False, True])),
        line_break=draw(st.sampled_from(["\n", "\r\n", "\r"])),
        version=draw(st.sampled_from([None, (1, 1)])),
        sort_keys=False,
    )
    try:
        text: str = yaml.dump(doc, Dumper=_CDumper, **style)
    except UnicodeEncodeError:  # a lone surrogate, which only the pure-Python emitter escapes
        text = yaml.dump(doc, Dumper=_Dumper, **style)
    return text


@st.composite
def yaml_texts(draw: st.DrawFn) -> str:
    """A generated document dumped by PyYAML in some style."""
    return _dump(draw, draw(documents()))


@st.composite
def yaml_documents(draw: st.DrawFn) -> str | bytes:
    """A generated document dumped by PyYAML, as text or as bytes (UTF-8, perhaps with a BOM)."""
    text = draw(yaml_texts())
    encoding = draw(st.sampled_from([None, "utf-8", "utf-8-sig"]))
    return text if encoding is None else text.encode(encoding, "surrogatepass")


def _nest(depth: int, kinds: list[bool], leaf: object) -> object:
    value = leaf
    for level in range(depth):
        value = {"a": value} if kinds[level % len(kinds)] else [value]
    return value


# -- bytes and text ----------------------------------------------------------------------

PREFIXES = (
    b"",
    b"schema_version: 1\n",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"schema_version: 1\nsources:\n  - ",
)

# Byte sequences that are not UTF-8: a stray continuation byte, a lead byte
# with no continuation, overlong forms, an encoded surrogate, a code point past
# U+10FFFF, bytes that never occur, a cut-off character.
NOT_UTF8 = (
    b"\x80", b"\xbf", b"\xc2", b"\xe1\x80", b"\xf0\x90\x80", b"\xc0\xaf", b"\xe0\x80\xaf", b"\xf0\x80\x80\xaf",
    b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\xf4\x90\x80\x80", b"\xf5", b"\xfe", b"\xff", b"\xc3\x28", b"\xe2\x28\xa1",
)  # fmt: skip

YAMLISH = st.lists(
    st.one_of(
        st.sampled_from(list("ab: -[]{},'\"&*!?#|>%@`~\n\r\t 0129.\\")),
        st.sampled_from(["\ufeff", "\x00", "\x85", "\u2028", "\ud800", "é", "\U0001f600", "  ", "- ", ": "]),
        st.sampled_from([*KEYS, *LOOKALIKES, *DATE_TEXTS]),
    ),
    max_size=40,
).map("".join)


@st.composite
def nearly_utf8(draw: st.DrawFn) -> bytes:
    """UTF-8 text with one to three byte sequences that are not UTF-8 put in."""
    text = draw(st.one_of(YAMLISH, st.text(max_size=100), yaml_texts()))
    data = text.encode("utf-8", "surrogatepass")
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from(NOT_UTF8)) + data[at:]
    return data


ENCODINGS = ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be")
BOMS = {
    "utf-16-le": b"\xff\xfe",
    "utf-16-be": b"\xfe\xff",
    "utf-32-le": b"\xff\xfe\x00\x00",
    "utf-32-be": b"\x00\x00\xfe\xff",
}


# -- tests -------------------------------------------------------------------------------


class TestBytes:
    @FULL
    @given(st.sampled_from(PREFIXES), st.binary(max_size=2000))
    def test_any_bytes(self, prefix: bytes, data: bytes) -> None:
        """Any bytes, alone or after the start of a data file or a BOM, load or give located problems."""
        outcome(prefix + data)

    @FULL
    @given(nearly_utf8())
    def test_nearly_utf8(self, data: bytes) -> None:
        """Bytes that are not UTF-8 are refused once, at the first byte that cannot be decoded; a BOM shifts nothing."""
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            first = exc.start
        else:
            assume(False)  # what was put in made characters with what was around it
        result = outcome(data)
        assert isinstance(result, DataError)
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # what was put in reads as a UTF-16 BOM
            assert ["the file is UTF-16; save it as UTF-8"] == messages(result)
            return
        before = text_lines(data[:first].decode("utf-8").removeprefix("\ufeff"))
        message = f"the file is not valid UTF-8: byte 0x{data[first]:02x} cannot be decoded"
        assert [(len(before), len(before[-1]) + 1, message)] == [(p.line, p.column, p.message) for p in result.problems]
        if not data.startswith(b"\xef\xbb\xbf"):  # a second BOM would be a character of the text
            assert same(result, outcome(b"\xef\xbb\xbf" + data))

    @FULL
    @given(st.one_of(YAMLISH, st.text(max_size=50)), st.sampled_from(ENCODINGS), st.booleans())
    def test_wide_encodings(self, text: str, encoding: str, bom: bool) -> None:
        """UTF-16 and UTF-32, with or without a BOM, load or give located problems; after a UTF-16 BOM, advice."""
        data = text.encode(encoding, "surrogatepass")
        if encoding in BOMS:
            data = (BOMS[encoding] if bom else b"") + data
        result = outcome(data)
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            assert ["the file is UTF-16; save it as UTF-8"] == messages(result)

    @FULL
    @given(st.one_of(YAMLISH, st.text(max_size=100)))
    def test_any_text(self, text: str) -> None:
        """Any text (lone surrogates, control characters, BOMs, YAML punctuation) loads or gives located problems."""
        outcome(text)

    @FULL
    @given(st.one_of(YAMLISH, st.text(max_size=100), yaml_texts()))
    def test_text_and_its_utf8_agree(self, text: str) -> None:
        """Text, its UTF-8 bytes, and either after a byte order mark all give the same dataset or the same problems."""
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: text only
            outcome(text)
            return
        expected = outcome(text)
        others: list[str | bytes] = [data]
        if not text.startswith("\ufeff"):  # a second BOM would be a character of the text
            others += ["\ufeff" + text, b"\xef\xbb\xbf" + data]
        for other in others:
            actual = outcome(other)
            assert same(expected, actual), (messages(expected), messages(actual), other[:80])

    @FULL
    @given(st.sampled_from(sorted({"data.yaml", "<string>", "dir/sub/ü.yml", "C:\\x\\y.yaml", " ", "a:1:2"})))
    def test_filename_is_kept(self, filename: str) -> None:
        """Every problem carries the filename exactly as given."""
        result = outcome(b"schema_version: 1\nx: [\xff", filename=filename)
        assert isinstance(result, DataError)
        assert [filename] == [p.file for p in result.problems]


class TestGeneratedYaml:
    @FULL
    @given(yaml_documents())
    def test_dumped_documents(self, data: str | bytes) -> None:
        """Plain data of any shape in any PyYAML style (flow, tags, aliases, long and look-alike scalars) is total."""
        outcome(data)

    @FULL
    @given(st.data())
    def test_structured_documents(self, data: st.DataObject) -> None:
        """Documents with schema_version and the real collections, records keyed by real field names, are total."""
        doc = data.draw(structured())
        outcome(_dump(data.draw, doc, canonical=False))

    @FULL
    @given(st.integers(1, 100), st.lists(st.booleans(), min_size=1, max_size=3), SCALARS, st.data())
    def test_nesting_refused_past_the_limit(
        self, depth: int, kinds: list[bool], leaf: object, data: st.DataObject
    ) -> None:
        """Nesting beyond MAX_DEPTH (64) containers is refused with a located problem, and no shallower nesting is."""
        text = _dump(data.draw, {"schema_version": 1, "notes": _nest(depth, kinds, leaf)})
        result = outcome(text)
        deep = [m for m in messages(result) if m.startswith("nesting deeper than 64 levels")]
        # The document itself is one level: the container ``depth`` levels down is at ``depth + 1``.
        assert (depth + 1 > _yaml.MAX_DEPTH) == bool(deep)


class TestEdits:
    @FULL
    @given(mutations(BUNDLED))
    def test_edited_bundled_file(self, data: bytes) -> None:
        """One to three edits of the bundled file: it loads (and writes back the same) or gives located problems."""
        result = outcome(data)
        if isinstance(result, Dataset):
            assert result == mou_tracker.loads(dumps(result))

    @CAPPED
    @given(mutated_datasets())
    def test_edited_generated_dataset(self, data: bytes) -> None:
        """One to three edits of a generated dataset (valid, or with one defect): loaded or located problems."""
        outcome(data)

    @CAPPED
    @given(mutations(BUNDLED))
    def test_load_reads_a_file_as_loads_reads_its_bytes(self, data: bytes) -> None:
        """load(path) of an edited file gives what loads gives for its bytes, named by the path; the file is kept."""
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "edited.yaml"
            path.write_bytes(data)
            expected = outcome(data, filename=str(path))
            try:
                actual: Dataset | DataError = mou_tracker.load(path)
            except DataError as error:
                actual = error
            assert same(expected, actual)
            assert data == path.read_bytes()
            assert ["edited.yaml"] == os.listdir(directory)

    @CAPPED
    @given(st.one_of(mutations(BUNDLED), yaml_documents(), nearly_utf8(), YAMLISH))
    def test_pure_python_parser(self, data: str | bytes) -> None:
        """With PyYAML's pure-Python parser (wheels without libyaml) every input is total too."""
        with pure_python():
            outcome(data)


# -- in a child process -------------------------------------------------------------------------

BILLION_LAUGHS = (
    "schema_version: 1\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    + "".join(
        f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]\n" for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
    )
).encode()
"""Nine levels of nine aliases each: a billion 'lol's when expanded."""
BIG = 50_000_000

PATHOLOGICAL: dict[str, tuple[Callable[[], bytes], str]] = {
    # name: (the input, a problem message it must give; "" if it loads)
    "100,000-deep flow sequences": (lambda: b"[" * 100_000, "nesting deeper than 64 levels"),
    "100,000-deep flow mappings": (lambda: b"{a: " * 100_000, "nesting deeper than 64 levels"),
    "100,000-deep block sequences": (lambda: b"- " * 100_000, "nesting deeper than 64 levels"),
    "100,000-deep complex keys": (lambda: b"? " * 100_000, "nesting deeper than 64 levels"),
    "100,000 levels under a tag": (lambda: b"schema_version: 1\nx: !t " + b"[" * 100_000, "explicit tags (!t)"),
    "billion laughs": (lambda: BILLION_LAUGHS, "anchors (&a) are not allowed"),
    "50 MB title": (lambda: b"schema_version: 1\nsources:\n  - id: s\n    language: en\n    title: " + b"a" * BIG, ""),
    "50 MB integer": (lambda: b"schema_version: " + b"1" * BIG, "expected schema_version 1"),
    "50 MB key": (lambda: b"schema_version: 1\n" + b"k" * BIG + b": v", "could not find expected ':'"),
    "50 MB of 'a: '": (lambda: b"a: " * (BIG // 3), "mapping values are not allowed"),
    "50 MB then a bad byte": (lambda: b"#" + b"a" * BIG + b"\xff", "the file is not valid UTF-8"),
}


def survey(count: int) -> dict[str, object]:
    """Load ``count`` seeded edits of the bundled file and every pathological input; what each gave.

    Run in a child process by :meth:`TestChildProcess.test_loader_never_dies`.
    """
    edits: collections.Counter[str] = collections.Counter()
    for seed in range(count):
        edits[type(outcome(mutate(BUNDLED, random.Random(seed).randint))).__name__] += 1
    pathological: dict[str, str] = {}
    for name, (make, expected) in PATHOLOGICAL.items():
        data = make()
        result = outcome(data)
        del data
        found = messages(result)
        assert (not expected and not found) or any(expected in m for m in found), (name, [m[:200] for m in found])
        pathological[name] = type(result).__name__
    return {"edits": dict(edits), "pathological": pathological}


CHILD = """\
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("totality", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
print(json.dumps(module.survey(int(sys.argv[2]))))
"""

EDITS_IN_CHILD = 300


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "MOU_TRACKER_DATA"}


class TestChildProcess:
    def test_loader_never_dies(self, tmp_path: Path) -> None:
        """A process loading 300 seeded edits of the bundled file and 11 pathological inputs exits 0, no traceback."""
        result = subprocess.run(
            [sys.executable, "-X", "faulthandler", "-c", CHILD, __file__, str(EDITS_IN_CHILD)],
            capture_output=True,
            text=True,
            timeout=300,
            cwd=tmp_path,
            env=_environment(),
            check=False,
        )
        assert (0, "") == (result.returncode, result.stderr)
        found = json.loads(result.stdout)
        assert EDITS_IN_CHILD == sum(found["edits"].values())
        assert {"Dataset", "DataError"} == set(found["edits"])  # some edits keep the file valid
        assert {name: "DataError" if expected else "Dataset" for name, (_, expected) in PATHOLOGICAL.items()} == found[
            "pathological"
        ]

    def test_cli_validate(self, tmp_path: Path) -> None:
        """`python -m mou_tracker --data FILE validate` exits 0 if FILE loads, else 2; no traceback, nothing written."""
        inputs = {
            "bundled.yaml": BUNDLED,
            "laughs.yaml": BILLION_LAUGHS,
            "latin1.yaml": BUNDLED.decode("utf-8").encode("latin-1", "replace"),
            **{f"edit-{seed}.yaml": mutate(BUNDLED, random.Random(seed).randint) for seed in range(5)},
        }
        codes = []
        for name, content in inputs.items():
            path = tmp_path / name
            path.write_bytes(content)
            before = sorted(os.listdir(tmp_path))
            expected = outcome(content, filename=str(path))
            result = subprocess.run(
                [sys.executable, "-m", "mou_tracker", "--data", str(path), "validate"],
                capture_output=True,
                timeout=120,
                cwd=tmp_path,
                env=_environment(),
                check=False,
            )
            out, err = result.stdout.decode("utf-8", "replace"), result.stderr.decode("utf-8", "replace")
            assert "Traceback" not in err
            if isinstance(expected, Dataset):
                assert (0, "") == (result.returncode, err)
                assert out.startswith(f"{path}: ok (")
            else:
                assert (2, "") == (result.returncode, out)
                assert len(expected.problems) + 1 == len(err.splitlines())
                assert all(line.startswith(f"{path}:") for line in err.splitlines())
            assert content == path.read_bytes()
            assert before == sorted(os.listdir(tmp_path))
            codes.append(result.returncode)
        assert {0, 2} == set(codes)


def test_vocabulary() -> None:
    """The generated documents use the real field names and enum values (a check on the tests)."""
    assert {"id", "title", "history", "status", "date", "claims", "preferred", "parties"} <= set(FIELD_NAMES)
    assert {"signed", "mou", "state", "amends"} <= set(ENUM_VALUES)
    assert {"schema_version", *COLLECTIONS} <= set(KEYS)
