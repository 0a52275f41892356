"""Isolation: no code path touches the network, and loads, lazy imports and exports are safe from many threads at once.

The network checks run the whole public API in a fresh interpreter whose
sockets are closed before ``sadr_iran_data`` (or pandas, pyarrow, …) is
imported, so an import-time connection would be caught too; an audit hook
records the connections that bypass the patched ``socket`` functions.
The same fresh interpreter counts the native threads the library starts.
The thread checks release 4 threads at once with a barrier, switching
between them every millisecond, and compare every result with a load made
alone; 8 threads race through the lazy imports of a fresh process.
"""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import textwrap
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest

import sadr_iran_data as sid
from sadr_iran_data._names import CITATION_FORMATS, EXPORT_FORMATS
from sadr_iran_data.declarations import TABLES

#: The threads released at once in this process, and Python's thread switch interval while they run: a fifth of its
#: default 5 ms, so that they interleave at many more points and a race in a short stretch of code shows. 4 threads
#: switching this often still race: a CSV writer that shares one row buffer between calls garbles their files on every
#: run (8 threads at 5 ms: in about half the runs), and so do pandas loads that share one dict of dtypes.
THREADS = 4
SWITCH_INTERVAL = 0.001
#: The threads of the fresh process that races through the lazy imports.
LAZY_THREADS = 8
BACKENDS = ("pandas", "arrow", "polars")
SENTINEL = "ISOLATION-CHECK-DONE"


def run_python(code: str, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, timeout=timeout)


def report_of(out: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    """The JSON a child prints after the sentinel, once it did everything it was asked."""
    assert out.returncode == 0, f"child exited {out.returncode}\n--- stdout\n{out.stdout[-3000:]}\n--- stderr\n{out.stderr[-6000:]}"
    lines = [line for line in out.stdout.splitlines() if line.startswith(SENTINEL)]
    assert len(lines) == 1, f"the child never reached its end\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    return json.loads(lines[0][len(SENTINEL) :])


# --------------------------------------------------------------------------
# No network
# --------------------------------------------------------------------------

# Installed before anything else is imported. The patched functions refuse the
# usual ways out; the audit hook sees what calls the C socket module directly
# (or urllib, http.client, …) and cannot be bypassed from Python.
GUARD = textwrap.dedent(
    """
    import socket
    import sys

    ATTEMPTS = []
    NETWORK_EVENTS = {
        "socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg",
        "socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo",
        "urllib.Request", "http.client.connect", "ftplib.connect", "smtplib.connect",
        "imaplib.open", "poplib.connect", "webbrowser.open",
    }


    class NetworkBlocked(RuntimeError):
        pass


    def refuse(what, args):
        ATTEMPTS.append(f"{what} {args!r}"[:300])
        raise NetworkBlocked(what)


    def audit(event, args):
        if event in NETWORK_EVENTS:
            refuse(event, args)


    def blocked(what):
        def call(*args, **kwargs):
            refuse(what, args)

        return call


    sys.addaudithook(audit)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        setattr(socket, name, blocked(f"socket.{name}"))
    for name in ("connect", "connect_ex"):
        setattr(socket.socket, name, blocked(f"socket.socket.{name}"))

    # The guard must hold for every way out it claims to close.
    import _socket
    import urllib.request


    def raw_connect():
        raw = _socket.socket()
        try:
            raw.connect(("127.0.0.1", 9))
        finally:
            raw.close()


    def python_connect():
        with socket.socket() as s:
            s.connect(("127.0.0.1", 9))


    PROBES = {
        "socket.create_connection": lambda: socket.create_connection(("example.org", 80), timeout=1),
        "socket.getaddrinfo": lambda: socket.getaddrinfo("example.org", 443),
        "socket.socket.connect": python_connect,
        "_socket.socket.connect (audit hook)": raw_connect,
        "urllib.request.urlopen": lambda: urllib.request.urlopen("http://example.org/", timeout=1),
    }
    for probe_name, probe in PROBES.items():
        try:
            probe()
        except NetworkBlocked:
            pass
        else:
            raise SystemExit(f"the network guard let {probe_name} through")
    assert len(ATTEMPTS) == len(PROBES), ATTEMPTS
    ATTEMPTS.clear()
    """
)

# The same child counts its native threads (from /proc, which also sees threads
# Python does not know about) before and after using the library. Arrow's CPU
# thread pool, once started, can abort the interpreter at exit ("terminate
# called without an active exception", status -6) on this stack; so every
# Arrow read, conversion and CSV parse in the library runs in the calling
# thread. Parsing a CSV file with Arrow starts one I/O read-ahead thread,
# whatever its options; that one is allowed, the CPU pool (one thread per core)
# is not. The threads are counted first, before polars or DuckDB is used.
EVERYTHING = textwrap.dedent(
    """
    import contextlib
    import inspect
    import io
    import json
    import os
    from pathlib import Path

    import pandas, pyarrow, pyarrow.compute, pyarrow.csv, pyarrow.parquet, pandera.pandas
    import sadr_iran_data as sid
    from sadr_iran_data._names import CITATION_FORMATS, EXPORT_FORMATS
    from sadr_iran_data.cli import main

    out = Path(sys.argv[1])
    done = []


    def native_threads():
        if not os.path.isdir("/proc/self/task"):
            return None
        names = [open(f"/proc/self/task/{t}/comm").read().strip() for t in os.listdir("/proc/self/task")]
        return sorted(n for n in names if n != "jemalloc_bg_thd")  # the allocator's own housekeeping thread


    threads = {"start": native_threads()}
    for name in sid.tables():
        sid.load(name)
        sid.load(name, backend="arrow")
        sid.validate(name)
    counted = ("csv", "parquet", "json", "ndjson", "sqlite", "geojson", "graphml", "datapackage")
    exported = {fmt: sid.export(fmt, out / fmt) for fmt in counted}
    sid.load_all()
    sid.changes(), sid.lookup("evt-0001"), sid.codebook(), sid.verify(), sid.cite("bibtex")
    threads["api"] = native_threads()
    for name in sid.tables():
        sid.validate(f"{out}/parquet/{name}.parquet")
    threads["parquet files"] = native_threads()
    for name in sid.tables():
        sid.validate(f"{out}/csv/{name}.csv")
    threads["csv files"] = native_threads()


    def did(what, ok):
        assert ok, what
        done.append(what)


    def cli(*argv):
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            status = main(list(argv))
        assert status == 0, (argv, status)
        return buffer.getvalue()


    names = sid.tables()
    rows = {name: len(sid.load(name)) for name in names}
    for backend in ("pandas", "arrow", "polars"):
        for name in names:
            did(f"load {name} {backend}", len(sid.load(name, backend=backend)) == rows[name] > 0)
        frames = sid.load_all(backend)
        did(f"load_all {backend}", {name: len(frame) for name, frame in frames.items()} == rows)
    for name in names:
        did(f"load_{name}", len(getattr(sid, f"load_{name}")()) == rows[name])
    did("load_all", list(sid.load_all()) == list(names))
    verified = sid.verify()
    did("verify", set(names) <= set(verified) and set(verified.values()) == {"ok"})
    for name in names:
        report = sid.validate(name)
        did(f"validate {name}", report.ok and report.rows == rows[name])

    choices = (None, True, False) if "include_source" in inspect.signature(sid.cite).parameters else (None,)
    for fmt in CITATION_FORMATS:
        for include_source in choices:
            text = sid.cite(fmt) if include_source is None else sid.cite(fmt, include_source=include_source)
            did(f"cite {fmt} include_source={include_source}", sid.__version__ in text and (include_source is not True or "Rahimi" in text))
        did(f"cite_source {fmt}", "Rahimi" in sid.cite_source(fmt))

    files = {}
    for fmt in EXPORT_FORMATS:
        paths = exported[fmt] if fmt in exported else sid.export(fmt, out / fmt)
        files[fmt] = [str(p.relative_to(out)) for p in paths]
        did(f"export {fmt}", len(paths) > 0 and all(p.is_file() and p.stat().st_size > 0 for p in paths))

    graph = sid.to_networkx()
    did("to_networkx", graph.number_of_nodes() == rows["actors"] and graph.number_of_edges() == rows["relations"])
    did("changes", "record_id" in sid.changes().columns)
    views = sum(len(sid.load(name, backend="arrow", wide=True).schema) for name in ("events", "relations"))
    did("codebook", len(sid.codebook()) == sum(len(sid.load(name, backend="arrow").schema) for name in names) + views)
    did("vocabularies", len(sid.vocabularies()) > 0)
    did("retired", isinstance(sid.retired(), list))
    did("lookup", sid.lookup("loc-mehran")["name"] == "Mehran")

    did("cli info", sid.__version__ in cli("info"))
    did("cli tables", len(cli("tables").splitlines()) == len(names))
    did("cli show events --limit 3", cli("show", "events", "--limit", "3", "--format", "csv").count("evt-") >= 3)
    did("cli verify", "match the manifest" in cli("verify"))
    did("cli cite", sid.__version__ in cli("cite"))
    did("cli cite bibtex --source", "@article{" in cli("cite", "--format", "bibtex", "--source"))
    did("cli validate events.csv", "valid" in cli("validate", str(out / "csv" / "events.csv"), "--table", "events"))
    did("cli validate relations.parquet", "valid" in cli("validate", str(out / "parquet" / "relations.parquet")))
    did("cli export ndjson", len(cli("export", str(out / "cli"), "--format", "ndjson").splitlines()) == len(names) + 2)  # the wide views

    print(SENTINEL + json.dumps({"attempts": ATTEMPTS, "done": done, "probes": sorted(PROBES), "threads": threads, "exports": files}))
    """
)


def expected_operations() -> set[str]:
    names = sid.tables()
    return {
        *(f"load {name} {backend}" for name in names for backend in BACKENDS),
        *(f"load_all {backend}" for backend in BACKENDS),
        *(f"load_{name}" for name in names),
        *(f"validate {name}" for name in names),
        *(f"cite {fmt} include_source={include_source}" for fmt in CITATION_FORMATS for include_source in (None, True)),
        *(f"cite_source {fmt}" for fmt in CITATION_FORMATS),
        *(f"export {fmt}" for fmt in EXPORT_FORMATS),
        "verify",
        "to_networkx",
        "changes",
        "codebook",
        "cli show events --limit 3",
        "cli validate events.csv",
    }


def _strace() -> list[str] | None:
    """strace following the child's processes and logging the calls that reach the network, or None where it cannot run.

    Where strace has it, a seccomp filter stops the processes only at the traced system calls, not at every one.
    """
    if shutil.which("strace") is None:
        return None
    for fast in (["--seccomp-bpf"], []):
        command = ["strace", "-f", *fast, "-qq", "-e", "trace=execve,connect,sendto,sendmsg,bind"]
        if subprocess.run([*command, "-o", os.devnull, "true"], capture_output=True).returncode == 0:
            return command
    return None


@pytest.fixture(scope="module")
def everything_offline(tmp_path_factory) -> tuple[subprocess.CompletedProcess[str], list[str] | None, Path]:
    """The whole public API, run once in a fresh guarded interpreter: under strace where it works, with strace's log.

    One run serves three checks: the Python guard's report, the system calls the guard cannot see, and the native
    threads the library starts. Its exports, each written alone, are what the threads' exports must equal; the third
    item is the folder that holds them.
    """
    folder = tmp_path_factory.mktemp("offline")
    child = [sys.executable, "-c", f"SENTINEL = {SENTINEL!r}\n{GUARD}\n{EVERYTHING}", str(folder / "out")]
    strace = _strace()
    if strace is None:
        return subprocess.run(child, capture_output=True, text=True, timeout=120), None, folder / "out"
    log = folder / "strace.log"
    out = subprocess.run([*strace, "-o", str(log), *child], capture_output=True, text=True, timeout=180)
    return out, log.read_text().splitlines(), folder / "out"


@pytest.mark.slow
def test_nothing_touches_the_network_in_a_fresh_process(everything_offline):
    out, _, _ = everything_offline
    report = report_of(out)
    assert report["attempts"] == []
    assert len(report["probes"]) == 5
    missing = expected_operations() - set(report["done"])
    assert not missing, f"the child skipped {sorted(missing)}"
    assert len(report["done"]) == len(set(report["done"]))


@pytest.mark.slow
def test_no_native_code_opens_a_network_connection(everything_offline):
    """The Python guard cannot see C++/Rust code (Arrow, DuckDB, polars); the kernel can."""
    out, traced, _ = everything_offline
    if traced is None:
        pytest.skip("needs strace and permission to ptrace")
    report = report_of(out)
    assert report["attempts"] == []
    assert any(f'execve("{sys.executable}"' in line for line in traced), "strace did not follow the child"
    # The probes are refused in Python before any system call, so any call logged here got past the guard.
    calls = [line for line in traced if re.match(r"\d+ +(connect|sendto|sendmsg|bind)\(", line)]
    assert calls == []


class NetworkBlocked(RuntimeError):
    pass


@pytest.fixture
def offline(monkeypatch) -> list[str]:
    """Sockets refuse to connect or resolve for the test; returns the list of attempts."""
    attempts: list[str] = []

    def blocked(what: str) -> Callable[..., Any]:
        def refuse(*args: Any, **kwargs: Any) -> Any:
            attempts.append(f"{what} {args!r}")
            raise NetworkBlocked(what)

        return refuse

    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr"):
        monkeypatch.setattr(socket, name, blocked(f"socket.{name}"))
    for name in ("connect", "connect_ex"):
        monkeypatch.setattr(socket.socket, name, blocked(f"socket.socket.{name}"))
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("example.org", 80), timeout=1)
    with pytest.raises(NetworkBlocked), socket.socket() as s:
        s.connect(("127.0.0.1", 9))
    attempts.clear()
    return attempts


# --------------------------------------------------------------------------
# Many threads at once
# --------------------------------------------------------------------------


def together(task: Callable[[int], Any], threads: int = THREADS) -> list[Any]:
    """``task(i)`` for i in range(threads), all released at the same moment, switching often; results in thread order."""
    barrier = threading.Barrier(threads)

    def run(i: int) -> Any:
        barrier.wait(timeout=60)
        return task(i)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        with ThreadPoolExecutor(threads) as pool:
            return list(pool.map(run, range(threads)))
    finally:
        sys.setswitchinterval(interval)


def assert_same(backend: str, got: Any, expected: Any) -> None:
    if backend == "pandas":
        pd.testing.assert_frame_equal(got, expected, check_exact=True)
    elif backend == "arrow":
        assert got.equals(expected, check_metadata=True)
    else:
        from polars.testing import assert_frame_equal

        assert_frame_equal(got, expected, check_exact=True)


def _other_value(table: str, column: str, value: Any) -> Any:
    """A valid value of ``column``'s type different from ``value``."""
    col = TABLES[table].column(column)
    if col.type == "category":
        return next(v for v in col.vocabulary.values if v != value)
    if col.column_type.text:
        return "2001" if value != "2001" else "2002"  # text, and an EDTF year too
    return {
        "int": -1,
        "float": -1.5,
        "bool": not (value is not None and bool(value)),
        "date": datetime.date(1900, 1, 1),
    }[col.type]


def mutate(backend: str, table: str, frame: Any) -> None:
    """Change ``frame`` in place: every cell of its first row but lists, one column added and one deleted."""
    columns = [c.name for c in TABLES[table].columns if c.type != "list"]
    if backend == "pandas":
        for column in columns:
            value = frame.at[0, column]
            new = _other_value(table, column, None if pd.isna(value) else value)
            frame.at[0, column] = pd.Timestamp(new) if isinstance(new, datetime.date) else new
        frame["added"] = 1
        del frame[columns[-1]]
    else:
        import polars as pl

        for column in columns:
            frame[0, column] = _other_value(table, column, frame[0, column])
        frame.insert_column(0, pl.Series("added", [1] * frame.height))
        frame.drop_in_place(columns[-1])


def buffer_addresses(table: pa.Table) -> set[int]:
    return {buf.address for column in table.columns for chunk in column.chunks for buf in chunk.buffers() if buf is not None and buf.size}


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    if request.param == "polars":
        pytest.importorskip("polars")
    return request.param


@pytest.mark.parametrize("table", TABLES)
def test_threads_loading_one_table_get_equal_independent_frames(backend, table):
    reference = sid.load(table, backend=backend)
    results = together(lambda i: sid.load(table, backend=backend))
    for result in results:
        assert_same(backend, result, reference)
    assert len({id(result) for result in [reference, *results]}) == THREADS + 1
    if backend == "arrow":  # immutable: independence means no buffer is handed out twice
        seen = [buffer_addresses(result) for result in [reference, *results]]
        assert sum(map(len, seen)) == len(set().union(*seen)), "two loads share Arrow memory"
        return
    mutate(backend, table, results[0])
    with pytest.raises(AssertionError):
        assert_same(backend, results[0], reference)
    for result in results[1:]:
        assert_same(backend, result, reference)
    assert_same(backend, sid.load(table, backend=backend), reference)


def test_threads_loading_everything_get_equal_independent_tables(backend):
    reference = sid.load_all(backend)
    results = together(lambda i: sid.load_all(backend))
    for result in results:
        assert list(result) == list(reference)
        for name, frame in result.items():
            assert_same(backend, frame, reference[name])
    for name in reference:
        assert len({id(result[name]) for result in [reference, *results]}) == THREADS + 1
    assert len({id(result) for result in results}) == THREADS
    if backend != "arrow":
        for name in reference:
            mutate(backend, name, results[0][name])
    results[0].pop("events")
    for result in [*results[1:], sid.load_all(backend)]:
        assert list(result) == list(reference)
        for name, frame in result.items():
            assert_same(backend, frame, reference[name])


def test_threads_loading_different_tables_and_backends_at_once():
    pytest.importorskip("polars")
    jobs = [(name, backend) for name in TABLES for backend in BACKENDS]
    reference = {(name, backend): sid.load(name, backend=backend) for name, backend in jobs}

    def load_every_job(i: int) -> dict[tuple[str, str], Any]:
        rotated = jobs[i * 3 :] + jobs[: i * 3]  # every thread starts on a different table and backend
        return {(name, backend): sid.load(name, backend=backend) for name, backend in rotated}

    for result in together(load_every_job):
        for (name, backend), frame in result.items():
            assert_same(backend, frame, reference[name, backend])


# A fresh interpreter: nothing but sadr_iran_data/__init__.py is imported when
# the threads are released, so they race through the lazy __getattr__ imports.
LAZY_RACE = textwrap.dedent(
    """
    import importlib
    import json
    import sys
    import threading
    import traceback
    from concurrent.futures import ThreadPoolExecutor

    import sadr_iran_data as sid

    bound = set(sid._LAZY) & set(vars(sid))
    imported = {f"sadr_iran_data.{module}" for module in sid._LAZY.values()} & set(sys.modules)
    assert not bound and not imported, (bound, imported)

    TASKS = {
        "load_events": lambda: sid.load_events(),
        "load actors arrow": lambda: sid.load("actors", backend="arrow"),
        "validate relations": lambda: sid.validate("relations"),
        "cite bibtex": lambda: sid.cite("bibtex"),
    }
    NAMES = sorted(sid.__all__)
    barrier = threading.Barrier(THREADS)


    def worker(i):
        barrier.wait(timeout=60)
        tasks = list(TASKS)[i % len(TASKS):] + list(TASKS)[: i % len(TASKS)]
        names = NAMES[i * 4:] + NAMES[: i * 4]
        results, values = {}, {}
        steps = [("task", t) for t in tasks] + [("name", n) for n in names]
        if i % 2:  # half the threads touch every public name first, half call functions first
            steps.reverse()
        for kind, key in steps:
            if kind == "task":
                results[key] = TASKS[key]()
            else:
                values[key] = getattr(sid, key)
        return results, values


    errors = []
    outcomes = []


    def guarded(i):
        try:
            return worker(i)
        except BaseException:
            errors.append(traceback.format_exc())
            raise


    with ThreadPoolExecutor(THREADS) as pool:
        futures = [pool.submit(guarded, i) for i in range(THREADS)]
    for future in futures:
        if future.exception() is None:
            outcomes.append(future.result())
    if errors:
        sys.exit("\\n".join(errors))

    import pandas as pd

    events, actors, relations, bibtex = (
        sid.load_events(), sid.load("actors", backend="arrow"), sid.validate("relations"), sid.cite("bibtex")
    )
    for results, values in outcomes:
        pd.testing.assert_frame_equal(results["load_events"], events, check_exact=True)
        assert results["load actors arrow"].equals(actors, check_metadata=True)
        assert results["validate relations"] == relations and relations.ok, results["validate relations"]
        assert results["cite bibtex"] == bibtex
        for name, value in values.items():
            module = sid._LAZY.get(name)
            if module is not None:
                assert value is getattr(importlib.import_module(f"sadr_iran_data.{module}"), name), name
            else:
                assert value is getattr(sid, name), name
    frames = [results["load_events"] for results, _ in outcomes]
    assert len({id(f) for f in frames}) == THREADS
    print(SENTINEL + json.dumps({"threads": len(outcomes), "names": len(NAMES), "tasks": len(TASKS)}))
    """
)


@pytest.mark.slow
@pytest.mark.parametrize("attempt", range(2))
def test_threads_racing_through_the_lazy_imports_of_a_fresh_process(attempt):
    report = report_of(run_python(f"SENTINEL = {SENTINEL!r}\nTHREADS = {LAZY_THREADS}\n{LAZY_RACE}"))
    assert report == {"threads": LAZY_THREADS, "names": len(sid.__all__), "tasks": 4}


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_threads_exporting_offline_into_their_own_folders_write_identical_files(everything_offline, offline, tmp_path, fmt):
    """The threads' files equal those the fresh process of the network checks wrote alone (a DuckDB file: its tables)."""
    if fmt == "duckdb":
        pytest.importorskip("duckdb")
    out, _, folder = everything_offline
    reference = [folder / name for name in report_of(out)["exports"][fmt]]
    assert reference and all(p.stat().st_size > 0 for p in reference)
    results = together(lambda i: sid.export(fmt, tmp_path / f"thread-{i}"))
    assert offline == []
    tables = duckdb_rows(reference[0]) if fmt == "duckdb" else None
    for i, paths in enumerate(results):
        folder = tmp_path / f"thread-{i}"
        assert [p.name for p in paths] == [p.name for p in reference]
        assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in reference), "a staged file was left behind"
        for path, expected in zip(paths, reference, strict=True):
            assert path.parent == folder
            if fmt == "duckdb":  # a DuckDB file is not byte-reproducible even when written alone; compare its tables
                assert duckdb_rows(path) == tables
            else:
                assert path.read_bytes() == expected.read_bytes(), path.name


def duckdb_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    import duckdb

    with duckdb.connect(str(path), read_only=True) as connection:
        return {name: connection.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall() for name in TABLES}


# --------------------------------------------------------------------------
# No native thread pool: a process that used the library exits cleanly
# --------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir() or (os.cpu_count() or 1) < 2, reason="counts threads through /proc")
def test_the_library_starts_no_native_thread_pool(everything_offline):
    """The fresh process of the network checks counts its threads before and after loads, validation and exports."""
    out, _, _ = everything_offline
    counts = report_of(out)["threads"]
    assert counts["api"] == counts["start"], f"threads started by loads, validation, exports, …: {counts}"
    assert counts["parquet files"] == counts["start"], f"threads started by validating Parquet files: {counts}"
    assert len(counts["csv files"]) <= len(counts["start"]) + 1, f"threads started by validating CSV files: {counts}"
