"""Loaders: one private helper behind every public ``load_*`` function, and the readers of the release files.

Every load reads the file once, checks its sha256 against the manifest and
converts it to the declared types. Nothing is cached: each call returns a new
object the caller may change freely. No network access, ever.
``changes()``, ``retired()`` and ``lookup()`` read the other shipped files the
same way.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Literal

from .errors import RetiredIdError, SadrIranDataError, UnknownTableError
from .integrity import Manifest, check_manifest_digest, read_manifest, read_verified

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from .declarations import Table

Backend = Literal["pandas", "arrow", "polars"]
BACKENDS = ("pandas", "arrow", "polars")


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


def _read_arrow(data: bytes) -> pa.Table:
    import pyarrow as pa
    import pyarrow.parquet as pq

    return pq.ParquetFile(pa.BufferReader(data)).read(use_threads=False)


def _read_polars(name: str, data: bytes, manifest: Manifest) -> Any:
    import io

    try:
        import polars as pl
    except ImportError:
        raise SadrIranDataError("the polars backend needs polars: pip install 'sadr-iran-data[polars]'") from None
    # Parquet holds vocabularies as dictionaries, which polars reads as text: cast them to the declared enums,
    # whose values the build wrote into the manifest (so that this path needs no declarations).
    categories: dict[str, list[str]] = manifest["tables"][name].get("categories") or {}
    df = pl.read_parquet(io.BytesIO(data))
    return df.with_columns([pl.col(column).cast(pl.String).cast(pl.Enum(values)) for column, values in categories.items()])


def _to_pandas(table: Table, data: pa.Table) -> pd.DataFrame:
    """An Arrow table of ``table`` as a pandas DataFrame with the declared dtypes (identical on pandas 2 and 3)."""
    dtypes = {c.name: c.column_type.pandas_dtype(c) for c in table.columns}
    by_arrow = [(c.column_type.arrow_type(), dtypes[c.name]) for c in table.columns if c.type not in ("category", "date")]

    def mapper(arrow_type: pa.DataType) -> Any:
        # list types hash by their item field's name ("item" or "element"): compare by equality
        return next((dtype for declared, dtype in by_arrow if declared == arrow_type), None)

    df: pd.DataFrame = data.to_pandas(types_mapper=mapper, coerce_temporal_nanoseconds=True, date_as_object=False, use_threads=False)
    for col in table.columns:
        if col.type == "category":
            df[col.name] = df[col.name].cat.set_categories(dtypes[col.name].categories)
    return df


def load(name: str, backend: Backend = "pandas") -> Any:
    """Load table ``name`` as a pandas DataFrame, an Arrow Table or a polars DataFrame.

    Parameters
    ----------
    name
        One of :func:`tables`.
    backend
        ``"pandas"`` (declared dtypes: strings, categoricals, nullable
        integers and booleans, ``datetime64[ns]`` dates, Arrow lists),
        ``"arrow"`` (the declared Arrow schema; never imports pandas) or
        ``"polars"`` (vocabularies as ``pl.Enum``).

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
    return _load(name, backend, read_manifest())


def _check_backend(backend: str) -> None:
    if backend not in BACKENDS:
        raise SadrIranDataError(f"unknown backend {backend!r}; use one of: {', '.join(BACKENDS)}")


def _load(name: str, backend: str, manifest: Manifest, data: bytes | None = None) -> Any:
    # Only what the backend needs is imported: the Arrow path never touches
    # pandas, and the table declarations are read only to type pandas/polars frames.
    _check_backend(backend)
    if name not in manifest["tables"]:
        raise UnknownTableError(name, tuple(manifest["tables"]))
    if data is None:
        data = read_verified(name, manifest=manifest)
    if backend == "polars":
        return _read_polars(name, data, manifest)
    arrow = _read_arrow(data)
    if backend == "arrow":
        return arrow
    from .declarations import get_table

    return _to_pandas(get_table(name), arrow)


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
    - ``date_precision`` (category): Precision of ``date``.
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


def load_events() -> pd.DataFrame:
    """Events with their dates, precision, certainty and place, one row each.

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
    - ``plover_type`` (string, may be null): PLOVER event type the event_type maps to, where one fits.
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
    <!-- /columns:events -->

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> str(sid.load_events()["date_start"].dtype)
    'datetime64[ns]'
    """
    frame: pd.DataFrame = load("events")
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


def load_relations() -> pd.DataFrame:
    """Dated, directed relations between actors with their certainty, one row each.

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
    <!-- /columns:relations -->

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> sid.load_relations()["relation_type"].dtype.name
    'category'
    """
    frame: pd.DataFrame = load("relations")
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
    keep = df["version"].map(lambda v: version_key(v) > after)
    kept: pd.DataFrame = df[keep].reset_index(drop=True)
    return kept


def retired() -> list[dict[str, Any]]:
    """Ids retired from the dataset, with the release that retired them and why.

    Examples
    --------
    >>> import sadr_iran_data as sid
    >>> isinstance(sid.retired(), list)
    True
    """
    entries: list[dict[str, Any]] = json.loads(read_verified("retired").decode("utf-8"))
    return entries


def lookup(record_id: str) -> dict[str, Any]:
    """The row of any table with id ``record_id``, as a dict.

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
    """
    import pyarrow.compute as pc

    from . import _version
    from .declarations import TABLES

    for entry in retired():
        if entry["id"] == record_id:
            replaced = f"; use {entry['replaced_by']} instead" if entry.get("replaced_by") else ""
            raise RetiredIdError(f"{record_id} was retired in {entry['retired_in']} because {entry['reason']}{replaced}")
    for name, table in TABLES.items():
        if record_id.startswith(f"{table.prefix}-"):
            arrow = load(name, backend="arrow")
            hits = arrow.filter(pc.equal(arrow[table.primary_key], record_id)).to_pylist()
            if hits:
                return dict(hits[0])
            break
    raise KeyError(f"no record has id {record_id!r} in sadr-iran-data {_version.__version__}")
