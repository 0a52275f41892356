"""Build the shipped tables from ``data/curated/``: check every row, write the Parquet files, their Croissant description and the manifest.

The rows are typed and checked by :func:`sadr_iran_data.validation.check_records`,
with exactly the rules :func:`sadr_iran_data.validate` applies to users'
data, and against each other (every foreign key must resolve within the
build). The output is deterministic: two builds with the same pyarrow are
byte-identical.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import _version
from ..dataset.integrity import MANIFEST, sha256_bytes
from ..declarations import TABLES
from ..errors import BuildError
from ..formats import croissant
from ..identity import NAME
from ..rules.shipped_text import shipped_share
from ..validation import check_records
from .archive import release_dates, release_files, released_versions, shipped_archives
from .curated import Rows, derive_rows, package_data, read_curated, read_sources, source_article
from .files import write_parquet, write_text

#: The manifest's keys of the source article, copied from its curated record.
SOURCE_KEYS = ("citation_id", "author", "title", "outlet", "volume", "issue", "publisher", "date", "url", "text_sha256")


@dataclass(frozen=True)
class Built:
    """What a build wrote, and the rows it wrote them from."""

    manifest: dict[str, Any]
    rows: Rows
    out: Path


def content_sha256(arrow_table: Any) -> str:
    """sha256 of a table's values, independent of the Parquet writer's version."""
    rows = json.dumps(arrow_table.to_pylist(), default=str, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(rows.encode("utf-8")).hexdigest()


def documents(rows: Rows, texts: dict[str, str]) -> dict[str, str]:
    """The stored texts of the citations that have one (texts are keyed by their sha256), by citation id."""
    return {row["citation_id"]: texts[row["text_sha256"]] for row in rows["citations"] if row.get("text_sha256") in texts}


def ordered(rows: Rows) -> Rows:
    """The rows of every table, sorted by primary key (the order the build writes)."""
    return {name: sorted(rows[name], key=lambda r: str(r.get(TABLES[name].primary_key))) for name in TABLES}


def check(rows: Rows, texts: dict[str, str] | None = None) -> dict[str, Any]:
    """The rows of every table typed and checked, coding rules included (sorted by primary key); BuildError listing every failure."""
    arrow, failures = check_records(ordered(rows), documents(rows, texts or {}))
    if failures:
        raise BuildError("the curated data break the tables' rules:\n  " + "\n  ".join(f.format(position=False) for f in failures))
    return arrow


def build_tables(root: Path, out: Path | None = None) -> Built:
    """Build every table of the repository at ``root`` into ``out`` (default: its package's data); returns the manifest and rows."""
    import pyarrow

    out = out or package_data(root)
    texts = read_sources(root)
    curated = read_curated(root)
    rows = derive_rows(curated, texts)
    arrow = check(rows, texts)
    out.mkdir(parents=True, exist_ok=True)
    article = source_article(rows["citations"])
    manifest: dict[str, Any] = {
        "name": NAME,
        "version": _version.__version__,
        "released": _version.__released__,
        "source": {key: (str(article[key]) if article.get(key) is not None else None) for key in SOURCE_KEYS},
        "writer": f"pyarrow {pyarrow.__version__}",
        "schema_fingerprint": hashlib.sha256("".join(t.fingerprint for t in TABLES.values()).encode()).hexdigest(),
        "tables": {},
    }
    for name, table in TABLES.items():
        path = out / f"{name}.parquet"
        data = write_parquet(arrow[name], path)
        manifest["tables"][name] = {
            "file": path.name,
            "rows": arrow[name].num_rows,
            "bytes": len(data),
            "sha256": sha256_bytes(data),
            "content_sha256": content_sha256(arrow[name]),
            "schema_fingerprint": table.fingerprint,
            "description": table.description,
            # what the polars loader needs of the declarations, without importing them
            "categories": {c.name: list(c.categories or ()) for c in table.columns if c.type == "category"},
            # what the loaders' docstrings list, without importing the declarations
            "columns": [[c.name, c.type, c.nullable, c.description] for c in table.columns],
        }
    # how much of each stored text the quotes and cues ship: the licence fields state it
    manifest["shipped_text"] = {doc: {"characters": n, "length": m} for doc, (n, m) in shipped_share(rows).items()}
    manifest["releases"] = released_versions(root)
    manifest["release_dates"] = release_dates(root)
    manifest["files"] = {}
    shown = ("events", "locations", "citations", "evidence", "cues")  # the licence states the share the quotes and cues ship
    described = croissant.croissant(files=manifest["tables"], rows={name: arrow[name].to_pylist() for name in shown})
    write_text(out / croissant.FILE, croissant.dumps(described))
    files = {path.stem: path for path in [*release_files(root, rows, out), out / croissant.FILE]}
    files |= shipped_archives(root, out)
    for name, path in files.items():
        data = path.read_bytes()
        manifest["files"][name] = {"file": path.name, "bytes": len(data), "sha256": sha256_bytes(data)}
    write_text(out / MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return Built(manifest, rows, out)


def build(root: Path, out: Path | None = None) -> dict[str, Any]:
    """Build every table of the repository at ``root`` into ``out`` (default: its package's data); returns the manifest written."""
    return build_tables(root, out).manifest
