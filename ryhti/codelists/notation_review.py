"""Reviewed corrections of the third-party notation inputs, and signs they lack.

The notation table is built from two third-party sources: the Katja regulation-group
libraries of Arho's QGIS plugin and the traditional notation lists of qaava. Checked entry
by entry against the labels and descriptions of RY_Kaavamaarayslaji (which say when a code
is and is not used), both carry errors that would put a wrong code on a plan without any
warning: Arho swaps ``pj`` (polttoaineen jakeluasema) and ``u`` (uloke), maps the canal area
to ``satama-alue``; qaava gives "Asuinrakennusten korttelialue" the letter ``AK`` and
"Pysäköimispaikka" the letter ``pj``. Each correction below names the row it fixes exactly
as the source has it, what it sets and why; the update applies it while building the table,
records it in the table's ``corrections`` and reports a correction that no longer matches
any row (the source was fixed or changed) as a problem, so none of them goes stale silently.

``tests/codelists/test_codelists_notation.py`` walks the whole table and fails on any entry
whose codes disagree with its meaning, are header-level or unknown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: ``new_letter`` value meaning "keep the source's letter".
KEEP = "<keep>"


def reg(code: str, *infos: str) -> dict[str, Any]:
    """A regulation in the table's form: ``reg("alikulku", "osaAlue", "kayttotarkoituskohdistus=jalankulkualue")``."""
    additional: list[dict[str, Any]] = []
    for info in infos:
        kind, _, value = info.partition("=")
        additional.append({"type": kind, "value": value} if value else {"type": kind})
    return {"code": code, "additional_information": additional}


@dataclass(frozen=True)
class Correction:
    """One reviewed fix of one source row, identified by source, level, letter and meaning.

    ``with_info`` tells rows apart that share all four: only a row whose regulations carry
    that additional-information type matches.
    """

    source: str
    plan_level: str
    letter: str | None
    meaning_fi: str
    why: str
    new_letter: str | None = KEEP
    new_meaning: str | None = None
    regulations: tuple[dict[str, Any], ...] | None = field(default=None, compare=False)
    with_info: str | None = None

    def matches(self, source: str, entry: dict[str, Any]) -> bool:
        """True if ``entry`` (a row of ``source``, before correction) is the row to fix."""
        if (source, entry["plan_level"], entry["letter"], entry["meaning_fi"]) != (
            self.source,
            self.plan_level,
            self.letter,
            self.meaning_fi,
        ):
            return False
        return self.with_info is None or any(
            info["type"] == self.with_info
            for reg in entry["regulations"]
            for info in reg["additional_information"]
        )

    def changes(self) -> dict[str, Any]:
        """What the correction sets, for the table's ``corrections`` record."""
        out: dict[str, Any] = {}
        if self.new_letter != KEEP:
            out["letter"] = self.new_letter
        if self.new_meaning is not None:
            out["meaning_fi"] = self.new_meaning
        if self.regulations is not None:
            out["regulations"] = [dict(r) for r in self.regulations]
        return out


@dataclass(frozen=True)
class CombinedSign:
    """A sign that joins main-use letters (``AKR`` = ``AK`` + ``AR``): every member's codes."""

    letter: str
    plan_level: str
    members: tuple[str, ...]
    meaning_fi: str
    meaning_sv: str | None
    why: str


_LEVELS_NOT_FOR_VAMA_RKY = (
    "the description of {code} limits it to local, regional and international significance "
    "(lisätieto Merkittävyys); the nationally valued inventory ({inventory}) has its own code "
    "{specific}, which the asemakaava and maakuntakaava libraries already use"
)

CORRECTIONS: tuple[Correction, ...] = (
    # -- Katja libraries (GispoCoding/arho-qgis-plugin) ---------------------------------------
    Correction(
        "katja",
        "asemakaava",
        "pj",
        "Alue, jolle saa sijoittaa polttoaineen jakeluaseman",
        "the library gives pj the code of u and u the code of pj; RY_Kaavamaarayslaji: "
        "polttoaineenJakeluasema (short name pj) is the fuel-station area, uloke (short name u) "
        "a part of a traffic area for load-bearing structures above it",
        regulations=(reg("polttoaineenJakeluasema", "osaAlue"),),
    ),
    Correction(
        "katja",
        "asemakaava",
        "u",
        "Uloke",
        "swapped with pj in the library (see pj)",
        regulations=(reg("uloke", "osaAlue"),),
    ),
    Correction(
        "katja",
        "asemakaava",
        "LK",
        "Kanava-alue",
        "RY_Kaavamaarayslaji has kanava (short name LK: 'a narrow waterway part joining two "
        "water bodies'); satama-alue is a harbour",
        regulations=(reg("kanava", "paakayttotarkoitus"),),
    ),
    Correction(
        "katja",
        "asemakaava",
        "jl",
        "Hidaskatu",
        "jl is the letter of Joukkoliikenteelle varattu katu in the same library; hk is the "
        "short name of hidaskatu",
        new_letter="hk",
    ),
    Correction(
        "katja",
        "asemakaava",
        "hk",
        "Katuaukio tai tori",
        "hk is the short name of hidaskatu; katuaukioTaiTori has no letter code",
        new_letter=None,
    ),
    Correction(
        "katja",
        "asemakaava",
        "LT/jkpp",
        "Maantiehen kuuluva jalankulku- ja pyörätie",
        "the heading is a pedestrian and cycle path of a highway; the library gives only "
        "maantie, which types it as a road (the jk/pp street of the same library carries "
        "both traffic modes as käyttötarkoituskohdistus)",
        regulations=(
            reg(
                "maantie",
                "paakayttotarkoitus",
                "kayttotarkoituskohdistus=jalankulkualue",
                "kayttotarkoituskohdistus=pyorailyalue",
            ),
        ),
    ),
    Correction(
        "katja",
        "asemakaava",
        "kyma",
        "Rakennetun kulttuuriympäristön ja maiseman vaalimisen kannalta tärkeä alue muinaisjäännös",
        "a stray word 'muinaisjäännös' ends the heading; the same group of the yleiskaava and "
        "maakuntakaava libraries has none, and its codes say nothing of ancient relics",
        new_meaning="Rakennetun kulttuuriympäristön ja maiseman vaalimisen kannalta tärkeä alue",
    ),
    Correction(
        "katja",
        "yleiskaava",
        "häiriö y",
        "Ympäristö- tai maisemavaurion korjaustarve",
        "the library repeats the additional information of 'häiriö t' (terveyshaitan "
        "poistamistarve); RY_Kaavamaarayksen_Lisatiedonlaji has "
        "ymparistoTaiMaisemavaurionKorjaustarve for this heading",
        regulations=(
            reg("ymparistohairioalue", "osaAlue", "ymparistoTaiMaisemavaurionKorjaustarve"),
        ),
    ),
    Correction(
        "katja",
        "yleiskaava",
        "vama",
        "Valtakunnallisesti arvokas maisema-alue",
        _LEVELS_NOT_FOR_VAMA_RKY.format(
            code="maisemallisestiArvokasAlue",
            inventory="VAMA",
            specific="valtakunnallisestiArvokasMaisemaAlue",
        ),
        regulations=(reg("valtakunnallisestiArvokasMaisemaAlue", "osaAlue", "valtakunnallinen"),),
    ),
    Correction(
        "katja",
        "yleiskaava",
        "rky",
        "Valtakunnallisesti merkittävä rakennettu kulttuuriympäristö",
        _LEVELS_NOT_FOR_VAMA_RKY.format(
            code="merkittavaRakennettuKulttuuriymparisto",
            inventory="RKY",
            specific="valtakunnallisestiMerkittavaRakennettuKulttuuriymparisto",
        ),
        regulations=(
            reg(
                "valtakunnallisestiMerkittavaRakennettuKulttuuriymparisto",
                "osaAlue",
                "valtakunnallinen",
            ),
        ),
    ),
    *(
        Correction(
            "katja",
            level,
            "vt",
            "Valtatie",
            "the existing-road row of the group on environmental change (lisätieto "
            "olemassaOleva) is headed like the plain valtatie row of the line group; the same "
            "change group heads its road row 'Nykyinen tie', so a legend 'Valtatie' means the "
            "plain row only",
            new_meaning="Nykyinen valtatie",
            with_info="olemassaOleva",
        )
        for level in ("yleiskaava", "maakuntakaava")
    ),
    # -- traditional notation lists (GispoCoding/qaava) ---------------------------------------
    # qaava's GeoPackage stores the meaning, not the letter, and plans name their areas by
    # the meaning too: where the list's letter contradicts its meaning, the meaning stands
    # and the letter becomes the national one (the Katja letter of the same meaning).
    Correction(
        "traditional",
        "asemakaava",
        "AK",
        "Asuinrakennusten korttelialue",
        "AK is Asuinkerrostalojen korttelialue (asuinkerrostaloalue); residential buildings in "
        "general are A (asumisenAlue), as in the Katja library",
        new_letter="A",
    ),
    Correction(
        "traditional",
        "asemakaava",
        "VL",
        "Virkistysalue",
        "VL is Lähivirkistysalue; a recreation area in general is V (virkistysalue)",
        new_letter="V",
    ),
    Correction(
        "traditional",
        "asemakaava",
        "PV",
        "Palvelurakennusten korttelialue",
        "the list repeats the name of P; its main class, its letter and qaava's own "
        "GeoPackage say Huvi- ja viihdepalvelujen korttelialue (huviJaViihdeRakennustenAlue)",
        new_meaning="Huvi- ja viihdepalvelujen korttelialue",
    ),
    Correction(
        "traditional",
        "asemakaava",
        "t",
        "Rakennusala, jolle saa sijoittaa maatilan talouskeskuksen",
        "the list swaps the letters of t and am: t is the building area for an outbuilding "
        "(rakennusalaJolleSaaSijoittaaTalousrakennuksen, short name t), am the one for a farm "
        "centre",
        new_letter="am",
    ),
    Correction(
        "traditional",
        "asemakaava",
        "am",
        "Rakennusala, jolle saa sijoittaa talousrakennuksen",
        "swapped with t in the list (see t)",
        new_letter="t",
    ),
    Correction(
        "traditional",
        "asemakaava",
        "pj",
        "Pysäköimispaikka",
        "pj is the fuel station (polttoaineenJakeluasema); a parking place is p",
        new_letter="p",
    ),
    Correction(
        "traditional",
        "asemakaava",
        "sl",
        "Suojeltava alueen osa",
        "sl is the nature-conservation part (luonnonsuojelualue); a protected part of an area "
        "is s (suojelualue)",
        new_letter="s",
    ),
    Correction(
        "traditional",
        "asemakaava",
        "ma",
        "Maanalainen tila",
        "ma is Maisemallisesti arvokas alue in the same list; the Katja letter of an "
        "underground space is maa",
        new_letter="maa",
    ),
    Correction(
        "traditional",
        "asemakaava",
        "a",
        "Kadun tai liikennealueen alittava kevyen liikenteen yhteys",
        "an underpass for pedestrians and cyclists, not a car-park building area (the letter a "
        "of the same list); RY_Kaavamaarayslaji has alikulku, whose description asks for the "
        "traffic mode as käyttötarkoituskohdistus",
        new_letter="ali",
        regulations=(
            reg(
                "alikulku",
                "osaAlue",
                "kayttotarkoituskohdistus=jalankulkualue",
                "kayttotarkoituskohdistus=pyorailyalue",
            ),
        ),
    ),
    Correction(
        "traditional",
        "asemakaava",
        "y",
        "Kadun tai liikennealueen ylittävä kevyen liikenteen yhteys",
        "an overpass for pedestrians and cyclists: RY_Kaavamaarayslaji has ylikulku, whose "
        "description asks for the traffic mode as käyttötarkoituskohdistus (unmapped before)",
        regulations=(
            reg(
                "ylikulku",
                "osaAlue",
                "kayttotarkoituskohdistus=jalankulkualue",
                "kayttotarkoituskohdistus=pyorailyalue",
            ),
        ),
    ),
    Correction(
        "traditional",
        "asemakaava",
        "pp",
        "Jalankululle ja polkupyöräilylle varattu katu/tie",
        "reserved for walking and cycling: the letter pp of the Katja library is a part for "
        "cycling only, which drops the pedestrians",
        regulations=(reg("jalankulkualue", "osaAlue"), reg("pyorailyalue", "osaAlue")),
    ),
)

COMBINED_SIGNS: tuple[CombinedSign, ...] = (
    CombinedSign(
        "AKR",
        "asemakaava",
        ("AK", "AR"),
        "Asuinkerrostalojen ja rivitalojen korttelialue",
        "Kvartersområde för flervåningshus och radhus",
        "used by real plans (the approved Kempele plan of the 2019 pilot: 'AKR', "
        "'Asuinkerrostalojen ja rivitalojen korttelialue'); RY_Kaavamaarayslaji has a code for "
        "each member: asuinkerrostaloalue (AK) and "
        "rivitalojenJaMuidenKytkettyjenAsuinpientalojenAlue (AR)",
    ),
)
