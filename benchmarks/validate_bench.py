"""How fast is ``ryhti validate``? Prints figures for the README.

    .venv/bin/python benchmarks/validate_bench.py            # 500 and 100,000 objects
    .venv/bin/python benchmarks/validate_bench.py --objects 20000 --repeat 3

Plans come from :mod:`tests.support.plan_generator` (realistic polygons tiling the plan
area, building areas with floor-area groups). For each size it reports reading the
JSON file, loading the model, and the validation itself with every rule, in wall-clock
and CPU seconds (CPU time is the fair figure on a shared machine: everything runs on
one core). The big plan is also validated with one injected gap and one overlap, to
show the cost of the path that finds and locates faults.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ryhti.io import read_json
from ryhti.model import from_json
from ryhti.validators import validate
from tests.support.plan_generator import generate_plan, inject


def timed(fn: Callable[[], Any], repeat: int = 1) -> tuple[Any, float, float]:
    """Best wall and CPU seconds of ``repeat`` runs, and the last result."""
    best_wall = best_cpu = float("inf")
    result = None
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return result, best_wall, best_cpu


def bench(n: int, repeat: int, faults: bool) -> list[str]:
    doc = generate_plan(n, seed=0)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "plan.json"
        path.write_text(json.dumps(doc), encoding="utf-8")
        size = path.stat().st_size / 1e6
        data, w_read, c_read = timed(lambda: read_json(path), 1)
    model, w_load, c_load = timed(lambda: from_json(data), 1)
    result, w_val, c_val = timed(lambda: validate(model, plan_type="31"), repeat)
    objects = result.stats["objects"]
    rows.append(
        f"{objects:>8,} objects ({size:.1f} MB): read JSON {w_read:6.2f} s wall / {c_read:6.2f} s CPU, "
        f"load model {w_load:6.2f} / {c_load:6.2f}, validate {w_val:6.2f} / {c_val:6.2f} "
        f"({result.counts['error']} errors, {len(result.rules)} rules)"
    )
    slowest = sorted(result.timings.items(), key=lambda kv: -kv[1])[:6]
    rows.append("          slowest: " + ", ".join(f"{k} {v:.2f} s" for k, v in slowest))
    if faults:
        broken = from_json(
            inject(inject(doc, "gap"), "overlap", index=len(doc["planObjects"]) // 3)
        )
        result, w_bad, c_bad = timed(lambda: validate(broken, plan_type="31"), 1)
        found = sorted({f.rule for f in result.findings})
        rows.append(
            f"          with a gap and an overlap: validate {w_bad:6.2f} s wall / {c_bad:6.2f} s CPU, "
            f"found {', '.join(found)}"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objects", type=int, nargs="*", default=[500, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    validate(generate_plan(20), plan_type="31")  # imports and code lists, once per process
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    for n in args.objects:
        repeat = args.repeat if n <= 5000 else 1
        for line in bench(n, repeat, faults=n >= 10_000):
            print(line)


if __name__ == "__main__":
    main()
