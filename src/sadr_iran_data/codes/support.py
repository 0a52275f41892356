"""External support in the vocabulary of the field: the UCDP External Support Dataset and San-Akca's NAGs data.

Each ``support_form`` of a ``supports`` relation maps to the support type of
the UCDP External Support Dataset (ESD) and to the form of state support of
the NAGs data ("Dangerous Companions") it falls under, where one fits. The
wide view of relations carries both (``esd_support``, ``nags_support``).

Sources:

- :data:`NAGS`: San-Akca, "Dangerous Companions: Cooperation between States
  and Nonstate Armed Groups (NAGs)", v.04/2015, whose project page lists the
  8 forms of support quoted in :data:`NAGS_FORMS`, and distinguishes active
  from passive support after Byman (2005).
- :data:`ESD`: the UCDP External Support Dataset, version 18.1 (Meier,
  Karlén, Pettersson and Croicu 2023); the support types whose variables
  could be checked (``ext_p`` troops, ``ext_w`` weapons, ``ext_t``
  training, ``ext_f`` funding) are named here. Its other types (access to
  territory, materiel and logistics, intelligence, ...) could not be read in
  its codebook offline, and no support in the article needs them.

:data:`MAPPING` is a :class:`~sadr_iran_data.codes._keyed.Keyed`: a support form it does not map is an
error. Only the standard library is needed.

>>> from sadr_iran_data.codes.support import MAPPING
>>> MAPPING["weapons"].esd, MAPPING["weapons"].nags
('weapons (ext_w)', '(8) logistics and arms')
"""

from __future__ import annotations

from dataclasses import dataclass

from ._keyed import Keyed

NAGS = (
    "San-Akca, Belgin. Dangerous Companions: Cooperation between States and Nonstate Armed Groups (NAGs), "
    "v.04/2015, nonstatearmedgroups.ku.edu.tr (forms of support as listed on the project page; active and "
    "passive support on its about page, after Byman 2005)"
)
ESD = (
    "UCDP External Support Dataset (ESD), version 18.1, 1975-2017: Meier, Vanessa, Niklas Karlén, Therése Pettersson "
    "and Mihai Croicu (2023), 'External support in armed conflicts: Introducing the UCDP external support dataset "
    "(ESD), 1975-2017', Journal of Peace Research 60(3): 545-554, doi:10.1177/00223433221079864 (which supersedes "
    "Högbladh, Pettersson and Themnér's 2011 data, 1975-2009); support-type "
    "variables ext_p (troops), ext_w (weapons), ext_t (training), ext_f (funding), as read in a public analysis of "
    "ucdp-esd-ty (github.com/marfakozeletsUvA/Violent-Offenders-GPV---CSSci-)"
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


@dataclass(frozen=True)
class Mapping:
    """Where one ``support_form`` falls in the ESD and in the NAGs data, and why."""

    esd: str | None
    nags: str | None
    reason: str


#: support_form -> its ESD support type and NAGs form (None where neither data set has one).
MAPPING: Keyed[Mapping] = Keyed(
    "support.MAPPING",
    "support_form",
    {
        "weapons": Mapping("weapons (ext_w)", NAGS_FORMS[7], "Arms and ammunition: ESD weapons; NAGs logistics and arms."),
        "training": Mapping(
            "training (ext_t)", NAGS_FORMS[5], "Training, not the hosting of camps (NAGs 5), which the text does not state."
        ),
        "funds": Mapping("funding (ext_f)", NAGS_FORMS[5], "Money: ESD funding; NAGs bundles funds with training and arms (6)."),
        "safe_haven": Mapping(
            None,
            "(2) or (3) safe haven",
            "NAGs codes safe haven for members (2) or leaders (3); the ESD's access to territory could not be checked. "
            "No relation in the article has this form.",
        ),
        "political": Mapping(None, None, "Political or diplomatic backing is a form of support in neither data set."),
        "military": Mapping(None, None, "Military support of no stated form: neither data set has a type for it."),
        "unspecified": Mapping(None, None, "The text does not say what the support is."),
    },
)

#: How a supporter gives: NAGs' distinction (after Byman 2005).
INTENT: tuple[tuple[str, str], ...] = (
    ("active", "The supporter itself provides the support (supplies, trains, funds, gives), as the text says."),
    ("passive", "The supporter knowingly lets others in its territory aid the target and does not stop it (Byman 2005)."),
)
