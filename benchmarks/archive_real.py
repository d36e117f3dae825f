"""The plan archive on real plans: add with validation, search and here, on both backends.

    .venv/bin/python benchmarks/archive_real.py [--backends gpkg postgis]

Inputs (from ``../shared/reference``; the script stops with a message when it is absent):
the Spatineo example plans and plan matter (``ryhti/examples/spatineo/kaavoitus``), the
Kempele GML plan and the qaava GeoPackage converted (``ryhti.convert``, not timed), and the
project's Espoo sample. Each backend gets a new archive in EPSG:3067 (the Espoo sample is
reprojected on the way in). Timed: ``archive add`` of all files with validation (the
default), a mix of searches (``--repeat`` rounds) and ``here`` on points inside the plans.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.archive_bench import _pct, start_postgres  # noqa: E402

REFERENCE = ROOT.parent / "shared" / "reference"
QUERIES: list[dict[str, Any]] = [
    {"query": "hulevesien viivytys"},
    {"query": "julkisivu"},
    {"query": "kerrosala"},
    {"query": "hule*"},
    {"query": "autopaikka"},
    {"codes": ("asumisenAlue",)},
    {"signs": ("AK",)},
    {"query": "alue", "in_force": True},
]


def inputs(folder: Path) -> list[Path]:
    """The real plans as files ``archive add`` reads (sources converted first)."""
    import ryhti

    spatineo = sorted((REFERENCE / "ryhti/examples/spatineo/kaavoitus").rglob("*.json"))
    files = list(spatineo)
    for name, source, crs in (
        ("kempele", REFERENCE / "gml/kuntapilotti-2019/Kuntapilotti_Kempele_hyvaksytty.gml", None),
        ("qaava", REFERENCE / "datasets/qaava-asemakaava_testiaineisto.gpkg", None),
    ):
        result = ryhti.convert(source, source_crs=crs or "EPSG:3067")
        path = folder / f"{name}.json"
        path.write_text(json.dumps(result.plan_json(), ensure_ascii=False), encoding="utf-8")
        files.append(path)
    files.append(ROOT / "samples/espoo-asemakaava/plan.json")
    return files


def run(kind: str, location: str, files: list[Path], repeat: int) -> dict[str, Any]:
    import shapely

    from ryhti.archive.here import HereRequest, run_here
    from ryhti.archive.ingest import add_files
    from ryhti.archive.records import AddOptions
    from ryhti.archive.search import SearchRequest, run_search
    from ryhti.archive.store import create_store

    store = create_store(location, 3067)
    wall = time.perf_counter()
    summary = add_files(store, files, AddOptions(srid=3067, plan_type="31"), progress=False)
    wall = time.perf_counter() - wall
    out: dict[str, Any] = {
        "backend": kind,
        "files": len(files),
        "failed": summary.failed,
        "outcomes": {k: summary.count(k) for k in ("added", "version", "replaced", "unchanged")},
        "objects": summary.objects,
        "add_s": round(wall, 2),
        "stats": store.stats(),
    }
    latencies = []
    for _ in range(repeat):
        for q in QUERIES:
            t = time.perf_counter()
            run_search(store, SearchRequest(**q))
            latencies.append((time.perf_counter() - t) * 1000)
    out["search_ms"] = {
        "p50": round(statistics.median(latencies), 1),
        "p95": round(_pct(latencies, 0.95), 1),
        "n": len(latencies),
    }
    rng = random.Random(1)
    areas = [
        shapely.from_wkb(w)
        for w in store.plan_areas([p["fid"] for p in store.plans()]).values()
        if w
    ]
    here_ms = []
    for _ in range(repeat * 20):
        area = rng.choice(areas)
        point = shapely.point_on_surface(area)
        t = time.perf_counter()
        run_here(store, HereRequest(point.x, point.y))
        here_ms.append((time.perf_counter() - t) * 1000)
    out["here_ms"] = {
        "p50": round(statistics.median(here_ms), 1),
        "p95": round(_pct(here_ms, 0.95), 1),
        "n": len(here_ms),
    }
    store.close()
    print(json.dumps(out, ensure_ascii=False), flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backends", nargs="+", default=["gpkg", "postgis"])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--postgis-url")
    args = parser.parse_args()
    if not REFERENCE.is_dir():
        sys.exit(f"no reference material at {REFERENCE}")
    work = Path(tempfile.mkdtemp(prefix="ryhti-archive-real-"))
    files = inputs(work)
    stop = None
    try:
        for kind in args.backends:
            if kind == "gpkg":
                run(kind, str(work / "kaavat.gpkg"), files, args.repeat)
            else:
                url = args.postgis_url
                if url is None:
                    url, stop = start_postgres(work / "pg")
                run(kind, f"{url}&schema=real", files, args.repeat)
    finally:
        if stop is not None:
            stop()


if __name__ == "__main__":
    main()
