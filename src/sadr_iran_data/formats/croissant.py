"""The dataset's Croissant description: the tables as typed, keyed and linked record sets of its Parquet files.

Croissant (MLCommons, https://mlcommons.org/croissant/) describes a dataset
in schema.org terms (the properties :mod:`sadr_iran_data.formats.schemaorg` gives)
and adds, for every file, its checksum and format (``distribution``), and,
for every table, its columns with their types, its primary key and its
foreign keys (``recordSet``). :func:`croissant` derives all of it from the
table declarations, the identity and the files' sha256 hashes: one
``cr:FileObject`` per Parquet file, one ``cr:RecordSet`` per table with a
``cr:Field`` per column (its Croissant ``dataType`` from the column type
registry; lists as arrays), and one small embedded record set per controlled
vocabulary, which every vocabulary column references.

The build ships ``croissant.json`` next to the Parquet files it describes
(listed in the manifest, so ``sid.verify()`` checks it); :func:`to_croissant`
reads it, and ``sid.export("croissant", folder)`` writes the Parquet files
and their description into a folder, where a Croissant reader
(``mlcroissant.Dataset(folder / "croissant.json")``) loads every table: with
``mlcroissant`` 1.1.1, through a new ``Dataset`` for each record set, since
one that has read a record set before (directly, or through a reference)
silently returns wrong records or none when asked for it again.

The target is Croissant 1.1 (``http://mlcommons.org/croissant/1.1``; the
specification is ``docs/croissant-spec-1.1.md`` in github.com/mlcommons/croissant,
read at commit 2348a46, and its reference reader is ``mlcroissant``).

Examples
--------
>>> from sadr_iran_data.formats.croissant import croissant
>>> described = croissant(["event_actors"])
>>> [record_set["@id"] for record_set in described["recordSet"]]
['event_actors', 'vocabulary_role']
>>> described["recordSet"][0]["key"]
{'@id': 'event_actors/event_actor_id'}
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..declarations import TABLES, Column, Table, Vocabulary, get_table
from ._registry import Format, Options, register
from .citation import cite
from .schemaorg import MEDIA_TYPES, dataset

#: The file the build ships next to the Parquet files, and the export writes.
FILE = "croissant.json"
#: The version of the specification the description conforms to.
CONFORMS_TO = "http://mlcommons.org/croissant/1.1"
#: The ``encodingFormat`` of the Parquet files: the one Croissant readers recognise.
PARQUET = MEDIA_TYPES["parquet"][0]
#: The JSON-LD context of a Croissant 1.1 document, as the reference reader writes it (mlcroissant 1.1.1,
#: ``mlcroissant/_src/core/rdf.py``, ``make_context`` for version 1.1); a reader warns of a context without these keys.
CONTEXT: dict[str, Any] = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "arrayShape": "cr:arrayShape",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "containedIn": "cr:containedIn",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "description": {"@container": "@language"},
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isArray": "cr:isArray",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "name": {"@container": "@language"},
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}

#: Where a file's size and checksum come from: ``{"file": ..., "bytes": ..., "sha256": ...}`` by table, as in the manifest.
Files = Mapping[str, Mapping[str, Any]]


def vocabulary_id(vocabulary: Vocabulary) -> str:
    """The ``@id`` of the record set that holds a vocabulary's values."""
    return f"vocabulary_{vocabulary.name}"


def _file_object(table: Table, entry: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "@type": "cr:FileObject",
        "@id": entry["file"],
        "name": entry["file"],
        "description": f"The {table.name} table: {table.description}",
        "contentUrl": entry["file"],  # relative: the description sits in the same folder as its files
        "contentSize": f"{entry['bytes']} B",
        "encodingFormat": PARQUET,
        "sha256": entry["sha256"],
    }


def _description(col: Column) -> str:
    parts = [col.description, f"Type: {col.column_type.description}."]
    if col.vocabulary is not None:
        parts.append(f"A value of the {col.vocabulary.name} vocabulary ({vocabulary_id(col.vocabulary)}).")
    if col.nullable:
        parts.append("May be missing.")
    if col.references_table_in is not None:
        parts.append(
            f"A polymorphic key: the primary key of a row of the table that {col.references_table_in} names, "
            "which a Croissant reference to one field cannot express."
        )
    if col.source_column is not None:
        parts.append(f"From outside the article: its source is in {col.source_column}.")
    return " ".join(parts)


def _field(table: Table, col: Column, file: str, published: set[str]) -> dict[str, Any]:
    field: dict[str, Any] = {
        "@type": "cr:Field",
        "@id": f"{table.name}/{col.name}",
        "name": col.name,
        "description": _description(col),
        **col.column_type.croissant_field(),
        "source": {"fileObject": {"@id": file}, "extract": {"column": col.name}},
    }
    if col.references is not None and col.references in published and col.references != table.name and col.type != "list":
        target = TABLES[col.references]
        field["references"] = {"field": {"@id": f"{target.name}/{target.primary_key}"}}
    elif col.vocabulary is not None:
        field["references"] = {"field": {"@id": f"{vocabulary_id(col.vocabulary)}/value"}}
    return field


def _record_set(table: Table, entry: Mapping[str, Any], published: set[str]) -> dict[str, Any]:
    return {
        "@type": "cr:RecordSet",
        "@id": table.name,
        "name": table.name,
        "description": table.description,
        "key": {"@id": f"{table.name}/{table.primary_key}"},
        "field": [_field(table, col, entry["file"], published) for col in table.columns],
    }


def _vocabulary_record_set(vocabulary: Vocabulary) -> dict[str, Any]:
    """A controlled vocabulary as a record set whose data are its values (Croissant 1.1, "Embedding data")."""
    rid = vocabulary_id(vocabulary)
    plover = any(term.plover is not None for term in vocabulary.terms)
    fields = [
        ("value", "The value, as the tables write it.", False),
        ("description", "What the value means (docs/codebook.md).", False),
        *([("plover", "The PLOVER event type the value maps to, where one fits.", True)] if plover else []),
    ]
    return {
        "@type": "cr:RecordSet",
        "@id": rid,
        "name": rid,
        "description": f"The {vocabulary.name} vocabulary: {vocabulary.description}",
        "key": {"@id": f"{rid}/value"},
        "field": [
            {"@type": "cr:Field", "@id": f"{rid}/{name}", "name": name, "description": text, "dataType": "sc:Text"}
            for name, text, _ in fields
        ],
        "data": [
            {
                f"{rid}/value": term.value,
                f"{rid}/description": term.description,
                **({f"{rid}/plover": term.plover} if plover else {}),
            }
            for term in vocabulary.terms
        ],
    }


def _vocabularies(tables: Iterable[Table]) -> list[Vocabulary]:
    seen: dict[str, Vocabulary] = {}
    for table in tables:
        for col in table.columns:
            if col.vocabulary is not None:
                seen.setdefault(col.vocabulary.name, col.vocabulary)
    return list(seen.values())


def _manifest_files() -> dict[str, Any]:
    from ..dataset.integrity import read_manifest

    tables: dict[str, Any] = read_manifest()["tables"]
    return tables


def croissant(
    tables: Iterable[str] | None = None, *, files: Files | None = None, rows: Mapping[str, Sequence[Mapping[str, Any]]] | None = None
) -> dict[str, Any]:
    """The Croissant 1.1 description of the Parquet files of ``tables`` (default: all).

    Parameters
    ----------
    tables
        The tables to describe; foreign keys to tables outside them are left out.
    files
        Each table's file name, size and sha256; the shipped manifest's by default.
    rows
        The rows of ``events`` and ``locations``, for the dataset's coverage in
        time and space; the shipped tables by default.

    Returns
    -------
    dict
        The JSON-LD document.
    """
    names = [get_table(name).name for name in (TABLES if tables is None else tables)]
    selected = [TABLES[name] for name in TABLES if name in names]
    published = {table.name for table in selected}
    entries = files if files is not None else _manifest_files()
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "conformsTo": CONFORMS_TO,
        **dataset(rows),
        "citeAs": cite("bibtex", include_source=False),
        "distribution": [_file_object(table, entries[table.name]) for table in selected],
        "recordSet": [
            *(_record_set(table, entries[table.name], published) for table in selected),
            *(_vocabulary_record_set(vocabulary) for vocabulary in _vocabularies(selected)),
        ],
    }


def dumps(document: Mapping[str, Any]) -> str:
    """A Croissant document as the shipped and exported ``croissant.json`` hold it: indented UTF-8 JSON."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_croissant() -> dict[str, Any]:
    """The Croissant description of the installed version's Parquet files, read from the package, sha256-checked.

    ``sid.export("croissant", folder)`` writes it with the files it describes.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> described = sid.to_croissant()
    >>> described["version"] == sid.__version__, len(described["distribution"]) == len(sid.tables())
    (True, True)
    """
    from ..dataset.integrity import read_verified

    parsed: dict[str, Any] = json.loads(read_verified("croissant").decode("utf-8"))
    return parsed


def export_files(names: Sequence[str]) -> list[str]:
    """The files ``export("croissant", folder)`` writes: the tables' Parquet files, then their description."""
    return [*(f"{name}.parquet" for name in names), FILE]


def write_export(staged: Mapping[str, Path], names: tuple[str, ...], options: Options) -> None:
    """Write the shipped Parquet files of ``names`` and their Croissant description into ``staged`` paths."""
    from ..dataset.integrity import read_verified

    for name in names:
        staged[f"{name}.parquet"].write_bytes(read_verified(name))
    staged[FILE].write_bytes(dumps(croissant(names)).encode("utf-8"))


register(Format("croissant", export_files, write_export))
