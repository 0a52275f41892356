"""check_article: a copy of the article is checked against the evidence, and every quote is found where it moved."""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import sadr_iran_data as sid
from conftest import SOURCE, needs_repository
from sadr_iran_data.dataset.article import FRAME_COLUMNS, STATUSES, find_quotes, fold

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
#: For an edit of the whole article, whose edge cases are also tried one by one.
EDITS = settings(SETTINGS, max_examples=15)
TYPOGRAPHIC = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"}


# --------------------------------------------------------------------------
# Edited copies that know where every character of the original went
# --------------------------------------------------------------------------


def rewrite(text: str, change: Callable[[int, str], tuple[str, str]]) -> tuple[str, list[int], list[int]]:
    """``text`` with each character replaced by ``before + replacement`` from ``change(i, char)``.

    Returns the new text, and where each original character's replacement starts and ends in it.
    """
    pieces = [piece for i, char in enumerate(text) for piece in change(i, char)]  # before, replacement, before, ...
    bounds = list(itertools.accumulate(map(len, pieces), initial=0))  # bounds[2i + 1]: where replacement i starts
    return "".join(pieces), bounds[1::2], bounds[2::2]


def expected_span(row, starts: list[int], ends: list[int]) -> tuple[int, int]:
    return starts[row["char_start"]], ends[row["char_end"] - 1]


def assert_each_quote_went_where_its_text_went(report, evidence: list[dict], copy: str, starts: list[int], ends: list[int]) -> None:
    found = by_id(report)
    for row in evidence:
        q = found[row["evidence_id"]]
        assert (q.new_start, q.new_end) == expected_span(row, starts, ends), row["evidence_id"]
        assert fold(copy[q.new_start : q.new_end]) == fold(row["quote"])
        assert q.shift == q.new_start - row["char_start"]
        unmoved = (q.new_start, q.new_end) == (q.char_start, q.char_end)
        assert q.status == "same" if unmoved else q.status in ("shifted", "ambiguous")


@pytest.fixture(scope="module")
def evidence() -> list[dict]:
    return sid.load("evidence", backend="arrow").to_pylist()


@pytest.fixture(scope="module")
def article_sha256() -> str:
    citations = sid.load("citations", backend="arrow").to_pylist()
    return next(row["text_sha256"] for row in citations if row["text_sha256"])


def write(tmp_path: Path, text: str, name: str = "copy.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def by_id(report) -> dict[str, sid.QuoteCheck]:
    return {q.evidence_id: q for q in report.quotes}


# --------------------------------------------------------------------------
# The stored article, and copies of it
# --------------------------------------------------------------------------


def test_the_stored_article_is_the_datasets_text_with_every_quote_at_its_offsets(source_text, evidence, article_sha256):
    report = sid.check_article(SOURCE)
    assert report.identical and report.ok
    assert report.sha256 == hashlib.sha256(SOURCE.read_bytes()).hexdigest() == article_sha256
    assert {q.evidence_id for q in report.quotes} == {row["evidence_id"] for row in evidence}
    assert all(q.status == "same" and q.shift == 0 for q in report.quotes)
    assert "sha256 matches" in str(report) and f"all {len(evidence)} quotes at their offsets" in str(report)


def test_a_copy_that_differs_only_after_the_last_quote_has_every_quote_at_its_offsets(tmp_path, source_text, evidence):
    report = sid.check_article(write(tmp_path, source_text + "\n\nReposted with permission.\n"))
    assert not report.identical and report.ok
    assert all(q.status == "same" and q.new_start == q.char_start and q.new_end == q.char_end for q in report.quotes)
    assert str(report).endswith(f"of {len(evidence)} quotes {len(evidence)} at their offsets, 0 shift, 0 missing")


def test_straight_quotes_and_other_whitespace_shift_every_quote_to_where_it_went(tmp_path, source_text, evidence):
    spaces = ["  ", "\u00a0", "\n", " \t"]

    def change(i: int, char: str) -> tuple[str, str]:
        if char == " ":
            return "", spaces[i % len(spaces)]
        if char == "\n":
            return "", "\r\n"
        return "", TYPOGRAPHIC.get(char, char)

    copy, starts, ends = rewrite(source_text, change)
    assert copy != source_text and not any(char in copy for char in TYPOGRAPHIC)
    report = sid.check_article(write(tmp_path, copy))
    assert report.ok and not report.identical
    assert_each_quote_went_where_its_text_went(report, evidence, copy, starts, ends)
    counts = report.counts()
    assert counts["missing"] == 0 and counts["shifted"] + counts["ambiguous"] > 0
    assert f"{counts['shifted']} shift, 0 missing" in str(report)


def whole_words(text: str, at: int, quote: str) -> bool:
    """Whether ``quote`` at ``at`` in ``text`` is whole words: it neither begins nor ends inside a word."""
    end = at + len(quote)
    starts_inside = at > 0 and text[at - 1].isalnum() and quote[0].isalnum()
    ends_inside = end < len(text) and text[end].isalnum() and quote[-1].isalnum()
    return not starts_inside and not ends_inside


def sentences(text: str) -> list[tuple[int, int]]:
    """The spans of the article's sentences (a full stop, question or exclamation mark, then white space)."""
    starts = [0, *(m.end() for m in re.finditer(r"(?<=[.!?])\s+", text))]
    return [(a, b) for a, b in zip(starts, [*starts[1:], len(text)], strict=True) if text[a:b].strip()]


def edge_sentences(text: str, evidence: list[dict]) -> dict[str, tuple[int, int]]:
    """The sentences whose removal is an edge case: the first, the last, one without quotes, the one the most quotes run
    out of, and the one with the most quotes whose words occur elsewhere in the article too."""
    spans = sentences(text)

    def quotes(span: tuple[int, int]) -> list[dict]:
        return [row for row in evidence if row["char_start"] < span[1] and row["char_end"] > span[0]]

    def crossing(span: tuple[int, int]) -> int:
        return sum(row["char_start"] < span[0] or row["char_end"] > span[1] for row in quotes(span))

    def repeated(span: tuple[int, int]) -> int:
        return sum(text.count(row["quote"]) > 1 for row in quotes(span))

    edges = {"first": spans[0], "last": spans[-1], "most crossed": max(spans, key=crossing), "most repeated": max(spans, key=repeated)}
    unquoted = [span for span in spans if not quotes(span)]
    if unquoted:
        edges["unquoted"] = unquoted[0]
    return edges


def test_removing_an_edge_sentence_loses_its_quotes_and_moves_the_rest(tmp_path, source_text, evidence):
    for name, (start, end) in edge_sentences(source_text, evidence).items():
        assert_removing_the_sentence_loses_its_quotes_and_moves_the_rest(tmp_path / name, source_text, evidence, start, end)


@EDITS
@given(data=st.data())
def test_a_removed_sentence_loses_its_quotes_and_moves_the_rest(tmp_path_factory, source_text, evidence, data):
    start, end = data.draw(st.sampled_from(sentences(source_text)), label="sentence")
    assert_removing_the_sentence_loses_its_quotes_and_moves_the_rest(tmp_path_factory.mktemp("removed"), source_text, evidence, start, end)


def assert_removing_the_sentence_loses_its_quotes_and_moves_the_rest(
    folder: Path, source_text: str, evidence: list[dict], start: int, end: int
) -> None:
    copy, starts, ends = rewrite(source_text, lambda i, char: ("", "" if start <= i < end else char))
    folder.mkdir(exist_ok=True)
    report = sid.check_article(write(folder, copy))
    found = by_id(report)
    overlapping = [row for row in evidence if row["char_start"] < end and row["char_end"] > start]
    kept = sorted((row["char_start"], expected_span(row, starts, ends)[0]) for row in evidence if row not in overlapping)
    for row in evidence:
        q = found[row["evidence_id"]]
        if row in overlapping:
            # Its words, if they are still somewhere between the quotes around it, are all that can be found of it.
            low = max((new for old, new in kept if old <= row["char_start"]), default=0)
            high = min((new for old, new in kept if old >= row["char_start"]), default=len(copy))
            between = [at for at in range(low, high + 1) if copy.startswith(row["quote"], at) and whole_words(copy, at, row["quote"])]
            assert q.status == "missing" or q.new_start in between, row["evidence_id"]
            continue
        assert (q.new_start, q.new_end) == expected_span(row, starts, ends), row["evidence_id"]
        if row["char_end"] <= start:
            assert q.status == "same"
        else:
            assert q.status in ("shifted", "ambiguous") and q.shift == -(end - start)
    assert report.ok == all(found[row["evidence_id"]].status != "missing" for row in overlapping)
    assert not report.ok or all(fold(row["quote"]) in fold(copy) for row in overlapping)
    assert f"{report.counts()['missing']} missing" in str(report)


@pytest.fixture(scope="module")
def between_quotes(source_text, evidence) -> list[int]:
    """Every position of the article where an insertion splits no quote."""
    inside = [0] * (len(source_text) + 2)
    for row in evidence:
        inside[row["char_start"] + 1] += 1
        inside[row["char_end"]] -= 1
    depth, free = 0, []
    for position in range(len(source_text) + 1):
        depth += inside[position]
        if depth == 0:
            free.append(position)
    return free


# Inserted words stand apart from the words around them (a letter glued to a word makes another word).
INSERTED = st.text(st.sampled_from("abcXYZ019 ,.;:()\n\t\u00a0’“”"), min_size=1, max_size=12).map(lambda text: f" {text}\n")


def edge_insertions(text: str, evidence: list[dict], free: list[int]) -> dict[str, dict[int, str]]:
    """Insertions that are edge cases: at the start and the end, right before and right after a quote, between two quotes
    that touch, only white space and typographic marks, and 25 (the most drawn) spread over the article."""
    starts, ends = {row["char_start"] for row in evidence} & set(free), {row["char_end"] for row in evidence} & set(free)
    first = min(starts)
    edges = {
        "start and end": {0: " X\n", len(text): " Y\n"},
        "around the first quote": {first: " \u00a0\n\t\n", min(end for end in ends if end > first): " ’“”\n"},
        "the longest, at the ends": {min(free): " abcXYZ019 ,.;:()\n", max(free): " \u00a0’“”\t\n"},
        "spread": {free[k * (len(free) - 1) // 24]: f" {k}\n" for k in range(25)},
    }
    touching = sorted(starts & ends)
    if touching:
        edges["between touching quotes"] = {touching[0]: " ,\n", touching[-1]: " ;\n"}
    return edges


def test_edge_insertions_outside_the_quotes_move_every_quote_exactly_where_it_went(tmp_path, source_text, evidence, between_quotes):
    for name, insertions in edge_insertions(source_text, evidence, between_quotes).items():
        assert set(insertions) <= set(between_quotes), name
        assert_insertions_move_every_quote_exactly_where_it_went(tmp_path / name, source_text, evidence, dict(insertions))


@EDITS
@given(data=st.data())
def test_insertions_outside_the_quotes_move_every_quote_exactly_where_it_went(
    tmp_path_factory, source_text, evidence, between_quotes, data
):
    insertions = data.draw(st.dictionaries(st.sampled_from(between_quotes), INSERTED, min_size=1, max_size=25), label="insertions")
    assert_insertions_move_every_quote_exactly_where_it_went(tmp_path_factory.mktemp("inserted"), source_text, evidence, insertions)


def assert_insertions_move_every_quote_exactly_where_it_went(
    folder: Path, source_text: str, evidence: list[dict], insertions: dict[int, str]
) -> None:
    at_end = insertions.pop(len(source_text), "")
    copy, starts, ends = rewrite(source_text, lambda i, char: (insertions.get(i, ""), char))
    folder.mkdir(exist_ok=True)
    report = sid.check_article(write(folder, copy + at_end))
    assert report.ok, str(report)
    assert_each_quote_went_where_its_text_went(report, evidence, copy + at_end, starts, ends)


def test_a_quote_found_in_several_places_takes_the_one_its_neighbours_point_to(source_text, evidence):
    def places(quote: str) -> int:
        return sum(whole_words(source_text, m.start(), quote) for m in re.finditer(re.escape(quote), source_text))

    repeated = [row for row in evidence if places(row["quote"]) > 1]
    if not repeated:
        pytest.skip("no quote of this release occurs twice in the article")
    pad = "Inserted paragraph. " * 20
    copy = pad + source_text
    quotes = {q.evidence_id: q for q in find_quotes(copy, evidence)}
    for row in repeated:
        q = quotes[row["evidence_id"]]
        assert q.status == "ambiguous" and q.matches > 1
        assert (q.new_start, q.new_end) == (row["char_start"] + len(pad), row["char_end"] + len(pad))
    assert "found in several places" in f"{sid.ArticleCheck('x', 'c', 'a', 'b', tuple(quotes.values()))}"


# --------------------------------------------------------------------------
# Without the article: made-up texts
# --------------------------------------------------------------------------


def evidence_of(text: str, quotes: dict[str, tuple[str, int]]) -> list[dict]:
    """Evidence rows for ``{evidence_id: (quote, occurrence)}`` in ``text``."""
    rows = []
    for evidence_id, (quote, occurrence) in quotes.items():
        start = [m.start() for m in re.finditer(re.escape(quote), text)][occurrence]
        rows.append({"evidence_id": evidence_id, "record_id": "evt-1", "char_start": start, "char_end": start + len(quote), "quote": quote})
    return rows


@given(inserted=st.integers(1, 500))
def test_a_repeated_quote_stays_between_the_quotes_around_it_however_far_an_insertion_moves_it(inserted):
    text = "Mehran borders Iran. In Qum he met them. Najaf lies south. In Qum he met them."
    rows = evidence_of(text, {"evd-a": ("Mehran borders Iran.", 0), "evd-b": ("Najaf lies south.", 0), "evd-c": ("In Qum he met them.", 1)})
    at = text.index("In Qum", text.index("Najaf"))
    copy = text[:at] + "x" * inserted + " " + text[at:]
    quotes = {q.evidence_id: q for q in find_quotes(copy, rows)}
    assert quotes["evd-b"].status == "same"
    assert (quotes["evd-c"].status, quotes["evd-c"].matches, quotes["evd-c"].shift) == ("ambiguous", 2, inserted + 1)


WORDS = st.lists(
    st.sampled_from(["Qum", "Najaf", "al-Sadr’s", "“militia”", "Tehran", "the", "army", "–", "Mehran"]), min_size=8, max_size=40
)


def text_with_quotes(words: list[str], quoted: list[tuple[int, int]]) -> tuple[str, list[dict]]:
    """The text of ``words``, and for each ``(first, last)`` the quote of those words, as an evidence row."""
    text = " ".join(words)
    bounds = [0, *(m.end() for m in re.finditer(" ", text))]
    rows = []
    for n, (first, last) in enumerate(quoted):
        start, end = bounds[first], bounds[last] + len(words[last])
        rows.append({"evidence_id": f"evd-{n}", "record_id": f"evt-{n}", "char_start": start, "char_end": end, "quote": text[start:end]})
    return text, rows


@st.composite
def texts_with_quotes(draw):
    """A made-up text of words and some quotes of it (whole words), as evidence rows."""
    words = draw(WORDS)
    quoted = []
    for _ in range(draw(st.integers(1, 6))):
        first = draw(st.integers(0, len(words) - 1))
        quoted.append((first, draw(st.integers(first, min(len(words) - 1, first + 4)))))
    return text_with_quotes(words, quoted)


# The edges: one word repeated (every quote ambiguous), quotes of one word, of the first and of the last; typographic
# marks and a dash as words; quotes that overlap; the most words and quotes, the longest quotes; each kind of space.
@example(case=text_with_quotes(["Qum"] * 8, [(0, 0), (3, 4), (7, 7)]), spaces=[" \u200b"])
@example(
    case=text_with_quotes(["al-Sadr’s", "“militia”", "–", "Tehran", "the", "army", "Najaf", "Mehran"], [(0, 1), (2, 2), (5, 7), (1, 3)]),
    spaces=["\r\n", " "],
)
@example(case=text_with_quotes(["the", "army"] * 4, [(0, 1), (1, 2), (6, 7)]), spaces=["\n", "\u00a0", "  "])
@example(
    case=text_with_quotes(["Tehran", "Najaf", "Mehran", "Qum", "army"] * 8, [(0, 4), (35, 39), (10, 14), (12, 12), (39, 39), (20, 24)]),
    spaces=[" ", "  ", "\n", "\u00a0", "\r\n", " \u200b"],
)
@settings(max_examples=80, deadline=None)
@given(case=texts_with_quotes(), spaces=st.lists(st.sampled_from([" ", "  ", "\n", "\u00a0", "\r\n", " \u200b"]), min_size=1))
def test_every_quote_is_found_at_a_place_that_holds_it_once_folded(case, spaces):
    text, rows = case
    copy, starts, ends = rewrite(text, lambda i, char: ("", spaces[i % len(spaces)] if char == " " else TYPOGRAPHIC.get(char, char)))
    for row, q in zip(rows, find_quotes(copy, rows), strict=True):
        assert q.status != "missing"
        assert fold(copy[q.new_start : q.new_end]) == fold(row["quote"])
        assert q.matches == len(re.findall(f"(?={re.escape(fold(row['quote']))})", fold(text)))
        if q.matches == 1:
            assert (q.new_start, q.new_end) == expected_span(row, starts, ends)
            assert q.status == ("same" if q.shift == 0 and q.new_end == row["char_end"] else "shifted")


@settings(deadline=None)  # a loaded machine can take longer than hypothesis's 200 ms over one example
@given(text=st.text(st.characters(exclude_categories=("Cs", "Mn", "Mc", "Me")), max_size=40), where=st.data())
def test_fold_ignores_whitespace_and_straightens_typography(text, where):
    position = where.draw(st.integers(0, len(text)))
    spaced = text[:position] + where.draw(st.sampled_from([" ", "\n\n", "\u00a0", "\t", "\u2009"])) + text[position:]
    assert fold(spaced) == fold(text)
    straight = "".join(TYPOGRAPHIC.get(char, char) for char in text)
    assert fold(straight) == fold(text)
    assert not any(char.isspace() for char in fold(text))


def test_fold_makes_every_dash_a_hyphen_and_a_decomposed_accent_composed():
    assert fold("Sadr—Tehran") == fold("Sadr – Tehran") == fold("Sadr‑Tehran") == "Sadr-Tehran"
    assert fold("Da\u0301wa") == fold("Dáwa")


# --------------------------------------------------------------------------
# The report
# --------------------------------------------------------------------------


def test_the_frame_has_one_typed_row_per_quote(tmp_path, evidence):
    report = sid.check_article(write(tmp_path, "1, 2, 3."))
    frame = report.to_frame()
    assert list(frame.columns) == list(FRAME_COLUMNS)
    assert len(frame) == len(evidence) and set(frame["evidence_id"]) == {row["evidence_id"] for row in evidence}
    assert list(frame["status"].cat.categories) == list(STATUSES)
    assert (frame["status"] == "missing").all() and frame[["new_start", "new_end", "shift"]].isna().all().all()
    assert str(frame["char_start"].dtype) == "Int64"
    assert not report.ok and str(report).endswith(f"{len(evidence)} missing")


@needs_repository
def test_the_repr_is_one_short_line_of_counts(tmp_path, source_text, evidence):
    copies = [SOURCE, write(tmp_path, "1, 2, 3.", "empty.txt"), write(tmp_path, source_text.replace("’", "'"), "straight.txt")]
    for copy in copies:
        report = sid.check_article(copy)
        n = report.counts()
        expected = (
            f"ArticleCheck(path={str(copy)!r}, ok={report.ok}, identical={report.identical}, quotes={len(evidence)}, "
            f"same={n['same']}, shifted={n['shifted']}, ambiguous={n['ambiguous']}, missing={n['missing']})"
        )
        assert repr(report) == expected
        assert "\n" not in repr(report) and len(repr(report)) < 200 + len(str(copy))
    assert "ok=False" in repr(sid.check_article(copies[1])) and "identical=True" in repr(sid.check_article(SOURCE))


@pytest.mark.parametrize(("shifted", "verb"), [(1, "1 shifts"), (2, "2 shift"), (0, "0 shift")])
def test_the_summary_counts_in_the_right_number(shifted, verb):
    from sadr_iran_data.dataset.article import ArticleCheck, QuoteCheck

    def quote(i: int, status: str) -> QuoteCheck:
        return QuoteCheck(f"evd-{i}", "evt-1", status, i, i + 1, None if status == "missing" else i + 1, None, 1)  # type: ignore[arg-type]

    one = ArticleCheck("a.txt", "cit-1", "x", "y", (quote(0, "same"),))
    assert str(one) == "a.txt: not the dataset's text; of 1 quote 1 at their offsets, 0 shift, 0 missing"
    many = ArticleCheck("a.txt", "cit-1", "x", "y", (*(quote(i, "shifted") for i in range(shifted)), quote(9, "missing")))
    quotes = "1 quote" if shifted == 0 else f"{shifted + 1} quotes"
    assert str(many) == f"a.txt: not the dataset's text; of {quotes} 0 at their offsets, {verb}, 1 missing"


def test_the_frame_agrees_with_the_quotes(tmp_path, source_text):
    report = sid.check_article(write(tmp_path, "Preface.\n" + source_text))
    frame = report.to_frame()
    for row, q in zip(frame.itertuples(), report.quotes, strict=True):
        assert (row.evidence_id, row.status, row.new_start, row.shift) == (q.evidence_id, q.status, q.new_start, q.shift)
    assert (frame["shift"] == len("Preface.\n")).all()
    assert report.counts()["shifted"] + report.counts()["ambiguous"] == len(frame)


def not_utf8(folder: Path) -> Path:
    path = folder / "cp1252.txt"
    path.write_bytes("Qum – Najaf".encode("cp1252"))
    return path


BAD_PATHS = {
    "missing": (lambda folder: folder / "absent.txt", "no such file"),
    "folder": (lambda folder: folder, "is a folder"),
    "not UTF-8": (not_utf8, "is not UTF-8 text (byte 0x96 at offset 4)"),
}


@pytest.mark.parametrize("case", BAD_PATHS)
def test_a_bad_path_is_one_clear_input_error(tmp_path, case):
    make, message = BAD_PATHS[case]
    path = make(tmp_path)
    with pytest.raises(sid.InputError, match=re.escape(message)) as info:
        sid.check_article(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_an_unknown_document_is_refused(tmp_path):
    with pytest.raises(sid.InputError, match="not a document with a stored text"):
        sid.check_article(write(tmp_path, "text"), citation="cit-nothing")


# --------------------------------------------------------------------------
# Each quote's sentence, from the user's own copy
# --------------------------------------------------------------------------


@needs_repository
def test_load_evidence_with_the_article_adds_each_quotes_sentence_from_that_copy(tmp_path):
    from sadr_iran_data._text import split_sentences

    text = SOURCE.read_text(encoding="utf-8")
    frame = sid.load_evidence(article=SOURCE)
    assert len(frame) == len(sid.load_evidence())
    sentences = split_sentences(text)
    for row in frame.itertuples():
        assert text[row.sentence_start : row.sentence_end] == row.sentence
        assert row.sentence_start <= row.char_start and row.char_end <= row.sentence_end
        assert (row.sentence_start, row.sentence_end) != (row.char_start, row.char_end) or (row.char_start, row.char_end) in sentences
    # a copy with other line breaks and straight quotes: the sentences come from it, at its own offsets
    copy = tmp_path / "copy.txt"
    copy.write_text(text.replace("’", "'").replace("\n\n", "\n"), encoding="utf-8")
    moved = sid.load_evidence(article=copy)
    mine = copy.read_text(encoding="utf-8")
    assert all(mine[r.sentence_start : r.sentence_end] == r.sentence for r in moved.itertuples())
    assert "'" in "".join(moved["sentence"]) and "’" not in "".join(moved["sentence"])


def test_load_evidence_refuses_a_copy_that_is_not_the_article(tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Some other article about something else.", encoding="utf-8")
    with pytest.raises(sid.InputError, match="is not the article"):
        sid.load_evidence(article=other)
    with pytest.raises(sid.InputError, match="no such file"):
        sid.load_evidence(article=tmp_path / "missing.txt")
