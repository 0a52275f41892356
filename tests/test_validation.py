"""sid.validate: valid data passes; each kind of bad value is reported by table, column, row and rule."""

from __future__ import annotations

import copy
import csv as csv_module
import datetime
import io
import json
import re

import pandas as pd
import pytest
from bad_inputs import BAD_FILES, DEEP, HOSTILE_FILES, write
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from strategies import records as _records

import sadr_iran_data as sid
from sadr_iran_data.declarations import TABLES
from sadr_iran_data.errors import SkippedFilesWarning

#: The strategy of records of each table, made once: hypothesis builds and checks a strategy when it is first drawn from.
RECORDS = {name: _records(table) for name, table in TABLES.items()}
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def _frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(rows[0]))


def _unique_rows(table, rows):
    seen, out = set(), []
    for row in rows:
        if row[table.primary_key] not in seen:
            seen.add(row[table.primary_key])
            out.append(row)
    return out


@st.composite
def table_and_rows(draw, names=tuple(TABLES)):
    name = draw(st.sampled_from(names))
    rows = draw(st.lists(RECORDS[name], min_size=1, max_size=5))
    return name, _unique_rows(TABLES[name], rows)


def _valid_generated_rows_pass(name, rows):
    report = sid.validate(_frame(rows), table=name, references=False)
    assert report.ok, str(report)


def _expect(report, name, column, row, rule):
    assert not report.ok
    hits = [f for f in report.failures if (f.table, f.column, f.record_id, f.rule) == (name, column, row, rule)]
    assert hits, f"expected {name}.{column} [{row}] {rule}; got:\n{report}"
    message = str(hits[0])
    assert name in message and row in message and rule in message
    assert column in message


_TYPED = tuple(n for n, t in TABLES.items() if any(c.type in ("int", "float", "date", "bool") for c in t.columns))


def _wrong_type_is_reported(name, rows, draw):
    typed = [c for c in TABLES[name].columns if c.type in ("int", "float", "date", "bool")]
    col = draw.draw(st.sampled_from(typed))
    target = draw.draw(st.integers(0, len(rows) - 1))
    rows[target][col.name] = draw.draw(st.sampled_from(["not a value", "12abc", "2004-13-45"]))
    report = sid.validate(_frame(rows), table=name, references=False)
    _expect(report, name, col.name, rows[target][TABLES[name].primary_key], "type")


def _value_outside_the_vocabulary_is_reported(name, rows, draw):
    col = draw.draw(st.sampled_from([c for c in TABLES[name].columns if c.vocabulary]))
    bad = draw.draw(st.text(min_size=1, max_size=12).filter(lambda v: v.strip() and v not in col.vocabulary.values))
    rows[0][col.name] = bad
    report = sid.validate(_frame(rows), table=name, references=False)
    _expect(report, name, col.name, rows[0][TABLES[name].primary_key], "vocabulary")


def _coordinate_out_of_range_is_reported(rows, column, excess, below):
    limit = 90 if column == "latitude" else 180
    row = rows[0]
    row[column] = -limit - excess if below else limit + excess
    other = "longitude" if column == "latitude" else "latitude"
    row[other] = row[other] if row[other] is not None else 0.0
    row["geo_precision"] = row["geo_precision"] or "town"
    row["coordinate_source"] = row["coordinate_source"] or "a test"
    report = sid.validate(_frame(rows), table="locations", references=False)
    _expect(report, "locations", column, row["location_id"], "minimum" if below else "maximum")


def test_coordinates_just_or_far_beyond_their_range_are_reported():
    """The edges of the drawn search below: each coordinate, below and above its range, by the least and the most excess it draws."""
    shipped = sid.load("locations", backend="arrow").slice(0, 2).to_pylist()
    for column in ("latitude", "longitude"):
        for excess in (0.001, 1e6):
            for below in (False, True):
                _coordinate_out_of_range_is_reported(copy.deepcopy(shipped), column, excess, below)


@settings(SETTINGS, max_examples=8)  # beside the edges above
@given(
    st.lists(RECORDS["locations"], min_size=1, max_size=4),
    st.sampled_from(["latitude", "longitude"]),
    st.floats(0.001, 1e6, allow_nan=False),
    st.booleans(),
)
def test_out_of_range_coordinates_are_reported(rows, column, excess, below):
    _coordinate_out_of_range_is_reported(_unique_rows(TABLES["locations"], rows), column, excess, below)


#: The tables with a foreign key.
_KEYED = ("events", "relations", "event_actors", "evidence", "citations", "actors", "locations")


def _dangling_foreign_key_is_reported(name, rows, draw):
    table = TABLES[name]
    keyed = [c for c in table.columns if c.references and c.references != name]
    if not keyed:  # actors/locations only refer to themselves
        col = next(c for c in table.columns if c.references == name)
        rows[0][col.name] = rows[0][table.primary_key] + "-missing"
        references = None
    else:
        col = draw.draw(st.sampled_from(keyed))
        dangling = draw.draw(st.from_regex(r"\A[a-z]{3}-[a-z0-9]{1,10}\Z"))
        rows[0][col.name] = [dangling] if col.type == "list" else dangling  # a list of ids dangles by one item
        references = {t: pd.DataFrame({TABLES[t].primary_key: pd.Series([], dtype="string")}) for t in TABLES}
    report = sid.validate(_frame(rows), table=name, references=references)
    _expect(report, name, col.name, rows[0][table.primary_key], "foreign_key")


def _end_before_start_is_reported(name, rows, start, days_before):
    rows[0]["date_start"] = start
    rows[0]["date_end"] = start - datetime.timedelta(days=days_before)
    report = sid.validate(_frame(rows), table=name, references=False)
    _expect(report, name, "date_end", rows[0][TABLES[name].primary_key], "date_order")


def test_an_end_a_day_or_years_before_the_start_is_reported():
    """The edges of the drawn search below: each dated table, the first and last start it draws, an end 1 and 5000 days before."""
    for name in ("events", "relations"):
        shipped = sid.load(name, backend="arrow").slice(0, 2).to_pylist()
        for start in (datetime.date(1980, 1, 2), datetime.date(2007, 12, 31)):
            for days_before in (1, 5000):
                _end_before_start_is_reported(name, copy.deepcopy(shipped), start, days_before)


@settings(SETTINGS, max_examples=8)  # beside the edges above
@given(
    table_and_rows(names=("events", "relations")), st.dates(datetime.date(1980, 1, 2), datetime.date(2007, 12, 31)), st.integers(1, 5000)
)
def test_end_before_start_is_reported(data, start, days_before):
    name, rows = data
    _end_before_start_is_reported(name, rows, start, days_before)


def _missing_required_value_is_reported(name, rows, draw):
    col = draw.draw(st.sampled_from([c for c in TABLES[name].columns[1:] if not c.nullable]))
    rows[0][col.name] = None
    report = sid.validate(_frame(rows), table=name, references=False)
    _expect(report, name, col.name, rows[0][TABLES[name].primary_key], "required")


def test_all_failures_are_collected_not_just_the_first():
    events = sid.load_events().astype({"certainty": "string", "event_type": "string"})
    events.loc[0, "certainty"] = "surely"
    events.loc[0, "event_type"] = "party"
    events.loc[0, "date_end"] = events.loc[0, "date_start"] - pd.Timedelta(days=1)
    events["extra"] = 1
    report = sid.validate(events, table="events")
    assert {f.rule for f in report.failures} >= {"vocabulary", "date_order", "unknown_column"}
    with pytest.raises(sid.SchemaValidationError, match="failure"):
        report.raise_for_errors()
    frame = report.to_frame()
    assert list(frame.columns) == ["table", "column", "row", "record_id", "line", "rule", "message", "value"]
    assert len(frame) == len(report.failures)
    vocabulary = frame.loc[frame["rule"] == "vocabulary", ["row", "record_id"]]
    assert frame["row"].dtype == "Int64" and {tuple(r) for r in vocabulary.values.tolist()} == {(0, events.loc[0, "event_id"])}
    assert frame.loc[frame["rule"] == "unknown_column", "row"].isna().all()
    assert frame.loc[frame["rule"] == "unknown_column", "record_id"].isna().all()
    assert [f.row for f in report.failures] == [f.row_number for f in report.failures]  # the name up to 1.4 stays


@settings(max_examples=30, deadline=None)
@given(rows=st.integers(0, 3), failures=st.integers(0, 3))
def test_a_report_counts_its_rows_and_failures_in_the_right_number(rows, failures):
    from sadr_iran_data.validation import ValidationFailure, ValidationReport

    failure = ValidationFailure("events", "summary", 0, "required", "a value is required", record_id="evt-0001")
    report = ValidationReport("events", rows, (failure,) * failures, source="mine.csv")
    words = {0: "0 {}s", 1: "1 {}", 2: "2 {}s", 3: "3 {}s"}
    outcome = "valid" if failures == 0 else words[failures].format("failure")
    assert report.heading() == f"mine.csv (events): {words[rows].format('row')}, {outcome}"
    assert repr(report) == f"ValidationReport(table='events', source='mine.csv', rows={rows}, failures={failures}, rules=0)"
    if failures:
        with pytest.raises(sid.SchemaValidationError, match=rf"^{words[failures].format('validation failure')}:\n"):
            report.raise_for_errors()


def test_the_repr_of_a_report_of_many_failures_is_one_short_line():
    events = sid.load_events().astype({"certainty": "string"})
    events["certainty"] = "surely"
    report = sid.validate(events, table="events", references=False)
    assert len(report.failures) >= len(events) and len(str(report).splitlines()) > len(events)
    assert "\n" not in repr(report) and len(repr(report)) < 100
    counts = f"rows={len(events)}, failures={len(report.failures)}, rules={len(report.rules)}"
    assert repr(report) == f"ValidationReport(table='events', {counts})"


def test_duplicate_primary_key_and_missing_column():
    actors = sid.load_actors()
    doubled = pd.concat([actors, actors.head(1)]).drop(columns=["description"])
    report = sid.validate(doubled, table="actors")
    rules = {(f.rule, f.column) for f in report.failures}
    assert ("unique", "actor_id") in rules
    assert ("missing_column", "description") in rules


@pytest.mark.parametrize("name", list(TABLES))
def test_shipped_tables_validate_by_name_and_as_files(name, tmp_path):
    assert sid.validate(name).ok
    path = tmp_path / f"{name}.parquet"
    sid.load(name, backend="arrow").to_pandas().to_parquet(path)
    assert sid.validate(path).ok


@pytest.mark.parametrize("name", list(TABLES))
def test_csv_round_trip_validates(name, tmp_path):
    df = sid.load(name)
    for col in TABLES[name].columns:
        if col.type == "list":
            df[col.name] = df[col.name].map(col.column_type.to_text)
    path = tmp_path / f"{name}.csv"
    df.to_csv(path, index=False)
    report = sid.validate(path)
    assert report.ok, str(report)


def test_pydantic_models_accept_shipped_rows_and_reject_broken_ones():
    from pydantic import ValidationError

    from sadr_iran_data.models import MODELS

    for name in TABLES:
        for row in sid.load(name, backend="arrow").to_pylist():
            MODELS[name].model_validate(row)
    row = next(r for r in sid.load("relations", backend="arrow").to_pylist() if r["date_start"] is not None)
    with pytest.raises(ValidationError, match="date_order"):
        MODELS["relations"].model_validate({**row, "date_end": datetime.date(1900, 1, 1)})
    with pytest.raises(ValidationError, match="extra"):
        MODELS["relations"].model_validate({**row, "colour": "red"})


# --------------------------------------------------------------------------
# Minimally broken rows: one cell changed, the report names its column and row
# --------------------------------------------------------------------------


def _wrong_typed(col):
    """Values of other types than ``col``'s, as its column type lists them."""
    return st.sampled_from(col.column_type.misfits)


def _breaks(table, col):
    """(rule, strategy of bad values) pairs that break ``col`` and nothing else."""
    breaks = [("type", _wrong_typed(col))]
    if col.vocabulary is not None:
        breaks.append(("vocabulary", st.text(min_size=1, max_size=12).filter(lambda v: v.strip() and v not in col.vocabulary.values)))
    if col.pattern is not None and col.type in ("id", "string"):
        breaks.append(("pattern", st.sampled_from(["!!", "a b", "Ω"])))
    whole = col.type == "int"
    if col.minimum is not None:
        breaks.append(("minimum", st.floats(1e-3, 1e6).map(lambda d: int(col.minimum) - 1 - int(d) if whole else col.minimum - d)))
    if col.maximum is not None:
        breaks.append(("maximum", st.floats(1e-3, 1e6).map(lambda d: int(col.maximum) + 1 + int(d) if whole else col.maximum + d)))
    if not col.nullable:
        breaks.append(("required", st.none()))
    return breaks


def _a_minimally_broken_row_fails_naming_its_column_row_and_rule(name, rows, draw):
    table = TABLES[name]
    col = draw.draw(st.sampled_from(table.columns))
    rule, values = draw.draw(st.sampled_from(_breaks(table, col)))
    target = draw.draw(st.integers(0, len(rows) - 1))
    rows[target][col.name] = draw.draw(values)
    frame = pd.DataFrame(rows, columns=table.column_names, dtype=object)
    report = sid.validate(frame, table=name, references=False)
    hits = [f for f in report.failures if (f.column, f.row, f.rule) == (col.name, target, rule)]
    assert hits, f"expected {name}.{col.name} row {target} {rule}; got:\n{report}"
    assert name in str(hits[0]) and col.name in str(hits[0]) and f"row {target}" in str(hits[0])
    if rule != "required":
        assert repr(hits[0].value) in str(hits[0]) and hits[0].value is not None
    assert {f.row for f in report.failures} == {target}, str(report)
    if rule == "type":
        assert report.failures == tuple(hits), "a value of the wrong type is reported once, not again by the checks it then fails"


def _every_broken_cell_is_reported_not_just_the_first(name, rows, draw):
    table = TABLES[name]
    cells = draw.draw(
        st.sets(st.tuples(st.integers(0, len(rows) - 1), st.sampled_from(table.column_names)), min_size=1, max_size=3 * len(rows))
    )
    for row, column in cells:
        rows[row][column] = draw.draw(_wrong_typed(table.column(column)))
    report = sid.validate(pd.DataFrame(rows, columns=table.column_names, dtype=object), table=name, references=False)
    assert {(f.row, f.column) for f in report.failures} == cells, str(report)
    assert len(report.failures) == len(cells)
    assert {f.rule for f in report.failures} == {"type"}


# --------------------------------------------------------------------------
# Types are strict: what pandas would quietly convert is reported
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "table, column, value",
    [
        ("events", "summary", 5),
        ("events", "date_start", 20070101),
        ("events", "date_start", 1.5),
        ("events", "date_start", "2007-02-30"),
        ("events", "date_start", "1066-01-01"),
        ("actors", "birth_year", 1950.5),
        ("actors", "birth_year", True),
        ("event_actors", "event_id", 12),
        ("locations", "latitude", "north"),
        ("actors", "aliases", "Moqtada"),
    ],
)
def test_values_pandas_would_quietly_convert_are_type_failures(table, column, value):
    df = sid.load(table).head(3).astype(object)
    df.loc[1, column] = value
    report = sid.validate(df, table=table, references=False)
    assert [(f.column, f.row, f.rule, f.value) for f in report.failures] == [(column, 1, "type", value)], str(report)


@pytest.mark.parametrize(
    "text", ["2007-02-30", "2007-13-01", "2007-00-10", "0000-01-01", "1066-01-01", "2300-01-01", "2007-1-1", "01/02/2007", "2007"]
)
def test_impossible_dates_in_a_csv_file_are_reported(tmp_path, text):
    events = sid.load_events().head(4)
    events["date_start"] = events["date_start"].dt.strftime("%Y-%m-%d")
    events.loc[1, "date_start"] = text
    path = tmp_path / "events.csv"
    events.to_csv(path, index=False)
    report = sid.validate(path, references=False)
    assert [(f.column, f.record_id, f.row, f.rule, f.value) for f in report.failures] == [
        ("date_start", events.loc[1, "event_id"], 1, "type", text)
    ], str(report)


# --------------------------------------------------------------------------
# Columns: missing, extra, repeated (the documented policy)
# --------------------------------------------------------------------------


def test_column_policy_missing_extra_and_repeated_columns():
    events = sid.load_events()
    report = sid.validate(events.drop(columns=["summary", "certainty"]), table="events", references=False)
    missing = {("summary", None, "missing_column"), ("certainty", None, "missing_column")}
    assert {(f.column, f.row, f.rule) for f in report.failures} == missing
    assert all(str(f).startswith(f"events.{f.column} [table]: ") for f in report.failures)

    extra = events.assign(my_notes="checked", score=1)
    report = sid.validate(extra, table="events", references=False)
    assert {(f.column, f.rule) for f in report.failures} == {("my_notes", "unknown_column"), ("score", "unknown_column")}
    assert sid.validate(extra, table="events", references=False, extra_columns="ignore").ok

    doubled = pd.concat([events, events[["summary"]]], axis=1)
    report = sid.validate(doubled, table="events", references=False)
    assert [(f.column, f.rule) for f in report.failures] == [("summary", "duplicate_column")]

    reordered = events[list(reversed(events.columns))]
    assert sid.validate(reordered, table="events", references=False).ok
    with pytest.raises(sid.SadrIranDataError, match="extra_columns must be"):
        sid.validate(events, table="events", extra_columns="drop")


def test_a_repeated_column_in_a_csv_file_is_reported_not_renamed(tmp_path):
    path = tmp_path / "actors.csv"
    sid.export("csv", tmp_path, tables=["actors"])
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join(f"{line},{line.split(',')[0]}" for line in lines) + "\n", encoding="utf-8")
    report = sid.validate(path, references=False)
    assert [(f.column, f.rule) for f in report.failures] == [("actor_id", "duplicate_column")]


# --------------------------------------------------------------------------
# Input that is not a table at all: one clear error
# --------------------------------------------------------------------------


@pytest.mark.parametrize("case", BAD_FILES)
def test_input_that_is_not_a_table_is_one_clear_error(tmp_path, case):
    make, message = BAD_FILES[case]
    path = make(tmp_path)
    with pytest.raises(sid.InputError, match=re.escape(message)):
        sid.validate(path, references=False)


_CSV_TEXT = st.text(st.characters(exclude_categories=("Cs",)) | st.sampled_from(list(',,,"\n\r;[]{} \t')), min_size=1, max_size=300)
_HEADER = ",".join(TABLES["events"].column_names) + "\n"
_ANY_FILE = st.one_of(
    st.binary(min_size=1, max_size=2000),
    _CSV_TEXT.map(lambda text: text.encode("utf-8")),
    _CSV_TEXT.map(lambda text: (_HEADER + text).encode("utf-8")),  # the right header, then anything
)


#: Files at the edges of the drawn ones, tried first: one byte, bytes that are no UTF-8, a bare Parquet magic and an empty
#: Parquet frame, the header alone, with a blank line, an unclosed quote, too few and too many cells, and another separator.
_FILE_EDGES = (
    (b"\x00", "csv"),
    (b"\xff\xfe\x00", "csv"),
    (b"PAR1", "parquet"),
    (b"PAR1\x00\x00\x00\x00PAR1", "parquet"),
    (_HEADER.encode("utf-8"), "csv"),
    (_HEADER.encode("utf-8"), "parquet"),
    ((_HEADER + "\n").encode("utf-8"), "csv"),
    ((_HEADER + '"').encode("utf-8"), "csv"),
    ((_HEADER + ",").encode("utf-8"), "csv"),
    ((_HEADER + "," * 60 + "\n").encode("utf-8"), "csv"),
    (_HEADER.replace(",", ";").encode("utf-8"), "csv"),
)


def _file_edge_examples(test):
    for data, suffix in reversed(_FILE_EDGES):
        test = example(data, suffix)(test)
    return test


@settings(max_examples=150, deadline=None)  # beside the edges above
@given(_ANY_FILE, st.sampled_from(["csv", "parquet"]))
@_file_edge_examples
def test_arbitrary_bytes_give_a_report_or_an_input_error_never_a_crash(data, suffix):
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as tmp:
        path = write(Path(tmp) / f"events.{suffix}", data)
        try:
            report = sid.validate(path, references=False)
        except sid.InputError as exc:
            assert str(exc) and "\n" not in str(exc)
        else:
            assert not report.ok or report.rows == 0


@pytest.mark.parametrize("case", HOSTILE_FILES)
def test_a_hostile_table_gives_a_report_of_its_failures(tmp_path, case):
    make, expected = HOSTILE_FILES[case]
    report = sid.validate(make(tmp_path), references=False)
    assert report.rows == 1
    assert report.counts() == expected
    for failure in report.failures:
        assert len(str(failure)) < 1000  # a huge value is shown cut, with its length


def test_a_cell_nested_too_deep_is_that_cells_type_failure_with_its_line(tmp_path):
    path = HOSTILE_FILES["deep nesting after a blank line"][0](tmp_path)
    (failure,) = sid.validate(path, references=False).failures
    assert (failure.column, failure.rule, failure.row, failure.line) == ("aliases", "type", 0, 3)
    assert failure.value == DEEP  # the report keeps the value whole; its line shows the start and the length
    assert str(failure).endswith(f"(value: '{DEEP[:199]}… (200,000 characters)) (rule: type)")


def test_not_a_table_objects_are_clear_errors():
    with pytest.raises(sid.SadrIranDataError, match="pass table="):
        sid.validate(sid.load_events())
    with pytest.raises(sid.SadrIranDataError, match="cannot validate a int"):
        sid.validate(3, table="events")
    with pytest.raises(sid.UnknownTableError, match="unknown table 'event'"):
        sid.validate(sid.load_events(), table="event")


# --------------------------------------------------------------------------
# Validation never changes what it is given
# --------------------------------------------------------------------------


def _validation_never_mutates_the_callers_frame(name, rows, draw):
    table = TABLES[name]
    if draw.draw(st.booleans()):  # a broken frame as well as a valid one
        col = draw.draw(st.sampled_from(table.columns))
        rows[0][col.name] = draw.draw(_wrong_typed(col))
    frame = pd.DataFrame(rows, columns=table.column_names, dtype=object)
    frame.index = pd.Index([f"r{i}" for i in range(len(frame))])  # a non-default index, which validation must not reset in place
    frame.attrs["owner"] = "me"
    before = frame.copy(deep=True)
    sid.validate(frame, table=name, references=False)
    pd.testing.assert_frame_equal(frame, before, check_exact=True)
    assert frame.attrs == {"owner": "me"}


@settings(SETTINGS, max_examples=30)
@given(table_and_rows(), st.data())
def test_generated_rows_pass_and_every_kind_of_broken_cell_is_reported(data, draw):
    """Each check of the generated rows, on its own copy of them: valid rows pass, and each kind of broken cell is reported.

    The rows are drawn once for all the checks, as drawing valid rows costs more than validating them.
    """
    name, rows = data
    _valid_generated_rows_pass(name, copy.deepcopy(rows))
    if name in _TYPED:
        _wrong_type_is_reported(name, copy.deepcopy(rows), draw)
    _value_outside_the_vocabulary_is_reported(name, copy.deepcopy(rows), draw)
    _missing_required_value_is_reported(name, copy.deepcopy(rows), draw)
    if name in _KEYED:
        _dangling_foreign_key_is_reported(name, copy.deepcopy(rows), draw)
    _a_minimally_broken_row_fails_naming_its_column_row_and_rule(name, copy.deepcopy(rows), draw)
    _every_broken_cell_is_reported_not_just_the_first(name, copy.deepcopy(rows), draw)
    _validation_never_mutates_the_callers_frame(name, copy.deepcopy(rows), draw)


def test_validating_a_file_leaves_it_byte_for_byte(tmp_path):
    sid.export("csv", tmp_path, tables=["events"])
    path = tmp_path / "events.csv"
    data = path.read_bytes()
    assert sid.validate(path).ok
    assert path.read_bytes() == data


def test_validating_a_loaded_table_leaves_it_as_loaded():
    events = sid.load_events()
    before = events.copy(deep=True)
    events.loc[0, "date_end"] = events.loc[0, "date_start"] - pd.Timedelta(days=1)
    broken = events.copy(deep=True)
    assert not sid.validate(events, table="events").ok
    pd.testing.assert_frame_equal(events, broken, check_exact=True)
    assert not events.equals(before)


# --------------------------------------------------------------------------
# Frames and files as researchers make them
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(TABLES))
def test_a_parquet_file_saved_from_a_loaded_table_with_pandas_validates(name, tmp_path):
    path = tmp_path / f"{name}.parquet"
    sid.load(name).to_parquet(path)  # carries pandas metadata: ArrowDtype lists, categoricals, the index
    report = sid.validate(path)
    assert report.ok, str(report)


def _one(report):
    return [(f.column, f.row, f.rule, f.value) for f in report.failures]


def test_arrow_backed_columns_are_read_for_what_they_hold():
    import pyarrow as pa

    locations = sid.load_locations().head(4)
    located = locations["geonames_id"].notna()
    d = locations.copy()
    d["geonames_id"] = d["geonames_id"].astype("float64").astype(pd.ArrowDtype(pa.float64()))
    assert sid.validate(d, table="locations", references=False).ok
    d.loc[located.idxmax(), "geonames_id"] = 1.5
    assert _one(sid.validate(d, table="locations", references=False)) == [("geonames_id", located.idxmax(), "type", 1.5)]

    events = sid.load_events().head(4)
    d = events.copy()
    d["summary"] = pd.Series(pd.arrays.ArrowExtensionArray(pa.array(events["summary"].tolist(), type=pa.string_view())))
    d["date_start"] = d["date_start"].astype(pd.ArrowDtype(pa.timestamp("us", tz="UTC")))
    d["date_end"] = d["date_end"].dt.tz_localize("UTC")
    assert sid.validate(d, table="events", references=False).ok

    actors = sid.load_actors().head(4)
    d = actors.copy()
    large = pa.array(actors["aliases"].tolist(), type=pa.list_(pa.large_string()))
    d["aliases"] = pd.Series(pd.arrays.ArrowExtensionArray(large))
    assert sid.validate(d, table="actors", references=False).ok
    d["aliases"] = pd.Series(pd.arrays.ArrowExtensionArray(pa.array([["a", None], [], [], ["b"]], type=pa.list_(pa.string()))))
    assert [(c, r, rule) for c, r, rule, _ in _one(sid.validate(d, table="actors", references=False))] == [("aliases", 0, "type")]


def test_dates_out_of_range_or_with_a_time_of_day_are_reported_once_with_their_row():
    import datetime as dt

    events = sid.load_events().head(4).reset_index(drop=True)
    d = events.copy()
    d["date_start"] = d["date_start"].astype("datetime64[us]")  # what pandas 3 makes by default
    d.loc[1, "date_start"] = pd.Timestamp("1066-01-01")
    d.loc[2, "date_start"] = pd.Timestamp("2300-01-01")
    d.loc[3, "date_start"] = pd.Timestamp("2004-01-01 13:00")
    report = sid.validate(d, table="events", references=False)
    assert [(c, r, rule) for c, r, rule, _ in _one(report)] == [("date_start", row, "type") for row in (1, 2, 3)]
    as_objects = events.astype({"date_start": object})
    as_objects.loc[3, "date_start"] = dt.datetime(2004, 1, 1, 13, 0)
    report = sid.validate(as_objects, table="events", references=False)
    assert [(c, r, rule) for c, r, rule, _ in _one(report)] == [("date_start", 3, "type")]


def test_big_whole_numbers_are_exact_and_out_of_range_ones_keep_their_value(tmp_path):
    locations = sid.load_locations().head(3).astype({"geonames_id": object})
    locations.loc[0, "geonames_id"] = 2**63 - 1
    locations.loc[1, "geonames_id"] = None
    assert sid.validate(locations, table="locations", references=False).ok
    locations.loc[2, "geonames_id"] = 2**70
    assert _one(sid.validate(locations, table="locations", references=False)) == [("geonames_id", 2, "type", 2**70)]
    path = tmp_path / "locations.csv"
    text = locations.astype({"geonames_id": object})
    text["aliases"] = text["aliases"].map(lambda v: json.dumps(list(v)))
    text.loc[2, "geonames_id"] = "99999999999999999999"
    text.to_csv(path, index=False)
    assert _one(sid.validate(path, references=False)) == [("geonames_id", 2, "type", "99999999999999999999")]


def test_a_whole_number_beyond_a_double_in_a_number_column_is_a_number_not_a_crash():
    locations = sid.load_locations().head(3).reset_index(drop=True)
    locations["latitude"] = pd.array([2**60 + 1, 33, 34], dtype="Int64")  # a double holds no 2**60 + 1 exactly
    assert _one(sid.validate(locations, table="locations", references=False)) == [("latitude", 0, "maximum", 2**60 + 1)]


def test_arrow_dates_in_milliseconds_off_a_day_are_type_failures_not_a_crash():
    import pyarrow as pa

    events = sid.load("events", backend="arrow").slice(0, 3)
    position = events.schema.get_field_index("known_date")
    day = 86_400_000
    ticks = pa.array([12_000 * day, 12_000 * day + 5, None], type=pa.date64())  # the second is 5 ms after midnight
    events = events.set_column(position, "known_date", ticks)
    report = sid.validate(events, table="events", references=False)
    assert [(c, r, rule) for c, r, rule, _ in _one(report) if rule == "type"] == [("known_date", 1, "type")]


@pytest.mark.parametrize("cell", ["[1, 2]", '["a", null]', '[["a"]]', '[{"a": 1}]', "[true]"])
def test_csv_list_cells_that_are_not_lists_of_text_are_reported(tmp_path, cell):
    actors = sid.load_actors().head(2)
    actors["aliases"] = actors["aliases"].map(lambda v: json.dumps(list(v)))
    actors.loc[1, "aliases"] = cell
    path = tmp_path / "actors.csv"
    actors.to_csv(path, index=False)
    assert _one(sid.validate(path, references=False)) == [("aliases", 1, "type", cell)]


def test_text_forms_and_blank_text_are_treated_alike_in_frames_and_files():
    events = (
        sid.load_events().dropna(subset=["date_start"]).head(3).reset_index(drop=True).astype({"summary": object, "date_start": object})
    )
    events.loc[0, "summary"] = "   "
    events.loc[1, "date_start"] = f" {events.loc[1, 'date_start'].date().isoformat()} "  # its own day, as text with blanks
    report = sid.validate(events, table="events", references=False)
    assert [(c, r, rule) for c, r, rule, _ in _one(report)] == [("summary", 0, "required")]
    citations = sid.load_citations().head(3).astype({"anonymous": object})
    citations.loc[0, "anonymous"] = "true"
    assert sid.validate(citations, table="citations", references=False).ok
    citations.loc[1, "anonymous"] = "maybe"
    assert _one(sid.validate(citations, table="citations", references=False)) == [("anonymous", 1, "type", "maybe")]


def test_csv_headers_with_line_breaks_and_without_a_final_newline(tmp_path):
    events = sid.load_events().head(2)
    path = tmp_path / "events.csv"
    events.rename(columns={"coding_note": "coding\nnote"}).to_csv(path, index=False)
    report = sid.validate(path, references=False)
    assert report.rows == 2
    assert {(f.column, f.rule) for f in report.failures} == {("coding\nnote", "unknown_column"), ("coding_note", "missing_column")}
    assert "'coding\\nnote'" in str(report)
    path.write_text(",".join(TABLES["events"].column_names), encoding="utf-8")
    assert sid.validate(path, references=False).ok


def test_odd_column_names_stay_visible_and_layered_columns_are_refused():
    events = sid.load_events().head(2).assign(**{"": 1})
    report = sid.validate(events, table="events", references=False)
    assert [(f.column, f.rule) for f in report.failures] == [("", "unknown_column")]
    assert "events.'' [table]" in str(report)
    layered = sid.load_events().head(2)
    layered.columns = pd.MultiIndex.from_tuples([("a", c) for c in layered.columns])
    with pytest.raises(sid.InputError, match="several levels of column names"):
        sid.validate(layered, table="events")


def test_frames_that_forbid_duplicate_labels_and_polars_or_arrow_frames_validate():
    import polars as pl
    import pyarrow as pa

    events = sid.load_events().astype({"certainty": "string", "event_type": "string"}).set_flags(allows_duplicate_labels=False)
    events.loc[0, "certainty"] = "maybe"
    events.loc[0, "event_type"] = "party"
    assert {(f.column, f.row) for f in sid.validate(events, table="events").failures} == {("certainty", 0), ("event_type", 0)}
    as_polars, as_arrow = sid.load("events", backend="polars"), sid.load("events", backend="arrow")
    assert isinstance(as_polars, pl.DataFrame) and isinstance(as_arrow, pa.Table)
    assert sid.validate(as_polars, table="events").ok
    assert sid.validate(as_arrow, table="events").ok


def test_references_must_be_tables_with_their_key():
    events = sid.load_events()
    for references, message in [
        ({"events": ["evt-0001"]}, r"cannot validate a list as references\['events'\]"),
        ({"evnts": events}, "references name no table 'evnts'"),
        ({"locations": sid.load_locations().drop(columns=["location_id"])}, r"references\['locations'\] needs exactly one 'location_id'"),
        ("events", "references must be a mapping"),
    ]:
        with pytest.raises(sid.InputError, match=message):
            sid.validate(events, table="events", references=references)
    as_arrow = {name: sid.load(name, backend="arrow") for name in ("locations", "citations")}
    assert sid.validate(events, table="events", references=as_arrow).ok


# --------------------------------------------------------------------------
# What people who extend the data need
# --------------------------------------------------------------------------


def test_a_near_miss_in_a_vocabulary_gets_a_suggestion_and_a_short_vocabulary_is_listed():
    events = sid.load_events().head(2).astype({"certainty": "string", "event_type": "string"})
    events.loc[0, "certainty"] = "rumoured"
    events.loc[1, "event_type"] = "meetng"
    failures = {f.column: str(f) for f in sid.validate(events, table="events", references=False).failures}
    assert "did you mean 'rumored'?" in failures["certainty"]
    assert "(allowed: stated, known, likely, rumored, claimed, alleged, expected)" in failures["certainty"]
    assert "did you mean 'meeting'?" in failures["event_type"]
    assert "allowed:" not in failures["event_type"]  # thirty values are too many to list; the data dictionary has them


def _events_csv(tmp_path, text_edit=None):
    sid.export("csv", tmp_path, tables=["events"])
    path = tmp_path / "events.csv"
    if text_edit:
        path.write_bytes(text_edit(path.read_bytes().decode("utf-8")).encode("utf-8"))
    return path


def _break_row(text: str, row: int) -> str:
    """The CSV text with the certainty of data row ``row`` (counted from 0) made 'surely'."""
    lines = text.split("\r\n")
    for certainty in TABLES["events"].column("certainty").vocabulary.values:
        if f",{certainty}," in lines[row + 1]:
            lines[row + 1] = lines[row + 1].replace(f",{certainty},", ",surely,", 1)
            return "\r\n".join(lines)
    raise AssertionError(lines[row + 1])


@pytest.mark.parametrize(
    "layout, line",
    [
        ("plain", 5),
        ("a blank line before it", 6),
        ("a line break inside an earlier cell", 5),  # a spreadsheet shows a record as one row, however many lines it spans
    ],
)
def test_a_csv_failure_names_the_line_a_spreadsheet_shows(tmp_path, layout, line):
    def edit(text: str) -> str:
        text = _break_row(text, 3)
        lines = text.split("\r\n")
        if layout == "a blank line before it":
            lines.insert(3, "")
        if layout == "a line break inside an earlier cell":
            summary = TABLES["events"].column_names.index("summary")
            cells = next(csv_module.reader([lines[1]]))
            cells[summary] = cells[summary] + "\nsecond line"
            buffer = io.StringIO()
            csv_module.writer(buffer, lineterminator="\r\n").writerow(cells)
            lines[1] = buffer.getvalue().removesuffix("\r\n")
        return "\r\n".join(lines)

    report = sid.validate(_events_csv(tmp_path, edit), references=False)
    [failure] = report.failures
    assert (failure.rule, failure.row, failure.line) == ("vocabulary", 3, line)
    assert f"row 3, line {line}]" in str(failure)
    assert report.to_frame()["line"].tolist() == [line]


def test_frames_carry_no_line_numbers():
    events = sid.load_events().head(2).astype({"certainty": "string"})
    events.loc[1, "certainty"] = "surely"
    [failure] = sid.validate(events, table="events", references=False).failures
    assert failure.line is None and "line" not in str(failure)


def _new_place_and_event():
    places = sid.load_locations()
    town = places[places["location_id"] == "loc-mehran"].assign(location_id="loc-my-town", name="My Town", wikidata_id=None)
    town["wikidata_source"] = None
    # the first event goes to the new town; another keeps a shipped place (evt-0004 in Iran: evt-0003 is unplaced since round 3)
    events = sid.load_events().head(4).copy()
    events.loc[0, "location_id"] = "loc-my-town"
    assert events.loc[1:, "location_id"].notna().any()
    return town.reset_index(drop=True), events


def test_references_add_to_the_shipped_tables_by_default_or_replace_them():
    town, events = _new_place_and_event()
    report = sid.validate(events, table="events")
    assert [(f.column, f.rule, f.value) for f in report.failures] == [("location_id", "foreign_key", "loc-my-town")]
    assert sid.validate(events, table="events", references={"locations": town}).ok  # the new place and the shipped ones
    replaced = sid.validate(events, table="events", references={"locations": town}, references_mode="replace")
    shipped_places = set(events["location_id"].dropna()) - {"loc-my-town"}
    assert {f.value for f in replaced.failures} == shipped_places and {f.rule for f in replaced.failures} == {"foreign_key"}
    with pytest.raises(sid.InputError, match="references_mode must be"):
        sid.validate(events, table="events", references_mode="merge")


def test_a_folder_or_a_mapping_of_tables_is_checked_against_each_other(tmp_path):
    town, events = _new_place_and_event()
    events.to_parquet(tmp_path / "events.parquet")
    town.to_parquet(tmp_path / "locations.parquet")
    (tmp_path / "notes.txt").write_text("not a table", encoding="utf-8")
    with pytest.warns(SkippedFilesWarning, match="notes.txt"):
        reports = sid.validate_tables(tmp_path)
    assert list(reports) == ["locations", "events"] and all(r.ok for r in reports.values())
    assert reports["events"].source == "events.parquet"
    with pytest.warns(SkippedFilesWarning, match="notes.txt"):
        replaced = sid.validate_tables(tmp_path, references_mode="replace")  # the folder's one place replaces the shipped ones
    assert {f.value for f in replaced["events"].failures} == set(events["location_id"].dropna()) - {"loc-my-town"}
    assert [f.value for f in replaced["locations"].failures] == ["loc-ilam-province"]  # its parent is a shipped place
    assert all(r.ok for r in sid.validate_tables({"events": events, "locations": town}).values())
    assert not sid.validate_tables({"events": events}, references_mode="replace")["events"].ok
    with pytest.raises(sid.InputError, match="holds no table file"):
        sid.validate_tables(tmp_path / "empty" if (tmp_path / "empty").mkdir() is None else tmp_path)
    (tmp_path / "events.csv").write_text("event_id\n", encoding="utf-8")
    with pytest.raises(sid.InputError, match="two files of events"):
        sid.validate_tables(tmp_path)


def test_a_folder_names_the_files_it_skipped_in_a_warning(tmp_path):
    import warnings

    sid.export("csv", tmp_path, tables=["locations"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing skipped: no warning
        assert all(r.ok for r in sid.validate_tables(tmp_path).values())
    for name in ("notes.txt", "location.csv", "events_wide.parquet"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "old").mkdir()
    with pytest.warns(SkippedFilesWarning) as caught:
        reports = sid.validate_tables(tmp_path)
    assert list(reports) == ["locations"] and reports["locations"].ok
    (warning,) = caught
    assert str(warning.message) == (
        f"{tmp_path}: skipped 4 files it cannot match to a table: events_wide.parquet (a wide view), location.csv (locations.csv?), "
        "notes.txt, old/; a table's file is named after it, as events.csv or events.parquet"
    )
    assert warning.filename == __file__  # the caller's line, not the library's


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(st.from_regex(r"\A[a-z_]{1,12}\Z"), min_size=2, max_size=6), rows=st.integers(0, 3), data=st.data())
def test_a_csv_file_separated_by_semicolons_is_refused_with_a_hint(tmp_path, names, rows, data):
    cells = [data.draw(st.text("abc ,.-", max_size=8)) for _ in names]
    path = tmp_path / "events.csv"
    path.write_text(";".join(names) + "\n" + (";".join(cells) + "\n") * rows, encoding="utf-8")
    with pytest.raises(sid.InputError, match=r"^events\.csv looks separated by ';', not ','"):
        sid.validate(path)
    path.write_text(",".join(names) + "\n", encoding="utf-8")  # the same names between commas: a report of its columns
    assert {f.rule for f in sid.validate(path, references=False).failures} <= {"missing_column", "unknown_column", "duplicate_column"}
    path.write_text(names[0] + "\n", encoding="utf-8")  # one column and no semicolon: a report, no hint
    assert not sid.validate(path, references=False).ok


@pytest.mark.parametrize("name", list(TABLES))
def test_the_csv_export_loaded_with_pandas_and_edited_validates(name, tmp_path):
    sid.export("csv", tmp_path, tables=[name])
    as_text = pd.read_csv(tmp_path / f"{name}.csv", dtype=str, keep_default_na=False, na_values=[""])
    assert sid.validate(as_text, table=name).ok, name
    guessed = pd.read_csv(tmp_path / f"{name}.csv")  # pandas guesses types: list cells stay JSON text
    report = sid.validate(guessed, table=name)
    for failure in report.failures:  # only digits in text columns (a volume '5'), which pandas read as numbers
        assert failure.rule == "type" and TABLES[name].column(failure.column).column_type.text, str(failure)
        assert "dtype=str" in failure.message
    edited = as_text.copy()
    edited.loc[0, TABLES[name].columns[-1].name] = edited.loc[0, TABLES[name].columns[-1].name]
    assert sid.validate(edited, table=name).ok


def test_list_columns_written_as_json_arrays_are_read_from_frames_too():
    actors = sid.load_actors().head(3)
    actors["aliases"] = actors["aliases"].map(lambda v: json.dumps(list(v)))
    assert sid.validate(actors, table="actors", references=False).ok
    actors.loc[1, "aliases"] = "Qom"  # a bare string in a frame is not a list (in CSV, values may be joined with ;)
    assert _one(sid.validate(actors, table="actors", references=False)) == [("aliases", 1, "type", "Qom")]


def _first(df, mask):
    return int(df.index[mask][0])


BROKEN_BY_RULE = {
    "edtf_start": (
        "events",
        lambda d: _first(d, d["date_edtf"].str.fullmatch(r"\d{4}-\d{2}").fillna(False)),
        "date_start",
        pd.Timestamp("1999-01-01"),
    ),
    "edtf_end": (
        "events",
        lambda d: _first(d, d["date_edtf"].str.fullmatch(r"\d{4}").fillna(False)),
        "date_end",
        pd.Timestamp("2001-06-30"),
    ),
    "edtf_precision": ("events", lambda d: _first(d, d["date_precision"].eq("month").fillna(False)), "date_precision", "day"),
    "known_date_in_period": (
        "events",
        lambda d: _first(d, d["known_date"].notna() & d["date_start"].notna()),
        "known_date",
        pd.Timestamp("1700-01-01"),
    ),
    "plover_of_event_type": ("events", lambda d: _first(d, d["event_type"].eq("situation")), "plover_type", "ACCUSE"),
    "plover_mode_of_type": ("events", lambda d: _first(d, d["plover_type"].eq("AID")), "plover_mode", "visit"),
    "plover_context_values": ("events", lambda d: _first(d, d["plover_type"].eq("AID")), "plover_context", ["military", "martial"]),
    "cameo_of_plover": ("events", lambda d: _first(d, d["plover_type"].eq("AID")), "cameo_root", "12"),
    "support_intent_iff_supports": ("relations", lambda d: _first(d, d["relation_type"].eq("supports")), "support_intent", None),
    "date_unit": ("citations", lambda d: _first(d, d["date_precision"].eq("year").fillna(False)), "date", pd.Timestamp("2007-03-08")),
    "quote_length": ("evidence", lambda d: 0, "char_end", None),
    "nfc": ("actors", lambda d: 0, "description", "Cafe\u0301 in Qum"),
}


@pytest.mark.parametrize("rule", BROKEN_BY_RULE)
def test_every_rule_the_codebook_states_is_enforced_for_users_data(rule):
    name, pick, column, value = BROKEN_BY_RULE[rule]
    df = sid.load(name)
    row = pick(df)
    if rule == "quote_length":
        value = int(df.loc[row, "char_end"]) + 1
    if rule in ("edtf_precision", "plover_of_event_type"):
        df = df.astype({column: "string"})
    if isinstance(value, list):  # a list cell: rebuild the column, as .loc would spread the list over cells
        df[column] = [value if i == row else list(v) for i, v in enumerate(df[column])]
    else:
        df.loc[row, column] = value
    report = sid.validate(df, table=name, references=False)
    assert {(f.rule, f.row) for f in report.failures} == {(rule, row)}, str(report)
    assert sid.validate(sid.load(name), table=name, references=False).ok


def test_every_item_of_a_list_of_ids_must_refer_to_a_row():
    relations = sid.load_relations()
    linked = relations.index[relations["event_ids"].map(len) > 0][0]
    broken = relations.copy()
    broken["event_ids"] = [[*ids, "evt-9999"] if row == linked else list(ids) for row, ids in enumerate(relations["event_ids"])]
    report = sid.validate(broken, table="relations")
    failures = [(f.column, f.row, f.rule) for f in report.failures]
    assert failures == [("event_ids", linked, "foreign_key")]
    assert sid.validate(relations, table="relations").ok


# --------------------------------------------------------------------------
# The coding rules, applied by validate to users' data
# --------------------------------------------------------------------------


def _events_with(change):
    events = sid.load_events()
    events = events.astype({"plover_context": object})
    change(events)
    return sid.validate(events, table="events", references=False)


def test_an_uncoded_event_carrying_a_plover_context_is_reported():
    def carry(events):
        row = events.index[events["plover_type"] == "NOT_CODED"][0]
        events.at[row, "plover_context"] = ["military"]

    report = _events_with(carry)
    assert {f.rule for f in report.failures} >= {"plover_temporal_contexts"}
    assert "plover_temporal_contexts" in report.rules


def test_future_on_an_event_that_is_not_a_forecast_is_reported():
    def future(events):
        row = events.index[(events["plover_type"] != "NOT_CODED") & events["date_end"].notna()][0]
        events.at[row, "plover_context"] = [*events.at[row, "plover_context"], "future"]
        return events.at[row, "event_id"]

    report = _events_with(future)
    assert [f.rule for f in report.failures] == ["plover_temporal_contexts"]
    assert "forecast" in report.failures[0].message


def test_validate_runs_the_coding_rules_that_read_only_its_table():
    from sadr_iran_data.rules import RULES, runnable

    for name in sid.tables():
        assert set(sid.validate(name).rules) == {rule.name for rule in runnable({name})}, name
    assert {rule.name for rule in RULES} > set(sid.validate("events").rules)
