"""The registry: every column type and rule kind is complete, and its forms agree with each other."""

from __future__ import annotations

import calendar
import datetime
import re
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from strategies import records as _records

from sadr_iran_data.column_types import BAD, COLUMN_TYPES, EDTF_PATTERN, EDTF_PRECISIONS, edtf_bounds, edtf_precision
from sadr_iran_data.constraints import COLUMN_RULES, ROW_RULES
from sadr_iran_data.declarations import TABLES, VOCABULARIES, Column
from sadr_iran_data.testing import PREFIXES

#: The strategy of records of each table, made once: hypothesis builds and checks a strategy when it is first drawn from.
RECORDS = {name: _records(table) for name, table in TABLES.items()}
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
    rows = draw(st.lists(RECORDS[table.name], min_size=1, max_size=4))
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


#: Each declared column with a column rule, and the rule, by rule kind (a column of every type the kind is declared on).
COLUMN_RULE_CASES: dict[str, list[tuple[Column, Any]]] = {}
for _table in TABLES.values():
    for _col in _table.columns:
        for _rule in _col.constraints:
            cases = COLUMN_RULE_CASES.setdefault(_rule.kind, [])
            if (_col.type, _rule) not in {(c.type, r) for c, r in cases}:
                cases.append((_col, _rule))

#: Text that is not NFC: letters with combining marks after them, and marks that NFC composes or reorders.
UNNORMALISED = st.text(alphabet="ae oıİ\u0301\u0308\u0327\u0323\u1e0b\u212b\ufb01", max_size=6)


def _near_misses(col: Column, rule: Any) -> st.SearchStrategy[Any]:
    """Values of the column's type close to the edge of ``rule``: some break it, some do not."""
    if rule.kind == "vocabulary":
        value = st.sampled_from(rule.values)
        return st.one_of(
            value,
            value.map(str.upper),
            value.map(lambda v: v[:-1]),
            value.map(lambda v: v + "s"),
            value.map(lambda v: f" {v}"),
            st.text(max_size=8),
        )
    if rule.kind == "pattern":
        alphabet = st.sampled_from(sorted(set(rule.pattern) | set("aZ09-:/. ")))
        matching = st.from_regex(rule.pattern)
        return st.one_of(matching, matching.map(lambda t: "x" + t), matching.map(lambda t: t[:-1]), st.text(alphabet, max_size=12))
    if rule.kind in ("minimum", "maximum"):
        bound = rule.bound
        if col.type == "int":
            return st.integers(int(bound) - 3, int(bound) + 3)
        return st.one_of(st.just(bound), st.floats(bound - 1, bound + 1, allow_nan=False))
    if rule.kind == "nfc":
        return st.lists(UNNORMALISED, max_size=3) if col.type == "list" else UNNORMALISED.filter(str.strip)
    if rule.kind == "max_words":
        # one word fewer, as many and one more than allowed, split by any white space, with white space around them
        spaces = st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u2009", "\u3000"])
        words = st.text(alphabet="aé’-,", min_size=1, max_size=4)

        def text(count: int) -> st.SearchStrategy[str]:
            parts = st.lists(st.tuples(words, spaces), min_size=count, max_size=count)
            return st.tuples(spaces, parts).map(lambda t: t[0] + "".join(w + s for w, s in t[1]))

        return st.sampled_from([rule.words - 1, rule.words, rule.words + 1]).flatmap(text)
    raise AssertionError(f"no near misses for rule kind {rule.kind}: add them here")


@st.composite
def column_rule_cases(draw: Any, kind: str) -> tuple[Column, Any, list[Any]]:
    col, rule = draw(st.sampled_from(COLUMN_RULE_CASES[kind]))
    valid = col.column_type.strategy(col, PREFIXES)
    values = draw(st.lists(st.one_of(valid, _near_misses(col, rule), st.none()), min_size=1, max_size=6))
    return col, rule, [v for v in values if v is None or col.column_type.convert(v) is not BAD]  # of the column's type


def test_every_column_rule_kind_has_cases_and_near_misses():
    assert set(COLUMN_RULE_CASES) == set(COLUMN_RULES)
    for kind, cases in COLUMN_RULE_CASES.items():
        for col, rule in cases:
            assert _near_misses(col, rule) is not None, kind


@pytest.mark.parametrize("kind", sorted(COLUMN_RULES))
def test_a_column_rules_mask_agrees_with_its_check_of_each_value_and_the_near_misses_break_it_and_keep_it(kind):
    """The mask agrees with the check of each value, over values that reach both sides of the rule.

    The near misses drawn break the rule and keep it, so a check that accepts anything is caught.
    """
    broken = kept = False

    @SETTINGS
    @given(column_rule_cases(kind))
    def check(case: tuple[Column, Any, list[Any]]) -> None:
        nonlocal broken, kept
        col, rule, values = case
        parsed = col.column_type.parse(values)
        assert not parsed.bad.any(), (col.name, values)  # the rule checks values of the type
        expected = [value is not None and rule.violated(value) for value in values]
        mask = rule.mask(parsed.values).tolist()
        assert mask == expected, (col.name, rule, values)
        broken = broken or any(mask)
        kept = kept or any(v is not None and not m for v, m in zip(values, mask, strict=True))

    check()
    assert broken and kept, kind


@SETTINGS
@given(st.sampled_from(list(TABLES)), st.data())
def test_a_repaired_record_satisfies_every_rule_and_its_json_schema_forms_hold(name, data):
    table = TABLES[name]
    row = data.draw(RECORDS[table.name])
    assert not any(rule.violated(row) for rule in table.checks)
    assert not any(rule.mask(_arrays(table, [row])).any() for rule in table.checks)
    for col in table.columns:
        for rule in col.constraints:
            assert row[col.name] is None or not rule.violated(row[col.name]), (col.name, rule.kind)


def test_a_span_whose_length_does_not_fit_64_bits_breaks_its_rule_and_never_wraps_round():
    rule = next(r for r in TABLES["evidence"].checks if r.kind == "span_length")
    start, end, text = rule.columns
    # end - start is 1 - 2**64: wrapped to 64 bits it is 1, the length of the text
    spans = [(2**63 - 1, -(2**63)), (-(2**63), 2**63 - 1), (2**62, -(2**62)), (0, 1), (-1, 0)]
    rows = [{start: a, end: b, text: "a"} for a, b in spans]
    expected = [True, True, True, False, False]
    assert [rule.violated(row) for row in rows] == expected
    arrays = {start: pa.array([a for a, _ in spans]), end: pa.array([b for _, b in spans]), text: pa.array(["a"] * len(spans))}
    assert rule.mask(arrays).tolist() == expected


def test_edtf_precisions_are_date_precision_values():
    assert set(EDTF_PRECISIONS) < set(VOCABULARIES["date_precision"].values)


# --------------------------------------------------------------------------
# EDTF: the declared pattern matches exactly what the parser reads, and the parser agrees with the edtf package
# --------------------------------------------------------------------------


def _digits(count: int) -> st.SearchStrategy[str]:
    """``count`` ASCII digits: what ``[0-9]{count}`` matches, drawn without the regex engine, at half the cost."""
    return st.text("0123456789", min_size=count, max_size=count)


#: Years, months, days and decades at the edges where the pattern, the parser and the calendar must agree, beside
#: random digits: no year 0 or decade 0, leap and common years and centuries, month 0 and 13, February, the
#: months of 30 days, day 0 and days 28 to 32.
_YEARS = st.one_of(_digits(4), st.sampled_from(["0000", "0001", "0004", "0100", "0400", "1900", "2000", "2004", "2007", "2100", "9999"]))
_MONTHS = st.one_of(_digits(2), st.sampled_from(["00", "01", "02", "04", "06", "09", "11", "12", "13"]))
_DAYS = st.one_of(_digits(2), st.sampled_from(["00", "01", "28", "29", "30", "31", "32"]))
_DECADES = st.one_of(_digits(3), st.sampled_from(["000", "001", "199", "999"]))

_PIECE = st.one_of(
    _YEARS,  # [0-9]{4}
    st.builds("{}X".format, _DECADES),  # [0-9]{3}X
    st.builds("{}-{}".format, _YEARS, _MONTHS),  # [0-9]{4}-[0-9]{2}
    st.builds("{}-{}-{}".format, _YEARS, _MONTHS, _DAYS),  # [0-9]{4}-[0-9]{2}-[0-9]{2}
    st.builds(lambda d: d.isoformat(), st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31))),
    st.just(".."),
    st.text("0123456789X-./ ", max_size=12),
)
NEAR_EDTF = st.one_of(
    _PIECE, st.builds(lambda a, b: f"{a}/{b}", _PIECE, _PIECE), st.builds(lambda a, b, c: f"{a}/{b}/{c}", _PIECE, _PIECE, _PIECE)
)

#: Strings at every edge of the forms, tried on every run before the drawn ones: what must be read, and what must not.
EDTF_EDGES = (
    "2004-02-29", "2000-02-29", "0400-02-29", "1900-02-29", "2007-02-29", "2100-02-29", "2007-02-28", "2007-02-30",
    "2007-04-30", "2007-04-31", "2007-06-31", "2007-09-31", "2007-11-31", "2007-12-31", "2007-01-31", "2007-01-32",
    "2007-01-00", "2007-00", "2007-13", "2007-12", "2004-02", "1900-02", "2000-02", "2007-02", "2007-04",
    "0000", "0001", "9999", "000X", "001X", "198X", "999X", "..", "../..", "2005/..", "../2005", "198X/..", "../198X",
    "2004/2005/2006", "2007-02-28/2007-03", "199X/2000-02", "", " 2007", "2007 ", "2007-3",
    "0001-01-01", "9999-12-31", "0001/9999", "001X/..", "../9999-12", "2004-02-29/2004-03-01", "199X/200X", "2007-02-28/..",
    "../2007-02-28", "2008/2007", "2007-03/2007-02-28", "2007-02-28/2007-02-28", "2007/../2008", "2007-02-28T10", "2007-1-01",
    "20070228", "/2007", "2007/", "2007-02-28 ", "198x",
)  # fmt: skip


def _edge_examples(texts: tuple[str, ...]):
    """Each of ``texts`` as an explicit example of a test of one text."""

    def add(test):
        for text in reversed(texts):
            test = example(text)(test)
        return test

    return add


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


#: Valid EDTF strings of every form, to compare with the edtf package: days (a month's last among them), months,
#: years and decades, at the edges of the calendar as often as anywhere, alone, in intervals and with an open end.
_YEAR_NUMBER = st.one_of(st.integers(1, 9999), st.sampled_from([1, 4, 100, 400, 1900, 2000, 2004, 2007, 2100, 9999]))
_MONTH_NUMBER = st.one_of(st.integers(1, 12), st.sampled_from([2, 4, 12]))
_UNIT = st.one_of(
    st.one_of(st.dates(datetime.date(1, 1, 1), datetime.date(9999, 12, 31)), st.builds(_month_end, _YEAR_NUMBER, _MONTH_NUMBER)).map(
        datetime.date.isoformat
    ),
    st.builds("{:04d}-{:02d}".format, _YEAR_NUMBER, _MONTH_NUMBER),
    _YEAR_NUMBER.map("{:04d}".format),
    st.integers(1, 999).map("{:03d}X".format),
)
EDTF_TEXTS = st.one_of(_UNIT, st.builds("{}/{}".format, _UNIT, _UNIT), _UNIT.map("{}/..".format), _UNIT.map("../{}".format))


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


@settings(max_examples=200, deadline=None)  # beside the edges above, which every run tries first
@given(NEAR_EDTF)
@_edge_examples(EDTF_EDGES)
def test_the_edtf_pattern_matches_exactly_what_the_parser_reads(text):
    matches = re.fullmatch(EDTF_PATTERN, text) is not None
    assert matches == _reads(text) == _reads_by_hand(text), text
    arrow = COLUMN_TYPES["edtf"].parse(pa.array([text]))
    assert bool(arrow.bad[0]) is not matches


@settings(max_examples=40, deadline=None)  # beside the readable edges above (each form, alone and in intervals), tried first
@given(st.one_of(EDTF_TEXTS, NEAR_EDTF))
@_edge_examples(tuple(text for text in EDTF_EDGES if _reads(text)))
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
