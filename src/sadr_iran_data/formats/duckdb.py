"""The ``duckdb`` export: one DuckDB database with types, primary keys, checks and comments (the ``[duckdb]`` extra).

The wide views of the selected events and relations are tables of their own
(``events_wide``, ``relations_wide``), as in the SQLite export.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from ..constraints import sql_literal
from ..dataset.views import wide_arrow
from ..declarations import TABLES, VIEWS, Table
from ._registry import Format, Options, register, require
from ._writing import arrow, views_of
from .sqlite import DATABASE, column_sql, derived_description, ident


def write(staged: dict[str, Path], names: tuple[str, ...], options: Options) -> None:
    """The selected tables, and the wide views of the selected events and relations, in one DuckDB database."""
    duckdb = require(DUCKDB)
    # no extension may be fetched from the network or loaded behind the export's back
    config: dict[str, str | bool | int | float | list[str]] = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    connection = duckdb.connect(str(staged[f"{DATABASE}.duckdb"]), config=config)
    contents: list[tuple[Table, str, Callable[[], Any]]] = [
        (TABLES[name], TABLES[name].description, partial(arrow, name)) for name in names
    ]
    contents += [(VIEWS[name], derived_description(VIEWS[name], name), partial(wide_arrow, name)) for name in views_of(names)]
    try:
        connection.begin()  # one transaction, committed once, rather than one a statement
        for table, description, data in contents:
            lines = []
            for col in table.columns:
                lines.append(" ".join(column_sql(table, col, sqlite=False)))
            connection.execute(f"CREATE TABLE {ident(table.name)} ({', '.join(lines)})")
            connection.execute(f"COMMENT ON TABLE {ident(table.name)} IS {sql_literal(description)}")
            for col in table.columns:
                connection.execute(f"COMMENT ON COLUMN {ident(table.name)}.{ident(col.name)} IS {sql_literal(col.description)}")
            connection.register("source", data())
            columns = ", ".join(map(ident, table.column_names))
            connection.execute(f"INSERT INTO {ident(table.name)} SELECT {columns} FROM source")  # noqa: S608
            connection.unregister("source")
        connection.commit()
    finally:
        connection.close()


#: The format and the optional module it needs.
DUCKDB = register(Format("duckdb", lambda names: [f"{DATABASE}.duckdb"], write, requires=("duckdb", "duckdb")))
