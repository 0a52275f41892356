"""A rule's verdicts over an Arrow table: judged per distinct combination of its columns, the same as judging every row."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from sadr_iran_data.rules._base import _FEW, per_distinct

ROW = st.fixed_dictionaries(
    {
        "kind": st.none() | st.sampled_from(["a", "b", "a\x1fb", ""]),
        "tags": st.none() | st.lists(st.sampled_from(["x", "y", "x\x1ey", ""]), max_size=3),
    }
)


@st.composite
def tables(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Rows drawn from a few, so that they repeat; as many as the few judged one by one, or the many grouped."""
    pool = draw(st.lists(ROW, min_size=1, max_size=6))
    size = draw(st.integers(0, 3 * _FEW))
    return draw(st.lists(st.sampled_from(pool), min_size=size, max_size=size))


def _judge(row: dict[str, Any]) -> str | None:
    """A verdict that tells apart what grouping could confuse: null and empty, a separator inside a value, list order."""
    if row["kind"] is None:
        return "no kind"
    if row["tags"] and row["tags"][0] == "y":
        return f"{row['kind']!r} starts with y"
    return None


@settings(deadline=None)  # the first example imports pyarrow.compute
@given(rows=tables())
def test_each_rows_verdict_is_its_own(rows):
    table = pa.Table.from_pylist(rows, schema=pa.schema([("kind", pa.string()), ("tags", pa.list_(pa.string()))]))
    expected = [(i, message) for i, row in enumerate(table.to_pylist()) if (message := _judge(row)) is not None]
    assert per_distinct(table, ("kind", "tags"), _judge) == expected
