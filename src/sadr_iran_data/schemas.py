"""Pandera schemas, one per table, derived from :mod:`sadr_iran_data.declarations`.

They check one table on its own: columns, dtypes, nullability, the column
rules (vocabularies, ranges, patterns, NFC text), unique primary keys and
the table's row rules, each as the rule kind in :mod:`sadr_iran_data.constraints`
defines it. Foreign keys span tables; :func:`sadr_iran_data.validate` checks
those too.

A row rule is evaluated on its columns read as their declared types. Where it
cannot be evaluated — a column it reads is missing, or holds a value of
another type in that row — the rule fails for that row, and the failure says
that it could not be evaluated and why; it never passes unchecked.

Examples
--------
>>> import sadr_iran_data as sid
>>> from sadr_iran_data.schemas import EventSchema
>>> len(EventSchema.validate(sid.load_events())) == len(sid.load_events())
True
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.errors import SchemaError

from ._text import counted
from .column_types import pandas_column
from .declarations import TABLES, Column, Rule, Table


def _column(table: Table, col: Column) -> pa.Column:
    # Vocabulary columns are checked as plain values: coercing an unknown value to
    # a fixed categorical would silently turn it into a missing value.
    coerced = col.type != "category"
    return pa.Column(
        col.column_type.pandas_dtype(col) if coerced else None,
        checks=[*col.column_type.pandera_checks(), *(rule.pandera() for rule in col.constraints)],
        nullable=col.nullable,
        unique=col.name == table.primary_key,
        coerce=coerced,
        required=True,
        description=col.description,
    )


def _schema(table: Table) -> pa.DataFrameSchema:
    return pa.DataFrameSchema(
        {c.name: _column(table, c) for c in table.columns},
        checks=[pa.Check(lambda df, r=rule: _rule_check(table, r, df), name=rule.name, error=rule.description) for rule in table.checks],
        strict=True,
        ordered=False,
        name=table.name,
        description=table.description,
    )


def rule_mask(table: Table, rule: Rule, df: pd.DataFrame) -> tuple[pd.Series, pd.Series, str]:
    """Rows of ``df`` that break ``rule``, rows where it cannot be evaluated, and why it cannot.

    The rule's columns are read as their declared types. A missing column
    leaves no row evaluable; a value of another type leaves its row unevaluated.
    """
    missing = [c for c in rule.columns if c not in df.columns]
    if missing:
        return pd.Series(False, index=df.index), pd.Series(True, index=df.index), f"column {missing[0]!r} is missing"
    values: dict[str, Any] = {}
    unevaluable = np.zeros(len(df), dtype=bool)
    reasons = []
    for name in dict.fromkeys(rule.columns):
        col = table.column(name)
        parsed = col.column_type.parse(pandas_column(df[name]))
        values[name] = parsed.values
        if parsed.bad.any():
            reasons.append(f"{name} holds a value that is not {col.column_type.description}")
            unevaluable |= parsed.bad
    broken = rule.mask(values) & ~unevaluable
    return pd.Series(broken, index=df.index), pd.Series(unevaluable, index=df.index), "; ".join(reasons)


def _rule_check(table: Table, rule: Rule, df: pd.DataFrame) -> pd.Series:
    """True for each row that satisfies ``rule``; a SchemaError naming the rows where it cannot be evaluated, if there are any."""
    broken, unevaluable, why = rule_mask(table, rule, df)
    if not unevaluable.any():
        return ~broken
    failing = broken | unevaluable
    cause = f"could not be evaluated: {why}"
    cases = pd.DataFrame(
        {
            "index": df.index[failing.to_numpy()],
            "failure_case": [cause if u else rule.description for u in unevaluable[failing]],
            "column": rule.column,
        }
    )
    message = (
        f"{table.name}: rule {rule.name} ({rule.description}) could not be evaluated in {counted(int(unevaluable.sum()), 'row')}, "
        f"which fail it: {why}"
    )
    raise SchemaError(  # type: ignore[no-untyped-call]
        _CONTEXT[table.name], df, message, failure_cases=cases, check=rule.description, column_name=rule.column
    )


#: What a failure of a rule that could not be evaluated names as its schema (the schema itself is built from the checks).
_CONTEXT = {name: pa.DataFrameSchema(name=name) for name in TABLES}

SCHEMAS: dict[str, pa.DataFrameSchema] = {name: _schema(table) for name, table in TABLES.items()}

CitationSchema = SCHEMAS["citations"]
ActorSchema = SCHEMAS["actors"]
LocationSchema = SCHEMAS["locations"]
EventSchema = SCHEMAS["events"]
EventActorSchema = SCHEMAS["event_actors"]
RelationSchema = SCHEMAS["relations"]
EvidenceSchema = SCHEMAS["evidence"]
CueSchema = SCHEMAS["cues"]

__all__ = [
    "SCHEMAS",
    "ActorSchema",
    "CitationSchema",
    "CueSchema",
    "EventActorSchema",
    "EventSchema",
    "EvidenceSchema",
    "LocationSchema",
    "RelationSchema",
]
