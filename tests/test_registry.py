"""The registry: every column type and rule kind is complete, and its forms agree with each other."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from strategies import records

from sadr_iran_data.column_types import BAD, COLUMN_TYPES, EDTF_PATTERN, EDTF_PRECISIONS, edtf_bounds, edtf_precision
from sadr_iran_data.constraints import COLUMN_RULES, ROW_RULES
from sadr_iran_data.declarations import TABLES, VOCABULARIES, Column
from sadr_iran_data.testing import PREFIXES

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
#: One declared column of each type, to generate values of it.
EXAMPLE = {c.type: c for t in TABLES.values() for c in reversed(t.columns)}


def test_every_declared_type_is_registered_and_used():
    assert set(EXAMPLE) == set(COLUMN_TYPES)


@pytest.mark.parametrize("name", COLUMN_TYPES)
def test_each_type_says_what_it_is_in_every_system(name):
    import pandas as pd

    kind, col = COLUMN_TYPES[name], EXAMPLE[name]
    assert kind.name == name and kind.description and kind.message and kind.misfits
    assert isinstance(kind.arrow_type(), pa.DataType)
    assert pd.api.types.pandas_dtype(kind.pandas_dtype(col)) is not None
    assert kind.table_schema()["type"] in ("string", "integer", "number", "boolean", "date", "array")
    assert kind.sqlite in ("TEXT", "INTEGER", "REAL") and kind.duckdb and kind.graphml in ("string", "long", "double", "boolean")
    # Croissant 1.1's atomic data types (docs/croissant-spec-1.1.md, "DataType")
    assert kind.croissant_field()["dataType"] in ("sc:Text", "sc:Integer", "sc:Float", "sc:Boolean", "sc:Date")
    polars = pytest.importorskip("polars")
    assert isinstance(kind.polars_dtype(col), polars.DataType | type)


@st.composite
def typed_values(draw: Any) -> tuple[Column, Any]:
    name = draw(st.sampled_from(sorted(COLUMN_TYPES)))
    col = EXAMPLE[name]
    return col, draw(col.column_type.strategy(col, PREFIXES))


@SETTINGS
@given(typed_values())
def test_a_value_survives_its_text_and_json_forms(pair):
    col, value = pair
    kind = col.column_type
    assert kind.convert(value) == value
    text = kind.to_text(value)
    assert kind.convert(kind.to_json(value)) == value
    parsed = kind.parse(pa.array([text, None], type=pa.string()), csv=True)
    assert not parsed.bad.any(), (col.type, text)
    assert parsed.values.cast(kind.arrow_type()).to_pylist() == [value, None]


@pytest.mark.parametrize("name", COLUMN_TYPES)
def test_misfits_are_refused_one_by_one_and_in_a_column(name):
    kind = COLUMN_TYPES[name]
    for value in kind.misfits:
        assert kind.convert(value) is BAD, value
    parsed = kind.parse([*kind.misfits, None])
    assert parsed.bad.tolist() == [True] * len(kind.misfits) + [False]
    assert parsed.values.null_count == len(kind.misfits) + 1


# --------------------------------------------------------------------------
# Rule kinds: the check of a record and the vectorised mask agree
# --------------------------------------------------------------------------


def test_every_rule_kind_is_used_by_a_declaration():
    used_rows = {rule.kind for table in TABLES.values() for rule in table.checks}
    used_columns = {rule.kind for table in TABLES.values() for col in table.columns for rule in col.constraints}
    assert used_rows == set(ROW_RULES)
    assert used_columns == set(COLUMN_RULES)


def _arrays(table, rows):
    return {c.name: c.column_type.parse([r[c.name] for r in rows]).values for c in table.columns}


@st.composite
def records_with_a_rule_poked(draw: Any) -> tuple[Any, Any, list[dict[str, Any]]]:
    name = draw(st.sampled_from([n for n, t in TABLES.items() if t.checks]))
    table = TABLES[name]
    rule = draw(st.sampled_from(table.checks))
    rows = draw(st.lists(records(table), min_size=1, max_size=4))
    for row in rows:
        if draw(st.booleans()):
            column = draw(st.sampled_from(rule.columns))
            col = table.column(column)
            row[column] = draw(st.none() if col.nullable and draw(st.booleans()) else col.column_type.strategy(col, PREFIXES))
    return table, rule, rows


@SETTINGS
@given(records_with_a_rule_poked())
def test_a_rules_mask_agrees_with_its_check_of_each_record(case):
    table, rule, rows = case
    expected = [rule.violated(row) for row in rows]
    assert rule.mask(_arrays(table, rows)).tolist() == expected


@SETTINGS
@given(st.sampled_from(list(TABLES)), st.data())
def test_a_repaired_record_satisfies_every_rule_and_its_json_schema_forms_hold(name, data):
    table = TABLES[name]
    row = data.draw(records(table))
    assert not any(rule.violated(row) for rule in table.checks)
    assert not any(rule.mask(_arrays(table, [row])).any() for rule in table.checks)
    for col in table.columns:
        for rule in col.constraints:
            assert row[col.name] is None or not rule.violated(row[col.name]), (col.name, rule.kind)


def test_edtf_precisions_are_date_precision_values():
    assert set(EDTF_PRECISIONS) < set(VOCABULARIES["date_precision"].values)


# --------------------------------------------------------------------------
# EDTF: the declared pattern matches exactly what the parser reads, and the parser agrees with the edtf package
# --------------------------------------------------------------------------


def _digits(count: int) -> st.SearchStrategy[str]:
    """``count`` ASCII digits: what ``[0-9]{count}`` matches, drawn without the regex engine, at half the cost."""
    return st.text("0123456789", min_size=count, max_size=count)


_PIECE = st.one_of(
    _digits(4),  # [0-9]{4}
    st.builds("{}X".format, _digits(3)),  # [0-9]{3}X
    st.builds("{}-{}".format, _digits(4), _digits(2)),  # [0-9]{4}-[0-9]{2}
    st.builds("{}-{}-{}".format, _digits(4), _digits(2), _digits(2)),  # [0-9]{4}-[0-9]{2}-[0-9]{2}
    st.builds(lambda d: d.isoformat(), st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31))),
    st.just(".."),
    st.text("0123456789X-./ ", max_size=12),
)
NEAR_EDTF = st.one_of(
    _PIECE, st.builds(lambda a, b: f"{a}/{b}", _PIECE, _PIECE), st.builds(lambda a, b, c: f"{a}/{b}/{c}", _PIECE, _PIECE, _PIECE)
)


def _reads(text: str) -> bool:
    try:
        edtf_bounds(text)
    except ValueError:
        return False
    return True


def _reads_by_hand(text: str) -> bool:
    """The codebook's forms read by hand with datetime: a day, month, year or decade, or two joined by / with .. for an open end."""
    parts = text.split("/")
    if len(parts) > 2 or parts == ["..", ".."] or (len(parts) == 1 and parts[0] == ".."):
        return False
    for part in parts:
        if part == ".." and len(parts) == 2:
            continue
        try:
            if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", part):
                datetime.date.fromisoformat(part)
            elif re.fullmatch(r"[0-9]{4}-[0-9]{2}", part):
                datetime.date(int(part[:4]), int(part[5:]), 1)
            elif re.fullmatch(r"[0-9]{4}", part):
                datetime.date(int(part), 1, 1)
            elif re.fullmatch(r"[0-9]{3}X", part):
                datetime.date(int(part[:3] + "0"), 1, 1)
            else:
                return False
        except ValueError:
            return False
    return True


@settings(max_examples=1500, deadline=None)
@given(NEAR_EDTF)
def test_the_edtf_pattern_matches_exactly_what_the_parser_reads(text):
    matches = re.fullmatch(EDTF_PATTERN, text) is not None
    assert matches == _reads(text) == _reads_by_hand(text), text
    arrow = COLUMN_TYPES["edtf"].parse(pa.array([text]))
    assert bool(arrow.bad[0]) is not matches


@settings(max_examples=300, deadline=None)
@given(NEAR_EDTF)
def test_the_parser_agrees_with_the_edtf_package(text):
    edtf = pytest.importorskip("edtf")
    assume(_reads(text))
    first, last = edtf_bounds(text)
    try:
        parsed = edtf.parse_edtf(text)
    except (edtf.EDTFParseException, TypeError):  # the package fails either way
        # the one combination the package does not read: a decade (198X) with an open end (198X/..)
        assert "X" in text and ".." in text, text
        return

    def day(struct: Any) -> datetime.date:
        return datetime.date(struct.tm_year, struct.tm_mon, struct.tm_mday)

    if first is not None:
        assert day(parsed.lower_strict()) == first
    if last is not None:
        assert day(parsed.upper_strict()) == last
    if "/" not in text:
        assert parsed.precision == edtf_precision(text)
