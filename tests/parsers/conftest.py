"""Fixtures for the converter tests: small GIS files written on the fly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from .pgcluster import Unavailable, cluster

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "espoo-asemakaava"


def write_layer(
    path: Path,
    layer: str,
    rows: list[dict[str, Any]],
    geoms: list[Any],
    *,
    crs: str | None = "EPSG:3879",
    driver: str = "GPKG",
    **kwargs: Any,
) -> Path:
    """Write one layer of features to ``path`` with pyogrio."""
    import geopandas as gpd
    import pyogrio

    frame = gpd.GeoDataFrame(rows, geometry=gpd.GeoSeries(geoms), crs=crs)
    pyogrio.write_dataframe(frame, path, layer=layer, driver=driver, **kwargs)
    return path


@pytest.fixture
def sample() -> Path:
    """Folder of the project's sample plan."""
    return SAMPLE


@pytest.fixture(scope="session")
def postgis_url() -> Iterator[str]:
    """A PostGIS server for the session: ``$RYHTI_TEST_POSTGIS_URL``, else a throwaway
    cluster (skips, saying why, when none can be started)."""
    try:
        with cluster() as url:
            yield url
    except Unavailable as exc:
        pytest.skip(str(exc))
