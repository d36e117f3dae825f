"""The seurantalomake class of every main use, one test per main class of Syke's form.

The expected classes are the test's own table, written from the form's main classes and
the traditional asemakaava notation (each letter code under its main class: YL, YO and
YH are public buildings, KTY and KL commerce and offices, TV industry and storage,
LPA traffic …) with the RY_Kaavamaarayslaji code and additional information each letter
code expands to in the Katja regulation library.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from ryhti.codelists import registry
from ryhti.generators import describe_document
from ryhti.generators.dimensioning import dimensioning
from ryhti.generators.landuse import SYKE_CLASSES, regulation_code_list, syke_class
from ryhti.generators.process import approval_record
from ryhti.model import from_json
from tests.generators.builders import (
    LIFE,
    RYTJ,
    espoo_matter,
    espoo_plan,
    group,
    key,
    numeric,
    plan_object,
    rect,
    regulation,
)

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


# -- approver rows (Hyväksyjä, Hyväksymispykälä) ----------------------------------------


def _matter_with(decision: dict[str, Any] | None) -> Any:
    """The sample matter, with an approving decision (11A) carrying ``decision`` when given."""
    matter = copy.deepcopy(espoo_matter())
    if decision is not None:
        matter["planMatterPhases"].append(
            {
                "planMatterPhaseKey": key("phase", 9),
                "lifeCycleStatus": f"{LIFE}06",
                "geographicalArea": copy.deepcopy(
                    matter["planMatterPhases"][0]["geographicalArea"]
                ),
                "planDecision": {
                    "planDecisionKey": key("decision", 9),
                    "name": f"{RYTJ}/kaavpaatnimi/code/11A",
                    "decisionDate": "2025-06-16",
                    "dateOfDecision": "2025-06-16",
                    "typeOfDecisionMaker": f"{RYTJ}/PaatoksenTekija/code/02",
                    **decision,
                },
            }
        )
    return from_json(matter, "matter")


def test_approver_of_an_approved_plan_from_its_decision_makers() -> None:
    maker = {"planOperatorKey": key("operator", 1), "organizationName": "Espoon kaupunginvaltuusto"}
    matter = _matter_with(
        {"decisionIdentifier": "Kaupunginvaltuusto 16.6.2025 § 87", "decisionMakers": [maker]}
    )
    assert approval_record(matter, "fi") == {
        "approved": "yes",
        "maker": "Espoon kaupunginvaltuusto",
        "section": "§ 87",
    }


def test_approver_read_from_the_decision_identifier() -> None:
    matter = _matter_with({"decisionIdentifier": "Kaupunginvaltuusto 16.6.2025 § 87"})
    record = approval_record(matter, "fi")
    assert (record["maker"], record["section"]) == ("Kaupunginvaltuusto", "§ 87")
    # the code list's kind of decision maker names no one: the form asks for the name
    assert approval_record(_matter_with({}), "fi") == {
        "approved": "yes",
        "maker": None,
        "section": None,
    }


def test_no_approver_before_approval() -> None:
    # the lautakunta's proposal decision (08, "… 10.3.2025 § 42") is not the approval
    nothing = {"approved": None, "maker": None, "section": None}
    assert approval_record(_matter_with(None), "fi") == nothing
    assert approval_record(None, "sv") == nothing


def test_approver_rows_in_the_form() -> None:
    plan = from_json(copy.deepcopy(espoo_plan()), "plan")
    matter = _matter_with({"decisionIdentifier": "Kaupunginvaltuusto 16.6.2025 § 87"})
    fi = describe_document(plan, matter, lang="fi", figure=False).markdown
    assert "| Hyväksyjä | Kaupunginvaltuusto |" in fi
    assert "| Hyväksymispykälä | § 87 |" in fi
    sv = describe_document(plan, _matter_with({}), lang="sv", figure=False).markdown
    assert "| Godkänd av | [KOMPLETTERA: godkänd av] |" in sv
    before = describe_document(plan, _matter_with(None), lang="fi", figure=False).markdown
    assert "| Hyväksyjä | – |" in before


# -- protected buildings' floor area -----------------------------------------------------


def _with_protected(plan: dict[str, Any], floors: list[float | None]) -> dict[str, Any]:
    """``plan`` with one protected building area (sr) per entry of ``floors``, each with
    its own sallittuKerrosala when the entry is a number."""
    plan = copy.deepcopy(plan)
    for i, floor in enumerate(floors):
        regs = [regulation(f"sr {i}", "rakennussuojelualue", infos=["osaAlue"])]
        if floor is not None:
            regs.append(regulation(f"sr {i} floor", "sallittuKerrosala", numeric(floor, "k-m2")))
        plan["planRegulationGroups"].append(group(f"sr {i}", {"fin": "Suojeltava rakennus"}, regs))
        obj = plan_object(f"sr {i}", rect(10 + 20 * i, 10, 25 + 20 * i, 25))
        plan["planObjects"].append(obj)
        plan["planRegulationGroupRelations"].append(
            {
                "planObjectKey": obj["planObjectKey"],
                "planRegulationGroupKey": key("group", f"sr {i}"),
            }
        )
    return plan


def _protected_row(plan: dict[str, Any], lang: str = "fi") -> str:
    text = describe_document(from_json(plan, "plan"), None, lang=lang, figure=False).markdown
    heading = "| Suojellut rakennukset |" if lang == "fi" else "| Skyddade byggnader |"
    return next(line for line in text.splitlines() if line.startswith(heading))


def test_protected_floor_area_is_the_building_right_on_protected_objects() -> None:
    base = espoo_plan()
    before = dimensioning(from_json(copy.deepcopy(base), "plan")).protected_buildings
    plan = _with_protected(base, [350.0, 120.0, None])
    dims = dimensioning(from_json(copy.deepcopy(plan), "plan"))
    assert dims.protected_buildings == before + 3
    assert dims.protected_floor_area == 470.0
    assert dims.protected_without_floor == before + 1
    assert _protected_row(plan).endswith("| 470 |")
    assert _protected_row(plan, "sv").endswith("| 470 |")


def test_protected_floor_area_without_any_figure_is_a_dash() -> None:
    plan = _with_protected(espoo_plan(), [None])
    dims = dimensioning(from_json(copy.deepcopy(plan), "plan"))
    assert dims.protected_floor_area is None
    assert _protected_row(plan).endswith("| – |")
