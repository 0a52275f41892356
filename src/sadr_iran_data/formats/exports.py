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

import contextlib
import csv
import json
import os
import secrets
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .. import _version
from .._names import EXPORT_FORMATS
from ..constraints import sql_literal as _sql_literal
from ..dataset.views import wide_arrow
from ..declarations import TABLES, VIEWS, Column, Table, get_table
from ..errors import SadrIranDataError
from ..identity import DATA_LICENSE, DESCRIPTION, NAME, PACKAGE, REPOSITORY_URL, SOURCE, TITLE, article_citation
from .annotations import TABLES_USED, annotate
from .croissant import export_files as _croissant_files
from .croissant import write_export as _croissant
from .layouts import LEFT_OUT_COLUMNS, Layout, acled, ucdp_ged

if TYPE_CHECKING:
    import networkx as nx

#: Every format :func:`export` writes.
FORMATS = EXPORT_FORMATS
#: File stem of the SQLite and DuckDB databases (and datasette's database name).
DATABASE = PACKAGE

#: File of the ``annotations`` export.
ANNOTATIONS = "annotations.jsonld"
#: Files of the ``acled`` and ``ucdp-ged`` exports: the events in the layout, and the events left out with the reason.
ACLED_FILES = ("acled.csv", "acled_left_out.csv")
UCDP_GED_FILES = ("ucdp_ged.csv", "ucdp_ged_left_out.csv")

_Row = dict[str, Any]
_GRAPH_SOURCE, _GRAPH_TARGET = "source_actor_id", "target_actor_id"


# --------------------------------------------------------------------------
# Rows and cells
# --------------------------------------------------------------------------


def _arrow(name: str) -> Any:
    """Table ``name`` as an Arrow table, integrity-checked."""
    from ..dataset.loaders import load

    return load(name, backend="arrow")


def _rows(name: str) -> list[_Row]:
    """Table ``name`` as plain Python records (str, int, float, bool, date, list, None)."""
    rows: list[_Row] = _arrow(name).to_pylist()
    return rows


def _text(col: Column, value: Any) -> str:
    """One value as text for CSV and GraphML: ISO dates, true/false, lists as JSON arrays."""
    return col.column_type.to_text(value)


def _json_record(table: Table, row: _Row) -> _Row:
    return {c.name: None if row[c.name] is None else c.column_type.to_json(row[c.name]) for c in table.columns}


def _json_text(data: Any, indent: int | None = 2) -> str:
    return json.dumps(data, ensure_ascii=False, indent=indent) + "\n"


def _json_line(data: Any) -> str:
    """One NDJSON line; the characters that some readers split lines at are escaped."""
    text = json.dumps(data, ensure_ascii=False)
    for char in "\x85\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return text + "\n"


# --------------------------------------------------------------------------
# Staged, atomic writing
# --------------------------------------------------------------------------


@contextlib.contextmanager
def _staged(folder: Path, files: Iterable[str], *, force: bool = False) -> Iterator[dict[str, Path]]:
    """Temporary paths in ``folder`` for ``files``; moved onto them only if the block succeeds.

    Without ``force``, each file is put in place with a hard link, which fails
    if the name exists by then (another export, running at the same time, got
    there first); the files this export already placed are then removed again.
    """
    token = secrets.token_hex(6)
    staged = {name: folder / f".{name}.{token}.tmp" for name in files}
    placed: list[Path] = []
    try:
        yield staged
        for name, temp in staged.items():
            if not temp.exists():
                raise SadrIranDataError(f"the export did not write {name}")
        for name, temp in staged.items():
            _place(temp, folder / name, force=force)
            placed.append(folder / name)
    except BaseException:
        for temp in staged.values():
            for leftover in folder.glob(f"{temp.name}*"):  # the file and its database journal, if any
                leftover.unlink(missing_ok=True)
        if not force:
            for path in placed:
                path.unlink(missing_ok=True)
        raise


def _place(temp: Path, target: Path, *, force: bool) -> None:
    if force:
        os.replace(temp, target)
        return
    try:
        os.link(temp, target)
    except FileExistsError:
        raise SadrIranDataError.keyed(f"will not overwrite {target}: it was created while the export ran; pass {{force}}") from None
    except OSError:  # a file system without hard links: check, then rename
        if target.exists():
            raise SadrIranDataError.keyed(f"will not overwrite {target}; pass {{force}}") from None
        os.replace(temp, target)
        return
    temp.unlink()


#: First characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def guard_formula(text: str) -> str:
    """``text`` made safe to open in a spreadsheet: an apostrophe before a leading ``= + - @``, tab or CR.

    Examples
    --------
    >>> guard_formula("=1+2"), guard_formula("@SUM(A1)"), guard_formula("Najaf")
    ("'=1+2", "'@SUM(A1)", 'Najaf')
    """
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def write_csv(stream: IO[str], table: Table, rows: Iterable[_Row], *, formula_guard: bool = True) -> None:
    """Rows of ``table`` as CSV on ``stream``: a header, then one record per row.

    Text cells (ids, strings, vocabulary values) that start like a spreadsheet
    formula are written through :func:`guard_formula` unless ``formula_guard``
    is False; numbers, dates, booleans and lists never are.
    """
    # RFC 4180 line ends: with them the writer also quotes a field holding a lone "\r"
    writer = csv.writer(stream, lineterminator="\r\n")
    writer.writerow(table.column_names)
    guarded = {c.name for c in table.columns if formula_guard and c.column_type.text}
    for row in rows:
        cells = []
        for c in table.columns:
            value = row[c.name]
            text = "" if value is None else _text(c, value)
            cells.append(guard_formula(text) if c.name in guarded else text)
        writer.writerow(cells)


def _write_csv_file(path: Path, table: Table, rows: Iterable[_Row], *, formula_guard: bool) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        write_csv(f, table, rows, formula_guard=formula_guard)


def _write_text_file(path: Path, text: str) -> None:
    path.write_bytes(text.encode("utf-8"))


# --------------------------------------------------------------------------
# One writer per format
# --------------------------------------------------------------------------


def _views(names: Iterable[str]) -> tuple[str, ...]:
    """The tables among ``names`` that have a wide view (``events``, ``relations``)."""
    return tuple(name for name in names if name in VIEWS)


def _csv(staged: dict[str, Path], names: tuple[str, ...], *, formula_guard: bool = True, views: bool = True) -> None:
    for name in names:
        _write_csv_file(staged[f"{name}.csv"], TABLES[name], _rows(name), formula_guard=formula_guard)
    for name in _views(names) if views else ():
        view = VIEWS[name]
        _write_csv_file(staged[f"{view.name}.csv"], view, wide_arrow(name).to_pylist(), formula_guard=formula_guard)


def _parquet(staged: dict[str, Path], names: tuple[str, ...]) -> None:
    import pyarrow.parquet as pq

    from ..dataset.integrity import read_verified

    for name in names:
        staged[f"{name}.parquet"].write_bytes(read_verified(name))
    for name in _views(names):
        pq.write_table(wide_arrow(name), staged[f"{VIEWS[name].name}.parquet"], compression="zstd")


def json_records(table: Table, rows: Iterable[_Row]) -> str:
    """Rows of ``table`` as the JSON export writes them: an array of records, ISO dates, lists as arrays.

    Examples
    --------
    >>> from sadr_iran_data.declarations import TABLES
    >>> link = {"event_actor_id": "eva-1-x", "event_id": "evt-1", "actor_id": "act-x", "role": "host"}
    >>> print(json_records(TABLES["event_actors"], [link]))
    [
      {
        "event_actor_id": "eva-1-x",
        "event_id": "evt-1",
        "actor_id": "act-x",
        "role": "host"
      }
    ]
    <BLANKLINE>
    """
    return _json_text([_json_record(table, row) for row in rows])


def _json(staged: dict[str, Path], names: tuple[str, ...]) -> None:
    for name in names:
        _write_text_file(staged[f"{name}.json"], json_records(TABLES[name], _rows(name)))


def _ndjson(staged: dict[str, Path], names: tuple[str, ...]) -> None:
    for name in names:
        table = TABLES[name]
        lines = "".join(_json_line(_json_record(table, row)) for row in _rows(name))
        _write_text_file(staged[f"{name}.ndjson"], lines)


def _ident(name: str) -> str:
    return f'"{name}"'


def _column_sql(table: Table, col: Column, *, sqlite: bool) -> list[str]:
    """A column's SQL definition: name, type, key, NOT NULL and CHECK constraints."""
    name = _ident(col.name)
    kind = col.column_type
    parts = [name, kind.sqlite if sqlite else kind.duckdb]
    if col.name == table.primary_key:
        parts.append("PRIMARY KEY")
    if not col.nullable:
        parts.append("NOT NULL")
    checks = [*(kind.sqlite_checks(name) if sqlite else []), *(c for rule in col.constraints if (c := rule.sql(name)) is not None)]
    parts += [f"CHECK ({check})" for check in checks]
    return parts


def sqlite_ddl(name: str, published: Iterable[str] | None = None) -> str:
    """``CREATE TABLE`` statement of table ``name`` for SQLite.

    Foreign keys to the ``published`` tables (default: all) are deferred to
    the end of the transaction, so rows can be inserted in any order.

    Examples
    --------
    ``name`` may also be a wide view (``events_wide``, ``relations_wide``),
    which the SQLite export writes as a table of its own.

    Examples
    --------
    >>> print(sqlite_ddl("event_actors").splitlines()[2])
      "event_id" TEXT NOT NULL REFERENCES "events" ("event_id") DEFERRABLE INITIALLY DEFERRED,
    >>> print(sqlite_ddl("events_wide").splitlines()[0])
    CREATE TABLE "events_wide" (
    """
    table = _sql_table(name)
    targets = set(TABLES if published is None else published) | {name}
    lines = []
    for col in table.columns:
        parts = _column_sql(table, col, sqlite=True)
        if col.references in targets and col.type != "list":  # a list is JSON text: its items are checked by validate()
            key = TABLES[col.references].primary_key
            parts.append(f"REFERENCES {_ident(col.references)} ({_ident(key)}) DEFERRABLE INITIALLY DEFERRED")
        lines.append("  " + " ".join(parts))
    return f"CREATE TABLE {_ident(name)} (\n" + ",\n".join(lines) + "\n)"


def _sql_table(name: str) -> Table:
    """The declaration of a shipped table or of a wide view, by its name in SQL."""
    views = {view.name: view for view in VIEWS.values()}
    return views[name] if name in views else get_table(name)


def _sqlite_value(col: Column, value: Any) -> Any:
    return None if value is None else col.column_type.to_sqlite(value)


#: What a table's rows are sorted by in Datasette, other than the primary key: the article, then its footnotes; the text's order.
DATASETTE_SORT = {"citations": "note_number", "evidence": "char_start"}
#: ... and in descending order: the latest events first, the undated last.
DATASETTE_SORT_DESC = {"events": "date_start", "events_wide": "date_start"}
#: The column Datasette shows for a row another table's key points to (``event_actors.actor_id`` as the actor's name).
DATASETTE_LABELS = {"citations": "description", "actors": "name", "locations": "name", "events": "summary", "relations": "summary"}
#: Units Datasette shows with a column's values (Pint unit names).
DATASETTE_UNITS = {"latitude": "degrees", "longitude": "degrees"}


def _datasette_table(table: Table, derived_from: str | None = None) -> dict[str, Any]:
    description = table.description
    if derived_from is not None:
        description += f" Derived from the shipped tables at export, as load_{derived_from}(wide=True) computes it; not shipped."
    entry: dict[str, Any] = {
        "description": description,
        "columns": {c.name: c.description for c in table.columns},
        "facets": [c.name for c in table.columns if c.vocabulary is not None],
    }
    if table.name in DATASETTE_SORT:
        entry["sort"] = DATASETTE_SORT[table.name]
    if table.name in DATASETTE_SORT_DESC:
        entry["sort_desc"] = DATASETTE_SORT_DESC[table.name]
    if table.name in DATASETTE_LABELS:
        entry["label_column"] = DATASETTE_LABELS[table.name]
    units = {c.name: DATASETTE_UNITS[c.name] for c in table.columns if c.name in DATASETTE_UNITS}
    if units:
        entry["units"] = units
    return entry


def _datasette_metadata(names: tuple[str, ...]) -> dict[str, Any]:
    """Datasette's ``metadata.json`` for the tables ``names`` and their wide views.

    The keys follow Datasette's metadata documentation for 0.64 and 0.65
    (https://docs.datasette.io/en/stable/metadata.html; facets in
    https://github.com/simonw/datasette/blob/0.38/docs/facets.rst), checked
    against a running Datasette 0.65.5 by ``tests/test_datasette.py``:
    title, description, licence and source for the whole site; per table a
    description, column descriptions, ``facets`` on every vocabulary column,
    ``sort`` or ``sort_desc``, ``label_column`` and ``units``.
    """
    tables = {name: _datasette_table(TABLES[name]) for name in names}
    tables |= {VIEWS[name].name: _datasette_table(VIEWS[name], derived_from=name) for name in _views(names)}
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "license": DATA_LICENSE.id,
        "license_url": DATA_LICENSE.url,
        "source": article_citation(),
        "source_url": SOURCE.url,
        "about": NAME,
        "about_url": REPOSITORY_URL,
        "databases": {DATABASE: {"tables": tables}},
    }


def _sqlite(staged: dict[str, Path], names: tuple[str, ...]) -> None:
    import sqlite3

    connection = sqlite3.connect(staged[f"{DATABASE}.sqlite"])
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        with connection:  # one transaction: deferred foreign keys are checked at its commit
            # the wide views as tables of their own: events_wide has latitude and longitude for map plugins
            contents = [(TABLES[name], _rows(name)) for name in names]
            contents += [(VIEWS[name], wide_arrow(name).to_pylist()) for name in _views(names)]
            for table, _ in contents:  # every table first: a foreign key needs its table to exist
                connection.execute(sqlite_ddl(table.name, names))
            for table, rows in contents:
                columns = ", ".join(map(_ident, table.column_names))
                marks = ", ".join("?" for _ in table.columns)
                connection.executemany(
                    f"INSERT INTO {_ident(table.name)} ({columns}) VALUES ({marks})",  # noqa: S608 (quoted identifiers; values are parameters)
                    ([_sqlite_value(c, row[c.name]) for c in table.columns] for row in rows),
                )
        dangling = connection.execute("PRAGMA foreign_key_check").fetchall()
        if dangling:
            raise SadrIranDataError(f"foreign keys do not resolve in the SQLite export: {dangling[:5]}")
    finally:
        connection.close()
    _write_text_file(staged["metadata.json"], _json_text(_datasette_metadata(names)))


def _import_duckdb() -> Any:
    try:
        import duckdb
    except ImportError:
        raise SadrIranDataError("the duckdb format needs duckdb: pip install 'sadr-iran-data[duckdb]'") from None
    return duckdb


def _duckdb(staged: dict[str, Path], names: tuple[str, ...]) -> None:
    duckdb = _import_duckdb()
    # no extension may be fetched from the network or loaded behind the export's back
    config = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    connection = duckdb.connect(str(staged[f"{DATABASE}.duckdb"]), config=config)
    try:
        connection.begin()  # one transaction, committed once, rather than one a statement
        for name in names:
            table = TABLES[name]
            lines = []
            for col in table.columns:
                lines.append(" ".join(_column_sql(table, col, sqlite=False)))
            connection.execute(f"CREATE TABLE {_ident(name)} ({', '.join(lines)})")
            connection.execute(f"COMMENT ON TABLE {_ident(name)} IS {_sql_literal(table.description)}")
            for col in table.columns:
                connection.execute(f"COMMENT ON COLUMN {_ident(name)}.{_ident(col.name)} IS {_sql_literal(col.description)}")
            connection.register("source", _arrow(name))
            connection.execute(f"INSERT INTO {_ident(name)} SELECT {', '.join(map(_ident, table.column_names))} FROM source")  # noqa: S608
            connection.unregister("source")
        connection.commit()
    finally:
        connection.close()


def _point(location: _Row) -> list[float] | None:
    if location["latitude"] is None or location["longitude"] is None:
        return None
    return [location["longitude"], location["latitude"]]


def _feature(feature_id: str, point: list[float], properties: _Row) -> _Row:
    return {"type": "Feature", "id": feature_id, "geometry": {"type": "Point", "coordinates": point}, "properties": properties}


def _geojson(staged: dict[str, Path], names: tuple[str, ...]) -> None:
    places, events = TABLES["locations"], TABLES["events"]
    locations = {row[places.primary_key]: row for row in _rows("locations")}
    if "locations" in names:
        features = [_feature(key, point, _json_record(places, row)) for key, row in locations.items() if (point := _point(row)) is not None]
        collection = {
            "type": "FeatureCollection",
            "name": "locations",
            "features": features,
            "locations_without_coordinates": len(locations) - len(features),
        }
        _write_text_file(staged["locations.geojson"], _json_text(collection))
    if "events" in names:
        features, no_place, no_point = [], [], []
        for row in _rows("events"):
            place = locations.get(row["location_id"]) if row["location_id"] is not None else None
            point = _point(place) if place is not None else None
            if place is None:
                no_place.append(row["event_id"])
            elif point is None:
                no_point.append(row["event_id"])
            else:
                properties = {
                    **_json_record(events, row),
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
        _write_text_file(staged["events.geojson"], _json_text(collection))


def _graph_columns() -> tuple[list[Column], list[Column]]:
    """Actor columns carried as node attributes and relation columns carried as edge attributes."""
    actors, relations = TABLES["actors"], TABLES["relations"]
    structural = {relations.primary_key, _GRAPH_SOURCE, _GRAPH_TARGET}
    return (
        [c for c in actors.columns if c.name != actors.primary_key],
        [c for c in relations.columns if c.name not in structural],
    )


def _graphml(staged: dict[str, Path], names: tuple[str, ...]) -> None:
    import xml.etree.ElementTree as ET

    node_columns, edge_columns = _graph_columns()
    root = ET.Element("graphml", {"xmlns": "http://graphml.graphdrawing.org/xmlns"})
    for scope, prefix, columns in (("node", "n", node_columns), ("edge", "e", edge_columns)):
        for col in columns:
            attributes = {
                "id": f"{prefix}_{col.name}",
                "for": scope,
                "attr.name": col.name,
                "attr.type": col.column_type.graphml,
            }
            ET.SubElement(ET.SubElement(root, "key", attributes), "desc").text = col.description
    graph = ET.SubElement(root, "graph", {"id": "actors_relations", "edgedefault": "directed"})

    def add_data(element: ET.Element, prefix: str, columns: list[Column], row: _Row) -> None:
        for col in columns:
            if row[col.name] is not None:
                ET.SubElement(element, "data", {"key": f"{prefix}_{col.name}"}).text = _text(col, row[col.name])

    for row in _rows("actors"):
        add_data(ET.SubElement(graph, "node", {"id": row[TABLES["actors"].primary_key]}), "n", node_columns, row)
    for row in _rows("relations"):
        edge = ET.SubElement(
            graph, "edge", {"id": row[TABLES["relations"].primary_key], "source": row[_GRAPH_SOURCE], "target": row[_GRAPH_TARGET]}
        )
        add_data(edge, "e", edge_columns, row)
    ET.indent(root)
    ET.ElementTree(root).write(staged["actors_relations.graphml"], encoding="utf-8", xml_declaration=True)


def _datapackage(staged: dict[str, Path], names: tuple[str, ...], *, formula_guard: bool = True) -> None:
    import hashlib

    from .frictionless import datapackage, dumps

    _csv(staged, names, formula_guard=formula_guard, views=False)
    descriptor = datapackage(names)
    for resource in descriptor["resources"]:
        data = staged[resource["path"]].read_bytes()
        resource["bytes"] = len(data)
        resource["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
    _write_text_file(staged["datapackage.json"], dumps(descriptor))


def _annotations(staged: dict[str, Path], names: tuple[str, ...]) -> None:
    _write_text_file(staged[ANNOTATIONS], _json_text(to_web_annotations()))


def _layout_inputs() -> tuple[list[_Row], list[_Row], list[_Row], list[_Row]]:
    """What the layouts are made from: the wide view of events, and the actors, places and citations."""
    return wide_arrow("events").to_pylist(), _rows("actors"), _rows("locations"), _rows("citations")


def to_acled() -> Layout:
    """The events in ACLED's layout: ``rows`` (dicts with ACLED's 31 columns, in order) and ``left_out`` (with reasons).

    Every mapping is declared in :mod:`sadr_iran_data.formats.layouts`, and the
    documentation's page *Interoperability* prints it. ``export("acled", folder)``
    writes the rows as ``acled.csv`` and the events left out as
    ``acled_left_out.csv``.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> layout = sid.to_acled()
    >>> layout.columns[:3], len(layout.rows) + len(layout.left_out) == len(sid.load("events"))
    (('event_id_cnty', 'event_date', 'year'), True)
    """
    return acled(*_layout_inputs())


def to_ucdp_ged() -> Layout:
    """The events in UCDP GED's layout: ``rows`` (dicts with GED's 49 columns, in order) and ``left_out`` (with reasons).

    ``export("ucdp-ged", folder)`` writes them as ``ucdp_ged.csv`` and
    ``ucdp_ged_left_out.csv``.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> layout = sid.to_ucdp_ged()
    >>> layout.columns[0], all(row["best"] is None for row in layout.rows)
    ('id', True)
    """
    return ucdp_ged(*_layout_inputs())


#: The layouts by export format.
LAYOUTS: dict[str, Callable[[], Layout]] = {"acled": to_acled, "ucdp-ged": to_ucdp_ged}


def _layout_cell(value: Any, *, formula_guard: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return guard_formula(value) if formula_guard else value
    return str(value)


def _write_layout_csv(path: Path, columns: Iterable[str], rows: Iterable[_Row], *, formula_guard: bool) -> None:
    columns = tuple(columns)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(columns)
        writer.writerows([_layout_cell(row[c], formula_guard=formula_guard) for c in columns] for row in rows)


def _layout_writer(format: str, files: tuple[str, str]) -> Callable[..., None]:
    def write(staged: dict[str, Path], names: tuple[str, ...], *, formula_guard: bool = True) -> None:
        layout = LAYOUTS[format]()
        _write_layout_csv(staged[files[0]], layout.columns, layout.rows, formula_guard=formula_guard)
        _write_layout_csv(staged[files[1]], LEFT_OUT_COLUMNS, layout.left_out, formula_guard=formula_guard)

    return write


def _stata(staged: dict[str, Path], names: tuple[str, ...]) -> None:
    from .stata import write_dta

    for name in names:
        write_dta(staged[f"{name}.dta"], TABLES[name], _rows(name), TABLES[name].description)
    for name in _views(names):
        view = VIEWS[name]
        write_dta(staged[f"{view.name}.dta"], view, wide_arrow(name).to_pylist(), view.description)


@dataclass(frozen=True)
class _Format:
    files: Callable[[tuple[str, ...]], list[str]]
    write: Callable[..., None]
    covers: tuple[str, ...] = tuple(TABLES)
    """The tables the format can hold; ``tables=`` must select at least one."""
    csv: bool = False
    """Whether the format writes CSV files, to which ``formula_guard`` applies."""


def _per_table(suffix: str) -> Callable[[tuple[str, ...]], list[str]]:
    return lambda names: [f"{name}.{suffix}" for name in names]


def _per_table_and_view(suffix: str) -> Callable[[tuple[str, ...]], list[str]]:
    return lambda names: [*(f"{name}.{suffix}" for name in names), *(f"{VIEWS[name].name}.{suffix}" for name in _views(names))]


_FORMATS: dict[str, _Format] = {
    "csv": _Format(_per_table_and_view("csv"), _csv, csv=True),
    "parquet": _Format(_per_table_and_view("parquet"), _parquet),
    "json": _Format(_per_table("json"), _json),
    "ndjson": _Format(_per_table("ndjson"), _ndjson),
    "sqlite": _Format(lambda names: [f"{DATABASE}.sqlite", "metadata.json"], _sqlite),
    "duckdb": _Format(lambda names: [f"{DATABASE}.duckdb"], _duckdb),
    "geojson": _Format(lambda names: [f"{n}.geojson" for n in ("locations", "events") if n in names], _geojson, ("locations", "events")),
    "graphml": _Format(lambda names: ["actors_relations.graphml"], _graphml, ("actors", "relations")),
    "datapackage": _Format(lambda names: [*_per_table("csv")(names), "datapackage.json"], _datapackage, csv=True),
    "annotations": _Format(lambda names: [ANNOTATIONS], _annotations, ("evidence",)),
    "acled": _Format(lambda names: list(ACLED_FILES), _layout_writer("acled", ACLED_FILES), ("events",), csv=True),
    "ucdp-ged": _Format(lambda names: list(UCDP_GED_FILES), _layout_writer("ucdp-ged", UCDP_GED_FILES), ("events",), csv=True),
    "stata": _Format(_per_table_and_view("dta"), _stata),
    "croissant": _Format(_croissant_files, _croissant),
}


if tuple(_FORMATS) != EXPORT_FORMATS:
    raise ImportError(f"_formats.EXPORT_FORMATS {EXPORT_FORMATS} does not list the export formats {tuple(_FORMATS)}")


def _selection(tables: Iterable[str] | str | None) -> tuple[str, ...]:
    if tables is None:
        return tuple(TABLES)
    wanted = {get_table(name).name for name in ([tables] if isinstance(tables, str) else tables)}
    return tuple(name for name in TABLES if name in wanted)


def export(
    format: str, folder: str | Path, *, force: bool = False, tables: Iterable[str] | None = None, formula_guard: bool = True
) -> list[Path]:
    """Write the tables (default: all; or those named in ``tables``) into ``folder`` as ``format``.

    ``format`` is one of :data:`FORMATS`:

    - ``csv``: ``{table}.csv`` (and ``events_wide.csv``, ``relations_wide.csv``, the wide views of the
      selected events and relations), UTF-8; lists as JSON arrays, ISO dates, ``true``/``false``, nulls empty;
      a text cell that starts like a spreadsheet formula (``= + - @``, tab, CR) gets a leading
      apostrophe (:func:`guard_formula`) unless ``formula_guard=False``;
    - ``parquet``: ``{table}.parquet``, the shipped files, and the wide views as ``events_wide.parquet`` and
      ``relations_wide.parquet``;
    - ``json``/``ndjson``: ``{table}.json`` (an array of records) or ``{table}.ndjson`` (a record per line);
    - ``sqlite``: ``sadr_iran_data.sqlite`` with declared types, primary and foreign keys and checks
      (lists as JSON text), with the wide views of the selected events and relations as the tables
      ``events_wide`` and ``relations_wide``, and a Datasette ``metadata.json`` (descriptions, licence,
      source, facets on every vocabulary column, sort orders, label columns, units);
    - ``duckdb``: ``sadr_iran_data.duckdb`` (needs the ``[duckdb]`` extra), with types, primary keys,
      checks and comments; DuckDB checks foreign keys row by row and cannot load self-references,
      so foreign keys are declared in the SQLite and Data Package exports;
    - ``geojson``: ``locations.geojson`` (located places) and ``events.geojson`` (every placed event at its
      place's point, with the place's name, type, country, ``geo_precision`` and coordinate source, and
      ``left_out`` counting and naming the events without a place in the article or whose place has no
      sourced point);
    - ``graphml``: ``actors_relations.graphml``, actors as nodes and relations as directed edges;
    - ``datapackage``: the CSV files (guarded like ``csv``) and a Frictionless ``datapackage.json``
      with their hashes;
    - ``annotations``: ``annotations.jsonld``, the evidence as a JSON array of W3C Web Annotations
      (:func:`to_web_annotations`); it holds the ``evidence`` table, which ``tables`` must include;
    - ``acled``: ``acled.csv``, the events ACLED would record in its codebook's 31 columns
      (:func:`to_acled`), and ``acled_left_out.csv`` (``event_id``, ``reason``) for every other event;
    - ``ucdp-ged``: ``ucdp_ged.csv``, the events of organised violence in UCDP GED's columns
      (:func:`to_ucdp_ged`), and ``ucdp_ged_left_out.csv`` for every other event; both layouts hold
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
    spec = _FORMATS.get(format)
    if spec is None:
        raise SadrIranDataError(f"unknown export format {format!r}; the formats are: {', '.join(FORMATS)}")
    names = _selection(tables)
    if not set(names) & set(spec.covers):
        raise SadrIranDataError(f"the {format} export holds the tables {', '.join(spec.covers)}; select at least one of them")
    if format == "duckdb":
        _import_duckdb()
    if format == "stata":
        from .stata import import_pyreadstat

        import_pyreadstat()
    folder = Path(folder)
    files = spec.files(names)
    existing = [str(folder / name) for name in files if (folder / name).exists()]
    if existing and not force:
        them = "it" if len(existing) == 1 else "them"
        raise SadrIranDataError.keyed(f"will not overwrite {', '.join(existing)}; pass {{force}} to replace {them}")
    folder.mkdir(parents=True, exist_ok=True)
    with _staged(folder, files, force=force) as staged:
        if spec.csv:
            spec.write(staged, names, formula_guard=formula_guard)
        else:
            spec.write(staged, names)
    return [folder / name for name in files]


def to_networkx(*, rollup: int | None = None, min_confidence: str | None = None) -> nx.MultiDiGraph:
    """Actors as nodes and relations as edges (keyed by ``relation_id``) of a networkx MultiDiGraph.

    Nodes are keyed by ``actor_id`` and carry every other actor column; edges
    run from ``source_actor_id`` to ``target_actor_id`` and carry every other
    relation column (dates as ``datetime.date``, missing values as None) and
    the relation's ``confidence``. With ``rollup``, every actor counts as its
    ancestor that many levels below the top of its hierarchy (``0``: every
    Iranian state body as Iran), so only those ancestors are nodes; with
    ``min_confidence``, only relations at least that confident are edges.
    Needs the ``[graph]`` extra.

    Examples
    --------
    >>> from sadr_iran_data.formats.exports import to_networkx
    >>> graph = to_networkx()
    >>> all(graph.nodes[n]["actor_type"] for n in graph)
    True
    >>> "act-irgc" in to_networkx(rollup=0)
    False
    """
    try:
        import networkx as nx
    except ImportError:
        raise SadrIranDataError("to_networkx needs networkx: pip install 'sadr-iran-data[graph]'") from None
    from ..dataset.views import rolled_up, wide_arrow

    node_columns, edge_columns = _graph_columns()
    actors = _rows("actors")
    parents = {row["actor_id"]: row["parent_actor_id"] for row in actors}
    kept = {rolled_up(parents, row["actor_id"], rollup) for row in actors}
    graph = nx.MultiDiGraph(name=NAME, version=_version.__version__, rollup=rollup, min_confidence=min_confidence)
    for row in actors:
        if row["actor_id"] in kept:
            graph.add_node(row[TABLES["actors"].primary_key], **{c.name: row[c.name] for c in node_columns})
    for row in wide_arrow("relations", rollup=rollup, min_confidence=min_confidence).to_pylist():
        key = row[TABLES["relations"].primary_key]
        attributes = {c.name: row[c.name] for c in edge_columns}
        graph.add_edge(row[_GRAPH_SOURCE], row[_GRAPH_TARGET], key=key, confidence=row["confidence"], **attributes)
    return graph


def to_web_annotations() -> list[dict[str, Any]]:
    """The evidence as W3C Web Annotations: one JSON-LD ``Annotation`` per evidence row, in the order of the text.

    Each targets the article's URL with a ``TextQuoteSelector`` (the quote,
    with up to 32 characters before and after it where the shipped quotes
    themselves hold them) and a ``TextPositionSelector`` (``char_start`` and
    ``char_end``: code points of the stored text whose sha256 is the
    article's ``text_sha256``). Its bodies are the record's IRI, a short text
    describing it, and its table and id as tags. ``export("annotations", folder)``
    writes this list as ``annotations.jsonld``.

    Examples
    --------
    >>> from sadr_iran_data.formats.exports import to_web_annotations
    >>> first = to_web_annotations()[0]
    >>> first["type"], first["target"]["selector"][1]["type"]
    ('Annotation', 'TextPositionSelector')
    """
    return annotate({name: _rows(name) for name in TABLES_USED})
