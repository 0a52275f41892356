"""Exports: every format read back with its own tool equals the shipped tables; no overwrite without force; atomic."""

from __future__ import annotations

import contextlib
import csv
import datetime
import hashlib
import io
import json
import math
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from strategies import records

import sadr_iran_data as sid
from sadr_iran_data.column_types import BAD
from sadr_iran_data.dataset import loaders
from sadr_iran_data.dataset.integrity import data_dir
from sadr_iran_data.dataset.views import wide_arrow
from sadr_iran_data.declarations import ROLE, TABLES, VIEWS, Column, Table
from sadr_iran_data.formats import _registry, _writing, sqlite
from sadr_iran_data.formats import csv as csv_format
from sadr_iran_data.formats import duckdb as duckdb_format
from sadr_iran_data.formats.exports import FORMATS, export
from sadr_iran_data.formats.sqlite import DATABASE


def serve_rows(mp: pytest.MonkeyPatch, rows_of: Any) -> None:
    """Every export format reads ``rows_of(name)`` instead of the shipped table (its bound copy of ``_writing.rows`` included)."""
    import sys

    original = _writing.rows
    for name, module in list(sys.modules.items()):
        if name.startswith("sadr_iran_data.formats") and getattr(module, "rows", None) is original:
            mp.setattr(module, "rows", rows_of)


SETTINGS = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
Record = dict[str, Any]


# --------------------------------------------------------------------------
# The shipped tables as plain records: ISO dates, lists, None for missing
# --------------------------------------------------------------------------


def plain(col: Column, value: Any) -> Any:
    """One value in the plain form every reader is compared in: the column type's JSON form."""
    if value is None or (not isinstance(value, list | tuple) and not hasattr(value, "tolist") and pd.isna(value)):
        return None
    converted = col.column_type.convert(value)
    assert converted is not BAD, (col.name, value)
    return col.column_type.to_json(converted)


def plain_records(table: Table, rows: list[Record]) -> list[Record]:
    return sorted(({c.name: plain(c, row[c.name]) for c in table.columns} for row in rows), key=lambda r: r[table.primary_key])


@pytest.fixture(scope="module")
def shipped() -> dict[str, list[Record]]:
    """``sid.load_all()`` as plain records, sorted by primary key."""
    return {name: plain_records(TABLES[name], df.to_dict("records")) for name, df in sid.load_all().items()}


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Any:
    """One export per format, written once for the module."""
    done: dict[str, list[Path]] = {}

    def get(fmt: str) -> list[Path]:
        if fmt not in done:
            done[fmt] = export(fmt, tmp_path_factory.mktemp(fmt))
        return done[fmt]

    return get


def from_text(col: Column, cell: str) -> Any:
    """A CSV cell back to a value, read as its column type reads text."""
    value = col.column_type.convert(cell)
    assert value is not BAD, (col.name, cell)
    return value


# --------------------------------------------------------------------------
# Round trips, one per format
# --------------------------------------------------------------------------


def read_csv(path: Path, table: Table) -> list[Record]:
    df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
    assert list(df.columns) == list(table.column_names)
    rows = [{c.name: (None if pd.isna(row[c.name]) else from_text(c, row[c.name])) for c in table.columns} for row in df.to_dict("records")]
    return plain_records(table, rows)


def test_csv_round_trip(exported, shipped):
    paths = exported("csv")
    views = [VIEWS[n] for n in VIEWS]
    assert [p.name for p in paths] == [f"{n}.csv" for n in TABLES] + [f"{v.name}.csv" for v in views]
    for path, name in zip(paths, TABLES, strict=False):
        assert not path.read_bytes().startswith(b"\xef\xbb\xbf"), "UTF-8 without a byte-order mark"
        assert read_csv(path, TABLES[name]) == shipped[name], name
    for path, (name, view) in zip(paths[len(TABLES) :], VIEWS.items(), strict=True):
        assert read_csv(path, view) == plain_records(view, wide_arrow(name).to_pylist()), view.name


def test_csv_cells_are_iso_dates_true_false_json_lists_and_empty_nulls(exported):
    folder = exported("csv")[0].parent
    for name, table in TABLES.items():
        df = pd.read_csv(folder / f"{name}.csv", dtype=str, keep_default_na=False)
        for col in table.columns:
            cells = [c for c in df[col.name] if c != ""]
            if col.type == "date":
                assert all(datetime.date.fromisoformat(c).isoformat() == c for c in cells)
            elif col.type == "bool":
                assert set(cells) <= {"true", "false"}
            elif col.type == "list":
                assert all(isinstance(json.loads(c), list) for c in df[col.name])
            if not col.nullable and col.type != "string":
                assert len(cells) == len(df), f"{name}.{col.name}: a required value is empty"


def test_parquet_round_trip(exported, shipped):
    paths = exported("parquet")
    assert [p.name for p in paths[len(TABLES) :]] == [f"{v.name}.parquet" for v in VIEWS.values()]
    for path, name in zip(paths, TABLES, strict=False):
        assert path.read_bytes() == (data_dir() / f"{name}.parquet").read_bytes()
        assert pq.read_table(path).equals(sid.load(name, backend="arrow"))
        assert plain_records(TABLES[name], pd.read_parquet(path).to_dict("records")) == shipped[name]
    for path, name in zip(paths[len(TABLES) :], VIEWS, strict=True):
        assert pq.ParquetFile(path).read().equals(sid.load(name, backend="arrow", wide=True))


def wide_records() -> dict[str, list[Record]]:
    """Each wide view as plain records sorted by its key, by the view's name."""
    return {view.name: plain_records(view, wide_arrow(name).to_pylist()) for name, view in VIEWS.items()}


def test_json_round_trip(exported, shipped):
    paths = exported("json")
    assert [p.name for p in paths] == [f"{n}.json" for n in TABLES] + [f"{v.name}.json" for v in VIEWS.values()]
    for path, name in zip(paths, TABLES, strict=False):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(data, list)
        assert plain_records(TABLES[name], data) == shipped[name] == sorted(data, key=lambda r: r[TABLES[name].primary_key])
    views = wide_records()
    for path, view in zip(paths[len(TABLES) :], VIEWS.values(), strict=True):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert list(data[0]) == list(view.column_names)
        assert plain_records(view, data) == views[view.name] == sorted(data, key=lambda r: r[view.primary_key]), view.name


def test_ndjson_round_trip(exported, shipped):
    paths = exported("ndjson")
    assert [p.name for p in paths] == [f"{n}.ndjson" for n in TABLES] + [f"{v.name}.ndjson" for v in VIEWS.values()]
    expected = {**shipped, **wide_records()}
    for path, table in zip(paths, [*TABLES.values(), *VIEWS.values()], strict=True):
        lines = path.read_text(encoding="utf-8").splitlines()
        data = [json.loads(line) for line in lines]
        assert sorted(data, key=lambda r: r[table.primary_key]) == expected[table.name], table.name


@contextlib.contextmanager
def connect(path: Path) -> Any:
    connection = sqlite3.connect(path)
    try:
        yield connection
    finally:
        connection.close()


def sqlite_records(table: Table, rows: list[Record]) -> list[Record]:
    """Rows as SQLite holds them (lists as JSON text, booleans as 0 or 1), as plain records."""
    typed = [
        {
            c.name: None
            if row[c.name] is None
            else json.loads(row[c.name])
            if c.type == "list"
            else bool(row[c.name])
            if c.type == "bool"
            else row[c.name]
            for c in table.columns
        }
        for row in rows
    ]
    return plain_records(table, typed)


def test_sqlite_round_trip_keys_and_types(exported, shipped):
    path, metadata = exported("sqlite")
    assert path.name == f"{DATABASE}.sqlite" and metadata.name == "metadata.json"
    declared = {"int": "INTEGER", "float": "REAL", "bool": "INTEGER"}
    with connect(path) as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        for name, table in TABLES.items():
            info = {row[1]: row for row in db.execute(f'PRAGMA table_info("{name}")')}
            assert list(info) == list(table.column_names)
            for col in table.columns:
                _, _, sql_type, notnull, _, pk = info[col.name]
                assert sql_type == declared.get(col.type, "TEXT"), (name, col.name)
                assert bool(notnull) == (not col.nullable or col.name == table.primary_key)
                assert bool(pk) == (col.name == table.primary_key)
            keys = {(row[3], row[2], row[4]) for row in db.execute(f'PRAGMA foreign_key_list("{name}")')}
            # a list of ids is JSON text in SQL: validate() checks its items, SQL cannot
            expected = {
                (c.name, c.references, TABLES[c.references].primary_key) for c in table.columns if c.references and c.type != "list"
            }
            assert keys == expected
            cursor = db.execute(f'SELECT * FROM "{name}"')
            assert [d[0] for d in cursor.description] == list(table.column_names)
            rows = [dict(zip(table.column_names, row, strict=True)) for row in cursor]
            assert sqlite_records(table, rows) == shipped[name], name


def test_sqlite_enforces_foreign_keys_and_vocabularies(exported):
    path = exported("sqlite")[0]
    with connect(path) as db:
        db.isolation_level = None  # autocommit: each statement is checked when it runs
        db.execute("PRAGMA foreign_keys = ON")
        table = TABLES["event_actors"]
        row = dict.fromkeys(table.column_names, None)
        event_id = db.execute("SELECT event_id FROM events LIMIT 1").fetchone()
        if event_id is None:
            pytest.skip("no events to link to")
        row.update(
            event_actor_id="eva-test-link",
            event_id=event_id[0],
            actor_id="act-no-such-actor",
            role=table.column("role").vocabulary.values[0],
        )
        insert = f"INSERT INTO event_actors ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})"
        with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
            db.execute(insert, list(row.values()))
        with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
            db.execute(insert, [*list(row.values())[:3], "no-such-role"])
        assert db.execute("SELECT count(*) FROM event_actors WHERE event_actor_id = 'eva-test-link'").fetchone() == (0,)


def test_sqlite_datasette_metadata(exported):
    metadata = json.loads(exported("sqlite")[1].read_text(encoding="utf-8"))
    assert metadata["license"] == "CC-BY-4.0" and metadata["license_url"].startswith("https://creativecommons.org/")
    assert metadata["title"] and "Babak Rahimi" in metadata["source"] and metadata["source_url"].startswith("https://jamestown.org/")
    tables = metadata["databases"][DATABASE]["tables"]
    assert list(tables) == [*TABLES, *(v.name for v in VIEWS.values())]
    for table in (*TABLES.values(), *VIEWS.values()):
        entry = tables[table.name]
        assert entry["description"].startswith(table.description)
        assert ("Derived from the shipped tables" in entry["description"]) == (table.name not in TABLES)
        assert entry["columns"] == {c.name: c.description for c in table.columns}
        assert entry["facets"] == [c.name for c in table.columns if c.type == "category"]
        assert set(entry.get("units", {})) == {"latitude", "longitude"} & set(table.column_names)
        for key in ("sort", "sort_desc", "label_column"):
            assert entry.get(key) is None or entry[key] in table.column_names, (table.name, key)
    assert {"event_type", "plover_type", "plover_mode", "certainty", "attribution_kind"} <= set(tables["events"]["facets"])
    assert "plover_context" not in tables["events"]["facets"]  # a list column: Datasette's array facets, not a facet
    assert "relation_family" in tables["relations_wide"]["facets"]
    assert tables["actors"]["label_column"] == "name" and tables["events"]["sort_desc"] == "date_start"


def test_sqlite_holds_the_wide_views_as_tables(exported):
    path = exported("sqlite")[0]
    with connect(path) as db:
        for name, view in VIEWS.items():
            info = [row[1] for row in db.execute(f'PRAGMA table_info("{view.name}")')]
            assert info == list(view.column_names)
            cursor = db.execute(f'SELECT * FROM "{view.name}"')
            rows = [dict(zip(view.column_names, row, strict=True)) for row in cursor]
            assert sqlite_records(view, rows) == plain_records(view, wide_arrow(name).to_pylist()), view.name
        assert db.execute('SELECT count(*) FROM "events_wide" WHERE latitude IS NOT NULL').fetchone()[0] > 0
        keys = {(row[3], row[2]) for row in db.execute('PRAGMA foreign_key_list("events_wide")')}
        assert {("location_id", "locations"), ("citation_id", "citations")} <= keys


def test_duckdb_round_trip(exported, shipped):
    duckdb = pytest.importorskip("duckdb")
    (path,) = exported("duckdb")
    assert path.name == f"{DATABASE}.duckdb"
    connection = duckdb.connect(str(path), read_only=True)
    try:
        for name, table in TABLES.items():
            cursor = connection.execute(f'SELECT * FROM "{name}"')
            assert [d[0] for d in cursor.description] == list(table.column_names)
            rows = [dict(zip(table.column_names, row, strict=True)) for row in cursor.fetchall()]
            assert plain_records(table, rows) == shipped[name], name
            comment = connection.execute("SELECT comment FROM duckdb_tables() WHERE table_name = ?", [name]).fetchone()
            assert comment == (table.description,)
        views = wide_records()
        for name, view in VIEWS.items():  # the wide views, as tables of their own
            cursor = connection.execute(f'SELECT * FROM "{view.name}"')
            assert [d[0] for d in cursor.description] == list(view.column_names)
            rows = [dict(zip(view.column_names, row, strict=True)) for row in cursor.fetchall()]
            assert plain_records(view, rows) == views[view.name], view.name
            (comment,) = connection.execute("SELECT comment FROM duckdb_tables() WHERE table_name = ?", [view.name]).fetchone()
            assert comment.startswith(view.description) and f"load_{name}(wide=True)" in comment
        tables = [row[0] for row in connection.execute("SELECT table_name FROM duckdb_tables() ORDER BY table_name").fetchall()]
        assert tables == sorted([*TABLES, *(v.name for v in VIEWS.values())])
    finally:
        connection.close()


#: The formats ``export``'s docstring says hold the wide views beside the tables.
TABULAR = ("csv", "parquet", "json", "ndjson", "sqlite", "duckdb", "stata")


def test_the_docstring_names_the_tabular_formats():
    assert "Every tabular format (CSV, Parquet, JSON, NDJSON, SQLite,\n    DuckDB, Stata) holds the wide views" in export.__doc__


@pytest.mark.parametrize("fmt", TABULAR)
def test_every_tabular_format_holds_the_wide_views_of_the_selected_tables(fmt, tmp_path):
    module = {"duckdb": "duckdb", "stata": "pyreadstat"}.get(fmt)
    if module:
        pytest.importorskip(module)
    views = {view.name for view in VIEWS.values()}
    for selection, expected in ((["events", "relations"], views), (["relations", "actors"], {"relations_wide"}), (["actors"], set())):
        folder = tmp_path / "_".join(selection)
        paths = export(fmt, folder, tables=selection)
        assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in paths)
        if fmt == "sqlite":
            with connect(paths[0]) as db:
                held = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        elif fmt == "duckdb":
            import duckdb

            with contextlib.closing(duckdb.connect(str(paths[0]), read_only=True)) as db:
                held = {row[0] for row in db.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        else:
            held = {p.stem for p in paths}
        assert held == set(selection) | expected, (fmt, selection)


def test_duckdb_without_duckdb_says_which_extra_to_install(tmp_path, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "duckdb", None)  # how Python marks a module that cannot be imported
    with pytest.raises(sid.SadrIranDataError, match=r"sadr-iran-data\[duckdb\]"):
        export("duckdb", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def check_feature_collection(collection: Record) -> None:
    assert collection["type"] == "FeatureCollection"
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert all(isinstance(v, float | int) and math.isfinite(v) for v in (lon, lat))
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def check_geojson(folder: Path, locations: list[Record], events: list[Record]) -> None:
    located = {r["location_id"]: r for r in locations if r["latitude"] is not None and r["longitude"] is not None}
    places = json.loads((folder / "locations.geojson").read_text(encoding="utf-8"))
    check_feature_collection(places)
    assert [f["id"] for f in places["features"]] == sorted(located)
    for feature in places["features"]:
        row = located[feature["id"]]
        assert feature["properties"] == row
        assert feature["geometry"]["coordinates"] == [row["longitude"], row["latitude"]]
    assert places["locations_without_coordinates"] == len(locations) - len(located)

    happenings = json.loads((folder / "events.geojson").read_text(encoding="utf-8"))
    check_feature_collection(happenings)
    placed = [r for r in events if r["location_id"] in located]
    assert [f["id"] for f in happenings["features"]] == [r["event_id"] for r in placed]
    links = sid.load("event_actors", backend="arrow").to_pylist()
    names = {a["actor_id"]: a["name"] for a in sid.load("actors", backend="arrow").to_pylist()}
    for feature, row in zip(happenings["features"], placed, strict=True):
        place = located[row["location_id"]]
        assert {k: feature["properties"][k] for k in row} == row
        for role in ROLE.values:  # each role's actors, by id and by name, in the same order
            ids, their_names = feature["properties"][f"{role}_ids"], feature["properties"][f"{role}_names"]
            assert sorted(ids) == sorted(link["actor_id"] for link in links if link["event_id"] == row["event_id"] and link["role"] == role)
            assert their_names == [names[actor] for actor in ids]
        assert feature["properties"]["place_name"] == place["name"]
        assert feature["properties"]["geo_precision"] == place["geo_precision"]
        assert feature["geometry"]["coordinates"] == [place["longitude"], place["latitude"]]
    left_out = happenings["left_out"]
    unplaced = [r["event_id"] for r in events if r["location_id"] is None]
    unpointed = [r["event_id"] for r in events if r["location_id"] is not None and r["location_id"] not in located]
    assert left_out["the article gives no place"] == {"count": len(unplaced), "event_ids": unplaced}
    assert left_out["the place has no sourced point"] == {"count": len(unpointed), "event_ids": unpointed}
    assert len(placed) + len(unplaced) + len(unpointed) == len(events)


def test_geojson_round_trip(exported, shipped):
    paths = exported("geojson")
    assert [p.name for p in paths] == ["locations.geojson", "events.geojson"]
    check_geojson(paths[0].parent, shipped["locations"], shipped["events"])
    features = json.loads(paths[1].read_text(encoding="utf-8"))["features"]
    assert sum(bool(f["properties"]["initiator_names"]) for f in features) > 10  # a map can label its events by who acted
    assert {"Mahdi Army", "Iran"} <= {name for f in features for role in ROLE.values for name in f["properties"][f"{role}_names"]}


@st.composite
def located_places(draw: Any) -> list[Record]:
    """The shipped places, some of them given random coordinates."""
    rows = []
    for row in _writing.rows("locations"):
        point = draw(st.none() | st.tuples(st.floats(-90, 90, allow_nan=False), st.floats(-180, 180, allow_nan=False)))
        if point is None:
            rows.append({**row, "latitude": None, "longitude": None, "geo_precision": None})
        else:
            rows.append({**row, "latitude": point[0], "longitude": point[1], "geo_precision": "town"})
    return rows


def check_geojson_export(places: list[Record], events: list[Record]) -> None:
    """The GeoJSON export of ``places`` and ``events`` (the other tables as shipped) passes :func:`check_geojson`."""
    real_rows = _writing.rows
    fake = {"locations": places, "events": events}
    with pytest.MonkeyPatch.context() as mp, tempfile.TemporaryDirectory() as tmp:
        serve_rows(mp, lambda name: fake.get(name) or real_rows(name))
        export("geojson", tmp)
        check_geojson(Path(tmp), plain_records(TABLES["locations"], places), plain_records(TABLES["events"], events))


def test_geojson_places_events_at_located_places_and_counts_the_rest_at_the_edges():
    """No place with a point; every place with one (at the corners of the map and at 0, 0) and every event placed; no event placed."""
    shipped_places, shipped_events = _writing.rows("locations"), _writing.rows("events")
    corners = [(0.0, 0.0), (90.0, 180.0), (-90.0, -180.0), (90.0, -180.0), (-90.0, 180.0)]
    unlocated = [{**row, "latitude": None, "longitude": None, "geo_precision": None} for row in shipped_places]
    located = [
        {**row, "latitude": lat, "longitude": lon, "geo_precision": "town"}
        for row, (lat, lon) in zip(shipped_places, corners * len(shipped_places), strict=False)
    ]
    ids = [row["location_id"] for row in shipped_places]
    everywhere = [{**row, "location_id": ids[i % len(ids)]} for i, row in enumerate(shipped_events)]
    nowhere = [{**row, "location_id": None} for row in shipped_events]
    for places, events in ((unlocated, everywhere), (located, everywhere), (located, nowhere)):
        check_geojson_export(places, events)


@settings(SETTINGS, max_examples=10)
@given(places=located_places(), data=st.data())
def test_geojson_places_events_at_located_places_and_counts_the_rest(places, data):
    location_ids = [r["location_id"] for r in places]
    shipped_events = _writing.rows("events")
    placed_at = data.draw(st.lists(st.none() | st.sampled_from(location_ids), min_size=len(shipped_events), max_size=len(shipped_events)))
    check_geojson_export(places, [{**row, "location_id": location_id} for row, location_id in zip(shipped_events, placed_at, strict=True)])


def graph_records(table: Table, items: list[tuple[str, Record]], key_column: str, decode: bool) -> list[Record]:
    """Nodes or edges as records; ``decode``: list attributes are JSON text (GraphML has no list type)."""
    rows = [{key_column: key, **{c.name: data.get(c.name) for c in table.columns if c.name != key_column}} for key, data in items]
    if decode:
        rows = [{c.name: from_text(c, row[c.name]) if c.type == "list" else row[c.name] for c in table.columns} for row in rows]
    return plain_records(table, rows)


def check_graph(graph: Any, shipped: dict[str, list[Record]], decode: bool) -> None:
    actors, relations = TABLES["actors"], TABLES["relations"]
    assert graph.is_directed() and graph.is_multigraph()
    assert graph_records(actors, list(graph.nodes(data=True)), actors.primary_key, decode) == shipped["actors"]
    edges = [(key, {"source_actor_id": u, "target_actor_id": v, **data}) for u, v, key, data in graph.edges(keys=True, data=True)]
    assert graph_records(relations, edges, relations.primary_key, decode) == shipped["relations"]


def test_graphml_round_trip(exported, shipped):
    nx = pytest.importorskip("networkx")
    (path,) = exported("graphml")
    check_graph(nx.read_graphml(path, edge_key_type=str, force_multigraph=True), shipped, decode=True)
    plain_graph = nx.read_graphml(path)
    assert plain_graph.number_of_nodes() == len(shipped["actors"])
    assert plain_graph.number_of_edges() == len(shipped["relations"])


def test_to_networkx(shipped):
    pytest.importorskip("networkx")
    graph = sid.to_networkx()
    check_graph(graph, shipped, decode=False)
    assert graph.graph["version"] == sid.__version__


def test_datapackage_round_trip_and_frictionless_validation(exported, shipped):
    frictionless = pytest.importorskip("frictionless")
    paths = exported("datapackage")
    assert [p.name for p in paths] == [*(f"{n}.csv" for n in TABLES), "datapackage.json"]
    descriptor_path = paths[-1]
    report = frictionless.validate(str(descriptor_path))
    assert report.valid, report.flatten(["type", "note"])
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    assert descriptor["version"] == sid.__version__
    package = frictionless.Package(str(descriptor_path))
    for resource, name in zip(package.resources, TABLES, strict=True):
        table = TABLES[name]
        data = (descriptor_path.parent / f"{name}.csv").read_bytes()
        entry = descriptor["resources"][list(TABLES).index(name)]
        assert entry["bytes"] == len(data)
        assert entry["hash"] == "sha256:" + hashlib.sha256(data).hexdigest()
        rows = [row.to_dict() for row in resource.read_rows()]
        assert plain_records(table, rows) == shipped[name], name
        assert read_csv(descriptor_path.parent / f"{name}.csv", table) == shipped[name]


def test_datapackage_validation_catches_a_dangling_foreign_key(tmp_path):
    frictionless = pytest.importorskip("frictionless")
    export("datapackage", tmp_path, tables=["citations", "actors", "locations", "events", "event_actors"])
    path = tmp_path / "event_actors.csv"
    header, *rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    if not rows:
        pytest.skip("no event_actors rows to break")
    rows[0][header.index("actor_id")] = "act-no-such-actor"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows([header, *rows])
    descriptor_path = tmp_path / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        if resource["name"] == "event_actors":
            data = path.read_bytes()
            resource["bytes"], resource["hash"] = len(data), "sha256:" + hashlib.sha256(data).hexdigest()
    descriptor_path.write_text(json.dumps(descriptor), encoding="utf-8")
    report = frictionless.validate(str(descriptor_path))
    assert not report.valid
    assert {error_type for error_type, *_ in report.flatten(["type"])} == {"foreign-key"}


# --------------------------------------------------------------------------
# Selections, file names, errors
# --------------------------------------------------------------------------


def test_unknown_format_lists_the_known_ones(tmp_path):
    with pytest.raises(sid.SadrIranDataError) as info:
        export("xlsx", tmp_path)
    assert "xlsx" in str(info.value)
    assert all(fmt in str(info.value) for fmt in FORMATS)
    assert list(tmp_path.iterdir()) == []


def test_unknown_table_is_refused(tmp_path):
    with pytest.raises(sid.UnknownTableError):
        export("csv", tmp_path, tables=["no_such_table"])


def test_a_selection_without_the_formats_tables_is_refused(tmp_path):
    with pytest.raises(sid.SadrIranDataError, match="locations, events"):
        export("geojson", tmp_path, tables=["actors"])


@settings(SETTINGS, max_examples=10)
@given(fmt=st.sampled_from([f for f in FORMATS if f != "duckdb"]), selection=st.sets(st.sampled_from(list(TABLES)), min_size=1))
def test_every_format_writes_exactly_the_files_it_returns(fmt, selection):
    """Random selections; the fixed ones are in the tests of the wide views (tabular formats) and of forced exports (one table)."""
    with tempfile.TemporaryDirectory() as tmp:
        try:
            paths = export(fmt, Path(tmp) / "out", tables=selection)
        except sid.SadrIranDataError as exc:
            assert "select at least one" in str(exc)
            return
        assert sorted(p.name for p in (Path(tmp) / "out").iterdir()) == sorted(p.name for p in paths)
        views = {VIEWS[n].name for n in selection & set(VIEWS)}
        if fmt in ("csv", "parquet", "json", "ndjson"):
            assert {p.stem for p in paths} == selection | views
        if fmt == "sqlite":
            with connect(paths[0]) as db:
                assert {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} == selection | views
                assert db.execute("PRAGMA foreign_key_check").fetchall() == []


#: The characters that quote, separate or end lines in CSV, JSON or NDJSON (or in the readers of each).
_AWKWARD = '\r\n\x85\u2028",;[]'


def check_text_formats_round_trip(name: str, rows: list[Record]) -> None:
    """``rows`` of table ``name`` come back unchanged from CSV (unguarded), JSON and NDJSON."""
    table = TABLES[name]
    expected = plain_records(table, rows)
    with pytest.MonkeyPatch.context() as mp, tempfile.TemporaryDirectory() as tmp:
        serve_rows(mp, lambda _: rows)
        folder = Path(tmp)
        export("csv", folder, tables=[name], formula_guard=False)
        export("json", folder, tables=[name])
        export("ndjson", folder, tables=[name])
        assert read_csv(folder / f"{name}.csv", table) == expected
        assert plain_records(table, json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))) == expected
        ndjson = [json.loads(line) for line in (folder / f"{name}.ndjson").read_text(encoding="utf-8").splitlines()]
        assert plain_records(table, ndjson) == expected


def _actors_holding(texts: list[str]) -> list[dict[str, Any]]:
    """A shipped actor for each text, with the text in every free-text column."""
    rows = _writing.rows("actors")[: len(texts)]
    for row, text in zip(rows, texts, strict=True):
        row.update({col.name: text for col in TABLES["actors"].columns if col.type == "string" and col.pattern is None})
    return rows


def test_text_formats_round_trip_each_awkward_character():
    """Each awkward character alone, CR LF, and all of them between words, in every text and list column of actors."""
    texts = [*_AWKWARD, "\r\n", "a" + "b".join(_AWKWARD) + "c"]
    rows = _actors_holding(texts)
    for row, text in zip(rows, texts, strict=True):
        row.update({col.name: [text, *_AWKWARD] for col in TABLES["actors"].columns if col.type == "list"})
    check_text_formats_round_trip("actors", rows)


@settings(SETTINGS, max_examples=10)
@given(data=st.data(), name=st.sampled_from(list(TABLES)))
def test_text_formats_round_trip_any_text(data, name):
    """Random records with awkward text (quotes, commas, newlines, any script) survive CSV, JSON and NDJSON."""
    table = TABLES[name]
    awkward = st.text(
        st.characters(exclude_categories=("Cs",), exclude_characters="\x00") | st.sampled_from(_AWKWARD), min_size=1, max_size=20
    )
    rows = data.draw(st.lists(records(table), max_size=4, unique_by=lambda r: r[table.primary_key]))
    for row in rows:
        for col in table.columns:
            if col.type == "string" and col.pattern is None and row[col.name] is not None:
                row[col.name] = data.draw(awkward)
            if col.type == "list":
                row[col.name] = data.draw(st.lists(awkward, max_size=3))
    check_text_formats_round_trip(name, rows)


# --------------------------------------------------------------------------
# No overwrite without force; atomic writes
# --------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_existing_file_is_not_overwritten_without_force(tmp_path, fmt):
    if fmt == "duckdb":
        pytest.importorskip("duckdb")
    spec = _registry.REGISTRY[fmt]
    names = spec.files(tuple(TABLES))  # the files an export of every table writes (export returns them as paths)
    existing = tmp_path / names[-1]
    existing.write_bytes(b"keep me")
    with pytest.raises(sid.SadrIranDataError, match=names[-1]) as info:
        export(fmt, tmp_path)
    assert "force" in str(info.value)
    assert existing.read_bytes() == b"keep me"
    assert [p.name for p in tmp_path.iterdir()] == [names[-1]], "nothing may be written before the check"
    one_table = next([name] for name in spec.covers if names[-1] in spec.files((name,)))  # enough to write that file again
    paths = export(fmt, tmp_path, force=True, tables=one_table)
    assert existing.read_bytes() != b"keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in paths)


def interrupt_on_call(n: int, real: Any, exc: BaseException, calls: dict[str, int] | None = None) -> Any:
    """``real``, raising ``exc`` on the ``n``-th call (counted in ``calls``, which several wrappers may share)."""
    calls = {"n": 0} if calls is None else calls

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == n:
            raise exc
        return real(*args, **kwargs)

    return wrapper


@pytest.mark.parametrize("exc", [RuntimeError("disk full"), KeyboardInterrupt()])
@pytest.mark.parametrize("fmt", [f for f in FORMATS if f not in ("parquet", "croissant")])
def test_an_interrupted_export_leaves_no_file(tmp_path, monkeypatch, fmt, exc):
    if fmt == "duckdb":
        pytest.importorskip("duckdb")
    reads = {"n": 0}  # the tables and the wide views, read one after the other
    monkeypatch.setattr(loaders, "load", interrupt_on_call(2, loaders.load, exc, reads))
    monkeypatch.setattr(_writing, "wide_arrow", interrupt_on_call(2, _writing.wide_arrow, exc, reads))  # csv writes the views
    with pytest.raises(type(exc)):
        export(fmt, tmp_path / "out")
    assert list((tmp_path / "out").iterdir()) == []


@pytest.mark.parametrize("fmt", ["parquet", "croissant"])  # the formats that copy the shipped files
def test_an_interrupted_parquet_export_leaves_no_file(tmp_path, monkeypatch, fmt):
    from sadr_iran_data.dataset import integrity

    monkeypatch.setattr(integrity, "read_verified", interrupt_on_call(3, integrity.read_verified, OSError("gone")))
    with pytest.raises(OSError):
        export(fmt, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_writer_failing_halfway_through_a_file_leaves_neither_it_nor_a_temporary_file(tmp_path, monkeypatch):
    real = csv_format.write_csv_file
    calls = {"n": 0}

    def half(path: Path, table: Table, rows: Any, **options: Any) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            path.write_text(",".join(table.column_names) + "\nhalf a ro", encoding="utf-8")
            raise OSError("no space left on device")
        real(path, table, rows, **options)

    monkeypatch.setattr(csv_format, "write_csv_file", half)
    for fmt in ("csv", "datapackage"):
        calls["n"] = 0
        with pytest.raises(OSError, match="no space"):
            export(fmt, tmp_path)
        assert list(tmp_path.iterdir()) == []


def test_a_failed_forced_export_keeps_the_previous_files(tmp_path, monkeypatch):
    before = {p.name: p.read_bytes() for p in export("json", tmp_path)}
    monkeypatch.setattr(loaders, "load", interrupt_on_call(4, loaders.load, RuntimeError("interrupted")))
    with pytest.raises(RuntimeError):
        export("json", tmp_path, force=True)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


# --------------------------------------------------------------------------
# Spreadsheet formula injection, SQL values, concurrent writers
# --------------------------------------------------------------------------

_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_TEXTS = ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1", "'=quoted"]
_FORMULA_LIKE = st.sampled_from(_FORMULA_TEXTS)


def check_formula_guard(name: str, rows: list[Record]) -> None:
    """The CSV export of ``rows`` puts an apostrophe before every text cell that starts like a formula, and changes nothing else."""
    table = TABLES[name]
    expected = plain_records(table, rows)
    with pytest.MonkeyPatch.context() as mp, tempfile.TemporaryDirectory() as tmp:
        serve_rows(mp, lambda _: rows)
        guarded = read_csv(export("csv", Path(tmp) / "guarded", tables=[name])[0], table)
        raw = read_csv(export("csv", Path(tmp) / "raw", tables=[name], formula_guard=False)[0], table)
    assert raw == expected
    for got, want in zip(guarded, expected, strict=True):
        for col in table.columns:
            value = want[col.name]
            if col.type in ("id", "string", "category") and value is not None and value.startswith(_TRIGGERS):
                assert got[col.name] == "'" + value
            else:  # numbers (a negative latitude too), dates, lists and plain text are written as they are
                assert got[col.name] == value


def test_csv_cells_that_start_like_each_formula_get_an_apostrophe():
    """Each formula-like text in every text column of actors; the shipped rows that follow them keep theirs."""
    table = TABLES["actors"]
    rows = _writing.rows("actors")[: len(_FORMULA_TEXTS) + 2]
    for row, text in zip(rows, _FORMULA_TEXTS, strict=False):
        for col in table.columns:
            if col.type == "string" and col.pattern is None:
                row[col.name] = text
    check_formula_guard("actors", rows)


@settings(SETTINGS, max_examples=10)
@given(data=st.data(), name=st.sampled_from(list(TABLES)))
def test_csv_cells_that_start_like_a_formula_get_an_apostrophe_and_nothing_else_changes(data, name):
    table = TABLES[name]
    text_columns = [c for c in table.columns if c.type == "string" and c.pattern is None]
    rows = data.draw(st.lists(records(table), min_size=1, max_size=4, unique_by=lambda r: r[table.primary_key]))
    for row in rows:
        for col in text_columns:
            if row[col.name] is not None and data.draw(st.booleans()):
                row[col.name] = data.draw(_FORMULA_LIKE)
    check_formula_guard(name, rows)


def test_the_shipped_csv_export_changes_exactly_the_formula_like_cells(exported, shipped):
    changed = 0
    for path in exported("csv")[: len(TABLES)]:
        table = TABLES[path.stem]
        for got, want in zip(read_csv(path, table), shipped[path.stem], strict=True):
            for col in table.columns:
                if got[col.name] != want[col.name]:
                    assert got[col.name] == "'" + want[col.name] and want[col.name].startswith(_TRIGGERS)
                    changed += 1
    formula_like = sum(
        1
        for name, rows in shipped.items()
        for row in rows
        for col in TABLES[name].columns
        if col.type in ("id", "string", "category") and isinstance(row[col.name], str) and row[col.name].startswith(_TRIGGERS)
    )
    assert changed == formula_like


def test_show_csv_is_guarded_like_the_export(capsys, monkeypatch):
    from sadr_iran_data.cli import main

    rows = sid.load("actors", backend="arrow").to_pylist()[:2]
    rows[0]["description"] = "=cmd|' /C calc'!A0"

    class Arrow:
        def select(self, columns):
            return self

        def to_pylist(self):
            return rows

    monkeypatch.setattr("sadr_iran_data.dataset.loaders.load", lambda name, backend="pandas", **options: Arrow())
    assert main(["show", "actors", "--format", "csv"]) == 0
    guarded = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert main(["show", "actors", "--format", "csv", "--no-formula-guard"]) == 0
    raw = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    column = TABLES["actors"].column_names.index("description")
    assert guarded[1][column] == "'=cmd|' /C calc'!A0" and raw[1][column] == "=cmd|' /C calc'!A0"
    assert guarded[2] == raw[2]


_INJECTION_TEXTS = ["'); DROP TABLE events; --", '" OR 1=1 --', "Robert'); DELETE FROM actors;--", "x'||'y", "?", ":name", "$1"]
_INJECTIONS = st.sampled_from(_INJECTION_TEXTS)


def check_sql_exports_store_verbatim(name: str, rows: list[Record], folder: Path) -> None:
    """``rows`` of table ``name`` exported to SQLite and DuckDB come back with their ids and text columns unchanged."""
    import duckdb
    import pyarrow as pa

    table = TABLES[name]
    text_columns = [c.name for c in table.columns if c.type == "string" and c.pattern is None]
    with pytest.MonkeyPatch.context() as mp:
        serve_rows(mp, lambda _: rows)
        mp.setattr(duckdb_format, "arrow", lambda _: pa.Table.from_pylist(rows, schema=table.arrow_schema()))
        export("sqlite", folder, tables=[name])
        export("duckdb", folder, tables=[name])
    key = table.primary_key
    expected = sorted((row[key], *(row[c] for c in text_columns)) for row in rows)
    select = f"SELECT {', '.join([key, *text_columns])} FROM {name}"
    with contextlib.closing(sqlite3.connect(folder / f"{DATABASE}.sqlite")) as db:
        assert sorted(db.execute(select).fetchall()) == expected
        assert db.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone() == (1 + (name in VIEWS),)
    with contextlib.closing(duckdb.connect(str(folder / f"{DATABASE}.duckdb"), read_only=True)) as db:
        assert sorted(db.execute(select).fetchall()) == expected
        assert db.execute("SELECT count(*) FROM duckdb_tables()").fetchone() == (1 + (name in VIEWS),)


def test_sql_exports_store_every_listed_injection_verbatim(tmp_path):
    """Each of the injections, in every text column of an actor, reaches SQLite and DuckDB as it is."""
    rows = _actors_holding(_INJECTION_TEXTS)
    for row in rows:
        row.update({col.name: None for col in TABLES["actors"].columns if col.references or col.references_table_in})
    check_sql_exports_store_verbatim("actors", rows, tmp_path)


@settings(SETTINGS, max_examples=8)
@given(data=st.data(), name=st.sampled_from(list(TABLES)))
def test_sql_exports_store_any_text_verbatim(data, name, tmp_path_factory):
    """Values reach SQLite and DuckDB as parameters or Arrow data, never spliced into SQL (every injection: the test above)."""
    table = TABLES[name]
    text_columns = [c.name for c in table.columns if c.type == "string" and c.pattern is None]
    foreign = [c for c in table.columns if c.references or c.references_table_in]
    assume(all(c.nullable for c in foreign))  # a row of one table alone can only leave its references empty
    rows = data.draw(st.lists(records(table), min_size=1, max_size=3, unique_by=lambda r: r[table.primary_key]))
    for row in rows:
        for column in text_columns:
            if row[column] is not None:
                row[column] = data.draw(_INJECTIONS)
        for col in foreign:
            row[col.name] = None
    check_sql_exports_store_verbatim(name, rows, tmp_path_factory.mktemp("sql"))


def test_sql_is_built_only_from_quoted_identifiers_and_declared_text():
    """Every execute() in the SQL exports takes a constant, or an f-string of ident/sql_literal/sqlite_ddl parts."""
    import ast
    import inspect

    allowed = {"ident", "sql_literal", "sqlite_ddl"}

    def safe(node: ast.AST) -> bool:
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.JoinedStr):
            return all(safe(v.value) if isinstance(v, ast.FormattedValue) else True for v in node.values)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            return node.func.id in allowed
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "join":
            return all(safe(a) or _maps_allowed(a) for a in node.args)
        if isinstance(node, ast.Name):
            return node.id in local  # checked below, assignment by assignment
        return False

    def _maps_allowed(node: ast.AST) -> bool:
        return isinstance(node, ast.Call) and getattr(node.func, "id", "") == "map" and getattr(node.args[0], "id", "") in allowed

    tree = ast.Module(body=[*ast.parse(inspect.getsource(sqlite)).body, *ast.parse(inspect.getsource(duckdb_format)).body], type_ignores=[])
    local = {  # the only variables SQL text is built from, and what each may hold
        "columns": "', '.join(map(ident, table.column_names))",
        "marks": "', '.join(('?' for _ in table.columns))",
        "lines": "[]",
    }
    sql_functions = [
        f
        for f in ast.walk(tree)
        if isinstance(f, ast.FunctionDef)
        and any(getattr(getattr(n, "func", None), "attr", "") in ("execute", "executemany") for n in ast.walk(f))
    ]
    assert len(sql_functions) >= 2  # the SQLite and the DuckDB writers
    for node in (n for f in sql_functions for n in ast.walk(f)):
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) in local for t in node.targets):
            assert ast.unparse(node.value) == local[node.targets[0].id], ast.unparse(node)
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "append" and getattr(node.func.value, "id", "") == "lines":
            assert ast.unparse(node.args[0]).startswith("' '.join(column_sql("), ast.unparse(node)
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "attr", "") in ("execute", "executemany")]
    assert len(calls) >= 6
    for call in calls:
        assert safe(call.args[0]), ast.unparse(call)
        if getattr(call.func, "attr", "") == "executemany":
            assert "{marks}" in ast.unparse(call.args[0]), "rows are inserted with ? placeholders"


def test_concurrent_exports_into_one_folder_never_overwrite_each_other(exported, tmp_path):
    import sys
    import threading
    from concurrent.futures import ThreadPoolExecutor

    reference = {p.name: p.read_bytes() for p in exported("csv")}
    # 4 threads, switching every 1 ms rather than every 5: every export passes the check made before it writes, so a
    # writer that overwrites, or that removes files another export placed, shows in each round.
    threads = 4
    barrier = threading.Barrier(threads)

    def one(_: int) -> str:
        barrier.wait()
        try:
            export("csv", tmp_path / "shared")
        except sid.SadrIranDataError as exc:
            assert "will not overwrite" in str(exc)
            return "refused"
        return "written"

    interval = sys.getswitchinterval()
    sys.setswitchinterval(0.001)
    try:
        for _ in range(2):
            with ThreadPoolExecutor(threads) as pool:
                outcomes = list(pool.map(one, range(threads)))
            assert outcomes.count("written") == 1, outcomes
            assert {p.name: p.read_bytes() for p in (tmp_path / "shared").iterdir()} == reference
            for path in (tmp_path / "shared").iterdir():
                path.unlink()
    finally:
        sys.setswitchinterval(interval)


def test_a_file_that_appears_during_an_export_is_kept_and_nothing_else_is_left(tmp_path, monkeypatch):
    real = csv_format.write

    def meanwhile(staged, names, options):
        real(staged, names, options)
        (tmp_path / "relations.csv").write_text("someone else's file", encoding="utf-8")

    monkeypatch.setitem(_registry.REGISTRY, "csv", _registry.Format("csv", _writing.per_table_and_view("csv"), meanwhile))
    with pytest.raises(sid.SadrIranDataError, match=r"will not overwrite .*relations\.csv: it was created while the export ran"):
        export("csv", tmp_path)
    assert [p.name for p in tmp_path.iterdir()] == ["relations.csv"]
    assert (tmp_path / "relations.csv").read_text(encoding="utf-8") == "someone else's file"
