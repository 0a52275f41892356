"""``.zenodo.json`` and the home page's JSON-LD: current, and saying what ``CITATION.cff`` and the identity say.

The allowed values are Zenodo's, from its deposit metadata documentation
(github.com/zenodo/developers.zenodo.org, commit 524a648,
``source/includes/resources/deposit/_representation.md``).
"""

from __future__ import annotations

import json
import re

import pytest
import yaml

import sadr_iran_data as sid
from conftest import ROOT, needs_repository
from sadr_iran_data import identity
from sadr_iran_data._build import discovery

pytestmark = needs_repository

#: The deposit metadata fields Zenodo documents; .zenodo.json may hold no other.
ZENODO_FIELDS = {
    "upload_type", "publication_type", "image_type", "publication_date", "title", "creators", "description",
    "access_right", "license", "embargo_date", "access_conditions", "doi", "prereserve_doi", "keywords", "notes",
    "related_identifiers", "contributors", "references", "communities", "grants", "journal_title", "journal_volume",
    "journal_issue", "journal_pages", "conference_title", "conference_acronym", "conference_dates", "conference_place",
    "conference_url", "conference_session", "conference_session_part", "imprint_publisher", "imprint_isbn",
    "imprint_place", "partof_title", "partof_pages", "thesis_supervisors", "thesis_university", "subjects", "version",
    "language", "locations", "dates", "method",
}  # fmt: skip
UPLOAD_TYPES = {"publication", "poster", "presentation", "dataset", "image", "video", "software", "lesson", "physicalobject", "other"}
RELATIONS = {
    "isCitedBy", "cites", "isSupplementTo", "isSupplementedBy", "isContinuedBy", "continues", "isDescribedBy",
    "describes", "hasMetadata", "isMetadataFor", "isNewVersionOf", "isPreviousVersionOf", "isPartOf", "hasPart",
    "isReferencedBy", "references", "isDocumentedBy", "documents", "isCompiledBy", "compiles", "isVariantFormOf",
    "isOriginalFormof", "isIdenticalTo", "isAlternateIdentifier", "isReviewedBy", "reviews", "isDerivedFrom",
    "isSourceOf", "requires", "isRequiredBy", "isObsoletedBy", "obsoletes",
}  # fmt: skip


@pytest.fixture(scope="module")
def zenodo() -> dict:
    return json.loads((ROOT / ".zenodo.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cff() -> dict:
    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def test_the_committed_files_are_what_the_build_writes():
    assert (ROOT / ".zenodo.json").read_text(encoding="utf-8") == discovery.zenodo_text(), ".zenodo.json is stale: run sadr-iran-data build"
    partial = (ROOT / discovery.JSONLD).read_text(encoding="utf-8")
    assert partial == discovery.jsonld_partial(), f"{discovery.JSONLD} is stale: run sadr-iran-data build"


def test_check_mode_names_a_stale_file(tmp_path, capsys):
    discovery.write(tmp_path)
    assert discovery.stale(tmp_path) == []
    (tmp_path / ".zenodo.json").write_text('{"title": "edited by hand"}\n', encoding="utf-8")
    assert discovery.stale(tmp_path) == [".zenodo.json"]
    (tmp_path / "data" / "curated").mkdir(parents=True)  # what makes a folder a repository's root
    assert discovery.main(["--check", "--root", str(tmp_path)]) == 1
    assert capsys.readouterr().err == "stale: .zenodo.json (run sadr-iran-data build)\n"
    assert discovery.main(["--check", "--root", str(ROOT)]) == 0  # the repository's own files are current


def test_zenodo_json_says_what_citation_cff_says(zenodo, cff):
    assert cff["type"] == "dataset" == zenodo["upload_type"]
    assert zenodo["title"] == cff["title"]
    assert zenodo["version"] == cff["version"] == sid.__version__
    assert zenodo["publication_date"] == cff["date-released"]
    assert [c["name"] for c in zenodo["creators"]] == [a["name"] for a in cff["authors"]]
    assert zenodo["description"] == cff["abstract"]
    assert zenodo["keywords"] == cff["keywords"]
    assert zenodo["license"] == cff["license"].lower()
    (article,) = cff["references"]
    (derived,) = [r for r in zenodo["related_identifiers"] if r["relation"] == "isDerivedFrom"]
    assert derived["identifier"] == article["url"]


def test_zenodo_json_says_what_the_identity_says(zenodo):
    assert (zenodo["title"], tuple(zenodo["keywords"])) == (identity.TITLE, identity.KEYWORDS)
    assert zenodo["description"].startswith(f"{identity.DESCRIPTION} Licence: The verbatim quotes and cues (")
    assert zenodo["license"] == identity.DATA_LICENSE.id.lower()
    assert zenodo["references"] == [identity.article_citation()]
    places = sid.load_locations()
    countries = places[places["location_type"] == "country"]
    assert sorted(loc["place"] for loc in zenodo["locations"]) == sorted(countries["name"])


def test_zenodo_json_uses_only_zenodos_fields_and_values(zenodo):
    assert set(zenodo) <= ZENODO_FIELDS
    assert zenodo["upload_type"] in UPLOAD_TYPES
    assert zenodo["access_right"] == "open" and zenodo["license"]  # a licence is required for open access
    assert re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", zenodo["publication_date"])
    assert re.fullmatch(r"[a-z]{3}", zenodo["language"])  # ISO 639-2 or 639-3
    assert all(r["relation"] in RELATIONS and r["identifier"] for r in zenodo["related_identifiers"])
    assert all(set(c) <= {"name", "affiliation", "orcid", "gnd"} and c["name"] for c in zenodo["creators"])
    assert all(set(loc) <= {"lat", "lon", "place", "description"} and loc["place"] for loc in zenodo["locations"])


def test_the_documentation_site_uses_the_template_that_carries_the_jsonld():
    site = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\nmarkdown_extensions:")[0].split("\nnav:")[0])
    assert site["theme"]["custom_dir"] == "overrides"
    template = (ROOT / "overrides" / "main.html").read_text(encoding="utf-8")
    assert '{% include "dataset-jsonld.html" %}' in template and "page.is_homepage" in template


@needs_repository
def test_the_documentation_site_is_published_where_the_json_ld_says():
    from sadr_iran_data.formats.schemaorg import home_page
    from sadr_iran_data.identity import DOCUMENTATION_URL

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert config["site_url"] == DOCUMENTATION_URL == home_page()["url"]
