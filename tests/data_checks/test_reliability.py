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
    from sadr_iran_data._build import heldout

    for entry in heldout.adjudication(ROOT):  # round 3 decides last
        if entry["field"] in study.FIELDS:
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
    from sadr_iran_data._build import heldout

    later = heldout.added_after_the_study(ROOT)
    assert set(later) <= set(shipped) and not set(later) & units and all(later.values())
    for record_id in sorted(set(shipped) - units):
        noted = any(record_id in m["disposition"] for m in missing) or added.get(record_id) or later.get(record_id)
        assert noted, f"{record_id} was added without a note in round 2's 'missing', the re-audit's 'added' or 'after_the_study'"


# --------------------------------------------------------------------------
# Round 3: held out
# --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def heldout():
    from sadr_iran_data._build import heldout

    return heldout


@pytest.fixture(scope="module")
def round3(heldout):
    import sadr_iran_data as sid

    names = ("events", "relations", "event_actors", "evidence", "cues", "actors", "locations")
    rows = {name: sid.load(name, backend="arrow").to_pylist() for name in names}
    coders = {name: heldout.coder(ROOT, name) for name in heldout.CODERS}
    return rows, coders, heldout.table_codes(rows, coders["f"])


def test_round3_units_are_the_sample_of_the_shipped_records_and_every_coder_coded_each(heldout, round3):
    rows, coders, tables = round3
    article = next((ROOT / "data" / "sources").glob("*.txt")).read_text(encoding="utf-8")
    expected = heldout.sample(heldout.unit_rows(heldout.drawn_from(ROOT, rows), article))
    assert not set(heldout.added_after_the_study(ROOT)) & set(heldout.key(ROOT).values()), "a record added after the round was a unit"
    assert sorted(heldout.key(ROOT).items()) == sorted((u["unit_id"], u["record_id"]) for u in expected)
    for name, codes in coders.items():
        assert set(codes) == set(tables), name


def test_round3_cues_of_the_coders_are_verbatim_in_their_units(heldout, round3):
    rows, coders, _ = round3
    article = next((ROOT / "data" / "sources").glob("*.txt")).read_text(encoding="utf-8")
    units = {u["record_id"]: u for u in heldout.unit_rows(rows, article)}
    for name, codes in coders.items():
        for record_id, values in codes.items():
            text = " ".join(article[int(a) : int(b)] for a, b in (s.split("-") for s in units[record_id]["sentences"].split()))
            for cue in heldout.CUES:
                for part in filter(None, (p.strip() for p in values[cue].split(" / "))):
                    assert part in article, (name, record_id, cue, part)
                    assert part in text or cue == "date_cue", (name, record_id, cue, part)


def test_round3_every_disagreement_is_adjudicated_with_the_readings(heldout, round3):
    _, coders, shipped = round3
    entries = heldout.adjudication(ROOT)
    keyed = {(e["record_id"], e["field"]): e for e in entries}
    assert len(keyed) == len(entries), "one entry per record and field"
    tables = heldout.as_coded(ROOT, shipped, entries)
    first, second = coders["f"], coders["g"]
    for record_id in tables:
        for field in heldout.FIELDS:
            if not heldout.applies(field, record_id):
                continue
            values = (tables[record_id][field], first[record_id][field], second[record_id][field])
            entry = keyed.get((record_id, field))
            if len(set(values)) == 1:
                assert entry is None, (record_id, field)
                continue
            assert entry is not None, (record_id, field, values)
            assert (entry["readings"]["curated"], entry["readings"]["coder_f"], entry["readings"]["coder_g"]) == values
            assert entry["decision"] in values and entry["reason"]
            decision = entry["decision"]
            if field in ("plover_type", "plover_mode"):  # decided on the 0.7 draft; shipped on the 2.0 manual
                decision = heldout.recoded({record_id: {**first[record_id], field: decision}})[record_id][field]
            assert shipped[record_id][field] == decision, (record_id, field, "the decision ships")


def test_cue_overlap_scores_characters_and_presence(heldout):
    article = "Al-Sadr visited Tehran in 2006. He met the Supreme Leader there."
    sentences = {"evt-1": [(0, 31)], "evt-2": [(32, 64)]}
    a = {"evt-1": {"date_cue": "in 2006"}, "evt-2": {"date_cue": ""}}
    same = heldout.cue_overlap("date_cue", a, a, sentences, article)
    assert same == {"presence": 1.0, "both": 1, "f1": 1.0}
    b = {"evt-1": {"date_cue": "2006"}, "evt-2": {"date_cue": "there"}}
    part = heldout.cue_overlap("date_cue", a, b, sentences, article)
    assert part["presence"] == 0.5 and part["both"] == 1
    assert part["f1"] == pytest.approx(2 * 4 / (7 + 4))
    c = {"evt-1": {"date_cue": "visited"}, "evt-2": {"date_cue": ""}}
    assert heldout.cue_overlap("date_cue", a, c, sentences, article)["f1"] == 0.0


def test_round3_plover_as_coded_is_the_shipped_coding_before_the_recoding_on_the_2_0_manual(heldout, round3):
    """The tables' PLOVER codes kept for round 3 map to the shipped ones, but for events the 2.0 definitions recode."""
    from sadr_iran_data.codes import plover

    rows, _, shipped = round3
    notes = {e["event_id"]: e["plover_note"] or "" for e in rows["events"]}
    kept = heldout.plover_as_coded(ROOT)
    assert set(kept) == {i for i in shipped if i.startswith("evt-")}
    for event_id, codes in kept.items():
        new_type, new_mode, _ = plover.recode(codes["plover_type"], codes["plover_mode"] or None)
        if (new_type, new_mode or "") != (shipped[event_id]["plover_type"], shipped[event_id]["plover_mode"]):
            assert shipped[event_id]["plover_type"] == plover.NOT_CODED and plover.NO_NAMED_ACTOR in notes[event_id], event_id
