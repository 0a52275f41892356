"""ACLED's layout: every mapping from this dataset's codes to ACLED's, with its source, and the ``acled`` export.

:data:`ACLED_TYPES` (and :data:`ACLED_BY_MODE`) map ``event_type`` to ACLED's
disorder type, event type and sub-event type, or the reason ACLED has none;
:data:`ACLED_INTER` maps ``actor_type`` to ACLED's actor type; the precision
codes are in :mod:`sadr_iran_data.codes.precision`. :func:`acled` applies
them to the rows of the wide view of events; ``docs/interoperability.md`` is
generated from these declarations.

Examples
--------
>>> ACLED_TYPES["armed_clash"].event_type, ACLED_TYPES["armed_clash"].sub_event_type
('Battles', 'Armed clash')
>>> ACLED_TYPES["statement"].event_type is None
True
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ...codes._keyed import Keyed
from ...codes.countries import ISO_NUMERIC
from ...codes.precision import (
    ACLED_GEO_PRECISION,
    ACLED_TIME_PRECISION,
    precision_codes,
)
from ...declarations import ACTOR_TYPE, EVENT_TYPE
from ...errors import SadrIranDataError
from .._registry import Format, register
from ._common import Layout, Row, layout_inputs, layout_writer, not_happened, sides, triggers, when_and_where

ACLED_CODEBOOK = (
    "ACLED Codebook, ACLED methodology page (acleddata.com/methodology/acled-codebook, formerly "
    "acleddata.com/knowledge-base/codebook; the web edition of 2024-2025: ACLED no longer releases versions, "
    "the codebook's last section says): Table 1 (data columns), Table 2 (event types), the sections on civilian "
    "targeting, actors, Inter codes (Table 3), event geography and event time"
)

#: ACLED's 31 columns, in the order of the codebook's Table 1.
ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)

#: How each ACLED column is filled, column by column (printed in the documentation).
ACLED_COLUMN_NOTES: dict[str, str] = {
    "event_id_cnty": "Our `event_id` (`evt-0003`), not an ACLED id: it cannot collide with ACLED's own ids (country code and number).",
    "event_date": "`date_start` for an event dated to a day; the 15th of its month for one dated to a month (ACLED's month midpoint). "
    "A date known only from outside the article (`known_date`) goes to `tags`, never here.",
    "year": "The year of `event_date`.",
    "time_precision": "From `date_precision`: see *Precision codes*.",
    "disorder_type": "From `event_type` (and the PLOVER mode): see *Event types*.",
    "event_type": "From `event_type` (and the PLOVER mode): see *Event types*.",
    "sub_event_type": "From `event_type`; empty where the article does not say which sub-event type it was.",
    "actor1": "The first actor with an ACLED actor type among the initiators, participants and subjects (else the first of "
    "them); `Unidentified Armed Group (Country)` for violence whose perpetrator the article does not name (codebook, footnote 9); "
    "`Civilians (Country)` for civilians.",
    "assoc_actor_1": "Names of the other actors on actor 1's side (and the civilians' own name), joined with '; '.",
    "inter1": "From actor 1's `actor_type` (and country): see *Actor types*; empty where ACLED has no type for the actor.",
    "actor2": "The first actor with an ACLED actor type among the targets and victims (and, in a clash or attack, the participants "
    "other than actor 1; in another event without target, the second participant); `Civilians (Country)` for civilians and "
    "for every victim of Violence against civilians.",
    "assoc_actor_2": "Names of the other actors on actor 2's side (and the civilians' own names), joined with '; '.",
    "inter2": "From actor 2's `actor_type` (and country).",
    "interaction": "The two actor types joined with '-' as Table 3 writes them (lower Inter code first, except "
    "'External/Other forces-Civilians'); 'X only' where there is no actor 2; empty where actor 1 or actor 2 has no ACLED type.",
    "civilian_targeting": "'Civilians targeted' for Violence against civilians, and for Explosions/Remote violence, Riots and "
    "Excessive force against protesters whose actor 2 is Civilians; else empty (never for Battles).",
    "iso": "ISO 3166-1 numeric code of the event's country (`country_iso3`): see *Country codes*.",
    "region": "Empty: ACLED's regions are its own grouping of countries, and we do not copy it.",
    "country": "Name of the event's country place.",
    "admin1": "`admin1_name` of the wide view: the province the place lies in.",
    "admin2": "Empty: the places carry no second-level unit.",
    "admin3": "Empty: the places carry no third-level unit.",
    "location": "`place_name`.",
    "latitude": "The place's latitude, to four decimals (ACLED's precision).",
    "longitude": "The place's longitude, to four decimals.",
    "geo_precision": "From the place's `location_type`: see *Precision codes*.",
    "source": "'Terrorism Monitor (The Jamestown Foundation)' and, where the event cites a footnote, its outlet or author; '; '-joined.",
    "source_scale": "'International': one analysis published abroad.",
    "notes": "The event's `summary`, its evidence quote(s) and its `event_id`.",
    "fatalities": "Empty: the article gives no number of deaths (ACLED writes 0 for 'no information'; we do not, see below).",
    "tags": "Our `confidence`, `certainty` and EDTF date, any `known_date`, and a flag for each value the layout could not fill.",
    "timestamp": "Empty: the row was never uploaded to ACLED's API, which sets it.",
}

_PV, _SD = "Political violence", "Strategic developments"


@dataclass(frozen=True)
class AcledType:
    """Where one ``event_type`` falls in ACLED's Table 2, or why it has no place there."""

    disorder_type: str | None
    event_type: str | None
    sub_event_type: str | None
    reason: str
    civilian_targeting: bool = False
    """Whether ACLED marks the event "Civilians targeted" (Violence against civilians)."""


def _none(reason: str) -> AcledType:
    return AcledType(None, None, None, reason)


_NO_STATEMENTS = "ACLED records violence, demonstrations and a few pivotal non-violent developments, not what actors say or think."

_NO_AGGREGATES = (
    "ACLED 'does not predefine broader aggregate categories of events, like wars, conflicts, operations, campaigns' "
    "(codebook): it records their single events, each on a day and at a place."
)

_NO_SITUATIONS = "A state of affairs, not an event: ACLED's unit is an event at a named location on a specific day."

#: event_type -> ACLED (disorder type, event type, sub-event type), or None and why (codebook, Table 2 and its definitions).
ACLED_TYPES: Keyed[AcledType] = Keyed(
    "acled.ACLED_TYPES",
    "event_type",
    {
        "meeting": _none("Talks count in ACLED only as peace talks (Strategic developments: Agreement); these meetings are not."),
        "visit": _none("A visit is no ACLED event type."),
        "audience": _none("A reception is no ACLED event type."),
        "invitation": _none(_NO_STATEMENTS),
        "pledge": _none(_NO_STATEMENTS),
        "statement": _none(_NO_STATEMENTS),
        "reaction": _none(_NO_STATEMENTS),
        "expression_of_support": _none(_NO_STATEMENTS),
        "accusation": _none(_NO_STATEMENTS),
        "rejection": _none(_NO_STATEMENTS),
        "cooperation": _none("Cooperation that is no agreement is no ACLED event type."),
        "military_aid": _none(
            "ACLED has no type for the supply of arms, training or money: its Strategic developments are limited to "
            "pivotal events ('The inclusion of such events is limited', codebook)."
        ),
        "economic_aid": _none("ACLED has no type for the supply of funds or goods."),
        "refuge": _none("Finding safety in a place is no ACLED event type."),
        "armed_clash": AcledType(
            _PV,
            "Battles",
            "Armed clash",
            "'armed, organized groups engage in a battle, and no reports indicate a significant change in territorial control'",
        ),
        "attack": _none(
            "ACLED's event type depends on the weapon (Explosions/Remote violence) or the target (Violence against civilians, "
            "Battles), which the event's PLOVER mode (or, without one, its trigger) must give; see the tables below."
        ),
        "assassination": AcledType(
            _PV,
            "Violence against civilians",
            "Attack",
            "A targeted killing of an unarmed person: 'civilians are targeted with violence by an organized armed actor'.",
            civilian_targeting=True,
        ),
        "war": _none(_NO_AGGREGATES),
        "concession": AcledType(
            _SD, _SD, "Agreement", "Giving up armed resistance is a surrender, one of ACLED's examples of an Agreement."
        ),
        "infiltration": _none("Covert penetration of a group is no ACLED event type."),
        "election": _none("Elections are no ACLED event type."),
        "political_participation": _none("Entering a political process is no ACLED event type."),
        "withdrawal": AcledType(
            _SD,
            _SD,
            "Other",
            "'any significant development that does not fall into any of the other Strategic developments sub-event types'",
        ),
        "formation": AcledType(
            _SD,
            _SD,
            "Change to group/activity",
            "'significant changes in the activity or structure of armed groups', from 'the creation of a new rebel group or a "
            "paramilitary wing of the security forces' to 'voluntary recruitment drives'.",
        ),
        "death": _none(
            "A natural death is no ACLED event: Strategic developments may record 'the suspicious death of a high-ranking "
            "official', and the article's one death, Khomeini's in 1989, is not said to be suspicious."
        ),
        "commemoration": _none("A ceremony is no ACLED event type (a demonstration is a gathering 'advocating for a shared cause')."),
        "interview": _none("The article's own sources, not events."),
        "publication": _none("The article's own sources, not events."),
        "relationship_change": _none(_NO_SITUATIONS),
        "situation": _none(_NO_SITUATIONS),
    },
)

#: (event_type, plover_mode) -> ACLED type, where the PLOVER mode decides what the event_type alone does not.
ACLED_BY_MODE: dict[tuple[str, str], AcledType] = {
    ("attack", "explosives"): AcledType(
        _PV,
        "Explosions/Remote violence",
        None,
        "A bombing: 'weapon types that, by their nature, are at range and widely destructive'; the sub-event type "
        "(suicide bomb, remote explosive, ...) is left empty where the article does not say which.",
    ),
}

#: (event_type, trigger) -> ACLED type, for an event that has no PLOVER mode because PLOVER does not code it (the text
#: names no actor): the article's own word for the event, its event_type cue (compared case-folded), says how instead.
ACLED_BY_TRIGGER: dict[tuple[str, str], AcledType] = {
    ("attack", "bombing"): AcledType(
        _PV,
        "Explosions/Remote violence",
        None,
        "A bombing, by the article's word for it, where PLOVER gives no mode (an event with no named actor is not coded): "
        "as the PLOVER mode explosives above.",
    ),
}

#: ACLED's eight actor types ("Inter" codes 1-8), in the order of their codes (codebook, Actors section and Table 3).
ACLED_INTER_LABELS: tuple[str, ...] = (
    "State forces",
    "Rebel group",
    "Political militia",
    "Identity militia",
    "Rioters",
    "Protesters",
    "Civilians",
    "External/Other forces",
)

_STATE, _EXTERNAL = ACLED_INTER_LABELS[0], ACLED_INTER_LABELS[7]


@dataclass(frozen=True)
class AcledInter:
    """The ACLED actor type of one ``actor_type``, or why it has none."""

    inter: str | None
    reason: str
    state: bool = False
    """State actors are State forces at home and External/Other forces abroad (codebook, Inter code 8)."""


_STATE_REASON = (
    "State forces in their own country; abroad 'The military forces of states are recorded with an Inter code of 8 "
    "(i.e., external forces)' (codebook)."
)

_NOT_AN_ACLED_ACTOR = "ACLED's actors are armed groups, state forces, rioters, protesters, civilians and external forces; it names no {}."

#: actor_type -> ACLED actor type (the text the inter1 and inter2 columns hold).
ACLED_INTER: Keyed[AcledInter] = Keyed(
    "acled.ACLED_INTER",
    "actor_type",
    {
        "person": AcledInter(None, _NOT_AN_ACLED_ACTOR.format("individuals")),
        "state": AcledInter(_STATE, _STATE_REASON, state=True),
        "state_body": AcledInter(_STATE, _STATE_REASON, state=True),
        "state_armed_force": AcledInter(_STATE, _STATE_REASON, state=True),
        "armed_group": AcledInter(
            "Political militia",
            "The article's armed groups (the Mahdi Army, Hezbollah, the Badr Organization and their splinters) take part in their "
            "countries' politics and none is said to seek the removal of a national government, which ACLED's Rebel groups do; "
            "ACLED's Political militias 'are not seeking the removal of a national power'.",
        ),
        "political_party": AcledInter(None, _NOT_AN_ACLED_ACTOR.format("parties except as associated actors")),
        "movement": AcledInter(None, _NOT_AN_ACLED_ACTOR.format("movements")),
        "organization": AcledInter(None, _NOT_AN_ACLED_ACTOR.format("organisations of this kind")),
        "international_organization": AcledInter(_EXTERNAL, "'international organizations' are External/Other forces (Inter code 8)."),
        "media_outlet": AcledInter(None, _NOT_AN_ACLED_ACTOR.format("media")),
        "population_group": AcledInter("Civilians", "'Civilians, in whatever number or association' (Inter code 7)."),
        "collective": AcledInter(None, _NOT_AN_ACLED_ACTOR.format("loose sets of people such as 'Iranian officials'")),
    },
)

#: ACLED's actor for a violent event whose perpetrator the source does not name (codebook, footnote 9: Inter code 3).
UNIDENTIFIED_ARMED_GROUP = "Unidentified Armed Group ({country})"

#: ACLED's actor for civilians: "They are noted as Civilians (Country)" (codebook, Inter code 7); a named group or person
#: among them goes to the associated actors ("the ethno-religious identity of a civilian victim", codebook, Actors).
ACLED_CIVILIANS = "Civilians ({country})"

_CIVILIANS = ACLED_INTER_LABELS[6]

#: Table 3 writes each interaction lower Inter code first, with one exception: "78: External/Other forces-Civilians"
#: (checked against a stored copy of the web codebook, acleddata.com/knowledge-base/codebook, last updated 3 October 2024).
ACLED_INTERACTION_EXCEPTIONS: dict[tuple[str, str], str] = {(_CIVILIANS, _EXTERNAL): "External/Other forces-Civilians"}

#: Besides Violence against civilians, where ACLED marks an event whose actor 2 is Civilians "Civilians targeted": "civilians
#: may also be the main or only target of violence in events coded under the Explosions/Remote violence event type ..., Riots
#: event type ..., and Excessive force against protesters sub-event type ... Events in which civilians were incidentally
#: harmed are not included" (codebook, Civilian targeting). Battles never are: "In Battles events, civilians are never
#: recorded as Associated Actors" (codebook, Event aggregation).
ACLED_CIVILIAN_TARGETING: tuple[str, ...] = ("Explosions/Remote violence", "Riots", "Excessive force against protesters")

#: What the source_scale column says of the article: an analysis published in Washington about Iraq and Iran.
ACLED_SOURCE_SCALE = "International"

#: What the source column names: the article's journal (and a footnote's outlet or author, where the event cites one).
ACLED_SOURCE = "Terrorism Monitor (The Jamestown Foundation)"


def acled_type(event_type: str, plover_mode: str | None, trigger: str | None = None) -> AcledType:
    """The ACLED type of an event: by its PLOVER mode or, without one, its trigger, where a table has them; else by its event_type.

    Examples
    --------
    >>> acled_type("attack", "explosives").event_type, acled_type("attack", None).event_type
    ('Explosions/Remote violence', None)
    >>> acled_type("attack", None, "Bombing").event_type
    'Explosions/Remote violence'
    """
    if plover_mode is not None and (event_type, plover_mode) in ACLED_BY_MODE:
        return ACLED_BY_MODE[(event_type, plover_mode)]
    if plover_mode is None and trigger is not None and (event_type, trigger.casefold()) in ACLED_BY_TRIGGER:
        return ACLED_BY_TRIGGER[(event_type, trigger.casefold())]
    return ACLED_TYPES[event_type]


def acled_inter(actor: Mapping[str, Any], country: str | None) -> str | None:
    """The ACLED actor type of ``actor`` in an event in ``country``: state actors abroad are External/Other forces.

    Examples
    --------
    >>> acled_inter({"actor_type": "state_armed_force", "country": "USA"}, "IRQ")
    'External/Other forces'
    >>> acled_inter({"actor_type": "state_armed_force", "country": "IRQ"}, "IRQ")
    'State forces'
    >>> acled_inter({"actor_type": "person", "country": None}, "IRQ") is None
    True
    """
    mapped = ACLED_INTER[actor["actor_type"]]
    if mapped.state and actor["country"] != country:
        return _EXTERNAL
    return mapped.inter


def acled_interaction(inter1: str | None, inter2: str | None) -> str | None:
    """ACLED's interaction of two actor types as Table 3 writes it, or 'X only' for one actor; None without actor 1's type.

    Examples
    --------
    >>> acled_interaction("External/Other forces", "Political militia")
    'Political militia-External/Other forces'
    >>> acled_interaction("External/Other forces", "Civilians")
    'External/Other forces-Civilians'
    >>> acled_interaction("Political militia", None)
    'Political militia only'
    """
    if inter1 is None:
        return None
    if inter2 is None:
        return f"{inter1} only"
    low, high = sorted((inter1, inter2), key=ACLED_INTER_LABELS.index)
    return ACLED_INTERACTION_EXCEPTIONS.get((low, high), f"{low}-{high}")


def _notes(event: Mapping[str, Any]) -> str:
    return f"{event['summary']} Evidence: “{event['evidence_text']}” (sadr-iran-data {event['event_id']})"


def _source(event: Mapping[str, Any], citations: Mapping[str, Mapping[str, Any]]) -> str:
    names = [ACLED_SOURCE]
    cited = citations.get(event["citation_id"]) if event["citation_id"] else None
    if cited is not None:
        names.append(cited["outlet"] or cited["author"] or cited["citation_id"])
    return "; ".join(names)


def _acled_date(event: Mapping[str, Any]) -> datetime.date:
    """ACLED's event_date: the day, or the month's midpoint (the codebook's two time precisions ACLED records)."""
    start: datetime.date = event["date_start"]
    if event["date_precision"] == "day":
        return start
    if event["date_precision"] == "month":
        return start.replace(day=15)
    raise SadrIranDataError(f"{event['event_id']}: ACLED has no event_date for an event dated to a {event['date_precision']}")


def _tags(event: Mapping[str, Any], *more: str) -> str:
    tags = [f"confidence: {event['confidence']}", f"certainty: {event['certainty']}", f"date: {event['date_edtf']}"]
    if event["known_date"] is not None:
        tags.append(f"known date (outside source): {event['known_date'].isoformat()}")
    return "; ".join([*tags, *more])


def _acled_side(
    ids: list[str], actors: Mapping[str, Mapping[str, Any]], country: str | None, place: str, civilians: bool = False
) -> tuple[str | None, str | None, list[str]]:
    """Actor, actor type and associated actors of one side: civilians (all of them, where ``civilians``) as `Civilians (Country)`."""
    if not ids:
        return (ACLED_CIVILIANS.format(country=place), _CIVILIANS, []) if civilians else (None, None, [])
    names = [actors[a]["name"] for a in ids]
    inter = _CIVILIANS if civilians else acled_inter(actors[ids[0]], country)
    if inter == _CIVILIANS:
        return ACLED_CIVILIANS.format(country=place), inter, names
    return names[0], inter, names[1:]


def _acled_row(event: Mapping[str, Any], kind: AcledType, actors: Mapping[str, Mapping[str, Any]], context: Mapping[str, Any]) -> Row:
    country = event["country_iso3"]
    place = context["countries"].get(country, country)
    first, second = sides(event, lambda a: 0 if acled_inter(actors[a], country) is not None else 1)
    leads = first[:1] + ([] if kind.civilian_targeting else second[:1])
    untyped = [actors[a] for a in leads if acled_inter(actors[a], country) is None]
    flags = [f"no ACLED actor type: {actor['name']} ({actor['actor_type']})" for actor in untyped]
    actor1, inter1, assoc1 = _acled_side(first, actors, country, place)
    if actor1 is None and kind.disorder_type == _PV:
        actor1, inter1 = UNIDENTIFIED_ARMED_GROUP.format(country=place), "Political militia"
        flags.append("actor 1 not named in the article")
    actor2, inter2, assoc2 = _acled_side(second, actors, country, place, civilians=kind.civilian_targeting)
    interaction = acled_interaction(inter1, inter2) if actor2 is None or inter2 is not None else None
    if actor1 is not None and interaction is None:
        flags.append("interaction not given: an actor has no ACLED actor type")
    if kind.sub_event_type is None:
        flags.append("sub-event type not given in the article")
    targeted = kind.civilian_targeting or (
        inter2 == _CIVILIANS and (kind.event_type in ACLED_CIVILIAN_TARGETING or kind.sub_event_type in ACLED_CIVILIAN_TARGETING)
    )
    date = _acled_date(event)
    codes = precision_codes(event)
    return {
        "event_id_cnty": event["event_id"],
        "event_date": date.isoformat(),
        "year": date.year,
        "time_precision": codes["acled_time_precision"],
        "disorder_type": kind.disorder_type,
        "event_type": kind.event_type,
        "sub_event_type": kind.sub_event_type,
        "actor1": actor1,
        "assoc_actor_1": "; ".join(assoc1) or None,
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": "; ".join(assoc2) or None,
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": "Civilians targeted" if targeted else None,
        "iso": ISO_NUMERIC[country] if country is not None else None,
        "region": None,
        "country": context["countries"].get(country) if country else None,
        "admin1": event["admin1_name"],
        "admin2": None,
        "admin3": None,
        "location": event["place_name"],
        "latitude": round(event["latitude"], 4),
        "longitude": round(event["longitude"], 4),
        "geo_precision": codes["acled_geo_precision"],
        "source": _source(event, context["citations"]),
        "source_scale": ACLED_SOURCE_SCALE,
        "notes": _notes(event),
        "fatalities": None,
        "tags": _tags(event, *flags),
        "timestamp": None,
    }


def _acled_reason(event: Mapping[str, Any], kind: AcledType) -> str | None:
    if (reason := not_happened(event)) is not None:
        return reason
    if kind.event_type is None:
        return f"no ACLED event type: {kind.reason}"
    return when_and_where(event, ACLED_TIME_PRECISION, ACLED_GEO_PRECISION)


def acled(
    events: Iterable[Mapping[str, Any]],
    actors: Iterable[Mapping[str, Any]],
    locations: Iterable[Mapping[str, Any]],
    citations: Iterable[Mapping[str, Any]],
    triggers: Mapping[str, str] | None = None,
) -> Layout:
    """The events (rows of the wide view) as ACLED rows, and the events left out with the reason.

    ``triggers`` holds each event's trigger (its event_type cue), by event id,
    for the events whose type the trigger decides (:data:`ACLED_BY_TRIGGER`).

    An event is written if ACLED has a type for it (:func:`acled_type`), it
    is reported as having happened (not a forecast or a possibility), it is
    dated to a day or a month and is no longer than that, and it is placed
    below the level of a country (at a point of its own). Rumours and other
    reported claims are kept, with their ``confidence`` and ``certainty`` in
    ``tags``.
    """
    by_id = {a["actor_id"]: a for a in actors}
    context = {
        "countries": {p["country"]: p["name"] for p in locations if p["location_type"] == "country"},
        "citations": {c["citation_id"]: c for c in citations},
    }
    rows, left_out = [], []
    for event in events:
        kind = acled_type(event["event_type"], event["plover_mode"], (triggers or {}).get(event["event_id"]))
        reason = _acled_reason(event, kind)
        if reason is None:
            rows.append(_acled_row(event, kind, by_id, context))
        else:
            left_out.append({"event_id": event["event_id"], "reason": reason})
    return Layout(ACLED_COLUMNS, rows, left_out)


def to_acled() -> Layout:
    """The events in ACLED's layout: ``rows`` (dicts with ACLED's 31 columns, in order) and ``left_out`` (with reasons).

    Every mapping is declared in this module, and the
    documentation's page *Interoperability* prints it. ``export("acled", folder)``
    writes the rows as ``acled.csv`` and the events left out as
    ``acled_left_out.csv``.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> layout = sid.to_acled()
    >>> layout.columns[:3], len(layout.rows) + len(layout.left_out) == len(sid.load("events"))
    (('event_id_cnty', 'event_date', 'year'), True)
    """
    return acled(*layout_inputs(), triggers=triggers())


ACLED_TYPES.check_covers(EVENT_TYPE.values)
ACLED_INTER.check_covers(ACTOR_TYPE.values)
if tuple(ACLED_COLUMN_NOTES) != ACLED_COLUMNS:
    raise ImportError("acled.ACLED_COLUMN_NOTES must describe ACLED's columns, in order")

#: Files of the ``acled`` export: the events in the layout, and the events left out with the reason.
ACLED_FILES = ("acled.csv", "acled_left_out.csv")
register(
    Format(
        "acled",
        lambda names: list(ACLED_FILES),
        layout_writer(to_acled, ACLED_FILES),
        ("events",),
        summary=lambda: to_acled().summary("acled"),
    )
)
