"""Typing a table: the column policy, then each declared column parsed once into its type.

Each column is parsed by its column type (:mod:`sadr_iran_data.column_types`).
A value of the wrong type is reported here, is null in the typed column and
is marked as reported, so no rule after this sees it: every bad cell is
reported once by construction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..column_types import flags
from ._read import Source
from ._report import Places, ValidationFailure

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

    def complete(self) -> bool:
        """Whether every declared column is present and every cell was read as its type (the coding rules read such a table)."""
        return all(c.name in self.values for c in self.source.table.columns) and not any(
            f.rule in ("type", "missing_column", "duplicate_column") for f in self.failures
        )

    def arrow_values(self) -> pa.Table:
        """The typed columns as a plain Arrow table (vocabularies as text), in the declared order."""
        import pyarrow as pa

        from ..column_types import plain_array

        return pa.table({c.name: plain_array(self.values[c.name]) for c in self.source.table.columns})

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
    repeated: set[str] = set()
    positions: dict[str, int] = {}
    for position, name in enumerate(names):
        if name in seen:
            if name not in repeated:  # once per name, however often it repeats
                failures.append(places.of_table(name, "duplicate_column", "column appears more than once"))
                repeated.add(name)
            continue
        seen.add(name)
        if name in table.column_names:
            positions[name] = position
        elif extra_columns != "ignore":
            failures.append(places.of_table(name, "unknown_column", "column is not in the table's declaration"))
    failures += [places.of_table(c, "missing_column", "column is missing") for c in table.column_names if c not in seen]
    return failures, positions


def type_table(source: Source, extra_columns: str = "error") -> Typed:
    """The column policy and the typed pass: a failure for each column out of place and each value of the wrong type."""
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
        if col.name in typed.values:
            typed.failures += places.failures(col.name, "type", typed.reported[col.name], col.column_type.failure)
    return typed


def _labels(typed: Typed, pk: str) -> pa.Array:
    """The primary key of each row as a label: null where it is of the wrong type."""
    import pyarrow as pa
    import pyarrow.compute as pc

    values = typed.values[pk]
    if not typed.reported[pk].any():
        return values
    return pc.if_else(pa.array(typed.reported[pk]), pa.scalar(None, values.type), values)
