"""Draw the documentation's figures from the shipped tables, as deterministic SVG.

    python -m sadr_iran_data._build.figures [--root REPOSITORY] [--out DIR]

Writes ``map.svg`` (places with coordinates, :mod:`.map`), ``timeline.svg``
(every event, in panels of the dated, the forecast and the undated,
:mod:`.timeline`) and ``network.svg`` (actors and relations over the
hierarchy of states and their bodies, :mod:`.network`) into the repository's
``docs/figures``. Everything is drawn from ``sadr_iran_data``'s loaders with
matplotlib alone: no basemap, no tiles, no network. Two runs write identical
files.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import matplotlib

# Before pyplot loads in any module of this package: no display needed, the same drawing everywhere.
matplotlib.use("Agg")

import matplotlib.pyplot as plt

from ..curated import find_root
from ._common import RC_PARAMS
from .map import BORDERS, draw_map
from .network import draw_network
from .timeline import draw_timeline

#: Where the figures go, relative to the repository's root.
FOLDER = Path("docs") / "figures"


def make_figures(root: Path, out: Path | None = None) -> list[Path]:
    """Draw every figure from the repository at ``root`` into ``out`` (default: its ``docs/figures``); returns the files written."""
    out = root / FOLDER if out is None else out
    with plt.rc_context(RC_PARAMS):
        return [draw_map(out / "map.svg", root / BORDERS), draw_timeline(out / "timeline.svg"), draw_network(out / "network.svg")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sadr_iran_data._build.figures", description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--root", type=Path, help="the repository (default: found from the current folder)")
    parser.add_argument("--out", type=Path, help=f"folder to write into (default: the repository's {FOLDER.as_posix()})")
    args = parser.parse_args(argv)
    for path in make_figures(find_root(args.root), args.out):
        print(path)
    return 0
