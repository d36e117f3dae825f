"""Base documents the rule fixtures patch: a small, fully valid plan and plan matter.

The plan (lifecycle 04, EPSG:3067, a 100 m square in Helsinki) is tiled by an AK
block (west) and a VL area (east); a building area inside the block refers to it
and carries a floor-area group; a general regulation group holds a verbal
regulation. Every rule passes on it (a test checks that), so a fixture case that
changes one thing shows exactly the rule that thing breaks.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

C = "http://uri.suomi.fi/codelist/rytj"
TODAY = dt.date(2026, 1, 1)


def key(n: int) -> str:
    """A readable UUID: ``aaaaaaaa-0000-4000-8000-0000000000NN``."""
    return f"aaaaaaaa-0000-4000-8000-{n:012d}"


PLAN_KEY = key(1)
OBJ_AK, OBJ_VL, OBJ_BUILDING = key(10), key(11), key(12)
GRP_AK, GRP_VL, GRP_BUILDING, GRP_FLOOR, GRP_GENERAL = key(20), key(21), key(22), key(23), key(24)
X0, Y0 = 385000.0, 6672000.0


def square(x0: float, y0: float, x1: float, y1: float) -> list[list[list[float]]]:
    """A counter-clockwise polygon ring."""
    return [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]


def geom(kind: str, coords: Any, srid: str = "3067") -> dict[str, Any]:
    return {"srid": srid, "geometry": {"type": kind, "coordinates": coords}}


def lc(status: str) -> str:
    return f"{C}/kaavaelinkaari/code/{status}"


def reg_type(code: str) -> str:
    return f"{C}/RY_Kaavamaarayslaji/code/{code}"


def info(code: str, value: Any = None) -> dict[str, Any]:
    out: dict[str, Any] = {"type": f"{C}/RY_Kaavamaarayksen_Lisatiedonlaji/code/{code}"}
    if value is not None:
        out["value"] = value
    return out


def regulation(n: int, code: str, status: str = "04", **extra: Any) -> dict[str, Any]:
    return {
        "planRegulationKey": key(n),
        "lifeCycleStatus": lc(status),
        "type": reg_type(code),
        **extra,
    }


def plan_object(k: str, coords: Any, kind: str = "Polygon", **extra: Any) -> dict[str, Any]:
    return {
        "planObjectKey": k,
        "lifeCycleStatus": lc("04"),
        "undergroundStatus": f"{C}/RY_MaanalaisuudenLaji/code/02",
        "geometry": geom(kind, coords),
        **extra,
    }


def plan() -> dict[str, Any]:
    """The base ValidatePlan (lifecycle 04)."""
    return {
        "planKey": PLAN_KEY,
        "lifeCycleStatus": lc("04"),
        "geographicalArea": geom("Polygon", square(X0, Y0, X0 + 100, Y0 + 100)),
        "planObjects": [
            plan_object(OBJ_AK, square(X0, Y0, X0 + 60, Y0 + 100), name={"fin": "Kortteli 1"}),
            plan_object(OBJ_VL, square(X0 + 60, Y0, X0 + 100, Y0 + 100)),
            plan_object(
                OBJ_BUILDING,
                square(X0 + 10, Y0 + 10, X0 + 50, Y0 + 50),
                relatedPlanObjectKeys=[OBJ_AK],
            ),
        ],
        "planRegulationGroups": [
            {
                "planRegulationGroupKey": GRP_AK,
                "titleOfPlanRegulation": {"fin": "Asuinkerrostalojen korttelialue"},
                "letterIdentifier": "AK",
                "groupNumber": 1,
                "planRegulations": [
                    regulation(
                        30,
                        "asuinkerrostaloalue",
                        additionalInformations=[info("paakayttotarkoitus")],
                    )
                ],
            },
            {
                "planRegulationGroupKey": GRP_VL,
                "titleOfPlanRegulation": {"fin": "Lähivirkistysalue"},
                "letterIdentifier": "VL",
                "groupNumber": 2,
                "planRegulations": [
                    regulation(
                        31, "lahivirkistysalue", additionalInformations=[info("paakayttotarkoitus")]
                    )
                ],
            },
            {
                "planRegulationGroupKey": GRP_BUILDING,
                "titleOfPlanRegulation": {"fin": "Rakennusala"},
                "planRegulations": [
                    regulation(32, "rakennusala", additionalInformations=[info("osaAlue")])
                ],
            },
            {
                "planRegulationGroupKey": GRP_FLOOR,
                "titleOfPlanRegulation": {"fin": "Rakennusoikeus 2400 k-m²"},
                "planRegulations": [
                    regulation(
                        33,
                        "sallittuKerrosala",
                        value={
                            "dataType": "PositiveNumeric",
                            "number": 2400,
                            "unitOfMeasure": "k-m2",
                        },
                    )
                ],
            },
        ],
        "generalRegulationGroups": [
            {
                "generalRegulationGroupKey": GRP_GENERAL,
                "titleOfPlanRegulation": {"fin": "Yleismääräykset"},
                "planRegulations": [
                    regulation(
                        34,
                        "sanallinenMaarays",
                        value={
                            "dataType": "LocalizedText",
                            "text": {"fin": "Hulevedet on viivytettävä tontilla."},
                        },
                        verbalRegulations=[
                            f"{C}/RY_Sanallisen_Kaavamaarayksen_Laji/code/hulevedet"
                        ],
                    )
                ],
            }
        ],
        "planRegulationGroupRelations": [
            {"planObjectKey": OBJ_AK, "planRegulationGroupKey": GRP_AK},
            {"planObjectKey": OBJ_VL, "planRegulationGroupKey": GRP_VL},
            {"planObjectKey": OBJ_BUILDING, "planRegulationGroupKey": GRP_BUILDING},
            {"planObjectKey": OBJ_BUILDING, "planRegulationGroupKey": GRP_FLOOR},
        ],
    }


def document(n: int, doc_type: str = "14", date: str = "2024-01-15") -> dict[str, Any]:
    """An attachment document."""
    return {
        "attachmentDocumentKey": key(n),
        "documentIdentifier": f"DOC-{n}",
        "name": {"fin": f"Asiakirja {n}"},
        "personalDataContent": f"{C}/henkilotietosisalto/code/1",
        "categoryOfPublicity": f"{C}/julkisuus/code/1",
        "accessibility": True,
        "retentionTime": f"{C}/sailytysaika/code/01",
        "languages": [f"{C}/ryhtikielet/code/fi"],
        "fileKey": key(n + 500),
        "documentDate": date,
        "typeOfAttachment": f"{C}/RY_AsiakirjanLaji_YKAK/code/{doc_type}",
    }


def set_lifecycle(node: Any, status: str) -> None:
    """Set every lifeCycleStatus in ``node`` to ``status`` (in place)."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "lifeCycleStatus":
                node[k] = lc(status)
            else:
                set_lifecycle(v, status)
    elif isinstance(node, list):
        for item in node:
            set_lifecycle(item, status)


def approved_plan() -> dict[str, Any]:
    """The base plan approved (06), with approval date, plan map and description."""
    p = plan()
    set_lifecycle(p, "06")
    p["approvalDate"] = "2025-03-01"
    p["planMaps"] = [
        {
            "planMapKey": key(60),
            "name": {"fin": "Kaavakartta"},
            "fileKey": key(61),
            "coordinateSystem": "http://uri.suomi.fi/codelist/rakrek/ETRS89/code/EPSG3067",
        }
    ]
    p["planReport"] = {"planReportKey": key(62), "attachmentDocuments": [document(63, "01")]}
    return p


def matter() -> dict[str, Any]:
    """A plan matter created with its approval phase (06), carrying the approved plan."""
    return {
        "permanentPlanIdentifier": "AK-000123",
        "planType": f"{C}/RY_Kaavalaji/code/31",
        "name": {"fin": "Testikaava"},
        "timeOfInitiation": "2024-01-15",
        "administrativeAreaIdentifiers": ["091"],
        "digitalOrigin": f"{C}/RY_DigitaalinenAlkupera/code/01",
        "participationAndAssessmentScheme": {
            "participationAndAssessmentSchemeKey": key(70),
            "attachmentDocuments": [document(71)],
        },
        "planMatterPhases": [
            {
                "planMatterPhaseKey": key(80),
                "lifeCycleStatus": lc("06"),
                "geographicalArea": geom("Polygon", square(X0, Y0, X0 + 100, Y0 + 100)),
                "handlingEvent": {
                    "handlingEventKey": key(81),
                    "handlingEventType": f"{C}/kaavakastap/code/11",
                    "eventTime": "2025-03-01",
                },
                "planDecision": {
                    "planDecisionKey": key(82),
                    "name": f"{C}/kaavpaatnimi/code/11A",
                    "decisionDate": "2025-03-01",
                    "dateOfDecision": "2025-03-01",
                    "typeOfDecisionMaker": f"{C}/PaatoksenTekija/code/02",
                    "decisionDocuments": [document(83, "15", "2025-03-01")],
                    "plans": [approved_plan()],
                },
            }
        ],
    }


def phase() -> dict[str, Any]:
    """The matter's phase as a document of its own (a phase added to a stored matter)."""
    return copy.deepcopy(matter()["planMatterPhases"][0])


BASES = {"plan": plan, "matter": matter, "phase": phase}
#: Query parameters each base is validated with unless a fixture says otherwise.
DEFAULT_OPTIONS = {
    "plan": {"plan_type": "31", "municipality": "091"},
    "matter": {},
    "phase": {"plan_type": "31"},
}
