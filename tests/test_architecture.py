"""The package's layers (docs/architecture.md): no upward import, no cycle, no module without a layer, no long file.

The imports are read from the source with ``ast``: every ``import`` and
``from … import`` of a ``mou_tracker`` module, at the top of a file or inside
a function, counts; only those under ``if TYPE_CHECKING:`` do not.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "mou_tracker"
ROOT = "mou_tracker"
MAX_LINES = 400

LAYERS = (
    "model and dates",
    "reading and checking YAML",
    "store and indexes",
    "queries",
    "reports and exports",
    "CLI and testing aids",
)

# Each module's layer, as docs/architecture.md lists them. A name stands for
# the module and, if it is a package, every module in it.
LAYER_OF: Mapping[str, str] = {
    **dict.fromkeys(
        (
            "_version",
            "_gc",
            "_characters",
            "exceptions",
            "_truth",
            "dates",
            "_kinds",
            "model",
            "naming",
            "_fold",
            "_markup",
            "_match",
            "_status",
            "_entry_into_force",
            "_party",
        ),
        "model and dates",
    ),
    **dict.fromkeys(
        (
            "_scalars",
            "_yaml",
            "_decoding",
            "_convert",
            "_trusted",
            "_parts",
            "_files",
            "_findings",
            "validation",
            "_descriptions",
            "schema",
            "untc",
            "_layout",
            "_splice",
        ),
        "reading and checking YAML",
    ),
    **dict.fromkeys(("_cache_entry", "cache", "_indexes", "_timelines", "_store_tables", "store"), "store and indexes"),
    **dict.fromkeys(
        (
            "dataset",
            "_participating",
            "participation",
            "queries",
            "_agenda",
            "records",
            "_html",
            "loading",
            "diffing",
            "patching",
            "_git",
            "editing",
            "_merging",
            "_history",
        ),
        "queries",
    ),
    **dict.fromkeys(("reports", "exports"), "reports and exports"),
    **dict.fromkeys(("cli", "strategies", "_hypothesis", "__main__", ""), "CLI and testing aids"),
}


def module_name(path: Path) -> str:
    """``mou_tracker/exports/ical.py`` → ``mou_tracker.exports.ical``; a package's ``__init__.py`` is the package."""
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> str | None:
    """The layer of ``module``: that of its own name in :data:`LAYER_OF`, else that of the package it is in."""
    name = module.removeprefix(ROOT).removeprefix(".")
    if not name:  # the package's own __init__.py
        return LAYER_OF[name]
    while name:
        if name in LAYER_OF:
            return LAYER_OF[name]
        name = name.rpartition(".")[0]
    return None


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _nodes(node: ast.AST) -> Iterator[ast.AST]:
    """Every node under ``node``, but those in the body of an ``if TYPE_CHECKING:``."""
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for other in child.orelse:
                yield other
                yield from _nodes(other)
            continue
        yield child
        yield from _nodes(child)


def imports(module: str) -> set[str]:
    """The package's modules that ``module`` imports, wherever in the file, but under ``if TYPE_CHECKING:``."""
    path = MODULES[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in _nodes(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                source = f"{base}.{node.module}" if node.module else base
            else:
                source = node.module or ""
            if node.module:
                found.add(source)
            # ``from . import x`` and ``from .exports import tabular`` name modules.
            found.update(f"{source}.{alias.name}" for alias in node.names if f"{source}.{alias.name}" in MODULES)
    # The package itself names nothing: its names are imported on first use.
    return {name for name in found if name in MODULES and name not in (ROOT, module)}


GRAPH = {module: imports(module) for module in MODULES}


def cycle(graph: Mapping[str, set[str]]) -> list[str] | None:
    """One cycle of imports (``a → b → a``), or ``None`` if there is none."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    for start in sorted(graph):
        if state.get(start):
            continue
        path = [start]
        stack = [iter(sorted(graph[start]))]
        state[start] = 1
        while stack:
            following = next(stack[-1], None)
            if following is None:
                state[path.pop()] = 2
                stack.pop()
            elif state.get(following) == 1:
                return [*path[path.index(following) :], following]
            elif not state.get(following):
                state[following] = 1
                path.append(following)
                stack.append(iter(sorted(graph[following])))
    return None


class TestLayers:
    def test_every_module_has_a_layer(self) -> None:
        """Every module of the package is given a layer (a new one must be placed)."""
        unplaced = sorted(module for module in MODULES if layer(module) is None)
        assert [] == unplaced, (
            f"{unplaced} have no layer: add each to docs/architecture.md and to LAYER_OF in tests/test_architecture.py"
        )

    def test_no_module_imports_a_higher_layer(self) -> None:
        """A module imports only modules of its own layer or of the layers below it."""
        rank = {name: i for i, name in enumerate(LAYERS)}
        upward = [
            f"{module} ({layer(module)}) imports {other} ({layer(other)})"
            for module, others in sorted(GRAPH.items())
            for other in sorted(others)
            if (mine := layer(module)) is not None
            and (theirs := layer(other)) is not None
            and rank[theirs] > rank[mine]
        ]
        assert [] == upward

    def test_no_import_cycle(self) -> None:
        """No module imports, directly or through others, a module that imports it."""
        found = cycle(GRAPH)
        assert found is None, "import cycle: " + " → ".join(found or ())

    def test_every_layer_in_the_table_is_one_of_the_layers(self) -> None:
        """The table names only the layers of docs/architecture.md."""
        assert set() == set(LAYER_OF.values()) - set(LAYERS)


class TestReading:
    """The test reads imports as Python runs them."""

    def test_a_function_level_import_counts(self) -> None:
        """An import inside a function is an import."""
        assert "mou_tracker._markup" in GRAPH["mou_tracker.model"]

    def test_an_import_under_type_checking_does_not_count(self) -> None:
        """What only a type checker reads is no import."""
        assert "mou_tracker.dataset" not in GRAPH["mou_tracker.queries"]

    def test_from_dot_import_names_the_module(self) -> None:
        """``from . import _yaml`` imports the module ``_yaml``."""
        assert "mou_tracker._yaml" in GRAPH["mou_tracker._convert"]

    def test_a_cycle_is_found_and_named(self) -> None:
        """A cycle through three modules is reported as the path it takes."""
        assert ["a", "b", "c", "a"] == cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})

    @pytest.mark.parametrize(
        ("module", "expected"),
        [
            ("mou_tracker.reports", "reports and exports"),
            ("mou_tracker.reports.status", "reports and exports"),
            ("mou_tracker.cli.list", "CLI and testing aids"),
            ("mou_tracker.strategies.dates", "CLI and testing aids"),
            ("mou_tracker.untc.tables", "reading and checking YAML"),
            ("mou_tracker.exports.ical", "reports and exports"),
            ("mou_tracker.dataset_extra", None),
        ],
    )
    def test_a_package_gives_its_modules_its_layer(self, module: str, expected: str | None) -> None:
        """A module in a package takes the package's layer; a name that only starts alike does not."""
        assert expected == layer(module)


class TestSize:
    def test_no_file_over_the_limit(self) -> None:
        """No file of the package is over 400 lines."""
        long = {
            str(path.relative_to(PACKAGE)): lines
            for path in MODULES.values()
            if (lines := path.read_bytes().count(b"\n")) > MAX_LINES
        }
        assert {} == long
