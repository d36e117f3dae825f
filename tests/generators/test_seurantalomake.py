"""The seurantalomake class of every main use, one test per main class of Syke's form.

The expected classes are the test's own table, written from the form's main classes and
the traditional asemakaava notation (each letter code under its main class: YL, YO and
YH are public buildings, KTY and KL commerce and offices, TV industry and storage,
LPA traffic …) with the RY_Kaavamaarayslaji code and additional information each letter
code expands to in the Katja regulation library.
"""

from __future__ import annotations

import pytest

from ryhti.codelists import registry
from ryhti.generators.landuse import SYKE_CLASSES, regulation_code_list, syke_class

#: Main class -> (letter code, RY_Kaavamaarayslaji code, reserved for the public).
BY_CLASS: dict[str, list[tuple[str, str, bool]]] = {
    "A": [
        ("A", "asumisenAlue", False),
        ("AK", "asuinkerrostaloalue", False),
        ("AP", "asuinpientaloalue", False),
        ("AR", "rivitalojenJaMuidenKytkettyjenAsuinpientalojenAlue", False),
        ("AO", "erillistenAsuinpientalojenAlue", False),
        ("AH", "asumistaPalvelevaYhteiskayttoinenAlue", False),
        ("AM", "maatilanTalouskeskuksenAlue", False),
    ],
    "P": [
        ("P", "palvelujenAlue", False),
        ("PL", "palvelujenAlue", False),
        ("PV", "huviJaViihdeRakennustenAlue", False),
    ],
    "Y": [
        ("Y", "yleistenRakennustenAlue", True),
        ("YL", "palvelujenAlue", True),
        ("PY", "palvelujenAlue", True),
        ("YH", "toimistorakennustenAlue", True),
        ("YO", "opetusrakennustenAlue", True),
        ("YS", "hoitoalanRakennustenAlue", True),
        ("YY", "kulttuurirakennustenAlue", True),
        ("YM", "museorakennustenAlue", True),
        ("YK", "uskonnollistenYhteisojenRakennustenAlue", True),
        ("YU", "urheiluJaLiikuntaRakennustenAlue", True),
    ],
    "C": [("C", "keskustatoimintojenAlue", False)],
    "K": [
        ("KL", "liikerakennustenAlue", False),
        ("KT", "toimistorakennustenAlue", False),
        ("KTY", "toimitilojenAlue", False),
        ("KM", "vahittaiskaupanSuuryksikko", False),
        ("KLM", "myymalarakennustenAlue", False),
    ],
    "T": [
        ("T", "teollisuusalue", False),
        ("TT", "teollisuusalue", False),
        ("TV", "varastoalue", False),
    ],
    "V": [
        ("V", "virkistysalue", False),
        ("VL", "lahivirkistysalue", False),
        ("VP", "puisto", False),
        ("VK", "leikkipuisto", False),
        ("VU", "urheiluJaVirkistyspalvelujenAlue", False),
        ("VR", "retkeilyJaUlkoiluAlue", False),
        ("VV", "uimaranta", False),
    ],
    "R": [
        ("R", "vapaaAjanAsumisenJaMatkailunAlue", False),
        ("RA", "vapaaAjanAsumisenAlue", False),
        ("RM", "matkailupalvelujenAlue", False),
        ("RL", "leirintaAlue", False),
        ("RV", "asuntovaunualue", False),
    ],
    "L": [
        ("L", "liikennealue", False),
        ("KATU", "katu", False),
        ("LT", "maantie", False),
        ("LR", "raideliikenteenAlue", False),
        ("LPA", "pysakoinninAlue", False),
        ("LP", "pysakoinninAlue", True),
        ("LPY", "pysakointilaitostenAlue", True),
        ("LS", "satama-alue", False),
        ("LV", "venesatama", False),
        ("LH", "huoltoasemaAlue", False),
    ],
    "E": [
        ("E", "erityisalue", False),
        ("ET", "yhdyskuntateknisenHuollonAlue", False),
        ("EN", "energiahuollonAlue", False),
        ("EJ", "jatteenkasittelyalue", False),
        ("EH", "hautausmaa", False),
        ("EV", "suojaviheralue", False),
        ("EP", "puolustusvoimienAlue", False),
    ],
    "S": [
        ("S", "suojelualue", False),
        ("SL", "luonnonsuojelualue", False),
        ("SM", "muinaismuistoAlue", False),
        ("SR", "rakennussuojelualue", False),
    ],
    "M": [
        ("M", "maaJaMetsatalousAlue", False),
        ("MT", "maatalousalue", False),
        ("MM", "metsatalousalue", False),
        ("MU", "maaJaMetsatalousalueJollaErityistaUlkoilunOhjaamistarvetta", False),
        ("MY", "maaJaMetsatalousalueJollaErityisiaYmparistoarvoja", False),
    ],
    "W": [("W", "vesialue", False)],
}


def test_the_form_order() -> None:
    assert SYKE_CLASSES == ("A", "P", "Y", "C", "K", "T", "V", "R", "L", "E", "S", "M", "W")
    assert set(BY_CLASS) == set(SYKE_CLASSES)


@pytest.mark.parametrize("main_class", list(BY_CLASS))
def test_every_main_class(main_class: str) -> None:
    code_list = regulation_code_list(registry())
    for letter, code, public in BY_CLASS[main_class]:
        assert code_list.get(code) is not None, f"{code} is not in the snapshot"
        got = syke_class(code, code_list, {}, public=public)
        assert got == main_class, f"{letter} ({code}{', public' if public else ''}) → {got}"
