"""The SQLite export served by a real Datasette: rows, facets, labels and metadata over HTTP agree with the package.

A ``datasette`` server is started as a subprocess on 127.0.0.1 and a free
port, on a fresh ``export("sqlite", …)`` and its ``metadata.json``, and is
always stopped at the end of the module. Skipped when datasette is missing
(it is in the ``[test]`` extra).
"""

from __future__ import annotations

import html
import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from test_exports import plain_records, sqlite_records

import sadr_iran_data as sid
from sadr_iran_data.declarations import TABLES, VIEWS, Table
from sadr_iran_data.formats.exports import export
from sadr_iran_data.formats.sqlite import DATABASE

pytestmark = pytest.mark.slow

#: Datasette's tables: the shipped tables and the wide views the export writes beside them.
SERVED: dict[str, tuple[Table, str, bool]] = {
    **{name: (table, name, False) for name, table in TABLES.items()},
    **{view.name: (view, name, True) for name, view in VIEWS.items()},
}
START_TIMEOUT = 60.0


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (a local http:// URL)
        body: bytes = response.read()
        return body


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _start(folder: Path, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """``datasette serve`` on the export in ``folder``, answering on a free port of 127.0.0.1."""
    for _ in range(3):  # another process may take the free port before datasette binds it
        port = _free_port()
        command = [sys.executable, "-m", "datasette", "serve", str(folder / f"{DATABASE}.sqlite")]
        command += ["--metadata", str(folder / "metadata.json"), "--host", "127.0.0.1", "--port", str(port)]
        # facets are computed within a time limit; a busy test machine should not drop them
        command += ["--setting", "facet_time_limit_ms", "10000", "--setting", "sql_time_limit_ms", "10000"]
        with log.open("wb") as out:
            process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline and process.poll() is None:
            try:
                _get(f"{base}/-/versions.json")
                return process, base
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.2)
        _stop(process)
        if "address already in use" not in log.read_text(encoding="utf-8", errors="replace").lower():
            break
    pytest.fail(f"datasette did not answer within {START_TIMEOUT:.0f} s:\n{log.read_text(encoding='utf-8', errors='replace')}")


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("datasette")
    export("sqlite", folder)
    return folder


@pytest.fixture(scope="module")
def server(exported: Path) -> Iterator[str]:
    pytest.importorskip("datasette", reason="the Datasette test needs datasette: pip install -e '.[test]'")
    process, base = _start(exported, exported.parent / "datasette.log")
    try:
        yield base
    finally:
        _stop(process)


def get_json(server: str, path: str, **query: Any) -> Any:
    url = f"{server}/{path}"
    if query:
        url += "?" + urllib.parse.urlencode(query, doseq=True)
    return json.loads(_get(url))


def all_rows(server: str, path: str, **query: Any) -> list[dict[str, Any]]:
    """Every row of a table's JSON, page after page (Datasette serves at most 1,000 rows a request), as objects."""
    page = get_json(server, path, _shape="objects", _size="max", **query)
    rows = list(page["rows"])
    while page.get("next_url"):
        page = json.loads(_get(page["next_url"]))
        rows += page["rows"]
    return rows


@pytest.mark.parametrize("name", list(SERVED))
def test_a_tables_rows_as_json_are_what_sid_load_returns(server, name):
    table, loaded, wide = SERVED[name]
    rows = all_rows(server, f"{DATABASE}/{name}.json")
    expected = sid.load(loaded, wide=True) if wide else sid.load(loaded)
    assert len(rows) == len(expected)
    assert list(rows[0]) == list(table.column_names)
    assert sqlite_records(table, rows) == plain_records(table, expected.to_dict("records"))


@pytest.mark.parametrize(
    ("name", "column"),
    [("events", "event_type"), ("events", "certainty"), ("relations", "relation_type"), ("relations_wide", "relation_family")],
)
def test_a_facet_on_a_vocabulary_column_counts_what_pandas_counts(server, name, column):
    table, loaded, wide = SERVED[name]
    data = get_json(server, f"{DATABASE}/{name}.json", _size=0, _facet_size="max")
    facet = data["facet_results"][column]  # declared in metadata.json: no _facet= needed
    assert facet["truncated"] is False
    served = {result["value"]: result["count"] for result in facet["results"]}
    frame = sid.load(loaded, wide=True) if wide else sid.load(loaded)
    counts = frame[column].value_counts()
    assert served == {str(value): int(n) for value, n in counts.items() if n > 0}
    assert set(served) <= set(table.column(column).categories or ())


def test_every_vocabulary_column_is_a_facet_and_the_rows_are_sorted_as_declared(server):
    for name, (table, _, _) in SERVED.items():
        data = get_json(server, f"{DATABASE}/{name}.json", _size=0)
        assert list(data["facet_results"]) == [c.name for c in table.columns if c.vocabulary is not None], name
    for name in ("events", "events_wide"):  # the latest first, the undated last
        data = get_json(server, f"{DATABASE}/{name}.json", _size="max")
        assert data["human_description_en"] == "sorted by date_start descending"
        starts = [row[data["columns"].index("date_start")] for row in data["rows"]]
        dated = int(sid.load_events()["date_start"].notna().sum())
        assert starts[:dated] == sorted(starts[:dated], reverse=True) and set(starts[dated:]) == {None}
    data = get_json(server, f"{DATABASE}/evidence.json", _size=0)
    offsets = [row["char_start"] for row in all_rows(server, f"{DATABASE}/evidence.json")]
    assert data["human_description_en"] == "sorted by char_start" and offsets == sorted(offsets)
    assert len(offsets) == len(sid.load_evidence()) > 1000  # every page, in order


def test_foreign_keys_are_labelled_with_the_label_column(server):
    names = dict(zip(*(sid.load_actors()[c] for c in ("actor_id", "name")), strict=True))
    rows = get_json(server, f"{DATABASE}/event_actors.json", _shape="array", _size="max", _labels="on")
    assert rows and all(row["actor_id"]["label"] == names[row["actor_id"]["value"]] for row in rows)


def test_the_metadata_descriptions_licence_and_source_are_shown(server, exported):
    metadata = json.loads((exported / "metadata.json").read_text(encoding="utf-8"))
    assert get_json(server, "-/metadata.json") == metadata
    index = _get(f"{server}/").decode("utf-8")
    assert html.escape(metadata["title"], quote=False) in index
    for name in ("events", "relations_wide"):
        table = SERVED[name][0]
        page = html.unescape(_get(f"{server}/{DATABASE}/{name}").decode("utf-8"))
        assert table.description in page
        assert table.columns[1].description in page  # column descriptions at the top of the table page
        assert 'href="https://creativecommons.org/licenses/by/4.0/"' in page and "CC-BY-4.0" in page
        assert "Babak Rahimi" in page and metadata["source_url"] in page
    located = html.unescape(_get(f"{server}/{DATABASE}/locations?location_id=loc-qum").decode("utf-8"))
    assert "34.6401\xa0deg" in located  # the units declared for latitude


def test_the_events_with_coordinates_have_the_columns_datasette_cluster_map_looks_for(server):
    # datasette-cluster-map draws any table with latitude and longitude columns (its README, version 0.18.2)
    data = get_json(server, f"{DATABASE}/events_wide.json", _size=0, latitude__notnull=1)
    assert {"latitude", "longitude"} <= set(data["columns"])
    assert data["filtered_table_rows_count"] == int(sid.load_events(wide=True)["latitude"].notna().sum()) > 0
