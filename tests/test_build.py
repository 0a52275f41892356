"""The build: offsets computed from quotes, clear failures, deterministic output."""

from __future__ import annotations

import ast
import re
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from conftest import ROOT, needs_repository
from sadr_iran_data import _build
from sadr_iran_data._build.build import build, build_tables
from sadr_iran_data._build.curated import find_root
from sadr_iran_data.dataset.integrity import data_dir, read_manifest
from sadr_iran_data.errors import BuildError

pytestmark = needs_repository


@pytest.fixture
def repo(tmp_path):
    """A scratch copy of the curated data and sources to build from."""
    for part in ("data/curated", "data/sources"):
        shutil.copytree(ROOT / part, tmp_path / part)
    return tmp_path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One build of the repository's curated data, into a folder of its own, and its manifest."""
    out = tmp_path_factory.mktemp("built")
    return build(ROOT, out), out


def test_rebuild_matches_the_committed_files(built):
    manifest, out = built
    shipped = read_manifest()
    assert manifest["version"] == shipped["version"]
    assert manifest["schema_fingerprint"] == shipped["schema_fingerprint"]
    assert manifest["source"] == shipped["source"]
    for name, entry in manifest["tables"].items():
        committed = shipped["tables"][name]
        assert entry["rows"] == committed["rows"], name
        assert entry["content_sha256"] == committed["content_sha256"], f"{name}: rebuild the data (sadr-iran-data build)"
        assert pq.ParquetFile(out / entry["file"]).read().equals(pq.ParquetFile(data_dir() / entry["file"]).read(), check_metadata=True)
        if manifest["writer"] == shipped["writer"]:  # the Parquet bytes depend on the writer's version
            assert entry["sha256"] == committed["sha256"], name
            assert (out / entry["file"]).read_bytes() == (data_dir() / entry["file"]).read_bytes()
    if manifest["writer"] == shipped["writer"]:
        assert (out / "manifest.json").read_bytes() == (data_dir() / "manifest.json").read_bytes()


def test_two_builds_are_byte_identical(built, tmp_path):
    _, first = built
    build(ROOT, tmp_path / "b")
    assert sorted(p.name for p in first.iterdir()) == sorted(p.name for p in (tmp_path / "b").iterdir())
    for path in sorted(first.iterdir()):
        assert path.read_bytes() == (tmp_path / "b" / path.name).read_bytes(), path.name


def test_the_root_is_the_one_given_or_the_nearest_above_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT / "docs")
    assert find_root() == ROOT.resolve()
    assert find_root(ROOT / "docs" / "..") == ROOT.resolve()
    with pytest.raises(BuildError, match=r"holds no data/curated/ folder: run the build from a clone"):
        find_root(ROOT / "docs")  # a given root is the root, not a place to search up from
    monkeypatch.chdir(tmp_path)
    with pytest.raises(BuildError, match=r"no data/curated/ folder here or above"):
        find_root()


def test_no_part_of_the_build_finds_the_repository_from_where_its_code_lives():
    """The build's entry finds the root once (``find_root``) and passes it on; a path from ``__file__`` would ignore ``--root``."""
    package = Path(_build.__file__).parent
    modules = sorted(package.rglob("*.py"))
    assert package / "figures" / "map.py" in modules
    uses = [
        f"{path.relative_to(package)}:{node.lineno}"
        for path in modules
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Name) and node.id == "__file__"
    ]
    assert uses == []


def _edit(repo, table, old, new):
    path = repo / "data" / "curated" / f"{table}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_quote_not_in_the_text_fails_the_build(repo):
    _edit(repo, "actors", "    - Grand Ayatollah Muhammad al-Sadr\n", "    - Grand Ayatollah Muhammed al-Sadr\n")
    with pytest.raises(BuildError, match=r"actors \[act-muhammad-al-sadr\]: quote not found verbatim"):
        build(repo, repo / "out")


def test_an_ambiguous_quote_fails_and_occurrence_resolves_it(repo, source_text):
    _edit(repo, "actors", "    - Grand Ayatollah Muhammad al-Sadr\n", "    - Mehran\n")
    with pytest.raises(BuildError, match=r"quote occurs 2 times .* add occurrence: 0\.\.1"):
        build(repo, repo / "out")
    _edit(repo, "actors", "    - Mehran\n", '    - {quote: "Mehran", occurrence: 1}\n')
    rows = build_tables(repo, repo / "out").rows["evidence"]
    spans = [r for r in rows if r["record_id"] == "act-muhammad-al-sadr" and r["quote"] == "Mehran"]
    assert len(spans) == 1
    assert spans[0]["char_start"] == source_text.rindex("Mehran")


def test_a_bad_row_and_a_dangling_reference_each_fail_the_build_naming_table_column_and_id(repo):
    """The build checks every row before it fails, and lists every failure: one build shows both."""
    _edit(repo, "events", "certainty: stated", "certainty: obvious")
    _edit(repo, "locations", "parent_location_id: loc-iran", "parent_location_id: loc-persia")
    with pytest.raises(BuildError) as failed:
        build(repo, repo / "out")
    assert re.search(r"events\.certainty \[evt-\d+\]", str(failed.value)), str(failed.value)
    assert re.search(r"locations\.parent_location_id \[loc-[a-z-]+\]: refers to no row of locations", str(failed.value)), str(failed.value)


def test_a_record_without_evidence_fails_the_build(repo):
    path = repo / "data" / "curated" / "actors.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + "\n- actor_id: act-unfounded\n  name: Nobody\n  actor_type: person\n  description: Not in the article.\n",
        encoding="utf-8",
    )
    with pytest.raises(BuildError, match=r"actors \[act-unfounded\]: every record needs at least one evidence quote"):
        build(repo, repo / "out")


def test_an_edited_source_text_fails_the_build(repo):
    source = next((repo / "data" / "sources").glob("*.txt"))
    source.write_text(source.read_text(encoding="utf-8").replace("Qum", "Qom"), encoding="utf-8")
    with pytest.raises(BuildError, match="no file in data/sources/ has sha256"):
        build(repo, repo / "out")


def test_an_article_dated_to_no_known_precision_fails_the_build():
    import datetime

    from sadr_iran_data._build.curated import publication_bound
    from sadr_iran_data.identity import SOURCE

    article = {
        "citation_id": "cit-article",
        "kind": "article",
        "cited_in": None,
        "date": datetime.date(SOURCE.year, 1, 1),
        "author": SOURCE.author,
        "title": SOURCE.title,
        "outlet": SOURCE.journal,
        "volume": str(SOURCE.volume),
        "issue": str(SOURCE.issue),
        "publisher": SOURCE.publisher,
        "url": SOURCE.url,
    }
    assert publication_bound([dict(article, date_precision="month")]) == datetime.date(SOURCE.year, 1, 31)
    with pytest.raises(BuildError, match=r"citations \[cit-article\]: the article's date_precision: precision.ISO_DATE_LENGTH has no"):
        publication_bound([dict(article, date_precision="season")])  # was the end of its year
