"""Names of the citation and export formats.

Kept apart from the modules that implement them, so that the command line can
offer them as choices without importing those modules on every start.
"""

CITATION_FORMATS = ("text", "bibtex", "apa", "cff", "csl-json")
EXPORT_FORMATS = ("csv", "parquet", "json", "ndjson", "sqlite", "duckdb", "geojson", "graphml", "datapackage")
