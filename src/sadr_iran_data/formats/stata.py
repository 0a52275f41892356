"""The tables as Stata files: variable labels from the data dictionary, value labels for every vocabulary.

Stata has no text categories, lists or null strings, and limits a variable
label to 80 characters. :func:`stata_frame` turns the rows of one table (or
wide view) into a DataFrame Stata can hold, and :func:`variable_label` and
:func:`value_labels` give its labels; ``export("stata", folder)`` writes them
with pyreadstat (the ``[stata]`` extra):

- a vocabulary (category) column holds the value's position in its
  vocabulary (1, 2, ...), labelled with the value, so that
  ``pandas.read_stata`` gives the value back (``convert_categoricals``);
  the value label is named after its variable (``label list certainty``),
  as Stata users name them;
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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..declarations import TABLES, VIEWS, Column, Table
from ..errors import SadrIranDataError
from ._registry import Format, Options, register, require
from ._writing import per_table_and_view, rows, views_of, wide_rows

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


#: The range of Stata's ``long`` (a 4-byte integer): larger magnitudes are reserved for missing values
#: (Stata manual [D] data types: "long -2,147,483,647 2,147,483,620").
LONG_RANGE = (-2_147_483_647, 2_147_483_620)
#: The whole numbers a ``double`` holds exactly (2**53): a whole number beyond Stata's ``long`` is written as a double up to it.
DOUBLE_EXACT = 2**53


def _integers(table: Table, col: Column, values: list[Any]) -> Any:
    """A whole-number variable as Stata's ``long`` where every value fits, else as an exact ``double``; an error beyond that.

    ``values`` are the Python integers (None for missing) as they are, so that no value is rounded before it is checked.
    """
    import pandas as pd

    present = [v for v in values if v is not None]
    if all(LONG_RANGE[0] <= v <= LONG_RANGE[1] for v in present) and len(present) == len(values):
        return pd.Series(values, dtype="int32")
    too_big = [v for v in present if not -DOUBLE_EXACT <= v <= DOUBLE_EXACT]
    if too_big:
        raise SadrIranDataError(
            f"{table.name}.{col.name}: {too_big[0]} does not fit a Stata variable (a long holds up to {LONG_RANGE[1]:,}, "
            f"a double holds whole numbers exactly up to 2**53 = {DOUBLE_EXACT:,})"
        )
    return pd.Series([float("nan") if v is None else float(v) for v in values], dtype="float64")


def stata_frame(table: Table, rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """The rows of ``table`` as a DataFrame that pyreadstat can write to Stata, one variable per column."""
    import pandas as pd

    for col in table.columns:
        if len(col.name) > NAME_LENGTH:
            raise ValueError(f"column {table.name}.{col.name} is longer than Stata's {NAME_LENGTH} characters")
    records = list(rows)
    variables = {}
    for col in table.columns:
        name, to_stata, kind = col.name, col.column_type.to_stata, col.column_type.stata
        values = [to_stata(row[name], col) for row in records]
        if kind == "integer":
            variables[name] = _integers(table, col, values)
        elif kind == "float":
            variables[name] = pd.Series(values, dtype="float64")
        elif kind == "date" and all(v is None for v in values):
            # pyreadstat takes a column of only None (or no rows) for text, which a %td format does not fit
            variables[name] = pd.Series(values, dtype="datetime64[ns]")
        elif kind in ("text", "date"):  # text, and dates as datetime.date objects: pyreadstat writes those as Stata dates
            variables[name] = pd.Series(values, dtype="object")
        else:
            raise SadrIranDataError(f"{table.name}.{col.name}: the Stata export writes no variable of the kind {kind!r}")
    return pd.DataFrame(variables, index=pd.RangeIndex(len(records)))  # made at once: a variable inserted at a time costs more


def write_dta(path: Any, table: Table, rows: Iterable[dict[str, Any]], file_label: str) -> None:
    """Write ``rows`` of ``table`` to the Stata file ``path`` (format 118, Stata 14 and later) with every label."""
    pyreadstat = require(STATA)
    frame = stata_frame(table, rows)
    labels = {col.name: labels for col in table.columns if (labels := value_labels(col)) is not None}
    formats = {col.name: "%td" for col in table.columns if col.column_type.stata == "date"}
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
    name_value_labels(path)


#: How many bytes a format-118 file gives a variable's or a value label's name: 32 characters of up to 4 bytes, and a NUL.
_NAME_BYTES = 129


def _section(data: bytes | bytearray, tag: bytes) -> tuple[int, int]:
    """Where the contents of the header or section ``<tag>`` of a format-118 file start and end."""
    start = data.find(b"<" + tag + b">")
    end = data.find(b"</" + tag + b">", start)
    if start < 0 or end < 0:
        raise SadrIranDataError(f"no <{tag.decode()}> in the Stata file written")
    return start + len(tag) + 2, end


def _names(data: bytes | bytearray, where: tuple[int, int]) -> list[bytes]:
    """The names of a section of fixed-width name fields, each up to its first NUL."""
    start, end = where
    return [bytes(data[i : i + _NAME_BYTES]).split(b"\0", 1)[0] for i in range(start, end, _NAME_BYTES)]


def name_value_labels(path: Any) -> None:
    """Name each value label of the Stata file ``path`` after its variable (``certainty``, not pyreadstat's ``certainty3``).

    A format-118 file keeps each name in a field of 129 bytes: the
    variables' in ``<varnames>``, the value label of each variable (empty
    for none) in ``<value_label_names>``, and each label's own at the head of
    its ``<lbl>`` in ``<value_labels>``. A name is rewritten within its field,
    so nothing after it moves and the file's map of offsets stays true.
    """
    import struct
    from pathlib import Path

    data = bytearray(Path(path).read_bytes())
    order = "<" if bytes(data[slice(*_section(data, b"byteorder"))]) == b"LSF" else ">"
    variables = _names(data, _section(data, b"varnames"))
    where = _section(data, b"value_label_names")
    labels = _names(data, where)
    renamed = {label: variable for label, variable in zip(labels, variables, strict=True) if label}
    for i, label in enumerate(labels):
        if label:
            at = where[0] + i * _NAME_BYTES
            data[at : at + _NAME_BYTES] = renamed[label].ljust(_NAME_BYTES, b"\0")
    at, end = _section(data, b"value_labels")
    while at < end:
        if data[at : at + 5] != b"<lbl>":
            raise SadrIranDataError(f"{path}: an unreadable value label at byte {at} of the Stata file")
        (length,) = struct.unpack(order + "i", data[at + 5 : at + 9])
        label = bytes(data[at + 9 : at + 9 + _NAME_BYTES]).split(b"\0", 1)[0]
        data[at + 9 : at + 9 + _NAME_BYTES] = renamed[label].ljust(_NAME_BYTES, b"\0")
        at += 9 + _NAME_BYTES + 3 + length + len(b"</lbl>")
    Path(path).write_bytes(bytes(data))


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


def write(staged: dict[str, Path], names: tuple[str, ...], options: Options) -> None:
    """One ``.dta`` file per selected table and per wide view of the selected events and relations."""
    for name in names:
        write_dta(staged[f"{name}.dta"], TABLES[name], rows(name), TABLES[name].description)
    for name in views_of(names):
        view = VIEWS[name]
        write_dta(staged[f"{view.name}.dta"], view, wide_rows(name), view.description)


#: The format and the optional module it needs.
STATA = register(Format("stata", per_table_and_view("dta"), write, requires=("pyreadstat", "stata")))
