"""Running the command line in-process, as the CLI tests do."""

from __future__ import annotations

import io

from mou_tracker import cli


def run(*argv: str) -> tuple[int, str, str]:
    """``mou-tracker ARGV``: its exit code, standard output and standard error."""
    out, err = io.StringIO(), io.StringIO()
    code = cli.main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()
