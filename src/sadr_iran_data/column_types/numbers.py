"""Number and boolean column types: whole numbers (64-bit), floats and booleans."""

from __future__ import annotations

import decimal
import math
import numbers
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pyarrow as pa
    from hypothesis.strategies import SearchStrategy

    #: True or False for each row of a column.
    Mask = npt.NDArray[np.bool_]
from ._base import BAD, FALSE, FLOAT_TEXT, INT64, INT_TEXT, TRUE, ColumnSpec, ColumnType, Parsed, all_bad, flags, from_objects, trimmed


def _whole(value: Any) -> int | None:
    """``value`` as a 64-bit whole number, or None if it is not one (text, fractions and out-of-range values are not)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip()
        number = int(text) if re.fullmatch(INT_TEXT, text) else None
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
    stata = "integer"
    misfits: ClassVar[tuple[Any, ...]] = ("twelve", "12abc", 1.5, True, "1.5")

    def convert(self, value: Any) -> Any:
        whole = _whole(value)
        return BAD if whole is None else whole

    def from_text(self, text: pa.Array, *, csv: bool) -> Parsed:
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        stripped = trimmed(text)
        looks = flags(pc.match_substring_regex(stripped, INT_TEXT))
        long = flags(pc.greater(pc.utf8_length(stripped), 18)) & looks  # may not fit 64 bits: checked exactly
        unsigned = pc.replace_substring_regex(stripped, r"^\+", "")  # Arrow reads no plus sign
        short = pc.if_else(pa.array(looks & ~long), unsigned, pa.scalar(None, pa.string()))
        values = pc.cast(short, pa.int64())
        if long.any():
            exact = [_whole(v) for v in stripped.filter(pa.array(long)).to_pylist()]
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
            return from_objects(self, array.to_pylist())
        return all_bad(array, self.arrow_type())

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
    stata = "float"
    misfits: ClassVar[tuple[Any, ...]] = ("abc", "1,5", True, "inf")

    def to_text(self, value: Any) -> str:
        return repr(float(value))

    def convert(self, value: Any) -> Any:
        if isinstance(value, bool) or type(value).__name__ == "bool_":
            return BAD
        if isinstance(value, str):
            text = value.strip()
            number = float(text) if re.fullmatch(FLOAT_TEXT, text) else math.inf
        elif isinstance(value, (numbers.Real, decimal.Decimal)):
            number = float(value)
        else:
            return BAD
        return number if math.isfinite(number) else BAD

    def from_text(self, text: pa.Array, *, csv: bool) -> Parsed:
        import pyarrow as pa
        import pyarrow.compute as pc

        stripped = trimmed(text)
        looks = flags(pc.match_substring_regex(stripped, FLOAT_TEXT))
        candidates = pc.if_else(pa.array(looks), stripped, pa.scalar(None, pa.string()))
        numbers_ = pc.cast(candidates, pa.float64())
        finite = flags(pc.is_finite(numbers_))
        values = pc.if_else(pa.array(finite), numbers_, pa.scalar(None, pa.float64()))
        return Parsed(values, flags(text.is_valid()) & ~finite)

    def from_arrow(self, array: pa.Array) -> Parsed:
        import pyarrow as pa
        import pyarrow.compute as pc

        kind = array.type
        if not (pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind)):
            return all_bad(array, self.arrow_type())
        # a whole number beyond 2**53 is a number all the same, rounded to the nearest double as its text form would be
        values = array.cast(pa.float64(), safe=False)
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
    stata = "integer"
    misfits: ClassVar[tuple[Any, ...]] = ("maybe", 2, 1.0)

    def sqlite_checks(self, quoted: str) -> list[str]:
        return [f"{quoted} IN (0, 1)"]

    def to_text(self, value: Any) -> str:
        return "true" if value else "false"

    def to_sqlite(self, value: Any) -> Any:
        return int(value)

    def to_stata(self, value: Any, col: ColumnSpec) -> Any:
        """True as 1, False as 0 (Stata has no boolean)."""
        return None if value is None else int(value)

    def convert(self, value: Any) -> Any:
        if isinstance(value, bool) or type(value).__name__ == "bool_":
            return bool(value)
        if isinstance(value, str):
            lowered = value.strip().lower()
            return True if lowered in TRUE else False if lowered in FALSE else BAD
        return BAD

    def from_text(self, text: pa.Array, *, csv: bool) -> Parsed:
        import pyarrow as pa
        import pyarrow.compute as pc

        lowered = pc.utf8_lower(trimmed(text))
        true = flags(pc.is_in(lowered, pa.array(TRUE)))
        false = flags(pc.is_in(lowered, pa.array(FALSE)))
        values = pc.if_else(pa.array(true | false), pa.array(true), pa.scalar(None, pa.bool_()))
        return Parsed(values, flags(text.is_valid()) & ~(true | false))

    def from_arrow(self, array: pa.Array) -> Parsed:
        import numpy as np
        import pyarrow as pa

        if pa.types.is_boolean(array.type):
            return Parsed(array, np.zeros(len(array), dtype=bool))
        return all_bad(array, self.arrow_type())

    def strategy(self, col: ColumnSpec, prefixes: Mapping[str, str]) -> SearchStrategy[Any]:
        from hypothesis import strategies as st

        return st.booleans()
