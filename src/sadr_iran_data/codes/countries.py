"""Country codes of the dataset's countries that come from outside lists (ISO 3166-1 numeric), with their source."""

from __future__ import annotations

from ._keyed import Keyed

ISO_NUMERIC_SOURCE = (
    "ISO 3166-1 numeric codes, as listed in github.com/lukes/ISO-3166-Countries-with-Regional-Codes "
    "all/all.csv at commit 0ce3e8a5238a8d8f61a44633bd7926a9b9d3d13b (column country-code)"
)

#: ISO 3166-1 numeric code of each country of the dataset (its country places and state actors), by alpha-3 code;
#: a country it does not list is an error, never a layout row without its code.
ISO_NUMERIC: Keyed[str] = Keyed(
    "countries.ISO_NUMERIC",
    "country (ISO 3166-1 alpha-3)",
    {
        "AFG": "004",
        "IRN": "364",
        "IRQ": "368",
        "ISR": "376",
        "LBN": "422",
        "PAK": "586",
        "USA": "840",
    },
)
