"""The dataset in schema.org terms: the one description the Croissant file and the documentation site share.

:func:`dataset` gives the schema.org ``Dataset`` properties both carry: name,
description, version, release date, licence, creators, keywords, the source
article (``citation``, ``isBasedOn``), the places and the span of time the
data describe (``spatialCoverage``, ``temporalCoverage``) and where the
dataset lives (``url``, ``sameAs``). :mod:`sadr_iran_data.formats.croissant` adds
Croissant's own properties to it; :func:`home_page` adds the downloads and the
identifier of this version, for the documentation's home page, where search
engines read it. The facts come from :mod:`sadr_iran_data.identity`, the
version from ``_version.py`` and the coverage from the shipped tables. Only
the standard library is imported; the tables load on first use.

Schema.org types and properties used: https://schema.org/Dataset,
https://schema.org/DataDownload, https://schema.org/Place,
https://schema.org/ScholarlyArticle, https://schema.org/PublicationIssue,
https://schema.org/PublicationVolume and https://schema.org/Periodical.

Examples
--------
>>> from sadr_iran_data.formats.schemaorg import dataset
>>> described = dataset()
>>> described["temporalCoverage"], [place["name"] for place in described["spatialCoverage"]][:2]
('1980-01-01/2007-03-08', ['Afghanistan', 'Iran'])
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .. import _version
from .._names import EXPORT_FORMATS
from ..identity import DATA_LICENSE, DESCRIPTION, DOCUMENTATION_URL, KEYWORDS, NAME, PYPI_URL, REPOSITORY_URL, SOURCE, TITLE
from .citation import licence_note

_Row = Mapping[str, Any]

#: The ``encodingFormat`` of the files each export format writes: a media type, or, for a format with no
#: registered one, the URL of its specification (as Croissant allows: mlcroissant 1.1.1,
#: ``mlcroissant/_src/core/constants.py``, ``EncodingFormat``).
MEDIA_TYPES: dict[str, tuple[str, ...]] = {
    # RFC 4180; the Data Package export declares the same mediatype.
    "csv": ("text/csv",),
    # The Parquet media type Croissant readers recognise (mlcroissant EncodingFormat.PARQUET).
    "parquet": ("application/x-parquet",),
    # RFC 8259 (mlcroissant EncodingFormat.JSON).
    "json": ("application/json",),
    # One JSON record per line (mlcroissant EncodingFormat.JSON_LINES).
    "ndjson": ("application/jsonlines",),
    # IANA, registered 2018-02-12: https://www.iana.org/assignments/media-types/application/vnd.sqlite3
    "sqlite": ("application/vnd.sqlite3",),
    # No registered media type: DuckDB's own page on its database file.
    "duckdb": ("https://duckdb.org/docs/stable/internals/storage",),
    # RFC 7946, section 12.
    "geojson": ("application/geo+json",),
    # No registered media type: the GraphML specification, whose namespace the export declares.
    "graphml": ("http://graphml.graphdrawing.org/",),
    # The CSV files and their Frictionless descriptor, datapackage.json.
    "datapackage": ("text/csv", "application/json"),
    # The media type of the W3C Web Annotation Protocol (https://www.w3.org/TR/annotation-protocol/).
    "annotations": ('application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"',),
    # Croissant 1.1, "Namespaces" (mlcommons/croissant docs/croissant-spec-1.1.md).
    "croissant": ('application/ld+json; profile="http://mlcommons.org/croissant/1.1"',),
    # The events in ACLED's and UCDP GED's layouts, and the events left out: CSV files (RFC 4180).
    "acled": ("text/csv",),
    "ucdp-ged": ("text/csv",),
    # No registered media type: the unregistered one that tools serving Stata files use (freedesktop MIME
    # lists and web apps, e.g. the Stata installer's mimeapps.list entries), application/x-stata-dta.
    "stata": ("application/x-stata-dta",),
}


def _rows(name: str) -> list[dict[str, Any]]:
    from ..dataset.loaders import load

    rows: list[dict[str, Any]] = load(name, backend="arrow").to_pylist()
    return rows


def temporal_coverage(events: Iterable[_Row]) -> str:
    """The span of time the events cover, as an ISO 8601 interval: the earliest start to the latest end.

    Open ends (an event with no known start, a forecast with no end) do not
    widen it: the interval runs between days the data give.

    Examples
    --------
    >>> import datetime
    >>> events = [{"date_start": datetime.date(1980, 1, 1), "date_end": None}, {"date_start": None, "date_end": datetime.date(2007, 3, 8)}]
    >>> temporal_coverage(events)
    '1980-01-01/2007-03-08'
    """
    rows = list(events)
    starts = [row["date_start"] for row in rows if row["date_start"] is not None]
    ends = [row["date_end"] for row in rows if row["date_end"] is not None]
    if not starts or not ends:
        raise ValueError("the events give no start or no end: no span of time to describe")
    return f"{min(starts).isoformat()}/{max(ends).isoformat()}"


def _place(row: _Row) -> dict[str, Any]:
    place: dict[str, Any] = {"@type": "Place", "name": row["name"]}
    if row["latitude"] is not None:
        place["geo"] = {"@type": "GeoCoordinates", "latitude": row["latitude"], "longitude": row["longitude"]}
    same = []
    if row["wikidata_id"] is not None:
        same.append(f"https://www.wikidata.org/wiki/{row['wikidata_id']}")
    if row["geonames_id"] is not None:
        same.append(f"https://www.geonames.org/{row['geonames_id']}")
    if same:
        place["sameAs"] = same
    return place


def countries(locations: Iterable[_Row]) -> list[_Row]:
    """The countries among the places, by name: what the dataset covers in space."""
    return sorted((row for row in locations if row["location_type"] == "country"), key=lambda row: str(row["name"]))


def spatial_coverage(locations: Iterable[_Row]) -> list[dict[str, Any]]:
    """The countries the data describe, as schema.org ``Place``: name, point, and their Wikidata and GeoNames pages.

    Examples
    --------
    >>> row = {"location_type": "country", "name": "Iraq", "latitude": 33.2, "longitude": 43.7, "wikidata_id": "Q796", "geonames_id": 99237}
    >>> spatial_coverage([row])[0]["sameAs"]
    ['https://www.wikidata.org/wiki/Q796', 'https://www.geonames.org/99237']
    """
    return [_place(row) for row in countries(locations)]


def source_article() -> dict[str, Any]:
    """The article the dataset is built from, as a schema.org ``ScholarlyArticle`` in its journal's issue.

    Examples
    --------
    >>> source_article()["isPartOf"]["isPartOf"]["volumeNumber"]
    '5'
    """
    s = SOURCE
    return {
        "@type": "ScholarlyArticle",
        "name": s.title,
        "author": {"@type": "Person", "name": s.author, "givenName": s.given, "familyName": s.family},
        "datePublished": str(s.year),
        "publisher": {"@type": "Organization", "name": s.publisher},
        "isPartOf": {
            "@type": "PublicationIssue",
            "issueNumber": str(s.issue),
            "isPartOf": {
                "@type": "PublicationVolume",
                "volumeNumber": str(s.volume),
                "isPartOf": {"@type": "Periodical", "name": s.journal},
            },
        },
        "url": s.url,
    }


def creators() -> list[dict[str, Any]]:
    """The dataset's authors, as schema.org ``Organization``: ``CITATION.cff`` names them as entities, not persons.

    Examples
    --------
    >>> creators()[0]["@type"]
    'Organization'
    """
    from .citation import author_names

    return [{"@type": "Organization", "name": name} for name in author_names()]


def dataset(tables: Mapping[str, Sequence[_Row]] | None = None) -> dict[str, Any]:
    """The schema.org ``Dataset`` properties the Croissant file and the documentation site share.

    Parameters
    ----------
    tables
        The rows of ``events`` and ``locations`` to derive the coverage from;
        the shipped tables by default.

    Returns
    -------
    dict
        The properties, without ``@context`` or ``@type``: each document sets its own.
    """
    events = tables["events"] if tables is not None else _rows("events")
    locations = tables["locations"] if tables is not None else _rows("locations")
    return {
        "name": NAME,
        "alternateName": TITLE,
        "description": DESCRIPTION,
        "version": _version.__version__,
        "datePublished": _version.__released__,
        "license": DATA_LICENSE.url,
        "copyrightNotice": licence_note(tables),
        "creator": creators(),
        "keywords": list(KEYWORDS),
        "inLanguage": "en",
        "citation": source_article(),
        "isBasedOn": SOURCE.url,
        "spatialCoverage": spatial_coverage(locations),
        "temporalCoverage": temporal_coverage(events),
        "url": DOCUMENTATION_URL,
        "sameAs": [REPOSITORY_URL, PYPI_URL],
    }


def release_url() -> str:
    """The page of the installed version on the Python Package Index.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> release_url().endswith(f"/sadr-iran-data/{sid.__version__}/")
    True
    """
    return f"{PYPI_URL}{_version.__version__}/"


def wheel_name() -> str:
    """The file name of this version's wheel (the binary distribution format's naming rule, for a pure-Python package)."""
    return f"{NAME.replace('-', '_')}-{_version.__version__}-py3-none-any.whl"


def asset_name(format: str) -> str:
    """The file name of the ZIP archive of one export format, attached to this version's GitHub release.

    >>> import sadr_iran_data as sid
    >>> asset_name("csv") == f"sadr-iran-data-{sid.__version__}-csv.zip"
    True
    """
    return f"{NAME}-{_version.__version__}-{format}.zip"


def asset_url(name: str) -> str:
    """Where a file attached to this version's GitHub release is downloaded from (the release's tag is ``vX.Y.Z``)."""
    return f"{REPOSITORY_URL}/releases/download/v{_version.__version__}/{name}"


def downloads() -> list[dict[str, Any]]:
    """Schema.org ``DataDownload`` entries: files a reader can fetch, each attached to this version's GitHub release.

    The package's wheel is a ZIP archive (the binary distribution format,
    https://packaging.python.org/en/latest/specifications/binary-distribution-format/),
    and each export format is a ZIP archive of the files ``sadr-iran-data
    export`` writes, which the release workflow attaches
    from the published wheel (``scripts/release_assets.py``).
    """
    version = _version.__version__
    package = {
        "@type": "DataDownload",
        "name": f"{NAME} {version} (Python package)",
        "description": (
            f"The wheel (pip install {NAME}=={version}): the tables as Parquet files with their sha256 hashes, "
            "their Croissant description and the loaders."
        ),
        "contentUrl": asset_url(wheel_name()),
        "encodingFormat": "application/zip",
    }
    exports = [
        {
            "@type": "DataDownload",
            "name": f"{NAME} {version} as {format}",
            "description": (f"A ZIP archive of the files `{NAME} export --format {format}` writes ({', '.join(MEDIA_TYPES[format])})."),
            "contentUrl": asset_url(asset_name(format)),
            "encodingFormat": "application/zip",
        }
        for format in EXPORT_FORMATS
    ]
    return [package, *exports]


def home_page(tables: Mapping[str, Sequence[_Row]] | None = None) -> dict[str, Any]:
    """The schema.org ``Dataset`` JSON-LD of the documentation's home page: :func:`dataset`, the downloads and the identifier.

    Examples
    --------
    >>> page = home_page()
    >>> page["@type"], page["identifier"] == release_url()
    ('Dataset', True)
    """
    return {
        "@context": "https://schema.org/",
        "@type": "Dataset",
        **dataset(tables),
        "identifier": release_url(),
        "distribution": downloads(),
    }


def script(data: Any) -> str:
    r"""``data`` as the JSON text of an HTML ``<script type="application/ld+json">`` element.

    ``<``, ``>`` and ``&`` are written as ``\u`` escapes, so no text in the data
    can end the element or be read as markup.

    Examples
    --------
    >>> print(script({"name": "</script>"}))
    {
      "name": "\u003c/script\u003e"
    }
    """
    text = json.dumps(data, ensure_ascii=False, indent=2)
    for char in "<>&":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text
