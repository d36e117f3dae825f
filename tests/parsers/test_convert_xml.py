"""KuntaGML (2.1.x, 2.3.0, yleiskaava) and national-model GML (Kempele) → plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely

from ryhti.cli import main
from ryhti.parsers import convert
from ryhti.parsers.geometry import arc_points
from ryhti.parsers.xmlsources import read_xml_source
from tests.conftest import reference_path

from .test_convert_gis import schema_errors

DATA = Path(__file__).parent / "data" / "kuntagml"


def _types(group: dict) -> list[str]:
    return [r["type"].rsplit("/", 1)[-1] for r in group["planRegulations"]]


def _object_types(plan: dict, group: dict) -> list[str]:
    """Regulation types of every group related to the objects of ``group``."""
    key = group["planRegulationGroupKey"]
    rels = plan["planRegulationGroupRelations"]
    objects = {r["planObjectKey"] for r in rels if r["planRegulationGroupKey"] == key}
    by_key = {g["planRegulationGroupKey"]: g for g in plan["planRegulationGroups"]}
    out: list[str] = []
    for r in rels:
        if r["planObjectKey"] in objects:
            for t in _types(by_key[r["planRegulationGroupKey"]]):
                if t not in out:
                    out.append(t)
    return out


# -- Kempele (national plan model GML, 2019 pilot) -------------------------------------------


@pytest.fixture(scope="module")
def kempele():
    path = reference_path("gml", "kuntapilotti-2019", "Kuntapilotti_Kempele_hyvaksytty.gml")
    return path, convert(path, source_crs="EPSG:3067")


def test_kempele_all_objects_present(kempele) -> None:
    path, result = kempele
    text = path.read_text(encoding="utf-8")
    zoning = text.count("<ZoningElement gml:id=")
    planning = text.count("<PlanningElement gml:id=")
    assert (zoning, planning) == (16, 16)
    fates = {(f["layer"], f["fid"]): f["fate"] for f in result.report["features"]}
    assert sum(1 for (layer, _), fate in fates.items() if layer.startswith("ZoningElement")) == 16
    assert sum(1 for (layer, _), fate in fates.items() if layer == "PlanningElement") == 16
    assert set(fates.values()) == {"planObject", "planBoundary"}
    assert len(result.plan.objects()) == 32
    # the approval event has no place in a plan and is reported, not dropped
    assert result.report["unrepresentable"][0]["layer"] == "OrdinanceProcessEvent"
    # every regulative text ended in a group
    summary = result.report["summary"]
    assert summary["texts"] == summary["textsLinked"] == 12


def test_kempele_arcs_linearised_within_tolerance(kempele) -> None:
    _, result = kempele
    arcs = [f for f in result.findings if f.rule == "CV016"]
    assert arcs, "the Kempele plan has gml:Arc segments"
    fid = arcs[0].location["fid"]
    obj_key = next(f["planObjectKey"] for f in result.report["features"] if f["fid"] == fid)
    obj = next(o for o in result.plan.objects() if o.plan_object_key == obj_key)
    geom = obj.geometry.to_shapely()
    assert geom.is_valid
    # the first arc of the file: start, mid, end on the exterior of this feature
    start, mid, end = (
        (429590.4167, 7199550.4134),
        (429584.5278, 7199544.0233),
        (429588.6309, 7199536.3631),
    )
    ring = shapely.get_exterior_ring(shapely.get_parts(geom)[0])
    for p in (start, mid, end):
        assert ring.distance(shapely.Point(p)) < 0.011
    # more vertices than the source's straight segments: the arc was densified
    assert len(arc_points(start, mid, end)) > 4


def test_kempele_schema_valid_and_typed(kempele) -> None:
    _, result = kempele
    plan = result.plan.to_json()
    assert schema_errors(plan) == []
    letters = {g.get("letterIdentifier") for g in plan["planRegulationGroups"]}
    assert {"AKR", "AO", "YL", "AL"} <= letters  # AKR: both blocks name the combined sign
    yl = next(g for g in plan["planRegulationGroups"] if g.get("letterIdentifier") == "YL")
    assert "tehokkuusluku" in _object_types(plan, yl)


def test_kempele_without_crs_is_read_in_the_system_its_coordinates_fit() -> None:
    # the Kempele plan declares no srsName; 6-digit eastings with 7-digit northings are
    # ETRS-TM35FIN (before: an error whose hint suggested EPSG:3879, outside Finland)
    path = reference_path("gml", "kuntapilotti-2019", "Kuntapilotti_Kempele_hyvaksytty.gml")
    result = convert(path, use_extractor=False)
    assert result.plan_json()["geographicalArea"]["srid"] == "3067"
    guessed = [f for f in result.findings if f.rule == "CV020"]
    assert len(guessed) == 1 and "EPSG:3067" in guessed[0].message
    assert not result.report["reprojections"]


# -- KuntaGML fixtures -----------------------------------------------------------------------


def test_kuntagml_216_kkj_arc_links_and_unrepresentable() -> None:
    result = convert(DATA / "asemakaava-2.1.6-kkj.gml")
    plan = result.plan.to_json()
    assert schema_errors(plan) == []
    assert plan["geographicalArea"]["srid"] == "3067"  # KKJ → ETRS-TM35FIN
    assert result.report["reprojections"][0]["from"] == "2392"
    groups = {g.get("letterIdentifier"): g for g in plan["planRegulationGroups"]}
    assert _object_types(plan, groups["AK"]) == ["asuinkerrostaloalue", "tehokkuusluku"]
    assert groups["AK"]["titleOfPlanRegulation"]["swe"]
    assert _types(groups["VP"]) == ["puisto"]  # letter code read from kayttotarkoitus
    assert _object_types(plan, groups["rakennusala"]) == [
        "rakennusala",
        "sallittuKerrosala",
        "maanpaallinenKerroslukuLuku",
    ]
    assert _object_types(plan, groups["kort"])[1] == "korttelinNumero"
    assert any(f.rule == "CV016" for f in result.findings)
    layers = {u["layer"] for u in result.report["unrepresentable"]}
    assert layers == {"kaavayksikot", "luokittelemattomatkohteet"}
    general = plan["generalRegulationGroups"][0]["planRegulations"]
    assert len(general) == 1
    assert result.report["summary"]["textsLinked"] == 4


def test_kuntagml_230_etrs_gk_3d_circle_lines_points() -> None:
    result = convert(DATA / "asemakaava-2.3.0.gml")
    plan = result.plan.to_json()
    assert schema_errors(plan) == []
    assert plan["geographicalArea"]["srid"] == "3879"
    kinds = sorted(o["geometry"]["geometry"]["type"] for o in plan["planObjects"])
    assert kinds == ["LineString", "Point", "Polygon", "Polygon", "Polygon", "Polygon"]
    circle = next(f for f in result.report["features"] if f["fid"] == "le.230")["planObjectKey"]
    obj = next(o for o in result.plan.objects() if o.plan_object_key == circle)
    assert abs(obj.geometry.to_shapely().area - 3.14159 * 100) < 1.0
    assert result.report["summary"]["findings"]["warning"] == 0
    assert result.report["summary"]["texts"] == result.report["summary"]["textsLinked"] == 5


def test_kuntagml_yleiskaava_inline_texts() -> None:
    result = convert(DATA / "yleiskaava-2.3.0.gml")
    plan = result.plan.to_json()
    assert schema_errors(plan) == []
    assert result.report["plan"]["planType"] == "21"
    groups = {g.get("letterIdentifier"): g for g in plan["planRegulationGroups"]}
    assert set(groups) == {"AP", "M", "ul"}
    assert plan["generalRegulationGroups"]


def test_kuntagml_cli(tmp_path: Path, capsys) -> None:
    out = tmp_path / "plan.json"
    # the fixture's area reservations leave 6000 m² of its plan area uncovered: the plan is
    # written, validated, and the exit code says it is not valid
    with pytest.raises(SystemExit) as exc:
        main(["convert", str(DATA / "asemakaava-2.3.0.gml"), "-o", str(out), "-q"])
    assert exc.value.code == 1
    assert json.loads(out.read_text(encoding="utf-8"))["planObjects"]
    assert "error: G015 asemakaava-2.3.0.gml:kayttotarkoitusalueet:" in capsys.readouterr().err
    main(["convert", str(DATA / "asemakaava-2.3.0.gml"), "-o", str(out), "-q", "--no-validate"])


def test_kuntagml_keys_stable() -> None:
    a = convert(DATA / "asemakaava-2.3.0.gml").plan.to_json()
    b = convert(DATA / "asemakaava-2.3.0.gml").plan.to_json()
    assert a == b


def test_both_namespace_domains_read_alike(tmp_path: Path) -> None:
    text = (DATA / "asemakaava-2.3.0.gml").read_text(encoding="utf-8")
    old = tmp_path / "old.gml"
    old.write_text(text.replace("kuntatietopalvelu", "paikkatietopalvelu"), encoding="utf-8")
    a = read_xml_source(DATA / "asemakaava-2.3.0.gml")
    b = read_xml_source(old)
    assert [layer.name for layer in a.layers] == [layer.name for layer in b.layers]
    assert [len(layer) for layer in a.layers] == [len(layer) for layer in b.layers]


# -- arcs ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("p0", "p1", "p2"),
    [((0, 0), (1, 1), (2, 0)), ((0, 0), (1, -1), (2, 0)), ((10, 0), (0, 10), (-10, 0))],
)
def test_arc_points_stay_within_tolerance(p0, p1, p2) -> None:
    pts = arc_points(p0, p1, p2, tolerance=0.01)
    assert pts[0] == p0 and pts[-1] == p2
    # chord midpoints are within the tolerance of the circle
    import itertools
    import math

    (x0, y0), (x1, y1), (x2, y2) = p0, p1, p2
    d = 2 * (x0 * (y1 - y2) + x1 * (y2 - y0) + x2 * (y0 - y1))
    cx = (
        (x0**2 + y0**2) * (y1 - y2) + (x1**2 + y1**2) * (y2 - y0) + (x2**2 + y2**2) * (y0 - y1)
    ) / d
    cy = (
        (x0**2 + y0**2) * (x2 - x1) + (x1**2 + y1**2) * (x0 - x2) + (x2**2 + y2**2) * (x1 - x0)
    ) / d
    r = math.hypot(x0 - cx, y0 - cy)
    for a, b in itertools.pairwise(pts):
        mx, my = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
        assert r - math.hypot(mx - cx, my - cy) <= 0.0100001
    # the arc passes the middle point's side
    line = shapely.LineString(pts)
    assert line.distance(shapely.Point(p1)) < 0.011
