"""The ``actors`` table: people, organisations, armed groups, states, state bodies, media and collective actors."""

from __future__ import annotations

from ..constraints import Differs, Ordered
from ._columns import ISO3, cow_code, fk, gw_code, pk, wikidata
from ._model import Column, Table
from .vocabularies import ACTOR_TYPE

ACTORS = Table(
    "actors",
    "act",
    "People, organisations, armed groups, states, state bodies, media and collective actors.",
    (
        pk("actor_id", "act", "Stable id of the actor."),
        Column("name", "string", "Name as the article spells it."),
        Column("aliases", "list", "Other spellings and names (Muqtada, Quds, Hizballah, Dawa)."),
        Column("actor_type", "category", "What kind of actor it is.", vocabulary=ACTOR_TYPE),
        Column("country", "string", "ISO 3166-1 alpha-3 code of the state the actor belongs to, if one.", nullable=True, pattern=ISO3),
        fk("parent_actor_id", "actors", "The actor this one is part of or led by (Qods Force -> IRGC).", nullable=True),
        Column("description", "string", "Who the actor is, as far as the article says."),
        Column(
            "identity",
            "string",
            "Who an actor the article names by its people or by a description is, from an outside source "
            "('the Russians' who fought Ahmad Shah Masoud: the Soviet forces in Afghanistan); null where no source says.",
            nullable=True,
            source_column="identity_source",
        ),
        Column("identity_source", "string", "The outside source of identity.", nullable=True),
        *wikidata(),
        cow_code("state actors"),
        Column("cow_source", "string", "Where the COW code was checked.", nullable=True),
        gw_code("state actors"),
        Column("gw_source", "string", "Where the Gleditsch-Ward code was checked.", nullable=True),
        Column(
            "birth_year",
            "int",
            "Year of birth, where verified and relevant.",
            nullable=True,
            minimum=1800,
            maximum=2100,
            source_column="life_years_source",
        ),
        Column(
            "death_year",
            "int",
            "Year of death, where verified and relevant.",
            nullable=True,
            minimum=1800,
            maximum=2100,
            source_column="life_years_source",
        ),
        Column("life_years_source", "string", "Where birth and death years were checked.", nullable=True),
    ),
    (
        Differs("not_own_parent", ("actor_id", "parent_actor_id"), "an actor cannot be its own parent"),
        Ordered("life_order", ("birth_year", "death_year"), "death_year must not precede birth_year"),
    ),
)
