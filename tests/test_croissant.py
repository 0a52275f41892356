"""The Croissant description: mlcroissant validates it and reads every record set exactly as ``sid.load`` does.

mlcroissant is the Croissant reference reader (https://github.com/mlcommons/croissant,
``python/mlcroissant``). It reads each field of a Parquet file through pandas and
casts it to the field's ``dataType``: text comes back as bytes, integers as int,
floats as float, booleans as bool, dates as ``pandas.Timestamp`` and arrays as
lists. The comparison below asks for exactly those Python types, column by
column, so a column that is left out or given another type fails it.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import json
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
import pytest

import sadr_iran_data as sid
from sadr_iran_data.cli import main
from sadr_iran_data.dataset.integrity import data_dir, read_manifest
from sadr_iran_data.declarations import TABLES, VOCABULARIES, Column, Table

if TYPE_CHECKING:
    import mlcroissant as mlc

TEXT_TYPES = ("id", "string", "category", "edtf")

# mlcroissant 1.1.1 calls APIs its dependencies deprecate (rdflib's ConjunctiveGraph, pandas' inplace reset_index):
# not something this package can change.
pytestmark = [
    pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated"),
    pytest.mark.filterwarnings("ignore:The inplace keyword in DataFrame.reset_index"),
]


# --------------------------------------------------------------------------
# Reading with mlcroissant
# --------------------------------------------------------------------------


def load_description(path: Path, caplog: pytest.LogCaptureFixture) -> mlc.Dataset:
    """The description at ``path`` as mlcroissant parses it; no error, no warning (logged or collected)."""
    import mlcroissant as mlc

    with caplog.at_level(logging.WARNING):
        dataset = mlc.Dataset(path)
    issues = dataset.metadata.ctx.issues
    assert issues.errors == set() and issues.warnings == set(), issues.report()
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert logged == [], logged
    return dataset


_PARSED: dict[tuple[Path, bytes], Any] = {}


def reader(path: Path) -> mlc.Dataset:
    """A fresh reader of the description at ``path``: a reader keeps the output of the sets it read before.

    The description is parsed once for each content of the file; each reader only builds its own operations.
    """
    import mlcroissant as mlc

    key = (path, hashlib.sha256(path.read_bytes()).digest())
    if key not in _PARSED:
        _PARSED[key] = mlc.Dataset(path).metadata
    return mlc.Dataset.from_metadata(_PARSED[key])


def records(path: Path, record_set: str) -> list[dict[str, Any]]:
    """Every record of ``record_set``, read by a fresh reader."""
    return list(reader(path).records(record_set))


def _typed(col: Column, field: Any, value: Any) -> Any:
    """A value mlcroissant read, checked to have the Python type of its column type, in ``to_pylist`` form.

    ``field`` is mlcroissant's reading of the column's description: only a list column is an array.
    """
    kind = col.type
    assert bool(field.is_array) is (kind == "list"), (col.name, field.is_array)
    if value is None:
        return None
    if kind in TEXT_TYPES:
        assert isinstance(value, bytes), (col.name, value)
        return value.decode("utf-8")
    if kind == "int":
        assert isinstance(value, int) and not isinstance(value, bool), (col.name, value)
        return value
    if kind == "float":
        assert isinstance(value, float), (col.name, value)
        return value
    if kind == "bool":
        assert isinstance(value, bool), (col.name, value)
        return value
    if kind == "date":
        assert isinstance(value, pd.Timestamp) and value == value.normalize(), (col.name, value)
        return value.date()
    if kind == "list":
        assert isinstance(value, list) and all(isinstance(item, bytes) for item in value), (col.name, value)
        return [item.decode("utf-8") for item in value]
    raise AssertionError(f"no reading of the {kind} type: add one here")


def as_shipped(table: Table, fields: dict[str, Any], read: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Records mlcroissant read, as ``sid.load(table, backend="arrow").to_pylist()`` gives them; every column present, no other."""
    expected = {f"{table.name}/{c.name}" for c in table.columns}
    assert set(fields) == expected, sorted(set(fields) ^ expected)
    converted = []
    for record in read:
        assert set(record) == expected, sorted(set(record) ^ expected)
        converted.append({c.name: _typed(c, fields[f"{table.name}/{c.name}"], record[f"{table.name}/{c.name}"]) for c in table.columns})
    return converted


_READ: dict[tuple[Any, ...], tuple[dict[str, Any], list[dict[str, Any]]]] = {}


def _sha256(path: Path) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()


def fields_and_records(path: Path, name: str) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """mlcroissant's reading of each field of record set ``name`` of the description at ``path``, and every record read.

    Read once for each content of the description and of the files it names, wherever they are: the shipped
    folder and an export of every table hold the same bytes, which read the same.
    """
    files = [entry["contentUrl"] for entry in json.loads(path.read_text(encoding="utf-8")).get("distribution", [])]
    key = (_sha256(path), tuple((file, _sha256(path.parent / file)) for file in files), name)
    if key not in _READ:
        fields, read = fields_and_reading(path, name)
        _READ[key] = fields, list(read)
    return _READ[key]


def fields_and_reading(path: Path, name: str) -> tuple[dict[str, Any], Iterable[dict[str, Any]]]:
    """mlcroissant's reading of each field of record set ``name`` of the description at ``path``, and its records as read."""
    dataset = reader(path)
    fields = {field.id: field for record_set in dataset.metadata.record_sets if record_set.id == name for field in record_set.fields}
    return fields, dataset.records(name)


def assert_reads_as_shipped(path: Path, name: str, *, once: bool = False) -> None:
    """mlcroissant reads record set ``name`` of the description at ``path`` as ``sid.load`` returns the table.

    With ``once``, the description is read this time only: each record is compared as it is read, so a faulty
    description fails at the first record it spoils.
    """
    table = TABLES[name]
    shipped = sid.load(name, backend="arrow").to_pylist()
    fields, records_read = fields_and_reading(path, name) if once else fields_and_records(path, name)
    read = as_shipped(table, fields, records_read)
    assert len(read) == len(shipped)
    for position, (got, want) in enumerate(zip(read, shipped, strict=True)):
        assert got == want, (name, position, {k: (got[k], want[k]) for k in want if got[k] != want[k]})


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every table exported as Parquet with its Croissant description, once for the module."""
    folder = tmp_path_factory.mktemp("croissant")
    sid.export("croissant", folder)
    return folder / "croissant.json"


SHIPPED = data_dir() / "croissant.json"


# --------------------------------------------------------------------------
# Validation and reading
# --------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["shipped", "exported"])
def test_mlcroissant_validates_the_description_with_no_error_or_warning(where, exported, caplog):
    path = SHIPPED if where == "shipped" else exported
    dataset = load_description(path, caplog)
    assert [rs.id for rs in dataset.metadata.record_sets][: len(TABLES)] == list(TABLES)


@pytest.mark.parametrize("name", TABLES)
def test_mlcroissant_reads_every_table_of_the_export_as_sid_load_does(exported, name):
    assert_reads_as_shipped(exported, name)


@pytest.mark.parametrize("name", TABLES)
def test_mlcroissant_reads_every_table_shipped_in_the_package_as_sid_load_does(name):
    assert_reads_as_shipped(SHIPPED, name)


def test_mlcroissant_reads_each_vocabulary_as_declared(exported):
    used = {c.vocabulary.name for t in TABLES.values() for c in t.columns if c.vocabulary is not None}
    described = {rs["@id"]: rs for rs in json.loads(exported.read_text(encoding="utf-8"))["recordSet"]}
    for name in sorted(used):
        vocabulary = VOCABULARIES[name]
        record_set = next(rs for rs in described.values() if rs["description"].startswith(f"The {name} vocabulary"))
        rid = record_set["@id"]
        read = records(exported, rid)  # embedded data come back as written, not cast
        assert [r[f"{rid}/value"] for r in read] == list(vocabulary.values)
        assert [r[f"{rid}/description"] for r in read] == [t.description for t in vocabulary.terms]
        if any(t.plover for t in vocabulary.terms):
            assert [None if pd.isna(r[f"{rid}/plover"]) else r[f"{rid}/plover"] for r in read] == [t.plover for t in vocabulary.terms]


# --------------------------------------------------------------------------
# The comparison is strict: a dropped or mistyped column fails it
# --------------------------------------------------------------------------


def _field(document: dict[str, Any], field_id: str) -> tuple[dict[str, Any], dict[str, Any]]:
    for record_set in document["recordSet"]:
        for field in record_set["field"]:
            if field["@id"] == field_id:
                return record_set, field
    raise KeyError(field_id)


def _drop(document: dict[str, Any], field_id: str) -> None:
    record_set, field = _field(document, field_id)
    record_set["field"].remove(field)


def _retype(data_type: str, is_array: bool | None = None) -> Any:
    def change(document: dict[str, Any], field_id: str) -> None:
        _, field = _field(document, field_id)
        field["dataType"] = data_type
        if is_array is False:
            field.pop("isArray", None)

    return change


SPOILED = {
    "a dropped date": ("events/date_start", _drop),
    "a dropped list": ("relations/event_ids", _drop),
    "an integer read as text": ("citations/note_number", _retype("sc:Text")),
    "an integer read as a float": ("evidence/char_start", _retype("sc:Float")),
    "a float read as an integer": ("locations/latitude", _retype("sc:Integer")),
    "a boolean read as text": ("relations/directed", _retype("sc:Text")),
    "a date read as text": ("citations/date", _retype("sc:Text")),
    "a list read as one text": ("actors/aliases", _retype("sc:Text", is_array=False)),
    "a text read as a number": ("events/summary", _retype("sc:Float")),
}


@pytest.fixture(scope="module")
def alone(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Croissant export of each table a fault spoils, that table alone, once for the module.

    mlcroissant parses a description of one table and its vocabularies in a
    fraction of the time it takes for the whole dataset's.
    """
    folder = tmp_path_factory.mktemp("alone")
    paths = {}
    for name in sorted({field_id.split("/")[0] for field_id, _ in SPOILED.values()}):
        sid.export("croissant", folder / name, tables=[name])
        paths[name] = folder / name / "croissant.json"
    return paths


@pytest.mark.parametrize("fault", SPOILED)
def test_the_comparison_fails_for_a_dropped_or_mistyped_column(alone, tmp_path, fault):
    field_id, spoil = SPOILED[fault]
    name = field_id.split("/")[0]
    assert_reads_as_shipped(alone[name], name)  # as exported, the description passes: the fault alone makes it fail
    document = json.loads(alone[name].read_text(encoding="utf-8"))
    spoiled = copy.deepcopy(document)
    spoil(spoiled, field_id)
    for parquet in alone[name].parent.glob("*.parquet"):
        (tmp_path / parquet.name).write_bytes(parquet.read_bytes())
    (tmp_path / "croissant.json").write_text(json.dumps(spoiled), encoding="utf-8")
    import mlcroissant as mlc

    with pytest.raises((AssertionError, mlc.ValidationError, mlc.GenerationError, ValueError, TypeError)):
        assert_reads_as_shipped(tmp_path / "croissant.json", name, once=True)


# --------------------------------------------------------------------------
# What the description says
# --------------------------------------------------------------------------


def test_every_file_is_described_with_its_size_sha256_and_format(exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    files = {entry["@id"]: entry for entry in document["distribution"]}
    assert sorted(files) == sorted(f"{name}.parquet" for name in TABLES)
    for name, entry in files.items():
        data = (exported.parent / entry["contentUrl"]).read_bytes()
        assert entry["contentUrl"] == name == entry["name"]
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["contentSize"] == f"{len(data)} B"
        assert entry["encodingFormat"] == "application/x-parquet"
        assert entry["@type"] == "cr:FileObject"


def test_keys_and_foreign_keys_are_the_declared_ones(exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    described = {rs["@id"]: rs for rs in document["recordSet"]}
    for name, table in TABLES.items():
        record_set = described[name]
        assert record_set["key"] == {"@id": f"{name}/{table.primary_key}"}
        fields = {f["name"]: f for f in record_set["field"]}
        assert list(fields) == list(table.column_names)
        for col in table.columns:
            field = fields[col.name]
            assert field["source"] == {"fileObject": {"@id": f"{name}.parquet"}, "extract": {"column": col.name}}
            assert field.get("isArray", False) is (col.type == "list")
            reference = field.get("references", {}).get("field", {}).get("@id")
            if col.references is not None and col.references != name and col.type != "list":
                assert reference == f"{col.references}/{TABLES[col.references].primary_key}", col.name
            elif col.vocabulary is not None:
                assert reference is not None and described[reference.split("/")[0]]["key"] == {"@id": reference}, col.name
                assert col.vocabulary.name in field["description"]
            else:
                # Croissant references another record set's field with one value: a hierarchy (parent_actor_id)
                # and a list of ids (event_ids) are described in words.
                assert reference is None, col.name
                if col.references is not None:
                    assert col.description in field["description"]
            if col.references_table_in is not None:
                assert "polymorphic key" in field["description"]


def test_the_dataset_level_metadata_is_the_identitys_and_this_versions(exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    identity = sid.identity
    assert document["conformsTo"] == "http://mlcommons.org/croissant/1.1"
    assert document["@type"] == "sc:Dataset"
    assert (document["name"], document["description"], document["version"]) == (identity.NAME, identity.DESCRIPTION, sid.__version__)
    assert document["datePublished"] == sid._version.__released__
    assert document["license"] == identity.DATA_LICENSE.url
    assert document["keywords"] == list(identity.KEYWORDS)
    assert document["citeAs"] == sid.cite("bibtex", include_source=False)
    assert document["isBasedOn"] == identity.SOURCE.url == document["citation"]["url"]
    assert [c["name"] for c in document["creator"]] == [a["name"] for a in _cff_authors()]


def _cff_authors() -> list[dict[str, Any]]:
    import yaml

    return yaml.safe_load(sid.cite("cff"))["authors"]


def test_the_coverage_is_derived_from_the_events_and_places(exported):
    document = json.loads(exported.read_text(encoding="utf-8"))
    events, places = sid.load_events(), sid.load_locations()
    first, last = document["temporalCoverage"].split("/")
    assert datetime.date.fromisoformat(first) == events["date_start"].min().date()
    assert datetime.date.fromisoformat(last) == events["date_end"].max().date()
    countries = places[places["location_type"] == "country"]
    assert sorted(p["name"] for p in document["spatialCoverage"]) == sorted(countries["name"])
    iraq = next(p for p in document["spatialCoverage"] if p["name"] == "Iraq")
    row = countries[countries["name"] == "Iraq"].iloc[0]
    assert (iraq["geo"]["latitude"], iraq["geo"]["longitude"]) == (row["latitude"], row["longitude"])
    assert f"https://www.wikidata.org/wiki/{row['wikidata_id']}" in iraq["sameAs"]


# --------------------------------------------------------------------------
# Shipped, exported and read through the API
# --------------------------------------------------------------------------


def test_the_export_of_every_table_is_the_shipped_description(exported):
    assert exported.read_bytes() == SHIPPED.read_bytes()
    assert sid.to_croissant() == json.loads(SHIPPED.read_text(encoding="utf-8"))


def test_the_manifest_lists_the_description_so_verify_checks_it():
    entry = read_manifest()["files"]["croissant"]
    assert entry["file"] == "croissant.json"
    assert entry["sha256"] == hashlib.sha256(SHIPPED.read_bytes()).hexdigest()
    assert sid.verify()["croissant"] == "ok"


def test_a_selection_describes_its_tables_and_their_vocabularies_only(tmp_path, caplog):
    written = sid.export("croissant", tmp_path, tables=["events", "locations"])
    assert [p.name for p in written] == ["locations.parquet", "events.parquet", "croissant.json"]
    document = json.loads((tmp_path / "croissant.json").read_text(encoding="utf-8"))
    ids = [rs["@id"] for rs in document["recordSet"]]
    assert ids[:2] == ["locations", "events"]
    used = {c.vocabulary.name for name in ("locations", "events") for c in TABLES[name].columns if c.vocabulary is not None}
    assert len(ids) == 2 + len(used)
    _, citation = _field(document, "events/citation_id")
    assert "references" not in citation  # citations are not in the folder
    _, location = _field(document, "events/location_id")
    assert location["references"] == {"field": {"@id": "locations/location_id"}}
    load_description(tmp_path / "croissant.json", caplog)
    assert_reads_as_shipped(tmp_path / "croissant.json", "events")


def test_the_command_line_writes_the_croissant_export(tmp_path, capsys):
    assert main(["export", str(tmp_path), "--format", "croissant", "--table", "event_actors"]) == 0
    out = capsys.readouterr().out.split()
    assert out == [str(tmp_path / "event_actors.parquet"), str(tmp_path / "croissant.json")]
    assert_reads_as_shipped(tmp_path / "croissant.json", "event_actors")
    assert main(["export", str(tmp_path), "--format", "croissant", "--table", "event_actors"]) == 1
    err = capsys.readouterr().err
    assert "will not overwrite" in err and len(err.strip().splitlines()) == 1
