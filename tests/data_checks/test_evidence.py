"""Data tests: every row is grounded in a verbatim quote of the article, at the right offsets."""

from __future__ import annotations

import hashlib
import unicodedata

import pandas as pd
import pytest

import sadr_iran_data as sid
from conftest import SOURCE, SOURCE_SHA256
from sadr_iran_data.declarations import TABLES


def test_the_stored_article_is_byte_identical_to_the_shared_source(source_text):
    assert hashlib.sha256(SOURCE.read_bytes()).hexdigest() == SOURCE_SHA256
    assert len(source_text) == 13430
    article = sid.load_citations().query("kind == 'article' and cited_in.isna()")
    assert article["text_sha256"].tolist() == [SOURCE_SHA256]


def test_every_quote_is_the_verbatim_slice_at_its_offsets(frames, source_text):
    evidence = frames["evidence"]
    assert len(evidence) > 0
    bad = [
        (row.evidence_id, row.char_start, row.char_end)
        for row in evidence.itertuples()
        if source_text[row.char_start : row.char_end] != row.quote
    ]
    assert not bad, bad[:5]
    assert (evidence["quote"].str.len() == evidence["char_end"] - evidence["char_start"]).all()
    assert (evidence["char_end"] <= len(source_text)).all()


def test_quotes_do_not_start_or_end_inside_a_word(frames, source_text):
    # the shortest *full* span: no quote cuts a word in half
    cut = []
    for row in frames["evidence"].itertuples():
        before = source_text[row.char_start - 1] if row.char_start > 0 else " "
        after = source_text[row.char_end] if row.char_end < len(source_text) else " "
        if (before.isalnum() and row.quote[0].isalnum()) or (after.isalnum() and row.quote[-1].isalnum()):
            cut.append((row.record_id, row.quote))
    assert not cut, cut[:5]


@pytest.mark.parametrize("name", [n for n in TABLES if n not in ("evidence", "cues")])  # a cue is its own grounding
def test_every_record_has_evidence(frames, name):
    pk = TABLES[name].primary_key
    grounded = set(frames["evidence"].query("record_table == @name")["record_id"])
    missing = set(frames[name][pk]) - grounded
    assert not missing, sorted(missing)[:10]


def test_evidence_points_at_existing_records(frames):
    for row in frames["evidence"].itertuples():
        pk = TABLES[row.record_table].primary_key
        assert row.record_id in set(frames[row.record_table][pk]), row.evidence_id


@pytest.mark.parametrize("name", list(TABLES))
def test_foreign_keys_resolve(frames, name):
    for col in TABLES[name].columns:
        if col.references:
            target = frames[col.references][TABLES[col.references].primary_key]
            values = frames[name][col.name].dropna()
            if col.type == "list":  # a list of ids: every item refers to a row
                values = pd.Series([item for items in values for item in items], dtype=object)
            assert values.isin(set(target)).all(), (col.name, sorted(set(values) - set(target)))


@pytest.mark.parametrize("name", list(TABLES))
def test_text_is_nfc_and_trimmed(frames, name):
    for col in TABLES[name].columns:
        if col.type in ("string", "id"):
            for value in frames[name][col.name].dropna():
                assert unicodedata.is_normalized("NFC", value), (name, col.name, value)
                if col.name != "quote":
                    assert value == value.strip(), (name, col.name, value)


def test_check_evidence_tool_agrees(source_text):
    """The independent checker that reviewers run from the project root."""
    import subprocess
    import sys
    from pathlib import Path

    from conftest import ROOT

    tool = ROOT.parent / "shared" / "tools" / "check_evidence.py"
    if not tool.exists():
        pytest.skip("the shared checker is not beside this clone")
    out = subprocess.run([sys.executable, str(tool)], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout
    assert "all" in out.stdout and Path(ROOT / "src/sadr_iran_data/data/evidence.parquet").exists()
