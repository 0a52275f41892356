"""Draw the documentation's figures from the shipped tables, as deterministic SVG.

    python -m sadr_iran_data._build.figures [--out docs/figures]

Writes ``map.svg`` (places with coordinates), ``timeline.svg`` (every event,
1980 to publication and beyond) and ``network.svg`` (actors and relations).
Everything is drawn from ``sadr_iran_data``'s loaders with matplotlib alone:
no basemap, no tiles, no network. Two runs write identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.colors import ListedColormap
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch

import sadr_iran_data as sid
from ..declarations import CERTAINTY, RELATION_TYPE

Point = tuple[float, float]
Edge = tuple[str, str]
Layout = Callable[[list[str], list[Edge]], dict[str, Point]]

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "docs" / "figures"

#: Places the project is known for; drawn and labelled more prominently on the map.
KEY_PLACES = ("loc-qum", "loc-mehran", "loc-masjid-suleiman", "loc-najaf")

#: Okabe–Ito colours, one per certainty value (safe for colour-blind readers).
CERTAINTY_COLOURS = {
    "stated": "#0072B2",
    "known": "#009E73",
    "likely": "#56B4E9",
    "rumored": "#E69F00",
    "claimed": "#CC79A7",
    "alleged": "#D55E00",
    "expected": "#000000",
}
COUNTRY_COLOURS = {"IRN": "#009E73", "IRQ": "#0072B2"}
COUNTRY_NAMES = {"IRN": "Iran", "IRQ": "Iraq"}
OTHER_COUNTRY = "#777777"

PUBLICATION_END = dt.date(2007, 12, 31)
SEED = 20070125
TIMELINE_START = 1980.0
BREAK_YEAR = 2002.0
TIMELINE_END = 2010.0

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


def _year(value: Any) -> float:
    """A date as a decimal year (2004-07-01 is about 2004.5)."""
    day = value.date() if hasattr(value, "date") else value
    start = dt.date(day.year, 1, 1)
    length = (dt.date(day.year + 1, 1, 1) - start).days
    return float(day.year + (day - start).days / length)


def _events_label(n: int) -> str:
    return f"{n} event{'' if n == 1 else 's'}"


def _missing(value: Any) -> bool:
    return value is None or value != value  # noqa: PLR0124  (NaT and NA are not equal to themselves)


# --------------------------------------------------------------------------
# Map
# --------------------------------------------------------------------------


def draw_map(path: Path) -> Path:
    """Every place with coordinates on plain lon/lat axes; marker area grows with its events."""
    places = sid.load_locations()
    places = places[places["latitude"].notna()].sort_values("location_id")
    counts = Counter(sid.load_events()["location_id"].dropna())

    fig, ax = plt.subplots(figsize=(7.2, 5.6))
    lon_min, lon_max = math.floor(places["longitude"].min()) - 2, math.ceil(places["longitude"].max()) + 2
    lat_min, lat_max = math.floor(places["latitude"].min()) - 1.5, math.ceil(places["latitude"].max()) + 1.5
    ax.set_xlim(lon_min, lon_max)
    ax.set_ylim(lat_min, lat_max)
    # Equirectangular axes with the right east–west scale at the map's middle latitude.
    ax.set_aspect(1 / math.cos(math.radians((lat_min + lat_max) / 2)))
    ax.set_xticks(range(lon_min, lon_max + 1))
    ax.set_yticks(range(math.ceil(lat_min), math.floor(lat_max) + 1))
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:g}°E")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:g}°N")
    ax.grid(color="#d0d0d0", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(True)

    located: Any = places.itertuples()  # each row's values as pandas holds them
    for place in located:
        n = counts.get(place.location_id, 0)
        colour = COUNTRY_COLOURS.get(place.country, OTHER_COUNTRY)
        key = place.location_id in KEY_PLACES
        ax.scatter(
            place.longitude,
            place.latitude,
            s=30 + 70 * n,
            color=colour,
            alpha=0.75,
            edgecolor="black" if key else "white",
            linewidth=1.2 if key else 0.8,
            zorder=3,
        )
        ax.annotate(
            f"{place.name}\n{_events_label(n)}",
            (place.longitude, place.latitude),
            xytext=(9 + 2 * math.sqrt(n), 0),
            textcoords="offset points",
            va="center",
            fontsize=9 if key else 8,
            fontweight="bold" if key else "normal",
            zorder=4,
        )

    size_handles = [
        Line2D([], [], linestyle="", marker="o", markersize=math.sqrt(30 + 70 * n), color="#999999", label=_events_label(n))
        for n in (1, 3, 5)
    ]
    country_handles = [
        Patch(color=COUNTRY_COLOURS.get(c, OTHER_COUNTRY), alpha=0.75, label=COUNTRY_NAMES.get(c, c))
        for c in sorted(set(places["country"].dropna()))
    ]
    legend = ax.legend(handles=size_handles, title="events placed here", loc="lower left", labelspacing=1.3, borderpad=0.9, fontsize=8)
    ax.add_artist(legend)
    ax.legend(handles=country_handles, loc="upper right", fontsize=8)
    ax.set_title("Places with coordinates, sized by the events placed there", fontsize=10)
    ax.set_xlabel("longitude (WGS84)")
    ax.set_ylabel("latitude (WGS84)")
    return _save(fig, path)


# --------------------------------------------------------------------------
# Timeline
# --------------------------------------------------------------------------


def _timeline_order(events: pd.DataFrame) -> pd.DataFrame:
    """Dated events by start, then events open at the start (dated only by publication)."""
    start = events["date_start"]
    frame = events.assign(_open=start.isna().astype(int), _start=start.fillna(events["date_end"]))
    return frame.sort_values(["_open", "_start", "date_end", "event_id"], na_position="last")


def _extent(event: Any) -> tuple[float, float]:
    """The years an event's mark covers: open starts begin at the axis, forecasts run past publication."""
    start, end = event.date_start, event.date_end
    left = TIMELINE_START if _missing(start) else _year(start)
    right = TIMELINE_END if _missing(end) else _year(end + dt.timedelta(days=1))
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


def draw_timeline(path: Path) -> Path:
    """One row per event from 1980 to publication; colour by certainty, forecasts as arrows past 2007."""
    events = _timeline_order(sid.load_events())
    rows = len(events)
    fig, (early, late) = plt.subplots(
        1, 2, sharey=True, figsize=(6.2, 0.16 * rows + 2.6), gridspec_kw={"width_ratios": (1, 3.2), "wspace": 0.04}
    )
    early.set_xlim(TIMELINE_START, BREAK_YEAR)
    late.set_xlim(BREAK_YEAR, TIMELINE_END)
    for y, event in enumerate(events.itertuples()):
        _draw_event((early, late), y, event)

    labels = [f"{e.event_id}  {e.event_type}" for e in events.itertuples()]
    early.set_yticks(range(rows), labels, fontsize=6.5, family="DejaVu Sans Mono")
    early.set_ylim(rows - 0.4, -0.6)
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
        Line2D([], [], marker="<", linestyle=(0, (2, 2)), color="#777777", markersize=4, label="open start, ends by publication"),
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


# --------------------------------------------------------------------------
# Network
# --------------------------------------------------------------------------


def _components(nodes: list[str], edges: list[Edge]) -> list[list[str]]:
    """Connected components, largest first (ties by first node), each sorted."""
    parent = {node: node for node in nodes}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for node in sorted(nodes):
        groups.setdefault(root(node), []).append(node)
    return sorted(groups.values(), key=lambda group: (-len(group), group[0]))


def _breadth_first(nodes: list[str], edges: list[Edge]) -> list[str]:
    """Nodes in breadth-first order from the best-connected one, neighbours by degree."""
    degree = Counter(a for edge in edges for a in edge)
    neighbours: dict[str, set[str]] = {node: set() for node in nodes}
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    by_degree = sorted(nodes, key=lambda n: (-degree[n], n))
    order: list[str] = []
    for start in by_degree:
        queue = [start] if start not in order else []
        while queue:
            node = queue.pop(0)
            if node in order:
                continue
            order.append(node)
            queue.extend(sorted(neighbours[node] - set(order), key=lambda n: (-degree[n], n)))
    return order


def _ring_order(nodes: list[str], edges: list[Edge]) -> list[str]:
    """Nodes in the order they go round a circle, so that neighbours sit close together.

    With networkx, the angles of a seeded spring layout; without it, breadth-first order.
    """
    try:
        import networkx as nx
    except ImportError:
        return _breadth_first(nodes, edges)
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    pos = nx.spring_layout(graph, seed=SEED, iterations=300)
    cx = sum(float(p[0]) for p in pos.values()) / len(pos)
    cy = sum(float(p[1]) for p in pos.values()) / len(pos)
    return sorted(nodes, key=lambda n: (math.atan2(float(pos[n][1]) - cy, float(pos[n][0]) - cx), n))


def _on_circle(nodes: list[str], radius: float, centre: Point = (0.0, 0.0), phase: float = math.pi / 2) -> dict[str, Point]:
    """Nodes evenly spaced clockwise on a circle, the first at angle ``phase``."""
    step = 2 * math.pi / max(len(nodes), 1)
    cx, cy = centre
    return {n: (cx + radius * math.cos(phase - i * step), cy + radius * math.sin(phase - i * step)) for i, n in enumerate(nodes)}


def network_layout(nodes: list[str], edges: list[Edge], hub_degree: int = 10) -> dict[str, Point]:
    """Hubs on an inner ring, other actors of the largest component on an outer ring, small components in a row beneath."""
    main, *rest = _components(nodes, edges)
    members = set(main)
    inner_edges = [e for e in edges if e[0] in members]
    degree = Counter(a for edge in inner_edges for a in edge)
    order = _ring_order(main, inner_edges)
    hubs = [n for n in order if degree[n] >= hub_degree]
    pos = _on_circle([n for n in order if n not in hubs], 1.0)
    pos.update(_on_circle(hubs, 0.4, phase=math.pi / 4))
    width = 3.0 / max(len(rest), 1)
    for i, group in enumerate(rest):
        centre = (-1.5 + (i + 0.5) * width, -1.85)
        pos.update(_on_circle(group, 0.3, centre, phase=math.pi))
    return pos


def _short(name: str, width: int) -> str:
    return "\n".join(textwrap.wrap(name, width))


def draw_network(path: Path, layout: Layout = network_layout) -> Path:
    """Actors linked by relations, one colour per relation type; arrows for directed relations."""
    relations = sid.load_relations().sort_values("relation_id")
    actors = sid.load_actors().set_index("actor_id")
    nodes = sorted(set(relations["source_actor_id"]) | set(relations["target_actor_id"]))
    edges = list(zip(relations["source_actor_id"], relations["target_actor_id"], strict=True))
    pos = layout(nodes, edges)
    degree = Counter(a for edge in edges for a in edge)

    present = [t for t in RELATION_TYPE.values if t in set(relations["relation_type"])]
    tab20 = plt.get_cmap("tab20")
    if not isinstance(tab20, ListedColormap):
        raise TypeError("matplotlib's tab20 is no longer a list of colours")
    palette: Any = tab20.colors
    colours = {t: palette[i % len(palette)] for i, t in enumerate(present)}

    fig, ax = plt.subplots(figsize=(8.6, 9.6))
    seen: Counter[frozenset[str]] = Counter()
    edges_drawn: Any = relations.itertuples()
    for rel in edges_drawn:
        pair = frozenset((rel.source_actor_id, rel.target_actor_id))
        # Repeated pairs fan out as arcs: 0, +0.15, -0.15, +0.3, ...
        k = seen[pair]
        bend = 0.15 * ((k + 1) // 2) * (1 if k % 2 else -1)
        seen[pair] += 1
        ax.add_patch(
            FancyArrowPatch(
                pos[rel.source_actor_id],
                pos[rel.target_actor_id],
                arrowstyle="-|>" if rel.directed else "-",
                mutation_scale=10,
                connectionstyle=f"arc3,rad={bend:.2f}",
                color=colours[rel.relation_type],
                linewidth=1.3,
                shrinkA=5,
                shrinkB=5 + math.sqrt(degree[rel.target_actor_id]),
                alpha=0.85,
                zorder=1,
            )
        )
    xs, ys = zip(*(pos[n] for n in nodes), strict=True)
    ax.scatter(xs, ys, s=[20 + 12 * degree[n] for n in nodes], color="#f4f4f4", edgecolor="#333333", linewidth=0.8, zorder=2)
    for node in nodes:
        x, y = pos[node]
        name = str(actors.loc[node, "name"])
        if math.isclose(math.hypot(x, y), 1.0):
            # On the outer ring: the label continues the radius outwards, read from left to right.
            angle = math.atan2(y, x)
            right = math.cos(angle) >= 0
            offset = 6 + math.sqrt(degree[node])
            ax.annotate(
                _short(name, 22),
                (x, y),
                xytext=(offset * math.cos(angle), offset * math.sin(angle)),
                textcoords="offset points",
                ha="left" if right else "right",
                va="center",
                rotation=math.degrees(angle) if right else math.degrees(angle) + 180,
                rotation_mode="anchor",
                fontsize=7.5,
                zorder=3,
            )
        else:
            ax.annotate(
                _short(name, 16),
                (x, y),
                xytext=(0, 6 + math.sqrt(degree[node])),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=8.5 if degree[node] >= 10 else 7.5,
                fontweight="bold" if degree[node] >= 10 else "normal",
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
                zorder=3,
            )
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.set_xlim(-1.6, 1.6)
    ax.set_ylim(-2.0, 1.6)
    handles = [Line2D([], [], color=colours[t], linewidth=2, label=t.replace("_", " ")) for t in present]
    ax.legend(
        handles=handles,
        title="relation type",
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncols=5,
        fontsize=8,
        title_fontsize=8,
        frameon=False,
    )
    ax.set_title("Actors and their relations\n(arrows run from source to target; node size: number of relations)", fontsize=10)
    return _save(fig, path)


FIGURES: dict[str, Callable[[Path], Path]] = {"map.svg": draw_map, "timeline.svg": draw_timeline, "network.svg": draw_network}


def make_figures(out: Path = OUT) -> list[Path]:
    """Draw every figure into ``out``; returns the files written."""
    with plt.rc_context(RC_PARAMS):
        return [draw(out / name) for name, draw in FIGURES.items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"folder to write into (default: {OUT.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    for path in make_figures(args.out):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
