"""Child process of the validation cases: time one validation of synthetic rows, ours or a baseline's.

Builds ``--rows`` synthetic rows of ``--table`` (``synthetic.py``), warms the
code up on a small slice (so the timed call excludes imports and schema
building), then times one call and prints one JSON object: the seconds spent,
the resident memory before the call and its peak during it (Linux; ``null``
elsewhere), and the frame's own size in memory.

Modes (``--mode``):

- ``frame``: ``sid.validate(frame, table=..., references=False)``;
- ``pandera``: the table's pandera schema, ``schema.validate(frame, lazy=True)``;
- ``csv``: ``sid.validate(file.csv, table=..., references=False)``;
- ``frictionless``: frictionless validating the same file against the generated Table Schema;
- ``arrow+pandera``: ``pyarrow.csv.read_csv`` of the same file, plus the ``pandera`` call on the frame.

The CSV file is written once per row count and seed into ``--csv-dir`` and
shared by every child that asks for it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from synthetic import synthetic_csv, synthetic_frame

import sadr_iran_data as sid
from sadr_iran_data.declarations import get_table

_PAGE = 4096
MODES = ("frame", "pandera", "csv", "frictionless", "arrow+pandera")


def _rss_bytes() -> int | None:
    """Current resident memory of this process."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * _PAGE
    except OSError:
        return None


def _reset_peak_rss() -> bool:
    """Restart the kernel's peak-RSS counter (VmHWM), so the next reading covers only what follows."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _peak_rss_bytes() -> int | None:
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return None


def _csv_file(folder: Path, table: str, rows: int, seed: int) -> Path:
    """The synthetic rows as a CSV file, written once (atomically) and shared by every child."""
    path = folder / f"{table}-{rows}-{seed}.csv"
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        os.close(fd)
        synthetic_csv(get_table(table), rows, seed, Path(temp))
        os.replace(temp, path)
    return path


def _pandera(table: str) -> Callable[[Any], Any]:
    from sadr_iran_data.schemas import SCHEMAS

    schema = SCHEMAS[table]
    return lambda frame: schema.validate(frame, lazy=True)


def _frictionless(path: Path, table: str) -> Callable[[], bool]:
    from frictionless import Resource, Schema

    from sadr_iran_data.formats.frictionless import table_schema

    schema = Schema.from_descriptor(table_schema(table, resources=[table]))

    def run(file: Path = path) -> bool:
        return bool(Resource(path=file.name, basepath=str(file.parent), schema=schema).validate().valid)

    return run


def timed_call(args: argparse.Namespace) -> tuple[Callable[[], Any], int, Callable[[Any], bool]]:
    """(the call to time, the frame's size in bytes, how to tell that its result is 'valid')."""
    frame = synthetic_frame(get_table(args.table), args.rows, args.seed)
    size = int(frame.memory_usage(deep=True).sum())
    head = frame.head(1_000)
    if args.mode == "frame":
        sid.validate(head, table=args.table, references=False)
        return (lambda: sid.validate(frame, table=args.table, references=False)), size, lambda r: r.ok
    if args.mode == "pandera":
        pandera = _pandera(args.table)
        pandera(head)
        return (lambda: pandera(frame)), size, lambda r: r is not None
    path = _csv_file(args.csv_dir, args.table, args.rows, args.seed)
    small = _csv_file(args.csv_dir, args.table, 1_000, args.seed)
    if args.mode == "csv":
        sid.validate(small, table=args.table, references=False)
        return (lambda: sid.validate(path, table=args.table, references=False)), size, lambda r: r.ok
    if args.mode == "frictionless":
        check = _frictionless(path, args.table)
        check(small)
        return check, size, bool
    import pyarrow.csv as pv

    pandera = _pandera(args.table)
    pandera(head)
    pv.read_csv(small)

    def arrow_and_pandera() -> Any:
        pv.read_csv(path)
        return pandera(frame)

    return arrow_and_pandera, size, lambda r: r is not None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--table", default="events")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--mode", choices=MODES, default="frame")
    parser.add_argument("--csv-dir", type=Path, default=Path(tempfile.gettempdir()) / "sadr-iran-data-benchmarks" / "csv")
    args = parser.parse_args(argv)

    call, size, valid = timed_call(args)
    rss_before = _rss_bytes()
    peak_known = _reset_peak_rss()
    start = time.perf_counter()
    result = call()
    seconds = time.perf_counter() - start
    peak = _peak_rss_bytes() if peak_known else None

    if not valid(result):
        print(f"the synthetic data is invalid ({args.mode}), fix benchmarks/synthetic.py:\n{result}", file=sys.stderr)
        return 1
    print(json.dumps({"rows": args.rows, "seconds": seconds, "rss_before": rss_before, "peak_rss": peak, "frame_bytes": size}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
