"""The cue rules: every coded value of an event, a relation and an event's party has its words, and they say what it says.

A cue (the ``cues`` table) is the span of the article that justifies one
value. These rules check that each value that needs one has its cue, that
the cue names what the value says (the actor or place by a name, an alias,
or through a cued antecedent; the certainty by a hedge of its level; the
type by one of its trigger words; the date by a number, a month or a time
word), that each cue lies in its row's quotes, and that a summary names no
actor or place the row does not cue. What the words mean in context is left
to the coder: a rule checks the words are there, not that they are read
right.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..declarations import CERTAINTY, EVENT_TYPE, RELATION_TYPE
from ._base import CodingRule, Finding, Tables, claims, names_in, whole_name
from .lexicons import HEDGES, MONTHS, TIME_WORDS, TRIGGERS

if set(TRIGGERS) != {*EVENT_TYPE.values, *RELATION_TYPE.values}:
    raise ImportError("rules.lexicons.TRIGGERS must give the trigger words of every event_type and relation_type")
if set(HEDGES) != set(CERTAINTY.values) - {"stated"}:
    raise ImportError("rules.lexicons.HEDGES must give the hedges of every certainty but 'stated'")

#: Date precisions that come from words of the article, which a date cue must hold.
DATED = ("day", "month", "year", "decade")
#: The parties of a relation, each cued.
RELATION_PARTIES = ("source_actor_id", "target_actor_id")


def _type_field(table: str) -> str:
    return "event_type" if table == "events" else "relation_type"


def has_hedge(certainty: str, text: str) -> bool:
    """Whether ``text`` holds one of the hedges of ``certainty`` (:data:`~.lexicons.HEDGES`).

    Examples
    --------
    >>> has_hedge("rumored", "It is also rumored in Iran"), has_hedge("likely", "It is known")
    (True, False)
    """
    return any(names_in(hedge, text) for hedge in HEDGES.get(certainty, ()))


def is_date_expression(text: str) -> bool:
    """Whether ``text`` can date something: it holds a number, a month's name or a time word.

    Examples
    --------
    >>> is_date_expression("In April 2004"), is_date_expression("For the last three years"), is_date_expression("Tehran")
    (True, True, False)
    """
    return bool(re.search(r"\d", text)) or any(names_in(word, text) for word in (*MONTHS, *TIME_WORDS))


# --------------------------------------------------------------------------
# The checks
# --------------------------------------------------------------------------


def _triggers(tables: Tables) -> Iterator[Finding]:
    for table, record_id, row in claims(tables):
        field = _type_field(table)
        found = tables.cues_of(table, record_id, field)
        if not found:
            yield Finding(table, record_id, field, "trigger_cued", f"no cue gives the words that make it of type {row[field]}", row[field])
        for cue in found:
            if not re.search(TRIGGERS[row[field]], cue["text"]):
                message = f"the trigger cue {cue['text']!r} holds none of the trigger words of {row[field]} (rules.lexicons.TRIGGERS)"
                yield Finding(table, record_id, field, "trigger_cued", message, row[field])


def _named(tables: Tables, rule: str, where: tuple[str, str, str], value: str | None) -> Iterator[Finding]:
    """Findings for one actor or place value: it has a cue, and each of its cues names it."""
    table, record_id, field = where
    if value is None:
        return
    found = tables.cues_of(table, record_id, field)
    if not found:
        yield Finding(table, record_id, field, rule, "no cue names it", value)
    for cue in found:
        if not tables.names_value(cue, value):
            message = f"the cue {cue['text']!r} names {value} neither by a name or alias nor through a cued antecedent"
            yield Finding(table, record_id, field, rule, message, value)


def _parties(tables: Tables) -> Iterator[Finding]:
    for link in tables["event_actors"]:
        yield from _named(tables, "party_cued", ("event_actors", link["event_actor_id"], "actor_id"), link["actor_id"])
    for row in tables["relations"]:
        for field in RELATION_PARTIES:
            yield from _named(tables, "party_cued", ("relations", row["relation_id"], field), row[field])


def _hedges(tables: Tables) -> Iterator[Finding]:
    for table, record_id, row in claims(tables):
        certainty, found = row["certainty"], tables.cues_of(table, record_id, "certainty")
        if certainty == "stated":
            if found:
                yield Finding(table, record_id, "certainty", "hedge_cued", "a plainly stated row has no hedge to cue", certainty)
            continue
        if not found:
            yield Finding(table, record_id, "certainty", "hedge_cued", f"no cue gives the hedge that makes it {certainty}", certainty)
        for cue in found:
            if not has_hedge(certainty, cue["text"]):
                message = f"the hedge cue {cue['text']!r} holds none of the hedges of {certainty} (rules.lexicons.HEDGES)"
                yield Finding(table, record_id, "certainty", "hedge_cued", message, certainty)


def _holders(tables: Tables) -> Iterator[Finding]:
    for table, record_id, row in claims(tables):
        yield from _named(tables, "holder_cued", (table, record_id, "holder_actor_id"), row.get("holder_actor_id"))


def _dates(tables: Tables) -> Iterator[Finding]:
    for table, record_id, row in claims(tables):
        found = tables.cues_of(table, record_id, "date_edtf")
        if row["date_precision"] in DATED and not found:
            message = f"dated to a {row['date_precision']}, but no cue gives the date expression"
            yield Finding(table, record_id, "date_edtf", "date_cued", message, row["date_edtf"])
        for cue in found:
            if not is_date_expression(cue["text"]):
                message = f"the date cue {cue['text']!r} holds no number, month or time word"
                yield Finding(table, record_id, "date_edtf", "date_cued", message, row["date_edtf"])


def _places(tables: Tables) -> Iterator[Finding]:
    for row in tables["events"]:
        yield from _named(tables, "place_cued", ("events", row["event_id"], "location_id"), row.get("location_id"))


def _current(row: dict[str, Any], field: str) -> str | None:
    value = row.get(field)
    return None if value is None else str(value)


def _values(tables: Tables) -> Iterator[Finding]:
    rows = {
        **{("events", r["event_id"]): r for r in tables["events"]},
        **{("relations", r["relation_id"]): r for r in tables["relations"]},
        **{("event_actors", r["event_actor_id"]): r for r in tables["event_actors"]},
    }
    for cue in tables["cues"]:
        row = rows.get((cue["record_table"], cue["record_id"]))
        if row is None:
            continue  # a cue of a row that is not there: the foreign key reports it
        if _current(row, cue["field"]) != cue["value"]:
            message = f"the cue {cue['text']!r} justifies {cue['value']!r}, but the row's {cue['field']} is {_current(row, cue['field'])!r}"
            yield Finding(cue["record_table"], cue["record_id"], cue["field"], "cue_value_current", message, cue["value"])


def _inside(cue: dict[str, Any], quotes: list[dict[str, Any]]) -> bool:
    return any(
        q["citation_id"] == cue["citation_id"] and q["char_start"] <= cue["char_start"] and cue["char_end"] <= q["char_end"] for q in quotes
    )


def _in_quotes(tables: Tables) -> Iterator[Finding]:
    events_of = {link["event_actor_id"]: link["event_id"] for link in tables["event_actors"]}
    for cue in tables["cues"]:
        if cue.get("antecedent_of"):
            continue
        quotes = list(tables.evidence.get((cue["record_table"], cue["record_id"]), []))
        if cue["record_table"] == "event_actors" and cue["record_id"] in events_of:
            quotes += tables.evidence.get(("events", events_of[cue["record_id"]]), [])
        if not _inside(cue, quotes):
            message = f"the cue {cue['text']!r} lies outside the row's quotes: a quote must carry the words of each value"
            yield Finding(cue["record_table"], cue["record_id"], cue["field"], "cue_in_quotes", message, cue["value"])


def _mentions(text: str, named: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The actors and places ``text`` names, as (id, name); a name inside a longer name of another ("U.S." in "U.S. troops") is not one."""
    spans = [(m.start(), m.end(), key, name) for key, name in named if name in text for m in whole_name(name).finditer(text)]
    return [
        (key, name)
        for start, end, key, name in spans
        if not any(s <= start and end <= e and (e - s) > (end - start) and k != key for s, e, k, _ in spans)
    ]


def _summaries(tables: Tables) -> Iterator[Finding]:
    named = [
        (key, name) for key in (*tables.actors, *tables.locations) for name in tables.names(key) if len(name) > 2 and name[0].isupper()
    ]
    bearers: dict[str, set[str]] = {}
    for key, name in named:
        bearers.setdefault(name, set()).add(key)
    for table, record_id, row in claims(tables):
        values = {c["value"] for c in tables.cues.get((table, record_id), [])}
        for link in tables.links.get(record_id, []) if table == "events" else []:
            values |= {c["value"] for c in tables.cues.get(("event_actors", link["event_actor_id"]), [])}
        for name in dict.fromkeys(name for _key, name in _mentions(row["summary"], named)):
            if not bearers[name] & values:  # a name several records bear ("Tehran": the state, the city) needs one of them cued
                keys = ", ".join(sorted(bearers[name]))
                message = f"the summary names {name!r} ({keys}), which none of the row's cues justifies"
                yield Finding(table, record_id, "summary", "summary_names_cued", message, name)


CUE_RULES: tuple[CodingRule, ...] = (
    CodingRule(
        "trigger_cued",
        "C1",
        "Every event and relation has a cue of its type's trigger, which holds one of the type's trigger words.",
        ("events", "relations", "cues"),
        _triggers,
        judgement="whether the words make the row that type in context is the coder's call",
    ),
    CodingRule(
        "party_cued",
        "C2",
        "Every party (an event's actor in its role, a relation's source and target) has a cue that names it: "
        "a name, an alias, or a pronoun or description whose antecedent cue names it.",
        ("actors", "events", "event_actors", "relations", "cues"),
        _parties,
        judgement="which antecedent a pronoun has is the coder's reading; the rule checks that one is cued and names the actor",
    ),
    CodingRule(
        "hedge_cued",
        "C3",
        "A row that is not plainly stated has a cue of its hedge, which holds one of its certainty's hedges; a stated row has none.",
        ("events", "relations", "cues"),
        _hedges,
    ),
    CodingRule(
        "holder_cued",
        "C4",
        "The holder of a reported view, claim or rumour has a cue that names it.",
        ("actors", "events", "relations", "cues"),
        _holders,
    ),
    CodingRule(
        "date_cued",
        "C5",
        "A row dated to a day, month, year or decade has a cue of its date expression (a number, a month or a time word).",
        ("events", "relations", "cues"),
        _dates,
        judgement="that the expression dates this row, and to that precision, is the coder's reading",
    ),
    CodingRule(
        "place_cued",
        "C6",
        "A placed event has a cue that names its place (a name, an alias, or 'the region' with its antecedent cue).",
        ("locations", "events", "cues"),
        _places,
        judgement="that the place is where the happening is, not only a place named near it, is the coder's reading (R1)",
    ),
    CodingRule(
        "cue_value_current",
        "C7",
        "A cue justifies the value its row holds now.",
        ("events", "relations", "event_actors", "cues"),
        _values,
    ),
    CodingRule(
        "cue_in_quotes",
        "C8",
        "Every cue but an antecedent lies in its row's quotes (an event's party: its link's or its event's), "
        "so the quote carries the value.",
        ("events", "relations", "event_actors", "evidence", "cues"),
        _in_quotes,
    ),
    CodingRule(
        "summary_names_cued",
        "C9",
        "A summary names no actor or place (by a name or alias) that none of the row's cues justifies.",
        ("actors", "locations", "events", "relations", "event_actors", "cues"),
        _summaries,
        judgement="a summary may still say more than the text in words that name no one; the coder checks the rest (R7)",
    ),
)
