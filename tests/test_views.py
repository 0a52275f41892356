"""Views and queries: the wide rows agree with the tables they are computed from, in every backend."""

from __future__ import annotations

import functools

import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import sadr_iran_data as sid
from sadr_iran_data.dataset.views import CONFIDENCE_ORDER, JOIN, confidence_of, rollup_map, states_of
from sadr_iran_data.declarations import ACTOR_TYPE, CERTAINTY, RELATION_FAMILY, RELATION_TYPE, ROLE, VIEWS


@pytest.fixture(scope="module")
def rows():
    return {name: sid.load(name, backend="arrow").to_pylist() for name in sid.tables()}


@pytest.fixture(scope="module")
def wide_events():
    return sid.load_events(wide=True)


def _evidence(rows, record_id):
    quotes = sorted((e for e in rows["evidence"] if e["record_id"] == record_id), key=lambda e: (e["char_start"], e["char_end"]))
    return [q["evidence_id"] for q in quotes], JOIN.join(q["quote"] for q in quotes)


def _parents(rows, table, key, parent):
    return {r[key]: r[parent] for r in rows[table]}


@pytest.mark.parametrize("name", list(VIEWS))
def test_a_wide_view_has_its_declared_columns_and_dtypes_and_one_row_per_record(name):
    view = VIEWS[name]
    df = sid.load(name, wide=True)
    assert list(df.columns) == list(view.column_names)
    for col in view.columns:
        assert df[col.name].dtype == col.column_type.pandas_dtype(col), col.name
    plain = sid.load(name)
    assert sorted(df[view.primary_key]) == sorted(plain[view.primary_key])
    assert df.attrs["table"] == view.name and set(df.attrs["columns"]) == set(view.column_names)


@pytest.mark.parametrize("name", list(VIEWS))
def test_a_wide_view_holds_the_same_values_in_every_backend(name):
    pl = pytest.importorskip("polars")
    arrow = sid.load(name, backend="arrow", wide=True)
    assert arrow.schema.equals(VIEWS[name].arrow_schema())
    polars = sid.load(name, backend="polars", wide=True)
    assert isinstance(polars, pl.DataFrame)
    assert polars.to_arrow().cast(arrow.schema).to_pylist() == arrow.to_pylist()


def test_wide_events_carry_their_actors_by_role_their_place_and_their_evidence(rows, wide_events):
    actors = {a["actor_id"]: a for a in rows["actors"]}
    places = {p["location_id"]: p for p in rows["locations"]}
    same_fact = {}
    for relation in rows["relations"]:
        for event_id in relation["event_ids"]:
            same_fact.setdefault(event_id, []).append(relation["relation_id"])
    by_id = wide_events.set_index("event_id")
    for event in rows["events"]:
        row = by_id.loc[event["event_id"]]
        for term in ROLE.terms:
            links = sorted(
                link["actor_id"] for link in rows["event_actors"] if link["event_id"] == event["event_id"] and link["role"] == term.value
            )
            assert sorted(row[f"{term.value}_ids"]) == links, (event["event_id"], term.value)
            assert list(row[f"{term.value}_names"]) == [actors[a]["name"] for a in row[f"{term.value}_ids"]]
        ids, text = _evidence(rows, event["event_id"])
        assert list(row["evidence_ids"]) == ids and row["evidence_text"] == text
        assert sorted(row["relation_ids"]) == sorted(same_fact.get(event["event_id"], []))
        place = places.get(event["location_id"])
        if place is None:
            assert pd.isna(row["place_name"]) and pd.isna(row["latitude"]) and pd.isna(row["admin1_id"])
            continue
        assert row["place_name"] == place["name"]
        assert (row["country_iso3"] if pd.notna(row["country_iso3"]) else None) == place["country"]
        assert (row["latitude"], row["longitude"]) == (place["latitude"], place["longitude"]) or pd.isna(row["latitude"])
        chain = [event["location_id"], *sid.ancestors(event["location_id"])]
        provinces = [p for p in chain if places[p]["location_type"] == "province"]
        assert (row["admin1_id"] if pd.notna(row["admin1_id"]) else None) == (provinces[0] if provinces else None)
        if provinces:
            assert row["admin1_code"] == places[provinces[0]]["iso_3166_2"]


def test_wide_relations_name_both_actors_and_carry_their_evidence(rows):
    actors = {a["actor_id"]: a for a in rows["actors"]}
    wide = sid.load_relations(wide=True).set_index("relation_id")
    for relation in rows["relations"]:
        row = wide.loc[relation["relation_id"]]
        for side in ("source", "target"):
            actor = actors[relation[f"{side}_actor_id"]]
            assert row[f"{side}_name"] == actor["name"] and row[f"{side}_type"] == actor["actor_type"]
        ids, text = _evidence(rows, relation["relation_id"])
        assert list(row["evidence_ids"]) == ids and row["evidence_text"] == text


def test_wide_relations_carry_the_family_the_vocabulary_gives_their_type(rows):
    families = {t.value: t.family for t in RELATION_TYPE.terms}
    for backend in ("pandas", "arrow", "polars"):
        wide = sid.load("relations", backend=backend, wide=True)
        frame = wide if backend == "pandas" else wide.to_pandas()
        pairs = dict(
            zip(
                frame["relation_id"],
                zip(frame["relation_type"].astype(str), frame["relation_family"].astype(str), strict=True),
                strict=True,
            )
        )
        assert {key: family for key, (_, family) in pairs.items()} == {
            r["relation_id"]: families[r["relation_type"]] for r in rows["relations"]
        }, backend
        assert all(families[kind] == family for kind, family in pairs.values())
    wide = sid.load_relations(wide=True)
    assert list(wide["relation_family"].cat.categories) == list(RELATION_FAMILY.values)
    # filtering by family is filtering by the types the vocabulary puts in it
    hostile = {t.value for t in RELATION_TYPE.terms if t.family == "hostile"}
    assert set(wide.loc[wide["relation_family"] == "hostile", "relation_id"]) == set(
        wide.loc[wide["relation_type"].isin(hostile), "relation_id"]
    )


def test_the_confidence_scale_follows_certainty_attribution_and_forecasts():
    for certainty in ("stated", "known"):
        assert confidence_of(certainty, "author", "2007-03-08") == "asserted"
    assert confidence_of("likely", "author", "2007-03-08") == "probable"
    assert confidence_of("expected", "author", "2007-03-08") == "possible"
    for kind in ("source", "view", "unnamed", "rumour"):
        assert confidence_of("claimed", kind, "2007-03-08") == "reported_unverified"
    for certainty in ("expected", "likely", "claimed"):
        assert confidence_of(certainty, "author", None) == "forecast"
    assert tuple(sid.declarations.VOCABULARIES["confidence"].values) == CONFIDENCE_ORDER


@pytest.mark.parametrize(
    ("certainty", "attribution_kind", "date_end", "unknown"),
    [
        ("certain", "author", "2007-03-08", "views.CONFIDENCE_OF_CERTAINTY has no entry for 'certain'"),  # was 'asserted'
        ("stated", "editor", "2007-03-08", "views.AUTHORS_OWN has no entry for 'editor'"),  # was 'reported_unverified'
        ("certain", "author", None, "views.CONFIDENCE_OF_CERTAINTY has no entry for 'certain'"),  # was 'forecast'
        ("stated", "editor", None, "views.AUTHORS_OWN has no entry for 'editor'"),
    ],
)
def test_a_certainty_or_attribution_outside_its_vocabulary_has_no_confidence(certainty, attribution_kind, date_end, unknown):
    with pytest.raises(sid.SadrIranDataError, match=unknown + "; it maps the (certainty|attribution_kind) values: "):
        confidence_of(certainty, attribution_kind, date_end)


def _with_value(table, column, row, value):
    """An Arrow table with ``value`` in one row of a column (a vocabulary column stays a dictionary)."""
    import pyarrow as pa

    position = table.schema.get_field_index(column)
    values = table.column(column).to_pylist()
    values[row] = value
    field = table.schema.field(position)
    return table.set_column(position, field, pa.array(values).cast(field.type))


def test_a_support_form_outside_its_vocabulary_is_an_error_not_a_relation_with_no_support_type():
    from sadr_iran_data.dataset import views

    tables = views._arrow_tables(["relations", "actors", "locations", "evidence"])
    supports = next(i for i, r in enumerate(tables["relations"].to_pylist()) if r["support_form"] is not None)
    tables["relations"] = _with_value(tables["relations"], "support_form", supports, "loans")
    with pytest.raises(sid.SadrIranDataError, match="support.MAPPING has no entry for 'loans'"):
        views._relations_wide(tables, None, set(CONFIDENCE_ORDER))  # was a row with no ESD or NAGs support


def test_a_vocabulary_value_the_declarations_do_not_know_is_an_error_not_a_missing_value():
    from sadr_iran_data.dataset._read import _to_pandas, polars_enums

    table = _with_value(sid.load("events", backend="arrow"), "certainty", 0, "certain")
    with pytest.raises(sid.DataIntegrityError, match="events.certainty holds 'certain', which is not a value of its vocabulary"):
        _to_pandas(sid.declarations.TABLES["events"], table)  # was NaN
    pl = pytest.importorskip("polars")
    with pytest.raises(sid.DataIntegrityError, match="events.certainty holds 'certain'"):
        polars_enums(pl.from_arrow(table), "events", {"certainty": list(sid.declarations.CERTAINTY.values)})


@pytest.mark.parametrize("name", list(VIEWS))
@pytest.mark.parametrize("level", CONFIDENCE_ORDER)
def test_min_confidence_keeps_exactly_the_rows_at_least_that_confident(name, level):
    everything = sid.load(name, wide=True)
    kept = sid.load(name, wide=True, min_confidence=level)
    allowed = set(CONFIDENCE_ORDER[: CONFIDENCE_ORDER.index(level) + 1])
    assert set(kept["confidence"]) <= allowed
    assert len(kept) == int(everything["confidence"].isin(allowed).sum())


def test_options_of_the_views_are_checked():
    with pytest.raises(sid.SadrIranDataError, match="unknown confidence"):
        sid.load_events(wide=True, min_confidence="certain")
    with pytest.raises(sid.SadrIranDataError, match="wide=True"):
        sid.load_relations(rollup=0)
    with pytest.raises(sid.SadrIranDataError, match="not of 'actors'"):
        sid.load("actors", wide=True)
    with pytest.raises(sid.SadrIranDataError, match="rollup must be 'state', or a whole number 0 or more .*, not -1$"):
        sid.load_events(wide=True, rollup=-1)


@settings(max_examples=25, deadline=None)
@given(
    rollup=st.one_of(
        st.text(max_size=8).filter(lambda t: t != "state"),
        st.integers(max_value=-1),
        st.booleans(),
        st.floats(allow_nan=False),
        st.sampled_from(["State", "country", " state", "0"]),
    )
)
def test_an_unknown_rollup_level_is_one_line_naming_the_known_ones(rollup):
    for name in VIEWS:
        with pytest.raises(sid.SadrIranDataError) as raised:
            sid.load(name, wide=True, rollup=rollup)
        message = str(raised.value)
        assert len(message.splitlines()) == 1 and "'state'" in message and "a whole number 0 or more" in message
        assert message.endswith(f"not {rollup!r}")
    with pytest.raises(sid.SadrIranDataError, match="rollup must be"):
        sid.neighbors("act-iran", rollup=rollup)


def _depth_below_top(rows, actor_id, depth):
    """The actor ``depth`` levels below the top of ``actor_id``'s hierarchy, walked here from the parents."""
    parents = _parents(rows, "actors", "actor_id", "parent_actor_id")
    chain = [actor_id]
    while parents[chain[-1]] is not None:
        chain.append(parents[chain[-1]])
    top_down = chain[::-1]
    return top_down[min(depth, len(top_down) - 1)]


STRUCTURAL = {t.value for t in RELATION_TYPE.terms if t.family == "structural"}


@settings(max_examples=8, deadline=None)
@given(depth=st.integers(min_value=0, max_value=4))
def test_a_numeric_rollup_counts_every_actor_as_its_ancestor_that_many_levels_below_its_top(rows, depth):
    plain = {r["relation_id"]: r for r in rows["relations"]}
    ancestors = functools.cache(sid.ancestors)  # asked once per actor: each call reads and checks the actors' file
    rolled = sid.load_relations(wide=True, rollup=depth)
    for row in rolled.itertuples():
        relation = plain[row.relation_id]
        ends = [_depth_below_top(rows, relation[f"{side}_actor_id"], depth) for side in ("source", "target")]
        if relation["relation_type"] in STRUCTURAL or ends[0] == ends[1]:  # kept as the article states it
            ends = [relation["source_actor_id"], relation["target_actor_id"]]
        assert [row.source_actor_id, row.target_actor_id] == ends, row.relation_id
    events = sid.load_events(wide=True, rollup=depth)
    for ids in events["initiator_ids"]:
        for actor in ids:
            assert len(ancestors(actor)) <= depth


def test_numeric_depths_count_down_from_the_top_of_each_hierarchy():
    relations = sid.load_relations(wide=True, rollup=1).set_index("relation_id")
    assert relations.loc["rel-0061", "source_actor_id"] == "act-irgc"  # the Qods Force, one level below Iran's top
    relations = sid.load_relations(wide=True, rollup=0).set_index("relation_id")
    assert relations.loc["rel-0061", "source_actor_id"] == "act-iran"
    assert relations.loc["rel-0070", "source_actor_id"] == "act-sadrist-movement"  # the Mahdi Army's top is no state
    actors, all_relations = (sid.load(name, backend="arrow").to_pylist() for name in ("actors", "relations"))
    assert rollup_map(actors, all_relations, 0)["act-ali-khamenei"] == "act-ali-khamenei"  # a depth follows only the parents


def test_rollup_zero_counts_every_iranian_state_body_as_iran(rows):
    wide = sid.load_events(wide=True, rollup=0).set_index("event_id")
    assert list(wide.loc["evt-0042", "initiator_ids"]) == ["act-iran"]  # the Revolutionary Guards
    graph = sid.to_networkx(rollup=0)
    assert "act-irgc" not in graph and "act-qods-force" not in graph and "act-iran" in graph
    tops = {_depth_below_top(rows, a["actor_id"], 0) for a in rows["actors"]}
    kept = {}  # the relations that keep their own actors: structural, or between two actors of one top
    for r in rows["relations"]:
        source, target = r["source_actor_id"], r["target_actor_id"]
        if r["relation_type"] in STRUCTURAL or _depth_below_top(rows, source, 0) == _depth_below_top(rows, target, 0):
            kept[r["relation_id"]] = (source, target)
    assert set(graph) == tops | {end for ends in kept.values() for end in ends}
    assert all(graph.nodes[n]["actor_type"] for n in graph)
    ends = {key: (u, v) for u, v, key in graph.edges(keys=True)}
    assert {key: ends[key] for key in kept} == kept


# --------------------------------------------------------------------------
# The state level: every actor as the state it belongs to
# --------------------------------------------------------------------------


def _actor(actor_id, actor_type, parent=None):
    return {"actor_id": actor_id, "actor_type": actor_type, "parent_actor_id": parent}


def _relation(source, kind, target, certainty="stated", attribution_kind="author", date_end="2007-03-08"):
    return {
        "source_actor_id": source,
        "relation_type": kind,
        "target_actor_id": target,
        "certainty": certainty,
        "attribution_kind": attribution_kind,
        "date_end": date_end,
    }


#: A small world built by hand: two states, their bodies and forces, people placed by what they lead, join or represent.
WORLD = [
    _actor("act-a", "state"),
    _actor("act-a-guards", "state_armed_force", "act-a"),
    _actor("act-a-unit", "state_armed_force", "act-a-guards"),  # two levels below its state
    _actor("act-a-council", "state_body", "act-a"),
    _actor("act-a-officials", "collective", "act-a"),
    _actor("act-b", "state"),
    _actor("act-b-cabinet", "state_body", "act-b"),
    _actor("act-chairman", "person"),  # leads act-a's council
    _actor("act-secretary", "person"),  # a member of act-a's council
    _actor("act-supreme", "person"),  # leads act-a itself
    _actor("act-envoy", "person"),  # represents act-supreme
    _actor("act-rumoured", "person"),  # only rumoured to lead the guards
    _actor("act-forecast", "person"),  # expected to join the cabinet
    _actor("act-claimed", "person"),  # a source claims he is a member
    _actor("act-double", "person"),  # in both states' bodies
    _actor("act-loop-1", "person"),
    _actor("act-loop-2", "person"),
    _actor("act-militia", "armed_group"),  # 'represents' a state, but a militia is no organ of it
    _actor("act-fighters", "collective", "act-militia"),
    _actor("act-cleric", "person"),  # leads only the militia
    _actor("act-bloc", "collective"),  # member of the cabinet
]
WORLD_RELATIONS = [
    _relation("act-chairman", "leads", "act-a-council"),
    _relation("act-secretary", "member_of", "act-a-council"),
    _relation("act-supreme", "leads", "act-a"),
    _relation("act-envoy", "represents", "act-supreme"),
    _relation("act-rumoured", "leads", "act-a-guards", "rumored", "rumour"),
    _relation("act-forecast", "member_of", "act-b-cabinet", "expected", "author", None),
    _relation("act-claimed", "member_of", "act-b-cabinet", "claimed", "source"),
    _relation("act-double", "member_of", "act-a-council"),
    _relation("act-double", "member_of", "act-b-cabinet"),
    _relation("act-loop-1", "represents", "act-loop-2"),
    _relation("act-loop-2", "represents", "act-loop-1"),
    _relation("act-militia", "represents", "act-a"),
    _relation("act-cleric", "leads", "act-militia"),
    _relation("act-bloc", "member_of", "act-b-cabinet", "likely"),
    _relation("act-chairman", "supports", "act-b-cabinet"),  # not a membership
]
WORLD_STATES = {
    "act-a": "act-a",
    "act-a-guards": "act-a",
    "act-a-unit": "act-a",
    "act-a-council": "act-a",
    "act-a-officials": "act-a",
    "act-b": "act-b",
    "act-b-cabinet": "act-b",
    "act-chairman": "act-a",
    "act-secretary": "act-a",
    "act-supreme": "act-a",
    "act-envoy": "act-a",
    "act-rumoured": None,
    "act-forecast": None,
    "act-claimed": None,
    "act-double": None,
    "act-loop-1": None,
    "act-loop-2": None,
    "act-militia": None,
    "act-fighters": None,
    "act-cleric": None,
    "act-bloc": "act-b",
}


def test_states_of_a_small_hand_built_world():
    assert states_of(WORLD, WORLD_RELATIONS) == WORLD_STATES
    rolled = rollup_map(WORLD, WORLD_RELATIONS, "state")
    assert rolled == {key: state or key for key, state in WORLD_STATES.items()}
    assert rollup_map(WORLD, WORLD_RELATIONS, 0)["act-a-unit"] == "act-a"
    assert rollup_map(WORLD, WORLD_RELATIONS, 1)["act-a-unit"] == "act-a-guards"  # depth counts from the top
    assert rollup_map(WORLD, WORLD_RELATIONS, 0)["act-chairman"] == "act-chairman"  # a depth follows only the parents


def _reference_states(actors, relations):
    """The states of ``actors`` by another road: every path of trusted memberships walked from each actor."""
    kinds = {a["actor_id"]: a["actor_type"] for a in actors}
    parents = {a["actor_id"]: a["parent_actor_id"] for a in actors}

    def top_state(actor_id):
        seen = set()
        while actor_id is not None and actor_id not in seen:
            if kinds[actor_id] == "state":
                return actor_id
            seen.add(actor_id)
            actor_id = parents[actor_id]
        return None

    edges = {}
    for r in relations:
        trusted = confidence_of(r["certainty"], r["attribution_kind"], r["date_end"]) in ("asserted", "probable")
        if r["relation_type"] in ("leads", "member_of", "represents") and trusted:
            edges.setdefault(r["source_actor_id"], []).append(r["target_actor_id"])

    def walk(actor_id, path):
        own = top_state(actor_id)
        if own is not None:
            return {own}
        if kinds[actor_id] not in ("person", "collective"):
            return set()
        return set().union(*(walk(t, path | {actor_id}) for t in edges.get(actor_id, []) if t not in path))

    states = {a: walk(a, frozenset()) for a in kinds}
    return {a: next(iter(s)) if len(s) == 1 else None for a, s in states.items()}


@st.composite
def _worlds(draw):
    size = draw(st.integers(min_value=1, max_value=12))
    ids = [f"act-{n}" for n in range(size)]
    actors = []
    for n, actor_id in enumerate(ids):
        parent = draw(st.one_of(st.none(), st.sampled_from(ids[:n]))) if n else None  # parents come first: no cycles
        actors.append(_actor(actor_id, draw(st.sampled_from(ACTOR_TYPE.values)), parent))
    relations = []
    for _ in range(draw(st.integers(min_value=0, max_value=20))):
        certainty = draw(st.sampled_from(CERTAINTY.values))
        kind = draw(st.sampled_from(["leads", "member_of", "represents", "supports", "ally", "follows"]))
        attribution = draw(st.sampled_from(["author", "source", "view", "rumour", "unnamed"]))
        date_end = draw(st.sampled_from(["2007-03-08", None]))
        relations.append(_relation(draw(st.sampled_from(ids)), kind, draw(st.sampled_from(ids)), certainty, attribution, date_end))
    return actors, relations


@settings(max_examples=50, deadline=None)
@given(world=_worlds())
@example(world=(WORLD, WORLD_RELATIONS))  # chains, loops, doubtful and doubled memberships, a militia: the edges, tried first
@example(world=([_actor("act-0", "state")], []))  # a state alone
@example(world=([_actor("act-0", "person")], [_relation("act-0", "leads", "act-0")]))  # a person who leads himself
@example(world=([_actor("act-0", "state"), _actor("act-1", "state")], [_relation("act-0", "member_of", "act-1")]))  # a state stays itself
@example(  # a person in a collective in a state's body, and a body whose parent is a person
    world=(
        [_actor("act-0", "state"), _actor("act-1", "state_body", "act-0"), _actor("act-2", "collective"), _actor("act-3", "person")],
        [_relation("act-2", "member_of", "act-1"), _relation("act-3", "member_of", "act-2")],
    )
)
def test_states_of_agrees_with_a_fixed_point_of_the_memberships(world):
    actors, relations = world
    states = states_of(actors, relations)
    assert states == _reference_states(actors, relations)
    kinds = {a["actor_id"]: a["actor_type"] for a in actors}
    for actor_id, state in states.items():
        assert state is None or kinds[state] == "state"
        if kinds[actor_id] == "state":
            assert state == actor_id


#: The article's actors that belong to a state, read off the actors and their stated offices; every other actor stays itself.
SHIPPED_STATES = {
    **dict.fromkeys(["act-iran", "act-irgc", "act-qods-force", "act-expediency-council", "act-supreme-national-security-council",
                     "act-iranian-officials", "act-iranian-intelligence-officers", "act-iranian-government-clerics",
                     "act-ali-khamenei", "act-hashemi-rafsanjani", "act-ali-larijani"], "act-iran"),
    **dict.fromkeys(["act-iraq", "act-iraqi-government", "act-iraqi-national-assembly", "act-baathist-regime", "act-saddam-hussein"],
                    "act-iraq"),
    **dict.fromkeys(["act-united-states", "act-us-administration", "act-us-troops"], "act-united-states"),
    "act-israel": "act-israel",
    "act-lebanon": "act-lebanon",
}  # fmt: skip


def test_at_the_state_level_every_actor_is_its_state_or_itself(rows):
    expected = {a["actor_id"]: SHIPPED_STATES.get(a["actor_id"], a["actor_id"]) for a in rows["actors"]}
    assert rollup_map(rows["actors"], rows["relations"], "state") == expected
    links = {}
    for link in rows["event_actors"]:
        links.setdefault((link["event_id"], link["role"]), set()).add(expected[link["actor_id"]])
    events = sid.load_events(wide=True, rollup="state")
    for row in events.itertuples():
        for term in ROLE.terms:
            assert set(getattr(row, f"{term.value}_ids")) == links.get((row.event_id, term.value), set()), (row.event_id, term.value)


def test_khamenei_counts_for_iran_at_the_state_level():
    events = sid.load_events(wide=True, rollup="state").set_index("event_id")
    assert "act-iran" in set(events.loc["evt-0004", "initiator_ids"])  # ayatollahs in Iran, Khamenei among them, were upset
    assert list(events.loc["evt-0033", "host_ids"]) == ["act-iran"]  # Rafsanjani and Khamenei received al-Sadr
    assert list(events.loc["evt-0038", "initiator_ids"]) == ["act-iran"]  # Larijani, of the Security Council, invited him
    by_depth = sid.load_events(wide=True, rollup=0).set_index("event_id")
    assert "act-iran" not in set(by_depth.loc["evt-0004", "initiator_ids"])  # a depth follows only the parents
    plain = sid.load_events(wide=True)
    state = sid.load_events(wide=True, rollup="state")
    khamenei = set(plain.loc[sid.has_actor(plain["initiator_ids"], "act-ali-khamenei"), "event_id"])
    iran = set(state.loc[state["initiator_ids"].map(lambda ids: "act-iran" in ids), "event_id"])
    assert khamenei and khamenei <= iran


def test_the_qods_force_rolls_up_to_iran_at_the_state_level():
    relations = sid.load_relations(wide=True, rollup="state").set_index("relation_id")
    assert relations.loc["rel-0061", ["source_actor_id", "source_name", "source_country"]].tolist() == ["act-iran", "Iran", "IRN"]
    assert relations.loc["rel-0061", "target_actor_id"] == "act-hezbollah"  # a non-state actor stays itself
    assert relations.loc["rel-0070", "source_actor_id"] == "act-mahdi-army"  # no state: not the Sadrist movement, as at depth 0
    assert sid.ancestors("act-qods-force")[-1] == "act-iran"


@pytest.mark.parametrize("rollup", ["state", 0, 1, 2])
def test_structural_relations_are_never_rolled_into_statements_about_the_state(rows, rollup):
    plain = {r["relation_id"]: r for r in rows["relations"]}
    rolled = sid.load_relations(wide=True, rollup=rollup)
    for row in rolled.itertuples():
        relation = plain[row.relation_id]
        if relation["relation_type"] in STRUCTURAL:
            assert (row.source_actor_id, row.target_actor_id) == (relation["source_actor_id"], relation["target_actor_id"])
        assert row.source_actor_id != row.target_actor_id
    said = set(zip(rolled["source_name"], rolled["relation_type"].astype(str), rolled["target_name"], strict=True))
    assert ("Ali Akbar Hashemi Rafsanjani", "leads", "Iran") not in said and ("Ali Larijani", "member_of", "Iran") not in said
    assert len(rolled) == len(plain)


def test_the_state_level_reaches_every_rollup_the_views_take(rows):
    graph = sid.to_networkx(rollup="state")
    assert "act-qods-force" not in graph and "act-ali-khamenei" in graph  # Khamenei stays for 'leads Iran'
    assert graph.has_edge("act-iran", "act-hezbollah", "rel-0061") and graph.has_edge("act-ali-khamenei", "act-iran", "rel-0003")
    assert all(graph.nodes[n]["actor_type"] for n in graph)
    neighbours = sid.neighbors("act-qods-force", rollup="state")
    assert set(neighbours["relation_id"]) == set(sid.neighbors("act-iran", rollup="state")["relation_id"])
    assert {"rel-0061", "rel-0027", "rel-0085"} <= set(neighbours["relation_id"])
    assert "rel-0008" not in set(neighbours["relation_id"])  # Rafsanjani chairs the Expediency Council: no relation of Iran's


def test_to_networkx_keeps_the_edges_at_least_that_confident():
    graph = sid.to_networkx(min_confidence="asserted")
    assert graph.number_of_edges() == int((sid.load_relations(wide=True)["confidence"] == "asserted").sum())
    assert {d["confidence"] for _, _, d in graph.edges(data=True)} == {"asserted"}


def test_hierarchies_walk_the_parents_both_ways(rows):
    assert sid.ancestors("act-qods-force") == ["act-irgc", "act-iran"]
    assert sid.ancestors("loc-qum") == ["loc-qom-province", "loc-iran"]
    assert sid.ancestors("loc-iran") == []
    ancestors, descendants = functools.cache(sid.ancestors), functools.cache(sid.descendants)  # each asked once per id
    for table, key, parent in (("actors", "actor_id", "parent_actor_id"), ("locations", "location_id", "parent_location_id")):
        ids = [r[key] for r in rows[table]]
        for record_id in ids:
            for other in descendants(record_id):
                assert record_id in ancestors(other)
            for up in ancestors(record_id):
                assert record_id in descendants(up)
        roots = [r[key] for r in rows[table] if r[parent] is None]
        assert sorted(ids) == sorted(roots + [d for r in roots for d in descendants(r)])


def test_hierarchy_queries_refuse_what_has_none():
    with pytest.raises(KeyError, match="act-nobody"):
        sid.ancestors("act-nobody")
    with pytest.raises(sid.SadrIranDataError, match="neither an actor"):
        sid.descendants("evt-0001")
    with pytest.raises(sid.RetiredIdError):
        sid.evidence_for("eva-0016-israel")


def test_neighbors_are_the_relations_at_either_end(rows):
    found = sid.neighbors("act-hezbollah")
    mine = [r for r in rows["relations"] if "act-hezbollah" in (r["source_actor_id"], r["target_actor_id"])]
    assert sorted(found["relation_id"]) == sorted(r["relation_id"] for r in mine)
    for row in found.itertuples():
        relation = next(r for r in mine if r["relation_id"] == row.relation_id)
        if not relation["directed"]:
            assert row.direction == "both"
        elif row.direction == "out":
            assert relation["source_actor_id"] == "act-hezbollah" and relation["target_actor_id"] == row.neighbor_id
        else:
            assert relation["target_actor_id"] == "act-hezbollah" and relation["source_actor_id"] == row.neighbor_id
    supports = sid.neighbors("act-hezbollah", relation_types=["supports"])
    assert set(supports["relation_type"]) == {"supports"} and len(supports) < len(found)


def test_evidence_for_a_record_is_its_quotes_in_the_order_of_the_text(rows):
    for record_id in ("evt-0016", "rel-0060", "act-iran", "cit-rahimi-2007-fn6"):
        quotes = sid.evidence_for(record_id)
        expected, _ = _evidence(rows, record_id)
        assert quotes["evidence_id"].tolist() == expected
        assert quotes["char_start"].is_monotonic_increasing
        looked_up = sid.lookup(record_id, evidence=True)["evidence"]
        assert [q["evidence_id"] for q in looked_up] == expected


def test_the_loaders_carry_every_columns_description():
    events = sid.load_events()
    assert events.attrs["columns"]["certainty"] == sid.declarations.TABLES["events"].column("certainty").description
    assert "certainty" in (sid.load_events.__doc__ or "")


# --------------------------------------------------------------------------
# Splinters
# --------------------------------------------------------------------------


def test_the_article_s_splinters_are_linked_to_what_they_split_from(rows):
    assert sid.splinters("act-mahdi-army") == ["act-mahdi-army-offshoot-leaders"]
    assert sid.splinters("act-sadrist-movement") == [
        "act-mahdi-army-offshoot-leaders",  # split from the Mahdi Army, which lies within the movement
        "act-new-radical-militias",
        "act-sadrist-splinter-groups",
    ]
    assert sid.splinters("act-mahdi-army-soldiers") == [] and sid.splinters("act-iran") == []
    assert "act-mahdi-army-challengers" in sid.descendants("act-mahdi-army")  # within the militia: no splinter
    split = {(r["source_actor_id"], r["target_actor_id"]) for r in rows["relations"] if r["relation_type"] == "splinter_of"}
    assert split == {
        ("act-mahdi-army-offshoot-leaders", "act-mahdi-army"),
        ("act-sadrist-splinter-groups", "act-sadrist-movement"),
        ("act-new-radical-militias", "act-sadrist-movement"),
    }
    actors = {a["actor_id"]: a for a in rows["actors"]}
    assert all(actors[source]["parent_actor_id"] is None for source, _ in split)  # a splinter is no longer part of it
    assert sid.splinters("act-mahdi-army", min_confidence="asserted") == ["act-mahdi-army-offshoot-leaders"]
    with pytest.raises(KeyError, match="act-nobody"):
        sid.splinters("act-nobody")
    with pytest.raises(sid.SadrIranDataError, match="only actors split off"):
        sid.splinters("loc-najaf")


def test_a_mahdi_army_query_can_count_its_splinters(wide_events):
    plain = set(wide_events.loc[sid.has_actor(wide_events["initiator_ids"], "act-mahdi-army"), "event_id"])
    with_splinters = set(wide_events.loc[sid.has_actor(wide_events["initiator_ids"], "act-mahdi-army", splinters=True), "event_id"])
    assert "evt-0100" not in plain and "evt-0100" in with_splinters  # offshoot Mahdi Army leaders paved the way to new militias
    assert plain < with_splinters
    offshoots = set(wide_events.loc[sid.has_actor(wide_events["initiator_ids"], "act-mahdi-army-offshoot-leaders"), "event_id"])
    assert with_splinters == plain | offshoots
    relations = sid.load_relations(wide=True)
    mask = sid.has_actor(relations["source_actor_id"].map(lambda a: [a]), "act-sadrist-movement", splinters=True)
    assert {"rel-0092", "rel-0093", "rel-0094"} <= set(relations.loc[mask, "relation_id"])


@st.composite
def _split_worlds(draw):
    size = draw(st.integers(min_value=1, max_value=10))
    ids = [f"act-{n}" for n in range(size)]
    parents = {key: (draw(st.one_of(st.none(), st.sampled_from(ids[:n]))) if n else None) for n, key in enumerate(ids)}
    edges = draw(st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), max_size=12))  # (splinter, what it split from)
    return parents, edges, draw(st.sampled_from(ids))


@settings(max_examples=60, deadline=None)
@given(world=_split_worlds())
@example(world=({"act-0": None}, [("act-0", "act-0")], "act-0"))  # a splinter of itself
@example(world=({"act-0": None, "act-1": None}, [("act-0", "act-1"), ("act-1", "act-0")], "act-0"))  # each split from the other
@example(world=({"act-0": None, "act-1": "act-0"}, [("act-1", "act-0")], "act-0"))  # a part split from what it lies within
@example(world=({"act-0": None, "act-1": None, "act-2": None}, [("act-1", "act-0"), ("act-2", "act-1")], "act-0"))  # a splinter's splinter
@example(  # a splinter of a part, and what lies within that splinter
    world=({"act-0": None, "act-1": "act-0", "act-2": None, "act-3": "act-2"}, [("act-2", "act-1")], "act-0")
)
def test_split_off_is_the_closure_of_splits_and_what_lies_within(world):
    from sadr_iran_data.dataset.views import split_off

    parents, edges, actor_id = world

    def within(key):  # the actor and every actor whose chain of parents passes through it
        out = set()
        for other in parents:
            up = other
            while up is not None:
                if up == key:
                    out.add(other)
                    break
                up = parents[up]
        return out

    reach = within(actor_id)
    changed = True
    while changed:  # a fixed point: add every splinter of what is reached, with what lies within it
        new = {a for splinter, source in edges if source in reach for a in within(splinter)} - reach
        reach |= new
        changed = bool(new)
    split_from = {}
    for splinter, source in edges:
        split_from.setdefault(source, []).append(splinter)
    assert split_off(parents, split_from, actor_id) == sorted(reach - within(actor_id))
