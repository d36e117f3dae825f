"""Lemmatizer, matchers (inflection, compounds, coordination), values in context, reachability."""

from __future__ import annotations

import pytest

from ryhti.nlp.lemmatizer import analyse, lemma


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("asuinkerrostalojen", "asuinkerrostalo"),
        ("korttelialueella", "korttelialue"),
        ("Tontin", "tontti"),
        ("autopaikkoja", "autopaikka"),
        ("kerrosalasta", "kerrosala"),
        ("rakennusalalle", "rakennusala"),
        ("talousrakennuksen", "talousrakennus"),
        ("enintään", "enintään"),
    ],
)
def test_voikko_lemmas(word, base):
    assert lemma(word) == base


def test_finite_verbs_are_recognised():
    assert analyse("saa").finite_verb and analyse("on").finite_verb
    assert not analyse("rakennettava").finite_verb


def test_missing_voikko_is_a_clear_error(monkeypatch):
    import builtins

    import ryhti.nlp.lemmatizer as lem
    from ryhti.errors import DependencyError

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "libvoikko":
            raise ImportError("no libvoikko")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(lem, "_voikko", None)
    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(DependencyError) as err:
        lem.get_voikko()
    assert "apt-get install libvoikko1 voikko-fi" in str(err.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Asuinkerrostalojen korttelialue.", {"asuinkerrostaloalue"}),
        ("asuinkerrostalojen korttelialueella", {"asuinkerrostaloalue"}),
        ("Erillispientalojen korttelialue.", {"erillistenAsuinpientalojenAlue"}),
        (
            "Asuin-, liike- ja toimistorakennusten korttelialue.",
            {"asumisenAlue", "liikerakennustenAlue", "toimistorakennustenAlue"},
        ),
        (
            "Liike- ja toimistorakennusten korttelialue.",
            {"liikerakennustenAlue", "toimistorakennustenAlue"},
        ),
        ("Teollisuus- ja varastorakennusten korttelialue.", {"teollisuusalue", "varastoalue"}),
        ("Maa- ja metsätalousalue.", {"maaJaMetsatalousAlue"}),
        (
            "Rakennusala, jolle saa sijoittaa talousrakennuksen.",
            {"rakennusalaJolleSaaSijoittaaTalousrakennuksen"},
        ),
        ("Lähivirkistysalue.", {"lahivirkistysalue"}),
        ("LUONNONSUOJELUALUE", {"luonnonsuojelualue"}),
    ],
)
def test_titles_inflection_compounds_coordination(types_of, text, expected):
    assert set(types_of(text, None, "asemakaava")) == expected


def test_plan_level_changes_the_letter(types_of):
    assert types_of("", "A", "maakuntakaava") == ["taajamatoimintojenAlue"]
    assert types_of("", "A", "yleiskaava") == ["asumisenAlue"]


def test_sign_with_suffix_and_osa_alue(extractor):
    regs = extractor.extract("Suojeltava rakennus. Rakennusta ei saa purkaa.", "sr-2", "asemakaava")
    assert [r.type for r in regs] == ["rakennussuojelualue", "sanallinenMaarays"]
    assert [a["type"] for a in regs[0].additional] == ["osaAlue"]
    assert regs[1].modality == "must_not"
    assert "suojelumaarays" in regs[1].verbal


@pytest.mark.parametrize(
    ("text", "sign", "code", "value"),
    [
        ("", "IV", "maanpaallinenKerroslukuLuku", {"dataType": "PositiveNumeric", "number": 4}),
        (
            "e=0,8",
            None,
            "tehokkuusluku",
            {"dataType": "PositiveDecimal", "number": 0.8, "unitOfMeasure": "k-m2/m2"},
        ),
        (
            "Rakennusoikeus kerrosneliömetreinä.",
            "2 400",
            "sallittuKerrosala",
            {"dataType": "PositiveNumeric", "number": 2400, "unitOfMeasure": "k-m2"},
        ),
        (
            "+23.5",
            None,
            "vesikatonYlimmanKohdanKorkeusasema",
            {"dataType": "Decimal", "number": 23.5, "unitOfMeasure": "m"},
        ),
        (
            "1 ap / 100 k-m²",
            None,
            "kerrosneliomaaraYhtaAutopaikkaaKohden",
            {"dataType": "PositiveNumeric", "number": 100, "unitOfMeasure": "k-m2"},
        ),
        (
            "1 ap/asunto",
            None,
            "autopaikkojenMaaraAsuntoaKohden",
            {"dataType": "PositiveDecimal", "number": 1.0},
        ),
        (
            "II-IV",
            None,
            "maanpaallinenKerroslukuArvovali",
            {"dataType": "PositiveNumericRange", "minimumValue": 2, "maximumValue": 4},
        ),
        (
            "Kattokaltevuus 30°.",
            None,
            "kattokaltevuus",
            {"dataType": "Decimal", "number": 30.0, "unitOfMeasure": "°"},
        ),
        (
            "Ääneneristävyyden on oltava vähintään 35 dB(A).",
            None,
            "aaneneristavyys",
            {"dataType": "PositiveDecimal", "number": 35.0, "unitOfMeasure": "dB"},
        ),
    ],
)
def test_values_get_their_type_and_unit(extractor, text, sign, code, value):
    regs = {r.type: r for r in extractor.extract(text, sign, "asemakaava")}
    assert regs[code].value == value


def test_attic_fraction_makes_two_regulations(extractor):
    regs = {r.type: r.value for r in extractor.extract("II½", None, "asemakaava")}
    assert regs["maanpaallinenKerroslukuLuku"]["number"] == 2
    assert regs["ullakonSallittuOsuusKerrosalasta"] == {
        "dataType": "PositiveNumeric",
        "number": 50,
        "unitOfMeasure": "%",
    }


def test_share_of_floor_area_goes_to_the_use(extractor):
    regs = extractor.extract(
        "Rakennusalalle sallitusta kerrosalasta saa käyttää myymälätiloja varten enintään 20 %.",
        None,
        "asemakaava",
    )
    assert [r.type for r in regs] == ["myymalarakennustenAlue"]
    assert regs[0].additional[0]["type"] == "kayttotarkoituksenOsuusKerrosalastaPros"
    assert regs[0].additional[0]["value"]["number"] == 20


def test_code_mentions_in_sentences_are_not_area_types(types_of):
    assert types_of(
        "Alueella sijaitsee luonnonsuojelulain tarkoittamia suojeluarvoja, jotka on otettava huomioon."
    ) == ["sanallinenMaarays"]


def test_low_confidence_is_marked_for_review(extractor):
    regs = extractor.extract("Uloke.", "u", "asemakaava")  # sign and title disagree in the library
    assert regs and all(r.review == (r.confidence < extractor.threshold) for r in regs)


def test_every_usable_regulation_type_is_reachable(extractor):
    """Each code the list means for regulations has a matcher phrase; header-level codes
    (whose description says they are not used in regulations) have none."""
    reachable = {
        t.code for phrases in extractor.index.keyset.values() for p in phrases for t in p.targets
    }
    usable = {c for c, info in extractor.kb.regulations.items() if info.usable}
    assert not usable - reachable, sorted(usable - reachable)
    headers = set(extractor.kb.regulations) - usable
    assert {"korkeusasema", "viheralue", "vesivayla"} <= headers
    assert not headers & reachable
    assert len(extractor.kb.regulations) == 268


def test_vocabulary_names_usable_codes_and_description_terms_come_from_descriptions():
    """The yleiskaava/maakuntakaava vocabulary points at codes the lists use, and each term
    mined from a code's description ("… kuten voimaloita, vedenottamoita …") is found there."""
    from ryhti.nlp.knowledge import REGULATION_LIST, _description, _registry, build_knowledge
    from ryhti.nlp.vocabulary import DESCRIPTION_TERMS, SYNONYMS, VOCABULARY

    kb = build_knowledge()
    for table in (SYNONYMS, VOCABULARY):
        for text, specs in table.items():
            for spec in specs:
                code, _, adds = spec.partition("[")
                assert code in kb.regulations, (text, code)
                for a in filter(None, adds.rstrip("]").split(",")):
                    assert a in kb.additional, (text, a)
    from ryhti.nlp.lexicon import lemma_keys

    codes = {c.value: c for c in _registry()[REGULATION_LIST].codes}
    for code, terms in DESCRIPTION_TERMS.items():
        assert kb.regulations[code].usable, code
        described = set(lemma_keys(_description(codes[code]) or ""))
        for term in terms:
            assert set(lemma_keys(term)) <= described, (code, term)
