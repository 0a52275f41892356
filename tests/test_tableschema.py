"""JSON Schemas, Table Schemas and datapackage.json: derived from the declarations, committed up to date, strict."""

from __future__ import annotations

import datetime
import functools
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import records, value_strategy

import sadr_iran_data as sid
from conftest import ROOT
from sadr_iran_data._build.schemas import main, write_schemas
from sadr_iran_data.declarations import TABLES, Column
from sadr_iran_data.formats.frictionless import datapackage, dumps, json_schema, table_schema

jsonschema = pytest.importorskip("jsonschema")

SCHEMAS = ROOT / "schemas"
REGENERATE = "sadr-iran-data build"
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


#: The strategy of records of each table, made once: hypothesis builds and checks a strategy when it is first drawn from.
RECORDS = {name: records(table) for name, table in TABLES.items()}


@functools.cache
def validator(name: str) -> Any:
    """The JSON Schema validator of table ``name``, made once (a validator keeps no state between records)."""
    cls = jsonschema.Draft202012Validator
    return cls(json_schema(name), format_checker=cls.FORMAT_CHECKER)


def as_json(row: dict[str, Any]) -> dict[str, Any]:
    """A record as it appears in JSON: ISO dates."""
    return {k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in row.items()}


def shipped_records(name: str) -> list[dict[str, Any]]:
    return [as_json(row) for row in sid.load(name, backend="arrow").to_pylist()]


# --------------------------------------------------------------------------
# Committed files
# --------------------------------------------------------------------------


def test_committed_schemas_match_the_declarations(tmp_path):
    if not SCHEMAS.is_dir():
        pytest.skip("no schemas/ folder here (not a clone of the repository)")
    write_schemas(tmp_path)
    fresh = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    committed = {p.name: p.read_bytes() for p in SCHEMAS.glob("*.json")}
    stale = sorted(name for name in fresh.keys() | committed.keys() if fresh.get(name) != committed.get(name))
    assert not stale, f"schemas/ is out of date ({', '.join(stale)}): regenerate it with `{REGENERATE}` and commit the result"


def test_schema_files_are_deterministic_sorted_and_end_with_a_newline(tmp_path):
    first = {p.name: p.read_bytes() for p in write_schemas(tmp_path / "a")}
    second = {p.name: p.read_bytes() for p in write_schemas(tmp_path / "b")}
    assert first == second
    assert set(first) == {f"{n}.schema.json" for n in TABLES} | {f"{n}.tableschema.json" for n in TABLES} | {"datapackage.json"}
    for data in first.values():
        text = data.decode("utf-8")
        assert text.endswith("}\n") and not text.endswith("\n\n")
        assert dumps(json.loads(text)) == text


def test_main_writes_into_the_given_folder(tmp_path, capsys):
    assert main(["--out", str(tmp_path)]) == 0
    assert (tmp_path / "datapackage.json").exists()
    files = len(list(tmp_path.iterdir()))
    assert files == 2 * len(TABLES) + 1
    assert f"wrote {files} files" in capsys.readouterr().out


# --------------------------------------------------------------------------
# JSON Schema
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(TABLES))
def test_json_schema_is_valid_draft_2020_12_with_every_declared_column(name):
    schema = json_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert list(schema["properties"]) == list(TABLES[name].column_names)
    assert schema["additionalProperties"] is False
    for col in TABLES[name].columns:
        prop = schema["properties"][col.name]
        assert prop["description"] == col.description
        assert ("null" in prop["type"]) == col.nullable
        assert (col.name in schema["required"]) != col.nullable


@pytest.mark.parametrize("name", list(TABLES))
def test_every_shipped_record_validates(name):
    check = validator(name)
    pk = TABLES[name].primary_key
    errors = [f"{row[pk]}: {error.message}" for row in shipped_records(name) for error in check.iter_errors(row)]
    assert not errors, "\n".join(errors)


def broken_values(col: Column) -> list[tuple[str, Any]]:
    """Values that break ``col``'s declaration, each with what it breaks."""
    bad: list[tuple[str, Any]] = [("type", {"int": "1", "float": "1.5", "bool": "true", "list": "a;b"}.get(col.type, 1))]
    if not col.nullable:
        bad.append(("null", None))
    if col.vocabulary is not None:
        bad.append(("vocabulary", "no-such-term"))
    if col.pattern is not None:
        bad.append(("pattern", "!! does not match"))
    if col.minimum is not None:
        bad.append(("minimum", col.minimum - 1))
    if col.maximum is not None:
        bad.append(("maximum", col.maximum + 1))
    if col.type == "date":
        bad.append(("date format", "2007-13-45"))
    if col.type == "list":
        bad.append(("list item type", [1]))
    return bad


@SETTINGS
@given(name=st.sampled_from(list(TABLES)), data=st.data())
def test_json_schema_accepts_valid_records_and_rejects_every_broken_value(name, data):
    table = TABLES[name]
    row = as_json(data.draw(RECORDS[name]))
    check = validator(name)
    assert not list(check.iter_errors(row)), row
    for col in table.columns:
        for what, value in broken_values(col):
            assert not check.is_valid({**row, col.name: value}), f"{name}.{col.name}: {what} {value!r} accepted"
    assert not check.is_valid({**row, "unknown_column": "x"})
    for col in table.columns:
        if not col.nullable:
            assert not check.is_valid({k: v for k, v in row.items() if k != col.name}), f"{name}: missing {col.name} accepted"


@SETTINGS
@given(
    name=st.sampled_from(
        [n for n, t in TABLES.items() if any(r.kind in ("together", "implies", "required_if", "allowed", "items") for r in t.checks)]
    ),
    data=st.data(),
)
def test_json_schema_rejects_records_that_break_a_row_rule(name, data):
    table = TABLES[name]
    row = data.draw(RECORDS[name])
    check = validator(name)
    for rule in table.checks:
        if rule.kind in ("together", "implies"):
            a, b = rule.columns
            broken = {**row, a: data.draw(value_strategy(table, table.column(a))), b: None}
        elif rule.kind == "required_if":
            a, b = rule.columns
            broken = {**row, a: rule.values[0], b: None}
        elif rule.kind == "allowed":
            if not rule.violated({**row, rule.columns[-1]: "NOT-ALLOWED-HERE"}):
                continue  # the row's key is not one the rule lists
            broken = {**row, rule.columns[-1]: "NOT-ALLOWED-HERE"}
        elif rule.kind == "items":
            broken = {**row, rule.columns[0]: ["not-in-the-vocabulary"]}
        else:
            continue
        assert rule.violated(broken)
        assert not check.is_valid(as_json(broken)), f"{name}: rule {rule.name} not enforced"


def test_rules_json_schema_cannot_express_are_named():
    schema = json_schema("evidence")
    assert "span_order" in schema["$comment"]


# --------------------------------------------------------------------------
# Table Schema and Data Package
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(TABLES))
def test_table_schema_fields_keys_and_constraints(name):
    table = TABLES[name]
    schema = table_schema(name)
    assert [f["name"] for f in schema["fields"]] == list(table.column_names)
    assert schema["primaryKey"] == table.primary_key
    for col, field in zip(table.columns, schema["fields"], strict=True):
        assert field["constraints"]["required"] is not col.nullable
        assert field["constraints"].get("unique", False) is (col.name == table.primary_key)
        if col.vocabulary is not None:
            assert field["constraints"]["enum"] == list(col.vocabulary.values)
        if col.references_table_in:
            assert "polymorphic" in field["description"]
    expected = {
        (c.name, "" if c.references == name else c.references, TABLES[c.references].primary_key)
        for c in table.columns
        if c.references and c.type != "list"  # Table Schema foreign keys hold single values
    }
    found = {(fk["fields"], fk["reference"]["resource"], fk["reference"]["fields"]) for fk in schema.get("foreignKeys", [])}
    assert found == expected


def test_table_schema_patterns_match_whole_values_like_the_declared_search_patterns():
    import re

    for table in TABLES.values():
        for col, field in zip(table.columns, table_schema(table.name)["fields"], strict=True):
            if col.pattern is None:
                continue
            whole = re.compile(field["constraints"]["pattern"])
            for value in ("https://jamestown.org/x", "IRN", "Q123", "2004-04/..", "IR-05", "en", f"{table.prefix}-0001", "x y"):
                assert bool(whole.fullmatch(value)) == bool(re.search(col.pattern, value)), (col.name, value)


def test_foreign_keys_to_unpublished_tables_are_left_out():
    keys = table_schema("events", resources=["events"]).get("foreignKeys", [])
    assert [fk["reference"]["resource"] for fk in keys] == []
    assert {fk["reference"]["resource"] for fk in table_schema("events", resources=["events", "locations"])["foreignKeys"]} == {"locations"}


def test_datapackage_descriptor():
    dp = datapackage()
    assert dp["name"] == "sadr-iran-data"
    assert dp["version"] == sid.__version__
    assert dp["title"] and dp["description"]
    assert [lic["name"] for lic in dp["licenses"]] == ["CC-BY-4.0"]
    assert all(lic["path"] and lic["title"] for lic in dp["licenses"])
    (src,) = dp["sources"]
    assert src["title"] == "Moqtada al-Sadr’s New Alliance with Tehran"
    assert src["path"] == "https://jamestown.org/program/moqtada-al-sadrs-new-alliance-with-tehran/"
    for part in ("Babak Rahimi", "Terrorism Monitor 5(4)", "The Jamestown Foundation", "2007"):
        assert part in src["description"]
    assert [(r["name"], r["path"]) for r in dp["resources"]] == [(n, f"{n}.csv") for n in TABLES]
    assert all(r["schema"] == table_schema(r["name"]) for r in dp["resources"])


def test_datapackage_descriptor_is_valid_frictionless_metadata():
    frictionless = pytest.importorskip("frictionless")
    package = frictionless.Package.from_descriptor(datapackage())
    assert [r.name for r in package.resources] == list(TABLES)
    for resource in package.resources:
        assert resource.schema.primary_key == [TABLES[resource.name].primary_key]
