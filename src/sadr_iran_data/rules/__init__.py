"""The codebook's coding rules, as objects: each checks rows across the tables, and :func:`sadr_iran_data.validate` applies them.

A declared row rule (:mod:`sadr_iran_data.constraints`) checks the columns of
one row; a coding rule reads several tables at once: an event with its cues
and quotes, a relation with its actors. :data:`RULES` is the one list, which
the build, the data tests and :func:`sadr_iran_data.validate_tables` run.

- :mod:`.coding` (R1-R11): the codebook's coding rules, as far as a machine can check them;
- :mod:`.cues` (C1-C9): every coded value has its words, and they say what it says;
- :mod:`.field` (F1-F4): PLOVER by its decision table, its contexts and its actor, the state codes;
- :mod:`.shipped_text` (S1): the quotes and cues ship at most half of a copyrighted document.

Examples
--------
>>> from sadr_iran_data.rules import RULES
>>> [rule.code for rule in RULES][:3]
['R1', 'R2', 'R3']
"""

from __future__ import annotations

from collections.abc import Mapping

from ._base import CodingRule, Finding, Records, Tables
from .coding import CODING_RULES
from .cues import CUE_RULES
from .field import FIELD_RULES
from .shipped_text import SHIPPED_TEXT_RULES

__all__ = ["RULES", "CodingRule", "Finding", "Records", "Tables", "check", "runnable"]

#: Every coding rule, in the codebook's order.
RULES: tuple[CodingRule, ...] = (*CODING_RULES, *CUE_RULES, *FIELD_RULES, *SHIPPED_TEXT_RULES)


def runnable(names: set[str] | frozenset[str], rules: tuple[CodingRule, ...] = RULES) -> tuple[CodingRule, ...]:
    """The rules whose tables are all among ``names``."""
    return tuple(rule for rule in rules if set(rule.tables) <= set(names))


def check(records: Records, rules: tuple[CodingRule, ...] = RULES, *, texts: Mapping[str, str] | None = None) -> list[Finding]:
    """The findings of every rule whose tables ``records`` all hold (plain records or Arrow tables, by table name).

    ``texts`` (the stored texts of documents, by citation id) lets the parts
    of a rule that read the article around a quote run.
    """
    tables = Tables(records, texts)
    return [finding for rule in runnable(frozenset(records), rules) for finding in rule.findings(tables)]
