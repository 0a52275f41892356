"""The codebook's coding rules R1–R11 (docs/codebook.md), checked on every row.

Each rule is a function from the tables (plain rows) and the article's text to
the list of rows that break it. The tests run each rule twice: on the shipped
tables, where it must find nothing, and on the archived 1.0.0 release, whose
slips the rules were written to catch, where it must find something — so a
rule that cannot fail is caught too.
"""

from __future__ import annotations

import datetime
import gzip
import json
import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

import pytest

import sadr_iran_data as sid
from conftest import ROOT, needs_repository
from sadr_iran_data.declarations import TABLES

Rows = dict[str, list[dict[str, Any]]]

# ---------------------------------------------------------------- the data


def _rows_of_current() -> Rows:
    return {name: sid.load(name, backend="arrow").to_pylist() for name in TABLES}


def _rows_of_archive(version: str) -> Rows:
    payload = json.loads(gzip.decompress((ROOT / "data" / "releases" / f"{version}.json.gz").read_bytes()))
    rows: Rows = {}
    for name, by_id in payload["tables"].items():
        dates = [c.name for c in TABLES[name].columns if c.type == "date"]
        rows[name] = [{**row, **{d: datetime.date.fromisoformat(row[d]) if row.get(d) else None for d in dates}} for row in by_id.values()]
    return rows


@cache
def _text() -> str:
    return (ROOT / "data" / "sources" / "terrorism-monitor-5-4-sadr-tehran.txt").read_text(encoding="utf-8")


@cache
def _sentences() -> tuple[tuple[int, int], ...]:
    from sadr_iran_data._build.ledger import split_sentences

    return tuple(split_sentences(_text()))


def _sentence_of(offset: int) -> tuple[int, int]:
    return next((s, e) for s, e in _sentences() if s <= offset < e)


def _quotes(rows: Rows, record_id: str) -> list[dict[str, Any]]:
    return sorted((e for e in rows["evidence"] if e["record_id"] == record_id), key=lambda e: e["char_start"])


def _claims(rows: Rows) -> Iterable[tuple[str, dict[str, Any]]]:
    for name in ("events", "relations"):
        pk = TABLES[name].primary_key
        for row in rows[name]:
            yield row[pk], row


def _names(row: dict[str, Any]) -> list[str]:
    return [row["name"], *(row.get("aliases") or [])]


# Country adjectives name a country as a setting ("the Iraqi National Assembly").
_ADJECTIVES = {"loc-iran": ["Iranian"], "loc-iraq": ["Iraqi"], "loc-lebanon": ["Lebanese"]}
# A mention of a place that does not place the happening (R1): a possessive of
# a person or thing, a destination ("invited him to"), the object of an
# accusation, or a goal.
_NOT_A_PLACE = (
    re.compile(r"(?:’|')s\b"),  # checked right after the name
    re.compile(r"\b(?:invited \w+ to|invitations to visit|to visit)\s+(?:the \w+ of\s+)?$"),
    re.compile(r"\baccused\b.*$"),
    re.compile(r"\bto gain power in\s+$|\blead\s+$"),
)


def _mentions(place: dict[str, Any], text: str) -> list[tuple[int, int]]:
    found = []
    for name in [*_names(place), *_ADJECTIVES.get(place["location_id"], [])]:
        found += [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    return found


# A country's own politics is its setting: "Iraq’s fragile political system".
_POLITY = re.compile(r"(?:’|')s (?:\w+ )?(?:political|politics)")


def _places_it(place: dict[str, Any], text: str, event_type: str) -> bool:
    for start, end in _mentions(place, text):
        after, before = text[end : end + 2], text[:start]
        if _NOT_A_PLACE[0].match(after) and not _POLITY.match(text[end:]):
            continue
        if event_type not in ("visit", "refuge") and _NOT_A_PLACE[1].search(before):
            continue
        if _NOT_A_PLACE[2].search(before) or _NOT_A_PLACE[3].search(before):
            continue
        return True
    return False


# ---------------------------------------------------------------- the rules


def r1_places(rows: Rows) -> list[str]:
    """A placed event names its place where the happening is: in its quotes or their sentence, or in the footnote it cites."""
    places = {p["location_id"]: p for p in rows["locations"]}
    notes = {c["citation_id"]: c["note_number"] for c in rows["citations"] if c.get("note_number")}
    broken = []
    for event in rows["events"]:
        if not event["location_id"]:
            continue
        place = places[event["location_id"]]
        quotes = _quotes(rows, event["event_id"])
        sentences = {_sentence_of(q["char_start"]) for q in quotes}
        if event.get("citation_id") in notes:
            sentences |= set(_footnote_scope(notes[event["citation_id"]]))
        if not any(_places_it(place, q["quote"], event["event_type"]) for q in quotes) and not any(
            _places_it(place, _text()[s:e], event["event_type"]) for s, e in sentences
        ):
            broken.append(f"{event['event_id']} placed in {place['name']}")
    return broken


def r2_ambiguity(rows: Rows) -> list[str]:
    """'the region' is never resolved to a place; a note that picks one reading names the others."""
    region = next(p for p in rows["locations"] if p["location_id"] == "loc-middle-east")
    broken = [f"loc-middle-east has the alias {a!r}" for a in region["aliases"] if a.lower().startswith("the region")]
    for record_id, row in _claims(rows):
        quotes = _quotes(rows, record_id)
        if row.get("location_id") == "loc-middle-east" and not any("Middle East" in q["quote"] for q in quotes):
            broken.append(f"{record_id}: 'the region' coded to the Islamic Middle East")
        note = row.get("coding_note") or ""
        if re.search(r"\bis read as\b|\bread as referring\b", note) and not re.search(r"\bor\b|other reading", note):
            broken.append(f"{record_id}: the note picks one reading without naming the others")
    return broken


def r3_one_group(rows: Rows) -> list[str]:
    """No actor joins two sides of a divide; the adversaries named by their people are typed alike."""
    actors = {a["actor_id"]: a for a in rows["actors"]}
    broken = [
        f"{a['actor_id']} joins two groups: {a['name']!r}"
        for a in actors.values()
        if re.search(r"\b(Shiite and Sunni|Sunni and Shiite)\b", a["name"])
    ]
    adversaries = {
        link["actor_id"]
        for link in rows["event_actors"]
        if link["event_id"] in {"evt-0014", "evt-0015", "evt-0016"} and link["role"] not in ("initiator", "recipient")
    }
    types = {actors[a]["actor_type"] for a in adversaries}
    if len(adversaries) != 3 or len(types) != 1:
        broken.append(f"the three adversaries of the Qods Force trainings are typed {sorted(types)}")
    return broken


_BELIEF = re.compile(r"\b(?:is|are|was|were) (?:believed|perceived|seen as|viewed as)\b")


def r4_holders(rows: Rows) -> list[str]:
    """A belief the article reports in the passive is coded to its holder, with a reported view's certainty."""
    broken = []
    for record_id, row in _claims(rows):
        if row.get("relation_type", "").startswith("perceives_as") or row.get("event_type") == "reaction":
            continue
        if any(_BELIEF.search(q["quote"]) for q in _quotes(rows, record_id)):
            by_author = row["attribution_kind"] == "author" if "attribution_kind" in row else row["attributed_to"].startswith("author")
            if row["certainty"] not in ("claimed", "alleged", "expected") or by_author:
                broken.append(f"{record_id}: a reported belief coded {row['certainty']} for {row['attributed_to']!r}")
    return broken


def _footnote_scope(number: int) -> list[tuple[int, int]]:
    """The sentences a footnote marker supports: its sentence, and the whole quotation it closes."""
    sentences = list(_sentences())
    text = _text()
    scope = []
    for i, (s, e) in enumerate(sentences):
        sentence = text[s:e]
        if sentence.startswith(f"{number}. "):
            scope.append((s, e))
        elif f"[{number}]" in sentence:
            scope.append((s, e))
            # a quotation closed in this sentence is supported from where it opens
            j = i
            while "”" in sentence and "“" not in text[sentences[j][0] : sentences[j][1]] and j > 0:
                j -= 1
                scope.append(sentences[j])
    return scope


def r5_one_holder(rows: Rows) -> list[str]:
    """A row citing a footnote quotes only what the footnote supports; the attribution fits the certainty."""
    notes = {c["citation_id"]: c["note_number"] for c in rows["citations"] if c.get("note_number")}
    fits = {
        "rumour": {"rumored"},
        "source": {"claimed", "alleged"},
        "unnamed": {"claimed", "alleged", "likely"},
        "view": {"claimed", "alleged", "expected", "stated"},
        "author": {"stated", "known", "likely", "expected"},
    }
    broken = []
    for record_id, row in _claims(rows):
        kind = row.get("attribution_kind")
        if kind is not None and row["certainty"] not in fits[kind]:
            broken.append(f"{record_id}: {kind} attribution with {row['certainty']} certainty")
        if not row.get("citation_id"):
            continue
        scope = [span for cid in notes for span in _footnote_scope(notes[cid]) if notes[cid] == notes[row["citation_id"]]]
        footnotes = [span for cid in notes for span in _footnote_scope(notes[cid]) if _text()[span[0] : span[1]][:1].isdigit()]
        for q in _quotes(rows, record_id):
            if not any(s <= q["char_start"] < e for s, e in scope + footnotes):
                broken.append(f"{record_id} cites footnote {notes[row['citation_id']]} but quotes {q['quote'][:50]!r}")
    return broken


# The words that make an event or a relation of each type (R6): at least one
# quote of the row carries one.
TRIGGERS: dict[str, str] = {
    # events
    "meeting": r"\bmet\b|\bmeets?\b",
    "visit": r"travel|visit",
    "audience": r"audience",
    "invitation": r"invit",
    "pledge": r"pledge|promise|declared that they would",
    "statement": r"speeches|claims|describes|we want|encouraged|call for",
    "reaction": r"viewed by|upset|troubling|find",
    "expression_of_support": r"solidarity",
    "accusation": r"accus",
    "rejection": r"reject",
    "cooperation": r"cooperat",
    "military_aid": r"train|arm(?:ed|s)\b|weapon|military support|assistance|supplying",
    "economic_aid": r"financ|fund",
    "refuge": r"safety|refuge",
    "armed_clash": r"fighting|confronted",
    "attack": r"attack|bombing",
    "assassination": r"assassinat",
    "war": r"\bwars?\b|conflict|against",
    "concession": r"gave up",
    "infiltration": r"infiltrat",
    "election": r"election",
    "political_participation": r"participate",
    "withdrawal": r"withdraw",
    "formation": r"formation|create",
    "death": r"death",
    "commemoration": r"commemorat",
    "interview": r"interview",
    "publication": r"\d{4}\.",
    "relationship_change": r"ties|relations|relationship|change|transformation|problems|cooperation",
    "situation": r".",
    # relations
    "ally": r"all(?:y|iance)",
    "partner": r"partner|rely on|cooperation",
    "rival": r"rival|competition|challengers",
    "opposes": r"against|challenge|vengeance|thorn",
    "supports": r"support|train|arm|weapon|prestige|assistance|collaboration|depends|defend|supplying|provide",
    "leads": r"\blead|\bled\b|secretary|[Cc]hairman|regime|militia",
    "member_of": r"member|secretary|family|like",
    "represents": r"representative",
    "follows": r"followers",
    "part_of": r"part of|within",
    "kin": r"father|son|brother",
    "succeeds": r"succeeded",
    "emulates": r"model|inspiration|emulate|become",
    "admires": r"admir|respects|looked up",
    "infiltrates": r"infiltrat",
    "influences": r"influence|puppet|control",
    "perceives_as_threat": r"threat|against|fears",
    "perceives_as_asset": r"asset|advance Iranian interests|sure way|partner|treat him as|rely on",
    "ignores": r"ignored",
    "linked": r"links|ties|nexus|associate",
    "counters": r"contain|barrier",
}


def r6_triggers(rows: Rows) -> list[str]:
    """At least one quote of every event and relation carries the trigger of its type."""
    broken = []
    for record_id, row in _claims(rows):
        kind = row.get("event_type") or row["relation_type"]
        if not any(re.search(TRIGGERS[kind], q["quote"]) for q in _quotes(rows, record_id)):
            broken.append(f"{record_id} ({kind}): no quote carries the trigger")
    return broken


# Words that state who or what something is, and that outside knowledge tends
# to supply: a record's description or summary may use one only where one of
# its own quotes does ("shrine city" for Najaf, not for Qum).
_IDENTITY = ("capital", "commander", "shrine", "border", "ruling", "rank-and-file", "founder", "route", "through ")


def r7_no_outside_words(rows: Rows) -> list[str]:
    """Summaries and descriptions say only what the article says of the record."""
    article = _text()
    known = {n for table in ("actors", "locations") for row in rows[table] for n in _names(row)}
    broken = []
    for name, column in (("actors", "description"), ("locations", "description"), ("events", "summary"), ("relations", "summary")):
        pk = TABLES[name].primary_key
        for row in rows[name]:
            text = row.get(column) or ""
            quotes = " ".join(q["quote"] for q in _quotes(rows, row[pk])).lower()
            for term in _IDENTITY:
                if term in text.lower() and term not in quotes:
                    broken.append(f"{row[pk]}.{column}: {term.strip()!r} is not in the record's quotes")
            # a capitalised word inside a sentence is a name or a nationality: the article's, or a record's name
            for word in re.findall(r"(?<![.:;] )(?<!^)(?<!“)\b[A-Z][a-z]+\b", text):
                if not re.search(rf"(?<!\w){word}(?!\w)", article, re.I) and not any(word in n for n in known):
                    broken.append(f"{row[pk]}.{column}: {word!r} is not the article's")
    return broken


_COMPUTED = re.compile(r"anniversary|computed|counted|arithmetic|not checked|not verified|assum", re.I)


def r8_sourced_outside_values(rows: Rows) -> list[str]:
    """An outside value names a source that states it, not the curator's arithmetic."""
    broken = []
    for table in TABLES.values():
        for col in table.columns:
            if not col.source_column:
                continue
            for row in rows[table.name]:
                source = row.get(col.source_column) or ""
                if row.get(col.name) is not None and _COMPUTED.search(source):
                    broken.append(f"{row[table.primary_key]}.{col.name}: {source[:60]!r}")
    return broken


def r9_repeats_point_to_each_other(rows: Rows) -> list[str]:
    """Two events of one type with the same actors in the same roles and overlapping dates name each other."""
    roles: dict[str, frozenset[tuple[str, str]]] = {}
    for link in rows["event_actors"]:
        roles[link["event_id"]] = roles.get(link["event_id"], frozenset()) | {(link["actor_id"], link["role"])}
    # a forecast is not a happening the article describes; one sentence's several rows are not a repeat
    facts = [e for e in rows["events"] if e["date_end"] is not None and e["certainty"] != "expected" and e["event_id"] in roles]
    sentences = {e["event_id"]: {_sentence_of(q["char_start"]) for q in _quotes(rows, e["event_id"])} for e in facts}
    broken = []
    for i, a in enumerate(facts):
        for b in facts[i + 1 :]:
            if (a["event_type"], roles[a["event_id"]]) != (b["event_type"], roles[b["event_id"]]):
                continue
            if a["event_type"] == "situation" or a["location_id"] != b["location_id"]:
                continue
            if sentences[a["event_id"]] & sentences[b["event_id"]]:
                continue
            lo = max(a["date_start"] or datetime.date.min, b["date_start"] or datetime.date.min)
            hi = min(a["date_end"] or datetime.date.max, b["date_end"] or datetime.date.max)
            if lo > hi:
                continue
            if b["event_id"] not in (a.get("coding_note") or "") or a["event_id"] not in (b.get("coding_note") or ""):
                broken.append(f"{a['event_id']} and {b['event_id']} look like one happening and do not point to each other")
    return broken


def r10_precision(rows: Rows) -> list[str]:
    """date_precision is the precision of the start; a present-tense row does not date its start."""
    shapes = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}", "decade": r"\d{3}X"}
    broken = []
    for record_id, row in _claims(rows):
        first = row["date_edtf"].split("/")[0]
        precision = row["date_precision"]
        note = row.get("coding_note") or ""
        if precision in shapes and not re.fullmatch(shapes[precision], first):
            broken.append(f"{record_id}: {precision} precision for a start written {first!r}")
        forecast = row["date_end"] is None
        if (
            precision == "unknown"
            and first not in ("..", "")
            and not forecast
            and not re.search(r"\bbound|\bafter\b|forecast|aim|possib|not dated|\bcould\b", note)
        ):
            broken.append(f"{record_id}: a start {first!r} of unknown precision without saying what bounds it")
        present = re.search(r"'now'|[Pp]resent tense", note)
        if present and precision != "unknown":
            broken.append(f"{record_id}: a present-tense row dates its start ({row['date_edtf']}, {precision})")
    return broken


def _publication_bound() -> datetime.date:
    article = next(c for c in _rows_of_current()["citations"] if c["kind"] == "article" and c["cited_in"] is None)
    return article["published_by"]


def r11_publication_bound(rows: Rows) -> list[str]:
    """No period ends after the article was published; open periods end at its publication bound."""
    bound = _publication_bound()
    broken = []
    for record_id, row in _claims(rows):
        end = row["date_end"]
        if end is not None and end > bound:
            broken.append(f"{record_id} ends {end}, after the publication bound {bound}")
        if row["date_edtf"].endswith("/..") and end is not None and end != bound:
            broken.append(f"{record_id}: an open period ends {end}, not at the publication bound")
    return broken


RULES: dict[str, Callable[[Rows], list[str]]] = {
    "R1": r1_places,
    "R2": r2_ambiguity,
    "R3": r3_one_group,
    "R4": r4_holders,
    "R5": r5_one_holder,
    "R6": r6_triggers,
    "R7": r7_no_outside_words,
    "R8": r8_sourced_outside_values,
    "R9": r9_repeats_point_to_each_other,
    "R10": r10_precision,
    "R11": r11_publication_bound,
}


@pytest.fixture(scope="module")
def current() -> Rows:
    return _rows_of_current()


@pytest.fixture(scope="module")
def released() -> Rows:
    return _rows_of_archive("1.0.0")


@needs_repository
@pytest.mark.parametrize("rule", RULES)
def test_the_shipped_tables_keep_the_rule(rule, current):
    assert RULES[rule](current) == []


@needs_repository
@pytest.mark.parametrize("rule", RULES)
def test_the_rule_finds_the_slips_of_1_0_0(rule, released):
    assert RULES[rule](released), f"{rule} finds nothing in 1.0.0, whose slips it was written for"


@needs_repository
def test_every_record_of_1_0_0_is_still_there(current, released):
    """Recall: no actor, place, event, relation or citation of 1.0.0 was dropped; corrections keep their ids."""
    for name in ("citations", "actors", "locations", "events", "relations"):
        pk = TABLES[name].primary_key
        assert {r[pk] for r in released[name]} <= {r[pk] for r in current[name]}, name
