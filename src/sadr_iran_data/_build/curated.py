"""The curated data: one YAML file per curated table, with evidence as verbatim quotes, turned into rows.

Curated records carry their evidence inline, as verbatim quotes::

    - event_id: evt-0001
      ...
      actors:
        - {actor_id: act-moqtada-al-sadr, role: initiator}
      evidence:
        - "he pledged to defend Iran if it were attacked by the United States"
        - {quote: "al-Sadr", occurrence: 3}   # the 4th occurrence, counted from 0

:func:`derive_rows` finds every quote in the source text and computes its
offsets, derives ``event_actors`` and ``evidence``, the PLOVER coding of each
event and the dates of each EDTF string.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..codes import plover
from ..column_types import edtf_bounds
from ..declarations import TABLES
from ..errors import BuildError
from ..identity import SOURCE
from ..dataset.integrity import sha256_bytes

#: Tables written by hand in data/curated/; the rest are derived.
CURATED = ("citations", "actors", "locations", "events", "relations")
_INLINE = ("evidence", "actors")  # keys of curated records that are not columns

Rows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Span:
    citation_id: str
    start: int
    end: int
    quote: str


def find_root(start: Path | None = None) -> Path:
    """The repository root: the nearest folder above ``start`` holding ``data/curated``."""
    here = (start or Path.cwd()).resolve()
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
    unit = {"day": 10, "month": 7, "year": 4}.get(article.get("date_precision") or "", 4)
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
    decision = plover.DECISIONS.get(str(event.get("event_type")))
    if decision is None:  # an unknown event_type: the typed pass reports it
        return {}
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
    root = plover.cameo_root(plover_type, mode)
    return {
        "plover_type": plover_type,
        "plover_mode": mode,
        "plover_context": contexts,
        "cameo_root": root,
        "cameo_source": None if root is None else plover.CROSSWALK,
    }


def derive_rows(curated: Rows, texts: dict[str, str]) -> Rows:
    """Curated records -> rows of all seven tables (evidence resolved, links, PLOVER codings and dates derived)."""
    resolver = _Resolver(curated["citations"], texts)
    open_end = publication_bound(curated["citations"])
    rows: Rows = {name: [] for name in TABLES}

    def add_evidence(record_table: str, record_id: str, items: Iterable[Any]) -> list[Span]:
        spans = [resolver.span(f"{record_table} [{record_id}]", item) for item in items]
        if not spans:
            raise BuildError(f"{record_table} [{record_id}]: every record needs at least one evidence quote")
        for span in spans:
            rows["evidence"].append(
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
            for col in table.columns:
                row.setdefault(col.name, [] if col.type == "list" else None)
            rows[name].append(row)
            spans = record.get("evidence") or []
            add_evidence(name, record_id, spans)
            if name == "events":
                for item in record.get("actors") or []:
                    link = dict(item)
                    own = link.pop("evidence", None)
                    link.setdefault("event_actor_id", f"eva-{record_id[4:]}-{str(link.get('actor_id', ''))[4:]}")
                    link["event_id"] = record_id
                    rows["event_actors"].append(link)
                    add_evidence("event_actors", link["event_actor_id"], own or spans)
    return rows
