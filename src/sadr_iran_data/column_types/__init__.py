"""Column types: one object per type holds everything about it.

A column's type (``Column.type`` in :mod:`sadr_iran_data.declarations`) names
one of the objects in :data:`COLUMN_TYPES`. Each knows the type's Python,
Arrow, pandas and polars types, its Table Schema, SQLite, DuckDB and GraphML
types, how its values are written as text, JSON and SQL, how any input (text
from a CSV file, an Arrow column of any type, Python objects) is parsed into
it, how a failure to parse is worded, and how to generate valid values for
tests. Every consumer — the models, the pandera schemas, the Arrow schema, the
JSON and Table Schemas, the SQL exports, validation, the docs, the tests and
the benchmarks — asks this registry; adding a type is adding one class here.

Nothing heavy is imported until a method needs it.

Examples
--------
>>> from sadr_iran_data.column_types import COLUMN_TYPES
>>> COLUMN_TYPES["date"].to_text(__import__("datetime").date(2004, 4, 2))
'2004-04-02'
>>> COLUMN_TYPES["int"].table_schema_type
'integer'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._base import (
    BAD,
    YEARS,
    ColumnSpec,
    ColumnType,
    Parsed,
    flags,
    id_pattern,
    id_strategy,
    is_text_type,
    missing,
    pandas_column,
    plain_array,
    text_dtype,
)
from .dates import DateType
from .edtf import EDTF_PATTERN, EDTF_PRECISIONS, EdtfType, edtf_bounds, edtf_precision
from .lists import ListType
from .numbers import BoolType, FloatType, IntType
from .text import CategoryType, IdType, StringType

if TYPE_CHECKING:
    from ._base import Mask as Mask

__all__ = [
    "BAD",
    "COLUMN_TYPES",
    "EDTF_PATTERN",
    "EDTF_PRECISIONS",
    "YEARS",
    "ColumnSpec",
    "ColumnType",
    "Parsed",
    "edtf_bounds",
    "edtf_precision",
    "flags",
    "id_pattern",
    "id_strategy",
    "is_text_type",
    "missing",
    "pandas_column",
    "plain_array",
    "text_dtype",
]


#: Every column type, by the name a declaration gives it.
COLUMN_TYPES: dict[str, ColumnType] = {
    t.name: t for t in (IdType(), StringType(), CategoryType(), IntType(), FloatType(), BoolType(), DateType(), ListType(), EdtfType())
}
