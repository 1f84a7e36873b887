"""The stamp that tells a file as an import wrote it from a curator's: a comment holding the digest of the rest.

:func:`_dump` writes a file's text with its stamp; :func:`_as_imported`
says whether a file's stamp still matches its text, that is, whether it
holds no edit and a later import may replace it (see :mod:`mou_tracker.untc`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

_STAMP = "# Written by mou-tracker import untc. The SHA-256 of the lines below: "
_STAMP_NOTE = "# Edited, this file is a curator's, and a later import leaves it as it is (without --force).\n"


def _dump(plain: Mapping[str, Any]) -> str:
    """The YAML text of a file, stamped with the digest of what follows the stamp (see :func:`_as_imported`)."""
    from .._convert import _dump_plain

    body = _STAMP_NOTE + _dump_plain(plain)
    return f"{_STAMP}{hashlib.sha256(body.encode('utf-8')).hexdigest()}\n{body}"


def _as_imported(data: bytes) -> bool:
    """Whether ``data`` is a file as an import wrote it: its stamp's digest is still that of the rest.

    Such a file holds no curator's edit, and an import of newer tables
    replaces it; any edit below the stamp (or of the stamp) makes it a
    curator's file, which is not replaced without ``force``.
    """
    stamp, newline, body = data.partition(b"\n")
    if not newline or not stamp.startswith(_STAMP.encode("utf-8")):
        return False
    return stamp[len(_STAMP) :] == hashlib.sha256(body).hexdigest().encode("ascii")
