"""Words: sentences, the nearest words after a typo, and counts with their nouns in the right number.

A document's text is split into sentences as the ledger, the coding rules
and the user's copy of the article read it.

Only the standard library is imported.
"""

from __future__ import annotations

import difflib
import re

# A sentence ends at . ! or ? (optionally followed by a closing quote, a
# footnote marker such as " [5]" and a final full stop) when the next word
# starts with a capital or an opening quote. Abbreviations like "U.S." are
# followed by lower-case words in this text, so they do not end sentences.
_END = re.compile(r"[.!?]”?(?:\s\[\d+\]\.?)?(?=\s+[A-Z“(])")
_FOOTNOTE = re.compile(r"\d+\. ")


def split_sentences(text: str) -> list[tuple[int, int]]:
    r"""(start, end) offsets of every sentence; each line is at least one sentence.

    Examples
    --------
    >>> split_sentences("A first one. A second [2]. U.S. troops came.\n\n1. A note. Still it.")
    [(0, 12), (13, 26), (27, 44), (46, 66)]
    """
    spans = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            begin = offset + line.index(stripped)
            if _FOOTNOTE.match(stripped):
                spans.append((begin, begin + len(stripped)))
            else:
                start = 0
                for match in _END.finditer(stripped):
                    spans.append((begin + start, begin + match.end()))
                    start = match.end() + len(stripped[match.end() :]) - len(stripped[match.end() :].lstrip())
                if start < len(stripped):
                    spans.append((begin + start, begin + len(stripped)))
        offset += len(line) + 1
    return spans


def nearest(word: str, known: list[str], n: int = 3) -> list[str]:
    """The known words closest to ``word`` (for a "did you mean" after a typo).

    Examples
    --------
    >>> nearest("evt-001", ["evt-0001", "loc-iraq"])
    ['evt-0001']
    """
    return difflib.get_close_matches(word, known, n=n, cutoff=0.6)


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` and ``noun``, the noun plural unless the number is one (``plural``: a plural other than noun + "s").

    Examples
    --------
    >>> counted(1, "row"), counted(0, "row"), counted(2, "failure"), counted(1367, "quote")
    ('1 row', '0 rows', '2 failures', '1367 quotes')
    >>> counted(3, "match", "matches")
    '3 matches'
    """
    return f"{number} {noun if number == 1 else plural or noun + 's'}"
