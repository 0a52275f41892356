"""The field's codes in the shipped data: PLOVER and CAMEO on every event, state codes, support types.

Each test checks the data against the decision tables the codebook publishes
(``sadr_iran_data.codes.plover``, ``sadr_iran_data.codes.support``) and against facts
stated here independently of the code that derives the columns.
"""

from __future__ import annotations

import datetime

import pandas as pd
import pytest

import sadr_iran_data as sid
from sadr_iran_data.codes import plover, support

#: CAMEO root codes of each PLOVER type, from the crosswalk's section headings (CAMEO2PLOVER-2021.txt).
CAMEO_ROOTS_OF_TYPE = {
    "AGREE": {"03"},
    "CONSULT": {"04"},
    "SUPPORT": {"05"},
    "COOPERATE": {"06"},
    "AID": {"07"},
    "CONCEDE": {"08"},
    "RETREAT": {"08"},
    "ACCUSE": {"09", "11"},
    "DEMAND": {"10"},
    "REJECT": {"12"},
    "THREATEN": {"13"},
    "PROTEST": {"14"},
    "MOBILIZE": {"15"},
    "SANCTION": {"16"},
    "COERCE": {"16", "17", "19"},
    "ASSAULT": {"17", "18", "19", "20"},
}


@pytest.fixture(scope="module")
def events():
    return sid.load_events().to_dict("records")


def _general(contexts):
    return [c for c in contexts if c not in plover.TEMPORAL_CONTEXTS]


def _none(value):
    return None if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)) else value


def test_every_event_has_a_plover_type_never_a_blank(events):
    types = [e["plover_type"] for e in events]
    assert all(isinstance(t, str) and t for t in types)
    assert set(types) <= {t for t, _ in plover.TYPES}
    coded = [t for t in types if t != plover.NOT_CODED]
    assert len(coded) > len(events) / 3  # the article's interactions, not only its states of affairs


def test_each_event_follows_the_decision_table_or_says_why_not(events):
    for event in events:
        decision = plover.DECISIONS[event["event_type"]]
        dated_history = not pd.isna(event["date_end"]) and event["date_end"].date() < datetime.date(2003, 1, 1)
        as_default = (
            event["plover_type"] == decision.plover_type
            and _none(event["plover_mode"]) == decision.mode
            and _general(event["plover_context"]) == list(decision.contexts)
            and ("historical" in event["plover_context"]) <= dated_history  # 'historical' beyond the dates is a departure
        )
        noted = _none(event["plover_note"]) is not None
        assert as_default != noted, (event["event_id"], "a departure from the table needs a plover_note, and only a departure")
        assert event["plover_type"] in (decision.plover_type, *decision.exceptions), event["event_id"]


def test_every_decision_and_exception_is_used_or_the_table_names_no_data(events):
    """The table is about this data: each exception it allows is taken by some event."""
    taken = {(e["event_type"], e["plover_type"]) for e in events}
    for name, decision in plover.DECISIONS.items():
        for other in decision.exceptions:
            assert (name, other) in taken, (name, other)


def test_not_coded_events_have_no_mode_context_or_cameo(events):
    for event in events:
        if event["plover_type"] == plover.NOT_CODED:
            assert _none(event["plover_mode"]) is None and list(event["plover_context"]) == [], event["event_id"]
            assert _none(event["cameo_root"]) is None, event["event_id"]


def test_forecasts_and_possibilities_are_future_and_hypothetical_as_plover_codes_them(events):
    for event in events:
        if event["plover_type"] == plover.NOT_CODED:
            continue
        contexts = list(event["plover_context"])
        forecast = pd.isna(event["date_end"])
        assert ("future" in contexts) == forecast, event["event_id"]
        assert ("hypothetical" in contexts) == (event["certainty"] == "expected"), event["event_id"]
        over_before_2003 = not forecast and event["date_end"].date() < datetime.date(2003, 1, 1)
        if over_before_2003:
            assert "historical" in contexts, event["event_id"]
        elif "historical" in contexts:
            assert "historical" in str(event["plover_note"]), event["event_id"]


def test_the_iran_iraq_war_is_historical_and_the_2006_war_is_not(events):
    by_id = {e["event_id"]: e for e in events}
    assert "historical" in by_id["evt-0077"]["plover_context"]  # the Iran-Iraq war, undated in the text
    assert "historical" not in by_id["evt-0059"]["plover_context"]  # the 2006 Israel-Lebanon conflict


def test_cameo_roots_come_from_the_crosswalk_section_of_their_type(events):
    with_root = [e for e in events if _none(e["cameo_root"]) is not None]
    assert with_root
    for event in with_root:
        assert event["cameo_root"] in CAMEO_ROOTS_OF_TYPE[event["plover_type"]], event["event_id"]
        assert "CAMEO2PLOVER-2021.txt" in event["cameo_source"]
    for event in events:
        assert (_none(event["cameo_root"]) is None) == (_none(event["cameo_source"]) is None), event["event_id"]
        if event["plover_type"] in ("AID", "CONSULT", "AGREE", "SUPPORT", "REJECT", "SANCTION", "RETREAT"):
            assert _none(event["cameo_root"]) is not None, event["event_id"]  # one root per type in the crosswalk


def test_modes_are_the_manuals_or_the_crosswalks_for_the_type(events):
    for event in events:
        mode = _none(event["plover_mode"])
        if mode is not None:
            assert mode in plover.MODES[event["plover_type"]], event["event_id"]
    modes = {(e["event_type"], _none(e["plover_mode"])) for e in events}
    assert ("military_aid", "military") in modes and ("assassination", "assassinate") in modes


# --------------------------------------------------------------------------
# State codes
# --------------------------------------------------------------------------


def test_every_state_actor_and_country_place_has_cow_and_gleditsch_ward_codes_with_sources():
    actors, places = sid.load_actors(), sid.load_locations()
    states = actors[actors["actor_type"] == "state"]
    countries = places[places["location_type"] == "country"]
    for frame in (states, countries):
        assert frame["gw_code"].notna().all() and frame["cow_code"].notna().all()
        assert frame["gw_source"].str.contains("Gleditsch-Ward").all() and frame["cow_source"].str.contains("COW").all()
    assert actors.loc[actors["actor_type"] != "state", "gw_code"].isna().all()
    assert places.loc[places["location_type"] != "country", "gw_code"].isna().all()
    # The same state has the same code as an actor and as a place.
    by_iso = dict(zip(countries["country"], countries["gw_code"], strict=True))
    for iso3, code in zip(states["country"], states["gw_code"], strict=True):
        assert by_iso.get(iso3, code) == code, iso3
    # Well-known numbers (Gleditsch and Ward 1999; UCDP's country_id): Iraq 645, Iran 630, the United States 2.
    assert by_iso["IRQ"] == 645 and by_iso["IRN"] == 630
    assert states.set_index("country").loc["USA", "gw_code"] == 2


def test_events_and_relations_carry_the_state_codes_of_their_place_and_actors():
    places = sid.load_locations().set_index("location_id")
    wide = sid.load_events(wide=True)
    placed = wide[wide["location_id"].notna()]
    assert placed["country_gw"].notna().sum() >= placed["country_iso3"].notna().sum() > 0
    for row in placed.itertuples():
        country = places[(places["location_type"] == "country") & (places["country"] == row.country_iso3)]
        if len(country):
            assert row.country_gw == country["gw_code"].iloc[0], row.event_id
    relations = sid.load_relations(wide=True)
    iraq = relations[relations["target_country"] == "IRQ"]
    assert len(iraq) and (iraq["target_gw"] == 645).all()


# --------------------------------------------------------------------------
# Support types
# --------------------------------------------------------------------------


def test_support_relations_are_active_and_typed_in_the_fields_vocabularies():
    relations = sid.load_relations(wide=True)
    supports = relations[relations["relation_type"] == "supports"]
    assert (supports["support_intent"] == "active").all()
    assert relations.loc[relations["relation_type"] != "supports", "support_intent"].isna().all()
    weapons = supports[supports["support_form"] == "weapons"]
    assert len(weapons) and (weapons["esd_support"].str.contains("ext_w")).all()
    assert (weapons["nags_support"] == "Weapons and Logistics").all()  # a type the NAGs facts page counts
    assert set(supports["nags_support"].dropna()) <= set(support.NAGS_TYPES) | {
        "Safe Haven to Members or Safe Haven to Leaders and Operate Offices"
    }
    assert set(supports["esd_support"].dropna()) <= set(support.ESD_VARIABLES)  # a variable of the ESD's data file
    funds = supports[supports["support_form"] == "funds"]
    assert funds["esd_support"].isna().all() and (funds["nags_support"] == "Financial Aid").all()
    training = supports[supports["support_form"] == "training"]
    assert len(training) and training["esd_support"].str.contains("ext_t").all()
    # Forms neither data set has a type for stay null, never guessed.
    vague = supports[supports["support_form"].isin(["military", "political", "unspecified"])]
    assert len(vague) and vague["esd_support"].isna().all() and vague["nags_support"].isna().all()
    assert set(support.MAPPING) == set(sid.declarations.VOCABULARIES["support_form"].values)
