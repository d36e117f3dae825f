"""A trained spaCy text classifier for verbal regulation topics: the experiment, not shipped.

This module holds everything needed to *train* and *use* a ``textcat_multilabel`` model over
the lemma keys of a regulation sentence, reproducibly: the examples come from the project's
own labelled dev data (``tests/data/nlp_labelled_dev*.jsonl``; never the test sets), the
architecture is spaCy's sparse bag-of-n-grams (``TextCatBOW``, lemma uni- and bigrams, a small
hash table so the model stays well under a megabyte), and every random choice is seeded.

Whether the extractor uses such a model is decided by measurement, not by taste:
``benchmarks/nlp_verbal_cv.py`` compares the cue rules of :mod:`ryhti.nlp.rules` with the
classifier (and with rules + classifier) by k-fold cross-validation on the dev data. It lived
in the package until the measurement said no; it reads ``tests/data`` of a checkout, so it
belongs here beside the benchmark that uses it.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEV_FILES = ("nlp_labelled_dev.jsonl", "nlp_labelled_dev2.jsonl")

CONFIG: dict[str, Any] = {
    "threshold": 0.5,
    "model": {
        "@architectures": "spacy.TextCatBOW.v3",
        "exclusive_classes": False,
        "ngram_size": 2,
        "no_output_layer": False,
        "length": 2**14,
    },
}
EPOCHS = 30
SEED = 0


def verbal_rows(data_dir: Path | None = None) -> list[dict[str, Any]]:
    """Dev entries that carry a verbal regulation (gold type ``sanallinenMaarays``)."""
    data = data_dir or ROOT / "tests" / "data"
    rows = []
    for name in DEV_FILES:
        path = data / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            if "sanallinenMaarays" in r["gold"]["types"] or r["gold"]["verbal"]:
                rows.append(r)
    return rows


def lemma_text(keys: Iterable[str]) -> str:
    """The classifier's input: the sentence as lemma keys (inflection and case removed)."""
    return " ".join(k for k in keys if any(ch.isalnum() for ch in k))


def train(
    texts: list[str], labels: list[list[str]], all_labels: list[str], seed: int = SEED
) -> Any:
    """A ``textcat_multilabel`` pipeline trained on ``texts`` (lemma text) with ``labels``."""
    from ryhti.nlp._spacy import import_spacy

    spacy = import_spacy()
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    fix_random_seed(seed)
    nlp = spacy.blank("fi")
    cat = nlp.add_pipe("textcat_multilabel", config=CONFIG)
    for label in all_labels:
        cat.add_label(label)
    examples = [
        Example.from_dict(nlp.make_doc(t), {"cats": {lb: float(lb in ls) for lb in all_labels}})
        for t, ls in zip(texts, labels, strict=True)
    ]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(EPOCHS):
        order = examples[:]
        rng.shuffle(order)
        for batch in minibatch(order, size=8):
            nlp.update(batch, sgd=optimizer, drop=0.0)
    return nlp


def predictor(nlp: Any, threshold: float | None = None) -> Callable[[str], list[tuple[str, float]]]:
    """``text → [(label, score)]`` above ``threshold`` (default: the config's)."""
    thr = CONFIG["threshold"] if threshold is None else threshold

    def run(text: str) -> list[tuple[str, float]]:
        cats = nlp(text).cats
        return sorted(((k, v) for k, v in cats.items() if v >= thr), key=lambda kv: -kv[1])

    return run
