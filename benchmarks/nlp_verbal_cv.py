"""Verbal regulation topics: cue rules vs a trained textcat, by k-fold cross-validation on dev.

    .venv/bin/python benchmarks/nlp_verbal_cv.py [--folds 5]
    .venv/bin/python benchmarks/nlp_verbal_cv.py --check   # the experiment's own checks

Data: the dev entries (``nlp_labelled_dev.jsonl`` + ``nlp_labelled_dev2.jsonl``) whose gold has a
verbal regulation; never the test sets. Folds are fixed by ``sha256(id)``. For each fold the
classifier (``benchmarks/nlp_verbal_model.py``, seeded) is trained on the other folds and scored on
this one; the rules need no training and are scored on the same entries, so they are at an
advantage: they were written while looking at these dev entries. Printed: micro P/R/F1 of the
verbal topic sets for rules, classifier, and rules ∪ classifier at a few thresholds.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import nlp_verbal_model as verbal_model  # noqa: E402

from ryhti.nlp.pipeline import Extractor  # noqa: E402


def prf(pairs):
    tp = fp = fn = 0
    for gold, pred in pairs:
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def check() -> None:
    """The experiment is reproducible from its seed and trains on dev entries only."""
    import json

    saved = verbal_model.EPOCHS
    verbal_model.EPOCHS = 4
    try:
        texts = [
            "hulevesi on imeyttää tontti",
            "jätehuolto tila sijoittaa rakennus",
            "hulevesi viivyttää painanne",
            "julkisivu materiaali olla puu",
            "jätekatos sovittaa arkkitehtuuri",
            "julkisivu väritys sopeutua",
        ]
        labels = [["hulevedet"], ["jatehuolto"], ["hulevedet"], ["julkisivut"], ["jatehuolto"],
                  ["julkisivut"]]  # fmt: skip
        all_labels = ["hulevedet", "jatehuolto", "julkisivut"]
        a = verbal_model.train(texts, labels, all_labels, seed=7)
        b = verbal_model.train(texts, labels, all_labels, seed=7)
    finally:
        verbal_model.EPOCHS = saved
    probe = "hulevesi on viivyttää tontti"
    assert a(probe).cats == b(probe).cats, "same data and seed gave different scores"
    assert max(a(probe).cats, key=a(probe).cats.get) == "hulevedet"
    data = verbal_model.ROOT / "tests" / "data"

    def ids(name):
        lines = (data / name).read_text(encoding="utf-8").splitlines()
        return {json.loads(line)["id"] for line in lines}

    got = {r["id"] for r in verbal_model.verbal_rows()}
    dev = ids("nlp_labelled_dev.jsonl") | ids("nlp_labelled_dev2.jsonl")
    held_out = ids("nlp_labelled_test.jsonl") | ids("nlp_labelled_test2.jsonl")
    assert got and got <= dev and not got & held_out, "the classifier saw held-out entries"
    print("ok: reproducible from the seed; trained on dev entries only")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--check", action="store_true", help="run the experiment's own checks")
    args = ap.parse_args()
    if args.check:
        check()
        return
    ex = Extractor()
    rows = verbal_model.verbal_rows()
    labels = sorted(ex.kb.verbal)
    texts, golds, rules = [], [], []
    for r in rows:
        regs = ex.extract(r["text"], r["sign"], r["plan_type"])
        verbal = [x for x in regs if x.type == "sanallinenMaarays" or x.verbal]
        text = " ".join(x.value["text"]["fin"] for x in verbal if x.value and "text" in x.value)
        texts.append(verbal_model.lemma_text(ex._keys(text or r["text"])))
        golds.append(set(r["gold"]["verbal"]))
        rules.append({v for x in regs for v in x.verbal})
    fold = [int(hashlib.sha256(r["id"].encode()).hexdigest()[:8], 16) % args.folds for r in rows]
    scores: dict[float, list[dict[str, float]]] = {}
    for k in range(args.folds):
        train = [i for i in range(len(rows)) if fold[i] != k]
        nlp = verbal_model.train(
            [texts[i] for i in train], [sorted(golds[i]) for i in train], labels
        )
        for i in range(len(rows)):
            if fold[i] == k:
                scores.setdefault(i, nlp(texts[i]).cats)  # type: ignore[arg-type]
    print(
        f"{len(rows)} dev entries with verbal regulations, {args.folds} folds, seed {verbal_model.SEED}"
    )
    print(f"{'system':38} {'P':>6} {'R':>6} {'F1':>6}")
    p, r, f = prf(zip(golds, rules, strict=True))
    print(f"{'rules (written on this dev data)':38} {p:6.3f} {r:6.3f} {f:6.3f}")
    for thr in (0.3, 0.5, 0.7, 0.9):
        clf = [{k for k, v in scores[i].items() if v >= thr} for i in range(len(rows))]
        p, r, f = prf(zip(golds, clf, strict=True))
        print(f"{f'textcat, threshold {thr}':38} {p:6.3f} {r:6.3f} {f:6.3f}")
        both = [a | b for a, b in zip(rules, clf, strict=True)]
        p, r, f = prf(zip(golds, both, strict=True))
        print(f"{f'rules ∪ textcat, threshold {thr}':38} {p:6.3f} {r:6.3f} {f:6.3f}")


if __name__ == "__main__":
    main()
