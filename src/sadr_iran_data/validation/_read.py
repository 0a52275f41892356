"""Reading what a user gives ``validate`` into Arrow columns: CSV and Parquet files, frames of every kind, records.

Each input becomes a :class:`Source`: the column names as given (repeated or
odd names included) and each column as Arrow, once. A pandas column that
Arrow cannot hold as one type (text and numbers mixed, numbers too large for
64 bits) is kept as its Python objects, which the column type then reads one
by one.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..column_types import pandas_column
from ..declarations import TABLES, Table, get_table
from ..errors import InputError

_UTF8_BOM = b"\xef\xbb\xbf"
_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32"),
    (b"\x00\x00\xfe\xff", "UTF-32"),
    (b"\xff\xfe", "UTF-16"),
    (b"\xfe\xff", "UTF-16"),
)
_PANDAS_INDEX = re.compile(r"__index_level_[0-9]+__")  # the index pandas stores beside the columns
_BLANK = re.compile(rb"\s*\Z")
SUFFIXES = (".csv", ".parquet")


@dataclass
class Source:
    """One table's data as read: column names as given, each column as Arrow (or Python objects)."""

    table: Table
    names: list[str]
    columns: list[Any]
    rows: int
    label: str | None = None
    """The file's name, for the report."""
    csv: bool = False
    """The cells are CSV text."""
    lines: Callable[[Sequence[int]], list[int]] | None = field(default=None, repr=False)
    """For a CSV file: the spreadsheet line of each of some rows."""

    def original(self, column: str, rows: Sequence[int]) -> list[Any]:
        """The values of the first column named ``column`` at ``rows``, as they were given."""
        import pyarrow as pa

        values = self.columns[self.names.index(column)]
        if isinstance(values, (pa.Array, pa.ChunkedArray)):
            return list(values.take(pa.array(rows, type=pa.int64())).to_pylist())
        return [values[r] for r in rows]


# --------------------------------------------------------------------------
# Frames
# --------------------------------------------------------------------------


def from_frame(obj: Any, table: Table, label: str | None = None) -> Source:
    """A pandas, polars or Arrow table as a :class:`Source`; InputError for anything else."""
    import pandas as pd

    if isinstance(obj, pd.DataFrame):
        if isinstance(obj.columns, pd.MultiIndex):
            raise InputError("the DataFrame has several levels of column names; give it one name per column")
        names = [str(c) for c in obj.columns]
        return Source(table, names, [pandas_column(obj.iloc[:, i]) for i in range(obj.shape[1])], len(obj), label)
    arrow = as_arrow(obj, "the data")
    return Source(table, list(arrow.column_names), list(arrow.columns), arrow.num_rows, label)


def as_arrow(obj: Any, what: str) -> Any:
    """An Arrow table from an Arrow table or a polars DataFrame; InputError otherwise (pandas is handled by the caller)."""
    module = type(obj).__module__.split(".")[0]
    if module == "pyarrow" and hasattr(obj, "column_names"):
        return obj
    if module == "polars" and hasattr(obj, "to_arrow"):
        return obj.to_arrow()
    raise InputError(
        f"cannot validate a {type(obj).__name__} as {what}: pass a DataFrame (pandas, polars or Arrow), a file path or a table name"
    )


def from_records(table: Table, records: Sequence[Mapping[str, Any]]) -> Source:
    """Python records (mappings of column to value) as a :class:`Source`: the declared columns, and any other key a record has."""
    names = list(table.column_names)
    for record in records:
        names += [k for k in record if k not in names]
    return Source(table, names, [[record.get(n) for record in records] for n in names], len(records))


# --------------------------------------------------------------------------
# Files
# --------------------------------------------------------------------------


def _check_text(path: Path, data: bytes) -> None:
    """Raise :class:`InputError` if ``data`` is not UTF-8 CSV text with a header row."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            raise InputError(f"{path.name} is encoded as {encoding}; save it as UTF-8 CSV")
    if b"\0" in data[:65536]:
        raise InputError(f"{path.name} is a binary file, or text in UTF-16/UTF-32 without a byte-order mark; save it as UTF-8 CSV")
    if _BLANK.match(data, len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0):  # stops at the first character that is not blank
        raise InputError(f"{path.name} holds only blank space, no header row")


def _not_utf8(path: Path, data: bytes) -> InputError:
    """The error for a file that is not UTF-8, naming the first byte that cannot be decoded."""
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        return InputError(f"{path.name} is not UTF-8: byte 0x{data[exc.start]:02x} on line {line} cannot be decoded; save it as UTF-8 CSV")
    return InputError(f"{path.name} is not UTF-8; save it as UTF-8 CSV")


#: Held while the csv module's (process-wide) field size limit is raised.
_FIELD_LIMIT = threading.Lock()


@contextlib.contextmanager
def _records(data: bytes) -> Iterator[Iterator[list[str]]]:
    """The records of a CSV file, as the csv module reads them, with fields as long as the file allows.

    The csv module refuses a field longer than its limit (128 KiB unless
    raised); Arrow, which reads the cells, has none, so the limit is raised to
    the file's size while these records are read, and then put back.
    """
    with _FIELD_LIMIT:
        limit = csv.field_size_limit()
        csv.field_size_limit(max(limit, min(len(data), _LONGEST_BLOCK)))  # a C long, 32 bits on Windows
        try:
            yield csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline=""))
        finally:
            csv.field_size_limit(limit)


def _spreadsheet_lines(data: bytes, rows: int) -> Callable[[Sequence[int]], list[int]]:
    """The line a spreadsheet shows each data row on: the header is line 1, and every record or blank line is one line.

    When every record is one line of the file (no blank line, no line break
    inside a quoted cell), data row N is on line N + 2; otherwise the records
    are counted, once, when a failure first needs its line.
    """
    simple: list[bool] = []
    found: list[int] = []

    def lines(numbers: Sequence[int]) -> list[int]:
        if not simple:
            simple.append(data.count(b"\n") == rows + 1 and b"\r\r" not in data and data.count(b"\r") in (0, rows + 1))
        if simple[0]:
            return [n + 2 for n in numbers]
        if not found:
            header_seen = False
            with _records(data) as records:
                for line, record in enumerate(records, 1):
                    if record and header_seen:
                        found.append(line)
                    header_seen = header_seen or bool(record)
        return [found[n] for n in numbers]

    return lines


def _read_csv(path: Path, table: Table) -> Source:
    """Every cell as text (empty cells missing); the header as the first record, its names as written.

    pyarrow's CSV reader refuses a record with the wrong number of fields and
    text that is not UTF-8, and reads a large file without copying it as
    Python text. The header is read as the first record, so a quoted line
    break in a column name is read like one in a value. A file with a record
    longer than the reader's block (1 MiB) is read again in one block.
    """
    import pyarrow as pa

    data = path.read_bytes()
    _check_text(path, data)
    if not data.endswith((b"\n", b"\r")):
        data += b"\n"  # a last record without its line end, as a single header line may be
    try:
        with _records(data) as records:
            first = next((record for record in records if record), [])  # the header; Arrow skips empty lines too
    except UnicodeDecodeError:
        raise _not_utf8(path, data) from None
    except csv.Error as exc:
        raise InputError(f"cannot read {path.name} as CSV: {exc}") from None
    _check_separator(path, first, table)
    width = len(first)
    try:
        try:
            arrow = _arrow_csv(data, width, None)
        except pa.ArrowInvalid as exc:
            if _STRADDLING not in str(exc):
                raise
            arrow = _arrow_csv(data, width, min(len(data), _LONGEST_BLOCK))  # a record longer than a block: blocks as long as the file
    except pa.ArrowInvalid as exc:
        if "UTF8" in str(exc):
            raise _not_utf8(path, data) from None
        if _STRADDLING in str(exc):
            raise InputError(
                f"cannot read {path.name} as CSV: a record is longer than {_LONGEST_BLOCK:,} bytes, the longest the reader "
                "takes in one piece; split its longest cells"
            ) from None
        reason = str(exc).strip().splitlines()[0].removeprefix("CSV parse error: ")
        raise InputError(f"cannot read {path.name} as CSV: {reason[:120]}") from None
    header = ["" if name is None else name for name in arrow.slice(0, 1).to_pylist()[0].values()]  # an empty name reads as null
    body = arrow.slice(1)
    rows = body.num_rows
    return Source(table, header, list(body.columns), rows, path.name, csv=True, lines=_spreadsheet_lines(data, rows))


def _check_separator(path: Path, header: list[str], table: Table) -> None:
    """Raise :class:`InputError` for a header that is one name holding ``;``: a file saved with semicolons between its cells.

    Spreadsheets set to a language that writes decimal commas save "CSV"
    with semicolons; read with commas, every line is one cell, and every
    declared column would be reported missing.
    """
    if len(header) != 1 or len(table.columns) == 1 or ";" not in header[0]:
        return
    names = header[0].split(";")
    shown = ";".join(names[:3]) + (";…" if len(names) > 3 else "")
    raise InputError(
        f"{path.name} looks separated by ';', not ',': its header is one column, {shown!r}; "
        "save it with commas between the cells (or read it with pandas, sep=';', and validate the DataFrame)"
    )


#: The longest block Arrow's CSV reader takes (its block size is a 32-bit number of bytes).
_LONGEST_BLOCK = 2**31 - 1
#: What Arrow's CSV reader says of a record longer than its block (1 MiB by default).
_STRADDLING = "straddling object straddles two block boundaries"


def _arrow_csv(data: bytes, width: int, block_size: int | None) -> Any:
    """Every cell of ``width`` columns as text, empty cells missing, in blocks of ``block_size`` bytes (Arrow's default: 1 MiB)."""
    import pyarrow as pa
    import pyarrow.csv as pv

    slots = [f"f{i}" for i in range(width)]  # the header's names may repeat; Arrow's options are keyed by name
    read_options = pv.ReadOptions(autogenerate_column_names=True, use_threads=False)
    if block_size is not None:
        read_options.block_size = block_size
    return pv.read_csv(
        io.BytesIO(data),
        read_options=read_options,
        parse_options=pv.ParseOptions(newlines_in_values=True),
        convert_options=pv.ConvertOptions(column_types=dict.fromkeys(slots, pa.string()), null_values=[""], strings_can_be_null=True),
    )


def _read_parquet(path: Path, table: Table) -> Source:
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
    except (OSError, ValueError, pa.ArrowException) as exc:
        raise InputError(f"cannot read {path.name} as Parquet: {str(exc).strip().splitlines()[0]}") from None
    arrow = arrow.drop_columns([n for n in arrow.column_names if _PANDAS_INDEX.fullmatch(n)])
    return Source(table, list(arrow.column_names), list(arrow.columns), arrow.num_rows, path.name)


def check_file(path: Path) -> None:
    """Raise :class:`InputError` for a path that is not a readable .csv or .parquet file."""
    if path.is_dir():
        raise InputError(f"{path} is a directory, not a file")
    if not path.exists():
        raise InputError(f"no such file: {path}")
    if path.suffix.lower() not in SUFFIXES:
        raise InputError(f"cannot read {path.name}: use a .csv or .parquet file")


def read_file(path: Path, table: Table) -> Source:
    """Read a CSV or Parquet file of ``table``.

    Raises :class:`InputError`, saying what is wrong, for a missing or empty
    file, a directory, a file that is not UTF-8 CSV or not Parquet.
    """
    check_file(path)
    try:
        if path.stat().st_size == 0:
            raise InputError(f"{path.name} is empty")
        return _read_csv(path, table) if path.suffix.lower() == ".csv" else _read_parquet(path, table)
    except OSError as exc:
        raise InputError(f"cannot read {path.name}: {exc.strerror or exc}") from None


def table_of(path: Path, table: str | None) -> Table:
    """The table a file holds: ``table`` if given, else the file's name (``events.csv``)."""
    if table is not None:
        return get_table(table)
    if path.stem not in TABLES:
        raise InputError.keyed(
            f"cannot tell which table {path.name} holds; pass {{table}} (one of: {', '.join(TABLES)}), or name the file after its table"
        )
    return TABLES[path.stem]


def read(obj: Any, table: str | None) -> Source:
    """What ``validate`` was given, read: a shipped table's name, a file path, or a frame."""
    if table is not None:
        get_table(table)  # an unknown table is named before anything is read
    if isinstance(obj, str) and obj in TABLES and not Path(obj).exists():
        from ..dataset.loaders import load

        return from_frame(load(obj, backend="arrow"), get_table(table or obj))
    if isinstance(obj, (str, Path)):
        path = Path(obj)
        check_file(path)
        return read_file(path, table_of(path, table))
    import pandas as pd

    if not isinstance(obj, pd.DataFrame):
        as_arrow(obj, "the data")  # refuses what is no table at all
    if table is None:
        raise InputError.keyed(f"pass {{table}} to say which table the DataFrame holds (one of: {', '.join(TABLES)})")
    return from_frame(obj, get_table(table))


def folder_files(folder: Path) -> dict[str, Path]:
    """The table files in ``folder``, by table: ``events.csv`` or ``events.parquet``; InputError if there are none or two of one."""
    found: dict[str, Path] = {}
    for path in sorted(folder.iterdir()):
        if _is_table_file(path):
            if path.stem in found:
                raise InputError(f"{folder} holds two files of {path.stem}: {found[path.stem].name} and {path.name}; keep one")
            found[path.stem] = path
    if not found:
        raise InputError(f"{folder} holds no table file: name each file after its table, as events.csv or actors.parquet")
    return {name: found[name] for name in TABLES if name in found}


def _is_table_file(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() in SUFFIXES and path.stem in TABLES


def skipped_files(folder: Path) -> list[str]:
    """The names in ``folder`` that :func:`folder_files` cannot match to a table, sorted; a folder's name ends with ``/``.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     for name in ("events.csv", "event.csv", "notes.txt"):
    ...         _ = (Path(tmp) / name).write_text("x", encoding="utf-8")
    ...     skipped_files(Path(tmp))
    ['event.csv', 'notes.txt']
    """
    return sorted(path.name + ("/" if path.is_dir() else "") for path in folder.iterdir() if not _is_table_file(path))


def skipped_note(folder: Path, skipped: Sequence[str]) -> str:
    """One line naming the files of ``folder`` that were skipped: which table file a near miss may be meant as, and the wide views.

    Examples
    --------
    >>> note = skipped_note(Path("mine"), ["event.csv", "events_wide.csv", "notes.txt"])
    >>> note.startswith("mine: skipped 3 files it cannot match to a table: event.csv (events.csv?), events_wide.csv (a wide view), ")
    True
    """
    from .._text import counted, nearest
    from ..declarations import VIEWS

    views = {view.name for view in VIEWS.values()}

    def named(name: str) -> str:
        stem, dot, suffix = name.rpartition(".")
        if not dot or f".{suffix.lower()}" not in SUFFIXES:
            return name
        if stem in views:
            return f"{name} (a wide view)"
        close = nearest(stem, list(TABLES), n=1)
        return f"{name} ({close[0]}.{suffix}?)" if close else name

    files = counted(len(skipped), "file")
    return (
        f"{folder}: skipped {files} it cannot match to a table: {', '.join(map(named, skipped))}; "
        "a table's file is named after it, as events.csv or events.parquet"
    )
