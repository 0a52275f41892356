"""The ``csv`` export: one UTF-8 CSV file per table and per wide view; text cells guarded against spreadsheet formulas."""

from __future__ import annotations

from pathlib import Path

from ..declarations import TABLES, VIEWS
from ._registry import Format, Options, register
from ._writing import per_table_and_view, rows, views_of, wide_rows, write_csv_file


def write(staged: dict[str, Path], names: tuple[str, ...], options: Options, *, views: bool = True) -> None:
    """Each table's CSV file, and (with ``views``) each wide view's."""
    for name in names:
        write_csv_file(staged[f"{name}.csv"], TABLES[name], rows(name), formula_guard=options.formula_guard)
    for name in views_of(names) if views else ():
        view = VIEWS[name]
        write_csv_file(staged[f"{view.name}.csv"], view, wide_rows(name), formula_guard=options.formula_guard)


register(Format("csv", per_table_and_view("csv"), write))
