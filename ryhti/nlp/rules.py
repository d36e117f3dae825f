"""Cue words: the small, explainable rules that give a found value its regulation type.

Each rule names the lemma(s) that trigger it, so the ``evidence`` of a result can say why
("e= → tehokkuusluku", "cue 'kellari' → kellarinSallittuOsuusKerrosalasta"). Lemmas are
Voikko base forms, lower-cased (see :mod:`ryhti.nlp.lemmatizer`); a cue matches a lemma
that equals it or, for compounds, ends with it (``liikennemelu`` ends with ``melu``).
"""

from __future__ import annotations

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

#: Counted places after a number in a sentence with "asuntoa kohden" → per-dwelling norms.
PER_DWELLING_NOUNS: dict[str, str] = {
    "autopaikka": "autopaikkojenMaaraAsuntoaKohden",
    "ap": "autopaikkojenMaaraAsuntoaKohden",
    "pyöräpaikka": "pyorapaikkojenMaaraAsuntoaKohden",
    "polkupyöräpaikka": "pyorapaikkojenMaaraAsuntoaKohden",
}

#: Elevation cues, tried in order; the first whose lemmas are all present wins.
ELEVATION_CUES: list[tuple[tuple[str, ...], str]] = [
    (("viemäröintitaso",), "alinPainovoimainenViemarointitaso"),
    (("viemäröinti",), "alinPainovoimainenViemarointitaso"),
    (("maanpinta",), "maanpinnanKorkeusasema"),
    (("julkisivupinta",), "julkisivupinnanJaVesikatonLeikkauskohdanKorkeusasema"),
    (("leikkauskohta",), "julkisivupinnanJaVesikatonLeikkauskohdanKorkeusasema"),
    (("laite", "ylin"), "rakennustenRakenteidenJaLaitteidenYlinKorkeusasema"),
    (("laite", "alin"), "rakennustenRakenteidenJaLaitteidenAlinKorkeusasema"),
    (("kosteus",), "kosteudelleAlttiidenRakenteidenAlinRakentamiskorkeus"),
    (("rakentamiskorkeus",), "kosteudelleAlttiidenRakenteidenAlinRakentamiskorkeus"),
    (("n2000",), "kosteudelleAlttiidenRakenteidenAlinRakentamiskorkeus"),
    (("taso", "alle"), "kosteudelleAlttiidenRakenteidenAlinRakentamiskorkeus"),
    (("vesikatto",), "vesikatonYlimmanKohdanKorkeusasema"),
]

#: Sentence cues of additional information and special regulation types.
ADDITIONAL_CUES: list[tuple[tuple[str, ...], str]] = [
    (("sitoa", "tonttijako"), "sitovaTonttijakoLaadittava"),
    (("sitova", "tonttijako"), "sitovaTonttijakoLaadittava"),
    (("rakentamistapaohje",), "rakentamistapaohjeHuomioitava"),
    (("rakennuslupa", "peruste"), "rakennusluvanPeruste"),
]
RESTRICTION_CUES: dict[str, str] = {
    "toimenpiderajoitus": "toimenpiderajoitus",
    "rakentamisrajoitus": "rakentamisrajoitus",
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
    (("kansainvälisesti",), "kansainvalinen"),
    (("kansainvälinen",), "kansainvalinen"),
    (("valtakunnallisesti",), "valtakunnallinen"),
    (("valtakunnallinen",), "valtakunnallinen"),
    (("maakunnallisesti",), "maakunnallinen"),
    (("maakunnallinen",), "maakunnallinen"),
    (("seudullisesti",), "seudullinen"),
    (("paikallisesti",), "paikallinen"),
]

#: Verbal regulation topics (RY_Sanallisen_Kaavamaarayksen_Laji) and the lemmas that signal them.
VERBAL_CUES: dict[str, tuple[str, ...]] = {
    "hulevedet": (
        "hulevesi",
        "huleves",
        "viivytys",
        "viivyttää",
        "imeyttää",
        "hulevesiviemäri",
        "viivytysallas",
    ),
    "jatehuolto": ("jäte", "jätehuolto", "jätekatos", "jätehuoltotila", "jätetila", "jäteastia"),
    "vesihuolto": (
        "vesijohto",
        "viemäri",
        "vesihuolto",
        "pohjavesi",
        "jätevesi",
        "viemäriverkko",
        "viemäriverkosto",
        "vesijohtoverkko",
        "vesihuoltolaitos",
    ),
    "melu": ("melu", "melutaso", "ääneneristävyys", "meluntorjunta", "melusuojaus"),
    "tarina": ("tärinä", "runkomelu"),
    "tulva": ("tulva", "tulvavaara", "tulvariski", "tulvavaara-alue"),
    "ymparistohairiot": (
        "pilaantunut",
        "pilaantuneisuus",
        "ympäristöhäiriö",
        "häiriö",
        "kemikaali",
        "konsultointivyöhyke",
        "turvallisuus- ja kemikaalivirasto",
        "puhdistustarve",
    ),
    "pysakointi": (
        "autopaikka",
        "pysäköinti",
        "pysäköintialue",
        "pysäköintilaitos",
        "pysäköintipaikka",
    ),
    "henkiloautoilu": ("ajoneuvoliittymä", "autoliikenne", "ajoyhteys"),
    "joukkoliikenne": ("joukkoliikenne", "pysäkki"),
    "jalankulku": ("jalankulku",),
    "pyoraily": ("pyöräily", "pyöräpaikka", "polkupyöräpaikka", "pyöräkatos"),
    "kevytLiikenne": ("kevyt liikenne",),
    "julkisivut": ("julkisivu", "julkisivumateriaali", "väritys", "puuverhoiltu", "julkisivuaihe"),
    "perustaminen": ("perustaa", "perustaminen", "paalu", "perustamisolosuhde"),
    "korjausrakentaminen": ("korjaus", "muutostyö", "korjausrakentaminen"),
    "rakentamistapa": (
        "harjakattoinen",
        "kattomuoto",
        "rakentamistapaohje",
        "rakentamistapa",
        "kattokaltevuus",
    ),
    "suojelumaarays": ("purkaa",),
    "kulttuuriymparisto": (
        "kulttuurihistoriallinen",
        "kulttuurihistoriallisesti",
        "kulttuuriympäristö",
        "museoviranomainen",
        "rakennusperintö",
        "kulttuuriarvo",
    ),
    "maisema": ("maisema", "maisemoida", "avoimuus", "maisema-arvo"),
    "luontoarvot": (
        "luonto",
        "luontoarvo",
        "puusto",
        "kasvillisuus",
        "luonnonsuojelu",
        "linnusto",
        "lahopuu",
        "luonnonarvo",
        "pienvesi",
        "luonnonsuojeluarvo",
        "ekologinen",
        "luonnontila",
        "rauhoitusmääräys",
        "luonnonmukainen",
        "luonnonsuojelulaki",
    ),
    "biodiversiteetti": ("monimuotoisuus",),
    "ennallistaminen": ("ennallistaa", "ennallistaminen", "kunnostaa"),
    "suunnittelumaarays": (
        "asemakaavoitus",
        "kaavoitus",
        "tarkempi",
        "yksityiskohtaisempi",
        "suunnittelu",
        "suunnitella",
    ),
    "kehittamisperiaate": ("kehittää",),
    "kaupanOhjaus": ("vähittäiskauppa", "suuryksikkö", "kauppa"),
    "taydennysrakentaminen": ("täydennysrakentaminen", "uudisrakentaminen", "rakennuskanta"),
    "yhdyskuntarakenteenOhjaus": ("yhdyskuntarakenne",),
    "virkistys": (
        "virkistys",
        "virkistyskäyttö",
        "leikkipaikka",
        "ulkoilu",
        "virkistyskäyttömahdollisuus",
    ),
    "esteettomyys": ("esteetön", "esteettömyys", "esteettömästi"),
    "ilmastonmuutos": (
        "ilmastonmuutos",
        "uusiutuva",
        "aurinkopaneeli",
        "energialähde",
        "läpäisevä",
    ),
    "lisarakennusoikeus": ("lisäksi",),
    "tontinKaytto": (
        "tontti",
        "rakennuspaikka",
        "piha-alue",
        "asutus",
        "asuinrakennus",
        "loma-asunto",
        "palveluasuminen",
        "palveluasuma",  # Voikko's base form of "palveluasumista"
        "rakennuspaikan",
        "liiketila",
        "oleskelualue",
    ),
}

#: Cues inside a title's relative clause: (lemmas, additional-information type, Code value).
TITLE_CUES: list[tuple[tuple[str, ...], str, str | None]] = [
    (("huoltoajo",), "kayttotarkoituskohdistus", "huoltoajoalue"),
    (("tontti", "ajo", "sallittu"), "tontilleAjoSallittu", None),
]
