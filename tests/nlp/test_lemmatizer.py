"""Voikko's reading corrected where plan text means another (ryhti.nlp.lemmatizer.analyse).

Each case is a word form whose first Voikko reading is a rare word or a clitic form; the shipped
lemma table is rebuilt from the same rules (tests/nlp/test_tables.py checks it is fresh).
"""

from __future__ import annotations

import pytest

from ryhti.nlp.lemmatizer import lemma


def test_illative_of_an_s_noun_is_not_read_as_a_possessive_form():
    """Voikko reads "-kseen" first as translative + possessive ("ilmastonmuutokseen":
    *ilmastonmuutto*); plan text means the illative of an -s noun. Other possessive forms keep
    their reading ("korkeudeltaan" is *korkeus*)."""
    assert lemma("ilmastonmuutokseen") == "ilmastonmuutos"
    assert lemma("kerrokseen") == "kerros"
    assert lemma("pysäköintilaitokseen") == "pysäköintilaitos"
    assert lemma("korkeudeltaan") == "korkeus"


@pytest.mark.parametrize(
    ("form", "meant"),
    [
        ("kerrosta", "kerros"),  # Voikko first: *kerto*
        ("arvoilla", "arvo"),  # *arpa*
        ("koodiarvoista", "koodiarvo"),
        ("kaavakartta", "kaavakartta"),  # *kaavakarsi*
        ("kuuluvat", "kuuluva"),  # *kuulupa*
        ("muutosta", "muutos"),  # *muutto*
        ("tanssilavat", "tanssilava"),  # *tanssilapa*
        ("keskustaan", "keskusta"),  # *keskus*
        ("rakentamistapa", "rakentamistapa"),  # *rakentaa*, a -minen form with a clitic
        ("perustamistapa", "perustamistapa"),
        ("rakennustapa", "rakennustapa"),  # *rakennus* + the clitic -pa
        ("tapa", "tapa"),  # *tappaa*
        # stem changes keep Voikko's first reading
        ("pinnan", "pinta"),
        ("maanpinnasta", "maanpinta"),
        ("valmisteluun", "valmistelu"),
        ("katuja", "katu"),
    ],
)
def test_the_reading_plan_text_means(form, meant):
    assert lemma(form) == meant
