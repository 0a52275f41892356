"""The held-out reliability round (round 3): its units, what its coders read, and how their codes compare with the tables.

Round 3 is held out: its codebook (``codebook-round3.md``) was frozen before
any coding, with every example taken from outside the article, and its coders
saw only the article, that codebook and the unit list. A unit is an event or
a relation, shown by its sentences (offsets into the article) and its
participants as the text names them; the record it stands for, its quotes and
its coding are not shown. Coders code the five fields of rounds 1 and 2, the
holder, PLOVER's type and mode (from the words, not from an event type) and
five cues. This module writes the unit list and the coders' vocabularies,
and measures agreement: Krippendorff's alpha per field, and the overlap of
each cue's characters with the tables' (F1).
"""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .._text import split_sentences

#: The round's folder, relative to the repository's root.
FOLDER = Path("data") / "curated" / "reliability"
UNITS = "units-round3.csv"
KEY = "units-round3-key.csv"
VOCABULARIES = "vocabularies-round3.md"
#: The fields coded, as the coders' CSV names them, and the cue fields with the table field each justifies.
FIELDS = ("type", "certainty", "attribution_kind", "holder", "place", "date_precision", "plover_type", "plover_mode")
CUES = {
    "trigger": ("event_type", "relation_type"),
    "hedge": ("certainty",),
    "holder_cue": ("holder_actor_id",),
    "date_cue": ("date_edtf",),
    "place_cue": ("location_id",),
}
SALT = "round-3"
#: Units coded of each kind: the first events and the first relations in the order of their opaque ids.
SAMPLE = 45


def _unit_id(record_id: str) -> str:
    return "U" + hashlib.sha256(f"{SALT}:{record_id}".encode()).hexdigest()[:6].upper()


def _sentences_of(spans: Iterable[tuple[int, int]], sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    return sorted({(s, e) for s, e in sentences for start, end in spans if s < end and start < e})


def unit_rows(rows: dict[str, list[dict[str, Any]]], text: str) -> list[dict[str, Any]]:
    """One unit per event and relation: an opaque id, its kind, its sentences and its participants as the text names them."""
    sentences = split_sentences(text)
    quotes: dict[str, list[tuple[int, int]]] = {}
    for e in rows["evidence"]:
        quotes.setdefault(e["record_id"], []).append((e["char_start"], e["char_end"]))
    cues: dict[tuple[str, str], list[dict[str, Any]]] = {}
    antecedent: dict[str, str] = {}
    for c in sorted(rows["cues"], key=lambda c: c["char_start"]):
        if c.get("antecedent_of"):
            antecedent[c["antecedent_of"]] = c["text"]
        else:
            cues.setdefault((c["record_id"], c["field"]), []).append(c)

    def named(record_id: str, field: str) -> str:
        found = cues.get((record_id, field), [])
        return " / ".join(f"{c['text']} [= {antecedent[c['cue_id']]}]" if c["cue_id"] in antecedent else c["text"] for c in found)

    units = []
    links: dict[str, list[str]] = {}
    for link in rows["event_actors"]:
        links.setdefault(link["event_id"], []).append(link["event_actor_id"])
    for kind, table, key in (("event", "events", "event_id"), ("relation", "relations", "relation_id")):
        for row in rows[table]:
            record_id = row[key]
            if kind == "event":
                parties = "; ".join(named(link, "actor_id") for link in sorted(links.get(record_id, [])))
            else:
                parties = f"{named(record_id, 'source_actor_id')} → {named(record_id, 'target_actor_id')}"
            spans = _sentences_of(quotes.get(record_id, []), sentences)
            units.append(
                {
                    "unit_id": _unit_id(record_id),
                    "record_id": record_id,
                    "kind": kind,
                    "sentences": " ".join(f"{s}-{e}" for s, e in spans),
                    "participants": parties,
                }
            )
    return sorted(units, key=lambda u: u["unit_id"])


def sample(units: list[dict[str, Any]], size: int = SAMPLE) -> list[dict[str, Any]]:
    """The units coded: the first ``size`` events and ``size`` relations in the order of their opaque ids (a hash of the record id)."""
    chosen = [u for kind in ("event", "relation") for u in [u for u in units if u["kind"] == kind][:size]]
    return sorted(chosen, key=lambda u: u["unit_id"])


def write_units(root: Path, rows: dict[str, list[dict[str, Any]]], text: str) -> list[Path]:
    """The unit list the coders read (no record ids), and its key (unit -> record), kept for the comparison."""
    units = sample(unit_rows(rows, text))
    folder = root / FOLDER
    shown = io.StringIO()
    writer = csv.DictWriter(shown, fieldnames=["unit_id", "kind", "sentences", "participants"], lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: u[k] for k in ("unit_id", "kind", "sentences", "participants")} for u in units)
    (folder / UNITS).write_text(shown.getvalue(), encoding="utf-8")
    key = io.StringIO()
    csv.writer(key, lineterminator="\n").writerows([("unit_id", "record_id"), *((u["unit_id"], u["record_id"]) for u in units)])
    (folder / KEY).write_text(key.getvalue(), encoding="utf-8")
    (folder / VOCABULARIES).write_text(vocabularies_page(rows), encoding="utf-8")
    return [folder / UNITS, folder / KEY, folder / VOCABULARIES]


def vocabularies_page(rows: dict[str, list[dict[str, Any]]]) -> str:
    """What the coders may code each field with: the vocabularies, the actors and the places (ids, names, aliases)."""
    from ..codes import plover
    from ..declarations import VOCABULARIES

    lines = ["# Round 3: the values you may code", ""]
    for name in ("event_type", "relation_type", "certainty", "attribution_kind", "date_precision"):
        lines += [f"## `{name}`", ""] + [f"- `{t.value}`: {t.description}" for t in VOCABULARIES[name].terms] + [""]
    lines += ["## `plover_type` and `plover_mode`", ""]
    lines += [f"- `{t}`: modes {', '.join(f'`{m}`' for m in plover.MODES.get(t, ())) or 'none'}" for t, _ in plover.TYPES] + [""]
    lines += ["## Actors (`holder`)", "", "| id | name | other names |", "| --- | --- | --- |"]
    lines += [
        f"| `{a['actor_id']}` | {a['name']} | {', '.join(a['aliases'] or [])} |"
        for a in sorted(rows["actors"], key=lambda a: a["actor_id"])
    ]
    lines += ["", "## Places (`place`)", "", "| id | name | kind | lies in |", "| --- | --- | --- | --- |"]
    lines += [
        f"| `{p['location_id']}` | {p['name']} | {p['location_type']} | {p['parent_location_id'] or ''} |"
        for p in sorted(rows["locations"], key=lambda p: p["location_id"])
    ]
    return "\n".join(lines) + "\n"
