"""Text column types: ids, free text and vocabulary values (categories)."""

from __future__ import annotations

import numbers
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pyarrow as pa
    from hypothesis.strategies import SearchStrategy

    #: True or False for each row of a column.
    Mask = npt.NDArray[np.bool_]
from ..errors import SadrIranDataError
from ._base import BAD, ColumnSpec, ColumnType, Parsed, id_pattern, id_strategy, text_dtype, text_strategy


class TextType(ColumnType):
    python = str
    arrow = "string"
    pandas = "str"
    polars = "String"
    text = True
    table_schema_type = "string"
    croissant = "sc:Text"
    sqlite = "TEXT"
    duckdb = "VARCHAR"
    message = "must be text"
    misfits: ClassVar[tuple[Any, ...]] = (7, 2.5, True)

    def failure(self, value: Any) -> str:
        if isinstance(value, numbers.Number) and not isinstance(value, bool):
            hint = "pandas reads a column of digits as numbers: read the file with pd.read_csv(…, dtype=str), or validate the file itself"
            return f"{self.message}; {hint}"
        return self.message

    def pandas_dtype(self, col: ColumnSpec) -> Any:
        return text_dtype()

    def convert(self, value: Any) -> Any:
        return value if isinstance(value, str) else BAD

    def from_text(self, text: pa.Array, *, csv: bool) -> Parsed:
        import numpy as np

        return Parsed(text, np.zeros(len(text), dtype=bool))


class IdType(TextType):
    name = "id"
    description = "a stable id: the table's prefix, a dash, lower-case letters, digits and dashes"

    def strategy(self, col: ColumnSpec, prefixes: Mapping[str, str]) -> SearchStrategy[Any]:
        from hypothesis import strategies as st

        if col.pattern is not None:
            key = next((prefix for prefix in prefixes.values() if col.pattern == id_pattern(prefix)), None)
            return text_strategy(col) if key is None else id_strategy(key, max_length=None)
        if col.references is not None:
            return id_strategy(prefixes[col.references])
        return st.sampled_from(sorted(prefixes.values())).flatmap(id_strategy)


class StringType(TextType):
    name = "string"
    description = "text"

    def strategy(self, col: ColumnSpec, prefixes: Mapping[str, str]) -> SearchStrategy[Any]:
        return text_strategy(col)


class CategoryType(TextType):
    name = "category"
    description = "a value of a controlled vocabulary"
    misfits: ClassVar[tuple[Any, ...]] = (7, 2.5)

    stata = "integer"

    def to_stata(self, value: Any, col: ColumnSpec) -> Any:
        """A vocabulary value as its position in the vocabulary (1, 2, ...), which the Stata file's value labels name.

        A value outside the vocabulary has no label and no position: it is an error, never a code of its own.
        """
        if value is None:
            return None
        values = col.categories or ()
        if value not in values:
            raise SadrIranDataError(
                f"{col.name}: {value!r} has no Stata value label; the labels are the vocabulary's values: {', '.join(values)}"
            )
        return values.index(value) + 1

    def python_type(self, col: ColumnSpec) -> Any:
        from typing import Literal

        return Literal[col.categories]

    def arrow_type(self) -> pa.DataType:
        import pyarrow as pa

        return pa.dictionary(pa.int32(), pa.string())

    def pandas_dtype(self, col: ColumnSpec) -> Any:
        import pandas as pd

        return pd.CategoricalDtype(pd.Index(list(col.categories or ()), dtype=text_dtype()))

    def polars_dtype(self, col: ColumnSpec) -> Any:
        import polars as pl

        return pl.Enum(list(col.categories or ()))

    def strategy(self, col: ColumnSpec, prefixes: Mapping[str, str]) -> SearchStrategy[Any]:
        from hypothesis import strategies as st

        return st.sampled_from(col.categories or ())
