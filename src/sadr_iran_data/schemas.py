"""Pandera schemas, one per table, derived from :mod:`sadr_iran_data.declarations`.

They check one table on its own: columns, types, nullability, vocabularies,
ranges, id patterns, unique primary keys and the table's row rules. Foreign
keys span tables; :func:`sadr_iran_data.validate` checks those too.

>>> import sadr_iran_data as sid
>>> from sadr_iran_data.schemas import EventSchema
>>> len(EventSchema.validate(sid.load_events())) == len(sid.load_events())
True
"""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from ._dtypes import pandas_dtype
from .declarations import TABLES, Column, Rule, Table

# Vocabulary columns are checked as plain values: coercing an unknown value to
# a fixed categorical would silently turn it into a missing value.
_UNCOERCED = ("category",)


def _checks(col: Column) -> list[pa.Check]:
    checks = []
    if col.vocabulary is not None:
        values = col.vocabulary.values
        checks.append(pa.Check.isin(values, name="vocabulary", error=f"not in the {col.vocabulary.name} vocabulary"))
    if col.minimum is not None:
        checks.append(pa.Check.ge(col.minimum, name="minimum", error=f"must be at least {col.minimum:g}"))
    if col.maximum is not None:
        checks.append(pa.Check.le(col.maximum, name="maximum", error=f"must be at most {col.maximum:g}"))
    if col.pattern is not None:
        checks.append(pa.Check.str_matches(col.pattern, name="pattern", error=f"must match {col.pattern}"))
    return checks


def _column(table: Table, col: Column) -> pa.Column:
    coerced = col.type not in _UNCOERCED
    return pa.Column(
        pandas_dtype(col) if coerced else None,
        checks=_checks(col),
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
    """Rows of ``df`` that break ``rule``; a missing column is reported on its own, not here."""
    if not set(rule.columns) <= set(df.columns):
        return pd.Series(False, index=df.index)
    try:
        return rule.mask(df)
    except TypeError:  # a column of the wrong type, which its type check reports
        return pd.Series(False, index=df.index)


SCHEMAS: dict[str, pa.DataFrameSchema] = {name: _schema(table) for name, table in TABLES.items()}

CitationSchema = SCHEMAS["citations"]
ActorSchema = SCHEMAS["actors"]
LocationSchema = SCHEMAS["locations"]
EventSchema = SCHEMAS["events"]
EventActorSchema = SCHEMAS["event_actors"]
RelationSchema = SCHEMAS["relations"]
EvidenceSchema = SCHEMAS["evidence"]

__all__ = [
    "SCHEMAS",
    "ActorSchema",
    "CitationSchema",
    "EventActorSchema",
    "EventSchema",
    "EvidenceSchema",
    "LocationSchema",
    "RelationSchema",
]
