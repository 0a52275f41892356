"""The rules, on the typed columns: required values, the column rules, unique ids, the row rules, foreign keys.

Every rule is a vectorised check of typed Arrow columns (the rule kinds of
:mod:`sadr_iran_data.constraints`); a cell already reported is not checked again.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..column_types import flags, plain_array
from ..declarations import TABLES, Column
from ._report import ValidationFailure, ValidationReport
from ._typing import Keys, Typed

if TYPE_CHECKING:
    import pyarrow as pa


def check_columns(typed: Typed) -> None:
    """The rules of single columns: required values, vocabularies, patterns, ranges, NFC text, and the unique primary key."""
    table = typed.source.table
    for col in table.columns:
        if col.name not in typed.values:
            continue
        if not col.nullable:
            _required(typed, col)
        for rule in col.constraints:
            broken = rule.mask(typed.values[col.name]) & ~typed.reported[col.name]
            typed.failures += typed.places.failures(col.name, rule.kind, broken, rule.message)
            typed.reported[col.name] |= broken
    if table.primary_key in typed.values:
        _unique(typed, table.primary_key)


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
    failures = sorted(typed.failures, key=lambda f: -1 if f.row is None else f.row)
    return ValidationReport(table.name, typed.source.rows, tuple(failures), typed.source.label)


def _foreign_keys(typed: Typed, keys: Keys) -> None:
    import numpy as np
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
        values = typed.values[col.name]
        for target, named_by in targets.items():
            rows = usable if named_by is None else usable & flags(pc.equal(named_by.cast(pa.string()), target))
            if pa.types.is_list(values.type):  # a list of ids: every item must refer to a row
                items = pc.list_flatten(values)
                owners = pc.list_parent_indices(values).to_numpy()
                unknown = np.zeros(len(rows), dtype=bool)
                unknown[owners[~flags(pc.is_in(items, keys(target)))]] = True
                dangling = rows & unknown
            else:
                dangling = rows & ~flags(pc.is_in(values, keys(target)))
            typed.failures += typed.places.failures(col.name, "foreign_key", dangling, f"refers to no row of {target}")


def coding_rules(
    typed: Mapping[str, Typed], texts: Mapping[str, str] | None = None
) -> tuple[dict[str, list[ValidationFailure]], tuple[str, ...]]:
    """The coding rules whose tables are all among ``typed``, as failures of each table, and the rules applied.

    A finding names its row by id; the failure gives the row's number and (for
    a CSV file) its line too. A table with failures of its own types is left
    to them: a coding rule reads only tables whose every cell was read; and a
    row that already breaks a declared rule is reported for that, not judged
    again by the coding rules.
    """
    import numpy as np

    from ..rules import check, runnable

    ready = {name: t for name, t in typed.items() if t.complete()}
    applied = runnable(frozenset(ready))
    failures: dict[str, list[ValidationFailure]] = {name: [] for name in typed}
    if not applied:
        return failures, ()
    broken = {name: {f.row for f in t.failures if f.row is not None} for name, t in ready.items()}
    found = check({name: _sound_rows(t, broken[name]) for name, t in ready.items()}, applied, texts=texts)
    positions = {name: _positions(t) for name, t in ready.items()}
    for finding in found:
        rows = [r for r in positions[finding.table].get(finding.record_id, []) if r not in broken[finding.table]]
        if not rows:
            continue
        target = ready[finding.table]
        mask = np.zeros(target.source.rows, dtype=bool)
        mask[rows] = True
        failures[finding.table] += target.places.failures(
            finding.column, finding.rule, mask, finding.message, values=finding.column is not None
        )
    return failures, tuple(rule.name for rule in applied)


def _sound_rows(typed: Typed, broken: set[int]) -> pa.Table:
    """The typed rows of a table that break no declared rule, as a plain Arrow table."""
    import numpy as np
    import pyarrow as pa

    values = typed.arrow_values()
    if not broken:
        return values
    keep = np.ones(values.num_rows, dtype=bool)
    keep[sorted(broken)] = False
    return values.filter(pa.array(keep))


def _positions(typed: Typed) -> dict[str, list[int]]:
    keys = typed.values[typed.source.table.primary_key].to_pylist()
    found: dict[str, list[int]] = {}
    for number, key in enumerate(keys):
        if isinstance(key, str):
            found.setdefault(key, []).append(number)
    return found
