"""The one declaration of every table: columns, types, keys, vocabularies, rules.

Everything else — the pydantic models, the pandera schemas, the Arrow schema
the build writes, the JSON/Table Schemas, the SQL exports and the data
dictionary — is derived from the objects in this module, asking the column
type registry (:mod:`sadr_iran_data.column_types`) and the rule kinds
(:mod:`sadr_iran_data.constraints`) what each type and rule means. The rules of
each table are the one list that the build and :func:`sadr_iran_data.validate`
enforce. This module imports nothing heavy, so ``sid.tables()`` stays cheap.

Examples
--------
>>> from sadr_iran_data.declarations import TABLES
>>> TABLES["events"].primary_key
'event_id'
>>> [rule.name for rule in TABLES["evidence"].checks]
['span_order', 'quote_length']
"""

from __future__ import annotations

from .._names import TABLE_NAMES
from ._model import Column, Rule, Table, Term, Vocabulary
from .actors import ACTORS
from .citations import CITATIONS
from .cues import CUES
from .event_actors import EVENT_ACTORS
from .events import EVENTS
from .evidence import EVIDENCE
from .locations import LOCATIONS
from .relations import RELATIONS
from .views import EVENTS_WIDE, RELATIONS_WIDE, VIEWS
from .vocabularies import (
    ACTOR_TYPE,
    ATTRIBUTION_KIND,
    CERTAINTY,
    CITATION_KIND,
    CONFIDENCE,
    CUE_FIELD,
    DATE_PRECISION,
    EVENT_TYPE,
    GEO_PRECISION,
    LOCATION_TYPE,
    PLOVER_CONTEXT,
    PLOVER_MODE,
    PLOVER_TYPE,
    RECORD_TABLE,
    RELATION_FAMILY,
    RELATION_TYPE,
    ROLE,
    SUPPORT_FORM,
    SUPPORT_INTENT,
    VOCABULARIES,
)

__all__ = [
    "ACTORS",
    "ACTOR_TYPE",
    "ATTRIBUTION_KIND",
    "CERTAINTY",
    "CITATIONS",
    "CITATION_KIND",
    "CONFIDENCE",
    "CUES",
    "CUE_FIELD",
    "DATE_PRECISION",
    "EVENTS",
    "EVENTS_WIDE",
    "EVENT_ACTORS",
    "EVENT_TYPE",
    "EVIDENCE",
    "GEO_PRECISION",
    "LOCATIONS",
    "LOCATION_TYPE",
    "PLOVER_CONTEXT",
    "PLOVER_MODE",
    "PLOVER_TYPE",
    "RECORD_TABLE",
    "RELATIONS",
    "RELATIONS_WIDE",
    "RELATION_FAMILY",
    "RELATION_TYPE",
    "ROLE",
    "SUPPORT_FORM",
    "SUPPORT_INTENT",
    "TABLES",
    "VIEWS",
    "VOCABULARIES",
    "Column",
    "Rule",
    "Table",
    "Term",
    "Vocabulary",
    "get_table",
]

TABLES: dict[str, Table] = {t.name: t for t in (CITATIONS, ACTORS, LOCATIONS, EVENTS, EVENT_ACTORS, RELATIONS, EVIDENCE, CUES)}
if tuple(TABLES) != TABLE_NAMES:
    raise ImportError(f"_formats.TABLE_NAMES {TABLE_NAMES} does not list the declared tables {tuple(TABLES)}")


def get_table(name: str) -> Table:
    """The declaration of table ``name``; raises :class:`UnknownTableError` otherwise."""
    try:
        return TABLES[name]
    except KeyError:
        from ..errors import UnknownTableError

        raise UnknownTableError(name, tuple(TABLES)) from None
