"""Topic cues: the code list's own words (issue 13, round 4) and the rules of round 5.

``CODE_LIST_CUES`` are the words RY_Sanallisen_Kaavamaarayksen_Laji uses for each topic (its label
and the nouns of its description), not words of any plan. These tests check that provenance
against the packaged code-list snapshot, that a few such cues give their topic on the project's
own paraphrases (topics no plan in the dev set names: henkilöautoilu, yhdyskuntatekniikka,
biodiversiteetti, ympäristöarvot, a "Suunnittelumääräys:" heading), that the evidence names the
code list's word first, and that the descriptions' generic words are no cues.
"""

from __future__ import annotations

import re

import pytest

from ryhti.nlp.knowledge import VERBAL_LIST, build_knowledge
from ryhti.nlp.lemmatizer import lemma
from ryhti.nlp.topic_cues import CODE_LIST_CUES, VERBAL_CUES

#: Words of the descriptions that name no topic ("koskevat tekstimuotoiset kaavamääräykset").
GENERIC = (
    "alue",
    "rakentaminen",
    "rakentaa",
    "ympäristö",
    "suunnittelu",
    "kaava",
    "määräys",
    "kaavamääräys",
    "käyttö",
    "ohjaus",
    "hoito",
    "riski",
)


def _code_list_words() -> dict[str, set[str]]:
    """Each verbal topic's label and description words (Finnish), as written and as lemmas."""
    codes = build_knowledge().registry[VERBAL_LIST].codes
    out: dict[str, set[str]] = {}
    for code in codes:
        text = f"{code.labels.get('fi', '')} {code.descriptions.get('fi') or ''}".lower()
        words = re.findall(r"[\wäöå-]+", text)
        out[code.value] = set(words) | {lemma(w) for w in words}
    return out


def test_every_code_list_cue_is_a_word_of_its_code():
    words = _code_list_words()
    for code, cues in CODE_LIST_CUES.items():
        assert code in words, code
        for cue in cues:
            assert all(part in words[code] for part in cue.split()), (code, cue)
        assert set(cues) <= set(VERBAL_CUES[code]), code


def test_generic_description_words_are_no_code_list_cues():
    cues = {c for cs in CODE_LIST_CUES.values() for c in cs}
    assert not cues & set(GENERIC)


def _verbal(extractor, text, plan_type="asemakaava"):
    return [(r.verbal, r.evidence) for r in extractor.extract(text, None, plan_type) if r.verbal]


@pytest.mark.parametrize(
    ("text", "plan_type", "topic", "cue"),
    [
        (
            "Henkilöautoilua alueen sisäisillä kaduilla on rajoitettava.",
            "asemakaava",
            "henkiloautoilu",
            "henkilöautoilu",
        ),
        (
            "Yhdyskuntatekniikan johdot on sijoitettava katualueelle.",
            "asemakaava",
            "yhdyskuntatekniikka",
            "yhdyskuntatekniikka",
        ),
        (
            "Biodiversiteetin säilyminen on turvattava viheralueilla.",
            "asemakaava",
            "biodiversiteetti",
            "biodiversiteetti",
        ),
        (
            "Alueen ympäristöarvot on otettava huomioon rakentamisessa.",
            "asemakaava",
            "ymparistoarvot",
            "ympäristöarvo",
        ),
        (
            "Suunnittelumääräys: Alueen maankäyttö on sovitettava yhteen viereisen asuinalueen "
            "kanssa.",
            "maakuntakaava",
            "suunnittelumaarays",
            "suunnittelumääräys",
        ),
        (
            "Sähköpotkulautojen säilytys on järjestettävä tontilla.",
            "asemakaava",
            "kevytLiikenne",
            "sähköpotkulauta",
        ),
        # a plan cue (identiteetti) and the code list's word: the evidence names the latter
        (
            "Kulttuuriympäristön identiteetti on säilytettävä.",
            "asemakaava",
            "kulttuuriymparisto",
            "kulttuuriympäristö",
        ),
    ],
)
def test_code_list_cue_gives_its_topic(extractor, text, plan_type, topic, cue):
    found = _verbal(extractor, text, plan_type)
    assert len(found) == 1, found
    verbal, evidence = found[0]
    assert verbal == [topic]
    assert f"{topic} ← '{cue}'" in evidence


@pytest.mark.parametrize(
    "text",
    [
        "Alueen rakentamisessa on otettava huomioon ympäristö.",
        "Alueen käytön ohjauksessa on noudatettava kaavamääräystä.",
    ],
)
def test_generic_words_give_no_topic(extractor, text):
    assert _verbal(extractor, text) == []


# -- the planning vocabulary (``_DOMAIN_CUES``) and the precision fixes of round 5 -------------


def test_every_domain_cue_is_a_lemma_the_tokenizer_makes():
    """A cue that is no lemma key never fires: each domain cue reads back as itself."""
    from ryhti.nlp.topic_cues import _DOMAIN_CUES

    for code, cues in _DOMAIN_CUES.items():
        assert set(cues) <= set(VERBAL_CUES[code]), code
        for cue in cues:
            assert lemma(cue) == cue, (code, cue, lemma(cue))


@pytest.mark.parametrize(
    ("text", "topic", "cue"),
    [
        ("Kattovedet on johdettava tontin reunalle.", "hulevedet", "kattovesi"),
        ("Korttelin keräys on järjestettävä syväkeräysastioin.", "jatehuolto", "syväkeräysastia"),
        ("Asuinrakennuksiin on rakennettava meluseinä radan puolelle.", "melu", "meluseinä"),
        (
            "Alimman tulvakorkeuden alapuolelle ei saa sijoittaa asuintiloja.",
            "tulva",
            "tulvakorkeus",
        ),
        ("Paikoitus on järjestettävä korttelin sisäpihalle.", "pysakointi", "paikoitus"),
        ("Raitiotien varteen on istutettava puurivi.", "joukkoliikenne", "raitiotie"),
        ("Jalkakäytävät on erotettava ajoradasta.", "jalankulku", "jalkakäytävä"),
        ("Muuntamot on sijoitettava rakennusten yhteyteen.", "yhdyskuntatekniikka", "muuntamo"),
        ("Muinaisjäännösten ympäristö on säilytettävä.", "kulttuuriymparisto", "muinaisjäännös"),
        ("Uhanalaisten lajien esiintymät on säilytettävä.", "luontoarvot", "uhanalainen"),
        ("Rakennusten on oltava energiatehokkaita.", "ilmastonmuutos", "energiatehokas"),
    ],
)
def test_domain_cue_gives_its_topic(extractor, text, topic, cue):
    found = _verbal(extractor, text)
    assert len(found) == 1, found
    verbal, evidence = found[0]
    assert topic in verbal, (verbal, evidence)
    assert f"{topic} ← '{cue}'" in evidence


def test_plot_use_is_the_fallback_topic_of_the_whole_regulation(extractor):
    """tontinKaytto is given only when nothing more specific is found, in the regulation as in
    the sentence (the real Espoo and Tampere gold: a later sentence's *tontti* or
    *asuinrakennus* adds no topic to julkisivut); alone it stays."""
    found = _verbal(
        extractor,
        "Julkisivujen on oltava punatiiltä. Asuinrakennuksen pihalle saa sijoittaa katoksen.",
    )
    assert found and found[0][0] == ["julkisivut"]
    assert "tontinKaytto dropped" in found[0][1] or "tontinKaytto" not in found[0][1]
    alone = _verbal(extractor, "Asuinrakennuksen pihalle saa sijoittaa katoksen.")
    assert alone and alone[0][0] == ["tontinKaytto"]
    first = _verbal(
        extractor,
        "Asuinrakennuksen pihalle saa sijoittaa katoksen. Julkisivujen on oltava punatiiltä.",
    )
    assert first and first[0][0] == ["julkisivut"]
    assert "tontinKaytto dropped" in first[0][1]


def test_a_sentence_that_only_states_additional_information_has_no_topic(extractor):
    """'Alueella on noudatettava rakentamistapaohjetta' says rakentamistapaohjeHuomioitava; the
    word that gave it is no topic besides (the real Ryhti example of the sentence has none)."""
    found = extractor.extract_entry(
        "Alueella on noudatettava rakentamistapaohjetta.", None, "asemakaava"
    ).to_json()["regulations"]
    assert [r["type"] for r in found] == ["sanallinenMaarays"]
    assert found[0]["additionalInformations"] == [
        {"type": "rakentamistapaohjeHuomioitava", "value": None}
    ]
    assert found[0]["verbalRegulations"] == []
    # a sentence that says more keeps its topic (the real Ryhti example codes it rakentamistapa)
    longer = _verbal(
        extractor,
        "Kaava-alueen uudisrakentaminen on suunniteltava kaavan liitteenä olevan "
        "rakentamistapaohjeen mukaisesti.",
    )
    assert longer and "rakentamistapa" in longer[0][0]
    more = _verbal(extractor, "Rakentamistapaohjetta noudattaen julkisivut on verhottava puulla.")
    assert more and "julkisivut" in more[0][0]
