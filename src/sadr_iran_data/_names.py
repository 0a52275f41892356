"""Names of the tables and of the citation and export formats.

Kept apart from the modules that implement them, so that the command line and
the loaders can use them without importing those modules on every start.
"""

#: The shipped tables in build order; ``declarations.TABLES`` is checked against it on import.
TABLE_NAMES = ("citations", "actors", "locations", "events", "event_actors", "relations", "evidence", "cues")

CITATION_FORMATS = ("text", "bibtex", "apa", "cff", "csl-json")
EXPORT_FORMATS = (
    "csv",
    "parquet",
    "json",
    "ndjson",
    "sqlite",
    "duckdb",
    "geojson",
    "graphml",
    "datapackage",
    "annotations",
    "acled",
    "ucdp-ged",
    "stata",
    "croissant",
)
