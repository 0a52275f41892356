"""Pandera schemas, one per table, derived from :mod:`sadr_iran_data.declarations`.

They check one table on its own: columns, dtypes, nullability, the column
rules (vocabularies, ranges, patterns, NFC text), unique primary keys and
the table's row rules, each as the rule kind in :mod:`sadr_iran_data.constraints`
defines it. Foreign keys span tables; :func:`sadr_iran_data.validate` checks
those too.

Examples
--------
>>> import sadr_iran_data as sid
>>> from sadr_iran_data.schemas import EventSchema
>>> len(EventSchema.validate(sid.load_events())) == len(sid.load_events())
True
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pandera.pandas as pa

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
        checks=[pa.Check(lambda df, r=rule: ~rule_mask(r, df), name=rule.name, error=rule.description) for rule in table.checks],
        strict=True,
        ordered=False,
        name=table.name,
        description=table.description,
    )


def rule_mask(rule: Rule, df: pd.DataFrame) -> pd.Series:
    """Rows of ``df`` that break ``rule``; a missing column, or one of another type, is reported on its own, not here."""
    import pyarrow

    if not set(rule.columns) <= set(df.columns):
        return pd.Series(False, index=df.index)
    try:
        columns: dict[str, Any] = {c: pyarrow.array(df[c], from_pandas=True) for c in rule.columns}
        return pd.Series(rule.mask(columns), index=df.index)
    except (pyarrow.ArrowException, TypeError, ValueError):
        return pd.Series(False, index=df.index)


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
