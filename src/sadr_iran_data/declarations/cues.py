"""The ``cues`` table: the few words of the article that justify each coded value of a row.

Where ``evidence`` grounds a row, a cue grounds one value of it: the trigger
of its type, each party, the hedge, the holder of a reported view, the date
expression, the place. A pronoun or a description ("he", "the region") is
cued where it stands, and a second cue on its antecedent points back to it
(``antecedent_of``). Every cue is a verbatim slice of its document.
"""

from __future__ import annotations

from ..constraints import Differs, Ordered, SpanLength
from ._columns import fk, pk
from ._model import Column, Table
from .vocabularies import CUE_FIELD, RECORD_TABLE

#: The most words a cue may have.
CUE_WORDS = 12

CUES = Table(
    "cues",
    "cue",
    "The minimal span of the article (a few words) that justifies one coded value of a row.",
    (
        pk("cue_id", "cue", "Stable id of the cue."),
        Column("record_table", "category", "Table of the row whose value this cue justifies.", vocabulary=RECORD_TABLE),
        Column("record_id", "id", "Id of that row.", references_table_in="record_table"),
        Column("field", "category", "The column whose value the cue justifies.", vocabulary=CUE_FIELD),
        Column("value", "string", "The value it justifies, as the column holds it (an actor or place id, a certainty, an EDTF date)."),
        fk("citation_id", "citations", "The document the cue is taken from."),
        Column("char_start", "int", "Offset of the cue's first character (Unicode code points, from 0).", minimum=0),
        Column("char_end", "int", "Offset just past the cue's last character: text[char_start:char_end] == text.", minimum=1),
        Column("text", "string", f"The verbatim span of the source text: a few words, at most {CUE_WORDS}.", max_words=CUE_WORDS),
        fk(
            "antecedent_of",
            "cues",
            "For the antecedent of a pronoun or description: the cue of that reference, which this one resolves.",
            nullable=True,
        ),
    ),
    (
        Ordered("cue_span_order", ("char_start", "char_end"), "char_end must be greater than char_start", strict=True),
        SpanLength("cue_text_length", ("char_start", "char_end", "text"), "text is char_end - char_start characters long"),
        Differs("not_own_antecedent", ("cue_id", "antecedent_of"), "a cue cannot be its own antecedent"),
    ),
)
