"""What the rule kinds share: typed columns as plain Arrow values, one record's cells, SQL literals."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..column_types import flags, plain_array

if TYPE_CHECKING:
    import pyarrow as pa

    from ..column_types import Mask

#: One record: column name -> value.
Row = Mapping[str, Any]


def number(value: float) -> int | float:
    """``1.0`` -> ``1``, so integral bounds print as integers."""
    return int(value) if float(value).is_integer() else value


def sql_literal(value: Any) -> str:
    """A number as it is, anything else as a quoted SQL string."""
    return str(value) if isinstance(value, int | float) else "'" + str(value).replace("'", "''") + "'"


def comparable(array: Any) -> pa.Array:
    """A typed column as plain Arrow values: dictionaries decoded, timestamps as days."""
    import pyarrow as pa

    array = plain_array(array)
    if pa.types.is_timestamp(array.type):
        return array.cast(pa.date32(), safe=False)
    return array


def cells(row: Row, columns: tuple[str, ...]) -> list[Any]:
    """The values of ``columns`` in one record (None for a missing key)."""
    return [row.get(c) for c in columns]


def valid(array: pa.Array) -> Mask:
    return flags(array.is_valid())
