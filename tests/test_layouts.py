"""The ACLED and UCDP GED layouts: every event accounted for, the mappings checked against the data, the files read by pandas."""

from __future__ import annotations

import calendar
import datetime
import itertools
import math
import re
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sadr_iran_data as sid
from sadr_iran_data import _version as sid_version
from sadr_iran_data.cli import main
from sadr_iran_data.codes import countries, precision
from sadr_iran_data.dataset.views import wide_arrow
from sadr_iran_data.declarations import VOCABULARIES
from sadr_iran_data.formats.exports import export
from sadr_iran_data.formats.layouts import _common
from sadr_iran_data.formats.layouts import acled as acled_layout
from sadr_iran_data.formats.layouts import ucdp_ged as ucdp_layout

# ACLED's Table 1, in its order, as the codebook lists it (typed from the codebook, not taken from the code).
ACLED_TABLE_1 = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 assoc_actor_1 inter1 "
    "actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country admin1 admin2 admin3 location latitude "
    "longitude geo_precision source source_scale notes fatalities tags timestamp"
).split()
# ACLED's Table 2: event type -> (disorder types, sub-event types).
ACLED_TABLE_2 = {
    "Battles": ({"Political violence"}, {"Government regains territory", "Non-state actor overtakes territory", "Armed clash"}),
    "Protests": (
        {"Political violence", "Demonstrations"},
        {"Excessive force against protesters", "Protest with intervention", "Peaceful protest"},
    ),
    "Riots": ({"Political violence", "Demonstrations"}, {"Violent demonstration", "Mob violence"}),
    "Explosions/Remote violence": (
        {"Political violence"},
        {
            "Chemical weapon",
            "Air/drone strike",
            "Suicide bomb",
            "Shelling/artillery/missile attack",
            "Remote explosive/landmine/IED",
            "Grenade",
        },
    ),
    "Violence against civilians": ({"Political violence"}, {"Sexual violence", "Attack", "Abduction/forced disappearance"}),
    "Strategic developments": (
        {"Strategic developments"},
        {
            "Agreement",
            "Arrests",
            "Change to group/activity",
            "Disrupted weapons use",
            "Headquarters or base established",
            "Looting/property destruction",
            "Non-violent transfer of territory",
            "Other",
        },
    ),
}
# ACLED's Table 3, code and text, typed from the web codebook (acleddata.com/knowledge-base/codebook, "Table 3: Interaction
# code descriptions"); X0 is "X only". Its one pair not written lower Inter code first is 78.
ACLED_TABLE_3 = {
    10: "State forces only",
    11: "State forces-State forces",
    12: "State forces-Rebel group",
    13: "State forces-Political militia",
    14: "State forces-Identity militia",
    15: "State forces-Rioters",
    16: "State forces-Protesters",
    17: "State forces-Civilians",
    18: "State forces-External/Other forces",
    20: "Rebel group only",
    22: "Rebel group-Rebel group",
    23: "Rebel group-Political militia",
    24: "Rebel group-Identity militia",
    25: "Rebel group-Rioters",
    26: "Rebel group-Protesters",
    27: "Rebel group-Civilians",
    28: "Rebel group-External/Other forces",
    30: "Political militia only",
    33: "Political militia-Political militia",
    34: "Political militia-Identity militia",
    35: "Political militia-Rioters",
    36: "Political militia-Protesters",
    37: "Political militia-Civilians",
    38: "Political militia-External/Other forces",
    40: "Identity militia only",
    44: "Identity militia-Identity militia",
    45: "Identity militia-Rioters",
    46: "Identity militia-Protesters",
    47: "Identity militia-Civilians",
    48: "Identity militia-External/Other forces",
    50: "Rioters only",
    55: "Rioters-Rioters",
    56: "Rioters-Protesters",
    57: "Rioters-Civilians",
    58: "Rioters-External/Other forces",
    60: "Protesters only",
    66: "Protesters-Protesters",
    67: "Protesters-Civilians",
    68: "Protesters-External/Other forces",
    70: "Civilians only",
    77: "Civilians-Civilians",
    78: "External/Other forces-Civilians",
    80: "External/Other forces only",
    88: "External/Other forces-External/Other forces",
}
# The Inter codes, typed from the codebook's Actors section.
INTER_CODES = {
    "State forces": 1,
    "Rebel group": 2,
    "Political militia": 3,
    "Identity militia": 4,
    "Rioters": 5,
    "Protesters": 6,
    "Civilians": 7,
    "External/Other forces": 8,
}
# Where each of our event types falls in Table 2, decided from the codebook's definitions (None: left out).
ACLED_EXPECTED_TYPES = {
    "armed_clash": ("Political violence", "Battles", "Armed clash"),
    "assassination": ("Political violence", "Violence against civilians", "Attack"),
    "concession": ("Strategic developments", "Strategic developments", "Agreement"),
    "withdrawal": ("Strategic developments", "Strategic developments", "Other"),
    "formation": ("Strategic developments", "Strategic developments", "Change to group/activity"),
    # PLOVER's explosives: "Any explosive not incorporated in a heavy weapon: mines, IEDS, car bombs", ACLED's examples
    # of Remote explosive/landmine/IED (suicide attacks, aircraft, drones and heavy weapons are other PLOVER modes)
    ("attack", "explosives"): ("Political violence", "Explosions/Remote violence", "Remote explosive/landmine/IED"),
}
# The precision codes of the codebooks (ACLED's time and geo precision; GED's date_prec and where_prec), by our values.
ACLED_TIME = {"day": 1, "month": 3}
ACLED_GEO = {"city": 1, "town": 1, "province": 3, "region": 3}
GED_DATE = {"day": 1, "month": 4, "year": 5}
GED_WHERE = {"city": 1, "town": 1, "province": 4, "region": 5, "country": 6}
# ISO 3166-1 numeric codes (github.com/lukes/ISO-3166-Countries-with-Regional-Codes, all/all.csv).
ISO = {"AFG": 4, "IRN": 364, "IRQ": 368, "ISR": 376, "LBN": 422, "PAK": 586, "USA": 840}
# The GED columns the brief and the GED codebook name (a subset; the layout has all 49).
GED_COLUMNS = (
    "id year type_of_violence side_a side_b source_article number_of_sources where_prec event_clarity adm_1 country "
    "country_id latitude longitude date_prec date_start date_end deaths_a deaths_b deaths_civilians deaths_unknown best low high"
).split()


@pytest.fixture(scope="module")
def events() -> dict[str, dict[str, Any]]:
    return {e["event_id"]: e for e in wide_arrow("events").to_pylist()}


@pytest.fixture(scope="module")
def acled() -> _common.Layout:
    return sid.to_acled()


@pytest.fixture(scope="module")
def ucdp() -> _common.Layout:
    return sid.to_ucdp_ged()


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("layouts")
    export("acled", folder)
    export("ucdp-ged", folder)
    return folder


# --------------------------------------------------------------------------
# Coverage: every event written or left out, once, with a reason
# --------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["acled", "ucdp"])
def test_every_event_is_written_or_left_out_once_with_a_reason(request, events, name):
    layout = request.getfixturevalue(name)
    key = "event_id_cnty" if name == "acled" else "id"
    written = [row[key] for row in layout.rows]
    left = [row["event_id"] for row in layout.left_out]
    assert sorted(written + left) == sorted(events)
    assert not set(written) & set(left)
    assert all(row["reason"].strip() for row in layout.left_out)
    assert sum(layout.counts().values()) == len(layout.left_out)


def test_forecasts_and_possibilities_are_never_written(events, acled, ucdp):
    unreported = {i for i, e in events.items() if e["confidence"] in ("forecast", "possible")}
    assert unreported
    for layout in (acled, ucdp):
        reasons = {row["event_id"]: row["reason"] for row in layout.left_out}
        assert all(reasons[i].startswith(("a forecast", "a possibility")) for i in unreported)


def test_rumours_are_not_left_out_for_being_rumours(acled):
    assert not [row for row in acled.left_out if "rumo" in row["reason"]]


# --------------------------------------------------------------------------
# ACLED: the mapping against the data and the codebook
# --------------------------------------------------------------------------


def test_acled_types_are_in_the_codebooks_table_2():
    for kind in [*acled_layout.ACLED_TYPES.values(), *acled_layout.ACLED_BY_MODE.values(), *acled_layout.ACLED_BY_TRIGGER.values()]:
        assert kind.reason
        if kind.event_type is None:
            assert kind.disorder_type is None and kind.sub_event_type is None
            continue
        disorders, subs = ACLED_TABLE_2[kind.event_type]
        assert kind.disorder_type in disorders
        assert kind.sub_event_type is None or kind.sub_event_type in subs


@pytest.mark.parametrize("event_type", VOCABULARIES["event_type"].values)
def test_each_event_type_falls_where_the_codebook_puts_it(event_type):
    kind = acled_layout.acled_type(event_type, None)
    assert (kind.disorder_type, kind.event_type, kind.sub_event_type) == ACLED_EXPECTED_TYPES.get(event_type, (None, None, None))
    bombing = acled_layout.acled_type(event_type, "explosives")
    assert (bombing.disorder_type, bombing.event_type, bombing.sub_event_type) == ACLED_EXPECTED_TYPES.get(
        (event_type, "explosives"), (kind.disorder_type, kind.event_type, kind.sub_event_type)
    )


def test_acled_rows_are_the_events_of_the_types_the_codebook_records(events, acled):
    expected = []
    triggers = _common.triggers()

    def type_key(event):
        # the Samarra bombing: PLOVER does not code it (no named actor), so its trigger, "bombing", says how
        trigger = (triggers.get(event["event_id"]) or "").casefold()
        bombing = event["plover_mode"] == "explosives" or (event["plover_mode"] is None and trigger == "bombing")
        return (event["event_type"], "explosives") if bombing else event["event_type"]

    for event_id, event in events.items():
        key = type_key(event)
        codes = expected_codes(event)
        if (
            ACLED_EXPECTED_TYPES.get(key) is not None
            and event["confidence"] not in ("forecast", "possible")
            and codes["acled_time_precision"] is not None
            and codes["acled_geo_precision"] is not None
        ):
            expected.append(event_id)
    assert [row["event_id_cnty"] for row in acled.rows] == expected
    assert "evt-0051" in expected  # the Samarra bombing: dated to a month, in a city
    for row in acled.rows:
        event = events[row["event_id_cnty"]]
        assert (row["disorder_type"], row["event_type"], row["sub_event_type"]) == ACLED_EXPECTED_TYPES[type_key(event)]
        assert row["fatalities"] == 0 and isinstance(row["timestamp"], int)
        assert f"sadr-iran-data {event['event_id']}" in row["notes"] and event["summary"] in row["notes"]


def test_acled_dates_are_the_events_own_and_never_invented(events, acled):
    for row in acled.rows:
        event = events[row["event_id_cnty"]]
        date = datetime.date.fromisoformat(row["event_date"])
        assert event["date_start"] <= date <= event["date_end"]
        assert row["year"] == date.year
        assert row["time_precision"] == {"day": 1, "month": 3}[event["date_precision"]]
        if event["date_precision"] == "month":
            assert date.day == 15
        if event["known_date"] is not None:
            assert event["known_date"].isoformat() in row["tags"]


def test_acled_places_are_the_events_own(events, acled):
    for row in acled.rows:
        event = events[row["event_id_cnty"]]
        assert event["place_type"] != "country"
        assert row["location"] == event["place_name"]
        assert abs(row["latitude"] - event["latitude"]) < 1e-4 and abs(row["longitude"] - event["longitude"]) < 1e-4
        assert row["geo_precision"] in (1, 2, 3)


def test_events_acled_cannot_take_are_left_out_for_that_reason(events, acled):
    reasons = {row["event_id"]: row["reason"] for row in acled.left_out}
    triggers = _common.triggers()
    for event_id, event in events.items():
        if event["confidence"] in ("forecast", "possible"):
            continue
        kind = acled_layout.acled_type(event["event_type"], event["plover_mode"], triggers.get(event_id))
        if kind.event_type is None:
            assert reasons[event_id].startswith("no ACLED event type"), event_id
        elif event["date_precision"] in ("year", "decade", "unknown"):
            assert event_id in reasons and "ACLED" in reasons[event_id], event_id
        elif event["location_id"] is None:
            assert reasons[event_id].startswith("no place"), event_id


def test_every_country_of_the_data_has_an_iso_numeric_code():
    present = {p["country"] for p in sid.load("locations", backend="arrow").to_pylist() if p["country"]}
    present |= {e["country_iso3"] for e in wide_arrow("events").to_pylist() if e["country_iso3"]}
    assert present <= set(countries.ISO_NUMERIC)
    assert {k: int(v) for k, v in countries.ISO_NUMERIC.items()} == ISO
    assert all(len(v) == 3 for v in countries.ISO_NUMERIC.values())


INTER = st.sampled_from(acled_layout.ACLED_INTER_LABELS)


def test_the_actor_types_are_the_codebooks_in_the_order_of_their_inter_codes():
    assert {label: i for i, label in enumerate(acled_layout.ACLED_INTER_LABELS, start=1)} == INTER_CODES


@given(a=INTER, b=st.none() | INTER)
def test_interaction_is_the_text_of_table_3(a, b):
    if b is None:
        assert acled_layout.acled_interaction(a, b) == ACLED_TABLE_3[INTER_CODES[a] * 10]
        return
    low, high = sorted((INTER_CODES[a], INTER_CODES[b]))
    assert acled_layout.acled_interaction(a, b) == ACLED_TABLE_3[low * 10 + high] == acled_layout.acled_interaction(b, a)


def test_every_interaction_of_table_3_can_be_written():
    written = {acled_layout.acled_interaction(a, b) for a in INTER_CODES for b in [None, *INTER_CODES]}
    assert written == set(ACLED_TABLE_3.values())


@given(kind=st.sampled_from(_common.STATE_TYPES), home=st.sampled_from(sorted(ISO)), where=st.sampled_from(sorted(ISO)))
def test_state_actors_are_external_forces_abroad(kind, home, where):
    inter = acled_layout.acled_inter({"actor_type": kind, "country": home}, where)
    assert inter == ("State forces" if home == where else "External/Other forces")


def test_acled_csv_opens_in_pandas_with_the_codebooks_columns(files, events):
    frame = pd.read_csv(files / "acled.csv")
    assert list(frame.columns) == ACLED_TABLE_1
    assert (frame["fatalities"] == 0).all() and frame["fatalities"].dtype == "int64"
    assert frame["tags"].str.contains("fatalities: none reported in the article").all()
    assert set(frame["iso"]) <= set(ISO.values())
    for _, row in frame.iterrows():
        event = events[row["event_id_cnty"]]
        assert ISO[event["country_iso3"]] == row["iso"]
    left = pd.read_csv(files / "acled_left_out.csv")
    assert list(left.columns) == ["event_id", "reason"]
    assert sorted([*frame["event_id_cnty"], *left["event_id"]]) == sorted(events)


# --------------------------------------------------------------------------
# UCDP GED
# --------------------------------------------------------------------------


def test_ged_writes_no_event_of_the_article_which_states_no_death(events, ucdp):
    assert ucdp.rows == []
    reasons = {row["event_id"]: row["reason"] for row in ucdp.left_out}
    assert sorted(reasons) == sorted(events)
    # a candidate, left out for want of a death alone, is organised violence
    for event_id, reason in reasons.items():
        if reason.startswith("no death stated"):
            assert events[event_id]["event_type"] in ("armed_clash", "attack", "assassination"), event_id


def test_ucdp_csv_has_geds_columns_and_no_rows(files, events):
    frame = pd.read_csv(files / "ucdp_ged.csv")
    assert list(frame.columns) == list(ucdp_layout.UCDP_GED_COLUMNS)
    assert len(frame.columns) == 49 and len(frame) == 0
    assert set(GED_COLUMNS) <= set(frame.columns)
    positions = [list(frame.columns).index(c) for c in ("id", "year", "type_of_violence", "side_a", "side_b", "date_start", "date_end")]
    assert positions == sorted(positions)
    left = pd.read_csv(files / "ucdp_ged_left_out.csv")
    assert list(left.columns) == ["event_id", "reason"]
    assert sorted(left["event_id"]) == sorted(events) and left["reason"].str.strip().ne("").all()


@pytest.mark.parametrize(
    ("mapping", "codes"), [(precision.UCDP_DATE_PRECISION, range(1, 6)), (precision.UCDP_WHERE_PRECISION, range(1, 8))]
)
def test_ucdp_precision_codes_are_in_geds_range(mapping, codes):
    assert all(c.code is None or c.code in codes for c in mapping.values())


def test_acled_precision_codes_are_in_acleds_range():
    for code in itertools.chain(precision.ACLED_TIME_PRECISION.values(), precision.ACLED_GEO_PRECISION.values()):
        assert code.code is None or code.code in (1, 2, 3)


# --------------------------------------------------------------------------
# Command line and documentation
# --------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "report"), [("acled", "acled_left_out.csv"), ("ucdp-ged", "ucdp_ged_left_out.csv")])
def test_cli_prints_how_many_events_were_written_and_left_out(tmp_path, capsys, fmt, report):
    assert main(["export", "--format", fmt, str(tmp_path)]) == 0
    out = capsys.readouterr().out
    left = pd.read_csv(tmp_path / report)
    written = len(pd.read_csv(tmp_path / report.replace("_left_out", "")))
    assert f"{fmt}: {written} event{'' if written == 1 else 's'} written, {len(left)} left out" in out
    for reason, count in left["reason"].str.split(":").str[0].value_counts().items():
        assert f"{reason} {count}" in out


def test_the_interoperability_page_prints_the_layouts():
    docs = pytest.importorskip("sadr_iran_data._build.docs")
    page = Path(__file__).resolve().parents[1] / "docs" / "interoperability.md"
    committed = page.read_text(encoding="utf-8")
    assert committed == docs.interoperability(committed), "docs/interoperability.md is stale: run sadr-iran-data build"
    for name, kind in acled_layout.ACLED_TYPES.items():
        assert f"`{name}`" in committed and kind.reason.replace("|", "\\|") in committed
    assert all(f"`{column}`" in committed for column in (*acled_layout.ACLED_COLUMNS, *ucdp_layout.UCDP_GED_COLUMNS))


def test_the_wide_view_carries_both_layouts_precision_codes_for_every_event():
    wide = sid.load_events(wide=True)
    for event in wide.to_dict("records"):
        names = ("acled_time_precision", "acled_geo_precision", "ucdp_date_prec", "ucdp_where_prec")
        codes = {c: (None if pd.isna(event[c]) else int(event[c])) for c in names}
        one_day = event["date_precision"] == "day" and event["date_start"] == event["date_end"]
        if one_day:
            assert codes["acled_time_precision"] == 1 and codes["ucdp_date_prec"] == 1, event["event_id"]
        if event["date_precision"] in ("decade", "unknown") or pd.isna(event["date_end"]):
            assert codes["acled_time_precision"] is None and codes["ucdp_date_prec"] is None, event["event_id"]
        if event["date_precision"] == "year":
            assert codes["acled_time_precision"] is None, event["event_id"]  # ACLED takes nothing coarser than a month
        if pd.isna(event["location_id"]) or (event["place_type"] == "region" and event["geo_precision"] == "country_centroid"):
            assert codes["acled_geo_precision"] is None and codes["ucdp_where_prec"] is None, event["event_id"]
        elif event["place_type"] == "country":
            assert codes["acled_geo_precision"] is None and codes["ucdp_where_prec"] == 6, event["event_id"]
        elif event["place_type"] in ("city", "town"):
            assert codes["acled_geo_precision"] == 1 and codes["ucdp_where_prec"] == 1, event["event_id"]
    assert wide["acled_time_precision"].notna().any() and wide["ucdp_where_prec"].notna().any()


def _unit_end(start: datetime.date, precision: str) -> datetime.date:
    if precision == "day":
        return start
    if precision == "month":
        return (start.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)
    return start.replace(month=12, day=31)


def expected_codes(event: dict[str, Any]) -> dict[str, int | None]:
    """The four precision codes of one event, from its own dating and place and the codebooks' tables above."""
    one_unit = event["date_start"] is not None and event["date_end"] == _unit_end(event["date_start"], event["date_precision"])
    own_point = event["latitude"] is not None and not (event["place_type"] != "country" and event["geo_precision"] == "country_centroid")
    return {
        "acled_time_precision": ACLED_TIME.get(event["date_precision"]) if one_unit else None,
        "acled_geo_precision": ACLED_GEO.get(event["place_type"]) if own_point else None,
        "ucdp_date_prec": GED_DATE.get(event["date_precision"]) if one_unit else None,
        "ucdp_where_prec": GED_WHERE.get(event["place_type"]) if own_point else None,
    }


def test_the_wide_view_has_the_codes_of_each_events_dating_and_place(events):
    for event in events.values():
        assert {c: event[c] for c in ("acled_time_precision", "acled_geo_precision", "ucdp_date_prec", "ucdp_where_prec")} == (
            expected_codes(event)
        ), event["event_id"]


def test_the_layouts_write_the_codes_of_each_events_dating_and_place(events, acled):
    assert acled.rows
    for row in acled.rows:
        codes = expected_codes(events[row["event_id_cnty"]])
        assert (row["time_precision"], row["geo_precision"]) == (codes["acled_time_precision"], codes["acled_geo_precision"])


@given(
    day=st.booleans(),
    month=st.integers(1, 12),
    year=st.sampled_from([2004, 2007, 2008]),
    place=st.sampled_from(["loc-najaf", "loc-samarra", "loc-baghdad"]),
)
def test_ged_writes_the_codes_of_each_events_dating_and_place(world, day, month, year, place):
    event = dated(made(world, initiator=["act-mahdi-army"], target=["act-iraqi-government"], place=place), year, month, 9 if day else None)
    _, ged_row = run(world, event)
    codes = expected_codes(event)
    assert (ged_row["date_prec"], ged_row["where_prec"]) == (codes["ucdp_date_prec"], codes["ucdp_where_prec"])


# --------------------------------------------------------------------------
# Sides, actor types and the type of violence, on events made for the test
# --------------------------------------------------------------------------

ROLES = ("initiator", "participant", "target", "victim", "subject")
OUR_ACTOR_TYPES = VOCABULARIES["actor_type"].values
# Our actor types ACLED has a type for in Iraq (the test events' country), and GED's organised and civilian ones.
ACLED_TYPED = {"state", "state_body", "state_armed_force", "armed_group", "international_organization", "population_group"}
ORGANISED = {"state", "state_body", "state_armed_force", "armed_group"}


class World(dict):
    """The fixture's tables, shown by name only in a failing example."""

    def __repr__(self) -> str:
        return "world"


@pytest.fixture(scope="module")
def world() -> dict[str, Any]:
    """The real actors, places and citations, and an event made for the tests (a clash in Najaf in April 2004)."""
    locations = sid.load("locations", backend="arrow").to_pylist()
    world = World(
        {
            "columns": wide_arrow("events").schema.names,
            "actors": sid.load("actors", backend="arrow").to_pylist(),
            "locations": locations,
            "citations": sid.load("citations", backend="arrow").to_pylist(),
        }
    )
    world["template"] = {
        **{c: [] if c.endswith(("_ids", "_names")) else None for c in world["columns"]},
        "event_id": "evt-9001",
        "event_type": "armed_clash",
        "summary": "A clash made for the tests.",
        "evidence_text": "a clash",
        "confidence": "asserted",
        "certainty": "stated",
        "attributed_to": "author",
        **dated({}, 2004, 4),
        **place_of(world, "loc-najaf"),
    }
    return world


def place_of(world: dict[str, Any], location_id: str | None) -> dict[str, Any]:
    """The wide view's place columns of an event at ``location_id``, from the places table: its province and its country's number."""
    by_id = {p["location_id"]: p for p in world["locations"]}
    if location_id is None:
        return dict.fromkeys(
            (
                "location_id",
                "place_name",
                "place_type",
                "admin1_id",
                "admin1_name",
                "country_iso3",
                "country_gw",
                "latitude",
                "longitude",
                "geo_precision",
            )
        )
    place = by_id[location_id]
    province = place if place["location_type"] == "province" else by_id.get(place["parent_location_id"] or "")
    province = province if province and province["location_type"] == "province" else None
    country = next((p for p in world["locations"] if p["location_type"] == "country" and p["country"] == place["country"]), None)
    return {
        "location_id": location_id,
        "place_name": place["name"],
        "place_type": place["location_type"],
        "admin1_id": province["location_id"] if province else None,
        "admin1_name": province["name"] if province else None,
        "country_iso3": place["country"],
        "country_gw": country["gw_code"] if country else None,
        "latitude": place["latitude"],
        "longitude": place["longitude"],
        "geo_precision": place["geo_precision"],
    }


def dated(event: dict[str, Any], year: int, month: int, day: int | None = None) -> dict[str, Any]:
    """``event`` dated to a day, or (``day`` None) to a month."""
    if day is not None:
        start = end = datetime.date(year, month, day)
        return {**event, "date_start": start, "date_end": end, "date_precision": "day", "date_edtf": start.isoformat()}
    start, end = datetime.date(year, month, 1), _unit_end(datetime.date(year, month, 1), "month")
    return {**event, "date_start": start, "date_end": end, "date_precision": "month", "date_edtf": start.isoformat()[:7]}


def made(
    world: dict[str, Any], event_type: str = "armed_clash", mode: str | None = None, place: str | None = None, **roles: list[str]
) -> dict[str, Any]:
    event = dict(world["template"], event_type=event_type, plover_mode=mode)
    if place is not None:
        event.update(place_of(world, place))
    for role in ROLES:
        event[f"{role}_ids"] = roles.get(role, [])
    return event


def actor(actor_id: str, actor_type: str, country: str | None = "IRQ") -> dict[str, Any]:
    return {"actor_id": actor_id, "name": f"Name of {actor_id}", "actor_type": actor_type, "country": country, "gw_code": None}


#: Deaths a source states for an event made for the tests (GED writes no event without one).
STATED = ucdp_layout.Deaths(
    deaths_a=1, deaths_b=2, deaths_civilians=0, deaths_unknown=0, low=3, high=4, source="a report made for the tests"
)


def run(
    world: dict[str, Any], event: dict[str, Any], extra: list[dict[str, Any]] = (), deaths: ucdp_layout.Deaths | None = STATED
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The event's ACLED and GED outcome: its row, or {"reason": ...}; GED with ``deaths`` stated for it."""
    actors = [*world["actors"], *extra]
    outcome = []
    for layout in (acled_layout.acled, ucdp_layout.ucdp_ged):
        kwargs = {"deaths": {event["event_id"]: deaths}} if layout is ucdp_layout.ucdp_ged and deaths is not None else {}
        result = layout([event], actors, world["locations"], world["citations"], **kwargs)
        outcome.append(result.rows[0] if result.rows else result.left_out[0])
    return outcome[0], outcome[1]


def test_a_participant_in_a_clash_is_on_the_other_side(world):
    event = made(world, initiator=["act-mahdi-army"], participant=["act-us-troops"])
    acled_row, ged_row = run(world, event)
    assert (acled_row["actor1"], acled_row["assoc_actor_1"], acled_row["actor2"]) == (
        "Mahdi Army",
        None,
        "Military Forces of the United States (2001-2009)",
    )
    assert acled_row["interaction"] == "Political militia-External/Other forces"
    assert "no ACLED name confirmed: Mahdi Army" in acled_row["tags"]
    # U.S. troops support the Government of Iraq with troops in conflict 259: side A is the government (the reviewer's case)
    assert (ged_row["side_a"], ged_row["side_b"], ged_row["type_of_violence"]) == ("Government of Iraq", "al-Mahdi Army", 1)
    assert (ged_row["side_a_new_id"], ged_row["side_b_new_id"], ged_row["dyad_new_id"], ged_row["gwnoa"]) == (116, 5659, 13891, 645)


def test_actor_1_is_the_first_actor_acled_has_a_type_for(world):
    event = made(world, event_type="concession", initiator=["act-moqtada-al-sadr", "act-mahdi-army"])
    acled_row, _ = run(world, event)
    assert (acled_row["actor1"], acled_row["inter1"], acled_row["assoc_actor_1"]) == ("Mahdi Army", "Political militia", "Moqtada al-Sadr")
    assert acled_row["interaction"] == "Political militia only"


@given(
    event_type=st.sampled_from(VOCABULARIES["event_type"].values),
    mode=st.sampled_from([None, "explosives", "targeted"]),
    trigger=st.sampled_from([None, "bombing", "Bombing", "attack", "fighting"]),
)
def test_a_trigger_decides_only_where_there_is_no_plover_mode(event_type, mode, trigger):
    kind = acled_layout.acled_type(event_type, mode, trigger)
    if mode is not None or trigger is None or (event_type, trigger.casefold()) not in acled_layout.ACLED_BY_TRIGGER:
        assert kind == acled_layout.acled_type(event_type, mode)
    else:
        assert kind.event_type == "Explosions/Remote violence" and event_type == "attack"


def test_a_bombing_without_a_named_perpetrator_is_an_unidentified_armed_groups(acled):
    row = next(r for r in acled.rows if r["event_id_cnty"] == "evt-0051")
    assert (row["actor1"], row["inter1"], row["actor2"], row["interaction"]) == (
        "Unidentified Armed Group (Iraq)",
        "Political militia",
        None,
        "Political militia only",  # Table 3, 30: "remote violence by an unidentified armed group with no reported target"
    )
    assert "actor 1 not named in the article" in row["tags"]
    assert row["civilian_targeting"] is None
    assert row["sub_event_type"] == "Remote explosive/landmine/IED"
    # PLOVER does not code the bombing (it names no actor), so the article's word for it gives the sub-event type
    assert "sub-event type from the article's word 'bombing': the article does not name the device" in row["tags"]
    assert (row["admin1"], row["region"], row["fatalities"]) == ("Salah Al Din", "Middle East", 0)
    assert "coded by analogy: ACLED records Iraq from 2016" in row["tags"]


def test_an_assassination_targets_civilians_named_as_associated_actors(world):
    event = made(world, event_type="assassination", initiator=["act-mahdi-army"], victim=["act-muhammad-al-sadr"])
    acled_row, ged_row = run(world, event)
    assert (acled_row["actor2"], acled_row["assoc_actor_2"], acled_row["inter2"]) == ("Civilians (Iraq)", "Muhammad al-Sadr", "Civilians")
    assert acled_row["interaction"] == "Political militia-Civilians"
    assert acled_row["civilian_targeting"] == "Civilians targeted"
    assert "no ACLED actor type" not in acled_row["tags"]
    assert "no ACLED name confirmed: Muhammad al-Sadr" in acled_row["tags"]
    # one-sided violence of al-Mahdi Army: UCDP's dyad of it against civilians is not confirmed, so GED has no row
    assert ged_row["reason"].startswith("no UCDP dyad: GED's events belong to UCDP's dyads, and none of al-Mahdi Army and Civilians")


def test_an_unclaimed_assassination_is_acleds_but_not_geds(world):
    acled_row, ged_row = run(world, made(world, event_type="assassination", victim=["act-muhammad-al-sadr"]))
    assert (acled_row["actor1"], acled_row["actor2"]) == ("Unidentified Armed Group (Iraq)", "Civilians (Iraq)")
    assert acled_row["interaction"] == "Political militia-Civilians"
    assert ged_row["reason"] == "no organised actor: the article names no perpetrator"


def test_an_actor_2_without_acled_type_leaves_the_interaction_empty(world):
    acled_row, _ = run(world, made(world, initiator=["act-mahdi-army"], target=["act-moqtada-al-sadr"]))
    assert (acled_row["actor2"], acled_row["inter2"], acled_row["interaction"]) == ("Moqtada al-Sadr", None, None)
    assert "interaction not given" in acled_row["tags"] and "no ACLED actor type: Moqtada al-Sadr (person)" in acled_row["tags"]


@pytest.mark.parametrize(
    ("event_type", "mode", "target", "targeted"),
    [
        ("assassination", None, "act-muhammad-al-sadr", True),
        ("attack", "explosives", "act-iraqi-shiites", True),
        ("attack", "explosives", "act-us-troops", False),
        ("armed_clash", None, "act-iraqi-shiites", False),  # civilians harmed in Battles are never marked
        ("formation", None, "act-iraqi-shiites", False),
    ],
)
def test_civilian_targeting_follows_the_codebook(world, event_type, mode, target, targeted):
    acled_row, _ = run(world, made(world, event_type=event_type, mode=mode, initiator=["act-mahdi-army"], target=[target]))
    assert acled_row["civilian_targeting"] == ("Civilians targeted" if targeted else None)


@pytest.mark.parametrize(
    ("event_type", "roles", "expected"),
    [
        ("armed_clash", {"participant": ["act-mahdi-army", "act-rival-militias"]}, 2),
        ("attack", {"initiator": ["act-mahdi-army"], "target": ["act-iraqi-sunnis"]}, 3),
        ("attack", {"initiator": ["act-mahdi-army"], "victim": ["act-muhammad-al-sadr"]}, 3),
        ("assassination", {"initiator": ["act-mahdi-army"]}, 3),
        ("armed_clash", {"initiator": ["act-mahdi-army"]}, "side B not named"),
        ("attack", {"initiator": ["act-mahdi-army"]}, "side B not named"),
        ("armed_clash", {"initiator": ["act-mahdi-army"], "target": ["act-iraqi-sunnis"]}, "side B not organised"),
        ("attack", {"initiator": ["act-mahdi-army"], "target": ["act-sadrist-movement"]}, "side B not organised"),
        ("armed_clash", {"participant": ["act-mahdi-army-member-interviewee"]}, "no organised actor"),
    ],
)
def test_one_sided_violence_is_violence_against_civilians_only(world, event_type, roles, expected):
    event = made(world, event_type=event_type, **roles)
    _, _, violence = ucdp_layout._ucdp_sides(event, {a["actor_id"]: a for a in world["actors"]})
    _, ged_row = run(world, event)
    if isinstance(expected, int):
        assert violence == expected
        assert ged_row["reason"].split(":")[0] in ("no UCDP actor", "no UCDP dyad")  # none of these sides or dyads is confirmed
    else:
        assert violence.split(":")[0] == ged_row["reason"].split(":")[0] == expected


def test_a_clash_named_only_by_a_fighter_is_left_out_for_that(ucdp):
    reasons = {row["event_id"]: row["reason"] for row in ucdp.left_out}
    assert reasons["evt-0112"] == "no organised actor: the only named party is a person"


TYPED_ACTORS = st.lists(st.sampled_from(OUR_ACTOR_TYPES), max_size=3)


@given(
    event_type=st.sampled_from(["armed_clash", "attack", "assassination", "concession"]),
    mode=st.sampled_from([None, "explosives"]),
    types=st.fixed_dictionaries({role: TYPED_ACTORS for role in ("initiator", "participant", "target", "victim")}),
    abroad=st.booleans(),
)
def test_sides_over_any_actor_types(world, event_type, mode, types, abroad):
    extra, roles = [], {}
    for role, kinds in types.items():
        roles[role] = []
        for i, kind in enumerate(kinds):
            extra.append(actor(f"act-{role}-{i}", kind, "USA" if abroad and kind.startswith("state") else "IRQ"))
            roles[role].append(f"act-{role}-{i}")
    acled_row, ged_row = run(world, made(world, event_type=event_type, mode=mode, **roles), extra)
    names = {a["actor_id"]: a["name"] for a in extra}
    kinds = {a["actor_id"]: a["actor_type"] for a in extra}
    side_1 = roles["initiator"] + roles["participant"]
    if "event_type" in acled_row:
        # every actor once, on one side, and civilians under ACLED's name
        listed = [acled_row[c] for c in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2") if acled_row[c]]
        written = [n for cell in listed for n in cell.split("; ")]
        assert sorted(n for n in written if n in names.values()) == sorted(names.values())
        assert all(n in names.values() or n.endswith("(Iraq)") for n in written)
        # actor 1 has an ACLED type whenever one on its side has one
        if any(kinds[a] in ACLED_TYPED for a in side_1):
            assert acled_row["inter1"] is not None
        # a clash's or an attack's participants other than the one leading side 1 are on the other side (the
        # leader may be written under ACLED's name for its kind, e.g. 'Civilians (Iraq)', with its own name beside)
        if event_type in ("armed_clash", "attack"):
            side_1_names = {n for c in ("actor1", "assoc_actor_1") if acled_row[c] for n in acled_row[c].split("; ")}
            assert len(side_1_names & {names[a] for a in roles["participant"]}) <= 1
        # the interaction is Table 3's text of the two actor types, 'X only' only without actor 2, empty if a type is missing
        if acled_row["inter1"] is None or (acled_row["actor2"] is not None and acled_row["inter2"] is None):
            assert acled_row["interaction"] is None
        elif acled_row["actor2"] is None:
            assert acled_row["interaction"] == ACLED_TABLE_3[INTER_CODES[acled_row["inter1"]] * 10]
        else:
            low, high = sorted((INTER_CODES[acled_row["inter1"]], INTER_CODES[acled_row["inter2"]]))
            assert acled_row["interaction"] == ACLED_TABLE_3[low * 10 + high]
        if acled_row["event_type"] in ("Battles", "Strategic developments"):
            assert acled_row["civilian_targeting"] is None
        if acled_row["event_type"] == "Violence against civilians":
            assert acled_row["civilian_targeting"] == "Civilians targeted" and acled_row["actor2"] == "Civilians (Iraq)"
    event = made(world, event_type=event_type, mode=mode, **roles)
    a, b, violence = ucdp_layout._ucdp_sides(event, {x["actor_id"]: x for x in [*world["actors"], *extra]})
    if isinstance(violence, int) and event_type != "concession":
        side_a, side_b = kinds[a], kinds.get(b)
        assert side_a in ORGANISED
        if violence == 1:
            assert side_a.startswith("state") and side_b in ORGANISED
        elif violence == 2:
            assert side_a == side_b == "armed_group"
        else:
            assert side_b not in ORGANISED and event_type != "armed_clash"
            assert event_type == "assassination" or side_b in ("population_group", "person")
        # these actors are no UCDP actors (a state's is its government, which is in no dyad with them)
        assert ged_row["reason"].split(":")[0] in ("no UCDP actor", "no UCDP dyad")
    elif event_type in ("armed_clash", "attack", "assassination"):
        assert ged_row["reason"].split(":")[0] in ("no organised actor", "side B not named", "side B not organised")


def test_a_region_at_its_countrys_point_is_left_out_of_both_layouts_alike(world, events):
    event = made(world, initiator=["act-mahdi-army"], target=["act-us-troops"], place="loc-southern-iraq")
    assert event["place_type"] == "region" and event["geo_precision"] == "country_centroid"
    acled_row, ged_row = run(world, event)
    assert acled_row["reason"] == ged_row["reason"] == precision.REGION_AT_COUNTRY_POINT
    for event_id in ("evt-0026", "evt-0062", "evt-0063", "evt-0071", "evt-0091"):
        assert events[event_id]["acled_geo_precision"] is None and events[event_id]["ucdp_where_prec"] is None, event_id


def test_a_period_is_counted_under_one_reason_whatever_its_dates(world):
    longer = made(world, initiator=["act-mahdi-army"], target=["act-us-troops"])
    longer.update(date_end=datetime.date(2004, 6, 30), date_edtf="2004-04/2004-06")
    acled_row, ged_row = run(world, longer)
    assert acled_row["reason"].startswith("a period, not one happening: 2004-04/2004-06")
    assert ged_row["reason"] == acled_row["reason"]
    layout = acled_layout.acled([longer], world["actors"], world["locations"], world["citations"])
    assert layout.counts() == {"a period, not one happening": 1}


def test_events_dated_only_by_bounds_say_so(acled):
    reasons = {row["event_id"]: row["reason"] for row in acled.left_out}
    for event_id in ("evt-0006", "evt-0100"):
        assert reasons[event_id].startswith("dated only by bounds: the article gives no day, month or year"), event_id


def test_ged_sources_carry_their_dates_and_who_the_information_comes_from(world):
    _, ged_row = run(world, made(world, initiator=["act-mahdi-army"], target=["act-iraqi-government"]))
    assert (ged_row["source_date"], ged_row["source_original"], ged_row["number_of_sources"]) == ("2007; undated", "Babak Rahimi", 2)
    assert ged_row["source_article"].endswith("; a report made for the tests")  # the deaths' source is cited
    told = made(world, initiator=["act-mahdi-army"], target=["act-us-troops"])
    told.update(attributed_to="a young member of the Mahdi Army", citation_id="cit-rahimi-2007-fn6")
    _, ged_row = run(world, told)
    assert (ged_row["source_date"], ged_row["source_original"], ged_row["number_of_sources"]) == (
        "2007; 2005-08-07; undated",
        "a young member of the Mahdi Army",
        3,
    )


def test_without_the_article_citation_the_error_says_what_to_do(world):
    footnotes = [c for c in world["citations"] if c["cited_in"] is not None]
    with pytest.raises(sid.DataIntegrityError, match="no article"):
        ucdp_layout.ucdp_ged([world["template"]], world["actors"], world["locations"], footnotes)


# --------------------------------------------------------------------------
# A value a layout's tables do not map is an error in our words, never a row written on a guess
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "unknown"),
    [
        ({"event_type": "bribe"}, "acled.ACLED_TYPES has no entry for 'bribe'"),
        ({"confidence": "certain"}, "layouts.NOT_HAPPENED has no entry for 'certain'"),  # was: written, as if it happened
        ({"date_precision": "week"}, "precision.ACLED_TIME_PRECISION has no entry for 'week'"),
        ({"place_type": "village"}, "precision.ACLED_GEO_PRECISION has no entry for 'village'"),
        ({"country_iso3": "SYR"}, "acled.ACLED_COUNTRIES has no entry for 'SYR'"),  # was: a row without its iso code
    ],
)
def test_an_event_acled_has_no_code_for_is_an_error(world, change, unknown):
    event = {**made(world, initiator=["act-mahdi-army"], participant=["act-us-troops"]), **change}
    with pytest.raises(sid.SadrIranDataError, match=unknown):
        acled_layout.acled([event], world["actors"], world["locations"], world["citations"])


@pytest.mark.parametrize(
    ("change", "unknown"),
    [
        ({"event_type": "bribe"}, "ucdp_ged.UCDP_TYPES has no entry for 'bribe'"),
        ({"confidence": "certain"}, "layouts.NOT_HAPPENED has no entry for 'certain'"),
        ({"date_precision": "week"}, "precision.UCDP_DATE_PRECISION has no entry for 'week'"),
    ],
)
def test_an_event_ged_has_no_code_for_is_an_error(world, change, unknown):
    event = {**made(world, initiator=["act-mahdi-army"], participant=["act-us-troops"]), **change}
    with pytest.raises(sid.SadrIranDataError, match=unknown):
        ucdp_layout.ucdp_ged([event], world["actors"], world["locations"], world["citations"])


def test_an_actor_type_acled_does_not_map_is_an_error(world):
    event = made(world, initiator=["act-x"], participant=["act-us-troops"])
    with pytest.raises(sid.SadrIranDataError, match="acled.ACLED_INTER has no entry for 'warlord'"):
        run(world, event, [actor("act-x", "warlord")])


def test_a_citation_dated_to_an_unknown_precision_is_an_error_not_a_year(world):
    cited = dict(world["citations"][0], date=datetime.date(2005, 8, 7), date_precision="week")
    assert _common.citation_date(dict(cited, date_precision="decade")) == "2005"
    with pytest.raises(sid.SadrIranDataError, match="precision.ISO_DATE_LENGTH has no entry for 'week'"):
        _common.citation_date(cited)  # was '2005'


def test_a_date_precision_a_layout_writes_no_date_for_is_an_error():
    event = {"event_id": "evt-x", "date_precision": "year", "date_start": datetime.date(2004, 1, 1)}
    with pytest.raises(sid.SadrIranDataError, match="evt-x: ACLED has no event_date for an event dated to a year"):
        acled_layout._acled_date(event)  # was the 15th of January
    with pytest.raises(sid.SadrIranDataError, match="evt-x: GED has no event_clarity for an event dated to a decade"):
        ucdp_layout._event_clarity({**event, "date_precision": "decade"})  # was 2


# --------------------------------------------------------------------------
# Each layout's rules, checked against the files the export writes
# --------------------------------------------------------------------------

# Typed from the sources, not taken from the code. ACLED's regions (acledR, data/acled_countries.rda) and admin1
# spellings (acledR, data/acled_old_deletion_dummy.rda, ACLED events of 2022).
ACLED_REGIONS = {
    "AFG": "Caucasus and Central Asia",
    "IRN": "Middle East",
    "IRQ": "Middle East",
    "ISR": "Middle East",
    "LBN": "Middle East",
    "PAK": "South Asia",
    "USA": "North America",
}
ACLED_FIRST_YEAR = {"AFG": 2017, "IRN": 2016, "IRQ": 2016, "ISR": 2016, "LBN": 2016, "PAK": 2010, "USA": 2020}
ACLED_ADMIN1_SPELLING = {
    "loc-baghdad-governorate": "Baghdad",
    "loc-najaf-governorate": "Al Najaf",
    "loc-salah-ad-din-governorate": "Salah Al Din",
    "loc-ilam-province": "Ilam",
    "loc-khuzistan-province": "Khuzestan",
    "loc-qom-province": "Qom",
    "loc-tehran-province": "Tehran",
}
# ACLED actor names seen in ACLED's data (acledR's 2022 events; the Africa file's 2001-2009 name, as a script quotes it).
ACLED_NAMES_SEEN = {
    "Military Forces of the United States (2001-2009)",
    "Military Forces of the United States (2021-)",
    "Military Forces of Iran (1989-) Islamic Revolutionary Guard Corps",
    "Hezbollah",
}
STATE_FORCES = re.compile(r"^(Military|Police) Forces of (the )?[A-Z][A-Za-z ]+ \((\d{4})-(\d{4})?\)( .+)?$")
# UCDP's actors, dyad and conflict (research-21 section 5, the ESD and GED 23.1 data), and the Gleditsch-Ward numbers.
UCDP_ACTORS = {
    116: "Government of Iraq",
    5659: "al-Mahdi Army",
    114: "Government of Iran",
    3: "Government of United States of America",
    366: "Hezbollah",
    1: "Civilians",
}
GW = {"Government of Iraq": 645, "Government of Iran": 630, "Government of United States of America": 2}
DYAD_13891 = (13891, "Government of Iraq - al-Mahdi Army", 259, "Iraq: Government")


def _cell(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def _names(row: dict[str, Any]) -> list[str]:
    cells = [row[c] for c in ("actor1", "assoc_actor_1", "actor2", "assoc_actor_2") if _cell(row[c])]
    return [name for cell in cells for name in cell.split("; ")]


def _check_a1(row, event, actors):
    disorders, subs = ACLED_TABLE_2[row["event_type"]]
    assert row["disorder_type"] in disorders and row["sub_event_type"] in subs


def _check_a2(row, event, actors):
    assert row["fatalities"] == 0 and "fatalities: none reported in the article" in row["tags"]


def _check_a3(row, event, actors):
    assert row["region"] == ACLED_REGIONS[event["country_iso3"]]
    if event["date_start"].year < ACLED_FIRST_YEAR[event["country_iso3"]]:
        assert f"coded by analogy: ACLED records {row['country']} from {ACLED_FIRST_YEAR[event['country_iso3']]}" in row["tags"]


def _check_a4(row, event, actors):
    if event["admin1_id"] in ACLED_ADMIN1_SPELLING:
        assert row["admin1"] == ACLED_ADMIN1_SPELLING[event["admin1_id"]]
    else:
        assert _cell(row["admin1"]) is None and "admin1 not given: no ACLED spelling confirmed" in row["tags"]


def _check_a5(row, event, actors):
    year = int(row["year"])
    for name in _names(row):
        if (forces := STATE_FORCES.match(name)) is not None:
            first, last = int(forces.group(3)), forces.group(4)
            assert first < year and (last is None or year < int(last)), (name, year)
        if name in ACLED_NAMES_SEEN or re.fullmatch(r"(Civilians|Unidentified Armed Group) \(.+\)", name):
            continue
        assert f"no ACLED name confirmed: {name}" in row["tags"], name
    ids = [a for role in ROLES for a in event[f"{role}_ids"]]
    if "act-us-troops" in ids and 2001 < year < 2009:
        assert "Military Forces of the United States (2001-2009)" in _names(row)


def _check_a6(row, event, actors):
    if row["event_type"] == "Violence against civilians":
        assert (row["actor2"], row["inter2"]) == (f"Civilians ({row['country']})", "Civilians")


def _check_a7(row, event, actors):
    if str(_cell(row["actor1"])).startswith("Unidentified Armed Group"):
        assert row["actor1"] == f"Unidentified Armed Group ({row['country']})" and row["inter1"] == "Political militia"
    perpetrators = [a for role in ("initiator", "participant", "subject") for a in event[f"{role}_ids"]]
    if row["disorder_type"] == "Political violence" and not perpetrators:
        assert row["actor1"] == f"Unidentified Armed Group ({row['country']})"


def _check_a8(row, event, actors):
    inter1, inter2 = _cell(row["inter1"]), _cell(row["inter2"])
    if inter1 is None or (_cell(row["actor2"]) is not None and inter2 is None):
        assert _cell(row["interaction"]) is None
    elif _cell(row["actor2"]) is None:
        assert row["interaction"] == ACLED_TABLE_3[INTER_CODES[inter1] * 10]
    else:
        low, high = sorted((INTER_CODES[inter1], INTER_CODES[inter2]))
        assert row["interaction"] == ACLED_TABLE_3[low * 10 + high]


def _check_a9(row, event, actors):
    targeted = _cell(row["civilian_targeting"]) == "Civilians targeted"
    if row["event_type"] == "Violence against civilians":
        assert targeted
    elif row["event_type"] in ("Battles", "Strategic developments"):
        assert not targeted
    elif row["event_type"] == "Explosions/Remote violence":
        assert targeted == (_cell(row["inter2"]) == "Civilians")


def _check_a10(row, event, actors):
    date = datetime.date.fromisoformat(row["event_date"])
    assert int(row["year"]) == date.year and event["date_start"] <= date <= event["date_end"]
    assert row["time_precision"] == {"day": 1, "month": 3}[event["date_precision"]]
    assert event["date_precision"] == "day" or date.day == 15


def _check_a11(row, event, actors):
    assert row["geo_precision"] in (1, 2, 3) and event["place_type"] != "country"
    for column in ("latitude", "longitude"):
        assert round(row[column], 4) == row[column] and abs(row[column] - event[column]) < 1e-4


def _check_a12(row, event, actors):
    assert int(row["iso"]) == ISO[event["country_iso3"]]


def _check_a13(row, event, actors):
    released = datetime.date.fromisoformat(sid_version.__released__)
    assert row["timestamp"] == calendar.timegm(released.timetuple())
    assert f"timestamp: the release of sadr-iran-data {sid_version.__version__}" in row["tags"]


ACLED_RULE_CHECKS = {
    f"A{i}": check
    for i, check in enumerate(
        (
            _check_a1,
            _check_a2,
            _check_a3,
            _check_a4,
            _check_a5,
            _check_a6,
            _check_a7,
            _check_a8,
            _check_a9,
            _check_a10,
            _check_a11,
            _check_a12,
            _check_a13,
        ),
        start=1,
    )
}


def _check_g1(row, event, actors):
    assert row["type_of_violence"] in (1, 2, 3) and event["event_type"] in ("armed_clash", "attack", "assassination")
    assert event["confidence"] not in ("forecast", "possible")
    assert row["date_prec"] in range(1, 6) and row["where_prec"] in range(1, 8)


def _check_g2(row, event, deaths):
    stated = deaths[event["event_id"]]
    assert row["high"] >= 1 and (row["high"], row["low"]) == (stated.high, stated.low)
    assert (row["deaths_a"], row["deaths_b"], row["deaths_civilians"], row["deaths_unknown"]) == (
        stated.deaths_a,
        stated.deaths_b,
        stated.deaths_civilians,
        stated.deaths_unknown,
    )


def _check_g3(row, event, deaths):
    assert row["best"] == row["deaths_a"] + row["deaths_b"] + row["deaths_civilians"] + row["deaths_unknown"]


def _check_g4(row, event, deaths):
    if row["type_of_violence"] == 3:
        assert (row["side_b"], row["side_b_new_id"]) == ("Civilians", 1)


def _check_g5(row, event, deaths):
    if row["type_of_violence"] == 1:
        assert row["side_a"].startswith("Government of ") and row["gwnoa"] == GW[row["side_a"]]


def _check_g6(row, event, deaths):
    ids = [a for role in ROLES for a in event[f"{role}_ids"]]
    if "act-us-troops" in ids and "act-mahdi-army" in ids:
        assert (row["side_a"], row["side_a_new_id"], row["dyad_new_id"]) == ("Government of Iraq", 116, 13891)


def _check_g7(row, event, deaths):
    assert UCDP_ACTORS[row["side_a_new_id"]] == row["side_a"] and UCDP_ACTORS[row["side_b_new_id"]] == row["side_b"]
    assert (row["dyad_new_id"], row["dyad_name"], row["conflict_new_id"], row["conflict_name"]) == DYAD_13891
    assert (row["dyad_dset_id"], row["conflict_dset_id"], row["side_a_dset_id"]) == (13891, 259, row["side_a_new_id"])
    assert row["active_year"] == {2004: 1, 2006: 0, 2007: 1, 2008: 1}[row["year"]]


def _check_g8(row, event, deaths):
    south, west = divmod(row["priogrid_gid"] - 1, 720)
    assert -90 + south / 2 <= row["latitude"] < -90 + (south + 1) / 2
    assert -180 + west / 2 <= row["longitude"] < -180 + (west + 1) / 2


def _check_g9(row, event, deaths):
    assert row["relid"] == event["event_id"] and row["id"] == -int(event["event_id"].removeprefix("evt-"))


GED_RULE_CHECKS = {
    f"G{i}": check
    for i, check in enumerate((_check_g1, _check_g2, _check_g3, _check_g4, _check_g5, _check_g6, _check_g7, _check_g8, _check_g9), start=1)
}


def test_every_rule_of_each_layout_is_checked_here():
    assert list(ACLED_RULE_CHECKS) == [rule.key for rule in acled_layout.ACLED_RULES]
    assert list(GED_RULE_CHECKS) == [rule.key for rule in ucdp_layout.UCDP_GED_RULES]
    for rule in (*acled_layout.ACLED_RULES, *ucdp_layout.UCDP_GED_RULES):
        assert rule.rule and rule.section and rule.sources and rule.columns


def _exported(layout: _common.Layout) -> pd.DataFrame:
    """The layout's rows as the export writes them, read back by pandas."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "layout.csv"
        _common.write_layout_csv(path, layout.columns, layout.rows, formula_guard=True)
        return pd.read_csv(path)


def test_the_shipped_acled_file_keeps_every_rule(files, events):
    actors = {a["actor_id"]: a for a in sid.load("actors", backend="arrow").to_pylist()}
    frame = pd.read_csv(files / "acled.csv")
    assert len(frame)
    for row in frame.to_dict("records"):
        for check in ACLED_RULE_CHECKS.values():
            check(row, events[row["event_id_cnty"]], actors)


PLACES = [
    "loc-najaf",
    "loc-samarra",
    "loc-baghdad",
    "loc-mehran",
    "loc-tehran",
    "loc-qum",
    "loc-najaf-governorate",
    "loc-southern-iraq",
    "loc-iraq",
]
SOME_ACTORS = [
    "act-mahdi-army",
    "act-us-troops",
    "act-iraqi-government",
    "act-iraq",
    "act-irgc",
    "act-qods-force",
    "act-hezbollah",
    "act-iraqi-shiites",
    "act-muhammad-al-sadr",
    "act-rival-militias",
    "act-moqtada-al-sadr",
]
SOME = st.lists(st.sampled_from(SOME_ACTORS), max_size=2, unique=True)


@st.composite
def made_events(draw, world, event_types=("armed_clash", "attack", "assassination", "concession", "formation", "withdrawal")):
    """Events made for the tests: any of these types and modes, actors, places, days and months, confidences."""
    event = made(
        world,
        event_type=draw(st.sampled_from(event_types)),
        mode=draw(st.sampled_from([None, "explosives"])),
        place=draw(st.sampled_from(PLACES)),
        **{role: draw(SOME) for role in ("initiator", "participant", "target", "victim")},
    )
    event = dated(event, draw(st.integers(1990, 2008)), draw(st.integers(1, 12)), draw(st.none() | st.integers(1, 28)))
    return {
        **event,
        "event_id": f"evt-{draw(st.integers(9000, 9999))}",
        "confidence": draw(st.sampled_from(["asserted", "reported_unverified", "forecast"])),
    }


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_acled_rows_keep_every_rule_whatever_the_event(world, data):
    event = data.draw(made_events(world))
    if event["plover_mode"] == "explosives" and event["event_type"] != "attack":
        event["plover_mode"] = None
    layout = acled_layout.acled([event], world["actors"], world["locations"], world["citations"])
    actors = {a["actor_id"]: a for a in world["actors"]}
    for row in _exported(layout).to_dict("records"):
        for check in ACLED_RULE_CHECKS.values():
            check(row, event, actors)


@st.composite
def dyad_events(draw, world):
    """Clashes and attacks in Iraq between the Mahdi Army and Iraq's government or the U.S. troops, in the years UCDP records their dyad."""
    state = draw(st.sampled_from(["act-iraqi-government", "act-iraq", "act-us-troops"]))
    first, second = draw(st.permutations(["act-mahdi-army", state]))
    event = made(
        world,
        event_type=draw(st.sampled_from(["armed_clash", "attack"])),
        place=draw(st.sampled_from(["loc-najaf", "loc-samarra", "loc-baghdad"])),
        initiator=[first],
        target=[second],
    )
    event = dated(event, draw(st.sampled_from([2004, 2006, 2007, 2008])), draw(st.integers(1, 12)), draw(st.none() | st.integers(1, 28)))
    return {**event, "event_id": f"evt-{draw(st.integers(1, 99999))}"}


DEATHS = st.builds(
    ucdp_layout.Deaths,
    deaths_a=st.integers(0, 50),
    deaths_b=st.integers(0, 50),
    deaths_civilians=st.integers(0, 50),
    deaths_unknown=st.integers(0, 50),
    low=st.integers(0, 100),
    high=st.integers(1, 200),
    source=st.just("a report made for the tests"),
)


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_ged_rows_keep_every_rule_whatever_the_event(world, data):
    event = data.draw(dyad_events(world) | made_events(world, ("armed_clash", "attack", "assassination")))
    deaths = {event["event_id"]: data.draw(DEATHS)}
    layout = ucdp_layout.ucdp_ged([event], world["actors"], world["locations"], world["citations"], deaths=deaths)
    for row in _exported(layout).to_dict("records"):
        for check in GED_RULE_CHECKS.values():
            check(row, event, deaths)


@settings(deadline=None)
@given(data=st.data())
def test_a_dyad_event_is_written_exactly_when_a_death_is_stated(world, data):
    event = data.draw(dyad_events(world))
    stated = data.draw(
        st.none()
        | DEATHS
        | st.builds(ucdp_layout.Deaths, st.just(0), st.just(0), st.just(0), st.just(0), st.just(0), st.just(0), st.just("a report"))
    )
    deaths = {} if stated is None else {event["event_id"]: stated}
    layout = ucdp_layout.ucdp_ged([event], world["actors"], world["locations"], world["citations"], deaths=deaths)
    if stated is not None and stated.high >= 1:
        assert [row["relid"] for row in layout.rows] == [event["event_id"]] and not layout.left_out
    else:
        assert not layout.rows
        expected = "no death stated" if stated is None else "no direct death"
        assert layout.left_out[0]["reason"].split(":")[0] == expected


@pytest.mark.parametrize(
    ("roles", "place", "year", "reason"),
    [
        # Iran's government and the Mahdi Army: UCDP records no such dyad (Iran supports al-Mahdi Army, ESD)
        ({"initiator": ["act-irgc"], "target": ["act-mahdi-army"]}, "loc-najaf", 2004, "no UCDP dyad"),
        # Hezbollah is a UCDP actor, but in no dyad the layout knows
        ({"initiator": ["act-hezbollah"], "target": ["act-us-troops"]}, "loc-najaf", 2004, "no UCDP dyad"),
        # rival militias have no confirmed UCDP actor
        ({"initiator": ["act-rival-militias"], "target": ["act-mahdi-army"]}, "loc-najaf", 2004, "no UCDP actor"),
        # the dyad has no record in 2005 (ESD) nor before 2004
        ({"initiator": ["act-mahdi-army"], "target": ["act-us-troops"]}, "loc-najaf", 2005, "no UCDP dyad in its year"),
        ({"initiator": ["act-mahdi-army"], "target": ["act-iraqi-government"]}, "loc-najaf", 2003, "no UCDP dyad in its year"),
        # nor is the United States recorded among side A's supporters in 2003 (ACD)
        ({"initiator": ["act-mahdi-army"], "target": ["act-us-troops"]}, "loc-najaf", 2003, "no UCDP dyad"),
        # the dyad's conflict is Iraq's: a clash in Iran is none of its events
        ({"initiator": ["act-mahdi-army"], "target": ["act-us-troops"]}, "loc-tehran", 2004, "no UCDP dyad"),
    ],
)
def test_events_outside_the_confirmed_dyads_are_left_out_with_deaths_given(world, roles, place, year, reason):
    event = dated(made(world, place=place, **roles), year, 4)
    _, ged_row = run(world, event)
    assert ged_row["reason"].split(":")[0] == reason


def test_a_foreign_government_is_side_a_only_as_the_dyads_government(world):
    # side A is always a government; a state that supports it with troops fights as that government
    for state in ("act-us-troops", "act-iraqi-government", "act-iraq"):
        _, ged_row = run(world, made(world, initiator=[state], target=["act-mahdi-army"]))
        assert (ged_row["side_a"], ged_row["side_b"], ged_row["gwnoa"], ged_row["gwnob"]) == (
            "Government of Iraq",
            "al-Mahdi Army",
            645,
            None,
        )


# GED 23.1 sample rows (uncertainUCDP data/ucdpged.rda): latitude, longitude and their priogrid_gid.
PRIOGRID_SAMPLE = [(31.992886, 44.925521, 175410), (35.763369, 36.558974, 181154), (-9.65, 20.4, 115601)]


@pytest.mark.parametrize(("latitude", "longitude", "gid"), PRIOGRID_SAMPLE)
def test_priogrid_cells_are_geds(latitude, longitude, gid):
    assert ucdp_layout.priogrid_gid(latitude, longitude) == gid


def test_deaths_are_whole_numbers_with_a_source_and_only_for_the_events_given(world):
    for bad in ({"deaths_a": -1}, {"low": 1.5}, {"high": True}, {"source": " "}):
        fields = {**dict(deaths_a=0, deaths_b=0, deaths_civilians=0, deaths_unknown=1, low=1, high=1, source="a report"), **bad}
        with pytest.raises(sid.SadrIranDataError, match="Deaths"):
            ucdp_layout.Deaths(**fields)
    with pytest.raises(sid.SadrIranDataError, match="not among the events: evt-0999"):
        ucdp_layout.ucdp_ged([made(world)], world["actors"], world["locations"], world["citations"], deaths={"evt-0999": STATED})


def test_ged_ids_come_from_the_event_number_or_are_refused():
    assert ucdp_layout.ged_id("evt-0003") == -3 and ucdp_layout.ged_id("evt-12345") == -12345
    for event_id in ("evt-test", "evt-0000", "evt-12a"):
        with pytest.raises(sid.SadrIranDataError, match="GED's id is a whole number"):
            ucdp_layout.ged_id(event_id)


# --------------------------------------------------------------------------
# Appending to ACLED and GED files: the codebooks' column types, typed here
# --------------------------------------------------------------------------

# ACLED (research-21 4(g); the web codebook has inter1, inter2 and interaction as text). Text as object, which holds
# pandas 3's str and an empty column alike.
ACLED_INTS = ("year", "time_precision", "iso", "geo_precision", "fatalities", "timestamp")
ACLED_FLOATS = ("latitude", "longitude")
# GED 23.1 (the sample: numbers never missing, except gwnoa and gwnob; dates are text in the CSV file).
GED_INTS = (
    "id year active_year type_of_violence conflict_dset_id conflict_new_id dyad_dset_id dyad_new_id side_a_dset_id "
    "side_a_new_id side_b_dset_id side_b_new_id number_of_sources where_prec priogrid_gid country_id event_clarity "
    "date_prec deaths_a deaths_b deaths_civilians deaths_unknown best high low"
).split()
GED_FLOATS = ("latitude", "longitude", "gwnoa", "gwnob")


def _typed(columns: list[str], ints: tuple[str, ...] | list[str], floats: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype="int64" if c in ints else "float64" if c in floats else object) for c in columns})


def _appended_types_change(download: pd.DataFrame, ours: pd.DataFrame) -> dict[str, tuple[Any, Any]]:
    appended = pd.concat([download, ours], ignore_index=True)
    return {c: (download[c].dtype, appended[c].dtype) for c in download.columns if download[c].dtype != appended[c].dtype}


@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_appending_acled_files_changes_no_column_type(files, world, data):
    download = _typed(ACLED_TABLE_1, ACLED_INTS, ACLED_FLOATS)
    assert _appended_types_change(download, pd.read_csv(files / "acled.csv")) == {}
    cities = ["loc-najaf", "loc-samarra", "loc-baghdad", "loc-mehran", "loc-tehran", "loc-qum"]
    made_ = [data.draw(made_events(world, ("armed_clash", "assassination", "concession"))) for _ in range(3)]
    made_ = [
        {**e, **place_of(world, data.draw(st.sampled_from(cities))), "confidence": "asserted", "event_id": f"evt-{9000 + i}"}
        for i, e in enumerate(made_)
    ]
    layout = acled_layout.acled(made_, world["actors"], world["locations"], world["citations"])
    assert len(layout.rows) == 3
    assert _appended_types_change(download, _exported(layout)) == {}


@settings(max_examples=20, deadline=None)
@given(data=st.data())
def test_appending_ged_files_changes_no_column_type(world, data):
    download = _typed(list(ucdp_layout.UCDP_GED_COLUMNS), GED_INTS, GED_FLOATS)
    events_ = [{**data.draw(dyad_events(world)), "event_id": f"evt-{9000 + i}"} for i in range(2)]
    deaths = {e["event_id"]: data.draw(DEATHS) for e in events_}
    layout = ucdp_layout.ucdp_ged(events_, world["actors"], world["locations"], world["citations"], deaths=deaths)
    assert len(layout.rows) == 2
    assert _appended_types_change(download, _exported(layout)) == {}


# --------------------------------------------------------------------------
# The name maps against their sources
# --------------------------------------------------------------------------


def test_acled_names_carry_their_regimes_years_as_the_name_writes_them():
    for actor_id, names in acled_layout.ACLED_ACTOR_NAMES.items():
        for named in names:
            assert named.name in ACLED_NAMES_SEEN and named.source, actor_id
            forces = STATE_FORCES.match(named.name)
            if forces is None:
                assert (named.first_year, named.last_year) == (None, None)
            else:
                last = forces.group(4)
                assert (named.first_year, named.last_year) == (int(forces.group(3)), None if last is None else int(last))


def test_acled_admin1_and_regions_are_acleds():
    assert acled_layout.ACLED_ADMIN1 == ACLED_ADMIN1_SPELLING
    assert {k: c.region for k, c in acled_layout.ACLED_COUNTRIES.items()} == ACLED_REGIONS
    assert {k: c.first_year for k, c in acled_layout.ACLED_COUNTRIES.items()} == ACLED_FIRST_YEAR
    provinces = {p["location_id"] for p in sid.load("locations", backend="arrow").to_pylist() if p["location_type"] == "province"}
    assert provinces == set(ACLED_ADMIN1_SPELLING)  # every province of the data has its ACLED spelling


def test_ucdp_names_and_ids_are_ucdps():
    named = [*ucdp_layout.UCDP_GOVERNMENTS.values(), *ucdp_layout.UCDP_ARMED_GROUPS.values(), ucdp_layout.UCDP_CIVILIANS]
    for actor_ in named:
        if actor_.actor_id in UCDP_ACTORS:
            assert UCDP_ACTORS[actor_.actor_id] == actor_.name
        assert actor_.name == "Civilians" or actor_.name.startswith("Government of ") == (actor_.gwno is not None)
    assert {g.name: g.gwno for g in ucdp_layout.UCDP_GOVERNMENTS.values() if g.name in GW} == GW
    (dyad,) = ucdp_layout.UCDP_DYADS
    assert (dyad.dyad_id, dyad.name, dyad.conflict_id, dyad.conflict_name) == DYAD_13891
    assert (dyad.side_a.actor_id, dyad.side_b.actor_id) == (116, 5659)
    assert all(2 in dyad.secondary_a[year] for year in range(2004, 2009))


def test_no_place_claims_to_follow_acled_practice():
    # ACLED pins a larger region to a named location or a provincial capital; it never uses a country's point
    for place in sid.load("locations", backend="arrow").to_pylist():
        assert "ACLED" not in (place["coordinate_source"] or ""), place["location_id"]
