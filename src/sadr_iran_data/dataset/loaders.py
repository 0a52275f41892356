"""Loaders: one private helper behind every public ``load_*`` function, and the readers of the release files.

Every load reads the file once, checks its sha256 against the manifest and
converts it to the declared types. Nothing is cached: each call returns a new
object the caller may change freely. No network access, ever.
``changes()``, ``retired()`` and ``lookup()`` read the other shipped files the
same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..errors import SadrIranDataError
from ._read import BACKENDS, Backend, _check_backend, _load, _read_arrow, record, retired, typed_frame
from .integrity import check_manifest_digest, read_manifest, read_verified

if TYPE_CHECKING:
    from pathlib import Path

    import pandas as pd


__all__ = [
    "BACKENDS",
    "Backend",
    "changes",
    "load",
    "load_actors",
    "load_all",
    "load_citations",
    "load_cues",
    "load_event_actors",
    "load_events",
    "load_evidence",
    "load_locations",
    "load_relations",
    "lookup",
    "retired",
    "tables",
]


def tables() -> tuple[str, ...]:
    """Names of the shipped tables, in build order.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> sid.tables()[:3]
    ('citations', 'actors', 'locations')
    """
    from ..declarations import TABLES

    return tuple(TABLES)


def load(
    name: str,
    backend: Backend = "pandas",
    *,
    wide: bool = False,
    rollup: int | None = None,
    min_confidence: str | None = None,
    version: str | None = None,
) -> Any:
    """Load table ``name`` as a pandas DataFrame, an Arrow Table or a polars DataFrame.

    Parameters
    ----------
    name
        One of :func:`tables`.
    backend
        ``"pandas"`` (declared dtypes: text with NaN for missing values,
        categoricals, nullable integers and booleans, ``float64``,
        ``datetime64[ns]`` dates, Arrow lists), ``"arrow"`` (the declared
        Arrow schema; never imports pandas) or ``"polars"`` (vocabularies as
        ``pl.Enum``).
    wide
        For ``events`` and ``relations``: one row per event or relation with
        its actors by role (or both actors' names and types), its place with
        province, country and coordinates, its confidence and its evidence
        text (columns: ``sid.codebook()``, views ``events_wide`` and
        ``relations_wide``).
    rollup
        With ``wide``: count every actor as its ancestor this many levels below
        the top of its hierarchy (``0``: every Iranian state body as Iran).
    min_confidence
        With ``wide``: keep the rows at least this confident, on the scale
        ``asserted``, ``probable``, ``possible``, ``reported_unverified``,
        ``forecast``.
    version
        A release to load instead of the installed one (``"1.1.0"``;
        ``sid.releases()`` lists them): its table as it was released, with the
        columns it had, checked against the manifest.

    Raises
    ------
    UnknownTableError
        For a name that is no table.
    SadrIranDataError
        For a version this package does not hold (the error names those it does).
    DataIntegrityError
        If the file or the manifest was changed after the release.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> sid.load("events", backend="arrow").num_rows > 0
    True
    """
    if version is not None:
        from .releases import check_version

        check_version(version)
    if wide:
        from .views import wide as wide_view

        return wide_view(name, backend, rollup=rollup, min_confidence=min_confidence, version=version)
    if rollup is not None or min_confidence is not None:
        raise SadrIranDataError.keyed("rollup and min_confidence apply to the wide views: pass {wide}")
    manifest = read_manifest()
    if version is not None and version != manifest.get("version"):
        from .releases import release_table

        _check_backend(backend)
        declared, arrow_table = release_table(name, version)
        return typed_frame(declared, arrow_table, backend)
    return _load(name, backend, manifest)


def load_all(backend: Backend = "pandas", *, version: str | None = None) -> dict[str, Any]:
    """Every table, keyed by name, in build order (of release ``version``: the tables it had).

    Parameters
    ----------
    backend
        ``"pandas"``, ``"arrow"`` or ``"polars"``, as for :func:`load`.
    version
        A release to load instead of the installed one (``sid.releases()`` lists them).

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> list(sid.load_all()) == list(sid.tables())
    True
    """
    _check_backend(backend)
    manifest = read_manifest()
    if version is not None and version != manifest.get("version"):
        from .releases import archived

        return {name: load(name, backend, version=version) for name in manifest["tables"] if name in archived(version)}
    # every file against the manifest first, so that a changed file is named before a changed manifest
    files = {name: read_verified(name, manifest=manifest, check_manifest=False) for name in manifest["tables"]}
    check_manifest_digest(manifest)
    return {name: _load(name, backend, manifest, data) for name, data in files.items()}


def load_citations(*, version: str | None = None) -> pd.DataFrame:
    """The source article and its footnotes, one row each.

    Returns
    -------
    pandas.DataFrame
        A new frame on every call, with the declared dtypes.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> sid.load_citations().loc[0, "kind"]
    'article'
    """
    frame: pd.DataFrame = load("citations", version=version)
    return frame


def load_actors(*, version: str | None = None) -> pd.DataFrame:
    """People, organisations, armed groups, states and collective actors, one row each.

    Returns
    -------
    pandas.DataFrame
        A new frame on every call, with the declared dtypes.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> "act-moqtada-al-sadr" in set(sid.load_actors()["actor_id"])
    True
    """
    frame: pd.DataFrame = load("actors", version=version)
    return frame


def load_locations(*, version: str | None = None) -> pd.DataFrame:
    """Places with their hierarchy, codes and coordinates, one row each.

    Returns
    -------
    pandas.DataFrame
        A new frame on every call, with the declared dtypes.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> sid.load_locations().set_index("location_id").loc["loc-qum", "country"]
    'IRN'
    """
    frame: pd.DataFrame = load("locations", version=version)
    return frame


def load_events(
    *, wide: bool = False, rollup: int | None = None, min_confidence: str | None = None, version: str | None = None
) -> pd.DataFrame:
    """Events with their dates, precision, certainty and place, one row each.

    Parameters
    ----------
    wide
        One row per event with its actors by role, its place with province, country and coordinates,
        its confidence and its evidence text (see :func:`load`).
    rollup
        With ``wide``: count every actor as its ancestor this many levels below the top of its hierarchy.
    min_confidence
        With ``wide``: keep the rows at least this confident (``asserted``, ``probable``, ``possible``,
        ``reported_unverified``, ``forecast``).
    version
        A release to load instead of the installed one (``sid.releases()`` lists them).

    Returns
    -------
    pandas.DataFrame
        A new frame on every call, with the declared dtypes.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> str(sid.load_events()["date_start"].dtype)
    'datetime64[ns]'
    """
    frame: pd.DataFrame = load("events", wide=wide, rollup=rollup, min_confidence=min_confidence, version=version)
    return frame


def load_event_actors(*, version: str | None = None) -> pd.DataFrame:
    """Which actor plays which role in which event, one row per link.

    Returns
    -------
    pandas.DataFrame
        A new frame on every call, with the declared dtypes.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> bool(sid.load_event_actors()["event_id"].str.startswith("evt-").all())
    True
    """
    frame: pd.DataFrame = load("event_actors", version=version)
    return frame


def load_relations(
    *, wide: bool = False, rollup: int | None = None, min_confidence: str | None = None, version: str | None = None
) -> pd.DataFrame:
    """Dated, directed relations between actors with their certainty, one row each.

    Parameters
    ----------
    wide
        One row per relation with both actors' names, types and countries,
        its confidence and its evidence text (see :func:`load`).
    rollup
        With ``wide``: count every actor as its ancestor this many levels below the top of its hierarchy.
    min_confidence
        With ``wide``: keep the rows at least this confident (``asserted``, ``probable``, ``possible``,
        ``reported_unverified``, ``forecast``).
    version
        A release to load instead of the installed one (``sid.releases()`` lists them).

    Returns
    -------
    pandas.DataFrame
        A new frame on every call, with the declared dtypes.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> sid.load_relations()["relation_type"].dtype.name
    'category'
    """
    frame: pd.DataFrame = load("relations", wide=wide, rollup=rollup, min_confidence=min_confidence, version=version)
    return frame


def load_evidence(*, article: str | Path | None = None, version: str | None = None) -> pd.DataFrame:
    """The verbatim quote and character offsets behind every row of every table, one row per quote.

    The quotes are short (at most 30 words): the article is copyrighted, and
    the package ships only what proves each row. With ``article``, the path of
    your own copy of the article, each quote also gets its full ``sentence``
    (with ``sentence_start`` and ``sentence_end``, offsets in your copy),
    after your copy is checked to be the article (:func:`sadr_iran_data.check_article`).

    An earlier release (``version``) is shipped with its quotes' offsets but
    not their text, which covered more of the article than this release may
    ship (1.3.0's quotes, 92% of it): its ``quote`` is null, and with
    ``article`` it is taken from your copy at the archived offsets, once the
    copy is checked to be the article with every quote at its own offsets.

    Parameters
    ----------
    article
        A UTF-8 text file of the article.
    version
        A release (``sid.releases()``); the installed one by default.

    Returns
    -------
    pandas.DataFrame
        A new frame on every call, with the declared dtypes.

    Raises
    ------
    InputError
        If ``article`` cannot be read or is not the article (a quote is missing from it), or, with an earlier
        ``version``, if its quotes are not at their own offsets in it.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> ev = sid.load_evidence()
    >>> bool((ev["char_end"] - ev["char_start"] == ev["quote"].str.len()).all())
    True
    """
    if article is not None and version is not None and version != read_manifest().get("version"):
        from .article import with_old_quotes
        from .releases import check_version, release_table

        declared, arrow_table = release_table("evidence", check_version(version))
        restored: pd.DataFrame = typed_frame(declared, with_old_quotes(arrow_table, article), "pandas")
        return restored
    if article is not None:
        import pyarrow as pa

        from ..declarations.views import EVIDENCE_WITH_SENTENCES
        from ._read import _to_pandas
        from .article import with_sentences

        rows = with_sentences(article)
        return _to_pandas(EVIDENCE_WITH_SENTENCES, pa.Table.from_pylist(rows, schema=EVIDENCE_WITH_SENTENCES.arrow_schema()))
    frame: pd.DataFrame = load("evidence", version=version)
    return frame


def load_cues(*, version: str | None = None) -> pd.DataFrame:
    """The few words of the article behind each coded value of a row, one row per cue.

    A cue justifies one value: the trigger of an event's or relation's type,
    each party, the hedge of a row that is not plainly stated, the holder of a
    reported view, the date expression and the place mention. A pronoun or a
    description is cued where it stands; its antecedent's cue names it in
    ``antecedent_of``.

    Returns
    -------
    pandas.DataFrame
        A new frame on every call, with the declared dtypes.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> cues = sid.load_cues()
    >>> bool((cues["char_end"] - cues["char_start"] == cues["text"].str.len()).all())
    True
    """
    frame: pd.DataFrame = load("cues", version=version)
    return frame


# --------------------------------------------------------------------------
# The release files: what changed, what was retired, any record by its id
# --------------------------------------------------------------------------


def changes(since: str | None = None) -> pd.DataFrame:
    """What changed in the data, by release: one row per record added or removed, or column changed.

    Parameters
    ----------
    since
        Keep only the changes of the releases after this one (``"1.0.0"``).

    Returns
    -------
    pandas.DataFrame
        Columns ``version``, ``previous_version``, ``table``, ``record_id``,
        ``change`` (added, removed, changed), ``column``, ``old_value`` and
        ``new_value`` (JSON text).

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> list(sid.changes().columns)
    ['version', 'previous_version', 'table', 'record_id', 'change', 'column', 'old_value', 'new_value']
    >>> sid.changes(since=sid.__version__).empty
    True
    """
    import pandas as pd
    import pyarrow as pa

    from .. import _version
    from .versions import version_key

    manifest = read_manifest()
    arrow = _read_arrow(read_verified("changes", manifest=manifest))
    df: pd.DataFrame = arrow.to_pandas(types_mapper={pa.string(): pd.StringDtype("pyarrow")}.get, use_threads=False)
    if since is None:
        return df
    known = {*manifest.get("releases", ()), *df["version"], *df["previous_version"], _version.__version__}
    if since not in known:
        raise SadrIranDataError(f"unknown release {since!r}; releases: {', '.join(sorted(known, key=version_key))}")
    after = version_key(since)
    # a boolean array, not a Series: an empty Series of objects would select columns, not rows
    keep = [version_key(v) > after for v in df["version"]]
    kept: pd.DataFrame = df.loc[pd.Series(keep, index=df.index, dtype=bool)].reset_index(drop=True)
    return kept


def lookup(record_id: str, *, evidence: bool = False) -> dict[str, Any]:
    """The row of any table with id ``record_id``, as a dict.

    With ``evidence=True`` the dict also holds ``evidence``: the record's
    quotes, in the order of the text, each with ``evidence_id``,
    ``char_start``, ``char_end`` and ``quote``.

    Raises
    ------
    RetiredIdError
        For a retired id, saying when and why it was retired.
    KeyError
        For an id that never existed.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> sid.lookup("loc-mehran")["name"]
    'Mehran'
    >>> sid.lookup("evt-0037", evidence=True)["evidence"][0]["quote"]
    'On January 24, 2006'
    """
    import pyarrow.compute as pc

    row = record(record_id)
    if evidence:
        quotes = load("evidence", backend="arrow")
        mine = quotes.filter(pc.equal(quotes["record_id"], record_id)).to_pylist()
        row["evidence"] = [
            {k: q[k] for k in ("evidence_id", "char_start", "char_end", "quote")}
            for q in sorted(mine, key=lambda q: (q["char_start"], q["char_end"]))
        ]
    return row


def _columns_note(entry: dict[str, Any]) -> str:
    """A loader's ``Notes`` section: its table's columns as the manifest lists them (name, type, nullable, description)."""
    import textwrap

    lines = ["", "    Notes", "    -----", "    Its columns, as declared (the data dictionary has their rules):", ""]
    for name, kind, nullable, description in entry.get("columns", ()):
        item = f"- ``{name}`` ({kind}{', may be null' if nullable else ''}): {description}"
        lines += textwrap.wrap(item, width=130, initial_indent="    ", subsequent_indent="      ", break_on_hyphens=False)
    return "\n".join(lines) + "\n"


def _document_columns() -> None:
    """Each ``load_<table>`` lists its table's columns in its docstring, read from the shipped manifest once, at import.

    The manifest is the data file the build writes from the declarations, so
    the list is the one the data holds without importing the declarations
    here. A manifest that cannot be read leaves the docstrings as written:
    the first load reports it.
    """
    from ..errors import DataIntegrityError

    try:
        manifest = read_manifest()
    except DataIntegrityError:
        return
    for name, entry in manifest["tables"].items():
        loader = globals().get(f"load_{name}")
        if callable(loader) and loader.__doc__ and isinstance(entry, dict):
            head, marker, tail = loader.__doc__.partition("\n    Examples\n")
            loader.__doc__ = head.rstrip("\n") + "\n" + _columns_note(entry) + marker + tail


_document_columns()
