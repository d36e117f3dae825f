"""Throughput of ``ryhti extract`` on one core: load time and legend entries per second.

    .venv/bin/python benchmarks/nlp_bench.py [--repeat 5]

Load = import + Voikko + code-list phrases + matcher. Throughput is measured over the
labelled set (dev + test, short legend entries and long general regulations mixed) repeated,
after one warm-up pass, in one process and thread.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    t0 = time.perf_counter()
    from ryhti.nlp.extract import Extractor

    ex = Extractor()
    ex.extract("Asuinkerrostalojen korttelialue.", "AK", "asemakaava")
    load = time.perf_counter() - t0
    rows = []
    for name in ("dev", "test"):
        for line in (
            (ROOT / "tests" / "data" / f"nlp_labelled_{name}.jsonl")
            .read_text(encoding="utf-8")
            .splitlines()
        ):
            r = json.loads(line)
            rows.append((r["text"], r["sign"], r["plan_type"]))
    for t, s, p in rows:  # warm-up
        ex.extract(t, s, p)
    n = 0
    t1 = time.perf_counter()
    for _ in range(args.repeat):
        for t, s, p in rows:
            ex.extract(t, s, p)
            n += 1
    dt = time.perf_counter() - t1
    chars = sum(len(t) for t, _, _ in rows) / len(rows)
    print(f"load: {load:.2f} s (import, Voikko, {len(ex._keyset)} phrase keys)")
    print(
        f"throughput: {n / dt:,.0f} entries/s on one core ({n} entries, mean {chars:.0f} characters)"
    )


if __name__ == "__main__":
    main()
