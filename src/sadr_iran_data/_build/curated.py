"""The curated data: one YAML file per curated table, with evidence as verbatim quotes, turned into rows.

Curated records carry their evidence inline, as verbatim quotes::

    - event_id: evt-0001
      ...
      actors:
        - {actor_id: act-moqtada-al-sadr, role: initiator}
      evidence:
        - "he pledged to defend Iran if it were attacked by the United States"
        - {quote: "al-Sadr", occurrence: 3}   # the 4th occurrence, counted from 0

and their cues, the few words that justify each coded value, inline too::

      cues:
        event_type: "pledged"                      # the trigger
        certainty: "appears"                       # the hedge, where the row is not plainly stated
        holder_actor_id: "Tehran considers"        # whose view it is
        date_edtf: "On January 24, 2006"
        location_id: {text: "Najaf", occurrence: 1}
      actors:
        - {actor_id: act-moqtada-al-sadr, role: initiator, cue: {text: "he", antecedent: "al-Sadr"}}

A cue's text is looked for in the record's own quotes first: found there
once, that is the cue; found several times, ``occurrence`` counts the matches
within the quotes, in the order of the text. A text that is not in the quotes
is looked for in the whole document, where ``occurrence`` counts every match;
``nth`` always counts every match of the document, wherever the quotes are.
A field may hold a list of cues. ``antecedent`` (a cue of its own) is the
words a pronoun or description refers to.

:func:`derive_rows` finds every quote and cue in the source text and computes
their offsets, derives ``event_actors``, ``evidence`` and ``cues``, the PLOVER
coding of each event and the dates of each EDTF string.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..codes import plover, precision
from ..column_types import edtf_bounds
from ..dataset.integrity import sha256_bytes
from ..declarations import TABLES
from ..errors import BuildError, SadrIranDataError
from ..identity import SOURCE

#: Tables written by hand in data/curated/; the rest are derived.
CURATED = ("citations", "actors", "locations", "events", "relations")
_INLINE = ("evidence", "actors", "cues")  # keys of curated records that are not columns
#: The fields a curated record's ``cues`` may name; an event's parties are cued on its actors' links.
CUE_FIELDS = {
    "events": ("event_type", "certainty", "holder_actor_id", "date_edtf", "location_id"),
    "relations": ("relation_type", "source_actor_id", "target_actor_id", "certainty", "holder_actor_id", "date_edtf"),
}

Rows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Span:
    citation_id: str
    start: int
    end: int
    quote: str


def find_root(given: Path | None = None) -> Path:
    """The repository the build reads and writes: ``given`` (``--root``), else the nearest folder holding ``data/curated`` from here up.

    The build's entry finds it once and passes it to every part of the build.
    """
    if given is not None:
        root = given.resolve()
        if not (root / "data" / "curated").is_dir():
            raise BuildError(f"{root} holds no data/curated/ folder: run the build from a clone of the repository")
        return root
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "data" / "curated").is_dir():
            return folder
    raise BuildError("no data/curated/ folder here or above: run the build from a clone of the repository")


def package_data(root: Path) -> Path:
    """Where the build writes the shipped files in a clone: src/sadr_iran_data/data."""
    return root / "src" / "sadr_iran_data" / "data"


def parse_yaml(text: str) -> Any:
    """YAML text read with the safe loader: libyaml's where PyYAML has it, the same values several times faster."""
    import yaml

    if yaml.__with_libyaml__:
        return yaml.load(text, Loader=yaml.CSafeLoader)
    return yaml.safe_load(text)


def load_yaml(path: Path, root: Path) -> Any:
    """A YAML file of the repository, read with the safe loader; BuildError if it is missing or not YAML."""
    try:
        import yaml
    except ImportError:
        raise BuildError("the build needs PyYAML: pip install 'sadr-iran-data[build]'") from None
    try:
        return parse_yaml(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BuildError(f"{path.relative_to(root)} is missing") from None
    except yaml.YAMLError as exc:
        raise BuildError(f"{path.relative_to(root)} is not valid YAML: {exc}") from None


def read_curated(root: Path) -> Rows:
    records = {}
    for name in CURATED:
        path = root / "data" / "curated" / f"{name}.yaml"
        loaded = load_yaml(path, root) or []
        if not isinstance(loaded, list) or not all(isinstance(r, dict) for r in loaded):
            raise BuildError(f"{path.relative_to(root)} must be a list of records")
        records[name] = loaded
    return records


def read_sources(root: Path) -> dict[str, str]:
    """Source texts in ``data/sources/``, keyed by the sha256 of their bytes."""
    texts = {}
    for path in sorted((root / "data" / "sources").glob("*.txt")):
        data = path.read_bytes()
        texts[sha256_bytes(data)] = data.decode("utf-8")
    return texts


class _Resolver:
    """Finds quotes in the documents and turns them into spans."""

    def __init__(self, citations: list[dict[str, Any]], texts: dict[str, str]) -> None:
        self.documents: dict[str, str] = {}
        for row in citations:
            sha = row.get("text_sha256")
            if sha:
                if sha not in texts:
                    raise BuildError(f"citations [{row.get('citation_id')}]: no file in data/sources/ has sha256 {sha}")
                self.documents[row["citation_id"]] = texts[sha]

    def span(self, where: str, item: Any) -> Span:
        if isinstance(item, str):
            item = {"quote": item}
        if not isinstance(item, dict) or not isinstance(item.get("quote"), str) or not item["quote"]:
            raise BuildError(f"{where}: evidence must be a quote or a mapping with a non-empty 'quote'")
        unknown = set(item) - {"quote", "occurrence", "document"}
        if unknown:
            raise BuildError(f"{where}: unknown evidence keys {sorted(unknown)}")
        document = item.get("document")
        if document is None:
            if len(self.documents) != 1:
                raise BuildError(f"{where}: say which document the quote is from (document: <citation_id>)")
            document = next(iter(self.documents))
        if document not in self.documents:
            raise BuildError(f"{where}: document {document!r} has no stored text")
        text, quote = self.documents[document], item["quote"]
        starts = []
        at = text.find(quote)
        while at != -1:
            starts.append(at)
            at = text.find(quote, at + 1)
        if not starts:
            raise BuildError(f"{where}: quote not found verbatim in {document}: {quote[:80]!r}")
        occurrence = item.get("occurrence")
        if occurrence is None:
            if len(starts) > 1:
                raise BuildError(
                    f"{where}: quote occurs {len(starts)} times in {document}; add occurrence: 0..{len(starts) - 1}: {quote[:80]!r}"
                )
            occurrence = 0
        if not isinstance(occurrence, int) or not 0 <= occurrence < len(starts):
            raise BuildError(f"{where}: occurrence {occurrence!r} out of range 0..{len(starts) - 1} for {quote[:80]!r}")
        start = starts[occurrence]
        return Span(document, start, start + len(quote), quote)

    def cue(self, where: str, item: Any, within: list[Span]) -> Span:
        """A cue's span: in the record's quotes ``within`` if its text is there, else anywhere in the document."""
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict) or not isinstance(item.get("text"), str) or not item["text"]:
            raise BuildError(f"{where}: a cue must be a text or a mapping with a non-empty 'text'")
        unknown = set(item) - {"text", "occurrence", "nth", "antecedent"}
        if unknown:
            raise BuildError(f"{where}: unknown cue keys {sorted(unknown)}")
        if "nth" in item and "occurrence" in item:
            raise BuildError(f"{where}: a cue takes occurrence (within the quotes) or nth (in the document), not both")
        document = within[0].citation_id if within else next(iter(self.documents))
        text, wanted = self.documents[document], item["text"]
        starts = []
        at = text.find(wanted)
        while at != -1:
            starts.append(at)
            at = text.find(wanted, at + 1)
        inside = [s for s in starts if any(q.start <= s and s + len(wanted) <= q.end for q in within if q.citation_id == document)]
        found, scope = (inside, "the record's quotes") if inside and "nth" not in item else (starts, document)
        if "nth" in item:
            item = {**item, "occurrence": item["nth"]}
        if not found:
            raise BuildError(f"{where}: cue not found verbatim in {document}: {wanted[:80]!r}")
        occurrence = item.get("occurrence")
        if occurrence is None:
            if len(found) > 1:
                raise BuildError(f"{where}: cue occurs {len(found)} times in {scope}; add occurrence: 0..{len(found) - 1}: {wanted[:80]!r}")
            occurrence = 0
        if not isinstance(occurrence, int) or not 0 <= occurrence < len(found):
            raise BuildError(f"{where}: occurrence {occurrence!r} out of range 0..{len(found) - 1} in {scope} for {wanted[:80]!r}")
        start = found[occurrence]
        return Span(document, start, start + len(wanted), wanted)


def _cue_id(record_table: str, record_id: str, field: str, value: str, span: Span) -> str:
    key = f"{record_table}\x1f{record_id}\x1f{field}\x1f{value}\x1f{span.citation_id}\x1f{span.start}\x1f{span.end}"
    return "cue-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def _cue_row(record_table: str, record_id: str, field: str, value: str, span: Span) -> dict[str, Any]:
    return {
        "cue_id": _cue_id(record_table, record_id, field, value, span),
        "record_table": record_table,
        "record_id": record_id,
        "field": field,
        "value": value,
        "citation_id": span.citation_id,
        "char_start": span.start,
        "char_end": span.end,
        "text": span.quote,
        "antecedent_of": None,
    }


def _evidence_id(record_table: str, record_id: str, span: Span) -> str:
    key = f"{record_table}\x1f{record_id}\x1f{span.citation_id}\x1f{span.start}\x1f{span.end}"
    return "evd-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def source_article(citations: list[dict[str, Any]]) -> dict[str, Any]:
    """The source article's record: the one article with a date that no other cites; it must agree with ``identity.SOURCE``."""
    articles = [r for r in citations if r.get("kind") == "article" and r.get("cited_in") is None and r.get("date")]
    if len(articles) != 1:
        raise BuildError("citations: exactly one article (kind article, not cited in another) with a date is needed")
    article = articles[0]
    expected = {
        "author": SOURCE.author,
        "title": SOURCE.title,
        "outlet": SOURCE.journal,
        "volume": str(SOURCE.volume),
        "issue": str(SOURCE.issue),
        "publisher": SOURCE.publisher,
        "url": SOURCE.url,
    }
    differ = [f"{key} {article.get(key)!r} (identity: {value!r})" for key, value in expected.items() if str(article.get(key)) != value]
    if str(article["date"])[:4] != str(SOURCE.year):
        differ.append(f"date {article['date']} (identity: {SOURCE.year})")
    if differ:
        raise BuildError(f"citations [{article.get('citation_id')}] disagrees with sadr_iran_data/identity.py: {'; '.join(differ)}")
    return article


def publication_bound(citations: list[dict[str, Any]]) -> datetime.date:
    """Last day the source article may have been published: its sourced ``published_by``, else the end of its date's unit."""
    article = source_article(citations)
    if article.get("published_by"):
        bound: datetime.date = article["published_by"]
        return bound
    try:
        unit = precision.ISO_DATE_LENGTH[article.get("date_precision", "")]
    except SadrIranDataError as exc:
        raise BuildError(f"citations [{article.get('citation_id')}]: the article's date_precision: {exc}") from None
    return period(article["date"].isoformat()[:unit], article["date"])[1]


def period(edtf: str, open_end: datetime.date) -> tuple[datetime.date | None, datetime.date]:
    """date_start and date_end of an EDTF date or interval: an open end (``2005/..``) ends at ``open_end``.

    Examples
    --------
    >>> import datetime
    >>> period("198X/199X", datetime.date(2007, 12, 31))
    (datetime.date(1980, 1, 1), datetime.date(1999, 12, 31))
    >>> period("2005/..", datetime.date(2007, 12, 31))
    (datetime.date(2005, 1, 1), datetime.date(2007, 12, 31))
    """
    start, end = edtf_bounds(edtf)
    return start, open_end if end is None else end


def plover_coding(event: dict[str, Any]) -> dict[str, Any]:
    """An event's PLOVER type, mode, contexts and CAMEO root: the decision table's, unless the record says otherwise.

    A record may give ``plover_type``, ``plover_mode`` and ``plover_context``
    (the general contexts) with a ``plover_note``; the temporal contexts are
    always derived: ``future`` for a forecast (no ``date_end``),
    ``hypothetical`` for a possibility (certainty ``expected``) and
    ``historical`` for an event over before 2003.
    """
    if event.get("event_type") not in plover.DECISIONS:  # an unknown event_type: the typed pass reports it
        return {}
    decision = plover.DECISIONS[event["event_type"]]
    plover_type = event.get("plover_type") or decision.plover_type
    default = plover_type == decision.plover_type
    mode = event["plover_mode"] if "plover_mode" in event else (decision.mode if default else None)
    general = event["plover_context"] if "plover_context" in event else (list(decision.contexts) if default else [])
    contexts: list[str] = []
    if plover_type != plover.NOT_CODED:
        end = event.get("date_end")
        temporal = plover.temporal_contexts(
            forecast=end is None,
            possibility=event.get("certainty") == "expected",
            historical=isinstance(end, datetime.date) and end.isoformat() < plover.HISTORICAL_BEFORE,
        )
        contexts = [c for c in plover.CONTEXTS if c in general or c in temporal]
    known = plover_type in plover.MODES and (mode is None or mode in plover.MODES[plover_type])
    root = plover.cameo_root(plover_type, mode) if known else None  # an unknown type or mode: the typed pass reports it
    return {
        "plover_type": plover_type,
        "plover_mode": mode,
        "plover_context": contexts,
        "cameo_root": root,
        "cameo_source": None if root is None else plover.CROSSWALK,
    }


class _Rows:
    """The rows derived from the curated records, table by table, with the quotes and cues of each record resolved."""

    def __init__(self, resolver: _Resolver) -> None:
        self.resolver = resolver
        self.rows: Rows = {name: [] for name in TABLES}

    def evidence(self, record_table: str, record_id: str, items: Iterable[Any]) -> list[Span]:
        spans = [self.resolver.span(f"{record_table} [{record_id}]", item) for item in items]
        if not spans:
            raise BuildError(f"{record_table} [{record_id}]: every record needs at least one evidence quote")
        for span in spans:
            self.rows["evidence"].append(
                {
                    "evidence_id": _evidence_id(record_table, record_id, span),
                    "record_table": record_table,
                    "record_id": record_id,
                    "citation_id": span.citation_id,
                    "char_start": span.start,
                    "char_end": span.end,
                    "quote": span.quote,
                }
            )
        return spans

    def cues(self, where: tuple[str, str, str], value: Any, items: Any, within: list[Span]) -> None:
        """The cues of one value (``where``: table, record id, field), each with its antecedent where it has one."""
        record_table, record_id, field = where
        named = f"{record_table} [{record_id}] cue {field}"
        if value is None or value == "":
            raise BuildError(f"{named}: the record has no {field} for a cue to justify")
        for item in items if isinstance(items, list) else [items]:
            cue = _cue_row(*where, str(value), self.resolver.cue(named, item, within))
            self.rows["cues"].append(cue)
            antecedent = item.get("antecedent") if isinstance(item, dict) else None
            if antecedent is not None:
                resolved = self.resolver.cue(f"{named} antecedent", antecedent, within)
                self.rows["cues"].append({**_cue_row(*where, str(value), resolved), "antecedent_of": cue["cue_id"]})

    def record_cues(self, name: str, row: dict[str, Any], cues: Any, within: list[Span]) -> None:
        if cues is None:
            return
        record_id = row[TABLES[name].primary_key]
        allowed = CUE_FIELDS.get(name, ())
        if not isinstance(cues, dict) or set(cues) - set(allowed):
            raise BuildError(f"{name} [{record_id}]: cues must map fields among {', '.join(allowed)} to cues")
        for field in allowed:
            if field in cues:
                self.cues((name, record_id, field), row.get(field), cues[field], within)

    def links(self, event_id: str, items: Iterable[Any], spans: list[Any], quotes: list[Span]) -> None:
        """An event's actors in their roles: one link each, with its own evidence (or the event's) and its party's cue."""
        for item in items:
            link = dict(item)
            own = link.pop("evidence", None)
            cue = link.pop("cue", None)
            link.setdefault("event_actor_id", f"eva-{event_id[4:]}-{str(link.get('actor_id', ''))[4:]}")
            link["event_id"] = event_id
            self.rows["event_actors"].append(link)
            link_quotes = self.evidence("event_actors", link["event_actor_id"], own or spans)
            if cue is not None:
                self.cues(("event_actors", link["event_actor_id"], "actor_id"), link.get("actor_id"), cue, [*link_quotes, *quotes])


def derive_rows(curated: Rows, texts: dict[str, str]) -> Rows:
    """Curated records -> rows of every table (quotes and cues resolved, links, PLOVER codings and dates derived)."""
    derived = _Rows(_Resolver(curated["citations"], texts))
    open_end = publication_bound(curated["citations"])
    for name in CURATED:
        table = TABLES[name]
        for record in curated[name]:
            row = {k: v for k, v in record.items() if k not in _INLINE}
            record_id = row.get(table.primary_key)
            if not isinstance(record_id, str):
                raise BuildError(f"{name}: a record has no {table.primary_key}: {str(record)[:80]}")
            if isinstance(row.get("date_edtf"), str):
                with contextlib.suppress(ValueError):  # a string that is not EDTF: the typed pass reports it
                    start, end = period(row["date_edtf"], open_end)
                    row.setdefault("date_start", start)
                    row.setdefault("date_end", end)
            if name == "events":
                row.update(plover_coding(row))
            if name == "citations" and row.get("citation_id") in derived.resolver.documents:
                row["text_length"] = len(derived.resolver.documents[row["citation_id"]])
            for col in table.columns:
                row.setdefault(col.name, [] if col.type == "list" else None)
            derived.rows[name].append(row)
            spans = record.get("evidence") or []
            quotes = derived.evidence(name, record_id, spans)
            derived.record_cues(name, row, record.get("cues"), quotes)
            if name == "events":
                derived.links(record_id, record.get("actors") or [], spans, quotes)
    return derived.rows
