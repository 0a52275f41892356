"""The dataset's identity has one home: every file that states it agrees with sadr_iran_data.identity."""

from __future__ import annotations

import tomllib

import pytest
import yaml

import sadr_iran_data as sid
from conftest import ROOT, needs_repository
from sadr_iran_data import identity


@needs_repository
def test_pyproject_states_the_identitys_name_summary_and_keywords():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == identity.NAME
    assert project["description"] == identity.SUMMARY
    assert tuple(project["keywords"]) == identity.KEYWORDS
    assert project["urls"]["Source article"] == identity.SOURCE.url
    assert project["urls"]["Source"] == identity.REPOSITORY_URL
    assert project["urls"]["Documentation"] == identity.DOCUMENTATION_URL
    assert identity.PYPI_URL == f"https://pypi.org/project/{project['name']}/"


@needs_repository
def test_the_documentation_site_describes_the_dataset_as_the_identity_does():
    site = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").split("\ntheme:")[0])
    assert site["site_name"] == identity.NAME
    assert site["site_description"] == identity.SUMMARY


def test_every_descriptor_and_citation_takes_title_licence_and_source_from_the_identity():
    from sadr_iran_data.formats.frictionless import datapackage
    from sadr_iran_data.formats.sqlite import _datasette_metadata

    package = datapackage()
    assert (package["name"], package["title"], package["description"]) == (identity.NAME, identity.TITLE, identity.DESCRIPTION)
    assert package["licenses"][0]["name"] == identity.DATA_LICENSE.id
    assert package["sources"][0]["description"] == identity.article_citation()
    metadata = _datasette_metadata(("events",))
    assert (metadata["title"], metadata["license"], metadata["source"]) == (
        identity.TITLE,
        identity.DATA_LICENSE.id,
        identity.article_citation(),
    )
    cff = yaml.safe_load(sid.cite("cff"))
    assert (cff["title"], tuple(cff["keywords"])) == (identity.TITLE, identity.KEYWORDS)
    # The abstract is the description and the licence note (whose share test_licence checks).
    assert cff["abstract"].startswith(f"{identity.DESCRIPTION} Licence: The verbatim quotes and cues (")
    assert identity.TITLE in sid.cite("apa") and identity.article_citation() == sid.cite_source("text")


def test_the_command_line_cites_the_article_with_the_one_formatter(capsys):
    from sadr_iran_data.cli import main

    assert main(["info"]) == 0
    assert f"source: {identity.article_citation()}" in capsys.readouterr().out


@pytest.mark.parametrize("key, value", [("author", identity.SOURCE.author), ("title", identity.SOURCE.title), ("url", identity.SOURCE.url)])
def test_the_shipped_article_row_agrees_with_the_identity(key, value):
    article = sid.load_citations().query("kind == 'article' and cited_in.isna()")
    assert article[key].tolist() == [value]
