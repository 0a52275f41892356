"""Synthetic, valid frames of any table, generated from its declaration.

Vocabulary columns are sampled from their vocabularies, ids follow the id
pattern of their table, patterned strings come from values that match the
pattern, numbers respect their bounds, and every row rule of the table
(``date_end >= date_start``, both-or-neither, …) holds. The frame has the
dtypes a loaded table has, so validating it costs what validating real data
of that size costs.

>>> from sadr_iran_data.declarations import TABLES
>>> len(synthetic_frame(TABLES["events"], 1_000))
1000
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from sadr_iran_data.declarations import TABLES, Column, Table

#: Candidate values for patterned string columns; a column uses those its pattern matches.
PATTERNED = (
    "IRN", "IRQ", "USA", "LBN", "SYR",
    "Q794", "Q796", "Q30", "Q1030",
    "2004-04", "2006-01-24", "198X/199X", "2005/..", "2003",
    "fa", "ar", "en",
    "IR-10", "IR-07", "IQ-BG",
    "https://jamestown.org/", "http://example.org/a",
    "68eeecae3b1d13869b2a91115cde82f1f5ddd4560e0b01453727cf83294820ec",
)  # fmt: skip

NULL_SHARE = 0.25
POOL = 2_000
FIRST_DAY = np.datetime64("1950-01-01")
DAYS = 365 * 57
_LISTS = pa.array([[], ["Qom"], ["Qum", "Ghom"]], type=pa.list_(pa.string()))


def _ids(prefix: str, count: int) -> np.ndarray:
    return np.array([f"{prefix}-{i:07d}" for i in range(count)], dtype=object)


def _pool(col: Column, rows: int) -> np.ndarray:
    """Distinct plausible values for a column, to sample rows from."""
    if col.references:
        return _ids(TABLES[col.references].prefix, min(POOL, rows))
    if col.pattern is not None:
        values = [v for v in PATTERNED if re.search(col.pattern, v)]
        if not values:
            raise ValueError(f"column {col.name}: no value in PATTERNED matches {col.pattern}; add one")
        return np.array(values, dtype=object)
    return np.array([f"{col.name.replace('_', ' ')} {i}" for i in range(min(POOL, rows))], dtype=object)


def _values(table: Table, col: Column, rows: int, rng: np.random.Generator, drawn: dict[str, np.ndarray]) -> np.ndarray:
    """One value for every row, before nulls are applied."""
    if col.name == table.primary_key:
        return _ids(table.prefix, rows)
    if col.references_table_in:
        prefixes = np.array([TABLES[t].prefix for t in drawn[col.references_table_in]], dtype=object)
        return prefixes + np.array([f"-{i:07d}" for i in rng.integers(0, POOL, rows)], dtype=object)
    if col.type in ("id", "string"):
        return rng.choice(_pool(col, rows), rows)
    if col.type == "category":
        assert col.vocabulary is not None
        return rng.choice(np.array(col.vocabulary.values, dtype=object), rows)
    if col.type == "int":
        low = int(col.minimum) if col.minimum is not None else 0
        high = int(col.maximum) if col.maximum is not None else low + 100_000
        return rng.integers(low, high + 1, rows)
    if col.type == "float":
        low = col.minimum if col.minimum is not None else -1_000.0
        high = col.maximum if col.maximum is not None else 1_000.0
        return rng.uniform(low, high, rows)
    if col.type == "bool":
        return rng.random(rows) < 0.5
    if col.type == "date":
        return FIRST_DAY + rng.integers(0, DAYS, rows).astype("timedelta64[D]")
    return rng.integers(0, 3, rows)  # list: index into _LISTS


def _apply_rules(table: Table, values: dict[str, np.ndarray], nulls: dict[str, np.ndarray]) -> None:
    """Make every row rule of the table hold, in declaration order."""
    for rule in table.checks:
        a, b = rule.columns
        if rule.kind == "together":
            nulls[b] = nulls[a].copy()
        elif rule.kind == "implies":
            nulls[b] = nulls[b] & nulls[a]
        elif rule.kind == "required_if":
            nulls[b] = nulls[a] | ~np.isin(values[a], np.array(rule.values, dtype=object))
        elif rule.kind == "ordered":
            values[b] = np.maximum(values[a], values[b])
            if rule.strict:
                values[b] = np.where(values[a] == values[b], values[b] + 1, values[b])
        elif rule.kind == "differs":
            other = values[b] + ("-b" if values[b].dtype == object else 1)
            values[b] = np.where(values[a] == values[b], other, values[b])
        else:
            raise ValueError(f"rule {rule.name}: unknown kind {rule.kind!r}")


def _column(col: Column, values: np.ndarray, null: np.ndarray) -> Any:
    """The pandas array of a column, with the dtype a loaded table has."""
    if col.type in ("id", "string"):
        return pd.arrays.ArrowStringArray(pa.array(values, type=pa.string(), mask=null))
    if col.type == "category":
        assert col.vocabulary is not None
        categories = pd.Index(col.vocabulary.values, dtype=pd.StringDtype("pyarrow"))
        codes = np.where(null, -1, pd.Index(col.vocabulary.values, dtype=object).get_indexer(values))
        return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(categories))
    if col.type == "int":
        return pd.arrays.IntegerArray(values.astype("int64"), null)
    if col.type == "float":
        return pd.arrays.FloatingArray(values.astype("float64"), null)
    if col.type == "bool":
        return pd.arrays.BooleanArray(values.astype(bool), null)
    if col.type == "date":
        return np.where(null, np.datetime64("NaT"), values).astype("datetime64[ns]")
    indices = pa.array(values, mask=null)
    return pd.arrays.ArrowExtensionArray(_LISTS.take(indices))


def synthetic_frame(table: Table, rows: int, seed: int = 0) -> pd.DataFrame:
    """``rows`` valid rows of ``table`` with the declared dtypes, the same for the same seed."""
    rng = np.random.default_rng(seed)
    values: dict[str, np.ndarray] = {}
    nulls: dict[str, np.ndarray] = {}
    for col in table.columns:
        values[col.name] = _values(table, col, rows, rng, values)
        nulls[col.name] = rng.random(rows) < NULL_SHARE if col.nullable else np.zeros(rows, dtype=bool)
    _apply_rules(table, values, nulls)
    return pd.DataFrame({col.name: _column(col, values[col.name], nulls[col.name]) for col in table.columns})


def synthetic_csv(table: Table, rows: int, seed: int, path: Any) -> None:
    """The rows of :func:`synthetic_frame` as a CSV file, written as the ``csv`` export writes cells."""
    import json

    import pyarrow.csv as pv

    frame = synthetic_frame(table, rows, seed)
    columns = {}
    for col in table.columns:
        values = frame[col.name]
        if col.type == "date":
            columns[col.name] = pa.array(values, type=pa.timestamp("ns"), from_pandas=True).cast(pa.date32())
        elif col.type == "list":
            columns[col.name] = pa.array([None if v is None else json.dumps(list(v)) for v in values.tolist()], type=pa.string())
        elif col.type == "bool":
            columns[col.name] = pa.array(values.map({True: "true", False: "false"}, na_action="ignore"), type=pa.string(), from_pandas=True)
        else:
            columns[col.name] = pa.array(values.astype("string"), type=pa.string(), from_pandas=True)
    pv.write_csv(pa.table(columns), path, pv.WriteOptions(quoting_style="needed"))
