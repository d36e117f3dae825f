"""GeoJSON: a valid FeatureCollection that GDAL (and so QGIS) opens in the right CRS."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely

from ryhti.findings import Finding, Severity
from ryhti.reports import render, write
from tests.reports import sample

TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"}


def _collection(findings: list[Finding], **kwargs: object) -> dict:
    return json.loads(render(findings, "geojson", tool_version="1.2.3", **kwargs))


def _check_valid(fc: dict) -> None:
    assert fc["type"] == "FeatureCollection"
    for feature in fc["features"]:
        assert feature["type"] == "Feature"
        assert isinstance(feature["properties"], dict)
        geom = feature["geometry"]
        if geom is None:
            continue
        assert geom["type"] in TYPES
        assert shapely.from_geojson(json.dumps(geom)) is not None


def test_one_feature_per_finding_with_null_geometry_allowed() -> None:
    fc = _collection(sample.findings(), documents={sample.PLAN_A: sample.plan()})
    _check_valid(fc)
    assert len(fc["features"]) == len(sample.findings())
    by_rule = {f["properties"]["rule"]: f for f in fc["features"]}
    assert by_rule["quality__req_plan_planDescription"]["geometry"] is None
    assert by_rule["config.unreadable"]["geometry"] is None
    geo = by_rule["geometry.self-intersection"]
    assert geo["geometry"]["type"] == "Polygon"
    assert geo["properties"]["message_fi"].startswith("Kaavakohteen")
    assert geo["properties"]["severity"] == "error"
    assert geo["properties"]["geometrySource"] == "finding"


def test_finding_without_geometry_is_placed_on_its_object() -> None:
    fc = _collection(sample.findings(), documents={sample.PLAN_A: sample.plan()})
    tree = next(f for f in fc["features"] if f["properties"]["rule"] == "group.missing")
    assert tree["geometry"] == {"type": "Point", "coordinates": [385100.0, 6672220.0]}
    assert tree["properties"]["geometrySource"] == "object"
    without_plan = _collection(sample.findings())
    tree = next(f for f in without_plan["features"] if f["properties"]["rule"] == "group.missing")
    assert tree["geometry"] is None


def test_plan_crs_is_kept_and_declared() -> None:
    plan_a = [f for f in sample.findings() if f.source == sample.PLAN_A]
    fc = _collection(plan_a)
    assert fc["crs"]["properties"]["name"] == "urn:ogc:def:crs:EPSG::3067"
    assert fc["ryhti"]["srid"] == "3067"
    assert "not WGS84" in fc["ryhti"]["note"]
    geo = next(f for f in fc["features"] if f["geometry"])
    assert geo["geometry"]["coordinates"][0][0] == [385020.0, 6672020.0]


def test_mixed_zones_are_brought_to_tm35fin() -> None:
    fc = _collection(sample.findings())
    assert fc["ryhti"]["srid"] == "3067"
    conv = next(f for f in fc["features"] if f["properties"]["rule"].startswith("conversion"))
    assert conv["properties"]["srid"] == "3879"
    x, y = conv["geometry"]["coordinates"]
    assert 300_000 < x < 500_000 and 6_600_000 < y < 6_800_000


def test_to_wgs84_writes_rfc7946_lon_lat() -> None:
    fc = _collection(sample.findings(), to_wgs84=True)
    _check_valid(fc)
    assert "crs" not in fc
    assert fc["ryhti"]["srid"] == "4326"
    for feature in fc["features"]:
        if feature["geometry"] is None:
            continue
        coords = shapely.get_coordinates(shapely.from_geojson(json.dumps(feature["geometry"])))
        assert ((coords[:, 0] > 19) & (coords[:, 0] < 32)).all()  # Finland's longitudes
        assert ((coords[:, 1] > 59) & (coords[:, 1] < 71)).all()


def test_to_wgs84_drops_geometry_without_a_coordinate_system() -> None:
    f = Finding("r", Severity.ERROR, "m", geometry={"type": "Point", "coordinates": [1, 2]})
    fc = _collection([f], to_wgs84=True)
    assert fc["features"][0]["geometry"] is None


def test_empty_collection() -> None:
    fc = _collection([])
    _check_valid(fc)
    assert fc["features"] == []


def test_gdal_reads_the_layer_in_the_plan_crs(tmp_path: Path) -> None:
    pyogrio = pytest.importorskip("pyogrio")
    out = write(sample.findings(), "geojson", tmp_path / "findings.geojson")
    info = pyogrio.read_info(out)
    assert info["crs"] == "EPSG:3067"
    assert info["features"] == len(sample.findings())
    assert "message_fi" in list(info["fields"])
