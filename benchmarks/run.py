"""Benchmarks: sadr-iran-data against the raw reads it wraps, side by side.

Every case runs two commands in fresh processes, alternately (ours, baseline,
ours, baseline, …) after one untimed warm-up pair, and compares their
medians. See benchmarks/README.md for what each case compares.

    python benchmarks/run.py                 # 11 pairs per case, a table
    python benchmarks/run.py --quick --json  # 3 pairs per case, JSON

Exits with status 1 when a target or an import check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sadr_iran_data.dataset.integrity import data_dir, read_manifest

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
HEAVY = ("pandas", "pyarrow", "numpy", "polars", "pandera", "pydantic")
SMALL_ROWS, LARGE_ROWS = 100_000, 1_000_000
#: frictionless reads a file row by row in Python: 100,000 rows already take seconds
FRICTIONLESS_ROWS = 100_000
MIB = 2**20
_MAXRSS_UNIT = 1 if sys.platform == "darwin" else 1024  # ru_maxrss is in bytes on macOS, KiB on Linux


@dataclass(frozen=True)
class Sample:
    """One child process: wall-clock and CPU seconds, peak RSS in bytes, what it printed."""

    seconds: float
    cpu_seconds: float
    peak_rss: int
    stdout: str

    def report(self) -> dict[str, Any]:
        """What a self-timing child printed: ``seconds``, ``rss_before``, ``peak_rss``."""
        return json.loads(self.stdout)


@dataclass(frozen=True)
class Case:
    name: str
    ours: list[str]
    baseline: list[str]
    target: float
    rss_target: float | None = None
    #: the child times its own call and prints a report, instead of being timed whole
    self_timed: bool = False
    #: self-timed: the RSS the call adds, at most this many times the frame's own size (ours only)
    memory_target: float | None = None
    #: at most this many paired runs (for a slow baseline)
    max_runs: int | None = None


@dataclass
class Row:
    case: str
    unit: str
    ours: float
    baseline: float
    target: float | None
    ratio: float = field(init=False)
    passed: bool | None = field(init=False)
    #: median CPU time of ours / baseline: less sensitive than wall-clock to other load on the machine
    cpu_ratio: float | None = None
    ours_samples: list[float] = field(default_factory=list)
    baseline_samples: list[float] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.ratio = self.ours / self.baseline
        self.passed = None if self.target is None else self.ratio <= self.target


@dataclass(frozen=True)
class Check:
    name: str
    code: str
    forbidden: tuple[str, ...]


def run_child(argv: Sequence[str], env: dict[str, str]) -> Sample:
    """Run one process to its end: wall-clock time around it, its own rusage from ``wait4``."""
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=stderr, env=env)
        stdout = proc.stdout.read() if proc.stdout is not None else b""
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.stdout.close()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            stderr.seek(0)
            raise RuntimeError(f"{' '.join(argv)} exited with {proc.returncode}:\n{stderr.read().decode(errors='replace')}")
    return Sample(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * _MAXRSS_UNIT, stdout.decode())


def child_env(pycache: Path) -> dict[str, str]:
    """Every child's environment: bytecode cached, as after ``pip install``, but outside the source tree."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(pycache)
    return env


def paired(case: Case, runs: int, env: dict[str, str]) -> tuple[list[Sample], list[Sample]]:
    """One untimed warm-up pair, then ``runs`` pairs, ours and baseline alternately."""
    run_child(case.ours, env)
    run_child(case.baseline, env)
    ours, baseline = [], []
    for _ in range(runs):
        ours.append(run_child(case.ours, env))
        baseline.append(run_child(case.baseline, env))
    return ours, baseline


def _row(name: str, unit: str, value: Callable[[Any], float], ours: list[Any], baseline: list[Any], *, target: float | None = None) -> Row:
    a, b = [value(x) for x in ours], [value(x) for x in baseline]
    return Row(name, unit, statistics.median(a), statistics.median(b), target, ours_samples=a, baseline_samples=b)


def rows_of(case: Case, ours: list[Sample], baseline: list[Sample]) -> list[Row]:
    """The table rows of one case: its timing, and the peak memory where it has a target or a story."""
    if case.self_timed:
        big, small = [s.report() for s in ours], [s.report() for s in baseline]
        rows = [
            _row(case.name, "ms", lambda r: r["seconds"] * 1e3, big, small, target=case.target),
            _row(f"{case.name}: peak RSS", "MiB", lambda s: s.peak_rss / MIB, ours, baseline),
        ]
        if all(r["peak_rss"] is not None for r in big + small):
            added = _row(f"{case.name}: RSS added by the call", "MiB", lambda r: (r["peak_rss"] - r["rss_before"]) / MIB, big, small)
            rows.append(added)
            if case.memory_target is not None:
                share = [(r["peak_rss"] - r["rss_before"]) / r["frame_bytes"] for r in big]
                frame = [r["frame_bytes"] / MIB for r in big]
                rows.append(
                    Row(
                        f"{case.name}: RSS added / frame size",
                        "MiB",
                        statistics.median(share) * statistics.median(frame),
                        statistics.median(frame),
                        case.memory_target,
                        ours_samples=share,
                    )
                )
        return rows
    timing = _row(case.name, "ms", lambda s: s.seconds * 1e3, ours, baseline, target=case.target)
    timing.cpu_ratio = statistics.median(s.cpu_seconds for s in ours) / statistics.median(s.cpu_seconds for s in baseline)
    if case.rss_target is None:
        return [timing]
    return [timing, _row(f"{case.name} peak RSS", "MiB", lambda s: s.peak_rss / MIB, ours, baseline, target=case.rss_target)]


def _code(*lines: str) -> list[str]:
    return [PYTHON, "-c", "\n".join(lines)]


def cases() -> dict[str, Case]:
    """Every case, ours against the raw equivalent on the same installed files."""
    folder = data_dir()
    files = {name: str(folder / entry["file"]) for name, entry in read_manifest(folder)["tables"].items()}
    events = files["events"]
    script = Path(sysconfig.get_path("scripts")) / "sadr-iran-data"
    info = [str(script), "info"] if script.exists() else [PYTHON, "-m", "sadr_iran_data.cli", "info"]
    validate = [PYTHON, str(HERE / "validate_child.py"), "--table", "events", "--rows"]

    def child(mode: str, rows: int) -> list[str]:
        return [*validate, str(rows), "--mode", mode]

    return {
        "import": Case("import sadr_iran_data", _code("import sadr_iran_data"), _code("pass"), 1.5),
        "load_events": Case(
            "load_events()",
            _code("import sadr_iran_data as sid", "sid.load_events()"),
            _code("import pyarrow.parquet as pq", f"pq.ParquetFile({events!r}).read().to_pandas()"),
            1.05,
        ),
        "arrow": Case(
            'load("events", backend="arrow")',
            _code("import sadr_iran_data as sid", "sid.load('events', backend='arrow')"),
            _code("import pyarrow.parquet as pq", f"pq.ParquetFile({events!r}).read()"),
            1.10,
        ),
        "polars": Case(
            'load("events", backend="polars")',
            _code("import sadr_iran_data as sid", "sid.load('events', backend='polars')"),
            _code("import polars as pl", f"pl.read_parquet({events!r})"),
            1.10,
        ),
        "wide_events": Case(
            "load_events(wide=True)",
            _code("import sadr_iran_data as sid", "sid.load_events(wide=True)"),
            _code("import sadr_iran_data as sid", "sid.load_events()"),
            1.5,
        ),
        "wide_relations": Case(
            "load_relations(wide=True)",
            _code("import sadr_iran_data as sid", "sid.load_relations(wide=True)"),
            _code("import sadr_iran_data as sid", "sid.load_relations()"),
            1.5,
        ),
        "old_version": Case(
            "load_events(version=<the oldest release>)",
            _code("import sadr_iran_data as sid", "sid.load_events(version=sid.releases()['version'].iloc[0])"),
            _code("import sadr_iran_data as sid", "sid.load_events()"),
            1.2,
        ),
        "load_all": Case(
            "load_all()",
            _code("import sadr_iran_data as sid", "sid.load_all()"),
            _code("import pyarrow.parquet as pq", f"for path in {list(files.values())!r}:", "    pq.ParquetFile(path).read().to_pandas()"),
            1.05,
            rss_target=1.10,
        ),
        "validate": Case(
            f"validate {LARGE_ROWS:,} vs {SMALL_ROWS:,} rows",
            [*validate, str(LARGE_ROWS)],
            [*validate, str(SMALL_ROWS)],
            12.0,
            self_timed=True,
        ),
        "validate_pandera": Case(
            f"validate frame vs pandera lazy, {LARGE_ROWS:,} rows",
            child("frame", LARGE_ROWS),
            child("pandera", LARGE_ROWS),
            1.5,
            self_timed=True,
            memory_target=2.0,
        ),
        "validate_csv_frictionless": Case(
            f"validate CSV vs frictionless, {FRICTIONLESS_ROWS:,} rows",
            child("csv", FRICTIONLESS_ROWS),
            child("frictionless", FRICTIONLESS_ROWS),
            1 / 15,
            self_timed=True,
            max_runs=3,
        ),
        "validate_csv_arrow": Case(
            f"validate CSV vs read_csv + pandera, {LARGE_ROWS:,} rows",
            child("csv", LARGE_ROWS),
            child("arrow+pandera", LARGE_ROWS),
            3.0,
            self_timed=True,
        ),
        "info": Case(
            "sadr-iran-data info",
            info,
            _code("import pyarrow.parquet as pq", f"for path in {list(files.values())!r}:", "    pq.read_metadata(path).num_rows"),
            1.2,
        ),
    }


CHECKS = (
    Check("import sadr_iran_data", "import sadr_iran_data", HEAVY),
    Check("__version__ and tables()", "import sadr_iran_data as sid\nsid.__version__\nsid.tables()", ("pandas", "pyarrow")),
    Check('load("events", backend="arrow")', "import sadr_iran_data as sid\nsid.load('events', backend='arrow')", ("pandas",)),
    Check(
        "sadr-iran-data info",
        "import contextlib, io\nfrom sadr_iran_data.cli import main\nwith contextlib.redirect_stdout(io.StringIO()):\n    main(['info'])",
        ("pandas", "pyarrow"),
    ),
)


def run_check(check: Check, env: dict[str, str]) -> dict[str, Any]:
    """Which heavy packages a statement imports, in a fresh process."""
    report = f"import json, sys\nprint(json.dumps(sorted({{m.partition('.')[0] for m in sys.modules}} & {set(HEAVY)!r})))"
    loaded = json.loads(run_child(_code(check.code, report), env).stdout)
    return {"check": check.name, "loaded": loaded, "forbidden": list(check.forbidden), "passed": not set(loaded) & set(check.forbidden)}


def _result(passed: bool | None) -> str:
    return "-" if passed is None else "pass" if passed else "FAIL"


def _print_table(header: Sequence[str], lines: Sequence[Sequence[str]], right: set[int]) -> None:
    widths = [max(len(x) for x in column) for column in zip(header, *lines, strict=True)]
    for line in (header, ["-" * w for w in widths], *lines):
        print("  ".join(x.rjust(w) if i in right else x.ljust(w) for i, (x, w) in enumerate(zip(line, widths, strict=True))).rstrip())


def print_report(rows: list[Row], checks: list[dict[str, Any]], runs: int) -> None:
    print(f"medians of {runs} paired runs in fresh processes; ratio = ours / baseline\n")
    _print_table(
        ("case", "ours", "baseline", "unit", "ratio", "target", "result", "cpu ratio"),
        [
            (
                r.case,
                f"{r.ours:.1f}",
                f"{r.baseline:.1f}",
                r.unit,
                f"{r.ratio:.3f}x",
                "report" if r.target is None else f"<= {r.target:g}x",
                _result(r.passed),
                "" if r.cpu_ratio is None else f"{r.cpu_ratio:.3f}x",
            )
            for r in rows
        ],
        right={1, 2, 4, 7},
    )
    if checks:
        print()
        _print_table(
            ("import check", "heavy modules loaded", "must not load", "result"),
            [(c["check"], ", ".join(c["loaded"]) or "none", ", ".join(c["forbidden"]), _result(c["passed"])) for c in checks],
            right=set(),
        )


def main(argv: list[str] | None = None) -> int:
    available = cases()
    parser = argparse.ArgumentParser(description="Benchmark sadr-iran-data against raw Parquet reads.")
    parser.add_argument("--runs", type=int, help="paired runs per case (default 11, or 3 with --quick)")
    parser.add_argument("--quick", action="store_true", help="3 paired runs per case: a smoke test, not a verdict")
    parser.add_argument("--case", action="append", choices=list(available), help="run only this case (repeatable)")
    parser.add_argument("--no-checks", action="store_true", help="skip the checks of which packages load")
    parser.add_argument("--json", action="store_true", help="print the results, with every sample, as JSON")
    parser.add_argument(
        "--pycache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "sadr-iran-data-benchmarks" / "pycache",
        help="bytecode cache of the child processes (PYTHONPYCACHEPREFIX; default: %(default)s)",
    )
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 11)
    if runs < 1:
        parser.error("--runs must be at least 1")
    env = child_env(args.pycache)

    rows: list[Row] = []
    for key in args.case or available:
        case = available[key]
        print(f"{case.name}: {runs} pairs …", file=sys.stderr, flush=True)
        rows += rows_of(case, *paired(case, min(runs, case.max_runs or runs), env))
    checks = [] if args.no_checks else [run_check(check, env) for check in CHECKS]
    passed = all(r.passed is not False for r in rows) and all(c["passed"] for c in checks)

    if args.json:
        result = {"python": sys.version, "runs": runs, "passed": passed, "rows": [asdict(r) for r in rows], "checks": checks}
        print(json.dumps(result, indent=1))
    else:
        print_report(rows, checks, runs)
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
