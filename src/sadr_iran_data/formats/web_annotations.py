"""The evidence as W3C Web Annotations: one annotation per evidence row, anchored in the article.

Each annotation targets the article (its URL from the ``citations`` table)
with two selectors that pick the same passage: a ``TextQuoteSelector`` (the
quote, with the text just before and after it where the shipped quotes and
cues hold that text) and a ``TextPositionSelector`` (``char_start``/``char_end``, code
points of the stored text whose sha256 is the article's ``text_sha256``). Its
bodies name and describe the record the passage is evidence for. See
https://www.w3.org/TR/annotation-model/.

Only the standard library and the package's own declarations are used: the
caller hands in the tables' rows (:func:`to_web_annotations` loads them).

Examples
--------
>>> evidence = [
...     {"evidence_id": "evd-1", "citation_id": "cit-1", "char_start": 0, "char_end": 5, "quote": "Qum, "},
...     {"evidence_id": "evd-2", "citation_id": "cit-1", "char_start": 5, "char_end": 11, "quote": "Najaf."},
... ]
>>> context_from_quotes(evidence)["evd-2"]
('Qum, ', '')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from .. import _version
from ..errors import DataIntegrityError
from ..identity import DATA_LICENSE, NAME, REPOSITORY_URL
from ._registry import Format, Options, register
from ._writing import json_text, rows, write_text_file

#: The JSON-LD context of the Web Annotation Data Model.
CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: Why each annotation was made: to identify what the passage mentions or describes (a record of the dataset).
MOTIVATION = "identifying"
#: The most characters of ``prefix`` and ``suffix`` in a ``TextQuoteSelector``.
CONTEXT_LENGTH = 32
#: The tables an annotation is built from: the evidence, the documents, and the records it grounds.
TABLES_USED = ("citations", "actors", "locations", "events", "event_actors", "relations", "evidence", "cues")

_Row = Mapping[str, Any]


def iri(identifier: str) -> str:
    """The IRI of a record or evidence row: a URN of the dataset's name and the id, stable since ids are never reused.

    Examples
    --------
    >>> iri("evt-0001")
    'urn:sadr-iran-data:evt-0001'
    """
    return f"urn:{NAME}:{identifier}"


def context_from_quotes(evidence: Iterable[_Row], length: int = CONTEXT_LENGTH, *, cues: Iterable[_Row] = ()) -> dict[str, tuple[str, str]]:
    """Each evidence row's ``prefix`` and ``suffix``, taken only from the text the quotes and cues themselves hold.

    The quotes (and the ``text`` of the ``cues``) of one document, each at its
    offsets, piece together the parts of its text they cover. A quote's prefix is the covered text that
    ends where the quote starts, its suffix the covered text that starts
    where it ends, each at most ``length`` characters and stopping at the
    first character no quote covers. So no character of the document that
    the quotes do not already hold is ever given, and what is given is the
    document's own text next to the quote.

    Parameters
    ----------
    evidence
        Rows of the ``evidence`` table, as mappings.
    length
        The most characters of each prefix and suffix.
    cues
        Rows of the ``cues`` table, as mappings: their text is context too.

    Returns
    -------
    dict
        ``evidence_id`` -> ``(prefix, suffix)``; either may be empty.

    Raises
    ------
    DataIntegrityError
        If two quotes that overlap disagree on a character.
    """
    rows = list(evidence)
    known: dict[str, dict[int, str]] = {}
    pieces = [(row["evidence_id"], row, row["quote"]) for row in rows] + [(row["cue_id"], row, row["text"]) for row in cues]
    for name, row, text in pieces:
        chars = known.setdefault(row["citation_id"], {})
        for offset, char in enumerate(text, row["char_start"]):
            if chars.setdefault(offset, char) != char:
                raise DataIntegrityError(f"{name} and another quote or cue disagree at offset {offset} of {row['citation_id']}")
    context: dict[str, tuple[str, str]] = {}
    for row in rows:
        chars = known[row["citation_id"]]
        start, end = row["char_start"], row["char_end"]
        before = 0
        while before < length and start - before - 1 in chars:
            before += 1
        after = 0
        while after < length and end + after in chars:
            after += 1
        prefix = "".join(chars[i] for i in range(start - before, start))
        suffix = "".join(chars[i] for i in range(end, end + after))
        context[row["evidence_id"]] = (prefix, suffix)
    return context


def _labels(rows: Mapping[str, Sequence[_Row]]) -> dict[str, str]:
    """A short text for every record an evidence row can ground: a name and type, or a summary."""
    actors = {row["actor_id"]: row["name"] for row in rows["actors"]}
    events = {row["event_id"]: row["summary"] for row in rows["events"]}
    labels = {row["citation_id"]: row["description"] or row["title"] or row["citation_id"] for row in rows["citations"]}
    labels.update({row["actor_id"]: f"{row['name']} ({row['actor_type']})" for row in rows["actors"]})
    labels.update({row["location_id"]: f"{row['name']} ({row['location_type']})" for row in rows["locations"]})
    labels.update(events)
    labels.update({row["relation_id"]: row["summary"] for row in rows["relations"]})
    labels.update(
        {row["event_actor_id"]: f"{actors[row['actor_id']]}, {row['role']}: {events[row['event_id']]}" for row in rows["event_actors"]}
    )
    return labels


def _selectors(row: _Row, prefix: str, suffix: str) -> list[dict[str, Any]]:
    quote: dict[str, Any] = {"type": "TextQuoteSelector", "exact": row["quote"]}
    if prefix:
        quote["prefix"] = prefix
    if suffix:
        quote["suffix"] = suffix
    return [quote, {"type": "TextPositionSelector", "start": row["char_start"], "end": row["char_end"]}]


def annotate(rows: Mapping[str, Sequence[_Row]]) -> list[dict[str, Any]]:
    """The evidence as a list of W3C Web Annotations (JSON-LD objects), in the order of the text.

    Parameters
    ----------
    rows
        The rows of each table of :data:`TABLES_USED`, as mappings.

    Returns
    -------
    list of dict
        One ``Annotation`` per evidence row: ``id`` :func:`iri` of the
        evidence id, ``motivation`` :data:`MOTIVATION`, the ``target`` (the
        document's URL and both selectors) and four bodies: the record's IRI
        (``identifying``), its short text (``describing``), and its table and
        id as tags (``tagging``).
    """
    evidence = sorted(rows["evidence"], key=lambda row: (row["citation_id"], row["char_start"], row["char_end"], row["evidence_id"]))
    sources = {row["citation_id"]: row["url"] or iri(row["citation_id"]) for row in rows["citations"]}
    labels = _labels(rows)
    context = context_from_quotes(evidence, cues=rows.get("cues", ()))
    generator = {"id": REPOSITORY_URL, "type": "Software", "name": f"{NAME} {_version.__version__}"}
    annotations = []
    for row in evidence:
        record_id = row["record_id"]
        annotations.append(
            {
                "@context": CONTEXT,
                "id": iri(row["evidence_id"]),
                "type": "Annotation",
                "motivation": MOTIVATION,
                "body": [
                    {"type": "SpecificResource", "source": iri(record_id), "purpose": "identifying"},
                    {"type": "TextualBody", "value": labels[record_id], "format": "text/plain", "language": "en", "purpose": "describing"},
                    {"type": "TextualBody", "value": row["record_table"], "purpose": "tagging"},
                    {"type": "TextualBody", "value": record_id, "purpose": "tagging"},
                ],
                "target": {
                    "type": "SpecificResource",
                    "source": sources[row["citation_id"]],
                    "selector": _selectors(row, *context[row["evidence_id"]]),
                },
                "rights": DATA_LICENSE.url,
                "generator": generator,
            }
        )
    return annotations


def to_web_annotations() -> list[dict[str, Any]]:
    """The evidence as W3C Web Annotations: one JSON-LD ``Annotation`` per evidence row, in the order of the text.

    Each targets the article's URL with a ``TextQuoteSelector`` (the quote,
    with up to 32 characters before and after it where the shipped quotes
    and cues themselves hold them) and a ``TextPositionSelector`` (``char_start`` and
    ``char_end``: code points of the stored text whose sha256 is the
    article's ``text_sha256``). Its bodies are the record's IRI, a short text
    describing it, and its table and id as tags. ``export("annotations", folder)``
    writes this list as ``annotations.jsonld``.

    Examples
    --------
    >>> from sadr_iran_data.formats.web_annotations import to_web_annotations
    >>> first = to_web_annotations()[0]
    >>> first["type"], first["target"]["selector"][1]["type"]
    ('Annotation', 'TextPositionSelector')
    """
    return annotate({name: rows(name) for name in TABLES_USED})


#: File of the ``annotations`` export.
ANNOTATIONS = "annotations.jsonld"


def write(staged: dict[str, Path], names: tuple[str, ...], options: Options) -> None:
    """The evidence as a JSON array of W3C Web Annotations."""
    write_text_file(staged[ANNOTATIONS], json_text(to_web_annotations()))


register(Format("annotations", lambda names: [ANNOTATIONS], write, ("evidence",)))
