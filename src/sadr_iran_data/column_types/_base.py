"""The base of every column type, and the helpers they share: missing values, masks, plain Arrow arrays, parsing."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
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
TRUE, FALSE = ("true", "1", "yes"), ("false", "0", "no")
INT_TEXT = r"^[+-]?[0-9]+$"
FLOAT_TEXT = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"
DATE_TEXT = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


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


def trimmed(text: pa.Array) -> pa.Array:
    import pyarrow.compute as pc

    return pc.utf8_trim_whitespace(text)


def all_bad(values: pa.Array, kind: pa.DataType) -> Parsed:
    """Every present value is of the wrong type."""
    import pyarrow as pa

    return Parsed(pa.nulls(len(values), kind), flags(values.is_valid()))


def from_objects(column_type: ColumnType, values: Sequence[object]) -> Parsed:
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
    #: How a Stata variable holds the type: ``text`` (str; missing is ""), ``integer`` (a whole number, checked against
    #: Stata's range), ``float`` (double) or ``date`` (a ``%td`` date).
    stata: ClassVar[str] = "text"
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

    def to_stata(self, value: Any, col: ColumnSpec) -> Any:
        """A value (None for missing) as a Stata variable of the type's :attr:`stata` kind holds it: "" for missing text."""
        if value is None:
            return "" if self.stata == "text" else None
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
            return from_objects(self, values)
        array = plain_array(values)
        if pa.types.is_null(array.type):
            return Parsed(pa.nulls(len(array), self.arrow_type()), flags(array.is_valid()))
        if is_text_type(array.type):
            return self.from_text(array, csv=csv)
        return self.from_arrow(array)

    def from_text(self, text: pa.Array, *, csv: bool) -> Parsed:
        """Arrow text parsed as the type's text form."""
        return all_bad(text, self.arrow_type())

    def from_arrow(self, array: pa.Array) -> Parsed:
        """An Arrow array of another type than text, converted where it holds the type's values."""
        return all_bad(array, self.arrow_type())

    # ---- generating values -----------------------------------------------------

    def strategy(self, col: ColumnSpec, prefixes: Mapping[str, str]) -> SearchStrategy[Any]:
        """A hypothesis strategy of valid values of ``col`` (needs hypothesis).

        ``prefixes`` maps each table to the prefix of its ids, for key columns.
        """
        raise NotImplementedError


def text_strategy(col: ColumnSpec) -> SearchStrategy[str]:
    import string
    import unicodedata

    from hypothesis import strategies as st

    if col.pattern is not None:
        # A pattern that leaves the rest open (^https?://) lets any character follow; every text must be NFC.
        pattern = re.compile(col.pattern.replace("^", r"\A").replace("$", r"\Z"))
        return st.from_regex(pattern).filter(lambda text: unicodedata.is_normalized("NFC", text))
    return st.text(alphabet=string.ascii_letters + string.digits + " -’", min_size=1, max_size=30).map(str.strip).filter(bool)


def id_pattern(prefix: str) -> str:
    """The pattern of a primary key's ids: the table's prefix, a dash, a letter or digit, then letters, digits and dashes."""
    return rf"^{prefix}-[a-z0-9][a-z0-9\-]*$"


#: The letters and digits an id's part after its prefix is written in (with dashes after the first).
_ID_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789"


def id_strategy(prefix: str, max_length: int | None = 12) -> SearchStrategy[str]:
    """Ids of a table with ``prefix`` as the declarations write them (:func:`id_pattern`), at most ``max_length`` after the first.

    Drawn character by character: the same strings as ``st.from_regex`` of the
    pattern, which hypothesis draws several times more slowly.
    """
    from hypothesis import strategies as st

    rest = st.text(_ID_CHARACTERS + "-", max_size=max_length)
    return st.builds(lambda first, then: f"{prefix}-{first}{then}", st.sampled_from(_ID_CHARACTERS), rest)


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


#: What ``pandas.api.types.infer_dtype`` says of Python objects that Arrow reads as one type without converting any.
_ONE_KIND = ("string", "empty", "integer", "floating", "mixed-integer-float", "boolean", "datetime", "date")


def pandas_column(series: Any) -> Any:
    """A pandas column as Arrow, or as its Python objects when Arrow cannot hold it as one type.

    Objects of several kinds stay Python objects: Arrow would convert some of
    them quietly (a whole number beside dates, read as nanoseconds).
    """
    import numpy as np
    import pyarrow as pa
    from pandas.api.types import infer_dtype

    if isinstance(series.dtype, np.dtype) and series.dtype.kind == "O" and infer_dtype(series, skipna=True) not in _ONE_KIND:
        return series.tolist()
    try:
        return pa.array(series, from_pandas=True)
    except (pa.ArrowException, OverflowError, TypeError, ValueError):
        return series.astype(object).tolist()
