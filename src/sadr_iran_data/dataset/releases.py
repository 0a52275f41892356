"""Every released version, loadable: the archives shipped in the package, each checked against the manifest.

A paper that used 1.1.0 reruns on 1.1.0: ``sid.load_events(version="1.1.0")``.
The current version is read from its Parquet files; every earlier release
from its archive (``release-X.Y.Z.json.gz`` in the package's data folder,
whose sha256 the manifest records, as for every shipped file). An archived
table has the columns that version had, typed as the current declarations
type them; a vocabulary value the current vocabulary no longer has is kept,
after the current values. :func:`diff` compares any two releases by record
and column.

Examples
--------
>>> import sadr_iran_data as sid
>>> sid.releases()["version"].tolist()[:2]
['1.0.0', '1.1.0']
>>> len(sid.load_events(version="1.0.0")) < len(sid.load_events())
True
"""

from __future__ import annotations

import dataclasses
import datetime
import gzip
import json
from typing import TYPE_CHECKING, Any

from .. import _version
from ..errors import SadrIranDataError
from .integrity import read_manifest, read_verified
from .versions import version_key

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from ..declarations import Table

#: The columns of :func:`diff`.
DIFF_COLUMNS = ("table", "record_id", "change", "column", "old_value", "new_value")
#: The columns of a change that hold a record's values.
VALUE_COLUMNS = ("old_value", "new_value")


def archive_name(version: str) -> str:
    """The manifest's name of a release's archive (its file is this name + ``.json.gz``)."""
    return f"release-{version}"


def known_versions() -> list[str]:
    """Every release this package can load, oldest first: the archived ones and the installed one."""
    return sorted({*read_manifest().get("releases", ()), _version.__version__}, key=version_key)


def check_version(version: str) -> str:
    """``version`` if this package can load it; otherwise a one-line error naming the known ones."""
    known = known_versions()
    if version not in known:
        raise SadrIranDataError(f"unknown version {version!r}; the releases this package holds: {', '.join(known)}")
    return version


#: Each release's rows once parsed, by (version, the sha256 its file was verified against).
_PARSED: dict[tuple[str, str], dict[str, dict[str, dict[str, Any]]]] = {}


def archived(version: str) -> dict[str, dict[str, dict[str, Any]]]:
    """The rows of every table of an archived release, {table: {id: row}}, checked against the manifest."""
    manifest = read_manifest()
    entry = manifest.get("files", {}).get(archive_name(check_version(version)))
    if entry is None:
        raise SadrIranDataError(f"version {version} is the installed one, read from its Parquet files, not from an archive")
    data = read_verified(archive_name(version))  # checked on every call: a file changed since it was first read is refused
    key = (version, entry["sha256"])
    tables = _PARSED.get(key)
    if tables is None:
        tables = json.loads(gzip.decompress(data))["tables"]
        _PARSED[key] = tables
    return tables


def with_values(table: Table, rows: list[dict[str, Any]], *, keep_all: bool = False) -> Table:
    """``table``'s declaration for an earlier release's rows: its columns that the rows have, vocabularies holding every value.

    A vocabulary value the current vocabulary no longer has is added after
    its values, so that no value of an earlier release is lost; with
    ``keep_all`` every declared column is kept (a view), else only those the
    rows have, plus any the rows have that is no longer declared.
    """
    from ..declarations import Column, Term

    present = {key for row in rows for key in row}
    columns: list[Column] = []
    for declared in table.columns:
        if declared.name not in present and not keep_all:
            continue
        col = declared
        if declared.vocabulary is not None:
            extra = sorted({row[col.name] for row in rows if row.get(col.name) is not None} - set(declared.vocabulary.values))
            if extra:
                terms = (*declared.vocabulary.terms, *(Term(value, "A value of an earlier release.") for value in extra))
                col = dataclasses.replace(declared, vocabulary=dataclasses.replace(declared.vocabulary, terms=terms))
        columns.append(col)
    if not keep_all:
        unknown = sorted(present - set(table.column_names))
        columns += [Column(name, "string", "A column of an earlier release.", nullable=True) for name in unknown]
    return dataclasses.replace(table, columns=tuple(columns))


def _value(kind: str, value: Any) -> Any:
    if value is None:
        return None
    if kind == "date":
        return datetime.date.fromisoformat(value)
    if kind == "string" and not isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return value


def release_table(name: str, version: str) -> tuple[Table, pa.Table]:
    """An archived release's table as Arrow, with the declaration it is typed by (its own columns)."""
    import pyarrow as pa

    from ..declarations import get_table

    table = get_table(name)
    tables = archived(version)
    if name not in tables:
        raise SadrIranDataError(f"version {version} has no table {name!r}; its tables: {', '.join(tables)}")
    rows = list(tables[name].values())
    declared = with_values(table, rows)
    arrays = {
        col.name: pa.array([_value(col.type, row.get(col.name)) for row in rows], type=col.column_type.arrow_type())
        for col in declared.columns
    }
    return declared, pa.table(arrays, schema=declared.arrow_schema())


def releases() -> pd.DataFrame:
    """Every release this package can load: ``version``, ``released`` (its date), ``current``.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> bool(sid.releases()["current"].iloc[-1])
    True
    """
    import pandas as pd

    dates = read_manifest().get("release_dates", {})
    rows = [(v, dates.get(v), v == _version.__version__) for v in known_versions()]
    frame = pd.DataFrame(rows, columns=["version", "released", "current"])
    return frame.astype({"version": "string", "released": "datetime64[ns]", "current": "boolean"})


def _snapshot(version: str) -> dict[str, dict[str, dict[str, Any]]]:
    """Every table of a release, {table: {id: row}} with JSON values, whether archived or installed."""
    if version != _version.__version__:
        return archived(version)
    from ..declarations import TABLES
    from ._read import _load

    manifest = read_manifest()
    snapshot = {}
    for name, table in TABLES.items():
        rows = _load(name, "arrow", manifest).to_pylist()
        snapshot[name] = {row[table.primary_key]: {k: _json(v) for k, v in row.items()} for row in rows}
    return snapshot


def _json(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def compare(old: dict[str, dict[str, dict[str, Any]]], new: dict[str, dict[str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """Records added, removed and changed (one row per changed column) between two snapshots, {table: {id: row}}.

    Examples
    --------
    >>> [c["change"] for c in compare({"events": {"evt-1": {"a": 1}}}, {"events": {"evt-1": {"a": 2}, "evt-2": {"a": 3}}})]
    ['changed', 'added']
    """
    changes: list[dict[str, Any]] = []
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
                        change = {"table": table, "record_id": record_id, "change": "changed", "column": column}
                        changes.append({**change, "old_value": was, "new_value": now})
    return changes


def typed_value(table: str, column: str | None, value: Any) -> Any:
    """A value of a change as Python holds it in its column's type, from its JSON form.

    Text is a ``str``, a whole number an ``int``, a number a ``float``, a
    boolean a ``bool``, a list a ``list`` of ``str``, a date a
    ``datetime.date`` (JSON writes it as ISO text), and a missing value, or
    one of a column that did not exist yet, ``None``. A column no longer
    declared keeps its JSON form.

    Examples
    --------
    >>> typed_value("events", "date_start", "2004-04-01"), typed_value("locations", "latitude", 33)
    (datetime.date(2004, 4, 1), 33.0)
    >>> typed_value("events", "plover_context", ["future"]), typed_value("events", "location_id", None)
    (['future'], None)
    """
    from ..declarations import TABLES

    declared = TABLES.get(table)
    if value is None or column is None or declared is None or column not in declared.column_names:
        return value
    kind = declared.column(column).type
    if kind == "date" and isinstance(value, str):
        return datetime.date.fromisoformat(value)
    if kind == "float" and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def change_frame(rows: list[dict[str, Any]], columns: tuple[str, ...]) -> pd.DataFrame:
    """Changes as a DataFrame: every column text (NaN where missing) but ``old_value`` and ``new_value``, typed Python objects.

    The two value columns have the ``object`` dtype, each cell the value as
    :func:`typed_value` gives it (``None`` where missing), so a change of a
    number reads ``33.1222 → 33.1223`` and a change of a list compares as a
    list.
    """
    import pandas as pd

    from ..column_types import text_dtype

    frame = pd.DataFrame({c: pd.Series([row.get(c) for row in rows], dtype=object) for c in columns})
    for column in VALUE_COLUMNS:
        frame[column] = pd.Series([typed_value(r["table"], r.get("column"), r.get(column)) for r in rows], dtype=object)
    return frame.astype({c: text_dtype() for c in columns if c not in VALUE_COLUMNS})


def diff(a: str, b: str) -> pd.DataFrame:
    """What changed from release ``a`` to release ``b``: one row per record added or removed, or column changed.

    ``old_value`` and ``new_value`` hold each value as Python holds it in its
    column's type (:func:`typed_value`: text, whole numbers, numbers,
    booleans, lists, ``datetime.date``), ``None`` where a column did not
    exist or a record was added or removed, as :func:`sadr_iran_data.changes`
    gives them. The text of quotes and cues is not compared: the package
    ships an earlier release's quotes by their offsets only (a quote that
    changes gets a new id, so it shows as removed and added).

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> changed = sid.diff("1.0.0", "1.1.0")
    >>> {"added", "changed"} <= set(changed["change"])
    True
    >>> edit = changed[(changed["record_id"] == "act-israel") & (changed["column"] == "aliases")].iloc[0]
    >>> edit["old_value"], edit["new_value"]
    (['the Israelis', 'State of Israel'], ['State of Israel'])
    """
    rows = compare(_without_article_text(_snapshot(check_version(a))), _without_article_text(_snapshot(check_version(b))))
    return change_frame(rows, DIFF_COLUMNS)


#: The columns that hold the article's own words, which the package ships for the installed release only.
ARTICLE_TEXT = {"evidence": "quote", "cues": "text"}


def _without_article_text(snapshot: dict[str, dict[str, dict[str, Any]]]) -> dict[str, dict[str, dict[str, Any]]]:
    return {
        table: {key: {c: v for c, v in row.items() if c != ARTICLE_TEXT.get(table)} for key, row in rows.items()}
        for table, rows in snapshot.items()
    }
