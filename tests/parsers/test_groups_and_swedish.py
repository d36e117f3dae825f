"""Regulation groups shared by content; Swedish texts carried to the regulations they translate."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import shapely

from ryhti.parsers import convert
from ryhti.parsers.interpret import RegSpec, verbal, with_swedish
from ryhti.parsers.template import write_template

from .conftest import write_layer

_FIN = "Rakennusten julkisivujen on oltava pääosin punatiiltä."
_SWE = "Byggnadernas fasader ska huvudsakligen vara av rött tegel."


def _template(folder: Path, rows: list[dict[str, Any]]) -> Path:
    """A `ryhti init` template with one block per row in its area layer and the boundary."""
    gpkg = write_template(folder, srid="3879")[0]
    boxes = [
        shapely.box(25490000 + 100 * n, 6675000, 25490100 + 100 * n, 6675100)
        for n in range(len(rows))
    ]
    write_layer(gpkg, "kaava_alue", [{"tunnus": "1"}], [shapely.union_all(boxes)], append=True)
    write_layer(gpkg, "aluevaraukset", rows, boxes, append=True)
    return gpkg


def _convert(tmp_path: Path, rows: list[dict[str, Any]], *, extractor: bool = False):
    """A `ryhti init` template with one block per row, converted."""
    return convert(_template(tmp_path, rows), use_extractor=extractor)


def _groups_of(plan: dict[str, Any]) -> dict[str, list[str]]:
    """planObjectKey → its group keys, in relation order."""
    out: dict[str, list[str]] = {}
    for rel in plan["planRegulationGroupRelations"]:
        out.setdefault(rel["planObjectKey"], []).append(rel["planRegulationGroupKey"])
    return out


def _types(group: dict[str, Any]) -> list[str]:
    return [r["type"].rsplit("/", 1)[-1] for r in group["planRegulations"]]


# -- main groups shared ------------------------------------------------------------------------


def test_blocks_differing_in_quantities_share_their_main_group(tmp_path: Path) -> None:
    rows = [
        {"tunnus": str(n), "kaavamerkinta": "AK", "korttelinumero": n, "tehokkuusluku": 0.8}
        for n in (1, 2, 3)
    ]
    plan = _convert(tmp_path, rows).plan.to_json()
    groups = {g["planRegulationGroupKey"]: g for g in plan["planRegulationGroups"]}
    related = list(_groups_of(plan).values())
    main_keys = {keys[0] for keys in related}
    assert len(main_keys) == 1  # one AK group for the three blocks
    (main,) = (groups[k] for k in main_keys)
    assert main["letterIdentifier"] == "AK" and _types(main) == ["asuinkerrostaloalue"]
    # each block number its own quantity group, the shared efficiency one group
    numbers = {groups[keys[1]]["planRegulations"][0]["value"]["number"] for keys in related}
    assert numbers == {1, 2, 3}
    assert len({keys[2] for keys in related}) == 1
    assert len(groups) == 1 + 3 + 1


def test_values_that_are_not_quantities_keep_main_groups_apart(tmp_path: Path) -> None:
    rows = [
        {"tunnus": "1", "kaavamerkinta": "AK", "kadunnimi": "Kuusikkotie"},
        {"tunnus": "2", "kaavamerkinta": "AK", "kadunnimi": "Koivukuja"},
        {"tunnus": "3", "kaavamerkinta": "AK", "kadunnimi": "Koivukuja", "korttelinumero": 7},
    ]
    plan = _convert(tmp_path, rows).plan.to_json()
    mains = [keys[0] for keys in _groups_of(plan).values()]
    # a street name is part of what the main group says: two streets, two groups
    assert mains[0] != mains[1] and mains[1] == mains[2]


def test_main_group_keys_are_stable_across_runs(tmp_path: Path) -> None:
    rows = [{"tunnus": str(n), "kaavamerkinta": "AK", "korttelinumero": n} for n in (1, 2)]
    first = _convert(tmp_path / "a", rows).plan.to_json()
    second = _convert(tmp_path / "b", rows).plan.to_json()
    assert first["planRegulationGroups"] == second["planRegulationGroups"]


# -- Swedish texts -----------------------------------------------------------------------------


def test_swedish_text_joins_the_verbal_regulation_it_translates(tmp_path: Path) -> None:
    rows = [{"tunnus": "1", "kaavamerkinta": "AK", "maaraysteksti": _FIN, "maaraysteksti_sv": _SWE}]
    result = _convert(tmp_path, rows)
    plan = result.plan.to_json()
    (main,) = plan["planRegulationGroups"]
    verbal_regs = [
        r
        for r in main["planRegulations"]
        if _types({"planRegulations": [r]})[0] == "sanallinenMaarays"
    ]
    assert [r["value"]["text"] for r in verbal_regs] == [{"fin": _FIN, "swe": _SWE}]
    assert main["titleOfPlanRegulation"] == {"fin": _FIN.rstrip("."), "swe": _SWE.rstrip(".")}
    assert not [f for f in result.findings if f.rule == "CV019"]


def test_swedish_text_without_finnish_is_kept_and_reported(tmp_path: Path) -> None:
    rows = [{"tunnus": "1", "kaavamerkinta": "AK", "maaraysteksti_sv": _SWE}]
    result = _convert(tmp_path, rows)
    (main,) = result.plan.to_json()["planRegulationGroups"]
    texts = [r["value"]["text"] for r in main["planRegulations"] if "value" in r]
    assert {"swe": _SWE} in texts
    assert [f.rule for f in result.findings if f.rule == "CV019"] == ["CV019"]


def test_swedish_text_of_typed_regulations_is_a_decision(tmp_path: Path) -> None:
    fin = "Asuinkerrostalojen korttelialue."
    swe = "Kvartersområde för flervåningshus."
    rows = [{"tunnus": "1", "kaavamerkinta": "AK", "maaraysteksti": fin, "maaraysteksti_sv": swe}]
    result = _convert(tmp_path, rows, extractor=True)
    (main,) = result.plan.to_json()["planRegulationGroups"]
    assert "sanallinenMaarays" not in _types(main)
    assert main["titleOfPlanRegulation"]["swe"] == "Kvartersområde för flervåningshus"
    decisions = [d for d in result.report["decisions"] if d["item"].startswith("Swedish text")]
    assert len(decisions) == 1 and "Swedish title" in decisions[0]["decision"]


# -- pairing sentence by sentence ------------------------------------------------------------


def _leftover(text: str, span: tuple[int, int], rest: str) -> list[RegSpec]:
    typed = RegSpec(type="asuinkerrostaloalue", span=span, origin="extractor")
    left = verbal(rest, "text the extractor left uninterpreted")
    left.origin = "leftover"
    return [typed, left]


def test_left_sentences_take_the_swedish_sentences_at_the_same_places() -> None:
    fin = "Asuinkerrostalojen korttelialue. " + _FIN
    swe = "Kvartersområde för flervåningshus. " + _SWE
    specs = _leftover(fin, (0, 32), _FIN)
    paired, complete = with_swedish(specs, fin, swe)
    assert complete
    assert paired[0] is specs[0]
    assert paired[1].value == {"dataType": "LocalizedText", "text": {"fin": _FIN, "swe": _SWE}}
    assert specs[1].value == {"dataType": "LocalizedText", "text": {"fin": _FIN}}  # not changed


def test_unequal_sentences_are_not_guessed() -> None:
    fin = "Asuinkerrostalojen korttelialue. " + _FIN
    swe = "Kvartersområde för flervåningshus; " + _SWE + " Extra mening."
    specs = _leftover(fin, (0, 32), _FIN)
    paired, complete = with_swedish(specs, fin, swe)
    assert not complete
    assert paired == specs


def test_kuntagml_secondary_text_titles_the_group_in_swedish() -> None:
    from .test_convert_xml import DATA

    result = convert(DATA / "asemakaava-2.3.0.gml")
    titles = [g["titleOfPlanRegulation"] for g in result.plan.to_json()["planRegulationGroups"]]
    # maaraysteksti_sekundaari, the planner's own wording, not the notation table's
    assert {"fin": "Asuinpientalojen korttelialue", "swe": "Kvartersområde för småhus"} in titles


def test_what_reading_the_legend_decided_is_in_the_report(tmp_path: Path) -> None:
    gpkg = _template(tmp_path, [{"tunnus": "1", "kaavamerkinta": "AK"}])
    legend = tmp_path / "merkinnat.txt"
    legend.write_bytes(
        "AK Asuinkerrostalojen korttelialue.\n\nYLEISET MÄÄRÄYKSET\n\n"
        "Hulevedet on viivytettävä tontilla.\n\nDagvatten ska fördröjas på tomten.\n".encode(
            "cp1252"
        )
    )
    result = convert(gpkg, regulations=legend, use_extractor=False)
    notes = [
        d["decision"] for d in result.report["decisions"] if d["item"] == "regulation document"
    ]
    assert len(notes) == 2
    assert "cp1252" in notes[0] and "Swedish general regulation" in notes[1]
    texts = {t["text"]: t.get("swe") for t in result.report["texts"]}
    assert texts["Hulevedet on viivytettävä tontilla."] == "Dagvatten ska fördröjas på tomten."


def test_texts_layer_carries_its_swedish_column(tmp_path: Path) -> None:
    gpkg = _template(tmp_path, [{"tunnus": "1", "kaavamerkinta": "AK"}])
    write_layer(
        gpkg,
        "maaraykset",
        [{"merkinta": "AK", "teksti": _FIN, "teksti_sv": _SWE, "yleismaarays": 0}],
        [None],
        append=True,
    )
    (main,) = convert(gpkg, use_extractor=False).plan.to_json()["planRegulationGroups"]
    texts = [r["value"]["text"] for r in main["planRegulations"] if "value" in r]
    assert {"fin": _FIN, "swe": _SWE} in texts


def test_street_names_carry_their_swedish_value(tmp_path: Path) -> None:
    rows = [
        {"tunnus": "1", "kadunnimi": "Kuusikkotie", "kadunnimi_sv": "Granbackavägen"},
        {"tunnus": "2", "kadunnimi": "Kuusikkotie"},
    ]
    plan = _convert(tmp_path, rows).plan.to_json()
    groups = {g["planRegulationGroupKey"]: g for g in plan["planRegulationGroups"]}
    names = [
        [r["value"]["text"] for k in keys for r in groups[k]["planRegulations"] if "value" in r]
        for keys in _groups_of(plan).values()
    ]
    assert names == [[{"fin": "Kuusikkotie", "swe": "Granbackavägen"}], [{"fin": "Kuusikkotie"}]]


def test_swedish_of_a_number_is_reported_not_guessed(tmp_path: Path) -> None:
    from ryhti.parsers.mapping import load_mapping
    from ryhti.parsers.presets import TEMPLATE

    line = 'kadunTaiTienNimi = "kadunnimi_sv"\n'
    assert TEMPLATE.count(line) == 1
    mapping_file = tmp_path / "mapping.toml"
    mapping_file.write_text(
        TEMPLATE.replace(line, line + 'korttelinNumero = "huomautus"\n'), encoding="utf-8"
    )
    row = {"tunnus": "1", "kaavamerkinta": "AK", "korttelinumero": 7, "huomautus": "sju"}
    gpkg = _template(tmp_path / "t", [row])
    result = convert(gpkg, mapping=load_mapping(mapping_file), use_extractor=False)
    messages = [f.message for f in result.findings if f.rule == "CV019"]
    assert messages == [
        "Swedish value 'sju' of korttelinNumero: the regulation holds no text to translate; "
        "left out"
    ]


def test_swedish_value_without_the_finnish_one_is_a_mapping_error(tmp_path: Path) -> None:
    import pytest

    from ryhti.errors import InputError
    from ryhti.parsers.mapping import load_mapping

    path = tmp_path / "mapping.toml"
    path.write_text(
        '[[layers]]\nlayer = "alueet"\nrole = "area"\n'
        '[layers.values_swe]\nkadunTaiTienNimi = "gatunamn"\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="without its Finnish value"):
        load_mapping(path)


def test_folding_a_repeat_leaves_the_shared_spec_unchanged() -> None:
    # The interpreter hands the same RegSpec objects to every feature with the same text;
    # folding a value-less repeat into one of them must not change it for the others.
    from ryhti.parsers.interpret import merge as _merge

    info_a = {"type": "paakayttotarkoitus"}
    info_b = {"type": "osaAlue"}
    shared = RegSpec(type="asuinkerrostaloalue", additional=[info_a])
    repeat = RegSpec(type="asuinkerrostaloalue", additional=[info_b])
    merged = _merge([shared, repeat])
    assert [r.additional for r in merged] == [[info_a, info_b]]
    assert shared.additional == [info_a]
    assert _merge([shared]) == [shared]


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_feature_with_neither_sign_nor_value_beside_one_with_only_a_value(
    tmp_path: Path, order: tuple[int, int]
) -> None:
    """Features that differ only in their quantities share the main part; one with only a
    value has an empty main part, one with nothing gets a stand-in: neither may take the
    other's (found by hypothesis: the second feature had no group at all), in either order."""
    import json

    from ryhti.parsers import convert

    x0, y0 = 25_490_000.0, 6_675_000.0
    props = [{"tunnus": "T0", "e": 1.0}, {"tunnus": "T1", "e": None}]
    features = [
        {
            "type": "Feature",
            "properties": props[i],
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [[x0 + 10 * n, y0], [x0 + 10 * n + 10, y0], [x0 + 10 * n + 10, y0 + 10],
                     [x0 + 10 * n, y0 + 10], [x0 + 10 * n, y0]]
                ],
            },
        }
        for n, i in enumerate(order)
    ]  # fmt: skip
    source = tmp_path / "alueet.geojson"
    source.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3879"}},
                "features": features,
            }
        ),
        encoding="utf-8",
    )
    mapping = tmp_path / "m.toml"
    mapping.write_text(
        'version = 1\n[plan]\nplan_type = "31"\n[[layers]]\nlayer = "alueet"\nrole = "area"\n'
        'id = "tunnus"\n[layers.values]\ntehokkuusluku = "e"\n',
        encoding="utf-8",
    )
    result = convert(source, mapping=str(mapping))
    fates = {f["sourceId"]: f for f in result.report["features"]}
    groups = {g["key"]: g for g in result.report["groups"]}
    for tunnus in ("T0", "T1"):
        keys = fates[tunnus].get("planRegulationGroupKeys") or []
        assert keys, f"{tunnus} has no regulation group"
    only_value = {
        r["type"] for k in fates["T0"]["planRegulationGroupKeys"] for r in groups[k]["regulations"]
    }
    assert "tehokkuusluku" in only_value
