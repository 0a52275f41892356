"""Validate a table — shipped, or your own — against its declaration.

Every failure names the table, the column, the row (its id where it has one,
its number ``row N`` counted from 0 in the data, header excluded, and for a
CSV file its line as a spreadsheet shows it), the rule it breaks and the
offending value. All failures are collected, not just the first; the
caller's data is never changed.

The policy, in full in ``docs/validating.md``:

- **Columns**: every declared column must be present (``missing_column``); a
  column the table does not declare is a failure (``unknown_column``) unless
  ``extra_columns="ignore"``; a name given twice is ``duplicate_column``.
  Column order does not matter.
- **Types are strict**: a value must have its column's type or be its text
  form (``"12"``, ``"2007-03-08"``, ``"true"``, ``'["Qom"]'``). A number is
  never read as text or as a date, a fraction never as an integer, a date
  must be a real day at midnight (no ``2007-02-30``), and blank text is no
  value. A value of the wrong type is reported once, as ``type``.
- **Rules**: the same list the build enforces: required values,
  vocabularies, patterns, ranges, NFC text, unique ids, the rules across the
  columns of a row (:mod:`sadr_iran_data.declarations`), and foreign keys.
- **Inputs**: a shipped table's name, a ``.csv`` (UTF-8, with or without a
  byte-order mark) or ``.parquet`` file (read as stored, without its pandas
  metadata), or a pandas, polars or Arrow table. Anything that is not a
  table is an :class:`~sadr_iran_data.errors.InputError` that says why.

Examples
--------
>>> import sadr_iran_data as sid
>>> sid.validate("events").ok
True
>>> bad = sid.load_events().head(2).astype({"certainty": "string"})
>>> bad.loc[0, "certainty"] = "rumoured"
>>> print(sid.validate(bad, table="events", references=False).failures[0].message)  # doctest: +ELLIPSIS
not in the certainty vocabulary; did you mean 'rumored'? (allowed: stated, known, likely, rumored, ...)
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from ..declarations import TABLES, get_table
from ..errors import InputError, SkippedFilesWarning
from ._read import Source, as_arrow, folder_files, from_frame, from_records, read, read_file, skipped_files, skipped_note
from ._report import ValidationFailure, ValidationReport
from ._rules import check_columns, coding_rules, finish
from ._typing import Keys, Typed, type_table

__all__ = ["ValidationFailure", "ValidationReport", "check_records", "validate", "validate_tables"]

ReferencesMode = Literal["add", "replace"]


def _check_options(extra_columns: str, references: Any, references_mode: str) -> None:
    if extra_columns not in ("error", "ignore"):
        raise InputError(f"extra_columns must be 'error' or 'ignore', not {extra_columns!r}")
    if not (references is None or isinstance(references, (bool, Mapping))):
        raise InputError("references must be a mapping of table name to DataFrame, or False")
    if references_mode not in ("add", "replace"):
        raise InputError(f"references_mode must be 'add' or 'replace', not {references_mode!r}")


def _shipped_keys(name: str) -> Any:
    from ..dataset.loaders import load

    return load(name, backend="arrow").column(TABLES[name].primary_key)


def _keys(own: Mapping[str, Typed], given: Mapping[str, Any], mode: str) -> Keys:
    """The keys each table offers: those validated together and those given, and the shipped ones where they add or stand in."""
    import pyarrow as pa
    import pyarrow.compute as pc

    cache: dict[str, Any] = {}

    def keys(name: str) -> Any:
        if name not in cache:
            parts = [own[name].keys()] if name in own else []
            if name in given:
                parts.append(given[name])
            if mode == "add" or not parts:
                parts.append(_shipped_keys(name))
            cache[name] = pc.unique(pa.chunked_array([p.cast(pa.string()) for p in parts], type=pa.string()).combine_chunks())
        return cache[name]

    return keys


def _reference_keys(references: Mapping[str, Any]) -> dict[str, Any]:
    """The key column of each table given in ``references``; InputError for what is no table with its key."""
    from ..column_types import COLUMN_TYPES

    unknown = sorted(set(map(str, references)) - set(TABLES))
    if unknown:
        raise InputError(f"references name no table {', '.join(map(repr, unknown))}; the tables are: {', '.join(TABLES)}")
    found = {}
    for name, frame in references.items():
        what = f"references[{name!r}]"
        source = read_file(Path(frame), TABLES[name]) if isinstance(frame, (str, Path)) else _frame(frame, name, what)
        key = TABLES[name].primary_key
        if source.names.count(key) != 1:
            raise InputError(f"{what} needs exactly one {key!r} column, the key the foreign keys point to")
        parsed = COLUMN_TYPES["id"].parse(source.columns[source.names.index(key)])
        found[name] = parsed.values.filter(parsed.values.is_valid())
    return found


def _frame(obj: Any, name: str, what: str) -> Source:
    import pandas as pd

    if not isinstance(obj, pd.DataFrame):
        obj = as_arrow(obj, what)
    return from_frame(obj, TABLES[name])


def validate(
    obj: Any,
    table: str | None = None,
    *,
    references: Mapping[str, Any] | bool | None = None,
    references_mode: ReferencesMode = "add",
    extra_columns: Literal["error", "ignore"] = "error",
    article: str | Path | None = None,
) -> ValidationReport:
    """Validate a DataFrame, a CSV/Parquet file or a shipped table against a table's declaration.

    The coding rules (:data:`sadr_iran_data.rules.RULES`) that read only this
    table run too (the PLOVER rules on events, for one); those that read other
    tables run in :func:`validate_tables`. ``report.rules`` names those run.

    Parameters
    ----------
    obj
        A pandas, polars or Arrow table (pass ``table``); a path to a
        ``.csv`` or ``.parquet`` file (its table is taken from the file name,
        e.g. ``events.csv``, unless ``table`` says otherwise); or the name of
        a shipped table.
    table
        The table ``obj`` holds.
    references
        Foreign keys are checked against the shipped tables by default. A
        mapping of table name to a table (a DataFrame, an Arrow or polars
        table, or a file) adds that table's keys to the shipped ones, for
        rows of your own that refer to new rows (a new place); ``False``
        skips the check.
    references_mode
        ``"add"`` (the default): keys may refer to the given tables or the
        shipped ones. ``"replace"``: a given table replaces the shipped one.
    extra_columns
        ``"error"`` (the default) reports a column the table does not
        declare; ``"ignore"`` lets it pass.
    article
        Your own copy of the article (a text file): the parts of the coding
        rules that read the text around a quote run on it. It must be the
        text the offsets refer to (its sha256 is the article's
        ``text_sha256``).

    Returns
    -------
    ValidationReport
        Every failure; ``report.ok`` is True when there is none.

    Raises
    ------
    InputError
        For input that is not a table at all (an empty or unreadable file, a
        directory, …). Bad data never raises: call ``.raise_for_errors()`` on
        the report for that.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> sid.validate(sid.load_events(), table="events").rows == len(sid.load_events())
    True
    """
    _check_options(extra_columns, references, references_mode)
    source = read(obj, table)
    given = _reference_keys(references) if isinstance(references, Mapping) else {}
    typed = type_table(source, extra_columns)
    check_columns(typed)
    keys = None if references is False else _keys({source.table.name: typed}, given, references_mode)
    report = finish(typed, keys)
    return _with_coding_rules({source.table.name: typed}, {source.table.name: report}, _texts(article))[source.table.name]


def validate_tables(
    tables: str | Path | Mapping[str, Any],
    *,
    references: bool = True,
    references_mode: ReferencesMode = "add",
    extra_columns: Literal["error", "ignore"] = "error",
    article: str | Path | None = None,
) -> dict[str, ValidationReport]:
    """Validate several tables against each other: a folder of table files, or a mapping of table name to data.

    Every coding rule whose tables are all given runs (:data:`sadr_iran_data.rules.RULES`):
    the cue rules need ``events``, ``event_actors``, ``relations``, ``evidence`` and ``cues``,
    with ``actors`` and ``locations`` for the names.

    Parameters
    ----------
    tables
        A folder holding files named after their tables (``events.csv``,
        ``locations.parquet``, …), or a mapping of table name to a DataFrame,
        an Arrow or polars table or a file. A folder's other files (and
        folders) are skipped, and named in a
        :class:`~sadr_iran_data.errors.SkippedFilesWarning`.
    references
        ``False`` skips the foreign keys.
    references_mode
        ``"add"`` (the default): a foreign key may refer to a row of the
        tables given here or of the shipped ones. ``"replace"``: the tables
        given here replace the shipped ones (tables not given are still
        looked up in the shipped data).
    extra_columns
        As for :func:`validate`.
    article
        As for :func:`validate`.

    Returns
    -------
    dict of str to ValidationReport
        One report per table, in the tables' build order.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> reports = sid.validate_tables({"locations": sid.load_locations(), "events": sid.load_events()})
    >>> [(name, report.ok) for name, report in reports.items()]
    [('locations', True), ('events', True)]
    """
    _check_options(extra_columns, references, references_mode)
    if isinstance(tables, (str, Path)):
        folder = Path(tables)
        if not folder.is_dir():
            raise InputError(f"{folder} is not a folder" if folder.exists() else f"no such folder: {folder}")
        sources = {name: read_file(path, TABLES[name]) for name, path in folder_files(folder).items()}
        skipped = skipped_files(folder)
        if skipped:
            import warnings

            warnings.warn(skipped_note(folder, skipped), SkippedFilesWarning, stacklevel=2)
    elif isinstance(tables, Mapping):
        for name in tables:
            get_table(name)
        sources = {name: read(tables[name], name) for name in TABLES if name in tables}
    else:
        raise InputError(f"cannot validate a {type(tables).__name__} as tables: pass a folder or a mapping of table name to data")
    typed, reports = _check_all(sources, references=references, references_mode=references_mode, extra_columns=extra_columns)
    return _with_coding_rules(typed, reports, _texts(article))


def _check_all(
    sources: Mapping[str, Source], *, references: bool, references_mode: str, extra_columns: str
) -> tuple[dict[str, Typed], dict[str, ValidationReport]]:
    typed = {name: type_table(source, extra_columns) for name, source in sources.items()}
    for each in typed.values():
        check_columns(each)  # before any table's keys are used: a key that breaks its column's rules refers to nothing
    keys = _keys(typed, {}, references_mode) if references else None
    return typed, {name: finish(t, keys) for name, t in typed.items()}


def _with_coding_rules(
    typed: Mapping[str, Typed], reports: dict[str, ValidationReport], texts: Mapping[str, str] | None
) -> dict[str, ValidationReport]:
    """The reports with the failures of the coding rules that the tables at hand allow, and the names of those rules."""
    import dataclasses

    found, applied = coding_rules(typed, texts)
    return {
        name: dataclasses.replace(
            report,
            failures=tuple(sorted((*report.failures, *found[name]), key=lambda f: -1 if f.row is None else f.row)),
            rules=applied,
        )
        for name, report in reports.items()
    }


def _texts(article: str | Path | None) -> dict[str, str]:
    """The user's copy of the article, by the citation whose stored text it is; InputError if it is no such text."""
    if article is None:
        return {}
    from ..dataset.integrity import sha256_bytes
    from ..dataset.loaders import load

    path = Path(article)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read the article at {path}: {exc.strerror or exc}") from None
    digest = sha256_bytes(data)
    for row in load("citations", backend="arrow").to_pylist():
        if row["text_sha256"] == digest:
            return {row["citation_id"]: data.decode("utf-8")}
    raise InputError(
        f"{path} is not the text the offsets refer to (its sha256 is {digest[:12]}…); "
        "sid.check_article(path) finds each quote in it and says where it differs"
    )


def check_records(
    records: Mapping[str, list[dict[str, Any]]], texts: Mapping[str, str] | None = None
) -> tuple[dict[str, Any], list[ValidationFailure]]:
    """Type and check a complete set of tables given as Python records, against each other only (as the build does).

    Every declared rule and every coding rule runs (``texts``: the documents'
    stored texts, by citation id). Returns the typed Arrow table of each table
    (with the declared schema) and every failure. Records are typed in the
    order given.
    """
    sources = {name: from_records(TABLES[name], records[name]) for name in TABLES}
    typed, reports = _check_all(sources, references=True, references_mode="replace", extra_columns="error")
    reports = _with_coding_rules(typed, reports, texts)
    failures = [f for report in reports.values() for f in report.failures]
    return ({name: t.arrow() for name, t in typed.items()} if not failures else {}), failures
