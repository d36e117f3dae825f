"""Project tables of the snapshot: notation, lifecycle relations, value types."""

from __future__ import annotations

import pytest

from ryhti.codelists import Registry, plan_level

RYTJ = "http://uri.suomi.fi/codelist/rytj"


# -- plan levels -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("asemakaava", "asemakaava"),
        ("Yleiskaava", "yleiskaava"),
        ("AK", "asemakaava"),
        ("mk", "maakuntakaava"),
        ("31", "asemakaava"),
        ("33", "asemakaava"),
        ("23", "yleiskaava"),
        ("11", "maakuntakaava"),
        ("1", "maakuntakaava"),
        (f"{RYTJ}/RY_Kaavalaji/code/12", "maakuntakaava"),
    ],
)
def test_plan_level_normalisation(reg: Registry, given: str, expected: str) -> None:
    assert plan_level(given, reg) == expected


def test_unknown_plan_level_is_an_error(reg: Registry) -> None:
    with pytest.raises(ValueError, match="unknown plan level"):
        plan_level("kaava", reg)
    assert plan_level(None, reg) is None


# -- notation ----------------------------------------------------------------------------------


def test_notation_ak(reg: Registry) -> None:
    entries = reg.notation.by_letter("AK", "asemakaava")
    assert entries, "AK must be known"
    origins = [e.origin for e in entries]
    assert origins[0] == "katja" and "traditional" in origins and "short_name" in origins
    for entry in entries:
        assert entry.regulation_codes == ("asuinkerrostaloalue",)
        assert entry.plan_level in ("asemakaava", None)
    katja = entries[0]
    assert katja.additional_information_types == ("paakayttotarkoitus",)
    assert katja.meaning_fi == "Asuinkerrostalojen alue"
    traditional = [e for e in entries if e.origin == "traditional"]
    assert "Asuinkerrostalojen korttelialue" in {e.meaning_fi for e in traditional}
    assert all(e.derived_from == "katja" and e.role == "paakayttotarkoitus" for e in traditional)


def test_notation_differs_per_plan_level(reg: Registry) -> None:
    yk = reg.notation.by_letter("AK", "YK")
    assert {e.meaning_fi for e in yk if e.origin == "katja"} == {"Kerrostalovaltainen asuntoalue"}
    assert all(e.plan_level in ("yleiskaava", None) for e in yk)
    all_levels = reg.notation.by_letter("AK")
    assert {e.plan_level for e in all_levels} == {"asemakaava", "yleiskaava", None}


def test_notation_numbered_variants_fall_back(reg: Registry) -> None:
    for written in ("sr-2", "sr2", "sr–2"):
        entries = reg.notation.by_letter(written, "asemakaava")
        assert entries and entries[0].regulation_codes == ("rakennussuojelualue",), written
        assert entries[0].additional_information_types == ("osaAlue",)
    assert reg.notation.by_letter("VL-1", "asemakaava")[0].regulation_codes == (
        "lahivirkistysalue",
    )
    assert reg.notation.by_letter("XYZ-1") == []


def test_notation_case_matters(reg: Registry) -> None:
    upper = reg.notation.by_letter("S", "asemakaava")
    lower = reg.notation.by_letter("s", "asemakaava")
    assert upper and lower
    # same code, different role: a protection area (main use) versus a protected part of one
    assert upper[0].regulation_codes == lower[0].regulation_codes == ("suojelualue",)
    assert upper[0].additional_information_types == ("paakayttotarkoitus",)
    assert lower[0].additional_information_types == ("osaAlue",)


def test_notation_compound_codes(reg: Registry) -> None:
    assert reg.notation.parts("AO/s", "asemakaava") == ["AO", "/s"]
    assert reg.notation.parts("T/kem", "asemakaava") == ["T/kem"]
    assert reg.notation.parts("A/s", "asemakaava") == ["A/s"]
    slash_s = reg.notation.by_letter("/s", "asemakaava")
    assert slash_s and slash_s[0].meaning_fi == "Alue, jolla ympäristö säilytetään"
    # No source maps the traditional /s to codes: it stays unmapped rather than guessed.
    assert slash_s[0].regulations == () and slash_s[0].derived_from is None


def test_notation_fixed_values_of_additional_information(reg: Registry) -> None:
    entries = [e for e in reg.notation.by_letter("EN/tv", "asemakaava") if e.origin == "katja"]
    infos = entries[0].regulations[0].additional_information
    targeting = [i for i in infos if i.type == "kayttotarkoituskohdistus"]
    assert targeting and targeting[0].value == "tuulivoimalaAlue"
    building_permit = [
        i
        for e in reg.notation.entries
        for r in e.regulations
        for i in r.additional_information
        if i.type == "rakennusluvanPeruste"
    ]
    assert building_permit and all(i.code_list == f"{RYTJ}/oikeusvaik_YK" for i in building_permit)
    assert {i.value for i in building_permit} <= set(reg["oikeusvaik_YK"].values())


def test_notation_reverse_lookup_and_meaning(reg: Registry) -> None:
    letters = {e.letter for e in reg.notation.by_regulation("lahivirkistysalue", "asemakaava")}
    assert "VL" in letters
    found = reg.notation.by_meaning("asuinkerrostalojen KORTTELIALUE", "AK")
    assert [e.letter for e in found] == ["AK"]
    assert "AK" in reg.notation.letters("asemakaava")


def test_every_notation_code_exists(reg: Registry) -> None:
    regs = reg["RY_Kaavamaarayslaji"]
    infos = reg["RY_Kaavamaarayksen_Lisatiedonlaji"]
    counts = {"katja": 0, "traditional": 0, "combined": 0, "short_name": 0}
    for entry in reg.notation.entries:
        counts[entry.origin] += 1
        for regulation in entry.regulations:
            assert regulation.code in regs, (entry.letter, regulation.code)
            for info in regulation.additional_information:
                assert info.type in infos, (entry.letter, info.type)
    # Katja libraries: 257 AK + 242 YK + 149 MK groups; 80+64+56+29 traditional; 202 short
    # names less the two on header-level codes (vesiliikenteenAlue "lw", rakentamisenTapa)
    # and the combined signs the project adds (AKR)
    assert counts == {"katja": 648, "traditional": 229, "combined": 1, "short_name": 200}


def test_short_names_of_header_codes_are_not_letters(reg: Registry) -> None:
    assert reg["RY_Kaavamaarayslaji"]["vesiliikenteenAlue"].short_name == "lw"
    assert reg.notation.by_letter("lw") == []
    assert not any(
        reg.is_header(code, "RY_Kaavamaarayslaji")
        for entry in reg.notation.entries
        if entry.origin == "short_name"
        for code in entry.regulation_codes
    )


# -- lifecycle relations -----------------------------------------------------------------------


def _values(codes: list | None) -> list[str] | None:
    return None if codes is None else [c.value for c in codes]


def test_decisions_per_status(reg: Registry) -> None:
    lr = reg.lifecycle_relations
    assert _values(lr.allowed("decisions", "02")) == ["01", "02", "03"]
    assert _values(lr.allowed("decisions", "03", "AK")) == ["04", "05", "06"]
    assert _values(lr.allowed("decisions", "08", "31")) == ["12", "13", "15"]
    # R-E12: no decision at all in 07 and 09
    assert lr.allowed("decisions", "07") == [] and lr.allowed("decisions", "09", "YK") == []


def test_decisions_differ_per_plan_level(reg: Registry) -> None:
    lr = reg.lifecycle_relations
    # R-E13 vs R-E14: the modified proposal (05) takes decision 09 in AK/YK, 07 or 09 in MK
    assert _values(lr.allowed("decisions", "05", "asemakaava")) == ["09"]
    assert _values(lr.allowed("decisions", "05", "yleiskaava")) == ["09"]
    assert _values(lr.allowed("decisions", "05", "maakuntakaava")) == ["07", "09"]
    assert _values(lr.allowed("decisions", "05")) == ["07", "09"]
    assert _values(lr.allowed("decisions", "04", "MK")) == ["07", "08"]
    assert _values(lr.allowed("decisions", "06", "AK")) == ["11A", "11B", "12"]
    assert _values(lr.allowed("decisions", "06", "MK")) == ["11A"]


def test_handling_and_interaction_events(reg: Registry) -> None:
    lr = reg.lifecycle_relations
    assert _values(lr.allowed("handling", "02")) == ["04"]
    assert _values(lr.allowed("handling", "04", "AK")) == ["07"]
    assert _values(lr.allowed("handling", "04", "MK")) == ["07", "08"]
    assert _values(lr.allowed("handling_events", "13")) == ["16"]
    # R-E16: in 08 the handling event follows the decision
    assert _values(lr.allowed("handling", "08")) == ["12", "13"]
    assert _values(lr.allowed("interaction", "03", "AK")) == ["01"]
    assert _values(lr.allowed("interaction", "03", "MK")) == ["01", "02"]
    assert _values(lr.required("interaction", "04", "YK")) == ["01"]
    assert _values(lr.required("interaction", "04", "MK")) == ["01", "02"]
    assert lr.required("interaction", "13") is None


def test_unknown_is_not_the_same_as_nothing_allowed(reg: Registry) -> None:
    lr = reg.lifecycle_relations
    # 13 needs a decision (R-E12) but no source names which: unknown, not "none allowed"
    assert lr.allowed("decisions", "13") is None
    assert lr.allowed("decisions", "01") is None
    assert lr.allowed("interaction", "12") is None
    assert {"status": "13", "kind": "decisions"} in lr.data["arho_ryhti_empty"]


def test_lifecycle_accepts_uris_and_codes(reg: Registry) -> None:
    lr = reg.lifecycle_relations
    status = reg["kaavaelinkaari"]["03"]
    assert lr.allowed("decisions", status) == lr.allowed(
        "decisions", f"{RYTJ}/kaavaelinkaari/code/03"
    )
    assert all(code.list_id == "kaavpaatnimi" for code in lr.allowed("decisions", status))
    with pytest.raises(ValueError, match="unknown relation kind"):
        lr.allowed("appeals", "03")


def test_decision_to_handling_event(reg: Registry) -> None:
    lr = reg.lifecycle_relations
    assert lr.handling_for_decision("11A").value == "11"
    assert lr.handling_for_decision("04").value == "05"
    assert lr.handling_for_decision(f"{RYTJ}/kaavpaatnimi/code/08").value == "07"
    assert lr.handling_for_decision("15") is None  # partial repeal has no handling event type


def test_cross_check_records_every_disagreement(reg: Registry) -> None:
    cross = reg.lifecycle_relations.data["cross_check"]
    excluded = {(c["status"], c["kind"], c["code"]) for c in cross if c["outcome"] == "excluded"}
    added = {(c["status"], c["kind"], c["code"]) for c in cross if c["outcome"] == "added"}
    assert ("05", "decisions", "07") in excluded
    assert ("04", "handling", "08") in excluded
    assert ("06", "decisions", "11B") in added
    assert all(c["decided_by"] for c in cross)


# -- value types -------------------------------------------------------------------------------


def test_value_types_of_regulations(reg: Registry) -> None:
    vt = reg.value_types
    assert vt.allowed_data_types("sallittuKerrosala") == ("PositiveNumeric",)
    assert vt.units("sallittuKerrosala") == ("k-m2",)
    assert vt.allowed_data_types(f"{RYTJ}/RY_Kaavamaarayslaji/code/tehokkuusluku") == (
        "PositiveDecimal",
    )
    assert vt.units("tehokkuusluku") == ("k-m2/m2",)
    # Syke says positive decimal, validated examples use Decimal: both are allowed
    assert set(vt.allowed_data_types("maanpinnanKorkeusasema")) == {"PositiveDecimal", "Decimal"}
    assert vt.units("kattokaltevuus") == ("°",)
    assert vt.units("rakentamisenSuhdeAlueenPintaAlaan") == ("%",)  # Arho's "prosentti"
    assert vt.allowed_data_types("sanallinenMaarays") == ("LocalizedText",)
    assert vt.allowed_data_types("asuinkerrostaloalue") is None  # nothing known


def test_value_types_of_additional_information(reg: Registry) -> None:
    vt = reg.value_types
    assert vt.allowed_data_types("kayttotarkoituskohdistus") == ("Code",)
    assert vt.code_lists("kayttotarkoituskohdistus") == (f"{RYTJ}/RY_Kaavamaarayslaji",)
    assert vt.code_lists("rakennusluvanPeruste") == (f"{RYTJ}/oikeusvaik_YK",)
    assert vt.allowed_data_types("paakayttotarkoitus") == ()  # takes no value
    assert vt.entry("paakayttotarkoitus").value == "none"
    assert vt.entry("poisluettavaKayttotarkoitus").value == "required"
    assert vt.allowed_data_types("valiaikainenMaarays") == ("TimePeriodDateOnly",)
    assert vt.units("kayttotarkoituksenOsuusKerrosalastaPros") == ("%",)


def test_value_type_evidence_is_kept(reg: Registry) -> None:
    entry = reg.value_types.entry("sallittuRakennustilavuus")
    sources = [e["source"] for e in entry.evidence]
    assert sources == ["syke", "arho"]
    assert entry.units == ("k-m3", "m3")


def test_every_value_type_code_exists(reg: Registry) -> None:
    vt = reg.value_types
    assert len(vt.codes("regulations")) == 48
    for code in vt.codes("regulations"):
        assert code in reg["RY_Kaavamaarayslaji"]
    for code in vt.codes("additional_information"):
        assert code in reg["RY_Kaavamaarayksen_Lisatiedonlaji"]
