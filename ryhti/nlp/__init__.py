"""Finnish regulation text → RYHTI regulation codes and typed values (``ryhti extract``).

Public API::

    from ryhti.nlp import extract, Extractor
    regs = extract("AK-1 Asuinkerrostalojen korttelialue.", sign="AK-1", plan_type="asemakaava")

Modules: :mod:`~ryhti.nlp.values` (numbers, units, notations), :mod:`~ryhti.nlp.lemmatizer`
(Voikko), :mod:`~ryhti.nlp.knowledge` (phrases from the code-list snapshot),
:mod:`~ryhti.nlp.rules` (cue words), :mod:`~ryhti.nlp.pipeline` (the pipeline),
:mod:`~ryhti.nlp.evaluate` (measured quality), :mod:`~ryhti.nlp.cli` (the command),
:mod:`~ryhti.nlp.build_tables` (the precomputed phrase table), :mod:`~ryhti.nlp.verbal_model`
(the textcat alternative for verbal topics, measured and not shipped),
:mod:`~ryhti.nlp.language` (Finnish or Swedish: bilingual legends split).
Importing this package is cheap; spaCy and Voikko load on the first extraction.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Extractor", "Regulation", "extract"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from ryhti.nlp import pipeline as _pipeline

        return getattr(_pipeline, name)
    raise AttributeError(name)
