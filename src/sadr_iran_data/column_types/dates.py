"""The date column type: calendar days, written YYYY-MM-DD."""

from __future__ import annotations

import datetime
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
from ._base import BAD, DATE_TEXT, YEARS, ColumnSpec, ColumnType, Parsed, all_bad, flags, trimmed


def _date_text(text: str) -> datetime.date | None:
    """A ``YYYY-MM-DD`` text (blanks around it allowed) as a real day in :data:`YEARS`, or None."""
    text = text.strip()
    if not re.fullmatch(DATE_TEXT, text):
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
    stata = "date"
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
        distinct = trimmed(encoded.dictionary)
        stamps = pc.strptime(distinct, format="%Y-%m-%d", unit="s", error_is_null=True)
        exact = pc.and_kleene(pc.match_substring_regex(distinct, DATE_TEXT), pc.equal(pc.strftime(stamps, format="%Y-%m-%d"), distinct))
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
        elif pa.types.is_date64(kind):
            per_day = 86_400_000  # milliseconds, which need not fall on a day
        elif pa.types.is_date32(kind):
            per_day = 1
        else:
            return all_bad(array, self.arrow_type())
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
