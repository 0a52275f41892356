"""Hypothesis strategies that build valid records of any table from its declaration."""

from __future__ import annotations

import datetime
import re
import string

from hypothesis import assume
from hypothesis import strategies as st

from sadr_iran_data.declarations import Column, Table

_TEXT = st.text(alphabet=string.ascii_letters + string.digits + " -’", min_size=1, max_size=30).map(str.strip).filter(bool)


def _id(prefix: str) -> st.SearchStrategy[str]:
    return st.from_regex(rf"\A{prefix}-[a-z0-9][a-z0-9\-]{{0,12}}\Z")


def value_strategy(table: Table, col: Column) -> st.SearchStrategy:
    if col.name == table.primary_key:
        return _id(table.prefix)
    if col.type == "id":
        target = col.references or "citations"
        return _id({"citations": "cit", "actors": "act", "locations": "loc", "events": "evt"}.get(target, target[:3]))
    if col.vocabulary is not None:
        return st.sampled_from(col.vocabulary.values)
    if col.pattern is not None:
        return st.from_regex(re.compile(col.pattern.replace("^", r"\A").replace("$", r"\Z")))
    if col.type == "string":
        return _TEXT
    if col.type == "int":
        return st.integers(
            int(col.minimum if col.minimum is not None else -(2**40)), int(col.maximum if col.maximum is not None else 2**40)
        )
    if col.type == "float":
        return st.floats(col.minimum if col.minimum is not None else -1e6, col.maximum if col.maximum is not None else 1e6, allow_nan=False)
    if col.type == "bool":
        return st.booleans()
    if col.type == "date":
        return st.dates(datetime.date(1900, 1, 1), datetime.date(2100, 1, 1))
    return st.lists(_TEXT, max_size=3)


@st.composite
def records(draw, table: Table) -> dict:
    """A random record that satisfies every column constraint and row rule of ``table``."""
    row = {}
    for col in table.columns:
        strategy = value_strategy(table, col)
        row[col.name] = draw(st.none() | strategy) if col.nullable else draw(strategy)

    def fill(name: str) -> None:
        row[name] = draw(value_strategy(table, table.column(name)))

    for _ in range(5):
        broken = [r for r in table.checks if r.violated(row)]
        if not broken:
            return row
        for rule in broken:
            a, b = rule.columns
            if rule.kind == "ordered":
                row[a], row[b] = min(row[a], row[b]), max(row[a], row[b])
                if rule.strict and row[a] == row[b]:
                    row[b] += 1
            elif rule.kind == "together" and row[a] is None:
                row[b] = None
            elif rule.kind in ("together", "implies"):
                fill(b)
            elif rule.kind == "required_if":
                row[b] = None
                if row[a] in rule.values:
                    fill(b)
            elif rule.kind == "differs":
                if table.column(b).nullable:
                    row[b] = None
                else:
                    fill(b)
    assume(not any(r.violated(row) for r in table.checks))
    return row
