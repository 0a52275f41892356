"""The ``graphml`` export and :func:`to_networkx`: actors as nodes, relations as directed, typed, dated edges."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .. import _version
from ..declarations import TABLES, Column
from ..errors import SadrIranDataError
from ..identity import NAME
from ._registry import Format, Options, register
from ._writing import Row, cell_text, rows

if TYPE_CHECKING:
    import networkx as nx


SOURCE, TARGET = "source_actor_id", "target_actor_id"


def _graph_columns() -> tuple[list[Column], list[Column]]:
    """Actor columns carried as node attributes and relation columns carried as edge attributes."""
    actors, relations = TABLES["actors"], TABLES["relations"]
    structural = {relations.primary_key, SOURCE, TARGET}
    return (
        [c for c in actors.columns if c.name != actors.primary_key],
        [c for c in relations.columns if c.name not in structural],
    )


def write(staged: dict[str, Path], names: tuple[str, ...], options: Options) -> None:
    import xml.etree.ElementTree as ET

    node_columns, edge_columns = _graph_columns()
    root = ET.Element("graphml", {"xmlns": "http://graphml.graphdrawing.org/xmlns"})
    for scope, prefix, columns in (("node", "n", node_columns), ("edge", "e", edge_columns)):
        for col in columns:
            attributes = {
                "id": f"{prefix}_{col.name}",
                "for": scope,
                "attr.name": col.name,
                "attr.type": col.column_type.graphml,
            }
            ET.SubElement(ET.SubElement(root, "key", attributes), "desc").text = col.description
    graph = ET.SubElement(root, "graph", {"id": "actors_relations", "edgedefault": "directed"})

    def add_data(element: ET.Element, prefix: str, columns: list[Column], row: Row) -> None:
        for col in columns:
            if row[col.name] is not None:
                ET.SubElement(element, "data", {"key": f"{prefix}_{col.name}"}).text = cell_text(col, row[col.name])

    for row in rows("actors"):
        add_data(ET.SubElement(graph, "node", {"id": row[TABLES["actors"].primary_key]}), "n", node_columns, row)
    for row in rows("relations"):
        edge = ET.SubElement(graph, "edge", {"id": row[TABLES["relations"].primary_key], "source": row[SOURCE], "target": row[TARGET]})
        add_data(edge, "e", edge_columns, row)
    ET.indent(root)
    ET.ElementTree(root).write(staged["actors_relations.graphml"], encoding="utf-8", xml_declaration=True)


def to_networkx(*, rollup: int | str | None = None, min_confidence: str | None = None) -> nx.MultiDiGraph:
    """Actors as nodes and relations as edges (keyed by ``relation_id``) of a networkx MultiDiGraph.

    Nodes are keyed by ``actor_id`` and carry every other actor column; edges
    run from ``source_actor_id`` to ``target_actor_id`` and carry every other
    relation column (dates as ``datetime.date``, missing values as None) and
    the relation's ``confidence``. With ``rollup``, every actor counts as
    what it rolls up to in the wide views (``"state"``: its state; a whole
    number: its ancestor that many levels below the top of its hierarchy),
    so the nodes are those actors and the actors of the relations that keep
    their own (the structural ones: Ali Khamenei, who leads Iran, stays a
    node); with ``min_confidence``, only relations at least that confident
    are edges. Needs the ``[graph]`` extra.

    Examples
    --------
    >>> from sadr_iran_data.formats.graphml import to_networkx
    >>> graph = to_networkx()
    >>> all(graph.nodes[n]["actor_type"] for n in graph)
    True
    >>> states = to_networkx(rollup="state")
    >>> "act-irgc" in states, states.has_edge("act-iran", "act-hezbollah", "rel-0061")
    (False, True)
    """
    try:
        import networkx as nx
    except ImportError:
        raise SadrIranDataError("to_networkx needs networkx: pip install 'sadr-iran-data[graph]'") from None
    from ..dataset.views import rollup_map, wide_arrow

    node_columns, edge_columns = _graph_columns()
    actors = rows("actors")
    edges = wide_arrow("relations", rollup=rollup, min_confidence=min_confidence).to_pylist()
    kept = {*rollup_map(actors, rows("relations"), rollup).values(), *(row[end] for row in edges for end in (SOURCE, TARGET))}
    graph = nx.MultiDiGraph(name=NAME, version=_version.__version__, rollup=rollup, min_confidence=min_confidence)
    for row in actors:
        if row["actor_id"] in kept:
            graph.add_node(row[TABLES["actors"].primary_key], **{c.name: row[c.name] for c in node_columns})
    for row in edges:
        key = row[TABLES["relations"].primary_key]
        attributes = {c.name: row[c.name] for c in edge_columns}
        graph.add_edge(row[SOURCE], row[TARGET], key=key, confidence=row["confidence"], **attributes)
    return graph


register(Format("graphml", lambda names: ["actors_relations.graphml"], write, ("actors", "relations")))
