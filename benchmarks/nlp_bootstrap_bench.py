"""Time of the evaluation intervals (``ryhti extract --evaluate``'s entry bootstrap).

    .venv/bin/python benchmarks/nlp_bootstrap_bench.py [--replicates 1000] [--repeat 7]

Builds reports of 131, 500, 5,000 and 50,000 synthetic entries (per-entry counts drawn at random
with a fixed seed: the work does not depend on what the counts are, only on how many entries
there are) and times :meth:`ryhti.nlp.evaluate.Report.intervals` (all five intervals) and the
whole :func:`~ryhti.nlp.evaluate.format_report`. Prints the minimum and median of ``--repeat``
runs; the machine is shared, so the minimum is the figure least disturbed by other work.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ryhti.nlp.evaluate import ENTRY_COLUMNS, Report, format_report  # noqa: E402


def synthetic_report(entries: int, seed: int = 1) -> Report:
    """A report whose per-entry counts look like a legend set's: mostly 0/1, a few larger."""
    rng = np.random.default_rng(seed)
    rows = rng.poisson(0.6, size=(entries, len(ENTRY_COLUMNS)))
    gold = ENTRY_COLUMNS.index("values_gold")
    matched = ENTRY_COLUMNS.index("values_matched")
    rows[:, matched] = np.minimum(rows[:, matched], rows[:, gold])
    rep = Report(entries=entries)
    rep.per_entry = [tuple(r) for r in rows.tolist()]
    return rep


def timed(fn, repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--replicates", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}; {args.replicates} replicates")
    for n in (131, 500, 5_000, 50_000):
        rep = synthetic_report(n)
        lo, med = timed(lambda rep=rep: rep.intervals(args.replicates), args.repeat)
        flo, fmed = timed(
            lambda rep=rep: format_report(rep, per_type=False, bootstrap=args.replicates),
            args.repeat,
        )
        print(
            f"{n:>6} entries  intervals min {lo * 1000:7.1f} ms  median {med * 1000:7.1f} ms"
            f"   format_report min {flo * 1000:7.1f} ms  median {fmed * 1000:7.1f} ms"
        )


if __name__ == "__main__":
    main()
