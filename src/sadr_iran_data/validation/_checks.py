"""Checking one table: the column policy, one typed pass, then every rule on exact types.

Each declared column is parsed once by its column type
(:mod:`sadr_iran_data.column_types`). A value of the wrong type is reported
then, and is null in the typed column and marked as reported, so no later
check sees it: every bad cell is reported once by construction. The column
rules, the primary key, the row rules and the foreign keys then run as
vectorised checks over the typed Arrow columns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..column_types import flags, plain_array
from ..declarations import TABLES, Column
from ._read import Source
from ._report import Places, ValidationFailure, ValidationReport

if TYPE_CHECKING:
    import pyarrow as pa

    from ..column_types import Mask

#: The keys of a table that a foreign key may refer to.
Keys = Callable[[str], "pa.Array"]


@dataclass
class Typed:
    """A table after its typed pass: typed columns, the cells already reported, the failures so far."""

    source: Source
    places: Places
    values: dict[str, Any] = field(default_factory=dict)
    reported: dict[str, Mask] = field(default_factory=dict)
    failures: list[ValidationFailure] = field(default_factory=list)

    def usable(self, name: str) -> Mask:
        """Rows where the column holds a value of its type that no failure has reported yet."""
        return flags(self.values[name].is_valid()) & ~self.reported[name]

    def keys(self) -> pa.Array:
        """The table's own primary key values that can be referred to."""
        pk = self.source.table.primary_key
        if pk not in self.values:
            import pyarrow as pa

            return pa.array([], type=pa.string())
        return self.values[pk].filter(self.usable(pk))

    def arrow(self) -> pa.Table:
        """The typed columns as an Arrow table of the declared schema (all of them must be present)."""
        import pyarrow as pa

        table = self.source.table
        return pa.table([self.values[c.name] for c in table.columns], schema=table.arrow_schema())


def _columns(source: Source, extra_columns: str, places: Places) -> tuple[list[ValidationFailure], dict[str, int]]:
    """Repeated, unknown (unless ignored) and missing columns; the position of each declared column present once."""
    table, names = source.table, source.names
    failures: list[ValidationFailure] = []
    seen: set[str] = set()
    positions: dict[str, int] = {}
    for position, name in enumerate(names):
        if name in seen:
            if names.count(name) == 2 or name not in {f.column for f in failures}:
                failures.append(places.of_table(name, "duplicate_column", "column appears more than once"))
            continue
        seen.add(name)
        if name in table.column_names:
            positions[name] = position
        elif extra_columns != "ignore":
            failures.append(places.of_table(name, "unknown_column", "column is not in the table's declaration"))
    failures += [places.of_table(c, "missing_column", "column is missing") for c in table.column_names if c not in seen]
    return failures, positions


def _required(typed: Typed, col: Column) -> None:
    """A value is required: a missing one, or blank text, is a failure (blank text is reported, and not checked further)."""
    import pyarrow.compute as pc

    values, places = typed.values[col.name], typed.places
    absent = ~flags(values.is_valid()) & ~typed.reported[col.name]
    typed.failures += places.failures(col.name, "required", absent, "a value is required", values=False)
    if col.column_type.text:
        text = plain_array(values)
        blank = flags(pc.utf8_is_space(text)) | flags(pc.equal(pc.binary_length(text), 0))
        typed.failures += places.failures(col.name, "required", blank, "a value is required (blank text is no value)")
        typed.reported[col.name] |= blank


def type_table(source: Source, extra_columns: str = "error") -> Typed:
    """The column policy, the typed pass and the checks of single columns and the primary key."""
    table = source.table
    places = Places(table.name, None, source.original, source.lines)
    failures, positions = _columns(source, extra_columns, places)
    typed = Typed(source, places, failures=failures)
    for col in table.columns:
        if col.name in positions:
            parsed = col.column_type.parse(source.columns[positions[col.name]], csv=source.csv)
            typed.values[col.name] = parsed.values
            typed.reported[col.name] = parsed.bad
    pk = table.primary_key
    if pk in typed.values:
        typed.places = places = Places(table.name, _labels(typed, pk), source.original, source.lines)
    for col in table.columns:
        if col.name not in typed.values:
            continue
        typed.failures += places.failures(col.name, "type", typed.reported[col.name], col.column_type.failure)
        if not col.nullable:
            _required(typed, col)
        for rule in col.constraints:
            broken = rule.mask(typed.values[col.name]) & ~typed.reported[col.name]
            typed.failures += places.failures(col.name, rule.kind, broken, rule.message)
            typed.reported[col.name] |= broken
    if pk in typed.values:
        _unique(typed, pk)
    return typed


def _labels(typed: Typed, pk: str) -> pa.Array:
    """The primary key of each row as a label: null where it is of the wrong type."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = typed.values[pk]
    if not typed.reported[pk].any():
        return values
    return pc.if_else(pa.array(typed.reported[pk]), pa.scalar(None, values.type), values)


def _unique(typed: Typed, pk: str) -> None:
    """Every copy of a repeated primary key (sorting finds them faster than hashing a million ids)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    usable = typed.usable(pk)
    values = pc.if_else(pa.array(usable), typed.values[pk], pa.scalar(None, typed.values[pk].type))
    order = pc.sort_indices(values).to_numpy()  # nulls last
    ordered = values.take(pa.array(order))
    count = int(usable.sum())
    same = flags(pc.equal(ordered.slice(1, max(count - 1, 0)), ordered.slice(0, max(count - 1, 0))))
    if not same.any():
        return
    repeated = np.zeros(len(values), dtype=bool)
    repeated[1:count] |= same
    repeated[: count - 1] |= same
    duplicate = np.zeros(len(values), dtype=bool)
    duplicate[order] = repeated
    typed.failures += typed.places.failures(pk, "unique", duplicate, "duplicate primary key")


def finish(typed: Typed, keys: Keys | None) -> ValidationReport:
    """The row rules and (unless ``keys`` is None) the foreign keys; then the report, failures in row order."""
    table = typed.source.table
    for rule in table.checks:
        if not set(rule.columns) <= set(typed.values):
            continue  # a missing column is reported on its own
        checked = {c: typed.values[c] for c in rule.columns}
        broken = rule.mask(checked)
        for c in rule.columns:
            broken &= ~typed.reported[c]
        typed.failures += typed.places.failures(rule.column, rule.name, broken, rule.description)
    if keys is not None:
        _foreign_keys(typed, keys)
    failures = sorted(typed.failures, key=lambda f: -1 if f.row_number is None else f.row_number)
    return ValidationReport(table.name, typed.source.rows, tuple(failures), typed.source.label)


def _foreign_keys(typed: Typed, keys: Keys) -> None:
    import pyarrow as pa
    import pyarrow.compute as pc

    for col in typed.source.table.columns:
        if col.name not in typed.values:
            continue
        if col.references:
            targets = {col.references: None}
        elif col.references_table_in and col.references_table_in in typed.values:
            named = typed.values[col.references_table_in]
            present = pc.unique(named.filter(pa.array(typed.usable(col.references_table_in)))).cast(pa.string()).to_pylist()
            targets = {t: named for t in sorted(present) if t in TABLES}
        else:
            continue
        usable = typed.usable(col.name)
        for target, named_by in targets.items():
            rows = usable if named_by is None else usable & flags(pc.equal(named_by.cast(pa.string()), target))
            dangling = rows & ~flags(pc.is_in(typed.values[col.name], keys(target)))
            typed.failures += typed.places.failures(col.name, "foreign_key", dangling, f"refers to no row of {target}")
