"""The property-testing guide's example runs as shown, and catches the bug it is meant to catch."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GUIDE = ROOT / "docs" / "testing.md"

# Fewer examples than Hypothesis's default: the point is that the example runs, not to search hard.
CONFTEST = """\
from hypothesis import settings

settings.register_profile("docs", max_examples=25, deadline=None)
settings.load_profile("docs")
"""


def titled_blocks(text: str) -> dict[str, str]:
    """The guide's ```python title="NAME" blocks, by name."""
    return dict(re.findall(r'```python title="([^"]+)"\n(.*?)```', text, flags=re.S))


def run_pytest(folder: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(folder)}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "test_mytool.py"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )


@pytest.fixture
def example(tmp_path: Path) -> Path:
    for name, code in titled_blocks(GUIDE.read_text(encoding="utf-8")).items():
        (tmp_path / name).write_text(code, encoding="utf-8")
    (tmp_path / "conftest.py").write_text(CONFTEST, encoding="utf-8")
    return tmp_path


class TestGuide:
    def test_the_guide_has_both_files(self) -> None:
        """The guide shows the module under test and its tests."""
        assert {"mytool.py", "test_mytool.py"} == set(titled_blocks(GUIDE.read_text(encoding="utf-8")))

    def test_the_guide_lists_every_strategy_and_defect(self) -> None:
        """The guide's tables name every strategy the module exports and every kind of defect."""
        import inspect

        from mou_tracker import strategies

        text = GUIDE.read_text(encoding="utf-8")
        functions = [n for n in strategies.__all__ if inspect.isfunction(getattr(strategies, n))]
        assert [] == [n for n in functions if f"`{n}(" not in text]
        assert [] == [k.name for k in strategies.DefectKind if f"`{k.name}`" not in text]

    def test_the_example_passes_as_shown(self, example: Path) -> None:
        """The downstream tests pass, as many as the guide's output says."""
        shown = re.search(r"^(\d+) passed$", GUIDE.read_text(encoding="utf-8"), flags=re.M)
        assert shown is not None
        count = len(re.findall(r"^def test_", (example / "test_mytool.py").read_text(encoding="utf-8"), flags=re.M))
        assert int(shown.group(1)) == count
        result = run_pytest(example)
        assert 0 == result.returncode, result.stdout + result.stderr
        assert f"{count} passed" in result.stdout

    def test_the_example_catches_a_linter_that_misses_problems(self, example: Path) -> None:
        """A linter that drops the last problem fails the downstream tests, which name the defect."""
        module = example / "mytool.py"
        code = module.read_text(encoding="utf-8")
        assert "return list(exc.problems)" in code
        module.write_text(code.replace("return list(exc.problems)", "return list(exc.problems)[:-1]"), encoding="utf-8")
        # Finding the failure is the point; shrinking it to the smallest example would take minutes.
        conftest = example / "conftest.py"
        conftest.write_text(
            CONFTEST.replace("deadline=None", "deadline=None, phases=[Phase.generate]"), encoding="utf-8"
        )
        conftest.write_text("from hypothesis import Phase\n" + conftest.read_text(encoding="utf-8"), encoding="utf-8")
        result = run_pytest(example)
        assert 1 == result.returncode, result.stdout + result.stderr
        assert "test_lint_finds_every_defect" in result.stdout
        assert "was not reported" in result.stdout
