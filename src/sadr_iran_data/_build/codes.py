"""The codebook's generated blocks: the PLOVER decision table, the support mapping and the country codes.

Each block is written from the declarations (:mod:`sadr_iran_data.codes.plover`,
:mod:`sadr_iran_data.codes.support`) and the shipped tables, so that the codebook
says what the data hold; ``sadr-iran-data build`` rewrites them between the
``<!-- generated:NAME -->`` markers of ``docs/codebook.md``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import sadr_iran_data as sid

from ..codes import plover, support


def grid(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A Markdown table (the data dictionary's writer); None prints as an en dash, a list as its items joined with commas."""
    from ..declarations.dictionary import _markdown_table

    def cell(value: Any) -> str:
        if value is None or value == "" or (isinstance(value, list | tuple) and not value):
            return "–"
        if isinstance(value, list | tuple):
            return ", ".join(map(str, value))
        return str(value)

    return _markdown_table(tuple(header), [tuple(cell(v) for v in row) for row in rows])


def _code(value: Any) -> str | None:
    return None if value is None else f"`{value}`"


def plover_block() -> str:
    """The decision table (one row per event_type, with its count of events), then every exception in the data."""
    events = sid.load("events", backend="arrow").to_pylist()
    by_type: dict[str, int] = {}
    for event in events:
        by_type[event["event_type"]] = by_type.get(event["event_type"], 0) + 1
    coded = sum(e["plover_type"] != plover.NOT_CODED for e in events)
    table = grid(
        ("`event_type`", "events", "PLOVER type", "mode", "contexts", "CAMEO root", "why", "exceptions allowed"),
        (
            (
                f"`{name}`",
                by_type.get(name, 0),
                f"`{d.plover_type}`",
                _code(d.mode),
                [f"`{c}`" for c in d.contexts],
                _code(plover.cameo_root(d.plover_type, d.mode)),
                d.reason,
                [f"`{t}`" for t in d.exceptions],
            )
            for name, d in plover.DECISIONS.items()
        ),
    )
    exceptions = grid(
        ("event", "`event_type`", "PLOVER type", "mode", "contexts", "why"),
        (
            (
                f"`{e['event_id']}`",
                f"`{e['event_type']}`",
                f"`{e['plover_type']}`",
                _code(e["plover_mode"]),
                e["plover_context"],
                e["plover_note"],
            )
            for e in events
            if e["plover_note"]
        ),
    )
    return (
        f"{coded} of {len(events)} events carry a PLOVER type; the other {len(events) - coded} are `NOT_CODED`.\n\n"
        f"{table}\n\n"
        "Events coded otherwise than their `event_type`'s default, each with its `plover_note`:\n\n"
        f"{exceptions}"
    )


def support_block() -> str:
    """The support_form mapping, with the count of relations of each form."""
    relations = [r for r in sid.load("relations", backend="arrow").to_pylist() if r["relation_type"] == "supports"]
    counts: dict[str, int] = {}
    for relation in relations:
        counts[relation["support_form"]] = counts.get(relation["support_form"], 0) + 1
    intents = sorted({r["support_intent"] for r in relations})
    return (
        grid(
            ("`support_form`", "relations", "UCDP ESD support variable", "NAGs support type", "why"),
            ((f"`{form}`", counts.get(form, 0), m.esd, m.nags, m.reason) for form, m in support.MAPPING.items()),
        )
        + f"\n\n`support_intent` of the {len(relations)} `supports` relations: "
        + ", ".join(f"`{i}` {sum(r['support_intent'] == i for r in relations)}" for i in intents)
        + "."
    )


def country_codes_block() -> str:
    """ISO3, COW and Gleditsch-Ward codes of every state actor and country place."""
    rows: dict[str, dict[str, Any]] = {}
    for actor in sid.load("actors", backend="arrow").to_pylist():
        if actor["actor_type"] == "state":
            rows.setdefault(actor["country"], {})["actor"] = actor
    for place in sid.load("locations", backend="arrow").to_pylist():
        if place["location_type"] == "country":
            rows.setdefault(place["country"], {})["place"] = place
    body = []
    for iso3, found in sorted(rows.items()):
        record = found.get("place") or found["actor"]
        body.append(
            (
                f"`{iso3}`",
                record["name"],
                _code(found["actor"]["actor_id"]) if "actor" in found else None,
                _code(found["place"]["location_id"]) if "place" in found else None,
                record["cow_code"],
                record["gw_code"],
            )
        )
    return grid(("ISO3", "name", "state actor", "country place", "COW", "Gleditsch–Ward"), body)


def rules_block() -> str:
    """Every coding rule of the package: its code, name, what it checks, what is left to judgement, the tables it reads."""
    from ..rules import RULES

    return grid(
        ("code", "rule", "what it checks", "left to the coder", "reads"),
        ((r.code, f"`{r.name}`", r.description, r.judgement, ", ".join(f"`{t}`" for t in r.tables)) for r in RULES),
    )


def hedges_block() -> str:
    """The hedge lexicon: the words a hedge cue of each certainty holds."""
    from ..declarations import CERTAINTY
    from ..rules.lexicons import HEDGES

    return grid(
        ("`certainty`", "a hedge cue holds one of"),
        ((f"`{c}`", ", ".join(f"“{w}”" for w in HEDGES[c])) for c in CERTAINTY.values if c in HEDGES),
    )


def triggers_block() -> str:
    """The trigger words of each event and relation type (regular expressions)."""
    from ..declarations import EVENT_TYPE, RELATION_TYPE
    from ..rules.lexicons import TRIGGERS

    rows = [
        (f"`{v}`", "event" if v in EVENT_TYPE.values else "relation", f"`{TRIGGERS[v]}`")
        for v in (*EVENT_TYPE.values, *RELATION_TYPE.values)
    ]
    return grid(("type", "of", "its trigger cue matches"), rows)


def codebook_blocks() -> dict[str, str]:
    """The codebook's generated blocks, by name (set off by blank lines, so that Markdown sees their tables)."""
    blocks = {
        "plover": plover_block(),
        "support": support_block(),
        "country_codes": country_codes_block(),
        "rules": rules_block(),
        "hedges": hedges_block(),
        "triggers": triggers_block(),
    }
    return {name: f"\n{text}\n" for name, text in blocks.items()}
