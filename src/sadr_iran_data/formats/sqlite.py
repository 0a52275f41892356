"""The ``sqlite`` export: one SQLite database with declared types, keys and checks, and Datasette's ``metadata.json``."""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import Any

from ..declarations import TABLES, VIEWS, Column, Table, get_table
from ..errors import SadrIranDataError
from ..identity import DATA_LICENSE, DESCRIPTION, NAME, PACKAGE, REPOSITORY_URL, SOURCE, TITLE, article_citation
from ._registry import Format, Options, register
from ._writing import json_text, rows, views_of, wide_rows, write_text_file
from .citation import licence_note

#: File stem of the SQLite and DuckDB databases (and datasette's database name).
DATABASE = PACKAGE


def ident(name: str) -> str:
    return f'"{name}"'


def column_sql(table: Table, col: Column, *, sqlite: bool) -> list[str]:
    """A column's SQL definition: name, type, key, NOT NULL and CHECK constraints."""
    name = ident(col.name)
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
        parts = column_sql(table, col, sqlite=True)
        if col.references in targets and col.type != "list":  # a list is JSON text: its items are checked by validate()
            key = TABLES[col.references].primary_key
            parts.append(f"REFERENCES {ident(col.references)} ({ident(key)}) DEFERRABLE INITIALLY DEFERRED")
        lines.append("  " + " ".join(parts))
    return f"CREATE TABLE {ident(name)} (\n" + ",\n".join(lines) + "\n)"


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


def derived_description(view: Table, derived_from: str) -> str:
    """A wide view's description as a table of a database: what it holds, and that the export computed it."""
    return f"{view.description} Derived from the shipped tables at export, as load_{derived_from}(wide=True) computes it; not shipped."


def _datasette_table(table: Table, derived_from: str | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "description": table.description if derived_from is None else derived_description(table, derived_from),
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
    tables |= {VIEWS[name].name: _datasette_table(VIEWS[name], derived_from=name) for name in views_of(names)}
    return {
        "title": TITLE,
        "description": DESCRIPTION,
        "license": DATA_LICENSE.id,
        "license_url": DATA_LICENSE.url,
        "description_html": f"<p>{escape(DESCRIPTION)}</p><p>{escape(licence_note())}</p>",
        "source": article_citation(),
        "source_url": SOURCE.url,
        "about": NAME,
        "about_url": REPOSITORY_URL,
        "databases": {DATABASE: {"tables": tables}},
    }


def write(staged: dict[str, Path], names: tuple[str, ...], options: Options) -> None:
    import sqlite3

    connection = sqlite3.connect(staged[f"{DATABASE}.sqlite"])
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        with connection:  # one transaction: deferred foreign keys are checked at its commit
            # the wide views as tables of their own: events_wide has latitude and longitude for map plugins
            contents = [(TABLES[name], rows(name)) for name in names]
            contents += [(VIEWS[name], wide_rows(name)) for name in views_of(names)]
            for table, _ in contents:  # every table first: a foreign key needs its table to exist
                connection.execute(sqlite_ddl(table.name, names))
            for table, records in contents:
                columns = ", ".join(map(ident, table.column_names))
                marks = ", ".join("?" for _ in table.columns)
                connection.executemany(
                    f"INSERT INTO {ident(table.name)} ({columns}) VALUES ({marks})",  # noqa: S608 (quoted identifiers; values are parameters)
                    ([_sqlite_value(c, row[c.name]) for c in table.columns] for row in records),
                )
        dangling = connection.execute("PRAGMA foreign_key_check").fetchall()
        if dangling:
            raise SadrIranDataError(f"foreign keys do not resolve in the SQLite export: {dangling[:5]}")
    finally:
        connection.close()
    write_text_file(staged["metadata.json"], json_text(_datasette_metadata(names)))


register(Format("sqlite", lambda names: [f"{DATABASE}.sqlite", "metadata.json"], write))
