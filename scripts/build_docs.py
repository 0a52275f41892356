"""Write the generated pages of the documentation site from the installed package.

    python scripts/build_docs.py           # (re)write the pages
    python scripts/build_docs.py --check   # exit 1, naming them, if any page is stale

The pages are the data dictionary (from the table declarations), the CLI
reference (from ``sadr-iran-data --help`` and each command's help), the
citation page (from ``sid.cite()``), the changelog (from ``CHANGELOG.md``) and
the numbers page (from the shipped tables). The figures come from
``scripts/make_figures.py``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import sadr_iran_data as sid

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
CLI = "sadr-iran-data"
HELP_WIDTH = "88"


def _header(source: str) -> str:
    return f"<!-- Generated from {source} by scripts/build_docs.py; edit the source and rerun the script. -->\n\n"


def _fence(text: str, lang: str = "text") -> str:
    return f"```{lang}\n{text.rstrip()}\n```"


# --------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------


def data_dictionary_page() -> str:
    """Every column of every table, then every vocabulary, from the declarations."""
    from sadr_iran_data.data_dictionary import render_markdown

    intro = (
        "# Data dictionary\n\n"
        "Every column of every table and every value of every controlled vocabulary, generated from the table "
        "declarations in `sadr_iran_data.declarations`. The same information is available as data: "
        "`sid.codebook()` (one row per column) and `sid.vocabularies()` (one row per value). The "
        "[codebook](codebook.md) explains how the article's text is coded into these values.\n\n"
    )
    return _header("sadr_iran_data.declarations") + intro + render_markdown()


def _help(*args: str) -> str:
    """The help text of ``sadr-iran-data ARGS --help``, at a fixed width and without colour."""
    env = {**os.environ, "COLUMNS": HELP_WIDTH, "NO_COLOR": "1", "PYTHON_COLORS": "0", "TERM": "dumb"}
    result = subprocess.run(
        [sys.executable, "-m", "sadr_iran_data.cli", *args, "--help"], capture_output=True, text=True, env=env, check=True
    )
    return result.stdout


def commands() -> list[str]:
    """The subcommands listed under COMMAND in ``sadr-iran-data --help``, in their order."""
    lines = _help().splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == "COMMAND")
    names = []
    for line in lines[start + 1 :]:
        if not line.strip():
            break
        match = re.match(r"^ {4}(\S+)", line)
        if match:
            names.append(match.group(1))
    return names


def cli_page() -> str:
    """The help of the command and of each subcommand."""
    parts = [
        "# Command line",
        f"Installing the package installs the `{CLI}` command. Every subcommand prints its help with "
        f"`--help`; the text below is that help, verbatim. A mistake (an unknown table, a missing file) "
        "prints one line on standard error and exits with status 1 (2 for bad arguments).",
        _fence(f"$ {CLI} --help\n{_help()}", "console"),
    ]
    for name in commands():
        parts += [f"## `{name}`", _fence(f"$ {CLI} {name} --help\n{_help(name)}", "console")]
    return _header(f"`{CLI} --help`") + "\n\n".join(parts) + "\n"


def citing_page() -> str:
    """How to cite this dataset version, with the output of ``sid.cite()``."""
    from sadr_iran_data.citation import cite, cite_source

    parts = [
        "# Citing",
        f"Cite the version of the dataset you used **and** the article it is built from. This is version "
        f"**{sid.__version__}**; `sid.__version__` tells you the version you have installed, and "
        f"[Versions and releases](releasing.md) explains what a version number promises.",
        "## The dataset",
        'In BibTeX, `sid.cite("bibtex")` or `sadr-iran-data cite --format bibtex`:',
        _fence(cite("bibtex"), "bibtex"),
        'In APA style, `sid.cite("apa")`:',
        _fence(cite("apa")),
        "## The source article",
        '`sid.cite_source("bibtex")`:',
        _fence(cite_source("bibtex"), "bibtex"),
        '`sid.cite("bibtex", include_source=True)` gives both entries at once. `sid.cite()` also writes plain '
        "text (`text`), CSL-JSON (`csl-json`) and Citation File Format (`cff`, the content of the repository's "
        "`CITATION.cff`, which names the article among its references).",
        "## Versions",
        "Pin the version you cite so that others load exactly the rows you used:",
        _fence(f"pip install sadr-iran-data=={sid.__version__}", "console"),
        "What changed between versions is in the [changelog](changelog.md) and, record by record, in "
        '`sid.changes(since="1.0.0")`. [Versions and releases](releasing.md) describes the numbering and the '
        "release procedure.",
    ]
    return _header("sadr_iran_data.citation") + "\n\n".join(parts) + "\n"


def changelog_page() -> str:
    """``CHANGELOG.md``, with its links into ``docs/`` made relative to the site."""
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    return _header("CHANGELOG.md") + re.sub(r"\]\(docs/", "](", text)


def _counts(series: object, vocabulary: tuple[str, ...]) -> list[tuple[str, int]]:
    counts = series.value_counts()  # type: ignore[attr-defined]
    return [(value, int(counts.get(value, 0))) for value in vocabulary if counts.get(value, 0)]


def _table(header: tuple[str, str], rows: list[tuple[str, object]]) -> str:
    lines = [f"| {header[0]} | {header[1]} |", "| --- | ---: |"]
    lines += [f"| {a} | {b} |" for a, b in rows]
    return "\n".join(lines)


def numbers_page() -> str:
    """Row counts and the spread of the main vocabularies, read from the shipped tables."""
    from sadr_iran_data.declarations import TABLES, VOCABULARIES

    frames = sid.load_all()
    events, relations, places = frames["events"], frames["relations"], frames["locations"]
    dated = events["date_start"].dropna()
    parts = [
        "# The data in numbers",
        f"Counts in version {sid.__version__} of the dataset, read from the shipped tables.",
        "## Tables",
        _table(("table", "rows"), [(f"[`{name}`](tables.md#{name})", len(frames[name])) for name in TABLES]),
        "## Events",
        f"Dated events start between {dated.min().year} and {dated.max().year}; "
        f"{int(events['date_start'].isna().sum())} are dated only as before publication, and "
        f"{int(events['date_end'].isna().sum())} are forecasts with no end. "
        f"{int(events['location_id'].notna().sum())} events are placed, "
        f"{int(events['citation_id'].notna().sum())} are supported by a footnote.",
        "### By certainty",
        _table(("certainty", "events"), _counts(events["certainty"], VOCABULARIES["certainty"].values)),
        "### By date precision",
        _table(("date_precision", "events"), _counts(events["date_precision"], VOCABULARIES["date_precision"].values)),
        "### By type",
        _table(("event_type", "events"), _counts(events["event_type"], VOCABULARIES["event_type"].values)),
        "## Relations",
        _table(("relation_type", "relations"), _counts(relations["relation_type"], VOCABULARIES["relation_type"].values)),
        "## Actors",
        _table(("actor_type", "actors"), _counts(frames["actors"]["actor_type"], VOCABULARIES["actor_type"].values)),
        "## Places",
        f"{int(places['latitude'].notna().sum())} of {len(places)} places have coordinates (see the [map](charts.md#places)).",
        _table(("location_type", "places"), _counts(places["location_type"], VOCABULARIES["location_type"].values)),
    ]
    return _header("the shipped tables") + "\n\n".join(parts) + "\n"


PAGES: dict[str, Callable[[], str]] = {
    "data-dictionary.md": data_dictionary_page,
    "cli.md": cli_page,
    "citing.md": citing_page,
    "changelog.md": changelog_page,
    "numbers.md": numbers_page,
}


def pages() -> dict[str, str]:
    """Every generated page's file name and content."""
    return {name: render() for name, render in PAGES.items()}


def stale(docs: Path = DOCS) -> list[str]:
    """Names of the generated pages that are missing or differ from what the script writes."""
    return [name for name, text in pages().items() if not (docs / name).exists() or (docs / name).read_text(encoding="utf-8") != text]


def write(docs: Path = DOCS) -> list[Path]:
    """Write every generated page into ``docs``; returns the files written."""
    written = []
    for name, text in pages().items():
        path = docs / name
        path.write_text(text, encoding="utf-8", newline="\n")
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a generated page is stale")
    parser.add_argument("--docs", type=Path, default=DOCS, help="docs folder (default: docs/)")
    args = parser.parse_args(argv)
    if args.check:
        names = stale(args.docs)
        for name in names:
            print(f"stale: docs/{name} (run python scripts/build_docs.py)", file=sys.stderr)
        return 1 if names else 0
    for path in write(args.docs):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
