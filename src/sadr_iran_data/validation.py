"""Validate a table — shipped, or your own — against its declaration.

Every failure names the table, the column, the row (its id where it has one,
and its number ``row N`` counted from 0 in the data, header excluded), the
rule it breaks and the offending value. All failures are collected, not just
the first; the caller's data is never changed.

The policy, in full in ``docs/validating.md``:

- **Columns**: every declared column must be present (``missing_column``); a
  column the table does not declare is a failure (``unknown_column``) unless
  ``extra_columns="ignore"``; a name given twice is ``duplicate_column``.
  Column order does not matter.
- **Types are strict**: a value must have its column's type or be its text
  form (``"12"``, ``"2007-03-08"``, ``"true"``). A number is never read as
  text or as a date, a fraction never as an integer, a date must be a real day
  at midnight (no ``2007-02-30``), and blank text is no value.
- **Files**: ``.csv`` (UTF-8, with or without a byte-order mark) or
  ``.parquet`` (read as stored, without its pandas metadata). An empty file, a
  directory, binary junk or another encoding is an
  :class:`~sadr_iran_data.errors.InputError` that says so. A polars or Arrow
  table may be given instead of a pandas DataFrame.

>>> import sadr_iran_data as sid
>>> sid.validate("events").ok
True
>>> bad = sid.load_events().head(2).astype({"certainty": "string"})
>>> bad.loc[0, "certainty"] = "definitely"
>>> print(sid.validate(bad, table="events", references=False).failures[0])  # doctest: +ELLIPSIS
events.certainty [evt-..., row 0]: not in the certainty vocabulary (value: 'definitely') (rule: vocabulary)
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .declarations import TABLES, Column, Table, get_table
from .errors import InputError, SchemaValidationError

if TYPE_CHECKING:
    import pandas as pd

# pandera's names for its built-in checks -> (our rule name, message)
_PANDERA_RULES = {
    "not_nullable": ("required", "a value is required"),
    "field_uniqueness": ("unique", "duplicate primary key"),
    "column_in_schema": ("unknown_column", "column is not in the table's declaration"),
    "column_in_dataframe": ("missing_column", "column is missing"),
}


@dataclass(frozen=True)
class ValidationFailure:
    """One broken rule: where (table, column, row) and which rule.

    ``row`` is the row's id where it has a usable one, ``row N`` otherwise, or
    ``table`` for a failure of the whole table (a missing column);
    ``row_number`` is N, the row's position from 0 (``df.iloc[N]``).
    """

    table: str
    column: str | None
    row: str
    rule: str
    message: str
    value: Any = None
    row_number: int | None = None

    def __str__(self) -> str:
        column = self.column
        if column is not None and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", column):
            column = repr(column)  # an empty, blank or odd name stays visible
        where = self.table if column is None else f"{self.table}.{column}"
        row = self.row
        if self.row_number is not None and row != f"row {self.row_number}":
            row = f"{row}, row {self.row_number}"
        shown = "" if self.value is None else f" (value: {self.value!r})"
        return f"{where} [{row}]: {self.message}{shown} (rule: {self.rule})"


@dataclass(frozen=True)
class ValidationReport:
    """What :func:`validate` found: ``ok`` is True when ``failures`` is empty."""

    table: str
    rows: int
    failures: tuple[ValidationFailure, ...]
    source: str | None = None
    """The file validated, if it was a file."""

    @property
    def ok(self) -> bool:
        return not self.failures

    def raise_for_errors(self) -> ValidationReport:
        """Raise :class:`SchemaValidationError` listing every failure, if any."""
        if self.failures:
            raise SchemaValidationError(self.failures)
        return self

    def counts(self) -> dict[tuple[str | None, str], int]:
        """How many failures each (column, rule) has, most frequent first."""
        tally: dict[tuple[str | None, str], int] = {}
        for f in self.failures:
            tally[f.column, f.rule] = tally.get((f.column, f.rule), 0) + 1
        return dict(sorted(tally.items(), key=lambda item: -item[1]))

    def to_frame(self) -> pd.DataFrame:
        """The failures as a DataFrame: table, column, row, row_number, rule, message, value."""
        import pandas as pd

        columns = ["table", "column", "row", "row_number", "rule", "message", "value"]
        frame = pd.DataFrame([[getattr(f, c) for c in columns] for f in self.failures], columns=columns)
        return frame.astype({"row_number": "Int64"})

    def heading(self) -> str:
        """One line: what was checked and the outcome."""
        what = f"{self.source} ({self.table})" if self.source else self.table
        outcome = "valid" if self.ok else f"{len(self.failures)} failure(s)"
        return f"{what}: {self.rows} rows, {outcome}"

    def __str__(self) -> str:
        return "\n".join([self.heading(), *(f"  {f}" for f in self.failures)])


def _row_label(df: pd.DataFrame, table: Table, index: Any) -> str:
    pk = table.primary_key
    if pk in df.columns and index in df.index:
        value = df.at[index, pk]
        if isinstance(value, str) and value:
            return value
    return f"row {index}"


def _failure(
    df: pd.DataFrame, table: Table, column: str | None, index: Any, *, rule: str, message: str, value: Any = None
) -> ValidationFailure:
    """A failure at row ``index`` of ``df`` (a frame indexed 0..n-1)."""
    number = int(index)  # pandera may hand back a float index
    return ValidationFailure(table.name, column, _row_label(df, table, number), rule, message, value, number)


def _scalar_missing(value: Any) -> bool:
    import pandas as pd

    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


# --------------------------------------------------------------------------
# Reading a user's file
# --------------------------------------------------------------------------

_UTF8_BOM = b"\xef\xbb\xbf"
_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)


def _bool_cell(cell: str) -> Any:
    lowered = cell.strip().lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no"):
        return False
    return cell  # left as text so the type check reports it


def _check_text(path: Path, data: bytes) -> None:
    """Raise :class:`InputError` if ``data`` is not UTF-8 CSV text with a header row."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            raise InputError(f"{path.name} is encoded as {encoding}; save it as UTF-8 CSV")
    if b"\0" in data[:65536]:
        raise InputError(f"{path.name} is a binary file, or text in UTF-16/UTF-32 without a byte-order mark; save it as UTF-8 CSV")
    if not data.removeprefix(_UTF8_BOM).strip():
        raise InputError(f"{path.name} holds only blank space, no header row")


def _not_utf8(path: Path, data: bytes) -> InputError:
    """The error for a file that is not UTF-8, naming the first byte that cannot be decoded."""
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return InputError(f"{path.name} is not UTF-8: byte 0x{data[exc.start]:02x} on line {line} cannot be decoded; save it as UTF-8 CSV")
    return InputError(f"{path.name} is not UTF-8; save it as UTF-8 CSV")


def _read_csv(path: Path, table: Table) -> pd.DataFrame:
    """Every cell as text (empty cells missing), with list and boolean cells decoded.

    pyarrow's CSV reader refuses a record with the wrong number of fields and
    text that is not UTF-8, and reads a large file without copying it as
    Python text. The header is read as the first record, so a quoted line
    break in a column name is read like one in a value.
    """
    import csv
    import io

    import pandas as pd
    import pyarrow as pa
    import pyarrow.csv as pv

    from ._dtypes import decode_list

    data = path.read_bytes()
    _check_text(path, data)
    if not data.endswith((b"\n", b"\r")):
        data += b"\n"  # a last record without its line end, as a single header line may be
    try:
        records = csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline=""))
        width = next((len(record) for record in records if record), 0)  # Arrow skips empty lines too
    except UnicodeDecodeError:
        raise _not_utf8(path, data) from None
    except csv.Error as exc:
        raise InputError(f"cannot read {path.name} as CSV: {exc}") from None
    slots = [f"f{i}" for i in range(width)]  # the header's names may repeat; Arrow's options are keyed by name
    try:
        arrow = pv.read_csv(
            io.BytesIO(data),
            read_options=pv.ReadOptions(autogenerate_column_names=True, use_threads=False),
            parse_options=pv.ParseOptions(newlines_in_values=True),
            convert_options=pv.ConvertOptions(column_types=dict.fromkeys(slots, pa.string()), null_values=[""], strings_can_be_null=True),
        )
    except pa.ArrowInvalid as exc:
        if "UTF8" in str(exc):
            raise _not_utf8(path, data) from None
        reason = str(exc).strip().splitlines()[0].removeprefix("CSV parse error: ")
        raise InputError(f"cannot read {path.name} as CSV: {reason[:120]}") from None
    del data
    header = ["" if name is None else name for name in arrow.slice(0, 1).to_pylist()[0].values()]  # an empty name reads as null
    df = arrow.slice(1).to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get, use_threads=False)
    df.columns = header  # as written: a repeated name stays repeated, so it is reported
    for col in table.columns:
        if header.count(col.name) == 1 and col.type == "list":
            df[col.name] = df[col.name].astype(object).map(decode_list, na_action="ignore")
    return df


_PANDAS_INDEX = re.compile(r"__index_level_[0-9]+__")  # the index pandas stores beside the columns


def _read_parquet(path: Path) -> pd.DataFrame:
    """The file's columns as they are stored, without the pandas metadata (dtypes, index) it may carry."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    with path.open("rb") as f:
        start = f.read(4)
        f.seek(-4, 2)
        end = f.read(4)
    if start != b"PAR1" or end != b"PAR1":
        raise InputError(f"{path.name} is not a Parquet file (no Parquet marker at its start and end)")
    try:
        arrow = pq.ParquetFile(pa.BufferReader(path.read_bytes())).read(use_threads=False, use_pandas_metadata=False)
        arrow = arrow.drop_columns([n for n in arrow.column_names if _PANDAS_INDEX.fullmatch(n)])
        return _arrow_frame(arrow)
    except (OSError, ValueError, pa.ArrowException) as exc:
        raise InputError(f"cannot read {path.name} as Parquet: {str(exc).strip().splitlines()[0]}") from None


def _arrow_frame(arrow: Any) -> pd.DataFrame:
    """An Arrow table as a DataFrame: the declared types as a loaded table has them, anything else as pandas makes it."""
    from ._dtypes import _types_mapper

    return arrow.to_pandas(types_mapper=_types_mapper(), ignore_metadata=True, date_as_object=False, use_threads=False)


def read_table_file(path: Path, table: Table) -> pd.DataFrame:
    """Read a CSV or Parquet file of ``table`` into a DataFrame for validation.

    Raises :class:`InputError`, saying what is wrong, for a missing or empty
    file, a directory, a file that is not UTF-8 CSV or not Parquet.
    """
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a file")
    if not path.exists():
        raise InputError(f"no such file: {path}")
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise InputError(f"cannot read {path.name}: use a .csv or .parquet file")
    try:
        if path.stat().st_size == 0:
            raise InputError(f"{path.name} is empty")
        return _read_parquet(path) if suffix == ".parquet" else _read_csv(path, table)
    except OSError as exc:
        raise InputError(f"cannot read {path.name}: {exc.strerror or exc}") from None


def _as_frame(obj: Any, table: str | None) -> tuple[pd.DataFrame, Table, str | None]:
    if isinstance(obj, str) and obj in TABLES and not Path(obj).exists():
        from .loaders import load

        return load(obj), get_table(table or obj), None
    if isinstance(obj, (str, Path)):
        path = Path(obj)
        name = table or path.stem
        if name not in TABLES:
            raise InputError(f"cannot tell which table {path.name} holds; pass table= (one of: {', '.join(TABLES)})")
        return read_table_file(path, get_table(name)), get_table(name), path.name
    import pandas as pd

    obj = _as_pandas(obj, "the data")
    if table is None:
        raise InputError(f"pass table= to say which table the DataFrame holds (one of: {', '.join(TABLES)})")
    if isinstance(obj.columns, pd.MultiIndex):
        raise InputError("the DataFrame has several levels of column names; give it one name per column")
    return obj, get_table(table), None


def _as_pandas(obj: Any, what: str) -> pd.DataFrame:
    """A pandas DataFrame from a DataFrame, an Arrow table or a polars DataFrame; InputError otherwise."""
    import pandas as pd

    if isinstance(obj, pd.DataFrame):
        return obj
    module = type(obj).__module__.split(".")[0]
    if module == "pyarrow" and hasattr(obj, "column_names"):
        return _arrow_frame(obj)
    if module == "polars" and hasattr(obj, "to_arrow"):
        return _arrow_frame(obj.to_arrow())
    raise InputError(
        f"cannot validate a {type(obj).__name__} as {what}: pass a DataFrame (pandas, polars or Arrow), a file path or a table name"
    )


# --------------------------------------------------------------------------
# Columns and types, before pandera
# --------------------------------------------------------------------------


def _column_failures(df: pd.DataFrame, table: Table, extra_columns: str) -> tuple[list[ValidationFailure], pd.DataFrame]:
    """Repeated and (unless ignored) unknown columns; returns the frame without them."""
    names = [str(c) for c in df.columns]
    failures, keep, seen = [], [], set()
    for position, name in enumerate(names):
        if name in seen:
            if names.count(name) == 2 or name not in {f.column for f in failures}:
                failures.append(ValidationFailure(table.name, name, "table", "duplicate_column", "column appears more than once"))
            continue
        seen.add(name)
        if name not in table.column_names and extra_columns == "ignore":
            continue
        keep.append(position)
    out = df.iloc[:, keep]
    out.columns = [names[i] for i in keep]
    return failures, out


_TYPE_MESSAGES = {
    "id": "must be text",
    "string": "must be text",
    "category": "must be text",
    "int": "must be a whole number that fits 64 bits",
    "float": "must be a finite number",
    "bool": "must be true or false",
    "date": "must be a real day (YYYY-MM-DD, no time of day) in the years 1678-2261",
    "list": "must be a list of texts, none missing (in CSV: a JSON array of strings)",
}
_INT_TEXT = r"[+-]?[0-9]+"
_DATE_TEXT = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
_TEXT_KINDS = ("id", "string", "category")
_ALL_TEXT = ("string", "empty")  # pandas' names for a column of text only
_INT64 = (-(2**63), 2**63 - 1)
_YEARS = (1678, 2261)  # what datetime64[ns] holds


def _whole(value: Any) -> int | None:
    """``value`` as a 64-bit whole number, or None if it is not one (text, fractions and out-of-range values are not)."""
    import decimal
    import math
    import numbers

    if isinstance(value, str):
        text = value.strip()
        number = int(text) if re.fullmatch(_INT_TEXT, text) else None
    elif isinstance(value, numbers.Integral):
        number = int(value)
    elif isinstance(value, (numbers.Real, decimal.Decimal)):
        number = int(value) if math.isfinite(float(value)) and value == int(value) else None
    else:
        return None
    return number if number is not None and _INT64[0] <= number <= _INT64[1] else None


def _fits(kind: str, value: Any) -> bool:
    """Whether one non-missing value has the declared type, or is its text form."""
    import datetime
    import decimal
    import math
    import numbers

    import numpy as np

    if kind in _TEXT_KINDS:
        return isinstance(value, str)
    if isinstance(value, (bool, np.bool_)):
        return kind == "bool"
    if kind == "bool":
        return isinstance(value, str) and isinstance(_bool_cell(value), bool)
    if kind == "list":
        return isinstance(value, (list, tuple, np.ndarray)) and all(isinstance(v, str) for v in value)
    if kind == "date":
        if isinstance(value, datetime.datetime) and value.time() != datetime.time(0):
            return False
        if isinstance(value, np.datetime64) and value != value.astype("datetime64[D]"):
            return False
        return isinstance(value, (str, datetime.date, np.datetime64)) and _date_text_ok(_date_text(value))
    if kind == "int":
        return _whole(value) is not None
    if isinstance(value, str):
        try:
            return math.isfinite(float(value))
        except ValueError:
            return False
    return isinstance(value, (numbers.Real, decimal.Decimal)) and math.isfinite(float(value))


def _date_text(value: Any) -> str | None:
    """A date-like value as ``YYYY-MM-DD`` text (text is kept, without surrounding blanks); None if missing."""
    if isinstance(value, str) or _scalar_missing(value):
        return value.strip() if isinstance(value, str) else None
    return str(value)[:10] if not hasattr(value, "isoformat") else value.isoformat()[:10]


def _date_text_ok(value: str | None) -> bool:
    import pyarrow as pa

    return _parse_dates(pa.array([value], type=pa.string()))[0].is_valid


def _arrow_text(values: Any) -> Any:
    """Text values as an Arrow string array, missing values null, surrounding blanks removed."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(values, pd.Series) and isinstance(values.dtype, (pd.StringDtype, pd.ArrowDtype)):
        text = pa.array(values.array).cast(pa.string())
    else:
        text = pa.array(pd.Series(values, dtype=object).to_numpy(dtype=object), type=pa.string(), from_pandas=True)
    return pc.utf8_trim_whitespace(text)


def _parse_dates(text: Any) -> Any:
    """Arrow timestamps of the ``YYYY-MM-DD`` texts that are real days datetime64[ns] can hold; null otherwise."""
    import pyarrow as pa
    import pyarrow.compute as pc

    stamps = pc.strptime(text, format="%Y-%m-%d", unit="s", error_is_null=True)
    ok = pc.and_kleene(pc.match_substring_regex(text, f"^{_DATE_TEXT}$"), pc.equal(pc.strftime(stamps, format="%Y-%m-%d"), text))
    year = pc.year(stamps)
    ok = pc.and_kleene(ok, pc.and_kleene(pc.greater_equal(year, _YEARS[0]), pc.less_equal(year, _YEARS[1])))
    return pc.if_else(pc.fill_null(ok, False), stamps, pa.scalar(None, stamps.type))


def _mask(values: pd.Series, array: Any) -> pd.Series:
    import pandas as pd

    return pd.Series(array, index=values.index, dtype=bool)


def _from_text(kind: str, values: pd.Series, present: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Text cells read as ``kind``: (the values that are not its text form, the converted column)."""
    import pandas as pd
    import pyarrow as pa

    if kind == "date":
        stamps = _parse_dates(_arrow_text(values)).cast(pa.timestamp("ns"))
        converted = pd.Series(stamps.to_pandas(use_threads=False), index=values.index, dtype="datetime64[ns]")
        return present & converted.isna(), converted
    if kind == "bool":
        flags = values.astype(object).map(lambda v: _bool_cell(v) if isinstance(v, str) else v)
        bad = present & ~flags.map(lambda v: isinstance(v, bool))
        return bad, flags.where(~bad, None)
    if kind == "int":
        return _as_ints(values, present)
    numbers = pd.to_numeric(values.astype(object).where(present, None), errors="coerce")
    bad = present & ~(numbers.notna() & (numbers.abs() != float("inf")))
    return bad, numbers.where(~bad)


def _as_ints(values: pd.Series, present: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Exact 64-bit whole numbers (from text, numbers or Decimals), never through floats."""
    import pandas as pd

    wholes = [_whole(v) if p else None for v, p in zip(values.astype(object), present, strict=True)]
    bad = present & _mask(values, [w is None for w in wholes])
    return bad, pd.Series(pd.array(wholes, dtype="Int64"), index=values.index)


def _plain(values: pd.Series) -> pd.Series:
    """An Arrow-backed column (``pd.ArrowDtype``) as the plain pandas column it stands for; lists stay Arrow lists."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    if not isinstance(values.dtype, pd.ArrowDtype):
        return values
    arrow = values.dtype.pyarrow_dtype
    if pa.types.is_timestamp(arrow) or pa.types.is_date(arrow):
        array = pa.array(values.array)
        if pa.types.is_timestamp(arrow) and arrow.tz is not None:
            array = pc.local_timestamp(array)
        stamps = array.cast(pa.timestamp("us"))
        return pd.Series(stamps.to_pandas(use_threads=False), index=values.index, dtype="datetime64[us]")
    if pa.types.is_list(arrow) or pa.types.is_large_list(arrow) or pa.types.is_list_view(arrow) or pa.types.is_fixed_size_list(arrow):
        return values
    array = pa.array(values.array)
    if pa.types.is_string_view(arrow) or pa.types.is_large_string(arrow):
        array = array.cast(pa.string())
    return pd.Series(array.to_pylist(), index=values.index, dtype=object)


def _list_misfits(values: pd.Series, present: pd.Series) -> tuple[pd.Series, pd.Series | None]:
    """Arrow list columns: lists of text with no missing element fit; the column is returned as ``list<string>``."""
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    from ._dtypes import pandas_dtype
    from .declarations import Column

    array = pa.array(values.array)
    value_type = array.type.value_type
    if not (pa.types.is_string(value_type) or pa.types.is_large_string(value_type) or pa.types.is_string_view(value_type)):
        return present, values.astype(object).where(~present, None)
    array = array.cast(pa.list_(pa.string()))
    flat = pc.list_flatten(array)
    holes = pc.list_parent_indices(array).filter(pc.is_null(flat)).to_pylist()
    bad = pd.Series(False, index=values.index)
    bad.iloc[sorted(set(holes))] = True
    checked = pd.Series(pd.array(array, dtype=pandas_dtype(Column("list", "list", ""))), index=values.index)
    return bad, checked.where(~bad, None) if bad.any() else checked


def _typed(col: Column, values: pd.Series) -> tuple[pd.Series, pd.Series | None]:
    """(a mask of the values that do not have ``col``'s type, the column to check further or None if unchanged).

    Missing values always fit. Values of the wrong type are blanked in the
    returned column, so that each is reported once; text forms of numbers,
    dates and booleans (as in CSV) are converted. ``values`` has been through
    :func:`_plain`.
    """
    import numpy as np
    import pandas as pd
    from pandas.api import types

    dtype, kind = values.dtype, col.type
    present = values.notna() if kind != "list" else values.map(lambda v: v is not None and not _scalar_missing(v))
    fine = pd.Series(False, index=values.index)
    if isinstance(dtype, pd.CategoricalDtype):
        misfit = [c for c in dtype.categories if not _fits(kind, c)]
        bad = values.isin(misfit) & present if misfit else fine
    elif isinstance(dtype, pd.ArrowDtype):  # a list column, after _plain
        return _list_misfits(values, present) if kind == "list" else (present, values.astype(object).where(~present, None))
    elif types.is_bool_dtype(dtype):
        bad = fine if kind == "bool" else present
    elif types.is_integer_dtype(dtype):
        if kind == "int" and types.is_unsigned_integer_dtype(dtype):
            bad = present & (values.astype("float64") > _INT64[1])
        else:
            bad = fine if kind in ("int", "float") else present
    elif types.is_float_dtype(dtype):
        if kind == "int":
            numbers = values.to_numpy(dtype="float64", na_value=np.nan)
            bad = present & _mask(values, (np.mod(numbers, 1) != 0) | (np.abs(numbers) >= 2.0**63))
            return bad, pd.Series(pd.array(np.where(bad | ~present, 0, numbers).astype("int64"), dtype="Int64"), index=values.index).where(
                present & ~bad, None
            )
        bad = fine if kind == "float" else present
    elif types.is_datetime64_any_dtype(dtype):
        if kind != "date":
            bad = present
        else:
            if getattr(dtype, "tz", None) is not None:
                values = values.dt.tz_localize(None)  # the day where the time was recorded
            year = values.dt.year
            timed = values != values.dt.normalize()
            bad = present & (~year.between(*_YEARS) | timed)
            return bad, values.where(~bad).astype("datetime64[ns]")
    elif isinstance(dtype, pd.StringDtype) or (types.is_object_dtype(dtype) and types.infer_dtype(values, skipna=True) in _ALL_TEXT):
        if kind in _TEXT_KINDS:
            return fine, None
        if kind in ("int", "float", "date", "bool"):
            return _from_text(kind, values, present)
        bad = present
    else:  # mixed Python objects: one by one
        bad = present & ~values.map(lambda v: _scalar_missing(v) or _fits(kind, v))
        if kind == "date":  # each good one is a date or its text: read them all as text
            texts = values.astype(object).where(~bad, None).map(_date_text)
            return bad, _from_text("date", texts, present & ~bad)[1]
        if kind == "int":
            return bad, _as_ints(values.where(~bad, None), present & ~bad)[1]
        if kind in ("float", "bool"):
            return bad, _from_text(kind, values.astype(object).where(~bad, None), present & ~bad)[1]
    return bad, (values.astype(object).where(~bad, None) if bad.any() else None)


def _blank_failures(df: pd.DataFrame, table: Table, col: Column) -> list[ValidationFailure]:
    """Blank text ("", "  ") in a required text column: it is no value."""
    import pandas as pd

    values = df[col.name]  # text only by now: other values were blanked by the type check
    blank = values.astype(pd.StringDtype("pyarrow")).str.strip().eq("").fillna(False).astype(bool)
    return [
        _failure(df, table, col.name, index, rule="required", message="a value is required (blank text is no value)", value=value)
        for index, value in values[blank].items()
    ]


def _type_failures(df: pd.DataFrame, table: Table) -> tuple[list[ValidationFailure], pd.DataFrame]:
    """A failure for every value of the wrong type, and the frame the other checks see (see :func:`_typed`)."""
    failures = []
    for col in table.columns:
        if col.name not in df.columns:
            continue
        original = df[col.name]
        plain = _plain(original)
        bad, checked = _typed(col, plain)
        if bad.any():
            for index, value in plain[bad].items():
                failures.append(_failure(df, table, col.name, index, rule="type", message=_TYPE_MESSAGES[col.type], value=value))
        if checked is not None or plain is not original:  # only a column that changed is put back (each assign copies the frame)
            df = df.assign(**{col.name: plain if checked is None else checked})
        if col.type in _TEXT_KINDS and not col.nullable:
            failures += _blank_failures(df, table, col)
    return failures, df


def _schema_failures(df: pd.DataFrame, table: Table, mistyped: set[tuple[str | None, int | None]]) -> list[ValidationFailure]:
    """pandera's findings, except those about a value already reported as of the wrong type."""
    from pandera.errors import SchemaErrors

    from .schemas import SCHEMAS

    schema = SCHEMAS[table.name]
    try:
        schema.validate(df, lazy=True)
    except SchemaErrors as exc:
        cases = exc.failure_cases
    else:
        return []
    failures: dict[tuple[str, str | None, str], ValidationFailure] = {}
    for case in cases.itertuples(index=False):
        check, number = str(case.check), case.check_number
        index = None if _scalar_missing(case.index) else case.index
        value = None if _scalar_missing(case.failure_case) else case.failure_case
        column = case.column if isinstance(case.column, str) else None
        if case.schema_context == "DataFrameSchema" and not _scalar_missing(number):
            # a row rule: pandera reports every cell of a failing row; report the row once
            rule = table.checks[int(number)]
            if any((c, index) in mistyped for c in rule.columns):
                continue
            name, column, message, value = rule.name, rule.columns[1], rule.description, None
        elif check in _PANDERA_RULES:
            name, message = _PANDERA_RULES[check]
            if name in ("unknown_column", "missing_column"):
                column, value = str(case.failure_case), None
        elif check.startswith(("coerce_dtype", "dtype")):
            name, message = "type", _TYPE_MESSAGES[table.column(column).type] if column in table.column_names else "wrong type"
        else:
            pandera_check = schema.columns[column].checks[int(number)]
            name, message = pandera_check.name, pandera_check.error
        if (column, index) in mistyped:
            continue
        if index is None:
            failure = ValidationFailure(table.name, column, "table", name, message, value)
        else:
            failure = _failure(df, table, column, index, rule=name, message=message, value=value)
        failures.setdefault((failure.rule, failure.column, failure.row, failure.row_number), failure)
    return list(failures.values())


def _reference_failures(df: pd.DataFrame, table: Table, references: Mapping[str, pd.DataFrame] | None) -> list[ValidationFailure]:
    def keys(name: str) -> set[str]:
        if name == table.name:
            frame = df
        elif references is not None and name in references:
            frame = references[name]
        else:
            from .loaders import load

            frame = load(name)
        pk = TABLES[name].primary_key
        return set(frame[pk].dropna().astype(str)) if pk in frame.columns else set()

    if references is not None:
        unknown = sorted(set(map(str, references)) - set(TABLES))
        if unknown:
            raise InputError(f"references name no table {', '.join(map(repr, unknown))}; the tables are: {', '.join(TABLES)}")
        references = {name: _reference_frame(name, frame) for name, frame in references.items()}
    failures = []
    for col in table.columns:
        if col.name not in df.columns:
            continue
        if col.references:
            targets = {col.references: col.name}
        elif col.references_table_in and col.references_table_in in df.columns:
            targets = {str(t): col.name for t in df[col.references_table_in].dropna().unique() if str(t) in TABLES}
        else:
            continue
        for target in targets:
            values = df[col.name]
            if col.references_table_in:
                values = values[df[col.references_table_in].astype(str) == target]
            known = keys(target)
            dangling = values[values.notna() & ~values.astype(str).isin(known)]
            for index, value in dangling.items():
                message = f"refers to no row of {target}"
                failures.append(_failure(df, table, col.name, index, rule="foreign_key", message=message, value=value))
    return failures


def _reference_frame(name: str, frame: Any) -> pd.DataFrame:
    """A table given in ``references``, as a DataFrame with its primary key column; InputError otherwise."""
    frame = _as_pandas(frame, f"references[{name!r}]")
    key = TABLES[name].primary_key
    if list(frame.columns).count(key) != 1:
        raise InputError(f"references[{name!r}] needs exactly one {key!r} column, the key the foreign keys point to")
    return frame


def validate(
    obj: Any,
    table: str | None = None,
    *,
    references: Mapping[str, pd.DataFrame] | bool | None = None,
    extra_columns: Literal["error", "ignore"] = "error",
) -> ValidationReport:
    """Validate a DataFrame, a CSV/Parquet file or a shipped table against a table's schema.

    ``obj`` is a DataFrame (pass ``table=``), a path (the table is taken from the
    file name, e.g. ``events.csv``, unless ``table=`` says otherwise), or the
    name of a shipped table. Foreign keys are checked against ``references``
    (a mapping of table name to DataFrame), by default against the shipped
    tables; ``references=False`` skips them. Columns the table does not
    declare are failures unless ``extra_columns="ignore"``.

    Never raises for bad data (call ``.raise_for_errors()`` on the report for
    that) and never changes ``obj``; raises :class:`InputError` for input that
    is not a table at all (an empty or unreadable file, a directory, …).
    """
    if extra_columns not in ("error", "ignore"):
        raise InputError(f"extra_columns must be 'error' or 'ignore', not {extra_columns!r}")
    frame, decl, source = _as_frame(obj, table)
    if not (references is None or isinstance(references, (bool, Mapping))):
        raise InputError("references must be a mapping of table name to DataFrame, or False")
    frame = frame.reset_index(drop=True).set_flags(allows_duplicate_labels=True)
    failures, df = _column_failures(frame, decl, extra_columns)
    type_failures, df = _type_failures(df, decl)
    failures += type_failures
    failures += _schema_failures(df, decl, {(f.column, f.row_number) for f in type_failures})
    if references is not False:
        failures += _reference_failures(df, decl, None if references in (None, True) else references)
    unique = {(f.rule, f.column, f.row, f.row_number, repr(f.value)): f for f in failures}
    return ValidationReport(decl.name, len(df), tuple(unique.values()), source)


def validate_all(frames: Mapping[str, pd.DataFrame]) -> list[ValidationFailure]:
    """Validate a complete set of tables against each other (used by the build)."""
    failures: list[ValidationFailure] = []
    for name in TABLES:
        failures += validate(frames[name], name, references=frames).failures
    return failures
