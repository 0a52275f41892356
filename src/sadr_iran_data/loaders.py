"""Loaders: one private helper behind every public ``load_*`` function.

Every load reads the file once, checks its sha256 against the manifest and
converts it to the declared types. Nothing is cached: each call returns a new
object the caller may change freely. No network access, ever.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from .integrity import read_manifest, read_verified

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

Backend = Literal["pandas", "arrow", "polars"]
BACKENDS = ("pandas", "arrow", "polars")


def tables() -> tuple[str, ...]:
    """Names of the shipped tables, in build order.

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


def _read_polars(name: str, data: bytes) -> Any:
    import io

    try:
        import polars as pl
    except ImportError:
        from .errors import SadrIranDataError

        raise SadrIranDataError("the polars backend needs polars: pip install 'sadr-iran-data[polars]'") from None
    from .declarations import get_table

    table = get_table(name)
    df = pl.read_parquet(io.BytesIO(data))
    return df.with_columns(
        [pl.col(c.name).cast(pl.String).cast(pl.Enum(list(c.vocabulary.values))) for c in table.columns if c.type == "category"]
    )


def load(name: str, backend: Backend = "pandas") -> Any:
    """Load table ``name`` as a pandas DataFrame, an Arrow Table or a polars DataFrame.

    >>> import sadr_iran_data as sid
    >>> sid.load("events", backend="arrow").num_rows > 0
    True
    """
    return _load(name, backend, read_manifest())


def _load(name: str, backend: str, manifest: dict[str, Any]) -> Any:
    # Only what the backend needs is imported: the Arrow path never touches
    # pandas, and the table declarations are read only to type pandas/polars frames.
    if backend not in BACKENDS:
        from .errors import SadrIranDataError

        raise SadrIranDataError(f"unknown backend {backend!r}; use one of: {', '.join(BACKENDS)}")
    if name not in manifest["tables"]:
        from .errors import UnknownTableError

        raise UnknownTableError(name, tuple(manifest["tables"]))
    data = read_verified(name, manifest=manifest)
    if backend == "polars":
        return _read_polars(name, data)
    arrow = _read_arrow(data)
    if backend == "arrow":
        return arrow
    from ._dtypes import to_pandas
    from .declarations import get_table

    return to_pandas(get_table(name), arrow)


def load_all(backend: Backend = "pandas") -> dict[str, Any]:
    """Every table, keyed by name, in build order.

    >>> import sadr_iran_data as sid
    >>> list(sid.load_all()) == list(sid.tables())
    True
    """
    manifest = read_manifest()
    return {name: _load(name, backend, manifest) for name in manifest["tables"]}


def load_citations() -> pd.DataFrame:
    """The source article and its footnotes, one row each (columns: ``sid.codebook()``).

    >>> import sadr_iran_data as sid
    >>> sid.load_citations().loc[0, "kind"]
    'article'
    """
    return load("citations")


def load_actors() -> pd.DataFrame:
    """People, organisations, armed groups, states and collective actors.

    >>> import sadr_iran_data as sid
    >>> "act-moqtada-al-sadr" in set(sid.load_actors()["actor_id"])
    True
    """
    return load("actors")


def load_locations() -> pd.DataFrame:
    """Places with hierarchy, codes and coordinates.

    >>> import sadr_iran_data as sid
    >>> sid.load_locations().set_index("location_id").loc["loc-qum", "country"]
    'IRN'
    """
    return load("locations")


def load_events() -> pd.DataFrame:
    """Events with dates, precision, certainty and location.

    >>> import sadr_iran_data as sid
    >>> str(sid.load_events()["date_start"].dtype)
    'datetime64[ns]'
    """
    return load("events")


def load_event_actors() -> pd.DataFrame:
    """Which actor plays which role in which event.

    >>> import sadr_iran_data as sid
    >>> bool(sid.load_event_actors()["event_id"].str.startswith("evt-").all())
    True
    """
    return load("event_actors")


def load_relations() -> pd.DataFrame:
    """Dated, directed relations between actors with certainty.

    >>> import sadr_iran_data as sid
    >>> sid.load_relations()["relation_type"].dtype.name
    'category'
    """
    return load("relations")


def load_evidence() -> pd.DataFrame:
    """The verbatim quote and character offsets behind every row of every table.

    >>> import sadr_iran_data as sid
    >>> ev = sid.load_evidence()
    >>> bool((ev["char_end"] - ev["char_start"] == ev["quote"].str.len()).all())
    True
    """
    return load("evidence")
