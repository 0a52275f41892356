"""Views and queries over the shipped tables: wide rows, hierarchies, neighbours, confidence and evidence.

The shipped tables stay normalised. The wide views (one row per event or
relation, with actors by role, place, coordinates and evidence) are computed
from them at load, in Arrow, and converted to the backend asked for; their
columns are declared in :data:`sadr_iran_data.declarations.VIEWS` and
documented in the data dictionary. Nothing is cached.

A roll-up (``rollup=`` on the wide views, :func:`neighbors` and
``to_networkx``) counts every actor as another: ``"state"`` as the state it
belongs to (:func:`states_of`), a whole number as its ancestor that many
levels below the top of its own hierarchy (:func:`rolled_up`). Relations of
the structural family (``leads``, ``member_of``, ``represents``, ``part_of``,
…) are never rolled: they keep their own actors at every level, and so does
a relation whose two actors would roll up into one.

Examples
--------
>>> import sadr_iran_data as sid
>>> sid.ancestors("act-qods-force")
['act-irgc', 'act-iran']
>>> sid.ancestors("loc-qum")
['loc-qom-province', 'loc-iran']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ..codes import support
from ..codes._keyed import Keyed
from ..declarations import ACTOR_TYPE, ATTRIBUTION_KIND, CERTAINTY, CONFIDENCE, RELATION_TYPE
from ..errors import SadrIranDataError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from ..declarations import Table

#: The confidence scale, most confident first (the ``confidence`` vocabulary).
CONFIDENCE_ORDER = CONFIDENCE.values
#: What joins a row's quotes in ``evidence_text``.
JOIN = " … "

#: certainty -> the confidence of the author's own claim worded so: his hedges make it probable or possible, and what he
#: words as someone's claim, an allegation or a rumour is reported, unverified.
CONFIDENCE_OF_CERTAINTY: Keyed[str] = Keyed(
    "views.CONFIDENCE_OF_CERTAINTY",
    "certainty",
    {
        "stated": "asserted",
        "known": "asserted",
        "likely": "probable",
        "rumored": "reported_unverified",
        "claimed": "reported_unverified",
        "alleged": "reported_unverified",
        "expected": "possible",
    },
)
#: attribution_kind -> whether the row is the author's own claim; anyone else's is reported, unverified, whatever its hedge.
AUTHORS_OWN: Keyed[bool] = Keyed(
    "views.AUTHORS_OWN", "attribution_kind", {"author": True, "source": False, "view": False, "rumour": False, "unnamed": False}
)
CONFIDENCE_OF_CERTAINTY.check_covers(CERTAINTY.values)
AUTHORS_OWN.check_covers(ATTRIBUTION_KIND.values)
if not set(CONFIDENCE_OF_CERTAINTY.values()) <= set(CONFIDENCE_ORDER):
    raise ImportError("views.CONFIDENCE_OF_CERTAINTY must give values of the confidence vocabulary")

#: The named levels of a roll-up, each with what it counts an actor as; a whole number is a depth (:func:`rolled_up`).
ROLLUP_LEVELS: dict[str, str] = {
    "state": "the state the actor belongs to (states_of): a state body or force through its parents, a person or a collective "
    "through the relations it leads, is a member of or represents; an actor of no state, or of more than one, stays itself",
}
#: The relation types through which a person or a collective belongs to what it leads, is a member of or represents.
MEMBERSHIP_TYPES = ("leads", "member_of", "represents")
#: confidence -> whether a membership of that confidence places a person in a state: the author's own claim, stated, known or
#: likely; a rumour, a forecast, a possibility, an allegation or someone else's claim or view does not.
MEMBERSHIP_COUNTS: Keyed[bool] = Keyed(
    "views.MEMBERSHIP_COUNTS",
    "confidence",
    {"asserted": True, "probable": True, "possible": False, "reported_unverified": False, "forecast": False},
)
#: actor_type -> whether its memberships may place it in a state (people); any actor whose parents reach a state is of that state.
PLACED_BY_MEMBERSHIP: Keyed[bool] = Keyed(
    "views.PLACED_BY_MEMBERSHIP",
    "actor_type",
    {
        "person": True,
        "state": False,
        "state_body": False,
        "state_armed_force": False,
        "armed_group": False,
        "political_party": False,
        "movement": False,
        "organization": False,
        "international_organization": False,
        "media_outlet": False,
        "population_group": False,
        "collective": True,
    },
)
#: The relation family whose relations no roll-up rewrites: a place in a structure is no statement about the structure's top.
UNROLLED_FAMILY = "structural"
#: The relation type of a group that split off from another, which :func:`splinters` follows.
SPLINTER_TYPE = "splinter_of"
MEMBERSHIP_COUNTS.check_covers(CONFIDENCE.values)
PLACED_BY_MEMBERSHIP.check_covers(ACTOR_TYPE.values)
if any(RELATION_TYPE.family_of(kind) != UNROLLED_FAMILY for kind in MEMBERSHIP_TYPES):
    raise ImportError(f"views.MEMBERSHIP_TYPES must be relation types of the {UNROLLED_FAMILY} family")
if SPLINTER_TYPE not in RELATION_TYPE.values:
    raise ImportError(f"views.SPLINTER_TYPE must be a relation type, not {SPLINTER_TYPE!r}")

_Row = dict[str, Any]


def confidence_of(certainty: str, attribution_kind: str, date_end: Any) -> str:
    """The confidence of a claim: from its certainty, whose claim it is, and whether it is about the future.

    A claim with an open end and no ``date_end`` is a forecast whatever its
    hedge; someone else's claim is reported, unverified; the author's own
    claims are asserted, probable, possible or reported by their certainty
    (:data:`CONFIDENCE_OF_CERTAINTY`). A certainty or attribution kind that is
    not in its vocabulary is an error, never the most confident level.

    Examples
    --------
    >>> confidence_of("stated", "author", "2007-03-08")
    'asserted'
    >>> confidence_of("likely", "author", "2007-03-08")
    'probable'
    >>> confidence_of("rumored", "rumour", "2007-03-08")
    'reported_unverified'
    >>> confidence_of("expected", "author", None)
    'forecast'
    """
    level, own = CONFIDENCE_OF_CERTAINTY[certainty], AUTHORS_OWN[attribution_kind]  # both looked up: an unknown one is an error
    if date_end is None:
        return "forecast"
    return level if own else "reported_unverified"


def _confidence_filter(min_confidence: str | None) -> set[str]:
    if min_confidence is None:
        return set(CONFIDENCE_ORDER)
    if min_confidence not in CONFIDENCE_ORDER:
        raise SadrIranDataError(f"unknown confidence {min_confidence!r}; the scale, most confident first: {', '.join(CONFIDENCE_ORDER)}")
    return set(CONFIDENCE_ORDER[: CONFIDENCE_ORDER.index(min_confidence) + 1])


#: Columns without which a wide view of an earlier release cannot be computed (its confidence), by table.
VIEW_NEEDS = {"events": ("certainty", "attribution_kind", "date_end"), "relations": ("certainty", "attribution_kind", "date_end")}


def _arrow_tables(names: Iterable[str], version: str | None = None) -> dict[str, pa.Table]:
    """Tables as Arrow, integrity-checked, reading the manifest once; an earlier release's padded with nulls for later columns."""
    from .. import _version
    from ._read import _load
    from .integrity import read_manifest

    if version is None or version == _version.__version__:
        manifest = read_manifest()
        return {name: _load(name, "arrow", manifest) for name in names}
    import pyarrow as pa

    from ..declarations import TABLES
    from .releases import release_table

    tables = {}
    for name in names:
        _declared, arrow = release_table(name, version)
        lacking = [c for c in VIEW_NEEDS.get(name, ()) if c not in arrow.column_names]
        if lacking:
            raise SadrIranDataError(
                f"version {version}'s {name} have no {', '.join(lacking)}, from which the wide view is computed: load its tables instead"
            )
        columns = {c.name: arrow.column(c.name) if c.name in arrow.column_names else pa.nulls(arrow.num_rows) for c in TABLES[name].columns}
        tables[name] = pa.table(columns)
    return tables


def _rows(tables: Mapping[str, pa.Table], name: str) -> list[_Row]:
    rows: list[_Row] = tables[name].to_pylist()
    return rows


def _parents(rows: Iterable[Mapping[str, Any]], key: str, parent: str) -> dict[str, str | None]:
    return {row[key]: row[parent] for row in rows}


def _chain(parents: Mapping[str, str | None], record_id: str) -> list[str]:
    """``record_id``, its parent, its parent's parent … up to the root."""
    chain = [record_id]
    while (up := parents.get(chain[-1])) is not None and up not in chain:
        chain.append(up)
    return chain


def check_rollup(rollup: object) -> None:
    """Refuse, in one line that names the levels, a roll-up that is neither None, a named level nor a whole number 0 or more.

    Examples
    --------
    >>> check_rollup("state"), check_rollup(0), check_rollup(None)
    (None, None, None)
    >>> check_rollup("country")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sadr_iran_data.errors.SadrIranDataError: rollup must be 'state', or a whole number 0 or more (...), not 'country'
    """
    if rollup is None or (isinstance(rollup, str) and rollup in ROLLUP_LEVELS):
        return
    if isinstance(rollup, int) and not isinstance(rollup, bool) and rollup >= 0:
        return
    levels = ", ".join(map(repr, ROLLUP_LEVELS))
    raise SadrIranDataError(
        f"rollup must be {levels}, or a whole number 0 or more (levels below the top of each actor's hierarchy), not {rollup!r}"
    )


def rolled_up(parents: Mapping[str, str | None], record_id: str, depth: int | None) -> str:
    """The ancestor of ``record_id`` that lies ``depth`` levels below the top of its own hierarchy (itself if it lies no deeper).

    Depths count down from the top of each hierarchy, not up from the
    actor: ``0`` is the top (Iran for the Qods Force, the Sadrist movement
    for the Mahdi Army), ``1`` the level below it (the Revolutionary Guards
    for the Qods Force, the Mahdi Army for its soldiers). One number means
    different things in hierarchies of different depth, and it follows only
    the parents: a person stays itself. ``rollup="state"``
    (:func:`states_of`) counts every actor as its state instead.

    Examples
    --------
    >>> parents = {"act-qods-force": "act-irgc", "act-irgc": "act-iran", "act-iran": None}
    >>> rolled_up(parents, "act-qods-force", 0), rolled_up(parents, "act-qods-force", 1), rolled_up(parents, "act-qods-force", None)
    ('act-iran', 'act-irgc', 'act-qods-force')
    """
    if depth is None:
        return record_id
    check_rollup(depth)
    chain = _chain(parents, record_id)
    return chain[max(len(chain) - 1 - depth, 0)]


def states_of(actors: Iterable[Mapping[str, Any]], relations: Iterable[Mapping[str, Any]]) -> dict[str, str | None]:
    """The state each actor belongs to (None for none), from the actors' parents and the relations of membership.

    - An actor whose chain of parents (itself included) reaches an actor of
      type ``state`` belongs to the nearest such state: a state is its own, a
      state body or force belongs to the state above it (the Qods Force,
      under the Revolutionary Guards, to Iran).
    - Otherwise a person or a collective (:data:`PLACED_BY_MEMBERSHIP`)
      belongs to the state of what it leads, is a member of or represents
      (:data:`MEMBERSHIP_TYPES`; Ali Khamenei, who leads Iran, to Iran; Ali
      Larijani, a member of Iran's Supreme National Security Council, to
      Iran), through as many memberships as it takes. Only a membership the
      author claims himself, stated, known or likely, counts
      (:data:`MEMBERSHIP_COUNTS`): a rumour, a forecast, an allegation or
      someone else's claim does not make anyone an organ of a state. The
      memberships are not dated against anything else: a person counts as
      the state for every row.
    - An actor that belongs to no state, or to more than one, has None: the
      roll-up leaves it as it is (the Mahdi Army, al-Sadr, Hezbollah).

    Examples
    --------
    >>> actors = [
    ...     {"actor_id": "act-a", "actor_type": "state", "parent_actor_id": None},
    ...     {"actor_id": "act-a-army", "actor_type": "state_armed_force", "parent_actor_id": "act-a"},
    ...     {"actor_id": "act-chief", "actor_type": "person", "parent_actor_id": None},
    ...     {"actor_id": "act-rebels", "actor_type": "armed_group", "parent_actor_id": None},
    ... ]
    >>> leads = {"relation_type": "leads", "certainty": "stated", "attribution_kind": "author", "date_end": "2007-03-08"}
    >>> states_of(actors, [{**leads, "source_actor_id": "act-chief", "target_actor_id": "act-a-army"}])
    {'act-a': 'act-a', 'act-a-army': 'act-a', 'act-chief': 'act-a', 'act-rebels': None}
    >>> rumour = {**leads, "certainty": "rumored", "attribution_kind": "rumour"}
    >>> states_of(actors, [{**rumour, "source_actor_id": "act-chief", "target_actor_id": "act-a-army"}])["act-chief"] is None
    True
    """
    rows = list(actors)
    types = {row["actor_id"]: row["actor_type"] for row in rows}
    parents = _parents(rows, "actor_id", "parent_actor_id")
    memberships: dict[str, list[str]] = {}
    for rel in relations:
        if rel["relation_type"] in MEMBERSHIP_TYPES:
            confidence = confidence_of(rel["certainty"], rel["attribution_kind"], rel["date_end"])
            if MEMBERSHIP_COUNTS[confidence]:
                memberships.setdefault(rel["source_actor_id"], []).append(rel["target_actor_id"])

    by_parents = {key: next((up for up in _chain(parents, key) if types.get(up) == "state"), None) for key in types}
    states = {key: {state} if state is not None else set() for key, state in by_parents.items()}
    joins = [
        (source, target)
        for source, targets in memberships.items()
        if source in types and by_parents[source] is None and PLACED_BY_MEMBERSHIP[types[source]]
        for target in targets
        if target in types
    ]
    grew = True
    while grew:  # until no membership brings a state its member lacks: each pass adds one at least, so it ends
        grew = False
        for source, target in joins:
            if not states[target] <= states[source]:
                states[source] |= states[target]
                grew = True
    return {key: next(iter(found)) if len(found) == 1 else None for key, found in states.items()}


def rollup_map(actors: Iterable[Mapping[str, Any]], relations: Iterable[Mapping[str, Any]], rollup: int | str | None) -> dict[str, str]:
    """Every actor id -> the actor it counts as at ``rollup``: its state (``"state"``), its ancestor at a depth (a number), or itself.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> actors, relations = sid.load("actors", backend="arrow").to_pylist(), sid.load("relations", backend="arrow").to_pylist()
    >>> state = rollup_map(actors, relations, "state")
    >>> state["act-qods-force"], state["act-ali-khamenei"], state["act-mahdi-army"]
    ('act-iran', 'act-iran', 'act-mahdi-army')
    >>> rollup_map(actors, relations, 1)["act-qods-force"], rollup_map(actors, relations, 0)["act-mahdi-army"]
    ('act-irgc', 'act-sadrist-movement')
    """
    check_rollup(rollup)
    rows = list(actors)
    if rollup == "state":
        return {key: state or key for key, state in states_of(rows, relations).items()}
    parents = _parents(rows, "actor_id", "parent_actor_id")
    return {key: rolled_up(parents, key, None if rollup is None else int(rollup)) for key in parents}


def rolled_ends(relation: Mapping[str, Any], counts_as: Mapping[str, str]) -> tuple[str, str]:
    """The source and target a relation has after a roll-up: both rolled, unless it is structural or would relate an actor to itself.

    A relation of the structural family (:data:`UNROLLED_FAMILY`) states a
    place in a structure: rolled up, "Rafsanjani leads the Expediency
    Council" would read "Rafsanjani leads Iran". A relation between two
    actors that count as one (two bodies of one state) is internal to it, and
    rolled up it would read as the state's relation with itself. Both keep
    their own actors.

    Examples
    --------
    >>> counts_as = {"act-rafsanjani": "act-iran", "act-council": "act-iran", "act-sadr": "act-sadr"}
    >>> rolled_ends({"relation_type": "leads", "source_actor_id": "act-rafsanjani", "target_actor_id": "act-council"}, counts_as)
    ('act-rafsanjani', 'act-council')
    >>> rolled_ends({"relation_type": "supports", "source_actor_id": "act-council", "target_actor_id": "act-sadr"}, counts_as)
    ('act-iran', 'act-sadr')
    """
    source, target = relation["source_actor_id"], relation["target_actor_id"]
    if RELATION_TYPE.family_of(relation["relation_type"]) == UNROLLED_FAMILY or counts_as[source] == counts_as[target]:
        return source, target
    return counts_as[source], counts_as[target]


def _evidence(tables: Mapping[str, pa.Table]) -> dict[str, list[_Row]]:
    by_record: dict[str, list[_Row]] = {}
    for row in _rows(tables, "evidence"):
        by_record.setdefault(row["record_id"], []).append(row)
    for quotes in by_record.values():
        quotes.sort(key=lambda q: (q["char_start"], q["char_end"]))
    return by_record


def _with_evidence(row: _Row, quotes: list[_Row]) -> _Row:
    row["evidence_ids"] = [q["evidence_id"] for q in quotes]
    row["evidence_text"] = JOIN.join(q["quote"] for q in quotes)
    return row


def _admin1(places: Mapping[str, _Row], location_id: str) -> _Row | None:
    """The province the place is or lies in, if any."""
    parents = {key: row["parent_location_id"] for key, row in places.items()}
    return next((places[p] for p in _chain(parents, location_id) if places[p]["location_type"] == "province"), None)


def _confident(tables: Mapping[str, pa.Table], name: str, key: str, wanted: set[str]) -> Iterator[tuple[_Row, _Row]]:
    """Each row of table ``name`` in ``key`` order whose confidence is ``wanted``, with a copy that carries its confidence."""
    for record in sorted(_rows(tables, name), key=lambda r: r[key]):
        confidence = confidence_of(record["certainty"], record["attribution_kind"], record["date_end"])
        if confidence in wanted:
            yield record, {**record, "confidence": confidence}


def _events_wide(tables: Mapping[str, pa.Table], rollup: int | str | None, wanted: set[str]) -> list[_Row]:
    from ..codes.precision import precision_codes
    from ..declarations import ROLE

    actors = {row["actor_id"]: row for row in _rows(tables, "actors")}
    counts_as = rollup_map(actors.values(), _rows(tables, "relations"), rollup)
    places = {row["location_id"]: row for row in _rows(tables, "locations")}
    countries = _countries(places.values(), actors.values())
    roles: dict[str, list[_Row]] = {}
    for link in _rows(tables, "event_actors"):
        roles.setdefault(link["event_id"], []).append(link)
    same_fact: dict[str, list[str]] = {}
    for relation in _rows(tables, "relations"):
        for event_id in relation["event_ids"]:
            same_fact.setdefault(event_id, []).append(relation["relation_id"])
    evidence = _evidence(tables)
    out = []
    for event, row in _confident(tables, "events", "event_id", wanted):
        links = sorted(roles.get(event["event_id"], []), key=lambda li: li["event_actor_id"])
        for term in ROLE.terms:
            ids: list[str] = []
            for link in links:
                actor = counts_as[link["actor_id"]]
                if link["role"] == term.value and actor not in ids:
                    ids.append(actor)
            row[f"{term.value}_ids"] = ids
            row[f"{term.value}_names"] = [actors[a]["name"] for a in ids]
        place = places.get(event["location_id"]) if event["location_id"] else None
        province = _admin1(places, event["location_id"]) if place is not None else None
        row.update(
            place_name=place["name"] if place else None,
            place_type=place["location_type"] if place else None,
            admin1_id=province["location_id"] if province else None,
            admin1_name=province["name"] if province else None,
            admin1_code=province["iso_3166_2"] if province else None,
            country_iso3=place["country"] if place else None,
            country_gw=countries.get(place["country"], {}).get("gw_code") if place else None,
            country_cow=countries.get(place["country"], {}).get("cow_code") if place else None,
            **{c: place[c] if place else None for c in ("latitude", "longitude", "geo_precision", "coordinate_source")},
        )
        row.update(precision_codes(row))
        row["relation_ids"] = sorted(same_fact.get(event["event_id"], []))
        out.append(_with_evidence(row, evidence.get(event["event_id"], [])))
    return out


def _countries(places: Iterable[_Row], actors: Iterable[_Row]) -> dict[str, _Row]:
    """The state codes (``gw_code``, ``cow_code``) of each country, by ISO3 code: from its place, or its state actor."""
    codes: dict[str, _Row] = {}
    for row in [*actors, *places]:  # a country's place wins over its state actor
        if row.get("location_type") == "country" or row.get("actor_type") == "state":
            codes[row["country"]] = {"gw_code": row["gw_code"], "cow_code": row["cow_code"]}
    return codes


def _relations_wide(tables: Mapping[str, pa.Table], rollup: int | str | None, wanted: set[str]) -> list[_Row]:
    actors = {row["actor_id"]: row for row in _rows(tables, "actors")}
    countries = _countries(_rows(tables, "locations"), actors.values())
    counts_as = rollup_map(actors.values(), _rows(tables, "relations"), rollup)
    evidence = _evidence(tables)
    out = []
    for relation, row in _confident(tables, "relations", "relation_id", wanted):
        for side, end in zip(("source", "target"), rolled_ends(relation, counts_as), strict=True):
            actor = actors[end]
            row[f"{side}_actor_id"] = actor["actor_id"]
            row.update({f"{side}_name": actor["name"], f"{side}_type": actor["actor_type"], f"{side}_country": actor["country"]})
            row[f"{side}_gw"] = countries.get(actor["country"], {}).get("gw_code")
        mapped = support.MAPPING[relation["support_form"]] if relation["support_form"] is not None else None
        row.update(esd_support=mapped.esd if mapped else None, nags_support=mapped.nags if mapped else None)
        row["relation_family"] = RELATION_TYPE.family_of(relation["relation_type"])
        out.append(_with_evidence(row, evidence.get(relation["relation_id"], [])))
    return out


_WIDE = {"events": (_events_wide, ("events", "event_actors", "actors", "locations", "relations", "evidence")),
         "relations": (_relations_wide, ("relations", "actors", "locations", "evidence"))}  # fmt: skip


def wide_arrow(name: str, *, rollup: int | str | None = None, min_confidence: str | None = None, version: str | None = None) -> pa.Table:
    """The wide view of ``events`` or ``relations`` (of release ``version``) as an Arrow table with its declared schema."""
    return _wide(name, rollup, min_confidence, version)[1]


def _wide(name: str, rollup: int | str | None, min_confidence: str | None, version: str | None) -> tuple[Table, pa.Table]:
    """The wide view's declaration (its vocabularies holding an earlier release's values too) and its Arrow table."""
    import pyarrow as pa

    from ..declarations import VIEWS
    from .releases import with_values

    if name not in _WIDE:
        raise SadrIranDataError(f"there is a wide view of events and of relations, not of {name!r}")
    check_rollup(rollup)
    build, needs = _WIDE[name]
    rows = build(_arrow_tables(needs, version), rollup, _confidence_filter(min_confidence))
    view: Table = with_values(VIEWS[name], rows, keep_all=True)
    schema = view.arrow_schema()
    table = pa.table({c.name: pa.array([r[c.name] for r in rows], type=schema.field(c.name).type) for c in view.columns}, schema=schema)
    return view, table


def wide(
    name: str, backend: str = "pandas", *, rollup: int | str | None = None, min_confidence: str | None = None, version: str | None = None
) -> Any:
    """The wide view of ``events`` or ``relations`` (of release ``version``) in ``backend``: pandas (default), arrow or polars.

    ``rollup`` counts every actor as its state (``"state"``) or as its
    ancestor that many levels below the top of its hierarchy (a whole
    number); structural relations keep their actors (see the module's notes
    and :func:`~sadr_iran_data.dataset.loaders.load`).
    """
    from ._read import _check_backend, typed_frame

    _check_backend(backend)
    view, table = _wide(name, rollup, min_confidence, version)
    return typed_frame(view, table, backend)


# --------------------------------------------------------------------------
# Hierarchies and neighbours
# --------------------------------------------------------------------------


def _hierarchy(record_id: str) -> dict[str, str | None]:
    """The parent of every actor, or of every place, whichever table ``record_id`` belongs to."""
    if record_id.startswith("act-"):
        return _parents(_rows(_arrow_tables(["actors"]), "actors"), "actor_id", "parent_actor_id")
    if record_id.startswith("loc-"):
        return _parents(_rows(_arrow_tables(["locations"]), "locations"), "location_id", "parent_location_id")
    raise SadrIranDataError(f"{record_id!r} is neither an actor (act-) nor a place (loc-): only they have hierarchies")


def _known(parents: Mapping[str, str | None], record_id: str) -> None:
    if record_id not in parents:
        from ._read import record

        record(record_id)  # a retired id says so; an unknown one raises KeyError


def ancestors(record_id: str) -> list[str]:
    """The actors or places ``record_id`` lies within, nearest first: its parent, its parent's parent, ….

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> sid.ancestors("loc-mehran")
    ['loc-ilam-province', 'loc-iran']
    """
    parents = _hierarchy(record_id)
    _known(parents, record_id)
    return _chain(parents, record_id)[1:]


def descendants(record_id: str) -> list[str]:
    """The actors or places within ``record_id``, at any depth, sorted by id.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> "act-qods-force" in sid.descendants("act-iran")
    True
    """
    parents = _hierarchy(record_id)
    _known(parents, record_id)
    return sorted(child for child in parents if child != record_id and record_id in _chain(parents, child))


def neighbors(
    actor_id: str, *, relation_types: Iterable[str] | None = None, min_confidence: str | None = None, rollup: int | str | None = None
) -> pd.DataFrame:
    """The relations of ``actor_id`` with the actor at their other end, one row per relation.

    Columns: ``relation_id``, ``direction`` (``out`` from the actor, ``in``
    to it, ``both`` for an undirected relation), ``neighbor_id``,
    ``neighbor_name``, ``neighbor_type``, ``relation_type``, ``support_form``,
    ``certainty``, ``confidence``, ``date_start``, ``date_end``, ``summary``.
    With ``rollup``, every relation is rolled up as in the wide views and
    ``actor_id`` counts as what it rolls up to, so its rows are the
    relations with that actor at one end (``rollup="state"``: Iran's include
    the Qods Force's; Rafsanjani's chairing of the Expediency Council, a
    structural relation that keeps its actors, is not among them).

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> "act-mahdi-army" in set(sid.neighbors("act-hezbollah")["neighbor_id"])
    True
    >>> "rel-0061" in set(sid.neighbors("act-iran", rollup="state")["relation_id"])  # the Qods Force trained Hezbollah
    True
    """
    import pandas as pd

    relations = wide("relations", "arrow", rollup=rollup, min_confidence=min_confidence).to_pylist()
    tables = _arrow_tables(["actors", "relations"])
    actors = _rows(tables, "actors")
    _known(_parents(actors, "actor_id", "parent_actor_id") if actor_id.startswith("act-") else {}, actor_id)
    me = rollup_map(actors, _rows(tables, "relations"), rollup).get(actor_id, actor_id)
    types = None if relation_types is None else set(relation_types)
    rows = []
    for rel in relations:
        if types is not None and rel["relation_type"] not in types:
            continue
        for side, other, direction in (("source", "target", "out"), ("target", "source", "in")):
            if rel[f"{side}_actor_id"] == me and rel[f"{other}_actor_id"] != me:
                rows.append(
                    {
                        "relation_id": rel["relation_id"],
                        "direction": direction if rel["directed"] else "both",
                        "neighbor_id": rel[f"{other}_actor_id"],
                        "neighbor_name": rel[f"{other}_name"],
                        "neighbor_type": rel[f"{other}_type"],
                        **{
                            c: rel[c]
                            for c in ("relation_type", "support_form", "certainty", "confidence", "date_start", "date_end", "summary")
                        },
                    }
                )
    frame = pd.DataFrame(rows, columns=["relation_id", "direction", "neighbor_id", "neighbor_name", "neighbor_type", "relation_type",
                                        "support_form", "certainty", "confidence", "date_start", "date_end", "summary"])  # fmt: skip
    return frame


def split_off(parents: Mapping[str, str | None], split_from: Mapping[str, Iterable[str]], actor_id: str) -> list[str]:
    """The actors that split off from ``actor_id`` or from an actor within it, at any remove, with the actors within them.

    ``parents`` gives each actor's parent; ``split_from`` the actors that
    split off from each actor (the sources of its ``splinter_of``
    relations). A splinter of an actor within ``actor_id`` counts, and so
    does a splinter of a splinter. Sorted by id; ``actor_id`` and the actors
    within it are not among them.

    Examples
    --------
    >>> parents = {"act-army": None, "act-soldiers": "act-army", "act-offshoot": None, "act-cell": "act-offshoot", "act-new": None}
    >>> split_off(parents, {"act-soldiers": ["act-offshoot"], "act-cell": ["act-new"]}, "act-army")
    ['act-cell', 'act-new', 'act-offshoot']
    """
    children: dict[str, list[str]] = {}
    for child, parent in parents.items():
        if parent is not None:
            children.setdefault(parent, []).append(child)

    def with_within(key: str) -> set[str]:
        found, todo = {key}, [key]
        while todo:
            for child in children.get(todo.pop(), []):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return found

    group = with_within(actor_id)
    found: set[str] = set()
    todo = list(group)
    while todo:
        for splinter in split_from.get(todo.pop(), []):
            new = with_within(splinter) - group - found
            found |= new
            todo.extend(new)
    return sorted(found)


def _splinters(actor_id: str, min_confidence: str | None) -> list[str]:
    if not actor_id.startswith("act-"):
        raise SadrIranDataError(f"{actor_id!r} is no actor (act-): only actors split off")
    wanted = _confidence_filter(min_confidence)
    tables = _arrow_tables(["actors", "relations"])
    parents = _parents(_rows(tables, "actors"), "actor_id", "parent_actor_id")
    _known(parents, actor_id)
    split_from: dict[str, list[str]] = {}
    for rel in _rows(tables, "relations"):
        if rel["relation_type"] == SPLINTER_TYPE and confidence_of(rel["certainty"], rel["attribution_kind"], rel["date_end"]) in wanted:
            split_from.setdefault(rel["target_actor_id"], []).append(rel["source_actor_id"])
    return split_off(parents, split_from, actor_id)


def splinters(actor_id: str, *, min_confidence: str | None = None) -> list[str]:
    """The actors that split off from ``actor_id`` or from an actor within it, at any remove, with the actors within them.

    A group that split off has no parent (it is no longer part of what it
    left), so :func:`descendants` leaves it out; its ``splinter_of``
    relation links it to what it split from. A splinter of a splinter counts
    too. With ``min_confidence``, only splits at least that confident count.
    Sorted by id.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> sid.splinters("act-mahdi-army")
    ['act-mahdi-army-offshoot-leaders']
    >>> sid.splinters("act-sadrist-movement")
    ['act-mahdi-army-offshoot-leaders', 'act-new-radical-militias', 'act-sadrist-splinter-groups']
    """
    return _splinters(actor_id, min_confidence)


def has_actor(actor_lists: pd.Series, actor_id: str | Iterable[str], *, within: bool = True, splinters: bool = False) -> pd.Series:
    """A boolean mask: where a list of actor ids (``initiator_ids``, …) holds ``actor_id`` (or any of several), or one within it.

    With ``within`` (the default) the actors that lie within ``actor_id`` count
    too: the Revolutionary Guards and the Qods Force for Iran, the Mahdi Army's
    soldiers and commanders for the Mahdi Army. With ``splinters``, so do the
    groups that split off from it or from an actor within it
    (:func:`splinters`): the offshoot Mahdi Army leaders for the Mahdi Army.
    ``actor_id`` may be several ids (a list or set): a row holding any of
    them counts.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> ev = sid.load_events(wide=True)
    >>> aid = ev[sid.has_actor(ev["initiator_ids"], "act-iran") & sid.has_actor(ev["recipient_ids"], "act-mahdi-army")]
    >>> "evt-0042" in set(aid["event_id"])
    True
    >>> either = sid.has_actor(ev["initiator_ids"], ["act-iran", "act-hezbollah"])
    >>> bool(either.sum() > sid.has_actor(ev["initiator_ids"], "act-iran").sum())
    True
    >>> split = ev[sid.has_actor(ev["initiator_ids"], "act-mahdi-army", splinters=True)]
    >>> "evt-0100" in set(split["event_id"])  # offshoot Mahdi Army leaders paved the way to new militias
    True
    """
    import pandas as pd

    given = [actor_id] if isinstance(actor_id, str) else list(actor_id)
    wanted = {a for one in given for a in (one, *(descendants(one) if within else ()), *(_splinters(one, None) if splinters else ()))}
    return pd.Series([not wanted.isdisjoint(ids) for ids in actor_lists], index=actor_lists.index, dtype=bool)


# --------------------------------------------------------------------------
# Evidence
# --------------------------------------------------------------------------


def evidence_for(record_id: str) -> pd.DataFrame:
    """The quotes behind one record of any table, in the order of the text.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> sid.evidence_for("evt-0042")["quote"].tolist()[:2]
    ['rumored', 'soldiers of the Mahdi Army']
    """
    from ._read import _load, record
    from .integrity import read_manifest

    record(record_id)  # a retired id says when and why; an unknown one raises KeyError
    evidence = _load("evidence", "pandas", read_manifest())
    quotes: pd.DataFrame = evidence[evidence["record_id"] == record_id].sort_values(["char_start", "char_end"]).reset_index(drop=True)
    return quotes
