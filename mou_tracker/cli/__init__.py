"""The ``mou-tracker`` command: the only place that prints or exits.

Exit codes: 0 success; 1 when a check found something (``due
--fail-on-overdue``); 2 bad usage or bad data; 130 interrupted (Ctrl-C).
Data goes to stdout, diagnostics to stderr, and no traceback reaches the
user. Every option shared by the commands (``--data``, ``--as-of``,
``--format``…) may come before the command or after it.

A module a kind of command defines and runs its commands: ``_query`` (what
the data says on the day), ``_multilateral`` (each party's part in an
instrument), ``_export``, ``_data`` (validate, schema, cache, import) and
``_edit`` (add, set, fmt: edits of the curated YAML).
``_parser`` lists them all and builds the parser, importing the module of a
command only when it is named; ``_entry`` runs it and keeps the contract
above; ``_shared`` holds what they all use. None of them imports the
library's heavy modules until a command runs, so that ``--help`` and
``--version`` start fast.
"""

from ._entry import main, main_entry
from ._parser import build_parser
from ._shared import DATA_ENV, EXIT_BAD, EXIT_FOUND, EXIT_INTERRUPTED, EXIT_OK

__all__ = ["DATA_ENV", "EXIT_BAD", "EXIT_FOUND", "EXIT_INTERRUPTED", "EXIT_OK", "build_parser", "main", "main_entry"]
