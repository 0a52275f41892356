"""W3C Web Annotations of the evidence: the model's structure, one per evidence row, selectors that select exactly the quote."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import jsonschema
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import sadr_iran_data as sid
from sadr_iran_data.formats.exports import export
from sadr_iran_data.formats.web_annotations import ANNOTATIONS, CONTEXT, CONTEXT_LENGTH, context_from_quotes, iri

#: The motivations of the Web Annotation Vocabulary (https://www.w3.org/TR/annotation-vocab/#motivation).
MOTIVATIONS = [
    "assessing",
    "bookmarking",
    "classifying",
    "commenting",
    "describing",
    "editing",
    "highlighting",
    "identifying",
    "linking",
    "moderating",
    "questioning",
    "replying",
    "tagging",
]
IRI = r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$"

#: What the Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) requires of the parts used here.
ANNOTATION_SCHEMA = {
    "type": "object",
    "required": ["@context", "id", "type", "target"],
    "properties": {
        "@context": {"anyOf": [{"const": CONTEXT}, {"type": "array", "contains": {"const": CONTEXT}}]},
        "id": {"type": "string", "pattern": IRI},
        "type": {"anyOf": [{"const": "Annotation"}, {"type": "array", "contains": {"const": "Annotation"}}]},
        "motivation": {"anyOf": [{"enum": MOTIVATIONS}, {"type": "array", "items": {"enum": MOTIVATIONS}}]},
        "body": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/body"}},
        "target": {"$ref": "#/$defs/target"},
        "rights": {"type": "string", "pattern": IRI},
        "generator": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string", "pattern": IRI}}},
    },
    "$defs": {
        "body": {
            "oneOf": [
                {
                    "type": "object",
                    "required": ["type", "value"],
                    "properties": {
                        "type": {"const": "TextualBody"},
                        "value": {"type": "string", "minLength": 1},
                        "purpose": {"enum": MOTIVATIONS},
                        "format": {"type": "string", "pattern": r"^[a-z]+/[a-z0-9.+-]+$"},
                        "language": {"type": "string", "pattern": r"^[a-z]{2,3}(-[A-Za-z0-9]+)*$"},
                    },
                },
                {
                    "type": "object",
                    "required": ["type", "source"],
                    "properties": {
                        "type": {"const": "SpecificResource"},
                        "source": {"type": "string", "pattern": IRI},
                        "purpose": {"enum": MOTIVATIONS},
                    },
                },
            ]
        },
        "target": {
            "type": "object",
            "required": ["source", "selector"],
            "properties": {
                "type": {"const": "SpecificResource"},
                "source": {"type": "string", "pattern": IRI},
                "selector": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/selector"}},
            },
        },
        "selector": {
            "oneOf": [
                {
                    "type": "object",
                    "required": ["type", "exact"],
                    "additionalProperties": False,
                    "properties": {
                        "type": {"const": "TextQuoteSelector"},
                        "exact": {"type": "string", "minLength": 1},
                        "prefix": {"type": "string", "minLength": 1},
                        "suffix": {"type": "string", "minLength": 1},
                    },
                },
                {
                    "type": "object",
                    "required": ["type", "start", "end"],
                    "additionalProperties": False,
                    "properties": {
                        "type": {"const": "TextPositionSelector"},
                        "start": {"type": "integer", "minimum": 0},
                        "end": {"type": "integer", "minimum": 0},
                    },
                },
            ]
        },
    },
}


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> list[dict]:
    """The annotations as the export writes them, read back."""
    (path,) = export("annotations", tmp_path_factory.mktemp("annotations"))
    assert path.name == ANNOTATIONS
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def evidence() -> dict[str, dict]:
    return {row["evidence_id"]: row for row in sid.load("evidence", backend="arrow").to_pylist()}


def selectors(annotation: dict) -> tuple[dict, dict]:
    by_type = {s["type"]: s for s in annotation["target"]["selector"]}
    return by_type["TextQuoteSelector"], by_type["TextPositionSelector"]


# --------------------------------------------------------------------------
# The Web Annotation Data Model
# --------------------------------------------------------------------------


def test_every_annotation_has_the_models_structure(exported):
    assert isinstance(exported, list) and exported
    validator = jsonschema.Draft202012Validator(ANNOTATION_SCHEMA)
    for annotation in exported:
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(annotation)]
        assert errors == [], (annotation["id"], errors)
        _quote, position = selectors(annotation)
        assert position["start"] < position["end"]
    assert len({a["id"] for a in exported}) == len(exported)


def test_the_schema_rejects_what_the_model_forbids(exported):
    validator = jsonschema.Draft202012Validator(ANNOTATION_SCHEMA)
    good = exported[0]
    broken = [
        {k: v for k, v in good.items() if k != "@context"},
        {**good, "id": "no scheme"},
        {**good, "type": "Note"},
        {**good, "motivation": "annotating"},
        {**good, "target": {**good["target"], "selector": [{"type": "TextQuoteSelector"}]}},
        {**good, "target": {**good["target"], "selector": [{"type": "TextPositionSelector", "start": -1, "end": 3}]}},
        {**good, "body": [{"type": "TextualBody"}]},
    ]
    for annotation in broken:
        assert not validator.is_valid(annotation), annotation


def test_one_annotation_per_evidence_row_with_its_quote_offsets_and_record(exported, evidence, frames):
    assert {a["id"] for a in exported} == {iri(evidence_id) for evidence_id in evidence}
    citations = frames["citations"].set_index("citation_id")
    for annotation in exported:
        row = evidence[annotation["id"].removeprefix(iri(""))]
        quote, position = selectors(annotation)
        assert quote["exact"] == row["quote"]
        assert (position["start"], position["end"]) == (row["char_start"], row["char_end"])
        assert annotation["target"]["source"] == citations.loc[row["citation_id"], "url"]
        bodies = annotation["body"]
        assert [b["source"] for b in bodies if b.get("purpose") == "identifying"] == [iri(row["record_id"])]
        assert {b["value"] for b in bodies if b.get("purpose") == "tagging"} == {row["record_table"], row["record_id"]}
        (described,) = [b for b in bodies if b.get("purpose") == "describing"]
        assert described["value"].strip()


def test_each_description_is_the_records_own_text(exported, frames):
    summaries = dict(zip(frames["events"]["event_id"], frames["events"]["summary"], strict=True))
    names = dict(zip(frames["actors"]["actor_id"], frames["actors"]["name"], strict=True))
    links = frames["event_actors"].set_index("event_actor_id")
    for annotation in exported:
        record_id = next(b["source"] for b in annotation["body"] if b.get("purpose") == "identifying").removeprefix(iri(""))
        text = next(b["value"] for b in annotation["body"] if b.get("purpose") == "describing")
        if record_id in summaries:
            assert text == summaries[record_id]
        elif record_id in names:
            assert text.startswith(names[record_id])
        elif record_id in links.index:
            assert names[links.loc[record_id, "actor_id"]] in text and summaries[links.loc[record_id, "event_id"]] in text


def test_annotations_are_in_the_order_of_the_text(exported):
    starts = [selectors(a)[1]["start"] for a in exported]
    assert starts == sorted(starts)


def test_the_export_is_the_list_and_refuses_a_selection_without_evidence(exported, tmp_path):
    assert exported == json.loads(json.dumps(sid.to_web_annotations()))
    with pytest.raises(sid.SadrIranDataError, match="evidence"):
        export("annotations", tmp_path, tables=["events"])
    assert [p.name for p in export("annotations", tmp_path, tables=["evidence", "events"])] == [ANNOTATIONS]


def test_the_command_line_writes_the_annotations(tmp_path, capsys):
    from sadr_iran_data.cli import main

    assert main(["export", "--format", "annotations", str(tmp_path)]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path / ANNOTATIONS)
    assert main(["export", "--format", "annotations", str(tmp_path)]) == 1
    assert "--force" in capsys.readouterr().err


# --------------------------------------------------------------------------
# The selectors select exactly the quote in the stored article (anchorpoint implements both)
# --------------------------------------------------------------------------


def test_both_selectors_select_exactly_the_quote_in_the_stored_article(exported, source_text):
    from anchorpoint.textselectors import TextPositionSelector, TextQuoteSelector

    repeated = 0
    for annotation in exported:
        quote, position = selectors(annotation)
        by_position = TextPositionSelector(start=position["start"], end=position["end"])
        assert by_position.select_text(source_text) == quote["exact"]
        by_quote = TextQuoteSelector(exact=quote["exact"], prefix=quote.get("prefix", ""), suffix=quote.get("suffix", ""))
        prefix, suffix = quote.get("prefix", ""), quote.get("suffix", "")
        assert source_text[position["start"] - len(prefix) : position["end"] + len(suffix)] == prefix + quote["exact"] + suffix
        if by_quote.is_unique_in(source_text):
            assert by_quote.select_text(source_text) == quote["exact"]
            found = by_quote.as_position(source_text)
            assert (found.start, found.end) == (position["start"], position["end"]), annotation["id"]
        else:  # the position selector tells the occurrences apart
            repeated += 1
            occurrences = [m.start() for m in re.finditer(f"(?={re.escape(quote['exact'])})", source_text)]
            assert position["start"] in occurrences
    assert repeated < len(exported)


# --------------------------------------------------------------------------
# Prefix and suffix come only from the text the quotes themselves hold
# --------------------------------------------------------------------------


@st.composite
def text_and_quotes(draw):
    text = draw(st.text(st.sampled_from("abc ’\n."), min_size=1, max_size=80))
    rows, cues = [], []
    for n in range(draw(st.integers(1, 8))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        rows.append({"evidence_id": f"evd-{n}", "citation_id": "cit-1", "char_start": start, "char_end": end, "quote": text[start:end]})
    for n in range(draw(st.integers(0, 4))):
        start = draw(st.integers(0, len(text) - 1))
        end = draw(st.integers(start + 1, len(text)))
        cues.append({"cue_id": f"cue-{n}", "citation_id": "cit-1", "char_start": start, "char_end": end, "text": text[start:end]})
    return text, rows, cues


def _case(text: str, quotes: Sequence[tuple[int, int]], cues: Sequence[tuple[int, int]] = ()) -> tuple[str, list[dict], list[dict]]:
    """A text with quotes and cues at the spans given, as ``text_and_quotes`` draws them."""
    rows = [
        {"evidence_id": f"evd-{n}", "citation_id": "cit-1", "char_start": a, "char_end": b, "quote": text[a:b]}
        for n, (a, b) in enumerate(quotes)
    ]
    cue_rows = [
        {"cue_id": f"cue-{n}", "citation_id": "cit-1", "char_start": a, "char_end": b, "text": text[a:b]} for n, (a, b) in enumerate(cues)
    ]
    return text, rows, cue_rows


# The edges: no context allowed; quotes that touch; quotes at the document's edges; quotes that overlap; a cue that
# bridges the gap between two quotes; a gap of one character no quote covers; the same quote twice; one quote that is
# the whole text; context longer than the limit on both sides.
@example(case=_case("abc", [(0, 3)]), length=0)
@example(case=_case("ab. c’a", [(0, 2), (2, 4), (4, 7)]), length=40)
@example(case=_case("abc abc", [(0, 1), (6, 7), (1, 6)]), length=3)
@example(case=_case("aaaa bbbb", [(0, 6), (3, 9)]), length=5)
@example(case=_case("ab c ab", [(0, 2), (5, 7)], [(2, 5)]), length=10)
@example(case=_case("ab.cd", [(0, 2), (3, 5)]), length=10)
@example(case=_case("abc", [(0, 3), (0, 3)], [(1, 2)]), length=1)
@example(case=_case("a\nb’c. a", [(0, 9)]), length=40)
@example(case=_case("abcabcabcabc", [(5, 6), (0, 12)]), length=2)
@settings(max_examples=100, deadline=None)
@given(case=text_and_quotes(), length=st.integers(0, 40))
def test_context_is_the_documents_own_text_and_only_what_the_quotes_and_cues_cover(case, length):
    text, rows, cues = case
    covered = {i for row in [*rows, *cues] for i in range(row["char_start"], row["char_end"])}
    context = context_from_quotes(rows, length, cues=cues)
    for row in rows:
        prefix, suffix = context[row["evidence_id"]]
        start, end = row["char_start"], row["char_end"]
        assert text[start - len(prefix) : start] == prefix and text[end : end + len(suffix)] == suffix
        assert set(range(start - len(prefix), start)) <= covered and set(range(end, end + len(suffix))) <= covered
        # as long as allowed: it stops only at the limit, the document's edge or the first character no quote covers
        assert len(prefix) == length or start - len(prefix) - 1 not in covered
        assert len(suffix) == length or end + len(suffix) not in covered


def test_the_shipped_context_is_no_longer_than_the_limit_and_stops_where_the_quotes_and_cues_do(exported, evidence):
    covered: dict[str, set[int]] = {}
    for row in [*evidence.values(), *sid.load("cues", backend="arrow").to_pylist()]:
        covered.setdefault(row["citation_id"], set()).update(range(row["char_start"], row["char_end"]))
    for annotation in exported:
        quote, position = selectors(annotation)
        row = evidence[annotation["id"].removeprefix(iri(""))]
        prefix, suffix = quote.get("prefix", ""), quote.get("suffix", "")
        assert len(prefix) <= CONTEXT_LENGTH and len(suffix) <= CONTEXT_LENGTH
        assert set(range(position["start"] - len(prefix), position["end"] + len(suffix))) <= covered[row["citation_id"]]


def test_quotes_that_disagree_where_they_overlap_are_refused():
    rows = [
        {"evidence_id": "evd-1", "citation_id": "cit-1", "char_start": 0, "char_end": 5, "quote": "Qum, "},
        {"evidence_id": "evd-2", "citation_id": "cit-1", "char_start": 3, "char_end": 8, "quote": "X Naj"},
    ]
    with pytest.raises(sid.DataIntegrityError, match="disagree at offset 3"):
        context_from_quotes(rows)


def test_the_documented_annotation_is_the_one_exported(exported):
    page = Path(__file__).resolve().parent.parent / "docs" / "article.md"
    if not page.exists():
        pytest.skip("needs a clone of the repository (docs/)")
    (block,) = re.findall(r"```json\n(.*?)```", page.read_text(encoding="utf-8"), flags=re.DOTALL)
    shown = json.loads(block)
    (actual,) = [a for a in exported if a["id"] == shown["id"]]
    assert {k: v for k, v in shown.items() if k != "generator"} == {k: v for k, v in actual.items() if k != "generator"}
