"""Legend vocabulary the code lists do not carry as labels: the project's wordings, the words of
yleiskaava and maakuntakaava legends, terms mined from the code lists' own descriptions, and the
older notation guide's terms that mean a current one.

Each table says where its words come from, because a planner reviewing a result sees the source in
its evidence (``synonym``, ``vocabulary``, ``description``). Codes are checked against the snapshot
by ``tests/nlp/test_vocabulary.py``; the description terms are checked to occur in the description
of their code, so they stay mined, not invented.
"""

from __future__ import annotations

#: Legend wordings that the code lists and the notation table do not carry, in the project's
#: own words. Each maps to regulation codes (with additional information in brackets).
SYNONYMS: dict[str, list[str]] = {
    "Asuinrakennusten korttelialue": ["asumisenAlue[paakayttotarkoitus]"],
    "Asuinrakennusten alue": ["asumisenAlue[paakayttotarkoitus]"],
    "Asuntoalue": ["asumisenAlue[paakayttotarkoitus]"],
    "Asuntovaltainen alue": ["asumisenAlue[paakayttotarkoitus]"],
    "Asumisen alue": ["asumisenAlue[paakayttotarkoitus]"],
    "Asumisen korttelialue": ["asumisenAlue[paakayttotarkoitus]"],
    "Loma-asuntoalue": ["vapaaAjanAsumisenAlue[paakayttotarkoitus]"],
    "Loma-asuntojen korttelialue": ["vapaaAjanAsumisenAlue[paakayttotarkoitus]"],
    "Loma- ja matkailualue": ["vapaaAjanAsumisenJaMatkailunAlue[paakayttotarkoitus]"],
    "Matkailua palvelevien rakennusten korttelialue": [
        "matkailupalvelujenAlue[paakayttotarkoitus]"
    ],
    "Yleisen tien alue": ["maantie[paakayttotarkoitus]"],
    "Rautatiealue": ["raideliikenteenAlue[paakayttotarkoitus]"],
    "Yleinen pysäköintialue": ["pysakoinninAlue[paakayttotarkoitus,varattuYleiseenKayttoon]"],
    "Palvelujen ja hallinnon alue": ["palvelujenAlue[paakayttotarkoitus]"],
    "Katuaukio/tori": ["katuaukioTaiTori[paakayttotarkoitus]"],
    "Katuaukio tai tori": ["katuaukioTaiTori[paakayttotarkoitus]"],
    "Pihakatu": ["pihakatu[paakayttotarkoitus]"],
    "Katu": ["katu[paakayttotarkoitus]"],
    "Suojeltava rakennus": ["rakennussuojelualue[osaAlue]"],
    "Ohjeellinen tontti": ["ohjeellinenRakennuspaikka[osaAlue]"],
    "Ohjeellinen rakennuspaikka": ["ohjeellinenRakennuspaikka[osaAlue]"],
    "Meluesteen likimääräinen sijainti": ["melueste"],
    "Melueste": ["melueste"],
    "Uloke": ["uloke[osaAlue]"],
    "Alue, jolla ympäristö säilytetään": ["suojelualue[osaAlue,sailytettava]"],
    "Alueen osa, jolle on rakennettava melueste": ["melueste[osaAlue]"],
    "Hulevesien viivytykseen tarkoitettu alueen osa": ["hulevesienHallintaAlue[osaAlue]"],
    "Pohjavesialue": ["pohjavesialue[osaAlue]"],
    "Jalankululle varattu alueen osa": ["jalankulkualue[osaAlue,varattuYleiseenKayttoon]"],
    "Pyöräilylle varattu alueen osa": ["pyorailyalue[osaAlue,varattuYleiseenKayttoon]"],
    "Polkupyöräilylle varattu alueen osa": ["pyorailyalue[osaAlue,varattuYleiseenKayttoon]"],
    "Kyläalue": ["kylaAlue[paakayttotarkoitus]"],
    "Sähkölinja": ["sahkolinja"],
    "Viheryhteys": ["viheryhteys"],
    "Ulkoilureitti": ["ulkoiluTaiVirkistysReitti"],
    "Kaupunkikehittämisvyöhyke": ["kehittamisvyohyke[osaAlue]"],
    "Maaseudun kehittämisvyöhyke": ["kehittamisvyohyke[osaAlue]"],
    "Natura-alue": ["natura2000VerkostonAlue[osaAlue]"],
    "Alue, jota koskee toimenpiderajoitus": ["toimenpiderajoitus[osaAlue]"],
    "Alue, jota koskee rakentamisrajoitus": ["rakentamisrajoitusYleiskaava[osaAlue]"],
    "Maakuntakaavassa määrätty rakentamisrajoitusalue": [
        "rakentamisrajoitusMaakuntakaava[osaAlue]"
    ],
    "Rakennusoikeus kerrosneliömetreinä": ["sallittuKerrosala"],
    "Suurin sallittu kerrosluku": ["maanpaallinenKerroslukuLuku"],
    "Kadun nimi": ["kadunTaiTienNimi"],
    "Tien nimi": ["kadunTaiTienNimi"],
    "Torin nimi": ["torinTaiKatuaukionNimi"],
    "Katuaukion nimi": ["torinTaiKatuaukionNimi"],
    "Puiston nimi": ["puistonTaiMuunYleisenAlueenNimi"],
    "Kaupunginosan nimi": ["kaupunginTaiKunnanosanNimi"],
    "Kunnanosan nimi": ["kaupunginTaiKunnanosanNimi"],
    "Kaupunginosan numero": ["kaupunginTaiKunnanosanNumero"],
    "Kunnanosan numero": ["kaupunginTaiKunnanosanNumero"],
    "Tontin numero": ["tontinTaiRakennuspaikanNumero"],
    "Ohjeellisen tontin numero": ["tontinTaiRakennuspaikanNumero"],
    "Rakennuspaikan numero": ["tontinTaiRakennuspaikanNumero"],
}


#: Object and line names of yleiskaava and maakuntakaava legends (the point and line symbols of
#: master plans: plants, stations, networks), in the project's words; they are matched like the
#: synonyms, and as the last part of a compound ("UUSI SÄHKÖASEMA", "raitiotiepysäkki").
VOCABULARY: dict[str, list[str]] = {
    "Sähköasema": ["energiahuollonAlue"],
    "Muuntamo": ["energiahuollonAlue"],
    "Voimalaitos": ["energiahuollonAlue"],
    "Lämpökeskus": ["energiahuollonAlue"],
    "Lämpövoimalaitos": ["energiahuollonAlue"],
    "Vedenottamo": ["yhdyskuntateknisenHuollonAlue"],
    "Vesisäiliö": ["yhdyskuntateknisenHuollonAlue"],
    "Vesitorni": ["yhdyskuntateknisenHuollonAlue"],
    "Vedenkäsittelylaitos": ["yhdyskuntateknisenHuollonAlue"],
    "Vedenpuhdistamo": ["yhdyskuntateknisenHuollonAlue"],
    "Jätevedenpuhdistamo": ["yhdyskuntateknisenHuollonAlue"],
    "Jäteasema": ["jatehuollonAlue"],
    "Jätteiden keräyspiste": ["jatehuollonAlue"],
    "Viemäri": ["vesijohtoTaiViemari"],
    "Vesijohto": ["vesijohtoTaiViemari"],
    "Voimajohto": ["sahkolinja"],
    "Voimalinja": ["sahkolinja"],
    "Sähköjohto": ["sahkolinja"],
    "Kaasuputki": ["kaasulinja"],
    "Kaukolämpöjohto": ["JohtoPutkiTaiLinja"],
    "Rautatie": ["raideliikenteenAlue"],
    "Rautatieasema": ["raideliikenteenAsemaTaiSeisake"],
    "Henkilöliikenteen asema": ["raideliikenteenAsemaTaiSeisake"],
    "Juna-asema": ["raideliikenteenAsemaTaiSeisake"],
    "Lähijunapysäkki": ["raideliikenteenAsemaTaiSeisake"],
    "Pääkokoojakatu": ["kokoojakatu"],
    "Moottori- ja moottoriliikennetie": ["moottoriTaiMoottoriliikenneTie"],
    "Moottoritie": ["moottoriTaiMoottoriliikenneTie"],
    "Pyöräilyreitti": ["pyorailyalue"],
    "Pyöräilyn pääreitti": ["pyorailyalue"],
    "Kävely- ja pyöräilyreitti": ["jalankulkualue", "pyorailyalue"],
    "Kevyen liikenteen reitti": ["jalankulkualue", "pyorailyalue"],
    "Retkeilyreitti": ["ulkoiluTaiVirkistysReitti"],
    "Polku": ["ulkoiluTaiVirkistysReitti"],
    "Kuntorata": ["ulkoiluTaiVirkistysReitti"],
    "Latu": ["ulkoiluTaiVirkistysReitti"],
    "Maan vastaanotto": ["maaAinestenVastaanottoTaiLajitysAlue"],
    "Maa-ainesten vastaanotto": ["maaAinestenVastaanottoTaiLajitysAlue"],
    "Läjitysalue": ["maaAinestenVastaanottoTaiLajitysAlue"],
    "Meluvalli": ["melueste"],
    "Meluaita": ["melueste"],
    "Ekologinen yhteys": ["viheryhteys"],
    "Virkistysyhteys": ["viheryhteys"],
    "Viherverkoston yhteys": ["viheryhteys"],
    "Kaupunginosapuisto": ["puisto"],
    "Erikoispuisto": ["puisto"],
    "Pienvenesatama": ["venesatama"],
    "Tulvapenger": ["tulvapenger"],
    "Saastunut maa-alue": ["pilaantunutMaaAlue[osaAlue]"],
    "Puhdistettava maa-alue": ["pilaantunutMaaAlue[osaAlue]"],
    "Kunnostettava alue": ["pilaantunutMaaAlue[osaAlue]"],
    "Lentomelualue": ["melualue[osaAlue]"],
    "Kasvun vyöhyke": ["kehittamisvyohyke[osaAlue]"],
    "Elinvoiman vyöhyke": ["kehittamisvyohyke[osaAlue]"],
    "Kehittämisvyöhyke": ["kehittamisvyohyke[osaAlue]"],
    # kehittämisperiaatemerkinnät (LABELLING.md 12): a zone to densify is a development zone
    "Tiivistettävä alue": ["kehittamisvyohyke[osaAlue,eheytettavaTaiTiivistettava]"],
    "Eheytettävä alue": ["kehittamisvyohyke[osaAlue,eheytettavaTaiTiivistettava]"],
    "Ydinkeskusta": ["keskustatoimintojenAlue"],
    "Aluekeskus": ["keskustatoimintojenAlakeskus"],
    "Paikalliskeskus": ["keskustatoimintojenAlakeskus"],
    "Maatilan talouskeskus": ["maatilanTalouskeskuksenAlue"],
    "Hulevesien viivytysallas": ["hulevesienHallintaAlue[osaAlue]"],
    "Huleveden hallinta-alue": ["hulevesienHallintaAlue[osaAlue]"],
    "Kemikaalilaitoksen konsultointivyöhyke": ["konsultointivyohyke[osaAlue]"],
    "Geologisesti arvokas alue": ["arvokasGeologinenMuodostuma[osaAlue]"],
    "Muinaisjäännöskohde": ["muinaismuistoAlue[osaAlue]"],
    "Arkeologinen kulttuuriperintökohde": ["muuArkeologinenKohde[osaAlue]"],
    "Valtakunnallisesti arvokas rakennettu kulttuuriympäristö": [
        "valtakunnallisestiMerkittavaRakennettuKulttuuriymparisto[osaAlue,valtakunnallinen]"
    ],
    "Rakennettu kulttuuriympäristö": ["merkittavaRakennettuKulttuuriymparisto[osaAlue]"],
    "Keskitettyjen liikunta-, urheilu- ja vapaa-ajan palveluiden alue": [
        "urheiluJaVirkistyspalvelujenAlue[paakayttotarkoitus]"
    ],
}

#: Terms the code lists' own descriptions give as what a code stands for ("… kuten voimaloita,
#: vedenottamoita, vedenpuhdistamoita …"), curated from the "kuten"/"esimerkiksi" lists of the
#: RY_Kaavamaarayslaji descriptions; a test checks that each term's stem occurs in its code's
#: description. A title matched only by one of these is weaker evidence than a label.
DESCRIPTION_TERMS: dict[str, tuple[str, ...]] = {
    "yhdyskuntateknisenHuollonAlue": ("Voimala", "Palo- ja pelastusasema"),
    "myymalarakennustenAlue": ("Myymälähalli", "Kauppakeskus", "Tavaratalo"),
    "hoitoalanRakennustenAlue": ("Sairaala", "Vanhainkoti"),
    "teollisuusalue": ("Tehdas", "Teollisuushalli"),
    "urheiluJaVirkistyspalvelujenAlue": ("Palloilualue", "Hiihtokeskus"),
    "jatteenkasittelyalue": ("Kaatopaikka", "Jätteen esikäsittelylaitos"),
    "tavaraliikenteenTerminaalialue": ("Maaliikennekeskus",),
    "historiallinenKohde": ("Historiallinen tie",),
    "urheiluJaLiikuntaRakennustenAlue": ("Palloiluhalli", "Katsomorakennus"),
}

#: Older words of the notation guide (and of legends written by it) that mean a current label's
#: word: a phrase with the current word is also matched with the older one.
TERM_EQUIVALENTS: dict[str, tuple[str, ...]] = {
    "maantie": ("yleinen", "tie"),
    "pyöräily": ("polkupyöräily",),
    "pyöräpaikka": ("polkupyöräpaikka",),
}
