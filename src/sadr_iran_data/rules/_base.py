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
from functools import cached_property, lru_cache
from typing import Any

#: Each table, by name: plain records (``list[dict]``) or an Arrow table.
Records = Mapping[str, Any]


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
    repair: Callable[[dict[str, Any]], None] | None = None
    """For a rule of one row of one table: changes a row that breaks it so that it keeps it (generated test rows use it)."""

    def findings(self, records: Records | Tables, texts: Mapping[str, str] | None = None) -> list[Finding]:
        """Every row of ``records`` that breaks the rule (the tables it reads must all be given)."""
        return list(self.check(records if isinstance(records, Tables) else Tables(records, texts)))


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
    return bool(wanted) and whole_name(wanted).search(fold(text)) is not None


@lru_cache(maxsize=4096)
def whole_name(name: str) -> re.Pattern[str]:
    """``name`` as a whole name: not part of a longer word or hyphenated name (compiled once for each name)."""
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")


class Tables:
    """The tables a rule reads, with the look-ups rules share (rows by id, cues by record, names of actors and places).

    A table may come as plain records or as an Arrow table (a rule over a
    million rows reads the Arrow columns; the others read records, made once).
    ``texts`` holds the documents' stored texts, by citation id, where the
    caller has them: the parts of a rule that read the article run only then.
    """

    def __init__(self, records: Records, texts: Mapping[str, str] | None = None) -> None:
        self.given = records
        self.texts = dict(texts or {})
        self._records: dict[str, list[dict[str, Any]]] = {}

    def __getitem__(self, name: str) -> list[dict[str, Any]]:
        if name not in self._records:
            table = self.given[name]
            self._records[name] = table if isinstance(table, list) else table.to_pylist()
        return self._records[name]

    def get(self, name: str) -> list[dict[str, Any]]:
        """A table's records, or none if it is not given."""
        return self[name] if name in self.given else []

    def arrow(self, name: str) -> Any:
        """A table as Arrow (records given as lists are converted)."""
        import pyarrow as pa

        table = self.given[name]
        return table if isinstance(table, pa.Table) else pa.Table.from_pylist(table)

    @property
    def records(self) -> Tables:
        """Itself: the tables by name, for rules written against a mapping of records."""
        return self

    @cached_property
    def actors(self) -> dict[str, dict[str, Any]]:
        return {row["actor_id"]: row for row in self.get("actors")}

    @cached_property
    def locations(self) -> dict[str, dict[str, Any]]:
        return {row["location_id"]: row for row in self.get("locations")}

    def names(self, record_id: str) -> list[str]:
        """An actor's or a place's name and aliases."""
        row = self.actors.get(record_id) or self.locations.get(record_id)
        return [] if row is None else [row["name"], *(row.get("aliases") or [])]

    @cached_property
    def cues(self) -> dict[tuple[str, str], list[dict[str, Any]]]:
        """The cues of each row, by (record_table, record_id), antecedents included, in the order of the text."""
        found: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for cue in sorted(self.get("cues"), key=lambda c: (c["char_start"], c["char_end"])):
            found.setdefault((cue["record_table"], cue["record_id"]), []).append(cue)
        return found

    @cached_property
    def antecedents(self) -> dict[str, list[dict[str, Any]]]:
        """The antecedent cues of each cue, by the cue id they resolve."""
        found: dict[str, list[dict[str, Any]]] = {}
        for cue in self.get("cues"):
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
        for quote in self.get("evidence"):
            found.setdefault((quote["record_table"], quote["record_id"]), []).append(quote)
        return found

    @cached_property
    def links(self) -> dict[str, list[dict[str, Any]]]:
        """The actor links of each event."""
        found: dict[str, list[dict[str, Any]]] = {}
        for link in self.get("event_actors"):
            found.setdefault(link["event_id"], []).append(link)
        return found

    def names_value(self, cue: dict[str, Any], value: str) -> bool:
        """Whether ``cue`` names the actor or place ``value``: by a name or alias, itself or through an antecedent cue."""
        candidates = [cue, *self.antecedents.get(cue["cue_id"], [])]
        return any(names_in(name, c["text"]) for c in candidates for name in self.names(value))


def claims(tables: Tables) -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Every event and relation, as (table, id, row)."""
    for name, key in (("events", "event_id"), ("relations", "relation_id")):
        for row in tables.get(name):
            yield name, row[key], row


#: Up to this many rows, ``per_distinct`` judges every row rather than each distinct combination.
_FEW = 32


def per_distinct(table: Any, columns: tuple[str, ...], judge: Callable[[dict[str, Any]], str | None]) -> list[tuple[int, str]]:
    """``judge`` of each distinct combination of ``columns`` in an Arrow ``table``, as (row, message) for every row it fails.

    A rule over one table of a million rows judges the few distinct
    combinations of the columns it reads, not every row: the rows share their
    combination's verdict. ``judge`` takes one record of those columns and
    returns what is wrong with it, or None.
    """
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if table.num_rows <= _FEW:  # grouping costs more than judging each of a few rows
        judged = ((row, judge(sample)) for row, sample in enumerate(table.select(list(columns)).to_pylist()))
        return [(row, message) for row, message in judged if message is not None]
    parts = []
    for name in columns:
        column = table.column(name)
        if pa.types.is_list(column.type):
            column = pc.binary_join(pc.cast(column, pa.list_(pa.string())), "\x1e")
        parts.append(pc.fill_null(pc.cast(column, pa.string()), "\x00"))
    keys = parts[0] if len(parts) == 1 else pc.binary_join_element_wise(*parts, "\x1f")
    encoded = pc.dictionary_encode(keys).combine_chunks()
    indices = encoded.indices.to_numpy(zero_copy_only=False)
    _, first = np.unique(indices, return_index=True)
    samples = table.select(list(columns)).take(pa.array(first)).to_pylist()
    verdicts = {int(indices[row]): judge(sample) for row, sample in zip(first, samples, strict=True)}
    failing = {code: message for code, message in verdicts.items() if message is not None}
    if not failing:
        return []
    rows = np.flatnonzero(np.isin(indices, list(failing)))
    return [(int(row), failing[int(indices[row])]) for row in rows]
