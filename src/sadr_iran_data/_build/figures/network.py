"""The network (``network.svg``): actors linked by their relations, coloured and dashed by relation family."""

from __future__ import annotations

import math
import textwrap
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch

import sadr_iran_data as sid

from ...codes._keyed import Keyed
from ...declarations import RELATION_FAMILY, RELATION_TYPE
from ._common import Point, _save

Edge = tuple[str, str]
Layout = Callable[[list[str], list[Edge]], dict[str, Point]]

SEED = 20070125


@dataclass(frozen=True)
class LineStyle:
    """How the network draws the relations of one family: an Okabe–Ito colour and a dash pattern."""

    colour: str
    dashes: Any


#: One style per ``relation_family`` value: colours safe for colour-blind readers, dashes that survive grey print.
FAMILY_STYLES: Keyed[LineStyle] = Keyed(
    "network.FAMILY_STYLES",
    "relation_family",
    {
        "cooperative": LineStyle("#009E73", "-"),
        "hostile": LineStyle("#D55E00", (0, (5, 1.5))),
        "structural": LineStyle("#0072B2", (0, (1.2, 1.2))),
        "perceptual": LineStyle("#CC79A7", (0, (4, 1.5, 1, 1.5))),
    },
)
FAMILY_STYLES.check_covers(RELATION_FAMILY.values)


def _components(nodes: list[str], edges: list[Edge]) -> list[list[str]]:
    """Connected components, largest first (ties by first node), each sorted."""
    parent = {node: node for node in nodes}

    def root(node: str) -> str:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, b in edges:
        parent[root(a)] = root(b)
    groups: dict[str, list[str]] = {}
    for node in sorted(nodes):
        groups.setdefault(root(node), []).append(node)
    return sorted(groups.values(), key=lambda group: (-len(group), group[0]))


def _breadth_first(nodes: list[str], edges: list[Edge]) -> list[str]:
    """Nodes in breadth-first order from the best-connected one, neighbours by degree."""
    degree = Counter(a for edge in edges for a in edge)
    neighbours: dict[str, set[str]] = {node: set() for node in nodes}
    for a, b in edges:
        neighbours[a].add(b)
        neighbours[b].add(a)
    by_degree = sorted(nodes, key=lambda n: (-degree[n], n))
    order: list[str] = []
    for start in by_degree:
        queue = [start] if start not in order else []
        while queue:
            node = queue.pop(0)
            if node in order:
                continue
            order.append(node)
            queue.extend(sorted(neighbours[node] - set(order), key=lambda n: (-degree[n], n)))
    return order


def _ring_order(nodes: list[str], edges: list[Edge]) -> list[str]:
    """Nodes in the order they go round a circle, so that neighbours sit close together.

    With networkx, the angles of a seeded spring layout; without it, breadth-first order.
    """
    try:
        import networkx as nx
    except ImportError:
        return _breadth_first(nodes, edges)
    graph = nx.Graph()
    graph.add_nodes_from(nodes)
    graph.add_edges_from(edges)
    pos = nx.spring_layout(graph, seed=SEED, iterations=300)
    cx = sum(float(p[0]) for p in pos.values()) / len(pos)
    cy = sum(float(p[1]) for p in pos.values()) / len(pos)
    return sorted(nodes, key=lambda n: (math.atan2(float(pos[n][1]) - cy, float(pos[n][0]) - cx), n))


def _on_circle(nodes: list[str], radius: float, centre: Point = (0.0, 0.0), phase: float = math.pi / 2) -> dict[str, Point]:
    """Nodes evenly spaced clockwise on a circle, the first at angle ``phase``."""
    step = 2 * math.pi / max(len(nodes), 1)
    cx, cy = centre
    return {n: (cx + radius * math.cos(phase - i * step), cy + radius * math.sin(phase - i * step)) for i, n in enumerate(nodes)}


def network_layout(nodes: list[str], edges: list[Edge], hub_degree: int = 10) -> dict[str, Point]:
    """Hubs on an inner ring, other actors of the largest component on an outer ring, small components in a row beneath."""
    main, *rest = _components(nodes, edges)
    members = set(main)
    inner_edges = [e for e in edges if e[0] in members]
    degree = Counter(a for edge in inner_edges for a in edge)
    order = _ring_order(main, inner_edges)
    hubs = [n for n in order if degree[n] >= hub_degree]
    pos = _on_circle([n for n in order if n not in hubs], 1.0)
    pos.update(_on_circle(hubs, 0.4, phase=math.pi / 4))
    width = 3.0 / max(len(rest), 1)
    for i, group in enumerate(rest):
        centre = (-1.5 + (i + 0.5) * width, -1.85)
        pos.update(_on_circle(group, 0.3, centre, phase=math.pi))
    return pos


def _short(name: str, width: int) -> str:
    return "\n".join(textwrap.wrap(name, width, break_on_hyphens=False))


def draw_network(path: Path, layout: Layout = network_layout) -> Path:
    """Actors linked by relations, coloured and dashed by relation family; arrows for directed relations."""
    relations = sid.load_relations().sort_values("relation_id")
    actors = sid.load_actors().set_index("actor_id")
    nodes = sorted(set(relations["source_actor_id"]) | set(relations["target_actor_id"]))
    edges = list(zip(relations["source_actor_id"], relations["target_actor_id"], strict=True))
    pos = layout(nodes, edges)
    degree = Counter(a for edge in edges for a in edge)

    present = [t for t in RELATION_TYPE.values if t in set(relations["relation_type"])]

    fig, ax = plt.subplots(figsize=(8.6, 9.6))
    seen: Counter[frozenset[str]] = Counter()
    edges_drawn: Any = relations.itertuples()
    for rel in edges_drawn:
        pair = frozenset((rel.source_actor_id, rel.target_actor_id))
        # Repeated pairs fan out as arcs: 0, +0.15, -0.15, +0.3, ...
        k = seen[pair]
        bend = 0.15 * ((k + 1) // 2) * (1 if k % 2 else -1)
        seen[pair] += 1
        family = str(RELATION_TYPE.family_of(rel.relation_type))
        ax.add_patch(
            FancyArrowPatch(
                pos[rel.source_actor_id],
                pos[rel.target_actor_id],
                arrowstyle="-|>" if rel.directed else "-",
                mutation_scale=10,
                connectionstyle=f"arc3,rad={bend:.2f}",
                color=FAMILY_STYLES[family].colour,
                linestyle=FAMILY_STYLES[family].dashes,
                linewidth=1.3,
                shrinkA=5,
                shrinkB=5 + math.sqrt(degree[rel.target_actor_id]),
                alpha=0.85,
                zorder=1,
            )
        )
    xs, ys = zip(*(pos[n] for n in nodes), strict=True)
    ax.scatter(xs, ys, s=[20 + 12 * degree[n] for n in nodes], color="#f4f4f4", edgecolor="#333333", linewidth=0.8, zorder=2)
    for node in nodes:
        x, y = pos[node]
        name = str(actors.loc[node, "name"])
        if math.isclose(math.hypot(x, y), 1.0):
            # On the outer ring: the label continues the radius outwards, read from left to right.
            angle = math.atan2(y, x)
            right = math.cos(angle) >= 0
            offset = 6 + math.sqrt(degree[node])
            ax.annotate(
                _short(name, 22),
                (x, y),
                xytext=(offset * math.cos(angle), offset * math.sin(angle)),
                textcoords="offset points",
                ha="left" if right else "right",
                va="center",
                rotation=math.degrees(angle) if right else math.degrees(angle) + 180,
                rotation_mode="anchor",
                fontsize=7.5,
                zorder=3,
            )
        else:
            ax.annotate(
                _short(name, 16),
                (x, y),
                xytext=(0, 6 + math.sqrt(degree[node])),
                textcoords="offset points",
                ha="center",
                va="bottom",
                fontsize=8.5 if degree[node] >= 10 else 7.5,
                fontweight="bold" if degree[node] >= 10 else "normal",
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
                zorder=3,
            )
    ax.set_axis_off()
    ax.set_aspect("equal")
    ax.set_xlim(-1.6, 1.6)
    ax.set_ylim(-2.0, 1.6)
    handles = []
    for family in RELATION_FAMILY.values:
        kinds = [t.replace("_", " ") for t in present if RELATION_TYPE.family_of(t) == family]
        if kinds:
            style = FAMILY_STYLES[family]
            label = f"{family}: {', '.join(kinds)}"
            handles.append(
                Line2D([], [], color=style.colour, linestyle=style.dashes, linewidth=2, label="\n".join(textwrap.wrap(label, 48)))
            )
    ax.legend(
        handles=handles,
        title="relation family (relations_wide.relation_family): relation types",
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        ncols=2,
        fontsize=8,
        title_fontsize=8,
        frameon=False,
        handlelength=3.2,
        alignment="left",
    )
    ax.set_title(
        "Actors and their relations, by relation family\n(arrows run from source to target; node size: number of relations)", fontsize=10
    )
    return _save(fig, path)
