"""The ``sadr-iran-data`` command.

User mistakes (an unknown table, a missing or invalid file, a bad option)
print one line on stderr, in the command line's words (``--table``), and
exit with status 1 (2 for bad arguments); never a traceback. Only the
``build`` command reaches the build-time code, and only when it runs.
"""

from __future__ import annotations

import argparse
import functools
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn

from ._names import CITATION_FORMATS, EXPORT_FORMATS
from ._text import counted
from ._version import __version__
from .errors import BuildError, SadrIranDataError
from .identity import REPOSITORY_URL

if TYPE_CHECKING:
    import pandas as pd

    from .declarations import Column, Table
    from .validation import ValidationReport

PROG = "sadr-iran-data"
#: Set to show the traceback of an unexpected error instead of one line.
DEBUG = "SADR_IRAN_DATA_DEBUG"


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def _count(text: str) -> int:
    """A whole number of rows, 0 or more (for ``--limit``)."""
    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"a whole number of rows is needed, not {text!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError(f"a number of rows cannot be negative ({number})")
    return number


def _rollup(text: str) -> int | str:
    """A roll-up level (for ``--rollup``): a whole number is a depth, any other text a level's name, checked by the view."""
    try:
        return int(text)
    except ValueError:
        return text


def _path(text: str) -> Path:
    """A path given on the command line; an empty one is a mistake, not the current folder."""
    if not text.strip():
        raise argparse.ArgumentTypeError("a path is needed, not an empty string")
    return Path(text)


def _info(args: argparse.Namespace) -> int:
    from .dataset.integrity import read_manifest
    from .identity import NAME, article_citation

    manifest = read_manifest()
    print(f"{NAME} {manifest['version']}")
    print(f"source: {article_citation()}")
    width = max(len(n) for n in manifest["tables"])
    rows = {name: counted(entry["rows"], "row") for name, entry in manifest["tables"].items()}
    rows_width = max(map(len, rows.values()))
    print("tables:")
    for name, entry in manifest["tables"].items():
        print(f"  {name:<{width}}  {rows[name]:>{rows_width}}  {entry['description']}")
    return 0


def _find(args: argparse.Namespace) -> int:
    from .dataset.search import find

    found = find(args.text, limit=args.limit)
    if found.empty:
        raise SadrIranDataError(f"nothing is named {args.text!r}: try part of the name, or sid.find() in Python")
    if found["match"].iloc[0] == "did you mean":
        names = ", ".join(f"{row.matched} ({row.id})" for row in found.itertuples())
        raise SadrIranDataError(f"nothing is named {args.text!r}; did you mean {names}?")
    for row in found.to_dict("records"):
        matched = "" if row["matched"] == row["name"] else f"  [as {row['matched']!r}]"
        print(f"{row['id']}  {row['name']}{matched}  ({row['match']})")
    return 0


def _tables(args: argparse.Namespace) -> int:
    from .declarations import TABLES

    for table in TABLES.values():
        print(f"{table.name}\t{table.description}")
    return 0


#: The columns ``show`` prints as a table when ``--columns`` names none: enough to tell the rows apart and read them in
#: 80 columns, the longest text last.
SHOWN = {
    "citations": ("citation_id", "kind", "note_number", "author", "date", "title"),
    "actors": ("actor_id", "actor_type", "country", "name"),
    "locations": ("location_id", "location_type", "country", "name"),
    "events": ("event_id", "event_type", "date_edtf", "certainty", "summary"),
    "event_actors": ("event_id", "role", "actor_id"),
    "relations": ("relation_id", "relation_type", "certainty", "summary"),
    "evidence": ("evidence_id", "record_id", "quote"),
    "cues": ("cue_id", "record_id", "field", "value", "text"),
    "events_wide": ("event_id", "date_edtf", "initiator_names", "target_names", "place_name", "summary"),
    "relations_wide": ("relation_id", "source_name", "relation_type", "target_name", "confidence", "summary"),
    "evidence_with_sentences": ("evidence_id", "record_id", "quote", "sentence"),
}


def _show(args: argparse.Namespace) -> int:
    import dataclasses

    from .declarations import VIEWS, get_table

    table = get_table(args.table)
    if args.article is not None:
        from .declarations.views import EVIDENCE_WITH_SENTENCES

        if table.name != "evidence":
            raise SadrIranDataError(f"--article adds each quote's sentence to the evidence, not to {table.name}")
        table = EVIDENCE_WITH_SENTENCES
    if args.wide:
        if table.name not in VIEWS:
            raise SadrIranDataError(f"--wide shows events or relations, not {table.name}")
        table = VIEWS[table.name]
    table, rows = _table_rows(args, table)
    for column, value in args.where or ():
        rows = _where(table, rows, column, value)
    if args.columns is not None:
        names = args.columns
    elif args.format == "table":
        names = [name for name in SHOWN[table.name] if name in table.column_names]  # an earlier release may lack some
    else:
        names = list(table.column_names)
    table = dataclasses.replace(table, columns=tuple(_column(table, name) for name in names))
    rows = rows[: args.limit]
    if args.format == "csv":
        from .formats._writing import write_csv

        write_csv(sys.stdout, table, rows, formula_guard=args.formula_guard)
    elif args.format == "json":
        from .formats.json import json_records

        sys.stdout.write(json_records(table, rows))
    else:
        import shutil

        print(text_table(table, rows, shutil.get_terminal_size().columns))
    return 0


def _table_rows(args: argparse.Namespace, table: Table) -> tuple[Table, list[dict[str, Any]]]:
    """The rows ``show`` prints, with the declaration that types them (an earlier release's has the columns it had)."""
    from . import _version
    from .dataset.loaders import load

    if args.article is not None:
        from .dataset.article import with_sentences

        return table, with_sentences(args.article)
    if args.release is not None and not args.wide and args.release != _version.__version__:
        from .dataset.releases import check_version, release_table

        declared, arrow = release_table(table.name, check_version(args.release))
        return declared, arrow.to_pylist()
    rows: list[dict[str, Any]] = load(args.table, backend="arrow", wide=args.wide, rollup=args.rollup, version=args.release).to_pylist()
    return table, rows


def _column(table: Table, name: str) -> Column:
    """Column ``name`` of ``table``; an error that lists its columns if it has none of that name."""
    if name not in table.column_names:
        raise SadrIranDataError(f"{table.name} has no column {name!r}; its columns: {', '.join(table.column_names)}")
    return table.column(name)


def _where(table: Table, rows: list[dict[str, Any]], name: str, text: str) -> list[dict[str, Any]]:
    """The rows whose ``name`` is the value ``text`` reads as (a list: holds it as an item; empty text: no value)."""
    col = _column(table, name)
    if text == "":
        return [row for row in rows if row[name] is None or row[name] == []]
    if col.type == "list":
        return [row for row in rows if text in (row[name] or ())]
    import pyarrow as pa

    parsed = col.column_type.parse(pa.array([text], type=pa.string()), csv=True)
    if parsed.bad[0]:
        raise SadrIranDataError(f"--where {name}={text}: {col.column_type.failure(text)}")
    value = parsed.values[0].as_py()
    broken = next((rule for rule in col.constraints if rule.violated(value)), None)
    if broken is not None:  # no row can hold it: say why, rather than show no row
        raise SadrIranDataError(f"--where {name}={text}: {broken.message(value)}")
    return [row for row in rows if row[name] == value]


def _condition(text: str) -> tuple[str, str]:
    """``COLUMN=VALUE`` (for ``--where``)."""
    column, equals, value = text.partition("=")
    if not equals or not column.strip():
        raise argparse.ArgumentTypeError(f"COLUMN=VALUE is needed, not {text!r}")
    return column.strip(), value


def _columns(text: str) -> list[str]:
    """Column names joined by commas (for ``--columns``)."""
    names = [name.strip() for name in text.split(",")]
    if not all(names):
        raise argparse.ArgumentTypeError(f"column names joined by commas are needed, not {text!r}")
    return names


# --------------------------------------------------------------------------
# A table as text that fits the terminal
# --------------------------------------------------------------------------

_GAP = "  "
_CUT = "…"
#: The column types whose values are never cut.
_WHOLE = ("id", "int", "float", "date", "bool")


def _width(text: str) -> int:
    """How many terminal columns ``text`` takes: a wide (East Asian) character two, a combining mark none."""
    import unicodedata

    if text.isascii():
        return len(text)
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cut(text: str, width: int) -> str:
    """``text`` in at most ``width`` terminal columns, ending with "…" where it was cut."""
    if _width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        used += _width(char)
        if used > width - 1:
            break
        kept.append(char)
    return "".join(kept) + _CUT if width > 0 else ""


def _cell(col: Column, value: Any) -> str:
    """One value as the table shows it: empty for missing, a list's items joined with "; ", on one line."""
    if value is None:
        return ""
    text = "; ".join(map(str, value)) if col.type == "list" else col.column_type.to_text(value)
    return " ".join(text.split()) if any(c in text for c in "\n\r\t") else text


def _fit(natural: list[int], least: list[int], room: int) -> list[int]:
    """Column widths within ``room`` (gaps included): the widest columns narrowed first, none below ``least``."""
    gaps = len(_GAP) * (len(natural) - 1)
    if sum(natural) + gaps <= room:
        return natural
    low, high = 0, max(natural)  # the largest cap on a column's width that fits
    while low < high:
        cap = (low + high + 1) // 2
        if sum(max(m, min(n, cap)) for n, m in zip(natural, least, strict=True)) + gaps <= room:
            low = cap
        else:
            high = cap - 1
    widths = [max(m, min(n, low)) for n, m in zip(natural, least, strict=True)]
    spare = room - gaps - sum(widths)
    for i in sorted(range(len(widths)), key=lambda i: -natural[i]):  # what is left, to the columns cut most
        grow = min(spare, natural[i] - widths[i])
        widths[i] += max(grow, 0)
        spare -= max(grow, 0)
    return widths


def text_table(table: Table, rows: list[dict[str, Any]], width: int) -> str:
    """The rows of ``table`` as lines no wider than ``width``: a header, then a line per row.

    Long text is cut, the widest columns first, and ends with "…"; a text
    column is never narrower than its name (or its longest value, if
    shorter), and an id, a number, a date or a boolean is never cut. The
    columns that still do not fit are left out from the right (the first
    stays, cut to the width if need be), and a last line says how many.

    Examples
    --------
    >>> from sadr_iran_data.declarations import get_table
    >>> links = get_table("event_actors")
    >>> rows = [{"event_actor_id": "eva-0001-iran", "event_id": "evt-0001", "actor_id": "act-iran", "role": "initiator"}]
    >>> print(text_table(links, rows, 80))
    event_actor_id  event_id  actor_id  role
    eva-0001-iran   evt-0001  act-iran  initiator
    >>> print(text_table(links, rows, 39))
    event_actor_id  event_id  actor_id
    eva-0001-iran   evt-0001  act-iran
    (1 more column: --columns chooses them)
    """
    columns = list(table.columns)
    cells = [[_cell(col, row[col.name]) for col in columns] for row in rows]
    natural = [max([_width(col.name), *(_width(line[i]) for line in cells)]) for i, col in enumerate(columns)]
    # an id, a number, a date or a boolean is shown whole; text is cut, never below its column's name
    least = [n if col.type in _WHOLE else min(n, max(_width(col.name), 1)) for n, col in zip(natural, columns, strict=True)]
    room = max(width, 1)
    note = ""
    while len(columns) > 1 and sum(least[: len(columns)]) + len(_GAP) * (len(columns) - 1) > room:  # too many: leave out the last
        columns.pop()
        left_out = len(table.columns) - len(columns)
        note = _cut(f"({counted(left_out, 'more column')}: --columns chooses them)", room)
    least = [min(least[0], room), *least[1 : len(columns)]]  # the first column alone: cut to the width, id or not
    widths = _fit(natural[: len(columns)], least, room)
    numbers = [col.type in ("int", "float") for col in columns]

    def line(texts: list[str]) -> str:
        parts = []
        for text, size, right in zip(texts, widths, numbers, strict=False):
            shown = _cut(text, size)
            pad = " " * (size - _width(shown))
            parts.append(pad + shown if right else shown + pad)
        return _GAP.join(parts).rstrip()

    lines = [line([col.name for col in columns]), *(line(row) for row in cells)]
    if not rows:
        lines.append(_cut("(no rows)", room))
    return "\n".join([*lines, *([note] if note else [])])


def _validate(args: argparse.Namespace) -> int:
    import warnings

    from .errors import InputError, SkippedFilesWarning
    from .validation import validate, validate_tables
    from .validation._read import skipped_files, skipped_note, table_of

    paths: list[Path] = args.path
    mode: Literal["add", "replace"] = "replace" if args.replace_references else "add"
    folders = [path for path in paths if path.is_dir()]
    if folders and args.table is not None:
        raise InputError(f"{folders[0]} is a folder: each of its files is named after its table, so leave out --table")
    # files of different tables are checked against each other, as the files of one folder are; anything else path by path
    tables = [table_of(path, None).name for path in paths] if len(paths) > 1 and not folders and args.table is None else []
    groups: list[Path | dict[str, Path]] = [dict(zip(tables, paths, strict=True))] if len(set(tables)) == len(paths) > 1 else [*paths]
    reports: list[ValidationReport] = []
    notes: list[str] = []
    extra = args.extra_columns
    for group in groups:
        try:
            if isinstance(group, dict) or group.is_dir():
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", SkippedFilesWarning)  # said below, in the command line's words
                    found = validate_tables(group, references=not args.no_references, references_mode=mode, extra_columns=extra)
                reports += found.values()
                if isinstance(group, Path) and (skipped := skipped_files(group)):
                    notes.append(skipped_note(group, skipped))
            else:
                references = False if args.no_references else None
                reports.append(validate(group, args.table, references=references, references_mode=mode, extra_columns=extra))
        except SadrIranDataError:
            raise
        except Exception as exc:  # a file this command cannot check is shown in one line, never as a traceback
            reason = str(exc).splitlines()[0] if str(exc) else ""
            what = ", ".join(map(str, group.values())) if isinstance(group, dict) else group
            raise InputError(f"cannot check {what}: {type(exc).__name__}: {reason}") from None
    for note in notes:
        print(f"{PROG} validate: {note}", file=sys.stderr)
    ok = all(report.ok for report in reports)
    if args.format in ("csv", "json"):
        import pandas as pd

        _write_frame(pd.concat([report.to_frame() for report in reports], ignore_index=True), args.format)
    else:
        for report in reports:
            print(report if report.ok or args.all else _summary(report), file=sys.stdout if report.ok else sys.stderr)
    return 0 if ok else 1


_SHOWN = 20


def _write_frame(frame: pd.DataFrame, format: str) -> None:
    """A report's rows on stdout, as CSV or as a JSON array of records."""
    if format == "csv":
        frame.to_csv(sys.stdout, index=False)
    else:
        print(frame.to_json(orient="records", force_ascii=False, indent=1, default_handler=str))


def _summary(report: ValidationReport) -> str:
    """The heading, the failures counted by column and rule (the most frequent first), then the first failures."""
    counts = report.counts()
    lines = [report.heading(), "  by column and rule:"]
    lines += [f"    {column or '(table)'}: {rule} ×{count}" for (column, rule), count in list(counts.items())[:_SHOWN]]
    if len(counts) > _SHOWN:
        lines.append(f"    … and {counted(len(counts) - _SHOWN, 'more column and rule', 'more columns and rules')}")
    lines += ["  failures:", *(f"    {f}" for f in report.failures[:_SHOWN])]
    if len(report.failures) > _SHOWN:
        lines.append(f"    … and {len(report.failures) - _SHOWN} more: --all lists them, --format csv writes them all")
    return "\n".join(lines)


def _check_article(args: argparse.Namespace) -> int:
    from .dataset.article import check_article

    report = check_article(args.path)
    if args.format in ("csv", "json"):
        _write_frame(report.to_frame(), args.format)
        if not report.ok:
            print(report, file=sys.stderr)
        return 0 if report.ok else 1
    if report.ok:
        print(report)
        return 0
    missing = sorted((q for q in report.quotes if q.status == "missing"), key=lambda q: (q.char_start, q.evidence_id))
    lines = [str(report), *(f"  missing: {q.evidence_id} ({q.record_id}) at {q.char_start}-{q.char_end}" for q in missing[:_SHOWN])]
    if len(missing) > _SHOWN:
        lines.append(f"  … and {len(missing) - _SHOWN} more: --format csv lists every quote")
    print("\n".join(lines), file=sys.stderr)
    return 1


def _reader(args: argparse.Namespace) -> int:
    from .formats.reader import reader

    print(reader(args.path, args.out, force=args.force))
    return 0


def _verify(args: argparse.Namespace) -> int:
    from .dataset.integrity import verify

    result = verify()
    print(f"all {counted(len(result), 'file')} match the manifest" if len(result) != 1 else "the 1 file matches the manifest")
    return 0


def _cite(args: argparse.Namespace) -> int:
    from .formats.citation import cite

    print(cite(args.format, include_source=args.source))
    return 0


def _export(args: argparse.Namespace) -> int:
    from .formats._registry import REGISTRY
    from .formats.exports import export

    for path in export(args.format, args.folder, force=args.force, tables=args.table, formula_guard=args.formula_guard):
        print(path)
    summary = REGISTRY[args.format].summary
    if summary is not None:
        print(summary())
    return 0


def _build(args: argparse.Namespace) -> int:
    try:
        from ._build.command import build_command
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__}._build":
            raise
        # An installed wheel holds no build code: the build reads data/curated/ and the article's text, which only a clone has.
        raise BuildError(
            f"needs a source checkout: git clone {REPOSITORY_URL}, then pip install -e '.[build]' in it and run the build there"
        ) from None
    return build_command(root=args.root, out=args.out, release=args.release, date=args.date, check=args.check)


def report_format(p: argparse.ArgumentParser, text: str, rows: str) -> None:
    p.add_argument("--format", choices=("text", "csv", "json"), default="text", help=f"text: {text}; csv, json: {rows} on stdout")


def formula_guard(p: argparse.ArgumentParser, formats: str) -> None:
    p.add_argument(
        "--formula-guard",
        action=argparse.BooleanOptionalAction,
        default=True,
        help=f"{formats}: put an apostrophe before text cells that start like a spreadsheet formula (default: on)",
    )


#: Adds a subcommand: its name, the function that runs it and its help; returns its parser.
_Command = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def _article_commands(command: _Command) -> None:
    """The commands that read the user's own copy of the article."""
    art = command("check-article", _check_article, "check your copy of the article: is every evidence quote in it, and where")
    art.add_argument("path", metavar="PATH", type=_path, help="a UTF-8 text file of the article")
    report_format(art, "a one-line summary (on stderr, with the missing quotes, if any is missing)", "every quote's old and new offsets")
    rdr = command(
        "reader",
        _reader,
        "write your copy of the article as one HTML page: every quote and cue highlighted, every row's coded values beside its words",
    )
    rdr.add_argument("path", metavar="PATH", type=_path, help="a UTF-8 text file of the article (checked as check-article checks it)")
    rdr.add_argument("out", metavar="OUT", type=_path, help="the HTML file to write")
    rdr.add_argument("--force", action="store_true", help="overwrite OUT if it exists")


@functools.cache  # built once: main() may run many times in one process, and parsing leaves the parser as it was
def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog=PROG, description="Evidence-backed tables on Moqtada al-Sadr and Tehran (2007).")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, func: Callable[[argparse.Namespace], int], help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(func=func)
        return p

    command("info", _info, "dataset name, version, source article and row counts")
    command("tables", _tables, "list the tables")
    fnd = command("find", _find, "find actors, places and citations by name or alias (any case, accents or transliteration)")
    fnd.add_argument("text", metavar="TEXT")
    fnd.add_argument("--limit", type=_count, metavar="N", default=10, help="print at most N matches (default: 10)")
    show = command("show", _show, "print a table, as wide as the terminal ($COLUMNS)")
    show.add_argument("table")
    show.add_argument("--limit", type=_count, metavar="N", help="print only the first N rows")
    show.add_argument(
        "--columns",
        type=_columns,
        metavar="A,B",
        help="print these columns, in this order (default: the table's main columns as a table, all of them as csv or json)",
    )
    show.add_argument(
        "--where",
        type=_condition,
        action="append",
        metavar="COLUMN=VALUE",
        help="print only the rows whose COLUMN is VALUE (a list column: holds it; nothing after =: is empty); repeatable, all must hold",
    )
    show.add_argument("--wide", action="store_true", help="events or relations as their wide view: actors, place, coordinates, evidence")
    show.add_argument(
        "--rollup",
        type=_rollup,
        metavar="LEVEL",
        help="with --wide: count every actor as its state ('state'), or as its ancestor N levels below the top of its hierarchy "
        "(a whole number N); structural relations keep their actors",
    )
    show.add_argument("--format", choices=("table", "csv", "json"), default="table", help="json: as the JSON export writes it")
    show.add_argument("--version", dest="release", metavar="X.Y.Z", help="show this release's table instead of the installed one's")
    show.add_argument(
        "--article", type=_path, metavar="PATH", help="with evidence: add each quote's full sentence from your own copy of the article"
    )
    formula_guard(show, "csv")
    val = command(
        "validate",
        _validate,
        "validate CSV or Parquet files, or folders of them, against the tables' declarations; "
        "files of different tables, like a folder's files, are checked against each other",
    )
    val.add_argument(
        "path",
        metavar="PATH",
        nargs="+",
        type=_path,
        help="a .csv or .parquet file, or a folder of files named after their tables (its other files are listed as skipped)",
    )
    val.add_argument("--table", help="table each file holds (default: from the file name); each file is then checked on its own")
    val.add_argument("--no-references", action="store_true", help="skip the foreign-key checks")
    val.add_argument(
        "--replace-references",
        action="store_true",
        help="keys refer only to the tables of the folder, not also to the shipped tables (default: both)",
    )
    val.add_argument(
        "--extra-columns", choices=("error", "ignore"), default="error", help="columns the table does not declare: fail (default) or ignore"
    )
    val.add_argument("--all", action="store_true", help="print every failure, not the first 20")
    report_format(val, "a report (on stderr if invalid)", "every failure")
    command("verify", _verify, "check every shipped file against the manifest")
    _article_commands(command)
    cit = command("cite", _cite, "cite this dataset version (and the source article)")
    cit.add_argument("--format", choices=CITATION_FORMATS, default="text")
    cit.add_argument("--source", action=argparse.BooleanOptionalAction, default=True, help="also cite the source article (default: on)")
    exp = command(
        "export",
        _export,
        "write the tables as CSV, Parquet, JSON, NDJSON, SQLite, DuckDB, GeoJSON, GraphML, a Data Package, W3C Web Annotations, "
        "Parquet with a Croissant description, Stata files, or the events in ACLED's or UCDP GED's layout "
        "(printing how many were written and left out, and why)",
    )
    exp.add_argument("folder", metavar="DIR", type=_path)
    exp.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    exp.add_argument("--table", action="append", metavar="TABLE", help="export only this table (repeatable; default: all)")
    exp.add_argument("--force", action="store_true", help="overwrite existing files")
    formula_guard(exp, "csv, datapackage, acled, ucdp-ged")
    bld = command("build", _build, "build the tables and every generated file from data/curated/ (in a clone of the repository)")
    bld.add_argument("--root", type=_path, help="the repository (default: found from the current folder)")
    bld.add_argument("--out", type=_path, help="write only the data files, into this folder, and leave the repository as it is")
    bld.add_argument(
        "--release", metavar="X.Y.Z", help="release this version: set it, rebuild, regenerate every generated file, archive it"
    )
    bld.add_argument("--date", metavar="YYYY-MM-DD", help="with --release: its date (default: the one recorded for it, or today)")
    bld.add_argument(
        "--check",
        action="store_true",
        help="check data/curated/ against every rule and coding rule, print each finding, and write nothing",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    name = f"{PROG} {args.command}"
    try:
        return int(args.func(args))
    except BuildError as exc:  # every problem of the curated data, one per line
        print(f"{name}: {exc.cli_message or exc}", file=sys.stderr)
        return 1
    except SadrIranDataError as exc:
        print(f"{name}: {(exc.cli_message or str(exc)).splitlines()[0]}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a folder that cannot be written, a full disk, …
        where = f" {exc.filename}" if exc.filename else ""
        print(f"{name}: cannot access{where}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"{name}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get(DEBUG):
            raise
        reason = (str(exc).splitlines() or [""])[0]
        print(f"{name}: unexpected {type(exc).__name__}: {reason} (set {DEBUG}=1 to see where)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
