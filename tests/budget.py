"""How many examples the costlier properties run, whatever the profile.

tests/conftest.py chooses the profile: "dev" runs 30 examples a property and
"ci" 400. Drawing a whole dataset takes about 25 ms and checking one (loading
it, or reading every agreement on every day a reading may change on) often
more, so properties over whole datasets run at most 100 examples even under
"ci", to keep continuous integration within its time.
"""

from __future__ import annotations

from hypothesis import settings

DATASET_EXAMPLES = min(settings().max_examples, 100)

per_dataset = settings(max_examples=DATASET_EXAMPLES)
"""The settings of a property that draws a whole dataset per example."""
