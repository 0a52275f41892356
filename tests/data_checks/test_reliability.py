"""Data tests for the reliability study: its files agree with each other and with the shipped tables."""

from __future__ import annotations

import pytest
import yaml

from conftest import ROOT, needs_repository

pytestmark = needs_repository


@pytest.fixture(scope="module")
def study():
    from sadr_iran_data._build import reliability

    return reliability


def test_the_reliability_page_is_current(study):
    assert (ROOT / "docs" / "reliability.md").read_text(encoding="utf-8") == study.reliability_page(ROOT), "run: sadr-iran-data build"


@pytest.mark.parametrize(("round_", "names"), [(1, ("a", "b")), (2, ("c", "d"))])
def test_every_disagreement_of_a_round_is_adjudicated_with_the_coders_readings(study, round_, names):
    first, second = (study.coder(ROOT, round_, n) for n in names)
    entries = {(e["record_id"], e["field"]): e for e in study.adjudication(ROOT, round_)}
    assert len(entries) == len(study.adjudication(ROOT, round_)), "one entry per record and field"
    tables = study.draft(ROOT, round_, first)
    for record_id in first:
        for field in study.FIELDS:
            if field == "place" and not record_id.startswith("evt-"):
                continue
            values = (tables[record_id][field], first[record_id][field], second[record_id][field])
            entry = entries.get((record_id, field))
            if len(set(values)) == 1:
                assert entry is None, (record_id, field)
                continue
            assert entry is not None, (record_id, field, values)
            readings = entry["readings"]
            assert (readings["curated"], *(readings[f"coder_{n}"] for n in names)) == values
            assert entry["decision"] in values and entry["reason"]


def _reaudit() -> dict:
    return yaml.safe_load((ROOT / "data/curated/adjudication.yaml").read_text(encoding="utf-8"))["reaudit_1_4_0"]


def test_the_last_decision_on_each_field_is_what_ships(study):
    shipped = study.shipped()
    decided = {}
    for round_ in (1, 2):
        for entry in study.adjudication(ROOT, round_):
            decided[(entry["record_id"], entry["field"])] = entry["decision"]
    for entry in _reaudit()["decisions"]:
        assert entry["reason"] and (entry["record_id"], entry["field"]) in decided, "a re-audit decision changes a decided value"
        decided[(entry["record_id"], entry["field"])] = entry["decision"]
    for (record_id, field), value in decided.items():
        if record_id in shipped:
            assert shipped[record_id][field] == value, (record_id, field)


def test_the_units_of_the_last_round_are_the_shipped_records(study):
    shipped = study.shipped()
    units = set(study.units(ROOT, 2).values())
    assert units <= set(shipped)
    missing = yaml.safe_load((ROOT / "data/curated/adjudication.yaml").read_text(encoding="utf-8"))["round_2"]["missing"]
    added = {entry["record_id"]: entry["reason"] for entry in _reaudit()["added"]}
    for record_id in sorted(set(shipped) - units):
        noted = any(record_id in m["disposition"] for m in missing) or added.get(record_id)
        assert noted, f"{record_id} was added without a note in round 2's 'missing' or the re-audit's 'added'"
