"""A scratch git repository of the bundled data and a series of real edits, one commit each, on set dates.

The ``repo`` fixture (tests/conftest.py) builds it; ``mou-tracker diff
--git``, ``--recorded-on`` and ``history`` are tested on it, and the guide to
curating a dataset in git shows what they print in it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from mou_tracker.loading import bundled_path, load

# The edits, one commit each: (message, text replaced, its replacement).
EDITS = [
    (
        "gedep established on a day",
        "      - date: 2023-02\n        status: in_effect\n",
        "      - date: 2023-02-14\n        status: in_effect\n",
    ),
    (
        "gedep by its 2025 title",
        "        sources: [report-2023-08-28]\n        preferred: true\n        note: The name as",
        "        sources: [report-2023-08-28]\n        note: The name as",
    ),
    (
        "itx no longer cites vna-2025-03-25",
        "    sources: [report-2023-08-28, csp-2025-03-12-vi, vna-2025-03-25]\n    witnesses:",
        "    sources: [report-2023-08-28, csp-2025-03-12-vi]\n    witnesses:",
    ),
    ("cfa renamed", "cfa\n", "connectivity-framework\n"),
]

# When each commit was made, c0 to c4, as git reads GIT_COMMITTER_DATE. c3 is made on 2 March in Ha Noi,
# which is still 1 March in UTC.
DATES = [
    "2025-01-10T09:00:00+00:00",
    "2025-02-03T09:30:00+00:00",
    "2025-03-01T08:00:00+00:00",
    "2025-03-02T05:00:00+07:00",
    "2025-04-15T10:00:00+00:00",
]

# Git as the repository is made: neither the user's nor the system's configuration.
_ENV = {"GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *words: str, when: str | None = None) -> str:
    """``git WORDS`` in ``repo``, its output stripped; commits made ``when`` (author and committer)."""
    env = {**os.environ, **_ENV}
    if when is not None:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    done = subprocess.run(["git", *words], cwd=repo, capture_output=True, text=True, check=True, env=env)
    return done.stdout.strip()


def build(root: Path) -> Path:
    """The repository in ``root``: the bundled data in data/agreements.yaml, then each edit; tags c0 to c4."""
    assert shutil.which("git"), "these tests need git installed"
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "curator@example.org")
    git(root, "config", "user.name", "Curator")
    data = root / "data" / "agreements.yaml"
    data.parent.mkdir()
    shutil.copyfile(bundled_path(), data)
    git(root, "add", "data")
    git(root, "commit", "-q", "-m", "the bundled data", when=DATES[0])
    git(root, "tag", "c0")
    for n, (message, before, after) in enumerate(EDITS, 1):
        text = data.read_text(encoding="utf-8")
        if message == "gedep by its 2025 title":
            claim = "      - value: Green-Digital Economic Partnership\n        sources: [vna-2025-03-12]\n"
            text = text.replace(claim, claim + "        preferred: true\n")
        if message == "cfa renamed":  # the id and every reference to it
            text = text.replace("id: cfa\n", "id: connectivity-framework\n").replace(
                "target: cfa\n", "target: connectivity-framework\n"
            )
        else:
            assert 1 == text.count(before), message
            text = text.replace(before, after)
        data.write_text(text, encoding="utf-8")
        load(data, cache=False)  # every commit holds valid data
        git(root, "commit", "-q", "-am", message, when=DATES[n])
        git(root, "tag", f"c{n}")
    return root
