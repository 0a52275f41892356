"""Child process of the ``validate`` case: time one ``sid.validate`` call on a synthetic frame.

Builds ``--rows`` synthetic rows of ``--table``, warms the validation code up on
a small slice (so the timed call excludes importing pandera and building the
schemas), then times ``sid.validate(frame, table=..., references=False)`` and
prints one JSON object: the seconds spent in that call, the resident memory
before it and the peak resident memory during it (Linux; ``null`` elsewhere).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from synthetic import synthetic_frame

import sadr_iran_data as sid
from sadr_iran_data.declarations import get_table

_PAGE = 4096


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--table", default="events")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    frame = synthetic_frame(get_table(args.table), args.rows, args.seed)
    sid.validate(frame.head(1_000), table=args.table, references=False)

    rss_before = _rss_bytes()
    peak_known = _reset_peak_rss()
    start = time.perf_counter()
    report = sid.validate(frame, table=args.table, references=False)
    seconds = time.perf_counter() - start
    peak = _peak_rss_bytes() if peak_known else None

    if not report.ok:
        print(f"the synthetic frame is invalid, fix benchmarks/synthetic.py:\n{report}", file=sys.stderr)
        return 1
    print(json.dumps({"rows": args.rows, "seconds": seconds, "rss_before": rss_before, "peak_rss": peak}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
