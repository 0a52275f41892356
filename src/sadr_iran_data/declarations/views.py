"""The wide views, computed from the tables at load and never shipped as files: one row per event or relation."""

from __future__ import annotations

from ._columns import fk
from ._model import Column, Table
from .events import EVENTS
from .evidence import EVIDENCE
from .locations import LOCATIONS
from .relations import RELATIONS
from .vocabularies import ACTOR_TYPE, CONFIDENCE, LOCATION_TYPE, RELATION_FAMILY, ROLE

_CONFIDENCE_COLUMN = Column("confidence", "category", "How far the claim can be taken as established (derived).", vocabulary=CONFIDENCE)
_EVIDENCE_COLUMNS = (
    Column("evidence_ids", "list", "The row's evidence, in the order of the text.", references="evidence"),
    Column("evidence_text", "string", "The row's quotes, in the order of the text, joined with ' … '."),
)


def _role_columns() -> tuple[Column, ...]:
    columns: list[Column] = []
    for term in ROLE.terms:
        columns.append(Column(f"{term.value}_ids", "list", f"Actors in the role '{term.value}': {term.description}", references="actors"))
        columns.append(Column(f"{term.value}_names", "list", f"Their names, in the same order as {term.value}_ids."))
    return tuple(columns)


def _place_columns() -> tuple[Column, ...]:
    return (
        Column("place_name", "string", "Name of the event's place.", nullable=True),
        Column("place_type", "category", "What kind of place it is.", nullable=True, vocabulary=LOCATION_TYPE),
        fk("admin1_id", "locations", "The province or governorate the place is or lies in.", nullable=True),
        Column("admin1_name", "string", "Its name.", nullable=True),
        Column("admin1_code", "string", "Its ISO 3166-2 code.", nullable=True),
        Column("country_iso3", "string", "ISO 3166-1 alpha-3 code of the place's country.", nullable=True),
        Column("country_gw", "int", "Gleditsch-Ward number of the place's country (UCDP's country_id).", nullable=True),
        Column("country_cow", "int", "Correlates of War number of the place's country.", nullable=True),
        *(LOCATIONS.column(name) for name in ("latitude", "longitude", "geo_precision", "coordinate_source")),
        *_layout_precision_columns(),
    )


def _layout_precision_columns() -> tuple[Column, ...]:
    """ACLED's and UCDP GED's precision codes of the event's dating and place (sadr_iran_data.formats.layouts)."""
    where = " (docs/interoperability.md), whether or not that layout takes the event; null where it has no code."
    return (
        Column("acled_time_precision", "int", "ACLED's time_precision of the event's dating (1 day, 3 month)" + where, nullable=True),
        Column("acled_geo_precision", "int", "ACLED's geo_precision of the event's place (1 town, 3 larger region)" + where, nullable=True),
        Column("ucdp_date_prec", "int", "UCDP GED's date_prec of the event's dating (1 day, 4 month, 5 year)" + where, nullable=True),
        Column(
            "ucdp_where_prec",
            "int",
            "UCDP GED's where_prec of the event's place (1 exact, 4 ADM1, 5 region, 6 country)" + where,
            nullable=True,
        ),
    )


EVENTS_WIDE = Table(
    "events_wide",
    "evt",
    "One row per event, as ACLED and UCDP users expect: the event, its actors by role, its place with coordinates, and its evidence.",
    (
        *EVENTS.columns,
        _CONFIDENCE_COLUMN,
        *_role_columns(),
        *_place_columns(),
        Column("relation_ids", "list", "Relations that state the same fact: count one or the other.", references="relations"),
        *_EVIDENCE_COLUMNS,
    ),
)

RELATIONS_WIDE = Table(
    "relations_wide",
    "rel",
    "One row per relation: the relation, both actors' names, types and countries, and its evidence.",
    (
        *RELATIONS.columns,
        _CONFIDENCE_COLUMN,
        Column("source_name", "string", "Name of the source actor."),
        Column("source_type", "category", "What kind of actor the source is.", vocabulary=ACTOR_TYPE),
        Column("source_country", "string", "ISO 3166-1 alpha-3 code of the source actor's state, if one.", nullable=True),
        Column("source_gw", "int", "Gleditsch-Ward number of that state.", nullable=True),
        Column("target_name", "string", "Name of the target actor."),
        Column("target_type", "category", "What kind of actor the target is.", vocabulary=ACTOR_TYPE),
        Column("target_country", "string", "ISO 3166-1 alpha-3 code of the target actor's state, if one.", nullable=True),
        Column("target_gw", "int", "Gleditsch-Ward number of that state.", nullable=True),
        Column(
            "esd_support",
            "string",
            "The UCDP External Support Dataset's support-type variable (ext_w, ext_t) of the support_form, where a source confirms one.",
            nullable=True,
        ),
        Column(
            "nags_support",
            "string",
            "The NAGs data's type of state support (as its facts page names it) of the support_form, where one fits.",
            nullable=True,
        ),
        Column(
            "relation_family",
            "category",
            "The family of the relation_type, as the relation_type vocabulary declares it (derived).",
            vocabulary=RELATION_FAMILY,
        ),
        *_EVIDENCE_COLUMNS,
    ),
)

#: The wide views, by the table they widen.
VIEWS: dict[str, Table] = {"events": EVENTS_WIDE, "relations": RELATIONS_WIDE}


#: The evidence with each quote's sentence from the user's own copy of the article (``load_evidence(article=path)``).
EVIDENCE_WITH_SENTENCES = Table(
    "evidence_with_sentences",
    "evd",
    "The evidence, with each quote's full sentence taken from the user's own copy of the article (the package ships no text).",
    (
        *EVIDENCE.columns,
        Column("sentence", "string", "The sentence (or sentences) the quote lies in, from the given copy of the article."),
        Column("sentence_start", "int", "Offset of the sentence's first character in the given copy.", minimum=0),
        Column("sentence_end", "int", "Offset just past the sentence's last character in the given copy.", minimum=1),
    ),
)
