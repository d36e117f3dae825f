"""Verbal topics by kind, found with ``benchmarks/nlp_topics_sources.py`` (issue 13, round 4).

The held-out real set's topic precision fell short because topics came from words that are not
the regulation's subject. Each kind below is the project's own paraphrase (the real texts may
not be copied) and failed before this round:

* a sentence that restates a law ("… kuten MRL 128 §:ssä on säädetty") gave the law's words as
  topics of the plan's regulation;
* a line that explains a sign ("Korttelinumerot, joiden …") gave topics from its nouns;
* a bare heading nothing else was understood in ("PYÖRÄILYN PÄÄREITISTÖN …") became a verbal
  regulation because it named a topic;
* "ominaispiirteet" (characteristic features) of a park or a landscape were cultural heritage.

The real dev entries of the same kinds are checked too when ``../shared`` is present.
"""

from __future__ import annotations

import pytest

from ryhti.nlp.topics import explains_sign, restates_law
from tests.nlp.real_data import DATA, available, load_real


def _topics(extractor, text, plan_type="yleiskaava"):
    return {v for r in extractor.extract(text, None, plan_type) for v in r.verbal}


def test_a_restated_law_gives_no_topic(extractor):
    text = (
        "Puiden kaataminen ja maisemaa muuttava maanrakennustyö ovat luvanvaraisia siten kuin "
        "laissa on säädetty (MRL 128 §). Alueen rakentamisessa tulee ottaa huomioon "
        "hulevesien viivyttäminen."
    )
    assert _topics(extractor, text) == {"hulevedet"}


def test_restates_law_needs_the_section_and_the_verb():
    assert restates_law("kuten MRL 128 §:ssä on säädetty", ["kuten", "mrl", "säädetty"])
    # a section cited as a source of values, or "säädetty" without a section, restates nothing
    assert not restates_law("MRL 128 §:n mukainen lupa tarvitaan", ["mrl", "mukainen", "lupa"])
    assert not restates_law("Melutaso on säädetty ohjearvoin", ["melutaso", "säädetty"])


def test_a_sign_explanation_gives_no_topic(extractor):
    topics = _topics(
        extractor, "Korttelitunnus, jonka pysäköintipaikat saa sijoittaa alueelle", "asemakaava"
    )
    assert topics == set()
    # the same words in a regulating sentence keep their topic
    topics = _topics(extractor, "Korttelin pysäköintipaikat saa sijoittaa alueelle.", "asemakaava")
    assert topics == {"pysakointi"}


@pytest.mark.parametrize(
    ("head", "explains"),
    [("korttelinumero", True), ("kaavamerkintä", True), ("numero", True), ("kortteli", False)],
)
def test_explains_sign_heads(head, explains):
    assert explains_sign([head, "joka"], {"numero"}) is explains


@pytest.mark.parametrize(
    "heading", ["PYÖRÄILYN PÄÄREITISTÖN TAVOITEVERKKO", "MELUNTORJUNNAN YHTEYSTARVE"]
)
def test_a_bare_heading_with_a_topic_word_is_no_regulation(extractor, heading):
    assert not [r for r in extractor.extract(heading, None, "yleiskaava") if r.verbal]


def test_a_heading_that_obliges_is_still_a_regulation(extractor):
    regs = extractor.extract("Pyöräilyreitit tulee suunnitella turvallisiksi", None, "yleiskaava")
    assert "pyoraily" in {v for r in regs for v in r.verbal}


def test_characteristic_features_are_heritage_only_in_the_built_environment(extractor):
    park = (
        "Puiston tarkemmassa suunnittelussa tulee ottaa huomioon sen esteettömyys ja olemassa "
        "olevat ominaispiirteet."
    )
    assert "kulttuuriymparisto" not in _topics(extractor, park)
    built = (
        "Uuden rakennuksen mittasuhteissa on otettava huomioon korttelin rakennusten "
        "ominaispiirteet."
    )
    assert "kulttuuriymparisto" in _topics(extractor, built, "asemakaava")


REAL = {
    # a bare network heading: no verbal regulation
    "real-tre-ec93d6c61f": set(),
    # a sign's explanation (the legacy lists): its additional information, no topic
    "real-leg-16b2635b53": set(),
    # a park's features and accessibility: no heritage
    "real-tre-21a3a55a3f": {"virkistys", "suunnittelumaarays", "esteettomyys"},
}


@pytest.mark.skipif(available() is not None, reason=available() or "reference present")
@pytest.mark.parametrize("entry_id", sorted(REAL))
def test_real_entries_of_these_kinds(extractor, entry_id):
    row = next(r for r in load_real(DATA / "nlp_real_dev.jsonl") if r["id"] == entry_id)
    regs = extractor.extract(row["text"], row["sign"], row["plan_type"])
    assert {v for r in regs for v in r.verbal} == REAL[entry_id]
