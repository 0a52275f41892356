"""Rule kinds: one class per kind of rule, holding everything about it.

A **column rule** checks one value of a column (``vocabulary``, ``pattern``,
``minimum``, ``maximum``, ``nfc``); the declarations derive a column's rules
from its attributes. A **row rule** checks columns of one row (``ordered``,
``together``, ``within``, ``edtf_bound``, …); each table declares its own in
:mod:`sadr_iran_data.declarations`, and that one list is what the build, the
pydantic models, the pandera schemas, the JSON Schemas and
:func:`sadr_iran_data.validate` enforce.

Each class has the check of one record (``violated``), the vectorised check
of a whole column or table over Arrow arrays (``mask``), its JSON Schema or
Table Schema form where there is one, and (for row rules) how to make a
generated record satisfy it (``repair``). Adding a kind is adding one class.

Examples
--------
>>> from sadr_iran_data.constraints import Ordered
>>> rule = Ordered("date_order", ("date_start", "date_end"), "date_end must be on or after date_start")
>>> rule.violated({"date_start": 2, "date_end": 1}), rule.column
(True, 'date_end')
"""

from __future__ import annotations

from ._base import Row, sql_literal
from .column import ColumnRule, Maximum, MaxWords, Minimum, Normalized, Pattern, Vocabulary, whole_value_pattern
from .row import (
    Allowed,
    Differs,
    Draft,
    EdtfBound,
    EdtfPrecision,
    Implies,
    Items,
    Ordered,
    RequiredIf,
    Rule,
    SpanLength,
    Together,
    UnitStart,
    Within,
)

__all__ = [
    "COLUMN_RULES",
    "ROW_RULES",
    "Allowed",
    "ColumnRule",
    "Differs",
    "Draft",
    "EdtfBound",
    "EdtfPrecision",
    "Implies",
    "Items",
    "MaxWords",
    "Maximum",
    "Minimum",
    "Normalized",
    "Ordered",
    "Pattern",
    "RequiredIf",
    "Row",
    "Rule",
    "SpanLength",
    "Together",
    "UnitStart",
    "Vocabulary",
    "Within",
    "sql_literal",
    "whole_value_pattern",
]

#: Every column rule kind, by the name a failure gives it.
COLUMN_RULES: dict[str, type[ColumnRule]] = {k.kind: k for k in (Vocabulary, Pattern, Minimum, Maximum, Normalized, MaxWords)}
#: Every row rule kind, by name.
ROW_RULES: dict[str, type[Rule]] = {
    k.kind: k
    for k in (Ordered, Together, RequiredIf, Differs, Implies, Within, Allowed, Items, EdtfBound, EdtfPrecision, UnitStart, SpanLength)
}
