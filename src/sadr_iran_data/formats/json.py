"""The ``json`` and ``ndjson`` exports: an array of records per table, or one record per line."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..declarations import TABLES, Table
from ._registry import Format, Options, per_table, register
from ._writing import Row, json_line, json_record, json_text, rows, write_text_file


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


def write_json(staged: dict[str, Path], names: tuple[str, ...], options: Options) -> None:
    for name in names:
        write_text_file(staged[f"{name}.json"], json_records(TABLES[name], rows(name)))


def write_ndjson(staged: dict[str, Path], names: tuple[str, ...], options: Options) -> None:
    for name in names:
        table = TABLES[name]
        lines = "".join(json_line(json_record(table, row)) for row in rows(name))
        write_text_file(staged[f"{name}.ndjson"], lines)


register(Format("json", per_table("json"), write_json))
register(Format("ndjson", per_table("ndjson"), write_ndjson))
