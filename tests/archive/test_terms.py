"""Finnish index terms: inflected forms, derivations and compounds meet; Swedish by form."""

from __future__ import annotations

import pytest

from ryhti.archive.terms import fts5_query, highlight, index_terms, parse_query, tsquery


def _matches(query: str, text: str) -> bool:
    terms = set(index_terms(text).split())
    return all(set(w.keys) & terms for w in parse_query(query))


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("hulevesien viivytys", "Hulevedet on viivytettävä tontilla."),
        ("hulevesi", "Hulevesien imeyttäminen on järjestettävä."),
        ("julkisivu", "Rakennusten julkisivujen on oltava punatiiltä."),
        ("julkisivujen materiaali", "Julkisivun materiaalina on käytettävä puuta."),
        ("vesi", "Hulevedet on johdettava viivytysaltaaseen."),  # a compound part
        ("suojelu", "Rakennus on suojeltava."),  # derivation base: suojella
        ("autopaikat", "Autopaikkoja on rakennettava 1 ap / 100 k-m²."),
        ("ak", "AK-1 Asuinkerrostalojen korttelialue"),
    ],
)
def test_inflected_forms_meet(query: str, text: str) -> None:
    assert _matches(query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("hulevesi", "Vesihuolto on järjestettävä."),  # no compound part on the query side
        ("julkisivu", "Katto on tehtävä tiilestä."),
        ("viivytys", "Hulevedet on imeytettävä."),
    ],
)
def test_unrelated_texts_do_not_meet(query: str, text: str) -> None:
    assert not _matches(query, text)


def test_terms_are_plain_tokens_for_both_engines() -> None:
    terms = index_terms("Tehokkuusluku e=0,8; AK-1/s, kerrosala 4 800 k-m².")
    assert all(t.isalnum() for t in terms.split())
    words = parse_query("hulevesien viivytys")
    assert fts5_query(words) == '("hulevesien" OR "hulevesi") AND ("viivytys" OR "viivyttää")'
    assert tsquery(words) == "(hulevesien | hulevesi) & (viivytys | viivyttää)"
    assert fts5_query(parse_query("hule*")) == '"hule"*'
    assert tsquery(parse_query("hule*")) == "hule:*"


def test_swedish_is_indexed_by_word_form() -> None:
    assert index_terms("Dagvatten ska fördröjas.", finnish=False) == "dagvatten ska fördröjas"


def test_highlight_marks_exactly_the_matching_words() -> None:
    text = "Hulevedet on viivytettävä tontilla ennen niiden johtamista yleiseen viemäriin."
    snippet, spans = highlight(text, parse_query("hulevesien viivytys"))
    assert snippet == text
    assert [snippet[a:b] for a, b in spans] == ["Hulevedet", "viivytettävä"]
    long = "Alussa on pitkä johdanto, joka ei liity asiaan. " * 6 + text
    snippet, spans = highlight(long, parse_query("viivytys"))
    assert snippet.startswith("…") and [snippet[a:b] for a, b in spans] == ["viivytettävä"]
