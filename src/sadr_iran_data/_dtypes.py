"""Column types of the declaration mapped to Arrow, pandas and polars types.

Imported only by code that already needs pyarrow (loading, building, validating).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pyarrow as pa

from .declarations import Column, Table

_ARROW = {
    "id": pa.string(),
    "string": pa.string(),
    "category": pa.dictionary(pa.int32(), pa.string()),
    "int": pa.int64(),
    "float": pa.float64(),
    "bool": pa.bool_(),
    "date": pa.date32(),
    "list": pa.list_(pa.string()),
}


def arrow_type(col: Column) -> pa.DataType:
    return _ARROW[col.type]


@cache
def arrow_schema(table: Table) -> pa.Schema:
    """The Arrow schema the build writes and the ``arrow`` backend returns."""
    return pa.schema(
        [pa.field(c.name, arrow_type(c), nullable=c.nullable, metadata={"description": c.description}) for c in table.columns],
        metadata={"table": table.name, "description": table.description},
    )


def pandas_dtype(col: Column) -> Any:
    """The pandas dtype a loaded column has (identical on pandas 2 and 3)."""
    import pandas as pd

    if col.type in ("id", "string"):
        return pd.StringDtype("pyarrow")
    if col.type == "category":
        return pd.CategoricalDtype(pd.Index(col.vocabulary.values, dtype=pd.StringDtype("pyarrow")))
    if col.type == "int":
        return pd.Int64Dtype()
    if col.type == "float":
        return pd.Float64Dtype()
    if col.type == "bool":
        return pd.BooleanDtype()
    if col.type == "date":
        return "datetime64[ns]"
    return pd.ArrowDtype(_ARROW["list"])


@cache
def pandas_dtypes(table: Table) -> dict[str, Any]:
    return {c.name: pandas_dtype(c) for c in table.columns}


def _types_mapper() -> Any:
    import pandas as pd

    mapping = {
        pa.string(): pd.StringDtype("pyarrow"),
        pa.int64(): pd.Int64Dtype(),
        pa.float64(): pd.Float64Dtype(),
        pa.bool_(): pd.BooleanDtype(),
    }
    as_list = pd.ArrowDtype(_ARROW["list"])

    def mapper(arrow_type: pa.DataType) -> Any:
        # list types hash by their item field's name ("item" or "element"); compare by equality
        return as_list if arrow_type == _ARROW["list"] else mapping.get(arrow_type)

    return mapper


def to_pandas(table: Table, data: pa.Table) -> Any:
    """Convert an Arrow table of ``table`` to a pandas DataFrame with the declared dtypes."""
    df = data.to_pandas(types_mapper=_types_mapper(), coerce_temporal_nanoseconds=True, date_as_object=False, use_threads=False)
    dtypes = pandas_dtypes(table)
    for col in table.columns:
        if col.type == "category":
            df[col.name] = df[col.name].cat.set_categories(dtypes[col.name].categories)
    return df


def encode_list(values: Any) -> str:
    """A list column's cell in CSV: a JSON array (``["Qom", "Ghom"]``)."""
    import json

    return json.dumps(list(values), ensure_ascii=False)


def decode_list(cell: str) -> list[str]:
    """Read a list cell from CSV: a JSON array, or values joined with ``;``."""
    import json

    text = cell.strip()
    if text.startswith("["):
        try:
            values = json.loads(text)
        except ValueError:
            return cell  # type: ignore[return-value]  # left as text so the type check reports it
        if isinstance(values, list) and all(isinstance(v, str) for v in values):
            return values
        return cell  # type: ignore[return-value]  # numbers, nulls, nesting: left as text so the type check reports it
    return [part.strip() for part in text.split(";") if part.strip()]
