"""A generated plan archive for the archive benchmark: thousands of plans on a map.

``write_archive_inputs(folder, n_plans, objects_per_plan)`` writes plan JSON files laid out
like a city's plan register (EPSG:3879, Espoo's zone):

* asemakaava plans on a grid, side by side (each the tiling of
  :func:`tests.support.plan_generator.generate_plan`: blocks and building areas with
  floor-area groups), with general regulations and block regulation texts written from
  the phrasing of real legends (:func:`benchmarks.suite_data.regulation_texts`), so the
  index sees thousands of different texts; lifecycles: 70 % in force (13), 20 % proposals
  (04), 10 % approved (06);
* every 20th plan has an earlier version (a proposal) written as well, so versions are
  exercised; every 25th plan is followed by a change plan that cancels two of its blocks
  (one wholly, one in part);
* one yleiskaava per 100 asemakaava plans, over them, and one maakuntakaava over all, so a
  point query meets three levels.

Keys are uuid5 over the seed and the plan number: the same call writes the same files.
"""

from __future__ import annotations

import json
import math
import uuid
from pathlib import Path
from typing import Any

from benchmarks.suite_data import regulation_texts
from tests.support.plan_generator import generate_plan

__all__ = ["PLAN_SIZE", "write_archive_inputs"]

NAMESPACE = uuid.UUID("0b8e5b8a-1f9e-5c4e-9f57-6a1d2e3c4b5a")
CODES = "http://uri.suomi.fi/codelist/rytj"
REG = f"{CODES}/RY_Kaavamaarayslaji/code/"
LIFECYCLE = f"{CODES}/kaavaelinkaari/code/"
SRID = "3879"
ORIGIN = (25_480_000.0, 6_660_000.0)
#: Side of the square each asemakaava gets on the grid (m); a 200-object plan is ~0.5 km wide.
PLAN_SIZE = 700.0


def _key(*parts: Any) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(map(str, parts))))


def _verbal(text: str, key: str, lifecycle: str) -> dict[str, Any]:
    return {
        "planRegulationKey": key,
        "lifeCycleStatus": lifecycle,
        "type": REG + "sanallinenMaarays",
        "value": {"dataType": "LocalizedText", "text": {"fin": text}},
    }


def _asemakaava(
    i: int, n_objects: int, grid: int, texts: list[str], lifecycle: str
) -> dict[str, Any]:
    col, row = i % grid, i // grid
    origin = (ORIGIN[0] + col * PLAN_SIZE, ORIGIN[1] + row * PLAN_SIZE)
    plan = generate_plan(n_objects, seed=i, srid=SRID, lifecycle=lifecycle, origin=origin)
    lc = LIFECYCLE + lifecycle
    plan["planDescription"] = f"Asemakaava {i + 1}, kortteli {col}-{row}"
    plan["approvalDate"] = f"{1990 + i % 35}-0{1 + i % 9}-1{i % 10}"
    general = [texts[(i * 3 + k) % len(texts)] for k in range(3)]
    plan["generalRegulationGroups"] = [
        {
            "generalRegulationGroupKey": _key(i, "general"),
            "titleOfPlanRegulation": {"fin": "Yleiset määräykset"},
            "planRegulations": [
                _verbal(t, _key(i, "general", k), lc) for k, t in enumerate(general)
            ],
        }
    ]
    for g, group in enumerate(plan["planRegulationGroups"][:7]):
        text = texts[(i * 7 + g) % len(texts)]
        group["planRegulations"].append(_verbal(text, _key(i, "verbal", g), lc))
    return plan


def _cancelling(base: dict[str, Any], i: int) -> dict[str, Any]:
    """A small change plan over two blocks of ``base``: cancels one wholly, one in part."""
    blocks = base["planObjects"][:2]
    lc = LIFECYCLE + "13"
    objects, relations = [], []
    group_key = _key(i, "change-group")
    for k, obj in enumerate(blocks):
        key = _key(i, "change-object", k)
        objects.append({**obj, "planObjectKey": key, "lifeCycleStatus": lc})
        relations.append({"planObjectKey": key, "planRegulationGroupKey": group_key})
    ring = blocks[0]["geometry"]["geometry"]["coordinates"][0]
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    area_ring = [
        [min(xs), min(ys)],
        [max(xs) + 80, min(ys)],
        [max(xs) + 80, max(ys)],
        [min(xs), max(ys)],
        [min(xs), min(ys)],
    ]
    return {
        "planKey": _key(i, "change"),
        "lifeCycleStatus": lc,
        "planDescription": f"Asemakaavan muutos {i + 1}",
        "approvalDate": "2024-05-02",
        "geographicalArea": {
            "srid": SRID,
            "geometry": {"type": "Polygon", "coordinates": [area_ring]},
        },
        "planCancellationInfos": [
            {
                "planCancellationInfoKey": _key(i, "cancel"),
                "cancelledPlanUri": f"https://uri.rakennetunymparistontietojarjestelma.fi/plan/{base['planKey']}",
                "cancelsEntirePlan": False,
                "planObjectCancellationInfos": [
                    {
                        "planObjectCancellationInfoKey": _key(i, "cancel", 0),
                        "cancelledPlanObjectUri": f"https://uri.rakennetunymparistontietojarjestelma.fi/planobject/{blocks[0]['planObjectKey']}",
                        "cancelsEntirePlanObject": True,
                    }
                ],
            }
        ],
        "planObjects": objects,
        "planRegulationGroups": [
            {
                "planRegulationGroupKey": group_key,
                "titleOfPlanRegulation": {"fin": "Asuinkerrostalojen korttelialue"},
                "letterIdentifier": "AK-1",
                "planRegulations": [
                    {
                        "planRegulationKey": _key(i, "change-reg"),
                        "lifeCycleStatus": lc,
                        "type": REG + "asuinkerrostaloalue",
                        "additionalInformations": [
                            {
                                "type": f"{CODES}/RY_Kaavamaarayksen_Lisatiedonlaji/code/paakayttotarkoitus"
                            }
                        ],
                    },
                    _verbal("Hulevedet on imeytettävä tontilla.", _key(i, "change-text"), lc),
                ],
            }
        ],
        "planRegulationGroupRelations": relations,
    }


def _area_plan(
    key: str, ring: list[list[float]], code: str, title: str, level_code: str, texts: list[str]
) -> dict[str, Any]:
    lc = LIFECYCLE + "13"
    group_key = _key(key, "group")
    plan = {
        "planKey": _key(key, "plan"),
        "lifeCycleStatus": lc,
        "planDescription": title,
        "geographicalArea": {"srid": SRID, "geometry": {"type": "Polygon", "coordinates": [ring]}},
        "planObjects": [
            {
                "planObjectKey": _key(key, "object"),
                "lifeCycleStatus": lc,
                "undergroundStatus": f"{CODES}/RY_MaanalaisuudenLaji/code/02",
                "geometry": {"srid": SRID, "geometry": {"type": "Polygon", "coordinates": [ring]}},
            }
        ],
        "planRegulationGroups": [
            {
                "planRegulationGroupKey": group_key,
                "titleOfPlanRegulation": {"fin": title},
                "letterIdentifier": level_code,
                "planRegulations": [
                    {
                        "planRegulationKey": _key(key, "reg"),
                        "lifeCycleStatus": lc,
                        "type": REG + code,
                        "additionalInformations": [
                            {
                                "type": f"{CODES}/RY_Kaavamaarayksen_Lisatiedonlaji/code/paakayttotarkoitus"
                            }
                        ],
                    },
                    _verbal(texts[0], _key(key, "text"), lc),
                    *(
                        [
                            {
                                "planRegulationKey": _key(key, "restriction"),
                                "lifeCycleStatus": lc,
                                "type": REG + "rakentamisrajoitusMaakuntakaava",
                                "value": {
                                    "dataType": "LocalizedText",
                                    "text": {"fin": "Alueelle ei saa rakentaa ilman asemakaavaa."},
                                },
                            }
                        ]
                        if level_code == "MK"
                        else []
                    ),
                ],
            }
        ],
        "planRegulationGroupRelations": [
            {"planObjectKey": _key(key, "object"), "planRegulationGroupKey": group_key}
        ],
    }
    if level_code == "YK":
        plan["legalEffectOfLocalMasterPlans"] = [f"{CODES}/oikeusvaik_YK/code/1"]
    return plan


def _square(x0: float, y0: float, w: float, h: float) -> list[list[float]]:
    return [[x0, y0], [x0 + w, y0], [x0 + w, y0 + h], [x0, y0 + h], [x0, y0]]


def write_archive_inputs(
    folder: Path, n_plans: int, objects_per_plan: int = 200, seed: int = 0
) -> dict[str, Any]:
    """Write the plans into ``folder`` (one JSON file each); returns counts and the extent."""
    folder.mkdir(parents=True, exist_ok=True)
    grid = max(1, math.ceil(math.sqrt(n_plans)))
    texts = regulation_texts(max(200, n_plans), seed)
    lifecycles = ["13"] * 7 + ["04"] * 2 + ["06"]
    files, objects = 0, 0

    def write(name: str, plan: dict[str, Any]) -> None:
        nonlocal files, objects
        (folder / name).write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
        files += 1
        objects += len(plan["planObjects"])

    for i in range(n_plans):
        lifecycle = lifecycles[i % len(lifecycles)]
        plan = _asemakaava(i, objects_per_plan, grid, texts, lifecycle)
        if i % 20 == 0 and lifecycle == "13":
            earlier = _asemakaava(i, objects_per_plan, grid, texts, "04")
            earlier["planDescription"] += " (ehdotus)"
            write(f"ak-{i:05d}-v1.json", earlier)
        write(f"ak-{i:05d}.json", plan)
        if i % 25 == 0:
            write(f"ak-{i:05d}-muutos.json", _cancelling(plan, i))
    width = grid * PLAN_SIZE
    rows = math.ceil(n_plans / grid)
    for gx in range(0, grid, 10):
        for gy in range(0, rows, 10):
            ring = _square(
                ORIGIN[0] + gx * PLAN_SIZE - 50,
                ORIGIN[1] + gy * PLAN_SIZE - 50,
                10 * PLAN_SIZE,
                10 * PLAN_SIZE,
            )
            write(
                f"yk-{gx:03d}-{gy:03d}.json",
                _area_plan(
                    f"yk{gx}-{gy}", ring, "asumisenAlue", "Asuntovaltainen alue", "YK", texts
                ),
            )
    ring = _square(ORIGIN[0] - 200, ORIGIN[1] - 200, width + 400, rows * PLAN_SIZE + 400)
    write(
        "mk.json",
        _area_plan("mk", ring, "taajamatoimintojenAlue", "Taajamatoimintojen alue", "MK", texts),
    )
    return {
        "files": files,
        "objects": objects,
        "extent": (ORIGIN[0], ORIGIN[1], ORIGIN[0] + width, ORIGIN[1] + rows * PLAN_SIZE),
        "grid": grid,
    }
