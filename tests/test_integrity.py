"""Every read checks its file against the manifest; corrupted data is never returned.

Each fault (a changed byte, a truncated, extended, missing or swapped file, a
manifest that does not match) is tried against every public way of reading
the data: the three load backends, ``load_all``, ``validate``, ``export``
(with the Croissant export), ``changes``/``lookup``, ``to_croissant``,
``verify`` and the CLI.
"""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import sadr_iran_data as sid
from sadr_iran_data.cli import main
from sadr_iran_data.declarations import TABLES

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
RELEASE_FILES = ("changes", "retired", "croissant")
# Each earlier release the package can load is one archive file.
ARCHIVES = tuple(f"release-{v}" for v in sid.releases().query("not current")["version"])


def _readers(name: str, tmp_path):
    """Every public way of reaching the data in file ``name``, as (label, call) pairs."""
    if name == "changes":
        return [("changes", sid.changes), ("verify", sid.verify)]
    if name == "retired":
        return [("retired", sid.retired), ("lookup", lambda: sid.lookup("evt-0001")), ("verify", sid.verify)]
    if name == "croissant":
        return [("to_croissant", sid.to_croissant), ("verify", sid.verify)]
    if name in ARCHIVES:
        version = name.removeprefix("release-")
        return [
            ("load version", lambda: sid.load("events", version=version)),
            ("diff", lambda: sid.diff(version, sid.__version__)),
            ("verify", sid.verify),
        ]
    return [
        ("pandas", lambda: sid.load(name)),
        ("arrow", lambda: sid.load(name, backend="arrow")),
        ("polars", lambda: sid.load(name, backend="polars")),
        ("load_all", sid.load_all),
        ("validate", lambda: sid.validate(name, references=False)),
        ("export", lambda: sid.export("parquet", tmp_path / "export", tables=[name], force=True)),
        ("croissant export", lambda: sid.export("croissant", tmp_path / "export", tables=[name], force=True)),
        ("verify", sid.verify),
    ]


def _assert_every_reader_refuses(name: str, file: str, tmp_path, capsys, message: str = "") -> None:
    for label, call in _readers(name, tmp_path):
        with pytest.raises(sid.DataIntegrityError, match=file.replace(".", r"\.") + message) as caught:
            call()
        assert caught.value is not None, label
    assert not list((tmp_path / "export").glob("*")), "a failed export left files behind"
    capsys.readouterr()
    assert main(["verify"]) == 1
    err = capsys.readouterr().err
    assert file in err and len(err.strip().splitlines()) == 1, err


def _file(name: str) -> str:
    if name in ARCHIVES:
        return f"{name}.json.gz"
    return {"retired": "retired.json", "croissant": "croissant.json"}.get(name, f"{name}.parquet")


ALL_FILES = (*TABLES, *RELEASE_FILES, *ARCHIVES)


def test_verify_reports_every_table_and_release_file_ok():
    assert sid.verify() == {name: "ok" for name in ALL_FILES}


def test_manifest_matches_the_files_and_the_declarations(data_copy):
    from sadr_iran_data.dataset.integrity import read_manifest, sha256_bytes

    manifest = read_manifest()
    assert manifest["version"] == sid.__version__
    assert list(manifest["tables"]) == list(TABLES)
    for name, entry in manifest["tables"].items():
        data = (data_copy / entry["file"]).read_bytes()
        assert entry["sha256"] == sha256_bytes(data)
        assert entry["bytes"] == len(data)
        assert entry["rows"] == sid.load(name, backend="arrow").num_rows
        assert entry["schema_fingerprint"] == TABLES[name].fingerprint


# The edges, in a file of each kind (Parquet, JSON, gzipped JSON): the first byte and the last (where Parquet and gzip
# keep their magic numbers), changed in its lowest bit, its highest, or all of them.
@example(name="events", where=0.0, change=1)
@example(name="cues", where=0.9999999, change=0x80)
@example(name="retired", where=0.0, change=0xFF)
@example(name="croissant", where=0.9999999, change=1)
@example(name=ARCHIVES[0], where=0.0, change=0x80)
@example(name=ARCHIVES[-1], where=0.9999999, change=0xFF)
@example(name="changes", where=0.5, change=1)
@SETTINGS
@given(name=st.sampled_from(ALL_FILES), where=st.floats(0, 1, exclude_max=True), change=st.integers(1, 255))
def test_any_changed_byte_in_any_file_is_refused_by_every_reader(data_copy, tmp_path, capsys, name, where, change):
    path = data_copy / _file(name)
    original = path.read_bytes()
    corrupted = bytearray(original)
    corrupted[int(where * len(corrupted))] ^= change  # never 0, so the byte always changes
    path.write_bytes(bytes(corrupted))
    try:
        _assert_every_reader_refuses(name, path.name, tmp_path, capsys, " is corrupted or was edited")
    finally:
        path.write_bytes(original)
    assert sid.verify()[name] == "ok"


# The edges, in a file of each kind (Parquet, JSON, gzipped JSON): emptied, one byte short, one byte more, 64 more.
@example(name="events", keep=0.0, extra=b"")
@example(name="evidence", keep=0.9999999, extra=b"")
@example(name="citations", keep=0.5, extra=b"\0")
@example(name="retired", keep=0.0, extra=b"")
@example(name="croissant", keep=0.9999999, extra=b"")
@example(name="changes", keep=0.0, extra=b"\n" * 64)
@example(name=ARCHIVES[0], keep=0.9999999, extra=b"")
@example(name=ARCHIVES[-1], keep=0.0, extra=b"\x1f\x8b")
@SETTINGS
@given(name=st.sampled_from(ALL_FILES), keep=st.floats(0, 1, exclude_max=True), extra=st.binary(max_size=64))
def test_a_truncated_or_extended_file_is_refused_by_every_reader(data_copy, tmp_path, capsys, name, keep, extra):
    path = data_copy / _file(name)
    original = path.read_bytes()
    changed = original + extra if extra else original[: int(keep * len(original))]
    path.write_bytes(changed)
    try:
        _assert_every_reader_refuses(name, path.name, tmp_path, capsys, rf" is corrupted or was edited: it has {len(changed)} bytes")
    finally:
        path.write_bytes(original)


@pytest.mark.parametrize("name", ALL_FILES)
def test_a_missing_file_is_refused_by_every_reader(data_copy, tmp_path, capsys, name):
    (data_copy / _file(name)).unlink()
    _assert_every_reader_refuses(name, _file(name), tmp_path, capsys, " cannot be read")


def test_a_file_swapped_for_another_valid_file_is_refused(data_copy, tmp_path, capsys):
    (data_copy / "events.parquet").write_bytes((data_copy / "relations.parquet").read_bytes())
    _assert_every_reader_refuses("events", "events.parquet", tmp_path, capsys)
    assert len(sid.load_relations()) > 0  # the other files are still fine


def _edit_manifest(folder, edit) -> None:
    path = folder / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    edit(manifest)
    path.write_text(json.dumps(manifest), encoding="utf-8")


@pytest.mark.parametrize("field, value", [("sha256", "0" * 64), ("sha256", None), ("bytes", 1), ("bytes", None)])
def test_an_edited_hash_or_size_in_the_manifest_is_refused(data_copy, tmp_path, capsys, field, value):
    def edit(manifest):
        entry = manifest["tables"]["actors"]
        entry[field] = value if value is not None else (entry[field][::-1] if field == "sha256" else entry[field] + 1)

    _edit_manifest(data_copy, edit)
    _assert_every_reader_refuses("actors", "actors.parquet", tmp_path, capsys, " is corrupted or was edited")
    with pytest.raises(sid.DataIntegrityError, match=r"manifest\.json was edited"):
        sid.load_events()  # the manifest itself is not the release's any more


@pytest.mark.parametrize("name", ALL_FILES)
def test_a_file_edited_together_with_its_manifest_entry_is_refused(data_copy, tmp_path, capsys, name):
    from sadr_iran_data.dataset.integrity import sha256_bytes

    path = data_copy / _file(name)
    edited = path.read_bytes() + b"\0"
    path.write_bytes(edited)

    def edit(manifest):
        entry = manifest["tables"].get(name) or manifest["files"][name]
        entry["bytes"], entry["sha256"] = len(edited), sha256_bytes(edited)

    _edit_manifest(data_copy, edit)
    for label, call in _readers(name, tmp_path):
        with pytest.raises(sid.DataIntegrityError, match=r"manifest\.json was edited: its sha256 .* is not the .* that sadr-iran-data"):
            call()
        assert label
    assert main(["verify"]) == 1
    err = capsys.readouterr().err
    assert "manifest.json was edited" in err and len(err.strip().splitlines()) == 1


MALFORMED = {
    "not an object": lambda m: m.clear() or m.update(x=1),
    "no tables": lambda m: m.pop("tables"),
    "empty tables": lambda m: m.update(tables={}),
    "entry not an object": lambda m: m["tables"].update(events="events.parquet"),
    "path outside the folder": lambda m: m["tables"]["events"].update(file="../events.parquet"),
    "hidden file": lambda m: m["tables"]["events"].update(file=".events.parquet"),
    "no sha256": lambda m: m["tables"]["events"].pop("sha256"),
    "short sha256": lambda m: m["tables"]["events"].update(sha256="abc"),
    "byte count as text": lambda m: m["tables"]["events"].update(bytes="16622"),
    "files not an object": lambda m: m.update(files=[]),
    "a table missing": lambda m: m["tables"].pop("relations"),
    "an unknown table": lambda m: m["tables"].update(extra=m["tables"]["events"]),
    "other version": lambda m: m.update(version="0.0.1"),
}


@pytest.mark.parametrize("fault", MALFORMED)
def test_a_malformed_manifest_is_refused_naming_it(data_copy, capsys, fault):
    _edit_manifest(data_copy, MALFORMED[fault])
    for call in (sid.load_events, lambda: sid.load("actors", backend="arrow"), sid.verify, sid.load_all, sid.changes):
        with pytest.raises(sid.DataIntegrityError, match=r"manifest\.json is malformed"):
            call()
    assert main(["info"]) == 1
    err = capsys.readouterr().err
    assert "manifest.json is malformed" in err and len(err.strip().splitlines()) == 1


def test_a_manifest_without_an_entry_for_a_table_is_refused(data_copy):
    _edit_manifest(data_copy, lambda m: m["files"].pop("changes"))
    with pytest.raises(sid.DataIntegrityError, match="manifest.json has no entry for 'changes'"):
        sid.changes()
    _edit_manifest(data_copy, lambda m: m["tables"].pop("events"))
    for call in (sid.load_events, lambda: sid.load("actors", backend="arrow"), sid.load_all, sid.verify):
        with pytest.raises(sid.DataIntegrityError, match="manifest.json is malformed: it lists the tables citations, actors, loc"):
            call()


def test_missing_or_unparsable_manifest(data_copy, capsys):
    (data_copy / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(sid.DataIntegrityError, match="manifest.json cannot be read"):
        sid.load_actors()
    (data_copy / "manifest.json").unlink()
    with pytest.raises(sid.DataIntegrityError, match="manifest.json is missing"):
        sid.load_actors()
    assert main(["verify"]) == 1
    assert "manifest.json is missing" in capsys.readouterr().err


def test_verify_names_every_broken_file_at_once(data_copy):
    (data_copy / "events.parquet").write_bytes(b"")
    (data_copy / "actors.parquet").unlink()
    with pytest.raises(sid.DataIntegrityError) as caught:
        sid.verify()
    assert "events.parquet" in str(caught.value) and "actors.parquet" in str(caught.value)
