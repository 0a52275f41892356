"""The codebook and vocabularies are derived from the declarations: every column and value, once."""

from __future__ import annotations

import pytest

from sadr_iran_data.declarations import TABLES, VIEWS, VOCABULARIES
from sadr_iran_data.declarations.dictionary import (
    CODEBOOK_COLUMNS,
    VOCABULARY_COLUMNS,
    _markdown_table,
    codebook,
    render_markdown,
    vocabularies,
)


@pytest.fixture(scope="module")
def cb():
    return codebook()


@pytest.fixture(scope="module")
def voc():
    return vocabularies()


def declared_columns():
    return [(table.name, col) for table in (*TABLES.values(), *VIEWS.values()) for col in table.columns]


def test_columns_and_dtypes(cb, voc):
    assert list(cb.columns) == list(CODEBOOK_COLUMNS)
    assert {c: str(t) for c, t in cb.dtypes.items()} == CODEBOOK_COLUMNS
    assert list(cb.columns[:2]) == ["table", "column"]
    assert {c: str(t) for c, t in voc.dtypes.items()} == VOCABULARY_COLUMNS
    assert str(cb["table"].dtype) == "string" and str(cb["nullable"].dtype) == "boolean"


def test_every_declared_column_appears_exactly_once_in_order(cb):
    pairs = list(zip(cb["table"], cb["column"], strict=True))
    assert pairs == [(name, col.name) for name, col in declared_columns()]
    assert len(set(pairs)) == len(pairs)


def test_rows_carry_the_declaration(cb):
    rows = cb.set_index(["table", "column"])
    for name, col in declared_columns():
        row = rows.loc[(name, col.name)]
        assert row["type"] == col.type
        assert bool(row["nullable"]) is col.nullable
        declared = {t.name: t for t in (*TABLES.values(), *VIEWS.values())}[name]
        assert bool(row["primary_key"]) is (col.name == declared.primary_key)
        assert row["description"] == col.description
        for field in ("pattern", "source_column", "minimum", "maximum"):
            expected = getattr(col, field)
            assert (row[field] == expected) if expected is not None else row[field] is None or str(row[field]) == "<NA>"
        if col.vocabulary:
            assert row["vocabulary"] == col.vocabulary.name
            assert row["allowed_values"] == ", ".join(col.vocabulary.values)
        else:
            assert str(row["vocabulary"]) == str(row["allowed_values"]) == "<NA>"


def test_one_primary_key_per_table(cb):
    keys = cb[cb["primary_key"]]
    assert dict(zip(keys["table"], keys["column"], strict=True)) == {t.name: t.primary_key for t in (*TABLES.values(), *VIEWS.values())}


def test_references(cb):
    refs = cb.dropna(subset=["references"]).set_index(["table", "column"])["references"].to_dict()
    expected = {(n, c.name): c.references for n, c in declared_columns() if c.references}
    expected |= {(n, c.name): f"table in {c.references_table_in}" for n, c in declared_columns() if c.references_table_in}
    assert refs == expected
    assert refs[("events", "location_id")] == "locations"
    assert refs[("evidence", "record_id")] == "table in record_table"


def test_vocabularies_list_every_term_once(voc):
    expected = [(v.name, t.value, t.description, t.plover, t.family) for v in VOCABULARIES.values() for t in v.terms]
    got = [
        (r.vocabulary, r.value, r.description, None if str(r.plover) == "<NA>" else r.plover, None if str(r.family) == "<NA>" else r.family)
        for r in voc.itertuples()
    ]
    assert got == expected
    assert voc.loc[(voc["vocabulary"] == "relation_type") & (voc["value"] == "supports"), "family"].item() == "cooperative"
    assert voc.loc[voc["vocabulary"] != "relation_type", "family"].isna().all()
    assert voc.loc[(voc["vocabulary"] == "event_type") & (voc["value"] == "meeting"), "plover"].item() == "CONSULT"
    assert voc.loc[voc["vocabulary"] == "certainty", "plover"].isna().all()


def test_frames_are_fresh(cb):
    first = codebook()
    first.loc[0, "description"] = "changed"
    assert codebook().loc[0, "description"] == cb.loc[0, "description"]


def test_markdown_has_a_section_and_a_row_for_everything(cb, voc):
    md = render_markdown()
    sections = dict(part.split("\n", 1) for part in md.split("\n### ")[1:])
    for table in (*TABLES.values(), *VIEWS.values()):
        body = sections[f"`{table.name}`"]
        assert table.description in body
        rows = [line for line in body.splitlines() if line.startswith("| `")]
        assert [r.split(" | ")[0] for r in rows] == [f"| `{c}`" for c in table.column_names]
    for vocab in VOCABULARIES.values():
        body = sections[f"`{vocab.name}`"]
        rows = [line for line in body.splitlines() if line.startswith("| `")]
        assert [r.split(" | ")[0] for r in rows] == [f"| `{v}`" for v in vocab.values]
    assert "| `meeting` | A meeting or talks between actors. | CONSULT |" in md
    assert "| `rival` | Rivalry: competition for the same constituency or power. | [`hostile`](#relation_family) |" in md
    assert md.index("## Tables") < md.index("## Vocabularies")


def test_markdown_links_every_vocabulary_to_its_section():
    md = render_markdown()
    for vocab in {c.vocabulary.name for _, c in declared_columns() if c.vocabulary}:
        assert f"[`{vocab}`](#{vocab})" in md
        assert f"### `{vocab}`" in md


def test_markdown_rules_cell():
    md = render_markdown()
    assert "| `latitude` | float | yes | ≥ -90; ≤ 90; source in `coordinate_source` |" in md
    assert "| `event_id` | id | no | primary key; matches `^evt-[a-z0-9][a-z0-9\\-]*$` |" in md


def test_markdown_table_escapes_pipes_and_newlines():
    assert _markdown_table(("a",), [("x|y\nz",)]).splitlines()[-1] == "| x\\|y z |"
