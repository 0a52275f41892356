"""PLOVER and CAMEO: the event ontology every event is coded in, and the decision table that codes it.

PLOVER (Political Language Ontology for Verifiable Event Records) is the
event ontology of the POLECAT data; CAMEO is the older ontology of ICEWS,
GDELT and Phoenix. Each event carries a PLOVER type (or ``NOT_CODED`` for what
PLOVER does not code), a mode and contexts where the text supports them, and
the CAMEO root code where the published crosswalk gives exactly one.

Sources, cited wherever these values are used:

- :data:`MANUAL`: the PLOVER manual, draft 0.7b1 (the 16 event types, the
  modes of each type, the contexts and the rule that forecasts and
  hypotheticals are contexts).
- :data:`CROSSWALK`: the CAMEO to PLOVER conversion table of 2021, one line
  per CAMEO code: ``CAMEO code: PLOVER type, mode, context # CAMEO label``.

Its tables are :class:`~sadr_iran_data.codes._keyed.Keyed`: a value they do not map is an error in
our words. This module needs only the standard library.

Examples
--------
>>> from sadr_iran_data.codes.plover import DECISIONS, cameo_root
>>> DECISIONS["visit"].plover_type, DECISIONS["visit"].mode
('CONSULT', 'visit')
>>> cameo_root("ACCUSE", "disapprove"), cameo_root("ASSAULT", None)
('11', None)
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import SadrIranDataError
from ._keyed import Keyed

MANUAL = (
    "PLOVER manual, draft version 0.7b1 (Open Event Data Alliance, 2021, CC BY-SA 4.0), "
    "github.com/openeventdata/PLOVER PLOVER_MANUAL.tex at commit 0711e39"
)
CROSSWALK = (
    "CAMEO to PLOVER conversion table, PLOVER manual draft 0.8, 17 September 2021, ed. Philip Schrodt: "
    "github.com/openeventdata/PLOVER CAMEO2PLOVER-2021.txt at commit 6b803a4"
)

#: The value for events PLOVER does not code: states of affairs, elections, deaths, publications, statements.
NOT_CODED = "NOT_CODED"

#: The 16 PLOVER event types of the manual (quad, definition), then NOT_CODED.
TYPES: tuple[tuple[str, str], ...] = (
    ("AGREE", "Verbal cooperation: agree to, or express the intent to, cooperate, meet, yield or settle (CAMEO 03)."),
    ("CONSULT", "Verbal cooperation: meetings, visits, hosting a visit, talks and negotiation (CAMEO 04)."),
    ("SUPPORT", "Verbal cooperation: praise, endorsement, verbal defence, diplomatic support (CAMEO 05)."),
    ("CONCEDE", "Verbal cooperation: yield to demands, ease restrictions or dissent (CAMEO 080-083)."),
    ("COOPERATE", "Material cooperation: economic, military, judicial or intelligence cooperation (CAMEO 06)."),
    ("AID", "Material cooperation: economic, military or humanitarian aid, asylum (CAMEO 07)."),
    ("RETREAT", "Material cooperation: withdraw, release, disarm, ceasefire, allow access, resign (CAMEO 084-087)."),
    ("DEMAND", "Verbal conflict: demands and orders, stronger than a request (CAMEO 10)."),
    ("ACCUSE", "Verbal conflict: accuse, criticise, denounce, disapprove, investigate (CAMEO 09, 11)."),
    ("REJECT", "Verbal conflict: reject cooperation, demands, proposals or authority (CAMEO 12)."),
    ("THREATEN", "Verbal conflict: threats of force or of non-force sanctions (CAMEO 13)."),
    ("PROTEST", "Material conflict: demonstrations, riots, strikes, boycotts, obstruction (CAMEO 14)."),
    ("SANCTION", "Material conflict: reduce or break relations, stop aid, withdraw or expel (CAMEO 16)."),
    ("MOBILIZE", "Material conflict: raise the alert of or mobilise troops or police (CAMEO 15)."),
    ("COERCE", "Material conflict: seize, restrict, ban, arrest, deport, blockade, occupy (CAMEO 17; also 163, 191, 192)."),
    ("ASSAULT", "Material conflict: violence: attacks, bombings, assassination, fighting, mass violence (CAMEO 18-20; also 175, 1712)."),
    (NOT_CODED, "Not a PLOVER event: a state of affairs, statement, election, death, publication or change in ties."),
)

#: Modes each PLOVER type allows: the manual's mode tables, plus the modes the crosswalk uses (marked there).
MODES: Keyed[tuple[str, ...]] = Keyed(
    "plover.MODES",
    "plover_type",
    {
        "AGREE": (),
        "CONSULT": ("visit", "third-party", "multilateral", "phone", "host"),
        "SUPPORT": (),
        "CONCEDE": (),
        "COOPERATE": (),
        "AID": ("economic", "military", "humanitarian", "asylum"),
        "RETREAT": ("withdraw", "release", "return", "disarm", "ceasefire", "access", "resign", "ease"),
        "DEMAND": ("economic", "military", "humanitarian", "asylum", "assist", "change", "yield", "meet"),
        "ACCUSE": ("investigate", "disapprove"),
        "REJECT": ("assist", "change", "yield", "meet"),
        "THREATEN": ("restrict", "ban", "arrest", "relations", "expel", "territory", "violence", "political"),
        "PROTEST": ("demo", "riot", "strike-gen", "strike-lim", "strike-hun", "boycott", "obstruct", "hunger"),
        "SANCTION": ("convict", "cancel", "expel", "withdraw", "sever", "discontinue"),
        "MOBILIZE": ("troops", "weapons", "police"),
        "COERCE": ("confiscate", "restrict", "ban", "censor", "curfew", "martial-law", "arrest", "deport", "withhold"),
        "ASSAULT": (
            "abduct",
            "beat",
            "torture",
            "execute",
            "sexual",
            "assassinate",
            "destroy",
            "primitive",
            "firearms",
            "explosives",
            "suicide-attack",
            "heavy-weapons",
            "cleansing",
            "unconventional",
        ),
        NOT_CODED: (),
    },
)

#: Modes found only in the crosswalk, not in the manual's tables of draft 0.7b1.
CROSSWALK_ONLY_MODES = frozenset(
    {("CONSULT", "host"), ("ACCUSE", "investigate"), ("ACCUSE", "disapprove"), ("RETREAT", "ease")}
    | {("THREATEN", "political"), ("PROTEST", "hunger"), ("SANCTION", "discontinue")}
    | {("ASSAULT", "cleansing"), ("ASSAULT", "unconventional")}
)

#: The manual's general contexts, then the three temporal ones (coded, as the manual says, as contexts).
CONTEXTS: tuple[str, ...] = (
    "political",
    "military",
    "intelligence",
    "peacekeeping",
    "economic",
    "diplomatic",
    "resource",
    "culture",
    "disease",
    "enviro_disaster",
    "migration",
    "humanitarian",
    "legal",
    "human_rights",
    "rights_freedoms",
    "gender",
    "lgbt",
    "terrorism",
    "human_security",
    "religion_ethnicity",
    "government",
    "election",
    "legislative",
    "cbrn",
    "cyber",
    "political_institutions",
    "corruption",
    "crime",
    "crime_murder",
    "crime_theft",
    "crime_drugs",
    "crime_sexual",
    "future",
    "historical",
    "hypothetical",
)
TEMPORAL_CONTEXTS = ("future", "historical", "hypothetical")

#: The CAMEO root each PLOVER type (and mode) comes from in the crosswalk, where it comes from one root only.
#: A (type, None) entry holds for every mode of the type; a (type, mode) entry only for that mode.
#: Left out, because the crosswalk draws them from several roots: ASSAULT without a mode (17, 18, 19)
#: and COERCE with confiscate or restrict (16, 17, 19).
CAMEO_ROOTS: dict[tuple[str, str | None], str] = {
    ("AGREE", None): "03",
    ("CONSULT", None): "04",
    ("SUPPORT", None): "05",
    ("COOPERATE", None): "06",
    ("AID", None): "07",
    ("CONCEDE", None): "08",
    ("RETREAT", None): "08",
    ("DEMAND", None): "10",
    ("ACCUSE", "investigate"): "09",
    ("ACCUSE", "disapprove"): "11",
    ("REJECT", None): "12",
    ("THREATEN", None): "13",
    ("PROTEST", None): "14",
    ("MOBILIZE", None): "15",
    ("SANCTION", None): "16",
    ("COERCE", "ban"): "17",
    ("COERCE", "curfew"): "17",
    ("COERCE", "martial-law"): "17",
    ("COERCE", "arrest"): "17",
    ("COERCE", "deport"): "17",
    ("ASSAULT", "abduct"): "18",
    ("ASSAULT", "beat"): "18",
    ("ASSAULT", "sexual"): "18",
    ("ASSAULT", "torture"): "18",
    ("ASSAULT", "suicide-attack"): "18",
    ("ASSAULT", "explosives"): "18",
    ("ASSAULT", "assassinate"): "18",
    ("ASSAULT", "destroy"): "17",
    ("ASSAULT", "firearms"): "19",
    ("ASSAULT", "heavy-weapons"): "19",
    ("ASSAULT", "cleansing"): "20",
    ("ASSAULT", "unconventional"): "20",
}


def cameo_root(plover_type: str, mode: str | None) -> str | None:
    """The CAMEO root code the crosswalk gives for a PLOVER type and mode, where it gives exactly one.

    An unknown type, or a mode the type does not have, is an error: no root is
    guessed for them.

    >>> cameo_root("CONSULT", "visit"), cameo_root("ASSAULT", "assassinate"), cameo_root("NOT_CODED", None)
    ('04', '18', None)
    """
    modes = MODES[plover_type]
    if mode is not None and mode not in modes:
        raise SadrIranDataError(f"PLOVER type {plover_type} has no mode {mode!r}; its modes: {', '.join(modes) or 'none'} (plover.MODES)")
    found = CAMEO_ROOTS.get((plover_type, mode))
    return CAMEO_ROOTS.get((plover_type, None)) if found is None else found


def cameo_roots_allowed() -> tuple[tuple[tuple[str, str | None], tuple[str | None, ...]], ...]:
    """Every (type, mode) pair PLOVER allows, with the one CAMEO root it gives (None where it gives none)."""
    return tuple(
        ((plover_type, mode), (cameo_root(plover_type, mode),)) for plover_type, _ in TYPES for mode in (None, *MODES[plover_type])
    )


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
DECISIONS: Keyed[Decision] = Keyed(
    "plover.DECISIONS",
    "event_type",
    {
        "meeting": Decision("CONSULT", None, (), "A meeting or talks (CAMEO 040 consult)."),
        "visit": Decision("CONSULT", "visit", (), "A trip to another actor or place (CAMEO 042 make a visit)."),
        "audience": Decision("CONSULT", "host", (), "A senior figure receives the visitor (CAMEO 043 host a visit)."),
        "invitation": Decision(
            "AGREE", None, ("diplomatic",), "An invitation expresses the intent to meet (CAMEO 036, AGREE in the crosswalk)."
        ),
        "pledge": Decision("AGREE", None, (), "A promise of future action expresses an intent to act (CAMEO 03)."),
        "statement": Decision(
            _N,
            None,
            (),
            "A public statement or appeal (CAMEO 01, 02), which PLOVER does not code; a statement of praise is SUPPORT.",
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
        "accusation": Decision("ACCUSE", "disapprove", (), "An accusation (CAMEO 112 accuse; ACCUSE, disapprove in the crosswalk)."),
        "rejection": Decision("REJECT", None, (), "Rejecting authority, a proposal or a position (CAMEO 12)."),
        "cooperation": Decision(
            "COOPERATE",
            None,
            (),
            "Material cooperation (CAMEO 06); talks about cooperation are CONSULT (CAMEO 04).",
            ("CONSULT",),
        ),
        "military_aid": Decision(
            "AID", "military", ("military",), "Weapons, training or military support given (CAMEO 072 provide military aid)."
        ),
        "economic_aid": Decision("AID", "economic", ("economic",), "Funds or material support given (CAMEO 071 provide economic aid)."),
        "refuge": Decision(
            _N,
            None,
            (),
            "Seeking safety is the seeker's act; PLOVER codes only the granting of asylum (AID, asylum), which the text does not state.",
        ),
        "armed_clash": Decision(
            "ASSAULT", None, ("military",), "Fighting (CAMEO 19 fight, ASSAULT in PLOVER); the text does not say with which weapons."
        ),
        "attack": Decision("ASSAULT", None, ("military",), "A one-sided attack; a bombing takes mode explosives (CAMEO 1832, 1833)."),
        "assassination": Decision("ASSAULT", "assassinate", (), "A targeted killing (CAMEO 186 assassinate)."),
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
            "Leaving a government or process reduces relations (CAMEO 16; the manual's SANCTION mode withdraw), not a military retreat.",
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
