"""The plugin's toolkit side (``qgis_plugin/ryhti_qgis/bridge.py``), without QGIS.

The bridge runs in the toolkit's Python and writes the files the plugin loads; these
tests run it in this ``.venv`` on the sample and on an official example with planted
faults, so its answers are checked even where QGIS is not installed.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import reference_path

ROOT = Path(__file__).resolve().parents[2]
BRIDGE = ROOT / "qgis_plugin" / "ryhti_qgis" / "bridge.py"
SAMPLE = ROOT / "samples" / "espoo-asemakaava"
EXAMPLE = (
    "ryhti/examples/spatineo/kaavoitus/sallittuKerrosala/SpatialPlan-kayttotarkoituskohdistus.json"
)


def _load_bridge():
    spec = importlib.util.spec_from_file_location("ryhti_qgis_bridge", BRIDGE)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


bridge = _load_bridge()


def run_bridge(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(BRIDGE), *args], capture_output=True, text=True, timeout=300
    )


def read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def planted_example(tmp_path: Path) -> tuple[Path, dict]:
    data = json.loads(reference_path(EXAMPLE).read_text(encoding="utf-8"))
    moved = data["planObjects"][2]["geometry"]["geometry"]
    moved["coordinates"] = [[[x + 200, y] for x, y in ring] for ring in moved["coordinates"]]
    ring = data["planObjects"][1]["geometry"]["geometry"]["coordinates"][0]
    ring[1], ring[2] = ring[2], ring[1]
    data["lifeCycleStatus"] = "http://uri.suomi.fi/codelist/rytj/kaavaelinkaari/code/99"
    path = tmp_path / "planted.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path, data


def shape(geometry: dict) -> shapely.Geometry:
    return shapely.from_geojson(json.dumps(geometry))


# -- placing findings ---------------------------------------------------------------------

BOX = shapely.box(0, 0, 10, 10)
OBJECTS = {
    "area": {"srid": "3067", "geometry": json.loads(shapely.to_geojson(shapely.box(1, 1, 3, 3)))},
    "line": {"srid": "3067", "geometry": {"type": "LineString", "coordinates": [[0, 0], [5, 5]]}},
}


def feature(geometry: shapely.Geometry | None, key: str | None, origin: str | None) -> dict:
    return {
        "geometry": json.loads(shapely.to_geojson(geometry)) if geometry is not None else None,
        "properties": {
            "rule": "X",
            "severity": "error",
            "objectKey": key,
            "geometrySource": origin,
        },
    }


def test_place_findings_sorts_each_finding_by_its_geometry():
    features = [
        feature(shapely.box(2, 2, 4, 4), "area", "finding"),  # an areal fault
        feature(None, None, None),  # about the plan
        feature(None, "plan-key", None),  # names the plan, not an object
        feature(shapely.Point(2, 2), "area", "finding"),  # a point fault in an area object
        feature(shape(OBJECTS["line"]["geometry"]), "line", "object"),  # on a line object
        feature(
            shapely.GeometryCollection([shapely.Point(1, 1), shapely.box(5, 5, 6, 6)]),
            None,
            "finding",
        ),
    ]
    table, lines, points = bridge.place_findings(features, BOX, OBJECTS, "3067")
    assert [p["finding"] for _, p in table] == [1, 2, 3, 4, 5, 6]  # every finding once, in order
    sources = [p["geometry_source"] for _, p in table]
    assert sources == ["finding", "plan", "plan", "object", "lines", "finding"]
    assert shapely.equals(table[0][0], shapely.MultiPolygon([shapely.box(2, 2, 4, 4)]))
    assert shapely.equals(table[1][0], shapely.MultiPolygon([BOX]))
    assert shapely.equals(table[3][0], shapely.MultiPolygon([shapely.box(1, 1, 3, 3)]))
    assert table[4][0] is None
    assert [p["finding"] for _, p in lines] == [5]
    assert [p["finding"] for _, p in points] == [4, 6]
    assert all(g.geom_type == "MultiPoint" for g, _ in points)


def test_place_findings_without_a_boundary_leaves_plan_findings_without_geometry():
    table, lines, points = bridge.place_findings([feature(None, None, None)], None, {}, None)
    assert table[0][0] is None and not lines and not points


simple = st.one_of(
    st.builds(shapely.Point, st.integers(0, 50), st.integers(0, 50)),
    st.builds(
        lambda x, y, d: shapely.LineString([(x, y), (x + d, y + 1)]),
        st.integers(0, 50),
        st.integers(0, 50),
        st.integers(1, 9),
    ),
    st.builds(
        lambda x, y, d: shapely.box(x, y, x + d, y + d),
        st.integers(0, 50),
        st.integers(0, 50),
        st.integers(1, 9),
    ),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(simple, min_size=1, max_size=8))
def test_split_geometry_keeps_every_part(parts):
    collection = shapely.GeometryCollection(parts)
    polys, lines, points = bridge.split_geometry(collection)
    kinds = [p.geom_type for p in parts]
    counts = [len(shapely.get_parts(g)) if g is not None else 0 for g in (polys, lines, points)]
    assert counts == [kinds.count("Polygon"), kinds.count("LineString"), kinds.count("Point")]


# -- the findings job ---------------------------------------------------------------------


def test_findings_of_the_sample(tmp_path):
    done = run_bridge(
        "findings", str(SAMPLE / "plan.json"), str(tmp_path), "--", "--plan-type", "31"
    )
    assert done.returncode == 0, done.stderr
    summary = read(tmp_path / "summary.json")
    assert summary["counts"] == {"error": 0, "warning": 0, "info": 0}
    assert read(tmp_path / "findings.geojson")["features"] == []
    assert "@progress 100" in done.stderr


def test_findings_of_the_planted_example(tmp_path):
    plan, data = planted_example(tmp_path)
    out = tmp_path / "out"
    done = run_bridge("findings", str(plan), str(out), "--lang", "en", "--", "--plan-type", "31")
    assert done.returncode == 1  # ryhti validate's "errors found", not a failure
    summary = read(out / "summary.json")
    cli = subprocess.run(
        [sys.executable, "-m", "ryhti", "validate", str(plan), "--plan-type", "31", "-f", "json"],
        capture_output=True,
        text=True,
    )
    expected = json.loads(cli.stdout)["summary"]
    assert summary["counts"] == {k: expected[k] for k in ("error", "warning", "info")}
    table = read(out / "findings.geojson")
    assert table["crs"]["properties"]["name"] == "urn:ogc:def:crs:EPSG::3880"
    rows = table["features"]
    assert len(rows) == expected["findings"]
    boundary = shape(data["geographicalArea"]["geometry"])
    moved = shape(data["planObjects"][2]["geometry"]["geometry"])
    (g013,) = [r for r in rows if r["properties"]["rule"] == "G013"]
    assert shapely.equals_exact(
        shapely.normalize(shape(g013["geometry"])),
        shapely.normalize(shapely.MultiPolygon([moved.difference(boundary)])),
        tolerance=0.001,
    )
    (c001,) = [r for r in rows if r["properties"]["rule"] == "C001"]
    assert c001["properties"]["geometry_source"] == "plan"
    assert shape(c001["geometry"]).symmetric_difference(boundary).area < 0.01
    points = read(out / "findings_points.geojson")["features"]
    assert [p["properties"]["rule"] for p in points] == ["G008"]


def test_findings_of_unreadable_input_is_one_error_line(tmp_path):
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    done = run_bridge("findings", str(broken), str(tmp_path / "out"))
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if not line.startswith("@progress")]
    assert len(lines) == 1 and lines[0].startswith("ryhti: error:") and "broken.json" in lines[0]


# -- the layers job -----------------------------------------------------------------------


def test_layers_of_the_sample_carry_codes_regulations_and_map_colours(tmp_path):
    from ryhti import load_plan
    from ryhti.codelists import registry
    from ryhti.generators.figures import compute_figures
    from ryhti.generators.mapfig import class_colours

    done = run_bridge("layers", str(SAMPLE / "plan.json"), str(tmp_path))
    assert done.returncode == 0, done.stderr
    summary = read(tmp_path / "summary.json")
    assert (summary["areas"], summary["lines"], summary["points"], summary["boundary"]) == (
        27,
        3,
        2,
        1,
    )
    expected = class_colours(compute_figures(load_plan(SAMPLE / "plan.json"), registry=registry()))
    assert {c["key"]: c["colour"] for c in summary["classes"]} == expected
    areas = read(tmp_path / "areas.geojson")["features"]
    ak = [a["properties"] for a in areas if a["properties"]["kaavamerkinta"] == "AK"]
    assert ak and all(a["vari"] == expected["asuinkerrostaloalue"] for a in ak)
    assert "Rakennusoikeus 4\u00a0800\u00a0k-m²" in ak[0]["maaraykset"]
    boundary = read(tmp_path / "boundary.geojson")["features"][0]["properties"]
    assert "Hulevedet" in boundary["yleismaaraykset"]


def test_layers_in_swedish(tmp_path):
    done = run_bridge("layers", str(SAMPLE / "plan.json"), str(tmp_path), "--lang", "sv")
    assert done.returncode == 0, done.stderr
    areas = read(tmp_path / "areas.geojson")["features"]
    texts = " ".join(a["properties"]["maaraykset"] or "" for a in areas)
    assert "Byggrätt" in texts


def test_layers_of_a_plan_matter_is_a_clear_error(tmp_path):
    matter = reference_path(
        "ryhti/examples/spatineo/kaavoitus/kaava-asia/asemakaava/"
        "LocalDetailedPlanMatter-kokonainen-asia-hyvaksytty.json"
    )
    done = run_bridge("layers", str(matter), str(tmp_path))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines()[-1].startswith("ryhti: error:")


@pytest.mark.parametrize("job", ["findings", "layers"])
def test_missing_plan_names_the_file(tmp_path, job):
    done = run_bridge(job, str(tmp_path / "nope.json"), str(tmp_path / "out"))
    assert done.returncode == 2
    assert "nope.json" in done.stderr.strip().splitlines()[-1]
