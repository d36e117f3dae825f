"""The municipality and region boundaries shipped with the package, their refresh, and G019.

* the snapshot holds every 2024 municipality (309) and region (19), valid, neighbours
  sharing their edges, dated, with its source, licence and simplification, under 2 MB;
* it is what the project's refresh code makes of the open source files (rebuilt here
  from the reference copy and compared byte for byte), not a copied file;
* the refresh reads files or URLs (a local HTTP server here), keeps the date when nothing
  changed, ``--check`` tells a stale snapshot, and bad sources are refused with a message;
* G019 works with no option at all: the right municipality or region passes, a wrong one
  is a finding located on the part outside, an unknown code is left to C010.
"""

from __future__ import annotations

import copy
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely

from ryhti.validators import validate
from ryhti.validators.boundaries import FORMAT, main, shipped, snapshot_path
from tests.conftest import reference_path
from tests.validators.bases import BASES, TODAY

DATASETS = ("datasets",)


def test_the_snapshot_holds_every_municipality_and_region() -> None:
    data = shipped()
    kinds = [a.kind for a in data.areas.values()]
    assert kinds.count("municipality") == 309 and kinds.count("region") == 19
    assert data.srid == "3067"
    assert (
        data.get("091").names["fi"] == "Helsinki" and data.get("091").names["sv"] == "Helsingfors"
    )
    assert data.get("01").names["fi"] == "Uusimaa" and data.get("01").kind == "region"
    assert (
        data.get("http://uri.suomi.fi/codelist/jhs/kunta_1_20240101/code/049").names["fi"]
        == "Espoo"
    )
    meta = data.meta
    assert meta["format"] == FORMAT and meta["vintage"] == "2024"
    assert meta["licence"] == "CC BY 4.0" and "National Land Survey" in meta["attribution"]
    assert meta["simplification"]["tolerance_m"] == 100.0
    assert len(meta["snapshot_date"]) == 10
    assert snapshot_path().stat().st_size < 2_000_000


def test_the_snapshot_geometries_are_valid_and_share_their_edges() -> None:
    data = shipped()
    for kind in ("municipality", "region"):
        geoms = np.array([a.geometry for a in data.areas.values() if a.kind == kind])
        assert shapely.is_valid(geoms).all()
        assert shapely.coverage_is_valid(geoms), f"{kind} boundaries do not form a coverage"
    helsinki, vantaa = data.get("091").geometry, data.get("092").geometry
    assert shapely.length(shapely.intersection(helsinki.boundary, vantaa.boundary)) > 10_000


def test_the_snapshot_is_what_the_refresh_makes_of_the_open_source(tmp_path: Path) -> None:
    municipalities = reference_path(*DATASETS, "municipalities-2024.geojson")
    regions = reference_path(*DATASETS, "regions-2024.geojson")
    meta = shipped().meta
    target = tmp_path / "boundaries.json"
    code = main(
        [
            "--municipalities",
            str(municipalities),
            "--regions",
            str(regions),
            "--origin",
            meta["origin"],
            "--date",
            meta["snapshot_date"],
            "-o",
            str(target),
        ]
    )
    assert code == 0
    assert target.read_bytes() == snapshot_path().read_bytes()


# -- the refresh on small sources ------------------------------------------------------------


def _square(x: float, y: float, size: float = 10_000.0) -> list[Any]:
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


def _collection(features: list[tuple[dict[str, Any], list[Any]]], crs: str = "3067") -> dict:
    return {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": f"urn:ogc:def:crs:EPSG::{crs}"}},
        "features": [
            {"type": "Feature", "properties": p, "geometry": {"type": "Polygon", "coordinates": c}}
            for p, c in features
        ],
    }


MUNICIPALITIES = _collection(
    [
        (
            {"kunta": "91", "nimi": "Helsinki", "namn": "Helsingfors", "vuosi": 2025},
            _square(380_000, 6_670_000),
        ),
        ({"kunta": "092", "nimi": "Vantaa", "namn": "Vanda"}, _square(390_000, 6_670_000)),
    ]
)
REGIONS = _collection([({"maakunta": "1", "nimi": "Uusimaa"}, _square(370_000, 6_660_000, 40_000))])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    """A local HTTP server serving ``tmp_path`` (the Statistics Finland WFS stands in)."""
    (tmp_path / "kunta.json").write_text(json.dumps(MUNICIPALITIES), encoding="utf-8")
    (tmp_path / "maakunta.json").write_text(json.dumps(REGIONS), encoding="utf-8")

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(tmp_path), **kwargs)

        def log_message(self, *args: Any) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


def test_refresh_from_urls_writes_a_dated_snapshot_and_keeps_the_date(
    server: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "b.json"
    args = ["--municipalities", f"{server}/kunta.json", "--regions", f"{server}/maakunta.json"]
    assert main([*args, "--year", "2025", "--date", "2025-01-02", "-o", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    meta = doc["ryhti"]
    assert meta["snapshot_date"] == "2025-01-02" and meta["vintage"] == "2025"
    assert meta["sources"]["municipality"].startswith("http://127.0.0.1")
    codes = [(f["properties"]["kind"], f["properties"]["code"]) for f in doc["features"]]
    assert codes == [("municipality", "091"), ("municipality", "092"), ("region", "01")]
    assert doc["features"][0]["properties"]["names"] == {"fi": "Helsinki", "sv": "Helsingfors"}
    first = out.read_bytes()
    # the same sources again, on another day: nothing changes, not even the date
    assert main([*args, "--year", "2025", "-o", str(out)]) == 0
    assert out.read_bytes() == first
    assert main([*args, "--year", "2025", "-o", str(out), "--check"]) == 0
    # a changed source makes the snapshot stale
    changed = copy.deepcopy(MUNICIPALITIES)
    changed["features"][1]["geometry"]["coordinates"] = _square(391_000, 6_670_000)
    (tmp_path / "kunta2.json").write_text(json.dumps(changed), encoding="utf-8")
    stale = [
        "--municipalities",
        str(tmp_path / "kunta2.json"),
        "--regions",
        f"{server}/maakunta.json",
    ]
    assert main([*stale, "--year", "2025", "-o", str(out), "--check"]) == 1
    assert out.read_bytes() == first


@pytest.mark.parametrize(
    ("collection", "message"),
    [
        (_collection([({"kunta": "091"}, _square(0, 0))], crs="3879"), "EPSG:3067"),
        (_collection([({"nimi": "x"}, _square(0, 0))]), "no code property"),
        (
            _collection([({"kunta": "091"}, _square(0, 0)), ({"kunta": "91"}, _square(9, 9))]),
            "occur twice",
        ),
        ({"type": "Feature"}, "not a GeoJSON FeatureCollection"),
    ],
)
def test_refresh_refuses_a_bad_source(
    collection: Any, message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(collection), encoding="utf-8")
    good = tmp_path / "regions.json"
    good.write_text(json.dumps(REGIONS), encoding="utf-8")
    out = tmp_path / "out.json"
    code = main(["--municipalities", str(bad), "--regions", str(good), "-o", str(out)])
    assert code == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


# -- G019 with the shipped boundaries ----------------------------------------------------------


def _g019(**options: Any) -> list[Any]:
    from ryhti.validators import Config

    result = validate(BASES["plan"](), config=Config(today=TODAY), **options)
    return [f for f in result.findings if f.rule == "G019"]


def test_g019_needs_no_option() -> None:
    assert _g019(plan_type="31", municipality="091") == []  # the base plan is in Helsinki
    (finding,) = _g019(plan_type="31", municipality="049")  # filed under Espoo
    assert finding.path == "$.geographicalArea"
    assert finding.geometry.geom_type == "Polygon"
    assert round(finding.geometry.area) == 10_000
    assert "2024" in finding.data["boundaries"]


def test_g019_reads_region_codes_and_leaves_unknown_codes_to_c010() -> None:
    assert _g019(plan_type="11", municipality="01") == []  # maakuntakaava in Uusimaa
    assert len(_g019(plan_type="11", municipality="02")) == 1  # Varsinais-Suomi
    assert _g019(plan_type="31", municipality="999") == []


@pytest.mark.parametrize(
    ("features", "where", "what"),
    [
        ([1], "$.features[0]", "not a GeoJSON object"),
        (
            [{"type": "Feature", "properties": [1], "geometry": None}],
            "$.features[0].properties",
            "no properties object",
        ),
        (
            [{"type": "Feature", "properties": {}, "geometry": None}],
            "$.features[0].properties",
            "no area code",
        ),
        (
            [
                {
                    "type": "Feature",
                    "properties": {"code": "091"},
                    "geometry": {"type": "Point", "coordinates": [1, 2]},
                }
            ],
            "$.features[0].geometry",
            "091 is not a Polygon",
        ),
    ],
)
def test_a_bad_boundaries_file_names_file_feature_and_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], features: list[Any], where: str, what: str
) -> None:
    """A user's boundaries file (--boundaries) is read safely and never half-used: a feature
    G019 cannot use stops the run with one line naming it (it once ended the rule in an
    internal error, or was skipped without a word)."""
    from ryhti.cli import main as cli

    path = tmp_path / "rajat.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    plan = tmp_path / "plan.json"
    plan.write_text(json.dumps(BASES["plan"]()), encoding="utf-8")
    with pytest.raises(SystemExit) as exc:
        cli(["validate", str(plan), "--municipality", "091", "--boundaries", str(path)])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert f"rajat.geojson: {where}: " in err and what in err and "internal error" not in err
