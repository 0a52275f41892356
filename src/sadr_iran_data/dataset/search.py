"""Finding actors, places and citations by name: case-, accent- and transliteration-insensitive.

Arabic and Persian names reach English in many spellings: Qods and Quds,
Moqtada and Muqtada, Hezbollah and Hizballah, Masjid Suleiman and Masjed
Soleyman. :func:`find` compares names and aliases three ways, best first:
as written (case and accents aside), word by word, and by their consonant
skeleton (vowels, ``y``, ``w``, ``h`` after a consonant, and doubled letters
dropped; ``q`` as ``k``), which is where those spellings meet; a close spelling
(``difflib``) comes last, and only where nothing else matched it is offered
as "did you mean".

Examples
--------
>>> skeleton("Hizballah") == skeleton("Hezbollah"), skeleton("Masjed Soleyman") == skeleton("Masjid Suleiman")
(True, True)
>>> skeleton("Quds Force") == skeleton("Qods Force"), skeleton("Muqtada") == skeleton("Moqtada")
(True, True)
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

#: The columns of :func:`find`, and how good each kind of match is (1 best).
FIND_COLUMNS = ("table", "id", "name", "matched", "match", "score")
_MATCHES = {"exact": 1.0, "words": 0.9, "transliteration": 0.8}
#: Articles and particles that names carry or drop: "al-Sadr" is "Sadr".
_PARTICLES = re.compile(r"\b(?:al|el|ad|as|an|ar|the)[-\s]", re.IGNORECASE)


# Each name is compared with every query: its plain form and skeleton are worked out once.
@functools.lru_cache(maxsize=4096)
def plain(text: str) -> str:
    """``text`` without accents, case, apostrophes, hyphens or punctuation: words separated by one space.

    Examples
    --------
    >>> plain("Muqtada al-Ṣadr’s")
    'muqtada al sadr s'
    """
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", letters).split())


@functools.lru_cache(maxsize=4096)
def skeleton(text: str) -> str:
    """The consonant skeleton of a name, where its transliterations meet: no particles, vowels or doubled letters."""
    words = []
    for word in plain(_PARTICLES.sub(" ", text + " ")).split():
        first, rest = word[0], re.sub(r"[aeiouyw]|(?<=[^aeiou])h", "", word[1:])
        letters = re.sub(r"(.)\1+", r"\1", (first + rest).replace("q", "k"))
        if letters:
            words.append(letters)
    return " ".join(words)


def _names() -> list[tuple[str, str, str, str]]:
    """(table, id, name, form) of every actor, place and citation: names, aliases, and titles, authors, outlets, publishers."""
    from ._read import _load
    from .integrity import read_manifest

    manifest = read_manifest()
    found = []
    for table, key in (("actors", "actor_id"), ("locations", "location_id")):
        for row in _load(table, "arrow", manifest).to_pylist():
            for form in [row["name"], *(row["aliases"] or [])]:
                found.append((table, row[key], row["name"], form))
    for row in _load("citations", "arrow", manifest).to_pylist():
        label = row["title"] or row["outlet"] or row["author"] or row["citation_id"]
        for form in (row["title"], row["author"], row["outlet"], row["publisher"], row["interviewee"]):
            if form:
                found.append(("citations", row["citation_id"], label, form))
    return found


def _match(query: str, form: str) -> str | None:
    """How ``form`` matches ``query``: exactly, by its words, by transliteration, or not at all."""
    q, f = plain(query), plain(form)
    if not q:
        return None
    if q == f:
        return "exact"
    if re.search(rf"(?<!\w){re.escape(q)}(?!\w)", f):
        return "words"
    sq, sf = skeleton(query), skeleton(form)
    if sq and (sq == sf or re.search(rf"(?<!\w){re.escape(sq)}(?!\w)", sf)):
        return "transliteration"
    return None


def find(text: str, *, limit: int | None = None) -> pd.DataFrame:
    """Actors, places and citations whose name, alias, title, author or outlet matches ``text``, best first.

    Case, accents and the usual transliteration differences do not matter
    ("muqtada", "Quds", "Hizballah", "Masjed Soleyman" all find their
    records). Each row gives the record (``table``, ``id``, ``name``), the form
    that matched (``matched``), how (``match``: ``exact``, ``words`` or
    ``transliteration``) and a ``score`` (1 best; within a kind of match,
    the form nearest the query scores higher). Where nothing
    matches, the closest spellings are given as ``did you mean``.

    Parameters
    ----------
    text
        A name or part of one.
    limit
        At most this many rows.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> sid.find("Quds Force").iloc[0]["id"]
    'act-qods-force'
    >>> sid.find("Masjed Soleyman").iloc[0]["id"]
    'loc-masjid-suleiman'
    >>> sid.find("Tehrn")["id"].iloc[0]
    'act-iran'
    >>> sid.find("Mhdy Rmy")["match"].iloc[0]
    'did you mean'
    """
    import pandas as pd

    rows: dict[tuple[str, str], tuple[Any, ...]] = {}
    names = _names()
    for table, key, name, form in names:
        how = _match(text, form)
        if how is None:
            continue
        # within a kind of match, the form nearest the query in length and letters first
        score = round(_MATCHES[how] - 0.09 * (1 - difflib.SequenceMatcher(None, plain(text), plain(form)).ratio()), 3)
        if (table, key) not in rows or rows[(table, key)][5] < score:
            rows[(table, key)] = (table, key, name, form, how, score)
    if not rows:
        forms = {plain(form): (table, key, name, form) for table, key, name, form in names}
        for close in difflib.get_close_matches(plain(text), list(forms), n=5, cutoff=0.6):
            table, key, name, form = forms[close]
            ratio = round(difflib.SequenceMatcher(None, plain(text), close).ratio(), 3)
            rows.setdefault((table, key), (table, key, name, form, "did you mean", ratio))
    ordered = sorted(rows.values(), key=lambda r: (-r[5], r[2], r[1]))[:limit]
    frame = pd.DataFrame(ordered, columns=list(FIND_COLUMNS))
    return frame.astype({c: "string" for c in FIND_COLUMNS[:5]} | {"score": "float64"})
