"""What validation reports: one failure per broken rule and cell, and the report of a table."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .._text import counted
from ..errors import SchemaValidationError

if TYPE_CHECKING:
    import pandas as pd

    from ..column_types import Mask

_PLAIN_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: At most this many characters of a value are shown in a failure's line; ``value`` (and the CSV or JSON report) keeps it whole.
SHOWN_VALUE = 200
#: Columns of :meth:`ValidationReport.to_frame`.
FRAME_COLUMNS = ("table", "column", "row", "record_id", "line", "rule", "message", "value")


@dataclass(frozen=True)
class ValidationFailure:
    """One broken rule: where (table, column, row) and which rule.

    ``row`` is the row's position from 0 over the data rows (``df.iloc[row]``),
    or None for a failure of the whole table (a missing column);
    ``record_id`` is the row's id where it has a usable one (None otherwise);
    ``line`` is, for a CSV file, the row's line as a spreadsheet shows it (the
    header is line 1).
    """

    table: str
    column: str | None
    row: int | None
    rule: str
    message: str
    value: Any = None
    record_id: str | None = None
    line: int | None = None

    @property
    def row_number(self) -> int | None:
        """The row's position from 0: the same as :attr:`row` (its name up to 1.4)."""
        return self.row

    def __str__(self) -> str:
        return self.format()

    def format(self, *, position: bool = True) -> str:
        """The failure in one line; ``position=False`` leaves out the row number and line where the row has an id."""
        column = self.column
        if column is not None and not _PLAIN_NAME.fullmatch(column):
            column = repr(column)  # an empty, blank or odd name stays visible
        where = self.table if column is None else f"{self.table}.{column}"
        parts = [self.record_id] if self.record_id is not None else []
        if self.row is None:
            parts = parts or ["table"]
        elif position or not parts:
            parts.append(f"row {self.row}")
        if position and self.line is not None:
            parts.append(f"line {self.line}")
        shown = "" if self.value is None else f" (value: {_shown(self.value)})"
        return f"{where} [{', '.join(parts)}]: {self.message}{shown} (rule: {self.rule})"


def _shown(value: Any) -> str:
    """``repr(value)``, cut to :data:`SHOWN_VALUE` characters with its length said where it is longer."""
    text = repr(value)
    if len(text) <= SHOWN_VALUE:
        return text
    size = f"{len(value):,} characters" if isinstance(value, str) else f"{len(text):,} characters written out"
    return f"{text[:SHOWN_VALUE]}… ({size})"


@dataclass(frozen=True, repr=False)
class ValidationReport:
    """What :func:`~sadr_iran_data.validate` found: ``ok`` is True when ``failures`` is empty.

    Its ``repr`` is one line with the counts; ``str(report)`` lists every failure.
    """

    table: str
    rows: int
    failures: tuple[ValidationFailure, ...]
    source: str | None = None
    """The file validated, if it was a file."""
    rules: tuple[str, ...] = ()
    """The coding rules (:data:`sadr_iran_data.rules.RULES`) applied to the table: those whose tables were all at hand."""

    @property
    def ok(self) -> bool:
        return not self.failures

    def raise_for_errors(self) -> ValidationReport:
        """Raise :class:`~sadr_iran_data.SchemaValidationError` listing every failure, if any."""
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
        """The failures as a DataFrame: table, column, row (its position from 0), record_id (its id), line, rule, message, value.

        ``row`` and ``line`` are missing (NA) for a failure of the whole
        table, ``record_id`` for a row without a usable id.
        """
        import pandas as pd

        frame = pd.DataFrame([[getattr(f, c) for c in FRAME_COLUMNS] for f in self.failures], columns=list(FRAME_COLUMNS))
        return frame.astype({"row": "Int64", "line": "Int64"})

    def heading(self) -> str:
        """One line: what was checked and the outcome."""
        what = f"{self.source} ({self.table})" if self.source else self.table
        outcome = "valid" if self.ok else counted(len(self.failures), "failure")
        return f"{what}: {counted(self.rows, 'row')}, {outcome}"

    def __repr__(self) -> str:
        source = "" if self.source is None else f", source={self.source!r}"
        return f"ValidationReport(table={self.table!r}{source}, rows={self.rows}, failures={len(self.failures)}, rules={len(self.rules)})"

    def __str__(self) -> str:
        return "\n".join([self.heading(), *(f"  {f}" for f in self.failures)])


@dataclass(frozen=True)
class Places:
    """How to name the rows of one table in failures: by id, position and (for CSV) line."""

    table: str
    ids: Any
    """The typed primary key column (Arrow), or None when it is missing."""
    original: Callable[[str, Sequence[int]], list[Any]]
    """The values of a column at some rows, as they were given."""
    lines: Callable[[Sequence[int]], list[int]] | None = None

    def failures(
        self, column: str | None, rule: str, mask: Mask, message: str | Callable[[Any], str], *, values: bool = True
    ) -> list[ValidationFailure]:
        """One failure per row where ``mask`` is True: the row named, the value as given."""
        import numpy as np
        import pyarrow as pa

        rows = np.flatnonzero(mask)
        if not len(rows):
            return []
        numbers = [int(r) for r in rows]
        labels = self.ids.take(pa.array(rows)).to_pylist() if self.ids is not None else [None] * len(rows)
        given = self.original(column, numbers) if values and column is not None else [None] * len(rows)
        lines = self.lines(numbers) if self.lines is not None else [None] * len(rows)
        say = message if callable(message) else (lambda _value, text=message: text)
        return [
            ValidationFailure(
                self.table,
                column,
                number,
                rule,
                say(value),
                value,
                record_id=label if isinstance(label, str) and label else None,
                line=line,
            )
            for number, label, value, line in zip(numbers, labels, given, lines, strict=True)
        ]

    def of_table(self, column: str | None, rule: str, message: str) -> ValidationFailure:
        """A failure of the whole table (a column missing, repeated or unknown)."""
        return ValidationFailure(self.table, column, None, rule, message)
