"""Hypothesis profiles, chosen by $HYPOTHESIS_PROFILE.

"dev" (the default) runs 30 examples a property, for a quick run while working;
"ci" runs 400 with no deadline, as continuous integration does. Properties over
whole datasets run at most 100 examples under either (see tests/budget.py).

Neither profile fails a test because drawing its examples is slow: these
machines are shared, and a whole dataset that takes 25 ms to draw on a quiet
machine can take four times as long on a busy one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, settings

from mou_tracker.cache import CACHE_ENV

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
