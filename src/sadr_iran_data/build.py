"""Build the shipped tables from ``data/curated/`` (run from a clone of the repository).

``python -m sadr_iran_data.build`` (or ``sadr-iran-data build``) reads one
YAML file per curated table, finds every evidence quote in the source text and
computes its offsets, derives ``event_actors`` and ``evidence``, validates
every row (pydantic, pandera, foreign keys, vocabularies, evidence) and writes
one Parquet file per table plus ``manifest.json``. The output is deterministic:
two builds with the same pyarrow are byte-identical.

Curated records carry their evidence inline, as verbatim quotes::

    - event_id: evt-0001
      ...
      actors:
        - {actor_id: act-moqtada-al-sadr, role: initiator}
      evidence:
        - "he pledged to defend Iran if it were attacked by the United States"
        - {quote: "al-Sadr", occurrence: 3}   # the 4th occurrence, counted from 0
"""

from __future__ import annotations

import argparse
import calendar
import datetime
import hashlib
import json
import re
import sys
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ._version import __released__, __version__
from .declarations import EVENT_TYPE, TABLES, Table
from .errors import BuildError
from .integrity import MANIFEST, sha256_bytes

#: Tables written by hand in data/curated/; the rest are derived.
CURATED = ("citations", "actors", "locations", "events", "relations")
_INLINE = ("evidence", "actors")  # keys of curated records that are not columns
PARQUET_OPTIONS = {"compression": "zstd", "compression_level": 9, "version": "2.6", "data_page_version": "1.0", "write_statistics": True}


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


def read_curated(root: Path) -> dict[str, list[dict[str, Any]]]:
    try:
        import yaml
    except ImportError:
        raise BuildError("the build needs PyYAML: pip install 'sadr-iran-data[build]'") from None
    records = {}
    for name in CURATED:
        path = root / "data" / "curated" / f"{name}.yaml"
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        except FileNotFoundError:
            raise BuildError(f"{path.relative_to(root)} is missing") from None
        except yaml.YAMLError as exc:
            raise BuildError(f"{path.relative_to(root)} is not valid YAML: {exc}") from None
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


def _unit_bounds(text: str) -> tuple[datetime.date, datetime.date]:
    """First and last day of one EDTF date: 1999, 198X (a decade), 2004-04 or 2006-01-24."""
    match = re.fullmatch(r"(\d{3})(\d|X)(?:-(\d{2})(?:-(\d{2}))?)?", text)
    if not match:
        raise ValueError(text)
    decade, digit, month, day = match.groups()
    if digit == "X":
        if month:
            raise ValueError(text)
        return datetime.date(int(decade + "0"), 1, 1), datetime.date(int(decade + "9"), 12, 31)
    year = int(decade + digit)
    if day:
        exact = datetime.date(year, int(month), int(day))
        return exact, exact
    if month:
        first = datetime.date(year, int(month), 1)
        return first, datetime.date(year, int(month), calendar.monthrange(year, int(month))[1])
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def edtf_bounds(edtf: str, open_end: datetime.date) -> tuple[datetime.date | None, datetime.date]:
    """date_start and date_end of an EDTF date or interval ("2005/.." ends at ``open_end``).

    >>> import datetime
    >>> edtf_bounds("198X/199X", datetime.date(2007, 12, 31))
    (datetime.date(1980, 1, 1), datetime.date(1999, 12, 31))
    >>> edtf_bounds("2005/..", datetime.date(2007, 12, 31))
    (datetime.date(2005, 1, 1), datetime.date(2007, 12, 31))
    """
    first, _, last = edtf.partition("/") if "/" in edtf else (edtf, "", edtf)
    start = None if first == ".." else _unit_bounds(first)[0]
    end = open_end if last == ".." else _unit_bounds(last)[1]
    return start, end


def _evidence_id(record_table: str, record_id: str, span: Span) -> str:
    key = f"{record_table}\x1f{record_id}\x1f{span.citation_id}\x1f{span.start}\x1f{span.end}"
    return "evd-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


def _publication_bound(citations: list[dict[str, Any]]) -> datetime.date:
    """Last day the source article may have been published: its sourced ``published_by``, else the end of its date's unit."""
    articles = [r for r in citations if r.get("kind") == "article" and r.get("cited_in") is None and r.get("date")]
    if len(articles) != 1:
        raise BuildError("citations: exactly one article (kind article, not cited in another) with a date is needed")
    article = articles[0]
    if article.get("published_by"):
        return article["published_by"]
    unit = {"day": 10, "month": 7, "year": 4}.get(article.get("date_precision"), 4)
    return _unit_bounds(article["date"].isoformat()[:unit])[1]


def derive_rows(curated: dict[str, list[dict[str, Any]]], texts: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Curated records -> rows of all seven tables (evidence resolved, links derived)."""
    resolver = _Resolver(curated["citations"], texts)
    plover = {t.value: t.plover for t in EVENT_TYPE.terms}
    open_end = _publication_bound(curated["citations"])
    rows: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}

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
            if name == "events":
                row["plover_type"] = plover.get(row.get("event_type"))
            if isinstance(row.get("date_edtf"), str):
                try:
                    start, end = edtf_bounds(row["date_edtf"], open_end)
                except ValueError:
                    raise BuildError(f"{name}.date_edtf [{record_id}]: cannot read {row['date_edtf']!r} as EDTF") from None
                row.setdefault("date_start", start)
                row.setdefault("date_end", end)
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


def _check_rows(rows: dict[str, list[dict[str, Any]]]) -> None:
    from pydantic import ValidationError

    from .models import MODELS

    problems = []
    for name, table_rows in rows.items():
        pk = TABLES[name].primary_key
        for row in table_rows:
            try:
                MODELS[name].model_validate(row)
            except ValidationError as exc:
                for err in exc.errors():
                    column = ".".join(str(p) for p in err["loc"]) or "-"
                    problems.append(f"{name}.{column} [{row.get(pk)}]: {err['msg']}")
            for column, value in row.items():
                if isinstance(value, str) and not unicodedata.is_normalized("NFC", value):
                    problems.append(f"{name}.{column} [{row.get(pk)}]: text is not NFC-normalised")
    if problems:
        raise BuildError("invalid curated rows:\n  " + "\n  ".join(problems))


def to_arrow(table: Table, table_rows: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    from ._dtypes import arrow_schema

    ordered = sorted(table_rows, key=lambda r: r[table.primary_key])
    schema = arrow_schema(table)
    return pa.table(
        {c.name: pa.array([r.get(c.name) for r in ordered], type=schema.field(c.name).type) for c in table.columns}, schema=schema
    )


def schema_fingerprint(table: Table) -> str:
    """sha256 of the table's structure (names, types, nullability, vocabularies, keys, rules)."""
    shape = {
        "columns": [
            [
                c.name,
                c.type,
                c.nullable,
                c.vocabulary.values if c.vocabulary else None,
                c.references,
                c.references_table_in,
                c.pattern,
                c.minimum,
                c.maximum,
            ]
            for c in table.columns
        ],
        "rules": [[r.name, r.kind, r.columns, r.values, r.strict] for r in table.checks],
    }
    return hashlib.sha256(json.dumps(shape, sort_keys=True).encode()).hexdigest()


def content_sha256(arrow_table: Any) -> str:
    """sha256 of a table's values, independent of the Parquet writer's version."""
    rows = json.dumps(arrow_table.to_pylist(), default=str, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(rows.encode("utf-8")).hexdigest()


def build(root: Path | None = None, out: Path | None = None) -> dict[str, Any]:
    """Build every table; returns the manifest written to ``out``."""
    import pyarrow
    import pyarrow.parquet as pq

    from ._dtypes import to_pandas
    from .validation import validate_all

    root = root or find_root()
    out = out or package_data(root)
    texts = read_sources(root)
    rows = derive_rows(read_curated(root), texts)
    _check_rows(rows)
    arrow = {name: to_arrow(TABLES[name], rows[name]) for name in TABLES}
    failures = validate_all({name: to_pandas(TABLES[name], arrow[name]) for name in TABLES})
    if failures:
        raise BuildError("the tables do not validate:\n  " + "\n  ".join(str(f) for f in failures))

    out.mkdir(parents=True, exist_ok=True)
    article = next(r for r in rows["citations"] if r["kind"] == "article" and r.get("cited_in") is None)
    manifest: dict[str, Any] = {
        "name": "sadr-iran-data",
        "version": __version__,
        "released": __released__,
        "source": {
            key: (str(article[key]) if article.get(key) is not None else None)
            for key in ("citation_id", "author", "title", "outlet", "volume", "issue", "publisher", "date", "url", "text_sha256")
        },
        "writer": f"pyarrow {pyarrow.__version__}",
        "schema_fingerprint": hashlib.sha256("".join(schema_fingerprint(t) for t in TABLES.values()).encode()).hexdigest(),
        "tables": {},
    }
    for name, table in TABLES.items():
        path = out / f"{name}.parquet"
        pq.write_table(arrow[name], path, **PARQUET_OPTIONS)
        data = path.read_bytes()
        manifest["tables"][name] = {
            "file": path.name,
            "rows": arrow[name].num_rows,
            "bytes": len(data),
            "sha256": sha256_bytes(data),
            "content_sha256": content_sha256(arrow[name]),
            "schema_fingerprint": schema_fingerprint(table),
            "description": table.description,
        }
    manifest["files"] = {}
    for path in _release_files(root, rows, out):
        data = path.read_bytes()
        manifest["files"][path.stem] = {"file": path.name, "bytes": len(data), "sha256": sha256_bytes(data)}
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def _release_files(root: Path, rows: dict[str, list[dict[str, Any]]], out: Path) -> list[Path]:
    """Check ids against earlier releases and write the changelog and retired ids."""
    from .releases import changelog, check_ids, read_archives, read_retired, snapshot, write_release_files

    archives = read_archives(root)
    current = snapshot(rows)
    if __version__ in archives and archives[__version__] != current:
        raise BuildError(f"the data differ from the released {__version__}: bump the version in src/sadr_iran_data/_version.py")
    retired = read_retired(root)
    problems = check_ids(archives, current, retired)
    if problems:
        raise BuildError("ids:\n  " + "\n  ".join(problems))
    return write_release_files(out, changelog(archives, __version__, current), retired)


def release(root: Path | None = None) -> Path:
    """Archive the current data as release ``__version__`` in data/releases/."""
    from .releases import read_archives, write_archive

    root = root or find_root()
    if __version__ in read_archives(root):
        raise BuildError(f"{__version__} is already released; bump the version first")
    rows = derive_rows(read_curated(root), read_sources(root))
    return write_archive(root, __version__, rows)


def refresh_ledger(root: Path, manifest: dict[str, Any], out: Path) -> list[dict[str, Any]]:
    """Regenerate the article's sentence ledger from the evidence a build just wrote to ``out``."""
    import pyarrow.parquet as pq

    from .ledger import write_ledger

    text = read_sources(root)[manifest["source"]["text_sha256"]]
    evidence = pq.ParquetFile(out / manifest["tables"]["evidence"]["file"]).read().to_pylist()
    return write_ledger(root, text, evidence)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sadr_iran_data.build", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, help="repository root (default: found from the current folder)")
    parser.add_argument("--out", type=Path, help="output folder (default: src/sadr_iran_data/data)")
    parser.add_argument("--release", action="store_true", help="archive this version in data/releases/, then build")
    args = parser.parse_args(argv)
    try:
        if args.release:
            print(f"archived {release(args.root)}")
        root = args.root or find_root()
        manifest = build(root, args.out)
        if args.out is None:
            from .tableschema import write_schemas

            refresh_ledger(root, manifest, package_data(root))
            write_schemas(root / "schemas")
    except BuildError as exc:
        print(f"build failed: {exc}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{n} {t['rows']}" for n, t in manifest["tables"].items())
    print(f"built sadr-iran-data {manifest['version']}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
