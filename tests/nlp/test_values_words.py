"""Values written in words and less usual notations (dev2 material): parser and typed results."""

from __future__ import annotations

import pytest

from ryhti.nlp.lemmatizer import analyse, normalise_lemma
from ryhti.nlp.values import find_quantities


def _values(extractor, text, sign=None, plan_type="asemakaava"):
    out = {}
    for r in extractor.extract(text, sign, plan_type):
        v = r.value or {}
        if "number" in v:
            out[r.type] = v["number"]
        elif "minimumValue" in v:
            out[r.type] = (v["minimumValue"], v["maximumValue"])
        for a in r.additional:
            av = a.get("value") or {}
            if "number" in av:
                out[f"{r.type}/{a['type']}"] = av["number"]
    return out


@pytest.mark.parametrize(
    ("text", "kind", "number"),
    [
        ("et=0,35", "efficiency", 0.35),
        ("ea=0,2", "efficiency", 0.2),
        ("kolmikerroksisia", "storeys", 3),
        ("2-kerroksinen", "storeys", 2),
        ("1 kpl / 100 k-m²", "per_area", 100),
    ],
)
def test_parser_kinds(text, kind, number):
    (q,) = find_quantities(text)
    assert (q.kind, q.number) == (kind, number)


def test_storey_adjective_range():
    (q,) = find_quantities("3–4-kerroksisia")
    assert (q.kind, q.minimum, q.maximum) == ("storey_range", 3, 4)


def test_per_area_without_counted_noun_needs_jokaista():
    assert [q.kind for q in find_quantities("yksi jokaista 40 kerrosneliömetriä kohden")] == [
        "per_area"
    ]
    assert "per_area" not in [q.kind for q in find_quantities("1 200 k-m² kohden")]


def test_lemmas_the_rules_rely_on():
    assert analyse("lisäksi").lemma == "lisäksi"  # Voikko's first reading is *lisä*
    assert normalise_lemma(analyse("kerrosta").lemma) == "kerros"  # not *kerto*


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Korttelin tehokkuusluku on 0,65.", {"tehokkuusluku": 0.65}),
        ("Tonttitehokkuusluku et=1,4.", {"tehokkuusluku": 1.4}),
        ("Rakennukset saavat olla yksikerroksisia.", {"maanpaallinenKerroslukuLuku": 1}),
        ("Rakennusten tulee olla 3–4-kerroksisia.", {"maanpaallinenKerroslukuArvovali": (3, 4)}),
        ("Rakennuksessa saa olla enintään kaksi kerrosta.", {"maanpaallinenKerroslukuLuku": 2}),
        ("Maanalaisia kerroksia saa rakentaa enintään kaksi.", {"maanalainenKerroslukuLuku": 2}),
        (
            "Kutakin asuntoa kohden on rakennettava vähintään kaksi autopaikkaa.",
            {"autopaikkojenMaaraAsuntoaKohden": 2},
        ),
        (
            "Pyöräpaikkoja on rakennettava vähintään yksi jokaista 40 kerrosneliömetriä kohden.",
            {"kerrosneliomaaraYhtaPyorapaikkaaKohden": 40},
        ),
        (
            "Autopaikkoja on rakennettava vähintään 1 kpl / 100 k-m².",
            {"kerrosneliomaaraYhtaAutopaikkaaKohden": 100},
        ),
        (
            "Rakennettu ala saa olla enintään 15 % tontin pinta-alasta.",
            {"rakentamisenSuhdeAlueenPintaAlaan": 15},
        ),
        (
            "Asuntojen osuus kerrosalasta saa olla enintään 50 %.",
            {"asumisenAlue/kayttotarkoituksenOsuusKerrosalastaPros": 50},
        ),
    ],
)
def test_typed_values(extractor, text, expected):
    assert _values(extractor, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Rakennusoikeuden lisäksi saa rakentaa väestönsuojia ja teknisiä tiloja enintään 200 k-m².",
        "Kerrosalan lisäksi saa rakentaa kerhotiloja enintään 5 % asuinkerrosalasta.",
    ],
)
def test_extra_building_right_is_verbal(extractor, text):
    regs = extractor.extract(text, None, "asemakaava")
    assert [r.type for r in regs] == ["sanallinenMaarays"]
    assert regs[0].verbal == ["lisarakennusoikeus"]


def test_ordinal_floor_is_not_a_storey_count(extractor):
    regs = extractor.extract(
        "Rakennuksen ensimmäiseen kerrokseen saa sijoittaa myymälätiloja enintään 250 k-m².",
        None,
        "asemakaava",
    )
    assert "maanpaallinenKerroslukuLuku" not in [r.type for r in regs]
