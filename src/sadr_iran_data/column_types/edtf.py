"""The EDTF column type: the dates and intervals the codebook writes (2004-04, 198X/199X, 2005/..), and their bounds."""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pyarrow as pa
    from hypothesis.strategies import SearchStrategy

    #: True or False for each row of a column.
    Mask = npt.NDArray[np.bool_]
from ._base import BAD, ColumnSpec, Parsed, flags
from .text import TextType

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


class EdtfType(TextType):
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
