"""How long describing and mapping a large plan takes.

    .venv/bin/python benchmarks/describe_bench.py [--objects 10000 100000] [--keep DIR]

Builds a synthetic asemakaava in EPSG:3879: a grid of 60 m cells, each a 50 m block
(AK with its own k-m² and a building area, AP with an efficiency, or a VL park; every
block numbered) and two street strips, so the land-use areas tile the plan area like a
real one. Then times each step the CLI runs and prints a Markdown table for the README
("Describe performance").
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

NS = uuid.UUID("0b7e3c52-9a41-4d1e-8f62-4c1a2e9d7b10")
RYTJ = "http://uri.suomi.fi/codelist/rytj"
X0, Y0 = 25_490_000.0, 6_670_000.0


def key(*parts: Any) -> str:
    return str(uuid.uuid5(NS, "/".join(map(str, parts))))


def rect(x1: float, y1: float, x2: float, y2: float) -> dict[str, Any]:
    ring = [[X0 + x1, Y0 + y1], [X0 + x2, Y0 + y1], [X0 + x2, Y0 + y2], [X0 + x1, Y0 + y2]]
    return {"srid": "3879", "geometry": {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}}


def reg(name: str, code: str, value: dict | None = None, main: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "planRegulationKey": key("reg", name),
        "lifeCycleStatus": f"{RYTJ}/kaavaelinkaari/code/04",
        "type": f"{RYTJ}/RY_Kaavamaarayslaji/code/{code}",
    }
    if value:
        out["value"] = value
    if main:
        out["additionalInformations"] = [
            {"type": f"{RYTJ}/RY_Kaavamaarayksen_Lisatiedonlaji/code/paakayttotarkoitus"}
        ]
    return out


def synthetic_plan(objects: int) -> dict[str, Any]:
    """A plan of about ``objects`` plan objects (four per cell)."""
    cells = max(1, objects // 4)
    side = math.ceil(math.sqrt(cells))
    groups = [
        {
            "planRegulationGroupKey": key("g", c),
            "titleOfPlanRegulation": {"fin": t},
            "letterIdentifier": letter,
            "planRegulations": [reg(c, c, main=True)],
        }
        for c, t, letter in (
            ("asuinkerrostaloalue", "Asuinkerrostalojen korttelialue", "AK"),
            ("asuinpientaloalue", "Asuinpientalojen korttelialue", "AP"),
            ("lahivirkistysalue", "Lähivirkistysalue", "VL"),
            ("katu", "Katu", None),
            ("rakennusala", "Rakennusala", None),
        )
    ]
    groups.append(
        {
            "planRegulationGroupKey": key("g", "e"),
            "titleOfPlanRegulation": {"fin": "Tehokkuus"},
            "planRegulations": [
                reg("e", "tehokkuusluku", {"dataType": "PositiveDecimal", "number": 0.4})
            ],
        }
    )
    plan_objects: list[dict[str, Any]] = []
    relations: list[dict[str, str]] = []

    def add(name: str, geometry: dict, *group_keys: str) -> None:
        plan_objects.append(
            {
                "planObjectKey": key("o", name),
                "lifeCycleStatus": f"{RYTJ}/kaavaelinkaari/code/04",
                "undergroundStatus": f"{RYTJ}/RY_MaanalaisuudenLaji/code/02",
                "geometry": geometry,
            }
        )
        relations.extend(
            {"planObjectKey": key("o", name), "planRegulationGroupKey": g} for g in group_keys
        )

    for n in range(cells):
        i, j = divmod(n, side)
        x, y = i * 60.0, j * 60.0
        kind = ("asuinkerrostaloalue", "asuinpientaloalue", "lahivirkistysalue")[n % 3]
        block_group = key("block", n)
        own = [reg(f"k{n}", "korttelinNumero", {"dataType": "PositiveNumeric", "number": n + 1})]
        if kind == "asuinkerrostaloalue":
            own.append(
                reg(
                    f"f{n}",
                    "sallittuKerrosala",
                    {
                        "dataType": "PositiveNumeric",
                        "number": 1000 + 100 * (n % 17),
                        "unitOfMeasure": "k-m2",
                    },
                )
            )
        groups.append(
            {
                "planRegulationGroupKey": block_group,
                "titleOfPlanRegulation": {"fin": f"Kortteli {n + 1}"},
                "planRegulations": own,
            }
        )
        extra = [key("g", "e")] if kind == "asuinpientaloalue" else []
        add(f"b{n}", rect(x, y, x + 50, y + 50), key("g", kind), block_group, *extra)
        add(f"s{n}a", rect(x + 50, y, x + 60, y + 60), key("g", "katu"))
        add(f"s{n}b", rect(x, y + 50, x + 50, y + 60), key("g", "katu"))
        add(f"r{n}", rect(x + 10, y + 10, x + 40, y + 40), key("g", "rakennusala"))
    return {
        "planKey": key("plan", objects),
        "lifeCycleStatus": f"{RYTJ}/kaavaelinkaari/code/04",
        "scale": 2000,
        "geographicalArea": rect(0, 0, side * 60.0, side * 60.0),
        "planObjects": plan_objects,
        "planRegulationGroups": groups,
        "planRegulationGroupRelations": relations,
    }


def timed(label: str, fn: Any, rows: list[tuple[str, float]]) -> Any:
    start = time.perf_counter()
    result = fn()
    rows.append((label, time.perf_counter() - start))
    return result


def run(objects: int, folder: Path) -> list[tuple[str, float]]:
    from ryhti.generators import compute_figures, describe_document
    from ryhti.generators.geotiff import write_geotiff
    from ryhti.model import load_plan

    path = folder / f"plan-{objects}.json"
    path.write_text(json.dumps(synthetic_plan(objects)), encoding="utf-8")
    rows: list[tuple[str, float]] = []
    plan = timed("load plan JSON", lambda: load_plan(path), rows)
    timed("figures (areas, rights, blocks)", lambda: compute_figures(plan), rows)
    for fmt in ("md", "html", "docx"):
        doc = timed(
            f"describe → {fmt} (no map)",
            lambda fmt=fmt: describe_document(plan, fmt=fmt, figure=False),
            rows,
        )
        data = doc.content if isinstance(doc.content, bytes) else doc.content.encode()
        (folder / f"selostus-{objects}.{fmt}").write_bytes(data)
    timed("describe → md with map figure", lambda: describe_document(plan, fmt="md"), rows)
    timed(
        "map → GeoTIFF (≤ 4 096 px)",
        lambda: write_geotiff(plan, folder / f"kartta-{objects}.tif"),
        rows,
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--objects", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--keep", type=Path, help="Keep the generated files in this folder.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        results = {n: run(n, folder) for n in args.objects}
    print(
        f"Python {platform.python_version()} on {platform.machine()}, {platform.processor() or 'cpu'}"
    )
    print()
    print("| step | " + " | ".join(f"{n:,} objects" for n in args.objects) + " |")
    print("|---|" + "---:|" * len(args.objects))
    labels = [label for label, _ in results[args.objects[0]]]
    for i, label in enumerate(labels):
        print(
            f"| {label} | " + " | ".join(f"{results[n][i][1]:.2f} s" for n in args.objects) + " |"
        )


if __name__ == "__main__":
    main()
