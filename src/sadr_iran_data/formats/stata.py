"""The tables as Stata files: variable labels from the data dictionary, value labels for every vocabulary.

Stata has no text categories, lists or null strings, and limits a variable
label to 80 characters. :func:`stata_frame` turns the rows of one table (or
wide view) into a DataFrame Stata can hold, and :func:`variable_label` and
:func:`value_labels` give its labels; ``export("stata", folder)`` writes them
with pyreadstat (the ``[stata]`` extra):

- a vocabulary (category) column holds the value's position in its
  vocabulary (1, 2, ...), labelled with the value, so that
  ``pandas.read_stata`` gives the value back (``convert_categoricals``);
- a list column holds its items joined with ``"; "``;
- a date is a Stata date (``%td``), even where every value is missing; an
  EDTF date stays text;
- a boolean is 1 (true) or 0 (false);
- a missing number or code is Stata's missing value ``.``; a missing text
  (and an empty list) is the empty string, Stata's only missing text.

Variable names are the column names (none is longer than Stata's 32
characters). Only pandas and the standard library are imported here, and
pandas only when a frame is built.

Examples
--------
>>> variable_label("x" * 100)[-3:], len(variable_label("x" * 100))
('...', 80)
>>> variable_label("Where the event took place.")
'Where the event took place.'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..declarations import Column, Table
from ..errors import SadrIranDataError

if TYPE_CHECKING:
    import pandas as pd

#: pyreadstat's ``version`` for the Stata file format written: 14 writes format 118 (``<release>118</release>``), which
#: Stata 14 and later open; its default, 15, writes format 119, which Stata 14 cannot open.
DTA_VERSION = 14
#: Stata's longest variable label and variable name: "variable names may be 1 to 32 Unicode characters long"
#: (Stata manual [U] 11.4, www.stata.com/help.cgi?varname); labels "are capped at 80 characters"
#: (Innovations for Poverty Action, povertyaction.github.io/guides/cleaning/documentation/variablenotes/).
LABEL_LENGTH, NAME_LENGTH = 80, 32
#: What ends a label cut to LABEL_LENGTH.
ELLIPSIS = "..."
#: What joins a list column's items into one text.
LIST_SEPARATOR = "; "


#: The end of a first sentence: a full stop before a capital, but not that of an abbreviation ("e.g. 'x'", "U.S. Army").
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)(?<!\bU\.S)(?<!\bU\.N)(?<!\betc)\.\s+(?=[A-Z])")


def variable_label(description: str) -> str:
    """``description`` as a Stata variable label: whole if it fits in 80 characters, else cut at a word and ended with '...'.

    Only the first sentence is kept if it fits; otherwise the text is cut at
    the last space that leaves room for the ellipsis.
    """
    text = " ".join(description.split())
    if len(text) <= LABEL_LENGTH:
        return text
    end = _SENTENCE_END.search(text)
    if end is not None and end.start() + 1 <= LABEL_LENGTH:
        return text[: end.start() + 1]
    room = LABEL_LENGTH - len(ELLIPSIS)
    cut = text[: room + 1].rsplit(" ", 1)[0] if " " in text[: room + 1] else text[:room]
    return cut[:room].rstrip(" ,;:") + ELLIPSIS


def value_labels(col: Column) -> dict[int, str] | None:
    """The value labels of a vocabulary column: position (from 1) -> value; None for any other column.

    Examples
    --------
    >>> from sadr_iran_data.declarations import get_table
    >>> labels = value_labels(get_table("events").column("date_precision"))
    >>> labels[1], len(labels)
    ('day', 5)
    """
    if col.vocabulary is None or col.type != "category":
        return None
    return {i: value for i, value in enumerate(col.vocabulary.values, start=1)}


def _cell(col: Column, value: Any) -> Any:
    if col.type == "list":
        return LIST_SEPARATOR.join(map(str, value)) if value else ""
    if value is None:
        return "" if col.type in ("string", "id", "edtf") else None
    if col.type == "category" and col.vocabulary is not None:
        return col.vocabulary.values.index(value) + 1
    if col.type == "bool":
        return int(value)
    return value


def stata_frame(table: Table, rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """The rows of ``table`` as a DataFrame that pyreadstat can write to Stata, one variable per column."""
    import pandas as pd

    for col in table.columns:
        if len(col.name) > NAME_LENGTH:
            raise ValueError(f"column {table.name}.{col.name} is longer than Stata's {NAME_LENGTH} characters")
    records = [[_cell(col, row[col.name]) for col in table.columns] for row in rows]
    frame = pd.DataFrame.from_records(records, columns=list(table.column_names))
    for col in table.columns:
        if col.type in ("int", "category", "bool"):
            frame[col.name] = pd.to_numeric(frame[col.name]).astype("float64" if frame[col.name].isna().any() else "int32")
        elif col.type == "float":
            frame[col.name] = frame[col.name].astype("float64")
        elif col.type == "date" and frame[col.name].isna().all():
            # pyreadstat takes a column of only None (or no rows) for text, which a %td format does not fit
            frame[col.name] = frame[col.name].astype("datetime64[ns]")
        else:  # text, and dates as datetime.date objects: pyreadstat writes those as Stata dates, None as missing
            frame[col.name] = frame[col.name].astype("object")
    return frame


def import_pyreadstat() -> Any:
    """The pyreadstat module, or a :class:`SadrIranDataError` that says how to install it."""
    try:
        import pyreadstat
    except ImportError:
        raise SadrIranDataError("the stata format needs pyreadstat: pip install 'sadr-iran-data[stata]'") from None
    return pyreadstat


def write_dta(path: Any, table: Table, rows: Iterable[dict[str, Any]], file_label: str) -> None:
    """Write ``rows`` of ``table`` to the Stata file ``path`` (format 118, Stata 14 and later) with every label."""
    pyreadstat = import_pyreadstat()
    frame = stata_frame(table, rows)
    labels = {col.name: labels for col in table.columns if (labels := value_labels(col)) is not None}
    formats = {col.name: "%td" for col in table.columns if col.type == "date"}
    pyreadstat.write_dta(
        frame,
        str(path),
        file_label=variable_label(file_label),
        column_labels={col.name: variable_label(col.description) for col in table.columns},
        version=DTA_VERSION,
        variable_value_labels=labels,
        variable_format=formats,
    )
    stamp(path)


#: Where a format-118 file's header keeps when it was written: ``<timestamp>``, a length byte, "dd Mon yyyy hh:mm".
_TIMESTAMP = re.compile(rb"<timestamp>\x11\d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d</timestamp>")


def stamp(path: Any) -> None:
    """Set the header's timestamp of the Stata file ``path`` to this version's release date, so one version gives the same bytes.

    pyreadstat writes the time of writing there; the replacement has the same
    length, so nothing after it moves.
    """
    import datetime
    from pathlib import Path

    from .. import _version

    released = datetime.date.fromisoformat(_version.__released__)
    month = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()[released.month - 1]  # English, whatever the locale
    when = f"{released.day:02d} {month} {released.year} 00:00".encode("ascii")
    data = Path(path).read_bytes()
    found = _TIMESTAMP.search(data, 0, 512)
    if found is None:
        raise SadrIranDataError(f"{path}: no format-118 timestamp in the Stata header")
    Path(path).write_bytes(data[: found.start()] + b"<timestamp>\x11" + when + b"</timestamp>" + data[found.end() :])
