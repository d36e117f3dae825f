"""Inputs of the benchmark suite, made from one generated plan per size.

* the plan JSON itself (:func:`tests.support.plan_generator.generate_plan`: polygons tiling
  the plan area, building areas with floor-area groups);
* the same plan as the source a planner would convert: the ``ryhti init`` GeoPackage
  template (EPSG:3879) with the blocks in ``aluevaraukset`` (letter code, efficiency,
  storeys, every fourth with a regulation text), the building areas in ``osa_alueet``
  (floor area), the plan boundary, and the legend's texts in ``maaraykset``;
* legend entries (sign + Finnish regulation text), all different, for ``ryhti extract``.

Regulation texts are built from the phrasing of real asemakaava legends (autopaikat,
istutukset, julkisivut, hulevedet, kattokaltevuus, …) with varying numbers and words, so
the extractor sees new texts rather than one text repeated.
"""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

__all__ = ["legend_entries", "regulation_texts", "write_inputs", "write_source_gpkg"]

MATERIALS = ("punatiiltä", "vaaleaa rappausta", "puuta", "luonnonkiveä", "keltatiiltä")
TREES = ("lehtipuuta", "havupuuta", "jalopuuta", "hedelmäpuuta")
TEMPLATES = (
    "Rakennusalan osa, jolle saa sijoittaa enintään {n} autopaikkaa.",
    "Tontille on istutettava vähintään {a} {tree} kutakin alkavaa {m} m² kohden.",
    "Rakennusten julkisivujen on oltava {material}.",
    "Kattokaltevuus {a}–{b} astetta.",
    "Alueelle saa rakentaa enintään {n} k-m² liiketilaa.",
    "Autopaikkoja on rakennettava vähintään 1 ap / {m} k-m² asuinkerrosalaa.",
    "Hulevedet on viivytettävä tontilla siten, että viivytyspainanteiden tilavuus on {a} m³ "
    "jokaista 100 m² vettä läpäisemätöntä pintaa kohden.",
    "Rakennuksen maanpäällisen kerrosalan lisäksi saa rakentaa {p} % kellarikerrosalaa.",
    "Alueen osa, jolla sijaitsee suojeltava rakennus. Rakennusta ei saa purkaa {x}.",
    "Ohjeellinen leikkipaikka, jonka pinta-ala on vähintään {n} m².",
    "Säilytettävä puurivi. Kaadettujen puiden tilalle on istutettava {a} {tree}.",
    "Asuinhuoneiston ikkunoiden ääneneristävyyden liikennemelua vastaan on oltava vähintään "
    "{a} dBA.",
    "Tehokkuusluku e={e}.",
    "Rakennusala, jolle saa sijoittaa talousrakennuksen, kerrosala enintään {a}0 k-m².",
)
EXTRAS = (
    "",
    " Autopaikat on sijoitettava maanalaiseen pysäköintilaitokseen.",
    " Piha-alue on rakennettava viihtyisäksi oleskelualueeksi.",
    " Jätehuoltotilat on sijoitettava rakennukseen.",
    " Pysäköintialue on jäsennöitävä istutuksin.",
)
WHY = (
    "ilman erityistä syytä",
    "ilman museoviranomaisen lausuntoa",
    "ennen kuin korvaavasta rakennuksesta on lupa",
)


def regulation_texts(count: int, seed: int = 0) -> list[str]:
    """``count`` regulation texts, different from one another (a running number varies)."""
    rng = random.Random(seed)
    out = []
    for i in range(count):
        template = TEMPLATES[i % len(TEMPLATES)]
        text = template.format(
            n=rng.randint(2, 400) + i // len(TEMPLATES),
            a=rng.randint(1, 45),
            b=rng.randint(46, 60),
            m=rng.choice((50, 80, 100, 120, 150)),
            p=rng.choice((10, 15, 20, 25, 30)),
            e=f"{rng.randint(2, 15) / 10:.1f}".replace(".", ","),
            material=rng.choice(MATERIALS),
            tree=rng.choice(TREES),
            x=rng.choice(WHY),
        )
        out.append(text + EXTRAS[(i // len(TEMPLATES)) % len(EXTRAS)])
    return out


def legend_entries(count: int, seed: int = 0) -> list[dict[str, Any]]:
    """Legend entries ``{"id", "text", "sign", "plan_type"}`` as ``ryhti extract`` reads them."""
    signs = ("AK", "AP", "KL", "VL", "ma", "pi", "s-1", "et", None)
    return [
        {"id": f"e{i}", "text": text, "sign": signs[i % len(signs)], "plan_type": "asemakaava"}
        for i, text in enumerate(regulation_texts(count, seed))
    ]


def write_source_gpkg(plan: dict[str, Any], folder: Path, *, texts: int | None = None) -> Path:
    """The plan as a ``ryhti init`` template GeoPackage in ``folder``; returns its path.

    ``plan`` must be in EPSG:3879 (``generate_plan(n, srid="3879")``).
    """
    import geopandas as gpd
    import numpy as np
    import pyogrio
    import shapely

    from ryhti.parsers.template import write_template

    gpkg = write_template(folder, srid="3879", force=True)[0]
    letters = {
        g["planRegulationGroupKey"]: g.get("letterIdentifier") for g in plan["planRegulationGroups"]
    }
    floor = {
        g["planRegulationGroupKey"]: g["planRegulations"][0].get("value", {}).get("number")
        for g in plan["planRegulationGroups"]
    }
    by_object: dict[str, list[str]] = {}
    for rel in plan["planRegulationGroupRelations"]:
        by_object.setdefault(rel["planObjectKey"], []).append(rel["planRegulationGroupKey"])
    blocks = [o for o in plan["planObjects"] if not o.get("relatedPlanObjectKeys")]
    buildings = [o for o in plan["planObjects"] if o.get("relatedPlanObjectKeys")]

    def polygons(objs: list[dict[str, Any]]) -> Any:
        rings = [o["geometry"]["geometry"]["coordinates"][0] for o in objs]
        return shapely.polygons(rings) if rings else np.array([], dtype=object)

    n = len(blocks)
    i = np.arange(n)
    text_pool = regulation_texts(texts if texts is not None else max(1, n // 40), seed=1)
    block_letters = [
        next((letters[k] for k in by_object.get(o["planObjectKey"], []) if letters.get(k)), None)
        for o in blocks
    ]
    frame = gpd.GeoDataFrame(
        {
            "tunnus": [f"K{k}" for k in i],
            "kaavamerkinta": block_letters,
            # block numbers on building blocks only (parks and streets have none)
            "korttelinumero": [
                k + 1 if (letter or "")[:1] in "AKT" and letter else None
                for k, letter in enumerate(block_letters)
            ],
            "tehokkuusluku": np.where(i % 3 == 0, 0.4 + (i % 5) / 10, np.nan),
            "kerrosluku": np.array(["II", "III", "IV", None], dtype=object)[i % 4],
            "maaraysteksti": [text_pool[k % len(text_pool)] if k % 4 == 3 else None for k in i],
        },
        geometry=polygons(blocks),
        crs="EPSG:3879",
    )
    pyogrio.write_dataframe(frame, gpkg, layer="aluevaraukset", append=True)
    if buildings:
        b = np.arange(len(buildings))
        areas = [
            next((floor[k] for k in by_object.get(o["planObjectKey"], []) if floor.get(k)), None)
            for o in buildings
        ]
        sub = gpd.GeoDataFrame(
            {
                "tunnus": [f"R{k}" for k in b],
                "kaavamerkinta": ["rakennusala"] * len(buildings),
                "kerrosala": np.array([a or 0 for a in areas], dtype="int32"),
            },
            geometry=polygons(buildings),
            crs="EPSG:3879",
        )
        pyogrio.write_dataframe(sub, gpkg, layer="osa_alueet", append=True)
    boundary = shapely.polygons(plan["geographicalArea"]["geometry"]["coordinates"][0])
    pyogrio.write_dataframe(
        gpd.GeoDataFrame({"tunnus": ["1"]}, geometry=[boundary], crs="EPSG:3879"),
        gpkg,
        layer="kaava_alue",
        append=True,
    )
    return gpkg


def write_inputs(n: int, folder: Path, *, entries: int | None = None) -> dict[str, Any]:
    """Every input for size ``n`` into ``folder``: plan.json, source/kaava.gpkg, legend.jsonl."""
    from tests.support.plan_generator import generate_plan

    folder.mkdir(parents=True, exist_ok=True)
    plan = generate_plan(n, seed=0)
    (folder / "plan.json").write_text(json.dumps(plan), encoding="utf-8")
    source = generate_plan(n, seed=0, srid="3879")
    gpkg = write_source_gpkg(source, folder / "source")
    count = entries if entries is not None else max(50, n // 10)
    with (folder / "legend.jsonl").open("w", encoding="utf-8") as fh:
        for entry in legend_entries(count):
            fh.write(json.dumps(entry, ensure_ascii=False) + "\n")
    return {
        "objects": len(plan["planObjects"]),
        "plan_mb": (folder / "plan.json").stat().st_size / 1e6,
        "gpkg_mb": gpkg.stat().st_size / 1e6,
        "features": len(source["planObjects"]) + 1,
        "entries": count,
    }
