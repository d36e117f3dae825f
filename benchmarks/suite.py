"""The benchmark suite: one table of every capability's time and memory by plan size.

    .venv/bin/python benchmarks/suite.py                       # 500, 10,000, 100,000 objects
    .venv/bin/python benchmarks/suite.py --sizes 500 10000 --repeat 3 --cpu 0
    .venv/bin/python benchmarks/suite.py --only validate,convert --markdown

For each size the inputs are generated first (not timed, :mod:`benchmarks.suite_data`): a
plan from :mod:`tests.support.plan_generator`, the same plan as a ``ryhti init`` GeoPackage,
and ``objects / 10`` legend entries. Then every measurement runs in a **fresh child
process** (imports and input files are ready before the clock starts) that reports its wall
time and its peak resident memory (``ru_maxrss``: the whole process, libraries included):

* **validate** — read + parse + load the plan JSON and run every rule (``--plan-type 31``),
  what ``ryhti validate`` does after start-up; the rules alone are given beside it;
* **convert** — ``ryhti convert`` of the GeoPackage with the extractor typing its texts
  (loaded before the clock starts), writing plan and report JSON;
* **extract** — legend entries per second through the extractor after loading; its load
  (imports, spaCy, Voikko, code lists, first entry) is the row below, measured once;
* **describe** — load the plan and write the Markdown description with its map figure;
* **round trip** — read + load the plan JSON, dump it back and write it (compact above
  10,000 objects, as the CLI does); equality is checked after the clock stops.

``--repeat`` runs each child that many times and keeps the minimum time (the figure least
disturbed by other work on a shared machine) and the maximum memory. ``--cpu N`` pins every
child to core N. The growth column is the exponent *b* of time ∝ size^b fitted over the
sizes, with the time factor per ×10 size (10^b). Targets from the issues are checked and a
figure that misses one is marked ✗.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MEASURES = ("validate", "convert", "extract", "describe", "roundtrip")
LABELS = {
    "validate": "validate (read + load + rules)",
    "rules": "  of which the rules (CPU)",
    "convert": "convert GeoPackage → plan + report",
    "extract": "extract legend entries (objects/10)",
    "extract_rate": "  entries per CPU second",
    "describe": "describe → Markdown + map",
    "roundtrip": "JSON round trip (load + dump)",
    "load": "extractor load (once)",
}
#: (row, size, limit, kind): kind "max" seconds, "min" rate.
TARGETS = (
    ("validate", 500, 0.3, "max"),
    ("validate", 100_000, 10.0, "max"),
    ("rules", 500, 0.3, "max"),
    ("rules", 100_000, 10.0, "max"),
    ("convert", 100_000, 20.0, "max"),
    ("extract_rate", None, 1000.0, "min"),
    ("load", None, 2.0, "max"),
)


# --- children -------------------------------------------------------------------------------


def _peak_mb() -> float:
    """Peak resident memory of this process (VmHWM; ``ru_maxrss`` would carry the parent's
    high-water mark across ``exec``)."""
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _validate(data: Path) -> dict[str, Any]:
    from ryhti.io import read_json
    from ryhti.model import from_json
    from ryhti.validators import validate

    path = data / "plan.json"
    t0, c0 = time.perf_counter(), time.process_time()
    doc = from_json(read_json(path), source=str(path))
    c1 = time.process_time()
    result = validate(doc, plan_type="31", source=str(path))
    t2, c2 = time.perf_counter(), time.process_time()
    return {"seconds": t2 - t0, "cpu": c2 - c0, "rules": c2 - c1, "errors": result.counts["error"]}


def _convert(data: Path) -> dict[str, Any]:
    from ryhti.io import write_json
    from ryhti.parsers import convert
    from ryhti.parsers.cli import LARGE_PLAN

    with tempfile.TemporaryDirectory() as tmp:
        t0, c0 = time.perf_counter(), time.process_time()
        result = convert(data / "source" / "kaava.gpkg")
        plan = result.plan_json()
        indent = None if len(plan.get("planObjects") or []) > LARGE_PLAN else 2
        write_json(Path(tmp) / "plan.json", plan, indent=indent)
        write_json(Path(tmp) / "report.json", result.report, indent=indent)
        t1, c1 = time.perf_counter(), time.process_time()
    return {"seconds": t1 - t0, "cpu": c1 - c0, "objects": len(plan.get("planObjects") or [])}


def _extract(data: Path, ex: Any) -> dict[str, Any]:
    entries = [json.loads(line) for line in (data / "legend.jsonl").open(encoding="utf-8")]
    t0, c0 = time.perf_counter(), time.process_time()
    for e in entries:
        ex.extract(e["text"], e["sign"], e["plan_type"])
    t1, c1 = time.perf_counter(), time.process_time()
    return {
        "seconds": t1 - t0,
        "cpu": c1 - c0,
        "entries": len(entries),
        "rate": len(entries) / (c1 - c0),
    }


def _describe(data: Path) -> dict[str, Any]:
    from ryhti.generators.render import describe_document
    from ryhti.io import write_atomic
    from ryhti.model import load_plan

    with tempfile.TemporaryDirectory() as tmp:
        t0, c0 = time.perf_counter(), time.process_time()
        plan = load_plan(data / "plan.json")
        doc = describe_document(plan, fmt="md", figure=True)
        write_atomic(Path(tmp) / "selostus.md", doc.content)
        for name, blob in doc.attachments.items():
            write_atomic(Path(tmp) / name, blob)
        t1, c1 = time.perf_counter(), time.process_time()
    return {"seconds": t1 - t0, "cpu": c1 - c0}


def _roundtrip(data: Path) -> dict[str, Any]:
    from ryhti.io import read_json, write_json
    from ryhti.model import from_json

    path = data / "plan.json"
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "plan.json"
        t0, c0 = time.perf_counter(), time.process_time()
        doc = from_json(read_json(path))
        dumped = doc.to_json()
        objects = len(dumped.get("planObjects") or [])
        write_json(target, dumped, indent=None if objects > 10_000 else 2)
        t1, c1 = time.perf_counter(), time.process_time()
        if read_json(target) != read_json(path):
            raise SystemExit("round trip changed the plan")
    return {"seconds": t1 - t0, "cpu": c1 - c0}


def child(measure: str, data: Path, warm: Path) -> dict[str, Any]:
    """One measurement in this fresh process, after a warm-up on the small ``warm`` inputs
    (imports, code lists, rule catalogue, fonts: what a long-running process has already)."""
    if measure == "extract":
        from ryhti.nlp.pipeline import Extractor

        t0 = time.perf_counter()
        ex = Extractor()
        ex.extract("Asuinkerrostalojen korttelialue.", "AK", "asemakaava")
        load = time.perf_counter() - t0
        out = _extract(data, ex)
        out["load"] = load
    else:
        op = {
            "validate": _validate,
            "convert": _convert,
            "describe": _describe,
            "roundtrip": _roundtrip,
        }[measure]
        if measure == "convert":
            from ryhti.nlp.pipeline import default_extractor

            default_extractor()  # loaded before the clock starts, as in a warm process
        first = op(warm)
        out = op(data)
        out["first"] = first["seconds"]
    out["peak_mb"] = _peak_mb()
    return out


# --- the parent -----------------------------------------------------------------------------


def run_child(measure: str, data: Path, warm: Path, cpu: int | None) -> dict[str, Any]:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    cmd = [sys.executable, __file__, "--child", measure, "--data", str(data), "--warm", str(warm)]
    if cpu is not None:
        cmd += ["--cpu", str(cpu)]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{measure} on {data} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def fit(sizes: list[int], seconds: list[float]) -> float | None:
    """Least-squares exponent b of seconds ∝ size^b."""
    pts = [(math.log(n), math.log(t)) for n, t in zip(sizes, seconds, strict=True) if t > 0]
    if len(pts) < 2:
        return None
    mx = sum(x for x, _ in pts) / len(pts)
    my = sum(y for _, y in pts) / len(pts)
    den = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / den if den else None


def fmt_s(t: float) -> str:
    return f"{t:.2f} s" if t < 10 else f"{t:.1f} s"


def conditions(cpu: int | None, repeat: int) -> str:
    load = os.getloadavg()
    cores = os.cpu_count()
    pinned = f"pinned to core {cpu}" if cpu is not None else "not pinned"
    return (
        f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}, "
        f"{cores} cores shared with other work, {pinned}, minimum of {repeat} run(s), "
        f"load average {load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f} at the end"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement (min kept)")
    parser.add_argument("--cpu", type=int, help="pin every measurement to this core")
    parser.add_argument("--only", help="comma-separated subset of " + ", ".join(MEASURES))
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    parser.add_argument("--keep", type=Path, help="generate the inputs into this folder")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--warm", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cpu is not None:
        os.sched_setaffinity(0, {args.cpu})
    if args.child:
        print(json.dumps(child(args.child, args.data, args.warm)))
        return 0

    measures = [m for m in MEASURES if not args.only or m in args.only.split(",")]
    sizes = sorted(args.sizes)
    from benchmarks.suite_data import write_inputs

    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        results: dict[str, dict[int, dict[str, Any]]] = {m: {} for m in measures}
        facts: dict[int, dict[str, Any]] = {}
        warm = base / "warm"
        write_inputs(50, warm)
        for n in sizes:
            folder = base / f"n{n}"
            t0 = time.perf_counter()
            facts[n] = write_inputs(n, folder)
            print(
                f"inputs for {n:,} objects in {time.perf_counter() - t0:.1f} s (not timed): "
                f"plan {facts[n]['plan_mb']:.1f} MB, GeoPackage {facts[n]['gpkg_mb']:.1f} MB, "
                f"{facts[n]['entries']:,} legend entries",
                file=sys.stderr,
            )
            for m in measures:
                runs = [run_child(m, folder, warm, args.cpu) for _ in range(args.repeat)]
                best = min(runs, key=lambda r: r["seconds"])
                best["peak_mb"] = max(r["peak_mb"] for r in runs)
                best["cpu"] = min(r["cpu"] for r in runs)
                if m == "validate":
                    best["rules"] = min(r["rules"] for r in runs)
                if m == "extract":
                    best["load"] = min(r["load"] for r in runs)
                    best["rate"] = max(r["rate"] for r in runs)
                results[m][n] = best
                print(
                    f"  {m:<10} {n:>7,}: {fmt_s(best['seconds'])} wall, {fmt_s(best['cpu'])} CPU",
                    file=sys.stderr,
                )
    print(render(results, sizes, args.markdown))
    print(("\n" if args.markdown else "") + "Conditions: " + conditions(args.cpu, args.repeat))
    return 0


def render(results: dict[str, dict[int, dict[str, Any]]], sizes: list[int], md: bool) -> str:
    rows: list[list[str]] = []
    misses: list[str] = []

    def target(row: str, n: int | None, value: float) -> str:
        for r, size, limit, kind in TARGETS:
            if r == row and (size is None or size == n):
                ok = value <= limit if kind == "max" else value >= limit
                if not ok:
                    misses.append(
                        f"{LABELS[row].strip()} at {n:,} objects: {value:,.2f} "
                        f"({'≤' if kind == 'max' else '≥'} {limit:g} wanted)"
                    )
                return "" if ok else " ✗"
        return ""

    for m, by_size in results.items():
        if not by_size:
            continue
        cells = []
        for n in sizes:
            r = by_size.get(n)
            cells.append(
                f"{fmt_s(r['cpu'])}{target(m, n, r['cpu'])} ({fmt_s(r['seconds'])}) · "
                f"{r['peak_mb']:,.0f} MB"
                if r
                else "–"
            )
        b = fit(sizes, [by_size[n]["cpu"] for n in sizes if n in by_size])
        growth = f"n^{b:.2f} (×{10**b:.1f} per ×10)" if b is not None else "–"
        rows.append([LABELS[m], *cells, growth])
        if m == "validate":
            rules = [by_size[n]["rules"] for n in sizes if n in by_size]
            b = fit(sizes, rules)
            rows.append(
                [
                    LABELS["rules"],
                    *[
                        fmt_s(by_size[n]["rules"]) + target("rules", n, by_size[n]["rules"])
                        if n in by_size
                        else "–"
                        for n in sizes
                    ],
                    f"n^{b:.2f} (×{10**b:.1f} per ×10)" if b is not None else "–",
                ]
            )
        if m == "extract":
            rows.append(
                [
                    LABELS["extract_rate"],
                    *[
                        f"{by_size[n]['rate']:,.0f}/s{target('extract_rate', n, by_size[n]['rate'])}"
                        if n in by_size
                        else "–"
                        for n in sizes
                    ],
                    "",
                ]
            )
            load = min(r["load"] for r in by_size.values())
            rows.append(
                [LABELS["load"], fmt_s(load) + target("load", None, load), "", "", ""][
                    : len(sizes) + 2
                ]
            )
    header = ["", *[f"{n:,} objects" for n in sizes], "growth"]
    if md:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(r + [""] * (len(header) - len(r))) + " |" for r in rows]
    else:
        widths = [
            max(len(str(r[i])) for r in [header, *rows] if i < len(r)) for i in range(len(header))
        ]
        lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
        lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)) for r in rows]
    text = "\n".join(lines)
    text += (
        "\n\nCells: CPU seconds (wall seconds) · peak resident memory of the measuring process;"
        " minimum over the runs. Targets are checked on CPU time: on a shared machine wall time"
        " also counts other people's work."
    )
    if misses:
        text += "\nMisses its target: " + "; ".join(misses) + "."
    else:
        text += "\nEvery figure with a target meets it."
    return text


if __name__ == "__main__":
    raise SystemExit(main())
