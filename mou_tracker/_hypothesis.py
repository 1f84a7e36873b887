"""Registers mou-tracker's strategies with hypothesis, through its plugin entry point.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported, so that
``st.from_type(Agreement)`` gives valid agreements. The strategies module is
imported only when a strategy is first drawn from; set
``HYPOTHESIS_NO_PLUGINS=1`` to skip this hook altogether.
"""

from __future__ import annotations

import importlib
from typing import Any

from hypothesis import strategies as st

from .dataset import Dataset
from .dates import DateInterval, PartialDate
from .model import Agreement, Area, Person, Signatory, Source, StatusEvent, Term

# Each model type and the strategy of mou_tracker.strategies that gives it.
STRATEGIES: dict[type[Any], str] = {
    PartialDate: "partial_dates",
    DateInterval: "date_intervals",
    Source: "sources",
    Signatory: "signatories",
    Person: "people",
    Area: "areas",
    StatusEvent: "status_events",
    Term: "terms",
    Agreement: "agreements",
    Dataset: "datasets",
}


def _deferred(name: str) -> st.SearchStrategy[Any]:
    def build() -> st.SearchStrategy[Any]:
        strategy: st.SearchStrategy[Any] = getattr(importlib.import_module("mou_tracker.strategies"), name)()
        return strategy

    return st.deferred(build)


def _hypothesis_setup_hook() -> None:
    """Register a strategy for each model type (hypothesis calls this when it is imported)."""
    for cls, name in STRATEGIES.items():
        st.register_type_strategy(cls, _deferred(name))
