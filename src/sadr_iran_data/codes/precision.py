"""ACLED's and UCDP GED's precision codes: how precisely each layout records an event's date and place.

Our ``date_precision`` and ``location_type`` map to ACLED's
``time_precision`` and ``geo_precision`` and to GED's ``date_prec`` and
``where_prec``; each code carries the codebook's words that justify it, or
the reason the layout has none. The wide view of events carries the four
codes (:func:`precision_codes`), and the layouts use them. Each table is a
:class:`~sadr_iran_data.codes._keyed.Keyed`: a value it does not map is an
error, and the declarations check that it maps every value of its
vocabulary. Only the standard library is needed.

Examples
--------
>>> ACLED_TIME_PRECISION["month"].code, UCDP_WHERE_PRECISION["province"].code
(3, 4)
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ._keyed import Keyed


@dataclass(frozen=True)
class Code:
    """A code of the target layout for one of our values, or None and why the event is left out."""

    code: int | None
    reason: str


#: date_precision -> ACLED time_precision (codebook, 'Time precision codes'). ACLED records no event dated less precisely.
ACLED_TIME_PRECISION: Keyed[Code] = Keyed(
    "precision.ACLED_TIME_PRECISION",
    "date_precision",
    {
        "day": Code(1, "'If the source material includes an actual date of an event, a Time precision code of 1 is recorded.'"),
        "month": Code(
            3,
            "'If the source material only indicates that an event took place sometime during a month ... the month midpoint "
            "is chosen' (event_date is the 15th) and code 3 is recorded.",
        ),
        "year": Code(None, "dated only to a year: 'ACLED does not include events with less temporal information' than a month"),
        "decade": Code(None, "dated only to a decade: ACLED records no event dated less precisely than a month"),
        "unknown": Code(
            None,
            "dated only by bounds: the article gives no day, month or year, at most a start or an end (such as 2004-04/2007-03-08); "
            "ACLED records no event dated less precisely than a month",
        ),
    },
)

#: location_type -> ACLED geo_precision (codebook, 'Spatial precision codes').
ACLED_GEO_PRECISION: Keyed[Code] = Keyed(
    "precision.ACLED_GEO_PRECISION",
    "location_type",
    {
        "country": Code(None, "placed only in a country: 'ACLED does not record events that are imprecise to the country level'"),
        "province": Code(3, "'If a larger region is mentioned ... Geo-precision code 3 is recorded.'"),
        "city": Code(1, "'If the source reporting indicates a particular town, and coordinates are available for that town' (1)."),
        "town": Code(1, "'If the source reporting indicates a particular town, and coordinates are available for that town' (1)."),
        "region": Code(3, "'If a larger region is mentioned ... Geo-precision code 3' (only where the region has a point of its own)."),
    },
)

#: date_precision -> GED date_prec (1 exact day, 4 a month, 5 a year); GED has no coarser code.
UCDP_DATE_PRECISION: Keyed[Code] = Keyed(
    "precision.UCDP_DATE_PRECISION",
    "date_precision",
    {
        "day": Code(1, "'if the exact date of an event is known'"),
        "month": Code(4, "'if start and end dates for events are specified to a certain month'"),
        "year": Code(5, "'if start and enddates for events are specified to a certain year'"),
        "decade": Code(None, "dated only to a decade: GED's coarsest date_prec is a year"),
        "unknown": Code(
            None,
            "dated only by bounds: the article gives no day, month or year, at most a start or an end (such as 2004-04/2007-03-08); "
            "GED's coarsest date_prec is a year",
        ),
    },
)

#: location_type -> GED where_prec (1 the place's own point ... 6 a country).
UCDP_WHERE_PRECISION: Keyed[Code] = Keyed(
    "precision.UCDP_WHERE_PRECISION",
    "location_type",
    {
        "country": Code(6, "'the location mentioned refers to an entire country and its centroid is used'"),
        "province": Code(4, "'a first order administrative division, such as a province (ADM1)'"),
        "city": Code(1, "'the location information corresponds exactly to the geographical coordinates available' (a town's point)"),
        "town": Code(1, "'the location information corresponds exactly to the geographical coordinates available' (a town's point)"),
        "region": Code(5, "'parts of a country which are larger than ADM1, but smaller than the entire country'"),
    },
)

#: Why an event at a region drawn at its country's point is left out of both layouts (it has no code in either).
REGION_AT_COUNTRY_POINT = "placed only in a country: the region has no point of its own (its coordinates are its country's)"


#: date_precision -> the last day of the unit (a day, month, year or decade) that starts on a given day;
#: None for ``unknown``, a date with no unit.
UNIT_END: Keyed[Callable[[datetime.date], datetime.date] | None] = Keyed(
    "precision.UNIT_END",
    "date_precision",
    {
        "day": lambda start: start,
        "month": lambda start: start.replace(day=calendar.monthrange(start.year, start.month)[1]),
        "year": lambda start: start.replace(month=12, day=31),
        "decade": lambda start: start.replace(year=start.year - start.year % 10 + 9, month=12, day=31),
        "unknown": None,
    },
)

#: date_precision -> how many characters of an ISO date (YYYY-MM-DD) write a date to that precision: a year for
#: anything coarser.
ISO_DATE_LENGTH: Keyed[int] = Keyed(
    "precision.ISO_DATE_LENGTH", "date_precision", {"day": 10, "month": 7, "year": 4, "decade": 4, "unknown": 4}
)


def unit_end(start: datetime.date, precision: str) -> datetime.date | None:
    """The last day of the day, month, year or decade that starts at ``start``; None for a date of unknown precision.

    >>> unit_end(datetime.date(2004, 2, 1), "month"), unit_end(datetime.date(2004, 2, 1), "unknown")
    (datetime.date(2004, 2, 29), None)
    """
    end = UNIT_END[precision]
    return None if end is None else end(start)


def dating(event: Mapping[str, Any], codes: Mapping[str, Code]) -> tuple[int | None, str | None]:
    """The layout's date code of the event, or None and why: too imprecise, or a period rather than a point."""
    code = codes[event["date_precision"]]
    if code.code is None:
        return None, code.reason
    start, end = event["date_start"], event["date_end"]
    if start is None or end is None or end != unit_end(start, event["date_precision"]):
        return None, (
            f"a period, not one happening: {event['date_edtf']} runs beyond the {event['date_precision']} it is dated to, "
            "and ACLED and GED code single happenings, each within one day, week or month (GED also a year)"
        )
    return code.code, None


def place_reason(event: Mapping[str, Any]) -> str | None:
    if event["location_id"] is None:
        return "no place: the article does not say where"
    if event["latitude"] is None:
        return "no place: the place has no sourced point"
    if event["place_type"] != "country" and event["geo_precision"] == "country_centroid":
        return REGION_AT_COUNTRY_POINT
    return None


def precision_codes(event: Mapping[str, Any]) -> dict[str, int | None]:
    """ACLED's ``time_precision`` and ``geo_precision`` and GED's ``date_prec`` and ``where_prec`` of one event.

    ``event`` is a row of the wide view of events. Each code is what the
    layout records for the event's dating and place, whether or not the
    layout would take the event; None where it has no code: a date coarser
    than the layout's coarsest, a period rather than one happening on a day,
    in a month or (GED) in a year, no place or no sourced point, a region
    drawn at its country's point, or (ACLED) a country.

    >>> precision_codes({"date_precision": "day", "date_start": datetime.date(2004, 8, 5),
    ...     "date_end": datetime.date(2004, 8, 5), "date_edtf": "2004-08-05", "location_id": "loc-najaf",
    ...     "latitude": 32.0, "place_type": "city", "geo_precision": "town"})
    {'acled_time_precision': 1, 'acled_geo_precision': 1, 'ucdp_date_prec': 1, 'ucdp_where_prec': 1}
    """
    placed = place_reason(event) is None
    return {
        "acled_time_precision": dating(event, ACLED_TIME_PRECISION)[0],
        "acled_geo_precision": ACLED_GEO_PRECISION[event["place_type"]].code if placed else None,
        "ucdp_date_prec": dating(event, UCDP_DATE_PRECISION)[0],
        "ucdp_where_prec": UCDP_WHERE_PRECISION[event["place_type"]].code if placed else None,
    }
