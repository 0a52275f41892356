"""The documentation's figures: drawn offline from the vendored borders, at each place's precision, with legible labels."""

from __future__ import annotations

import json
import math
import re
import socket
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sadr_iran_data as sid
from sadr_iran_data.declarations import GEO_PRECISION, RELATION_FAMILY, RELATION_TYPE

pytest.importorskip("matplotlib", reason="the figures need matplotlib: pip install -e '.[build]'")

import matplotlib.pyplot as plt

from sadr_iran_data._build.figures import map as map_figure
from sadr_iran_data._build.figures import network, timeline
from sadr_iran_data._build.figures._common import RC_PARAMS

ROOT = Path(__file__).resolve().parent.parent
NATURAL_EARTH = ROOT / "data" / "external" / "natural_earth"
BORDERS = ROOT / map_figure.BORDERS
#: The dataset's countries (ISO 3166-1 alpha-3) that must have borders on the map.
COUNTRIES = ("AFG", "IRN", "IRQ", "ISR", "LBN", "PAK")

pytestmark = pytest.mark.skipif(not BORDERS.exists(), reason="needs a clone of the repository (data/external)")


def svg_texts(path: Path) -> list[str]:
    """The texts of an SVG drawn with text as paths: matplotlib writes each one in a comment before its glyphs."""
    return [t.strip() for t in re.findall(r"<!-- (.*?) -->", path.read_text(encoding="utf-8"), flags=re.DOTALL)]


@pytest.fixture(scope="module")
def drawn(figures_drawn: list[Path]) -> dict[str, Path]:
    return {path.name: path for path in figures_drawn}


# --------------------------------------------------------------------------
# The vendored borders
# --------------------------------------------------------------------------


def test_the_vendored_borders_name_their_source_and_cover_the_datas_countries():
    collection = json.loads(BORDERS.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert "version 5.1.1" in collection["source"] and "'deu'" in collection["source"]
    assert "public domain" in collection["licence"]
    assert BORDERS.stat().st_size < 150_000  # a small extract, reviewable in a diff
    codes = [f["properties"]["ADM0_A3"] for f in collection["features"]]
    assert len(codes) == len(set(codes)) and set(COUNTRIES) <= set(codes)
    assert set(sid.load_locations()["country"].dropna()) <= set(codes)
    for feature in collection["features"]:
        geometry = feature["geometry"]
        assert geometry["type"] in ("Polygon", "MultiPolygon")
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for ring in (ring for polygon in polygons for ring in polygon):
            assert ring[0] == ring[-1] and len(ring) >= 4, feature["properties"]["ADM0_A3"]
            assert all(30 <= x <= 74 and 22 <= y <= 42 for x, y in ring)


def test_the_borders_readme_and_script_agree_on_the_source_files_hashes():
    readme = (NATURAL_EARTH / "README.md").read_text(encoding="utf-8")
    script = (NATURAL_EARTH / "extract.py").read_text(encoding="utf-8")
    collection = json.loads(BORDERS.read_text(encoding="utf-8"))
    hashes = re.findall(r"[0-9a-f]{64}", collection["source_package"])
    assert len(hashes) == 2
    for digest in hashes:
        assert digest in readme and digest in script
    assert BORDERS.name in readme and BORDERS.name in script
    assert "5.1.1" in readme and "point-of-view" in readme and "public domain" in readme


def test_every_place_with_coordinates_lies_on_the_land_of_its_country():
    """A point-in-polygon check of the borders against the coordinates (regions and countries included)."""
    from matplotlib.path import Path as MplPath

    shapes = {code: polygons for code, _, polygons in map_figure.read_borders(BORDERS)}
    places = sid.load_locations().dropna(subset=["latitude"])
    for place in places.itertuples():
        rings = [polygon[0] for polygon in shapes[place.country]]
        assert any(MplPath(ring).contains_point((place.longitude, place.latitude)) for ring in rings), place.location_id


def test_the_map_is_drawn_without_the_network_from_the_file_it_is_given(tmp_path, monkeypatch):
    square = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"ADM0_A3": "IRQ", "NAME": "Testland"},
                "geometry": {"type": "Polygon", "coordinates": [[[40, 28], [60, 28], [60, 38], [40, 38], [40, 28]]]},
            }
        ],
    }
    borders = tmp_path / "borders.geojson"
    borders.write_text(json.dumps(square), encoding="utf-8")

    def no_network(*args, **kwargs):
        raise OSError("the figures must not use the network")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    with plt.rc_context(RC_PARAMS):
        path = map_figure.draw_map(tmp_path / "map.svg", borders)
    assert path.stat().st_size > 10_000
    assert map_figure.read_borders(borders)[0][:2] == ("IRQ", "Testland")


# --------------------------------------------------------------------------
# What each figure shows
# --------------------------------------------------------------------------


def test_the_map_labels_every_located_place_with_its_events_and_names_its_sources(drawn):
    texts = "\n".join(svg_texts(drawn["map.svg"]))
    events = sid.load_events()
    counts = Counter(events["location_id"].dropna())
    places = sid.load_locations().dropna(subset=["latitude"])
    for place in places.itertuples():
        assert f"{place.name} ({counts.get(place.location_id, 0)})" in texts, place.location_id
    assert "Natural Earth 1:10m Admin-0 countries 5.1.1" in texts and "point-of-view" in texts
    assert "GeoNames" in texts and "Google DSPL canonical countries.csv" in texts
    drawn_events = sum(counts[key] for key in places["location_id"])
    located = places[places["location_id"].isin(counts)]
    spots = len(set(zip(located["latitude"], located["longitude"], strict=True)))
    assert f"{drawn_events} events at {len(located)} places ({spots} points)" in texts
    assert f"{int(events['location_id'].isna().sum())} without a place" in texts.replace("\n", " ")


def test_the_map_draws_each_precision_its_own_way_with_a_legend(drawn):
    texts = svg_texts(drawn["map.svg"])
    present = set(sid.load_locations()["geo_precision"].dropna())
    for value in present:
        assert map_figure.PRECISIONS[value].label in texts, value
    assert set(map_figure.PRECISIONS) == {*GEO_PRECISION.values, "region_at_country"}
    styles = {(s.marker, s.colour) for s in map_figure.PRECISIONS.values()}
    assert len(styles) == len(map_figure.PRECISIONS)
    assert "events placed there (marker area)" in texts


def test_the_network_colours_every_family_and_lists_its_types_in_the_legend(drawn):
    assert set(network.FAMILY_STYLES) == set(RELATION_FAMILY.values)
    assert len({s.colour for s in network.FAMILY_STYLES.values()}) == len(network.FAMILY_STYLES)
    assert len({str(s.dashes) for s in network.FAMILY_STYLES.values()}) == len(network.FAMILY_STYLES)
    legend = " ".join(svg_texts(drawn["network.svg"])).replace("\n", " ")
    present = set(sid.load_relations()["relation_type"].astype(str))
    for family in RELATION_FAMILY.values:
        kinds = [t.value for t in RELATION_TYPE.terms if t.family == family and t.value in present]
        if kinds:
            assert f"{family}: " in legend
            assert all(kind.replace("_", " ") in legend for kind in kinds)


def test_the_timeline_labels_every_row_with_its_summary_and_id(drawn):
    texts = svg_texts(drawn["timeline.svg"])
    for event in sid.load_events().itertuples():
        assert timeline.short_summary(event.summary) in texts, event.event_id
        assert event.event_id in texts


def test_the_timeline_has_a_panel_each_for_the_dated_the_forecast_and_the_undated(drawn):
    events = sid.load_events()
    panels = timeline.timeline_panels(events)
    assert [panel.kind for panel in panels] == ["dated", "forecast", "undated"]
    ids = [event_id for panel in panels for event_id in panel.events["event_id"]]
    assert sorted(ids) == sorted(events["event_id"])
    dated, forecast, undated = (panel.events for panel in panels)
    assert dated["date_start"].notna().all() and dated["date_end"].notna().all()
    assert forecast["date_start"].notna().all() and forecast["date_end"].isna().all()
    assert undated["date_start"].isna().all()
    assert list(dated["date_start"]) == sorted(dated["date_start"])
    texts = svg_texts(drawn["timeline.svg"])
    assert all(panel.title in texts for panel in panels)


def test_the_timelines_publication_line_is_the_articles_published_by(drawn):
    assert not hasattr(timeline, "PUBLICATION_END")
    citations = sid.load_citations()
    article = citations[(citations["kind"] == "article") & citations["cited_in"].isna()]
    (published,) = article["published_by"].dt.date
    assert timeline.publication_date() == published
    texts = " ".join(svg_texts(drawn["timeline.svg"]))
    assert f"published by {published.day} {published:%B %Y}" in texts


def test_the_network_draws_the_hierarchy_and_one_line_per_pair_family_and_direction(drawn):
    relations, actors = sid.load_relations(), sid.load_actors()
    nodes = sorted(set(relations["source_actor_id"]) | set(relations["target_actor_id"]))
    ties = network.hierarchy(nodes, actors.set_index("actor_id"))
    parents = actors.dropna(subset=["parent_actor_id"])
    expected = {(a, p) for a, p in zip(parents["actor_id"], parents["parent_actor_id"], strict=True) if a in nodes and p in nodes}
    assert set(ties) == expected and ties
    lines = network.bundles(relations)
    assert sum(count for *_, count in lines) == len(relations)
    assert len({(a, b, family, directed) for a, b, family, directed, _ in lines}) == len(lines)
    legend = " ".join(svg_texts(drawn["network.svg"]))
    assert "part of (actors.parent_actor_id)" in legend and "line width: 1 to " in legend


def test_a_family_sits_together_on_the_ring_and_a_hub_towards_its_neighbours():
    order = ["a", "x", "b", "y", "c", "z"]
    ties = [("b", "a"), ("c", "b"), ("z", "y")]  # c -> b -> a, z -> y
    grouped = network._families(order, ties)
    assert sorted(grouped) == sorted(order)
    for family in (["a", "b", "c"], ["y", "z"]):
        at = sorted(grouped.index(n) for n in family)
        assert at == list(range(at[0], at[0] + len(family)))
    nodes = ["hub", *(f"n{i}" for i in range(12))]
    edges = [("hub", f"n{i}") for i in range(4)] + [(f"n{i}", f"n{i + 1}") for i in range(11)]
    pos = network.network_layout(nodes, edges, hub_degree=4)
    neighbours = [pos[f"n{i}"] for i in range(4)]
    towards = math.atan2(sum(y for _, y in neighbours), sum(x for x, _ in neighbours))
    hub = math.atan2(pos["hub"][1], pos["hub"][0])
    assert abs(math.remainder(hub - towards, 2 * math.pi)) < 0.2
    assert math.hypot(*pos["hub"]) < 0.5


def test_the_upper_map_names_the_countries_with_events_in_capitals(drawn):
    texts = svg_texts(drawn["map.svg"])
    assert "IRAQ" in texts and "IRAN" in texts


@settings(max_examples=200, deadline=None)
@given(words=st.lists(st.text(st.characters(categories=("L", "N", "P")), min_size=1, max_size=25), min_size=1, max_size=30))
def test_a_short_summary_fits_and_is_the_summary_or_its_beginning(words):
    summary = " ".join(words)
    short = timeline.short_summary(summary)
    assert len(short) <= timeline.SUMMARY_WIDTH
    if short.endswith(" …"):
        assert summary.startswith(short[:-2]) and len(summary) > timeline.SUMMARY_WIDTH
    else:
        assert short == summary


# --------------------------------------------------------------------------
# Labels
# --------------------------------------------------------------------------


@settings(max_examples=15, deadline=None)
@given(
    points=st.lists(
        st.tuples(st.floats(43, 53), st.floats(30.5, 36.5), st.integers(0, 12), st.sampled_from(["town", "province_centroid"])),
        min_size=1,
        max_size=10,
    )
)
def test_labels_overlap_neither_each_other_nor_the_markers(points):
    places = [map_figure.Place(f"loc-{i}", f"Place number {i}", x, y, style, n, False, None) for i, (x, y, n, style) in enumerate(points)]
    fig, ax = plt.subplots(figsize=(7.6, 5.6))
    try:
        ax.set_xlim(42, 54)
        ax.set_ylim(29.5, 37.5)
        map_figure._draw_places(ax, places)
        fig.canvas.draw()
        try:
            labels, markers = map_figure.label_places(ax, places, fontsize=7.5)
        except ValueError as exc:  # a crowd with no room left is refused, not drawn illegibly
            assert "no room" in str(exc)
            return
        frame = ax.get_window_extent()
        for i, box in enumerate(labels):
            assert frame.contains(box.x0, box.y0) and frame.contains(box.x1, box.y1)
            assert not any(box.overlaps(other) for other in labels[i + 1 :])
            assert not any(box.overlaps(marker) for marker in markers)
    finally:
        plt.close(fig)
