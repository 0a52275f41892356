"""The field's codes, checked as the codebook states them: PLOVER by its decision table, its contexts, its actor, the state codes.

The PLOVER type of every event follows the decision table of
:mod:`sadr_iran_data.codes.plover` or says in ``plover_note`` why not; an
uncoded event carries no context; the temporal contexts (``future``,
``hypothetical``, ``historical``) say what the dating and the certainty say;
an event with no named actor is not coded, as the PLOVER manual says, and
only such an event leaves a coded default for ``NOT_CODED``; a state and its
country place carry the same state codes. The rules of one table read the
Arrow columns and judge each distinct combination once, so they run on a
million rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from ..codes import plover
from ._base import CodingRule, Finding, Tables, per_distinct

_HISTORICAL_BEFORE = datetime.date.fromisoformat(plover.HISTORICAL_BEFORE)


def _general(contexts: list[str] | None) -> list[str]:
    return [c for c in contexts or [] if c not in plover.TEMPORAL_CONTEXTS]


def _day(value: Any) -> datetime.date | None:
    return value.date() if isinstance(value, datetime.datetime) else value


def _ended_before_2003(end: Any) -> bool:
    day = _day(end)
    return day is not None and day < _HISTORICAL_BEFORE


def _decision_kept(event: dict[str, Any]) -> str | None:
    decision = plover.DECISIONS.get(event["event_type"])
    if decision is None:
        return None  # an unknown event_type is its column's failure
    as_default = (
        event["plover_type"] == decision.plover_type
        and event["plover_mode"] == decision.mode
        and _general(event["plover_context"]) == list(decision.contexts)
        and ("historical" not in (event["plover_context"] or []) or _ended_before_2003(event["date_end"]))
    )
    noted = event["plover_note"] is not None
    if as_default and noted:
        return "plover_note explains a departure from the decision table, but the coding is the table's default"
    if not as_default and not noted:
        default = f"{decision.plover_type}, mode {decision.mode}, contexts {list(decision.contexts)}"
        return f"departs from the decision table's default for {event['event_type']} ({default}) without a plover_note saying why"
    return None


def _temporal(event: dict[str, Any]) -> str | None:
    contexts = event["plover_context"] or []
    if event["plover_type"] == plover.NOT_CODED:
        return f"an event PLOVER does not code carries the contexts {contexts}" if contexts else None
    forecast = event["date_end"] is None
    if ("future" in contexts) != forecast:
        return "'future' is a context exactly of a forecast (an open period with no end)"
    if ("hypothetical" in contexts) != (event["certainty"] == "expected"):
        return "'hypothetical' is a context exactly of a possibility (certainty expected)"
    if _ended_before_2003(event["date_end"]) and "historical" not in contexts:
        return "an event over before 2003 is 'historical'"
    if "historical" in contexts and not _ended_before_2003(event["date_end"]) and "historical" not in (event["plover_note"] or ""):
        return "'historical' on an event not over before 2003 needs a plover_note saying why"
    return None


def _plover_default(event: dict[str, Any]) -> None:
    """Codes ``event`` by the decision table, with the temporal contexts its dating and certainty call for."""
    decision = plover.DECISIONS[event["event_type"]]
    contexts = list(decision.contexts)
    if decision.plover_type != plover.NOT_CODED:
        contexts += ["future"] if event["date_end"] is None else []
        contexts += ["hypothetical"] if event["certainty"] == "expected" else []
        contexts += ["historical"] if _ended_before_2003(event["date_end"]) else []
    event.update(plover_type=decision.plover_type, plover_mode=decision.mode, plover_context=contexts, plover_note=None)


def _events_by(rule: str, column: str, columns: tuple[str, ...], judge: Any) -> Any:
    def check(tables: Tables) -> Iterator[Finding]:
        events = tables.arrow("events")
        ids = events.column("event_id")
        for row, message in per_distinct(events, columns, judge):
            yield Finding("events", ids[row].as_py(), column, rule, message, None)

    return check


def _named_actor(tables: Tables) -> Iterator[Finding]:
    events = tables.arrow("events")
    columns = {name: events.column(name).to_pylist() for name in ("event_id", "event_type", "plover_type", "plover_note")}
    roles: dict[str, list[str]] = {}
    for link in tables.get("event_actors"):
        if link["role"] in plover.ACTOR_ROLES:  # an unknown role is its column's failure
            roles.setdefault(link["event_id"], []).append(link["role"])
    for event_id, event_type, plover_type, note in zip(*columns.values(), strict=True):
        if event_type not in plover.DECISIONS:
            continue  # an unknown event_type is its column's failure
        named = plover.named_actor(roles.get(event_id, ()))
        uncoded = plover_type == plover.NOT_CODED and plover.DECISIONS[event_type].plover_type != plover.NOT_CODED
        message = None
        if plover_type != plover.NOT_CODED and not named:
            message = "no actor in a role that can be PLOVER's actor is linked: PLOVER does not code it (NOT_CODED)"
        elif uncoded and named:
            message = f"NOT_CODED, though {event_type} is coded by default and a named actor is linked"
        elif uncoded and plover.NO_NAMED_ACTOR not in (note or ""):
            message = f"an event left uncoded for want of a named actor quotes the manual in plover_note: '{plover.NO_NAMED_ACTOR}'"
        if message is not None:
            yield Finding("events", event_id, "plover_type", "plover_named_actor", message, plover_type)


def _state_codes(tables: Tables) -> Iterator[Finding]:
    countries = {p["country"]: p for p in tables.get("locations") if p["location_type"] == "country"}
    for name, key, rows in (
        ("actors", "actor_id", [a for a in tables.get("actors") if a["actor_type"] == "state"]),
        ("locations", "location_id", list(countries.values())),
    ):
        for row in rows:
            for code in ("cow_code", "gw_code"):
                if row.get(code) is None:
                    yield Finding(name, row[key], code, "state_codes", f"a state (or a country place) needs its {code}", None)
    for actor in tables.get("actors"):
        place = countries.get(actor.get("country")) if actor["actor_type"] == "state" else None
        for code in ("cow_code", "gw_code"):
            if place is not None and place.get(code) is not None and actor.get(code) not in (None, place[code]):
                message = f"{code} {actor[code]} differs from its country place's {place[code]} ({place['location_id']})"
                yield Finding("actors", actor["actor_id"], code, "state_codes", message, actor[code])


_PLOVER = ("event_type", "plover_type", "plover_mode", "plover_context", "plover_note", "date_end")

FIELD_RULES: tuple[CodingRule, ...] = (
    CodingRule(
        "plover_by_decision_table",
        "F1",
        "Every event's PLOVER type, mode and general contexts are its event_type's defaults in the decision table "
        "(docs/codebook.md#plover), or its plover_note says why not; a default coding carries no note.",
        ("events",),
        _events_by("plover_by_decision_table", "plover_note", _PLOVER, _decision_kept),
        judgement="whether a departure is right is the coder's reading; the rule checks that it is explained",
        repair=_plover_default,
    ),
    CodingRule(
        "plover_temporal_contexts",
        "F2",
        "An uncoded event carries no PLOVER context; a coded one is 'future' exactly when it is a forecast, 'hypothetical' "
        "exactly when its certainty is expected, and 'historical' when it was over before 2003 (otherwise only with a note).",
        ("events",),
        _events_by("plover_temporal_contexts", "plover_context", (*_PLOVER, "certainty"), _temporal),
        repair=_plover_default,
    ),
    CodingRule(
        "state_codes",
        "F3",
        "A state actor and a country place carry COW and Gleditsch-Ward codes, and a state has its country place's codes.",
        ("actors", "locations"),
        _state_codes,
    ),
    CodingRule(
        "plover_named_actor",
        "F4",
        "An event with no named actor (none of its actors in a role that can be PLOVER's actor: "
        + ", ".join(role for role, kind in plover.ACTOR_ROLES.items() if kind.actor)
        + ") is NOT_CODED, its plover_note quoting the manual; only such an event leaves its event_type's coded "
        "default for NOT_CODED, and every coded event has a named actor.",
        ("events", "event_actors"),
        _named_actor,
    ),
)
