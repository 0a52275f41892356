"""Citing the dataset version and the source article in every format."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

import sadr_iran_data as sid
from conftest import ROOT
from sadr_iran_data.errors import SadrIranDataError
from sadr_iran_data.formats import citation
from sadr_iran_data.formats.citation import FORMATS, cite, cite_source
from sadr_iran_data.identity import SOURCE

CFF_DIR = Path(__file__).parent / "cff"
SCHEMA_SHA256 = "0b8d22140da702d766df318dcff3a91af2f39521298dcf36d76315fd99cc169b"
DATASET_KEY = "sadr_iran_data_" + sid.__version__.replace(".", "_")


@pytest.fixture(scope="module")
def schema() -> dict:
    return json.loads((CFF_DIR / "schema-1.2.0.json").read_text(encoding="utf-8"))


def validate_cff(text: str, schema: dict) -> dict:
    data = yaml.safe_load(text)
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    return data


@pytest.fixture
def fake_metadata(monkeypatch):
    """Replace the installed distribution's metadata with the given fields."""
    import importlib.metadata

    def install(fields: dict[str, str] | None) -> None:
        def metadata(name: str):
            if fields is None:
                raise importlib.metadata.PackageNotFoundError(name)
            return fields

        monkeypatch.setattr(importlib.metadata, "metadata", metadata)
        citation._authors.cache_clear()

    yield install
    citation._authors.cache_clear()


@pytest.fixture
def no_release_date(monkeypatch):
    monkeypatch.setattr(citation, "__released__", None)


# --------------------------------------------------------------------------
# Every format
# --------------------------------------------------------------------------


@pytest.mark.parametrize("include_source", [False, True])
@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_names_this_version_and_the_repository(fmt, include_source):
    text = cite(fmt, include_source=include_source)
    assert sid.__version__ in text
    assert citation.REPOSITORY_URL in text
    assert (SOURCE.url in text) == include_source
    assert text == cite(fmt, include_source=include_source)  # deterministic


@pytest.mark.parametrize("fmt", FORMATS)
def test_cite_source_names_the_article_and_not_the_dataset(fmt):
    text = cite_source(fmt)
    assert SOURCE.url in text
    assert "Rahimi" in text
    assert citation.REPOSITORY_URL not in text


@pytest.mark.parametrize("func", [cite, cite_source])
def test_unknown_format_lists_the_formats(func):
    with pytest.raises(SadrIranDataError) as info:
        func("ris")
    message = str(info.value)
    assert "'ris'" in message
    for fmt in FORMATS:
        assert fmt in message


def test_every_format_cites_the_source_article_by_default():
    for fmt in FORMATS:
        assert SOURCE.url in cite(fmt)
        assert cite(fmt) == cite(fmt, include_source=True)
        assert SOURCE.url not in cite(fmt, include_source=False)


def test_lazy_import_cost():
    import subprocess
    import sys

    code = "import sys; import sadr_iran_data.formats.citation; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------
# Text and APA
# --------------------------------------------------------------------------


def test_text():
    first, second = cite("text", include_source=True).splitlines()
    assert first == (
        f"sadr-iran-data maintainers ({citation.__released__[:4]}). {citation.TITLE}, version {sid.__version__} "
        f"[data set, CC-BY-4.0]. {citation.REPOSITORY_URL}"
    )
    assert second == cite_source("text")
    assert cite("text", include_source=False) == first


APA = re.compile(
    r"(?P<author>.+?)\.? \((?P<year>\d{4}|n\.d\.)\)\. (?P<title>.+) \(Version (?P<version>[^)]+)\) \[Data set\]\. "
    r"(?P<publisher>[^.]+)\. (?P<url>https://\S+)"
)


def test_apa_shape():
    match = APA.fullmatch(cite("apa", include_source=False))
    assert match, cite("apa", include_source=False)
    assert match["author"] == "sadr-iran-data maintainers"
    assert match["year"] == citation.__released__[:4]
    assert match["title"] == citation.TITLE
    assert match["version"] == sid.__version__
    assert match["publisher"] == citation.PUBLISHER
    assert match["url"] == citation.REPOSITORY_URL


def test_apa_with_source_is_two_references():
    dataset, source = cite("apa", include_source=True).split("\n\n")
    assert APA.fullmatch(dataset)
    assert source == (
        "Rahimi, B. (2007). Moqtada al-Sadr’s New Alliance with Tehran. Terrorism Monitor, 5(4). "
        "https://jamestown.org/program/moqtada-al-sadrs-new-alliance-with-tehran/"
    )


def test_undated_version_is_cited_as_no_date(no_release_date):
    assert "(n.d.)" in cite("apa") and "(n.d.)" in cite("text")
    assert "year" not in parse_bibtex(cite("bibtex"))[0][2]
    assert "issued" not in json.loads(cite("csl-json"))[0]
    assert "date-released" not in yaml.safe_load(cite("cff"))


def test_release_date_of_this_version_is_declared():
    from sadr_iran_data._version import __released__

    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", __released__)
    assert yaml.safe_load(cite("cff"))["date-released"] == __released__
    assert f"({__released__[:4]})" in cite("apa")


# --------------------------------------------------------------------------
# Authors from the distribution's metadata
# --------------------------------------------------------------------------


def test_authors_come_from_the_installed_metadata():
    import importlib.metadata

    author = importlib.metadata.metadata("sadr-iran-data")["Author"]
    for fmt in FORMATS:
        assert author in cite(fmt)


def test_authors_with_emails(fake_metadata, schema):
    fake_metadata({"Author-email": "Jane Doe <jane@example.org>, Omar Khayyam <omar@example.org>"})
    assert cite("apa").startswith("Jane Doe, & Omar Khayyam. (")
    assert parse_bibtex(cite("bibtex"))[0][2]["author"] == "{Jane Doe} and {Omar Khayyam}"
    assert [a["literal"] for a in json.loads(cite("csl-json"))[0]["author"]] == ["Jane Doe", "Omar Khayyam"]
    data = validate_cff(cite("cff"), schema)
    assert data["authors"] == [{"name": "Jane Doe", "email": "jane@example.org"}, {"name": "Omar Khayyam", "email": "omar@example.org"}]


def test_maintainers_stand_in_for_missing_authors(fake_metadata):
    fake_metadata({"Maintainer": "Data Desk"})
    assert cite("text").startswith("Data Desk (")


@pytest.mark.parametrize("fields", [None, {}])
def test_without_metadata_the_maintainers_are_cited(fake_metadata, fields):
    fake_metadata(fields)
    assert cite("text").startswith("sadr-iran-data maintainers (")


# --------------------------------------------------------------------------
# BibTeX
# --------------------------------------------------------------------------

ENTRY = re.compile(r"^@(\w+)\{([^,\s]+),\n(.*?)\n\}$", re.S | re.M)
FIELD = re.compile(r"^  (\w+) = \{(.*)\},$")


def parse_bibtex(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """(type, key, fields) of each entry, for entries written one field to a line."""
    entries = []
    for kind, key, body in ENTRY.findall(text):
        fields = {}
        for line in body.splitlines():
            match = FIELD.fullmatch(line)
            assert match, f"not a field line: {line!r}"
            assert balanced(match[2]), line
            fields[match[1]] = match[2]
        entries.append((kind, key, fields))
    return entries


def balanced(text: str) -> bool:
    depth = 0
    for ch in re.sub(r"\\[{}]", "", text):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


def test_bibtex_dataset_entry():
    [(kind, key, fields)] = parse_bibtex(cite("bibtex", include_source=False))
    assert (kind, key) == ("misc", DATASET_KEY)
    assert fields == {
        "author": "{sadr-iran-data maintainers}",
        "title": "{sadr-iran-data: Evidence-backed tables from ``Moqtada al-Sadr's New Alliance with Tehran''}",
        "year": citation.__released__[:4],
        "version": sid.__version__,
        "publisher": "GitHub",
        "url": citation.REPOSITORY_URL,
        "note": f"Data set, version {sid.__version__}, licensed CC-BY-4.0",
    }


def test_bibtex_with_source_adds_the_article():
    entries = parse_bibtex(cite("bibtex", include_source=True))
    assert [(kind, key) for kind, key, _ in entries] == [("misc", DATASET_KEY), ("article", "rahimi2007sadr")]
    assert entries[1][2] == {
        "author": "Rahimi, Babak",
        "title": "{Moqtada al-Sadr's New Alliance with Tehran}",
        "journal": "Terrorism Monitor",
        "volume": "5",
        "number": "4",
        "year": "2007",
        "publisher": "The Jamestown Foundation",
        "url": "https://jamestown.org/program/moqtada-al-sadrs-new-alliance-with-tehran/",
    }
    assert parse_bibtex(cite_source("bibtex")) == entries[1:]


def test_bibtex_is_ascii_for_classic_bibtex():
    assert cite("bibtex", include_source=True).isascii()


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("50% & more", r"50\% \& more"),
        ("a_b #1 $2", r"a\_b \#1 \$2"),
        ("{x}", r"\{x\}"),
        ("~^\\", r"\textasciitilde{}\textasciicircum{}\textbackslash{}"),
        ("“Sadr’s ‘Army’”", "``Sadr's `Army'''"),
        ("Qum", "Qum"),
    ],
)
def test_bibtex_escape(raw, escaped):
    assert citation._bibtex_escape(raw) == escaped
    assert balanced(citation._bibtex_escape(raw))


def test_bibtex_key_of_a_prerelease(monkeypatch):
    monkeypatch.setattr(citation, "__version__", "1.2.0rc1+local")
    assert citation._bibtex_key() == "sadr_iran_data_1_2_0rc1_local"


# --------------------------------------------------------------------------
# CSL-JSON
# --------------------------------------------------------------------------


def test_csl_json_items():
    [dataset] = json.loads(cite("csl-json", include_source=False))
    date = citation.__released__
    assert dataset == {
        "id": DATASET_KEY,
        "type": "dataset",
        "title": citation.TITLE,
        "author": [{"literal": "sadr-iran-data maintainers"}],
        "version": sid.__version__,
        "publisher": "GitHub",
        "URL": citation.REPOSITORY_URL,
        "license": "CC-BY-4.0",
        "issued": {"date-parts": [[int(p) for p in date.split("-")]]},
    }
    items = json.loads(cite("csl-json", include_source=True))
    assert [item["type"] for item in items] == ["dataset", "article-journal"]
    assert items[1] == json.loads(cite_source("csl-json"))[0]
    assert items[1]["author"] == [{"family": "Rahimi", "given": "Babak"}]
    assert items[1]["container-title"] == "Terrorism Monitor"
    assert (items[1]["volume"], items[1]["issue"], items[1]["issued"]) == ("5", "4", {"date-parts": [[2007]]})


# --------------------------------------------------------------------------
# CFF and CITATION.cff
# --------------------------------------------------------------------------


def test_schema_is_the_official_cff_1_2_0_schema(schema):
    assert hashlib.sha256((CFF_DIR / "schema-1.2.0.json").read_bytes()).hexdigest() == SCHEMA_SHA256
    assert schema["$id"] == "https://citation-file-format.github.io/1.2.0/schema.json"
    assert "Attribution 4.0 International" in (CFF_DIR / "LICENSE.md").read_text(encoding="utf-8")


def test_citation_cff_is_valid_and_cites_this_version(schema):
    data = validate_cff((ROOT / "CITATION.cff").read_text(encoding="utf-8"), schema)
    assert data["cff-version"] == "1.2.0"
    assert data["type"] == "dataset"
    assert data["version"] == sid.__version__
    assert data["license"] == "CC-BY-4.0"
    assert data["repository-code"] == citation.REPOSITORY_URL
    assert data["abstract"] and data["keywords"] and data["authors"]
    [article] = data["references"]
    assert article == {
        "type": "article",
        "title": "Moqtada al-Sadr’s New Alliance with Tehran",
        "authors": [{"family-names": "Rahimi", "given-names": "Babak"}],
        "journal": "Terrorism Monitor",
        "volume": 5,
        "issue": 4,
        "publisher": {"name": "The Jamestown Foundation"},
        "year": 2007,
        "url": "https://jamestown.org/program/moqtada-al-sadrs-new-alliance-with-tehran/",
    }


def test_citation_cff_matches_cite():
    committed = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert committed == yaml.safe_load(cite("cff")), "regenerate it: sadr_iran_data.cite('cff') > CITATION.cff"


@pytest.mark.parametrize("include_source", [True, False])
def test_generated_cff_is_valid(schema, include_source):
    data = validate_cff(cite("cff", include_source=include_source), schema)
    assert data["version"] == sid.__version__
    assert ("references" in data) == include_source


def test_cff_of_the_source_alone_is_a_valid_reference(schema):
    reference = {"$ref": "#/definitions/reference", "definitions": schema["definitions"]}
    jsonschema.Draft7Validator(reference).validate(yaml.safe_load(cite_source("cff")))


TRICKY_STRINGS = ("yes", "No", "null", "true", "1.0", "0.1.0", "2026-11-27", "a: b", "a #b", "#a", "-a", "a:", "@a", " a", "a ")
TRICKY_STRINGS += ("’a", "x\ny", 'say "hi"', "Moqtada al-Sadr’s (2007)", "https://example.org/a:b", "ok")


@pytest.mark.parametrize("value", TRICKY_STRINGS)
def test_yaml_strings_round_trip(value):
    assert yaml.safe_load(citation._yaml({"key": value, "list": [value], "nested": [{"key": value}]})) == {
        "key": value,
        "list": [value],
        "nested": [{"key": value}],
    }


# --------------------------------------------------------------------------
# The source constants agree with the shipped data
# --------------------------------------------------------------------------


def test_source_matches_the_manifest():
    from sadr_iran_data.dataset.integrity import read_manifest

    shipped = read_manifest()["source"]
    assert shipped["author"] == f"{SOURCE.given} {SOURCE.family}"
    assert shipped["title"] == SOURCE.title
    assert shipped["outlet"] == SOURCE.journal
    assert (shipped["volume"], shipped["issue"]) == (str(SOURCE.volume), str(SOURCE.issue))
    assert shipped["publisher"] == SOURCE.publisher
    assert str(shipped["date"]).startswith(str(SOURCE.year))
    assert shipped["url"] == SOURCE.url
