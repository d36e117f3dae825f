"""The figures module: areas, building rights, efficiencies, blocks, and bad input."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from ryhti.generators.figures import compute_figures
from ryhti.model import from_json
from tests.generators.builders import REG, X0, Y0, group, key, plan_object, rect, regulation


def figures_of(data: dict[str, Any]):
    return compute_figures(from_json(data, "plan"))


def rules(figures) -> set[str]:
    return {w.rule for w in figures.warnings}


def test_built_plan_areas_and_rights(plan) -> None:
    f = compute_figures(plan)
    assert f.plan_area_m2 == pytest.approx(30_000)
    assert f.srid == "3879"
    by_key = {c.key: c for c in f.classes}
    assert set(by_key) == {"asuinkerrostaloalue", "asuinpientaloalue", "lahivirkistysalue", "katu"}
    ak = by_key["asuinkerrostaloalue"]
    assert ak.area_m2 == pytest.approx(6460 + 5600)
    assert ak.floor_area == pytest.approx(4800 + 2000 + 1600)
    assert ak.methods == {"kerrosala": 1, "alakohteet": 1}
    assert ak.letter_identifiers == ["AK-1", "AK-2"]
    assert ak.colour == "#D9A066"
    ap = by_key["asuinpientaloalue"]
    assert ap.floor_area == pytest.approx(0.35 * 6460)
    assert ap.efficiency == pytest.approx(0.35)
    assert by_key["lahivirkistysalue"].area_m2 == pytest.approx(680 + 8400)
    assert by_key["lahivirkistysalue"].floor_area is None
    assert f.total_floor_area == pytest.approx(4800 + 3600 + 2261)
    assert f.uncovered_area_m2 == pytest.approx(0)
    assert sum(c.share_pct for c in f.classes) == pytest.approx(100)
    syke = {r.letter: r for r in f.syke_rows}
    assert syke["A"].area_m2 == pytest.approx(18_520)
    assert syke["V"].area_m2 == pytest.approx(9080)
    assert syke["L"].area_m2 == pytest.approx(2400)
    assert [b.number for b in f.blocks] == ["101", "102", "103"]
    assert f.blocks[2].floor_area == pytest.approx(3600)  # numbered through the kortteli object
    assert f.warnings == []


def test_block_numbers_sort_naturally(plan_json) -> None:
    data = copy.deepcopy(plan_json)
    for g in data["planRegulationGroups"]:
        for r in g["planRegulations"]:
            if r["type"].endswith("korttelinNumero") and r["value"]["number"] == 101:
                r["value"]["number"] = 9
    assert [b.number for b in figures_of(data).blocks] == ["9", "102", "103"]


def test_every_object_has_its_block_and_owner(plan_json) -> None:
    data = copy.deepcopy(plan_json)
    # A line on the edge of block 101 lies in no block, but names the block it belongs to.
    data["planObjects"].append(
        plan_object(
            "edge",
            {"type": "LineString", "coordinates": [[X0, Y0 + 82], [X0 + 95, Y0 + 82]]},
            relatedPlanObjectKeys=[key("object", "block 101")],
        )
    )
    plan = from_json(data, "plan")
    f = compute_figures(plan)
    index = {o.plan_object_key: i for i, o in enumerate(plan.objects())}

    def of(name: str) -> tuple[str | None, int]:
        i = index[key("object", name)]
        return f.object_blocks[i], f.object_owners[i]

    block_103 = index[key("object", "block 103")]
    assert of("block 101") == ("101", index[key("object", "block 101")])  # its own number
    assert of("rak-ala 1") == ("103", block_103)  # related and inside
    assert of("rak-ala 2") == ("103", block_103)  # inside only
    assert of("edge") == ("101", index[key("object", "block 101")])  # related only
    assert of("trees")[0] is None  # in the southern park, which has no number
    assert of("trees")[1] == index[key("object", "park south")]
    assert f.object_letters[block_103] == ("AK-2",)


def test_own_floor_area_wins_over_building_areas(plan_json) -> None:
    data = copy.deepcopy(plan_json)
    data["planRegulationGroupRelations"].append(
        {
            "planObjectKey": key("object", "block 103"),
            "planRegulationGroupKey": key("group", "AK-1"),
        }
    )
    f = figures_of(data)
    block = next(b for b in f.blocks if b.number == "103")
    assert block.floor_area == pytest.approx(4800)
    assert "describe.sub-floor-exceeds" not in rules(f)  # 3 600 < 4 800


def test_targeted_floor_areas_add_up(plan_json) -> None:
    data = copy.deepcopy(plan_json)
    data["planRegulationGroups"].append(
        group(
            "targeted",
            {"fin": "Kohdistettu"},
            [
                regulation(
                    "t1",
                    "sallittuKerrosala",
                    {"dataType": "PositiveNumeric", "number": 500, "unitOfMeasure": "k-m2"},
                    infos=[
                        (
                            "kayttotarkoituskohdistus",
                            {"dataType": "Code", "code": REG + "asumisenAlue"},
                        )
                    ],
                ),
                regulation(
                    "t2",
                    "sallittuKerrosala",
                    {"dataType": "PositiveNumeric", "number": 250, "unitOfMeasure": "k-m2"},
                    infos=[
                        (
                            "kayttotarkoituskohdistus",
                            {"dataType": "Code", "code": REG + "liikerakennustenAlue"},
                        )
                    ],
                ),
            ],
        )
    )
    data["planRegulationGroupRelations"].append(
        {
            "planObjectKey": key("object", "block 102"),
            "planRegulationGroupKey": key("group", "targeted"),
        }
    )
    f = figures_of(data)
    block = next(b for b in f.blocks if b.number == "102")
    assert block.floor_area == pytest.approx(750)
    assert block.methods == {"kohdistettu": 1}


def test_no_objects_gives_warning_not_crash(plan_json) -> None:
    data = copy.deepcopy(plan_json)
    data["planObjects"] = []
    f = figures_of(data)
    assert f.classes == [] and f.total_floor_area is None and f.blocks == []
    assert f.plan_area_m2 == pytest.approx(30_000)
    assert "describe.no-objects" in rules(f)


def test_missing_boundary(plan_json) -> None:
    data = copy.deepcopy(plan_json)
    del data["geographicalArea"]
    f = figures_of(data)
    assert f.plan_area_m2 is None and f.uncovered_area_m2 is None
    assert all(c.share_pct is None for c in f.classes)
    assert "describe.no-plan-area" in rules(f)
    assert f.total_floor_area == pytest.approx(10_661)


def test_broken_geometry_and_bad_values(plan_json) -> None:
    data = copy.deepcopy(plan_json)
    data["planObjects"][0]["geometry"]["geometry"]["coordinates"] = [[[1, 2]]]
    for g in data["planRegulationGroups"]:
        for r in g["planRegulations"]:
            if r["type"].endswith("tehokkuusluku"):
                r["value"] = {"dataType": "PositiveDecimal"}
    f = figures_of(data)
    assert "describe.bad-geometry" in rules(f)
    assert "describe.efficiency-without-number" in rules(f)
    assert "describe.area-not-covered" in rules(f)
    keys = {c.key for c in f.classes}
    assert "asuinpientaloalue" in keys
    assert f.class_by_key("asuinpientaloalue").floor_area is None


def test_wrong_floor_area_unit_is_left_out(plan_json) -> None:
    data = copy.deepcopy(plan_json)
    for g in data["planRegulationGroups"]:
        for r in g["planRegulations"]:
            if r["planRegulationKey"] == key("reg", "AK-1 floor"):
                r["value"]["unitOfMeasure"] = "m2"
    f = figures_of(data)
    assert "describe.floor-area-unit" in rules(f)
    assert next(b for b in f.blocks if b.number == "101").floor_area is None


def test_overlap_and_outside_are_reported(plan_json) -> None:
    data = copy.deepcopy(plan_json)
    data["planObjects"].append(plan_object("extra park", rect(-20, 0, 50, 50)))
    data["planRegulationGroupRelations"].append(
        {"planObjectKey": key("object", "extra park"), "planRegulationGroupKey": key("group", "VL")}
    )
    f = figures_of(data)
    assert "describe.outside-plan-area" in rules(f)
    assert "describe.land-use-overlap" in rules(f)
    vl = f.class_by_key("lahivirkistysalue")
    assert vl.area_m2 == pytest.approx(9080 + 50 * 50)  # clipped to the plan boundary


def test_underground_objects_are_counted_apart(plan_json) -> None:
    data = copy.deepcopy(plan_json)
    data["planObjects"][0]["undergroundStatus"] = (
        data["planObjects"][0]["undergroundStatus"][:-2] + "01"
    )
    f = figures_of(data)
    assert f.underground_area_m2 == pytest.approx(6460)
    assert f.class_by_key("asuinkerrostaloalue").area_m2 == pytest.approx(5600)


def test_objects_in_another_srid_are_reprojected(plan_json) -> None:
    from pyproj import Transformer

    data = copy.deepcopy(plan_json)
    to3067 = Transformer.from_crs("EPSG:3879", "EPSG:3067", always_xy=True)
    obj = data["planObjects"][3]  # the street
    ring = obj["geometry"]["geometry"]["coordinates"][0]
    obj["geometry"] = {
        "srid": "3067",
        "geometry": {
            "type": "Polygon",
            "coordinates": [[list(to3067.transform(x, y)) for x, y in ring]],
        },
    }
    f = figures_of(data)
    assert "describe.srid-mismatch" in rules(f)
    assert f.class_by_key("katu").area_m2 == pytest.approx(2400, rel=1e-3)


def test_plan_without_main_use_marks_falls_back_to_area_reservations(plan_json) -> None:
    data = copy.deepcopy(plan_json)
    for g in data["planRegulationGroups"]:
        for r in g["planRegulations"]:
            infos = r.get("additionalInformations") or []
            r["additionalInformations"] = [
                i for i in infos if not i["type"].endswith("paakayttotarkoitus")
            ]
    f = figures_of(data)
    assert {c.key for c in f.classes} == {
        "asuinkerrostaloalue",
        "asuinpientaloalue",
        "lahivirkistysalue",
        "katu",
    }


def test_general_plan_point_and_line_reservations() -> None:
    data = {
        "planKey": key("yk"),
        "lifeCycleStatus": "http://uri.suomi.fi/codelist/rytj/kaavaelinkaari/code/04",
        "geographicalArea": {"srid": "3067", "geometry": rect(0, 0, 1000, 1000)},
        "planObjects": [
            {
                **plan_object("m", rect(0, 0, 1000, 1000)),
                "geometry": {"srid": "3067", "geometry": rect(0, 0, 1000, 1000)},
            },
            {
                **plan_object("p", {"type": "Point", "coordinates": [X0 + 5, Y0 + 5]}),
                "geometry": {
                    "srid": "3067",
                    "geometry": {"type": "Point", "coordinates": [X0 + 5, Y0 + 5]},
                },
            },
        ],
        "planRegulationGroups": [
            group(
                "M",
                {"fin": "Maa- ja metsätalousalue"},
                [regulation("M main", "maaJaMetsatalousAlue", infos=["paakayttotarkoitus"])],
                letter="M",
            ),
            group(
                "RA",
                {"fin": "Loma-asunto"},
                [regulation("RA main", "vapaaAjanAsumisenAlue", infos=["paakayttotarkoitus"])],
                letter="RA",
            ),
        ],
        "planRegulationGroupRelations": [
            {"planObjectKey": key("object", "m"), "planRegulationGroupKey": key("group", "M")},
            {"planObjectKey": key("object", "p"), "planRegulationGroupKey": key("group", "RA")},
        ],
    }
    f = figures_of(data)
    ra = f.class_by_key("vapaaAjanAsumisenAlue")
    assert ra.point_count == 1 and ra.area_m2 == 0 and ra.syke_class == "R"
    assert f.class_by_key("maaJaMetsatalousAlue").share_pct == pytest.approx(100)
