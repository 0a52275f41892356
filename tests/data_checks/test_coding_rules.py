"""The codebook's coding rules on the shipped tables: the package's rules, run as ``validate`` runs them.

The rules are the package's (:data:`sadr_iran_data.rules.RULES`); these tests
run each on the shipped tables, where it must find nothing, and on the
archived release whose slips it was written for, where it must find
something, so a rule that cannot fail is caught too. ``validate_tables`` on
the shipped tables runs exactly the same set.
"""

from __future__ import annotations

import datetime
import gzip
import json
from functools import cache
from typing import Any

import pytest

import sadr_iran_data as sid
from conftest import ROOT, SOURCE, needs_repository
from sadr_iran_data.declarations import TABLES
from sadr_iran_data.rules import RULES, check

Rows = dict[str, list[dict[str, Any]]]
ARTICLE = "cit-rahimi-2007"
#: The release each rule was first written for: its slips are what the rule must find.
WRITTEN_FOR = {**{rule.name: "1.0.0" for rule in RULES if rule.code.startswith(("R", "F"))}}


@cache
def _text() -> str:
    return SOURCE.read_text(encoding="utf-8")


def _rows_of_current() -> Rows:
    return {name: sid.load(name, backend="arrow").to_pylist() for name in TABLES}


def _rows_of_archive(version: str) -> Rows:
    payload = json.loads(gzip.decompress((ROOT / "data" / "releases" / f"{version}.json.gz").read_bytes()))
    rows: Rows = {}
    for name, by_id in payload["tables"].items():
        dates = [c.name for c in TABLES[name].columns if c.type == "date"]
        rows[name] = [
            {c.name: None for c in TABLES[name].columns}
            | row
            | {d: datetime.date.fromisoformat(row[d]) if row.get(d) else None for d in dates}
            for row in by_id.values()
        ]
    return rows


@pytest.fixture(scope="module")
def current() -> Rows:
    return _rows_of_current()


@needs_repository
def test_validate_tables_runs_every_rule_on_the_shipped_tables_and_finds_nothing():
    reports = sid.validate_tables({name: sid.load(name, backend="arrow") for name in sid.tables()}, article=SOURCE)
    assert {rule for report in reports.values() for rule in report.rules} == {rule.name for rule in RULES}
    failures = [str(f) for report in reports.values() for f in report.failures]
    assert failures == []


@needs_repository
@pytest.mark.parametrize("rule", RULES, ids=lambda rule: f"{rule.code}-{rule.name}")
def test_the_shipped_tables_keep_the_rule(rule, current):
    assert [str(f) for f in rule.findings(current, {ARTICLE: _text()})] == []


@needs_repository
@pytest.mark.parametrize("rule", [r for r in RULES if r.name in WRITTEN_FOR], ids=lambda rule: f"{rule.code}-{rule.name}")
def test_the_rule_finds_the_slips_of_the_release_it_was_written_for(rule, current):
    rows = _rows_of_archive(WRITTEN_FOR[rule.name])
    # 1.0.0 had no sourced publication bound: its rows are held to today's (R11 was written when it was found)
    rows["citations"] = current["citations"]
    assert check(rows, (rule,), texts={ARTICLE: _text()}), f"{rule.code} finds nothing in {WRITTEN_FOR[rule.name]}"


@needs_repository
def test_every_record_of_1_0_0_is_still_there(current):
    """Recall: no actor, place, event, relation or citation of 1.0.0 was dropped; corrections keep their ids."""
    released = _rows_of_archive("1.0.0")
    for name in ("citations", "actors", "locations", "events", "relations"):
        pk = TABLES[name].primary_key
        assert {r[pk] for r in released[name]} <= {r[pk] for r in current[name]}, name
