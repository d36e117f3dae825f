"""Entries that carry only additional information (issue 13; LABELLING.md 7).

A yleiskaava change class, a modifier line whose thing another entry draws, or the explanation
of an underlined number gives no regulation of its own but additional information for what it
is drawn over. Before, the extractor could not say so: such an entry gave nothing (or a verbal
regulation) and its class was lost. The cases below are the project's own paraphrases, and the
real dev entries of these kinds when ``../shared`` is present; every one failed before.
"""

from __future__ import annotations

import json

import pytest

from ryhti.errors import InputError
from ryhti.nlp.evaluate import score
from ryhti.nlp.lexicon import draft, parse_lexicon
from tests.nlp.real_data import DATA, available, resolve


def _entry(extractor, text, sign=None, plan_type="yleiskaava"):
    return extractor.extract_entry(text, sign, plan_type)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Uudet ja olennaisesti muuttuvat alueet", ["uusi", "olennaisestiMuuttuva"]),
        ("Nykyisellään säilyvät alueet", ["olemassaOleva"]),
        ("Pienin toimenpitein kehitettävät alueet", ["kehitettava"]),
        ("Olemassa olevat alueet", ["olemassaOleva"]),
    ],
)
def test_change_classes_are_modifiers(extractor, text, codes):
    found = _entry(extractor, text)
    assert found.regulations == []
    assert [m.type for m in found.modifiers] == codes
    for m in found.modifiers:
        assert not m.review and m.confidence >= 0.8
        assert m.span == (0, len(text)) and "change class" in m.evidence


def test_a_modifier_line_modifies_what_another_entry_draws(extractor):
    found = _entry(extractor, "Uusi seudullinen kokoojaväylä")
    assert found.regulations == []
    assert [m.type for m in found.modifiers] == ["uusi", "seudullinen"]
    # a guess about the legend: the planner confirms the thing is drawn elsewhere
    assert all(m.review for m in found.modifiers)
    assert "'kokoojaväylä' names no code" in found.modifiers[0].evidence


def test_the_genitive_describes_the_whole_not_the_section(extractor):
    found = _entry(extractor, "Seudullisen kokoojaväylän maanalainen osuus")
    assert [m.type for m in found.modifiers] == ["maanalainenTila"]


def test_an_underlined_number_without_a_number_is_a_modifier(extractor):
    text = "Alleviivattu luku osoittaa ehdottomasti noudatettavan kerrosalan tai korkeuden"
    found = _entry(extractor, text, plan_type="asemakaava")
    assert found.regulations == []
    assert [m.type for m in found.modifiers] == ["ehdottomastiNoudatettava"]
    # worded without the mark: "the number shows the building right to be used exactly"
    found = _entry(
        extractor, "Luku osoittaa ehdottomasti käytettävän rakennusoikeuden", plan_type="asemakaava"
    )
    assert [m.type for m in found.modifiers] == ["ehdottomastiNoudatettava"]


def test_an_underlined_number_with_its_number_stays_on_the_value(extractor):
    found = _entry(
        extractor, "Alleviivattu luku osoittaa ehdottomasti käytettävän rakennusoikeuden",
        sign="1200", plan_type="asemakaava",
    )  # fmt: skip
    assert found.modifiers == []
    (reg,) = found.regulations
    assert reg.type == "sallittuKerrosala"
    assert [a["type"] for a in reg.additional] == ["ehdottomastiNoudatettava"]


@pytest.mark.parametrize(
    "text",
    ["Uusi asuntoalue", "Kaava-alueen raja", "Ohjeellinen ulkoilureitti"],
)
def test_entries_that_are_something_give_no_modifiers(extractor, text):
    found = _entry(extractor, text)
    assert found.modifiers == []


def test_the_json_and_the_scorer_carry_modifiers(extractor):
    text = "Uudet ja olennaisesti muuttuvat alueet"
    data = _entry(extractor, text).to_json()
    assert data["regulations"] == []
    assert [m["type"] for m in data["modifiers"]] == ["uusi", "olennaisestiMuuttuva"]
    gold = [{"id": "c", "text": text, "gold": {"types": [], "additional": ["uusi"],
             "additional_alt": ["olennaisestiMuuttuva"]}}]  # fmt: skip
    rep = score(gold, lambda t, s, p: extractor.extract_entry(t, s, "yleiskaava").to_json(), 0.8)
    assert (rep.additional.tp, rep.additional.fp, rep.additional.fn) == (1, 0, 0)
    # a predictor that returns only the regulations is still scored
    rep = score(gold, lambda t, s, p: [], 0.8)
    assert rep.additional.fn == 1


def test_the_lexicon_carries_modifiers(extractor, tmp_path):
    text = "Uusi seudullinen kokoojaväylä"
    found = _entry(extractor, text).to_json()
    item = {"id": "m", "text": text, "plan_type": "yleiskaava", **found}
    toml = draft([item], "test")
    assert 'modifiers = ["uusi", "seudullinen"]' in toml
    path = tmp_path / "lex.toml"
    path.write_text(toml.replace('"seudullinen"', '"alueellinen"'), encoding="utf-8")
    lex = extractor.load_lexicon(path)
    again = extractor.extract_entry(text, None, "yleiskaava", lexicon=lex)
    assert [m.type for m in again.modifiers] == ["uusi", "alueellinen"]
    assert all(not m.review and "lexicon" in m.evidence for m in again.modifiers)
    bad = {"entry": [{"text": "x", "codes": [], "modifiers": ["uusiX"]}]}
    with pytest.raises(InputError, match="unknown RY_Kaavamaarayksen_Lisatiedonlaji"):
        parse_lexicon(bad, extractor.kb, "t.toml")


#: Real dev entries of these kinds (ids of tests/data/nlp_real_dev.jsonl).
REAL = (
    "real-tre-7a8b9c2ee5",  # a new road, drawn by the road's own entry
    "real-tre-5b2e1934e4",
    "real-tre-14ac63ad52",  # the underground section of a road
    "real-tre-dff6dc454d",  # an indicative target area
    "real-ym-a5e9a593bd",  # an underlined number
    "real-leg-7c477018c8",
)


@pytest.mark.skipif(available() is not None, reason=available() or "")
@pytest.mark.parametrize("rid", REAL)
def test_real_modifier_entries(extractor, rid):
    rows = [json.loads(x) for x in (DATA / "nlp_real_dev.jsonl").read_text("utf-8").splitlines()]
    (row,) = [r for r in rows if r["id"] == rid]
    found = extractor.extract_entry(resolve(row["source"]), row.get("sign"), row["plan_type"])
    gold = row["gold"]
    said = {m.type for m in found.modifiers}
    assert set(gold["additional"]) <= said
    assert said <= set(gold["additional"]) | set(gold.get("additional_alt") or [])
    assert not set(gold.get("types") or [])  # these entries have no regulation of their own
