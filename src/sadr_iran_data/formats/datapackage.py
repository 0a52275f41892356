"""The ``datapackage`` export: the tables' CSV files and a Frictionless ``datapackage.json`` with their hashes."""

from __future__ import annotations

import hashlib
from pathlib import Path

from ._registry import Format, Options, per_table, register
from ._writing import write_text_file
from .csv import write as write_csv_files
from .frictionless import datapackage, dumps


def write(staged: dict[str, Path], names: tuple[str, ...], options: Options) -> None:
    write_csv_files(staged, names, options, views=False)
    descriptor = datapackage(names)
    for resource in descriptor["resources"]:
        data = staged[resource["path"]].read_bytes()
        resource["bytes"] = len(data)
        resource["hash"] = "sha256:" + hashlib.sha256(data).hexdigest()
    write_text_file(staged["datapackage.json"], dumps(descriptor))


register(Format("datapackage", lambda names: [*per_table("csv")(names), "datapackage.json"], write))
