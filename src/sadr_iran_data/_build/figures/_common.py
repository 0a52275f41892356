"""What the figures share: matplotlib's settings for deterministic SVG, saving a figure, and missing values."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib.pyplot as plt

if TYPE_CHECKING:
    from matplotlib.figure import Figure

Point = tuple[float, float]

RC_PARAMS: Any = {
    "svg.hashsalt": "sadr-iran-data",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "hatch.linewidth": 0.5,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def _save(fig: Figure, path: Path) -> Path:
    """Write ``fig`` as SVG without a timestamp, and close it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format="svg", metadata={"Date": None}, bbox_inches="tight")
    plt.close(fig)
    return path


def _missing(value: Any) -> bool:
    return value is None or value != value  # noqa: PLR0124  (NaT and NA are not equal to themselves)
