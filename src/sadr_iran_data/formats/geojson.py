"""The ``geojson`` export: the located places, and every placed event at its place's point, with its actors by role.

An event's properties are its columns, its place's name, type, country,
precision and coordinate source, and, for each role of the ``role``
vocabulary, the ids and names of its actors in that role as the wide view
has them (``initiator_ids``, ``initiator_names``, ``target_ids``, …; empty
lists where none), so that a map can label and filter events by who took
part without a join.
"""

from __future__ import annotations

from pathlib import Path

from ..declarations import ROLE, TABLES, VIEWS
from ._registry import Format, Options, register
from ._writing import Row, json_record, json_text, rows, wide_rows, write_text_file

#: The wide view's columns that name an event's actors: each role's ids and names.
ACTOR_COLUMNS = tuple(f"{role}_{what}" for role in ROLE.values for what in ("ids", "names"))


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
        wide = VIEWS["events"]
        actors = {row[wide.primary_key]: json_record(wide, row) for row in wide_rows("events")}
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
                    **{column: actors[row["event_id"]][column] for column in ACTOR_COLUMNS},
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
