"""JSON Schemas, Frictionless Table Schemas and the Data Package descriptor, derived from the declarations.

``python -m sadr_iran_data.tableschema`` (run in a clone of the repository)
regenerates the committed files in ``schemas/``:

- ``{table}.schema.json``: a JSON Schema (draft 2020-12) for one record;
- ``{table}.tableschema.json``: a Frictionless Table Schema for the table's CSV;
- ``datapackage.json``: a Data Package with one resource (``{table}.csv``) per table.

>>> from sadr_iran_data.tableschema import json_schema, table_schema
>>> json_schema("events")["properties"]["certainty"]["enum"][:2]
['stated', 'known']
>>> table_schema("actors")["foreignKeys"][0]
{'fields': 'parent_actor_id', 'reference': {'resource': '', 'fields': 'actor_id'}}
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ._version import __version__
from .declarations import TABLES, Column, Rule, Table, get_table

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
NAME = "sadr-iran-data"
TITLE = "Sadr–Iran data: actors, places, events and relations in “Moqtada al-Sadr’s New Alliance with Tehran” (2007)"
DESCRIPTION = (
    "Evidence-backed tables of the actors, places, events and relations in Babak Rahimi’s article "
    "“Moqtada al-Sadr’s New Alliance with Tehran” (Terrorism Monitor vol. 5, issue 4, The Jamestown Foundation, 2007). "
    "Every row is grounded in a verbatim quote of the article, with character offsets, in the evidence table."
)
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International (the annotations; the article's text is The Jamestown Foundation's)",
}

_JSON_TYPES = {
    "id": "string",
    "string": "string",
    "category": "string",
    "int": "integer",
    "float": "number",
    "bool": "boolean",
    "date": "string",
    "list": "array",
}
_TABLE_SCHEMA_TYPES = {**_JSON_TYPES, "date": "date"}


def _number(value: float) -> int | float:
    """``1.0`` -> ``1``, so integral bounds print as JSON integers."""
    return int(value) if float(value).is_integer() else value


# --------------------------------------------------------------------------
# JSON Schema
# --------------------------------------------------------------------------


def _json_property(col: Column) -> dict[str, Any]:
    kind = _JSON_TYPES[col.type]
    prop: dict[str, Any] = {"description": col.description, "type": [kind, "null"] if col.nullable else kind}
    if col.vocabulary is not None:
        prop["enum"] = [*col.vocabulary.values, *([None] if col.nullable else [])]
    if col.type == "date":
        prop["format"] = "date"
    if col.type == "list":
        prop["items"] = {"type": "string"}
    if col.pattern is not None:
        prop["pattern"] = col.pattern
    if col.minimum is not None:
        prop["minimum"] = _number(col.minimum)
    if col.maximum is not None:
        prop["maximum"] = _number(col.maximum)
    return prop


def _is_set(name: str) -> dict[str, Any]:
    return {"required": [name], "properties": {name: {"not": {"type": "null"}}}}


def _is_unset(name: str) -> dict[str, Any]:
    return {"properties": {name: {"type": "null"}}}


def _json_rule(rule: Rule) -> dict[str, Any] | None:
    """A row rule as an if/then/else subschema, or None where JSON Schema cannot compare two values."""
    a, b = rule.columns
    if rule.kind == "together":
        body = {"if": _is_set(a), "then": _is_set(b), "else": _is_unset(b)}
    elif rule.kind == "implies":
        body = {"if": _is_set(a), "then": _is_set(b)}
    elif rule.kind == "required_if":
        body = {"if": {"required": [a], "properties": {a: {"enum": list(rule.values)}}}, "then": _is_set(b), "else": _is_unset(b)}
    else:
        return None
    return {"title": rule.name, "description": rule.description, **body}


def json_schema(name: str) -> dict[str, Any]:
    """JSON Schema (draft 2020-12) of one record of table ``name``.

    Nullable columns may be null or left out; every other column is required.
    Row rules that compare two values (``ordered``, ``differs``) cannot be
    written in JSON Schema and are listed in ``$comment``.

    >>> schema = json_schema("locations")
    >>> schema["properties"]["latitude"]["type"], schema["additionalProperties"]
    (['number', 'null'], False)
    """
    table = get_table(name)
    rules = [(rule, _json_rule(rule)) for rule in table.checks]
    schema: dict[str, Any] = {
        "$schema": JSON_SCHEMA_DIALECT,
        "title": table.name,
        "description": table.description,
        "type": "object",
        "properties": {col.name: _json_property(col) for col in table.columns},
        "required": [col.name for col in table.columns if not col.nullable],
        "additionalProperties": False,
    }
    expressed = [body for _, body in rules if body is not None]
    if expressed:
        schema["allOf"] = expressed
    unexpressed = [f"{rule.name} ({rule.description})" for rule, body in rules if body is None]
    if unexpressed:
        schema["$comment"] = "Rules JSON Schema cannot express, checked by sadr_iran_data.validate: " + "; ".join(unexpressed) + "."
    return schema


# --------------------------------------------------------------------------
# Frictionless Table Schema
# --------------------------------------------------------------------------


def _whole_value_pattern(pattern: str) -> str:
    """A search pattern (``^https?://``) as a Table Schema pattern, which must match the whole value."""
    core = pattern[1:] if pattern.startswith("^") else ".*" + pattern
    return core[:-1] if core.endswith("$") and not core.endswith("\\$") else core + ".*"


def _field(table: Table, col: Column) -> dict[str, Any]:
    description = col.description
    if col.references_table_in:
        description += (
            f" A polymorphic key: it refers to the primary key of the table named in {col.references_table_in}, "
            "which a Table Schema foreign key cannot express; sadr_iran_data.validate checks it."
        )
    constraints: dict[str, Any] = {"required": not col.nullable}
    if col.name == table.primary_key:
        constraints["unique"] = True
    if col.vocabulary is not None:
        constraints["enum"] = list(col.vocabulary.values)
    if col.pattern is not None:
        constraints["pattern"] = _whole_value_pattern(col.pattern)
    if col.minimum is not None:
        constraints["minimum"] = _number(col.minimum)
    if col.maximum is not None:
        constraints["maximum"] = _number(col.maximum)
    field = {
        "name": col.name,
        "type": _TABLE_SCHEMA_TYPES[col.type],
        "format": "default",
        "description": description,
        "constraints": constraints,
    }
    if col.type == "list":
        field["arrayItem"] = {"type": "string"}
    return field


def table_schema(name: str, resources: Iterable[str] | None = None) -> dict[str, Any]:
    """Frictionless Table Schema of table ``name``'s CSV file.

    ``resources`` names the tables published alongside (default: all);
    foreign keys to tables outside it are left out.

    >>> ts = table_schema("event_actors")
    >>> ts["primaryKey"], [fk["reference"]["resource"] for fk in ts["foreignKeys"]]
    ('event_actor_id', ['events', 'actors'])
    """
    table = get_table(name)
    published = set(TABLES if resources is None else resources) | {name}
    foreign_keys = [
        {
            "fields": col.name,
            "reference": {"resource": "" if col.references == name else col.references, "fields": TABLES[col.references].primary_key},
        }
        for col in table.columns
        if col.references and col.references in published
    ]
    schema: dict[str, Any] = {
        "fields": [_field(table, col) for col in table.columns],
        "missingValues": [""],
        "primaryKey": table.primary_key,
    }
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


# --------------------------------------------------------------------------
# Data Package
# --------------------------------------------------------------------------


def source() -> dict[str, Any]:
    """The source article as a Data Package source, from the shipped manifest.

    >>> source()["title"]
    'Moqtada al-Sadr’s New Alliance with Tehran'
    """
    from .integrity import read_manifest

    article = read_manifest()["source"]
    return {
        "title": article["title"],
        "path": article["url"],
        "description": (
            f"{article['author']}, “{article['title']}”, {article['outlet']} {article['volume']}({article['issue']}), "
            f"{article['publisher']}, {str(article['date'])[:4]}."
        ),
    }


def datapackage(tables: Iterable[str] | None = None) -> dict[str, Any]:
    """Data Package descriptor with one CSV resource per table (default: all tables).

    >>> dp = datapackage()
    >>> dp["name"], dp["resources"][0]["path"]
    ('sadr-iran-data', 'citations.csv')
    """
    names = [get_table(n).name for n in (TABLES if tables is None else tables)]
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "version": __version__,
        "title": TITLE,
        "description": DESCRIPTION,
        "licenses": [LICENSE],
        "sources": [source()],
        "resources": [
            {
                "profile": "tabular-data-resource",
                "name": name,
                "path": f"{name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "description": TABLES[name].description,
                "schema": table_schema(name, names),
            }
            for name in names
        ],
    }


def dumps(descriptor: Any) -> str:
    """Deterministic JSON text: sorted keys, indent 2, UTF-8 as is, trailing newline.

    >>> dumps({"b": 1, "a": [1, 2]})
    '{\\n  "a": [\\n    1,\\n    2\\n  ],\\n  "b": 1\\n}\\n'
    """
    return json.dumps(descriptor, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def schema_files() -> dict[str, str]:
    """Every file ``write_schemas`` writes: file name -> text."""
    files = {}
    for name in TABLES:
        files[f"{name}.schema.json"] = dumps(json_schema(name))
        files[f"{name}.tableschema.json"] = dumps(table_schema(name))
    files["datapackage.json"] = dumps(datapackage())
    return files


def write_schemas(folder: str | Path) -> list[Path]:
    """Write every table's JSON Schema and Table Schema, and ``datapackage.json``, into ``folder``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     [p.name for p in write_schemas(tmp)][-1]
    'datapackage.json'
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for file_name, text in schema_files().items():
        path = folder / file_name
        path.write_bytes(text.encode("utf-8"))
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sadr_iran_data.tableschema", description="Regenerate the files in schemas/.")
    parser.add_argument("--out", type=Path, help="output folder (default: schemas/ of the repository)")
    args = parser.parse_args(argv)
    if args.out is None:
        from .build import find_root
        from .errors import BuildError

        try:
            args.out = find_root() / "schemas"
        except BuildError as exc:
            print(f"cannot write the schemas: {exc}", file=sys.stderr)
            return 1
    paths = write_schemas(args.out)
    print(f"wrote {len(paths)} files to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
