"""Releases: archived versions, the machine-readable data changelog and retired ids.

Every released version's rows are archived in ``data/releases/<version>.json.gz``
(in the repository). The build diffs consecutive archives (and the working
version, if it is not archived yet) into ``changes.parquet`` — one row per
record added, removed, or column changed — and ships it with the retired ids
of ``data/curated/retired.yaml`` in ``retired.json``.

>>> import sadr_iran_data as sid
>>> list(sid.changes().columns)
['version', 'previous_version', 'table', 'record_id', 'change', 'column', 'old_value', 'new_value']
"""

from __future__ import annotations

import gzip
import itertools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import RetiredIdError, SadrIranDataError

if TYPE_CHECKING:
    import pandas as pd

RELEASES = Path("data") / "releases"
RETIRED = Path("data") / "curated" / "retired.yaml"
CHANGES_FILE = "changes.parquet"
RETIRED_FILE = "retired.json"
CHANGE_COLUMNS = ("version", "previous_version", "table", "record_id", "change", "column", "old_value", "new_value")


def version_key(version: str) -> tuple[int, ...]:
    """Sort key of a semantic version string ("1.10.0" after "1.9.2")."""
    try:
        return tuple(int(part) for part in version.split("."))
    except ValueError:
        raise SadrIranDataError(f"{version!r} is not a version like 1.2.3") from None


def canonical(value: Any) -> Any:
    """A JSON-ready form of a cell: dates as ISO strings, everything else as is."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def snapshot(rows: dict[str, list[dict[str, Any]]]) -> dict[str, dict[str, dict[str, Any]]]:
    """Rows of every table keyed by primary key, with JSON-ready values (as an archive holds them)."""
    from .declarations import TABLES

    tables = {
        name: {row[TABLES[name].primary_key]: {k: canonical(v) for k, v in row.items()} for row in table_rows}
        for name, table_rows in rows.items()
    }
    return json.loads(json.dumps(tables, ensure_ascii=False))


def write_archive(root: Path, version: str, rows: dict[str, list[dict[str, Any]]]) -> Path:
    """Archive ``rows`` as release ``version`` (deterministic gzip, no timestamp)."""
    path = root / RELEASES / f"{version}.json.gz"
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps({"version": version, "tables": snapshot(rows)}, ensure_ascii=False, sort_keys=True).encode("utf-8")
    path.write_bytes(gzip.compress(payload, mtime=0))
    return path


def read_archives(root: Path) -> dict[str, dict[str, dict[str, dict[str, Any]]]]:
    """Every archived release, oldest first: {version: {table: {id: row}}}."""
    archives = {}
    for path in sorted((root / RELEASES).glob("*.json.gz"), key=lambda p: version_key(p.name[: -len(".json.gz")])):
        archives[path.name[: -len(".json.gz")]] = json.loads(gzip.decompress(path.read_bytes()))["tables"]
    return archives


def diff(old: dict[str, dict[str, dict[str, Any]]], new: dict[str, dict[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Records added, removed and changed (one row per changed column) between two snapshots."""
    changes = []
    for table in sorted(set(old) | set(new)):
        before, after = old.get(table, {}), new.get(table, {})
        for record_id in sorted(set(before) | set(after)):
            if record_id not in before:
                changes.append({"table": table, "record_id": record_id, "change": "added"})
            elif record_id not in after:
                changes.append({"table": table, "record_id": record_id, "change": "removed"})
            else:
                for column in sorted(set(before[record_id]) | set(after[record_id])):
                    was, now = before[record_id].get(column), after[record_id].get(column)
                    if was != now:
                        changes.append(
                            {
                                "table": table,
                                "record_id": record_id,
                                "change": "changed",
                                "column": column,
                                "old_value": json.dumps(was, ensure_ascii=False),
                                "new_value": json.dumps(now, ensure_ascii=False),
                            }
                        )
    return changes


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
    import yaml

    path = root / RETIRED
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
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
    import pyarrow.parquet as pq

    from .build import PARQUET_OPTIONS

    table = pa.table({c: pa.array([row.get(c) for row in changes], type=pa.string()) for c in CHANGE_COLUMNS})
    pq.write_table(table, out / CHANGES_FILE, **PARQUET_OPTIONS)
    ordered = sorted(retired, key=lambda e: e["id"])
    (out / RETIRED_FILE).write_text(json.dumps(ordered, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return [out / CHANGES_FILE, out / RETIRED_FILE]


def changes(since: str | None = None) -> pd.DataFrame:
    """What changed in the data, by release: one row per record added or removed, or column changed.

    ``since="1.0.0"`` keeps the changes of the releases after 1.0.0.

    >>> import sadr_iran_data as sid
    >>> sid.changes(since=sid.__version__).empty
    True
    """
    import pandas as pd
    import pyarrow as pa

    from .integrity import read_verified
    from .loaders import _read_arrow

    arrow = _read_arrow(read_verified("changes"))
    df = arrow.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get, use_threads=False)
    if since is None:
        return df
    known = set(df["version"]) | set(df["previous_version"]) | {_current_version()}
    if since not in known:
        raise SadrIranDataError(f"unknown release {since!r}; releases: {', '.join(sorted(known, key=version_key))}")
    keep = df["version"].map(lambda v: version_key(v) > version_key(since))
    return df[keep].reset_index(drop=True)


def _current_version() -> str:
    from ._version import __version__

    return __version__


def retired() -> list[dict[str, Any]]:
    """Ids retired from the dataset, with the release that retired them and why."""
    from .integrity import read_verified

    return json.loads(read_verified("retired").decode("utf-8"))


def lookup(record_id: str) -> dict[str, Any]:
    """The row of any table with id ``record_id``, as a dict.

    A retired id raises :class:`RetiredIdError` saying when and why it was
    retired; an id that never existed raises ``KeyError``.

    >>> import sadr_iran_data as sid
    >>> sid.lookup("loc-mehran")["name"]
    'Mehran'
    """
    from .declarations import TABLES
    from .loaders import load

    for entry in retired():
        if entry["id"] == record_id:
            replaced = f"; use {entry['replaced_by']} instead" if entry.get("replaced_by") else ""
            raise RetiredIdError(f"{record_id} was retired in {entry['retired_in']} because {entry['reason']}{replaced}")
    for name, table in TABLES.items():
        if record_id.startswith(f"{table.prefix}-"):
            arrow = load(name, backend="arrow")
            import pyarrow.compute as pc

            hits = arrow.filter(pc.equal(arrow[table.primary_key], record_id)).to_pylist()
            if hits:
                return hits[0]
            break
    raise KeyError(f"no record has id {record_id!r} in sadr-iran-data {_current_version()}")
