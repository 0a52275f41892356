"""The ``event_actors`` table: which actor plays which role in which event."""

from __future__ import annotations

from ._columns import fk, pk
from ._model import Column, Table
from .vocabularies import ROLE

EVENT_ACTORS = Table(
    "event_actors",
    "eva",
    "Which actors take part in which event, and in what role.",
    (
        pk("event_actor_id", "eva", "Stable id of the link."),
        fk("event_id", "events", "The event."),
        fk("actor_id", "actors", "The actor."),
        Column("role", "category", "The actor's part in the event.", vocabulary=ROLE),
    ),
)
