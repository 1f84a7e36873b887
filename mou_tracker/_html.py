"""The tables a notebook shows for a dataset and a query (their ``_repr_html_``), and a dataset's counts.

Built with the one escaping and the small tables of :mod:`mou_tracker._markup`
(re-exported here), as an agreement's table is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._markup import ROWS, _date, agreement_table, escape, table
from .naming import name_of

if TYPE_CHECKING:
    from .dataset import Dataset
    from .queries import Query

__all__ = ["ROWS", "agreement_table", "dataset_summary", "dataset_table", "escape", "query_table", "table"]


def dataset_table(dataset: Dataset) -> str:
    """A dataset in a notebook: what it holds, and its first agreements."""
    rows = [
        (a.id, name_of(a), a.kind.label if a.kind is not None else "unknown", _date(a.signed))
        for a in dataset.agreements[:ROWS]
    ]
    caption = dataset_summary(dataset)
    return table(caption, ("id", "name", "kind", "signed"), rows, more=max(len(dataset) - ROWS, 0))


def dataset_summary(dataset: Dataset) -> str:
    """What a dataset holds, counted: ``36 agreements, 10 signatories, …``."""
    counts = (
        (len(dataset.agreements), "agreement", "agreements"),
        (len(dataset.signatories), "signatory", "signatories"),
        (len(dataset.people), "person", "people"),
        (len(dataset.areas), "area", "areas"),
        (len(dataset.sources), "source", "sources"),
    )
    return ", ".join(f"{n:,} {one if n == 1 else many}" for n, one, many in counts)


def query_table(query: Query, summary: str) -> str:
    """A query's results in a notebook: the agreements kept, and how sure each is."""
    matches = list(query)
    rows = [
        (m.agreement.id, name_of(m.agreement), _date(m.agreement.signed), "yes" if m.certain else "possibly")
        for m in matches[:ROWS]
    ]
    return table(summary, ("id", "name", "signed", "certain"), rows, more=max(len(matches) - ROWS, 0))
