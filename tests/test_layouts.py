"""The ACLED and UCDP GED layouts: every event accounted for, the mappings checked against the data, the files read by pandas."""

from __future__ import annotations

import datetime
import itertools
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sadr_iran_data as sid
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
    ("attack", "explosives"): ("Political violence", "Explosions/Remote violence", None),
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


def test_acled_rows_are_the_events_of_the_types_the_codebook_records(events, acled, world, clash):
    # Of the article's events only the Samarra bombing has an ACLED type, is reported as having happened, is dated to one
    # month and is placed in a town. The April 2004 clash (evt-0003) is placed nowhere since round 3; the clash made from
    # it, in Najaf, stands in for the Battles row it was.
    assert [row["event_id_cnty"] for row in acled.rows] == ["evt-0051"]
    assert {row["event_id"]: row["reason"] for row in acled.left_out}["evt-0003"].startswith("no place")
    clash_row, _ = run(world, clash)
    assert clash_row["event_id_cnty"] == clash["event_id"]
    triggers = _common.triggers()
    for row, event in [*((row, events[row["event_id_cnty"]]) for row in acled.rows), (clash_row, clash)]:
        # the Samarra bombing: PLOVER does not code it (no named actor), so its trigger, "bombing", says how
        trigger = triggers.get(event["event_id"])
        bombing = event["plover_mode"] == "explosives" or (event["plover_mode"] is None and trigger == "bombing")
        key = (event["event_type"], "explosives") if bombing else event["event_type"]
        assert (row["disorder_type"], row["event_type"], row["sub_event_type"]) == ACLED_EXPECTED_TYPES[key]
        assert event["confidence"] not in ("forecast", "possible")
        assert row["fatalities"] is None and row["timestamp"] is None
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
    assert frame["fatalities"].isna().all()
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


def test_ucdp_writes_only_organised_violence_that_happened(events, ucdp, world, clash):
    # The article's events with the clash made from evt-0003 (which GED wrote until round 3 left it unplaced)
    ged = ucdp_layout.ucdp_ged([*events.values(), clash], world["actors"], world["locations"], world["citations"])
    assert [row["id"] for row in ged.rows] == [*(row["id"] for row in ucdp.rows), clash["event_id"]]
    written = {**events, clash["event_id"]: clash}
    for row in ged.rows:
        event = written[row["id"]]
        assert ucdp_layout.UCDP_TYPES[event["event_type"]].coded
        assert event["confidence"] not in ("forecast", "possible")
        assert row["type_of_violence"] in (1, 2, 3)
        assert row["side_a"] is not None
        assert row["country_id"] == event["country_gw"]
        assert row["date_start"] == event["date_start"].isoformat() and row["date_end"] == event["date_end"].isoformat()
        assert all(row[c] is None for c in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "low", "high"))
    coded = {i for i, e in written.items() if ucdp_layout.UCDP_TYPES[e["event_type"]].coded}
    assert {row["id"] for row in ged.rows} <= coded


def test_state_based_violence_has_a_state_on_side_a(ucdp, world, clash):
    actors = {a["name"]: a for a in sid.load("actors", backend="arrow").to_pylist()}
    _, ged_clash = run(world, clash)  # the Mahdi Army against U.S. troops: GED's row of evt-0003 until round 3
    state_based = [row for row in [*ucdp.rows, ged_clash] if row["type_of_violence"] == ucdp_layout.STATE_BASED]
    assert ged_clash in state_based
    for row in state_based:
        assert actors[row["side_a"]]["actor_type"] in _common.STATE_TYPES
        assert row["gwnoa"] is not None


def test_ucdp_csv_opens_in_pandas_with_geds_columns(files, events, ucdp, world, clash, tmp_path):
    # The article's events give GED no row since round 3 left evt-0003 unplaced: the rows are also written, as the export
    # writes them, with the row of the clash made from it
    _, ged_clash = run(world, clash)
    _common.write_layout_csv(tmp_path / "ucdp_ged.csv", ucdp.columns, [*ucdp.rows, ged_clash], formula_guard=True)
    with_clash = pd.read_csv(tmp_path / "ucdp_ged.csv")
    assert list(with_clash["id"]) == [*(row["id"] for row in ucdp.rows), clash["event_id"]]
    for frame in (pd.read_csv(files / "ucdp_ged.csv"), with_clash):
        assert list(frame.columns) == list(ucdp_layout.UCDP_GED_COLUMNS)
        assert len(frame.columns) == 49
        assert set(GED_COLUMNS) <= set(frame.columns)
        positions = [list(frame.columns).index(c) for c in ("id", "year", "type_of_violence", "side_a", "side_b", "date_start", "date_end")]
        assert positions == sorted(positions)
        assert frame[["best", "low", "high", "deaths_a"]].isna().all().all()
        assert frame["where_prec"].between(1, 7).all() and frame["date_prec"].between(1, 5).all()
    frame = pd.read_csv(files / "ucdp_ged.csv")
    left = pd.read_csv(files / "ucdp_ged_left_out.csv")
    assert list(left.columns) == ["event_id", "reason"]
    assert sorted([*frame["id"], *left["event_id"]]) == sorted(events)


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


def test_the_layouts_write_the_codes_of_each_events_dating_and_place(events, acled, ucdp, world, clash):
    # GED writes none of the article's events since round 3 left the April 2004 clash unplaced: the clash made from it,
    # in Najaf, is written by both layouts.
    acled_clash, ged_clash = run(world, clash)
    assert acled.rows and "reason" not in acled_clash and "reason" not in ged_clash
    written = {**events, clash["event_id"]: clash}
    for row in [*acled.rows, acled_clash]:
        codes = expected_codes(written[row["event_id_cnty"]])
        assert (row["time_precision"], row["geo_precision"]) == (codes["acled_time_precision"], codes["acled_geo_precision"])
    for row in [*ucdp.rows, ged_clash]:
        codes = expected_codes(written[row["id"]])
        assert (row["date_prec"], row["where_prec"]) == (codes["ucdp_date_prec"], codes["ucdp_where_prec"])


# --------------------------------------------------------------------------
# Sides, actor types and the type of violence, on events made for the test
# --------------------------------------------------------------------------

ROLES = ("initiator", "participant", "target", "victim", "subject")
OUR_ACTOR_TYPES = VOCABULARIES["actor_type"].values
# Our actor types ACLED has a type for in Iraq (the test events' country), and GED's organised and civilian ones.
ACLED_TYPED = {"state", "state_body", "state_armed_force", "armed_group", "international_organization", "population_group"}
ORGANISED = {"state", "state_body", "state_armed_force", "armed_group"}


# The wide view's columns of an event's place: its location_id, and the place columns of declarations/views.py.
PLACE_COLUMNS = (
    "location_id place_name place_type admin1_id admin1_name admin1_code country_iso3 country_gw country_cow latitude longitude "
    "geo_precision coordinate_source acled_geo_precision ucdp_where_prec"
).split()


@pytest.fixture(scope="module")
def world() -> dict[str, Any]:
    """A real event put in a real town (the clash of April 2004, dated to a month, in Najaf), and the real places and citations.

    The article places the clash (evt-0003) nowhere since round 3; the template takes its place from evt-0006 (the Mahdi
    Army gives up the same fight), which the article puts in Najaf, where the clash was placed until then.
    """
    wide = {e["event_id"]: e for e in wide_arrow("events").to_pylist()}
    clash, najaf = wide["evt-0003"], wide["evt-0006"]
    assert clash["location_id"] is None and clash["date_precision"] == "month"
    assert najaf["location_id"] == "loc-najaf" and najaf["place_type"] == "city" and najaf["geo_precision"] == "town"
    return {
        "template": {**clash, **{c: najaf[c] for c in PLACE_COLUMNS}},
        "region": wide["evt-0026"],
        "actors": sid.load("actors", backend="arrow").to_pylist(),
        "locations": sid.load("locations", backend="arrow").to_pylist(),
        "citations": sid.load("citations", backend="arrow").to_pylist(),
    }


@pytest.fixture(scope="module")
def clash(world) -> dict[str, Any]:
    """The Mahdi Army's clash with U.S. troops, made from the template: in Najaf, in April 2004, as the article's author tells it."""
    return made(world, initiator=["act-mahdi-army"], target=["act-us-troops"])


def made(world: dict[str, Any], event_type: str = "armed_clash", mode: str | None = None, **roles: list[str]) -> dict[str, Any]:
    event = dict(world["template"], event_id="evt-test", event_type=event_type, plover_mode=mode)
    for role in ROLES:
        event[f"{role}_ids"] = roles.get(role, [])
    return event


def actor(actor_id: str, actor_type: str, country: str | None = "IRQ") -> dict[str, Any]:
    return {"actor_id": actor_id, "name": f"Name of {actor_id}", "actor_type": actor_type, "country": country, "gw_code": None}


def run(world: dict[str, Any], event: dict[str, Any], extra: list[dict[str, Any]] = ()) -> tuple[dict[str, Any], dict[str, Any]]:
    """The event's ACLED and GED outcome: its row, or {"reason": ...}."""
    actors = [*world["actors"], *extra]
    outcome = []
    for layout in (acled_layout.acled, ucdp_layout.ucdp_ged):
        result = layout([event], actors, world["locations"], world["citations"])
        outcome.append(result.rows[0] if result.rows else result.left_out[0])
    return outcome[0], outcome[1]


def test_a_participant_in_a_clash_is_on_the_other_side(world):
    event = made(world, initiator=["act-mahdi-army"], participant=["act-us-troops"])
    acled_row, ged_row = run(world, event)
    assert (acled_row["actor1"], acled_row["assoc_actor_1"], acled_row["actor2"]) == ("Mahdi Army", None, "U.S. troops")
    assert acled_row["interaction"] == "Political militia-External/Other forces"
    assert (ged_row["side_a"], ged_row["side_b"], ged_row["type_of_violence"]) == ("U.S. troops", "Mahdi Army", 1)


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


def test_an_assassination_targets_civilians_named_as_associated_actors(world):
    event = made(world, event_type="assassination", initiator=["act-mahdi-army"], victim=["act-muhammad-al-sadr"])
    acled_row, ged_row = run(world, event)
    assert (acled_row["actor2"], acled_row["assoc_actor_2"], acled_row["inter2"]) == ("Civilians (Iraq)", "Muhammad al-Sadr", "Civilians")
    assert acled_row["interaction"] == "Political militia-Civilians"
    assert acled_row["civilian_targeting"] == "Civilians targeted"
    assert "no ACLED actor type" not in acled_row["tags"]
    assert (ged_row["side_a"], ged_row["side_b"], ged_row["type_of_violence"]) == ("Mahdi Army", "Muhammad al-Sadr", 3)


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
    _, ged_row = run(world, made(world, event_type=event_type, **roles))
    if isinstance(expected, int):
        assert ged_row["type_of_violence"] == expected
    else:
        assert ged_row["reason"].split(":")[0] == expected


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
    if "type_of_violence" in ged_row:
        by_name = {a["name"]: a["actor_type"] for a in extra}
        side_a, side_b = by_name[ged_row["side_a"]], by_name.get(ged_row["side_b"])
        assert side_a in ORGANISED
        if ged_row["type_of_violence"] == 1:
            assert side_a.startswith("state") and side_b in ORGANISED
        elif ged_row["type_of_violence"] == 2:
            assert side_a == side_b == "armed_group"
        else:
            assert side_b not in ORGANISED and event_type != "armed_clash"
            assert event_type == "assassination" or side_b in ("population_group", "person")
    elif event_type in ("armed_clash", "attack", "assassination"):
        assert ged_row["reason"].split(":")[0] in ("no organised actor", "side B not named", "side B not organised")


def test_a_region_at_its_countrys_point_is_left_out_of_both_layouts_alike(world, events):
    place = {k: world["region"][k] for k in ("location_id", "place_name", "place_type", "geo_precision", "latitude", "longitude")}
    assert place["place_type"] == "region" and place["geo_precision"] == "country_centroid"
    event = dict(made(world, initiator=["act-mahdi-army"], target=["act-us-troops"]), **place)
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


def test_ged_sources_carry_their_dates_and_who_the_information_comes_from(world, clash):
    _, row = run(world, clash)  # the article's own events give GED no row since round 3: the clash made from evt-0003
    assert (row["source_date"], row["source_original"], row["number_of_sources"]) == ("2007", "Babak Rahimi", 1)
    told = made(world, initiator=["act-mahdi-army"], target=["act-us-troops"])
    told.update(attributed_to="a young member of the Mahdi Army", citation_id="cit-rahimi-2007-fn6")
    _, ged_row = run(world, told)
    assert (ged_row["source_date"], ged_row["source_original"], ged_row["number_of_sources"]) == (
        "2007; 2005-08-07",
        "a young member of the Mahdi Army",
        2,
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
        ({"country_iso3": "SYR"}, "countries.ISO_NUMERIC has no entry for 'SYR'"),  # was: a row without its iso code
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
