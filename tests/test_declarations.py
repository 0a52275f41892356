"""The table declarations are coherent, and everything derived from them agrees."""

from __future__ import annotations

import re

import pytest

from sadr_iran_data.declarations import RELATION_FAMILY, RELATION_TYPE, TABLES, VIEWS, VOCABULARIES, Term, Vocabulary


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


def test_every_relation_type_has_a_family_and_every_family_a_type():
    assert RELATION_TYPE.families is RELATION_FAMILY
    assert VOCABULARIES["relation_family"] is RELATION_FAMILY
    families = [t.family for t in RELATION_TYPE.terms]
    assert all(f in RELATION_FAMILY.values for f in families)
    assert set(families) == set(RELATION_FAMILY.values) == {"cooperative", "hostile", "structural", "perceptual"}
    assert RELATION_TYPE.family_of("ally") == "cooperative" and RELATION_TYPE.family_of("opposes") == "hostile"
    assert RELATION_TYPE.family_of("member_of") == "structural" and RELATION_TYPE.family_of("perceives_as_asset") == "perceptual"
    # no other vocabulary is grouped, and none of their terms names a family
    for vocab in VOCABULARIES.values():
        if vocab is not RELATION_TYPE:
            assert vocab.families is None and all(t.family is None for t in vocab.terms), vocab.name


def test_a_value_outside_a_vocabulary_has_no_family_but_an_error():
    from sadr_iran_data.errors import SadrIranDataError

    with pytest.raises(SadrIranDataError, match="relation_type.family_of has no entry for 'friend'; it maps the relation_type values"):
        RELATION_TYPE.family_of("friend")  # was a bare KeyError


def test_a_vocabulary_refuses_a_term_without_a_family_or_with_an_unknown_one():
    groups = Vocabulary("g", "Groups.", (Term("a", "A."),))
    Vocabulary("v", "Values.", (Term("x", "X.", family="a"),), families=groups)
    with pytest.raises(ValueError, match="need a family"):
        Vocabulary("v", "Values.", (Term("x", "X."),), families=groups)
    with pytest.raises(ValueError, match="need a family"):
        Vocabulary("v", "Values.", (Term("x", "X.", family="b"),), families=groups)
    with pytest.raises(ValueError, match="need a family"):
        Vocabulary("v", "Values.", (Term("x", "X.", family="a"),))


def test_the_relation_family_column_is_declared_on_the_wide_relations_only():
    column = VIEWS["relations"].column("relation_family")
    assert column.vocabulary is RELATION_FAMILY and not column.nullable
    assert all("relation_family" not in t.column_names for t in TABLES.values())


def test_record_table_vocabulary_lists_every_grounded_table():
    grounded = set(TABLES) - {"evidence", "cues"}  # the tables whose rows evidence and cues ground
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
