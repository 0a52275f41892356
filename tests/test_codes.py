"""The code tables of ``sadr_iran_data.codes``: each covers its vocabulary, and a value it does not map is an error in our words."""

from __future__ import annotations

import datetime
import importlib
import importlib.util
import re
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import sadr_iran_data
from sadr_iran_data._names import CITATION_FORMATS, TABLE_NAMES
from sadr_iran_data.codes import countries, crosswalk, plover, precision, support
from sadr_iran_data.codes._keyed import Keyed
from sadr_iran_data.declarations import VOCABULARIES
from sadr_iran_data.errors import SadrIranDataError

PACKAGE = Path(sadr_iran_data.__file__).parent


def _modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        if parts[-1] != "__main__":
            names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _keyed_tables() -> dict[str, Keyed[object]]:
    """Every Keyed table defined at the top of a module of the package, by its name."""
    found: dict[str, Keyed[object]] = {}
    for name in _modules():
        if ".figures" in name and importlib.util.find_spec("matplotlib") is None:
            continue  # the figures' tables need the [build] extra
        module = importlib.import_module(name)
        for value in vars(module).values():
            if isinstance(value, Keyed) and value.name not in found:
                found[value.name] = value
    return found


TABLES = _keyed_tables()
#: Tables keyed by something other than one declared vocabulary, with the values they must cover.
OTHER_KEYS = {
    "countries.ISO_NUMERIC": None,  # the dataset's countries: checked against the data (tests/test_layouts.py)
    "acled.ACLED_COUNTRIES": tuple(countries.ISO_NUMERIC),  # the same countries, as each layout's table of them
    "ucdp_ged.UCDP_GOVERNMENTS": tuple(countries.ISO_NUMERIC),
    "map.PRECISIONS": (*VOCABULARIES["geo_precision"].values, "region_at_country"),
    "citation._RENDERERS": CITATION_FORMATS,
    "citation._SOURCE_RENDERERS": CITATION_FORMATS,
    "models.MODEL_NAMES": TABLE_NAMES,
    # the vocabulary of releases 1.3.0 and 1.4.0 (the 0.7 draft's, with the August 2021 crosswalk's modes)
    "plover.RECODED_TYPES": plover.TYPES_1_4,
    "plover.RECODED_MODES": tuple(f"{t} {m}" for t, modes in plover.MODES_1_4.items() for m in modes),
    "plover.RECODED_CONTEXTS": plover.CONTEXTS_1_4,
}


def test_the_tables_are_found():
    expected = {
        "plover.DECISIONS",
        "plover.MODES",
        "plover.ACTOR_ROLES",
        "plover.RECODED_TYPES",
        "plover.RECODED_MODES",
        "plover.RECODED_CONTEXTS",
        "support.MAPPING",
        "countries.ISO_NUMERIC",
        "precision.ACLED_TIME_PRECISION",
        "precision.ACLED_GEO_PRECISION",
        "precision.UCDP_DATE_PRECISION",
        "precision.UCDP_WHERE_PRECISION",
        "precision.UNIT_END",
        "precision.ISO_DATE_LENGTH",
        "acled.ACLED_TYPES",
        "acled.ACLED_INTER",
        "acled.ACLED_COUNTRIES",
        "ucdp_ged.UCDP_TYPES",
        "ucdp_ged.UCDP_GOVERNMENTS",
        "layouts.NOT_HAPPENED",
        "views.CONFIDENCE_OF_CERTAINTY",
        "views.AUTHORS_OWN",
    }
    assert expected <= set(TABLES)


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_table_maps_every_value_of_its_vocabulary_in_order(name):
    table = TABLES[name]
    if name in OTHER_KEYS:
        if OTHER_KEYS[name] is not None:
            assert tuple(table) == OTHER_KEYS[name]
        return
    assert table.vocabulary in VOCABULARIES, f"{name} names no declared vocabulary: add it to OTHER_KEYS"
    assert tuple(table) == VOCABULARIES[table.vocabulary].values


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_table_refuses_a_value_it_does_not_map_in_our_words(name):
    table = TABLES[name]
    words = re.escape(f"{name} has no entry for 'no such value'; it maps the {table.vocabulary} values: {', '.join(table)}")
    with pytest.raises(SadrIranDataError, match=f"^{words}$"):
        table["no such value"]
    with pytest.raises(SadrIranDataError, match="has no entry"):
        table.get("no such value", "a default")  # no default: a vocabulary's table has none
    assert "no such value" not in table
    assert ["a list"] not in table  # a key that cannot be hashed is not mapped, not a TypeError


def test_a_table_that_misses_a_value_or_has_one_too_many_fails_at_import():
    sizes = Keyed("sizes.LETTERS", "size", {"small": "S", "medium": "M"})
    sizes.check_covers(["small", "medium"])
    with pytest.raises(ImportError, match="sizes.LETTERS must map the size values, in order: it has no entry for 'large'"):
        sizes.check_covers(["small", "medium", "large"])
    with pytest.raises(ImportError, match="'medium' is not among them"):
        sizes.check_covers(["small"])
    with pytest.raises(ImportError, match="they are in another order"):
        sizes.check_covers(["medium", "small"])


def test_a_table_is_read_only_and_compares_as_a_mapping():
    sizes = Keyed("sizes.LETTERS", "size", {"small": "S"})
    assert dict(sizes) == {"small": "S"} and sizes == {"small": "S"} and len(sizes) == 1
    with pytest.raises(TypeError):
        sizes["large"] = "L"  # type: ignore[index]


# --------------------------------------------------------------------------
# The tables behind the public functions: a value they do not know is an error, never a guess
# --------------------------------------------------------------------------


def test_an_unknown_plover_type_or_a_mode_of_another_type_has_no_cameo_root_but_an_error():
    assert plover.cameo_root("ASSAULT", "explosives") == "18"
    with pytest.raises(SadrIranDataError, match="plover.MODES has no entry for 'BRIBE'"):
        plover.cameo_root("BRIBE", None)
    with pytest.raises(SadrIranDataError, match="PLOVER type ASSAULT has no mode 'visit'"):
        plover.cameo_root("ASSAULT", "visit")
    for old in (("ASSAULT", "assassinate"), ("CONSULT", "host"), ("RETREAT", "ease"), ("AID", "military")):
        with pytest.raises(SadrIranDataError, match=f"PLOVER type {old[0]} has no mode '{old[1]}'"):
            plover.cameo_root(*old)
    with pytest.raises(SadrIranDataError, match="plover.MODES has no entry for 'DEMAND'"):
        plover.cameo_root("DEMAND", None)


# --------------------------------------------------------------------------
# PLOVER: the 2.0 manual, the crosswalk, the recoding of 1.3.0 and 1.4.0
# --------------------------------------------------------------------------


def test_the_sources_are_cited_by_file_and_full_commit():
    assert "PLOVER_MANUAL.tex" in plover.MANUAL and "5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f" in plover.MANUAL
    assert "DRAFT Version: 2.0" in plover.MANUAL
    assert "CAMEO2PLOVER-2021.txt" in plover.CROSSWALK and "e834df5b3a302f99af1f23cda08fa34b383ca598" in plover.CROSSWALK
    assert "17-September-2021" in plover.CROSSWALK and "6b803a4" not in plover.CROSSWALK
    assert "0711e39cd2c69fdf636b91d1e9ecdc9bba243408" in plover.DRAFT_0_7


def test_the_vocabulary_is_the_2_0_manuals():
    """Facts of PLOVER_MANUAL.tex at 5e0c24f, stated here apart from the module."""
    assert [t for t, _ in plover.TYPES] == [
        *("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT"),
        *("THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "NOT_CODED"),
    ]
    assert plover.MODES["CONSULT"] == ("visit", "third-party", "multilateral", "phone")
    assert plover.MODES["AID"] == () and "ease" not in plover.MODES["RETREAT"] and "return" not in plover.MODES["RETREAT"]
    assert "targeted" in plover.MODES["ASSAULT"] and not {"assassinate", "execute", "cleansing", "massacre"} & set(plover.MODES["ASSAULT"])
    assert plover.MODES["COERCE"][-2:] == ("misinformation", "cyber") and "ban" not in plover.MODES["COERCE"]
    assert plover.MODES["MOBILIZE"] == ("troops", "weapons", "police", "militia")
    assert len(plover.GENERAL_CONTEXTS) == len(set(plover.GENERAL_CONTEXTS)) == 37
    assert plover.GENERAL_CONTEXTS[:3] == ("military", "intelligence", "executive") and plover.GENERAL_CONTEXTS[-1] == "trafficking"
    assert not {"political", "government", "humanitarian", "crime_murder"} & set(plover.CONTEXTS)
    mode_texts = {t.value: t.description for t in VOCABULARIES["plover_mode"].terms}
    assert mode_texts["visit"] == "Mode of CONSULT." and "host" not in mode_texts


def test_the_crosswalk_is_the_september_file():
    """Lines of CAMEO2PLOVER-2021.txt at e834df5, stated here: where it differs from the August file, and its roots."""
    lines = {line.cameo: line for line in crosswalk.LINES}
    assert len(crosswalk.LINES) == 276 and [line.cameo for line in crosswalk.LINES].count("175") == 2
    assert (lines["043"].plover_type, lines["043"].mode) == ("CONSULT", "visit")  # the August file: host
    assert lines["0813"].mode is None and lines["0814"].mode is None and lines["085"].mode == "ease"
    assert {line.plover_type for line in crosswalk.LINES if line.root == "10"} == {"REQUEST"}
    assert lines["186"].mode == "assassinate" and lines["1832"].mode == "explosives" and lines["112"].mode == "disapprove"
    assert lines["1121"].mode == "allege" and lines["128"].mode == "yield"
    assert plover.cameo_codes("ASSAULT") == "18, 20, 175, 190, 193-196, 1712"
    assert plover.cameo_codes("COERCE") == "163, 170-174, 191-192"


def test_every_crosswalk_mode_is_a_2_0_mode_or_translated():
    for line in crosswalk.LINES:
        if line.mode is not None and line.mode not in plover.MODES[line.plover_type]:
            new, reason = plover.CROSSWALK_MODES[(line.plover_type, line.mode)]
            assert reason and (new is None or new in plover.MODES[line.plover_type]), line


PAIRS = [(t, m) for t in plover.MODES for m in (None, *plover.MODES[t])]


@given(pair=st.sampled_from(PAIRS))
def test_a_cameo_root_is_the_one_root_of_the_crosswalks_lines(pair):
    plover_type, mode = pair
    root = plover.cameo_root(plover_type, mode)
    roots_of_type = {line.root for line in crosswalk.LINES if len(line.cameo) > 2 and line.plover_type == plover_type}
    if root is not None:
        assert root in roots_of_type
    if len(roots_of_type) == 1 and (mode is None or plover_type != "ASSAULT"):
        assert root == next(iter(roots_of_type))
    if mode is None and len(roots_of_type) > 1:
        assert root is None  # no root guessed for a type drawn from several


def test_the_cameo_roots_of_the_modes_that_changed():
    assert plover.cameo_root("ASSAULT", "targeted") is None  # 185, 186 (assassinate) and 200, 202 (massacre): 18 and 20
    assert plover.cameo_root("ASSAULT", "destroy") == "17"  # 1712, 'ASSAULT, seize' in the crosswalk
    assert plover.cameo_root("ACCUSE", "allege") == "11" and plover.cameo_root("ACCUSE", None) is None
    assert plover.cameo_root("CONSULT", "multilateral") == "04"  # no line of its own: its type's one root
    assert plover.cameo_root("REQUEST", None) == "10" and plover.cameo_root("COERCE", "restrict") is None


OLD_CODES = st.sampled_from(plover.TYPES_1_4).flatmap(
    lambda t: st.tuples(
        st.just(t),
        st.sampled_from((None, *plover.MODES_1_4[t])),
        st.lists(st.sampled_from(plover.CONTEXTS_1_4), max_size=0 if t == plover.NOT_CODED else 4, unique=True),
    )
)


@given(old=OLD_CODES)
@example(old=("AGREE", None, ["crime_murder", "military", "crime"]))
def test_every_code_of_1_3_0_and_1_4_0_recodes_into_the_2_0_vocabulary(old):
    plover_type, mode, contexts = old
    new_type, new_mode, new_contexts = plover.recode(plover_type, mode, contexts)
    assert new_type in plover.MODES and (new_mode is None or new_mode in plover.MODES[new_type])
    assert set(new_contexts) <= set(plover.CONTEXTS) and len(new_contexts) == len(set(new_contexts))
    if mode is None:
        assert new_mode is None
    if plover_type == plover.NOT_CODED:
        assert (new_type, new_mode, new_contexts) == (plover.NOT_CODED, None, ())
    # a code the 2.0 manual keeps is kept
    if plover_type in plover.MODES and (mode is None or mode in plover.MODES[plover_type]):
        assert (new_type, new_mode) == (plover_type, mode)
    assert {c for c in contexts if c in plover.CONTEXTS} <= set(new_contexts)  # a 2.0 context is kept
    # each new context stands where the first old context that becomes it stood (crime_murder, military, crime: crime, military)
    first: dict[str, int] = {}
    for i, context in enumerate(contexts):
        if plover.RECODED_CONTEXTS[context].context is not None:
            first.setdefault(plover.RECODED_CONTEXTS[context].context, i)
    assert list(new_contexts) == sorted(first, key=first.__getitem__)


def test_the_renamed_codes():
    assert plover.recode("DEMAND", "yield") == ("REQUEST", "yield", ())
    assert plover.recode("CONSULT", "host") == ("CONSULT", "visit", ())
    assert plover.recode("ASSAULT", "assassinate") == plover.recode("ASSAULT", "execute") == ("ASSAULT", "targeted", ())
    assert plover.recode("RETREAT", "ease") == ("RETREAT", None, ())
    assert plover.recode("SANCTION", "cancel") == ("REJECT", "meet", ())
    assert plover.recode("NOT_CODED", None, ["disease", "crime_drugs", "political"])[2] == ("health", "illegal_drugs")
    with pytest.raises(SadrIranDataError, match="plover.RECODED_MODES has no entry for 'ASSAULT targeted'"):
        plover.recode("ASSAULT", "targeted")  # a 2.0 code, not one of 1.3.0 or 1.4.0


@given(roles=st.lists(st.sampled_from(VOCABULARIES["role"].values), max_size=5))
def test_an_event_has_a_named_actor_when_one_of_its_actors_acts(roles):
    acting = {"initiator", "participant", "mediator", "interviewer", "interviewee"}
    assert plover.named_actor(roles) == bool(acting & set(roles))


def test_an_unknown_role_is_an_error_not_a_guess():
    with pytest.raises(SadrIranDataError, match="plover.ACTOR_ROLES has no entry for 'bystander'"):
        plover.named_actor(["bystander"])


def test_an_unknown_event_type_has_no_decision():
    with pytest.raises(SadrIranDataError, match="plover.DECISIONS has no entry for 'bribe'; it maps the event_type values: meeting"):
        plover.DECISIONS["bribe"]


def test_an_unknown_support_form_falls_nowhere():
    with pytest.raises(SadrIranDataError, match="support.MAPPING has no entry for 'loans'; it maps the support_form values"):
        support.MAPPING["loans"]


def test_a_country_without_its_iso_code_is_an_error():
    assert countries.ISO_NUMERIC["IRQ"] == "368"
    with pytest.raises(SadrIranDataError, match=r"countries.ISO_NUMERIC has no entry for 'SYR'"):
        countries.ISO_NUMERIC["SYR"]


def test_an_unknown_date_precision_has_no_unit_and_no_code():
    day = datetime.date(2004, 2, 1)
    assert [precision.unit_end(day, p) for p in VOCABULARIES["date_precision"].values] == [
        day,
        datetime.date(2004, 2, 29),
        datetime.date(2004, 12, 31),
        datetime.date(2009, 12, 31),
        None,
    ]
    with pytest.raises(SadrIranDataError, match="precision.UNIT_END has no entry for 'week'"):
        precision.unit_end(day, "week")
    event = {
        "date_precision": "week",
        "date_start": day,
        "date_end": day,
        "date_edtf": "2004-02-01",
        "location_id": "loc-najaf",
        "latitude": 32.0,
        "place_type": "city",
        "geo_precision": "town",
    }
    with pytest.raises(SadrIranDataError, match="precision.ACLED_TIME_PRECISION has no entry for 'week'"):
        precision.precision_codes(event)
    with pytest.raises(SadrIranDataError, match="precision.ACLED_GEO_PRECISION has no entry for 'village'"):
        precision.precision_codes({**event, "date_precision": "day", "place_type": "village"})
