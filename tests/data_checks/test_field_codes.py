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
from conftest import ROOT, needs_repository
from sadr_iran_data.codes import plover, support

#: CAMEO root codes of each PLOVER type, from the crosswalk's section headings (CAMEO2PLOVER-2021.txt of 17 September 2021).
CAMEO_ROOTS_OF_TYPE = {
    "AGREE": {"03"},
    "CONSULT": {"04"},
    "SUPPORT": {"05"},
    "COOPERATE": {"06"},
    "AID": {"07"},
    "CONCEDE": {"08"},
    "RETREAT": {"08"},
    "ACCUSE": {"09", "11"},
    "REQUEST": {"10"},
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
    # the article's interactions are coded: every event of a type PLOVER codes, unless it names no actor
    for event in events:
        if plover.DECISIONS[event["event_type"]].plover_type != plover.NOT_CODED and event["plover_type"] == plover.NOT_CODED:
            assert plover.NO_NAMED_ACTOR in event["plover_note"], event["event_id"]
    assert sum(t != plover.NOT_CODED for t in types) >= 30


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
        assert event["plover_type"] in (decision.plover_type, *decision.exceptions, plover.NOT_CODED), event["event_id"]


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
        assert "CAMEO2PLOVER-2021.txt at commit e834df5b3a302f99af1f23cda08fa34b383ca598" in event["cameo_source"]
    for event in events:
        assert (_none(event["cameo_root"]) is None) == (_none(event["cameo_source"]) is None), event["event_id"]
        if event["plover_type"] in ("AID", "CONSULT", "AGREE", "SUPPORT", "REJECT", "SANCTION", "RETREAT"):
            assert _none(event["cameo_root"]) is not None, event["event_id"]  # one root per type in the crosswalk


#: The modes of the 2.0 manual's tables (PLOVER_MANUAL.tex at 5e0c24f) for the types the data use, stated here.
MANUAL_2_0_MODES = {
    "CONSULT": {"visit", "third-party", "multilateral", "phone"},
    "AID": set(),
    "RETREAT": {"withdraw", "release", "disarm", "ceasefire", "access", "resign"},
    "ACCUSE": {"disapprove", "investigate", "allege"},
    "REJECT": {"assist", "change", "yield", "meet"},
    "SANCTION": {"convict", "expel", "withdraw", "discontinue"},
}


def test_modes_are_the_2_0_manuals_for_the_type(events):
    for event in events:
        mode = _none(event["plover_mode"])
        if mode is not None:
            assert mode in plover.MODES[event["plover_type"]], event["event_id"]
            assert mode in MANUAL_2_0_MODES.get(event["plover_type"], {mode}), event["event_id"]
    modes = {(e["event_type"], e["plover_type"], _none(e["plover_mode"])) for e in events}
    assert ("military_aid", "AID", None) in modes and ("audience", "CONSULT", "visit") in modes
    assert ("accusation", "ACCUSE", "allege") in modes
    used = {_none(e["plover_mode"]) for e in events}
    assert not used & {"host", "assassinate", "ease", "military", "economic"}  # the 0.7 draft's and the old crosswalk's


def test_events_with_no_named_actor_are_not_coded_with_the_manuals_sentence(events):
    """The PLOVER manual: 'These have no explicit, named actor so they will not be coded by PLOVER.'"""
    links = sid.load("event_actors", backend="arrow").to_pylist()
    acting = {"initiator", "participant", "mediator", "interviewer", "interviewee"}  # the roles that can be PLOVER's actor
    named = {link["event_id"] for link in links if link["role"] in acting}
    unnamed = [e for e in events if e["event_id"] not in named]
    for event in unnamed:
        assert event["plover_type"] == plover.NOT_CODED, event["event_id"]
    uncoded_for_it = {e["event_id"] for e in unnamed if "These have no explicit, named actor" in (_none(e["plover_note"]) or "")}
    # a bombing by no one named, an assassination of which only the victim is named, fighting with no side named
    assert {"evt-0051", "evt-0027", "evt-0112"} <= uncoded_for_it
    assert {link["role"] for link in links if link["event_id"] == "evt-0027"} == {"victim"}


def test_the_military_context_is_a_states(events):
    """2.0: 'this context field only pertains to state militaries'."""
    actors = {a["actor_id"]: a for a in sid.load("actors", backend="arrow").to_pylist()}
    links = sid.load("event_actors", backend="arrow").to_pylist()
    for event in events:
        if "military" in list(event["plover_context"]):
            kinds = {actors[link["actor_id"]]["actor_type"] for link in links if link["event_id"] == event["event_id"]}
            assert kinds & {"state", "state_armed_force"}, event["event_id"]
    by_id = {e["event_id"]: e for e in events}
    for event_id in ("evt-0064", "evt-0111"):  # Hezbollah's support for the Mahdi Army and a member of it
        assert by_id[event_id]["plover_type"] == "AID" and "military" not in list(by_id[event_id]["plover_context"])


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


# --------------------------------------------------------------------------
# The codes of earlier releases on the 2.0 manual
# --------------------------------------------------------------------------

ARCHIVED = [v for v in sid.releases()["version"] if v != sid.__version__]


def _on_the_2_0_manual(plover_type, mode, contexts):
    new_type, new_mode, new_contexts = plover.recode(plover_type, mode, contexts)
    assert new_type in plover.MODES and (new_mode is None or new_mode in plover.MODES[new_type])
    assert set(new_contexts) <= set(plover.CONTEXTS)
    return new_type, new_mode, new_contexts


@pytest.mark.parametrize("version", ARCHIVED)
def test_every_plover_code_of_an_archived_release_maps_to_the_2_0_manual(version):
    events = sid.load("events", version=version, backend="arrow").to_pylist()
    coded = [e for e in events if e["plover_type"] is not None]  # 1.0.0-1.2.0 left some blank
    assert coded
    for event in coded:
        _on_the_2_0_manual(event["plover_type"], event.get("plover_mode"), event.get("plover_context") or [])
    assert "1.3.0" in ARCHIVED


def test_the_1_3_0_codes_the_2_0_manual_renames_map_as_the_codebook_says():
    by_id = {e["event_id"]: e for e in sid.load("events", version="1.3.0", backend="arrow").to_pylist()}
    renamed = {
        "evt-0033": (("CONSULT", "host"), ("CONSULT", "visit")),
        "evt-0027": (("ASSAULT", "assassinate"), ("ASSAULT", "targeted")),
        "evt-0012": (("AID", "military"), ("AID", None)),
    }
    for event_id, (old, new) in renamed.items():
        assert (by_id[event_id]["plover_type"], by_id[event_id]["plover_mode"]) == old
        assert _on_the_2_0_manual(*old, by_id[event_id]["plover_context"])[:2] == new


@needs_repository
def test_every_plover_code_of_the_reliability_files_maps_to_the_2_0_manual():
    """The blind coders' and the tables' codes as coded (on the 0.7 draft), kept as they were, all map."""
    import csv

    folder = ROOT / "data" / "curated" / "reliability"
    files = ["plover-coder-e.csv", "plover-draft.csv", "round3-coder-f.csv", "round3-coder-g.csv", "round3-tables-plover.csv"]
    for name in files:
        with (folder / name).open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                if row["plover_type"]:  # round 3's relations have none
                    contexts = [c for c in row.get("plover_context", "").split(";") if c]
                    _on_the_2_0_manual(row["plover_type"], row["plover_mode"] or None, contexts)
