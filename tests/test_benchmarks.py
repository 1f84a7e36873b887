"""The benchmark's method: both sides of every comparison measured under the same conditions.

benchmarks/run.py writes docs/performance.md, whose figures are only as
honest as the way they are taken. These tests check how it measures (the
order of the rounds, the collector's state for each side, what a fresh
process reports, how a verdict is read), never what it measures: no test
here depends on wall time.
"""

from __future__ import annotations

import gc
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    """benchmarks/run.py, imported as a module (it imports benchmarks/generate.py beside it)."""
    sys.path.insert(0, str(BENCHMARKS))
    try:
        spec = importlib.util.spec_from_file_location("benchmarks_run", BENCHMARKS / "run.py")
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # its dataclasses look their module up there
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCHMARKS))
    return module


class TestInterleave:
    def test_order_alternates(self, bench: Any) -> None:
        """Every contender runs once a round, the order reversed every other round."""
        calls: list[str] = []
        contenders = [bench.Contender(name, lambda name=name: calls.append(name)) for name in ("a", "b")]
        bench.interleave(contenders, 4)
        assert ["a", "b", "b", "a", "a", "b", "b", "a"] == calls

    @pytest.mark.parametrize(("mode", "enabled"), [("paused", False), ("on", True)])
    def test_collector_same_for_both(self, bench: Any, mode: str, enabled: bool) -> None:
        """Both sides run with the collector in the same state, and it is as it was afterwards."""
        seen: dict[str, list[bool]] = {"ours": [], "ref": []}
        contenders = [bench.Contender(name, lambda name=name: seen[name].append(gc.isenabled())) for name in seen]
        before = gc.isenabled()
        bench.interleave(contenders, 3, gc_mode=mode)
        assert {"ours": [enabled] * 3, "ref": [enabled] * 3} == seen
        assert before == gc.isenabled()

    def test_fresh_side_reports_its_own_time(self, bench: Any) -> None:
        """A side run in a fresh process is timed by that process, and what it reports is kept."""
        report = {"seconds": 2.5, "peak": 10, "now": 5, "count": 1, "error": None}
        m = bench.interleave([bench.Contender("child", lambda: report, fresh=True)], 3)
        assert [2.5, 2.5, 2.5] == m.samples["child"]
        assert [report] * 3 == m.reports["child"]


class TestRow:
    @pytest.mark.parametrize(
        ("ratio", "median", "binding", "met"),
        [
            (0.4, 0.45, True, "yes"),
            (0.4, 0.6, True, "minimum only"),
            (0.6, 0.7, True, "no"),
            (0.6, 0.7, False, "(no)"),
            (0.4, None, True, "yes"),
        ],
    )
    def test_met(self, bench: Any, ratio: float, median: float | None, binding: bool, met: str) -> None:
        """A target is met when the ratio and the median ratio both are within it, and says so when one only is."""
        row = bench.Row("figure", "reference", "1 s", "2 s", ratio, median, target=0.5, binding=binding)
        assert met == row.met

    def test_no_target(self, bench: Any) -> None:
        """A row without a target claims nothing."""
        assert "—" == bench.Row("figure", "reference", "1 s", "2 s", 0.1).met


class TestFresh:
    def test_json_child(self, bench: Any, tmp_path: Path) -> None:
        """A fresh process decodes the file, counts what it read and reports its time and memory."""
        data = tmp_path / "agreements.json"
        data.write_text(json.dumps({"agreements": [{"id": "a"}, {"id": "b"}]}), encoding="utf-8")
        c = bench.Collection(2, tmp_path, tmp_path, data, tmp_path / "x.pickle", 0, 0, 0, "a", "a")
        report = bench.fresh("json", c, gc_mode="paused", has_cache=True, env=None, cwd=tmp_path)
        assert 2 == report["count"]
        assert report["seconds"] >= 0
        assert report["peak"] > 0

    def test_wrong_count_fails(self, bench: Any, tmp_path: Path) -> None:
        """A side that read another number of agreements than the collection holds stops the run."""
        data = tmp_path / "agreements.json"
        data.write_text(json.dumps({"agreements": [{"id": "a"}]}), encoding="utf-8")
        c = bench.Collection(2, tmp_path, tmp_path, data, tmp_path / "x.pickle", 0, 0, 0, "a", "a")
        with pytest.raises(RuntimeError, match="read 1 agreements, not 2"):
            bench.fresh("json", c, gc_mode="on", has_cache=True, env=None, cwd=tmp_path)
