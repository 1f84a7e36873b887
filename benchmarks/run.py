"""Benchmarks of mou_tracker, each figure measured beside its reference in the same run.

Every figure is a ratio: the library's time (or memory) divided by that of a
reference measured in the same process, in the same run, in interleaved
rounds (the order of the two alternating from round to round), so that a
noisy, shared machine slows both alike. For each side the best of the rounds
is kept; the ratio is best over best, and the median of the per-round ratios
is shown beside it. Writes docs/performance.md with the command that
reproduces it.

    python benchmarks/run.py --quick          # 1,000 and 10,000 agreements, under two minutes
    python benchmarks/run.py                  # 1,000, 10,000 and 100,000 agreements
    python benchmarks/run.py --sizes 10000 --profile

Missing or outdated data is generated first (benchmarks/generate.py), into
benchmarks/data/ by default (ignored by git).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import datetime as dt
import gc
import inspect
import itertools
import json
import math
import os
import platform
import pstats
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

import generate
import yaml
from tabulate import tabulate

ROOT = Path(__file__).resolve().parent.parent
CACHE_ENV = "MOU_TRACKER_CACHE_DIR"

DAY = dt.date(2025, 1, 1)
"""The day the status queries ask about."""
AREA = "clean-energy"  # an area with two sub-areas (hydrogen, offshore-wind)
PARTY = "JP"  # a country code: the state, its ministries and agencies
TEXT = "các-bon"  # in the Vietnamese titles on carbon credits; folded to "cac-bon"

# -- measuring ---------------------------------------------------------------


@dataclass
class Contender:
    """One side of a comparison: what to run, what to do (untimed) before each run."""

    name: str
    run: Callable[[], object]
    before: Callable[[], None] | None = None
    keep: bool = False  # keep the last result (out of the timed region), e.g. a loaded dataset


@dataclass
class Measured:
    """Per-call seconds of each contender, one sample per round."""

    samples: dict[str, list[float]]
    kept: dict[str, Any] = field(default_factory=dict)

    def best(self, name: str) -> float:
        return min(self.samples[name])

    def ratio(self, ours: str, ref: str) -> float:
        return self.best(ours) / self.best(ref)

    def median_ratio(self, ours: str, ref: str) -> float:
        return statistics.median(o / r for o, r in zip(self.samples[ours], self.samples[ref], strict=True))


def _calibrate(run: Callable[[], object], min_time: float) -> int:
    """Calls per sample so that one sample lasts at least ``min_time`` (the first call also warms up)."""
    start = time.perf_counter()
    run()
    once = max(time.perf_counter() - start, 1e-7)
    return max(1, min(10_000, math.ceil(min_time / once)))


def interleave(contenders: Sequence[Contender], rounds: int, *, min_time: float = 0.0) -> Measured:
    """Run every contender once per round, ``rounds`` times, reversing the order every other round.

    With ``min_time``, a fast call is repeated within a sample until the
    sample lasts that long, and the time per call is kept. The collector runs
    before each sample, so that no sample pays for another's garbage.
    """
    loops = {c.name: _calibrate(c.run, min_time) if min_time else 1 for c in contenders}
    measured = Measured({c.name: [] for c in contenders})
    for index in range(rounds):
        for contender in contenders if index % 2 == 0 else contenders[::-1]:
            measured.kept.pop(contender.name, None)
            if contender.before is not None:
                contender.before()
            gc.collect()
            n = loops[contender.name]
            result: object = None
            start = time.perf_counter()
            for _ in range(n):
                result = contender.run()
            elapsed = (time.perf_counter() - start) / n
            measured.samples[contender.name].append(elapsed)
            if contender.keep:
                measured.kept[contender.name] = result
            del result
    return measured


def _csafe(text: str | bytes) -> object:
    """The reference parse: PyYAML's C safe loader with the garbage collector paused."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return yaml.load(text, Loader=yaml.CSafeLoader)
    finally:
        if enabled:
            gc.enable()


# -- reporting ----------------------------------------------------------------


@dataclass
class Row:
    figure: str
    reference: str
    ours: str
    ref: str
    ratio: float | None
    median: float | None = None
    target: float | None = None
    binding: bool = True  # False: the issue sets the target at another size; shown in parentheses
    note: str = ""

    @property
    def met(self) -> str:
        if self.target is None or self.ratio is None:
            return "n/a" if self.target is not None else "—"
        verdict = "yes" if self.ratio <= self.target else "no"
        return verdict if self.binding else f"({verdict})"


def fmt_time(seconds: float) -> str:
    if seconds < 1e-3:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def fmt_bytes(size: float) -> str:
    return f"{size / 1e6:,.1f} MB"


def fmt_ratio(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.3f}" if value < 0.1 else f"{value:.2f}"


def fmt_target(value: float | None) -> str:
    if value is None:
        return "—"
    if value < 1:
        return f"≤ 1/{round(1 / value)}"
    return f"≤ {value:g}"


HEADERS = ("figure", "reference", "ours", "reference time", "ratio", "median ratio", "target", "met")


def table(rows: Sequence[Row], fmt: str) -> str:
    body = [
        (
            r.figure + (f" ({r.note})" if r.note else ""),
            r.reference,
            r.ours,
            r.ref,
            fmt_ratio(r.ratio),
            fmt_ratio(r.median),
            fmt_target(r.target),
            r.met,
        )
        for r in rows
    ]
    return tabulate(body, headers=HEADERS, tablefmt=fmt, disable_numparse=True)


def timed_row(
    figure: str,
    reference: str,
    m: Measured,
    *,
    ours: str,
    ref: str,
    target: float | None = None,
    binding: bool = True,
    note: str = "",
) -> Row:
    return Row(
        figure,
        reference,
        fmt_time(m.best(ours)),
        fmt_time(m.best(ref)),
        m.ratio(ours, ref),
        m.median_ratio(ours, ref),
        target,
        binding,
        note,
    )


def once_row(figure: str, reference: str, ours: float, ref: float) -> Row:
    """A figure timed once, beside a reference time (a best of rounds): no median, no target."""
    return Row(figure, reference, fmt_time(ours), fmt_time(ref), ours / ref)


def unavailable(figure: str, reference: str, target: float | None, why: str, *, binding: bool = True) -> Row:
    return Row(figure, reference, "not available yet", why, None, None, target, binding)


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# -- the library ---------------------------------------------------------------


class Library:
    """What the benchmark needs of mou_tracker, whichever version is installed."""

    def __init__(self) -> None:
        import mou_tracker
        from mou_tracker import loading

        # Any: the signature of load() depends on the version measured (cache= or not).
        self.mou_tracker: Any = mou_tracker
        self.loading: Any = loading
        self.has_cache = "cache" in inspect.signature(mou_tracker.load).parameters
        self.can_count = callable(getattr(loading, "_read_part", None))
        self.parsed = 0

    def cold(self, path: Path) -> Any:
        if self.has_cache:
            return self.mou_tracker.load(path, cache=False)
        return self.mou_tracker.load(path)

    def cached(self, path: Path) -> Any:
        return self.mou_tracker.load(path)

    @contextlib.contextmanager
    def counting_parses(self) -> Iterator[None]:
        """Count the files parsed (calls of ``loading._read_part``) into ``self.parsed``."""
        original = getattr(self.loading, "_read_part", None)
        if original is None:
            yield
            return

        def counted(*args: Any, **kwargs: Any) -> Any:
            self.parsed += 1
            return original(*args, **kwargs)

        with contextlib.ExitStack() as stack:
            for name, module in list(sys.modules.items()):
                if name.startswith("mou_tracker") and getattr(module, "_read_part", None) is original:
                    stack.enter_context(mock.patch.object(module, "_read_part", counted))
            yield

    def counted(self, load: Callable[[], Any], into: list[int]) -> Callable[[], Any]:
        def run() -> Any:
            self.parsed = 0
            result = load()
            into.append(self.parsed)
            return result

        return run


def fold(text: str) -> str:
    """Casefolded, without diacritics (``Các-bon`` → ``cac-bon``): the reference's pre-folded titles."""
    decomposed = unicodedata.normalize("NFKD", text.translate(generate._FOLDS))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


# -- the benchmarks ---------------------------------------------------------------


def cli_rows(rounds: int, env: dict[str, str], cwd: Path) -> list[Row]:
    """Start-up of the command, beside Python importing the dependencies, or doing nothing."""
    script = Path(sys.executable).parent / "mou-tracker"
    command = [str(script)] if script.exists() else [sys.executable, "-m", "mou_tracker"]
    python = [sys.executable]

    def spawn(argv: list[str]) -> Callable[[], None]:
        def run() -> None:
            subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)

        return run

    cases = [
        ("status", command, "`mou-tracker` (bundled status table)"),
        ("version", [*command, "--version"], "`mou-tracker --version`"),
        ("help", [*command, "--help"], "`mou-tracker --help`"),
        ("imports", [*python, "-c", "import attrs, cattrs, yaml, pendulum, tabulate"], ""),
        ("pass", [*python, "-c", "pass"], ""),
    ]
    contenders = [Contender(name, spawn(argv)) for name, argv, _ in cases]
    for contender in contenders:  # warm up: byte code compiled, caches filled, files in the page cache
        contender.run()
    progress(f"CLI start: {rounds} interleaved rounds of {len(cases)} commands")
    m = interleave(contenders, rounds)
    imports = "`python -c 'import attrs, cattrs, yaml, pendulum, tabulate'`"
    return [
        timed_row("`mou-tracker` (bundled status table)", imports, m, ours="status", ref="imports", target=1.25),
        timed_row("`mou-tracker --version`", "`python -c pass`", m, ours="version", ref="pass", target=2),
        timed_row("`mou-tracker --help`", "`python -c pass`", m, ours="help", ref="pass", target=2),
        timed_row(imports, "`python -c pass`", m, ours="imports", ref="pass"),
    ]


@dataclass
class Collection:
    size: int
    file: Path
    folder: Path
    json_file: Path
    file_bytes: int
    json_bytes: int
    files: int


def prepare(out: Path, size: int, seed: int, work: Path, *, directory: bool) -> Collection:
    if not generate.is_current(out, size, seed) or (directory and not generate.paths(out, size)[1].is_dir()):
        progress(f"generating {size:,} agreements into {out}")
        generate.generate(out, size, seed)
    file, folder = generate.paths(out, size)
    text = file.read_text(encoding="utf-8")
    # The same data as JSON: what the warm load and the memory are compared with.
    json_text = json.dumps(_csafe(text), ensure_ascii=False, default=str)
    json_file = work / f"agreements-{size}.json"
    json_file.write_text(json_text, encoding="utf-8")
    files = sum(1 for _ in folder.rglob("*.yaml")) if folder.is_dir() else 0
    return Collection(size, file, folder, json_file, len(text.encode()), len(json_text.encode()), files)


def load_rows(lib: Library, c: Collection, rounds: int) -> tuple[list[Row], Any]:
    """Cold load (and warm, with a cache) of the one-file form; returns the rows and a loaded dataset."""
    rows: list[Row] = []

    def reference() -> object:
        return _csafe(c.file.read_text(encoding="utf-8"))

    progress(f"{c.size:,}: cold load of {c.file.name}, {rounds} rounds")
    m = interleave(
        [Contender("csafe", reference), Contender("cold", lambda: lib.cold(c.file), keep=True)],
        rounds,
    )
    dataset = m.kept["cold"]
    assert len(dataset) == c.size, (len(dataset), c.size)
    rows.append(
        timed_row(
            "cold load, one file" + (" (`cache=False`)" if lib.has_cache else ""),
            "`yaml.load(text, Loader=yaml.CSafeLoader)`, gc paused",
            m,
            ours="cold",
            ref="csafe",
            target=1.2,
        )
    )
    json_ref = "`json.loads` of the same data"
    warm_target = 1.5
    warm_binding = c.size == 100_000
    if not lib.has_cache:
        rows.append(
            unavailable(
                "warm load, one file (second load, from the cache)",
                json_ref,
                warm_target,
                "`load()` has no `cache=`",
                binding=warm_binding,
            )
        )
        return rows, dataset
    # The first load with the cache on writes it; each later one reads it.
    start = time.perf_counter()
    lib.cached(c.file)
    first = time.perf_counter() - start
    rows.append(
        once_row(
            "first load with the cache on (writes it; 1 run)", "cold load (`cache=False`), best", first, m.best("cold")
        )
    )
    progress(f"{c.size:,}: warm load of {c.file.name}, {rounds} rounds")
    warm = interleave(
        [
            Contender("json", lambda: json.loads(c.json_file.read_text(encoding="utf-8"))),
            Contender("warm", lambda: lib.cached(c.file)),
        ],
        rounds,
    )
    rows.append(
        timed_row(
            "warm load, one file (second load, from the cache)",
            json_ref,
            warm,
            ours="warm",
            ref="json",
            target=warm_target,
            binding=warm_binding,
        )
    )
    # A load pauses the collector, so its objects are scanned only by the
    # program's next collections; one full collection with the dataset alive
    # shows what each costs. Shown, not in any target.
    gc.collect()
    kept = lib.cached(c.file)
    start = time.perf_counter()
    gc.collect()
    deferred = time.perf_counter() - start
    del kept
    rows.append(
        once_row(
            "one full collection with the loaded dataset alive (what each later full collection costs; 1 run)",
            "warm load, best",
            deferred,
            warm.best("warm"),
        )
    )
    return rows, dataset


COLLECTIONS = ("agreements", "signatories", "people", "areas", "sources")


def query_rows(lib: Library, dataset: Any, size: int, rounds: int) -> list[Row]:
    """Queries beside plain-Python scans that test the same condition on every agreement."""
    from mou_tracker import Status

    ds = dataset
    binding = size == 100_000
    rows: list[Row] = []

    wanted_status = {Status.IN_EFFECT}

    def ref_area() -> list[str]:
        wanted = ds.subareas(AREA)
        return [a.id for a in ds.agreements if not wanted.isdisjoint(a.areas)]

    def ref_party() -> list[str]:
        bodies = ds.bodies(PARTY)
        return [
            a.id
            for a in ds.agreements
            if not bodies.isdisjoint(a.parties)
            or any(p.acting_for in bodies for p in a.signed_by)
            or any(p.acting_for in bodies for p in a.witnesses)
        ]

    def ref_status() -> list[str]:
        out = []
        for a in ds.agreements:
            reading = ds.status_on(a, DAY)
            possible = {reading.status} if reading.certain else {reading.status, *reading.otherwise}
            if possible & wanted_status:
                out.append(a.id)
        return out

    folded = ["\n".join(fold(t) for t in (*(c.value for c in a.title.claims), *a.titles.values())) for a in ds]
    needle = fold(TEXT)

    def ref_text() -> list[Any]:
        return [a for a, t in zip(ds.agreements, folded, strict=True) if needle in t]

    # Days far enough apart that each lies in a stretch of its own, more than are kept.
    new_days = itertools.cycle([DAY - dt.timedelta(days=400 * i) for i in range(40)])

    cases: list[tuple[str, str, Callable[[], Any], Callable[[], Any], float | None]] = [
        (
            f"indexed filter: `query().area({AREA!r}).ids()`",
            "linear scan: `[a.id for a in ds.agreements if wanted & a.areas]`",
            lambda: ds.query().area(AREA).ids(),
            ref_area,
            1 / 20,
        ),
        (
            f"indexed filter: `query().party({PARTY!r}).ids()`",
            "linear scan over parties and `acting_for`",
            lambda: ds.query().party(PARTY).ids(),
            ref_party,
            1 / 20,
        ),
        (
            f"indexed filter: `query().status(IN_EFFECT, on={DAY}).ids()`",
            "linear scan calling `ds.status_on(a, day)`",
            lambda: ds.query().status(Status.IN_EFFECT, on=DAY).ids(),
            ref_status,
            1 / 20,
        ),
        (
            f"status of every agreement on {DAY}: `[ds.status_on(a, day) for a in ds]`",
            "`[a.history for a in ds.agreements]`",
            lambda: [ds.status_on(a, DAY) for a in ds.agreements],
            lambda: [a.history for a in ds.agreements],
            3,
        ),
        *(
            [
                (
                    f"status of every agreement on {DAY}, at once: `ds.statuses_on(day)` "
                    "(kept for the stretch of days; the first call pays)",
                    "`[a.history for a in ds.agreements]`",
                    lambda: ds.statuses_on(DAY),
                    lambda: [a.history for a in ds.agreements],
                    3,
                )
            ]
            if hasattr(ds, "statuses_on")
            else []
        ),
        *(
            [
                (
                    "status of every agreement on a new day each call: `ds.statuses_on(day)`, the day moved "
                    "400 days back each call through 40 days (more than the stretches kept)",
                    "`[a.history for a in ds.agreements]`",
                    lambda: ds.statuses_on(next(new_days)),
                    lambda: [a.history for a in ds.agreements],
                    3,
                )
            ]
            if hasattr(ds, "statuses_on")
            else []
        ),
        (
            f"text search: `query().text({TEXT!r}).agreements()`",
            "`[a for a, t in zip(ds.agreements, folded) if needle in t]`",
            lambda: ds.query().text(TEXT).agreements(),
            ref_text,
            2,
        ),
    ]
    for figure, reference, ours, ref, target in cases:
        progress(f"{size:,}: {figure}")
        # The first call pays for what the library builds once and keeps (search text, indexes).
        start = time.perf_counter()
        ours()
        first = time.perf_counter() - start
        if "at once" in figure:
            # Earlier figures filled what statuses_on keeps: time its first call on a copy with nothing kept.
            fresh = type(ds)(**{name: getattr(ds, name) for name in COLLECTIONS})
            start = time.perf_counter()
            fresh.statuses_on(DAY)
            first = time.perf_counter() - start
        m = interleave(
            [Contender("ref", ref, keep=True), Contender("ours", ours, keep=True)],
            rounds,
            min_time=0.05,
        )
        found, expected = m.kept["ours"], m.kept["ref"]
        notes = [f"first call {fmt_time(first)}"]
        if not figure.startswith("status of every"):
            notes.insert(0, f"{len(found):,} found")
            if [getattr(x, "id", x) for x in found] != [getattr(x, "id", x) for x in expected]:
                notes.append(f"THE REFERENCE FOUND {len(expected):,}")
        note = "; ".join(notes)
        rows.append(timed_row(figure, reference, m, ours="ours", ref="ref", target=target, binding=binding, note=note))
    return rows


@dataclass
class Edit:
    """Changes one data file of a directory, a little differently each time, and puts it back."""

    path: Path
    original: str = ""
    count: int = 0

    def __post_init__(self) -> None:
        self.original = self.path.read_text(encoding="utf-8")

    def change(self) -> None:
        self.count += 1
        # A real edit of the data: the title gains a prefix (its length changes each time).
        text, n = re.subn(r"^(  title: )(?=\S)", rf"\g<1>Revised ({self.count}) ", self.original, count=1, flags=re.M)
        assert n == 1, self.path
        self.path.write_text(text, encoding="utf-8")

    def restore(self) -> None:
        self.path.write_text(self.original, encoding="utf-8")


def directory_rows(lib: Library, c: Collection, rounds: int, *, binding4: bool) -> list[Row]:
    """Loading the directory form: cold, warm, and after one file changed."""
    files = sorted(c.folder.rglob("*.yaml"))

    def reference() -> object:
        return [_csafe(f.read_text(encoding="utf-8")) for f in files]

    parsed: dict[str, list[int]] = {"cold": [], "warm": [], "changed": []}
    contenders = [
        Contender("csafe", reference),
        Contender("cold", lib.counted(lambda: lib.cold(c.folder), parsed["cold"])),
    ]
    edit: Edit | None = None
    if lib.has_cache:
        # A file in the middle, whose title is a plain value the edit can prefix.
        middle = [f for f in files[len(files) // 2 :] if re.search(r"^  title: \S", f.read_text("utf-8"), re.M)]
        edit = Edit(middle[0])
        lib.cached(c.folder)  # fills the cache
        contenders += [
            Contender("warm", lib.counted(lambda: lib.cached(c.folder), parsed["warm"])),
            Contender("changed", lib.counted(lambda: lib.cached(c.folder), parsed["changed"]), before=edit.change),
        ]
    progress(f"{c.size:,}: directory of {len(files):,} files, {rounds} rounds")
    try:
        with lib.counting_parses():
            m = interleave(contenders, rounds)
    finally:
        if edit is not None:
            edit.restore()

    def count(name: str) -> str:
        if not lib.can_count:
            return "files parsed: unknown"
        seen = sorted(set(parsed[name]))
        return "files parsed: " + "/".join(f"{n:,}" for n in seen)

    rows = [
        timed_row(
            f"cold load, directory of {len(files):,} files" + (" (`cache=False`)" if lib.has_cache else ""),
            "CSafeLoader on each file, gc paused",
            m,
            ours="cold",
            ref="csafe",
            target=1.2,
            binding=False,
            note=count("cold"),
        )
    ]
    if not lib.has_cache:
        rows.append(
            unavailable(
                "reload after one file changed",
                "warm reload, nothing changed",
                None,
                "`load()` has no `cache=`; every load parses every file",
            )
        )
        rows.append(
            Row(
                "files parsed by the next load after one file changed",
                "1 (only that file)",
                f"{len(files):,} (every load is cold)",
                "1",
                None,
                target=1,
                binding=binding4,
            )
        )
        return rows
    rows += [
        timed_row("warm load, directory, nothing changed", "cold load of the directory", m, ours="warm", ref="cold"),
        timed_row("reload after one file changed", "warm reload, nothing changed", m, ours="changed", ref="warm"),
        timed_row("reload after one file changed", "cold load of the directory", m, ours="changed", ref="cold"),
    ]
    rows[-3].note, rows[-2].note = count("warm"), count("changed")
    changed = sorted(set(parsed["changed"]))
    rows.append(
        Row(
            "files parsed by the next load after one file changed",
            "1 (only that file)",
            "/".join(f"{n:,}" for n in changed) if lib.can_count else "unknown",
            "1",
            max(changed) if lib.can_count and changed else None,
            target=1,
            binding=binding4,
        )
    )
    return rows


_CHILD = r"""
import gc, json, os, resource, sys
mode, path, has_cache = sys.argv[1], sys.argv[2], sys.argv[3] == "1"
if mode == "baseline":
    import mou_tracker.loading, mou_tracker.dataset, mou_tracker.queries
elif mode == "json":
    with open(path, encoding="utf-8") as handle:
        data = json.loads(handle.read())
else:
    import mou_tracker
    data = mou_tracker.load(path, cache=False) if mode == "cold" and has_cache else mou_tracker.load(path)
gc.collect()
try:
    # VmHWM: the peak of this process's own memory. ru_maxrss is not, on Linux: it keeps the
    # peak of the process before exec, the parent's size at fork.
    with open("/proc/self/status") as handle:
        status = dict(line.split(":", 1) for line in handle)
    peak, now = (int(status[key].split()[0]) * 1024 for key in ("VmHWM", "VmRSS"))
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    now = 0
print(json.dumps({"peak": peak, "now": now}))
"""


def child_memory(mode: str, path: Path, has_cache: bool, env: dict[str, str], cwd: Path) -> dict[str, int]:
    """Peak and final resident memory of a fresh process that does only ``mode``."""
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(path), "1" if has_cache else "0"],
        env=env,
        # Not the checkout: ``python -c`` puts the current directory first on sys.path.
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    result: dict[str, int] = json.loads(out.strip().splitlines()[-1])
    return result


def memory_rows(lib: Library, c: Collection, env: dict[str, str], cwd: Path) -> list[Row]:
    binding = c.size == 100_000
    progress(f"{c.size:,}: memory (child processes)")
    baseline = child_memory("baseline", c.file, lib.has_cache, env, cwd)
    reference = child_memory("json", c.json_file, lib.has_cache, env, cwd)
    cold = child_memory("cold", c.file, lib.has_cache, env, cwd)
    json_size = c.json_bytes
    rows = [
        Row(
            "peak RSS of a process that loads it (cold)",
            "size of its JSON text",
            fmt_bytes(cold["peak"]),
            fmt_bytes(json_size),
            cold["peak"] / json_size,
            target=2,
            binding=binding,
        ),
    ]
    if lib.has_cache:
        warm = child_memory("warm", c.file, lib.has_cache, env, cwd)
        rows.append(
            Row(
                "peak RSS of a process that loads it (warm, from the cache)",
                "size of its JSON text",
                fmt_bytes(warm["peak"]),
                fmt_bytes(json_size),
                warm["peak"] / json_size,
                target=2,
                binding=binding,
            )
        )
    rows += [
        Row(
            "RSS left after the cold load (gc collected)",
            "size of its JSON text",
            fmt_bytes(cold["now"]),
            fmt_bytes(json_size),
            cold["now"] / json_size,
        ),
        Row(
            "peak RSS of a process that only imports mou_tracker",
            "size of its JSON text",
            fmt_bytes(baseline["peak"]),
            fmt_bytes(json_size),
            baseline["peak"] / json_size,
        ),
        Row(
            "peak RSS of a process that `json.loads` the JSON text",
            "size of its JSON text",
            fmt_bytes(reference["peak"]),
            fmt_bytes(json_size),
            reference["peak"] / json_size,
        ),
    ]
    return rows


def classify(filename: str, function: str) -> str:
    """The package a profiled function belongs to."""
    if "/mou_tracker/" in filename:
        return "mou_tracker"
    if filename.startswith("<attrs generated"):
        return "attrs (generated __init__)"
    if filename.startswith("<cattrs generated") or ("cattrs" in filename and filename.startswith("<")):
        return "cattrs (generated code)"
    match = re.search(r"site-packages/([A-Za-z_]+)", filename)
    if match:
        return {"_yaml": "yaml"}.get(match.group(1), match.group(1))
    if filename == "~":
        if "_yaml" in function or "yaml" in function:
            return "yaml (C)"
        return "built-ins"
    return "standard library" if filename.startswith(sys.base_prefix) or "lib/python" in filename else filename


def profile_section(lib: Library, c: Collection) -> str:
    """Where the time of one cold load goes, under cProfile."""
    progress(f"{c.size:,}: profiling one cold load")
    profiler = cProfile.Profile()
    gc.collect()
    profiler.enable()
    lib.cold(c.file)
    profiler.disable()
    stats = pstats.Stats(profiler)
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, object]] = stats.stats  # type: ignore[attr-defined]
    total = sum(tt for _cc, _nc, tt, _ct, _callers in raw.values())
    ours = sorted(
        ((ct, tt, nc, f"{Path(f).name}:{line}({name})") for (f, line, name), (_cc, nc, tt, ct, _) in raw.items()
         if "/mou_tracker/" in f),
        reverse=True,
    )[:10]  # fmt: skip
    by_package: dict[str, float] = {}
    for (filename, _line, name), (_cc, _nc, tt, _ct, _) in raw.items():
        key = classify(filename, name)
        by_package[key] = by_package.get(key, 0.0) + tt
    lines = [
        f"One cold load of `{c.file.name}` ({c.size:,} agreements) under cProfile: {total:.2f} s of "
        "profiled time (cProfile slows Python calls, so the shares matter more than the seconds). "
        "libyaml's parser, compiled, is invisible to cProfile: the time it takes to produce the events "
        "counts as the own time of `_yaml.py(_events)`, the loop that consumes them.",
        "",
        "The ten functions of mou_tracker with the most cumulative time:",
        "",
        tabulate(
            [(name, f"{ct:.2f}", f"{100 * ct / total:.0f} %", f"{tt:.2f}", f"{nc:,}") for ct, tt, nc, name in ours],
            headers=("function", "cumulative s", "of the load", "own s", "calls"),
            tablefmt="github",
            disable_numparse=True,
        ),
        "",
        "Own time by package:",
        "",
        tabulate(
            [(k, f"{v:.2f}", f"{100 * v / total:.0f} %") for k, v in sorted(by_package.items(), key=lambda kv: -kv[1])
             if v / total >= 0.005],
            headers=("package", "own s", "share"),
            tablefmt="github",
            disable_numparse=True,
        ),
    ]  # fmt: skip
    return "\n".join(lines)


# -- the whole run --------------------------------------------------------------


def export(commit: str, into: Path) -> Path:
    """The library and its bundled data as of ``commit``, written under ``into``."""
    into.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", commit, "mou_tracker", "data"],
        capture_output=True,
        check=True,
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    # Byte code written now: with PYTHONDONTWRITEBYTECODE set, every child would otherwise compile
    # the library from source at each start (5 ms of `mou-tracker --version`).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(into / "mou_tracker")], check=True)
    return into


def machine(at: str | None) -> list[tuple[str, str]]:
    def version(module: str) -> str:
        from importlib.metadata import PackageNotFoundError
        from importlib.metadata import version as v

        try:
            return v(module)
        except PackageNotFoundError:
            return "not installed"

    cpu = "unknown"
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as handle:
        cpu = next((line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), cpu)
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = "unknown"
    with contextlib.suppress(OSError, StopIteration), open("/proc/meminfo", encoding="utf-8") as handle:
        kb = int(next(line for line in handle if line.startswith("MemTotal")).split()[1])
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    commit = subprocess.run(
        ["git", "-C", str(ROOT), "log", "-1", "--format=%h (%cs)", at or "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    dirty = (
        not at
        and subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--", "mou_tracker"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    )
    where = " (exported with git archive)" if at else " (mou_tracker/ modified)" if dirty else ""
    libyaml = "with libyaml (C)" if getattr(yaml, "__with_libyaml__", False) else "WITHOUT libyaml"
    return [
        ("CPU", f"{cpu}; {os.cpu_count()} CPUs, {usable} usable"),
        ("memory", memory),
        ("system", platform.platform()),
        ("Python", f"{platform.python_implementation()} {platform.python_version()}"),
        ("PyYAML", f"{yaml.__version__} {libyaml}"),
        (
            "others",
            ", ".join(f"{m} {version(m)}" for m in ("attrs", "cattrs", "pendulum", "tabulate")),
        ),
        ("mou-tracker", f"{version('mou-tracker')} at commit {commit}{where}"),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="1,000 and 10,000 agreements only, 3 rounds of the 10,000-file directory (under two minutes)",
    )
    parser.add_argument(
        "--sizes", type=int, nargs="+", metavar="N", help="collection sizes (default: 1000 10000 100000)"
    )
    parser.add_argument(
        "--dir-sizes",
        type=int,
        nargs="*",
        metavar="N",
        help="sizes whose directory form is measured too (default: those up to 10,000)",
    )
    parser.add_argument("--repeat", type=int, help="rounds per figure (default: 5; 3 above 10,000 agreements)")
    parser.add_argument(
        "--cli-rounds", type=int, help="rounds of the CLI start-up figures (default: 15; 10 with --quick)"
    )
    parser.add_argument("--data", type=Path, default=generate.DEFAULT_OUT, help="where the generated data is kept")
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "performance.md", help="the report to write")
    parser.add_argument("--profile", action="store_true", help="profile one cold load of 10,000 (or the largest ≤ it)")
    parser.add_argument(
        "--at",
        metavar="COMMIT",
        help="measure mou_tracker as of this commit (exported with git archive), not the working tree",
    )
    parser.add_argument("--no-cli", action="store_true", help="skip the CLI start-up figures")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory figures")
    args = parser.parse_args(argv)
    args.data, args.output = args.data.resolve(), args.output.resolve()
    work = Path(tempfile.mkdtemp(prefix="mou-tracker-bench-"))
    try:
        return run(args, list(argv) if argv is not None else sys.argv[1:], work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run(args: argparse.Namespace, argv: list[str], work: Path) -> int:
    """Every benchmark, with scratch files (JSON, cache, exported library) under ``work``."""
    sizes: list[int] = args.sizes or ([1000, 10_000] if args.quick else [1000, 10_000, 100_000])
    dir_sizes = set(args.dir_sizes if args.dir_sizes is not None else [s for s in sizes if s <= 10_000])
    started = time.perf_counter()
    load_before = os.getloadavg()
    # The cache (once the library has one) goes to a fresh directory, for this process and its children.
    os.environ[CACHE_ENV] = str(work / "cache")
    os.environ.pop("MOU_TRACKER_DATA", None)
    snapshot = None
    if args.at:
        snapshot = export(args.at, work / "snapshot")
        # Ahead of the editable install, for this process and every child (CLI start, memory).
        sys.path.insert(0, str(snapshot))
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(snapshot), os.environ.get("PYTHONPATH")]))
    env = dict(os.environ)
    lib = Library()
    if snapshot is not None:
        # This process and its children import the exported library, not the working tree.
        child = subprocess.run(
            [sys.executable, "-c", "import mou_tracker.cli; print(mou_tracker.cli.__file__)"],
            env=env,
            cwd=work,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for imported in (lib.mou_tracker.__file__ or "", child):
            assert Path(imported).is_relative_to(snapshot), imported
    lib.cold(lib.mou_tracker.bundled_path())  # imports every module the loader uses
    progress(
        f"mou_tracker.load{inspect.signature(lib.mou_tracker.load)}: "
        + ("has a cache" if lib.has_cache else "no cache= yet: warm and reload figures not available")
    )

    sections: list[tuple[str, list[Row]]] = []
    if not args.no_cli:
        sections.append(("CLI start", cli_rows(args.cli_rounds or (10 if args.quick else 15), env, work)))
    collections: list[Collection] = []
    profile = ""
    for size in sorted(sizes):
        rounds = args.repeat or (5 if size <= 10_000 else 3)
        c = prepare(args.data, size, args.seed, work, directory=size in dir_sizes)
        collections.append(c)
        rows, dataset = load_rows(lib, c, rounds)
        rows += query_rows(lib, dataset, size, rounds)
        del dataset
        gc.collect()
        # The directory's rounds are the slowest (four loads of every file): fewer of them for --quick.
        dir_rounds = args.repeat or (3 if size > 10_000 or (args.quick and size >= 10_000) else 5)
        if size in dir_sizes:
            rows += directory_rows(lib, c, dir_rounds, binding4=size == 10_000)
        if not args.no_memory:
            rows += memory_rows(lib, c, env, work)
        shown = f"{rounds} rounds" + (
            f"; the directory {dir_rounds}" if size in dir_sizes and dir_rounds != rounds else ""
        )
        sections.append((f"{size:,} agreements ({shown})", rows))
        print(f"\n{sections[-1][0]}\n{table(rows, 'simple')}\n", flush=True)
    if args.profile:
        candidates = [c for c in collections if c.size <= 10_000] or collections
        profile = profile_section(lib, max(candidates, key=lambda c: c.size))
    elapsed = time.perf_counter() - started
    load_after = os.getloadavg()

    if sections and sections[0][0] == "CLI start":
        print(f"\nCLI start\n{table(sections[0][1], 'simple')}\n")
    command = "python benchmarks/run.py" + (" " + shlex.join(argv)).rstrip()
    report = render(
        command=command,
        sections=sections,
        collections=collections,
        lib=lib,
        profile=profile,
        elapsed=elapsed,
        loads=(load_before, load_after),
        dir_sizes=dir_sizes,
        data=args.data,
        at=args.at,
    )
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(report, encoding="utf-8")
    progress(f"wrote {args.output} ({elapsed / 60:.1f} min)")
    return 0


def render(
    *,
    command: str,
    sections: list[tuple[str, list[Row]]],
    collections: list[Collection],
    lib: Library,
    profile: str,
    elapsed: float,
    loads: tuple[tuple[float, ...], tuple[float, ...]],
    dir_sizes: set[int],
    data: Path,
    at: str | None,
) -> str:
    try:
        shown_data = data.resolve().relative_to(ROOT)
    except ValueError:
        shown_data = data
    out = [
        "# Performance",
        "",
        "Written by `benchmarks/run.py`; do not edit by hand. Every figure is a ratio: the time (or memory) "
        "of mou_tracker divided by that of a reference measured in the same run, on the same data, so that "
        "the figures can be compared across machines and a busy machine slows both sides alike. The test "
        "suite asserts no timings.",
        "",
        f"To reproduce (the data is generated first if missing, into `{shown_data}/`, which git ignores):",
        "",
        "```sh",
        command,
        "```",
        "",
        f"This run took {elapsed / 60:.1f} minutes, on {dt.date.today().isoformat()}.",
        "",
        "## Machine",
        "",
        tabulate(
            [
                *machine(at),
                ("load average", f"{loads[0][0]:.2f} at the start, {loads[1][0]:.2f} at the end (1 minute)"),
            ],
            headers=("", ""),
            tablefmt="github",
        ),
        "",
        "## Method",
        "",
        "- Each figure and its reference run in the same process (start-up and memory: in child processes "
        "started the same way), in interleaved rounds whose order alternates, the garbage collector "
        "run before each sample. **ours** and **reference time** are each the *minimum* over the rounds "
        "(best of N); **ratio** is ours ÷ reference of those minima; **median ratio** is the median of "
        "the per-round ratios, to show the noise. A call faster than 50 ms is repeated within a sample "
        "and timed per call.",
        "- The library: "
        + (
            f"with `--at {at}`, `mou_tracker/` and `data/` as of that commit are exported with `git archive` "
            "and imported ahead of the installed copy by this process and every child, so the figures belong "
            "to that commit whatever the working tree holds."
            if at
            else "the installed `mou_tracker` (an editable install measures the working tree as it is)."
        ),
        "- **met**: whether the ratio is within the target. In parentheses where the issue sets that "
        "target for another size (warm load, queries and memory at 100,000 agreements; the directory "
        "reload at 10,000) or not for that form (the cold-load target applied to a directory's files).",
        "- Cold load: `mou_tracker.load(path"
        + (", cache=False)`" if lib.has_cache else ")` (this version has no cache)")
        + ", including reading the file, beside reading the file and `yaml.load(text, Loader=yaml.CSafeLoader)` "
        "with `gc.disable()`.",
        f"- Warm load: `mou_tracker.load(path)` with `{CACHE_ENV}` set to a fresh temporary directory, after a "
        "first load has filled it, beside reading the file and `json.loads` of the same data as JSON "
        "(`json.dumps(yaml.load(text, CSafeLoader), ensure_ascii=False, default=str)`); `json.loads` runs with "
        "the collector on, as a program calls it. A load pauses the collector while it builds records (the "
        "library's own choice, not the benchmark's); the full collection that a program meets afterwards is "
        "shown in a row of its own.",
        "- Directory: `load(directory)` after one file's title was edited, beside the same reload with no "
        "change and a cold load. Files parsed are counted by wrapping `mou_tracker.loading._read_part`.",
        f"- Queries on {DAY}: the library's query beside a plain-Python list comprehension over "
        "`ds.agreements` testing the same condition (the sub-areas and bodies expanded by `ds.subareas` "
        "and `ds.bodies` inside the reference, the status through `ds.status_on`); text search beside "
        "`needle in t` over titles folded beforehand (casefold, diacritics removed with `unicodedata`). "
        "The first call of each query is not in the ratio: it is shown apart (*first call*), since it "
        "pays once for what the library builds and keeps (the folded search text, indexes).",
        "- Memory: a fresh `python -c` that only loads the file reports its own peak resident size "
        "(`VmHWM` in `/proc/self/status`: on Linux a child's `ru_maxrss` starts from its parent's size at "
        "fork) and its resident size after `gc.collect()` (`VmRSS`); JSON size is the UTF-8 length of the "
        "JSON text above.",
        "",
        "## Data",
        "",
        "Synthetic, from `benchmarks/generate.py` (seeded, so every run reads the same data): ~30 sources, "
        "~200 signatories (states with ISO codes, ministries with parents, mergers), 500 people, 43 areas "
        "in a hierarchy; agreements with English and Vietnamese titles, 1-4 parties, 1-3 areas, 0-4 "
        "status events along the lifecycle with dates of every precision, some disputed claims, terms, "
        "targets, signers, witnesses and relations to earlier agreements.",
        "",
        tabulate(
            [
                (
                    f"{c.size:,}",
                    f"{c.file.name}: {fmt_bytes(c.file_bytes)}",
                    fmt_bytes(c.json_bytes),
                    f"{c.files:,} files" + ("" if c.size in dir_sizes else " (not measured)") if c.files else "—",
                )
                for c in collections
            ],
            headers=("agreements", "one file", "as JSON", "directory"),
            tablefmt="github",
            disable_numparse=True,
        ),
        "",
        "## Results",
        "",
    ]
    for title, rows in sections:
        out += [f"### {title}", "", table(rows, "github"), ""]
    missing = [] if lib.has_cache else ["the warm load and the directory reload"]
    if missing:
        out += [
            "## Not available yet",
            "",
            f"`mou_tracker.load` has no `cache=` parameter in this version, so {', '.join(missing)} are "
            "reported as not available yet; every load is a cold load. Run the command again once the "
            "cache is in.",
            "",
        ]
    if profile:
        out += ["## Where the time goes", "", profile, ""]
    return "\n".join(out).rstrip() + "\n"


if __name__ == "__main__":
    sys.exit(main())
