"""The table declarations are coherent, and everything derived from them agrees."""

from __future__ import annotations

import re

import pytest

from sadr_iran_data.declarations import TABLES, VOCABULARIES


@pytest.mark.parametrize("table", TABLES.values(), ids=list(TABLES))
def test_primary_key_is_first_and_prefixed(table):
    pk = table.columns[0]
    assert pk.name == table.primary_key and pk.type == "id" and not pk.nullable
    assert re.match(pk.pattern, f"{table.prefix}-x1")
    assert not re.match(pk.pattern, "zzz-x1")


@pytest.mark.parametrize("table", TABLES.values(), ids=list(TABLES))
def test_references_and_rules_name_real_columns(table):
    names = set(table.column_names)
    assert len(names) == len(table.columns), "duplicate column names"
    for col in table.columns:
        if col.references:
            assert col.references in TABLES
        if col.references_table_in:
            assert col.references_table_in in names
        if col.source_column:
            assert col.source_column in names
        assert col.description and col.description[0].isupper()
    for rule in table.checks:
        assert set(rule.columns) <= names, rule.name


def test_prefixes_are_unique():
    prefixes = [t.prefix for t in TABLES.values()]
    assert len(prefixes) == len(set(prefixes))


@pytest.mark.parametrize("vocab", VOCABULARIES.values(), ids=list(VOCABULARIES))
def test_vocabularies_are_documented_and_distinct(vocab):
    assert len(vocab.values) == len(set(vocab.values))
    assert all(t.description for t in vocab.terms)
    if vocab.source is None:  # our own values are snake_case; an outside standard's keep its spelling
        assert all(re.fullmatch(r"[a-z_]+", v) for v in vocab.values)
    else:
        assert all(re.fullmatch(r"[A-Za-z_-]+", v) for v in vocab.values)


def test_record_table_vocabulary_lists_every_grounded_table():
    grounded = set(TABLES) - {"evidence"}
    assert set(VOCABULARIES["record_table"].values) == grounded


def test_models_schemas_and_arrow_schema_match_the_declaration():
    from sadr_iran_data.models import MODELS
    from sadr_iran_data.schemas import SCHEMAS

    for name, table in TABLES.items():
        assert list(MODELS[name].model_fields) == list(table.column_names)
        assert list(SCHEMAS[name].columns) == list(table.column_names)
        assert table.arrow_schema().names == list(table.column_names)
        for col in table.columns:
            assert MODELS[name].model_fields[col.name].is_required() == (not col.nullable)
            assert SCHEMAS[name].columns[col.name].nullable == col.nullable
            assert table.arrow_schema().field(col.name).nullable == col.nullable
