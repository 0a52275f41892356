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
import functools
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
#: The study's adjudication file, whose ``after_the_study`` section lists the records added after this round.
STUDY = Path("data") / "curated" / "adjudication.yaml"


def added_after_the_study(root: Path) -> dict[str, str]:
    """The events and relations added after this round, which no coder saw: record id -> why it was added."""
    return dict(_added_after_the_study((root / STUDY).read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=4)
def _added_after_the_study(study: str) -> tuple[tuple[str, str], ...]:
    """The study file's ``after_the_study: added`` entries, as (record id, reason): the file is read once a build, not once a page."""
    from .curated import parse_yaml

    section = parse_yaml(study).get("after_the_study") or {}
    return tuple((entry["record_id"], entry["reason"]) for entry in section.get("added", []))


def drawn_from(root: Path, rows: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """``rows`` as this round drew its units from them: without the events and relations added after it."""
    later, keys = added_after_the_study(root), {"events": "event_id", "relations": "relation_id"}
    return {name: [r for r in table if name not in keys or r[keys[name]] not in later] for name, table in rows.items()}


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
    units = sample(unit_rows(drawn_from(root, rows), text))
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


# --------------------------------------------------------------------------
# Measuring: the coders against the tables
# --------------------------------------------------------------------------

#: The coders of round 3, by the letter of their file (``round3-coder-X.csv``).
CODERS = ("f", "g")
Codes = dict[str, dict[str, str]]  # record_id -> field (or cue field) -> value


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def key(root: Path) -> dict[str, str]:
    """unit_id -> record_id."""
    return {row["unit_id"]: row["record_id"] for row in _read_csv(root / FOLDER / KEY)}


def coder(root: Path, name: str) -> Codes:
    """One coder's codes and cues, by record id."""
    units = key(root)
    return {units[row["unit_id"]]: {f: row[f] for f in (*FIELDS, *CUES)} for row in _read_csv(root / FOLDER / f"round3-coder-{name}.csv")}


def table_codes(rows: dict[str, list[dict[str, Any]]], record_ids: Iterable[str]) -> Codes:
    """The tables' codes of the round's records, in the coders' terms, and their cues' texts (joined by " / ")."""
    wanted = set(record_ids)
    cues: dict[tuple[str, str], list[str]] = {}
    for c in sorted(rows["cues"], key=lambda c: c["char_start"]):
        if not c.get("antecedent_of"):
            cues.setdefault((c["record_id"], c["field"]), []).append(c["text"])
    out: Codes = {}
    for table, kind in (("events", "event"), ("relations", "relation")):
        for record in rows[table]:
            record_id = record[f"{kind}_id"]
            if record_id not in wanted:
                continue
            event = kind == "event"
            codes = {
                "type": record[f"{kind}_type"],
                "certainty": record["certainty"],
                "attribution_kind": record["attribution_kind"],
                "holder": record["holder_actor_id"] or "none",
                "place": (record["location_id"] or "none") if event else "",
                "date_precision": record["date_precision"],
                "plover_type": record["plover_type"] if event else "",
                "plover_mode": (record["plover_mode"] or "") if event else "",
            }
            for cue, fields in CUES.items():
                codes[cue] = " / ".join(t for f in fields for t in cues.get((record_id, f), []))
            out[record_id] = codes
    return out


def applies(field: str, record_id: str) -> bool:
    """Whether ``field`` is coded for the record: place and PLOVER for events only."""
    return record_id.startswith("evt-") or field not in ("place", "plover_type", "plover_mode")


def alpha(field: str, *codings: Codes) -> float:
    """Krippendorff's alpha (nominal) of ``codings`` on ``field``, over the units all of them coded."""
    import krippendorff
    import numpy as np

    ids = sorted(i for i in set.intersection(*(set(c) for c in codings)) if applies(field, i))
    values = sorted({c[i][field] for c in codings for i in ids})
    if len(values) < 2:
        return 1.0
    index = {v: n for n, v in enumerate(values)}
    data = np.array([[index[c[i][field]] for i in ids] for c in codings], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def percent(field: str, a: Codes, b: Codes) -> float:
    """The share of units coded alike by ``a`` and ``b``."""
    ids = [i for i in set(a) & set(b) if applies(field, i)]
    return sum(a[i][field] == b[i][field] for i in ids) / len(ids)


def _spans(texts: str, within: list[tuple[int, int]], article: str) -> set[int]:
    """The characters of the article that the cue texts (joined by " / ") cover, each found first inside the unit's sentences."""
    covered: set[int] = set()
    for cue in (t.strip() for t in texts.split(" / ")):
        if not cue:
            continue
        for start, end in within:
            at = article.find(cue, start, end)
            if at >= 0:
                covered.update(range(at, at + len(cue)))
                break
    return covered


def _span(text: str) -> tuple[int, int]:
    start, end = text.split("-")
    return int(start), int(end)


def cue_overlap(cue: str, a: Codes, b: Codes, sentences: dict[str, list[tuple[int, int]]], article: str) -> dict[str, float]:
    """How two codings' cues of one kind agree: on whether there is one, and, where both give one, the F1 of their characters."""
    ids = sorted(set(a) & set(b))
    present = [(bool(a[i][cue].strip()), bool(b[i][cue].strip())) for i in ids]
    both = [i for i, (x, y) in zip(ids, present, strict=True) if x and y]
    scores = []
    for i in both:
        x, y = _spans(a[i][cue], sentences[i], article), _spans(b[i][cue], sentences[i], article)
        scores.append(2 * len(x & y) / (len(x) + len(y)) if x or y else 1.0)
    return {
        "presence": sum(x == y for x, y in present) / len(ids),
        "both": len(both),
        "f1": sum(scores) / len(scores) if scores else float("nan"),
    }


ADJUDICATION = "round3-adjudication.yaml"


def adjudication(root: Path) -> list[dict[str, Any]]:
    """Round 3's adjudicated disagreements (none before the file is written)."""
    from .curated import parse_yaml

    path = root / FOLDER / ADJUDICATION
    if not path.exists():
        return []
    entries: list[dict[str, Any]] = parse_yaml(path.read_text(encoding="utf-8"))["disagreements"]
    return entries


def draft(shipped: Codes, entries: list[dict[str, Any]]) -> Codes:
    """The tables' codes as the coders were compared with them: the shipped codes, with each adjudicated field's curated reading."""
    out = {record_id: dict(codes) for record_id, codes in shipped.items()}
    for entry in entries:
        out[entry["record_id"]][entry["field"]] = entry["readings"]["curated"]
    return out


#: The tables' PLOVER type and mode of the round's events as the coders were compared with them (on the 0.7 draft).
TABLES_PLOVER = "round3-tables-plover.csv"


def plover_as_coded(root: Path) -> Codes:
    """The tables' PLOVER codes of round 3's events as they stood when the round was coded (1.4.0, on the 0.7 draft)."""
    return {
        row["record_id"]: {"plover_type": row["plover_type"], "plover_mode": row["plover_mode"]}
        for row in _read_csv(root / FOLDER / TABLES_PLOVER)
    }


def as_coded(root: Path, shipped: Codes, entries: list[dict[str, Any]]) -> Codes:
    """The tables' codes as the coders were compared with them: :func:`draft`, with the PLOVER codes of :data:`TABLES_PLOVER`."""
    tables = draft(shipped, entries)
    for record_id, codes in plover_as_coded(root).items():
        tables[record_id].update(codes)
    return tables


def recoded(codes: Codes) -> Codes:
    """Codes of the 0.7 draft's vocabulary on the 2.0 manual: each event's type and mode through ``plover.recode``."""
    from ..codes import plover

    out = {record_id: dict(c) for record_id, c in codes.items()}
    for record_id, c in out.items():
        if record_id.startswith("evt-") and c["plover_type"]:
            new_type, new_mode, _ = plover.recode(c["plover_type"], c["plover_mode"] or None)
            c.update(plover_type=new_type, plover_mode=new_mode or "")
    return out


def measure(root: Path, rows: dict[str, list[dict[str, Any]]], article: str) -> dict[str, Any]:
    """Round 3's agreement: alpha per field (tables as coded and both coders; coders alone; shipped tables), and the cues' overlap.

    The coders coded PLOVER on the 0.7 draft: the tables as coded are compared with their codes as they gave them (the
    tables' PLOVER codes then are :data:`TABLES_PLOVER`); the shipped tables, on the 2.0 manual, with their codes recoded.
    """
    coders = [coder(root, name) for name in CODERS]
    shipped = table_codes(rows, coders[0])
    entries = adjudication(root)
    tables = as_coded(root, shipped, entries)
    coders_recoded = [recoded(c) for c in coders]
    units = {u["record_id"]: u for u in unit_rows(rows, article)}
    sentences = {i: [_span(s) for s in units[i]["sentences"].split()] for i in tables}
    first, second = coders
    fields = [
        {
            "field": field,
            "units": sum(applies(field, i) for i in tables),
            "all": alpha(field, tables, *coders),
            "coders": alpha(field, *coders),
            "after": alpha(field, shipped, *coders_recoded),
            "percent": (percent(field, tables, first) + percent(field, tables, second)) / 2,
        }
        for field in FIELDS
    ]
    decided = {"adjudicated": len(entries), "for_coders": sum(e["decided_for"] != "the curated coding" for e in entries)}
    cues = [
        {
            "cue": cue,
            "tables": {name: cue_overlap(cue, tables, c, sentences, article) for name, c in zip(CODERS, coders, strict=True)},
            "coders": cue_overlap(cue, first, second, sentences, article),
        }
        for cue in CUES
    ]
    return {
        "units": len(tables),
        "events": sum(i.startswith("evt-") for i in tables),
        "fields": fields,
        "cues": cues,
        **decided,
        "all_events": len(drawn_from(root, rows)["events"]),
        "all_relations": len(drawn_from(root, rows)["relations"]),
    }


NAMES = {
    "type": "event / relation type",
    "certainty": "certainty",
    "attribution_kind": "attribution kind",
    "holder": "holder (`holder_actor_id`)",
    "place": "place (events)",
    "date_precision": "date precision",
    "plover_type": "PLOVER type (events)",
    "plover_mode": "PLOVER mode (events)",
}
CUE_NAMES = {"trigger": "trigger", "hedge": "hedge", "holder_cue": "holder", "date_cue": "date", "place_cue": "place"}


def render(result: dict[str, Any]) -> str:
    """Round 3's section of the reliability page."""
    low = [NAMES[r["field"]] for r in result["fields"] if r["all"] < 0.80]
    lines = [
        "",
        "## Round 3: held out (1.4.0)",
        "",
        "A held-out round on the 1.4.0 tables. Its codebook",
        "(`data/curated/reliability/codebook-round3.md`) was frozen before any coding",
        "and takes every example from outside the article (invented places and",
        "actors), so agreement is not helped by examples drawn from the units",
        "themselves. Two fresh coders (F, G) coded the units, each alone, from the",
        "article, that codebook, the unit list and the vocabularies",
        "(`units-round3.csv`, `vocabularies-round3.md`). They were language-model",
        "agents, run separately, with no access to the repository, the tables or",
        "each other's work; the earlier rounds' coders were of the same kind.",
        f"The {result['units']} units are the first {result['events']} of the {result['all_events']} events and the first",
        f"{result['units'] - result['events']} of the {result['all_relations']} relations in the order of their opaque ids",
        "(a hash of the record id, `_build/heldout.py`). Besides the fields of rounds 1 and 2 the coders",
        "coded the holder of each reported view (an actor id or `none`), PLOVER's",
        "type and mode from the words, and each value's cue, the few words that",
        "justify it.",
        "",
        "| field | units | α, tables as coded + F + G | α, F + G | α, shipped + F + G | % agreement with the tables |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in result["fields"]:
        lines.append(
            f"| {NAMES[r['field']]} | {r['units']} | **{r['all']:.3f}** | {r['coders']:.3f} | {r['after']:.3f} | {r['percent']:.1%} |"
        )
    lines += [
        "",
        "The bold column is the independent measure.",
        "Every field is at or above 0.80." if not low else "Below 0.80: " + ", ".join(low) + "; read these fields with care.",
        f"The {result['adjudicated']} unit-fields where the tables and a coder differed are decided, with",
        f"reasons, in `data/curated/reliability/{ADJUDICATION}`: {result['for_coders']} for a coder (the",
        f"tables changed), {result['adjudicated'] - result['for_coders']} for the tables. The shipped column",
        "compares the coders with the tables after those changes, and is not independent.",
        "The coders coded PLOVER on the draft 0.7b1, as the tables then were: the bold column compares",
        f"their codes with the tables' as coded (`data/curated/reliability/{TABLES_PLOVER}`). The shipped",
        "tables are on the 2.0 manual ([codebook](codebook.md#plover)): the shipped column maps the",
        "coders' PLOVER type and mode through the declared old-to-new table",
        "(`sadr_iran_data.codes.plover.recode`), and also counts the events the 2.0 definitions recode.",
        "",
        "Cues are compared by the characters of the article they cover: whether both",
        "codings give a cue of that kind for a unit, and, where both do, the F1 of",
        "their characters (1 is the same span; a cue that holds the other, or a",
        "word more, scores less than 1).",
        "",
        "| cue | both give one or neither (tables vs F / vs G) | units where both give one (F, G) "
        "| character F1, tables vs F / vs G | F vs G: presence / F1 |",
        "| --- | --- | --- | --- | --- |",
    ]
    for c in result["cues"]:
        f, g, both = c["tables"]["f"], c["tables"]["g"], c["coders"]
        lines.append(
            f"| {CUE_NAMES[c['cue']]} | {f['presence']:.1%} / {g['presence']:.1%} | {f['both']}, {g['both']} | "
            f"{f['f1']:.2f} / {g['f1']:.2f} | {both['presence']:.1%} / {both['f1']:.2f} |"
        )
    lines.append("")
    return "\n".join(lines)


def measure_installed(root: Path) -> dict[str, Any]:
    """Round 3's agreement with the installed tables and the article in ``root``."""
    import sadr_iran_data as sid

    names = ("events", "relations", "event_actors", "evidence", "cues", "actors", "locations")
    rows = {name: sid.load(name, backend="arrow").to_pylist() for name in names}
    article = next((root / "data" / "sources").glob("*.txt")).read_text(encoding="utf-8")
    return measure(root, rows, article)


def page_section(root: Path) -> str:
    """Round 3's section, measured on the installed tables and the article in ``root``."""
    return render(measure_installed(root))
