"""Kinds of wording the blind fourth set showed the extractor getting wrong (round 5, dev half).

``tests/data/nlp_labelled_test4_dev.jsonl`` is the dev half of a set written blind
(tests/data/README.md, "Fourth set, written blind"); its held-out half is scored by the lead as
totals only and is never read here. The cases below are the project's own paraphrases of the
kinds of wording behind the dev half's errors (each failed before its fix); the last test holds
the figures reached on the dev half.
"""

from __future__ import annotations

from pathlib import Path

from tests.nlp.floors import assert_floors, score_file

DEV = Path(__file__).resolve().parents[1] / "data" / "nlp_labelled_test4_dev.jsonl"


def _by_type(extractor, text, sign=None, plan_type="asemakaava"):
    return {r.type: r for r in extractor.extract(text, sign, plan_type)}


# -- a sentence that only states (uses, law, agreement) is no regulation the extractor trusts --
def test_statement_of_uses_is_reviewed(extractor):
    text = "Opetusrakennusten korttelialue. Alue on varattu koululle ja sen pihatoiminnoille."
    reg = _by_type(extractor, text, "YO")
    assert not reg["opetusrakennustenAlue"].review
    assert reg["sanallinenMaarays"].review
    assert "uses of the area" in reg["sanallinenMaarays"].evidence


def test_intended_for_is_reviewed(extractor):
    text = "Pientalovaltainen asuntoalue. Alue on tarkoitettu lähinnä paritaloille."
    assert _by_type(extractor, text, "AP", "yleiskaava")["sanallinenMaarays"].review


def test_permission_to_place_a_use_is_reviewed(extractor):
    text = "14. Alueelle saa sijoittaa myös pienimuotoista matkailua palvelevia rakennuksia."
    assert _by_type(extractor, text, None, "yleiskaava")["sanallinenMaarays"].review


def test_restated_law_is_reviewed_even_with_a_topic(extractor):
    text = "Luonnonsuojelualue. Alue on rauhoitettu luonnonsuojelulain nojalla."
    reg = _by_type(extractor, text, "SL", "yleiskaava")["sanallinenMaarays"]
    assert reg.review and "law" in reg.evidence


def test_agreement_outside_the_plan_is_reviewed(extractor):
    text = "Maanomistajan kanssa tehdyllä sopimuksella on sovittu katualueen luovutuksesta."
    assert _by_type(extractor, text)["sanallinenMaarays"].review


def test_a_regulating_sentence_is_still_accepted(extractor):
    for text in (
        "Alue varataan asumiselle. Rakennukset on sijoitettava kadun suuntaisesti.",
        "Alueelle saa sijoittaa enintään kaksi talousrakennusta.",
        "Alueen kokonaismitoitus on enintään 300 vuodepaikkaa.",
        "Alueella ei saa sijoittaa rakennuksia tulvavaara-alueelle.",
    ):
        regs = extractor.extract(text, None, "yleiskaava")
        assert regs and not all(r.review for r in regs), text


# -- block numbers in a sentence name blocks, they count nothing -------------------------------
def test_block_numbers_are_no_count(extractor):
    text = "Pysäköintialue. Alueelle saa sijoittaa korttelien 7, 8 ja 9 autopaikat."
    regs = extractor.extract(text, "LP")
    assert {r.type for r in regs} == {"pysakoinninAlue"}
    (reg,) = regs
    blocks = [
        a["value"]["number"]
        for a in reg.additional
        if a["type"] == "autopaikkojenSijoittuminenSallittu"
    ]
    assert blocks == [7, 8, 9]
    regs = extractor.extract("Tonttien 3 ja 4 rakennukset on liitettävä kaukolämpöön.", None)
    assert all(not (r.value or {}).get("number") for r in regs)


# -- a landscape-work permit is the toimenpiderajoitus of MRL 43.2 § -----------------------------
def test_landscape_work_permit_is_a_restriction(extractor):
    text = (
        "Puiden kaataminen ja muu maisemaa muuttava toimenpide vaatii MRL 128 §:n mukaisen luvan."
    )
    (reg,) = extractor.extract(text, None, "yleiskaava")
    assert reg.type == "toimenpiderajoitus" and not reg.review
    assert reg.value["text"]["fin"] == text
    both = "Alueen metsäinen luonne on säilytettävä. Alueella ei saa ilman maisematyölupaa kaataa puita."
    reg = _by_type(extractor, both, None, "yleiskaava")
    assert set(reg) == {"sanallinenMaarays", "toimenpiderajoitus"}
    assert "maisematyölupaa" not in reg["sanallinenMaarays"].value["text"]["fin"]
    restated = "Maisemaa muuttavat toimenpiteet ovat luvanvaraisia, kuten laissa on säädetty."
    (reg,) = extractor.extract(restated, None, "yleiskaava")
    assert reg.type == "toimenpiderajoitus" and reg.review


# -- a title that says "alueen osa" is a sub-area, whatever phrase it matched ---------------------
def test_alueen_osa_title_adds_osa_alue(extractor):
    reg = _by_type(extractor, "Alueen osa, jolle tulee rakentaa meluaita.", "me")
    assert "osaAlue" in {a["type"] for a in reg["melueste"].additional}


# -- the dev half ----------------------------------------------------------------------------------
def test_figures_on_the_test4_dev_half(extractor):
    rep = score_file(extractor, DEV)
    assert rep.entries == 93
    assert_floors(rep, FLOOR)


#: what round 5 reached on the dev half (own wording, rules learnt from it; raise, never lower)
FLOOR = {"types_f1": 0.951, "accepted": 0.989, "values": 1.0, "additional": 1.0, "verbal": 0.91}
