"""The ``events`` table: what the article says happened, happens, is rumoured or is expected, with its PLOVER coding."""

from __future__ import annotations

from ..codes import plover
from ..constraints import Allowed, Items, Within
from ._columns import HOLDER_RULES, PERIOD_RULES, claim, fk, period, pk
from ._model import Column, Table
from .vocabularies import EVENT_TYPE, PLOVER_MODE, PLOVER_TYPE

_N = plover.NOT_CODED

EVENTS = Table(
    "events",
    "evt",
    "Everything the article says happened, happens, is rumoured or is expected.",
    (
        pk("event_id", "evt", "Stable id of the event."),
        Column("event_type", "category", "What kind of event it is.", vocabulary=EVENT_TYPE),
        Column("plover_type", "category", "PLOVER event type; NOT_CODED where PLOVER codes no event.", vocabulary=PLOVER_TYPE),
        Column("summary", "string", "One-line summary, claiming no more than the source."),
        *period("event"),
        fk("location_id", "locations", "Where it happened, if the source says.", nullable=True),
        *claim("event"),
        Column(
            "known_date",
            "date",
            "Exact day from an outside source where the article gives less.",
            nullable=True,
            source_column="known_date_source",
        ),
        Column("known_date_source", "string", "The outside source of known_date.", nullable=True),
        Column("plover_mode", "category", "PLOVER mode of the event, where the text says how.", nullable=True, vocabulary=PLOVER_MODE),
        Column(
            "plover_context",
            "list",
            "PLOVER contexts the text supports, with future, historical or hypothetical where they apply; empty if NOT_CODED.",
        ),
        Column("plover_note", "string", "Why the PLOVER coding departs from the event_type's default.", nullable=True),
        Column(
            "cameo_root",
            "string",
            "CAMEO root code (two digits) of the PLOVER type and mode, where the crosswalk gives one.",
            nullable=True,
            pattern=r"^(0[1-9]|1[0-9]|20)$",
            source_column="cameo_source",
        ),
        Column("cameo_source", "string", "The crosswalk cameo_root comes from.", nullable=True),
    ),
    (
        *PERIOD_RULES,
        *HOLDER_RULES,
        Within(
            "known_date_in_period",
            ("known_date", "date_start", "date_end"),
            "known_date lies between date_start and date_end, as far as they are set",
        ),
        Allowed(
            "plover_of_event_type",
            ("event_type", "plover_type"),
            "plover_type is the event_type's PLOVER type, one of its documented exceptions, or NOT_CODED for an event "
            "with no named actor (docs/codebook.md#plover)",
            allowed=tuple(((t,), tuple(dict.fromkeys((d.plover_type, *d.exceptions, _N)))) for t, d in plover.DECISIONS.items()),
        ),
        Allowed(
            "plover_mode_of_type",
            ("plover_type", "plover_mode"),
            "plover_mode is one of the modes of plover_type, or null",
            allowed=tuple(((t,), (None, *modes)) for t, modes in plover.MODES.items()),
        ),
        Items("plover_context_values", ("plover_context",), "every plover_context is a PLOVER context", "plover_context", plover.CONTEXTS),
        Allowed(
            "cameo_of_plover",
            ("plover_type", "plover_mode", "cameo_root"),
            "cameo_root is the one CAMEO root the crosswalk gives for plover_type and plover_mode (null where it gives several)",
            allowed=plover.cameo_roots_allowed(),
        ),
    ),
)
