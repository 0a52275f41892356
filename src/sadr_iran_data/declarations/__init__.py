"""The one declaration of every table: columns, types, keys, vocabularies, rules.

Everything else — the pydantic models, the pandera schemas, the Arrow schema
the build writes, the JSON/Table Schemas, the SQL exports and the data
dictionary — is derived from the objects in this module, asking the column
type registry (:mod:`sadr_iran_data.column_types`) and the rule kinds
(:mod:`sadr_iran_data.constraints`) what each type and rule means. The rules of
each table are the one list that the build and :func:`sadr_iran_data.validate`
enforce. This module imports nothing heavy, so ``sid.tables()`` stays cheap.

Examples
--------
>>> from sadr_iran_data.declarations import TABLES
>>> TABLES["events"].primary_key
'event_id'
>>> [rule.name for rule in TABLES["evidence"].checks]
['span_order', 'quote_length']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from .._names import TABLE_NAMES
from ..codes import plover, support
from ..column_types import COLUMN_TYPES, ColumnType
from ..constraints import (
    Allowed,
    ColumnRule,
    Differs,
    EdtfBound,
    EdtfPrecision,
    Implies,
    Items,
    Maximum,
    Minimum,
    Normalized,
    Ordered,
    Pattern,
    RequiredIf,
    Rule,
    SpanLength,
    Together,
    UnitStart,
    Within,
)
from ..constraints import Vocabulary as VocabularyRule

if TYPE_CHECKING:
    import pyarrow as pa

__all__ = ["TABLES", "VOCABULARIES", "Column", "Rule", "Table", "Term", "Vocabulary", "get_table"]


@dataclass(frozen=True)
class Term:
    """One documented value of a controlled vocabulary."""

    value: str
    description: str
    plover: str | None = None
    family: str | None = None
    """For a vocabulary with ``families``: the family (a value of that vocabulary) the term belongs to."""


@dataclass(frozen=True)
class Vocabulary:
    """A controlled vocabulary: its name, what it is for, and its documented values.

    With ``families``, every term names its family, a value of that coarser vocabulary.
    """

    name: str
    description: str
    terms: tuple[Term, ...]
    #: Where the values come from, for a vocabulary taken from an outside standard (whose spelling it keeps).
    source: str | None = None
    families: Vocabulary | None = None

    def __post_init__(self) -> None:
        allowed = set(self.families.values) if self.families is not None else {None}
        wrong = [t.value for t in self.terms if t.family not in allowed]
        if wrong:
            raise ValueError(f"vocabulary {self.name}: terms {wrong} need a family from {sorted(map(str, allowed))}")

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(t.value for t in self.terms)

    def family_of(self, value: str) -> str | None:
        """The family of term ``value`` (None for a vocabulary without families).

        Examples
        --------
        >>> from sadr_iran_data.declarations import RELATION_TYPE
        >>> RELATION_TYPE.family_of("supports"), RELATION_TYPE.family_of("perceives_as_threat")
        ('cooperative', 'perceptual')
        """
        return {t.value: t.family for t in self.terms}[value]


@dataclass(frozen=True)
class Column:
    """One column of a table: its name, type (a key of ``COLUMN_TYPES``), meaning and constraints."""

    name: str
    type: str
    description: str
    nullable: bool = False
    vocabulary: Vocabulary | None = None
    references: str | None = None
    """Table whose primary key this column refers to."""
    references_table_in: str | None = None
    """For a polymorphic key: the column that names the referenced table."""
    minimum: float | None = None
    maximum: float | None = None
    pattern: str | None = None
    source_column: str | None = None
    """For a value from outside the article: the column that names its source."""

    def __post_init__(self) -> None:
        if self.type not in COLUMN_TYPES:
            raise ValueError(f"column {self.name}: unknown type {self.type!r}; the types are: {', '.join(COLUMN_TYPES)}")
        if (self.type == "category") != (self.vocabulary is not None):
            raise ValueError(f"column {self.name}: category columns need a vocabulary")

    @property
    def column_type(self) -> ColumnType:
        """The registry's object for this column's type."""
        return COLUMN_TYPES[self.type]

    @property
    def categories(self) -> tuple[str, ...] | None:
        """The vocabulary's values, for a category column."""
        return None if self.vocabulary is None else self.vocabulary.values

    @property
    def constraints(self) -> tuple[ColumnRule, ...]:
        """The rules each present value must satisfy, derived from the column's attributes and type."""
        rules: list[ColumnRule] = []
        if self.vocabulary is not None:
            rules.append(VocabularyRule(self.vocabulary.name, self.vocabulary.values))
        if self.pattern is not None:
            rules.append(Pattern(self.pattern))
        if self.minimum is not None:
            rules.append(Minimum(self.minimum))
        if self.maximum is not None:
            rules.append(Maximum(self.maximum))
        if self.column_type.text or self.type == "list":
            rules.append(Normalized())
        return tuple(rules)


@dataclass(frozen=True)
class Table:
    """One table: its name, id prefix, description, columns and row rules."""

    name: str
    prefix: str
    description: str
    columns: tuple[Column, ...]
    rules: tuple[Rule, ...] = field(default=())

    @property
    def primary_key(self) -> str:
        return self.columns[0].name

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @cached_property
    def checks(self) -> tuple[Rule, ...]:
        """The declared rules plus one per outside value: no value without its source."""
        sourced = tuple(
            Implies(f"{c.name}_has_source", (c.name, c.source_column), f"{c.name} needs its source in {c.source_column}")
            for c in self.columns
            if c.source_column
        )
        return self.rules + sourced

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(f"table {self.name} has no column {name!r}")

    def arrow_schema(self) -> pa.Schema:
        """The Arrow schema the build writes and the ``arrow`` backend returns."""
        import pyarrow as pa

        return pa.schema(
            [
                pa.field(c.name, c.column_type.arrow_type(), nullable=c.nullable, metadata={"description": c.description})
                for c in self.columns
            ],
            metadata={"table": self.name, "description": self.description},
        )

    @cached_property
    def fingerprint(self) -> str:
        """sha256 of the table's structure: names, types, nullability, keys, column and row rules."""
        import hashlib
        import json

        shape = {
            "columns": [
                [c.name, c.type, c.nullable, c.references, c.references_table_in, [r.fingerprint() for r in c.constraints]]
                for c in self.columns
            ],
            "rules": [r.fingerprint() for r in self.checks],
        }
        return hashlib.sha256(json.dumps(shape, sort_keys=True, default=list).encode()).hexdigest()


def _vocab(name: str, description: str, *terms: tuple[Any, ...], source: str | None = None) -> Vocabulary:
    return Vocabulary(name, description, tuple(Term(*t) for t in terms), source)


def _with_plover(name: str, description: str, *terms: tuple[str, str]) -> Vocabulary:
    """A vocabulary whose terms take their default PLOVER type from the decision table in :mod:`.plover`."""
    if [t[0] for t in terms] != list(plover.DECISIONS):
        raise ImportError(f"plover.DECISIONS must list the {name} values in order")
    return _vocab(name, description, *((value, text, plover.DECISIONS[value].plover_type) for value, text in terms))


def _modes() -> tuple[tuple[str, str], ...]:
    owners: dict[str, list[str]] = {}
    for plover_type, modes in plover.MODES.items():
        for mode in modes:
            owners.setdefault(mode, []).append(plover_type)
    return tuple(
        (
            mode,
            "Mode of " + ", ".join(t + (" (crosswalk only)" if (t, mode) in plover.CROSSWALK_ONLY_MODES else "") for t in types) + ".",
        )
        for mode, types in owners.items()
    )


_CONTEXT_TEXT = {
    "future": "The event is expected, planned or forecast: it has not happened ('will meet next month').",
    "historical": "The event is background history to the article's story, before 2003 ('during the war...').",
    "hypothetical": "The event is a possibility: 'could', 'may', 'if ... were to'.",
}


# --------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------

CERTAINTY = _vocab(
    "certainty",
    "How the source words a claim; coded from the article's own phrasing.",
    ("stated", "Asserted as fact by the author."),
    ("known", "Introduced as common knowledge: 'it is known that'."),
    ("likely", "Hedged as probable: 'likely', 'appears', 'is believed'."),
    ("rumored", "Reported as rumour: 'it is rumored'."),
    ("claimed", "Asserted by a named or anonymous source, e.g. an interviewee."),
    ("alleged", "Reported as an allegation: 'his alleged links'."),
    ("expected", "A forecast or possibility: 'could', 'may', 'will'."),
)

ATTRIBUTION_KIND = _vocab(
    "attribution_kind",
    "Whose claim a row is: the author's own, a cited source's, a named holder's view, a rumour, or an unnamed belief.",
    ("author", "The author asserts it in his own voice, with or without a footnote; his own hedges ('likely', 'it is known') included."),
    ("source", "A source the author cites or quotes asserts it (an interviewee's claim); the author only reports it."),
    (
        "view",
        "The belief, perception, fear or aim of an actor the text names ('Tehran considers', 'al-Sadr fears'), as the author reports it.",
    ),
    ("rumour", "Reported as a rumour with no source: 'it is rumored'."),
    ("unnamed", "A belief or allegation whose holder the text does not identify ('is believed', 'alleged')."),
)

DATE_PRECISION = _vocab(
    "date_precision",
    "How precisely the source dates the start of a record (a point, or the start of a period).",
    ("day", "The start is a calendar day; for a point, date_start = date_end."),
    ("month", "The start is a calendar month; for a point, the first to the last day of the month."),
    ("year", "The start is a calendar year; for a point, the whole year."),
    ("decade", "The start is a decade: '1980s and 1990s'."),
    ("unknown", "The source does not date the start; date_start is null or a bound the text implies (e.g. after his first trip)."),
)

CITATION_KIND = _vocab(
    "citation_kind",
    "What kind of document a citation is.",
    ("article", "A published article (the source article, or a piece it cites)."),
    ("interview", "An interview, formal or informal, reported by the author."),
    ("broadcast", "A radio or television broadcast."),
    ("book", "A book or book chapter."),
    ("report", "A report by an organisation or government."),
    ("other", "Any other kind of document."),
)

ACTOR_TYPE = _vocab(
    "actor_type",
    "What kind of actor a row is.",
    ("person", "A named or described individual."),
    ("state", "A sovereign state, as a political actor (often named by its capital)."),
    ("state_body", "A government institution or office: a council, a ministry, an intelligence service."),
    ("state_armed_force", "Armed forces of a state or a unit of them (e.g. the Revolutionary Guards, U.S. troops)."),
    ("armed_group", "A non-state armed group or militia."),
    ("political_party", "A political party or party-like organisation."),
    ("movement", "A political or religious movement without one formal organisation."),
    ("organization", "Any other formal organisation (a publisher, a think tank)."),
    ("international_organization", "An intergovernmental body such as the U.N. Security Council."),
    ("media_outlet", "A broadcaster, newspaper or website."),
    ("population_group", "A population defined by religion, ethnicity or status (e.g. Sunni Arabs, refugees)."),
    ("collective", "An identifiable set of people the article treats as one actor (e.g. 'Iranian officials')."),
)

LOCATION_TYPE = _vocab(
    "location_type",
    "What kind of place a row is.",
    ("country", "A sovereign state's territory."),
    ("province", "A first-level administrative division (ostan, governorate)."),
    ("city", "A city."),
    ("town", "A town."),
    ("region", "A region without fixed administrative borders (e.g. 'southern Iraq')."),
)

GEO_PRECISION = _vocab(
    "geo_precision",
    "What the latitude/longitude of a place stand for.",
    ("exact_point", "The exact point of a site."),
    ("town", "The reference point of a city or town."),
    ("province_centroid", "A representative point of a province."),
    ("country_centroid", "A representative point of a country."),
    ("region", "A representative point of a loosely bounded region."),
)

EVENT_TYPE = _with_plover(
    "event_type",
    "What kind of happening or situation an event is; its PLOVER type is the one its events take by default.",
    ("meeting", "A meeting or talks between actors."),
    ("visit", "A trip by one actor to a place or to another actor."),
    ("audience", "A formal reception of one actor by a senior figure."),
    ("invitation", "An invitation to visit or to talks."),
    ("pledge", "A promise of future action or support."),
    ("statement", "A speech, declaration or public expression of a position."),
    ("reaction", "An actor's reported reaction to or judgement of something (being upset, finding it troubling)."),
    ("expression_of_support", "Praise, solidarity or endorsement expressed by one actor for another."),
    ("accusation", "One actor accuses another."),
    ("rejection", "One actor rejects another's authority, proposal or position."),
    ("cooperation", "Actors cooperate or discuss cooperation."),
    ("military_aid", "Supply of weapons, training or unspecified military support."),
    ("economic_aid", "Supply of funds or other material support."),
    ("refuge", "An actor finds or seeks safety in a place."),
    ("armed_clash", "Fighting between armed actors."),
    ("attack", "A one-sided attack: a bombing, an assault on forces."),
    ("assassination", "A targeted killing."),
    ("war", "A war or protracted armed conflict, as background."),
    ("concession", "An actor gives up armed resistance or yields a position."),
    ("infiltration", "Covert penetration of an organisation by another actor."),
    ("election", "An election."),
    ("political_participation", "An actor enters or takes part in a political process."),
    ("withdrawal", "An actor withdraws from a government or process."),
    ("formation", "A group, bloc or militia is founded or formed."),
    ("death", "A death other than a killing."),
    ("commemoration", "A ceremony marking an anniversary or death."),
    ("interview", "An interview the author or another source conducted."),
    ("publication", "A document or broadcast is published."),
    ("relationship_change", "A change in how actors relate (ties grow, weaken or are established)."),
    ("situation", "An ongoing state of affairs the text asserts (tensions, influence, popularity)."),
)

PLOVER_TYPE = _vocab(
    "plover_type",
    "PLOVER event types (manual draft 0.7b1), and NOT_CODED for what PLOVER does not code.",
    *plover.TYPES,
    source=plover.MANUAL,
)

PLOVER_MODE = _vocab(
    "plover_mode",
    "PLOVER modes: how an event of a type is done (the manual's mode tables and the crosswalk).",
    *_modes(),
    source=f"{plover.MANUAL}; {plover.CROSSWALK}",
)

PLOVER_CONTEXT = _vocab(
    "plover_context",
    "PLOVER contexts: the domains of an event, and whether it is future, historical or hypothetical.",
    *((c, _CONTEXT_TEXT.get(c, f"PLOVER general context: {c.replace('_', ' ')}.")) for c in plover.CONTEXTS),
    source=plover.MANUAL,
)

ROLE = _vocab(
    "role",
    "The part an actor plays in an event.",
    ("initiator", "Acts first or does the thing (the source actor in PLOVER terms)."),
    ("target", "The actor acted upon or addressed (the target actor in PLOVER terms)."),
    ("participant", "Takes part without a clear direction (e.g. both sides of a meeting, a party to a war)."),
    ("host", "Receives or hosts another actor."),
    ("mediator", "Brokers or leads an outcome between others."),
    ("recipient", "Receives support, training or weapons."),
    ("victim", "Is killed or harmed."),
    ("subject", "The actor the event is about, without acting (e.g. the commemorated dead)."),
    ("interviewer", "Conducts an interview."),
    ("interviewee", "Is interviewed."),
    ("observer", "Reacts to or judges the event without taking part."),
)

RELATION_FAMILY = _vocab(
    "relation_family",
    "The family a relation type belongs to: a coarse grouping of relation types for filtering and drawing "
    "(relations_wide.relation_family; docs/codebook.md#relation-families).",
    ("cooperative", "The source works with or for the target: alliance, partnership, support, ties of an unspecified kind."),
    ("hostile", "The source works against or shuns the target: rivalry, opposition, infiltration, containment, ignoring."),
    (
        "structural",
        "The source stands in an organisational, personal or power structure with the target: leadership, membership, "
        "representation, following, kinship, succession, influence.",
    ),
    ("perceptual", "How the source sees the target: as a threat, an asset, a model to emulate or someone to admire."),
)

RELATION_TYPE = Vocabulary(
    "relation_type",
    "How one actor relates to another over a period; each type belongs to a relation family.",
    (
        Term("ally", "Alliance: the actors act together against common opponents.", family="cooperative"),
        Term("partner", "Partnership short of alliance: cooperation on specific aims.", family="cooperative"),
        Term("rival", "Rivalry: competition for the same constituency or power.", family="hostile"),
        Term("opposes", "Hostility or opposition of the source to the target.", family="hostile"),
        Term("supports", "The source gives the target support; support_form says which kind.", family="cooperative"),
        Term("leads", "The source leads or heads the target.", family="structural"),
        Term("member_of", "The source is a member of the target.", family="structural"),
        Term("represents", "The source speaks for or represents the target.", family="structural"),
        Term("follows", "The source is a follower of the target (a cleric or a movement).", family="structural"),
        Term("part_of", "The source is an organisational part of the target.", family="structural"),
        Term(
            "kin",
            "Kinship between two persons; the summary says which (e.g. father of). Belonging to a family group is member_of.",
            family="structural",
        ),
        Term("succeeds", "The source succeeded the target (in a position or following).", family="structural"),
        Term("emulates", "The source takes the target as a model.", family="perceptual"),
        Term("admires", "The source admires or looks up to the target.", family="perceptual"),
        Term("infiltrates", "The source covertly penetrates the target.", family="hostile"),
        Term("influences", "The source has influence over the target.", family="structural"),
        Term("perceives_as_threat", "The source regards the target as a threat.", family="perceptual"),
        Term("perceives_as_asset", "The source regards the target as an asset or useful partner.", family="perceptual"),
        Term("ignores", "The source deliberately ignores or shuns the target.", family="hostile"),
        Term("linked", "Ties of a kind the source does not specify ('links', 'ties').", family="cooperative"),
        Term("counters", "The source contains or counterbalances the target's influence.", family="hostile"),
    ),
    families=RELATION_FAMILY,
)

SUPPORT_FORM = _vocab(
    "support_form",
    "The form of support in a supports relation; weapons, training, funds and safe_haven follow the NAGs data's forms of support.",
    ("weapons", "Arms, ammunition or military equipment."),
    ("training", "Military or other training."),
    ("funds", "Money or financial support."),
    ("safe_haven", "Territory or refuge where the target is safe."),
    ("political", "Political or diplomatic backing."),
    ("military", "Military support whose form the source does not specify."),
    ("unspecified", "Support whose form the source does not say."),
)

if SUPPORT_FORM.values != tuple(support.MAPPING):
    raise ImportError("support.MAPPING must list the support_form values in order")

SUPPORT_INTENT = _vocab("support_intent", "Whether the supporter gives the support itself, after the NAGs data.", *support.INTENT)

RECORD_TABLE = _vocab(
    "record_table",
    "The table of the record an evidence row grounds.",
    ("citations", "A citation (the article or a footnote)."),
    ("actors", "An actor."),
    ("locations", "A location."),
    ("events", "An event."),
    ("event_actors", "An actor's role in an event."),
    ("relations", "A relation between actors."),
)

CONFIDENCE = _vocab(
    "confidence",
    "How far a claim can be taken as established, derived from certainty, attribution and whether it is a forecast; "
    "ordered, most confident first (docs/codebook.md#confidence).",
    ("asserted", "The author asserts it as fact: certainty stated or known, the author's own claim."),
    ("probable", "The author hedges it as probable: certainty likely, the author's own claim."),
    ("possible", "A present or undated possibility the author raises: certainty expected, not about the future."),
    (
        "reported_unverified",
        "Someone else's claim the author reports without endorsing: a source, a holder's view, a rumour or an unnamed belief.",
    ),
    ("forecast", "About the future: an open period with no end (the article's forecasts, whatever their hedge)."),
)

VOCABULARIES: dict[str, Vocabulary] = {
    v.name: v
    for v in (
        CERTAINTY,
        CONFIDENCE,
        ATTRIBUTION_KIND,
        DATE_PRECISION,
        CITATION_KIND,
        ACTOR_TYPE,
        LOCATION_TYPE,
        GEO_PRECISION,
        EVENT_TYPE,
        PLOVER_TYPE,
        PLOVER_MODE,
        PLOVER_CONTEXT,
        ROLE,
        RELATION_TYPE,
        SUPPORT_FORM,
        SUPPORT_INTENT,
        RECORD_TABLE,
        RELATION_FAMILY,
    )
}

# --------------------------------------------------------------------------
# Shared column groups
# --------------------------------------------------------------------------

_ISO3 = r"^[A-Z]{3}$"
_WIKIDATA = r"^Q[0-9]+$"


def _cow_code(of: str) -> Column:
    return Column(
        "cow_code", "int", f"Correlates of War state number, for {of}.", nullable=True, minimum=2, maximum=999, source_column="cow_source"
    )


def _gw_code(of: str) -> Column:
    return Column(
        "gw_code",
        "int",
        f"Gleditsch-Ward state number (UCDP's country_id), for {of}.",
        nullable=True,
        minimum=2,
        maximum=999,
        source_column="gw_source",
    )


def _pk(name: str, prefix: str, description: str) -> Column:
    return Column(name, "id", description, pattern=rf"^{prefix}-[a-z0-9][a-z0-9\-]*$")


def _fk(name: str, table: str, description: str, *, nullable: bool = False) -> Column:
    return Column(name, "id", description, nullable=nullable, references=table)


def _period(subject: str) -> tuple[Column, ...]:
    return (
        Column(
            "date_start",
            "date",
            f"First day the {subject} may have begun, as the source dates it; null when the source gives no start.",
            nullable=True,
        ),
        Column(
            "date_end",
            "date",
            f"Last day the {subject} may have held, as the source dates it; open periods end at the publication bound; null for forecasts.",
            nullable=True,
        ),
        Column("date_precision", "category", "How precisely the source dates the start.", vocabulary=DATE_PRECISION),
        Column("date_edtf", "edtf", "The dating as an EDTF string (2004-04, 198X/199X, 2005/..).", nullable=True),
    )


def _claim(subject: str) -> tuple[Column, ...]:
    return (
        Column("certainty", "category", f"How the source words the {subject}.", vocabulary=CERTAINTY),
        Column("attribution_kind", "category", f"Whose claim the {subject} is.", vocabulary=ATTRIBUTION_KIND),
        Column("attributed_to", "string", f"Who asserts the {subject}: 'author', or the holder or source the author reports, in words."),
        _fk("citation_id", "citations", "The footnote that supports it, if any.", nullable=True),
        Column("coding_note", "string", "Why the row is coded as it is, where that is not obvious.", nullable=True),
    )


def _wikidata() -> tuple[Column, ...]:
    return (
        Column(
            "wikidata_id", "string", "Wikidata item id, where verified.", nullable=True, pattern=_WIKIDATA, source_column="wikidata_source"
        ),
        Column("wikidata_source", "string", "The Wikidata item and the label checked against it.", nullable=True),
    )


_PERIOD_RULES = (
    Ordered("date_order", ("date_start", "date_end"), "date_end must be on or after date_start"),
    EdtfBound(
        "edtf_start",
        ("date_edtf", "date_start"),
        "date_start is the first day date_edtf spans (null for an open start, ../)",
        side="start",
    ),
    EdtfBound(
        "edtf_end",
        ("date_edtf", "date_end"),
        "date_end is the last day date_edtf spans (free for an open end, /..)",
        side="end",
    ),
    EdtfPrecision(
        "edtf_precision",
        ("date_edtf", "date_precision"),
        "date_precision is the precision of date_edtf's first date (day, month, year, decade), or unknown",
        unspecified="unknown",
    ),
)

# --------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------

CITATIONS = Table(
    "citations",
    "cit",
    "The source article and every footnote it cites.",
    (
        _pk("citation_id", "cit", "Stable id of the citation."),
        Column("kind", "category", "What kind of document it is.", vocabulary=CITATION_KIND),
        Column("note_number", "int", "The footnote number in the citing article; null for the article itself.", nullable=True, minimum=1),
        _fk("cited_in", "citations", "The article whose footnote this is; null for the article itself.", nullable=True),
        Column("author", "string", "Author, or for an interview the interviewer, as given or implied.", nullable=True),
        Column("interviewee", "string", "Description of the interviewee, for interviews.", nullable=True),
        Column("title", "string", "Title as given (transliterated titles kept as printed).", nullable=True),
        Column("outlet", "string", "Publication, broadcaster or outlet.", nullable=True),
        Column("publisher", "string", "Publisher of the outlet.", nullable=True),
        Column("volume", "string", "Volume of a periodical.", nullable=True),
        Column("issue", "string", "Issue of a periodical.", nullable=True),
        Column("date", "date", "Date of the document or interview (first day of its precision unit).", nullable=True),
        Column("date_precision", "category", "Precision of the date.", vocabulary=DATE_PRECISION),
        _fk("location_id", "locations", "Where an interview took place, if given.", nullable=True),
        Column("language", "string", "ISO 639-1 code of the document's language, where evident.", nullable=True, pattern=r"^[a-z]{2}$"),
        Column("anonymous", "bool", "Whether the source is anonymous.", nullable=True),
        Column("url", "string", "URL of the document, where known.", nullable=True, pattern=r"^https?://"),
        Column(
            "text_sha256", "string", "SHA-256 of the stored text that evidence offsets refer to.", nullable=True, pattern=r"^[0-9a-f]{64}$"
        ),
        Column(
            "published_by",
            "date",
            "Latest day by which the document is known to have been published, from an outside source, where its own date is less precise.",
            nullable=True,
            source_column="published_by_source",
        ),
        Column("published_by_source", "string", "The outside source of published_by.", nullable=True),
        Column("metadata_source", "string", "Where bibliographic details not printed in the text come from.", nullable=True),
        Column("description", "string", "What the citation is, in one line.", nullable=True),
    ),
    (
        Together(
            "footnote_has_parent",
            ("note_number", "cited_in"),
            "note_number and cited_in are both set (a footnote) or both null (a document)",
        ),
        Differs("not_self_cited", ("citation_id", "cited_in"), "a citation cannot be cited in itself"),
        UnitStart("date_unit", ("date", "date_precision"), "date is the first day of its date_precision's month, year or decade"),
    ),
)

ACTORS = Table(
    "actors",
    "act",
    "People, organisations, armed groups, states, state bodies, media and collective actors.",
    (
        _pk("actor_id", "act", "Stable id of the actor."),
        Column("name", "string", "Name as the article spells it."),
        Column("aliases", "list", "Other spellings and names (Muqtada, Quds, Hizballah, Dawa)."),
        Column("actor_type", "category", "What kind of actor it is.", vocabulary=ACTOR_TYPE),
        Column("country", "string", "ISO 3166-1 alpha-3 code of the state the actor belongs to, if one.", nullable=True, pattern=_ISO3),
        _fk("parent_actor_id", "actors", "The actor this one is part of or led by (Qods Force -> IRGC).", nullable=True),
        Column("description", "string", "Who the actor is, as far as the article says."),
        *_wikidata(),
        _cow_code("state actors"),
        Column("cow_source", "string", "Where the COW code was checked.", nullable=True),
        _gw_code("state actors"),
        Column("gw_source", "string", "Where the Gleditsch-Ward code was checked.", nullable=True),
        Column(
            "birth_year",
            "int",
            "Year of birth, where verified and relevant.",
            nullable=True,
            minimum=1800,
            maximum=2100,
            source_column="life_years_source",
        ),
        Column(
            "death_year",
            "int",
            "Year of death, where verified and relevant.",
            nullable=True,
            minimum=1800,
            maximum=2100,
            source_column="life_years_source",
        ),
        Column("life_years_source", "string", "Where birth and death years were checked.", nullable=True),
    ),
    (
        Differs("not_own_parent", ("actor_id", "parent_actor_id"), "an actor cannot be its own parent"),
        Ordered("life_order", ("birth_year", "death_year"), "death_year must not precede birth_year"),
    ),
)

LOCATIONS = Table(
    "locations",
    "loc",
    "Countries, provinces, cities, towns and regions, with their hierarchy and codes.",
    (
        _pk("location_id", "loc", "Stable id of the place."),
        Column("name", "string", "Name as the article spells it (Qum, Masjid Suleiman, Khuzistan)."),
        Column("aliases", "list", "Standard transliterations and other names (Qom, Masjed Soleyman)."),
        Column("location_type", "category", "What kind of place it is.", vocabulary=LOCATION_TYPE),
        _fk("parent_location_id", "locations", "The place this one lies in (town -> province -> country).", nullable=True),
        Column(
            "country",
            "string",
            "ISO 3166-1 alpha-3 code of the country; null for regions spanning countries.",
            nullable=True,
            pattern=_ISO3,
        ),
        Column(
            "iso_3166_2",
            "string",
            "Current ISO 3166-2 code, for provinces.",
            nullable=True,
            pattern=r"^[A-Z]{2}-[A-Z0-9]{1,3}$",
            source_column="iso_3166_2_source",
        ),
        Column(
            "iso_3166_2_old",
            "string",
            "ISO 3166-2 code before a renumbering (Iran, November 2020).",
            nullable=True,
            pattern=r"^[A-Z]{2}-[A-Z0-9]{1,3}$",
            source_column="iso_3166_2_source",
        ),
        Column("iso_3166_2_source", "string", "Where the ISO 3166-2 codes were checked.", nullable=True),
        _cow_code("countries"),
        Column("cow_source", "string", "Where the COW code was checked.", nullable=True),
        _gw_code("countries"),
        Column("gw_source", "string", "Where the Gleditsch-Ward code was checked.", nullable=True),
        Column(
            "latitude",
            "float",
            "WGS84 latitude in decimal degrees.",
            nullable=True,
            minimum=-90,
            maximum=90,
            source_column="coordinate_source",
        ),
        Column(
            "longitude",
            "float",
            "WGS84 longitude in decimal degrees.",
            nullable=True,
            minimum=-180,
            maximum=180,
            source_column="coordinate_source",
        ),
        Column("geo_precision", "category", "What the coordinates stand for.", nullable=True, vocabulary=GEO_PRECISION),
        Column("coordinate_source", "string", "Where the coordinates come from (e.g. 'GeoNames 98860').", nullable=True),
        Column("geonames_id", "int", "GeoNames id, where verified.", nullable=True, minimum=1, source_column="geonames_source"),
        Column("geonames_source", "string", "Where the GeoNames id was checked.", nullable=True),
        *_wikidata(),
        Column("description", "string", "What the article says of the place, in one line.", nullable=True),
    ),
    (
        Together("coordinates_together", ("latitude", "longitude"), "latitude and longitude are both set or both null"),
        Together("precision_with_coordinates", ("latitude", "geo_precision"), "geo_precision is set exactly when coordinates are"),
        Differs("not_own_parent", ("location_id", "parent_location_id"), "a place cannot lie in itself"),
    ),
)

EVENTS = Table(
    "events",
    "evt",
    "Everything the article says happened, happens, is rumoured or is expected.",
    (
        _pk("event_id", "evt", "Stable id of the event."),
        Column("event_type", "category", "What kind of event it is.", vocabulary=EVENT_TYPE),
        Column("plover_type", "category", "PLOVER event type; NOT_CODED where PLOVER codes no event.", vocabulary=PLOVER_TYPE),
        Column("summary", "string", "One-line summary, claiming no more than the source."),
        *_period("event"),
        _fk("location_id", "locations", "Where it happened, if the source says.", nullable=True),
        *_claim("event"),
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
        *_PERIOD_RULES,
        Within(
            "known_date_in_period",
            ("known_date", "date_start", "date_end"),
            "known_date lies between date_start and date_end, as far as they are set",
        ),
        Allowed(
            "plover_of_event_type",
            ("event_type", "plover_type"),
            "plover_type is the event_type's PLOVER type or one of its documented exceptions (docs/codebook.md#plover)",
            allowed=tuple(((t,), (d.plover_type, *d.exceptions)) for t, d in plover.DECISIONS.items()),
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

EVENT_ACTORS = Table(
    "event_actors",
    "eva",
    "Which actors take part in which event, and in what role.",
    (
        _pk("event_actor_id", "eva", "Stable id of the link."),
        _fk("event_id", "events", "The event."),
        _fk("actor_id", "actors", "The actor."),
        Column("role", "category", "The actor's part in the event.", vocabulary=ROLE),
    ),
)

RELATIONS = Table(
    "relations",
    "rel",
    "How actors relate to each other over time.",
    (
        _pk("relation_id", "rel", "Stable id of the relation."),
        _fk("source_actor_id", "actors", "The actor the relation runs from."),
        _fk("target_actor_id", "actors", "The actor the relation runs to."),
        Column("relation_type", "category", "What the relation is.", vocabulary=RELATION_TYPE),
        Column("support_form", "category", "Form of support, for relation_type 'supports'.", nullable=True, vocabulary=SUPPORT_FORM),
        Column(
            "support_intent",
            "category",
            "Active or passive support (NAGs, after Byman), for relation_type 'supports'.",
            nullable=True,
            vocabulary=SUPPORT_INTENT,
        ),
        Column("directed", "bool", "Whether the relation runs one way (source -> target)."),
        Column("summary", "string", "One-line summary, claiming no more than the source."),
        *_period("relation"),
        *_claim("relation"),
        Column(
            "event_ids",
            "list",
            "Events that state the same fact (Tehran's supply of weapons is a relation and an event): count one or the other.",
            references="events",
        ),
    ),
    (
        *_PERIOD_RULES,
        RequiredIf(
            "support_form_iff_supports",
            ("relation_type", "support_form"),
            "support_form is set exactly when relation_type is 'supports'",
            values=("supports",),
        ),
        RequiredIf(
            "support_intent_iff_supports",
            ("relation_type", "support_intent"),
            "support_intent is set exactly when relation_type is 'supports'",
            values=("supports",),
        ),
        Differs("no_self_relation", ("source_actor_id", "target_actor_id"), "an actor cannot relate to itself"),
    ),
)

EVIDENCE = Table(
    "evidence",
    "evd",
    "The verbatim quote, with character offsets, behind every other row.",
    (
        _pk("evidence_id", "evd", "Stable id of the evidence row."),
        Column("record_table", "category", "Table of the record this quote grounds.", vocabulary=RECORD_TABLE),
        Column("record_id", "id", "Id of the record this quote grounds.", references_table_in="record_table"),
        _fk("citation_id", "citations", "The document the quote is taken from."),
        Column("char_start", "int", "Offset of the quote's first character (Unicode code points, from 0).", minimum=0),
        Column("char_end", "int", "Offset just past the quote's last character: text[char_start:char_end] == quote.", minimum=1),
        Column("quote", "string", "The verbatim span of the source text."),
    ),
    (
        Ordered("span_order", ("char_start", "char_end"), "char_end must be greater than char_start", strict=True),
        SpanLength("quote_length", ("char_start", "char_end", "quote"), "quote is char_end - char_start characters long"),
    ),
)

# --------------------------------------------------------------------------
# Views: computed from the tables at load, never shipped as files
# --------------------------------------------------------------------------

_CONFIDENCE_COLUMN = Column("confidence", "category", "How far the claim can be taken as established (derived).", vocabulary=CONFIDENCE)
_EVIDENCE_COLUMNS = (
    Column("evidence_ids", "list", "The row's evidence, in the order of the text.", references="evidence"),
    Column("evidence_text", "string", "The row's quotes, in the order of the text, joined with ' … '."),
)


def _role_columns() -> tuple[Column, ...]:
    columns: list[Column] = []
    for term in ROLE.terms:
        columns.append(Column(f"{term.value}_ids", "list", f"Actors in the role '{term.value}': {term.description}", references="actors"))
        columns.append(Column(f"{term.value}_names", "list", f"Their names, in the same order as {term.value}_ids."))
    return tuple(columns)


def _place_columns() -> tuple[Column, ...]:
    return (
        Column("place_name", "string", "Name of the event's place.", nullable=True),
        Column("place_type", "category", "What kind of place it is.", nullable=True, vocabulary=LOCATION_TYPE),
        _fk("admin1_id", "locations", "The province or governorate the place is or lies in.", nullable=True),
        Column("admin1_name", "string", "Its name.", nullable=True),
        Column("admin1_code", "string", "Its ISO 3166-2 code.", nullable=True),
        Column("country_iso3", "string", "ISO 3166-1 alpha-3 code of the place's country.", nullable=True),
        Column("country_gw", "int", "Gleditsch-Ward number of the place's country (UCDP's country_id).", nullable=True),
        Column("country_cow", "int", "Correlates of War number of the place's country.", nullable=True),
        *(LOCATIONS.column(name) for name in ("latitude", "longitude", "geo_precision", "coordinate_source")),
        *_layout_precision_columns(),
    )


def _layout_precision_columns() -> tuple[Column, ...]:
    """ACLED's and UCDP GED's precision codes of the event's dating and place (sadr_iran_data.formats.layouts)."""
    where = " (docs/interoperability.md), whether or not that layout takes the event; null where it has no code."
    return (
        Column("acled_time_precision", "int", "ACLED's time_precision of the event's dating (1 day, 3 month)" + where, nullable=True),
        Column("acled_geo_precision", "int", "ACLED's geo_precision of the event's place (1 town, 3 larger region)" + where, nullable=True),
        Column("ucdp_date_prec", "int", "UCDP GED's date_prec of the event's dating (1 day, 4 month, 5 year)" + where, nullable=True),
        Column(
            "ucdp_where_prec",
            "int",
            "UCDP GED's where_prec of the event's place (1 exact, 4 ADM1, 5 region, 6 country)" + where,
            nullable=True,
        ),
    )


EVENTS_WIDE = Table(
    "events_wide",
    "evt",
    "One row per event, as ACLED and UCDP users expect: the event, its actors by role, its place with coordinates, and its evidence.",
    (
        *EVENTS.columns,
        _CONFIDENCE_COLUMN,
        *_role_columns(),
        *_place_columns(),
        Column("relation_ids", "list", "Relations that state the same fact: count one or the other.", references="relations"),
        *_EVIDENCE_COLUMNS,
    ),
)

RELATIONS_WIDE = Table(
    "relations_wide",
    "rel",
    "One row per relation: the relation, both actors' names, types and countries, and its evidence.",
    (
        *RELATIONS.columns,
        _CONFIDENCE_COLUMN,
        Column("source_name", "string", "Name of the source actor."),
        Column("source_type", "category", "What kind of actor the source is.", vocabulary=ACTOR_TYPE),
        Column("source_country", "string", "ISO 3166-1 alpha-3 code of the source actor's state, if one.", nullable=True),
        Column("source_gw", "int", "Gleditsch-Ward number of that state.", nullable=True),
        Column("target_name", "string", "Name of the target actor."),
        Column("target_type", "category", "What kind of actor the target is.", vocabulary=ACTOR_TYPE),
        Column("target_country", "string", "ISO 3166-1 alpha-3 code of the target actor's state, if one.", nullable=True),
        Column("target_gw", "int", "Gleditsch-Ward number of that state.", nullable=True),
        Column("esd_support", "string", "The UCDP External Support Dataset type of the support_form, where one fits.", nullable=True),
        Column("nags_support", "string", "The NAGs data's form of state support of the support_form, where one fits.", nullable=True),
        Column(
            "relation_family",
            "category",
            "The family of the relation_type, as the relation_type vocabulary declares it (derived).",
            vocabulary=RELATION_FAMILY,
        ),
        *_EVIDENCE_COLUMNS,
    ),
)

#: The wide views, by the table they widen.
VIEWS: dict[str, Table] = {"events": EVENTS_WIDE, "relations": RELATIONS_WIDE}

#: All tables, in load and build order.
TABLES: dict[str, Table] = {t.name: t for t in (CITATIONS, ACTORS, LOCATIONS, EVENTS, EVENT_ACTORS, RELATIONS, EVIDENCE)}
if tuple(TABLES) != TABLE_NAMES:
    raise ImportError(f"_formats.TABLE_NAMES {TABLE_NAMES} does not list the declared tables {tuple(TABLES)}")


def get_table(name: str) -> Table:
    """The declaration of table ``name``; raises :class:`UnknownTableError` otherwise."""
    try:
        return TABLES[name]
    except KeyError:
        from ..errors import UnknownTableError

        raise UnknownTableError(name, tuple(TABLES)) from None
