"""Benchmark of the plan archive: add, search, here (both backends) and diff.

    .venv/bin/python benchmarks/archive_bench.py --plans 10000 --objects 200 \\
        --backends gpkg postgis --jobs 1 2 --markdown

Inputs are generated first and kept (``--work``; not timed): ``--plans`` asemakaava plans of
``--objects`` objects on a grid, with versions, change plans and yleiskaava/maakuntakaava
over them (:mod:`benchmarks.archive_data`). Then, per backend:

* **add** — ``archive add`` of the whole folder without validation (the validator's own
  speed is ``benchmarks/validate_bench.py``), objects per wall-clock second, for each of
  ``--jobs`` (processes at work: 1 prepares and writes in one process, 2 — the default of
  ``archive add`` on two cores — prepares in a second process while the first writes;
  CPU seconds include the preparing process); plus the same with validation on a sample
  of the plans;
* **search** — a mix of queries (Finnish words in other forms than the texts, prefixes,
  codes, signs, in force, level, near a point), each run in the process as the command
  runs it (hits with their objects and snippets): median and 95th percentile latency;
* **here** — random points over the area: median and 95th percentile;
* **diff** — two versions of a ``--diff``-object plan (1 % of the objects reshaped,
  removed, added or re-regulated), read from their files: wall and CPU seconds.

PostgreSQL: ``--postgis-url`` or a throwaway cluster started like the tests start theirs.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.archive_data import write_archive_inputs  # noqa: E402
from tests.support.plan_generator import generate_plan  # noqa: E402

QUERIES: list[dict[str, Any]] = [
    {"query": "hulevesien viivytys"},
    {"query": "julkisivu"},
    {"query": "autopaikat"},
    {"query": "kattokaltevuus"},
    {"query": "leikkipaikan pinta-ala"},
    {"query": "suojeltava rakennus"},
    {"query": "hule*"},
    {"query": "punatiili"},
    {"query": "istutettava lehtipuu"},
    {"query": "liiketilaa"},
    {"query": "asuinkerrostalo"},
    {"query": "julkisivu", "in_force": True},
    {"query": "autopaikka", "level": "asemakaava", "municipality": "049"},
    {"codes": ("asuinkerrostaloalue",), "in_force": True},
    {"signs": ("AK",)},
    {"query": "hulevesi", "near": True},
    {"query": "rakennusala", "near": True},
    {"codes": ("sallittuKerrosala",), "near": True},
]


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def start_postgres(folder: Path) -> tuple[str, Any]:
    """A private PostgreSQL cluster on a Unix socket; returns its URL and a stop function."""
    import glob
    import os
    import socket

    bindir = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))[-1]).parent
    user = "postgres" if os.geteuid() == 0 else None

    def run(cmd: list[str]) -> None:
        full = ["runuser", "-u", user, "--", *cmd] if user else cmd
        subprocess.run(full, check=True, capture_output=True, text=True)

    data, sock = folder / "pgdata", folder / "pgsock"
    sock.mkdir(parents=True, exist_ok=True)
    if user:
        shutil.chown(folder, user)
        shutil.chown(sock, user)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    run([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8"])
    opts = f"-c listen_addresses='' -k {sock} -p {port} -c fsync=off -c shared_buffers=512MB -c max_wal_size=4GB"
    run(
        [
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-w",
            "-l",
            str(folder / "pg.log"),
            "start",
            "-o",
            opts,
        ]
    )
    url = f"postgresql://postgres@/postgres?host={sock}&port={port}"

    def stop() -> None:
        run([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"])

    return url, stop


def bench_queries(kind: str, location: str, info: dict, args: argparse.Namespace) -> dict:
    """Search and here latencies on an existing archive."""
    from ryhti.archive.here import HereRequest, run_here
    from ryhti.archive.search import SearchRequest, run_search
    from ryhti.archive.store import open_store

    out: dict[str, Any] = {"backend": kind}
    store = open_store(location)
    out["stats"] = store.stats()
    rng = random.Random(1)
    x0, y0, x1, y1 = info["extent"]
    latencies: list[float] = []
    per_query: dict[str, list[float]] = {}
    for _ in range(args.repeat):
        for q in QUERIES:
            params = dict(q)
            if params.pop("near", False):
                params["near"] = (rng.uniform(x0, x1), rng.uniform(y0, y1), 300.0)
            t = time.perf_counter()
            run_search(store, SearchRequest(**params))
            dt = (time.perf_counter() - t) * 1000
            latencies.append(dt)
            per_query.setdefault(json.dumps(q, ensure_ascii=False), []).append(dt)
    out["search_ms"] = {
        "p50": round(statistics.median(latencies), 1),
        "p95": round(_pct(latencies, 0.95), 1),
        "n": len(latencies),
    }
    out["search_slowest"] = sorted(
        ((round(max(v), 1), k) for k, v in per_query.items()), reverse=True
    )[:3]
    print(f"[{kind}] search: {out['search_ms']} slowest {out['search_slowest']}", flush=True)
    here_ms: list[float] = []
    answered = 0
    for _ in range(args.points):
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        t = time.perf_counter()
        result = run_here(store, HereRequest(x, y))
        here_ms.append((time.perf_counter() - t) * 1000)
        answered += bool(result["plans"])
    out["here_ms"] = {
        "p50": round(statistics.median(here_ms), 1),
        "p95": round(_pct(here_ms, 0.95), 1),
        "n": len(here_ms),
        "answered": answered,
    }
    print(f"[{kind}] here: {out['here_ms']}", flush=True)
    store.close()
    return out


def bench_backend(
    kind: str, location: str, inputs: Path, info: dict, args: argparse.Namespace
) -> dict:
    from ryhti.archive.ingest import add_files
    from ryhti.archive.records import AddOptions
    from ryhti.archive.store import create_store

    out: dict[str, Any] = {"backend": kind}
    for jobs in args.jobs:
        loc = location if jobs == args.jobs[-1] else f"{location}.jobs{jobs}"
        if kind == "postgis":
            loc = f"{location}&schema=bench_j{jobs}"
        store = create_store(loc if kind == "postgis" else str(loc), 3879)
        wall, cpu = time.perf_counter(), _cpu()
        opts = AddOptions(srid=3879, validate=False, municipality="049")
        summary = add_files(store, [inputs], opts, jobs=jobs, progress=False)
        wall, cpu = time.perf_counter() - wall, _cpu() - cpu
        assert not summary.failed, summary.failed[:3]
        out[f"add_j{jobs}"] = {
            "objects": summary.objects,
            "plans": len(summary.results),
            "wall_s": round(wall, 1),
            "cpu_s": round(cpu, 1),
            "objects_per_s": round(summary.objects / wall),
        }
        print(f"[{kind}] add jobs={jobs}: {out[f'add_j{jobs}']}", flush=True)
        if jobs != args.jobs[-1]:
            store.close()
            if kind == "gpkg":
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{loc}{suffix}").unlink(missing_ok=True)
        else:
            main_location = loc
            store.close()
    # validation cost on a sample of the plans (new archive)
    sample = sorted(inputs.glob("ak-*.json"))[: args.validate_sample]
    vloc = f"{location}&schema=bench_v" if kind == "postgis" else f"{location}.valid"
    vstore = create_store(vloc, 3879)
    wall = time.perf_counter()
    vsum = add_files(
        vstore, sample, AddOptions(srid=3879, plan_type="31", municipality="049"), progress=False
    )
    wall = time.perf_counter() - wall
    out["add_validated"] = {
        "objects": vsum.objects,
        "wall_s": round(wall, 1),
        "objects_per_s": round(vsum.objects / wall),
    }
    print(f"[{kind}] add with validation: {out['add_validated']}", flush=True)
    vstore.close()
    out.update(bench_queries(kind, main_location, info, args))
    return out


def bench_diff(n: int, folder: Path) -> dict:
    from ryhti.archive.diff import diff_plans
    from ryhti.archive.diffout import to_markdown
    from ryhti.model import load_plan

    old = generate_plan(n, seed=7, srid="3879")
    new = copy.deepcopy(old)
    rng = random.Random(7)
    objects = new["planObjects"]
    count = max(1, n // 400)
    for obj in rng.sample(objects[: len(objects) // 2], count):  # reshaped
        ring = obj["geometry"]["geometry"]["coordinates"][0]
        ring[1][0] += 2.0
    removed = {o["planObjectKey"] for o in rng.sample(objects[len(objects) // 2 :], count)}
    new["planObjects"] = [o for o in objects if o["planObjectKey"] not in removed]
    new["planRegulationGroupRelations"] = [
        r for r in new["planRegulationGroupRelations"] if r["planObjectKey"] not in removed
    ]
    for i in range(count):  # added
        added = copy.deepcopy(new["planObjects"][i])
        added["planObjectKey"] = f"00000000-0000-5000-8000-{i:012d}"
        ring = added["geometry"]["geometry"]["coordinates"][0]
        added["geometry"]["geometry"]["coordinates"] = [[[x + 5000.0, y] for x, y in ring]]
        new["planObjects"].append(added)
    new["planRegulationGroups"][-1]["planRegulations"][0]["value"]["number"] += 100  # re-regulated
    a, b = folder / "diff-old.json", folder / "diff-new.json"
    a.write_text(json.dumps(old), encoding="utf-8")
    b.write_text(json.dumps(new), encoding="utf-8")
    # time what `ryhti diff` does, in a process that holds nothing else: the generated
    # dicts would otherwise weigh on every garbage collection (and on the forked children)
    del old, new, objects, added
    import gc

    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    result = diff_plans(load_plan(a), load_plan(b), "old", "new")
    to_markdown(result)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    out = {
        "objects": n,
        "wall_s": round(wall, 2),
        "cpu_s": round(cpu, 2),
        "counts": result.counts(),
    }
    print(f"diff: {out}", flush=True)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=500)
    parser.add_argument("--objects", type=int, default=200)
    parser.add_argument("--backends", nargs="+", default=["gpkg", "postgis"])
    parser.add_argument("--jobs", type=int, nargs="+", default=[1])
    parser.add_argument("--repeat", type=int, default=10, help="Rounds of the query mix.")
    parser.add_argument("--points", type=int, default=200, help="Random points for here.")
    parser.add_argument("--validate-sample", type=int, default=100)
    parser.add_argument("--diff", type=int, default=100_000, help="Objects per version (0: skip).")
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "ryhti-archive-bench"
    )
    parser.add_argument("--postgis-url")
    parser.add_argument("--keep", action="store_true", help="Keep the archives.")
    parser.add_argument(
        "--reuse",
        metavar="LOCATION",
        nargs="+",
        help="Query these archives (gpkg path, postgis URL) instead of adding.",
    )
    args = parser.parse_args()
    work = args.work
    inputs = work / f"inputs-{args.plans}x{args.objects}"
    marker = inputs.parent / f"{inputs.name}.json"
    if marker.exists():
        info = json.loads(marker.read_text(encoding="utf-8"))
    else:
        shutil.rmtree(inputs, ignore_errors=True)
        t = time.perf_counter()
        info = write_archive_inputs(inputs, args.plans, args.objects)
        info["seconds"] = round(time.perf_counter() - t, 1)
        marker.write_text(json.dumps(info), encoding="utf-8")
    print(f"inputs: {info}", flush=True)
    results: dict[str, Any] = {"inputs": info, "backends": []}
    if args.reuse:
        for location in args.reuse:
            kind = "postgis" if location.startswith("postgres") else "gpkg"
            results["backends"].append(bench_queries(kind, location, info, args))
        if args.diff:
            results["diff"] = bench_diff(args.diff, work)
        print(json.dumps(results, ensure_ascii=False, indent=1, default=str))
        return
    stop = None
    try:
        for kind in args.backends:
            if kind == "gpkg":
                location = str(work / f"archive-{args.plans}.gpkg")
                for suffix in ("", "-wal", "-shm", ".valid", ".valid-wal", ".valid-shm"):
                    Path(f"{location}{suffix}").unlink(missing_ok=True)
                for jobs in args.jobs:
                    for suffix in ("", "-wal", "-shm"):
                        Path(f"{location}.jobs{jobs}{suffix}").unlink(missing_ok=True)
            else:
                if args.postgis_url:
                    location = args.postgis_url
                else:
                    pg = Path(tempfile.mkdtemp(prefix="ryhti-bench-pg-"))
                    location, stop = start_postgres(pg)
            results["backends"].append(bench_backend(kind, location, inputs, info, args))
        if args.diff:
            results["diff"] = bench_diff(args.diff, work)
    finally:
        if stop is not None:
            stop()
    print(json.dumps(results, ensure_ascii=False, indent=1, default=str))


if __name__ == "__main__":
    main()
