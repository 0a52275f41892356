"""Reading the shipped tables: the one private helper behind every load.

The bytes of a file, checked against the manifest, become an Arrow table,
then a pandas DataFrame with the declared dtypes or a polars DataFrame. The
public loaders (:mod:`sadr_iran_data.dataset.loaders`) and the views
(:mod:`sadr_iran_data.dataset.views`) both read through it.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Literal

from ..errors import DataIntegrityError, RetiredIdError, SadrIranDataError, UnknownTableError
from .integrity import Manifest, read_verified

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

    from ..declarations import Table

Backend = Literal["pandas", "arrow", "polars"]
BACKENDS = ("pandas", "arrow", "polars")


def _read_arrow(data: bytes) -> pa.Table:
    import pyarrow as pa
    import pyarrow.parquet as pq

    return pq.ParquetFile(pa.BufferReader(data)).read(use_threads=False)


def _import_polars() -> Any:
    try:
        import polars as pl
    except ImportError:
        raise SadrIranDataError("the polars backend needs polars: pip install 'sadr-iran-data[polars]'") from None
    return pl


def _read_polars(name: str, data: bytes, manifest: Manifest) -> Any:
    import io

    pl = _import_polars()
    # Parquet holds vocabularies as dictionaries, which polars reads as text: cast them to the declared enums,
    # whose values the build wrote into the manifest (so that this path needs no declarations).
    categories: dict[str, list[str]] = manifest["tables"][name].get("categories") or {}
    df = pl.read_parquet(io.BytesIO(data))
    return polars_enums(df, name, categories)


def polars_enums(df: Any, name: str, categories: dict[str, list[str]]) -> Any:
    """A polars DataFrame with each vocabulary column cast to its enum; a value outside the vocabulary is an error."""
    pl = _import_polars()
    for column, values in categories.items():
        _check_vocabulary(name, column, df.get_column(column).drop_nulls().unique().to_list(), values)
    return df.with_columns([pl.col(column).cast(pl.String).cast(pl.Enum(values)) for column, values in categories.items()])


def _check_vocabulary(name: str, column: str, present: Any, values: Any) -> None:
    """Raise :class:`DataIntegrityError` if a value of a vocabulary column is not in its vocabulary (it would become missing)."""
    unknown = sorted(set(map(str, present)) - set(values))
    if unknown:
        raise DataIntegrityError(
            f"{name}.{column} holds {unknown[0]!r}, which is not a value of its vocabulary ({', '.join(values)}) and would "
            "become a missing value: the data and the package's declarations disagree (sid.verify() checks the shipped files)"
        )


def _to_pandas(table: Table, data: pa.Table) -> pd.DataFrame:
    """An Arrow table of ``table`` as a pandas DataFrame with the declared dtypes (identical on pandas 2 and 3)."""
    import pandas as pd

    dtypes = {c.name: c.column_type.pandas_dtype(c) for c in table.columns}
    # Arrow converts to numpy dtypes (dates, floats) by itself; the mapper gives only the extension dtypes
    by_arrow = [
        (c.column_type.arrow_type(), dtypes[c.name])
        for c in table.columns
        if c.type not in ("category", "date") and isinstance(dtypes[c.name], pd.api.extensions.ExtensionDtype)
    ]

    def mapper(arrow_type: pa.DataType) -> Any:
        # list types hash by their item field's name ("item" or "element"): compare by equality
        return next((dtype for declared, dtype in by_arrow if declared == arrow_type), None)

    df: pd.DataFrame = data.to_pandas(types_mapper=mapper, coerce_temporal_nanoseconds=True, date_as_object=False, use_threads=False)
    for col in table.columns:
        if col.type == "category":
            _check_vocabulary(table.name, col.name, df[col.name].dropna().unique(), dtypes[col.name].categories)
            df[col.name] = df[col.name].cat.set_categories(dtypes[col.name].categories)
    # what each column means travels with the frame (pandas keeps attrs through most operations)
    df.attrs.update(table=table.name, description=table.description, columns={c.name: c.description for c in table.columns})
    return df


def typed_frame(table: Table, data: pa.Table, backend: str) -> Any:
    """An Arrow table typed by a declaration (a view, an earlier release's table) in ``backend``: arrow, pandas or polars."""
    if backend == "arrow":
        return data
    if backend == "polars":
        pl = _import_polars()
        frame = pl.from_arrow(data)
        categories = {c.name: list(c.vocabulary.values) for c in table.columns if c.vocabulary is not None}
        return frame.with_columns([pl.col(c).cast(pl.String).cast(pl.Enum(v)) for c, v in categories.items()])
    return _to_pandas(table, data)


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
    from ..declarations import get_table

    return _to_pandas(get_table(name), arrow)


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


def record(record_id: str) -> dict[str, Any]:
    """The row of any table with id ``record_id``; a retired id raises :class:`RetiredIdError`, an unknown one ``KeyError``."""
    import pyarrow.compute as pc

    from .. import _version
    from ..declarations import TABLES
    from .integrity import read_manifest

    for entry in retired():
        if entry["id"] == record_id:
            replaced = f"; use {entry['replaced_by']} instead" if entry.get("replaced_by") else ""
            raise RetiredIdError(f"{record_id} was retired in {entry['retired_in']} because {entry['reason']}{replaced}")
    for name, table in TABLES.items():
        if record_id.startswith(f"{table.prefix}-"):
            arrow = _load(name, "arrow", read_manifest())
            hits = arrow.filter(pc.equal(arrow[table.primary_key], record_id)).to_pylist()
            if hits:
                return dict(hits[0])
            break
    from .._text import nearest

    known = [
        row_id for name, table in TABLES.items() for row_id in _load(name, "arrow", read_manifest()).column(table.primary_key).to_pylist()
    ]
    close = nearest(record_id, known)
    hint = f"; did you mean {' or '.join(map(repr, close))}?" if close else "; sid.find(name) finds a record by its name"
    raise KeyError(f"no record has id {record_id!r} in sadr-iran-data {_version.__version__}{hint}")
