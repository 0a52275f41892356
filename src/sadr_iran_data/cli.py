"""The ``sadr-iran-data`` command.

User mistakes (an unknown table, a missing or invalid file) print one line on
stderr and exit with status 1 (2 for bad arguments); never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from ._formats import CITATION_FORMATS, EXPORT_FORMATS
from ._version import __version__
from .errors import SadrIranDataError


def _info(args: argparse.Namespace) -> int:
    from .integrity import read_manifest

    manifest = read_manifest()
    src = manifest["source"]
    print(f"{manifest['name']} {manifest['version']}")
    print(
        f"source: {src['author']}, “{src['title']}”, {src['outlet']} vol. {src['volume']}, issue {src['issue']}, "
        f"{src['publisher']}, {str(src['date'])[:4]}. {src['url']}"
    )
    width = max(len(n) for n in manifest["tables"])
    print("tables:")
    for name, entry in manifest["tables"].items():
        print(f"  {name:<{width}}  {entry['rows']:>5} rows  {entry['description']}")
    return 0


def _tables(args: argparse.Namespace) -> int:
    from .declarations import TABLES

    for table in TABLES.values():
        print(f"{table.name}\t{table.description}")
    return 0


def _show(args: argparse.Namespace) -> int:
    from .loaders import load

    if args.format == "csv":
        from .declarations import get_table
        from .exports import write_csv

        rows = load(args.table, backend="arrow").to_pylist()
        write_csv(sys.stdout, get_table(args.table), rows[: args.limit], formula_guard=args.formula_guard)
        return 0
    df = load(args.table)
    if args.limit is not None:
        df = df.head(args.limit)
    if args.format == "json":
        print(df.to_json(orient="records", date_format="iso", force_ascii=False, indent=1))
    else:
        import pandas as pd

        with pd.option_context("display.max_columns", None, "display.width", 200, "display.max_colwidth", 40):
            print(df.to_string(index=False))
    return 0


def _validate(args: argparse.Namespace) -> int:
    from .errors import InputError
    from .validation import validate

    references = False if args.no_references else None
    try:
        report = validate(Path(args.file), args.table, references=references, extra_columns=args.extra_columns)
    except SadrIranDataError:
        raise
    except Exception as exc:  # a file this command cannot check is shown in one line, never as a traceback
        reason = str(exc).splitlines()[0] if str(exc) else ""
        raise InputError(f"cannot check {args.file}: {type(exc).__name__}: {reason}") from None
    if args.format == "csv":
        report.to_frame().to_csv(sys.stdout, index=False)
    elif args.format == "json":
        print(report.to_frame().to_json(orient="records", force_ascii=False, indent=1, default_handler=str))
    else:
        print(report if report.ok or args.all else _summary(report), file=sys.stdout if report.ok else sys.stderr)
    return 0 if report.ok else 1


_SHOWN = 20


def _summary(report) -> str:
    """The heading, the failures counted by column and rule, then the first failures."""
    lines = [report.heading(), "  by column and rule:"]
    lines += [f"    {column or '(table)'}: {rule} ×{count}" for (column, rule), count in report.counts().items()]
    lines += ["  failures:", *(f"    {f}" for f in report.failures[:_SHOWN])]
    if len(report.failures) > _SHOWN:
        lines.append(f"    … and {len(report.failures) - _SHOWN} more: --all lists them, --format csv writes them all")
    return "\n".join(lines)


def _verify(args: argparse.Namespace) -> int:
    from .integrity import verify

    result = verify()
    print(f"all {len(result)} files match the manifest")
    return 0


def _cite(args: argparse.Namespace) -> int:
    from .citation import cite

    print(cite(args.format, include_source=args.source))
    return 0


def _export(args: argparse.Namespace) -> int:
    from .exports import export

    for path in export(args.format, Path(args.folder), force=args.force, tables=args.table, formula_guard=args.formula_guard):
        print(path)
    return 0


def _build(args: argparse.Namespace) -> int:
    from .build import main

    argv = [
        *(["--root", str(args.root)] if args.root else []),
        *(["--out", str(args.out)] if args.out else []),
        *(["--release"] if args.release else []),
    ]
    return main(argv)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sadr-iran-data", description="Evidence-backed tables on Moqtada al-Sadr and Tehran (2007).")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def command(name: str, func: Callable[[argparse.Namespace], int], help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, description=help)
        p.set_defaults(func=func)
        return p

    command("info", _info, "dataset name, version, source article and row counts")
    command("tables", _tables, "list the tables")
    show = command("show", _show, "print a table")
    show.add_argument("table")
    show.add_argument("--limit", type=int, metavar="N")
    show.add_argument("--format", choices=("table", "csv", "json"), default="table")
    show.add_argument(
        "--formula-guard",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="csv: put an apostrophe before text cells that start like a spreadsheet formula (default: on)",
    )
    val = command("validate", _validate, "validate a CSV or Parquet file against a table's schema")
    val.add_argument("file")
    val.add_argument("--table", help="table the file holds (default: from the file name)")
    val.add_argument("--no-references", action="store_true", help="skip foreign-key checks against the shipped tables")
    val.add_argument(
        "--extra-columns", choices=("error", "ignore"), default="error", help="columns the table does not declare: fail (default) or ignore"
    )
    val.add_argument("--all", action="store_true", help="print every failure, not the first 20")
    val.add_argument(
        "--format",
        choices=("text", "csv", "json"),
        default="text",
        help="text: a report (on stderr if invalid); csv, json: every failure on stdout",
    )
    command("verify", _verify, "check every shipped file against the manifest")
    cit = command("cite", _cite, "cite this dataset version (and the source article)")
    cit.add_argument("--format", choices=CITATION_FORMATS, default="text")
    cit.add_argument(
        "--source", action=argparse.BooleanOptionalAction, default=None, help="also cite the source article (default: only in cff)"
    )
    exp = command("export", _export, "write the tables as CSV, Parquet, JSON, NDJSON, SQLite, DuckDB, GeoJSON, GraphML or a Data Package")
    exp.add_argument("folder", metavar="DIR")
    exp.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    exp.add_argument("--table", action="append", metavar="TABLE", help="export only this table (repeatable; default: all)")
    exp.add_argument("--force", action="store_true", help="overwrite existing files")
    exp.add_argument(
        "--formula-guard",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="csv, datapackage: put an apostrophe before text cells that start like a spreadsheet formula (default: on)",
    )
    bld = command("build", _build, "build the tables from data/curated/ (in a clone of the repository)")
    bld.add_argument("--root", type=Path)
    bld.add_argument("--out", type=Path)
    bld.add_argument("--release", action="store_true", help="archive this version in data/releases/ first")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except SadrIranDataError as exc:
        print(f"sadr-iran-data {args.command}: {str(exc).splitlines()[0]}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0
    except OSError as exc:  # a folder that cannot be written, a full disk, …
        where = f" {exc.filename}" if exc.filename else ""
        print(f"sadr-iran-data {args.command}: cannot access{where}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"sadr-iran-data {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
