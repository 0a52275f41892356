"""The codebook's coding rules R1-R11 (docs/codebook.md#coding-rules), as far as a machine can check them.

Each rule was written for a class of slips found in 1.0.0; what a machine can
see of it is checked here, on the rows, their quotes and their cues, and
what needs a reader's judgement is said in the rule's ``judgement``. Parts
that read the article around a quote (a footnote's scope, a word that is
not the article's) run only where the caller gives the article's text.
"""

from __future__ import annotations

import datetime
import functools
import re
from collections.abc import Iterator
from typing import Any

from .._text import split_sentences
from ..declarations import TABLES
from ._base import CodingRule, Finding, Tables, claims
from .lexicons import TRIGGERS

#: Words that place a mention of a country as a setting ("the Iraqi National Assembly"), by place.
ADJECTIVES = {"loc-iran": ["Iranian"], "loc-iraq": ["Iraqi"], "loc-lebanon": ["Lebanese"]}

# A mention of a place that does not place the happening (R1): a possessive of a person or thing, a
# destination ("invited him to"), the object of an accusation, or a goal.
_POSSESSIVE = re.compile(r"(?:’|')s\b")
_DESTINATION = re.compile(r"\b(?:invited \w+ to|invitations to visit|to visit)\s+(?:the \w+ of\s+)?$")
_ACCUSED = re.compile(r"\baccused\b.*$")
_GOAL = re.compile(r"\bto gain power in\s+$|\blead\s+$")
#: A country's own politics is its setting: "Iraq’s fragile political system".
_POLITY = re.compile(r"(?:’|')s (?:\w+ )?(?:political|politics)")
#: A belief the article reports in the passive (R4).
_BELIEF = re.compile(r"\b(?:is|are|was|were) (?:believed|perceived|seen as|viewed as)\b")
#: Words that state who or what something is, which outside knowledge tends to supply (R7).
_IDENTITY = ("capital", "commander", "shrine", "border", "ruling", "rank-and-file", "founder", "route", "through ")
#: A source that is the curator's arithmetic, not a source (R8).
_COMPUTED = re.compile(r"anniversary|computed|counted|arithmetic|not checked|not verified|assum", re.IGNORECASE)
#: Whose claim fits which certainty (R5).
FITS: dict[str, tuple[str, ...]] = {
    "rumour": ("rumored",),
    "source": ("claimed", "alleged"),
    "unnamed": ("claimed", "alleged", "likely"),
    "view": ("claimed", "alleged", "expected", "stated"),
    "author": ("stated", "known", "likely", "expected"),
}
#: The shape of the first date of an EDTF string at each precision (R10).
_SHAPES = {"day": r"\d{4}-\d{2}-\d{2}", "month": r"\d{4}-\d{2}", "year": r"\d{4}", "decade": r"\d{3}X"}


def _quotes(tables: Tables, table: str, record_id: str) -> list[dict[str, Any]]:
    return sorted(tables.evidence.get((table, record_id), []), key=lambda q: q["char_start"])


def _places_it(names: list[str], text: str, event_type: str) -> bool:
    """Whether ``text`` mentions the place (one of ``names``) as where something happens, not as a possessive, destination or goal."""
    for name in names:
        for match in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            before = text[: match.start()]
            if _POSSESSIVE.match(text[match.end() : match.end() + 2]) and not _POLITY.match(text[match.end() :]):
                continue
            if event_type not in ("visit", "refuge") and _DESTINATION.search(before):
                continue
            if _ACCUSED.search(before) or _GOAL.search(before):
                continue
            return True
    return False


def _r1_places(tables: Tables) -> Iterator[Finding]:
    for row in tables["events"]:
        place = tables.locations.get(row["location_id"]) if row.get("location_id") else None
        if place is None:
            continue
        names = [*tables.names(place["location_id"]), *ADJECTIVES.get(place["location_id"], [])]
        cued = tables.cues_of("events", row["event_id"], "location_id")
        if any(c.get("cue_id") in tables.antecedents and tables.names_value(c, place["location_id"]) for c in cued):
            continue  # "a country", "both countries": the place is named through the cue's antecedent (C6)
        quotes = _quotes(tables, "events", row["event_id"])
        if not any(_places_it(names, q["quote"], row["event_type"]) for q in quotes):
            message = f"placed in {place['name']}, but no quote mentions it as where the event happens"
            yield Finding("events", row["event_id"], "location_id", "r1_place_in_quotes", message, row["location_id"])


def _r2_ambiguity(tables: Tables) -> Iterator[Finding]:
    for location in tables.get("locations"):
        for alias in location.get("aliases") or []:
            if alias.lower().startswith("the region"):
                message = f"'the region' is an alias of {location['name']}: the region the article means is left open"
                yield Finding("locations", location["location_id"], "aliases", "r2_ambiguity_kept", message, alias)
    for table, record_id, row in claims(tables):
        note = row.get("coding_note") or ""
        if re.search(r"\bis read as\b|\bread as referring\b", note) and not re.search(r"\bor\b|other reading", note):
            message = "the note picks one reading without naming the others"
            yield Finding(table, record_id, "coding_note", "r2_ambiguity_kept", message, None)


def _r3_one_group(tables: Tables) -> Iterator[Finding]:
    for actor in tables.get("actors"):
        if re.search(r"\b(Shiite and Sunni|Sunni and Shiite)\b", actor["name"]):
            message = f"one actor joins two sides of a divide: {actor['name']!r}"
            yield Finding("actors", actor["actor_id"], "name", "r3_one_actor_one_group", message, actor["name"])


def _r4_holders(tables: Tables) -> Iterator[Finding]:
    for table, record_id, row in claims(tables):
        if str(row.get("relation_type", "")).startswith("perceives_as") or row.get("event_type") == "reaction":
            continue
        if any(_BELIEF.search(q["quote"]) for q in _quotes(tables, table, record_id)):
            if row["certainty"] not in ("claimed", "alleged", "expected") or row["attribution_kind"] == "author":
                message = f"a belief reported in the passive, coded {row['certainty']} as {row['attribution_kind']}'s"
                yield Finding(table, record_id, "certainty", "r4_belief_has_holder", message, row["certainty"])


@functools.lru_cache(maxsize=512)
def _footnote_scope(text: str, number: int) -> tuple[tuple[int, int], ...]:
    """The sentences a footnote supports: its own line, its marker's sentence, and the quotation that sentence closes."""
    sentences = split_sentences(text)
    scope = []
    for i, (s, e) in enumerate(sentences):
        sentence = text[s:e]
        if sentence.startswith(f"{number}. ") or f"[{number}]" in sentence:
            scope.append((s, e))
            j = i
            while "”" in sentence and "“" not in text[sentences[j][0] : sentences[j][1]] and j > 0:
                j -= 1
                scope.append(sentences[j])
    return tuple(scope)


def _r5_one_holder(tables: Tables) -> Iterator[Finding]:
    notes = {c["citation_id"]: (c["note_number"], c["cited_in"]) for c in tables.get("citations") if c.get("note_number")}
    for table, record_id, row in claims(tables):
        kind = row["attribution_kind"]
        if kind in FITS and row["certainty"] not in FITS[kind]:
            message = f"{kind} attribution with {row['certainty']} certainty: it takes {', '.join(FITS[kind])}"
            yield Finding(table, record_id, "certainty", "r5_one_holder", message, row["certainty"])
        cited = notes.get(row.get("citation_id") or "")
        text = tables.texts.get(cited[1]) if cited else None
        if cited is None or text is None:
            continue  # the footnote's scope is read in the article, where the caller gives it
        numbers = sorted({n for n, parent in notes.values() if parent == cited[1]})
        scope = [*_footnote_scope(text, cited[0])] + [s for n in numbers for s in _footnote_scope(text, n) if text[s[0]].isdigit()]
        for quote in _quotes(tables, table, record_id):
            if not any(s <= quote["char_start"] < e for s, e in scope):
                message = f"cites footnote {cited[0]} but quotes {quote['quote'][:50]!r}, outside what the footnote supports"
                yield Finding(table, record_id, "citation_id", "r5_one_holder", message, row["citation_id"])


def _r6_triggers(tables: Tables) -> Iterator[Finding]:
    for table, record_id, row in claims(tables):
        kind = row["event_type"] if table == "events" else row["relation_type"]
        if not any(re.search(TRIGGERS[kind], q["quote"]) for q in _quotes(tables, table, record_id)):
            message = f"no quote carries a trigger word of {kind}"
            yield Finding(table, record_id, "event_type" if table == "events" else "relation_type", "r6_quote_carries_row", message, kind)


def _described(tables: Tables) -> Iterator[tuple[str, str, str, str]]:
    """(table, id, column, text) of every description and summary."""
    for name, column in (("actors", "description"), ("locations", "description"), ("events", "summary"), ("relations", "summary")):
        key = TABLES[name].primary_key
        for row in tables.get(name):
            yield name, row[key], column, row.get(column) or ""


@functools.lru_cache(maxsize=4096)
def _in_text(word: str, text: str) -> bool:
    """Whether ``text`` holds ``word`` as a whole word, in any case."""
    return re.search(rf"(?<!\w){word}(?!\w)", text, re.IGNORECASE) is not None


def _r7_article_only(tables: Tables) -> Iterator[Finding]:
    known = {n for key in (*tables.actors, *tables.locations) for n in tables.names(key)}
    article = next(iter(tables.texts.values()), None)
    for table, record_id, column, text in _described(tables):
        quotes = " ".join(q["quote"] for q in _quotes(tables, table, record_id)).lower()
        for term in _IDENTITY:
            if term in text.lower() and term not in quotes:
                message = f"{term.strip()!r} is not in the record's quotes: words of identity come from the article"
                yield Finding(table, record_id, column, "r7_article_only", message, term.strip())
        if article is None:
            continue
        for word in re.findall(r"(?<![.:;] )(?<!^)(?<!“)\b[A-Z][a-z]+\b", text):
            if not _in_text(word, article) and not any(word in n for n in known):
                yield Finding(table, record_id, column, "r7_article_only", f"{word!r} is not the article's", word)


def _r8_sourced(tables: Tables) -> Iterator[Finding]:
    for table in TABLES.values():
        for col in table.columns:
            if not col.source_column:
                continue
            for row in tables.get(table.name):
                source = row.get(col.source_column) or ""
                if row.get(col.name) is not None and _COMPUTED.search(source):
                    message = f"{col.name}'s source is arithmetic, not a source that states it: {source[:60]!r}"
                    yield Finding(table.name, row[table.primary_key], col.name, "r8_outside_values_sourced", message, row[col.name])


def _overlap(a: list[dict[str, Any]], b: list[dict[str, Any]]) -> bool:
    return any(x["char_start"] < y["char_end"] and y["char_start"] < x["char_end"] for x in a for y in b)


def _r9_repeats(tables: Tables) -> Iterator[Finding]:
    roles: dict[str, frozenset[tuple[str, str]]] = {}
    for link in tables.get("event_actors"):
        roles[link["event_id"]] = roles.get(link["event_id"], frozenset()) | {(link["actor_id"], link["role"])}
    facts = [e for e in tables["events"] if e["date_end"] is not None and e["certainty"] != "expected" and e["event_id"] in roles]
    for i, a in enumerate(facts):
        for b in facts[i + 1 :]:
            if (a["event_type"], roles[a["event_id"]], a["location_id"]) != (b["event_type"], roles[b["event_id"]], b["location_id"]):
                continue
            if a["event_type"] == "situation" or _overlap(
                _quotes(tables, "events", a["event_id"]), _quotes(tables, "events", b["event_id"])
            ):
                continue  # one passage's several rows are not a repeat
            lo = max(a["date_start"] or datetime.date.min, b["date_start"] or datetime.date.min)
            hi = min(a["date_end"] or datetime.date.max, b["date_end"] or datetime.date.max)
            if lo <= hi and (b["event_id"] not in (a.get("coding_note") or "") or a["event_id"] not in (b.get("coding_note") or "")):
                message = f"looks like one happening with {b['event_id']}; each row's note names the other"
                yield Finding("events", a["event_id"], "coding_note", "r9_repeats_named", message, b["event_id"])


def _r10_precision(tables: Tables) -> Iterator[Finding]:
    for table, record_id, row in claims(tables):
        first, precision, note = row["date_edtf"].split("/")[0], row["date_precision"], row.get("coding_note") or ""
        if precision in _SHAPES and not re.fullmatch(_SHAPES[precision], first):
            yield Finding(
                table, record_id, "date_precision", "r10_precision_of_start", f"{precision} for a start written {first!r}", precision
            )
        bounded = re.search(r"\bbound|\bafter\b|forecast|aim|possib|not dated|\bcould\b", note)
        if precision == "unknown" and first not in ("..", "") and row["date_end"] is not None and not bounded:
            message = f"a start {first!r} of unknown precision, and the note does not say what bounds it"
            yield Finding(table, record_id, "date_precision", "r10_precision_of_start", message, precision)
        if re.search(r"'now'|[Pp]resent tense", note) and precision != "unknown":
            message = f"a present-tense row dates its start ({row['date_edtf']}, {precision})"
            yield Finding(table, record_id, "date_precision", "r10_precision_of_start", message, precision)


def _r11_bound(tables: Tables) -> Iterator[Finding]:
    articles = [c for c in tables.get("citations") if c["kind"] == "article" and c.get("cited_in") is None and c.get("published_by")]
    if len(articles) != 1:
        return
    bound: datetime.date = articles[0]["published_by"]
    for table, record_id, row in claims(tables):
        end = row["date_end"]
        if end is not None and end > bound:
            yield Finding(table, record_id, "date_end", "r11_publication_bound", f"ends {end}, after the publication bound {bound}", end)
        if row["date_edtf"].endswith("/..") and end is not None and end != bound:
            message = f"an open period ends {end}, not at the publication bound {bound}"
            yield Finding(table, record_id, "date_end", "r11_publication_bound", message, end)


_CLAIMS = ("events", "relations", "evidence")

CODING_RULES: tuple[CodingRule, ...] = (
    CodingRule(
        "r1_place_in_quotes",
        "R1",
        "A placed event's quotes mention its place as where the event happens: not as a possessive, a destination, "
        "the object of an accusation or a goal.",
        ("locations", "events", "evidence"),
        _r1_places,
        judgement="that the mention places this happening, and not a neighbour of it, is the coder's reading",
    ),
    CodingRule(
        "r2_ambiguity_kept",
        "R2",
        "'The region' is never a place's alias, and a note that picks one reading names the others.",
        ("locations", "events", "relations"),
        _r2_ambiguity,
        judgement="which passages are ambiguous is the coder's reading; the rule checks how the ambiguity is recorded",
    ),
    CodingRule(
        "r3_one_actor_one_group",
        "R3",
        "One actor is one group: no actor's name joins two sides of a divide ('Shiite and Sunni militias').",
        ("actors",),
        _r3_one_group,
        judgement="whether two named groups are one is the coder's reading beyond such names",
    ),
    CodingRule(
        "r4_belief_has_holder",
        "R4",
        "A belief the article reports in the passive ('is believed', 'seen as') is a reported view, not the author's stated claim.",
        ("events", "relations", "evidence"),
        _r4_holders,
    ),
    CodingRule(
        "r5_one_holder",
        "R5",
        "A row's certainty fits whose claim it is, and a row citing a footnote quotes only what the footnote supports "
        "(checked where the article's text is given).",
        ("citations", *_CLAIMS),
        _r5_one_holder,
    ),
    CodingRule(
        "r6_quote_carries_row",
        "R6",
        "At least one quote of every event and relation carries a trigger word of its type.",
        _CLAIMS,
        _r6_triggers,
    ),
    CodingRule(
        "r7_article_only",
        "R7",
        "Summaries and descriptions say only what the article says: no word of identity ('capital', 'shrine', 'commander') "
        "their quotes lack, and (with the article's text) no capitalised word the article never uses.",
        ("actors", "locations", *_CLAIMS),
        _r7_article_only,
        judgement="a summary may overstate in other words; the coder reads each against its quotes",
    ),
    CodingRule(
        "r8_outside_values_sourced",
        "R8",
        "An outside value names a source that states it, not the curator's arithmetic.",
        ("citations", "actors", "locations", "events"),
        _r8_sourced,
    ),
    CodingRule(
        "r9_repeats_named",
        "R9",
        "Two events of one type with the same actors in the same roles, place and overlapping dates, from different passages, "
        "name each other in their notes.",
        ("events", "event_actors", "evidence"),
        _r9_repeats,
    ),
    CodingRule(
        "r10_precision_of_start",
        "R10",
        "date_precision is the precision of the start: it fits the EDTF string's first date, an unknown start that is bounded "
        "says by what, and a present-tense row does not date its start.",
        ("events", "relations"),
        _r10_precision,
    ),
    CodingRule(
        "r11_publication_bound",
        "R11",
        "No period ends after the article's publication bound, and open periods end exactly there.",
        ("citations", "events", "relations"),
        _r11_bound,
    ),
)
