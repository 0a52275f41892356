"""Pydantic record models, one per table, derived from :mod:`sadr_iran_data.declarations`.

Use them to validate single records of your own:

>>> from sadr_iran_data.models import Actor
>>> Actor(actor_id="act-x", name="X", aliases=[], actor_type="person", description="A person.").actor_type
'person'
"""

from __future__ import annotations

import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from .declarations import TABLES, Column, Table

_PY_TYPES: dict[str, Any] = {
    "id": str,
    "string": str,
    "int": int,
    "float": float,
    "bool": bool,
    "date": datetime.date,
    "list": list[str],
}

#: Class name of each table's record model.
MODEL_NAMES = {
    "citations": "Citation",
    "actors": "Actor",
    "locations": "Location",
    "events": "Event",
    "event_actors": "EventActor",
    "relations": "Relation",
    "evidence": "Evidence",
}


class Record(BaseModel):
    """Base of every record model: strict about unknown columns, checks the table's rules."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    __table_name__: str = ""

    @model_validator(mode="after")
    def _check_rules(self) -> Record:
        row = self.model_dump()
        broken = [r for r in TABLES[self.__table_name__].checks if r.violated(row)]
        if broken:
            raise ValueError("; ".join(f"{r.description} (rule: {r.name})" for r in broken))
        return self


def _field(col: Column) -> tuple[Any, Any]:
    py = Literal[col.vocabulary.values] if col.vocabulary else _PY_TYPES[col.type]  # type: ignore[valid-type]
    constraints: dict[str, Any] = {"description": col.description}
    if col.pattern:
        constraints["pattern"] = col.pattern
    if col.minimum is not None:
        constraints["ge"] = col.minimum
    if col.maximum is not None:
        constraints["le"] = col.maximum
    if col.nullable:
        return py | None, Field(None, **constraints)
    return py, Field(..., **constraints)


def _model(table: Table) -> type[Record]:
    model = create_model(
        MODEL_NAMES[table.name],
        __base__=Record,
        __doc__=table.description,
        **{c.name: _field(c) for c in table.columns},
    )
    model.__table_name__ = table.name
    return model


MODELS: dict[str, type[Record]] = {name: _model(table) for name, table in TABLES.items()}

Citation = MODELS["citations"]
Actor = MODELS["actors"]
Location = MODELS["locations"]
Event = MODELS["events"]
EventActor = MODELS["event_actors"]
Relation = MODELS["relations"]
Evidence = MODELS["evidence"]

__all__ = ["MODELS", "Actor", "Citation", "Event", "EventActor", "Evidence", "Location", "Record", "Relation"]
