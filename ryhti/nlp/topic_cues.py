"""Cue words of the verbal regulation topics (RY_Sanallisen_Kaavamaarayksen_Laji).

A topic is given to a verbal regulation when one of its cue lemmas occurs in the sentence (a
lemma that equals the cue, or a compound that ends with it or starts with a long one; see
:func:`ryhti.nlp.tokens.has_cue`). The few topics that need more than one word (protection,
planning directives, extra building right) are decided in :mod:`ryhti.nlp.topics`.
"""

from __future__ import annotations

#: Cue lemmas taken from the code list itself, not from any plan: each topic's Finnish label and
#: the nouns of its description that name the topic (RY_Sanallisen_Kaavamaarayksen_Laji, as Voikko
#: reads them: "korjausrakentamiseen" is *korjausrakentaa*). No plan's wording went into them, so
#: ``benchmarks/nlp_topics_sources.py`` counts them as supported on every plan, and the evidence
#: names them first when a sentence has one. Left out on purpose: the descriptions' generic words
#: (alue, käyttö, rakentaminen, suunnittelu, ohjaus, riski, hoito), *rakennusoikeus* (the code is
#: only for building right that the plan's codes cannot express, and nearly every sentence naming
#: it is a number the codes carry) and the adjective *yhdyskuntatekninen* (the legend of the
#: infrastructure area type, "yhdyskuntateknistä huoltoa palvelevien rakennusten alue").
#: ``tests/nlp/test_topic_cues.py`` checks that every lemma here is in its code's label or
#: description in the code-list snapshot.
CODE_LIST_CUES: dict[str, tuple[str, ...]] = {
    "rakentamistapa": ("rakentamistapa",),
    "perustaminen": ("perustaminen", "perustaa", "perustamistapa"),
    "julkisivut": ("julkisivu",),
    "korjausrakentaminen": ("korjausrakentaminen", "korjausrakentaa"),
    "suojelumaarays": ("suojelumääräys",),
    "suunnittelumaarays": ("suunnittelumääräys",),
    "rakentamismaarays": ("rakentamismääräys",),
    "kehittamisperiaate": ("kehittämisperiaate", "kehittämistavoite"),
    "ymparistohairiot": ("ympäristöhäiriö",),
    "melu": ("melu",),
    "tarina": ("tärinä",),
    "tulva": ("tulva", "tulvavaara"),
    "liikenne": ("liikenne",),
    "pysakointi": ("pysäköinti",),
    "henkiloautoilu": ("henkilöautoilu",),
    "joukkoliikenne": ("joukkoliikenne",),
    "jalankulku": ("jalankulku",),
    "pyoraily": ("pyöräily",),
    "kevytLiikenne": ("kevyt liikenne", "sähköpotkulauta"),
    "yhdyskuntatekniikka": ("yhdyskuntatekniikka",),
    "hulevedet": ("hulevesi",),
    "jatehuolto": ("jätehuolto",),
    "vesihuolto": ("vesihuolto",),
    "ymparistoarvot": ("ympäristöarvo",),
    "kulttuuriymparisto": ("kulttuuriympäristö",),
    "maisema": ("maisema", "maisema-arvo"),
    "luontoarvot": ("luontoarvo",),
    "biodiversiteetti": ("biodiversiteetti",),
    "ennallistaminen": ("ennallistaminen", "ennallistaa"),
    "yhdyskuntarakenteenOhjaus": ("yhdyskuntarakenne",),
    "kaupanOhjaus": ("vähittäiskauppa", "kauppa"),
    "taydennysrakentaminen": ("täydennysrakentaminen", "täydennysrakentaa"),
    "virkistys": ("virkistys",),
    "esteettomyys": ("esteettömyys",),
    "ilmastonmuutos": ("ilmastonmuutos",),
    "lisarakennusoikeus": ("lisärakennusoikeus",),
    "tontinKaytto": ("tontti",),
}

#: Cue lemmas written while reading plans and the project's own texts (their support is measured
#: source by source: ``benchmarks/nlp_topics_sources.py``).
_PLAN_CUES: dict[str, tuple[str, ...]] = {
    "hulevedet": (
        "hulevesi",
        "huleves",
        "viivytys",
        "viivyttää",
        "imeyttää",
        "hulevesiviemäri",
        "viivytysallas",
        # a water-permeable surface ("vettä läpäisevä pinta") is the first stormwater measure
        "läpäisevä",
        "läpäistä",
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
    "melu": (
        "melu",
        "melutaso",
        "ääneneristävyys",
        "meluntorjunta",
        "melusuojaus",
        "meluvalli",
        "meluaita",
        "melueste",
        "meluselvitys",
        "meluhaitta",
        "meluvyöhyke",
    ),
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
        "pilaantua",
        "pilaantumisvaara",
        "päästö",
        "suuronnettomuusriski",
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
    "jalankulku": ("jalankulku", "kävely"),
    "pyoraily": ("pyöräily", "pyöräpaikka", "polkupyöräpaikka", "pyöräkatos", "pyöräpysäköinti"),
    "kevytLiikenne": ("kevyt liikenne",),
    "julkisivut": ("julkisivu", "julkisivumateriaali", "väritys", "puuverhoiltu", "julkisivuaihe"),
    "perustaminen": ("perustaa", "perustaminen", "paalu", "perustamisolosuhde"),
    "korjausrakentaminen": (
        "korjaus",
        "muutostyö",
        "korjausrakentaminen",
        "perusparantaa",
        "perusparannus",
        "peruskorjaus",
        "korjata",
    ),
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
        "identiteetti",
        # "ominaispiirre" only with the built environment (ryhti.nlp.topics): a park's, a
        # landscape's or nature's characteristic features are not cultural heritage
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
        "luonnonsuojelulaki",
        "elinympäristö",
        "direktiivilaji",
        "liito-orava",
        "lisääntymispaikka",
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
    "kehittamisperiaate": ("kehittämisperiaate", "kehittämisvyöhyke"),
    "kaupanOhjaus": ("vähittäiskauppa", "suuryksikkö", "kauppa"),
    "taydennysrakentaminen": (
        "täydennysrakentaminen",
        "täydennysrakentaa",  # Voikko's base form of "täydennysrakentamisen"
        "uudisrakentaminen",
    ),
    "yhdyskuntarakenteenOhjaus": ("yhdyskuntarakenne",),
    "virkistys": (
        "virkistys",
        "virkistyskäyttö",
        "leikkipaikka",
        "ulkoilu",
        "virkistyskäyttömahdollisuus",
        "puisto",  # a park is for recreation: kaupunginosapuisto, erikoispuisto, lähipuisto
    ),
    "esteettomyys": ("esteetön", "esteettömyys", "esteettömästi"),
    "ilmastonmuutos": (
        "ilmastonmuutos",
        "geolämpö",  # renewable heat: mitigation (the code list: hillintä and sopeutuminen)
        "maalämpö",
        "geoenergia",
        "aurinkoenergia",
        "uusiutuva",
        "aurinkopaneeli",
        "energialähde",
    ),
    "lisarakennusoikeus": ("lisäksi",),
    # the parent topic: traffic in general, given only when no more specific traffic topic is
    # found (decided in ryhti.nlp.topics)
    "liikenne": (
        "liikenne",
        "liikenneympäristö",
        "liikkumismuoto",
        "liikenneverkko",
        "liikennejärjestely",
        "liikennejärjestelmä",
        "liikenneturvallisuus",
        "tavaraliikenne",
    ),
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
        "piha",
    ),
}

#: Cue lemmas of the planning vocabulary itself, written from the terms Finnish plan regulations
#: use for each topic (the objects and measures a planner names), not read off any plan in the
#: labelled sets. They are unambiguous compounds: a word that also names an area type or a
#: generic thing (alue, johto, materiaali, piha) is not here. Their support is measured like the
#: plan cues (``benchmarks/nlp_topics_sources.py``), so no estimate credits them unseen.
_DOMAIN_CUES: dict[str, tuple[str, ...]] = {
    "hulevedet": ("sadevesi", "kattovesi", "valumavesi", "viivytyspainanne", "imeytyspainanne"),
    "perustaminen": ("pohjarakenne", "paalutus", "maanvarainen"),
    "jatehuolto": ("syväkeräysastia", "jätteenkeräys", "jäteasema", "jätepiste", "putkikeräys"),
    "vesihuolto": (
        "talousvesi",
        "vedenottamo",
        "vedenotto",
        "jätevedenpuhdistamo",
        "vesijohtolinja",
    ),
    "melu": (
        "meluseinä",
        "melusuojaus",
        "meluntorjuntatoimenpide",
        "meluhaitta",
        "melualue",
        "äänitaso",
    ),
    "tarina": ("runkoääni", "tärinäselvitys"),
    "ymparistohairiot": ("öljy", "kiintoaines"),
    "tulva": (
        "tulvakorkeus",
        "tulvasuojelu",
        "tulvasuojaus",
        "tulvavesi",
        "tulvaherkkä",
        "tulvaraja",
    ),
    "pysakointi": (
        "paikoitus",
        "paikoitusalue",
        "autokatos",
        "autosuoja",
        "pysäköidä",
        "autohalli",
    ),
    "henkiloautoilu": ("ajoneuvoliikenne", "moottoriajoneuvo", "ajoneuvoyhteys"),
    "joukkoliikenne": (
        "raitiotie",
        "linja-auto",
        "bussi",
        "joukkoliikennekatu",
        "joukkoliikennekaista",
    ),
    "jalankulku": ("jalankulkija", "jalkakäytävä", "jalankulkuyhteys"),
    "pyoraily": ("pyörätie", "pyöräilijä", "polkupyörä", "pyöräreitti", "pyöräilyreitti"),
    "yhdyskuntatekniikka": (
        "maakaapeli",
        "sähköverkko",
        "tietoliikenneverkko",
        "muuntamo",
        "kaukolämpö",
        "kaukolämpöverkko",
        "kunnallistekniikka",
        "sähkönjakelu",
        "jakelumuuntamo",
    ),
    "kulttuuriymparisto": (
        "muinaisjäännös",
        "muinaismuisto",
        "muinaismuistolaki",
        "rakennushistoriallinen",
        "arkeologinen",
    ),
    "luontoarvot": ("luontotyyppi", "uhanalainen", "lepakko", "luontokohde", "pesäpuu"),
    "biodiversiteetti": ("lajisto", "lajirunsaus"),
    "yhdyskuntarakenteenOhjaus": ("eheyttää", "eheytyä"),
    "ilmastonmuutos": (
        "hiilinielu",
        "hiilijalanjälki",
        "energiatehokkuus",
        "energiatehokas",
        "aurinkosähkö",
        "hiilineutraali",
    ),
    "rakentamistapa": (
        "harjakatto",
        "pulpettikatto",
        "räystäs",
        "peltikate",
        "vesikate",
        "kattomateriaali",
        "katemateriaali",
    ),
    "virkistys": ("retkeily", "virkistysreitti", "ulkoilureitti"),
}

#: Topics named by the code list and by no plan cue: placed before the parent topic *liikenne*
#: and *tontinKaytto*, which are only given when nothing more specific is found.
_CODE_LIST_ONLY = tuple(c for c in CODE_LIST_CUES if c not in _PLAN_CUES)

#: Verbal regulation topics (RY_Sanallisen_Kaavamaarayksen_Laji) and the lemmas that signal them:
#: the code list's own words first (the evidence names them when a sentence has one), then the
#: plan cues. The order of the topics is the order they are decided in (:mod:`ryhti.nlp.topics`).
VERBAL_CUES: dict[str, tuple[str, ...]] = {
    code: tuple(
        dict.fromkeys(
            CODE_LIST_CUES.get(code, ()) + _PLAN_CUES.get(code, ()) + _DOMAIN_CUES.get(code, ())
        )
    )
    for code in [c for c in _PLAN_CUES if c not in ("liikenne", "tontinKaytto")]
    + list(_CODE_LIST_ONLY)
    + ["liikenne", "tontinKaytto"]
}
