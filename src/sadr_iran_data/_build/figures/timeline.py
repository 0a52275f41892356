"""The timeline (``timeline.svg``): one row per event in three panels (dated, forecast, undated), coloured by certainty."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
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
from ..curated import publication_bound
from ._common import _missing, _save

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

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


def publication_date() -> dt.date:
    """The last day by which the article was published: its ``published_by`` in the ``citations`` table (``curated.publication_bound``)."""
    return publication_bound(sid.load("citations", backend="arrow").to_pylist())


@dataclass(frozen=True)
class Panel:
    """One panel of the timeline: what it holds (``dated``, ``forecast`` or ``undated``), its title and its events, in row order."""

    kind: str
    title: str
    events: pd.DataFrame


def timeline_panels(events: pd.DataFrame) -> list[Panel]:
    """The events in three panels: dated, forecast (no end) and undated (no start), each in its own order.

    Dated events go by start; forecasts by start; undated events by certainty
    (in the vocabulary's order), then by their end.
    """
    undated = events[events["date_start"].isna()]
    forecast = events[events["date_start"].notna() & events["date_end"].isna()]
    dated = events[events["date_start"].notna() & events["date_end"].notna()]
    rank = {value: i for i, value in enumerate(CERTAINTY.values)}
    undated = undated.assign(_rank=undated["certainty"].map(rank).astype(int)).sort_values(["_rank", "date_end", "event_id"])
    return [
        Panel("dated", f"Dated ({len(dated)} events), by start", _timeline_order(dated)),
        Panel("forecast", f"Forecasts ({len(forecast)}): from their start on, beyond publication", _timeline_order(forecast)),
        Panel("undated", f"Undated ({len(undated)}): before publication, the start unknown; by certainty", undated.drop(columns="_rank")),
    ]


def _draw_panel(fig: Figure, grid: Any, panel: Panel, publication: float, *, first: bool) -> tuple[Axes, Axes]:
    """One panel on its two axes, the time axis broken at 2002: its rows labelled with summary and id, the publication line."""
    early = fig.add_subplot(grid[0])
    late = fig.add_subplot(grid[1], sharey=early)
    early.set_xlim(TIMELINE_START, BREAK_YEAR)
    late.set_xlim(BREAK_YEAR, TIMELINE_END)
    rows = len(panel.events)
    for y, event in enumerate(panel.events.itertuples()):
        _draw_event((early, late), y, event)
    early.set_yticks(range(rows), [short_summary(str(summary)) for summary in panel.events["summary"]], fontsize=6.5)
    early.set_ylim(rows - 0.4, -0.6)
    # the event's id at the row's other end, to look it up (sid.evidence_for, the tables)
    at_right = blended_transform_factory(late.transAxes, late.transData)
    for y, event in enumerate(panel.events.itertuples()):
        late.text(1.01, y, str(event.event_id), transform=at_right, fontsize=6, family="DejaVu Sans Mono", color="#555555", va="center")
    early.tick_params(axis="y", length=0)
    early.set_xticks((1980, 1990, 2000), ("1980", "1990", ""))
    late.set_xticks(range(2002, 2011, 2))
    late.tick_params(axis="y", left=False, labelleft=False)
    late.spines["left"].set_visible(False)
    for ax in (early, late):
        ax.grid(axis="x", color="#e3e3e3", linewidth=0.6)
        ax.set_axisbelow(True)
        ax.tick_params(axis="x", labeltop=first, top=first, labelsize=7.5)
    # Mark the broken time axis with the usual diagonal strokes.
    stroke: dict[str, Any] = {"marker": [(-1, -1.5), (1, 1.5)], "markersize": 8, "linestyle": "none", "color": "black", "clip_on": False}
    early.plot([1, 1], [0, 1], transform=early.transAxes, **stroke)
    late.plot([0, 0], [0, 1], transform=late.transAxes, **stroke)
    late.axvline(publication, color="#888888", linewidth=0.9, linestyle="--")
    early.set_title(panel.title, fontsize=8.5, loc="left", x=-0.9, fontweight="bold")
    return early, late


def draw_timeline(path: Path) -> Path:
    """The events in three panels (dated, forecast, undated), each row labelled with its summary; colour by certainty.

    The publication line is the article's ``published_by`` (:func:`publication_date`).
    """
    panels = [panel for panel in timeline_panels(sid.load_events()) if len(panel.events)]
    published = publication_date()
    publication = _year(published + dt.timedelta(days=1))
    heights = [len(panel.events) + 2.2 for panel in panels]
    fig = plt.figure(figsize=(7.0, 0.16 * sum(heights) + 2.2))
    # a gap of about half an inch between panels (hspace is a share of the mean panel's height)
    outer = fig.add_gridspec(len(panels), 1, height_ratios=heights, hspace=0.5 / (0.16 * sum(heights) / len(panels)))
    # the publication line's label where the rows leave room for it: left of the forecasts, which start at publication
    labelled = next((panel.kind for panel in panels if panel.kind == "forecast"), panels[0].kind)
    for i, panel in enumerate(panels):
        grid = outer[i].subgridspec(1, 2, width_ratios=(1, 3.2), wspace=0.04)
        _, late = _draw_panel(fig, grid, panel, publication, first=i == 0)
        if panel.kind == labelled:
            label = f"published by {published.day} {published:%B %Y}\n(citations.published_by)"
            left = min([publication, *(_year(start) for start in panel.events["date_start"].dropna())]) - 0.12
            late.text(left, (len(panel.events) - 1) / 2, label, fontsize=7, color="#555555", va="center", ha="right")

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
    fig.suptitle(f"Events by date, 1980 to publication ({published:%B %Y}), and forecasts beyond", fontsize=10, y=0.997)
    fig.subplots_adjust(bottom=1.45 / fig.get_figheight(), top=1 - 0.7 / fig.get_figheight())
    return _save(fig, path)
