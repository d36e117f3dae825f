"""Small, realistic plans for the generator tests, built in code.

``espoo_plan()`` is a 3 ha asemakaava proposal in Espoo (EPSG:3879, ETRS-GK24) whose
blocks tile the plan area: two residential blocks with their building rights given
three ways (a k-m² figure, an efficiency, and building areas with their own k-m²), a
street, a park split in two, plus a footpath line, preserved trees as points and a
partial cancellation of an earlier plan. Every area is a round number so a reader can
check the golden documents by eye:

====================  ==================  ==========  ===========================
object                x (m)  × y (m)      area m²     building right
====================  ==================  ==========  ===========================
AK-1 block 101        0–95   × 82–150      6 460      4 800 k-m² (sallittuKerrosala)
AP block 102          105–200 × 82–150     6 460      e = 0,35 → 2 261 k-m²
AK-2 block 103        120–200 × 0–70       5 600      building areas 2 000 + 1 600
street (katu)         0–200  × 70–82       2 400      –
park VL (north)       95–105 × 82–150        680      –
park VL (south)       0–120  × 0–70        8 400      –
====================  ==================  ==========  ===========================

Keys are uuid5 over a fixed namespace, so the plans are the same on every run.
"""

from __future__ import annotations

import copy
import json
import uuid
from pathlib import Path
from typing import Any

NS = uuid.UUID("6f0d3c1e-2b7a-4c55-9d1e-0a8b7c6d5e4f")
X0, Y0 = 25_496_000.0, 6_673_000.0
SRID = "3879"

RYTJ = "http://uri.suomi.fi/codelist/rytj"
REG = f"{RYTJ}/RY_Kaavamaarayslaji/code/"
AI = f"{RYTJ}/RY_Kaavamaarayksen_Lisatiedonlaji/code/"
LIFE = f"{RYTJ}/kaavaelinkaari/code/"
ABOVE = f"{RYTJ}/RY_MaanalaisuudenLaji/code/02"


def key(*parts: Any) -> str:
    return str(uuid.uuid5(NS, "/".join(str(p) for p in parts)))


def rect(x1: float, y1: float, x2: float, y2: float) -> dict[str, Any]:
    ring = [[X0 + x1, Y0 + y1], [X0 + x2, Y0 + y1], [X0 + x2, Y0 + y2], [X0 + x1, Y0 + y2]]
    ring.append(ring[0])
    return {"type": "Polygon", "coordinates": [ring]}


def geom(g: dict[str, Any]) -> dict[str, Any]:
    return {"srid": SRID, "geometry": g}


def regulation(
    name: str, code: str, value: dict[str, Any] | None = None, infos: list[Any] = (), **extra: Any
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "planRegulationKey": key("reg", name),
        "lifeCycleStatus": LIFE + "04",
        "type": REG + code,
    }
    if value is not None:
        out["value"] = value
    if infos:
        out["additionalInformations"] = [
            {"type": AI + i} if isinstance(i, str) else {"type": AI + i[0], "value": i[1]}
            for i in infos
        ]
    out.update(extra)
    return out


def numeric(number: float, unit: str | None = None, data_type: str = "PositiveNumeric") -> dict:
    out: dict[str, Any] = {"dataType": data_type, "number": number}
    if unit is not None:
        out["unitOfMeasure"] = unit
    return out


def text(fin: str, swe: str | None = None) -> dict[str, Any]:
    t = {"fin": fin}
    if swe is not None:
        t["swe"] = swe
    return {"dataType": "LocalizedText", "text": t}


def group(
    name: str,
    title: dict[str, str],
    regulations: list[dict[str, Any]],
    letter: str | None = None,
    colour: str | None = None,
    number: int | None = None,
    recommendations: list[dict[str, str]] = (),
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "planRegulationGroupKey": key("group", name),
        "titleOfPlanRegulation": title,
        "planRegulations": regulations,
    }
    if letter:
        out["letterIdentifier"] = letter
    if colour:
        out["colorNumber"] = colour
    if number is not None:
        out["groupNumber"] = number
    if recommendations:
        out["planRecommendations"] = [
            {
                "planRecommendationKey": key("rec", name, i),
                "value": value,
                "lifeCycleStatus": LIFE + "04",
                "recommendationNumber": i + 1,
            }
            for i, value in enumerate(recommendations)
        ]
    return out


def plan_object(name: str, g: dict[str, Any], fin: str | None = None, **extra: Any) -> dict:
    out: dict[str, Any] = {
        "planObjectKey": key("object", name),
        "lifeCycleStatus": LIFE + "04",
        "undergroundStatus": ABOVE,
        "geometry": geom(g),
    }
    if fin:
        out["name"] = {"fin": fin}
    out.update(extra)
    return out


def espoo_plan() -> dict[str, Any]:
    """The sample plan as JSON (see the module docstring)."""
    groups = [
        group(
            "AK-1",
            {"fin": "Asuinkerrostalojen korttelialue", "swe": "Kvartersområde för flervåningshus"},
            [
                regulation("AK-1 main", "asuinkerrostaloalue", infos=["paakayttotarkoitus"]),
                regulation("AK-1 floor", "sallittuKerrosala", numeric(4800, "k-m2")),
                regulation("AK-1 storeys", "maanpaallinenKerroslukuLuku", numeric(5)),
                regulation(
                    "AK-1 parking",
                    "kerrosneliomaaraYhtaAutopaikkaaKohden",
                    numeric(100, "k-m2"),
                ),
                regulation(
                    "AK-1 verbal",
                    "sanallinenMaarays",
                    text(
                        "Rakennusten julkisivujen on oltava pääosin punatiiltä.",
                        "Byggnadernas fasader ska huvudsakligen vara av rött tegel.",
                    ),
                    verbalRegulations=[
                        f"{RYTJ}/RY_Sanallisen_Kaavamaarayksen_Laji/code/julkisivut"
                    ],
                ),
            ],
            letter="AK-1",
            colour="#D9A066",
            number=1,
            recommendations=[
                {
                    "fin": "Pihoille suositellaan istutettavaksi lehtipuita.",
                    "swe": "Lövträd rekommenderas på gårdarna.",
                }
            ],
        ),
        group(
            "AP",
            {"fin": "Asuinpientalojen korttelialue", "swe": "Kvartersområde för småhus"},
            [
                regulation("AP main", "asuinpientaloalue", infos=["paakayttotarkoitus"]),
                regulation("AP e", "tehokkuusluku", numeric(0.35, "k-m2/m2", "PositiveDecimal")),
                regulation(
                    "AP storeys",
                    "maanpaallinenKerroslukuArvovali",
                    {"dataType": "PositiveNumericRange", "minimumValue": 1, "maximumValue": 2},
                ),
            ],
            letter="AP",
            number=2,
        ),
        group(
            "AK-2",
            {"fin": "Asuinkerrostalojen korttelialue", "swe": "Kvartersområde för flervåningshus"},
            [
                regulation("AK-2 main", "asuinkerrostaloalue", infos=["paakayttotarkoitus"]),
                regulation("AK-2 storeys", "maanpaallinenKerroslukuLuku", numeric(4)),
            ],
            letter="AK-2",
            colour="#D9A066",
            number=3,
        ),
        group(
            "VL",
            {"fin": "Lähivirkistysalue", "swe": "Område för närrekreation"},
            [regulation("VL main", "lahivirkistysalue", infos=["paakayttotarkoitus"])],
            letter="VL",
            colour="#8CC06B",
            number=4,
        ),
        group(
            "katu",
            {"fin": "Katualue", "swe": "Gatuområde"},
            [regulation("katu main", "katu", infos=["paakayttotarkoitus"])],
            number=5,
        ),
        group(
            "rak-ala 2000",
            {"fin": "Rakennusala", "swe": "Byggnadsyta"},
            [
                regulation("rak-ala 2000 area", "rakennusala", infos=["osaAlue"]),
                regulation("rak-ala 2000 floor", "sallittuKerrosala", numeric(2000, "k-m2")),
            ],
        ),
        group(
            "rak-ala 1600",
            {"fin": "Rakennusala", "swe": "Byggnadsyta"},
            [
                regulation("rak-ala 1600 area", "rakennusala", infos=["osaAlue"]),
                regulation("rak-ala 1600 floor", "sallittuKerrosala", numeric(1600, "k-m2")),
            ],
        ),
        *(
            group(
                f"kortteli {n}",
                {"fin": f"Korttelin numero {n}", "swe": f"Kvartersnummer {n}"},
                [regulation(f"kortteli {n} number", "korttelinNumero", numeric(n))],
            )
            for n in (101, 102, 103)
        ),
        # Quantity-only groups (the table of block- and object-specific regulations):
        # the two building areas of block 103 with their own roof heights and storeys.
        *(
            group(
                f"korkeus {name}",
                {"fin": "Vesikaton ylimmän kohdan korkeusasema", "swe": "Vattentakets högsta höjd"},
                [
                    regulation(
                        f"korkeus {name} reg",
                        "vesikatonYlimmanKohdanKorkeusasema",
                        numeric(height, "m", "Decimal"),
                    )
                ],
            )
            for name, height in (("rak-ala 1", 32.5), ("rak-ala 2", 29))
        ),
        group(
            "rak-ala 2 storeys",
            {"fin": "Maanpäällinen kerrosluku (luku)", "swe": "Våningsantal ovan jord (tal)"},
            [regulation("rak-ala 2 storeys reg", "maanpaallinenKerroslukuLuku", numeric(3))],
        ),
        group(
            "kortteli 103 area",
            {"fin": "Korttelialue", "swe": "Kvartersområde"},
            [regulation("kortteli 103 area reg", "korttelialueTaiKorttelialueenOsa")],
        ),
        group(
            "ulk",
            {"fin": "Ohjeellinen ulkoilureitti", "swe": "Riktgivande friluftsled"},
            [regulation("ulk reg", "ulkoiluTaiVirkistysReitti")],
            letter="ulk",
        ),
        group(
            "puu",
            {"fin": "Säilytettävä puu", "swe": "Träd som ska bevaras"},
            [regulation("puu reg", "puuTaiPuurivi", infos=["sailytettava"])],
        ),
        group(
            "katu name",
            {"fin": "Kadun nimi", "swe": "Gatunamn"},
            [
                regulation(
                    "katu name reg",
                    "kadunTaiTienNimi",
                    text("Mäkikyläntie", "Backbyvägen"),
                )
            ],
        ),
    ]
    objects = [
        plan_object("block 101", rect(0, 82, 95, 150), "Kortteli 101"),
        plan_object("block 102", rect(105, 82, 200, 150), "Kortteli 102"),
        plan_object("block 103", rect(120, 0, 200, 70), "Kortteli 103"),
        plan_object("street", rect(0, 70, 200, 82), "Mäkikyläntie"),
        plan_object("park north", rect(95, 82, 105, 150)),
        plan_object("park south", rect(0, 0, 120, 70), "Mäkikylänpuisto"),
        plan_object(
            "rak-ala 1",
            rect(130, 10, 160, 60),
            relatedPlanObjectKeys=[key("object", "block 103")],
        ),
        plan_object("rak-ala 2", rect(170, 10, 195, 60)),
        plan_object("kortteli 103 area", rect(120, 0, 200, 70)),
        plan_object(
            "path",
            {
                "type": "LineString",
                "coordinates": [[X0 + 5, Y0 + 35], [X0 + 60, Y0 + 40], [X0 + 115, Y0 + 35]],
            },
        ),
        plan_object(
            "trees",
            {"type": "MultiPoint", "coordinates": [[X0 + 30, Y0 + 20], [X0 + 80, Y0 + 50]]},
        ),
    ]
    relations = [
        ("block 101", "AK-1"),
        ("block 101", "kortteli 101"),
        ("block 102", "AP"),
        ("block 102", "kortteli 102"),
        ("block 103", "AK-2"),
        ("street", "katu"),
        ("street", "katu name"),
        ("park north", "VL"),
        ("park south", "VL"),
        ("rak-ala 1", "rak-ala 2000"),
        ("rak-ala 2", "rak-ala 1600"),
        ("rak-ala 1", "korkeus rak-ala 1"),
        ("rak-ala 2", "korkeus rak-ala 2"),
        ("rak-ala 2", "rak-ala 2 storeys"),
        ("kortteli 103 area", "kortteli 103 area"),
        ("kortteli 103 area", "kortteli 103"),
        ("path", "ulk"),
        ("trees", "puu"),
    ]
    return {
        "planKey": key("plan", "Mäkikylä"),
        "lifeCycleStatus": LIFE + "04",
        "scale": 2000,
        "geographicalArea": geom(rect(0, 0, 200, 150)),
        "planDescription": (
            "Asemakaavalla mahdollistetaan asuinrakentaminen Mäkikylän keskustan "
            "tuntumaan.\n\nAlueelle osoitetaan kerrostaloja, pientaloja ja lähivirkistysalue."
        ),
        "planners": [
            {
                "planOperatorKey": key("planner", 1),
                "firstName": "Aino",
                "lastName": "Virtanen",
                "title": "arkkitehti",
                "organizationName": "Espoon kaupunkisuunnittelukeskus",
            }
        ],
        "generalRegulationGroups": [
            {
                "generalRegulationGroupKey": key("general", 1),
                "titleOfPlanRegulation": {"fin": "Yleismääräykset", "swe": "Allmänna bestämmelser"},
                "planRegulations": [
                    regulation(
                        "general verbal",
                        "sanallinenMaarays",
                        text(
                            "Hulevedet on viivytettävä tontilla.",
                            "Dagvattnet ska fördröjas på tomten.",
                        ),
                    )
                ],
                "planRecommendations": [
                    {
                        "planRecommendationKey": key("general rec", 1),
                        "value": {
                            "fin": "Rakentamisessa suositellaan puurakenteita.",
                            "swe": "Träkonstruktioner rekommenderas i byggandet.",
                        },
                        "lifeCycleStatus": LIFE + "04",
                    }
                ],
            }
        ],
        "planObjects": objects,
        "planRegulationGroups": groups,
        "planRegulationGroupRelations": [
            {"planObjectKey": key("object", o), "planRegulationGroupKey": key("group", g)}
            for o, g in relations
        ],
        "planCancellationInfos": [
            {
                "planCancellationInfoKey": key("cancel", 1),
                "cancelledPlanUri": (
                    "https://uri.rakennetunymparistontietojarjestelma.fi/plan/" + key("old plan", 1)
                ),
                "cancelsEntirePlan": False,
                "planObjectCancellationInfos": [
                    {
                        "planObjectCancellationInfoKey": key("cancel object", i),
                        "cancelledPlanObjectUri": (
                            "https://uri.rakennetunymparistontietojarjestelma.fi/planobject/"
                            + key("old object", i)
                        ),
                        "cancelsEntirePlanObject": True,
                    }
                    for i in (1, 2)
                ],
            }
        ],
    }


def espoo_matter() -> dict[str, Any]:
    """The plan matter of :func:`espoo_plan`: identifiers, type, municipality, process."""
    area = geom(rect(0, 0, 200, 150))

    def phase(status: str, n: int, **parts: Any) -> dict[str, Any]:
        return {
            "planMatterPhaseKey": key("phase", n),
            "lifeCycleStatus": LIFE + status,
            "geographicalArea": copy.deepcopy(area),
            **parts,
        }

    def handling(n: int, code: str, date: str, **extra: Any) -> dict[str, Any]:
        return {
            "handlingEventKey": key("handling", n),
            "handlingEventType": f"{RYTJ}/kaavakastap/code/{code}",
            "eventTime": date,
            **extra,
        }

    def interaction(n: int, code: str, begin: str, end: str | None, **extra: Any) -> dict:
        period = {"begin": begin}
        if end:
            period["end"] = end
        return {
            "interactionEventKey": key("interaction", n),
            "interactionEventType": f"{RYTJ}/RY_KaavanVuorovaikutustapahtumanLaji/code/{code}",
            "eventTime": period,
            **extra,
        }

    def decision(n: int, code: str, date: str, **extra: Any) -> dict[str, Any]:
        return {
            "planDecisionKey": key("decision", n),
            "name": f"{RYTJ}/kaavpaatnimi/code/{code}",
            "decisionDate": date,
            "dateOfDecision": date,
            "typeOfDecisionMaker": f"{RYTJ}/PaatoksenTekija/code/02",
            **extra,
        }

    return {
        "permanentPlanIdentifier": "AK-000123",
        "planType": f"{RYTJ}/RY_Kaavalaji/code/31",
        "name": {"fin": "Mäkikylän keskus", "swe": "Backby centrum"},
        "timeOfInitiation": "2024-02-01",
        "producerPlanIdentifier": "ESP-2024-017",
        "administrativeAreaIdentifiers": ["049"],
        "digitalOrigin": f"{RYTJ}/RY_DigitaalinenAlkupera/code/01",
        "planMatterPhases": [
            phase(
                "02",
                1,
                handlingEvent=handling(1, "04", "2024-02-01"),
                interactionEvents=[
                    interaction(
                        1,
                        "01",
                        "2024-02-12T00:00:00Z",
                        "2024-03-12T00:00:00Z",
                        name={"fin": "OAS nähtävillä"},
                    )
                ],
            ),
            phase(
                "03",
                2,
                planDecision=decision(2, "06", "2024-09-02"),
                handlingEvent=handling(2, "06", "2024-09-09"),
                interactionEvents=[
                    interaction(2, "03", "2024-09-18T15:00:00Z", "2024-09-18T18:00:00Z"),
                    interaction(
                        3,
                        "03",
                        "2024-10-02T15:00:00Z",
                        None,
                        cancelled=True,
                        name={"fin": "Toinen asukastilaisuus"},
                    ),
                ],
            ),
            phase(
                "04",
                3,
                planDecision=decision(
                    3,
                    "08",
                    "2025-03-10",
                    decisionIdentifier="Kaupunkisuunnittelulautakunta 10.3.2025 § 42",
                ),
                handlingEvent=handling(3, "07", "2025-03-17"),
                interactionEvents=[
                    interaction(4, "01", "2025-03-17T00:00:00Z", "2025-04-15T00:00:00Z"),
                    interaction(5, "02", "2025-03-17T00:00:00Z", "2025-04-30T00:00:00Z"),
                ],
            ),
        ],
    }


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return path
