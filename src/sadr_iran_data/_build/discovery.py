"""The repository's metadata for catalogues: ``.zenodo.json`` and the documentation home page's schema.org JSON-LD.

``sadr-iran-data build`` writes both, from :mod:`sadr_iran_data.identity`,
the citation (the same authors, title and abstract as ``CITATION.cff``), the
version and the shipped tables; ``python -m sadr_iran_data._build.discovery
--check`` exits 1, naming them, if either is stale.

- ``.zenodo.json``: what Zenodo's GitHub integration reads when a GitHub
  release is published, to mint the release's DOI. If the file exists,
  Zenodo uses it instead of ``CITATION.cff`` (zenodo/zenodo-rdm,
  ``site/zenodo_rdm/github/release.py``, ``ZenodoGithubRelease.metadata``,
  commit 1a30c6e). Its fields are Zenodo's deposit metadata
  (zenodo/developers.zenodo.org, ``source/includes/resources/deposit/_representation.md``,
  commit 524a648; the GitHub section, ``source/includes/github/_root.md``).
- ``overrides/dataset-jsonld.html``: the schema.org ``Dataset`` of this version
  (:func:`sadr_iran_data.formats.schemaorg.home_page`) as a ``<script
  type="application/ld+json">`` element, which ``overrides/main.html`` puts
  in the head of the documentation's home page.

Every ``DataDownload`` of the JSON-LD is a ZIP archive of one export format,
which the release workflow writes from the published wheel
(``scripts/release_assets.py``) and attaches to the GitHub release.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .. import _version
from ..formats.citation import abstract, author_names, licence_note
from ..formats.schemaorg import countries, home_page, script
from ..identity import DATA_LICENSE, KEYWORDS, SOURCE, TITLE, article_citation
from .curated import find_root
from .files import write_text

#: The files this module writes, relative to the repository's root.
ZENODO = Path(".zenodo.json")
JSONLD = Path("overrides") / "dataset-jsonld.html"


def zenodo(locations: Sequence[Mapping[str, Any]] | None = None) -> dict[str, Any]:
    """The content of ``.zenodo.json``: this version's deposit metadata, in Zenodo's legacy deposit format.

    Parameters
    ----------
    locations
        The rows of ``locations``, whose countries become Zenodo ``locations``;
        the shipped table by default.
    """
    if locations is None:
        import sadr_iran_data as sid

        locations = sid.load("locations", backend="arrow").to_pylist()
    return {
        "upload_type": "dataset",
        "title": TITLE,
        "version": _version.__version__,
        "publication_date": _version.__released__,
        # "Full name of person or organisation" (the legacy deposit schema); CITATION.cff names the same entities.
        "creators": [{"name": name} for name in author_names()],
        "description": abstract(),
        "access_right": "open",
        # Zenodo's licence ids are SPDX ids in lower case (zenodo-rdm, site/zenodo_rdm/legacy/vocabularies/licenses.py).
        "license": DATA_LICENSE.id.lower(),
        # Zenodo's free-text notes: what the licence does not cover
        "notes": licence_note(),
        "keywords": list(KEYWORDS),
        # ISO 639-2, as the deposit metadata asks.
        "language": "eng",
        "related_identifiers": [
            # The dataset is derived from the article: DataCite's IsDerivedFrom, Zenodo's "isDerivedFrom".
            {"identifier": SOURCE.url, "relation": "isDerivedFrom", "resource_type": "publication-article"},
        ],
        "references": [article_citation()],
        "locations": [{"place": row["name"], "lat": row["latitude"], "lon": row["longitude"]} for row in countries(locations)],
    }


def zenodo_text(locations: Sequence[Mapping[str, Any]] | None = None) -> str:
    return json.dumps(zenodo(locations), ensure_ascii=False, indent=2) + "\n"


def jsonld_partial(tables: Mapping[str, Sequence[Mapping[str, Any]]] | None = None) -> str:
    """The template partial holding the home page's schema.org JSON-LD; Jinja leaves its content as it is."""
    text = script(home_page(tables))
    if "endraw" in text:
        raise ValueError("the JSON-LD would end the template's raw block")
    return (
        "{#- Generated from sadr_iran_data.formats.schemaorg by `sadr-iran-data build`; edit the source and rebuild. -#}\n"
        '<script type="application/ld+json">\n'
        "{% raw %}" + text + "{% endraw %}\n"
        "</script>\n"
    )


def files(root: Path) -> dict[Path, str]:
    """Every file this module writes, under ``root``, with its content."""
    return {root / ZENODO: zenodo_text(), root / JSONLD: jsonld_partial()}


def stale(root: Path) -> list[str]:
    """The files that are missing or differ from what the build writes, relative to ``root``."""
    return [
        str(path.relative_to(root)) for path, text in files(root).items() if not path.exists() or path.read_text(encoding="utf-8") != text
    ]


def write(root: Path) -> list[Path]:
    """Write ``.zenodo.json`` and the home page's JSON-LD; returns the files written."""
    written = []
    for path, text in files(root).items():
        write_text(path, text)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if a file is stale")
    parser.add_argument("--root", type=Path, help="the repository (default: found from the current folder)")
    args = parser.parse_args(argv)
    root = find_root(args.root)
    if args.check:
        names = stale(root)
        for name in names:
            print(f"stale: {name} (run sadr-iran-data build)", file=sys.stderr)
        return 1 if names else 0
    for path in write(root):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
