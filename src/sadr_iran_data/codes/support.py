"""External support in the vocabulary of the field: the UCDP External Support Dataset and San-Akca's NAGs data.

Each ``support_form`` of a ``supports`` relation maps to the support type of
the UCDP External Support Dataset (ESD) and to the form of state support of
the NAGs data ("Dangerous Companions") it falls under, where one fits. The
wide view of relations carries both (``esd_support``, ``nags_support``).

Sources:

- :data:`NAGS`: San-Akca, "Dangerous Companions: Cooperation between States
  and Nonstate Armed Groups (NAGs)", v.04/2015. Its project page lists 8
  forms of support (:data:`NAGS_FORMS`), where form (6) reads "training,
  weapons and logistics aid, funds"; the project's facts page counts them as
  separate types (:data:`NAGS_TYPES`: "Training", "Weapons and Logistics",
  "Financial Aid", ...). A support form maps to the named type of the facts
  page, which does not run three types together. Active and passive support
  follow its about page, after Byman (2005).
- :data:`ESD`: the UCDP External Support Dataset, version 18.1 (Meier,
  Karlén, Pettersson and Croicu 2023). Its triad-year data file has 11
  support-type variables (:data:`ESD_VARIABLES`). Their definitions could
  not be read in the ESD codebook offline: a support form is mapped to the
  variable whose letter the conventional reading gives it only where the
  ESD's own rows for the same supporter and recipient use it (Iran to
  al-Mahdi Army, 2004, 2007 and 2008: ``ext_w``, ``ext_m``, ``ext_t``), and
  left null otherwise. ``ext_u`` exists and is used (243 rows), but whether
  it is the type of support of no stated form cannot be confirmed, so
  ``military`` and ``unspecified`` support stay null.

:data:`MAPPING` is a :class:`~sadr_iran_data.codes._keyed.Keyed`: a support form it does not map is an
error. Only the standard library is needed.

>>> from sadr_iran_data.codes.support import MAPPING
>>> MAPPING["weapons"].esd, MAPPING["weapons"].nags
('ext_w', 'Weapons and Logistics')
"""

from __future__ import annotations

from dataclasses import dataclass

from ._keyed import Keyed

NAGS = (
    "San-Akca, Belgin. Dangerous Companions: Cooperation between States and Nonstate Armed Groups (NAGs), "
    "v.04/2015, nonstatearmedgroups.ku.edu.tr (forms of support as listed on the project page; the types as "
    "counted on armedgroups.net/facts.html; active and passive support on nonstatearmedgroups.ku.edu.tr/about.php, "
    "after Byman 2005)"
)
ESD = (
    "UCDP External Support Dataset (ESD), version 18.1, 1975-2017: Meier, Vanessa, Niklas Karlén, Therése Pettersson "
    "and Mihai Croicu (2023), 'External support in armed conflicts: Introducing the UCDP external support dataset "
    "(ESD), 1975-2017', Journal of Peace Research 60(3): 545-554, doi:10.1177/00223433221079864; its support-type "
    "variables as the triad-year data file names them (ucdp-esd-ty, as committed in "
    "github.com/marfakozeletsUvA/Violent-Offenders-GPV---CSSci- at 589c25f9042b47487ebb0eaba17d8a95a171148f, "
    "data/raw/military/ucdp-esd-ty-raw.xlsx); the ESD codebook's definitions of the types could not be read"
)

#: The NAGs data's 8 forms of external state support, as its project page lists them.
NAGS_FORMS = (
    "(1) troop contribution",
    "(2) safe haven for the members of a NAG",
    "(3) safe haven for the leaders of a NAG",
    "(4) headquarters for nonviolent propaganda and fundraising",
    "(5) training camps",
    "(6) training, weapons and logistics aid, funds",
    "(7) transportation of funds",
    "(8) logistics and arms",
)
#: The NAGs support types as the project's facts page counts them ("Distribution of Support Types across Rebel Groups").
NAGS_TYPES = (
    "Training Camps",
    "Safe Haven to Members",
    "Safe Haven to Leaders and Operate Offices",
    "Financial Aid",
    "Weapons and Logistics",
    "Training",
    "Transport of Weapons and Logistics",
)
#: The ESD triad-year file's support-type variables, in the file's order (``ext_sup`` flags any support, ``ext_sum`` counts them).
ESD_VARIABLES = ("ext_x", "ext_p", "ext_y", "ext_w", "ext_m", "ext_t", "ext_f", "ext_i", "ext_l", "ext_o", "ext_u")


@dataclass(frozen=True)
class Mapping:
    """Where one ``support_form`` falls in the ESD and in the NAGs data, and why."""

    esd: str | None
    nags: str | None
    reason: str


#: support_form -> its ESD support variable and NAGs type (None where no source confirms one).
MAPPING: Keyed[Mapping] = Keyed(
    "support.MAPPING",
    "support_form",
    {
        "weapons": Mapping(
            "ext_w",
            NAGS_TYPES[4],
            "Arms and ammunition. ESD: the ESD's rows of Iran's support to al-Mahdi Army (2004, 2007, 2008) set ext_w. "
            "NAGs: the facts page's Weapons and Logistics (the project page's (6) and (8) both name arms).",
        ),
        "training": Mapping(
            "ext_t",
            NAGS_TYPES[5],
            "Training, not the hosting of camps (NAGs Training Camps), which the text does not state. ESD: the same rows set ext_t.",
        ),
        "funds": Mapping(
            None,
            NAGS_TYPES[3],
            "Money. NAGs: Financial Aid. ESD: its funding variable is not confirmed (ext_f by the conventional reading; "
            "no ESD row for these parties to check it against), so null.",
        ),
        "safe_haven": Mapping(
            None,
            f"{NAGS_TYPES[1]} or {NAGS_TYPES[2]}",
            "NAGs codes safe haven for members or for leaders; the ESD's access to territory could not be confirmed. "
            "No relation in the article has this form.",
        ),
        "political": Mapping(None, None, "Political or diplomatic backing is a form of support in neither data set."),
        "military": Mapping(
            None,
            None,
            "Military support of no stated form. The ESD file has ext_u (243 rows), which may be its unknown type, but its "
            "definition could not be read, so null; NAGs has no type for it.",
        ),
        "unspecified": Mapping(
            None, None, "The text does not say what the support is; as for military, ext_u cannot be confirmed, so null."
        ),
    },
)

#: How a supporter gives: NAGs' distinction (after Byman 2005).
INTENT: tuple[tuple[str, str], ...] = (
    ("active", "The supporter itself provides the support (supplies, trains, funds, gives), as the text says."),
    ("passive", "The supporter knowingly lets others in its territory aid the target and does not stop it (Byman 2005)."),
)
