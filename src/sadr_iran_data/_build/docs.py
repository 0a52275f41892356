"""The generated pages of the documentation site, and the generated blocks of the README.

``sadr-iran-data build`` writes them; ``python -m sadr_iran_data._build.docs
--check`` exits 1, naming them, if any is stale.

The pages are the data dictionary (from the table declarations), the CLI
reference (from ``sadr-iran-data --help`` and each command's help), the
citation page (from ``sid.cite()``), the changelog (from ``CHANGELOG.md``) and
the numbers page (from the shipped tables). The README's numbers and
version-specific citation come from the same places. The figures come from
:mod:`sadr_iran_data._build.figures`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import sadr_iran_data as sid

from ..identity import NAME
from .curated import find_root
from .files import write_text
from .helptext import commands_in
from .reliability import reliability_page

#: The documentation's folder, relative to the repository's root.
DOCS = Path("docs")
CLI = NAME
HELP_WIDTH = "88"


def _header(source: str) -> str:
    return f"<!-- Generated from {source} by `sadr-iran-data build`; edit the source and rebuild. -->\n\n"


def _fence(text: str, lang: str = "text") -> str:
    return f"```{lang}\n{text.rstrip()}\n```"


def pin_block() -> str:
    """How to install exactly this version: from PyPI once it is published there, and from its tag meanwhile."""
    from ..identity import REPOSITORY_URL

    version = sid.__version__
    return (
        _fence(
            f"pip install {NAME}=={version}  # from PyPI, once the release is published there\n"
            f'pip install "{NAME} @ git+{REPOSITORY_URL}@v{version}"  # from the release\'s tag',
            "console",
        )
        + "\n\nThe package is not on PyPI until a release tag has run the release workflow "
        "([docs/releasing.md](docs/releasing.md)); the second command installs the same version from its tag."
    )


# --------------------------------------------------------------------------
# Pages
# --------------------------------------------------------------------------


def data_dictionary_page() -> str:
    """Every column of every table, then every vocabulary, from the declarations."""
    from ..declarations.dictionary import render_markdown

    intro = (
        "# Data dictionary\n\n"
        "Every column of every table and every value of every controlled vocabulary, generated from the table "
        "declarations in `sadr_iran_data.declarations`. The same information is available as data: "
        "`sid.codebook()` (one row per column) and `sid.vocabularies()` (one row per value). The "
        "[codebook](codebook.md) explains how the article's text is coded into these values.\n\n"
    )
    return _header("sadr_iran_data.declarations") + intro + render_markdown()


# Prints, as a JSON list, what ``sadr-iran-data ARGS --help`` prints for each ARGS in the JSON list it is given;
# given null, what ``sadr-iran-data --help`` prints and then the help of each subcommand it lists.
_HELPS = """
import contextlib, io, json, sys
from sadr_iran_data.cli import main
from sadr_iran_data._build.helptext import commands_in

def helped(args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
        main([*args, "--help"])
    return out.getvalue()

wanted = json.loads(sys.argv[1])
if wanted is None:
    top = helped([])
    texts = [top, *(helped([name]) for name in commands_in(top))]
else:
    texts = [helped(args) for args in wanted]
print(json.dumps(texts))
"""


def _helps(*commands: Sequence[str]) -> list[str]:
    """The help text of ``sadr-iran-data ARGS --help`` for each ARGS (none: the command's, then every subcommand's).

    They come from one fresh process, whose terminal is of a fixed width and has no colours.
    """
    env = {**os.environ, "COLUMNS": HELP_WIDTH, "NO_COLOR": "1", "PYTHON_COLORS": "0", "TERM": "dumb"}
    wanted = [list(args) for args in commands] if commands else None
    command = [sys.executable, "-c", _HELPS, json.dumps(wanted)]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=True)  # noqa: S603 (this interpreter, our own code)
    texts: list[str] = json.loads(result.stdout)
    return texts


def commands() -> list[str]:
    """The subcommands listed under COMMAND in ``sadr-iran-data --help``, in their order."""
    (top,) = _helps(())
    return commands_in(top)


def cli_page() -> str:
    """The help of the command and of each subcommand."""
    top, *helps = _helps()
    names = commands_in(top)
    parts = [
        "# Command line",
        f"Installing the package installs the `{CLI}` command. Every subcommand prints its help with "
        f"`--help`; the text below is that help, verbatim. A mistake (an unknown table, a missing file) "
        "prints one line on standard error and exits with status 1 (2 for bad arguments).",
        _fence(f"$ {CLI} --help\n{top}", "console"),
    ]
    for name, text in zip(names, helps, strict=True):
        parts += [f"## `{name}`", _fence(f"$ {CLI} {name} --help\n{text}", "console")]
    return _header(f"`{CLI} --help`") + "\n\n".join(parts) + "\n"


def citing_page() -> str:
    """How to cite this dataset version, with the output of ``sid.cite()``."""
    from ..formats.citation import cite, cite_source

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
        pin_block().replace("(docs/releasing.md)", "(releasing.md)"),
        "What changed between versions is in the [changelog](changelog.md) and, record by record, in "
        '`sid.changes(since="1.0.0")`. [Versions and releases](releasing.md) describes the numbering and the '
        "release procedure.",
    ]
    return _header("sadr_iran_data.formats.citation") + "\n\n".join(parts) + "\n"


def changelog_page(root: Path) -> str:
    """The repository's ``CHANGELOG.md``, with its links into ``docs/`` made relative to the site."""
    text = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    return _header("CHANGELOG.md") + re.sub(r"\]\(docs/", "](", text)


def _counts(series: Any, vocabulary: tuple[str, ...]) -> list[tuple[str, int]]:
    counts = series.value_counts()
    return [(value, int(counts.get(value, 0))) for value in vocabulary if counts.get(value, 0)]


def _table(header: tuple[str, str], rows: Sequence[tuple[str, object]]) -> str:
    lines = [f"| {header[0]} | {header[1]} |", "| --- | ---: |"]
    lines += [f"| {a} | {b} |" for a, b in rows]
    return "\n".join(lines)


def numbers_page() -> str:
    """Row counts and the spread of the main vocabularies, read from the shipped tables."""
    from ..declarations import TABLES, VOCABULARIES

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


#: Every generated page, and how it is written from the repository's root (which only some of them read).
PAGES: dict[str, Callable[[Path], str]] = {
    "data-dictionary.md": lambda root: data_dictionary_page(),
    "cli.md": lambda root: cli_page(),
    "citing.md": lambda root: citing_page(),
    "changelog.md": changelog_page,
    "numbers.md": lambda root: numbers_page(),
    "reliability.md": reliability_page,
}


def pages(root: Path) -> dict[str, str]:
    """Every generated page's file name and content, for the repository at ``root``."""
    return {name: render(root) for name, render in PAGES.items()}


def stale(root: Path, docs: Path | None = None) -> list[str]:
    """Names of the generated pages in ``docs`` (default: the repository's) that are missing or differ from what the build writes."""
    docs = root / DOCS if docs is None else docs
    return [name for name, text in pages(root).items() if not (docs / name).exists() or (docs / name).read_text(encoding="utf-8") != text]


def write(root: Path, docs: Path | None = None) -> list[Path]:
    """Write every generated page into ``docs`` (default: the repository's); returns the files written."""
    docs = root / DOCS if docs is None else docs
    written = []
    for name, text in pages(root).items():
        write_text(docs / name, text)
        written.append(docs / name)
    return written


# --------------------------------------------------------------------------
# README blocks: <!-- generated:NAME --> … <!-- /generated:NAME -->
# --------------------------------------------------------------------------


def _numbers_sentence(root: Path) -> str:
    from .ledger import read_ledger

    frames = sid.load_all(backend="arrow")
    rows = {name: frame.num_rows for name, frame in frames.items()}
    footnotes = frames["citations"].column("note_number").drop_null()
    return (
        f"Version {sid.__version__} holds the whole article: {rows['citations']} citations (the article and its "
        f"{len(footnotes)} footnotes), {rows['actors']} actors, {rows['locations']} places, {rows['events']} events, "
        f"{rows['event_actors']} event–actor links, {rows['relations']} relations and {rows['evidence']} evidence quotes; "
        f"all {len(read_ledger(root))} sentences of the article are accounted for in `data/curated/ledger.yaml`."
    )


def _grounding_sentence() -> str:
    """What the evidence and cues ship of the article, measured on the installed tables."""
    from ..rules.shipped_text import SHARE_LIMIT, shipped_share

    frames = sid.load_all(backend="arrow")
    rows = {name: frame.to_pylist() for name, frame in frames.items() if name in ("citations", "evidence", "cues")}
    (shipped, length), *_ = shipped_share(rows).values()
    words = max(len(row["quote"].split()) for row in rows["evidence"])
    fields: dict[str, int] = {}
    for cue in rows["cues"]:
        fields[cue["field"]] = fields.get(cue["field"], 0) + 1
    counts = ", ".join(f"{n} `{field}`" for field, n in sorted(fields.items(), key=lambda kv: (-kv[1], kv[0])))
    return (
        f"The {len(rows['evidence'])} evidence quotes are the shortest spans that carry their rows (the longest is {words} words), "
        f"and the {len(rows['cues'])} cues pin each coded value to its words ({counts}). Together they ship {shipped:,} of "
        f"the article's {length:,} characters ({shipped / length:.1%}; the build refuses more than {SHARE_LIMIT:.0%}); "
        "the rest of each sentence comes from your own copy (`sid.load_evidence(article=PATH)`)."
    )


def _reliability_sentence(root: Path) -> str:
    """The reliability study in one sentence: its coders and rounds, and the held-out round's range of alpha."""
    from . import heldout

    coders = sorted((root / heldout.FOLDER).glob("*coder-*.csv"))
    fields = heldout.measure_installed(root)["fields"]
    low, high = min(fields, key=lambda f: f["all"]), max(fields, key=lambda f: f["all"])
    below = [f"`{f['field']}`" for f in fields if f["all"] < 0.80]
    return (
        f"Every record was audited against the [codebook](docs/codebook.md)'s coding rules, which `sid.validate` applies "
        f"to your data too, and {len(coders)} blind coders in four rounds re-coded the events and relations "
        f"([reliability](docs/reliability.md)). In the held-out round (two fresh coders, a codebook with no example from "
        f"the article), Krippendorff's α of the tables and the coders ranges from {low['all']:.2f} "
        f"(`{low['field']}`) to {high['all']:.2f} (`{high['field']}`)"
        + (f"; below 0.80: {', '.join(below)}." if below else "; every field is at or above 0.80.")
    )


def readme_blocks(root: Path) -> dict[str, str]:
    """The README's generated blocks: its numbers, the version to pin and the citation of this version."""
    from ..formats.citation import cite

    return {
        "numbers": _numbers_sentence(root),
        "grounding": _grounding_sentence(),
        "reliability": _reliability_sentence(root),
        "pin": pin_block(),
        "citation": f"For {sid.__version__}:\n\n" + _fence(cite("bibtex", include_source=True), "bibtex"),
    }


_BLOCK = re.compile(r"(<!-- generated:(\w+) -->\n)(.*?)(\n<!-- /generated:\2 -->)", re.DOTALL)


def fill_blocks(text: str, blocks: dict[str, str]) -> str:
    """``text`` with every ``<!-- generated:NAME -->`` block rewritten from ``blocks``."""
    return _BLOCK.sub(lambda m: m.group(1) + blocks[m.group(2)] + m.group(4), text)


def readme(text: str, root: Path) -> str:
    """``text`` (a README) with every generated block rewritten."""
    return fill_blocks(text, readme_blocks(root))


def codebook(text: str) -> str:
    """``text`` (docs/codebook.md) with its PLOVER, support and country-code blocks rewritten."""
    from .codes import codebook_blocks

    return fill_blocks(text, codebook_blocks())


def interoperability(text: str) -> str:
    """``text`` (docs/interoperability.md) with its layout tables and counts rewritten from :mod:`sadr_iran_data.formats.layouts`."""
    from .interop import interoperability_blocks

    return fill_blocks(text, interoperability_blocks())


def datasette_page(text: str) -> str:
    """``text`` (docs/datasette.md) with its table of the facets the SQLite export's metadata sets up rewritten."""
    from ..dataset.views import wide_arrow
    from ..declarations import TABLES
    from ..declarations.dictionary import _markdown_table
    from ..formats.sqlite import DATABASE, _datasette_metadata

    tables = _datasette_metadata(tuple(TABLES))["databases"][DATABASE]["tables"]
    rows: list[tuple[str, ...]] = [(f"`{name}`", ", ".join(f"`{c}`" for c in t["facets"])) for name, t in tables.items()]
    mapped = sum(row["latitude"] is not None for row in wide_arrow("events").to_pylist())
    return fill_blocks(
        text, {"facets": _markdown_table(("table", "facets"), rows), "mapped": f"the {mapped} events whose place has a point"}
    )


def article_page(text: str) -> str:
    """docs/article.md with its example: the exported Web Annotation of the first quote that places the town of Mehran."""
    import json

    from ..formats.web_annotations import iri, to_web_annotations

    evidence = [row for row in sid.load("evidence", backend="arrow").to_pylist() if row["record_id"] == "loc-mehran"]
    first = min(evidence, key=lambda row: (row["char_start"], row["char_end"]))
    (annotation,) = [a for a in to_web_annotations() if a["id"] == iri(first["evidence_id"])]
    return fill_blocks(text, {"annotation": f"```json\n{json.dumps(annotation, indent=2, ensure_ascii=False)}\n```"})


#: The pages with generated blocks, and what rewrites them.
_PAGES_WITH_BLOCKS: dict[str, Callable[[str], str]] = {
    "docs/article.md": article_page,
    "docs/codebook.md": codebook,
    "docs/datasette.md": datasette_page,
    "docs/interoperability.md": interoperability,
}


def licence_file() -> str:
    """``LICENSE-DATA``: the grant on the annotations, and what it does not cover (the quoted text, with its measured share)."""
    import textwrap

    from ..formats.citation import licence_note
    from ..identity import DATA_LICENSE

    grant = (
        "The annotations of sadr-iran-data (the tables in src/sadr_iran_data/data/ and the curated files in data/curated/: "
        "the coding of actors, locations, events, event roles, relations, citations, and the offsets of evidence and cues) "
        f"are licensed under the {DATA_LICENSE.title.split(' (')[0]} licence ({DATA_LICENSE.id}): {DATA_LICENSE.url}legalcode"
    )
    paragraphs = [
        grant,
        "Attribution: cite the dataset version you used (sadr_iran_data.cite()).",
        licence_note() + " The text is kept in the repository's data/sources/ for verification only (see data/sources/README.md).",
    ]
    return "\n\n".join(textwrap.fill(p, width=78, break_long_words=False, break_on_hyphens=False) for p in paragraphs) + "\n"


def write_readme(root: Path) -> bool:
    """Rewrite the generated blocks of the README and of the documentation pages; returns whether any changed."""
    changed = [write_text(root / "README.md", readme((root / "README.md").read_text(encoding="utf-8"), root))]
    for page, rewrite in _PAGES_WITH_BLOCKS.items():
        changed.append(write_text(root / page, rewrite((root / page).read_text(encoding="utf-8"))))
    return any(changed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a generated page is stale")
    parser.add_argument("--root", type=Path, help="the repository (default: found from the current folder)")
    parser.add_argument("--docs", type=Path, help="docs folder (default: the repository's docs/)")
    args = parser.parse_args(argv)
    root = find_root(args.root)
    if args.check:
        names = stale(root, args.docs)
        for name in names:
            print(f"stale: docs/{name} (run sadr-iran-data build)", file=sys.stderr)
        return 1 if names else 0
    for path in write(root, args.docs):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
