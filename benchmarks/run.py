"""Benchmarks of mou_tracker, each figure measured beside its reference in the same run.

Every figure is a ratio: the library's time (or memory) divided by that of a
reference measured in the same run under the same conditions: the garbage
collector paused for both sides (and, in rows of their own, on for both),
nothing of another row alive, the loads each in a fresh process started the
same way, in interleaved rounds whose order alternates, so that a noisy,
shared machine slows both alike. The minimum and the median of each side are
shown, the ratio of the minima and the median of the per-round ratios. The
peers a user would pick instead (orjson, msgspec, pickle) are measured in the
same run, and a ratio that looks too good is checked against a second
reference. Writes docs/performance.md with the command that reproduces it.

    python benchmarks/run.py --quick          # 1,000 and 10,000 agreements
    python benchmarks/run.py                  # 1,000, 10,000, 100,000 and 250,000 agreements
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
    """One side of a comparison: what to run, what to do (untimed) before each run.

    With ``fresh``, ``run`` starts a child process that times its own work and
    returns what it reports (its seconds, its peak memory): the side then pays
    for nothing the benchmark's own process holds.
    """

    name: str
    run: Callable[[], object]
    before: Callable[[], None] | None = None
    fresh: bool = False


@dataclass
class Measured:
    """Per-call seconds of each contender, one sample per round (and what fresh children reported)."""

    samples: dict[str, list[float]]
    reports: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def best(self, name: str) -> float:
        return min(self.samples[name])

    def median(self, name: str) -> float:
        return statistics.median(self.samples[name])

    def ratio(self, ours: str, ref: str) -> float:
        return self.best(ours) / self.best(ref)

    def median_ratio(self, ours: str, ref: str) -> float:
        return statistics.median(o / r for o, r in zip(self.samples[ours], self.samples[ref], strict=True))


COLLECTOR = ("paused", "on")
"""How the garbage collector runs while a sample is timed, the same for both sides of a comparison."""


@contextlib.contextmanager
def collector(mode: str) -> Iterator[None]:
    """The collector paused (``"paused"``) or on (``"on"``) for the block, as it was afterwards."""
    enabled = gc.isenabled()
    if mode == "paused":
        gc.disable()
    else:
        gc.enable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        else:
            gc.disable()


def _calibrate(run: Callable[[], object], min_time: float) -> int:
    """Calls per sample so that one sample lasts at least ``min_time`` (the first call also warms up)."""
    start = time.perf_counter()
    run()
    once = max(time.perf_counter() - start, 1e-7)
    return max(1, min(10_000, math.ceil(min_time / once)))


def interleave(
    contenders: Sequence[Contender], rounds: int, *, min_time: float = 0.0, gc_mode: str = "paused"
) -> Measured:
    """Run every contender once per round, ``rounds`` times, reversing the order every other round.

    Both sides run under the same conditions: the collector runs before each
    sample (no sample pays for another's garbage), then is paused or left on
    (``gc_mode``) for every side alike, and no result outlives its call. With
    ``min_time``, a fast call is repeated within a sample until the sample
    lasts that long, and the time per call is kept. A ``fresh`` contender's
    time is the one its child process measured.
    """
    loops = {c.name: 1 if c.fresh or not min_time else _calibrate(c.run, min_time) for c in contenders}
    measured = Measured({c.name: [] for c in contenders}, {c.name: [] for c in contenders if c.fresh})
    for index in range(rounds):
        for contender in contenders if index % 2 == 0 else contenders[::-1]:
            if contender.before is not None:
                contender.before()
            gc.collect()
            if contender.fresh:
                report: dict[str, Any] = contender.run()  # type: ignore[assignment]
                measured.samples[contender.name].append(report["seconds"])
                measured.reports[contender.name].append(report)
                continue
            n = loops[contender.name]
            with collector(gc_mode):
                start = time.perf_counter()
                for _ in range(n):
                    contender.run()
                elapsed = (time.perf_counter() - start) / n
            measured.samples[contender.name].append(elapsed)
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
        """yes when both the ratio of minima and the median ratio are within the target; "minimum only" when one is."""
        if self.target is None or self.ratio is None:
            return "n/a" if self.target is not None else "—"
        within = [value <= self.target for value in (self.ratio, self.median) if value is not None]
        verdict = "yes" if all(within) else "minimum only" if within[0] else "no"
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
    return "—" if value is None else f"≤ {value:g}"


HEADERS = (
    "figure",
    "reference",
    "ours: min / median",
    "reference: min / median",
    "ratio",
    "median ratio",
    "target",
    "met",
)


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


TOO_GOOD = 1.0
"""A ratio below this, against a reference that does no more than the library must, is checked against a second."""


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
        f"{fmt_time(m.best(ours))} / {fmt_time(m.median(ours))}",
        f"{fmt_time(m.best(ref))} / {fmt_time(m.median(ref))}",
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


def _command() -> list[str]:
    script = Path(sys.executable).parent / "mou-tracker"
    return [str(script)] if script.exists() else [sys.executable, "-m", "mou_tracker"]


def _spawn(argv: list[str], env: dict[str, str], cwd: Path) -> Callable[[], None]:
    def run() -> None:
        subprocess.run(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)

    return run


IMPORT_LIBRARY = "`python -c 'import mou_tracker'`"


def cli_rows(rounds: int, env: dict[str, str], cwd: Path) -> list[Row]:
    """Start-up of the command, beside Python importing the dependencies, or doing nothing."""
    command = _command()
    python = [sys.executable]
    cases = [
        ("status", command),
        ("version", [*command, "--version"]),
        ("help", [*command, "--help"]),
        ("library", [*python, "-c", "import mou_tracker"]),
        ("imports", [*python, "-c", "import attrs, cattrs, yaml, pendulum, tabulate"]),
        ("pass", [*python, "-c", "pass"]),
    ]
    contenders = [Contender(name, _spawn(argv, env, cwd)) for name, argv in cases]
    for contender in contenders:  # warm up: byte code compiled, caches filled, files in the page cache
        contender.run()
    progress(f"CLI start: {rounds} interleaved rounds of {len(cases)} commands")
    m = interleave(contenders, rounds)
    imports = "`python -c 'import attrs, cattrs, yaml, pendulum, tabulate'`"
    return [
        timed_row("`mou-tracker` (bundled status table)", imports, m, ours="status", ref="imports"),
        timed_row("`mou-tracker --version`", "`python -c pass`", m, ours="version", ref="pass"),
        timed_row("`mou-tracker --help`", "`python -c pass`", m, ours="help", ref="pass", target=2),
        timed_row(IMPORT_LIBRARY, "`python -c pass`", m, ours="library", ref="pass"),
        timed_row(imports, "`python -c pass`", m, ours="imports", ref="pass"),
    ]


COMMANDS_BINDING = 250_000
"""The size at which the issue sets the target of the commands on a large collection."""


def command_rows(lib: Library, c: Collection, rounds: int, env: dict[str, str], cwd: Path) -> list[Row]:
    """The commands a curator or an analyst runs on this collection (the cache filled), beside importing the library."""
    base = [*_command(), "--data", str(c.file), "--as-of", DAY.isoformat()]
    cases = [
        ("show", f"`mou-tracker show {c.show_id}`", [*base, "show", c.show_id]),
        ("party", f"`mou-tracker list --party {PARTY}`", [*base, "list", "--party", PARTY]),
        ("area", f"`mou-tracker list --area {AREA}`", [*base, "list", "--area", AREA]),
        ("status", "`mou-tracker list --status in_effect`", [*base, "list", "--status", "in_effect"]),
        ("search", f"`mou-tracker list --search {TEXT}`", [*base, "list", "--search", TEXT]),
        ("due", "`mou-tracker due`", [*base, "due"]),
        ("changes", "`mou-tracker changes`", [*base, "changes"]),
        ("chain", f"`mou-tracker chain {c.chain_id}`", [*base, "chain", c.chain_id]),
    ]
    note = f"`--data` this file, `--as-of {DAY}`" + (", the cache filled" if lib.has_cache else ", no cache")
    progress(f"{c.size:,}: {len(cases)} commands, {rounds} interleaved rounds")
    return _commands(lib, cases, rounds, env, cwd, note=note, binding=c.size == COMMANDS_BINDING)


def _commands(
    lib: Library,
    cases: list[tuple[str, str, list[str]]],
    rounds: int,
    env: dict[str, str],
    cwd: Path,
    *,
    note: str,
    binding: bool,
) -> list[Row]:
    """Each command beside ``python -c 'import mou_tracker'``, in interleaved rounds, after one run of each."""
    contenders = [Contender(name, _spawn(argv, env, cwd)) for name, _, argv in cases]
    contenders.append(Contender("library", _spawn([sys.executable, "-c", "import mou_tracker"], env, cwd)))
    if lib.has_cache:
        for contender in contenders:  # the cache filled, and the store written by the first
            contender.run()
    m = interleave(contenders, rounds)
    return [
        timed_row(shown, IMPORT_LIBRARY, m, ours=name, ref="library", target=3, binding=binding, note=note)
        for name, shown, _ in cases
    ]


UNTC_TABLES = Path(__file__).resolve().parent.parent / "tests" / "data" / "untc"
"""Status tables of the UN Treaty Collection, as scraped (the test suite's copy)."""


def untc_rows(lib: Library, rounds: int, env: dict[str, str], cwd: Path) -> list[Row]:
    """The commands on the UN Treaty Collection's tables as ``mou-tracker import untc`` writes them."""
    from mou_tracker.untc import import_untc

    out = cwd / "untc"
    import_untc(UNTC_TABLES, out)
    data = lib.mou_tracker.load(out, cache=False)
    treaty = max(data.agreements, key=lambda a: len(a.actions)).id  # the one with the most actions
    base = [*_command(), "--data", str(out), "--as-of", DAY.isoformat()]
    cases = [
        ("show", f"`mou-tracker show {treaty}`", [*base, "show", treaty]),
        ("party", "`mou-tracker list --party SG`", [*base, "list", "--party", "SG"]),
        ("search", "`mou-tracker search climate`", [*base, "search", "climate"]),
        ("due", "`mou-tracker due`", [*base, "due"]),
        ("changes", "`mou-tracker changes --since 1990`", [*base, "changes", "--since", "1990"]),
        ("chain", f"`mou-tracker chain {treaty}`", [*base, "chain", treaty]),
        ("participation", f"`mou-tracker participation {treaty}`", [*base, "participation", treaty]),
    ]
    actions = sum(len(a.actions) for a in data.agreements)
    note = f"`--data` the imported directory ({len(data):,} treaties, {actions:,} actions), `--as-of {DAY}`"
    progress(f"UN Treaty Collection: {len(cases)} commands, {rounds} interleaved rounds")
    return _commands(lib, cases, rounds, env, cwd, note=note, binding=False)


@dataclass
class Collection:
    size: int
    file: Path
    folder: Path
    json_file: Path
    pickle_file: Path
    file_bytes: int
    json_bytes: int
    files: int
    show_id: str  # an agreement in the middle of the file
    chain_id: str  # one with relations to earlier agreements


def prepare(out: Path, size: int, seed: int, work: Path, *, directory: bool) -> Collection:
    if not generate.is_current(out, size, seed) or (directory and not generate.paths(out, size)[1].is_dir()):
        progress(f"generating {size:,} agreements into {out}")
        generate.generate(out, size, seed, directory=directory)
    file, folder = generate.paths(out, size)
    text = file.read_text(encoding="utf-8")
    # The same data as JSON: what the warm load and the memory are compared with.
    data: Any = _csafe(text)
    json_text = json.dumps(data, ensure_ascii=False, default=str)
    json_file = work / f"agreements-{size}.json"
    json_file.write_text(json_text, encoding="utf-8")
    agreements = data["agreements"]
    middle = len(agreements) // 2
    show_id = agreements[middle]["id"]
    related = (a for a in agreements[middle:] if any(k.startswith("relat") and a[k] for k in a))
    chain_id = next(related, agreements[middle])["id"]
    files = sum(1 for _ in folder.rglob("*.yaml")) if folder.is_dir() else 0
    c = Collection(
        size,
        file,
        folder,
        json_file,
        work / f"agreements-{size}.pickle",
        len(text.encode()),
        len(json_text.encode()),
        files,
        show_id,
        chain_id,
    )
    del data, agreements, text, json_text
    gc.collect()
    return c


COLD_BINDING = (1000, 10_000, 100_000)
"""The sizes at which the issue sets the cold-load target."""
WARM_BINDING = 250_000
MEMORY_BINDING = 100_000


def load_rows(lib: Library, c: Collection, rounds: int, env: dict[str, str], cwd: Path, *, memory: bool) -> list[Row]:
    """Loads of the one-file form and the peers', each side in a fresh process, the collector paused then on.

    Nothing of this benchmark's own process is alive in the children: each
    starts the same way (``python -c``), imports what its side needs, and
    times only the read and the parse (or load) of the file.
    """
    rows: list[Row] = []

    def child(mode: str, gc_mode: str) -> Callable[[], object]:
        return lambda: fresh(mode, c, gc_mode=gc_mode, has_cache=lib.has_cache, env=env, cwd=cwd)

    first: dict[str, Any] | None = None
    pickled: str | None = "`load()` has no cache in this version"
    if lib.has_cache:
        # The first load with the cache on writes it; each later one reads it.
        first = fresh("warm", c, gc_mode="on", has_cache=True, env=env, cwd=cwd)
        dumped = fresh("dump", c, gc_mode="on", has_cache=True, env=env, cwd=cwd)
        pickled = dumped["error"]
        if pickled is not None:
            c.pickle_file.unlink(missing_ok=True)
    peers = [name for name in ("orjson", "msgspec") if available(name)]
    names = ["csafe", "cold", "json", *peers]
    if lib.has_cache:
        names += ["warm", "warm-touch"] + (["pickle"] if pickled is None else [])
    by_mode: dict[str, Measured] = {}
    for gc_mode in COLLECTOR:
        progress(f"{c.size:,}: loads in fresh processes, collector {gc_mode} for both, {rounds} rounds: {names}")
        by_mode[gc_mode] = interleave([Contender(n, child(n, gc_mode), fresh=True) for n in names], rounds)
    for gc_mode, m in by_mode.items():
        paused = gc_mode == "paused"
        gc_note = f"collector {gc_mode} for both"
        cold = timed_row(
            "cold load, one file" + (" (`cache=False`)" if lib.has_cache else ""),
            f"read the file, `yaml.load(text, Loader=yaml.CSafeLoader)`; {gc_note}",
            m,
            ours="cold",
            ref="csafe",
            target=1.2 if paused else None,
            binding=c.size in COLD_BINDING,
        )
        rows.append(cold)
        if cold.ratio is not None and cold.ratio < TOO_GOOD:
            # Faster than parsing the YAML it must read: checked with every record touched.
            progress(f"{c.size:,}: cold load below {TOO_GOOD}: second reference, every agreement touched")
            check = interleave([Contender(n, child(n, gc_mode), fresh=True) for n in ("csafe", "cold-touch")], rounds)
            rows.append(
                timed_row(
                    "second reference: cold load, then one attribute of every agreement read",
                    f"read the file, CSafeLoader; {gc_note}",
                    check,
                    ours="cold-touch",
                    ref="csafe",
                    note=f"the ratio above, {fmt_ratio(cold.ratio)}, looks too good",
                )
            )
        if not lib.has_cache:
            rows.append(
                unavailable(
                    "warm load, one file (second load, from the cache)",
                    "`json.loads` of the same data",
                    0.5 if paused else None,
                    "`load()` has no `cache=`",
                    binding=c.size == WARM_BINDING,
                )
            )
            continue
        warm = timed_row(
            "warm load, one file (from the cache)",
            f"read the JSON text, `json.loads`; {gc_note}",
            m,
            ours="warm",
            ref="json",
            target=0.5 if paused else None,
            binding=c.size == WARM_BINDING,
        )
        rows.append(warm)
        too_good = warm.ratio is not None and warm.ratio < TOO_GOOD
        rows.append(
            timed_row(
                "second reference: warm load, then one attribute of every agreement read",
                f"read the JSON text, `json.loads`; {gc_note}",
                m,
                ours="warm-touch",
                ref="json",
                note=f"the ratio above, {fmt_ratio(warm.ratio)}, looks too good" if too_good else "",
            )
        )
        for peer, call in (("orjson", "`orjson.loads`"), ("msgspec", "`msgspec.json.decode`")):
            if peer in peers:
                rows.append(
                    timed_row(
                        "warm load, one file (from the cache)",
                        f"read the JSON bytes, {call} into plain dicts and lists; {gc_note}",
                        m,
                        ours="warm",
                        ref=peer,
                    )
                )
        if pickled is None:
            rows.append(
                timed_row(
                    "warm load, one file (from the cache)",
                    f"read the bytes, `pickle.loads` of the same loaded Dataset; {gc_note}",
                    m,
                    ours="warm",
                    ref="pickle",
                )
            )
        else:
            rows.append(
                Row(
                    "warm load, one file (from the cache)",
                    f"`pickle.loads` of the same loaded Dataset; {gc_note}",
                    fmt_time(m.best("warm")),
                    f"does not pickle: {pickled}",
                    None,
                )
            )
        if paused and first is not None:
            rows.append(
                once_row(
                    "first load with the cache on (writes it; 1 run, collector on)",
                    "cold load (`cache=False`), collector on, best",
                    first["seconds"],
                    by_mode["on"].best("cold"),
                )
            )
    if memory:
        rows += memory_rows(lib, c, by_mode["on"], env, cwd)
    return rows


COLLECTIONS = ("agreements", "signatories", "people", "areas", "sources")


def query_rows(lib: Library, c: Collection, rounds: int) -> list[Row]:
    """Queries beside plain-Python scans that test the same condition on every agreement.

    The dataset is loaded here and dropped on return: no other row's data is
    alive while these are timed, and both sides of each run with the same
    dataset alive, the collector paused for both (the status rows: on for
    both as well, in rows of their own).
    """
    from mou_tracker import Status

    progress(f"{c.size:,}: loading the dataset the queries ask")
    ds: Any = lib.cached(c.file) if lib.has_cache else lib.cold(c.file)
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

    def one_attribute() -> list[Any]:
        return [a.history for a in ds.agreements]

    # Days far enough apart that each lies in a stretch of its own, more than are kept.
    new_days = itertools.cycle([DAY - dt.timedelta(days=400 * i) for i in range(40)])
    loop = "a loop reading one attribute of each: `[a.history for a in ds.agreements]`"

    # (figure, reference, ours, reference, target, the collector modes, a selective query)
    cases: list[tuple[str, str, Callable[[], Any], Callable[[], Any], float | None, tuple[str, ...], bool]] = [
        (
            f"indexed filter: `query().area({AREA!r}).ids()`",
            "linear scan: `[a.id for a in ds.agreements if wanted & a.areas]`",
            lambda: ds.query().area(AREA).ids(),
            ref_area,
            None,
            ("paused",),
            True,
        ),
        (
            f"indexed filter: `query().party({PARTY!r}).ids()`",
            "linear scan over parties and `acting_for`",
            lambda: ds.query().party(PARTY).ids(),
            ref_party,
            None,
            ("paused",),
            True,
        ),
        (
            f"indexed filter: `query().status(IN_EFFECT, on={DAY}).ids()`",
            "linear scan calling `ds.status_on(a, day)`",
            lambda: ds.query().status(Status.IN_EFFECT, on=DAY).ids(),
            ref_status,
            None,
            ("paused",),
            True,
        ),
        (
            f"`status_on` one call at a time, every agreement on {DAY}: `[ds.status_on(a, day) for a in ds]`",
            loop,
            lambda: [ds.status_on(a, DAY) for a in ds.agreements],
            one_attribute,
            3,
            COLLECTOR,
            False,
        ),
        *(
            [
                (
                    f"status of every agreement on {DAY}, at once: `ds.statuses_on(day)` "
                    "(kept for the stretch of days; the first call pays)",
                    loop,
                    lambda: ds.statuses_on(DAY),
                    one_attribute,
                    None,
                    ("paused",),
                    False,
                ),
                (
                    "status of every agreement on a new day each call: `ds.statuses_on(day)`, the day moved "
                    "400 days back each call through 40 days (more than the stretches kept)",
                    loop,
                    lambda: ds.statuses_on(next(new_days)),
                    one_attribute,
                    3,
                    COLLECTOR,
                    False,
                ),
            ]
            if hasattr(ds, "statuses_on")
            else []
        ),
        (
            f"text search: `query().text({TEXT!r}).agreements()`",
            "`[a for a, t in zip(ds.agreements, folded) if needle in t]`",
            lambda: ds.query().text(TEXT).agreements(),
            ref_text,
            None,
            ("paused",),
            True,
        ),
    ]
    for figure, reference, ours, ref, target, modes, selective in cases:
        progress(f"{c.size:,}: {figure}")
        # The first call pays for what the library builds once and keeps (search text, indexes).
        gc.collect()
        start = time.perf_counter()
        found = ours()
        first = time.perf_counter() - start
        if "at once" in figure:
            # Earlier figures filled what statuses_on keeps: time its first call on a copy with nothing kept.
            fresh_ds = type(ds)(**{name: getattr(ds, name) for name in COLLECTIONS})
            gc.collect()
            start = time.perf_counter()
            fresh_ds.statuses_on(DAY)
            first = time.perf_counter() - start
            del fresh_ds
        # What each side finds is compared once, outside the timed rounds, and not kept.
        expected = ref()
        notes = [f"first call {fmt_time(first)}"]
        if selective:
            notes.insert(0, f"{len(found):,} found")
            if [getattr(x, "id", x) for x in found] != [getattr(x, "id", x) for x in expected]:
                notes.append(f"THE REFERENCE FOUND {len(expected):,}")
        ids = [getattr(x, "id", x) for x in found] if selective else []
        del found, expected
        for gc_mode in modes:
            m = interleave([Contender("ref", ref), Contender("ours", ours)], rounds, min_time=0.05, gc_mode=gc_mode)
            note = "; ".join([*notes, f"collector {gc_mode} for both"])
            row = timed_row(
                figure, reference, m, ours="ours", ref="ref", target=target if gc_mode == "paused" else None, note=note
            )
            rows.append(row)
            if selective and row.ratio is not None and row.ratio < TOO_GOOD:
                # Far below a scan is what an index is for; the second reference is what the answer
                # itself costs to read: one attribute of each agreement found, looked up by id.
                def answer(ids: list[str] = ids) -> list[Any]:
                    return [ds[i].history for i in ids]

                check = interleave(
                    [Contender("answer", answer), Contender("ours", ours)], rounds, min_time=0.05, gc_mode=gc_mode
                )
                rows.append(
                    timed_row(
                        "second reference: " + figure,
                        f"one attribute of each of the {len(ids):,} found, by id: `[ds[i].history for i in ids]`",
                        check,
                        ours="ours",
                        ref="answer",
                        note=f"the ratio above, {fmt_ratio(row.ratio)}, looks too good",
                    )
                )
    return rows  # the dataset, the folded titles and every closure over them go with this frame


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
import gc, json, pickle, sys, time
mode, path, gc_mode, has_cache = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] == "1"
# Untimed: each side imports what it needs; the library also loads its bundled data once, so that its
# first-call costs (generated converters, byte code) are not charged to the load measured.
if mode in ("cold", "warm", "cold-touch", "warm-touch", "pickle", "dump", "import"):
    import mou_tracker
    options = {"cache": False} if has_cache else {}
    mou_tracker.load(mou_tracker.bundled_path(), **options)
if mode == "csafe":
    import yaml
elif mode == "orjson":
    import orjson
elif mode == "msgspec":
    import msgspec.json
gc.collect()
if gc_mode == "paused":
    gc.disable()
start = time.perf_counter()
if mode in ("cold", "cold-touch"):
    data = mou_tracker.load(path, **options)
elif mode in ("warm", "warm-touch", "dump"):
    data = mou_tracker.load(path)
elif mode == "csafe":
    with open(path, encoding="utf-8") as handle:
        data = yaml.load(handle.read(), Loader=yaml.CSafeLoader)
elif mode == "json":
    with open(path, encoding="utf-8") as handle:
        data = json.loads(handle.read())
elif mode == "orjson":
    with open(path, "rb") as handle:
        data = orjson.loads(handle.read())
elif mode == "msgspec":
    with open(path, "rb") as handle:
        data = msgspec.json.decode(handle.read())
elif mode == "pickle":
    with open(path, "rb") as handle:
        data = pickle.loads(handle.read())
else:
    data = None
if mode.endswith("-touch"):
    # One attribute of every agreement read: a record built only when first touched is paid for here.
    touched = [a.history for a in data.agreements]
seconds = time.perf_counter() - start
gc.enable()
error = None
if mode == "dump":
    try:
        with open(sys.argv[5], "wb") as handle:
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # any failure to pickle is reported, not raised
        error = f"{type(exc).__name__}: {exc}"
count = len(data.agreements) if hasattr(data, "agreements") else len(data["agreements"]) if data else 0
gc.collect()
try:
    # VmHWM: the peak of this process's own memory. ru_maxrss is not, on Linux: it keeps the
    # peak of the process before exec, the parent's size at fork.
    with open("/proc/self/status") as handle:
        status = dict(line.split(":", 1) for line in handle)
    peak, now = (int(status[key].split()[0]) * 1024 for key in ("VmHWM", "VmRSS"))
except OSError:
    import resource
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)
    now = 0
print(json.dumps({"seconds": seconds, "peak": peak, "now": now, "count": count, "error": error}))
"""

FRESH_MODES = {
    "cold": "file",
    "cold-touch": "file",
    "warm": "file",
    "warm-touch": "file",
    "dump": "file",
    "import": "file",
    "csafe": "file",
    "json": "json_file",
    "orjson": "json_file",
    "msgspec": "json_file",
    "pickle": "pickle_file",
}
"""What each child mode reads: the YAML file, its JSON form, or the pickled dataset."""


def fresh(mode: str, c: Collection, *, gc_mode: str, has_cache: bool, env: dict[str, str], cwd: Path) -> dict[str, Any]:
    """What a fresh ``python -c`` that does only ``mode`` reports: its seconds, peak and final memory, count."""
    path = getattr(c, FRESH_MODES[mode])
    argv = [sys.executable, "-c", _CHILD, mode, str(path), gc_mode, "1" if has_cache else "0"]
    if mode == "dump":
        argv.append(str(c.pickle_file))
    out = subprocess.run(
        argv,
        env=env,
        # Not the checkout: ``python -c`` puts the current directory first on sys.path.
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"the {mode} child failed:\n{out.stderr}")
    report: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    if mode not in ("import", "dump") and report["count"] != c.size:
        raise RuntimeError(f"the {mode} child read {report['count']:,} agreements, not {c.size:,}")
    return report


def available(module: str) -> bool:
    """Whether a peer (orjson, msgspec: the test extra) is installed; its rows are left out if not."""
    try:
        __import__(module)
    except ImportError:
        return False
    return True


def memory_rows(lib: Library, c: Collection, m: Measured, env: dict[str, str], cwd: Path) -> list[Row]:
    """Peak and final resident memory of the fresh children of the loads (collector on), beside the JSON text."""
    binding = c.size == MEMORY_BINDING
    json_size = c.json_bytes

    def least(name: str, key: str) -> int:
        return min(int(report[key]) for report in m.reports[name])

    def row(figure: str, value: int, target: float | None = None) -> Row:
        return Row(
            figure,
            "size of its JSON text",
            fmt_bytes(value),
            fmt_bytes(json_size),
            value / json_size,
            target=target,
            binding=binding,
        )

    baseline = fresh("import", c, gc_mode="on", has_cache=lib.has_cache, env=env, cwd=cwd)
    rows = [row("peak RSS of a process that loads it (cold)", least("cold", "peak"), 4)]
    if lib.has_cache:
        rows.append(row("peak RSS of a process that loads it (warm, from the cache)", least("warm", "peak"), 2))
    rows += [
        row("RSS left after the cold load (gc collected)", least("cold", "now")),
        row("peak RSS of a process that only imports mou_tracker and loads its bundled data", baseline["peak"]),
        row("peak RSS of a process that `yaml.load`s the file with CSafeLoader", least("csafe", "peak")),
        row("peak RSS of a process that `json.loads` the JSON text", least("json", "peak")),
    ]
    rows += [row(f"peak RSS of a process that decodes the JSON with {peer}", least(peer, "peak"))
             for peer in ("orjson", "msgspec") if peer in m.reports]  # fmt: skip
    if "pickle" in m.reports:
        rows.append(row("peak RSS of a process that `pickle.loads` the loaded Dataset", least("pickle", "peak")))
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
            ", ".join(f"{m} {version(m)}" for m in ("attrs", "cattrs", "pendulum", "tabulate", "orjson", "msgspec")),
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
        "--sizes", type=int, nargs="+", metavar="N", help="collection sizes (default: 1000 10000 100000 250000)"
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
    parser.add_argument("--no-cli", action="store_true", help="skip the CLI figures (start-up and the commands)")
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
    sizes: list[int] = args.sizes or ([1000, 10_000] if args.quick else [1000, 10_000, 100_000, 250_000])
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
        rows = load_rows(lib, c, rounds, env, work, memory=not args.no_memory)
        rows += query_rows(lib, c, rounds)
        # The directory's rounds are the slowest (four loads of every file): fewer of them for --quick.
        dir_rounds = args.repeat or (3 if size > 10_000 or (args.quick and size >= 10_000) else 5)
        if size in dir_sizes:
            rows += directory_rows(lib, c, dir_rounds, binding4=size == 10_000)
        if not args.no_cli:
            rows += command_rows(lib, c, rounds, env, work)
        shown = f"{rounds} rounds" + (
            f"; the directory {dir_rounds}" if size in dir_sizes and dir_rounds != rounds else ""
        )
        sections.append((f"{size:,} agreements ({shown})", rows))
        print(f"\n{sections[-1][0]}\n{table(rows, 'simple')}\n", flush=True)
    if not args.no_cli and lib.has_cache:
        rounds = args.repeat or 5
        sections.append(
            (f"The UN Treaty Collection's tables, imported ({rounds} rounds)", untc_rows(lib, rounds, env, work))
        )
    if args.profile:
        candidates = [c for c in collections if c.size <= 10_000] or collections
        profile = profile_section(lib, max(candidates, key=lambda c: c.size))
    elapsed = time.perf_counter() - started
    load_after = os.getloadavg()

    if sections and sections[0][0] == "CLI start":
        print(f"\nCLI start\n{table(sections[0][1], 'simple')}\n")
    # The command that reproduces the figures: where the report and the data went is not part of it.
    kept: list[str] = []
    skip = False
    for arg in argv:
        if skip or arg in ("--output", "--data"):
            skip = not skip
            continue
        if not arg.startswith(("--output=", "--data=")):
            kept.append(arg)
    command = "python benchmarks/run.py" + (" " + shlex.join(kept)).rstrip()
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
        "- Both sides of every comparison run under the same conditions. The loads (cold, warm, and the "
        "peers') run each side in a fresh process, started the same way (`python -c`), that imports what "
        "its side needs, untimed (the library also loads its bundled data once, so that its first-call "
        "costs are not charged to the load measured), collects, then times only reading the file and "
        "loading or parsing it, with `time.perf_counter()`, and reports that time, its peak memory and "
        "the number of agreements it read (checked against the size): no side pays for memory the "
        "benchmark's own process holds. Queries run in this process, both sides with the same dataset "
        "alive, loaded for them and dropped after; nothing of another row is alive while a row is timed.",
        "- The collector: paused for both sides (`gc.disable()` around the timed call, after a "
        "`gc.collect()`), and, in rows of their own, on for both (left as a program finds it). The "
        "library's loader pauses the collector while it builds records whatever the benchmark does: "
        "that is its own choice, and in the rows *on for both* it is the reference alone that pays for "
        "collections. The targets apply to the rows *paused for both*.",
        "- Rounds: every contender once per round, the order reversed every other round, `gc.collect()` "
        "before each sample. **ours** and **reference** show the *minimum* and the *median* over the "
        "rounds; **ratio** is ours ÷ reference of the minima; **median ratio** is the median of the "
        "per-round ratios. A call faster than 50 ms is repeated within a sample and timed per call.",
        "- **met**: *yes* when both the ratio and the median ratio are within the target, *minimum only* "
        "when only the ratio is, *no* otherwise; in parentheses where the target is set for another size "
        f"(cold load: {', '.join(f'{s:,}' for s in COLD_BINDING)}; warm load and the commands: "
        f"{WARM_BINDING:,}; memory: {MEMORY_BINDING:,}; the directory reload: 10,000) or not for that form "
        "(the cold-load target applied to a directory's files).",
        f"- A ratio below {TOO_GOOD:g} against a reference that does no more than the library must is "
        "checked against a second reference, in the row below it: the load followed by reading one "
        "attribute of every agreement (a record built only when first touched pays there), and for a "
        "selective query reading one attribute of each agreement it found (what the answer itself costs).",
        "- The library: "
        + (
            f"with `--at {at}`, `mou_tracker/` and `data/` as of that commit are exported with `git archive` "
            "and imported ahead of the installed copy by this process and every child, so the figures belong "
            "to that commit whatever the working tree holds."
            if at
            else "the installed `mou_tracker` (an editable install measures the working tree as it is)."
        ),
        "- Cold load: `mou_tracker.load(path"
        + (", cache=False)`" if lib.has_cache else ")` (this version has no cache)")
        + ", beside reading the file and `yaml.load(text, Loader=yaml.CSafeLoader)`.",
        f"- Warm load: `mou_tracker.load(path)` with `{CACHE_ENV}` set to a fresh temporary directory, after a "
        "first load has filled it, beside reading the same data as JSON "
        "(`json.dumps(yaml.load(text, CSafeLoader), ensure_ascii=False, default=str)`) and decoding it "
        "into plain dicts and lists with `json.loads`, and, as the peers a user would pick instead, "
        "`orjson.loads` and `msgspec.json.decode` of its bytes, and `pickle.loads` of the same loaded "
        "`Dataset` pickled (where it does not pickle, the row says so and why).",
        "- Directory: `load(directory)` after one file's title was edited, beside the same reload with no "
        "change and a cold load, in this process, the collector paused for both. Files parsed are counted "
        "by wrapping `mou_tracker.loading._read_part`.",
        f"- Queries on {DAY}: the library's query beside a plain-Python list comprehension over "
        "`ds.agreements` testing the same condition (the sub-areas and bodies expanded by `ds.subareas` "
        "and `ds.bodies` inside the reference, the status through `ds.status_on`); text search beside "
        "`needle in t` over titles folded beforehand (casefold, diacritics removed with `unicodedata`); "
        "the status of every agreement, by `status_on` one call at a time and by `statuses_on` on a new "
        "day, beside a loop reading one attribute of each (`[a.history for a in ds.agreements]`). "
        "What both sides find is compared once, outside the timed rounds. The first call of each query "
        "is not in the ratio: it is shown apart (*first call*), since it pays once for what the library "
        "builds and keeps (the folded search text, indexes).",
        f"- Commands: `show`, `list` with a selective filter (party, area, status on the day, text), `due`, "
        f"`changes` and `chain`, each with `--data` the collection's file and `--as-of {DAY}`, the cache "
        "filled (and so the store written: every command is run once before the rounds), beside "
        "`python -c 'import mou_tracker'`, in interleaved rounds, timed from this process around the whole child. "
        "The same commands, and `participation`, on the UN Treaty Collection's status tables of the test suite "
        "(`tests/data/untc`), as `mou-tracker import untc` writes them. For scale: "
        "`python -c 'import attrs, cattrs, yaml, pendulum, tabulate'`, what any command that prints a table "
        "imports, is in the CLI start section.",
        "- Memory: the peak resident size the load's fresh children report (`VmHWM` in `/proc/self/status`: "
        "on Linux a child's `ru_maxrss` starts from its parent's size at fork), the least over the rounds "
        "with the collector on, and the resident size left after `gc.collect()` (`VmRSS`); beside the "
        "UTF-8 length of the JSON text, with the peaks of the peers' children shown for comparison.",
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
