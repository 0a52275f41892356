"""The ``locations`` table: countries, provinces, cities, towns and regions, with hierarchy, codes and coordinates."""

from __future__ import annotations

from ..constraints import Differs, Together
from ._columns import ISO3, cow_code, fk, gw_code, pk, wikidata
from ._model import Column, Table
from .vocabularies import GEO_PRECISION, LOCATION_TYPE

LOCATIONS = Table(
    "locations",
    "loc",
    "Countries, provinces, cities, towns and regions, with their hierarchy and codes.",
    (
        pk("location_id", "loc", "Stable id of the place."),
        Column("name", "string", "Name as the article spells it (Qum, Masjid Suleiman, Khuzistan)."),
        Column("aliases", "list", "Standard transliterations and other names (Qom, Masjed Soleyman)."),
        Column("location_type", "category", "What kind of place it is.", vocabulary=LOCATION_TYPE),
        fk("parent_location_id", "locations", "The place this one lies in (town -> province -> country).", nullable=True),
        Column(
            "country",
            "string",
            "ISO 3166-1 alpha-3 code of the country; null for regions spanning countries.",
            nullable=True,
            pattern=ISO3,
        ),
        Column(
            "iso_3166_2",
            "string",
            "Current ISO 3166-2 code, for provinces.",
            nullable=True,
            pattern=r"^[A-Z]{2}-[A-Z0-9]{1,3}$",
            source_column="iso_3166_2_source",
        ),
        Column(
            "iso_3166_2_old",
            "string",
            "ISO 3166-2 code before a renumbering (Iran, November 2020).",
            nullable=True,
            pattern=r"^[A-Z]{2}-[A-Z0-9]{1,3}$",
            source_column="iso_3166_2_source",
        ),
        Column("iso_3166_2_source", "string", "Where the ISO 3166-2 codes were checked.", nullable=True),
        cow_code("countries"),
        Column("cow_source", "string", "Where the COW code was checked.", nullable=True),
        gw_code("countries"),
        Column("gw_source", "string", "Where the Gleditsch-Ward code was checked.", nullable=True),
        Column(
            "latitude",
            "float",
            "WGS84 latitude in decimal degrees.",
            nullable=True,
            minimum=-90,
            maximum=90,
            source_column="coordinate_source",
        ),
        Column(
            "longitude",
            "float",
            "WGS84 longitude in decimal degrees.",
            nullable=True,
            minimum=-180,
            maximum=180,
            source_column="coordinate_source",
        ),
        Column("geo_precision", "category", "What the coordinates stand for.", nullable=True, vocabulary=GEO_PRECISION),
        Column("coordinate_source", "string", "Where the coordinates come from (e.g. 'GeoNames 98860').", nullable=True),
        Column("geonames_id", "int", "GeoNames id, where verified.", nullable=True, minimum=1, source_column="geonames_source"),
        Column("geonames_source", "string", "Where the GeoNames id was checked.", nullable=True),
        *wikidata(),
        Column("description", "string", "What the article says of the place, in one line.", nullable=True),
    ),
    (
        Together("coordinates_together", ("latitude", "longitude"), "latitude and longitude are both set or both null"),
        Together("precision_with_coordinates", ("latitude", "geo_precision"), "geo_precision is set exactly when coordinates are"),
        Differs("not_own_parent", ("location_id", "parent_location_id"), "a place cannot lie in itself"),
    ),
)
