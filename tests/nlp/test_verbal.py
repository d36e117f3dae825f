"""Verbal regulation topics: participles as verbs, plan-level planning directives, evidence,
and the reproducibility of the (measured, not shipped) textcat alternative."""

from __future__ import annotations

import pytest

from ryhti.nlp import verbal_model
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


def test_textcat_training_is_reproducible_from_seed(monkeypatch):
    """Same data and seed → the same scores, to the last digit (the CV benchmark relies on it)."""
    monkeypatch.setattr(verbal_model, "EPOCHS", 4)
    texts = [
        "hulevesi on imeyttää tontti",
        "jätehuolto tila sijoittaa rakennus",
        "hulevesi viivyttää painanne",
        "julkisivu materiaali olla puu",
        "jätekatos sovittaa arkkitehtuuri",
        "julkisivu väritys sopeutua",
    ]
    labels = [
        ["hulevedet"],
        ["jatehuolto"],
        ["hulevedet"],
        ["julkisivut"],
        ["jatehuolto"],
        ["julkisivut"],
    ]
    all_labels = ["hulevedet", "jatehuolto", "julkisivut"]
    a = verbal_model.train(texts, labels, all_labels, seed=7)
    b = verbal_model.train(texts, labels, all_labels, seed=7)
    probe = "hulevesi on viivyttää tontti"
    assert a(probe).cats == b(probe).cats
    assert max(a(probe).cats, key=a(probe).cats.get) == "hulevedet"
    run = verbal_model.predictor(a, threshold=0.0)
    assert {k for k, _ in run(probe)} == set(all_labels)


def test_verbal_rows_are_dev_only():
    import json

    data = verbal_model.ROOT / "tests" / "data"

    def ids(name):
        lines = (data / name).read_text(encoding="utf-8").splitlines()
        return {json.loads(line)["id"] for line in lines}

    rows = verbal_model.verbal_rows()
    dev = ids("nlp_labelled_dev.jsonl") | ids("nlp_labelled_dev2.jsonl")
    held_out = ids("nlp_labelled_test.jsonl") | ids("nlp_labelled_test2.jsonl")
    got = {r["id"] for r in rows}
    assert got and got <= dev and not got & held_out
