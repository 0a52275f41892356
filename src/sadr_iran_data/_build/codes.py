"""The codebook's generated blocks: PLOVER (the decision table, the crosswalk, the recoding, the manuals), support, country codes.

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
    unnamed = sum(plover.NO_NAMED_ACTOR in (e["plover_note"] or "") for e in events)
    return (
        f"{coded} of {len(events)} events carry a PLOVER type; the other {len(events) - coded} are `NOT_CODED`, "
        f"{unnamed} of them for want of a named actor (rule F4).\n\n"
        f"{table}\n\n"
        "Events coded otherwise than their `event_type`'s default, each with its `plover_note`:\n\n"
        f"{exceptions}"
    )


def plover_roles_block() -> str:
    """Which roles of ``event_actors`` can be PLOVER's actor."""
    return grid(
        ("`role`", "PLOVER's actor?", "why"),
        ((f"`{role}`", "yes" if kind.actor else "no", kind.reason) for role, kind in plover.ACTOR_ROLES.items()),
    )


def plover_crosswalk_block() -> str:
    """The CAMEO codes and roots of each PLOVER type, then the crosswalk's 2021 modes and their 2.0 modes."""
    roots = grid(
        ("PLOVER type", "CAMEO codes in the crosswalk", "`cameo_root` without a mode", "modes with a root of their own"),
        (
            (
                f"`{name}`",
                plover.cameo_codes(name),
                _code(plover.cameo_root(name, None)),
                ", ".join(
                    f"`{m}` {_code(plover.cameo_root(name, m)) or 'none'}"
                    for m in plover.MODES[name]
                    if plover.cameo_root(name, m) != plover.cameo_root(name, None)
                ),
            )
            for name, _ in plover.TYPES
            if name != plover.NOT_CODED
        ),
    )
    modes = grid(
        ("PLOVER type", "crosswalk mode", "2.0 mode", "why"),
        ((f"`{t}`", f"`{m}`", _code(new), why) for (t, m), (new, why) in plover.CROSSWALK_MODES.items()),
    )
    return f"{roots}\n\nThe crosswalk's modes that the 2.0 manual no longer has, as this package reads them:\n\n{modes}"


def plover_recoded_block() -> str:
    """The codes of 1.3.0 and 1.4.0 that the 2.0 manual renames or drops, with the events of 1.3.0 that carried each."""
    released = sid.load("events", version="1.3.0", backend="arrow").to_pylist()
    modes: dict[str, int] = {}
    types: dict[str, int] = {}
    contexts: dict[str, int] = {}
    for e in released:
        if e["plover_mode"] is not None:
            modes[f"{e['plover_type']} {e['plover_mode']}"] = modes.get(f"{e['plover_type']} {e['plover_mode']}", 0) + 1
        else:
            types[e["plover_type"]] = types.get(e["plover_type"], 0) + 1
        for c in e["plover_context"]:
            contexts[c] = contexts.get(c, 0) + 1

    def new_code(entry: plover.Recoded) -> str:
        return f"`{entry.plover_type}`" + (f" `{entry.mode}`" if entry.mode else " (no mode)")

    rows = [
        (f"`{old}`", "type", new_code(entry), types.get(old, 0), entry.reason)
        for old, entry in plover.RECODED_TYPES.items()
        if entry.reason != plover.KEPT
    ]
    rows += [
        (" ".join(f"`{part}`" for part in old.split(" ")), "type and mode", new_code(entry), modes.get(old, 0), entry.reason)
        for old, entry in plover.RECODED_MODES.items()
        if entry.reason != plover.KEPT
    ]
    rows += [
        (f"`{old}`", "context", _code(entry.context) or "dropped", contexts.get(old, 0), entry.reason)
        for old, entry in plover.RECODED_CONTEXTS.items()
        if entry.reason != plover.KEPT
    ]
    return grid(("1.3.0 and 1.4.0", "code", "on the 2.0 manual", "events in 1.3.0", "why"), rows)


def plover_versions_block() -> str:
    """Where the 0.7 draft and the 2.0 manual differ: their vocabularies term by term, then the rest, quoted."""
    renamed = {"DEMAND": "REQUEST"}
    rows = [("event types", "`DEMAND`", "`REQUEST`", "`REQUEST`")]
    for old in plover.DRAFT_0_7_TYPES:
        new = renamed.get(old, old)
        gone = [m for m in plover.DRAFT_0_7_MODES[old] if m not in plover.MODES[new]]
        added = [m for m in plover.MODES[new] if m not in plover.DRAFT_0_7_MODES[old]]
        if gone or added:
            rows.append(
                (
                    f"modes of `{old}`" + (f" (`{new}`)" if new != old else ""),
                    "only 0.7: " + (", ".join(f"`{m}`" for m in gone) or "–"),
                    "only 2.0: " + (", ".join(f"`{m}`" for m in added) or "–"),
                    "the 2.0 modes; the 0.7 ones recoded as [above](#plover-recoded)",
                )
            )
    gone = [c for c in plover.DRAFT_0_7_CONTEXTS if c not in plover.GENERAL_CONTEXTS]
    added = [c for c in plover.GENERAL_CONTEXTS if c not in plover.DRAFT_0_7_CONTEXTS]
    rows.append(
        (
            f"general contexts ({len(plover.DRAFT_0_7_CONTEXTS)} in 0.7, {len(plover.GENERAL_CONTEXTS)} in 2.0)",
            "only 0.7: " + ", ".join(f"`{c}`" for c in gone),
            "only 2.0: " + ", ".join(f"`{c}`" for c in added),
            "the 2.0 contexts",
        )
    )
    rows += [(d.topic, d.draft_0_7, d.manual_2_0, d.here) for d in plover.DRAFT_0_7_DIFFERENCES]
    return grid(("", "0.7 draft (`0711e39`)", "2.0 (`5e0c24f`)", "this dataset"), rows)


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
        "plover_roles": plover_roles_block(),
        "plover_crosswalk": plover_crosswalk_block(),
        "plover_recoded": plover_recoded_block(),
        "plover_versions": plover_versions_block(),
        "support": support_block(),
        "country_codes": country_codes_block(),
        "rules": rules_block(),
        "hedges": hedges_block(),
        "triggers": triggers_block(),
    }
    return {name: f"\n{text}\n" for name, text in blocks.items()}
