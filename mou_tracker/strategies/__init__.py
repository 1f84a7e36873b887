"""Hypothesis strategies for mou-tracker's data model, for property-based tests.

Each strategy is named as the plural of what it gives (:func:`agreements`,
:func:`partial_dates`, :func:`datasets`…), takes keyword arguments only, and
returns a :class:`hypothesis.strategies.SearchStrategy`. What they give is
*valid*: dates that can exist, histories that follow the status lifecycle,
disputed claims that cite their sources, and datasets whose references all
resolve and in which :func:`mou_tracker.validation.check` finds nothing wrong.
:func:`broken_datasets` gives the opposite: a valid dataset with exactly one
defect injected, together with what and where the defect is.

Installing mou-tracker registers these strategies with hypothesis (through
its ``hypothesis`` plugin entry point), so ``st.from_type(Agreement)`` and
``st.builds(f)`` for a function annotated with the model's types work too.

This module needs hypothesis (``pip install hypothesis``, or the ``test``
extra); importing :mod:`mou_tracker` itself never imports it.

>>> from hypothesis import given
>>> from mou_tracker import AgreementKind
>>> from mou_tracker.strategies import agreements
>>> @given(agreements(kinds=[AgreementKind.MOU]))
... def test_mous_are_never_treaties(agreement):
...     assert agreement.kind is not AgreementKind.TREATY
>>> test_mous_are_never_treaties()

The strategies live in modules of this package by what they give: texts and
ids, dates, the records other records name, status histories, agreements,
whole datasets, and broken datasets; all are imported from here.
"""

from __future__ import annotations

try:
    import hypothesis  # noqa: F401  (checked first, so that the message below is the one a user sees)
except ImportError as exc:  # pragma: no cover - exercised in a child process by the tests
    raise ImportError(
        "mou_tracker.strategies needs hypothesis, which is not installed; "
        "install it with: pip install hypothesis  (or: pip install 'mou-tracker[test]')"
    ) from exc

from ._agreements import agreements, entries_into_force, terms
from ._broken import Broken, Defect, DefectKind, broken_datasets
from ._datasets import datasets
from ._dates import any_dates, date_intervals, days, partial_dates
from ._histories import status_events, status_histories
from ._records import References, areas, claimed, people, references, signatories, sources
from ._shared import FIRST_DAY, LAST_DAY
from ._texts import ids, languages, texts, urls

__all__ = [
    "FIRST_DAY",
    "LAST_DAY",
    "Broken",
    "Defect",
    "DefectKind",
    "References",
    "agreements",
    "any_dates",
    "areas",
    "broken_datasets",
    "claimed",
    "datasets",
    "date_intervals",
    "days",
    "entries_into_force",
    "ids",
    "languages",
    "partial_dates",
    "people",
    "references",
    "signatories",
    "sources",
    "status_events",
    "status_histories",
    "terms",
    "texts",
    "urls",
]
