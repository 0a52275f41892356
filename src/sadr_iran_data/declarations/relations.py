"""The ``relations`` table: dated, directed relations between actors."""

from __future__ import annotations

from ..constraints import Differs, RequiredIf
from ._columns import HOLDER_RULES, PERIOD_RULES, claim, fk, period, pk
from ._model import Column, Table
from .vocabularies import RELATION_TYPE, SUPPORT_FORM, SUPPORT_INTENT

RELATIONS = Table(
    "relations",
    "rel",
    "How actors relate to each other over time.",
    (
        pk("relation_id", "rel", "Stable id of the relation."),
        fk("source_actor_id", "actors", "The actor the relation runs from."),
        fk("target_actor_id", "actors", "The actor the relation runs to."),
        Column("relation_type", "category", "What the relation is.", vocabulary=RELATION_TYPE),
        Column("support_form", "category", "Form of support, for relation_type 'supports'.", nullable=True, vocabulary=SUPPORT_FORM),
        Column(
            "support_intent",
            "category",
            "Active or passive support (NAGs, after Byman), for relation_type 'supports'.",
            nullable=True,
            vocabulary=SUPPORT_INTENT,
        ),
        Column("directed", "bool", "Whether the relation runs one way (source -> target)."),
        Column("summary", "string", "One-line summary, claiming no more than the source."),
        *period("relation"),
        *claim("relation"),
        Column(
            "event_ids",
            "list",
            "Events that state the same fact (Tehran's supply of weapons is a relation and an event): count one or the other.",
            references="events",
        ),
    ),
    (
        *PERIOD_RULES,
        *HOLDER_RULES,
        RequiredIf(
            "support_form_iff_supports",
            ("relation_type", "support_form"),
            "support_form is set exactly when relation_type is 'supports'",
            values=("supports",),
        ),
        RequiredIf(
            "support_intent_iff_supports",
            ("relation_type", "support_intent"),
            "support_intent is set exactly when relation_type is 'supports'",
            values=("supports",),
        ),
        Differs("no_self_relation", ("source_actor_id", "target_actor_id"), "an actor cannot relate to itself"),
    ),
)
