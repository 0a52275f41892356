"""Loaders: declared dtypes in every backend, fresh objects, lazy imports."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pyarrow as pa
import pytest

import sadr_iran_data as sid
from sadr_iran_data.declarations import TABLES


@pytest.mark.parametrize("name", list(TABLES))
def test_pandas_dtypes_are_the_declared_ones(name):
    df = sid.load(name)
    assert list(df.columns) == list(TABLES[name].column_names)
    for col in TABLES[name].columns:
        assert df[col.name].dtype == col.column_type.pandas_dtype(col), col.name
    assert isinstance(df.index, pd.RangeIndex)


def test_dtype_families():
    events = sid.load_events()
    assert isinstance(events["event_id"].dtype, pd.StringDtype)
    assert events["location_id"].dtype.na_value is not pd.NA  # NaN semantics: pandas 3's own ``str``
    assert isinstance(events["certainty"].dtype, pd.CategoricalDtype)
    assert list(events["certainty"].cat.categories) == list(TABLES["events"].column("certainty").vocabulary.values)
    assert str(events["date_start"].dtype) == "datetime64[ns]"
    actors = sid.load_actors()
    assert isinstance(actors["aliases"].dtype, pd.ArrowDtype)
    assert all(isinstance(v, list) for v in actors["aliases"].tolist())
    assert isinstance(sid.load_evidence()["char_start"].dtype, pd.Int64Dtype)
    assert isinstance(sid.load_citations()["anonymous"].dtype, pd.BooleanDtype)
    assert str(sid.load_locations()["latitude"].dtype) == "float64"


def test_a_filter_keeps_the_same_rows_however_it_is_written():
    events = sid.load_events()
    placed = events["location_id"].notna()
    in_najaf = int((events["location_id"] == "loc-najaf").sum())
    assert in_najaf > 0 and (~placed).sum() > 0  # both kinds of row the filter must keep
    by_mask = events[events["location_id"] != "loc-najaf"]
    by_query = events.query("location_id != 'loc-najaf'")
    by_negation = events[~(events["location_id"] == "loc-najaf")]
    assert len(by_mask) == len(by_query) == len(by_negation) == len(events) - in_najaf
    assert by_mask["event_id"].tolist() == by_query["event_id"].tolist()


def test_masks_of_text_combine_without_an_ambiguous_missing_value():
    events = sid.load_events()
    mentions = events["summary"].str.contains("Iran")
    near = events["location_id"].str.startswith("loc-", na=False)
    combined = mentions & (events["location_id"] != "loc-najaf") & (events["certainty"] == "stated") | ~near
    assert combined.dtype == bool
    assert len(events[combined]) == int(combined.sum())
    missing_contains = events["location_id"].str.contains("najaf")
    assert missing_contains.dtype == bool and not missing_contains[events["location_id"].isna()].any()
    places = sid.load_locations()
    assert len(places[(places["latitude"] > 30) & (places["country"] == "IRN")]) == int(
        ((places["latitude"] > 30) & (places["country"] == "IRN")).sum()
    )


@pytest.mark.parametrize("name", list(TABLES))
def test_arrow_backend_has_the_declared_schema(name):
    table = sid.load(name, backend="arrow")
    assert isinstance(table, pa.Table)
    assert table.schema.equals(TABLES[name].arrow_schema())


@pytest.mark.parametrize("name", list(TABLES))
def test_polars_backend_has_the_declared_types(name):
    pl = pytest.importorskip("polars")
    df = sid.load(name, backend="polars")
    for col in TABLES[name].columns:
        assert df.schema[col.name] == col.column_type.polars_dtype(col), col.name
        if col.type == "category":
            assert df.schema[col.name] == pl.Enum(list(col.vocabulary.values)), col.name
    assert df.height == sid.load(name).shape[0]


def test_backends_hold_the_same_values():
    pl = pytest.importorskip("polars")
    pandas_rows = sid.load("events").astype(object).where(sid.load("events").notna(), None)
    polars_rows = sid.load("events", backend="polars").to_pandas()
    assert pandas_rows["event_id"].tolist() == polars_rows["event_id"].tolist()
    assert pandas_rows["summary"].tolist() == polars_rows["summary"].tolist()
    assert sid.load("events", backend="arrow").column("event_id").to_pylist() == pandas_rows["event_id"].tolist()
    assert isinstance(sid.load("events", backend="polars"), pl.DataFrame)


def test_each_call_returns_a_fresh_object():
    first = sid.load_events()
    first.loc[0, "summary"] = "changed"
    first.drop(columns=["summary"])
    assert sid.load_events().loc[0, "summary"] != "changed"
    assert sid.load_events() is not sid.load_events()


def test_load_all_and_tables_agree():
    everything = sid.load_all()
    assert tuple(everything) == sid.tables() == tuple(TABLES)
    assert all(len(df) > 0 for df in everything.values())


def test_unknown_table_and_backend_are_clear_errors():
    with pytest.raises(sid.UnknownTableError, match="unknown table 'evnts'; the tables are: citations"):
        sid.load("evnts")
    with pytest.raises(sid.SadrIranDataError, match="unknown backend 'spark'"):
        sid.load("events", backend="spark")


def _modules_after(code: str) -> set[str]:
    out = subprocess.run(
        [sys.executable, "-c", f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    return set(json.loads(out.stdout.splitlines()[-1]))


HEAVY = {"pandas", "pyarrow", "pandera", "pydantic", "polars", "numpy"}


def test_import_is_lazy():
    loaded = _modules_after("import sadr_iran_data as sid\nsid.__version__\nsid.tables()")
    assert not HEAVY & loaded, HEAVY & loaded
    assert "importlib.resources" not in loaded or "importlib.resources" in _modules_after("pass")


def test_arrow_path_never_imports_pandas():
    loaded = _modules_after("import sadr_iran_data as sid\nsid.load('events', backend='arrow')\nsid.load_all(backend='arrow')")
    assert "pyarrow" in loaded
    assert not {"pandas", "pandera", "pydantic"} & loaded


def test_polars_path_imports_neither_pandas_nor_pyarrow():
    pytest.importorskip("polars")
    loaded = _modules_after("import sadr_iran_data as sid\nsid.load('events', backend='polars')")
    assert "polars" in loaded
    assert not {"pandas", "pandera", "pydantic", "pyarrow"} & loaded


def test_every_public_name_resolves():
    assert set(sid.__all__) == {"__version__", *sid._LAZY, *sid._SUBMODULES}
    for name in sid.__all__:
        assert getattr(sid, name) is not None
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        sid.nope  # noqa: B018


def test_info_reads_the_manifest_not_the_tables():
    code = "import contextlib, io\nfrom sadr_iran_data.cli import main\nwith contextlib.redirect_stdout(io.StringIO()):\n    main(['info'])"
    loaded = _modules_after(code)
    assert not {"pandas", "pyarrow", "pandera", "pydantic", "polars"} & loaded
    # the command's start-up offers every format without importing the modules behind them
    assert not {"sadr_iran_data.formats.citation", "sadr_iran_data.formats.exports", "email.utils"} & loaded
