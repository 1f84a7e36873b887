"""Pausing Python's cyclic garbage collector while many objects are made at once."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block, then turn it back on whatever happens.

    A load, or an index built over a whole collection, makes millions of
    small objects, none of them in a reference cycle, and the collector would
    scan every object made so far again and again as they pile up: up to
    three times the work itself. A program that had turned the collector off
    finds it off afterwards. Reference counting frees memory as always
    meanwhile; only the search for cycles waits.
    """
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
