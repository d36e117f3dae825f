"""Measured extraction quality: dev, dev2, test and test2 sets of the labelled data, and the reference corpus.

    .venv/bin/python benchmarks/nlp_eval.py [--threshold 0.8] [--per-type]

Prints the figures the README carries. Test and test2 figures are printed as totals only (no
list of errors), so the held-out sets are never used for tuning. The reference corpus
(``../shared/reference/corpus/regulation-corpus.jsonl``, read here for measurement only) is
scored on its lines with gold codes: ``text`` = heading + text, ``sign`` = letter code; its gold
has no verbal regulations, so figures are given with and without ``sanallinenMaarays``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ryhti.nlp.evaluate import format_report, read_gold, score  # noqa: E402
from ryhti.nlp.pipeline import Extractor  # noqa: E402

REFERENCE = Path(os.environ.get("RYHTI_REFERENCE", ROOT.parent / "shared" / "reference"))


def corpus_rows(path: Path) -> list[dict]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        r = json.loads(line)
        g = r.get("gold") or {}
        codes = g.get("regulation_codes") or []
        if not codes:
            continue
        text = r["text"] if not r.get("heading") else f"{r['heading']}. {r['text']}"
        values = []
        for v in g.get("values") or []:
            vt = [c for c in codes if c != "sanallinenMaarays"]
            if (
                vt
                and "number" in v
                and str(v["number"]).rstrip("0").rstrip(".") in text.replace(" ", "")
            ):
                values.append(
                    {"type": vt[0], "number": v["number"], "unit": v.get("unitOfMeasure")}
                )
        rows.append(
            {
                "id": f"corpus-{n}",
                "text": text,
                "sign": r.get("letter_code"),
                "plan_type": r.get("plan_type"),
                "certainty": g.get("certainty"),
                "gold": {
                    "types": sorted(set(codes)),
                    "values": values,
                    "additional": g.get("additional_information") or [],
                    "verbal": [],
                },
            }
        )
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--threshold", type=float, default=0.8)
    ap.add_argument("--per-type", action="store_true")
    args = ap.parse_args()
    ex = Extractor(threshold=args.threshold)

    def predict(t, s, p):
        return [r.to_json() for r in ex.extract(t, s, p)]

    data = ROOT / "tests" / "data"
    for name in ("dev", "dev2", "test", "test2"):
        path = data / f"nlp_labelled_{name}.jsonl"
        if not path.exists():
            continue
        rows = read_gold(path)
        rep = score(rows, predict, args.threshold)
        print(
            format_report(
                rep,
                f"== labelled set, {name} split ({len(rows)} entries)",
                per_type=args.per_type and name.startswith("dev"),
            )
        )
        print()
    corpus = REFERENCE / "corpus" / "regulation-corpus.jsonl"
    if not corpus.exists():
        print(f"reference corpus not found at {corpus}: skipped")
        return
    rows = corpus_rows(corpus)
    rep = score(rows, predict, args.threshold)
    print(format_report(rep, f"== reference corpus, lines with gold ({len(rows)})", per_type=False))
    strong = [r for r in rows if r["certainty"] in ("high", "medium")]

    def no_verbal(t, s, p):
        return [r for r in predict(t, s, p) if r["type"] != "sanallinenMaarays"]

    for r in strong:
        r["gold"]["types"] = [c for c in r["gold"]["types"] if c != "sanallinenMaarays"]
    rep2 = score(strong, no_verbal, args.threshold)
    print()
    print(
        format_report(
            rep2,
            f"== reference corpus, high/medium-certainty gold, sanallinenMaarays left out ({len(strong)})",
            per_type=False,
        )
    )


if __name__ == "__main__":
    main()
