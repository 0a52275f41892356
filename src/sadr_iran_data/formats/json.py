"""The ``json`` and ``ndjson`` exports: an array of records per table and per wide view, or one record per line."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..declarations import TABLES, VIEWS, Table
from ._registry import Format, Options, register
from ._writing import Row, json_line, json_record, json_text, per_table_and_view, rows, views_of, wide_rows, write_text_file


def json_records(table: Table, rows: Iterable[Row]) -> str:
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
    return json_text([json_record(table, row) for row in rows])


def _contents(names: tuple[str, ...]) -> list[tuple[Table, list[Row]]]:
    """The selected tables and the wide views of the selected events and relations, with their rows."""
    return [*((TABLES[name], rows(name)) for name in names), *((VIEWS[name], wide_rows(name)) for name in views_of(names))]


def write_json(staged: dict[str, Path], names: tuple[str, ...], options: Options) -> None:
    for table, records in _contents(names):
        write_text_file(staged[f"{table.name}.json"], json_records(table, records))


def write_ndjson(staged: dict[str, Path], names: tuple[str, ...], options: Options) -> None:
    for table, records in _contents(names):
        write_text_file(staged[f"{table.name}.ndjson"], "".join(json_line(json_record(table, row)) for row in records))


register(Format("json", per_table_and_view("json"), write_json))
register(Format("ndjson", per_table_and_view("ndjson"), write_ndjson))
