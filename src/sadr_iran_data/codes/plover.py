"""PLOVER and CAMEO: the event ontology every event is coded in, and the decision table that codes it.

PLOVER (Political Language Ontology for Verifiable Event Records) is the
event ontology of the POLECAT data; CAMEO is the older ontology of ICEWS,
GDELT and Phoenix. Each event carries a PLOVER type (or ``NOT_CODED`` for what
PLOVER does not code), a mode and contexts where the text supports them, and
the CAMEO root code where the crosswalk gives exactly one.

Sources, cited wherever these values are used:

- :data:`MANUAL`: the PLOVER manual, "DRAFT Version: 2.0" (2024), the newest
  manual and the one whose acknowledgments point to the POLECAT data: its 16
  event types (:data:`TYPES`), the modes of each (:data:`MODES`), its 37
  general contexts and its auxiliary modes ``future``, ``historical`` and
  ``hypothetical``, which it puts in the context (:data:`CONTEXTS`), and its
  rule that an event with no named actor is not coded (:data:`NO_NAMED_ACTOR`).
- :data:`~sadr_iran_data.codes.crosswalk.CROSSWALK`: the CAMEO to PLOVER
  table of 17 September 2021, from which :data:`CAMEO_ROOTS` is derived; its
  2021 modes that the 2.0 manual no longer has are translated by
  :data:`CROSSWALK_MODES`.
- :data:`DRAFT_0_7`: the draft 0.7b1 manual, on which releases 1.3.0 and
  1.4.0 were coded; :data:`RECODED_TYPES`, :data:`RECODED_MODES` and
  :data:`RECODED_CONTEXTS` say what each of their codes becomes, and
  :data:`DRAFT_0_7_DIFFERENCES` where the two manuals differ beyond their
  vocabularies.

Its tables are :class:`~sadr_iran_data.codes._keyed.Keyed`: a value they do not map is an error in
our words. This module needs only the standard library.

Examples
--------
>>> from sadr_iran_data.codes.plover import DECISIONS, cameo_root, recode
>>> DECISIONS["audience"].plover_type, DECISIONS["audience"].mode
('CONSULT', 'visit')
>>> cameo_root("ACCUSE", "allege"), cameo_root("ASSAULT", None)
('11', None)
>>> recode("ASSAULT", "assassinate", ["military", "political"])
('ASSAULT', 'targeted', ('military',))
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from ..errors import SadrIranDataError
from ._keyed import Keyed
from .crosswalk import CROSSWALK as _CROSSWALK
from .crosswalk import LINES

V = TypeVar("V")

MANUAL = (
    "PLOVER manual, 'DRAFT Version: 2.0' (Open Event Data Alliance, CC BY-SA 4.0): github.com/openeventdata/PLOVER, "
    "files PLOVER_MANUAL.tex and PLOVER_MANUAL.pdf at commit 5e0c24fba623f2d8df5ae3c7de7a94dba90d5b6f (4 February 2024)"
)
#: The crosswalk the CAMEO roots come from (:mod:`sadr_iran_data.codes.crosswalk`).
CROSSWALK = _CROSSWALK
DRAFT_0_7 = (
    "PLOVER manual, 'DRAFT Version: 0.7b1' with its first round of edits (Open Event Data Alliance, CC BY-SA 4.0): "
    "github.com/openeventdata/PLOVER, file PLOVER_MANUAL.tex at commit 0711e39cd2c69fdf636b91d1e9ecdc9bba243408 (29 July 2021)"
)

#: The value for events PLOVER does not code: states of affairs, elections, deaths, publications, statements,
#: and events with no named actor.
NOT_CODED = "NOT_CODED"

#: The 2.0 manual's sentence on events whose actor is not named (chapter "Some residual issues", "Required
#: entities"), as printed (the source wraps "actor" in its \txt{} macro). The 0.7 draft has it too, of the
#: "source actor", in an editor's note.
NO_NAMED_ACTOR = "These have no explicit, named actor so they will not be coded by PLOVER."

#: The 16 event types of the 2.0 manual, in its order, each with its quad category (as its section gives it) and
#: definition; the CAMEO codes the crosswalk maps to each are added below (:func:`cameo_codes`).
_TYPES: tuple[tuple[str, str], ...] = (
    ("AGREE", "Verbal cooperation: agree to, offer, promise, or otherwise indicate willingness or commitment to cooperate."),
    ("CONSULT", "Verbal cooperation: all consultations and meetings, visiting and hosting visits, talks and negotiations."),
    ("SUPPORT", "Verbal cooperation: diplomatic, non-material cooperation; express support for, commend or approve."),
    ("CONCEDE", "Verbal cooperation: verbal concessions which have no immediate material consequences."),
    ("COOPERATE", "Material cooperation: mutual material cooperation or exchange."),
    ("AID", "Material cooperation: material aid whose benefits primarily accrue to the recipient."),
    ("RETREAT", "Material cooperation: events with immediate material consequences: release, withdrawal, disarming, ceasefire."),
    ("REQUEST", "Verbal conflict: all requests, demands, and orders, less forceful than threats."),
    ("ACCUSE", "Verbal conflict: disapprove, accuse or allege, sue, investigate."),
    ("REJECT", "Verbal conflict: all rejections and refusals."),
    ("THREATEN", "Verbal conflict: all threats, coercive or forceful warnings with serious potential repercussions."),
    ("PROTEST", "Material conflict: civilian demonstrations and other collective actions carried out as protests."),
    ("SANCTION", "Material conflict: all reductions in existing, routine, or cooperative relations."),
    ("MOBILIZE", "Material conflict: military or police moves that fall short of the actual use of force."),
    ("COERCE", "Material conflict: repression, restrictions on rights, or coercive uses of power falling short of violence."),
    ("ASSAULT", "Material conflict: deliberate actions which can potentially result in substantial physical harm."),
)

#: The modes of each type, as the 2.0 manual's mode tables list them (a type whose section says "Supplementary fields:
#: None", or has no mode table, has none).
MODES: Keyed[tuple[str, ...]] = Keyed(
    "plover.MODES",
    "plover_type",
    {
        "AGREE": (),
        "CONSULT": ("visit", "third-party", "multilateral", "phone"),
        "SUPPORT": (),
        "CONCEDE": (),
        "COOPERATE": (),
        "AID": (),
        "RETREAT": ("withdraw", "release", "disarm", "ceasefire", "access", "resign"),
        "REQUEST": ("assist", "change", "yield", "meet"),
        "ACCUSE": ("disapprove", "investigate", "allege"),
        "REJECT": ("assist", "change", "yield", "meet"),
        "THREATEN": ("restrict", "arrest", "relations", "expel", "territory", "violence"),
        "PROTEST": ("demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"),
        "SANCTION": ("convict", "expel", "withdraw", "discontinue"),
        "MOBILIZE": ("troops", "weapons", "police", "militia"),
        "COERCE": ("seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold", "misinformation", "cyber"),
        "ASSAULT": (
            "abduct",
            "beat",
            "torture",
            "sexual",
            "targeted",
            "destroy",
            "primitive",
            "firearms",
            "explosives",
            "suicide-attack",
            "aerial",
            "drone",
            "heavy-weapons",
            "crowd-control",
            "unconventional",
        ),
        NOT_CODED: (),
    },
)

#: The 2.0 manual's 37 general contexts, in the order of its table of general contexts.
GENERAL_CONTEXTS: tuple[str, ...] = (
    "military",
    "intelligence",
    "executive",
    "legislative",
    "election",
    "political_institutions",
    "pro_democracy",
    "pro_autocracy",
    "economic",
    "legal",
    "reparations",
    "human_rights",
    "rights_freedoms",
    "repression",
    "human_security",
    "gender",
    "lgbt",
    "religion_ethnicity",
    "inequality",
    "diplomatic",
    "territory",
    "peacekeeping",
    "health",
    "asylum",
    "migration",
    "disasters",
    "natural_resource",
    "environment",
    "technology",
    "terrorism",
    "cbrn",
    "cyber",
    "misinformation",
    "crime",
    "corruption",
    "illegal_drugs",
    "trafficking",
)
#: Three of the manual's four auxiliary modes, which it puts in the context ("PLOVER assumes that the coding engine will
#: be able to resolve these and put that information in the context"); the fourth, negation, is not used.
TEMPORAL_CONTEXTS = ("future", "historical", "hypothetical")
CONTEXTS: tuple[str, ...] = (*GENERAL_CONTEXTS, *TEMPORAL_CONTEXTS)


# --------------------------------------------------------------------------
# The crosswalk in the 2.0 vocabulary: its modes, and the CAMEO roots they give
# --------------------------------------------------------------------------

#: The crosswalk's 2021 modes that the 2.0 manual's table of the type no longer has -> the 2.0 mode or None, and why.
CROSSWALK_MODES: dict[tuple[str, str], tuple[str | None, str]] = {
    ("RETREAT", "ease"): (None, "Not in the 2.0 table; the crosswalk's own note on 0813: '\"ease\" is no longer a mode' (085 keeps it)."),
    ("RETREAT", "return"): (None, "Commented out of the 2.0 table: '%return & Return property'."),
    ("THREATEN", "ban"): ("restrict", "2.0 restrict: '... as well as the banning of political activities of particular parties'."),
    ("THREATEN", "political"): (None, "No 2.0 mode names restrictions on speech and expression (1321)."),
    ("COERCE", "ban"): ("restrict", "2.0 restrict: '... and the banning of individuals or organizations from political life'."),
    ("ASSAULT", "assassinate"): ("targeted", "2.0 targeted: 'Targeted killings, including (successful and attempted) assassinations'."),
    ("ASSAULT", "massacre"): ("targeted", "2.0 targeted: '... as well as deliberate mass killings of defenseless actors'."),
    ("ASSAULT", "cleansing"): (None, "Commented out of the 2.0 table: '%cleansing & Mass expulsions or deportations, ethnic cleansing'."),
    ("ASSAULT", "seize"): ("destroy", "1712 'Destroy property'; 2.0 destroy: 'Intentional destruction of property'."),
    ("ASSAULT", "pro_autocracy"): (None, "A context in the mode field (175 'Use violent repression'); no 2.0 mode fits."),
}


def _modes_2_0(line_type: str, mode: str | None) -> str | None:
    if mode is None or mode in MODES[line_type]:
        return mode
    return CROSSWALK_MODES[(line_type, mode)][0]


def _roots(plover_type: str, mode: str | None = None) -> set[str]:
    """The CAMEO roots of the crosswalk's lines of ``plover_type`` (with ``mode`` in 2.0 terms, if given)."""
    return {
        line.root
        for line in LINES
        if len(line.cameo) > 2 and line.plover_type == plover_type and (mode is None or _modes_2_0(line.plover_type, line.mode) == mode)
    }


def _cameo_roots() -> dict[tuple[str, str | None], str]:
    roots: dict[tuple[str, str | None], str] = {}
    for plover_type, modes in MODES.items():
        for mode in (None, *modes):
            found = _roots(plover_type, mode)
            if len(found) == 1:
                roots[(plover_type, mode)] = found.pop()
    return roots


#: The CAMEO root of each PLOVER type (and 2.0 mode), where the crosswalk's lines of it all lie under one root.
#: A (type, None) entry holds for every mode the crosswalk has no line of; a type (or mode) the crosswalk draws from
#: several roots (ACCUSE, COERCE, ASSAULT; ASSAULT targeted, from 185 and 186, then 200 and 202) has none.
CAMEO_ROOTS: dict[tuple[str, str | None], str] = _cameo_roots()


def cameo_root(plover_type: str, mode: str | None) -> str | None:
    """The CAMEO root code the crosswalk gives for a PLOVER type and mode, where it gives exactly one.

    An unknown type, or a mode the type does not have, is an error: no root is
    guessed for them.

    >>> cameo_root("CONSULT", "visit"), cameo_root("ASSAULT", "targeted"), cameo_root("NOT_CODED", None)
    ('04', None, None)
    """
    modes = MODES[plover_type]
    if mode is not None and mode not in modes:
        raise SadrIranDataError(f"PLOVER type {plover_type} has no mode {mode!r}; its modes: {', '.join(modes) or 'none'} (plover.MODES)")
    if mode is not None and _roots(plover_type, mode):
        return CAMEO_ROOTS.get((plover_type, mode))
    return CAMEO_ROOTS.get((plover_type, None))


def cameo_roots_allowed() -> tuple[tuple[tuple[str, str | None], tuple[str | None, ...]], ...]:
    """Every (type, mode) pair PLOVER allows, with the one CAMEO root it gives (None where it gives none)."""
    return tuple(((plover_type, mode), (cameo_root(plover_type, mode),)) for plover_type in MODES for mode in (None, *MODES[plover_type]))


def _spans(codes: list[str]) -> list[str]:
    """Consecutive three-digit codes as one span ("193-196")."""
    spans: list[list[str]] = []
    for code in sorted(codes):
        if spans and len(code) == 3 and len(spans[-1][-1]) == 3 and int(code) == int(spans[-1][-1]) + 1:
            spans[-1].append(code)
        else:
            spans.append([code])
    return [span[0] if len(span) == 1 else f"{span[0]}-{span[-1]}" for span in spans]


def cameo_codes(plover_type: str) -> str:
    """The CAMEO codes the crosswalk maps to ``plover_type``: whole roots, then codes, then codes under another type's.

    >>> cameo_codes("ASSAULT"), cameo_codes("RETREAT")
    ('18, 20, 175, 190, 193-196, 1712', '084-087, 0813, 0814')
    """
    coded = [line for line in LINES if len(line.cameo) > 2]
    of_type = {line.cameo for line in coded if line.plover_type == plover_type}
    whole = sorted({c[:2] for c in of_type if all(line.plover_type == plover_type for line in coded if line.root == c[:2])})
    parts = [c for c in of_type if c[:2] not in whole]
    type_of = {line.cameo: line.plover_type for line in coded}
    three = [c for c in parts if len(c) == 3]
    four = [c for c in parts if len(c) == 4 and type_of.get(c[:3]) != plover_type]
    return ", ".join([*whole, *_spans(three), *sorted(four)])


#: The 16 PLOVER event types of the 2.0 manual (quad, definition, CAMEO codes), then NOT_CODED.
TYPES: tuple[tuple[str, str], ...] = (
    *((name, f"{text[:-1]} (CAMEO {cameo_codes(name)}).") for name, text in _TYPES),
    (
        NOT_CODED,
        "Not a PLOVER event: a state of affairs, statement, election, death, publication or change in ties; "
        "or an event with no named actor, which PLOVER does not code.",
    ),
)


# --------------------------------------------------------------------------
# Who can be PLOVER's actor
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class ActorRole:
    """Whether an actor in an ``event_actors`` role can be PLOVER's actor, the entity "who initiated the event"."""

    actor: bool
    reason: str


#: Each event_actors role: can its actor be PLOVER's actor? An event none of whose actors can is not coded.
ACTOR_ROLES: Keyed[ActorRole] = Keyed(
    "plover.ACTOR_ROLES",
    "role",
    {
        "initiator": ActorRole(True, "Does the thing: PLOVER's actor, 'the entity or entities who initiated the event'."),
        "target": ActorRole(False, "Acted upon: PLOVER's recipient, 'the entity or entities to whom the event is directed'."),
        "participant": ActorRole(True, "A side of a meeting or of two-sided violence: 'all participants are coded in the actor field'."),
        "host": ActorRole(False, "CONSULT: 'the visitor will always be coded as the actor and the host will be the recipient'."),
        "mediator": ActorRole(True, "Brokers the outcome: the actor of a mediation (CAMEO 045 engage in mediation)."),
        "recipient": ActorRole(False, "Receives the support: PLOVER's recipient."),
        "victim": ActorRole(False, "ASSAULT: 'the perpetrator is coded as the actor and the victim as the recipient'."),
        "subject": ActorRole(False, "What the event is about, without acting."),
        "interviewer": ActorRole(True, "Conducts the interview: a side of it, as of a meeting."),
        "interviewee": ActorRole(True, "Is interviewed: a side of it, as of a meeting."),
        "observer": ActorRole(False, "Reacts to or judges the event without taking part."),
    },
)


def named_actor(roles: Iterable[str]) -> bool:
    """Whether an event whose actors play ``roles`` has a named actor in PLOVER's sense (an unknown role is an error).

    >>> named_actor(["victim"]), named_actor(["initiator", "target"]), named_actor([])
    (False, True, False)
    """
    return any(ACTOR_ROLES[role].actor for role in roles)


# --------------------------------------------------------------------------
# The decision table
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Decision:
    """How the events of one ``event_type`` are coded in PLOVER, and why."""

    plover_type: str
    mode: str | None
    contexts: tuple[str, ...]
    reason: str
    #: Other PLOVER types an event of this type may take, with a per-row ``plover_note`` saying why.
    exceptions: tuple[str, ...] = ()


_N = NOT_CODED

#: The decision table: each ``event_type`` -> its PLOVER coding by default, the reason and the allowed exceptions.
#: Any event_type PLOVER codes is NOT_CODED where no actor is named (rule F4), with NO_NAMED_ACTOR in its note.
DECISIONS: Keyed[Decision] = Keyed(
    "plover.DECISIONS",
    "event_type",
    {
        "meeting": Decision("CONSULT", None, (), "A meeting or talks (CAMEO 040 consult)."),
        "visit": Decision("CONSULT", "visit", (), "A trip to another actor or place (CAMEO 042 make a visit): the visitor is the actor."),
        "audience": Decision(
            "CONSULT",
            "visit",
            (),
            "A senior figure receives the visitor: 'the visitor will always be coded as the actor and the host will be the "
            "recipient' (CAMEO 043 host a visit, CONSULT visit in the crosswalk).",
        ),
        "invitation": Decision(
            "AGREE", None, ("diplomatic",), "'invitations for state visits should be coded as AGREE' (CAMEO 036, AGREE in the crosswalk)."
        ),
        "pledge": Decision("AGREE", None, (), "A promise of future action expresses an intent to act (CAMEO 03)."),
        "statement": Decision(
            _N,
            None,
            (),
            "A public statement or appeal (CAMEO 01, 02: 'dropped' in PLOVER); a statement of praise is SUPPORT.",
            ("SUPPORT",),
        ),
        "reaction": Decision(
            _N,
            None,
            (),
            "A reported state of mind or judgement with no act (being upset, finding something troubling); "
            "a public criticism would be ACCUSE.",
        ),
        "expression_of_support": Decision("SUPPORT", None, (), "Praise, solidarity or endorsement (CAMEO 051 praise or endorse)."),
        "accusation": Decision(
            "ACCUSE",
            "allege",
            (),
            "An accusation: ACCUSE allege, 'Formally or informally accuse' (CAMEO 112 accuse, which the 2021 crosswalk gave "
            "mode disapprove).",
        ),
        "rejection": Decision("REJECT", None, (), "Rejecting authority, a proposal or a position (CAMEO 12)."),
        "cooperation": Decision(
            "COOPERATE",
            None,
            (),
            "Material cooperation (CAMEO 06); talks about cooperation are CONSULT (CAMEO 04).",
            ("CONSULT",),
        ),
        "military_aid": Decision(
            "AID",
            None,
            ("military",),
            "Weapons, training or military support given (CAMEO 072 provide military aid); AID has no modes, and the "
            "military context is a state's military assistance (without a state, a note drops it).",
        ),
        "economic_aid": Decision("AID", None, ("economic",), "Funds or material support given (CAMEO 071 provide economic aid)."),
        "refuge": Decision(
            _N,
            None,
            (),
            "Seeking safety is the seeker's act; PLOVER codes only the granting of asylum (AID), which the text does not state.",
        ),
        "armed_clash": Decision(
            "ASSAULT", None, ("military",), "Fighting (CAMEO 19 fight, ASSAULT in PLOVER); the text does not say with which weapons."
        ),
        "attack": Decision("ASSAULT", None, ("military",), "A one-sided attack; a bombing takes mode explosives (CAMEO 1832, 1833)."),
        "assassination": Decision(
            "ASSAULT", "targeted", (), "A targeted killing: 'assassinations and executions' (CAMEO 186 assassinate)."
        ),
        "war": Decision("ASSAULT", None, ("military",), "War (CAMEO 19 fight and 20, ASSAULT in PLOVER)."),
        "concession": Decision(
            "CONCEDE",
            None,
            (),
            "Yielding a position (CAMEO 080-083); giving up armed resistance is RETREAT (CAMEO 087 de-escalate military engagement).",
            ("RETREAT",),
        ),
        "infiltration": Decision(_N, None, (), "Covert penetration has no PLOVER type (CAMEO has none either)."),
        "election": Decision(_N, None, (), "An election is not a PLOVER event; PLOVER has only an election context."),
        "political_participation": Decision(_N, None, (), "Taking part in a political process is not a PLOVER event."),
        "withdrawal": Decision(
            "SANCTION",
            "withdraw",
            (),
            "Leaving a government or process: SANCTION withdraw, 'Withdraw oneself ... from a group, mediation activity, "
            "organization' (CAMEO 16), not a military retreat.",
        ),
        "formation": Decision(_N, None, (), "The founding of a group is not a PLOVER event."),
        "death": Decision(_N, None, (), "A death other than a killing is not a PLOVER event."),
        "commemoration": Decision(_N, None, (), "A ceremony is not a PLOVER event."),
        "interview": Decision(_N, None, (), "An interview is how the author learns, not an event between actors."),
        "publication": Decision(_N, None, (), "A publication is a source, not an event between actors."),
        "relationship_change": Decision(
            _N, None, (), "A change in ties over time is not a dated interaction; the relations table holds the ties."
        ),
        "situation": Decision(_N, None, (), "A state of affairs (tensions, influence, popularity) is not an event."),
    },
)


#: Events dated before this day are background to the article's story (2003-2007): PLOVER's 'historical' context.
HISTORICAL_BEFORE = "2003-01-01"


def temporal_contexts(*, forecast: bool, possibility: bool, historical: bool) -> tuple[str, ...]:
    """The PLOVER temporal contexts of an event, from its confidence, certainty and period.

    >>> temporal_contexts(forecast=True, possibility=True, historical=False)
    ('future', 'hypothetical')
    """
    flags = {"future": forecast, "historical": historical, "hypothetical": possibility}
    return tuple(name for name in TEMPORAL_CONTEXTS if flags[name])


# --------------------------------------------------------------------------
# The 0.7 draft, the vocabulary of 1.3.0 and 1.4.0, and what each of its codes becomes
# --------------------------------------------------------------------------

#: The 0.7 draft's 16 event types.
DRAFT_0_7_TYPES: tuple[str, ...] = (
    *("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "DEMAND", "ACCUSE", "REJECT", "THREATEN"),
    *("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"),
)
#: The 0.7 draft's mode tables (for DEMAND both of its alternative tables; tables it prints in red as drafts included;
#: ACCUSE's section says "Supplementary fields: None?").
DRAFT_0_7_MODES: dict[str, tuple[str, ...]] = {
    "AGREE": (),
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "SUPPORT": (),
    "CONCEDE": (),
    "COOPERATE": (),
    "AID": ("economic", "military", "humanitarian", "asylum"),
    "RETREAT": ("withdraw", "release", "return", "disarm", "ceasefire", "access", "resign"),
    "DEMAND": ("economic", "military", "humanitarian", "asylum", "assist", "change", "yield", "meet"),
    "ACCUSE": (),
    "REJECT": ("assist", "change", "yield", "meet"),
    "THREATEN": ("restrict", "ban", "arrest", "relations", "expel", "territory", "violence"),
    "PROTEST": ("demo", "riot", "strike-gen", "strike-lim", "strike-hun", "boycott", "obstruct"),
    "SANCTION": ("convict", "cancel", "expel", "withdraw", "sever"),
    "MOBILIZE": ("troops", "weapons", "police"),
    "COERCE": ("confiscate", "restrict", "ban", "censor", "curfew", "martial-law", "arrest", "deport", "withhold"),
    "ASSAULT": (
        *("abduct", "beat", "torture", "execute", "sexual", "assassinate", "destroy", "primitive", "firearms", "explosives"),
        *("suicide-attack", "heavy-weapons"),
    ),
}
#: The 0.7 draft's general contexts, in its table's order (its table then lists future, historical and hypothetical).
DRAFT_0_7_CONTEXTS: tuple[str, ...] = (
    *("political", "military", "intelligence", "peacekeeping", "economic", "diplomatic", "resource", "culture", "disease"),
    *("enviro_disaster", "migration", "humanitarian", "legal", "human_rights", "rights_freedoms", "gender", "lgbt", "terrorism"),
    *("human_security", "religion_ethnicity", "government", "election", "legislative", "cbrn", "cyber", "political_institutions"),
    *("corruption", "crime", "crime_murder", "crime_theft", "crime_drugs", "crime_sexual"),
)
#: The modes 1.3.0 and 1.4.0 also allowed because the crosswalk of 15 August 2021 (commit
#: 6b803a4461b3815a093be067f8b03039c053fc35) used them, though the 0.7 draft's tables do not have them.
CROSSWALK_2021_08_MODES: dict[str, tuple[str, ...]] = {
    "CONSULT": ("host",),
    "RETREAT": ("ease",),
    "ACCUSE": ("investigate", "disapprove"),
    "THREATEN": ("political",),
    "PROTEST": ("hunger",),
    "SANCTION": ("discontinue",),
    "ASSAULT": ("cleansing", "unconventional"),
}
#: The vocabulary of releases 1.3.0 and 1.4.0: the 0.7 draft's, with the August 2021 crosswalk's modes.
TYPES_1_4: tuple[str, ...] = (*DRAFT_0_7_TYPES, NOT_CODED)
MODES_1_4: dict[str, tuple[str, ...]] = {
    **{t: (*DRAFT_0_7_MODES[t], *CROSSWALK_2021_08_MODES.get(t, ())) for t in DRAFT_0_7_TYPES},
    NOT_CODED: (),
}
CONTEXTS_1_4: tuple[str, ...] = (*DRAFT_0_7_CONTEXTS, *TEMPORAL_CONTEXTS)


@dataclass(frozen=True)
class Recoded:
    """What a type, or a type and mode, of 1.3.0 and 1.4.0 is on the 2.0 manual, and why."""

    plover_type: str
    mode: str | None
    reason: str


@dataclass(frozen=True)
class RecodedContext:
    """What a context of 1.3.0 and 1.4.0 is on the 2.0 manual (None: no 2.0 context), and why."""

    context: str | None
    reason: str


#: The reason of a code the 2.0 manual keeps as it was.
KEPT = "The same in the 2.0 manual."


def _recoding(name: str, vocabulary: str, old: Iterable[str], changed: Mapping[str, V], kept: Callable[[str], V | None]) -> Keyed[V]:
    """Every old value: its declared change, or ``kept(value)`` where the 2.0 vocabulary has it; an old value with neither fails."""
    old = tuple(old)
    stray = [key for key in changed if key not in old]
    entries = {key: changed[key] if key in changed else kept(key) for key in old}
    missing = [key for key, value in entries.items() if value is None]
    if stray or missing:
        raise ImportError(f"{name} must map each value of 1.3.0 and 1.4.0: {stray} are not among them, {missing} are not mapped")
    return Keyed(name, vocabulary, {key: value for key, value in entries.items() if value is not None})


_AID = "AID has no modes in the 2.0 manual ('Supplementary fields: None'); the kind of aid is a context where one fits."
_ASSIST = "REQUEST assist: 'Any form of exchange, relations, or assistance' (crosswalk 1031-1033: REQUEST, assist)."
_STRIKE = "2.0 strike: 'Members of an organization or union engage in the abandonment of workplaces'."
_TARGETED = (
    "2.0 targeted (since commit d7f1a7e, 22 December 2023): "
    "'Targeted killings, including (successful and attempted) assassinations and executions'."
)

#: Each plover_type of 1.3.0 and 1.4.0, coded without a mode, on the 2.0 manual.
RECODED_TYPES: Keyed[Recoded] = _recoding(
    "plover.RECODED_TYPES",
    "plover_type of 1.3.0 and 1.4.0",
    TYPES_1_4,
    {"DEMAND": Recoded("REQUEST", None, "Renamed (commit 4b2715b, 1 September 2021); the 2.0 manual: '10 & DEMAND & REQUEST'.")},
    lambda t: Recoded(t, None, KEPT) if t in MODES else None,
)


def _kept_mode(key: str) -> Recoded | None:
    plover_type, mode = key.split(" ")
    new_type = RECODED_TYPES[plover_type].plover_type
    if mode not in MODES[new_type]:
        return None
    return Recoded(new_type, mode, KEPT if new_type == plover_type else f"{plover_type} is {new_type} in the 2.0 manual; the same mode.")


#: Each plover_type and plover_mode of 1.3.0 and 1.4.0 (as "TYPE mode") on the 2.0 manual: its type and mode there.
RECODED_MODES: Keyed[Recoded] = _recoding(
    "plover.RECODED_MODES",
    "plover_type and plover_mode of 1.3.0 and 1.4.0",
    (f"{t} {m}" for t, modes in MODES_1_4.items() for m in modes),
    {
        "CONSULT host": Recoded(
            "CONSULT", "visit", "2.0 visit: 'actor is visiting, recipient is hosting' (crosswalk of 17 September 2021: 043 CONSULT, visit)."
        ),
        **{f"AID {m}": Recoded("AID", None, _AID) for m in ("economic", "military", "humanitarian", "asylum")},
        "RETREAT return": Recoded("RETREAT", None, "Commented out of the 2.0 table: '%return & Return property'."),
        "RETREAT ease": Recoded("RETREAT", None, "Not a 2.0 mode; the crosswalk of 17 September 2021: '\"ease\" is no longer a mode'."),
        **{f"DEMAND {m}": Recoded("REQUEST", "assist", _ASSIST) for m in ("economic", "military", "humanitarian", "asylum")},
        "THREATEN ban": Recoded("THREATEN", "restrict", "2.0 restrict: '... as well as the banning of political activities'."),
        "THREATEN political": Recoded("THREATEN", None, "No 2.0 mode names restrictions on speech and expression."),
        "PROTEST strike-gen": Recoded("PROTEST", "strike", _STRIKE),
        "PROTEST strike-lim": Recoded("PROTEST", "strike", _STRIKE),
        "PROTEST strike-hun": Recoded("PROTEST", "hunger", "2.0 hunger: 'Hunger strike'."),
        "SANCTION cancel": Recoded("REJECT", "meet", "2.0 SANCTION: 'Cancellation of meetings are REJECT and therefore verbal conflict'."),
        "SANCTION sever": Recoded("SANCTION", "discontinue", "2.0 discontinue: 'Curtail, decrease, break, or terminate ... exchanges'."),
        "COERCE confiscate": Recoded("COERCE", "seize", "2.0 seize: 'Execute search, confiscate property, raid'."),
        "COERCE ban": Recoded("COERCE", "restrict", "2.0 restrict: '... the banning of individuals or organizations from political life'."),
        "ASSAULT execute": Recoded("ASSAULT", "targeted", _TARGETED),
        "ASSAULT assassinate": Recoded("ASSAULT", "targeted", _TARGETED),
        "ASSAULT cleansing": Recoded("ASSAULT", None, "Commented out of the 2.0 table: '%cleansing & Mass expulsions'."),
    },
    _kept_mode,
)

_SPLIT = "Split in the 2.0 manual into {}: which one is a reading of the text."
_CRIME = "2.0 crime: 'Any discussion of crimes or criminals' (its crime_ contexts are gone)."

#: Each plover_context of 1.3.0 and 1.4.0 on the 2.0 manual.
RECODED_CONTEXTS: Keyed[RecodedContext] = _recoding(
    "plover.RECODED_CONTEXTS",
    "plover_context of 1.3.0 and 1.4.0",
    CONTEXTS_1_4,
    {
        "political": RecodedContext(None, "No 2.0 context: 0.7's 'political contexts not covered by any of the more specific categories'."),
        "military": RecodedContext(
            "military", "Kept, narrowed: 'this context field only pertains to state militaries' (recoded by hand where no state acts)."
        ),
        "resource": RecodedContext(None, _SPLIT.format("territory and natural_resource")),
        "culture": RecodedContext(None, "No 2.0 context for cultural and educational exchange."),
        "disease": RecodedContext("health", "2.0 health: 'public health, disease outbreaks and epidemics, disease in general'."),
        "enviro_disaster": RecodedContext(None, _SPLIT.format("environment and disasters")),
        "humanitarian": RecodedContext(None, "No 2.0 context for humanitarian assistance."),
        "government": RecodedContext(None, "No 2.0 context: its executive is narrower than 0.7's 'governmental issues'."),
        "crime_murder": RecodedContext("crime", _CRIME),
        "crime_theft": RecodedContext("crime", _CRIME),
        "crime_sexual": RecodedContext("crime", _CRIME),
        "crime_drugs": RecodedContext("illegal_drugs", "2.0 illegal_drugs: 'criminal possession, distribution, sale, or manufacturing'."),
    },
    lambda c: RecodedContext(c, KEPT) if c in CONTEXTS else None,
)


def recode(plover_type: str, mode: str | None, contexts: Iterable[str] = ()) -> tuple[str, str | None, tuple[str, ...]]:
    """A coding of 1.3.0 or 1.4.0 (type, mode, contexts) on the 2.0 manual; a code those releases did not have is an error.

    >>> recode("DEMAND", None), recode("CONSULT", "host"), recode("AID", "military", ["military", "government"])
    (('REQUEST', None, ()), ('CONSULT', 'visit', ()), ('AID', None, ('military',)))
    """
    new = RECODED_TYPES[plover_type] if mode is None else RECODED_MODES[f"{plover_type} {mode}"]
    kept = (RECODED_CONTEXTS[c].context for c in contexts)
    return new.plover_type, new.mode, tuple(dict.fromkeys(c for c in kept if c is not None))


# --------------------------------------------------------------------------
# Where the 0.7 draft and the 2.0 manual differ beyond their vocabularies
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class Difference:
    """One point where the 0.7 draft and the 2.0 manual differ, each quoted, and what this dataset does."""

    topic: str
    draft_0_7: str
    manual_2_0: str
    here: str


#: The differences the vocabularies do not show (the codebook compares those term by term).
DRAFT_0_7_DIFFERENCES: tuple[Difference, ...] = (
    Difference(
        "Events with no named actor",
        "In an editor's note: 'These have no explicit, named source actor so they will not be coded by PLOVER.'",
        f"In 'Some residual issues', 'Required entities': '{NO_NAMED_ACTOR}'",
        "Both leave them uncoded: NOT_CODED, the sentence quoted in plover_note (rule F4).",
    ),
    Difference(
        "Unidentified actors",
        "Sector code UAF only: 'Unidentified armed forces (“unknown gunmen”)'.",
        "Adds UNK: 'Generic unidentified actors (e.g. actor for “two civilians were killed by a bomb”)'.",
        "No sector codes are coded; an event whose text names no actor is NOT_CODED.",
    ),
    Difference(
        "future, historical, hypothetical",
        "Rows of the context table, below its general contexts.",
        "'Auxiliary modes' (with negation): 'PLOVER assumes that the coding engine will be able to resolve these and put "
        "that information in the context.'",
        "In plover_context, derived from date_end, certainty and the period (rule F2); negation is not used.",
    ),
    Difference(
        "The military context",
        "'military, including military assistance'.",
        "'military, including military assistance; only covers official state military bodies, excluding "
        "paramilitary or militia organizations, law enforcement, or non-state armed actors'.",
        "military only where a state or its forces take part: support between non-state armed groups has none.",
    ),
    Difference(
        "AID's modes",
        "A table of modes printed in red (a draft): economic, military, humanitarian, asylum.",
        "'Supplementary fields: None' (its summary table still marks AID 'Yes' under Modes).",
        "AID without a mode; the kind of aid is its context (military, economic) where the manual's definition allows.",
    ),
    Difference(
        "Demands",
        "DEMAND: 'Demands are stronger or more forceful than a request or appeal—which is not coded in PLOVER'.",
        "REQUEST: 'All requests, demands, and orders. Requests, demands, and orders are less forceful than threats'.",
        "REQUEST, with the 2.0 definition.",
    ),
    Difference(
        "Source and target",
        "'source actor' and 'recipient' (the two terms mixed).",
        "'“actor” and “recipient” replace “source” and “target”' (a section title).",
        "The roles initiator and target are PLOVER's actor and recipient (plover.ACTOR_ROLES).",
    ),
)
