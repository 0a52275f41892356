"""Hypothesis strategies that build valid records of any table from its declaration (see ``sadr_iran_data.testing``)."""

from __future__ import annotations

from sadr_iran_data.testing import records, value_strategy

__all__ = ["records", "value_strategy"]
