"""Kinds of wording the blind third set showed the extractor getting wrong (round 5, dev half).

``tests/data/nlp_labelled_test3_dev.jsonl`` is the dev half of a set written blind
(tests/data/README.md, "Third set, written blind"); its held-out half is scored by the lead as
totals only and is never read here. The cases below are the project's own paraphrases of the
kinds of wording behind the dev half's errors (each failed before its fix); the last test holds
the figures reached on the dev half.
"""

from __future__ import annotations

from pathlib import Path

from tests.nlp.floors import assert_floors, score_file

DEV = Path(__file__).resolve().parents[1] / "data" / "nlp_labelled_test3_dev.jsonl"


def _types(extractor, text, sign=None, plan_type="asemakaava"):
    return {r.type for r in extractor.extract(text, sign, plan_type)}


def _by_type(extractor, text, sign=None, plan_type="asemakaava"):
    return {r.type: r for r in extractor.extract(text, sign, plan_type)}


# -- a combined sign whose title names fewer uses: the title decides ---------------------------
def test_title_naming_fewer_uses_than_a_combined_sign(extractor):
    found = _types(extractor, "Asuin- ja toimistorakennusten korttelialue.", "AL/K")
    assert found == {"asumisenAlue", "toimistorakennustenAlue"}


# -- parking norms written as a fraction of floor area, the places named elsewhere -------------
def test_norm_as_a_fraction_with_places_named_elsewhere(extractor):
    text = "Pysäköintipaikkoja on rakennettava myymälöille 1 / 40 k-m² ja toimistoille 1 / 80 k-m²."
    regs = extractor.extract(text, None, "asemakaava")
    assert {r.type for r in regs} == {"kerrosneliomaaraYhtaAutopaikkaaKohden"}
    targets = {
        r.value["number"]: {a["value"]["code"].rsplit("/", 1)[1] for a in r.additional}
        for r in regs
    }
    assert targets == {40: {"myymalarakennustenAlue"}, 80: {"toimistorakennustenAlue"}}


# -- the use a share is taken *of* is not the use it is for ------------------------------------
def test_share_of_the_residential_floor_area_is_no_use(extractor):
    regs = extractor.extract(
        "Taloyhtiön yhteistiloja on rakennettava vähintään 2 % asuinkerrosalasta.",
        None,
        "asemakaava",
    )
    assert [r.type for r in regs] == ["sanallinenMaarays"]


# -- a count with an adjective between the number and the noun ---------------------------------
def test_count_with_an_adjective(extractor):
    reg = _by_type(
        extractor, "Alueelle saa rakentaa enintään 12 uutta asuntoa.", None, "yleiskaava"
    )
    assert reg["asuntojenMaara"].value["number"] == 12
    assert not reg["asuntojenMaara"].review


# -- "X:n sijainti on ohjeellinen" is additional information, not a regulation ----------------
def test_indicative_location_sentence(extractor):
    regs = extractor.extract("Ulkoilureitti. Reitin sijainti on ohjeellinen.", None, "yleiskaava")
    assert [r.type for r in regs] == ["ulkoiluTaiVirkistysReitti"]
    assert "ohjeellinenSijainti" in {a["type"] for a in regs[0].additional}


# -- a cap for a part of the main use is flagged ------------------------------------------------
def test_cap_for_a_part_of_the_main_use_is_flagged(extractor):
    text = (
        "Kaupallisten palvelujen alue, jolle saa sijoittaa vähittäiskaupan suuryksikön. "
        "Päivittäistavarakaupan kerrosala saa olla enintään 3 000 k-m²."
    )
    reg = _by_type(extractor, text, "KM", "yleiskaava")
    assert not reg["vahittaiskaupanSuuryksikko"].review
    assert reg["myymalarakennustenAlue"].review
    assert "part of the main use" in reg["myymalarakennustenAlue"].evidence


# -- a retail dimensioning inside a planning directive is flagged; outside it is not ------------
def test_retail_dimensioning_of_a_general_plan_is_no_value(extractor):
    """The dimensioning of retail steering in a yleiskaava or maakuntakaava ("Vähittäiskaupan
    enimmäismitoitus on 25 000 k-m²") is kept as the regulation's text, not as building right:
    the real Tampere legend labels such caps "numbers that are not values" (LABELLING.md 14), as
    all three blind writers did. In an asemakaava a floor-area cap is the block's."""
    block = (
        "KAUPAN ALUE\nMerkinnällä osoitetaan vähittäiskaupan suuryksikön alue.\n"
        "Suunnittelumääräys:\nAlueen vähittäiskaupan enimmäismitoitus on 25 000 k-m²."
    )
    assert "sallittuKerrosala" not in _by_type(extractor, block, "KM", "maakuntakaava")
    plain = "Keskustatoimintojen alue. Vähittäiskaupan enimmäismitoitus on 25 000 k-m²."
    regs = _by_type(extractor, plain, None, "maakuntakaava")
    assert "sallittuKerrosala" not in regs and "sanallinenMaarays" in regs
    assert "kaupanOhjaus" in regs["sanallinenMaarays"].verbal
    block_plan = _by_type(extractor, "Kerrosala saa olla enintään 2500 k-m².", None, "asemakaava")
    assert block_plan["sallittuKerrosala"].value["number"] == 2500


# -- the description part of a heading + description + directive block gives no value ---------
def test_description_before_a_directive_gives_no_value(extractor):
    block = (
        "TULVARISKIALUE\nMerkinnällä osoitetaan alueet, joita tulva voi uhata. "
        "Harvinaisen tulvan korkeus alueella on N2000 +3,20 m.\n"
        "Suunnittelumääräys:\nAlueelle ei saa sijoittaa tulvalle herkkiä toimintoja."
    )
    regs = extractor.extract(block, None, "maakuntakaava")
    assert {r.type for r in regs} == {"tulvariskialue", "sanallinenMaarays"}
    assert all(not (r.value or {}).get("number") for r in regs)


# -- "… koskeva suunnittelumääräys:" labels verbal text (LABELLING.md 10) -----------------------
def test_labelled_general_directive_is_verbal(extractor):
    text = (
        "Koko maakuntaa koskeva suunnittelumääräys:\n"
        "Alueiden käytön suunnittelussa on turvattava ekologiset yhteydet."
    )
    (reg,) = extractor.extract(text, None, "maakuntakaava")
    assert reg.type == "sanallinenMaarays" and not reg.review
    assert "suunnittelumaarays" in reg.verbal


# -- a share of the building right for a use ----------------------------------------------------
def test_share_of_the_building_right_for_a_use(extractor):
    reg = _by_type(
        extractor, "Rakennuspaikan rakennusoikeudesta saa käyttää enintään 200 k-m² asumiseen."
    )
    assert set(reg) == {"asumisenAlue"}
    (info,) = reg["asumisenAlue"].additional
    assert (
        info["type"] == "kayttotarkoituksenOsuusKerrosalastaK-m2" and info["value"]["number"] == 200
    )


# -- a line that refers to the sign's number later in the sentence explains it -----------------
def test_line_referring_to_the_signs_number_is_an_explanation(extractor):
    text = "Kerrosalasta saa käyttää liiketiloja varten prosenttiluvun osoittaman osan."
    reg = _by_type(extractor, text, "60 %")
    assert set(reg) == {"liikerakennustenAlue"}
    (info,) = reg["liikerakennustenAlue"].additional
    assert info["value"]["number"] == 60


# -- a roof pitch as a ratio is no value --------------------------------------------------------
def test_roof_pitch_ratio_is_no_value(extractor):
    regs = extractor.extract("Kattokaltevuuden on oltava 1:3.", None, "asemakaava")
    assert [r.type for r in regs] == ["sanallinenMaarays"]


# -- yleiskaava vocabulary ------------------------------------------------------------------------
def test_densified_zone_and_light_traffic_route(extractor):
    (reg,) = extractor.extract("Tiivistettävä alue.", None, "yleiskaava")
    assert reg.type == "kehittamisvyohyke"
    assert {a["type"] for a in reg.additional} == {"osaAlue", "eheytettavaTaiTiivistettava"}
    assert _types(extractor, "Kevyen liikenteen reitti.", None, "yleiskaava") == {
        "jalankulkualue",
        "pyorailyalue",
    }


# -- the dev half ----------------------------------------------------------------------------------
def test_figures_on_the_test3_dev_half(extractor):
    rep = score_file(extractor, DEV)
    assert rep.entries == 96
    assert_floors(rep, FLOOR)


#: what round 5 reached on the dev half (own wording, rules learnt from it; raise, never lower)
FLOOR = {"types_f1": 0.987, "accepted": 1.0, "values": 1.0, "additional": 0.999, "verbal": 0.954}


def test_a_main_use_block_where_the_environment_is_kept(extractor):
    """'<main use> korttelialue, jolla ympäristö säilytetään' (the /s of a main use): the main
    use with `sailytettava`, not the sub-area phrase its relative clause resembles."""
    for text, sign in [
        ("Asuinpientalojen korttelialue, jolla ympäristö säilytetään.", "AP/s"),
        ("Asuinpientalojen korttelialue, jolla ympäristö säilytetään.", None),
    ]:
        regs = extractor.extract_entry(text, sign, "asemakaava").to_json()["regulations"]
        assert [r["type"] for r in regs] == ["asuinpientaloalue"], regs
        infos = {a["type"] for a in regs[0]["additionalInformations"]}
        assert infos == {"paakayttotarkoitus", "sailytettava"}
        assert not regs[0]["review"]
    alone = extractor.extract_entry("Alue, jolla ympäristö säilytetään.", "/s", "asemakaava")
    assert [r["type"] for r in alone.to_json()["regulations"]] == ["suojelualue"]
