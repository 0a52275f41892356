"""The list column type: lists of texts, written as JSON arrays (or ``;``-joined in CSV)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pyarrow as pa
    from hypothesis.strategies import SearchStrategy

    #: True or False for each row of a column.
    Mask = npt.NDArray[np.bool_]
from ._base import BAD, ColumnSpec, ColumnType, Parsed, all_bad, flags, id_strategy, is_text_type, text_strategy


def _text_list(text: str, *, csv: bool) -> Any:
    """A list cell written as text: a JSON array of strings, or (in CSV) values joined with ``;``.

    A Python list of strings, as pandas' ``to_csv`` writes a list cell (``['a', 'b']``), is read too. Text nested
    deeper than either parser goes (``[[[[…]]]]``) is no list of strings: it is :data:`BAD`, like any other.
    """
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            values = json.loads(stripped)
        except (ValueError, RecursionError):
            import ast

            try:
                values = ast.literal_eval(stripped)
            except (ValueError, SyntaxError, MemoryError, RecursionError):
                return BAD
        if isinstance(values, list) and all(isinstance(v, str) for v in values):
            return values
        return BAD
    if not csv:
        return BAD  # a bare string in a DataFrame is not a list
    return [part.strip() for part in stripped.split(";") if part.strip()]


class ListType(ColumnType):
    name = "list"
    description = "a list of texts (in CSV: a JSON array)"
    python = list[str]
    message = "must be a list of texts, none missing (in CSV: a JSON array of strings)"
    table_schema_type = "array"
    croissant = "sc:Text"
    sqlite = "TEXT"
    duckdb = "VARCHAR[]"
    misfits: ClassVar[tuple[Any, ...]] = (5, "Qom", [1, 2])

    def arrow_type(self) -> pa.DataType:
        import pyarrow as pa

        return pa.list_(pa.string())

    def pandas_dtype(self, col: ColumnSpec) -> Any:
        import pandas as pd

        return pd.ArrowDtype(self.arrow_type())

    def polars_dtype(self, col: ColumnSpec) -> Any:
        import polars as pl

        return pl.List(pl.String)

    def table_schema(self) -> dict[str, Any]:
        return {**super().table_schema(), "arrayItem": {"type": "string"}}

    def croissant_field(self) -> dict[str, Any]:
        # A one-dimensional list of any length: "isArray", whose "arrayShape" defaults to (-1,) (Croissant 1.1, "Field").
        return {**super().croissant_field(), "isArray": True}

    def to_text(self, value: Any) -> str:
        return json.dumps(list(value), ensure_ascii=False)

    def to_json(self, value: Any) -> Any:
        return list(value)

    def to_sqlite(self, value: Any) -> Any:
        return self.to_text(value)

    def to_stata(self, value: Any, col: ColumnSpec) -> Any:
        """The items joined with ``"; "`` (Stata has no lists); an empty list is Stata's missing text, ""."""
        return "; ".join(map(str, value)) if value else ""

    def convert(self, value: Any) -> Any:
        if isinstance(value, str):
            return _text_list(value, csv=False)
        if type(value).__name__ == "ndarray":
            value = value.tolist()
        if isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            return list(value)
        return BAD

    def from_text(self, text: pa.Array, *, csv: bool) -> Parsed:
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        encoded = text.dictionary_encode()
        decoded = [_text_list(v, csv=csv) for v in encoded.dictionary.to_pylist()]
        fine = np.array([v is not BAD for v in decoded], dtype=bool)
        lists = pa.array([v if v is not BAD else None for v in decoded], type=self.arrow_type())
        values = pc.take(lists, encoded.indices)
        bad = flags(pc.take(pa.array(~fine), encoded.indices)) if len(fine) else np.zeros(len(text), dtype=bool)
        return Parsed(values, bad)

    def from_arrow(self, array: pa.Array) -> Parsed:
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        kind = array.type
        if not pa.types.is_list(kind):
            return all_bad(array, self.arrow_type())
        if not (is_text_type(kind.value_type) or pa.types.is_null(kind.value_type)):
            if len(pc.list_flatten(array)) == 0:
                return Parsed(array.cast(self.arrow_type()), np.zeros(len(array), dtype=bool))  # only empty lists
            return all_bad(array, self.arrow_type())
        lists = array.cast(self.arrow_type())
        flat = pc.list_flatten(lists)
        holes = pc.list_parent_indices(lists).filter(pc.is_null(flat)).to_numpy()
        bad = np.zeros(len(lists), dtype=bool)
        bad[holes] = True
        if bad.any():
            lists = pc.if_else(pa.array(bad), pa.scalar(None, lists.type), lists)
        return Parsed(lists, bad)

    def strategy(self, col: ColumnSpec, prefixes: Mapping[str, str]) -> SearchStrategy[Any]:
        from hypothesis import strategies as st

        items = id_strategy(prefixes[col.references]) if col.references is not None else text_strategy(col)
        return st.lists(items, max_size=3)
