"""How to cite this dataset version and the article it is built from.

``cite()`` cites the installed version of the dataset; ``cite_source()`` the
Terrorism Monitor article alone. Formats: plain text, BibTeX, APA, CFF (the
content of ``CITATION.cff``) and CSL-JSON. The facts come from
:mod:`sadr_iran_data.identity`; only the standard library is used.

Examples
--------
>>> from sadr_iran_data.formats.citation import cite_source
>>> print(cite_source("text"))
Babak Rahimi, “Moqtada al-Sadr’s New Alliance with Tehran”, Terrorism Monitor 5(4), The Jamestown Foundation, 2007. https://jamestown.org/program/moqtada-al-sadrs-new-alliance-with-tehran/
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from email.utils import getaddresses
from functools import cache
from typing import Any

from .._names import CITATION_FORMATS
from .._version import __released__, __version__
from ..codes._keyed import Keyed
from ..errors import SadrIranDataError
from ..identity import DATA_LICENSE, DESCRIPTION, KEYWORDS, NAME, PUBLISHER, REPOSITORY_URL, SOURCE, TITLE, article_citation

FORMATS = CITATION_FORMATS
__all__ = ["FORMATS", "PUBLISHER", "REPOSITORY_URL", "TITLE", "author_names", "cite", "cite_source"]

_FALLBACK_AUTHOR = f"{NAME} maintainers"


def cite(format: str = "text", include_source: bool = True) -> str:
    """Cite this dataset version in ``format`` (one of :data:`FORMATS`), and the article it is built from.

    Cite both: the dataset version you used and the source article. The
    article comes as a second entry (text, APA, BibTeX), a second CSL item, or
    the ``references`` of the CFF; ``include_source=False`` leaves it out.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> from sadr_iran_data.formats.citation import cite
    >>> f"(Version {sid.__version__}) [Data set]" in cite("apa")
    True
    """
    _check(format)
    return _RENDERERS[format](include_source)


def cite_source(format: str = "text") -> str:
    """Cite the source article alone; for ``cff``, as one CFF reference.

    Examples
    --------
    >>> from sadr_iran_data.formats.citation import cite_source
    >>> cite_source("bibtex").splitlines()[0]
    '@article{rahimi2007sadr,'
    """
    _check(format)
    return _SOURCE_RENDERERS[format]()


def _bibtex_key() -> str:
    """The BibTeX key of this dataset version, e.g. ``sadr_iran_data_0_1_0``."""
    return "sadr_iran_data_" + re.sub(r"\W", "_", __version__)


def _release_date() -> str | None:
    """ISO date this dataset version was released (``_version.__released__``), or None."""
    return __released__


# --------------------------------------------------------------------------
# Authors, from the installed distribution's metadata
# --------------------------------------------------------------------------


@cache
def _authors() -> tuple[dict[str, str], ...]:
    """The dataset's authors as ``{"name", "email"?}``: Author fields, else Maintainer fields."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        meta = metadata(NAME)
    except PackageNotFoundError:
        return ({"name": _FALLBACK_AUTHOR},)

    def field(name: str) -> str | None:
        return meta[name] if name in meta else None

    for role in ("Author", "Maintainer"):
        people = _people(field(role), field(f"{role}-email"))
        if people:
            return people
    return ({"name": _FALLBACK_AUTHOR},)


def _people(names: str | None, emails: str | None) -> tuple[dict[str, str], ...]:
    found = [{"name": n.strip()} for n in (names or "").split(",") if n.strip()]
    for name, address in getaddresses([emails or ""]):
        if address:
            found.append({"name": name or address, "email": address})
    return tuple(found)


# --------------------------------------------------------------------------
# Formats
# --------------------------------------------------------------------------


def _check(format: str) -> None:
    if format not in FORMATS:
        raise SadrIranDataError(f"unknown citation format {format!r}; the formats are: {', '.join(FORMATS)}")


def author_names() -> list[str]:
    """The names of the dataset's authors, as every citation of it gives them.

    Examples
    --------
    >>> from sadr_iran_data.formats.citation import author_names
    >>> len(author_names()) >= 1
    True
    """
    return [a["name"] for a in _authors()]


def _year() -> int | None:
    date = _release_date()
    return int(date[:4]) if date else None


def _text(include_source: bool) -> str:
    year = _year() or "n.d."
    entry = f"{', '.join(author_names())} ({year}). {TITLE}, version {__version__} [data set, {DATA_LICENSE.id}]. {REPOSITORY_URL}"
    return f"{entry}\n{article_citation()}" if include_source else entry


def _apa(include_source: bool) -> str:
    names = author_names()
    who = names[0] if len(names) == 1 else ", ".join(names[:-1]) + ", & " + names[-1]
    who += "" if who.endswith(".") else "."
    entry = f"{who} ({_year() or 'n.d.'}). {TITLE} (Version {__version__}) [Data set]. {PUBLISHER}. {REPOSITORY_URL}"
    return f"{entry}\n\n{_source_apa()}" if include_source else entry


def _source_apa() -> str:
    s = SOURCE
    return f"{s.family}, {s.given[0]}. ({s.year}). {s.title}. {s.journal}, {s.volume}({s.issue}). {s.url}"


_LATEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "%": r"\%",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "“": "``",
    "”": "''",
    "‘": "`",
    "’": "'",
}


def _bibtex_escape(text: str) -> str:
    r"""Escape LaTeX's special characters and typographic quotes for a BibTeX field.

    Examples
    --------
    >>> from sadr_iran_data.formats.citation import _bibtex_escape
    >>> print(_bibtex_escape("“Sadr’s” 50% & co_op"))
    ``Sadr's'' 50\% \& co\_op
    """
    return "".join(_LATEX.get(ch, ch) for ch in text)


def _bibtex_entry(kind: str, key: str, fields: dict[str, str | None]) -> str:
    lines = [f"  {name} = {{{value}}}," for name, value in fields.items() if value is not None]
    return "\n".join([f"@{kind}{{{key},", *lines, "}"])


def _bibtex(include_source: bool) -> str:
    year = _year()
    entry = _bibtex_entry(
        "misc",
        _bibtex_key(),
        {
            # Double braces: a corporate name, not "Family, Given"; a title whose case must be kept.
            "author": " and ".join(f"{{{_bibtex_escape(n)}}}" for n in author_names()),
            "title": f"{{{_bibtex_escape(TITLE)}}}",
            "year": str(year) if year else None,
            "version": _bibtex_escape(__version__),
            "publisher": _bibtex_escape(PUBLISHER),
            "url": REPOSITORY_URL,
            "note": f"Data set, version {_bibtex_escape(__version__)}, licensed {DATA_LICENSE.id}",
        },
    )
    return f"{entry}\n\n{_source_bibtex()}" if include_source else entry


def _source_bibtex() -> str:
    s = SOURCE
    return _bibtex_entry(
        "article",
        s.key,
        {
            "author": f"{_bibtex_escape(s.family)}, {_bibtex_escape(s.given)}",
            "title": f"{{{_bibtex_escape(s.title)}}}",
            "journal": _bibtex_escape(s.journal),
            "volume": str(s.volume),
            "number": str(s.issue),
            "year": str(s.year),
            "publisher": _bibtex_escape(s.publisher),
            "url": s.url,
        },
    )


def _csl_dataset() -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": _bibtex_key(),
        "type": "dataset",
        "title": TITLE,
        "author": [{"literal": n} for n in author_names()],
        "version": __version__,
        "publisher": PUBLISHER,
        "URL": REPOSITORY_URL,
        "license": DATA_LICENSE.id,
    }
    date = _release_date()
    if date:
        item["issued"] = {"date-parts": [[int(part) for part in date.split("-")]]}
    return item


def _csl_source() -> dict[str, Any]:
    s = SOURCE
    return {
        "id": s.key,
        "type": "article-journal",
        "title": s.title,
        "author": [{"family": s.family, "given": s.given}],
        "container-title": s.journal,
        "volume": str(s.volume),
        "issue": str(s.issue),
        "publisher": s.publisher,
        "issued": {"date-parts": [[s.year]]},
        "URL": s.url,
    }


def _csl_json(include_source: bool) -> str:
    items = [_csl_dataset(), *([_csl_source()] if include_source else [])]
    return json.dumps(items, ensure_ascii=False, indent=2)


def licence_note(tables: Mapping[str, Any] | None = None) -> str:
    """What the licence fields say of the quoted text: excluded from the grant, with the share of the article it is.

    The share is the one the build measured for this version (``shipped_text``
    in the manifest), or, given ``tables`` holding ``citations``, ``evidence``
    and ``cues`` (as the build has them before it writes the manifest), the
    one they ship.

    Examples
    --------
    >>> "excluded from the CC-BY-4.0 grant" in licence_note()
    True
    """
    from ..dataset.integrity import read_manifest
    from ..identity import quoted_text_notice

    if tables is not None and {"citations", "evidence", "cues"} <= set(tables):
        from ..rules.shipped_text import shipped_share

        measured = shipped_share(tables).values()
        characters, length = sum(n for n, _ in measured), sum(m for _, m in measured)
    else:
        shipped = read_manifest().get("shipped_text") or {}
        characters = sum(entry["characters"] for entry in shipped.values())
        length = sum(entry["length"] for entry in shipped.values())
    return quoted_text_notice(characters, length) if length else quoted_text_notice(0, 1)


def abstract() -> str:
    """The dataset's abstract as the citation and Zenodo records give it: its description, then what the licence does not cover."""
    return f"{DESCRIPTION} Licence: {licence_note()}"


def _cff_data(include_source: bool = True) -> dict[str, Any]:
    """The CFF 1.2.0 metadata of this dataset version as a dict (what ``cite("cff")`` writes)."""
    data: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": "If you use this dataset, please cite this version of it and the article it is built from (see references).",
        "type": "dataset",
        "title": TITLE,
        "version": __version__,
        "date-released": _release_date(),
        "authors": [dict(a) for a in _authors()],
        "abstract": abstract(),
        "keywords": list(KEYWORDS),
        "license": DATA_LICENSE.id,
        "repository-code": REPOSITORY_URL,
        "references": [_cff_source()] if include_source else None,
    }
    return {key: value for key, value in data.items() if value is not None}


def _cff_source() -> dict[str, Any]:
    s = SOURCE
    return {
        "type": "article",
        "title": s.title,
        "authors": [{"family-names": s.family, "given-names": s.given}],
        "journal": s.journal,
        "volume": s.volume,
        "issue": s.issue,
        "publisher": {"name": s.publisher},
        "year": s.year,
        "url": s.url,
    }


def _cff(include_source: bool) -> str:
    return _yaml(_cff_data(include_source))


# A plain YAML scalar that no YAML 1.1 or 1.2 reader can take for anything but this string.
_PLAIN = re.compile(r"[A-Za-z][\w .,:/’“”()@+\-]*(?<![ :])")
_YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def _scalar(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        raise TypeError(f"no YAML for {value!r}")
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.fullmatch(text) and ": " not in text and " #" not in text and text.lower() not in _YAML_WORDS:
        return text
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _yaml(value: Any, indent: int = 0) -> str:
    """Block-style YAML for nested dicts and lists of strings and ints."""
    pad = " " * indent
    lines = []
    for key, item in value.items():
        if isinstance(item, dict):
            lines.append(f"{pad}{key}:\n{_yaml(item, indent + 2)}")
        elif isinstance(item, list):
            lines.append(f"{pad}{key}:")
            for element in item:
                if isinstance(element, dict):
                    body = _yaml(element, indent + 4)
                    lines.append(f"{pad}  - {body[indent + 4 :]}")
                else:
                    lines.append(f"{pad}  - {_scalar(element)}")
        else:
            lines.append(f"{pad}{key}: {_scalar(item)}")
    return "\n".join(lines) + ("\n" if indent == 0 else "")


def _source_cff() -> str:
    return _yaml(_cff_source())


_RENDERERS: Keyed[Callable[[bool], str]] = Keyed(
    "citation._RENDERERS",
    "citation format",
    {"text": _text, "bibtex": _bibtex, "apa": _apa, "cff": _cff, "csl-json": _csl_json},
)
_SOURCE_RENDERERS: Keyed[Callable[[], str]] = Keyed(
    "citation._SOURCE_RENDERERS",
    "citation format",
    {
        "text": article_citation,
        "bibtex": _source_bibtex,
        "apa": _source_apa,
        "cff": _source_cff,
        "csl-json": lambda: json.dumps([_csl_source()], ensure_ascii=False, indent=2),
    },
)
_RENDERERS.check_covers(CITATION_FORMATS)
_SOURCE_RENDERERS.check_covers(CITATION_FORMATS)
