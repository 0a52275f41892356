"""The reader: the user's copy of the article as one self-contained page, every quote and cue marked and linked to its rows."""

from __future__ import annotations

import html
import itertools
import re
from html.parser import HTMLParser
from typing import Any

import pytest

import sadr_iran_data as sid
from conftest import SOURCE, needs_repository
from sadr_iran_data.cli import main
from sadr_iran_data.dataset.article import ArticleCheck, check_article, find_cues, find_quotes, fold
from sadr_iran_data.declarations import CUE_FIELD
from sadr_iran_data.formats import reader as reader_module
from sadr_iran_data.formats.reader import CARD_TABLES, TABLES_USED, cued_fields, render

#: Elements that never have an end tag.
VOID = {"meta", "input", "br", "link", "img", "hr", "wbr"}


class Page(HTMLParser):
    """What a test needs of a page: every element's tag and attributes, and the article's text with each mark's span in it."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.ids: dict[str, str] = {}
        self.text = ""
        self.marks: list[tuple[int, int, dict[str, str]]] = []
        self.scripts: list[str] = []
        self.styles: list[str] = []
        self._open: list[tuple[str, dict[str, str], int]] = []
        self._in_article = 0
        self._spans: dict[str, dict[str, list[tuple[int, int]]]] = {}
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.elements.append((tag, attributes))
        if "id" in attributes:
            assert attributes["id"] not in self.ids, f"the id {attributes['id']} is used twice"
            self.ids[attributes["id"]] = tag
        if tag in VOID:
            return
        if attributes.get("id") == "text":
            self._in_article += 1
        self._open.append((tag, attributes, len(self.text)))

    def handle_endtag(self, tag: str) -> None:
        opened, attributes, start = self._open.pop()
        assert opened == tag, f"</{tag}> closes <{opened}>"
        if tag == "mark":
            self.marks.append((start, len(self.text), attributes))
        if attributes.get("id") == "text":
            self._in_article -= 1

    def handle_data(self, data: str) -> None:
        if self._open and self._open[-1][0] == "script":
            self.scripts.append(data)
        elif self._open and self._open[-1][0] == "style":
            self.styles.append(data)
        elif self._in_article:
            self.text += data

    def covered(self, kind: str, span_id: str) -> str:
        """The article's text under the marks that name ``span_id`` (``kind``: ``e`` for quotes, ``c`` for cues), joined."""
        if kind not in self._spans:  # every mark's spans by the ids it names, gathered once
            for a, b, attrs in self.marks:
                for named in set(attrs.get(f"data-{kind}", "").split()):
                    self._spans.setdefault(kind, {}).setdefault(named, []).append((a, b))
        spans = sorted(self._spans.get(kind, {}).get(span_id, []))
        assert spans, f"no mark for {span_id}"
        assert all(b == c for (_, b), (c, _) in itertools.pairwise(spans)), f"the marks of {span_id} are not contiguous"
        return self.text[spans[0][0] : spans[-1][1]]


def assert_loads_nothing(page: str, parsed: Page) -> None:
    """No element fetches anything, every link stays in the page, and the page forbids any fetch."""
    for tag, attributes in parsed.elements:
        assert "src" not in attributes and tag not in ("link", "img", "iframe", "object", "embed"), (tag, attributes)
        assert attributes.get("href", "#").startswith("#"), attributes
    policy = [a["content"] for t, a in parsed.elements if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert policy == [reader_module.CONTENT_SECURITY_POLICY] and "default-src 'none'" in policy[0]
    for code in parsed.scripts + parsed.styles:
        assert not re.search(r"https?:|//[a-z]|url\(|@import|fetch\(|XMLHttpRequest|import\(|WebSocket|\.src\b", code), code
    assert "@font-face" not in page


# --------------------------------------------------------------------------
# The page of the repository's copy
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page_of_source(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Page]:
    if not SOURCE.exists():
        pytest.skip("the article's text is only in a clone of the repository")
    out = sid.reader(SOURCE, tmp_path_factory.mktemp("reader") / "article.html")
    page = out.read_text(encoding="utf-8")
    return page, Page(page)


@needs_repository
def test_the_page_holds_the_copy_and_marks_every_quote_exactly(page_of_source, source_text):
    _, parsed = page_of_source
    assert parsed.text == source_text
    for row in sid.load("evidence", backend="arrow").to_pylist():
        assert parsed.ids[row["evidence_id"]] == "span", row["evidence_id"]
        assert parsed.covered("e", row["evidence_id"]) == row["quote"]


@needs_repository
def test_the_page_has_a_card_for_every_row_and_a_line_for_every_party(page_of_source):
    _, parsed = page_of_source
    for table in CARD_TABLES:
        key = sid.declarations.get_table(table).primary_key
        for record_id in sid.load(table)[key]:
            assert parsed.ids[record_id] == "section", record_id
    for link in sid.load_event_actors()["event_actor_id"]:
        assert parsed.ids[link] == "tr", link


@needs_repository
def test_every_cue_is_marked_at_its_offsets_and_stands_in_its_rows_card(page_of_source):
    """Holds on complete data: every shipped cue (the cues table may still be nearly empty) is in the page."""
    page, parsed = page_of_source
    for cue in sid.load("cues", backend="arrow").to_pylist():
        assert parsed.ids[cue["cue_id"]] == "span", cue["cue_id"]
        assert parsed.covered("c", cue["cue_id"]) == cue["text"]
        assert f'href="#{cue["cue_id"]}"' in page


@needs_repository
def test_the_page_loads_nothing_and_links_only_within_itself(page_of_source):
    page, parsed = page_of_source
    assert_loads_nothing(page, parsed)
    assert {"text", "cards", "filter", "pop"} <= set(parsed.ids)
    links = {a["href"][1:] for t, a in parsed.elements if t == "a" and "href" in a}
    assert links <= set(parsed.ids), sorted(links - set(parsed.ids))[:5]


# --------------------------------------------------------------------------
# Cues in a copy with other whitespace and quotation marks
# --------------------------------------------------------------------------


def _cue(cue_id: str, record_table: str, record_id: str, field: str, value: str, text: str, at: int, antecedent_of: str | None = None):
    return {
        "cue_id": cue_id,
        "record_table": record_table,
        "record_id": record_id,
        "field": field,
        "value": value,
        "citation_id": "cit-rahimi-2007",
        "char_start": at,
        "char_end": at + len(text),
        "text": text,
        "antecedent_of": antecedent_of,
    }


def _made_up_cues(source_text: str) -> list[dict[str, Any]]:
    """Cues of evt-0003 and of one of its parties, laid on the stored text as the build lays them: inside the row's quotes."""
    quote = "In April 2004, when al-Sadr’s militia, the Mahdi Army, confronted U.S. troops after weeks of urban fighting"
    start = source_text.index(quote)
    party = sid.load_event_actors().query("event_id == 'evt-0003' and actor_id == 'act-mahdi-army'")["event_actor_id"].iloc[0]
    return [
        _cue("cue-trigger", "events", "evt-0003", "event_type", "armed_clash", "confronted", start + quote.index("confronted")),
        _cue("cue-date", "events", "evt-0003", "date_edtf", "2004-04", "In April 2004", start),
        _cue("cue-party", "event_actors", party, "actor_id", "act-mahdi-army", "al-Sadr’s militia", start + quote.index("al-Sadr’s")),
        _cue(
            "cue-antecedent",
            "event_actors",
            party,
            "actor_id",
            "act-mahdi-army",
            "the Mahdi Army",
            start + quote.index("the Mahdi"),
            "cue-party",
        ),
    ]


@needs_repository
def test_cues_keep_their_words_in_a_copy_with_other_whitespace_and_quotation_marks(tmp_path, source_text):
    cues = _made_up_cues(source_text)
    assert all(source_text[c["char_start"] : c["char_end"]] == c["text"] for c in cues)
    copy = tmp_path / "copy.txt"
    copy.write_text(source_text.replace("’", "'").replace("\n\n", "\r\n\r\n").replace(" the ", "  the "), encoding="utf-8", newline="")
    check = check_article(copy)
    text = copy.read_bytes().decode("utf-8")
    assert check.ok and not check.identical
    rows = {name: sid.load(name, backend="arrow").to_pylist() for name in TABLES_USED if name != "cues"}
    found = find_cues(text, check.quotes, rows["evidence"], cues)
    for cue in cues:
        start, end = found[cue["cue_id"]]
        assert fold(text[start:end]) == fold(cue["text"]), cue["cue_id"]
    assert text[slice(*found["cue-party"])] == "al-Sadr's militia"

    page = render(text, check, {**rows, "cues": cues})
    parsed = Page(page)
    assert parsed.text == text
    for cue in cues:
        assert parsed.covered("c", cue["cue_id"]) == text[slice(*found[cue["cue_id"]])]
    card = re.search(r'<section class="card" id="evt-0003".*?</section>', page, re.DOTALL)
    assert card is not None
    trigger = re.search(r'<tr id="evt-0003--event_type">(.*?)</tr>', card.group(0))
    assert trigger is not None and "armed_clash" in trigger.group(1) and ">“confronted”</a>" in trigger.group(1)
    assert ">“al-Sadr&#x27;s militia”</a> → <a" in card.group(0) and ">“the Mahdi Army”</a>" in card.group(0)
    assert 'data-c="cue-antecedent cue-date cue-party cue-trigger"' in card.group(0)


def test_a_cue_outside_every_quote_is_found_in_the_whole_text():
    text = "Tehran is near. It said so, and Tehran again."
    evidence = [{"evidence_id": "evd-1", "record_id": "evt-1", "char_start": 0, "char_end": 15, "quote": "Tehran is near."}]
    cue = {"cue_id": "cue-1", "record_id": "evt-1", "char_start": 16, "char_end": 18, "text": "It"}
    moved = "  " + text
    assert find_cues(moved, find_quotes(moved, evidence), evidence, [cue]) == {"cue-1": (18, 20)}
    assert find_cues(moved, find_quotes(moved, evidence), evidence, [{**cue, "text": "Nowhere"}]) == {"cue-1": None}


# --------------------------------------------------------------------------
# Escaping, refusing, the command
# --------------------------------------------------------------------------


def test_every_text_is_escaped():
    text = 'He said <script>alert("x")</script> & left.'
    evidence = [
        {"evidence_id": "evd-1", "record_table": "events", "record_id": "evt-1", "citation_id": "cit-1", "char_start": 8, "char_end": 35}
    ]
    evidence[0]["quote"] = text[8:35]
    rows = {
        "evidence": evidence,
        "events": [{"event_id": "evt-1", "summary": "<img src=x onerror=alert(1)>", "event_type": "<b>", "certainty": "stated"}],
        "citations": [{"citation_id": "cit-1", "title": "A <title>", "author": "A & B", "outlet": "<i>"}],
    }
    check = ArticleCheck("<copy>.txt", "cit-1", "", "", tuple(find_quotes(text, evidence)))
    page = render(text, check, rows)
    parsed = Page(page)
    assert parsed.text == text
    assert "<script>alert" not in page and "<img" not in page and "<b>" not in page and "<title>" not in page.split("</title>", 1)[1]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    assert_loads_nothing(page, parsed)


def test_the_cards_show_every_field_a_cue_can_justify():
    shown = {field for table in ("events", "relations", "event_actors") for field in cued_fields(table)}
    assert shown == set(CUE_FIELD.values)


def test_a_copy_that_is_not_the_article_is_refused_in_one_line(tmp_path, capsys):
    copy = tmp_path / "copy.txt"
    copy.write_text("Another article altogether.", encoding="utf-8")
    out = tmp_path / "page.html"
    with pytest.raises(sid.InputError, match="is not the article") as info:
        sid.reader(copy, out)
    assert "\n" not in str(info.value) and not out.exists()
    assert main(["reader", str(copy), str(out)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not the article" in err and not out.exists()


@needs_repository
def test_the_command_writes_the_page_and_will_not_overwrite_it_without_force(tmp_path, capsys, page_of_source):
    out = tmp_path / "page.html"
    assert main(["reader", str(SOURCE), str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert out.read_text(encoding="utf-8") == page_of_source[0]  # the same page for the same copy, made again
    out.write_text("mine", encoding="utf-8")
    assert main(["reader", str(SOURCE), str(out)]) == 1
    assert "pass --force" in capsys.readouterr().err and out.read_text(encoding="utf-8") == "mine"
    assert main(["reader", str(SOURCE), str(out), "--force"]) == 0
    assert html.unescape(out.read_text(encoding="utf-8")).count("Moqtada al-Sadr’s New Alliance with Tehran") >= 2
