"""Every entry of the notation table against the code lists: right code, assignable, known.

The notation table turns a letter code or a legend meaning into RYHTI codes, and a wrong
entry puts a wrong code on every plan that uses the sign without anyone noticing (Arho's
library swapped ``pj`` and ``u``; qaava gave "Asuinrakennusten korttelialue" the letter AK).
This test walks the whole table and fails on any entry whose codes disagree with its
meaning, are header-level or unknown.

"Agree" is checked with words: the meaning must contain a word of the code. By default
those are the stems of every word of the code's Finnish label ("Asuinkerrostaloalue" →
``asuinkerrost``); :data:`VOCABULARY` lists, per code, the words plans use for it where the
label differs ("Kerrostalovaltainen asuntoalue" is asuinkerrostaloalue). Each vocabulary
entry is distinctive: a word that also names a sibling code is not listed (``kerrostalo``
for asuinkerrostaloalue, not ``asuin``), so a swapped code fails. :data:`NOT_WHEN` holds
what the code descriptions say a code is *not* for. :data:`REVIEWED` lists the few entries
whose codes are right although no word says so, each with the reason.
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from ryhti.codelists import NotationEntry, Registry

REGULATIONS = "RY_Kaavamaarayslaji"
INFOS = "RY_Kaavamaarayksen_Lisatiedonlaji"

#: Words (in the normalised form of :func:`_words`) that name a code in meanings. A string
#: must occur in the meaning; a tuple needs all of its strings.
VOCABULARY: dict[str, tuple[str | tuple[str, ...], ...]] = {
    "asumisenAlue": ("asuin", "asunto", "asumi"),
    "asuinkerrostaloalue": ("kerrostalo",),
    "asuinpientaloalue": ("pientalo",),
    "erillistenAsuinpientalojenAlue": ("erillis",),
    "rivitalojenJaMuidenKytkettyjenAsuinpientalojenAlue": ("rivitalo",),
    "maatilanTalouskeskuksenAlue": ("talouskesku",),
    "tyopaikkojenAlue": ("työpaik",),
    "toimitilojenAlue": ("toimitila",),
    "toimistorakennustenAlue": ("toimisto", "virasto", "hallinto"),
    "liikerakennustenAlue": ("liike",),
    "myymalarakennustenAlue": ("myymälä",),
    "vahittaiskaupanSuuryksikko": ("suuryksik", "vähittäiskaupan kehittämis"),
    "hoitoalanRakennustenAlue": ("hoitoala", "terveydenhuol", "sosiaali"),
    "kulttuurirakennustenAlue": ("kulttuuri",),
    "uskonnollistenYhteisojenRakennustenAlue": ("uskonnolli", "kirkko", "seurakun"),
    "urheiluJaLiikuntaRakennustenAlue": ("urheilu", "liikunta"),
    "opetusrakennustenAlue": ("opetus", "päiväkod"),
    "huviJaViihdeRakennustenAlue": ("viihde",),
    "vapaaAjanAsumisenJaMatkailunAlue": (("loma", "matkailu"), ("vapaa ajan", "matkailu")),
    "vapaaAjanAsumisenAlue": ("loma asun", "vapaa ajan asu"),
    "matkailupalvelujenAlue": ("matkailu",),
    "energiahuollonAlue": ("energia",),
    "yhdyskuntateknisenHuollonAlue": ("yhdyskuntatekni",),
    "ymparistohairioalue": ("häiriö", "ympäristövaikutu", "vaurio", "terveyshai"),
    "liikennealue": ("liikenne", "liikentee"),
    "maantie": ("maantie", "yleisen tien", " tie tai katu"),
    "raideliikenteenAlue": ("raide", "rautatie"),
    "lentoliikenteenAlue": ("lento",),
    "henkiloliikenteenTerminaalialue": ("henkilöliiken",),
    "tavaraliikenteenTerminaalialue": ("tavaraliiken",),
    "pysakoinninAlue": ("pysäköi", "autopaik", "auton säilytys"),
    "raideliikenteenAsemaTaiSeisake": ("asema", "seisak"),
    "alikulku": ("alikulku", "alittav"),
    "ylikulku": ("ylikulku", "ylittäv"),
    "jalankulkualue": ("jalanku", "kevyen liikentee"),
    "pyorailyalue": ("pyöräil", "pyörätie", "polkupyör", "kevyen liikentee"),
    "rakennussuojelualue": (("rakennu", "suojel"),),
    "rakennusperinnonSuojelemisestaAnnetunLainNojallaSuojeltuRakennus": (
        "rakennusperin",
        "rakennussuojelulai",
    ),
    "maisemallisestiArvokasAlue": ("maisema",),
    "merkittavaRakennettuKulttuuriymparisto": ("kulttuuriympäri",),
    "kaupunkiTaiKylakuvallisestiArvokasAlue": ("kyläkuva",),
    "historiallinenKohde": ("historiall",),
    "vesialue": ("vesi", "joki"),
    "sallittuKerrosala": ("kerrosala",),
    "sallittuRakennustilavuus": ("kuutiometr", "rakennustilavuu"),
    "maanpaallinenKerroslukuLuku": ("kerrosluku",),
    "rakennustenRakenteidenJaLaitteidenYlinKorkeusasema": (("ylin", "korkeusasem"),),
    "rakennustenRakenteidenJaLaitteidenAlinKorkeusasema": (("alin", "korkeusasem"),),
    "aaneneristavyys": ("ääneneris", "ääneneristav"),
    "ikkunatonSeina": ("ikkun",),
    "puuTaiPuurivi": ("puu",),
    "ulkoiluTaiVirkistysReitti": ("ulkoilu", "virkistysreit"),
    "kadunOsaJollaOnAjoneuvoliittymakielto": ("ajoneuvoliittym",),
    "JohtoPutkiTaiLinja": ("johto", "putki", "linja"),
    "kehittamisvyohyke": ("kehittämisvyöhyk",),
    "rakentamisrajoitusYleiskaava": ("rakentamisrajoitu",),
    "rakentamisrajoitusMaakuntakaava": ("rakentamisrajoitu",),
    "laivavayla": ("laivaväyl",),
    "venevayla": ("veneväyl",),
}

#: Additional-information types that say something a meaning must say too (significance,
#: the need to remove a disturbance, the kind of change); other types (role, reservation for
#: public use, käyttötarkoituskohdistus) are implied by the sign rather than named.
INFO_VOCABULARY: dict[str, tuple[str, ...]] = {
    "kansainvalinen": ("kansainväli",),
    "valtakunnallinen": ("valtakunnalli",),
    "maakunnallinen": ("maakunnalli",),
    "seudullinen": ("seudulli",),
    "alueellinen": ("alueelli",),
    "paikallinen": ("paikalli", "lähi"),
    "meluntorjuntatarve": ("melu",),
    "ymparistoTaiMaisemavaurionKorjaustarve": ("vaurio",),
    "terveyshaitanPoistamistarve": ("terveyshai",),
    "olemassaOleva": ("olemassa", "nykyi"),
    "sailytettava": ("säily",),
    "uusi": (" uusi ",),
    "olennaisestiMuuttuva": ("olennaisesti muuttuv",),
    "reservialue": ("reservi",),
    "kehitettava": ("kehitettäv", "kehittämis"),
    "merkittavastiParannettava": ("parannettav",),
    "eheytettavaTaiTiivistettava": ("eheyt", "tiivist"),
    "yhteystarve": ("yhteystarve",),
    "ohjeellinenSijainti": ("ohjeelli",),
    "vaihtoehtoinen": ("vaihtoehtoi",),
}

#: What a code is not for, from its description: a meaning with one of these words must not
#: map to it.
NOT_WHEN: dict[str, tuple[str, ...]] = {
    # "Lisätiedon Merkittävyys avulla voidaan kuvata paikallisesti, maakunnallisesti tai
    # kansainvälisesti arvokkaat maisema-alueet": national ones are valtakunnallisesti…
    "maisemallisestiArvokasAlue": ("valtakunnallis",),
    "merkittavaRakennettuKulttuuriymparisto": ("valtakunnallis",),
    # "MRL 33 §:n 1 momentin mukaan … on voimassa rakentamista koskeva rajoitus. Koodia ei
    # käytetä näiden alueiden osoittamiseen."
    "rakentamisrajoitusMaakuntakaava": ("33 §", "33 ", "mrl"),
    # the meaning of the underground and above-ground storey counts must not be crossed
    "maanpaallinenKerroslukuLuku": ("maanalai",),
    "maanalainenKerroslukuLuku": ("maanpäälli",),
    # "Jätteenpolttolaitokset sen sijaan osoitetaan yleensä … 'Yhdyskuntateknisen huollon alue'"
    "jatteenkasittelyalue": ("jätteenpolt",),
    # a fixed-term restriction has its own code
    "rakentamisrajoitusYleiskaava": ("määräaikai",),
}

#: Codes that accompany an entry's main code without being named in the meaning.
COMPANIONS = {
    # Katja pairs every development zone with a verbal regulation that says what is
    # developed; the zone itself is kehittamisvyohyke.
    "sanallinenMaarays",
}

#: (plan level, letter, meaning, code) → why the code is right though no word says so.
REVIEWED: dict[tuple[str, str | None, str, str], str] = {
    (
        "asemakaava",
        "maa",
        "Maanalainen tila",
        "rakennusala",
    ): "Katja: an underground space is a building area with lisätieto maanalainenTila",
    (
        "yleiskaava",
        None,
        "Yhdyskuntarakenteen eheyttämistarve",
        "kehittamisvyohyke",
    ): "Katja: a development zone with lisätieto eheytettavaTaiTiivistettava",
    (
        "maakuntakaava",
        None,
        "Yhdyskuntarakenteen eheyttämistarve",
        "kehittamisvyohyke",
    ): "Katja: a development zone with lisätieto eheytettavaTaiTiivistettava",
}


def _words(text: str | None) -> str:
    """Casefolded NFC words joined by single spaces, padded: ``' asuin liike ja '``."""
    text = unicodedata.normalize("NFC", text or "").casefold()
    return " " + " ".join(re.findall(r"[0-9a-zåäöü§]+", text)) + " "


def _stem(word: str) -> str:
    if len(word) > 7 and word.endswith("alue"):
        word = word[: -len("alue")]
    return word if len(word) <= 5 else word[: max(5, len(word) - 3)]


_STOP = {"ja", "tai", "jolle", "jolla", "joka", "jota", "saa", "sijoittaa", "alue", "on", "osa"}


def _label_words(reg: Registry, code: str) -> tuple[str, ...]:
    found = reg[REGULATIONS].get(code)
    label = found.label("fi") if found is not None else None
    return tuple(_stem(w) for w in _words(label).split() if w not in _STOP)


def _named(reg: Registry, code: str, meaning: str) -> bool:
    alternatives: list[tuple[str, ...]] = [_label_words(reg, code)]
    for item in VOCABULARY.get(code, ()):
        alternatives.append((item,) if isinstance(item, str) else item)
    return any(alt and all(w in meaning for w in alt) for alt in alternatives)


def _codes_of(entry: NotationEntry) -> list[tuple[str, str]]:
    """(list, code) of every code an entry emits: regulations, info types, info code values."""
    out: list[tuple[str, str]] = []
    for regulation in entry.regulations:
        out.append((REGULATIONS, regulation.code))
        for info in regulation.additional_information:
            out.append((INFOS, info.type))
            if info.value and not info.code_list:
                out.append((REGULATIONS, info.value))
    return out


def _disagreements(reg: Registry, entry: NotationEntry) -> list[str]:
    problems: list[str] = []
    for list_id, code in _codes_of(entry):
        found = reg[list_id].get(code)
        if found is None:
            problems.append(f"{code} is not in {list_id}")
        elif found.header:
            problems.append(f"{code} is a header-level code of {list_id}")
    if not entry.meaning_fi:
        return problems
    meaning = _words(entry.meaning_fi)
    named = [regulation.code for regulation in entry.regulations] + [
        info.value
        for regulation in entry.regulations
        for info in regulation.additional_information
        if info.type == "kayttotarkoituskohdistus" and info.value
    ]
    for regulation in entry.regulations:
        for info in regulation.additional_information:
            words = INFO_VOCABULARY.get(info.type)
            if words and not any(word in meaning for word in words):
                problems.append(f"the meaning does not say {info.type}")
    for code in named:
        for word in NOT_WHEN.get(code, ()):
            if word in meaning:
                problems.append(f"{code} is not for a meaning with {word.strip()!r}")
        if code in COMPANIONS:
            continue
        if (entry.plan_level, entry.letter, entry.meaning_fi, code) in REVIEWED:
            continue
        if not _named(reg, code, meaning):
            problems.append(f"the meaning does not name {code}")
    return problems


def test_every_notation_entry_agrees_with_its_codes(reg: Registry) -> None:
    failures = []
    for entry in reg.notation.entries:
        for problem in _disagreements(reg, entry):
            failures.append(
                f"{entry.origin} {entry.plan_level} {entry.letter!r} {entry.meaning_fi!r}: {problem}"
            )
    assert not failures, "\n".join(failures)


def test_reviewed_exceptions_are_still_needed(reg: Registry) -> None:
    """A reviewed exception whose entry is gone or now named by its words is removed."""
    entries = {(e.plan_level, e.letter, e.meaning_fi): e for e in reg.notation.entries}
    for level, letter, meaning, code in REVIEWED:
        entry = entries.get((level, letter, meaning))
        assert entry is not None, (level, letter, meaning)
        assert code in entry.regulation_codes
        assert not _named(reg, code, _words(meaning)), (level, letter, meaning, code)


# -- the checker catches the defects it was written for ----------------------------------------


@pytest.mark.parametrize(
    ("level", "letter", "meaning", "codes"),
    [
        # the swap of Arho's Katja library
        ("asemakaava", "pj", "Alue, jolle saa sijoittaa polttoaineen jakeluaseman", ["uloke"]),
        ("asemakaava", "u", "Uloke", ["polttoaineenJakeluasema"]),
        ("asemakaava", "LK", "Kanava-alue", ["satama-alue"]),
        ("asemakaava", "AK", "Asuinrakennusten korttelialue", ["asuinkerrostaloalue"]),
        (
            "asemakaava",
            "t",
            "Rakennusala, jolle saa sijoittaa maatilan talouskeskuksen",
            ["rakennusalaJolleSaaSijoittaaTalousrakennuksen"],
        ),
        ("asemakaava", "ma", "Maanalainen tila", ["maisemallisestiArvokasAlue"]),
        (
            "yleiskaava",
            "vama",
            "Valtakunnallisesti arvokas maisema-alue",
            ["maisemallisestiArvokasAlue"],
        ),
        ("yleiskaava", "W", "Vesiväylä", ["vesivayla"]),
        (
            "maakuntakaava",
            "rr",
            "MRL 33 §:n mukainen rakentamisrajoitus",
            ["rakentamisrajoitusMaakuntakaava"],
        ),
        ("asemakaava", "x", "Olematon", ["eiOleKoodi"]),
    ],
)
def test_the_check_fails_on_wrong_entries(
    reg: Registry, level: str, letter: str, meaning: str, codes: list[str]
) -> None:
    from ryhti.codelists.tables import NotationRegulation

    wrong = NotationEntry(
        letter=letter,
        plan_level=level,
        origin="katja",
        meaning_fi=meaning,
        regulations=tuple(NotationRegulation(code) for code in codes),
    )
    assert _disagreements(reg, wrong)


def test_the_check_fails_on_wrong_additional_information(reg: Registry) -> None:
    from ryhti.codelists.tables import AdditionalInformation, NotationRegulation

    def entry(meaning: str, code: str, *infos: str) -> NotationEntry:
        regulation = NotationRegulation(
            code, tuple(AdditionalInformation(info) for info in ("osaAlue", *infos))
        )
        return NotationEntry("x", "yleiskaava", "katja", meaning, (regulation,))

    # Arho's library gave the landscape-damage row the health-hazard information
    wrong = entry(
        "Ympäristö- tai maisemavaurion korjaustarve",
        "ymparistohairioalue",
        "terveyshaitanPoistamistarve",
    )
    assert _disagreements(reg, wrong) == ["the meaning does not say terveyshaitanPoistamistarve"]
    right = entry(
        "Ympäristö- tai maisemavaurion korjaustarve",
        "ymparistohairioalue",
        "ymparistoTaiMaisemavaurionKorjaustarve",
    )
    assert _disagreements(reg, right) == []
    assert _disagreements(
        reg,
        entry("Maakunnallisesti arvokas maisema-alue", "maisemallisestiArvokasAlue", "paikallinen"),
    )


def test_the_corrected_entries(reg: Registry) -> None:
    notation = reg.notation

    def codes(letter: str, level: str, origin: str = "katja") -> list[tuple[str, ...]]:
        return [e.regulation_codes for e in notation.by_letter(letter, level) if e.origin == origin]

    assert codes("pj", "AK") == [("polttoaineenJakeluasema",)]
    assert codes("u", "AK") == [("uloke",)]
    assert codes("pj", "AK", "traditional") == [("polttoaineenJakeluasema",)]
    assert codes("u", "AK", "traditional") == [("uloke",)]
    assert codes("LK", "AK") == [("kanava",)]
    assert codes("LK", "AK", "traditional") == [("kanava",)]
    assert [e.regulation_codes for e in notation.by_meaning("Kanava-alue", "AK")] == [
        ("kanava",),
        ("kanava",),
    ]
    # qaava's letters that contradicted their meanings
    assert [e.letter for e in notation.by_meaning("Asuinrakennusten korttelialue", "AK")] == ["A"]
    assert codes("AK", "AK", "traditional") == [("asuinkerrostaloalue",)]
    assert [e.regulation_codes for e in notation.by_meaning("Pysäköimispaikka", "AK")] == [
        ("pysakoinninAlue",),
        ("pysakoinninAlue",),
    ]
    assert [
        e.regulation_codes
        for e in notation.by_meaning(
            "Rakennusala, jolle saa sijoittaa maatilan talouskeskuksen", "AK"
        )
    ] == [("rakennusala",), ("rakennusala",)]
    assert codes("t", "AK", "traditional") == [("rakennusalaJolleSaaSijoittaaTalousrakennuksen",)]
    under = notation.by_meaning("Kadun tai liikennealueen alittava kevyen liikenteen yhteys", "AK")
    assert [e.regulation_codes for e in under] == [("alikulku",)]
    assert {i.value for i in under[0].regulations[0].additional_information} >= {
        "jalankulkualue",
        "pyorailyalue",
    }
    over = notation.by_meaning("Kadun tai liikennealueen ylittävä kevyen liikenteen yhteys", "AK")
    assert [e.regulation_codes for e in over] == [("ylikulku",)]
    # the national value of a landscape or built heritage has its own code at every level
    for level in ("AK", "YK", "MK"):
        assert codes("vama", level) == [("valtakunnallisestiArvokasMaisemaAlue",)]
        assert codes("rky", level) == [
            ("valtakunnallisestiMerkittavaRakennettuKulttuuriymparisto",)
        ]
    assert codes("hk", "AK") == [("katu",)]
    assert notation.by_meaning("Hidaskatu", "AK")[0].letter == "hk"
    assert "jl" not in {e.letter for e in notation.by_meaning("Hidaskatu", "AK")}


def test_a_combined_sign_gives_every_member(reg: Registry) -> None:
    entries = reg.notation.by_letter("AKR", "asemakaava")
    assert [e.origin for e in entries] == ["combined"]
    assert entries[0].regulation_codes == (
        "asuinkerrostaloalue",
        "rivitalojenJaMuidenKytkettyjenAsuinpientalojenAlue",
    )
    assert all(
        reg_.additional_information[0].type == "paakayttotarkoitus"
        for reg_ in entries[0].regulations
    )
    assert entries[0].members == ("AK", "AR")
    assert reg.notation.by_letter("AKR-1", "AK") == entries
    assert (
        reg.notation.by_meaning("Asuinkerrostalojen ja rivitalojen korttelialue", "AK") == entries
    )


def test_corrections_are_recorded_with_their_reasons(reg: Registry) -> None:
    corrections = reg.notation.corrections
    assert len(corrections) == reg.notation.data["counts"]["corrections"] >= 20
    by_row = {(c["source"], c["plan_level"], c["letter"], c["meaning_fi"]): c for c in corrections}
    swap = by_row[
        ("katja", "asemakaava", "pj", "Alue, jolle saa sijoittaa polttoaineen jakeluaseman")
    ]
    assert swap["set"]["regulations"][0]["code"] == "polttoaineenJakeluasema"
    assert "u" in swap["why"]
    assert all(c["why"] and c["set"] for c in corrections)
