"""Pydantic record models, one per table, derived from :mod:`sadr_iran_data.declarations`.

Each field's type comes from the column type registry and its constraints
from the column's rules; the table's row rules are checked after the fields.
Use the models to validate single records of your own; their JSON Schema is
the one ``sadr_iran_data.formats.frictionless.json_schema`` publishes.

Examples
--------
>>> from sadr_iran_data.models import Actor
>>> Actor(actor_id="act-x", name="X", aliases=[], actor_type="person", description="A person.").actor_type
'person'
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model, model_validator

from .codes._keyed import Keyed
from .declarations import TABLES, Column, Table

#: Class name of each table's record model.
MODEL_NAMES: Keyed[str] = Keyed(
    "models.MODEL_NAMES",
    "table",
    {
        "citations": "Citation",
        "actors": "Actor",
        "locations": "Location",
        "events": "Event",
        "event_actors": "EventActor",
        "relations": "Relation",
        "evidence": "Evidence",
        "cues": "Cue",
    },
)
MODEL_NAMES.check_covers(TABLES)


class Record(BaseModel):
    """Base of every record model: strict about unknown columns, checks the table's rules."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    __table_name__: str = ""

    @model_validator(mode="after")
    def _check_rules(self) -> Record:
        table = TABLES[self.__table_name__]
        row = self.model_dump()
        broken = [
            f"{col.name}: {rule.message(row[col.name])} (rule: {rule.kind})"
            for col in table.columns
            for rule in _unchecked(col)
            if row[col.name] is not None and rule.violated(row[col.name])
        ]
        broken += [f"{r.description} (rule: {r.name})" for r in table.checks if r.violated(row)]
        if broken:
            raise ValueError("; ".join(broken))
        return self


def _unchecked(col: Column) -> list[Any]:
    """The column's rules that neither its type nor its ``Field`` constraints check (NFC text)."""
    return [rule for rule in col.constraints if not rule.pydantic() and rule.kind != "vocabulary"]


def _field(col: Column) -> tuple[Any, Any]:
    python = col.column_type.python_type(col)
    constraints: dict[str, Any] = {"description": col.description}
    for rule in col.constraints:
        constraints.update(rule.pydantic())
    if col.nullable:
        return python | None, Field(None, **constraints)
    return python, Field(..., **constraints)


def _model(table: Table) -> type[Record]:
    model = create_model(  # type: ignore[call-overload]
        MODEL_NAMES[table.name],
        __base__=Record,
        __doc__=table.description,
        **{c.name: _field(c) for c in table.columns},
    )
    model.__table_name__ = table.name
    return model  # type: ignore[no-any-return]


MODELS: dict[str, type[Record]] = {name: _model(table) for name, table in TABLES.items()}

Citation = MODELS["citations"]
Actor = MODELS["actors"]
Location = MODELS["locations"]
Event = MODELS["events"]
EventActor = MODELS["event_actors"]
Relation = MODELS["relations"]
Evidence = MODELS["evidence"]
Cue = MODELS["cues"]

__all__ = ["MODELS", "Actor", "Citation", "Cue", "Event", "EventActor", "Evidence", "Location", "Record", "Relation"]
