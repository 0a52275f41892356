"""Views and queries over the shipped tables: wide rows, hierarchies, neighbours, confidence and evidence.

The shipped tables stay normalised. The wide views (one row per event or
relation, with actors by role, place, coordinates and evidence) are computed
from them at load, in Arrow, and converted to the backend asked for; their
columns are declared in :data:`sadr_iran_data.declarations.VIEWS` and
documented in the data dictionary. Nothing is cached.

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
from ..declarations import ATTRIBUTION_KIND, CERTAINTY, CONFIDENCE
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


def _parents(rows: Iterable[_Row], key: str, parent: str) -> dict[str, str | None]:
    return {row[key]: row[parent] for row in rows}


def _chain(parents: Mapping[str, str | None], record_id: str) -> list[str]:
    """``record_id``, its parent, its parent's parent … up to the root."""
    chain = [record_id]
    while (up := parents.get(chain[-1])) is not None and up not in chain:
        chain.append(up)
    return chain


def rolled_up(parents: Mapping[str, str | None], record_id: str, depth: int | None) -> str:
    """The ancestor of ``record_id`` that lies ``depth`` levels below its root (itself if it lies no deeper).

    Examples
    --------
    >>> parents = {"act-qods-force": "act-irgc", "act-irgc": "act-iran", "act-iran": None}
    >>> rolled_up(parents, "act-qods-force", 0), rolled_up(parents, "act-qods-force", 1), rolled_up(parents, "act-qods-force", None)
    ('act-iran', 'act-irgc', 'act-qods-force')
    """
    if depth is None:
        return record_id
    if depth < 0:
        raise SadrIranDataError(f"rollup must be 0 (the roots) or more levels below them, not {depth}")
    chain = _chain(parents, record_id)
    return chain[max(len(chain) - 1 - depth, 0)]


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


def _events_wide(tables: Mapping[str, pa.Table], rollup: int | None, wanted: set[str]) -> list[_Row]:
    from ..codes.precision import precision_codes
    from ..declarations import ROLE

    actors = {row["actor_id"]: row for row in _rows(tables, "actors")}
    parents = _parents(actors.values(), "actor_id", "parent_actor_id")
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
                actor = rolled_up(parents, link["actor_id"], rollup)
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


def _relations_wide(tables: Mapping[str, pa.Table], rollup: int | None, wanted: set[str]) -> list[_Row]:
    from ..declarations import RELATION_TYPE

    actors = {row["actor_id"]: row for row in _rows(tables, "actors")}
    countries = _countries(_rows(tables, "locations"), actors.values())
    parents = _parents(actors.values(), "actor_id", "parent_actor_id")
    evidence = _evidence(tables)
    out = []
    for relation, row in _confident(tables, "relations", "relation_id", wanted):
        for side in ("source", "target"):
            actor = actors[rolled_up(parents, relation[f"{side}_actor_id"], rollup)]
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


def wide_arrow(name: str, *, rollup: int | None = None, min_confidence: str | None = None, version: str | None = None) -> pa.Table:
    """The wide view of ``events`` or ``relations`` (of release ``version``) as an Arrow table with its declared schema."""
    return _wide(name, rollup, min_confidence, version)[1]


def _wide(name: str, rollup: int | None, min_confidence: str | None, version: str | None) -> tuple[Table, pa.Table]:
    """The wide view's declaration (its vocabularies holding an earlier release's values too) and its Arrow table."""
    import pyarrow as pa

    from ..declarations import VIEWS
    from .releases import with_values

    if name not in _WIDE:
        raise SadrIranDataError(f"there is a wide view of events and of relations, not of {name!r}")
    build, needs = _WIDE[name]
    rows = build(_arrow_tables(needs, version), rollup, _confidence_filter(min_confidence))
    view: Table = with_values(VIEWS[name], rows, keep_all=True)
    schema = view.arrow_schema()
    table = pa.table({c.name: pa.array([r[c.name] for r in rows], type=schema.field(c.name).type) for c in view.columns}, schema=schema)
    return view, table


def wide(
    name: str, backend: str = "pandas", *, rollup: int | None = None, min_confidence: str | None = None, version: str | None = None
) -> Any:
    """The wide view of ``events`` or ``relations`` (of release ``version``) in ``backend``: pandas (default), arrow or polars."""
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
    actor_id: str, *, relation_types: Iterable[str] | None = None, min_confidence: str | None = None, rollup: int | None = None
) -> pd.DataFrame:
    """The relations of ``actor_id`` with the actor at their other end, one row per relation.

    Columns: ``relation_id``, ``direction`` (``out`` from the actor, ``in``
    to it, ``both`` for an undirected relation), ``neighbor_id``,
    ``neighbor_name``, ``neighbor_type``, ``relation_type``, ``support_form``,
    ``certainty``, ``confidence``, ``date_start``, ``date_end``, ``summary``.
    With ``rollup``, relations of the actors within ``actor_id`` count too and
    every actor is rolled up as in the wide views.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> "act-mahdi-army" in set(sid.neighbors("act-hezbollah")["neighbor_id"])
    True
    """
    import pandas as pd

    relations = wide("relations", "arrow", rollup=rollup, min_confidence=min_confidence).to_pylist()
    parents = _hierarchy(actor_id) if actor_id.startswith("act-") else {}
    _known(parents, actor_id)
    me = rolled_up(parents, actor_id, rollup)
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


def has_actor(actor_lists: pd.Series, actor_id: str | Iterable[str], *, within: bool = True) -> pd.Series:
    """A boolean mask: where a list of actor ids (``initiator_ids``, …) holds ``actor_id`` (or any of several), or one within it.

    With ``within`` (the default) the actors that lie within ``actor_id`` count
    too: the Revolutionary Guards and the Qods Force for Iran, the Mahdi Army's
    soldiers and commanders for the Mahdi Army. ``actor_id`` may be several
    ids (a list or set): a row holding any of them counts.

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
    """
    import pandas as pd

    given = [actor_id] if isinstance(actor_id, str) else list(actor_id)
    wanted = {a for one in given for a in (one, *(descendants(one) if within else ()))}
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
