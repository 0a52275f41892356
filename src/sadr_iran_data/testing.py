"""Test data from the declarations: hypothesis strategies of valid records, and synthetic tables of any size.

For testing code that reads these tables, or tables of your own that extend
them. Each value comes from its column type's strategy
(:mod:`sadr_iran_data.column_types`), and each record is made to satisfy the
table's row rules by the rule kinds' ``repair`` (:mod:`sadr_iran_data.constraints`).
Needs hypothesis (``pip install 'sadr-iran-data[test]'``).

Examples
--------
>>> from hypothesis import given
>>> from sadr_iran_data.declarations import TABLES
>>> from sadr_iran_data.testing import records
>>> @given(records(TABLES["events"]))
... def test(row):
...     assert not any(rule.violated(row) for rule in TABLES["events"].checks)
>>> test()
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from .declarations import TABLES, Column, Table

if TYPE_CHECKING:
    from hypothesis.strategies import DrawFn, SearchStrategy

#: The id prefix of each table, for key columns.
PREFIXES = {t.name: t.prefix for t in TABLES.values()}


@cache
def value_strategy(table: Table, col: Column) -> SearchStrategy[Any]:
    """Valid values of one column, as its column type generates them."""
    return col.column_type.strategy(col, PREFIXES)


@cache
def _cell_strategies(table: Table) -> tuple[tuple[str, SearchStrategy[Any]], ...]:
    """Each column's strategy, with null where the column is nullable; made once, as hypothesis validates a strategy on first use."""
    from hypothesis import strategies as st

    cells = ((col, value_strategy(table, col)) for col in table.columns)
    return tuple((col.name, st.none() | strategy if col.nullable else strategy) for col, strategy in cells)


class _Draft:
    """What a rule's ``repair`` may ask: a new value of a column, whether a column may be null."""

    def __init__(self, draw: DrawFn, table: Table) -> None:
        self._draw, self._table = draw, table

    def draw(self, column: str) -> Any:
        return self._draw(value_strategy(self._table, self._table.column(column)))

    def nullable(self, column: str) -> bool:
        return self._table.column(column).nullable


def _record(draw: DrawFn, table: Table) -> dict[str, Any]:
    from hypothesis import assume

    from .rules import RULES

    row = {name: draw(strategy) for name, strategy in _cell_strategies(table)}
    draft = _Draft(draw, table)
    # the codebook's rules that read this one table, row by row, and can set a row right
    coding = [rule for rule in RULES if rule.tables == (table.name,) and rule.repair is not None]
    for _ in range(6):
        broken = [rule for rule in table.checks if rule.violated(row)]
        for rule in broken:
            rule.repair(row, draft)
        if broken:
            continue
        unkept = [rule for rule in coding if rule.findings({table.name: [row]})]
        if not unkept:
            return row
        for coding_rule in unkept:
            if coding_rule.repair is not None:
                coding_rule.repair(row)
    assume(not any(rule.violated(row) for rule in table.checks) and not any(rule.findings({table.name: [row]}) for rule in coding))
    return row


def records(table: Table) -> SearchStrategy[dict[str, Any]]:
    """A strategy of random records that satisfy every column rule and row rule of ``table``."""
    from hypothesis import strategies as st

    build: Callable[[], SearchStrategy[dict[str, Any]]] = st.composite(_record)  # type: ignore[arg-type]
    return build(table)  # type: ignore[call-arg]


def sample_records(table: Table, count: int, seed: int = 0) -> list[dict[str, Any]]:
    """Up to ``count`` distinct valid records of ``table``, the same for the same seed."""
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import seed as with_seed

    found: list[dict[str, Any]] = []

    @with_seed(seed)
    @settings(max_examples=count, database=None, phases=[Phase.generate], deadline=None, suppress_health_check=list(HealthCheck))
    @given(records(table))
    def collect(row: dict[str, Any]) -> None:
        found.append(row)

    collect()
    return found


def synthetic_table(table: Table, rows: int, seed: int = 0, pool: int = 400) -> Any:
    """``rows`` valid rows of ``table`` as an Arrow table of its declared schema, the same for the same seed.

    The rows are drawn from ``pool`` generated records, each given its own
    primary key (``{prefix}-syn-0000001``, …), so every row rule holds and
    every key is unique.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    sample = sample_records(table, pool, seed)
    arrow = pa.Table.from_pylist(sample, schema=table.arrow_schema())
    picks = np.random.default_rng(seed).integers(0, len(sample), rows)
    picked = arrow.take(pa.array(picks))
    numbers = pc.utf8_lpad(pc.cast(pa.array(np.arange(rows)), pa.string()), 7, "0")  # as f"{i:07d}" writes them
    keys = pc.binary_join_element_wise(f"{table.prefix}-syn-", numbers, "")
    position = table.column_names.index(table.primary_key)
    return picked.set_column(position, table.arrow_schema().field(position), keys)
