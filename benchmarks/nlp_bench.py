"""Load time and throughput of ``ryhti extract`` on one core.

    .venv/bin/python benchmarks/nlp_bench.py [--repeat 5] [--cold 7]

* **cold CLI**: wall time of a new process running
  ``ryhti extract --text "Asuinkerrostalojen korttelialue. e=0,8" --sign AK-1`` end to end
  (interpreter start, imports, loading, one extraction, output); ``--cold`` runs, min and median.
* **load**: in a new process, ``from ryhti.nlp.pipeline import Extractor; Extractor()`` plus the
  first extraction (imports, spaCy, Voikko, code lists, phrase table); ``--cold`` runs.
* **throughput**: legend entries per second over the labelled sets (dev, dev2, test, test2:
  short legend entries and long general regulations mixed) repeated ``--repeat`` times after
  one warm-up pass, in one process and thread, pinned to one core (repeated texts hit the
  extractor's token cache); then the same with the token cache cleared before each pass (new
  texts in a known vocabulary: the steady state of a long run); and the warm-up pass itself
  over the held-out test sets (every text new, all caches empty; the shipped lemma table was
  built from the code lists, the rules and the dev sets, never from them) as the first-pass figure.

The machine is shared: report the minimum (the figure least disturbed by other work) with the
load average printed beside it.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

LOAD_SNIPPET = """
import time
t0 = time.perf_counter()
from ryhti.nlp.pipeline import Extractor
ex = Extractor()
ex.extract("Asuinkerrostalojen korttelialue.", "AK", "asemakaava")
print(time.perf_counter() - t0, getattr(ex, "phrase_table", False))
"""


def _pin() -> list[str]:
    """A ``taskset`` prefix that keeps a child process on one core, when taskset exists."""
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run(["taskset", "-V"], capture_output=True, check=True)
        return ["taskset", "-c", str(min(os.sched_getaffinity(0)))]
    return []


def cold_cli(runs: int) -> list[float]:
    exe = Path(sys.executable).with_name("ryhti")
    cmd = [
        *_pin(),
        str(exe),
        "extract",
        "--text",
        "Asuinkerrostalojen korttelialue. e=0,8",
        "--sign",
        "AK-1",
    ]
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True, cwd=ROOT)
        out.append(time.perf_counter() - t0)
    return out


def cold_load(runs: int) -> tuple[list[float], bool]:
    out = []
    table = False
    for _ in range(runs):
        res = subprocess.run(
            [*_pin(), sys.executable, "-c", LOAD_SNIPPET],
            capture_output=True,
            check=True,
            text=True,
            cwd=ROOT,
        )
        seconds, flag = res.stdout.split()
        out.append(float(seconds))
        table = flag == "True"
    return out, table


def _fmt(xs: list[float]) -> str:
    return f"min {min(xs):.2f} s, median {statistics.median(xs):.2f} s over {len(xs)} runs"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--cold", type=int, default=7)
    args = ap.parse_args()
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    print(f"load average before: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    cli = cold_cli(args.cold)
    load, table = cold_load(args.cold)
    print(f"cold CLI (ryhti extract --text …): {_fmt(cli)}")
    print(f"load (import + Extractor() + first entry): {_fmt(load)}; phrase table used: {table}")

    from ryhti.nlp.pipeline import Extractor

    ex = Extractor()
    rows = []
    held_out = 0
    for name in ("test", "test2", "dev", "dev2"):  # held-out sets first: see the first pass
        path = ROOT / "tests" / "data" / f"nlp_labelled_{name}.jsonl"
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            rows.append((r["text"], r["sign"], r["plan_type"]))
        if name.startswith("test"):
            held_out = len(rows)
    # First pass: token and word caches start empty. Timed over the held-out test sets alone,
    # because the shipped lemma table holds the words of the dev sets (ryhti.nlp.build_tables).
    t0 = time.perf_counter()
    for t, s, p in rows[:held_out]:
        ex.extract(t, s, p)
    first = held_out / (time.perf_counter() - t0) if held_out else float("nan")
    for t, s, p in rows[held_out:]:
        ex.extract(t, s, p)
    rates = []
    for _ in range(args.repeat):
        t1 = time.perf_counter()
        for t, s, p in rows:
            ex.extract(t, s, p)
        rates.append(len(rows) / (time.perf_counter() - t1))
    fresh = []  # texts not seen by the token cache, words known to Voikko's and spaCy's caches
    for _ in range(args.repeat):
        ex._tok_cache.clear()
        t1 = time.perf_counter()
        for t, s, p in rows:
            ex.extract(t, s, p)
        fresh.append(len(rows) / (time.perf_counter() - t1))
    chars = sum(len(t) for t, _, _ in rows) / len(rows)
    print(
        f"throughput: {max(rates):,.0f} entries/s best pass, {statistics.median(rates):,.0f} median "
        f"({len(rows)} entries x {args.repeat} passes, mean {chars:.0f} characters, one core)"
    )
    print(
        f"new texts, known words (token cache cleared each pass): {max(fresh):,.0f} entries/s best "
        f"pass, {statistics.median(fresh):,.0f} median"
    )
    print(
        f"first pass over unseen text (held-out test sets, {held_out} entries, all caches "
        f"empty; lemma table used: {ex.lemma_table}): {first:,.0f} entries/s"
    )
    print(f"load average after: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
