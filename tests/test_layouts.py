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
from sadr_iran_data import layouts
from sadr_iran_data.cli import main
from sadr_iran_data.declarations import VOCABULARIES
from sadr_iran_data.exports import export
from sadr_iran_data.views import wide_arrow

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
# ACLED's Table 3: the interaction codes that exist (lower Inter code first; X0 = "X only").
ACLED_TABLE_3 = {10, 11, 12, 13, 14, 15, 16, 17, 18, 20, 22, 23, 24, 25, 26, 27, 28, 30, 33, 34, 35, 36, 37, 38, 40, 44, 45, 46, 47, 48}
ACLED_TABLE_3 |= {50, 55, 56, 57, 58, 60, 66, 67, 68, 70, 77, 78, 80, 88}
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
def acled() -> layouts.Layout:
    return sid.to_acled()


@pytest.fixture(scope="module")
def ucdp() -> layouts.Layout:
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


@pytest.mark.parametrize("name, mapping", [("ACLED_TYPES", layouts.ACLED_TYPES), ("UCDP_TYPES", layouts.UCDP_TYPES)])
def test_every_event_type_is_mapped_with_a_reason(name, mapping):
    assert list(mapping) == list(VOCABULARIES["event_type"].values)
    assert all(entry.reason for entry in mapping.values())


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
    for kind in [*layouts.ACLED_TYPES.values(), *layouts.ACLED_BY_MODE.values()]:
        if kind.event_type is None:
            assert kind.disorder_type is None and kind.sub_event_type is None
            continue
        disorders, subs = ACLED_TABLE_2[kind.event_type]
        assert kind.disorder_type in disorders
        assert kind.sub_event_type is None or kind.sub_event_type in subs


def test_acled_rows_follow_the_declared_mapping(events, acled):
    assert acled.rows
    for row in acled.rows:
        event = events[row["event_id_cnty"]]
        kind = layouts.acled_type(event["event_type"], event["plover_mode"])
        assert (row["disorder_type"], row["event_type"], row["sub_event_type"]) == (
            kind.disorder_type,
            kind.event_type,
            kind.sub_event_type,
        )
        assert row["event_type"] is not None
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
    for event_id, event in events.items():
        if event["confidence"] in ("forecast", "possible"):
            continue
        kind = layouts.acled_type(event["event_type"], event["plover_mode"])
        if kind.event_type is None:
            assert reasons[event_id].startswith("no ACLED event type"), event_id
        elif event["date_precision"] in ("year", "decade", "unknown"):
            assert event_id in reasons and "ACLED" in reasons[event_id], event_id
        elif event["location_id"] is None:
            assert reasons[event_id].startswith("no place"), event_id


def test_every_country_of_the_data_has_an_iso_numeric_code():
    countries = {p["country"] for p in sid.load("locations", backend="arrow").to_pylist() if p["country"]}
    countries |= {e["country_iso3"] for e in wide_arrow("events").to_pylist() if e["country_iso3"]}
    assert countries <= set(layouts.ISO_NUMERIC)
    assert {k: int(v) for k, v in layouts.ISO_NUMERIC.items()} == ISO
    assert all(len(v) == 3 for v in layouts.ISO_NUMERIC.values())


INTER = st.sampled_from(layouts.ACLED_INTER_LABELS)


@given(a=INTER, b=st.none() | INTER)
def test_interaction_is_symmetric_and_a_code_of_table_3(a, b):
    digits = {label: i for i, label in enumerate(layouts.ACLED_INTER_LABELS, start=1)}
    text = layouts.acled_interaction(a, b)
    assert text is not None
    if b is None:
        assert text == f"{a} only"
        assert digits[a] * 10 in ACLED_TABLE_3
        return
    assert text == layouts.acled_interaction(b, a)
    low, high = sorted((digits[a], digits[b]))
    assert text == f"{layouts.ACLED_INTER_LABELS[low - 1]}-{layouts.ACLED_INTER_LABELS[high - 1]}"
    assert low * 10 + high in ACLED_TABLE_3


@given(kind=st.sampled_from(layouts.STATE_TYPES), home=st.sampled_from(sorted(ISO)), where=st.sampled_from(sorted(ISO)))
def test_state_actors_are_external_forces_abroad(kind, home, where):
    inter = layouts.acled_inter({"actor_type": kind, "country": home}, where)
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


def test_ucdp_writes_only_organised_violence_that_happened(events, ucdp):
    for row in ucdp.rows:
        event = events[row["id"]]
        assert layouts.UCDP_TYPES[event["event_type"]].coded
        assert event["confidence"] not in ("forecast", "possible")
        assert row["type_of_violence"] in (1, 2, 3)
        assert row["side_a"] is not None
        assert row["country_id"] == event["country_gw"]
        assert row["date_start"] == event["date_start"].isoformat() and row["date_end"] == event["date_end"].isoformat()
        assert all(row[c] is None for c in ("deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "low", "high"))
    coded = {i for i, e in events.items() if layouts.UCDP_TYPES[e["event_type"]].coded}
    assert {row["id"] for row in ucdp.rows} <= coded


def test_state_based_violence_has_a_state_on_side_a(ucdp):
    actors = {a["name"]: a for a in sid.load("actors", backend="arrow").to_pylist()}
    for row in ucdp.rows:
        if row["type_of_violence"] == layouts.STATE_BASED:
            assert actors[row["side_a"]]["actor_type"] in layouts.STATE_TYPES
            assert row["gwnoa"] is not None


def test_ucdp_csv_opens_in_pandas_with_geds_columns(files, events):
    frame = pd.read_csv(files / "ucdp_ged.csv")
    assert list(frame.columns) == list(layouts.UCDP_GED_COLUMNS)
    assert len(frame.columns) == 49
    assert set(GED_COLUMNS) <= set(frame.columns)
    positions = [list(frame.columns).index(c) for c in ("id", "year", "type_of_violence", "side_a", "side_b", "date_start", "date_end")]
    assert positions == sorted(positions)
    assert frame[["best", "low", "high", "deaths_a"]].isna().all().all()
    assert frame["where_prec"].between(1, 7).all() and frame["date_prec"].between(1, 5).all()
    left = pd.read_csv(files / "ucdp_ged_left_out.csv")
    assert list(left.columns) == ["event_id", "reason"]
    assert sorted([*frame["id"], *left["event_id"]]) == sorted(events)


@pytest.mark.parametrize(("mapping", "codes"), [(layouts.UCDP_DATE_PRECISION, range(1, 6)), (layouts.UCDP_WHERE_PRECISION, range(1, 8))])
def test_ucdp_precision_codes_are_in_geds_range(mapping, codes):
    assert all(c.code is None or c.code in codes for c in mapping.values())


def test_acled_precision_codes_are_in_acleds_range():
    for code in itertools.chain(layouts.ACLED_TIME_PRECISION.values(), layouts.ACLED_GEO_PRECISION.values()):
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
    for name, kind in layouts.ACLED_TYPES.items():
        assert f"`{name}`" in committed and kind.reason.replace("|", "\\|") in committed
    assert all(f"`{column}`" in committed for column in (*layouts.ACLED_COLUMNS, *layouts.UCDP_GED_COLUMNS))


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
        if pd.isna(event["location_id"]):
            assert codes["acled_geo_precision"] is None and codes["ucdp_where_prec"] is None, event["event_id"]
        elif event["place_type"] == "country":
            assert codes["acled_geo_precision"] is None and codes["ucdp_where_prec"] == 6, event["event_id"]
        elif event["place_type"] in ("city", "town"):
            assert codes["acled_geo_precision"] == 1 and codes["ucdp_where_prec"] == 1, event["event_id"]
    assert wide["acled_time_precision"].notna().any() and wide["ucdp_where_prec"].notna().any()


def test_the_layouts_write_the_precision_codes_of_the_wide_view(events, acled, ucdp):
    wide = sid.load_events(wide=True).set_index("event_id")
    for rows, pairs in (
        (acled.rows, {"time_precision": "acled_time_precision", "geo_precision": "acled_geo_precision"}),
        (ucdp.rows, {"date_prec": "ucdp_date_prec", "where_prec": "ucdp_where_prec"}),
    ):
        assert rows
        for row in rows:
            event_id = row.get("event_id_cnty") or row.get("id")
            for theirs, ours in pairs.items():
                assert row[theirs] == wide.at[event_id, ours], (event_id, theirs)
