"""The ``parquet`` export: the shipped Parquet files as they are, and the wide views."""

from __future__ import annotations

from pathlib import Path

from ..dataset import integrity
from ..dataset.views import wide_arrow
from ..declarations import VIEWS
from ._registry import Format, Options, register
from ._writing import per_table_and_view, views_of


def write(staged: dict[str, Path], names: tuple[str, ...], options: Options) -> None:
    import pyarrow.parquet as pq

    for name in names:
        staged[f"{name}.parquet"].write_bytes(integrity.read_verified(name))
    for name in views_of(names):
        pq.write_table(wide_arrow(name), staged[f"{VIEWS[name].name}.parquet"], compression="zstd")


register(Format("parquet", per_table_and_view("parquet"), write))
