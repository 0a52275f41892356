"""What every coding rule shares: the rule object, its findings, and the tables it reads as plain records.

A coding rule checks rows across tables (an event and its cues, a relation
and its actors), where a declared row rule (:mod:`sadr_iran_data.constraints`)
checks the columns of one row. Each rule reads plain records — dicts of
Python values, as ``pyarrow.Table.to_pylist()`` gives them — and yields one
:class:`Finding` per row it finds broken.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

#: Plain records of each table, by table name.
Records = Mapping[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Finding:
    """One row that breaks a coding rule: where (table, row id, column) and why."""

    table: str
    record_id: str
    column: str | None
    rule: str
    message: str
    value: Any = None


@dataclass(frozen=True)
class CodingRule:
    """A rule of the codebook checked across the tables: its name, what it says, what it reads, and its check.

    ``tables`` are the tables the check reads: it runs when all of them are
    at hand. ``judgement`` says, for a rule a machine can only check in part,
    what is left to the coder.
    """

    name: str
    code: str
    """The codebook's name of the rule (R1 ... R11, C1 ... for the cues, F1 ... for the field's codes)."""
    description: str
    tables: tuple[str, ...]
    check: Callable[[Tables], Iterable[Finding]]
    judgement: str | None = None

    def findings(self, records: Records) -> list[Finding]:
        """Every row of ``records`` that breaks the rule (the tables it reads must all be given)."""
        return list(self.check(Tables(records)))


def fold(text: str) -> str:
    """Text as names are compared: NFKC, case-folded, typographic apostrophes and dashes as ASCII, single spaces.

    Examples
    --------
    >>> fold("Al-Sadr’s  MILITIA")
    "al-sadr's militia"
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    return " ".join(text.split())


def names_in(name: str, text: str) -> bool:
    """Whether ``text`` names ``name`` as a whole word or phrase (compared folded).

    Examples
    --------
    >>> names_in("al-Sadr", "al-Sadr’s militia"), names_in("Iran", "Iranian officials")
    (True, False)
    """
    wanted = fold(name)
    return bool(wanted) and re.search(rf"(?<![\w-]){re.escape(wanted)}(?![\w-])", fold(text)) is not None


class Tables:
    """The records a rule reads, with the look-ups rules share (rows by id, cues by record, names of actors and places)."""

    def __init__(self, records: Records) -> None:
        self.records = records

    def __getitem__(self, name: str) -> list[dict[str, Any]]:
        return self.records[name]

    @cached_property
    def actors(self) -> dict[str, dict[str, Any]]:
        return {row["actor_id"]: row for row in self.records.get("actors", [])}

    @cached_property
    def locations(self) -> dict[str, dict[str, Any]]:
        return {row["location_id"]: row for row in self.records.get("locations", [])}

    def names(self, record_id: str) -> list[str]:
        """An actor's or a place's name and aliases."""
        row = self.actors.get(record_id) or self.locations.get(record_id)
        return [] if row is None else [row["name"], *(row.get("aliases") or [])]

    @cached_property
    def cues(self) -> dict[tuple[str, str], list[dict[str, Any]]]:
        """The cues of each row, by (record_table, record_id), antecedents included, in the order of the text."""
        found: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for cue in sorted(self.records.get("cues", []), key=lambda c: (c["char_start"], c["char_end"])):
            found.setdefault((cue["record_table"], cue["record_id"]), []).append(cue)
        return found

    @cached_property
    def antecedents(self) -> dict[str, list[dict[str, Any]]]:
        """The antecedent cues of each cue, by the cue id they resolve."""
        found: dict[str, list[dict[str, Any]]] = {}
        for cue in self.records.get("cues", []):
            if cue.get("antecedent_of"):
                found.setdefault(cue["antecedent_of"], []).append(cue)
        return found

    def cues_of(self, table: str, record_id: str, field: str | None = None) -> list[dict[str, Any]]:
        """A row's own cues (not antecedents), of one field or all."""
        return [c for c in self.cues.get((table, record_id), []) if not c.get("antecedent_of") and (field is None or c["field"] == field)]

    @cached_property
    def evidence(self) -> dict[tuple[str, str], list[dict[str, Any]]]:
        """The quotes of each row, by (record_table, record_id)."""
        found: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for quote in self.records.get("evidence", []):
            found.setdefault((quote["record_table"], quote["record_id"]), []).append(quote)
        return found

    @cached_property
    def links(self) -> dict[str, list[dict[str, Any]]]:
        """The actor links of each event."""
        found: dict[str, list[dict[str, Any]]] = {}
        for link in self.records.get("event_actors", []):
            found.setdefault(link["event_id"], []).append(link)
        return found

    def names_value(self, cue: dict[str, Any], value: str) -> bool:
        """Whether ``cue`` names the actor or place ``value``: by a name or alias, itself or through an antecedent cue."""
        candidates = [cue, *self.antecedents.get(cue["cue_id"], [])]
        return any(names_in(name, c["text"]) for c in candidates for name in self.names(value))


def claims(tables: Tables) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every event and relation, as (table, id, row)."""
    for name, key in (("events", "event_id"), ("relations", "relation_id")):
        for row in tables.records.get(name, []):
            yield name, row[key], row
