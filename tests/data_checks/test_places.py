"""Data tests for places and identities: hierarchy, coordinates, codes, external ids and their sources."""

from __future__ import annotations

import re

import pandas as pd
import pytest

import sadr_iran_data as sid

# alpha-3 -> (alpha-2, rough bounding box: lat_min, lat_max, lon_min, lon_max)
COUNTRIES = {
    "IRN": ("IR", 25.0, 40.0, 44.0, 63.5),
    "IRQ": ("IQ", 29.0, 37.5, 38.7, 48.8),
    "AFG": ("AF", 29.3, 38.5, 60.5, 75.0),
    "PAK": ("PK", 23.6, 37.1, 60.8, 77.9),
    "LBN": ("LB", 33.0, 34.7, 35.1, 36.7),
    "ISR": ("IL", 29.4, 33.4, 34.2, 35.9),
    "USA": ("US", 18.0, 72.0, -180.0, -66.0),
}
CORE = {
    "loc-qum": "loc-qom-province",
    "loc-mehran": "loc-ilam-province",
    "loc-masjid-suleiman": "loc-khuzistan-province",
    "loc-najaf": "loc-najaf-governorate",
}


@pytest.fixture(scope="module")
def places():
    return sid.load_locations().set_index("location_id")


def _chain(places, location_id):
    chain = [location_id]
    while pd.notna(places.loc[chain[-1], "parent_location_id"]):
        chain.append(places.loc[chain[-1], "parent_location_id"])
        assert len(chain) < 10, chain
    return chain


def test_every_parent_chain_ends_at_a_country(places):
    for location_id in places.index:
        top = _chain(places, location_id)[-1]
        if places.loc[location_id, "location_type"] == "region" and pd.isna(places.loc[location_id, "country"]):
            continue  # a region spanning countries
        assert places.loc[top, "location_type"] == "country", (location_id, top)


def test_towns_and_cities_sit_in_provinces_and_provinces_in_countries(places):
    for location_id, row in places.iterrows():
        parent = row["parent_location_id"]
        if row["location_type"] in ("city", "town"):
            assert places.loc[parent, "location_type"] == "province", location_id
        if row["location_type"] == "province":
            assert places.loc[parent, "location_type"] == "country", location_id


def test_country_codes_agree_along_the_chain(places):
    for location_id, row in places.iterrows():
        parent = row["parent_location_id"]
        if pd.notna(parent) and pd.notna(row["country"]):
            assert places.loc[parent, "country"] == row["country"], location_id
        if row["location_type"] != "region":
            assert row["country"] in COUNTRIES, location_id


def test_core_places_are_complete(places):
    expected_chain = {"loc-qum": "loc-iran", "loc-mehran": "loc-iran", "loc-masjid-suleiman": "loc-iran", "loc-najaf": "loc-iraq"}
    for location_id, province in CORE.items():
        row = places.loc[location_id]
        assert pd.notna(row["latitude"]) and pd.notna(row["longitude"]), location_id
        assert row["coordinate_source"].startswith("GeoNames ")
        assert _chain(places, location_id) == [location_id, province, expected_chain[location_id]]
        assert pd.notna(places.loc[province, "iso_3166_2"])


def test_cities_and_towns_have_coordinates_with_four_decimals(places):
    located = places[places["location_type"].isin(["city", "town"])]
    assert len(located) >= 7
    for location_id, row in located.iterrows():
        assert row["geo_precision"] == "town"
        for column in ("latitude", "longitude"):
            decimals = repr(float(row[column])).split(".")[1]
            assert len(decimals) >= 4, (location_id, column, row[column])


def test_coordinates_fall_inside_their_country(places):
    for location_id, row in places.dropna(subset=["latitude"]).iterrows():
        _, lat_min, lat_max, lon_min, lon_max = COUNTRIES[row["country"]]
        assert lat_min <= row["latitude"] <= lat_max, location_id
        assert lon_min <= row["longitude"] <= lon_max, location_id


def test_regions_and_countries_carry_no_point_unless_a_centroid(places):
    for location_id, row in places.iterrows():
        if row["location_type"] in ("country", "province", "region") and pd.notna(row["latitude"]):
            assert row["geo_precision"] in ("province_centroid", "country_centroid", "region"), location_id


def test_iso_3166_2_codes_match_their_country(places):
    provinces = places[places["location_type"] == "province"]
    assert provinces["iso_3166_2"].notna().all()
    for location_id, row in provinces.iterrows():
        alpha2 = COUNTRIES[row["country"]][0]
        for column in ("iso_3166_2", "iso_3166_2_old"):
            if pd.notna(row[column]):
                assert re.fullmatch(rf"{alpha2}-[A-Z0-9]{{1,3}}", row[column]), (location_id, column)
    iranian = provinces[provinces["country"] == "IRN"]
    assert iranian["iso_3166_2_old"].notna().all(), "Iran renumbered in 2020: keep the old code too"
    assert (iranian["iso_3166_2"] != iranian["iso_3166_2_old"]).all()
    assert places.loc[places["location_type"] != "province", "iso_3166_2"].isna().all()


def test_article_spelling_is_the_name_and_standard_spellings_are_aliases(places):
    for location_id, (name, alias) in {
        "loc-qum": ("Qum", "Qom"),
        "loc-masjid-suleiman": ("Masjid Suleiman", "Masjed Soleyman"),
        "loc-khuzistan-province": ("Khuzistan", "Khuzestan"),
    }.items():
        assert places.loc[location_id, "name"] == name
        assert alias in places.loc[location_id, "aliases"]


@pytest.mark.parametrize("table", ["actors", "locations"])
def test_external_ids_have_valid_shapes_and_sources(table):
    df = sid.load(table)
    ids = df["wikidata_id"].dropna()
    assert ids.str.fullmatch(r"Q[1-9][0-9]*").all()
    assert df.loc[df["wikidata_id"].notna(), "wikidata_source"].str.contains(r"Wikidata Q[0-9]+, label '").all()
    for row in df.dropna(subset=["wikidata_id"]).itertuples():
        assert row.wikidata_id in row.wikidata_source
    for col in sid.declarations.TABLES[table].columns:
        if col.source_column:
            has_value = df[col.name].notna()
            assert df.loc[has_value, col.source_column].notna().all(), col.name
    if table == "locations":
        for row in df.dropna(subset=["geonames_id"]).itertuples():
            assert f"GeoNames {row.geonames_id}" in row.geonames_source
            if pd.notna(row.latitude) and row.geo_precision == "town":
                assert f"GeoNames {row.geonames_id}" in row.coordinate_source


def test_state_actors_have_iso3_and_cow_codes():
    actors = sid.load_actors()
    states = actors[actors["actor_type"] == "state"]
    assert len(states) >= 5
    assert states["country"].notna().all()
    assert states["cow_code"].notna().all()
    assert states["cow_source"].str.contains("COW").all()
    cow = dict(zip(states["country"], states["cow_code"], strict=True))
    assert cow["USA"] == 2 and cow["IRN"] == 630 and cow["IRQ"] == 645
    assert actors.loc[actors["actor_type"] != "state", "cow_code"].isna().all()


def test_state_actor_and_its_country_place_share_their_wikidata_item():
    actors = sid.load_actors().dropna(subset=["wikidata_id"])
    places = sid.load_locations()
    country_rows = places[places["location_type"] == "country"]
    countries = dict(zip(country_rows["country"], country_rows["wikidata_id"], strict=True))
    for row in actors[actors["actor_type"] == "state"].itertuples():
        if row.country in countries and pd.notna(countries[row.country]):
            assert countries[row.country] == row.wikidata_id, row.actor_id


def test_every_place_an_event_is_placed_in_has_a_point_but_regions_without_one(places):
    """A country or province has a sourced representative point; a vague region borrows its parent's, at the parent's precision."""
    events = sid.load_events()
    used = set(events["location_id"].dropna())
    for location_id in sorted(used):
        row = places.loc[location_id]
        if pd.isna(row["latitude"]):
            # only a region across countries, with no parent place whose point it could take, may lack one
            assert row["location_type"] == "region" and pd.isna(row["parent_location_id"]), location_id
            continue
        parent = row["parent_location_id"]
        if row["location_type"] == "region":
            assert (row["latitude"], row["longitude"]) == (places.loc[parent, "latitude"], places.loc[parent, "longitude"]), location_id
            assert row["geo_precision"] == places.loc[parent, "geo_precision"], location_id
            assert parent in row["coordinate_source"], location_id
        expected = {"country": "country_centroid", "province": "province_centroid", "city": "town", "town": "town"}
        if row["location_type"] in expected:
            assert row["geo_precision"] == expected[row["location_type"]], location_id
    unplaced = events[events["location_id"].isin(places.index[places["latitude"].isna()])]
    assert len(unplaced) <= 1, unplaced["event_id"].tolist()
