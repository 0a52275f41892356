"""The controlled vocabularies: every documented value of every category column.

The PLOVER vocabularies and the event types' default PLOVER types come from
the decision tables in :mod:`sadr_iran_data.codes.plover`; the support forms
from :mod:`sadr_iran_data.codes.support`. A vocabulary that names its
families (``relation_type``) checks that each term has one. Every table of
:mod:`sadr_iran_data.codes` keyed by a vocabulary is checked here to map
each of its values, in order: a value added to a vocabulary and not to its
tables fails at import.
"""

from __future__ import annotations

from typing import Any

from ..codes import plover, precision, support
from ._model import Term, Vocabulary


def _vocab(name: str, description: str, *terms: tuple[Any, ...], source: str | None = None) -> Vocabulary:
    return Vocabulary(name, description, tuple(Term(*t) for t in terms), source)


def _with_plover(name: str, description: str, *terms: tuple[str, str]) -> Vocabulary:
    """A vocabulary whose terms take their default PLOVER type from the decision table in :mod:`.plover`."""
    plover.DECISIONS.check_covers(value for value, _ in terms)
    return _vocab(name, description, *((value, text, plover.DECISIONS[value].plover_type) for value, text in terms))


def _modes() -> tuple[tuple[str, str], ...]:
    owners: dict[str, list[str]] = {}
    for plover_type, modes in plover.MODES.items():
        for mode in modes:
            owners.setdefault(mode, []).append(plover_type)
    return tuple((mode, "Mode of " + ", ".join(types) + ".") for mode, types in owners.items())


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
    ("likely", "The author's own hedge, as probable: 'likely', 'appears'."),
    ("rumored", "Reported as rumour: 'it is rumored'."),
    ("claimed", "Asserted by a named or anonymous source, e.g. an interviewee."),
    ("alleged", "Reported as an allegation or a feared wrong: 'his alleged links', 'fears that his militia is being infiltrated'."),
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
    "PLOVER event types (manual, draft version 2.0), and NOT_CODED for what PLOVER does not code.",
    *plover.TYPES,
    source=plover.MANUAL,
)

PLOVER_MODE = _vocab(
    "plover_mode",
    "PLOVER modes: how an event of a type is done (the manual's mode tables).",
    *_modes(),
    source=plover.MANUAL,
)

PLOVER_CONTEXT = _vocab(
    "plover_context",
    "PLOVER contexts: the domains of an event (the manual's 37 general contexts), and whether it is future, "
    "historical or hypothetical (three of its auxiliary modes, which it puts in the context).",
    *((c, _CONTEXT_TEXT.get(c, f"PLOVER general context: {c.replace('_', ' ')}.")) for c in plover.CONTEXTS),
    source=plover.MANUAL,
)

ROLE = _vocab(
    "role",
    "The part an actor plays in an event.",
    ("initiator", "Acts first or does the thing (the actor in PLOVER terms)."),
    ("target", "The actor acted upon or addressed (the recipient in PLOVER terms)."),
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
        "representation, following, kinship, succession, splitting off, influence.",
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
        Term(
            "splinter_of",
            "The source split off from the target: a splinter group, or offshoot leaders, of a group they no longer belong to.",
            family="structural",
        ),
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

support.MAPPING.check_covers(SUPPORT_FORM.values)

SUPPORT_INTENT = _vocab("support_intent", "Whether the supporter gives the support itself, after the NAGs data.", *support.INTENT)

RECORD_TABLE = _vocab(
    "record_table",
    "The table of the record an evidence row or a cue grounds.",
    ("citations", "A citation (the article or a footnote)."),
    ("actors", "An actor."),
    ("locations", "A location."),
    ("events", "An event."),
    ("event_actors", "An actor's role in an event."),
    ("relations", "A relation between actors."),
)

CUE_FIELD = _vocab(
    "cue_field",
    "The column whose value a cue justifies: the words of the article that make a row's value what it is.",
    ("event_type", "The trigger: the words that make an event one of its type (value: the event_type)."),
    ("relation_type", "The trigger of a relation of its type (value: the relation_type)."),
    ("actor_id", "A party to an event in its role: a name, an alias or a reference with its antecedent (value: the actor id)."),
    ("source_actor_id", "The party a relation runs from (value: the actor id)."),
    ("target_actor_id", "The party a relation runs to (value: the actor id)."),
    ("certainty", "The hedge that makes a row other than plainly stated: 'appears', 'it is rumored' (value: the certainty)."),
    ("holder_actor_id", "Whose view, claim or rumour a row reports: 'Tehran considers' (value: the holder's actor id)."),
    ("date_edtf", "The date expression the row's dating comes from: 'In April 2004' (value: the EDTF string)."),
    ("location_id", "The mention of the row's place: 'in Najaf' (value: the location id)."),
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
        CUE_FIELD,
        RELATION_FAMILY,
    )
}

plover.MODES.check_covers(PLOVER_TYPE.values)
plover.ACTOR_ROLES.check_covers(ROLE.values)
for _table in (precision.ACLED_TIME_PRECISION, precision.UCDP_DATE_PRECISION, precision.UNIT_END, precision.ISO_DATE_LENGTH):
    _table.check_covers(DATE_PRECISION.values)
for _table in (precision.ACLED_GEO_PRECISION, precision.UCDP_WHERE_PRECISION):
    _table.check_covers(LOCATION_TYPE.values)
