"""The code tables of ``sadr_iran_data.codes``: each covers its vocabulary, and a value it does not map is an error in our words."""

from __future__ import annotations

import datetime
import importlib
import importlib.util
import re
from pathlib import Path

import pytest

import sadr_iran_data
from sadr_iran_data._names import CITATION_FORMATS, TABLE_NAMES
from sadr_iran_data.codes import countries, plover, precision, support
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
}


def test_the_tables_are_found():
    expected = {
        "plover.DECISIONS",
        "plover.MODES",
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
    assert plover.cameo_root("ASSAULT", "assassinate") == "18"
    with pytest.raises(SadrIranDataError, match="plover.MODES has no entry for 'BRIBE'"):
        plover.cameo_root("BRIBE", None)
    with pytest.raises(SadrIranDataError, match="PLOVER type ASSAULT has no mode 'visit'"):
        plover.cameo_root("ASSAULT", "visit")


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
