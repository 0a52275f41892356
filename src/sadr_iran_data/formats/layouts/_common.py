"""What the ACLED and UCDP GED layouts share: the result of a layout, their rules, the sides of an event, why an event is left out."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..._text import counted
from ...codes._keyed import Keyed
from ...codes.precision import ISO_DATE_LENGTH, Code, dating, place_reason
from ...declarations import CONFIDENCE
from .._writing import guard_formula, rows, wide_rows

Row = dict[str, Any]


@dataclass(frozen=True)
class Layout:
    """Events in a target layout: the rows written (dicts in the layout's column order) and the events left out."""

    columns: tuple[str, ...]
    rows: list[Row]
    left_out: list[Row]
    """One ``{"event_id", "reason"}`` per event not written, in event order."""

    def counts(self) -> dict[str, int]:
        """How many events were left out for each reason (its text up to the first colon), most frequent first."""
        counts: dict[str, int] = {}
        for row in self.left_out:
            key = row["reason"].split(":")[0]
            counts[key] = counts.get(key, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: -item[1]))

    def summary(self, name: str) -> str:
        """One line: how many events were written and left out, and why."""
        reasons = "; ".join(f"{reason} {count}" for reason, count in self.counts().items())
        return f"{name}: {counted(len(self.rows), 'event')} written, {len(self.left_out)} left out" + (f" ({reasons})" if reasons else "")


LEFT_OUT_COLUMNS = ("event_id", "reason")


@dataclass(frozen=True)
class LayoutRule:
    """One rule of a target dataset that a layout keeps: what it says, where its codebook (or its data) says it, the columns it governs.

    ``section`` is the codebook's section or page (or the data file) the rule
    comes from, ``sources`` the documents themselves. The documentation
    prints each layout's rules; ``tests/test_layouts.py`` checks every one of
    them against the rows the layout writes.
    """

    key: str
    rule: str
    section: str
    sources: tuple[str, ...]
    columns: tuple[str, ...]


def check_rules(name: str, rules: Iterable[LayoutRule], columns: Iterable[str]) -> None:
    """Raise ``ImportError`` unless every rule has its own key and governs columns of the layout."""
    rules, columns = tuple(rules), set(columns)
    keys = [rule.key for rule in rules]
    if len(set(keys)) != len(keys):
        raise ImportError(f"{name}: every rule needs its own key, not {keys}")
    for rule in rules:
        if not rule.columns or not set(rule.columns) <= columns:
            raise ImportError(f"{name}: rule {rule.key} must govern columns of the layout, not {rule.columns}")


#: Roles whose actors are ACLED's Actor 1 (the first one) and its associated actors, in this order.
ACTOR1_ROLES = ("initiator", "participant", "subject")

#: Roles whose actors are ACLED's Actor 2 (the first one) and its associated actors (the target is Actor 2, codebook).
ACTOR2_ROLES = ("target", "victim")

#: Event types whose participants fight each other: a participant other than actor 1 is on the other side (actor 2, side B).
OPPOSING_PARTICIPANTS = ("armed_clash", "attack")

#: Actor types of a state (a government side of state-based violence, with a Gleditsch-Ward number).
STATE_TYPES = ("state", "state_body", "state_armed_force")

#: Actor types of organised, armed, non-state actors.
ARMED_NON_STATE_TYPES = ("armed_group",)

#: Actor types of unarmed people, the victims of one-sided violence ("against civilians", UCDP_EVENT).
CIVILIAN_TYPES = ("population_group", "person")


#: confidence -> why an event of that confidence did not happen as far as the article says (None: it is reported as
#: having happened, rumours and other reported claims included).
NOT_HAPPENED: Keyed[str | None] = Keyed(
    "layouts.NOT_HAPPENED",
    "confidence",
    {
        "asserted": None,
        "probable": None,
        "possible": "a possibility, not a reported event: the article says it may be",
        "reported_unverified": None,
        "forecast": "a forecast, not a reported event: the article expects it",
    },
)
NOT_HAPPENED.check_covers(CONFIDENCE.values)


def not_happened(event: Mapping[str, Any]) -> str | None:
    return NOT_HAPPENED[event["confidence"]]


def when_and_where(event: Mapping[str, Any], date_codes: Mapping[str, Code], place_codes: Mapping[str, Code]) -> str | None:
    """Why a layout with these date and place codes cannot take the event's dating or place, or None if it can."""
    code, reason = dating(event, date_codes)
    if code is None:
        return reason
    if (reason := place_reason(event)) is not None:
        return reason
    return place_codes[event["place_type"]].reason if place_codes[event["place_type"]].code is None else None


def actors_in(event: Mapping[str, Any], roles: Iterable[str]) -> list[str]:
    ids: list[str] = []
    for role in roles:
        ids += [actor for actor in event[f"{role}_ids"] if actor not in ids]
    return ids


def lead(ids: list[str], rank: Callable[[str], int]) -> list[str]:
    """``ids`` with the first of the best-ranked (lowest) actors moved to the front, the others in their order."""
    if not ids:
        return ids
    best = min(ids, key=rank)
    return [best, *(a for a in ids if a != best)]


def sides(event: Mapping[str, Any], rank: Callable[[str], int]) -> tuple[list[str], list[str]]:
    """Actor ids of the event's two sides, each led by its best-ranked actor (the layout's actor 1 and 2, side A and B).

    Side 1 holds the initiators, participants and subjects; side 2 the
    targets and victims. In a clash or an attack the participants other than
    actor 1 fought it, so they are on side 2; in another event with neither
    initiator nor target, a second participant is actor 2 (the other side of a
    meeting).
    """
    first = lead(actors_in(event, ACTOR1_ROLES), rank)
    second = [actor for actor in actors_in(event, ACTOR2_ROLES) if actor not in first]
    others = [actor for actor in event["participant_ids"] if first and actor != first[0]]
    if event["event_type"] in OPPOSING_PARTICIPANTS:
        moved = others
    elif not second and not event["initiator_ids"]:
        moved = others[:1]
    else:
        moved = []
    first = [actor for actor in first if actor not in moved]
    return first, lead([*second, *moved], rank)


def citation_date(citation: Mapping[str, Any]) -> str | None:
    """A citation's date, ISO 8601 to its own precision (a year for anything coarser)."""
    return citation["date"].isoformat()[: ISO_DATE_LENGTH[citation["date_precision"]]] if citation["date"] else None


def citation_text(citation: Mapping[str, Any]) -> str:
    """A citation in one line: author, title, outlet and its date at its own precision (footnotes numbered)."""
    parts = [citation["author"], citation["title"] and f"“{citation['title']}”", citation["outlet"], citation_date(citation)]
    text = ", ".join(p for p in parts if p)
    return text if citation["note_number"] is None else f"footnote {citation['note_number']}: {text}"


def layout_inputs() -> tuple[list[Row], list[Row], list[Row], list[Row]]:
    """What the layouts are made from: the wide view of events, and the actors, places and citations."""
    return wide_rows("events"), rows("actors"), rows("locations"), rows("citations")


def triggers() -> dict[str, str]:
    """Each event's trigger: the text of its event_type cue (its first, where it has several), by event id."""
    found: dict[str, str] = {}
    for cue in sorted(rows("cues"), key=lambda c: c["char_start"]):
        if cue["record_table"] == "events" and cue["field"] == "event_type" and not cue.get("antecedent_of"):
            found.setdefault(cue["record_id"], cue["text"])
    return found


def _cell(value: Any, *, formula_guard: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return guard_formula(value) if formula_guard else value
    return str(value)


def write_layout_csv(path: Path, columns: Iterable[str], records: Iterable[Row], *, formula_guard: bool) -> None:
    columns = tuple(columns)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\r\n")
        writer.writerow(columns)
        writer.writerows([_cell(row[c], formula_guard=formula_guard) for c in columns] for row in records)


def layout_writer(build: Callable[[], Layout], files: tuple[str, str]) -> Callable[..., None]:
    """The export writer of a layout: its rows as ``files[0]``, the events left out with their reasons as ``files[1]``."""

    def write(staged: dict[str, Path], names: tuple[str, ...], options: Any) -> None:
        layout = build()
        write_layout_csv(staged[files[0]], layout.columns, layout.rows, formula_guard=options.formula_guard)
        write_layout_csv(staged[files[1]], LEFT_OUT_COLUMNS, layout.left_out, formula_guard=options.formula_guard)

    return write
