"""UCDP GED's layout: which events UCDP would code as organised violence, its columns, and the ``ucdp-ged`` export.

:data:`UCDP_TYPES` says which ``event_type`` can be organised violence; the
date and place precision codes are in :mod:`sadr_iran_data.codes.precision`.
:func:`ucdp_ged` applies them to the rows of the wide view of events.

Examples
--------
>>> UCDP_TYPES["armed_clash"].coded, UCDP_TYPES["statement"].coded
(True, False)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ...codes._keyed import Keyed
from ...codes.precision import (
    UCDP_DATE_PRECISION,
    UCDP_WHERE_PRECISION,
    precision_codes,
)
from ...declarations import EVENT_TYPE
from ...errors import DataIntegrityError, SadrIranDataError
from .._registry import Format, register
from ._common import (
    ARMED_NON_STATE_TYPES,
    CIVILIAN_TYPES,
    STATE_TYPES,
    Layout,
    citation_date,
    citation_text,
    layout_inputs,
    layout_writer,
    not_happened,
    sides,
    when_and_where,
)

UCDP_GED_CODEBOOK = (
    "UCDP Georeferenced Event Dataset (GED) Codebook (Uppsala Conflict Data Program, ucdp.uu.se/downloads/ged/, "
    "e.g. ged231.pdf for version 23.1). The column layout is that of GED 23.1 (GEDEvent_v23_1.csv, 49 columns), as "
    "reported by users who read the file; the event definition is the codebook's, as quoted from the GED 17.1 and "
    "25.1 codebooks; where_prec, date_prec, event_clarity, type_of_violence, source_date and source_original as "
    "paraphrased from the codebook in "
    "github.com/mapme-initiative/mapme.biodiversity R/calc_fatalities_ucdp.R (commit 0fc02808c893c98b9ce2bb16fe06529da41e2e71) "
    "and github.com/mcgirjau/ucdp R/GED.R (commit 3aaf961797e1651581f1a1204c69b40f62b4334b). The codebook PDF itself "
    "could not be read"
)

UCDP_GED_ARTICLE = (
    "Sundberg, Ralph and Erik Melander (2013), 'Introducing the UCDP Georeferenced Event Dataset', Journal of Peace Research 50(4): 523-532"
)

#: GED's columns, in the order of GEDEvent_v23_1.csv (GED 23.1 and later).
UCDP_GED_COLUMNS: tuple[str, ...] = (
    "id",
    "relid",
    "year",
    "active_year",
    "code_status",
    "type_of_violence",
    "conflict_dset_id",
    "conflict_new_id",
    "conflict_name",
    "dyad_dset_id",
    "dyad_new_id",
    "dyad_name",
    "side_a_dset_id",
    "side_a_new_id",
    "side_a",
    "side_b_dset_id",
    "side_b_new_id",
    "side_b",
    "number_of_sources",
    "source_article",
    "source_office",
    "source_date",
    "source_headline",
    "source_original",
    "where_prec",
    "where_coordinates",
    "where_description",
    "adm_1",
    "adm_2",
    "latitude",
    "longitude",
    "geom_wkt",
    "priogrid_gid",
    "country",
    "country_id",
    "region",
    "event_clarity",
    "date_prec",
    "date_start",
    "date_end",
    "deaths_a",
    "deaths_b",
    "deaths_civilians",
    "deaths_unknown",
    "best",
    "high",
    "low",
    "gwnoa",
    "gwnob",
)

_EMPTY_UCDP = "Empty: a UCDP identifier or attribute that only UCDP assigns."

_NO_DEATHS = "Empty: the article states no deaths (never 0)."

#: How each GED column is filled, column by column (printed in the documentation).
UCDP_GED_COLUMN_NOTES: dict[str, str] = {
    **dict.fromkeys(UCDP_GED_COLUMNS, _EMPTY_UCDP),
    "id": "Our `event_id` (text; GED's ids are numbers, so the two never collide).",
    "year": "The year of `date_start`.",
    "type_of_violence": "1 state-based (a state on one side and a state or armed group on the other), 2 non-state (two armed "
    "groups), 3 one-sided (an assassination, or an attack by a state or armed group on a population group or a person); "
    "from the sides' `actor_type`s. Any other event is left out.",
    "side_a": "Name of the government side (state-based violence), else of the first state or armed group among the initiators, "
    "participants and subjects.",
    "side_b": "Name of the other side: the first state or armed group (else population group or person) among the targets and "
    "victims (and, in a clash or attack, the other participants).",
    "number_of_sources": "1 for the article, plus 1 where the event cites a footnote.",
    "source_article": "The article and the footnote cited, each as author, title, outlet and date.",
    "source_office": "The article's publisher.",
    "source_date": "The publication dates of the sources of `source_article`, in its order, each to its own precision (the "
    "article: 2007), joined with '; ': GED's 'dates the source materials were published on'.",
    "source_headline": "The article's title.",
    "source_original": "Who the information comes from, as GED's 'name or type of person or organization whence the source "
    "originates': the article's author where the event is the author's own statement, else `attributed_to`.",
    "where_prec": "From the place's `location_type`: see *Precision codes*. A region drawn at its country's point has no code, "
    "and its events are left out.",
    "where_coordinates": "`place_name`.",
    "where_description": "Empty: GED's own description of the place.",
    "adm_1": "`admin1_name` of the wide view.",
    "adm_2": "Empty: the places carry no second-level unit.",
    "latitude": "The place's latitude.",
    "longitude": "The place's longitude.",
    "geom_wkt": "`POINT (longitude latitude)`.",
    "priogrid_gid": "Empty: the PRIO-GRID cell is not computed.",
    "country": "Name of the event's country place.",
    "country_id": "`country_gw`: the Gleditsch-Ward number of the event's country.",
    "region": "Empty: UCDP's regions are its own.",
    "event_clarity": "1 for an event dated to a day, 2 for one dated only to a month or year (it may stand for several incidents).",
    "date_prec": "From `date_precision`: see *Precision codes*.",
    "date_start": "`date_start`, ISO 8601.",
    "date_end": "`date_end`, ISO 8601.",
    "deaths_a": _NO_DEATHS,
    "deaths_b": _NO_DEATHS,
    "deaths_civilians": _NO_DEATHS,
    "deaths_unknown": _NO_DEATHS,
    "best": _NO_DEATHS,
    "high": _NO_DEATHS,
    "low": _NO_DEATHS,
    "gwnoa": "Gleditsch-Ward number of side A's state (`gw_code` of its state actor), where side A is a state.",
    "gwnob": "Gleditsch-Ward number of side B's state, where side B is a state.",
}

#: GED's event, as the codebook defines it (the same words in the GED 17.1 and 25.1 codebooks); quoted in the documentation.
UCDP_EVENT = (
    "An incident where armed force was used by an organised actor against another organized actor, or against civilians, "
    "resulting in at least 1 direct death at a specific location and a specific date"
)

#: type_of_violence codes (GED codebook).
STATE_BASED, NON_STATE, ONE_SIDED = 1, 2, 3


@dataclass(frozen=True)
class UcdpType:
    """Whether UCDP would code events of one ``event_type`` as organised violence, and why."""

    coded: bool
    reason: str


_NOT_VIOLENCE = UcdpType(False, "not organised violence: GED's event is the use of armed force")

#: event_type -> whether GED would code it (its event definition, UCDP_EVENT).
UCDP_TYPES: Keyed[UcdpType] = Keyed(
    "ucdp_ged.UCDP_TYPES",
    "event_type",
    {
        "meeting": _NOT_VIOLENCE,
        "visit": _NOT_VIOLENCE,
        "audience": _NOT_VIOLENCE,
        "invitation": _NOT_VIOLENCE,
        "pledge": _NOT_VIOLENCE,
        "statement": _NOT_VIOLENCE,
        "reaction": _NOT_VIOLENCE,
        "expression_of_support": _NOT_VIOLENCE,
        "accusation": _NOT_VIOLENCE,
        "rejection": _NOT_VIOLENCE,
        "cooperation": _NOT_VIOLENCE,
        "military_aid": _NOT_VIOLENCE,
        "economic_aid": _NOT_VIOLENCE,
        "refuge": _NOT_VIOLENCE,
        "armed_clash": UcdpType(True, "Armed force used by organised actors against each other."),
        "attack": UcdpType(True, "Armed force used by an organised actor against another, or against civilians."),
        "assassination": UcdpType(True, "Armed force used by an organised actor against a civilian (one-sided violence)."),
        "war": UcdpType(
            False,
            "a war is a conflict (UCDP's Armed Conflict Dataset), not an event: GED records its single incidents of lethal "
            "violence, each at a place and a date, and the article names none of these wars' incidents",
        ),
        "concession": _NOT_VIOLENCE,
        "infiltration": _NOT_VIOLENCE,
        "election": _NOT_VIOLENCE,
        "political_participation": _NOT_VIOLENCE,
        "withdrawal": _NOT_VIOLENCE,
        "formation": _NOT_VIOLENCE,
        "death": _NOT_VIOLENCE,
        "commemoration": _NOT_VIOLENCE,
        "interview": _NOT_VIOLENCE,
        "publication": _NOT_VIOLENCE,
        "relationship_change": _NOT_VIOLENCE,
        "situation": _NOT_VIOLENCE,
    },
)

#: date_precision -> GED's event_clarity of an event it takes: 1 for a day, 2 for a month or a year, which may stand for
#: several incidents (GED takes nothing coarser).
UCDP_EVENT_CLARITY = {"day": 1, "month": 2, "year": 2}


def _ucdp_rank(actor: Mapping[str, Any]) -> int:
    """States and armed groups first, then unarmed people, then the rest: the actor a GED side is named after."""
    kind = actor["actor_type"]
    return 0 if kind in (*STATE_TYPES, *ARMED_NON_STATE_TYPES) else 1 if kind in CIVILIAN_TYPES else 2


def _ucdp_sides(event: Mapping[str, Any], actors: Mapping[str, Mapping[str, Any]]) -> tuple[str | None, str | None, int | str]:
    """Side A's and side B's actor ids and GED's type of violence, or the reason GED would not code the event.

    The government side is side A (state-based violence). One-sided violence
    is an assassination, or violence by a state or an armed group against a
    population group or a person outside a clash; anything else without an
    armed side B is left out.
    """
    first, second = sides(event, lambda x: _ucdp_rank(actors[x]))
    a, b = (first[0] if first else None), (second[0] if second else None)
    organised = (*STATE_TYPES, *ARMED_NON_STATE_TYPES)
    if a is None:
        return None, b, "no organised actor: the article names no perpetrator"
    if actors[a]["actor_type"] not in organised:
        if b is None and len(first) == 1 and actors[a]["actor_type"] == "person":
            return a, b, "no organised actor: the only named party is a person"
        return a, b, f"no organised actor: {actors[a]['name']} ({actors[a]['actor_type']}) is neither a state nor an armed group"
    if b is not None and actors[b]["actor_type"] in organised:
        if actors[b]["actor_type"] in STATE_TYPES and actors[a]["actor_type"] not in STATE_TYPES:
            a, b = b, a
        return a, b, STATE_BASED if actors[a]["actor_type"] in STATE_TYPES else NON_STATE
    civilians = b is not None and actors[b]["actor_type"] in CIVILIAN_TYPES
    if event["event_type"] == "assassination" or (civilians and event["event_type"] not in ("armed_clash",)):
        return a, b, ONE_SIDED
    if b is None:
        return (
            a,
            b,
            (
                f"side B not named: the article names no one {actors[a]['name']} fought or attacked, and GED codes violence "
                "between two named sides, or against civilians"
            ),
        )
    return (
        a,
        b,
        (
            f"side B not organised: {actors[b]['name']} ({actors[b]['actor_type']}) is neither a state nor an armed group, and the "
            "event is no violence against civilians"
        ),
    )


def _event_clarity(event: Mapping[str, Any]) -> int:
    if event["date_precision"] not in UCDP_EVENT_CLARITY:
        raise SadrIranDataError(f"{event['event_id']}: GED has no event_clarity for an event dated to a {event['date_precision']}")
    return UCDP_EVENT_CLARITY[event["date_precision"]]


def _ucdp_reason(event: Mapping[str, Any], violence: int | str) -> str | None:
    if (reason := not_happened(event)) is not None:
        return reason
    kind = UCDP_TYPES[event["event_type"]]
    if not kind.coded:
        return kind.reason
    if isinstance(violence, str):
        return violence
    return when_and_where(event, UCDP_DATE_PRECISION, UCDP_WHERE_PRECISION)


def ucdp_ged(
    events: Iterable[Mapping[str, Any]],
    actors: Iterable[Mapping[str, Any]],
    locations: Iterable[Mapping[str, Any]],
    citations: Iterable[Mapping[str, Any]],
) -> Layout:
    """The events (rows of the wide view) as UCDP GED rows, and the events left out with the reason.

    An event is written if it is organised violence (:data:`UCDP_TYPES`),
    reported as having happened, with sides GED would code (a state or armed
    group against another, or against civilians), dated to a day, month or year and placed at a
    point of its own. Deaths and the best, low and high estimates stay
    empty: the article gives none.
    """
    by_id = {a["actor_id"]: a for a in actors}
    countries = {p["country"]: p["name"] for p in locations if p["location_type"] == "country"}
    codes = {a["country"]: a["gw_code"] for a in by_id.values() if a["actor_type"] == "state"}
    citing = {c["citation_id"]: c for c in citations}
    article = next((c for c in citing.values() if c["cited_in"] is None), None)
    if article is None:
        raise DataIntegrityError("the citations hold no article (a citation whose cited_in is null): restore it, and run sid.validate()")
    rows, left_out = [], []
    for event in events:
        a, b, violence = _ucdp_sides(event, by_id)
        reason = _ucdp_reason(event, violence)
        if reason is not None:
            left_out.append({"event_id": event["event_id"], "reason": reason})
            continue
        cited = [article, *([citing[event["citation_id"]]] if event["citation_id"] else [])]
        side_a, side_b = by_id[a] if a else None, by_id[b] if b else None
        precision = precision_codes(event)
        rows.append(
            {
                **dict.fromkeys(UCDP_GED_COLUMNS),
                "id": event["event_id"],
                "year": event["date_start"].year,
                "type_of_violence": violence,
                "side_a": side_a["name"] if side_a else None,
                "side_b": side_b["name"] if side_b else None,
                "number_of_sources": len(cited),
                "source_article": "; ".join(citation_text(c) for c in cited),
                "source_office": article["publisher"],
                "source_date": "; ".join(citation_date(c) or "undated" for c in cited),
                "source_headline": article["title"],
                "source_original": article["author"] if event["attributed_to"] == "author" else event["attributed_to"],
                "where_prec": precision["ucdp_where_prec"],
                "where_coordinates": event["place_name"],
                "adm_1": event["admin1_name"],
                "latitude": event["latitude"],
                "longitude": event["longitude"],
                "geom_wkt": f"POINT ({event['longitude']} {event['latitude']})",
                "country": countries.get(event["country_iso3"]),
                "country_id": event["country_gw"],
                "event_clarity": _event_clarity(event),
                "date_prec": precision["ucdp_date_prec"],
                "date_start": event["date_start"].isoformat(),
                "date_end": event["date_end"].isoformat(),
                "gwnoa": codes.get(side_a["country"]) if side_a and side_a["actor_type"] in STATE_TYPES else None,
                "gwnob": codes.get(side_b["country"]) if side_b and side_b["actor_type"] in STATE_TYPES else None,
            }
        )
    return Layout(UCDP_GED_COLUMNS, rows, left_out)


def to_ucdp_ged() -> Layout:
    """The events in UCDP GED's layout: ``rows`` (dicts with GED's 49 columns, in order) and ``left_out`` (with reasons).

    ``export("ucdp-ged", folder)`` writes them as ``ucdp_ged.csv`` and
    ``ucdp_ged_left_out.csv``.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> layout = sid.to_ucdp_ged()
    >>> layout.columns[0], all(row["best"] is None for row in layout.rows)
    ('id', True)
    """
    return ucdp_ged(*layout_inputs())


UCDP_TYPES.check_covers(EVENT_TYPE.values)
if tuple(UCDP_GED_COLUMN_NOTES) != UCDP_GED_COLUMNS:
    raise ImportError("ucdp_ged.UCDP_GED_COLUMN_NOTES must describe GED's columns, in order")

#: Files of the ``ucdp-ged`` export: the events in the layout, and the events left out with the reason.
UCDP_GED_FILES = ("ucdp_ged.csv", "ucdp_ged_left_out.csv")
register(
    Format(
        "ucdp-ged",
        lambda names: list(UCDP_GED_FILES),
        layout_writer(to_ucdp_ged, UCDP_GED_FILES),
        ("events",),
        summary=lambda: to_ucdp_ged().summary("ucdp-ged"),
    )
)
