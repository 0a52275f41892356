"""Column groups that several tables share: keys, periods, claims, outside codes with their sources."""

from __future__ import annotations

from ..column_types import id_pattern
from ..constraints import EdtfBound, EdtfPrecision, Ordered, RequiredIf
from ._model import Column
from .vocabularies import ATTRIBUTION_KIND, CERTAINTY, DATE_PRECISION

# --------------------------------------------------------------------------
# Shared column groups
# --------------------------------------------------------------------------

ISO3 = r"^[A-Z]{3}$"
WIKIDATA = r"^Q[0-9]+$"


def cow_code(of: str) -> Column:
    return Column(
        "cow_code", "int", f"Correlates of War state number, for {of}.", nullable=True, minimum=2, maximum=999, source_column="cow_source"
    )


def gw_code(of: str) -> Column:
    return Column(
        "gw_code",
        "int",
        f"Gleditsch-Ward state number (UCDP's country_id), for {of}.",
        nullable=True,
        minimum=2,
        maximum=999,
        source_column="gw_source",
    )


def pk(name: str, prefix: str, description: str) -> Column:
    return Column(name, "id", description, pattern=id_pattern(prefix))


def fk(name: str, table: str, description: str, *, nullable: bool = False) -> Column:
    return Column(name, "id", description, nullable=nullable, references=table)


def period(subject: str) -> tuple[Column, ...]:
    return (
        Column(
            "date_start",
            "date",
            f"First day the {subject} may have begun, as the source dates it; null when the source gives no start.",
            nullable=True,
        ),
        Column(
            "date_end",
            "date",
            f"Last day the {subject} may have held, as the source dates it; open periods end at the publication bound; null for forecasts.",
            nullable=True,
        ),
        Column("date_precision", "category", "How precisely the source dates the start.", vocabulary=DATE_PRECISION),
        Column("date_edtf", "edtf", "The dating as an EDTF string (2004-04, 198X/199X, 2005/..).", nullable=True),
    )


def claim(subject: str) -> tuple[Column, ...]:
    return (
        Column("certainty", "category", f"How the source words the {subject}.", vocabulary=CERTAINTY),
        Column("attribution_kind", "category", f"Whose claim the {subject} is.", vocabulary=ATTRIBUTION_KIND),
        Column("attributed_to", "string", f"Who asserts the {subject}: 'author', or the holder or source the author reports, in words."),
        fk(
            "holder_actor_id",
            "actors",
            f"The actor whose view, claim or rumour the {subject} reports; null for the author's own and for holders the text does "
            "not name (attribution_kind says which).",
            nullable=True,
        ),
        fk("citation_id", "citations", "The footnote that supports it, if any.", nullable=True),
        Column("coding_note", "string", "Why the row is coded as it is, where that is not obvious.", nullable=True),
    )


def wikidata() -> tuple[Column, ...]:
    return (
        Column(
            "wikidata_id", "string", "Wikidata item id, where verified.", nullable=True, pattern=WIKIDATA, source_column="wikidata_source"
        ),
        Column("wikidata_source", "string", "The Wikidata item and the label checked against it.", nullable=True),
    )


#: A reported view or a source's claim names its holder; the author's own claims, rumours and unnamed beliefs have none.
HOLDER_RULES = (
    RequiredIf(
        "holder_iff_view_or_source",
        ("attribution_kind", "holder_actor_id"),
        "holder_actor_id is set exactly when attribution_kind is 'view' or 'source' (a holder the text names)",
        values=("view", "source"),
    ),
)

PERIOD_RULES = (
    Ordered("date_order", ("date_start", "date_end"), "date_end must be on or after date_start"),
    EdtfBound(
        "edtf_start",
        ("date_edtf", "date_start"),
        "date_start is the first day date_edtf spans (null for an open start, ../)",
        side="start",
    ),
    EdtfBound(
        "edtf_end",
        ("date_edtf", "date_end"),
        "date_end is the last day date_edtf spans (free for an open end, /..)",
        side="end",
    ),
    EdtfPrecision(
        "edtf_precision",
        ("date_edtf", "date_precision"),
        "date_precision is the precision of date_edtf's first date (day, month, year, decade), or unknown",
        unspecified="unknown",
    ),
)
