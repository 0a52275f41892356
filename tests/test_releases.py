"""Releases: one version everywhere, no silent data changes, a data changelog, retired ids."""

from __future__ import annotations

import datetime
import re
import shutil
import tomllib

import pandas as pd
import pytest
import yaml

import sadr_iran_data as sid
from conftest import ROOT, needs_repository
from sadr_iran_data import _version
from sadr_iran_data._build.build import build
from sadr_iran_data._build.curated import parse_yaml
from sadr_iran_data.dataset import integrity
from sadr_iran_data.dataset.integrity import read_manifest, sha256_bytes
from sadr_iran_data.errors import BuildError


def test_version_is_single_sourced():
    from packaging.version import Version

    assert str(Version(sid.__version__)) == sid.__version__
    assert read_manifest()["version"] == sid.__version__
    assert f"(Version {sid.__version__})" in sid.cite("apa")
    assert yaml.safe_load(sid.cite("cff"))["version"] == sid.__version__
    from importlib.metadata import version

    assert version("sadr-iran-data") == sid.__version__


@needs_repository
def test_pyproject_and_citation_cff_read_the_same_version():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in pyproject["project"]["dynamic"]
    assert pyproject["tool"]["hatch"]["version"]["path"] == "src/sadr_iran_data/_version.py"
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["version"] == sid.__version__
    assert cff["date-released"] == read_manifest()["released"]


@needs_repository
def test_shipped_data_equal_the_archive_of_this_version_if_released():
    from sadr_iran_data._build.archive import read_archives, snapshot
    from sadr_iran_data._build.curated import derive_rows, read_curated, read_sources

    archives = read_archives(ROOT)
    if sid.__version__ not in archives:
        pytest.skip("this version is not released yet")
    current = snapshot(derive_rows(read_curated(ROOT), read_sources(ROOT)))
    assert archives[sid.__version__] == current, "the data changed but the version did not: bump it"


@pytest.fixture
def repo(tmp_path):
    for part in ("data/curated", "data/sources", "data/releases"):
        shutil.copytree(ROOT / part, tmp_path / part)
    return tmp_path


def _edit(repo, table, old, new):
    path = repo / "data" / "curated" / f"{table}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _use(out, monkeypatch):
    """Load from ``out`` as if it were the installed data of the version it was built as (and the release had recorded its manifest)."""
    monkeypatch.setattr(integrity, "_data_dir", out)
    monkeypatch.setattr(_version, "__version__", integrity.read_manifest(out)["version"])
    monkeypatch.setattr(_version, "__manifest_sha256__", sha256_bytes((out / "manifest.json").read_bytes()))


@needs_repository
def test_changing_released_data_without_a_new_version_fails(repo):
    if sid.__version__ not in {p.name[:-8] for p in (repo / "data/releases").glob("*.json.gz")}:
        pytest.skip("this version is not released yet")
    _edit(repo, "locations", "latitude: 33.1222", "latitude: 33.1223")
    with pytest.raises(BuildError, match=rf"differ from the released {re.escape(sid.__version__)}: bump the version"):
        build(repo, repo / "out")


@needs_repository
def test_changes_list_edits_additions_and_retirements_by_id_and_column_and_a_retired_id_may_never_be_reused(repo, monkeypatch):
    monkeypatch.setattr(_version, "__version__", "99.0.0")
    _edit(repo, "locations", "latitude: 33.1222", "latitude: 33.1223")
    text = (repo / "data/curated/actors.yaml").read_text(encoding="utf-8")
    block = re.search(r"\n- actor_id: act-serbs\n.*?(?=\n- actor_id|\Z)", text, re.S).group(0)
    (repo / "data/curated/actors.yaml").write_text(text.replace(block, ""), encoding="utf-8")
    events = (repo / "data/curated/events.yaml").read_text(encoding="utf-8")
    roles = re.findall(r"    - \{actor_id: act-serbs, role: (?:subject|participant)\b.*\}\n", events)
    assert len(roles) == 2
    for role in roles:
        _edit(repo, "events", role, "")
    relations = (repo / "data/curated/relations.yaml").read_text(encoding="utf-8")
    rel = re.search(r"\n- relation_id: rel-0063\n.*?(?=\n- relation_id|\n# ----)", relations, re.S).group(0)
    (repo / "data/curated/relations.yaml").write_text(relations.replace(rel, ""), encoding="utf-8")

    # A retired id may never be reused: loc-mehran, still there, retired too. The build lists every problem of the ids.
    retired = parse_yaml((repo / "data/curated/retired.yaml").read_text(encoding="utf-8")) or []
    _write_retired(repo, [*retired, {"id": "loc-mehran", "table": "locations", "retired_in": "99.0.0", "reason": "a test"}])
    with pytest.raises(BuildError) as failed:
        build(repo, repo / "out")
    assert re.search(r"actors \[act-serbs\] was released in .* but is gone: list it in", str(failed.value)), str(failed.value)
    assert "loc-mehran is retired and may not be reused" in str(failed.value), str(failed.value)

    retired += [
        {"id": "act-serbs", "table": "actors", "retired_in": "99.0.0", "reason": "a test removal", "replaced_by": "act-muslim-bosnians"},
        {"id": "rel-0063", "table": "relations", "retired_in": "99.0.0", "reason": "its target was retired"},
    ]
    evas = [f"eva-{n}-serbs" for n in ("0015", "0018")]
    retired += [{"id": e, "table": "event_actors", "retired_in": "99.0.0", "reason": "its actor was retired"} for e in evas]
    _write_retired(repo, retired)
    with pytest.raises(BuildError, match=r"(evidence|cues) \[.*\] was released in"):
        build(repo, repo / "out")  # the evidence and cue rows of removed records must be retired too

    released, current = _released_ids(repo), _current_rows(repo)
    for table, key in (("evidence", "evidence_id"), ("cues", "cue_id")):
        removed = sorted(set(released[table]) - {row[key] for row in current[table]})
        assert removed, table
        retired += [{"id": e, "table": table, "retired_in": "99.0.0", "reason": "its record was retired"} for e in removed]
    _write_retired(repo, retired)
    build(repo, repo / "out")
    _use(repo / "out", monkeypatch)

    from sadr_iran_data._build.archive import read_archives
    from sadr_iran_data.dataset.versions import version_key

    latest = max(read_archives(repo), key=version_key)  # the release this build follows
    changes = sid.changes(since=latest)
    assert set(changes["version"]) == {"99.0.0"}
    edit = changes.query("record_id == 'loc-mehran' and column == 'latitude'")
    assert edit[["change", "old_value", "new_value"]].values.tolist() == [["changed", 33.1222, 33.1223]]
    assert {"act-serbs", "rel-0063"} <= set(changes.query("change == 'removed'")["record_id"])
    assert sid.changes(since="99.0.0").empty
    with pytest.raises(sid.SadrIranDataError, match="unknown release '0.0.1'"):
        sid.changes(since="0.0.1")
    with pytest.raises(sid.RetiredIdError, match="act-serbs was retired in 99.0.0 because a test removal; use act-muslim-bosnians"):
        sid.lookup("act-serbs")
    assert sid.lookup("loc-mehran")["latitude"] == 33.1223
    with pytest.raises(KeyError, match="no record has id 'act-nobody'"):
        sid.lookup("act-nobody")


def _write_retired(repo, retired):
    """Write ``data/curated/retired.yaml`` (with libyaml's emitter where PyYAML has it: the list is long)."""
    dumper = yaml.CSafeDumper if yaml.__with_libyaml__ else yaml.SafeDumper
    (repo / "data/curated/retired.yaml").write_text(yaml.dump(retired, Dumper=dumper), encoding="utf-8")


def _released_ids(repo):
    """The ids of every table in the latest archived release, by table."""
    from sadr_iran_data._build.archive import read_archives
    from sadr_iran_data.dataset.versions import version_key

    archives = read_archives(repo)
    return archives[max(archives, key=version_key)]


def _current_rows(repo):
    from sadr_iran_data._build.curated import derive_rows, read_curated, read_sources

    return derive_rows(read_curated(repo), read_sources(repo))


def test_versions_sort_numerically():
    from sadr_iran_data.dataset.versions import version_key

    assert sorted(["1.10.0", "1.9.2", "1.2.0", "0.9.0"], key=version_key) == ["0.9.0", "1.2.0", "1.9.2", "1.10.0"]
    with pytest.raises(sid.SadrIranDataError, match="not a version"):
        version_key("one")


def test_prereleases_sort_before_their_release():
    from sadr_iran_data.dataset.versions import version_key

    assert sorted(["1.2.0", "1.2.0rc1", "1.1.9", "1.2.0a1", "1.2.0.post1"], key=version_key) == [
        "1.1.9",
        "1.2.0a1",
        "1.2.0rc1",
        "1.2.0",
        "1.2.0.post1",
    ]


#: The Python type of a value of each column type, as changes() and diff() give it.
PYTHON_TYPES = {
    "id": str,
    "string": str,
    "category": str,
    "edtf": str,
    "int": int,
    "float": float,
    "bool": bool,
    "date": datetime.date,
    "list": list,
}


def test_changes_give_each_value_as_python_holds_its_columns_type():
    from sadr_iran_data.column_types import COLUMN_TYPES
    from sadr_iran_data.declarations import TABLES

    assert set(PYTHON_TYPES) == set(COLUMN_TYPES)
    changes = sid.changes()
    assert str(changes["old_value"].dtype) == str(changes["new_value"].dtype) == "object"
    typed = 0
    for row in changes.to_dict("records"):
        if row["change"] != "changed":
            assert row["old_value"] is None and row["new_value"] is None and pd.isna(row["column"])
            continue
        assert row["old_value"] != row["new_value"]
        table = TABLES[row["table"]]
        if row["column"] not in table.column_names:
            continue
        kind = PYTHON_TYPES[table.column(row["column"]).type]
        for value in (row["old_value"], row["new_value"]):
            assert value is None or (isinstance(value, kind) and not (kind is int and isinstance(value, bool))), row
            assert not (isinstance(value, str) and value.startswith('"') and value.endswith('"')), row  # no JSON quoting
            typed += value is not None
    assert typed > 1000
    kinds = {type(v) for v in changes["new_value"] if v is not None}
    assert {str, int, float, list, datetime.date} <= kinds


_VERSIONS = list(sid.releases()["version"])


@pytest.mark.parametrize("pair", [("1.0.0", "1.1.0"), ("1.2.0", "1.3.0"), ("1.3.0", "1.4.0"), tuple(_VERSIONS[-2:])])
def test_diff_of_consecutive_releases_gives_the_changes_of_the_later(pair):
    older, newer = pair
    diff = sid.diff(older, newer)
    changes = sid.changes().query("version == @newer and previous_version == @older")
    assert list(diff.columns) == list(changes.columns[2:])
    assert [str(diff[c].dtype) for c in diff.columns] == [str(changes[c].dtype) for c in changes.columns[2:]]

    def rows(frame: pd.DataFrame) -> list[tuple]:
        return sorted((tuple(None if pd.isna(v) else v for v in r[:4]), repr(r[4]), repr(r[5])) for r in frame.itertuples(index=False))

    assert rows(diff) == rows(changes.iloc[:, 2:]) and len(diff) > 0


def test_changes_since_a_release_with_no_later_change_is_an_empty_frame_with_every_column():
    columns = ["version", "previous_version", "table", "record_id", "change", "column", "old_value", "new_value"]
    nothing = sid.changes(since=sid.__version__)
    assert list(nothing.columns) == columns and nothing.empty
    first = sid.changes(since="1.0.0")
    assert list(first.columns) == columns and len(first) > 0
    assert set(first["previous_version"]) >= {"1.0.0"}
