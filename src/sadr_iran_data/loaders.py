"""Loaders: one private helper behind every public ``load_*`` function, and the readers of the release files.

Every load reads the file once, checks its sha256 against the manifest and
converts it to the declared types. Nothing is cached: each call returns a new
object the caller may change freely. No network access, ever.
``changes()``, ``retired()`` and ``lookup()`` read the other shipped files the
same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._tables import BACKENDS, Backend, _check_backend, _load, _read_arrow, record, retired
from .errors import SadrIranDataError
from .integrity import check_manifest_digest, read_manifest, read_verified

if TYPE_CHECKING:
    import pandas as pd


__all__ = [
    "BACKENDS",
    "Backend",
    "changes",
    "load",
    "load_actors",
    "load_all",
    "load_citations",
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
    from .declarations import TABLES

    return tuple(TABLES)


def load(
    name: str, backend: Backend = "pandas", *, wide: bool = False, rollup: int | None = None, min_confidence: str | None = None
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

    Raises
    ------
    UnknownTableError
        For a name that is no table.
    DataIntegrityError
        If the file or the manifest was changed after the release.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> sid.load("events", backend="arrow").num_rows > 0
    True
    """
    if wide:
        from .views import wide as wide_view

        return wide_view(name, backend, rollup=rollup, min_confidence=min_confidence)
    if rollup is not None or min_confidence is not None:
        raise SadrIranDataError.keyed("rollup and min_confidence apply to the wide views: pass {wide}")
    return _load(name, backend, read_manifest())


def load_all(backend: Backend = "pandas") -> dict[str, Any]:
    """Every table, keyed by name, in build order.

    Parameters
    ----------
    backend
        ``"pandas"``, ``"arrow"`` or ``"polars"``, as for :func:`load`.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> list(sid.load_all()) == list(sid.tables())
    True
    """
    _check_backend(backend)
    manifest = read_manifest()
    # every file against the manifest first, so that a changed file is named before a changed manifest
    files = {name: read_verified(name, manifest=manifest, check_manifest=False) for name in manifest["tables"]}
    check_manifest_digest(manifest)
    return {name: _load(name, backend, manifest, data) for name, data in files.items()}


def load_citations() -> pd.DataFrame:
    """The source article and its footnotes, one row each.

    Returns
    -------
    pandas.DataFrame
        A new frame on every call, with the declared dtypes.

    Notes
    -----
    <!-- columns:citations -->
    Its columns, as declared (the data dictionary has their rules):

    - ``citation_id`` (id): Stable id of the citation.
    - ``kind`` (category): What kind of document it is.
    - ``note_number`` (int, may be null): The footnote number in the citing article; null for the article itself.
    - ``cited_in`` (id, may be null): The article whose footnote this is; null for the article itself.
    - ``author`` (string, may be null): Author, or for an interview the interviewer, as given or implied.
    - ``interviewee`` (string, may be null): Description of the interviewee, for interviews.
    - ``title`` (string, may be null): Title as given (transliterated titles kept as printed).
    - ``outlet`` (string, may be null): Publication, broadcaster or outlet.
    - ``publisher`` (string, may be null): Publisher of the outlet.
    - ``volume`` (string, may be null): Volume of a periodical.
    - ``issue`` (string, may be null): Issue of a periodical.
    - ``date`` (date, may be null): Date of the document or interview (first day of its precision unit).
    - ``date_precision`` (category): Precision of the date.
    - ``location_id`` (id, may be null): Where an interview took place, if given.
    - ``language`` (string, may be null): ISO 639-1 code of the document's language, where evident.
    - ``anonymous`` (bool, may be null): Whether the source is anonymous.
    - ``url`` (string, may be null): URL of the document, where known.
    - ``text_sha256`` (string, may be null): SHA-256 of the stored text that evidence offsets refer to.
    - ``published_by`` (date, may be null): Latest day by which the document is known to have been published, from an outside
      source, where its own date is less precise.
    - ``published_by_source`` (string, may be null): The outside source of published_by.
    - ``metadata_source`` (string, may be null): Where bibliographic details not printed in the text come from.
    - ``description`` (string, may be null): What the citation is, in one line.
    <!-- /columns:citations -->

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> sid.load_citations().loc[0, "kind"]
    'article'
    """
    frame: pd.DataFrame = load("citations")
    return frame


def load_actors() -> pd.DataFrame:
    """People, organisations, armed groups, states and collective actors, one row each.

    Returns
    -------
    pandas.DataFrame
        A new frame on every call, with the declared dtypes.

    Notes
    -----
    <!-- columns:actors -->
    Its columns, as declared (the data dictionary has their rules):

    - ``actor_id`` (id): Stable id of the actor.
    - ``name`` (string): Name as the article spells it.
    - ``aliases`` (list): Other spellings and names (Muqtada, Quds, Hizballah, Dawa).
    - ``actor_type`` (category): What kind of actor it is.
    - ``country`` (string, may be null): ISO 3166-1 alpha-3 code of the state the actor belongs to, if one.
    - ``parent_actor_id`` (id, may be null): The actor this one is part of or led by (Qods Force -> IRGC).
    - ``description`` (string): Who the actor is, as far as the article says.
    - ``wikidata_id`` (string, may be null): Wikidata item id, where verified.
    - ``wikidata_source`` (string, may be null): The Wikidata item and the label checked against it.
    - ``cow_code`` (int, may be null): Correlates of War state number, for state actors.
    - ``cow_source`` (string, may be null): Where the COW code was checked.
    - ``gw_code`` (int, may be null): Gleditsch-Ward state number (UCDP's country_id), for state actors.
    - ``gw_source`` (string, may be null): Where the Gleditsch-Ward code was checked.
    - ``birth_year`` (int, may be null): Year of birth, where verified and relevant.
    - ``death_year`` (int, may be null): Year of death, where verified and relevant.
    - ``life_years_source`` (string, may be null): Where birth and death years were checked.
    <!-- /columns:actors -->

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> "act-moqtada-al-sadr" in set(sid.load_actors()["actor_id"])
    True
    """
    frame: pd.DataFrame = load("actors")
    return frame


def load_locations() -> pd.DataFrame:
    """Places with their hierarchy, codes and coordinates, one row each.

    Returns
    -------
    pandas.DataFrame
        A new frame on every call, with the declared dtypes.

    Notes
    -----
    <!-- columns:locations -->
    Its columns, as declared (the data dictionary has their rules):

    - ``location_id`` (id): Stable id of the place.
    - ``name`` (string): Name as the article spells it (Qum, Masjid Suleiman, Khuzistan).
    - ``aliases`` (list): Standard transliterations and other names (Qom, Masjed Soleyman).
    - ``location_type`` (category): What kind of place it is.
    - ``parent_location_id`` (id, may be null): The place this one lies in (town -> province -> country).
    - ``country`` (string, may be null): ISO 3166-1 alpha-3 code of the country; null for regions spanning countries.
    - ``iso_3166_2`` (string, may be null): Current ISO 3166-2 code, for provinces.
    - ``iso_3166_2_old`` (string, may be null): ISO 3166-2 code before a renumbering (Iran, November 2020).
    - ``iso_3166_2_source`` (string, may be null): Where the ISO 3166-2 codes were checked.
    - ``cow_code`` (int, may be null): Correlates of War state number, for countries.
    - ``cow_source`` (string, may be null): Where the COW code was checked.
    - ``gw_code`` (int, may be null): Gleditsch-Ward state number (UCDP's country_id), for countries.
    - ``gw_source`` (string, may be null): Where the Gleditsch-Ward code was checked.
    - ``latitude`` (float, may be null): WGS84 latitude in decimal degrees.
    - ``longitude`` (float, may be null): WGS84 longitude in decimal degrees.
    - ``geo_precision`` (category, may be null): What the coordinates stand for.
    - ``coordinate_source`` (string, may be null): Where the coordinates come from (e.g. 'GeoNames 98860').
    - ``geonames_id`` (int, may be null): GeoNames id, where verified.
    - ``geonames_source`` (string, may be null): Where the GeoNames id was checked.
    - ``wikidata_id`` (string, may be null): Wikidata item id, where verified.
    - ``wikidata_source`` (string, may be null): The Wikidata item and the label checked against it.
    - ``description`` (string, may be null): What the article says of the place, in one line.
    <!-- /columns:locations -->

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> sid.load_locations().set_index("location_id").loc["loc-qum", "country"]
    'IRN'
    """
    frame: pd.DataFrame = load("locations")
    return frame


def load_events(*, wide: bool = False, rollup: int | None = None, min_confidence: str | None = None) -> pd.DataFrame:
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

    Returns
    -------
    pandas.DataFrame
        A new frame on every call, with the declared dtypes.

    Notes
    -----
    <!-- columns:events -->
    Its columns, as declared (the data dictionary has their rules):

    - ``event_id`` (id): Stable id of the event.
    - ``event_type`` (category): What kind of event it is.
    - ``plover_type`` (category): PLOVER event type; NOT_CODED where PLOVER codes no event.
    - ``summary`` (string): One-line summary, claiming no more than the source.
    - ``date_start`` (date, may be null): First day the event may have begun, as the source dates it; null when the source gives
      no start.
    - ``date_end`` (date, may be null): Last day the event may have held, as the source dates it; open periods end at the
      publication bound; null for forecasts.
    - ``date_precision`` (category): How precisely the source dates the start.
    - ``date_edtf`` (edtf, may be null): The dating as an EDTF string (2004-04, 198X/199X, 2005/..).
    - ``location_id`` (id, may be null): Where it happened, if the source says.
    - ``certainty`` (category): How the source words the event.
    - ``attribution_kind`` (category): Whose claim the event is.
    - ``attributed_to`` (string): Who asserts the event: 'author', or the holder or source the author reports, in words.
    - ``citation_id`` (id, may be null): The footnote that supports it, if any.
    - ``coding_note`` (string, may be null): Why the row is coded as it is, where that is not obvious.
    - ``known_date`` (date, may be null): Exact day from an outside source where the article gives less.
    - ``known_date_source`` (string, may be null): The outside source of known_date.
    - ``plover_mode`` (category, may be null): PLOVER mode of the event, where the text says how.
    - ``plover_context`` (list): PLOVER contexts the text supports, with future, historical or hypothetical where they apply;
      empty if NOT_CODED.
    - ``plover_note`` (string, may be null): Why the PLOVER coding departs from the event_type's default.
    - ``cameo_root`` (string, may be null): CAMEO root code (two digits) of the PLOVER type and mode, where the crosswalk gives
      one.
    - ``cameo_source`` (string, may be null): The crosswalk cameo_root comes from.
    <!-- /columns:events -->

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> str(sid.load_events()["date_start"].dtype)
    'datetime64[ns]'
    """
    frame: pd.DataFrame = load("events", wide=wide, rollup=rollup, min_confidence=min_confidence)
    return frame


def load_event_actors() -> pd.DataFrame:
    """Which actor plays which role in which event, one row per link.

    Returns
    -------
    pandas.DataFrame
        A new frame on every call, with the declared dtypes.

    Notes
    -----
    <!-- columns:event_actors -->
    Its columns, as declared (the data dictionary has their rules):

    - ``event_actor_id`` (id): Stable id of the link.
    - ``event_id`` (id): The event.
    - ``actor_id`` (id): The actor.
    - ``role`` (category): The actor's part in the event.
    <!-- /columns:event_actors -->

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> bool(sid.load_event_actors()["event_id"].str.startswith("evt-").all())
    True
    """
    frame: pd.DataFrame = load("event_actors")
    return frame


def load_relations(*, wide: bool = False, rollup: int | None = None, min_confidence: str | None = None) -> pd.DataFrame:
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

    Returns
    -------
    pandas.DataFrame
        A new frame on every call, with the declared dtypes.

    Notes
    -----
    <!-- columns:relations -->
    Its columns, as declared (the data dictionary has their rules):

    - ``relation_id`` (id): Stable id of the relation.
    - ``source_actor_id`` (id): The actor the relation runs from.
    - ``target_actor_id`` (id): The actor the relation runs to.
    - ``relation_type`` (category): What the relation is.
    - ``support_form`` (category, may be null): Form of support, for relation_type 'supports'.
    - ``support_intent`` (category, may be null): Active or passive support (NAGs, after Byman), for relation_type 'supports'.
    - ``directed`` (bool): Whether the relation runs one way (source -> target).
    - ``summary`` (string): One-line summary, claiming no more than the source.
    - ``date_start`` (date, may be null): First day the relation may have begun, as the source dates it; null when the source
      gives no start.
    - ``date_end`` (date, may be null): Last day the relation may have held, as the source dates it; open periods end at the
      publication bound; null for forecasts.
    - ``date_precision`` (category): How precisely the source dates the start.
    - ``date_edtf`` (edtf, may be null): The dating as an EDTF string (2004-04, 198X/199X, 2005/..).
    - ``certainty`` (category): How the source words the relation.
    - ``attribution_kind`` (category): Whose claim the relation is.
    - ``attributed_to`` (string): Who asserts the relation: 'author', or the holder or source the author reports, in words.
    - ``citation_id`` (id, may be null): The footnote that supports it, if any.
    - ``coding_note`` (string, may be null): Why the row is coded as it is, where that is not obvious.
    - ``event_ids`` (list): Events that state the same fact (Tehran's supply of weapons is a relation and an event): count one or
      the other.
    <!-- /columns:relations -->

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> sid.load_relations()["relation_type"].dtype.name
    'category'
    """
    frame: pd.DataFrame = load("relations", wide=wide, rollup=rollup, min_confidence=min_confidence)
    return frame


def load_evidence() -> pd.DataFrame:
    """The verbatim quote and character offsets behind every row of every table, one row per quote.

    Returns
    -------
    pandas.DataFrame
        A new frame on every call, with the declared dtypes.

    Notes
    -----
    <!-- columns:evidence -->
    Its columns, as declared (the data dictionary has their rules):

    - ``evidence_id`` (id): Stable id of the evidence row.
    - ``record_table`` (category): Table of the record this quote grounds.
    - ``record_id`` (id): Id of the record this quote grounds.
    - ``citation_id`` (id): The document the quote is taken from.
    - ``char_start`` (int): Offset of the quote's first character (Unicode code points, from 0).
    - ``char_end`` (int): Offset just past the quote's last character: text[char_start:char_end] == quote.
    - ``quote`` (string): The verbatim span of the source text.
    <!-- /columns:evidence -->

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> ev = sid.load_evidence()
    >>> bool((ev["char_end"] - ev["char_start"] == ev["quote"].str.len()).all())
    True
    """
    frame: pd.DataFrame = load("evidence")
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

    from . import _version
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
    'On January 24, 2006, when al-Sadr met with the hardliner Ali Larijani'
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
