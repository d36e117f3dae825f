"""Verbal regulation topics: participles as verbs, plan-level planning directives, evidence.

(The measured, not shipped, textcat alternative checks itself:
``benchmarks/nlp_verbal_cv.py --check``.)"""

from __future__ import annotations

import pytest

from ryhti.nlp.lemmatizer import verb_of_participle


@pytest.mark.parametrize(
    ("participle", "verb"),
    [
        ("säilytettävä", "säilyttää"),
        ("turvattava", "turvata"),
        ("kunnostettava", "kunnostaa"),
        ("maisemoitava", "maisemoida"),
        ("suunniteltava", "suunnitella"),
        ("otettava", "ottaa"),
        ("rakennettava", "rakentaa"),
        ("laadittava", "laatia"),
        ("alue", None),
        ("tava", None),
    ],
)
def test_verb_of_participle(participle, verb):
    assert verb_of_participle(participle) == verb


def _verbal(extractor, text, level):
    regs = extractor.extract(text, None, level)
    return [v for r in regs for v in r.verbal], " ".join(r.evidence for r in regs)


def test_necessive_participles_count_as_verbs(extractor):
    verbal, evidence = _verbal(
        extractor,
        "Kaivostoiminnan päätyttyä alue on kunnostettava ja maisemoitava.",
        "maakuntakaava",
    )
    assert set(verbal) == {"ennallistaminen", "maisema"}
    assert "ennallistaminen ← 'kunnostaa'" in evidence


def test_planning_directive_depends_on_plan_level(extractor):
    text = "Pyöräilyn pääreitit on suunniteltava yhtenäisiksi ja turvallisiksi."
    assert "suunnittelumaarays" in _verbal(extractor, text, "maakuntakaava")[0]
    building = "Rakennukset on suunniteltava siten, että ne sopeutuvat ympäristöön."
    assert "suunnittelumaarays" not in _verbal(extractor, building, "asemakaava")[0]


def test_storm_water_sewer_is_not_water_supply(extractor):
    verbal, _ = _verbal(
        extractor, "Hulevedet on johdettava yleiseen hulevesiviemäriin.", "asemakaava"
    )
    assert verbal == ["hulevedet"]
