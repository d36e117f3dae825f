"""The eight kinds of real legend wording the project's own sets lacked (issue 13).

Each case is the project's paraphrase of wording found in real legends under ``../shared``
(the texts themselves may not be copied; the real labelled set in ``tests/data/nlp_real_*.jsonl``
points at them, see ``tests/nlp/test_real_set.py``). Every case here failed before issue 13
(commit 718ed3d: a boundary line became a confident ``sanallinenMaarays``, a sign's number was
lost, a paragraph number became floor area …) and is scored the way LABELLING.md says.

``expect`` is the whole answer: the set of regulation types, the values by type, and (when
given) the verbal topics; ``flag`` says whether anything may be marked for review.
"""

from __future__ import annotations

import pytest

NONE: dict = {"types": set()}

CASES = {
    # 1. drawing notation with no regulation of its own (LABELLING.md 7)
    "drawing": [
        ("Kaava-alueen raja.", None, "asemakaava", NONE),
        ("Viiva 3 m kaava-alueen rajan ulkopuolella.", None, "asemakaava", NONE),
        ("Korttelin, korttelinosan ja alueen raja.", None, "asemakaava", NONE),
        ("Osa-alueen raja.", None, "asemakaava", NONE),
        ("Poistuva merkintä.", None, "asemakaava", NONE),
        ("Kunnan raja", None, "yleiskaava", NONE),
        # yleiskaava change classes only modify another entry
        ("Uudet ja olennaisesti muuttuvat alueet", None, "yleiskaava", NONE),
        ("Nykyisellään säilyvät alueet", None, "yleiskaava", NONE),
    ],
    # 2. lines that explain what the number in a sign means: read sign and text together
    "explains the sign": [
        (
            "Roomalainen numero osoittaa rakennusten suurimman sallitun kerrosluvun.",
            None,
            "asemakaava",
            {"types": {"maanpaallinenKerroslukuLuku"}},
        ),
        (
            "Luku kauttaviivan jälkeen osoittaa rakennuspaikkojen enimmäismäärän.",
            "/3",
            "yleiskaava",
            {"types": {"rakennuspaikkojenMaara"}, "values": {"rakennuspaikkojenMaara": [3]}},
        ),
        (
            "Erillispientalojen alue. Luku kauttaviivan jälkeen osoittaa rakennuspaikkojen määrän.",
            "AO-1/3",
            "yleiskaava",
            {
                "types": {"erillistenAsuinpientalojenAlue", "rakennuspaikkojenMaara"},
                "values": {"rakennuspaikkojenMaara": [3]},
            },
        ),
        (
            "Rakennusoikeus kerrosneliömetreinä. Ensimmäinen luku osoittaa asuinkerrosalan ja "
            "toinen liiketilojen kerrosalan.",
            "2000+350",
            "asemakaava",
            {"types": {"sallittuKerrosala"}, "values": {"sallittuKerrosala": [2000, 350]}},
        ),
        (
            "Loma-asuntojen alue. Suluissa oleva luku osoittaa rakennusoikeuden "
            "kerrosneliömetreinä.",
            "R(150)",
            "yleiskaava",
            {
                "types": {"vapaaAjanAsumisenAlue", "sallittuKerrosala"},
                "values": {"sallittuKerrosala": [150]},
            },
        ),
        (
            "Pientalovaltainen asuntoalue, roomalainen numero osoittaa suurimman kerrosluvun.",
            "AP II",
            "yleiskaava",
            {
                "types": {"asuinpientaloalue", "maanpaallinenKerroslukuLuku"},
                "values": {"maanpaallinenKerroslukuLuku": [2]},
            },
        ),
    ],
    # 3. coordinated hyphen compounds
    "coordinated": [
        (
            "Liike- ja toimistorakennusten korttelialue, jolle saa sijoittaa myös asuntoja.",
            None,
            "asemakaava",
            {"types": {"liikerakennustenAlue", "toimistorakennustenAlue"}},
        ),
        (
            "Kävely- ja pyöräilyreitti",
            None,
            "yleiskaava",
            {"types": {"jalankulkualue", "pyorailyalue"}},
        ),
        (
            "Virkistys- ja suojaviheralue",
            None,
            "yleiskaava",
            {"types": {"virkistysalue", "suojaviheralue"}},
        ),
        (
            "Energia- ja jätehuollon alue",
            None,
            "yleiskaava",
            {"types": {"energiahuollonAlue", "jatehuollonAlue"}},
        ),
        ("Liikenne- ja katualue", None, "asemakaava", {"types": {"liikennealue", "katu"}}),
        (
            "Moottori- ja moottoriliikennetie",
            None,
            "yleiskaava",
            {"types": {"moottoriTaiMoottoriliikenneTie"}},
        ),
        # the "ja" left out, and a sign whose library meaning names more uses than the title
        (
            "Asuin-, liike- toimistorakennusten alue",
            "AL",
            "asemakaava",
            {"types": {"asumisenAlue", "liikerakennustenAlue", "toimistorakennustenAlue"}},
        ),
    ],
    # 4. yleiskaava and maakuntakaava vocabulary (code-list descriptions, Katja names)
    "vocabulary": [
        (
            "UUSI SÄHKÖASEMA",
            None,
            "yleiskaava",
            {"types": {"energiahuollonAlue"}, "additional": {"uusi"}},
        ),
        ("Kaupunginosapuisto", None, "yleiskaava", {"types": {"puisto"}}),
        ("Jäteasema", None, "yleiskaava", {"types": {"jatehuollonAlue"}}),
        ("Voimalinja 110 kV", None, "yleiskaava", {"types": {"sahkolinja"}}),
        (
            "Maisemallisesti ja kaupunkikuvallisesti arvokas alue",
            None,
            "yleiskaava",
            {"types": {"maisemallisestiArvokasAlue"}},
        ),
    ],
    # 5. numbers that are not values
    "numbers not values": [
        (
            "2. Alueen rakennukset on liitettävä yleiseen vesijohto- ja viemäriverkkoon.",
            None,
            "asemakaava",
            {"types": {"sanallinenMaarays"}, "verbal": {"vesihuolto"}},
        ),
        (
            "Alueelle ei saa sijoittaa yli 2000 k-m²:n suuruisia vähittäiskaupan myymälöitä.",
            None,
            "yleiskaava",
            {"types": {"sanallinenMaarays"}, "verbal": {"kaupanOhjaus"}},
        ),
        (
            "Merkintä osoittaa rakennusalan sivun, jonka puoleisten ulkoseinien sekä ikkunoiden "
            "ja muiden rakenteiden ääneneristävyyden liikennemelua vastaan on oltava vähintään "
            "00 dBA.",
            None,
            "asemakaava",
            {"types": {"aaneneristavyys"}, "values": {"aaneneristavyys": [None]}},
        ),
        (
            "Tulvan huomioon ottaminen: alin suositeltava rakentamiskorkeus on N2000 +3,2 m.",
            None,
            "yleiskaava",
            {"types": {"sanallinenMaarays"}, "verbal": {"tulva"}},
        ),
    ],
    # 6. values in words and in any order
    "values in words": [
        (
            "Kullekin asunnolle on rakennettava vähintään yksi autopaikka.",
            None,
            "asemakaava",
            {
                "types": {"autopaikkojenMaaraAsuntoaKohden"},
                "values": {"autopaikkojenMaaraAsuntoaKohden": [1]},
            },
        ),
        (
            "Autopaikkoja on rakennettava asuntoa kohden vähintään 1,5.",
            None,
            "asemakaava",
            {
                "types": {"autopaikkojenMaaraAsuntoaKohden"},
                "values": {"autopaikkojenMaaraAsuntoaKohden": [1.5]},
            },
        ),
        (
            "Asuntoa kohden on rakennettava vähintään 1,5 autopaikkaa.",
            None,
            "asemakaava",
            {
                "types": {"autopaikkojenMaaraAsuntoaKohden"},
                "values": {"autopaikkojenMaaraAsuntoaKohden": [1.5]},
            },
        ),
    ],
    # 7. usage notes of the code lists
    "usage notes": [
        # MRL 33 § restated: rakentamisrajoitusMaakuntakaava is not for it (LABELLING.md 11)
        (
            "Virkistysalue. Alueella on voimassa MRL 33 §:n mukainen rakentamisrajoitus.",
            None,
            "maakuntakaava",
            {"types": {"virkistysalue"}},
        ),
        # header-level codes are never given
        ("Vesiväylä", None, "yleiskaava", NONE),
        ("Viheralue", None, "yleiskaava", NONE),
        # a yleiskaava street is a line: the plan level's library has no main use for it
        (
            "Kehitettävä katu",
            None,
            "yleiskaava",
            {"types": {"katu"}, "additional": {"kehitettava"}},
        ),
        (
            "Ohjeellisen tontin numero.",
            "3",
            "asemakaava",
            {"types": {"tontinTaiRakennuspaikanNumero"}, "additional": set()},
        ),
    ],
    # 8. verbal topics on long real regulations
    "verbal topics": [
        (
            "Alue on toteutettava yhtenäisenä kokonaisuutena ympäröivien katualueiden ja "
            "istutusten kanssa.",
            None,
            "asemakaava",
            {"types": {"sanallinenMaarays"}, "verbal": {"rakentamistapa"}},
        ),
        (
            "Alueelle sijoittuvien direktiivilajien elinympäristöjä ei saa hävittää tai heikentää.",
            None,
            "yleiskaava",
            {"types": {"sanallinenMaarays"}, "verbal": {"luontoarvot"}},
        ),
        (
            "Alueelle ei saa sijoittaa asuntokohtaisia pihoja.",
            None,
            "asemakaava",
            {"types": {"sanallinenMaarays"}, "verbal": {"tontinKaytto"}},
        ),
    ],
}

PARAMS = [
    pytest.param(text, sign, level, expect, id=f"{kind}: {text[:40]}")
    for kind, cases in CASES.items()
    for text, sign, level, expect in cases
]


@pytest.mark.parametrize(("text", "sign", "level", "expect"), PARAMS)
def test_real_wording(extractor, text, sign, level, expect):
    regs = extractor.extract(text, sign, level)
    got = {r.type for r in regs}
    assert got == expect["types"], [(r.type, r.confidence, r.evidence) for r in regs]
    for code, numbers in expect.get("values", {}).items():
        found = [(r.value or {}).get("number") for r in regs if r.type == code]
        assert sorted(found, key=str) == sorted(numbers, key=str), (code, found)
    if "verbal" in expect:
        topics = {v for r in regs for v in r.verbal}
        assert topics == expect["verbal"], topics
    if "additional" in expect:
        infos = {a["type"] for r in regs for a in r.additional}
        assert infos >= expect["additional"], infos
        if not expect["additional"]:
            assert not infos, infos
    # what the extractor is sure of is not marked for review, and says why
    for r in regs:
        assert not r.review and r.evidence, (r.type, r.confidence, r.evidence)


def test_explanation_keeps_the_value_it_writes_out(extractor):
    """Not a case that failed before: the sign-explanation step must not lose it (a number
    with its unit in the line itself is the value; "00 dBA" above is a placeholder)."""
    text = (
        "Määräys osoittaa, että alueelle sijoitettavien rakenteiden ääneneristävyyden tulee "
        "olla vähintään 36dB"
    )
    (reg,) = extractor.extract(text, None, "asemakaava")
    assert reg.type == "aaneneristavyys" and reg.value["number"] == 36 and not reg.review
