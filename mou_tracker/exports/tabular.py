"""The JSON and CSV exports.

JSON is the whole dataset in the data format, which :func:`mou_tracker.loading.structure`
reads back to an equal dataset. CSV is one row per agreement, the fields of the
``list --format json`` contract (:func:`mou_tracker.records.list_record`) flattened
into cells, made safe to open in a spreadsheet.

>>> import datetime, mou_tracker
>>> from mou_tracker.exports.tabular import export_csv
>>> data = mou_tracker.load()
>>> print(export_csv(data, day=datetime.date(2026, 1, 1)).decode().splitlines()[0])
id,short,title,kind,binding,day,status,certain,signed,term_start,term_end,parties,countries,areas,relations,sources,actions
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
from collections.abc import Iterable
from typing import Any, Final

from ..dataset import Dataset
from ..model import Agreement
from ..reports.rendering import FORMULA_TRIGGERS, spreadsheet_safe

__all__ = ["CSV_COLUMNS", "FORMULA_TRIGGERS", "export_csv", "export_json", "spreadsheet_safe"]

CSV_COLUMNS: Final = (
    "id",
    "short",
    "title",
    "kind",
    "binding",
    "day",
    "status",
    "certain",
    "signed",
    "term_start",
    "term_end",
    "parties",
    "countries",
    "areas",
    "relations",
    "sources",
    "actions",
)
"""The columns of the CSV export, in order."""


def export_json(dataset: Dataset, *, day: _dt.date, lang: str = "en") -> bytes:
    """The whole dataset in the data format, as indented UTF-8 JSON.

    Keys come in the order of the data format's fields, so the same dataset
    always gives the same bytes. ``day`` and ``lang`` do not change it: the
    data format holds every language and no derived status. A character a
    terminal would act on, which only a dataset built in code can hold, is
    written as a ``\\u`` escape, which reads back to the same text.
    """
    from .._characters import json_text
    from ..loading import unstructure

    del day, lang
    text = json_text(unstructure(dataset))
    return (text + "\n").encode("utf-8")


def _text(value: Any) -> str:
    """A value of the list contract as one cell: lists joined by ``;``, booleans in lower case."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(_text(v) for v in value)
    return str(value)


def _row(record: dict[str, Any], title: str, day: _dt.date, agreement: Agreement) -> list[str]:
    cells = {
        **record,
        "actions": [f"{a.party}:{a.action.value}:{a.date.value}" for a in agreement.actions],
        "title": title,
        "day": day.isoformat(),
        "term_start": record["term"]["start"],
        "term_end": record["term"]["end"],
        "relations": [f"{r['type']}:{r['target']}" for r in record["relations"]],
    }
    return [spreadsheet_safe(_text(cells[column])) for column in CSV_COLUMNS]


def export_csv(dataset: Dataset, *, day: _dt.date, lang: str = "en") -> bytes:
    """One row per agreement, in file order, with its status on ``day``, as UTF-8 CSV.

    The columns are :data:`CSV_COLUMNS`: the fields of the ``list --format
    json`` contract, with ``title`` in ``lang`` where the data has it (else the
    preferred title), ``day`` the day the status is read on, the term's start
    and end apart, and lists (``parties``, ``countries``, ``areas``,
    ``relations`` as ``type:target``, ``sources``, and each party's
    ``actions`` on a multilateral instrument as ``party:action:date``) joined by ``;``. Dates are
    EDTF strings, booleans ``true`` or ``false``, unknown values empty.
    A cell that begins with a character in :data:`FORMULA_TRIGGERS` gets a
    leading ``'`` so that no spreadsheet runs it as a formula. Lines end
    with CRLF (RFC 4180).
    """
    from ..naming import title_of
    from ..queries import Match
    from ..records import list_record

    buffer = io.StringIO()
    # Lines end with CRLF, as RFC 4180 has it: the csv module then quotes every
    # cell holding a CR or an LF, where with LF alone a lone CR would split a row.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    rows: Iterable[list[str]] = (
        _row(list_record(dataset, Match(a, True), day), title_of(a, lang), day, a) for a in dataset.agreements
    )
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")
