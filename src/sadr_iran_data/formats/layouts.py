"""The layouts of ACLED and UCDP GED: every mapping from this dataset's codes to theirs, with its source.

Researchers append events to the data they already have. This module is the
one place that says how an event of this dataset becomes a row of the ACLED
data or of the UCDP Georeferenced Event Dataset (GED), or why it cannot:

- :data:`ACLED_TYPES` (and :data:`ACLED_BY_MODE`): ``event_type`` -> ACLED
  disorder type, event type and sub-event type, or the reason ACLED has none;
- :data:`ACLED_INTER`: ``actor_type`` -> ACLED actor type ("Inter" code);
- :data:`ACLED_TIME_PRECISION`, :data:`ACLED_GEO_PRECISION`: our
  ``date_precision`` and place type -> ACLED's precision codes;
- :data:`UCDP_TYPES`: which events UCDP would code as organised violence;
- :data:`UCDP_DATE_PRECISION`, :data:`UCDP_WHERE_PRECISION`: our dating and
  place type -> ``date_prec`` and ``where_prec``;
- :data:`ISO_NUMERIC`: ISO 3166-1 numeric codes of the dataset's countries.

:func:`acled` and :func:`ucdp_ged` apply them to the rows of the wide view of
events and return the rows written and the events left out, each with its
reason. The documentation's tables (``docs/interoperability.md``) are
generated from these declarations, so the two cannot drift. Only the
standard library is imported.

Examples
--------
>>> from sadr_iran_data.formats.layouts import ACLED_TYPES, UCDP_TYPES
>>> ACLED_TYPES["armed_clash"].event_type, ACLED_TYPES["armed_clash"].sub_event_type
('Battles', 'Armed clash')
>>> ACLED_TYPES["statement"].event_type is None, UCDP_TYPES["armed_clash"].coded
(True, True)
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..declarations import ACTOR_TYPE, DATE_PRECISION, EVENT_TYPE, LOCATION_TYPE
from ..errors import DataIntegrityError

_Row = dict[str, Any]

# --------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------

ACLED_CODEBOOK = (
    "ACLED Codebook, ACLED methodology page (acleddata.com/methodology/acled-codebook, formerly "
    "acleddata.com/knowledge-base/codebook; the web edition of 2024-2025: ACLED no longer releases versions, "
    "the codebook's last section says): Table 1 (data columns), Table 2 (event types), the sections on civilian "
    "targeting, actors, Inter codes (Table 3), event geography and event time"
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
ISO_NUMERIC_SOURCE = (
    "ISO 3166-1 numeric codes, as listed in github.com/lukes/ISO-3166-Countries-with-Regional-Codes "
    "all/all.csv at commit 0ce3e8a5238a8d8f61a44633bd7926a9b9d3d13b (column country-code)"
)

#: ISO 3166-1 numeric code of each country of the dataset (its country places and state actors), by alpha-3 code.
ISO_NUMERIC: dict[str, str] = {
    "AFG": "004",
    "IRN": "364",
    "IRQ": "368",
    "ISR": "376",
    "LBN": "422",
    "PAK": "586",
    "USA": "840",
}

# --------------------------------------------------------------------------
# ACLED
# --------------------------------------------------------------------------

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
ACLED_TYPES: dict[str, AcledType] = {
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
        "Battles), which the event's PLOVER mode must give; see the modes below."
    ),
    "assassination": AcledType(
        _PV,
        "Violence against civilians",
        "Attack",
        "A targeted killing of an unarmed person: 'civilians are targeted with violence by an organized armed actor'.",
        civilian_targeting=True,
    ),
    "war": _none(_NO_AGGREGATES),
    "concession": AcledType(_SD, _SD, "Agreement", "Giving up armed resistance is a surrender, one of ACLED's examples of an Agreement."),
    "infiltration": _none("Covert penetration of a group is no ACLED event type."),
    "election": _none("Elections are no ACLED event type."),
    "political_participation": _none("Entering a political process is no ACLED event type."),
    "withdrawal": AcledType(
        _SD, _SD, "Other", "'any significant development that does not fall into any of the other Strategic developments sub-event types'"
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
}

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
ACLED_INTER: dict[str, AcledInter] = {
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
}

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


@dataclass(frozen=True)
class Code:
    """A code of the target layout for one of our values, or None and why the event is left out."""

    code: int | None
    reason: str


#: date_precision -> ACLED time_precision (codebook, 'Time precision codes'). ACLED records no event dated less precisely.
ACLED_TIME_PRECISION: dict[str, Code] = {
    "day": Code(1, "'If the source material includes an actual date of an event, a Time precision code of 1 is recorded.'"),
    "month": Code(
        3,
        "'If the source material only indicates that an event took place sometime during a month ... the month midpoint "
        "is chosen' (event_date is the 15th) and code 3 is recorded.",
    ),
    "year": Code(None, "dated only to a year: 'ACLED does not include events with less temporal information' than a month"),
    "decade": Code(None, "dated only to a decade: ACLED records no event dated less precisely than a month"),
    "unknown": Code(
        None,
        "dated only by bounds: the article gives no day, month or year, at most a start or an end (such as 2004-04/2007-03-08); "
        "ACLED records no event dated less precisely than a month",
    ),
}

#: location_type -> ACLED geo_precision (codebook, 'Spatial precision codes').
ACLED_GEO_PRECISION: dict[str, Code] = {
    "country": Code(None, "placed only in a country: 'ACLED does not record events that are imprecise to the country level'"),
    "province": Code(3, "'If a larger region is mentioned ... Geo-precision code 3 is recorded.'"),
    "city": Code(1, "'If the source reporting indicates a particular town, and coordinates are available for that town' (1)."),
    "town": Code(1, "'If the source reporting indicates a particular town, and coordinates are available for that town' (1)."),
    "region": Code(3, "'If a larger region is mentioned ... Geo-precision code 3' (only where the region has a point of its own)."),
}

#: Why an event at a region drawn at its country's point is left out of both layouts (it has no code in either).
REGION_AT_COUNTRY_POINT = "placed only in a country: the region has no point of its own (its coordinates are its country's)"

#: What the source_scale column says of the article: an analysis published in Washington about Iraq and Iran.
ACLED_SOURCE_SCALE = "International"
#: What the source column names: the article's journal (and a footnote's outlet or author, where the event cites one).
ACLED_SOURCE = "Terrorism Monitor (The Jamestown Foundation)"

#: Roles whose actors are ACLED's Actor 1 (the first one) and its associated actors, in this order.
ACTOR1_ROLES = ("initiator", "participant", "subject")
#: Roles whose actors are ACLED's Actor 2 (the first one) and its associated actors (the target is Actor 2, codebook).
ACTOR2_ROLES = ("target", "victim")
#: Event types whose participants fight each other: a participant other than actor 1 is on the other side (actor 2, side B).
OPPOSING_PARTICIPANTS = ("armed_clash", "attack")

# --------------------------------------------------------------------------
# UCDP GED
# --------------------------------------------------------------------------

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
UCDP_TYPES: dict[str, UcdpType] = {
    **dict.fromkeys(EVENT_TYPE.values, _NOT_VIOLENCE),
    "armed_clash": UcdpType(True, "Armed force used by organised actors against each other."),
    "attack": UcdpType(True, "Armed force used by an organised actor against another, or against civilians."),
    "assassination": UcdpType(True, "Armed force used by an organised actor against a civilian (one-sided violence)."),
    "war": UcdpType(
        False,
        "a war is a conflict (UCDP's Armed Conflict Dataset), not an event: GED records its single incidents of lethal "
        "violence, each at a place and a date, and the article names none of these wars' incidents",
    ),
}

#: date_precision -> GED date_prec (1 exact day, 4 a month, 5 a year); GED has no coarser code.
UCDP_DATE_PRECISION: dict[str, Code] = {
    "day": Code(1, "'if the exact date of an event is known'"),
    "month": Code(4, "'if start and end dates for events are specified to a certain month'"),
    "year": Code(5, "'if start and enddates for events are specified to a certain year'"),
    "decade": Code(None, "dated only to a decade: GED's coarsest date_prec is a year"),
    "unknown": Code(
        None,
        "dated only by bounds: the article gives no day, month or year, at most a start or an end (such as 2004-04/2007-03-08); "
        "GED's coarsest date_prec is a year",
    ),
}

#: location_type -> GED where_prec (1 the place's own point ... 6 a country).
UCDP_WHERE_PRECISION: dict[str, Code] = {
    "country": Code(6, "'the location mentioned refers to an entire country and its centroid is used'"),
    "province": Code(4, "'a first order administrative division, such as a province (ADM1)'"),
    "city": Code(1, "'the location information corresponds exactly to the geographical coordinates available' (a town's point)"),
    "town": Code(1, "'the location information corresponds exactly to the geographical coordinates available' (a town's point)"),
    "region": Code(5, "'parts of a country which are larger than ADM1, but smaller than the entire country'"),
}

#: Actor types of a state (a government side of state-based violence, with a Gleditsch-Ward number).
STATE_TYPES = ("state", "state_body", "state_armed_force")
#: Actor types of organised, armed, non-state actors.
ARMED_NON_STATE_TYPES = ("armed_group",)
#: Actor types of unarmed people, the victims of one-sided violence ("against civilians", UCDP_EVENT).
CIVILIAN_TYPES = ("population_group", "person")

# --------------------------------------------------------------------------
# Completeness: every value of our vocabularies is mapped
# --------------------------------------------------------------------------

for _name, _mapping, _vocabulary in (
    ("ACLED_TYPES", ACLED_TYPES, EVENT_TYPE),
    ("UCDP_TYPES", UCDP_TYPES, EVENT_TYPE),
    ("ACLED_INTER", ACLED_INTER, ACTOR_TYPE),
    ("ACLED_TIME_PRECISION", ACLED_TIME_PRECISION, DATE_PRECISION),
    ("UCDP_DATE_PRECISION", UCDP_DATE_PRECISION, DATE_PRECISION),
    ("ACLED_GEO_PRECISION", ACLED_GEO_PRECISION, LOCATION_TYPE),
    ("UCDP_WHERE_PRECISION", UCDP_WHERE_PRECISION, LOCATION_TYPE),
):
    if list(_mapping) != list(_vocabulary.values):
        raise ImportError(f"layouts.{_name} must map the {_vocabulary.name} values, in order")
if tuple(ACLED_COLUMN_NOTES) != ACLED_COLUMNS or tuple(UCDP_GED_COLUMN_NOTES) != UCDP_GED_COLUMNS:
    raise ImportError("layouts.ACLED_COLUMN_NOTES and UCDP_GED_COLUMN_NOTES must describe their layout's columns, in order")

# --------------------------------------------------------------------------
# Applying the layouts
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Layout:
    """Events in a target layout: the rows written (dicts in the layout's column order) and the events left out."""

    columns: tuple[str, ...]
    rows: list[_Row]
    left_out: list[_Row]
    """One ``{"event_id", "reason"}`` per event not written, in event order."""

    def counts(self) -> dict[str, int]:
        """How many events were left out for each reason (its text up to the first colon), most frequent first."""
        counts: dict[str, int] = {}
        for row in self.left_out:
            key = row["reason"].split(":")[0]
            counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: -item[1]))

    def summary(self, name: str) -> str:
        """One line: how many events were written and left out, and why."""
        reasons = "; ".join(f"{reason} {count}" for reason, count in self.counts().items())
        written = f"{len(self.rows)} event{'' if len(self.rows) == 1 else 's'} written"
        return f"{name}: {written}, {len(self.left_out)} left out" + (f" ({reasons})" if reasons else "")


LEFT_OUT_COLUMNS = ("event_id", "reason")


def acled_type(event_type: str, plover_mode: str | None) -> AcledType:
    """The ACLED type of an event: by its PLOVER mode where :data:`ACLED_BY_MODE` has one, else by its event_type.

    Examples
    --------
    >>> acled_type("attack", "explosives").event_type, acled_type("attack", None).event_type
    ('Explosions/Remote violence', None)
    """
    if plover_mode is not None and (event_type, plover_mode) in ACLED_BY_MODE:
        return ACLED_BY_MODE[(event_type, plover_mode)]
    return ACLED_TYPES[event_type]


def _not_happened(event: Mapping[str, Any]) -> str | None:
    if event["confidence"] == "forecast":
        return "a forecast, not a reported event: the article expects it"
    if event["confidence"] == "possible":
        return "a possibility, not a reported event: the article says it may be"
    return None


def _unit_end(start: datetime.date, precision: str) -> datetime.date | None:
    """The last day of the day, month or year that starts at ``start``."""
    if precision == "day":
        return start
    if precision == "month":
        return start.replace(day=calendar.monthrange(start.year, start.month)[1])
    if precision == "year":
        return start.replace(month=12, day=31)
    return None


def _dating(event: Mapping[str, Any], codes: Mapping[str, Code]) -> tuple[int | None, str | None]:
    """The layout's date code of the event, or None and why: too imprecise, or a period rather than a point."""
    code = codes[event["date_precision"]]
    if code.code is None:
        return None, code.reason
    start, end = event["date_start"], event["date_end"]
    if start is None or end is None or end != _unit_end(start, event["date_precision"]):
        return None, (
            f"a period, not one happening: {event['date_edtf']} runs beyond the {event['date_precision']} it is dated to, "
            "and ACLED and GED code single happenings, each within one day, week or month (GED also a year)"
        )
    return code.code, None


def precision_codes(event: Mapping[str, Any]) -> dict[str, int | None]:
    """ACLED's ``time_precision`` and ``geo_precision`` and GED's ``date_prec`` and ``where_prec`` of one event.

    ``event`` is a row of the wide view of events. Each code is what the
    layout records for the event's dating and place, whether or not the
    layout would take the event; None where it has no code: a date coarser
    than the layout's coarsest, a period rather than one happening on a day,
    in a month or (GED) in a year, no place or no sourced point, a region
    drawn at its country's point, or (ACLED) a country.

    >>> precision_codes({"date_precision": "day", "date_start": datetime.date(2004, 8, 5),
    ...     "date_end": datetime.date(2004, 8, 5), "date_edtf": "2004-08-05", "location_id": "loc-najaf",
    ...     "latitude": 32.0, "place_type": "city", "geo_precision": "town"})
    {'acled_time_precision': 1, 'acled_geo_precision': 1, 'ucdp_date_prec': 1, 'ucdp_where_prec': 1}
    """
    placed = _place_reason(event) is None
    return {
        "acled_time_precision": _dating(event, ACLED_TIME_PRECISION)[0],
        "acled_geo_precision": ACLED_GEO_PRECISION[event["place_type"]].code if placed else None,
        "ucdp_date_prec": _dating(event, UCDP_DATE_PRECISION)[0],
        "ucdp_where_prec": UCDP_WHERE_PRECISION[event["place_type"]].code if placed else None,
    }


def _place_reason(event: Mapping[str, Any]) -> str | None:
    if event["location_id"] is None:
        return "no place: the article does not say where"
    if event["latitude"] is None:
        return "no place: the place has no sourced point"
    if event["place_type"] != "country" and event["geo_precision"] == "country_centroid":
        return REGION_AT_COUNTRY_POINT
    return None


def _when_and_where(event: Mapping[str, Any], dating: Mapping[str, Code], placing: Mapping[str, Code]) -> str | None:
    """Why a layout with these date and place codes cannot take the event's dating or place, or None if it can."""
    code, reason = _dating(event, dating)
    if code is None:
        return reason
    if (reason := _place_reason(event)) is not None:
        return reason
    return placing[event["place_type"]].reason if placing[event["place_type"]].code is None else None


def _actors(event: Mapping[str, Any], roles: Iterable[str]) -> list[str]:
    ids: list[str] = []
    for role in roles:
        ids += [actor for actor in event[f"{role}_ids"] if actor not in ids]
    return ids


def _lead(ids: list[str], rank: Callable[[str], int]) -> list[str]:
    """``ids`` with the first of the best-ranked (lowest) actors moved to the front, the others in their order."""
    if not ids:
        return ids
    best = min(ids, key=rank)
    return [best, *(a for a in ids if a != best)]


def _sides(event: Mapping[str, Any], rank: Callable[[str], int]) -> tuple[list[str], list[str]]:
    """Actor ids of the event's two sides, each led by its best-ranked actor (the layout's actor 1 and 2, side A and B).

    Side 1 holds the initiators, participants and subjects; side 2 the
    targets and victims. In a clash or an attack the participants other than
    actor 1 fought it, so they are on side 2; in another event with neither
    initiator nor target, a second participant is actor 2 (the other side of a
    meeting).
    """
    first = _lead(_actors(event, ACTOR1_ROLES), rank)
    second = [actor for actor in _actors(event, ACTOR2_ROLES) if actor not in first]
    others = [actor for actor in event["participant_ids"] if first and actor != first[0]]
    if event["event_type"] in OPPOSING_PARTICIPANTS:
        moved = others
    elif not second and not event["initiator_ids"]:
        moved = others[:1]
    else:
        moved = []
    first = [actor for actor in first if actor not in moved]
    return first, _lead([*second, *moved], rank)


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
    start: datetime.date = event["date_start"]
    return start if event["date_precision"] == "day" else start.replace(day=15)


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


def _acled_row(event: Mapping[str, Any], kind: AcledType, actors: Mapping[str, Mapping[str, Any]], context: Mapping[str, Any]) -> _Row:
    country = event["country_iso3"]
    place = context["countries"].get(country, country)
    first, second = _sides(event, lambda a: 0 if acled_inter(actors[a], country) is not None else 1)
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
        "iso": ISO_NUMERIC.get(country) if country else None,
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
    if (reason := _not_happened(event)) is not None:
        return reason
    if kind.event_type is None:
        return f"no ACLED event type: {kind.reason}"
    return _when_and_where(event, ACLED_TIME_PRECISION, ACLED_GEO_PRECISION)


def acled(
    events: Iterable[Mapping[str, Any]],
    actors: Iterable[Mapping[str, Any]],
    locations: Iterable[Mapping[str, Any]],
    citations: Iterable[Mapping[str, Any]],
) -> Layout:
    """The events (rows of the wide view) as ACLED rows, and the events left out with the reason.

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
        kind = acled_type(event["event_type"], event["plover_mode"])
        reason = _acled_reason(event, kind)
        if reason is None:
            rows.append(_acled_row(event, kind, by_id, context))
        else:
            left_out.append({"event_id": event["event_id"], "reason": reason})
    return Layout(ACLED_COLUMNS, rows, left_out)


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
    first, second = _sides(event, lambda x: _ucdp_rank(actors[x]))
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


def _ucdp_reason(event: Mapping[str, Any], violence: int | str) -> str | None:
    if (reason := _not_happened(event)) is not None:
        return reason
    kind = UCDP_TYPES[event["event_type"]]
    if not kind.coded:
        return kind.reason
    if isinstance(violence, str):
        return violence
    return _when_and_where(event, UCDP_DATE_PRECISION, UCDP_WHERE_PRECISION)


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
                "source_article": "; ".join(_citation_text(c) for c in cited),
                "source_office": article["publisher"],
                "source_date": "; ".join(_citation_date(c) or "undated" for c in cited),
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
                "event_clarity": 1 if event["date_precision"] == "day" else 2,
                "date_prec": precision["ucdp_date_prec"],
                "date_start": event["date_start"].isoformat(),
                "date_end": event["date_end"].isoformat(),
                "gwnoa": codes.get(side_a["country"]) if side_a and side_a["actor_type"] in STATE_TYPES else None,
                "gwnob": codes.get(side_b["country"]) if side_b and side_b["actor_type"] in STATE_TYPES else None,
            }
        )
    return Layout(UCDP_GED_COLUMNS, rows, left_out)


_DATE_TEXT = {"day": 10, "month": 7, "year": 4}


def _citation_date(citation: Mapping[str, Any]) -> str | None:
    """A citation's date, ISO 8601 to its own precision (a year for anything coarser)."""
    return citation["date"].isoformat()[: _DATE_TEXT.get(citation["date_precision"], 4)] if citation["date"] else None


def _citation_text(citation: Mapping[str, Any]) -> str:
    """A citation in one line: author, title, outlet and its date at its own precision (footnotes numbered)."""
    parts = [citation["author"], citation["title"] and f"“{citation['title']}”", citation["outlet"], _citation_date(citation)]
    text = ", ".join(p for p in parts if p)
    return text if citation["note_number"] is None else f"footnote {citation['note_number']}: {text}"
