"""Cue words: the small, explainable rules that give a found value its regulation type.

Each rule names the lemma(s) that trigger it, so the ``evidence`` of a result can say why
("e= → tehokkuusluku", "cue 'kellari' → kellarinSallittuOsuusKerrosalasta"). Lemmas are
Voikko base forms, lower-cased (see :mod:`ryhti.nlp.lemmatizer`); a cue matches a lemma
that equals it or, for compounds, ends with it (``liikennemelu`` ends with ``melu``).
"""

from __future__ import annotations

from dataclasses import dataclass

#: Canonical unit of each value-carrying code (the project's choice where sources differ:
#: RYHTI has no unit code list, these follow the official examples).
UNITS: dict[str, str | None] = {
    "sallittuKerrosala": "k-m2",
    "sallittuRakennustilavuus": "m3",
    "tehokkuusluku": "k-m2/m2",
    "vihertehokkuus": "m2/m2",
    "valjyysluku": "m2/k-m2",
    "rakentamisenSuhdeAlueenPintaAlaan": "%",
    "kellarinSallittuOsuusKerrosalasta": "%",
    "ullakonSallittuOsuusKerrosalasta": "%",
    "maanpinnanKorkeusasema": "m",
    "vesikatonYlimmanKohdanKorkeusasema": "m",
    "julkisivupinnanJaVesikatonLeikkauskohdanKorkeusasema": "m",
    "julkisivunEnimmaiskorkeus": "m",
    "rakennustenRakenteidenJaLaitteidenYlinKorkeusasema": "m",
    "rakennustenRakenteidenJaLaitteidenAlinKorkeusasema": "m",
    "alinPainovoimainenViemarointitaso": "m",
    "kosteudelleAlttiidenRakenteidenAlinRakentamiskorkeus": "m",
    "tuulivoimalanEnimmaiskorkeus": "m",
    "kattokaltevuus": "°",
    "aaneneristavyys": "dB",
    "kerrosneliomaaraYhtaAutopaikkaaKohden": "k-m2",
    "kerrosneliomaaraYhtaPyorapaikkaaKohden": "k-m2",
    "kayttotarkoituksenOsuusKerrosalastaK-m2": "k-m2",
    "kayttotarkoituksenOsuusKerrosalastaPros": "%",
    "kayttotarkoituksenOsuusRakennustilavuudestaK-m3": "m3",
    "kayttotarkoituksenOsuusRakennustilavuudestaPros": "%",
    "kayttotarkoituksenOsuusMaapintaAlasta": "%",
}

#: Preferred dataType per code when the code-list value-type table says nothing.
DATA_TYPES: dict[str, str] = {
    "tehokkuusluku": "PositiveDecimal",
    "vihertehokkuus": "PositiveDecimal",
    "valjyysluku": "PositiveDecimal",
    "maanpinnanKorkeusasema": "Decimal",
    "vesikatonYlimmanKohdanKorkeusasema": "Decimal",
    "julkisivupinnanJaVesikatonLeikkauskohdanKorkeusasema": "Decimal",
    "rakennustenRakenteidenJaLaitteidenYlinKorkeusasema": "Decimal",
    "rakennustenRakenteidenJaLaitteidenAlinKorkeusasema": "Decimal",
    "alinPainovoimainenViemarointitaso": "Decimal",
    "kosteudelleAlttiidenRakenteidenAlinRakentamiskorkeus": "Decimal",
    "julkisivunEnimmaiskorkeus": "PositiveDecimal",
    "aaneneristavyys": "PositiveDecimal",
    "kattokaltevuus": "Decimal",
    "autopaikkojenMaaraAsuntoaKohden": "PositiveDecimal",
    "pyorapaikkojenMaaraAsuntoaKohden": "PositiveDecimal",
    "maanpaallinenKerroslukuArvovali": "PositiveNumericRange",
    "maanalainenKerroslukuArvovali": "PositiveNumericRange",
    "kerroksetJotaMaaraysKoskee": "NumericRange",
    "maanalainenKerroslukuLuku": "Numeric",
}

#: Regulation types whose value is the regulation's own text (LocalizedText).
TEXT_TYPES = frozenset(
    {
        "sanallinenMaarays",
        "rakentamisrajoitusYleiskaava",
        "rakentamisrajoitusMaakuntakaava",
        "maaraAikainenRakentamisrajoitus",
        "toimenpiderajoitus",
        "maaraAikainenKieltoRakennuksenRakentamiseksi",
        "suunnittelumaarays",
        "rakentamismaarays",
        "suojelumaarays",
    }
)
#: Types whose label heads a block of regulation text ("Suunnittelumääräys:",
#: "Rakentamismääräys:"): the block is a sanallinenMaarays of that verbal category (LABELLING.md 10).
LABEL_TYPES = frozenset({"suunnittelumaarays", "rakentamismaarays"})
NAME_TYPES = frozenset(
    {
        "kadunTaiTienNimi",
        "torinTaiKatuaukionNimi",
        "puistonTaiMuunYleisenAlueenNimi",
        "kaupunginTaiKunnanosanNimi",
    }
)
NUMBER_ID_TYPES = (
    "korttelinNumero",
    "tontinTaiRakennuspaikanNumero",
    "kaupunginTaiKunnanosanNumero",
)

#: Use words → the RY_Kaavamaarayslaji code of that use (for shares of floor area and
#: use-targeted parking norms).
USE_CUES: dict[str, str] = {
    "liiketila": "liikerakennustenAlue",
    "liikerakentaminen": "liikerakennustenAlue",
    "liikerakennus": "liikerakennustenAlue",
    "liikehuoneisto": "liikerakennustenAlue",
    "myymälätila": "myymalarakennustenAlue",
    "myymälä": "myymalarakennustenAlue",
    "päivittäistavarakauppa": "myymalarakennustenAlue",
    "asuinhuoneisto": "asumisenAlue",
    "asunto": "asumisenAlue",
    "asuminen": "asumisenAlue",
    "asua": "asumisenAlue",  # Voikko's base form of "asumisen", "asumiselle"
    "asuma": "asumisenAlue",  # … and of "asumista"
    "liikerakentaa": "liikerakennustenAlue",  # … of "liikerakentamista"
    "asuinkerrosala": "asumisenAlue",
    "asuintila": "asumisenAlue",
    "asuinkerrostalo": "asuinkerrostaloalue",
    "rivitalo": "rivitalojenJaMuidenKytkettyjenAsuinpientalojenAlue",
    "toimistotila": "toimistorakennustenAlue",
    "toimisto": "toimistorakennustenAlue",
    "palvelutila": "palvelujenAlue",
    "liike": "liikerakennustenAlue",
    "päiväkoti": "paivakoti",
}

#: Counted nouns after a number → count regulations.
COUNT_NOUNS: dict[str, str] = {
    "autopaikka": "autopaikkojenMaara",
    "ap": "autopaikkojenMaara",
    "asunto": "asuntojenMaara",
    "asuinhuoneisto": "asuntojenMaara",
    "tuulivoimala": "tuulivoimaloidenMaara",
    "rakennuspaikka": "rakennuspaikkojenMaara",
    "pyöräpaikka": "pyorapaikkojenMaara",
    "polkupyöräpaikka": "pyorapaikkojenMaara",
}

#: Confidence of a use read from a share of floor area when the use is a part of the entry's
#: main use (a cap for groceries in a retail area): below the review threshold.
PART_OF_MAIN_USE_CONFIDENCE = 0.7

#: Adjectives that may stand between a count and its noun ("enintään 40 uutta asuntoa").
COUNT_ADJECTIVES = frozenset({"uusi", "erillinen", "lisä", "uudet", "itsenäinen", "pieni"})

#: Counted places after a number in a sentence with "asuntoa kohden" → per-dwelling norms.
PER_DWELLING_NOUNS: dict[str, str] = {
    "autopaikka": "autopaikkojenMaaraAsuntoaKohden",
    "ap": "autopaikkojenMaaraAsuntoaKohden",
    "pyöräpaikka": "pyorapaikkojenMaaraAsuntoaKohden",
    "polkupyöräpaikka": "pyorapaikkojenMaaraAsuntoaKohden",
}

#: Elevation cues, tried in order; the first whose lemmas are all present wins. The words that
#: name *what* is at that level (the roof, the eaves, the ground, the lowest floor) decide; the
#: height system (N2000, N60) says only how the level is measured, so it comes last and alone
#: gives no more than a guess (:data:`ELEVATION_SYSTEM_CONFIDENCE`, below the review threshold).
ELEVATION_CUES: list[tuple[tuple[str, ...], str]] = [
    (("viemäröintitaso",), "alinPainovoimainenViemarointitaso"),
    (("viemäröinti",), "alinPainovoimainenViemarointitaso"),
    (("laite", "ylin"), "rakennustenRakenteidenJaLaitteidenYlinKorkeusasema"),
    (("laite", "alin"), "rakennustenRakenteidenJaLaitteidenAlinKorkeusasema"),
    (("julkisivupinta",), "julkisivupinnanJaVesikatonLeikkauskohdanKorkeusasema"),
    (("leikkauskohta",), "julkisivupinnanJaVesikatonLeikkauskohdanKorkeusasema"),
    (("räystäs",), "julkisivupinnanJaVesikatonLeikkauskohdanKorkeusasema"),
    (("vesikatto",), "vesikatonYlimmanKohdanKorkeusasema"),
    (("maanpinta",), "maanpinnanKorkeusasema"),
    (("kosteus",), "kosteudelleAlttiidenRakenteidenAlinRakentamiskorkeus"),
    (("rakentamiskorkeus",), "kosteudelleAlttiidenRakenteidenAlinRakentamiskorkeus"),
    (("lattia", "alin"), "kosteudelleAlttiidenRakenteidenAlinRakentamiskorkeus"),
    # "ei saa sijoittaa … alle tason +78,5", "… tason +5,4 yläpuolelle" ("alle" reads as *alla*)
    (("taso", "alla"), "kosteudelleAlttiidenRakenteidenAlinRakentamiskorkeus"),
    (("taso", "alle"), "kosteudelleAlttiidenRakenteidenAlinRakentamiskorkeus"),
    (("taso", "yläpuoli"), "kosteudelleAlttiidenRakenteidenAlinRakentamiskorkeus"),
]
#: Height systems: a level given only with one of these ("… tasolle +3,5 (N2000)") is most
#: often the lowest level for structures (a flood rule), but nothing in the words says so.
ELEVATION_SYSTEMS: tuple[str, ...] = ("n2000", "n60")
ELEVATION_SYSTEM_CODE = "kosteudelleAlttiidenRakenteidenAlinRakentamiskorkeus"

#: Sentence cues of additional information and special regulation types.
ADDITIONAL_CUES: list[tuple[tuple[str, ...], str]] = [
    (("sitoa", "tonttijako"), "sitovaTonttijakoLaadittava"),
    (("sitova", "tonttijako"), "sitovaTonttijakoLaadittava"),
    (("rakentamistapaohje",), "rakentamistapaohjeHuomioitava"),
    (("rakennuslupa", "peruste"), "rakennusluvanPeruste"),
    (("varata", "valtio"), "varattuValtionKayttoon"),
    (("varattu", "valtio"), "varattuValtionKayttoon"),
    (("varata", "kunta"), "varattuKunnanKayttoon"),
    (("varattu", "kunta"), "varattuKunnanKayttoon"),
    # "Johtoreitin sijainti on ohjeellinen": the location of what the entry draws is indicative
    (("sijainti", "ohjeellinen"), "ohjeellinenSijainti"),
    (("sijainti", "likimääräinen"), "ohjeellinenSijainti"),
]
RESTRICTION_CUES: dict[str, str] = {
    "toimenpiderajoitus": "toimenpiderajoitus",
    "rakentamisrajoitus": "rakentamisrajoitus",
    "rakentamiskielto": "rakentamiskielto",
}

#: Title words that add additional information.
MODIFIERS: list[tuple[tuple[str, ...], str]] = [
    (("uusi",), "uusi"),
    (("olla", "oleva"), "olemassaOleva"),
    (("olemassaoleva",), "olemassaOleva"),
    (("nykyinen",), "olemassaOleva"),
    (("säilytettävä",), "sailytettava"),
    (("kehitettävä",), "kehitettava"),
    (("reservialue",), "reservialue"),
    (("reservi",), "reservialue"),
    (("olennaisesti", "muuttuva"), "olennaisestiMuuttuva"),
    (("merkittävästi", "parannettava"), "merkittavastiParannettava"),
    (("eheytettävä",), "eheytettavaTaiTiivistettava"),
    (("tiivistettävä",), "eheytettavaTaiTiivistettava"),
    (("yhteystarve",), "yhteystarve"),
    (("vaihtoehtoinen",), "vaihtoehtoinen"),
    (("ohjeellinen",), "ohjeellinenSijainti"),
    (("likimääräinen",), "ohjeellinenSijainti"),
    (("kansainvälisesti",), "kansainvalinen"),
    (("kansainvälinen",), "kansainvalinen"),
    (("valtakunnallisesti",), "valtakunnallinen"),
    (("valtakunnallinen",), "valtakunnallinen"),
    (("maakunnallisesti",), "maakunnallinen"),
    (("maakunnallinen",), "maakunnallinen"),
    (("seudullisesti",), "seudullinen"),
    (("paikallisesti",), "paikallinen"),
]

#: Cues inside a title's relative clause: (lemmas, additional-information type, Code value).
TITLE_CUES: list[tuple[tuple[str, ...], str, str | None]] = [
    (("huoltoajo",), "kayttotarkoituskohdistus", "huoltoajoalue"),
    (("tontti", "ajo", "sallittu"), "tontilleAjoSallittu", None),
    # "…, jolla ympäristö säilytetään" (the /s of a main-use area): the environment is kept
    (("ympäristö", "säilyttää"), "sailytettava", None),
]


@dataclass(frozen=True)
class NumberCue:
    """One row of :data:`NUMBER_CUES`: when a number means a regulation, and how sure that is.

    A row matches a quantity when every condition it names holds; the first matching row
    decides. ``code`` ``None`` means *the number is not a value* (extra building right, a
    threshold, a noise level), so nothing is made. ``action`` says what a match makes:
    ``value`` (``code`` with the number), ``use_share`` (the additional information ``code``
    on each use named nearby), ``per_dwelling``/``count`` (the code of the counted noun after
    the number, from :data:`PER_DWELLING_NOUNS`/:data:`COUNT_NOUNS`). ``why`` is the evidence,
    with ``{text}`` (the number as written), ``{next}`` (the counted noun) filled in.
    """

    code: str | None
    confidence: float = 0.0
    why: str = ""
    #: quantity kinds the row reads (``number``, ``count``, ``range``)
    kinds: tuple[str, ...] = ("number", "count")
    #: units the number must have (``None`` inside: no unit); ``None``: any unit
    units: tuple[str | None, ...] | None = (None,)
    #: groups of cue lemmas: one lemma of every group must be in the sentence
    any_of: tuple[tuple[str, ...], ...] = ()
    #: cue lemmas none of which may be in the sentence
    none_of: tuple[str, ...] = ()
    #: lemmas one of which must be in the sentence exactly (not as part of a compound)
    exact: tuple[str, ...] = ()
    integral: bool = False
    #: bounds on the number: above < n, n < below, n <= at_most
    above: float | None = None
    below: float | None = None
    at_most: float | None = None
    #: only in a notation (a sign or a line that is nothing but notation)
    notation: bool = False
    #: not when the sentence names a floor ("ensimmäisessä kerroksessa")
    no_floor: bool = False
    #: the code when the sentence has the exact lemma "maanalainen"
    underground: str | None = None
    #: only when a place name (a capitalised word inside the clause) comes before the number
    named_place: bool = False
    #: only inside a block labelled "Suunnittelumääräys:" (a directive to the next planning level)
    directive: bool = False
    #: only when the number is a bound of this kind ("min": vähintään/yli, "max": enintään)
    bound: str | None = None
    #: only at these plan levels (``None``: at every level)
    levels: tuple[str, ...] | None = None
    action: str = "value"


#: Words that ask for or name a count ("kuinka monta", "määrä", "lukumäärä").
COUNT_WORDS = ("moni", "määrä", "lukumäärä")
_KM2 = ("k-m2",)
_ANY_UNIT = None
#: Words that make "asunto" mean "each dwelling" ("asuntoa kohden", "kullekin asunnolle").
_EACH = ("kohden", "kohti", "kukin", "jokainen")

#: How a number found in a sentence becomes a regulation, tried in order (see :class:`NumberCue`).
#: The cue words match lemmas the way :func:`ryhti.nlp.tokens.has_cue` does (a compound that
#: ends with the cue, or starts with a long one, counts).
NUMBER_CUES: tuple[NumberCue, ...] = (
    # ranges: "2–4 kerrosta", "15–30°"
    NumberCue("maanpaallinenKerroslukuArvovali", 0.9, "'{text}' range + kerros", kinds=("range",),
         units=_ANY_UNIT, any_of=(("kerros", "kerrosluku"),)),
    NumberCue("kattokaltevuus", 0.85, "'{text}' range of roof pitch", kinds=("range",), units=("°",)),
    NumberCue("kattokaltevuus", 0.85, "'{text}' range of roof pitch", kinds=("range",),
         units=_ANY_UNIT, any_of=(("kattokaltevuus",),)),
    # floor area: extra building right, thresholds and per-area norms are not building right,
    # nor are the caps a yleiskaava gives named places ("Hervannassa 70 000 k-m²")
    # "0,4 kerrosneliömetriä tontin pinta-alan neliömetriä kohden": an efficiency in words
    NumberCue("tehokkuusluku", 0.9, "'{text}' per m² of plot → efficiency", units=_KM2, below=10,
         any_of=(("neliömetri", "pinta-ala"), ("kohden", "kohti"))),
    NumberCue(None, units=_KM2, any_of=(("lisäksi", "alaraja", "kokoraja", "kohden"),)),
    # "… suuryksikön, jonka kerrosala on yli 4 000 k-m²": a lower bound of retail is the size
    # that makes a unit large (a threshold of retail steering), not the area's floor area
    NumberCue(None, units=_KM2, bound="min",
              any_of=(("suuryksikkö", "vähittäiskauppa", "myymälä", "kauppa", "myymäläkeskittymä"),)),
    # the size of one retail unit (a threshold of retail steering), not the area's floor area
    NumberCue(None, units=_KM2, any_of=(("suuruinen", "kokoinen"),
                                        ("suuryksikkö", "myymälä", "vähittäiskauppa", "kauppa"))),
    NumberCue(None, units=_KM2, named_place=True),
    # "Tontin rakennusoikeudesta saa käyttää enintään 150 k-m² asumiseen": the building right
    # is what the share is taken of; the use it is for names the share
    NumberCue("kayttotarkoituksenOsuusKerrosalastaK-m2", 0.88,
              "'{text}' of the building right for a use → share of floor area", units=_KM2,
              action="use_share", any_of=(("käyttää",), ("rakennusoikeus", "kerrosala")),
              none_of=("mitoitus", "enimmäismitoitus")),
    NumberCue("kayttotarkoituksenOsuusKerrosalastaK-m2", 0.88, "'{text}' share of floor area for a use",
         units=_KM2, action="use_share",
         any_of=(("käyttää", "saa", "sijoittaa", "rakentaa", "olla", "varten"),),
         none_of=("rakennusoikeus", "mitoitus", "enimmäismitoitus")),
    # "Vähittäiskaupan enimmäismitoitus on 40 000 k-m²" in a yleiskaava or maakuntakaava: the
    # dimensioning of retail steering, kept as the regulation's text; the real Tampere legend
    # labels it "numbers that are not values" (LABELLING.md 14), as every blind writer did
    NumberCue(None, units=_KM2, any_of=(("mitoitus", "enimmäismitoitus"),),
              levels=("yleiskaava", "maakuntakaava")),
    # "Suunnittelumääräys: … Alueen vähittäiskaupan enimmäismitoitus on 40 000 k-m²": a
    # dimensioning inside a directive to the next planning level, which plans keep in the text
    # as often as they code it as the area's building right
    NumberCue("sallittuKerrosala", 0.75, "'{text}' k-m² dimensioning in a planning directive → "
              "building right? (a directive's dimensioning is often kept as text; review)",
              units=_KM2, any_of=(("mitoitus", "enimmäismitoitus"),), directive=True),
    NumberCue("sallittuKerrosala", 0.93, "'{text}' k-m² → building right", units=_KM2),
    # per cent
    NumberCue(None, units=("%",), any_of=(("lisäksi",),)),
    NumberCue("kellarinSallittuOsuusKerrosalasta", 0.9, "'{text}' + kellari", units=("%",),
         any_of=(("kellari", "kellarikerros"),)),
    NumberCue("ullakonSallittuOsuusKerrosalasta", 0.9, "'{text}' + ullakko", units=("%",),
         any_of=(("ullakko",),)),
    NumberCue("rakentamisenSuhdeAlueenPintaAlaan", 0.88, "'{text}' built share of area", units=("%",),
         any_of=(("rakennusala", "rakennettu", "rakentaa"), ("pinta-ala", "pinta")),
         none_of=("jättää", "rakentamaton", "istuttaa", "läpäisevä", "vihreä", "kerrosala")),
    NumberCue("kayttotarkoituksenOsuusKerrosalastaPros", 0.88, "'{text}' share of floor area for a use",
         units=("%",), action="use_share", any_of=(("kerrosala", "rakennusoikeus"),)),
    # volume
    NumberCue("sallittuRakennustilavuus", 0.9, "'{text}' m³ building right", units=("m3",),
         any_of=(("rakennusoikeus", "rakennustilavuus"),)),
    # metres
    NumberCue("tuulivoimalanEnimmaiskorkeus", 0.92, "'{text}' + tuulivoimala", units=("m",),
         any_of=(("tuulivoimala",),)),
    NumberCue("julkisivunEnimmaiskorkeus", 0.92, "'{text}' + julkisivun korkeus", units=("m",),
         any_of=(("julkisivu",), ("korkeus", "enimmäiskorkeus"))),
    NumberCue("kosteudelleAlttiidenRakenteidenAlinRakentamiskorkeus", 0.85,
         "'{text}' lowest building level", units=("m",),
         any_of=(("rakentamiskorkeus", "kosteus"),)),
    # decibels: a noise level or guide value is not sound insulation
    NumberCue(None, units=("dB",), any_of=(("melutaso", "ohjearvo"),)),
    NumberCue("aaneneristavyys", 0.93, "'{text}' dB → sound insulation", units=("dB",),
         any_of=(("ääneneristävyys",),)),
    NumberCue("aaneneristavyys", 0.8, "'{text}' dB → sound insulation", units=("dB",),
              any_of=(("sivu", "ulkoseinä", "julkisivu", "seinä", "ikkuna", "rakenne"),)),
    NumberCue(None, units=("dB",)),  # a noise level given for attention, not insulation
    # degrees
    NumberCue("kattokaltevuus", 0.93, "'{text}' ° → roof pitch", units=("°",)),
    # no unit: counted nouns, storeys and efficiency in words, legend numbers
    # "1,5 autopaikkaa asuntoa kohden", "kullekin asunnolle yksi autopaikka" (any order)
    NumberCue(None, 0.9, "'{text} {next}' + asuntoa kohden → per-dwelling norm", below=10,
         action="per_dwelling", any_of=(("asunto",), _EACH)),
    NumberCue(None, 0.9, "'{text} {next}' + asuntokohtainen → per-dwelling norm", below=10,
         action="per_dwelling", any_of=(("asuntokohtainen",),)),
    # "Autopaikkoja on rakennettava yksi kutakin asuntoa kohden": the places before the number
    NumberCue(None, 0.88, "'{text}' + {next} + asuntoa kohden → per-dwelling norm", below=10,
         action="per_dwelling_any", any_of=(("asunto",), _EACH)),
    NumberCue(None, 0.9, "'{text} {next}' → count", integral=True, action="count"),
    # the counted noun before the number, which closes the clause: "Asuntojen enimmäismäärä
    # korttelialueella on kolme", "Asuntoja saa olla enintään neljä"
    NumberCue(None, 0.88, "'{text}' + {next} + määrä → count", integral=True, above=0,
              any_of=(COUNT_WORDS,), action="count_before"),
    NumberCue(None, 0.85, "'{text}' closes a clause about {next} → count", integral=True, above=0,
              action="count_before_last"),
    NumberCue("maanpaallinenKerroslukuLuku", 0.88, "'{text}' + kerros(luku) → storeys", integral=True,
         above=0, at_most=30, exact=("kerros", "kerrosluku"), no_floor=True,
         underground="maanalainenKerroslukuLuku"),
    NumberCue("maanpaallinenKerroslukuLuku", 0.88, "'{text}' + kerrosluku → storeys", integral=True,
         above=0, at_most=30, any_of=(("kerrosluku",),), no_floor=True,
         underground="maanalainenKerroslukuLuku"),
    NumberCue("vihertehokkuus", 0.9, "'{text}' + vihertehokkuus", any_of=(("vihertehokkuus",),)),
    NumberCue("tehokkuusluku", 0.9, "'{text}' + tehokkuusluku", below=10,
         any_of=(("tehokkuusluku", "tehokkuus"),)),
    NumberCue(None, kinds=("count",)),
    NumberCue("korttelinNumero", 0.93, "'{text}' + kortteli numero", kinds=("number",), notation=True,
         integral=True, any_of=(("kortteli",), ("numero",))),
    NumberCue("kaupunginTaiKunnanosanNumero", 0.93, "'{text}' + kaupunginosa numero", kinds=("number",),
         notation=True, integral=True, any_of=(("kaupunginosa",), ("numero",))),
    NumberCue("kaupunginTaiKunnanosanNumero", 0.93, "'{text}' + kunnanosa numero", kinds=("number",),
         notation=True, integral=True, any_of=(("kunnanosa",), ("numero",))),
    NumberCue("tontinTaiRakennuspaikanNumero", 0.93, "'{text}' + tontti numero", kinds=("number",),
         notation=True, integral=True, any_of=(("tontti",), ("numero",))),
    NumberCue("tontinTaiRakennuspaikanNumero", 0.93, "'{text}' + rakennuspaikka numero",
         kinds=("number",), notation=True, integral=True,
         any_of=(("rakennuspaikka",), ("numero",))),
    NumberCue(None, kinds=("number",), notation=True, integral=True, any_of=(("numero",),)),
    NumberCue("sallittuKerrosala", 0.93, "'{text}' legend number → building right (k-m²)",
         kinds=("number",), notation=True, integral=True,
         any_of=(("rakennusoikeus", "kerrosneliömetri", "kerrosalaneliömetri"),)),
    # a bare legend number is usually a floor area; a small one may as well be a block, plot or
    # other index, so without a cue it is only a guess
    NumberCue("sallittuKerrosala", 0.7, "'{text}' legend number → building right (k-m²)? "
              "(a small number without a unit or cue; review)",
         kinds=("number",), notation=True, integral=True, below=100),
    NumberCue("sallittuKerrosala", 0.82, "'{text}' legend number → building right (k-m²)",
         kinds=("number",), notation=True, integral=True),
)  # fmt: skip

#: Confidence of the quantities whose notation names their type (``1 ap / 100 k-m²``,
#: ``e=0,8``, ``III``, ``u½``, ``+23.5``) before any cue word is read.
QUANTITY_CONFIDENCE: dict[str, float] = {
    "per_area": 0.95,
    "per_dwelling": 0.95,
    "efficiency": 0.97,
    "storeys": 0.95,
    "storey_range": 0.95,
    "share": 0.9,
    "elevation_cue": 0.92,
    "elevation_alone": 0.85,
    # "vähintään tasolle +3,5": a lowest level with no word for what is at it
    "elevation_lowest_level": 0.85,
    # only the height system names the level: a guess, below the review threshold
    "elevation_system": 0.72,
    "sites": 0.88,
}


@dataclass(frozen=True)
class ExplainCue:
    """One row of :data:`EXPLAIN_CUES`: what a legend line that explains a sign's number means.

    "Roomalainen numero osoittaa … suurimman sallitun kerrosluvun" gives the quantity's type;
    the value is in the sign when the sign carries one. ``use_share`` names the additional
    information for a use the line names ("… käyttää asuinhuoneistoja varten"): the use code
    comes from :data:`USE_CUES`.
    """

    codes: tuple[str, ...]
    any_of: tuple[tuple[str, ...], ...]
    why: str
    none_of: tuple[str, ...] = ()
    additional: tuple[str, ...] = ()
    use_share: str | None = None
    confidence: float = 0.9


#: A name that is a numbered thing ("Kortteli 12", "Tontti 3"): the thing's lemma → the code of
#: its number (the code list's "<thing>n numero").
NUMBERED_NAMES: dict[str, str] = {
    "kortteli": "korttelinNumero",
    "tontti": "tontinTaiRakennuspaikanNumero",
    "rakennuspaikka": "tontinTaiRakennuspaikanNumero",
    "kaupunginosa": "kaupunginTaiKunnanosanNumero",
    "kunnanosa": "kaupunginTaiKunnanosanNumero",
}


#: Legend lines that explain a sign's number or mark, tried in order (the first that matches
#: decides). Cue words match lemmas the way :func:`ryhti.nlp.tokens.has_cue` does.
EXPLAIN_CUES: tuple[ExplainCue, ...] = (
    ExplainCue((), (("alleviivata", "alleviivattu"),), "an underlined number is to be followed exactly",
               additional=("ehdottomastiNoudatettava",)),
    ExplainCue((), (("ehdoton", "ehdottomasti"), ("käytettävä", "käyttää", "noudatettava", "noudattaa")),
               "a number to be used exactly (an underlined number)",
               additional=("ehdottomastiNoudatettava",)),
    ExplainCue(("kellarinSallittuOsuusKerrosalasta",), (("murtoluku",), ("edessä", "kellari", "kellarikerros")),
               "a fraction before the numeral: basement share"),
    ExplainCue(("ullakonSallittuOsuusKerrosalasta",), (("murtoluku",), ("jäljessä", "ullakko")),
               "a fraction after the numeral: attic share"),
    ExplainCue(("ullakonSallittuOsuusKerrosalasta",), (("ullakko",), ("osuus", "osa")), "attic share"),
    ExplainCue(("maanalainenKerroslukuLuku",), (("kerrosluku", "kerros"), ("maanalainen",)),
               "Roman numeral: underground storeys"),
    ExplainCue(("maanalainenKerroslukuLuku",), (("kerrosluku", "kerros"), ("maa",), ("alla",)),
               "Roman numeral: storeys placed under ground"),
    ExplainCue(("maanpaallinenKerroslukuArvovali",), (("kerrosluku",), ("pieni", "vähin", "alin", "vähimmäis")),
               "Roman numerals: smallest and largest number of storeys"),
    ExplainCue(("maanpaallinenKerroslukuLuku",), (("kerrosluku",),), "Roman numeral: largest number of storeys"),
    ExplainCue(("autopaikkojenMaaraAsuntoaKohden",), (("autopaikka",), ("asunto",), ("kohti", "kohden")),
               "car places per dwelling"),
    ExplainCue(("pyorapaikkojenMaaraAsuntoaKohden",), (("pyöräpaikka", "polkupyöräpaikka"), ("asunto",)),
               "bicycle places per dwelling"),
    ExplainCue(("kerrosneliomaaraYhtaAutopaikkaaKohden",),
               (("autopaikka",), ("kerrosalaneliömetri", "kerrosneliömetri", "kerrosala")),
               "floor area per car place"),
    ExplainCue(("kerrosneliomaaraYhtaPyorapaikkaaKohden",),
               (("pyöräpaikka", "polkupyöräpaikka"), ("kerrosalaneliömetri", "kerrosneliömetri", "kerrosala")),
               "floor area per bicycle place"),
    ExplainCue((), (("kuutiometri",), ("kerrostilavuus", "rakennustilavuus")),
               "volume for a use", use_share="kayttotarkoituksenOsuusRakennustilavuudestaK-m3"),
    ExplainCue((), (("prosentti",), ("kerrostilavuus", "rakennustilavuus")),
               "share of building volume for a use", use_share="kayttotarkoituksenOsuusRakennustilavuudestaPros"),
    ExplainCue((), (("prosentti",), ("kerrosala", "rakennusoikeus")),
               "share of floor area for a use", use_share="kayttotarkoituksenOsuusKerrosalastaPros"),
    ExplainCue((), (("kerrosneliömetri", "kerrosalaneliömetri", "neliömetri"), ("varten", "käyttää")),
               "floor area for a use", none_of=("lisäksi",),
               use_share="kayttotarkoituksenOsuusKerrosalastaK-m2"),
    ExplainCue(("valjyysluku",), (("osa",), ("jättää", "jätettävä"), ("rakentaa", "rakentamaton")),
               "share of the area to be left unbuilt"),
    ExplainCue(("rakentamisenSuhdeAlueenPintaAlaan",), (("osa",), ("alue", "rakennusala"), ("rakentaminen",)),
               "share of the area that may be built on"),
    # "kuinka monta …": a count whose code the code list names "<the counted things> määrä"
    ExplainCue(("tuulivoimalanEnimmaiskorkeus",), (("tuulivoimala",), ("korkeus",)), "height of a wind turbine"),
    ExplainCue(("tuulivoimaloidenMaara",), (("tuulivoimala",), COUNT_WORDS), "number of wind turbines"),
    ExplainCue(("rakennuspaikkojenMaara",), (("rakennuspaikka",), COUNT_WORDS), "number of building sites"),
    ExplainCue(("autopaikkojenMaara",), (("autopaikka",), COUNT_WORDS), "number of car places"),
    ExplainCue(("pyorapaikkojenMaara",), (("pyöräpaikka", "polkupyöräpaikka"), COUNT_WORDS),
               "number of bicycle places"),
    ExplainCue(("asuntojenMaara",), (("asunto",), COUNT_WORDS), "number of dwellings"),
    ExplainCue(("aaneneristavyys",), (("ääneneristävyys",),), "sound insulation of the side"),
    ExplainCue(("pysakoinninAlue",), (("kortteli",), ("autopaikka",)),
               "blocks whose car places may be placed here", additional=("autopaikkojenSijoittuminenSallittu",),
               confidence=0.75),
    ExplainCue(("sallittuKerrosala",), (("rakennusoikeus", "kerrosalaneliömetri", "kerrosneliömetri"),),
               "building right in floor area", none_of=("lisäksi",)),
    ExplainCue(("tehokkuusluku",), (("tehokkuusluku",),), "efficiency"),
)  # fmt: skip

#: First words of a line that explains a mark or a number ("Roomalainen numero osoittaa …").
EXPLAIN_HEADS = frozenset(
    {"merkintä", "roomalainen", "murtoluku", "luku", "numero", "lukusarja", "määräys", "nuoli",
     "alleviivattu", "alleviivata", "sulku", "kirjain", "tunnus", "ympyrä", "kolmio", "tähti"}
)  # fmt: skip
#: Verbs of such lines.
EXPLAIN_VERBS = frozenset({"osoittaa", "ilmoittaa", "tarkoittaa", "kertoa", "merkitä"})
#: The question word that starts the legacy lists' explanations ("Kuinka monta autopaikkaa
#: asuntoa kohti on rakennettava", "Kuinka suuren osan … saa käyttää"), and that follows the verb
#: whatever the head ("… osoittaa, kuinka monta …").
EXPLAIN_QUESTION = "kuinka"
#: Heads of drawing notation that regulates nothing: boundary and auxiliary lines, the cross
#: that removes a notation, a generic label (LABELLING.md: ``types: []``).
DRAWING_HEADS = frozenset(
    {"raja", "viiva", "poikkiviiva", "apuviiva", "risti", "tunnus", "numerotunnus", "kirjaintunnus",
     "rajaviiva", "rajaus"}
)  # fmt: skip
#: Yleiskaava change classes ("Uudet ja olennaisesti muuttuvat alueet", "Nykyisellään säilyvät
#: alueet", "Pienin toimenpitein kehitettävät alueet") only modify another entry: a title made
#: of these words (one of :data:`CHANGE_CLASS_MARKS` among them) gives no regulation of its own
#: (LABELLING.md 7).
CHANGE_CLASS_MARKS = frozenset(
    {"uusi", "olennainen", "nykyinen", "säilyä", "säilyvä", "toimenpide", "oleva"}
)  # fmt: skip
CHANGE_CLASS_WORDS = CHANGE_CLASS_MARKS | frozenset(
    {"muuttua", "muuttuva", "pieni", "pieniä", "kehittää", "kehitettävä", "olla", "olemassa", "ja",
     "tai", "alue", "osa"}
)  # fmt: skip
#: What each word of a change class says (RY_Kaavamaarayksen_Lisatiedonlaji): "Uudet ja
#: olennaisesti muuttuvat alueet" → uusi + olennaisestiMuuttuva, "Nykyisellään säilyvät
#: alueet" → olemassaOleva, "Pienin toimenpitein kehitettävät alueet" → kehitettava.
CHANGE_CLASSES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("uusi",), "uusi"),
    (("olennainen", "muuttua"), "olennaisestiMuuttuva"),
    (("olennaisesti", "muuttuva"), "olennaisestiMuuttuva"),
    (("nykyinen",), "olemassaOleva"),
    (("säilyä",), "olemassaOleva"),
    (("säilyvä",), "olemassaOleva"),
    (("olla", "oleva"), "olemassaOleva"),
    (("olemassa",), "olemassaOleva"),
    (("kehitettävä",), "kehitettava"),
    (("kehittää",), "kehitettava"),
    (("toimenpide",), "kehitettava"),
    (("reservialue",), "reservialue"),
    (("reservi",), "reservialue"),
)
#: Modifier words of an entry that names nothing else the extractor reads ("Uusi seudullinen
#: pääväylä", "Seudullisen pääväylän maanalainen osuus"): besides :data:`MODIFIERS`, the
#: underground section of something drawn elsewhere and a regional significance, which the
#: code list's own examples give for routes (seudullisesti tärkeät pyöräilyreitit).
ENTRY_MODIFIERS: tuple[tuple[tuple[str, ...], str], ...] = (
    *MODIFIERS,
    (("maanalainen",), "maanalainenTila"),
    (("seudullinen",), "seudullinen"),
)
