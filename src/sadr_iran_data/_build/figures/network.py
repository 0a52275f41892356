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
Layout = Callable[..., dict[str, Point]]

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


def _families(order: list[str], ties: list[Edge]) -> list[str]:
    """``order`` with each family (the actors under one top parent, through ``ties``) kept together.

    A family goes where its members' mean direction on the ring is; inside
    it, and among the actors of no family, ``order`` is kept.
    """
    parent = dict(ties)

    def top(node: str) -> str:
        seen = {node}
        while node in parent and parent[node] not in seen:
            node = parent[node]
            seen.add(node)
        return node

    step = 2 * math.pi / max(len(order), 1)
    families: dict[str, list[int]] = {}
    for i, node in enumerate(order):
        families.setdefault(top(node), []).append(i)

    def direction(members: list[int]) -> float:
        return math.atan2(sum(math.sin(i * step) for i in members), sum(math.cos(i * step) for i in members)) % (2 * math.pi)

    ranked = sorted(families.values(), key=lambda members: (direction(members), members[0]))
    return [order[i] for members in ranked for i in members]


def _on_circle(nodes: list[str], radius: float, centre: Point = (0.0, 0.0), phase: float = math.pi / 2) -> dict[str, Point]:
    """Nodes evenly spaced clockwise on a circle, the first at angle ``phase``."""
    step = 2 * math.pi / max(len(nodes), 1)
    cx, cy = centre
    return {n: (cx + radius * math.cos(phase - i * step), cy + radius * math.sin(phase - i * step)) for i, n in enumerate(nodes)}


def _hub_angles(hubs: list[str], ring: dict[str, Point], edges: list[Edge]) -> dict[str, float]:
    """Each hub's angle on the inner ring: towards its neighbours on the outer ring, the hubs kept evenly apart.

    Each hub's preferred angle is the mean direction of its ring neighbours;
    the hubs keep the order of their preferred angles around the circle, a
    quarter turn apart for four, turned as a whole to lie nearest their
    preferred angles.
    """
    preferred = {}
    for hub in hubs:
        near = [ring[b if a == hub else a] for a, b in edges if hub in (a, b) and (b if a == hub else a) in ring]
        x, y = sum(p[0] for p in near), sum(p[1] for p in near)
        preferred[hub] = math.atan2(y, x) if near and math.hypot(x, y) > 1e-9 else 0.0
    order = sorted(hubs, key=lambda h: (preferred[h] % (2 * math.pi), h))
    step = 2 * math.pi / max(len(order), 1)
    # the turn that best fits: the mean direction of each hub's preferred angle less its even slot
    turn = math.atan2(
        sum(math.sin(preferred[h] - i * step) for i, h in enumerate(order)),
        sum(math.cos(preferred[h] - i * step) for i, h in enumerate(order)),
    )
    return {h: turn + i * step for i, h in enumerate(order)}


def network_layout(nodes: list[str], edges: list[Edge], hub_degree: int = 10, ties: list[Edge] | None = None) -> dict[str, Point]:
    """Hubs on an inner ring, other actors of the largest component on an outer ring, small components in a row beneath.

    The outer ring is ordered so that connected actors sit close together,
    counting ``ties`` (the hierarchy: an actor and its parent) with the
    edges; each hub sits on the side of the ring where its neighbours are
    (:func:`_hub_angles`), so that its lines stay short and the centre clear.
    """
    ties = [t for t in ties or [] if t[0] in nodes and t[1] in nodes]
    main, *rest = _components(nodes, edges + ties)
    members = set(main)
    inner_edges = [e for e in edges if e[0] in members]
    degree = Counter(a for edge in inner_edges for a in edge)
    order = _ring_order(main, inner_edges + [t for t in ties if t[0] in members])
    hubs = [n for n in order if degree[n] >= hub_degree]
    pos = _on_circle(_families([n for n in order if n not in hubs], ties), 1.0)
    for hub, angle in _hub_angles(hubs, pos, inner_edges).items():
        pos[hub] = (0.42 * math.cos(angle), 0.42 * math.sin(angle))
    width = 3.0 / max(len(rest), 1)
    for i, group in enumerate(rest):
        centre = (-1.5 + (i + 0.5) * width, -1.85)
        pos.update(_on_circle(group, 0.3, centre, phase=math.pi))
    return pos


def _short(name: str, width: int) -> str:
    return "\n".join(textwrap.wrap(name, width, break_on_hyphens=False))


#: The hierarchy (``actors.parent_actor_id``): a broad light band from each actor to its parent, behind the relations.
HIERARCHY = LineStyle("#d9d9d9", "-")


def hierarchy(nodes: list[str], actors: Any) -> list[Edge]:
    """(actor, parent) for every drawn actor whose parent is drawn too, from ``actors.parent_actor_id``."""
    drawn = set(nodes)
    parents = actors["parent_actor_id"]
    return [(node, str(parents[node])) for node in sorted(drawn) if isinstance(parents[node], str) and parents[node] in drawn]


def bundles(relations: Any) -> list[tuple[str, str, str, bool, int]]:
    """The relations drawn as lines: one per pair, family and direction, with how many relations it stands for.

    An undirected relation's pair has no order. Returns (source, target,
    family, directed, count), ordered by the first relation of each line.
    """
    lines: dict[tuple[str, str, str, bool], int] = {}
    rows: Any = relations.sort_values("relation_id").itertuples()
    for rel in rows:
        family = str(RELATION_TYPE.family_of(rel.relation_type))
        a, b = rel.source_actor_id, rel.target_actor_id
        if not rel.directed:
            a, b = sorted((a, b))
        key = (a, b, family, bool(rel.directed))
        lines[key] = lines.get(key, 0) + 1
    return [(a, b, family, directed, n) for (a, b, family, directed), n in lines.items()]


def draw_network(path: Path, layout: Layout = network_layout) -> Path:
    """Actors linked by relations, coloured and dashed by relation family, over the hierarchy of states and their bodies.

    Relations of one pair, family and direction are one line, as wide as
    they are many; arrows for directed relations.
    """
    relations = sid.load_relations().sort_values("relation_id")
    actors = sid.load_actors().set_index("actor_id")
    nodes = sorted(set(relations["source_actor_id"]) | set(relations["target_actor_id"]))
    edges = list(zip(relations["source_actor_id"], relations["target_actor_id"], strict=True))
    ties = hierarchy(nodes, actors)
    pos = layout(nodes, edges, ties=ties)
    degree = Counter(a for edge in edges for a in edge)

    present = [t for t in RELATION_TYPE.values if t in set(relations["relation_type"])]

    fig, ax = plt.subplots(figsize=(8.6, 9.8))
    for child, parent in ties:
        (x0, y0), (x1, y1) = pos[child], pos[parent]
        ax.plot([x0, x1], [y0, y1], color=HIERARCHY.colour, linewidth=4.5, solid_capstyle="round", zorder=0)
    seen: Counter[frozenset[str]] = Counter()
    for source, target, family, directed, count in bundles(relations):
        pair = frozenset((source, target))
        # Lines of one pair fan out as arcs: 0, +0.15, -0.15, +0.3, ...
        k = seen[pair]
        bend = 0.15 * ((k + 1) // 2) * (1 if k % 2 else -1)
        seen[pair] += 1
        ax.add_patch(
            FancyArrowPatch(
                pos[source],
                pos[target],
                arrowstyle="-|>" if directed else "-",
                mutation_scale=10,
                connectionstyle=f"arc3,rad={bend:.2f}",
                color=FAMILY_STYLES[family].colour,
                linestyle=FAMILY_STYLES[family].dashes,
                linewidth=1.1 + 0.7 * (count - 1),
                shrinkA=5,
                shrinkB=5 + math.sqrt(degree[target]),
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
    ax.set_ylim(min(-1.7, min(y for _, y in pos.values()) - 0.3), 1.6)  # room below for the labels, and the small components if any
    handles = []
    for family in RELATION_FAMILY.values:
        kinds = [t.replace("_", " ") for t in present if RELATION_TYPE.family_of(t) == family]
        if kinds:
            style = FAMILY_STYLES[family]
            label = f"{family}: {', '.join(kinds)}"
            handles.append(
                Line2D([], [], color=style.colour, linestyle=style.dashes, linewidth=2, label="\n".join(textwrap.wrap(label, 48)))
            )
    handles.append(Line2D([], [], color=HIERARCHY.colour, linewidth=4.5, label="part of (actors.parent_actor_id)"))
    most = max(count for *_, count in bundles(relations))
    handles.append(Line2D([], [], color="#777777", linewidth=1.1 + 0.7 * (most - 1), label=f"line width: 1 to {most} relations"))
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
        "Actors and their relations, by relation family, over the hierarchy of states and their bodies\n"
        "(arrows run from source to target; node size: number of relations)",
        fontsize=10,
    )
    return _save(fig, path)
