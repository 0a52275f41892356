"""The ``citations`` table: the source article and each of its footnotes."""

from __future__ import annotations

from ..constraints import Differs, Together, UnitStart
from ._columns import fk, pk
from ._model import Column, Table
from .vocabularies import CITATION_KIND, DATE_PRECISION

CITATIONS = Table(
    "citations",
    "cit",
    "The source article and every footnote it cites.",
    (
        pk("citation_id", "cit", "Stable id of the citation."),
        Column("kind", "category", "What kind of document it is.", vocabulary=CITATION_KIND),
        Column("note_number", "int", "The footnote number in the citing article; null for the article itself.", nullable=True, minimum=1),
        fk("cited_in", "citations", "The article whose footnote this is; null for the article itself.", nullable=True),
        Column("author", "string", "Author, or for an interview the interviewer, as given or implied.", nullable=True),
        Column("interviewee", "string", "Description of the interviewee, for interviews.", nullable=True),
        Column("title", "string", "Title as given (transliterated titles kept as printed).", nullable=True),
        Column("outlet", "string", "Publication, broadcaster or outlet.", nullable=True),
        Column("publisher", "string", "Publisher of the outlet.", nullable=True),
        Column("volume", "string", "Volume of a periodical.", nullable=True),
        Column("issue", "string", "Issue of a periodical.", nullable=True),
        Column("date", "date", "Date of the document or interview (first day of its precision unit).", nullable=True),
        Column("date_precision", "category", "Precision of the date.", vocabulary=DATE_PRECISION),
        fk("location_id", "locations", "Where an interview took place, if given.", nullable=True),
        Column("language", "string", "ISO 639-1 code of the document's language, where evident.", nullable=True, pattern=r"^[a-z]{2}$"),
        Column("anonymous", "bool", "Whether the source is anonymous.", nullable=True),
        Column("url", "string", "URL of the document, where known.", nullable=True, pattern=r"^https?://"),
        Column(
            "text_sha256", "string", "SHA-256 of the stored text that evidence offsets refer to.", nullable=True, pattern=r"^[0-9a-f]{64}$"
        ),
        Column(
            "text_length",
            "int",
            "Length of that stored text in Unicode code points: the offsets run from 0 to it (derived by the build).",
            nullable=True,
            minimum=1,
        ),
        Column(
            "published_by",
            "date",
            "Latest day by which the document is known to have been published, from an outside source, where its own date is less precise.",
            nullable=True,
            source_column="published_by_source",
        ),
        Column("published_by_source", "string", "The outside source of published_by.", nullable=True),
        Column("metadata_source", "string", "Where bibliographic details not printed in the text come from.", nullable=True),
        Column("description", "string", "What the citation is, in one line.", nullable=True),
    ),
    (
        Together(
            "footnote_has_parent",
            ("note_number", "cited_in"),
            "note_number and cited_in are both set (a footnote) or both null (a document)",
        ),
        Differs("not_self_cited", ("citation_id", "cited_in"), "a citation cannot be cited in itself"),
        Together("text_length_with_text", ("text_sha256", "text_length"), "text_length is set exactly when text_sha256 is"),
        UnitStart("date_unit", ("date", "date_precision"), "date is the first day of its date_precision's month, year or decade"),
    ),
)
