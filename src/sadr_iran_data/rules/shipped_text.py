"""How much of a copyrighted document the tables ship: the quotes and cues together cover at most half of its characters.

The article is The Jamestown Foundation's; the package ships the annotations
and the least text that proves them. :func:`shipped_share` measures, for each
document with a stored text, the characters that any quote or cue covers
(overlaps counted once) against the text's length (``citations.text_length``);
:data:`SHIPPED_TEXT_RULES` holds the rule that keeps it at most
:data:`SHARE_LIMIT`.

Examples
--------
>>> covered([(0, 10), (5, 20), (30, 35)])
25
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ._base import CodingRule, Finding, Records, Tables

#: The largest share of a document's characters the quotes and cues may cover together.
SHARE_LIMIT = 0.5


def covered(spans: Iterable[tuple[int, int]]) -> int:
    """How many characters the ``(start, end)`` spans cover together, each counted once."""
    total, reach = 0, -1
    for start, end in sorted(spans):
        if end <= reach:
            continue
        total += end - max(start, reach)
        reach = end
    return total


def shipped_share(records: Records | Tables) -> dict[str, tuple[int, int]]:
    """For each document with a stored text: (characters the quotes and cues cover, the text's length)."""
    tables = records if isinstance(records, Tables) else Tables(records)
    lengths = {c["citation_id"]: c["text_length"] for c in tables["citations"] if c.get("text_length")}
    spans: dict[str, list[tuple[int, int]]] = {doc: [] for doc in lengths}
    for table in ("evidence", "cues"):
        for row in tables.get(table):
            if row["citation_id"] in spans:
                spans[row["citation_id"]].append((row["char_start"], row["char_end"]))
    return {doc: (covered(spans[doc]), length) for doc, length in lengths.items()}


def _share(tables: Tables) -> Iterator[Finding]:
    for doc, (shipped, length) in shipped_share(tables).items():
        if shipped > SHARE_LIMIT * length:
            message = (
                f"the quotes and cues cover {shipped} of its {length} characters ({shipped / length:.1%}), more than {SHARE_LIMIT:.0%}"
            )
            yield Finding("citations", doc, "text_length", "shipped_text_share", message, shipped)


SHIPPED_TEXT_RULES: tuple[CodingRule, ...] = (
    CodingRule(
        "shipped_text_share",
        "S1",
        f"The quotes and cues of a document with a stored text cover together at most {SHARE_LIMIT:.0%} of its characters.",
        ("citations", "evidence", "cues"),
        _share,
    ),
)
