"""Fixture layers the project makes, served by a real WFS (MapServer) and OGC API (pygeoapi).

The plan is the validator's base plan (a 100 m square in Helsinki, EPSG:3067). The
layers carry the national services' layer names and attributes, so the presets are
exercised with only their URLs pointed at the local servers.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pytest
import shapely
from shapely.geometry import Point, box, mapping

from tests.lahtotiedot.servers import MAPSERV, WfsServer, pygeoapi_server
from tests.validators.bases import X0, Y0, plan

needs_mapserv = pytest.mark.skipif(
    MAPSERV is None, reason="MapServer's mapserv is not installed (scripts/setup.sh installs it)"
)


def make_layers(folder: Path) -> dict[str, Any]:
    """The fixture layers: Natura areas, ancient monuments, a yleiskaava plan (CRS84)."""
    natura = gpd.GeoDataFrame(
        {
            "naturatunnus": ["FI0100001", "FI0100099"],
            "nimisuomi": ["Testisuo", "Kaukainen suo"],
            "aluetyyppi": ["SAC", "SAC"],
        },
        geometry=[box(X0 + 70, Y0 + 60, X0 + 95, Y0 + 95), box(X0 + 5000, Y0, X0 + 6000, Y0 + 900)],
        crs=3067,
    )
    natura.to_file(folder / "ps.gpkg", layer="sac", driver="GPKG")
    monuments = gpd.GeoDataFrame(
        {
            "mjtunnus": [1000001, 1000002, 1000003],
            # Museovirasto pads its text fields with spaces
            "kohdenimi": ["Kivikko" + " " * 20, "Rajakivi" + " " * 20, "Kaukana" + " " * 20],
            "Laji": ["kiinteä muinaisjäännös"] * 3,
        },
        geometry=[Point(X0 + 80, Y0 + 20), Point(X0 + 150, Y0 + 50), Point(X0 + 9000, Y0)],
        crs=3067,
    )
    monuments.to_file(folder / "mv.gpkg", layer="muinaisjaannos_piste", driver="GPKG")
    from pyproj import Transformer

    to_lonlat = Transformer.from_crs(3067, 4326, always_xy=True)
    yk = shapely.transform(
        box(X0 - 500, Y0 - 500, X0 + 600, Y0 + 600),
        lambda xy: np.column_stack(to_lonlat.transform(xy[:, 0], xy[:, 1])),
    )
    plans = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": "yk1",
                "properties": {
                    "id": "yk1",
                    "name_fin": "Testikylän osayleiskaava",
                    "permanent_plan_identifier": "YK-000001",
                },
                "geometry": mapping(yk),
            }
        ],
    }
    (folder / "plans.geojson").write_text(json.dumps(plans), encoding="utf-8")
    (folder / "plan.json").write_text(json.dumps(plan()), encoding="utf-8")
    return {"plan": folder / "plan.json"}


@pytest.fixture(scope="package")
def services(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """Both servers running over the fixture layers; yields their URLs and the plan file."""
    if MAPSERV is None:
        pytest.skip("MapServer's mapserv is not installed (scripts/setup.sh installs it)")
    folder = tmp_path_factory.mktemp("services")
    made = make_layers(folder)
    layers = {
        "inspire_ps": [
            ("PS.ProtectedSitesSpecialAreaOfConservation", "POLYGON", folder / "ps.gpkg", "sac")
        ],
        "rajapinta_suojellut": [
            ("muinaisjaannos_piste", "POINT", folder / "mv.gpkg", "muinaisjaannos_piste")
        ],
    }
    with (
        WfsServer(folder, layers) as wfs,
        pygeoapi_server(folder, {"pub_valid_lm_plan_ix_gs": folder / "plans.geojson"}) as oapif,
    ):
        yield {"wfs": wfs, "oapif": oapif, "folder": folder, **made}
    shutil.rmtree(folder, ignore_errors=True)
