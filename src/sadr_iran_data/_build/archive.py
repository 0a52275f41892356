"""Releases: archived versions, the machine-readable data changelog and retired ids.

Every released version's rows are archived in ``data/releases/<version>.json.gz``
(in the repository). The build diffs consecutive archives (and the working
version, if it is not archived yet) into ``changes.parquet`` — one row per
record added, removed, or column changed — and ships it with the retired ids
of ``data/curated/retired.yaml`` in ``retired.json``; ``sid.changes()``,
``sid.retired()`` and ``sid.lookup()`` read them.
"""

from __future__ import annotations

import gzip
import itertools
import json
import re
from pathlib import Path
from typing import Any

from .. import _version
from ..dataset.releases import ARTICLE_TEXT
from ..dataset.versions import version_key
from ..declarations import TABLES
from ..errors import BuildError
from .curated import load_yaml
from .files import write_parquet, write_text

RELEASES = Path("data") / "releases"
RETIRED = Path("data") / "curated" / "retired.yaml"
CHANGES_FILE = "changes.parquet"
RETIRED_FILE = "retired.json"
CHANGE_COLUMNS = ("version", "previous_version", "table", "record_id", "change", "column", "old_value", "new_value")


def canonical(value: Any) -> Any:
    """A JSON-ready form of a cell: dates as ISO strings, everything else as is."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def snapshot(rows: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, dict[str, Any]]]:
    """Rows of every table keyed by primary key, with JSON-ready values (as an archive holds them)."""
    tables = {
        name: {row[TABLES[name].primary_key]: {k: canonical(v) for k, v in row.items()} for row in table_rows}
        for name, table_rows in rows.items()
    }
    copied: dict[str, dict[str, dict[str, Any]]] = json.loads(json.dumps(tables, ensure_ascii=False))
    return copied


def write_archive(root: Path, version: str, rows: dict[str, list[dict[str, Any]]]) -> Path:
    """Archive ``rows`` as release ``version`` (deterministic gzip, no timestamp)."""
    path = root / RELEASES / f"{version}.json.gz"
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps({"version": version, "tables": snapshot(rows)}, ensure_ascii=False, sort_keys=True).encode("utf-8")
    path.write_bytes(gzip.compress(payload, mtime=0))
    return path


def _archive_files(root: Path) -> dict[str, Path]:
    """The file of every archived release, oldest first, by its version."""
    paths = {path.name[: -len(".json.gz")]: path for path in (root / RELEASES).glob("*.json.gz")}
    return {version: paths[version] for version in sorted(paths, key=version_key)}


def archived_versions(root: Path) -> list[str]:
    """Every archived release, oldest first (read from the file names alone)."""
    return list(_archive_files(root))


def read_archives(root: Path) -> dict[str, dict[str, dict[str, dict[str, Any]]]]:
    """Every archived release, oldest first: {version: {table: {id: row}}}."""
    return {version: json.loads(gzip.decompress(path.read_bytes()))["tables"] for version, path in _archive_files(root).items()}


def diff(old: dict[str, dict[str, dict[str, Any]]], new: dict[str, dict[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Records added, removed and changed (one row per changed column) between two snapshots, values as JSON text."""
    from ..dataset.releases import compare

    return [{**c, **{k: json.dumps(c[k], ensure_ascii=False) for k in ("old_value", "new_value") if k in c}} for c in compare(old, new)]


def changelog(archives: dict[str, Any], current_version: str, current: dict[str, Any]) -> list[dict[str, Any]]:
    """The diff of each release against the one before it (the first release has none)."""
    versions = dict(archives)
    if current_version not in versions:
        versions[current_version] = current
    rows = []
    ordered = sorted(versions, key=version_key)
    for previous, version in itertools.pairwise(ordered):
        for change in diff(versions[previous], versions[version]):
            rows.append({"version": version, "previous_version": previous, "column": None, "old_value": None, "new_value": None, **change})
    return rows


def read_retired(root: Path) -> list[dict[str, Any]]:
    path = root / RETIRED
    entries = load_yaml(path, root) if path.exists() else None
    return entries or []


def check_ids(archives: dict[str, Any], current: dict[str, Any], retired: list[dict[str, Any]]) -> list[str]:
    """Released ids may not vanish silently, and retired ids may never come back."""
    problems = []
    retired_ids = {entry["id"] for entry in retired}
    for entry in retired:
        missing = {"id", "table", "retired_in", "reason"} - set(entry)
        if missing:
            problems.append(f"retired.yaml entry {entry}: missing {sorted(missing)}")
    live = {record_id for rows in current.values() for record_id in rows}
    for record_id in sorted(retired_ids & live):
        problems.append(f"{record_id} is retired and may not be reused")
    for version, tables in archives.items():
        for table, rows in tables.items():
            for record_id in sorted(set(rows) - live - retired_ids):
                problems.append(f"{table} [{record_id}] was released in {version} but is gone: list it in {RETIRED} with a reason")
    return problems


def write_release_files(out: Path, changes: list[dict[str, Any]], retired: list[dict[str, Any]]) -> list[Path]:
    """Write ``changes.parquet`` and ``retired.json`` into the package's data folder."""
    import pyarrow as pa

    table = pa.table({c: pa.array([row.get(c) for row in changes], type=pa.string()) for c in CHANGE_COLUMNS})
    write_parquet(table, out / CHANGES_FILE)
    ordered = sorted(retired, key=lambda e: e["id"])
    write_text(out / RETIRED_FILE, json.dumps(ordered, indent=2, ensure_ascii=False) + "\n")
    return [out / CHANGES_FILE, out / RETIRED_FILE]


def release_files(root: Path, rows: dict[str, list[dict[str, Any]]], out: Path) -> list[Path]:
    """Check ids against earlier releases, and write the changelog and retired ids of this version."""
    archives = read_archives(root)
    current = snapshot(rows)
    version = _version.__version__
    if version in archives and archives[version] != current:
        raise BuildError(f"the data differ from the released {version}: bump the version (sadr-iran-data build --release X.Y.Z)")
    retired = read_retired(root)
    problems = check_ids(archives, current, retired)
    if problems:
        raise BuildError("ids:\n  " + "\n  ".join(problems))
    return write_release_files(out, changelog(archives, version, current), retired)


def released_versions(root: Path) -> list[str]:
    """Every release, oldest first: the archived ones and this version."""
    return sorted({*archived_versions(root), _version.__version__}, key=version_key)


def archive(root: Path, rows: dict[str, list[dict[str, Any]]]) -> Path | None:
    """Archive ``rows`` as the release of this version, unless it is archived already (with the same rows: the build checked)."""
    version = _version.__version__
    if version in archived_versions(root):
        return None
    return write_archive(root, version, rows)


def without_article_text(archive: dict[str, Any]) -> dict[str, Any]:
    """An archive whose quotes and cues keep their offsets but not their text (null).

    The article is copyrighted: the package ships only the current release's
    quotes and cues, which cover at most half of it. An earlier release's
    quotes (1.3.0's covered 92% of the article) stay in the repository's
    ``data/releases/``; ``sid.load_evidence(version=..., article=PATH)``
    takes them back from a copy of the article.
    """
    tables = {
        table: {key: ({**row, ARTICLE_TEXT[table]: None} if table in ARTICLE_TEXT else row) for key, row in rows.items()}
        for table, rows in archive["tables"].items()
    }
    return {**archive, "tables": tables}


def shipped_archives(root: Path, out: Path) -> dict[str, Path]:
    """Copy the archive of every release but the current one into the package's data folder, so that each loads (``version=``).

    Returns the files written, by their name in the manifest (``release-X.Y.Z``).
    """
    from ..dataset.releases import archive_name

    written = {}
    for path in sorted((root / RELEASES).glob("*.json.gz")):
        version = path.name[: -len(".json.gz")]
        if version == _version.__version__:
            continue  # the installed version is read from its Parquet files
        target = out / f"{archive_name(version)}.json.gz"
        data = without_article_text(json.loads(gzip.decompress(path.read_bytes())))
        content = gzip.compress(json.dumps(data, sort_keys=True, ensure_ascii=False).encode("utf-8"), mtime=0)
        if not target.exists() or target.read_bytes() != content:
            target.write_bytes(content)
        written[archive_name(version)] = target
    for stale in out.glob("release-*.json.gz"):
        if stale not in written.values():
            stale.unlink()
    return written


_HEADING = re.compile(r"^## \[(?P<version>[^\]]+)\] - (?P<date>\d{4}-\d{2}-\d{2})$", re.MULTILINE)


def release_dates(root: Path) -> dict[str, str | None]:
    """The date of every release the changelog names (``## [X.Y.Z] - YYYY-MM-DD``), and of the current one."""
    path = root / "CHANGELOG.md"
    dates = {m["version"]: m["date"] for m in _HEADING.finditer(path.read_text(encoding="utf-8"))} if path.exists() else {}
    return {v: dates.get(v) or (_version.__released__ if v == _version.__version__ else None) for v in released_versions(root)}
