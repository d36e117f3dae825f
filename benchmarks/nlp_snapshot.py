"""The full ``ryhti extract`` output of every labelled set and the reference corpus, one line each.

    .venv/bin/python benchmarks/nlp_snapshot.py -o before.jsonl   # on the old commit
    .venv/bin/python benchmarks/nlp_snapshot.py -o after.jsonl    # on the new one
    cmp before.jsonl after.jsonl

A refactoring of the extractor must not change a single output: this writes every regulation
(type, value, additional information, topics, confidence, span, evidence, review) for every
entry of ``tests/data/nlp_*.jsonl`` and for every line of the reference corpus
(``../shared/reference/corpus/regulation-corpus.jsonl`` when present; text alone and heading +
text, with and without the plan type), so two runs can be compared byte for byte.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ryhti.nlp.pipeline import Extractor  # noqa: E402

REFERENCE = Path(os.environ.get("RYHTI_REFERENCE", ROOT.parent / "shared" / "reference"))


def rows() -> list[tuple[str, str, str | None, str | None]]:
    """(id, text, sign, plan type) of every entry to snapshot."""
    out = []
    for path in sorted((ROOT / "tests" / "data").glob("nlp_*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if isinstance(r.get("text"), str):
                out.append((f"{path.name}:{r['id']}", r["text"], r.get("sign"), r.get("plan_type")))
    corpus = REFERENCE / "corpus" / "regulation-corpus.jsonl"
    if corpus.exists():
        for n, line in enumerate(corpus.read_text(encoding="utf-8").splitlines(), 1):
            r = json.loads(line)
            texts = [r["text"]] + ([f"{r['heading']}. {r['text']}"] if r.get("heading") else [])
            for i, text in enumerate(texts):
                for level in (r.get("plan_type"), None):
                    out.append((f"corpus:{n}:{i}:{level}", text, r.get("letter_code"), level))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-o", "--output", type=Path, required=True)
    args = ap.parse_args()
    ex = Extractor()
    lines = []
    for rid, text, sign, level in rows():
        regs = [r.to_json() for r in ex.extract(text, sign, level)]
        lines.append(json.dumps([rid, regs], ensure_ascii=False, sort_keys=True))
    args.output.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} entries → {args.output}")


if __name__ == "__main__":
    main()
