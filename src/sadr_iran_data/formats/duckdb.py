"""The ``duckdb`` export: one DuckDB database with types, primary keys, checks and comments (the ``[duckdb]`` extra)."""

from __future__ import annotations

from pathlib import Path

from ..constraints import sql_literal
from ..declarations import TABLES
from ._registry import Format, Options, register, require
from ._writing import arrow
from .sqlite import DATABASE, column_sql, ident


def write(staged: dict[str, Path], names: tuple[str, ...], options: Options) -> None:
    """The selected tables in one DuckDB database."""
    duckdb = require(DUCKDB)
    # no extension may be fetched from the network or loaded behind the export's back
    config: dict[str, str | bool | int | float | list[str]] = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}
    connection = duckdb.connect(str(staged[f"{DATABASE}.duckdb"]), config=config)
    try:
        connection.begin()  # one transaction, committed once, rather than one a statement
        for name in names:
            table = TABLES[name]
            lines = []
            for col in table.columns:
                lines.append(" ".join(column_sql(table, col, sqlite=False)))
            connection.execute(f"CREATE TABLE {ident(name)} ({', '.join(lines)})")
            connection.execute(f"COMMENT ON TABLE {ident(name)} IS {sql_literal(table.description)}")
            for col in table.columns:
                connection.execute(f"COMMENT ON COLUMN {ident(name)}.{ident(col.name)} IS {sql_literal(col.description)}")
            connection.register("source", arrow(name))
            connection.execute(f"INSERT INTO {ident(name)} SELECT {', '.join(map(ident, table.column_names))} FROM source")  # noqa: S608
            connection.unregister("source")
        connection.commit()
    finally:
        connection.close()


#: The format and the optional module it needs.
DUCKDB = register(Format("duckdb", lambda names: [f"{DATABASE}.duckdb"], write, requires=("duckdb", "duckdb")))
