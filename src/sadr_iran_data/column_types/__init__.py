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

import datetime
import decimal
import json
import math
import numbers
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pyarrow as pa
    from hypothesis.strategies import SearchStrategy

    #: True or False for each row of a column.
    Mask = npt.NDArray[np.bool_]


class ColumnSpec(Protocol):
    """What a column type needs to know about a declared column."""

    @property
    def name(self) -> str: ...
    @property
    def nullable(self) -> bool: ...
    @property
    def categories(self) -> tuple[str, ...] | None: ...
    @property
    def pattern(self) -> str | None: ...
    @property
    def minimum(self) -> float | None: ...
    @property
    def maximum(self) -> float | None: ...
    @property
    def references(self) -> str | None: ...


@dataclass(frozen=True)
class Parsed:
    """A column parsed into its declared type.

    ``values`` holds the typed values, null where a value is missing or not of
    the type; ``bad`` is True exactly where a value is present but not of the
    type (or its text form).
    """

    values: pa.Array
    bad: Mask


class _Bad:
    """The result of converting a value that does not have the type."""


BAD: Any = _Bad()

#: Years a date may have: what pandas' ``datetime64[ns]`` holds.
YEARS = (1678, 2261)
INT64 = (-(2**63), 2**63 - 1)
_TRUE, _FALSE = ("true", "1", "yes"), ("false", "0", "no")
_INT_TEXT = r"^[+-]?[0-9]+$"
_FLOAT_TEXT = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"
_DATE_TEXT = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def missing(value: Any) -> bool:
    """Whether one cell holds no value: None, NaN, ``pd.NA`` or ``NaT``."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    kind = type(value).__name__
    return kind in ("NAType", "NaTType") or (kind == "datetime64" and bool(value != value))  # noqa: PLR0124


# --------------------------------------------------------------------------
# Arrow helpers
# --------------------------------------------------------------------------


def flags(array: Any) -> Mask:
    """A boolean Arrow array (or chunked array) as a numpy mask, nulls False."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks() if array.num_chunks != 1 else array.chunk(0)
    if array.null_count:
        array = pc.fill_null(array, False)
    mask: Mask = np.asarray(array.to_numpy(zero_copy_only=False), dtype=np.bool_)
    return mask


def plain_array(values: Any) -> pa.Array:
    """One Arrow array of a plain type: chunks combined, extensions and dictionaries decoded, views and large types cast down."""
    import pyarrow as pa

    if isinstance(values, pa.ChunkedArray):
        values = values.combine_chunks() if values.num_chunks != 1 else values.chunk(0)
    if isinstance(values.type, pa.ExtensionType):
        values = values.storage
    kind = values.type
    if pa.types.is_dictionary(kind):
        values = values.dictionary_decode()
        kind = values.type
    if pa.types.is_large_string(kind) or pa.types.is_string_view(kind):
        return values.cast(pa.string())
    if pa.types.is_large_list(kind) or pa.types.is_list_view(kind) or pa.types.is_fixed_size_list(kind):
        value_type = kind.value_type
        return values.cast(pa.list_(pa.string() if is_text_type(value_type) else value_type))
    if pa.types.is_list(kind) and (pa.types.is_large_string(kind.value_type) or pa.types.is_string_view(kind.value_type)):
        return values.cast(pa.list_(pa.string()))
    return values


def is_text_type(kind: pa.DataType) -> bool:
    import pyarrow as pa

    return bool(pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_string_view(kind))


def _trimmed(text: pa.Array) -> pa.Array:
    import pyarrow.compute as pc

    return pc.utf8_trim_whitespace(text)


def _all_bad(values: pa.Array, kind: pa.DataType) -> Parsed:
    """Every present value is of the wrong type."""
    import pyarrow as pa

    return Parsed(pa.nulls(len(values), kind), flags(values.is_valid()))


def _from_objects(column_type: ColumnType, values: Sequence[object]) -> Parsed:
    """Python objects converted one by one (a column of mixed types)."""
    import numpy as np
    import pyarrow as pa

    converted: list[Any] = []
    bad = np.zeros(len(values), dtype=bool)
    for i, value in enumerate(values):
        if missing(value):
            converted.append(None)
            continue
        result = column_type.convert(value)
        if result is BAD:
            bad[i] = True
            converted.append(None)
        else:
            converted.append(result)
    return Parsed(pa.array(converted, type=column_type.arrow_type()), bad)


# --------------------------------------------------------------------------
# The types
# --------------------------------------------------------------------------


class ColumnType:
    """Everything about one column type; subclasses fill it in for each type."""

    name: ClassVar[str]
    #: What the type holds, for the data dictionary.
    description: ClassVar[str]
    #: How a value that is not of the type is reported.
    message: ClassVar[str]
    table_schema_type: ClassVar[str]
    sqlite: ClassVar[str]
    duckdb: ClassVar[str]
    graphml: ClassVar[str] = "string"
    #: The Croissant ``dataType`` of a value: an atomic type of the Croissant 1.1 specification
    #: (docs/croissant-spec-1.1.md, "DataType", mlcommons/croissant commit 2348a46).
    croissant: ClassVar[str]
    #: Values are text: blank text is no value, a formula-like start is guarded in CSV, and text must be NFC.
    text: ClassVar[bool] = False
    #: Values of other types, which tests use to check that they are refused.
    misfits: ClassVar[tuple[Any, ...]] = ()

    # ---- declared types in other systems ----------------------------------

    #: The type of the values in a pydantic model.
    python: ClassVar[Any]
    #: The type's names in pyarrow (a factory), pandas (a dtype) and polars (a data type), resolved when asked.
    arrow: ClassVar[str]
    pandas: ClassVar[str]
    polars: ClassVar[str]

    def failure(self, value: Any) -> str:
        """What a failure says about ``value``, which is not of the type."""
        return self.message

    def python_type(self, col: ColumnSpec) -> Any:
        """The type of the column's values in a pydantic model."""
        return self.python

    def arrow_type(self) -> pa.DataType:
        import pyarrow as pa

        return getattr(pa, self.arrow)()

    def pandas_dtype(self, col: ColumnSpec) -> Any:
        """The dtype of the column in a loaded pandas DataFrame (identical on pandas 2 and 3)."""
        import pandas as pd

        return pd.api.types.pandas_dtype(self.pandas)

    def polars_dtype(self, col: ColumnSpec) -> Any:
        import polars as pl

        return getattr(pl, self.polars)

    def table_schema(self) -> dict[str, Any]:
        """The field's ``type`` and ``format`` (and what else the type adds) in a Frictionless Table Schema."""
        return {"type": self.table_schema_type, "format": "default"}

    def croissant_field(self) -> dict[str, Any]:
        """The ``dataType`` of a Croissant ``Field`` of the type, and whether it is an array."""
        return {"dataType": self.croissant}

    def table_schema_constraints(self) -> dict[str, Any]:
        """Table Schema constraints every column of the type has (a pattern, …)."""
        return {}

    def pandera_checks(self) -> list[Any]:
        """Pandera checks every column of the type has, beyond its dtype."""
        return []

    def sqlite_checks(self, quoted: str) -> list[str]:
        """SQLite CHECK expressions the type needs beyond its SQL type, for the column named ``quoted``."""
        return []

    # ---- writing values -----------------------------------------------------

    def to_text(self, value: Any) -> str:
        """A present value as text: a CSV cell or a GraphML attribute."""
        return str(value)

    def to_json(self, value: Any) -> Any:
        """A present value as JSON: ISO dates, lists as arrays."""
        return value

    def to_sqlite(self, value: Any) -> Any:
        """A present value as SQLite stores it."""
        return value

    # ---- reading values -----------------------------------------------------

    def convert(self, value: Any) -> Any:
        """One present Python value as the type's Python value, or :data:`BAD`."""
        raise NotImplementedError

    def parse(self, values: Any, *, csv: bool = False) -> Parsed:
        """Values of any kind parsed into the type, each exactly once.

        ``values`` is an Arrow array or chunked array of any type, or a
        sequence of Python objects. Text is read as the type's text form
        (``csv`` says the text comes from a CSV file, where a list may also be
        written as values joined with ``;``).
        """
        import pyarrow as pa

        if not isinstance(values, (pa.Array, pa.ChunkedArray)):
            return _from_objects(self, values)
        array = plain_array(values)
        if pa.types.is_null(array.type):
            return Parsed(pa.nulls(len(array), self.arrow_type()), flags(array.is_valid()))
        if is_text_type(array.type):
            return self.from_text(array, csv=csv)
        return self.from_arrow(array)

    def from_text(self, text: pa.Array, *, csv: bool) -> Parsed:
        """Arrow text parsed as the type's text form."""
        return _all_bad(text, self.arrow_type())

    def from_arrow(self, array: pa.Array) -> Parsed:
        """An Arrow array of another type than text, converted where it holds the type's values."""
        return _all_bad(array, self.arrow_type())

    # ---- generating values -----------------------------------------------------

    def strategy(self, col: ColumnSpec, prefixes: Mapping[str, str]) -> SearchStrategy[Any]:
        """A hypothesis strategy of valid values of ``col`` (needs hypothesis).

        ``prefixes`` maps each table to the prefix of its ids, for key columns.
        """
        raise NotImplementedError


def _text_strategy(col: ColumnSpec) -> SearchStrategy[str]:
    import string

    from hypothesis import strategies as st

    if col.pattern is not None:
        return st.from_regex(re.compile(col.pattern.replace("^", r"\A").replace("$", r"\Z")))
    return st.text(alphabet=string.ascii_letters + string.digits + " -’", min_size=1, max_size=30).map(str.strip).filter(bool)


def id_strategy(prefix: str) -> SearchStrategy[str]:
    """Ids of a table with ``prefix`` as the declarations write them."""
    from hypothesis import strategies as st

    return st.from_regex(rf"\A{prefix}-[a-z0-9][a-z0-9\-]{{0,12}}\Z")


def text_dtype() -> Any:
    """Pandas' text dtype with NaN for missing values: pandas 3's own ``str``, and its equal on pandas 2.

    Missing text compares like NaN, so ``df[df.col != "x"]`` and
    ``df.query("col != 'x'")`` keep the same rows, and ``.str`` masks are plain
    booleans that combine with ``&`` and ``|`` without an ambiguous NA.
    """
    import numpy as np
    import pandas as pd

    try:
        return pd.StringDtype("pyarrow", na_value=np.nan)
    except TypeError:  # pandas before 2.3 names the same dtype differently
        return pd.StringDtype("pyarrow_numpy")


class _Text(ColumnType):
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


class IdType(_Text):
    name = "id"
    description = "a stable id: the table's prefix, a dash, lower-case letters, digits and dashes"

    def strategy(self, col: ColumnSpec, prefixes: Mapping[str, str]) -> SearchStrategy[Any]:
        from hypothesis import strategies as st

        if col.pattern is not None:
            return _text_strategy(col)
        if col.references is not None:
            return id_strategy(prefixes[col.references])
        return st.sampled_from(sorted(prefixes.values())).flatmap(id_strategy)


class StringType(_Text):
    name = "string"
    description = "text"

    def strategy(self, col: ColumnSpec, prefixes: Mapping[str, str]) -> SearchStrategy[Any]:
        return _text_strategy(col)


class CategoryType(_Text):
    name = "category"
    description = "a value of a controlled vocabulary"
    misfits: ClassVar[tuple[Any, ...]] = (7, 2.5)

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


def _whole(value: Any) -> int | None:
    """``value`` as a 64-bit whole number, or None if it is not one (text, fractions and out-of-range values are not)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip()
        number = int(text) if re.fullmatch(_INT_TEXT, text) else None
    elif isinstance(value, numbers.Integral):
        number = int(value)
    elif isinstance(value, decimal.Decimal):
        number = int(value) if value.is_finite() and value == value.to_integral_value() else None
    elif isinstance(value, numbers.Real):
        real = float(value)
        number = int(real) if math.isfinite(real) and real.is_integer() else None
    else:
        return None
    return number if number is not None and INT64[0] <= number <= INT64[1] else None


class IntType(ColumnType):
    name = "int"
    description = "a whole number (64 bits)"
    python = int
    arrow = "int64"
    pandas = "Int64"
    polars = "Int64"
    message = "must be a whole number that fits 64 bits"
    table_schema_type = "integer"
    croissant = "sc:Integer"
    sqlite = "INTEGER"
    duckdb = "BIGINT"
    graphml = "long"
    misfits: ClassVar[tuple[Any, ...]] = ("twelve", "12abc", 1.5, True, "1.5")

    def convert(self, value: Any) -> Any:
        whole = _whole(value)
        return BAD if whole is None else whole

    def from_text(self, text: pa.Array, *, csv: bool) -> Parsed:
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        trimmed = _trimmed(text)
        looks = flags(pc.match_substring_regex(trimmed, _INT_TEXT))
        long = flags(pc.greater(pc.utf8_length(trimmed), 18)) & looks  # may not fit 64 bits: checked exactly
        unsigned = pc.replace_substring_regex(trimmed, r"^\+", "")  # Arrow reads no plus sign
        short = pc.if_else(pa.array(looks & ~long), unsigned, pa.scalar(None, pa.string()))
        values = pc.cast(short, pa.int64())
        if long.any():
            exact = [_whole(v) for v in trimmed.filter(pa.array(long)).to_pylist()]
            positions = np.flatnonzero(long)
            fits = np.array([v is not None for v in exact])
            looks[positions[~fits]] = False
            values = _put(values, positions[fits], [v for v in exact if v is not None], pa.int64())
        present = flags(text.is_valid())
        return Parsed(values, present & ~looks)

    def from_arrow(self, array: pa.Array) -> Parsed:
        import pyarrow as pa
        import pyarrow.compute as pc

        kind = array.type
        present = flags(array.is_valid())
        if pa.types.is_signed_integer(kind):
            return Parsed(array.cast(pa.int64()), present & False)
        if pa.types.is_unsigned_integer(kind):
            big = flags(pc.greater(array, INT64[1]))
            kept = pc.if_else(pa.array(big), pa.scalar(None, kind), array)
            return Parsed(kept.cast(pa.int64()), big)
        if pa.types.is_floating(kind):
            nan = flags(pc.is_nan(array))
            whole = flags(pc.equal(pc.floor(array), array)) & flags(pc.less(pc.abs(array), 2.0**63))
            bad = present & ~nan & ~whole
            kept = pc.if_else(pa.array(whole & ~nan), array, pa.scalar(None, kind))
            return Parsed(kept.cast(pa.int64()), bad)
        if pa.types.is_decimal(kind):
            return _from_objects(self, array.to_pylist())
        return _all_bad(array, self.arrow_type())

    def strategy(self, col: ColumnSpec, prefixes: Mapping[str, str]) -> SearchStrategy[Any]:
        from hypothesis import strategies as st

        low = int(col.minimum) if col.minimum is not None else -(2**40)
        high = int(col.maximum) if col.maximum is not None else 2**40
        return st.integers(low, high)


def _put(values: pa.Array, positions: Any, items: list[Any], kind: pa.DataType) -> pa.Array:
    """``values`` with ``items`` at ``positions``."""
    import pyarrow as pa

    as_list = values.to_pylist()
    for position, item in zip(positions, items, strict=True):
        as_list[int(position)] = item
    return pa.array(as_list, type=kind)


class FloatType(ColumnType):
    name = "float"
    description = "a finite number"
    python = float
    arrow = "float64"
    # NaN, not NA, for a missing number: a comparison is then a plain boolean mask
    pandas = "float64"
    polars = "Float64"
    message = "must be a finite number"
    table_schema_type = "number"
    croissant = "sc:Float"
    sqlite = "REAL"
    duckdb = "DOUBLE"
    graphml = "double"
    misfits: ClassVar[tuple[Any, ...]] = ("abc", "1,5", True, "inf")

    def to_text(self, value: Any) -> str:
        return repr(float(value))

    def convert(self, value: Any) -> Any:
        if isinstance(value, bool) or type(value).__name__ == "bool_":
            return BAD
        if isinstance(value, str):
            text = value.strip()
            number = float(text) if re.fullmatch(_FLOAT_TEXT, text) else math.inf
        elif isinstance(value, (numbers.Real, decimal.Decimal)):
            number = float(value)
        else:
            return BAD
        return number if math.isfinite(number) else BAD

    def from_text(self, text: pa.Array, *, csv: bool) -> Parsed:
        import pyarrow as pa
        import pyarrow.compute as pc

        trimmed = _trimmed(text)
        looks = flags(pc.match_substring_regex(trimmed, _FLOAT_TEXT))
        candidates = pc.if_else(pa.array(looks), trimmed, pa.scalar(None, pa.string()))
        numbers_ = pc.cast(candidates, pa.float64())
        finite = flags(pc.is_finite(numbers_))
        values = pc.if_else(pa.array(finite), numbers_, pa.scalar(None, pa.float64()))
        return Parsed(values, flags(text.is_valid()) & ~finite)

    def from_arrow(self, array: pa.Array) -> Parsed:
        import pyarrow as pa
        import pyarrow.compute as pc

        kind = array.type
        if not (pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind)):
            return _all_bad(array, self.arrow_type())
        values = array.cast(pa.float64())
        nan = flags(pc.is_nan(values))  # a NaN is pandas' missing value
        finite = flags(pc.is_finite(values))
        kept = pc.if_else(pa.array(finite), values, pa.scalar(None, pa.float64()))
        return Parsed(kept, flags(values.is_valid()) & ~finite & ~nan)

    def strategy(self, col: ColumnSpec, prefixes: Mapping[str, str]) -> SearchStrategy[Any]:
        from hypothesis import strategies as st

        low = col.minimum if col.minimum is not None else -1e6
        high = col.maximum if col.maximum is not None else 1e6
        return st.floats(low, high, allow_nan=False)


class BoolType(ColumnType):
    name = "bool"
    description = "true or false"
    python = bool
    arrow = "bool_"
    pandas = "boolean"
    polars = "Boolean"
    message = "must be true or false"
    table_schema_type = "boolean"
    croissant = "sc:Boolean"
    sqlite = "INTEGER"
    duckdb = "BOOLEAN"
    graphml = "boolean"
    misfits: ClassVar[tuple[Any, ...]] = ("maybe", 2, 1.0)

    def sqlite_checks(self, quoted: str) -> list[str]:
        return [f"{quoted} IN (0, 1)"]

    def to_text(self, value: Any) -> str:
        return "true" if value else "false"

    def to_sqlite(self, value: Any) -> Any:
        return int(value)

    def convert(self, value: Any) -> Any:
        if isinstance(value, bool) or type(value).__name__ == "bool_":
            return bool(value)
        if isinstance(value, str):
            lowered = value.strip().lower()
            return True if lowered in _TRUE else False if lowered in _FALSE else BAD
        return BAD

    def from_text(self, text: pa.Array, *, csv: bool) -> Parsed:
        import pyarrow as pa
        import pyarrow.compute as pc

        lowered = pc.utf8_lower(_trimmed(text))
        true = flags(pc.is_in(lowered, pa.array(_TRUE)))
        false = flags(pc.is_in(lowered, pa.array(_FALSE)))
        values = pc.if_else(pa.array(true | false), pa.array(true), pa.scalar(None, pa.bool_()))
        return Parsed(values, flags(text.is_valid()) & ~(true | false))

    def from_arrow(self, array: pa.Array) -> Parsed:
        import numpy as np
        import pyarrow as pa

        if pa.types.is_boolean(array.type):
            return Parsed(array, np.zeros(len(array), dtype=bool))
        return _all_bad(array, self.arrow_type())

    def strategy(self, col: ColumnSpec, prefixes: Mapping[str, str]) -> SearchStrategy[Any]:
        from hypothesis import strategies as st

        return st.booleans()


def _date_text(text: str) -> datetime.date | None:
    """A ``YYYY-MM-DD`` text (blanks around it allowed) as a real day in :data:`YEARS`, or None."""
    text = text.strip()
    if not re.fullmatch(_DATE_TEXT, text):
        return None
    try:
        day = datetime.date.fromisoformat(text)
    except ValueError:
        return None
    return day if YEARS[0] <= day.year <= YEARS[1] else None


class DateType(ColumnType):
    name = "date"
    description = f"a calendar day, in the years {YEARS[0]}-{YEARS[1]}"
    python = datetime.date
    arrow = "date32"
    pandas = "datetime64[ns]"
    polars = "Date"
    message = f"must be a real day (YYYY-MM-DD, no time of day) in the years {YEARS[0]}-{YEARS[1]}"
    table_schema_type = "date"
    croissant = "sc:Date"
    sqlite = "TEXT"
    duckdb = "DATE"
    misfits: ClassVar[tuple[Any, ...]] = (
        20070101,
        1.5,
        "2007-02-30",
        "2007-13-01",
        "2007-00-10",
        "1066-01-01",
        "2300-01-01",
        "2007-1-1",
        "01/02/2007",
    )

    def to_text(self, value: Any) -> str:
        return str(value.isoformat())

    def to_json(self, value: Any) -> Any:
        return value.isoformat()

    def to_sqlite(self, value: Any) -> Any:
        return value.isoformat()

    def convert(self, value: Any) -> Any:
        if isinstance(value, str):
            day = _date_text(value)
        elif isinstance(value, datetime.datetime):
            day = value.date() if value.time() == datetime.time(0) else None
        elif isinstance(value, datetime.date):
            day = value
        elif type(value).__name__ == "datetime64":
            whole = value.astype("datetime64[D]")
            day = _date_text(str(whole)) if whole == value else None
        else:
            day = None
        if day is None or not YEARS[0] <= day.year <= YEARS[1]:
            return BAD
        return day

    def from_text(self, text: pa.Array, *, csv: bool) -> Parsed:
        import pyarrow as pa
        import pyarrow.compute as pc

        # A column holds few distinct days (a few hundred thousand at most): read each once.
        encoded = text.dictionary_encode()
        distinct = _trimmed(encoded.dictionary)
        stamps = pc.strptime(distinct, format="%Y-%m-%d", unit="s", error_is_null=True)
        exact = pc.and_kleene(pc.match_substring_regex(distinct, _DATE_TEXT), pc.equal(pc.strftime(stamps, format="%Y-%m-%d"), distinct))
        year = pc.year(stamps)
        fine = pc.and_kleene(exact, pc.and_kleene(pc.greater_equal(year, YEARS[0]), pc.less_equal(year, YEARS[1])))
        days = pc.if_else(pc.fill_null(fine, False), stamps, pa.scalar(None, stamps.type)).cast(pa.date32())
        ok = flags(pc.take(fine, encoded.indices))
        return Parsed(pc.take(days, encoded.indices), flags(text.is_valid()) & ~ok)

    def from_arrow(self, array: pa.Array) -> Parsed:
        import pyarrow as pa
        import pyarrow.compute as pc

        kind = array.type
        if pa.types.is_timestamp(kind):
            if kind.tz is not None:
                array = pc.local_timestamp(array)  # the day where the time was recorded
            per_day = {"s": 86_400, "ms": 86_400_000, "us": 86_400_000_000, "ns": 86_400_000_000_000}[kind.unit]
        elif pa.types.is_date(kind):
            array, per_day = array.cast(pa.date32()), 1
        else:
            return _all_bad(array, self.arrow_type())
        # Whole days since 1970 in the years allowed, read as numbers: no date arithmetic per value.
        ticks = pc.fill_null(array.cast(pa.int64() if per_day > 1 else pa.int32()), 0).to_numpy()
        first = (datetime.date(YEARS[0], 1, 1) - datetime.date(1970, 1, 1)).days * per_day
        last = (datetime.date(YEARS[1], 12, 31) - datetime.date(1970, 1, 1)).days * per_day
        present = flags(array.is_valid())
        ok = present & (ticks % per_day == 0) & (ticks >= first) & (ticks <= last)
        kept = array if ok.all() else pc.if_else(pa.array(ok), array, pa.scalar(None, array.type))
        return Parsed(kept.cast(pa.date32()), present & ~ok)

    def strategy(self, col: ColumnSpec, prefixes: Mapping[str, str]) -> SearchStrategy[Any]:
        from hypothesis import strategies as st

        return st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 1, 1))


def _text_list(text: str, *, csv: bool) -> Any:
    """A list cell written as text: a JSON array of strings, or (in CSV) values joined with ``;``.

    A Python list of strings, as pandas' ``to_csv`` writes a list cell (``['a', 'b']``), is read too.
    """
    stripped = text.strip()
    if stripped.startswith("["):
        try:
            values = json.loads(stripped)
        except ValueError:
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
            return _all_bad(array, self.arrow_type())
        if not (is_text_type(kind.value_type) or pa.types.is_null(kind.value_type)):
            if len(pc.list_flatten(array)) == 0:
                return Parsed(array.cast(self.arrow_type()), np.zeros(len(array), dtype=bool))  # only empty lists
            return _all_bad(array, self.arrow_type())
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

        items = id_strategy(prefixes[col.references]) if col.references is not None else _text_strategy(col)
        return st.lists(items, max_size=3)


# --------------------------------------------------------------------------
# EDTF: the dates the codebook writes
# --------------------------------------------------------------------------

_YEAR = "(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
_LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
_MONTH_DAY = "(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))"
_DAY = f"(?:{_YEAR}-{_MONTH_DAY}|{_LEAP_YEAR}-02-29)"
_MONTH = f"{_YEAR}-(?:0[1-9]|1[0-2])"
_DECADE = "(?:[1-9][0-9]{2}|0[1-9][0-9]|00[1-9])X"
_EDTF_DATE = f"(?:{_DAY}|{_MONTH}|{_YEAR}|{_DECADE})"
#: The EDTF strings this dataset writes: a day, a month, a year or a decade (``198X``), or an
#: interval of two of them joined by ``/``, either end of which may be open (``..``). Only real
#: days match, so a string matches exactly when :func:`edtf_bounds` can read it.
EDTF_PATTERN = rf"^(?:{_EDTF_DATE}|{_EDTF_DATE}/{_EDTF_DATE}|\.\./{_EDTF_DATE}|{_EDTF_DATE}/\.\.)$"
#: The precision of each form of an EDTF date, named as in the ``date_precision`` vocabulary.
EDTF_PRECISIONS = {
    "day": r"[0-9]{4}-[0-9]{2}-[0-9]{2}",
    "month": r"[0-9]{4}-[0-9]{2}",
    "year": r"[0-9]{4}",
    "decade": r"[0-9]{3}X",
}


@cache
def _edtf() -> re.Pattern[str]:
    return re.compile(EDTF_PATTERN)  # compiled on first use: it is long, and most imports never need it


def _unit(text: str) -> tuple[datetime.date, datetime.date]:
    """First and last day of one EDTF date: 1999, 198X (a decade), 2004-04 or 2006-01-24."""
    if text.endswith("X"):
        return datetime.date(int(text[:3] + "0"), 1, 1), datetime.date(int(text[:3] + "9"), 12, 31)
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        day = datetime.date(*parts)
        return day, day
    if len(parts) == 2:
        import calendar

        year, month = parts
        return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])
    return datetime.date(parts[0], 1, 1), datetime.date(parts[0], 12, 31)


def edtf_bounds(text: str) -> tuple[datetime.date | None, datetime.date | None]:
    """The first and last day an EDTF date or interval spans; None for an open end (``..``).

    Raises ``ValueError`` for a string that is not one of the forms of :data:`EDTF_PATTERN`.

    Examples
    --------
    >>> edtf_bounds("198X/199X")
    (datetime.date(1980, 1, 1), datetime.date(1999, 12, 31))
    >>> edtf_bounds("2005/..")
    (datetime.date(2005, 1, 1), None)
    """
    if not _edtf().fullmatch(text):
        raise ValueError(f"not an EDTF date or interval of this dataset: {text!r}")
    first, _, last = text.partition("/") if "/" in text else (text, "", text)
    return (None if first == ".." else _unit(first)[0]), (None if last == ".." else _unit(last)[1])


def edtf_precision(text: str) -> str | None:
    """The precision of the first date of an EDTF string (``day``, ``month``, ``year``, ``decade``); None if it is open.

    Examples
    --------
    >>> edtf_precision("2003-06/2007"), edtf_precision("../2007")
    ('month', None)
    """
    first = text.partition("/")[0]
    return next((name for name, shape in EDTF_PRECISIONS.items() if re.fullmatch(shape, first)), None)


class EdtfType(_Text):
    name = "edtf"
    description = "an EDTF date or interval: 2004-04-02, 2004-04, 2004, 198X, joined by / with .. for an open end"
    message = "must be an EDTF date or interval: YYYY-MM-DD, YYYY-MM, YYYY or YYYX, or two of them joined by / (.. for an open end)"
    misfits: ClassVar[tuple[Any, ...]] = (2004, "--", "April 2004", "2007-02-30", "2004/2005/2006")

    def python_type(self, col: ColumnSpec) -> Any:
        from typing import Annotated

        from pydantic import StringConstraints

        return Annotated[str, StringConstraints(pattern=EDTF_PATTERN)]

    def table_schema_constraints(self) -> dict[str, Any]:
        return {"pattern": EDTF_PATTERN[1:-1]}

    def pandera_checks(self) -> list[Any]:
        import pandera.pandas as pandera

        return [pandera.Check.str_matches(EDTF_PATTERN, name="type", error=self.message)]

    def convert(self, value: Any) -> Any:
        return value if isinstance(value, str) and _edtf().fullmatch(value) else BAD

    def from_text(self, text: pa.Array, *, csv: bool) -> Parsed:
        import pyarrow as pa
        import pyarrow.compute as pc

        # Few distinct strings: check each once, and keep them encoded for the rules that read them.
        encoded = text.dictionary_encode()
        fine = pc.match_substring_regex(encoded.dictionary, EDTF_PATTERN)
        ok = flags(pc.take(fine, encoded.indices))
        values = pa.DictionaryArray.from_arrays(pc.if_else(pa.array(ok), encoded.indices, pa.scalar(None, pa.int32())), encoded.dictionary)
        return Parsed(values, flags(text.is_valid()) & ~ok)

    def strategy(self, col: ColumnSpec, prefixes: Mapping[str, str]) -> SearchStrategy[Any]:
        from hypothesis import strategies as st

        days = st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 1, 1))
        one = st.one_of(
            days.map(datetime.date.isoformat),
            days.map(lambda d: d.isoformat()[:7]),
            days.map(lambda d: d.isoformat()[:4]),
            days.map(lambda d: d.isoformat()[:3] + "X"),
        )
        ordered = st.tuples(one, one).map(lambda pair: "/".join(sorted(pair, key=lambda t: _unit(t)[0])))
        return st.one_of(one, ordered, one.map(lambda t: f"{t}/.."), one.map(lambda t: f"../{t}"))


#: Every column type, by the name a declaration gives it.
COLUMN_TYPES: dict[str, ColumnType] = {
    t.name: t for t in (IdType(), StringType(), CategoryType(), IntType(), FloatType(), BoolType(), DateType(), ListType(), EdtfType())
}
