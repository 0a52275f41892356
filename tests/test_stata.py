"""The Stata export read back by pandas and pyreadstat: labels as declared, values as ``sid.load`` gives them."""

from __future__ import annotations

import datetime
import functools
import math
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import sadr_iran_data as sid
from sadr_iran_data.dataset.views import wide_arrow
from sadr_iran_data.declarations import TABLES, VIEWS, Column, Table
from sadr_iran_data.formats.exports import export
from sadr_iran_data.formats.stata import variable_label

pyreadstat = pytest.importorskip("pyreadstat")

ALL = [*((table, name) for name, table in TABLES.items()), *((view, name) for name, view in VIEWS.items())]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("stata")
    export("stata", out)
    return out


def shipped(table: Table, name: str) -> list[dict[str, Any]]:
    return _shipped(name, table is TABLES[name])


@functools.cache
def _shipped(name: str, is_table: bool) -> list[dict[str, Any]]:
    """The rows of a table or view as ``sid.load`` gives them, read once for the module (the tests only read them)."""
    rows: list[dict[str, Any]] = (sid.load(name, backend="arrow") if is_table else wide_arrow(name)).to_pylist()
    return rows


def expected(col: Column, value: Any) -> Any:
    """What Stata holds for ``value``, as pandas.read_stata returns it (value labels applied)."""
    if col.type == "list":
        return "; ".join(map(str, value or []))
    if value is None:
        return "" if col.type in ("string", "id", "edtf") else None
    if col.type == "bool":
        return int(value)
    return value


def fits(label: str, description: str) -> bool:
    """Whether ``label`` is ``description`` as Stata can hold it: whole if it fits in 80 characters, else its first
    sentence or its start cut after a word (and its comma) and ended with '...'."""
    text = " ".join(description.split())
    if len(text) <= 80:
        return label == text
    if len(label) > 80:
        return False
    if label.endswith("..."):
        start = label.removesuffix("...")
        return text.startswith(start) and text[len(start)] in " ,;:" and not start.endswith(" ")
    return label.endswith(".") and text.startswith(label) and text[len(label)] == " "


def read_back(col: Column, value: Any) -> Any:
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if col.type in ("int", "bool") and value is not None:
        return int(value)
    return value


def test_every_table_and_view_is_written(folder):
    assert sorted(p.name for p in folder.iterdir()) == sorted(f"{t.name}.dta" for t, _ in ALL)


@pytest.mark.parametrize(("table", "name"), ALL, ids=[t.name for t, _ in ALL])
def test_pandas_reads_every_value_back_row_by_row(folder, table, name):
    frame = pd.read_stata(folder / f"{table.name}.dta", convert_categoricals=True)
    assert list(frame.columns) == list(table.column_names)
    rows = shipped(table, name)
    assert len(frame) == len(rows)
    for got, want in zip(frame.to_dict("records"), rows, strict=True):
        for col in table.columns:
            value = read_back(col, got[col.name])
            assert value == expected(col, want[col.name]), (table.name, want[table.column_names[0]], col.name)


@pytest.mark.parametrize(("table", "name"), ALL, ids=[t.name for t, _ in ALL])
def test_pyreadstat_reads_the_declared_labels(folder, table, name):
    frame, meta = pyreadstat.read_dta(str(folder / f"{table.name}.dta"), apply_value_formats=True)
    assert meta.column_names == list(table.column_names)
    vocabularies = [col.name for col in table.columns if col.type == "category"]
    assert meta.variable_to_label == {name: name for name in vocabularies}  # each value label named after its variable
    assert list(meta.value_labels) == vocabularies
    labels = meta.column_names_to_labels
    for col in table.columns:
        assert fits(labels[col.name], col.description), (table.name, col.name, labels[col.name])
        if col.type == "category" and col.vocabulary is not None:
            assert meta.variable_value_labels[col.name] == dict(enumerate(col.vocabulary.values, start=1))
            present = {v for v in frame[col.name] if isinstance(v, str)}
            assert present <= set(col.vocabulary.values)
            assert present == {r[col.name] for r in shipped(table, name) if r[col.name] is not None}
        if col.type == "date":
            assert meta.original_variable_types[col.name] == "%td"
    assert len(frame) == len(shipped(table, name))


@pytest.mark.parametrize(("table", "name"), ALL, ids=[t.name for t, _ in ALL])
def test_pandas_reads_the_value_labels_under_their_variables_names(folder, table, name):
    with pd.io.stata.StataReader(folder / f"{table.name}.dta") as reader:
        labels = reader.value_labels()
    assert labels == {col.name: dict(enumerate(col.vocabulary.values, start=1)) for col in table.columns if col.type == "category"}


def test_dates_are_stata_dates(folder):
    frame = pd.read_stata(folder / "events.dta")
    assert pd.api.types.is_datetime64_any_dtype(frame["date_start"])
    first = sid.load("events", backend="arrow").to_pylist()[0]
    start = frame.loc[0, "date_start"]
    assert (None if start is pd.NaT else start.date()) == first["date_start"]


WORDS = st.lists(st.text(st.characters(categories=("L", "N")), min_size=1, max_size=15), min_size=1, max_size=30)


@given(words=WORDS, punct=st.sampled_from(["", ".", ",", " (e.g."]))
def test_a_variable_label_fits_and_is_the_description_or_its_start(words, punct):
    description = " ".join(words) + punct
    label = variable_label(description)
    assert 0 < len(label) <= 80
    if len(description) <= 80:
        assert label == description
    else:
        assert description.startswith(label.removesuffix("..."))


def test_a_long_first_sentence_is_cut_at_a_word():
    label = variable_label("Actors in the role 'participant': Takes part without a clear direction (e.g. both sides of a meeting).")
    assert label.endswith("...") and len(label) <= 80
    assert label.removesuffix("...").rsplit(" ", 1)[-1] == "(e.g."


def test_without_pyreadstat_the_error_says_what_to_install(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyreadstat", None)
    with pytest.raises(sid.SadrIranDataError, match=r"\[stata\]"):
        export("stata", tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_the_files_are_format_118_which_stata_14_opens(folder):
    for path in folder.iterdir():
        assert path.read_bytes()[:60].startswith(b"<stata_dta><header><release>118</release>"), path.name


def test_a_label_is_not_cut_at_an_abbreviation():
    description = "Held by the U.S. Army, e.g. Camp Victory in Baghdad. " + "More words follow here to pass the limit " * 3
    assert variable_label(description) == "Held by the U.S. Army, e.g. Camp Victory in Baghdad."


@pytest.mark.parametrize("rows", ["no dates", "no rows"])
def test_date_variables_stay_dates_without_any_date(tmp_path, rows):
    from sadr_iran_data.formats.stata import write_dta

    table = TABLES["events"]
    first = dict(sid.load("events", backend="arrow").to_pylist()[0], date_start=None, date_end=None, known_date=None)
    write_dta(tmp_path / "t.dta", table, [first] if rows == "no dates" else [], "t")
    frame, meta = pyreadstat.read_dta(str(tmp_path / "t.dta"))
    dates = [col.name for col in table.columns if col.type == "date"]
    assert dates and len(frame) == (1 if rows == "no dates" else 0)
    for name in dates:
        assert (meta.original_variable_types[name], meta.readstat_variable_types[name]) == ("%td", "double"), name
        assert frame[name].isna().all()
    assert len(pd.read_stata(tmp_path / "t.dta")) == len(frame)


def test_dates_round_trip_across_the_epoch(tmp_path):
    from sadr_iran_data.formats.stata import write_dta

    table = TABLES["events"]
    row = dict(sid.load("events", backend="arrow").to_pylist()[2])
    row["date_start"], row["date_end"] = datetime.date(1955, 7, 1), datetime.date(1960, 1, 1)
    write_dta(tmp_path / "one.dta", table, [row], "one")
    frame = pd.read_stata(tmp_path / "one.dta")
    assert frame.loc[0, "date_start"].date() == datetime.date(1955, 7, 1)
    assert frame.loc[0, "date_end"].date() == datetime.date(1960, 1, 1)


def test_one_version_gives_the_same_bytes_stamped_with_its_release_date(folder, tmp_path):
    first = sorted(folder.iterdir())  # the module's export
    second = sorted(sid.export("stata", tmp_path / "second"))
    assert [p.name for p in first] == [p.name for p in second]
    from sadr_iran_data import _version

    released = datetime.date.fromisoformat(_version.__released__)
    month = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")[released.month - 1]
    when = f"{released.day:02d} {month} {released.year} 00:00".encode()
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
        assert b"<timestamp>\x11" + when + b"</timestamp>" in a.read_bytes()[:512], a.name


# --------------------------------------------------------------------------
# Whole numbers: exact, or refused; never rounded or wrapped
# --------------------------------------------------------------------------


def _actors_with_gw(*codes: int | None) -> list[dict[str, Any]]:
    rows = sid.load("actors", backend="arrow").to_pylist()[: len(codes)]
    return [dict(row, gw_code=code) for row, code in zip(rows, codes, strict=True)]


@pytest.mark.parametrize("codes", [(2**40, 7), (2**40, None), (-(2**53), 2**53, None)])
def test_a_whole_number_beyond_a_long_round_trips_exactly_as_a_double(tmp_path, codes):
    from sadr_iran_data.formats.stata import write_dta

    write_dta(tmp_path / "t.dta", TABLES["actors"], _actors_with_gw(*codes), "t")
    frame, meta = pyreadstat.read_dta(str(tmp_path / "t.dta"))
    assert meta.readstat_variable_types["gw_code"] == "double"
    assert [None if math.isnan(v) else int(v) for v in frame["gw_code"]] == list(codes)


@pytest.mark.parametrize("codes", [(2**60,), (2**60, None), (2**53 + 1, None), (-(2**53) - 1, 5)])
def test_a_whole_number_no_stata_variable_holds_exactly_is_refused(tmp_path, codes):
    from sadr_iran_data.formats.stata import write_dta

    big = next(c for c in codes if c is not None and abs(c) > 2**53)
    with pytest.raises(sid.SadrIranDataError, match=rf"actors.gw_code: {big} does not fit a Stata variable .* exactly up to 2\*\*53"):
        write_dta(tmp_path / "t.dta", TABLES["actors"], _actors_with_gw(*codes), "t")  # 2**53 + 1 beside a gap was rounded
    assert not (tmp_path / "t.dta").exists()


def test_a_value_outside_its_vocabulary_has_no_stata_label_but_an_error(tmp_path):
    from sadr_iran_data.formats.stata import write_dta

    row = dict(sid.load("actors", backend="arrow").to_pylist()[0], actor_type="warlord")
    with pytest.raises(sid.SadrIranDataError, match="actor_type: 'warlord' has no Stata value label; the labels are the vocabulary's"):
        write_dta(tmp_path / "t.dta", TABLES["actors"], [row], "t")  # was a bare ValueError


def test_pyreadstat_alone_numbers_the_value_labels_which_the_export_renames(tmp_path):
    frame = pd.DataFrame({"certainty": [1, 2], "role": [1, 1]})
    labels = {"certainty": {1: "stated", 2: "likely"}, "role": {1: "host"}}
    pyreadstat.write_dta(frame, str(tmp_path / "raw.dta"), version=14, variable_value_labels=labels)
    assert pyreadstat.read_dta(str(tmp_path / "raw.dta"))[1].variable_to_label == {"certainty": "certainty0", "role": "role1"}
    from sadr_iran_data.formats.stata import name_value_labels

    name_value_labels(tmp_path / "raw.dta")
    frame_back, meta = pyreadstat.read_dta(str(tmp_path / "raw.dta"), apply_value_formats=True)
    assert meta.variable_to_label == {"certainty": "certainty", "role": "role"}
    assert frame_back.to_dict("list") == {"certainty": ["stated", "likely"], "role": ["host", "host"]}
