"""Finnish regulation text → RYHTI regulation codes and typed values (``ryhti extract``).

Public API::

    from ryhti.nlp import extract, Extractor, load_lexicon
    regs = extract("AK-1 Asuinkerrostalojen korttelialue.", sign="AK-1", plan_type="asemakaava")
    espoo = load_lexicon("espoo.toml")                      # a municipality's legend library
    regs = extract("Asuinkerrostalojen korttelialue", sign="AK", lexicon=espoo)
    ex = Extractor(lexicon="espoo.toml")                     # or one extractor with it built in
    entry = extract_entry("Uusi seudullinen pääväylä", plan_type="yleiskaava")
    entry.regulations, entry.modifiers                       # [] and [uusi, seudullinen]

Modules, bottom up: :mod:`~ryhti.nlp.numbers` and :mod:`~ryhti.nlp.values` (numbers, units,
notations), :mod:`~ryhti.nlp.lemmatizer` (Voikko), :mod:`~ryhti.nlp.knowledge` (phrases from the
code-list snapshot), :mod:`~ryhti.nlp.rules` (cue words and cue tables), :mod:`~ryhti.nlp.tokens`
(tokens, sentences, coordinations), :mod:`~ryhti.nlp.result` (the output type),
:mod:`~ryhti.nlp.modality` and :mod:`~ryhti.nlp.topics` (what a sentence obliges and what it is
about); the steps of one extraction :mod:`~ryhti.nlp.titles` (sign and title → area types),
:mod:`~ryhti.nlp.modifiers` (entries that only modify what another entry draws),
:mod:`~ryhti.nlp.quantities` (numbers → typed values) and :mod:`~ryhti.nlp.sentences` (verbal
regulations) over :mod:`~ryhti.nlp.run`; :mod:`~ryhti.nlp.pipeline` (the extractor);
:mod:`~ryhti.nlp.evaluate` (measured quality) with :mod:`~ryhti.nlp.bootstrap` (its
intervals), :mod:`~ryhti.nlp.cli` (the command),
:mod:`~ryhti.nlp.tables` (the shipped phrase table; :mod:`~ryhti.nlp.build_tables` writes it),
:mod:`~ryhti.nlp.language` (Finnish or Swedish: bilingual legends split),
:mod:`~ryhti.nlp.lexicon` (a municipality's legend library, and drafts of it).
Importing this package is cheap; spaCy and Voikko load on the first extraction.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "Extraction",
    "Extractor",
    "Lexicon",
    "Modifier",
    "Regulation",
    "extract",
    "extract_entry",
    "load_lexicon",
]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from ryhti.nlp import pipeline as _pipeline

        return getattr(_pipeline, name)
    raise AttributeError(name)
