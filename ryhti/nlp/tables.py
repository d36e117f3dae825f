"""Reading the shipped phrase table, and the fingerprint that says whether it still fits.

:mod:`ryhti.nlp.build_tables` (a development script) writes :mod:`ryhti.nlp.phrase_table`: the
lemma keys of every code-list phrase, so loading the extractor need not lemmatise them. This
module is the run-time half: :func:`load_phrase_table` hands the keys to the extractor only when
the table's fingerprint matches the knowledge in hand (same snapshot, synonyms, lemma norms,
key recipe); otherwise the extractor computes the keys itself, slower and never different.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from ryhti.nlp.lemmatizer import LEMMA_NORMS

#: Bump when the way phrase keys are computed changes (tokenizer use, variants, normalisation).
RECIPE = 2


def fingerprint(knowledge: Any) -> str:
    """sha256 of everything the phrase keys depend on, apart from Voikko itself."""
    items = [
        [
            p.text,
            p.source,
            p.plan_level,
            [
                [t.code, list(t.additional), [list(v) for v in t.additional_values]]
                for t in p.targets
            ],
        ]
        for p in knowledge.phrases
    ]
    blob = json.dumps([RECIPE, sorted(LEMMA_NORMS.items()), items], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def load_phrase_table(knowledge: Any) -> list[tuple[int, tuple[str, ...]]] | None:
    """``[(phrase index, keys)]`` from the shipped table, or ``None`` when it does not fit."""
    from ryhti.nlp import phrase_table

    if getattr(phrase_table, "FINGERPRINT", None) != fingerprint(knowledge):
        return None
    n = len(knowledge.phrases)
    rows = phrase_table.KEYS
    if any(not 0 <= i < n for i, _ in rows):  # pragma: no cover - guarded by the fingerprint
        return None
    return list(rows)
