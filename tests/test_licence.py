"""The quoted text's licence: excluded from CC-BY-4.0 in every licence field, with the share of the article the build measured."""

from __future__ import annotations

import json

import sadr_iran_data as sid
from conftest import ROOT, needs_repository
from sadr_iran_data.dataset.integrity import read_manifest
from sadr_iran_data.rules.shipped_text import SHARE_LIMIT, covered, shipped_share


def _measured() -> tuple[int, int]:
    """The share, measured here from the shipped quotes and cues and the article's length, independently of the build."""
    article = sid.load_citations().query("kind == 'article' and cited_in.isna()").iloc[0]
    spans = [
        (int(r.char_start), int(r.char_end))
        for frame in (sid.load_evidence(), sid.load_cues())
        for r in frame.itertuples()
        if r.citation_id == article["citation_id"]
    ]
    return covered(spans), int(article["text_length"])


def test_the_quotes_and_cues_ship_at_most_half_of_the_article():
    characters, length = _measured()
    assert characters <= SHARE_LIMIT * length, f"{characters} of {length}"
    assert {doc: (e["characters"], e["length"]) for doc, e in read_manifest()["shipped_text"].items()} == {
        "cit-rahimi-2007": (characters, length)
    }
    assert shipped_share({name: sid.load(name, backend="arrow").to_pylist() for name in sid.tables()}) == {
        "cit-rahimi-2007": (characters, length)
    }


def test_covered_counts_each_character_once():
    assert covered([]) == 0
    assert covered([(5, 10), (0, 3), (2, 6), (20, 21)]) == 10 + 1  # [0, 10) and [20, 21)
    assert covered([(0, 10), (0, 10), (3, 4)]) == 10


@needs_repository
def test_every_licence_field_excludes_the_quoted_text_and_states_the_measured_share():
    characters, length = _measured()
    share = f"{characters:,} of the {length:,} characters of the article, {characters / length:.1%}"
    texts = {
        "LICENSE-DATA": " ".join((ROOT / "LICENSE-DATA").read_text(encoding="utf-8").split()),
        "CITATION.cff": " ".join((ROOT / "CITATION.cff").read_text(encoding="utf-8").split()),
        ".zenodo.json": json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))["notes"],
        "croissant.json": sid.to_croissant()["copyrightNotice"],
        "cite('cff')": " ".join(sid.cite("cff").split()),
    }
    for name, text in texts.items():
        assert share in text, name
        assert "excluded from the CC-BY-4.0 grant" in text, name


def test_the_archives_of_earlier_releases_ship_offsets_but_no_words_of_the_article():
    """1.3.0's quotes covered 92% of the article: the package ships an earlier release's quotes and cues without their text."""
    import gzip

    from sadr_iran_data.dataset.integrity import data_dir

    archives = sorted(data_dir().glob("release-*.json.gz"))
    assert archives, "the package ships the earlier releases"
    for path in archives:
        tables = json.loads(gzip.decompress(path.read_bytes()))["tables"]
        assert all(row["quote"] is None for row in tables["evidence"].values()), path.name
        assert all(row["text"] is None for row in tables.get("cues", {}).values()), path.name
        assert all(isinstance(row["char_start"], int) for row in tables["evidence"].values()), path.name


@needs_repository
def test_an_earlier_releases_quotes_come_back_from_a_copy_of_the_article(tmp_path):
    import gzip

    import pytest

    from sadr_iran_data.errors import InputError

    source = next((ROOT / "data" / "sources").glob("*.txt"))
    old = json.loads(gzip.decompress((ROOT / "data" / "releases" / "1.3.0.json.gz").read_bytes()))["tables"]["evidence"]
    assert sid.load_evidence(version="1.3.0")["quote"].isna().all()
    restored = sid.load_evidence(version="1.3.0", article=source)
    assert dict(zip(restored["evidence_id"], restored["quote"], strict=True)) == {k: r["quote"] for k, r in old.items()}
    moved = tmp_path / "moved.txt"
    moved.write_text("A line before the article.\n" + source.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InputError, match="other offsets in your copy"):
        sid.load_evidence(version="1.3.0", article=moved)
