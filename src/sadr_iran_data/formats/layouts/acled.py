"""ACLED's layout: every mapping from this dataset's codes to ACLED's, with its source, and the ``acled`` export.

:data:`ACLED_TYPES` (and :data:`ACLED_BY_MODE`) map ``event_type`` to ACLED's
disorder type, event type and sub-event type, or the reason ACLED has none;
:data:`ACLED_INTER` maps ``actor_type`` to ACLED's actor type;
:data:`ACLED_ACTOR_NAMES`, :data:`ACLED_ADMIN1` and :data:`ACLED_COUNTRIES`
hold the names, provinces and regions as ACLED writes them, each with its
source; :data:`ACLED_RULES` are the codebook's rules the rows keep; the
precision codes are in :mod:`sadr_iran_data.codes.precision`. :func:`acled`
applies them to the rows of the wide view of events;
``docs/interoperability.md`` is generated from these declarations. ACLED
covers Iraq and Iran only from 2016: every row is coded by analogy.

Examples
--------
>>> ACLED_TYPES["armed_clash"].event_type, ACLED_TYPES["armed_clash"].sub_event_type
('Battles', 'Armed clash')
>>> ACLED_TYPES["statement"].event_type is None
True
>>> ACLED_COUNTRIES["IRQ"].region, ACLED_ADMIN1["loc-najaf-governorate"]
('Middle East', 'Al Najaf')
"""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..._version import __released__, __version__
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
from ._common import Layout, LayoutRule, Row, check_rules, layout_inputs, layout_writer, not_happened, sides, triggers, when_and_where

ACLED_CODEBOOK = (
    "ACLED Codebook, ACLED methodology page (acleddata.com/methodology/acled-codebook, formerly "
    "acleddata.com/knowledge-base/codebook; the web edition of 2024-2025: ACLED no longer releases versions, "
    "the codebook's last section says): Table 1 (data columns), Table 2 (event types), the sections on civilian "
    "targeting, actors, Inter codes (Table 3), event geography and event time"
)

#: ACLED's own data, where the codebook gives a pattern and not the names: the countries' regions and first years, and
#: the names of actors and provinces in 9,000 ACLED events of 2022.
ACLED_DATA = (
    "ACLED's R package acledR (github.com/dtacled/acledR, commit 1e05ba93adf316299ff1c88c2910293023bf0d62), "
    "its data files data/acled_countries.rda (each country's region and first year) and "
    "data/acled_old_deletion_dummy.rda (9,000 ACLED events of 2022)"
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
    "sub_event_type": "From `event_type` (and the PLOVER mode): see *Event types*. Every row has one.",
    "actor1": "The first actor with an ACLED actor type among the initiators, participants and subjects (else the first of "
    "them), under its ACLED name where *Actor names* has one for the event's year, else under ours, flagged in `tags`; "
    "`Unidentified Armed Group (Country)` for violence whose perpetrator the article does not name (codebook, footnote 9); "
    "`Civilians (Country)` for civilians.",
    "assoc_actor_1": "The other actors on actor 1's side (and the civilians' own name), named as in `actor1`, joined with '; '.",
    "inter1": "From actor 1's `actor_type` (and country): see *Actor types*; empty where ACLED has no type for the actor.",
    "actor2": "The first actor with an ACLED actor type among the targets and victims (and, in a clash or attack, the participants "
    "other than actor 1; in another event without target, the second participant), named as in `actor1`; "
    "`Civilians (Country)` for civilians and for every victim of Violence against civilians.",
    "assoc_actor_2": "The other actors on actor 2's side (and the civilians' own names), named as in `actor1`, joined with '; '.",
    "inter2": "From actor 2's `actor_type` (and country).",
    "interaction": "The two actor types joined with '-' as Table 3 writes them (lower Inter code first, except "
    "'External/Other forces-Civilians'); 'X only' where there is no actor 2; empty where actor 1 or actor 2 has no ACLED type.",
    "civilian_targeting": "'Civilians targeted' for Violence against civilians, and for Explosions/Remote violence, Riots and "
    "Excessive force against protesters whose actor 2 is Civilians; else empty (never for Battles).",
    "iso": "ISO 3166-1 numeric code of the event's country (`country_iso3`): see *Country codes*.",
    "region": "The region ACLED files the event's country under: see *Countries*.",
    "country": "Name of the event's country place.",
    "admin1": "The province the place lies in (`admin1_id` of the wide view), as ACLED spells it: see *Provinces*; empty, "
    "flagged in `tags`, where no ACLED spelling is confirmed.",
    "admin2": "Empty: the places carry no second-level unit.",
    "admin3": "Empty: the places carry no third-level unit.",
    "location": "`place_name`.",
    "latitude": "The place's latitude, to four decimals (ACLED's precision).",
    "longitude": "The place's longitude, to four decimals.",
    "geo_precision": "From the place's `location_type`: see *Precision codes*.",
    "source": "'Terrorism Monitor (The Jamestown Foundation)' and, where the event cites a footnote, its outlet or author; '; '-joined.",
    "source_scale": "'International': one analysis published abroad.",
    "notes": "The event's `summary`, its evidence quote(s) and its `event_id`.",
    "fatalities": "0, ACLED's code for 'no information': the article reports no number of deaths; `tags` says so.",
    "tags": "Our `confidence`, `certainty` and EDTF date, any `known_date`, that the fatalities are not reported, what the "
    "timestamp is, that the row is coded by analogy where ACLED does not cover the country in its year, and a flag for "
    "each value the layout could not fill or name it could not confirm; '; '-joined, as ACLED separates its tags.",
    "timestamp": "The Unix time of the day this release of the data was published (midnight UTC), a whole number as ACLED's: "
    "the row was never uploaded to ACLED's API, and `tags` says so.",
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
    tag: str | None = None
    """What ``tags`` says of a row of this type, where the type rests on more than the article's words."""


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
        "Remote explosive/landmine/IED",
        "A bombing: 'weapon types that, by their nature, are at range and widely destructive'. PLOVER's mode explosives is "
        "'Any explosive not incorporated in a heavy weapon: mines, IEDS, car bombs' (suicide attacks, aircraft, drones and "
        "heavy weapons have modes of their own), the examples of ACLED's Remote explosive/landmine/IED: 'landmines, IEDs — "
        "whether alone or attached to a vehicle, or any other sort of remotely detonated or triggered explosive'. A "
        "hand-thrown bomb would be a Grenade, which the article would have to say.",
        tag="sub-event type from the PLOVER mode: the article does not name the device",
    ),
}

#: (event_type, trigger) -> ACLED type, for an event that has no PLOVER mode because PLOVER does not code it (the text
#: names no actor): the article's own word for the event, its event_type cue (compared case-folded), says how instead.
ACLED_BY_TRIGGER: dict[tuple[str, str], AcledType] = {
    ("attack", "bombing"): dataclasses.replace(
        ACLED_BY_MODE[("attack", "explosives")],
        reason="A bombing, by the article's word for it, where PLOVER gives no mode (an event with no named actor is not "
        "coded): as the PLOVER mode explosives above, 'mines, IEDS, car bombs'; ACLED's Remote explosive/landmine/IED.",
        tag="sub-event type from the article's word 'bombing': the article does not name the device",
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


@dataclass(frozen=True)
class AcledCountry:
    """Where ACLED files a country: its region, and the first year ACLED records events there."""

    region: str
    first_year: int


#: country (ISO 3166-1 alpha-3) -> ACLED's region and first year for it (ACLED_DATA, acled_countries).
ACLED_COUNTRIES: Keyed[AcledCountry] = Keyed(
    "acled.ACLED_COUNTRIES",
    "country (ISO 3166-1 alpha-3)",
    {
        "AFG": AcledCountry("Caucasus and Central Asia", 2017),
        "IRN": AcledCountry("Middle East", 2016),
        "IRQ": AcledCountry("Middle East", 2016),
        "ISR": AcledCountry("Middle East", 2016),
        "LBN": AcledCountry("Middle East", 2016),
        "PAK": AcledCountry("South Asia", 2010),
        "USA": AcledCountry("North America", 2020),
    },
)

#: Our province places (location_id) -> admin1 as ACLED spells it, bare and transliterated its own way ("Al Najaf",
#: "Salah Al Din"), as ACLED's 2022 events write them (ACLED_DATA, acled_old_deletion_dummy). A province not listed
#: has no confirmed spelling: its events' admin1 stays empty and `tags` says so.
ACLED_ADMIN1: dict[str, str] = {
    "loc-baghdad-governorate": "Baghdad",
    "loc-najaf-governorate": "Al Najaf",
    "loc-salah-ad-din-governorate": "Salah Al Din",
    "loc-ilam-province": "Ilam",
    "loc-khuzistan-province": "Khuzestan",
    "loc-qom-province": "Qom",
    "loc-tehran-province": "Tehran",
}

#: A third-party R script that filters ACLED's curated Africa file of 1997-2021 (Africa_1997-2021_Apr16.csv) by the
#: ACLED names in its actor1 column: the one stored source found for a name of the United States' forces before 2021.
ACLED_AFRICA_FILE_QUOTED = (
    "ACLED's curated file Africa_1997-2021_Apr16.csv, as its actor1 names are quoted by a third-party R script that "
    "filters it (a stored copy of a public repository's file; not checked against ACLED's own file)"
)


@dataclass(frozen=True)
class AcledName:
    """An ACLED actor name, and the years of the regime it names, as the name writes them ("(2001-2009)", "(1989-)")."""

    name: str
    source: str
    first_year: int | None = None
    last_year: int | None = None
    """None: the regime has not ended (a name such as "(1989-)"), or the name names no regime (a group)."""

    def names_year(self, year: int) -> bool:
        """Whether the name is the actor's in ``year``: strictly inside the regime's years, which do not say its first or last day.

        >>> AcledName("Military Forces of the United States (2001-2009)", "", 2001, 2009).names_year(2009)
        False
        """
        return (self.first_year is None or self.first_year < year) and (self.last_year is None or year < self.last_year)


#: actor_id -> the ACLED names confirmed for it, each with the years of its regime: "As militaries and police forces are
#: a direct arm of the government, these actors are noted as Military Forces of State (Year-Year)", a unit after it
#: ("Police Forces of India (2014-) Assam Rifles"); "Rebel groups are named according to the title they publicly use"
#: (codebook, Actors). Every other actor, and an actor in a year none of its names covers, keeps our name, flagged in
#: `tags`: no stored source confirms ACLED's name for the Mahdi Army, or for Iraq's forces before 2020.
ACLED_ACTOR_NAMES: dict[str, tuple[AcledName, ...]] = {
    "act-us-troops": (
        AcledName("Military Forces of the United States (2001-2009)", ACLED_AFRICA_FILE_QUOTED, 2001, 2009),
        AcledName("Military Forces of the United States (2021-)", ACLED_DATA, 2021),
    ),
    "act-irgc": (AcledName("Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps", ACLED_DATA, 1989),),
    "act-hezbollah": (AcledName("Hezbollah", ACLED_DATA),),
}

#: What `tags` says of every row's fatalities: the article reports none, and ACLED's 0 means "no information".
FATALITIES_TAG = "fatalities: none reported in the article (0 is ACLED's code for no information)"

#: What `tags` says of every row's timestamp: the day this release was published, not an upload to ACLED.
TIMESTAMP_TAG = f"timestamp: the release of sadr-iran-data {__version__} ({__released__}), not an upload to ACLED"

#: The Unix time of the release (midnight UTC): ACLED's timestamp is a whole number of seconds.
RELEASE_TIMESTAMP = int(datetime.datetime.fromisoformat(__released__).replace(tzinfo=datetime.UTC).timestamp())

_CODEBOOK = (ACLED_CODEBOOK,)

#: The codebook's rules (and ACLED's data, where the codebook gives only a pattern) that every row of ``acled.csv`` keeps.
ACLED_RULES: tuple[LayoutRule, ...] = (
    LayoutRule(
        "A1",
        "Every row has an event type and one of its sub-event types, under its disorder type; the event and sub-event "
        "types are hierarchical, and a row takes the highest that fits.",
        "Table 2 and the paragraph after it",
        _CODEBOOK,
        ("disorder_type", "event_type", "sub_event_type"),
    ),
    LayoutRule(
        "A2",
        "'No information on fatalities is recorded as 0 reported fatalities': fatalities is a whole number, never empty "
        "(0 here, with a tag saying that the article reports none).",
        "Table 1 (fatalities); Reported fatalities",
        _CODEBOOK,
        ("fatalities", "tags"),
    ),
    LayoutRule(
        "A3",
        "region is the region ACLED files the event's country under (Iraq, Iran, Israel, Lebanon: 'Middle East').",
        "Table 1 (region); acledR's acled_countries",
        (ACLED_CODEBOOK, ACLED_DATA),
        ("region",),
    ),
    LayoutRule(
        "A4",
        "admin1 is 'The largest sub-national administrative region in which the event took place', spelled as ACLED "
        "spells it (bare: 'Baghdad', 'Al Najaf'), or empty and flagged where no spelling is confirmed.",
        "Table 1 (admin1); acledR's acled_old_deletion_dummy",
        (ACLED_CODEBOOK, ACLED_DATA),
        ("admin1", "tags"),
    ),
    LayoutRule(
        "A5",
        "State forces are 'Military Forces of State (Year-Year)', one name per regime, and groups go by their own name: an "
        "actor is written under its ACLED name for the event's year, and an actor with none confirmed is flagged in tags.",
        "Actors: 1: State Forces; ACLED's actor names in its data",
        (ACLED_CODEBOOK, ACLED_DATA, ACLED_AFRICA_FILE_QUOTED),
        ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2", "tags"),
    ),
    LayoutRule(
        "A6",
        "Civilians are 'Civilians (Country)', their group or person among the associated actors; in Violence against "
        "civilians 'the target is always recorded as Actor 2'.",
        "Actors (Inter code 7); Event aggregation (the order of actors)",
        _CODEBOOK,
        ("actor2", "assoc_actor_2", "inter2"),
    ),
    LayoutRule(
        "A7",
        "Political violence by a perpetrator the source does not name is by 'Unidentified Armed Group (Country)', "
        "recorded with Inter code 3 (Political militia).",
        "Actors, the footnote on Unidentified Armed Group",
        _CODEBOOK,
        ("actor1", "inter1"),
    ),
    LayoutRule(
        "A8",
        "interaction is the two actor types as Table 3 writes them ('X only' without actor 2); the actor types are the "
        "eight of the Inter codes.",
        "Actor names, types, and Inter codes; Table 3",
        _CODEBOOK,
        ("inter1", "inter2", "interaction"),
    ),
    LayoutRule(
        "A9",
        "civilian_targeting is 'Civilians targeted' for Violence against civilians, and for Explosions/Remote violence, "
        "Riots and Excessive force against protesters whose main target is civilians; never for Battles.",
        "Civilian targeting; Battles",
        _CODEBOOK,
        ("civilian_targeting",),
    ),
    LayoutRule(
        "A10",
        "event_date is year-month-day, year its year; time_precision is 1 for a day and 3 for a month, whose midpoint is the event_date.",
        "Table 1 (event_date, year, time_precision); Time precision codes",
        _CODEBOOK,
        ("event_date", "year", "time_precision"),
    ),
    LayoutRule(
        "A11",
        "geo_precision is 1, 2 or 3, and ACLED records no event imprecise to the country level; latitude and longitude "
        "are in four decimal degrees.",
        "Table 1 (latitude, longitude, geo_precision); Spatial precision codes",
        _CODEBOOK,
        ("latitude", "longitude", "geo_precision"),
    ),
    LayoutRule(
        "A12",
        "iso is the country's three-digit ISO 3166 numeric code; country is its name.",
        "Table 1 (iso, country)",
        _CODEBOOK,
        ("iso", "country"),
    ),
    LayoutRule(
        "A13",
        "timestamp is a Unix timestamp, a whole number of seconds.",
        "Table 1 (timestamp)",
        _CODEBOOK,
        ("timestamp",),
    ),
)


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


def acled_name(actor: Mapping[str, Any], year: int) -> str | None:
    """The actor's ACLED name in ``year`` (:data:`ACLED_ACTOR_NAMES`), or None where none is confirmed.

    Examples
    --------
    >>> acled_name({"actor_id": "act-us-troops"}, 2004)
    'Military Forces of the United States (2001-2009)'
    >>> acled_name({"actor_id": "act-us-troops"}, 2015) is None, acled_name({"actor_id": "act-mahdi-army"}, 2004) is None
    (True, True)
    """
    return next((n.name for n in ACLED_ACTOR_NAMES.get(actor["actor_id"], ()) if n.names_year(year)), None)


def _tags(event: Mapping[str, Any], *more: str) -> str:
    tags = [f"confidence: {event['confidence']}", f"certainty: {event['certainty']}", f"date: {event['date_edtf']}"]
    if event["known_date"] is not None:
        tags.append(f"known date (outside source): {event['known_date'].isoformat()}")
    return "; ".join([*tags, FATALITIES_TAG, TIMESTAMP_TAG, *more])


def _acled_side(
    ids: list[str], actors: Mapping[str, Mapping[str, Any]], context: Mapping[str, Any], civilians: bool = False
) -> tuple[str | None, str | None, list[str], list[str]]:
    """Actor, actor type, associated actors and the names not confirmed as ACLED's, of one side.

    Civilians (all of them, where ``civilians``) are `Civilians (Country)`,
    their own names among the associated actors.
    """
    country, place, year = context["country"], context["place"], context["year"]
    if not ids:
        return (ACLED_CIVILIANS.format(country=place), _CIVILIANS, [], []) if civilians else (None, None, [], [])
    named = [(acled_name(actors[a], year), actors[a]["name"]) for a in ids]
    names = [ours if theirs is None else theirs for theirs, ours in named]
    unconfirmed = [ours for theirs, ours in named if theirs is None]
    inter = _CIVILIANS if civilians else acled_inter(actors[ids[0]], country)
    if inter == _CIVILIANS:
        return ACLED_CIVILIANS.format(country=place), inter, names, unconfirmed
    return names[0], inter, names[1:], unconfirmed


def _acled_row(event: Mapping[str, Any], kind: AcledType, actors: Mapping[str, Mapping[str, Any]], context: Mapping[str, Any]) -> Row:
    country = event["country_iso3"]
    place = context["countries"].get(country, country)
    date = _acled_date(event)
    side = {"country": country, "place": place, "year": date.year}
    first, second = sides(event, lambda a: 0 if acled_inter(actors[a], country) is not None else 1)
    leads = first[:1] + ([] if kind.civilian_targeting else second[:1])
    untyped = [actors[a] for a in leads if acled_inter(actors[a], country) is None]
    flags = [f"no ACLED actor type: {actor['name']} ({actor['actor_type']})" for actor in untyped]
    actor1, inter1, assoc1, unconfirmed1 = _acled_side(first, actors, side)
    if actor1 is None and kind.disorder_type == _PV:
        actor1, inter1 = UNIDENTIFIED_ARMED_GROUP.format(country=place), "Political militia"
        flags.append("actor 1 not named in the article")
    actor2, inter2, assoc2, unconfirmed2 = _acled_side(second, actors, side, civilians=kind.civilian_targeting)
    flags += [f"no ACLED name confirmed: {name}" for name in [*unconfirmed1, *unconfirmed2]]
    interaction = acled_interaction(inter1, inter2) if actor2 is None or inter2 is not None else None
    if actor1 is not None and interaction is None:
        flags.append("interaction not given: an actor has no ACLED actor type")
    if kind.tag is not None:
        flags.append(kind.tag)
    admin1 = ACLED_ADMIN1.get(event["admin1_id"]) if event["admin1_id"] is not None else None
    if admin1 is None:
        flags.append(f"admin1 not given: no ACLED spelling confirmed for {event['admin1_name'] or event['place_name']}")
    covered = ACLED_COUNTRIES[country]
    if date.year < covered.first_year:
        flags.append(f"coded by analogy: ACLED records {place} from {covered.first_year}")
    targeted = kind.civilian_targeting or (
        inter2 == _CIVILIANS and (kind.event_type in ACLED_CIVILIAN_TARGETING or kind.sub_event_type in ACLED_CIVILIAN_TARGETING)
    )
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
        "iso": ISO_NUMERIC[country],
        "region": covered.region,
        "country": place,
        "admin1": admin1,
        "admin2": None,
        "admin3": None,
        "location": event["place_name"],
        "latitude": round(event["latitude"], 4),
        "longitude": round(event["longitude"], 4),
        "geo_precision": codes["acled_geo_precision"],
        "source": _source(event, context["citations"]),
        "source_scale": ACLED_SOURCE_SCALE,
        "notes": _notes(event),
        "fatalities": 0,
        "tags": _tags(event, *flags),
        "timestamp": RELEASE_TIMESTAMP,
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
    ``tags``. Every row keeps :data:`ACLED_RULES`.
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
ACLED_COUNTRIES.check_covers(ISO_NUMERIC)
check_rules("acled.ACLED_RULES", ACLED_RULES, ACLED_COLUMNS)
if tuple(ACLED_COLUMN_NOTES) != ACLED_COLUMNS:
    raise ImportError("acled.ACLED_COLUMN_NOTES must describe ACLED's columns, in order")
if any(t.event_type is not None and t.sub_event_type is None for t in [*ACLED_TYPES.values(), *ACLED_BY_MODE.values()]):
    raise ImportError("acled: every ACLED type with an event type needs its sub-event type (codebook, Table 2)")

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
