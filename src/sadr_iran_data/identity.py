"""The dataset's identity: its name, title, description, licence, keywords and source article.

This is the one home of these facts. The citations (``sid.cite()``,
``CITATION.cff``), the Data Package and Table Schemas, the exports' metadata,
``sadr-iran-data info`` and the documentation read them from here; a test
checks that ``pyproject.toml`` and ``mkdocs.yml`` agree. Only the standard
library is imported.

Examples
--------
>>> from sadr_iran_data.identity import SOURCE, article_citation
>>> SOURCE.journal
'Terrorism Monitor'
>>> print(article_citation())
Babak Rahimi, “Moqtada al-Sadr’s New Alliance with Tehran”, Terrorism Monitor 5(4), The Jamestown Foundation, 2007. https://jamestown.org/program/moqtada-al-sadrs-new-alliance-with-tehran/
"""

from __future__ import annotations

from dataclasses import dataclass

#: The distribution's name, as installed (``pip install sadr-iran-data``).
NAME = "sadr-iran-data"
#: The import name, and the file stem of the SQLite and DuckDB exports.
PACKAGE = "sadr_iran_data"
#: The dataset's title, in every citation and descriptor.
TITLE = "sadr-iran-data: Evidence-backed tables from “Moqtada al-Sadr’s New Alliance with Tehran”"
#: One line: the package's summary on the registry and the documentation site's description.
SUMMARY = (
    "Evidence-backed, versioned tables of actors, events, places and relations from the Terrorism Monitor "
    "article “Moqtada al-Sadr’s New Alliance with Tehran” (2007)."
)
#: A paragraph: the abstract of the citation and the description of the Data Package.
DESCRIPTION = (
    "Versioned, validated tables of the actors, places, events and relations in Babak Rahimi’s "
    "“Moqtada al-Sadr’s New Alliance with Tehran” (Terrorism Monitor 5(4), The Jamestown Foundation, 2007). "
    "Every row is traceable to a verbatim quote of the article with character offsets, and every hedge "
    "(“it is rumored”, “likely”) is kept as a coded certainty."
)
KEYWORDS = (
    "dataset",
    "conflict data",
    "event data",
    "Iraq",
    "Iran",
    "Mahdi Army",
    "Moqtada al-Sadr",
    "Terrorism Monitor",
)
REPOSITORY_URL = "https://github.com/sadr-iran-data/sadr-iran-data"
#: The documentation site: the dataset's landing page, whose home page carries its schema.org description.
DOCUMENTATION_URL = "https://sadr-iran-data.github.io/sadr-iran-data/"
#: The project's page on the Python Package Index.
PYPI_URL = f"https://pypi.org/project/{NAME}/"
#: Where the dataset is published, as a citation names it.
PUBLISHER = "GitHub"


@dataclass(frozen=True)
class License:
    """A licence: its SPDX id, where to read it, and what it covers."""

    id: str
    url: str
    title: str


#: The annotations' licence (the code is MIT; the article's text is The Jamestown Foundation's).
DATA_LICENSE = License(
    "CC-BY-4.0",
    "https://creativecommons.org/licenses/by/4.0/",
    "Creative Commons Attribution 4.0 International (the annotations; the article's text is The Jamestown Foundation's)",
)


def quoted_text_notice(characters: int, length: int) -> str:
    """What every licence field says of the article's text the package ships: excluded from CC-BY-4.0, and how much it is.

    ``characters`` of the article's ``length`` are covered by the quotes and
    cues together (the build measures it and records it in the manifest).

    Examples
    --------
    >>> quoted_text_notice(400, 1000)[:58]
    'The verbatim quotes and cues (400 of the 1,000 characters '
    """
    return (
        f"The verbatim quotes and cues ({characters:,} of the {length:,} characters of the article, {characters / length:.1%}) are "
        f"excerpts of “{SOURCE.title}” by {SOURCE.author}, {SOURCE.journal} {SOURCE.volume}({SOURCE.issue}), copyright "
        f"{SOURCE.publisher}, quoted to identify and verify the coded passages; they are excluded from the {DATA_LICENSE.id} grant, "
        "which covers the annotations. The article's full text is not distributed."
    )


@dataclass(frozen=True)
class Article:
    """A journal article: the document the dataset is built from."""

    given: str
    family: str
    title: str
    journal: str
    volume: int
    issue: int
    publisher: str
    year: int
    url: str
    key: str
    """Its BibTeX key and CSL id."""

    @property
    def author(self) -> str:
        """The author's name as printed: given name first."""
        return f"{self.given} {self.family}"


#: The source article. The build checks that the article's row in ``data/curated/citations.yaml`` agrees.
SOURCE = Article(
    given="Babak",
    family="Rahimi",
    title="Moqtada al-Sadr’s New Alliance with Tehran",
    journal="Terrorism Monitor",
    volume=5,
    issue=4,
    publisher="The Jamestown Foundation",
    year=2007,
    url="https://jamestown.org/program/moqtada-al-sadrs-new-alliance-with-tehran/",
    key="rahimi2007sadr",
)


def article_citation(article: Article = SOURCE) -> str:
    """The article cited in one line of plain text: the one formatter every plain-text citation of it uses.

    Parameters
    ----------
    article
        The article to cite; the source article by default.

    Returns
    -------
    str
        ``Author, “Title”, Journal Volume(Issue), Publisher, Year. URL``

    Examples
    --------
    >>> article_citation().split(", ")[0]
    'Babak Rahimi'
    """
    a = article
    return f"{a.author}, “{a.title}”, {a.journal} {a.volume}({a.issue}), {a.publisher}, {a.year}. {a.url}"
