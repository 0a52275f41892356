"""Synthetic, valid frames of any table, generated from its declaration.

The rows come from :func:`sadr_iran_data.testing.synthetic_table`: a pool of
records drawn from each column type's hypothesis strategy and made to satisfy
every row rule by the rule kinds, each row given its own primary key. The
frame is converted as a loaded table is (the declared dtypes), so validating
it costs what validating real data of that size costs.

>>> from sadr_iran_data.declarations import TABLES
>>> len(synthetic_frame(TABLES["events"], 1_000))
1000
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sadr_iran_data.dataset._read import _to_pandas
from sadr_iran_data.declarations import Table
from sadr_iran_data.testing import synthetic_table


def synthetic_frame(table: Table, rows: int, seed: int = 0, pool: int = 400) -> Any:
    """``rows`` valid rows of ``table`` with the declared dtypes, copies of ``pool`` records, the same for the same seed."""
    return _to_pandas(table, synthetic_table(table, rows, seed, pool))


def synthetic_csv(table: Table, rows: int, seed: int, path: Path) -> None:
    """The rows of :func:`synthetic_frame` as a CSV file, each cell in its column type's text form."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pv

    arrow = synthetic_table(table, rows, seed)
    columns = {}
    for col in table.columns:
        values = arrow.column(col.name).combine_chunks()
        if col.type in ("category", "list", "bool", "float"):  # Arrow's own text forms differ from the column type's
            encoded = values.dictionary_encode() if col.type != "category" else values
            texts = [None if v is None else col.column_type.to_text(v) for v in encoded.dictionary.to_pylist()]
            values = pc.take(pa.array(texts, type=pa.string()), encoded.indices)
        columns[col.name] = values
    pv.write_csv(pa.table(columns), path, pv.WriteOptions(quoting_style="needed"))
