"""The reader: your own copy of the article as one HTML page, every quote and cue highlighted beside the rows it grounds.

The package does not ship the article's text, so the page is made from a copy
you bring (:func:`reader`), checked first as :func:`~sadr_iran_data.check_article`
checks it and refused if it is not the article. The page shows the copy's
text on the left, with every evidence quote highlighted (darker where quotes
overlap) and every cue underlined; on the right, one card per row (events,
relations, actors, places, footnotes) with each coded value beside the words
of the article that justify it. Clicking a highlight lists the rows it
grounds; pointing at a card lights up its words in the text.

The page is self-contained: its style and script are inline, it uses the
reader's own fonts and it loads nothing (its Content-Security-Policy forbids
any fetch). Every text is escaped. The quotes sit at the offsets the check
found for them in the copy; each cue at its place inside its row's quotes
(:func:`~sadr_iran_data.dataset.article.find_cues`).

Examples
--------
>>> from sadr_iran_data.dataset.article import ArticleCheck, find_quotes
>>> text = "In April 2004, the Mahdi Army confronted U.S. troops."
>>> evidence = [{"evidence_id": "evd-1", "record_table": "events", "record_id": "evt-1", "citation_id": "cit-1",
...              "char_start": 0, "char_end": 52, "quote": text[:52]}]
>>> cues = [{"cue_id": "cue-1", "record_table": "events", "record_id": "evt-1", "field": "event_type", "value": "armed_clash",
...          "citation_id": "cit-1", "char_start": 30, "char_end": 40, "text": "confronted", "antecedent_of": None}]
>>> events = [{"event_id": "evt-1", "summary": "The Mahdi Army confronts U.S. troops.", "event_type": "armed_clash"}]
>>> check = ArticleCheck("copy.txt", "cit-1", "", "", tuple(find_quotes(text, evidence)))
>>> page = render(text, check, {"evidence": evidence, "cues": cues, "events": events})
>>> 'id="evd-1"' in page and 'id="cue-1"' in page and 'id="evt-1"' in page
True
"""

from __future__ import annotations

import html
import itertools
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import _version
from .._text import counted
from ..dataset.article import ArticleCheck, find_cues, read_article
from ..declarations import CUE_FIELD, TABLES
from ..errors import SadrIranDataError
from ..identity import NAME
from ._writing import rows as table_rows
from ._writing import staged

Row = Mapping[str, Any]

#: The tables the page is made from.
TABLES_USED = ("citations", "actors", "locations", "events", "event_actors", "relations", "evidence", "cues")
#: The tables that have a card each, in the order the page shows them, with the heading of their part.
CARD_TABLES = {"events": "Events", "relations": "Relations", "actors": "Actors", "locations": "Places", "citations": "Footnotes"}
#: The values a card of each table shows that no cue justifies (its quotes do): the columns after its id and title.
DESCRIBED = {
    "actors": ("name", "aliases", "actor_type", "country", "parent_actor_id"),
    "locations": ("name", "aliases", "location_type", "country", "parent_location_id"),
    "citations": ("kind", "note_number", "author", "interviewee", "title", "outlet", "date"),
}
#: Overlapping quotes shade the text darker, up to this many.
DEPTHS = 3
#: What forbids the page to fetch anything: inline style and script only.
CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'"


def cued_fields(table: str) -> tuple[str, ...]:
    """The columns of ``table`` that cues justify (``cues.field``), in the vocabulary's order.

    Examples
    --------
    >>> cued_fields("relations")
    ('relation_type', 'source_actor_id', 'target_actor_id', 'certainty', 'holder_actor_id', 'date_edtf')
    >>> cued_fields("actors")
    ()
    """
    declared = TABLES[table]
    return tuple(f for f in CUE_FIELD.values if f in declared.column_names and f != declared.primary_key)


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


@dataclass(frozen=True)
class _Span:
    """A quote or cue where it is in the copy, and the row it grounds."""

    span_id: str
    start: int
    end: int
    record_id: str
    label: str


def _names(rows: Mapping[str, Sequence[Row]]) -> dict[str, str]:
    """A display name for every record id a value can hold: actors and places by name, events and relations by summary."""
    names: dict[str, str] = {}
    for row in rows.get("actors", ()):
        names[row["actor_id"]] = row["name"]
    for row in rows.get("locations", ()):
        names[row["location_id"]] = row["name"]
    for row in rows.get("events", ()):
        names[row["event_id"]] = row.get("summary") or row["event_id"]
    for row in rows.get("relations", ()):
        names[row["relation_id"]] = row.get("summary") or row["relation_id"]
    for row in rows.get("citations", ()):
        names[row["citation_id"]] = row.get("description") or row.get("title") or row["citation_id"]
    for row in rows.get("event_actors", ()):
        names[row["event_actor_id"]] = f"{names.get(row['actor_id'], row['actor_id'])}, {row['role']}"
    return names


def _segments(length: int, spans: Iterable[tuple[str, _Span]]) -> list[tuple[int, int, list[str], list[str], list[_Span]]]:
    """The text cut at every quote's and cue's ends: (start, end, quotes over it, cues over it, spans that start there).

    ``spans`` are (kind, span), kind ``q`` for a quote and ``c`` for a cue.
    """
    spans = sorted(spans, key=lambda ks: (ks[1].start, ks[1].span_id))
    starting: dict[int, list[tuple[str, _Span]]] = defaultdict(list)
    ending: dict[int, list[str]] = defaultdict(list)
    for kind, span in spans:
        starting[span.start].append((kind, span))
        ending[span.end].append(span.span_id)
    cuts = sorted({0, length, *starting, *ending})
    active: dict[str, str] = {}  # span id -> kind, of the spans over the current segment
    out = []
    for a, b in itertools.pairwise(cuts):
        for span_id in ending.get(a, ()):
            del active[span_id]
        for kind, span in starting.get(a, ()):
            active[span.span_id] = kind
        over = sorted(active.items())
        out.append((a, b, [i for i, k in over if k == "q"], [i for i, k in over if k == "c"], [s for _, s in starting.get(a, ())]))
    return out


def _text_html(text: str, quotes: list[_Span], cues: list[_Span]) -> str:
    """The copy's text, escaped, each quote and cue marked, with an anchor where each starts."""
    parts = []
    spans = [("q", s) for s in quotes] + [("c", s) for s in cues]
    for a, b, over_quotes, over_cues, starting in _segments(len(text), spans):
        for span in starting:
            parts.append(
                f'<span class="at" id="{_e(span.span_id)}" data-record="{_e(span.record_id)}" data-label="{_e(span.label)}"></span>'
            )
        words = _e(text[a:b])
        if not over_quotes and not over_cues:
            parts.append(words)
            continue
        classes = ["q"] + ([f"d{min(len(over_quotes), DEPTHS)}"] if over_quotes else []) + (["cue"] if over_cues else [])
        data = f' data-e="{_e(" ".join(over_quotes))}"' + (f' data-c="{_e(" ".join(over_cues))}"' if over_cues else "")
        parts.append(f'<mark class="{" ".join(classes)}"{data} tabindex="0">{words}</mark>')
    return "".join(parts)


class _Cards:
    """The cards of every row, each coded value beside the words that justify it."""

    def __init__(self, text: str, rows: Mapping[str, Sequence[Row]], quotes: dict[str, _Span], cues: dict[str, _Span]) -> None:
        self.text = text
        self.rows = rows
        self.names = _names(rows)
        self.quotes = quotes
        self.cue_spans = cues
        self.evidence: dict[str, list[Row]] = defaultdict(list)
        for row in sorted(rows.get("evidence", ()), key=lambda r: (r["char_start"], r["char_end"], r["evidence_id"])):
            self.evidence[row["record_id"]].append(row)
        self.cues: dict[tuple[str, str], list[Row]] = defaultdict(list)
        self.antecedents: dict[str, list[Row]] = defaultdict(list)
        for row in sorted(rows.get("cues", ()), key=lambda r: (r["char_start"], r["char_end"], r["cue_id"])):
            if row.get("antecedent_of"):
                self.antecedents[row["antecedent_of"]].append(row)
            else:
                self.cues[(row["record_id"], row["field"])].append(row)
        self.parties: dict[str, list[Row]] = defaultdict(list)
        for row in sorted(rows.get("event_actors", ()), key=lambda r: r["event_actor_id"]):
            self.parties[row["event_id"]].append(row)

    def _words(self, span_id: str, fallback: str) -> str:
        """The words of a quote or cue as the copy writes them (the dataset's, where the copy does not hold a cue)."""
        span = self.quotes.get(span_id) or self.cue_spans.get(span_id)
        return self.text[span.start : span.end] if span is not None else fallback

    def _value(self, field: str, value: Any) -> str:
        if value is None or value == [] or value != value:  # noqa: PLR0124  (NaN)
            return '<span class="none">—</span>'
        if isinstance(value, (list, tuple)):
            return ", ".join(_e(v) for v in value)
        text = str(value)
        if field.endswith("_id") and text in self.names:
            return f'{_e(self.names[text])} <a class="id" href="#{_e(text)}">{_e(text)}</a>'
        return _e(text)

    def _cue_words(self, record_id: str, field: str) -> str:
        cells = []
        for cue in self.cues.get((record_id, field), ()):
            words = f'<a class="cue-link" href="#{_e(cue["cue_id"])}">“{_e(self._words(cue["cue_id"], cue["text"]))}”</a>'
            for antecedent in self.antecedents.get(cue["cue_id"], ()):
                said = _e(self._words(antecedent["cue_id"], antecedent["text"]))
                words += f' → <a class="cue-link" href="#{_e(antecedent["cue_id"])}">“{said}”</a>'
            cells.append(words)
        return "<br>".join(cells) if cells else '<span class="none">no cue</span>'

    def _coded_row(self, anchor: str, field: str, value: str, words: str | None) -> str:
        cue = "" if words is None else f'<td class="words">{words}</td>'
        return f'<tr id="{_e(anchor)}"><th>{_e(field)}</th><td>{value}</td>{cue}</tr>'

    def _quotes(self, record_ids: Sequence[str]) -> str:
        """The quotes of a card's rows, each span once, naming the rows other than the card's own that it grounds."""
        spans: dict[tuple[int, int], list[tuple[str, Row]]] = {}
        for record_id in record_ids:
            for row in self.evidence.get(record_id, ()):
                span = self.quotes.get(row["evidence_id"])
                spans.setdefault((span.start, span.end) if span else (-1, row["char_start"]), []).append((record_id, row))
        items = []
        for key in sorted(spans):
            grounded = spans[key]
            first = grounded[0][1]
            others = [self.names.get(r, r) for r, _ in grounded if r != record_ids[0]]
            whose = f'<span class="whose">{_e("; ".join(dict.fromkeys(others)))}: </span>' if others else ""
            missing = "" if first["evidence_id"] in self.quotes else ' <span class="none">(not in this copy)</span>'
            quote = _e(self._words(first["evidence_id"], first["quote"]))
            items.append(f'<li>{whose}<a class="quote-link" href="#{_e(first["evidence_id"])}">“{quote}”</a>{missing}</li>')
        return f'<ol class="quotes">{"".join(items)}</ol>' if items else ""

    def card(self, table: str, row: Row) -> str:
        declared = TABLES[table]
        record_id = row[declared.primary_key]
        coded = []
        if table in DESCRIBED:
            title = self.names.get(record_id, record_id)
            for field in DESCRIBED[table]:
                coded.append(self._coded_row(f"{record_id}--{field}", field, self._value(field, row.get(field)), None))
        else:
            title = row.get("summary") or record_id
            for field in cued_fields(table):
                value = self._value(field, row.get(field))
                if field == "date_edtf" and row.get("date_precision"):
                    value += f' <span class="aside">({_e(row["date_precision"])})</span>'
                if field == "holder_actor_id" and row.get("attributed_to"):
                    value += f' <span class="aside">({_e(row["attributed_to"])})</span>'
                coded.append(self._coded_row(f"{record_id}--{field}", field, value, self._cue_words(record_id, field)))
        parties = self.parties.get(record_id, []) if table == "events" else []
        for party in parties:
            field = f"{party['role']} (actor_id)"
            words = self._cue_words(party["event_actor_id"], "actor_id")
            coded.append(self._coded_row(party["event_actor_id"], field, self._value("actor_id", party["actor_id"]), words))
        grounded = [record_id, *(p["event_actor_id"] for p in parties)]
        quote_ids = [r["evidence_id"] for g in grounded for r in self.evidence.get(g, ())]
        cue_ids = sorted(r["cue_id"] for r in self.rows.get("cues", ()) if r["record_id"] in grounded)
        head = f'<h3><a class="id" href="#{_e(record_id)}">{_e(record_id)}</a> {_e(title)}</h3>'
        words_header = "" if table in DESCRIBED else "<th>the article's words</th>"
        table_html = f'<table class="coded"><tr class="head"><th>column</th><th>value</th>{words_header}</tr>{"".join(coded)}</table>'
        return (
            f'<section class="card" id="{_e(record_id)}" data-table="{_e(table)}" data-e="{_e(" ".join(quote_ids))}" '
            f'data-c="{_e(" ".join(cue_ids))}">{head}{table_html}{self._quotes(grounded)}</section>'
        )


def render(text: str, check: ArticleCheck, rows: Mapping[str, Sequence[Row]]) -> str:
    """The reader's page: ``text`` (a copy of the article checked as ``check``) with the rows of ``rows`` beside it.

    Parameters
    ----------
    text
        The copy's text, as decoded.
    check
        What :func:`~sadr_iran_data.check_article` found in it: where each quote is.
    rows
        The rows of the tables of :data:`TABLES_USED` (a table left out has no cards), as mappings.

    Returns
    -------
    str
        One HTML document, self-contained.
    """
    evidence = [r for r in rows.get("evidence", ()) if r["citation_id"] == check.citation_id]
    cues = [r for r in rows.get("cues", ()) if r["citation_id"] == check.citation_id]
    names = _names(rows)
    tables = {r["evidence_id"]: r["record_table"] for r in evidence}
    quotes: dict[str, _Span] = {}
    for q in check.quotes:
        if q.new_start is not None and q.new_end is not None and q.evidence_id in tables:
            label = f"{tables[q.evidence_id]} {q.record_id}: {names.get(q.record_id, q.record_id)}"
            quotes[q.evidence_id] = _Span(q.evidence_id, q.new_start, q.new_end, q.record_id, label)
    cue_spans: dict[str, _Span] = {}
    by_id = {r["cue_id"]: r for r in cues}
    for cue_id, span in find_cues(text, check.quotes, evidence, cues).items():
        if span is not None:
            cue = by_id[cue_id]
            label = f"{cue['field']} = {cue['value']} of {cue['record_table']} {cue['record_id']}"
            cue_spans[cue_id] = _Span(cue_id, span[0], span[1], cue["record_id"], label)

    cards = _Cards(text, rows, quotes, cue_spans)
    parts = []
    for table, heading in CARD_TABLES.items():
        table_rows_ = sorted(rows.get(table, ()), key=lambda r: r[TABLES[table].primary_key])
        if table_rows_:
            parts.append(f'<h2 id="part-{table}">{heading} <span class="count">{len(table_rows_)}</span></h2>')
            parts += [cards.card(table, row) for row in table_rows_]
    article = next((r for r in rows.get("citations", ()) if r["citation_id"] == check.citation_id), {})
    title = article.get("title") or check.citation_id
    byline = ", ".join(_e(article[k]) for k in ("author", "outlet") if article.get(k))
    counts = check.counts()
    found = f"{len(quotes)} of {counted(len(evidence), 'quote')} and {len(cue_spans)} of {counted(len(cues), 'cue')} highlighted"
    where = (
        "the dataset's own text"
        if check.identical
        else f"{counted(counts['same'], 'quote')} at their offsets, {counts['shifted'] + counts['ambiguous']} moved"
    )
    return PAGE.format(
        title=_e(title),
        byline=byline,
        copy=_e(Path(check.path).name),
        found=_e(found),
        where=_e(where),
        generator=_e(f"{NAME} {_version.__version__}"),
        csp=_e(CONTENT_SECURITY_POLICY),
        style=STYLE,
        script=SCRIPT,
        text=_text_html(text, list(quotes.values()), list(cue_spans.values())),
        nav=" · ".join(f'<a href="#part-{t}">{h}</a>' for t, h in CARD_TABLES.items() if rows.get(t)),
        cards="\n".join(parts),
    )


def reader(article: str | Path, out: str | Path, *, force: bool = False) -> Path:
    """Write one self-contained HTML page of your copy of the article, every quote and cue linked to the rows it grounds.

    The copy is checked first (:func:`~sadr_iran_data.check_article`); a
    file in which some evidence quote is missing is not the article, and is
    refused. The page holds your copy's text, which is The Jamestown
    Foundation's: keep it for your own use.

    Parameters
    ----------
    article
        Your copy of the article, a UTF-8 text file.
    out
        The HTML file to write.
    force
        Replace ``out`` if it exists.

    Returns
    -------
    Path
        ``out``.

    Raises
    ------
    InputError
        If the copy cannot be read or is not the article.
    SadrIranDataError
        If ``out`` exists and ``force`` is False.

    Examples
    --------
    >>> import tempfile
    >>> import sadr_iran_data as sid
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     _ = (Path(tmp) / "copy.txt").write_text("Not the article.", encoding="utf-8")
    ...     sid.reader(Path(tmp) / "copy.txt", Path(tmp) / "article.html")
    Traceback (most recent call last):
    ...
    sadr_iran_data.errors.InputError: ...copy.txt is not the article: ... quotes are not in it (sid.check_article(path) lists them)
    """
    out = Path(out)
    if out.exists() and not force:
        raise SadrIranDataError.keyed(f"will not overwrite {out}; pass {{force}} to replace it")
    check, text = read_article(article)
    page = render(text, check, {name: table_rows(name) for name in TABLES_USED})
    out.parent.mkdir(parents=True, exist_ok=True)
    with staged(out.parent, [out.name], force=force) as paths:
        paths[out.name].write_text(page, encoding="utf-8", newline="")
    return out


STYLE = """
:root { --ink: #1d1d1f; --muted: #666; --line: #d8d8d8; --q1: #fff1b8; --q2: #ffe07a; --q3: #ffc940; --cue: #b3261e;
        --lit: #8ecdf5; --card: #fafafa; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); font: 15px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; }
header { padding: .6rem 1rem; border-bottom: 1px solid var(--line); }
header h1 { font-size: 1.15rem; margin: 0; }
header p { margin: .2rem 0; color: var(--muted); font-size: .85rem; }
.legend mark { padding: 0 .3em; }
main { display: flex; height: calc(100vh - 7.2rem); }
#text { flex: 1 1 55%; overflow-y: auto; padding: 1rem 1.5rem 40vh; white-space: pre-wrap;
        font-family: Georgia, serif; font-size: 1.02rem; }
#cards { flex: 1 1 45%; overflow-y: auto; padding: .5rem 1rem 40vh; border-left: 1px solid var(--line); background: #f3f3f3; }
#cards h2 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
#cards .count { color: var(--muted); font-weight: normal; }
#filter { width: 100%; padding: .35rem .5rem; font: inherit; }
mark.q { color: inherit; cursor: pointer; border-radius: 2px; }
mark.d1 { background: var(--q1); } mark.d2 { background: var(--q2); } mark.d3 { background: var(--q3); }
mark.cue { text-decoration: underline 2px var(--cue); text-underline-offset: 3px; }
mark.lit { background: var(--lit); }
mark.flash { outline: 2px solid var(--cue); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 6px; padding: .5rem .7rem; margin: .5rem 0; }
.card.lit, .card:target { border-color: #1f78b4; box-shadow: 0 0 0 2px var(--lit); }
.card h3 { font-size: .95rem; margin: 0 0 .3rem; }
.card.hidden { display: none; }
a.id { font: .8rem ui-monospace, monospace; color: #1f5f99; }
table.coded { border-collapse: collapse; width: 100%; font-size: .85rem; }
table.coded th, table.coded td { text-align: left; vertical-align: top; padding: .15rem .4rem .15rem 0; border-top: 1px solid #eee; }
table.coded tr.head th { color: var(--muted); font-weight: normal; border-top: 0; }
table.coded th { font: .8rem ui-monospace, monospace; white-space: nowrap; }
td.words a { color: var(--cue); }
.none, .aside, .whose { color: var(--muted); }
ol.quotes { margin: .3rem 0 0; padding-left: 1.3rem; font-size: .85rem; font-family: Georgia, serif; }
#pop { position: fixed; display: none; max-width: 28rem; max-height: 50vh; overflow-y: auto; background: white;
       border: 1px solid #999; border-radius: 6px; box-shadow: 0 4px 16px rgba(0,0,0,.2); padding: .4rem .6rem;
       font-size: .85rem; z-index: 9; }
#pop ul { margin: 0; padding-left: 1.1rem; }
@media (max-width: 800px) { main { display: block; height: auto; } #cards { border-left: 0; } }
"""

SCRIPT = """
(() => {
  const byQuote = new Map();
  for (const mark of document.querySelectorAll('mark.q')) {
    for (const id of [...(mark.dataset.e || '').split(' '), ...(mark.dataset.c || '').split(' ')]) {
      if (!id) continue;
      if (!byQuote.has(id)) byQuote.set(id, []);
      byQuote.get(id).push(mark);
    }
  }
  const marksOf = (ids) => ids.flatMap((id) => byQuote.get(id) || []);
  const pop = document.getElementById('pop');
  const lit = new Set();
  const unlight = () => { for (const el of lit) el.classList.remove('lit'); lit.clear(); };
  const light = (els) => { for (const el of els) { el.classList.add('lit'); lit.add(el); } };
  document.getElementById('text').addEventListener('click', (event) => {
    const mark = event.target.closest('mark.q');
    if (!mark) { pop.style.display = 'none'; return; }
    const ids = [...(mark.dataset.e || '').split(' '), ...(mark.dataset.c || '').split(' ')].filter(Boolean);
    const list = document.createElement('ul');
    const cards = [];
    for (const id of ids) {
      const anchor = document.getElementById(id);
      if (!anchor) continue;
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = '#' + anchor.dataset.record;
      link.textContent = (id.startsWith('cue-') ? 'cue: ' : '') + anchor.dataset.label;
      item.append(link);
      list.append(item);
      const target = document.getElementById(anchor.dataset.record);
      const card = target && target.closest('.card');
      if (card) cards.push(card);
    }
    pop.replaceChildren(list);
    pop.style.left = Math.min(event.clientX, window.innerWidth - 460) + 'px';
    pop.style.top = (event.clientY + 14) + 'px';
    pop.style.display = 'block';
    unlight();
    light(cards);
    if (cards.length) cards[0].scrollIntoView({block: 'nearest'});
  });
  pop.addEventListener('click', (event) => { if (event.target.closest('a')) pop.style.display = 'none'; });
  const cardsPane = document.getElementById('cards');
  cardsPane.addEventListener('mouseover', (event) => {
    const card = event.target.closest('.card');
    if (!card || card.classList.contains('lit')) return;
    unlight();
    light([card, ...marksOf([...card.dataset.e.split(' '), ...card.dataset.c.split(' ')].filter(Boolean))]);
  });
  cardsPane.addEventListener('click', (event) => {
    const link = event.target.closest('a.quote-link, a.cue-link');
    if (!link) return;
    const id = link.getAttribute('href').slice(1);
    for (const mark of marksOf([id])) {
      mark.classList.remove('flash'); void mark.offsetWidth; mark.classList.add('flash');
      setTimeout(() => mark.classList.remove('flash'), 1600);
    }
  });
  document.getElementById('filter').addEventListener('input', (event) => {
    const words = event.target.value.toLowerCase().trim();
    for (const card of document.querySelectorAll('.card')) {
      card.classList.toggle('hidden', words !== '' && !card.textContent.toLowerCase().includes(words));
    }
  });
})();
"""

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="{generator}">
<title>{title}: the article and its rows</title>
<style>{style}</style>
</head>
<body>
<header>
<h1>{title}</h1>
<p>{byline}. Your copy, <code>{copy}</code>: {where}; {found}. Made by {generator}.
The article's text is © The Jamestown Foundation: keep this page for your own use.</p>
<p class="legend"><mark class="q d1">a quote</mark> <mark class="q d2">two quotes</mark> <mark class="q d3">three or more</mark>
<mark class="q d1 cue">a cue</mark> — click a highlight for the rows it grounds; point at a card to light up its words. {nav}</p>
</header>
<main>
<article id="text">{text}</article>
<aside id="cards"><input id="filter" type="search" placeholder="Filter the cards: a name, an id, a word" aria-label="Filter the cards">
{cards}
</aside>
</main>
<div id="pop" role="dialog"></div>
<script>{script}</script>
</body>
</html>
"""
