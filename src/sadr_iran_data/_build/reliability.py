"""Inter-coder reliability of the curated codings: compute it and write docs/reliability.md.

Blind coders re-coded, from the article and the codebook alone, the certainty,
attribution kind, type, place and date precision of every event and relation
(the units of ``data/curated/reliability/units-*.csv``). This script compares
their codings with the tables per field, with Krippendorff's alpha (nominal)
and raw percent agreement:

- round 1 (coders A and B) against the 1.0.0 tables and against the 1.1.0
  draft before adjudication (rebuilt from ``data/curated/adjudication.yaml``);
- round 2 (coders C and D, fresh, with the codebook as fixed after round 1)
  against the tables as they stood after round 1, before its own adjudication;
- both rounds against the shipped tables, after all adjudication.

``sadr-iran-data build`` writes the page with the other generated pages
(:mod:`sadr_iran_data._build.docs`).
"""

from __future__ import annotations

import csv
import gzip
import json
from pathlib import Path
from typing import Any

import numpy as np

from ..codes import plover
from .archive import RELEASES
from .curated import parse_yaml

#: The study's files, relative to the repository's root.
FOLDER = Path("data") / "curated" / "reliability"
ADJUDICATION = Path("data") / "curated" / "adjudication.yaml"
RELEASE_1_0_0 = RELEASES / "1.0.0.json.gz"
FIELDS = ("certainty", "attribution_kind", "type", "place", "date_precision")
Codes = dict[str, dict[str, str]]  # record_id -> field -> value


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def units(root: Path, round_: int) -> dict[str, str]:
    """unit_id -> record_id for one round."""
    return {row["unit_id"]: row["record_id"] for row in _read_csv(root / FOLDER / f"units-round{round_}.csv")}


def coder(root: Path, round_: int, name: str) -> Codes:
    key = units(root, round_)
    return {key[row["unit_id"]]: {f: row[f] for f in FIELDS} for row in _read_csv(root / FOLDER / f"round{round_}-coder-{name}.csv")}


def _codes(record: dict[str, Any], kind: str) -> dict[str, str]:
    return {
        "certainty": record["certainty"],
        "attribution_kind": record["attribution_kind"],
        "type": record["event_type"] if kind == "event" else record["relation_type"],
        "place": (record.get("location_id") or "none") if kind == "event" else "",
        "date_precision": record["date_precision"],
    }


def shipped() -> Codes:
    """The codes of the installed tables."""
    import sadr_iran_data as sid

    out: Codes = {}
    for name, kind in (("events", "event"), ("relations", "relation")):
        for record in sid.load(name, backend="arrow").to_pylist():
            out[record[f"{kind}_id"]] = _codes(record, kind)
    return out


def _attribution_of_1_0_0(record: dict[str, Any]) -> str:
    """1.0.0 had no attribution_kind: derived from its attributed_to text by the codebook's table."""
    who = record["attributed_to"]
    if record["certainty"] == "rumored":
        return "rumour"
    if who.startswith("author"):
        return "author"
    if who.startswith(("a young member", "an anonymous")):
        return "source"
    if who.startswith("unnamed"):
        return "unnamed"
    return "view"


def release_1_0_0(root: Path) -> Codes:
    tables = json.loads(gzip.decompress((root / RELEASE_1_0_0).read_bytes()))["tables"]
    out: Codes = {}
    for name, kind in (("events", "event"), ("relations", "relation")):
        for record_id, record in tables[name].items():
            out[record_id] = _codes({**record, "attribution_kind": _attribution_of_1_0_0(record)}, kind)
    return out


def adjudication(root: Path, round_: int) -> list[dict[str, Any]]:
    """The adjudicated disagreements of one round."""
    entries: list[dict[str, Any]] = parse_yaml((root / ADJUDICATION).read_text(encoding="utf-8"))[f"round_{round_}"]["disagreements"]
    return entries


def draft(root: Path, round_: int, first: Codes) -> Codes:
    """The tables' codes a round's coders were compared with, before that round's adjudication.

    Where the tables and both coders agreed, that is the coders' value; where
    they did not, the adjudication file keeps the tables' reading.
    """
    out = {record_id: dict(codes) for record_id, codes in first.items()}
    for entry in adjudication(root, round_):
        out[entry["record_id"]][entry["field"]] = entry["readings"]["curated"]
    return out


def _ids(field: str, *codings: Codes) -> list[str]:
    common = set.intersection(*(set(c) for c in codings))
    return sorted(i for i in common if field != "place" or i.startswith("evt-"))


def alpha(field: str, *codings: Codes) -> float:
    """Krippendorff's alpha (nominal) of ``codings`` on ``field``, over the units all of them coded."""
    import krippendorff

    ids = _ids(field, *codings)
    values = sorted({c[i][field] for c in codings for i in ids})
    index = {v: n for n, v in enumerate(values)}
    if len(values) < 2:
        return 1.0
    data = np.array([[index[c[i][field]] for i in ids] for c in codings], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def percent(field: str, a: Codes, b: Codes) -> float:
    ids = _ids(field, a, b)
    return sum(a[i][field] == b[i][field] for i in ids) / len(ids)


def measure(root: Path) -> dict[str, Any]:
    a, b = coder(root, 1, "a"), coder(root, 1, "b")
    c, d = coder(root, 2, "c"), coder(root, 2, "d")
    old, after = release_1_0_0(root), shipped()
    before1, before2 = draft(root, 1, a), draft(root, 2, c)
    rows = []
    for field in FIELDS:
        rows.append(
            {
                "field": field,
                "n1": len(_ids(field, a, b, before1)),
                "n2": len(_ids(field, c, d, before2)),
                "old": alpha(field, old, a, b),
                "before1": alpha(field, before1, a, b),
                "before2": alpha(field, before2, c, d),
                "after1": alpha(field, after, a, b),
                "after2": alpha(field, after, c, d),
                "coders2": alpha(field, c, d),
                "pct_before1": (percent(field, before1, a) + percent(field, before1, b)) / 2,
                "pct_before2": (percent(field, before2, c) + percent(field, before2, d)) / 2,
                "pct_after2": (percent(field, after, c) + percent(field, after, d)) / 2,
            }
        )
    rounds = {}
    for round_ in (1, 2):
        entries = adjudication(root, round_)
        rounds[round_] = {"adjudicated": len(entries), "for_coders": sum(e["decided_for"] != "the curated coding" for e in entries)}
    from .heldout import added_after_the_study

    later = set(added_after_the_study(root))
    uncoded = sorted(set(after) - set(units(root, 2).values()) - later)
    return {"rows": rows, "rounds": rounds, "uncoded": uncoded, "later": sorted(later & set(after))}


def render(result: dict[str, Any]) -> str:
    names = {
        "certainty": "certainty",
        "attribution_kind": "attribution kind",
        "type": "event / relation type",
        "place": "place (events)",
        "date_precision": "date precision",
    }
    r1, r2 = result["rounds"][1], result["rounds"][2]
    uncoded = ", ".join(f"`{i}`" for i in result["uncoded"]) or "none"
    later = ", ".join(f"`{i}`" for i in result["later"])
    after_the_study = [
        f"- **Added after the study:** {later}, which no coder saw (their reasons: `after_the_study` in",
        "  `data/curated/adjudication.yaml`).",
    ]
    lines = [
        "<!-- generated by sadr-iran-data build from data/curated/reliability/ and data/curated/adjudication.yaml; do not edit -->",
        "# Reliability",
        "",
        "How far independent coders, working blind from the article and the",
        "[codebook](codebook.md), agree with the shipped codings of every event and",
        "relation. Agreement is Krippendorff's α for nominal data (1 is perfect",
        "agreement, 0 is chance; 0.80 is the usual bar for drawing conclusions,",
        "0.667 for tentative ones) and raw percent agreement.",
        "",
        "## Method",
        "",
        "- **Units.** Every event and relation is one unit: its verbatim quotes",
        "  and offsets and its participants as the text names them, in article",
        "  order under an opaque id (`data/curated/reliability/units-round*.csv`).",
        "  The coders saw the article, the codebook and the vocabularies",
        "  (`codebook-round*.md`, `vocabularies-round*.md`), and no summary, code or",
        "  note of the tables.",
        "- **Round 1.** Two coders (A, B) coded the certainty, attribution kind,",
        "  type, place (events only) and date precision of every unit of the 1.1.0",
        "  draft. Every unit and field where a coder differed from the draft was",
        "  adjudicated; each decision, with the three readings and the reason, is",
        f"  in `data/curated/adjudication.yaml`: {r1['adjudicated']} disagreements, {r1['for_coders']} decided for a",
        f"  coder (the tables changed) and {r1['adjudicated'] - r1['for_coders']} for the draft. The codebook was",
        "  clarified where the coders showed it was unclear, and the events and",
        "  relations the coders found missing were added or their absence explained.",
        "- **Round 2.** Two fresh coders (C, D), who knew nothing of round 1, coded",
        "  the units again with the fixed codebook. Their agreement with the tables",
        "  as they stood is the independent measure after the codebook fixes. It",
        f"  was adjudicated in turn: {r2['adjudicated']} disagreements, {r2['for_coders']} decided for a coder.",
        f"- **Not coded blind:** {uncoded}, added after round 2 from the coders' reports",
        "  of what no unit covered.",
        *(after_the_study if later else []),
        "- **α with three codings.** Each α below is over three codings of the same",
        '  units: the tables and the round\'s two coders. "Coders only" is the α',
        "  of the two round-2 coders with each other.",
        "",
        "## Agreement by field",
        "",
        "| field | units (round 1 / 2) | vs 1.0.0 (round 1) | before adjudication, round 1 "
        "| before adjudication, round 2 (after codebook fixes) | after adjudication (round 1 / round 2) | round 2, coders only "
        "| % agreement: round 1 before / round 2 before / round 2 after |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in result["rows"]:
        lines.append(
            f"| {names[r['field']]} | {r['n1']} / {r['n2']} | {r['old']:.3f} | {r['before1']:.3f} | **{r['before2']:.3f}** | "
            f"{r['after1']:.3f} / {r['after2']:.3f} | {r['coders2']:.3f} | "
            f"{r['pct_before1']:.1%} / {r['pct_before2']:.1%} / {r['pct_after2']:.1%} |"
        )
    low = [names[r["field"]] for r in result["rows"] if r["before2"] < 0.80]
    lines += [
        "",
        "The 1.0.0 column compares the round-1 coders with the 1.0.0 tables on the",
        "units 1.0.0 has; 1.0.0 had no `attribution_kind`, so there it is derived",
        "from `attributed_to` by the codebook's table. Percent agreement is the",
        "mean, over the round's two coders, of their agreement with the tables.",
        "",
        "## Reading the numbers",
        "",
        "- The bold column is the independent measure: fresh coders, the fixed",
        "  codebook, tables they had no hand in. "
        + ("Every field is at or above 0.80." if not low else "Below 0.80: " + ", ".join(low) + "."),
        '- The "after adjudication" columns are not independent: adjudication moved',
        "  the tables toward the coders wherever they were right, so they show how",
        "  much of the disagreement was the tables' error rather than the coders'.",
        "- The disagreements that remain after adjudication are readings the text",
        "  leaves open; each is listed with its reason in the adjudication file, and",
        "  the row's `coding_note` gives the other reading where it matters.",
        "",
    ]
    return "\n".join(lines)


PLOVER_FIELDS = ("plover_type", "plover_mode", "future", "hypothetical", "historical")


def _plover_codes(rows: list[dict[str, Any]]) -> Codes:
    codes = {}
    for row in rows:
        contexts = set(filter(None, str(row["plover_context"] or "").split(";")))
        codes[row["event_id"]] = {
            "plover_type": row["plover_type"],
            "plover_mode": row["plover_mode"] or "none",
            **{tag: str(tag in contexts) for tag in PLOVER_FIELDS[2:]},
        }
    return codes


def plover_shipped() -> Codes:
    """The shipped PLOVER coding of every event."""
    import sadr_iran_data as sid

    rows = sid.load("events", backend="arrow").select(["event_id", "plover_type", "plover_mode", "plover_context"]).to_pylist()
    return _plover_codes([{**r, "plover_context": ";".join(r["plover_context"])} for r in rows])


def recoded(codes: Codes) -> Codes:
    """Codes of the 0.7 draft's vocabulary (1.3.0, 1.4.0) on the 2.0 manual: each type and mode through ``plover.recode``."""
    out = {}
    for event_id, c in codes.items():
        new_type, new_mode, _ = plover.recode(c["plover_type"], None if c["plover_mode"] == "none" else c["plover_mode"])
        out[event_id] = {**c, "plover_type": new_type, "plover_mode": new_mode or "none"}
    return out


def _alpha_on_same_type(field: str, ours: Codes, coder: Codes) -> dict[str, Any]:
    """Alpha and % agreement of ``field`` between two codings; a mode or context only where both give the same coded type."""
    same_type = {
        i: c for i, c in coder.items() if field == "plover_type" or c["plover_type"] == ours.get(i, {}).get("plover_type") != "NOT_CODED"
    }
    return {"n": len(_ids(field, ours, same_type)), "alpha": alpha(field, ours, same_type), "pct": percent(field, ours, same_type)}


def measure_plover(root: Path) -> dict[str, Any]:
    """The blind PLOVER coder (E) against the draft coding (both as coded) and the shipped one (E's codes recoded)."""
    coder = _plover_codes(_read_csv(root / FOLDER / "plover-coder-e.csv"))
    before = _plover_codes(_read_csv(root / FOLDER / "plover-draft.csv"))
    after = plover_shipped()
    entries = parse_yaml((root / FOLDER / "plover-adjudication.yaml").read_text(encoding="utf-8"))
    mapped = recoded(coder)
    rows = []
    for field in PLOVER_FIELDS:
        draft, shipped = _alpha_on_same_type(field, before, coder), _alpha_on_same_type(field, after, mapped)
        rows.append(
            {
                "field": field,
                "n": draft["n"],
                "n_after": shipped["n"],
                "before": draft["alpha"],
                "after": shipped["alpha"],
                "pct_before": draft["pct"],
                "pct_after": shipped["pct"],
            }
        )
    return {
        "rows": rows,
        "adjudicated": len(entries),
        "for_coder": sum(e["decided_for"] == "the coder" for e in entries),
        "renamed": sum(
            mapped[i]["plover_type"] != c["plover_type"] or mapped[i]["plover_mode"] != c["plover_mode"] for i, c in coder.items()
        ),
    }


def render_plover(result: dict[str, Any]) -> str:
    mode = next(r for r in result["rows"] if r["field"] == "plover_mode")
    lines = [
        "",
        "## PLOVER coding (1.3.0)",
        "",
        "Every event's PLOVER type, mode and temporal contexts were coded once more,",
        "blind, by a fifth coder (E) who read the article, the events' quotes and",
        "summaries and the PLOVER ontology (`plover-task.md`), and none of the",
        "project's PLOVER codes. Modes and contexts are compared on the events the",
        "two codings compared give the same PLOVER type (other than `NOT_CODED`); a",
        "missing mode counts as the value `none`.",
        "Coder E and the draft coded in the vocabulary of the PLOVER draft 0.7b1,",
        "which they are compared in. The shipped codes are on the 2.0 manual",
        "([codebook](codebook.md#plover)): for the shipped column, coder E's type and",
        "mode are mapped to the 2.0 codes through the declared old-to-new table",
        "(`sadr_iran_data.codes.plover.recode`, [codebook](codebook.md#plover-recoded)),",
        f"which renames the codes of {result['renamed']} of coder E's events; coder E's file is kept as coded.",
        "Until 1.4.0 both columns compared modes and contexts on the events where coder E and the",
        "shipped coding gave the same type; the draft column now takes those where coder E and the",
        "draft do, so that the independent measure no longer moves when the shipped coding does",
        f"(for `plover_mode`, 0.868 on 41 events as published for 1.4.0; {mode['before']:.3f} on {mode['n']} now).",
        f"The {result['adjudicated']} disagreements with the draft are decided, with reasons, in",
        f"`data/curated/reliability/plover-adjudication.yaml`: {result['for_coder']} for the coder (the data",
        f"changed), {result['adjudicated'] - result['for_coder']} for the draft.",
        "",
        "| field | events: draft / shipped | α, draft vs coder E | α, shipped vs coder E (recoded) | % agreement: draft / shipped |",
        "| --- | --- | --- | --- | --- |",
    ]
    for r in result["rows"]:
        lines.append(
            f"| `{r['field']}` | {r['n']} / {r['n_after']} | **{r['before']:.3f}** | {r['after']:.3f} "
            f"| {r['pct_before']:.1%} / {r['pct_after']:.1%} |"
        )
    lines += [
        "",
        "The draft column is the independent measure; the shipped one moved toward the",
        "coder where the coder was right, and since the recoding on the 2.0 manual it",
        "also counts as disagreements the events the 2.0 definitions recode (an event",
        "with no named actor is `NOT_CODED`; an accusation is `allege`). The remaining",
        "disagreements are events the coder read as acts (an occupation, the founding",
        "of a militia, growing cooperation) that the codebook treats as situations,",
        "formations or changes in ties, which PLOVER does not code.",
        "",
    ]
    return "\n".join(lines)


def reliability_page(root: Path) -> str:
    """The reliability page of the repository at ``root``: the study's method and its agreement tables."""
    from . import heldout

    return render(measure(root)) + render_plover(measure_plover(root)) + heldout.page_section(root)
