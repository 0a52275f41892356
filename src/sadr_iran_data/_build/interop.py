"""The generated blocks of ``docs/interoperability.md``: every mapping of the layouts and precision codes, and its counts.

The mappings are those of :mod:`sadr_iran_data.formats.layouts` and :mod:`sadr_iran_data.codes.precision`.

``sadr-iran-data build`` rewrites them between the ``<!-- generated:NAME -->``
markers of the page, so that the page prints what the exports do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

import sadr_iran_data as sid

from ..codes import countries, precision
from ..declarations import TABLES, VIEWS
from ..formats import stata
from ..formats.layouts import acled, ucdp_ged
from ..formats.layouts._common import Layout, LayoutRule
from .codes import grid


class _Sources:
    """Numbers the sources a table cites, in the order of first citation, so that each is printed once, under the table."""

    def __init__(self) -> None:
        self.sources: list[str] = []

    def cite(self, *sources: str) -> str:
        numbers = []
        for source in sources:
            if source not in self.sources:
                self.sources.append(source)
            numbers.append(f"[{self.sources.index(source) + 1}]")
        return ", ".join(numbers)

    def listing(self) -> str:
        return "\n".join(f"{i}. {source}." for i, source in enumerate(self.sources, start=1))


def _rules(rules: tuple[LayoutRule, ...]) -> str:
    sources = _Sources()
    table = grid(
        ("rule", "what every row keeps", "columns", "codebook section or data", "source"),
        ((rule.key, rule.rule, ", ".join(f"`{c}`" for c in rule.columns), rule.section, sources.cite(*rule.sources)) for rule in rules),
    )
    return f"{table}\n\nSources:\n\n{sources.listing()}"


def _years(first: int | None, last: int | None) -> str:
    """The years an ACLED name is used for: strictly inside its regime's years (AcledName.names_year)."""
    if first is None:
        return "every year" if last is None else f"before {last}"
    return f"after {first}" if last is None else f"{first + 1}-{last - 1}"


def acled_names_block() -> str:
    """ACLED's names of our actors (with the years each covers), its spelling of our provinces, and its countries."""
    sources = _Sources()
    names = grid(
        ("actor", "ACLED name", "for events of", "source"),
        (
            (f"`{actor_id}`", n.name, _years(n.first_year, n.last_year), sources.cite(n.source))
            for actor_id, named in acled.ACLED_ACTOR_NAMES.items()
            for n in named
        ),
    )
    admin1 = grid(
        ("province (`admin1_id`)", "ACLED's admin1", "source"),
        ((f"`{location}`", name, sources.cite(acled.ACLED_DATA)) for location, name in acled.ACLED_ADMIN1.items()),
    )
    countries = grid(
        ("country", "ACLED's region", "ACLED's first year", "source"),
        ((f"`{k}`", c.region, c.first_year, sources.cite(acled.ACLED_DATA)) for k, c in acled.ACLED_COUNTRIES.items()),
    )
    return f"{names}\n\n#### Provinces\n\n{admin1}\n\n#### Countries\n\n{countries}\n\nSources:\n\n{sources.listing()}"


def ucdp_names_block() -> str:
    """UCDP's governments and armed groups (names, ids, Gleditsch-Ward numbers) and its dyads, each with its source."""
    sources = _Sources()
    governments = grid(
        ("state actors of", "UCDP actor", "id", "gwno", "source"),
        ((f"`{k}`", g.name, g.actor_id, g.gwno, sources.cite(*g.sources)) for k, g in ucdp_ged.UCDP_GOVERNMENTS.items()),
    )
    groups = grid(
        ("actor", "UCDP actor", "id", "source"),
        [
            *((f"`{k}`", g.name, g.actor_id, sources.cite(*g.sources)) for k, g in ucdp_ged.UCDP_ARMED_GROUPS.items()),
            (
                "civilians (side B of one-sided violence)",
                ucdp_ged.UCDP_CIVILIANS.name,
                f"{ucdp_ged.UCDP_CIVILIANS.actor_id} (dset id {ucdp_ged.UCDP_CIVILIANS.dset_id})",
                sources.cite(*ucdp_ged.UCDP_CIVILIANS.sources),
            ),
        ],
    )
    dyads = grid(
        ("dyad", "name", "conflict", "side A, side B", "years (active_year)", "states supporting side A with troops", "source"),
        (
            (
                d.dyad_id,
                d.name,
                f"{d.conflict_id} '{d.conflict_name}'",
                f"{d.side_a.actor_id}, {d.side_b.actor_id}",
                ", ".join(f"{year} ({active})" for year, active in d.active_year.items()),
                "; ".join(f"{year}: {', '.join(map(str, gw))}" for year, gw in d.secondary_a.items()),
                sources.cite(*d.sources),
            )
            for d in ucdp_ged.UCDP_DYADS
        ),
    )
    return f"{governments}\n\n{groups}\n\n#### Dyads\n\n{dyads}\n\nSources:\n\n{sources.listing()}"


def _columns(notes: Mapping[str, str]) -> str:
    return grid(("#", "column", "how it is filled"), ((i, f"`{name}`", note) for i, (name, note) in enumerate(notes.items(), start=1)))


def _counts(layout: Layout) -> str:
    written = Counter((row.get("event_type"), row.get("sub_event_type")) for row in layout.rows)
    return grid(("left out because", "events"), [*layout.counts().items(), ("**written**", len(layout.rows))]) + (
        "\n\nWritten, by ACLED event type and sub-event type:\n\n"
        + grid(("event type", "sub-event type", "events"), ((t, s, n) for (t, s), n in sorted(written.items(), key=str)))
        if "event_type" in layout.columns and layout.rows
        else ""
    )


def _by_type() -> Counter[str]:
    return Counter(e["event_type"] for e in sid.load("events", backend="arrow").to_pylist())


def acled_types_block() -> str:
    counts = _by_type()
    table = grid(
        ("`event_type`", "events", "disorder type", "event type", "sub-event type", "why"),
        (
            (f"`{name}`", counts.get(name, 0), t.disorder_type, t.event_type, t.sub_event_type, t.reason)
            for name, t in acled.ACLED_TYPES.items()
        ),
    )
    modes = grid(
        ("`event_type`", "PLOVER mode", "disorder type", "event type", "sub-event type", "why"),
        ((f"`{e}`", f"`{m}`", t.disorder_type, t.event_type, t.sub_event_type, t.reason) for (e, m), t in acled.ACLED_BY_MODE.items()),
    )
    words = grid(
        ("`event_type`", "trigger", "disorder type", "event type", "sub-event type", "why"),
        ((f"`{e}`", f"“{w}”", t.disorder_type, t.event_type, t.sub_event_type, t.reason) for (e, w), t in acled.ACLED_BY_TRIGGER.items()),
    )
    return (
        f"{table}\n\nWhere the PLOVER mode decides:\n\n{modes}\n\n"
        f"Where the event has no PLOVER mode, its trigger (the article's word for it):\n\n{words}"
    )


def acled_inter_block() -> str:
    return grid(
        ("`actor_type`", "ACLED actor type (inter1, inter2)", "why"),
        ((f"`{name}`", m.inter, m.reason) for name, m in acled.ACLED_INTER.items()),
    )


def _precision_block(date_code: str, dating: Mapping[str, precision.Code], place_code: str, placing: Mapping[str, precision.Code]) -> str:
    """A layout's two precision tables: its date code by ``date_precision``, its place code by ``location_type``."""
    tables = (("`date_precision`", date_code, dating), ("`location_type`", place_code, placing))
    return "\n\n".join(
        grid((first, title, "why"), ((f"`{k}`", c.code if c.code is not None else "left out", c.reason) for k, c in mapping.items()))
        for first, title, mapping in tables
    )


def acled_precision_block() -> str:
    return _precision_block("time_precision", precision.ACLED_TIME_PRECISION, "geo_precision", precision.ACLED_GEO_PRECISION)


def ucdp_types_block() -> str:
    counts = _by_type()
    return grid(
        ("`event_type`", "events", "coded by GED", "why"),
        ((f"`{name}`", counts.get(name, 0), "yes" if t.coded else "no", t.reason) for name, t in ucdp_ged.UCDP_TYPES.items()),
    )


def ucdp_precision_block() -> str:
    return _precision_block("date_prec", precision.UCDP_DATE_PRECISION, "where_prec", precision.UCDP_WHERE_PRECISION)


def iso_block() -> str:
    return grid(("ISO3", "ISO 3166-1 numeric"), ((f"`{k}`", f"`{v}`") for k, v in countries.ISO_NUMERIC.items())) + (
        f"\n\nSource: {countries.ISO_NUMERIC_SOURCE}."
    )


def stata_labels_block() -> str:
    rows = []
    for table in [*TABLES.values(), *VIEWS.values()]:
        for col in table.columns:
            label = stata.variable_label(col.description)
            if label != " ".join(col.description.split()):
                rows.append((f"`{table.name}.{col.name}`", label))
    return f"{len(rows)} descriptions are longer than {stata.LABEL_LENGTH} characters; their labels read:\n\n" + grid(
        ("column", "variable label"), rows
    )


def interoperability_blocks() -> dict[str, str]:
    """The page's generated blocks, by name (set off by blank lines, so that Markdown sees their tables)."""
    written, ucdp = acled.to_acled(), ucdp_ged.to_ucdp_ged()
    blocks = {
        "acled_sources": f"{acled.ACLED_CODEBOOK}.",
        "acled_columns": _columns(acled.ACLED_COLUMN_NOTES),
        "acled_types": acled_types_block(),
        "acled_inter": acled_inter_block(),
        "acled_precision": acled_precision_block(),
        "acled_counts": _counts(written),
        "acled_rules": _rules(acled.ACLED_RULES),
        "acled_names": acled_names_block(),
        "iso": iso_block(),
        "ucdp_sources": f"{ucdp_ged.UCDP_GED_CODEBOOK}. Dataset article: {ucdp_ged.UCDP_GED_ARTICLE}.",
        "ucdp_event": f"> {ucdp_ged.UCDP_EVENT}",
        "ucdp_columns": _columns(ucdp_ged.UCDP_GED_COLUMN_NOTES),
        "ucdp_types": ucdp_types_block(),
        "ucdp_precision": ucdp_precision_block(),
        "ucdp_counts": _counts(ucdp),
        "ucdp_rules": _rules(ucdp_ged.UCDP_GED_RULES),
        "ucdp_names": ucdp_names_block(),
        "stata_labels": stata_labels_block(),
    }
    return {name: f"\n{text}\n" for name, text in blocks.items()}
