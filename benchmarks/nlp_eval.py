"""Measured extraction quality: the real sets first, then the project's own-wording sets.

    .venv/bin/python benchmarks/nlp_eval.py [--threshold 0.8] [--errors] [--per-type] [--heldout]

Real sets (``tests/data/nlp_real_*.jsonl``; texts read from ``../shared/reference`` at run time,
see ``tests/nlp/real_data.py``): **dev** (rules are tuned on it; ``--errors`` lists its errors),
**held-out** (chosen by hash and frozen before any rule change of issue 13: printed as totals
only, never its errors, and only with ``--heldout``: every look at it is counted in the README) and the **Katja names** (library heading → codes; the extractor's phrase
table is built from the same facts, so it checks consistency, not generalisation). Then the
own-wording sets (dev, dev2, test, test2), which stay as regression tests.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ryhti.nlp.evaluate import format_report, read_gold, score  # noqa: E402
from ryhti.nlp.pipeline import Extractor  # noqa: E402
from tests.nlp.real_data import DATA, available, load_real  # noqa: E402

REAL = (
    ("real dev", "nlp_real_dev.jsonl", True),
    ("real held-out (totals only)", "nlp_real_heldout.jsonl", False),
    ("Katja names", "nlp_real_katja.jsonl", False),
)
OWN = ("dev", "dev2", "test", "test2")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("--per-type", action="store_true")
    ap.add_argument("--errors", action="store_true", help="list the real dev set's errors")
    ap.add_argument("--only", choices=["real", "own"], help="one family of sets")
    ap.add_argument(
        "--heldout", action="store_true", help="also score the real held-out set (totals only)"
    )
    args = ap.parse_args()
    ex = Extractor(threshold=args.threshold)

    def predict(t, s, p):
        # the entry as `ryhti extract --evaluate` scores it: regulations and entry modifiers
        return ex.extract_entry(t, s, p).to_json()

    if args.only != "own":
        reason = available()
        for title, name, tuned in REAL:
            if reason:
                print(f"== {title}: skipped ({reason})")
                continue
            if name == "nlp_real_heldout.jsonl" and not args.heldout:
                print(f"== {title}: not scored (--heldout)")
                continue
            rows = load_real(DATA / name)
            rep = score(rows, predict, args.threshold)
            print(
                format_report(
                    rep, f"== {title} ({len(rows)} entries)", per_type=args.per_type and tuned
                )
            )
            if tuned and args.errors:
                for e in rep.errors:
                    print("   ", e)
            print()
    if args.only == "real":
        return
    for name in OWN:
        path = DATA / f"nlp_labelled_{name}.jsonl"
        rows = read_gold(path)
        rep = score(rows, predict, args.threshold)
        title = f"== own wording, {name} ({len(rows)} entries)"
        print(format_report(rep, title, per_type=args.per_type and name.startswith("dev")))
        print()


if __name__ == "__main__":
    main()
