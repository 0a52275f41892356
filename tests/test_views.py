"""Views and queries: the wide rows agree with the tables they are computed from, in every backend."""

from __future__ import annotations

import functools

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sadr_iran_data as sid
from sadr_iran_data.dataset.views import CONFIDENCE_ORDER, JOIN, confidence_of, rolled_up
from sadr_iran_data.declarations import RELATION_FAMILY, RELATION_TYPE, ROLE, VIEWS


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
    with pytest.raises(sid.SadrIranDataError, match="rollup must be 0"):
        sid.load_events(wide=True, rollup=-1)


@settings(max_examples=8, deadline=None)
@given(depth=st.integers(min_value=0, max_value=4))
def test_rollup_counts_every_actor_as_its_ancestor_at_that_depth(rows, depth):
    parents = _parents(rows, "actors", "actor_id", "parent_actor_id")
    plain = {r["relation_id"]: r for r in rows["relations"]}
    ancestors = functools.cache(sid.ancestors)  # asked once per actor: each call reads and checks the actors' file
    rolled = sid.load_relations(wide=True, rollup=depth)
    for row in rolled.itertuples():
        for side in ("source", "target"):
            original = plain[row.relation_id][f"{side}_actor_id"]
            assert getattr(row, f"{side}_actor_id") == rolled_up(parents, original, depth)
            assert len([getattr(row, f"{side}_actor_id"), *ancestors(getattr(row, f"{side}_actor_id"))]) <= depth + 1
    events = sid.load_events(wide=True, rollup=depth)
    for ids in events["initiator_ids"]:
        for actor in ids:
            assert len(ancestors(actor)) <= depth


def test_rollup_zero_counts_every_iranian_state_body_as_iran():
    wide = sid.load_events(wide=True, rollup=0).set_index("event_id")
    assert list(wide.loc["evt-0042", "initiator_ids"]) == ["act-iran"]  # the Revolutionary Guards
    graph = sid.to_networkx(rollup=0)
    assert "act-irgc" not in graph and "act-qods-force" not in graph and "act-iran" in graph
    assert all(graph.nodes[n]["parent_actor_id"] is None for n in graph)


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
