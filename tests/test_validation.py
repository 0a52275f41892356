"""sid.validate: valid data passes; each kind of bad value is reported by table, column, row and rule."""

from __future__ import annotations

import datetime

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import records

import sadr_iran_data as sid
from sadr_iran_data.declarations import TABLES

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
    rows = draw(st.lists(records(TABLES[name]), min_size=1, max_size=5))
    return name, _unique_rows(TABLES[name], rows)


@SETTINGS
@given(table_and_rows())
def test_valid_generated_rows_pass(data):
    name, rows = data
    report = sid.validate(_frame(rows), table=name, references=False)
    assert report.ok, str(report)


def _expect(report, name, column, row, rule):
    assert not report.ok
    hits = [f for f in report.failures if (f.table, f.column, f.row, f.rule) == (name, column, row, rule)]
    assert hits, f"expected {name}.{column} [{row}] {rule}; got:\n{report}"
    message = str(hits[0])
    assert name in message and row in message and rule in message
    assert column in message


_TYPED = tuple(n for n, t in TABLES.items() if any(c.type in ("int", "float", "date", "bool") for c in t.columns))


@SETTINGS
@given(table_and_rows(names=_TYPED), st.data())
def test_wrong_type_is_reported(data, draw):
    name, rows = data
    typed = [c for c in TABLES[name].columns if c.type in ("int", "float", "date", "bool")]
    col = draw.draw(st.sampled_from(typed))
    target = draw.draw(st.integers(0, len(rows) - 1))
    rows[target][col.name] = draw.draw(st.sampled_from(["not a value", "12abc", "2004-13-45"]))
    report = sid.validate(_frame(rows), table=name, references=False)
    _expect(report, name, col.name, rows[target][TABLES[name].primary_key], "type")


@SETTINGS
@given(table_and_rows(), st.data())
def test_value_outside_the_vocabulary_is_reported(data, draw):
    name, rows = data
    col = draw.draw(st.sampled_from([c for c in TABLES[name].columns if c.vocabulary]))
    bad = draw.draw(st.text(min_size=1, max_size=12).filter(lambda v: v not in col.vocabulary.values))
    rows[0][col.name] = bad
    report = sid.validate(_frame(rows), table=name, references=False)
    _expect(report, name, col.name, rows[0][TABLES[name].primary_key], "vocabulary")


@SETTINGS
@given(
    st.lists(records(TABLES["locations"]), min_size=1, max_size=4),
    st.sampled_from(["latitude", "longitude"]),
    st.floats(0.001, 1e6, allow_nan=False),
    st.booleans(),
)
def test_out_of_range_coordinates_are_reported(rows, column, excess, below):
    rows = _unique_rows(TABLES["locations"], rows)
    limit = 90 if column == "latitude" else 180
    row = rows[0]
    row[column] = -limit - excess if below else limit + excess
    other = "longitude" if column == "latitude" else "latitude"
    row[other] = row[other] if row[other] is not None else 0.0
    row["geo_precision"] = row["geo_precision"] or "town"
    row["coordinate_source"] = row["coordinate_source"] or "a test"
    report = sid.validate(_frame(rows), table="locations", references=False)
    _expect(report, "locations", column, row["location_id"], "minimum" if below else "maximum")


@SETTINGS
@given(table_and_rows(names=("events", "relations", "event_actors", "evidence", "citations", "actors", "locations")), st.data())
def test_dangling_foreign_key_is_reported(data, draw):
    name, rows = data
    table = TABLES[name]
    keyed = [c for c in table.columns if c.references and c.references != name]
    if not keyed:  # actors/locations only refer to themselves
        col = next(c for c in table.columns if c.references == name)
        rows[0][col.name] = rows[0][table.primary_key] + "-missing"
        references = None
    else:
        col = draw.draw(st.sampled_from(keyed))
        rows[0][col.name] = draw.draw(st.from_regex(r"\A[a-z]{3}-[a-z0-9]{1,10}\Z"))
        references = {t: pd.DataFrame({TABLES[t].primary_key: pd.Series([], dtype="string")}) for t in TABLES}
    report = sid.validate(_frame(rows), table=name, references=references)
    _expect(report, name, col.name, rows[0][table.primary_key], "foreign_key")


@SETTINGS
@given(
    table_and_rows(names=("events", "relations")), st.dates(datetime.date(1980, 1, 2), datetime.date(2007, 12, 31)), st.integers(1, 5000)
)
def test_end_before_start_is_reported(data, start, days_before):
    name, rows = data
    rows[0]["date_start"] = start
    rows[0]["date_end"] = start - datetime.timedelta(days=days_before)
    report = sid.validate(_frame(rows), table=name, references=False)
    _expect(report, name, "date_end", rows[0][TABLES[name].primary_key], "date_order")


@SETTINGS
@given(table_and_rows(), st.data())
def test_missing_required_value_is_reported(data, draw):
    name, rows = data
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
    assert list(frame.columns) == ["table", "column", "row", "rule", "message", "value"]
    assert len(frame) == len(report.failures)


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
    from sadr_iran_data._dtypes import encode_list

    df = sid.load(name)
    for col in TABLES[name].columns:
        if col.type == "list":
            df[col.name] = df[col.name].map(encode_list)
    path = tmp_path / f"{name}.csv"
    df.to_csv(path, index=False)
    report = sid.validate(path)
    assert report.ok, str(report)


def test_bad_inputs_are_clear_errors(tmp_path):
    with pytest.raises(sid.SadrIranDataError, match="no such file"):
        sid.validate(tmp_path / "events.csv")
    odd = tmp_path / "stuff.csv"
    odd.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(sid.SadrIranDataError, match="cannot tell which table stuff.csv holds"):
        sid.validate(odd)
    with pytest.raises(sid.SadrIranDataError, match="pass table="):
        sid.validate(sid.load_events())
    with pytest.raises(sid.SadrIranDataError, match="cannot validate a int"):
        sid.validate(3, table="events")
    notes = tmp_path / "events.txt"
    notes.write_text("x", encoding="utf-8")
    with pytest.raises(sid.SadrIranDataError, match="use a .csv or .parquet file"):
        sid.validate(notes)


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
