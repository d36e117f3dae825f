"""The real labelled set with its texts: write it out, or show one entry.

    .venv/bin/python benchmarks/nlp_real.py materialise dev -o /tmp/real_dev.jsonl
    .venv/bin/ryhti extract --evaluate /tmp/real_dev.jsonl      # figures and calibration
    .venv/bin/python benchmarks/nlp_real.py show real-tre-aed58692c5

The gold lines in ``tests/data/nlp_real_*.jsonl`` keep only a reference to each text (the
sources' licences do not let the project copy them; see ``tests/data/README.md``); this reads the
texts from ``../shared/reference`` (or ``$RYHTI_REFERENCE``) and writes ordinary gold lines that
``ryhti extract --evaluate`` reads. Write them outside the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.nlp.real_data import DATA, available, load_real  # noqa: E402

SETS = {
    "dev": "nlp_real_dev.jsonl",
    "heldout": "nlp_real_heldout.jsonl",
    "katja": "nlp_real_katja.jsonl",
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    m = sub.add_parser("materialise", help="write a set with its texts")
    m.add_argument("name", choices=sorted(SETS))
    m.add_argument("-o", "--output", type=Path, required=True)
    s = sub.add_parser("show", help="print one entry with its text")
    s.add_argument("id")
    args = ap.parse_args()
    reason = available()
    if reason:
        raise SystemExit(reason)
    if args.command == "materialise":
        rows = load_real(DATA / SETS[args.name])
        args.output.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
        print(f"{len(rows)} entries → {args.output}")
        return
    for name in SETS.values():
        for row in load_real(DATA / name):
            if row["id"] == args.id:
                print(json.dumps(row, ensure_ascii=False, indent=2))
                return
    raise SystemExit(f"{args.id}: not in the real sets")


if __name__ == "__main__":
    main()
