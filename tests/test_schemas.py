"""The pandera schemas: a row rule is evaluated on its columns' declared types, and never passes where it cannot be."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pandera
import pytest

import sadr_iran_data as sid
from sadr_iran_data.declarations import TABLES
from sadr_iran_data.schemas import SCHEMAS, EventSchema, rule_mask

DATE_ORDER = next(rule for rule in TABLES["events"].checks if rule.name == "date_order")


@pytest.fixture
def events() -> pd.DataFrame:
    return sid.load_events().head(6).reset_index(drop=True)


def _failures(schema: pandera.DataFrameSchema, df: pd.DataFrame) -> pd.DataFrame:
    with pytest.raises(pandera.errors.SchemaErrors) as caught:
        schema.validate(df, lazy=True)
    return caught.value.failure_cases


@pytest.mark.parametrize("name", list(TABLES))
def test_every_shipped_table_passes_its_schema(name):
    df = sid.load(name)
    assert len(SCHEMAS[name].validate(df)) == len(df)


def test_a_broken_rule_fails_the_rows_that_break_it(events):
    events.loc[2, "date_end"] = events.loc[2, "date_start"] - pd.Timedelta(days=400)
    broken, unevaluable, why = rule_mask(TABLES["events"], DATE_ORDER, events)
    assert broken.tolist() == [False, False, True, False, False, False] and not unevaluable.any() and why == ""
    failures = _failures(EventSchema, events)
    assert set(failures.loc[failures["check"] == DATE_ORDER.description, "index"]) == {2}


def test_a_rule_whose_column_holds_another_type_is_not_evaluated_and_fails_there(events):
    events["date_end"] = events["date_end"].astype(object)
    events.loc[2, "date_end"] = "soon"  # a text where a day belongs: the rule cannot compare it
    broken, unevaluable, why = rule_mask(TABLES["events"], DATE_ORDER, events)
    assert unevaluable.tolist() == [False, False, True, False, False, False] and not broken.any()
    assert why == "date_end holds a value that is not a calendar day, in the years 1678-2261"
    failures = _failures(EventSchema, events)
    ours = failures[failures["check"] == DATE_ORDER.description]
    assert ours["index"].tolist() == [2]  # before, the rule passed every row it could not compare
    assert ours["failure_case"].tolist() == [f"could not be evaluated: {why}"]
    assert (failures["column"] == "date_end").any()  # the column's own type failure is reported as well


def test_a_rule_whose_column_is_missing_fails_every_row(events):
    broken, unevaluable, why = rule_mask(TABLES["events"], DATE_ORDER, events.drop(columns="date_end"))
    assert unevaluable.all() and not broken.any() and why == "column 'date_end' is missing"
    failures = _failures(EventSchema, events.drop(columns="date_end"))
    assert sorted(failures.loc[failures["check"] == DATE_ORDER.description, "index"]) == list(range(len(events)))


def test_a_rule_that_cannot_be_evaluated_says_so_in_one_error(events):
    events["date_start"] = events["date_start"].astype(object)
    events.loc[0, "date_start"] = 20070308
    with pytest.raises(pandera.errors.SchemaErrors, match=r"rule date_order \(.*\) could not be evaluated in 1 row, which fail it"):
        EventSchema.validate(events, lazy=True)
