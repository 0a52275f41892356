"""Validate a table — shipped, or your own — against its declaration.

Every failure names the table, the column, the row (its id where it has one,
else ``row N`` counted from 0) and the rule it breaks. All failures are
collected, not just the first.

>>> import sadr_iran_data as sid
>>> sid.validate("events").ok
True
>>> bad = sid.load_events().head(2).astype({"certainty": "string"})
>>> bad.loc[0, "certainty"] = "definitely"
>>> print(sid.validate(bad, table="events", references=False).failures[0])  # doctest: +ELLIPSIS
events.certainty [evt-...]: not in the certainty vocabulary (value: 'definitely') (rule: vocabulary)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .declarations import TABLES, Table, get_table
from .errors import InputError, SchemaValidationError

if TYPE_CHECKING:
    import pandas as pd

# pandera's names for its built-in checks -> (our rule name, message)
_PANDERA_RULES = {
    "not_nullable": ("required", "a value is required"),
    "field_uniqueness": ("unique", "duplicate primary key"),
    "column_in_schema": ("unknown_column", "column is not in the table's declaration"),
    "column_in_dataframe": ("missing_column", "column is missing"),
}


@dataclass(frozen=True)
class ValidationFailure:
    """One broken rule: where (table, column, row) and which rule."""

    table: str
    column: str | None
    row: str
    rule: str
    message: str
    value: Any = None

    def __str__(self) -> str:
        where = f"{self.table}.{self.column}" if self.column else self.table
        shown = "" if self.value is None else f" (value: {self.value!r})"
        return f"{where} [{self.row}]: {self.message}{shown} (rule: {self.rule})"


@dataclass(frozen=True)
class ValidationReport:
    """What :func:`validate` found: ``ok`` is True when ``failures`` is empty."""

    table: str
    rows: int
    failures: tuple[ValidationFailure, ...]

    @property
    def ok(self) -> bool:
        return not self.failures

    def raise_for_errors(self) -> ValidationReport:
        """Raise :class:`SchemaValidationError` listing every failure, if any."""
        if self.failures:
            raise SchemaValidationError(self.failures)
        return self

    def to_frame(self) -> pd.DataFrame:
        """The failures as a DataFrame: table, column, row, rule, message, value."""
        import pandas as pd

        columns = ["table", "column", "row", "rule", "message", "value"]
        return pd.DataFrame([[getattr(f, c) for c in columns] for f in self.failures], columns=columns)

    def __str__(self) -> str:
        if self.ok:
            return f"{self.table}: {self.rows} rows, valid"
        lines = [f"{self.table}: {self.rows} rows, {len(self.failures)} failure(s)"]
        lines += [f"  {f}" for f in self.failures]
        return "\n".join(lines)


def _row_label(df: pd.DataFrame, table: Table, index: Any) -> str:
    pk = table.primary_key
    if pk in df.columns and index in df.index:
        value = df.at[index, pk]
        if isinstance(value, str) and value:
            return value
    return f"row {index}"


def _scalar_missing(value: Any) -> bool:
    import pandas as pd

    return value is None or (pd.api.types.is_scalar(value) and bool(pd.isna(value)))


def _bool_cell(cell: str) -> Any:
    lowered = cell.strip().lower()
    if lowered in ("true", "1", "yes"):
        return True
    if lowered in ("false", "0", "no"):
        return False
    return cell  # left as text so the type check reports it


def read_table_file(path: Path, table: Table) -> pd.DataFrame:
    """Read a CSV or Parquet file of ``table`` into a DataFrame for validation."""
    import pandas as pd

    from ._dtypes import decode_list

    if not path.exists():
        raise InputError(f"no such file: {path}")
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            return pd.read_parquet(path)
        if suffix == ".csv":
            df = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[""], encoding="utf-8")
        else:
            raise InputError(f"cannot read {path.name}: use a .csv or .parquet file")
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"cannot read {path.name} as {suffix[1:]}: {str(exc).splitlines()[0]}") from None
    for col in table.columns:
        if col.name not in df.columns:
            continue
        if col.type == "list":
            df[col.name] = df[col.name].map(decode_list, na_action="ignore")
        elif col.type == "bool":
            df[col.name] = df[col.name].map(_bool_cell, na_action="ignore")
    return df


def _as_frame(obj: Any, table: str | None) -> tuple[pd.DataFrame, Table]:
    if isinstance(obj, str) and obj in TABLES and not Path(obj).exists():
        from .loaders import load

        return load(obj), get_table(table or obj)
    if isinstance(obj, (str, Path)):
        path = Path(obj)
        name = table or path.stem
        if name not in TABLES:
            raise InputError(f"cannot tell which table {path.name} holds; pass table= (one of: {', '.join(TABLES)})")
        return read_table_file(path, get_table(name)), get_table(name)
    import pandas as pd

    if not isinstance(obj, pd.DataFrame):
        raise InputError(f"cannot validate a {type(obj).__name__}: pass a DataFrame, a file path or a table name")
    if table is None:
        raise InputError(f"pass table= to say which table the DataFrame holds (one of: {', '.join(TABLES)})")
    return obj, get_table(table)


def _schema_failures(df: pd.DataFrame, table: Table) -> list[ValidationFailure]:
    from pandera.errors import SchemaErrors

    from .schemas import SCHEMAS

    schema = SCHEMAS[table.name]
    try:
        schema.validate(df, lazy=True)
    except SchemaErrors as exc:
        cases = exc.failure_cases
    else:
        return []
    failures: dict[tuple[str, str | None, str], ValidationFailure] = {}
    for case in cases.itertuples(index=False):
        check, number = str(case.check), case.check_number
        index = case.index
        row = "table" if _scalar_missing(index) else _row_label(df, table, index)
        value = None if _scalar_missing(case.failure_case) else case.failure_case
        column = case.column if isinstance(case.column, str) else None
        if case.schema_context == "DataFrameSchema" and not _scalar_missing(number):
            # a row rule: pandera reports every cell of a failing row; report the row once
            rule = table.checks[int(number)]
            failure = ValidationFailure(table.name, rule.columns[1], row, rule.name, rule.description)
        elif check in _PANDERA_RULES:
            name, message = _PANDERA_RULES[check]
            if name in ("unknown_column", "missing_column"):
                column, value = str(case.failure_case), None
            failure = ValidationFailure(table.name, column, row, name, message, value)
        elif check.startswith(("coerce_dtype", "dtype")):
            declared = table.column(column).type if column in table.column_names else "?"
            failure = ValidationFailure(table.name, column, row, "type", f"must be of type {declared}", value)
        else:
            pandera_check = schema.columns[column].checks[int(number)]
            failure = ValidationFailure(table.name, column, row, pandera_check.name, pandera_check.error, value)
        failures.setdefault((failure.rule, failure.column, failure.row), failure)
    return list(failures.values())


def _reference_failures(df: pd.DataFrame, table: Table, references: Mapping[str, pd.DataFrame] | None) -> list[ValidationFailure]:
    def keys(name: str) -> set[str]:
        if name == table.name:
            frame = df
        elif references is not None and name in references:
            frame = references[name]
        else:
            from .loaders import load

            frame = load(name)
        pk = TABLES[name].primary_key
        return set(frame[pk].dropna().astype(str)) if pk in frame.columns else set()

    failures = []
    for col in table.columns:
        if col.name not in df.columns:
            continue
        if col.references:
            targets = {col.references: col.name}
        elif col.references_table_in and col.references_table_in in df.columns:
            targets = {str(t): col.name for t in df[col.references_table_in].dropna().unique() if str(t) in TABLES}
        else:
            continue
        for target in targets:
            values = df[col.name]
            if col.references_table_in:
                values = values[df[col.references_table_in].astype(str) == target]
            known = keys(target)
            dangling = values[values.notna() & ~values.astype(str).isin(known)]
            for index, value in dangling.items():
                failures.append(
                    ValidationFailure(
                        table.name, col.name, _row_label(df, table, index), "foreign_key", f"refers to no row of {target}", value
                    )
                )
    return failures


def validate(
    obj: Any,
    table: str | None = None,
    *,
    references: Mapping[str, pd.DataFrame] | bool | None = None,
) -> ValidationReport:
    """Validate a DataFrame, a CSV/Parquet file or a shipped table against a table's schema.

    ``obj`` is a DataFrame (pass ``table=``), a path (the table is taken from the
    file name, e.g. ``events.csv``, unless ``table=`` says otherwise), or the
    name of a shipped table. Foreign keys are checked against ``references``
    (a mapping of table name to DataFrame), by default against the shipped
    tables; ``references=False`` skips them. Never raises for bad data: call
    ``.raise_for_errors()`` on the report for that.
    """
    df, decl = _as_frame(obj, table)
    df = df.reset_index(drop=True)
    failures = _schema_failures(df, decl)
    if references is not False:
        failures += _reference_failures(df, decl, None if references in (None, True) else references)
    unique = {(f.rule, f.column, f.row, repr(f.value)): f for f in failures}
    return ValidationReport(decl.name, len(df), tuple(unique.values()))


def validate_all(frames: Mapping[str, pd.DataFrame]) -> list[ValidationFailure]:
    """Validate a complete set of tables against each other (used by the build)."""
    failures: list[ValidationFailure] = []
    for name in TABLES:
        failures += validate(frames[name], name, references=frames).failures
    return failures
