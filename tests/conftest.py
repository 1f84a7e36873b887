"""Hypothesis profiles, chosen by $HYPOTHESIS_PROFILE.

"dev" (the default) runs 30 examples a property, for a quick run while working;
"ci" runs 400 with no deadline, as continuous integration does. Properties over
whole datasets run at most 100 examples under either (see tests/budget.py).

Neither profile fails a test because drawing its examples is slow: these
machines are shared, and a whole dataset that takes 25 ms to draw on a quiet
machine can take four times as long on a busy one.

Also the fixtures that more than one test file uses: ``cache_dir``, a cache of
the test's own, ``parsed``, the files a load parses rather than takes from it,
and ``repo``, the scratch git repository of tests/scratch.py, made once for
each test file that uses it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, settings

from mou_tracker import loading
from mou_tracker.cache import CACHE_ENV
from tests import scratch

_PATIENT = [HealthCheck.too_slow]

settings.register_profile("dev", max_examples=30, deadline=None, suppress_health_check=_PATIENT)
settings.register_profile(
    "ci", max_examples=400, deadline=None, derandomize=False, print_blob=True, suppress_health_check=_PATIENT
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The tests load through a cache of their own, never the user's."""
    os.environ[CACHE_ENV] = str(tmp_path_factory.mktemp("cache"))
    yield
    del os.environ[CACHE_ENV]


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of this test's own."""
    where = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(where))
    return where


@pytest.fixture
def parsed() -> Iterator[list[str]]:
    """The names of the files parsed from YAML (not taken from the cache) while the test runs."""
    names: list[str] = []
    real = loading._read_part

    def counting(data: str | bytes, filename: str) -> loading._Part:
        names.append(filename)
        return real(data, filename)

    with mock.patch.object(loading, "_read_part", counting):
        yield names


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A git repository of the bundled data, then a commit for each edit, on set dates; tags c0 to c4 name them."""
    return scratch.build(tmp_path_factory.mktemp("curated"))
