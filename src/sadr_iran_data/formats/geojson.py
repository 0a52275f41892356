"""The ``geojson`` export: the located places, and every placed event at its place's point."""

from __future__ import annotations

from pathlib import Path

from ..declarations import TABLES
from ._registry import Format, Options, register
from ._writing import Row, json_record, json_text, rows, write_text_file


def _point(location: Row) -> list[float] | None:
    if location["latitude"] is None or location["longitude"] is None:
        return None
    return [location["longitude"], location["latitude"]]


def _feature(feature_id: str, point: list[float], properties: Row) -> Row:
    return {"type": "Feature", "id": feature_id, "geometry": {"type": "Point", "coordinates": point}, "properties": properties}


def write(staged: dict[str, Path], names: tuple[str, ...], options: Options) -> None:
    places, events = TABLES["locations"], TABLES["events"]
    locations = {row[places.primary_key]: row for row in rows("locations")}
    if "locations" in names:
        features = [_feature(key, point, json_record(places, row)) for key, row in locations.items() if (point := _point(row)) is not None]
        collection = {
            "type": "FeatureCollection",
            "name": "locations",
            "features": features,
            "locations_without_coordinates": len(locations) - len(features),
        }
        write_text_file(staged["locations.geojson"], json_text(collection))
    if "events" in names:
        features, no_place, no_point = [], [], []
        for row in rows("events"):
            place = locations.get(row["location_id"]) if row["location_id"] is not None else None
            point = _point(place) if place is not None else None
            if place is None:
                no_place.append(row["event_id"])
            elif point is None:
                no_point.append(row["event_id"])
            else:
                properties = {
                    **json_record(events, row),
                    "place_name": place["name"],
                    "place_type": place["location_type"],
                    "country_iso3": place["country"],
                    "geo_precision": place["geo_precision"],
                    "coordinate_source": place["coordinate_source"],
                }
                features.append(_feature(row[events.primary_key], point, properties))
        collection = {
            "type": "FeatureCollection",
            "name": "events",
            "features": features,
            "left_out": {
                "the article gives no place": {"count": len(no_place), "event_ids": no_place},
                "the place has no sourced point": {"count": len(no_point), "event_ids": no_point},
            },
        }
        write_text_file(staged["events.geojson"], json_text(collection))


register(Format("geojson", lambda names: [f"{n}.geojson" for n in ("locations", "events") if n in names], write, ("locations", "events")))
