"""Check your own copy of the article against the evidence, and find every quote in it.

The article's text is The Jamestown Foundation's and is not shipped, so the
evidence offsets (``char_start``, ``char_end``) count code points of a text
you bring yourself. :func:`check_article` tells whether your copy is the very
text they count in (its sha256 is the article's ``text_sha256`` in the
``citations`` table) and otherwise finds each quote in it, whatever its
whitespace and whether its quotation marks, apostrophes and dashes are
typographic or straight, and gives each quote's offsets in your copy.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from sadr_iran_data.dataset.article import check_article
>>> with tempfile.TemporaryDirectory() as tmp:
...     copy = Path(tmp) / "article.txt"
...     _ = copy.write_text("0123456789", encoding="utf-8")
...     report = check_article(copy)
>>> report.ok, report.counts()["missing"] == len(report.quotes)
(False, True)
"""

from __future__ import annotations

import bisect
import hashlib
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .._text import counted
from ..errors import InputError, SadrIranDataError

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

#: Where a quote was found: at its offsets, elsewhere, in several places (the nearest one taken), or nowhere.
Status = Literal["same", "shifted", "ambiguous", "missing"]
STATUSES: tuple[Status, ...] = ("same", "shifted", "ambiguous", "missing")
#: The columns of :meth:`ArticleCheck.to_frame`.
FRAME_COLUMNS = ("evidence_id", "record_id", "status", "char_start", "char_end", "new_start", "new_end", "shift", "matches")

_STRAIGHT = {ord(char): straight for chars, straight in (("‘’‚‛′ʼ`´", "'"), ("“”„‟″«»", '"'), ("‐‑‒–—―−", "-")) for char in chars}


def fold(text: str) -> str:
    r"""``text`` as quotes are compared: NFKC, quotation marks, apostrophes and dashes straight, no whitespace.

    Every white-space and invisible formatting character (line breaks,
    non-breaking and thin spaces, soft hyphens, zero-width spaces, a byte
    order mark) is dropped; every dash (‐ ‑ ‒ – — ― −) is a hyphen.

    Examples
    --------
    >>> fold("Moqtada al-Sadr’s “new”\u00a0alliance — with\nTehran")
    'Moqtadaal-Sadr\'s"new"alliance-withTehran'
    """
    if text.isascii():  # no mark to straighten but the backtick, nothing to normalize, no formatting character
        return "".join(text.translate(_STRAIGHT).split())
    return "".join(char for char, _start, _end in _folded(text))


def _fold_cluster(cluster: str) -> str:
    """One character and its combining accents, folded."""
    # straightened before NFKC, which splits some (″ into two primes), and after it, which makes some (‑ into ‐)
    normalized = unicodedata.normalize("NFKC", cluster.translate(_STRAIGHT)).translate(_STRAIGHT)
    return "".join(char for char in normalized if not char.isspace() and unicodedata.category(char) != "Cf")


#: Where the combining accents start: no character below is one.
_COMBINING = "\u0300"
#: The fold of every character below the combining accents, looked up instead of normalized one by one.
_BELOW_COMBINING = [_fold_cluster(chr(code)) for code in range(ord(_COMBINING))]


def _folded(text: str) -> list[tuple[str, int, int]]:
    """Each character of ``fold(text)`` with the span of ``text`` it comes from."""
    out: list[tuple[str, int, int]] = []
    i, length = 0, len(text)
    while i < length:
        end = i + 1
        if text[i] < _COMBINING and (end == length or text[end] < _COMBINING):
            folded = _BELOW_COMBINING[ord(text[i])]
        else:
            while end < length and unicodedata.combining(text[end]):  # a letter and its accents are one character
                end += 1
            folded = _fold_cluster(text[i:end])
        for char in folded:
            out.append((char, i, end))
        i = end
    return out


@dataclass(frozen=True)
class QuoteCheck:
    """Where one evidence quote is in the checked text.

    ``new_start`` and ``new_end`` are its offsets in that text (None when
    ``missing``); ``matches`` is how many places it was found in.
    """

    evidence_id: str
    record_id: str
    status: Status
    char_start: int
    char_end: int
    new_start: int | None
    new_end: int | None
    matches: int

    @property
    def shift(self) -> int | None:
        """How far the quote moved: ``new_start - char_start`` (None when missing)."""
        return None if self.new_start is None else self.new_start - self.char_start


@dataclass(frozen=True, repr=False)
class ArticleCheck:
    """What :func:`check_article` found: ``ok`` is True when every quote was found.

    Its ``repr`` is one line with the counts (``quotes`` holds each quote's
    :class:`QuoteCheck`; ``to_frame()`` shows them all).
    """

    path: str
    citation_id: str
    sha256: str
    """The sha256 of the checked file."""
    expected_sha256: str
    """The sha256 of the text the dataset's offsets count in (``text_sha256`` in ``citations``)."""
    quotes: tuple[QuoteCheck, ...]

    @property
    def identical(self) -> bool:
        """Whether the file is byte for byte the text the offsets count in."""
        return self.sha256 == self.expected_sha256

    @property
    def ok(self) -> bool:
        """Whether every quote was found (at its offsets, shifted or in several places)."""
        return all(q.status != "missing" for q in self.quotes)

    def counts(self) -> dict[str, int]:
        """How many quotes have each status."""
        return {status: sum(q.status == status for q in self.quotes) for status in STATUSES}

    def to_frame(self) -> pd.DataFrame:
        """One row per evidence quote: ``evidence_id``, ``record_id``, ``status``, its offsets and where it is now.

        ``new_start``/``new_end`` are the quote's offsets in the checked text and
        ``shift`` is ``new_start - char_start``; all three are missing (NA) for
        a missing quote.
        """
        import pandas as pd

        rows = [[getattr(q, c) for c in FRAME_COLUMNS] for q in self.quotes]
        frame = pd.DataFrame(rows, columns=list(FRAME_COLUMNS))
        frame = frame.astype({"evidence_id": "string", "record_id": "string", "status": pd.CategoricalDtype(list(STATUSES))})
        return frame.astype({c: "Int64" for c in FRAME_COLUMNS[3:]})

    def __repr__(self) -> str:
        counts = ", ".join(f"{status}={number}" for status, number in self.counts().items())
        return f"ArticleCheck(path={self.path!r}, ok={self.ok}, identical={self.identical}, quotes={len(self.quotes)}, {counts})"

    def __str__(self) -> str:
        n, quotes = self.counts(), counted(len(self.quotes), "quote")
        if self.identical:
            return f"{self.path}: the dataset's text of the article (sha256 matches): all {quotes} at their offsets"
        summary = f"{self.path}: not the dataset's text; of {quotes} {n['same']} at their offsets, "
        summary += f"{n['shifted']} {'shifts' if n['shifted'] == 1 else 'shift'}, {n['missing']} missing"
        if n["ambiguous"]:
            summary += f", {n['ambiguous']} found in several places (the nearest taken)"
        return summary


def _table(name: str) -> Any:
    """A shipped table as Arrow, integrity-checked."""
    from ._read import _load
    from .integrity import read_manifest

    return _load(name, "arrow", read_manifest())


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"cannot read {path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"cannot read {path}: it is a folder, not a text file") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def _decode(path: Path, data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}): save it as UTF-8") from None


def _document(citations: list[dict[str, Any]], citation: str | None) -> dict[str, Any]:
    """The citation whose text the evidence offsets count in: ``citation``, or the only one with a ``text_sha256``."""
    documents = {row["citation_id"]: row for row in citations if row["text_sha256"]}
    if citation is None:
        if len(documents) != 1:
            raise SadrIranDataError(f"name the document to check against with citation=, one of: {', '.join(sorted(documents))}")
        return next(iter(documents.values()))
    if citation not in documents:
        raise InputError(f"{citation!r} is not a document with a stored text; the documents are: {', '.join(sorted(documents))}")
    return documents[citation]


def _occurrences(haystack: str, needle: str) -> list[int]:
    """Every index where ``needle`` starts in ``haystack``, overlapping ones too."""
    found: list[int] = []
    at = haystack.find(needle) if needle else -1
    while at >= 0:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def find_quotes(text: str, evidence: list[dict[str, Any]]) -> list[QuoteCheck]:
    """Find each evidence row's quote in ``text``, compared as :func:`fold` compares them.

    A quote is found only as whole words: every quote of the dataset begins
    and ends at a word's edge, so "he" is not found in "the". Many quotes
    are a few words that occur more than once ("U.S.", "Tehran"), so a quote
    is placed as the quotes around it moved. The quotes whose words occur
    once in ``text`` and in the order of the dataset's offsets (the longest
    such sequence) are the anchors; every other quote is looked for between
    the anchors before and after it, and of several places there, the one
    nearest to where the nearest anchor's move puts it is taken.

    A quote is then ``same`` (at its own offsets), ``shifted`` (moved; its
    words occur once in ``text``), ``ambiguous`` (moved; its words occur in
    several places, and the one between its neighbours was taken) or
    ``missing`` (its words are not between the quotes around it, though they
    may occur elsewhere: ``matches`` counts every place).

    Parameters
    ----------
    text
        The text to search.
    evidence
        Rows of the ``evidence`` table, as dicts.

    Examples
    --------
    >>> row = {"evidence_id": "evd-1", "record_id": "act-1", "char_start": 0, "char_end": 7, "quote": "al-Sadr"}
    >>> find_quotes("Moqtada al‑Sadr", [row])[0].new_start
    8
    >>> find_quotes("the other", [{**row, "quote": "he"}])[0].status
    'missing'
    """
    chars = _folded(text)
    folded = "".join(char for char, _start, _end in chars)
    spans: list[list[tuple[int, int]]] = []
    places: dict[str, list[tuple[int, int]]] = {}  # many rows quote the same words: each quote is looked for once
    for row in evidence:
        quote = row["quote"]
        if quote not in places:
            needle = fold(quote)
            found = ((chars[at][1], chars[at + len(needle) - 1][2]) for at in _occurrences(folded, needle))
            places[quote] = [span for span in found if _whole_words(text, *span)]
        spans.append(places[quote])
    placed = _align([row["char_start"] for row in evidence], spans)
    out = []
    for i, row in enumerate(evidence):
        span = placed.get(i)
        if span is None:
            status: Status = "missing"
        elif span == (row["char_start"], row["char_end"]):
            status = "same"
        else:
            status = "shifted" if len(spans[i]) == 1 else "ambiguous"
        out.append(_check(row, status, span, len(spans[i])))
    return out


def _whole_words(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` cuts no word: no letter or digit on both sides of either edge."""
    cut_before = start > 0 and text[start - 1].isalnum() and text[start].isalnum()
    cut_after = end < len(text) and text[end].isalnum() and text[end - 1].isalnum()
    return not (cut_before or cut_after)


def _align(starts: list[int], spans: list[list[tuple[int, int]]]) -> dict[int, tuple[int, int]]:
    """For each quote (by index), the one of its ``spans`` that keeps it in order with the quotes around it.

    ``starts`` are the quotes' own offsets. The quotes found in one place
    whose new starts keep the order of their own (the longest such sequence)
    are anchors. Between two anchors, the other quotes take the places, each
    between the anchors and after the one before it, that place the most
    quotes (rows quoting the same words count once), and of those the places
    nearest to where the anchors' moves put them. Quotes that share a start
    share their new start.
    """
    unique = sorted((starts[i], spans[i][0][0]) for i in range(len(starts)) if len(spans[i]) == 1)
    anchors = [unique[k] for k in _longest_increasing([new for _old, new in unique])]
    fixed = dict(anchors)
    by_start: dict[int, list[int]] = {}
    for i, start in enumerate(starts):
        by_start.setdefault(start, []).append(i)
    # Each start's candidate new starts, with (quotes placed, -distance from the anchors' moves).
    units: list[tuple[int, dict[int, tuple[int, int]]]] = []
    for start in sorted(by_start):
        at = bisect.bisect_left(anchors, (start, -1))
        low = anchors[at - 1] if at > 0 else (-1, -1)
        high = anchors[at] if at < len(anchors) and anchors[at][0] > start else None
        weights: dict[int, tuple[int, int]] = {}
        distinct = {tuple(spans[i]): i for i in by_start[start]}  # rows that quote the same words count once
        for i in distinct.values():
            for new, _end in spans[i]:
                if start in fixed and new != fixed[start]:
                    continue
                if start not in fixed and not (low[1] < new and (high is None or new < high[1])):
                    continue
                moved = [start + low[1] - low[0]] if low[0] >= 0 else []
                moved += [start + high[1] - high[0]] if high is not None else []
                distance = min((abs(new - m) for m in moved), default=abs(new - start))
                count, _ = weights.get(new, (0, 0))
                weights[new] = (count + 1, -distance)
        if weights:
            units.append((start, weights))
    chosen = _heaviest_chain(units)
    placed: dict[int, tuple[int, int]] = {}
    for start, new in chosen.items():
        for i in by_start[start]:
            span = next((span for span in spans[i] if span[0] == new), None)
            if span is not None:
                placed[i] = span
    return placed


def _heaviest_chain(units: list[tuple[int, dict[int, tuple[int, int]]]]) -> dict[int, int]:
    """Of each unit (its start, and its candidate new starts with their weights), at most one candidate, rising with the units.

    The chain maximises the summed weights, compared as tuples (quotes
    placed, then minus the summed distance). A Fenwick tree over the new
    starts keeps the best chain ending below each one.
    """
    positions = sorted({new for _start, weights in units for new in weights})
    rank = {new: k + 1 for k, new in enumerate(positions)}
    size = len(positions)
    tree: list[tuple[int, int, int]] = [(0, 0, -1)] * (size + 1)  # (placed, -distance, node) best over a range
    nodes: list[tuple[int, int, int]] = []  # (start, new, previous node)

    def best_below(k: int) -> tuple[int, int, int]:
        found = (0, 0, -1)
        while k > 0:
            found = max(found, tree[k])
            k -= k & -k
        return found

    for start, weights in units:
        scored: list[tuple[int, tuple[int, int, int], tuple[int, int, int]]] = []
        for new, (count, distance) in weights.items():
            placed, total, previous = best_below(rank[new] - 1)
            scored.append((rank[new], (placed + count, total + distance, len(nodes) + len(scored)), (start, new, previous)))
        for position, value, node in scored:
            nodes.append(node)
            k = position
            while k <= size:
                tree[k] = max(tree[k], value)
                k += k & -k
    chosen: dict[int, int] = {}
    at = best_below(size)[2]
    while at >= 0:
        start, new, at = nodes[at]
        chosen[start] = new
    return chosen


def _longest_increasing(values: list[int]) -> list[int]:
    """The indices of a longest non-decreasing subsequence of ``values`` (patience sorting).

    Examples
    --------
    >>> _longest_increasing([3, 1, 2, 9, 4, 5])
    [1, 2, 4, 5]
    """
    tails: list[int] = []  # tails[k]: index ending the best subsequence of length k + 1
    ends: list[int] = []  # its value
    previous: list[int | None] = []
    for i, value in enumerate(values):
        k = bisect.bisect_right(ends, value)
        previous.append(tails[k - 1] if k else None)
        if k == len(tails):
            tails.append(i)
            ends.append(value)
        else:
            tails[k], ends[k] = i, value
    out: list[int] = []
    at = tails[-1] if tails else None
    while at is not None:
        out.append(at)
        at = previous[at]
    return out[::-1]


def _check(row: dict[str, Any], status: Status, span: tuple[int, int] | None, matches: int) -> QuoteCheck:
    new_start, new_end = span if span is not None else (None, None)
    return QuoteCheck(row["evidence_id"], row["record_id"], status, row["char_start"], row["char_end"], new_start, new_end, matches)


def check_article(path: str | Path, *, citation: str | None = None) -> ArticleCheck:
    """Check a copy of the article against the evidence: whether every quote is in it, and where.

    The file is read as bytes. If its sha256 is the article's ``text_sha256``,
    it is the very text the evidence offsets count in, and every quote is at
    its offsets. Otherwise it is decoded as UTF-8 and each quote is looked
    for, ignoring whitespace (spaces, line breaks, non-breaking spaces) and
    the difference between typographic and straight quotation marks,
    apostrophes and dashes (see :func:`fold`). The offsets found count code
    points of the file's text exactly as decoded, line ends included: read it
    with ``open(path, encoding="utf-8", newline="")`` to slice it with them.

    Parameters
    ----------
    path
        A UTF-8 text file of the article.
    citation
        The document to check against (a ``citation_id`` with a ``text_sha256``);
        by default the only one, the article.

    Returns
    -------
    ArticleCheck
        ``ok``, a one-line summary as ``str(report)``, every quote's result
        in ``quotes`` and as a DataFrame from ``to_frame()``.

    Raises
    ------
    InputError
        If the file is missing, unreadable or not UTF-8.

    Examples
    --------
    >>> import tempfile
    >>> import sadr_iran_data as sid
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     copy = Path(tmp) / "article.txt"
    ...     _ = copy.write_text("", encoding="utf-8")
    ...     report = sid.check_article(copy)
    >>> report.ok
    False
    >>> str(report).endswith(f"{len(sid.load_evidence())} missing")
    True
    """
    path = Path(path)
    data = _read(path)
    document = _document(_table("citations").to_pylist(), citation)
    evidence = [row for row in _table("evidence").to_pylist() if row["citation_id"] == document["citation_id"]]
    sha256 = hashlib.sha256(data).hexdigest()
    quotes = find_quotes(_decode(path, data), evidence)
    if sha256 == document["text_sha256"]:  # the text the offsets were checked in: every quote is at them
        quotes = [_check(row, "same", (row["char_start"], row["char_end"]), q.matches) for row, q in zip(evidence, quotes, strict=True)]
    return ArticleCheck(str(path), document["citation_id"], sha256, document["text_sha256"], tuple(quotes))


def find_cues(
    text: str, quotes: Iterable[QuoteCheck], evidence: Iterable[Mapping[str, Any]], cues: Iterable[Mapping[str, Any]]
) -> dict[str, tuple[int, int] | None]:
    r"""Where each cue is in ``text``, a copy of the article in which the evidence ``quotes`` were found.

    A cue lies inside quotes of its document: it is taken at the same place
    within the shortest quote that holds it, in that quote's span of
    ``text``, counting characters as :func:`fold` compares them (so a cue
    keeps its place whatever the copy's whitespace and quotation marks). A
    cue that no found quote holds is looked for in the whole text as
    :func:`find_quotes` looks for a quote, with the evidence quotes as its
    neighbours.

    Parameters
    ----------
    text
        The copy's text, as decoded.
    quotes
        Where each evidence quote was found in ``text`` (``ArticleCheck.quotes``).
    evidence
        Rows of the ``evidence`` table of the same document, as mappings.
    cues
        Rows of the ``cues`` table of the same document, as mappings.

    Returns
    -------
    dict
        ``cue_id`` -> (start, end) in ``text``, or None where the cue is not in it.

    Examples
    --------
    >>> row = {"evidence_id": "evd-1", "record_id": "evt-1", "char_start": 0, "char_end": 22, "quote": "In April 2004, al‑Sadr"}
    >>> cue = {"cue_id": "cue-1", "record_id": "evt-1", "char_start": 15, "char_end": 22, "text": "al‑Sadr"}
    >>> copy = "Then: In  April 2004,\nal-Sadr"
    >>> found = find_cues(copy, find_quotes(copy, [row]), [row], [cue])
    >>> copy[slice(*found["cue-1"])]
    'al-Sadr'
    """
    rows = {row["evidence_id"]: row for row in evidence}
    # (old start, old end, evidence id, new span) of each quote found, the shortest first
    holders: list[tuple[int, int, str, tuple[int, int]]] = sorted(
        (q.char_start, q.char_end, q.evidence_id, (q.new_start, q.new_end))
        for q in quotes
        if q.evidence_id in rows and q.new_start is not None and q.new_end is not None
    )
    holders.sort(key=lambda h: h[1] - h[0])
    found: dict[str, tuple[int, int] | None] = {}
    elsewhere: list[dict[str, Any]] = []
    for cue in cues:
        inside = (h for h in holders if h[0] <= cue["char_start"] and cue["char_end"] <= h[1])
        span = next((s for s in (_within(text, where, rows[evidence_id], cue) for *_, evidence_id, where in inside) if s), None)
        found[cue["cue_id"]] = span
        if span is None:
            elsewhere.append({**cue, "evidence_id": cue["cue_id"], "quote": cue["text"]})
    if elsewhere:
        checks = find_quotes(text, [*map(dict, rows.values()), *elsewhere])
        for check in checks[len(rows) :]:
            if check.new_start is not None and check.new_end is not None:
                found[check.evidence_id] = (check.new_start, check.new_end)
    return found


def _within(text: str, span: tuple[int, int], quote: Mapping[str, Any], cue: Mapping[str, Any]) -> tuple[int, int] | None:
    """The span of ``text`` that holds ``cue`` at its place in the evidence row ``quote``, found at ``span`` of ``text``; or None."""
    chars = _folded(text[span[0] : span[1]])
    at = len(fold(quote["quote"][: cue["char_start"] - quote["char_start"]]))
    needle = fold(cue["text"])
    if not needle or "".join(char for char, _start, _end in chars[at : at + len(needle)]) != needle:
        return None
    return span[0] + chars[at][1], span[0] + chars[at + len(needle) - 1][2]


def read_article(path: str | Path, *, citation: str | None = None) -> tuple[ArticleCheck, str]:
    """Check the copy of the article at ``path`` and read it: the check and the text, as decoded.

    A copy in which some evidence quote is missing is not the article, and is refused.

    Raises
    ------
    InputError
        If the file cannot be read, or some quote is not in it.
    """
    report = check_article(path, citation=citation)
    if not report.ok:
        missing = report.counts()["missing"]
        total = len(report.quotes)
        verb = "is" if missing == 1 else "are"
        raise InputError(f"{path} is not the article: {missing} of {total} quotes {verb} not in it (sid.check_article(path) lists them)")
    return report, _decode(Path(path), _read(Path(path)))


def with_sentences(path: str | Path) -> list[dict[str, Any]]:
    """Every evidence row of the article, with its quote's sentence from the copy at ``path``.

    The copy is checked first (:func:`read_article`): a copy in which a quote
    is missing is not the article, and is refused. Each quote's sentence
    (from its first to its last, for a quote across two) is taken at the
    quote's offsets in the copy, which are its own offsets when the copy is
    the very text they count in.

    Raises
    ------
    InputError
        If the file cannot be read, or some quote is not in it.
    """
    from .._text import split_sentences

    report, text = read_article(path)
    sentences = split_sentences(text)
    starts = [s for s, _ in sentences]
    found = {q.evidence_id: q for q in report.quotes}
    rows = []
    for row in _table("evidence").to_pylist():
        quote = found.get(row["evidence_id"])
        if quote is None or quote.new_start is None or quote.new_end is None:
            continue  # another document's quote
        first = max(bisect.bisect_right(starts, quote.new_start) - 1, 0)
        last = max(bisect.bisect_right(starts, max(quote.new_end - 1, quote.new_start)) - 1, first)
        start, end = sentences[first][0], max(sentences[last][1], quote.new_end)
        rows.append({**row, "sentence": text[start:end], "sentence_start": start, "sentence_end": end})
    return rows


def with_old_quotes(evidence: pa.Table, path: str | Path) -> pa.Table:
    """An earlier release's evidence (its ``quote`` null, as the package ships it) with each quote taken from the copy at ``path``.

    The copy is checked first (:func:`read_article`); the archived offsets count
    in the article as stored, so every current quote must be at its own offsets
    in the copy, or the old quotes cannot be placed.

    Raises
    ------
    InputError
        If the file cannot be read, is not the article, or its text is not laid out as the stored article's.
    """
    import pyarrow as pa

    report, text = read_article(path)
    moved = [q for q in report.quotes if q.new_start is not None and q.new_start != q.char_start]
    if moved:
        raise InputError(
            f"{path}: {len(moved)} quote{'s' if len(moved) != 1 else ''} of the article sit at other offsets in your copy "
            "than in the stored text, so an earlier release's quotes cannot be taken from it by their offsets"
        )
    quotes = [
        text[start:end] if quote is None and end <= len(text) else quote
        for quote, start, end in zip(
            evidence.column("quote").to_pylist(),
            evidence.column("char_start").to_pylist(),
            evidence.column("char_end").to_pylist(),
            strict=True,
        )
    ]
    index = evidence.schema.get_field_index("quote")
    return evidence.set_column(index, evidence.schema.field(index), pa.array(quotes, type=evidence.schema.field(index).type))
