"""The timeline (``timeline.svg``): one row per event from 1980 to publication and beyond, coloured by certainty."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib.pyplot as plt
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch
from matplotlib.transforms import blended_transform_factory

import sadr_iran_data as sid

from ...codes._keyed import Keyed
from ...codes.plover import HISTORICAL_BEFORE
from ...declarations import CERTAINTY
from ._common import _missing, _save

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes

#: Okabe–Ito colours, one per certainty value (safe for colour-blind readers).
CERTAINTY_COLOURS: Keyed[str] = Keyed(
    "timeline.CERTAINTY_COLOURS",
    "certainty",
    {
        "stated": "#0072B2",
        "known": "#009E73",
        "likely": "#56B4E9",
        "rumored": "#E69F00",
        "claimed": "#CC79A7",
        "alleged": "#D55E00",
        "expected": "#000000",
    },
)
CERTAINTY_COLOURS.check_covers(CERTAINTY.values)

PUBLICATION_END = dt.date(2007, 12, 31)
TIMELINE_START = 1980.0
BREAK_YEAR = 2002.0
TIMELINE_END = 2010.0


def _year(value: Any) -> float:
    """A date as a decimal year (2004-07-01 is about 2004.5)."""
    day = value.date() if hasattr(value, "date") else value
    start = dt.date(day.year, 1, 1)
    length = (dt.date(day.year + 1, 1, 1) - start).days
    return float(day.year + (day - start).days / length)


def _timeline_order(events: pd.DataFrame) -> pd.DataFrame:
    """Dated events by start, then events open at the start (dated only by publication)."""
    start = events["date_start"]
    frame = events.assign(_open=start.isna().astype(int), _start=start.fillna(events["date_end"]))
    return frame.sort_values(["_open", "_start", "date_end", "event_id"], na_position="last")


def _extent(event: Any) -> tuple[float, float]:
    """The years an event's mark covers: open starts begin at the axis, forecasts run past publication.

    An undated event the coding calls ``historical`` (PLOVER's context for
    what was over before 2003) ends at 2003, not at publication.
    """
    start, end = event.date_start, event.date_end
    left = TIMELINE_START if _missing(start) else _year(start)
    right = TIMELINE_END if _missing(end) else _year(end + dt.timedelta(days=1))
    if _missing(start) and "historical" in list(event.plover_context):
        right = min(right, _year(dt.date.fromisoformat(HISTORICAL_BEFORE)))
    return left, right


def _draw_event(axes: Iterable[Axes], y: int, event: Any) -> None:
    """One event on each of ``axes`` it reaches: a span, a day mark, an open start or a forecast."""
    colour = CERTAINTY_COLOURS[event.certainty]
    left, right = _extent(event)
    for ax in axes:
        x0, x1 = ax.get_xlim()
        if right <= x0 or left >= x1:
            continue
        if _missing(event.date_start):
            # Undated before publication: a dashed line from the axis start, with a marker for the open start.
            ax.plot([left, right], [y, y], color=colour, linestyle=(0, (2, 2)), linewidth=1.2)
            if x0 == TIMELINE_START:
                ax.plot(TIMELINE_START, y, marker="<", color=colour, markersize=4, clip_on=False)
        elif _missing(event.date_end):
            # A forecast: an arrow from its start past the publication year.
            ax.add_patch(FancyArrowPatch((left, y), (right - 0.15, y), arrowstyle="-|>", mutation_scale=7, color=colour, linewidth=1.2))
        elif event.date_precision == "day":
            ax.plot(left, y, marker="D", color=colour, markersize=4)
        else:
            bounded = event.date_precision == "unknown"
            ax.barh(
                y,
                right - left,
                left=left,
                height=0.62,
                color="white" if bounded else colour,
                edgecolor=colour,
                hatch="////" if bounded else None,
                linewidth=0.8,
            )


#: Longest row label of the timeline, in characters; longer summaries are cut at a word and end in " …".
SUMMARY_WIDTH = 64


def short_summary(summary: str, width: int = SUMMARY_WIDTH) -> str:
    """An event's summary cut to ``width`` characters at a word boundary, for a row label.

    Examples
    --------
    >>> short_summary("Tehran supplies the Mahdi Army with lightweight weaponry.")
    'Tehran supplies the Mahdi Army with lightweight weaponry.'
    >>> short_summary("The Qods Force trains Muslim Bosnians against the Serbs.", width=30)
    'The Qods Force trains Muslim …'
    """
    return textwrap.shorten(summary, width, placeholder=" …", break_on_hyphens=False)


def draw_timeline(path: Path) -> Path:
    """One row per event from 1980 to publication, labelled with its summary; colour by certainty, forecasts as arrows past 2007."""
    events = _timeline_order(sid.load_events())
    rows = len(events)
    fig, (early, late) = plt.subplots(
        1, 2, sharey=True, figsize=(7.0, 0.16 * rows + 2.6), gridspec_kw={"width_ratios": (1, 3.2), "wspace": 0.04}
    )
    early.set_xlim(TIMELINE_START, BREAK_YEAR)
    late.set_xlim(BREAK_YEAR, TIMELINE_END)
    for y, event in enumerate(events.itertuples()):
        _draw_event((early, late), y, event)

    early.set_yticks(range(rows), [short_summary(str(summary)) for summary in events["summary"]], fontsize=6.5)
    early.set_ylim(rows - 0.4, -0.6)
    # the event's id at the row's other end, to look it up (sid.evidence_for, the tables)
    at_right = blended_transform_factory(late.transAxes, late.transData)
    for y, event in enumerate(events.itertuples()):
        late.text(1.01, y, event.event_id, transform=at_right, fontsize=6, family="DejaVu Sans Mono", color="#555555", va="center")
    early.tick_params(axis="y", length=0)
    early.set_xticks((1980, 1990, 2000), ("1980", "1990", ""))
    late.set_xticks(range(2002, 2011, 2))
    late.tick_params(axis="y", left=False)
    late.spines["left"].set_visible(False)
    for ax in (early, late):
        ax.grid(axis="x", color="#e3e3e3", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.tick_params(axis="x", labeltop=True, top=True, labelsize=8)
    # Mark the broken time axis with the usual diagonal strokes.
    stroke = {"marker": [(-1, -1.5), (1, 1.5)], "markersize": 8, "linestyle": "none", "color": "black", "clip_on": False}
    early.plot([1, 1], [0, 1], transform=early.transAxes, **stroke)
    late.plot([0, 0], [0, 1], transform=late.transAxes, **stroke)

    publication = _year(PUBLICATION_END + dt.timedelta(days=1))
    late.axvline(publication, color="#888888", linewidth=0.9, linestyle="--")
    late.text(publication + 0.08, rows - 1, "end of the\npublication\nyear (2007)", fontsize=7, color="#555555", va="bottom")

    certainty_handles = [Patch(color=CERTAINTY_COLOURS[v], label=v) for v in CERTAINTY.values]
    shape_handles = [
        Patch(facecolor="#777777", label="dated span (month, year, decade)"),
        Patch(facecolor="white", edgecolor="#777777", hatch="////", label="bounds only (precision unknown)"),
        Line2D([], [], marker="D", linestyle="", color="#777777", markersize=4, label="a day"),
        Line2D(
            [],
            [],
            marker="<",
            linestyle=(0, (2, 2)),
            color="#777777",
            markersize=4,
            label="open start, ends by publication (historical: by 2003)",
        ),
        Line2D([], [], marker=">", linestyle="-", color="#777777", markersize=4, label="forecast beyond publication"),
    ]
    fig.legend(
        handles=certainty_handles + shape_handles,
        loc="lower center",
        ncols=3,
        fontsize=7.5,
        title="certainty (colour) and dating (shape)",
        title_fontsize=8,
        frameon=False,
        bbox_to_anchor=(0.45, 0.0),
    )
    fig.suptitle("Events by date, 1980 to publication (2007), and forecasts beyond", fontsize=10, y=0.995)
    fig.subplots_adjust(bottom=1.5 / fig.get_figheight(), top=1 - 0.75 / fig.get_figheight())
    return _save(fig, path)
