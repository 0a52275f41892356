"""Every load checks its file against the manifest; corruption is never loaded."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sadr_iran_data as sid
from sadr_iran_data.declarations import TABLES


def test_verify_reports_every_table_and_release_file_ok():
    assert sid.verify() == {name: "ok" for name in (*TABLES, "changes", "retired")}


def test_manifest_matches_the_files_and_the_declarations(data_copy):
    from sadr_iran_data.build import schema_fingerprint
    from sadr_iran_data.integrity import read_manifest, sha256_bytes

    manifest = read_manifest()
    assert manifest["version"] == sid.__version__
    assert list(manifest["tables"]) == list(TABLES)
    for name, entry in manifest["tables"].items():
        data = (data_copy / entry["file"]).read_bytes()
        assert entry["sha256"] == sha256_bytes(data)
        assert entry["bytes"] == len(data)
        assert entry["rows"] == sid.load(name, backend="arrow").num_rows
        assert entry["schema_fingerprint"] == schema_fingerprint(TABLES[name])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(list(TABLES)), where=st.floats(0, 1, exclude_max=True), bit=st.integers(0, 7))
def test_a_flipped_bit_anywhere_raises_naming_the_file(data_copy, name, where, bit):
    path = data_copy / f"{name}.parquet"
    original = path.read_bytes()
    corrupted = bytearray(original)
    corrupted[int(where * len(corrupted))] ^= 1 << bit
    path.write_bytes(bytes(corrupted))
    try:
        for backend in ("pandas", "arrow"):
            with pytest.raises(sid.DataIntegrityError, match=rf"{name}\.parquet is corrupted or was edited"):
                sid.load(name, backend=backend)
        with pytest.raises(sid.DataIntegrityError, match=rf"{name}\.parquet"):
            sid.verify()
    finally:
        path.write_bytes(original)
    assert sid.verify()[name] == "ok"


def test_missing_file_and_missing_manifest(data_copy):
    (data_copy / "events.parquet").unlink()
    with pytest.raises(sid.DataIntegrityError, match="events.parquet cannot be read"):
        sid.load_events()
    (data_copy / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(sid.DataIntegrityError, match="manifest.json cannot be read"):
        sid.load_actors()
    (data_copy / "manifest.json").unlink()
    with pytest.raises(sid.DataIntegrityError, match="manifest.json is missing"):
        sid.load_actors()


def test_edited_manifest_hash_is_detected(data_copy):
    path = data_copy / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["tables"]["actors"]["sha256"] = "0" * 64
    path.write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(sid.DataIntegrityError, match="actors.parquet"):
        sid.load_actors()
    assert len(sid.load_events()) > 0  # the other files are still fine
