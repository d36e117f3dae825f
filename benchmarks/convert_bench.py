"""Benchmark: convert a 100,000-feature GeoPackage to plan JSON (target ≤ 20 s on one core).

Makes a synthetic plan in the ``ryhti init`` template layout (EPSG:3879): a grid of
100,000 blocks with letter codes, efficiency numbers, storeys and a few regulation
texts, plus the plan boundary, then times ``ryhti.parsers.convert`` end to end
(reading, mapping, geometry checks, report) and writing the plan and report JSON.

    .venv/bin/python benchmarks/convert_bench.py [--features 100000] [--no-extract]
        [--change-classes 2000]

``--change-classes N`` adds a yleiskaava change-class layer: about N hatch polygons (three
classes, each over a rectangle of blocks, offset so that the blocks on its edges straddle two) in ``osa_alueet``,
whose classes go to the blocks lying at least half inside them (:mod:`ryhti.parsers.changeclass`).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def make_source(folder: Path, count: int, hatches: int = 0) -> Path:
    import geopandas as gpd
    import numpy as np
    import pyogrio
    import shapely

    from ryhti.parsers.template import write_template

    gpkg = write_template(folder, srid="3879")[0]
    side = int(np.ceil(np.sqrt(count)))
    i = np.arange(count)
    x0 = 25_480_000 + (i % side) * 20.0
    y0 = 6_670_000 + (i // side) * 20.0
    geoms = shapely.box(x0, y0, x0 + 20.0, y0 + 20.0)
    letters = np.array(["AK", "AP", "VL", "YL", "LPA", "AL", "VP", "KTY"])[i % 8]
    frame = gpd.GeoDataFrame(
        {
            "tunnus": [f"B{k}" for k in i],
            "kaavamerkinta": letters,
            "tehokkuusluku": np.where(i % 3 == 0, 0.4 + (i % 5) / 10, np.nan),
            "kerrosluku": np.array(["II", "III", "IV", None], dtype=object)[i % 4],
            "maaraysteksti": np.array(
                [None, None, None, "Rakennusten julkisivujen on oltava punatiiltä."], dtype=object
            )[i % 4],
        },
        geometry=geoms,
        crs="EPSG:3879",
    )
    pyogrio.write_dataframe(frame, gpkg, layer="aluevaraukset", append=True)
    boundary = shapely.box(25_480_000, 6_670_000, 25_480_000 + side * 20.0, 6_670_000 + side * 20.0)
    pyogrio.write_dataframe(
        gpd.GeoDataFrame({"tunnus": ["1"]}, geometry=[boundary], crs="EPSG:3879"),
        gpkg,
        layer="kaava_alue",
        append=True,
    )
    if hatches:
        # a grid of hatches of ~count/hatches blocks each, offset by a quarter block: the
        # blocks along their edges are split 75/25 between two classes
        per = max(1.0, count / hatches)
        wide = int(np.ceil(np.sqrt(2 * per)))
        tall = int(np.ceil(per / wide))
        across = int(np.ceil(side / wide))
        k = np.arange(int(np.ceil(side / wide) * np.ceil(side / tall)))
        hx = 25_480_005 + (k % across) * wide * 20.0
        hy = 6_670_000 + (k // across) * tall * 20.0
        classes = np.array(
            [
                "Uudet ja olennaisesti muuttuvat alueet",
                "Nykyisellään säilyvät alueet",
                "Pienin toimenpitein kehitettävät alueet",
            ],
            dtype=object,
        )[k % 3]
        pyogrio.write_dataframe(
            gpd.GeoDataFrame(
                {"tunnus": [f"H{n}" for n in k], "maaraysteksti": classes},
                geometry=shapely.box(hx, hy, hx + wide * 20.0, hy + tall * 20.0),
                crs="EPSG:3879",
            ),
            gpkg,
            layer="osa_alueet",
            append=True,
        )
    return gpkg


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--features", type=int, default=100_000)
    parser.add_argument("--no-extract", action="store_true")
    parser.add_argument("--change-classes", type=int, default=0, metavar="N")
    args = parser.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    from ryhti.io import write_json
    from ryhti.parsers import convert

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t = time.perf_counter()
        gpkg = make_source(folder, args.features, args.change_classes)
        print(f"made {args.features:,} features in {time.perf_counter() - t:.1f} s (not timed)")
        t0 = time.perf_counter()
        result = convert(gpkg, use_extractor=not args.no_extract)
        t1 = time.perf_counter()
        # as `ryhti convert` writes a plan this large: compact (see ryhti.parsers.cli)
        write_json(folder / "plan.json", result.plan_json(), indent=None)
        write_json(folder / "report.json", result.report, indent=None)
        t2 = time.perf_counter()
        size = (folder / "plan.json").stat().st_size
    total = t2 - t0
    print(f"convert: {t1 - t0:.2f} s; write plan + report JSON: {t2 - t1:.2f} s")
    print(
        f"{args.features:,} features → {len(result.plan_json()['planObjects']):,} plan objects, "
        f"{len(result.plan_json()['planRegulationGroups'])} groups, plan.json {size / 1e6:.0f} MB"
    )
    print(f"total {total:.2f} s = {args.features / total:,.0f} features/s")
    if args.change_classes:
        passed = result.report["summary"].get("changeClass", 0)
        print(f"change classes: {passed:,} hatches passed on")
    return 0 if total <= 20 else 1


if __name__ == "__main__":
    raise SystemExit(main())
