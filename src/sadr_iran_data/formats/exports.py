"""Export the shipped tables to other formats and tools.

``export(format, folder)`` writes the tables as CSV, Parquet, JSON, NDJSON, a
SQLite or DuckDB database, GeoJSON layers, a GraphML network, a Frictionless
Data Package, W3C Web Annotations, Parquet files with their Croissant
description, the layouts of ACLED and UCDP GED, or Stata files, and returns
the paths written. An existing file is never
overwritten unless ``force=True``, and every file is written to a temporary
name in the target folder first and renamed only once all of them are
complete, so an interrupted export leaves no half-written file.

Examples
--------
>>> import tempfile
>>> from sadr_iran_data.formats.exports import export
>>> with tempfile.TemporaryDirectory() as tmp:
...     [p.name for p in export("csv", tmp, tables=["events", "actors"])]
['actors.csv', 'events.csv', 'events_wide.csv']
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .._names import EXPORT_FORMATS
from ..declarations import TABLES, get_table
from ..errors import SadrIranDataError

# Each format module registers itself on import; this list is every format, in the order the documentation gives them.
from . import croissant, csv, datapackage, duckdb, geojson, graphml, json, parquet, sqlite, stata, web_annotations  # noqa: F401
from ._registry import REGISTRY, Options, require
from ._writing import staged
from .layouts import acled, ucdp_ged  # noqa: F401

#: Every format :func:`export` writes.
FORMATS = EXPORT_FORMATS

if tuple(sorted(REGISTRY)) != tuple(sorted(EXPORT_FORMATS)):
    raise ImportError(f"_names.EXPORT_FORMATS {EXPORT_FORMATS} does not list the registered export formats {tuple(REGISTRY)}")


def _selection(tables: Iterable[str] | str | None) -> tuple[str, ...]:
    if tables is None:
        return tuple(TABLES)
    wanted = {get_table(name).name for name in ([tables] if isinstance(tables, str) else tables)}
    return tuple(name for name in TABLES if name in wanted)


def export(
    format: str, folder: str | Path, *, force: bool = False, tables: Iterable[str] | None = None, formula_guard: bool = True
) -> list[Path]:
    """Write the tables (default: all; or those named in ``tables``) into ``folder`` as ``format``.

    ``format`` is one of :data:`FORMATS`. Every tabular format (CSV, Parquet, JSON, NDJSON, SQLite,
    DuckDB, Stata) holds the wide views ``events_wide`` and ``relations_wide`` beside the selected
    ``events`` and ``relations``:

    - ``csv``: ``{table}.csv`` (and ``events_wide.csv``, ``relations_wide.csv``, the wide views of the
      selected events and relations), UTF-8; lists as JSON arrays, ISO dates, ``true``/``false``, nulls empty;
      a text cell that starts like a spreadsheet formula (``= + - @``, tab, CR) gets a leading
      apostrophe (:func:`sadr_iran_data.formats._writing.guard_formula`) unless ``formula_guard=False``;
    - ``parquet``: ``{table}.parquet``, the shipped files, and the wide views as ``events_wide.parquet`` and
      ``relations_wide.parquet``;
    - ``json``/``ndjson``: ``{table}.json`` (an array of records) or ``{table}.ndjson`` (a record per line),
      and the wide views of the selected events and relations as ``events_wide`` and ``relations_wide`` files;
    - ``sqlite``: ``sadr_iran_data.sqlite`` with declared types, primary and foreign keys and checks
      (lists as JSON text), with the wide views of the selected events and relations as the tables
      ``events_wide`` and ``relations_wide``, and a Datasette ``metadata.json`` (descriptions, licence,
      source, facets on every vocabulary column, sort orders, label columns, units);
    - ``duckdb``: ``sadr_iran_data.duckdb`` (needs the ``[duckdb]`` extra), with types, primary keys,
      checks and comments, and the wide views of the selected events and relations as the tables
      ``events_wide`` and ``relations_wide``; DuckDB checks foreign keys row by row and cannot load
      self-references, so foreign keys are declared in the SQLite and Data Package exports;
    - ``geojson``: ``locations.geojson`` (located places) and ``events.geojson`` (every placed event at its
      place's point, with the place's name, type, country, ``geo_precision`` and coordinate source, its
      actors by role, by id and by name, as the wide view has them (``initiator_ids``,
      ``initiator_names``, …), and ``left_out`` counting and naming the events without a place in the
      article or whose place has no sourced point);
    - ``graphml``: ``actors_relations.graphml``, actors as nodes and relations as directed edges;
    - ``datapackage``: the CSV files (guarded like ``csv``) and a Frictionless ``datapackage.json``
      with their hashes;
    - ``annotations``: ``annotations.jsonld``, the evidence as a JSON array of W3C Web Annotations
      (:func:`sadr_iran_data.formats.web_annotations.to_web_annotations`); it holds the ``evidence`` table, which ``tables`` must include;
    - ``acled``: ``acled.csv``, the events ACLED would record in its codebook's 31 columns
      (:func:`sadr_iran_data.formats.layouts.acled.to_acled`), and ``acled_left_out.csv`` (``event_id``, ``reason``) for every other event;
    - ``ucdp-ged``: ``ucdp_ged.csv``, the events GED would record in its columns, each with at least one death stated (the
      article states none, so the file has its header alone; :func:`sadr_iran_data.formats.layouts.ucdp_ged.to_ucdp_ged`),
      and ``ucdp_ged_left_out.csv`` for every other event, the candidates among them; both layouts hold
      the ``events`` table (with its actors, places and citations), which ``tables`` must include;
    - ``stata``: ``{table}.dta`` and the wide views' ``events_wide.dta`` and ``relations_wide.dta``
      (Stata 14 and later; needs the ``[stata]`` extra), with variable labels from the data dictionary
      and value labels for every vocabulary (:mod:`sadr_iran_data.formats.stata`);
    - ``croissant``: ``{table}.parquet``, the shipped files, and ``croissant.json``, their Croissant 1.1
      description (:func:`sadr_iran_data.formats.croissant.croissant`), which ``mlcroissant`` reads.

    Raises :class:`SadrIranDataError` for an unknown format, or if a file
    exists and ``force`` is False (checked before anything is written, and
    again as each file is put in place).

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.name for p in export("sqlite", tmp)]
    ['sadr_iran_data.sqlite', 'metadata.json']
    """
    spec = REGISTRY.get(format)
    if spec is None:
        raise SadrIranDataError(f"unknown export format {format!r}; the formats are: {', '.join(FORMATS)}")
    names = _selection(tables)
    if not set(names) & set(spec.covers):
        raise SadrIranDataError(f"the {format} export holds the tables {', '.join(spec.covers)}; select at least one of them")
    require(spec)
    folder = Path(folder)
    files = spec.files(names)
    existing = [str(folder / name) for name in files if (folder / name).exists()]
    if existing and not force:
        them = "it" if len(existing) == 1 else "them"
        raise SadrIranDataError.keyed(f"will not overwrite {', '.join(existing)}; pass {{force}} to replace {them}")
    folder.mkdir(parents=True, exist_ok=True)
    with staged(folder, files, force=force) as paths:
        spec.write(paths, names, Options(formula_guard=formula_guard))
    return [folder / name for name in files]
