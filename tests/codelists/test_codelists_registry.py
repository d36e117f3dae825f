"""The registry over the committed snapshot: counts, hierarchy, lookups, statuses."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import ryhti.codelists as codelists
from ryhti.codelists import Code, Registry, lookup, registry
from ryhti.errors import InputError

RYTJ = "http://uri.suomi.fi/codelist/rytj"

#: Code counts per list: the koodistot lists as published (RY_Kaavamaarayslaji incl. the five
#: codes added in 2025-10), the 2024 municipality and region counts, the one PlanMap CRS code.
COUNTS = {
    "RY_Kaavamaarayslaji": 268,
    "RY_Kaavamaarayksen_Lisatiedonlaji": 52,
    "RY_Sanallisen_Kaavamaarayksen_Laji": 39,
    "kaavaelinkaari": 17,
    "RY_Kaavalaji": 16,
    "RY_MaanalaisuudenLaji": 2,
    "kaavpaatnimi": 18,
    "kaavakastap": 19,
    "RY_KaavanVuorovaikutustapahtumanLaji": 8,
    "oikeusvaik_YK": 5,
    "RY_DigitaalinenAlkupera": 5,
    "RY_LahtotietoaineistonLaji": 24,
    "RY_AsiakirjanLaji_YKAK": 24,
    "kaavoitusteema": 26,
    "julkisuus": 4,
    "henkilotietosisalto": 3,
    "sailytysaika": 19,
    "ryhtikielet": 6,
    "PaatoksenTekija": 2,
    "kunta_1_20240101": 309,
    "maakunta_1_20240101": 19,
    "ETRS89": 1,
}

NEWEST_REGULATION_CODES = {
    "arkeologinenKohde",
    "kaupunginTaiKunnanosa",
    "talousrakennus",
    "sauna",
    "paivakoti",
}


def test_every_list_is_there_with_its_count(reg: Registry) -> None:
    assert reg.names() == sorted(COUNTS)
    for list_id, count in COUNTS.items():
        code_list = reg[list_id]
        assert len(code_list) == count, list_id
        assert code_list.id == list_id
        assert reg.index["lists"][list_id]["count"] == count


def test_lists_by_uri_and_alias(reg: Registry) -> None:
    assert reg[f"{RYTJ}/RY_Kaavamaarayslaji"] is reg["RY_Kaavamaarayslaji"]
    assert reg["municipalities"] is reg["kunta_1_20240101"]
    assert reg["regions"].uri == "http://uri.suomi.fi/codelist/jhs/maakunta_1_20240101"
    assert reg["coordinate_systems"].uri == "http://uri.suomi.fi/codelist/rakrek/ETRS89"
    assert reg.get("no_such_list") is None
    assert "RY_Kaavalaji" in reg and "nope" not in reg


def test_unknown_list_raises_key_error_with_suggestion(reg: Registry) -> None:
    with pytest.raises(KeyError, match="did you mean RY_Kaavamaarayslaji"):
        reg["RY_Kaavamaarayslaj"]


def test_codes_are_in_official_order(reg: Registry) -> None:
    regs = reg["RY_Kaavamaarayslaji"]
    assert regs.ordering == "official"
    orders = [code.order for code in regs.codes]
    assert orders == sorted(orders) and orders[0] == 1
    assert regs.codes[0].value == "asumisenAlue"
    assert reg["kaavaelinkaari"].values() == [f"{i:02d}" for i in range(1, 18)]
    # kaavpaatnimi keeps koodistot order: 11A and 11B sit between 10 and 12
    assert reg["kaavpaatnimi"].values()[9:13] == ["10", "11A", "11B", "12"]


def test_lists_without_official_order_are_sorted_by_value(reg: Registry) -> None:
    retention = reg["sailytysaika"]
    assert retention.ordering == "value"
    assert retention.values()[:4] == ["01", "02", "0201", "020101"]


def test_code_fields_and_labels(reg: Registry) -> None:
    code = reg["RY_Kaavamaarayslaji"]["asuinkerrostaloalue"]
    assert code.uri == f"{RYTJ}/RY_Kaavamaarayslaji/code/asuinkerrostaloalue"
    assert code.list_id == "RY_Kaavamaarayslaji"
    assert code.label() == "Asuinkerrostaloalue"
    assert code.label("sv") == "Område för flervåningshus"
    assert code.label("en") == "Area of residential block of flats"
    assert set(code.labels) == {"fi", "sv", "en"}
    assert code.short_name == "AK"
    assert code.level == 2
    assert code.status == "VALID" and code.usable
    assert code.description and "asuinkerrostaloille" in code.description
    assert code.unknown == ()


def test_label_falls_back_to_other_languages(reg: Registry) -> None:
    # RY_DigitaalinenAlkupera labels exist only in Finnish in the snapshot's source
    origin = reg["RY_DigitaalinenAlkupera"]["01"]
    assert origin.label("en") == origin.label("fi") == "Tietomallin mukaan laadittu"
    assert reg["RY_DigitaalinenAlkupera"]["0401"].label() is None


def test_hierarchy(reg: Registry) -> None:
    regs = reg["RY_Kaavamaarayslaji"]
    assert regs.parent("asuinkerrostaloalue").value == "asumisenAlue"
    assert regs.parent("asumisenAlue") is None
    assert [c.value for c in regs.ancestors("erillistenAsuinpientalojenAlue")] == [
        "asuinpientaloalue",
        "asumisenAlue",
    ]
    children = [c.value for c in regs.children("asumisenAlue")]
    assert children[:2] == ["asuinpientaloalue", "asuinkerrostaloalue"]
    descendants = [c.value for c in regs.descendants("asumisenAlue")]
    assert "erillistenAsuinpientalojenAlue" in descendants
    assert descendants.index("asuinpientaloalue") < descendants.index(
        "erillistenAsuinpientalojenAlue"
    )
    assert set(children) <= set(descendants)
    assert all(regs.is_ancestor("asumisenAlue", value) for value in descendants)
    assert not regs.is_ancestor("asuinkerrostaloalue", "asumisenAlue")
    assert not regs.is_ancestor("asumisenAlue", "asumisenAlue")
    # 25 top-level codes in the koodistot copy, plus the five newest (parents unknown)
    assert len(regs.roots()) == 30
    assert max(code.level or 0 for code in regs.codes) == 6


def test_hierarchy_of_other_lists(reg: Registry) -> None:
    plan_types = reg["RY_Kaavalaji"]
    assert [c.value for c in plan_types.children("3")] == ["31", "32", "33", "34", "35", "39"]
    assert plan_types.parent("23").value == "2"
    retention = reg["sailytysaika"]
    assert [c.value for c in retention.ancestors("020301")] == ["0203", "02"]
    assert len(retention.descendants("02")) == 17


def test_contains_and_get(reg: Registry) -> None:
    lifecycle = reg["kaavaelinkaari"]
    assert "03" in lifecycle
    assert f"{RYTJ}/kaavaelinkaari/code/03" in lifecycle
    assert lifecycle["03"] in lifecycle
    assert "99" not in lifecycle and 3 not in lifecycle
    assert lifecycle.get("99") is None
    assert lifecycle.get(f"{RYTJ}/kaavaelinkaari/code/03").value == "03"
    with pytest.raises(KeyError, match="not a code of kaavaelinkaari"):
        lifecycle["99"]


def test_letter_codes(reg: Registry) -> None:
    regs = reg["RY_Kaavamaarayslaji"]
    assert [c.value for c in regs.by_short_name("AK")] == ["asuinkerrostaloalue"]
    assert [c.value for c in regs.by_short_name("VL")] == ["lahivirkistysalue"]
    # "A" is both housing and urban-functions area in koodistot
    assert {c.value for c in regs.by_short_name("A")} == {"asumisenAlue", "taajamatoimintojenAlue"}
    assert sum(1 for c in regs.codes if c.short_name) == 202


#: Header-level codes as koodistot marks them ("otsikkotason koodi, jota ei käytetä …").
HEADERS = {
    "RY_Kaavamaarayslaji": [
        "viheralue",
        "ymparistohairionTorjunnanRakenne",
        "terminaalialue",
        "vesiliikenteenAlue",
        "vesivayla",
        "ymparistoarvojenAlue",
        "luontoarvoiltaanArvokasAlue",
        "kulttuuriymparistoarvojenAlue",
        "alueJotaKoskeeKehittamisperiaate",
        "nimisto",
        "aluetunnukset",
        "rakentamisenMaara",
        "korkeusasema",
        "rakentamisenTapa",
        "liikenteenSuureet",
        "pysakoinninMaara",
    ],
    "RY_Kaavamaarayksen_Lisatiedonlaji": [
        "tyyppi",
        "hairionTorjuntatarve",
        "merkittavyys",
        "eriTahojenTarpeisiinVaraaminen",
        "ymparistomuutoksenLaji",
        "rakentamisenOhjaus",
    ],
    "RY_Sanallisen_Kaavamaarayksen_Laji": ["maarayksenTyyppi"],
    "RY_Kaavalaji": ["1", "2", "3"],
}


def test_header_level_codes_are_marked(reg: Registry) -> None:
    for code_list in reg:
        found = [c.value for c in code_list.headers()]
        assert sorted(found) == sorted(HEADERS.get(code_list.id, [])), code_list.id
    regs = reg["RY_Kaavamaarayslaji"]
    vesivayla = regs["vesivayla"]
    assert vesivayla.header and vesivayla.usable and not vesivayla.assignable
    assert [c.value for c in regs.children(vesivayla)] == ["laivavayla", "venevayla"]
    assert all(c.assignable for c in regs.children(vesivayla))


def test_is_header_and_assignable_lookups(reg: Registry) -> None:
    uri = f"{RYTJ}/RY_Kaavamaarayslaji/code/vesivayla"
    assert reg.is_header(uri) and reg.is_header("vesivayla", "RY_Kaavamaarayslaji")
    assert not reg.assignable(uri)
    assert reg.assignable("laivavayla", "RY_Kaavamaarayslaji")
    assert not reg.is_header("laivavayla", "RY_Kaavamaarayslaji")
    # A bare value needs its list; unknown codes are neither headers nor assignable.
    assert not reg.is_header("vesivayla") and not reg.assignable("vesivayla")
    assert not reg.is_header("noSuchCode", "RY_Kaavamaarayslaji")
    assert not reg.assignable("noSuchCode", "RY_Kaavamaarayslaji")
    # Superseded codes are not headers but still not assignable.
    superseded = [c for c in reg["RY_Kaavalaji"].codes if c.status == "SUPERSEDED"]
    assert superseded and not superseded[0].header and not reg.assignable(superseded[0])
    assert codelists.is_header(uri) and codelists.assignable(f"{RYTJ}/RY_Kaavalaji/code/31")


def test_lookup_by_uri_from_any_list(reg: Registry) -> None:
    code = reg.lookup(f"{RYTJ}/RY_Kaavamaarayslaji/code/asuinkerrostaloalue")
    assert code is not None and code.short_name == "AK"
    assert (
        reg.lookup("http://uri.suomi.fi/codelist/jhs/kunta_1_20240101/code/091").label()
        == "Helsinki"
    )
    assert (
        reg.lookup("http://uri.suomi.fi/codelist/rakrek/ETRS89/code/EPSG3067").value == "EPSG3067"
    )
    assert reg.lookup(f"{RYTJ}/RY_Kaavamaarayslaji/code/noSuchCode") is None
    assert reg.lookup(f"{RYTJ}/NoSuchList/code/01") is None


def test_lookup_of_bare_values_needs_the_list(reg: Registry) -> None:
    assert reg.lookup("03") is None
    assert reg.lookup("03", "kaavaelinkaari").label() == "Valmistelu"
    assert reg.lookup("03", "lifecycle_statuses").label() == "Valmistelu"
    assert reg.lookup("03", "no_such_list") is None
    assert reg.lookup("") is None and reg.lookup(None) is None


def test_module_level_shortcuts() -> None:
    assert registry() is registry()
    code = lookup(f"{RYTJ}/kaavaelinkaari/code/13")
    assert code is not None and code.label("en") == "Valid"
    assert codelists.lookup("13", "kaavaelinkaari") == code


def test_code_uri_uses_each_lists_registry(reg: Registry) -> None:
    assert reg.code_uri("RY_Kaavamaarayslaji", "sauna") == f"{RYTJ}/RY_Kaavamaarayslaji/code/sauna"
    assert (
        reg.code_uri("kunta_1_20240101", "837")
        == "http://uri.suomi.fi/codelist/jhs/kunta_1_20240101/code/837"
    )
    assert (
        reg.code_uri("ETRS89", "EPSG3067")
        == "http://uri.suomi.fi/codelist/rakrek/ETRS89/code/EPSG3067"
    )
    assert reg.code_uri(f"{RYTJ}/kaavaelinkaari", "06").endswith("/kaavaelinkaari/code/06")
    with pytest.raises(KeyError):
        reg.code_uri("RY_Nope", "01")


def test_every_code_uri_is_list_uri_plus_value(reg: Registry) -> None:
    for code_list in reg:
        for code in code_list.codes:
            assert code.uri == reg.code_uri(code_list.id, code.value)
            assert reg.lookup(code.uri) == code


def test_unusable_statuses(reg: Registry) -> None:
    superseded = reg["RY_Kaavalaji"]["39"]
    assert superseded.status == "SUPERSEDED"
    assert not superseded.usable
    assert [c.value for c in reg["RY_Kaavalaji"].codes if not c.usable] == ["39"]
    for status in ("DRAFT", "RETIRED", "SUPERSEDED", "INVALID", "INCOMPLETE", "SUGGESTED"):
        assert not Code("x", "u", "l", status=status).usable
    assert Code("x", "u", "l", status="VALID").usable


def test_newest_regulation_codes_are_kept_but_marked_unknown(reg: Registry) -> None:
    regs = reg["RY_Kaavamaarayslaji"]
    unknown = {c.value for c in regs.codes if c.unknown}
    assert unknown == NEWEST_REGULATION_CODES
    sauna = regs["sauna"]
    assert sauna.labels == {} and sauna.label() is None  # never invented
    assert sauna.status is None and sauna.usable  # in the API enum, so not refused
    assert set(sauna.unknown) >= {"labels", "status", "parent", "level"}
    assert sauna.order == 264
    assert sorted(reg.index["lists"]["RY_Kaavamaarayslaji"]["unknown_codes"]) == sorted(
        NEWEST_REGULATION_CODES
    )


def test_codes_are_frozen_and_hashable(reg: Registry) -> None:
    code = reg["kaavaelinkaari"]["06"]
    with pytest.raises(AttributeError):
        code.value = "07"  # type: ignore[misc]
    assert {code, reg["kaavaelinkaari"]["06"]} == {code}
    assert code != reg["kaavakastap"]["06"]


def test_snapshot_info(reg: Registry) -> None:
    info = reg.snapshot_info
    assert info["date"] == reg.index["snapshot_date"]
    assert len(info["date"]) == 10
    assert set(info["sources"]) == set(COUNTS)
    assert info["sources"]["ETRS89"]["kind"] == "project"
    assert info["sources"]["RY_Kaavamaarayslaji"]["upstream"]["repo"] == "GispoCoding/arho-ryhti"
    assert set(info["tables"]) == {"notation", "lifecycle_relations", "value_types"}
    assert reg.index["problems"] == []


def test_lists_load_lazily(snapshot_dir: Path) -> None:
    fresh = Registry(snapshot_dir)
    assert fresh._lists == {}
    fresh["kaavaelinkaari"]
    assert list(fresh._lists) == ["kaavaelinkaari"]


def test_environment_variable_selects_another_snapshot(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "index.json").write_text(
        json.dumps(
            {
                "format": "ryhti-codelists-index/1",
                "snapshot_date": "2000-01-01",
                "lists": {"x": {"uri": "http://example/x", "file": "x.json"}},
            }
        ),
        encoding="utf-8",
    )
    (tmp_path / "x.json").write_text(
        json.dumps(
            {
                "format": "ryhti-codelist/1",
                "uri": "http://example/x",
                "codes": [{"value": "1", "uri": "http://example/x/code/1"}],
            }
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv(codelists.SNAPSHOT_ENV, str(tmp_path))
    other = Registry()
    assert other.names() == ["x"] and len(other["x"]) == 1
    assert other.lookup("http://example/x/code/1").value == "1"


def test_broken_snapshot_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="missing"):
        Registry(tmp_path).names()
    (tmp_path / "index.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not valid JSON"):
        Registry(tmp_path).names()
    (tmp_path / "index.json").write_text(
        json.dumps(
            {"format": "ryhti-codelists-index/1", "lists": {"x": {"uri": "u", "file": "x.json"}}}
        ),
        encoding="utf-8",
    )
    (tmp_path / "x.json").write_text(
        json.dumps({"format": "ryhti-codelist/1", "codes": [{}]}), encoding="utf-8"
    )
    with pytest.raises(InputError, match="malformed code list"):
        Registry(tmp_path)["x"]


def _copy_snapshot(snapshot_dir: Path, dest: Path) -> Path:
    shutil.copytree(snapshot_dir, dest)
    return dest


def _retag(path: Path, tag: str | None) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    if tag is None:
        doc.pop("format")
    else:
        doc["format"] = tag
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")


@pytest.mark.parametrize(
    ("tag", "message"),
    [
        (
            "ryhti-codelists-index/2",
            r"unsupported ryhti-codelists-index format .*reads 'ryhti-codelists-index/1'",
        ),
        ("ryhti-codelist/1", r"unknown format tag 'ryhti-codelist/1'"),
        (None, r"no 'format' tag"),
    ],
)
def test_reader_refuses_an_index_of_another_format(
    snapshot_dir: Path, tmp_path: Path, tag: str | None, message: str
) -> None:
    root = _copy_snapshot(snapshot_dir, tmp_path / "snap")
    _retag(root / "index.json", tag)
    with pytest.raises(InputError, match=message) as caught:
        Registry(root).names()
    assert "index.json" in str(caught.value)


def test_reader_refuses_a_list_of_another_format(snapshot_dir: Path, tmp_path: Path) -> None:
    root = _copy_snapshot(snapshot_dir, tmp_path / "snap")
    _retag(root / "kaavaelinkaari.json", "ryhti-codelist/2")
    fresh = Registry(root)
    assert len(fresh["RY_Kaavalaji"]) == 16  # other lists still load
    with pytest.raises(
        InputError, match=r"unsupported ryhti-codelist format 'ryhti-codelist/2'"
    ) as caught:
        fresh["kaavaelinkaari"]
    assert "kaavaelinkaari.json" in str(caught.value)


@pytest.mark.parametrize(
    ("table", "file", "tag"),
    [
        ("notation", "tables/notation.json", "ryhti-notation/2"),
        ("lifecycle_relations", "tables/lifecycle_relations.json", "ryhti-value-types/1"),
        ("value_types", "tables/value_types.json", None),
    ],
)
def test_reader_refuses_a_table_of_another_format(
    snapshot_dir: Path, tmp_path: Path, table: str, file: str, tag: str | None
) -> None:
    root = _copy_snapshot(snapshot_dir, tmp_path / "snap")
    _retag(root / file, tag)
    with pytest.raises(InputError) as caught:
        getattr(Registry(root), table)
    assert file.rpartition("/")[2] in str(caught.value)
