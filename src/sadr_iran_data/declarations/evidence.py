"""The ``evidence`` table: the verbatim quote, with character offsets, behind every other row."""

from __future__ import annotations

from ..constraints import Ordered, SpanLength
from ._columns import fk, pk
from ._model import Column, Table
from .vocabularies import RECORD_TABLE

#: The most words a quote of the article may have: the article is copyrighted, and the package ships the least that proves a row.
QUOTE_WORDS = 30

EVIDENCE = Table(
    "evidence",
    "evd",
    "The verbatim quote, with character offsets, behind every other row.",
    (
        pk("evidence_id", "evd", "Stable id of the evidence row."),
        Column("record_table", "category", "Table of the record this quote grounds.", vocabulary=RECORD_TABLE),
        Column("record_id", "id", "Id of the record this quote grounds.", references_table_in="record_table"),
        fk("citation_id", "citations", "The document the quote is taken from."),
        Column("char_start", "int", "Offset of the quote's first character (Unicode code points, from 0).", minimum=0),
        Column("char_end", "int", "Offset just past the quote's last character: text[char_start:char_end] == quote.", minimum=1),
        Column(
            "quote",
            "string",
            f"The verbatim span of the source text: the shortest that carries its row, at most {QUOTE_WORDS} words.",
            max_words=QUOTE_WORDS,
        ),
    ),
    (
        Ordered("span_order", ("char_start", "char_end"), "char_end must be greater than char_start", strict=True),
        SpanLength("quote_length", ("char_start", "char_end", "quote"), "quote is char_end - char_start characters long"),
    ),
)
