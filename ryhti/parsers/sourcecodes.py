"""The code values of source formats, and the RYHTI codes they stand for.

Each table here covers every value the source format's schema defines (KuntaGML's plan
phases) or, for the 2019 pilot's code lists that no published schema enumerates, every
value the pilot data uses; a value a table does not know is read by its title against
the RYHTI code list's labels, and is otherwise reported rather than guessed.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = [
    "KUNTAGML_PHASES",
    "LAND_USE_KINDS",
    "NUMERIC_VALUE_TYPES",
    "PILOT_LAND_USE",
    "PILOT_LEVELS",
    "PILOT_OBJECT_TYPES",
    "PILOT_PARAMETERS",
    "PILOT_PHASES",
    "PLANNING_ELEMENT_TYPES",
    "PLAN_TYPES",
    "REGULATIVE_TEXT_TYPES",
    "SPATIAL_PLAN_STATUS",
    "ZONING_ELEMENT_TYPES",
    "lifecycle_of",
    "plan_type_of",
]

#: KuntaGML plan phases (asemakaava ``KaavanvaiheType``, yleiskaava
#: ``YleiskaavanvaiheType``, casefolded) → kaavaelinkaari. "Ei tiedossa" says nothing.
KUNTAGML_PHASES: dict[str, str | None] = {
    "ei tiedossa": None,
    "suunnitteilla": "03",
    "vireilletullut": "02",
    "kaavaluonnos": "03",
    "kaavaehdotus": "04",
    "ehdotus": "04",
    "hyväksytty": "06",
    "lainvoimainen": "12",
    "osittain voimaantullut": "10",
    "oikaisukehoituksen alainen": "07",
    "oikaisukehotuksenalainen": "07",
    "valituksen alainen": "08",
    "valituksenalainen": "08",
    "kumottu": "14",
    "rauennut": "15",
}

#: FinnishSpatialPlanStatus of the 2019 pilot (code → kaavaelinkaari, title).
SPATIAL_PLAN_STATUS: dict[str, tuple[str, str]] = {
    "1": ("01", "ohjelmoitu kaavamuutos"),
    "5": ("06", "valtuuston hyväksymä"),
}

#: FinnishSpatialPlanType of the 2019 pilot and KAATIO's RY_Kaavalaji top codes
#: (casefolded title → RY_Kaavalaji).
PLAN_TYPES: dict[str, str] = {
    "asemakaava": "31",
    "vaiheasemakaava": "32",
    "ranta-asemakaava": "33",
    "yleiskaava": "21",
    "osayleiskaava": "23",
    "maakuntakaava": "11",
}

#: FinnishLandUseKind of the 2019 pilot (code → letter code read through the notation
#: table; the codes are the traditional letters).
LAND_USE_KINDS: dict[str, str] = {
    "AK": "AK",
    "AO": "AO",
    "AL": "AL",
    "YL": "YL",
    "KATU": "KATU",
}

#: FinnishZoningElementType of the 2019 pilot: code → (what the element is, title).
#: ``paakayttotarkoitus``: an area reservation; ``osaAlue``: a part of one.
ZONING_ELEMENT_TYPES: dict[str, tuple[str, str]] = {
    "1": ("paakayttotarkoitus", "Pääkäyttötarkoitusalue"),
    "2": ("osaAlue", "Sitova tontti"),
}

#: FinnishPlanningElementType of the 2019 pilot: code → (what the element is, title).
PLANNING_ELEMENT_TYPES: dict[str, tuple[str, str]] = {
    "2": ("osaAlue", "Osa-alue"),
}

#: FinnishRegulativeTextType of the 2019 pilot: code → the notation meaning it names
#: (type 1 is a free regulation text, typed from the text itself).
REGULATIVE_TEXT_TYPES: dict[str, str | None] = {
    "1": None,
    "3": "Pysäköimispaikka",
    "19": "Jalankululle ja polkupyöräilylle varattu katu/tie",
    "28": "Johtoa varten varattu alueen osa",
}

#: FinnishNumericValueType of the 2019 pilot: code → RY_Kaavamaarayslaji.
NUMERIC_VALUE_TYPES: dict[str, str] = {
    "3": "tehokkuusluku",
}

#: The 2019 pilot WFS examples (spatial-planning 0.7): ``landUseKind`` categories → the
#: RYHTI code list's label of the code they stand for (the conversion types by label).
PILOT_LAND_USE: dict[str, str] = {
    "kerrostaloalue": "Asuinkerrostaloalue",
    "pientaloalue": "Asuinpientaloalue",
    "loma-asuntoalue": "Vapaa-ajan asumisen alue",
    "virkistys": "Virkistysalue",
}

#: ``landUseObjectType`` of the pilot: code → (what the object is, the RYHTI label of its
#: regulation; None where the object's land-use kinds say what it is).
PILOT_OBJECT_TYPES: dict[str, tuple[str | None, str | None]] = {
    "korttelialue": ("paakayttotarkoitus", None),
    "rantarakentamisalue": ("paakayttotarkoitus", None),
    "buildingArea": ("osaAlue", "Rakennusala"),
    "istutettavaAlue": ("osaAlue", "Istutettava alue"),
    "rakennuspaikka": (None, "Rakennuspaikka"),
    "istutettavaPuu": (None, "Puu tai puurivi"),
}

#: Measured ``PlanningRegulation`` parameters of the pilot → the column the reader writes
#: (named after the RY_Kaavamaarayslaji code the pilot preset maps it to).
PILOT_PARAMETERS: dict[str, str] = {
    "kerrosluku": "kerrosluku",
    "permittedBuildingAmount": "sallittu_kerrosala",
    "ullakko-osuus": "ullakko_osuus",
}

#: ``levelOfDetail`` → RY_Kaavalaji; ``processPhase`` (its last part) → kaavaelinkaari.
PILOT_LEVELS: dict[str, str] = {"asemakaavataso": "31", "yleiskaavataso": "21"}
PILOT_PHASES: dict[str, str] = {"luonnos": "03", "ehdotus": "04", "hyvaksytty": "06"}

_NUMBERED = re.compile(r"^\s*(\d{2})\s*-\s*")


def lifecycle_of(value: Any, reg: Any) -> str | None:
    """The kaavaelinkaari code a source's plan phase or status stands for, or None.

    Understood: a kaavaelinkaari code (``06``), KuntaGML's ``"06 - Hyvaksytty kaava"``,
    the KuntaGML phase words, the pilot's status titles, and any kaavaelinkaari label
    (``Voimassa``)."""
    if value is None:
        return None
    text = " ".join(str(value).split())
    if not text:
        return None
    lifecycle = reg["kaavaelinkaari"]
    if text in lifecycle:
        return text
    numbered = _NUMBERED.match(text)
    if numbered and numbered.group(1) in lifecycle:
        return numbered.group(1)
    key = text.casefold()
    if key in KUNTAGML_PHASES:
        return KUNTAGML_PHASES[key]
    for code, title in SPATIAL_PLAN_STATUS.values():
        if key == title:
            return code
    for code in lifecycle.codes:
        if (code.label("fi") or "").casefold() == key:
            return code.value
    return None


def plan_type_of(value: Any) -> str | None:
    """The RY_Kaavalaji code a source's plan type title stands for, or None."""
    if value is None:
        return None
    return PLAN_TYPES.get(" ".join(str(value).split()).casefold())
