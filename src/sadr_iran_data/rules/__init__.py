"""The codebook's coding rules, as objects: each checks rows across the tables, and :func:`sadr_iran_data.validate` applies them.

A declared row rule (:mod:`sadr_iran_data.constraints`) checks the columns of
one row; a coding rule reads several tables at once: an event with its cues
and quotes, a relation with its actors. :data:`RULES` is the one list, which
the build, the data tests and :func:`sadr_iran_data.validate_tables` run.

- :mod:`.cues` (C1-C9): every coded value has its words, and they say what it says;
- :mod:`.shipped_text` (S1): the quotes and cues ship at most half of a copyrighted document.

Examples
--------
>>> from sadr_iran_data.rules import RULES
>>> [rule.name for rule in RULES][:2]
['trigger_cued', 'party_cued']
"""

from __future__ import annotations

from ._base import CodingRule, Finding, Records
from .cues import CUE_RULES
from .shipped_text import SHIPPED_TEXT_RULES

__all__ = ["RULES", "CodingRule", "Finding", "Records", "check"]

#: Every coding rule, in the codebook's order.
RULES: tuple[CodingRule, ...] = (*CUE_RULES, *SHIPPED_TEXT_RULES)


def check(records: Records, rules: tuple[CodingRule, ...] = RULES) -> list[Finding]:
    """The findings of every rule whose tables ``records`` all hold (plain records by table name)."""
    return [finding for rule in rules if set(rule.tables) <= set(records) for finding in rule.findings(records)]
